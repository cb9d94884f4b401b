/* queue/queue-int.h - what the files of the queue share (internal to gen/queue/):
 *
 *   queue.c           a run from start to end, and mark-issued
 *   queue-owed.c      what each case owes (items, fingerprints), merged into the ledger's items
 *   queue-folder.c    the folder against the ledger: checks, what is carried over, the dates to build
 *   queue-render.c    the items' PDFs and the dates' print.pdf, in worker processes
 *   queue-manifest.c  the manifests and the ledger written into the staging tree
 *   queue-store.c     the folder on disk: lock, staging, atomic swap, the ledger file
 */
#ifndef CD_QUEUE_INT_H
#define CD_QUEUE_INT_H

#include <string.h>

#include <glib.h>

#include "case/case.h"
#include "queue/queue.h"
#include "queue/queue-store.h"

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
	const char *case_sha; /* the SHA-256 of the bytes of it this run found valid (in strs; NULL: none) */
	GStringChunk *strs; /* the run's: where f's and old's strings live */
};

/* The most case trees the renderer keeps (queue-render.c), and read_cases leaves it. */
#define CD_QUEUE_KEEP_CASES 32

struct run {
	const cd_queue_opts *o;
	cd_qs qs;
	cd_date window_end;
	char today[CD_DATE_BUF];
	char templates_sha[65];
	GStringChunk *strs;        /* every field of every item: one allocation per block, short
	                              values ("queued", dates, languages) kept once */
	GPtrArray *items;          /* struct item *, every ledger row and every new item */
	GHashTable *by_key;        /* item id -> struct item * */
	GHashTable *cases_ok;      /* case_file -> case ref, for the cases read this run */
	GHashTable *refs;          /* case ref -> case_file */
	GHashTable *owed_ids;      /* item id -> case_file, for the items owed this run */
	GHashTable *sent;          /* "REF/plan-copy/MEETING" or "REF/closure-letter" -> the day its
	                              case records the copies sent, for the cases read this run */
	int skipped;               /* cases or items reported and skipped */
	int n_new, n_updated, n_withdrawn, n_recorded;
	struct pool *pool;         /* the worker processes (queue-render.c), NULL with -j 1 */
	/* With -j 1 the run renders in its own process: read_cases leaves it the case schema and
	 * the trees of the first cases that have items to render (path -> xmlDocPtr, at most
	 * CD_QUEUE_KEEP_CASES), which the renderer takes over instead of reading them again. */
	cd_schema *schema;
	GHashTable *cases;
	/* progress */
	int done, total;
	gint64 t0;
};

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

/* Rows live in the run's string chunk (a value that repeats from item to item once): a field
 * set again leaves its old value there until the run ends (a few per item). */
static inline void set(struct item *it, int col, const char *v)
{
	v = v ? v : "";
	it->f[col] = cd_ql_unique(col) ? g_string_chunk_insert(it->strs, v) : g_string_chunk_insert_const(it->strs, v);
}

static inline void item_free(struct item *it)
{
	g_free(it->f);
	g_free(it->old);
	g_free(it->case_path);
	g_free(it);
}

static inline int is_status(const struct item *it, const char *s)
{
	return strcmp(it->f[CD_QL_STATUS], s) == 0;
}

/* The date folder of an item's file ("2026-12-03/NAME.pdf" -> "2026-12-03"). */
static inline char *date_of(const struct item *it)
{
	return g_path_get_dirname(it->f[CD_QL_FILE]);
}

static inline gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}


static inline gint item_order(gconstpointer a, gconstpointer b)
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

/* queue-owed.c */
/* A digest of everything the documents are made from besides the case. */
void templates_digest(const char *cases_dir, char out[65]);
/* Reads every case and merges what it owes into the items from the ledger. */
int read_cases(struct run *r);
/* No two items that stay in the queue share a file. */
int check_files_unique(struct run *r);

/* queue-folder.c */
int load_ledger(struct run *r);
int verify_folder(struct run *r);
GPtrArray *plan_dates(struct run *r);
int carry_over(struct run *r, GPtrArray *djs);
void undo_failed(struct run *r);

/* queue-render.c */
/* With -j N > 1, forks the N workers: before the ledger and cases are read, so that they never
 * hold the run's items. pool_stop ends them (abort_run: at once). */
int pool_start(struct run *r);
void pool_stop(struct run *r, int abort_run);
int render_all(struct run *r, GPtrArray *djs);

/* queue-manifest.c */
int write_state(struct run *r, cd_date today);

#endif
