/* web/ui-issue.c - the chair issues a meeting's plan and minutes (GET and POST /case/CASE/issue,
 * GET /case/CASE/issue/FILE).
 *
 * The page lists every recipient of the meeting's plan copy, as cd_recipients() decides (the list
 * the queue uses), with their language, version and print size, how they receive it
 * (cd_rule_delivery: post, or a protected copy for secure email) and what their copy leaves out
 * (issue-leaves.c). Issuing:
 *   - runs `cindoc queue CASES_DIR -o QUEUE_DIR --case FILE --meeting ID` in a child: the queue's
 *     own run puts every copy of the meeting in the queue now (a second issue queues nothing
 *     again: the ledger knows them);
 *   - records the email recipients' copies issued (web_mark_issued: ledger, audit, case file),
 *     runs the queue once more so they leave the date's print.pdf: they are not posted;
 *   - makes each email recipient's copy again with `cindoc render` and an AES-256 user password
 *     (protect.c, libqpdf), random, shown on the answer page once and never kept; the protected
 *     file is held in memory for the chair who issued it for ISSUE_SECONDS, and each download is
 *     in the audit log.
 * Every child runs with a time limit (child.c); the server never renders in its own process. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <microhttpd.h>
#include <sodium.h>

#include "case/case.h"
#include "case/rules.h"
#include "base/cindoc.h"
#include "queue/queue-store.h"
#include "transform/documents.h"
#include "web/web.h"

#define ISSUE_SECONDS (30 * 60)     /* a protected copy can be downloaded for this long */
#define ISSUE_MAX 64                /* protected copies held at once (the oldest go first) */
#define QUEUE_CHILD_SECONDS 300     /* a queue run of one meeting */
#define PASSWORD_GROUPS 4           /* a password is 4 groups of 4: "Kq7m-..." (19 characters) */

struct copy {
	char token[33];
	char user[33];
	char case_id[101];
	char who[101];
	char meeting[101];
	gint64 made;
	GBytes *pdf;
};

struct web_copies {
	GMutex lock;
	GPtrArray *all;    /* struct copy */
};

static void copy_free(gpointer p)
{
	struct copy *c = p;
	if (c->pdf)
		g_bytes_unref(c->pdf);
	g_free(c);
}

web_copies *web_copies_new(void)
{
	web_copies *c = g_new0(web_copies, 1);
	g_mutex_init(&c->lock);
	c->all = g_ptr_array_new_with_free_func(copy_free);
	return c;
}

void web_copies_free(web_copies *c)
{
	if (!c)
		return;
	g_ptr_array_free(c->all, TRUE);
	g_mutex_clear(&c->lock);
	g_free(c);
}

static void copies_add(web_copies *s, struct copy *c)
{
	gint64 now = g_get_monotonic_time() / G_USEC_PER_SEC;
	g_mutex_lock(&s->lock);
	for (guint i = s->all->len; i-- > 0;)
		if (now - ((struct copy *)s->all->pdata[i])->made > ISSUE_SECONDS)
			g_ptr_array_remove_index(s->all, i);
	while (s->all->len >= ISSUE_MAX)
		g_ptr_array_remove_index(s->all, 0);
	g_ptr_array_add(s->all, c);
	g_mutex_unlock(&s->lock);
}

/* The copy `token` of `who` in case `case_id`, made by `user`; NULL when none (or too old). */
static GBytes *copies_get(web_copies *s, const char *user, const char *case_id, const char *token,
                          const char *who, char meeting[101])
{
	GBytes *b = NULL;
	gint64 now = g_get_monotonic_time() / G_USEC_PER_SEC;
	g_mutex_lock(&s->lock);
	for (guint i = 0; i < s->all->len && !b; i++) {
		struct copy *c = s->all->pdata[i];
		if (strcmp(c->token, token) || strcmp(c->user, user) || strcmp(c->case_id, case_id) ||
		    strcmp(c->who, who) || now - c->made > ISSUE_SECONDS)
			continue;
		b = g_bytes_ref(c->pdf);
		memcpy(meeting, c->meeting, 101);
	}
	g_mutex_unlock(&s->lock);
	return b;
}

/* ---- the recipients ---- */

