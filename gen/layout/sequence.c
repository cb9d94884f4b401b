/* layout/sequence.c - one fo:page-sequence: its numbering properties, its static content, the flow
 * laid out once into a vertical list, the page loop (masters, forced breaks, repeated table
 * headers) and force-page-count; and the lay_doc that carries a document's state. */
#include "layout/internal.h"

lay_doc *lay_doc_new(const lay_setup *s)
{
	lay_doc *L = g_new0(lay_doc, 1);
	L->src = s->src;
	L->pctx = s->pctx;
	L->layout = s->layout;
	L->para_cache = s->para_cache;
	L->emit = s->emit;
	L->ud = s->ud;
	L->page_index = s->page_index;
	L->prev = s->prev;
	L->final_pass = s->final_pass;
	L->base_dir = g_strdup(s->base_dir ? s->base_dir : ".");
	L->masters = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)master_free);
	L->seqmasters = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)seqmaster_free);
	L->ids_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	L->ids_last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	L->pn_labels = g_ptr_array_new_with_free_func(g_free);
	L->first_page = 1;
	L->link_refs = g_ptr_array_new();
	L->marks = marks_new();
	fo_style_init(&L->root_style);
	return L;
}

void lay_doc_free(lay_doc *L)
{
	if (!L)
		return;
	cd_page_free(L->held);
	seq_tail_free(L->tail);
	g_hash_table_destroy(L->masters);
	g_hash_table_destroy(L->seqmasters);
	g_hash_table_destroy(L->ids_first);
	g_hash_table_destroy(L->ids_last);
	g_ptr_array_free(L->pn_labels, TRUE);
	for (guint i = 0; i < L->link_refs->len; i += 2)
		g_free(L->link_refs->pdata[i]);
	g_ptr_array_free(L->link_refs, TRUE);
	marks_free(L->marks);
	g_free(L->base_dir);
	g_free(L);
}

void lay_root(lay_doc *L, const fo_style *root_style)
{
	L->root_style = *root_style;
	L->doc_lang = root_style->lang;
}

/* ------------------------------------------------------------------ page-sequences */

typedef struct seq {
	xmlNode *ps, *flow;
	const char *ref;
	fo_style st;
	GPtrArray *statics;       /* xmlNode*: fo:static-content */
	char fmt;
	int fmt_width;
	int num;                  /* the number of the first page */
	int force;                /* FORCE_* */
} seq;

/* Static content of one region, as an artifact. */
static int put_static(lay_doc *L, seq *S, cd_page *pg, const char *region, double x, double y, double w)
{
	for (guint i = 0; i < S->statics->len; i++) {
		xmlNode *sc = S->statics->pdata[i];
		const char *fn = fo_attr(sc, "flow-name");
		if (!fn || strcmp(fn, region) != 0)
			continue;
		fo_style st;
		int rc = style_of(L, sc, &S->st, w, &st);
		if (rc < 0)
			return rc;
		L->in_static = 1;
		L->cur_label = pg->label;
		area A = { 0, w };
		double h;
		cd_page *items = sub_flow_items(L, sc, &st, A, &h, &rc);
		L->in_static = 0;
		if (items) {
			put_tag(pg, "Artifact", NULL, NULL);
			put_all(pg, items, x, y, 1);
			put_tag_end(pg);
			cd_page_free(items);
		}
		return rc;
	}
	return 0;
}

/* The outer regions: before and after across the top and bottom (narrowed by the start and end
 * regions), start and end at the sides, the start region on the right in an rl-tb sequence. */
static int put_statics(lay_doc *L, seq *S, lay_master *m, cd_page *pg)
{
	int rc = 0;
	int rl = S->st.wm == WM_RL_TB;
	double se = m->has_region[REGION_START] ? m->extent[REGION_START] : 0;
	double ee = m->has_region[REGION_END] ? m->extent[REGION_END] : 0;
	double le = rl ? ee : se;   /* the widths of the regions at the left and at the right */
	double re = rl ? se : ee;
	for (int s = 0; s < 4 && rc == 0 && S->statics->len; s++) {
		if (!m->has_region[s])
			continue;
		double x = m->cx + le, y = m->cy, w = m->cw - le - re;
		if (s == REGION_AFTER)
			y = m->cy + m->ch - m->extent[s];
		else if (s == REGION_START || s == REGION_END) {
			int at_left = (s == REGION_START) != rl;
			x = at_left ? m->cx : m->cx + m->cw - m->extent[s];
			w = m->extent[s];
		}
		if (w > 0)
			rc = put_static(L, S, pg, m->region_name[s], x, y, w);
	}
	return rc;
}

