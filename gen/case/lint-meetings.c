/* case/lint-meetings.c - meetings (reviews in time, views, chairs, consent), the plan, visits
 * and the closure. */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"
#include "case/lint-internal.h"

/* ------------------------------------------------------------------ meetings */


/* When the review after meeting i is due at the latest (the plain date, cd_rule_limit), and the
 * rule as words: "12 weeks after" with *base NULL (after that meeting), or "3 months after" with
 * *base "the plan started on D". */
static void review_due(struct lc *c, GArray *ms, guint i, cd_date *due, const char **rule,
                       const char **base)
{
	struct mtg *m = &g_array_index(ms, struct mtg, i);
	char span[CD_RULE_SPAN_BUF];
	enum cd_rule r = c->disabled ? CD_RULE_REVIEW_DISABLED : CD_RULE_REVIEW;
	cd_date from = m->date, opened;
	*base = NULL;
	if (c->disabled && i == 0 && cd_case_date_attr(c->root, "opened", &opened) == 0) {
		r = CD_RULE_REVIEW_DISABLED_FIRST;
		from = opened;
		*base = lint_keep(c, g_strdup_printf("the plan started on %s", lint_ds(c, opened)));
	}
	*due = cd_rule_limit(r, from);
	*rule = lint_keep(c, g_strdup_printf("%s after", cd_rule_span(r, span)));
}

/* The minutes never put words in a child's mouth: "you came to the meeting and told us" only for a
 * child who was there; what someone else passed on is reported speech, and says who. */
static void check_views_given(struct lc *c, struct mtg *m, xmlNodePtr v)
{
	const char *child = cd_case_attr(v, "child"), *given = cd_case_attr(v, "given");
	int present = 0;
	for (xmlNodePtr p = cd_case_first(cd_case_first(m->node, "attendance"), "present"); p && child;
	     p = cd_case_next(p, "present"))
		present |= g_strcmp0(cd_case_attr(p, "ref"), child) == 0;
	if (g_strcmp0(given, "in-person") == 0 && !present)
		lint_report(c, 0, v, "views of %s are given=\"in-person\" but they were not at meeting '%s': "
		            "say how they came (message, drawing, advocate, or reported with by=\"PERSON\")",
		            lint_who(c, child), m->id);
	if (g_strcmp0(given, "reported") == 0 && !cd_case_attr(v, "by"))
		lint_report(c, 0, v, "views of %s are given=\"reported\": say who reported them (by=\"PERSON\")",
		            lint_who(c, child));
}

static void check_views(struct lc *c, struct mtg *m, GArray *kids)
{
	for (xmlNodePtr v = cd_case_first(m->node, "child-views"); v; v = cd_case_next(v, "child-views")) {
		int ns = cd_case_first(v, "not-sought") != NULL;
		int says_ns = g_strcmp0(cd_case_attr(v, "given"), "not-sought") == 0;
		if (ns && !says_ns)
			lint_report(c, 0, v, "views of %s give a reason they were not sought, but given=\"%s\"",
			       lint_who(c, cd_case_attr(v, "child")), cd_case_attr(v, "given"));
		else if (!ns && says_ns)
			lint_report(c, 0, v, "views of %s are given=\"not-sought\" but quote them: give the reason instead",
			       lint_who(c, cd_case_attr(v, "child")));
		check_views_given(c, m, v);
	}
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (xmlNodePtr v = cd_case_first(m->node, "child-views"); v; v = cd_case_next(v, "child-views"))
		if (cd_case_attr(v, "child"))
			g_hash_table_add(seen, (gpointer)cd_case_attr(v, "child"));
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (!lint_kid_there(kd, m->date))
			continue;
		if (!g_hash_table_contains(seen, kd->id))
			lint_report(c, 0, m->node, "meeting '%s' has no views of %s: their own words, or why they could not be sought",
			       m->id, lint_who(c, kd->id));
	}
	g_hash_table_destroy(seen);
}

