/* queue/queue.c - the dated output queue (queue.h): what is owed, the ledger, rendering, manifests. */
#include "queue/queue.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"
#include "transform/documents.h"
#include "base/escape.h"
#include "queue/queue-store.h"
#include "render/render.h"
#include "case/rules.h"

/* One item: its ledger fields plus what this run found out about it. */
struct item {
	char **f;        /* CD_QL_N fields */
	char **old;      /* the ledger's fields before this run changed them (NULL: new item) */
	int owed;        /* owed according to its case this run */
	int render;      /* rendered this run */
	int failed;      /* could not be rendered this run */
	int printed;     /* placed in its date's new print.pdf this run */
	int stale;       /* its PDF is missing, or does not match the ledger's sha256 */
	char *case_path; /* the case file this run (NULL: not read this run) */
};

struct run {
	const cd_queue_opts *o;
	cd_qs qs;
	cd_date window_end;
	char today[CD_DATE_BUF];
	char templates_sha[65];
	GPtrArray *items;          /* struct item *, every ledger row and every new item */
	GHashTable *by_key;        /* item id -> struct item * */
	GHashTable *cases_ok;      /* case_file -> case ref, for the cases read this run */
	GHashTable *refs;          /* case ref -> case_file */
	GHashTable *owed_ids;      /* item id -> case_file, for the items owed this run */
	int skipped;               /* cases or items reported and skipped */
	int n_new, n_updated, n_withdrawn;
	/* progress */
	int done, total;
	gint64 t0;
};

static void set(struct item *it, int col, const char *v)
{
	g_free(it->f[col]);
	it->f[col] = g_strdup(v ? v : "");
}

static void item_free(struct item *it)
{
	cd_ql_row_free(it->f);
	cd_ql_row_free(it->old);
	g_free(it->case_path);
	g_free(it);
}

static int is_status(const struct item *it, const char *s)
{
	return strcmp(it->f[CD_QL_STATUS], s) == 0;
}

/* The date folder of an item's file ("2026-12-03/NAME.pdf" -> "2026-12-03"). */
static char *date_of(const struct item *it)
{
	return g_path_get_dirname(it->f[CD_QL_FILE]);
}

/* ------------------------------------------------------------------ fingerprints */

static gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}


static void sha_update_file(GChecksum *c, const char *root, const char *rel)
{
	char *p = g_build_filename(root, rel, NULL);
	if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
		GDir *d = g_dir_open(p, 0, NULL);
		GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
		const char *n;
		while (d && (n = g_dir_read_name(d)))
			g_ptr_array_add(names, g_build_filename(rel, n, NULL));
		if (d)
			g_dir_close(d);
		g_ptr_array_sort(names, name_cmp);
		for (guint i = 0; i < names->len; i++)
			sha_update_file(c, root, names->pdata[i]);
		g_ptr_array_free(names, TRUE);
	} else {
		char *data = NULL;
		gsize len = 0;
		if (g_file_get_contents(p, &data, &len, NULL)) {
			g_checksum_update(c, (const guchar *)rel, strlen(rel) + 1);
			g_checksum_update(c, (const guchar *)data, len);
		}
		g_free(data);
	}
	g_free(p);
}

/* A digest of everything the documents are made from besides the case: templates and styles,
 * and the authority's details shared by the cases of the folder (when it has them). */
static void templates_digest(const char *cases_dir, char out[65])
{
	char *root = cd_datadir();
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	sha_update_file(c, root, "templates");
	sha_update_file(c, root, "styles");
	sha_update_file(c, cases_dir, CD_AUTHORITY_FILE);
	g_strlcpy(out, g_checksum_get_string(c), 65);
	g_checksum_free(c);
	g_free(root);
}

static void fingerprint(struct run *r, const char *case_sha, struct item *it)
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const int cols[] = { CD_QL_DOCUMENT, CD_QL_MEETING, CD_QL_RECIPIENT, CD_QL_LANG, CD_QL_STYLE,
		             CD_QL_VERSION, CD_QL_DUE };
	g_checksum_update(c, (const guchar *)case_sha, strlen(case_sha) + 1);
	for (size_t i = 0; i < G_N_ELEMENTS(cols); i++)
		g_checksum_update(c, (const guchar *)it->f[cols[i]], strlen(it->f[cols[i]]) + 1);
	g_checksum_update(c, (const guchar *)r->templates_sha, strlen(r->templates_sha) + 1);
	g_checksum_update(c, (const guchar *)r->o->writer, strlen(r->o->writer) + 1);
	const char *key = r->o->writer_key ? r->o->writer_key : "";
	g_checksum_update(c, (const guchar *)key, strlen(key) + 1);
	set(it, CD_QL_FINGERPRINT, g_checksum_get_string(c));
	g_checksum_free(c);
}

/* ------------------------------------------------------------------ what is owed */

static const char *attr(xmlNodePtr n, const char *name)
{
	return n ? cd_case_attr(n, name) : NULL;
}

