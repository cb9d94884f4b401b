/* render/render.c - the render pipeline (render.h): FO documents in, pages out to a writer. */
#include "render/render.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "render/fonts.h"
#include "layout/layout.h"

#define XMP_META "adobe:ns:meta/"
#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define PDF_NS "http://ns.adobe.com/pdf/1.3/"
#define XMP_NS "http://ns.adobe.com/xap/1.0/"

struct cd_renderer {
	cd_fonts *fonts;
	PangoLayout *layout;
	lay_para_cache *para_cache;   /* see lay_para_cache_new */
};

cd_renderer *cd_renderer_new(int *rc)
{
	cd_fonts *f = cd_fonts_new(rc);
	if (!f)
		return NULL;
	cd_renderer *r = g_new0(cd_renderer, 1);
	r->fonts = f;
	r->layout = pango_layout_new(cd_fonts_context(f));
	r->para_cache = lay_para_cache_new();
	*rc = 0;
	return r;
}

void cd_renderer_free(cd_renderer *r)
{
	if (!r)
		return;
	lay_para_cache_free(r->para_cache);
	g_object_unref(r->layout);
	cd_fonts_free(r->fonts);
	g_free(r);
}

struct cd_render_job {
	cd_renderer *r;
	const cd_writer_ops *w;
	char *opts;
	cd_output *out;
	char *path;
	void *state;
	int begun;
	int pages;
	int docs;
	double last_w, last_h;
	int have_info;           /* the caller gave the info, or the first document filled it */
	cd_doc_info info;
	char *strs[7];           /* owned strings of info */
	GArray *outline;         /* cd_outline, strings owned */
	char *prefix;            /* dest names of the current document, after the first */
};

static void set_str(cd_render_job *j, int k, const char **field, const char *v)
{
	g_free(j->strs[k]);
	j->strs[k] = v ? g_strdup(v) : NULL;
	*field = j->strs[k];
}

int cd_render_begin(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts,
                    cd_output *out, const char *path, const cd_doc_info *info, cd_render_job **job)
{
	cd_render_job *j = g_new0(cd_render_job, 1);
	j->r = r;
	j->w = w;
	j->opts = g_strdup(writer_opts);
	j->out = out;
	j->path = g_strdup(path);
	j->outline = g_array_new(FALSE, TRUE, sizeof(cd_outline));
	if (info) {
		j->have_info = 1;
		set_str(j, 0, &j->info.title, info->title);
		set_str(j, 1, &j->info.author, info->author);
		set_str(j, 2, &j->info.subject, info->subject);
		set_str(j, 3, &j->info.keywords, info->keywords);
		set_str(j, 4, &j->info.creator, info->creator);
		set_str(j, 5, &j->info.lang, info->lang);
		set_str(j, 6, &j->info.date, info->date);
		for (size_t i = 0; i < info->n_outline; i++) {
			cd_outline o = info->outline[i];
			o.title = g_strdup(o.title);
			o.dest = g_strdup(o.dest);
			g_array_append_val(j->outline, o);
		}
	}
	*job = j;
	return 0;
}

static int job_start(cd_render_job *j)
{
	if (j->begun)
		return 0;
	j->info.outline = (const cd_outline *)j->outline->data;
	j->info.n_outline = j->outline->len;
	int rc = j->w->begin_document(&j->state, j->out, j->path, &j->info, j->opts);
	if (rc < 0)
		return rc;
	j->begun = 1;
	return 0;
}

static char *prefixed(const char *prefix, const char *name)
{
	return prefix ? g_strconcat(prefix, name, NULL) : g_strdup(name);
}

/* Where finished pages go: into the writer, then freed. */
static int job_emit(void *ud, cd_page *pg)
{
	cd_render_job *j = ud;
	int rc = job_start(j);
	if (rc == 0 && j->prefix)
		for (size_t i = 0; i < pg->n; i++) {
			cd_item *it = &pg->items[i];
			char **name = it->kind == CD_ITEM_DEST ? &it->u.dest.name : it->kind == CD_ITEM_LINK ? &it->u.link.dest : NULL;
			if (name && *name) {
				char *p = prefixed(j->prefix, *name);
				g_free(*name);
				*name = p;
			}
		}
	if (rc == 0)
		rc = cd_page_replay(pg, j->w, j->state);
	j->pages++;
	j->last_w = pg->width;
	j->last_h = pg->height;
	cd_page_free(pg);
	return rc;
}

