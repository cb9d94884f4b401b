/* web/store-int.h - what the files of the case store share (store.c: names, files, saving and
 * history; store-drafts.c: drafts). Not for the rest of the desk: use web/store.h. */
#ifndef CD_STORE_INT_H
#define CD_STORE_INT_H

#include <time.h>

#include "case/case.h"
#include "case/lint.h"
#include "web/store.h"

#define HISTORY_DIR ".history"
#define DRAFTS_DIR ".drafts"
#define LOCKS_DIR ".locks"
#define INDEX_FILE "index.tsv"
#define DRAFT_MAGIC "cindoc-draft 1"
#define NEW_CASE_DRAFTS "new"   /* drafts of a case not created yet (never a case name) */
#define CASE_DRAFT_KEY "+case"  /* the draft of a whole case ('+' is never in a key) */
#define MAX_DRAFT_BYTES CD_CASE_MAX_BYTES

struct cd_store {
	char *dir;
	GMutex checking; /* the schema and the lints are not shared between threads */
	cd_schema *schema;
	cd_lint *lint;
};

/* A draft key: NULL, or up to 64 of the characters a case name may hold (store.c). */
int store_key_ok(const char *key);
/* "'value' is not a valid what"; returns -CD_EXIT_INVALID. */
int store_bad_name(const char *what, const char *value);
/* mkdir with mode 0700 (an existing folder is fine); 0 or -CD_EXIT_NOWRITE. */
int store_make_dir(const char *path);
/* fsync of a folder, so a rename in it lasts. */
int store_sync_dir(const char *dir);
/* "2026-11-25T14:03:00Z" for `t` and the compact "20261125T140300Z" (either may be NULL). */
void store_utc_stamp(time_t t, char iso[21], char compact[17]);
/* Replaces (or makes) dir/name with head + data, atomically, mode 0600; 0 or -CD_EXIT_NOWRITE. */
int store_replace_file(const char *dir, const char *name, const char *head, const char *data, size_t len);
/* A whole regular file of at most `max` bytes: 0, CD_STORE_MISSING (no such file) or
 * -CD_EXIT_NOREAD after a message. */
int store_read_whole(const char *path, size_t max, char **data, size_t *len);

#endif
