/* cmd/audit.c - cindoc audit: print the web desk's audit log (who opened, changed, previewed or
 * saved which case, and when). */
#include <stdio.h>
#include <string.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "web/web.h"

static const cd_opt audit_opts[] = { { 0 } };
static const cd_optgroup audit_group = { NULL, audit_opts, NULL };

const cd_cmd_doc cd_doc_audit = {
	.name = "audit",
	.summary = "print who opened, changed or saved which case on the web desk",
	.usage = "CASES_DIR | CASE.xml",
	.about =
	"Prints the audit log of the web desk over CASES_DIR (CASES_DIR/.cindoc/audit.sqlite), or only "
	"the events of one case file (from the log of its folder), oldest first, one event a line: "
	"TIME<TAB>USER<TAB>ACTION<TAB>CASE<TAB>DETAIL (TIME in UTC; tabs, newlines and backslashes in a "
	"field as \\t, \\n, \\\\). Actions: start, stop, login, login-failed, login-refused, logout, list, "
	"open, write, draft, draft-discarded, check, preview, save, save-refused, history, new-case.",
	.operands = (const cd_term[]){
		{ "CASES_DIR", "the folder the desk serves: all its events" },
		{ "CASE.xml", "a case file of that folder: its events only" },
		{ NULL, NULL } },
	.groups = { &audit_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "4", "no audit log there, or it cannot be read" },
		CD_EXITS_NOWRITE,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc audit cases/", "every event" },
		{ "cindoc audit cases/02-review-scaling.xml", "the events of one case" },
		{ NULL, NULL } },
};

int cmd_audit(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_audit, argc, argv, &a))
		return a.exit;
	if (a.noperands != 1) {
		int n = a.noperands;
		cd_args_free(&a);
		return cd_usage_error("audit", n ? "give one cases folder or case file"
		                                 : "no cases folder or case file given");
	}
	const char *arg = a.operands[0];
	char *dir, *case_id = NULL;
	if (g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		dir = g_strdup(arg);
	} else if (g_str_has_suffix(arg, ".xml")) {
		dir = g_path_get_dirname(arg);
		char *base = g_path_get_basename(arg);
		case_id = g_strndup(base, strlen(base) - 4);
		g_free(base);
	} else {
		int rc = cd_fail(CD_EXIT_NOREAD, "audit: '%s' is neither a cases folder nor a case file (.xml)", arg);
		cd_args_free(&a);
		return rc;
	}
	cd_args_free(&a);
	char *path = web_default_audit(dir);
	int rc = web_audit_print(path, case_id, stdout);
	g_free(path);
	g_free(dir);
	g_free(case_id);
	if (rc < 0)
		return -rc;
	return fflush(stdout) == 0 ? CD_EXIT_OK : CD_EXIT_NOWRITE;
}
