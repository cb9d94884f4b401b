/* web/ui-write.c - writing up a meeting (GET and POST /case/CASE/write/STEP), a few questions a page
 * as the GOV.UK Design System does it, then "check your answers" and save.
 *
 * The write-up is a draft kept by the store (one per user and case, across restarts), saved at
 * every POST: closing the browser loses nothing that was sent. It remembers the version of the
 * case it started from; the save is refused when the case changed since (the draft is kept).
 * Checks as you go: each Continue builds the meeting into the case and runs the checks of
 * `cindoc check` (store.c); the messages of that page's fields are shown beside them, errors stop
 * the Continue, warnings do not. The last page shows every message; errors block the save,
 * warnings must be accepted. The steps and fields are listed in gen/web/README.md. */
#include <string.h>
#include <microhttpd.h>

#include "case/case.h"
#include "case/rules.h"
#include "base/cindoc.h"
#include "web/store.h"
#include "web/web.h"

#define DRAFT_KEY "meeting"

static const char *const steps[] = {
	"start", "details", "attendance", "views", "discussion", "scaling", "plan", "decision", "check"
};

static int step_index(const char *step)
{
	for (size_t i = 0; i < G_N_ELEMENTS(steps); i++)
		if (strcmp(steps[i], step) == 0)
			return (int)i;
	return -1;
}

static char *case_name(const char *id)
{
	return g_strconcat(id, ".xml", NULL);
}

/* ---- the draft ---- */

static web_form *draft_load(web_req *r, const char *name)
{
	char *data = NULL;
	size_t len = 0;
	char base[CD_STORE_TOKEN_LEN + 1] = "";
	if (cd_store_draft_load(r->app->store, r->sess.user, name, DRAFT_KEY, &data, &len, base, NULL) < 0)
		return NULL;
	web_form *f = web_form_parse(data, len);
	g_free(data);
	return f;
}

static int draft_save(web_req *r, const char *name, const web_form *f)
{
	size_t len = 0;
	char *data = web_form_encode(f, &len);
	int rc = cd_store_draft_save(r->app->store, r->sess.user, name, DRAFT_KEY,
	                             web_form_get(f, "_base"), data, len);
	g_free(data);
	return rc;
}

/* A new write-up: the version it starts from, the id the meeting will have, the scaling question
 * of the last meeting that asked one, one empty new plan item. */
static web_form *draft_new(web_req *r, const char *name, xmlDocPtr cs, const char *token)
{
	web_form *f = web_form_new();
	web_form_set(f, "_base", token);
	char *mid = web_case_new_id(cs, "m");
	web_form_set(f, "_meeting", mid);
	g_free(mid);
	web_form_set(f, "new-count", "1");
	xmlNodePtr meetings = cd_case_first(xmlDocGetRootElement(cs), "meetings");
	xmlNodePtr last_scaling = NULL;
	for (xmlNodePtr m = cd_case_first(meetings, "meeting"); m; m = cd_case_next(m, "meeting"))
		if (cd_case_first(m, "scaling"))
			last_scaling = cd_case_first(m, "scaling");
	const char *parts[][2] = { { "question", "scaling-question" }, { "zero", "scaling-zero" }, { "ten", "scaling-ten" } };
	for (int i = 0; last_scaling && i < 3; i++) {
		xmlNodePtr e = cd_case_first(last_scaling, parts[i][0]);
		xmlChar *t = e ? xmlNodeGetContent(e) : NULL;
		if (t)
			web_form_set(f, parts[i][1], (const char *)t);
		xmlFree(t);
	}
	(void)r;
	(void)name;
	return f;
}

/* ---- checking ---- */

/* Reads the case as it is now, builds the write-up into it and checks it. *bytes (may be NULL)
 * gets the case to save when it could be built; *token the version read. Returns 0, or
 * negative when the case cannot be read at all. */
