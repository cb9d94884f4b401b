/* web/store-drafts.c - drafts of the case store (store.h): what a user typed and saved for
 * later, per user and case, kept beside the history until it is discarded or saved. */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cindoc.h"
#include "web/store-int.h"

static int draft_names_ok(const char *user, const char *name, const char *key)
{
	if (!cd_store_user_ok(user))
		return store_bad_name("user name", user);
	if (name && !cd_store_case_name_ok(name))
		return store_bad_name("case file name", name);
	if (!store_key_ok(key))
		return store_bad_name("draft key", key);
	return 0;
}

static char *draft_dir(cd_store *st, const char *user, const char *name)
{
	return g_build_filename(st->dir, DRAFTS_DIR, user, name ? name : NEW_CASE_DRAFTS, NULL);
}

static char *draft_file(const char *key)
{
	return g_strconcat(key ? key : CASE_DRAFT_KEY, ".draft", NULL);
}

int cd_store_draft_save(cd_store *st, const char *user, const char *name, const char *key,
                        const char *base, const char *data, size_t len)
{
	int rc = draft_names_ok(user, name, key);
	if (rc < 0)
		return rc;
	if (base && *base && (strlen(base) != CD_STORE_TOKEN_LEN || strspn(base, "0123456789abcdef") != CD_STORE_TOKEN_LEN))
		return cd_fail(-CD_EXIT_INVALID, "'%s' is not a version token", base);
	if (len > MAX_DRAFT_BYTES)
		return cd_fail(-CD_EXIT_INVALID, "a draft is at most %u MiB", MAX_DRAFT_BYTES >> 20);
	char *udir = g_build_filename(st->dir, DRAFTS_DIR, user, NULL);
	char *dir = draft_dir(st, user, name);
	rc = store_make_dir(udir);
	if (rc == 0)
		rc = store_make_dir(dir);
	char iso[21];
	store_utc_stamp(time(NULL), iso, NULL);
	char *head = g_strdup_printf(DRAFT_MAGIC "\t%s\t%s\n", base && *base ? base : "-", iso);
	char *file = draft_file(key);
	if (rc == 0)
		rc = store_replace_file(dir, file, head, data, len);
	g_free(file);
	g_free(head);
	g_free(dir);
	g_free(udir);
	return rc;
}

/* Splits a draft file into its header fields and body. 0 or -CD_EXIT_INVALID. */
static int draft_parse(const char *path, char *raw, size_t raw_len, char base[CD_STORE_TOKEN_LEN + 1],
                       char saved[21], size_t *body_at)
{
	char *nl = memchr(raw, '\n', raw_len);
	char **f = NULL;
	int okay = nl != NULL;
	if (okay) {
		*nl = '\0';
		f = g_strsplit(raw, "\t", -1);
		*nl = '\n';
		okay = g_strv_length(f) == 3 && strcmp(f[0], DRAFT_MAGIC) == 0 &&
		       (strcmp(f[1], "-") == 0 || strlen(f[1]) == CD_STORE_TOKEN_LEN) &&
		       strlen(f[2]) == 20;
	}
	if (okay) {
		if (base)
			g_strlcpy(base, strcmp(f[1], "-") == 0 ? "" : f[1], CD_STORE_TOKEN_LEN + 1);
		if (saved)
			g_strlcpy(saved, f[2], 21);
		*body_at = (size_t)(nl + 1 - raw);
	}
	g_strfreev(f);
	return okay ? 0 : cd_error_at(path, 1, "not a draft file");
}