static int is_even(int n) { return n % 2 == 0; }

/* format, initial-page-number, force-page-count. */
static int seq_numbering(lay_doc *L, seq *S)
{
	xmlNode *ps = S->ps;
	S->fmt = '1';
	S->fmt_width = 1;
	if (fo_page_format(L->src, ps, &S->fmt, &S->fmt_width) < 0)
		return -CD_EXIT_INVALID;
	int num = L->page_number + 1;
	int how = fo_initial_page_number(L->src, ps, &num);
	if (how < 0)
		return -CD_EXIT_INVALID;
	if ((how == PAGE_NUMBER_AUTO_ODD && is_even(num)) || (how == PAGE_NUMBER_AUTO_EVEN && !is_even(num)))
		num++;
	S->num = num;
	S->force = FORCE_AUTO;
	return fo_keyword(L->src, ps, "force-page-count", &S->force);
}

/* The static contents, then the one fo:flow. */
static int seq_children(lay_doc *L, seq *S)
{
	xmlNode *ps = S->ps;
	int rc;
	for (xmlNode *c = ps->children; c; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		fo_kind k = fo_kind_of(c);
		if (k == FO_STATIC_CONTENT && !S->flow) {
			if ((rc = fo_check_attrs(L->src, c)) < 0)
				return rc;
			if (!fo_attr(c, "flow-name"))
				return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:static-content needs a 'flow-name'");
			g_ptr_array_add(S->statics, c);
		} else if (k == FO_FLOW && !S->flow) {
			S->flow = c;
		} else {
			return fo_bad_child(L->src, c, ps);
		}
	}
	if (!S->flow)
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "fo:page-sequence needs a fo:flow");
	return 0;
}

/* The flow is laid out once at one width: every page master of the sequence must give it.
 * Sets L->max_body_h to the tallest region-body (rows taller are split). */
static int seq_width(lay_doc *L, seq *S, lay_master *m0)
{
	lay_seqmaster *sm = g_hash_table_lookup(L->seqmasters, S->ref);
	L->max_body_h = m0->bh;
	for (int k = 0; sm && k < sm->n_subs; k++)
		for (int c = 0; c < sm->subs[k].n_conds; c++) {
			lay_master *m = sm->subs[k].conds[c].m;
			if (fabs(m->bw - m0->bw) > EPS)
				return cd_error_at(L->src->name, xmlGetLineNo(S->ps),
				                   "the page masters of one page-sequence must give the region-body one width ('%s' and '%s' differ)",
				                   m0->name, m->name);
			if (m->bh > L->max_body_h)
				L->max_body_h = m->bh;
		}
	return 0;
}

/* The flow into the vertical list vb. */
static int seq_flow(lay_doc *L, seq *S, vbuild *vb)
{
	lay_master *m0 = pick_master(L, S->ps, S->ref, 0, S->num, 0, 0, NULL);
	if (!m0)
		return -CD_EXIT_INVALID;
	int rc = seq_width(L, S, m0);
	if (rc < 0)
		return rc;
	xmlNode *flow = S->flow;
	const char *fname = fo_attr(flow, "flow-name");
	if ((rc = fo_check_attrs(L->src, flow)) < 0)
		return rc;
	if (!fname || strcmp(fname, m0->body_name) != 0)
		return cd_error_at(L->src->name, xmlGetLineNo(flow), "fo:flow must name the region-body ('%s'), not '%s'",
		                   m0->body_name, fname ? fname : "");
	fo_style fst;
	if ((rc = style_of(L, flow, &S->st, m0->bw, &fst)) < 0)
		return rc;
	if (S->st.id)
		vadd_id(vb, V_DEST, S->st.id);
	area A = { 0, m0->bw };
	rc = sub_flow(L, vb, flow, &fst, A);
	if (rc == 0 && S->st.id)
		vadd_id(vb, V_IDEND, S->st.id);
	return rc;
}

/* A table that goes on from the previous page gets its header again; returns its height, and
 * puts it on pg (when not NULL). */
