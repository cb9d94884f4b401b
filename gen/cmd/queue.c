/* cmd/queue.c - cindoc queue: assemble what is due into a dated print queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case/calendar.h"
#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "base/page.h"
#include "writers/protect.h"
#include "queue/queue.h"
#include "queue/share.h"
#include "web/record.h"

enum { O_TODAY = CD_OPT_LOCAL, O_WITHIN, O_CLOSURES, O_GROUP, O_PRIVATE, O_CASES };

static const cd_opt queue_opts[] = {
	{ 'o', "output", 'o', "DIR", "the queue folder (created when missing)", 0 },
	{ O_TODAY, "today", 0, "DATE", "the day of the run (YYYY-MM-DD; default: today)", 0 },
	{ O_WITHIN, "within", 0, "N", "queue what is due within N working days, 0 to 1000 (default 10)", 0 },
	{ 'j', "jobs", 'j', "N", "render in N worker processes, 1 to 64 (default 1)", 0 },
	{ O_CLOSURES, "closures", 0, "FILE", "local closure days (see cindoc-calendar(1))", 0 },
	{ CD_OPT_WRITER, "writer", 0, "NAME", "cairo (the default) or haru (for the protection options)", 0 },
	{ CD_OPT_PROGRESS, "progress", 0, NULL, "show the progress line (queue: items done/total, items/s) even "
	  "when standard error is not a terminal", 0 },
	{ O_GROUP, "group", 0, "NAME", "share the queue with group NAME: files 0640, folders 0750 (kept by later runs, "
	  "mark-issued and print)", 0 },
	{ O_PRIVATE, "private", 0, NULL, "make a shared queue private again (files 0600, folders 0700)", 0 },
	{ 0 }
};
static const cd_optgroup queue_group = { NULL, queue_opts, NULL };

static const cd_opt mark_opts[] = {
	{ O_TODAY, "today", 0, "DATE", "the day they were issued (YYYY-MM-DD; default: today)", 0 },
	{ O_CASES, "cases", 0, "DIR", "the cases folder of the queue: each case whose copies are now all issued records "
	  "them as sent (done/@minutes-sent, closure/@letters-sent), and each item goes into its audit log", 0 },
	{ 0 }
};
static const cd_optgroup mark_group = { NULL, mark_opts, NULL };

static const cd_cmd_doc mark_doc = {
	.name = "queue mark-issued",
	.summary = "record items of the queue as sent",
	.usage = "QUEUE_DIR [--today DATE] [--cases CASES_DIR] DATE|ITEM...",
	.about =
	"Records items as issued on --today: a DATE marks every waiting item of that due date; an ITEM is "
	"an item id (CASE/DOCUMENT[/MEETING]/RECIPIENT, as in the manifests), its file or its file name. "
	"An issued item is never queued again and leaves the date's print.pdf at the next run.\n\n"
	"With --cases, the record is kept once for every view: when every copy of a meeting's minutes and plan "
	"(or every closure letter) in the ledger is issued, the case file says so (the meeting's "
	"done/@minutes-sent, or closure/@letters-sent: the day the last copy went), saved as the web desk saves "
	"(checked, atomic, kept in the history as the operating system's user), so cindoc due and the desk show "
	"them as sent on the same day as the queue. Each item marked is a row of CASES_DIR/.cindoc/audit.sqlite. "
	"Without --cases only the ledger knows (a note says so).",
	.groups = { &mark_group, &cd_common_group },
};

const cd_cmd_doc cd_doc_queue = {
	.name = "queue",
	.summary = "assemble what is due into a dated print queue",
	.usage = "CASES_DIR -o QUEUE_DIR [--today DATE] [--within N] [-j N] [--closures FILE] [--writer cairo|haru] "
	         "[protection options]",
	.about =
	"Works out every item owed by the cases (*.xml) in CASES_DIR: a plan copy with the minutes to each "
	"person at each meeting and each person in its copies-to, due 10 working days after the meeting "
	"(unless the minutes are recorded as sent); a closure letter to each involved party, due 10 working "
	"days after the closure. One item per recipient, in their language, style and copy version. Items "
	"due within the window, and overdue ones (flagged on standard error), are written under "
	"QUEUE_DIR/DUE-DATE/: one PDF per item, print.pdf (every item starting on an odd page) and "
	"manifest.csv/json; QUEUE_DIR/manifest.csv/json list every date.\n\n"
	"QUEUE_DIR/ledger.tsv records what was produced and issued: a run never queues an issued item again, "
	"never drops one still owed, and renders an item again only when its case, templates or writer "
	"changed. A run is atomic: a crash or kill leaves QUEUE_DIR as it was before or as it is after. "
	"Files are mode 0600, folders 0700. A summary line goes to standard output (not with -q).",
	.operands = (const cd_term[]){
		{ "CASES_DIR", "the folder of case files (*.xml)" },
		{ NULL, NULL } },
	.groups = { &queue_group, &cd_protect_group, &cd_common_group },
	.modes = { &mark_doc, &cd_doc_queue_print },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "a bad closures file" },
		CD_EXITS_NOREAD,
		{ "5", "cannot write (the queue is left as it was)" },
		{ "6", "some cases or items were reported and skipped, the rest were queued" },
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc queue cases/ -o queue/ --today 2026-11-25", "queue what is owed" },
		{ "cindoc queue cases/ -o queue/ -j 4 --within=15", "4 worker processes, a 15-day window" },
		{ "cindoc queue mark-issued queue/ 2026-11-26", "everything due that day was posted" },
		{ "cindoc queue mark-issued queue/ NB-2026-0142/plan-copy/m3/p2", "one item" },
		{ NULL, NULL } },
};

static int parse_today(const char *s, cd_date *today)
{
	char why[CD_DATE_WHY];
	int y = 0;
	if (cd_date_parse(s, today, why) < 0) {
		cd_usage_error("queue", "'%s' is not a date: %s", s, why);
		return -1;
	}
	cd_date_to_ymd(*today, &y, NULL, NULL);
	if (y < CD_CAL_FIRST_YEAR || y >= CD_DATE_MAX_YEAR) {
		cd_usage_error("queue", "'%s' is outside the working-day calendar (%d to %d)", s, CD_CAL_FIRST_YEAR,
		               CD_DATE_MAX_YEAR - 1);
		return -1;
	}
	return 0;
}

static int parse_count(const char *opt, const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		cd_usage_error("queue", "%s '%s' is not a whole number from %d to %d", opt, s, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int mark_issued(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&mark_doc, argc - 1, argv + 1, &a))
		return a.exit;
	const char *today_s = cd_args_get(&a, O_TODAY);
	int rc;
	if (a.noperands < 2) {
		cd_args_free(&a);
		return cd_usage_error("queue", "%s", "mark-issued needs the queue folder and what was issued (DATE or ITEM)");
	}
	cd_date today = cd_date_today();
	if (today_s && parse_today(today_s, &today) < 0) {
		cd_args_free(&a);
		return CD_EXIT_USAGE;
	}
	const char *cases = cd_args_get(&a, O_CASES);
	gid_t gid = 0;
	int shared = cd_share_of(a.operands[0], &gid), marked = 0;
	char *user = cd_record_os_user();
	rc = cd_record_issued(a.operands[0], cases, user, "command line", today, a.operands + 1, a.noperands - 1,
	                      &marked, a.verbosity < 0);
	g_free(user);
	if (rc == 0 && shared)
		rc = cd_share_apply(a.operands[0], 1, gid);
	if (rc == 0 && a.verbosity >= 0) {
		char day[CD_DATE_BUF];
		cd_date_format(today, day);
		printf("queue %s: %d item%s marked issued on %s\n", a.operands[0], marked, marked == 1 ? "" : "s", day);
	}
	if (rc == 0 && !cases)
		fprintf(stderr, "cindoc queue: note: only the ledger knows (give --cases CASES_DIR so that the cases, "
		        "cindoc due and the desk record them as sent)\n");
	if (fflush(stdout) != 0 && rc == 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the summary");
	cd_args_free(&a);
	return rc < 0 ? -rc : rc;
}

/* A digest of one password for the ledger's fingerprints: "no" when none is given, else 16 hex
 * digits of an HMAC-SHA-256 keyed with the password. The password itself is never stored; the
 * digest tells a run that it changed. (Guessing a password from it is no easier than from the
 * protected PDF itself, which any reader of the queue folder has too.) */
