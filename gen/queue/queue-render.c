/* queue/queue-render.c - the items' PDFs and the dates' print.pdf files (queue-int.h), here or in
 * worker processes (-j). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/cindoc.h"
#include "case/case.h"
#include "queue/queue-int.h"
#include "render/render.h"
#include "transform/documents.h"
#include "writers/out-opts.h"
#include "writers/pdf-finish.h"
#include "writers/protect.h"

/* ------------------------------------------------------------------ rendering */

/* What a worker needs, one per process. */
struct worker {
	struct run *r;
	cd_renderer *renderer;
	cd_docs *docs;
	cd_schema *schema;
	GHashTable *cases; /* path -> xmlDocPtr */
	int progress_fd;   /* -1: count in r->done */
};

static void show_progress(struct run *r);

static void tick(struct worker *w)
{
	if (w->progress_fd >= 0) {
		char c = '.';
		if (write(w->progress_fd, &c, 1) < 0) {
			/* the parent is gone; nothing to tell */
		}
		return;
	}
	w->r->done++;
	show_progress(w->r);
}

static int worker_init(struct worker *w, struct run *r, int progress_fd)
{
	memset(w, 0, sizeof *w);
	w->r = r;
	w->progress_fd = progress_fd;
	/* in the run's own process: the case trees and schema read_cases left (queue-int.h) */
	w->cases = r->cases ? r->cases : g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeDoc);
	w->schema = r->schema;
	r->cases = NULL;
	r->schema = NULL;
	return 0;
}

/* The renderer, stylesheets and schema, made when the first item needs them (a worker that only
 * assembles print.pdf files never does). */
static int worker_tools(struct worker *w)
{
	int rc = 0;
	if (w->renderer)
		return 0;
	w->renderer = cd_renderer_new(&rc);
	if (!w->renderer)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	w->docs = cd_docs_new((struct cd_calendar *)w->r->o->cal);
	if (!w->schema)
		w->schema = cd_schema_load(&rc);
	if (!w->docs || !w->schema)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	return 0;
}

static void worker_free(struct worker *w)
{
	if (w->cases)
		g_hash_table_destroy(w->cases);
	if (w->docs)
		cd_docs_free(w->docs);
	if (w->schema)
		cd_schema_free(w->schema);
	if (w->renderer)
		cd_renderer_free(w->renderer);
}

/* The FO of one item, or NULL after reporting. */
static xmlDocPtr item_fo(struct worker *w, struct item *it)
{
	if (worker_tools(w) < 0)
		return NULL;
	xmlDocPtr doc = g_hash_table_lookup(w->cases, it->case_path);
	if (!doc) {
		if (g_hash_table_size(w->cases) >= CD_QUEUE_KEEP_CASES)
			g_hash_table_remove_all(w->cases);
		/* read and found valid by this run a moment ago: not validated again when unchanged */
		if (cd_case_load_checked(w->schema, it->case_path, it->case_sha, &doc) < 0)
			return NULL;
		g_hash_table_insert(w->cases, g_strdup(it->case_path), doc);
	}
	int kind = cd_doc_parse(it->f[CD_QL_DOCUMENT]);
	/* A letter is dated the day it goes out: its due date, or this run when that has passed
	 * (the templates then say sorry that it is late). */
	char sent[CD_DATE_BUF];
	cd_date due;
	cd_date_format(cd_date_parse(it->f[CD_QL_DUE], &due, NULL) == 0 && due > w->r->o->today ? due : w->r->o->today,
	               sent);
	cd_doc_request req = { (cd_doc_kind)kind, it->f[CD_QL_RECIPIENT], *it->f[CD_QL_MEETING] ? it->f[CD_QL_MEETING] : NULL,
		               it->f[CD_QL_STYLE], it->f[CD_QL_LANG], it->f[CD_QL_VERSION], sent };
	xmlDocPtr fo = NULL;
	if (kind < 0 || cd_document_fo(w->docs, doc, it->case_path, &req, &fo) < 0)
		return NULL;
	return fo;
}

