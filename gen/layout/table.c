/* layout/table.c - fo:table: columns, header/body/footer rows of cells (each cell a sub-flow), rows
 * emitted whole or split across pages, and the header kept for repeating. */
#include "layout/internal.h"

void table_free(table *t)
{
	if (!t)
		return;
	cd_page_free(t->hdr);
	cd_page_free(t->ftr);
	g_free(t);
}

void row_free(row *r)
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

double row_height(row *r)
{
	double h = r->started ? 0 : r->minh;
	for (int i = 0; i < r->n; i++) {
		double ch = row_content_h(r, i, NULL) + r->cells[i].inset[SIDE_BEFORE] + r->cells[i].inset[SIDE_AFTER];
		if (ch > h)
			h = ch;
	}
	return h;
}

int row_done(const row *r)
{
	for (int c = 0; c < r->n; c++)
		if (r->cells[c].from < r->cells[c].v->len)
			return 0;
	return 1;
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

/* Where the part of cell i that fits in `avail` ends (*cut) and its content height (*ch). */
static void cell_cut(row *r, int i, double avail, size_t *cut, double *ch)
{
	cell *c = &r->cells[i];
	double ins = c->inset[SIDE_BEFORE] + c->inset[SIDE_AFTER];
	*cut = c->v->len;
	if (avail < 0) {
		*ch = row_content_h(r, i, NULL);
		return;
	}
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(vmark));
	double full = row_content_h(r, i, marks);
	*ch = full;
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
		*cut = k;
		*ch = used;
	}
	g_array_free(marks, TRUE);
}

/* The cuts and heights of every cell for `avail`; returns the part's height and sets *any
 * when some content of some cell fits. Changes nothing. */
static double row_plan(row *r, double avail, size_t *cut, double *ch, int *any)
{
	double rh = r->started ? 0 : r->minh;
	*any = 0;
	for (int i = 0; i < r->n; i++) {
		cell *c = &r->cells[i];
		cell_cut(r, i, avail, &cut[i], &ch[i]);
		if (cut[i] > c->from || c->v->len == c->from)
			*any = *any || cut[i] > c->from;
		double hh = ch[i] + c->inset[SIDE_BEFORE] + c->inset[SIDE_AFTER];
		if (hh > rh)
			rh = hh;
	}
	return rh;
}

int row_fits_some(row *r, double avail)
{
	if (avail < 0)
		return 1;    /* row_emit places all of it */
	size_t cut[r->n > 0 ? r->n : 1];
	double ch[r->n > 0 ? r->n : 1];
	int any;
	row_plan(r, avail, cut, ch, &any);
	return any;
}

cd_page *row_emit(row *r, double avail, double *h, int collapse, int move)
{
	size_t cut[r->n > 0 ? r->n : 1];
	double ch[r->n > 0 ? r->n : 1];
	int any;
	double rh = row_plan(r, avail, cut, ch, &any);
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
		em_clear(&em);
		draw_cell_borders(pg, c, 0, rh, collapse);
		put_tag_end(pg);
		c->from = cut[i];
	}
	put_tag_end(pg);
	r->started = 1;
	*h = rh;
	return pg;
}

/* ------------------------------------------------------------------ building rows */

/* A cell's number-columns-spanned or number-rows-spanned (XSL 1.1), or the same with the
 * "-spanning" ending cindoc once used; *name is the one found. */
static const char *span_attr(xmlNode *c, const char *what, const char **name)
{
	static const char *const names[][2] = {
		{ "number-columns-spanned", "number-columns-spanning" },
		{ "number-rows-spanned", "number-rows-spanning" },
	};
	int i = strcmp(what, "columns") == 0 ? 0 : 1;
	const char *v = fo_attr(c, names[i][0]);
	*name = names[i][0];
	if (!v && (v = fo_attr(c, names[i][1])))
		*name = names[i][1];
	return v;
}

/* A forced break inside a cell would need the row cut there: refused rather than dropped.
 * Put the break on the fo:table-row (or on the table). */