/* 1 when attribute `name` of n holds a date on or before today. */
static int done_by(struct run *r, xmlNodePtr n, const char *name)
{
	const char *v = attr(n, name);
	cd_date d;
	return v && cd_date_parse(v, &d, NULL) == 0 && d <= r->o->today;
}

/* Adds the items one document owes to each of its recipients. */
static int owe(struct run *r, xmlDocPtr doc, const char *path, const char *case_file, const char *case_sha,
               const char *ref, cd_doc_kind kind, const char *meeting, cd_date due, GPtrArray *out)
{
	cd_recipient *rs = NULL;
	size_t n = 0;
	int rc = cd_recipients(doc, path, kind, meeting, &rs, &n);
	if (rc < 0)
		return rc;
	char dbuf[CD_DATE_BUF];
	cd_date_format(due, dbuf);
	for (size_t i = 0; i < n; i++) {
		if (rs[i].reader == CD_READER_FILE)
			continue; /* the file copy is not posted */
		struct item *it = g_new0(struct item, 1);
		it->f = g_new0(char *, CD_QL_N);
		for (int c = 0; c < CD_QL_N; c++)
			it->f[c] = g_strdup("");
		char *key = meeting ? g_strdup_printf("%s/%s/%s/%s", ref, cd_doc_name(kind), meeting, rs[i].id)
		                    : g_strdup_printf("%s/%s/%s", ref, cd_doc_name(kind), rs[i].id);
		set(it, CD_QL_ITEM, key);
		g_free(key);
		set(it, CD_QL_STATUS, "queued");
		set(it, CD_QL_CASE, ref);
		set(it, CD_QL_CASE_FILE, case_file);
		set(it, CD_QL_RECIPIENT, rs[i].id);
		char *name = cd_case_full_name(cd_case_lookup(doc, rs[i].id));
		set(it, CD_QL_RECIPIENT_NAME, name);
		g_free(name);
		set(it, CD_QL_DOCUMENT, cd_doc_name(kind));
		set(it, CD_QL_MEETING, meeting);
		set(it, CD_QL_LANG, rs[i].lang);
		set(it, CD_QL_STYLE, rs[i].style);
		set(it, CD_QL_VERSION, rs[i].version);
		set(it, CD_QL_DUE, dbuf);
		cd_doc_request req = { kind, rs[i].id, meeting, rs[i].style, rs[i].lang, rs[i].version, NULL };
		char *base = cd_document_basename(doc, &req);
		char *file = g_strdup_printf("%s/%s.pdf", dbuf, base);
		set(it, CD_QL_FILE, file);
		g_free(file);
		g_free(base);
		set(it, CD_QL_PAGES, "0");
		set(it, CD_QL_PRINT_FIRST, "0");
		set(it, CD_QL_PRINT_LAST, "0");
		fingerprint(r, case_sha, it);
		it->owed = 1;
		it->case_path = g_strdup(path);
		g_ptr_array_add(out, it);
	}
	cd_recipients_free(rs, n);
	return 0;
}

/* Every item one case owes as of today. */
static int case_items(struct run *r, xmlDocPtr doc, const char *path, const char *case_file, const char *case_sha,
                      GPtrArray *out)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *ref = attr(root, "ref");
	int rc = 0;
	for (xmlNodePtr m = cd_case_first(cd_case_first(root, "meetings"), "meeting"); m && rc == 0;
	     m = cd_case_next(m, "meeting")) {
		cd_date d, due;
		if (cd_date_parse(attr(m, "date"), &d, NULL) < 0 || d > r->o->today)
			continue; /* not held yet */
		if (done_by(r, cd_case_first(m, "done"), "minutes-sent"))
			continue; /* the minutes and plan went out already */
		if (cd_rule_due(r->o->cal, CD_RULE_MINUTES_SENT, d, &due) < 0)
			return cd_error_at(path, cd_case_line(m), "meeting date '%s' is outside the working-day calendar",
			                   attr(m, "date"));
		rc = owe(r, doc, path, case_file, case_sha, ref, CD_DOC_PLAN_COPY, attr(m, "id"), due, out);
	}
	xmlNodePtr closure = cd_case_first(root, "closure");
	cd_date d, due;
	if (rc == 0 && closure && cd_date_parse(attr(closure, "date"), &d, NULL) == 0 && d <= r->o->today &&
	    !done_by(r, closure, "letters-sent")) {
		if (cd_rule_due(r->o->cal, CD_RULE_CLOSURE_LETTERS, d, &due) < 0)
			return cd_error_at(path, cd_case_line(closure), "closure date '%s' is outside the working-day calendar",
			                   attr(closure, "date"));
		rc = owe(r, doc, path, case_file, case_sha, ref, CD_DOC_CLOSURE_LETTER, NULL, due, out);
	}
	return rc;
}

