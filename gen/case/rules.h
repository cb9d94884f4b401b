/* case/rules.h - the rules of the case: every statutory timescale, and who gets their own copy.
 *
 * Each rule is written once, in the table of rules.c, and everything that needs it asks here:
 * `cindoc due` (due.c), the print queue (queue.c), the lints of `cindoc check` (lint.c), the
 * templates (rules:due() in urn:cindoc:rules, calendar-xslt.h) and the web desk. Changing a
 * timescale, or adding one, is one edit of that table (and a line of due.c if it is a new kind of
 * deadline to list).
 *
 * The timescales (../shared/DOMAIN.md; README "cindoc due"):
 *   initial-meeting            10 working days after the assessment
 *   transfer-in-meeting        20 working days after notice of a transfer in
 *   child-protection-meeting    4 weeks after a child protection conference
 *   case-note                   1 working day after each meeting
 *   plan-authorised             5 working days after a meeting that continues the plan
 *   minutes-sent               10 working days after each meeting
 *   review                     12 weeks after each meeting
 *   review-disabled-first       3 months after the start (disabled children's service)
 *   review-disabled             6 months after each meeting (disabled children's service)
 *   visit                       the plan's visit-weeks (1 to 4; never less often than 4 weeks)
 *   plan-length                a specific review when a plan runs beyond 12 months, held in the
 *                              3 months before
 *   eighteen                   the 18th birthday ends the plan; shown 12 months before
 *   closure-letters            10 working days after the closure
 *
 * A deadline counted in working days always falls on a working day. A deadline counted in weeks,
 * months or years that falls on a non-working day moves back to the working day before it
 * (cd_rule_due); cd_rule_limit gives the plain date, without the calendar.
 *
 * Copies: a child gets their own copies (plan, minutes, letters) from their 7th birthday, while
 * alive (cd_rule_child_gets_copies). Someone born on 29 February has their birthday on 1 March
 * in other years.
 */
#ifndef CD_RULES_H
#define CD_RULES_H

#include <libxml/tree.h>

#include "case/calendar.h"

enum cd_rule {
	CD_RULE_INITIAL_MEETING,
	CD_RULE_TRANSFER_MEETING,
	CD_RULE_CP_MEETING,
	CD_RULE_CASE_NOTE,
	CD_RULE_PLAN_AUTHORISED,
	CD_RULE_MINUTES_SENT,
	CD_RULE_REVIEW,
	CD_RULE_REVIEW_DISABLED_FIRST,
	CD_RULE_REVIEW_DISABLED,
	CD_RULE_VISIT,
	CD_RULE_PLAN_LENGTH,
	CD_RULE_EIGHTEEN,
	CD_RULE_CLOSURE_LETTERS,
	CD_RULE_N
};

enum cd_rule_unit { CD_RULE_WORKING_DAYS, CD_RULE_WEEKS, CD_RULE_MONTHS, CD_RULE_YEARS };

typedef struct cd_timescale {
	const char *name;        /* "minutes-sent": the name in CSV, JSON and rules:due() */
	int amount;              /* how many units after the event the deadline falls */
	enum cd_rule_unit unit;
	int notice_months;       /* shown (or its window opens) this many months before; 0: always */
} cd_timescale;

/* The rule's entry; r must be below CD_RULE_N. */
const cd_timescale *cd_rule(enum cd_rule r);
/* The rule named `name`, or -1. */
int cd_rule_parse(const char *name);
/* "minutes-sent", ... */
const char *cd_rule_name(enum cd_rule r);

/* The length of a timescale in English: "1 working day", "10 working days", "4 weeks",
 * "3 months", "18 years". Writes into buf (at least CD_RULE_SPAN_BUF bytes) and returns it. */
#define CD_RULE_SPAN_BUF 32
char *cd_rule_span(enum cd_rule r, char *buf);
/* The same for any amount and unit ("2 weeks" for a plan's visit-weeks). */
char *cd_rule_span_of(int amount, enum cd_rule_unit unit, char *buf);

/* The plain date a timescale counted in weeks, months or years ends, without the calendar:
 * review after a meeting on 2026-01-05 is 2026-03-30. A rule counted in working days is a BUG. */
cd_date cd_rule_limit(enum cd_rule r, cd_date from);
/* The day the timescale ends after the event on `from`: the n-th working day, or the plain limit
 * moved back to the working day before when it is not one. Returns 0, or -CD_EXIT_INVALID when
 * a date falls outside the working-day calendar. */
int cd_rule_due(const cd_calendar *cal, enum cd_rule r, cd_date from, cd_date *due);
/* The same with the rule's amount replaced by `amount` (a plan's visit-weeks). */
int cd_rule_due_n(const cd_calendar *cal, enum cd_rule r, int amount, cd_date from, cd_date *due);
/* When the timescale starts to show (plan-length: its window; eighteen: a year before); the
 * limit itself for rules without notice. */
cd_date cd_rule_notice(enum cd_rule r, cd_date from);

