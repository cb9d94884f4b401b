/* fo/fo.h - reading XSL-FO: elements, properties and their resolution (the files of fo/), shared by layout
 * and render.c. The subset is gen/FO-SUBSET.md; anything outside it is an error at its line. */
#ifndef CD_FO_H
#define CD_FO_H

#include <libxml/tree.h>

#include "base/page.h"

#define FO_NS "http://www.w3.org/1999/XSL/Format"
#define FOX_NS "http://xmlgraphics.apache.org/fop/extensions"

/* Element kinds. */
typedef enum {
	FO_UNKNOWN = 0,
	FO_ROOT, FO_LAYOUT_MASTER_SET, FO_SIMPLE_PAGE_MASTER, FO_REGION_BODY, FO_REGION_BEFORE,
	FO_REGION_AFTER, FO_REGION_START, FO_REGION_END, FO_PAGE_SEQUENCE_MASTER,
	FO_SINGLE_PAGE_MASTER_REFERENCE, FO_REPEATABLE_PAGE_MASTER_REFERENCE,
	FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES, FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
	FO_DECLARATIONS, FO_BOOKMARK_TREE, FO_BOOKMARK, FO_BOOKMARK_TITLE,
	FO_PAGE_SEQUENCE, FO_FLOW, FO_STATIC_CONTENT,
	FO_BLOCK, FO_BLOCK_CONTAINER, FO_INLINE, FO_WRAPPER, FO_LEADER, FO_CHARACTER,
	FO_PAGE_NUMBER, FO_PAGE_NUMBER_CITATION, FO_PAGE_NUMBER_CITATION_LAST, FO_BASIC_LINK,
	FO_EXTERNAL_GRAPHIC, FO_LIST_BLOCK, FO_LIST_ITEM, FO_LIST_ITEM_LABEL, FO_LIST_ITEM_BODY,
	FO_TABLE, FO_TABLE_COLUMN, FO_TABLE_HEADER, FO_TABLE_FOOTER, FO_TABLE_BODY, FO_TABLE_ROW,
	FO_TABLE_CELL, FO_MARKER, FO_RETRIEVE_MARKER,
	FO_N_KINDS
} fo_kind;

/* text-align as written: start and end are resolved where a paragraph is set (layout/para.c),
 * by the writing mode and the paragraph's direction; left and right are the page's. */
enum { ALIGN_START, ALIGN_CENTER, ALIGN_END, ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_RIGHT };
enum { BORDER_NONE, BORDER_SOLID, BORDER_DASHED, BORDER_DOTTED };
enum { BREAK_AUTO, BREAK_PAGE, BREAK_EVEN, BREAK_ODD };
enum { LF_TREAT_AS_SPACE, LF_PRESERVE, LF_IGNORE };
enum { DISPLAY_BEFORE, DISPLAY_CENTER, DISPLAY_AFTER };
/* The sides of a box as computed values hold them: before and after are the top and bottom (both
 * writing modes of the subset are top to bottom), left and right are the page's: a property
 * written for the start or end side (padding-start, border-end, start-indent...) is stored on
 * the side the writing mode makes it (fo-style.c), so that layout and writers never ask. */
enum { SIDE_BEFORE, SIDE_AFTER, SIDE_LEFT, SIDE_RIGHT };
/* writing-mode: lr-tb (the initial value) or rl-tb. */
enum { WM_LR_TB, WM_RL_TB };
/* The keywords of the properties layout reads where it uses them (fo_keyword). */
enum { POSITION_AUTO, POSITION_ABSOLUTE, POSITION_FIXED };          /* absolute-position */
enum { SCALING_UNIFORM, SCALING_NON_UNIFORM };                      /* scaling */
enum { PATTERN_SPACE, PATTERN_RULE, PATTERN_DOTS };                 /* leader-pattern */
enum { TABLE_LAYOUT_AUTO, TABLE_LAYOUT_FIXED };                     /* table-layout */
enum { FORCE_AUTO, FORCE_EVEN, FORCE_ODD, FORCE_END_ON_EVEN, FORCE_END_ON_ODD, FORCE_NONE }; /* force-page-count */
enum { PAGE_POSITION_ANY, PAGE_POSITION_FIRST, PAGE_POSITION_REST, PAGE_POSITION_LAST,
       PAGE_POSITION_ONLY };                                        /* page-position */
