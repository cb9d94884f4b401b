/* web/ui-preview.c - a copy as its reader will get it, before anything is sent (GET /case/CASE/preview
 * and /case/CASE/preview/FILE): the minutes, the plan or the plan copy for any child, person or
 * the file, in their language, version and print size, with what is withheld from them left out
 * (all decided by `cindoc render`, the code the queue uses), as page images and as a PDF.
 * `draft=1` previews the meeting being written up, built into the case as the save would.
 *
 * Each render runs `cindoc render` in a child process with a time limit (child.c): a slow or
 * crashing render ends the child, not the server. The pages are kept in memory for the user who
 * asked, for a few minutes, under a random name; the temporary folder is removed at once. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <microhttpd.h>
#include <sodium.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "transform/documents.h"
#include "web/store.h"
#include "web/web.h"

#define PREVIEW_SECONDS (10 * 60)
#define PREVIEW_MAX 64
#define PREVIEW_PAGES 40

struct preview {
	char token[33];
	char user[33];
	char case_id[101];
	gint64 made;
	GPtrArray *names;      /* "page-1.png", ..., "copy.pdf" */
	GPtrArray *data;       /* GBytes */
};

struct web_previews {
	GMutex lock;
	GPtrArray *all;        /* struct preview */
};

static void preview_free(gpointer p)
{
	struct preview *v = p;
	g_ptr_array_free(v->names, TRUE);
	g_ptr_array_free(v->data, TRUE);
	g_free(v);
}

web_previews *web_previews_new(void)
{
	web_previews *p = g_new0(web_previews, 1);
	g_mutex_init(&p->lock);
	p->all = g_ptr_array_new_with_free_func(preview_free);
	return p;
}

void web_previews_free(web_previews *p)
{
	if (!p)
		return;
	g_ptr_array_free(p->all, TRUE);
	g_mutex_clear(&p->lock);
	g_free(p);
}

static void previews_add(web_previews *p, struct preview *v)
{
	gint64 now = g_get_monotonic_time() / G_USEC_PER_SEC;
	g_mutex_lock(&p->lock);
	for (guint i = p->all->len; i-- > 0;) {
		struct preview *o = p->all->pdata[i];
		if (now - o->made > PREVIEW_SECONDS)
			g_ptr_array_remove_index(p->all, i);
	}
	while (p->all->len >= PREVIEW_MAX)
		g_ptr_array_remove_index(p->all, 0);
	g_ptr_array_add(p->all, v);
	g_mutex_unlock(&p->lock);
}

/* A copy of one file of a preview (only for the user who made it). */
static GBytes *previews_get(web_previews *p, const char *user, const char *case_id, const char *token,
                            const char *name)
{
	GBytes *b = NULL;
	gint64 now = g_get_monotonic_time() / G_USEC_PER_SEC;
	g_mutex_lock(&p->lock);
	for (guint i = 0; i < p->all->len && !b; i++) {
		struct preview *v = p->all->pdata[i];
		if (strcmp(v->token, token) || strcmp(v->user, user) || strcmp(v->case_id, case_id) ||
		    now - v->made > PREVIEW_SECONDS)
			continue;
		for (guint k = 0; k < v->names->len; k++)
			if (strcmp(v->names->pdata[k], name) == 0)
				b = g_bytes_ref(v->data->pdata[k]);
	}
	g_mutex_unlock(&p->lock);
	return b;
}

/* ---- rendering ---- */

static void remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;
	while (d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
}

/* Renders into `dir` with `cindoc render`; returns the child's exit code. */
static int render(web_req *r, const char *dir, const char *case_file, const char *doc, const char *who,
                  const char *meeting, const char *writer, const char *out, GString *err)
{
	char *o = g_build_filename(dir, out, NULL);
	const char *argv[16];
	int n = 0;
	argv[n++] = "cindoc";
	argv[n++] = "render";
	argv[n++] = "--doc";
	argv[n++] = doc;
	argv[n++] = "--for";
	argv[n++] = who;
	if (meeting) {
		argv[n++] = "--meeting";
		argv[n++] = meeting;
	}
	argv[n++] = "--writer";
	argv[n++] = writer;
	argv[n++] = "-o";
	argv[n++] = o;
	argv[n++] = case_file;   /* an absolute path: never taken for an option */
	argv[n] = NULL;
	int rc = web_run_child(r->app, (char *const *)argv, WEB_CHILD_SECONDS, NULL, err);
	g_free(o);
	return rc;
}