/* Reads every case and merges what it owes into the items from the ledger. */
static int read_cases(struct run *r)
{
	GError *err = NULL;
	GDir *dir = g_dir_open(r->o->cases_dir, 0, &err);
	if (!dir) {
		int rc = cd_fail(-CD_EXIT_NOREAD, "cannot read folder '%s': %s", r->o->cases_dir, err->message);
		g_error_free(err);
		return rc;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while ((n = g_dir_read_name(dir)))
		if (g_str_has_suffix(n, ".xml") && n[0] != '.' && strcmp(n, CD_AUTHORITY_FILE) != 0)
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(dir);
	g_ptr_array_sort(names, name_cmp);
	int rc = 0;
	cd_schema *schema = cd_schema_load(&rc);
	if (!schema) {
		g_ptr_array_free(names, TRUE);
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	}
	rc = 0;
	for (guint i = 0; i < names->len; i++) {
		const char *name = names->pdata[i];
		char *path = g_build_filename(r->o->cases_dir, name, NULL);
		char sha[65];
		xmlDocPtr doc = NULL;
		GPtrArray *owed = g_ptr_array_new();
		/* one bounded read: the size cap comes before any hashing or parsing */
		int crc = cd_case_load_sha256(schema, path, &doc, sha);
		const char *ref = doc ? attr(xmlDocGetRootElement(doc), "ref") : NULL;
		if (crc == 0 && ref && g_hash_table_contains(r->refs, ref))
			crc = cd_error_at(path, cd_case_line(xmlDocGetRootElement(doc)),
			                  "case ref '%s' is also the ref of '%s'; this case is skipped", ref,
			                  (const char *)g_hash_table_lookup(r->refs, ref));
		if (crc == 0)
			crc = case_items(r, doc, path, name, sha, owed);
		for (guint k = 0; k < owed->len && crc == 0; k++) {
			/* Item ids are REF/DOCUMENT[/MEETING]/RECIPIENT: refs with slashes could make two
			 * cases' ids alike; a second case never takes over another's items. */
			const char *id = ((struct item *)owed->pdata[k])->f[CD_QL_ITEM];
			const char *other = g_hash_table_lookup(r->owed_ids, id);
			if (other)
				crc = cd_error_at(path, cd_case_line(xmlDocGetRootElement(doc)),
				                  "item '%s' is also an item of '%s'; this case is skipped", id, other);
		}
		if (crc < 0) {
			r->skipped++;
			for (guint k = 0; k < owed->len; k++)
				item_free(owed->pdata[k]);
		} else {
			g_hash_table_insert(r->refs, g_strdup(ref), g_strdup(name));
			g_hash_table_insert(r->cases_ok, g_strdup(name), g_strdup(ref));
			for (guint k = 0; k < owed->len; k++)
				g_hash_table_insert(r->owed_ids, g_strdup(((struct item *)owed->pdata[k])->f[CD_QL_ITEM]),
				                    g_strdup(name));
			for (guint k = 0; k < owed->len; k++) {
				struct item *it = owed->pdata[k];
				struct item *l = g_hash_table_lookup(r->by_key, it->f[CD_QL_ITEM]);
				if (l && is_status(l, "issued")) {
					l->owed = 1; /* issued already: never again */
					item_free(it);
				} else if (l && is_status(l, "queued")) {
					l->owed = 1;
					g_free(l->case_path);
					l->case_path = g_strdup(it->case_path);
					if (l->stale && cd_qs_exists(&r->qs, l->f[CD_QL_FILE]))
						fprintf(stderr, "cindoc queue: '%s' does not match its sha256 in the ledger: made again\n",
						        l->f[CD_QL_FILE]);
					if (strcmp(l->f[CD_QL_FINGERPRINT], it->f[CD_QL_FINGERPRINT]) != 0 ||
					    strcmp(l->f[CD_QL_FILE], it->f[CD_QL_FILE]) != 0 || l->stale) {
						l->old = l->f;
						l->f = it->f;
						it->f = NULL;
						l->render = 1;
						set(l, CD_QL_PRODUCED, r->today);
						r->n_updated++;
					} else {
						/* Unchanged; names and the like may still be refreshed. */
						set(l, CD_QL_RECIPIENT_NAME, it->f[CD_QL_RECIPIENT_NAME]);
					}
					item_free(it);
				} else {
					cd_date due;
					cd_date_parse(it->f[CD_QL_DUE], &due, NULL);
					if (due > r->window_end) {
						item_free(it); /* not due yet: a later run queues it */
						continue;
					}
					it->render = 1;
					set(it, CD_QL_PRODUCED, r->today);
					r->n_new++;
					if (l) { /* withdrawn before, owed again */
						it->old = l->f;
						l->f = NULL;
						g_ptr_array_remove(r->items, l); /* frees l */
					}
					g_hash_table_replace(r->by_key, it->f[CD_QL_ITEM], it);
					g_ptr_array_add(r->items, it);
				}
			}
		}
		g_ptr_array_free(owed, TRUE);
		xmlFreeDoc(doc);
		g_free(path);
	}
	cd_schema_free(schema);
	g_ptr_array_free(names, TRUE);

	/* Queued items that their (readable) case no longer owes are withdrawn; the items of a case
	 * that could not be read, or is gone from the folder, stay as they are. */
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		if (!is_status(it, "queued") || it->owed)
			continue;
		if (g_hash_table_contains(r->cases_ok, it->f[CD_QL_CASE_FILE])) {
			set(it, CD_QL_STATUS, "withdrawn"); /* plan_dates takes it out of print.pdf */
			r->n_withdrawn++;
		} else if (!r->o->quiet) {
			fprintf(stderr, "cindoc queue: keeping '%s': its case '%s' was not read this time\n", it->f[CD_QL_ITEM],
			        it->f[CD_QL_CASE_FILE]);
		}
	}
	rc = 0;
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "queued") && it->stale && !it->render)
			rc = cd_fail(-CD_EXIT_INVALID,
			             "'%s/%s' is missing or does not match its sha256 in the ledger, and its case '%s' was not read "
			             "this time to make it again: nothing was changed",
			             r->qs.dir, it->f[CD_QL_FILE], it->f[CD_QL_CASE_FILE]);
	}
	return rc;
}

