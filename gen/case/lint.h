/* case/lint.h - what `cindoc check` checks after the schema: what XSD 1.0 cannot say.
 *
 * Errors (the data contradicts itself): dates out of order (a meeting before a child was born,
 * meetings out of order, a next meeting not after its meeting, a plan item due before the
 * meeting that set it, consent withdrawn before it was given, a closure before the last
 * meeting, follow-up tasks done before their meeting, a death before a birth), and references
 * to the wrong kind of thing (a chair who is a child, withheld-from naming a meeting ...).
 *
 * Warnings (the practice falls short of the policy, seed 003): a review later than 12 weeks
 * (disabled children: 3 months after the plan started, then 6 months), a "continue" with no
 * next review, visits further apart than the plan says (never more than 4 weeks), plan items
 * with no "who" or no "by when", a meeting without a child's views (or the reason they were not
 * sought), a recipient with no address and no email, a withheld address given elsewhere
 * without withholding (or its town or postcode named in text that is not withheld), a child turning 18 before the next review, a meeting not chaired by
 * a Team Manager (a review: or a Senior Practitioner, cd_rule_chair_ok), parental responsibility without consent (or a plan continued after consent
 * was withdrawn), a child without a plan section, a closure reason the case does not bear out,
 * and jargon children asked us to drop (templates/jargon.txt).
 *
 * Every message is "file:line: error|warning: text", sorted by line.
 */
#ifndef CD_LINT_H
#define CD_LINT_H

#include <libxml/tree.h>

/* ---- jargon (templates/jargon.txt) ---- */

typedef struct cd_jargon cd_jargon;
/* Loads a jargon file (see templates/jargon.txt for the format). NULL and *rc < 0 after a
 * message ("file:line: error: ..." for a bad line). */
cd_jargon *cd_jargon_load(const char *path, int *rc);
void cd_jargon_free(cd_jargon *j);
/* The first jargon term in `text` (UTF-8) that is not explained where the rule allows it;
 * NULL when there is none. *advice (may be NULL) gets the advice of that term. */
const char *cd_jargon_find(const cd_jargon *j, const char *text, const char **advice);

/* ---- lints ---- */

typedef struct cd_lint cd_lint;
struct cd_lint_counts {
	int errors;
	int warnings;
};

/* Loads what the lints need (cd_datapath("templates/jargon.txt")). NULL and *rc < 0 after a
 * message. */
cd_lint *cd_lint_new(int *rc);
void cd_lint_free(cd_lint *l);
/* With quiet set, warnings are counted but not printed (check -q). */
void cd_lint_quiet(cd_lint *l, int quiet);
/* Lints one case loaded by cd_case_load() (valid against the schema); prints every message
 * and adds to *n. */
void cd_lint_case(const cd_lint *l, const char *file, xmlDocPtr doc, struct cd_lint_counts *n);

#endif
