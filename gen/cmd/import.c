/* cmd/import.c - cindoc import census: a DfE Children in Need census file into case skeletons. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "base/cindoc.h"
#include "case/authority.h"
#include "case/case.h"
#include "case/census.h"
#include "cmd/cmd.h"

enum { O_FORCE = CD_OPT_LOCAL };

static const cd_opt import_opts[] = {
	{ 'o', "output", 'o', "CASES_DIR", "the cases folder to write into (made when missing)", 0 },
	{ O_FORCE, "force", 0, NULL, "replace a case file that is there already (by default it is left as it "
	  "is and its record reported as skipped)", 0 },
	{ 0 }
};
static const cd_optgroup import_group = { NULL, import_opts, NULL };

const cd_cmd_doc cd_doc_import = {
	.name = "import",
	.summary = "cases from a DfE Children in Need census",
	.usage = "census FILE.xml -o CASES_DIR [--force]",
	.about =
	"Reads a Department for Education Children in Need census file (the XML return of a council's "
	"case-management system) and writes one case skeleton for each CIN plan of each child: the census "
	"links no brothers and sisters, so each case holds one child. A case has what the census knows: "
	"the child's id (LAchildID), date of birth, sex, ethnicity, disabilities and date of death; the "
	"referral, the assessments, the plan's start (the case's 'opened') and end (its closure, with the "
	"reason mapped to the eight ways a plan ends). The census names nobody: the child is called "
	"'Child LACHILDID' and the case has no people and no meetings, for the desk to complete.\n\n"
	"The case is named LACHILDID-START (the plan's start date), in the file of that name in lower "
	"case. Each case is checked against templates/case.xsd before it is written, and all are written "
	"together (each to a temporary file, mode 0600, renamed into place): an error while writing "
	"leaves no case behind.\n\n"
	"The census file is untrusted: it is parsed without network, DTD or entities, at most 64 MiB. "
	"A child with a field that is missing, not a date or not a code of the census is reported "
	"('FILE:LINE: error: ...', the line of the field) and skipped; so is a case file that is there "
	"already, unless --force. Text or elements the census does not have are warnings.",
	.operands = (const cd_term[]){
		{ "census", "the format: the DfE Children in Need census (the one format there is)" },
		{ "FILE.xml", "the census file; '-' reads it from standard input" },
		{ NULL, NULL } },
	.groups = { &import_group, &cd_common_group },
	.exits = (const cd_term[]){
		{ "0", "every child with a CIN plan was imported" },
		CD_EXITS_USAGE,
		{ "3", "not a census file, or no child could be imported (each reported)" },
		CD_EXITS_NOREAD,
		CD_EXITS_NOWRITE,
		{ "6", "some children or plans were reported and skipped, the others imported" },
		CD_EXITS_INTERNAL,
		{ NULL, NULL } },
	.examples = (const cd_term[]){
		{ "cindoc import census cin-2026.xml -o cases/", "one case per CIN plan, into cases/" },
		{ "cindoc import census cin-2026.xml -o cases/ --force", "... replacing the cases imported before" },
		{ NULL, NULL } },
};

/* The file name of a case: its ref in lower case, anything but letters, digits, '-' and '.' as
 * '_' (as the desk names a new case). */
static char *file_name(const char *ref)
{
	GString *g = g_string_new(NULL);
	for (const char *p = ref; *p; p++)
		g_string_append_c(g, g_ascii_isalnum(*p) || *p == '-' || *p == '.' ? g_ascii_tolower(*p) : '_');
	g_string_append(g, ".xml");
	return g_string_free(g, FALSE);
}

struct run {
	const char *census, *dir;
	int force, quiet, verbose;
	cd_schema *schema;
	cd_output *out;
	GHashTable *names;  /* file names of this run */
	int written, skipped;
};

/* One case: made, checked with the case loader, then opened for writing. 0, 1 (skipped after a
 * message) or negative (cannot write: the run stops). */
static int one_case(struct run *r, const cd_census_child *c, const cd_census_episode *ep, const cd_census_plan *p)
{
	char *ref = g_strdup_printf("%s-%s", c->id, p->start);
	char *name = file_name(ref);
	char *target = g_build_filename(r->dir, name, NULL);
	int rc = 1;
	struct stat st;
	if (g_hash_table_contains(r->names, name)) {
		cd_error_at(r->census, p->line, "the case of this plan would be '%s', as another plan's above "
		            "(LAchildIDs that differ only in case or punctuation): skipped", target);
	} else if (!r->force && lstat(target, &st) == 0) {
		cd_error_at(r->census, p->line, "'%s' is there already: not overwritten (--force replaces it)", target);
	} else {
		g_hash_table_add(r->names, g_strdup(name));
		xmlDocPtr doc = cd_census_case(c, ep, p, ref, r->census, r->quiet);
		xmlChar *buf = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
		xmlFreeDoc(doc);
		xmlDocPtr check = NULL;
		if (!buf || cd_case_load_memory(r->schema, target, (const char *)buf, (size_t)len, &check) < 0) {
			cd_error_at(r->census, p->line, "the case made for '%s' is not valid (above): skipped", c->id);
		} else {
			FILE *fp = cd_output_open(r->out, target);
			if (!fp || fwrite(buf, 1, (size_t)len, fp) != (size_t)len)
				rc = fp ? cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", target, strerror(errno))
				        : -CD_EXIT_NOWRITE;
			else
				rc = 0;
		}
		xmlFreeDoc(check);
		xmlFree(buf);
	}
	g_free(target);
	g_free(name);
	g_free(ref);
	return rc;
}

