/* web/store.c - the case store: versioned, atomic saves, history and drafts (see store.h). */
#include "web/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"
#include "case/lint.h"

#include "web/store-int.h"

/* ------------------------------------------------------------------ names */

static int name_chars_ok(const char *s, size_t max)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!g_ascii_isalnum(c) && c != '.' && c != '-' && c != '_')
			return 0;
	}
	return n > 0 && n <= max && s[0] != '.';
}

int cd_store_case_name_ok(const char *name)
{
	if (!name || !name_chars_ok(name, 128) || !g_str_has_suffix(name, ".xml"))
		return 0;
	return strlen(name) > 4 && strcmp(name, CD_AUTHORITY_FILE) != 0;
}

int cd_store_user_ok(const char *user)
{
	if (!user || !*user || strlen(user) > 64 || user[0] == '.')
		return 0;
	for (const char *p = user; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-' && *p != '_' && *p != '@')
			return 0;
	return 1;
}

int store_key_ok(const char *key)
{
	return !key || name_chars_ok(key, 64);
}

int store_bad_name(const char *what, const char *value)
{
	return cd_fail(-CD_EXIT_INVALID, "'%s' is not a valid %s", value ? value : "(none)", what);
}

/* ------------------------------------------------------------------ files */

static void sha256_hex(const char *data, size_t len, char out[CD_STORE_TOKEN_LEN + 1])
{
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(c, (const guchar *)data, (gssize)len);
	g_strlcpy(out, g_checksum_get_string(c), CD_STORE_TOKEN_LEN + 1);
	g_checksum_free(c);
}

/* "2026-11-25T14:03:00Z" for `t`, and the compact form "20261125T140300Z" for file names. */
void store_utc_stamp(time_t t, char iso[21], char compact[17])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	if (iso)
		strftime(iso, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (compact)
		strftime(compact, 17, "%Y%m%dT%H%M%SZ", &tm);
}

int store_make_dir(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return cd_fail(-CD_EXIT_NOWRITE, "cannot make folder '%s': %s", path, strerror(errno));
}

int store_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot open folder '%s': %s", dir, strerror(errno));
	int r = fsync(fd);
	int e = errno;
	close(fd);
	if (r != 0 && e != EINVAL)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot sync folder '%s': %s", dir, strerror(e));
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Writes `head` then `data` to a new temporary file in `dir` (mode 0600, synced). Returns the
 * open-free temporary path (g_free) or NULL after a message. */
static char *write_temp(const char *dir, const char *head, const char *data, size_t len)
{
	char *tmp = g_build_filename(dir, ".save-XXXXXX", NULL);
	int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot write in '%s': %s", dir, strerror(errno));
		g_free(tmp);
		return NULL;
	}
	int bad = fchmod(fd, 0600) != 0 ||
	          (head && write_all(fd, head, strlen(head)) != 0) ||
	          write_all(fd, data, len) != 0 || fsync(fd) != 0;
	int e = errno;
	if (close(fd) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", tmp, strerror(e));
		unlink(tmp);
		g_free(tmp);
		return NULL;
	}
	return tmp;
}

/* Replaces (or makes) dir/name with head + data, atomically. 0 or -CD_EXIT_NOWRITE. */
int store_replace_file(const char *dir, const char *name, const char *head, const char *data,
                        size_t len)
{
	char *tmp = write_temp(dir, head, data, len);
	if (!tmp)
		return -CD_EXIT_NOWRITE;
	char *path = g_build_filename(dir, name, NULL);
	int rc = 0;
	if (rename(tmp, path) != 0) {
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	} else {
		rc = store_sync_dir(dir);
	}
	g_free(path);
	g_free(tmp);
	return rc;
}

/* Reads dir/name whole (at most `max` bytes). 0, CD_STORE_MISSING (no such file) or
 * -CD_EXIT_NOREAD after a message. */
int store_read_whole(const char *path, size_t max, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return CD_STORE_MISSING;
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(errno));
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': not a file", path);
	}
	if ((size_t)sb.st_size > max) {
		close(fd);
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': larger than %zu MiB", path,
		               max / (1024 * 1024));
	}
	int rc = cd_read_fd(fd, path, max, data, len);
	close(fd);
	if (rc == 1) {
		g_free(*data);
		*data = NULL;
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': it keeps growing", path);
	}
	return rc;
}

