/* web/ui-new.c - a new case from nothing (GET and POST /new, chair or admin): the reference, the
 * service, when the plan started and the assessment date, the children, the people with their
 * consent, each with their address and how their copies are made (language, version, large print). The authority's details come from the folder's authority.xml. The case is created by
 * the store (checked as `cindoc check` checks, never over an existing file, its first version in
 * the history) and opens on its own page, ready for the first meeting to be written up. */
#include <string.h>
#include <microhttpd.h>

#include "case/calendar.h"
#include "base/cindoc.h"
#include "web/store.h"
#include "web/web.h"

#define NEW_CHILDREN 4
#define NEW_PEOPLE 6

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!g_ascii_isspace(*s))
			return 0;
	return 1;
}

static const char *field(web_req *r, const char *fmt, int n, char *buf, size_t size)
{
	g_snprintf(buf, size, fmt, n);
	return web_field_get(r, buf);
}

/* A date field into YYYY-MM-DD; 0, or -1 after adding a message. */
static int date_field(web_req *r, const char *name, int required, char out[CD_DATE_BUF], GArray *msgs)
{
	const char *v = web_field_get(r, name);
	out[0] = '\0';
	if (blank(v)) {
		if (required)
			web_msg_add(msgs, name, "web.check.date.missing", NULL, 0);
		return required ? -1 : 0;
	}
	int y = 0, m = 0, d = 0;
	char tail;
	char *s = g_strstrip(g_strdup(v));
	int ok = (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
	          sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3) && y >= 1900 && y <= 9999 &&
	         m >= 1 && m <= 12 && d >= 1 && d <= cd_date_month_days(y, m);
	g_free(s);
	if (!ok) {
		web_msg_add(msgs, name, "web.check.date.real", NULL, 0);
		return -1;
	}
	g_snprintf(out, CD_DATE_BUF, "%04d-%02d-%02d", y, m, d);
	return 0;
}

static void text_el(xmlNodePtr parent, const char *name, const char *value)
{
	char *t = g_strstrip(g_strdup(value));
	web_add(parent, name, t);
	g_free(t);
}

/* A form field name: prefix + name ("person-2-" + "town"), in buf. */
static const char *fname(char *buf, size_t size, const char *prefix, const char *name)
{
	g_snprintf(buf, size, "%s%s", prefix, name);
	return buf;
}

/* A language copies can be written in: the name of a file of templates/l10n/. */
static int lang_ok(const char *lang)
{
	size_t n = strlen(lang);
	if (n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_islower(lang[i]))
			return 0;
	char *rel = g_strdup_printf("templates/l10n/%s.xml", lang);
	char *path = cd_datapath(rel);
	int ok = g_file_test(path, G_FILE_TEST_IS_REGULAR);
	g_free(path);
	g_free(rel);
	return ok;
}

/* How a reader's copies are made (fields PREFIX-lang, -version, -large) into a <reads> of owner;
 * 0, or -1 after a message (nothing added). Not given: English, the full plan. */
static int add_reads(web_req *r, const char *prefix, xmlNodePtr owner, GArray *msgs)
{
	static const char *const versions[] = { "full", "short", "overview" };
	char fl[64], fv[64], fg[64];
	const char *lang = web_field_get(r, fname(fl, sizeof fl, prefix, "lang"));
	const char *version = web_field_get(r, fname(fv, sizeof fv, prefix, "version"));
	const char *large = web_field_get(r, fname(fg, sizeof fg, prefix, "large"));
	lang = blank(lang) ? "en" : lang;
	version = blank(version) ? "full" : version;
	int vok = 0;
	for (size_t k = 0; k < G_N_ELEMENTS(versions); k++)
		vok |= strcmp(version, versions[k]) == 0;
	if (!lang_ok(lang) || !vok) {
		web_msg_add(msgs, vok ? fl : fv, "web.new.check.choice", NULL, 0);
		return -1;
	}
	if (owner) {
		xmlNodePtr rd = web_add(owner, "reads", NULL);
		web_set(rd, "lang", lang);
		web_set(rd, "version", version);
		if (g_strcmp0(large, "yes") == 0)
			web_set(rd, "large-print", "true");
	}
	return 0;
}

