/* writers/out-cairo.c - the default PDF writer: Cairo's PDF surface, finished by libqpdf.
 *
 * Fonts embed as subsets (Pango's cairo font map), text extracts through Pango's clusters, and
 * links, named destinations, the outline and page labels come from Cairo. Cairo writes into
 * memory; at the end pdf-finish.cc reads that PDF with libqpdf and writes the finished file:
 * the structure tree, /Artifact marking, metadata, and AES-256 when asked (options
 * user-password=, owner-password=, print=, from the protection options of the commands).
 *
 * Cairo 1.16 (Debian 12) cannot write a tagged PDF for PDF/UA by itself (no artifacts, no
 * attributes, no /Lang on elements, and content after a child element is left out of its
 * parent). So the structure is not given to Cairo as a tree. Instead, every piece of content
 * goes into a "chunk": one Cairo structure tag ("NonStruct") opened around consecutive items
 * of one element (or of one artifact), never nested, ended at the end of each page. Cairo
 * numbers each chunk's marked content (MCID) and lists the chunks, in order, as the top of its
 * tree; the finishing pass maps the n-th one to the n-th chunk recorded here and builds the
 * real tree from the elements recorded here (their roles, /Lang, /Alt), rewriting each
 * chunk's marked content to its element's tag, or to /Artifact.
 *
 * A link is a Cairo link tag: a CD_ITEM_LINK inside a Link element opens a chunk of that
 * element holding the annotation (text wrapping onto a second line makes a second one); a
 * CD_ITEM_LINK anywhere else becomes a Link element of its own, holding only the annotation.
 * A glyph run in a script that needs shaping (Arabic, Urdu...) is a chunk of its own with its
 * text as /ActualText, so it extracts as the words it is, whatever the glyphs' positions; in the
 * content each of its words is drawn as one cluster, in reading order, with the word as
 * /ActualText too (cd_draw_glyphs_by_word).
 */
#include <errno.h>
#include <string.h>
#include <cairo-pdf.h>

#include "writers/cairo-draw.h"
#include "writers/out-opts.h"
#include "writers/pdf-finish.h"
#include "writers/pdf-tags.h"
#include "writers/protect.h"

typedef struct {
	cd_output *out;
	char *path;
	FILE *fp;
	GByteArray *pdf;   /* what Cairo writes */
	int discard;       /* being destroyed: output goes nowhere */
	cairo_surface_t *surf;
	cairo_t *cr;
	cd_draw *draw;
	cd_protection prot;
	cd_doc_info info;  /* strings owned by `strs` */
	GPtrArray *strs;
	cd_tags *tags;
	int page;          /* 0-based page drawn now */
	double page_h;     /* its height */
	int mcid, links;   /* Cairo's next MCID and link annotation on it (pdf-finish.h) */
} cairo_writer;

static void chunk_open(void *ctx, int chunk, const cd_item *link);
static void chunk_close(void *ctx, int chunk, const cd_item *link);

