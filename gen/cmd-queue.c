/* cmd-queue.c - cindoc queue: assemble what is due into a dated print queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "cindoc.h"
#include "cmd.h"
#include "protect.h"
#include "queue.h"

static const char usage[] =
	"usage: cindoc queue CASES_DIR -o QUEUE_DIR [--today DATE] [--within N] [-j N]\n"
	"                    [--closures FILE] [--writer cairo|haru] [protection options]\n"
	"       cindoc queue mark-issued QUEUE_DIR [--today DATE] DATE|ITEM...\n"
	"\n"
	"Works out every item owed by the cases (*.xml) in CASES_DIR: a plan copy with the minutes to\n"
	"each person at each meeting and each person in its copies-to, due 10 working days after the\n"
	"meeting (unless the minutes are recorded as sent); a closure letter to each involved party,\n"
	"due 10 working days after the closure. One item per recipient, in their language, style and\n"
	"copy version. Items due within the window, and overdue ones, are written under\n"
	"QUEUE_DIR/DUE-DATE/: one PDF per item, print.pdf (every item starting on an odd page) and\n"
	"manifest.csv/json; QUEUE_DIR/manifest.csv/json list every date. QUEUE_DIR/ledger.tsv records\n"
	"what was produced and issued: a run never queues an issued item again, never drops one still\n"
	"owed, and renders an item again only when its case, templates or writer changed. A run is\n"
	"atomic: a crash or kill leaves QUEUE_DIR as it was before or as it is after.\n"
	"\n"
	"   -o, --output DIR   the queue folder (created when missing)\n"
	"   --today DATE       the day of the run (YYYY-MM-DD; default: today)\n"
	"   --within N         queue what is due within N working days (default 10)\n"
	"   -j, --jobs N       render in N worker processes (default 1)\n"
	"   --closures FILE    local closure days (see 'cindoc calendar --help')\n"
	"   --writer NAME      cairo (default) or haru\n"
	"%s"
	"\n"
	"mark-issued records items as sent (on --today): a DATE marks every waiting item of that date,\n"
	"an ITEM is an item id (CASE/DOCUMENT[/MEETING]/RECIPIENT, as in the manifests) or its file.\n"
	"\n"
	"Exit: 0; 2 bad command line; 3 bad closures file; 4 cannot read; 5 cannot write (the queue\n"
	"is left as it was); 6 some cases or items were reported and skipped, the rest were queued.\n";

static void print_usage(FILE *fp)
{
	fprintf(fp, usage, cd_protect_help);
}

static int bad_usage(const char *fmt, const char *arg)
{
	fputs("cindoc queue: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	print_usage(stderr);
	return CD_EXIT_USAGE;
}

static int parse_today(const char *s, cd_date *today)
{
	char why[CD_DATE_WHY];
	int y = 0;
	if (cd_date_parse(s, today, why) < 0) {
		fprintf(stderr, "cindoc queue: '%s' is not a date: %s\n", s, why);
		return -1;
	}
	cd_date_to_ymd(*today, &y, NULL, NULL);
	if (y < CD_CAL_FIRST_YEAR || y >= CD_DATE_MAX_YEAR) {
		fprintf(stderr, "cindoc queue: '%s' is outside the working-day calendar (%d to %d)\n", s,
		        CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR - 1);
		return -1;
	}
	return 0;
}

static int parse_count(const char *opt, const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "cindoc queue: %s '%s' is not a whole number from %d to %d\n", opt, s, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int mark_issued(int argc, char **argv)
{
	const char *today_s = NULL, *dir = NULL;
	GPtrArray *what = g_ptr_array_new();
	int rc = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--today") == 0) {
			if (i + 1 >= argc) {
				rc = bad_usage("'%s' needs a value", argv[i]);
				goto out;
			}
			today_s = argv[++i];
		} else if (strncmp(argv[i], "--today=", 8) == 0) {
			today_s = argv[i] + 8;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			rc = bad_usage("unknown option '%s'", argv[i]);
			goto out;
		} else if (!dir) {
			dir = argv[i];
		} else {
			g_ptr_array_add(what, argv[i]);
		}
	}
	if (!dir || what->len == 0) {
		rc = bad_usage("%s", "mark-issued needs the queue folder and what was issued (DATE or ITEM)");
		goto out;
	}
	cd_date today = cd_date_today();
	if (today_s && parse_today(today_s, &today) < 0) {
		rc = CD_EXIT_USAGE;
		goto out;
	}
	rc = cd_queue_mark_issued(dir, today, (char *const *)what->pdata, (int)what->len);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the summary");
	rc = rc < 0 ? -rc : rc;
out:
	g_ptr_array_free(what, TRUE);
	return rc;
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
	if (cd_wants_help(argc, argv)) {
		print_usage(stdout);
		return CD_EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "mark-issued") == 0)
		return mark_issued(argc, argv);
	cd_queue_opts o = { 0 };
	const char *today_s = NULL, *closures = NULL;
	cd_protect prot;
	cd_protect_init(&prot);
	o.within = 10;
	o.jobs = 1;
	o.writer = "cairo";
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		int pr = cd_protect_arg(&prot, argc, argv, &i);
		if (pr < 0) {
			rc = -pr;
			goto out;
		}
		if (pr > 0)
			continue;
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			slot = &o.queue_dir;
		else if (strcmp(a, "--today") == 0)
			slot = &today_s;
		else if (strcmp(a, "--closures") == 0)
			slot = &closures;
		else if (strcmp(a, "--writer") == 0)
			slot = &o.writer;
		else if (strcmp(a, "--within") == 0 || strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
			if (i + 1 >= argc) {
				rc = bad_usage("'%s' needs a value", a);
				goto out;
			}
			int *n = strcmp(a, "--within") == 0 ? &o.within : &o.jobs;
			if (parse_count(a, argv[++i], n == &o.within ? 0 : 1, n == &o.within ? 1000 : 64, n) < 0) {
				rc = CD_EXIT_USAGE;
				goto out;
			}
			continue;
		} else if (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9') {
			if (parse_count("-j", a + 2, 1, 64, &o.jobs) < 0) {
				rc = CD_EXIT_USAGE;
				goto out;
			}
			continue;
		} else if (a[0] == '-' && a[1] != '\0') {
			rc = bad_usage("unknown option '%s'", a);
			goto out;
		} else if (!o.cases_dir) {
			o.cases_dir = a;
			continue;
		} else {
			rc = bad_usage("'%s': only one cases folder", a);
			goto out;
		}
		if (i + 1 >= argc) {
			rc = bad_usage("'%s' needs a value", a);
			goto out;
		}
		*slot = argv[++i];
	}
	if (!o.cases_dir || !o.queue_dir) {
		rc = bad_usage("%s", "give the cases folder and -o QUEUE_DIR");
		goto out;
	}
	if (strcmp(o.writer, "cairo") != 0 && strcmp(o.writer, "haru") != 0) {
		rc = bad_usage("'%s' is not a PDF writer (cairo, haru)", o.writer);
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
	o.progress = isatty(STDERR_FILENO);
	rc = cd_queue_run(&o);
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
	return rc;
}
