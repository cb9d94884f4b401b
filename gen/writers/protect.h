/* writers/protect.h - password protection options, shared by render-fo, render and queue.
 *
 *   cd_protect p;
 *   cd_protect_init(&p);
 *   for (i = 0; i < args.n; i++) {                      // the command's doc lists cd_protect_group
 *           int r = cd_protect_take(&p, args.v[i].id, args.v[i].val); // 1 taken, 0 not ours, <0 error
 *           ...
 *   }
 *   rc = cd_protect_finish(&p, writer_name);             // reads files and variables, checks
 *   GString *opts = g_string_new(NULL);
 *   cd_protect_opts(&p, opts);                           // "user-password=...,print=no"
 *   ... cd_render_begin(..., opts->str, ...) ...
 *   cd_protect_clear(&p);                                // wipes the passwords
 *
 * The option string then holds passwords: it must never be printed, logged or put in a
 * manifest (nor may the cd_protect). Messages name options, files and variables, never a
 * password. The PDF writers (cairo, haru) protect with AES-256 in their finishing pass
 * (pdf-finish.h); any of these options with another writer is a usage error. */
#ifndef CD_PROTECT_H
#define CD_PROTECT_H

#include <glib.h>

struct cd_wopt;

typedef struct cd_protect {
	char *user, *owner;   /* the passwords, after cd_protect_finish; NULL when not given */
	int allow_print;      /* 1, 0, or -1 when not given */
	int given;            /* some protection option was given */
	/* where each password comes from (argv strings, not copies) */
	const char *user_src, *owner_src;
	char user_kind, owner_kind; /* 'f' file, 'e' environment variable, 'l' literal */
	const char *user_opt, *owner_opt; /* the option as typed, for messages */
} cd_protect;

/* The options, for a command's description (cli.h). */
extern const struct cd_optgroup cd_protect_group;

void cd_protect_init(cd_protect *p);
/* Takes option `id` of cd_protect_group with its value `v` (pointing into argv, so that a
 * literal password can be blanked there): 1 when it is one of ours, 0 when not. A repeated
 * password or a bad --allow-print value prints a message and returns -CD_EXIT_USAGE. */
int cd_protect_take(cd_protect *p, int id, const char *v);
/* Reads the password files and variables and checks them (1 to 32 printable ASCII characters,
 * owner differs from user), and that `writer` can encrypt (cairo, haru) when anything was given. A password
 * file that other users can read gets a warning; a literal password is blanked in argv once
 * copied. Returns 0, -CD_EXIT_USAGE or -CD_EXIT_NOREAD. */
int cd_protect_finish(cd_protect *p, const char *writer);
/* Appends the PDF writer options (user-password, owner-password, print) to `opts`. */
void cd_protect_opts(const cd_protect *p, GString *opts);
/* The same with `user` (when not NULL) as the password to open it: one recipient's own. */
void cd_protect_opts_for(const cd_protect *p, const char *user, GString *opts);

/* One password per recipient (render --user-passwords FILE). FILE holds lines "ID PASSWORD":
 * the recipient's id in the case, blanks, then the password to the end of the line (1 to 32
 * printable ASCII characters; spaces inside it are kept); blank lines and lines starting with
 * '#' are skipped. Each fault is reported as FILE:LINE, never quoting a password. */
typedef struct cd_protect_map cd_protect_map;
/* Reads FILE (a regular file, at most 1 MiB; a warning when others can read it). Returns 0 or
 * a negative exit code (-CD_EXIT_USAGE for a fault in the file, -CD_EXIT_NOREAD). */
int cd_protect_map_read(const char *path, cd_protect_map **out);
/* The password of recipient `id`, or NULL. */
const char *cd_protect_map_get(const cd_protect_map *m, const char *id);
/* The line of FILE that gives `id` its password (0: none). */
int cd_protect_map_line(const cd_protect_map *m, const char *id);
/* The ids with a password (pointers into the map; free the array with g_ptr_array_free). */
GPtrArray *cd_protect_map_ids(const cd_protect_map *m);
/* Wipes the passwords and frees the map (NULL is fine). */
void cd_protect_map_free(cd_protect_map *m);

/* Whether a writer (by name) can protect its output. */
int cd_protect_writer_can(const char *writer);

/* The protection a PDF writer's options ask for (the writer side of cd_protect_opts). */
typedef struct cd_protection {
	int encrypt;      /* some protection was asked for */
	char *user;       /* "" when none: anyone may open it */
	char *owner;      /* when not given, a random one that is not kept */
	int allow_print;
} cd_protection;
/* The option keys it reads, for a writer's list of known keys. */
#define CD_PROTECTION_KEYS "user-password", "owner-password", "print"
/* Reads user-password=, owner-password=, print= from a writer's options into *p (wiped with
 * cd_protection_clear). Returns 0 or -CD_EXIT_USAGE (naming `writer`), or -CD_EXIT_INTERNAL
 * when no random password can be made. */
int cd_protection_from_opts(const char *writer, const struct cd_wopt *o, size_t no, cd_protection *p);
void cd_protection_clear(cd_protection *p);
/* Wipes and frees the passwords. */
void cd_protect_clear(cd_protect *p);
/* Wipes and frees a string that may hold a password (a GString's str, an option string). */
void cd_protect_wipe(char *s);

#endif
