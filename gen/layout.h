/* layout.h - FO page-sequences to pages (gen/layout/), driven by render.c. Knows nothing of
 * writers: finished pages go to a callback. Internal to the renderer. */
#ifndef CD_LAYOUT_H
#define CD_LAYOUT_H

#include "fo.h"

/* One page master (fo:simple-page-master), in points. */
typedef struct lay_master {
	char *name;
	double width, height;
	double bx, by, bw, bh;              /* region-body content rectangle on the page */
	double cx, cy, cw, ch;              /* inside the page margins: where the outer regions go */
	char *body_name;
	double extent[4];                   /* region-before/after/start/end (0: none) */
	char *region_name[4];
	int has_region[4];
	long line;
} lay_master;

/* One alternative of a page-sequence-master. */
typedef struct lay_cond {
	lay_master *m;
	int position;    /* 0 any, 1 first, 2 rest */
	int odd_even;    /* 0 any, 1 odd, 2 even */
	int blank;       /* 0 any, 1 blank, 2 not-blank */
} lay_cond;

typedef struct lay_seqmaster {
	char *name;
	/* sub-sequences in order: each a single master (max 1), a repeatable master, or
	 * alternatives; max_repeats -1 means no limit */
	struct lay_sub { int kind; int max_repeats; lay_cond *conds; int n_conds; } *subs;
	int n_subs;
} lay_seqmaster;

typedef struct lay_doc {
	const fo_src *src;
	char *base_dir;              /* images are found relative to it */
	PangoContext *pctx;
	PangoLayout *layout;         /* reused for every paragraph */
	GHashTable *masters;         /* name -> lay_master* */
	GHashTable *seqmasters;      /* name -> lay_seqmaster* */
	/* page numbers of ids: the previous pass's (for citations) and this pass's */
	GHashTable *ids_prev_first, *ids_prev_last, *ids_first, *ids_last;  /* id -> label */
	int final_pass;              /* citations must all resolve */
	int needs_pass;              /* set when a citation or a flow page-number was met */
	int serial;                  /* numbers flow page-numbers within one pass */
	int page_index;              /* cd_page.index of the last page made */
	int page_number;             /* number of the last page of the previous sequence */
	int doc_pages;               /* pages of this document so far */
	int first_page;              /* no page made yet in this document (for the Document tag) */
	int (*emit)(void *ud, cd_page *pg);   /* takes the page */
	void *ud;
	cd_page *held;               /* the last page, held back until the next one or the end */
	const char *cur_label;       /* while laying out static content: the page's number */
	double max_body_h;           /* the tallest region-body of the sequence (table rows taller split) */
	int in_static;
	const char *doc_lang;        /* xml:lang of fo:root, for the Document tag */
	const fo_style *root_style;
	GPtrArray *link_refs;        /* (internal-destination, line) of every fo:basic-link */
	GHashTable *para_cache;      /* the renderer's: plain paragraphs already broken into lines */
} lay_doc;

lay_doc *lay_doc_new(const fo_src *src, PangoContext *pctx, PangoLayout *layout, const char *base_dir);
void lay_doc_free(lay_doc *L);
/* Reads fo:layout-master-set. */
int lay_masters(lay_doc *L, xmlNode *lms);
/* Lays out one fo:page-sequence; pages go to L->emit (through L->held). */
int lay_sequence(lay_doc *L, xmlNode *ps, const fo_style *root_style);
/* Sends the held page, with extra items appended first (the Document tag's end). */
int lay_flush(lay_doc *L, int close_document);
/* A cache of laid-out paragraphs, to share across documents (one per renderer). Paragraphs of
 * one style with no inline markup that come again (letterheads, sign-offs) are shaped once. */
GHashTable *lay_para_cache_new(void);
/* Makes a blank page of the given size (no master: cd_render_pad_to_odd). */
int lay_blank(lay_doc *L, double w, double h);

#endif
