/* fo/fo-style.c - computed values: an element's properties from its attributes and its parent's.
 * Properties are applied in the order of prop_id (shorthands before the properties they set), one
 * group of related properties per function. */
#include "fo/fo-internal.h"

#include <string.h>

void fo_style_init(fo_style *s)
{
	memset(s, 0, sizeof *s);
	s->family = g_intern_static_string("DejaVu Sans");
	s->size = 12;
	s->weight = 400;
	s->color = (cd_rgba){ 0, 0, 0, 1 };
	s->lh_factor = 1.2;
	s->lh = 1.2 * 12;
	s->align = s->align_last = ALIGN_START;
	s->widows = s->orphans = 2;
	s->ws_collapse = 1;
	s->wrap = 1;
	s->pdbs = 24;
	s->pls = 6;
	s->hyphenate = 0;
}

/* One element's computation in progress. */
typedef struct {
	const fo_src *src;
	xmlNode *n;
	const fo_style *parent;
	fo_style *o;
	double ref_width, em;
	double margin[4];
	int have_margin[4], have_indent[4];   /* have_indent by side: SIDE_LEFT, SIDE_RIGHT */
	const char *language, *country;
	int lh_set;
} style_ctx;

static const char *lang_join(const char *lang, const char *country)
{
	if (!lang)
		return NULL;
	if (!country)
		return g_intern_string(lang);
	char *s = g_strdup_printf("%s-%s", lang, country);
	const char *r = g_intern_string(s);
	g_free(s);
	return r;
}

/* The first family of a list; quotes allowed. */
static int font_family(style_ctx *c, const char *name, const char *v)
{
	char *f = g_strdup(v);
	char *comma = strchr(f, ',');
	if (comma)
		*comma = 0;
	g_strstrip(f);
	size_t L = strlen(f);
	if (L >= 2 && (f[0] == '\'' || f[0] == '"') && f[L - 1] == f[0]) {
		f[L - 1] = 0;
		memmove(f, f + 1, L - 1);
	}
	if (!*f) {
		g_free(f);
		return fo_bad_value(c->src, c->n, name, v);
	}
	c->o->family = g_intern_string(f);
	g_free(f);
	return 0;
}

static int line_height(style_ctx *c, const char *name, const char *v)
{
	fo_style *o = c->o;
	char *end;
	double d;
	c->lh_set = 1;
	if (strcmp(v, "normal") == 0) {
		o->lh_factor = 1.2;
	} else if ((d = g_ascii_strtod(v, &end)), end != v && !*fo_skip_ws(end)) {
		if (d <= 0)
			return fo_bad_value(c->src, c->n, name, v);
		o->lh_factor = d;
	} else {
		if (fo_length(c->src, c->n, name, v, c->em, c->em, &d) < 0)
			return -CD_EXIT_INVALID;
		if (d <= 0)
			return fo_bad_value(c->src, c->n, name, v);
		o->lh_factor = 0;
		o->lh = d;
	}
	return 0;
}

static int font_weight(style_ctx *c, const char *name, const char *v)
{
	int iv = 0, pw = c->parent->weight;
	if (strcmp(v, "normal") == 0) c->o->weight = 400;
	else if (strcmp(v, "bold") == 0) c->o->weight = 700;
	else if (strcmp(v, "bolder") == 0) c->o->weight = pw >= 600 ? 900 : 700;
	else if (strcmp(v, "lighter") == 0) c->o->weight = pw > 500 ? 400 : 100;
	else if (fo_integer(c->src, c->n, name, v, 100, &iv) < 0 || iv > 900 || iv % 100)
		return fo_bad_value(c->src, c->n, name, v);
	else c->o->weight = iv;
	return 0;
}

/* writing-mode: the two of XSL 1.1's modes that run top to bottom, lr-tb and rl-tb (and their
 * short forms lr, rl). The vertical and bottom-to-top modes are refused, not drawn as lr-tb. */
