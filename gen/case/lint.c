/* case/lint.c - the checks of `cindoc check` that XSD cannot express (see lint.h). */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"
#include "case/lint-internal.h"

/* ================================================================== jargon */

struct term {
	char *text;
	size_t len;
	int exact;   /* capitals and digits only: match case */
	int explain; /* fine when an explanation follows */
	char *advice;
};

struct cd_jargon {
	GArray *terms; /* struct term */
};

void cd_jargon_free(cd_jargon *j)
{
	if (!j)
		return;
	for (guint i = 0; i < j->terms->len; i++) {
		struct term *t = &g_array_index(j->terms, struct term, i);
		g_free(t->text);
		g_free(t->advice);
	}
	g_array_free(j->terms, TRUE);
	g_free(j);
}

static int all_caps(const char *s)
{
	for (; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != ' ')
			return 0;
	return 1;
}

cd_jargon *cd_jargon_load(const char *path, int *rc)
{
	char *data = NULL;
	*rc = cd_read_file(path, &data, NULL);
	if (*rc < 0)
		return NULL;
	cd_jargon *j = g_new0(cd_jargon, 1);
	j->terms = g_array_new(FALSE, TRUE, sizeof(struct term));
	char **lines = g_strsplit(data, "\n", -1);
	g_free(data);
	for (int i = 0; lines[i]; i++) {
		char *line = lines[i];
		g_strchomp(line);
		if (!*line || *line == '#')
			continue;
		char **f = g_strsplit(line, "\t", -1);
		int ok = g_strv_length(f) == 3 && *g_strstrip(f[0]) && *g_strstrip(f[2]);
		if (!ok) {
			*rc = cd_error_at(path, i + 1, "a jargon line is TERM, RULE and ADVICE separated by tabs");
		} else if (strcmp(f[1], "drop") != 0 && strcmp(f[1], "explain") != 0) {
			*rc = cd_error_at(path, i + 1, "unknown rule '%s' (drop or explain)", f[1]);
			ok = 0;
		}
		if (ok) {
			struct term t = {
				.text = g_strdup(f[0]),
				.len = strlen(f[0]),
				.exact = all_caps(f[0]),
				.explain = strcmp(f[1], "explain") == 0,
				.advice = g_strdup(f[2]),
			};
			g_array_append_val(j->terms, t);
		}
		g_strfreev(f);
		if (!ok)
			break;
	}
	g_strfreev(lines);
	if (*rc < 0) {
		cd_jargon_free(j);
		return NULL;
	}
	return j;
}

/* Letters, digits and any byte of a multi-byte UTF-8 character are part of a word. */
int lint_wordch(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* After a term that may be explained: "(", ",", ":" or a dash (-, en or em dash). */
static int explained(const char *p)
{
	while (*p == ' ')
		p++;
	return *p == '(' || *p == ',' || *p == ':' || *p == '-' ||
	       strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0;
}

const char *cd_jargon_find(const cd_jargon *j, const char *text, const char **advice)
{
	/* White space of any kind and length matches the single space of a term. */
	GString *s = g_string_new(NULL);
	for (const char *p = text; *p; p++) {
		if (isspace((unsigned char)*p)) {
			if (s->len && s->str[s->len - 1] != ' ')
				g_string_append_c(s, ' ');
		} else {
			g_string_append_c(s, *p);
		}
	}
	const char *found = NULL;
	for (size_t i = 0; i < s->len && !found; i++) {
		if (i > 0 && lint_wordch((unsigned char)s->str[i - 1]))
			continue;
		for (guint k = 0; k < j->terms->len; k++) {
			const struct term *t = &g_array_index(j->terms, struct term, k);
			if (i + t->len > s->len)
				continue;
			int same = t->exact ? strncmp(s->str + i, t->text, t->len) == 0
			                    : g_ascii_strncasecmp(s->str + i, t->text, t->len) == 0;
			if (!same || lint_wordch((unsigned char)s->str[i + t->len]))
				continue;
			if (t->explain && explained(s->str + i + t->len))
				continue;
			found = t->text;
			if (advice)
				*advice = t->advice;
			break;
		}
	}
	g_string_free(s, TRUE);
	return found;
}

/* ================================================================== lints */

struct cd_lint {
	cd_jargon *jargon;
	int quiet;          /* warnings counted, not printed */
};

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
	{ "item", "removed-at", MEETING },
	{ "late", "meeting", MEETING },
	{ "done", "authorised-by", PERSON },
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

static void check_ref_kinds(struct lc *c, xmlNodePtr n)
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
		check_ref_kinds(c, n->children);
	}
}

/* ------------------------------------------------------------------ people and children */

struct kid {
	xmlNodePtr node;
	const char *id;
	cd_date born;
	int has_born;
	cd_date died;
	int has_died;
	cd_date adult; /* 18th birthday, when has_born */
};

static GArray *collect_children(struct lc *c)
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
static int kid_there(const struct kid *k, cd_date d)
{
	if (k->has_born && k->born > d)
		return 0;
	if (k->has_died && k->died <= d)
		return 0;
	return 1;
}

static void check_consent(struct lc *c)
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
static void check_reachable(struct lc *c, GArray *kids, cd_date on)
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

/* ------------------------------------------------------------------ meetings */

