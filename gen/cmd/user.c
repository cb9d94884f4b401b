/* cmd/user.c - cindoc user: the accounts of the web desk (add, passwd, remove, list). */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sodium.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "web/web.h"

static const cd_opt user_opts[] = {
	{ 'u', "users", 0, "FILE", "this users file, in place of CASES_DIR/.cindoc/users", 0 },
	{ 0 }
};
static const cd_optgroup user_group = { NULL, user_opts, NULL };

const cd_cmd_doc cd_doc_user = {
	.name = "user",
	.summary = "add, change or remove a user of the web desk",
	.usage = "add CASES_DIR NAME ROLE\npasswd CASES_DIR NAME\nremove CASES_DIR NAME\nlist CASES_DIR\n"
	         "--users FILE add|passwd|remove|list [NAME [ROLE]]",
	.about =
	"Manages the users of the web desk ('cindoc serve'): CASES_DIR/.cindoc/users, mode 0600, one user "
	"a line with their role and an Argon2id hash of the password (never the password). The password "
	"is asked for twice on a terminal, or read as one line from standard input; it must be 10 to 1024 "
	"characters. A running desk sees the change at the next login. Roles: minute-taker (write up "
	"meetings, preview, save), chair (the same, and new cases), admin (read cases, preview copies, "
	"new cases). A NAME is 1 to 32 of a-z 0-9 . _ -",
	.operands = (const cd_term[]){
		{ "CASES_DIR", "the folder the desk serves" },
		{ "NAME", "the user name" },
		{ "ROLE", "minute-taker, chair or admin" },
		{ NULL, NULL } },
	.groups = { &user_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "no such user, the user exists, a bad password, or a bad users file" },
		{ "4", "CASES_DIR is not a folder, or the users file cannot be read" },
		CD_EXITS_NOWRITE,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc user add cases/ sam minute-taker", "asks for sam's password" },
		{ "echo 'a long password' | cindoc user passwd cases/ sam", "a new password from stdin" },
		{ NULL, NULL } },
};

static char *read_password(const char *prompt)
{
	char buf[1100];
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *got = fgets(buf, sizeof buf, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	char *p = g_strdup(buf);
	sodium_memzero(buf, sizeof buf);
	return p;
}

/* Asks for a new password (twice on a terminal) and hashes it. NULL after a message. */
static char *new_hash(int *rc)
{
	char *p1 = read_password("new password: ");
	if (!p1) {
		*rc = cd_fail(-CD_EXIT_INVALID, "user: no password given");
		return NULL;
	}
	size_t n = strlen(p1);
	char *hash = NULL;
	if (n < 10 || n > 1024) {
		*rc = cd_fail(-CD_EXIT_INVALID, "user: a password must be 10 to 1024 characters");
	} else if (isatty(STDIN_FILENO)) {
		char *p2 = read_password("again: ");
		if (!p2 || strcmp(p1, p2) != 0)
			*rc = cd_fail(-CD_EXIT_INVALID, "user: the two passwords differ");
		else if (!(hash = web_password_hash(p1)))
			*rc = cd_fail(-CD_EXIT_INTERNAL, "user: cannot hash the password (out of memory)");
		if (p2)
			sodium_memzero(p2, strlen(p2));
		g_free(p2);
	} else if (!(hash = web_password_hash(p1))) {
		*rc = cd_fail(-CD_EXIT_INTERNAL, "user: cannot hash the password (out of memory)");
	}
	sodium_memzero(p1, n);
	g_free(p1);
	return hash;
}

static int cmd_user_run(const char *users_path, int argc, char **argv);

int cmd_user(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_user, argc, argv, &a))
		return a.exit;
	const char *users_path = cd_args_get(&a, 'u');
	int rc0 = cmd_user_run(users_path, a.noperands, a.operands);
	cd_args_free(&a);
	return rc0;
}

static int cmd_user_run(const char *users_path, int argc, char **argv)
{
	int optind = 0;
	if (optind >= argc)
		return cd_usage_error("user", "no action given (add, passwd, remove or list)");
	const char *action = argv[optind++];
	int want = strcmp(action, "add") == 0 ? 2 : strcmp(action, "passwd") == 0 ? 1
	         : strcmp(action, "remove") == 0 ? 1 : strcmp(action, "list") == 0 ? 0 : -1;
	if (want < 0)
		return cd_usage_error("user", "unknown action '%s' (add, passwd, remove or list)", action);
	if (!users_path)
		want++;
	if (argc - optind != want)
		return cd_usage_error("user", "'user %s' takes %s%s", action,
		                      users_path ? "" : "CASES_DIR ",
		                      want - !users_path == 2 ? "NAME ROLE" : want - !users_path == 1 ? "NAME" : "nothing more");
	char *path;
	if (users_path) {
		path = g_strdup(users_path);
	} else {
		if (!g_file_test(argv[optind], G_FILE_TEST_IS_DIR))
			return cd_fail(CD_EXIT_NOREAD, "user: '%s' is not a folder", argv[optind]);
		path = web_default_users(argv[optind++]);
	}
	const char *name = optind < argc ? argv[optind] : NULL;
	const char *role_s = optind + 1 < argc ? argv[optind + 1] : NULL;
	enum web_role role = web_role_parse(role_s);
	if (name && !web_user_name_ok(name)) {
		g_free(path);
		return cd_usage_error("user", "'%s' is not a user name (1 to 32 of a-z 0-9 . _ -)", name);
	}
	if (role_s && role == WEB_ROLE_NONE) {
		g_free(path);
		return cd_usage_error("user", "unknown role '%s' (minute-taker, chair or admin)", role_s);
	}
	if (sodium_init() < 0) {
		g_free(path);
		return cd_fail(CD_EXIT_INTERNAL, "user: libsodium cannot start");
	}
	GArray *users = NULL;
	int rc = web_users_read(path, &users);
	int at = -1;
	for (guint i = 0; rc == 0 && name && i < users->len; i++)
		if (strcmp(g_array_index(users, web_user, i).name, name) == 0)
			at = (int)i;
	if (rc == 0 && strcmp(action, "list") == 0) {
		for (guint i = 0; i < users->len; i++)
			printf("%s\t%s\n", g_array_index(users, web_user, i).name,
			       web_role_name(g_array_index(users, web_user, i).role));
	} else if (rc == 0 && strcmp(action, "add") == 0) {
		if (at >= 0) {
			rc = cd_fail(-CD_EXIT_INVALID, "user: '%s' exists already (change the password with 'cindoc user passwd')", name);
		} else {
			web_user u = { g_strdup(name), role, new_hash(&rc) };
			g_array_append_val(users, u);
			if (u.hash)
				rc = web_users_write(path, users);
		}
	} else if (rc == 0) {
		if (at < 0) {
			rc = cd_fail(-CD_EXIT_INVALID, "user: no user '%s' in '%s'", name, path);
		} else if (strcmp(action, "remove") == 0) {
			g_array_remove_index(users, (guint)at);
			rc = web_users_write(path, users);
		} else {
			char *h = new_hash(&rc);
			if (h) {
				web_user *u = &g_array_index(users, web_user, at);
				g_free(u->hash);
				u->hash = h;
				rc = web_users_write(path, users);
			}
		}
	}
	web_users_free(users);
	g_free(path);
	return -rc;
}
