/* queue/queue.c - the dated output queue (queue.h): a run from start to end, and mark-issued. The
 * steps live in the files queue-int.h lists. */
#include <stdio.h>
#include <string.h>

#include "base/cindoc.h"
#include "queue/queue-int.h"
#include "render/render.h"

/* ------------------------------------------------------------------ the run */

static void run_init(struct run *r, const cd_queue_opts *o)
{
	memset(r, 0, sizeof *r);
	r->qs.lock_fd = r->qs.staging_fd = -1; /* closed safely even when the queue was never opened */
	r->o = o;
	r->strs = g_string_chunk_new(64 * 1024);
	r->items = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
	r->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	r->cases_ok = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->refs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->owed_ids = g_hash_table_new(g_str_hash, g_str_equal); /* keys and values in strs */
	r->sent = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->cases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeDoc);
	cd_date_format(o->today, r->today);
}

static void run_free(struct run *r)
{
	pool_stop(r, 1);
	cd_qs_close(&r->qs);
	g_hash_table_destroy(r->by_key);
	g_hash_table_destroy(r->cases_ok);
	g_hash_table_destroy(r->refs);
	g_hash_table_destroy(r->owed_ids);
	g_hash_table_destroy(r->sent);
	if (r->cases)
		g_hash_table_destroy(r->cases);
	cd_schema_free(r->schema);
	g_ptr_array_free(r->items, TRUE);
	g_string_chunk_free(r->strs);
}

static void report_overdue(struct run *r)
{
	int n = 0;
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		cd_date due;
		int late = 0;
		if (!is_status(it, "queued") || cd_date_parse(it->f[CD_QL_DUE], &due, NULL) < 0 || due >= r->o->today)
			continue;
		cd_calendar_working_days_between(r->o->cal, due, r->o->today, &late);
		fprintf(stderr, "cindoc queue: OVERDUE by %d working day%s: %s (due %s) in %s\n", late, late == 1 ? "" : "s",
		        it->f[CD_QL_ITEM], it->f[CD_QL_DUE], it->f[CD_QL_FILE]);
		n++;
	}
	if (n)
		fprintf(stderr, "cindoc queue: %d OVERDUE item%s: send them first\n", n, n == 1 ? "" : "s");
}

int cd_queue_run(const cd_queue_opts *o)
{
	struct run r;
	run_init(&r, o);
	templates_digest(o->cases_dir, r.templates_sha);
	int rc = 0;
	if (cd_calendar_add_working_days(o->cal, o->today, o->within, &r.window_end) < 0)
		rc = cd_fail(-CD_EXIT_USAGE, "the window ends outside the working-day calendar");
	if (rc == 0 && !cd_writer_find(o->writer))
		rc = cd_fail(-CD_EXIT_USAGE, "no writer '%s'", o->writer);
	if (rc == 0)
		rc = cd_qs_open(&r.qs, o->queue_dir, 1);
	if (rc == 0)
		rc = pool_start(&r);
	if (rc == 0)
		rc = load_ledger(&r);
	if (rc == 0)
		rc = verify_folder(&r);
	if (rc == 0)
		rc = read_cases(&r);
	if (rc == 0)
		rc = check_files_unique(&r);
	if (rc == 0)
		rc = cd_qs_begin(&r.qs);
	GPtrArray *djs = rc == 0 ? plan_dates(&r) : NULL;
	if (rc == 0)
		rc = carry_over(&r, djs);
	if (rc == 0)
		rc = render_all(&r, djs);
	pool_stop(&r, rc < 0);
	if (rc == 0)
		undo_failed(&r);
	if (rc == 0)
		rc = write_state(&r, o->today);
	if (rc == 0)
		rc = cd_qs_commit(&r.qs);
	if (rc == 0) {
		int queued = 0, dates = 0;
		GHashTable *ds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (guint i = 0; i < r.items->len; i++) {
			struct item *it = r.items->pdata[i];
			if (is_status(it, "queued")) {
				queued++;
				g_hash_table_add(ds, date_of(it));
			}
		}
		dates = (int)g_hash_table_size(ds);
		g_hash_table_destroy(ds);
		if (!o->quiet) {
			printf("queue %s: %d new, %d updated, %d withdrawn; %d item%s waiting over %d date%s\n", o->queue_dir,
			       r.n_new, r.n_updated, r.n_withdrawn, queued, queued == 1 ? "" : "s", dates, dates == 1 ? "" : "s");
			if (r.n_recorded)
				printf("queue %s: %d item%s issued as %s case%s record%s them sent\n", o->queue_dir, r.n_recorded,
				       r.n_recorded == 1 ? "" : "s", r.n_recorded == 1 ? "its" : "their", r.n_recorded == 1 ? "" : "s",
				       r.n_recorded == 1 ? "s" : "");
			report_overdue(&r);
		}
		if (r.skipped)
			rc = -CD_EXIT_PARTIAL;
	}
	if (djs)
		g_ptr_array_free(djs, TRUE);
	run_free(&r);
	return rc;
}

