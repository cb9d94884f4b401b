/* layout/internal.h - what the layout files share; nothing outside gen/layout/ includes it.
 *
 * A flow is first turned into a vertical list (vlist) of entries, as TeX does: line boxes (with
 * their placed items, relative to the box), spaces (collapsed CSS-like, discarded at a page top
 * unless retained), block openings and closings (borders, padding and backgrounds, drawn per
 * page fragment), structure marks, ids and forced breaks. Each box records how bad a page break
 * just before it would be (keeps, widows and orphans). The pager then cuts the list into pages,
 * breaking at the last good point that fits, splitting table rows that cannot fit any page, and
 * repeating table headers; each page is emitted and handed on at once.
 *
 *   vlist.c     the vertical list: entries, keeps and break penalties, block openings/closings
 *   emit.c      placed items and emitting a range of the list onto a page (or an item buffer)
 *   para.c      paragraphs: inline text gathered, Pango set-up, lines (a plain paragraph broken
 *               into lines from one shaping), the paragraph cache
 *   inline.c    inline elements: inline, basic-link, character, page numbers and citations,
 *               leaders, external graphics
 *   flow.c      block-level elements: blocks, block-containers, lists, and sub-flows
 *   table.c     tables: columns, rows, cells, split rows, repeated headers
 *   masters.c   fo:layout-master-set: simple page masters and page-sequence masters
 *   paginate.c  cutting the list into pages (fit), page labels, delivering pages
 *   marks.c     fo:marker and fo:retrieve-marker: which markers each page holds, what a
 *               retrieve-marker in its static content gets
 *   sequence.c  one fo:page-sequence: its properties, static content, the page loop,
 *               force-page-count; the lay_doc itself
 */
#ifndef CD_LAYOUT_INTERNAL_H
#define CD_LAYOUT_INTERNAL_H

#include "layout/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FORBID 2000      /* no break here, whatever the keeps */
#define EPS 0.01
#define PS ((double)PANGO_SCALE)

/* ------------------------------------------------------------------ the document */

/* The outer regions of a page master, in the order of its extent[] and region_name[]. */
enum { REGION_BEFORE, REGION_AFTER, REGION_START, REGION_END };

/* One page master (fo:simple-page-master), in points. */
typedef struct lay_master {
	char *name;
	double width, height;
	double bx, by, bw, bh;              /* region-body content rectangle on the page */
	double cx, cy, cw, ch;              /* inside the page margins: where the outer regions go */
	char *body_name;
	double extent[4];                   /* region-before/after/start/end, REGION_* (0: none) */
	char *region_name[4];
	int has_region[4];
	long line;
} lay_master;

/* One alternative of a page-sequence-master. */
typedef struct lay_cond {
	lay_master *m;
	int position;    /* PAGE_POSITION_* */
	int odd_even;    /* ODD_EVEN_* */
	int blank;       /* BLANK_* */
} lay_cond;

typedef struct lay_seqmaster {
	char *name;
	/* sub-sequences in order: each a single master (max 1), a repeatable master, or
	 * alternatives; max_repeats -1 means no limit */
	struct lay_sub { int kind; int max_repeats; lay_cond *conds; int n_conds; } *subs;
	int n_subs;
} lay_seqmaster;

struct lay_doc {
	const fo_src *src;
	char *base_dir;              /* images are found relative to it */
	PangoContext *pctx;
	PangoLayout *layout;         /* reused for every paragraph */
	lay_para_cache *para_cache;  /* the renderer's: paragraphs already broken into lines */
	int (*emit)(void *ud, cd_page *pg);   /* takes the page */
	void *ud;
	const lay_doc *prev;         /* the previous pass, for citations and flow page numbers */
	int final_pass;              /* citations must all resolve */
	GHashTable *masters;         /* name -> lay_master* */
	GHashTable *seqmasters;      /* name -> lay_seqmaster* */
	GHashTable *ids_first, *ids_last;  /* id -> label of the page it starts / ends on */
	GPtrArray *pn_labels;        /* char*: the page label of each flow fo:page-number, by serial */
	int serial;                  /* numbers flow page-numbers within one pass */
	int page_index;              /* cd_page.index of the last page made */
	int page_number;             /* number of the last page of the previous sequence */
	int first_page;              /* no page made yet in this document (for the Document tag) */
	cd_page *held;               /* the last page, held back until the next one or the end */
	const char *cur_label;       /* while laying out static content: the page's number */
	double max_body_h;           /* the tallest region-body of the sequence (table rows taller split) */
	int in_static;
	const char *doc_lang;        /* xml:lang of fo:root, for the Document tag */
	fo_style root_style;
	GPtrArray *link_refs;        /* (internal-destination, line) of every fo:basic-link */
	struct seq_tail *tail;       /* the previous page-sequence, while its force-page-count="auto"
	                              * waits for the next one's initial-page-number */
	int apart;                   /* > 0 while content is laid out apart from the flow's list (table
	                              * cells, list labels, absolute containers): no markers there */
	struct lay_marks *marks;     /* the markers of the page being made (marks.c) */
};

