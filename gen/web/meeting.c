/* web/meeting.c - from the write-up's fields to the case: a new <meeting> in the order the schema
 * wants (the minute taker never sees it), the plan items reviewed, new items under the six
 * headers. First the fields are checked in plain words (a date that is not a date, a score that
 * is not 0 to 10, what is required); then the whole case goes through the checks of `cindoc check`
 * (store.c), and each message is put beside the field whose element its line is in.
 *
 * The fields are listed in gen/web/README.md. */
#include <string.h>
#include <libxml/parser.h>

#include "case/calendar.h"
#include "case/case.h"
#include "case/rules.h"
#include "base/cindoc.h"
#include "web/store.h"
#include "web/web.h"

/* ---- messages ---- */

static void msg_clear(gpointer p)
{
	web_msg *m = p;
	g_free(m->field);
	g_free(m->key);
	g_free(m->s1);
	g_free(m->text);
}

GArray *web_msgs_new(void)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(web_msg));
	g_array_set_clear_func(a, msg_clear);
	return a;
}

void web_msg_add(GArray *msgs, const char *field, const char *key, const char *s1, int warning)
{
	web_msg m = { g_strdup(field), g_strdup(key), g_strdup(s1), NULL, warning };
	g_array_append_val(msgs, m);
}

/* ---- steps ---- */

static const struct {
	const char *prefix;   /* a field name, or a prefix ending in '-' */
	const char *step;
} owners[] = {
	{ "type", "start" },
	{ "date", "details" }, { "time", "details" }, { "venue", "details" }, { "chair", "details" },
	{ "minute-taker", "details" },
	{ "present", "attendance" }, { "apologies", "attendance" }, { "reports", "attendance" },
	{ "report-", "attendance" },
	{ "background", "views" }, { "views-", "views" }, { "parent-", "views" }, { "update-", "views" },
	{ "worries", "discussion" }, { "working-well", "discussion" }, { "needs-to-happen", "discussion" },
	{ "achieved", "discussion" }, { "going-well", "discussion" }, { "still-worried", "discussion" },
	{ "scaling-", "scaling" }, { "score-", "scaling" }, { "reason-", "scaling" },
	{ "item-", "plan" }, { "new-", "plan" }, { "plan-", "plan" },
	{ "outcome", "decision" }, { "decision", "decision" }, { "disagree-", "decision" },
	{ "next-", "decision" }, { "copies", "decision" },
	{ "accept-warnings", "check" },
};

const char *web_write_step_of(const char *field)
{
	if (!field)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(owners); i++) {
		size_t n = strlen(owners[i].prefix);
		if (owners[i].prefix[n - 1] == '-' ? strncmp(field, owners[i].prefix, n) == 0
		                                   : strcmp(field, owners[i].prefix) == 0)
			return owners[i].step;
	}
	return NULL;
}

/* ---- small helpers ---- */

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!g_ascii_isspace(*s))
			return 0;
	return 1;
}

static char *field_name(const char *a, const char *b, const char *c)
{
	return g_strconcat(a, b, c, NULL);
}

/* "2026-11-25", "25/11/2026" or "25-11-2026" (also one-digit day and month) into YYYY-MM-DD.
 * Returns 0, or -1 with a reason key. */