static int cell_breaks(lay_doc *L, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		static const char *const props[] = { "break-before", "break-after" };
		for (int i = 0; i < 2; i++) {
			const char *v = fo_attr_not_auto(c, props[i]);
			if (v)
				return cd_error_at(L->src->name, xmlGetLineNo(c),
				                   "%s=\"%s\" on %s inside fo:table-cell is not supported: put the break on the fo:table-row",
				                   props[i], v, fo_kind_name(fo_kind_of(c)));
		}
		int rc = cell_breaks(L, c);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* One fo:table-cell at column *col of row r: its style, box and content (a sub-flow). */
static int table_cell(lay_doc *L, xmlNode *c, row *r, const fo_style *ps, const fo_style *rs, const double *colx,
                      int ncols, int *col)
{
	int span = 1, rspan = 1, rc = 0;
	const char *v, *name;
	if ((v = span_attr(c, "columns", &name)) && (rc = fo_integer(L->src, c, name, v, 1, &span)) < 0)
		return rc;
	if ((v = span_attr(c, "rows", &name)) && ((rc = fo_integer(L->src, c, name, v, 1, &rspan)) < 0 || rspan != 1))
		return cd_error_at(L->src->name, xmlGetLineNo(c), "unsupported value '%s' for property '%s' on fo:table-cell", v, name);
	if ((rc = cell_breaks(L, c)) < 0)
		return rc;
	if (span > ncols - *col)
		return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:table-cell goes past the last of %d columns", ncols);
	r->cells = g_renew(cell, r->cells, r->n + 1);
	cell *ce = &r->cells[r->n++];
	memset(ce, 0, sizeof *ce);
	double cw = colx[*col + span] - colx[*col];
	if ((rc = style_of(L, c, rs, cw, &ce->st)) < 0)
		return rc;
	/* rl-tb: the first column is on the right */
	ce->x = r->x + (ps->wm == WM_RL_TB ? colx[ncols] - colx[*col + span] : colx[*col]);
	ce->w = cw;
	ce->role = ce->st.role ? ce->st.role : r->header ? "TH" : "TD";
	for (int s = 0; s < 4; s++)
		ce->inset[s] = ce->st.pad[s] + (ps->border_collapse ? ce->st.border[s].width / 2 : ce->st.border[s].width);
	fo_style inner = ce->st;
	inner.indent_left = inner.indent_right = 0;
	area A = { ce->x + ce->inset[SIDE_LEFT], cw - ce->inset[SIDE_LEFT] - ce->inset[SIDE_RIGHT] };
	vbuild sub;
	vb_init(&sub);
	if (ce->st.id)
		vadd_id(&sub, V_DEST, ce->st.id);
	L->apart++;
	rc = sub_flow(L, &sub, c, &inner, A);
	L->apart--;
	ce->v = sub.v;
	sub.v = NULL;
	vb_clear(&sub);
	*col += span;
	return rc;
}

/* Builds one fo:table-row into a row structure. */
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
	if (fo_length_or_auto(L->src, rn, "height", rs.size, -1, &r->minh) < 0) {
		row_free(r);
		return -CD_EXIT_INVALID;
	}
	int col = 0;
	for (xmlNode *c = rn->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_TABLE_CELL)
			rc = fo_bad_child(L->src, c, rn);
		else
			rc = table_cell(L, c, r, ps, &rs, colx, ncols, &col);
	}
	if (rc < 0) {
		row_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* ------------------------------------------------------------------ the table */

/* What do_table gathers before the rows. */
typedef struct tab_spec {
	fo_style st;
	double x, w;
	int omit, omit_ftr;
	xmlNode *header, *footer;
	xmlNode *first_row, *last_row;   /* of the body: their breaks go before / after the table */
	GPtrArray *parts;         /* xmlNode*: header, bodies, footer in order */
	int ncols;
	double *colx;             /* ncols + 1 column edges */
	const char *role;
} tab_spec;

/* The table's own properties and the order of its children: columns, header, footer, bodies. */
static int table_props(lay_doc *L, xmlNode *n, area A, tab_spec *T)
{
	const fo_style *st = &T->st;
	T->x = A.ax + st->indent_left;
	T->w = A.refw - st->indent_left - st->indent_right;
	int table_layout = TABLE_LAYOUT_AUTO;   /* checked only: auto is laid out as fixed */
	if (fo_length_or_auto(L->src, n, "width", st->size, A.refw, &T->w) < 0 ||
	    fo_keyword(L->src, n, "table-layout", &table_layout) < 0 ||
	    fo_keyword(L->src, n, "table-omit-header-at-break", &T->omit) < 0 ||
	    fo_keyword(L->src, n, "table-omit-footer-at-break", &T->omit_ftr) < 0)
		return -CD_EXIT_INVALID;
	int seen_part = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_TABLE_COLUMN && !seen_part) continue;
		if (k == FO_TABLE_HEADER && !T->header && !seen_part) { T->header = c; continue; }
		if (k == FO_TABLE_FOOTER && !T->footer && !seen_part) { T->footer = c; continue; }
		if (k == FO_TABLE_BODY) { seen_part = 1; continue; }
		return fo_bad_child(L->src, c, n);
	}
	if (!seen_part)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:table needs a fo:table-body");
	T->parts = g_ptr_array_new();
	if (T->header)
		g_ptr_array_add(T->parts, T->header);
	for (xmlNode *c = n->children; c; c = c->next)
		if (fo_kind_of(c) == FO_TABLE_BODY)
			g_ptr_array_add(T->parts, c);
	if (T->footer)
		g_ptr_array_add(T->parts, T->footer);
	return 0;
}

