/* layout/para.c - paragraphs: inline content gathered as text with attributes, laid out by Pango
 * into lines (a plain paragraph shaped once and broken here as Pango breaks it), each line a box
 * on the vertical list with its widow/orphan/keep penalty; and the cache of paragraphs already
 * broken into lines. */
#include "layout/internal.h"

#include <fribidi.h>

void para_init(para *P)
{
	memset(P, 0, sizeof *P);
	P->text = g_string_sized_new(256);
	P->attrs = pango_attr_list_new();
	P->links = g_array_new(FALSE, FALSE, sizeof(link_rng));
	P->objs = g_ptr_array_new();
	P->ids = g_array_new(FALSE, FALSE, sizeof(id_at));
}

void obj_free(inl_obj *o)
{
	g_free(o->path);
	g_free(o->alt);
	g_free(o);
}

void para_reset(para *P)
{
	g_string_truncate(P->text, 0);
	pango_attr_list_unref(P->attrs);
	P->attrs = pango_attr_list_new();
	for (guint i = 0; i < P->links->len; i++) {
		g_free(g_array_index(P->links, link_rng, i).uri);
		g_free(g_array_index(P->links, link_rng, i).dest);
	}
	g_array_set_size(P->links, 0);
	for (guint i = 0; i < P->objs->len; i++)
		obj_free(P->objs->pdata[i]);
	g_ptr_array_set_size(P->objs, 0);
	for (guint i = 0; i < P->ids->len; i++)
		g_free(g_array_index(P->ids, id_at, i).id);
	g_array_set_size(P->ids, 0);
	P->last_space = 1;
	P->active = 0;
}

void para_free(para *P)
{
	para_reset(P);
	g_string_free(P->text, TRUE);
	pango_attr_list_unref(P->attrs);
	g_array_free(P->links, TRUE);
	g_ptr_array_free(P->objs, TRUE);
	g_array_free(P->ids, TRUE);
}

static PangoFontDescription *font_desc(const fo_style *s)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, s->family);
	pango_font_description_set_weight(fd, (PangoWeight)s->weight);
	pango_font_description_set_style(fd, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (int)lround(s->size * PANGO_SCALE));
	return fd;
}

static void attr_put(PangoAttrList *l, PangoAttribute *a, int s, int e)
{
	a->start_index = (guint)s;
	a->end_index = (guint)e;
	pango_attr_list_insert(l, a);
}

static guint16 c16(double v) { return (guint16)lround(v * 65535); }

/* Attributes for text [s, e) in style st where it differs from the paragraph's. */
static void span_attrs(para *P, const fo_style *st, int s, int e)
{
	const fo_style *b = &P->base;
	if (e <= s)
		return;
	if (st->family != b->family || st->size != b->size || st->weight != b->weight || st->italic != b->italic) {
		PangoFontDescription *fd = font_desc(st);
		attr_put(P->attrs, pango_attr_font_desc_new(fd), s, e);
		pango_font_description_free(fd);
	}
	if (memcmp(&st->color, &b->color, sizeof st->color) != 0)
		attr_put(P->attrs, pango_attr_foreground_new(c16(st->color.r), c16(st->color.g), c16(st->color.b)), s, e);
	if (st->lh != b->lh)
		attr_put(P->attrs, pango_attr_line_height_new_absolute((int)lround(st->lh * PANGO_SCALE)), s, e);
	if (st->lang != b->lang && st->lang)
		attr_put(P->attrs, pango_attr_language_new(pango_language_from_string(st->lang)), s, e);
	if (st->underline)
		attr_put(P->attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), s, e);
	if (st->strike)
		attr_put(P->attrs, pango_attr_strikethrough_new(TRUE), s, e);
	if (st->rise != 0)
		attr_put(P->attrs, pango_attr_rise_new((int)lround(st->rise * PANGO_SCALE)), s, e);
	if (st->bg.a > 0)
		attr_put(P->attrs, pango_attr_background_new(c16(st->bg.r), c16(st->bg.g), c16(st->bg.b)), s, e);
}

void add_text(para *P, const fo_style *st, const char *t)
{
	int s = (int)P->text->len;
	for (const char *p = t; *p; p++) {
		char c = *p;
		if (c == '\r')
			continue;
		if (c == '\n') {
			if (st->lf == LF_IGNORE)
				continue;
			if (st->lf == LF_PRESERVE) {
				if (st->ws_collapse && P->text->len && P->text->str[P->text->len - 1] == ' ')
					g_string_truncate(P->text, P->text->len - 1);
				g_string_append_c(P->text, '\n');
				P->last_space = 1;
				continue;
			}
			c = ' ';
		}
		if (c == ' ' || c == '\t') {
			if (st->ws_collapse && P->last_space)
				continue;
			g_string_append_c(P->text, ' ');
			P->last_space = 1;
			continue;
		}
		g_string_append_c(P->text, c);
		P->last_space = 0;
	}
	if ((int)P->text->len < s)
		s = (int)P->text->len;
	span_attrs(P, st, s, (int)P->text->len);
	if ((int)P->text->len > s)
		P->active = 1;
}

void add_literal(para *P, const fo_style *st, const char *t)
{
	int s = (int)P->text->len;
	g_string_append(P->text, t);
	P->last_space = 0;
	span_attrs(P, st, s, (int)P->text->len);
	P->active = 1;
}

static gpointer obj_copy(gconstpointer p) { return (gpointer)p; }

void add_obj(para *P, const fo_style *st, inl_obj *o)
{
	int s = (int)P->text->len;
	g_string_append(P->text, "\xEF\xBF\xBC");
	P->last_space = 0;
	g_ptr_array_add(P->objs, o);
	span_attrs(P, st, s, (int)P->text->len);
	P->active = 1;
}

void para_id(para *P, const char *id, int mark)
{
	id_at d = { (int)P->text->len, g_strdup(id), mark, 0 };
	g_array_append_val(P->ids, d);
}

void para_page_number(para *P, int serial)
{
	id_at d = { (int)P->text->len, NULL, CD_DEST_PAGE_NUMBER, serial };
	g_array_append_val(P->ids, d);
}

