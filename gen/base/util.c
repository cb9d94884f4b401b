/* base/util.c - errors, the data folder, atomic output. */
#include "base/cindoc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The one piece of mutable state here: each thread's sink (see cindoc.h); none means stderr. */
static _Thread_local struct cd_sink thread_sink;

struct cd_sink cd_sink_set(struct cd_sink sink)
{
	struct cd_sink old = thread_sink;
	thread_sink = sink;
	return old;
}

static int to_sink(const char *kind, const char *file, long line, const char *fmt, va_list ap)
{
	if (!thread_sink.fn)
		return 0;
	char *text = g_strdup_vprintf(fmt, ap);
	thread_sink.fn(thread_sink.ud, kind, file, line, text);
	g_free(text);
	return 1;
}

void cd_vmessage(const char *prefix, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int taken = to_sink(NULL, NULL, 0, fmt, copy);
	va_end(copy);
	if (taken)
		return;
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void at_message(const char *kind, const char *file, long line, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int taken = to_sink(kind, file, line, fmt, copy);
	va_end(copy);
	if (taken)
		return;
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: %s: ", file, line, kind);
	else if (file)
		fprintf(stderr, "%s: %s: ", file, kind);
	else
		fprintf(stderr, "cindoc: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cd_error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	at_message("error", file, line, fmt, ap);
	va_end(ap);
	return -CD_EXIT_INVALID;
}

void cd_warning_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	at_message("warning", file, line, fmt, ap);
	va_end(ap);
}

int cd_fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cd_vmessage("cindoc: ", fmt, ap);
	va_end(ap);
	return code;
}

void cd_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "cindoc: BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static int has_templates(const char *dir)
{
	char *p = g_build_filename(dir, "templates", "case.xsd", NULL);
	int ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
	g_free(p);
	return ok;
}

/* The running program, with every symbolic link resolved; NULL when unknown. */
static char *self_exe(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	return g_strdup(exe);
}

/* The same file (device and inode), so a source tree reached by another path still counts. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *cd_datadir_found(const char **how)
{
	const char *why = "CINDOC_HOME";
	char *dir = NULL;
	const char *env = getenv("CINDOC_HOME");
	char *exe = NULL;
	if (env && *env) {
		dir = g_strdup(env);
	} else if ((exe = self_exe())) {
		char *built = g_build_filename(CINDOC_SRCDIR, "gen", "cindoc", NULL);
		char *bindir = g_path_get_dirname(exe);
		char *beside = g_build_filename(bindir, "..", "share", "cindoc", NULL);
		if (same_file(exe, built) && has_templates(CINDOC_SRCDIR)) {
			dir = g_strdup(CINDOC_SRCDIR);
			why = "the source tree this program was built in";
		} else if (has_templates(beside)) {
			char *up = g_path_get_dirname(bindir);
			dir = g_build_filename(up, "share", "cindoc", NULL);
			g_free(up);
			why = "installed beside the program";
		}
		g_free(beside);
		g_free(bindir);
		g_free(built);
	}
	g_free(exe);
	if (!dir) {
		dir = g_strdup(CINDOC_DATADIR);
		why = "installed";
	}
	if (how)
		*how = why;
	return dir;
}

char *cd_datadir(void)
{
	return cd_datadir_found(NULL);
}

int cd_datadir_check(void)
{
	const char *how;
	char *dir = cd_datadir_found(&how);
	int rc = 0;
	if (!has_templates(dir)) {
		if (strcmp(how, "CINDOC_HOME") == 0)
			rc = cd_fail(-CD_EXIT_NOREAD, "CINDOC_HOME is '%s', which holds no cindoc data (no "
			             "templates/case.xsd there): point it at a cindoc data folder, or unset it", dir);
		else
			rc = cd_fail(-CD_EXIT_NOREAD, "no cindoc data in '%s' (no templates/case.xsd there): "
			             "reinstall cindoc, or set CINDOC_HOME to a cindoc data folder", dir);
	}
	g_free(dir);
	return rc;
}

char *cd_datapath(const char *rel)
{
	char *dir = cd_datadir();
	char *p = g_build_filename(dir, rel, NULL);
	g_free(dir);
	return p;
}

static gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GPtrArray *cd_data_names(const char *sub, const char *ext)
{
	char *dir = cd_datapath(sub);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while (d && (n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ext) && n[0] != '.')
			g_ptr_array_add(names, g_strndup(n, strlen(n) - strlen(ext)));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, name_cmp);
	g_free(dir);
	return names;
}

int cd_open_regular(const char *path, const char **why)
{
	/* O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = S_ISFIFO(st.st_mode) ? "not a regular file (a FIFO)"
		     : S_ISCHR(st.st_mode) ? "not a regular file (a character device)"
		     : S_ISBLK(st.st_mode) ? "not a regular file (a block device)"
		     : S_ISSOCK(st.st_mode) ? "not a regular file (a socket)"
		     : S_ISDIR(st.st_mode) ? "not a regular file (a folder)" : "not a regular file";
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

/* `what` names the kind of input in messages: "" or "image ". */
static int open_input(const char *path, const char *what)
{
	const char *why = NULL;
	int fd = cd_open_regular(path, &why);
	if (fd < 0)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read %s'%s': %s", what, path, why);
	return fd;
}