/* No two items that stay in the queue may share a file: one recipient's copy would be filed as
 * another's. Names are made so that this cannot happen (cd_document_basename); this is the
 * check that it did not, before anything is written. */
static int check_files_unique(struct run *r)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;
	for (guint i = 0; i < r->items->len && rc == 0; i++) {
		struct item *it = r->items->pdata[i];
		if (is_status(it, "withdrawn"))
			continue;
		struct item *other = g_hash_table_lookup(seen, it->f[CD_QL_FILE]);
		if (other)
			rc = cd_fail(-CD_EXIT_INVALID, "items '%s' and '%s' would share the file '%s': refused, nothing was written",
			             other->f[CD_QL_ITEM], it->f[CD_QL_ITEM], it->f[CD_QL_FILE]);
		else if (!cd_ql_file_ok(it->f[CD_QL_FILE]))
			rc = cd_fail(-CD_EXIT_INVALID, "item '%s': '%s' is not a file name of the queue: refused, nothing was written",
			             it->f[CD_QL_ITEM], it->f[CD_QL_FILE]);
		g_hash_table_insert(seen, it->f[CD_QL_FILE], it);
	}
	g_hash_table_destroy(seen);
	return rc;
}

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
static int verify_folder(struct run *r)
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

/* ------------------------------------------------------------------ rendering */

static gint item_order(gconstpointer a, gconstpointer b)
{
	const struct item *x = *(struct item *const *)a, *y = *(struct item *const *)b;
	static const int cols[] = { CD_QL_DUE, CD_QL_CASE, CD_QL_DOCUMENT, CD_QL_MEETING, CD_QL_RECIPIENT };
	for (size_t i = 0; i < G_N_ELEMENTS(cols); i++) {
		int c = strcmp(x->f[cols[i]], y->f[cols[i]]);
		if (c)
			return c;
	}
	return 0;
}

/* One date folder to build: its queued items, in print order. */
struct date_job {
	char *date;
	GPtrArray *items;   /* struct item * (borrowed) */
	int rebuild;        /* print.pdf (and manifests) made again */
	int lost;           /* an item of the old print.pdf left the date */
	int issued_in_print; /* the old print.pdf holds an item issued since */
	int kept;           /* its print.pdf was kept as it was */
	int keep_print;     /* carry the old print.pdf over */
};

/* What a worker needs, one per process. */
struct worker {
	struct run *r;
	cd_renderer *renderer;
	cd_docs *docs;
	cd_schema *schema;
	GHashTable *cases; /* path -> xmlDocPtr */
	int progress_fd;   /* -1: count in r->done */
};

static void show_progress(struct run *r);

static void tick(struct worker *w)
{
	if (w->progress_fd >= 0) {
		char c = '.';
		if (write(w->progress_fd, &c, 1) < 0) {
			/* the parent is gone; nothing to tell */
		}
		return;
	}
	w->r->done++;
	show_progress(w->r);
}

static int worker_init(struct worker *w, struct run *r, int progress_fd)
{
	int rc = 0;
	memset(w, 0, sizeof *w);
	w->r = r;
	w->progress_fd = progress_fd;
	w->cases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeDoc);
	w->renderer = cd_renderer_new(&rc);
	if (!w->renderer)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	w->docs = cd_docs_new((struct cd_calendar *)r->o->cal);
	w->schema = cd_schema_load(&rc);
	if (!w->docs || !w->schema)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	return 0;
}

static void worker_free(struct worker *w)
{
	if (w->cases)
		g_hash_table_destroy(w->cases);
	if (w->docs)
		cd_docs_free(w->docs);
	if (w->schema)
		cd_schema_free(w->schema);
	if (w->renderer)
		cd_renderer_free(w->renderer);
}

