/* writers/cairo-draw.c - drawing display-list items with Cairo (see cairo-draw.h). */
#include "writers/cairo-draw.h"

#include <pango/pangocairo.h>

struct cd_draw {
	GHashTable *images; /* path -> cairo_surface_t */
};

cd_draw *cd_draw_new(void)
{
	cd_draw *d = g_new0(cd_draw, 1);
	d->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                  (GDestroyNotify)cairo_surface_destroy);
	return d;
}

void cd_draw_free(cd_draw *d)
{
	if (!d)
		return;
	g_hash_table_destroy(d->images);
	g_free(d);
}

static void set_rgba(cairo_t *cr, cd_rgba c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

void cd_draw_glyphs(cairo_t *cr, const cd_item *it)
{
	set_rgba(cr, it->u.glyphs.color);
	cairo_move_to(cr, it->u.glyphs.x, it->u.glyphs.y);
	pango_cairo_show_glyph_item(cr, it->u.glyphs.text, it->u.glyphs.run);
	cairo_new_path(cr);
}

void cd_draw_rect(cairo_t *cr, const cd_item *it)
{
	set_rgba(cr, it->u.rect.fill);
	cairo_rectangle(cr, it->u.rect.x, it->u.rect.y, it->u.rect.w, it->u.rect.h);
	cairo_fill(cr);
}

void cd_draw_line(cairo_t *cr, const cd_item *it)
{
	double w = it->u.line.width;
	cairo_save(cr);
	set_rgba(cr, it->u.line.color);
	cairo_set_line_width(cr, w);
	switch (it->u.line.style) {
	case CD_LINE_SOLID:
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		break;
	case CD_LINE_DASHED: {
		double dash[] = { 3 * w, 3 * w };
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		cairo_set_dash(cr, dash, 2, 0);
		break;
	}
	case CD_LINE_DOTTED: {
		double dash[] = { 0, 2 * w };
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, dash, 2, 0);
		break;
	}
	}
	cairo_move_to(cr, it->u.line.x0, it->u.line.y0);
	cairo_line_to(cr, it->u.line.x1, it->u.line.y1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

struct png_bytes {
	char *data;
	size_t len, at;
};

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int n)
{
	struct png_bytes *b = closure;
	if (b->len - b->at < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, b->data + b->at, n);
	b->at += n;
	return CAIRO_STATUS_SUCCESS;
}

int cd_draw_image(cd_draw *d, cairo_t *cr, const cd_item *it)
{
	const char *path = it->u.image.path;
	cairo_surface_t *img = g_hash_table_lookup(d->images, path);
	if (!img) {
		/* Read with the limits of every input (a regular file, a size, a number of pixels),
		 * then decoded from memory. */
		struct png_bytes src = { 0 };
		int rc = cd_read_png(path, &src.data, &src.len, NULL, NULL);
		if (rc < 0)
			return rc;
		img = cairo_image_surface_create_from_png_stream(png_read, &src);
		g_free(src.data);
		cairo_status_t st = cairo_surface_status(img);
		if (st != CAIRO_STATUS_SUCCESS) {
			cairo_surface_destroy(img);
			return cd_fail(-CD_EXIT_INVALID, "cannot read image '%s': not a readable PNG file", path);
		}
		g_hash_table_insert(d->images, g_strdup(path), img);
	}
	int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	if (iw <= 0 || ih <= 0 || it->u.image.w <= 0 || it->u.image.h <= 0)
		return 0;
	cairo_save(cr);
	cairo_rectangle(cr, it->u.image.x, it->u.image.y, it->u.image.w, it->u.image.h);
	cairo_clip(cr);
	cairo_translate(cr, it->u.image.x, it->u.image.y);
	cairo_scale(cr, it->u.image.w / iw, it->u.image.h / ih);
	/* Cairo 1.16's PDF surface lists an image once per use in the page's resources (a
	 * duplicated key, which qpdf reports): painting it through a group per use keeps every
	 * key unique, and the image itself is still embedded once. */
	cairo_push_group(cr);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_pop_group_to_source(cr);
	cairo_paint(cr);
	cairo_restore(cr);
	return 0;
}

int cd_draw_status(cairo_status_t st, const char *path)
{
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	/* Text cairo will not take is a fault of the input, not of the output file. */
	if (st == CAIRO_STATUS_INVALID_STRING || st == CAIRO_STATUS_INVALID_CLUSTERS)
		return cd_fail(-CD_EXIT_INVALID, "cannot draw '%s': the text holds a character no PDF may hold (%s)",
		               path, cairo_status_to_string(st));
	return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", path,
	               st == CAIRO_STATUS_WRITE_ERROR ? "write error" : cairo_status_to_string(st));
}