static double repeat_header(emitter *em, GPtrArray *vl, size_t i, lay_master *m, cd_page *pg)
{
	table *t = em_table(em);
	if (!t || i == 0)
		return 0;
	int rows_follow = 0;
	for (size_t k = i; k < vl->len; k++) {
		vent *e = vl->pdata[k];
		if (e->kind == V_BOX) { rows_follow = 1; break; }
		if (e->kind == V_TABLE_END) break;
	}
	if (t->hdr_h <= 0 || t->omit || !rows_follow)
		return 0;
	if (!pg)
		return t->hdr_h;
	put_tag(pg, "Artifact", NULL, NULL);
	put_all(pg, t->hdr, m->bx, m->by, 0);
	put_tag_end(pg);
	return t->hdr_h;
}

/* The innermost table still open after entries [i, j), given those open before i (em). */
static table *table_open_at(const emitter *em, GPtrArray *vl, size_t i, size_t j)
{
	GPtrArray *open = g_ptr_array_new();
	for (guint k = 0; em->tables && k < em->tables->len; k++)
		g_ptr_array_add(open, em->tables->pdata[k]);
	for (size_t k = i; k < j; k++) {
		vent *e = vl->pdata[k];
		if (e->kind == V_TABLE)
			g_ptr_array_add(open, e->tab);
		else if (e->kind == V_TABLE_END && open->len)
			g_ptr_array_set_size(open, (gint)open->len - 1);
	}
	table *t = open->len ? open->pdata[open->len - 1] : NULL;
	g_ptr_array_free(open, TRUE);
	return t;
}

/* A table cut by this page's end gets its footer below its last row here (XSL 1.1: footers
 * repeat unless table-omit-footer-at-break). The page is fitted again with the footer's room
 * taken off. Returns the table, or NULL. */
static table *fit_with_footer(const emitter *em, GPtrArray *vl, size_t i, double avail, size_t *j)
{
	table *t = table_open_at(em, vl, i, *j);
	if (!t || t->omit_ftr || t->ftr_h <= 0 || *j >= vl->len)
		return NULL;
	*j = fit(vl, i, avail - t->ftr_h);
	t = table_open_at(em, vl, i, *j);
	return t && !t->omit_ftr && t->ftr_h > 0 ? t : NULL;
}

/* A page numbered num with no flow content (blank: a forced page), with its static content; the
 * last page of the sequence when `last` and an alternative is for it. NULL on error (*rc set). */
static cd_page *seq_page(lay_doc *L, seq *S, int idx, int num, int blank, int last, lay_master **mp, int *rc)
{
	lay_master *m = last ? pick_master(L, S->ps, S->ref, idx, num, blank, 1, NULL) : NULL;
	if (!m)
		m = pick_master(L, S->ps, S->ref, idx, num, blank, 0, NULL);
	if (!m) {
		*rc = -CD_EXIT_INVALID;
		return NULL;
	}
	cd_page *pg = new_page(L, m->width, m->height, num, S->fmt, S->fmt_width);
	marks_page(L->marks, NULL, NULL, 0, 0);
	if ((*rc = put_statics(L, S, m, pg)) < 0) {
		cd_page_free(pg);
		return NULL;
	}
	*mp = m;
	return pg;
}

/* Whether force-page-count adds a blank page after `made` pages, the last numbered num. */
static int forces_blank(int f, int made, int num)
{
	return (f == FORCE_EVEN && made % 2) || (f == FORCE_ODD && !(made % 2)) ||
	       (f == FORCE_END_ON_EVEN && !is_even(num)) || (f == FORCE_END_ON_ODD && is_even(num));
}

/* The master of the page that starts at entry i. With an alternative for the last page
 * (page-position "last" or "only"), that one when the rest of the flow fits on it (*is_last set);
 * a forced blank page after this one would be the last instead. */
static lay_master *flow_master(lay_doc *L, seq *S, GPtrArray *vl, size_t i, double hdr, int idx, int num,
                               int made, int *is_last)
{
	*is_last = 0;
	lay_master *m = pick_master(L, S->ps, S->ref, idx, num, 0, 0, NULL);
	if (!m || !has_last_master(L, S->ref) || forces_blank(S->force, made + 1, num))
		return m;
	int by_last;
	lay_master *ml = pick_master(L, S->ps, S->ref, idx, num, 0, 1, &by_last);
	if (ml && by_last && fits_rest(vl, i, ml->bh - hdr)) {
		*is_last = 1;
		return ml;
	}
	return m;
}

