/* layout/vlist.c - the vertical list: its entries, the keeps and penalties that say how bad a page
 * break before each box would be, and the openings and closings of blocks. */
#include "layout/internal.h"

void vb_init(vbuild *vb)
{
	memset(vb, 0, sizeof *vb);
	vb->v = g_ptr_array_new_with_free_func((GDestroyNotify)vent_free);
}

void vb_clear(vbuild *vb)
{
	if (vb->v)
		g_ptr_array_free(vb->v, TRUE);
	vb->v = NULL;
	if (vb->open)
		g_array_free(vb->open, TRUE);
	vb->open = NULL;
}

vent *vadd(vbuild *vb, vkind k)
{
	vent *e = g_new0(vent, 1);
	e->kind = k;
	g_ptr_array_add(vb->v, e);
	return e;
}

static int open_count(const vbuild *vb)
{
	return vb->open ? (int)vb->open->len : 0;
}

int vb_breakable(vbuild *vb, int extra)
{
	int b = extra;
	if (vb->pending_kwn > b) b = vb->pending_kwn;
	if (vb->pending_kwp > b) b = vb->pending_kwp;
	for (int i = 0; i < open_count(vb); i++) {
		const vopen *o = &g_array_index(vb->open, vopen, i);
		if (o->nboxes < vb->nboxes && o->keep > b)
			b = o->keep;
	}
	if (vb->glue_next || vb->nboxes == 0)
		b = FORBID;
	vb->pending_kwn = vb->pending_kwp = 0;
	vb->glue_next = 0;
	vb->nboxes++;
	return b;
}

int vb_outer_keep(const vbuild *vb)
{
	int outer = 0;
	for (int i = 0; i < open_count(vb); i++)
		if (g_array_index(vb->open, vopen, i).keep > outer)
			outer = g_array_index(vb->open, vopen, i).keep;
	return outer;
}

vent *vadd_box(vbuild *vb, cd_page *items, double h, int extra)
{
	vent *e = vadd(vb, V_BOX);
	e->brk = vb_breakable(vb, extra);
	e->box = items;
	e->h = h;
	return e;
}

void vadd_space(vbuild *vb, double h, int retain)
{
	if (h == 0 && !retain)
		return;
	vent *e = vadd(vb, V_SPACE);
	e->h = h;
	e->retain = retain;
}

void vadd_tag(vbuild *vb, const char *role, const char *alt, const char *lang)
{
	vent *e = vadd(vb, V_TAG);
	e->role = g_strdup(role);
	e->alt = g_strdup(alt);
	e->lang = g_strdup(lang);
}

/* An id's start (V_DEST) or end (V_IDEND) between boxes. */
void vadd_id(vbuild *vb, vkind k, const char *id)
{
	vent *e = vadd(vb, k);
	e->id = g_strdup(id);
}

void vadd_break(vbuild *vb, int brk_kind)
{
	if (brk_kind == BREAK_AUTO)
		return;
	vent *e = vadd(vb, V_BREAK);
	e->brk_kind = brk_kind;
}

void vent_free(vent *e)
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

static deco *deco_of(const fo_style *st, double x, double w)
{
	if (!(st->bg.a > 0 || st->border[0].width > 0 || st->border[1].width > 0 || st->border[2].width > 0 ||
	      st->border[3].width > 0))
		return NULL;
	deco *d = g_new0(deco, 1);
	d->x = x - st->pad[SIDE_LEFT] - st->border[SIDE_LEFT].width;
	d->w = w + st->pad[SIDE_LEFT] + st->pad[SIDE_RIGHT] + st->border[SIDE_LEFT].width + st->border[SIDE_RIGHT].width;
	memcpy(d->border, st->border, sizeof d->border);
	d->bg = st->bg;
	return d;
}

void open_block(vbuild *vb, const fo_style *st, const fo_style *ps, double x, double w, const char *role)
{
	vadd_break(vb, st->break_before);
	vadd_space(vb, st->space_before, st->sb_retain);
	if (st->id)
		vadd_id(vb, V_DEST, st->id);
	if (role)
		vadd_tag(vb, role, st->alt, st->lang != ps->lang ? st->lang : NULL);
	vent *o = vadd(vb, V_OPEN);
	o->h = st->border[SIDE_BEFORE].width + st->pad[SIDE_BEFORE];
	o->deco = deco_of(st, x, w);
	if (st->keep_prev > vb->pending_kwp)
		vb->pending_kwp = st->keep_prev;
	if (o->h > 0) {
		o->brk = vb_breakable(vb, 0);
		vb->glue_next = 1;
	}
	if (!vb->open)
		vb->open = g_array_new(FALSE, FALSE, sizeof(vopen));
	vopen op = { st->keep_together, vb->nboxes - (o->h > 0) };
	g_array_append_val(vb->open, op);
	/* the CLOSE needs the deco: remember it through the OPEN (found by nesting) */
}

void close_block(vbuild *vb, const fo_style *st, const char *role)
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
	if (open_count(vb) > 0)
		g_array_set_size(vb->open, vb->open->len - 1);
	if (role)
		vadd(vb, V_TAGEND);
	if (st->id)
		vadd_id(vb, V_IDEND, st->id);
	vadd_space(vb, st->space_after, st->sa_retain);
	if (st->keep_next > vb->pending_kwn)
		vb->pending_kwn = st->keep_next;
	vadd_break(vb, st->break_after);
}

/* Breaks inside `sub` get the keeps of the blocks open in vb. */
void splice(vbuild *vb, vbuild *sub, size_t from)
{
	int outer = vb_outer_keep(vb);
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

int open_takes_space(const vent *e)
{
	return e->h > 0 || e->deco != NULL;
}

/* Tops/bottoms of every box and opening (index, top, bottom) go to `marks` when not NULL. */
double measure(GPtrArray *v, size_t a, size_t b, int at_top, GArray *marks)
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
			if (e->kind == V_BOX || open_takes_space(e)) {
				y += pending;
				pending = 0;
			}
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
size_t break_start(GPtrArray *v, size_t lo, size_t k)
{
	while (k > lo) {
		vent *e = v->pdata[k - 1];
		if (e->kind == V_SPACE || e->kind == V_DEST || e->kind == V_TAG || e->kind == V_TABLE ||
		    e->kind == V_MARKER || (e->kind == V_OPEN && e->h == 0))
			k--;
		else
			break;
	}
	return k;
}