enum { ODD_EVEN_ANY, ODD_EVEN_ODD, ODD_EVEN_EVEN };                 /* odd-or-even */
enum { BLANK_ANY, BLANK_BLANK, BLANK_NOT_BLANK };                   /* blank-or-not-blank */
enum { STATE_SHOW, STATE_HIDE };                                    /* starting-state */
enum { RETRIEVE_FIRST_STARTING, RETRIEVE_FIRST_INCLUDING_CARRYOVER, RETRIEVE_LAST_STARTING,
       RETRIEVE_LAST_ENDING };                                      /* retrieve-position */
enum { BOUNDARY_PAGE, BOUNDARY_PAGE_SEQUENCE, BOUNDARY_DOCUMENT };  /* retrieve-boundary */
/* What content-width, content-height and initial-page-number were given as. */
enum { CONTENT_AUTO, CONTENT_SCALE_TO_FIT, CONTENT_LENGTH };
enum { PAGE_NUMBER_AUTO, PAGE_NUMBER_AUTO_ODD, PAGE_NUMBER_AUTO_EVEN, PAGE_NUMBER_SET };

/* A keep strength: 0 auto, 1..999 an integer keep, KEEP_ALWAYS. */
#define KEEP_ALWAYS 1000

typedef struct {
	double width;
	int style;
	cd_rgba color;
	int retain;       /* border-*-width.conditionality="retain" */
} fo_border;

/* The computed properties of one element. Strings are interned (g_intern_string). */
typedef struct fo_style {
	/* inherited */
	const char *family;
	double size;
	int weight;           /* 100..900 */
	int italic;
	cd_rgba color;
	double lh;            /* line height, pt */
	double lh_factor;     /* > 0 when line-height was a number or "normal": children recompute */
	int align, align_last;
	int wm;               /* writing-mode, WM_*: where start and end are */
	double text_indent;
	double indent_left, indent_right;   /* start-indent and end-indent, on the sides the
	                                     * writing mode puts them (rl-tb: start is the right) */
	int hyphenate;
	const char *lang;     /* "en-GB", NULL when unknown */
	int widows, orphans;
	int keep_together;
	int lf, ws_collapse, wrap;
	int border_collapse;
	int display_align;
	double pdbs, pls;     /* list: provisional-distance-between-starts, -label-separation */
	/* not inherited */
	double space_before, space_after;
	int sb_retain, sa_retain;
	double pad[4];
	fo_border border[4];
	cd_rgba bg;           /* a == 0: transparent */
	int keep_next, keep_prev;
	int break_before, break_after;
	int underline, strike;
	double rise;          /* baseline-shift, pt, up is positive */
	const char *id, *role, *alt;
} fo_style;

/* Where messages point. */
typedef struct fo_src {
	const char *name;
} fo_src;

fo_kind fo_kind_of(const xmlNode *n);   /* FO_UNKNOWN for non-FO elements */
const char *fo_kind_name(fo_kind k);     /* "fo:block" */
/* Whether laying out needs a first pass to learn page numbers: a page-number-citation(-last)
 * anywhere, or an fo:page-number in a flow. For a file, read as a stream and kept nowhere (0
 * when it cannot be read: the reader that follows says why). */
int fo_needs_two_passes(const xmlNode *root);
int fo_file_needs_two_passes(const char *path);

/* Default properties at the top of the tree (the initial values of XSL 1.1). */
void fo_style_init(fo_style *s);
/* Checks every attribute of element n against the subset and computes its properties from the
 * parent's. ref_width is the width percentages of widths/indents refer to. Returns 0 or
 * -CD_EXIT_INVALID (message printed with the element's line). */
int fo_style_compute(const fo_src *src, xmlNode *n, const fo_style *parent, double ref_width, fo_style *out);
/* Checks the attributes of an element that takes no formatting properties (page masters,
 * bookmarks, ...): each must be in its allowed list. */
