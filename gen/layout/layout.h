/* layout/layout.h - FO page-sequences to pages (gen/layout/), driven by render.c. Knows nothing of
 * writers: finished pages go to a callback. Internal to the renderer. */
#ifndef CD_LAYOUT_H
#define CD_LAYOUT_H

#include "fo/fo.h"

/* The layout of one document (opaque). */
typedef struct lay_doc lay_doc;
/* Paragraphs already laid out, kept across the documents of a renderer (opaque). */
typedef struct lay_para_cache lay_para_cache;

/* What the layout of a document needs from its caller. */
typedef struct lay_setup {
	const fo_src *src;
	const char *base_dir;        /* images are found relative to it (NULL: ".") */
	PangoContext *pctx;
	PangoLayout *layout;         /* reused for every paragraph */
	lay_para_cache *para_cache;  /* lay_para_cache_new(), shared across documents; or NULL */
	int (*emit)(void *ud, cd_page *pg);   /* takes each finished page */
	void *ud;
	int page_index;              /* cd_page.index of the page before this document's first */
	const lay_doc *prev;         /* a finished earlier pass over the same document: citations
	                                and flow page numbers take their numbers from it; it must
	                                outlive this one. NULL on a first pass. */
	int final_pass;              /* no pass follows: every citation must resolve */
} lay_setup;

lay_doc *lay_doc_new(const lay_setup *s);
void lay_doc_free(lay_doc *L);
/* fo:root's own properties (its language goes on the Document tag); before anything else. */
void lay_root(lay_doc *L, const fo_style *root_style);
/* Reads fo:layout-master-set. */
int lay_masters(lay_doc *L, xmlNode *lms);
/* Lays out one fo:page-sequence; its pages go to the setup's emit (the last one held back). */
int lay_sequence(lay_doc *L, xmlNode *ps);
/* Whether an element with this id has been laid out (bookmarks check their destinations). */
int lay_has_id(const lay_doc *L, const char *id);
/* Ends the document: every fo:basic-link's internal-destination must exist; the last page is
 * sent with the Document tag closed. */
int lay_end(lay_doc *L);
/* A cache of laid-out paragraphs, to share across documents (one per renderer). Paragraphs of
 * one style with no inline markup that come again (letterheads, sign-offs) are shaped once:
 * kept from their second time on, in bounded memory. */
lay_para_cache *lay_para_cache_new(void);
void lay_para_cache_free(lay_para_cache *c);

#endif
