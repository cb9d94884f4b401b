/* web/ui-queue.c - the admin's desk: the print queue (`serve -o QUEUE_DIR`) by due date, what is due
 * today and what is overdue; a date's items, its print.pdf, printing through CUPS and marking
 * copies issued (admin only). Marking goes through web/record.c, so the ledger, the case files,
 * `cindoc due` and the case pages agree; every print, download and mark is in the audit log.
 *
 *   GET  /queue                     the dates
 *   GET  /queue/DATE                one date: its items, print and mark forms
 *   GET  /queue/DATE/print.pdf      the date's print.pdf (download=1: as an attachment)
 *   POST /queue/DATE/print          printer, sides (two-sided, one-sided): one job per waiting item
 *   POST /queue/DATE/issued         item (repeated) or all=yes: mark issued today
 */
#include <string.h>
#include <microhttpd.h>

#include "base/cindoc.h"
#include "case/calendar.h"
#include "queue/print.h"
#include "queue/queue-store.h"
#include "queue/share.h"
#include "web/record.h"
#include "web/web.h"

static cd_date desk_today(const web_app *app)
{
	return app->today != CD_DATE_NONE ? app->today : cd_date_today();
}

/* The ledger's rows that are not withdrawn. 0, or negative (no queue, or a damaged ledger). */
static int queue_rows(web_app *app, GPtrArray *rows)
{
	if (!app->queue_dir)
		return -CD_EXIT_NOREAD;
	char *ledger = g_build_filename(app->queue_dir, "ledger.tsv", NULL);
	int rc = g_file_test(ledger, G_FILE_TEST_IS_REGULAR) ? cd_ql_read(ledger, rows) : 0;
	g_free(ledger);
	for (guint i = rows->len; rc == 0 && i-- > 0;)
		if (strcmp(((char **)rows->pdata[i])[CD_QL_STATUS], "withdrawn") == 0)
			g_ptr_array_remove_index(rows, i);
	return rc;
}

/* The date folder of a row ("2026-11-26" of "2026-11-26/NAME.pdf"). */
static int row_on(char **row, const char *day)
{
	size_t n = strlen(day);
	return strncmp(row[CD_QL_FILE], day, n) == 0 && row[CD_QL_FILE][n] == '/';
}

static const char *day_state(const char *day, int waiting, cd_date today)
{
	cd_date d;
	if (cd_date_parse(day, &d, NULL) < 0 || waiting == 0)
		return "issued";
	return d < today ? "overdue" : d == today ? "today" : "upcoming";
}

static int day_ok(const char *day)
{
	cd_date d;
	return day && strlen(day) == 10 && cd_date_parse(day, &d, NULL) == 0;
}

static gint day_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	(void)data;
	return strcmp(a, b);
}

static xmlDocPtr queue_page(web_req *r, const char *name, GPtrArray *rows, int *rc)
{
	xmlDocPtr d = web_page_new(r, name);
	*rc = queue_rows(r->app, rows);
	if (*rc < 0)
		web_set(xmlDocGetRootElement(d), "problem", r->app->queue_dir ? "unreadable" : "no-queue");
	return d;
}

