/* writers/cairo-draw.c - drawing display-list items with Cairo (see cairo-draw.h). */
#include "writers/cairo-draw.h"
#include "writers/pdf-tags.h"

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

/* Characters between the words of a run: spaces, and bidi controls (no word holds them). */
static int between_words(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Moves glyph g (one of the n in gl) to position `to`, keeping the others in their order. */
static void put_at(cairo_glyph_t *gl, int n, cairo_glyph_t g, int to)
{
	int from = 0;
	while (from < n && (gl[from].index != g.index || gl[from].x != g.x || gl[from].y != g.y))
		from++;
	if (from == n)
		return;
	if (from < to)
		memmove(gl + from, gl + from + 1, (size_t)(to - from) * sizeof *gl);
	else
		memmove(gl + to + 1, gl + to, (size_t)(from - to) * sizeof *gl);
	gl[to] = g;
}

void cd_draw_glyphs_by_word(cairo_t *cr, const cd_item *it)
{
	const PangoGlyphItem *run = it->u.glyphs.run;
	const char *text = it->u.glyphs.text;
	const PangoGlyphString *gs = run ? run->glyphs : NULL;
	int n = gs ? gs->num_glyphs : 0;
	int plain = !gs || !text || !run->item->analysis.font || run->item->length != (int)strlen(text) ||
	            cd_script_simple((GUnicodeScript)run->item->analysis.script);
	for (int i = 0; !plain && i < n; i++)
		if (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			plain = 1; /* Pango draws a box for it */
	if (plain) {
		cd_draw_glyphs(cr, it);
		return;
	}
	/* Where Pango would put each glyph (pango_cairo_show_glyph_item). */
	cairo_glyph_t *at = g_new(cairo_glyph_t, (gsize)n), *glyphs = g_new(cairo_glyph_t, (gsize)n);
	int pos = 0;
	for (int i = 0; i < n; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		at[i].index = g->glyph;
		at[i].x = it->u.glyphs.x + (double)(pos + g->geometry.x_offset) / PANGO_SCALE;
		at[i].y = it->u.glyphs.y + (double)g->geometry.y_offset / PANGO_SCALE;
		pos += g->geometry.width;
	}
	/* Where clusters begin: a piece of text drawn on its own is whole clusters (HarfBuzz may
	 * merge a space into its neighbour's). */
	size_t len = strlen(text);
	char *starts = g_new0(char, len + 1);
	for (int i = 0; i < n; i++)
		if (gs->log_clusters[i] >= 0 && (size_t)gs->log_clusters[i] < len)
			starts[gs->log_clusters[i]] = 1;
	starts[len] = 1;
	set_rgba(cr, it->u.glyphs.color);
	cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font)));
	/* Each word in the order it is read, its glyphs in the order Pango draws them, with the
	 * spaces after it as clusters of their own: drawn alone, a space would be dropped (Cairo
	 * draws nothing where nothing is inked) and the words would run together. */
	cairo_text_cluster_t *cl = g_new(cairo_text_cluster_t, len);
	const char *from = text;
	int ncl = 0, ng = 0, has_word = 0;
	for (const char *a = text; *a;) {
		const char *b = g_utf8_next_char(a);
		int word = !between_words(g_utf8_get_char(a));
		while (word && *b && !between_words(g_utf8_get_char(b)))
			b = g_utf8_next_char(b);
		for (;;) {
			while (*b && !starts[b - text])
				b = g_utf8_next_char(b);
			/* ended inside a word: take the rest of it */
			if (!*b || between_words(g_utf8_get_char(b)) ||
			    between_words(g_utf8_get_char(g_utf8_prev_char(b))))
				break;
			word = 1;
			while (*b && !between_words(g_utf8_get_char(b)))
				b = g_utf8_next_char(b);
		}
		if (word && has_word) {
			if (ng > 0)
				cairo_show_text_glyphs(cr, from, (int)(a - from), glyphs, ng, cl, ncl, 0);
			from = a;
			ncl = ng = 0;
		}
		has_word |= word;
		int k = 0, first = -1, last = -1;
		for (int i = 0; i < n; i++) {
			int c = gs->log_clusters[i];
			if (gs->glyphs[i].glyph == PANGO_GLYPH_EMPTY || c < a - text || c >= b - text)
				continue;
			glyphs[ng + k++] = at[i];
			/* the leftmost glyph on the baseline (in Nastaliq, the word's last letter) and the
			 * one reaching furthest right */
			int base = gs->glyphs[i].geometry.y_offset == 0;
			if (first < 0 || (base && (gs->glyphs[first].geometry.y_offset != 0 || at[i].x < at[first].x)))
				first = i;
			if (last < 0 || at[i].x + gs->glyphs[i].geometry.width / (double)PANGO_SCALE >
			                at[last].x + gs->glyphs[last].geometry.width / (double)PANGO_SCALE)
				last = i;
		}
		/* A reader that places the word by its glyphs (poppler) takes its box from the first
		 * glyph drawn to the end of the last, on the first one's baseline: draw the word from
		 * those two. One colour, so the order of drawing does not show. */
		if (word && k > 1 && first != last) {
			put_at(glyphs + ng, k, at[first], 0);
			put_at(glyphs + ng, k, at[last], k - 1);
		}
		cl[ncl++] = (cairo_text_cluster_t){ (int)(b - a), k };
		ng += k;
		a = b;
	}
	if (ng > 0)
		cairo_show_text_glyphs(cr, from, (int)(strlen(from)), glyphs, ng, cl, ncl, 0);
	g_free(cl);
	g_free(starts);
	g_free(at);
	g_free(glyphs);
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
