/* main.c - the cindoc command: one table of subcommands (like git.c and mutool.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cindoc.h"
#include "cmd.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "check", cmd_check, "validate and lint case files" },
	{ "fo", cmd_fo, "print the XSL-FO a template makes for one recipient" },
	{ "render", cmd_render, "render a document for one recipient, or for all, as PDF" },
	{ "render-fo", cmd_render_fo, "render any XSL-FO file of the supported subset" },
	{ "due", cmd_due, "list every statutory timescale of a case, with dates and status" },
	{ "calendar", cmd_calendar, "working-day arithmetic (England and Wales)" },
	{ "queue", cmd_queue, "assemble what is due into a dated print queue" },
	{ "serve", cmd_serve, "the web desk: write up meetings in a browser" },
	{ "user", cmd_user, "add, change or remove a user of the web desk" },
	{ "audit", cmd_audit, "print who opened, changed or saved which case on the web desk" },
	{ "history", cmd_history, "list the saved versions of a case, or print one" },
};

static void usage(FILE *fp)
{
	fputs("usage: cindoc [--version] [--help] COMMAND [ARGS]\n"
	      "\n"
	      "Child in Need documents - plans, minutes, plan copies, closure letters, case notes,\n"
	      "closing summaries - as PDF, and a dated queue of what is due for printing.\n"
	      "\n"
	      "commands:\n", fp);
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(fp, "   %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'cindoc help COMMAND' or 'cindoc COMMAND --help' tells more about one command.\n"
	      "Exit codes are listed in README.md.\n", fp);
}

int cd_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "cindoc %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		fputs(usage, stderr);
	else
		fprintf(stderr, "see 'cindoc %s --help'\n", cmd);
	return CD_EXIT_USAGE;
}

int cd_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CD_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		usage(stdout);
		return CD_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0) {
		printf("cindoc %s\n", CINDOC_VERSION);
		return CD_EXIT_OK;
	}
	if (strcmp(name, "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return CD_EXIT_OK;
		}
		const struct command *c = find(argv[2]);
		if (!c) {
			fprintf(stderr, "cindoc: '%s' is not a cindoc command; see 'cindoc --help'\n", argv[2]);
			return CD_EXIT_USAGE;
		}
		char *help_argv[] = { (char *)c->name, (char *)"--help", NULL };
		return c->fn(2, help_argv);
	}
	const struct command *c = find(name);
	if (!c) {
		fprintf(stderr, "cindoc: '%s' is not a cindoc command; see 'cindoc --help'\n", name);
		return CD_EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
