/* transform/typography.c - the FO's marks taken off, its quotation marks made typographic
 * (typography.h). Done in place on the templates' result: before, a last XSLT pass copied the
 * whole FO once more for it, a fifth of the transform's cost. */
#include "transform/typography.h"

#include <string.h>
#include <glib.h>

/* cindoc's own marks (templates/common/blocks.xsl, pages.xsl) */
#define MARKS_NS "urn:cindoc:marks"

static int is_mark(xmlAttrPtr a)
{
	return a->ns && a->ns->href && strcmp((const char *)a->ns->href, MARKS_NS) == 0;
}

static xmlAttrPtr mark_of(xmlNodePtr e, const char *name)
{
	for (xmlAttrPtr a = e->properties; a; a = a->next)
		if (is_mark(a) && strcmp((const char *)a->name, name) == 0)
			return a;
	return NULL;
}

/* ------------------------------------------------------------------------------ the text */

/* A straight mark after this opens: white space, an opening bracket or mark, a dash, a slash. */
static int opens_after(gunichar prev)
{
	static const gunichar opening[] = {
		' ', '\t', '\n', '\r', '(', '[', '{', 0x2018, 0x201C, 0x201E, 0x2014, 0x2013, '-', '/',
	};
	for (size_t i = 0; i < G_N_ELEMENTS(opening); i++)
		if (prev == opening[i])
			return 1;
	return 0;
}

/* ".." becomes "." and "..." stays, left to right: "2026 r.." -> "2026 r.", "a...." -> "a....". */
static void one_stop(GString *out, const char *s)
{
	const char *q;
	while ((q = strstr(s, ".."))) {
		g_string_append_len(out, s, q - s);
		s = q + 2;
		if (*s == '.') {
			g_string_append(out, "...");
			s++;
		} else {
			g_string_append_c(out, '.');
		}
	}
	g_string_append(out, s);
}

char *cd_typography_text(const char *s)
{
	int stops = strstr(s, "..") != NULL;
	if (!stops && !strpbrk(s, "'\""))
		return NULL;
	GString *t = g_string_new(NULL);
	if (stops)
		one_stop(t, s);
	else
		g_string_append(t, s);
	if (!strpbrk(t->str, "'\""))
		return g_string_free(t, FALSE);
	GString *out = g_string_sized_new(t->len + 16);
	gunichar prev = 0; /* none: the start of the text */
	for (const char *p = t->str; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int opening = prev == 0 || opens_after(prev);
		if (c == '"')
			g_string_append(out, opening ? "\u201C" : "\u201D");
		else if (c == '\'')
			g_string_append(out, opening ? "\u2018" : "\u2019");
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
		prev = c;
	}
	g_string_free(t, TRUE);
	return g_string_free(out, FALSE);
}

/* ------------------------------------------------------------------------------ the tree */

struct pass {
	int foreign;         /* some case text is in another language than the copy's */
	xmlNsPtr dropped;    /* declarations taken off, freed at the end (marks still point there) */
};

/* True when some element's cd:case is not the copy's language. */
static int prints_foreign(xmlNodePtr n, const char *lang)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlAttrPtr a = mark_of(n, "case");
		if (a) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			int other = !v || strcmp((const char *)v, lang) != 0;
			xmlFree(v);
			if (other)
				return 1;
		}
		if (prints_foreign(n->children, lang))
			return 1;
	}
	return 0;
}

/* Points every reference to `from` in e's subtree at `to`. */
static void repoint(xmlNodePtr e, xmlNsPtr from, xmlNsPtr to)
{
	if (e->ns == from)
		e->ns = to;
	for (xmlAttrPtr a = e->properties; a; a = a->next)
		if (a->ns == from)
			a->ns = to;
	for (xmlNodePtr c = e->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			repoint(c, from, to);
}

/* Takes off e's declarations of the marks' namespace, and those that one above already makes
 * (the same prefix for the same namespace). */
static void drop_declarations(struct pass *p, xmlNodePtr e)
{
	xmlNsPtr *link = &e->nsDef;
	while (*link) {
		xmlNsPtr ns = *link;
		int marks = ns->href && strcmp((const char *)ns->href, MARKS_NS) == 0;
		xmlNsPtr above = NULL;
		if (!marks && e->parent && e->parent->type == XML_ELEMENT_NODE) {
			above = xmlSearchNs(e->doc, e->parent, ns->prefix);
			if (above && !xmlStrEqual(above->href, ns->href))
				above = NULL;
		}
		if (!marks && !above) {
			link = &ns->next;
			continue;
		}
		*link = ns->next;
		if (above)
			repoint(e, ns, above);
		ns->next = p->dropped;
		p->dropped = ns;
	}
}

static void drop_marks(xmlNodePtr e)
{
	xmlAttrPtr a = e->properties;
	while (a) {
		xmlAttrPtr next = a->next;
		if (is_mark(a))
			xmlRemoveProp(a);
		a = next;
	}
}

static void walk(struct pass *p, xmlNodePtr parent)
{
	int removed = 0;
	xmlNodePtr c = parent->children;
	while (c) {
		xmlNodePtr next = c->next;
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			char *t = cd_typography_text((const char *)c->content);
			if (t) {
				xmlNodeSetContent(c, (const xmlChar *)t);
				g_free(t);
			}
		} else if (c->type == XML_ELEMENT_NODE) {
			if (mark_of(c, "notice") && !p->foreign) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
				removed = 1;
			} else {
				if (c->nsDef)
					drop_declarations(p, c);
				drop_marks(c);
				walk(p, c);
			}
		}
		c = next;
	}
	/* text on both sides of a notice taken off: one text, as if the notice had never been */
	for (c = removed ? parent->children : NULL; c && c->next;) {
		if (c->type == XML_TEXT_NODE && c->next->type == XML_TEXT_NODE && c->name == c->next->name)
			c = xmlTextMerge(c, c->next);
		else
			c = c->next;
	}
}

void cd_typography(xmlDocPtr fo, const char *lang)
{
	struct pass p = { prints_foreign(fo->children, lang), NULL };
	walk(&p, (xmlNodePtr)fo);
	while (p.dropped) {
		xmlNsPtr next = p.dropped->next;
		p.dropped->next = NULL;
		xmlFreeNs(p.dropped);
		p.dropped = next;
	}
}
