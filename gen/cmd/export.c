/* cmd/export.c - cindoc export census: the census records of a folder of cases as a DfE Children
 * in Need census file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "base/cindoc.h"
#include "case/authority.h"
#include "case/case.h"
#include "case/census.h"
#include "cmd/cmd.h"

enum { O_YEAR = CD_OPT_LOCAL };

static const cd_opt export_opts[] = {
	{ 'o', "output", 'o', "FILE", "where to write the census ('-', the default: standard output)", 0 },
	{ O_YEAR, "year", 0, "YEAR", "the collection year: the header gives it and its reference date (31 March), and "
	  "only referrals open at some time from 1 April of the year before to that 31 March are written; "
	  "by default every referral, and no year", 0 },
	{ 0 }
};
static const cd_optgroup export_group = { NULL, export_opts, NULL };

const cd_cmd_doc cd_doc_export = {
	.name = "export",
	.summary = "a DfE Children in Need census from cases",
	.usage = "census CASE|CASES_DIR... [-o FILE] [--year YEAR]",
	.about =
	"Collects what the cases hold for the Department for Education Children in Need census (the "
	"<census> record that 'cindoc import census' keeps with each child: the child's id, sex, "
	"ethnicity and disabilities, the referral and its assessments) with the dates of each case's CIN "
	"plan (its start, 'opened', and its end, the closure's date), and writes them as one census file: "
	"one <Child> per child, one <CINdetails> per referral, one <CINPlanDates> per case. A plan that "
	"ended in cindoc closes its referral with the census's reason (RC2 died, RC5 transfer, RC7 the "
	"others) unless a child protection plan or care took over, which the census counts as the same "
	"referral going on.\n\n"
	"The census has no field for Child in Need meetings: the meetings of a case are not part of it.\n\n"
	"The file is checked against the census schema of the data folder "
	"(templates/census/CIN_schema_2024.xsd) before it is written; nothing is written when it does not "
	"validate. A case that does not load is reported and skipped; a case without a <census> record "
	"(made in the desk) has nothing for the census and is left out.",
	.operands = (const cd_term[]){
		{ "census", "the format: the DfE Children in Need census (the one format there is)" },
		{ "CASE", "a case file" },
		{ "CASES_DIR", "stands for its *.xml files (not authority.xml), in name order" },
		{ NULL, NULL } },
	.groups = { &export_group, &cd_common_group },
	.exits = (const cd_term[]){
		CD_EXITS_DONE, CD_EXITS_USAGE,
		{ "3", "no case holds a census record, or the census made does not validate" },
		CD_EXITS_NOREAD,
		CD_EXITS_NOWRITE,
		{ "6", "some cases were reported and skipped, the others written" },
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc export census cases/ -o cin-2027.xml --year 2027", "the return for the year to 31 March 2027" },
		{ "cindoc export census cases/ | xmllint --format -", "" },
		{ NULL, NULL } },
};

/* Reads every case into `o`: the number of census children, or negative. */
static int collect(GPtrArray *files, cd_census_out *o, int verbose, int *skipped)
{
	int rc = 0, n = 0;
	cd_schema *schema = cd_schema_load(&rc);
	if (!schema)
		return rc;
	for (guint i = 0; i < files->len; i++) {
		const char *f = files->pdata[i];
		xmlDocPtr doc = NULL;
		if (cd_case_load(schema, f, &doc) < 0) {
			++*skipped;
			continue;
		}
		int k = cd_census_out_add(o, f, doc);
		if (k == 0 && verbose)
			fprintf(stderr, "cindoc export: %s: no child with a census record: left out\n", f);
		n += k;
		xmlFreeDoc(doc);
	}
	cd_schema_free(schema);
	return n;
}

