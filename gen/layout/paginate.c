/* layout/paginate.c - cutting the vertical list into pages: where each page ends (fit), splitting
 * table rows that fit no page, page labels in the sequence's number format, and delivering
 * finished pages (recording where ids fell). */
#include "layout/internal.h"

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

/* Whether nothing but the ends of open blocks, tags and ids (and spaces, breaks) follows entry k:
 * a forced break there would start a page with nothing on it (break-after on the last block
 * inside another block), so it is not taken. */
static int only_ends_after(GPtrArray *v, size_t k)
{
	for (size_t j = k + 1; j < v->len; j++) {
		vkind kd = ((vent *)v->pdata[j])->kind;
		if (kd != V_CLOSE && kd != V_TAGEND && kd != V_IDEND && kd != V_SPACE && kd != V_BREAK &&
		    kd != V_TABLE_END)
			return 0;
	}
	return 1;
}

/* What measuring a page found: its end, or a table row to split or finish first. */
typedef enum { FIT_END, FIT_SPLIT_ROW, FIT_FINISH_ROW } fit_act;
typedef struct fit_plan {
	fit_act act;
	size_t end;        /* FIT_END: entries [i, end) go on the page */
	size_t at;         /* the row entry */
	double room;       /* FIT_SPLIT_ROW: the room left for it */
	int at_top;        /* FIT_SPLIT_ROW: nothing is on the page before it */
} fit_plan;

/* The end of a page too full at entry k: the best break seen, else k. */
static size_t page_end(GPtrArray *v, size_t i, size_t k, int have, size_t best)
{
	size_t r = have ? best : k;
	r = break_start(v, i, r);
	if (r <= i)
		r = have && best > i ? best : k;
	if (r <= i)
		r = k + 1;
	return r;
}

/* Measures the page that starts at entry i, changing nothing. */
static void fit_measure(GPtrArray *v, size_t i, double avail, fit_plan *F)
{
	double y = 0, pending = 0;
	int at_top = 1, best_pen = INT_MAX, have = 0;
	size_t best = 0;
	for (size_t k = i; k < v->len; k++) {
		vent *e = v->pdata[k];
		if (e->kind == V_SPACE) {
			if ((!at_top || e->retain) && e->h > pending)
				pending = e->h;
			continue;
		}
		if (e->kind == V_BREAK && !at_top && !only_ends_after(v, k)) {
			*F = (fit_plan){ .act = FIT_END, .end = k };
			return;
		}
		if (e->kind == V_OPEN && e->h == 0 && open_takes_space(e)) {
			y += pending;   /* a background starts below the space */
			pending = 0;
			continue;
		}
		if (!(e->kind == V_BOX || ((e->kind == V_OPEN || e->kind == V_CLOSE) && e->h > 0)))
			continue;
		if (e->kind != V_CLOSE && !at_top && e->brk < FORBID && e->brk <= best_pen) {
			best = k;
			best_pen = e->brk;
			have = 1;
		}
		double need = pending + e->h + (e->kind != V_CLOSE ? glued_after(v, k) : 0);
		if (y + need > avail + EPS) {
			double room = avail - y - (at_top ? 0 : pending) - glued_after(v, k);
			if (e->row && (at_top || row_fits_some(e->row, room))) {
				*F = (fit_plan){ .act = FIT_SPLIT_ROW, .at = k, .room = room, .at_top = at_top };
				return;
			}
			if (!at_top) {
				*F = (fit_plan){ .act = FIT_END, .end = page_end(v, i, k, have, best) };
				return;
			}
			/* taller than the page: it goes alone, overflowing */
			y += need;
			at_top = 0;
			pending = 0;
			continue;
		}
		if (e->row) {
			/* the rest of a split row fits: it must be made before it is placed */
			*F = (fit_plan){ .act = FIT_FINISH_ROW, .at = k };
			return;
		}
		y += pending + e->h;
		pending = 0;
		if (e->h > 0)
			at_top = 0;
	}
	*F = (fit_plan){ .act = FIT_END, .end = v->len };
}

/* Does what fit_measure asked for: the rest of a row made whole, or its part that fits made
 * and put before it (the row entry becomes that part when nothing is left). */
