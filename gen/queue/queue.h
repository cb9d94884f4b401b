/* queue/queue.h - the dated output queue: every plan copy and closure letter owed, one per recipient.
 *
 * QUEUE_DIR/
 *   ledger.tsv                 every item ever queued: queued, issued or withdrawn
 *   manifest.csv, manifest.json   every item in the queue (queued and issued), all dates
 *   YYYY-MM-DD/                one folder per due date
 *     NAME.pdf                 one PDF per item (cd_document_basename)
 *     print.pdf                the date's queued items in one file, each starting on an odd page
 *     manifest.csv, manifest.json
 *
 * Owed: a plan copy (with the minutes) to each recipient of each held meeting whose minutes are
 * not recorded as sent (done/@minutes-sent), due when the minutes-sent timescale ends (rules.h);
 * a closure letter to each involved party of a closed case, due at the end of the closure-letters
 * timescale. An item
 * is written when it is due within the window (today + `within` working days) or overdue.
 *
 * The ledger makes runs idempotent: an issued item is never queued again; a queued item is
 * rendered again only when its inputs (case file, recipient's language, style and copy version,
 * templates, writer) changed; an item no longer owed is withdrawn; items of a case that cannot be
 * read this time are kept as they are.
 *
 * Rendering runs in worker processes (-j): first one task per item, then one per date, whose
 * print.pdf is put together from the items' own PDFs (cd_pdf_concat_write), not rendered again.
 * Every run builds the new queue beside the old one (hard links for what did not change) and
 * swaps the two folders with one atomic rename (renameat2 RENAME_EXCHANGE), so a crash or a kill
 * at any moment leaves QUEUE_DIR as it was before the run or as it is after it.
 */
#ifndef CD_QUEUE_H
#define CD_QUEUE_H

#include "case/calendar.h"

typedef struct cd_queue_opts {
	const char *cases_dir;
	const char *queue_dir;
	cd_date today;
	int within;                 /* working days ahead */
	int jobs;                   /* worker processes for rendering (1: in this process) */
	const char *writer;         /* "cairo" or "haru" */
	const char *writer_opts;    /* may hold passwords: never printed or stored */
	const char *writer_key;     /* what of the writer options changes the output, without
	                             * secrets (e.g. "protected,print=no"); part of the fingerprint */
	const cd_calendar *cal;
	int progress;               /* show a progress line on stderr */
	int quiet;                  /* no summary, no notes (errors only) */
} cd_queue_opts;

/* Runs the queue. Returns 0, -CD_EXIT_PARTIAL when cases or items were skipped (each reported),
 * or another negative exit code after an error that left the queue as it was. */
int cd_queue_run(const cd_queue_opts *o);

/* Marks items as issued on `today`: each `what` is a due date (every queued item of that date),
 * an item id ("NB-2026-0142/plan-copy/m3/p2") or an item's file ("2026-12-03/NAME.pdf" or
 * "NAME.pdf"). Atomic like a run. Returns 0 (and the number of items marked in *nmarked, when
 * not NULL) or a negative exit code. */
int cd_queue_mark_issued(const char *queue_dir, cd_date today, char *const *what, int n, int *nmarked);

#endif
