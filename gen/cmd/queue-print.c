/* cmd/queue-print.c - cindoc queue print: a due date of the queue to a CUPS printer, one job per
 * item, then recorded as issued (web/record.h). */
#include <stdio.h>
#include <string.h>

#include "base/cindoc.h"
#include "case/calendar.h"
#include "cmd/cmd.h"
#include "queue/print.h"
#include "queue/share.h"
#include "web/record.h"

enum { O_PRINTER = CD_OPT_LOCAL, O_ONE_SIDED, O_ITEM, O_CASES, O_NO_MARK, O_TODAY, O_LIST };

static const cd_opt print_opts[] = {
	{ O_PRINTER, "printer", 'P', "NAME", "the CUPS printer (default: the CUPS default; lpstat -p lists them)", 0 },
	{ O_ONE_SIDED, "one-sided", 0, NULL, "print on one side of the paper (default: both, long edge)", 0 },
	{ O_ITEM, "item", 0, "ITEM", "print only this item of the date (its id, as in the manifests)", 0 },
	{ O_CASES, "cases", 0, "DIR", "the cases folder: the cases record what was sent, the audit log records each "
	  "job (as mark-issued --cases)", 0 },
	{ O_NO_MARK, "no-mark", 0, NULL, "print only: leave the items waiting (mark them issued later)", 0 },
	{ O_TODAY, "today", 0, "DATE", "the day they are issued (YYYY-MM-DD; default: today)", 0 },
	{ O_LIST, "list-printers", 0, NULL, "list the printers CUPS knows (the default marked) and exit", 0 },
	{ 0 }
};
static const cd_optgroup print_group = { NULL, print_opts, NULL };

const cd_cmd_doc cd_doc_queue_print = {
	.name = "queue print",
	.summary = "print a due date of the queue, one job per item",
	.usage = "QUEUE_DIR DATE [--printer NAME] [--one-sided] [--item ITEM] [--cases CASES_DIR] [--no-mark]\n"
	         "--list-printers",
	.about =
	"Sends every waiting item of due date DATE to a CUPS printer, one job per item (so each letter comes out "
	"on its own, to be stapled), in the order of the date's print.pdf, two-sided unless --one-sided. Each "
	"file is checked against its sha256 in the ledger first: nothing is printed when one does not match. "
	"The printed items are then marked issued on --today, as mark-issued does (with --cases, the cases "
	"record them as sent and the audit log gets a row per job and per item). The print server is the CUPS "
	"default ($CUPS_SERVER, /etc/cups/client.conf).",
	.groups = { &print_group, &cd_common_group },
};

static int list_printers(void)
{
	char **names = NULL, *def = NULL;
	int n = cd_print_printers(&names, &def);
	for (int i = 0; n > 0 && names[i]; i++)
		printf("%s%s\n", names[i], def && strcmp(def, names[i]) == 0 ? "\tdefault" : "");
	g_strfreev(names);
	g_free(def);
	return n < 0 ? -n : 0;
}

/* Records the jobs sent: a "print" row each in the audit log, then the items as issued. */
static int record_jobs(GPtrArray *jobs, const char *queue_dir, const char *cases, const char *user, cd_date today,
                       int duplex, int mark)
{
	int rc = 0;
	char **what = g_new0(char *, jobs->len + 1);
	for (guint i = 0; i < jobs->len; i++) {
		cd_print_job *j = jobs->pdata[i];
		printf("%s\tprinter %s\tjob %d\n", j->item, j->printer, j->job);
		what[i] = j->item;
		if (cases && rc == 0) {
			char *id = g_str_has_suffix(j->case_file, ".xml") ? g_strndup(j->case_file, strlen(j->case_file) - 4)
			                                                    : g_strdup(j->case_file);
			char *detail = g_strdup_printf("%s to %s on printer %s, job %d, %s", j->item, j->recipient_name,
			                               j->printer, j->job, duplex ? "two-sided" : "one-sided");
			rc = cd_record_audit(cases, user, "print", id, detail);
			g_free(detail);
			g_free(id);
		}
	}
	if (rc == 0 && mark && jobs->len) {
		char *how = g_strdup_printf("printer %s", ((cd_print_job *)jobs->pdata[0])->printer);
		int marked = 0;
		rc = cd_record_issued(queue_dir, cases, user, how, today, what, (int)jobs->len, &marked, 0);
		g_free(how);
	}
	g_free(what);
	return rc;
}

int cmd_queue_print(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_queue_print, argc, argv, &a))
		return a.exit;
	cd_print_opts o = { .duplex = 1 };
	const char *cases = NULL, *today_s = NULL;
	int mark = 1, list = 0, rc = 0;
	for (int i = 0; i < a.n; i++) {
		const char *v = a.v[i].val;
		switch (a.v[i].id) {
		case O_PRINTER: o.printer = v; break;
		case O_ONE_SIDED: o.duplex = 0; break;
		case O_ITEM: o.only = v; break;
		case O_CASES: cases = v; break;
		case O_NO_MARK: mark = 0; break;
		case O_TODAY: today_s = v; break;
		case O_LIST: list = 1; break;
		default: CD_BUG("queue print: option '--%s' not handled", a.v[i].opt->name);
		}
	}
	cd_date today = cd_date_today();
	char why[CD_DATE_WHY];
	if (list) {
		rc = a.noperands ? cd_usage_error("queue print", "%s", "--list-printers takes no folder or date")
		                 : list_printers();
		goto out;
	}
	if (a.noperands != 2) {
		rc = cd_usage_error("queue print", "%s", "give the queue folder and the due date to print");
		goto out;
	}
	if (today_s && cd_date_parse(today_s, &today, why) < 0) {
		rc = cd_usage_error("queue print", "'%s' is not a date: %s", today_s, why);
		goto out;
	}
	gid_t gid = 0;
	int shared = cd_share_of(a.operands[0], &gid);
	char *user = cd_record_os_user();
	GPtrArray *jobs = g_ptr_array_new_with_free_func(cd_print_job_free);
	rc = cd_queue_print(a.operands[0], a.operands[1], &o, jobs);
	/* What went to the printer is recorded even when a later job failed. */
	int rrc = record_jobs(jobs, a.operands[0], cases, user, today, o.duplex, mark);
	if (rc == 0)
		rc = rrc;
	if (rc == 0 && shared && mark)
		rc = cd_share_apply(a.operands[0], 1, gid);
	if (rc == 0)
		printf("queue %s: %u job%s sent for %s\n", a.operands[0], jobs->len, jobs->len == 1 ? "" : "s",
		       a.operands[1]);
	if (fflush(stdout) != 0 && rc == 0)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the summary");
	g_ptr_array_free(jobs, TRUE);
	g_free(user);
	rc = rc < 0 ? -rc : rc;
out:
	cd_args_free(&a);
	return rc;
}
