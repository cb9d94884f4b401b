/* layout/flow.c - block-level content: fo:block, fo:block-container (in the flow or absolute),
 * fo:list-block, and the sub-flows of cells, list items, containers and regions. Tables are
 * in table.c, inline elements in inline.c. */
#include "layout/internal.h"

int style_of(lay_doc *L, xmlNode *n, const fo_style *ps, double refw, fo_style *st)
{
	int rc = fo_style_compute(L->src, n, ps, refw, st);
	if (rc == 0)
		rc = fo_check_role(L->src, n, st->role);
	return rc;
}

int is_inline_kind(fo_kind k)
{
	return k == FO_INLINE || k == FO_BASIC_LINK || k == FO_CHARACTER || k == FO_PAGE_NUMBER ||
	       k == FO_PAGE_NUMBER_CITATION || k == FO_PAGE_NUMBER_CITATION_LAST || k == FO_LEADER ||
	       k == FO_EXTERNAL_GRAPHIC;
}

int has_inline_content(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !fo_is_blank(c))
			return 1;
		fo_kind k = fo_kind_of(c);
		if (is_inline_kind(k))
			return 1;
		if (k == FO_WRAPPER && has_inline_content(c))
			return 1;
	}
	return 0;
}

/* Unicode's stream-safe limit: no more than 30 combining marks after one character. Text
 * past it is not a script's writing, and tens of thousands of marks on one letter take the
 * shaper minutes. */
#define MAX_MARKS 30

static int stream_safe(lay_doc *L, xmlNode *c)
{
	int marks = 0;
	for (const char *p = (const char *)c->content; *p; p = g_utf8_next_char(p)) {
		if ((unsigned char)*p < 0x80) {
			marks = 0;
			continue;
		}
		if (g_unichar_combining_class(g_utf8_get_char(p)) == 0)
			marks = 0;
		else if (++marks > MAX_MARKS)
			return cd_error_at(L->src->name, xmlGetLineNo(c), "more than %d combining marks on one character", MAX_MARKS);
	}
	return 0;
}

/* fo:wrapper: its id goes in the paragraph when it wraps inline content, else between boxes. */
static int wrapper(lay_doc *L, vbuild *vb, para *P, xmlNode *c, const fo_style *st, area A, int inline_ok)
{
	fo_style ws;
	int rc = style_of(L, c, st, A.refw, &ws);
	if (rc < 0)
		return rc;
	if (ws.id) {
		if (P->active || has_inline_content(c)) {
			para_id(P, ws.id, CD_DEST_ID);
			P->active = 1;
		} else {
			vadd_id(vb, V_DEST, ws.id);
		}
	}
	return content(L, vb, P, c, &ws, A, inline_ok);
}