/* One writer of a case at a time, across threads and processes: flock on a file of its own
 * (each call opens it anew, so two threads of one process exclude each other too). */
static int lock_take(cd_store *st, const char *name)
{
	char *lname = g_strconcat(name, ".lock", NULL);
	char *path = g_build_filename(st->dir, LOCKS_DIR, lname, NULL);
	g_free(lname);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		int rc = cd_fail(-CD_EXIT_NOWRITE, "cannot open the lock '%s': %s", path, strerror(errno));
		g_free(path);
		return rc;
	}
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		int rc = cd_fail(-CD_EXIT_NOWRITE, "cannot lock '%s': %s", path, strerror(errno));
		close(fd);
		g_free(path);
		return rc;
	}
	g_free(path);
	return fd;
}

static void lock_drop(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the last descriptor releases the flock */
}

/* ------------------------------------------------------------------ open */

cd_store *cd_store_open(const char *cases_dir, int *rc)
{
	struct stat sb;
	if (stat(cases_dir, &sb) != 0) {
		*rc = cd_fail(-CD_EXIT_NOREAD, "cannot open the cases folder '%s': %s", cases_dir,
		              strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode)) {
		*rc = cd_fail(-CD_EXIT_NOREAD, "'%s' is not a folder", cases_dir);
		return NULL;
	}
	if (access(cases_dir, W_OK | X_OK) != 0) {
		*rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write in the cases folder '%s': %s", cases_dir,
		              strerror(errno));
		return NULL;
	}
	cd_store *st = g_new0(cd_store, 1);
	st->dir = g_strdup(cases_dir);
	g_mutex_init(&st->checking);
	const char *subs[] = { HISTORY_DIR, DRAFTS_DIR, LOCKS_DIR };
	for (size_t i = 0; i < G_N_ELEMENTS(subs); i++) {
		char *p = g_build_filename(cases_dir, subs[i], NULL);
		*rc = store_make_dir(p);
		g_free(p);
		if (*rc < 0) {
			cd_store_free(st);
			return NULL;
		}
	}
	st->schema = cd_schema_load(rc);
	if (st->schema)
		st->lint = cd_lint_new(rc);
	if (!st->lint) {
		cd_store_free(st);
		return NULL;
	}
	*rc = 0;
	return st;
}

void cd_store_free(cd_store *st)
{
	if (!st)
		return;
	cd_lint_free(st->lint);
	cd_schema_free(st->schema);
	g_mutex_clear(&st->checking);
	g_free(st->dir);
	g_free(st);
}

const char *cd_store_dir(const cd_store *st)
{
	return st->dir;
}

/* ------------------------------------------------------------------ reading */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cd_store_list(cd_store *st, char ***names)
{
	*names = NULL;
	DIR *d = opendir(st->dir);
	if (!d)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read the cases folder '%s': %s", st->dir,
		               strerror(errno));
	GPtrArray *v = g_ptr_array_new();
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (cd_store_case_name_ok(e->d_name))
			g_ptr_array_add(v, g_strdup(e->d_name));
	closedir(d);
	qsort(v->pdata, v->len, sizeof(char *), by_name);
	int n = (int)v->len;
	g_ptr_array_add(v, NULL);
	*names = (char **)g_ptr_array_free(v, FALSE);
	return n;
}

static char *case_path(cd_store *st, const char *name)
{
	return g_build_filename(st->dir, name, NULL);
}

int cd_store_read(cd_store *st, const char *name, char **data, size_t *len,
                  char token[CD_STORE_TOKEN_LEN + 1])
{
	*data = NULL;
	*len = 0;
	if (!cd_store_case_name_ok(name))
		return store_bad_name("case file name", name);
	char *path = case_path(st, name);
	int rc = store_read_whole(path, CD_CASE_MAX_BYTES, data, len);
	if (rc == CD_STORE_MISSING)
		cd_fail(rc, "there is no case '%s' in '%s'", name, st->dir);
	g_free(path);
	if (rc == 0 && token)
		sha256_hex(*data, *len, token);
	return rc;
}