/* The FO of one item, or NULL after reporting. */
static xmlDocPtr item_fo(struct worker *w, struct item *it)
{
	xmlDocPtr doc = g_hash_table_lookup(w->cases, it->case_path);
	if (!doc) {
		if (g_hash_table_size(w->cases) >= 32)
			g_hash_table_remove_all(w->cases);
		if (cd_case_load(w->schema, it->case_path, &doc) < 0)
			return NULL;
		g_hash_table_insert(w->cases, g_strdup(it->case_path), doc);
	}
	int kind = cd_doc_parse(it->f[CD_QL_DOCUMENT]);
	cd_doc_request req = { (cd_doc_kind)kind, it->f[CD_QL_RECIPIENT], *it->f[CD_QL_MEETING] ? it->f[CD_QL_MEETING] : NULL,
		               it->f[CD_QL_STYLE], it->f[CD_QL_LANG], it->f[CD_QL_VERSION], NULL };
	xmlDocPtr fo = NULL;
	if (kind < 0 || cd_document_fo(w->docs, doc, it->case_path, &req, &fo) < 0)
		return NULL;
	return fo;
}

/* Renders one FO into its own file in the staging tree; sets pages and sha256. */
static int render_own(struct worker *w, struct item *it, xmlDocPtr fo, GString *result)
{
	struct run *r = w->r;
	char *path = g_build_filename(r->qs.staging, it->f[CD_QL_FILE], NULL);
	char *dir = g_path_get_dirname(path);
	int pages = 0;
	int rc = cd_mkdirs(dir);
	if (rc == 0)
		rc = cd_render_doc_file(w->renderer, cd_writer_find(r->o->writer), r->o->writer_opts, NULL, path, fo,
		                        it->f[CD_QL_ITEM], &pages);
	char sha[65] = "";
	if (rc == 0 && cd_qs_sha256_file(path, sha) < 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot read back '%s'", path);
	if (rc == 0)
		g_string_append_printf(result, "own\t%s\t%d\t%s\n", it->f[CD_QL_ITEM], pages, sha);
	g_free(dir);
	g_free(path);
	cd_qs_checkpoint(&r->qs);
	return rc;
}

/* Rendering runs in two phases, each a list of tasks shared out among the workers: first every
 * item that needs it is rendered into its own PDF (one task per item), then each date whose
 * print.pdf must be made again (one task per date). A worker appends its results as lines to a
 * string, written at the end to ".results/PHASE-WORKER" in the staging tree and read back by the
 * parent: "own ITEM PAGES SHA256", "failed ITEM", "print ITEM FIRST LAST", "keep-print DATE". */
typedef int (*task_fn)(struct worker *w, void *task, GString *result);

/* Phase 1: one item into its own file. */
static int task_own(struct worker *w, void *task, GString *result)
{
	struct item *it = task;
	xmlDocPtr fo = item_fo(w, it);
	int rc = fo ? render_own(w, it, fo, result) : -1;
	xmlFreeDoc(fo);
	if (rc < 0) {
		g_string_append_printf(result, "failed\t%s\n", it->f[CD_QL_ITEM]);
		fprintf(stderr, "cindoc queue: '%s' is skipped\n", it->f[CD_QL_ITEM]);
	}
	tick(w);
	return 0; /* an item that fails is skipped, the run goes on */
}

/* What task_print's documents need while the file is written. */
struct print_fill {
	struct worker *w;
	struct date_job *dj;
	const char *dir;
	GString *result;
};

/* Adds every item of the date that rendered, each from an odd page, and notes its pages. */
static int add_print_items(cd_render_job *job, void *data)
{
	struct print_fill *pf = data;
	struct date_job *dj = pf->dj;
	int rc = 0, added = 0;
	for (guint i = 0; i < dj->items->len && rc == 0; i++) {
		struct item *it = dj->items->pdata[i];
		if (!it->case_path || it->failed) {
			tick(pf->w);
			continue;
		}
		xmlDocPtr fo = item_fo(pf->w, it);
		if (!fo) { /* it rendered a moment ago: the case changed under us */
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' could not be made again for %s/print.pdf", it->f[CD_QL_ITEM],
			             dj->date);
			break;
		}
		if (!added)
			rc = cd_mkdirs(pf->dir);
		int first = rc == 0 ? cd_render_page_count(job) + 1 : 0;
		if (rc == 0)
			rc = cd_render_add_doc(job, fo, it->f[CD_QL_ITEM]);
		int last = rc == 0 ? cd_render_page_count(job) : 0;
		if (rc == 0)
			rc = cd_render_pad_to_odd(job);
		if (rc == 0)
			g_string_append_printf(pf->result, "print\t%s\t%d\t%d\n", it->f[CD_QL_ITEM], first, last);
		added = 1;
		xmlFreeDoc(fo);
		tick(pf->w);
	}
	return rc == 0 && !added ? CD_RENDER_NOTHING : rc;
}

/* Phase 2: print.pdf of one date, from every queued item of the date that rendered, each starting
 * on an odd page; kept as it was when nothing it would hold changed (every item that needed
 * rendering failed). */