void ui_queue(web_req *r)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)cd_ql_row_free);
	int rc;
	xmlDocPtr d = queue_page(r, "queue", rows, &rc);
	xmlNodePtr root = xmlDocGetRootElement(d);
	cd_date today = desk_today(r->app);
	GTree *days = g_tree_new_full(day_cmp, NULL, g_free, NULL);
	for (guint i = 0; i < rows->len; i++) {
		char **row = rows->pdata[i];
		char *day = g_strndup(row[CD_QL_FILE], 10);
		gpointer v = g_tree_lookup(days, day);
		int waiting = GPOINTER_TO_INT(v) >> 16, issued = GPOINTER_TO_INT(v) & 0xffff;
		if (strcmp(row[CD_QL_STATUS], "queued") == 0)
			waiting++;
		else
			issued++;
		g_tree_replace(days, day, GINT_TO_POINTER(waiting << 16 | issued));
	}
	int overdue = 0, due_today = 0;
	GTreeNode *n = g_tree_node_first(days);
	for (; n; n = g_tree_node_next(n)) {
		const char *day = g_tree_node_key(n);
		int v = GPOINTER_TO_INT(g_tree_node_value(n));
		xmlNodePtr e = web_add(root, "date", NULL);
		const char *state = day_state(day, v >> 16, today);
		web_set(e, "day", day);
		web_set(e, "state", state);
		web_addf(e, "waiting", "%d", v >> 16);
		web_addf(e, "issued", "%d", v & 0xffff);
		if (strcmp(state, "overdue") == 0)
			overdue += v >> 16;
		else if (strcmp(state, "today") == 0)
			due_today += v >> 16;
	}
	char buf[16];
	g_snprintf(buf, sizeof buf, "%d", overdue);
	web_set(root, "overdue", buf);
	g_snprintf(buf, sizeof buf, "%d", due_today);
	web_set(root, "due-today", buf);
	g_tree_destroy(days);
	g_ptr_array_free(rows, TRUE);
	web_log(r, "queue", "", "");
	web_page_render(r, d, rc < 0 && r->app->queue_dir ? MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_OK);
}

static void add_printers(xmlNodePtr root)
{
	char **names = NULL, *def = NULL;
	int n = cd_print_printers(&names, &def);
	for (int i = 0; n > 0 && names[i]; i++) {
		xmlNodePtr p = web_add(root, "printer", NULL);
		web_set(p, "name", names[i]);
		if (def && strcmp(def, names[i]) == 0)
			web_set(p, "default", "yes");
	}
	if (n < 0)
		web_set(root, "printers", "unreachable");
	g_strfreev(names);
	g_free(def);
}

/* The page of one date; `errors`: (field, key) pairs to show, or NULL. */
static void date_page(web_req *r, const char *day, int status, const char *const *errors)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)cd_ql_row_free);
	int rc;
	xmlDocPtr d = queue_page(r, "queue-date", rows, &rc);
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_set(root, "day", day);
	int waiting = 0, any = 0;
	for (guint i = 0; i < rows->len; i++) {
		char **row = rows->pdata[i];
		if (!row_on(row, day))
			continue;
		any = 1;
		xmlNodePtr e = web_add(root, "item", NULL);
		static const struct { int col; const char *name; } cols[] = {
			{ CD_QL_ITEM, "id" }, { CD_QL_STATUS, "status" }, { CD_QL_CASE, "ref" },
			{ CD_QL_RECIPIENT_NAME, "recipient" }, { CD_QL_DOCUMENT, "document" }, { CD_QL_MEETING, "meeting" },
			{ CD_QL_LANG, "lang" }, { CD_QL_STYLE, "style" }, { CD_QL_PAGES, "pages" }, { CD_QL_ISSUED, "issued" },
		};
		for (size_t k = 0; k < G_N_ELEMENTS(cols); k++)
			if (row[cols[k].col][0])
				web_set(e, cols[k].name, row[cols[k].col]);
		const char *cf = row[CD_QL_CASE_FILE];
		char *case_id = g_str_has_suffix(cf, ".xml") ? g_strndup(cf, strlen(cf) - 4) : g_strdup(cf);
		web_set(e, "case", case_id);
		g_free(case_id);
		waiting += strcmp(row[CD_QL_STATUS], "queued") == 0;
	}
	if (rc == 0 && !any) {
		g_ptr_array_free(rows, TRUE);
		xmlFreeDoc(d);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.queue.no-date");
		return;
	}
	web_set(root, "state", day_state(day, waiting, desk_today(r->app)));
	char *pdf = g_build_filename(r->app->queue_dir ? r->app->queue_dir : ".", day, "print.pdf", NULL);
	if (rc == 0 && g_file_test(pdf, G_FILE_TEST_IS_REGULAR))
		web_set(root, "print-pdf", "yes");
	g_free(pdf);
	if (waiting)
		add_printers(root);
	const char *done[] = { "printed", "marked", "printer" };
	for (size_t k = 0; k < G_N_ELEMENTS(done); k++) {
		const char *v = web_field_get(r, done[k]);
		if (v && strlen(v) <= 64)
			web_set(root, done[k], v);
	}
	for (size_t k = 0; errors && errors[k]; k += 2) {
		xmlNodePtr e = web_add(root, "error", NULL);
		if (errors[k][0])
			web_set(e, "field", errors[k]);
		web_set(e, "key", errors[k + 1]);
	}
	g_ptr_array_free(rows, TRUE);
	web_page_render(r, d, status);
}