static void today_str(const web_app *app, char buf[CD_DATE_BUF])
{
	cd_date_format(web_today(app), buf);
}

/* The meeting to issue: field `meeting`, else the latest (by date). NULL when there is none. */
static xmlNodePtr find_meeting(xmlDocPtr cs, const char *id)
{
	xmlNodePtr last = NULL;
	xmlNodePtr ms = cd_case_first(xmlDocGetRootElement(cs), "meetings");
	for (xmlNodePtr m = cd_case_first(ms, "meeting"); m; m = cd_case_next(m, "meeting")) {
		if (id && g_strcmp0(cd_case_attr(m, "id"), id) == 0)
			return m;
		if (!id && (!last || g_strcmp0(cd_case_attr(m, "date"), cd_case_attr(last, "date")) >= 0))
			last = m;
	}
	return id ? NULL : last;
}

/* Adds <recipient> per recipient of the meeting's plan copy. Returns how many, or negative. */
static int add_recipients(xmlNodePtr root, xmlDocPtr cs, const char *path, const char *meeting,
                          GPtrArray *email_ids, GPtrArray *post_ids)
{
	cd_recipient *rs = NULL;
	size_t n = 0;
	int rc = cd_recipients(cs, path, CD_DOC_PLAN_COPY, meeting, &rs, &n);
	if (rc < 0)
		return rc;
	int count = 0;
	for (size_t i = 0; i < n; i++) {
		if (rs[i].reader == CD_READER_FILE)
			continue;
		xmlNodePtr party = cd_case_lookup(cs, rs[i].id);
		enum cd_delivery how = cd_rule_delivery(party);
		xmlNodePtr e = web_add(root, "recipient", NULL);
		web_set(e, "id", rs[i].id);
		web_set(e, "reader", cd_reader_name(rs[i].reader));
		web_set(e, "lang", rs[i].lang);
		web_set(e, "style", rs[i].style);
		web_set(e, "version", rs[i].version);
		web_set(e, "delivery", cd_delivery_name(how));
		web_issue_leaves_out(e, cs, meeting, rs[i].id);
		g_ptr_array_add(how == CD_DELIVERY_EMAIL ? email_ids : post_ids, g_strdup(rs[i].id));
		count++;
	}
	cd_recipients_free(rs, n);
	return count;
}

/* Loads the case and finds the meeting; responds with an error (and returns NULL) when either is
 * missing. */
static xmlDocPtr load(web_req *r, const char *id, const char *want, xmlNodePtr *meeting)
{
	xmlDocPtr cs = NULL;
	if (web_case_load(r->app, id, &cs) < 0) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
		return NULL;
	}
	if (want && !*want)
		want = NULL;
	*meeting = (want && !web_case_id_ok(want)) ? NULL : find_meeting(cs, want);
	if (!*meeting) {
		xmlFreeDoc(cs);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.issue.no-meeting");
		return NULL;
	}
	return cs;
}

/* The page: the case, the meeting, its recipients; `issuable` is 0 when it cannot be issued
 * (the meeting is after today; no queue folder), with the reason as <problem key=>. */
static xmlDocPtr issue_page(web_req *r, const char *id, xmlDocPtr cs, xmlNodePtr m, GPtrArray *email_ids,
                            GPtrArray *post_ids, int *issuable)
{
	char today[CD_DATE_BUF];
	today_str(r->app, today);
	char *path = web_case_path(r->app, id);
	xmlDocPtr d = web_page_new(r, "issue");
	xmlNodePtr root = xmlDocGetRootElement(d);
	const char *mid = cd_case_attr(m, "id");
	web_set(root, "case", id);
	web_set(root, "meeting", mid);
	web_set(root, "today", today);
	*issuable = 1;
	if (g_strcmp0(cd_case_attr(m, "date"), today) > 0) {
		web_set(web_add(root, "problem", NULL), "key", "web.issue.not-held");
		*issuable = 0;
	}
	if (!r->app->queue_dir) {
		web_set(web_add(root, "problem", NULL), "key", "web.issue.no-queue");
		*issuable = 0;
	}
	xmlNodePtr done = cd_case_first(m, "done");
	if (done && cd_case_attr(done, "minutes-sent"))
		web_set(root, "sent", cd_case_attr(done, "minutes-sent"));
	if (add_recipients(root, cs, path, mid, email_ids, post_ids) < 0) {
		web_set(web_add(root, "problem", NULL), "key", "web.issue.no-recipients");
		*issuable = 0;
	}
	g_free(path);
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(cs), d, 1));
	return d;
}