static int discard(void *ud, cd_page *pg)
{
	(void)ud;
	cd_page_free(pg);
	return 0;
}

/* ------------------------------------------------------------------ metadata */

static int is_el(xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST ns) &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The text of a dc:title / dc:creator: the first rdf:li when there is a list. */
static char *xmp_text(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			for (xmlNode *li = c->children; li; li = li->next)
				if (is_el(li, RDF_NS, "li")) {
					xmlChar *t = xmlNodeGetContent(li);
					char *s = g_strstrip(g_strdup((const char *)t));
					xmlFree(t);
					return s;
				}
		}
	xmlChar *t = xmlNodeGetContent(n);
	char *s = g_strstrip(g_strdup((const char *)t));
	xmlFree(t);
	return s;
}

static int declarations(cd_render_job *j, const fo_src *src, xmlNode *decl, int fill)
{
	int rc = fo_check_attrs(src, decl);
	for (xmlNode *c = decl->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (!is_el(c, XMP_META, "xmpmeta"))
			return fo_bad_child(src, c, decl);
		for (xmlNode *rdf = c->children; rdf; rdf = rdf->next) {
			if (!is_el(rdf, RDF_NS, "RDF"))
				continue;
			for (xmlNode *d = rdf->children; d; d = d->next) {
				if (!is_el(d, RDF_NS, "Description"))
					continue;
				for (xmlNode *p = d->children; p && fill; p = p->next) {
					if (p->type != XML_ELEMENT_NODE || !p->ns)
						continue;
					int k = -1;
					const char **field = NULL;
					if (is_el(p, DC_NS, "title")) k = 0, field = &j->info.title;
					else if (is_el(p, DC_NS, "creator")) k = 1, field = &j->info.author;
					else if (is_el(p, DC_NS, "description")) k = 2, field = &j->info.subject;
					else if (is_el(p, PDF_NS, "Keywords")) k = 3, field = &j->info.keywords;
					else if (is_el(p, XMP_NS, "CreatorTool")) k = 4, field = &j->info.creator;
					else if (is_el(p, DC_NS, "date")) k = 6, field = &j->info.date;
					else if (is_el(p, DC_NS, "language") || is_el(p, PDF_NS, "Producer"))
						continue;
					else
						return cd_error_at(src->name, xmlGetLineNo(p), "unsupported metadata '%s:%s' in fo:declarations",
						                   p->ns->prefix ? (const char *)p->ns->prefix : "", p->name);
					char *t = xmp_text(p);
					set_str(j, k, field, t);
					g_free(t);
				}
			}
		}
	}
	return rc;
}

static int bookmark(cd_render_job *j, const fo_src *src, xmlNode *c, int parent, int fill, GPtrArray *refs)
{
	int rc = fo_check_attrs(src, c);
	if (rc < 0)
		return rc;
	const char *dest = fo_attr(c, "internal-destination");
	if (fo_attr(c, "external-destination"))
		return cd_error_at(src->name, xmlGetLineNo(c), "unsupported property 'external-destination' on fo:bookmark");
	if (!dest)
		return cd_error_at(src->name, xmlGetLineNo(c), "fo:bookmark needs an 'internal-destination'");
	int state = STATE_SHOW;
	if ((rc = fo_keyword(src, c, "starting-state", &state)) < 0)
		return rc;
	xmlNode *title = NULL;
	for (xmlNode *d = c->children; d; d = d->next) {
		if (d->type == XML_COMMENT_NODE || fo_is_blank(d))
			continue;
		fo_kind k = fo_kind_of(d);
		if (k == FO_BOOKMARK_TITLE && !title)
			title = d;
		else if (k != FO_BOOKMARK || !title)
			return fo_bad_child(src, d, c);
	}
	if (!title)
		return cd_error_at(src->name, xmlGetLineNo(c), "fo:bookmark needs a fo:bookmark-title");
	if ((rc = fo_check_attrs(src, title)) < 0)
		return rc;
	for (xmlNode *d = title->children; d; d = d->next)
		if (d->type == XML_ELEMENT_NODE)
			return fo_bad_child(src, d, title);
	g_ptr_array_add(refs, g_strdup(dest));
	g_ptr_array_add(refs, GINT_TO_POINTER(xmlGetLineNo(c)));
	int me = -1;
	if (fill) {
		xmlChar *t = xmlNodeGetContent(title);
		char *s = g_strstrip(g_strdup((const char *)t));
		xmlFree(t);
		cd_outline o = { parent, s, g_strdup(dest), state == STATE_SHOW };
		g_array_append_val(j->outline, o);
		me = (int)j->outline->len - 1;
	}
	for (xmlNode *d = c->children; d && rc == 0; d = d->next)
		if (fo_kind_of(d) == FO_BOOKMARK)
			rc = bookmark(j, src, d, me, fill, refs);
	return rc;
}

