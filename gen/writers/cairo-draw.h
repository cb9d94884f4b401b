/* writers/cairo-draw.h - drawing display-list items with Cairo: the one drawing implementation that the
 * cairo PDF writer (out-cairo.c) and the PNG writer (out-png.c) share, so a PNG preview shows
 * exactly what the PDF holds. Units are the page's points; the caller sets any scale. */
#ifndef CD_CAIRO_DRAW_H
#define CD_CAIRO_DRAW_H

#include <cairo.h>
#include "base/page.h"

typedef struct cd_draw cd_draw;

cd_draw *cd_draw_new(void);
void cd_draw_free(cd_draw *d);

/* Glyphs with Pango (pango_cairo_show_glyph_item: the text goes along for extraction). */
void cd_draw_glyphs(cairo_t *cr, const cd_item *it);
/* The same glyphs, for a PDF: a run in a script that needs shaping (Arabic, Urdu) is drawn one
 * word at a time in the order it is read, each word one cluster of its text and all its glyphs,
 * so Cairo gives it /ActualText (the word, in logical order) and extraction reads words, not
 * glyphs that sit on different heights and overlap. It looks the same (same glyphs, same
 * places, one colour); any other run is drawn as cd_draw_glyphs draws it. */
void cd_draw_glyphs_by_word(cairo_t *cr, const cd_item *it);
void cd_draw_rect(cairo_t *cr, const cd_item *it);
/* Solid, dashed (dashes of 3 widths) or dotted (round dots one width apart) lines. */
void cd_draw_line(cairo_t *cr, const cd_item *it);
/* A PNG scaled into its box. Images are loaded once per document and kept in `d`.
 * Returns 0 or -CD_EXIT_NOREAD (with a message) when the file cannot be read as PNG. */
int cd_draw_image(cd_draw *d, cairo_t *cr, const cd_item *it);

/* Checks a Cairo status after drawing; prints "cannot write 'path': why" and returns
 * -CD_EXIT_NOWRITE on error, 0 otherwise. */
int cd_draw_status(cairo_status_t st, const char *path);

#endif