/* Where the page and the post both start: the case, its meeting, the page built for them, and the
 * ids of the recipients by how they receive a copy. */
struct issue_ctx {
	xmlDocPtr cs, page;
	xmlNodePtr meeting;
	GPtrArray *email, *post;
	int issuable;
};

/* Loads the case and builds the page; returns -1 when an error page was sent instead. */
static int issue_open(web_req *r, const char *id, struct issue_ctx *c)
{
	memset(c, 0, sizeof *c);
	c->cs = load(r, id, web_field_get(r, "meeting"), &c->meeting);
	if (!c->cs)
		return -1;
	c->email = g_ptr_array_new_with_free_func(g_free);
	c->post = g_ptr_array_new_with_free_func(g_free);
	c->page = issue_page(r, id, c->cs, c->meeting, c->email, c->post, &c->issuable);
	return 0;
}

/* Frees all but the page, which the caller renders. */
static void issue_close(struct issue_ctx *c)
{
	xmlFreeDoc(c->cs);
	g_ptr_array_free(c->email, TRUE);
	g_ptr_array_free(c->post, TRUE);
}

static void add_queue_state(web_req *r, xmlNodePtr root, const char *ref, const char *meeting);

void ui_issue(web_req *r, const char *id)
{
	struct issue_ctx c;
	if (issue_open(r, id, &c) < 0)
		return;
	xmlNodePtr root = xmlDocGetRootElement(c.page);
	const char *mid = cd_case_attr(c.meeting, "id");
	if (c.issuable)
		web_set(root, "issuable", "yes");
	if (r->app->queue_dir) /* what is in the queue already (an earlier issue) */
		add_queue_state(r, root, cd_case_attr(xmlDocGetRootElement(c.cs), "ref"), mid);
	char *detail = g_strdup_printf("issue page of meeting %s", mid);
	web_log(r, "open", id, detail);
	g_free(detail);
	issue_close(&c);
	web_page_render(r, c.page, MHD_HTTP_OK);
}

/* ---- issuing ---- */

/* Runs this program with argv; its error lines go to the page as <detail>. Returns the exit code. */
static int run(web_req *r, xmlNodePtr root, const char **argv, int seconds)
{
	GString *err = g_string_new(NULL);
	int rc = web_run_child(r->app, (char *const *)argv, seconds, NULL, err);
	if (rc != 0) {
		char **lines = g_strsplit(err->str, "\n", 8);
		for (int i = 0; lines[i] && i < 6; i++) {
			char *at = strstr(lines[i], "error: ");
			if (at)
				web_add(root, "detail", at + 7);
		}
		g_strfreev(lines);
		fprintf(stderr, "cindoc serve: %s %s: exit %d\n%s", argv[1], argv[2], rc, err->str);
	}
	g_string_free(err, TRUE);
	return rc;
}

static int queue_meeting(web_req *r, xmlNodePtr root, const char *case_name, const char *meeting, const char *today)
{
	const char *argv[] = { "cindoc", "queue", r->app->cases_dir, "-o", r->app->queue_dir, "--today", today,
		               "--case", case_name, "--meeting", meeting, "-q",
		               r->app->closures ? "--closures" : NULL, r->app->closures, NULL };
	return run(r, root, argv, QUEUE_CHILD_SECONDS);
}

/* A random password: PASSWORD_GROUPS groups of 4 letters and digits that cannot be mistaken for
 * one another when read out or typed (no 0/O, 1/l/I). */
