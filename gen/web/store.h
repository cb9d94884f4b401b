/* web/store.h - the case store: the case files of one cases folder, saved with versions, history
 * and drafts. The web desk (cindoc serve) and `cindoc history` read and write cases only here.
 *
 * The case XML files in CASES_DIR stay the record: every command line tool keeps reading them.
 * Beside them the store keeps (folders 0700, files 0600, hidden: no "*.xml" there):
 *
 *   CASES_DIR/.history/CASE.xml/NNNN-YYYYMMDDTHHMMSSZ-USER.xml   every version saved
 *   CASES_DIR/.history/CASE.xml/index.tsv                        seq, saved, user, sha256, bytes
 *   CASES_DIR/.drafts/USER/CASE.xml/KEY.draft                    a user's unsaved work
 *   CASES_DIR/.locks/CASE.xml.lock                               one writer of a case at a time
 *
 * A case is named by its file name in CASES_DIR ("02-review-scaling.xml"): letters, digits, '.',
 * '-' and '_' only, not starting with '.', ending in ".xml" (cd_store_case_name_ok).
 *
 * Versions. Reading a case gives its bytes and a token: the sha256 (64 hex digits) of exactly
 * those bytes. A save names the token its editor started from; the store takes the case's lock,
 * and writes only when the file's current token is still that one. Otherwise nothing is
 * written and the save is CD_STORE_STALE: the caller keeps what was typed and tells the user.
 * Two saves of one case at once (threads or processes): exactly one wins, the other is stale.
 *
 * Validity. Only a case that loads (well-formed, valid against templates/case.xsd, every
 * reference resolved, the authority complete with CASES_DIR/authority.xml: the same code as
 * `cindoc check`) is written. The messages (and the lints' warnings and errors) are handed back
 * in a cd_store_msgs, each with its line, for the page to show beside its field.
 *
 * Writing. A temporary file in CASES_DIR, fsync, rename over the case, fsync of the folder:
 * a crash leaves the old version or the new one, never half of either. Mode 0600.
 *
 * History. Each save adds the new version to the case's history with who saved it and when
 * (UTC). A case changed outside the store (an editor, `git pull`) is added to the history as
 * it was found, user "-", before the save that replaces it: no version the store saw is lost.
 *
 * Errors return negative: -CD_EXIT_INVALID (the document or a name is invalid: messages say
 * why), -CD_EXIT_NOREAD, -CD_EXIT_NOWRITE, or one of the CD_STORE_* results below. Every
 * function is safe to call from several threads at once on one cd_store.
 */
#ifndef CD_WEB_STORE_H
#define CD_WEB_STORE_H

#include <stddef.h>
#include <libxml/tree.h>

typedef struct cd_store cd_store;

/* Results besides 0 and -CD_EXIT_*: negative, and distinct from every -CD_EXIT_* code. */
enum {
	CD_STORE_STALE = -101,   /* the case changed since the editor read it: nothing written */
	CD_STORE_MISSING = -102, /* no such case (or draft, or version) */
	CD_STORE_EXISTS = -103   /* create: the name is taken (never overwritten) */
};

#define CD_STORE_TOKEN_LEN 64 /* hex digits of a token; a token buffer is char[65] */

/* One message about a document: kind "error" or "warning"; the line in the case, 0 when none;
 * file NULL when it is about the case itself, else the other file ("authority.xml"). */
struct cd_store_msg {
	char *kind;
	char *file;
	long line;
	char *text;
};
typedef struct cd_store_msgs {
	struct cd_store_msg *v;
	size_t n;
	int errors, warnings;
} cd_store_msgs;
void cd_store_msgs_clear(cd_store_msgs *m); /* frees the messages; *m can be reused */

/* Opens CASES_DIR (must exist and be a folder we can write) and makes .history, .drafts and
 * .locks in it if missing. NULL and *rc < 0 after a message. */
cd_store *cd_store_open(const char *cases_dir, int *rc);
void cd_store_free(cd_store *st);
const char *cd_store_dir(const cd_store *st);

/* 1 when `name` is a case file name the store accepts (see above). */
int cd_store_case_name_ok(const char *name);
/* 1 when `user` is a user name the store accepts: 1 to 64 of [A-Za-z0-9._@-], not "." or ".."
 * and not starting with '.'. */
int cd_store_user_ok(const char *user);

/* The case files of the folder (*.xml in name order, authority.xml left out), as a
 * NULL-terminated array (g_strfreev). Returns the count or a negative error. */
int cd_store_list(cd_store *st, char ***names);

/* Reads a case: its bytes (NUL-terminated; g_free) and its token. 0, CD_STORE_MISSING,
 * -CD_EXIT_INVALID (bad name), -CD_EXIT_NOREAD. */
int cd_store_read(cd_store *st, const char *name, char **data, size_t *len,
                  char token[CD_STORE_TOKEN_LEN + 1]);