/* The visit interval in weeks from a plan's visit-weeks attribute (NULL: none given): 1 to 4,
 * and 4 when absent or out of range (never less often than every 4 weeks). */
int cd_rule_visit_weeks(const char *visit_weeks);

/* A child gets their own copies from this birthday on. */
#define CD_RULE_CHILD_COPY_AGE 7

/* 1 when the child gets their own copies on `on`: alive on that day (no died/@date on or before
 * it) and CD_RULE_CHILD_COPY_AGE or older. 0 when the date of birth is missing or not a date. */
int cd_rule_child_gets_copies(xmlNodePtr child, cd_date on);

/* Who chairs a meeting of this type (seed 003 section 5): an initial meeting (and a transfer-in
 * meeting, and the first after child protection) a Team Manager; a review a Team Manager or a
 * Senior Practitioner. 1 when `role` (a person's role, any case) is one of them for
 * `meeting_type`; the roles, for messages, in *roles ("Team Manager or Senior Practitioner"). */
int cd_rule_chair_ok(const char *meeting_type, const char *role, const char **roles);
/* 1 when someone of this role authorises a plan (the Team Manager, seed 003 section 5). */
int cd_rule_authoriser_ok(const char *role);

/* Who signs the plan's agreement page (seed 004: "the child and parent/s ... sign their
 * agreement"): each person with parental responsibility, and each child who is a young person
 * (CD_RULE_SIGN_AGE or older) and alive on `on`, the meeting's date. */
#define CD_RULE_SIGN_AGE 12
int cd_rule_signs_plan(xmlNodePtr party, cd_date on);

/* A young person is written to as an adult from this birthday on. */
#define CD_RULE_ADULT_AGE 18

/* 1 when a child or person of the case reads as an adult on `on` (the document's date): every
 * person; a child from their 18th birthday (a young person still on a plan, or written to when
 * it ends on that day). Their copies say no "ask an adult you trust" (the l10n key's ".adult"
 * form is used where the set has one) and say where adult services are. 0 for a child whose date
 * of birth is missing. */
int cd_rule_adult_reader(xmlNodePtr party, cd_date on);

/* 1 when a child or person of the case is sent copies of documents dated `on` (the meeting or
 * the closure): a child who gets copies (above) and has not died; a person who is not one of the
 * authority's own staff (they read the file copy) nor an interpreter (not a party). */
int cd_rule_gets_copies(xmlNodePtr party, cd_date on);

/* How a recipient receives their copy when the chair issues it: a person with an email address
 * in the case gets a password-protected copy for secure email (the password goes by another
 * route); a child, and a person without one, gets it by post. */
enum cd_delivery { CD_DELIVERY_POST, CD_DELIVERY_EMAIL };
enum cd_delivery cd_rule_delivery(xmlNodePtr party);
const char *cd_delivery_name(enum cd_delivery d);   /* "post", "email" */

/* 1 when two people of the case are sent one closure letter together ("Dear Mrs Lindgren and
 * Mr Lindgren") rather than one each: both are parents or carers who get copies by post (no
 * email address in the case), live at the same address (every field alike, ignoring case,
 * spaces and commas), read the same language, version and print size, and neither asked for
 * their own letters (reads/@own-letter); and nothing in the case is withheld from one of them
 * and not the other. cd_recipients() pairs them (transform/documents.h). */
int cd_rule_one_letter(xmlNodePtr a, xmlNodePtr b);

/* The closure of a case whose plan has ended, or NULL while it runs. Once a plan has ended no
 * plan copy is sent ("here is your plan ... the next meeting is on ..." would be wrong): the
 * final minutes go with the closure letter, in one mailing. */
xmlNodePtr cd_rule_plan_ended(xmlDocPtr case_doc);

/* The meeting whose minutes go with the closure letters, or NULL: once the plan has ended, its
 * last meeting (the latest date) when those minutes have not gone out (no done/@minutes-sent).
 * The letters that carry them are then the minutes' sending too. */
xmlNodePtr cd_rule_final_minutes(xmlDocPtr case_doc);

/* The languages the case text of `case_root` may be recorded in too (templates/case.xsd, a
 * translation: a sibling with lang): those its children and people read (reads/@lang), other than
 * the record's (case/@lang), that the documents are written in (en, cy, pl, ur), in the order
 * they are first read; a NULL-terminated array of `max` at most, pointing into the case. Returns
 * how many. The web desk offers a translation field for each; `cindoc check` warns about a
 * translation into any other. */
int cd_rule_translation_langs(xmlNodePtr case_root, const char **langs, int max);

/* Is an element of this name case text (templates/case.xsd: case-text, withheld-case-text,
 * para), which a translation may follow? The documents put the reader's translation in place of
 * such an element; `cindoc check` takes an element of this name with a lang for a translation
 * (on other elements, case/@lang and reads/@lang, lang says something else). */
int cd_rule_is_case_text(const char *name);

#endif
