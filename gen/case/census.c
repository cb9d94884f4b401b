/* case/census.c - reading a DfE Children in Need census file, record by record (see census.h). */
#include "case/census.h"

#include <string.h>

#include "base/cindoc.h"

/* ------------------------------------------------------------------ code lists */

/* The census's code lists, from its schema (CIN_schema_2024.xsd, in templates/census/). */
static const char *const sexes[] = { "0", "1", "2", "9", NULL };
static const char *const ethnicities[] = {
	"WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
	"AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT", NULL };
static const char *const disabilities[] = {
	"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA", NULL };
static const char *const disability_texts[] = {
	"No disability", "Mobility", "Hand function", "Personal care", "Incontinence", "Communication",
	"Learning", "Hearing", "Vision", "Behaviour", "Consciousness", "Autism", "Other", NULL };
static const char *const sources[] = {
	"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D",
	"6", "7", "8", "9", "10", NULL };
static const char *const needs[] = { "N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", NULL };
static const char *const reasons[][2] = {
	{ "RC1", "Adopted" },
	{ "RC2", "Died" },
	{ "RC3", "Child arrangements order" },
	{ "RC4", "Special guardianship order" },
	{ "RC5", "Transferred to services of another local authority" },
	{ "RC6", "Transferred to adult social care services" },
	{ "RC7", "Services ceased for any other reason, including child no longer in need" },
	{ "RC8", "Case closed after assessment, no further action" },
	{ "RC9", "Case closed after assessment, referred to early help" },
};

static int in_list(const char *const *list, const char *code)
{
	for (; code && *list; list++)
		if (strcmp(*list, code) == 0)
			return 1;
	return 0;
}

const char *cd_census_reason_text(const char *code)
{
	for (size_t i = 0; code && i < G_N_ELEMENTS(reasons); i++)
		if (strcmp(reasons[i][0], code) == 0)
			return reasons[i][1];
	return NULL;
}

const char *cd_census_disability_text(const char *code)
{
	for (size_t i = 0; code && disabilities[i]; i++)
		if (strcmp(disabilities[i], code) == 0)
			return disability_texts[i];
	return NULL;
}

int cd_census_code_ok(const char *list, const char *code)
{
	if (strcmp(list, "sex") == 0)
		return in_list(sexes, code);
	if (strcmp(list, "ethnicity") == 0)
		return in_list(ethnicities, code);
	if (strcmp(list, "disability") == 0)
		return in_list(disabilities, code);
	if (strcmp(list, "source") == 0)
		return in_list(sources, code);
	if (strcmp(list, "need") == 0)
		return in_list(needs, code);
	if (strcmp(list, "reason") == 0)
		return cd_census_reason_text(code) != NULL;
	return 0;
}

/* ------------------------------------------------------------------ one record */

/* What reading one <Child> has found so far. */
struct rec {
	const char *file;
	int quiet;
	int bad;            /* errors: the child is skipped */
};

/* Text of the input in a message: at most 40 printable ASCII characters, the rest elided, so a
 * message never carries a whole record (nor a terminal escape) out of the file. */
static char *quoted(const char *s)
{
	GString *g = g_string_new(NULL);
	for (const char *p = s; *p && g->len < 40; p++)
		g_string_append_c(g, (*p >= 0x20 && *p < 0x7f) ? *p : '?');
	if (strlen(s) > g->len)
		g_string_append(g, "...");
	return g_string_free(g, FALSE);
}