int cd_open_input(const char *path)
{
	return open_input(path, "");
}

int cd_read_fd(int fd, const char *name, size_t max, char **data, size_t *len)
{
	size_t cap = max < 65536 ? max + 1 : 65536, n = 0;
	char *buf = g_malloc(cap + 1);
	int more = 0;
	for (;;) {
		if (n == cap) {
			if (cap > max) { /* one byte past the limit was read: there is more */
				more = 1;
				n = max;
				break;
			}
			cap = cap > max / 2 ? max + 1 : cap * 2;
			buf = g_realloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			g_free(buf);
			return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", name, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*data = buf;
	if (len)
		*len = n;
	return more;
}

static int read_input(const char *path, const char *what, size_t max, char **data, size_t *len)
{
	int fd = open_input(path, what);
	if (fd < 0)
		return fd;
	int rc = cd_read_fd(fd, path, max, data, len);
	close(fd);
	return rc;
}

int cd_read_input(const char *path, size_t max, char **data, size_t *len)
{
	/* "-" is standard input: a pipe is what the user asked for, so it is read (to the limit) */
	if (strcmp(path, "-") == 0)
		return cd_read_fd(STDIN_FILENO, "standard input", max, data, len);
	int fd = cd_open_input(path);
	if (fd < 0)
		return fd;
	int rc = cd_read_fd(fd, path, max, data, len);
	close(fd);
	return rc;
}

int cd_read_file(const char *path, char **data, size_t *len)
{
	int rc = cd_read_input(path, CD_READ_MAX, data, len);
	if (rc == 1) {
		g_free(*data);
		*data = NULL;
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': larger than %zu MiB", path,
		               CD_READ_MAX / (1024 * 1024));
	}
	return rc;
}

static guint32 be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

int cd_read_png(const char *path, char **data, size_t *len, unsigned *width, unsigned *height)
{
	char *buf = NULL;
	size_t n = 0;
	int rc = read_input(path, "image ", CD_IMAGE_MAX_BYTES, &buf, &n);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		g_free(buf);
		return cd_fail(-CD_EXIT_INVALID, "cannot read image '%s': larger than %zu MiB", path,
		               CD_IMAGE_MAX_BYTES / (1024 * 1024));
	}
	const unsigned char *b = (const unsigned char *)buf;
	if (n < 33 || memcmp(b, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0) {
		g_free(buf);
		return cd_fail(-CD_EXIT_INVALID, "cannot read image '%s': not a PNG file", path);
	}
	guint32 w = be32(b + 16), h = be32(b + 20);
	if (w < 1 || h < 1 || w > CD_IMAGE_MAX_SIDE || h > CD_IMAGE_MAX_SIDE) {
		g_free(buf);
		return cd_fail(-CD_EXIT_INVALID, "cannot read image '%s': %u x %u pixels (at most %d on a side)",
		               path, (unsigned)w, (unsigned)h, CD_IMAGE_MAX_SIDE);
	}
	*data = buf;
	*len = n;
	if (width)
		*width = w;
	if (height)
		*height = h;
	return 0;
}

struct pending {
	char *target;
	char *tmp;     /* the temporary file, until renamed into place */
	char *backup;  /* during commit: a hard link to what `target` held before */
	int placed;    /* renamed into place by this commit */
	int device;    /* a character device or a FIFO, written to as it is */
	FILE *fp;
};

struct cd_output {
	GArray *files; /* struct pending */
	int committed;
	int staged; /* no fsync per file: the caller makes the whole folder durable */
};

cd_output *cd_output_new(void)
{
	cd_output *o = g_new0(cd_output, 1);
	o->files = g_array_new(FALSE, TRUE, sizeof(struct pending));
	return o;
}

cd_output *cd_output_new_staged(void)
{
	cd_output *o = cd_output_new();
	o->staged = 1;
	return o;
}

/* True when `path` is already the target of a file of `o`: two documents of one run must never
 * be written to one name (the second would silently replace the first). */
static int claimed(const cd_output *o, const char *path)
{
	char *want = g_canonicalize_filename(path, NULL);
	int hit = 0;
	for (guint i = 0; i < o->files->len && !hit; i++) {
		const char *t = g_array_index(o->files, struct pending, i).target;
		if (strcmp(t, "-") == 0)
			continue;
		char *have = g_canonicalize_filename(t, NULL);
		hit = strcmp(have, want) == 0;
		g_free(have);
	}
	g_free(want);
	return hit;
}

FILE *cd_output_open(cd_output *o, const char *path)
{
	struct pending p = { 0 };
	if (strcmp(path, "-") == 0) {
		p.target = g_strdup(path);
		p.fp = stdout;
		g_array_append_val(o->files, p);
		return stdout;
	}
	if (claimed(o, path)) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': this run writes another document to that name", path);
		return NULL;
	}
	/* A character device or a FIFO (-o /dev/null, a pipe) is written to as it is: it is not a file
	 * to replace, and a temporary file renamed onto it would put a regular file in its place. */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
			cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': not a regular file", path);
			return NULL;
		}
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		p.fp = fd < 0 ? NULL : fdopen(fd, "wb");
		if (!p.fp) {
			cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return NULL;
		}
		p.device = 1;
		p.target = g_strdup(path);
		g_array_append_val(o->files, p);
		return p.fp;
	}
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	p.tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	/* mkstemp opens with O_CREAT | O_EXCL, mode 0600: the temporary file is new, never one that
	 * was there (nor a link planted there). */
	int fd = mkstemp(p.tmp);
	if (fd < 0) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path, strerror(errno));
		g_free(p.tmp);
		return NULL;
	}
	fchmod(fd, 0600);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	p.fp = fdopen(fd, "wb");
	if (!p.fp) {
		cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		unlink(p.tmp);
		g_free(p.tmp);
		return NULL;
	}
	p.target = g_strdup(path);
	g_array_append_val(o->files, p);
	return p.fp;
}

