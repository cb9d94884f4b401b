/* queue/queue-store.c - the queue folder on disk: lock, staging, atomic swap, recovery, ledger file.
 *
 * A run (or mark-issued) builds the whole new queue in a sibling folder ".NAME.new-PID" (files
 * that did not change are hard links to the old ones), then swaps it with QUEUE_DIR in one
 * renameat2(RENAME_EXCHANGE) and removes the old tree, now at the staging name. Where the file
 * system cannot exchange, QUEUE_DIR is renamed to ".NAME.old-PID" and the staging folder into its
 * place; a run killed between the two renames is undone by the next run's recovery. Either way a
 * kill leaves QUEUE_DIR as it was before or as it is after, plus debris that recovery removes.
 */
#define _GNU_SOURCE 1
#include "queue/queue-store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "base/cindoc.h"

/* ------------------------------------------------------------------ fault injection */

/* CINDOC_TEST_KILL_AT=N kills the process at its N-th checkpoint (tests/t6003-queue-kill.sh). */
void cd_qs_checkpoint(cd_qs *s)
{
	if (s->kill_at <= 0)
		return;
	if (++s->checkpoints == s->kill_at)
		kill(getpid(), SIGKILL);
}

/* ------------------------------------------------------------------ small file helpers */

int cd_qs_rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *p = g_build_filename(path, e->d_name, NULL);
		if (cd_qs_rm_rf(p) != 0)
			rc = -1;
		g_free(p);
	}
	closedir(d);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

/* Nettle's SHA-256, not GLib's: the same digest, and Nettle uses the processor's SHA
 * instructions where it has them (x86 SHA-NI: 860 MB/s here against GLib's 190). Every item's
 * PDF is hashed as it is made and again by each later run that checks the folder. */
int cd_qs_sha256_file(const char *path, char out[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct sha256_ctx c;
	sha256_init(&c);
	unsigned char buf[65536];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		sha256_update(&c, (size_t)n, buf);
	}
	close(fd);
	cd_qs_sha256_hex(&c, out);
	return n < 0 ? -1 : 0;
}

