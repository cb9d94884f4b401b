/* queue/print.c - a due date of the queue to a CUPS printer, one job per item (print.h). */
#include <stdlib.h>
#include <string.h>
#include <cups/cups.h>

#include "base/cindoc.h"
#include "case/calendar.h"
#include "queue/print.h"
#include "queue/queue-store.h"

void cd_print_job_free(gpointer p)
{
	cd_print_job *j = p;
	if (!j)
		return;
	g_free(j->item);
	g_free(j->recipient_name);
	g_free(j->case_file);
	g_free(j->printer);
	g_free(j);
}

int cd_print_printers(char ***names, char **default_name)
{
	cups_dest_t *dests = NULL;
	int n = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
	*names = g_new0(char *, (gsize)n + 1);
	*default_name = NULL;
	if (n == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
		int rc = cd_fail(-CD_EXIT_NOREAD, "cannot reach the print server: %s", cupsLastErrorString());
		return rc;
	}
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (dests[i].instance)
			continue;
		(*names)[k++] = g_strdup(dests[i].name);
		if (dests[i].is_default)
			*default_name = g_strdup(dests[i].name);
	}
	cupsFreeDests(n, dests);
	return k;
}

/* The waiting items of `date`, in the order of its print.pdf (print_first), or of the ledger. */
static gint by_print_order(gconstpointer a, gconstpointer b)
{
	char **x = *(char ***)a, **y = *(char ***)b;
	long px = atol(x[CD_QL_PRINT_FIRST]), py = atol(y[CD_QL_PRINT_FIRST]);
	return px < py ? -1 : px > py;
}

static int date_items(const char *queue_dir, const char *date, const char *only, GPtrArray *rows, GStringChunk *strs,
                      GPtrArray *mine)
{
	char *ledger = g_build_filename(queue_dir, "ledger.tsv", NULL);
	int rc = 0;
	if (!g_file_test(ledger, G_FILE_TEST_EXISTS))
		rc = cd_fail(-CD_EXIT_NOREAD, "'%s' is not a queue folder (no ledger.tsv)", queue_dir);
	if (rc == 0)
		rc = cd_ql_read_into(ledger, rows, strs);
	g_free(ledger);
	int any = 0;
	for (guint i = 0; rc == 0 && i < rows->len; i++) {
		char **row = rows->pdata[i];
		if (strncmp(row[CD_QL_FILE], date, strlen(date)) != 0 || row[CD_QL_FILE][strlen(date)] != '/')
			continue;
		if (only && strcmp(row[CD_QL_ITEM], only) != 0)
			continue;
		any = 1;
		if (strcmp(row[CD_QL_STATUS], "queued") == 0)
			g_ptr_array_add(mine, row);
	}
	if (rc == 0 && !any)
		rc = cd_fail(-CD_EXIT_USAGE, only ? "no item '%s' due on %s in the queue" : "no items due on %s%s in the queue",
		             only ? only : date, only ? date : "");
	else if (rc == 0 && mine->len == 0)
		rc = cd_fail(-CD_EXIT_USAGE, "nothing waits to be printed on %s: every item was issued already", date);
	g_ptr_array_sort(mine, by_print_order);
	return rc;
}

static int check_printer(const char *printer, char **name)
{
	http_t *h = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, 10000, NULL);
	if (!h)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot reach the print server '%s': %s", cupsServer(), cupsLastErrorString());
	httpClose(h);
	cups_dest_t *d = cupsGetNamedDest(CUPS_HTTP_DEFAULT, printer, NULL);
	if (!d) {
		if (cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE && cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND)
			return cd_fail(-CD_EXIT_NOWRITE, "cannot reach the print server: %s", cupsLastErrorString());
		return printer ? cd_fail(-CD_EXIT_USAGE, "no printer '%s' (lpstat -p lists them)", printer)
		               : cd_fail(-CD_EXIT_USAGE, "%s", "no default printer: give --printer NAME (lpstat -p lists them)");
	}
	*name = g_strdup(d->name);
	cupsFreeDests(1, d);
	return 0;
}

int cd_queue_print(const char *queue_dir, const char *date, const cd_print_opts *o, GPtrArray *jobs)
{
	cd_date d;
	if (cd_date_parse(date, &d, NULL) < 0)
		return cd_fail(-CD_EXIT_USAGE, "'%s' is not a date (YYYY-MM-DD)", date);
	/* the rows' strings in one chunk (each short value once), not one allocation each */
	GStringChunk *strs = g_string_chunk_new(65536);
	GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *mine = g_ptr_array_new();
	char *printer = NULL;
	int rc = date_items(queue_dir, date, o->only, rows, strs, mine);
	/* Check every file before the first job: a copy that is not what the ledger recorded is
	 * never sent. */
	for (guint i = 0; rc == 0 && i < mine->len; i++) {
		char **row = mine->pdata[i];
		char *path = g_build_filename(queue_dir, row[CD_QL_FILE], NULL);
		char sha[65] = "";
		if (cd_qs_sha256_file(path, sha) < 0 || strcmp(sha, row[CD_QL_SHA256]) != 0)
			rc = cd_fail(-CD_EXIT_INVALID, "'%s' is missing or does not match its sha256 in the ledger: run the "
			             "queue to make it again first (nothing was printed)", row[CD_QL_FILE]);
		g_free(path);
	}
	if (rc == 0)
		rc = check_printer(o->printer, &printer);
	for (guint i = 0; rc == 0 && i < mine->len; i++) {
		char **row = mine->pdata[i];
		char *path = g_build_filename(queue_dir, row[CD_QL_FILE], NULL);
		cups_option_t *opts = NULL;
		int nopt = 0;
		nopt = cupsAddOption("sides", o->duplex ? "two-sided-long-edge" : "one-sided", nopt, &opts);
		nopt = cupsAddOption("document-format", "application/pdf", nopt, &opts);
		int job = cupsPrintFile(printer, path, row[CD_QL_ITEM], nopt, opts);
		cupsFreeOptions(nopt, opts);
		if (job <= 0) {
			rc = cd_fail(-CD_EXIT_NOWRITE, "printer '%s' refused '%s': %s", printer, row[CD_QL_FILE],
			             cupsLastErrorString());
		} else {
			cd_print_job *j = g_new0(cd_print_job, 1);
			j->item = g_strdup(row[CD_QL_ITEM]);
			j->recipient_name = g_strdup(row[CD_QL_RECIPIENT_NAME]);
			j->case_file = g_strdup(row[CD_QL_CASE_FILE]);
			j->printer = g_strdup(printer);
			j->job = job;
			g_ptr_array_add(jobs, j);
		}
		g_free(path);
	}
	g_free(printer);
	g_ptr_array_free(mine, TRUE);
	g_ptr_array_free(rows, TRUE);
	g_string_chunk_free(strs);
	return rc;
}