/* ------------------------------------------------------------------ the vertical list */

typedef enum { V_BOX, V_SPACE, V_OPEN, V_CLOSE, V_TAG, V_TAGEND, V_BREAK, V_ABS, V_TABLE, V_TABLE_END,
	       V_DEST, V_IDEND, V_MARKER, V_MARKER_END } vkind;

typedef struct deco {
	double x, w;          /* border box, relative to the area's left */
	fo_border border[4];
	cd_rgba bg;
} deco;

struct row;
struct table;

typedef struct vent {
	vkind kind;
	double h;
	int brk;              /* BOX/OPEN: badness of a break just before */
	int retain;           /* SPACE */
	int brk_kind;         /* BREAK */
	cd_page *box;         /* BOX/ABS: items (a page used as an item buffer), relative */
	deco *deco;           /* OPEN (owned) / CLOSE (shared) */
	char *role, *alt, *lang;   /* TAG */
	char *id;             /* DEST / IDEND; MARKER(_END): the marker-class-name */
	xmlNode *marker;      /* MARKER / MARKER_END: the fo:marker (its block's area starts / ends) */
	struct table *tab;    /* TABLE */
	struct row *row;      /* splittable table row */
	int fixed;            /* ABS: position relative to the page, not the body */
	double ax, ay;        /* ABS: position */
} vent;

/* A block open while its list is built: its keep-together and the boxes before it. */
typedef struct vopen { int keep; int nboxes; } vopen;

typedef struct vbuild {
	GPtrArray *v;         /* vent* */
	int nboxes;
	int pending_kwn, pending_kwp;
	int glue_next;        /* the next box may not be separated from what precedes it */
	GArray *open;         /* vopen: the blocks open, outermost first */
} vbuild;

void vb_init(vbuild *vb);
void vb_clear(vbuild *vb);
vent *vadd(vbuild *vb, vkind k);
vent *vadd_box(vbuild *vb, cd_page *items, double h, int extra);
void vadd_space(vbuild *vb, double h, int retain);
void vadd_tag(vbuild *vb, const char *role, const char *alt, const char *lang);
void vadd_id(vbuild *vb, vkind k, const char *id);
void vadd_break(vbuild *vb, int brk_kind);
/* The badness of a break before a new box, from the keeps in force; then the box counts. */
int vb_breakable(vbuild *vb, int extra);
/* The strongest keep-together of the blocks open in vb. */
int vb_outer_keep(const vbuild *vb);
void vent_free(vent *e);
/* The opening and closing of a block-level element: break, space, id, tag, borders, padding,
 * keeps. */
void open_block(vbuild *vb, const fo_style *st, const fo_style *ps, double x, double w, const char *role);
void close_block(vbuild *vb, const fo_style *st, const char *role);
/* Moves the entries of `sub` from `from` on into vb after a glued start. */
void splice(vbuild *vb, vbuild *sub, size_t from);

/* Whether the opening of a block ends the spaces before it (they are placed above it): when it
 * has a border or padding before, or a background, which starts below the space. A bare
 * opening lets them collapse with the spaces that follow (the first child's space-before), as
 * spaces between blocks do: the pager (fit), measure() and the emitter all ask this. */
int open_takes_space(const vent *e);
/* Tops and bottoms of boxes and openings, as measure() finds them. */
typedef struct { size_t k; double top, bot; } vmark;
/* Height of entries [a, b) as emit_range would place them at the top of an area. */
double measure(GPtrArray *v, size_t a, size_t b, int at_top, GArray *marks);
/* Where a page that breaks before entry k really starts (its spaces, ids, tags go with it). */
size_t break_start(GPtrArray *v, size_t lo, size_t k);

/* ------------------------------------------------------------------ items and emitting */

cd_page *ibuf_new(void);
void item_put(cd_page *pg, cd_item *it, double dx, double dy, int move);
void put_all(cd_page *dst, cd_page *src, double dx, double dy, int move);
void put_rect(cd_page *pg, double x, double y, double w, double h, cd_rgba c);
void put_line(cd_page *pg, double x0, double y0, double x1, double y1, double w, cd_rgba c, int style);
void put_tag(cd_page *pg, const char *role, const char *alt, const char *lang);
void put_tag_end(cd_page *pg);
void put_dest(cd_page *pg, double x, double y, const char *name);
/* A destination that layout uses itself: mark CD_DEST_ID_END (name: the id) or
 * CD_DEST_PAGE_NUMBER (serial); deliver() takes them off the page. */