/* Checks the census against its schema when the data folder has it. */
static int validate(xmlDocPtr doc, const char *name, int quiet)
{
	char *path = cd_datapath(CD_CENSUS_SCHEMA);
	int there = access(path, R_OK) == 0;
	g_free(path);
	if (!there) {
		if (!quiet)
			fprintf(stderr, "cindoc export: warning: no %s in the data folder: the census is not checked\n",
			        CD_CENSUS_SCHEMA);
		return 0;
	}
	int rc = 0;
	cd_schema *s = cd_schema_load_file(CD_CENSUS_SCHEMA, "census", &rc);
	if (!s)
		return rc;
	rc = cd_schema_validate(s, name, doc);
	cd_schema_free(s);
	if (rc < 0)
		cd_fail(rc, "the census made from the cases does not validate against %s: nothing written", CD_CENSUS_SCHEMA);
	return rc;
}

static int write_out(xmlDocPtr doc, const char *out)
{
	xmlChar *buf = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	cd_output *o = cd_output_new();
	FILE *fp = buf ? cd_output_open(o, out) : NULL;
	int rc;
	if (!fp)
		rc = -CD_EXIT_NOWRITE;
	else if (fwrite(buf, 1, (size_t)len, fp) != (size_t)len)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", out, strerror(errno));
	else
		rc = cd_output_commit(o);
	cd_output_free(o);
	xmlFree(buf);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_export, argc, argv, &a))
		return a.exit;
	const char *out = cd_args_get(&a, 'o') ? cd_args_get(&a, 'o') : "-";
	const char *year_s = cd_args_get(&a, O_YEAR);
	int year = 0, rc = 0;
	if (a.noperands == 0 || strcmp(a.operands[0], "census") != 0)
		rc = cd_usage_error("export", a.noperands ? "cannot export '%s': the one format is 'census'"
		                                          : "export what? ('census CASES_DIR')", a.noperands ? a.operands[0] : "");
	else if (a.noperands < 2)
		rc = cd_usage_error("export", "%s", "which cases? (give case files or folders)");
	else if (year_s) {
		char *end = NULL;
		long y = strtol(year_s, &end, 10);
		if (!*year_s || *end || y < 1979 || y > 9998)
			rc = cd_usage_error("export", "--year '%s' is not a year (1979 to 9998)", year_s);
		year = (int)y;
	}
	for (int i = 1; rc == 0 && i < a.noperands; i++)
		if (strcmp(a.operands[i], "-") == 0)
			rc = cd_usage_error("export", "%s", "cases come from files or folders, not standard input");
	if (rc) {
		cd_args_free(&a);
		return rc;
	}
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	for (int i = 1; rc == 0 && i < a.noperands; i++)
		rc = cd_case_files(a.operands[i], files);
	cd_census_out *o = cd_census_out_new();
	int skipped = 0, n = 0;
	if (rc == 0)
		n = rc = collect(files, o, a.verbosity > 0, &skipped);
	if (rc == 0)
		rc = skipped && skipped == (int)files->len ? -CD_EXIT_INVALID
		   : cd_fail(-CD_EXIT_INVALID, "no case holds a census record (<census>, from 'cindoc import census'): "
		             "nothing to export");
	if (rc > 0) {
		rc = 0;
		xmlDocPtr doc = cd_census_out_doc(o, year);
		if (!xmlDocGetRootElement(doc) || !cd_case_first(cd_case_first(xmlDocGetRootElement(doc), "Children"), "Child"))
			rc = cd_fail(-CD_EXIT_INVALID, "no referral of the cases was open in the year to 31 March %d: "
			             "nothing to export", year);
		if (rc == 0)
			rc = validate(doc, strcmp(out, "-") == 0 ? "(the census made)" : out, a.verbosity < 0);
		if (rc == 0)
			rc = write_out(doc, out);
		xmlFreeDoc(doc);
	}
	(void)n;
	cd_census_out_free(o);
	g_ptr_array_free(files, TRUE);
	cd_args_free(&a);
	if (rc < 0)
		return -rc;
	return skipped ? CD_EXIT_PARTIAL : CD_EXIT_OK;
}