/* No table has more columns: a number-columns-spanning or -repeated of two thousand million
 * would otherwise make as many. */
#define MAX_COLUMNS 1000

static int too_many_columns(lay_doc *L, xmlNode *at)
{
	return cd_error_at(L->src->name, xmlGetLineNo(at), "%s goes past the %d columns a fo:table may have",
	                   fo_kind_name(fo_kind_of(at)), MAX_COLUMNS);
}

/* A fo:table-column: a fixed width, or a share of what is left. */
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
		if (fo_column_width(L->src, c, cs.size, tw, &s.fixed, &s.prop) < 0)
			return -CD_EXIT_INVALID;
		const char *v;
		int rep = 1;
		if ((v = fo_attr(c, "number-columns-repeated")) && fo_integer(L->src, c, "number-columns-repeated", v, 1, &rep) < 0)
			return -CD_EXIT_INVALID;
		int num = (int)cols->len + 1;
		if ((v = fo_attr(c, "column-number")) && (fo_integer(L->src, c, "column-number", v, 1, &num) < 0 || num != (int)cols->len + 1))
			return v ? fo_bad_value(L->src, c, "column-number", v) : -CD_EXIT_INVALID;
		if (rep > MAX_COLUMNS - (int)cols->len)
			return too_many_columns(L, c);
		for (int i = 0; i < rep; i++)
			g_array_append_val(cols, s);
	}
	return 0;
}


/* Without fo:table-column: as many equal columns as the widest row. */
static int default_columns(lay_doc *L, xmlNode *n, GArray *cols)
{
	long most = 0;
	for (xmlNode *p = n->children; p; p = p->next)
		for (xmlNode *r = p->children; r; r = r->next)
			if (fo_kind_of(r) == FO_TABLE_ROW) {
				long cnt = 0;
				for (xmlNode *c = r->children; c; c = c->next)
					if (fo_kind_of(c) == FO_TABLE_CELL) {
						const char *name, *sp = span_attr(c, "columns", &name);
						long span = sp ? strtol(sp, NULL, 10) : 1;
						cnt += span < 1 ? 1 : span;
						if (span > MAX_COLUMNS || cnt > MAX_COLUMNS)
							return too_many_columns(L, c);
					}
				most = MAX(most, cnt);
			}
	for (long i = 0; i < most; i++) {
		colspec s = { 0, 1 };
		g_array_append_val(cols, s);
	}
	return 0;
}