int fo_check_attrs(const fo_src *src, xmlNode *n);

/* Attribute value or NULL (not copied: valid while n lives). */
const char *fo_attr(xmlNode *n, const char *name);
/* Parsing one value; prop names the property for messages. pct_base: what 100% is (<0: no %). */
int fo_length(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double pct_base, double *out);
int fo_color(const fo_src *src, xmlNode *n, const char *prop, const char *v, cd_rgba *out);
int fo_integer(const fo_src *src, xmlNode *n, const char *prop, const char *v, int min, int *out);
/* The properties layout reads where it uses them (the P_OTHER rows of fo-props.c), parsed in
 * fo-used.c. Each reads attribute prop of n: when it is absent, *out keeps what the caller put
 * there (the initial value) and the result is 0; a bad value is -CD_EXIT_INVALID with its message
 * at n's line. */
/* A keyword property: absolute-position, scaling, leader-pattern, rule-style (BORDER_*),
 * table-layout, table-omit-header-at-break and table-omit-footer-at-break (0 false, 1 true),
 * force-page-count, page-position, odd-or-even, blank-or-not-blank, starting-state,
 * retrieve-position, retrieve-boundary; *out is the enum value above. */
int fo_keyword(const fo_src *src, xmlNode *n, const char *prop, int *out);
/* width, height, page-width, page-height: a length or "auto". 1 when a length was read into
 * *out, 0 when absent or auto. */
int fo_length_or_auto(const fo_src *src, xmlNode *n, const char *prop, double em, double pct_base, double *out);
/* content-width, content-height: CONTENT_AUTO (absent too), CONTENT_SCALE_TO_FIT, or
 * CONTENT_LENGTH with the length in *out. */
int fo_content_size(const fo_src *src, xmlNode *n, const char *prop, double em, double pct_base, double *out);
/* column-width: a length (into *fixed, and *share = 0), proportional-column-width(N) (*share = N)
 * or auto (both kept). */
int fo_column_width(const fo_src *src, xmlNode *n, double em, double pct_base, double *fixed, double *share);
/* maximum-repeats: an integer, or -1 for "no-limit" (and when absent). */
int fo_max_repeats(const fo_src *src, xmlNode *n, int *out);
/* initial-page-number: PAGE_NUMBER_AUTO (absent too), _AUTO_ODD, _AUTO_EVEN, or PAGE_NUMBER_SET
 * with the number in *num. src NULL: a quiet probe that takes a bad value for auto. */
int fo_initial_page_number(const fo_src *src, xmlNode *n, int *num);
/* format of page numbers: *fmt '1' with *width digits ("001" is 3), or 'i', 'I', 'a', 'A'. */
int fo_page_format(const fo_src *src, xmlNode *n, char *fmt, int *width);
/* The margins of a simple-page-master or region-body, from margin and margin-top/bottom/left/
 * right, in that order (top, bottom, left, right); w is what percentages refer to. */
int fo_page_margins(const fo_src *src, xmlNode *n, double w, double m[4]);
/* role: one of the PDF structure types. */
int fo_check_role(const fo_src *src, xmlNode *n, const char *role);
/* A url(...) or plain URI without its wrapping (g_free). */
char *fo_uri(const char *v);
/* The src of an fo:external-graphic: a local path as written, relative or absolute (g_free),
 * or NULL with the message printed. */
char *fo_graphic_src(const fo_src *src, xmlNode *n);
/* The character of an fo:character (one, as UTF-8), or NULL with the message printed. */
const char *fo_character(const fo_src *src, xmlNode *n);
/* The value of prop when it is set to something other than "auto", else NULL. */
const char *fo_attr_not_auto(xmlNode *n, const char *prop);
/* An error "invalid value 'v' for property 'prop'" at n. */
int fo_bad_value(const fo_src *src, xmlNode *n, const char *prop, const char *v);
/* "unsupported element 'fo:x' in fo:y" at n. */
int fo_bad_child(const fo_src *src, xmlNode *child, xmlNode *parent);
/* True for text nodes that hold only XML white space. */
int fo_is_blank(const xmlNode *n);

#endif
