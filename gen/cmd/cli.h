/* cli.h - command lines: each command describes itself once, in one cd_cmd_doc, and that one
 * description makes its getopt_long table, its --help, its manual page (cindoc-NAME(1)) and its
 * shell completion. So --help and the manual page can never disagree.
 *
 * A command file holds (see cmd/check.c for a small one, cmd/render.c for shared groups):
 *
 *   enum { O_TODAY = CD_OPT_LOCAL, O_PENDING };         // long-only options: ids from CD_OPT_LOCAL
 *   static const cd_opt due_opts[] = {
 *           { O_TODAY, "today", 0, "DATE", "see the cases as of DATE (YYYY-MM-DD)" },
 *           { 'o', "output", 'o', "FILE", "..." },       // with a short letter, the id is the letter
 *           { O_PENDING, "pending", 0, NULL, "only what is still to do" },   // a flag: arg NULL
 *           { 0 } };
 *   const cd_cmd_doc cd_doc_due = {
 *           .name = "due", .summary = "...", .usage = "[options] CASE|FOLDER...",
 *           .about = "...", .groups = { &due_group, &cd_common_group },   // due_group: { NULL, due_opts }
 *           .exits = ..., .examples = ... };
 *
 *   int cmd_due(int argc, char **argv) {
 *           cd_args a;
 *           if (cd_args_parse(&cd_doc_due, argc, argv, &a))
 *                   return a.exit;                      // --help (0) or a usage error (2)
 *           for (int i = 0; i < a.n; i++)
 *                   switch (a.v[i].id) { case O_TODAY: ...a.v[i].val...; break; }
 *           ... a.operands[0 .. a.noperands-1], a.verbosity ...
 *           cd_args_free(&a);
 *   }
 *
 * To add an option: add a row to the command's table (or to a shared group below, for every
 * command that shows it) and a case to the command's switch. To add a command: see cmd.h.
 * Both "--opt=value" and "--opt value" work; "-" alone and "--" are as POSIX says; an option
 * given twice is a usage error unless it has CD_OPT_REPEAT.
 */
#ifndef CD_CLI_H
#define CD_CLI_H

#include <stdio.h>
#include <glib.h>

/* Option ids: a short option's letter; long-only options of the shared groups take the ids
 * below; a command's own long-only options start at CD_OPT_LOCAL. */
enum {
	CD_OPT_SHARED = 256,
	/* document (fo, render) */
	CD_OPT_DOC, CD_OPT_FOR, CD_OPT_MEETING, CD_OPT_STYLE, CD_OPT_LANG, CD_OPT_VERSION, CD_OPT_DATE,
	/* writer (render-fo, render, queue) */
	CD_OPT_WRITER, CD_OPT_WRITER_OPTS,
	/* protection (render-fo, render, queue): see protect.h */
	CD_OPT_USER_PW_FILE, CD_OPT_USER_PW_ENV, CD_OPT_USER_PW,
	CD_OPT_OWNER_PW_FILE, CD_OPT_OWNER_PW_ENV, CD_OPT_OWNER_PW, CD_OPT_ALLOW_PRINT,
	CD_OPT_PROGRESS,
	CD_OPT_LOCAL = 512
};

enum {
	CD_OPT_REPEAT = 1,  /* may be given more than once */
	CD_OPT_HIDDEN = 2   /* accepted, not shown (for an old spelling) */
};

typedef struct cd_opt {
	int id;             /* what the command's switch sees: the letter, or an id above */
	const char *name;   /* long name, without "--" */
	char letter;        /* short option letter, or 0 */
	const char *arg;    /* the value's name ("FILE"), or NULL for a flag */
	const char *help;   /* what it does (lower case, no full stop; wrapped when printed) */
	unsigned flags;
} cd_opt;

/* A term and its meaning: a subcommand, an exit code, an example ("command", "comment"). */
typedef struct cd_term {
	const char *term, *text;
} cd_term;

typedef struct cd_optgroup {
	const char *title;  /* "protection (--writer haru only)"; NULL: the command's options */
	const cd_opt *opts; /* ends with { 0 } */
	const char *note;   /* a paragraph after the options, or NULL */
} cd_optgroup;

#define CD_MAX_GROUPS 6
#define CD_MAX_SECTIONS 4

/* A section of text or terms after the options (e.g. "writers", "the closures file"). */
typedef struct cd_section {
	const char *title;
	const char *text;        /* paragraphs (see about), or NULL */
	const cd_term *terms;    /* ends with { NULL }, or NULL */
	void (*list)(GPtrArray *terms); /* appends term, text pairs made at run time, or NULL */
} cd_section;