static int parse_date(const char *in, char out[CD_DATE_BUF], const char **key)
{
	char *s = g_strstrip(g_strdup(in));
	int y = 0, m = 0, d = 0, n = 0;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && strlen(s) == 10)
		n = 3;
	else if (sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 ||
	         sscanf(s, "%2d-%2d-%4d%c", &d, &m, &y, &tail) == 3 ||
	         sscanf(s, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3)
		n = 3;
	g_free(s);
	if (n != 3 || y < 1000) {
		*key = "web.check.date.form";
		return -1;
	}
	if (y < 1978 || y > 9999 || m < 1 || m > 12 || d < 1 || d > cd_date_month_days(y, m)) {
		*key = "web.check.date.real";
		return -1;
	}
	g_snprintf(out, CD_DATE_BUF, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* "10:00", "9:30", "9.30" into HH:MM. */
static int parse_time(const char *in, char out[6])
{
	int h = -1, m = -1;
	char sep, tail;
	char *s = g_strstrip(g_strdup(in));
	int ok = sscanf(s, "%2d%c%2d%c", &h, &sep, &m, &tail) == 3 && (sep == ':' || sep == '.') &&
	         h >= 0 && h <= 23 && m >= 0 && m <= 59 && strlen(strchr(s, sep) + 1) == 2;
	g_free(s);
	if (ok)
		g_snprintf(out, 6, "%02d:%02d", h, m);
	return ok ? 0 : -1;
}

/* Paragraphs of a text area: split on blank lines; each trimmed, lines joined by a space. */
static char **paragraphs(const char *text)
{
	GPtrArray *out = g_ptr_array_new();
	char **lines = g_strsplit(text ? text : "", "\n", -1);
	GString *cur = g_string_new(NULL);
	for (int i = 0;; i++) {
		char *l = lines[i] ? g_strstrip(lines[i]) : NULL;
		if (!l || !*l) {
			if (cur->len) {
				g_ptr_array_add(out, g_strdup(cur->str));
				g_string_truncate(cur, 0);
			}
			if (!l)
				break;
			continue;
		}
		if (cur->len)
			g_string_append_c(cur, ' ');
		g_string_append(cur, l);
	}
	g_string_free(cur, TRUE);
	g_strfreev(lines);
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* Adds <p> children for each paragraph of `text`; returns how many. */
static int add_paras(xmlNodePtr parent, const char *text)
{
	char **ps = paragraphs(text);
	int n = 0;
	for (; ps[n]; n++)
		web_add(parent, "p", ps[n]);
	g_strfreev(ps);
	return n;
}

static xmlNodePtr add_ref(xmlNodePtr parent, const char *name, const char *ref)
{
	xmlNodePtr n = web_add(parent, name, NULL);
	web_set(n, "ref", ref);
	return n;
}

char *web_case_new_id(xmlDocPtr cs, const char *prefix)
{
	for (int i = 1;; i++) {
		char *id = g_strdup_printf("%s%d", prefix, i);
		if (!cd_case_lookup(cs, id))
			return id;
		g_free(id);
	}
}

/* The element with this id, if it is a child or person of the case. */
static xmlNodePtr who(xmlDocPtr cs, const char *id)
{
	xmlNodePtr n = id && *id ? cd_case_lookup(cs, id) : NULL;
	return n && (cd_case_is(n, "child") || cd_case_is(n, "person")) ? n : NULL;
}

/* A required text field. */
static int need(const web_form *f, const char *name, const char *key, GArray *msgs)
{
	if (!blank(web_form_get(f, name)))
		return 1;
	web_msg_add(msgs, name, key, NULL, 0);
	return 0;
}

static void set_text_child(xmlNodePtr parent, const char *name, const char *text, xmlNodePtr before)
{
	char *t = g_strstrip(g_strdup(text));
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
	xmlNodeAddContent(n, BAD_CAST t);
	if (before)
		xmlAddPrevSibling(before, n);
	else
		xmlAddChild(parent, n);
	g_free(t);
}

/* Puts each element of a subtree the desk made on its own line, so a message of the check
 * (which gives a line) can be placed on its field. */
static void pretty(xmlNodePtr n, int depth)
{
	int has_el = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		has_el |= c->type == XML_ELEMENT_NODE;
	if (!has_el)
		return;
	for (xmlNodePtr c = n->children; c;) {
		xmlNodePtr next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			char *ws = g_strdup_printf("\n%*s", 2 * (depth + 1), "");
			xmlAddPrevSibling(c, xmlNewDocText(n->doc, BAD_CAST ws));
			g_free(ws);
			pretty(c, depth + 1);
		}
		c = next;
	}
	char *ws = g_strdup_printf("\n%*s", 2 * depth, "");
	xmlAddChild(n, xmlNewDocText(n->doc, BAD_CAST ws));
	g_free(ws);
}

/* ---- the meeting ---- */

struct build {
	xmlDocPtr cs;
	const web_form *f;
	GArray *msgs;
	int missing;          /* something the schema requires is missing: do not check yet */
	xmlNodePtr root;
	GPtrArray *made;      /* the plan parts the desk made (to put on their own lines) */
};

/* ---- translations: case text in the languages the case's readers read too ---- */

#define MAX_TR_LANGS 4

/* The field of `name`'s translation into `lang`: "NAME:LANG" (no id holds a ':'). */
static char *tr_name(const char *name, const char *lang)
{
	return g_strconcat(name, ":", lang, NULL);
}

/* Adds the paragraphs of field `name` as `el` children of parent, each followed by its
 * translations (fields NAME:LANG, split into paragraphs the same way) as `el` with `lang`. A
 * translation of another number of paragraphs than the words it translates is an error at its
 * field: nothing is added. Returns the number of paragraphs added. */
static int add_paras_tr(struct build *b, xmlNodePtr parent, const char *el, const char *name)
{
	const char *langs[MAX_TR_LANGS + 1];
	int nl = cd_rule_translation_langs(b->root, langs, MAX_TR_LANGS + 1);
	char **ps = paragraphs(web_form_get(b->f, name));
	char **tr[MAX_TR_LANGS] = { NULL };
	guint np = g_strv_length(ps);
	int ok = 1;
	for (int l = 0; l < nl; l++) {
		char *fn = tr_name(name, langs[l]);
		tr[l] = paragraphs(web_form_get(b->f, fn));
		guint nt = g_strv_length(tr[l]);
		if (nt && nt != np) {
			char n[16];
			g_snprintf(n, sizeof n, "%u", np);
			web_msg_add(b->msgs, fn, np ? "web.check.translation-paras" : "web.check.translation-alone", n, 0);
			ok = 0;
		}
		g_free(fn);
	}
	int added = 0;
	for (guint k = 0; ok && k < np; k++, added++) {
		web_add(parent, el, ps[k]);
		for (int l = 0; l < nl; l++)
			if (tr[l][0])
				web_set(web_add(parent, el, tr[l][k]), "lang", langs[l]);
	}
	if (!ok)
		b->missing = 1;
	for (int l = 0; l < nl; l++)
		g_strfreev(tr[l]);
	g_strfreev(ps);
	return added;
}

/* A translation given for words left blank (field `name`): an error at the translation. */
static void tr_alone(struct build *b, const char *name)
{
	const char *langs[MAX_TR_LANGS + 1];
	int nl = cd_rule_translation_langs(b->root, langs, MAX_TR_LANGS + 1);
	for (int l = 0; l < nl; l++) {
		char *fn = tr_name(name, langs[l]);
		if (!blank(web_form_get(b->f, fn))) {
			web_msg_add(b->msgs, fn, "web.check.translation-alone", NULL, 0);
			b->missing = 1;
		}
		g_free(fn);
	}
}

/* Adds the translations of the text of field `name` (one element `el` already added to parent,
 * or none when the field is blank) as `el` with `lang`, right after it. */
static void add_text_tr(struct build *b, xmlNodePtr parent, const char *el, const char *name)
{
	const char *langs[MAX_TR_LANGS + 1];
	int nl = cd_rule_translation_langs(b->root, langs, MAX_TR_LANGS + 1);
	for (int l = 0; l < nl; l++) {
		char *fn = tr_name(name, langs[l]);
		const char *t = web_form_get(b->f, fn);
		if (!blank(t) && blank(web_form_get(b->f, name))) {
			web_msg_add(b->msgs, fn, "web.check.translation-alone", NULL, 0);
			b->missing = 1;
		} else if (!blank(t)) {
			set_text_child(parent, el, t, NULL);
			web_set(parent->last, "lang", langs[l]);
		}
		g_free(fn);
	}
}

/* Every child and person of the case, in file order. */
static GPtrArray *everyone(xmlDocPtr cs)
{
	GPtrArray *a = g_ptr_array_new();
	xmlNodePtr root = xmlDocGetRootElement(cs);
	const char *lists[] = { "children", "people" };
	for (int k = 0; k < 2; k++)
		for (xmlNodePtr c = cd_case_first(cd_case_first(root, lists[k]), NULL); c; c = cd_case_next(c, NULL))
			g_ptr_array_add(a, c);
	return a;
}

static void build_details(struct build *b, xmlNodePtr m)
{
	const web_form *f = b->f;
	const char *type = web_form_str(f, "type");
	if (strcmp(type, "initial") && strcmp(type, "review") && strcmp(type, "transfer-in") &&
	    strcmp(type, "after-child-protection")) {
		web_msg_add(b->msgs, "type", "web.check.type", NULL, 0);
		b->missing = 1;
	}
	web_set(m, "type", type);
	char date[CD_DATE_BUF];
	const char *why = NULL;
	if (blank(web_form_get(f, "date"))) {
		web_msg_add(b->msgs, "date", "web.check.date.missing", NULL, 0);
		b->missing = 1;
	} else if (parse_date(web_form_get(f, "date"), date, &why) < 0) {
		web_msg_add(b->msgs, "date", why, NULL, 0);
		b->missing = 1;
	} else {
		web_set(m, "date", date);
	}
	char t[6];
	if (blank(web_form_get(f, "time"))) {
		web_msg_add(b->msgs, "time", "web.check.time.missing", NULL, 0);
		b->missing = 1;
	} else if (parse_time(web_form_get(f, "time"), t) < 0) {
		web_msg_add(b->msgs, "time", "web.check.time.form", NULL, 0);
		b->missing = 1;
	} else {
		web_set(m, "time", t);
	}
	if (need(f, "venue", "web.check.venue", b->msgs))
		set_text_child(m, "venue", web_form_str(f, "venue"), NULL);
	else
		b->missing = 1;
	const char *roles[][2] = { { "chair", "web.check.chair" }, { "minute-taker", "web.check.minute-taker" } };
	for (int i = 0; i < 2; i++) {
		const char *id = web_form_get(f, roles[i][0]);
		xmlNodePtr p = who(b->cs, id);
		if (!p || !cd_case_is(p, "person")) {
			web_msg_add(b->msgs, roles[i][0], roles[i][1], NULL, 0);
			b->missing = 1;
		} else {
			add_ref(m, roles[i][0], id);
		}
	}
}

static void build_attendance(struct build *b, xmlNodePtr m, GPtrArray *all)
{
	xmlNodePtr att = web_add(m, "attendance", NULL);
	for (guint i = 0; i < all->len; i++) {
		const char *id = cd_case_attr(all->pdata[i], "id");
		int here = web_form_has(b->f, "present", id), sorry = web_form_has(b->f, "apologies", id);
		if (here && sorry) {
			web_msg_add(b->msgs, "apologies", "web.check.both", cd_case_full_name(all->pdata[i]), 0);
			continue;
		}
		if (here)
			add_ref(att, "present", id);
		else if (sorry)
			add_ref(att, "apologies", id);
	}
	xmlNodePtr reports = NULL;
	for (guint i = 0; i < all->len; i++) {
		const char *id = cd_case_attr(all->pdata[i], "id");
		if (!web_form_has(b->f, "reports", id))
			continue;
		char *fn = field_name("report-", id, NULL);
		if (need(b->f, fn, "web.check.report", b->msgs)) {
			if (!reports)
				reports = web_add(m, "reports", NULL);
			char *t = g_strstrip(g_strdup(web_form_get(b->f, fn)));
			xmlNodePtr r = web_add(reports, "report", t);
			web_set(r, "from", id);
			g_free(t);
		} else {
			b->missing = 1;
		}
		g_free(fn);
	}
}

static void build_views(struct build *b, xmlNodePtr m, GPtrArray *all)
{
	const web_form *f = b->f;
	const char *type = web_form_str(f, "type");
	if (!blank(web_form_get(f, "background"))) {
		xmlNodePtr bg = web_add(m, strcmp(type, "review") == 0 ? "since" : "why", NULL);
		add_paras(bg, web_form_get(f, "background"));
	}
	for (guint i = 0; i < all->len; i++) {
		xmlNodePtr c = all->pdata[i];
		if (!cd_case_is(c, "child"))
			continue;
		const char *id = cd_case_attr(c, "id");
		char *fg = field_name("views-", id, "-given");
		char *fw = field_name("views-", id, "-words");
		char *fn = field_name("views-", id, "-why-not");
		const char *given = web_form_str(f, fg);
		int has_words = !blank(web_form_get(f, fw));
		if (strcmp(given, "not-sought") == 0) {
			if (need(f, fn, "web.check.why-not", b->msgs)) {
				xmlNodePtr v = web_add(m, "child-views", NULL);
				web_set(v, "child", id);
				web_set(v, "given", "not-sought");
				char *t = g_strstrip(g_strdup(web_form_get(f, fn)));
				web_add(v, "not-sought", t);
				g_free(t);
			} else {
				b->missing = 1;
			}
		} else if (has_words) {
			if (strcmp(given, "in-person") && strcmp(given, "advocate") && strcmp(given, "drawing") &&
			    strcmp(given, "message")) {
				web_msg_add(b->msgs, fg, "web.check.given", NULL, 0);
				b->missing = 1;
			} else {
				xmlNodePtr v = web_add(m, "child-views", NULL);
				web_set(v, "child", id);
				web_set(v, "given", given);
				add_paras_tr(b, v, "quote", fw);
			}
		} else {
			tr_alone(b, fw);
		}
		g_free(fg);
		g_free(fw);
		g_free(fn);
	}
	const char *kinds[][2] = { { "parent-", "parent-views" }, { "update-", "professional-update" } };
	for (int k = 0; k < 2; k++)
		for (guint i = 0; i < all->len; i++) {
			xmlNodePtr p = all->pdata[i];
			if (!cd_case_is(p, "person"))
				continue;
			char *fn = field_name(kinds[k][0], cd_case_attr(p, "id"), NULL);
			if (!blank(web_form_get(f, fn))) {
				xmlNodePtr v = web_add(m, kinds[k][1], NULL);
				web_set(v, "person", cd_case_attr(p, "id"));
				add_paras_tr(b, v, "p", fn);
			} else {
				tr_alone(b, fn);
			}
			g_free(fn);
		}
}

/* Three text areas that go together (signs, plan review): all or none. */
static void build_three(struct build *b, xmlNodePtr m, const char *el, const char *const names[3],
                        const char *const els[3])
{
	int filled = 0;
	for (int i = 0; i < 3; i++)
		filled += !blank(web_form_get(b->f, names[i]));
	if (!filled)
		return;
	if (filled < 3) {
		for (int i = 0; i < 3; i++)
			if (blank(web_form_get(b->f, names[i])))
				web_msg_add(b->msgs, names[i], "web.check.three", NULL, 0);
		b->missing = 1;
		return;
	}
	xmlNodePtr s = web_add(m, el, NULL);
	for (int i = 0; i < 3; i++)
		add_paras(web_add(s, els[i], NULL), web_form_get(b->f, names[i]));
}

static void build_scaling(struct build *b, xmlNodePtr m, GPtrArray *all)
{
	const web_form *f = b->f;
	GPtrArray *scores = g_ptr_array_new();
	for (guint i = 0; i < all->len; i++) {
		const char *id = cd_case_attr(all->pdata[i], "id");
		char *fs = field_name("score-", id, NULL);
		char *fr = field_name("reason-", id, NULL);
		const char *v = web_form_get(f, fs);
		if (!blank(v)) {
			char *end = NULL;
			char *t = g_strstrip(g_strdup(v));
			long n = strtol(t, &end, 10);
			if (!*t || *end || n < 0 || n > 10) {
				web_msg_add(b->msgs, fs, "web.check.score", NULL, 0);
				b->missing = 1;
			} else if (need(f, fr, "web.check.reason", b->msgs)) {
				g_ptr_array_add(scores, all->pdata[i]);
			} else {
				b->missing = 1;
			}
			g_free(t);
		}
		g_free(fs);
		g_free(fr);
	}
	int asked = !blank(web_form_get(f, "scaling-question"));
	if (scores->len || asked) {
		int ok = need(f, "scaling-question", "web.check.scaling-question", b->msgs);
		ok &= need(f, "scaling-zero", "web.check.scaling-zero", b->msgs);
		ok &= need(f, "scaling-ten", "web.check.scaling-ten", b->msgs);
		if (!ok) {
			b->missing = 1;
		} else {
			xmlNodePtr s = web_add(m, "scaling", NULL);
			const char *parts[][2] = { { "question", "scaling-question" }, { "zero", "scaling-zero" },
			                           { "ten", "scaling-ten" } };
			for (int i = 0; i < 3; i++) {
				char *t = g_strstrip(g_strdup(web_form_get(f, parts[i][1])));
				web_add(s, parts[i][0], t);
				g_free(t);
			}
			for (guint i = 0; i < scores->len; i++) {
				const char *id = cd_case_attr(scores->pdata[i], "id");
				char *fs = field_name("score-", id, NULL);
				char *fr = field_name("reason-", id, NULL);
				char *r = g_strstrip(g_strdup(web_form_get(f, fr)));
				char *v = g_strstrip(g_strdup(web_form_get(f, fs)));
				xmlNodePtr sc = web_add(s, "score", r);
				char val[8];
				g_snprintf(val, sizeof val, "%ld", strtol(v, NULL, 10));
				web_set(sc, "person", id);
				web_set(sc, "value", val);
				g_free(r);
				g_free(v);
				g_free(fs);
				g_free(fr);
			}
		}
	}
	g_ptr_array_free(scores, TRUE);
}

static void build_decision(struct build *b, xmlNodePtr m, GPtrArray *all)
{
	const web_form *f = b->f;
	const char *outcome = web_form_str(f, "outcome");
	if (strcmp(outcome, "continue") && strcmp(outcome, "step-down") && strcmp(outcome, "close") &&
	    strcmp(outcome, "strategy-discussion")) {
		web_msg_add(b->msgs, "outcome", "web.check.outcome", NULL, 0);
		b->missing = 1;
	}
	xmlNodePtr d = web_add(m, "decision", NULL);
	web_set(d, "outcome", outcome);
	add_paras(d, web_form_get(f, "decision"));
	for (guint i = 0; i < all->len; i++) {
		const char *id = cd_case_attr(all->pdata[i], "id");
		char *fn = field_name("disagree-", id, NULL);
		if (!blank(web_form_get(f, fn))) {
			xmlNodePtr x = web_add(m, "disagreement", NULL);
			web_set(x, "person", id);
			add_paras(x, web_form_get(f, fn));
		}
		g_free(fn);
	}
	for (guint i = 0; i < all->len; i++) {
		const char *id = cd_case_attr(all->pdata[i], "id");
		if (web_form_has(f, "copies", id))
			add_ref(m, "copies-to", id);
	}
	int any_next = !blank(web_form_get(f, "next-date")) || !blank(web_form_get(f, "next-time")) ||
	               !blank(web_form_get(f, "next-venue"));
	if (!any_next)
		return;
	char date[CD_DATE_BUF], t[6];
	const char *why = NULL;
	if (blank(web_form_get(f, "next-date"))) {
		web_msg_add(b->msgs, "next-date", "web.check.next-date", NULL, 0);
		b->missing = 1;
		return;
	}
	if (parse_date(web_form_get(f, "next-date"), date, &why) < 0) {
		web_msg_add(b->msgs, "next-date", why, NULL, 0);
		b->missing = 1;
		return;
	}
	xmlNodePtr n = web_add(m, "next", NULL);
	web_set(n, "date", date);
	if (!blank(web_form_get(f, "next-time"))) {
		if (parse_time(web_form_get(f, "next-time"), t) < 0) {
			web_msg_add(b->msgs, "next-time", "web.check.time.form", NULL, 0);
			b->missing = 1;
		} else {
			web_set(n, "time", t);
		}
	}
	if (!blank(web_form_get(f, "next-venue"))) {
		char *v = g_strstrip(g_strdup(web_form_get(f, "next-venue")));
		web_add(n, "venue", v);
		g_free(v);
	}
}

/* ---- the plan ---- */

/* Makes a <plan> for a case that has none, from the plan-* fields. NULL when a part is missing. */
static xmlNodePtr new_plan(struct build *b)
{
	const web_form *f = b->f;
	int ok = 1;
	xmlNodePtr lead = who(b->cs, web_form_get(f, "plan-lead"));
	if (!lead || !cd_case_is(lead, "person")) {
		web_msg_add(b->msgs, "plan-lead", "web.check.plan-lead", NULL, 0);
		ok = 0;
	}
	const char *vw = web_form_str(f, "plan-visit-weeks");
	if (strlen(vw) != 1 || vw[0] < '1' || vw[0] > '4') {
		web_msg_add(b->msgs, "plan-visit-weeks", "web.check.visit-weeks", NULL, 0);
		ok = 0;
	}
	const char *parts[] = { "plan-safety", "plan-family", "plan-authority", "plan-bottom-lines", "plan-closure" };
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		ok &= need(f, parts[i], "web.check.plan-part", b->msgs);
	if (!ok) {
		b->missing = 1;
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(b->cs);
	xmlNodePtr plan = xmlNewDocNode(b->cs, NULL, BAD_CAST "plan", NULL);
	g_ptr_array_add(b->made, plan);
	xmlNodePtr closure = cd_case_first(root, "closure");
	if (closure)
		xmlAddPrevSibling(closure, plan);
	else
		xmlAddChild(root, plan);
	web_set(plan, "lead", web_form_get(f, "plan-lead"));
	web_set(plan, "visit-weeks", vw);
	add_paras(web_add(plan, "safety-plan", NULL), web_form_get(f, "plan-safety"));
	xmlNodePtr c = web_add(plan, "contingency", NULL);
	add_paras(web_add(c, "family", NULL), web_form_get(f, "plan-family"));
	add_paras(web_add(c, "authority", NULL), web_form_get(f, "plan-authority"));
	add_paras(web_add(c, "bottom-lines", NULL), web_form_get(f, "plan-bottom-lines"));
	add_paras(web_add(plan, "closure-criteria", NULL), web_form_get(f, "plan-closure"));
	return plan;
}

static xmlNodePtr section_for(struct build *b, xmlNodePtr plan, const char *child)
{
	xmlNodePtr last = NULL;
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section")) {
		if (g_strcmp0(cd_case_attr(s, "child"), child) == 0)
			return s;
		last = s;
	}
	xmlNodePtr s = xmlNewDocNode(plan->doc, NULL, BAD_CAST "section", NULL);
	xmlSetProp(s, BAD_CAST "child", BAD_CAST child);
	if (!g_ptr_array_find(b->made, plan, NULL))
		g_ptr_array_add(b->made, s);
	if (last)
		xmlAddNextSibling(last, s);
	else if (cd_case_first(plan, "services"))
		xmlAddNextSibling(cd_case_first(plan, "services"), s);
	else if (plan->children)
		xmlAddPrevSibling(cd_case_first(plan, NULL), s);
	else
		xmlAddChild(plan, s);
	return s;
}

static void build_plan(struct build *b, const char *meeting_id)
{
	const web_form *f = b->f;
	xmlNodePtr root = xmlDocGetRootElement(b->cs);
	xmlNodePtr plan = cd_case_first(root, "plan");
	/* the items reviewed */
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section"))
		for (xmlNodePtr it = cd_case_first(s, "item"); it; it = cd_case_next(it, "item")) {
			const char *id = cd_case_attr(it, "id");
			char *fs = field_name("item-", id, "-status");
			char *fw = field_name("item-", id, "-why");
			const char *st = web_form_get(f, fs);
			if (st && (!strcmp(st, "open") || !strcmp(st, "completed") || !strcmp(st, "removed"))) {
				if (!strcmp(st, "removed") && g_strcmp0(cd_case_attr(it, "status"), "removed") != 0) {
					if (need(f, fw, "web.check.why-removed", b->msgs)) {
						xmlNodePtr old = cd_case_first(it, "why-removed");
						if (old) {
							xmlUnlinkNode(old);
							xmlFreeNode(old);
						}
						set_text_child(it, "why-removed", web_form_get(f, fw), NULL);
					} else {
						b->missing = 1;
					}
				}
				xmlSetProp(it, BAD_CAST "status", BAD_CAST st);
			}
			g_free(fs);
			g_free(fw);
		}
	/* new items */
	int count = atoi(web_form_str(f, "new-count"));
	if (count < 1)
		count = 1;
	if (count > 50)
		count = 50;
	GPtrArray *children = g_ptr_array_new();
	for (xmlNodePtr c = cd_case_first(cd_case_first(root, "children"), "child"); c; c = cd_case_next(c, "child"))
		g_ptr_array_add(children, c);
	for (int n = 1; n <= count; n++) {
		char pre[32];
		g_snprintf(pre, sizeof pre, "new-%d-", n);
		const char *parts[] = { "need", "obstacles", "how", "who", "by", "goal" };
		int any = 0;
		for (size_t k = 0; k < G_N_ELEMENTS(parts); k++) {
			char *fn = field_name(pre, parts[k], NULL);
			any |= !blank(web_form_get(f, fn));
			g_free(fn);
		}
		if (!any)
			continue;
		char *fc = field_name(pre, "child", NULL), *fneed = field_name(pre, "need", NULL);
		char *fhow = field_name(pre, "how", NULL), *fgoal = field_name(pre, "goal", NULL);
		char *fwho = field_name(pre, "who", NULL), *fby = field_name(pre, "by", NULL);
		char *fob = field_name(pre, "obstacles", NULL);
		const char *child = children->len == 1 ? cd_case_attr(children->pdata[0], "id") : web_form_get(f, fc);
		int ok = 1;
		xmlNodePtr ch = who(b->cs, child);
		if (!ch || !cd_case_is(ch, "child")) {
			web_msg_add(b->msgs, fc, "web.check.item-child", NULL, 0);
			ok = 0;
		}
		ok &= need(f, fneed, "web.check.item-need", b->msgs);
		ok &= need(f, fhow, "web.check.item-how", b->msgs);
		ok &= need(f, fgoal, "web.check.item-goal", b->msgs);
		char by[CD_DATE_BUF];
		const char *why = NULL;
		int has_by = !blank(web_form_get(f, fby));
		if (has_by && parse_date(web_form_get(f, fby), by, &why) < 0) {
			web_msg_add(b->msgs, fby, why, NULL, 0);
			ok = 0;
		}
		const char *whoid = web_form_get(f, fwho);
		if (!blank(whoid) && !who(b->cs, whoid)) {
			web_msg_add(b->msgs, fwho, "web.check.item-who", NULL, 0);
			ok = 0;
		}
		if (ok && !plan)
			plan = new_plan(b);
		if (ok && plan) {
			xmlNodePtr sec = section_for(b, plan, child);
			xmlAddChild(sec, xmlNewDocText(b->cs, BAD_CAST "  "));
			xmlNodePtr it = web_add(sec, "item", NULL);
			xmlAddChild(sec, xmlNewDocText(b->cs, BAD_CAST "\n    "));
			if (!g_ptr_array_find(b->made, plan, NULL) && !g_ptr_array_find(b->made, sec, NULL))
				g_ptr_array_add(b->made, it);
			char *iid = web_case_new_id(b->cs, "i");
			web_set(it, "id", iid);
			xmlAddID(NULL, b->cs, BAD_CAST iid, xmlHasProp(it, BAD_CAST "id"));
			web_set(it, "status", "open");
			web_set(it, "agreed-at", meeting_id);
			set_text_child(it, "need", web_form_get(f, fneed), NULL);
			add_text_tr(b, it, "need", fneed);
			if (!blank(web_form_get(f, fob)))
				set_text_child(it, "obstacles", web_form_get(f, fob), NULL);
			add_text_tr(b, it, "obstacles", fob);
			set_text_child(it, "how", web_form_get(f, fhow), NULL);
			add_text_tr(b, it, "how", fhow);
			if (!blank(whoid))
				web_set(web_add(it, "who", NULL), "ref", whoid);
			if (has_by)
				web_add(it, "by", by);
			set_text_child(it, "goal", web_form_get(f, fgoal), NULL);
			add_text_tr(b, it, "goal", fgoal);
			g_free(iid);
		} else {
			b->missing = 1;
		}
		g_free(fc);
		g_free(fneed);
		g_free(fhow);
		g_free(fgoal);
		g_free(fwho);
		g_free(fby);
		g_free(fob);
	}
	g_ptr_array_free(children, TRUE);
}

int web_meeting_build(xmlDocPtr cs, const web_form *f, const char *meeting_id, GArray *msgs)
{
	struct build b = { cs, f, msgs, 0, xmlDocGetRootElement(cs), g_ptr_array_new() };
	GPtrArray *all = everyone(cs);
	xmlNodePtr meetings = cd_case_first(b.root, "meetings");
	xmlNodePtr m = xmlNewDocNode(cs, NULL, BAD_CAST "meeting", NULL);
	xmlAddChild(meetings, xmlNewDocText(cs, BAD_CAST "  "));
	xmlAddChild(meetings, m);
	xmlAddChild(meetings, xmlNewDocText(cs, BAD_CAST "\n  "));
	web_set(m, "id", meeting_id);
	xmlAddID(NULL, cs, BAD_CAST meeting_id, xmlHasProp(m, BAD_CAST "id"));
	build_details(&b, m);
	build_attendance(&b, m, all);
	build_views(&b, m, all);
	static const char *const signs_f[3] = { "worries", "working-well", "needs-to-happen" };
	static const char *const signs_e[3] = { "worries", "working-well", "needs-to-happen" };
	build_three(&b, m, "signs", signs_f, signs_e);
	static const char *const review_f[3] = { "achieved", "going-well", "still-worried" };
	static const char *const review_e[3] = { "achieved", "working-well", "still-worried" };
	build_three(&b, m, "plan-review", review_f, review_e);
	build_scaling(&b, m, all);
	build_decision(&b, m, all);
	build_plan(&b, meeting_id);
	pretty(m, 2);
	/* the meeting sits at depth 2 in <meetings>; its children at 3 */
	for (guint i = 0; i < b.made->len; i++)
		pretty(b.made->pdata[i], 2);
	g_ptr_array_free(b.made, TRUE);
	g_ptr_array_free(all, TRUE);
	return !b.missing;
}

/* ---- placing the messages of the check ---- */

/* The field an element of the meeting (or a plan item) stands for. */
static char *field_of(xmlNodePtr n, const char *meeting_id, const web_form *f)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const char *name = (const char *)n->name;
		xmlNodePtr parent = n->parent;
		int in_meeting = parent && cd_case_is(parent, "meeting");
		if (cd_case_is(n, "meeting"))
			return g_strcmp0(cd_case_attr(n, "id"), meeting_id) == 0 ? g_strdup("date") : NULL;
		if (cd_case_is(n, "item")) {
			const char *id = cd_case_attr(n, "id");
			if (g_strcmp0(cd_case_attr(n, "agreed-at"), meeting_id) == 0) {
				/* a new item: find which one by its need */
				xmlNodePtr need_el = cd_case_first(n, "need");
				xmlChar *t = need_el ? xmlNodeGetContent(need_el) : NULL;
				char *field = NULL;
				for (int k = 1; k <= 50 && t && !field; k++) {
					char key[32];
					g_snprintf(key, sizeof key, "new-%d-need", k);
					const char *v = web_form_get(f, key);
					char *s = v ? g_strstrip(g_strdup(v)) : NULL;
					if (s && strcmp(s, (const char *)t) == 0)
						field = g_strdup(key);
					g_free(s);
				}
				xmlFree(t);
				return field;
			}
			return field_name("item-", id, "-status");
		}
		if (in_meeting) {
			if (!strcmp(name, "venue") || !strcmp(name, "chair") || !strcmp(name, "minute-taker"))
				return g_strdup(name);
			if (!strcmp(name, "attendance"))
				return g_strdup("present");
			if (!strcmp(name, "why") || !strcmp(name, "since"))
				return g_strdup("background");
			if (!strcmp(name, "child-views")) {
				int ns = g_strcmp0(cd_case_attr(n, "given"), "not-sought") == 0;
				return field_name("views-", cd_case_attr(n, "child"), ns ? "-why-not" : "-words");
			}
			if (!strcmp(name, "parent-views"))
				return field_name("parent-", cd_case_attr(n, "person"), NULL);
			if (!strcmp(name, "professional-update"))
				return field_name("update-", cd_case_attr(n, "person"), NULL);
			if (!strcmp(name, "decision"))
				return g_strdup("decision");
			if (!strcmp(name, "disagreement"))
				return field_name("disagree-", cd_case_attr(n, "person"), NULL);
			if (!strcmp(name, "copies-to"))
				return g_strdup("copies");
			if (!strcmp(name, "next"))
				return g_strdup("next-date");
			if (!strcmp(name, "scaling"))
				return g_strdup("scaling-question");
			if (!strcmp(name, "signs"))
				return g_strdup("worries");
			if (!strcmp(name, "plan-review"))
				return g_strdup("achieved");
		}
		if (parent && cd_case_is(parent, "reports"))
			return field_name("report-", cd_case_attr(n, "from"), NULL);
		if (parent && cd_case_is(parent, "scaling")) {
			if (!strcmp(name, "score"))
				return field_name("score-", cd_case_attr(n, "person"), NULL);
			return field_name("scaling-", name, NULL);
		}
		if (parent && cd_case_is(parent, "signs"))
			return g_strdup(name);
		if (parent && cd_case_is(parent, "plan-review"))
			return g_strdup(!strcmp(name, "working-well") ? "going-well" : name);
	}
	return NULL;
}