static int writing_mode(style_ctx *c, const char *name, const char *v)
{
	static const char *const ok[] = { "lr-tb", "rl-tb", "lr", "rl", NULL };
	static const char *const other[] = { "tb-rl", "tb-lr", "bt-lr", "bt-rl", "lr-bt", "rl-bt",
		"lr-alternating-rl-bt", "lr-alternating-rl-tb", "lr-inverting-rl-bt", "lr-inverting-rl-tb",
		"tb-lr-in-lr-pairs", "tb", NULL };
	for (int i = 0; ok[i]; i++)
		if (strcmp(v, ok[i]) == 0) {
			c->o->wm = i % 2 ? WM_RL_TB : WM_LR_TB;
			return 0;
		}
	for (int i = 0; other[i]; i++)
		if (strcmp(v, other[i]) == 0)
			return cd_error_at(c->src->name, xmlGetLineNo(c->n), "unsupported value '%s' for property '%s' on %s (only lr-tb and rl-tb)",
			                   v, name, fo_kind_name(fo_kind_of(c->n)));
	return fo_bad_value(c->src, c->n, name, v);
}

/* The side a property of the table is stored on: start and end follow the writing mode. */
static int abs_side(int wm, int side)
{
	if (side == SIDE_START_REL)
		return wm == WM_RL_TB ? SIDE_RIGHT : SIDE_LEFT;
	if (side == SIDE_END_REL)
		return wm == WM_RL_TB ? SIDE_LEFT : SIDE_RIGHT;
	return side;
}

/* Fonts, text alignment, language, widows and orphans. */
static int apply_text(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	const fo_src *src = c->src;
	xmlNode *n = c->n;
	fo_style *o = c->o;
	int iv = 0;
	switch (p->id) {
	case P_WRITING_MODE:
		return writing_mode(c, name, v);
	case P_FONT_FAMILY:
		return font_family(c, name, v);
	case P_FONT_WEIGHT:
		return font_weight(c, name, v);
	case P_FONT_STYLE: {
		static const char *const w[] = { "normal", "italic", "oblique", NULL };
		if (fo_word(src, n, name, v, w, &iv) < 0)
			return -CD_EXIT_INVALID;
		o->italic = iv != 0;
		return 0;
	}
	case P_LINE_HEIGHT:
		return line_height(c, name, v);
	case P_COLOR:
		return fo_color(src, n, name, v, &o->color);
	case P_TEXT_ALIGN:
		if (fo_text_align(src, n, name, v, &o->align) < 0)
			return -CD_EXIT_INVALID;
		o->align_last = o->align == ALIGN_JUSTIFY ? ALIGN_START : o->align;
		return 0;
	case P_TEXT_ALIGN_LAST:
		if (strcmp(v, "relative") == 0) {
			o->align_last = o->align == ALIGN_JUSTIFY ? ALIGN_START : o->align;
			return 0;
		}
		return fo_text_align(src, n, name, v, &o->align_last);
	case P_TEXT_INDENT:
		return fo_length(src, n, name, v, c->em, c->ref_width, &o->text_indent);
	case P_HYPHENATE: {
		static const char *const w[] = { "false", "true", NULL };
		return fo_word(src, n, name, v, w, &o->hyphenate);
	}
	case P_LANGUAGE:
	case P_COUNTRY: {
		size_t L = strlen(v);
		if (L < 2 || L > 3 || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != L)
			return fo_bad_value(src, n, name, v);
		*(p->id == P_LANGUAGE ? &c->language : &c->country) = v;
		return 0;
	}
	case P_WIDOWS:
	case P_ORPHANS:
		return fo_integer(src, n, name, v, 1, p->id == P_WIDOWS ? &o->widows : &o->orphans);
	case P_KEEP_TOGETHER:
		return fo_keep_value(src, n, name, v, &o->keep_together);
	default:
		return 0;
	}
}

static int text_decoration(style_ctx *c, const char *name, const char *v)
{
	static const char *const w[] = { "none", "underline", "line-through", "no-underline", "no-line-through", NULL };
	int iv = 0;
	if (fo_word(c->src, c->n, name, v, w, &iv) < 0)
		return -CD_EXIT_INVALID;
	fo_style *o = c->o;
	if (iv == 0) o->underline = o->strike = 0;
	else if (iv == 1) o->underline = 1;
	else if (iv == 2) o->strike = 1;
	else if (iv == 3) o->underline = 0;
	else o->strike = 0;
	return 0;
}