/* refs gets (id, line) pairs, checked once the ids are known. */
static int bookmarks(cd_render_job *j, const fo_src *src, xmlNode *n, int fill, GPtrArray *refs)
{
	int rc = fo_check_attrs(src, n);
	for (xmlNode *c = n->children; c && rc == 0; c = c->next) {
		if (c->type == XML_COMMENT_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) != FO_BOOKMARK)
			return fo_bad_child(src, c, n);
		rc = bookmark(j, src, c, -1, fill, refs);
	}
	return rc;
}

/* ------------------------------------------------------------------ documents */

typedef struct doc_parts {
	xmlNode *root, *lms, *decl, *bm;
	fo_style root_style;
} doc_parts;

static int read_root(const fo_src *src, xmlNode *root, doc_parts *d)
{
	memset(d, 0, sizeof *d);
	if (fo_kind_of(root) != FO_ROOT)
		return cd_error_at(src->name, root ? xmlGetLineNo(root) : 0, "the document element must be fo:root");
	d->root = root;
	fo_style init;
	fo_style_init(&init);
	return fo_style_compute(src, root, &init, 0, &d->root_style);
}

static char *dir_of(const char *path)
{
	return path ? g_path_get_dirname(path) : g_strdup(".");
}

/* The children of fo:root before the first page-sequence. */
static int root_child(cd_render_job *j, lay_doc *L, const fo_src *src, xmlNode *c, doc_parts *d, int fill, GPtrArray *refs)
{
	fo_kind k = fo_kind_of(c);
	if (k == FO_LAYOUT_MASTER_SET && !d->lms) {
		d->lms = c;
		return lay_masters(L, c);
	}
	if (k == FO_DECLARATIONS && d->lms && !d->decl) {
		d->decl = c;
		return declarations(j, src, c, fill);
	}
	if (k == FO_BOOKMARK_TREE && d->lms && !d->bm) {
		d->bm = c;
		return bookmarks(j, src, c, fill, refs);
	}
	return fo_bad_child(src, c, d->root);
}

static void fill_lang(cd_render_job *j, doc_parts *d)
{
	if (d->root_style.lang)
		set_str(j, 5, &j->info.lang, d->root_style.lang);
}

static int check_bookmarks(lay_doc *L, const fo_src *src, GPtrArray *refs)
{
	for (guint i = 0; i + 1 < refs->len; i += 2)
		if (!lay_has_id(L, refs->pdata[i]))
			return cd_error_at(src->name, GPOINTER_TO_INT(refs->pdata[i + 1]),
			                   "no element has id '%s' (internal-destination of fo:bookmark)", (char *)refs->pdata[i]);
	return 0;
}

static void refs_free(GPtrArray *refs)
{
	for (guint i = 0; i < refs->len; i += 2)
		g_free(refs->pdata[i]);
	g_ptr_array_free(refs, TRUE);
}

static int reader_error(const char *path, xmlTextReaderPtr rd)
{
	const xmlError *e = xmlGetLastError();
	(void)rd;
	if (e && e->message) {
		char *m = g_strstrip(g_strdup(e->message));
		int rc = cd_error_at(path, e->line, "%s", m);
		g_free(m);
		return rc;
	}
	return cd_error_at(path, 0, "not well-formed XML");
}

