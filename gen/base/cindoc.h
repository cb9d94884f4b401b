/* base/cindoc.h - what every part of cindoc shares: exit codes, errors, data folder, atomic output.
 *
 * Errors (../STYLE §4): functions return 0 (or a count) on success and a negative value on
 * failure, after printing one message. The negative value is minus the exit code that the
 * command should end with (-CD_EXIT_INVALID, ...), so a cmd- file can `return -rc`.
 * Messages about input point at it: "file:line: error: text", lower case, no full stop.
 */
#ifndef CINDOC_H
#define CINDOC_H

#include <stdarg.h>
#include <stdio.h>
#include <glib.h>

#define CINDOC_VERSION "0.1.0"

/* Exit codes; README.md lists them. Keep the two in step. */
enum cd_exit {
	CD_EXIT_OK = 0,        /* done */
	CD_EXIT_WARN = 1,      /* check: lint warnings only */
	CD_EXIT_USAGE = 2,     /* bad command line */
	CD_EXIT_INVALID = 3,   /* input is invalid: case data, FO, stylesheet, closures file */
	CD_EXIT_NOREAD = 4,    /* cannot read an input */
	CD_EXIT_NOWRITE = 5,   /* cannot write an output */
	CD_EXIT_PARTIAL = 6,   /* queue: some cases were skipped, the rest were queued */
	CD_EXIT_REFUSED = 7,   /* a writer refused content it cannot draw faithfully */
	CD_EXIT_INTERNAL = 70  /* a bug: "cannot happen" */
};

