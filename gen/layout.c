/* layout.c - XSL-FO page-sequences to pages of placed items.
 *
 * A flow is first turned into a vertical list (vlist) of entries, as TeX does: line boxes (with
 * their placed items, relative to the box), spaces (collapsed CSS-like, discarded at a page top
 * unless retained), block openings and closings (borders, padding and backgrounds, drawn per
 * page fragment), structure marks, ids and forced breaks. Each box records how bad a page break
 * just before it would be (keeps, widows and orphans). The pager then cuts the list into pages,
 * breaking at the last good point that fits, splitting table rows that cannot fit any page, and
 * repeating table headers; each page is emitted and handed on at once.
 */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FORBID 2000      /* no break here, whatever the keeps */
#define EPS 0.01
#define PS ((double)PANGO_SCALE)

/* ------------------------------------------------------------------ the vertical list */

typedef enum { V_BOX, V_SPACE, V_OPEN, V_CLOSE, V_TAG, V_TAGEND, V_BREAK, V_ABS, V_TABLE, V_TABLE_END,
	       V_DEST, V_IDEND } vkind;

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
	char *id;             /* DEST / IDEND */
	struct table *tab;    /* TABLE */
	struct row *row;      /* splittable table row */
	int fixed;            /* ABS: position relative to the page, not the body */
	double ax, ay;        /* ABS: position */
} vent;

typedef struct vbuild {
	GPtrArray *v;         /* vent* */
	int nboxes;
	int pending_kwn, pending_kwp;
	int glue_next;        /* the next box may not be separated from what precedes it */
	struct { int keep; int nboxes; } open[128];
	int nopen;
} vbuild;

static void vent_free(vent *e);

static void vb_init(vbuild *vb)
{
	memset(vb, 0, sizeof *vb);
	vb->v = g_ptr_array_new_with_free_func((GDestroyNotify)vent_free);
}

static void vb_clear(vbuild *vb)
{
	if (vb->v)
		g_ptr_array_free(vb->v, TRUE);
	vb->v = NULL;
}

static vent *vadd(vbuild *vb, vkind k)
{
	vent *e = g_new0(vent, 1);
	e->kind = k;
	g_ptr_array_add(vb->v, e);
	return e;
}

/* The badness of a break before a new box, from the keeps in force; then the box counts. */
static int vb_breakable(vbuild *vb, int extra)
{
	int b = extra;
	if (vb->pending_kwn > b) b = vb->pending_kwn;
	if (vb->pending_kwp > b) b = vb->pending_kwp;
	for (int i = 0; i < vb->nopen; i++)
		if (vb->open[i].nboxes < vb->nboxes && vb->open[i].keep > b)
			b = vb->open[i].keep;
	if (vb->glue_next || vb->nboxes == 0)
		b = FORBID;
	vb->pending_kwn = vb->pending_kwp = 0;
	vb->glue_next = 0;
	vb->nboxes++;
	return b;
}

static vent *vadd_box(vbuild *vb, cd_page *items, double h, int extra)
{
	vent *e = vadd(vb, V_BOX);
	e->brk = vb_breakable(vb, extra);
	e->box = items;
	e->h = h;
	return e;
}

static void vadd_space(vbuild *vb, double h, int retain)
{
	if (h == 0 && !retain)
		return;
	vent *e = vadd(vb, V_SPACE);
	e->h = h;
	e->retain = retain;
}

static void vadd_tag(vbuild *vb, const char *role, const char *alt, const char *lang)
{
	vent *e = vadd(vb, V_TAG);
	e->role = g_strdup(role);
	e->alt = g_strdup(alt);
	e->lang = g_strdup(lang);
}

static void row_free(struct row *r);
static void table_free(struct table *t);

static void vent_free(vent *e)
{
	if (!e)
		return;
	cd_page_free(e->box);
	if (e->row)
		row_free(e->row);
	if (e->kind == V_TABLE_END)
		table_free(e->tab);
	if (e->kind == V_OPEN)
		g_free(e->deco);
	g_free(e->role);
	g_free(e->alt);
	g_free(e->lang);
	g_free(e->id);
	g_free(e);
}

/* ------------------------------------------------------------------ items */

static cd_page *ibuf_new(void)
{
	return cd_page_new(0, 0, 0, NULL);
}

/* Copies (or moves, when `move`) item `it` into pg, translated by dx, dy. */
static void item_put(cd_page *pg, cd_item *it, double dx, double dy, int move)
{
	cd_item *o = cd_page_add(pg, it->kind);
	*o = *it;
	switch (it->kind) {
	case CD_ITEM_GLYPHS:
		o->u.glyphs.x += dx; o->u.glyphs.y += dy;
		if (!move) {
			o->u.glyphs.run = pango_glyph_item_copy(it->u.glyphs.run);
			o->u.glyphs.text = g_strdup(it->u.glyphs.text);
		}
		break;
	case CD_ITEM_RECT: o->u.rect.x += dx; o->u.rect.y += dy; break;
	case CD_ITEM_LINE:
		o->u.line.x0 += dx; o->u.line.x1 += dx; o->u.line.y0 += dy; o->u.line.y1 += dy;
		break;
	case CD_ITEM_IMAGE:
		o->u.image.x += dx; o->u.image.y += dy;
		if (!move) {
			o->u.image.path = g_strdup(it->u.image.path);
			o->u.image.alt = g_strdup(it->u.image.alt);
		}
		break;
	case CD_ITEM_LINK:
		o->u.link.x += dx; o->u.link.y += dy;
		if (!move) {
			o->u.link.uri = g_strdup(it->u.link.uri);
			o->u.link.dest = g_strdup(it->u.link.dest);
		}
		break;
	case CD_ITEM_DEST:
		o->u.dest.x += dx; o->u.dest.y += dy;
		if (!move)
			o->u.dest.name = g_strdup(it->u.dest.name);
		break;
	case CD_ITEM_TAG_BEGIN:
		if (!move) {
			o->u.tag.role = g_strdup(it->u.tag.role);
			o->u.tag.alt = g_strdup(it->u.tag.alt);
			o->u.tag.lang = g_strdup(it->u.tag.lang);
		}
		break;
	case CD_ITEM_TAG_END:
		break;
	}
	if (move)
		memset(&it->u, 0, sizeof it->u), it->kind = CD_ITEM_TAG_END;
}

static void put_all(cd_page *dst, cd_page *src, double dx, double dy, int move)
{
	for (size_t i = 0; i < src->n; i++)
		item_put(dst, &src->items[i], dx, dy, move);
	if (move)
		src->n = 0;
}

static void put_rect(cd_page *pg, double x, double y, double w, double h, cd_rgba c)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_RECT);
	it->u.rect.x = x; it->u.rect.y = y; it->u.rect.w = w; it->u.rect.h = h; it->u.rect.fill = c;
}

static void put_line(cd_page *pg, double x0, double y0, double x1, double y1, double w, cd_rgba c, int style)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_LINE);
	it->u.line.x0 = x0; it->u.line.y0 = y0; it->u.line.x1 = x1; it->u.line.y1 = y1;
	it->u.line.width = w; it->u.line.color = c;
	it->u.line.style = style == BORDER_DASHED ? CD_LINE_DASHED : style == BORDER_DOTTED ? CD_LINE_DOTTED : CD_LINE_SOLID;
}

static void put_tag(cd_page *pg, const char *role, const char *alt, const char *lang)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_TAG_BEGIN);
	it->u.tag.role = g_strdup(role);
	it->u.tag.alt = g_strdup(alt);
	it->u.tag.lang = g_strdup(lang);
}

static void put_tag_end(cd_page *pg)
{
	cd_page_add(pg, CD_ITEM_TAG_END);
}

static void put_dest(cd_page *pg, double x, double y, const char *name)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_DEST);
	it->u.dest.x = x; it->u.dest.y = y; it->u.dest.name = g_strdup(name);
}

/* Moves the items from index `from` on so that a new item can go at `at` (for backgrounds,
 * which are known only when their block ends but must be drawn under its content). */
static cd_item *insert_at(cd_page *pg, size_t at, cd_item_kind kind)
{
	cd_page_add(pg, kind);
	memmove(&pg->items[at + 1], &pg->items[at], (pg->n - 1 - at) * sizeof(cd_item));
	memset(&pg->items[at], 0, sizeof(cd_item));
	pg->items[at].kind = kind;
	return &pg->items[at];
}

/* ------------------------------------------------------------------ emitting a list */

typedef struct open_deco {
	deco *d;
	size_t at;          /* item index where its background goes */
	double y0;          /* top of this fragment (relative) */
	int first;          /* the fragment holds the block's start */
} open_deco;

typedef struct emitter {
	cd_page *pg;
	double x0, y0;       /* offset of the area */
	double y;            /* relative to y0 */
	double pending;
	int at_top;
	open_deco decos[128];
	int ndecos;
	const vent *tags[256];
	int ntags;
	int balance;         /* close open tags at the end of a range, reopen at the start */
	struct table *tables[32];
	int ntables;
	double page_bx, page_by;   /* for absolute block-containers */
} emitter;

static void draw_deco(emitter *em, open_deco *o, double y1, int last)
{
	deco *d = o->d;
	double top = em->y0 + o->y0, bot = em->y0 + y1, x = em->x0 + d->x;
	if (d->bg.a > 0 && bot > top) {
		cd_item *it = insert_at(em->pg, o->at, CD_ITEM_RECT);
		it->u.rect.x = x; it->u.rect.y = top; it->u.rect.w = d->w; it->u.rect.h = bot - top;
		it->u.rect.fill = d->bg;
	}
	const fo_border *b = d->border;
	if ((o->first || b[SIDE_BEFORE].retain) && b[SIDE_BEFORE].width > 0)
		put_line(em->pg, x, top + b[SIDE_BEFORE].width / 2, x + d->w, top + b[SIDE_BEFORE].width / 2,
		         b[SIDE_BEFORE].width, b[SIDE_BEFORE].color, b[SIDE_BEFORE].style);
	if ((last || b[SIDE_AFTER].retain) && b[SIDE_AFTER].width > 0)
		put_line(em->pg, x, bot - b[SIDE_AFTER].width / 2, x + d->w, bot - b[SIDE_AFTER].width / 2,
		         b[SIDE_AFTER].width, b[SIDE_AFTER].color, b[SIDE_AFTER].style);
	if (b[SIDE_START].width > 0)
		put_line(em->pg, x + b[SIDE_START].width / 2, top, x + b[SIDE_START].width / 2, bot,
		         b[SIDE_START].width, b[SIDE_START].color, b[SIDE_START].style);
	if (b[SIDE_END].width > 0)
		put_line(em->pg, x + d->w - b[SIDE_END].width / 2, top, x + d->w - b[SIDE_END].width / 2, bot,
		         b[SIDE_END].width, b[SIDE_END].color, b[SIDE_END].style);
}

static void em_start(emitter *em, cd_page *pg, double x0, double y0)
{
	em->pg = pg;
	em->x0 = x0;
	em->y0 = y0;
	em->y = 0;
	em->pending = 0;
	em->at_top = 1;
	for (int i = 0; i < em->ndecos; i++) {
		em->decos[i].at = pg->n;
		em->decos[i].y0 = 0;
		em->decos[i].first = 0;
	}
	if (em->balance)
		for (int i = 0; i < em->ntags; i++)
			put_tag(pg, em->tags[i]->role, em->tags[i]->alt, em->tags[i]->lang);
}

/* Ends a fragment: open blocks are drawn down to the last content; open tags are closed when
 * balancing. The emitter keeps them open for the next fragment. */
static void em_finish(emitter *em)
{
	for (int i = em->ndecos - 1; i >= 0; i--)
		draw_deco(em, &em->decos[i], em->y, 0);
	if (em->balance)
		for (int i = 0; i < em->ntags; i++)
			put_tag_end(em->pg);
}

static void em_apply_space(emitter *em)
{
	em->y += em->pending;
	em->pending = 0;
}

static void emit_range(emitter *em, GPtrArray *v, size_t a, size_t b, int move)
{
	for (size_t k = a; k < b; k++) {
		vent *e = v->pdata[k];
		switch (e->kind) {
		case V_SPACE:
			if (em->at_top && !e->retain)
				break;
			if (e->h > em->pending)
				em->pending = e->h;
			break;
		case V_BOX:
			em_apply_space(em);
			if (e->h > 0)
				em->at_top = 0;
			if (e->box)
				put_all(em->pg, e->box, em->x0, em->y0 + em->y, move);
			em->y += e->h;
			break;
		case V_OPEN:
			em_apply_space(em);
			if (e->h > 0)
				em->at_top = 0;
			if (e->deco && em->ndecos < (int)G_N_ELEMENTS(em->decos))
				em->decos[em->ndecos++] = (open_deco){ e->deco, em->pg->n, em->y, 1 };
			em->y += e->h;
			break;
		case V_CLOSE:
			if (e->h > 0) {
				em_apply_space(em);
				em->y += e->h;
				em->at_top = 0;
			}
			if (e->deco && em->ndecos > 0) {
				draw_deco(em, &em->decos[em->ndecos - 1], em->y, 1);
				em->ndecos--;
			}
			break;
		case V_TAG:
			put_tag(em->pg, e->role, e->alt, e->lang);
			if (em->ntags < (int)G_N_ELEMENTS(em->tags))
				em->tags[em->ntags++] = e;
			break;
		case V_TAGEND:
			put_tag_end(em->pg);
			if (em->ntags > 0)
				em->ntags--;
			break;
		case V_DEST:
			put_dest(em->pg, em->x0, em->y0 + em->y + em->pending, e->id);
			break;
		case V_IDEND: {
			char *n = g_strconcat("\001end:", e->id, NULL);
			put_dest(em->pg, em->x0, em->y0 + em->y, n);
			g_free(n);
			break;
		}
		case V_ABS:
			if (e->box) {
				double bx = e->fixed ? 0 : em->page_bx, by = e->fixed ? 0 : em->page_by;
				put_all(em->pg, e->box, bx + e->ax, by + e->ay, move);
			}
			break;
		case V_TABLE:
			if (em->ntables < (int)G_N_ELEMENTS(em->tables))
				em->tables[em->ntables++] = e->tab;
			break;
		case V_TABLE_END:
			if (em->ntables > 0)
				em->ntables--;
			break;
		case V_BREAK:
			break;
		}
	}
}