/* fo:root and then its children, from a parsed tree or from the streaming reader (which keeps
 * one child of fo:root in memory at a time): the one driver below walks either. */
typedef struct root_src {
	xmlNode *root, *next;     /* tree: fo:root, and its next child to give */
	xmlTextReaderPtr rd;      /* stream */
	const char *path;
	int expanded;             /* stream: the last node given was expanded; skip its subtree */
} root_src;

/* The next node of the stream: fo:root, or a child of it (expanded); 1, 0 at the end, or an
 * error. */
static int stream_next(root_src *s, xmlNode **out)
{
	for (;;) {
		int r = s->expanded ? xmlTextReaderNext(s->rd) : xmlTextReaderRead(s->rd);
		s->expanded = 0;
		if (r <= 0)
			return r < 0 ? reader_error(s->path, s->rd) : 0;
		int type = xmlTextReaderNodeType(s->rd), depth = xmlTextReaderDepth(s->rd);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			/* the DTD node itself (asking for the document would stop the reader freeing) */
			xmlNode *dn = xmlTextReaderCurrentNode(s->rd);
			if (dn && dn->type == XML_DTD_NODE && ((xmlDtdPtr)dn)->entities)
				return cd_error_at(s->path, 0, "a DOCTYPE that declares entities is not allowed");
			continue;
		}
		if (depth == 0 && type == XML_READER_TYPE_ELEMENT) {
			*out = xmlTextReaderCurrentNode(s->rd);
			return 1;
		}
		if (depth != 1 || (type != XML_READER_TYPE_ELEMENT && type != XML_READER_TYPE_TEXT &&
		                   type != XML_READER_TYPE_CDATA))
			continue;
		if (!(*out = xmlTextReaderExpand(s->rd)))
			return reader_error(s->path, s->rd);
		s->expanded = 1;
		return 1;
	}
}

/* fo:root first, then each of its children; 1, 0 at the end, or an error. */
static int root_next(root_src *s, xmlNode **out)
{
	if (s->rd)
		return stream_next(s, out);
	if (s->root) {
		*out = s->root;
		s->next = s->root->children;
		s->root = NULL;
		return 1;
	}
	if (!s->next)
		return 0;
	*out = s->next;
	s->next = s->next->next;
	return 1;
}

/* Lays out fo:root's children: the master set, declarations and bookmarks, page-sequences. */
static int root_children(cd_render_job *j, lay_doc *L, const fo_src *src, root_src *s, doc_parts *d,
                         int fill, GPtrArray *refs)
{
	int rc, seqs = 0;
	xmlNode *c;
	while ((rc = root_next(s, &c)) == 1) {
		rc = 0;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE || fo_is_blank(c))
			continue;
		if (fo_kind_of(c) == FO_PAGE_SEQUENCE && d->lms) {
			if (fill && !seqs) {
				j->have_info = 1;
				rc = job_start(j);
			}
			if (rc == 0)
				rc = lay_sequence(L, c);
			seqs++;
		} else if (!seqs) {
			rc = root_child(j, L, src, c, d, fill, refs);
		} else {
			rc = fo_bad_child(src, c, d->root);
		}
		if (rc < 0)
			return rc;
	}
	if (rc == 0 && !d->lms)
		rc = cd_error_at(src->name, xmlGetLineNo(d->root), "fo:root needs a fo:layout-master-set");
	if (rc == 0 && !seqs)
		rc = cd_error_at(src->name, xmlGetLineNo(d->root), "fo:root needs a fo:page-sequence");
	return rc;
}

