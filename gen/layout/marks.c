/* layout/marks.c - fo:marker and fo:retrieve-marker (XSL 1.1 6.13.5, 6.13.6). A block's markers
 * are V_MARKER entries just after its opening and V_MARKER_END entries just after its closing,
 * so the pager knows on which pages the block's areas lie: starting there (is-first), ending
 * there (is-last) or carried over from the page before. When a page is cut, its markers are
 * registered in area order (a block before the blocks inside it, a block's end after theirs);
 * its static content, laid out after that, retrieves them by class, position and boundary. */
#include "layout/internal.h"

/* What one page holds, by marker-class-name (keys: the entries' strings, values: fo:marker). */
enum { FIRST_STARTING, FIRST_ANY, LAST_STARTING, LAST_ENDING, LAST_ANY, N_PAGE_MAPS };

struct lay_marks {
	GHashTable *page[N_PAGE_MAPS];
	/* For pages with none of a class: the last of it on an earlier page, within the
	 * page-sequence and within the document. Owned keys and copies of the markers (a
	 * page-sequence read from a stream is freed when it is done). */
	GHashTable *seq, *doc;
};

struct lay_marks *marks_new(void)
{
	struct lay_marks *M = g_new0(struct lay_marks, 1);
	for (int k = 0; k < N_PAGE_MAPS; k++)
		M->page[k] = g_hash_table_new(g_str_hash, g_str_equal);
	M->seq = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeNode);
	M->doc = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xmlFreeNode);
	return M;
}

void marks_free(struct lay_marks *M)
{
	if (!M)
		return;
	for (int k = 0; k < N_PAGE_MAPS; k++)
		g_hash_table_destroy(M->page[k]);
	g_hash_table_destroy(M->seq);
	g_hash_table_destroy(M->doc);
	g_free(M);
}

void marks_sequence(struct lay_marks *M)
{
	g_hash_table_remove_all(M->seq);
}

/* ------------------------------------------------------------------ in the flow */

static int may_hold_markers(fo_kind k)
{
	return k == FO_BLOCK || k == FO_BLOCK_CONTAINER;
}

/* The fo:marker children of n, checked: initial, named, each class once. */
static int check_markers(lay_doc *L, xmlNode *n)
{
	int other = 0, rc = 0;
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_MARKER) {
			other = 1;
			continue;
		}
		const char *cls = fo_attr(c, "marker-class-name");
		if (L->in_static)
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker is only allowed in a fo:flow, not in fo:static-content");
		else if (L->apart || !may_hold_markers(fo_kind_of(n)))
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker in %s is not supported: markers belong to a fo:block or fo:block-container of the flow, outside tables, list labels and absolute block-containers",
			                 L->apart ? "a table cell, list label or absolute block-container" : fo_kind_name(fo_kind_of(n)));
		else if (other)
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker must come before the other children of %s",
			                 fo_kind_name(fo_kind_of(n)));
		else if ((rc = fo_check_attrs(L->src, c)) < 0)
			;
		else if (!cls || !*cls)
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker needs a 'marker-class-name'");
		else if (g_hash_table_contains(seen, cls))
			rc = cd_error_at(L->src->name, xmlGetLineNo(c), "%s has two fo:marker children of class '%s'",
			                 fo_kind_name(fo_kind_of(n)), cls);
		else
			g_hash_table_add(seen, (gpointer)cls);
	}
	g_hash_table_destroy(seen);
	return rc;
}

int marker_child(lay_doc *L, xmlNode *c, xmlNode *parent)
{
	if (may_hold_markers(fo_kind_of(parent)))
		return 0;    /* markers_start has placed it */
	if (L->in_static)
		return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker is only allowed in a fo:flow, not in fo:static-content");
	return cd_error_at(L->src->name, xmlGetLineNo(c), "fo:marker in %s is not supported: markers belong to a fo:block or fo:block-container of the flow, outside tables, list labels and absolute block-containers",
	                   fo_kind_name(fo_kind_of(parent)));
}

int markers_start(lay_doc *L, vbuild *vb, xmlNode *n)
{
	int rc = check_markers(L, n);
	if (rc < 0)
		return rc;
	for (xmlNode *c = n->children; c; c = c->next)
		if (fo_kind_of(c) == FO_MARKER) {
			vent *e = vadd(vb, V_MARKER);
			e->id = g_strdup(fo_attr(c, "marker-class-name"));
			e->marker = c;
		}
	return 0;
}

void markers_end(vbuild *vb, size_t at, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (fo_kind_of(c) == FO_MARKER) {
			vent *e = g_new0(vent, 1);
			e->kind = V_MARKER_END;
			e->id = g_strdup(fo_attr(c, "marker-class-name"));
			e->marker = c;
			g_ptr_array_insert(vb->v, (gint)at++, e);
		}
}

/* ------------------------------------------------------------------ on a page */

static void put_first(GHashTable *h, const vent *e)
{
	if (!g_hash_table_contains(h, e->id))
		g_hash_table_insert(h, e->id, e->marker);
}

