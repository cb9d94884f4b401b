/* layout/emit.c - placed items, and emitting a range of the vertical list onto a page or an item
 * buffer: spaces collapse, blocks draw their borders and backgrounds per fragment, structure
 * tags stay balanced across fragments. */
#include "layout/internal.h"

/* Most item buffers are one line of text (a run or two): room for 4 items at first, not a
 * page's 64, so that the lines of a page and the paragraph cache take little memory. */
cd_page *ibuf_new(void)
{
	cd_page *pg = cd_page_new(0, 0, 0, NULL);
	pg->cap = 4;
	pg->items = g_new(cd_item, pg->cap);
	return pg;
}

/* Copies (or moves, when `move`) item `it` into pg, translated by dx, dy. */
void item_put(cd_page *pg, cd_item *it, double dx, double dy, int move)
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

void put_all(cd_page *dst, cd_page *src, double dx, double dy, int move)
{
	for (size_t i = 0; i < src->n; i++)
		item_put(dst, &src->items[i], dx, dy, move);
	if (move)
		src->n = 0;
}

void put_rect(cd_page *pg, double x, double y, double w, double h, cd_rgba c)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_RECT);
	it->u.rect.x = x; it->u.rect.y = y; it->u.rect.w = w; it->u.rect.h = h; it->u.rect.fill = c;
}

void put_line(cd_page *pg, double x0, double y0, double x1, double y1, double w, cd_rgba c, int style)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_LINE);
	it->u.line.x0 = x0; it->u.line.y0 = y0; it->u.line.x1 = x1; it->u.line.y1 = y1;
	it->u.line.width = w; it->u.line.color = c;
	it->u.line.style = style == BORDER_DASHED ? CD_LINE_DASHED : style == BORDER_DOTTED ? CD_LINE_DOTTED : CD_LINE_SOLID;
}

void put_tag(cd_page *pg, const char *role, const char *alt, const char *lang)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_TAG_BEGIN);
	it->u.tag.role = g_strdup(role);
	it->u.tag.alt = g_strdup(alt);
	it->u.tag.lang = g_strdup(lang);
}

void put_tag_end(cd_page *pg)
{
	cd_page_add(pg, CD_ITEM_TAG_END);
}

void put_dest(cd_page *pg, double x, double y, const char *name)
{
	put_mark(pg, x, y, name, CD_DEST_ID, 0);
}

void put_mark(cd_page *pg, double x, double y, const char *name, int mark, int serial)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_DEST);
	it->u.dest.x = x; it->u.dest.y = y; it->u.dest.name = g_strdup(name);
	it->u.dest.mark = mark;
	it->u.dest.serial = serial;
}

/* Moves the items from index `from` on so that a new item can go at `at` (for backgrounds,
 * which are known only when their block ends but must be drawn under its content). */
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

/* ------------------------------------------------------------------ the emitter's stacks */

static int ndecos(const emitter *em) { return em->decos ? (int)em->decos->len : 0; }
static int ntags(const emitter *em) { return em->tags ? (int)em->tags->len : 0; }
static open_deco *deco_at(emitter *em, int i) { return &g_array_index(em->decos, open_deco, i); }
static const vent *tag_at(const emitter *em, int i) { return em->tags->pdata[i]; }

static void push_deco(emitter *em, open_deco o)
{
	if (!em->decos)
		em->decos = g_array_new(FALSE, FALSE, sizeof(open_deco));
	g_array_append_val(em->decos, o);
}

static void push_tag(emitter *em, const vent *e)
{
	if (!em->tags)
		em->tags = g_ptr_array_new();
	g_ptr_array_add(em->tags, (gpointer)e);
}

void em_clear(emitter *em)
{
	if (em->decos)
		g_array_free(em->decos, TRUE);
	if (em->tags)
		g_ptr_array_free(em->tags, TRUE);
	if (em->tables)
		g_ptr_array_free(em->tables, TRUE);
	em->decos = NULL;
	em->tags = em->tables = NULL;
}

table *em_table(const emitter *em)
{
	return em->tables && em->tables->len ? em->tables->pdata[em->tables->len - 1] : NULL;
}

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
	if (b[SIDE_LEFT].width > 0)
		put_line(em->pg, x + b[SIDE_LEFT].width / 2, top, x + b[SIDE_LEFT].width / 2, bot,
		         b[SIDE_LEFT].width, b[SIDE_LEFT].color, b[SIDE_LEFT].style);
	if (b[SIDE_RIGHT].width > 0)
		put_line(em->pg, x + d->w - b[SIDE_RIGHT].width / 2, top, x + d->w - b[SIDE_RIGHT].width / 2, bot,
		         b[SIDE_RIGHT].width, b[SIDE_RIGHT].color, b[SIDE_RIGHT].style);
}

