/* web/record.h - one record of what was sent.
 *
 * Issuing a copy is recorded once, in two places that say the same thing:
 *   - the queue's ledger (status "issued", the day), through cd_queue_mark_issued;
 *   - the case file itself: when every copy of a meeting's minutes and plan (or every closure
 *     letter) in the ledger is issued, the meeting's done/@minutes-sent (or closure/@letters-sent)
 *     is set to the day the last of them went, through the store's versioned save (cd_store_save:
 *     checked, atomic, kept in the history with who recorded it).
 * `cindoc due`, the desk's case page and the queue read the case file, so they all show the same
 * date. Every item marked (and every print) is a row of the audit log: who, when, which item,
 * to whom.
 */
#ifndef CD_WEB_RECORD_H
#define CD_WEB_RECORD_H

#include "case/calendar.h"

/* The user a command line action is recorded as: the operating system's user name (or
 * "uid-N" when it has none). Newly allocated. */
char *cd_record_os_user(void);

/* Marks `what` (due dates, item ids or files, as cd_queue_mark_issued takes them) as issued on
 * `today` in QUEUE_DIR, then, when `cases_dir` is not NULL, records in each case whose copies are
 * now all issued that they were sent, and adds one audit row per item newly issued (action
 * "issue", detail "ITEM to NAME (RECIPIENT) via HOW"). `user` is who did it, `how` a word for
 * the audit ("command line", "desk", "printer NAME"). *marked: how many items were newly
 * issued. `quiet`: no line per case recorded on standard output. Returns 0 or a negative exit
 * code. */
int cd_record_issued(const char *queue_dir, const char *cases_dir, const char *user, const char *how,
                     cd_date today, char *const *what, int n, int *marked, int quiet);

/* Records in the case files of `cases_dir` every meeting (and closure) whose copies in the
 * queue's ledger are all issued, as sent on the day of the last. Used by cd_record_issued; also
 * safe to call again (a case that says so already is left alone). Returns 0 or negative. */
int cd_record_sync_cases(const char *queue_dir, const char *cases_dir, const char *user, int quiet);

/* Adds one row to the audit log of `cases_dir` (CASES_DIR/.cindoc/audit.sqlite). */
int cd_record_audit(const char *cases_dir, const char *user, const char *action, const char *case_id,
                    const char *detail);

#endif
