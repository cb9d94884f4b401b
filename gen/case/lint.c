/* case/lint.c - the checks of `cindoc check` that XSD cannot express (see lint.h): the run,
 * its messages, references, children and consent. The other concerns are in lint-*.c. */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"
#include "case/lint-internal.h"

/* ================================================================== lints */

cd_lint *cd_lint_new(int *rc)
{
	char *path = cd_datapath("templates/jargon.txt");
	cd_jargon *j = cd_jargon_load(path, rc);
	g_free(path);
	if (!j)
		return NULL;
	cd_lint *l = g_new0(cd_lint, 1);
	l->jargon = j;
	return l;
}

void cd_lint_quiet(cd_lint *l, int quiet)
{
	l->quiet = quiet;
}

void cd_lint_free(cd_lint *l)
{
	if (!l)
		return;
	cd_jargon_free(l->jargon);
	g_free(l);
}




int lint_full(const struct lc *c)
{
	return c->msgs->len >= MAX_LINT_MESSAGES;
}

void lint_report(struct lc *c, int error, xmlNodePtr n, const char *fmt, ...)
{
	if (lint_full(c)) {
		if (error)
			c->dropped_errors++;
		else
			c->dropped_warnings++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	struct msg m = { cd_case_line(n), (int)c->msgs->len, error, g_strdup_vprintf(fmt, ap) };
	va_end(ap);
	g_array_append_val(c->msgs, m);
}

const char *lint_keep(struct lc *c, char *s)
{
	if (lint_full(c)) {
		g_free(s);
		return "";
	}
	g_ptr_array_add(c->keep, s);
	return s;
}

const char *lint_ds(struct lc *c, cd_date d)
{
	char buf[CD_DATE_BUF];
	if (lint_full(c))
		return "";
	return lint_keep(c, g_strdup(cd_date_format(d, buf)));
}

/* "'c1' (Millie)" */
const char *lint_who(struct lc *c, const char *id)
{
	if (lint_full(c))
		return "";
	xmlNodePtr n = cd_case_lookup(c->doc, id);
	char *name = n ? cd_case_given_name(n) : NULL;
	const char *s = lint_keep(c, name ? g_strdup_printf("'%s' (%s)", id, name) : g_strdup_printf("'%s'", id));
	g_free(name);
	return s;
}

char *lint_text(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = g_strdup(t ? (const char *)t : "");
	xmlFree(t);
	return g_strstrip(s);
}

/* ------------------------------------------------------------------ references */

enum { CHILD = 1, PERSON = 2, MEETING = 4, ITEM = 8 };

static const struct {
	const char *element; /* NULL: any element */
	const char *attr;
	int kinds;
} refs[] = {
	{ "chair", "ref", PERSON },
	{ "minute-taker", "ref", PERSON },
	{ "present", "ref", CHILD | PERSON },
	{ "apologies", "ref", CHILD | PERSON },
	{ "invited", "ref", CHILD | PERSON },
	{ "report", "from", PERSON },
	{ "interpreter", "ref", CHILD | PERSON },
	{ "interpreter", "by", PERSON },
	{ "child-views", "child", CHILD },
	{ "child-views", "by", PERSON },
	{ "known-as", "child", CHILD },
	{ "parent-views", "person", PERSON },
	{ "professional-update", "person", PERSON },
	{ "score", "person", CHILD | PERSON },
	{ "disagreement", "person", CHILD | PERSON },
	{ "copies-to", "ref", CHILD | PERSON },
	{ "invite", "ref", CHILD | PERSON },
	{ "visit", "by", PERSON },
	{ "plan", "lead", PERSON },
	{ "section", "child", CHILD },
	{ "who", "ref", CHILD | PERSON },
	{ "item", "agreed-at", MEETING },
	{ NULL, "withheld-from", CHILD | PERSON },
};

static int kind_of(xmlNodePtr n)
{
	return cd_case_is(n, "child") ? CHILD : cd_case_is(n, "person") ? PERSON
	     : cd_case_is(n, "meeting") ? MEETING : cd_case_is(n, "item") ? ITEM : 0;
}

static const char *kind_name(int k)
{
	switch (k) {
	case CHILD: return "a child";
	case PERSON: return "a person";
	case MEETING: return "a meeting";
	case ITEM: return "a plan item";
	case CHILD | PERSON: return "a person or a child";
	default: return "something else";
	}
}

void lint_check_ref_kinds(struct lc *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t r = 0; r < G_N_ELEMENTS(refs); r++) {
			if (refs[r].element && !cd_case_is(n, refs[r].element))
				continue;
			const char *v = cd_case_attr(n, refs[r].attr);
			if (!v)
				continue;
			char **ids = g_strsplit_set(v, " \t\r\n", -1);
			for (char **id = ids; *id; id++) {
				if (!**id)
					continue;
				int k = kind_of(cd_case_lookup(c->doc, *id));
				if (k && !(k & refs[r].kinds))
					lint_report(c, 1, n, "element '%s': attribute '%s' names '%s', %s, not %s",
					       (const char *)n->name, refs[r].attr, *id, kind_name(k),
					       kind_name(refs[r].kinds));
			}
			g_strfreev(ids);
		}
		lint_check_ref_kinds(c, n->children);
	}
}

/* ------------------------------------------------------------------ people and children */


