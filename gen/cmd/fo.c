/* cmd/fo.c - cindoc fo: print the XSL-FO a template makes for one recipient. */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>

#include "base/cindoc.h"
#include "cmd/cmd.h"
#include "case/case.h"
#include "transform/documents.h"

const cd_cmd_doc cd_doc_fo = {
	.name = "fo",
	.summary = "print the XSL-FO a template makes for one recipient",
	.usage = "--doc DOC --for ID [document options] [-o FILE] CASE",
	.about =
	"Prints the XSL-FO that the templates make for one document and one recipient, for checking by "
	"eye or with another FO processor (the subset cindoc reads is gen/FO-SUBSET.md).",
	.operands = (const cd_term[]){
		{ "CASE", "the case file; '-' reads it from standard input" },
		{ NULL, NULL } },
	.groups = { &(const cd_optgroup){ NULL, (const cd_opt[]){
			{ 'o', "output", 'o', "FILE", "write the FO to FILE (mode 0600) instead of standard output", 0 },
			{ 0 } }, NULL },
		&cd_doc_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "invalid case, or the templates stopped (the message gives file:line)" },
		CD_EXITS_NOREAD, CD_EXITS_NOWRITE, CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc fo --doc minutes --for file --meeting m2 samples/02-review-scaling.xml", "" },
		{ "cindoc fo --doc=plan --for=c1 case.xml | fop -fo - -pdf plan-fop.pdf", "the same FO through Apache FOP" },
		{ NULL, NULL } },
};

int cmd_fo(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_fo, argc, argv, &a))
		return a.exit;
	cd_doc_request req = { .kind = CD_DOC_N };
	const char *doc_name = NULL, *out = "-";
	for (int i = 0; i < a.n; i++)
		if (!cd_docopt_take(&req, &doc_name, a.v[i].id, a.v[i].val))
			out = a.v[i].val; /* -o */
	const char *why = !doc_name ? "--doc is required" : !req.recipient ? "--for is required"
	                  : a.noperands == 0 ? "no case file given" : a.noperands > 1 ? "give one case file" : NULL;
	if (why) {
		cd_args_free(&a);
		return cd_usage_error("fo", "%s", why);
	}
	int kind = cd_doc_parse(doc_name);
	if (kind < 0) {
		cd_args_free(&a);
		return cd_usage_error("fo", "unknown document '%s'", doc_name);
	}
	req.kind = (cd_doc_kind)kind;
	const char *path = a.operands[0];

	xmlDocPtr cs = NULL;
	int rc = cd_case_read(path, &cs);
	if (rc < 0) {
		cd_args_free(&a);
		return -rc;
	}
	cd_docs *d = cd_docs_new(NULL);
	xmlDocPtr fo = NULL;
	rc = cd_document_fo(d, cs, path, &req, &fo);
	if (rc == 0) {
		cd_output *o = cd_output_new();
		FILE *fp = cd_output_open(o, out);
		if (!fp || xmlDocFormatDump(fp, fo, 1) < 0) {
			cd_output_abort(o);
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write the FO");
		} else {
			rc = cd_output_commit(o);
		}
		cd_output_free(o);
	}
	xmlFreeDoc(fo);
	xmlFreeDoc(cs);
	cd_docs_free(d);
	cd_args_free(&a);
	return -rc;
}
