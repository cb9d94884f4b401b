/* case/rules.c - the rules of the case, written once (see rules.h). */
#include "case/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"

/* Every statutory timescale (seed 003; DOMAIN.md). Change a timescale here and `due`, the queue,
 * the lints and the templates all follow. */
static const cd_timescale table[CD_RULE_N] = {
	[CD_RULE_INITIAL_MEETING]       = { "initial-meeting", 10, CD_RULE_WORKING_DAYS, 0 },
	[CD_RULE_TRANSFER_MEETING]      = { "transfer-in-meeting", 20, CD_RULE_WORKING_DAYS, 0 },
	[CD_RULE_CP_MEETING]            = { "child-protection-meeting", 4, CD_RULE_WEEKS, 0 },
	[CD_RULE_CASE_NOTE]             = { "case-note", 1, CD_RULE_WORKING_DAYS, 0 },
	[CD_RULE_PLAN_AUTHORISED]       = { "plan-authorised", 5, CD_RULE_WORKING_DAYS, 0 },
	[CD_RULE_MINUTES_SENT]          = { "minutes-sent", 10, CD_RULE_WORKING_DAYS, 0 },
	[CD_RULE_REVIEW]                = { "review", 12, CD_RULE_WEEKS, 0 },
	[CD_RULE_REVIEW_DISABLED_FIRST] = { "review-disabled-first", 3, CD_RULE_MONTHS, 0 },
	[CD_RULE_REVIEW_DISABLED]       = { "review-disabled", 6, CD_RULE_MONTHS, 0 },
	[CD_RULE_VISIT]                 = { "visit", 4, CD_RULE_WEEKS, 0 },
	[CD_RULE_PLAN_LENGTH]           = { "plan-length", 12, CD_RULE_MONTHS, 3 },
	[CD_RULE_EIGHTEEN]              = { "eighteen", 18, CD_RULE_YEARS, 12 },
	[CD_RULE_CLOSURE_LETTERS]       = { "closure-letters", 10, CD_RULE_WORKING_DAYS, 0 },
};

const cd_timescale *cd_rule(enum cd_rule r)
{
	if ((unsigned)r >= CD_RULE_N)
		CD_BUG("no such rule");
	return &table[r];
}

const char *cd_rule_name(enum cd_rule r)
{
	return cd_rule(r)->name;
}

int cd_rule_parse(const char *name)
{
	for (int i = 0; name && i < CD_RULE_N; i++)
		if (strcmp(name, table[i].name) == 0)
			return i;
	return -1;
}

char *cd_rule_span_of(int amount, enum cd_rule_unit unit, char *buf)
{
	static const char *const units[][2] = {
		[CD_RULE_WORKING_DAYS] = { "working day", "working days" },
		[CD_RULE_WEEKS] = { "week", "weeks" },
		[CD_RULE_MONTHS] = { "month", "months" },
		[CD_RULE_YEARS] = { "year", "years" },
	};
	snprintf(buf, CD_RULE_SPAN_BUF, "%d %s", amount, units[unit][amount != 1]);
	return buf;
}

char *cd_rule_span(enum cd_rule r, char *buf)
{
	return cd_rule_span_of(cd_rule(r)->amount, cd_rule(r)->unit, buf);
}

static cd_date add(cd_date from, int amount, enum cd_rule_unit unit)
{
	switch (unit) {
	case CD_RULE_WEEKS: return from + 7 * amount;
	case CD_RULE_MONTHS: return cd_date_add_months(from, amount);
	case CD_RULE_YEARS: return cd_date_add_years(from, amount);
	case CD_RULE_WORKING_DAYS: break;
	}
	CD_BUG("a working-day timescale has no plain limit");
}

cd_date cd_rule_limit(enum cd_rule r, cd_date from)
{
	return add(from, cd_rule(r)->amount, cd_rule(r)->unit);
}

int cd_rule_due_n(const cd_calendar *cal, enum cd_rule r, int amount, cd_date from, cd_date *due)
{
	const cd_timescale *t = cd_rule(r);
	if (t->unit == CD_RULE_WORKING_DAYS)
		return cd_calendar_add_working_days(cal, from, amount, due);
	/* On a non-working day the deadline moves back to the working day before. */
	return cd_calendar_add_working_days(cal, add(from, amount, t->unit) + 1, -1, due);
}

int cd_rule_due(const cd_calendar *cal, enum cd_rule r, cd_date from, cd_date *due)
{
	return cd_rule_due_n(cal, r, cd_rule(r)->amount, from, due);
}