/* Each plan of a child that was read well: its case. */
static int import_child(void *ud, const cd_census_child *c)
{
	struct run *r = ud;
	for (guint k = 0; k < c->episodes->len; k++) {
		const cd_census_episode *ep = c->episodes->pdata[k];
		if (ep->plans->len == 0 && !r->quiet)
			fprintf(stderr, "%s:%ld: note: the referral of '%s' on %s has no CIN plan: nothing to import\n",
			        r->census, ep->line, c->id, ep->referred);
		for (guint j = 0; j < ep->plans->len; j++) {
			int rc = one_case(r, c, ep, &g_array_index(ep->plans, cd_census_plan, j));
			if (rc < 0)
				return rc;
			if (rc == 0)
				r->written++;
			else
				r->skipped++;
		}
	}
	return 0;
}

static int finish(struct run *r)
{
	int rc = cd_output_commit(r->out);
	if (rc < 0)
		return rc;
	if (!r->quiet)
		for (size_t i = 0; i < cd_output_count(r->out); i++)
			printf("%s\n", cd_output_target(r->out, i));
	if (r->written && !r->quiet) {
		char *auth = g_build_filename(r->dir, CD_AUTHORITY_FILE, NULL);
		if (access(auth, F_OK) != 0)
			fprintf(stderr, "cindoc import: '%s' has no %s: add the authority's details before using the "
			        "cases (see 'The authority file' in README.md)\n", r->dir, CD_AUTHORITY_FILE);
		g_free(auth);
	}
	return fflush(stdout) == 0 ? 0 : cd_fail(-CD_EXIT_NOWRITE, "cannot write the list of files");
}

int cmd_import(int argc, char **argv)
{
	cd_args a;
	if (cd_args_parse(&cd_doc_import, argc, argv, &a))
		return a.exit;
	struct run r = { .dir = cd_args_get(&a, 'o'), .force = cd_args_has(&a, O_FORCE),
	                 .quiet = a.verbosity < 0, .verbose = a.verbosity > 0 };
	int rc = 0;
	if (a.noperands == 0 || strcmp(a.operands[0], "census") != 0)
		rc = cd_usage_error("import", a.noperands ? "cannot import '%s': the one format is 'census'"
		                                          : "import what? ('census FILE.xml')", a.noperands ? a.operands[0] : "");
	else if (a.noperands != 2)
		rc = cd_usage_error("import", "%s", a.noperands < 2 ? "which census file?" : "one census file at a time");
	else if (!r.dir || strcmp(r.dir, "-") == 0)
		rc = cd_usage_error("import", "%s", "where to? (-o CASES_DIR: a folder)");
	if (rc) {
		cd_args_free(&a);
		return rc;
	}
	r.census = a.operands[1];

	char *made = NULL;
	r.schema = cd_schema_load(&rc);
	if (rc == 0 && g_file_test(r.dir, G_FILE_TEST_EXISTS) && !g_file_test(r.dir, G_FILE_TEST_IS_DIR))
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write into '%s': not a folder", r.dir);
	if (rc == 0)
		rc = cd_mkdirs_new(r.dir, &made);
	if (rc == 0) {
		int skipped = 0;
		r.out = cd_output_new();
		r.names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		rc = cd_census_read(r.census, r.quiet, &skipped, import_child, &r);
		r.skipped += skipped;
		if (rc == 0)
			rc = finish(&r);
		if (rc < 0) {
			cd_output_abort(r.out);
			cd_rmdirs_new(r.dir, made);
		}
		cd_output_free(r.out);
		g_hash_table_destroy(r.names);
	}
	if (rc == 0 && r.verbose)
		fprintf(stderr, "cindoc import: %d case%s written, %d skipped\n", r.written, r.written == 1 ? "" : "s",
		        r.skipped);
	if (rc == 0 && r.written == 0)
		cd_rmdirs_new(r.dir, made);
	g_free(made);
	cd_schema_free(r.schema);
	cd_args_free(&a);
	if (rc < 0)
		return -rc;
	if (r.skipped)
		return r.written ? CD_EXIT_PARTIAL : CD_EXIT_INVALID;
	return CD_EXIT_OK;
}