/* One page of the flow, entries from *i on, with master m: static contents (after the page is
 * cut, so that retrieve-markers see its markers), a repeated table header, the content, a
 * repeated table footer. */
static int flow_page(lay_doc *L, seq *S, emitter *em, GPtrArray *vl, size_t *i, lay_master *m, int num,
                     GPtrArray *open)
{
	cd_page *pg = new_page(L, m->width, m->height, num, S->fmt, S->fmt_width);
	em->page_bx = m->bx;
	em->page_by = m->by;
	double hdr = repeat_header(em, vl, *i, m, NULL);
	size_t j = fit(vl, *i, m->bh - hdr);
	table *ft = fit_with_footer(em, vl, *i, m->bh - hdr, &j);
	marks_page(L->marks, open, vl, *i, j);
	int rc = put_statics(L, S, m, pg);
	if (rc < 0) {
		cd_page_free(pg);
		return rc;
	}
	repeat_header(em, vl, *i, m, pg);
	em_start(em, pg, m->bx, m->by + hdr);
	emit_range(em, vl, *i, j, 1);
	if (ft) {
		put_tag(pg, "Artifact", NULL, NULL);
		put_all(pg, ft->ftr, m->bx, m->by + hdr + em->y, 0);
		put_tag_end(pg);
	}
	em_finish(em);
	for (size_t k = *i; k < j; k++) {
		vent *e = vl->pdata[k];
		cd_page_free(e->box);
		e->box = NULL;
	}
	marks_page_done(L->marks);
	*i = j;
	return deliver(L, pg);
}

/* The pages of the list vl: the page loop. Sets *idx and *num to the next master index and
 * the last page's number, *made to the count of pages. */
static int seq_pages(lay_doc *L, seq *S, GPtrArray *vl, int *idx, int *num, int *made)
{
	emitter em;
	memset(&em, 0, sizeof em);
	GPtrArray *open = g_ptr_array_new();    /* vent*: marked blocks open where a page starts */
	size_t i = 0;
	int rc = 0, want_parity = 0;   /* 1 odd, 2 even: the next page must be */
	int last_made = 0;             /* a page from a master for the last page was made */
	while (rc == 0) {
		/* forced breaks where the page starts */
		while (i < vl->len && ((vent *)vl->pdata[i])->kind == V_BREAK) {
			vent *e = vl->pdata[i++];
			if (e->brk_kind == BREAK_ODD) want_parity = 1;
			else if (e->brk_kind == BREAK_EVEN) want_parity = 2;
		}
		if (i >= vl->len && *made > 0)
			break;
		int blank = want_parity && *made > 0 && ((want_parity == 1) == is_even(*num + 1));
		want_parity = blank ? want_parity : 0;
		lay_master *m;
		if (blank) {
			cd_page *pg = seq_page(L, S, (*idx)++, ++*num, 1, 0, &m, &rc);
			if (!pg)
				break;
			++*made;
			rc = deliver(L, pg);
			continue;
		}
		double hdr = repeat_header(&em, vl, i, NULL, NULL);
		int is_last;
		m = flow_master(L, S, vl, i, hdr, *idx, *num + 1, *made, &is_last);
		if (!m) {
			rc = -CD_EXIT_INVALID;
			break;
		}
		(*idx)++;
		++*made;
		last_made |= is_last;
		rc = flow_page(L, S, &em, vl, &i, m, ++*num, open);
	}
	/* the end of the flow did not fit on the last page's master: a blank page of it ends the
	 * sequence (as Apache FOP does), unless force-page-count adds one anyway */
	if (rc == 0 && !last_made && has_last_master(L, S->ref) && !forces_blank(S->force, *made, *num)) {
		int by_last;
		lay_master *m = pick_master(L, S->ps, S->ref, *idx, *num + 1, 1, 1, &by_last);
		if (m && by_last) {
			cd_page *pg = seq_page(L, S, (*idx)++, ++*num, 1, 1, &m, &rc);
			if (pg) {
				++*made;
				rc = deliver(L, pg);
			}
		}
	}
	g_ptr_array_free(open, TRUE);
	em_clear(&em);
	return rc;
}

/* ------------------------------------------------------------------ force-page-count="auto" */