/* What every paragraph of style b sets over its whole text [0, len). */
static void block_attrs(PangoAttrList *l, const fo_style *b, int len)
{
	attr_put(l, pango_attr_line_height_new_absolute((int)lround(b->lh * PANGO_SCALE)), 0, len);
	attr_put(l, pango_attr_insert_hyphens_new(b->hyphenate), 0, len);
	if (b->lang)
		attr_put(l, pango_attr_language_new(pango_language_from_string(b->lang)), 0, len);
}

static PangoAttrList *para_full_attrs(para *P)
{
	PangoAttrList *l = pango_attr_list_copy(P->attrs);
	if (!l)
		l = pango_attr_list_new();
	block_attrs(l, &P->base, (int)P->text->len);
	for (guint i = 0; i < P->links->len; i++) {
		link_rng *lr = &g_array_index(P->links, link_rng, i);
		/* a non-shaping attribute that starts and ends with the link splits runs there */
		attr_put(l, pango_attr_foreground_alpha_new(65535), lr->start, lr->end);
	}
	int k = 0;
	for (int i = 0; i + 2 < (int)P->text->len; i++) {
		if ((unsigned char)P->text->str[i] != 0xEF || (unsigned char)P->text->str[i + 1] != 0xBF ||
		    (unsigned char)P->text->str[i + 2] != 0xBC)
			continue;
		inl_obj *o = P->objs->pdata[k++];
		PangoRectangle r = { 0, 0, (int)lround(o->w * PS), 0 };
		if (o->kind == OBJ_IMAGE) {
			r.y = -(int)lround(o->h * PS);
			r.height = (int)lround(o->h * PS);
		}
		attr_put(l, pango_attr_shape_new_with_data(&r, &r, o, obj_copy, NULL), i, i + 3);
		i += 2;
	}
	return l;
}

/* Whether a language is written right to left (its paragraphs are, whatever letter they start
 * with). */
static int lang_rtl(const char *lang)
{
	static const char *const rtl[] = { "ur", "ar", "fa", "he", "ps", "sd", "yi", "ug", "dv", "ckb", NULL };
	for (int i = 0; lang && rtl[i]; i++) {
		size_t n = strlen(rtl[i]);
		if (g_ascii_strncasecmp(lang, rtl[i], n) == 0 && (lang[n] == 0 || lang[n] == '-' || lang[n] == '_'))
			return 1;
	}
	return 0;
}

/* The direction of the first strong letter of text (Unicode's bidi classes): 1 left to right,
 * -1 right to left, 0 when it has none. */
static int first_strong(const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		FriBidiCharType t = fribidi_get_bidi_type(g_utf8_get_char(p));
		if (FRIBIDI_IS_LETTER(t))
			return FRIBIDI_IS_RTL(t) ? -1 : 1;
	}
	return 0;
}

/* The Pango alignment of text-align value a on a layout that takes left and right as they are
 * (no auto-dir): start and end are the right and left edges when start_right. */
static PangoAlignment abs_alignment(int a, int start_right)
{
	switch (a) {
	case ALIGN_CENTER: return PANGO_ALIGN_CENTER;
	case ALIGN_LEFT: return PANGO_ALIGN_LEFT;
	case ALIGN_RIGHT: return PANGO_ALIGN_RIGHT;
	case ALIGN_END: return start_right ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	default: return start_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;   /* start, justify */
	}
}

/* The base direction of a paragraph and where its lines go.
 * lr-tb: from its language when that is written right to left (a paragraph of an Urdu copy that
 * starts with a Latin name is still right to left, its start the right edge); else from its first
 * strong letter, as Pango finds it, text-align's start following it.
 * rl-tb: right to left, unless its language is one written left to right (an English paragraph
 * in an Urdu copy), which takes the direction of its first strong letter; start and end are the
 * right and left edges of the area whatever the paragraph's direction (XSL 1.1: text-align is
 * relative to the writing mode), so an English paragraph hangs from the right too. The last line
 * of a justified paragraph takes text-align-last's side (last_line_x). */
static void set_direction(PangoLayout *lo, const fo_style *b)
{
	int rl = b->wm == WM_RL_TB, rtl = lang_rtl(b->lang);
	/* Pango's auto-dir swaps left and right on a right-to-left line: not for left and right */
	int absolute = b->align == ALIGN_LEFT || b->align == ALIGN_RIGHT;
	int auto_dir = !rtl && !rl && !absolute;
	PangoDirection want = rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
	if (!rtl && rl) {
		want = b->lang && first_strong(pango_layout_get_text(lo)) > 0 ? PANGO_DIRECTION_LTR : PANGO_DIRECTION_RTL;
	} else if (!rtl && !auto_dir) {
		want = first_strong(pango_layout_get_text(lo)) < 0 ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
	}
	PangoContext *ctx = pango_layout_get_context(lo);
	if (pango_context_get_base_dir(ctx) != want) {
		pango_context_set_base_dir(ctx, want);
		pango_layout_context_changed(lo);
	}
	pango_layout_set_auto_dir(lo, auto_dir);
	/* without auto-dir Pango takes left and right as they are; a justified paragraph is aligned
	 * at its start (Pango puts the first line's indent on that side), its last line where
	 * text-align-last says (last_line_x) */
	pango_layout_set_alignment(lo, abs_alignment(b->align, rl || want == PANGO_DIRECTION_RTL));
}

/* Sets the layout to `len` bytes of text in the paragraph's style, wrapped at width w with
 * its first line indented by `indent`; a word shaped alone is given w < 0: one line, not
 * justified. */
static void set_layout(PangoLayout *lo, para *P, const char *text, int len, double w, double indent,
                       PangoAttrList *attrs)
{
	const fo_style *b = &P->base;
	PangoFontDescription *fd = font_desc(b);
	pango_layout_set_font_description(lo, fd);
	pango_font_description_free(fd);
	pango_layout_set_attributes(lo, attrs);
	pango_layout_set_text(lo, text, len);
	pango_layout_set_width(lo, w >= 0 && b->wrap ? (int)lround(w * PS) : -1);
	pango_layout_set_wrap(lo, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(lo, (int)lround(indent * PS));
	set_direction(lo, b);
	pango_layout_set_justify(lo, w >= 0 && b->align == ALIGN_JUSTIFY);
	pango_layout_set_justify_last_line(lo, w >= 0 && b->align_last == ALIGN_JUSTIFY);
}

static inl_obj *run_obj(PangoGlyphItem *gi)
{
	for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
		PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_SHAPE)
			return ((PangoAttrShape *)at)->data;
	}
	return NULL;
}