static const char *keep_str(cairo_writer *w, const char *s)
{
	if (!s || !*s)
		return NULL;
	char *c = g_strdup(s);
	g_ptr_array_add(w->strs, c);
	return c;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	cairo_writer *w = closure;
	if (!w->discard)
		g_byte_array_append(w->pdf, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static int check(cairo_writer *w)
{
	cairo_status_t st = w->cr ? cairo_status(w->cr) : CAIRO_STATUS_SUCCESS;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(w->surf);
	return cd_draw_status(st, w->path);
}

/* Cairo attribute strings quote values in single quotes, escaping ' and \ with \. */
static void append_quoted(GString *s, const char *key, const char *val)
{
	g_string_append_printf(s, " %s='", key);
	for (const char *p = val; *p; p++) {
		if (*p == '\'' || *p == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '\'');
}

static int cairo_begin_document(void **state, cd_output *out, const char *path,
                                const cd_doc_info *info, const char *opts)
{
	static const char *const known[] = { CD_PROTECTION_KEYS, NULL };
	cd_wopt *o;
	size_t no;
	int rc = cd_wopts_parse("cairo", opts, known, &o, &no);
	if (rc)
		return rc;

	cairo_writer *w = g_new0(cairo_writer, 1);
	*state = w;
	rc = cd_protection_from_opts("cairo", o, no, &w->prot);
	cd_wopts_free(o, no);
	if (rc)
		return rc;
	w->out = out;
	w->path = g_strdup(path);
	w->pdf = g_byte_array_new();
	w->strs = g_ptr_array_new_with_free_func(g_free);
	cd_tags_sink sink = { chunk_open, chunk_close, w };
	w->tags = cd_tags_new("cairo", &sink);
	cd_tags_predicted(w->tags);
	w->page = -1;
	w->draw = cd_draw_new();
	w->fp = cd_output_open(out, path);
	if (!w->fp)
		return -CD_EXIT_NOWRITE;
	/* The page size is set again by every begin_page. */
	w->surf = cairo_pdf_surface_create_for_stream(write_cb, w, 595.0, 842.0);
	w->cr = cairo_create(w->surf);
	if (info) {
		w->info.title = keep_str(w, info->title);
		w->info.author = keep_str(w, info->author);
		w->info.subject = keep_str(w, info->subject);
		w->info.keywords = keep_str(w, info->keywords);
		w->info.creator = keep_str(w, info->creator);
		w->info.lang = keep_str(w, info->lang);
		w->info.date = keep_str(w, info->date);
		int *ids = g_new0(int, info->n_outline + 1);
		for (size_t i = 0; i < info->n_outline; i++) {
			const cd_outline *ol = &info->outline[i];
			if (ol->parent >= (int)i)
				CD_BUG("outline entry %zu has a later parent %d", i, ol->parent);
			GString *a = g_string_new(NULL);
			append_quoted(a, "dest", ol->dest ? ol->dest : "");
			ids[i] = cairo_pdf_surface_add_outline(w->surf,
			        ol->parent < 0 ? CAIRO_PDF_OUTLINE_ROOT : ids[ol->parent], ol->title,
			        a->str + 1, ol->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
			g_string_free(a, TRUE);
		}
		g_free(ids);
	}
	return check(w);
}

static int cairo_begin_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	cairo_pdf_surface_set_size(w->surf, pg->width, pg->height);
	w->page++;
	w->page_h = pg->height;
	w->mcid = w->links = 0;
	if (pg->label && *pg->label)
		cairo_pdf_surface_set_page_label(w->surf, pg->label);
	return check(w);
}

/* A chunk is one Cairo structure tag, a link tag when it holds a link's annotation. Cairo
 * numbers each tag's marked content from 0 on each page and lists each page's link annotations
 * in order: the chunk records the numbers it should get, for the finishing pass to check. */
static void chunk_open(void *ctx, int chunk, const cd_item *link)
{
	cairo_writer *w = ctx;
	cd_pdf_chunk *c = cd_tags_chunk(w->tags, chunk);
	c->page = w->page;
	c->mcid = w->mcid++;
	if (!link) {
		cairo_tag_begin(w->cr, "NonStruct", "");
		return;
	}
	c->annot = w->links++;
	c->rect[0] = link->u.link.x;
	c->rect[1] = w->page_h - (link->u.link.y + link->u.link.h);
	c->rect[2] = link->u.link.x + link->u.link.w;
	c->rect[3] = w->page_h - link->u.link.y;
	GString *a = g_string_new(NULL);
	g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f]", link->u.link.x, link->u.link.y,
	                       link->u.link.w, link->u.link.h);
	if (link->u.link.uri)
		append_quoted(a, "uri", link->u.link.uri);
	else if (link->u.link.dest)
		append_quoted(a, "dest", link->u.link.dest);
	else
		CD_BUG("a link with neither uri nor dest");
	cairo_tag_begin(w->cr, CAIRO_TAG_LINK, a->str);
	g_string_free(a, TRUE);
}

static void chunk_close(void *ctx, int chunk, const cd_item *link)
{
	cairo_writer *w = ctx;
	(void)chunk;
	cairo_tag_end(w->cr, link ? CAIRO_TAG_LINK : "NonStruct");
}

static int cairo_glyphs(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	cd_tags_before(w->tags, it);
	cd_draw_glyphs_by_word(w->cr, it);
	cd_tags_after(w->tags, it);
	return 0;
}

static int cairo_rect(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	cd_tags_before(w->tags, it);
	cd_draw_rect(w->cr, it);
	cd_tags_after(w->tags, it);
	return 0;
}

static int cairo_line(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	cd_tags_before(w->tags, it);
	cd_draw_line(w->cr, it);
	cd_tags_after(w->tags, it);
	return 0;
}

static int cairo_image(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	cd_tags_before(w->tags, it);
	int rc = cd_draw_image(w->draw, w->cr, it);
	cd_tags_after(w->tags, it);
	return rc;
}

static int cairo_link(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	cd_tags_link(w->tags, it);
	cd_tags_link_done(w->tags);
	return check(w);
}

static int cairo_dest(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	GString *a = g_string_new(NULL);
	append_quoted(a, "name", it->u.dest.name);
	g_string_append_printf(a, " x=%.3f y=%.3f", it->u.dest.x, it->u.dest.y);
	cairo_tag_begin(w->cr, CAIRO_TAG_DEST, a->str + 1);
	cairo_tag_end(w->cr, CAIRO_TAG_DEST);
	g_string_free(a, TRUE);
	return check(w);
}

static int cairo_tag_begin_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	return cd_tags_begin(w->tags, it);
}