/* Renders one FO into its own file in the staging tree; sets pages and sha256. */
static int render_own(struct worker *w, struct item *it, xmlDocPtr fo, GString *result)
{
	struct run *r = w->r;
	char *path = g_build_filename(r->qs.staging, it->f[CD_QL_FILE], NULL);
	char *dir = g_path_get_dirname(path);
	int pages = 0;
	int rc = cd_mkdirs(dir);
	cd_output *out = cd_output_new_staged(); /* the staging tree is made durable as a whole */
	if (rc == 0)
		rc = cd_render_doc_file(w->renderer, cd_writer_find(r->o->writer), r->o->writer_opts, out, path, fo,
		                        it->f[CD_QL_ITEM], &pages);
	if (rc == 0)
		rc = cd_output_commit(out);
	cd_output_free(out); /* after a failure: removes what was written */
	char sha[65] = "";
	if (rc == 0 && cd_qs_sha256_file(path, sha) < 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot read back '%s'", path);
	if (rc == 0)
		g_string_append_printf(result, "own\t%s\t%d\t%s\n", it->f[CD_QL_ITEM], pages, sha);
	g_free(dir);
	g_free(path);
	cd_qs_checkpoint(&r->qs);
	return rc;
}

/* Rendering runs in two phases, each a list of tasks shared out among the workers: first every
 * item that needs it is rendered into its own PDF (one task per item), then each date whose
 * print.pdf must be made again (one task per date). A worker appends its results as lines to a
 * string, written at the end to ".results/PHASE-WORKER" in the staging tree and read back by the
 * parent: "own ITEM PAGES SHA256", "failed ITEM", "print ITEM FIRST LAST", "keep-print DATE". */
typedef int (*task_fn)(struct worker *w, void *task, GString *result);

/* Phase 1: one item into its own file. */
static int task_own(struct worker *w, void *task, GString *result)
{
	struct item *it = task;
	xmlDocPtr fo = item_fo(w, it);
	int rc = fo ? render_own(w, it, fo, result) : -1;
	xmlFreeDoc(fo);
	if (rc < 0) {
		g_string_append_printf(result, "failed\t%s\n", it->f[CD_QL_ITEM]);
		fprintf(stderr, "cindoc queue: '%s' is skipped\n", it->f[CD_QL_ITEM]);
	}
	tick(w);
	return 0; /* an item that fails is skipped, the run goes on */
}

/* Writes print.pdf of a date from the items' own PDFs in the staging tree (cd_pdf_concat_write):
 * nothing is laid out again. Protected like the items, with the same options. */
static int write_print(struct run *r, struct date_job *dj, GPtrArray *in, GString *result)
{
	const char **paths = g_new0(const char *, in->len);
	int *pages = g_new0(int, in->len);
	for (guint i = 0; i < in->len; i++)
		paths[i] = g_build_filename(r->qs.staging, ((struct item *)in->pdata[i])->f[CD_QL_FILE], NULL);
	char *print = g_build_filename(r->qs.staging, dj->date, "print.pdf", NULL);
	static const char *const known[] = { CD_PROTECTION_KEYS, NULL };
	cd_wopt *wo = NULL;
	size_t nwo = 0;
	cd_protection prot;
	memset(&prot, 0, sizeof prot);
	int rc = cd_wopts_parse(r->o->writer, r->o->writer_opts, known, &wo, &nwo);
	if (rc == 0)
		rc = cd_protection_from_opts(r->o->writer, wo, nwo, &prot);
	cd_output *o = cd_output_new_staged();
	FILE *fp = rc == 0 ? cd_output_open(o, print) : NULL;
	if (rc == 0 && !fp)
		rc = -CD_EXIT_NOWRITE;
	if (rc == 0) {
		cd_pdf_concat c = { print, paths, in->len, 1, prot.user, prot.encrypt, prot.user, prot.owner,
			            prot.allow_print };
		rc = cd_pdf_concat_write(&c, pages, fp);
	}
	rc = rc == 0 ? cd_output_commit(o) : rc;
	if (rc < 0)
		cd_output_abort(o);
	cd_output_free(o);
	for (guint i = 0, first = 1; i < in->len && rc == 0; i++) {
		g_string_append_printf(result, "print\t%s\t%u\t%u\n", ((struct item *)in->pdata[i])->f[CD_QL_ITEM], first,
		                       first + (guint)pages[i] - 1);
		first += (guint)pages[i] + (guint)pages[i] % 2;
	}
	cd_protection_clear(&prot);
	cd_wopts_free(wo, nwo);
	for (guint i = 0; i < in->len; i++)
		g_free((char *)paths[i]);
	g_free(paths);
	g_free(pages);
	g_free(print);
	return rc;
}

/* Phase 2: print.pdf of one date, from every queued item of the date that has its PDF, each
 * starting on an odd page; kept as it was when nothing it would hold changed (every item that
 * needed rendering failed). */
static int task_print(struct worker *w, void *task, GString *result)
{
	struct date_job *dj = task;
	struct run *r = w->r;
	int changed = dj->lost, rc = 0;
	GPtrArray *in = g_ptr_array_new();
	for (guint i = 0; i < dj->items->len; i++) {
		struct item *it = dj->items->pdata[i];
		if (it->failed) {
			changed |= atoi(it->f[CD_QL_PRINT_FIRST]) > 0;
			continue;
		}
		changed |= it->render || atoi(it->f[CD_QL_PRINT_FIRST]) <= 0;
		g_ptr_array_add(in, it);
	}
	if (!changed)
		g_string_append_printf(result, "keep-print\t%s\n", dj->date);
	else if (in->len)
		rc = write_print(r, dj, in, result);
	for (guint i = 0; i < dj->items->len; i++)
		tick(w);
	g_ptr_array_free(in, TRUE);
	cd_qs_checkpoint(&r->qs);
	return rc;
}

/* Writes ".results/NAME" in the staging tree: a worker's results, or its tasks. */
static int put_file(struct run *r, const char *name, const char *data, size_t len)
{
	char *rdir = g_build_filename(r->qs.staging, ".results", NULL);
	char *path = g_build_filename(rdir, name, NULL);
	cd_output *o = cd_output_new_staged();
	FILE *fp = cd_mkdirs(rdir) == 0 ? cd_output_open(o, path) : NULL;
	int rc = fp && fwrite(data, 1, len, fp) == len ? cd_output_commit(o) : -CD_EXIT_NOWRITE;
	cd_output_free(o);
	g_free(path);
	g_free(rdir);
	return rc;
}

/* Writes a worker's results file, ".results/PHASE-K". */
static int write_results(struct run *r, const char *phase, int k, GString *result)
{
	char *name = g_strdup_printf("%s-%d", phase, k);
	int rc = put_file(r, name, result->str, result->len);
	g_free(name);
	return rc;
}

/* Runs the tasks of worker k of `step` (those whose lane is k modulo step; without lanes every
 * step-th task from k) and writes the results file. */
static int worker_run(struct worker *w, const char *phase, int k, int step, GPtrArray *tasks, const guint *lanes,
                      task_fn fn)
{
	GString *result = g_string_new(NULL);
	int rc = 0;
	for (guint i = 0; i < tasks->len && rc == 0; i++)
		if ((lanes ? lanes[i] : i) % (guint)step == (guint)k)
			rc = fn(w, tasks->pdata[i], result);
	if (rc == 0)
		rc = write_results(w->r, phase, k, result);
	g_string_free(result, TRUE);
	return rc;
}

static void show_progress(struct run *r)
{
	if (!r->o->progress)
		return;
	double s = (double)(g_get_monotonic_time() - r->t0) / 1e6;
	fprintf(stderr, "\rqueue: %d/%d items, %.1f items/s ", r->done, r->total, s > 0 ? r->done / s : 0.0);
}

/* Reads a phase's results files back into the items. */
static int read_results(struct run *r, const char *phase, int workers, GHashTable *djs_by_date)
{
	int rc = 0;
	for (int k = 0; k < workers && rc == 0; k++) {
		char *name = g_strdup_printf("%s-%d", phase, k);
		char *path = g_build_filename(r->qs.staging, ".results", name, NULL);
		char *text = NULL;
		g_free(name);
		rc = cd_read_file(path, &text, NULL);
		unlink(path);
		g_free(path);
		if (rc < 0)
			break;
		char **lines = g_strsplit(text, "\n", -1);
		g_free(text);
		for (char **l = lines; *l && rc == 0; l++) {
			char **f = g_strsplit(*l, "\t", -1);
			guint nf = g_strv_length(f);
			struct item *it = nf >= 2 ? g_hash_table_lookup(r->by_key, f[1]) : NULL;
			if (it && strcmp(f[0], "own") == 0 && nf == 4) {
				set(it, CD_QL_PAGES, f[2]);
				set(it, CD_QL_SHA256, f[3]);
			} else if (it && strcmp(f[0], "print") == 0 && nf == 4) {
				set(it, CD_QL_PRINT_FIRST, f[2]);
				set(it, CD_QL_PRINT_LAST, f[3]);
				it->printed = 1;
			} else if (it && strcmp(f[0], "failed") == 0) {
				it->failed = 1;
			} else if (nf == 2 && strcmp(f[0], "keep-print") == 0) {
				struct date_job *dj = g_hash_table_lookup(djs_by_date, f[1]);
				if (dj)
					dj->kept = 1;
				char *rel = g_build_filename(f[1], "print.pdf", NULL);
				if (cd_qs_exists(&r->qs, rel))
					rc = cd_qs_carry(&r->qs, rel);
				g_free(rel);
			}
			g_strfreev(f);
		}
		g_strfreev(lines);
	}
	return rc;
}

/* ------------------------------------------------------------------ the worker pool */

/* With -j N (N > 1) the run forks its N workers as it starts, before the ledger is read and
 * before any case is: a worker holds its own renderer and the case it works on, never the
 * run's items (a forked copy of a parent that holds the ledger would carry every row, and its
 * memory would grow with the queue). Each phase the parent writes worker K's tasks to
 * ".results/PHASE-K.tasks" in the staging tree and sends "PHASE\n" over the worker's socket;
 * the worker answers '.' per item done and 'D' when its results file is written, and ends when
 * the socket closes. A task is a run of NUL-ended strings: an item's case file, the SHA-256 of
 * the case's bytes that the run found valid, and the columns of queue-int.h it needs. */
struct pool {
	int n;
	pid_t *pids; /* 0: reaped */
	int *fds;    /* the parent's end of each worker's socket; -1: closed */
};

static void put_str(GString *s, const char *v)
{
	g_string_append(s, v ? v : "");
	g_string_append_c(s, '\0');
}

/* The columns a worker needs of an item to render it, and of an item of a print.pdf. */
static const int own_cols[] = { CD_QL_ITEM,  CD_QL_DOCUMENT, CD_QL_RECIPIENT, CD_QL_MEETING, CD_QL_STYLE,
	                        CD_QL_LANG,  CD_QL_VERSION,  CD_QL_DUE,       CD_QL_FILE };
static const int print_cols[] = { CD_QL_ITEM, CD_QL_FILE, CD_QL_PRINT_FIRST };

static void encode_own(GString *s, void *task)
{
	struct item *it = task;
	put_str(s, it->case_path);
	put_str(s, it->case_sha);
	for (size_t c = 0; c < G_N_ELEMENTS(own_cols); c++)
		put_str(s, it->f[own_cols[c]]);
}

static void encode_print(GString *s, void *task)
{
	struct date_job *dj = task;
	put_str(s, dj->date);
	g_string_append_printf(s, "%d%c%u%c", dj->lost, 0, dj->items->len, 0);
	for (guint i = 0; i < dj->items->len; i++) {
		struct item *it = dj->items->pdata[i];
		for (size_t c = 0; c < G_N_ELEMENTS(print_cols); c++)
			put_str(s, it->f[print_cols[c]]);
		g_string_append_printf(s, "%d%c%d%c", it->render, 0, it->failed, 0);
	}
}

/* The next string of a tasks file, in `strs`; NULL at its end. */
static const char *next_str(FILE *fp, GStringChunk *strs, char **buf, size_t *cap)
{
	ssize_t n = getdelim(buf, cap, '\0', fp);
	if (n <= 0 || (*buf)[n - 1] != '\0')
		return NULL;
	return g_string_chunk_insert_const(strs, *buf);
}

/* A task's item: the columns `cols` from the file, the others empty; its strings in `strs`. */
static struct item *decode_item(FILE *fp, GStringChunk *strs, const int *cols, size_t ncols, char **buf, size_t *cap)
{
	struct item *it = g_new0(struct item, 1);
	it->strs = strs;
	it->f = g_new0(char *, CD_QL_N);
	for (int c = 0; c < CD_QL_N; c++)
		it->f[c] = (char *)g_string_chunk_insert_const(strs, "");
	for (size_t c = 0; c < ncols; c++) {
		const char *v = next_str(fp, strs, buf, cap);
		if (!v) {
			item_free(it);
			return NULL;
		}
		it->f[cols[c]] = (char *)v;
	}
	return it;
}

/* Reads the worker's tasks of `phase` one by one and runs each; writes its results file. */
static int child_phase(struct worker *w, const char *phase, int k)
{
	struct run *r = w->r;
	int own = strcmp(phase, "own") == 0;
	char *name = g_strdup_printf("%s-%d.tasks", phase, k);
	char *path = g_build_filename(r->qs.staging, ".results", name, NULL);
	FILE *fp = (own || strcmp(phase, "print") == 0) ? fopen(path, "rb") : NULL;
	int rc = fp ? 0 : cd_fail(-CD_EXIT_INTERNAL, "cannot read '%s': %s", path, strerror(errno));
	GString *result = g_string_new(NULL);
	char *buf = NULL;
	size_t cap = 0;
	while (rc == 0) {
		GStringChunk *strs = g_string_chunk_new(1024);
		if (own) {
			const char *case_path = next_str(fp, strs, &buf, &cap);
			const char *case_sha = case_path ? next_str(fp, strs, &buf, &cap) : NULL;
			struct item *it = case_sha ? decode_item(fp, strs, own_cols, G_N_ELEMENTS(own_cols), &buf, &cap) : NULL;
			if (it) {
				it->case_path = g_strdup(case_path);
				it->case_sha = case_sha;
				rc = task_own(w, it, result);
				item_free(it);
			}
			g_string_chunk_free(strs);
			if (!it)
				break;
			continue;
		}
		struct date_job dj = { 0 };
		const char *date = next_str(fp, strs, &buf, &cap);
		const char *lost = date ? next_str(fp, strs, &buf, &cap) : NULL;
		const char *count = lost ? next_str(fp, strs, &buf, &cap) : NULL;
		guint n = count ? (guint)strtoul(count, NULL, 10) : 0;
		dj.date = (char *)date;
		dj.lost = lost ? atoi(lost) : 0;
		dj.items = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
		for (guint i = 0; i < n; i++) {
			struct item *it = decode_item(fp, strs, print_cols, G_N_ELEMENTS(print_cols), &buf, &cap);
			const char *rend = it ? next_str(fp, strs, &buf, &cap) : NULL;
			const char *failed = rend ? next_str(fp, strs, &buf, &cap) : NULL;
			if (!failed) {
				if (it)
					item_free(it);
				date = NULL; /* cut short: the parent wrote it whole, so never */
				break;
			}
			it->render = atoi(rend);
			it->failed = atoi(failed);
			g_ptr_array_add(dj.items, it);
		}
		if (date)
			rc = task_print(w, &dj, result);
		g_ptr_array_free(dj.items, TRUE);
		g_string_chunk_free(strs);
		if (!date)
			break;
	}
	free(buf);
	if (fp)
		fclose(fp);
	unlink(path);
	if (rc == 0)
		rc = write_results(r, phase, k, result);
	g_string_free(result, TRUE);
	g_free(path);
	g_free(name);
	return rc;
}

/* A worker of the pool: runs each phase it is sent, until its socket closes. */
G_GNUC_NORETURN static void child_main(struct run *r, int k, int fd)
{
	struct worker w;
	int rc = worker_init(&w, r, fd);
	char line[32];
	size_t len = 0;
	while (rc == 0) {
		ssize_t n = read(fd, line + len, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* the run is over */
		if (line[len] != '\n' && len + 1 < sizeof line) {
			len++;
			continue;
		}
		line[len] = '\0';
		len = 0;
		rc = child_phase(&w, line, k);
		if (rc == 0 && send(fd, "D", 1, MSG_NOSIGNAL) != 1)
			rc = -CD_EXIT_INTERNAL; /* the parent is gone */
	}
	worker_free(&w);
	fflush(NULL);
	_exit(rc < 0 ? -rc : 0);
}

int pool_start(struct run *r)
{
	int jobs = r->o->jobs;
	if (jobs < 2)
		return 0; /* -j 1: the run renders in its own process */
	struct pool *p = g_new0(struct pool, 1);
	p->pids = g_new0(pid_t, jobs);
	p->fds = g_new(int, jobs);
	r->pool = p;
	fflush(NULL);
	pid_t parent = getpid();
	for (int k = 0; k < jobs; k++) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
			return cd_fail(-CD_EXIT_INTERNAL, "cannot start workers: %s", strerror(errno));
		pid_t pid = fork();
		if (pid == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed run takes its workers with it */
			if (getppid() != parent)
				_exit(CD_EXIT_INTERNAL);
			close(sv[0]);
			for (int j = 0; j < p->n; j++)
				close(p->fds[j]);
			if (r->qs.lock_fd >= 0)
				close(r->qs.lock_fd); /* the lock is the run's: it goes when the parent ends */
			child_main(r, k, sv[1]);
		}
		close(sv[1]);
		if (pid < 0) {
			close(sv[0]);
			return cd_fail(-CD_EXIT_INTERNAL, "cannot start workers: %s", strerror(errno));
		}
		p->pids[p->n] = pid;
		p->fds[p->n] = sv[0];
		p->n++;
	}
	return 0;
}

/* Reaps worker k; returns its failure (negative) or 0. */
static int reap(struct pool *p, int k, int quiet)
{
	int st = 0;
	if (p->pids[k] <= 0)
		return 0;
	while (waitpid(p->pids[k], &st, 0) < 0 && errno == EINTR)
		;
	p->pids[k] = 0;
	if (WIFSIGNALED(st))
		return quiet ? -CD_EXIT_INTERNAL : cd_fail(-CD_EXIT_INTERNAL, "a worker died of signal %d", WTERMSIG(st));
	if (WEXITSTATUS(st) != 0)
		return -WEXITSTATUS(st);
	return 0;
}

void pool_stop(struct run *r, int abort_run)
{
	struct pool *p = r->pool;
	if (!p)
		return;
	for (int k = 0; k < p->n; k++) {
		if (abort_run && p->pids[k] > 0)
			kill(p->pids[k], SIGKILL);
		if (p->fds[k] >= 0)
			close(p->fds[k]);
	}
	for (int k = 0; k < p->n; k++)
		reap(p, k, 1);
	g_free(p->pids);
	g_free(p->fds);
	g_free(p);
	r->pool = NULL;
}

typedef void (*task_enc)(GString *s, void *task);

/* Writes worker k's tasks file of a phase: every task of a lane that is k modulo n. */
static int pool_tasks(struct run *r, const char *phase, int k, GPtrArray *tasks, const guint *lanes, task_enc enc)
{
	struct pool *p = r->pool;
	char *rdir = g_build_filename(r->qs.staging, ".results", NULL);
	char *name = g_strdup_printf("%s-%d.tasks", phase, k);
	char *path = g_build_filename(rdir, name, NULL);
	cd_output *o = cd_output_new_staged();
	FILE *fp = cd_mkdirs(rdir) == 0 ? cd_output_open(o, path) : NULL;
	int rc = fp ? 0 : -CD_EXIT_NOWRITE;
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < tasks->len && rc == 0; i++) {
		if ((lanes ? lanes[i] : i) % (guint)p->n != (guint)k)
			continue;
		g_string_truncate(s, 0);
		enc(s, tasks->pdata[i]);
		if (fwrite(s->str, 1, s->len, fp) != s->len)
			rc = -CD_EXIT_NOWRITE;
	}
	if (rc == 0)
		rc = cd_output_commit(o);
	cd_output_free(o);
	g_string_free(s, TRUE);
	g_free(path);
	g_free(name);
	g_free(rdir);
	return rc;
}