/* White space, wrapping, alignment in cells, lists, decoration, baseline shift and spaces. */
static int apply_flow(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	const fo_src *src = c->src;
	xmlNode *n = c->n;
	fo_style *o = c->o;
	int iv = 0;
	double d;
	switch (p->id) {
	case P_LF: {
		static const char *const w[] = { "treat-as-space", "preserve", "ignore", "treat-as-zero-width-space", NULL };
		if (fo_word(src, n, name, v, w, &iv) < 0)
			return -CD_EXIT_INVALID;
		o->lf = iv == 3 ? LF_IGNORE : iv;
		return 0;
	}
	case P_WS_COLLAPSE: {
		static const char *const w[] = { "false", "true", NULL };
		return fo_word(src, n, name, v, w, &o->ws_collapse);
	}
	case P_WS_TREATMENT: {
		static const char *const w[] = { "ignore-if-surrounding-linefeed", "preserve", NULL };
		if (fo_word(src, n, name, v, w, &iv) < 0)
			return -CD_EXIT_INVALID;
		if (iv == 1)
			o->ws_collapse = 0;
		return 0;
	}
	case P_WRAP: {
		static const char *const w[] = { "no-wrap", "wrap", NULL };
		return fo_word(src, n, name, v, w, &o->wrap);
	}
	case P_BORDER_COLLAPSE: {
		static const char *const w[] = { "separate", "collapse", NULL };
		return fo_word(src, n, name, v, w, &o->border_collapse);
	}
	case P_DISPLAY_ALIGN: {
		static const char *const w[] = { "before", "center", "after", "auto", NULL };
		if (fo_word(src, n, name, v, w, &iv) < 0)
			return -CD_EXIT_INVALID;
		o->display_align = iv == 3 ? DISPLAY_BEFORE : iv;
		return 0;
	}
	case P_PDBS:
	case P_PLS:
		return fo_length(src, n, name, v, c->em, c->ref_width, p->id == P_PDBS ? &o->pdbs : &o->pls);
	case P_TEXT_DECORATION:
		return text_decoration(c, name, v);
	case P_BASELINE_SHIFT:
		if (strcmp(v, "baseline") == 0) o->rise = 0;
		else if (strcmp(v, "super") == 0) o->rise = c->parent->size * 0.33;
		else if (strcmp(v, "sub") == 0) o->rise = -c->parent->size * 0.2;
		else return fo_length(src, n, name, v, c->em, o->lh, &o->rise);
		return 0;
	case P_SPACE_BEFORE:
	case P_SPACE_AFTER:
		return fo_length(src, n, name, v, c->em, -1, p->id == P_SPACE_BEFORE ? &o->space_before : &o->space_after);
	case P_SPACE_MINMAX:
		/* recorded for validity only: spaces are laid out at their optimum */
		return fo_length(src, n, name, v, c->em, -1, &d);
	case P_SB_COND:
	case P_SA_COND: {
		static const char *const w[] = { "discard", "retain", NULL };
		return fo_word(src, n, name, v, w, p->id == P_SB_COND ? &o->sb_retain : &o->sa_retain);
	}
	default:
		return 0;
	}
}

/* A 1-to-4 value shorthand: each value parsed into its side. */
static int four_sides(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	char *vals[4] = { 0 };
	fo_style *o = c->o;
	int rc = 0;
	if (fo_four(v, vals) < 0)
		return fo_bad_value(c->src, c->n, name, v);
	for (int i = 0; i < 4 && rc == 0; i++) {
		if (p->id == P_MARGIN) {
			rc = fo_length(c->src, c->n, name, vals[i], c->em, c->ref_width, &c->margin[i]);
			c->have_margin[i] = 1;
		} else if (p->id == P_PADDING) {
			rc = fo_length(c->src, c->n, name, vals[i], c->em, c->ref_width, &o->pad[i]);
		} else if (p->id == P_BORDER_WIDTH) {
			rc = fo_border_width(c->src, c->n, name, vals[i], c->em, &o->border[i].width);
		} else if (p->id == P_BORDER_STYLE) {
			rc = fo_border_style(c->src, c->n, name, vals[i], &o->border[i].style);
		} else {
			rc = fo_color(c->src, c->n, name, vals[i], &o->border[i].color);
		}
	}
	for (int i = 0; i < 4; i++)
		g_free(vals[i]);
	return rc;
}