void ui_queue_date(web_req *r, const char *day)
{
	if (!day_ok(day)) {
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.queue.no-date");
		return;
	}
	web_log(r, "queue", "", day);
	date_page(r, day, MHD_HTTP_OK, NULL);
}

void ui_queue_file(web_req *r, const char *day)
{
	char *data = NULL;
	gsize len = 0;
	char *path = day_ok(day) && r->app->queue_dir ? g_build_filename(r->app->queue_dir, day, "print.pdf", NULL) : NULL;
	if (!path || !g_file_get_contents(path, &data, &len, NULL)) {
		g_free(path);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.queue.no-date");
		return;
	}
	g_free(path);
	int download = g_strcmp0(web_field_get(r, "download"), "1") == 0;
	web_log(r, download ? "download" : "open", "", day);
	web_respond_bytes(r, MHD_HTTP_OK, "application/pdf", data, len);
	r->disposition = g_strdup_printf("%s; filename=\"print-%s.pdf\"", download ? "attachment" : "inline", day);
}

/* The ids of the waiting items of `day` (g_strfreev). */
static char **waiting_items(web_app *app, const char *day)
{
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)cd_ql_row_free);
	GPtrArray *ids = g_ptr_array_new();
	if (queue_rows(app, rows) == 0)
		for (guint i = 0; i < rows->len; i++) {
			char **row = rows->pdata[i];
			if (row_on(row, day) && strcmp(row[CD_QL_STATUS], "queued") == 0)
				g_ptr_array_add(ids, g_strdup(row[CD_QL_ITEM]));
		}
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_add(ids, NULL);
	return (char **)g_ptr_array_free(ids, FALSE);
}

/* Marks `what` issued today as the signed-in user, keeping a shared queue shared. */
static int mark(web_req *r, char **what, int n, const char *how, int *marked)
{
	web_app *app = r->app;
	gid_t gid = 0;
	int shared = cd_share_of(app->queue_dir, &gid);
	int rc = cd_record_issued(app->queue_dir, app->cases_dir, r->sess.user, how, desk_today(app), what, n, marked, 1);
	if (rc == 0 && shared)
		rc = cd_share_apply(app->queue_dir, 1, gid);
	return rc;
}