void em_start(emitter *em, cd_page *pg, double x0, double y0)
{
	em->pg = pg;
	em->x0 = x0;
	em->y0 = y0;
	em->y = 0;
	em->pending = 0;
	em->at_top = 1;
	for (int i = 0; i < ndecos(em); i++) {
		deco_at(em, i)->at = pg->n;
		deco_at(em, i)->y0 = 0;
		deco_at(em, i)->first = 0;
	}
	if (em->balance)
		for (int i = 0; i < ntags(em); i++)
			put_tag(pg, tag_at(em, i)->role, tag_at(em, i)->alt, tag_at(em, i)->lang);
}

/* Ends a fragment: open blocks are drawn down to the last content; open tags are closed when
 * balancing. The emitter keeps them open for the next fragment. */
void em_finish(emitter *em)
{
	for (int i = ndecos(em) - 1; i >= 0; i--)
		draw_deco(em, deco_at(em, i), em->y, 0);
	if (em->balance)
		for (int i = 0; i < ntags(em); i++)
			put_tag_end(em->pg);
}

static void em_apply_space(emitter *em)
{
	em->y += em->pending;
	em->pending = 0;
}

/* A box or a block's opening or closing: content that takes room. */
static void emit_room(emitter *em, vent *e, int move)
{
	switch (e->kind) {
	case V_BOX:
		em_apply_space(em);
		if (e->h > 0)
			em->at_top = 0;
		if (e->box)
			put_all(em->pg, e->box, em->x0, em->y0 + em->y, move);
		em->y += e->h;
		break;
	case V_OPEN:
		if (open_takes_space(e))
			em_apply_space(em);
		if (e->h > 0)
			em->at_top = 0;
		if (e->deco)
			push_deco(em, (open_deco){ e->deco, em->pg->n, em->y, 1 });
		em->y += e->h;
		break;
	case V_CLOSE:
		if (e->h > 0) {
			em_apply_space(em);
			em->y += e->h;
			em->at_top = 0;
		}
		if (e->deco && ndecos(em) > 0) {
			draw_deco(em, deco_at(em, ndecos(em) - 1), em->y, 1);
			g_array_set_size(em->decos, em->decos->len - 1);
		}
		break;
	default:
		break;
	}
}

/* Marks that take no room: tags, ids, absolute boxes, tables. */
static void emit_mark(emitter *em, vent *e, int move)
{
	switch (e->kind) {
	case V_TAG:
		put_tag(em->pg, e->role, e->alt, e->lang);
		push_tag(em, e);
		break;
	case V_TAGEND:
		put_tag_end(em->pg);
		if (ntags(em) > 0)
			g_ptr_array_set_size(em->tags, (gint)em->tags->len - 1);
		break;
	case V_DEST:
		put_dest(em->pg, em->x0, em->y0 + em->y + em->pending, e->id);
		break;
	case V_IDEND:
		put_mark(em->pg, em->x0, em->y0 + em->y, e->id, CD_DEST_ID_END, 0);
		break;
	case V_ABS:
		if (e->box) {
			double bx = e->fixed ? 0 : em->page_bx, by = e->fixed ? 0 : em->page_by;
			put_all(em->pg, e->box, bx + e->ax, by + e->ay, move);
		}
		break;
	case V_TABLE:
		if (!em->tables)
			em->tables = g_ptr_array_new();
		g_ptr_array_add(em->tables, e->tab);
		break;
	case V_TABLE_END:
		if (em->tables && em->tables->len > 0)
			g_ptr_array_set_size(em->tables, (gint)em->tables->len - 1);
		break;
	default:
		break;
	}
}

void emit_range(emitter *em, GPtrArray *v, size_t a, size_t b, int move)
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
		case V_OPEN:
		case V_CLOSE:
			emit_room(em, e, move);
			break;
		case V_BREAK:
			break;
		default:
			emit_mark(em, e, move);
			break;
		}
	}
}

void em_state_before(emitter *em, GPtrArray *v, size_t a)
{
	if (em->decos)
		g_array_set_size(em->decos, 0);
	if (em->tags)
		g_ptr_array_set_size(em->tags, 0);
	for (size_t k = 0; k < a; k++) {
		vent *e = v->pdata[k];
		if (e->kind == V_OPEN && e->deco)
			push_deco(em, (open_deco){ e->deco, 0, 0, 0 });
		else if (e->kind == V_CLOSE && e->deco && ndecos(em) > 0)
			g_array_set_size(em->decos, em->decos->len - 1);
		else if (e->kind == V_TAG)
			push_tag(em, e);
		else if (e->kind == V_TAGEND && ntags(em) > 0)
			g_ptr_array_set_size(em->tags, (gint)em->tags->len - 1);
	}
}

cd_page *render_list(GPtrArray *v, double *h, int move)
{
	emitter em;
	memset(&em, 0, sizeof em);
	cd_page *pg = ibuf_new();
	em_start(&em, pg, 0, 0);
	emit_range(&em, v, 0, v->len, move);
	em_finish(&em);
	em_clear(&em);
	*h = em.y;
	return pg;
}
