/* case/due.c - every statutory timescale of a case (due.h). */
#include "case/due.h"

#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "base/escape.h"
#include "case/rules.h"

/* Each kind of deadline and the rule it follows (reviews follow one of three, see reviews()). */
static const enum cd_rule kind_rules[CD_DUE_N_KINDS] = {
	[CD_DUE_INITIAL_MEETING] = CD_RULE_INITIAL_MEETING,
	[CD_DUE_TRANSFER_MEETING] = CD_RULE_TRANSFER_MEETING,
	[CD_DUE_CP_MEETING] = CD_RULE_CP_MEETING,
	[CD_DUE_CASE_NOTE] = CD_RULE_CASE_NOTE,
	[CD_DUE_PLAN_AUTHORISED] = CD_RULE_PLAN_AUTHORISED,
	[CD_DUE_MINUTES_SENT] = CD_RULE_MINUTES_SENT,
	[CD_DUE_REVIEW] = CD_RULE_REVIEW,
	[CD_DUE_VISIT] = CD_RULE_VISIT,
	[CD_DUE_PLAN_LENGTH] = CD_RULE_PLAN_LENGTH,
	[CD_DUE_EIGHTEEN] = CD_RULE_EIGHTEEN,
	[CD_DUE_CLOSURE_LETTERS] = CD_RULE_CLOSURE_LETTERS,
};

const char *cd_due_kind_name(enum cd_due_kind k)
{
	return k < CD_DUE_N_KINDS ? cd_rule_name(kind_rules[k]) : "?";
}

const char *cd_due_status_name(enum cd_due_status s)
{
	static const char *const names[] = { "done", "late", "due", "overdue", "missed" };
	return s <= CD_DUE_MISSED ? names[s] : "?";
}

/* ------------------------------------------------------------------ working out */

struct work {
	const cd_calendar *cal;
	const char *path;
	cd_date today;
	cd_date closed;     /* the closure date when the case is closed as of today, else NONE */
	GArray *items;
	int rc;
};

/* The date in attribute `name` of n: 1 and *d, 0 when absent or after today (when `as_of`),
 * -1 after reporting a date outside the calendar. The schema has checked the form. */
static int date_attr(struct work *w, xmlNodePtr n, const char *name, int as_of, cd_date *d)
{
	const char *s = cd_case_attr(n, name);
	char why[CD_DATE_WHY];
	if (!s)
		return 0;
	if (cd_date_parse(s, d, why) < 0) {
		w->rc = cd_error_at(w->path, xmlGetLineNo(n), "'%s' is not a date: %s", s, why);
		return -1;
	}
	int y;
	cd_date_to_ymd(*d, &y, NULL, NULL);
	if (y < CD_CAL_FIRST_YEAR || y > CD_DATE_MAX_YEAR - 1) {
		w->rc = cd_error_at(w->path, xmlGetLineNo(n), "%s '%s' is outside the working-day calendar (%d to %d)",
		                    name, s, CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR - 1);
		return -1;
	}
	if (as_of && *d > w->today)
		return 0;
	return 1;
}

/* When rule r ends after `from`: a calendar answer that cannot fail for dates date_attr accepted
 * (a year of margin is kept). */
static cd_date due_by(struct work *w, enum cd_rule r, cd_date from)
{
	cd_date d = from;
	if (cd_rule_due(w->cal, r, from, &d) < 0)
		CD_BUG("a deadline outside the calendar");
	return d;
}

static int wd_between(struct work *w, cd_date a, cd_date b)
{
	int n = 0;
	if (cd_calendar_working_days_between(w->cal, a, b, &n) < 0)
		CD_BUG("working_days_between failed within the calendar");
	return n;
}

static char *fmt_date(cd_date d, char *buf)
{
	return cd_date_format(d, buf);
}

/* Adds an item and works out its status from due, done, today and the closure. `open_ended`
 * items (reviews, visits, the 18th birthday) can be missed when the case closed before they were
 * done; with `drop_if_closed_first` an item whose due date comes on or after the closure is left
 * out altogether (the case ended before it was needed). */