/* A postal address (fields PREFIX-line1, -line2, -town, -postcode): none, or all but line 2.
 * With owner NULL only checks; 0, or -1 after a message. */
static int add_address(web_req *r, const char *prefix, xmlNodePtr owner, GArray *msgs)
{
	static const char *const names[] = { "line1", "line2", "town", "postcode" };
	char fn[4][64];
	const char *v[4];
	int any = 0;
	for (int k = 0; k < 4; k++) {
		v[k] = web_field_get(r, fname(fn[k], sizeof fn[k], prefix, names[k]));
		any |= !blank(v[k]);
	}
	if (!any)
		return 0;
	for (int k = 0; k < 4; k++)
		if (k != 1 && blank(v[k])) {
			web_msg_add(msgs, fn[k], "web.new.check.address", NULL, 0);
			return -1;
		}
	if (owner) {
		xmlNodePtr a = web_add(owner, "address", NULL);
		text_el(a, "line", v[0]);
		if (!blank(v[1]))
			text_el(a, "line", v[1]);
		text_el(a, "town", v[2]);
		char *pc = g_ascii_strup(v[3], -1);
		text_el(a, "postcode", pc);
		g_free(pc);
	}
	return 0;
}

/* The children of the form into <children> of case c; 0, or -1 after messages. `bad`: the form
 * has errors already (then a missing child is not pointed out yet). */