/* Reconstructs what is open before entry `a` (blocks, tags) for emitting a range on its own. */
static void em_state_before(emitter *em, GPtrArray *v, size_t a)
{
	em->ndecos = em->ntags = 0;
	for (size_t k = 0; k < a; k++) {
		vent *e = v->pdata[k];
		if (e->kind == V_OPEN && e->deco && em->ndecos < (int)G_N_ELEMENTS(em->decos))
			em->decos[em->ndecos++] = (open_deco){ e->deco, 0, 0, 0 };
		else if (e->kind == V_CLOSE && e->deco && em->ndecos > 0)
			em->ndecos--;
		else if (e->kind == V_TAG && em->ntags < (int)G_N_ELEMENTS(em->tags))
			em->tags[em->ntags++] = e;
		else if (e->kind == V_TAGEND && em->ntags > 0)
			em->ntags--;
	}
}

/* Height of entries [a, b) as emit_range would place them at the top of an area; tops/bottoms
 * of every box and opening (index, top, bottom) go to `marks` when not NULL. */
typedef struct { size_t k; double top, bot; } vmark;

static double measure(GPtrArray *v, size_t a, size_t b, int at_top, GArray *marks)
{
	double y = 0, pending = 0;
	for (size_t k = a; k < b; k++) {
		vent *e = v->pdata[k];
		switch (e->kind) {
		case V_SPACE:
			if (at_top && !e->retain)
				break;
			if (e->h > pending)
				pending = e->h;
			break;
		case V_BOX:
		case V_OPEN:
			y += pending;
			pending = 0;
			if (marks) {
				vmark m = { k, y, y + e->h };
				g_array_append_val(marks, m);
			}
			y += e->h;
			if (e->h > 0)
				at_top = 0;
			break;
		case V_CLOSE:
			if (e->h > 0) {
				y += pending + e->h;
				pending = 0;
				at_top = 0;
				if (marks && marks->len)
					g_array_index(marks, vmark, marks->len - 1).bot = y;
			}
			break;
		default:
			break;
		}
	}
	return y;
}

/* A break before entry k really starts the next page at the first of the entries that lead
 * up to k (its spaces, ids, tags and openings), so that they go with it. */
static size_t break_start(GPtrArray *v, size_t lo, size_t k)
{
	while (k > lo) {
		vent *e = v->pdata[k - 1];
		if (e->kind == V_SPACE || e->kind == V_DEST || e->kind == V_TAG || e->kind == V_TABLE ||
		    (e->kind == V_OPEN && e->h == 0))
			k--;
		else
			break;
	}
	return k;
}

/* ------------------------------------------------------------------ inline content */

enum { OBJ_LEADER, OBJ_IMAGE };

typedef struct inl_obj {
	int kind;
	double w, h;              /* current size */
	double opt, max;          /* leader lengths */
	int pattern;              /* 0 space, 1 rule, 2 dots */
	double thick;
	int rstyle;
	cd_rgba color;
	char *path, *alt;
	double lh;
} inl_obj;

typedef struct link_rng { int start, end; char *uri, *dest; } link_rng;
typedef struct id_at { int off; char *id; int end; } id_at;

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

static void para_init(para *P)
{
	memset(P, 0, sizeof *P);
	P->text = g_string_sized_new(256);
	P->attrs = pango_attr_list_new();
	P->links = g_array_new(FALSE, FALSE, sizeof(link_rng));
	P->objs = g_ptr_array_new();
	P->ids = g_array_new(FALSE, FALSE, sizeof(id_at));
}

static void obj_free(inl_obj *o)
{
	g_free(o->path);
	g_free(o->alt);
	g_free(o);
}

static void para_reset(para *P)
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

static void para_free(para *P)
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

/* Appends text with FO white-space handling (collapse, linefeed-treatment). */
static void add_text(para *P, const fo_style *st, const char *t)
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

/* Text that is not subject to white-space handling (characters, page numbers). */
static void add_literal(para *P, const fo_style *st, const char *t)
{
	int s = (int)P->text->len;
	g_string_append(P->text, t);
	P->last_space = 0;
	span_attrs(P, st, s, (int)P->text->len);
	P->active = 1;
}

static gpointer obj_copy(gconstpointer p) { return (gpointer)p; }

static void add_obj(para *P, const fo_style *st, inl_obj *o)
{
	int s = (int)P->text->len;
	g_string_append(P->text, "\xEF\xBF\xBC");
	P->last_space = 0;
	g_ptr_array_add(P->objs, o);
	span_attrs(P, st, s, (int)P->text->len);
	P->active = 1;
}

static PangoAttrList *para_full_attrs(para *P)
{
	PangoAttrList *l = pango_attr_list_copy(P->attrs);
	if (!l)
		l = pango_attr_list_new();
	attr_put(l, pango_attr_line_height_new_absolute((int)lround(P->base.lh * PANGO_SCALE)), 0, (int)P->text->len);
	attr_put(l, pango_attr_insert_hyphens_new(P->base.hyphenate), 0, (int)P->text->len);
	if (P->base.lang)
		attr_put(l, pango_attr_language_new(pango_language_from_string(P->base.lang)), 0, (int)P->text->len);
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

static void set_layout(PangoLayout *lo, para *P, double w, PangoAttrList *attrs)
{
	const fo_style *b = &P->base;
	PangoFontDescription *fd = font_desc(b);
	pango_layout_set_font_description(lo, fd);
	pango_font_description_free(fd);
	pango_layout_set_attributes(lo, attrs);
	pango_layout_set_text(lo, P->text->str, (int)P->text->len);
	pango_layout_set_width(lo, b->wrap ? (int)lround(w * PS) : -1);
	pango_layout_set_wrap(lo, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(lo, (int)lround(b->text_indent * PS));
	pango_layout_set_auto_dir(lo, TRUE);
	PangoAlignment al = b->align == ALIGN_CENTER ? PANGO_ALIGN_CENTER : b->align == ALIGN_END ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	pango_layout_set_alignment(lo, al);
	pango_layout_set_justify(lo, b->align == ALIGN_JUSTIFY);
	pango_layout_set_justify_last_line(lo, b->align_last == ALIGN_JUSTIFY);
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

/* Lays out the paragraph gathered in P, `x` and `w` being its content box within the area,
 * and adds one box per line. */
/* ------------------------------------------------------------------ paragraph cache */

typedef struct cached_line { double h; int extra; cd_page *items; } cached_line;
typedef struct cached_para { int n; cached_line *lines; } cached_para;

#define PARA_CACHE_MAX 512

static void cached_para_free(cached_para *c)
{
	for (int i = 0; i < c->n; i++)
		cd_page_free(c->lines[i].items);
	g_free(c->lines);
	g_free(c);
}

GHashTable *lay_para_cache_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)cached_para_free);
}

/* The key of a paragraph that can be cached: one style, no spans, links, objects or ids. */
static char *para_key(para *P)
{
	if (P->links->len || P->objs->len || P->ids->len)
		return NULL;
	PangoAttrIterator *ai = pango_attr_list_get_iterator(P->attrs);
	GSList *any = pango_attr_iterator_get_attrs(ai);
	pango_attr_iterator_destroy(ai);
	if (any) {
		g_slist_free_full(any, (GDestroyNotify)pango_attribute_destroy);
		return NULL;
	}
	const fo_style *b = &P->base;
	return g_strdup_printf("%p|%a|%d|%d|%a,%a,%a,%a|%a|%d|%d|%a|%d|%p|%d|%d|%d|%d|%d|%a|%a|%s", (const void *)b->family,
	                       b->size, b->weight, b->italic, b->color.r, b->color.g, b->color.b, b->color.a, b->lh,
	                       b->align, b->align_last, b->text_indent, b->hyphenate, (const void *)b->lang, b->widows,
	                       b->orphans, b->keep_together, b->wrap, b->ws_collapse, P->x, P->w, P->text->str);
}

static void para_lines(lay_doc *L, vbuild *vb, para *P, cached_para *keep);

static void para_flush(lay_doc *L, vbuild *vb, para *P)
{
	if (!P->active)
		return;
	char *key = L->para_cache ? para_key(P) : NULL;
	if (key) {
		cached_para *c = g_hash_table_lookup(L->para_cache, key);
		if (c) {
			for (int i = 0; i < c->n; i++) {
				cd_page *items = ibuf_new();
				put_all(items, c->lines[i].items, 0, 0, 0);
				vadd_box(vb, items, c->lines[i].h, c->lines[i].extra);
			}
			g_free(key);
			para_reset(P);
			return;
		}
		if (g_hash_table_size(L->para_cache) >= PARA_CACHE_MAX)
			g_hash_table_remove_all(L->para_cache);
		c = g_new0(cached_para, 1);
		guint before = vb->v->len;
		para_lines(L, vb, P, c);
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
		/* the badness each line adds of its own (widows, orphans, keep-together), as
		 * para_lines gives it */
		for (int i = 0; i < c->n; i++) {
			c->lines[i].extra = 0;
			if (i > 0 && (i < P->base.orphans || c->n - i < P->base.widows))
				c->lines[i].extra = KEEP_ALWAYS;
			if (i > 0 && P->base.keep_together > c->lines[i].extra)
				c->lines[i].extra = P->base.keep_together;
		}
		g_hash_table_insert(L->para_cache, key, c);
		para_reset(P);
		return;
	}
	para_lines(L, vb, P, NULL);
}