static void add(struct work *w, enum cd_due_kind kind, const char *about, cd_date from, cd_date due,
                cd_date done, long line, int open_ended, char *what)
{
	if (open_ended && done == CD_DATE_NONE && w->closed != CD_DATE_NONE && w->closed <= due) {
		g_free(what);
		return;
	}
	cd_due_item it = { kind, g_strdup(about ? about : ""), from, due, done, CD_DUE_DONE, 0, what, line };
	if (done != CD_DATE_NONE) {
		if (done > due) {
			it.status = CD_DUE_LATE;
			it.days = wd_between(w, due, done);
			if (it.days == 0)
				it.status = CD_DUE_DONE; /* done on the non-working day after a deadline */
		}
	} else if (open_ended && w->closed != CD_DATE_NONE) {
		it.status = CD_DUE_MISSED;
		it.days = wd_between(w, due, w->closed);
	} else if (w->today <= due) {
		it.status = CD_DUE_PENDING;
		it.days = wd_between(w, w->today, due);
	} else {
		it.status = CD_DUE_OVERDUE;
		it.days = wd_between(w, due, w->today);
		if (it.days == 0)
			it.status = CD_DUE_PENDING; /* today is a non-working day right after the deadline */
	}
	g_array_append_val(w->items, it);
}

struct meeting {
	xmlNodePtr node;
	const char *id;
	const char *type;
	cd_date date;
};

