/* cmd-audit.c - cindoc audit: print the web desk's audit log (who opened, changed, previewed or
 * saved which case, and when). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"
#include "web/web.h"

static const char usage[] =
	"usage: cindoc audit CASES_DIR | CASE.xml\n"
	"\n"
	"Prints the audit log of the web desk over CASES_DIR (CASES_DIR/.cindoc/audit.sqlite), or only\n"
	"the events of one case file (from the log of its folder), oldest\n"
	"first, one event a line: TIME<TAB>USER<TAB>ACTION<TAB>CASE<TAB>DETAIL (TIME in UTC; tabs,\n"
	"newlines and backslashes in a field as \\t, \\n, \\\\). Actions: start, stop, login,\n"
	"login-failed, login-refused, logout, list, open, history, draft, check, preview, save,\n"
	"save-refused, new-case.\n"
	"\n"
	"exit: 0 done, 2 usage, 4 no audit log there (or it cannot be read)\n";

int cmd_audit(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return CD_EXIT_OK;
	}
	static const struct option opts[] = {
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		default:
			return cd_usage_error("audit", usage, "unknown option or missing value '%s'",
			                      argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cd_usage_error("audit", usage, optind >= argc ? "no cases folder or case file given"
		                                                     : "give one cases folder or case file");
	const char *arg = argv[optind];
	char *dir, *case_id = NULL;
	if (g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		dir = g_strdup(arg);
	} else if (g_str_has_suffix(arg, ".xml")) {
		dir = g_path_get_dirname(arg);
		char *base = g_path_get_basename(arg);
		case_id = g_strndup(base, strlen(base) - 4);
		g_free(base);
	} else {
		return cd_fail(CD_EXIT_NOREAD, "audit: '%s' is neither a cases folder nor a case file (.xml)", arg);
	}
	char *path = web_default_audit(dir);
	int rc = web_audit_print(path, case_id, stdout);
	g_free(path);
	g_free(dir);
	g_free(case_id);
	if (rc < 0)
		return -rc;
	return fflush(stdout) == 0 ? CD_EXIT_OK : CD_EXIT_NOWRITE;
}
