/* out-cairo.c - the default PDF writer: Cairo's PDF surface, finished by libqpdf.
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
 * text as /ActualText, so it extracts as the words it is, whatever the glyphs' positions.
 */
#include <errno.h>
#include <string.h>
#include <cairo-pdf.h>

#include "cairo-draw.h"
#include "out-opts.h"
#include "pdf-finish.h"
#include "protect.h"

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
	GPtrArray *strs;   /* char *: strings the elements, chunks and info point to */
	GArray *elems;     /* cd_pdf_elem */
	GArray *chunks;    /* cd_pdf_chunk */
	GArray *open;      /* int: the elements open now (-1: an artifact, -2: inside one) */
	int artifact;      /* depth of open artifacts */
	int seq;           /* orders elements and chunks */
	int chunk;         /* the chunk open in Cairo, or -1 */
	int chunk_link;    /* it was opened as a Cairo link tag */
} cairo_writer;

/* The standard structure types of PDF 1.7 (§14.8.4) that may come from layout. */
static const char *const roles[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
	"NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
	"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
	"BibEntry", "Code", "Link", "Figure", "Formula", "Form", NULL
};

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
	w->elems = g_array_new(FALSE, FALSE, sizeof(cd_pdf_elem));
	w->chunks = g_array_new(FALSE, FALSE, sizeof(cd_pdf_chunk));
	w->open = g_array_new(FALSE, FALSE, sizeof(int));
	w->chunk = -1;
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
	if (pg->label && *pg->label)
		cairo_pdf_surface_set_page_label(w->surf, pg->label);
	return check(w);
}

/* The element content drawn now belongs to: the innermost open one, -1 for an artifact. */
static int owner(const cairo_writer *w)
{
	if (w->artifact || !w->open->len)
		return -1;
	return g_array_index(w->open, int, w->open->len - 1);
}

static void end_chunk(cairo_writer *w)
{
	if (w->chunk < 0)
		return;
	cairo_tag_end(w->cr, w->chunk_link ? CAIRO_TAG_LINK : "NonStruct");
	w->chunk = -1;
}

/* Opens a chunk for `elem` (or an artifact, -1); `link_attrs` opens it as a link tag. */
static void begin_chunk(cairo_writer *w, int elem, const char *link_attrs, const char *actual)
{
	end_chunk(w);
	cd_pdf_chunk c = { elem, link_attrs != NULL, keep_str(w, actual), -1, -1, w->seq++ };
	g_array_append_val(w->chunks, c);
	w->chunk = (int)w->chunks->len - 1;
	w->chunk_link = link_attrs != NULL;
	if (link_attrs)
		cairo_tag_begin(w->cr, CAIRO_TAG_LINK, link_attrs);
	else
		cairo_tag_begin(w->cr, "NonStruct", "");
}

/* Makes sure content drawn now goes into a chunk of its owner. */
static void in_chunk(cairo_writer *w)
{
	int e = owner(w);
	if (w->chunk >= 0) {
		const cd_pdf_chunk *c = &g_array_index(w->chunks, cd_pdf_chunk, w->chunk);
		if (c->elem == e && !c->actual)
			return;
	}
	begin_chunk(w, e, NULL, NULL);
}

/* Text in a script whose glyphs do not map one to one onto characters. */
static int needs_actual_text(const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		GUnicodeScript s = g_unichar_get_script(g_utf8_get_char(p));
		if (s != G_UNICODE_SCRIPT_LATIN && s != G_UNICODE_SCRIPT_GREEK && s != G_UNICODE_SCRIPT_CYRILLIC &&
		    s != G_UNICODE_SCRIPT_COMMON && s != G_UNICODE_SCRIPT_INHERITED)
			return 1;
	}
	return 0;
}

static int cairo_glyphs(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	int e = owner(w);
	if (e >= 0 && needs_actual_text(it->u.glyphs.text)) {
		begin_chunk(w, e, NULL, it->u.glyphs.text);
		cd_draw_glyphs(w->cr, it);
		end_chunk(w);
		return 0;
	}
	in_chunk(w);
	cd_draw_glyphs(w->cr, it);
	return 0;
}

/* Backgrounds, borders, rules, leaders and underlines are decoration: artifacts wherever
 * they are drawn (the text they go with is tagged). */
