/* case/lint-internal.h - what the files of the lints share (lint.c runs them; lint-jargon.c,
 * lint-withheld.c and lint-meetings.c hold the checks of one concern each). Not for use outside
 * gen/case/lint*.c. */
#ifndef CD_LINT_INTERNAL_H
#define CD_LINT_INTERNAL_H

#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"
#include "case/lint.h"

struct cd_lint {
	cd_jargon *jargon;
	int quiet;          /* warnings counted, not printed */
};

/* More messages than this about one file are counted, not printed (and not even formatted, so
 * that a hostile file cannot make the lints run out of memory). */
#define MAX_LINT_MESSAGES 200

struct msg {
	long line;
	int seq;
	int error;
	char *text;
};

/* One run over one case. */
struct lc {
	const cd_lint *l;
	const char *file;
	xmlDocPtr doc;
	xmlNodePtr root;
	GArray *msgs;    /* struct msg */
	GPtrArray *keep; /* strings that live until the end of the run */
	int disabled;    /* service="disabled-children" */
	int dropped_errors, dropped_warnings; /* beyond MAX_LINT_MESSAGES */
};

struct kid {
	xmlNodePtr node;
	const char *id;
	cd_date born;
	int has_born;
	cd_date died;
	int has_died;
	cd_date adult; /* 18th birthday, when has_born */
};

struct mtg {
	xmlNodePtr node;
	const char *id;
	cd_date date;
};

/* ---- lint.c: messages and words ---- */

/* 1 once MAX_LINT_MESSAGES are kept: later ones are counted only. */
int lint_full(const struct lc *c);
/* A message at n's line: an error (error != 0) or a warning. */
void lint_report(struct lc *c, int error, xmlNodePtr n, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* s, kept until the end of the run (freed at once when the run is full). */
const char *lint_keep(struct lc *c, char *s);
/* A date as YYYY-MM-DD, kept until the end of the run. */
const char *lint_ds(struct lc *c, cd_date d);
/* "'c1' (Millie)", kept until the end of the run. */
const char *lint_who(struct lc *c, const char *id);
/* A byte of a word: a letter or digit, or any byte of a UTF-8 sequence (lint-jargon.c). */
int lint_wordch(unsigned char c);
/* n's text, trimmed, newly allocated ("" for NULL). */
char *lint_text(xmlNodePtr n);

/* ---- lint.c: children, consent, references ---- */

GArray *lint_collect_children(struct lc *c);          /* struct kid */
int lint_kid_there(const struct kid *k, cd_date d);   /* alive and born on day d */
void lint_check_ref_kinds(struct lc *c, xmlNodePtr n);
void lint_check_consent(struct lc *c);
void lint_check_reachable(struct lc *c, GArray *kids, cd_date on);

/* ---- lint-withheld.c ---- */
void lint_check_withheld_addresses(struct lc *c);
void lint_check_withheld_text(struct lc *c);

/* ---- lint-meetings.c: meetings, the plan, visits, the closure ---- */
void lint_check_meetings(struct lc *c, GArray *ms, GArray *kids);
void lint_check_plan(struct lc *c, GArray *ms);
void lint_check_visits(struct lc *c);
void lint_check_closure(struct lc *c, GArray *ms, GArray *kids);

/* ---- lint-jargon.c ---- */
void lint_check_jargon(struct lc *c, xmlNodePtr n);

#endif