static int task_print(struct worker *w, void *task, GString *result)
{
	struct date_job *dj = task;
	struct run *r = w->r;
	int changed = dj->lost, rc = 0;
	for (guint i = 0; i < dj->items->len; i++) {
		struct item *it = dj->items->pdata[i];
		if (!it->case_path) {
			fprintf(stderr, "cindoc queue: %s/print.pdf leaves out '%s': its case was not read; print %s\n",
			        dj->date, it->f[CD_QL_ITEM], it->f[CD_QL_FILE]);
			changed |= atoi(it->f[CD_QL_PRINT_FIRST]) > 0;
		} else if (it->failed) {
			changed |= atoi(it->f[CD_QL_PRINT_FIRST]) > 0;
		} else {
			changed |= it->render || atoi(it->f[CD_QL_PRINT_FIRST]) <= 0;
		}
	}
	if (!changed) {
		g_string_append_printf(result, "keep-print\t%s\n", dj->date);
		for (guint i = 0; i < dj->items->len; i++)
			tick(w);
		return 0;
	}
	char *print = g_build_filename(r->qs.staging, dj->date, "print.pdf", NULL);
	char *dir = g_path_get_dirname(print);
	struct print_fill pf = { w, dj, dir, result };
	rc = cd_render_file(w->renderer, cd_writer_find(r->o->writer), r->o->writer_opts, NULL, print, add_print_items,
	                    &pf, NULL);
	g_free(dir);
	g_free(print);
	cd_qs_checkpoint(&r->qs);
	return rc;
}

/* Runs every k-th task (from `first`) and writes the results file. */
static int worker_run(struct worker *w, const char *phase, int k, int step, GPtrArray *tasks, task_fn fn)
{
	struct run *r = w->r;
	GString *result = g_string_new(NULL);
	int rc = 0;
	for (guint i = (guint)k; i < tasks->len && rc == 0; i += (guint)step)
		rc = fn(w, tasks->pdata[i], result);
	if (rc == 0) {
		char *rdir = g_build_filename(r->qs.staging, ".results", NULL);
		char *name = g_strdup_printf("%s-%d", phase, k);
		char *rpath = g_build_filename(rdir, name, NULL);
		cd_output *o = cd_output_new();
		FILE *fp = cd_mkdirs(rdir) == 0 ? cd_output_open(o, rpath) : NULL;
		rc = fp && fwrite(result->str, 1, result->len, fp) == result->len ? cd_output_commit(o) : -CD_EXIT_NOWRITE;
		cd_output_free(o);
		g_free(rpath);
		g_free(name);
		g_free(rdir);
	}
	g_string_free(result, TRUE);
	return rc;
}

static void show_progress(struct run *r)
{
	if (!r->o->progress)
		return;
	double s = (double)(g_get_monotonic_time() - r->t0) / 1e6;
	fprintf(stderr, "\rqueue: %d/%d items, %.1f items/s ", r->done, r->total, s > 0 ? r->done / s : 0.0);
}

/* Reads a phase's results files back into the items. */
static int read_results(struct run *r, const char *phase, int workers, GHashTable *djs_by_date)
{
	int rc = 0;
	for (int k = 0; k < workers && rc == 0; k++) {
		char *name = g_strdup_printf("%s-%d", phase, k);
		char *path = g_build_filename(r->qs.staging, ".results", name, NULL);
		char *text = NULL;
		g_free(name);
		rc = cd_read_file(path, &text, NULL);
		unlink(path);
		g_free(path);
		if (rc < 0)
			break;
		char **lines = g_strsplit(text, "\n", -1);
		g_free(text);
		for (char **l = lines; *l && rc == 0; l++) {
			char **f = g_strsplit(*l, "\t", -1);
			guint nf = g_strv_length(f);
			struct item *it = nf >= 2 ? g_hash_table_lookup(r->by_key, f[1]) : NULL;
			if (it && strcmp(f[0], "own") == 0 && nf == 4) {
				set(it, CD_QL_PAGES, f[2]);
				set(it, CD_QL_SHA256, f[3]);
			} else if (it && strcmp(f[0], "print") == 0 && nf == 4) {
				set(it, CD_QL_PRINT_FIRST, f[2]);
				set(it, CD_QL_PRINT_LAST, f[3]);
				it->printed = 1;
			} else if (it && strcmp(f[0], "failed") == 0) {
				it->failed = 1;
			} else if (nf == 2 && strcmp(f[0], "keep-print") == 0) {
				struct date_job *dj = g_hash_table_lookup(djs_by_date, f[1]);
				if (dj)
					dj->kept = 1;
				char *rel = g_build_filename(f[1], "print.pdf", NULL);
				if (cd_qs_exists(&r->qs, rel))
					rc = cd_qs_carry(&r->qs, rel);
				g_free(rel);
			}
			g_strfreev(f);
		}
		g_strfreev(lines);
	}
	return rc;
}

/* Runs the tasks of one phase: here (jobs 1) or in worker processes, each taking every jobs-th
 * task. Returns the number of workers used, or negative (nothing of this run is then committed). */