/* Margins, padding and borders. */
static int apply_box(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	const fo_src *src = c->src;
	xmlNode *n = c->n;
	fo_style *o = c->o;
	int side = abs_side(o->wm, p->side);   /* the element's own writing mode: its own sides */
	switch (p->id) {
	case P_MARGIN:
	case P_PADDING:
	case P_BORDER_WIDTH:
	case P_BORDER_STYLE:
	case P_BORDER_COLOR:
		return four_sides(c, p, name, v);
	case P_MARGIN_SIDE:
		c->have_margin[side] = 1;
		return fo_length(src, n, name, v, c->em, c->ref_width, &c->margin[side]);
	case P_PADDING_SIDE:
		return fo_length(src, n, name, v, c->em, c->ref_width, &o->pad[side]);
	case P_PADDING_COND:
		return strcmp(v, "discard") != 0 ? fo_bad_value(src, n, name, v) : 0;
	case P_BORDER:
		for (int i = 0; i < 4; i++)
			if (fo_border_shorthand(src, n, name, v, c->em, &o->border[i]) < 0)
				return -CD_EXIT_INVALID;
		return 0;
	case P_BORDER_SIDE:
		return fo_border_shorthand(src, n, name, v, c->em, &o->border[side]);
	case P_BORDER_SIDE_WIDTH:
		return fo_border_width(src, n, name, v, c->em, &o->border[side].width);
	case P_BORDER_SIDE_STYLE:
		return fo_border_style(src, n, name, v, &o->border[side].style);
	case P_BORDER_SIDE_COLOR:
		return fo_color(src, n, name, v, &o->border[side].color);
	case P_BORDER_COND: {
		static const char *const w[] = { "discard", "retain", NULL };
		return fo_word(src, n, name, v, w, &o->border[side].retain);
	}
	default:
		return 0;
	}
}

/* Background, keeps, breaks, id, role and the explicit indents. */
static int apply_flow_control(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	const fo_src *src = c->src;
	xmlNode *n = c->n;
	fo_style *o = c->o;
	const fo_style *parent = c->parent;
	int iv = 0;
	switch (p->id) {
	case P_BACKGROUND:
		return fo_color(src, n, name, v, &o->bg);
	case P_KEEP_NEXT:
	case P_KEEP_PREV:
		return fo_keep_value(src, n, name, v, p->id == P_KEEP_NEXT ? &o->keep_next : &o->keep_prev);
	case P_BREAK_BEFORE:
	case P_BREAK_AFTER: {
		static const char *const w[] = { "auto", "page", "even-page", "odd-page", "column", NULL };
		if (fo_word(src, n, name, v, w, &iv) < 0)
			return -CD_EXIT_INVALID;
		if (iv == 4)
			iv = BREAK_PAGE;
		*(p->id == P_BREAK_BEFORE ? &o->break_before : &o->break_after) = iv;
		return 0;
	}
	case P_ID:
		o->id = g_intern_string(v);
		return 0;
	case P_ROLE:
		o->role = g_intern_string(v);
		return 0;
	case P_START_INDENT:
	case P_END_INDENT: {
		/* indents place the element in its parent's area: the parent's writing mode */
		int i = p->id == P_END_INDENT;
		int rl = parent->wm == WM_RL_TB, side = abs_side(parent->wm, i ? SIDE_END_REL : SIDE_START_REL);
		double *dst = side == SIDE_RIGHT ? &o->indent_right : &o->indent_left;
		double pstart = rl ? parent->indent_right : parent->indent_left;
		c->have_indent[side] = 1;
		if (strcmp(v, "body-start()") == 0 && !i)
			*dst = pstart + parent->pdbs;
		else if (strcmp(v, "label-end()") == 0 && i)
			*dst = c->ref_width - (pstart + parent->pdbs - parent->pls);
		else
			return fo_length(src, n, name, v, c->em, c->ref_width, dst);
		return 0;
	}
	default:
		return 0;
	}
}

static int apply_prop(style_ctx *c, const prop_def *p, const char *name, const char *v)
{
	if (p->id <= P_KEEP_TOGETHER)
		return apply_text(c, p, name, v);
	if (p->id <= P_SA_COND || p->id == P_SPACE_MINMAX)
		return apply_flow(c, p, name, v);
	if (p->id <= P_BORDER_COND)
		return apply_box(c, p, name, v);
	return apply_flow_control(c, p, name, v);
}