int content(lay_doc *L, vbuild *vb, para *P, xmlNode *parent, const fo_style *st, area A, int inline_ok)
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
			if ((rc = stream_safe(L, c)) < 0)
				return rc;
			add_text(P, st, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_WRAPPER) {
			rc = wrapper(L, vb, P, c, st, A, inline_ok);
			continue;
		}
		if (k == FO_MARKER) {
			rc = marker_child(L, c, parent);
			continue;
		}
		if (k == FO_RETRIEVE_MARKER) {
			rc = retrieve_marker(L, vb, P, c, st, A, inline_ok);
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

int sub_flow(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *st, area A)
{
	para P;
	para_init(&P);
	P.base = *st;
	int rc = content(L, vb, &P, n, st, A, 0);
	para_free(&P);
	return rc;
}

cd_page *sub_flow_items(lay_doc *L, xmlNode *n, const fo_style *st, area A, double *h, int *rc)
{
	vbuild vb;
	vb_init(&vb);
	L->apart++;
	*rc = sub_flow(L, &vb, n, st, A);
	L->apart--;
	cd_page *items = *rc < 0 ? NULL : render_list(vb.v, h, 1);
	vb_clear(&vb);
	return items;
}

int fits_area(lay_doc *L, xmlNode *n, area A, double x, double w)
{
	if (w > 0 && x >= A.ax - EPS && x < A.ax + A.refw)
		return 0;
	return cd_error_at(L->src->name, xmlGetLineNo(n), "%s does not fit in its area: its indents leave it %.4gpt wide, %.4gpt from the %.4gpt-wide area's start",
	                   fo_kind_name(fo_kind_of(n)), w, x - A.ax, A.refw);
}

static int do_block(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	const char *role = st.role ? st.role : has_inline_content(n) ? "P" : NULL;
	double x = A.ax + st.indent_left, w = A.refw - st.indent_left - st.indent_right;
	if ((rc = fits_area(L, n, A, x, w)) < 0)
		return rc;
	open_block(vb, &st, ps, x, w, role);
	if ((rc = markers_start(L, vb, n)) < 0)
		return rc;
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
	if (rc == 0) {
		size_t at = vb->v->len;
		close_block(vb, &st, role);
		markers_end(vb, at + 1, n);
	}
	return rc;
}

/* ------------------------------------------------------------------ block-containers */

/* A block-container's geometry, from its properties. */
typedef struct container {
	int mode;                   /* POSITION_* (absolute-position) */
	double x, w, hgt, top, left;
	const char *role;
	fo_style st, inner;         /* inner: a reference area, indents start again from its edges */
} container;

static int container_props(lay_doc *L, xmlNode *n, area A, container *C)
{
	const fo_style *st = &C->st;
	C->mode = POSITION_AUTO;
	if (fo_keyword(L->src, n, "absolute-position", &C->mode) < 0)
		return -CD_EXIT_INVALID;
	C->x = A.ax + st->indent_left;
	C->w = A.refw - st->indent_left - st->indent_right;
	C->hgt = -1;
	C->top = C->left = 0;
	const char *v;
	if (fo_length_or_auto(L->src, n, "width", st->size, A.refw, &C->w) < 0 ||
	    fo_length_or_auto(L->src, n, "height", st->size, -1, &C->hgt) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "top")) && fo_length(L->src, n, "top", v, st->size, -1, &C->top) < 0)
		return -CD_EXIT_INVALID;
	if ((v = fo_attr(n, "left")) && fo_length(L->src, n, "left", v, st->size, A.refw, &C->left) < 0)
		return -CD_EXIT_INVALID;
	if (C->mode == POSITION_AUTO && (fo_attr(n, "top") || fo_attr(n, "left")))
		return cd_error_at(L->src->name, xmlGetLineNo(n), "'top' and 'left' need absolute-position=\"absolute\" or \"fixed\" on fo:block-container");
	if (C->w <= 0)
		return fo_bad_value(L->src, n, "width", fo_attr(n, "width") ? fo_attr(n, "width") : "auto");
	if (C->mode == POSITION_AUTO && fits_area(L, n, A, C->x, C->w) < 0)
		return -CD_EXIT_INVALID;
	C->inner = *st;
	C->inner.indent_left = C->inner.indent_right = 0;
	C->role = st->role ? st->role : (st->alt ? "Figure" : NULL);
	return 0;
}

