/* layout/masters.c - fo:layout-master-set: simple page masters (page size, margins, regions) and
 * page-sequence masters, and picking the master of each page of a sequence. */
#include "layout/internal.h"

void master_free(lay_master *m)
{
	g_free(m->name);
	g_free(m->body_name);
	for (int i = 0; i < 4; i++)
		g_free(m->region_name[i]);
	g_free(m);
}

void seqmaster_free(lay_seqmaster *s)
{
	for (int i = 0; i < s->n_subs; i++)
		g_free(s->subs[i].conds);
	g_free(s->subs);
	g_free(s->name);
	g_free(s);
}

static int margins(lay_doc *L, xmlNode *n, double w, double m[4])
{
	fo_style base, st;
	fo_style_init(&base);
	int rc = fo_style_compute(L->src, n, &base, w, &st);
	return rc < 0 ? rc : fo_page_margins(L->src, n, w, m);
}

/* PDF's limits on a page's size (ISO 32000-1, annex C), in points. */
#define PAGE_MIN 3.0
#define PAGE_MAX 14400.0

/* The page's size is one PDF can hold, and its regions lie on it (negative margins or extents
 * would put content off the page). */
static int master_on_page(lay_doc *L, xmlNode *n, const lay_master *m)
{
	if (m->width < PAGE_MIN || m->width > PAGE_MAX || m->height < PAGE_MIN || m->height > PAGE_MAX)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "page master '%s' is %.4gpt by %.4gpt: a PDF page is 3pt to 14400pt each way",
		                   m->name, m->width, m->height);
	int off = m->cx < -EPS || m->cy < -EPS || m->cx + m->cw > m->width + EPS || m->cy + m->ch > m->height + EPS ||
	          m->bx < m->cx - EPS || m->by < m->cy - EPS || m->bx + m->bw > m->cx + m->cw + EPS ||
	          m->by + m->bh > m->cy + m->ch + EPS;
	for (int s = 0; s < 4; s++)
		off = off || m->extent[s] < 0 || m->extent[s] > (s < 2 ? m->ch : m->cw) + EPS;
	if (off)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "the regions of page master '%s' do not lie on its page (negative margins or extents?)", m->name);
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
	if (fo_length_or_auto(L->src, n, "page-width", 12, -1, &m->width) < 0 ||
	    fo_length_or_auto(L->src, n, "page-height", 12, -1, &m->height) < 0)
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
		const char *v = fo_attr(c, "extent");
		if (v && fo_length(L->src, c, "extent", v, 12, -1, &m->extent[side]) < 0)
			rc = -CD_EXIT_INVALID;
	}
	if (rc == 0 && !have_body)
		rc = cd_error_at(L->src->name, xmlGetLineNo(n), "fo:simple-page-master '%s' needs a fo:region-body", name);
	if (rc == 0 && (m->bw <= 0 || m->bh <= 0))
		rc = cd_error_at(L->src->name, xmlGetLineNo(n), "the region-body of page master '%s' has no room", name);
	if (rc == 0)
		rc = master_on_page(L, n, m);
	if (rc < 0) {
		master_free(m);
		return rc;
	}
	g_hash_table_insert(L->masters, m->name, m);
	return 0;
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
			if (k == FO_REPEATABLE_PAGE_MASTER_REFERENCE && (rc = fo_max_repeats(L->src, c, &sub->max_repeats)) < 0)
				break;
			sub->conds = g_new0(lay_cond, 1);
			sub->conds[0].m = m;
			sub->n_conds = 1;
		} else if (k == FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES) {
			if ((rc = fo_max_repeats(L->src, c, &sub->max_repeats)) < 0)
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
				lay_cond cd = { m, PAGE_POSITION_ANY, ODD_EVEN_ANY, BLANK_ANY };
				if ((rc = fo_keyword(L->src, d, "page-position", &cd.position)) == 0 &&
				    (rc = fo_keyword(L->src, d, "odd-or-even", &cd.odd_even)) == 0)
					rc = fo_keyword(L->src, d, "blank-or-not-blank", &cd.blank);
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

int has_last_master(lay_doc *L, const char *ref)
{
	lay_seqmaster *s = g_hash_table_lookup(L->seqmasters, ref);
	for (int k = 0; s && k < s->n_subs; k++)
		for (int c = 0; c < s->subs[k].n_conds; c++)
			if (s->subs[k].conds[c].position == PAGE_POSITION_LAST || s->subs[k].conds[c].position == PAGE_POSITION_ONLY)
				return 1;
	return 0;
}

/* Whether an alternative's page-position admits page i (the last of its sequence or not). */
static int position_fits(int position, int i, int last)
{
	switch (position) {
	case PAGE_POSITION_FIRST: return i == 0;
	case PAGE_POSITION_REST: return i != 0 && !last;
	case PAGE_POSITION_LAST: return last;
	case PAGE_POSITION_ONLY: return i == 0 && last;
	default: return 1;
	}
}

lay_master *pick_master(lay_doc *L, xmlNode *ps, const char *ref, int i, int num, int blank, int last, int *by_last)
{
	if (by_last)
		*by_last = 0;
	lay_master *m = g_hash_table_lookup(L->masters, ref);
	if (m)
		return last ? NULL : m;
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
			if (!position_fits(cd->position, i, last))
				continue;
			if ((cd->odd_even == ODD_EVEN_ODD && num % 2 == 0) || (cd->odd_even == ODD_EVEN_EVEN && num % 2 != 0))
				continue;
			if ((cd->blank == BLANK_BLANK && !blank) || (cd->blank == BLANK_NOT_BLANK && blank))
				continue;
			if (by_last)
				*by_last = cd->position == PAGE_POSITION_LAST || cd->position == PAGE_POSITION_ONLY;
			return cd->m;
		}
		break;    /* this sub-sequence is current, and no alternative fits */
	}
	if (last)
		return NULL;
	cd_error_at(L->src->name, xmlGetLineNo(ps), "page-sequence-master '%s' has no page master for page %d", ref, num);
	return NULL;
}