/* Checks a document as `cindoc check` would (schema, references, authority, lints) without
 * writing anything; `name` is the case it would be saved as (for messages and the folder's
 * authority.xml). Returns 0 when it may be saved (lint errors allowed unless `strict`),
 * -CD_EXIT_INVALID otherwise; every message goes into *msgs (may be NULL). */
int cd_store_check(cd_store *st, const char *name, const char *data, size_t len, int strict,
                   cd_store_msgs *msgs);

/* Flags of cd_store_save and cd_store_create. */
enum {
	CD_STORE_STRICT = 1 /* refuse lint errors too (a finalised meeting), not only invalid XML */
};

/* Saves a new version of case `name` made by `user` from the version whose token is `base`.
 * Checks it (cd_store_check), then under the case's lock compares the file's token with
 * `base`: equal, it writes (history, then the case, atomically, 0600) and fills `new_token`
 * (may be NULL); different (or the case is gone), CD_STORE_STALE and nothing written.
 * Returns 0, CD_STORE_STALE, CD_STORE_MISSING (no such case), -CD_EXIT_INVALID (msgs say why),
 * -CD_EXIT_NOWRITE. Saving the very bytes the case already has writes nothing and returns 0. */
int cd_store_save(cd_store *st, const char *name, const char *user, const char *base,
                  const char *data, size_t len, int flags, cd_store_msgs *msgs,
                  char new_token[CD_STORE_TOKEN_LEN + 1]);

/* The file name a new case with reference `ref` gets: the reference made safe (letters and
 * digits kept, anything else one '-', lower case, at most 60 characters) + ".xml"; "case.xml"
 * when nothing is left. Newly allocated. */
char *cd_store_name_for_ref(const char *ref);

/* Creates a new case from `data` (checked as cd_store_save does) under the name made from its
 * `case/@ref`; when that name is taken, "-2", "-3" ... is added: an existing file is never
 * overwritten. A case of the folder with the same reference already: -CD_EXIT_INVALID with a
 * message. On success *name (g_free) is the new file name and `token` its token (may be NULL).
 * The first version goes into the history as `user`'s. */
int cd_store_create(cd_store *st, const char *user, const char *data, size_t len, int flags,
                    cd_store_msgs *msgs, char **name, char token[CD_STORE_TOKEN_LEN + 1]);

/* ---- history ---- */

struct cd_store_version {
	int seq;                 /* 1, 2, ... in the order saved */
	char saved[21];          /* "2026-11-25T14:03:00Z" (UTC) */
	char user[65];           /* who saved it; "-" when it was found changed outside the store */
	char token[CD_STORE_TOKEN_LEN + 1];
	size_t bytes;
	int current;             /* 1 when the case file has exactly these bytes now */
};

/* The versions of case `name`, oldest first (*v: g_free). Returns the count (0 when the case
 * was never saved through the store) or a negative error. */
int cd_store_history(cd_store *st, const char *name, struct cd_store_version **v);
/* The bytes of version `seq` of case `name` (g_free). 0, CD_STORE_MISSING, or an error. */
int cd_store_history_read(cd_store *st, const char *name, int seq, char **data, size_t *len);

/* ---- drafts: one per user, case and key (a meeting id, or NULL for the case itself) ---- */

/* For a case not created yet, `name` is NULL: its drafts are kept under "new". `key`: NULL or
 * 1 to 64 of [A-Za-z0-9._-]. A draft is opaque bytes (the form as the user left it) with the
 * token of the version it started from (`base`, may be NULL or "") and the time it was saved. */
int cd_store_draft_save(cd_store *st, const char *user, const char *name, const char *key,
                        const char *base, const char *data, size_t len);
/* 0 (data: g_free; base and saved filled when not NULL), CD_STORE_MISSING, or an error. */
int cd_store_draft_load(cd_store *st, const char *user, const char *name, const char *key,
                        char **data, size_t *len, char base[CD_STORE_TOKEN_LEN + 1],
                        char saved[21]);
/* 0 (also when there was none) or an error. */
int cd_store_draft_discard(cd_store *st, const char *user, const char *name, const char *key);

struct cd_store_draft {
	char *name;  /* the case file name, or NULL for a new case */
	char *key;   /* the key, or NULL */
	char saved[21];
};
/* Every draft of `user`, newest first (*v and its strings: cd_store_drafts_free). Returns the
 * count or a negative error. */
int cd_store_drafts(cd_store *st, const char *user, struct cd_store_draft **v);
void cd_store_drafts_free(struct cd_store_draft *v, int n);

/* ---- for pages that edit a loaded case ---- */

/* The document as bytes to hand to cd_store_save: the authority details that the loader took
 * from authority.xml are left out (the case keeps only its own). 0 or -CD_EXIT_INTERNAL. */
int cd_store_serialize(xmlDocPtr doc, char **data, size_t *len);

#endif
