/* cmd/history.c - cindoc history: the versions of a case saved through the web desk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "web/store.h"

enum { O_SHOW = CD_OPT_LOCAL, O_FORMAT };

static const cd_opt history_opts[] = {
	{ O_SHOW, "show", 0, "N", "print version N instead of the list", 0 },
	{ 'o', "output", 'o', "FILE", "write it to FILE (mode 0600, atomically) instead of standard output", 0 },
	{ O_FORMAT, "format", 0, "FMT", "table (the default on a terminal) or tsv: seq, saved, user, sha256, "
	  "bytes, current (1 or 0)", 0 },
	{ 0 }
};
static const cd_optgroup history_group = { NULL, history_opts, NULL };

const cd_cmd_doc cd_doc_history = {
	.name = "history",
	.summary = "list the saved versions of a case, or print one",
	.usage = "[--show N [-o FILE]] [--format table|tsv] CASE",
	.about =
	"Lists every version of the case file CASE kept by the web desk (cindoc serve) in the history "
	"beside it (CASES_DIR/.history/): number, when it was saved (UTC), who saved it ('-' for a change "
	"made outside the desk), its sha256 and size; the version the file has now is marked 'current'. "
	"--show N prints version N (to FILE with -o), checked against its sha256.",
	.operands = (const cd_term[]){
		{ "CASE", "a case file of a cases folder (letters, digits, '.', '-', '_', ending in .xml)" },
		{ NULL, NULL } },
	.groups = { &history_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "CASE is not a case file name" },
		CD_EXITS_NOREAD, CD_EXITS_NOWRITE, CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc history cases/NB-2026-0142.xml", "every saved version" },
		{ "cindoc history --show=3 -o old.xml cases/NB-2026-0142.xml", "version 3, into old.xml" },
		{ NULL, NULL } },
};

int cmd_history(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_history, argc, argv, &a))
		return a.exit;
	int show = 0;
	const char *output = NULL;
	int tsv = !isatty(fileno(stdout));
	for (int i = 0; i < a.n; i++) {
		const char *v = a.v[i].val;
		switch (a.v[i].id) {
		case O_SHOW: {
			char *end = NULL;
			long n = strtol(v, &end, 10);
			if (*v == '\0' || *end != '\0' || n < 1 || n > 999999) {
				cd_args_free(&a);
				return cd_usage_error("history", "--show takes a version number, not '%s'", v);
			}
			show = (int)n;
			break;
		}
		case 'o':
			output = v;
			break;
		case O_FORMAT:
			if (strcmp(v, "table") == 0 || strcmp(v, "tsv") == 0) {
				tsv = v[1] == 's';
				break;
			}
			cd_args_free(&a);
			return cd_usage_error("history", "unknown format '%s' (table or tsv)", v);
		default:
			CD_BUG("history: option '--%s' not handled", a.v[i].opt->name);
		}
	}
	if (a.noperands != 1) {
		int none = a.noperands == 0;
		cd_args_free(&a);
		return cd_usage_error("history", "%s", none ? "no case file given" : "one case file at a time");
	}
	if (output && !show) {
		cd_args_free(&a);
		return cd_usage_error("history", "%s", "-o goes with --show N");
	}
	const char *arg = a.operands[0];
	char *dir = g_path_get_dirname(arg);
	char *name = g_path_get_basename(arg);
	int rc = 0;
	cd_store *st = NULL;
	if (!cd_store_case_name_ok(name))
		rc = cd_fail(-CD_EXIT_INVALID, "'%s' is not a case file name (letters, digits, '.', "
		             "'-', '_', ending in .xml)", arg);
	else
		st = cd_store_open(dir, &rc);
	if (st && show) {
		char *data = NULL;
		size_t len = 0;
		rc = cd_store_history_read(st, name, show, &data, &len);
		if (rc == CD_STORE_MISSING)
			rc = -CD_EXIT_NOREAD;
		if (rc == 0) {
			cd_output *o = cd_output_new();
			FILE *fp = cd_output_open(o, output ? output : "-");
			if (!fp || fwrite(data, 1, len, fp) != len)
				rc = -CD_EXIT_NOWRITE;
			if (rc == 0)
				rc = cd_output_commit(o);
			if (rc < 0)
				cd_output_abort(o);
			cd_output_free(o);
		}
		g_free(data);
	} else if (st) {
		struct cd_store_version *v = NULL;
		int n = cd_store_history(st, name, &v);
		if (n < 0)
			rc = n;
		if (n == 0)
			fprintf(stderr, "cindoc history: '%s' has no saved versions yet\n", arg);
		if (n > 0 && !tsv)
			printf("%-4s  %-20s  %-16s  %-12s  %9s\n", "seq", "saved (UTC)", "user", "sha256", "bytes");
		for (int i = 0; i < n; i++) {
			if (tsv)
				printf("%d\t%s\t%s\t%s\t%zu\t%d\n", v[i].seq, v[i].saved, v[i].user, v[i].token,
				       v[i].bytes, v[i].current);
			else
				printf("%-4d  %-20s  %-16s  %.12s  %9zu%s\n", v[i].seq, v[i].saved, v[i].user,
				       v[i].token, v[i].bytes, v[i].current ? "  current" : "");
		}
		g_free(v);
	}
	cd_store_free(st);
	g_free(name);
	g_free(dir);
	cd_args_free(&a);
	return rc < 0 ? -rc : CD_EXIT_OK;
}
