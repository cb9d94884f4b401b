/* transform/phrases.c - the phrases of a language set, found by a table (phrases.h). */
#include "transform/phrases.h"

#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>

#include "base/cindoc.h"
#include "case/calendar-xslt.h"

#define PHRASES_NS "urn:cindoc:l10n"

struct cd_phrases {
	GHashTable *sets; /* xmlNodePtr (the set's element) -> GHashTable (key -> xmlNodePtr) */
};

/* The table's value for a key that no phrase can be printed from: two texts with the key, or
 * a text with no slot and only white space. */
static char unusable;

cd_phrases *cd_phrases_new(void)
{
	cd_phrases *p = g_new0(cd_phrases, 1);
	p->sets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					(GDestroyNotify)g_hash_table_destroy);
	return p;
}

void cd_phrases_free(cd_phrases *p)
{
	if (!p)
		return;
	g_hash_table_destroy(p->sets);
	g_free(p);
}

static gboolean not_kept(gpointer set, gpointer table, gpointer keep)
{
	(void)table;
	const GPtrArray *docs = keep;
	xmlDocPtr doc = ((xmlNodePtr)set)->doc;
	for (guint i = 0; docs && i < docs->len; i++)
		if (docs->pdata[i] == doc)
			return FALSE;
	return TRUE;
}

void cd_phrases_keep_only(cd_phrases *p, const GPtrArray *keep)
{
	g_hash_table_foreach_remove(p->sets, not_kept, (gpointer)keep);
}

static int is_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && strcmp((const char *)n->name, name) == 0;
}

/* A text that prints nothing: no slot, and only white space (XPath's normalize-space() = ''). */
static int empty_text(xmlNodePtr text)
{
	for (xmlNodePtr c = text->children; c; c = c->next)
		if (is_named(c, "slot"))
			return 0;
	xmlChar *s = xmlNodeGetContent(text);
	int empty = 1;
	for (const xmlChar *c = s; c && *c && empty; c++)
		empty = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
	xmlFree(s);
	return empty;
}

/* The table of a set: its element's <text key="..."> children by key. Keys point into the
 * set's document, which outlives the table. */
static GHashTable *table_of(cd_phrases *p, xmlNodePtr set)
{
	GHashTable *t = g_hash_table_lookup(p->sets, set);
	if (t)
		return t;
	t = g_hash_table_new_full(g_str_hash, g_str_equal, xmlFree, NULL);
	for (xmlNodePtr c = set->children; c; c = c->next) {
		if (!is_named(c, "text"))
			continue;
		xmlChar *key = xmlGetNoNsProp(c, (const xmlChar *)"key");
		if (!key)
			continue;
		gpointer v = g_hash_table_contains(t, key) || empty_text(c) ? (gpointer)&unusable : c;
		g_hash_table_replace(t, key, v);
	}
	g_hash_table_insert(p->sets, set, t);
	return t;
}

/* l10n:text(set, key, adult) */
static void f_text(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	cd_phrases *p = tctxt ? tctxt->_private : NULL;
	if (nargs != 3 || !p) {
		for (int i = 0; i < nargs; i++)
			xmlXPathFreeObject(valuePop(ctxt));
		cd_xslt_fail(ctxt, "l10n:text", nargs != 3 ? "takes 3 arguments, not %d" : "no table of phrases (%d)", nargs);
		valuePush(ctxt, xmlXPathNewNodeSet(NULL));
		return;
	}
	xmlChar *adult = xmlXPathPopString(ctxt);
	xmlChar *key = xmlXPathPopString(ctxt);
	xmlXPathObjectPtr set = valuePop(ctxt);
	xmlNodePtr found = NULL;
	if (!set || set->type != XPATH_NODESET) {
		cd_xslt_fail(ctxt, "l10n:text", "the first argument is not a node-set");
	} else if (key && set->nodesetval && set->nodesetval->nodeNr > 0) {
		GHashTable *t = table_of(p, set->nodesetval->nodeTab[0]);
		size_t n = strlen((const char *)key);
		gpointer v = NULL;
		if (adult && strcmp((const char *)adult, "yes") == 0 && n >= 6 &&
		    strcmp((const char *)key + n - 6, ".child") == 0) {
			char *adult_key = g_strdup_printf("%.*s.adult", (int)(n - 6), (const char *)key);
			v = g_hash_table_lookup(t, adult_key);
			g_free(adult_key);
		}
		if (!v)
			v = g_hash_table_lookup(t, key);
		if (v != &unusable)
			found = v;
	}
	xmlXPathFreeObject(set);
	xmlFree(key);
	xmlFree(adult);
	valuePush(ctxt, xmlXPathNewNodeSet(found));
}

int cd_phrases_register(xsltTransformContextPtr ctxt, cd_phrases *p)
{
	if (ctxt->_private && ctxt->_private != p)
		return cd_fail(-CD_EXIT_INTERNAL, "phrases: the transform context's _private is taken");
	ctxt->_private = p;
	if (xsltRegisterExtFunction(ctxt, (const xmlChar *)"text", (const xmlChar *)PHRASES_NS, f_text) < 0)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot register l10n:text");
	return 0;
}