/* ------------------------------------------------------------------ checking */

void cd_store_msgs_clear(cd_store_msgs *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		g_free(m->v[i].kind);
		g_free(m->v[i].file);
		g_free(m->v[i].text);
	}
	g_free(m->v);
	memset(m, 0, sizeof *m);
}

struct collect {
	cd_store_msgs *msgs;
	const char *path; /* the case's path: messages about it get file NULL */
};

static void collect_message(void *ud, const char *kind, const char *file, long line,
                            const char *text)
{
	struct collect *c = ud;
	if (!c->msgs)
		return;
	cd_store_msgs *m = c->msgs;
	m->v = g_renew(struct cd_store_msg, m->v, m->n + 1);
	struct cd_store_msg *msg = &m->v[m->n++];
	msg->kind = g_strdup(kind ? kind : "error");
	msg->file = file && strcmp(file, c->path) != 0 ? g_path_get_basename(file) : NULL;
	msg->line = msg->file ? 0 : line;
	msg->text = msg->file && line > 0 ? g_strdup_printf("line %ld: %s", line, text)
	                                  : g_strdup(text);
	if (strcmp(msg->kind, "warning") == 0)
		m->warnings++;
	else
		m->errors++;
}

/* The check of cd_store_check; *ref (may be NULL) gets the case's reference when it loads. */
static int check_doc(cd_store *st, const char *path, const char *data, size_t len, int strict,
                     cd_store_msgs *msgs, char **ref)
{
	struct collect c = { msgs, path };
	struct cd_sink old = cd_sink_set((struct cd_sink){ collect_message, &c });
	g_mutex_lock(&st->checking);
	xmlDocPtr doc = NULL;
	int rc = cd_case_load_memory(st->schema, path, data, len, &doc);
	if (rc == 0 && !cd_case_is(xmlDocGetRootElement(doc), "case"))
		rc = cd_error_at(path, 0, "the root element must be <case>");
	if (rc == 0)
		rc = cd_authority_complete(st->schema, doc, path);
	struct cd_lint_counts n = { 0, 0 };
	if (rc == 0)
		cd_lint_case(st->lint, path, doc, &n);
	if (rc == 0 && ref)
		*ref = g_strdup(cd_case_attr(xmlDocGetRootElement(doc), "ref"));
	g_mutex_unlock(&st->checking);
	cd_sink_set(old);
	xmlFreeDoc(doc);
	if (rc < 0)
		return -CD_EXIT_INVALID;
	return strict && n.errors ? -CD_EXIT_INVALID : 0;
}

int cd_store_check(cd_store *st, const char *name, const char *data, size_t len, int strict,
                   cd_store_msgs *msgs)
{
	if (!cd_store_case_name_ok(name))
		return store_bad_name("case file name", name);
	char *path = case_path(st, name);
	int rc = check_doc(st, path, data, len, strict, msgs, NULL);
	g_free(path);
	return rc;
}

/* ------------------------------------------------------------------ history */

static char *history_dir(cd_store *st, const char *name)
{
	return g_build_filename(st->dir, HISTORY_DIR, name, NULL);
}

static char *version_file(int seq, const char *saved_iso, const char *user)
{
	/* "2026-11-25T14:03:00Z" -> "20261125T140300Z" */
	char compact[17];
	size_t k = 0;
	for (const char *p = saved_iso; *p && k < sizeof compact - 1; p++)
		if (*p != '-' && *p != ':')
			compact[k++] = *p;
	compact[k] = '\0';
	return g_strdup_printf("%04d-%s-%s.xml", seq, compact, strcmp(user, "-") == 0 ? "outside" : user);
}