static void make_password(char *out /* PASSWORD_GROUPS * 5 */)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	int k = 0;
	for (int g = 0; g < PASSWORD_GROUPS; g++) {
		if (g)
			out[k++] = '-';
		for (int i = 0; i < 4; i++)
			out[k++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[k] = '\0';
}

/* Makes the protected copy of `who` and adds <protected who= token= password=> to the page. */
static int protect_copy(web_req *r, xmlNodePtr root, const char *id, const char *case_path, const char *meeting,
                        const char *who)
{
	char *tmpl = g_build_filename(g_get_tmp_dir(), "cindoc-issue-XXXXXX", NULL);
	char *dir = g_mkdtemp_full(tmpl, 0700);   /* tmpl itself, filled in */
	if (!dir) {
		g_free(tmpl);
		return -1;
	}
	char password[PASSWORD_GROUPS * 5];
	make_password(password);
	char *pwfile = g_build_filename(dir, "password", NULL);
	char *out = g_build_filename(dir, "copy.pdf", NULL);
	int rc = -1;
	GError *e = NULL;
	if (g_file_set_contents_full(pwfile, password, -1, G_FILE_SET_CONTENTS_NONE, 0600, &e)) {
		const char *argv[] = { "cindoc", "render", "--doc", "plan-copy", "--for", who, "--meeting", meeting,
			               "--user-password-file", pwfile, "--allow-print", "yes", "-o", out, case_path, NULL };
		rc = run(r, root, argv, WEB_CHILD_SECONDS);
	} else {
		g_error_free(e);
	}
	char *data = NULL;
	gsize len = 0;
	if (rc == 0 && g_file_get_contents(out, &data, &len, NULL)) {
		struct copy *c = g_new0(struct copy, 1);
		unsigned char b[16];
		randombytes_buf(b, sizeof b);
		sodium_bin2hex(c->token, sizeof c->token, b, sizeof b);
		g_strlcpy(c->user, r->sess.user, sizeof c->user);
		g_strlcpy(c->case_id, id, sizeof c->case_id);
		g_strlcpy(c->who, who, sizeof c->who);
		g_strlcpy(c->meeting, meeting, sizeof c->meeting);
		c->made = g_get_monotonic_time() / G_USEC_PER_SEC;
		c->pdf = g_bytes_new_take(data, len);
		xmlNodePtr p = web_add(root, "protected", NULL);
		web_set(p, "who", who);
		web_set(p, "token", c->token);
		web_set(p, "password", password);
		copies_add(r->app->copies, c);
	} else {
		rc = -1;
	}
	sodium_memzero(password, sizeof password);
	g_unlink(pwfile);
	g_unlink(out);
	g_rmdir(dir);
	g_free(pwfile);
	g_free(out);
	g_free(dir);
	return rc;
}

/* Adds <queued who= status= due= issued=> for each item of the meeting in the queue's ledger. */
static void add_queue_state(web_req *r, xmlNodePtr root, const char *ref, const char *meeting)
{
	char *ledger = g_build_filename(r->app->queue_dir, "ledger.tsv", NULL);
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)cd_ql_row_free);
	if (cd_ql_read(ledger, rows) == 0) {
		for (guint i = 0; i < rows->len; i++) {
			char **f = rows->pdata[i];
			if (strcmp(f[CD_QL_CASE], ref) || strcmp(f[CD_QL_DOCUMENT], "plan-copy") ||
			    strcmp(f[CD_QL_MEETING], meeting) || strcmp(f[CD_QL_STATUS], "withdrawn") == 0)
				continue;
			xmlNodePtr q = web_add(root, "queued", NULL);
			web_set(q, "who", f[CD_QL_RECIPIENT]);
			web_set(q, "status", f[CD_QL_STATUS]);
			web_set(q, "due", f[CD_QL_DUE]);
			web_set(q, "issued", f[CD_QL_ISSUED]);
		}
	}
	g_ptr_array_free(rows, TRUE);
	g_free(ledger);
}

static char *joined(GPtrArray *ids)
{
	g_ptr_array_add(ids, NULL);
	char *s = g_strjoinv(" ", (char **)ids->pdata);
	g_ptr_array_remove_index(ids, ids->len - 1);
	return s;
}