/* ------------------------------------------------------------------ mark-issued */

int cd_queue_mark_issued(const char *queue_dir, cd_date today, char *const *what, int n, int *nmarked)
{
	cd_queue_opts o = { 0 };
	o.queue_dir = queue_dir;
	o.today = today;
	struct run r;
	run_init(&r, &o);
	int rc = 0;
	char *ledger = g_build_filename(queue_dir, "ledger.tsv", NULL);
	if (!g_file_test(ledger, G_FILE_TEST_EXISTS))
		rc = cd_fail(-CD_EXIT_NOREAD, "'%s' is not a queue folder (no ledger.tsv)", queue_dir);
	g_free(ledger);
	if (rc == 0)
		rc = cd_qs_open(&r.qs, queue_dir, 0);
	if (rc == 0)
		rc = load_ledger(&r);
	if (rc == 0)
		rc = verify_folder(&r);
	for (guint i = 0; i < r.items->len && rc == 0; i++) {
		struct item *it = r.items->pdata[i];
		if (it->stale)
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' is missing or does not match its sha256 in the ledger: run the queue to "
			             "make it again first (nothing was changed)", it->f[CD_QL_FILE]);
	}
	int marked = 0;
	for (int k = 0; k < n && rc == 0; k++) {
		const char *w = what[k];
		cd_date d;
		int is_date = cd_date_parse(w, &d, NULL) == 0;
		int matched = 0, newly = 0;
		for (guint i = 0; i < r.items->len; i++) {
			struct item *it = r.items->pdata[i];
			if (is_status(it, "withdrawn"))
				continue;
			char *base = g_path_get_basename(it->f[CD_QL_FILE]);
			char *stem = g_strndup(base, strlen(base) - (g_str_has_suffix(base, ".pdf") ? 4 : 0));
			char *dir = date_of(it);
			int hit = is_date ? strcmp(dir, w) == 0
			                  : strcmp(it->f[CD_QL_ITEM], w) == 0 || strcmp(it->f[CD_QL_FILE], w) == 0 ||
			                            strcmp(base, w) == 0 || strcmp(stem, w) == 0;
			g_free(base);
			g_free(stem);
			g_free(dir);
			if (!hit)
				continue;
			matched++;
			if (is_status(it, "queued")) {
				set(it, CD_QL_STATUS, "issued");
				set(it, CD_QL_ISSUED, r.today);
				newly++;
			}
		}
		if (!matched) {
			rc = cd_fail(-CD_EXIT_USAGE, is_date ? "no items due on %s in the queue" : "no item '%s' in the queue", w);
		} else if (!newly) {
			fprintf(stderr, "cindoc queue: '%s' was issued already\n", w);
		}
		marked += newly;
	}
	if (rc == 0)
		rc = cd_qs_begin(&r.qs);
	for (guint i = 0; i < r.items->len && rc == 0; i++) {
		struct item *it = r.items->pdata[i];
		if (!is_status(it, "withdrawn") && cd_qs_exists(&r.qs, it->f[CD_QL_FILE]))
			rc = cd_qs_carry(&r.qs, it->f[CD_QL_FILE]);
		char *d = date_of(it);
		char *rel = g_build_filename(d, "print.pdf", NULL);
		if (rc == 0 && cd_qs_exists(&r.qs, rel))
			rc = cd_qs_carry(&r.qs, rel);
		g_free(rel);
		g_free(d);
	}
	if (rc == 0)
		rc = write_state(&r, today);
	if (rc == 0)
		rc = cd_qs_commit(&r.qs);
	if (rc == 0 && nmarked)
		*nmarked = marked;
	run_free(&r);
	return rc;
}