static void check_done(struct lc *c, struct mtg *m)
{
	xmlNodePtr done = cd_case_first(m->node, "done");
	const char *tasks[] = { "case-note", "plan-authorised", "minutes-sent" };
	for (size_t t = 0; done && t < G_N_ELEMENTS(tasks); t++) {
		cd_date d;
		if (cd_case_date_attr(done, tasks[t], &d) == 0 && d < m->date)
			lint_report(c, 1, done, "%s done on %s, before the meeting (%s)", tasks[t], lint_ds(c, d),
			       lint_ds(c, m->date));
	}
}

/* Initial, transfer-in and after-child-protection meetings are chaired by a Team Manager
 * (seed 003 section 5): the chair's role says so. */
static void check_chair(struct lc *c, struct mtg *m)
{
	const char *type = cd_case_attr(m->node, "type");
	if (g_strcmp0(type, "review") == 0)
		return;
	xmlNodePtr chair = cd_case_first(m->node, "chair");
	xmlNodePtr p = cd_case_lookup(c->doc, cd_case_attr(chair, "ref"));
	if (!cd_case_is(p, "person"))
		return;
	char *role = lint_text(cd_case_first(p, "role"));
	char *low = g_ascii_strdown(role, -1);
	if (!strstr(low, "team manager"))
		lint_report(c, 0, chair, "meeting '%s' (%s) is to be chaired by a Team Manager, but the role of %s is '%s'",
		       m->id, type, lint_who(c, cd_case_attr(chair, "ref")), role);
	g_free(low);
	g_free(role);
}

/* The plan goes on only with the consent of those with parental responsibility. */
static void check_consent_at(struct lc *c, struct mtg *m)
{
	xmlNodePtr decision = cd_case_first(m->node, "decision");
	if (g_strcmp0(cd_case_attr(decision, "outcome"), "continue") != 0)
		return;
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person")) {
		cd_date w, g;
		xmlNodePtr con = cd_case_first(p, "consent");
		/* Withdrawn before given is an error of its own (check_consent). */
		if (con && cd_case_date_attr(con, "withdrawn", &w) == 0 && w <= m->date &&
		    cd_case_date_attr(con, "given", &g) == 0 && w >= g)
			lint_report(c, 0, decision, "meeting '%s' decided to continue, but %s withdrew consent on %s",
			       m->id, lint_who(c, cd_case_attr(p, "id")), lint_ds(c, w));
	}
}

void lint_check_meetings(struct lc *c, GArray *ms, GArray *kids)
{
	cd_date last_born = CD_DATE_NONE;
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (kd->has_born && (last_born == CD_DATE_NONE || kd->born > last_born))
			last_born = kd->born;
	}
	int warned_next = 0; /* the meeting before set a next date that was already reported */
	for (guint i = 0; i < ms->len; i++) {
		struct mtg *m = &g_array_index(ms, struct mtg, i);
		for (guint k = 0; last_born != CD_DATE_NONE && m->date < last_born && k < kids->len; k++) {
			struct kid *kd = &g_array_index(kids, struct kid, k);
			if (kd->has_born && m->date < kd->born)
				lint_report(c, 1, m->node, "meeting '%s' on %s is before %s was born (%s)", m->id,
				       lint_ds(c, m->date), lint_who(c, kd->id), lint_ds(c, kd->born));
		}
		if (i > 0) {
			struct mtg *p = &g_array_index(ms, struct mtg, i - 1);
			cd_date due;
			const char *rule, *base;
			review_due(c, ms, i - 1, &due, &rule, &base);
			if (m->date < p->date)
				lint_report(c, 1, m->node, "meeting '%s' on %s is before the meeting listed before it ('%s' on %s)",
				       m->id, lint_ds(c, m->date), p->id, lint_ds(c, p->date));
			else if (m->date > due && !warned_next)
				lint_report(c, 0, m->node, "meeting '%s' on %s is more than %s %s (due by %s)", m->id,
				       lint_ds(c, m->date), rule, base ? base : "the meeting before it", lint_ds(c, due));
		}
		check_views(c, m, kids);
		check_done(c, m);
		check_chair(c, m);
		check_consent_at(c, m);

		xmlNodePtr next = cd_case_first(m->node, "next");
		xmlNodePtr decision = cd_case_first(m->node, "decision");
		cd_date nd;
		warned_next = 0;
		if (!next || cd_case_date_attr(next, "date", &nd) != 0) {
			if (g_strcmp0(cd_case_attr(decision, "outcome"), "continue") == 0)
				lint_report(c, 0, decision, "meeting '%s' decided to continue but sets no next review", m->id);
			continue;
		}
		if (nd <= m->date) {
			lint_report(c, 1, next, "next meeting on %s is not after this meeting (%s)", lint_ds(c, nd),
			       lint_ds(c, m->date));
			warned_next = 1;
			continue;
		}
		cd_date due;
		const char *rule, *base;
		review_due(c, ms, i, &due, &rule, &base);
		if (nd > due) {
			lint_report(c, 0, next, "next review on %s is more than %s %s (due by %s)", lint_ds(c, nd), rule,
			       base ? base : "this meeting", lint_ds(c, due));
			warned_next = 1;
		}
		for (guint k = 0; k < kids->len; k++) {
			struct kid *kd = &g_array_index(kids, struct kid, k);
			if (!kd->has_born || !lint_kid_there(kd, m->date))
				continue;
			if (kd->adult > m->date && kd->adult <= nd)
				lint_report(c, 0, next, "%s turns %d on %s, on or before the next review (%s): plan for the end of the plan",
				       lint_who(c, kd->id), cd_rule(CD_RULE_EIGHTEEN)->amount, lint_ds(c, kd->adult), lint_ds(c, nd));
		}
	}
}