static int read_into(struct preview *v, const char *dir, const char *name)
{
	char *p = g_build_filename(dir, name, NULL);
	char *data = NULL;
	gsize len = 0;
	int ok = g_file_get_contents(p, &data, &len, NULL);
	g_free(p);
	if (!ok)
		return 0;
	g_ptr_array_add(v->names, g_strdup(name));
	g_ptr_array_add(v->data, g_bytes_new_take(data, len));
	return 1;
}

static int allowed(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* The case with the user's draft write-up in it, as dir/name, with the authority's details
 * beside it; the draft's meeting in *meeting when asked. Returns NULL or a problem's key. */
static const char *draft_case(web_req *r, const char *dir, const char *name, GArray *msgs, char **case_file,
                              char **meeting)
{
	const char *problem = NULL;
	char *bytes = NULL;
	size_t blen = 0;
	web_form *f = web_write_draft(r, name);
	if (!f || web_write_build(r, name, f, msgs, &bytes, &blen) < 0 || !bytes) {
		problem = f ? "web.preview.draft-incomplete" : "web.preview.no-draft";
	} else {
		if (meeting)
			*meeting = g_strdup(web_form_str(f, "_meeting"));
		*case_file = g_build_filename(dir, name, NULL);
		if (!g_file_set_contents(*case_file, bytes, (gssize)blen, NULL))
			problem = "web.preview.failed";
		char *auth_src = g_build_filename(r->app->cases_dir, "authority.xml", NULL);
		char *auth = NULL;
		gsize alen = 0;
		if (g_file_get_contents(auth_src, &auth, &alen, NULL)) {
			char *auth_dst = g_build_filename(dir, "authority.xml", NULL);
			g_file_set_contents(auth_dst, auth, (gssize)alen, NULL);
			g_free(auth_dst);
		}
		g_free(auth);
		g_free(auth_src);
	}
	g_free(bytes);
	web_form_free(f);
	return problem;
}

void ui_preview(web_req *r, const char *id)
{
	web_app *app = r->app;
	static const char *const docs[] = { "minutes", "plan", "plan-copy", NULL };
	const char *doc = web_field_get(r, "doc");
	const char *who = web_field_get(r, "for");
	const char *meeting = web_field_get(r, "meeting");
	int draft = g_strcmp0(web_field_get(r, "draft"), "1") == 0;
	if (!doc || !*doc)
		doc = "minutes";
	if (!who || !*who)
		who = CD_RECIPIENT_FILE;
	if (meeting && !*meeting)
		meeting = NULL;
	xmlDocPtr cs = NULL;
	if (web_case_load(app, id, &cs) < 0) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
		return;
	}
	int bad = !allowed(doc, docs) || (strcmp(who, CD_RECIPIENT_FILE) != 0 && !web_case_id_ok(who)) ||
	          (meeting && !web_case_id_ok(meeting));
	if (bad) {
		xmlFreeDoc(cs);
		web_respond_error(r, MHD_HTTP_BAD_REQUEST, "web.error.bad-request");
		return;
	}

	/* The case file to render: the case itself, or (draft) the case with the write-up in it, in a
	 * private folder with the authority's details beside it. */
	char *name = g_strconcat(id, ".xml", NULL);
	char *tmpl = g_build_filename(g_get_tmp_dir(), "cindoc-preview-XXXXXX", NULL);
	char *dir = g_mkdtemp_full(tmpl, 0700);
	char *case_file = NULL, *meeting_own = NULL;
	GArray *msgs = web_msgs_new();
	const char *problem = NULL;
	if (!dir) {
		problem = "web.preview.failed";
	} else if (draft) {
		problem = draft_case(r, dir, name, msgs, &case_file, meeting ? NULL : &meeting_own);
		if (!meeting)
			meeting = meeting_own;
	} else {
		case_file = web_case_path(app, id);
	}

	xmlDocPtr d = web_page_new(r, "preview");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_set(root, "case", id);
	web_set(root, "doc", doc);
	web_set(root, "for", who);
	web_set(root, "meeting", meeting);
	if (draft)
		web_set(root, "draft", "1");
	GString *err = g_string_new(NULL);
	if (!problem) {
		struct preview *v = g_new0(struct preview, 1);
		v->names = g_ptr_array_new_with_free_func(g_free);
		v->data = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
		int rc = render(r, dir, case_file, doc, who, meeting, "png", "page.png", err);
		if (rc == 0)
			rc = render(r, dir, case_file, doc, who, meeting, "cairo", "copy.pdf", err);
		if (rc == 0) {
			for (int i = 1; i <= PREVIEW_PAGES; i++) {
				char pn[32];
				g_snprintf(pn, sizeof pn, "page-%d.png", i);
				if (!read_into(v, dir, pn))
					break;
				xmlNodePtr pg = web_add(root, "image", NULL);
				web_set(pg, "n", pn + 5);
			}
			read_into(v, dir, "copy.pdf");
			unsigned char b[16];
			randombytes_buf(b, sizeof b);
			sodium_bin2hex(v->token, sizeof v->token, b, sizeof b);
			g_strlcpy(v->user, r->sess.user, sizeof v->user);
			g_strlcpy(v->case_id, id, sizeof v->case_id);
			v->made = g_get_monotonic_time() / G_USEC_PER_SEC;
			web_set(root, "token", v->token);
			previews_add(app->previews, v);
			char *detail = g_strdup_printf("%s for %s%s", doc, who, draft ? " (draft)" : "");
			web_log(r, "preview", id, detail);
			g_free(detail);
		} else {
			preview_free(v);
			problem = rc == 128 + 9 ? "web.preview.too-slow" : "web.preview.refused";
			/* the render's own message, without the temporary folder's name */
			char **lines = g_strsplit(err->str, "\n", 6);
			for (int i = 0; lines[i] && i < 5; i++) {
				char *at = strstr(lines[i], ": error: ");
				if (at)
					web_add(root, "detail", at + 9);
			}
			g_strfreev(lines);
		}
	}
	if (problem)
		web_set(web_add(root, "problem", NULL), "key", problem);
	g_string_free(err, TRUE);
	if (dir)
		remove_tree(dir);

	/* who can be chosen: every child and person, and the file */
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(cs), d, 1));
	xmlFreeDoc(cs);
	g_free(meeting_own);
	g_array_free(msgs, TRUE);
	g_free(case_file);
	g_free(tmpl);
	g_free(name);
	web_page_render(r, d, problem ? MHD_HTTP_UNPROCESSABLE_CONTENT : MHD_HTTP_OK);
}

void ui_preview_file(web_req *r, const char *id, const char *file)
{
	/* FILE is TOKEN-page-N.png or TOKEN-copy.pdf */
	const char *dash = strchr(file, '-');
	if (!dash || dash - file != 32) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.not-found");
		return;
	}
	char token[33];
	memcpy(token, file, 32);
	token[32] = '\0';
	GBytes *b = previews_get(r->app->previews, r->sess.user, id, token, dash + 1);
	if (!b) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.preview.gone");
		return;
	}
	gsize len = 0;
	const char *data = g_bytes_get_data(b, &len);
	int pdf = g_str_has_suffix(file, ".pdf");
	web_respond_bytes(r, MHD_HTTP_OK, pdf ? "application/pdf" : "image/png", g_memdup2(data, len), len);
	if (pdf)
		r->disposition = g_strdup_printf("inline; filename=\"%s-preview.pdf\"", id);
	g_bytes_unref(b);
}
