/* queue/queue-folder.c - the queue folder against its ledger (queue-int.h): the ledger read,
 * the folder checked, the dates to build, what is carried over as it is, failed items undone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cindoc.h"
#include "queue/queue-int.h"

/* ------------------------------------------------------------------ what the folder holds */

/* Checks the queue folder against the ledger before anything is written, for a run and for
 * mark-issued alike:
 *  - every entry is the queue's: the ledger and manifests, the folders of the due dates, in
 *    each the date's print.pdf, manifests and the PDFs of its waiting and issued items. Anything
 *    else (a note, a letter typed by hand, a folder) is not deleted by the swap: the run refuses,
 *    naming each, and leaves the queue as it is;
 *  - no entry is a symbolic link (a queue never makes one; one would lead outside the queue);
 *  - every waiting or issued item's PDF matches the sha256 the ledger has for it. An issued
 *    copy that changed is refused (it is the record of what was sent); a waiting one that is
 *    missing or changed is marked stale, so the run makes it again from its case. */
int verify_folder(struct run *r)
{
	GHashTable *mine = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *dates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_add(mine, g_strdup("ledger.tsv"));
	g_hash_table_add(mine, g_strdup("manifest.csv"));
	g_hash_table_add(mine, g_strdup("manifest.json"));
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "withdrawn"))
			continue;
		char *d = date_of(it);
		g_hash_table_add(mine, g_strdup(it->f[CD_QL_FILE]));
		g_hash_table_add(mine, g_build_filename(d, "print.pdf", NULL));
		g_hash_table_add(mine, g_build_filename(d, "manifest.csv", NULL));
		g_hash_table_add(mine, g_build_filename(d, "manifest.json", NULL));
		g_hash_table_add(dates, d);
	}
	int rc = 0;
	GDir *top = g_dir_open(r->qs.dir, 0, NULL);
	const char *n;
	while (top && (n = g_dir_read_name(top))) {
		char *p = g_build_filename(r->qs.dir, n, NULL);
		struct stat st;
		memset(&st, 0, sizeof st);
		if (lstat(p, &st) != 0) {
			rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", p, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' is a symbolic link: a queue holds none; move it out of the queue folder", p);
		} else if (S_ISDIR(st.st_mode) && g_hash_table_contains(dates, n)) {
			GDir *dd = g_dir_open(p, 0, NULL);
			const char *m;
			while (dd && (m = g_dir_read_name(dd))) {
				char *rel = g_build_filename(n, m, NULL);
				char *q = g_build_filename(r->qs.dir, rel, NULL);
				struct stat st2;
				memset(&st2, 0, sizeof st2);
				if (lstat(q, &st2) != 0)
					rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", q, strerror(errno));
				else if (S_ISLNK(st2.st_mode))
					rc = cd_fail(-CD_EXIT_INVALID, "'%s' is a symbolic link: a queue holds none; move it out of the queue folder", q);
				else if (!S_ISREG(st2.st_mode) || !g_hash_table_contains(mine, rel))
					rc = cd_fail(-CD_EXIT_INVALID, "'%s' is not a file of this queue: move it out of the queue folder", q);
				g_free(q);
				g_free(rel);
			}
			if (dd)
				g_dir_close(dd);
		} else if (!S_ISREG(st.st_mode) || !g_hash_table_contains(mine, n)) {
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' is not a file of this queue: move it out of the queue folder", p);
		}
		g_free(p);
	}
	if (top)
		g_dir_close(top);
	for (guint i = 0; i < r->items->len && rc == 0; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "withdrawn"))
			continue;
		char *p = g_build_filename(r->qs.dir, it->f[CD_QL_FILE], NULL);
		char sha[65] = "";
		int have = cd_qs_exists(&r->qs, it->f[CD_QL_FILE]) && cd_qs_sha256_file(p, sha) == 0;
		if (have && strcmp(sha, it->f[CD_QL_SHA256]) == 0) {
			g_free(p);
			continue;
		}
		if (is_status(it, "issued") && have)
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' (issued %s) does not match its sha256 in the ledger: the record of what "
			             "was sent was changed; put the original back (nothing was changed)", it->f[CD_QL_FILE],
			             it->f[CD_QL_ISSUED]);
		else if (is_status(it, "queued"))
			it->stale = 1;
		g_free(p);
	}
	g_hash_table_destroy(mine);
	g_hash_table_destroy(dates);
	return rc;
}