/* The columns' edges (T->colx) across the table's width. */
static int table_widths(lay_doc *L, xmlNode *n, tab_spec *T)
{
	GArray *cols = g_array_new(FALSE, FALSE, sizeof(colspec));
	int rc = table_columns(L, n, &T->st, T->w, cols);
	if (rc < 0) {
		g_array_free(cols, TRUE);
		return rc;
	}
	if (cols->len == 0 && (rc = default_columns(L, n, cols)) < 0) {
		g_array_free(cols, TRUE);
		return rc;
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
	T->ncols = ncols;
	T->colx = g_new(double, ncols + 1);
	T->colx[0] = 0;
	for (int i = 0; i < ncols; i++) {
		colspec *s = &g_array_index(cols, colspec, i);
		double cw = s->fixed + (prop > 0 ? MAX(0, T->w - fixed) * s->prop / prop : 0);
		T->colx[i + 1] = T->colx[i] + cw;
	}
	g_array_free(cols, TRUE);
	if (ncols == 0)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:table has no columns");
	return 0;
}

/* One row of part pk on the list: its breaks, id and keeps, as a box (or a splittable row). */
static int table_row_entry(lay_doc *L, vbuild *vb, tab_spec *T, table *tab, xmlNode *rn, const fo_style *pst,
                           fo_kind pk, int extra)
{
	row *r;
	int rc = table_row(L, rn, pst, T->colx, T->ncols, T->x, pk == FO_TABLE_HEADER, &r);
	if (rc < 0)
		return rc;
	fo_style rs;
	style_of(L, rn, pst, T->w, &rs);
	if (rn != T->first_row)
		vadd_break(vb, rs.break_before);
	if (rs.id)
		vadd_id(vb, V_DEST, rs.id);
	if (rs.keep_prev > vb->pending_kwp)
		vb->pending_kwp = rs.keep_prev;
	double h = row_height(r);
	if (L->max_body_h > 0 && h > L->max_body_h && pk == FO_TABLE_BODY) {
		vent *e = vadd_box(vb, NULL, h, extra);
		e->row = r;
	} else {
		cd_page *items = row_emit(r, -1, &h, T->st.border_collapse, 1);
		if (pk == FO_TABLE_HEADER) {
			put_all(tab->hdr, items, 0, tab->hdr_h, 0);
			tab->hdr_h += h;
		} else if (pk == FO_TABLE_FOOTER) {
			put_all(tab->ftr, items, 0, tab->ftr_h, 0);
			tab->ftr_h += h;
		}
		vadd_box(vb, items, h, extra);
		row_free(r);
	}
	if (rs.keep_next > vb->pending_kwn)
		vb->pending_kwn = rs.keep_next;
	if (rn != T->last_row)
		vadd_break(vb, rs.break_after);
	return 0;
}

/* The rows of one part (header, body or footer), the p-th. */
static int table_part(lay_doc *L, vbuild *vb, tab_spec *T, table *tab, xmlNode *part, int p)
{
	fo_kind pk = fo_kind_of(part);
	fo_style pst;
	int rc;
	if ((rc = style_of(L, part, &T->st, T->w, &pst)) < 0)
		return rc;
	pst.border_collapse = T->st.border_collapse;
	vadd_tag(vb, pk == FO_TABLE_HEADER ? "THead" : pk == FO_TABLE_FOOTER ? "TFoot" : "TBody", NULL, NULL);
	if (pst.id)
		vadd_id(vb, V_DEST, pst.id);
	int first_row = 1;
	for (xmlNode *rn = part->children; rn && rc == 0; rn = rn->next) {
		if (rn->type == XML_COMMENT_NODE || fo_is_blank(rn))
			continue;
		if (fo_kind_of(rn) != FO_TABLE_ROW)
			return fo_bad_child(L->src, rn, part);
		int extra = 0;
		if (first_row && pk == FO_TABLE_BODY && p > 0 && T->header)
			extra = KEEP_ALWAYS;    /* never a header alone at the foot of a page */
		if (pk == FO_TABLE_HEADER && !first_row)
			extra = FORBID;
		if (pk == FO_TABLE_FOOTER)
			extra = KEEP_ALWAYS;
		rc = table_row_entry(L, vb, T, tab, rn, &pst, pk, extra);
		first_row = 0;
	}
	if (rc == 0)
		vadd(vb, V_TAGEND);
	return rc;
}

/* The first and last rows of the body. A break before the first row goes before the table (the
 * header is not left alone on a page), one after the last row after it (nor the footer). */
static int body_edge_breaks(lay_doc *L, tab_spec *T, int *before, int *after)
{
	*before = *after = BREAK_AUTO;
	for (guint p = 0; p < T->parts->len; p++) {
		xmlNode *part = T->parts->pdata[p];
		if (fo_kind_of(part) != FO_TABLE_BODY)
			continue;
		for (xmlNode *r = part->children; r; r = r->next)
			if (fo_kind_of(r) == FO_TABLE_ROW) {
				if (!T->first_row)
					T->first_row = r;
				T->last_row = r;
			}
	}
	fo_style rs;
	int rc = 0;
	if (T->first_row && (rc = style_of(L, T->first_row, &T->st, T->w, &rs)) == 0)
		*before = rs.break_before;
	if (rc == 0 && T->last_row && (rc = style_of(L, T->last_row, &T->st, T->w, &rs)) == 0)
		*after = rs.break_after;
	return rc;
}

int do_table(lay_doc *L, vbuild *vb, xmlNode *n, const fo_style *ps, area A)
{
	int brk_before = BREAK_AUTO, brk_after = BREAK_AUTO;
	tab_spec T;
	memset(&T, 0, sizeof T);
	int rc = style_of(L, n, ps, A.refw, &T.st);
	if (rc == 0)
		rc = table_props(L, n, A, &T);
	if (rc == 0)
		rc = fits_area(L, n, A, T.x, T.w);
	if (rc == 0)
		rc = table_widths(L, n, &T);
	if (rc == 0)
		rc = body_edge_breaks(L, &T, &brk_before, &brk_after);
	if (rc == 0) {
		const char *role = T.st.role ? T.st.role : "Table";
		vadd_break(vb, brk_before);
		open_block(vb, &T.st, ps, T.x, T.colx[T.ncols], role);
		table *tab = g_new0(table, 1);
		tab->omit = T.omit;
		tab->omit_ftr = T.omit_ftr;
		tab->hdr = ibuf_new();
		tab->ftr = ibuf_new();
		vadd(vb, V_TABLE)->tab = tab;
		for (guint p = 0; p < T.parts->len && rc == 0; p++)
			rc = table_part(L, vb, &T, tab, T.parts->pdata[p], (int)p);
		vadd(vb, V_TABLE_END)->tab = tab;   /* owner */
		if (rc == 0)
			close_block(vb, &T.st, role);
		vadd_break(vb, brk_after);
	}
	if (T.parts)
		g_ptr_array_free(T.parts, TRUE);
	g_free(T.colx);
	return rc;
}
