/* transform/phrases.c - the phrases of a language set, found by a table (phrases.h). */
#include "transform/phrases.h"

#include <string.h>

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/variables.h>
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

/* Stops the transform with a message of the language set's (`lang`: the transform's $lang), as
 * xsl:message terminate="yes" would: "templates/l10n/LANG.xml: error: WHAT". */
static void stop_at_set(xsltTransformContextPtr tctxt, const char *what, const xmlChar *key)
{
	xmlXPathObjectPtr lang = xsltVariableLookup(tctxt, (const xmlChar *)"lang", NULL);
	xmlChar *l = lang ? xmlXPathCastToString(lang) : NULL;
	xmlGenericErrorFunc say = tctxt->error ? tctxt->error : xsltGenericError;
	void *to = tctxt->error ? tctxt->errctx : xsltGenericErrorContext;
	if (key)
		say(to, "templates/l10n/%s.xml: error: %s '%s'\n", l ? (const char *)l : "", what, (const char *)key);
	else
		say(to, "templates/l10n/%s.xml: error: %s\n", l ? (const char *)l : "", what);
	xmlFree(l);
	xmlXPathFreeObject(lang);
	tctxt->state = XSLT_STATE_STOPPED;
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
	} else if (!set->nodesetval || set->nodesetval->nodeNr == 0) {
		stop_at_set(tctxt, "no language set", NULL);
	} else if (key) {
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
		if (!found)
			stop_at_set(tctxt, "no text for", key);
	}
	xmlXPathFreeObject(set);
	xmlFree(key);
	xmlFree(adult);
	valuePush(ctxt, xmlXPathNewNodeSet(found));
}

/* ---- l10n:fill ---- */

/* What l10n:fill gives back: nodes that xsl:copy-of copies in this order (libxslt copies a
 * document node's children: a slot's result tree fragment), and for a word that is not a node
 * of its own (a string or number slot, a gender form), a text node in a fragment of the
 * transform's, freed with the instruction. Each such text node is the child of an element of its
 * own, so that two of them never merge into one. */
struct filling {
	xsltTransformContextPtr tctxt;
	xmlNodeSetPtr out;
	xmlDocPtr words; /* made the first time a word needs it */
};

static void add_words(struct filling *f, const xmlChar *s)
{
	if (!s || !*s)
		return; /* xsl:copy-of prints nothing for an empty string */
	if (!f->words) {
		f->words = xsltCreateRVT(f->tctxt);
		if (!f->words)
			return;
		xsltRegisterLocalRVT(f->tctxt, f->words);
	}
	xmlNodePtr holder = xmlNewDocNode(f->words, NULL, (const xmlChar *)"w", NULL);
	xmlNodePtr t = holder ? xmlNewDocText(f->words, s) : NULL;
	if (!t) {
		xmlFreeNode(holder);
		return;
	}
	xmlAddChild(holder, t);
	xmlAddChild((xmlNodePtr)f->words, holder);
	xmlXPathNodeSetAddUnique(f->out, t);
}

/* A slot's value, as xsl:copy-of prints it. */
static void add_value(struct filling *f, xmlXPathObjectPtr v)
{
	if (!v)
		return;
	if (v->type == XPATH_NODESET || v->type == XPATH_XSLT_TREE) {
		for (int i = 0; v->nodesetval && i < v->nodesetval->nodeNr; i++)
			xmlXPathNodeSetAddUnique(f->out, v->nodesetval->nodeTab[i]);
		return;
	}
	xmlChar *s = xmlXPathCastToString(v);
	add_words(f, s);
	xmlFree(s);
}

/* The nodes of a phrase, filled: as the templates of mode "l10n" (common/l10n.xsl) would print
 * them. `slots` is NULL below an element that is neither a slot nor a <g> (which XSLT's built-in
 * rule passes no parameters to). */
static void fill_nodes(struct filling *f, xmlNodePtr first, xmlXPathObjectPtr *slots, xmlXPathObjectPtr g)
{
	for (xmlNodePtr c = first; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			xmlXPathNodeSetAddUnique(f->out, c);
		} else if (is_named(c, "slot")) {
			xmlChar *n = xmlGetNoNsProp(c, (const xmlChar *)"n");
			double k = n ? xmlXPathCastStringToNumber(n) : 0;
			xmlFree(n);
			if (slots && (k == 1 || k == 2 || k == 3 || k == 4))
				add_value(f, slots[(int)k - 1]);
		} else if (is_named(c, "g")) {
			/* a word that agrees with the child's gender: @f or @m, else the words between */
			xmlChar *gs = g ? xmlXPathCastToString(g) : NULL;
			const char *form = xmlStrEqual(gs, (const xmlChar *)"f") ? "f" :
			                   xmlStrEqual(gs, (const xmlChar *)"m") ? "m" : NULL;
			xmlFree(gs);
			xmlChar *w = form ? xmlGetNoNsProp(c, (const xmlChar *)form) : NULL;
			if (!w)
				w = xmlNodeGetContent(c);
			add_words(f, w);
			xmlFree(w);
		} else if (c->type == XML_ELEMENT_NODE) {
			fill_nodes(f, c->children, NULL, NULL);
		}
	}
}

/* l10n:fill(text, s1, s2, s3, s4, g) */
static void f_fill(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
	if (nargs != 6 || !tctxt) {
		for (int i = 0; i < nargs; i++)
			xmlXPathFreeObject(valuePop(ctxt));
		cd_xslt_fail(ctxt, "l10n:fill", "takes 6 arguments, not %d", nargs);
		valuePush(ctxt, xmlXPathNewNodeSet(NULL));
		return;
	}
	xmlXPathObjectPtr g = valuePop(ctxt); /* made a string only for a phrase with a <g> */
	xmlXPathObjectPtr slots[4];
	for (int i = 3; i >= 0; i--)
		slots[i] = valuePop(ctxt);
	xmlXPathObjectPtr text = valuePop(ctxt);
	struct filling f = { tctxt, xmlXPathNodeSetCreate(NULL), NULL };
	if (!text || text->type != XPATH_NODESET)
		cd_xslt_fail(ctxt, "l10n:fill", "the first argument is not a node-set");
	else if (text->nodesetval && text->nodesetval->nodeNr > 0)
		fill_nodes(&f, text->nodesetval->nodeTab[0]->children, slots, g);
	for (int i = 0; i < 4; i++)
		xmlXPathFreeObject(slots[i]);
	xmlXPathFreeObject(text);
	xmlXPathFreeObject(g);
	valuePush(ctxt, xmlXPathWrapNodeSet(f.out));
}

int cd_phrases_register(xsltTransformContextPtr ctxt, cd_phrases *p)
{
	if (ctxt->_private && ctxt->_private != p)
		return cd_fail(-CD_EXIT_INTERNAL, "phrases: the transform context's _private is taken");
	ctxt->_private = p;
	if (xsltRegisterExtFunction(ctxt, (const xmlChar *)"text", (const xmlChar *)PHRASES_NS, f_text) < 0)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot register l10n:text");
	if (xsltRegisterExtFunction(ctxt, (const xmlChar *)"fill", (const xmlChar *)PHRASES_NS, f_fill) < 0)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot register l10n:fill");
	return 0;
}