static void fit_apply(GPtrArray *v, const fit_plan *F)
{
	vent *e = v->pdata[F->at];
	double ph;
	cd_page *part;
	if (F->act == FIT_FINISH_ROW) {
		part = row_emit(e->row, -1, &ph, e->row->collapse, 1);
	} else {
		part = row_emit(e->row, F->room, &ph, e->row->collapse, 1);
		if (!part && F->at_top)
			part = row_emit(e->row, -1, &ph, e->row->collapse, 1);
	}
	if (F->act == FIT_FINISH_ROW || row_done(e->row)) {
		row_free(e->row);
		e->row = NULL;
		cd_page_free(e->box);
		e->box = part;
		e->h = ph;
		return;
	}
	vent *p = g_new0(vent, 1);
	p->kind = V_BOX;
	p->box = part;
	p->h = ph;
	p->brk = e->brk;
	e->brk = 0;
	e->h = row_height(e->row);
	g_ptr_array_insert(v, (gint)F->at, p);
}

size_t fit(GPtrArray *v, size_t i, double avail)
{
	fit_plan F;
	for (;;) {
		fit_measure(v, i, avail, &F);
		if (F.act == FIT_END)
			return F.end;
		fit_apply(v, &F);
	}
}

/* ------------------------------------------------------------------ page labels */

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

char *page_label(int n, char fmt, int width)
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

/* ------------------------------------------------------------------ delivering pages */

/* Where a destination falls: ids keep their first and last page, an id's end its last. */
static void record_dest(lay_doc *L, const cd_item *it, const char *label)
{
	const char *name = it->u.dest.name;
	switch (it->u.dest.mark) {
	case CD_DEST_ID_END:
		g_hash_table_insert(L->ids_last, g_strdup(name), g_strdup(label));
		break;
	case CD_DEST_PAGE_NUMBER:
		if ((guint)it->u.dest.serial >= L->pn_labels->len)
			g_ptr_array_set_size(L->pn_labels, it->u.dest.serial + 1);
		if (!L->pn_labels->pdata[it->u.dest.serial])
			L->pn_labels->pdata[it->u.dest.serial] = g_strdup(label);
		break;
	default:
		if (!g_hash_table_contains(L->ids_first, name))
			g_hash_table_insert(L->ids_first, g_strdup(name), g_strdup(label));
		if (!g_hash_table_contains(L->ids_last, name))
			g_hash_table_insert(L->ids_last, g_strdup(name), g_strdup(label));
		break;
	}
}

/* Records where ids fall and drops the internal marks, then hands the page on (the previous
 * page first: the last one is held until the next page or the end of the document). */
int deliver(lay_doc *L, cd_page *pg)
{
	size_t o = 0;
	for (size_t i = 0; i < pg->n; i++) {
		cd_item *it = &pg->items[i];
		if (it->kind == CD_ITEM_DEST) {
			record_dest(L, it, pg->label);
			if (it->u.dest.mark != CD_DEST_ID) {
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
	return rc;
}

int lay_has_id(const lay_doc *L, const char *id)
{
	return g_hash_table_contains(L->ids_first, id);
}

int lay_end(lay_doc *L)
{
	seq_tail_free(L->tail);   /* no next page-sequence: "auto" forces nothing */
	L->tail = NULL;
	GPtrArray *r = L->link_refs;
	for (guint i = 0; i + 1 < r->len; i += 2)
		if (!lay_has_id(L, r->pdata[i]))
			return cd_error_at(L->src->name, GPOINTER_TO_INT(r->pdata[i + 1]),
			                   "no element has id '%s' (internal-destination of fo:basic-link)", (char *)r->pdata[i]);
	if (!L->held)
		return 0;
	put_tag_end(L->held);
	cd_page *pg = L->held;
	L->held = NULL;
	return L->emit(L->ud, pg);
}

/* A new page numbered `number` in format fmt (zero-padded to fmt_width digits). */
cd_page *new_page(lay_doc *L, double w, double h, int number, char fmt, int fmt_width)
{
	char *label = page_label(number, fmt, fmt_width);
	cd_page *pg = cd_page_new(w, h, ++L->page_index, label);
	g_free(label);
	pg->number = number;
	pg->number_format = fmt;
	if (L->first_page) {
		put_tag(pg, "Document", NULL, L->doc_lang);
		L->first_page = 0;
	}
	return pg;
}