static void para_lines(lay_doc *L, vbuild *vb, para *P, cached_para *keep)
{
	(void)keep;
	double x = P->x, w = P->w;
	while (P->text->len && P->text->str[P->text->len - 1] == ' ' && P->base.ws_collapse)
		g_string_truncate(P->text, P->text->len - 1);
	if (P->text->len == 0) {
		for (guint i = 0; i < P->ids->len; i++) {
			id_at *d = &g_array_index(P->ids, id_at, i);
			vent *e = vadd(vb, d->end ? V_IDEND : V_DEST);
			e->id = g_strdup(d->id);
		}
		para_reset(P);
		return;
	}
	PangoLayout *lo = L->layout;
	PangoAttrList *attrs = para_full_attrs(P);
	set_layout(lo, P, w, attrs);
	pango_attr_list_unref(attrs);
	if (P->objs->len && expand_leaders(lo, P, w)) {
		attrs = para_full_attrs(P);
		pango_layout_set_attributes(lo, attrs);
		pango_attr_list_unref(attrs);
	}
	const char *text = pango_layout_get_text(lo);
	int nlines = pango_layout_get_line_count(lo);
	PangoLayoutIter *it = pango_layout_get_iter(lo);
	int li = 0;
	guint next_id = 0;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		double top = lr.y / PS, h = lr.height / PS;
		double base = pango_layout_iter_get_baseline(it) / PS - top;
		/* images stand on the baseline: a fixed line height must still make room for them */
		for (GSList *r = line->runs; r; r = r->next) {
			inl_obj *o = run_obj(r->data);
			if (o && o->kind == OBJ_IMAGE && o->h > base) {
				h += o->h - base;
				base = o->h;
			}
		}
		double lx = lr.x / PS;
		if (li == nlines - 1 && P->base.align_last != P->base.align && P->base.align_last != ALIGN_JUSTIFY &&
		    line->resolved_dir == PANGO_DIRECTION_LTR) {
			double avail = w - (li == 0 ? P->base.text_indent : 0), off = li == 0 ? P->base.text_indent : 0;
			if (P->base.align_last == ALIGN_START) lx = off;
			else if (P->base.align_last == ALIGN_CENTER) lx = off + (avail - lr.width / PS) / 2;
			else lx = off + avail - lr.width / PS;
		}
		cd_page *bx = ibuf_new();
		/* ids that start on this line */
		int line_end = li == nlines - 1 ? INT_MAX : line->start_index + line->length;
		while (next_id < P->ids->len && g_array_index(P->ids, id_at, next_id).off < line_end) {
			id_at *d = &g_array_index(P->ids, id_at, next_id++);
			PangoRectangle pos;
			pango_layout_index_to_pos(lo, MIN(d->off, (int)P->text->len), &pos);
			double dx = pos.x / PS;
			if (d->end) {
				char *n = g_strconcat("\001end:", d->id, NULL);
				put_dest(bx, x + dx, 0, n);
				g_free(n);
			} else {
				put_dest(bx, x + dx, 0, d->id);
			}
		}
		double rx = lx;
		int cur_link = -1;
		size_t link_item = 0;
		for (GSList *r = line->runs; r; r = r->next) {
			PangoGlyphItem *gi = r->data;
			int off = gi->item->offset;
			double rw = pango_glyph_string_get_width(gi->glyphs) / PS;
			int lk = link_at(P, off);
			if (lk != cur_link) {
				if (cur_link >= 0)
					put_tag_end(bx);
				if (lk >= 0) {
					link_rng *l = &g_array_index(P->links, link_rng, lk);
					put_tag(bx, "Link", NULL, NULL);
					cd_item *li_ = cd_page_add(bx, CD_ITEM_LINK);
					li_->u.link.x = x + rx; li_->u.link.y = 0; li_->u.link.w = rw; li_->u.link.h = h;
					li_->u.link.uri = g_strdup(l->uri);
					li_->u.link.dest = g_strdup(l->dest);
					link_item = bx->n - 1;
				}
				cur_link = lk;
			} else if (lk >= 0) {
				bx->items[link_item].u.link.w += rw;
			}
			cd_rgba fg, bg = { 0, 0, 0, 0 };
			int ul, st;
			color_of(gi, &P->base, &fg, &bg, &ul, &st);
			double gy = base - gi->y_offset / PS;
			if (bg.a > 0)
				put_rect(bx, x + rx, 0, rw, h, bg);
			inl_obj *o = run_obj(gi);
			if (o && o->kind == OBJ_LEADER) {
				if (o->pattern)
					put_line(bx, x + rx, base - o->thick / 2 - (o->pattern == 2 ? 0 : 0), x + rx + o->w,
					         base - o->thick / 2, o->thick, o->color, o->pattern == 2 ? BORDER_DOTTED : o->rstyle);
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
				g->u.glyphs.text = g_strndup(text + off, (gsize)gi->item->length);
				g->u.glyphs.x = x + rx;
				g->u.glyphs.y = gy;
				g->u.glyphs.color = fg;
			}
			if ((ul || st) && !o) {
				PangoFontMetrics *m = pango_font_get_metrics(gi->item->analysis.font, gi->item->analysis.language);
				if (ul) {
					double pos = pango_font_metrics_get_underline_position(m) / PS;
					double th = pango_font_metrics_get_underline_thickness(m) / PS;
					put_line(bx, x + rx, gy - pos + th / 2, x + rx + rw, gy - pos + th / 2, th, fg, BORDER_SOLID);
				}
				if (st) {
					double pos = pango_font_metrics_get_strikethrough_position(m) / PS;
					double th = pango_font_metrics_get_strikethrough_thickness(m) / PS;
					put_line(bx, x + rx, gy - pos + th / 2, x + rx + rw, gy - pos + th / 2, th, fg, BORDER_SOLID);
				}
				pango_font_metrics_unref(m);
			}
			rx += rw;
		}
		if (cur_link >= 0)
			put_tag_end(bx);
		int extra = 0;
		if (li > 0 && (li < P->base.orphans || nlines - li < P->base.widows))
			extra = KEEP_ALWAYS;
		if (li > 0 && P->base.keep_together > extra)
			extra = P->base.keep_together;
		vadd_box(vb, bx, h, extra);
		li++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	para_reset(P);
}

/* ------------------------------------------------------------------ blocks */

typedef struct area {
	double ax;       /* left of the reference area, relative to the flow's area */
	double refw;     /* its width */
} area;

static int block_level(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A);
static int inline_level(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *ps, area A);

static const char *const roles[] = {
	"Document", "Part", "Sect", "Div", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl",
	"LBody", "Table", "THead", "TBody", "TFoot", "TR", "TH", "TD", "Link", "Figure", "Caption", "Span",
	"Quote", "BlockQuote", "Note", "Code", "Artifact", "Form", "Index", "TOC", "TOCI", NULL
};

static int check_role(lay_doc *L, xmlNode *n, const fo_style *st)
{
	if (!st->role)
		return 0;
	for (int i = 0; roles[i]; i++)
		if (strcmp(roles[i], st->role) == 0)
			return 0;
	return fo_bad_value(L->src, n, "role", st->role);
}

static int style_of(lay_doc *L, xmlNode *n, const fo_style *ps, double refw, fo_style *st)
{
	int rc = fo_style_compute(L->src, n, ps, refw, st);
	if (rc == 0)
		rc = check_role(L, n, st);
	return rc;
}

static int has_inline_content(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !fo_is_blank(c))
			return 1;
		fo_kind k = fo_kind_of(c);
		if (k == FO_INLINE || k == FO_BASIC_LINK || k == FO_CHARACTER || k == FO_PAGE_NUMBER ||
		    k == FO_PAGE_NUMBER_CITATION || k == FO_PAGE_NUMBER_CITATION_LAST || k == FO_LEADER ||
		    k == FO_EXTERNAL_GRAPHIC)
			return 1;
		if (k == FO_WRAPPER && has_inline_content(c))
			return 1;
	}
	return 0;
}

static int is_inline_kind(fo_kind k)
{
	return k == FO_INLINE || k == FO_BASIC_LINK || k == FO_CHARACTER || k == FO_PAGE_NUMBER ||
	       k == FO_PAGE_NUMBER_CITATION || k == FO_PAGE_NUMBER_CITATION_LAST || k == FO_LEADER ||
	       k == FO_EXTERNAL_GRAPHIC;
}

/* The opening of a block-level element: break, space, id, tag, borders and padding. */
static void open_block(vbuild *vb, const fo_style *st, const fo_style *ps, double x, double w, const char *role)
{
	if (st->break_before != BREAK_AUTO) {
		vent *e = vadd(vb, V_BREAK);
		e->brk_kind = st->break_before;
	}
	vadd_space(vb, st->space_before, st->sb_retain);
	if (st->id) {
		vent *e = vadd(vb, V_DEST);
		e->id = g_strdup(st->id);
	}
	if (role)
		vadd_tag(vb, role, st->alt, st->lang != ps->lang ? st->lang : NULL);
	vent *o = vadd(vb, V_OPEN);
	o->h = st->border[SIDE_BEFORE].width + st->pad[SIDE_BEFORE];
	if (st->bg.a > 0 || st->border[0].width > 0 || st->border[1].width > 0 || st->border[2].width > 0 ||
	    st->border[3].width > 0) {
		o->deco = g_new0(deco, 1);
		o->deco->x = x - st->pad[SIDE_START] - st->border[SIDE_START].width;
		o->deco->w = w + st->pad[SIDE_START] + st->pad[SIDE_END] + st->border[SIDE_START].width + st->border[SIDE_END].width;
		memcpy(o->deco->border, st->border, sizeof o->deco->border);
		o->deco->bg = st->bg;
	}
	if (st->keep_prev > vb->pending_kwp)
		vb->pending_kwp = st->keep_prev;
	if (o->h > 0) {
		o->brk = vb_breakable(vb, 0);
		vb->glue_next = 1;
	}
	if (vb->nopen < (int)G_N_ELEMENTS(vb->open)) {
		vb->open[vb->nopen].keep = st->keep_together;
		vb->open[vb->nopen].nboxes = vb->nboxes - (o->h > 0);
		vb->nopen++;
	}
	/* the CLOSE needs the deco: remember it through the OPEN (found by nesting) */
}

static void close_block(vbuild *vb, const fo_style *st, const char *role)
{
	/* find the matching OPEN for its deco */
	int depth = 0;
	deco *d = NULL;
	for (guint i = vb->v->len; i-- > 0;) {
		vent *e = vb->v->pdata[i];
		if (e->kind == V_CLOSE)
			depth++;
		else if (e->kind == V_OPEN) {
			if (depth == 0) {
				d = e->deco;
				break;
			}
			depth--;
		}
	}
	vent *c = vadd(vb, V_CLOSE);
	c->h = st->pad[SIDE_AFTER] + st->border[SIDE_AFTER].width;
	c->deco = d;
	if (vb->nopen > 0)
		vb->nopen--;
	if (role)
		vadd(vb, V_TAGEND);
	if (st->id) {
		vent *e = vadd(vb, V_IDEND);
		e->id = g_strdup(st->id);
	}
	vadd_space(vb, st->space_after, st->sa_retain);
	if (st->keep_next > vb->pending_kwn)
		vb->pending_kwn = st->keep_next;
	if (st->break_after != BREAK_AUTO) {
		vent *e = vadd(vb, V_BREAK);
		e->brk_kind = st->break_after;
	}
}

/* The children of a block-level container: inline content gathers into paragraphs (P), block
 * children interrupt them. `inline_ok` is false where FO allows only blocks. */
static int content(lay_doc *L, vbuild *vb, para *P, xmlNode *parent, const fo_style *st, area A, int inline_ok)
{
	int rc = 0;
	for (xmlNode *c = parent->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (fo_is_blank(c) && (!inline_ok || !P->active))
				continue;
			if (!inline_ok)
				return fo_bad_child(L->src, c, parent);
			add_text(P, st, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_WRAPPER) {
			fo_style ws;
			if ((rc = style_of(L, c, st, A.refw, &ws)) < 0)
				return rc;
			if (ws.id) {
				if (P->active || has_inline_content(c)) {
					id_at d = { (int)P->text->len, g_strdup(ws.id), 0 };
					g_array_append_val(P->ids, d);
					P->active = 1;
				} else {
					vent *e = vadd(vb, V_DEST);
					e->id = g_strdup(ws.id);
				}
			}
			rc = content(L, vb, P, c, &ws, A, inline_ok);
			continue;
		}
		if (is_inline_kind(k)) {
			if (!inline_ok)
				return fo_bad_child(L->src, c, parent);
			rc = inline_level(L, vb, P, c, st, A);
			continue;
		}
		para_flush(L, vb, P);
		rc = block_level(L, vb, c, st, A);
	}
	return rc;
}

static int do_block(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	const char *role = st.role ? st.role : has_inline_content(n) ? "P" : NULL;
	double x = A.ax + st.start_indent, w = A.refw - st.start_indent - st.end_indent;
	open_block(vb, &st, ps, x, w, role);
	para P;
	para_init(&P);
	P.base = st;
	P.x = x;
	P.w = w;
	P.last_space = 1;
	rc = content(L, vb, &P, n, &st, A, 1);
	if (rc == 0)
		para_flush(L, vb, &P);
	para_free(&P);
	if (rc == 0)
		close_block(vb, &st, role);
	return rc;
}

/* ------------------------------------------------------------------ inline elements */

static char *strip_url(const char *v)
{
	char *s = g_strstrip(g_strdup(v));
	size_t n = strlen(s);
	if (n > 5 && strncmp(s, "url(", 4) == 0 && s[n - 1] == ')') {
		memmove(s, s + 4, n - 4);
		s[n - 5] = 0;
		g_strstrip(s);
		n = strlen(s);
		if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
			memmove(s, s + 1, n - 2);
			s[n - 2] = 0;
		}
	}
	return s;
}

static guint32 be32(const unsigned char *p) { return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3]; }

/* Width and height of a PNG in points: pixels at the pHYs resolution, else 96 per inch. */
static int png_size(lay_doc *L, xmlNode *n, const char *path, double *w, double *h)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		cd_error_at(L->src->name, xmlGetLineNo(n), "cannot read image '%s'", path);
		return -CD_EXIT_NOREAD;
	}
	unsigned char b[33];
	int ok = fread(b, 1, 33, fp) == 33 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0;
	if (!ok) {
		fclose(fp);
		return cd_error_at(L->src->name, xmlGetLineNo(n), "image '%s' is not a PNG file", path);
	}
	double pw = be32(b + 16), ph = be32(b + 20), dx = 96, dy = 96;
	unsigned char c[8];
	while (fread(c, 1, 8, fp) == 8) {
		guint32 len = be32(c);
		if (memcmp(c + 4, "IDAT", 4) == 0 || memcmp(c + 4, "IEND", 4) == 0)
			break;
		if (memcmp(c + 4, "pHYs", 4) == 0 && len == 9) {
			unsigned char d[9];
			if (fread(d, 1, 9, fp) == 9 && d[8] == 1 && be32(d) > 0 && be32(d + 4) > 0) {
				dx = be32(d) * 0.0254;
				dy = be32(d + 4) * 0.0254;
			}
			break;
		}
		if (fseek(fp, (long)len + 4, SEEK_CUR) != 0)
			break;
	}
	fclose(fp);
	if (pw < 1 || ph < 1)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "image '%s' is not a PNG file", path);
	*w = pw * 72 / dx;
	*h = ph * 72 / dy;
	return 0;
}