static int run_phase(struct run *r, const char *phase, GPtrArray *tasks, task_fn fn)
{
	int jobs = r->o->jobs < 1 ? 1 : r->o->jobs;
	if ((guint)jobs > tasks->len)
		jobs = tasks->len ? (int)tasks->len : 1;
	int rc = 0;
	if (jobs == 1) {
		struct worker w;
		rc = worker_init(&w, r, -1);
		if (rc == 0)
			rc = worker_run(&w, phase, 0, 1, tasks, fn);
		worker_free(&w);
		return rc < 0 ? rc : 1;
	}
	int fds[2];
	if (pipe(fds) != 0)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot start workers: %s", strerror(errno));
	fflush(NULL);
	pid_t *pids = g_new0(pid_t, jobs);
	for (int k = 0; k < jobs; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			close(fds[0]);
			prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed run takes its workers with it */
			struct worker w;
			int wrc = worker_init(&w, r, fds[1]);
			if (wrc == 0)
				wrc = worker_run(&w, phase, k, jobs, tasks, fn);
			worker_free(&w);
			fflush(NULL);
			_exit(wrc < 0 ? -wrc : 0);
		}
		if (pids[k] < 0)
			rc = cd_fail(-CD_EXIT_INTERNAL, "cannot start workers: %s", strerror(errno));
	}
	close(fds[1]);
	char buf[256];
	ssize_t n;
	while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
		if (n > 0) {
			r->done += (int)n;
			show_progress(r);
		}
	}
	close(fds[0]);
	for (int k = 0; k < jobs; k++) {
		int st = 0;
		if (pids[k] <= 0)
			continue;
		while (waitpid(pids[k], &st, 0) < 0 && errno == EINTR)
			;
		if (WIFSIGNALED(st))
			rc = rc ? rc : cd_fail(-CD_EXIT_INTERNAL, "a worker died of signal %d", WTERMSIG(st));
		else if (WEXITSTATUS(st) != 0)
			rc = rc ? rc : -WEXITSTATUS(st);
	}
	g_free(pids);
	return rc < 0 ? rc : jobs;
}

/* Renders what this run must: the items, then the dates' print.pdf. */
static int render_all(struct run *r, GPtrArray *djs)
{
	GPtrArray *own = g_ptr_array_new(), *dates = g_ptr_array_new();
	for (guint i = 0; i < djs->len; i++) {
		struct date_job *dj = djs->pdata[i];
		if (!dj->rebuild || !dj->items->len)
			continue;
		g_ptr_array_add(dates, dj);
		r->total += (int)dj->items->len;
		for (guint k = 0; k < dj->items->len; k++) {
			struct item *it = dj->items->pdata[k];
			if (it->render && it->case_path)
				g_ptr_array_add(own, it);
		}
	}
	r->total += (int)own->len;
	r->t0 = g_get_monotonic_time();
	GHashTable *by_date = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < dates->len; i++)
		g_hash_table_insert(by_date, ((struct date_job *)dates->pdata[i])->date, dates->pdata[i]);
	int rc = 0;
	if (own->len) {
		rc = run_phase(r, "own", own, task_own);
		if (rc > 0)
			rc = read_results(r, "own", rc, NULL);
	}
	if (rc >= 0 && dates->len) {
		rc = run_phase(r, "print", dates, task_print);
		if (rc > 0)
			rc = read_results(r, "print", rc, by_date);
		/* A print.pdf made again holds only what it lists; the rest lose their old pages. */
		for (guint i = 0; i < dates->len && rc >= 0; i++) {
			struct date_job *dj = dates->pdata[i];
			if (dj->kept)
				continue;
			for (guint k = 0; k < dj->items->len; k++) {
				struct item *it = dj->items->pdata[k];
				if (!it->printed) {
					set(it, CD_QL_PRINT_FIRST, "0");
					set(it, CD_QL_PRINT_LAST, "0");
				}
			}
		}
	}
	if (r->o->progress && r->total)
		fputc('\n', stderr);
	if (rc >= 0) {
		char *rdir = g_build_filename(r->qs.staging, ".results", NULL);
		cd_qs_rm_rf(rdir);
		g_free(rdir);
	}
	g_hash_table_destroy(by_date);
	g_ptr_array_free(own, TRUE);
	g_ptr_array_free(dates, TRUE);
	return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ manifests */

static const int manifest_cols[] = {
	CD_QL_ITEM, CD_QL_CASE, CD_QL_RECIPIENT, CD_QL_RECIPIENT_NAME, CD_QL_DOCUMENT, CD_QL_MEETING,
	CD_QL_LANG, CD_QL_STYLE, CD_QL_VERSION, CD_QL_DUE, CD_QL_STATUS, CD_QL_PAGES, CD_QL_PRINT_FIRST,
	CD_QL_PRINT_LAST, CD_QL_FILE, CD_QL_SHA256,
};

/* "queued" items past their due date show as "overdue". */
static const char *manifest_status(cd_date today, const struct item *it)
{
	cd_date due;
	if (is_status(it, "queued") && cd_date_parse(it->f[CD_QL_DUE], &due, NULL) == 0 && due < today)
		return "overdue";
	return it->f[CD_QL_STATUS];
}

