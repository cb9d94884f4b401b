/* base/page.h - pages: the display list that layout produces and writers replay.
 *
 * Layout (gen/layout/) turns the FO tree into pages of placed items and knows nothing of Cairo or
 * libharu; a writer (out-*.c) turns pages into a file and knows nothing of FO. This header is the
 * whole contract between the two, like mupdf's fz_device and display list: layout records a page
 * once, cd_page_replay() plays it into any writer.
 *
 * Units: points (1/72 in); origin at the top-left corner of the page, y growing downwards.
 */
#ifndef CD_PAGE_H
#define CD_PAGE_H

#include <pango/pango.h>
#include "base/cindoc.h"

typedef struct { double r, g, b, a; } cd_rgba;

typedef enum {
	CD_ITEM_GLYPHS,    /* shaped glyphs on one baseline, with their source text */
	CD_ITEM_RECT,      /* filled rectangle: backgrounds */
	CD_ITEM_LINE,      /* stroked straight line: borders, rules, leaders, underlines */
	CD_ITEM_IMAGE,     /* an image file placed in a box */
	CD_ITEM_LINK,      /* a clickable area: internal destination or external URI */
	CD_ITEM_DEST,      /* a named destination (an FO id) at a point */
	CD_ITEM_TAG_BEGIN, /* a structure element begins (tagged PDF) */
	CD_ITEM_TAG_END    /* the innermost open structure element ends */
} cd_item_kind;

typedef enum { CD_LINE_SOLID, CD_LINE_DASHED, CD_LINE_DOTTED } cd_line_style;

/* Destinations: an FO id (named), where an id's element ends, a flow fo:page-number (serial). */
enum { CD_DEST_ID, CD_DEST_ID_END, CD_DEST_PAGE_NUMBER };

typedef struct cd_item {
	cd_item_kind kind;
	union {
		struct {
			double x, y;          /* origin of the first glyph, on the baseline */
			PangoGlyphItem *run;  /* owned; run->item->offset is 0: indexes into text */
			char *text;           /* the run's source text (UTF-8), for extraction */
			cd_rgba color;
			const char *lang;     /* the language of the fo:inline it is set in, when that differs
			                       * from its block's (Pango's interned string), else NULL */
		} glyphs;
		struct { double x, y, w, h; cd_rgba fill; } rect;
		struct { double x0, y0, x1, y1, width; cd_rgba color; cd_line_style style; } line;
		struct { double x, y, w, h; char *path; char *alt; } image;
		struct { double x, y, w, h; char *uri; char *dest; } link; /* one of uri, dest */
		/* mark: what layout uses a destination for while it lays pages out; writers see only
		 * CD_DEST_ID (layout removes the other marks before it hands a page on) */
		struct { double x, y; char *name; int mark; int serial; } dest;
		/* role: Document, Sect, H1, H2, H3, P, L, LI, Lbl, LBody, Table, THead, TBody, TR,
		 * TH, TD, Link, Figure, Span, Artifact (headers, footers, decoration) */
		struct { char *role; char *alt; char *lang; } tag;
	} u;
} cd_item;

typedef struct cd_page {
	double width, height;
	int index;          /* 1-based position in the document */
	char *label;        /* the page number as printed ("iv", "7") */
	int number;         /* that number (0: none) */
	char number_format; /* and its format: '1' (decimal, maybe zero-padded), 'i', 'I', 'a', 'A' */
	cd_item *items;
	size_t n, cap;
} cd_page;

/* One entry of the document outline (bookmarks), in document order. */
typedef struct cd_outline {
	int parent;         /* index of the parent entry, -1 at top level */
	char *title;
	char *dest;         /* a destination name (CD_ITEM_DEST) */
	int open;           /* shown expanded */
} cd_outline;

typedef struct cd_doc_info {
	const char *title, *author, *subject, *keywords, *creator;
	const char *lang;        /* xml:lang of the document, e.g. "en-GB" */
	const char *date;        /* creation date, ISO 8601; NULL for now */
	const cd_outline *outline;
	size_t n_outline;
} cd_doc_info;

cd_page *cd_page_new(double width, double height, int index, const char *label);
void cd_page_free(cd_page *pg);
/* Appends an item; strings and the glyph run are taken over by the page. */
cd_item *cd_page_add(cd_page *pg, cd_item_kind kind);

/* A writer: one table of hooks in its own file (out-cairo.c, out-haru.c, out-png.c,
 * out-trace.c), like cairo's backends. "Required." hooks must be set; an "Optional." hook left
 * NULL means the writer ignores that kind of item. Every hook returns 0, or a negative exit code
 * after printing its message. out-trace.c is the minimal example.
 * What a writer can do is said in its entry (ext, caps), so that commands ask the table and a new
 * writer touches no command file. */
enum cd_writer_caps {
	CD_WRITER_PDF = 1,      /* writes PDF: the queue and its print files take it */
	CD_WRITER_PROTECT = 2,  /* encrypts: user and owner passwords, print permission (protect.h) */
	CD_WRITER_LABEL = 4,    /* takes the option label=NAME: whose copy, named in its refusals */
	CD_WRITER_INTERNAL = 8  /* for tests and debugging: render-fo only, not render or queue */
};

typedef struct cd_writer_ops {
	const char *name;    /* for --writer */
	const char *help;    /* one line for --help */
	const char *ext;     /* the extension of the files it writes (".pdf") */
	unsigned caps;       /* enum cd_writer_caps */
	/* Required. Starts a document that will be written to `path` through `out` (the writer
	 * calls cd_output_open(out, path), or derives file names from path). `opts` is the
	 * writer's option string ("key=value,key=value"), NULL for defaults. */
	int (*begin_document)(void **state, cd_output *out, const char *path,
	                      const cd_doc_info *info, const char *opts);
	int (*begin_page)(void *state, const cd_page *pg);       /* Required. */
	int (*glyphs)(void *state, const cd_item *it);           /* Required. */
	int (*rect)(void *state, const cd_item *it);             /* Required. */
	int (*line)(void *state, const cd_item *it);             /* Required. */
	int (*image)(void *state, const cd_item *it);            /* Optional. */
	int (*link)(void *state, const cd_item *it);             /* Optional. */
	int (*dest)(void *state, const cd_item *it);             /* Optional. */
	int (*tag_begin)(void *state, const cd_item *it);        /* Optional. */
	int (*tag_end)(void *state, const cd_item *it);          /* Optional. */
	int (*end_page)(void *state, const cd_page *pg);         /* Required. */
	/* Required. Finishes the file; the caller then commits `out`. */
	int (*end_document)(void *state);
	/* Required. Frees the state, after end_document or after an error at any point. */
	void (*destroy)(void *state);
} cd_writer_ops;

/* The writers, in --writer order (the first is the default); NULL-terminated. */
extern const cd_writer_ops *const cd_writers[];
const cd_writer_ops *cd_writer_find(const char *name);
/* The writer used when none is asked for. */
const cd_writer_ops *cd_writer_default(void);
/* The names of the writers that have every capability of `need` and none of `refuse`, sorted,
 * as words: "cairo, haru or png" (`last` " or "), "cairo, haru" (`last` ", "). Newly allocated. */
char *cd_writer_names(unsigned need, unsigned refuse, const char *last);

/* Plays one page into a writer: begin_page, every item, end_page. */
int cd_page_replay(const cd_page *pg, const cd_writer_ops *ops, void *state);

#endif