static int graphic(lay_doc *L, para *P, xmlNode *n, const fo_style *st, double avail)
{
	const char *src = fo_attr(n, "src");
	if (!src)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:external-graphic needs a 'src'");
	char *rel = strip_url(src);
	if (strncmp(rel, "file:", 5) == 0)
		memmove(rel, rel + 5, strlen(rel + 5) + 1);
	if (strstr(rel, "://")) {
		int rc = cd_error_at(L->src->name, xmlGetLineNo(n), "unsupported value '%s' for 'src' on fo:external-graphic: only local PNG files", src);
		g_free(rel);
		return rc;
	}
	char *path = g_path_is_absolute(rel) ? g_strdup(rel) : g_build_filename(L->base_dir, rel, NULL);
	g_free(rel);
	double iw = 1, ih = 1;
	int rc = png_size(L, n, path, &iw, &ih);
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	double w = iw, h = ih, vw = -1, vh = -1;
	const char *cw = fo_attr(n, "content-width"), *ch = fo_attr(n, "content-height");
	const char *ww = fo_attr(n, "width"), *hh = fo_attr(n, "height"), *sc = fo_attr(n, "scaling");
	int uniform = 1;
	if (sc) {
		if (strcmp(sc, "non-uniform") == 0) uniform = 0;
		else if (strcmp(sc, "uniform") != 0) rc = fo_bad_value(L->src, n, "scaling", sc);
	}
	if (rc == 0 && ww && strcmp(ww, "auto") != 0)
		rc = fo_length(L->src, n, "width", ww, st->size, avail, &vw);
	if (rc == 0 && hh && strcmp(hh, "auto") != 0)
		rc = fo_length(L->src, n, "height", hh, st->size, -1, &vh);
	int setw = 0, seth = 0;
	for (int i = 0; i < 2 && rc == 0; i++) {
		const char *v = i ? ch : cw;
		double *d = i ? &h : &w, intr = i ? ih : iw, box = i ? vh : vw;
		if (!v || strcmp(v, "auto") == 0)
			continue;
		if (strcmp(v, "scale-to-fit") == 0) {
			double lim = box > 0 ? box : (i ? -1 : avail);
			if (lim > 0) {
				*d = lim;
				*(i ? &seth : &setw) = 1;
			}
			continue;
		}
		rc = fo_length(L->src, n, i ? "content-height" : "content-width", v, st->size, intr, d);
		*(i ? &seth : &setw) = 1;
	}
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	if (uniform && setw && !seth) h = ih * w / iw;
	else if (uniform && seth && !setw) w = iw * h / ih;
	else if (uniform && setw && seth) {
		double f = MIN(w / iw, h / ih);
		w = iw * f;
		h = ih * f;
	}
	inl_obj *o = g_new0(inl_obj, 1);
	o->kind = OBJ_IMAGE;
	o->w = vw > w ? vw : w;
	o->h = vh > h ? vh : h;
	o->path = path;
	o->alt = g_strdup(st->alt);
	add_obj(P, st, o);
	/* the image sits at the start of its viewport: record the drawn size */
	o->w = w > 0 ? w : o->w;
	o->h = h > 0 ? h : o->h;
	return 0;
}

static int leader(lay_doc *L, para *P, xmlNode *n, const fo_style *st, double avail)
{
	inl_obj *o = g_new0(inl_obj, 1);
	o->kind = OBJ_LEADER;
	o->opt = 12;
	o->max = avail;
	o->thick = 1;
	o->color = st->color;
	double minv = 0;
	int rc = 0;
	const char *pat = fo_attr(n, "leader-pattern");
	if (pat) {
		if (strcmp(pat, "space") == 0) o->pattern = 0;
		else if (strcmp(pat, "rule") == 0) o->pattern = 1;
		else if (strcmp(pat, "dots") == 0) o->pattern = 2;
		else rc = fo_bad_value(L->src, n, "leader-pattern", pat);
	}
	const char *v;
	if (rc == 0 && (v = fo_attr(n, "leader-length"))) {
		rc = fo_length(L->src, n, "leader-length", v, st->size, avail, &o->opt);
		o->max = minv = o->opt;
	}
	if (rc == 0 && (v = fo_attr(n, "leader-length.minimum")))
		rc = fo_length(L->src, n, "leader-length.minimum", v, st->size, avail, &minv);
	if (rc == 0 && (v = fo_attr(n, "leader-length.optimum")))
		rc = fo_length(L->src, n, "leader-length.optimum", v, st->size, avail, &o->opt);
	if (rc == 0 && (v = fo_attr(n, "leader-length.maximum")))
		rc = fo_length(L->src, n, "leader-length.maximum", v, st->size, avail, &o->max);
	if (rc == 0 && (v = fo_attr(n, "rule-thickness")))
		rc = fo_length(L->src, n, "rule-thickness", v, st->size, -1, &o->thick);
	if (rc == 0 && (v = fo_attr(n, "rule-style"))) {
		if (strcmp(v, "solid") == 0) o->rstyle = BORDER_SOLID;
		else if (strcmp(v, "dashed") == 0) o->rstyle = BORDER_DASHED;
		else if (strcmp(v, "dotted") == 0) o->rstyle = BORDER_DOTTED;
		else rc = fo_bad_value(L->src, n, "rule-style", v);
	}
	if (rc < 0) {
		obj_free(o);
		return rc;
	}
	if (o->opt < minv)
		o->opt = minv;
	if (o->max < o->opt)
		o->max = o->opt;
	if (o->opt > avail)
		o->opt = avail;
	o->w = o->opt;
	add_obj(P, st, o);
	return 0;
}

static const char *citation(lay_doc *L, xmlNode *n, const char *ref, int last, int *rc)
{
	GHashTable *t = last ? L->ids_prev_last : L->ids_prev_first;
	const char *v = t ? g_hash_table_lookup(t, ref) : NULL;
	L->needs_pass = 1;
	if (v)
		return v;
	if (L->final_pass)
		*rc = cd_error_at(L->src->name, xmlGetLineNo(n), "no element has id '%s' (ref-id of %s)", ref,
		                  fo_kind_name(fo_kind_of(n)));
	return "0";
}

static int inline_level(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *ps, area A)
{
	fo_kind k = fo_kind_of(n);
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	double avail = P->w;
	if (st.id) {
		id_at d = { (int)P->text->len, g_strdup(st.id), 0 };
		g_array_append_val(P->ids, d);
		P->active = 1;
	}
	switch (k) {
	case FO_INLINE:
		rc = content(L, vb, P, n, &st, A, 1);
		break;
	case FO_BASIC_LINK: {
		const char *in = fo_attr(n, "internal-destination"), *ex = fo_attr(n, "external-destination");
		if (!in == !ex)
			return cd_error_at(L->src->name, xmlGetLineNo(n),
			                   "fo:basic-link needs one of 'internal-destination' and 'external-destination'");
		int start = (int)P->text->len;
		if (in && L->link_refs) {
			g_ptr_array_add(L->link_refs, g_strdup(in));
			g_ptr_array_add(L->link_refs, GINT_TO_POINTER(xmlGetLineNo(n)));
		}
		rc = content(L, vb, P, n, &st, A, 1);
		link_rng lr = { start, (int)P->text->len, ex ? strip_url(ex) : NULL, in ? g_strdup(in) : NULL };
		if (lr.end > lr.start)
			g_array_append_val(P->links, lr);
		else
			g_free(lr.uri), g_free(lr.dest);
		break;
	}
	case FO_CHARACTER: {
		const char *c = fo_attr(n, "character");
		if (!c || !*c || g_utf8_strlen(c, -1) != 1)
			return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:character needs one 'character'");
		if (n->children && !fo_is_blank(n->children))
			return fo_bad_child(L->src, n->children, n);
		add_literal(P, &st, c);
		break;
	}
	case FO_PAGE_NUMBER:
		if (L->in_static) {
			add_literal(P, &st, L->cur_label ? L->cur_label : "");
		} else {
			char *key = g_strdup_printf("\002pn%d", L->serial++);
			const char *v = L->ids_prev_first ? g_hash_table_lookup(L->ids_prev_first, key) : NULL;
			L->needs_pass = 1;
			id_at d = { (int)P->text->len, key, 0 };
			g_array_append_val(P->ids, d);
			add_literal(P, &st, v ? v : "0");
		}
		break;
	case FO_PAGE_NUMBER_CITATION:
	case FO_PAGE_NUMBER_CITATION_LAST: {
		const char *ref = fo_attr(n, "ref-id");
		if (!ref)
			return cd_error_at(L->src->name, xmlGetLineNo(n), "%s needs a 'ref-id'", fo_kind_name(k));
		const char *v = citation(L, n, ref, k == FO_PAGE_NUMBER_CITATION_LAST, &rc);
		if (rc == 0)
			add_literal(P, &st, v);
		break;
	}
	case FO_LEADER:
		for (xmlNode *c = n->children; c; c = c->next)
			if (!fo_is_blank(c) && c->type != XML_COMMENT_NODE)
				return fo_bad_child(L->src, c, n);
		rc = leader(L, P, n, &st, avail);
		break;
	case FO_EXTERNAL_GRAPHIC:
		for (xmlNode *c = n->children; c; c = c->next)
			if (!fo_is_blank(c) && c->type != XML_COMMENT_NODE)
				return fo_bad_child(L->src, c, n);
		rc = graphic(L, P, n, &st, avail);
		break;
	default:
		return fo_bad_child(L->src, n, n->parent);
	}
	if (rc == 0 && st.id && k != FO_PAGE_NUMBER) {
		id_at d = { (int)P->text->len, g_strdup(st.id), 1 };
		g_array_append_val(P->ids, d);
	}
	return rc;
}

/* Moves the entries of `sub` into vb after a glued start: breaks inside get the keeps of the
 * blocks open in vb. */
static void splice(vbuild *vb, vbuild *sub, size_t from)
{
	int outer = 0;
	for (int i = 0; i < vb->nopen; i++)
		if (vb->open[i].keep > outer)
			outer = vb->open[i].keep;
	for (guint i = (guint)from; i < sub->v->len; i++) {
		vent *e = sub->v->pdata[i];
		if (e->kind == V_BOX || (e->kind == V_OPEN && e->h > 0)) {
			if (vb->glue_next) {
				e->brk = FORBID;
				vb->glue_next = 0;
			} else if (outer > e->brk) {
				e->brk = outer;
			}
			vb->nboxes++;
		}
		g_ptr_array_add(vb->v, e);
		sub->v->pdata[i] = NULL;
	}
	vb->pending_kwn = sub->pending_kwn;
}

/* Emits a whole list into a fresh item buffer; returns its height. */
static cd_page *render_list(GPtrArray *v, double *h, int move)
{
	emitter em;
	memset(&em, 0, sizeof em);
	cd_page *pg = ibuf_new();
	em_start(&em, pg, 0, 0);
	emit_range(&em, v, 0, v->len, move);
	em_finish(&em);
	*h = em.y;
	return pg;
}

static int do_block_container(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	const char *pos = fo_attr(n, "absolute-position");
	int mode = 0;   /* 0 auto, 1 absolute, 2 fixed */
	if (pos && strcmp(pos, "absolute") == 0) mode = 1;
	else if (pos && strcmp(pos, "fixed") == 0) mode = 2;
	else if (pos && strcmp(pos, "auto") != 0) return fo_bad_value(L->src, n, "absolute-position", pos);
	double x = A.ax + st.start_indent, w = A.refw - st.start_indent - st.end_indent, hgt = -1, top = 0, left = 0;
	const char *v;
	if ((v = fo_attr(n, "width")) && strcmp(v, "auto") != 0 && fo_length(L->src, n, "width", v, st.size, A.refw, &w) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "height")) && strcmp(v, "auto") != 0 && fo_length(L->src, n, "height", v, st.size, -1, &hgt) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "top")) && fo_length(L->src, n, "top", v, st.size, -1, &top) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "left")) && fo_length(L->src, n, "left", v, st.size, A.refw, &left) < 0)
		return -CD_EXIT_INVALID;
	if (mode == 0 && (fo_attr(n, "top") || fo_attr(n, "left")))
		return cd_error_at(L->src->name, xmlGetLineNo(n), "'top' and 'left' need absolute-position=\"absolute\" or \"fixed\" on fo:block-container");
	if (w <= 0)
		return fo_bad_value(L->src, n, "width", fo_attr(n, "width") ? fo_attr(n, "width") : "auto");
	/* a reference area: indents inside start again from its edges */
	fo_style inner = st;
	inner.start_indent = inner.end_indent = 0;
	const char *role = st.role ? st.role : (st.alt ? "Figure" : NULL);
	if (mode == 0) {
		open_block(vb, &st, ps, x, w, role);
		area B = { x, w };
		size_t start = vb->v->len;
		para P;
		para_init(&P);
		P.base = inner;
		rc = content(L, vb, &P, n, &inner, B, 0);
		para_free(&P);
		if (rc < 0)
			return rc;
		if (hgt > 0) {
			/* the minimum height; display-align puts the free room before, around or after */
			double used = measure(vb->v, start, vb->v->len, 0, NULL);
			if (used < hgt) {
				double room = hgt - used;
				double before = st.display_align == DISPLAY_CENTER ? room / 2 : st.display_align == DISPLAY_AFTER ? room : 0;
				if (before > 0) {
					vent *e = g_new0(vent, 1);
					e->kind = V_BOX;
					e->h = before;
					e->brk = FORBID;
					g_ptr_array_insert(vb->v, (gint)start, e);
				}
				if (room - before > 0)
					vadd_box(vb, NULL, room - before, KEEP_ALWAYS);
			}
		}
		close_block(vb, &st, role);
		return 0;
	}
	/* absolute or fixed: laid out apart, placed on the page where it falls, takes no room */
	vbuild sub;
	vb_init(&sub);
	double cx = st.border[SIDE_START].width + st.pad[SIDE_START];
	double cw = w - cx - st.border[SIDE_END].width - st.pad[SIDE_END];
	area B = { cx, cw };
	para P;
	para_init(&P);
	P.base = inner;
	rc = content(L, &sub, &P, n, &inner, B, 0);
	para_free(&P);
	if (rc < 0) {
		vb_clear(&sub);
		return rc;
	}
	double ch;
	cd_page *items = render_list(sub.v, &ch, 1);
	vb_clear(&sub);
	double bh = st.border[SIDE_BEFORE].width + st.pad[SIDE_BEFORE] + ch + st.pad[SIDE_AFTER] + st.border[SIDE_AFTER].width;
	double shift = 0;
	if (hgt > bh) {
		shift = st.display_align == DISPLAY_CENTER ? (hgt - bh) / 2 : st.display_align == DISPLAY_AFTER ? hgt - bh : 0;
		bh = hgt;
	}
	cd_page *box = ibuf_new();
	if (role)
		put_tag(box, role, st.alt, NULL);
	if (st.bg.a > 0)
		put_rect(box, 0, 0, w, bh, st.bg);
	put_all(box, items, 0, st.border[SIDE_BEFORE].width + st.pad[SIDE_BEFORE] + shift, 1);
	cd_page_free(items);
	const fo_border *b = st.border;
	if (b[SIDE_BEFORE].width > 0) put_line(box, 0, b[0].width / 2, w, b[0].width / 2, b[0].width, b[0].color, b[0].style);
	if (b[SIDE_AFTER].width > 0) put_line(box, 0, bh - b[1].width / 2, w, bh - b[1].width / 2, b[1].width, b[1].color, b[1].style);
	if (b[SIDE_START].width > 0) put_line(box, b[2].width / 2, 0, b[2].width / 2, bh, b[2].width, b[2].color, b[2].style);
	if (b[SIDE_END].width > 0) put_line(box, w - b[3].width / 2, 0, w - b[3].width / 2, bh, b[3].width, b[3].color, b[3].style);
	if (role)
		put_tag_end(box);
	if (st.id) {
		vent *d = vadd(vb, V_DEST);
		d->id = g_strdup(st.id);
	}
	vent *e = vadd(vb, V_ABS);
	e->box = box;
	e->fixed = mode == 2;
	e->ax = left;
	e->ay = top;
	return 0;
}