static int run_checks(web_req *r, const char *name, const web_form *f, GArray *msgs, char **bytes,
                      size_t *blen, char token[CD_STORE_TOKEN_LEN + 1])
{
	web_app *app = r->app;
	char *data = NULL;
	size_t len = 0;
	if (bytes)
		*bytes = NULL;
	int rc = cd_store_read(app->store, name, &data, &len, token);
	if (rc < 0)
		return rc;
	web_engine *g = web_engine_take(app->engines);
	xmlDocPtr cs = NULL;
	rc = cd_case_load_memory(g->schema, name, data, len, &cs);
	web_engine_give(app->engines, g);
	g_free(data);
	if (rc < 0)
		return rc;
	const char *mid = web_form_str(f, "_meeting");
	if (web_meeting_build(cs, f, mid, msgs)) {
		char *out = NULL;
		size_t olen = 0;
		if (cd_store_serialize(cs, &out, &olen) == 0) {
			cd_store_msgs cm = { 0 };
			cd_store_check(app->store, name, out, olen, 1, &cm);
			web_meeting_place(out, olen, mid, f, &cm, msgs);
			cd_store_msgs_clear(&cm);
			if (bytes) {
				*bytes = out;
				*blen = olen;
				out = NULL;
			}
		}
		g_free(out);
	}
	xmlFreeDoc(cs);
	return 0;
}

static int count_errors(GArray *msgs, const char *step)
{
	int n = 0;
	for (guint i = 0; i < msgs->len; i++) {
		web_msg *m = &g_array_index(msgs, web_msg, i);
		if (m->warning)
			continue;
		if (!step || g_strcmp0(web_write_step_of(m->field), step) == 0)
			n++;
	}
	return n;
}

web_form *web_write_draft(web_req *r, const char *name)
{
	return draft_load(r, name);
}

int web_write_build(web_req *r, const char *name, const web_form *f, GArray *msgs, char **bytes,
                    size_t *len)
{
	char token[CD_STORE_TOKEN_LEN + 1];
	return run_checks(r, name, f, msgs, bytes, len, token);
}

/* ---- the page ---- */

static void add_msgs(xmlNodePtr root, GArray *msgs, const char *step, const char *id)
{
	for (guint i = 0; i < msgs->len; i++) {
		web_msg *m = &g_array_index(msgs, web_msg, i);
		const char *fstep = web_write_step_of(m->field);
		if (step && g_strcmp0(fstep, step) != 0)
			continue;
		xmlNodePtr e = web_add(root, "error", NULL);
		web_set(e, "field", m->field);
		web_set(e, "key", m->key);
		web_set(e, "text", m->text);
		if (m->warning)
			web_set(e, "severity", "warning");
		if (m->s1)
			web_add(e, "s1", m->s1);
		if (!step && fstep && m->field) {
			char *href = g_strdup_printf("/case/%s/write/%s#%s", id, fstep, m->field);
			web_set(e, "href", href);
			g_free(href);
		}
		if (!step && fstep)
			web_set(e, "step", fstep);
	}
}

static void render(web_req *r, const char *id, const char *step, const web_form *f, GArray *msgs,
                   const char *notice, int status)
{
	web_app *app = r->app;
	xmlDocPtr cs = NULL;
	if (web_case_load(app, id, &cs) < 0) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
		return;
	}
	xmlDocPtr d = web_page_new(r, "write");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_set(root, "case", id);
	web_set(root, "step", step);
	int at = step_index(step);
	if (at > 0)
		web_set(root, "back", steps[at - 1]);
	xmlNodePtr list = web_add(root, "steps", NULL);
	for (size_t i = 1; i < G_N_ELEMENTS(steps); i++)
		web_set(web_add(list, "step", NULL), "name", steps[i]);
	if (notice)
		web_set(web_add(root, "notice", NULL), "key", notice);
	xmlNodePtr form = web_add(root, "form", NULL);
	for (guint i = 0; f && i < f->f->len; i++) {
		web_field *x = &g_array_index(f->f, web_field, i);
		if (x->name[0] == '_' && strcmp(x->name, "_meeting") != 0)
			continue;
		web_set(web_add(form, "f", x->value), "n", x->name);
	}
	if (msgs)
		add_msgs(root, msgs, strcmp(step, "check") == 0 ? NULL : step, id);
	/* a field for the translation of views and plan items into each language a reader reads */
	const char *langs[8];
	cd_rule_translation_langs(xmlDocGetRootElement(cs), langs, (int)G_N_ELEMENTS(langs));
	for (int i = 0; langs[i]; i++)
		web_set(web_add(root, "translate", NULL), "lang", langs[i]);
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(cs), d, 1));
	xmlFreeDoc(cs);
	web_page_render(r, d, status);
}

