/* render/fonts.c - cindoc's own font map (see fonts.h). The one file outside the writers that includes
 * pangocairo.h: only to make a cairo-backed font map and to turn hinting off. */
#include "render/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "base/cindoc.h"

struct cd_fonts {
	FcConfig *config;
	PangoFontMap *map;
	PangoContext *ctx;
};

cd_fonts *cd_fonts_new(int *rc)
{
	char *conf = cd_datapath("fonts/fonts.conf");
	char *probe = cd_datapath("fonts/DejaVuSans.ttf");
	int have = g_file_test(probe, G_FILE_TEST_EXISTS);
	g_free(probe);
	if (!g_file_test(conf, G_FILE_TEST_EXISTS) || !have) {
		*rc = cd_fail(-CD_EXIT_NOREAD, "no fonts in '%s': run 'make fonts'", conf);
		g_free(conf);
		return NULL;
	}
	FcConfig *cfg = FcConfigCreate();
	if (!cfg || !FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue) || !FcConfigBuildFonts(cfg)) {
		*rc = cd_fail(-CD_EXIT_NOREAD, "cannot load the font configuration '%s'", conf);
		if (cfg)
			FcConfigDestroy(cfg);
		g_free(conf);
		return NULL;
	}
	g_free(conf);

	cd_fonts *f = g_new0(cd_fonts, 1);
	f->config = cfg;
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	f->ctx = pango_font_map_create_context(f->map);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(f->ctx, 72.0);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	PangoLanguage *en = pango_language_from_string("en-gb");
	pango_context_set_language(f->ctx, en);
	*rc = 0;
	return f;
}

void cd_fonts_free(cd_fonts *f)
{
	if (!f)
		return;
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	FcConfigDestroy(f->config);
	g_free(f);
}

PangoContext *cd_fonts_context(cd_fonts *f) { return f->ctx; }
PangoFontMap *cd_fonts_map(cd_fonts *f) { return f->map; }