/* Parses index.tsv. A line that does not parse is reported and skipped. */
static int history_load(cd_store *st, const char *name, GArray *out)
{
	char *dir = history_dir(st, name);
	char *path = g_build_filename(dir, INDEX_FILE, NULL);
	g_free(dir);
	char *data = NULL;
	size_t len = 0;
	int rc = store_read_whole(path, 64u * 1024 * 1024, &data, &len);
	if (rc == CD_STORE_MISSING) {
		g_free(path);
		return 0;
	}
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	char **lines = g_strsplit(data, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		if (!lines[i][0])
			continue;
		char **f = g_strsplit(lines[i], "\t", -1);
		struct cd_store_version v = { 0 };
		char *end = NULL;
		int okay = g_strv_length(f) == 5;
		if (okay) {
			v.seq = (int)strtol(f[0], &end, 10);
			okay = *end == '\0' && v.seq > 0 && strlen(f[1]) == 20 &&
			       (strcmp(f[2], "-") == 0 || cd_store_user_ok(f[2])) &&
			       strlen(f[3]) == CD_STORE_TOKEN_LEN;
		}
		if (okay) {
			g_strlcpy(v.saved, f[1], sizeof v.saved);
			g_strlcpy(v.user, f[2], sizeof v.user);
			g_strlcpy(v.token, f[3], sizeof v.token);
			v.bytes = (size_t)g_ascii_strtoull(f[4], NULL, 10);
			g_array_append_val(out, v);
		} else {
			cd_warning_at(path, i + 1, "not a history line: skipped");
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(data);
	g_free(path);
	return 0;
}

/* Adds a version (the bytes as they are) to the history: the version file, then its line in the
 * index. Under the case's lock. */
static int history_add(cd_store *st, const char *name, const char *data, size_t len,
                       const char *user, time_t when, int seq)
{
	char *dir = history_dir(st, name);
	int rc = store_make_dir(dir);
	char iso[21], token[CD_STORE_TOKEN_LEN + 1];
	store_utc_stamp(when, iso, NULL);
	sha256_hex(data, len, token);
	char *file = version_file(seq, iso, user);
	if (rc == 0)
		rc = store_replace_file(dir, file, NULL, data, len);
	g_free(file);
	if (rc == 0) {
		char *index = g_build_filename(dir, INDEX_FILE, NULL);
		char *line = g_strdup_printf("%d\t%s\t%s\t%s\t%zu\n", seq, iso, user, token, len);
		int fd = open(index, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0 || write_all(fd, line, strlen(line)) != 0 || fsync(fd) != 0)
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", index, strerror(errno));
		if (fd >= 0)
			close(fd);
		g_free(line);
		g_free(index);
	}
	g_free(dir);
	return rc;
}

/* The history must hold the version the case has now: when the last line is another one (the
 * file was changed outside the store, or never saved through it), it is added as user "-". */
static int history_catch_up(cd_store *st, const char *name, const char *cur, size_t cur_len,
                            const char *cur_token, time_t cur_mtime, int *next_seq)
{
	GArray *v = g_array_new(FALSE, TRUE, sizeof(struct cd_store_version));
	int rc = history_load(st, name, v);
	int last = 0;
	const char *last_token = NULL;
	if (v->len > 0) {
		struct cd_store_version *lv = &g_array_index(v, struct cd_store_version, v->len - 1);
		last = lv->seq;
		last_token = lv->token;
	}
	if (rc == 0 && (!last_token || strcmp(last_token, cur_token) != 0)) {
		rc = history_add(st, name, cur, cur_len, "-", cur_mtime, last + 1);
		last++;
	}
	g_array_free(v, TRUE);
	*next_seq = last + 1;
	return rc;
}

int cd_store_history(cd_store *st, const char *name, struct cd_store_version **out)
{
	*out = NULL;
	if (!cd_store_case_name_ok(name))
		return store_bad_name("case file name", name);
	GArray *v = g_array_new(FALSE, TRUE, sizeof(struct cd_store_version));
	int rc = history_load(st, name, v);
	if (rc < 0) {
		g_array_free(v, TRUE);
		return rc;
	}
	char *data = NULL;
	size_t len = 0;
	char token[CD_STORE_TOKEN_LEN + 1] = "";
	char *path = case_path(st, name);
	if (store_read_whole(path, CD_CASE_MAX_BYTES, &data, &len) == 0)
		sha256_hex(data, len, token);
	g_free(data);
	g_free(path);
	for (guint i = 0; i < v->len; i++) {
		struct cd_store_version *x = &g_array_index(v, struct cd_store_version, i);
		x->current = i + 1 == v->len && strcmp(x->token, token) == 0;
	}
	int n = (int)v->len;
	*out = (struct cd_store_version *)g_array_free(v, FALSE);
	return n;
}

int cd_store_history_read(cd_store *st, const char *name, int seq, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	struct cd_store_version *v = NULL;
	int n = cd_store_history(st, name, &v);
	if (n < 0)
		return n;
	int rc = CD_STORE_MISSING;
	for (int i = 0; i < n; i++) {
		if (v[i].seq != seq)
			continue;
		char *dir = history_dir(st, name);
		char *file = version_file(seq, v[i].saved, v[i].user);
		char *path = g_build_filename(dir, file, NULL);
		rc = store_read_whole(path, CD_CASE_MAX_BYTES, data, len);
		if (rc == CD_STORE_MISSING)
			rc = cd_fail(-CD_EXIT_NOREAD, "version %d of '%s' is listed but its file '%s' "
			             "is gone", seq, name, path);
		else if (rc == 0) {
			char token[CD_STORE_TOKEN_LEN + 1];
			sha256_hex(*data, *len, token);
			if (strcmp(token, v[i].token) != 0) {
				rc = cd_fail(-CD_EXIT_NOREAD, "version %d of '%s' does not match its sha256 "
				             "in the history: '%s' was changed", seq, name, path);
				g_free(*data);
				*data = NULL;
				*len = 0;
			}
		}
		g_free(path);
		g_free(file);
		g_free(dir);
		break;
	}
	if (rc == CD_STORE_MISSING)
		cd_fail(rc, "case '%s' has no version %d", name, seq);
	g_free(v);
	return rc;
}

/* ------------------------------------------------------------------ saving */

int cd_store_save(cd_store *st, const char *name, const char *user, const char *base,
                  const char *data, size_t len, int flags, cd_store_msgs *msgs,
                  char new_token[CD_STORE_TOKEN_LEN + 1])
{
	if (!cd_store_case_name_ok(name))
		return store_bad_name("case file name", name);
	if (!cd_store_user_ok(user))
		return store_bad_name("user name", user);
	if (!base || strlen(base) != CD_STORE_TOKEN_LEN)
		return cd_fail(-CD_EXIT_INVALID, "saving '%s': the version it was made from is not "
		               "given (a sha256 token)", name);
	char *path = case_path(st, name);
	int rc = check_doc(st, path, data, len, flags & CD_STORE_STRICT, msgs, NULL);
	if (rc < 0) {
		g_free(path);
		return rc;
	}

	int lock = lock_take(st, name);
	if (lock < 0) {
		g_free(path);
		return lock;
	}
	char *cur = NULL;
	size_t cur_len = 0;
	struct stat sb = { 0 };
	rc = store_read_whole(path, CD_CASE_MAX_BYTES, &cur, &cur_len);
	if (rc == CD_STORE_MISSING)
		cd_fail(rc, "there is no case '%s' in '%s' (was it removed?)", name, st->dir);
	char token[CD_STORE_TOKEN_LEN + 1] = "", mine[CD_STORE_TOKEN_LEN + 1];
	sha256_hex(data, len, mine);
	if (rc == 0) {
		sha256_hex(cur, cur_len, token);
		stat(path, &sb);
	}
	/* Changed since the editor read it (even to the very text we bring): not ours to replace. */
	if (rc == 0 && strcmp(token, base) != 0)
		rc = CD_STORE_STALE;
	if (rc == 0 && strcmp(token, mine) != 0) {
		int seq = 0;
		rc = history_catch_up(st, name, cur, cur_len, token, sb.st_mtime, &seq);
		if (rc == 0)
			rc = history_add(st, name, data, len, user, time(NULL), seq);
		if (rc == 0)
			rc = store_replace_file(st->dir, name, NULL, data, len);
	}
	lock_drop(lock);
	g_free(cur);
	g_free(path);
	if (rc == 0 && new_token)
		memcpy(new_token, mine, sizeof mine);
	return rc;
}

char *cd_store_name_for_ref(const char *ref)
{
	GString *s = g_string_new(NULL);
	int dash = 0;
	for (const char *p = ref ? ref : ""; *p && s->len < 60; p++) {
		if (g_ascii_isalnum(*p)) {
			if (dash && s->len > 0)
				g_string_append_c(s, '-');
			dash = 0;
			g_string_append_c(s, g_ascii_tolower(*p));
		} else {
			dash = 1;
		}
	}
	if (s->len == 0)
		g_string_append(s, "case");
	g_string_append(s, ".xml");
	return g_string_free(s, FALSE);
}

/* The `ref` of the case in `path`, read from its root element only; NULL when it has none. */
static char *ref_of_file(const char *path)
{
	xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                                                  XML_PARSE_NOWARNING);
	if (!r)
		return NULL;
	char *ref = NULL;
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"ref");
		if (v)
			ref = g_strdup((const char *)v);
		xmlFree(v);
		break;
	}
	xmlFreeTextReader(r);
	return ref;
}