/* Gives expandable leaders the room left on their line (justified lines only, up to their
 * maximum). Returns 1 when something changed. */
static int expand_leaders(PangoLayout *lo, para *P, double w)
{
	int changed = 0, nlines = pango_layout_get_line_count(lo);
	for (int li = 0; li < nlines; li++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(lo, li);
		int last = li == nlines - 1 || line->runs == NULL;
		int justified = last ? P->base.align_last == ALIGN_JUSTIFY : P->base.align == ALIGN_JUSTIFY;
		PangoRectangle lr;
		pango_layout_line_get_extents(line, NULL, &lr);
		double slack = w - lr.width / PS - (li == 0 ? P->base.text_indent : 0);
		int nlead = 0;
		for (GSList *r = line->runs; r; r = r->next) {
			inl_obj *o = run_obj(r->data);
			if (o && o->kind == OBJ_LEADER && o->max > o->w)
				nlead++;
		}
		if (!nlead || slack <= EPS || !justified)
			continue;
		for (GSList *r = line->runs; r; r = r->next) {
			inl_obj *o = run_obj(r->data);
			if (o && o->kind == OBJ_LEADER && o->max > o->w) {
				double add = slack / nlead;
				o->w = MIN(o->max, o->w + add);
				changed = 1;
			}
		}
	}
	return changed;
}

static void color_of(PangoGlyphItem *gi, const fo_style *b, cd_rgba *fg, cd_rgba *bg, int *ul, int *st)
{
	*fg = b->color;
	bg->a = 0;
	*ul = *st = 0;
	for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
		PangoAttribute *at = a->data;
		switch (at->klass->type) {
		case PANGO_ATTR_FOREGROUND: {
			PangoColor c = ((PangoAttrColor *)at)->color;
			*fg = (cd_rgba){ c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0, 1 };
			break;
		}
		case PANGO_ATTR_BACKGROUND: {
			PangoColor c = ((PangoAttrColor *)at)->color;
			*bg = (cd_rgba){ c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0, 1 };
			break;
		}
		case PANGO_ATTR_UNDERLINE:
			*ul = ((PangoAttrInt *)at)->value != PANGO_UNDERLINE_NONE;
			break;
		case PANGO_ATTR_STRIKETHROUGH:
			*st = ((PangoAttrInt *)at)->value != 0;
			break;
		default:
			break;
		}
	}
}

static int link_at(para *P, int off)
{
	for (guint i = 0; i < P->links->len; i++) {
		link_rng *l = &g_array_index(P->links, link_rng, i);
		if (off >= l->start && off < l->end)
			return (int)i;
	}
	return -1;
}

/* ------------------------------------------------------------------ lines */

int line_penalty(const fo_style *b, int li, int n)
{
	int extra = 0;
	if (li > 0 && (li < b->orphans || n - li < b->widows))
		extra = KEEP_ALWAYS;
	if (li > 0 && b->keep_together > extra)
		extra = b->keep_together;
	return extra;
}

/* One line being turned into a box of placed items. */
typedef struct line_out {
	cd_page *bx;
	double x;             /* the paragraph's left in the area */
	double h, base;       /* the line's height and baseline */
	const char *text;     /* the layout's text */
	int from;             /* where it starts in the paragraph's text */
	int cur_link;         /* the link the last run was in, or -1 */
	size_t link_item;     /* that link's item in bx */
} line_out;

/* Underline and line-through of a text run. */
static void run_decorations(line_out *lo, PangoGlyphItem *gi, double rx, double rw, double gy, cd_rgba fg, int ul, int st)
{
	PangoFontMetrics *m = pango_font_get_metrics(gi->item->analysis.font, gi->item->analysis.language);
	if (ul) {
		double pos = pango_font_metrics_get_underline_position(m) / PS;
		double th = pango_font_metrics_get_underline_thickness(m) / PS;
		put_line(lo->bx, lo->x + rx, gy - pos + th / 2, lo->x + rx + rw, gy - pos + th / 2, th, fg, BORDER_SOLID);
	}
	if (st) {
		double pos = pango_font_metrics_get_strikethrough_position(m) / PS;
		double th = pango_font_metrics_get_strikethrough_thickness(m) / PS;
		put_line(lo->bx, lo->x + rx, gy - pos + th / 2, lo->x + rx + rw, gy - pos + th / 2, th, fg, BORDER_SOLID);
	}
	pango_font_metrics_unref(m);
}

/* The language an fo:inline sets at byte `off` of the paragraph's text, when it differs from
 * the block's; NULL otherwise. (The run's analysis.language cannot say: Pango derives one from
 * the script, and the environment, where the language set does not write that script.) */
static const char *lang_at(para *P, int off)
{
	const char *l = NULL;
	if (!P->attrs)
		return NULL;
	PangoAttrIterator *ai = pango_attr_list_get_iterator(P->attrs);
	do {
		int s, e;
		pango_attr_iterator_range(ai, &s, &e);
		if (off >= s && off < e) {
			PangoAttrLanguage *a = (PangoAttrLanguage *)pango_attr_iterator_get(ai, PANGO_ATTR_LANGUAGE);
			l = a ? pango_language_to_string(a->value) : NULL;
			break;
		}
	} while (pango_attr_iterator_next(ai));
	pango_attr_iterator_destroy(ai);
	return l;
}

