/* render/fonts.h - the fonts layout can see: only fonts/ through fonts/fonts.conf.
 *
 * A cd_fonts owns a fontconfig configuration of its own (never the system's), a Pango font map
 * built on it and a PangoContext with unhinted metrics (hint metrics off, hint style none, glyph
 * positions not rounded) at 72 units per inch, so one Pango unit of size is 1/1024 pt and
 * positions are exact and independent of any output resolution. The map is a PangoCairoFontMap,
 * so the cairo writer can draw the very PangoFonts that layout placed.
 */
#ifndef CD_FONTS_H
#define CD_FONTS_H

#include <pango/pango.h>

typedef struct cd_fonts cd_fonts;

/* Loads fonts/fonts.conf from the data folder. NULL after an error (message printed, *rc set to
 * a negative exit code). */
cd_fonts *cd_fonts_new(int *rc);
void cd_fonts_free(cd_fonts *f);
/* The context to lay out with (owned by f). */
PangoContext *cd_fonts_context(cd_fonts *f);
PangoFontMap *cd_fonts_map(cd_fonts *f);

#endif
