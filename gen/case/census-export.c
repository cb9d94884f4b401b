/* case/census-export.c - cases back out as a Children in Need census (see census.h). */
#include "case/census.h"

#include <stdlib.h>
#include <string.h>

#include "base/cindoc.h"

struct episode {
	char *referred, *source, *need, *closed, *code, *nfa;
	GPtrArray *assessments; /* char *[3] (started, reviewed, authorised), as a strv */
	GPtrArray *plans;       /* char *[2] (start, end or ""), as a strv */
};

struct child {
	char *id, *born, *died, *sex, *ethnicity, *disabilities;
	GPtrArray *episodes;    /* struct episode */
};

struct cd_census_out {
	GHashTable *children;   /* LAchildID -> struct child */
};

static void episode_free(gpointer p)
{
	struct episode *e = p;
	g_free(e->referred);
	g_free(e->source);
	g_free(e->need);
	g_free(e->closed);
	g_free(e->code);
	g_free(e->nfa);
	g_ptr_array_free(e->assessments, TRUE);
	g_ptr_array_free(e->plans, TRUE);
	g_free(e);
}

static void child_free(gpointer p)
{
	struct child *c = p;
	g_free(c->id);
	g_free(c->born);
	g_free(c->died);
	g_free(c->sex);
	g_free(c->ethnicity);
	g_free(c->disabilities);
	g_ptr_array_free(c->episodes, TRUE);
	g_free(c);
}

cd_census_out *cd_census_out_new(void)
{
	cd_census_out *o = g_new0(cd_census_out, 1);
	o->children = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, child_free);
	return o;
}

void cd_census_out_free(cd_census_out *o)
{
	if (!o)
		return;
	g_hash_table_destroy(o->children);
	g_free(o);
}

static char *attr(xmlNodePtr n, const char *name)
{
	const char *v = cd_case_attr(n, name);
	return v && *v ? g_strdup(v) : NULL;
}

/* The census code for a plan that ended in cindoc without one from the census: the referral
 * closes with it, except when a child protection plan or care takes over (the child is still
 * in need, and the referral stays open in the census). */
static const char *code_for(const char *reason)
{
	static const char *const map[][2] = {
		{ "needs-met", "RC7" }, { "supervision-order-ended", "RC7" }, { "moved-outside", "RC7" },
		{ "eighteen", "RC7" }, { "transfer", "RC5" }, { "died", "RC2" },
	};
	for (size_t i = 0; reason && i < G_N_ELEMENTS(map); i++)
		if (strcmp(map[i][0], reason) == 0)
			return map[i][1];
	return NULL;
}

/* A plan closed in cindoc (on another day than the census knew) closes its referral, when the
 * census had it open. */
static void close_in_cindoc(struct episode *e, xmlNodePtr rec, xmlNodePtr closure)
{
	const char *ended = cd_case_attr(rec, "plan-ended");
	if (e->closed || !closure || !code_for(cd_case_attr(closure, "reason")) ||
	    g_strcmp0(ended, cd_case_attr(closure, "date")) == 0)
		return;
	g_free(e->code);
	e->closed = attr(closure, "date");
	e->code = g_strdup(code_for(cd_case_attr(closure, "reason")));
}