/* Opens, extends or closes the link a run falls in. */
static void run_link(line_out *lo, para *P, int off, double rx, double rw)
{
	int lk = link_at(P, lo->from + off);
	cd_page *bx = lo->bx;
	if (lk != lo->cur_link) {
		if (lo->cur_link >= 0)
			put_tag_end(bx);
		if (lk >= 0) {
			link_rng *l = &g_array_index(P->links, link_rng, lk);
			put_tag(bx, "Link", NULL, NULL);
			cd_item *it = cd_page_add(bx, CD_ITEM_LINK);
			it->u.link.x = lo->x + rx; it->u.link.y = 0; it->u.link.w = rw; it->u.link.h = lo->h;
			it->u.link.uri = g_strdup(l->uri);
			it->u.link.dest = g_strdup(l->dest);
			lo->link_item = bx->n - 1;
		}
		lo->cur_link = lk;
	} else if (lk >= 0) {
		bx->items[lo->link_item].u.link.w += rw;
	}
}

/* One glyph run of a line at rx: its link, background, and a leader, an image or glyphs. */
static void run_put(line_out *lo, para *P, PangoGlyphItem *gi, double rx, double rw)
{
	cd_page *bx = lo->bx;
	double x = lo->x, base = lo->base;
	int off = gi->item->offset;
	run_link(lo, P, off, rx, rw);
	cd_rgba fg, bg = { 0, 0, 0, 0 };
	int ul, st;
	color_of(gi, &P->base, &fg, &bg, &ul, &st);
	double gy = base - gi->y_offset / PS;
	if (bg.a > 0)
		put_rect(bx, x + rx, 0, rw, lo->h, bg);
	inl_obj *o = run_obj(gi);
	if (o && o->kind == OBJ_LEADER) {
		if (o->pattern != PATTERN_SPACE)
			put_line(bx, x + rx, base - o->thick / 2, x + rx + o->w, base - o->thick / 2, o->thick, o->color,
			         o->pattern == PATTERN_DOTS ? BORDER_DOTTED : o->rstyle);
	} else if (o && o->kind == OBJ_IMAGE) {
		put_tag(bx, o->alt ? "Figure" : "Artifact", o->alt, NULL);
		cd_item *im = cd_page_add(bx, CD_ITEM_IMAGE);
		im->u.image.x = x + rx; im->u.image.y = base - o->h; im->u.image.w = o->w; im->u.image.h = o->h;
		im->u.image.path = g_strdup(o->path);
		im->u.image.alt = g_strdup(o->alt);
		put_tag_end(bx);
	} else if (gi->glyphs->num_glyphs > 0) {
		cd_item *g = cd_page_add(bx, CD_ITEM_GLYPHS);
		PangoGlyphItem *c = pango_glyph_item_copy(gi);
		c->item->offset = 0;
		g->u.glyphs.run = c;
		g->u.glyphs.text = g_strndup(lo->text + off, (gsize)gi->item->length);
		g->u.glyphs.x = x + rx;
		g->u.glyphs.y = gy;
		g->u.glyphs.color = fg;
		g->u.glyphs.lang = lang_at(P, lo->from + off);
	}
	if ((ul || st) && !o)
		run_decorations(lo, gi, rx, rw, gy, fg, ul, st);
}

/* The left of the last line when text-align-last differs from text-align. */
static double last_line_x(para *P, PangoDirection dir, int li, double w, PangoRectangle *lr)
{
	double lx = lr->x / PS;
	const fo_style *b = &P->base;
	int rl = b->wm == WM_RL_TB;
	if (b->align_last == b->align || b->align_last == ALIGN_JUSTIFY || (!rl && dir != PANGO_DIRECTION_LTR))
		return lx;
	double ind = li == 0 ? b->text_indent : 0, avail = w - ind;
	/* the first line's indent is on the start side: the right in rl-tb */
	double off = rl ? 0 : ind;
	PangoAlignment al = abs_alignment(b->align_last, rl);
	if (al == PANGO_ALIGN_LEFT) return off;
	if (al == PANGO_ALIGN_CENTER) return off + (avail - lr->width / PS) / 2;
	return off + avail - lr->width / PS;
}

/* The ids that start (or end) on a line before byte `line_end` of the paragraph, from
 * *next_id on. */
static void line_ids(line_out *lo, para *P, PangoLayout *layout, int line_end, guint *next_id)
{
	while (*next_id < P->ids->len && g_array_index(P->ids, id_at, *next_id).off < line_end) {
		id_at *d = &g_array_index(P->ids, id_at, (*next_id)++);
		PangoRectangle pos;
		pango_layout_index_to_pos(layout, MAX(0, MIN(d->off, (int)P->text->len) - lo->from), &pos);
		put_mark(lo->bx, lo->x + pos.x / PS, 0, d->id, d->mark, d->serial);
	}
}

/* The items of the line the iterator is on: line li of the paragraph (`last`: its last line),
 * in a layout of the text from byte `base`. Sets its height. */
static cd_page *line_box(para *P, PangoLayout *layout, PangoLayoutIter *it, int li, int last, int base,
                         guint *next_id, double *h)
{
	PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
	PangoRectangle lr;
	pango_layout_iter_get_line_extents(it, NULL, &lr);
	double top = lr.y / PS;
	line_out lo = { ibuf_new(), P->x, lr.height / PS, pango_layout_iter_get_baseline(it) / PS - top,
	                pango_layout_get_text(layout), base, -1, 0 };
	/* images stand on the baseline: a fixed line height must still make room for them */
	for (GSList *r = line->runs; r; r = r->next) {
		inl_obj *o = run_obj(r->data);
		if (o && o->kind == OBJ_IMAGE && o->h > lo.base) {
			lo.h += o->h - lo.base;
			lo.base = o->h;
		}
	}
	double lx = last ? last_line_x(P, (PangoDirection)line->resolved_dir, li, P->w, &lr) : lr.x / PS;
	line_ids(&lo, P, layout, last ? INT_MAX : base + line->start_index + line->length, next_id);
	double rx = lx;
	for (GSList *r = line->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		double rw = pango_glyph_string_get_width(gi->glyphs) / PS;
		run_put(&lo, P, gi, rx, rw);
		rx += rw;
	}
	if (lo.cur_link >= 0)
		put_tag_end(lo.bx);
	*h = lo.h;
	return lo.bx;
}

/* Pango measures a layout in 32-bit integers of 1/1024 point: a paragraph of some hundred
 * thousand characters overflows them and loses text. Longer paragraphs are laid out in pieces
 * of at most this many bytes, each piece starting again at the first line the previous one
 * did not finish, so that the lines are the ones a single layout would give. */
