/* writers/out-png.c - page images: one PNG per page (previews and visual tests).
 *
 * Option dpi=N (default 96). `-o out.png` writes out.png when the document has one page, and
 * out-1.png, out-2.png ... when it has several (the name less a final ".png", then "-N.png").
 * The first page is kept in memory until the second arrives, so the names never need changing
 * and memory stays flat; every file goes through cd_output (all or nothing). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "writers/cairo-draw.h"
#include "writers/out-opts.h"

typedef struct {
	cd_output *out;
	char *path;       /* as given */
	char *stem;       /* path less ".png" */
	double scale;     /* pixels per point */
	int pages;        /* pages begun */
	GByteArray *first;/* page 1 encoded, while we do not know whether a page 2 comes */
	FILE *fp;         /* the file being written by png_write_cb */
	int write_errno;
	cairo_surface_t *surf;
	cairo_t *cr;
	cd_draw *draw;
} png_writer;

static const char *const known[] = { "dpi", NULL };

static int png_begin_document(void **state, cd_output *out, const char *path,
                              const cd_doc_info *info, const char *opts)
{
	(void)info;
	cd_wopt *o;
	size_t no;
	int rc = cd_wopts_parse("png", opts, known, &o, &no);
	if (rc)
		return rc;
	long dpi = 96;
	const char *v = cd_wopts_get(o, no, "dpi");
	if (v) {
		char *end;
		errno = 0;
		dpi = strtol(v, &end, 10);
		if (errno || end == v || *end || dpi < 9 || dpi > 2400)
			rc = cd_fail(-CD_EXIT_USAGE, "writer 'png': option 'dpi' wants a whole number from 9 to 2400, not '%s'", v);
	}
	cd_wopts_free(o, no);
	if (rc)
		return rc;
	png_writer *w = g_new0(png_writer, 1);
	*state = w;
	w->out = out;
	w->path = g_strdup(path);
	size_t n = strlen(path);
	w->stem = n > 4 && g_ascii_strcasecmp(path + n - 4, ".png") == 0 ? g_strndup(path, n - 4)
	                                                                 : g_strdup(path);
	w->scale = dpi / 72.0;
	w->draw = cd_draw_new();
	return 0;
}

static int png_begin_page(void *state, const cd_page *pg)
{
	png_writer *w = state;
	w->pages++;
	if (w->pages == 2 && strcmp(w->path, "-") == 0)
		return cd_fail(-CD_EXIT_USAGE, "writer 'png': a document of several pages cannot go to standard output");
	int pw = (int)(pg->width * w->scale + 0.5), ph = (int)(pg->height * w->scale + 0.5);
	if (pw < 1 || ph < 1 || pw > 32767 || ph > 32767)
		return cd_fail(-CD_EXIT_USAGE, "writer 'png': page %d would be %d x %d pixels", pg->index, pw, ph);
	w->surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
	w->cr = cairo_create(w->surf);
	cairo_set_source_rgb(w->cr, 1, 1, 1);
	cairo_paint(w->cr);
	cairo_scale(w->cr, w->scale, w->scale);
	return cd_draw_status(cairo_status(w->cr), w->path);
}

static int png_glyphs(void *state, const cd_item *it)
{
	png_writer *w = state;
	cd_draw_glyphs(w->cr, it);
	return 0;
}

static int png_rect(void *state, const cd_item *it)
{
	png_writer *w = state;
	cd_draw_rect(w->cr, it);
	return 0;
}

static int png_line(void *state, const cd_item *it)
{
	png_writer *w = state;
	cd_draw_line(w->cr, it);
	return 0;
}

static int png_image(void *state, const cd_item *it)
{
	png_writer *w = state;
	return cd_draw_image(w->draw, w->cr, it);
}

static cairo_status_t png_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	png_writer *w = closure;
	if (!w->fp) {
		g_byte_array_append(w->first, data, len);
		return CAIRO_STATUS_SUCCESS;
	}
	if (fwrite(data, 1, len, w->fp) != len) {
		w->write_errno = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int open_page_file(png_writer *w, int index)
{
	char *name = index ? g_strdup_printf("%s-%d.png", w->stem, index) : g_strdup(w->path);
	w->fp = cd_output_open(w->out, name);
	g_free(name);
	return w->fp ? 0 : -CD_EXIT_NOWRITE;
}

static int write_status(png_writer *w, cairo_status_t st)
{
	if (st == CAIRO_STATUS_WRITE_ERROR && w->write_errno)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(w->write_errno));
	return cd_draw_status(st, w->path);
}

static int png_end_page(void *state, const cd_page *pg)
{
	png_writer *w = state;
	(void)pg;
	int rc = cd_draw_status(cairo_status(w->cr), w->path);
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_flush(w->surf);
	if (!rc && w->pages == 1) {
		w->first = g_byte_array_new();
		w->fp = NULL;
		rc = write_status(w, cairo_surface_write_to_png_stream(w->surf, png_write_cb, w));
	} else if (!rc) {
		if (w->pages == 2) { /* now we know: page 1 goes to stem-1.png */
			rc = open_page_file(w, 1);
			if (!rc && fwrite(w->first->data, 1, w->first->len, w->fp) != w->first->len)
				rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(errno));
			g_byte_array_free(w->first, TRUE);
			w->first = NULL;
		}
		if (!rc)
			rc = open_page_file(w, w->pages);
		if (!rc)
			rc = write_status(w, cairo_surface_write_to_png_stream(w->surf, png_write_cb, w));
	}
	cairo_surface_destroy(w->surf);
	w->surf = NULL;
	return rc;
}

static int png_end_document(void *state)
{
	png_writer *w = state;
	if (w->pages == 0)
		return cd_fail(-CD_EXIT_INVALID, "writer 'png': the document has no pages");
	if (w->pages == 1) {
		int rc = open_page_file(w, 0);
		if (!rc && fwrite(w->first->data, 1, w->first->len, w->fp) != w->first->len)
			rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(errno));
		return rc;
	}
	return 0;
}

static void png_destroy(void *state)
{
	png_writer *w = state;
	if (!w)
		return;
	if (w->cr)
		cairo_destroy(w->cr);
	if (w->surf)
		cairo_surface_destroy(w->surf);
	if (w->first)
		g_byte_array_free(w->first, TRUE);
	cd_draw_free(w->draw);
	g_free(w->path);
	g_free(w->stem);
	g_free(w);
}

const cd_writer_ops cd_writer_png = {
	.name = "png",
	.help = "one PNG per page (option dpi=N, default 96): -o out.png gives out.png, or out-1.png, out-2.png ... for several pages",
	.ext = ".png",
	.caps = 0,
	.begin_document = png_begin_document,
	.begin_page = png_begin_page,
	.glyphs = png_glyphs,
	.rect = png_rect,
	.line = png_line,
	.image = png_image,
	.end_page = png_end_page,
	.end_document = png_end_document,
	.destroy = png_destroy,
};
