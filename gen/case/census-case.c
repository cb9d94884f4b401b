/* case/census-case.c - one case from one CIN plan of a census child (see census.h). */
#include "case/census.h"

#include <string.h>

#include "base/cindoc.h"

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	if (value && *value)
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static int on_or_before(const char *a, const char *b)
{
	return a[0] && b[0] && strcmp(a, b) <= 0;
}

/* Why the plan ended, as one of the eight ways of seed 003 (templates/case.xsd,
 * "closure-reason"), from what the census shows, and the census fact it rests on in *why:
 * - the referral closed the day the plan ended: its ReasonForClosure (RC1 adopted: the child was
 *   looked after first; RC2 died; RC5 transfer; RC6 adult services: eighteen; RC3, RC4 (a child
 *   arrangements or special guardianship order), RC7, RC8, RC9: the child no longer needs the plan);
 * - else a child protection plan that started while the plan ran: child-protection-plan;
 * - else the child died, or turned 18, on or before the end: died, eighteen;
 * - else the referral's later ReasonForClosure as above;
 * - else the census does not say: needs-met, with a warning to check it. */
static const char *reason_for(const cd_census_child *c, const cd_census_episode *ep, const cd_census_plan *p,
                              char **why, int *guessed)
{
	static const char *const by_code[][2] = {
		{ "RC1", "looked-after" }, { "RC2", "died" }, { "RC3", "needs-met" }, { "RC4", "needs-met" },
		{ "RC5", "transfer" }, { "RC6", "eighteen" }, { "RC7", "needs-met" }, { "RC8", "needs-met" },
		{ "RC9", "needs-met" },
	};
	const char *coded = NULL;
	for (size_t i = 0; ep->reason && i < G_N_ELEMENTS(by_code); i++)
		if (strcmp(ep->reason, by_code[i][0]) == 0)
			coded = by_code[i][1];
	*guessed = 0;
	if (coded && ep->closed[0] && strcmp(ep->closed, p->end) == 0) {
		*why = g_strdup_printf("ReasonForClosure %s: %s", ep->reason, cd_census_reason_text(ep->reason));
		return coded;
	}
	for (guint i = 0; i < ep->cpp_starts->len; i++) {
		const char *cpp = g_array_index(ep->cpp_starts, cd_census_day, i);
		if (on_or_before(p->start, cpp) && on_or_before(cpp, p->end)) {
			*why = g_strdup_printf("CPPstartDate %s", cpp);
			return "child-protection-plan";
		}
	}
	if (on_or_before(c->died, p->end)) {
		*why = g_strdup_printf("PersonDeathDate %s", c->died);
		return "died";
	}
	cd_date born, end;
	if (cd_case_date(c->born, &born) == 0 && cd_case_date(p->end, &end) == 0 &&
	    cd_date_years_between(born, end) >= 18) {
		*why = g_strdup_printf("PersonBirthDate %s", c->born);
		return "eighteen";
	}
	if (coded) {
		*why = g_strdup_printf("ReasonForClosure %s: %s", ep->reason, cd_census_reason_text(ep->reason));
		return coded;
	}
	*guessed = 1;
	*why = g_strdup_printf("CINPlanEndDate %s", p->end);
	return "needs-met";
}

/* The assessment the plan followed: the last one authorised on or before the plan started. */
static const char *assessed(const cd_census_episode *ep, const cd_census_plan *p)
{
	const char *best = NULL;
	for (guint i = 0; i < ep->assessments->len; i++) {
		const char *a = g_array_index(ep->assessments, cd_census_assessment, i).authorised;
		if (on_or_before(a, p->start) && (!best || strcmp(a, best) > 0))
			best = a;
	}
	return best;
}

