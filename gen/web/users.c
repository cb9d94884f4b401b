/* web/users.c - the users file of the web desk: one user a line, NAME<TAB>ROLE<TAB>HASH.
 *
 * The hash is libsodium's crypto_pwhash_str (Argon2id, with its salt and costs in the string), so
 * the file holds no password. It is written atomically, mode 0600, by `cindoc user`, and read by
 * the server at each login (a user added or removed takes effect at once). */
#include <string.h>
#include <sodium.h>

#include "base/cindoc.h"
#include "web/web.h"

const char *web_role_name(enum web_role r)
{
	switch (r) {
	case WEB_ROLE_MINUTE_TAKER: return "minute-taker";
	case WEB_ROLE_CHAIR: return "chair";
	case WEB_ROLE_ADMIN: return "admin";
	default: return "";
	}
}

enum web_role web_role_parse(const char *s)
{
	if (!s)
		return WEB_ROLE_NONE;
	if (strcmp(s, "minute-taker") == 0)
		return WEB_ROLE_MINUTE_TAKER;
	if (strcmp(s, "chair") == 0)
		return WEB_ROLE_CHAIR;
	if (strcmp(s, "admin") == 0)
		return WEB_ROLE_ADMIN;
	return WEB_ROLE_NONE;
}

int web_user_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > 32 || !g_ascii_isalnum(name[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!(g_ascii_islower(c) || g_ascii_isdigit(c) || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static void user_clear(gpointer p)
{
	web_user *u = p;
	g_free(u->name);
	g_free(u->hash);
}

int web_users_read(const char *path, GArray **users)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(web_user));
	g_array_set_clear_func(a, user_clear);
	*users = a;
	char *text = NULL;
	GError *err = NULL;
	if (!g_file_get_contents(path, &text, NULL, &err)) {
		int missing = g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT);
		int rc = missing ? 0 : cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, err->message);
		g_error_free(err);
		return rc;
	}
	char **lines = g_strsplit(text, "\n", -1);
	g_free(text);
	int rc = 0;
	for (int i = 0; lines[i]; i++) {
		if (!lines[i][0] || lines[i][0] == '#')
			continue;
		char **f = g_strsplit(lines[i], "\t", -1);
		web_user u = { 0 };
		if (g_strv_length(f) != 3 || !web_user_name_ok(f[0]) ||
		    (u.role = web_role_parse(f[1])) == WEB_ROLE_NONE || strncmp(f[2], "$argon2id$", 10) != 0) {
			rc = cd_error_at(path, i + 1, "a user line is NAME, ROLE and an Argon2id hash separated by tabs");
			g_strfreev(f);
			break;
		}
		u.name = g_strdup(f[0]);
		u.hash = g_strdup(f[2]);
		g_array_append_val(a, u);
		g_strfreev(f);
	}
	g_strfreev(lines);
	return rc;
}

void web_users_free(GArray *users)
{
	if (users)
		g_array_free(users, TRUE);
}

int web_users_write(const char *path, GArray *users)
{
	char *dir = g_path_get_dirname(path);
	int rc = cd_mkdirs(dir);
	g_free(dir);
	if (rc)
		return rc;
	cd_output *o = cd_output_new();
	FILE *fp = cd_output_open(o, path);
	if (!fp) {
		cd_output_free(o);
		return -CD_EXIT_NOWRITE;
	}
	fputs("# cindoc web desk users: NAME<TAB>ROLE<TAB>Argon2id hash. Managed by 'cindoc user'.\n", fp);
	for (guint i = 0; i < users->len; i++) {
		web_user *u = &g_array_index(users, web_user, i);
		fprintf(fp, "%s\t%s\t%s\n", u->name, web_role_name(u->role), u->hash);
	}
	rc = cd_output_commit(o);
	cd_output_free(o);
	return rc;
}

char *web_password_hash(const char *password)
{
	char out[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return NULL;
	return g_strdup(out);
}

int web_password_check(const web_user *u, const char *password)
{
	/* An unknown user costs the same time as a known one: a hash of a random password with the
	 * same parameters is checked and fails. */
	static const char dummy[] =
		"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
		"2Y2V3OQkEvnxB4mG4o0Nd1Yc6cz3n5J0E8hQ6JQ2cKQ";
	const char *hash = u ? u->hash : dummy;
	int ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	return u && ok;
}
