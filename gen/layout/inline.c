/* layout/inline.c - inline-level elements inside a paragraph: fo:inline, fo:basic-link,
 * fo:character, fo:page-number and the citations, fo:leader, fo:external-graphic. */
#include "layout/internal.h"

#include <errno.h>
#include <unistd.h>

static guint32 be32(const unsigned char *p) { return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3]; }

/* Width and height of a PNG in points: pixels at the pHYs resolution, else 96 per inch. */
static int png_size(lay_doc *L, xmlNode *n, const char *path, double *w, double *h)
{
	/* a regular file only: a FIFO or /dev/zero is refused at once */
	const char *why = NULL;
	int fd = cd_open_regular(path, &why);
	FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!fp) {
		if (fd >= 0) {
			why = g_strerror(errno);
			close(fd);
		}
		cd_error_at(L->src->name, xmlGetLineNo(n), "cannot read image '%s': %s", path, why);
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
	if (pw > CD_IMAGE_MAX_SIDE || ph > CD_IMAGE_MAX_SIDE)
		return cd_error_at(L->src->name, xmlGetLineNo(n), "image '%s' is %.0f x %.0f pixels, more than %d on a side",
		                   path, pw, ph, CD_IMAGE_MAX_SIDE);
	*w = pw * 72 / dx;
	*h = ph * 72 / dy;
	return 0;
}

static int graphic(lay_doc *L, para *P, xmlNode *n, const fo_style *st, double avail)
{
	char *rel = fo_graphic_src(L->src, n);
	if (!rel)
		return -CD_EXIT_INVALID;
	char *path = g_path_is_absolute(rel) ? g_strdup(rel) : g_build_filename(L->base_dir, rel, NULL);
	g_free(rel);
	double iw = 1, ih = 1;
	int rc = png_size(L, n, path, &iw, &ih);
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	double w = iw, h = ih, vw = -1, vh = -1;
	int scaling = SCALING_UNIFORM;
	rc = fo_keyword(L->src, n, "scaling", &scaling);
	if (rc == 0)
		rc = fo_length_or_auto(L->src, n, "width", st->size, avail, &vw);
	if (rc >= 0)
		rc = fo_length_or_auto(L->src, n, "height", st->size, -1, &vh);
	int setw = 0, seth = 0;
	for (int i = 0; i < 2 && rc >= 0; i++) {
		double *d = i ? &h : &w, intr = i ? ih : iw, box = i ? vh : vw;
		rc = fo_content_size(L->src, n, i ? "content-height" : "content-width", st->size, intr, d);
		double lim = box > 0 ? box : (i ? -1 : avail);
		if (rc == CONTENT_SCALE_TO_FIT && lim > 0)
			*d = lim;
		if (rc == CONTENT_LENGTH || (rc == CONTENT_SCALE_TO_FIT && lim > 0))
			*(i ? &seth : &setw) = 1;
	}
	int uniform = scaling == SCALING_UNIFORM;
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
	o->pattern = PATTERN_SPACE;
	int rc = fo_keyword(L->src, n, "leader-pattern", &o->pattern);
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
	if (rc == 0)
		rc = fo_keyword(L->src, n, "rule-style", &o->rstyle);
	if (rc == 0 && (o->opt < 0 || minv < 0 || o->max < 0 || o->thick < 0))
		rc = cd_error_at(L->src->name, xmlGetLineNo(n), "the lengths and rule-thickness of fo:leader cannot be negative");
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
	const lay_doc *prev = L->prev;
	const char *v = prev ? g_hash_table_lookup(last ? prev->ids_last : prev->ids_first, ref) : NULL;
	if (v)
		return v;
	if (L->final_pass)
		*rc = cd_error_at(L->src->name, xmlGetLineNo(n), "no element has id '%s' (ref-id of %s)", ref,
		                  fo_kind_name(fo_kind_of(n)));
	return "0";
}

int inline_level(lay_doc *L, vbuild *vb, para *P, xmlNode *n, const fo_style *ps, area A)
{
	fo_kind k = fo_kind_of(n);
	fo_style st;
	int rc = style_of(L, n, ps, A.refw, &st);
	if (rc < 0)
		return rc;
	double avail = P->w;
	if (st.id) {
		para_id(P, st.id, CD_DEST_ID);
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
		link_rng lr = { start, (int)P->text->len, ex ? fo_uri(ex) : NULL, in ? g_strdup(in) : NULL };
		if (lr.end > lr.start)
			g_array_append_val(P->links, lr);
		else
			g_free(lr.uri), g_free(lr.dest);
		break;
	}
	case FO_CHARACTER: {
		const char *c = fo_character(L->src, n);
		if (!c)
			return -CD_EXIT_INVALID;
		if (n->children && !fo_is_blank(n->children))
			return fo_bad_child(L->src, n->children, n);
		add_literal(P, &st, c);
		break;
	}
	case FO_PAGE_NUMBER:
		if (L->in_static) {
			add_literal(P, &st, L->cur_label ? L->cur_label : "");
		} else {
			int serial = L->serial++;
			const GPtrArray *prev = L->prev ? L->prev->pn_labels : NULL;
			const char *v = prev && (guint)serial < prev->len ? prev->pdata[serial] : NULL;
			para_page_number(P, serial);
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
	if (rc == 0 && st.id && k != FO_PAGE_NUMBER)
		para_id(P, st.id, CD_DEST_ID_END);
	return rc;
}