/* What no element inherits starts again at its initial value. */
static void reset_uninherited(fo_style *o, const fo_style *parent)
{
	o->space_before = o->space_after = 0;
	o->sb_retain = o->sa_retain = 0;
	memset(o->pad, 0, sizeof o->pad);
	for (int i = 0; i < 4; i++)
		o->border[i] = (fo_border){ 1, BORDER_NONE, parent->color, 0 };
	o->bg = (cd_rgba){ 0, 0, 0, 0 };
	o->keep_next = o->keep_prev = 0;
	o->break_before = o->break_after = BREAK_AUTO;
	o->id = o->role = o->alt = NULL;
	o->rise = 0;
}

/* Each attribute's property once, applied in the order of prop_id. */
static int apply_attrs(style_ctx *c)
{
	struct { xmlAttr *a; const prop_def *p; } at[64];
	int nat = 0, lo = P_END_INDENT + 1, hi = 0;
	for (xmlAttr *a = c->n->properties; a && nat < (int)G_N_ELEMENTS(at); a = a->next) {
		if (a->ns) {
			if (xmlStrEqual(a->ns->href, XML_XML_NAMESPACE))
				c->o->lang = g_intern_string(fo_attr_value(a));
			else if (xmlStrEqual(a->ns->href, BAD_CAST FOX_NS))
				c->o->alt = g_intern_string(fo_attr_value(a));
			continue;
		}
		const prop_def *p = fo_find_prop((const char *)a->name);
		if (p->id == P_OTHER || p->id == P_FONT_SIZE)
			continue;
		at[nat].a = a;
		at[nat++].p = p;
		lo = MIN(lo, (int)p->id);
		hi = MAX(hi, (int)p->id);
	}
	for (int pass = lo; pass <= hi; pass++)
		for (int ai = 0; ai < nat; ai++)
			if ((int)at[ai].p->id == pass &&
			    apply_prop(c, at[ai].p, (const char *)at[ai].a->name, fo_attr_value(at[ai].a)) < 0)
				return -CD_EXIT_INVALID;
	return 0;
}

/* Margins (on blocks): top and bottom are spaces, left and right set the indents. */
static void apply_margins(style_ctx *c)
{
	fo_style *o = c->o;
	const fo_style *parent = c->parent;
	xmlNode *n = c->n;
	fo_kind k = fo_kind_of(n);
	if (k == FO_SIMPLE_PAGE_MASTER || k == FO_REGION_BODY)
		return;
	if (c->have_margin[SIDE_BEFORE] && !fo_attr(n, "space-before") && !fo_attr(n, "space-before.optimum"))
		o->space_before = c->margin[SIDE_BEFORE];
	if (c->have_margin[SIDE_AFTER] && !fo_attr(n, "space-after") && !fo_attr(n, "space-after.optimum"))
		o->space_after = c->margin[SIDE_AFTER];
	if (c->have_margin[SIDE_LEFT] && !c->have_indent[SIDE_LEFT])
		o->indent_left = parent->indent_left + c->margin[SIDE_LEFT] + o->border[SIDE_LEFT].width + o->pad[SIDE_LEFT];
	if (c->have_margin[SIDE_RIGHT] && !c->have_indent[SIDE_RIGHT])
		o->indent_right = parent->indent_right + c->margin[SIDE_RIGHT] + o->border[SIDE_RIGHT].width + o->pad[SIDE_RIGHT];
}

int fo_style_compute(const fo_src *src, xmlNode *n, const fo_style *parent, double ref_width, fo_style *o)
{
	int rc = fo_check_attrs(src, n);
	if (rc < 0)
		return rc;
	*o = *parent;
	reset_uninherited(o, parent);
	style_ctx c = { .src = src, .n = n, .parent = parent, .o = o, .ref_width = ref_width };
	/* font-size first: em lengths of every other property refer to it */
	const char *fs = fo_attr(n, "font-size");
	if (fs && fo_font_size(src, n, fs, parent->size, &o->size) < 0)
		return -CD_EXIT_INVALID;
	c.em = o->size;
	if (apply_attrs(&c) < 0)
		return -CD_EXIT_INVALID;
	if (c.language)
		o->lang = lang_join(c.language, c.country);
	if (!c.lh_set && parent->lh_factor == 0)
		o->lh = parent->lh;
	if (o->lh_factor > 0)
		o->lh = o->lh_factor * o->size;
	for (int i = 0; i < 4; i++)
		if (o->border[i].style == BORDER_NONE)
			o->border[i].width = 0;
	apply_margins(&c);
	return 0;
}