static int do_list(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	double x = A.ax + st.start_indent, w = A.refw - st.start_indent - st.end_indent;
	const char *role = st.role ? st.role : "L";
	open_block(vb, &st, ps, x, w, role);
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_LIST_ITEM)
			return fo_bad_child(L->src, c, n);
		fo_style ist;
		if ((rc = style_of(L, c, &st, A.refw, &ist)) < 0)
			return rc;
		xmlNode *parts[2] = { NULL, NULL };
		int np = 0;
		for (xmlNode *d = c->children; d; d = d->next) {
			if (d->type == XML_COMMENT_NODE || fo_is_blank(d))
				continue;
			fo_kind k = fo_kind_of(d);
			if (np == 0 && k == FO_LIST_ITEM_LABEL) parts[np++] = d;
			else if (np == 1 && k == FO_LIST_ITEM_BODY) parts[np++] = d;
			else return fo_bad_child(L->src, d, c);
		}
		if (np != 2)
			return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:list-item needs a fo:list-item-label and a fo:list-item-body");
		double ix = A.ax + ist.start_indent, iw = A.refw - ist.start_indent - ist.end_indent;
		open_block(vb, &ist, &st, ix, iw, ist.role ? ist.role : "LI");
		fo_style lst, bst;
		if ((rc = style_of(L, parts[0], &ist, A.refw, &lst)) < 0 || (rc = style_of(L, parts[1], &ist, A.refw, &bst)) < 0)
			return rc;
		/* without explicit indents the label ends at label-end() and the body starts at body-start() */
		if (!fo_attr(parts[0], "end-indent"))
			lst.end_indent = A.refw - (ist.start_indent + ist.pdbs - ist.pls);
		if (!fo_attr(parts[1], "start-indent"))
			bst.start_indent = ist.start_indent + ist.pdbs;
		vbuild lv, bv;
		vb_init(&lv);
		vb_init(&bv);
		para P;
		para_init(&P);
		P.base = lst;
		rc = content(L, &lv, &P, parts[0], &lst, A, 0);
		para_reset(&P);
		P.base = bst;
		if (rc == 0)
			rc = content(L, &bv, &P, parts[1], &bst, A, 0);
		para_free(&P);
		if (rc < 0) {
			vb_clear(&lv);
			vb_clear(&bv);
			return rc;
		}
		double lh;
		cd_page *label = render_list(lv.v, &lh, 1);
		vb_clear(&lv);
		/* the body's leading spaces go before the label, so that both start at one line */
		guint k = 0;
		while (k < bv.v->len && ((vent *)bv.v->pdata[k])->kind == V_SPACE) {
			vent *e = bv.v->pdata[k];
			vadd_space(vb, e->h, e->retain);
			k++;
		}
		vadd_tag(vb, "Lbl", NULL, NULL);
		vadd_box(vb, label, 0, 0);
		vadd(vb, V_TAGEND);
		vadd_tag(vb, "LBody", NULL, NULL);
		vb->glue_next = 1;
		splice(vb, &bv, k);
		vb_clear(&bv);
		vb->glue_next = 0;
		vadd(vb, V_TAGEND);
		close_block(vb, &ist, ist.role ? ist.role : "LI");
	}
	close_block(vb, &st, role);
	return rc;
}

/* ------------------------------------------------------------------ tables */

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
} table;

static void table_free(table *t)
{
	if (!t)
		return;
	cd_page_free(t->hdr);
	g_free(t);
}

static void row_free(row *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n; i++)
		if (r->cells[i].v)
			g_ptr_array_free(r->cells[i].v, TRUE);
	g_free(r->cells);
	g_free(r);
}

static double row_content_h(row *r, int i, GArray *marks)
{
	cell *c = &r->cells[i];
	return measure(c->v, c->from, c->v->len, 1, marks);
}

/* Height of the row (the rest of it, for a split row). */
static double row_height(row *r)
{
	double h = r->started ? 0 : r->minh;
	for (int i = 0; i < r->n; i++) {
		double ch = row_content_h(r, i, NULL) + r->cells[i].inset[SIDE_BEFORE] + r->cells[i].inset[SIDE_AFTER];
		if (ch > h)
			h = ch;
	}
	return h;
}

static void draw_cell_borders(cd_page *pg, const cell *c, double y, double h, int collapse)
{
	const fo_border *b = c->st.border;
	double x = c->x, w = c->w;
	/* collapsed borders sit on the grid lines; separate ones inside the cell */
	double in0 = collapse ? 0 : b[0].width / 2, in1 = collapse ? 0 : b[1].width / 2;
	double in2 = collapse ? 0 : b[2].width / 2, in3 = collapse ? 0 : b[3].width / 2;
	if (b[0].width > 0) put_line(pg, x, y + in0, x + w, y + in0, b[0].width, b[0].color, b[0].style);
	if (b[1].width > 0) put_line(pg, x, y + h - in1, x + w, y + h - in1, b[1].width, b[1].color, b[1].style);
	if (b[2].width > 0) put_line(pg, x + in2, y, x + in2, y + h, b[2].width, b[2].color, b[2].style);
	if (b[3].width > 0) put_line(pg, x + w - in3, y, x + w - in3, y + h, b[3].width, b[3].color, b[3].style);
}

/* Emits the row, or the part of it whose content fits in `avail` (avail < 0: all of it).
 * Returns the items and sets *h; NULL when not even one line of any cell fits. */
static cd_page *row_emit(row *r, double avail, double *h, int collapse, int move)
{
	size_t cut[r->n > 0 ? r->n : 1];
	double ch[r->n > 0 ? r->n : 1];
	double rh = r->started ? 0 : r->minh;
	int any = 0;
	for (int i = 0; i < r->n; i++) {
		cell *c = &r->cells[i];
		cut[i] = c->v->len;
		double ins = c->inset[SIDE_BEFORE] + c->inset[SIDE_AFTER];
		if (avail < 0) {
			ch[i] = row_content_h(r, i, NULL);
		} else {
			GArray *marks = g_array_new(FALSE, FALSE, sizeof(vmark));
			double full = row_content_h(r, i, marks);
			ch[i] = full;
			if (full + ins > avail) {
				size_t k = c->from;
				double used = 0;
				for (guint m = 0; m < marks->len; m++) {
					vmark *mk = &g_array_index(marks, vmark, m);
					if (mk->bot + ins > avail + EPS)
						break;
					k = mk->k + 1;
					used = mk->bot;
				}
				/* end the part after the last line that fits, with its closings */
				while (k < c->v->len) {
					vent *e = c->v->pdata[k];
					if (e->kind == V_CLOSE || e->kind == V_TAGEND || e->kind == V_IDEND)
						k++;
					else
						break;
				}
				cut[i] = k;
				ch[i] = used;
			}
			g_array_free(marks, TRUE);
		}
		if (cut[i] > c->from || c->v->len == c->from)
			any = any || cut[i] > c->from;
		double hh = ch[i] + ins;
		if (hh > rh)
			rh = hh;
	}
	if (avail >= 0 && !any)
		return NULL;
	cd_page *pg = ibuf_new();
	put_tag(pg, "TR", NULL, NULL);
	if (r->bg.a > 0)
		put_rect(pg, r->x, 0, r->w, rh, r->bg);
	for (int i = 0; i < r->n; i++) {
		cell *c = &r->cells[i];
		put_tag(pg, c->role, NULL, NULL);
		if (c->st.bg.a > 0)
			put_rect(pg, c->x, 0, c->w, rh, c->st.bg);
		double dy = c->inset[SIDE_BEFORE];
		double free_h = rh - c->inset[SIDE_BEFORE] - c->inset[SIDE_AFTER] - ch[i];
		if (c->st.display_align == DISPLAY_CENTER) dy += free_h / 2;
		else if (c->st.display_align == DISPLAY_AFTER) dy += free_h;
		emitter em;
		memset(&em, 0, sizeof em);
		em.balance = 1;
		em_state_before(&em, c->v, c->from);
		em_start(&em, pg, 0, dy);
		emit_range(&em, c->v, c->from, cut[i], move);
		em_finish(&em);
		draw_cell_borders(pg, c, 0, rh, collapse);
		put_tag_end(pg);
		c->from = cut[i];
	}
	put_tag_end(pg);
	r->started = 1;
	*h = rh;
	return pg;
}

typedef struct colspec { double fixed; double prop; } colspec;

static int table_columns(lay_doc *L, xmlNode *t, const fo_style *st, double tw, GArray *cols)
{
	for (xmlNode *c = t->children; c; c = c->next) {
		if (fo_kind_of(c) != FO_TABLE_COLUMN)
			continue;
		fo_style cs;
		int rc = style_of(L, c, st, tw, &cs);
		if (rc < 0)
			return rc;
		colspec s = { 0, 1 };
		const char *v = fo_attr(c, "column-width");
		if (v && strncmp(v, "proportional-column-width(", 26) == 0) {
			char *end;
			s.prop = g_ascii_strtod(v + 26, &end);
			if (end == v + 26 || strcmp(end, ")") != 0 || s.prop <= 0)
				return fo_bad_value(L->src, c, "column-width", v);
		} else if (v && strcmp(v, "auto") != 0) {
			if (fo_length(L->src, c, "column-width", v, cs.size, tw, &s.fixed) < 0)
				return -CD_EXIT_INVALID;
			s.prop = 0;
		}
		int rep = 1;
		if ((v = fo_attr(c, "number-columns-repeated")) && fo_integer(L->src, c, "number-columns-repeated", v, 1, &rep) < 0)
			return -CD_EXIT_INVALID;
		int num = (int)cols->len + 1;
		if ((v = fo_attr(c, "column-number")) && (fo_integer(L->src, c, "column-number", v, 1, &num) < 0 || num != (int)cols->len + 1))
			return v ? fo_bad_value(L->src, c, "column-number", v) : -CD_EXIT_INVALID;
		for (int i = 0; i < rep; i++)
			g_array_append_val(cols, s);
	}
	return 0;
}