static int cairo_tag_end_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	(void)it;
	return cd_tags_end(w->tags);
}

static int cairo_end_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	(void)pg;
	cd_tags_end_page(w->tags);
	cairo_show_page(w->cr);
	return check(w);
}

static int cairo_end_document(void *state)
{
	cairo_writer *w = state;
	if (cd_tags_open(w->tags))
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': %u structure elements never end",
		               cd_tags_open(w->tags));
	cd_tags_end_page(w->tags);
	int rc = check(w);
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_finish(w->surf);
	if (!rc)
		rc = check(w);
	if (rc)
		return rc;
	rc = cd_tags_finish(w->tags, "cairo", w->path, &w->info, &w->prot, w->pdf->data, w->pdf->len, w->fp);
	cd_protection_clear(&w->prot);
	return rc;
}

static void cairo_destroy_hook(void *state)
{
	cairo_writer *w = state;
	if (!w)
		return;
	if (w->cr)
		cairo_destroy(w->cr);
	if (w->surf) {
		/* Destroying finishes the surface, which writes the rest of the file: after an error
		 * that goes nowhere (the caller removes the file). */
		w->discard = 1;
		cairo_surface_destroy(w->surf);
	}
	cd_protection_clear(&w->prot);
	cd_draw_free(w->draw);
	if (w->pdf)
		g_byte_array_free(w->pdf, TRUE);
	if (w->strs)
		g_ptr_array_free(w->strs, TRUE);
	cd_tags_free(w->tags);
	g_free(w->path);
	g_free(w);
}

const cd_writer_ops cd_writer_cairo = {
	.name = "cairo",
	.help = "PDF/UA-1 with embedded subset fonts, tagged structure, links, outline, metadata, page labels; "
	        "AES-256 protection (default)",
	.ext = ".pdf",
	.caps = CD_WRITER_PDF | CD_WRITER_PROTECT,
	.begin_document = cairo_begin_document,
	.begin_page = cairo_begin_page,
	.glyphs = cairo_glyphs,
	.rect = cairo_rect,
	.line = cairo_line,
	.image = cairo_image,
	.link = cairo_link,
	.dest = cairo_dest,
	.tag_begin = cairo_tag_begin_hook,
	.tag_end = cairo_tag_end_hook,
	.end_page = cairo_end_page,
	.end_document = cairo_end_document,
	.destroy = cairo_destroy_hook,
};