struct mtg {
	xmlNodePtr node;
	const char *id;
	cd_date date;
};

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
		if (!kid_there(kd, m->date))
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
	/* The Team Manager authorises the plan (seed 003 section 5). */
	const char *by = cd_case_attr(done, "authorised-by");
	xmlNodePtr p = cd_case_lookup(c->doc, by);
	if (!by || !cd_case_is(p, "person"))
		return;
	char *role = lint_text(cd_case_first(p, "role"));
	if (!cd_rule_authoriser_ok(role))
		lint_report(c, 0, done, "the plan of meeting '%s' is to be authorised by a Team Manager, but the role of %s is '%s'",
		            m->id, lint_who(c, by), role);
	if (!cd_case_attr(done, "plan-authorised"))
		lint_report(c, 0, done, "meeting '%s' says who authorised the plan but not when (plan-authorised)", m->id);
	g_free(role);
}

/* Each meeting is chaired by whom seed 003 section 5 says: a Team Manager, or for a review a
 * Team Manager or Senior Practitioner (cd_rule_chair_ok). */
static void check_chair(struct lc *c, struct mtg *m)
{
	const char *type = cd_case_attr(m->node, "type");
	xmlNodePtr chair = cd_case_first(m->node, "chair");
	xmlNodePtr p = cd_case_lookup(c->doc, cd_case_attr(chair, "ref"));
	if (!cd_case_is(p, "person"))
		return;
	char *role = lint_text(cd_case_first(p, "role"));
	const char *roles;
	if (!cd_rule_chair_ok(type, role, &roles))
		lint_report(c, 0, chair, "meeting '%s' (%s) is to be chaired by a %s, but the role of %s is '%s'",
		            m->id, type, roles, lint_who(c, cd_case_attr(chair, "ref")), role);
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

static void check_meetings(struct lc *c, GArray *ms, GArray *kids)
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
			if (!kd->has_born || !kid_there(kd, m->date))
				continue;
			if (kd->adult > m->date && kd->adult <= nd)
				lint_report(c, 0, next, "%s turns %d on %s, on or before the next review (%s): plan for the end of the plan",
				       lint_who(c, kd->id), cd_rule(CD_RULE_EIGHTEEN)->amount, lint_ds(c, kd->adult), lint_ds(c, nd));
		}
	}
}

/* ------------------------------------------------------------------ plan, visits, closure */

/* A step still open whose "by when" had passed at a later meeting: the minutes flag it as late,
 * with what that meeting agreed about it (item/late[@meeting]); without that, the minutes can
 * only say it is late (seed 003 Appendix 3: drift is noted and resolved). */
static void check_late(struct lc *c, GArray *ms, xmlNodePtr it, cd_date by, cd_date set)
{
	for (guint i = 0; i < ms->len; i++) {
		struct mtg *m = &g_array_index(ms, struct mtg, i);
		if (m->date <= by || m->date < set)
			continue;
		int said = 0;
		for (xmlNodePtr l = cd_case_first(it, "late"); l && !said; l = cd_case_next(l, "late"))
			said = g_strcmp0(cd_case_attr(l, "meeting"), m->id) == 0;
		if (!said)
			lint_report(c, 0, it, "plan item '%s' was due by %s and still open at meeting '%s' (%s): record what "
			            "the meeting agreed about it (<late meeting=\"%s\">)", cd_case_attr(it, "id"),
			            lint_ds(c, by), m->id, lint_ds(c, m->date), m->id);
	}
}

static void check_plan(struct lc *c, GArray *ms)
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
			if (removed && !cd_case_first(it, "why-removed"))
				lint_report(c, 0, it, "plan item '%s' was removed with no 'why-removed': the file keeps why", id);
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
			else if (!removed && g_strcmp0(cd_case_attr(it, "status"), "open") == 0)
				check_late(c, ms, it, bd, set->date);
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

static void check_visits(struct lc *c)
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

static void check_closure(struct lc *c, GArray *ms, GArray *kids)
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

/* ------------------------------------------------------------------ jargon in the text */

/* Text written for the child: not quotes or scores (people's own words), names or roles. */
static const char *const for_child[] = {
	"p", "need", "obstacles", "how", "goal", "question", "zero", "ten", "service",
	"not-sought", "access", "transport", "report", "disability",
};

static void check_jargon(struct lc *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || cd_case_is(n, "authority"))
			continue;
		int wanted = 0;
		for (size_t i = 0; i < G_N_ELEMENTS(for_child); i++)
			wanted |= cd_case_is(n, for_child[i]);
		/* <service> also names the authority's service: only plan services are text. */
		if (cd_case_is(n, "service") && !cd_case_is(n->parent, "services"))
			wanted = 0;
		if (wanted) {
			char *t = lint_text(n);
			const char *advice = NULL;
			const char *term = cd_jargon_find(c->l->jargon, t, &advice);
			if (term)
				lint_report(c, 0, n, "'%s' is jargon children asked us not to use: %s", term, advice);
			g_free(t);
			continue;
		}
		check_jargon(c, n->children);
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

	check_ref_kinds(&c, c.root);
	GArray *kids = collect_children(&c);
	check_consent(&c);

	GArray *ms = g_array_new(FALSE, TRUE, sizeof(struct mtg));
	for (xmlNodePtr m = cd_case_first(cd_case_first(c.root, "meetings"), "meeting"); m;
	     m = cd_case_next(m, "meeting")) {
		struct mtg x = { .node = m, .id = cd_case_attr(m, "id") };
		if (cd_case_date_attr(m, "date", &x.date) == 0)
			g_array_append_val(ms, x);
	}
	check_meetings(&c, ms, kids);
	check_plan(&c, ms);
	check_visits(&c);
	check_closure(&c, ms, kids);

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
	check_reachable(&c, kids, on);
	lint_check_withheld_addresses(&c);
	lint_check_withheld_text(&c);
	lint_check_translations(&c);
	check_jargon(&c, c.root);

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