int load_ledger(struct run *r)
{
	char *path = g_build_filename(r->qs.dir, "ledger.tsv", NULL);
	GPtrArray *rows = g_ptr_array_new();
	int rc = cd_ql_read_into(path, rows, r->strs);
	g_free(path);
	for (guint i = 0; i < rows->len; i++) {
		struct item *it = g_new0(struct item, 1);
		it->strs = r->strs;
		it->f = rows->pdata[i];
		if (rc == 0 && !g_hash_table_contains(r->by_key, it->f[CD_QL_ITEM])) {
			g_hash_table_insert(r->by_key, it->f[CD_QL_ITEM], it);
			g_ptr_array_add(r->items, it);
		} else {
			item_free(it);
		}
	}
	g_ptr_array_free(rows, TRUE);
	char *lpath = g_build_filename(r->qs.dir, "ledger.tsv", NULL);
	if (rc == 0 && r->items->len == 0 && g_file_test(lpath, G_FILE_TEST_EXISTS)) {
		/* A ledger with no items is an empty queue only when the queue holds nothing else: a
		 * ledger emptied by accident must not turn every issued letter into a new one. */
		char *mpath = g_build_filename(r->qs.dir, "manifest.csv", NULL);
		char *m = NULL;
		size_t mlen = 0;
		int listed = g_file_get_contents(mpath, &m, &mlen, NULL) && memchr(m, '\n', mlen) &&
		             (size_t)((char *)memchr(m, '\n', mlen) - m) + 1 < mlen;
		int other = 0;
		GDir *d = g_dir_open(r->qs.dir, 0, NULL);
		const char *n;
		while (d && (n = g_dir_read_name(d)))
			other |= strcmp(n, "ledger.tsv") != 0 && strcmp(n, "manifest.csv") != 0 && strcmp(n, "manifest.json") != 0;
		if (d)
			g_dir_close(d);
		if (listed || other)
			rc = cd_error_at(lpath, 2, "the ledger lists no items but the queue folder holds %s: the ledger is damaged; "
			                 "put back a copy of it (nothing was changed)",
			                 listed ? "items in manifest.csv" : "other files");
		g_free(m);
		g_free(mpath);
	}
	g_free(lpath);
	if (rc == 0 && g_file_test(r->qs.dir, G_FILE_TEST_IS_DIR) && r->items->len == 0) {
		/* An existing folder that is not a queue: refuse rather than take it over. */
		char *ledger = g_build_filename(r->qs.dir, "ledger.tsv", NULL);
		GDir *d = g_dir_open(r->qs.dir, 0, NULL);
		int empty = d && !g_dir_read_name(d);
		if (d)
			g_dir_close(d);
		if (!empty && !g_file_test(ledger, G_FILE_TEST_EXISTS))
			rc = cd_fail(-CD_EXIT_NOWRITE, "'%s' is not empty and holds no queue ledger; give a new folder", r->qs.dir);
		g_free(ledger);
	}
	return rc;
}

static void date_job_free(struct date_job *dj)
{
	g_free(dj->date);
	g_ptr_array_free(dj->items, TRUE);
	g_free(dj);
}