#define PIECE_BYTES 40000

/* The attributes of the text from byte `start` on. */
static PangoAttrList *piece_attrs(para *P, int start)
{
	PangoAttrList *attrs = para_full_attrs(P);
	if (start > 0)
		pango_attr_list_update(attrs, 0, start, 0);
	return attrs;
}

/* Lays out the piece of the text from byte start (at most PIECE_BYTES long) and collects its
 * lines (all but an unfinished last one when more text follows). Returns where the next
 * piece starts, or the length of the text. */
static int para_piece(lay_doc *L, para *P, int start, GPtrArray *boxes, GArray *heights, guint *next_id)
{
	int total = (int)P->text->len, len = total - start, more = len > PIECE_BYTES;
	if (more) {
		const char *end = g_utf8_find_prev_char(P->text->str + start, P->text->str + start + PIECE_BYTES + 1);
		len = (int)(end - (P->text->str + start));
	}
	PangoLayout *lo = L->layout;
	PangoAttrList *attrs = piece_attrs(P, start);
	/* the first line is indented when the piece starts the paragraph */
	set_layout(lo, P, P->text->str + start, len, P->w, start == 0 ? P->base.text_indent : 0, attrs);
	pango_attr_list_unref(attrs);
	if (P->objs->len && expand_leaders(lo, P, P->w)) {
		attrs = piece_attrs(P, start);
		pango_layout_set_attributes(lo, attrs);
		pango_attr_list_unref(attrs);
	}
	int nlines = pango_layout_get_line_count(lo);
	int keep = more && nlines > 1 ? nlines - 1 : nlines;
	int next = more && nlines > 1 ? start + pango_layout_get_line_readonly(lo, keep)->start_index : start + len;
	PangoLayoutIter *it = pango_layout_get_iter(lo);
	for (int li = 0; li < keep; li++) {
		double h;
		cd_page *bx = line_box(P, lo, it, (int)boxes->len, next >= total && li == keep - 1, start, next_id, &h);
		g_ptr_array_add(boxes, bx);
		g_array_append_val(heights, h);
		pango_layout_iter_next_line(it);
	}
	pango_layout_iter_free(it);
	return next;
}

/* ------------------------------------------------------------------ the renderer's caches */

typedef struct cached_line { double h; int extra; cd_page *items; } cached_line;
typedef struct cached_para { int n; cached_line *lines; } cached_para;

/* A word (and the spaces after it) shaped alone in one style: its analysis (font held), glyphs,
 * the logical width of each char, and the height and baseline of a line of it; glyphs NULL
 * when Pango gives it more than one run (it cannot be shaped apart). */
typedef struct word_shape {
	PangoAnalysis an;
	PangoGlyphString *glyphs;
	int *lw, nchars;
	double h, base;
} word_shape;

/* At most this many paragraphs seen once, lines kept and words (and the words of one more
 * paragraph), before each is emptied: a renderer's memory stays bounded whatever it renders. */
#define PARA_SEEN_MAX 1024
#define PARA_KEPT_LINES 4096
#define WORDS_MAX 8192

/* A paragraph is kept from the second time it is seen: one that never comes again (most of a
 * letter's body) is not copied. Words are kept from the first time. */
struct lay_para_cache {
	GHashTable *seen;   /* GBytes key: paragraphs seen once */
	GHashTable *kept;   /* GBytes key -> cached_para* */
	int lines;          /* lines kept */
	GHashTable *styles; /* GBytes (word_key_head) -> GHashTable: GBytes word -> word_shape* */
	int words;          /* words kept, in all styles */
};

/* What a word's shape depends on besides its text (zeroed whole, so padding compares too). */
typedef struct word_key_head {
	const void *family, *lang;
	double size, lh;
	int weight, italic, hyphenate;
} word_key_head;

static void word_key_fill(word_key_head *h, const fo_style *b)
{
	memset(h, 0, sizeof *h);
	h->family = b->family;
	h->lang = b->lang;
	h->size = b->size;
	h->lh = b->lh;
	h->weight = b->weight, h->italic = b->italic, h->hyphenate = b->hyphenate;
}

/* A key of `head` (hn bytes) followed by text [t, t + len). */
static GBytes *bytes_key(const void *head, size_t hn, const char *t, size_t len)
{
	char *k = g_malloc(hn + len);
	memcpy(k, head, hn);
	memcpy(k + hn, t, len);
	return g_bytes_new_take(k, hn + len);
}

static void cached_para_free(cached_para *c)
{
	for (int i = 0; i < c->n; i++)
		cd_page_free(c->lines[i].items);
	g_free(c->lines);
	g_free(c);
}

static void word_shape_free(word_shape *w)
{
	if (w->glyphs) {
		g_object_unref(w->an.font);
		pango_glyph_string_free(w->glyphs);
	}
	g_free(w->lw);
	g_free(w);
}

lay_para_cache *lay_para_cache_new(void)
{
	lay_para_cache *c = g_new0(lay_para_cache, 1);
	c->seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
	c->kept = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
	                                (GDestroyNotify)cached_para_free);
	c->styles = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
	                                  (GDestroyNotify)g_hash_table_destroy);
	return c;
}

void lay_para_cache_free(lay_para_cache *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->seen);
	g_hash_table_destroy(c->kept);
	g_hash_table_destroy(c->styles);
	g_free(c);
}

/* ------------------------------------------------------------------ lines from one shaping */

/* Pango 1.50 shapes a paragraph once whole, then each line again once it has chosen where the
 * line ends (2.5 times the shaping of a 6-line paragraph). A plain paragraph is shaped here once,
 * laid out as one line, and broken into lines the way Pango breaks them (process_item of
 * pango-layout.c: greedy, at line-break opportunities, a space before the break not counted,
 * the final space of a broken line emptied), each line's glyphs cut from the whole at a space.
 * Plain: one style and one font throughout, left to right, no links, objects, ids, indent,
 * hyphenation or justification; anything else, or a break Pango would make otherwise than at
 * a space, and the paragraph goes to Pango's own line breaking (para_piece). */

