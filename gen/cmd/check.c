/* cmd/check.c - cindoc check: validate case files against the schema, then lint them. */
#include <stdio.h>
#include <string.h>

#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "case/lint.h"

const cd_cmd_doc cd_doc_check = {
	.name = "check",
	.summary = "validate and lint case files",
	.usage = "[-q|-v] CASE...",
	.about =
	"Validates each case file against templates/case.xsd, then checks what the schema cannot: dates "
	"in order, reviews within 12 weeks (disabled children: 3 months, then 6), visits at least as often "
	"as the plan says and never more than 4 weeks apart, plan items with a 'who' and a 'by when', the "
	"child's views at every meeting, a way to reach every recipient, withheld facts naming people, a "
	"child turning 18 before the next review, and jargon in what is written for the child "
	"(templates/jargon.txt).\n\n"
	"A file named authority.xml (the authority's details, once per cases folder) is checked against "
	"templates/authority.xsd instead.\n\n"
	"Messages are 'file:line: error|warning: text' on standard error, in line order; nothing is ever "
	"written. Case files are parsed safely: no network, no DTD, no entities, at most 8 MiB.",
	.operands = (const cd_term[]){
		{ "CASE", "a case file; '-' reads one from standard input" },
		{ NULL, NULL } },
	.groups = { &cd_common_group },
	.exits = (const cd_term[]){
		{ "0", "every file is clean" },
		{ "1", "warnings only" },
		CD_EXITS_USAGE,
		{ "3", "a file is invalid (errors)" },
		CD_EXITS_NOREAD,
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc check samples/*.xml", "silent when every file is clean" },
		{ "cindoc check -q - < case.xml", "a case from standard input: errors only, warnings counted in the exit code" },
		{ NULL, NULL } },
};

int cmd_check(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_check, argc, argv, &a))
		return a.exit;
	if (a.noperands == 0) {
		cd_args_free(&a);
		return cd_usage_error("check", "which case files? (give one or more, or '-')");
	}
	int stdin_twice = 0, seen = 0;
	for (int i = 0; i < a.noperands; i++)
		if (strcmp(a.operands[i], "-") == 0)
			stdin_twice |= seen++;
	if (stdin_twice) {
		cd_args_free(&a);
		return cd_usage_error("check", "standard input ('-') can be read only once");
	}

	int rc = 0;
	cd_schema *schema = cd_schema_load(&rc);
	if (!schema) {
		cd_args_free(&a);
		return -rc;
	}
	cd_lint *lint = cd_lint_new(&rc);
	if (!lint) {
		cd_schema_free(schema);
		cd_args_free(&a);
		return -rc;
	}
	cd_lint_quiet(lint, a.verbosity < 0);

	int worst = CD_EXIT_OK;
	for (int i = 0; i < a.noperands; i++) {
		const char *path = a.operands[i];
		xmlDocPtr doc = NULL;
		int r = cd_authority_is_file(path) ? cd_authority_check_file(schema, path)
		                                   : cd_case_load(schema, path, &doc);
		int code;
		if (r < 0) {
			code = -r;
		} else if (!doc) {
			code = CD_EXIT_OK; /* the authority file: nothing to lint */
		} else {
			struct cd_lint_counts n = { 0, 0 };
			cd_lint_case(lint, path, doc, &n);
			code = n.errors ? CD_EXIT_INVALID : n.warnings ? CD_EXIT_WARN : CD_EXIT_OK;
			xmlFreeDoc(doc);
			if (a.verbosity > 0)
				fprintf(stderr, "cindoc check: %s: %d error%s, %d warning%s\n", path, n.errors,
				        n.errors == 1 ? "" : "s", n.warnings, n.warnings == 1 ? "" : "s");
		}
		if (code > worst)
			worst = code;
	}
	cd_lint_free(lint);
	cd_schema_free(schema);
	cd_args_free(&a);
	return worst;
}
