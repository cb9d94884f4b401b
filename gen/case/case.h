/* case/case.h - case data: the schema (templates/case.xsd), the safe loader, small accessors.
 *
 * A case file is parsed safely (no network, no DTD, no entities, a size and a depth limit) and
 * validated against the schema; references (xs:IDREF/IDREFS) must name a child, person, meeting
 * or plan item of the same file. After cd_case_load() succeeds every id is registered in the
 * document, so cd_case_lookup() (or XPath id()) finds it.
 *
 * The vocabulary is templates/case.xsd; samples/02-review-scaling.xml shows most of it.
 */
#ifndef CD_CASE_H
#define CD_CASE_H

#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"

/* Limits of the safe parser. */
#define CD_CASE_MAX_BYTES (8u * 1024u * 1024u) /* a case file larger than this is refused */
#define CD_CASE_MAX_DEPTH 32                   /* elements nested deeper than this: refused */
#define CD_CASE_MAX_ATTRIBUTES 32              /* an element with more attributes: refused */
/* At most this many of each in one case (one family); more is refused. */
#define CD_CASE_MAX_CHILDREN 50
#define CD_CASE_MAX_PEOPLE 1000
#define CD_CASE_MAX_MEETINGS 1000
#define CD_CASE_MAX_VISITS 10000
#define CD_CASE_MAX_ITEMS 2000

typedef struct cd_schema cd_schema; /* compiled templates/case.xsd, reusable, not thread-shared */

/* Compiles cd_datapath("templates/case.xsd"). NULL and *rc < 0 after printing why. */
cd_schema *cd_schema_load(int *rc);
void cd_schema_free(cd_schema *s);
/* templates/authority.xsd (authority.xml), compiled on first use and kept with `s`. NULL and
 * *rc < 0 after a message. */
cd_schema *cd_schema_authority(cd_schema *s, int *rc);
/* A file read again and again with one schema (authority.xml, once for each case of its folder)
 * is parsed and validated once: cd_schema_keep gives `s` the tree of the file at `path` that it
 * found valid, with the bytes it was made from (copied); cd_schema_kept returns that tree when
 * `path` is read again and holds the very same bytes, else NULL. The tree stays s's, to read
 * only; a new cd_schema_keep replaces it. */
void cd_schema_keep(cd_schema *s, const char *path, const char *data, size_t len, xmlDocPtr doc);
xmlDocPtr cd_schema_kept(cd_schema *s, const char *path, const char *data, size_t len);

/* Safe parse (XML_PARSE_NONET, no entity expansion, no DTD load, DOCTYPE refused, size limit
 * CD_CASE_MAX_BYTES, depth limit CD_CASE_MAX_DEPTH, at most CD_CASE_MAX_ATTRIBUTES per element),
 * validation against the schema, the limits on children, people, meetings, visits and plan
 * items (CD_CASE_MAX_*), then every IDREF resolved, then the authority's details completed from
 * the authority.xml beside the file (gen/authority.h). Errors are printed as
 * "file:line: error: text".
 * Returns 0 (and *doc, to free with xmlFreeDoc), -CD_EXIT_INVALID or -CD_EXIT_NOREAD. */
int cd_case_load(cd_schema *s, const char *path, xmlDocPtr *doc);
/* The same, and the SHA-256 (hex) of the bytes read into sha256 (when not NULL): the digest and
 * the document come from one read. The file must be a regular file (cd_open_input). */
int cd_case_load_sha256(cd_schema *s, const char *path, xmlDocPtr *doc, char sha256[65]);
/* cd_case_load for a file that a load of this run found valid, `sha256` being the digest of the
 * bytes it checked (cd_case_load_sha256): when the bytes read now are the same, they are parsed
 * as safely but not validated again (validation is half the cost of a load), their ids
 * registered as validation does; otherwise (the file changed since, or sha256 is NULL or empty)
 * this is cd_case_load. The queue's workers read each case this way after the run has read it. */
int cd_case_load_checked(cd_schema *s, const char *path, const char *sha256, xmlDocPtr *doc);

/* The same from memory: `name` is used in messages. For the fuzzer and for tests. The
 * authority is not completed (call cd_authority_complete for that). */
