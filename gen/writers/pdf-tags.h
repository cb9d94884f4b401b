/* writers/pdf-tags.h - what a PDF writer records for the finishing pass (pdf-finish.h): the structure
 * elements as they begin, and which element (or artifact) each run of content belongs to.
 *
 * Both PDF writers (out-cairo.c, out-haru.c) hand their structure items and, before drawing,
 * each drawn item to one cd_tags; it decides the chunks and calls the writer back to open and
 * close each one as one marked-content sequence (Cairo: a structure tag; libharu: BDC/EMC):
 * - content goes into a chunk of the innermost open element; inside an Artifact element
 *   (headers, footers, decoration layout marks so), into an artifact chunk;
 * - rectangles and lines (backgrounds, borders, rules, leaders, underlines) are artifacts;
 * - a glyph run set in another language than its element's (cd_item glyphs.lang: an fo:inline
 *   with its own language) goes in a Span of that element with that /Lang;
 * - an element holding a glyph run in a script that needs shaping (Arabic, Urdu...) gets its
 *   text as /ActualText, so it is read as the words it is, whatever the glyphs' positions; when
 *   it also holds an element in another language, each of its own chunks is instead a Span
 *   with that chunk's text as /ActualText (the element's would hide the other language);
 * - a link item inside a Link element opens a chunk of that element holding its annotation;
 *   a link item elsewhere becomes a Link element of its own;
 * - chunks never nest, and the open one is closed at the end of each page.
 */
#ifndef CD_PDF_TAGS_H
#define CD_PDF_TAGS_H

#include "base/page.h"
#include "writers/pdf-finish.h"

typedef struct cd_tags cd_tags;

typedef struct cd_tags_sink {
	/* Opens chunk number `chunk`; `link` is the link item whose annotation it holds, or NULL. */
	void (*open)(void *ctx, int chunk, const cd_item *link);
	/* Closes it. */
	void (*close)(void *ctx, int chunk, const cd_item *link);
	void *ctx;
} cd_tags_sink;

/* Whether glyphs of script s map one to one onto its characters (Latin, Greek, Cyrillic, and
 * common or inherited characters), unlike those of a script that needs shaping (Arabic...). */
int cd_script_simple(GUnicodeScript s);

cd_tags *cd_tags_new(const char *writer, const cd_tags_sink *sink);
void cd_tags_free(cd_tags *t);

/* A structure element begins (CD_ITEM_TAG_BEGIN) or the innermost one ends. Return 0, or
 * -CD_EXIT_INTERNAL with a message (a role that is not a standard structure type, an end
 * without a beginning). */
int cd_tags_begin(cd_tags *t, const cd_item *it);
int cd_tags_end(cd_tags *t);
/* Before the writer draws a glyph run, rectangle, line or image; after it. */
void cd_tags_before(cd_tags *t, const cd_item *it);
void cd_tags_after(cd_tags *t, const cd_item *it);
/* A link item: the writer makes its annotation between cd_tags_link and cd_tags_link_done. */
void cd_tags_link(cd_tags *t, const cd_item *it);
void cd_tags_link_done(cd_tags *t);
/* The end of a page (closes the open chunk). */
void cd_tags_end_page(cd_tags *t);
/* Elements still open (0 at the end of a well-formed document). */
unsigned cd_tags_open(const cd_tags *t);
/* The chunk open now (the one a link item just opened), or -1. */
int cd_tags_current(const cd_tags *t);
/* Chunk number `chunk`, for a writer that numbers marked content itself (page, mcid, annot). */
cd_pdf_chunk *cd_tags_chunk(cd_tags *t, int chunk);
/* The numbers the writer gives its chunks are its prediction of its library's (cairo): the
 * finishing pass checks them (pdf-finish.h, `predicted`). */
void cd_tags_predicted(cd_tags *t);
/* Points f's elems and chunks at what was recorded (valid until cd_tags_free) and sets tagged. */
void cd_tags_fill(cd_tags *t, cd_pdf_finish *f);
/* The end of every PDF writer: the document's metadata and protection and the structure recorded
 * in t go with the drawn bytes `pdf` to the finishing pass, which writes fp (cd_pdf_finish_write). */
struct cd_doc_info;
struct cd_protection;
int cd_tags_finish(cd_tags *t, const char *writer, const char *path, const struct cd_doc_info *info,
                   const struct cd_protection *prot, const void *pdf, size_t len, FILE *fp);

#endif