void ui_queue_print(web_req *r, const char *day)
{
	web_app *app = r->app;
	const char *printer = web_field_get(r, "printer"), *sides = web_field_get(r, "sides");
	char **ids = day_ok(day) && app->queue_dir ? waiting_items(app, day) : NULL;
	if (!ids || !ids[0]) {
		g_strfreev(ids);
		static const char *const e[] = { "", "web.queue.error.nothing", NULL };
		date_page(r, day_ok(day) ? day : "0000-00-00", MHD_HTTP_CONFLICT, e);
		return;
	}
	g_strfreev(ids);
	char **names = NULL, *def = NULL;
	int known = 0;
	cd_print_printers(&names, &def);
	for (int i = 0; printer && names && names[i]; i++)
		known |= strcmp(names[i], printer) == 0;
	g_strfreev(names);
	g_free(def);
	if (!known || (g_strcmp0(sides, "two-sided") != 0 && g_strcmp0(sides, "one-sided") != 0)) {
		static const char *const e1[] = { "printer", "web.queue.error.printer", NULL };
		static const char *const e2[] = { "sides", "web.queue.error.sides", NULL };
		date_page(r, day, MHD_HTTP_UNPROCESSABLE_CONTENT, !known ? e1 : e2);
		return;
	}
	cd_print_opts o = { .printer = printer, .duplex = strcmp(sides, "two-sided") == 0 };
	GPtrArray *jobs = g_ptr_array_new_with_free_func(cd_print_job_free);
	int rc = cd_queue_print(app->queue_dir, day, &o, jobs);
	char **what = g_new0(char *, jobs->len + 1);
	for (guint i = 0; i < jobs->len; i++) {
		cd_print_job *j = jobs->pdata[i];
		char *case_id = g_str_has_suffix(j->case_file, ".xml") ? g_strndup(j->case_file, strlen(j->case_file) - 4)
		                                                        : g_strdup(j->case_file);
		char *detail = g_strdup_printf("%s to %s on printer %s, job %d, %s", j->item, j->recipient_name, j->printer,
		                               j->job, sides);
		web_log(r, "print", case_id, detail);
		g_free(detail);
		g_free(case_id);
		what[i] = j->item;
	}
	int marked = 0, mrc = 0;
	if (jobs->len) {
		char *how = g_strdup_printf("printer %s", printer);
		mrc = mark(r, what, (int)jobs->len, how, &marked);
		g_free(how);
	}
	g_free(what);
	guint sent = jobs->len;
	g_ptr_array_free(jobs, TRUE);
	if (rc < 0 || mrc < 0) {
		static const char *const e[] = { "", "web.queue.error.print", NULL };
		date_page(r, day, MHD_HTTP_BAD_GATEWAY, e);
		return;
	}
	char *esc = g_uri_escape_string(printer, NULL, FALSE);
	char *to = g_strdup_printf("/queue/%s?printed=%u&printer=%s", day, sent, esc);
	web_respond_redirect(r, to);
	g_free(to);
	g_free(esc);
}

void ui_queue_mark(web_req *r, const char *day)
{
	web_app *app = r->app;
	size_t n = 0;
	const char **picked = web_field_all(r, "item", &n);
	int all = g_strcmp0(web_field_get(r, "all"), "yes") == 0;
	char **ids = day_ok(day) && app->queue_dir ? waiting_items(app, day) : NULL;
	GPtrArray *what = g_ptr_array_new();
	for (size_t i = 0; ids && ids[i]; i++) {
		int hit = all;
		for (size_t k = 0; k < n && !hit; k++)
			hit = strcmp(picked[k], ids[i]) == 0;
		if (hit)
			g_ptr_array_add(what, ids[i]);
	}
	g_free(picked);
	if (!ids || what->len == 0) {
		static const char *const e[] = { "item", "web.queue.error.pick", NULL };
		static const char *const e0[] = { "", "web.queue.error.nothing", NULL };
		date_page(r, day_ok(day) ? day : "0000-00-00", ids && ids[0] ? MHD_HTTP_UNPROCESSABLE_CONTENT : MHD_HTTP_CONFLICT,
		          ids && ids[0] ? e : e0);
	} else {
		int marked = 0;
		int rc = mark(r, (char **)what->pdata, (int)what->len, "desk", &marked);
		if (rc < 0) {
			static const char *const e[] = { "", "web.queue.error.mark", NULL };
			date_page(r, day, MHD_HTTP_INTERNAL_SERVER_ERROR, e);
		} else {
			web_log(r, "mark", "", day);
			char *to = g_strdup_printf("/queue/%s?marked=%d", day, marked);
			web_respond_redirect(r, to);
			g_free(to);
		}
	}
	g_ptr_array_free(what, TRUE);
	g_strfreev(ids);
}