static int build_children(web_req *r, xmlNodePtr c, GArray *msgs, int bad)
{
	char b1[64], date[CD_DATE_BUF];
	xmlNodePtr children = web_add(c, "children", NULL);
	int nchild = 0;
	for (int i = 1; i <= NEW_CHILDREN; i++) {
		const char *given = field(r, "child-%d-given", i, b1, sizeof b1);
		char fam[64], born_f[64];
		const char *family = field(r, "child-%d-family", i, fam, sizeof fam);
		g_snprintf(born_f, sizeof born_f, "child-%d-born", i);
		if (blank(given) && blank(family) && blank(web_field_get(r, born_f)))
			continue;
		if (blank(given) || blank(family)) {
			web_msg_add(msgs, blank(given) ? b1 : fam, "web.new.check.name", NULL, 0);
			bad = 1;
			continue;
		}
		char prefix[32];
		g_snprintf(prefix, sizeof prefix, "child-%d-", i);
		if (date_field(r, born_f, 1, date, msgs) < 0 || add_reads(r, prefix, NULL, msgs) < 0 ||
		    add_address(r, prefix, NULL, msgs) < 0) {
			bad = 1;
			continue;
		}
		xmlNodePtr ch = web_add(children, "child", NULL);
		char cid[16];
		g_snprintf(cid, sizeof cid, "c%d", ++nchild);
		web_set(ch, "id", cid);
		xmlNodePtr nm = web_add(ch, "name", NULL);
		text_el(nm, "given", given);
		text_el(nm, "family", family);
		web_add(ch, "born", date);
		add_reads(r, prefix, ch, msgs);
		add_address(r, prefix, ch, msgs);
	}
	if (!nchild && !bad) {
		web_msg_add(msgs, "child-1-given", "web.new.check.child", NULL, 0);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* The people of the form into <people> of case c; 0, or -1 after messages (`bad` as above). */
static int build_people(web_req *r, xmlNodePtr c, GArray *msgs, int bad)
{
	char date[CD_DATE_BUF];
	xmlNodePtr people = web_add(c, "people", NULL);
	int nperson = 0;
	static const char *const kinds[] = { "parent", "carer", "family", "friend", "professional", "advocate", "interpreter" };
	for (int i = 1; i <= NEW_PEOPLE; i++) {
		char fg[64], ff[64], fk[64], fr[64], ft[64], fp[64], fc[64], fe[64];
		const char *given = field(r, "person-%d-given", i, fg, sizeof fg);
		const char *family = field(r, "person-%d-family", i, ff, sizeof ff);
		const char *kind = field(r, "person-%d-kind", i, fk, sizeof fk);
		const char *rel = field(r, "person-%d-relationship", i, fr, sizeof fr);
		const char *title = field(r, "person-%d-title", i, ft, sizeof ft);
		const char *pr = field(r, "person-%d-pr", i, fp, sizeof fp);
		const char *email = field(r, "person-%d-email", i, fe, sizeof fe);
		g_snprintf(fc, sizeof fc, "person-%d-consent", i);
		if (blank(given) && blank(family))
			continue;
		if (blank(given) || blank(family)) {
			web_msg_add(msgs, blank(given) ? fg : ff, "web.new.check.name", NULL, 0);
			bad = 1;
			continue;
		}
		int kind_ok = 0;
		for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++)
			kind_ok |= g_strcmp0(kind, kinds[k]) == 0;
		if (!kind_ok) {
			web_msg_add(msgs, fk, "web.new.check.kind", NULL, 0);
			bad = 1;
			continue;
		}
		char prefix[32];
		g_snprintf(prefix, sizeof prefix, "person-%d-", i);
		if (date_field(r, fc, 0, date, msgs) < 0 || add_address(r, prefix, NULL, msgs) < 0 ||
		    add_reads(r, prefix, NULL, msgs) < 0) {
			bad = 1;
			continue;
		}
		xmlNodePtr p = web_add(people, "person", NULL);
		char id[16];
		g_snprintf(id, sizeof id, "p%d", ++nperson);
		web_set(p, "id", id);
		web_set(p, "kind", kind);
		if (g_strcmp0(pr, "yes") == 0)
			web_set(p, "parental-responsibility", "true");
		xmlNodePtr nm = web_add(p, "name", NULL);
		if (!blank(title))
			text_el(nm, "title", title);
		text_el(nm, "given", given);
		text_el(nm, "family", family);
		if (!blank(rel))
			text_el(p, strcmp(kind, "professional") == 0 ? "role" : "relationship", rel);
		if (date[0])
			web_set(web_add(p, "consent", NULL), "given", date);
		add_address(r, prefix, p, msgs);
		char fph[64];
		const char *phone = web_field_get(r, fname(fph, sizeof fph, prefix, "phone"));
		if (!blank(phone))
			text_el(p, "phone", phone);
		if (!blank(email))
			text_el(p, "email", email);
		add_reads(r, prefix, p, msgs);
	}
	if (!nperson && !bad) {
		web_msg_add(msgs, "person-1-given", "web.new.check.person", NULL, 0);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Builds the case from the form; NULL after messages. */
static xmlDocPtr build(web_req *r, GArray *msgs)
{
	char date[CD_DATE_BUF];
	int bad = 0;
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr c = xmlNewDocNode(d, NULL, BAD_CAST "case", NULL);
	xmlDocSetRootElement(d, c);
	const char *ref = web_field_get(r, "ref");
	if (blank(ref)) {
		web_msg_add(msgs, "ref", "web.new.check.ref", NULL, 0);
		bad = 1;
	} else {
		char *t = g_strstrip(g_strdup(ref));
		web_set(c, "ref", t);
		g_free(t);
	}
	const char *service = web_field_get(r, "service");
	if (g_strcmp0(service, "family-support") && g_strcmp0(service, "disabled-children")) {
		web_msg_add(msgs, "service", "web.new.check.service", NULL, 0);
		bad = 1;
	}
	web_set(c, "service", service);
	bad |= date_field(r, "opened", 1, date, msgs) < 0;
	web_set(c, "opened", date);
	bad |= date_field(r, "assessed", 0, date, msgs) < 0;
	if (date[0])
		web_set(c, "assessed", date);
	web_set(c, "lang", "en");
	bad = build_children(r, c, msgs, bad) < 0;
	bad = build_people(r, c, msgs, bad) < 0;
	web_add(c, "meetings", NULL);
	if (bad) {
		xmlFreeDoc(d);
		return NULL;
	}
	return d;
}

static int cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void page(web_req *r, GArray *msgs, int status)
{
	xmlDocPtr d = web_page_new(r, "new");
	xmlNodePtr root = xmlDocGetRootElement(d);
	/* the languages copies can be written in: templates/l10n/LANG.xml, English first */
	xmlNodePtr langs = web_add(root, "langs", NULL);
	web_set(web_add(langs, "lang", NULL), "v", "en");
	char *dir = cd_datapath("templates/l10n");
	GDir *dh = g_dir_open(dir, 0, NULL);
	GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
	for (const char *e; dh && (e = g_dir_read_name(dh));)
		if (g_str_has_suffix(e, ".xml")) {
			char *l = g_strndup(e, strlen(e) - 4);
			if (strcmp(l, "en") != 0 && lang_ok(l))
				g_ptr_array_add(found, l);
			else
				g_free(l);
		}
	g_ptr_array_sort(found, cmp_names);
	for (guint i = 0; i < found->len; i++)
		web_set(web_add(langs, "lang", NULL), "v", found->pdata[i]);
	g_ptr_array_free(found, TRUE);
	if (dh)
		g_dir_close(dh);
	g_free(dir);
	xmlNodePtr form = web_add(root, "form", NULL);
	for (guint i = 0; i < r->fields->len; i++) {
		web_field *x = &g_array_index(r->fields, web_field, i);
		if (strcmp(x->name, "csrf") != 0)
			web_set(web_add(form, "f", x->value), "n", x->name);
	}
	for (guint i = 0; msgs && i < msgs->len; i++) {
		web_msg *m = &g_array_index(msgs, web_msg, i);
		xmlNodePtr e = web_add(root, "error", NULL);
		web_set(e, "field", m->field);
		web_set(e, "key", m->key);
		web_set(e, "text", m->text);
		if (m->warning)
			web_set(e, "severity", "warning");
	}
	web_page_render(r, d, status);
}

void ui_new_case(web_req *r)
{
	if (strcmp(r->method, "POST") != 0) {
		page(r, NULL, MHD_HTTP_OK);
		return;
	}
	GArray *msgs = web_msgs_new();
	xmlDocPtr d = build(r, msgs);
	if (!d) {
		page(r, msgs, MHD_HTTP_UNPROCESSABLE_CONTENT);
		g_array_free(msgs, TRUE);
		return;
	}
	xmlChar *buf = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(d, &buf, &len, "UTF-8", 1);
	xmlFreeDoc(d);
	cd_store_msgs cm = { 0 };
	char *name = NULL;
	int rc = cd_store_create(r->app->store, r->sess.user, (const char *)buf, (size_t)len, 0, &cm, &name, NULL);
	xmlFree(buf);
	if (rc == 0) {
		char *id = g_strndup(name, strlen(name) - 4);
		web_log(r, "new-case", id, "");
		char *to = g_strdup_printf("/case/%s", id);
		web_respond_redirect(r, to);
		g_free(to);
		g_free(id);
	} else {
		for (size_t i = 0; i < cm.n; i++) {
			web_msg m = { NULL, NULL, NULL, g_strdup(cm.v[i].text), g_strcmp0(cm.v[i].kind, "warning") == 0 };
			g_array_append_val(msgs, m);
		}
		if (!cm.n)
			web_msg_add(msgs, NULL, "web.new.failed", NULL, 0);
		page(r, msgs, MHD_HTTP_UNPROCESSABLE_CONTENT);
	}
	cd_store_msgs_clear(&cm);
	g_free(name);
	g_array_free(msgs, TRUE);
}