/* One pass over a whole document, from s. */
static int doc_pass(cd_render_job *j, const fo_src *src, const char *url, root_src *s, int final,
                    const lay_doc *prev, lay_doc **out)
{
	char *base = dir_of(url);
	lay_setup ls = { .src = src, .base_dir = base, .pctx = cd_fonts_context(j->r->fonts), .layout = j->r->layout,
	                 .para_cache = j->r->para_cache, .emit = final ? job_emit : discard, .ud = j,
	                 .page_index = j->pages, .prev = prev, .final_pass = final };
	lay_doc *L = *out = lay_doc_new(&ls);
	g_free(base);
	xmlNode *root = NULL;
	int rc = root_next(s, &root);
	if (rc == 0)
		rc = cd_error_at(src->name, 0, "no fo:root");
	if (rc < 0)
		return rc;
	doc_parts d;
	if ((rc = read_root(src, root, &d)) < 0)
		return rc;
	int fill = final && !j->have_info;
	if (fill)
		fill_lang(j, &d);
	lay_root(L, &d.root_style);
	GPtrArray *refs = g_ptr_array_new();
	rc = root_children(j, L, src, s, &d, fill, refs);
	if (rc == 0)
		rc = check_bookmarks(L, src, refs);
	if (rc == 0)
		rc = lay_end(L);
	refs_free(refs);
	return rc;
}

static int begin_doc(cd_render_job *j)
{
	g_free(j->prefix);
	j->prefix = j->docs > 0 ? g_strdup_printf("d%d/", j->docs + 1) : NULL;
	j->docs++;
	return 0;
}

int cd_render_add_doc(cd_render_job *j, xmlDocPtr doc, const char *name)
{
	fo_src src = { name };
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *url = doc->URL ? (const char *)doc->URL : NULL;
	if (doc->intSubset && doc->intSubset->entities)
		return cd_error_at(name, 0, "a DOCTYPE that declares entities is not allowed");
	begin_doc(j);
	lay_doc *first = NULL, *L = NULL;
	int rc = 0;
	if (fo_needs_two_passes(root)) {
		/* citations or page numbers in the flow: a first pass learns the page numbers */
		root_src s = { .root = root };
		rc = doc_pass(j, &src, url, &s, 0, NULL, &first);
	}
	if (rc == 0) {
		root_src s = { .root = root };
		rc = doc_pass(j, &src, url, &s, 1, first, &L);
	}
	lay_doc_free(L);
	lay_doc_free(first);
	return rc;
}

int cd_render_add_file(cd_render_job *j, const char *path)
{
	int fd = cd_open_input(path); /* a regular file: a FIFO or /dev/zero is refused at once */
	if (fd < 0)
		return fd;
	close(fd);
	fo_src src = { path };
	xmlResetLastError();
	if (fo_file_needs_two_passes(path)) {
		/* two passes need the whole document */
		xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
		if (!doc)
			return reader_error(path, NULL);
		int rc = cd_render_add_doc(j, doc, path);
		xmlFreeDoc(doc);
		return rc;
	}
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
	if (!rd)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s'", path);
	begin_doc(j);
	root_src s = { .rd = rd, .path = path };
	lay_doc *L = NULL;
	int rc = doc_pass(j, &src, path, &s, 1, NULL, &L);
	lay_doc_free(L);
	xmlFreeTextReader(rd);
	return rc;
}

int cd_render_pad_to_odd(cd_render_job *j)
{
	if (j->pages % 2 == 0)
		return 0;
	cd_page *pg = cd_page_new(j->last_w, j->last_h, j->pages + 1, "");
	return job_emit(j, pg);
}

int cd_render_page_count(const cd_render_job *j)
{
	return j->pages;
}

static void job_free(cd_render_job *j)
{
	for (int i = 0; i < 7; i++)
		g_free(j->strs[i]);
	for (guint i = 0; i < j->outline->len; i++) {
		g_free(g_array_index(j->outline, cd_outline, i).title);
		g_free(g_array_index(j->outline, cd_outline, i).dest);
	}
	g_array_free(j->outline, TRUE);
	g_free(j->opts);
	g_free(j->path);
	g_free(j->prefix);
	g_free(j);
}

int cd_render_end(cd_render_job *j, int *pages)
{
	int rc = 0;
	if (j->pages == 0)
		rc = cd_fail(-CD_EXIT_INVALID, "nothing to write: no pages");
	if (rc == 0)
		rc = job_start(j);
	if (rc == 0)
		rc = j->w->end_document(j->state);
	if (j->begun)
		j->w->destroy(j->state);
	if (pages)
		*pages = j->pages;
	job_free(j);
	return rc;
}

void cd_render_abort(cd_render_job *j)
{
	if (!j)
		return;
	if (j->begun)
		j->w->destroy(j->state);
	job_free(j);
}