/* Groups the items by date folder and decides which dates are built again. */
GPtrArray *plan_dates(struct run *r)
{
	GPtrArray *djs = g_ptr_array_new_with_free_func((GDestroyNotify)date_job_free);
	GHashTable *by_date = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *sorted = g_ptr_array_new();
	for (guint i = 0; i < r->items->len; i++)
		g_ptr_array_add(sorted, r->items->pdata[i]);
	g_ptr_array_sort(sorted, item_order);
	for (guint i = 0; i < sorted->len; i++) {
		struct item *it = sorted->pdata[i];
		if (is_status(it, "withdrawn"))
			continue;
		char *d = date_of(it);
		struct date_job *dj = g_hash_table_lookup(by_date, d);
		if (!dj) {
			dj = g_new0(struct date_job, 1);
			dj->date = d;
			dj->items = g_ptr_array_new();
			g_hash_table_insert(by_date, dj->date, dj);
			g_ptr_array_add(djs, dj);
		} else {
			g_free(d);
		}
		int in_print = atoi(it->f[CD_QL_PRINT_FIRST]) > 0;
		if (is_status(it, "queued")) {
			g_ptr_array_add(dj->items, it);
			if (it->render || !in_print)
				dj->rebuild = 1;
		} else if (in_print) {
			dj->keep_print = 1; /* an issued item is in the old print.pdf */
			dj->issued_in_print = 1;
		}
	}
	/* A date whose old print.pdf holds an item that is now withdrawn, or moved away, is built
	 * again too. */
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		char **old = it->old ? it->old : it->f;
		if (atoi(old[CD_QL_PRINT_FIRST]) <= 0)
			continue;
		if (!is_status(it, "withdrawn") && !it->old)
			continue;
		char *d = g_path_get_dirname(old[CD_QL_FILE]);
		struct date_job *dj = g_hash_table_lookup(by_date, d);
		if (dj)
			dj->rebuild = dj->lost = 1;
		g_free(d);
		if (is_status(it, "withdrawn")) {
			set(it, CD_QL_PRINT_FIRST, "0");
			set(it, CD_QL_PRINT_LAST, "0");
		}
	}
	for (guint i = 0; i < djs->len; i++) {
		struct date_job *dj = djs->pdata[i];
		char *rel = g_build_filename(dj->date, "print.pdf", NULL);
		if (dj->items->len && !cd_qs_exists(&r->qs, rel))
			dj->rebuild = dj->lost = 1; /* print.pdf was lost: made again */
		g_free(rel);
		if (dj->issued_in_print && dj->items->len)
			dj->rebuild = dj->lost = 1; /* take the issued ones out of print.pdf */
		if (dj->rebuild && dj->items->len) {
			dj->keep_print = 0;
			/* Issued items leave the rebuilt print.pdf. */
			for (guint k = 0; k < r->items->len; k++) {
				struct item *it = r->items->pdata[k];
				char *d = date_of(it);
				if (strcmp(d, dj->date) == 0 && is_status(it, "issued")) {
					set(it, CD_QL_PRINT_FIRST, "0");
					set(it, CD_QL_PRINT_LAST, "0");
				}
				g_free(d);
			}
		} else if (!dj->rebuild) {
			dj->keep_print = 1;
		}
	}
	g_hash_table_destroy(by_date);
	g_ptr_array_free(sorted, TRUE);
	return djs;
}

/* Links into the staging tree every file that stays as it is. */
int carry_over(struct run *r, GPtrArray *djs)
{
	int rc = 0;
	for (guint i = 0; i < r->items->len && rc == 0; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "withdrawn") || it->render)
			continue;
		if (cd_qs_exists(&r->qs, it->f[CD_QL_FILE]))
			rc = cd_qs_carry(&r->qs, it->f[CD_QL_FILE]);
		else
			fprintf(stderr, "cindoc queue: '%s' is missing from the queue folder\n", it->f[CD_QL_FILE]);
	}
	for (guint i = 0; i < djs->len && rc == 0; i++) {
		struct date_job *dj = djs->pdata[i];
		char *rel = g_build_filename(dj->date, "print.pdf", NULL);
		if (dj->keep_print && cd_qs_exists(&r->qs, rel))
			rc = cd_qs_carry(&r->qs, rel);
		g_free(rel);
		cd_qs_checkpoint(&r->qs);
	}
	return rc;
}

/* An item that could not be rendered: a new one is dropped (still owed, a later run tries again),
 * an updated one keeps its old version. */
void undo_failed(struct run *r)
{
	for (guint i = 0; i < r->items->len;) {
		struct item *it = r->items->pdata[i];
		if (!it->failed) {
			i++;
			continue;
		}
		r->skipped++;
		if (it->old && strcmp(it->old[CD_QL_STATUS], "queued") == 0)
			r->n_updated--;
		else
			r->n_new--;
		if (it->old && strcmp(it->old[CD_QL_STATUS], "queued") == 0 && cd_qs_exists(&r->qs, it->old[CD_QL_FILE])) {
			g_free(it->f);
			it->f = it->old;
			it->old = NULL;
			it->failed = 0;
			it->render = 0;
			set(it, CD_QL_PRINT_FIRST, "0"); /* its date's print.pdf was made without it */
			set(it, CD_QL_PRINT_LAST, "0");
			cd_qs_carry(&r->qs, it->f[CD_QL_FILE]);
			i++;
		} else {
			g_hash_table_remove(r->by_key, it->f[CD_QL_ITEM]);
			g_ptr_array_remove_index(r->items, i);
		}
	}
}