/* One phase in the pool: the tasks written out, each worker started on its own, then their
 * progress counted until every one is done (or has died). Returns the number of workers. */
static int pool_phase(struct run *r, const char *phase, GPtrArray *tasks, const guint *lanes, task_enc enc)
{
	struct pool *p = r->pool;
	int rc = 0;
	for (int k = 0; k < p->n && rc == 0; k++)
		rc = pool_tasks(r, phase, k, tasks, lanes, enc);
	if (rc < 0)
		return cd_fail(rc, "cannot write the workers' tasks in '%s'", r->qs.staging);
	char *cmd = g_strdup_printf("%s\n", phase);
	int *busy = g_new0(int, p->n), left = 0;
	for (int k = 0; k < p->n; k++) {
		if (p->pids[k] > 0 && send(p->fds[k], cmd, strlen(cmd), MSG_NOSIGNAL) == (ssize_t)strlen(cmd)) {
			busy[k] = 1;
			left++;
		} else {
			int wrc = reap(p, k, 0);
			rc = rc ? rc : wrc ? wrc : cd_fail(-CD_EXIT_INTERNAL, "a worker is gone");
		}
	}
	g_free(cmd);
	struct pollfd *pf = g_new0(struct pollfd, p->n);
	while (left > 0) {
		for (int k = 0; k < p->n; k++) {
			pf[k].fd = busy[k] ? p->fds[k] : -1;
			pf[k].events = POLLIN;
			pf[k].revents = 0;
		}
		if (poll(pf, (nfds_t)p->n, -1) < 0) {
			if (errno == EINTR)
				continue;
			rc = rc ? rc : cd_fail(-CD_EXIT_INTERNAL, "cannot wait for the workers: %s", strerror(errno));
			break;
		}
		for (int k = 0; k < p->n; k++) {
			if (!busy[k] || !pf[k].revents)
				continue;
			char buf[256];
			ssize_t n = read(p->fds[k], buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			for (ssize_t i = 0; i < n; i++) {
				if (buf[i] == 'D') {
					busy[k] = 0;
					left--;
				} else {
					r->done++;
				}
			}
			if (n > 0)
				show_progress(r);
			if (n <= 0 && busy[k]) { /* the worker ended before its phase did */
				busy[k] = 0;
				left--;
				close(p->fds[k]);
				p->fds[k] = -1;
				int wrc = reap(p, k, 0);
				rc = rc ? rc : wrc ? wrc : cd_fail(-CD_EXIT_INTERNAL, "a worker ended before its work");
			}
		}
	}
	g_free(pf);
	g_free(busy);
	return rc < 0 ? rc : p->n;
}

/* Runs the tasks of one phase: in the pool's workers, each taking the tasks of every n-th lane
 * (lanes NULL: every task is its own lane), or here with -j 1. Returns the number of workers
 * whose results to read, or negative (nothing of this run is then committed). */
static int run_phase(struct run *r, const char *phase, GPtrArray *tasks, const guint *lanes, task_fn fn, task_enc enc)
{
	if (r->pool)
		return pool_phase(r, phase, tasks, lanes, enc);
	struct worker w;
	int rc = worker_init(&w, r, -1);
	if (rc == 0)
		rc = worker_run(&w, phase, 0, 1, tasks, lanes, fn);
	worker_free(&w);
	return rc < 0 ? rc : 1;
}

/* Items by case file, then in print order. */
static gint case_order(gconstpointer a, gconstpointer b)
{
	const struct item *x = *(struct item *const *)a, *y = *(struct item *const *)b;
	int c = strcmp(x->case_path, y->case_path);
	return c ? c : item_order(a, b);
}

/* Renders what this run must: the items, then the dates' print.pdf. */
int render_all(struct run *r, GPtrArray *djs)
{
	GPtrArray *own = g_ptr_array_new(), *dates = g_ptr_array_new();
	for (guint i = 0; i < djs->len; i++) {
		struct date_job *dj = djs->pdata[i];
		if (!dj->rebuild || !dj->items->len)
			continue;
		g_ptr_array_add(dates, dj);
		r->total += (int)dj->items->len;
		for (guint k = 0; k < dj->items->len; k++) {
			struct item *it = dj->items->pdata[k];
			if (it->render && it->case_path)
				g_ptr_array_add(own, it);
		}
	}
	r->total += (int)own->len;
	r->t0 = g_get_monotonic_time();
	GHashTable *by_date = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < dates->len; i++)
		g_hash_table_insert(by_date, ((struct date_job *)dates->pdata[i])->date, dates->pdata[i]);
	/* The items of one case go to one worker, one after the other: its tree, parsed and
	 * validated once there, serves them all. Cases are shared out in turn. */
	g_ptr_array_sort(own, case_order);
	guint *lanes = g_new0(guint, own->len + 1), nlanes = 0;
	for (guint i = 0; i < own->len; i++) {
		if (i == 0 || strcmp(((struct item *)own->pdata[i])->case_path, ((struct item *)own->pdata[i - 1])->case_path))
			nlanes++;
		lanes[i] = nlanes - 1;
	}
	int rc = 0;
	if (own->len) {
		rc = run_phase(r, "own", own, lanes, task_own, encode_own);
		if (rc > 0)
			rc = read_results(r, "own", rc, NULL);
	}
	if (rc >= 0 && dates->len) {
		rc = run_phase(r, "print", dates, NULL, task_print, encode_print);
		if (rc > 0)
			rc = read_results(r, "print", rc, by_date);
		/* A print.pdf made again holds only what it lists; the rest lose their old pages. */
		for (guint i = 0; i < dates->len && rc >= 0; i++) {
			struct date_job *dj = dates->pdata[i];
			if (dj->kept)
				continue;
			for (guint k = 0; k < dj->items->len; k++) {
				struct item *it = dj->items->pdata[k];
				if (!it->printed) {
					set(it, CD_QL_PRINT_FIRST, "0");
					set(it, CD_QL_PRINT_LAST, "0");
				}
			}
		}
	}
	if (r->o->progress && r->total)
		fputc('\n', stderr);
	if (rc >= 0) {
		char *rdir = g_build_filename(r->qs.staging, ".results", NULL);
		cd_qs_rm_rf(rdir);
		g_free(rdir);
	}
	g_hash_table_destroy(by_date);
	g_free(lanes);
	g_ptr_array_free(own, TRUE);
	g_ptr_array_free(dates, TRUE);
	return rc < 0 ? rc : 0;
}