static void census_record(xmlNodePtr child, const cd_census_child *c, const cd_census_episode *ep,
                          const cd_census_plan *p)
{
	xmlNodePtr r = xmlNewChild(child, NULL, (const xmlChar *)"census", NULL);
	set(r, "la-child-id", c->id);
	set(r, "sex", c->sex);
	set(r, "ethnicity", c->ethnicity);
	set(r, "disabilities", c->disabilities);
	set(r, "referred", ep->referred);
	set(r, "referral-source", ep->source);
	set(r, "primary-need", ep->need);
	set(r, "referral-nfa", ep->nfa ? "true" : "false");
	set(r, "closed", ep->closed);
	set(r, "closure-code", ep->reason);
	set(r, "plan-ended", p->end);
	for (guint i = 0; i < ep->assessments->len; i++) {
		const cd_census_assessment *a = &g_array_index(ep->assessments, cd_census_assessment, i);
		xmlNodePtr n = xmlNewChild(r, NULL, (const xmlChar *)"assessment", NULL);
		set(n, "started", a->started);
		set(n, "reviewed", a->reviewed);
		set(n, "authorised", a->authorised);
	}
}

/* The disabilities in the census's words ("Hand function, Hearing"); NULL when none (or NONE). */
static char *disability_text(const char *codes)
{
	if (!codes)
		return NULL;
	GString *g = g_string_new(NULL);
	char **v = g_strsplit(codes, " ", -1);
	for (char **p = v; *p; p++)
		if (strcmp(*p, "NONE") != 0)
			g_string_append_printf(g, "%s%s", g->len ? ", " : "", cd_census_disability_text(*p));
	g_strfreev(v);
	return g->len ? g_string_free(g, FALSE) : (g_string_free(g, TRUE), NULL);
}

xmlDocPtr cd_census_case(const cd_census_child *c, const cd_census_episode *ep, const cd_census_plan *p,
                         const char *ref, const char *file, int quiet)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"case");
	xmlDocSetRootElement(doc, root);
	set(root, "ref", ref);
	/* The disabled children's service when the census's primary need is the child's disability. */
	set(root, "service", ep->need && strcmp(ep->need, "N2") == 0 ? "disabled-children" : "family-support");
	set(root, "opened", p->start);
	set(root, "assessed", assessed(ep, p));
	set(root, "lang", "en");

	xmlNodePtr child = xmlNewChild(xmlNewChild(root, NULL, (const xmlChar *)"children", NULL), NULL,
	                               (const xmlChar *)"child", NULL);
	set(child, "id", "c1");
	/* The census names nobody: the child is "Child LACHILDID" until their name is written in. */
	xmlNodePtr name = xmlNewChild(child, NULL, (const xmlChar *)"name", NULL);
	add(name, "given", "Child");
	add(name, "family", c->id);
	add(child, "born", c->born);
	xmlNodePtr reads = xmlNewChild(child, NULL, (const xmlChar *)"reads", NULL);
	set(reads, "lang", "en");
	set(reads, "version", "full");
	char *dis = disability_text(c->disabilities);
	if (dis)
		add(child, "disability", dis);
	g_free(dis);
	if (c->died[0])
		set(xmlNewChild(child, NULL, (const xmlChar *)"died", NULL), "date", c->died);
	census_record(child, c, ep, p);

	xmlNewChild(root, NULL, (const xmlChar *)"people", NULL);
	xmlNewChild(root, NULL, (const xmlChar *)"meetings", NULL);
	if (p->end[0]) {
		char *why = NULL;
		int guessed = 0;
		const char *reason = reason_for(c, ep, p, &why, &guessed);
		if (guessed && !quiet)
			cd_warning_at(file, p->line, "the census does not say why the CIN plan of '%s' ended on %s: "
			              "imported as needs-met; check it", c->id, p->end);
		xmlNodePtr cl = xmlNewChild(root, NULL, (const xmlChar *)"closure", NULL);
		set(cl, "date", p->end);
		set(cl, "reason", reason);
		/* The plan ended in the system that made the census, which wrote its letters then: the
		 * queue owes none for it (else every closed plan of the return would print a letter). */
		set(cl, "letters-sent", p->end);
		set(cl, "next", ep->reason && strcmp(ep->reason, "RC9") == 0 && strcmp(ep->closed, p->end) == 0
		                    ? "early-help" : "nothing-further");
		add(xmlNewChild(cl, NULL, (const xmlChar *)"why", NULL), "p", why);
		g_free(why);
	}
	return doc;
}
