/* out-cairo.c - the default PDF writer: Cairo's PDF surface.
 *
 * Fonts embed as subsets (Pango's cairo font map), text extracts through Pango's clusters, and
 * the structure marks of the display list become a tagged PDF (cairo_tag_begin/end), with links,
 * named destinations, the outline, metadata and page labels.
 *
 * What Cairo 1.16 (Debian 12) can and cannot do, found by trying it:
 * - structure elements may span pages (one element, marked content on each page);
 * - a structure tag name Cairo does not know (e.g. "Artifact") gives a damaged file with no
 *   error status, so only the roles listed in page.h are passed on, and an unknown role is an
 *   error here, never a broken PDF;
 * - there is no way to mark content as an artifact: content drawn while no element is open is
 *   simply left out of the structure tree. So "Artifact" elements are not passed on, and
 *   "Document" is not either: an open Document element would take every header and footer in
 *   as content. The tree's top level is therefore the document's own children (H1, P, Table...).
 *   An artifact that comes while an element is open (the header of a page on which a paragraph
 *   from the page before goes on) is kept back and drawn as soon as no element is open, which
 *   changes nothing on the page as static content does not overlap the flow; if an element stays
 *   open to the end of the page, the artifact is drawn there, inside it;
 * - attributes of structure elements (Figure /Alt, /Lang) are ignored: alt text and the
 *   document language are not written (NEEDSWORK: Cairo 1.18 has neither either; a later
 *   pass with qpdf could add them).
 * - a link is a structure element (Link) holding its annotation: a CD_ITEM_LINK that comes inside
 *   a Link element (between its TAG_BEGIN and TAG_END) opens it with the link's area; a
 *   CD_ITEM_LINK anywhere else becomes a Link element of its own.
 */
#include <errno.h>
#include <string.h>
#include <cairo-pdf.h>

#include "cairo-draw.h"
#include "out-opts.h"

enum open_kind { OPEN_SKIPPED, OPEN_STRUCT, OPEN_LINK_PENDING, OPEN_LINK };

typedef struct {
	enum open_kind kind;
	const char *role; /* a static string from `roles` */
} open_tag;

typedef struct {
	cd_output *out;
	char *path;
	FILE *fp;
	int write_errno;
	cairo_surface_t *surf;
	cairo_t *cr;
	cd_draw *draw;
	GArray *open;      /* open_tag: the structure elements open now */
	int artifact;      /* depth of open Artifact elements */
	int n_struct;      /* elements in `open` passed on to Cairo */
	GPtrArray *held;   /* const cd_item *: an artifact kept back while an element is open */
	int holding;       /* depth of tags inside the artifact being kept back */
	int releasing;     /* drawing what was kept back */
} cairo_writer;

static int replay_item(cairo_writer *w, const cd_item *it);

/* Items of an artifact that came while an element was open: kept until none is (the items
 * stay valid until end_page). Returns 1 when `it` was kept. */
static int hold(cairo_writer *w, const cd_item *it)
{
	if (!w->holding)
		return 0;
	g_ptr_array_add(w->held, (gpointer)it);
	if (it->kind == CD_ITEM_TAG_BEGIN)
		w->holding++;
	else if (it->kind == CD_ITEM_TAG_END)
		w->holding--;
	return 1;
}

static int release(cairo_writer *w)
{
	int rc = 0;
	GPtrArray *h = w->held;
	w->held = g_ptr_array_new();
	w->releasing = 1;
	for (guint i = 0; i < h->len && rc == 0; i++)
		rc = replay_item(w, h->pdata[i]);
	w->releasing = 0;
	g_ptr_array_free(h, TRUE);
	return rc;
}

/* The structure roles Cairo 1.16 knows and page.h lists ("Document" and "Artifact" are handled
 * apart, see above). */
