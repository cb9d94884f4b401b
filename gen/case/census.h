/* case/census.h - the DfE Children in Need census (the XML return every council in England
 * makes each year) read into cases, and cases written back out as a census.
 *
 * census.c reads a census file (untrusted: parsed as safely as a case, without network, DTD or
 * entities, at most CD_CENSUS_MAX_BYTES) into children, checking every field it takes against the
 * census's code lists; census-case.c makes one case per CIN plan of a child (the census links no
 * siblings, so each case holds one child); census-export.c collects the <census> records of a
 * folder of cases into a census file. The mapping of each field is in README.md ("cindoc import
 * census"). */
#ifndef CD_CENSUS_H
#define CD_CENSUS_H

#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"
#include "case/case.h"

#define CD_CENSUS_MAX_BYTES ((size_t)64 * 1024 * 1024) /* a census file larger than this: refused */
#define CD_CENSUS_MAX_CHILDREN 100000
/* The census schema in the data folder, when it is there (see templates/census/README). */
#define CD_CENSUS_SCHEMA "templates/census/CIN_schema_2024.xsd"

/* Dates are kept as read ("YYYY-MM-DD", checked), "" when absent. */
typedef char cd_census_day[11];

typedef struct cd_census_assessment {
	cd_census_day started, reviewed, authorised;
} cd_census_assessment;

typedef struct cd_census_plan {
	cd_census_day start, end;
	long line;
} cd_census_plan;

/* One CINdetails: a referral and what followed it. */
typedef struct cd_census_episode {
	long line;
	cd_census_day referred, closed;
	char *source, *need, *reason;  /* codes; need and reason NULL when absent */
	int nfa;                       /* ReferralNFA: 1 true, 0 false */
	GArray *assessments;           /* cd_census_assessment */
	GArray *plans;                 /* cd_census_plan */
	GArray *cpp_starts;            /* cd_census_day: the child protection plans' start dates */
} cd_census_episode;

typedef struct cd_census_child {
	long line;
	char *id;                      /* LAchildID */
	cd_census_day born, died;
	char *sex, *ethnicity;
	char *disabilities;            /* codes separated by spaces, NULL when none given */
	GPtrArray *episodes;           /* cd_census_episode */
} cd_census_child;

/* Reads the census file `path` ("-" is standard input), child by child in file order. Each child
 * whose fields are all known and well formed is handed to `each` (which must not keep it); every
 * other child is reported ("path:line: error: ...", with the line of the field at fault) and
 * counted in *skipped. Warnings (text where none belongs, an element the census does not have) do
 * not skip a child. So messages come in line order. Returns 0; negative when the file itself
 * cannot be read (-CD_EXIT_NOREAD) or is not a census (-CD_EXIT_INVALID: not well-formed XML, a
 * DOCTYPE, no <Message><Children>), or what `each` returned when it was negative (reading stops). */
typedef int cd_census_each(void *ud, const cd_census_child *child);
int cd_census_read(const char *path, int quiet, int *skipped, cd_census_each *each, void *ud);

/* The case for plan `plan` of episode `ep` of `child`, as a new document (see README.md for the
 * mapping). `ref` is the case reference. Warnings about what the census leaves unsaid (the reason
 * a plan ended) go to `file`:plan->line unless quiet. */
xmlDocPtr cd_census_case(const cd_census_child *child, const cd_census_episode *ep,
                         const cd_census_plan *plan, const char *ref, const char *file, int quiet);

/* The ten values a case's <census> record gives to the census, collected from loaded cases. */
typedef struct cd_census_out cd_census_out;
cd_census_out *cd_census_out_new(void);
void cd_census_out_free(cd_census_out *o);
/* Adds what case `doc` (loaded and valid, from `file`) holds for the census: one CIN plan per
 * child with a <census> record. Returns the number of such children (0: nothing for the census). */
int cd_census_out_add(cd_census_out *o, const char *file, xmlDocPtr doc);
/* The census document: one <Child> per LAchildID, one <CINdetails> per referral, the plans of all
 * cases of that referral. `year` > 0 gives the header's Year and ReferenceDate (31 March) and
 * keeps only referrals open at some time from 1 April of the year before to that 31 March. */
xmlDocPtr cd_census_out_doc(cd_census_out *o, int year);

/* The census's code lists (the 2024 schema): 1 when `code` is in the list named `list`
 * ("sex", "ethnicity", "disability", "source", "need", "reason"). */
int cd_census_code_ok(const char *list, const char *code);
/* What a ReasonForClosure code means, in the census's words ("Died"); NULL when unknown. */
const char *cd_census_reason_text(const char *code);
/* What a Disability code means, in the census's words ("Hand function"); NULL when unknown. */
const char *cd_census_disability_text(const char *code);

#endif