/* ------------------------------------------------------------------ plan, visits, closure */

void lint_check_plan(struct lc *c, GArray *ms)
{
	xmlNodePtr plan = cd_case_first(c->root, "plan");
	GHashTable *sections = g_hash_table_new(g_str_hash, g_str_equal); /* child id -> count */
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section")) {
		const char *id = cd_case_attr(s, "child");
		if (id)
			g_hash_table_insert(sections, (gpointer)id,
			                    GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(sections, id)) + 1));
	}
	for (xmlNodePtr ch = cd_case_first(cd_case_first(c->root, "children"), "child"); plan && ch;
	     ch = cd_case_next(ch, "child")) {
		int n = GPOINTER_TO_INT(g_hash_table_lookup(sections, cd_case_attr(ch, "id")));
		if (n == 0)
			lint_report(c, 0, plan, "the plan has no section for %s: siblings share one plan with a section each",
			       lint_who(c, cd_case_attr(ch, "id")));
		else if (n > 1)
			lint_report(c, 0, plan, "the plan has %d sections for %s: one each", n,
			       lint_who(c, cd_case_attr(ch, "id")));
	}
	g_hash_table_destroy(sections);
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section")) {
		for (xmlNodePtr it = cd_case_first(s, "item"); it; it = cd_case_next(it, "item")) {
			const char *id = cd_case_attr(it, "id");
			int removed = g_strcmp0(cd_case_attr(it, "status"), "removed") == 0;
			if (!removed && !cd_case_first(it, "who"))
				lint_report(c, 0, it, "plan item '%s' has no 'who': say who will do it", id);
			xmlNodePtr by = cd_case_first(it, "by");
			if (!removed && !by)
				lint_report(c, 0, it, "plan item '%s' has no 'by' date: say by when", id);
			cd_date bd;
			if (!by || cd_case_text_date(by, &bd) != 0 || ms->len == 0)
				continue;
			/* The meeting that set the item: agreed-at, else the first meeting. */
			struct mtg *set = &g_array_index(ms, struct mtg, 0);
			const char *at = cd_case_attr(it, "agreed-at");
			for (guint i = 0; at && i < ms->len; i++)
				if (g_strcmp0(g_array_index(ms, struct mtg, i).id, at) == 0)
					set = &g_array_index(ms, struct mtg, i);
			if (bd <= set->date)
				lint_report(c, 1, by, "plan item '%s' is due by %s, not after the meeting that set it ('%s' on %s)",
				       id, lint_ds(c, bd), set->id, lint_ds(c, set->date));
		}
	}
}