static const char *const roles[] = {
	"Sect", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR",
	"TH", "TD", "Link", "Figure", "Span", NULL
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	cairo_writer *w = closure;
	if (!w->fp)
		return CAIRO_STATUS_WRITE_ERROR; /* being destroyed after an error */
	if (fwrite(data, 1, len, w->fp) != len) {
		w->write_errno = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int check(cairo_writer *w)
{
	cairo_status_t st = w->cr ? cairo_status(w->cr) : CAIRO_STATUS_SUCCESS;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(w->surf);
	if (st == CAIRO_STATUS_WRITE_ERROR && w->write_errno)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(w->write_errno));
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

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t m, const char *v)
{
	if (v && *v)
		cairo_pdf_surface_set_metadata(s, m, v);
}

static int cairo_begin_document(void **state, cd_output *out, const char *path,
                                const cd_doc_info *info, const char *opts)
{
	cd_wopt *o;
	size_t no;
	int rc = cd_wopts_parse("cairo", opts, NULL, &o, &no);
	if (rc)
		return rc;
	cd_wopts_free(o, no);

	cairo_writer *w = g_new0(cairo_writer, 1);
	*state = w;
	w->out = out;
	w->path = g_strdup(path);
	w->open = g_array_new(FALSE, FALSE, sizeof(open_tag));
	w->held = g_ptr_array_new();
	w->draw = cd_draw_new();
	w->fp = cd_output_open(out, path);
	if (!w->fp)
		return -CD_EXIT_NOWRITE;
	/* The page size is set again by every begin_page. */
	w->surf = cairo_pdf_surface_create_for_stream(write_cb, w, 595.0, 842.0);
	w->cr = cairo_create(w->surf);
	if (info) {
		set_meta(w->surf, CAIRO_PDF_METADATA_TITLE, info->title);
		set_meta(w->surf, CAIRO_PDF_METADATA_AUTHOR, info->author);
		set_meta(w->surf, CAIRO_PDF_METADATA_SUBJECT, info->subject);
		set_meta(w->surf, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
		set_meta(w->surf, CAIRO_PDF_METADATA_CREATOR, info->creator);
		set_meta(w->surf, CAIRO_PDF_METADATA_CREATE_DATE, info->date);
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

static int cairo_glyphs(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_glyphs(w->cr, it);
	return 0;
}

static int cairo_rect(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_rect(w->cr, it);
	return 0;
}

static int cairo_line(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_line(w->cr, it);
	return 0;
}

static int cairo_image(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	return cd_draw_image(w->draw, w->cr, it);
}

static int cairo_link(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	GString *a = g_string_new(NULL);
	g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f]", it->u.link.x, it->u.link.y,
	                       it->u.link.w, it->u.link.h);
	if (it->u.link.uri)
		append_quoted(a, "uri", it->u.link.uri);
	else if (it->u.link.dest)
		append_quoted(a, "dest", it->u.link.dest);
	else
		CD_BUG("a link with neither uri nor dest");
	open_tag *top = w->open->len ? &g_array_index(w->open, open_tag, w->open->len - 1) : NULL;
	cairo_tag_begin(w->cr, CAIRO_TAG_LINK, a->str);
	if (top && top->kind == OPEN_LINK_PENDING) {
		top->kind = OPEN_LINK;
		w->n_struct++;
	} else
		cairo_tag_end(w->cr, CAIRO_TAG_LINK);
	g_string_free(a, TRUE);
	return check(w);
}

static int cairo_dest(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
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
	if (hold(w, it))
		return 0;
	const char *role = it->u.tag.role;
	open_tag t = { OPEN_SKIPPED, NULL };
	if (strcmp(role, "Artifact") == 0 && w->n_struct > 0 && !w->artifact && !w->releasing) {
		w->holding = 1;
		g_ptr_array_add(w->held, (gpointer)it);
		return 0;
	} else if (strcmp(role, "Artifact") == 0) {
		w->artifact++;
		t.role = "Artifact";
	} else if (w->artifact || strcmp(role, "Document") == 0) {
		/* inside an artifact, or the document itself: see the top of this file */
	} else {
		size_t i;
		for (i = 0; roles[i]; i++)
			if (strcmp(roles[i], role) == 0)
				break;
		if (!roles[i])
			return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': unknown structure role '%s'", role);
		t.role = roles[i];
		if (strcmp(role, "Link") == 0) {
			t.kind = OPEN_LINK_PENDING;
		} else {
			t.kind = OPEN_STRUCT;
			w->n_struct++;
			cairo_tag_begin(w->cr, t.role, "");
		}
	}
	g_array_append_val(w->open, t);
	return check(w);
}

static int cairo_tag_end_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	(void)it;
	if (!w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': a structure element ends that never began");
	open_tag t = g_array_index(w->open, open_tag, w->open->len - 1);
	g_array_set_size(w->open, w->open->len - 1);
	if (t.kind == OPEN_STRUCT || t.kind == OPEN_LINK) {
		cairo_tag_end(w->cr, t.kind == OPEN_LINK ? CAIRO_TAG_LINK : t.role);
		w->n_struct--;
	} else if (t.role && strcmp(t.role, "Artifact") == 0) {
		w->artifact--;
	}
	int rc = check(w);
	if (!rc && w->n_struct == 0 && w->held->len && !w->holding)
		rc = release(w);
	return rc;
}

static int replay_item(cairo_writer *w, const cd_item *it)
{
	switch (it->kind) {
	case CD_ITEM_GLYPHS: return cairo_glyphs(w, it);
	case CD_ITEM_RECT: return cairo_rect(w, it);
	case CD_ITEM_LINE: return cairo_line(w, it);
	case CD_ITEM_IMAGE: return cairo_image(w, it);
	case CD_ITEM_LINK: return cairo_link(w, it);
	case CD_ITEM_DEST: return cairo_dest(w, it);
	case CD_ITEM_TAG_BEGIN: return cairo_tag_begin_hook(w, it);
	case CD_ITEM_TAG_END: return cairo_tag_end_hook(w, it);
	}
	return 0;
}

static int cairo_end_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	(void)pg;
	if (w->holding)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': an artifact does not end on its page");
	/* an element stayed open to the end of the page: the artifact goes inside it */
	int rc = w->held->len ? release(w) : 0;
	if (rc)
		return rc;
	cairo_show_page(w->cr);
	return check(w);
}

static int cairo_end_document(void *state)
{
	cairo_writer *w = state;
	if (w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': %u structure elements never end",
		               w->open->len);
	int rc = check(w);
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_finish(w->surf);
	if (!rc)
		rc = check(w);
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
		/* After an error the stream must not be written any more: the caller aborts it. */
		w->fp = NULL;
		cairo_surface_destroy(w->surf);
	}
	cd_draw_free(w->draw);
	g_array_free(w->open, TRUE);
	g_ptr_array_free(w->held, TRUE);
	g_free(w->path);
	g_free(w);
}

const cd_writer_ops cd_writer_cairo = {
	.name = "cairo",
	.help = "PDF with embedded subset fonts, tagged structure, links, outline, metadata, page labels (default)",
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