/* Whether the paragraph's text is all in its block's style: no attributes anywhere. */
static int one_style(para *P)
{
	PangoAttrIterator *ai = pango_attr_list_get_iterator(P->attrs);
	GSList *any = pango_attr_iterator_get_attrs(ai);
	int more = pango_attr_iterator_next(ai);
	pango_attr_iterator_destroy(ai);
	g_slist_free_full(any, (GDestroyNotify)pango_attribute_destroy);
	return !any && !more;
}

/* Whether a character keeps the paragraph plain: Latin, Greek and Cyrillic letters and the
 * general punctuation; not bidi controls, line or paragraph separators, tabs or combining
 * marks. */
static int plain_char(gunichar c)
{
	if (c < 0x0300)
		return c >= 0x20 && c != 0x7F && c != 0xAD;
	if (c < 0x0370)
		return 0;
	if (c < 0x0590)
		return 1;
	return (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

/* Whether the paragraph is plain (above), before it is shaped. */
static int plain_para(para *P)
{
	const fo_style *b = &P->base;
	if (P->links->len || P->objs->len || P->ids->len || !b->wrap || b->hyphenate || b->text_indent != 0 ||
	    b->align == ALIGN_JUSTIFY || b->align_last == ALIGN_JUSTIFY || b->wm == WM_RL_TB || lang_rtl(b->lang) ||
	    P->text->len > PIECE_BYTES)
		return 0;
	if (!one_style(P))
		return 0;
	for (const char *p = P->text->str; *p; p = g_utf8_next_char(p))
		if (!plain_char(g_utf8_get_char(p)))
			return 0;
	return 1;
}

/* Where the line starting at char `s` of n ends, as Pango's process_item decides for a single
 * item (lw: the logical width of each char, avail: the layout's width); -1 when Pango would
 * break otherwise than after a space (a word longer than the line, or a break after a hyphen). */
static int line_end(const PangoLogAttr *la, const int *lw, int s, int n, int avail)
{
	int rest = 0;
	for (int i = s; i < n; i++)
		rest += lw[i];
	int end_extra = la[n - 1].is_white ? -lw[n - 1] : 0;
	if (rest + end_extra <= avail || n - s == 1)
		return n;
	int width = 0, brk = -1, brk_w = 0, brk_extra = 0;
	for (int k = 0; s + k < n; k++) {
		int p = s + k;
		int extra = k > 0 && la[p - 1].is_white ? -lw[p - 1] : 0;
		if (width + extra > avail && brk >= 0)
			break;
		if (k > 0 && la[p].is_line_break) {
			brk = k;
			brk_w = width;
			brk_extra = extra;
		}
		width += lw[p];
	}
	if (brk < 0 || brk_w + brk_extra > avail || !la[s + brk - 1].is_white)
		return -1;
	return s + brk;
}

/* Pango's left of a line of logical width lw in a layout of width w (get_x_offset). */
static int line_x(PangoAlignment al, int w, int lw)
{
	if (al == PANGO_ALIGN_RIGHT)
		return w - lw;
	if (al == PANGO_ALIGN_CENTER) {
		int x = (w - lw) / 2;
		if (((w | lw) & (PANGO_SCALE - 1)) == 0)
			x = PANGO_UNITS_ROUND(x);
		return x;
	}
	return 0;
}

/* One line cut from the whole: its final space emptied when the line was broken after it (as
 * Pango's zero_line_final_space does), placed in a box. */
static cd_page *plain_line(para *P, const char *text, PangoGlyphItem *gi, int broken, int li, int last,
                           double h, double base, double *hout)
{
	PangoGlyphString *g = gi->glyphs;
	int k = g->num_glyphs - 1;
	if (broken && k >= 0 && !(k >= 1 && g->log_clusters[k] == g->log_clusters[k - 1])) {
		g->glyphs[k].geometry.width = 0;
		g->glyphs[k].glyph = PANGO_GLYPH_EMPTY;
	}
	int lw = pango_glyph_string_get_width(g), w = (int)lround(P->w * PS);
	PangoRectangle lr = { line_x(abs_alignment(P->base.align, 0), w, lw), 0, lw, 0 };
	double lx = last ? last_line_x(P, PANGO_DIRECTION_LTR, li, P->w, &lr) : lr.x / PS;
	line_out lo = { ibuf_new(), P->x, h, base, text, 0, -1, 0 };
	run_put(&lo, P, gi, lx, lw / PS);
	*hout = lo.h;
	return lo.bx;
}

/* Shapes word [w, w + len) alone in the paragraph's style, with Pango. */
static word_shape *word_new(lay_doc *L, para *P, const char *w, int len)
{
	PangoLayout *lo = L->layout;
	PangoAttrList *attrs = pango_attr_list_new();
	block_attrs(attrs, &P->base, len);
	set_layout(lo, P, w, len, -1, 0, attrs);
	pango_attr_list_unref(attrs);
	word_shape *ws = g_new0(word_shape, 1);
	PangoLayoutLine *line = pango_layout_get_line_count(lo) == 1 ? pango_layout_get_line_readonly(lo, 0) : NULL;
	if (!line || !line->runs || line->runs->next || line->resolved_dir != PANGO_DIRECTION_LTR)
		return ws;
	PangoGlyphItem *run = line->runs->data;
	if (run->item->offset != 0 || run->item->length != len || run->item->analysis.level != 0)
		return ws;
	ws->an = run->item->analysis;
	ws->an.extra_attrs = NULL;
	g_object_ref(ws->an.font);
	ws->glyphs = pango_glyph_string_copy(run->glyphs);
	ws->nchars = run->item->num_chars;
	ws->lw = g_new(int, ws->nchars);
	pango_glyph_item_get_logical_widths(run, pango_layout_get_text(lo), ws->lw);
	PangoLayoutIter *it = pango_layout_get_iter(lo);
	PangoRectangle lr;
	pango_layout_iter_get_line_extents(it, NULL, &lr);
	ws->h = lr.height / PS;
	ws->base = pango_layout_iter_get_baseline(it) / PS - lr.y / PS;
	pango_layout_iter_free(it);
	return ws;
}

/* The renderer's shaped words of the paragraph's style. */
static GHashTable *style_words(lay_doc *L, para *P)
{
	lay_para_cache *pc = L->para_cache;
	word_key_head h;
	word_key_fill(&h, &P->base);
	GBytes *key = g_bytes_new(&h, sizeof h);
	GHashTable *t = g_hash_table_lookup(pc->styles, key);
	if (t) {
		g_bytes_unref(key);
		return t;
	}
	t = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, (GDestroyNotify)word_shape_free);
	g_hash_table_insert(pc->styles, key, t);
	return t;
}

/* The shape of word [w, w + len) in the paragraph's style (its words t), from the renderer's
 * cache. */
static word_shape *word_get(lay_doc *L, para *P, GHashTable *t, const char *w, int len)
{
	GBytes *key = g_bytes_new_static(w, (gsize)len);
	word_shape *ws = g_hash_table_lookup(t, key);
	g_bytes_unref(key);
	if (ws)
		return ws;
	ws = word_new(L, P, w, len);
	g_hash_table_insert(t, g_bytes_new(w, (gsize)len), ws);
	L->para_cache->words++;
	return ws;
}

/* The paragraph shaped as one run from the shapes of its words (a word and the spaces after it
 * shape alike alone and in a line of Latin text), with its log attributes as Pango's layout
 * finds them, the logical width of each char, the height and baseline of its lines. 0 when a
 * word cannot be shaped apart or the words differ in font, script or line metrics (Pango
 * would make several items). The caller frees what it gets. */
static int shape_words(lay_doc *L, para *P, PangoGlyphItem **whole, PangoLogAttr **la, int **lw, double *h,
                       double *base)
{
	if (!L->para_cache)
		return 0;
	/* emptied between paragraphs only: a paragraph's words stay while it is put together (it
	 * may hold more than WORDS_MAX of them; plain_para allows at most PIECE_BYTES) */
	if (L->para_cache->words >= WORDS_MAX) {
		g_hash_table_remove_all(L->para_cache->styles);
		L->para_cache->words = 0;
	}
	GHashTable *words = style_words(L, P);
	const char *t = P->text->str;
	int len = (int)P->text->len, n = 0, ng = 0;
	GPtrArray *ws = g_ptr_array_new();
	GArray *at = g_array_new(FALSE, FALSE, sizeof(int));
	word_shape *first = NULL;
	PangoScript script = PANGO_SCRIPT_COMMON;
	int ok = 1;
	for (int i = 0; i < len && ok;) {
		int s = i;
		while (i < len && t[i] != ' ')
			i++;
		while (i < len && t[i] == ' ')
			i++;
		word_shape *w = word_get(L, P, words, t + s, i - s);
		if (!first)
			first = w;
		if (!w->glyphs || w->an.font != first->an.font || w->an.language != first->an.language ||
		    w->an.gravity != first->an.gravity || w->an.flags != first->an.flags || w->h != first->h ||
		    w->base != first->base) {
			ok = 0;
			break;
		}
		if (w->an.script != PANGO_SCRIPT_COMMON) {
			if (script != PANGO_SCRIPT_COMMON && script != w->an.script)
				ok = 0;
			script = w->an.script;
		}
		g_ptr_array_add(ws, w);
		g_array_append_val(at, s);
		n += w->nchars;
		ng += w->glyphs->num_glyphs;
	}
	if (!ok || !first) {
		g_ptr_array_free(ws, TRUE);
		g_array_free(at, TRUE);
		return 0;
	}
	PangoItem *item = pango_item_new();
	item->offset = 0;
	item->length = len;
	item->num_chars = n;
	item->analysis = first->an;
	item->analysis.script = (guint8)script;
	item->analysis.extra_attrs = NULL;
	g_object_ref(item->analysis.font);
	PangoGlyphString *g = pango_glyph_string_new();
	pango_glyph_string_set_size(g, ng);
	*lw = g_new(int, n);
	for (guint k = 0, gi = 0, ci = 0; k < ws->len; k++) {
		word_shape *w = ws->pdata[k];
		int off = g_array_index(at, int, k);
		memcpy(g->glyphs + gi, w->glyphs->glyphs, sizeof(PangoGlyphInfo) * (size_t)w->glyphs->num_glyphs);
		for (int j = 0; j < w->glyphs->num_glyphs; j++)
			g->log_clusters[gi + (guint)j] = w->glyphs->log_clusters[j] + off;
		memcpy(*lw + ci, w->lw, sizeof(int) * (size_t)w->nchars);
		gi += (guint)w->glyphs->num_glyphs;
		ci += (guint)w->nchars;
	}
	*h = first->h;
	*base = first->base;
	g_ptr_array_free(ws, TRUE);
	g_array_free(at, TRUE);
	*whole = g_slice_new0(PangoGlyphItem);
	(*whole)->item = item;
	(*whole)->glyphs = g;
	/* as pango-layout.c's get_items_log_attrs */
	*la = g_new0(PangoLogAttr, n + 1);
	pango_default_break(t, len, NULL, *la, n + 1);
	pango_tailor_break(t, len, &item->analysis, 0, *la, n + 1);
	PangoAttrList *attrs = para_full_attrs(P);
	pango_attr_break(t, len, attrs, 0, *la, n + 1);
	pango_attr_list_unref(attrs);
	return 1;
}

/* Lays out a plain paragraph from one shaping into boxes and heights; 0 (nothing added) when
 * it is not plain or Pango would break it otherwise. */
static int plain_lines(lay_doc *L, para *P, GPtrArray *boxes, GArray *heights)
{
	if (!plain_para(P))
		return 0;
	const char *text = P->text->str;
	PangoGlyphItem *whole;
	PangoLogAttr *la;
	int *lw;
	double h, base;
	if (!shape_words(L, P, &whole, &la, &lw, &h, &base))
		return 0;
	int n = whole->item->num_chars, avail = (int)lround(P->w * PS);
	for (int i = 0; i <= n; i++)
		if (la[i].break_inserts_hyphen) {
			g_free(la);
			g_free(lw);
			pango_glyph_item_free(whole);
			return 0;
		}
	GArray *ends = g_array_new(FALSE, FALSE, sizeof(int));
	int ok = 1;
	for (int s = 0; s < n && ok;) {
		int e = line_end(la, lw, s, n, avail);
		if (e < 0)
			ok = 0;
		else
			g_array_append_val(ends, e);
		s = e;
	}
	g_free(lw);
	g_free(la);
	if (!ok) {
		g_array_free(ends, TRUE);
		pango_glyph_item_free(whole);
		return 0;
	}
	PangoGlyphItem *rest = whole;
	int nl = (int)ends->len;
	for (int li = 0; li < nl; li++) {
		int last = li == nl - 1;
		PangoGlyphItem *gi = rest;
		if (!last) {
			int e = g_array_index(ends, int, li);
			const char *cut = g_utf8_offset_to_pointer(text + rest->item->offset, e - (li ? g_array_index(ends, int, li - 1) : 0));
			gi = pango_glyph_item_split(rest, text, (int)(cut - (text + rest->item->offset)));
		}
		double bh;
		cd_page *bx = plain_line(P, text, gi, !last, li, last, h, base, &bh);
		g_ptr_array_add(boxes, bx);
		g_array_append_val(heights, bh);
		pango_glyph_item_free(gi);
	}
	g_array_free(ends, TRUE);
	return 1;
}

/* Lays out the paragraph gathered in P, P->x and P->w being its content box within the area,
 * and adds one box per line. */
static void para_lines(lay_doc *L, vbuild *vb, para *P)
{
	while (P->text->len && P->text->str[P->text->len - 1] == ' ' && P->base.ws_collapse)
		g_string_truncate(P->text, P->text->len - 1);
	if (P->text->len == 0) {
		for (guint i = 0; i < P->ids->len; i++) {
			id_at *d = &g_array_index(P->ids, id_at, i);
			if (d->mark != CD_DEST_PAGE_NUMBER)    /* (a page number is never without text) */
				vadd_id(vb, d->mark == CD_DEST_ID_END ? V_IDEND : V_DEST, d->id);
		}
		para_reset(P);
		return;
	}
	GPtrArray *boxes = g_ptr_array_new();
	GArray *heights = g_array_new(FALSE, FALSE, sizeof(double));
	guint next_id = 0;
	if (!plain_lines(L, P, boxes, heights))
		for (int start = 0; start < (int)P->text->len;)
			start = para_piece(L, P, start, boxes, heights, &next_id);
	int n = (int)boxes->len;
	for (int li = 0; li < n; li++)
		vadd_box(vb, boxes->pdata[li], g_array_index(heights, double, li), line_penalty(&P->base, li, n));
	g_ptr_array_free(boxes, TRUE);
	g_array_free(heights, TRUE);
	para_reset(P);
}

/* ------------------------------------------------------------------ the paragraph cache */

/* What a paragraph's lines depend on besides its text (zeroed whole, so padding compares too). */
typedef struct para_key_head {
	word_key_head font;
	double color[4], text_indent, x, w;
	int align, align_last, wm, widows, orphans, keep_together, wrap, ws_collapse;
} para_key_head;

/* The key of a paragraph that can be cached: one style, no links, objects or ids; NULL for
 * another. */
static GBytes *para_key(para *P)
{
	if (P->links->len || P->objs->len || P->ids->len || !one_style(P))
		return NULL;
	const fo_style *b = &P->base;
	para_key_head h;
	memset(&h, 0, sizeof h);
	word_key_fill(&h.font, b);
	h.color[0] = b->color.r, h.color[1] = b->color.g, h.color[2] = b->color.b, h.color[3] = b->color.a;
	h.text_indent = b->text_indent;
	h.x = P->x;
	h.w = P->w;
	h.align = b->align, h.align_last = b->align_last, h.wm = b->wm, h.widows = b->widows, h.orphans = b->orphans;
	h.keep_together = b->keep_together, h.wrap = b->wrap, h.ws_collapse = b->ws_collapse;
	return bytes_key(&h, sizeof h, P->text->str, P->text->len);
}

/* Lays the paragraph out and keeps copies of its lines under `key` (taken). */
static void para_lines_cached(lay_doc *L, vbuild *vb, para *P, lay_para_cache *pc, GBytes *key)
{
	if (pc->lines >= PARA_KEPT_LINES) {
		g_hash_table_remove_all(pc->kept);
		pc->lines = 0;
	}
	cached_para *c = g_new0(cached_para, 1);
	guint before = vb->v->len;
	para_lines(L, vb, P);
	for (guint i = before; i < vb->v->len; i++) {
		vent *e = vb->v->pdata[i];
		if (e->kind != V_BOX)
			continue;
		c->lines = g_renew(cached_line, c->lines, c->n + 1);
		cached_line *cl = &c->lines[c->n++];
		cl->h = e->h;
		cl->items = ibuf_new();
		put_all(cl->items, e->box, 0, 0, 0);
	}
	/* the badness each line adds of its own, as para_lines gives it */
	for (int i = 0; i < c->n; i++)
		c->lines[i].extra = line_penalty(&P->base, i, c->n);
	pc->lines += c->n;
	g_hash_table_insert(pc->kept, key, c);
}

void para_flush(lay_doc *L, vbuild *vb, para *P)
{
	if (!P->active)
		return;
	lay_para_cache *pc = L->para_cache;
	GBytes *key = pc ? para_key(P) : NULL;
	cached_para *c = key ? g_hash_table_lookup(pc->kept, key) : NULL;
	if (!c) {
		if (key && g_hash_table_remove(pc->seen, key)) {
			para_lines_cached(L, vb, P, pc, key);
			return;
		}
		if (key) {
			if (g_hash_table_size(pc->seen) >= PARA_SEEN_MAX)
				g_hash_table_remove_all(pc->seen);
			g_hash_table_add(pc->seen, key);
		}
		para_lines(L, vb, P);
		return;
	}
	for (int i = 0; i < c->n; i++) {
		cd_page *items = ibuf_new();
		put_all(items, c->lines[i].items, 0, 0, 0);
		vadd_box(vb, items, c->lines[i].h, c->lines[i].extra);
	}
	g_bytes_unref(key);
	para_reset(P);
}