cd_date cd_rule_notice(enum cd_rule r, cd_date from)
{
	const cd_timescale *t = cd_rule(r);
	return cd_date_add_months(cd_rule_limit(r, from), -t->notice_months);
}

int cd_rule_visit_weeks(const char *visit_weeks)
{
	int max = cd_rule(CD_RULE_VISIT)->amount;
	int weeks = visit_weeks ? atoi(visit_weeks) : max;
	return weeks < 1 || weeks > max ? max : weeks;
}

/* ------------------------------------------------------------------ copies */

int cd_rule_child_gets_copies(xmlNodePtr child, cd_date on)
{
	cd_date born, died;
	if (cd_case_text_date(cd_case_first(child, "born"), &born) < 0)
		return 0;
	xmlNodePtr d = cd_case_first(child, "died");
	if (d && cd_case_date_attr(d, "date", &died) == 0 && died <= on)
		return 0;
	return cd_date_years_between(born, on) >= CD_RULE_CHILD_COPY_AGE;
}

int cd_rule_signs_plan(xmlNodePtr party, cd_date on)
{
	if (cd_case_is(party, "person")) {
		return cd_case_flag(party, "parental-responsibility");
	}
	cd_date born, died;
	if (!cd_case_is(party, "child") || cd_case_text_date(cd_case_first(party, "born"), &born) < 0)
		return 0;
	xmlNodePtr d = cd_case_first(party, "died");
	if (d && cd_case_date_attr(d, "date", &died) == 0 && died <= on)
		return 0;
	return cd_date_years_between(born, on) >= CD_RULE_SIGN_AGE;
}

static int role_has(const char *role, const char *what)
{
	char *low = g_ascii_strdown(role ? role : "", -1);
	int has = strstr(low, what) != NULL;
	g_free(low);
	return has;
}

int cd_rule_chair_ok(const char *meeting_type, const char *role, const char **roles)
{
	int review = g_strcmp0(meeting_type, "review") == 0;
	*roles = review ? "Team Manager or Senior Practitioner" : "Team Manager";
	return role_has(role, "team manager") || (review && role_has(role, "senior practitioner"));
}

int cd_rule_authoriser_ok(const char *role)
{
	return role_has(role, "team manager");
}

int cd_rule_adult_reader(xmlNodePtr party, cd_date on)
{
	if (cd_case_is(party, "person"))
		return 1;
	cd_date born;
	if (!cd_case_is(party, "child") || cd_case_text_date(cd_case_first(party, "born"), &born) < 0)
		return 0;
	return cd_date_years_between(born, on) >= CD_RULE_ADULT_AGE;
}

/* One of the authority's own staff: their agency is the authority's name. */
static int authority_staff(xmlNodePtr person)
{
	xmlNodePtr auth = cd_case_first(xmlDocGetRootElement(person->doc), "authority");
	xmlChar *an = xmlNodeGetContent(cd_case_first(auth, "name"));
	xmlChar *pa = xmlNodeGetContent(cd_case_first(person, "agency"));
	int same = an && pa && xmlStrcmp(an, pa) == 0;
	xmlFree(an);
	xmlFree(pa);
	return same;
}

int cd_rule_gets_copies(xmlNodePtr party, cd_date on)
{
	if (cd_case_is(party, "child"))
		return !cd_case_first(party, "died") && cd_rule_child_gets_copies(party, on);
	if (cd_case_is(party, "person"))
		return !authority_staff(party) && g_strcmp0(cd_case_attr(party, "kind"), "interpreter") != 0;
	return 1;
}

enum cd_delivery cd_rule_delivery(xmlNodePtr party)
{
	if (cd_case_is(party, "person") && cd_case_first(party, "email"))
		return CD_DELIVERY_EMAIL;
	return CD_DELIVERY_POST;
}

const char *cd_delivery_name(enum cd_delivery d)
{
	return d == CD_DELIVERY_EMAIL ? "email" : "post";
}

xmlNodePtr cd_rule_plan_ended(xmlDocPtr case_doc)
{
	xmlNodePtr root = xmlDocGetRootElement(case_doc);
	return cd_case_is(root, "case") ? cd_case_first(root, "closure") : NULL;
}

xmlNodePtr cd_rule_final_minutes(xmlDocPtr case_doc)
{
	if (!cd_rule_plan_ended(case_doc))
		return NULL;
	xmlNodePtr last = NULL;
	const char *last_date = NULL;
	xmlNodePtr ms = cd_case_first(xmlDocGetRootElement(case_doc), "meetings");
	for (xmlNodePtr m = cd_case_first(ms, "meeting"); m; m = cd_case_next(m, "meeting")) {
		const char *d = cd_case_attr(m, "date");
		if (!last || (d && last_date && strcmp(d, last_date) >= 0)) {
			last = m;
			last_date = d;
		}
	}
	if (!last || !cd_case_attr(last, "id") || cd_case_attr(cd_case_first(last, "done"), "minutes-sent"))
		return NULL;
	return last;
}