void put_mark(cd_page *pg, double x, double y, const char *name, int mark, int serial);

typedef struct open_deco {
	deco *d;
	size_t at;          /* item index where its background goes */
	double y0;          /* top of this fragment (relative) */
	int first;          /* the fragment holds the block's start */
} open_deco;

/* Places a range of the list on a page. Memset it to 0, and em_clear it when done. */
typedef struct emitter {
	cd_page *pg;
	double x0, y0;       /* offset of the area */
	double y;            /* relative to y0 */
	double pending;
	int at_top;
	GArray *decos;       /* open_deco: blocks open, drawn per fragment */
	GPtrArray *tags;     /* const vent*: structure elements open */
	int balance;         /* close open tags at the end of a range, reopen at the start */
	GPtrArray *tables;   /* struct table*: tables open (for repeated headers) */
	double page_bx, page_by;   /* for absolute block-containers */
} emitter;

void em_start(emitter *em, cd_page *pg, double x0, double y0);
void em_finish(emitter *em);
void em_clear(emitter *em);
void emit_range(emitter *em, GPtrArray *v, size_t a, size_t b, int move);
/* Reconstructs what is open before entry `a` (blocks, tags) for emitting a range on its own. */
void em_state_before(emitter *em, GPtrArray *v, size_t a);
/* The innermost open table, or NULL. */
struct table *em_table(const emitter *em);
/* Emits a whole list into a fresh item buffer; sets its height. */
cd_page *render_list(GPtrArray *v, double *h, int move);

/* ------------------------------------------------------------------ paragraphs */

enum { OBJ_LEADER, OBJ_IMAGE };

/* An inline object: a leader or an image, shaped as one object character. */
typedef struct inl_obj {
	int kind;
	double w, h;              /* current size */
	double opt, max;          /* leader lengths */
	int pattern;              /* PATTERN_* (fo/fo.h) */
	double thick;
	int rstyle;
	cd_rgba color;
	char *path, *alt;
	double lh;
} inl_obj;

typedef struct link_rng { int start, end; char *uri, *dest; } link_rng;
/* An id's start or end, or a flow page-number, at a byte of the text: mark CD_DEST_*. */
typedef struct id_at { int off; char *id; int mark; int serial; } id_at;

typedef struct para {
	GString *text;
	PangoAttrList *attrs;
	GArray *links;            /* link_rng */
	GPtrArray *objs;          /* inl_obj* */
	GArray *ids;              /* id_at */
	int last_space;
	int active;
	fo_style base;            /* the block's style: widows, orphans, alignment, base font */
	double x, w;              /* the block's content box in its area */
	const char *cur_label;    /* static content: this page's number */
} para;

void para_init(para *P);
void para_reset(para *P);
void para_free(para *P);
void obj_free(inl_obj *o);
/* Appends text with FO white-space handling (collapse, linefeed-treatment). */
void add_text(para *P, const fo_style *st, const char *t);
/* Text that is not subject to white-space handling (characters, page numbers). */
void add_literal(para *P, const fo_style *st, const char *t);
void add_obj(para *P, const fo_style *st, inl_obj *o);
/* Records an id's start (CD_DEST_ID) or end (CD_DEST_ID_END) at the current end of the text. */
void para_id(para *P, const char *id, int mark);
/* Records the place of the flow page-number `serial` at the current end of the text. */
void para_page_number(para *P, int serial);
/* Lays out the paragraph gathered in P into line boxes on vb, and empties P. */
void para_flush(lay_doc *L, vbuild *vb, para *P);
/* The badness a paragraph's own rules give a break before line li of n (widows, orphans,
 * keep-together). */
int line_penalty(const fo_style *b, int li, int n);

/* ------------------------------------------------------------------ the flow */

typedef struct area {
	double ax;       /* left of the reference area, relative to the flow's area */
	double refw;     /* its width */
} area;

/* fo_style_compute and the role check. */
int style_of(lay_doc *L, xmlNode *n, const fo_style *ps, double refw, fo_style *st);
int has_inline_content(xmlNode *n);
int is_inline_kind(fo_kind k);
/* The children of a block-level container: inline content gathers into paragraphs (P), block
 * children interrupt them. `inline_ok` is false where FO allows only blocks. */