static struct episode *episode_of(struct child *c, xmlNodePtr rec, xmlNodePtr closure)
{
	const char *referred = cd_case_attr(rec, "referred");
	for (guint i = 0; i < c->episodes->len; i++) {
		struct episode *e = c->episodes->pdata[i];
		if (strcmp(e->referred, referred) == 0) {
			close_in_cindoc(e, rec, closure);
			return e;
		}
	}
	struct episode *e = g_new0(struct episode, 1);
	e->referred = g_strdup(referred);
	e->source = attr(rec, "referral-source");
	e->need = attr(rec, "primary-need");
	e->closed = attr(rec, "closed");
	e->code = attr(rec, "closure-code");
	e->nfa = g_strdup(cd_case_flag(rec, "referral-nfa") ? "true" : "false");
	close_in_cindoc(e, rec, closure);
	e->assessments = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	e->plans = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	for (xmlNodePtr a = cd_case_first(rec, "assessment"); a; a = cd_case_next(a, "assessment")) {
		char **v = g_new0(char *, 4);
		v[0] = g_strdup(cd_case_attr(a, "started"));
		v[1] = g_strdup(cd_case_attr(a, "reviewed") ? cd_case_attr(a, "reviewed") : "");
		v[2] = g_strdup(cd_case_attr(a, "authorised") ? cd_case_attr(a, "authorised") : "");
		g_ptr_array_add(e->assessments, v);
	}
	g_ptr_array_add(c->episodes, e);
	return e;
}

int cd_census_out_add(cd_census_out *o, const char *file, xmlDocPtr doc)
{
	(void)file;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr closure = cd_case_first(root, "closure");
	int n = 0;
	for (xmlNodePtr ch = cd_case_first(cd_case_first(root, "children"), "child"); ch; ch = cd_case_next(ch, "child")) {
		xmlNodePtr rec = cd_case_first(ch, "census");
		if (!rec)
			continue;
		const char *id = cd_case_attr(rec, "la-child-id");
		struct child *c = g_hash_table_lookup(o->children, id);
		if (!c) {
			c = g_new0(struct child, 1);
			c->id = g_strdup(id);
			c->born = cd_case_text(cd_case_first(ch, "born"));
			c->died = attr(cd_case_first(ch, "died"), "date");
			c->sex = attr(rec, "sex");
			c->ethnicity = attr(rec, "ethnicity");
			c->disabilities = attr(rec, "disabilities");
			c->episodes = g_ptr_array_new_with_free_func(episode_free);
			g_hash_table_insert(o->children, c->id, c);
		}
		struct episode *e = episode_of(c, rec, closure);
		char **plan = g_new0(char *, 3);
		plan[0] = g_strdup(cd_case_attr(root, "opened"));
		plan[1] = g_strdup(closure ? cd_case_attr(closure, "date") : "");
		int dup = 0;
		for (guint i = 0; i < e->plans->len; i++)
			dup |= strcmp(((char **)e->plans->pdata[i])[0], plan[0]) == 0;
		if (dup)
			g_strfreev(plan);
		else
			g_ptr_array_add(e->plans, plan);
		n++;
	}
	return n;
}

/* ------------------------------------------------------------------ the document */