static void in_artifact(cairo_writer *w)
{
	if (w->chunk < 0 || g_array_index(w->chunks, cd_pdf_chunk, w->chunk).elem != -1)
		begin_chunk(w, -1, NULL, NULL);
}

static int cairo_rect(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	in_artifact(w);
	cd_draw_rect(w->cr, it);
	return 0;
}

static int cairo_line(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	in_artifact(w);
	cd_draw_line(w->cr, it);
	return 0;
}

static int cairo_image(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	in_chunk(w);
	return cd_draw_image(w->draw, w->cr, it);
}

static int add_elem(cairo_writer *w, const char *role, int parent, const char *lang, const char *alt)
{
	cd_pdf_elem e = { role, parent, keep_str(w, lang), keep_str(w, alt), w->seq++ };
	g_array_append_val(w->elems, e);
	return (int)w->elems->len - 1;
}

static int cairo_link(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	GString *a = g_string_new(NULL);
	g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f]", it->u.link.x, it->u.link.y,
	                       it->u.link.w, it->u.link.h);
	if (it->u.link.uri)
		append_quoted(a, "uri", it->u.link.uri);
	else if (it->u.link.dest)
		append_quoted(a, "dest", it->u.link.dest);
	else
		CD_BUG("a link with neither uri nor dest");
	int e = owner(w);
	if (e >= 0 && strcmp(g_array_index(w->elems, cd_pdf_elem, e).role, "Link") == 0) {
		begin_chunk(w, e, a->str, NULL);
	} else {
		/* a link of its own, under whatever holds it */
		int l = add_elem(w, "Link", e, NULL, NULL);
		begin_chunk(w, l, a->str, NULL);
		end_chunk(w);
	}
	g_string_free(a, TRUE);
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
	const char *role = it->u.tag.role;
	int e = -2; /* inside an artifact: nothing of its own */
	if (strcmp(role, "Artifact") == 0) {
		w->artifact++;
		e = -1;
	} else if (!w->artifact) {
		size_t i;
		for (i = 0; roles[i]; i++)
			if (strcmp(roles[i], role) == 0)
				break;
		if (!roles[i])
			return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': unknown structure role '%s'", role);
		e = add_elem(w, roles[i], owner(w), it->u.tag.lang, it->u.tag.alt);
	}
	g_array_append_val(w->open, e);
	return 0;
}

static int cairo_tag_end_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	(void)it;
	if (!w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': a structure element ends that never began");
	int e = g_array_index(w->open, int, w->open->len - 1);
	g_array_set_size(w->open, w->open->len - 1);
	if (e == -1)
		w->artifact--;
	return 0;
}

static int cairo_end_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	(void)pg;
	end_chunk(w);
	cairo_show_page(w->cr);
	return check(w);
}

static int cairo_end_document(void *state)
{
	cairo_writer *w = state;
	if (w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': %u structure elements never end",
		               w->open->len);
	end_chunk(w);
	int rc = check(w);
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_finish(w->surf);
	if (!rc)
		rc = check(w);
	if (rc)
		return rc;
	cd_pdf_finish f = {
		.path = w->path, .writer = "cairo",
		.title = w->info.title, .author = w->info.author, .subject = w->info.subject,
		.keywords = w->info.keywords, .creator = w->info.creator, .lang = w->info.lang,
		.date = w->info.date,
		.tagged = 1,
		.elems = (const cd_pdf_elem *)w->elems->data, .n_elems = w->elems->len,
		.chunks = (const cd_pdf_chunk *)w->chunks->data, .n_chunks = w->chunks->len,
		.encrypt = w->prot.encrypt, .user_password = w->prot.user,
		.owner_password = w->prot.owner, .allow_print = w->prot.allow_print,
	};
	rc = cd_pdf_finish_write(w->pdf->data, w->pdf->len, &f, w->fp);
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
	if (w->elems)
		g_array_free(w->elems, TRUE);
	if (w->chunks)
		g_array_free(w->chunks, TRUE);
	if (w->open)
		g_array_free(w->open, TRUE);
	g_free(w->path);
	g_free(w);
}

const cd_writer_ops cd_writer_cairo = {
	.name = "cairo",
	.help = "PDF/UA-1 with embedded subset fonts, tagged structure, links, outline, metadata, page labels; "
	        "AES-256 protection (default)",
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
