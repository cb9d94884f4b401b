/* cmd-fo.c - cindoc fo: print the XSL-FO a template makes for one recipient. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>

#include "cindoc.h"
#include "cmd.h"
#include "case.h"
#include "documents.h"

static const char usage[] =
	"usage: cindoc fo --doc DOC --for RECIPIENT [--meeting ID] [--style STYLE] [--lang LANG]\n"
	"                 [--version full|short|overview] [--date YYYY-MM-DD] CASE.xml\n"
	"\n"
	"Prints the XSL-FO that the templates make for one document and one recipient.\n"
	"\n"
	"   --doc DOC        plan, minutes, plan-copy, closure-letter, case-note, closing-summary\n"
	"   --for ID         a child or person id of the case, or 'file' for the file copy\n"
	"   --meeting ID     the meeting (minutes, plan, plan-copy, case-note); default the latest\n"
	"   --style STYLE    standard or large-print; default from the recipient's needs\n"
	"   --lang LANG      en, cy, pl, ur; default the recipient's language\n"
	"   --version V      the plan version: full, short or overview; default the reader's choice\n"
	"   --date DATE      the document date; default the meeting or closure date\n";

int cmd_fo(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return CD_EXIT_OK;
	}
	static const struct option opts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "for", required_argument, NULL, 'f' },
		{ "meeting", required_argument, NULL, 'm' },
		{ "style", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
		{ "version", required_argument, NULL, 'v' },
		{ "date", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	cd_doc_request req = { .kind = CD_DOC_N };
	const char *doc_name = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'd': doc_name = optarg; break;
		case 'f': req.recipient = optarg; break;
		case 'm': req.meeting = optarg; break;
		case 's': req.style = optarg; break;
		case 'l': req.lang = optarg; break;
		case 'v': req.version = optarg; break;
		case 't': req.date = optarg; break;
		default:
			fprintf(stderr, "cindoc fo: unknown option or missing value '%s'\n%s",
				argv[optind - 1], usage);
			return CD_EXIT_USAGE;
		}
	}
	if (!doc_name || !req.recipient || optind != argc - 1) {
		fprintf(stderr, "cindoc fo: %s\n%s",
			!doc_name ? "--doc is required" : !req.recipient ? "--for is required"
			: optind >= argc ? "no case file given" : "give one case file", usage);
		return CD_EXIT_USAGE;
	}
	int kind = cd_doc_parse(doc_name);
	if (kind < 0) {
		fprintf(stderr, "cindoc fo: unknown document '%s'\n%s", doc_name, usage);
		return CD_EXIT_USAGE;
	}
	req.kind = (cd_doc_kind)kind;
	const char *path = argv[optind];

	xmlDocPtr cs = NULL;
	int rc = cd_case_read(path, &cs);
	if (rc < 0)
		return -rc;
	cd_docs *d = cd_docs_new(NULL);
	xmlDocPtr fo = NULL;
	rc = cd_document_fo(d, cs, path, &req, &fo);
	if (rc == 0) {
		cd_output *o = cd_output_new();
		FILE *fp = cd_output_open(o, "-");
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
	return -rc;
}
