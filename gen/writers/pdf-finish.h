/* writers/pdf-finish.h - the finishing pass every PDF writer ends with (libqpdf, gen/pdf-finish.cc).
 *
 * A writer (out-cairo.c, out-haru.c) draws its pages into memory and tells, as it goes, which
 * structure element each piece of content belongs to; then cd_pdf_finish() reads those bytes
 * with libqpdf (a real PDF parser: any valid formatting is fine) and writes the finished file:
 *
 * - the structure tree, built from the elements and chunks below: the roles, /Lang where an
 *   element's language differs from its parent's, /Alt on figures, /Scope on table headers
 *   (Column under THead, Row elsewhere), /ActualText on elements in scripts that need shaping
 *   (Urdu: the words as written, whatever the glyphs' positions), links holding their
 *   annotations (with /Contents), a /ParentTree, and
 *   each chunk of an artifact turned into /Artifact marked content (the content streams are
 *   read with qpdf's tokenizer, never searched as bytes);
 * - /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle, /Tabs /S on pages with annotations;
 * - /Info and an XMP metadata stream (dc:title, pdfuaid:part 1 ...), dated from the document's
 *   date (or SOURCE_DATE_EPOCH), so the same input gives the same bytes when not encrypted;
 * - AES-256 encryption (revision 6) when asked, with accessibility extraction allowed.
 *
 * A chunk is one marked-content sequence (BDC with an /MCID ... EMC) the writer opened around
 * content of one element (or of an artifact); pdf-tags.h records them. Where the writer writes
 * the MCIDs itself it gives the page and MCID (haru). The cairo writer cannot: Cairo numbers its
 * own. It opens one Cairo structure tag per chunk and never nests them, so it predicts Cairo's
 * numbers (each page's tags from 0, each link tag's annotation next in the page's /Annots) and
 * says so (`predicted`); the pass checks the prediction against the content it reads anyway
 * (every MCID of every page is the predicted chunk's, each chunk met once, each annotation a
 * link at the chunk's rectangle) and only when it fails reads Cairo's own tree, where the n-th
 * element of the flat tree is the n-th chunk. So a document costs one read of its content, not
 * a parse of one object per chunk.
 */
#ifndef CD_PDF_FINISH_H
#define CD_PDF_FINISH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cd_pdf_elem {
	const char *role;  /* a standard structure type (PDF 1.7 §14.8.4) */
	int parent;        /* index of the parent element; -1 at the top (Document) */
	const char *lang;  /* NULL: the parent's */
	const char *alt;   /* Figure: the alternative text; NULL for none */
	const char *text;  /* the text drawn in it and its children; NULL for none */
	int actual;        /* its text replaces its glyphs' for extraction (/ActualText): it holds
	                    * text in a script whose glyphs do not map one to one onto characters */
	int seq;           /* order among the parent's elements and chunks */
} cd_pdf_elem;

typedef struct cd_pdf_chunk {
	int elem;            /* the element it belongs to; -1 for an artifact */
	int link;            /* 1: it holds a link annotation (the element is a Link) */
	int page, mcid;      /* 0-based page and MCID, or -1, -1 (cairo: from Cairo's own tree) */
	int annot;           /* link: its annotation's index in the page's /Annots, or -1 */
	int seq;             /* order among its element's elements and chunks */
	double rect[4];      /* link, predicted: its annotation's /Rect (x0 y0 x1 y1, PDF space) */
} cd_pdf_chunk;

typedef struct cd_pdf_finish {
	const char *path;    /* for messages */
	const char *writer;  /* for messages: "cairo" */
	const char *title, *author, *subject, *keywords, *creator;
	const char *lang;    /* the catalog's /Lang */
	const char *date;    /* ISO 8601 date of the document, or NULL: SOURCE_DATE_EPOCH, else now */
	int tagged;          /* write a structure tree from elems and chunks */
	int predicted;       /* the chunks' page, mcid and annot are predicted: check them (above) */
	const cd_pdf_elem *elems;
	size_t n_elems;
	const cd_pdf_chunk *chunks;
	size_t n_chunks;
	int encrypt;                 /* AES-256 with the passwords and permission below */
	const char *user_password;   /* "" when none */
	const char *owner_password;
	int allow_print;
} cd_pdf_finish;

/* Reads the writer's PDF [pdf, pdf+len), finishes it as above and writes it to `out`. Returns
 * 0, -CD_EXIT_NOWRITE when writing fails, or -CD_EXIT_INTERNAL (the writer's PDF or its chunks
 * do not fit), after printing a message naming f->path. */
int cd_pdf_finish_write(const void *pdf, size_t len, const cd_pdf_finish *f, FILE *out);

/* The pages of several finished PDFs (cd_pdf_finish_write's) in one file, as they are (pdf-concat.cc): the
 * queue's print.pdf, assembled from its items' own PDFs instead of laying them out again.
 *
 * Each input keeps its tagged structure as its own Document element (with its own /Lang) under
 * one StructTreeRoot, its page labels, its links and named destinations (renamed "dN/NAME" from
 * the second input on, as the renderer names them in a file of several documents), and its
 * outline under an entry with its title. The first input gives the file its metadata (/Info,
 * XMP, /Lang, the title shown). With odd_starts, a blank page follows an input of an odd page
 * count, so that every input starts on a fresh sheet when printed on both sides.
 *
 * The inputs are read from their files as the output is written (their stream data is never
 * held in memory at once). */
typedef struct cd_pdf_concat {
	const char *path;            /* for messages; its folder holds unnamed scratch files while it is written */
	const char *const *inputs;   /* the PDFs, in order */
	size_t n_inputs;
	int odd_starts;
	const char *password;        /* opens the inputs; NULL or "" when they need none */
	int encrypt;                 /* AES-256 with the passwords and permission below */
	const char *user_password;   /* "" when none */
	const char *owner_password;
	int allow_print;
} cd_pdf_concat;

/* Writes the inputs into `out`; pages[i] (pages may be NULL) gets input i's page count, without
 * the blank page after it. Returns 0, -CD_EXIT_NOREAD when an input cannot be read,
 * -CD_EXIT_NOWRITE when writing fails, or -CD_EXIT_INTERNAL, after printing a message naming
 * the input or c->path. */
int cd_pdf_concat_write(const cd_pdf_concat *c, int *pages, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
