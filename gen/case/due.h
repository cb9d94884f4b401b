/* case/due.h - every statutory timescale of a case, with its due date and status.
 *
 * The timescales and their lengths are the rules of the case (rules.h): the first meeting (after
 * the assessment, notice of a transfer in, or a child protection conference), and after every
 * meeting the case note, the plan to the Team Manager (when the plan continues) and the minutes
 * and plan sent; reviews (with their own timescales in the disabled children's service); visits
 * (the plan's visit-weeks); a review when a plan runs beyond its timescale; each child's 18th
 * birthday; closure letters after the closure.
 *
 * Everything is seen as of `today`: meetings, visits, closures and done-dates after it have not
 * happened yet. A deadline of weeks or months that falls on a non-working day moves back to the
 * working day before it; working-day deadlines always fall on working days.
 */
#ifndef CD_DUE_H
#define CD_DUE_H

#include <stdio.h>
#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"

enum cd_due_kind {
	CD_DUE_INITIAL_MEETING,   /* after `assessed` */
	CD_DUE_TRANSFER_MEETING,  /* after transfer-in/@notified */
	CD_DUE_CP_MEETING,        /* after from-child-protection/@conference */
	CD_DUE_CASE_NOTE,         /* after each meeting */
	CD_DUE_PLAN_AUTHORISED,   /* after each meeting that continues the plan */
	CD_DUE_MINUTES_SENT,      /* after each meeting */
	CD_DUE_REVIEW,            /* after each meeting (disabled children: the first after the start) */
	CD_DUE_VISIT,             /* plan/@visit-weeks after the last visit (or the start) */
	CD_DUE_PLAN_LENGTH,       /* a review of a plan that runs beyond its timescale */
	CD_DUE_EIGHTEEN,          /* a child's 18th birthday: the plan ends */
	CD_DUE_CLOSURE_LETTERS,   /* after the closure */
	CD_DUE_N_KINDS
};

enum cd_due_status {
	CD_DUE_DONE,      /* done on or before the due date */
	CD_DUE_LATE,      /* done, `days` working days after the due date */
	CD_DUE_PENDING,   /* not done, due in `days` working days (0: today) */
	CD_DUE_OVERDUE,   /* not done, `days` working days past the due date */
	CD_DUE_MISSED     /* not done and no longer possible: the case closed `days` WD after it */
};

typedef struct cd_due_item {
	enum cd_due_kind kind;
	char *about;          /* the meeting or child id it is about, or "" */
	cd_date from;         /* the event the timescale counts from */
	cd_date due;
	cd_date done;         /* CD_DATE_NONE when not done */
	enum cd_due_status status;
	int days;             /* working days; see the status */
	char *what;           /* one line, English: what is due */
	long line;            /* line in the case file of the element it comes from */
} cd_due_item;

typedef struct cd_due_case {
	char *ref;            /* case/@ref */
	char *path;           /* the case file */
	GArray *items;        /* cd_due_item, by due date */
} cd_due_case;

/* "initial-meeting", "case-note", ... (the names in CSV and JSON). */
const char *cd_due_kind_name(enum cd_due_kind k);
/* "done", "late", "due", "overdue", "missed". */
const char *cd_due_status_name(enum cd_due_status s);

/* Works out every timescale of a loaded, valid case as of `today`. Errors (a date outside the
 * calendar) are printed as "path:line: error: ..." and return -CD_EXIT_INVALID. */
int cd_due_compute(const cd_calendar *cal, xmlDocPtr doc, const char *path, cd_date today,
                   cd_due_case **out);
void cd_due_case_free(cd_due_case *c);

enum cd_due_format { CD_DUE_TABLE, CD_DUE_CSV, CD_DUE_JSON };

/* Writes the cases; `pending_only` leaves out what is done or missed. */
void cd_due_write(FILE *fp, enum cd_due_format fmt, cd_due_case *const *cases, int n, cd_date today,
                  int pending_only);

#endif