/* ------------------------------------------------------------ one letter to two */

/* The address as one string to compare: each field's words, normalised, case folded. */
static char *address_key(xmlNodePtr addr)
{
	GString *s = g_string_new(NULL);
	for (xmlNodePtr f = addr ? addr->children : NULL; f; f = f->next) {
		if (f->type != XML_ELEMENT_NODE)
			continue;
		char *t = cd_case_text(f);
		char **w = g_strsplit_set(t ? t : "", " \t\r\n,", -1);
		for (char **i = w; *i; i++)
			if (**i) {
				char *fold = g_utf8_casefold(*i, -1);
				g_string_append_printf(s, "%s ", fold);
				g_free(fold);
			}
		g_strfreev(w);
		g_free(t);
		g_string_append(s, "|");
	}
	return g_string_free(s, FALSE);
}

/* 1 when an element of the case is withheld from one of the two and not from the other. */
static int withheld_between(xmlNodePtr n, const char *a, const char *b)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *w = cd_case_attr(c, "withheld-from");
		if (w && cd_case_list_has(w, a) != cd_case_list_has(w, b))
			return 1;
		if (withheld_between(c, a, b))
			return 1;
	}
	return 0;
}

static int reads_alike(xmlNodePtr a, xmlNodePtr b)
{
	xmlNodePtr ra = cd_case_first(a, "reads"), rb = cd_case_first(b, "reads");
	return g_strcmp0(cd_case_attr(ra, "lang"), cd_case_attr(rb, "lang")) == 0 &&
	       g_strcmp0(cd_case_attr(ra, "version"), cd_case_attr(rb, "version")) == 0 &&
	       cd_case_flag(ra, "large-print") == cd_case_flag(rb, "large-print");
}

int cd_rule_one_letter(xmlNodePtr a, xmlNodePtr b)
{
	if (!a || !b || a == b || !cd_case_is(a, "person") || !cd_case_is(b, "person"))
		return 0;
	for (int i = 0; i < 2; i++) {
		xmlNodePtr p = i ? b : a;
		const char *kind = cd_case_attr(p, "kind");
		if (g_strcmp0(kind, "parent") != 0 && g_strcmp0(kind, "carer") != 0)
			return 0;
		if (!cd_rule_gets_copies(p, 0) || cd_rule_delivery(p) != CD_DELIVERY_POST)
			return 0;
		if (cd_case_flag(cd_case_first(p, "reads"), "own-letter"))
			return 0;
	}
	xmlNodePtr aa = cd_case_first(a, "address"), ba = cd_case_first(b, "address");
	if (!aa || !ba || !reads_alike(a, b))
		return 0;
	char *ka = address_key(aa), *kb = address_key(ba);
	int same = strcmp(ka, kb) == 0;
	g_free(ka);
	g_free(kb);
	return same && !withheld_between(xmlDocGetRootElement(a->doc), cd_case_attr(a, "id"),
	                                 cd_case_attr(b, "id"));
}

int cd_rule_translation_langs(xmlNodePtr case_root, const char **langs, int max)
{
	static const char *const known[] = { "en", "cy", "pl", "ur" };
	static const char *const groups[][2] = { { "children", "child" }, { "people", "person" } };
	const char *own = cd_case_attr(case_root, "lang");
	int n = 0;
	for (size_t g = 0; g < G_N_ELEMENTS(groups); g++)
		for (xmlNodePtr p = cd_case_first(cd_case_first(case_root, groups[g][0]), groups[g][1]);
		     p && n < max - 1; p = cd_case_next(p, groups[g][1])) {
			const char *l = cd_case_attr(cd_case_first(p, "reads"), "lang");
			int ok = l && g_strcmp0(l, own) != 0;
			for (int i = 0; ok && i < n; i++)
				ok = strcmp(langs[i], l) != 0;
			int knows = 0;
			for (size_t k = 0; ok && k < G_N_ELEMENTS(known); k++)
				knows |= strcmp(known[k], l) == 0;
			if (ok && knows)
				langs[n++] = l;
		}
	if (max > 0)
		langs[n] = NULL;
	return n;
}

int cd_rule_is_case_text(const char *name)
{
	static const char *const names[] = {
		"p", "quote", "not-sought", "service", "report", "access", "transport", "need", "obstacles",
		"how", "goal", "late", "why-removed", "score", "question", "zero", "ten",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}