int cd_case_load_memory(cd_schema *s, const char *name, const char *data, size_t len,
                        xmlDocPtr *doc);

/* cd_case_load() with the schema compiled for this one file: what a command that reads a single
 * case needs. Returns 0 with *doc set, or negative after an error that points at the input. */
int cd_case_read(const char *path, xmlDocPtr *doc);

/* ---- other XML inputs (a census file, a schema of the data folder) ---- */

/* The safe parse of cd_case_load (no network, DTD or entities; the depth and attribute limits)
 * without the case schema, for another kind of untrusted XML: `what` names it in messages ("a
 * census file"), `max` is the most bytes it may have. Returns 0 with *doc, or -CD_EXIT_INVALID
 * after "name:line: error: ..." messages. */
int cd_xml_parse_safe(const char *name, const char *what, size_t max, const char *data, size_t len,
                      xmlDocPtr *doc);
/* Compiles the schema at cd_datapath(rel) (`what` names it in messages). NULL and *rc < 0 after a
 * message (-CD_EXIT_NOREAD when the file is not there). */
cd_schema *cd_schema_load_file(const char *rel, const char *what, int *rc);
/* Validates `doc` against `s`; errors as "name:line: error: text". Returns 0 or -CD_EXIT_INVALID. */
int cd_schema_validate(cd_schema *s, const char *name, xmlDocPtr doc);

/* ---- accessors (on a loaded, valid document) ---- */

/* The element (child, person, meeting or item) whose id is `id`; NULL when none. */
xmlNodePtr cd_case_lookup(xmlDocPtr doc, const char *id);
/* The first element child of `parent` named `name` (NULL: any element); NULL when none. */
xmlNodePtr cd_case_first(xmlNodePtr parent, const char *name);
/* The next element sibling of `n` named `name` (NULL: any element); NULL when none. */
xmlNodePtr cd_case_next(xmlNodePtr n, const char *name);
/* The line of an element in its file (0 when unknown). */
long cd_case_line(xmlNodePtr n);
/* An attribute's value, or NULL; the pointer lives as long as the document. */
const char *cd_case_attr(xmlNodePtr n, const char *name);
/* 1 when the xs:boolean attribute NAME of N is true ("true" or "1"), 0 when false or absent. */
int cd_case_flag(xmlNodePtr n, const char *name);
/* 1 when `n` is an element named `name`. */
int cd_case_is(xmlNodePtr n, const char *name);

/* "YYYY-MM-DD" (any year from 0001, as xs:date allows) into *d. Returns 0, or -1 when s is NULL
 * or not such a date. */
int cd_case_date(const char *s, cd_date *d);
/* The date in attribute `attr` of `n`; 0 or -1 (absent or not a date). */
int cd_case_date_attr(xmlNodePtr n, const char *attr, cd_date *d);
/* The date that is the text of element `n` (<born>); 0 or -1 (no element or not a date). */
int cd_case_text_date(xmlNodePtr n, cd_date *d);
/* The text of an element with white space stripped at both ends, newly allocated (g_free); NULL
 * when n is NULL. */
char *cd_case_text(xmlNodePtr n);

/* The name to use when writing to or about a child or person: the preferred name, else the
 * given name. Newly allocated (g_free). */
char *cd_case_given_name(xmlNodePtr child_or_person);
/* Given and family name, with the title for a person ("Ms Sarah Hartley"). Newly allocated. */
char *cd_case_full_name(xmlNodePtr child_or_person);

/* 1 when `el` or one of its ancestors lists `recipient_id` in its withheld-from: the copy for
 * that recipient must leave `el` out. */
int cd_case_withheld(xmlNodePtr el, const char *recipient_id);
/* 1 when `list` (an IDREFS value, NULL allowed) contains `id`. */
int cd_case_list_has(const char *list, const char *id);

/* The case files a command-line argument stands for, appended to `files` (newly allocated
 * paths): the argument itself, or a folder's *.xml sorted by name (not hidden files, not
 * authority.xml). Returns 0 or -CD_EXIT_NOREAD after a message. */
int cd_case_files(const char *arg, GPtrArray *files);

#endif