int cd_store_create(cd_store *st, const char *user, const char *data, size_t len, int flags,
                    cd_store_msgs *msgs, char **name, char token[CD_STORE_TOKEN_LEN + 1])
{
	*name = NULL;
	if (!cd_store_user_ok(user))
		return store_bad_name("user name", user);
	/* Checked as the file it will be (the folder's authority.xml completes it). */
	char *probe = g_build_filename(st->dir, "new-case.xml", NULL);
	char *ref = NULL;
	int rc = check_doc(st, probe, data, len, flags & CD_STORE_STRICT, msgs, &ref);
	g_free(probe);
	if (rc < 0)
		return rc;

	/* One creation at a time in the folder, so two cases with one reference cannot both pass. */
	int lock = lock_take(st, ".create");
	if (lock < 0) {
		g_free(ref);
		return lock;
	}
	char **names = NULL;
	int n = cd_store_list(st, &names);
	for (int i = 0; rc == 0 && i < n; i++) {
		char *p = case_path(st, names[i]);
		char *other = ref_of_file(p);
		if (other && strcmp(other, ref) == 0) {
			rc = cd_fail(-CD_EXIT_INVALID, "a case with the reference '%s' exists already: "
			             "'%s'", ref, names[i]);
			struct collect c = { msgs, "" };
			char *text = g_strdup_printf("a case with the reference '%s' exists already", ref);
			collect_message(&c, "error", NULL, 0, text);
			g_free(text);
		}
		g_free(other);
		g_free(p);
	}
	g_strfreev(names);

	char *tmp = rc == 0 ? write_temp(st->dir, NULL, data, len) : NULL;
	if (rc == 0 && !tmp)
		rc = -CD_EXIT_NOWRITE;
	char *base = cd_store_name_for_ref(ref);
	base[strlen(base) - 4] = '\0';
	for (int k = 1; rc == 0 && !*name; k++) {
		char *cand = k == 1 ? g_strconcat(base, ".xml", NULL)
		                    : g_strdup_printf("%s-%d.xml", base, k);
		char *path = case_path(st, cand);
		/* link() never replaces: an existing name fails with EEXIST, whoever made it. */
		if (link(tmp, path) == 0)
			*name = cand;
		else if (errno == EEXIST && k < 1000)
			g_free(cand);
		else {
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path, strerror(errno));
			g_free(cand);
		}
		g_free(path);
	}
	if (tmp) {
		unlink(tmp);
		g_free(tmp);
	}
	if (rc == 0)
		rc = store_sync_dir(st->dir);
	lock_drop(lock);
	g_free(base);
	g_free(ref);
	if (rc < 0) {
		g_free(*name);
		*name = NULL;
		return rc;
	}

	int clock = lock_take(st, *name);
	if (clock >= 0) {
		rc = history_add(st, *name, data, len, user, time(NULL), 1);
		lock_drop(clock);
	} else {
		rc = clock;
	}
	if (token)
		sha256_hex(data, len, token);
	return rc;
}

/* ------------------------------------------------------------------ serializing */

int cd_store_serialize(xmlDocPtr doc, char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	cd_authority_parts *parts = cd_authority_detach(doc);
	xmlChar *buf = NULL;
	int n = 0;
	xmlDocDumpMemoryEnc(doc, &buf, &n, "UTF-8");
	cd_authority_restore(parts);
	if (!buf || n < 0)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot write the case as XML");
	*data = g_strndup((const char *)buf, (gsize)n);
	*len = (size_t)n;
	xmlFree(buf);
	return 0;
}