int cd_store_draft_load(cd_store *st, const char *user, const char *name, const char *key,
                        char **data, size_t *len, char base[CD_STORE_TOKEN_LEN + 1],
                        char saved[21])
{
	*data = NULL;
	*len = 0;
	int rc = draft_names_ok(user, name, key);
	if (rc < 0)
		return rc;
	char *dir = draft_dir(st, user, name);
	char *file = draft_file(key);
	char *path = g_build_filename(dir, file, NULL);
	char *raw = NULL;
	size_t raw_len = 0, at = 0;
	rc = store_read_whole(path, MAX_DRAFT_BYTES + 256, &raw, &raw_len);
	if (rc == 0)
		rc = draft_parse(path, raw, raw_len, base, saved, &at);
	if (rc == 0) {
		*len = raw_len - at;
		*data = g_malloc(*len + 1);
		memcpy(*data, raw + at, *len);
		(*data)[*len] = '\0';
	}
	g_free(raw);
	g_free(path);
	g_free(file);
	g_free(dir);
	return rc;
}

int cd_store_draft_discard(cd_store *st, const char *user, const char *name, const char *key)
{
	int rc = draft_names_ok(user, name, key);
	if (rc < 0)
		return rc;
	char *dir = draft_dir(st, user, name);
	char *file = draft_file(key);
	char *path = g_build_filename(dir, file, NULL);
	if (unlink(path) != 0 && errno != ENOENT)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot remove the draft '%s': %s", path, strerror(errno));
	else if (access(dir, F_OK) == 0)
		rc = store_sync_dir(dir);
	rmdir(dir); /* when it was the last draft of the case; fails harmlessly otherwise */
	g_free(path);
	g_free(file);
	g_free(dir);
	return rc;
}

static int newest_first(const void *a, const void *b)
{
	const struct cd_store_draft *x = a, *y = b;
	int c = strcmp(y->saved, x->saved);
	if (c)
		return c;
	c = g_strcmp0(x->name, y->name);
	return c ? c : g_strcmp0(x->key, y->key);
}

int cd_store_drafts(cd_store *st, const char *user, struct cd_store_draft **out)
{
	*out = NULL;
	if (!cd_store_user_ok(user))
		return store_bad_name("user name", user);
	GArray *v = g_array_new(FALSE, TRUE, sizeof(struct cd_store_draft));
	char *udir = g_build_filename(st->dir, DRAFTS_DIR, user, NULL);
	DIR *d = opendir(udir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		const char *cname = e->d_name;
		int is_new = strcmp(cname, NEW_CASE_DRAFTS) == 0;
		if (!is_new && !cd_store_case_name_ok(cname))
			continue;
		char *cdir = g_build_filename(udir, cname, NULL);
		DIR *cd = opendir(cdir);
		struct dirent *f;
		while (cd && (f = readdir(cd)) != NULL) {
			if (!g_str_has_suffix(f->d_name, ".draft"))
				continue;
			char *key = g_strndup(f->d_name, strlen(f->d_name) - strlen(".draft"));
			int whole = strcmp(key, CASE_DRAFT_KEY) == 0;
			if (!whole && !store_key_ok(key)) {
				g_free(key);
				continue;
			}
			char *path = g_build_filename(cdir, f->d_name, NULL);
			char head[256];
			struct cd_store_draft dr = { 0 };
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			ssize_t got = fd >= 0 ? read(fd, head, sizeof head - 1) : -1;
			if (fd >= 0)
				close(fd);
			size_t at = 0;
			if (got > 0 && draft_parse(path, head, (size_t)got, NULL, dr.saved, &at) == 0) {
				dr.name = is_new ? NULL : g_strdup(cname);
				dr.key = whole ? NULL : g_strdup(key);
				g_array_append_val(v, dr);
			}
			g_free(path);
			g_free(key);
		}
		if (cd)
			closedir(cd);
		g_free(cdir);
	}
	if (d)
		closedir(d);
	g_free(udir);
	qsort(v->data, v->len, sizeof(struct cd_store_draft), newest_first);
	int n = (int)v->len;
	*out = (struct cd_store_draft *)g_array_free(v, FALSE);
	return n;
}

void cd_store_drafts_free(struct cd_store_draft *v, int n)
{
	for (int i = 0; v && i < n; i++) {
		g_free(v[i].name);
		g_free(v[i].key);
	}
	g_free(v);
}

