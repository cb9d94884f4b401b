/* writers/protect.c - password protection options (see protect.h). */
#include "writers/protect.h"

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "base/cindoc.h"
#include "writers/out-opts.h"
#include "cmd/cli.h"
#include "base/page.h"

static const cd_opt protect_opts[] = {
	{ CD_OPT_USER_PW_FILE, "user-password-file", 0, "FILE", "the password to open the PDF: the first line of FILE", 0 },
	{ CD_OPT_USER_PW_ENV, "user-password-env", 0, "VAR", "... or the value of environment variable VAR", 0 },
	{ CD_OPT_USER_PW, "user-password", 0, "PASS", "... or PASS itself (other users may see it with ps: avoid)", 0 },
	{ CD_OPT_OWNER_PW_FILE, "owner-password-file", 0, "FILE", "the password that lifts the restrictions (the same "
	  "three forms); when not given, a random one is made and not kept, so nobody can lift them", 0 },
	{ CD_OPT_OWNER_PW_ENV, "owner-password-env", 0, "VAR", "... or the value of environment variable VAR", 0 },
	{ CD_OPT_OWNER_PW, "owner-password", 0, "PASS", "... or PASS itself", 0 },
	{ CD_OPT_ALLOW_PRINT, "allow-print", 0, "yes|no", "may the reader print it (default yes); copying text and "
	  "changing the document are never allowed", 0 },
	{ 0 }
};

const cd_optgroup cd_protect_group = {
	"protection (AES-256; --writer cairo or haru)", protect_opts,
	"Protection is AES-256 (PDF 2.0, security handler revision 6), with the cairo or haru writer; "
	"screen readers may still read the text. Passwords are 1 to 32 printable ASCII characters. A "
	"literal password is blanked in the command line as soon as it is read; passwords are never printed."
};

void cd_protect_init(cd_protect *p)
{
	memset(p, 0, sizeof *p);
	p->allow_print = -1;
}

void cd_protect_wipe(char *s)
{
	if (!s)
		return;
	volatile char *v = s;
	while (*v)
		*v++ = '\0';
	g_free(s);
}

void cd_protect_clear(cd_protect *p)
{
	cd_protect_wipe(p->user);
	cd_protect_wipe(p->owner);
	cd_protect_init(p);
}

int cd_protect_take(cd_protect *p, int id, const char *v)
{
	static const struct { int id; const char *opt; int owner; char kind; } pw[] = {
		{ CD_OPT_USER_PW_FILE, "--user-password-file", 0, 'f' },
		{ CD_OPT_USER_PW_ENV, "--user-password-env", 0, 'e' },
		{ CD_OPT_USER_PW, "--user-password", 0, 'l' },
		{ CD_OPT_OWNER_PW_FILE, "--owner-password-file", 1, 'f' },
		{ CD_OPT_OWNER_PW_ENV, "--owner-password-env", 1, 'e' },
		{ CD_OPT_OWNER_PW, "--owner-password", 1, 'l' },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(pw); k++) {
		if (pw[k].id != id)
			continue;
		const char **src = pw[k].owner ? &p->owner_src : &p->user_src;
		const char **opt = pw[k].owner ? &p->owner_opt : &p->user_opt;
		if (*src)
			return cd_fail(-CD_EXIT_USAGE, "option '%s': the %s password is given twice (also by '%s')",
			               pw[k].opt, pw[k].owner ? "owner" : "user", *opt);
		*src = v;
		*opt = pw[k].opt;
		*(pw[k].owner ? &p->owner_kind : &p->user_kind) = pw[k].kind;
		p->given = 1;
		return 1;
	}
	if (id != CD_OPT_ALLOW_PRINT)
		return 0;
	int b = cd_wopts_bool(v);
	if (b < 0)
		return cd_fail(-CD_EXIT_USAGE, "option '--allow-print' wants yes or no, not '%s'", v);
	p->allow_print = b;
	p->given = 1;
	return 1;
}

/* The most read of a password file (its first line is the password). */
#define PASSWORD_FILE_MAX 4096

/* What is wrong with a password, or NULL: 1 to 32 printable ASCII characters. */
static const char *password_fault(const char *pw)
{
	size_t n = strlen(pw);
	if (n == 0)
		return "is empty";
	if (n > 32)
		return "is longer than 32 characters (PDF uses only 32)";
	for (size_t k = 0; k < n; k++)
		if (pw[k] < 0x20 || pw[k] > 0x7e)
			return "has a character that is not printable ASCII";
	return NULL;
}

