/* cmd-history.c - cindoc history: the versions of a case saved through the web desk. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cindoc.h"
#include "cmd.h"
#include "web/store.h"

static const char usage[] =
	"usage: cindoc history [--show N [-o FILE]] [--format table|tsv] CASE\n"
	"\n"
	"Lists every version of the case file CASE kept by the web desk (cindoc serve) in the\n"
	"history beside it (CASES_DIR/.history/): number, when it was saved (UTC), who saved it\n"
	"('-' for a change made outside the desk), its sha256 and size; the version the file has\n"
	"now is marked 'current'. --show N prints version N (to FILE with -o), checked against\n"
	"its sha256.\n"
	"\n"
	"  --show N          print version N instead of the list\n"
	"  -o, --output FILE write it to FILE (mode 0600, atomically) instead of standard output\n"
	"  --format FMT      table (default on a terminal) or tsv: seq, saved, user, sha256, bytes,\n"
	"                    current (1 or 0)\n"
	"\n"
	"exit: 0 done, 2 usage, 3 CASE is not a case file name, 4 cannot read, 5 cannot write\n";

int cmd_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "show", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int show = 0;
	const char *output = NULL;
	int tsv = !isatty(fileno(stdout));
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': {
			char *end = NULL;
			long n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 1 || n > 999999)
				return cd_usage_error("history", NULL, "--show takes a version number, not '%s'",
				                      optarg);
			show = (int)n;
			break;
		}
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				tsv = 0;
			else if (strcmp(optarg, "tsv") == 0)
				tsv = 1;
			else
				return cd_usage_error("history", NULL, "unknown format '%s' (table or tsv)",
				                      optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return CD_EXIT_OK;
		default:
			return cd_usage_error("history", usage, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return cd_usage_error("history", usage, optind >= argc ? "no case file given"
		                                                        : "one case file at a time");
	if (output && !show)
		return cd_usage_error("history", NULL, "-o goes with --show N");

	const char *arg = argv[optind];
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
	return rc < 0 ? -rc : CD_EXIT_OK;
}