/* Builds one fo:table-row (or the rows of a part) into row structures. */
static int table_row(lay_doc *L, xmlNode *rn, const fo_style *ps, const double *colx, int ncols,
                     double tx, int header, row **out)
{
	fo_style rs;
	int rc = style_of(L, rn, ps, colx[ncols], &rs);
	if (rc < 0)
		return rc;
	row *r = g_new0(row, 1);
	r->header = header;
	r->collapse = ps->border_collapse;
	r->bg = rs.bg;
	r->x = tx;
	r->w = colx[ncols];
	const char *v = fo_attr(rn, "height");
	if (v && strcmp(v, "auto") != 0 && fo_length(L->src, rn, "height", v, rs.size, -1, &r->minh) < 0) {
		row_free(r);
		return -CD_EXIT_INVALID;
	}
	int col = 0;
	for (xmlNode *c = rn->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_TABLE_CELL) {
			rc = fo_bad_child(L->src, c, rn);
			break;
		}
		int span = 1, rspan = 1;
		if ((v = fo_attr(c, "number-columns-spanning")) && (rc = fo_integer(L->src, c, "number-columns-spanning", v, 1, &span)) < 0)
			break;
		if ((v = fo_attr(c, "number-rows-spanning")) && ((rc = fo_integer(L->src, c, "number-rows-spanning", v, 1, &rspan)) < 0 || rspan != 1)) {
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "unsupported value '%s' for property 'number-rows-spanning' on fo:table-cell", v);
			break;
		}
		if (col + span > ncols) {
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:table-cell goes past the last of %d columns", ncols);
			break;
		}
		r->cells = g_renew(cell, r->cells, r->n + 1);
		cell *ce = &r->cells[r->n++];
		memset(ce, 0, sizeof *ce);
		double cw = colx[col + span] - colx[col];
		if ((rc = style_of(L, c, &rs, cw, &ce->st)) < 0)
			break;
		ce->x = tx + colx[col];
		ce->w = cw;
		ce->role = ce->st.role ? ce->st.role : header ? "TH" : "TD";
		for (int s = 0; s < 4; s++)
			ce->inset[s] = ce->st.pad[s] + (ps->border_collapse ? ce->st.border[s].width / 2 : ce->st.border[s].width);
		fo_style inner = ce->st;
		inner.start_indent = inner.end_indent = 0;
		area A = { ce->x + ce->inset[SIDE_START], cw - ce->inset[SIDE_START] - ce->inset[SIDE_END] };
		vbuild sub;
		vb_init(&sub);
		para P;
		para_init(&P);
		P.base = inner;
		if (ce->st.id) {
			vent *e = vadd(&sub, V_DEST);
			e->id = g_strdup(ce->st.id);
		}
		rc = content(L, &sub, &P, c, &inner, A, 0);
		para_free(&P);
		ce->v = sub.v;
		col += span;
	}
	if (rc < 0) {
		row_free(r);
		return rc;
	}
	*out = r;
	/* keeps and breaks of the row go on the row */
	r->minh = r->minh;
	(void)rs;
	return 0;
}

static int do_table(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	double x = A.ax + st.start_indent, w = A.refw - st.start_indent - st.end_indent;
	const char *v;
	if ((v = fo_attr(n, "width")) && strcmp(v, "auto") != 0 && fo_length(L->src, n, "width", v, st.size, A.refw, &w) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "table-layout")) && strcmp(v, "fixed") != 0 && strcmp(v, "auto") != 0)
		return fo_bad_value(L->src, n, "table-layout", v);
	int omit = 0;
	if ((v = fo_attr(n, "table-omit-header-at-break"))) {
		if (strcmp(v, "true") == 0) omit = 1;
		else if (strcmp(v, "false") != 0) return fo_bad_value(L->src, n, "table-omit-header-at-break", v);
	}
	/* children: columns, then header, footer, body parts */
	xmlNode *header = NULL, *footer = NULL;
	int seen_part = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_TABLE_COLUMN && !seen_part) continue;
		if (k == FO_TABLE_HEADER && !header && !seen_part) { header = c; continue; }
		if (k == FO_TABLE_FOOTER && !footer && !seen_part) { footer = c; continue; }
		if (k == FO_TABLE_BODY) { seen_part = 1; continue; }
		return fo_bad_child(L->src, c, n);
	}
	if (!seen_part)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:table needs a fo:table-body");
	GArray *cols = g_array_new(FALSE, FALSE, sizeof(colspec));
	if ((rc = table_columns(L, n, &st, w, cols)) < 0) {
		g_array_free(cols, TRUE);
		return rc;
	}
	if (cols->len == 0) {
		/* no fo:table-column: as many equal columns as the widest first row */
		int most = 0;
		for (xmlNode *p = n->children; p; p = p->next)
			for (xmlNode *r = p->children; r; r = r->next)
				if (fo_kind_of(r) == FO_TABLE_ROW) {
					int cnt = 0;
					for (xmlNode *c = r->children; c; c = c->next)
						if (fo_kind_of(c) == FO_TABLE_CELL) {
							const char *sp = fo_attr(c, "number-columns-spanning");
							cnt += sp ? MAX(1, atoi(sp)) : 1;
						}
					most = MAX(most, cnt);
				}
		for (int i = 0; i < most; i++) {
			colspec s = { 0, 1 };
			g_array_append_val(cols, s);
		}
	}
	for (xmlNode *p = n->children; p; p = p->next) {
		fo_kind pk = fo_kind_of(p);
		if (pk != FO_TABLE_HEADER && pk != FO_TABLE_FOOTER && pk != FO_TABLE_BODY)
			continue;
		for (xmlNode *r = p->children; r; r = r->next)
			if (r->type != XML_COMMENT_NODE && !fo_is_blank(r) && fo_kind_of(r) != FO_TABLE_ROW) {
				g_array_free(cols, TRUE);
				return fo_bad_child(L->src, r, p);
			}
	}
	int ncols = (int)cols->len;
	double fixed = 0, prop = 0;
	for (int i = 0; i < ncols; i++) {
		fixed += g_array_index(cols, colspec, i).fixed;
		prop += g_array_index(cols, colspec, i).prop;
	}
	double colx[ncols + 1];
	colx[0] = 0;
	for (int i = 0; i < ncols; i++) {
		colspec *s = &g_array_index(cols, colspec, i);
		double cw = s->fixed + (prop > 0 ? MAX(0, w - fixed) * s->prop / prop : 0);
		colx[i + 1] = colx[i] + cw;
	}
	g_array_free(cols, TRUE);
	if (ncols == 0)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:table has no columns");

	const char *role = st.role ? st.role : "Table";
	open_block(vb, &st, ps, x, colx[ncols], role);
	table *tab = g_new0(table, 1);
	tab->omit = omit;
	tab->hdr = ibuf_new();
	vent *te = vadd(vb, V_TABLE);
	te->tab = tab;
	xmlNode *parts[64];
	int np = 0;
	if (header) parts[np++] = header;
	for (xmlNode *c = n->children; c && np < 62; c = c->next)
		if (fo_kind_of(c) == FO_TABLE_BODY)
			parts[np++] = c;
	if (footer) parts[np++] = footer;
	for (int p = 0; p < np && rc == 0; p++) {
		xmlNode *part = parts[p];
		fo_kind pk = fo_kind_of(part);
		fo_style pst;
		if ((rc = style_of(L, part, &st, w, &pst)) < 0)
			break;
		pst.border_collapse = st.border_collapse;
		vadd_tag(vb, pk == FO_TABLE_HEADER ? "THead" : pk == FO_TABLE_FOOTER ? "TFoot" : "TBody", NULL, NULL);
		if (pst.id) {
			vent *e = vadd(vb, V_DEST);
			e->id = g_strdup(pst.id);
		}
		int first_row = 1;
		for (xmlNode *rn = part->children; rn && rc == 0; rn = rn->next) {
			if (rn->type == XML_COMMENT_NODE || fo_is_blank(rn))
				continue;
			if (fo_kind_of(rn) != FO_TABLE_ROW) {
				rc = fo_bad_child(L->src, rn, part);
				break;
			}
			row *r;
			if ((rc = table_row(L, rn, &pst, colx, ncols, x, pk == FO_TABLE_HEADER, &r)) < 0)
				break;
			fo_style rs;
			style_of(L, rn, &pst, w, &rs);
			if (rs.break_before != BREAK_AUTO) {
				vent *e = vadd(vb, V_BREAK);
				e->brk_kind = rs.break_before;
			}
			if (rs.id) {
				vent *e = vadd(vb, V_DEST);
				e->id = g_strdup(rs.id);
			}
			if (rs.keep_prev > vb->pending_kwp)
				vb->pending_kwp = rs.keep_prev;
			int extra = 0;
			if (first_row && pk == FO_TABLE_BODY && p > 0 && header)
				extra = KEEP_ALWAYS;    /* never a header alone at the foot of a page */
			if (pk == FO_TABLE_HEADER && !first_row)
				extra = FORBID;
			if (pk == FO_TABLE_FOOTER)
				extra = KEEP_ALWAYS;
			double h = row_height(r);
			if (L->max_body_h > 0 && h > L->max_body_h && pk == FO_TABLE_BODY) {
				vent *e = vadd_box(vb, NULL, h, extra);
				e->row = r;
				(void)st;
			} else {
				cd_page *items = row_emit(r, -1, &h, st.border_collapse, 1);
				if (pk == FO_TABLE_HEADER) {
					put_all(tab->hdr, items, 0, tab->hdr_h, 0);
					tab->hdr_h += h;
				}
				vadd_box(vb, items, h, extra);
				row_free(r);
			}
			if (rs.keep_next > vb->pending_kwn)
				vb->pending_kwn = rs.keep_next;
			if (rs.break_after != BREAK_AUTO) {
				vent *e = vadd(vb, V_BREAK);
				e->brk_kind = rs.break_after;
			}
			first_row = 0;
		}
		vadd(vb, V_TAGEND);
	}
	vent *tend = vadd(vb, V_TABLE_END);
	tend->tab = tab;   /* owner */
	if (rc == 0)
		close_block(vb, &st, role);
	return rc;
}

static int block_level(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	switch (fo_kind_of(n)) {
	case FO_BLOCK: return do_block(L, vb, n, ps, A);
	case FO_BLOCK_CONTAINER: return do_block_container(L, vb, n, ps, A);
	case FO_LIST_BLOCK: return do_list(L, vb, n, ps, A);
	case FO_TABLE: return do_table(L, vb, n, ps, A);
	default: return fo_bad_child(L->src, n, n->parent);
	}
}

/* ------------------------------------------------------------------ pages */

static double glued_after(GPtrArray *v, size_t k)
{
	double h = 0;
	for (size_t j = k + 1; j < v->len; j++) {
		vent *e = v->pdata[j];
		if (e->kind == V_CLOSE)
			h += e->h;
		else if (e->kind != V_TAGEND && e->kind != V_IDEND)
			break;
	}
	return h;
}

/* Where the page that starts at entry i ends: the entries [i, result) go on it. Rows that fit
 * no page are split here (a new entry for the part that fits is inserted). */
static size_t fit(GPtrArray *v, size_t i, double avail)
{
	double y = 0, pending = 0;
	int at_top = 1;
	size_t best = 0;
	int best_pen = INT_MAX, have = 0;
	for (size_t k = i; k < v->len; k++) {
		vent *e = v->pdata[k];
		switch (e->kind) {
		case V_SPACE:
			if ((!at_top || e->retain) && e->h > pending)
				pending = e->h;
			break;
		case V_BREAK:
			if (!at_top)
				return k;
			break;
		case V_BOX:
		case V_OPEN:
		case V_CLOSE: {
			if (e->kind != V_BOX && e->h <= 0)
				break;
			int cand = e->kind != V_CLOSE && !at_top && e->brk < FORBID;
			if (cand && e->brk <= best_pen) {
				best = k;
				best_pen = e->brk;
				have = 1;
			}
			double need = pending + e->h + (e->kind != V_CLOSE ? glued_after(v, k) : 0);
			if (y + need > avail + EPS) {
				if (e->row) {
					double ph;
					double room = avail - y - (at_top ? 0 : pending) - glued_after(v, k);
					cd_page *part = row_emit(e->row, room, &ph, e->row->collapse, 1);
					if (!part && at_top)
						part = row_emit(e->row, -1, &ph, e->row->collapse, 1);
					if (part) {
						vent *p = g_new0(vent, 1);
						p->kind = V_BOX;
						p->box = part;
						p->h = ph;
						p->brk = e->brk;
						e->brk = 0;
						int done = 1;
						for (int c = 0; c < e->row->n; c++)
							if (e->row->cells[c].from < e->row->cells[c].v->len)
								done = 0;
						if (done) {
							/* all of it fitted after all: the row entry becomes the part */
							row_free(e->row);
							e->row = NULL;
							cd_page_free(e->box);
							e->box = part;
							e->h = ph;
							e->brk = p->brk;
							g_free(p);
						} else {
							e->h = row_height(e->row);
							g_ptr_array_insert(v, (gint)k, p);
						}
						k--;       /* place the part */
						continue;
					}
				}
				if (at_top) {
					/* taller than the page: it goes alone, overflowing */
					y += need;
					at_top = 0;
					pending = 0;
					break;
				}
				size_t r = have ? best : k;
				r = break_start(v, i, r);
				if (r <= i)
					r = have && best > i ? best : k;
				if (r <= i)
					r = k + 1;
				return r;
			}
			if (e->row) {
				/* the rest of a split row fits: make it now */
				double ph;
				cd_page *part = row_emit(e->row, -1, &ph, e->row->collapse, 1);
				row_free(e->row);
				e->row = NULL;
				cd_page_free(e->box);
				e->box = part;
				e->h = ph;
			}
			y += pending + e->h;
			pending = 0;
			if (e->h > 0)
				at_top = 0;
			break;
		}
		default:
			break;
		}
	}
	return v->len;
}