/* Queues the post, marks and protects the email copies. Returns 0, or -1 after a <problem>. */
static int do_issue(web_req *r, xmlNodePtr root, const char *id, const char *ref, const char *meeting,
                    GPtrArray *email, GPtrArray *post)
{
	char today[CD_DATE_BUF];
	today_str(r->app, today);
	char *case_name = g_strconcat(id, ".xml", NULL);
	char *case_path = web_case_path(r->app, id);
	int rc = queue_meeting(r, root, case_name, meeting, today);
	if (rc == 0 && email->len) {
		/* The email recipients' items are issued now, by secure email, not by post: recorded
		 * as every other issuing is (ledger, case file once all copies are sent, audit). */
		GPtrArray *what = g_ptr_array_new_with_free_func(g_free);
		for (guint i = 0; i < email->len; i++)
			g_ptr_array_add(what, g_strdup_printf("%s/plan-copy/%s/%s", ref, meeting, (char *)email->pdata[i]));
		int marked = 0;
		rc = web_mark_issued(r, (char **)what->pdata, (int)what->len, "secure email (protected copy)", &marked);
		g_ptr_array_free(what, TRUE);
		if (rc < 0)
			fprintf(stderr, "cindoc serve: marking the email copies of %s issued: exit %d\n", ref, -rc);
		if (rc == 0) /* and out of the date's print.pdf */
			rc = queue_meeting(r, root, case_name, meeting, today);
	}
	int made = 0;
	for (guint i = 0; i < email->len && rc == 0; i++)
		if (protect_copy(r, root, id, case_path, meeting, email->pdata[i]) == 0)
			made++;
	if (rc != 0 || made != (int)email->len)
		web_set(web_add(root, "problem", NULL), "key", rc != 0 ? "web.issue.queue-failed" : "web.issue.protect-failed");
	add_queue_state(r, root, ref, meeting);
	char *pj = joined(post), *ej = joined(email);
	char *detail = g_strdup_printf("plan-copy %s: by post into the queue: %s; protected copies for secure email: %s%s",
	                               meeting, post->len ? pj : "none", email->len ? ej : "none",
	                               rc != 0 || made != (int)email->len ? " (failed)" : "");
	web_log(r, "issue", id, detail);
	g_free(detail);
	g_free(pj);
	g_free(ej);
	g_free(case_name);
	g_free(case_path);
	return rc != 0 || made != (int)email->len ? -1 : 0;
}

void ui_issue_post(web_req *r, const char *id)
{
	struct issue_ctx c;
	if (issue_open(r, id, &c) < 0)
		return;
	xmlNodePtr root = xmlDocGetRootElement(c.page);
	int status = MHD_HTTP_OK;
	if (!c.issuable) {
		status = MHD_HTTP_CONFLICT;
	} else {
		web_set(root, "issued", "yes");
		if (do_issue(r, root, id, cd_case_attr(xmlDocGetRootElement(c.cs), "ref"), cd_case_attr(c.meeting, "id"),
		             c.email, c.post) < 0)
			status = MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
	issue_close(&c);
	web_page_render(r, c.page, status);
}

void ui_issue_file(web_req *r, const char *id, const char *file)
{
	/* FILE is TOKEN-WHO.pdf */
	const char *dash = strchr(file, '-');
	char token[33], who[101], meeting[101];
	size_t wl = dash ? strlen(dash + 1) : 0;
	if (!dash || dash - file != 32 || wl <= 4 || wl - 4 >= sizeof who || !g_str_has_suffix(file, ".pdf")) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.not-found");
		return;
	}
	memcpy(token, file, 32);
	token[32] = '\0';
	memcpy(who, dash + 1, wl - 4);
	who[wl - 4] = '\0';
	GBytes *b = copies_get(r->app->copies, r->sess.user, id, token, who, meeting);
	if (!b) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.issue.gone");
		return;
	}
	gsize len = 0;
	const char *data = g_bytes_get_data(b, &len);
	web_respond_bytes(r, MHD_HTTP_OK, "application/pdf", g_memdup2(data, len), len);
	r->disposition = g_strdup_printf("attachment; filename=\"%s-%s-%s-protected.pdf\"", id, meeting, who);
	char *detail = g_strdup_printf("protected plan-copy %s for %s (%zu bytes)", meeting, who, (size_t)len);
	web_log(r, "download", id, detail);
	g_free(detail);
	g_bytes_unref(b);
}