/* ---- the request ---- */

static int owned_by(const char *name, const char *step)
{
	return name[0] != '_' && g_strcmp0(web_write_step_of(name), step) == 0;
}

/* Takes the step's fields from the request into the draft: the step's old values go first (an
 * unticked box sends nothing), names of other steps and the desk's own are ignored. */
static void merge(web_req *r, web_form *f, const char *step)
{
	for (guint i = f->f->len; i-- > 0;)
		if (owned_by(g_array_index(f->f, web_field, i).name, step))
			g_array_remove_index(f->f, i);
	for (guint i = 0; i < r->fields->len; i++) {
		web_field *x = &g_array_index(r->fields, web_field, i);
		if (owned_by(x->name, step))
			web_form_add(f, x->name, x->value);
	}
	char seen[48];
	g_snprintf(seen, sizeof seen, "_seen-%s", step);
	web_form_set(f, seen, "1");
}

static void save(web_req *r, const char *id, const char *name, web_form *f)
{
	GArray *msgs = web_msgs_new();
	char *bytes = NULL;
	size_t blen = 0;
	char token[CD_STORE_TOKEN_LEN + 1] = "";
	if (run_checks(r, name, f, msgs, &bytes, &blen, token) < 0) {
		g_array_free(msgs, TRUE);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
		return;
	}
	int warnings = 0;
	for (guint i = 0; i < msgs->len; i++)
		warnings += g_array_index(msgs, web_msg, i).warning;
	if (!bytes || count_errors(msgs, NULL)) {
		web_log(r, "save-refused", id, "errors");
		render(r, id, "check", f, msgs, NULL, MHD_HTTP_UNPROCESSABLE_CONTENT);
		g_array_free(msgs, TRUE);
		return;
	}
	if (warnings && !web_form_has(f, "accept-warnings", "yes")) {
		web_msg_add(msgs, "accept-warnings", "web.check.accept", NULL, 0);
		render(r, id, "check", f, msgs, NULL, MHD_HTTP_UNPROCESSABLE_CONTENT);
		g_array_free(msgs, TRUE);
		g_free(bytes);
		return;
	}
	cd_store_msgs cm = { 0 };
	char newtok[CD_STORE_TOKEN_LEN + 1] = "";
	int rc = cd_store_save(r->app->store, name, r->sess.user, web_form_str(f, "_base"), bytes, blen,
	                       CD_STORE_STRICT, &cm, newtok);
	g_free(bytes);
	cd_store_msgs_clear(&cm);
	if (rc == 0) {
		cd_store_draft_discard(r->app->store, r->sess.user, name, DRAFT_KEY);
		web_log(r, "save", id, web_form_str(f, "_meeting"));
		char *to = g_strdup_printf("/case/%s?saved=%s", id, web_form_str(f, "_meeting"));
		web_respond_redirect(r, to);
		g_free(to);
	} else if (rc == CD_STORE_STALE) {
		web_log(r, "save-refused", id, "stale");
		web_msg_add(msgs, NULL, "web.save.stale", NULL, 0);
		render(r, id, "check", f, msgs, NULL, MHD_HTTP_CONFLICT);
	} else {
		web_log(r, "save-refused", id, "failed");
		web_msg_add(msgs, NULL, "web.save.failed", NULL, 0);
		render(r, id, "check", f, msgs, NULL, MHD_HTTP_INTERNAL_SERVER_ERROR);
	}
	g_array_free(msgs, TRUE);
}