static void map_lines(xmlNodePtr n, const char *meeting_id, const web_form *f, GHashTable *lines)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		char *field = field_of(n, meeting_id, f);
		long line = xmlGetLineNo(n);
		if (field && line > 0 && !g_hash_table_contains(lines, GINT_TO_POINTER(line)))
			g_hash_table_insert(lines, GINT_TO_POINTER(line), field);
		else
			g_free(field);
		map_lines(n->children, meeting_id, f, lines);
	}
}

void web_meeting_place(const char *data, size_t len, const char *meeting_id, const web_form *f,
                       const cd_store_msgs *checked, GArray *msgs)
{
	GHashTable *lines = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	xmlDocPtr d = xmlReadMemory(data, (int)len, "case.xml", NULL,
	                            XML_PARSE_NONET);
	if (d)
		map_lines(xmlDocGetRootElement(d), meeting_id, f, lines);
	for (size_t i = 0; i < checked->n; i++) {
		const struct cd_store_msg *c = &checked->v[i];
		const char *field = !c->file && c->line > 0
			? g_hash_table_lookup(lines, GINT_TO_POINTER(c->line)) : NULL;
		web_msg m = { g_strdup(field), NULL, NULL, g_strdup(c->text),
		              g_strcmp0(c->kind, "warning") == 0 };
		g_array_append_val(msgs, m);
	}
	xmlFreeDoc(d);
	g_hash_table_destroy(lines);
}