typedef struct cd_cmd_doc {
	const char *name;        /* "render", or "queue mark-issued" for a mode of a command */
	const char *summary;     /* one line: 'cindoc --help' and the manual page's NAME */
	const char *usage;       /* what follows "cindoc NAME "; several forms one per line */
	/* Paragraphs separated by a blank line, wrapped when printed; a line starting with two
	 * spaces is printed as it is (examples, file formats). */
	const char *about;
	const cd_term *operands; /* CASE, FILE...: what each stands for, or NULL */
	const cd_optgroup *groups[CD_MAX_GROUPS]; /* the command's own first, then shared ones */
	cd_section sections[CD_MAX_SECTIONS];
	const struct cd_cmd_doc *modes[3]; /* other forms with their own options (queue mark-issued) */
	const cd_term *exits;    /* exit codes ("0", "done"); ends with { NULL } */
	const cd_term *examples; /* ("cindoc check case.xml", "what it does"); ends with { NULL } */
	int numbers;             /* "-5" is an operand, not an option (calendar add DATE -5) */
} cd_cmd_doc;

/* The options every command takes: -q/--quiet, -v/--verbose, -h/--help (last in every list). */
extern const cd_optgroup cd_common_group;
/* --doc, --for, --meeting, --style, --lang, --version, --date (fo, render): cd_docopt_take(). */
extern const cd_optgroup cd_doc_group;
/* --writer, --writer-opts (render-fo, render, queue). */
extern const cd_optgroup cd_writer_group;
/* The protection options (render-fo, render, queue) are cd_protect_group in protect.h. */

typedef struct cd_optval {
	int id;
	const char *val;       /* the value (points into argv), NULL for a flag */
	const cd_opt *opt;
} cd_optval;

typedef struct cd_args {
	cd_optval *v;          /* the options, in command-line order (not -q, -v, -h) */
	int n;
	char **operands;       /* everything else, in order */
	int noperands;
	int verbosity;         /* -1 with -q, 0, 1 with -v */
	int exit;              /* when cd_args_parse returns non-zero: the exit code */
} cd_args;

/* Parses argv (argv[0] is the command's name) with getopt_long. --help prints the help on
 * stdout; a usage error prints one line on stderr (main adds the pointer to --help). Returns 0
 * to go on, or non-zero with a->exit set (CD_EXIT_OK after --help, CD_EXIT_USAGE). */
int cd_args_parse(const cd_cmd_doc *doc, int argc, char **argv, cd_args *a);
void cd_args_free(cd_args *a);
/* The value of the option `id` (the last one given), or NULL. */
const char *cd_args_get(const cd_args *a, int id);
/* True when the flag or option `id` was given. */
int cd_args_has(const cd_args *a, int id);

/* True when argv holds -h or --help before any "--". */
int cd_wants_help(int argc, char **argv);

/* "cindoc CMD: message" on stderr, one line. Returns CD_EXIT_USAGE. */
int cd_usage_error(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Takes option `id` of cd_doc_group into *req (and the --doc name into *doc): 1 when it is one
 * of them, 0 when not. */
struct cd_doc_request;
int cd_docopt_take(struct cd_doc_request *req, const char **doc, int id, const char *v);
/* With `out` "-" and standard output a terminal: a usage error ("will not write WHAT to a
 * terminal"); else 0. */
int cd_refuse_terminal(const char *cmd, const char *out, const char *what);

/* Appends each writer (name, what it makes) for a "writers" section. */
void cd_list_writers(GPtrArray *terms);

/* The help of a command (its --help). */
void cd_doc_help(const cd_cmd_doc *doc, FILE *fp);
/* The manual page of a command, in roff (man(7)). `all` lists every command for SEE ALSO. */
void cd_doc_man(const cd_cmd_doc *doc, const cd_cmd_doc *const *all, FILE *fp);
/* Every option of a command, for shell completion: one per line, "--name" or "--name=" when it
 * takes a value, then "-x" for the short ones. */
void cd_doc_options(const cd_cmd_doc *doc, FILE *fp);
/* The option of `doc` spelled `word` ("--doc", "-o", "--doc=x"), or NULL. */
const cd_opt *cd_doc_find_option(const cd_cmd_doc *doc, const char *word);

/* Text wrapped at `width` columns, every line after the first indented by `indent` spaces; the
 * first line starts at column `col`. Returns the column after the last character. */
int cd_wrap(FILE *fp, const char *text, int col, int indent, int width);

#endif