static char *roman(int n, int upper)
{
	static const char *const r[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
	static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
	GString *s = g_string_new(NULL);
	for (int i = 0; i < 13 && n > 0; i++)
		while (n >= val[i]) {
			g_string_append(s, r[i]);
			n -= val[i];
		}
	if (upper)
		for (char *p = s->str; *p; p++)
			*p = (char)g_ascii_toupper(*p);
	return g_string_free(s, FALSE);
}

static char *page_label(int n, char fmt, int width)
{
	if (fmt == 'i' || fmt == 'I')
		return n > 0 && n < 5000 ? roman(n, fmt == 'I') : g_strdup_printf("%d", n);
	if (fmt == 'a' || fmt == 'A') {
		char buf[16];
		int k = 15;
		buf[k] = 0;
		for (int m = n; m > 0 && k > 0; m = (m - 1) / 26)
			buf[--k] = (char)(fmt + (m - 1) % 26);
		return g_strdup(buf + k);
	}
	return g_strdup_printf("%0*d", width, n);
}

/* Records where ids fall and drops the internal marks, then hands the page on (the previous
 * page first: the last one is held until the next page or the end of the document). */
static int deliver(lay_doc *L, cd_page *pg)
{
	size_t o = 0;
	for (size_t i = 0; i < pg->n; i++) {
		cd_item *it = &pg->items[i];
		if (it->kind == CD_ITEM_DEST) {
			const char *name = it->u.dest.name;
			if (name[0] == '\001') {
				g_hash_table_insert(L->ids_last, g_strdup(name + 5), g_strdup(pg->label));
				g_free(it->u.dest.name);
				continue;
			}
			if (!g_hash_table_contains(L->ids_first, name))
				g_hash_table_insert(L->ids_first, g_strdup(name), g_strdup(pg->label));
			if (!g_hash_table_contains(L->ids_last, name))
				g_hash_table_insert(L->ids_last, g_strdup(name), g_strdup(pg->label));
			if (name[0] == '\002') {
				g_free(it->u.dest.name);
				continue;
			}
		}
		pg->items[o++] = *it;
	}
	pg->n = o;
	int rc = 0;
	if (L->held)
		rc = L->emit(L->ud, L->held);
	L->held = pg;
	L->doc_pages++;
	return rc;
}

int lay_flush(lay_doc *L, int close_document)
{
	if (!L->held)
		return 0;
	if (close_document)
		put_tag_end(L->held);
	cd_page *pg = L->held;
	L->held = NULL;
	return L->emit(L->ud, pg);
}

static cd_page *new_page(lay_doc *L, double w, double h, const char *label)
{
	cd_page *pg = cd_page_new(w, h, ++L->page_index, label);
	if (L->first_page) {
		put_tag(pg, "Document", NULL, L->doc_lang);
		L->first_page = 0;
	}
	return pg;
}

int lay_blank(lay_doc *L, double w, double h)
{
	char *label = g_strdup_printf("%d", L->page_number + 1);
	L->page_number++;
	cd_page *pg = new_page(L, w, h, label);
	g_free(label);
	return deliver(L, pg);
}

/* ------------------------------------------------------------------ masters */

static void master_free(lay_master *m)
{
	g_free(m->name);
	g_free(m->body_name);
	for (int i = 0; i < 4; i++)
		g_free(m->region_name[i]);
	g_free(m);
}

static void seqmaster_free(lay_seqmaster *s)
{
	for (int i = 0; i < s->n_subs; i++)
		g_free(s->subs[i].conds);
	g_free(s->subs);
	g_free(s->name);
	g_free(s);
}

lay_doc *lay_doc_new(const fo_src *src, PangoContext *pctx, PangoLayout *layout, const char *base_dir)
{
	lay_doc *L = g_new0(lay_doc, 1);
	L->src = src;
	L->pctx = pctx;
	L->layout = layout;
	L->base_dir = g_strdup(base_dir ? base_dir : ".");
	L->masters = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)master_free);
	L->seqmasters = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)seqmaster_free);
	L->ids_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	L->ids_last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	L->first_page = 1;
	L->link_refs = g_ptr_array_new();
	return L;
}

void lay_doc_free(lay_doc *L)
{
	if (!L)
		return;
	cd_page_free(L->held);
	g_hash_table_destroy(L->masters);
	g_hash_table_destroy(L->seqmasters);
	g_hash_table_destroy(L->ids_first);
	g_hash_table_destroy(L->ids_last);
	for (guint i = 0; i < L->link_refs->len; i += 2)
		g_free(L->link_refs->pdata[i]);
	g_ptr_array_free(L->link_refs, TRUE);
	if (L->ids_prev_first)
		g_hash_table_destroy(L->ids_prev_first);
	if (L->ids_prev_last)
		g_hash_table_destroy(L->ids_prev_last);
	g_free(L->base_dir);
	g_free(L);
}

static int margins(lay_doc *L, xmlNode *n, double w, double m[4])
{
	fo_style base, st;
	fo_style_init(&base);
	int rc = fo_style_compute(L->src, n, &base, w, &st);
	if (rc < 0)
		return rc;
	const char *names[4] = { "margin-top", "margin-bottom", "margin-left", "margin-right" };
	m[0] = m[1] = m[2] = m[3] = 0;
	const char *all = fo_attr(n, "margin");
	for (int i = 0; i < 4; i++) {
		const char *v = fo_attr(n, names[i]);
		if (!v && all && !strchr(g_strstrip(g_strdup(all)), ' ')) {
			/* the shorthand with one value */
			if (fo_length(L->src, n, "margin", all, 12, w, &m[i]) < 0)
				return -CD_EXIT_INVALID;
		} else if (!v && all) {
			char **t = g_strsplit_set(all, " \t\n", -1);
			char *vals[4] = { 0 };
			int k = 0;
			for (int j = 0; t[j]; j++)
				if (*t[j] && k < 4)
					vals[k++] = t[j];
			if (k == 0 || t[0] == NULL) {
				g_strfreev(t);
				return fo_bad_value(L->src, n, "margin", all);
			}
			/* CSS order: top right bottom left */
			const char *pick[4][4] = { { vals[0], vals[0], vals[0], vals[0] },
			                           { vals[0], vals[0], vals[1], vals[1] },
			                           { vals[0], vals[2], vals[1], vals[1] },
			                           { vals[0], vals[2], vals[3], vals[1] } };
			rc = fo_length(L->src, n, "margin", pick[k - 1][i], 12, w, &m[i]);
			g_strfreev(t);
			if (rc < 0)
				return rc;
		} else if (v && fo_length(L->src, n, names[i], v, 12, w, &m[i]) < 0) {
			return -CD_EXIT_INVALID;
		}
	}
	return 0;
}

static int simple_master(lay_doc *L, xmlNode *n)
{
	int rc = fo_check_attrs(L->src, n);
	if (rc < 0)
		return rc;
	const char *name = fo_attr(n, "master-name");
	if (!name)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:simple-page-master needs a 'master-name'");
	if (g_hash_table_contains(L->masters, name) || g_hash_table_contains(L->seqmasters, name))
		return cd_error_at(L->src->name, xmlGetLineNo(n), "page master '%s' is defined twice", name);
	lay_master *m = g_new0(lay_master, 1);
	m->name = g_strdup(name);
	m->line = xmlGetLineNo(n);
	m->width = 210 * 72 / 25.4;
	m->height = 297 * 72 / 25.4;
	const char *v;
	if ((v = fo_attr(n, "page-width")) && strcmp(v, "auto") != 0 && fo_length(L->src, n, "page-width", v, 12, -1, &m->width) < 0)
		rc = -CD_EXIT_INVALID;
	if (rc == 0 && (v = fo_attr(n, "page-height")) && strcmp(v, "auto") != 0 && fo_length(L->src, n, "page-height", v, 12, -1, &m->height) < 0)
		rc = -CD_EXIT_INVALID;
	double pm[4];
	if (rc == 0)
		rc = margins(L, n, m->width, pm);
	double cx = pm[2], cy = pm[0], cw = m->width - pm[2] - pm[3], ch = m->height - pm[0] - pm[1];
	m->cx = cx; m->cy = cy; m->cw = cw; m->ch = ch;
	int have_body = 0;
	static const fo_kind outer[4] = { FO_REGION_BEFORE, FO_REGION_AFTER, FO_REGION_START, FO_REGION_END };
	static const char *const defname[4] = { "xsl-region-before", "xsl-region-after", "xsl-region-start", "xsl-region-end" };
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_REGION_BODY && !have_body) {
			double bm[4];
			if ((rc = fo_check_attrs(L->src, c)) < 0 || (rc = margins(L, c, cw, bm)) < 0)
				break;
			m->bx = cx + bm[2];
			m->by = cy + bm[0];
			m->bw = cw - bm[2] - bm[3];
			m->bh = ch - bm[0] - bm[1];
			const char *rn = fo_attr(c, "region-name");
			m->body_name = g_strdup(rn ? rn : "xsl-region-body");
			have_body = 1;
			continue;
		}
		int side = -1;
		for (int s = 0; s < 4; s++)
			if (k == outer[s])
				side = s;
		if (side < 0 || m->has_region[side]) {
			rc = fo_bad_child(L->src, c, n);
			break;
		}
		if ((rc = fo_check_attrs(L->src, c)) < 0)
			break;
		m->has_region[side] = 1;
		const char *rn = fo_attr(c, "region-name");
		m->region_name[side] = g_strdup(rn ? rn : defname[side]);
		if ((v = fo_attr(c, "extent")) && fo_length(L->src, c, "extent", v, 12, -1, &m->extent[side]) < 0)
			rc = -CD_EXIT_INVALID;
	}
	if (rc == 0 && !have_body)
		rc = cd_error_at(L->src->name, xmlGetLineNo(n), "fo:simple-page-master '%s' needs a fo:region-body", name);
	if (rc == 0 && (m->bw <= 0 || m->bh <= 0))
		rc = cd_error_at(L->src->name, xmlGetLineNo(n), "the region-body of page master '%s' has no room", name);
	if (rc < 0) {
		master_free(m);
		return rc;
	}
	g_hash_table_insert(L->masters, m->name, m);
	return 0;
}

static int max_repeats(lay_doc *L, xmlNode *n, int *out)
{
	const char *v = fo_attr(n, "maximum-repeats");
	*out = -1;
	if (!v || strcmp(v, "no-limit") == 0)
		return 0;
	return fo_integer(L->src, n, "maximum-repeats", v, 0, out);
}

static int sequence_master(lay_doc *L, xmlNode *n)
{
	int rc = fo_check_attrs(L->src, n);
	if (rc < 0)
		return rc;
	const char *name = fo_attr(n, "master-name");
	if (!name)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:page-sequence-master needs a 'master-name'");
	if (g_hash_table_contains(L->masters, name) || g_hash_table_contains(L->seqmasters, name))
		return cd_error_at(L->src->name, xmlGetLineNo(n), "page master '%s' is defined twice", name);
	lay_seqmaster *s = g_new0(lay_seqmaster, 1);
	s->name = g_strdup(name);
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if ((rc = fo_check_attrs(L->src, c)) < 0)
			break;
		s->subs = g_renew(struct lay_sub, s->subs, s->n_subs + 1);
		struct lay_sub *sub = &s->subs[s->n_subs++];
		memset(sub, 0, sizeof *sub);
		sub->kind = k;
		if (k == FO_SINGLE_PAGE_MASTER_REFERENCE || k == FO_REPEATABLE_PAGE_MASTER_REFERENCE) {
			const char *ref = fo_attr(c, "master-reference");
			lay_master *m = ref ? g_hash_table_lookup(L->masters, ref) : NULL;
			if (!m) {
				rc = cd_error_at(L->src->name, xmlGetLineNo(c), "no fo:simple-page-master named '%s'", ref ? ref : "");
				break;
			}
			sub->max_repeats = 1;
			if (k == FO_REPEATABLE_PAGE_MASTER_REFERENCE && (rc = max_repeats(L, c, &sub->max_repeats)) < 0)
				break;
			sub->conds = g_new0(lay_cond, 1);
			sub->conds[0].m = m;
			sub->n_conds = 1;
		} else if (k == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
			if ((rc = max_repeats(L, c, &sub->max_repeats)) < 0)
				break;
			for (xmlNode *d = c->children; d && rc == 0; d = d->next) {
				if (d->type == XML_COMMENT_NODE || fo_is_blank(d))
					continue;
				if (fo_kind_of(d) != FO_CONDITIONAL_PAGE_MASTER_REFERENCE) {
					rc = fo_bad_child(L->src, d, c);
					break;
				}
				if ((rc = fo_check_attrs(L->src, d)) < 0)
					break;
				const char *ref = fo_attr(d, "master-reference");
				lay_master *m = ref ? g_hash_table_lookup(L->masters, ref) : NULL;
				if (!m) {
					rc = cd_error_at(L->src->name, xmlGetLineNo(d), "no fo:simple-page-master named '%s'", ref ? ref : "");
					break;
				}
				lay_cond cd = { m, 0, 0, 0 };
				const char *v;
				static const char *const pos[] = { "any", "first", "rest", NULL };
				static const char *const oe[] = { "any", "odd", "even", NULL };
				static const char *const bl[] = { "any", "blank", "not-blank", NULL };
				const char *const *lists[3] = { pos, oe, bl };
				const char *names[3] = { "page-position", "odd-or-even", "blank-or-not-blank" };
				int *dst[3] = { &cd.position, &cd.odd_even, &cd.blank };
				for (int q = 0; q < 3 && rc == 0; q++) {
					if (!(v = fo_attr(d, names[q])))
						continue;
					int found = -1;
					for (int w = 0; lists[q][w]; w++)
						if (strcmp(lists[q][w], v) == 0)
							found = w;
					if (found < 0)
						rc = cd_error_at(L->src->name, xmlGetLineNo(d), "unsupported value '%s' for property '%s' on fo:conditional-page-master-reference", v, names[q]);
					else
						*dst[q] = found;
				}
				sub->conds = g_renew(lay_cond, sub->conds, sub->n_conds + 1);
				sub->conds[sub->n_conds++] = cd;
			}
			if (rc == 0 && sub->n_conds == 0)
				rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:repeatable-page-master-alternatives needs a fo:conditional-page-master-reference");
		} else {
			rc = fo_bad_child(L->src, c, n);
		}
	}
	if (rc < 0) {
		seqmaster_free(s);
		return rc;
	}
	g_hash_table_insert(L->seqmasters, s->name, s);
	return 0;
}