void cd_qs_sha256_hex(struct sha256_ctx *c, char out[65])
{
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(c, sizeof d, d);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

static void fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Hard-links (or, where links are refused, copies) old/rel to new/rel. */
int cd_qs_carry(cd_qs *s, const char *rel)
{
	char *from = g_build_filename(s->dir, rel, NULL);
	char *to = g_build_filename(s->staging, rel, NULL);
	char *dir = g_path_get_dirname(to);
	int rc = cd_mkdirs(dir);
	if (rc == 0 && link(from, to) != 0) {
		if (errno == EEXIST) {
			rc = 0;
		} else {
			/* A file system without hard links: copy. */
			char *data = NULL;
			gsize len = 0;
			GError *err = NULL;
			if (!g_file_get_contents(from, &data, &len, &err)) {
				rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", from, err->message);
				g_error_free(err);
			} else {
				cd_output *o = cd_output_new_staged();
				FILE *fp = cd_output_open(o, to);
				if (!fp || fwrite(data, 1, len, fp) != len)
					rc = -CD_EXIT_NOWRITE;
				if (rc == 0)
					rc = cd_output_commit(o);
				cd_output_free(o);
			}
			g_free(data);
		}
	}
	g_free(dir);
	g_free(from);
	g_free(to);
	return rc;
}

int cd_qs_exists(cd_qs *s, const char *rel)
{
	char *p = g_build_filename(s->dir, rel, NULL);
	int ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
	g_free(p);
	return ok;
}

/* ------------------------------------------------------------------ open, recover, commit */

static char *sibling(const char *dir, const char *what)
{
	char *parent = g_path_get_dirname(dir);
	char *base = g_path_get_basename(dir);
	char *name = g_strdup_printf(".%s.%s", base, what);
	char *p = g_build_filename(parent, name, NULL);
	g_free(parent);
	g_free(base);
	g_free(name);
	return p;
}

static gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Removes the debris of runs that were killed: staging folders, and old trees (an old tree with
 * no QUEUE_DIR beside it is a run killed between the two renames of the fallback swap: it goes
 * back into place). */
static int recover(cd_qs *s)
{
	char *parent = g_path_get_dirname(s->dir);
	char *base = g_path_get_basename(s->dir);
	char *prefix = g_strdup_printf(".%s.", base);
	DIR *d = opendir(parent);
	int rc = 0;
	if (!d) {
		rc = cd_fail(-CD_EXIT_NOREAD, "cannot read folder '%s': %s", parent, strerror(errno));
		goto out;
	}
	struct dirent *e;
	GPtrArray *debris = g_ptr_array_new_with_free_func(g_free);
	while ((e = readdir(d)))
		if (g_str_has_prefix(e->d_name, prefix) && !g_str_has_suffix(e->d_name, ".lock"))
			g_ptr_array_add(debris, g_strdup(e->d_name));
	closedir(d);
	g_ptr_array_sort(debris, name_cmp);
	for (guint i = 0; i < debris->len; i++) {
		const char *name = debris->pdata[i];
		char *p = g_build_filename(parent, name, NULL);
		if (g_str_has_prefix(name + strlen(prefix), "old-") && !g_file_test(s->dir, G_FILE_TEST_EXISTS)) {
			if (rename(p, s->dir) != 0)
				rc = cd_fail(-CD_EXIT_NOWRITE, "cannot restore '%s': %s", s->dir, strerror(errno));
		} else if (cd_qs_rm_rf(p) != 0) {
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot remove '%s': %s", p, strerror(errno));
		}
		g_free(p);
	}
	g_ptr_array_free(debris, TRUE);
out:
	g_free(parent);
	g_free(base);
	g_free(prefix);
	return rc;
}

/* The queue folder as it really is: a symbolic link to a folder is followed (the lock, the staging
 * folder and the swap are beside the real folder, and the link stays a link); a folder that does
 * not exist yet is named under the real path of its parent. Newly allocated, or NULL. */
static char *real_dir(const char *dir, int *rc)
{
	struct stat st;
	if (lstat(dir, &st) == 0) {
		char *r = realpath(dir, NULL);
		if (!r) {
			*rc = cd_fail(-CD_EXIT_NOWRITE, "'%s' is a symbolic link to nothing: %s", dir, strerror(errno));
			return NULL;
		}
		char *g = g_strdup(r);
		free(r);
		return g;
	}
	char *parent = g_path_get_dirname(dir);
	char *base = g_path_get_basename(dir);
	char *rp = realpath(parent, NULL);
	char *out = NULL;
	if (!rp)
		*rc = cd_fail(-CD_EXIT_NOWRITE, "cannot use the queue '%s': %s", dir, strerror(errno));
	else
		out = g_build_filename(rp, base, NULL);
	free(rp);
	g_free(parent);
	g_free(base);
	return out;
}

/* Takes the lock file beside the queue, waiting for another run. The lock file is removed when
 * the run ends; a lock taken on a file that another run removed meanwhile is taken again. */
static int take_lock(cd_qs *s, int create)
{
	s->lock = sibling(s->dir, "lock");
	int said = 0;
	for (;;) {
		s->lock_fd = open(s->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (s->lock_fd < 0)
			return cd_fail(create ? -CD_EXIT_NOWRITE : -CD_EXIT_NOREAD, "cannot lock the queue '%s': %s", s->dir,
			               strerror(errno));
		if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
			if (errno != EWOULDBLOCK)
				return cd_fail(-CD_EXIT_NOWRITE, "cannot lock the queue '%s': %s", s->dir, strerror(errno));
			if (!said++)
				fprintf(stderr, "cindoc queue: waiting for another run on '%s' to finish\n", s->dir);
			if (flock(s->lock_fd, LOCK_EX) != 0)
				return cd_fail(-CD_EXIT_NOWRITE, "cannot lock the queue '%s': %s", s->dir, strerror(errno));
		}
		struct stat a, b;
		if (fstat(s->lock_fd, &a) == 0 && stat(s->lock, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return 0;
		close(s->lock_fd); /* the run before removed it as it ended: take the new one */
		s->lock_fd = -1;
	}
}

int cd_qs_open(cd_qs *s, const char *dir, int create)
{
	memset(s, 0, sizeof *s);
	s->lock_fd = s->staging_fd = -1;
	const char *k = getenv("CINDOC_TEST_KILL_AT");
	s->kill_at = k ? atoi(k) : 0;
	/* A trailing slash would make the siblings land inside the folder. */
	char *given = g_strdup(dir);
	size_t n = strlen(given);
	while (n > 1 && given[n - 1] == '/')
		given[--n] = '\0';
	int rc = 0;
	if (create) {
		char *parent = g_path_get_dirname(given);
		rc = cd_mkdirs_new(parent, &s->made);
		g_free(parent);
		char *abs = s->made ? realpath(s->made, NULL) : NULL;
		if (abs) {
			g_free(s->made);
			s->made = g_strdup(abs);
			free(abs);
		}
	}
	if (rc == 0 && !(s->dir = real_dir(given, &rc)) && rc == 0)
		rc = -CD_EXIT_NOWRITE;
	g_free(given);
	if (rc == 0)
		rc = take_lock(s, create);
	if (rc == 0)
		rc = recover(s);
	if (rc < 0)
		return rc;
	struct stat st;
	if (lstat(s->dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return cd_fail(-CD_EXIT_NOWRITE, "'%s' is not a folder", s->dir);
	char *what = g_strdup_printf("new-%ld", (long)getpid());
	s->staging = sibling(s->dir, what);
	g_free(what);
	return 0;
}

int cd_qs_begin(cd_qs *s)
{
	if (mkdir(s->staging, 0700) != 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot create folder '%s': %s", s->staging, strerror(errno));
	/* Open from now on: the commit's syncfs then also reports a write-back error of any file
	 * written meanwhile (the file system's error count is compared with the one seen here). */
	s->staging_fd = open(s->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->staging_fd < 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot open folder '%s': %s", s->staging, strerror(errno));
	return 0;
}

int cd_qs_commit(cd_qs *s)
{
	cd_qs_checkpoint(s);
	/* Every file in staging is complete (cd_output renames each into place); one syncfs makes
	 * them all and their folders durable before the swap. An fsync per file as it is written
	 * costs a flush of the disk each (about 3 ms: a second and more for a few hundred items),
	 * for nothing that a kill could see: only a crash of the machine, and the swap comes after
	 * this. */
	int rc = 0;
	if (s->staging_fd < 0 || syncfs(s->staging_fd) != 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s' to disk: %s", s->staging,
		             s->staging_fd < 0 ? "not open" : strerror(errno));
	if (s->staging_fd >= 0)
		close(s->staging_fd);
	s->staging_fd = -1;
	char *parent = g_path_get_dirname(s->dir);
	if (rc < 0) {
		/* nothing was swapped: the staging tree goes with cd_qs_close */
	} else if (!g_file_test(s->dir, G_FILE_TEST_EXISTS)) {
		if (rename(s->staging, s->dir) != 0)
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot create '%s': %s", s->dir, strerror(errno));
	} else if (!getenv("CINDOC_TEST_NO_EXCHANGE") &&
	           renameat2(AT_FDCWD, s->staging, AT_FDCWD, s->dir, RENAME_EXCHANGE) == 0) {
		cd_qs_checkpoint(s);
		/* The old tree is now at the staging name. */
		fsync_dir(parent);
		cd_qs_rm_rf(s->staging);
	} else if (getenv("CINDOC_TEST_NO_EXCHANGE") || errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
		char *what = g_strdup_printf("old-%ld", (long)getpid());
		char *old = sibling(s->dir, what);
		g_free(what);
		if (rename(s->dir, old) != 0) {
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot replace '%s': %s", s->dir, strerror(errno));
		} else {
			cd_qs_checkpoint(s);
			if (rename(s->staging, s->dir) != 0) {
				rc = cd_fail(-CD_EXIT_NOWRITE, "cannot replace '%s': %s", s->dir, strerror(errno));
				rename(old, s->dir);
			} else {
				cd_qs_checkpoint(s);
				fsync_dir(parent);
				cd_qs_rm_rf(old);
			}
		}
		g_free(old);
	} else {
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot replace '%s': %s", s->dir, strerror(errno));
	}
	fsync_dir(parent);
	g_free(parent);
	if (rc == 0)
		s->committed = 1;
	return rc;
}

void cd_qs_close(cd_qs *s)
{
	if (s->staging && !s->committed)
		cd_qs_rm_rf(s->staging);
	if (s->staging_fd >= 0)
		close(s->staging_fd);
	if (s->lock_fd >= 0) {
		unlink(s->lock); /* a run waiting on it takes it again (take_lock) */
		close(s->lock_fd); /* releases the lock */
	}
	/* Folders this run made for a queue that it did not write go again. */
	if (!s->committed && s->made)
		cd_rmdirs_new(s->dir ? s->dir : s->made, s->made);
	g_free(s->dir);
	g_free(s->staging);
	g_free(s->lock);
	g_free(s->made);
	memset(s, 0, sizeof *s);
	s->lock_fd = s->staging_fd = -1;
}

/* ------------------------------------------------------------------ the ledger file */

static const char *const columns[CD_QL_N] = {
	"item", "status", "case", "case_file", "recipient", "recipient_name", "document", "meeting",
	"lang", "style", "version", "due", "produced", "issued", "file", "pages", "print_first",
	"print_last", "sha256", "fingerprint",
};

#define LEDGER_MAGIC "# cindoc queue ledger 1"

const char *cd_ql_column(int i)
{
	return columns[i];
}

static void put_escaped(GString *s, const char *v)
{
	for (; v && *v; v++) {
		if (*v == '\\')
			g_string_append(s, "\\\\");
		else if (*v == '\t')
			g_string_append(s, "\\t");
		else if (*v == '\n')
			g_string_append(s, "\\n");
		else if (*v == '\r')
			g_string_append(s, "\\r");
		else
			g_string_append_c(s, *v);
	}
}

static char *unescape(const char *v)
{
	GString *s = g_string_new(NULL);
	for (; *v; v++) {
		if (*v == '\\' && v[1]) {
			v++;
			g_string_append_c(s, *v == 't' ? '\t' : *v == 'n' ? '\n' : *v == 'r' ? '\r' : *v);
		} else {
			g_string_append_c(s, *v);
		}
	}
	return g_string_free(s, FALSE);
}

void cd_ql_row_free(char **row)
{
	if (!row)
		return;
	for (int i = 0; i < CD_QL_N; i++)
		g_free(row[i]);
	g_free(row);
}

static int all_of(const char *v, const char *set, size_t min, size_t max)
{
	size_t n = strlen(v);
	return n >= min && n <= max && strspn(v, set) == n;
}

#define DIGITS "0123456789"

/* "YYYY-MM-DD" in shape (the calendar checks the date itself where it is used). */
static int date_shaped(const char *v)
{
	return strlen(v) == 10 && all_of(v, DIGITS "-", 10, 10) && v[4] == '-' && v[7] == '-' &&
	       strspn(v, DIGITS) == 4 && strspn(v + 5, DIGITS) == 2 && strspn(v + 8, DIGITS) == 2;
}

int cd_ql_file_ok(const char *file)
{
	/* DATE/NAME.pdf, NAME made of [A-Za-z0-9._-], not hidden, not the date's print.pdf: never
	 * a path that leaves the queue folder (no '..', no '/' at the start, no deeper folder). */
	char date[11];
	if (strlen(file) < 16 || file[10] != '/')
		return 0;
	memcpy(date, file, 10);
	date[10] = '\0';
	if (!date_shaped(date))
		return 0;
	const char *name = file + 11;
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".pdf") == 0 && name[0] != '.' && strcmp(name, "print.pdf") != 0 &&
	       all_of(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" DIGITS "._-", 1, 255);
}

/* One row's values: what a run trusts a ledger row to hold. Returns 0 or an error at `ln`. */
static int check_row(const char *path, long ln, char **row)
{
	const char *st = row[CD_QL_STATUS];
	if (!*row[CD_QL_ITEM])
		return cd_error_at(path, ln, "an item with no id");
	if (strcmp(st, "queued") != 0 && strcmp(st, "issued") != 0 && strcmp(st, "withdrawn") != 0)
		return cd_error_at(path, ln, "item '%s' has the unknown status '%s' (queued, issued or withdrawn)",
		                   row[CD_QL_ITEM], st);
	if (!date_shaped(row[CD_QL_DUE]))
		return cd_error_at(path, ln, "item '%s': due '%s' is not a date (YYYY-MM-DD)", row[CD_QL_ITEM], row[CD_QL_DUE]);
	if (!cd_ql_file_ok(row[CD_QL_FILE]) || strncmp(row[CD_QL_FILE], row[CD_QL_DUE], 10) != 0)
		return cd_error_at(path, ln, "item '%s': file '%s' is not a file of this queue (DUE/NAME.pdf)",
		                   row[CD_QL_ITEM], row[CD_QL_FILE]);
	const int nums[] = { CD_QL_PAGES, CD_QL_PRINT_FIRST, CD_QL_PRINT_LAST };
	for (size_t i = 0; i < G_N_ELEMENTS(nums); i++)
		if (!all_of(row[nums[i]], DIGITS, 1, 6))
			return cd_error_at(path, ln, "item '%s': %s '%s' is not a page number", row[CD_QL_ITEM],
			                   columns[nums[i]], row[nums[i]]);
	if (strcmp(st, "withdrawn") != 0 && !all_of(row[CD_QL_SHA256], DIGITS "abcdef", 64, 64))
		return cd_error_at(path, ln, "item '%s': sha256 '%s' is not a SHA-256 digest", row[CD_QL_ITEM],
		                   row[CD_QL_SHA256]);
	if (strcmp(st, "issued") == 0 && !date_shaped(row[CD_QL_ISSUED]))
		return cd_error_at(path, ln, "item '%s' is issued but has no issued date", row[CD_QL_ITEM]);
	return 0;
}

/* Field `col` of a row: in `strs` when given (a value that repeats from row to row once), else
 * its own allocation. */
static char *field(GStringChunk *strs, int col, const char *v)
{
	if (!strs)
		return unescape(v);
	char *u = strchr(v, '\\') ? unescape(v) : NULL;
	const char *t = u ? u : v;
	char *k = cd_ql_unique(col) ? g_string_chunk_insert(strs, t) : g_string_chunk_insert_const(strs, t);
	g_free(u);
	return k;
}

/* One row of the ledger, checked against those before it (`items`, `files`). */
static int read_row(const char *path, long ln, char *line, GPtrArray *rows, GStringChunk *strs, GHashTable *items,
                    GHashTable *files)
{
	char **f = g_strsplit(line, "\t", -1);
	int rc = 0;
	if (g_strv_length(f) != CD_QL_N) {
		rc = cd_error_at(path, ln, "%u fields, expected %d", g_strv_length(f), CD_QL_N);
	} else {
		char **row = g_new0(char *, CD_QL_N);
		for (int i = 0; i < CD_QL_N; i++)
			row[i] = field(strs, i, f[i]);
		g_ptr_array_add(rows, row);
		rc = check_row(path, ln, row);
		gpointer at;
		if (rc == 0 && g_hash_table_lookup_extended(items, row[CD_QL_ITEM], NULL, &at))
			rc = cd_error_at(path, ln, "item '%s' is listed twice (also at %s:%ld)", row[CD_QL_ITEM], path,
			                 (long)GPOINTER_TO_SIZE(at));
		if (rc == 0 && strcmp(row[CD_QL_STATUS], "withdrawn") != 0 &&
		    g_hash_table_lookup_extended(files, row[CD_QL_FILE], NULL, &at))
			rc = cd_error_at(path, ln, "item '%s' shares the file '%s' with the item at %s:%ld", row[CD_QL_ITEM],
			                 row[CD_QL_FILE], path, (long)GPOINTER_TO_SIZE(at));
		g_hash_table_insert(items, row[CD_QL_ITEM], GSIZE_TO_POINTER((gsize)ln));
		if (strcmp(row[CD_QL_STATUS], "withdrawn") != 0)
			g_hash_table_insert(files, row[CD_QL_FILE], GSIZE_TO_POINTER((gsize)ln));
	}
	g_strfreev(f);
	return rc;
}

int cd_ql_read(const char *path, GPtrArray *rows)
{
	return cd_ql_read_into(path, rows, NULL);
}

/* Read line by line: a ledger of many thousand items is never held twice. */
int cd_ql_read_into(const char *path, GPtrArray *rows, GStringChunk *strs)
{
	struct stat st;
	if (lstat(path, &st) != 0 && errno == ENOENT)
		return 0;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return cd_error_at(path, 0, "the ledger is not a plain file");
	FILE *fp = fopen(path, "re");
	if (!fp)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(errno));
	GString *header = g_string_new(NULL);
	for (int i = 0; i < CD_QL_N; i++)
		g_string_append_printf(header, "%s%s", i ? "\t" : "", columns[i]);
	/* item -> line, and file -> line of the waiting or issued item that has it */
	GHashTable *items = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *files = g_hash_table_new(g_str_hash, g_str_equal);
	guint first = rows->len;
	long ln = 0, empty_at = 0;
	int rc = 0, ended = 1; /* ended: the last line read ended with its newline */
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0) {
		ln++;
		ended = n > 0 && line[n - 1] == '\n';
		if (ended)
			line[--n] = '\0';
		if (strlen(line) != (size_t)n)
			rc = cd_error_at(path, ln, "a NUL byte: the ledger is damaged");
		else if (ln == 1 && strcmp(line, LEDGER_MAGIC) != 0)
			/* An empty file, or one cut short before its column names, is a damaged ledger,
			 * never an empty queue. */
			rc = cd_error_at(path, 1, "not a cindoc queue ledger (expected '%s'): the ledger is damaged", LEDGER_MAGIC);
		else if (ln == 2 && strcmp(line, header->str) != 0)
			rc = cd_error_at(path, 2, "the column names are not cindoc's: the ledger is damaged");
		else if (ln > 2 && empty_at)
			rc = cd_error_at(path, empty_at, "an empty line: the ledger is damaged");
		else if (ln > 2 && !*line)
			empty_at = ln;
		else if (ln > 2)
			rc = read_row(path, ln, line, rows, strs, items, files);
	}
	if (rc == 0 && ferror(fp))
		rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(errno));
	if (rc == 0 && ln == 0)
		rc = cd_error_at(path, 1, "not a cindoc queue ledger (expected '%s'): the ledger is damaged", LEDGER_MAGIC);
	else if (rc == 0 && ln == 1)
		rc = cd_error_at(path, 2, "the column names are not cindoc's: the ledger is damaged");
	/* the file ends with a newline: a last line without one was cut short */
	if (rc == 0 && empty_at)
		rc = cd_error_at(path, empty_at, "an empty line: the ledger is damaged");
	if (rc == 0 && !ended)
		rc = cd_error_at(path, ln, "the last line is cut short: the ledger is damaged");
	if (rc < 0) { /* none of it is trusted */
		while (rows->len > first) {
			char **row = g_ptr_array_steal_index(rows, rows->len - 1);
			if (strs)
				g_free(row);
			else
				cd_ql_row_free(row);
		}
	}
	free(line);
	fclose(fp);
	g_hash_table_destroy(items);
	g_hash_table_destroy(files);
	g_string_free(header, TRUE);
	return rc;
}

int cd_ql_write(cd_qs *s, GPtrArray *rows)
{
	char *path = g_build_filename(s->staging, "ledger.tsv", NULL);
	cd_output *o = cd_output_new_staged();
	FILE *fp = cd_output_open(o, path);
	int rc = fp ? 0 : -CD_EXIT_NOWRITE;
	if (fp) {
		/* row by row: the ledger is never held in memory a second time */
		GString *line = g_string_new(LEDGER_MAGIC "\n");
		for (int i = 0; i < CD_QL_N; i++)
			g_string_append_printf(line, "%s%s", i ? "\t" : "", columns[i]);
		g_string_append_c(line, '\n');
		for (guint r = 0; r <= rows->len && rc == 0; r++) {
			if (fwrite(line->str, 1, line->len, fp) != line->len)
				rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s'", path);
			g_string_truncate(line, 0);
			char **row = r < rows->len ? rows->pdata[r] : NULL;
			for (int i = 0; row && i < CD_QL_N; i++) {
				if (i)
					g_string_append_c(line, '\t');
				put_escaped(line, row[i]);
			}
			if (row)
				g_string_append_c(line, '\n');
		}
		g_string_free(line, TRUE);
	}
	if (rc == 0)
		rc = cd_output_commit(o);
	cd_output_free(o);
	g_free(path);
	return rc;
}