/* A page-sequence laid out with force-page-count="auto": XSL 1.1 ends it on an even page when
 * the next one's initial-page-number is odd, on an odd page when it is even, and forces nothing
 * when there is no next one or its number is "auto". The next one is not read yet (a file is read
 * one page-sequence at a time), so what a blank page of this one needs is kept: a copy of the
 * page-sequence and its static contents, its numbering and where its masters had got to. */
struct seq_tail {
	seq S;
	xmlNode *copy;
	int idx, num;
};

void seq_tail_free(struct seq_tail *t)
{
	if (!t)
		return;
	if (t->S.statics)
		g_ptr_array_free(t->S.statics, TRUE);
	xmlFreeNode(t->copy);
	g_free(t);
}

static struct seq_tail *seq_tail_new(const seq *S, int idx, int num)
{
	struct seq_tail *t = g_new0(struct seq_tail, 1);
	t->S = *S;
	t->copy = xmlDocCopyNode(S->ps, NULL, 2);
	t->S.ps = t->copy;
	t->S.flow = NULL;
	t->S.ref = fo_attr(t->copy, "master-reference");
	t->S.statics = g_ptr_array_new();
	for (guint i = 0; i < S->statics->len; i++) {
		xmlNode *c = xmlDocCopyNode(S->statics->pdata[i], NULL, 1);
		xmlAddChild(t->copy, c);
		g_ptr_array_add(t->S.statics, c);
	}
	t->idx = idx;
	t->num = num;
	return t;
}

/* The parity the page before `next` must have: 1 odd, 2 even, 0 any. */
static int parity_before(xmlNode *next)
{
	int n = 0;
	switch (fo_initial_page_number(NULL, next, &n)) {   /* quiet: seq_numbering says why */
	case PAGE_NUMBER_AUTO_ODD: return 2;
	case PAGE_NUMBER_AUTO_EVEN: return 1;
	case PAGE_NUMBER_SET: return n % 2 ? 2 : 1;
	default: return 0;
	}
}

/* The previous sequence's blank page, when the next one (NULL at the end) asks for it. */
static int seq_tail_finish(lay_doc *L, xmlNode *next)
{
	struct seq_tail *t = L->tail;
	L->tail = NULL;
	int rc = 0, want = next ? parity_before(next) : 0;
	if (t && want && (want == 2) != is_even(t->num)) {
		lay_master *m;
		cd_page *pg = seq_page(L, &t->S, t->idx, t->num + 1, 1, 0, &m, &rc);
		if (pg && (rc = deliver(L, pg)) == 0)
			L->page_number = t->num + 1;
	}
	seq_tail_free(t);
	return rc;
}

int lay_sequence(lay_doc *L, xmlNode *ps)
{
	seq S;
	memset(&S, 0, sizeof S);
	S.ps = ps;
	int rc = fo_style_compute(L->src, ps, &L->root_style, 0, &S.st);
	if (rc < 0)
		return rc;
	S.ref = fo_attr(ps, "master-reference");
	if (!S.ref)
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "fo:page-sequence needs a 'master-reference'");
	if (!g_hash_table_contains(L->masters, S.ref) && !g_hash_table_contains(L->seqmasters, S.ref))
		return cd_error_at(L->src->name, xmlGetLineNo(ps), "no page master named '%s'", S.ref);
	if ((rc = seq_tail_finish(L, ps)) < 0)
		return rc;
	if ((rc = seq_numbering(L, &S)) < 0)
		return rc;
	marks_sequence(L->marks);
	S.statics = g_ptr_array_new();
	vbuild vb;
	vb_init(&vb);
	rc = seq_children(L, &S);
	if (rc == 0)
		rc = seq_flow(L, &S, &vb);
	int idx = 0, made = 0, num = S.num - 1;
	if (rc == 0)
		rc = seq_pages(L, &S, vb.v, &idx, &num, &made);
	vb_clear(&vb);
	/* force-page-count: a blank page at the end when the count is not as asked */
	int f = S.force;
	if (rc == 0 && forces_blank(f, made, num)) {
		lay_master *m;
		cd_page *pg = seq_page(L, &S, idx++, ++num, 1, 1, &m, &rc);
		if (pg)
			rc = deliver(L, pg);
	}
	if (rc == 0 && f == FORCE_AUTO)
		L->tail = seq_tail_new(&S, idx, num);
	g_ptr_array_free(S.statics, TRUE);
	if (rc == 0)
		L->page_number = num;
	return rc;
}
