/* fo/fo-internal.h - what the files of fo/ share and nothing outside reads: the property table's
 * row type (fo-props.c), the value parsers behind fo_length and friends (fo-value.c). */
#ifndef CD_FO_INTERNAL_H
#define CD_FO_INTERNAL_H

#include "fo/fo.h"

/* Properties; the order of this enum is also the order of application: shorthands before the
 * properties they set, so that the more specific one wins whatever the attribute order. */
typedef enum {
	P_OTHER,   /* read by layout where it is used */
	P_WRITING_MODE,   /* first: the sides of start and end, and text-align, depend on it */
	P_FONT_SIZE, P_FONT_FAMILY, P_FONT_WEIGHT, P_FONT_STYLE, P_LINE_HEIGHT, P_COLOR,
	P_TEXT_ALIGN, P_TEXT_ALIGN_LAST, P_TEXT_INDENT, P_HYPHENATE, P_LANGUAGE, P_COUNTRY, P_XML_LANG,
	P_WIDOWS, P_ORPHANS, P_KEEP_TOGETHER, P_LF, P_WS_COLLAPSE, P_WS_TREATMENT, P_WRAP,
	P_BORDER_COLLAPSE, P_DISPLAY_ALIGN, P_PDBS, P_PLS, P_TEXT_DECORATION, P_BASELINE_SHIFT,
	P_SPACE_BEFORE, P_SPACE_AFTER, P_SB_COND, P_SA_COND, P_SPACE_MINMAX,
	P_MARGIN, P_MARGIN_SIDE,
	P_PADDING, P_PADDING_SIDE, P_PADDING_COND,
	P_BORDER, P_BORDER_WIDTH, P_BORDER_STYLE, P_BORDER_COLOR,
	P_BORDER_SIDE, P_BORDER_SIDE_WIDTH, P_BORDER_SIDE_STYLE, P_BORDER_SIDE_COLOR, P_BORDER_COND,
	P_BACKGROUND, P_KEEP_NEXT, P_KEEP_PREV, P_BREAK_BEFORE, P_BREAK_AFTER, P_ID, P_ROLE, P_ALT,
	P_START_INDENT, P_END_INDENT,   /* after margins: an explicit indent wins */
} prop_id;

/* The side of a *-start or *-end property in the table (the left and right ones are SIDE_LEFT,
 * SIDE_RIGHT): fo-style.c puts it on the side the writing mode makes it. */
enum { SIDE_START_REL = 4, SIDE_END_REL = 5 };

typedef struct {
	const char *name;
	prop_id id;
	unsigned long long where;
	int side;   /* for *_SIDE properties; -1 otherwise */
} prop_def;


/* The row of a property name; NULL when the name is not in the subset. */
const prop_def *fo_find_prop(const char *name);
/* An attribute's text ("" when empty). */
const char *fo_attr_value(xmlAttr *a);

/* fo-value.c. Each returns 0 or -CD_EXIT_INVALID with the message printed (fo_word prints
 * nothing when src is NULL: a quiet probe). */
char *fo_skip_ws(const char *s);
int fo_keep_value(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out);
int fo_word(const fo_src *src, xmlNode *n, const char *prop, const char *v, const char *const *words, int *out);
int fo_border_width(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double *out);
int fo_border_style(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out);
/* "1pt solid black" in any order. */
int fo_border_shorthand(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, fo_border *b);
/* 1 to 4 values (CSS order) into before, after, start, end (g_free each); the count or -1. */
int fo_four(const char *v, char *out[4]);
int fo_text_align(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out);
int fo_font_size(const fo_src *src, xmlNode *n, const char *v, double parent, double *out);

#endif