int content(lay_doc *L, vbuild *vb, para *P, xmlNode *parent, const fo_style *st, area A, int inline_ok);
/* The block-level children of n (a flow, a cell, a list item part, a container) in style st. */
int sub_flow(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *st, area A);
/* The same laid out apart, emitted into a fresh item buffer of height *h (NULL on error). */
cd_page *sub_flow_items(lay_doc *L, xmlNode *n, const fo_style *st, area A, double *h, int *rc);
int block_level(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A);
/* A block's content box [x, x + w) starts in its reference area A and has room; else an error
 * (content put outside the page by indents or margins). */
int fits_area(lay_doc *L, xmlNode *n, area A, double x, double w);
int inline_level(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *ps, area A);
int do_table(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A);

/* ------------------------------------------------------------------ tables (for the pager) */

typedef struct cell {
	fo_style st;
	double x, w;            /* the cell's box, relative to the flow area */
	double inset[4];        /* border + padding on each side */
	GPtrArray *v;           /* content */
	size_t from;            /* split rows: where the next part starts */
	const char *role;
} cell;

typedef struct row {
	cell *cells;
	int n;
	double minh;
	cd_rgba bg;
	double x, w;
	int header;
	int started;            /* a part of it has been placed */
	int collapse;
} row;

typedef struct table {
	cd_page *hdr;           /* the header rows, for repeating */
	double hdr_h;
	int omit;
	cd_page *ftr;           /* the footer rows, repeated at each break inside the table */
	double ftr_h;
	int omit_ftr;
} table;

void table_free(table *t);
void row_free(row *r);
/* Height of the row (the rest of it, for a split row). */
double row_height(row *r);
/* Whether row_emit(r, avail) would give a part: some line of some cell fits in `avail`. */
int row_fits_some(row *r, double avail);
/* Emits the row, or the part of it whose content fits in `avail` (avail < 0: all of it).
 * Returns the items and sets *h; NULL when not even one line of any cell fits. */
cd_page *row_emit(row *r, double avail, double *h, int collapse, int move);
/* Whether every cell of a split row has been placed. */
int row_done(const row *r);

/* ------------------------------------------------------------------ markers (marks.c) */

/* The fo:marker children of a block (initial children, each class once) as V_MARKER entries on
 * vb; the block is n, its kind one that may hold markers. */
int markers_start(lay_doc *L, vbuild *vb, xmlNode *n);
/* An fo:marker child c met while laying out parent's content: 0 when markers_start placed it,
 * else the error (markers are not supported there). */
int marker_child(lay_doc *L, xmlNode *c, xmlNode *parent);
/* Their V_MARKER_END entries, put at index `at` (just after the block's closing). */
void markers_end(vbuild *vb, size_t at, xmlNode *n);
struct lay_marks *marks_new(void);
void marks_free(struct lay_marks *M);
/* A page-sequence starts: retrieve-boundary="page-sequence" looks no further back. */
void marks_sequence(struct lay_marks *M);
/* The markers of the page holding entries [i, j) of v (none for a blank page: v NULL); `open`
 * (vent*) holds the marked blocks open before i and is brought up to j. */
void marks_page(struct lay_marks *M, GPtrArray *open, GPtrArray *v, size_t i, size_t j);
/* The page is done: its markers become what later pages find when they have none. */
void marks_page_done(struct lay_marks *M);
/* fo:retrieve-marker n: lays out the children of the marker it retrieves (none: nothing). */
int retrieve_marker(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *st, area A, int inline_ok);

/* ------------------------------------------------------------------ pages */

/* Where the page that starts at entry i ends: entries [i, result) go on it. */
size_t fit(GPtrArray *v, size_t i, double avail);
/* Whether all the rest of the list, from entry i, fits in avail (changes nothing but making
 * the rest of a split row whole, which fit would do too). */
int fits_rest(GPtrArray *v, size_t i, double avail);
char *page_label(int n, char fmt, int width);
int deliver(lay_doc *L, cd_page *pg);
cd_page *new_page(lay_doc *L, double w, double h, int number, char fmt, int fmt_width);
/* The master for page i (0-based in the sequence) numbered num. `last`: the page is the last of
 * the sequence (page-position "last", "only"; "rest" is then not the last page): NULL, quietly,
 * when no alternative is for it; *by_last (may be NULL) says whether the master chosen was one
 * for the last page. */
lay_master *pick_master(lay_doc *L, xmlNode *ps, const char *ref, int i, int num, int blank, int last, int *by_last);
/* Whether the page-sequence-master ref has an alternative for the last page. */
int has_last_master(lay_doc *L, const char *ref);
void master_free(lay_master *m);
void seq_tail_free(struct seq_tail *t);
void seqmaster_free(lay_seqmaster *s);

#endif