void ui_write(web_req *r, const char *id, const char *step)
{
	web_app *app = r->app;
	int at = step_index(step);
	char *path = web_case_path(app, id);
	if (at < 0 || !path || !g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, at < 0 ? "web.error.not-found" : "web.error.no-case");
		return;
	}
	g_free(path);
	char *name = case_name(id);
	web_form *f = draft_load(r, name);
	int post = strcmp(r->method, "POST") == 0;
	const char *action = post ? web_field_get(r, "action") : NULL;
	char *to = NULL;

	if (!f && at > 0) {   /* no write-up under way: start one */
		to = g_strdup_printf("/case/%s/write/start", id);
		web_respond_redirect(r, to);
		goto done;
	}
	if (!post) {
		GArray *msgs = NULL;
		char seen[48];
		g_snprintf(seen, sizeof seen, "_seen-%s", step);
		if (f && (at == (int)G_N_ELEMENTS(steps) - 1 || web_form_get(f, seen))) {
			char token[CD_STORE_TOKEN_LEN + 1];
			msgs = web_msgs_new();
			run_checks(r, name, f, msgs, NULL, NULL, token);
		}
		web_log(r, "write", id, step);
		render(r, id, step, f, msgs, NULL, MHD_HTTP_OK);
		if (msgs)
			g_array_free(msgs, TRUE);
		goto done;
	}
	if (g_strcmp0(action, "discard") == 0) {
		cd_store_draft_discard(app->store, r->sess.user, name, DRAFT_KEY);
		web_log(r, "draft-discarded", id, "");
		to = g_strdup_printf("/case/%s", id);
		web_respond_redirect(r, to);
		goto done;
	}
	if (!f) {   /* POST start: a new draft from the case as it is now */
		char *data = NULL;
		size_t len = 0;
		char token[CD_STORE_TOKEN_LEN + 1];
		xmlDocPtr cs = NULL;
		if (cd_store_read(app->store, name, &data, &len, token) < 0 || web_case_load(app, id, &cs) < 0) {
			g_free(data);
			web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
			goto done;
		}
		g_free(data);
		f = draft_new(r, name, cs, token);
		xmlFreeDoc(cs);
	}
	merge(r, f, step);
	if (g_strcmp0(action, "add-item") == 0) {
		int n = atoi(web_form_str(f, "new-count"));
		char buf[16];
		g_snprintf(buf, sizeof buf, "%d", (n < 1 ? 1 : n >= 50 ? 50 : n + 1));
		web_form_set(f, "new-count", buf);
	}
	if (draft_save(r, name, f) < 0) {
		web_respond_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "web.error.draft");
		goto done;
	}
	web_log(r, "draft", id, step);
	if (g_strcmp0(action, "draft") == 0) {
		to = g_strdup_printf("/case/%s?draft=saved", id);
		web_respond_redirect(r, to);
	} else if (g_strcmp0(action, "add-item") == 0) {
		to = g_strdup_printf("/case/%s/write/plan#new-%s-need", id, web_form_str(f, "new-count"));
		web_respond_redirect(r, to);
	} else if (g_strcmp0(action, "back") == 0 && at > 0) {
		to = g_strdup_printf("/case/%s/write/%s", id, steps[at - 1]);
		web_respond_redirect(r, to);
	} else if (g_strcmp0(action, "save") == 0 && strcmp(step, "check") == 0) {
		save(r, id, name, f);
	} else {
		/* Continue: this page's errors stop it; the rest wait for their own page. */
		GArray *msgs = web_msgs_new();
		char token[CD_STORE_TOKEN_LEN + 1];
		run_checks(r, name, f, msgs, NULL, NULL, token);
		web_log(r, "check", id, step);
		if (count_errors(msgs, step) || at == (int)G_N_ELEMENTS(steps) - 1) {
			render(r, id, step, f, msgs, NULL, count_errors(msgs, step) ? MHD_HTTP_UNPROCESSABLE_CONTENT : MHD_HTTP_OK);
		} else {
			to = g_strdup_printf("/case/%s/write/%s", id, steps[at + 1]);
			web_respond_redirect(r, to);
		}
		g_array_free(msgs, TRUE);
	}
done:
	g_free(to);
	g_free(name);
	web_form_free(f);
}