static char *protect_digest(const char *which, const char *password)
{
	if (!password)
		return g_strdup("no");
	char *mac = g_compute_hmac_for_string(G_CHECKSUM_SHA256, (const guchar *)password, strlen(password),
	                                      which, -1);
	char *out = g_strndup(mac, 16);
	g_free(mac);
	return out;
}

int cmd_queue(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "mark-issued") == 0)
		return mark_issued(argc, argv);
	if (argc > 1 && strcmp(argv[1], "print") == 0)
		return cmd_queue_print(argc - 1, argv + 1);
	cd_args a;
	if (cd_args_parse(&cd_doc_queue, argc, argv, &a))
		return a.exit;
	cd_queue_opts o = { 0 };
	const char *today_s = NULL, *closures = NULL;
	cd_protect prot;
	cd_protect_init(&prot);
	o.within = 10;
	o.jobs = 1;
	o.writer = cd_writer_default()->name;
	int rc = 0, progress = 0, private = 0;
	const char *group = NULL;
	for (int i = 0; i < a.n && rc == 0; i++) {
		const char *v = a.v[i].val;
		int pr = cd_protect_take(&prot, a.v[i].id, v);
		if (pr < 0)
			rc = -pr;
		if (pr)
			continue;
		switch (a.v[i].id) {
		case 'o': o.queue_dir = v; break;
		case O_TODAY: today_s = v; break;
		case O_CLOSURES: closures = v; break;
		case CD_OPT_WRITER: o.writer = v; break;
		case CD_OPT_PROGRESS: progress = 1; break;
		case O_GROUP: group = v; break;
		case O_PRIVATE: private = 1; break;
		case O_WITHIN:
			if (parse_count("--within", v, 0, 1000, &o.within) < 0)
				rc = CD_EXIT_USAGE;
			break;
		case 'j':
			if (parse_count("--jobs", v, 1, 64, &o.jobs) < 0)
				rc = CD_EXIT_USAGE;
			break;
		default: CD_BUG("queue: option '--%s' not handled", a.v[i].opt->name);
		}
	}
	if (rc)
		goto out;
	if (a.noperands > 1) {
		rc = cd_usage_error("queue", "'%s': only one cases folder", a.operands[1]);
		goto out;
	}
	o.cases_dir = a.noperands ? a.operands[0] : NULL;
	if (!o.cases_dir || !o.queue_dir) {
		rc = cd_usage_error("queue", "%s", "give the cases folder and -o QUEUE_DIR");
		goto out;
	}
	gid_t gid = 0;
	int shared = 0;
	if (group && private) {
		rc = cd_usage_error("queue", "%s", "--group and --private: give one");
		goto out;
	}
	if (group && (rc = -cd_share_group(group, &gid)) != 0)
		goto out;
	shared = group ? 1 : private ? 0 : cd_share_of(o.queue_dir, &gid);
	const cd_writer_ops *w = cd_writer_find(o.writer);
	if (!w || !(w->caps & CD_WRITER_PDF) || (w->caps & CD_WRITER_INTERNAL)) {
		char *names = cd_writer_names(CD_WRITER_PDF, CD_WRITER_INTERNAL, ", ");
		rc = cd_usage_error("queue", "'%s' is not a PDF writer (%s)", o.writer, names);
		g_free(names);
		goto out;
	}
	o.today = cd_date_today();
	if (today_s && parse_today(today_s, &o.today) < 0) {
		rc = CD_EXIT_USAGE;
		goto out;
	}
	if ((rc = cd_protect_finish(&prot, o.writer)) < 0) {
		rc = -rc;
		goto out;
	}
	cd_calendar *cal = cd_calendar_open(closures, &rc);
	if (!cal) {
		rc = -rc;
		goto out;
	}
	GString *opts = g_string_new(NULL);
	cd_protect_opts(&prot, opts);
	/* What of the protection changes the files, without the passwords themselves: a changed
	 * password changes the fingerprint, so the copies already queued are protected again. */
	char *ud = protect_digest("user", prot.user), *od = protect_digest("owner", prot.owner);
	char *key = g_strdup_printf("user=%s,owner=%s,print=%d", ud, od, prot.allow_print);
	g_free(ud);
	g_free(od);
	o.writer_opts = opts->len ? opts->str : NULL;
	o.writer_key = key;
	o.cal = cal;
	o.quiet = a.verbosity < 0;
	o.progress = !o.quiet && (progress || isatty(STDERR_FILENO));
	rc = cd_queue_run(&o);
	if ((rc == 0 || rc == -CD_EXIT_PARTIAL) && (shared || private)) {
		int src = cd_share_apply(o.queue_dir, shared, gid);
		if (src < 0)
			rc = src;
	}
	if (fflush(stdout) != 0 && rc == 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the summary");
	rc = rc < 0 ? -rc : rc;
	/* The options may hold passwords: wipe them. */
	memset(opts->str, 0, opts->len);
	g_string_free(opts, TRUE);
	g_free(key);
	cd_calendar_free(cal);
out:
	cd_protect_clear(&prot);
	cd_args_free(&a);
	return rc;
}