static xmlNodePtr add(xmlNodePtr parent, const char *name, const char *text)
{
	if (text && !*text)
		return NULL;
	return xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

static gint by_text(gconstpointer a, gconstpointer b)
{
	return strcmp(**(char **const *)a, **(char **const *)b);
}

static gint by_referral(gconstpointer a, gconstpointer b)
{
	return strcmp((*(struct episode *const *)a)->referred, (*(struct episode *const *)b)->referred);
}

static gint by_id(gconstpointer a, gconstpointer b)
{
	return strcmp((*(struct child *const *)a)->id, (*(struct child *const *)b)->id);
}

/* Open at some time from 1 April of the year before `year` to 31 March of `year`. */
static int in_year(const struct episode *e, int year)
{
	char from[16], to[16];
	g_snprintf(from, sizeof from, "%04d-04-01", year - 1);
	g_snprintf(to, sizeof to, "%04d-03-31", year);
	return strcmp(e->referred, to) <= 0 && (!e->closed || strcmp(e->closed, from) >= 0);
}

static void episode_out(xmlNodePtr children_of, const struct episode *e)
{
	xmlNodePtr d = xmlNewChild(children_of, NULL, (const xmlChar *)"CINdetails", NULL);
	add(d, "CINreferralDate", e->referred);
	add(d, "ReferralSource", e->source);
	if (e->need)
		add(d, "PrimaryNeedCode", e->need);
	if (e->closed)
		add(d, "CINclosureDate", e->closed);
	if (e->code)
		add(d, "ReasonForClosure", e->code);
	g_ptr_array_sort(e->assessments, by_text);
	for (guint i = 0; i < e->assessments->len; i++) {
		char **a = e->assessments->pdata[i];
		xmlNodePtr n = xmlNewChild(d, NULL, (const xmlChar *)"Assessments", NULL);
		add(n, "AssessmentActualStartDate", a[0]);
		add(n, "AssessmentInternalReviewDate", a[1]);
		add(n, "AssessmentAuthorisationDate", a[2]);
	}
	g_ptr_array_sort(e->plans, by_text);
	for (guint i = 0; i < e->plans->len; i++) {
		char **p = e->plans->pdata[i];
		xmlNodePtr n = xmlNewChild(d, NULL, (const xmlChar *)"CINPlanDates", NULL);
		add(n, "CINPlanStartDate", p[0]);
		add(n, "CINPlanEndDate", p[1]);
	}
	add(d, "ReferralNFA", e->nfa);
}

static void child_out(xmlNodePtr kids, struct child *c, int year)
{
	int any = 0;
	for (guint i = 0; i < c->episodes->len; i++)
		any |= year <= 0 || in_year(c->episodes->pdata[i], year);
	if (!any)
		return;
	xmlNodePtr ch = xmlNewChild(kids, NULL, (const xmlChar *)"Child", NULL);
	xmlNodePtr ids = xmlNewChild(ch, NULL, (const xmlChar *)"ChildIdentifiers", NULL);
	add(ids, "LAchildID", c->id);
	add(ids, "PersonBirthDate", c->born);
	add(ids, "GenderCurrent", c->sex);
	if (c->died)
		add(ids, "PersonDeathDate", c->died);
	xmlNodePtr chars = xmlNewChild(ch, NULL, (const xmlChar *)"ChildCharacteristics", NULL);
	add(chars, "Ethnicity", c->ethnicity);
	if (c->disabilities) {
		xmlNodePtr ds = xmlNewChild(chars, NULL, (const xmlChar *)"Disabilities", NULL);
		char **v = g_strsplit(c->disabilities, " ", -1);
		for (char **p = v; *p; p++)
			if (**p)
				add(ds, "Disability", *p);
		g_strfreev(v);
	}
	g_ptr_array_sort(c->episodes, by_referral);
	for (guint i = 0; i < c->episodes->len; i++)
		if (year <= 0 || in_year(c->episodes->pdata[i], year))
			episode_out(ch, c->episodes->pdata[i]);
}

xmlDocPtr cd_census_out_doc(cd_census_out *o, int year)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"Message");
	xmlDocSetRootElement(doc, root);
	xmlNodePtr cd = xmlNewChild(xmlNewChild(root, NULL, (const xmlChar *)"Header", NULL), NULL,
	                            (const xmlChar *)"CollectionDetails", NULL);
	add(cd, "Collection", "CIN");
	if (year > 0) {
		char y[16], ref[16];
		g_snprintf(y, sizeof y, "%04d", year);
		g_snprintf(ref, sizeof ref, "%04d-03-31", year);
		add(cd, "Year", y);
		add(cd, "ReferenceDate", ref);
	}
	xmlNodePtr kids = xmlNewChild(root, NULL, (const xmlChar *)"Children", NULL);
	GPtrArray *all = g_ptr_array_new();
	GList *vals = g_hash_table_get_values(o->children);
	for (GList *l = vals; l; l = l->next)
		g_ptr_array_add(all, l->data);
	g_list_free(vals);
	g_ptr_array_sort(all, by_id);
	for (guint i = 0; i < all->len; i++)
		child_out(kids, all->pdata[i], year);
	g_ptr_array_free(all, TRUE);
	return doc;
}
