/* web/issue-leaves.c - what one recipient's copy of a meeting's plan and minutes leaves out, for
 * the chair to check before it is issued.
 *
 * The copy is made by cd_document_fo(), which drops every element whose withheld-from (or an
 * ancestor's) names the recipient. This walks the case the same way, asking the same question
 * (cd_case_list_has on withheld-from), and lists each element that is dropped, with what it is
 * about: whose address, phone number or email, whose views or score, which paragraph, plan item
 * or service. Other meetings are not in this copy and are not walked. The words are the page's
 * (templates/web/issue.xsl, l10n keys web.issue.leaves.KIND). */
#include <string.h>

#include "case/case.h"
#include "web/web.h"

#define LEAVES_TEXT_MAX 90   /* characters of a paragraph, quote or item shown */

/* The text of n, cut at LEAVES_TEXT_MAX characters (with an ellipsis). Newly allocated. */
static char *short_text(xmlNodePtr n)
{
	char *t = cd_case_text(n);
	if (!t)
		return g_strdup("");
	char *flat = g_strstrip(g_strdelimit(t, "\n\t\r", ' '));
	if (g_utf8_strlen(flat, -1) > LEAVES_TEXT_MAX) {
		char *cut = g_utf8_substring(flat, 0, LEAVES_TEXT_MAX);
		g_free(flat);
		flat = g_strconcat(g_strchomp(cut), "\u2026", NULL);
		g_free(cut);
	}
	return flat;
}

/* The child or person an element belongs to: its own attribute, else the nearest ancestor. */
static const char *owner_of(xmlNodePtr n)
{
	const char *a = cd_case_attr(n, "person");
	if (!a)
		a = cd_case_attr(n, "child");
	for (xmlNodePtr p = n->parent; !a && p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (cd_case_is(p, "person") || cd_case_is(p, "child") || cd_case_is(p, "child-views"))
			a = cd_case_is(p, "child-views") ? cd_case_attr(p, "child") : cd_case_attr(p, "id");
	return a;
}

static void add_leaves(xmlNodePtr parent, xmlNodePtr n)
{
	const char *kind = (const char *)n->name;
	xmlNodePtr l = web_add(parent, "leaves", NULL);
	web_set(l, "kind", kind);
	const char *of = owner_of(n);
	if (of)
		web_set(l, "of", of);
	xmlNodePtr textual = n;
	if (cd_case_is(n, "item"))
		textual = cd_case_first(n, "need");
	if (cd_case_is(n, "p") || cd_case_is(n, "quote") || cd_case_is(n, "item") || cd_case_is(n, "service") ||
	    cd_case_is(n, "agency")) {
		char *t = short_text(textual);
		web_set(l, "text", t);
		g_free(t);
	}
}

static void walk(xmlNodePtr parent, xmlNodePtr n, const char *meeting, const char *rid, int *count)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (cd_case_is(c, "meeting") && g_strcmp0(cd_case_attr(c, "id"), meeting) != 0)
			continue; /* another meeting: not in this copy */
		if (cd_case_list_has(cd_case_attr(c, "withheld-from"), rid)) {
			add_leaves(parent, c);
			(*count)++;
		} else {
			walk(parent, c, meeting, rid, count);
		}
	}
}

int web_issue_leaves_out(xmlNodePtr parent, xmlDocPtr cs, const char *meeting, const char *rid)
{
	int count = 0;
	xmlNodePtr root = xmlDocGetRootElement(cs);
	if (root)
		walk(parent, root, meeting, rid, &count);
	return count;
}
