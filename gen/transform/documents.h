/* transform/documents.h - the documents of the Child in Need process, who gets them, and their FO.
 *
 * A document is one of cd_doc_kind, made for one recipient from one case: a child or person of
 * the case (by id), or "file" (the copy for the child's file, which is also the only recipient of
 * the professional-only documents). cd_recipients() lists who should get a document; each comes
 * with the defaults the case gives (language, style, copy version), which a caller may override.
 * cd_document_fo() runs the templates (styles/STYLE.xsl importing templates/cindoc.xsl) on the
 * case with everything withheld from that recipient left out, and returns the XSL-FO document,
 * ready for cd_render_add_doc().
 *
 * The context holds the compiled stylesheets and the calendar, and no other state: make one per
 * command (or per queue run) and reuse it for every document.
 */
#ifndef CD_DOCUMENTS_H
#define CD_DOCUMENTS_H

#include <libxml/tree.h>

typedef enum {
	CD_DOC_PLAN,            /* the Child in Need plan, a section per child */
	CD_DOC_MINUTES,         /* minutes of one meeting, written to the child */
	CD_DOC_PLAN_COPY,       /* cover letter + the plan in the reader's version (+ the minutes) */
	CD_DOC_CLOSURE_LETTER,  /* formal closure letter, per ending reason and reader */
	CD_DOC_CASE_NOTE,       /* the file note of one meeting (file only) */
	CD_DOC_CLOSING_SUMMARY, /* why the plan ended, ongoing plan, evaluation (file only) */
	CD_DOC_N
} cd_doc_kind;

/* "plan", "minutes", "plan-copy", "closure-letter", "case-note", "closing-summary". */
const char *cd_doc_name(cd_doc_kind kind);
/* Returns the kind named `name`, or -1. */
int cd_doc_parse(const char *name);
/* True for documents about one meeting (minutes, plan-copy, case-note; the plan is as it stood
 * after a meeting too). */
int cd_doc_needs_meeting(cd_doc_kind kind);

/* Who reads a copy; picks the wording of letters. */
typedef enum {
	CD_READER_CHILD,        /* a child of the case */
	CD_READER_FAMILY,       /* parent, carer, family, friend */
	CD_READER_PROFESSIONAL, /* professional, advocate, interpreter */
	CD_READER_FILE          /* the copy for the child's file */
} cd_reader;

const char *cd_reader_name(cd_reader r);  /* "child", "family", "professional", "file" */
/* 1 when copies can be written in `lang`: a plain name with its words in templates/l10n/LANG.xml. */
int cd_lang_exists(const char *lang);

typedef struct cd_recipient {
	char *id;        /* child or person id, or "file" */
	cd_reader reader;
	char *lang;      /* default language: reads/@lang, else case/@lang, else "en" */
	char *style;     /* "large-print" when reads/@large-print is true, else "standard" */
	char *version;   /* plan version: reads/@version (full | short | overview), else "full" */
} cd_recipient;

/* The recipient id of the file copy. */
#define CD_RECIPIENT_FILE "file"

/* A closure letter to two people together ("Dear A and B") has the joint recipient id
 * "ID1+ID2" (a '+' is never in an id): cd_recipients() lists it, and cd_recipient_get(),
 * cd_document_fo() and cd_document_basename() take it like any other id. The copy leaves out
 * what is withheld from either. */
#define CD_RECIPIENT_JOIN '+'

/* The name of a recipient as a list or a ledger shows it: the full name of a child or person,
 * "Mrs Anna Lindgren & Mr Peter Lindgren" for a joint recipient, "file" for the file. Newly
 * allocated; NULL when the id is unknown. */
char *cd_recipient_name(xmlDocPtr case_doc, const char *id);