/* In the flow: a block whose height is at least `height`, display-align placing the room. */
static int container_in_flow(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, container *C)
{
	const fo_style *st = &C->st;
	open_block(vb, st, ps, C->x, C->w, C->role);
	int rc = markers_start(L, vb, n);
	if (rc < 0)
		return rc;
	area B = { C->x, C->w };
	size_t start = vb->v->len;
	rc = sub_flow(L, vb, n, &C->inner, B);
	if (rc < 0)
		return rc;
	double used = C->hgt > 0 ? measure(vb->v, start, vb->v->len, 0, NULL) : 0;
	if (C->hgt > 0 && used < C->hgt) {
		double room = C->hgt - used;
		double before = st->display_align == DISPLAY_CENTER ? room / 2 : st->display_align == DISPLAY_AFTER ? room : 0;
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
	size_t at = vb->v->len;
	close_block(vb, st, C->role);
	markers_end(vb, at + 1, n);
	return 0;
}

/* Borders of a box of w by h at its origin. */
static void box_borders(cd_page *box, const fo_border *b, double w, double h)
{
	if (b[SIDE_BEFORE].width > 0) put_line(box, 0, b[0].width / 2, w, b[0].width / 2, b[0].width, b[0].color, b[0].style);
	if (b[SIDE_AFTER].width > 0) put_line(box, 0, h - b[1].width / 2, w, h - b[1].width / 2, b[1].width, b[1].color, b[1].style);
	if (b[SIDE_LEFT].width > 0) put_line(box, b[2].width / 2, 0, b[2].width / 2, h, b[2].width, b[2].color, b[2].style);
	if (b[SIDE_RIGHT].width > 0) put_line(box, w - b[3].width / 2, 0, w - b[3].width / 2, h, b[3].width, b[3].color, b[3].style);
}

/* Absolute or fixed: laid out apart, placed on the page where it falls, takes no room. */
static int container_absolute(lay_doc *L, vbuild *vb, xmlNode *n, container *C)
{
	const fo_style *st = &C->st;
	double w = C->w;
	double cx = st->border[SIDE_LEFT].width + st->pad[SIDE_LEFT];
	double cw = w - cx - st->border[SIDE_RIGHT].width - st->pad[SIDE_RIGHT];
	area B = { cx, cw };
	double ch;
	L->apart++;
	int rc = markers_start(L, vb, n);    /* none: laid out apart, it has no place in the flow */
	L->apart--;
	if (rc < 0)
		return rc;
	cd_page *items = sub_flow_items(L, n, &C->inner, B, &ch, &rc);
	if (!items)
		return rc;
	double bh = st->border[SIDE_BEFORE].width + st->pad[SIDE_BEFORE] + ch + st->pad[SIDE_AFTER] + st->border[SIDE_AFTER].width;
	double shift = 0;
	if (C->hgt > bh) {
		shift = st->display_align == DISPLAY_CENTER ? (C->hgt - bh) / 2 : st->display_align == DISPLAY_AFTER ? C->hgt - bh : 0;
		bh = C->hgt;
	}
	cd_page *box = ibuf_new();
	if (C->role)
		put_tag(box, C->role, st->alt, NULL);
	if (st->bg.a > 0)
		put_rect(box, 0, 0, w, bh, st->bg);
	put_all(box, items, 0, st->border[SIDE_BEFORE].width + st->pad[SIDE_BEFORE] + shift, 1);
	cd_page_free(items);
	box_borders(box, st->border, w, bh);
	if (C->role)
		put_tag_end(box);
	if (st->id)
		vadd_id(vb, V_DEST, st->id);
	vent *e = vadd(vb, V_ABS);
	e->box = box;
	e->fixed = C->mode == POSITION_FIXED;
	e->ax = C->left;
	e->ay = C->top;
	return 0;
}

static int do_block_container(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	container C;
	int rc = style_of(L, n, ps, A.refw, &C.st);
	if (rc == 0)
		rc = container_props(L, n, A, &C);
	if (rc < 0)
		return rc;
	return C.mode == POSITION_AUTO ? container_in_flow(L, vb, n, ps, &C) : container_absolute(L, vb, n, &C);
}

/* ------------------------------------------------------------------ lists */

/* One fo:list-item: its label beside the start of its body. */
static int list_item(lay_doc *L, vbuild *vb, xmlNode *c, const fo_style *st, area A)
{
	fo_style ist;
	int rc;
	if ((rc = style_of(L, c, st, A.refw, &ist)) < 0)
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
	double ix = A.ax + ist.indent_left, iw = A.refw - ist.indent_left - ist.indent_right;
	open_block(vb, &ist, st, ix, iw, ist.role ? ist.role : "LI");
	fo_style lst, bst;
	if ((rc = style_of(L, parts[0], &ist, A.refw, &lst)) < 0 || (rc = style_of(L, parts[1], &ist, A.refw, &bst)) < 0)
		return rc;
	/* without explicit indents the label ends at label-end() and the body starts at body-start()
	 * (measured from the start side: the right in rl-tb, where the label is on the right) */
	int rl = ist.wm == WM_RL_TB;
	double start = rl ? ist.indent_right : ist.indent_left;
	if (!fo_attr(parts[0], "end-indent"))
		*(rl ? &lst.indent_left : &lst.indent_right) = A.refw - (start + ist.pdbs - ist.pls);
	if (!fo_attr(parts[1], "start-indent"))
		*(rl ? &bst.indent_right : &bst.indent_left) = start + ist.pdbs;
	double lh;
	cd_page *label = sub_flow_items(L, parts[0], &lst, A, &lh, &rc);
	if (!label)
		return rc;
	vbuild bv;
	vb_init(&bv);
	if ((rc = sub_flow(L, &bv, parts[1], &bst, A)) < 0) {
		cd_page_free(label);
		vb_clear(&bv);
		return rc;
	}
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
	return 0;
}

static int do_list(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	double x = A.ax + st.indent_left, w = A.refw - st.indent_left - st.indent_right;
	const char *role = st.role ? st.role : "L";
	if ((rc = fits_area(L, n, A, x, w)) < 0)
		return rc;
	open_block(vb, &st, ps, x, w, role);
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_LIST_ITEM)
			return fo_bad_child(L->src, c, n);
		rc = list_item(L, vb, c, &st, A);
	}
	close_block(vb, &st, role);
	return rc;
}

int block_level(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	switch (fo_kind_of(n)) {
	case FO_BLOCK: return do_block(L, vb, n, ps, A);
	case FO_BLOCK_CONTAINER: return do_block_container(L, vb, n, ps, A);
	case FO_LIST_BLOCK: return do_list(L, vb, n, ps, A);
	case FO_TABLE: return do_table(L, vb, n, ps, A);
	default: return fo_bad_child(L->src, n, n->parent);
	}
}
