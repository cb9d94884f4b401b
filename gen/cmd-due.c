/* cmd-due.c - cindoc due: every statutory timescale of each case, with dates and status. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "authority.h"
#include "case.h"
#include "cindoc.h"
#include "cmd.h"
#include "due.h"

static const char usage[] =
	"usage: cindoc due [--today DATE] [--format table|csv|json] [--pending] [--closures FILE]\n"
	"                  CASE|FOLDER...\n"
	"\n"
	"Lists every statutory timescale of each case with its due date and status: the first\n"
	"meeting (10 working days after the assessment, 20 after notice of a transfer in, 4 weeks\n"
	"after a child protection conference); after each meeting the case note (1 working day), the\n"
	"plan to the Team Manager (5) and the minutes and plan sent (10); reviews (12 weeks; disabled\n"
	"children's service: 3 months after the start, then 6 months); visits (the plan's\n"
	"visit-weeks); a review of a plan running beyond 12 months; each child's 18th birthday;\n"
	"closure letters (10 working days after the closure). A FOLDER stands for its *.xml files.\n"
	"\n"
	"Status: done, late (done N working days late), due (in N working days; 0 is today),\n"
	"overdue (by N working days), missed (the case closed N working days after the deadline).\n"
	"\n"
	"   --today DATE       see the cases as of DATE (YYYY-MM-DD; default: today)\n"
	"   --format FMT       table (the default on a terminal), csv (the default otherwise), json\n"
	"   --pending          only what is still to do (due and overdue)\n"
	"   --closures FILE    local closure days (see 'cindoc calendar --help')\n"
	"   -h, --help         this help\n"
	"\n"
	"Exit: 0; 2 bad command line; 3 or 4 every case was invalid or unreadable; 6 some cases were\n"
	"reported and skipped, the others listed.\n";

static gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The case files a command-line argument stands for: itself, or a folder's *.xml, sorted. */
static int expand(const char *arg, GPtrArray *files)
{
	if (!g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		g_ptr_array_add(files, g_strdup(arg));
		return 0;
	}
	GError *err = NULL;
	GDir *dir = g_dir_open(arg, 0, &err);
	if (!dir) {
		int rc = cd_fail(-CD_EXIT_NOREAD, "cannot read folder '%s': %s", arg, err->message);
		g_error_free(err);
		return rc;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(dir)))
		if (g_str_has_suffix(name, ".xml") && name[0] != '.' && strcmp(name, CD_AUTHORITY_FILE) != 0)
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dir);
	g_ptr_array_sort(names, name_cmp);
	for (guint i = 0; i < names->len; i++)
		g_ptr_array_add(files, g_build_filename(arg, (const char *)names->pdata[i], NULL));
	g_ptr_array_free(names, TRUE);
	return 0;
}

int cmd_due(int argc, char **argv)
{
	if (cd_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return CD_EXIT_OK;
	}
	const char *today_s = NULL, *format = NULL, *closures = NULL;
	int pending = 0, options = 1;
	GPtrArray *args = g_ptr_array_new();
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (options && strcmp(a, "--") == 0) {
			options = 0;
			continue;
		}
		if (options && strcmp(a, "--pending") == 0) {
			pending = 1;
			continue;
		}
		if (options && strcmp(a, "--today") == 0)
			slot = &today_s;
		else if (options && strcmp(a, "--format") == 0)
			slot = &format;
		else if (options && strcmp(a, "--closures") == 0)
			slot = &closures;
		else if (options && strncmp(a, "--today=", 8) == 0)
			today_s = a + 8;
		else if (options && strncmp(a, "--format=", 9) == 0)
			format = a + 9;
		else if (options && strncmp(a, "--closures=", 11) == 0)
			closures = a + 11;
		else if (options && a[0] == '-' && a[1] != '\0') {
			rc = cd_usage_error("due", usage, "unknown option '%s'", a);
			goto out;
		} else
			g_ptr_array_add(args, (gpointer)a);
		if (slot) {
			if (i + 1 >= argc) {
				rc = cd_usage_error("due", usage, "'%s' needs a value", a);
				goto out;
			}
			*slot = argv[++i];
		}
	}
	enum cd_due_format fmt = isatty(STDOUT_FILENO) ? CD_DUE_TABLE : CD_DUE_CSV;
	if (format) {
		if (strcmp(format, "table") == 0)
			fmt = CD_DUE_TABLE;
		else if (strcmp(format, "csv") == 0)
			fmt = CD_DUE_CSV;
		else if (strcmp(format, "json") == 0)
			fmt = CD_DUE_JSON;
		else {
			rc = cd_usage_error("due", usage, "'%s' is not a format (table, csv, json)", format);
			goto out;
		}
	}
	cd_date today = cd_date_today();
	if (today_s) {
		char why[CD_DATE_WHY];
		int y = 0;
		if (cd_date_parse(today_s, &today, why) < 0) {
			fprintf(stderr, "cindoc due: '%s' is not a date: %s\n", today_s, why);
			rc = CD_EXIT_USAGE;
			goto out;
		}
		cd_date_to_ymd(today, &y, NULL, NULL);
		if (y < CD_CAL_FIRST_YEAR || y >= CD_DATE_MAX_YEAR) {
			fprintf(stderr, "cindoc due: '%s' is outside the working-day calendar (%d to %d)\n", today_s,
			        CD_CAL_FIRST_YEAR, CD_DATE_MAX_YEAR - 1);
			rc = CD_EXIT_USAGE;
			goto out;
		}
	}
	if (args->len == 0) {
		rc = cd_usage_error("due", usage, "%s", "which cases? (give case files or folders)");
		goto out;
	}

	cd_calendar *cal = cd_calendar_open(closures, &rc);
	if (!cal) {
		rc = -rc;
		goto out;
	}
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *cases = g_ptr_array_new_with_free_func((GDestroyNotify)cd_due_case_free);
	int bad = 0, first_err = 0;
	for (guint i = 0; i < args->len; i++) {
		int r = expand(args->pdata[i], files);
		if (r < 0) {
			bad++;
			first_err = first_err ? first_err : -r;
		}
	}
	int schema_rc = 0;
	cd_schema *schema = files->len ? cd_schema_load(&schema_rc) : NULL;
	if (files->len && !schema) {
		rc = schema_rc < 0 ? -schema_rc : CD_EXIT_INTERNAL;
		goto done;
	}
	for (guint i = 0; i < files->len; i++) {
		const char *path = files->pdata[i];
		xmlDocPtr doc = NULL;
		cd_due_case *c = NULL;
		int r = cd_case_load(schema, path, &doc);
		if (r == 0)
			r = cd_due_compute(cal, doc, path, today, &c);
		xmlFreeDoc(doc);
		if (r < 0) {
			bad++;
			first_err = first_err ? first_err : -r;
			continue;
		}
		g_ptr_array_add(cases, c);
	}
	cd_due_write(stdout, fmt, (cd_due_case *const *)cases->pdata, (int)cases->len, today, pending);
	if (fflush(stdout) != 0)
		rc = cd_fail(CD_EXIT_NOWRITE, "cannot write the list");
	else if (bad && cases->len)
		rc = CD_EXIT_PARTIAL;
	else if (bad)
		rc = first_err;
	else if (cases->len == 0)
		rc = cd_fail(CD_EXIT_NOREAD, "no case files (*.xml) found");
done:
	cd_schema_free(schema);
	g_ptr_array_free(cases, TRUE);
	g_ptr_array_free(files, TRUE);
	cd_calendar_free(cal);
out:
	g_ptr_array_free(args, TRUE);
	return rc;
}