/* Who should get `kind` of this case (meeting documents: for meeting `meeting_id`, NULL for the
 * latest meeting):
 *  - plan, minutes, plan-copy: every child and person present at the meeting, everyone in its
 *    copies-to, and every child whose views it heard (child-views not given="not-sought"), present
 *    or not; never staff of the authority itself (they read the file copy), nor interpreters;
 *    then the file (not for plan-copy, which is a letter). Nobody gets a plan-copy once the plan
 *    has ended (cd_rule_plan_ended): the final minutes go with the closure letter;
 *  - closure-letter: every involved child and person (not interpreters, not the authority's own
 *    staff), never a child who has died, and no child at all when the reason is 'died' (the
 *    adults' letters are written with care; a child hears it from a person, not a letter).
 *    Two parents at one address get one letter to both (cd_rule_one_letter: unless one asked
 *    for their own, reads/@own-letter), listed once as the joint recipient "ID1+ID2";
 *  - case-note, closing-summary: the file only.
 * A child gets copies only when alive and old enough (cd_case_child_gets_copies) on the day of
 * the meeting or closure. On success *out
 * holds *n recipients (free with cd_recipients_free). Returns 0, or negative after an error that
 * points at the case (no such meeting; no closure for a closure letter or closing summary). */
int cd_recipients(xmlDocPtr case_doc, const char *case_path, cd_doc_kind kind,
		  const char *meeting_id, cd_recipient **out, size_t *n);
void cd_recipients_free(cd_recipient *r, size_t n);

/* The defaults for one recipient of the case, whether or not cd_recipients() lists them (any
 * child or person can be sent a copy). Returns 0, or negative when the id is unknown. */
int cd_recipient_get(xmlDocPtr case_doc, const char *case_path, const char *id, cd_recipient *out);
void cd_recipient_clear(cd_recipient *r);

/* One document to make. NULL fields take the recipient's defaults (or, for meeting, the latest
 * meeting; for date, the meeting date, or the closure date for closure documents). */
typedef struct cd_doc_request {
	cd_doc_kind kind;
	const char *recipient;  /* id or CD_RECIPIENT_FILE; required */
	const char *meeting;    /* meeting id */
	const char *style;      /* standard | large-print | any styles/NAME.xsl */
	const char *lang;       /* en | cy | pl | ur (any templates/l10n/LANG.xml) */
	const char *version;    /* full | short | overview */
	const char *date;       /* the document date, YYYY-MM-DD */
} cd_doc_request;

struct cd_calendar;
typedef struct cd_docs cd_docs;

/* A context: compiled stylesheets, and the working-day calendar whose XSLT functions
 * (urn:cindoc:calendar, gen/calendar-xslt.h) are registered on every transform. `cal` is
 * borrowed (the queue passes the one it uses, with its closure days); NULL makes a plain
 * England and Wales calendar owned by the context. */
cd_docs *cd_docs_new(struct cd_calendar *cal);
void cd_docs_free(cd_docs *d);

/* The FO of one document for one recipient. `case_doc` is not changed (withheld elements are
 * left out of a copy). Returns 0 with *fo set (caller frees), or negative after an error that
 * points at the input: -CD_EXIT_USAGE for a bad request (unknown recipient, style, language,
 * version, meeting; a document this recipient cannot get), -CD_EXIT_INVALID when the templates
 * stop (e.g. a missing word in a language set). */
int cd_document_fo(cd_docs *d, xmlDocPtr case_doc, const char *case_path,
		   const cd_doc_request *req, xmlDocPtr *fo);

/* A file name (no folder, no extension) for one document: "REF-KIND[-MEETING]-RECIPIENT[-LANG]
 * [-STYLE][-VERSION]-HASH", e.g. "NB-2026-0142-plan-copy-m3-p2-large-print-1f0c6a2e". The
 * readable part shows the language when not the case's, the style when not standard and the
 * version when not the recipient's; anything but letters, digits, '-' and '.' reads '_' (a
 * letter to two, "p1+p2", reads "p1_p2"), and it
 * is cut at 180 bytes. HASH is the first 8 hex digits of a SHA-256 of the exact values (ref,
 * document, meeting, recipient, language, style, version), so two different documents never get
 * one name however alike they read. Newly allocated. */
char *cd_document_basename(xmlDocPtr case_doc, const cd_doc_request *req);

#endif