/* Puts back what the files placed by a failed commit replaced, and removes the ones that were
 * new: after a failed commit no target has changed. */
static void undo_placed(cd_output *o)
{
	for (guint i = 0; i < o->files->len; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		if (p->placed) {
			if (p->backup)
				rename(p->backup, p->target);
			else
				unlink(p->target);
			p->placed = 0;
		} else if (p->backup) {
			unlink(p->backup);
		}
		g_free(p->backup);
		p->backup = NULL;
	}
}

int cd_output_commit(cd_output *o)
{
	int rc = 0;
	for (guint i = 0; i < o->files->len; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		if (!p->fp)
			continue;
		int bad = p->fp == stdout ? fflush(stdout) != 0
		                          : (fflush(p->fp) != 0 || (!p->device && !o->staged && fsync(fileno(p->fp)) != 0));
		if (p->fp != stdout && fclose(p->fp) != 0)
			bad = 1;
		p->fp = NULL;
		if (bad && !rc)
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", p->target, strerror(errno));
	}
	if (rc) {
		cd_output_abort(o);
		return rc;
	}
	/* All or nothing: keep a hard link to each file about to be replaced, so that a rename that
	 * fails half-way through (a folder in the way, a full disk) can be undone. */
	for (guint i = 0; i < o->files->len && rc == 0; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		struct stat st;
		if (!p->tmp || lstat(p->target, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		p->backup = g_strdup_printf("%s.old", p->tmp);
		if (link(p->target, p->backup) != 0) {
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", p->target, strerror(errno));
			g_free(p->backup);
			p->backup = NULL;
		}
	}
	for (guint i = 0; i < o->files->len && rc == 0; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		if (!p->tmp)
			continue;
		if (rename(p->tmp, p->target) != 0) {
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", p->target, strerror(errno));
			break;
		}
		p->placed = 1;
		g_free(p->tmp);
		p->tmp = NULL;
	}
	if (rc) {
		undo_placed(o);
		cd_output_abort(o);
		return rc;
	}
	for (guint i = 0; i < o->files->len; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		if (p->backup)
			unlink(p->backup);
		g_free(p->backup);
		p->backup = NULL;
		p->placed = 0;
	}
	o->committed = 1;
	return 0;
}

void cd_output_abort(cd_output *o)
{
	for (guint i = 0; i < o->files->len; i++) {
		struct pending *p = &g_array_index(o->files, struct pending, i);
		if (p->fp && p->fp != stdout)
			fclose(p->fp);
		p->fp = NULL;
		if (p->tmp) {
			unlink(p->tmp);
			g_free(p->tmp);
			p->tmp = NULL;
		}
	}
}

void cd_output_free(cd_output *o)
{
	if (!o)
		return;
	cd_output_abort(o);
	for (guint i = 0; i < o->files->len; i++)
		g_free(g_array_index(o->files, struct pending, i).target);
	g_array_free(o->files, TRUE);
	g_free(o);
}

size_t cd_output_count(const cd_output *o)
{
	return o->files->len;
}

const char *cd_output_target(const cd_output *o, size_t i)
{
	return g_array_index(o->files, struct pending, i).target;
}

int cd_mkdirs_new(const char *path, char **made)
{
	*made = NULL;
	char *p = g_strdup(path);
	/* The first missing folder on the way down is the one to remove after a failure. */
	while (!g_file_test(p, G_FILE_TEST_EXISTS)) {
		char *up = g_path_get_dirname(p);
		if (strcmp(up, p) == 0) {
			g_free(up);
			break;
		}
		g_free(*made);
		*made = p;
		p = up;
	}
	g_free(p);
	int rc = cd_mkdirs(path);
	if (rc < 0) {
		g_free(*made);
		*made = NULL;
	}
	return rc;
}

void cd_rmdirs_new(const char *path, const char *made)
{
	if (!made)
		return;
	char *p = g_strdup(path);
	for (;;) {
		if (rmdir(p) != 0 && errno != ENOENT)
			break; /* not empty: it holds something else now */
		if (strcmp(p, made) == 0 || strlen(p) <= strlen(made))
			break;
		char *up = g_path_get_dirname(p);
		g_free(p);
		p = up;
	}
	g_free(p);
}

int cd_mkdirs(const char *path)
{
	if (g_mkdir_with_parents(path, 0700) != 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot create folder '%s': %s", path, strerror(errno));
	return 0;
}
