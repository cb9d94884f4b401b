/* case/lint-internal.h - what the files of the lints share: lint.c runs them and holds the
 * messages, references, people and meetings; lint-withheld.c the checks that withheld facts stay
 * withheld; lint-translations.c the checks of case text recorded in a reader's language too. Not for use outside gen/case/lint*.c. */
#ifndef CD_LINT_INTERNAL_H
#define CD_LINT_INTERNAL_H

#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"
#include "case/lint.h"

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

/* ---- lint.c: messages and words ---- */

/* 1 once MAX_LINT_MESSAGES are kept: later ones are counted only. */
int lint_full(const struct lc *c);
/* A message at n's line: an error (error != 0) or a warning. */
void lint_report(struct lc *c, int error, xmlNodePtr n, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
/* s, kept until the end of the run. */
const char *lint_keep(struct lc *c, char *s);
/* A date as YYYY-MM-DD, kept until the end of the run. */
const char *lint_ds(struct lc *c, cd_date d);
/* "'c1' (Millie)", kept until the end of the run. */
const char *lint_who(struct lc *c, const char *id);
/* A byte of a word: a letter or digit, or any byte of a UTF-8 sequence. */
int lint_wordch(unsigned char c);
/* n's text, trimmed, newly allocated ("" for NULL). */
char *lint_text(xmlNodePtr n);

/* ---- lint-withheld.c ---- */

/* A withheld address given, unwithheld, somewhere else. */
void lint_check_withheld_addresses(struct lc *c);
/* Free text that names a withheld address (its town, postcode or part of a line) where someone
 * it is withheld from would read it. */
void lint_check_withheld_text(struct lc *c);

/* ---- lint-translations.c ---- */

/* Translations of case text: after an original, one per language, not into the record's own
 * language, for a language someone reads. */
void lint_check_translations(struct lc *c);

#endif