static void bad(struct rec *r, xmlNodePtr at, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void bad(struct rec *r, xmlNodePtr at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (!r->bad++)
		cd_error_at(r->file, cd_case_line(at), "%s", m);
	g_free(m);
}

static void warn(struct rec *r, xmlNodePtr at, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void warn(struct rec *r, xmlNodePtr at, const char *fmt, ...)
{
	if (r->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	cd_warning_at(r->file, cd_case_line(at), "%s", m);
	g_free(m);
}

/* Every element and text under `parent` that is not one of `known`: stray text is a warning (it
 * holds nothing the census has), an unknown element too (a field of another year's census). */
static void only_known(struct rec *r, xmlNodePtr parent, const char *const *known)
{
	for (xmlNodePtr n = parent->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			char *t = g_strstrip(g_strdup((const char *)n->content));
			if (*t) {
				char *q = quoted(t);
				warn(r, n->prev ? n->prev : parent, "text '%s' inside <%s>, outside any field: ignored", q,
				     (const char *)parent->name);
				g_free(q);
			}
			g_free(t);
		} else if (n->type == XML_ELEMENT_NODE && !in_list(known, (const char *)n->name)) {
			char *q = quoted((const char *)n->name);
			warn(r, n, "<%s> is not a field of <%s> in the census: ignored", q, (const char *)parent->name);
			g_free(q);
		}
	}
}

static int count(xmlNodePtr parent, const char *name)
{
	int k = 0;
	for (xmlNodePtr n = cd_case_first(parent, name); n; n = cd_case_next(n, name))
		k++;
	return k;
}

/* The text of field `name` under `parent`: NULL (and an error when `required`) when absent;
 * an error when it is given twice or is empty. */
static char *field(struct rec *r, xmlNodePtr parent, const char *name, int required)
{
	xmlNodePtr n = cd_case_first(parent, name);
	if (!n) {
		if (required)
			bad(r, parent, "<%s> has no <%s>", (const char *)parent->name, name);
		return NULL;
	}
	if (count(parent, name) > 1) {
		bad(r, cd_case_next(n, name), "<%s> is given twice", name);
		return NULL;
	}
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			bad(r, c, "<%s> holds an element: it is a plain value", name);
			return NULL;
		}
	char *v = cd_case_text(n);
	if (!*v) {
		bad(r, n, "<%s> is empty", name);
		g_free(v);
		return NULL;
	}
	return v;
}

/* A date field into `out` ("" when absent and not required). Dates that go into a case must be
 * inside cindoc's calendar (templates/case.xsd, type "date"). */
static void date_field(struct rec *r, xmlNodePtr parent, const char *name, int required, cd_census_day out)
{
	out[0] = '\0';
	char *v = field(r, parent, name, required);
	if (!v)
		return;
	cd_date d;
	char *q = quoted(v);
	if (cd_case_date(v, &d) < 0)
		bad(r, cd_case_first(parent, name), "<%s> '%s' is not a date (YYYY-MM-DD)", name, q);
	else if (strcmp(v, "1978-01-01") < 0)
		bad(r, cd_case_first(parent, name), "<%s> %s is before 1978-01-01, the first day of cindoc's "
		    "working-day calendar", name, v);
	else if (strcmp(v, "9998-12-31") > 0)
		bad(r, cd_case_first(parent, name), "<%s> %s is after 9998-12-31, the last day cindoc counts "
		    "deadlines from", name, v);
	else
		g_strlcpy(out, v, sizeof(cd_census_day));
	g_free(q);
	g_free(v);
}

/* A coded field: its value must be in the census's list `list`. */
static char *code_field(struct rec *r, xmlNodePtr parent, const char *name, int required, const char *list)
{
	char *v = field(r, parent, name, required);
	if (v && !cd_census_code_ok(list, v)) {
		char *q = quoted(v);
		bad(r, cd_case_first(parent, name), "<%s> '%s' is not a code of the census", name, q);
		g_free(q);
		g_free(v);
		return NULL;
	}
	return v;
}

static const char *const identifier_fields[] = {
	"LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate",
	"GenderCurrent", "Sex", "PersonDeathDate", NULL };
static const char *const characteristic_fields[] = { "Ethnicity", "Disabilities", NULL };
static const char *const detail_fields[] = {
	"CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure",
	"DateOfInitialCPC", "Assessments", "CINPlanDates", "Section47", "ReferralNFA",
	"ChildProtectionPlans", NULL };
static const char *const assessment_fields[] = {
	"AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate",
	"FactorsIdentifiedAtAssessment", NULL };
static const char *const plan_fields[] = { "CINPlanStartDate", "CINPlanEndDate", NULL };

static void identifiers(struct rec *r, xmlNodePtr ids, cd_census_child *c)
{
	only_known(r, ids, identifier_fields);
	c->id = field(r, ids, "LAchildID", 1);
	/* The 2024-25 census calls GenderCurrent "Sex": either is read. */
	const char *sex = cd_case_first(ids, "GenderCurrent") || !cd_case_first(ids, "Sex") ? "GenderCurrent" : "Sex";
	c->sex = code_field(r, ids, sex, 1, "sex");
	if (!cd_case_first(ids, "PersonBirthDate") && cd_case_first(ids, "ExpectedPersonBirthDate"))
		bad(r, ids, "the child is not born yet (no <PersonBirthDate>): a case starts with a born child");
	else
		date_field(r, ids, "PersonBirthDate", 1, c->born);
	date_field(r, ids, "PersonDeathDate", 0, c->died);
}

static void characteristics(struct rec *r, xmlNodePtr ch, cd_census_child *c)
{
	only_known(r, ch, characteristic_fields);
	c->ethnicity = code_field(r, ch, "Ethnicity", 1, "ethnicity");
	xmlNodePtr ds = cd_case_first(ch, "Disabilities");
	if (!ds)
		return;
	static const char *const one[] = { "Disability", NULL };
	only_known(r, ds, one);
	GString *all = g_string_new(NULL);
	for (xmlNodePtr d = cd_case_first(ds, "Disability"); d; d = cd_case_next(d, "Disability")) {
		char *v = cd_case_text(d);
		if (!cd_census_code_ok("disability", v)) {
			char *q = quoted(v);
			bad(r, d, "<Disability> '%s' is not a code of the census", q);
			g_free(q);
		} else {
			g_string_append_printf(all, "%s%s", all->len ? " " : "", v);
		}
		g_free(v);
	}
	c->disabilities = all->len ? g_string_free(all, FALSE) : (g_string_free(all, TRUE), NULL);
}

static void assessment(struct rec *r, xmlNodePtr a, cd_census_episode *ep)
{
	only_known(r, a, assessment_fields);
	cd_census_assessment as;
	date_field(r, a, "AssessmentActualStartDate", 1, as.started);
	date_field(r, a, "AssessmentInternalReviewDate", 0, as.reviewed);
	date_field(r, a, "AssessmentAuthorisationDate", 0, as.authorised);
	g_array_append_val(ep->assessments, as);
}

static void plan(struct rec *r, xmlNodePtr p, cd_census_episode *ep)
{
	only_known(r, p, plan_fields);
	cd_census_plan pl = { .line = cd_case_line(p) };
	date_field(r, p, "CINPlanStartDate", 1, pl.start);
	date_field(r, p, "CINPlanEndDate", 0, pl.end);
	if (pl.start[0] && pl.end[0] && strcmp(pl.end, pl.start) < 0)
		bad(r, cd_case_first(p, "CINPlanEndDate"), "the CIN plan ends (%s) before it starts (%s)", pl.end, pl.start);
	g_array_append_val(ep->plans, pl);
}

static void episode_free(gpointer p)
{
	cd_census_episode *ep = p;
	g_free(ep->source);
	g_free(ep->need);
	g_free(ep->reason);
	g_array_free(ep->assessments, TRUE);
	g_array_free(ep->plans, TRUE);
	g_array_free(ep->cpp_starts, TRUE);
	g_free(ep);
}

static void details(struct rec *r, xmlNodePtr d, cd_census_child *c)
{
	only_known(r, d, detail_fields);
	cd_census_episode *ep = g_new0(cd_census_episode, 1);
	ep->line = cd_case_line(d);
	ep->assessments = g_array_new(FALSE, TRUE, sizeof(cd_census_assessment));
	ep->plans = g_array_new(FALSE, TRUE, sizeof(cd_census_plan));
	ep->cpp_starts = g_array_new(FALSE, TRUE, sizeof(cd_census_day));
	g_ptr_array_add(c->episodes, ep);
	date_field(r, d, "CINreferralDate", 1, ep->referred);
	ep->source = code_field(r, d, "ReferralSource", 1, "source");
	ep->need = code_field(r, d, "PrimaryNeedCode", 0, "need");
	date_field(r, d, "CINclosureDate", 0, ep->closed);
	ep->reason = code_field(r, d, "ReasonForClosure", 0, "reason");
	if (ep->closed[0] && !ep->reason && !cd_case_first(d, "ReasonForClosure"))
		bad(r, cd_case_first(d, "CINclosureDate"), "a closed referral without <ReasonForClosure>");
	char *nfa = field(r, d, "ReferralNFA", 1);
	if (nfa) {
		if (strcmp(nfa, "true") == 0 || strcmp(nfa, "TRUE") == 0 || strcmp(nfa, "1") == 0)
			ep->nfa = 1;
		else if (strcmp(nfa, "false") && strcmp(nfa, "FALSE") && strcmp(nfa, "0"))
			bad(r, cd_case_first(d, "ReferralNFA"), "<ReferralNFA> is true or false");
		g_free(nfa);
	}
	for (xmlNodePtr a = cd_case_first(d, "Assessments"); a; a = cd_case_next(a, "Assessments"))
		assessment(r, a, ep);
	for (xmlNodePtr p = cd_case_first(d, "CINPlanDates"); p; p = cd_case_next(p, "CINPlanDates"))
		plan(r, p, ep);
	/* Only the start of each child protection plan is read: it ends a CIN plan. */
	for (xmlNodePtr p = cd_case_first(d, "ChildProtectionPlans"); p; p = cd_case_next(p, "ChildProtectionPlans")) {
		char *v = cd_case_text(cd_case_first(p, "CPPstartDate"));
		cd_date dd;
		if (v && cd_case_date(v, &dd) == 0) {
			cd_census_day day;
			g_strlcpy(day, v, sizeof day);
			g_array_append_val(ep->cpp_starts, day);
		}
		g_free(v);
	}
}

static void child_free(gpointer p)
{
	cd_census_child *c = p;
	if (!c)
		return;
	g_free(c->id);
	g_free(c->sex);
	g_free(c->ethnicity);
	g_free(c->disabilities);
	g_ptr_array_free(c->episodes, TRUE);
	g_free(c);
}

/* Reads one <Child>; NULL (after its one error) when it is skipped. */
static cd_census_child *read_child(struct rec *r, xmlNodePtr ch)
{
	static const char *const parts[] = { "ChildIdentifiers", "ChildCharacteristics", "CINdetails", NULL };
	only_known(r, ch, parts);
	cd_census_child *c = g_new0(cd_census_child, 1);
	c->line = cd_case_line(ch);
	c->episodes = g_ptr_array_new_with_free_func(episode_free);
	xmlNodePtr ids = cd_case_first(ch, "ChildIdentifiers");
	xmlNodePtr chars = cd_case_first(ch, "ChildCharacteristics");
	if (!ids)
		bad(r, ch, "<Child> has no <ChildIdentifiers>");
	else
		identifiers(r, ids, c);
	if (!chars)
		bad(r, ch, "<Child> has no <ChildCharacteristics>");
	else
		characteristics(r, chars, c);
	if (!cd_case_first(ch, "CINdetails"))
		bad(r, ch, "<Child> has no <CINdetails>");
	for (xmlNodePtr d = cd_case_first(ch, "CINdetails"); d; d = cd_case_next(d, "CINdetails"))
		details(r, d, c);
	if (c->id && (strlen(c->id) > 64 || strspn(c->id, "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                                                 "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~") != strlen(c->id)))
		bad(r, cd_case_first(ids, "LAchildID"), "<LAchildID> is 1 to 64 printable ASCII characters without spaces");
	if (c->born[0] && c->died[0] && strcmp(c->died, c->born) < 0)
		bad(r, cd_case_first(ids, "PersonDeathDate"), "the child died (%s) before they were born (%s)", c->died, c->born);
	if (r->bad) {
		child_free(c);
		return NULL;
	}
	return c;
}

int cd_census_read(const char *path, int quiet, int *skipped, cd_census_each *each, void *ud)
{
	char *data = NULL;
	size_t len = 0;
	*skipped = 0;
	int rc = cd_read_input(path, CD_CENSUS_MAX_BYTES, &data, &len);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		g_free(data);
		return cd_error_at(path, 0, "the file is larger than %u MiB: refused",
		                   (unsigned)(CD_CENSUS_MAX_BYTES / (1024 * 1024)));
	}
	xmlDocPtr doc = NULL;
	rc = cd_xml_parse_safe(path, "a census file", CD_CENSUS_MAX_BYTES, data, len, &doc);
	g_free(data);
	if (rc < 0)
		return rc;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr kids = cd_case_is(root, "Message") ? cd_case_first(root, "Children") : NULL;
	if (!kids) {
		xmlFreeDoc(doc);
		return cd_error_at(path, cd_case_line(root), "not a Children in Need census: no <Message><Children>");
	}
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	struct rec top = { .file = path, .quiet = quiet };
	static const char *const only_child[] = { "Child", NULL };
	only_known(&top, kids, only_child);
	int n = 0;
	for (xmlNodePtr ch = cd_case_first(kids, "Child"); ch; ch = cd_case_next(ch, "Child")) {
		if (++n > CD_CENSUS_MAX_CHILDREN) {
			cd_error_at(path, cd_case_line(ch), "more than %d children: the rest are not read", CD_CENSUS_MAX_CHILDREN);
			for (; ch; ch = cd_case_next(ch, "Child"))
				++*skipped;
			break;
		}
		struct rec r = { .file = path, .quiet = quiet };
		cd_census_child *c = read_child(&r, ch);
		if (c && g_hash_table_contains(seen, c->id)) {
			char *q = quoted(c->id);
			cd_error_at(path, c->line, "LAchildID '%s' is given to another child above: both are the same "
			            "child, or the id is wrong", q);
			g_free(q);
			child_free(c);
			c = NULL;
		}
		if (!c) {
			++*skipped;
			continue;
		}
		g_hash_table_add(seen, g_strdup(c->id));
		rc = each(ud, c);
		child_free(c);
		if (rc < 0)
			break;
	}
	g_hash_table_destroy(seen);
	xmlFreeDoc(doc);
	return rc < 0 ? rc : 0;
}