/* "file:line: error: text"; line 0 leaves the line out. Returns -CD_EXIT_INVALID. */
int cd_error_at(const char *file, long line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* "file:line: warning: text". */
void cd_warning_at(const char *file, long line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* "cindoc: text"; returns `code` (negative). */
int cd_fail(int code, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* "cindoc: text" on stderr, no return value change. */
void cd_vmessage(const char *prefix, const char *fmt, va_list ap);

/* Where messages go. By default every message above goes to stderr; a sink set on a thread
 * takes that thread's messages instead (kind "error" or "warning", file and line as given,
 * line 0 when none; kind NULL for a plain "cindoc: text"), so a server can show them on a page.
 * cd_sink_set returns the sink it replaced, to put back when done. */
typedef void cd_sink_fn(void *ud, const char *kind, const char *file, long line, const char *text);
struct cd_sink {
	cd_sink_fn *fn;
	void *ud;
};
struct cd_sink cd_sink_set(struct cd_sink sink);
/* A bug: prints with our file and line and aborts. */
#define CD_BUG(...) cd_bug(__FILE__, __LINE__, __VA_ARGS__)
G_NORETURN void cd_bug(const char *file, int line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* The folder that holds templates/, styles/ and fonts/, in this order: $CINDOC_HOME; the source
 * tree, when this is the program built there (gen/cindoc); PREFIX/share/cindoc beside the
 * program's bin/ (an installed copy, wherever it was unpacked); the compiled-in
 * PREFIX/share/cindoc. Newly allocated; *how (when not NULL) says which rule gave it. */
char *cd_datadir_found(const char **how);
char *cd_datadir(void);
/* Checks that the data folder holds the templates: an error names CINDOC_HOME when that gave
 * it. Returns 0 or -CD_EXIT_NOREAD. */
int cd_datadir_check(void);
/* cd_datadir()/rel, newly allocated. */
char *cd_datapath(const char *rel);
/* The names of the files of data folder `sub` ending in `ext` (not hidden), without `ext`,
 * sorted: "templates/l10n", ".xml" gives cy, en, pl, ur. An empty array when the folder cannot
 * be read. Free with g_ptr_array_free(names, TRUE). */
GPtrArray *cd_data_names(const char *sub, const char *ext);

/* Atomic output. Every file a command writes goes through one cd_output: each is first written to
 * a temporary file beside its target (mode 0600: these are confidential records) and all are
 * renamed into place by cd_output_commit(); cd_output_abort() removes them all, so an error or a
 * crash never leaves a half-written file behind. */
typedef struct cd_output cd_output;
cd_output *cd_output_new(void);
/* The same for files written inside a folder that is made durable as a whole before it is put in
 * place (the queue's staging tree, cd_qs_commit): each file is renamed into place as above but
 * not fsync'ed on its own, which costs a disk flush per file. */
cd_output *cd_output_new_staged(void);
/* Opens a temporary file for `path` ("-" is stdout, written directly). NULL after an error. */
FILE *cd_output_open(cd_output *o, const char *path);
/* Closes and renames every file into place. Returns 0 or -CD_EXIT_NOWRITE. */
int cd_output_commit(cd_output *o);
/* Removes every temporary file. Safe after commit (does nothing then). */
void cd_output_abort(cd_output *o);
void cd_output_free(cd_output *o);
/* The files of `o`, in the order they were opened: what a command lists after committing. */
size_t cd_output_count(const cd_output *o);
const char *cd_output_target(const cd_output *o, size_t i);
/* Creates a folder and its parents (mode 0700). Returns 0 or -CD_EXIT_NOWRITE. */
int cd_mkdirs(const char *path);
/* The same, and *made gets the first folder it created (NULL when `path` was there), so that a
 * command that then fails can take back what it made with cd_rmdirs_new(path, *made): it removes
 * `path` and its parents up to `made`, each only when empty. */
int cd_mkdirs_new(const char *path, char **made);
void cd_rmdirs_new(const char *path, const char *made);

/* Input files. Every file cindoc reads as input (a case, a closures or password file, an
 * image, an XSL-FO file) must be a regular file: a FIFO, a device such as /dev/zero, a socket or
 * a folder is refused at once, without blocking (the open is non-blocking, then fstat decides),
 * and no read goes past a limit, so no input can hang a command or fill its memory. */

/* Opens `path` for reading after those checks. Returns the file descriptor, or -CD_EXIT_NOREAD
 * after "cindoc: cannot read 'PATH': not a regular file (a FIFO)" or the system's reason. */
int cd_open_input(const char *path);
/* The same without a message: -1 and *why (a static string) when refused. */
int cd_open_regular(const char *path, const char **why);
/* Reads at most `max` bytes of an open descriptor (`name` for messages) into *data (NUL
 * terminated; g_free it) and *len. Returns 0 when that was all, 1 when there is more (nothing
 * printed: the caller says what the limit means), or -CD_EXIT_NOREAD after a message. */
int cd_read_fd(int fd, const char *name, size_t max, char **data, size_t *len);
/* cd_open_input, then cd_read_fd, then close. "-" is standard input (any kind of file). */
int cd_read_input(const char *path, size_t max, char **data, size_t *len);
/* An image (PNG, the one image format of the FO subset): a regular file of at most
 * CD_IMAGE_MAX_BYTES with a PNG signature and header whose width and height are 1 to
 * CD_IMAGE_MAX_SIDE pixels (a small file can declare a picture that needs gigabytes). Reads it
 * into *data (g_free it) and gives its size in pixels. Returns 0, -CD_EXIT_NOREAD (cannot read) or
 * -CD_EXIT_INVALID (not such a PNG), after "cindoc: cannot read image 'PATH': why". */
#define CD_IMAGE_MAX_BYTES ((size_t)32 * 1024 * 1024)
#define CD_IMAGE_MAX_SIDE 10000
int cd_read_png(const char *path, char **data, size_t *len, unsigned *width, unsigned *height);

/* The most cd_read_file reads; a larger file is refused. */
#define CD_READ_MAX ((size_t)256 * 1024 * 1024)
/* Reads a whole input file ("-" is standard input) of at most CD_READ_MAX bytes. Returns 0 or
 * -CD_EXIT_NOREAD (with a message). */
int cd_read_file(const char *path, char **data, size_t *len);

#endif
