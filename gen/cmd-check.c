/* cmd-check.c - cindoc check: validate case files against the schema, then lint them. */
#include <stdio.h>
#include <string.h>

#include "authority.h"
#include "case.h"
#include "cindoc.h"
#include "cmd.h"
#include "lint.h"

static const char usage[] =
	"usage: cindoc check CASE...\n"
	"\n"
	"Validates each case file against templates/case.xsd, then checks what the schema cannot:\n"
	"dates in order, reviews within 12 weeks (disabled children: 3 months, then 6), visits at\n"
	"least as often as the plan says and never more than 4 weeks apart, plan items with a 'who'\n"
	"and a 'by when', the child's views at every meeting, a way to reach every recipient,\n"
	"withheld facts naming people, a child turning 18 before the next review, and jargon in\n"
	"what is written for the child (templates/jargon.txt).\n"
	"\n"
	"Messages are 'file:line: error|warning: text' on stderr; nothing is ever written.\n"
	"Case files are parsed safely: no network, no DTD, no entities, at most 8 MiB.\n"
	"\n"
	"exit: 0 clean, 1 warnings only, 3 invalid (errors), 4 cannot read a file\n";

int cmd_check(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return CD_EXIT_OK;
	}
	int first = 1;
	if (first < argc && strcmp(argv[first], "--") == 0)
		first++;
	else if (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
		fprintf(stderr, "cindoc check: unknown option '%s'\n", argv[first]);
		fputs(usage, stderr);
		return CD_EXIT_USAGE;
	}
	if (first >= argc) {
		fputs(usage, stderr);
		return CD_EXIT_USAGE;
	}

	int rc = 0;
	cd_schema *schema = cd_schema_load(&rc);
	if (!schema)
		return -rc;
	cd_lint *lint = cd_lint_new(&rc);
	if (!lint) {
		cd_schema_free(schema);
		return -rc;
	}

	int worst = CD_EXIT_OK;
	for (int i = first; i < argc; i++) {
		xmlDocPtr doc = NULL;
		int r = cd_authority_is_file(argv[i]) ? cd_authority_check_file(schema, argv[i])
		                                      : cd_case_load(schema, argv[i], &doc);
		int code;
		if (r < 0) {
			code = -r;
		} else if (!doc) {
			code = CD_EXIT_OK; /* the authority file: nothing to lint */
		} else {
			struct cd_lint_counts n = { 0, 0 };
			cd_lint_case(lint, argv[i], doc, &n);
			code = n.errors ? CD_EXIT_INVALID : n.warnings ? CD_EXIT_WARN : CD_EXIT_OK;
			xmlFreeDoc(doc);
		}
		if (code > worst)
			worst = code;
	}
	cd_lint_free(lint);
	cd_schema_free(schema);
	return worst;
}