static int write_manifest(struct run *r, const char *rel_dir, GPtrArray *items, cd_date today)
{
	int rc = 0;
	for (int fmt = 0; fmt < 2 && rc == 0; fmt++) {
		char *path = g_build_filename(r->qs.staging, rel_dir, fmt ? "manifest.json" : "manifest.csv", NULL);
		cd_output *o = cd_output_new();
		FILE *fp = cd_output_open(o, path);
		if (!fp) {
			rc = -CD_EXIT_NOWRITE;
		} else if (fmt == 0) {
			for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++)
				fprintf(fp, "%s%s", c ? "," : "", cd_ql_column(manifest_cols[c]));
			fputc('\n', fp);
			for (guint i = 0; i < items->len; i++) {
				const struct item *it = items->pdata[i];
				for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++) {
					if (c)
						fputc(',', fp);
					cd_csv_field(fp, manifest_cols[c] == CD_QL_STATUS ? manifest_status(today, it)
					                                                  : it->f[manifest_cols[c]]);
				}
				fputc('\n', fp);
			}
		} else {
			fputs("{\n  \"items\": [", fp);
			for (guint i = 0; i < items->len; i++) {
				const struct item *it = items->pdata[i];
				fprintf(fp, "%s\n    {", i ? "," : "");
				for (size_t c = 0; c < G_N_ELEMENTS(manifest_cols); c++) {
					int col = manifest_cols[c];
					fprintf(fp, "%s\"%s\": ", c ? ", " : " ", cd_ql_column(col));
					if (col == CD_QL_PAGES || col == CD_QL_PRINT_FIRST || col == CD_QL_PRINT_LAST)
						fprintf(fp, "%d", atoi(it->f[col]));
					else
						cd_json_string(fp, col == CD_QL_STATUS ? manifest_status(today, it) : it->f[col]);
				}
				fputs(" }", fp);
			}
			fputs(items->len ? "\n  ]\n}\n" : "]\n}\n", fp);
		}
		if (rc == 0)
			rc = cd_output_commit(o);
		cd_output_free(o);
		g_free(path);
	}
	return rc;
}

/* Writes the ledger, and the manifests: per date and overall (queued and issued items). */
static int write_state(struct run *r, cd_date today)
{
	GPtrArray *listed = g_ptr_array_new();
	GPtrArray *rows = g_ptr_array_new();
	g_ptr_array_sort(r->items, item_order);
	for (guint i = 0; i < r->items->len; i++) {
		struct item *it = r->items->pdata[i];
		g_ptr_array_add(rows, it->f);
		if (!is_status(it, "withdrawn"))
			g_ptr_array_add(listed, it);
	}
	g_ptr_array_sort(listed, item_order);
	int rc = write_manifest(r, ".", listed, today);
	for (guint i = 0; i < listed->len && rc == 0;) {
		char *d = date_of(listed->pdata[i]);
		GPtrArray *day = g_ptr_array_new();
		while (i < listed->len) {
			char *d2 = date_of(listed->pdata[i]);
			int same = strcmp(d, d2) == 0;
			g_free(d2);
			if (!same)
				break;
			g_ptr_array_add(day, listed->pdata[i++]);
		}
		rc = write_manifest(r, d, day, today);
		g_ptr_array_free(day, TRUE);
		g_free(d);
	}
	cd_qs_checkpoint(&r->qs);
	if (rc == 0)
		rc = cd_ql_write(&r->qs, rows);
	g_ptr_array_free(rows, TRUE);
	g_ptr_array_free(listed, TRUE);
	return rc;
}

/* ------------------------------------------------------------------ the run */

static int load_ledger(struct run *r)
{
	char *path = g_build_filename(r->qs.dir, "ledger.tsv", NULL);
	GPtrArray *rows = g_ptr_array_new();
	int rc = cd_ql_read(path, rows);
	g_free(path);
	for (guint i = 0; i < rows->len; i++) {
		struct item *it = g_new0(struct item, 1);
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

static void run_init(struct run *r, const cd_queue_opts *o)
{
	memset(r, 0, sizeof *r);
	r->qs.lock_fd = -1; /* closed safely even when the queue was never opened */
	r->o = o;
	r->items = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
	r->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	r->cases_ok = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->refs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r->owed_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	cd_date_format(o->today, r->today);
}

static void run_free(struct run *r)
{
	cd_qs_close(&r->qs);
	g_hash_table_destroy(r->by_key);
	g_hash_table_destroy(r->cases_ok);
	g_hash_table_destroy(r->refs);
	g_hash_table_destroy(r->owed_ids);
	g_ptr_array_free(r->items, TRUE);
}

static void date_job_free(struct date_job *dj)
{
	g_free(dj->date);
	g_ptr_array_free(dj->items, TRUE);
	g_free(dj);
}

/* Groups the items by date folder and decides which dates are built again. */
static GPtrArray *plan_dates(struct run *r)
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
static int carry_over(struct run *r, GPtrArray *djs)
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
static void undo_failed(struct run *r)
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
			cd_ql_row_free(it->f);
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
