/* render/render.h - the render pipeline: XSL-FO documents in, a writer's file out.
 *
 *   cd_renderer *r = cd_renderer_new(&rc);             once per thread; reuse for many documents
 *   cd_output *out = cd_output_new();
 *   cd_render_job *job;
 *   rc = cd_render_begin(r, cd_writer_find("cairo"), NULL, out, "print.pdf", NULL, &job);
 *   rc = cd_render_add_doc(job, fo_doc, "letter-1");    once per FO document, in order
 *   rc = cd_render_pad_to_odd(job);                     optional: next document on a fresh sheet
 *   rc = cd_render_end(job, &pages);                    then cd_output_commit(out)
 *   after any error: cd_render_abort(job) and cd_output_abort(out)
 * Commands do all of this with one call, cd_render_file() (below).
 *
 * The FO subset is gen/FO-SUBSET.md. Every FO document is checked as it is read: an element or
 * property outside the subset is "name:line: error: ..." and -CD_EXIT_INVALID.
 *
 * Pages go to the writer as soon as they are laid out and are then freed, so memory does not grow
 * with the page count. A document with fo:page-number-citation(-last), or fo:page-number inside a
 * flow, is laid out twice: the first pass learns on which page each id falls.
 *
 * Structure marks (CD_ITEM_TAG_BEGIN/END): each FO document is one "Document" element; the flow's
 * elements (P, H1, L, Table, ...) may stay open across a page break (a paragraph split over two
 * pages is one P); static content (headers, footers) is an "Artifact", always opened and closed on
 * its own page, before the flow's items of that page.
 */
#ifndef CD_RENDER_H
#define CD_RENDER_H

#include <libxml/tree.h>

#include "base/cindoc.h"
#include "base/page.h"

typedef struct cd_renderer cd_renderer;   /* fonts + caches; reuse across many documents; one per thread */
cd_renderer *cd_renderer_new(int *rc);
void cd_renderer_free(cd_renderer *r);

/* A document being written: several FO documents may be appended into one output file
 * (the print queue puts many letters into one print.pdf). */
typedef struct cd_render_job cd_render_job;

/* Starts a job. info_or_NULL: the document info to use (copied); NULL takes it from the first FO
 * document (fo:declarations metadata, xml:lang on fo:root, fo:bookmark-tree). The writer's
 * begin_document is called when the first document is added. */
int cd_render_begin(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts,
                    cd_output *out, const char *path, const cd_doc_info *info_or_NULL,
                    cd_render_job **job);
/* Lays out one FO document (name is for messages: "name:line: error: ...") and writes its pages.
 * Metadata (fo:declarations / xml:lang / bookmark-tree) of the first document fills the doc info.
 * The document is not changed and stays the caller's. Page numbers start again at 1 in each
 * document (unless initial-page-number says otherwise); cd_page.index counts on through the job. */
int cd_render_add_doc(cd_render_job *job, xmlDocPtr fo, const char *name);
/* The same for a file, read one fo:page-sequence at a time (a file with page-number citations is
 * read whole, as it needs two passes). Messages name the file as given. */
int cd_render_add_file(cd_render_job *job, const char *fo_path);
/* Adds a blank page if the page count so far is odd (duplex: the next document starts on a
 * fresh sheet). */
int cd_render_pad_to_odd(cd_render_job *job);
/* Pages written so far. */
int cd_render_page_count(const cd_render_job *job);
/* Ends the document (the writer's end_document) and frees the job; *pages gets the page count.
 * The caller then commits `out`. On failure the job is freed too. */
int cd_render_end(cd_render_job *job, int *pages);
/* After an error: destroys the writer state and frees the job (the caller aborts `out`). */
void cd_render_abort(cd_render_job *job);

/* ---- one file, start to end (render-file.c): what every command uses instead of the calls above.
 *
 *   rc = cd_render_doc_file(r, w, opts, NULL, "plan.pdf", fo, "plan.fo", &pages);
 *
 * `fill` adds the documents of the file (cd_render_add_doc, cd_render_add_file,
 * cd_render_pad_to_odd) and returns 0, negative after an error, or CD_RENDER_NOTHING when there
 * is nothing to write (no file is made). */
typedef int (*cd_render_fill)(cd_render_job *job, void *data);
#define CD_RENDER_NOTHING 1

/* Renders `path`: begin, fill, end. With out NULL the file is committed into place on success
 * and removed on failure; otherwise it goes through `out`, which the caller commits with the other
 * files of the command (or aborts). The job never outlives the call. *pages (may be NULL) gets
 * the page count. Returns 0 or negative after an error that was reported. */
int cd_render_file(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts, cd_output *out,
                   const char *path, cd_render_fill fill, void *data, int *pages);
/* The same for one FO document (`name` is for messages). */
int cd_render_doc_file(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts, cd_output *out,
                       const char *path, xmlDocPtr fo, const char *name, int *pages);

#endif