/* Reads one password; *out is newly allocated. */
static int read_password(const char *opt, char kind, const char *src, char **out)
{
	char *pw = NULL;
	if (kind == 'f') {
		char *data;
		size_t len;
		struct stat st;
		if (stat(src, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
			cd_warning_at(src, 0, "other users can read this password file (chmod 600 it)");
		/* A regular file only (a FIFO or a device is refused without waiting), and no more
		 * than a password file can hold: one buffer, wiped after use. */
		int rc = cd_read_input(src, PASSWORD_FILE_MAX, &data, &len);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			cd_protect_wipe(data);
			return cd_fail(-CD_EXIT_USAGE, "password file '%s' (%s) is larger than %d bytes: not a password file",
			               src, opt, PASSWORD_FILE_MAX);
		}
		if (memchr(data, '\0', len)) {
			cd_protect_wipe(data);
			return cd_fail(-CD_EXIT_USAGE, "password file '%s' (%s) is not text", src, opt);
		}
		size_t n = strcspn(data, "\r\n");
		pw = g_strndup(data, n);
		cd_protect_wipe(data);
	} else if (kind == 'e') {
		const char *e = getenv(src);
		if (!e || !*e)
			return cd_fail(-CD_EXIT_USAGE, "environment variable '%s' (%s) is not set or empty", src, opt);
		pw = g_strdup(e);
	} else {
		/* a literal password: copied, then blanked in argv, which shortens (but does not
		 * close) the time other users can see it with ps */
		pw = g_strdup(src);
		memset((char *)src, 'x', strlen(src));
	}
	const char *where = kind == 'f' ? "in file" : kind == 'e' ? "in variable" : "given by";
	const char *what = kind == 'l' ? opt : src;
	const char *why = password_fault(pw);
	if (why) {
		cd_protect_wipe(pw);
		return cd_fail(-CD_EXIT_USAGE, "the password %s '%s' %s", where, what, why);
	}
	*out = pw;
	return 0;
}

/* ------------------------------------------------------------------ one password per recipient */

struct cd_protect_map {
	GHashTable *pw;    /* recipient id -> password (wiped when freed) */
	GHashTable *line;  /* recipient id -> its line in the file (GINT_TO_POINTER) */
	char *path;
};

/* The most read of a file of passwords: room for thousands of lines. */
#define PASSWORD_MAP_MAX (1 << 20)

void cd_protect_map_free(cd_protect_map *m)
{
	if (!m)
		return;
	g_hash_table_destroy(m->pw);
	g_hash_table_destroy(m->line);
	g_free(m->path);
	g_free(m);
}

int cd_protect_map_read(const char *path, cd_protect_map **out)
{
	*out = NULL;
	char *data;
	size_t len;
	struct stat st;
	if (stat(path, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
		cd_warning_at(path, 0, "other users can read this password file (chmod 600 it)");
	int rc = cd_read_input(path, PASSWORD_MAP_MAX, &data, &len);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		cd_protect_wipe(data);
		cd_error_at(path, 0, "larger than %d bytes: not a file of passwords", PASSWORD_MAP_MAX);
		return -CD_EXIT_USAGE;
	}
	if (memchr(data, '\0', len)) {
		cd_protect_wipe(data);
		cd_error_at(path, 0, "%s", "not text");
		return -CD_EXIT_USAGE;
	}
	cd_protect_map *m = g_new0(cd_protect_map, 1);
	m->pw = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)cd_protect_wipe);
	m->line = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	m->path = g_strdup(path);
	rc = 0;
	long ln = 0;
	for (char *p = data, *next; rc == 0 && p < data + len; p = next) {
		char *nl = memchr(p, '\n', (size_t)(data + len - p));
		next = nl ? nl + 1 : data + len;
		size_t n = (size_t)((nl ? nl : data + len) - p);
		if (n && p[n - 1] == '\r')
			n--;
		ln++;
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i == n || p[i] == '#')
			continue; /* a blank line or a comment */
		size_t id0 = i;
		while (i < n && p[i] != ' ' && p[i] != '\t')
			i++;
		char *id = g_strndup(p + id0, i - id0);
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		char *pw = g_strndup(p + i, n - i);
		const char *why = !*pw ? "has no password after the recipient's id" : NULL;
		if (!why && (why = password_fault(pw)))
			rc = cd_error_at(path, ln, "the password of '%s' %s", id, why);
		else if (why)
			rc = cd_error_at(path, ln, "'%s' %s (write: ID PASSWORD)", id, why);
		else if (g_hash_table_contains(m->pw, id))
			rc = cd_error_at(path, ln, "'%s' has a password already, on line %d", id,
			                 GPOINTER_TO_INT(g_hash_table_lookup(m->line, id)));
		if (rc == 0) {
			g_hash_table_insert(m->line, g_strdup(id), GINT_TO_POINTER((int)ln));
			g_hash_table_insert(m->pw, id, pw);
		} else {
			g_free(id);
			cd_protect_wipe(pw);
		}
	}
	cd_protect_wipe(data);
	if (rc == 0 && g_hash_table_size(m->pw) == 0)
		rc = cd_error_at(path, 0, "%s", "holds no password (lines of: ID PASSWORD)");
	if (rc < 0) {
		cd_protect_map_free(m);
		return -CD_EXIT_USAGE; /* a fault in the file, reported above */
	}
	*out = m;
	return 0;
}

