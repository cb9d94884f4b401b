/* case/lint-translations.c - the lints of case text recorded in a reader's language too
 * (lint-internal.h). A translation is a sibling of its original with the same name and a `lang`
 * (templates/case.xsd): the schema knows the languages and refuses an empty one; these lints
 * check what it cannot say: that a translation follows an original, one per language, not in the
 * record's own language, for a language someone reads, and not a copy of the original. */
#include <string.h>

#include "case/case.h"
#include "case/rules.h"
#include "case/lint-internal.h"

/* Case text of which an item, a scaling or a child's views hold one original (with its
 * translations): a second original is a mistake, most often a translation without its lang. */
static int one_original(const xmlChar *name)
{
	static const char *const one[] = { "need", "obstacles", "how", "goal", "why-removed",
	                                   "question", "zero", "ten", "not-sought" };
	for (size_t i = 0; i < G_N_ELEMENTS(one); i++)
		if (xmlStrEqual(name, BAD_CAST one[i]))
			return 1;
	return 0;
}

static xmlNodePtr prev_element(xmlNodePtr n)
{
	for (n = n->prev; n && n->type != XML_ELEMENT_NODE; n = n->prev)
		;
	return n;
}

/* The original a translation t translates: the element of its name before it with no lang, with
 * only translations of it in between; NULL when there is none. */
static xmlNodePtr original_of(xmlNodePtr t)
{
	for (xmlNodePtr p = prev_element(t); p; p = prev_element(p)) {
		if (!xmlStrEqual(p->name, t->name))
			return NULL;
		if (!cd_case_attr(p, "lang"))
			return p;
	}
	return NULL;
}

/* Does some child or person of the case read `lang` (cd_rule_translation_langs)? */
static int someone_reads(struct lc *c, const char *lang)
{
	const char *langs[8];
	cd_rule_translation_langs(c->root, langs, (int)G_N_ELEMENTS(langs));
	for (int i = 0; langs[i]; i++)
		if (strcmp(langs[i], lang) == 0)
			return 1;
	return 0;
}

/* The attributes a translation must share with its original (the score's person and value, the
 * late note's meeting): a translation says the same thing. */
static void check_same_attrs(struct lc *c, xmlNodePtr t, xmlNodePtr o, const char *lang)
{
	static const char *const same[] = { "person", "value", "meeting" };
	for (size_t i = 0; i < G_N_ELEMENTS(same); i++) {
		const char *a = cd_case_attr(o, same[i]), *b = cd_case_attr(t, same[i]);
		if (a && b && strcmp(a, b) != 0)
			lint_report(c, 1, t, "the translation into %s of <%s> has %s='%s', its original %s='%s'",
			            lang, (const char *)t->name, same[i], b, same[i], a);
	}
}

static void check_translation(struct lc *c, xmlNodePtr t, const char *lang)
{
	const char *name = (const char *)t->name;
	xmlNodePtr o = original_of(t);
	if (!o) {
		lint_report(c, 1, t, "a translation into %s of <%s> follows no <%s> to translate: put it "
		            "right after the text it translates", lang, name, name);
		return;
	}
	if (g_strcmp0(lang, cd_case_attr(c->root, "lang")) == 0) {
		lint_report(c, 1, t, "the translation <%s lang='%s'> is in the language of the record "
		            "(case lang='%s'): a translation is into a reader's language", name, lang, lang);
		return;
	}
	for (xmlNodePtr p = prev_element(t); p && p != o; p = prev_element(p))
		if (g_strcmp0(cd_case_attr(p, "lang"), lang) == 0) {
			lint_report(c, 1, t, "a second translation into %s of the <%s> on line %ld",
			            lang, name, cd_case_line(o));
			return;
		}
	check_same_attrs(c, t, o, lang);
	if (!someone_reads(c, lang))
		lint_report(c, 0, t, "a translation into %s, which no child or person of the case reads "
		            "(reads lang='%s'): no copy prints it", lang, lang);
	char *a = lint_text(o), *b = lint_text(t);
	if (strcmp(a, b) == 0)
		lint_report(c, 0, t, "the translation into %s of <%s> is the same as its original", lang, name);
	g_free(a);
	g_free(b);
}

static void walk(struct lc *c, xmlNodePtr n)
{
	for (xmlNodePtr e = n->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		const char *lang = cd_case_attr(e, "lang");
		if (lang && cd_rule_is_case_text((const char *)e->name)) {
			check_translation(c, e, lang);
		} else if (!lang && one_original(e->name)) {
			for (xmlNodePtr p = prev_element(e); p; p = prev_element(p))
				if (xmlStrEqual(p->name, e->name) && !cd_case_attr(p, "lang")) {
					lint_report(c, 1, e, "a second <%s> here (the first is on line %ld): a "
					            "translation says its language (lang='pl' ...)",
					            (const char *)e->name, cd_case_line(p));
					break;
				}
		}
		walk(c, e);
	}
}

void lint_check_translations(struct lc *c)
{
	walk(c, c->root);
}