struct visit {
	xmlNodePtr node;
	cd_date date;
};

static gint visit_cmp(gconstpointer a, gconstpointer b)
{
	cd_date x = ((const struct visit *)a)->date, y = ((const struct visit *)b)->date;
	return (x > y) - (x < y);
}

void lint_check_visits(struct lc *c)
{
	xmlNodePtr plan = cd_case_first(c->root, "plan");
	const char *w = cd_case_attr(plan, "visit-weeks");
	int weeks = cd_rule_visit_weeks(w);
	GArray *vs = g_array_new(FALSE, TRUE, sizeof(struct visit));
	for (xmlNodePtr v = cd_case_first(cd_case_first(c->root, "visits"), "visit"); v;
	     v = cd_case_next(v, "visit")) {
		struct visit x = { .node = v };
		if (cd_case_date_attr(v, "date", &x.date) == 0)
			g_array_append_val(vs, x);
	}
	g_array_sort(vs, visit_cmp);
	for (guint i = 1; i < vs->len; i++) {
		struct visit *a = &g_array_index(vs, struct visit, i - 1);
		struct visit *b = &g_array_index(vs, struct visit, i);
		int gap = b->date - a->date;
		if (gap > weeks * 7)
			lint_report(c, 0, b->node, "visit on %s is %d days after the visit before it (%s): %s at least every %d week%s",
			       lint_ds(c, b->date), gap, lint_ds(c, a->date),
			       plan ? "the plan says" : "visits must be", weeks, weeks == 1 ? "" : "s");
	}
	g_array_free(vs, TRUE);
}

void lint_check_closure(struct lc *c, GArray *ms, GArray *kids)
{
	xmlNodePtr cl = cd_case_first(c->root, "closure");
	cd_date cd;
	if (!cl || cd_case_date_attr(cl, "date", &cd) != 0)
		return;
	for (guint i = 0; i < ms->len; i++) {
		struct mtg *m = &g_array_index(ms, struct mtg, i);
		if (cd < m->date) {
			lint_report(c, 1, cl, "closure on %s is before meeting '%s' (%s)", lint_ds(c, cd), m->id,
			       lint_ds(c, m->date));
			break;
		}
	}
	cd_date sent;
	if (cd_case_date_attr(cl, "letters-sent", &sent) == 0 && sent < cd)
		lint_report(c, 1, cl, "closure letters sent on %s, before the closure (%s)", lint_ds(c, sent), lint_ds(c, cd));
	const char *reason = cd_case_attr(cl, "reason");
	if (g_strcmp0(reason, "needs-met") == 0) {
		const char *last = ms->len ? cd_case_attr(cd_case_first(g_array_index(ms, struct mtg, ms->len - 1).node,
		                                                        "decision"), "outcome") : NULL;
		if (g_strcmp0(last, "close") != 0 && g_strcmp0(last, "step-down") != 0)
			lint_report(c, 0, cl, "closure reason 'needs-met' is decided by a meeting, but the last meeting did not decide to close or step down");
	}
	int is_transfer = g_strcmp0(reason, "transfer") == 0;
	xmlNodePtr to = cd_case_first(cl, "transfer-to");
	if (is_transfer && !to)
		lint_report(c, 0, cl, "closure reason 'transfer' but no transfer-to names the new authority");
	if (!is_transfer && to)
		lint_report(c, 0, to, "transfer-to is only for closure reason 'transfer', not '%s'", reason);
	int eighteen = 0, died = 0;
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (kd->has_born)
			eighteen |= kd->adult <= cd;
		died |= kd->has_died && kd->died <= cd;
	}
	if (g_strcmp0(reason, "eighteen") == 0 && !eighteen)
		lint_report(c, 0, cl, "closure reason 'eighteen' but no child is %d on %s", cd_rule(CD_RULE_EIGHTEEN)->amount,
		       lint_ds(c, cd));
	if (g_strcmp0(reason, "died") == 0 && !died)
		lint_report(c, 0, cl, "closure reason 'died' but no child has a date of death on or before %s", lint_ds(c, cd));
}

