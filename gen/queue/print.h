/* queue/print.h - printing a due date of the queue through CUPS (libcups): one job per item, so
 * each letter comes out as its own stapled bundle, on a chosen printer, one- or two-sided.
 * Which printer: `printer`, else the CUPS default (lpoptions -d, or $PRINTER); the server is
 * the CUPS default too ($CUPS_SERVER, ~/.cups/client.conf, /etc/cups/client.conf). */
#ifndef CD_QUEUE_PRINT_H
#define CD_QUEUE_PRINT_H

#include <glib.h>

typedef struct cd_print_opts {
	const char *printer;   /* NULL: the default destination */
	int duplex;            /* 1: two-sided (long edge), 0: one-sided */
	const char *only;      /* NULL: every waiting item of the date; else one item id */
} cd_print_opts;

/* One job sent. */
typedef struct cd_print_job {
	char *item;            /* the item id */
	char *recipient_name;
	char *case_file;
	char *printer;
	int job;               /* the CUPS job id */
} cd_print_job;

/* The printers CUPS knows, as a NULL-terminated list (g_strfreev), and the default (g_free; may
 * be NULL). Returns the count, or a negative exit code after a message. */
int cd_print_printers(char ***names, char **default_name);

/* Sends each waiting item of due date `date` (YYYY-MM-DD) of QUEUE_DIR to the printer, one job
 * per item, in the order of the date's print.pdf, after checking each file against its sha256
 * in the ledger. Every job sent is appended to `jobs` (cd_print_job *; free with
 * cd_print_job_free), also when a later one fails. Returns 0 or a negative exit code: -CD_EXIT_USAGE
 * (no such date, nothing waiting, no such printer), -CD_EXIT_INVALID (a file does not match),
 * -CD_EXIT_NOWRITE (CUPS refused a job: the message says why). */
int cd_queue_print(const char *queue_dir, const char *date, const cd_print_opts *o, GPtrArray *jobs);
void cd_print_job_free(gpointer job);

#endif