GArray *lint_collect_children(struct lc *c)
{
	GArray *kids = g_array_new(FALSE, TRUE, sizeof(struct kid));
	for (xmlNodePtr ch = cd_case_first(cd_case_first(c->root, "children"), "child"); ch;
	     ch = cd_case_next(ch, "child")) {
		struct kid k = { .node = ch, .id = cd_case_attr(ch, "id") };
		k.has_born = cd_case_text_date(cd_case_first(ch, "born"), &k.born) == 0;
		xmlNodePtr d = cd_case_first(ch, "died");
		k.has_died = d && cd_case_date_attr(d, "date", &k.died) == 0;
		if (k.has_born)
			k.adult = cd_rule_limit(CD_RULE_EIGHTEEN, k.born);
		if (k.has_born && k.has_died && k.died < k.born)
			lint_report(c, 1, d, "%s died on %s, before they were born (%s)", lint_who(c, k.id),
			       lint_ds(c, k.died), lint_ds(c, k.born));
		g_array_append_val(kids, k);
	}
	return kids;
}

/* Alive and born on day d. */
int lint_kid_there(const struct kid *k, cd_date d)
{
	if (k->has_born && k->born > d)
		return 0;
	if (k->has_died && k->died <= d)
		return 0;
	return 1;
}

void lint_check_consent(struct lc *c)
{
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person")) {
		xmlNodePtr con = cd_case_first(p, "consent");
		const char *pr = cd_case_attr(p, "parental-responsibility");
		if (!con && (g_strcmp0(pr, "true") == 0 || g_strcmp0(pr, "1") == 0))
			lint_report(c, 0, p, "%s has parental responsibility, but no consent is recorded",
			       lint_who(c, cd_case_attr(p, "id")));
		cd_date given, withdrawn;
		if (con && cd_case_date_attr(con, "given", &given) == 0 &&
		    cd_case_date_attr(con, "withdrawn", &withdrawn) == 0 && withdrawn < given)
			lint_report(c, 1, con, "consent of %s withdrawn on %s, before it was given (%s)",
			       lint_who(c, cd_case_attr(p, "id")), lint_ds(c, withdrawn), lint_ds(c, given));
	}
}

/* Everyone who may get a copy needs a postal address or an email. */
void lint_check_reachable(struct lc *c, GArray *kids, cd_date on)
{
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person"))
		if (!cd_case_first(p, "address") && !cd_case_first(p, "email"))
			lint_report(c, 0, p, "%s has no address and no email: copies cannot reach them",
			       lint_who(c, cd_case_attr(p, "id")));
	for (guint i = 0; i < kids->len; i++) {
		struct kid *k = &g_array_index(kids, struct kid, i);
		if (cd_rule_child_gets_copies(k->node, on) && !cd_case_first(k->node, "address"))
			lint_report(c, 0, k->node, "%s is old enough for their own copies (%d or over) but has no address",
			       lint_who(c, k->id), CD_RULE_CHILD_COPY_AGE);
	}
}

/* ------------------------------------------------------------------ the run */

static gint msg_cmp(gconstpointer a, gconstpointer b)
{
	const struct msg *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq - y->seq;
}

void cd_lint_case(const cd_lint *l, const char *file, xmlDocPtr doc, struct cd_lint_counts *n)
{
	struct lc c = {
		.l = l,
		.file = file,
		.doc = doc,
		.root = xmlDocGetRootElement(doc),
		.msgs = g_array_new(FALSE, TRUE, sizeof(struct msg)),
		.keep = g_ptr_array_new_with_free_func(g_free),
	};
	c.disabled = g_strcmp0(cd_case_attr(c.root, "service"), "disabled-children") == 0;

	lint_check_ref_kinds(&c, c.root);
	GArray *kids = lint_collect_children(&c);
	lint_check_consent(&c);

	GArray *ms = g_array_new(FALSE, TRUE, sizeof(struct mtg));
	for (xmlNodePtr m = cd_case_first(cd_case_first(c.root, "meetings"), "meeting"); m;
	     m = cd_case_next(m, "meeting")) {
		struct mtg x = { .node = m, .id = cd_case_attr(m, "id") };
		if (cd_case_date_attr(m, "date", &x.date) == 0)
			g_array_append_val(ms, x);
	}
	lint_check_meetings(&c, ms, kids);
	lint_check_plan(&c, ms);
	lint_check_visits(&c);
	lint_check_closure(&c, ms, kids);

	/* Who gets copies is judged on the latest date the case knows. */
	cd_date on;
	if (cd_case_date_attr(c.root, "opened", &on) != 0)
		on = cd_date_from_ymd(2000, 1, 1);
	for (guint i = 0; i < ms->len; i++)
		if (g_array_index(ms, struct mtg, i).date > on)
			on = g_array_index(ms, struct mtg, i).date;
	cd_date cd;
	if (cd_case_date_attr(cd_case_first(c.root, "closure"), "date", &cd) == 0 && cd > on)
		on = cd;
	lint_check_reachable(&c, kids, on);
	lint_check_withheld_addresses(&c);
	lint_check_withheld_text(&c);
	lint_check_jargon(&c, c.root);

	g_array_sort(c.msgs, msg_cmp);
	for (guint i = 0; i < c.msgs->len; i++) {
		struct msg *m = &g_array_index(c.msgs, struct msg, i);
		if (m->error) {
			cd_error_at(file, m->line, "%s", m->text);
			n->errors++;
		} else {
			if (!l->quiet)
				cd_warning_at(file, m->line, "%s", m->text);
			n->warnings++;
		}
		g_free(m->text);
	}
	if (c.dropped_errors || c.dropped_warnings) {
		int more = c.dropped_errors + c.dropped_warnings;
		if (c.dropped_errors)
			cd_error_at(file, 0, "%d more messages not shown", more);
		else if (!l->quiet)
			cd_warning_at(file, 0, "%d more messages not shown", more);
		n->errors += c.dropped_errors;
		n->warnings += c.dropped_warnings;
	}
	g_array_free(c.msgs, TRUE);
	g_array_free(ms, TRUE);
	g_array_free(kids, TRUE);
	g_ptr_array_free(c.keep, TRUE);
}