const char *cd_protect_map_get(const cd_protect_map *m, const char *id)
{
	return m ? g_hash_table_lookup(m->pw, id) : NULL;
}

int cd_protect_map_line(const cd_protect_map *m, const char *id)
{
	return m ? GPOINTER_TO_INT(g_hash_table_lookup(m->line, id)) : 0;
}

GPtrArray *cd_protect_map_ids(const cd_protect_map *m)
{
	GPtrArray *ids = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, m->pw);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(ids, k);
	return ids;
}

int cd_protect_finish(cd_protect *p, const char *writer)
{
	if (!p->given)
		return 0;
	const cd_writer_ops *w = writer ? cd_writer_find(writer) : cd_writer_default();
	if (!w || !(w->caps & CD_WRITER_PROTECT)) {
		const char *opt = p->user_opt ? p->user_opt : p->owner_opt ? p->owner_opt : "--allow-print";
		char *names = cd_writer_names(CD_WRITER_PROTECT, CD_WRITER_INTERNAL, " or ");
		int rc = cd_fail(-CD_EXIT_USAGE, "option '%s' needs a PDF writer, %s (writer '%s' cannot encrypt)",
		                 opt, names, writer ? writer : cd_writer_default()->name);
		g_free(names);
		return rc;
	}
	int rc = 0;
	if (p->user_src)
		rc = read_password(p->user_opt, p->user_kind, p->user_src, &p->user);
	if (!rc && p->owner_src)
		rc = read_password(p->owner_opt, p->owner_kind, p->owner_src, &p->owner);
	if (!rc && p->user && p->owner && strcmp(p->user, p->owner) == 0)
		rc = cd_fail(-CD_EXIT_USAGE, "the owner password must differ from the user password");
	if (rc) {
		cd_protect_wipe(p->user);
		cd_protect_wipe(p->owner);
		p->user = p->owner = NULL;
	}
	return rc;
}

void cd_protect_opts(const cd_protect *p, GString *opts)
{
	cd_protect_opts_for(p, NULL, opts);
}

void cd_protect_opts_for(const cd_protect *p, const char *user, GString *opts)
{
	if (!user)
		user = p->user;
	if (user)
		cd_wopts_append(opts, "user-password", user);
	if (p->owner)
		cd_wopts_append(opts, "owner-password", p->owner);
	if (p->allow_print >= 0)
		cd_wopts_append(opts, "print", p->allow_print ? "yes" : "no");
}

int cd_protect_writer_can(const char *writer)
{
	return strcmp(writer, "cairo") == 0 || strcmp(writer, "haru") == 0;
}

static int random_password(char **out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char raw[32];
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot make a random owner password: %s", strerror(errno));
	char *pw = g_malloc(sizeof raw + 1);
	for (size_t i = 0; i < sizeof raw; i++)
		pw[i] = abc[raw[i] % (sizeof abc - 1)];
	pw[sizeof raw] = '\0';
	memset(raw, 0, sizeof raw);
	*out = pw;
	return 0;
}

int cd_protection_from_opts(const char *writer, const cd_wopt *o, size_t no, cd_protection *p)
{
	memset(p, 0, sizeof *p);
	const char *user = cd_wopts_get(o, no, "user-password");
	const char *owner = cd_wopts_get(o, no, "owner-password");
	const char *print = cd_wopts_get(o, no, "print");
	p->allow_print = 1;
	if (print && (p->allow_print = cd_wopts_bool(print)) < 0)
		return cd_fail(-CD_EXIT_USAGE, "writer '%s': option 'print' wants yes or no, not '%s'", writer, print);
	if (!user && !owner && !print)
		return 0;
	if ((user && !*user) || (owner && !*owner))
		return cd_fail(-CD_EXIT_USAGE, "writer '%s': an empty password", writer);
	if ((user && strlen(user) > 32) || (owner && strlen(owner) > 32))
		return cd_fail(-CD_EXIT_USAGE, "writer '%s': a password longer than 32 characters", writer);
	if (user && owner && strcmp(user, owner) == 0)
		return cd_fail(-CD_EXIT_USAGE, "writer '%s': the owner password must differ from the user password", writer);
	if (owner)
		p->owner = g_strdup(owner);
	else if (random_password(&p->owner) < 0)
		return -CD_EXIT_INTERNAL;
	p->user = g_strdup(user ? user : "");
	p->encrypt = 1;
	return 0;
}

void cd_protection_clear(cd_protection *p)
{
	cd_protect_wipe(p->user);
	cd_protect_wipe(p->owner);
	memset(p, 0, sizeof *p);
}
