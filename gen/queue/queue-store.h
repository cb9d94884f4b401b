/* queue/queue-store.h - the queue folder on disk (internal to queue.c): lock, staging, atomic swap,
 * recovery after a kill, and the ledger file (tab-separated, escaped). */
#ifndef CD_QUEUE_STORE_H
#define CD_QUEUE_STORE_H

#include <glib.h>

typedef struct cd_qs {
	char *dir;        /* QUEUE_DIR, its real path (symbolic links followed) */
	char *staging;    /* the new tree being built */
	char *lock;       /* the lock file beside it */
	char *made;       /* the first folder this run created on the way to QUEUE_DIR (or NULL) */
	int lock_fd;
	int staging_fd;   /* the staging folder, open from cd_qs_begin to the commit's syncfs (-1) */
	int committed;
	int kill_at, checkpoints;
} cd_qs;

/* Locks the queue (waiting for another run), removes what killed runs left behind and names the
 * staging folder. `create`: the parent folder may be created. Returns 0 or negative. */
int cd_qs_open(cd_qs *s, const char *dir, int create);
/* Creates the (empty) staging folder. Files written into it need no fsync of their own
 * (cd_output_new_staged): cd_qs_commit makes the whole tree durable with one syncfs. */
int cd_qs_begin(cd_qs *s);
/* Hard-links QUEUE_DIR/rel into the staging tree (or copies it). */
int cd_qs_carry(cd_qs *s, const char *rel);
/* True when QUEUE_DIR/rel is a file. */
int cd_qs_exists(cd_qs *s, const char *rel);
/* Swaps the staging tree into place atomically. */
int cd_qs_commit(cd_qs *s);
/* Removes the staging tree unless committed, and unlocks. */
void cd_qs_close(cd_qs *s);
/* A fault-injection point for the kill test (CINDOC_TEST_KILL_AT=N). */
void cd_qs_checkpoint(cd_qs *s);

int cd_qs_rm_rf(const char *path);
int cd_qs_sha256_file(const char *path, char out[65]);
/* The digest of `c` (Nettle's SHA-256, which cd_qs_sha256_file uses) in hex, into out. */
struct sha256_ctx;
void cd_qs_sha256_hex(struct sha256_ctx *c, char out[65]);

/* Ledger rows: arrays of CD_QL_N strings (g_strdup'ed), in this column order. */
enum {
	CD_QL_ITEM, CD_QL_STATUS, CD_QL_CASE, CD_QL_CASE_FILE, CD_QL_RECIPIENT, CD_QL_RECIPIENT_NAME,
	CD_QL_DOCUMENT, CD_QL_MEETING, CD_QL_LANG, CD_QL_STYLE, CD_QL_VERSION, CD_QL_DUE, CD_QL_PRODUCED,
	CD_QL_ISSUED, CD_QL_FILE, CD_QL_PAGES, CD_QL_PRINT_FIRST, CD_QL_PRINT_LAST, CD_QL_SHA256,
	CD_QL_FINGERPRINT, CD_QL_N
};
const char *cd_ql_column(int i);
/* True for the columns whose values are the item's own (its id, file and digests); the others
 * repeat from item to item (a status, a date, a case) and are worth keeping once. */
static inline int cd_ql_unique(int col)
{
	return col == CD_QL_ITEM || col == CD_QL_FILE || col == CD_QL_SHA256 || col == CD_QL_FINGERPRINT;
}
/* True when `file` is an item file of a queue: "YYYY-MM-DD/NAME.pdf", NAME of [A-Za-z0-9._-],
 * not hidden, not print.pdf (so never a path that leaves the queue folder). */
int cd_ql_file_ok(const char *file);
/* Reads QUEUE_DIR's ledger (none: no rows). Every row is checked (a known status, a due date, a
 * file of the queue that no other waiting or issued item has, page numbers, a sha256) and an
 * empty, headless or cut-short ledger is damaged: errors name the file and line, and no row is
 * returned then. */
int cd_ql_read(const char *path, GPtrArray *rows);
/* The same with every field kept in `strs` (rows then freed with g_free alone, the strings with
 * the chunk): what a queue run of many thousand items uses. */
int cd_ql_read_into(const char *path, GPtrArray *rows, GStringChunk *strs);
/* Writes the ledger into the staging tree. */
int cd_ql_write(cd_qs *s, GPtrArray *rows);
void cd_ql_row_free(char **row);

#endif