int lay_masters(lay_doc *L, xmlNode *lms)
{
	int rc = fo_check_attrs(L->src, lms);
	for (int pass = 0; pass < 2 && rc == 0; pass++)
		for (xmlNode *c = lms->children; c && rc == 0; c = c->next) {
			if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
				continue;
			fo_kind k = fo_kind_of(c);
			if (k == FO_SIMPLE_PAGE_MASTER) {
				if (pass == 0)
					rc = simple_master(L, c);
			} else if (k == FO_PAGE_SEQUENCE_MASTER) {
				if (pass == 1)
					rc = sequence_master(L, c);
			} else {
				rc = fo_bad_child(L->src, c, lms);
			}
		}
	if (rc == 0 && g_hash_table_size(L->masters) == 0)
		rc = cd_error_at(L->src->name, xmlGetLineNo(lms), "fo:layout-master-set has no fo:simple-page-master");
	return rc;
}

/* The master for page `i` (0-based in the sequence) numbered `num`. */
static lay_master *pick_master(lay_doc *L, xmlNode *ps, const char *ref, int i, int num, int blank)
{
	lay_master *m = g_hash_table_lookup(L->masters, ref);
	if (m)
		return m;
	lay_seqmaster *s = g_hash_table_lookup(L->seqmasters, ref);
	int start = 0;
	for (int k = 0; s && k < s->n_subs; k++) {
		struct lay_sub *sub = &s->subs[k];
		if (sub->max_repeats >= 0 && i >= start + sub->max_repeats) {
			start += sub->max_repeats;
			continue;
		}
		for (int c = 0; c < sub->n_conds; c++) {
			lay_cond *cd = &sub->conds[c];
			if ((cd->position == 1 && i != 0) || (cd->position == 2 && i == 0))
				continue;
			if ((cd->odd_even == 1 && num % 2 == 0) || (cd->odd_even == 2 && num % 2 != 0))
				continue;
			if ((cd->blank == 1 && !blank) || (cd->blank == 2 && blank))
				continue;
			return cd->m;
		}
		cd_error_at(L->src->name, xmlGetLineNo(ps), "page-sequence-master '%s' has no page master for page %d", ref, num);
		return NULL;
	}
	cd_error_at(L->src->name, xmlGetLineNo(ps), "page-sequence-master '%s' has no page master for page %d", ref, num);
	return NULL;
}

/* ------------------------------------------------------------------ page-sequences */

typedef struct seq {
	xmlNode *ps;
	const char *ref;
	fo_style st;
	xmlNode *statics[16];
	int nstatics;
	char fmt;
	int fmt_width;
} seq;

/* Static content of one region, as an artifact. */
static int put_static(lay_doc *L, seq *S, cd_page *pg, const char *region, double x, double y, double w)
{
	for (int i = 0; i < S->nstatics; i++) {
		xmlNode *sc = S->statics[i];
		const char *fn = fo_attr(sc, "flow-name");
		if (!fn || strcmp(fn, region) != 0)
			continue;
		fo_style st;
		int rc = style_of(L, sc, &S->st, w, &st);
		if (rc < 0)
			return rc;
		vbuild vb;
		vb_init(&vb);
		para P;
		para_init(&P);
		P.base = st;
		L->in_static = 1;
		L->cur_label = pg->label;
		area A = { 0, w };
		rc = content(L, &vb, &P, sc, &st, A, 0);
		L->in_static = 0;
		para_free(&P);
		if (rc == 0) {
			double h;
			cd_page *items = render_list(vb.v, &h, 1);
			put_tag(pg, "Artifact", NULL, NULL);
			put_all(pg, items, x, y, 1);
			put_tag_end(pg);
			cd_page_free(items);
		}
		vb_clear(&vb);
		return rc;
	}
	return 0;
}

static int put_statics(lay_doc *L, seq *S, lay_master *m, cd_page *pg)
{
	int rc = 0;
	double se = m->has_region[SIDE_START] ? m->extent[SIDE_START] : 0;
	double ee = m->has_region[SIDE_END] ? m->extent[SIDE_END] : 0;
	for (int s = 0; s < 4 && rc == 0 && S->nstatics; s++) {
		if (!m->has_region[s])
			continue;
		double x = m->cx + se, y = m->cy, w = m->cw - se - ee;
		if (s == SIDE_AFTER)
			y = m->cy + m->ch - m->extent[s];
		else if (s == SIDE_START)
			x = m->cx, w = m->extent[s];
		else if (s == SIDE_END)
			x = m->cx + m->cw - m->extent[s], w = m->extent[s];
		if (w > 0)
			rc = put_static(L, S, pg, m->region_name[s], x, y, w);
	}
	return rc;
}

static int is_even(int n) { return n % 2 == 0; }

int lay_sequence(lay_doc *L, xmlNode *ps, const fo_style *root_style)
{
	seq S;
	memset(&S, 0, sizeof S);
	S.ps = ps;
	int rc = fo_style_compute(L->src, ps, root_style, 0, &S.st);
	if (rc < 0)
		return rc;
	S.ref = fo_attr(ps, "master-reference");
	if (!S.ref)
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "fo:page-sequence needs a 'master-reference'");
	if (!g_hash_table_contains(L->masters, S.ref) && !g_hash_table_contains(L->seqmasters, S.ref))
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "no page master named '%s'", S.ref);
	const char *v;
	S.fmt = '1';
	S.fmt_width = 1;
	if ((v = fo_attr(ps, "format"))) {
		size_t n = strlen(v);
		if (n >= 1 && strspn(v, "0") == n - 1 && v[n - 1] == '1')
			S.fmt_width = (int)n;
		else if (strcmp(v, "i") == 0 || strcmp(v, "I") == 0 || strcmp(v, "a") == 0 || strcmp(v, "A") == 0)
			S.fmt = v[0];
		else
			return fo_bad_value(L->src, ps, "format", v);
	}
	int num = L->page_number + 1;
	if ((v = fo_attr(ps, "initial-page-number"))) {
		if (strcmp(v, "auto") == 0) ;
		else if (strcmp(v, "auto-odd") == 0) { if (is_even(num)) num++; }
		else if (strcmp(v, "auto-even") == 0) { if (!is_even(num)) num++; }
		else if (fo_integer(L->src, ps, "initial-page-number", v, 0, &num) < 0) return -CD_EXIT_INVALID;
	}
	int force = 0;   /* 0 none, 1 even, 2 odd, 3 end-on-even, 4 end-on-odd */
	if ((v = fo_attr(ps, "force-page-count"))) {
		static const char *const w[] = { "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force", NULL };
		int f = -1;
		for (int i = 0; w[i]; i++)
			if (strcmp(w[i], v) == 0)
				f = i;
		if (f < 0)
			return fo_bad_value(L->src, ps, "force-page-count", v);
		force = f == 5 ? 0 : f;
	}
	xmlNode *flow = NULL;
	for (xmlNode *c = ps->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_STATIC_CONTENT && !flow && S.nstatics < (int)G_N_ELEMENTS(S.statics)) {
			if ((rc = fo_check_attrs(L->src, c)) < 0)
				return rc;
			if (!fo_attr(c, "flow-name"))
				return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:static-content needs a 'flow-name'");
			S.statics[S.nstatics++] = c;
		} else if (k == FO_FLOW && !flow) {
			flow = c;
		} else {
			return fo_bad_child(L->src, c, ps);
		}
	}
	if (!flow)
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "fo:page-sequence needs a fo:flow");

	/* the flow is laid out once at one width: every page of the sequence must give it */
	lay_master *m0 = pick_master(L, ps, S.ref, 0, num, 0);
	if (!m0)
		return -CD_EXIT_INVALID;
	double width = m0->bw;
	L->max_body_h = 0;
	{
		GHashTableIter hi;
		gpointer key, val;
		lay_seqmaster *sm = g_hash_table_lookup(L->seqmasters, S.ref);
		L->max_body_h = m0->bh;
		if (sm)
			for (int k = 0; k < sm->n_subs; k++)
				for (int c = 0; c < sm->subs[k].n_conds; c++) {
					lay_master *m = sm->subs[k].conds[c].m;
					if (fabs(m->bw - width) > EPS)
						return cd_error_at(L->src->name, xmlGetLineNo(ps),
						                   "the page masters of one page-sequence must give the region-body one width ('%s' and '%s' differ)",
						                   m0->name, m->name);
					if (m->bh > L->max_body_h)
						L->max_body_h = m->bh;
				}
		(void)hi; (void)key; (void)val;
	}
	const char *fname = fo_attr(flow, "flow-name");
	if ((rc = fo_check_attrs(L->src, flow)) < 0)
		return rc;
	if (!fname || strcmp(fname, m0->body_name) != 0)
		return cd_error_at(L->src->name, xmlGetLineNo(flow), "fo:flow must name the region-body ('%s'), not '%s'",
		                   m0->body_name, fname ? fname : "");
	fo_style fst;
	if ((rc = style_of(L, flow, &S.st, width, &fst)) < 0)
		return rc;

	vbuild vb;
	vb_init(&vb);
	if (S.st.id) {
		vent *e = vadd(&vb, V_DEST);
		e->id = g_strdup(S.st.id);
	}
	para P;
	para_init(&P);
	P.base = fst;
	area A = { 0, width };
	rc = content(L, &vb, &P, flow, &fst, A, 0);
	para_free(&P);
	if (rc == 0 && S.st.id) {
		vent *e = vadd(&vb, V_IDEND);
		e->id = g_strdup(S.st.id);
	}
	if (rc < 0) {
		vb_clear(&vb);
		return rc;
	}

	GPtrArray *vl = vb.v;
	emitter em;
	memset(&em, 0, sizeof em);
	size_t i = 0;
	int idx = 0, made = 0, want_parity = 0;   /* 1 odd, 2 even: the next page must be */
	num--;
	while (rc == 0) {
		/* forced breaks where the page starts */
		while (i < vl->len && ((vent *)vl->pdata[i])->kind == V_BREAK) {
			vent *e = vl->pdata[i++];
			if (e->brk_kind == BREAK_ODD) want_parity = 1;
			else if (e->brk_kind == BREAK_EVEN) want_parity = 2;
		}
		if (i >= vl->len && made > 0)
			break;
		int blank = 0;
		if (want_parity && made > 0 && ((want_parity == 1) == is_even(num + 1)))
			blank = 1;
		want_parity = blank ? want_parity : 0;
		num++;
		lay_master *m = pick_master(L, ps, S.ref, idx++, num, blank);
		if (!m) {
			rc = -CD_EXIT_INVALID;
			break;
		}
		char *label = page_label(num, S.fmt, S.fmt_width);
		cd_page *pg = new_page(L, m->width, m->height, label);
		g_free(label);
		made++;
		rc = put_statics(L, &S, m, pg);
		if (rc < 0) {
			cd_page_free(pg);
			break;
		}
		if (blank) {
			rc = deliver(L, pg);
			continue;
		}
		/* a table that goes on from the previous page: its header again */
		double hdr = 0;
		em.page_bx = m->bx;
		em.page_by = m->by;
		if (em.ntables > 0 && i > 0) {
			table *t = em.tables[em.ntables - 1];
			int rows_follow = 0;
			for (size_t k = i; k < vl->len; k++) {
				vent *e = vl->pdata[k];
				if (e->kind == V_BOX) { rows_follow = 1; break; }
				if (e->kind == V_TABLE_END) break;
			}
			if (t->hdr_h > 0 && !t->omit && rows_follow) {
				put_tag(pg, "Artifact", NULL, NULL);
				put_all(pg, t->hdr, m->bx, m->by, 0);
				put_tag_end(pg);
				hdr = t->hdr_h;
			}
		}
		size_t j = fit(vl, i, m->bh - hdr);
		em_start(&em, pg, m->bx, m->by + hdr);
		emit_range(&em, vl, i, j, 1);
		em_finish(&em);
		for (size_t k = i; k < j; k++) {
			vent *e = vl->pdata[k];
			if (e->box) {
				cd_page_free(e->box);
				e->box = NULL;
			}
		}
		i = j;
		rc = deliver(L, pg);
	}
	vb_clear(&vb);
	if (rc < 0)
		return rc;
	/* force-page-count */
	int count = made;
	int need_blank = (force == 1 && count % 2) || (force == 2 && !(count % 2)) ||
	                 (force == 3 && !is_even(num)) || (force == 4 && is_even(num));
	if (need_blank) {
		num++;
		lay_master *m = pick_master(L, ps, S.ref, idx++, num, 1);
		if (!m)
			return -CD_EXIT_INVALID;
		char *label = page_label(num, S.fmt, S.fmt_width);
		cd_page *pg = new_page(L, m->width, m->height, label);
		g_free(label);
		rc = put_statics(L, &S, m, pg);
		if (rc == 0)
			rc = deliver(L, pg);
		else
			cd_page_free(pg);
	}
	L->page_number = num;
	return rc;
}