static gint meeting_cmp(gconstpointer a, gconstpointer b)
{
	const struct meeting *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

/* The first held meeting of a type, or NULL. */
static const struct meeting *first_of(GArray *ms, const char *type)
{
	for (guint i = 0; i < ms->len; i++) {
		const struct meeting *m = &g_array_index(ms, struct meeting, i);
		if (strcmp(m->type, type) == 0)
			return m;
	}
	return NULL;
}

/* The first meeting: `what` is the meeting and the event it counts from ("initial meeting", "the
 * assessment"). */
static void first_meeting(struct work *w, GArray *ms, xmlNodePtr node, const char *attr_name, enum cd_rule rule,
                          enum cd_due_kind kind, const char *type, const char *what, const char *event)
{
	cd_date from;
	char b1[CD_DATE_BUF], span[CD_RULE_SPAN_BUF];
	if (date_attr(w, node, attr_name, 1, &from) <= 0)
		return;
	const struct meeting *m = first_of(ms, type);
	add(w, kind, m ? m->id : "", from, due_by(w, rule, from), m ? m->date : CD_DATE_NONE, xmlGetLineNo(node), 1,
	    g_strdup_printf("%s within %s of %s (%s)", what, cd_rule_span(rule, span), event, fmt_date(from, b1)));
}

static void meeting_tasks(struct work *w, const struct meeting *m)
{
	xmlNodePtr done = cd_case_first(m->node, "done");
	xmlNodePtr decision = cd_case_first(m->node, "decision");
	const char *outcome = cd_case_attr(decision, "outcome");
	cd_date d;
	char span[CD_RULE_SPAN_BUF];
	long line = xmlGetLineNo(m->node);
	static const struct {
		enum cd_due_kind kind;
		enum cd_rule rule;
		const char *attr;
		const char *what;
	} tasks[] = {
		{ CD_DUE_CASE_NOTE, CD_RULE_CASE_NOTE, "case-note", "case note on file" },
		{ CD_DUE_PLAN_AUTHORISED, CD_RULE_PLAN_AUTHORISED, "plan-authorised", "plan to the Team Manager to authorise" },
		{ CD_DUE_MINUTES_SENT, CD_RULE_MINUTES_SENT, "minutes-sent", "minutes and plan sent" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(tasks); i++) {
		/* A meeting that ends the plan has no new plan to authorise. */
		if (tasks[i].kind == CD_DUE_PLAN_AUTHORISED && outcome && strcmp(outcome, "continue") != 0)
			continue;
		int r = done ? date_attr(w, done, tasks[i].attr, 1, &d) : 0;
		if (r < 0)
			return;
		add(w, tasks[i].kind, m->id, m->date, due_by(w, tasks[i].rule, m->date), r > 0 ? d : CD_DATE_NONE,
		    line, 0, g_strdup_printf("%s within %s of meeting %s", tasks[i].what,
		                             cd_rule_span(tasks[i].rule, span), m->id));
	}
}

/* Reviews: after each held meeting the next one is due within the review timescale; for the
 * disabled children's service the first review is due a timescale after the start and each later
 * one a longer timescale after the one before. The last interval is still open (unless the case
 * closed). */
static void reviews(struct work *w, GArray *ms, cd_date opened, int disabled)
{
	char b1[CD_DATE_BUF], b2[CD_DATE_BUF], span[CD_RULE_SPAN_BUF];
	if (ms->len == 0)
		return;
	for (guint i = 0; i < ms->len; i++) {
		const struct meeting *m = &g_array_index(ms, struct meeting, i);
		const struct meeting *next = i + 1 < ms->len ? &g_array_index(ms, struct meeting, i + 1) : NULL;
		enum cd_rule rule = disabled ? (i == 0 ? CD_RULE_REVIEW_DISABLED_FIRST : CD_RULE_REVIEW_DISABLED)
		                             : CD_RULE_REVIEW;
		cd_date from = rule == CD_RULE_REVIEW_DISABLED_FIRST ? opened : m->date;
		cd_date due = due_by(w, rule, from);
		char *what;
		if (rule == CD_RULE_REVIEW_DISABLED_FIRST)
			what = g_strdup_printf("first review within %s of the start (%s)", cd_rule_span(rule, span),
			                       fmt_date(opened, b1));
		else
			what = g_strdup_printf("review within %s of meeting %s", cd_rule_span(rule, span), m->id);
		if (!next) {
			/* Say when the next meeting is planned, and whether that is too late. */
			xmlNodePtr nx = cd_case_first(m->node, "next");
			cd_date planned;
			int r = nx ? date_attr(w, nx, "date", 0, &planned) : 0;
			if (r < 0) {
				g_free(what);
				return;
			}
			if (r > 0) {
				char *more = g_strdup_printf("%s; planned for %s%s", what, fmt_date(planned, b2),
				                             planned > due ? ", after the deadline" : "");
				g_free(what);
				what = more;
			}
		}
		add(w, CD_DUE_REVIEW, next ? next->id : "", from, due, next ? next->date : CD_DATE_NONE,
		    xmlGetLineNo(next ? next->node : m->node), 1, what);
	}
}

static gint date_cmp(gconstpointer a, gconstpointer b)
{
	const cd_date *x = a, *y = b;
	return (*x > *y) - (*x < *y);
}

/* Visits: the first within visit-weeks of the start, each next within visit-weeks of the one
 * before. */
static void visits(struct work *w, xmlNodePtr case_el, cd_date opened)
{
	xmlNodePtr plan = cd_case_first(case_el, "plan");
	const char *wk = cd_case_attr(plan, "visit-weeks");
	if (!plan || !wk)
		return;
	int weeks = cd_rule_visit_weeks(wk);
	GArray *vs = g_array_new(FALSE, FALSE, sizeof(cd_date));
	xmlNodePtr vlist = cd_case_first(case_el, "visits");
	for (xmlNodePtr v = cd_case_first(vlist, "visit"); v; v = cd_case_next(v, "visit")) {
		cd_date d;
		int r = date_attr(w, v, "date", 1, &d);
		if (r < 0)
			goto out;
		if (r > 0 && d >= opened)
			g_array_append_val(vs, d);
	}
	g_array_sort(vs, date_cmp);
	char b1[CD_DATE_BUF], span[CD_RULE_SPAN_BUF];
	cd_date prev = opened;
	long line = xmlGetLineNo(vlist ? vlist : plan);
	for (guint i = 0; i <= vs->len; i++) {
		cd_date done = i < vs->len ? g_array_index(vs, cd_date, i) : CD_DATE_NONE;
		cd_date due = prev;
		if (cd_rule_due_n(w->cal, CD_RULE_VISIT, weeks, prev, &due) < 0)
			CD_BUG("a deadline outside the calendar");
		char *what = g_strdup_printf("visit within %s of %s (%s)",
		                             cd_rule_span_of(weeks, cd_rule(CD_RULE_VISIT)->unit, span),
		                             i == 0 ? "the start" : "the last visit", fmt_date(prev, b1));
		add(w, CD_DUE_VISIT, "", prev, due, done, line, 1, what);
		if (done != CD_DATE_NONE)
			prev = done;
	}
out:
	g_array_free(vs, TRUE);
}

/* A plan that runs beyond its timescale (12 months) needs a specific review: one held in the
 * window before the plan is that old (or the first one after). */
static void plan_length(struct work *w, GArray *ms, cd_date opened, xmlNodePtr case_el)
{
	cd_date twelve = cd_rule_limit(CD_RULE_PLAN_LENGTH, opened);
	cd_date window = cd_rule_notice(CD_RULE_PLAN_LENGTH, opened);
	char b1[CD_DATE_BUF], span[CD_RULE_SPAN_BUF];
	if (w->closed != CD_DATE_NONE && w->closed <= twelve)
		return;
	if (w->today < window)
		return; /* not yet relevant */
	const struct meeting *r = NULL;
	for (guint i = 0; i < ms->len && !r; i++) {
		const struct meeting *m = &g_array_index(ms, struct meeting, i);
		if (strcmp(m->type, "review") == 0 && m->date >= window)
			r = m;
	}
	add(w, CD_DUE_PLAN_LENGTH, r ? r->id : "", opened, due_by(w, CD_RULE_PLAN_LENGTH, opened),
	    r ? r->date : CD_DATE_NONE, xmlGetLineNo(case_el), 1,
	    g_strdup_printf("specific review of a plan running beyond %s (started %s)",
	                    cd_rule_span(CD_RULE_PLAN_LENGTH, span), fmt_date(opened, b1)));
}

/* Each living child's 18th birthday ends the plan: shown from its notice (a year before), and
 * done by a closure for that reason. */
static void eighteen(struct work *w, xmlNodePtr case_el, xmlNodePtr closure)
{
	xmlNodePtr children = cd_case_first(case_el, "children");
	const char *reason = cd_case_attr(closure, "reason");
	char b1[CD_DATE_BUF];
	for (xmlNodePtr c = cd_case_first(children, "child"); c; c = cd_case_next(c, "child")) {
		xmlNodePtr born_el = cd_case_first(c, "born");
		xmlNodePtr died = cd_case_first(c, "died");
		cd_date born, died_on;
		if (died && date_attr(w, died, "date", 1, &died_on) != 0)
			continue;
		if (!born_el || !born_el->children)
			continue;
		char *text = (char *)xmlNodeGetContent(born_el);
		char why[CD_DATE_WHY];
		int bad = cd_date_parse(g_strstrip(text), &born, why) < 0;
		if (bad)
			w->rc = cd_error_at(w->path, xmlGetLineNo(born_el), "'%s' is not a date: %s", text, why);
		xmlFree(text);
		if (bad)
			return;
		cd_date birthday = cd_rule_limit(CD_RULE_EIGHTEEN, born);
		if (birthday < cd_date_from_ymd(CD_CAL_FIRST_YEAR, 1, 2))
			continue;
		cd_date done = CD_DATE_NONE;
		if (w->closed != CD_DATE_NONE && reason && strcmp(reason, "eighteen") == 0)
			done = w->closed;
		else if (w->closed != CD_DATE_NONE)
			continue; /* closed for another reason */
		else if (w->today < cd_rule_notice(CD_RULE_EIGHTEEN, born))
			continue; /* not yet shown */
		char *name = (char *)xmlNodeGetContent(cd_case_first(cd_case_first(c, "name"), "given"));
		xmlNodePtr pref = cd_case_first(c, "preferred-name");
		char *pname = pref ? (char *)xmlNodeGetContent(pref) : NULL;
		add(w, CD_DUE_EIGHTEEN, cd_case_attr(c, "id"), born, due_by(w, CD_RULE_EIGHTEEN, born), done,
		    xmlGetLineNo(c), 0,
		    g_strdup_printf("%s turns %d on %s: the plan ends", pname ? pname : name ? name : "the child",
		                    cd_rule(CD_RULE_EIGHTEEN)->amount, fmt_date(birthday, b1)));
		xmlFree(name);
		xmlFree(pname);
	}
}

static gint item_cmp(gconstpointer a, gconstpointer b)
{
	const cd_due_item *x = a, *y = b;
	if (x->due != y->due)
		return (x->due > y->due) - (x->due < y->due);
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->about, y->about);
}

int cd_due_compute(const cd_calendar *cal, xmlDocPtr doc, const char *path, cd_date today, cd_due_case **out)
{
	struct work w = { cal, path, today, CD_DATE_NONE, NULL, 0 };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	cd_date opened, d;
	char b1[CD_DATE_BUF], span[CD_RULE_SPAN_BUF];
	*out = NULL;
	if (!cd_case_is(root, "case"))
		return cd_error_at(path, 0, "the root element is not 'case'");
	if (date_attr(&w, root, "opened", 0, &opened) <= 0)
		return w.rc ? w.rc : cd_error_at(path, xmlGetLineNo(root), "the case has no 'opened' date");
	w.items = g_array_new(FALSE, FALSE, sizeof(cd_due_item));

	xmlNodePtr closure = cd_case_first(root, "closure");
	if (closure) {
		int r = date_attr(&w, closure, "date", 1, &d);
		if (r > 0)
			w.closed = d;
		else
			closure = r < 0 ? closure : NULL; /* closes after today: not yet */
	}

	/* Held meetings, by date. */
	GArray *ms = g_array_new(FALSE, FALSE, sizeof(struct meeting));
	for (xmlNodePtr m = cd_case_first(cd_case_first(root, "meetings"), "meeting"); m && !w.rc; m = cd_case_next(m, "meeting")) {
		struct meeting mt = { m, cd_case_attr(m, "id"), cd_case_attr(m, "type"), 0 };
		if (date_attr(&w, m, "date", 1, &mt.date) > 0) {
			if (!mt.id)
				mt.id = "";
			if (!mt.type)
				mt.type = "";
			g_array_append_val(ms, mt);
		}
	}
	g_array_sort(ms, meeting_cmp);

	if (!w.rc) {
		xmlNodePtr tr = cd_case_first(root, "transfer-in");
		xmlNodePtr cp = cd_case_first(root, "from-child-protection");
		if (tr)
			first_meeting(&w, ms, tr, "notified", CD_RULE_TRANSFER_MEETING, CD_DUE_TRANSFER_MEETING,
			              "transfer-in", "transfer-in meeting", "the notification");
		if (cp && !w.rc)
			first_meeting(&w, ms, cp, "conference", CD_RULE_CP_MEETING, CD_DUE_CP_MEETING,
			              "after-child-protection", "first meeting", "the child protection conference");
		if (!tr && !cp && !w.rc)
			first_meeting(&w, ms, root, "assessed", CD_RULE_INITIAL_MEETING, CD_DUE_INITIAL_MEETING,
			              "initial", "initial meeting", "the assessment");
	}
	for (guint i = 0; i < ms->len && !w.rc; i++)
		meeting_tasks(&w, &g_array_index(ms, struct meeting, i));
	const char *service = cd_case_attr(root, "service");
	if (!w.rc)
		reviews(&w, ms, opened, service && strcmp(service, "disabled-children") == 0);
	if (!w.rc)
		visits(&w, root, opened);
	if (!w.rc)
		plan_length(&w, ms, opened, root);
	if (!w.rc)
		eighteen(&w, root, closure);
	if (closure && !w.rc && w.closed != CD_DATE_NONE) {
		int r = date_attr(&w, closure, "letters-sent", 1, &d);
		if (r >= 0)
			add(&w, CD_DUE_CLOSURE_LETTERS, "", w.closed, due_by(&w, CD_RULE_CLOSURE_LETTERS, w.closed),
			    r > 0 ? d : CD_DATE_NONE, xmlGetLineNo(closure), 0,
			    g_strdup_printf("closure letters within %s of the closure (%s)",
			                    cd_rule_span(CD_RULE_CLOSURE_LETTERS, span), fmt_date(w.closed, b1)));
	}
	g_array_free(ms, TRUE);

	cd_due_case *c = g_new0(cd_due_case, 1);
	c->ref = g_strdup(cd_case_attr(root, "ref") ? cd_case_attr(root, "ref") : "");
	c->path = g_strdup(path);
	c->items = w.items;
	g_array_sort(c->items, item_cmp);
	if (w.rc) {
		cd_due_case_free(c);
		return w.rc;
	}
	*out = c;
	return 0;
}

void cd_due_case_free(cd_due_case *c)
{
	if (!c)
		return;
	for (guint i = 0; i < c->items->len; i++) {
		cd_due_item *it = &g_array_index(c->items, cd_due_item, i);
		g_free(it->about);
		g_free(it->what);
	}
	g_array_free(c->items, TRUE);
	g_free(c->ref);
	g_free(c->path);
	g_free(c);
}

/* ------------------------------------------------------------------ output */

/* The status as people read it: "done", "done, 3 WD late", "due today", "due in 4 WD",
 * "OVERDUE by 2 WD", "missed by 5 WD". */
static char *status_text(const cd_due_item *it)
{
	switch (it->status) {
	case CD_DUE_DONE: return g_strdup("done");
	case CD_DUE_LATE: return g_strdup_printf("done, %d WD late", it->days);
	case CD_DUE_PENDING:
		return it->days == 0 ? g_strdup("due today") : g_strdup_printf("due in %d WD", it->days);
	case CD_DUE_OVERDUE: return g_strdup_printf("OVERDUE by %d WD", it->days);
	case CD_DUE_MISSED: return g_strdup_printf("missed by %d WD", it->days);
	}
	return g_strdup("?");
}

static int shown(const cd_due_item *it, int pending_only)
{
	return !pending_only || it->status == CD_DUE_PENDING || it->status == CD_DUE_OVERDUE;
}

static void write_table(FILE *fp, cd_due_case *const *cases, int n, cd_date today, int pending_only)
{
	/* Width of the case column: the longest reference (at least "CASE"). */
	int wcase = 4, wstatus = 6;
	char b1[CD_DATE_BUF], b2[CD_DATE_BUF];
	for (int i = 0; i < n; i++) {
		int l = (int)g_utf8_strlen(cases[i]->ref, -1);
		if (l > wcase)
			wcase = l;
		for (guint j = 0; j < cases[i]->items->len; j++) {
			char *s = status_text(&g_array_index(cases[i]->items, cd_due_item, j));
			if ((int)strlen(s) > wstatus)
				wstatus = (int)strlen(s);
			g_free(s);
		}
	}
	fprintf(fp, "as of %s\n", fmt_date(today, b1));
	fprintf(fp, "%-*s  %-10s  %-10s  %-*s  %s\n", wcase, "CASE", "DUE", "DONE", wstatus, "STATUS", "WHAT");
	for (int i = 0; i < n; i++) {
		for (guint j = 0; j < cases[i]->items->len; j++) {
			const cd_due_item *it = &g_array_index(cases[i]->items, cd_due_item, j);
			if (!shown(it, pending_only))
				continue;
			char *s = status_text(it);
			int pad = wcase - (int)g_utf8_strlen(cases[i]->ref, -1);
			fprintf(fp, "%s%*s  %s  %-10s  %-*s  %s\n", cases[i]->ref, pad, "", fmt_date(it->due, b1),
			        it->done == CD_DATE_NONE ? "-" : fmt_date(it->done, b2), wstatus, s, it->what);
			g_free(s);
		}
	}
}

static void write_csv(FILE *fp, cd_due_case *const *cases, int n, int pending_only)
{
	char b[CD_DATE_BUF];
	fputs("case,file,timescale,about,from,due,done,status,working_days,what\n", fp);
	for (int i = 0; i < n; i++) {
		for (guint j = 0; j < cases[i]->items->len; j++) {
			const cd_due_item *it = &g_array_index(cases[i]->items, cd_due_item, j);
			if (!shown(it, pending_only))
				continue;
			cd_csv_field(fp, cases[i]->ref);
			fputc(',', fp);
			cd_csv_field(fp, cases[i]->path);
			fprintf(fp, ",%s,", cd_due_kind_name(it->kind));
			cd_csv_field(fp, it->about);
			fprintf(fp, ",%s", fmt_date(it->from, b));
			fprintf(fp, ",%s,", fmt_date(it->due, b));
			if (it->done != CD_DATE_NONE)
				fputs(fmt_date(it->done, b), fp);
			fprintf(fp, ",%s,%d,", cd_due_status_name(it->status), it->days);
			cd_csv_field(fp, it->what);
			fputc('\n', fp);
		}
	}
}

static void write_json(FILE *fp, cd_due_case *const *cases, int n, cd_date today, int pending_only)
{
	char b[CD_DATE_BUF];
	fprintf(fp, "{\n  \"today\": \"%s\",\n  \"cases\": [", fmt_date(today, b));
	for (int i = 0; i < n; i++) {
		fprintf(fp, "%s\n    {\n      \"case\": ", i ? "," : "");
		cd_json_string(fp, cases[i]->ref);
		fputs(",\n      \"file\": ", fp);
		cd_json_string(fp, cases[i]->path);
		fputs(",\n      \"timescales\": [", fp);
		int first = 1;
		for (guint j = 0; j < cases[i]->items->len; j++) {
			const cd_due_item *it = &g_array_index(cases[i]->items, cd_due_item, j);
			if (!shown(it, pending_only))
				continue;
			fprintf(fp, "%s\n        { \"timescale\": \"%s\", \"about\": ", first ? "" : ",",
			        cd_due_kind_name(it->kind));
			first = 0;
			cd_json_string(fp, it->about);
			fprintf(fp, ", \"from\": \"%s\"", fmt_date(it->from, b));
			fprintf(fp, ", \"due\": \"%s\", \"done\": ", fmt_date(it->due, b));
			if (it->done == CD_DATE_NONE)
				fputs("null", fp);
			else
				fprintf(fp, "\"%s\"", fmt_date(it->done, b));
			fprintf(fp, ", \"status\": \"%s\", \"working_days\": %d, \"what\": ",
			        cd_due_status_name(it->status), it->days);
			cd_json_string(fp, it->what);
			fputs(" }", fp);
		}
		fputs(first ? "]\n    }" : "\n      ]\n    }", fp);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", fp);
}

void cd_due_write(FILE *fp, enum cd_due_format fmt, cd_due_case *const *cases, int n, cd_date today,
                  int pending_only)
{
	switch (fmt) {
	case CD_DUE_TABLE: write_table(fp, cases, n, today, pending_only); break;
	case CD_DUE_CSV: write_csv(fp, cases, n, pending_only); break;
	case CD_DUE_JSON: write_json(fp, cases, n, today, pending_only); break;
	}
}
