/* cmd/due.c - cindoc due: every statutory timescale of each case, with dates and status. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "case/calendar.h"
#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "case/due.h"

enum { O_TODAY = CD_OPT_LOCAL, O_FORMAT, O_PENDING, O_CLOSURES };

static const cd_opt due_opts[] = {
	{ O_TODAY, "today", 0, "DATE", "see the cases as of DATE (YYYY-MM-DD; default: today)", 0 },
	{ O_FORMAT, "format", 0, "FMT", "table (the default on a terminal), csv (the default otherwise) or json", 0 },
	{ O_PENDING, "pending", 0, NULL, "only what is still to do (due and overdue)", 0 },
	{ O_CLOSURES, "closures", 0, "FILE", "local closure days (see cindoc-calendar(1)); '-' reads them from "
	  "standard input", 0 },
	{ 0 }
};
static const cd_optgroup due_group = { NULL, due_opts, NULL };

const cd_cmd_doc cd_doc_due = {
	.name = "due",
	.summary = "list every statutory timescale of a case, with dates and status",
	.usage = "[--today DATE] [--format table|csv|json] [--pending] [--closures FILE] CASE|FOLDER...",
	.about =
	"Lists every statutory timescale of each case with its due date and status: the first meeting "
	"(10 working days after the assessment, 20 after notice of a transfer in, 4 weeks after a child "
	"protection conference); after each meeting the case note (1 working day), the plan to the Team "
	"Manager (5) and the minutes and plan sent (10); reviews (12 weeks; disabled children's service: "
	"3 months after the start, then 6 months); visits (the plan's visit-weeks); a review of a plan "
	"running beyond 12 months; each child's 18th birthday; closure letters (10 working days after "
	"the closure).\n\n"
	"Status: done; late (done N working days late); due (in N working days, 0 is today); overdue (by "
	"N working days); missed (the case closed N working days after the deadline).\n\n"
	"CSV columns: case, file, timescale, about, from, due, done, status, working_days, what. JSON: "
	"{\"today\", \"cases\": [{\"case\", \"file\", \"timescales\": [...]}]} with the same fields.",
	.operands = (const cd_term[]){
		{ "CASE", "a case file; '-' reads one from standard input" },
		{ "FOLDER", "stands for its *.xml files, in name order" },
		{ NULL, NULL } },
	.groups = { &due_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3, 4", "every case was invalid or unreadable, or the closures file is bad" },
		CD_EXITS_NOWRITE,
		{ "6", "some cases were reported and skipped, the others listed" },
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc due --today 2026-11-25 samples/", "every case in the folder" },
		{ "cindoc due --pending --format=csv samples/02-review-scaling.xml", "" },
		{ NULL, NULL } },
};

int cmd_due(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_due, argc, argv, &a))
		return a.exit;
	const char *today_s = cd_args_get(&a, O_TODAY), *format = cd_args_get(&a, O_FORMAT);
	const char *closures = cd_args_get(&a, O_CLOSURES);
	int pending = cd_args_has(&a, O_PENDING);
	GPtrArray *args = g_ptr_array_new();
	int rc = 0, nstdin = strcmp(closures ? closures : "", "-") == 0;
	for (int i = 0; i < a.noperands; i++) {
		g_ptr_array_add(args, a.operands[i]);
		nstdin += strcmp(a.operands[i], "-") == 0;
	}
	if (nstdin > 1) {
		rc = cd_usage_error("due", "%s", "standard input ('-') can be read only once");
		goto out;
	}
	enum cd_due_format fmt = isatty(STDOUT_FILENO) ? CD_DUE_TABLE : CD_DUE_CSV;
	if (format) {
		if (strcmp(format, "table") == 0)
			fmt = CD_DUE_TABLE;
		else if (strcmp(format, "csv") == 0)
			fmt = CD_DUE_CSV;
		else if (strcmp(format, "json") == 0)
			fmt = CD_DUE_JSON;
		else {
			rc = cd_usage_error("due", "'%s' is not a format (table, csv, json)", format);
			goto out;
		}
	}
	cd_date today = cd_date_today();
	if (today_s) {
		char why[CD_DATE_WHY];
		int y = 0;
		if (cd_date_parse(today_s, &today, why) < 0) {
			rc = cd_usage_error("due", "'%s' is not a date: %s", today_s, why);
			goto out;
		}
		cd_date_to_ymd(today, &y, NULL, NULL);
		if (y < CD_CAL_FIRST_YEAR || y >= CD_DATE_MAX_YEAR) {
			rc = cd_usage_error("due", "'%s' is outside the working-day calendar (%d to %d)", today_s,
			                    CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR - 1);
			goto out;
		}
	}
	if (args->len == 0) {
		rc = cd_usage_error("due", "%s", "which cases? (give case files or folders)");
		goto out;
	}

	cd_calendar *cal = cd_calendar_open(closures, &rc);
	if (!cal) {
		rc = -rc;
		goto out;
	}
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *cases = g_ptr_array_new_with_free_func((GDestroyNotify)cd_due_case_free);
	int bad = 0, first_err = 0;
	for (guint i = 0; i < args->len; i++) {
		int r = cd_case_files(args->pdata[i], files);
		if (r < 0) {
			bad++;
			first_err = first_err ? first_err : -r;
		}
	}
	int schema_rc = 0;
	cd_schema *schema = files->len ? cd_schema_load(&schema_rc) : NULL;
	if (files->len && !schema) {
		rc = schema_rc < 0 ? -schema_rc : CD_EXIT_INTERNAL;
		goto done;
	}
	for (guint i = 0; i < files->len; i++) {
		const char *path = files->pdata[i];
		xmlDocPtr doc = NULL;
		cd_due_case *c = NULL;
		int r = cd_case_load(schema, path, &doc);
		if (r == 0)
			r = cd_due_compute(cal, doc, path, today, &c);
		xmlFreeDoc(doc);
		if (r < 0) {
			bad++;
			first_err = first_err ? first_err : -r;
			continue;
		}
		g_ptr_array_add(cases, c);
	}
	cd_due_write(stdout, fmt, (cd_due_case *const *)cases->pdata, (int)cases->len, today, pending);
	if (fflush(stdout) != 0)
		rc = cd_fail(CD_EXIT_NOWRITE, "cannot write the list");
	else if (bad && cases->len)
		rc = CD_EXIT_PARTIAL;
	else if (bad)
		rc = first_err;
	else if (cases->len == 0)
		rc = cd_fail(CD_EXIT_NOREAD, "no case files (*.xml) found");
done:
	cd_schema_free(schema);
	g_ptr_array_free(cases, TRUE);
	g_ptr_array_free(files, TRUE);
	cd_calendar_free(cal);
out:
	g_ptr_array_free(args, TRUE);
	cd_args_free(&a);
	return rc;
}