/* An area of a marked block starts on the page (is_first: the block's first area). */
static void reg_start(struct lay_marks *M, const vent *e, int is_first)
{
	if (is_first) {
		put_first(M->page[FIRST_STARTING], e);
		g_hash_table_insert(M->page[LAST_STARTING], e->id, e->marker);
	}
	put_first(M->page[FIRST_ANY], e);
}

/* An area of a marked block ends on the page (is_last: the block's last area). */
static void reg_end(struct lay_marks *M, const vent *e, int is_last)
{
	if (is_last)
		g_hash_table_insert(M->page[LAST_ENDING], e->id, e->marker);
	g_hash_table_insert(M->page[LAST_ANY], e->id, e->marker);
}

void marks_page(struct lay_marks *M, GPtrArray *open, GPtrArray *v, size_t i, size_t j)
{
	for (int k = 0; k < N_PAGE_MAPS; k++)
		g_hash_table_remove_all(M->page[k]);
	if (!v)
		return;
	for (guint k = 0; k < open->len; k++)
		reg_start(M, open->pdata[k], 0);
	for (size_t k = i; k < j; k++) {
		vent *e = v->pdata[k];
		if (e->kind == V_MARKER) {
			reg_start(M, e, 1);
			g_ptr_array_add(open, e);
		} else if (e->kind == V_MARKER_END) {
			for (guint o = open->len; o-- > 0;)
				if (((vent *)open->pdata[o])->marker == e->marker) {
					g_ptr_array_remove_index(open, o);
					break;
				}
			reg_end(M, e, 1);
		}
	}
	for (guint k = open->len; k-- > 0;)
		reg_end(M, open->pdata[k], 0);
}

static void remember(GHashTable *h, const char *cls, xmlNode *m)
{
	g_hash_table_insert(h, g_strdup(cls), xmlDocCopyNode(m, NULL, 1));
}

void marks_page_done(struct lay_marks *M)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, M->page[LAST_ANY]);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		xmlNode *m = g_hash_table_lookup(M->page[LAST_ENDING], k);
		remember(M->seq, k, m ? m : v);
		remember(M->doc, k, m ? m : v);
	}
	for (int i = 0; i < N_PAGE_MAPS; i++)
		g_hash_table_remove_all(M->page[i]);
}

/* XSL 1.1 6.13.6, as Apache FOP reads it: a position that finds nothing starting on the page
 * takes what is there at all; a page with none of the class looks back as far as the boundary
 * and takes the last marker of the class there. */
static xmlNode *resolve(struct lay_marks *M, const char *cls, int pos, int boundary)
{
	xmlNode *m = NULL;
	switch (pos) {
	case RETRIEVE_FIRST_STARTING:
		m = g_hash_table_lookup(M->page[FIRST_STARTING], cls);
		if (!m)
			m = g_hash_table_lookup(M->page[FIRST_ANY], cls);
		break;
	case RETRIEVE_FIRST_INCLUDING_CARRYOVER:
		m = g_hash_table_lookup(M->page[FIRST_ANY], cls);
		break;
	case RETRIEVE_LAST_STARTING:
		m = g_hash_table_lookup(M->page[LAST_STARTING], cls);
		if (!m)
			m = g_hash_table_lookup(M->page[LAST_ANY], cls);
		break;
	default:
		m = g_hash_table_lookup(M->page[LAST_ENDING], cls);
		if (!m)
			m = g_hash_table_lookup(M->page[LAST_ANY], cls);
		break;
	}
	if (!m && boundary == BOUNDARY_PAGE_SEQUENCE)
		m = g_hash_table_lookup(M->seq, cls);
	else if (!m && boundary == BOUNDARY_DOCUMENT)
		m = g_hash_table_lookup(M->doc, cls);
	return m;
}

static int inside_marker(xmlNode *n)
{
	for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (fo_kind_of(p) == FO_MARKER)
			return 1;
	return 0;
}

int retrieve_marker(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *st, area A, int inline_ok)
{
	if (!L->in_static)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:retrieve-marker is only allowed in fo:static-content");
	if (inside_marker(n))
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:retrieve-marker is not allowed inside fo:marker");
	int rc = fo_check_attrs(L->src, n);
	if (rc < 0)
		return rc;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type != XML_COMMENT_NODE && !fo_is_blank(c))
			return fo_bad_child(L->src, c, n);
	const char *cls = fo_attr(n, "retrieve-class-name");
	if (!cls || !*cls)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "fo:retrieve-marker needs a 'retrieve-class-name'");
	int pos = RETRIEVE_FIRST_STARTING, boundary = BOUNDARY_PAGE_SEQUENCE;
	if (fo_keyword(L->src, n, "retrieve-position", &pos) < 0 || fo_keyword(L->src, n, "retrieve-boundary", &boundary) < 0)
		return -CD_EXIT_INVALID;
	xmlNode *m = L->marks ? resolve(L->marks, cls, pos, boundary) : NULL;
	/* the marker's children stand where the retrieve-marker is, in its parent's style */
	return m ? content(L, vb, P, m, st, A, inline_ok) : 0;
}
