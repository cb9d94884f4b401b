/* pages-demo.c - a display list made by hand, for the writer tests while no FO is needed:
 * paragraphs laid out with Pango through fonts/ only, headings, a list, a table with borders
 * and backgrounds, an image, links (external and internal), destinations, an outline, page
 * labels, headers/footers as artifacts and a paragraph spanning a page break.
 *
 *   pages-demo WRITER OUT [--opts STRING] [--script latin|urdu|arabic|ligature] [--image PNG]
 *              [--one] [protection options of protect.h]
 *
 * --role R tags the second heading R instead of H2 (to try a role the writers do not know).
 * --one stops after page one (a one-page document); --repeat N writes the two pages N times
 * (for timing).
 *
 * Built by the tests against the gen/ objects but main.o. */
#include <stdlib.h>
#include <string.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "base/cindoc.h"
#include "base/page.h"
#include "cmd/cli.h"
#include "writers/protect.h"

typedef struct {
	PangoContext *ctx;
	cd_page *pg;
	double y;
} demo;

static const double X0 = 72, W = 451;

static void tag(cd_page *pg, const char *role, const char *alt)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_TAG_BEGIN);
	it->u.tag.role = g_strdup(role);
	it->u.tag.alt = g_strdup(alt);
}

static void end(cd_page *pg) { cd_page_add(pg, CD_ITEM_TAG_END); }

/* Lays out `text` in `font` at (x, *y) with width w and appends its runs; returns the height. */
static double para_at(demo *d, double x, double y, double w, const char *font, const char *text,
                      cd_rgba color, int rtl)
{
	PangoLayout *lay = pango_layout_new(d->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
	if (rtl)
		pango_layout_set_alignment(lay, PANGO_ALIGN_RIGHT);
	pango_layout_set_text(lay, text, -1);
	PangoLayoutIter *iter = pango_layout_get_iter(lay);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
		if (!run)
			continue;
		PangoRectangle log;
		pango_layout_iter_get_run_extents(iter, NULL, &log);
		double base = pango_layout_iter_get_baseline(iter) / (double)PANGO_SCALE;
		cd_item *it = cd_page_add(d->pg, CD_ITEM_GLYPHS);
		PangoGlyphItem *gi = pango_glyph_item_copy(run);
		it->u.glyphs.text = g_strndup(text + gi->item->offset, gi->item->length);
		gi->item->offset = 0;
		it->u.glyphs.run = gi;
		it->u.glyphs.x = x + log.x / (double)PANGO_SCALE;
		it->u.glyphs.y = y + base;
		it->u.glyphs.color = color;
	} while (pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
	int h;
	pango_layout_get_size(lay, NULL, &h);
	g_object_unref(lay);
	return h / (double)PANGO_SCALE;
}

static const cd_rgba black = { 0, 0, 0, 1 }, blue = { 0, 0.2, 0.6, 1 }, grey = { 0.9, 0.9, 0.9, 1 };

static void para(demo *d, const char *role, const char *font, const char *text)
{
	tag(d->pg, role, NULL);
	d->y += para_at(d, X0, d->y, W, font, text, black, 0) + 8;
	end(d->pg);
}

static cd_page *new_page(demo *d, int n, int of)
{
	d->pg = cd_page_new(595.28, 841.89, n, n == 1 ? "i" : "ii");
	d->pg->number = n;
	d->pg->number_format = 'i';
	tag(d->pg, "Artifact", NULL);
	char *s = g_strdup_printf("Invented case CIN-0000 \xe2\x80\x94 page %d of %d", n, of);
	para_at(d, X0, 800, W, "DejaVu Sans 8", s, black, 0);
	g_free(s);
	cd_item *it = cd_page_add(d->pg, CD_ITEM_LINE);
	it->u.line = (__typeof__(it->u.line)){ X0, 795, X0 + W, 795, 0.5, black, CD_LINE_SOLID };
	end(d->pg);
	d->y = 72;
	return d->pg;
}

static void link_item(cd_page *pg, double x, double y, double w, double h, const char *uri, const char *dest)
{
	cd_item *it = cd_page_add(pg, CD_ITEM_LINK);
	it->u.link.x = x; it->u.link.y = y; it->u.link.w = w; it->u.link.h = h;
	it->u.link.uri = g_strdup(uri);
	it->u.link.dest = g_strdup(dest);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: pages-demo WRITER OUT [--opts S] [--script S] [--image PNG]\n");
		return 2;
	}
	const char *script = "latin", *image = NULL, *role = "H2";
	GString *opts = g_string_new(NULL);
	int one = 0, repeat = 1;
	cd_protect prot;
	cd_protect_init(&prot);
	for (int i = 3; i < argc; i++) {
		/* a protection option, "--name VALUE" or "--name=VALUE" */
		const cd_opt *po = cd_doc_find_option(&(const cd_cmd_doc){ .groups = { &cd_protect_group } }, argv[i]);
		if (po) {
			const char *eq = strchr(argv[i], '=');
			if (!eq && i + 1 >= argc) {
				fprintf(stderr, "cindoc: option '%s' needs a value\n", argv[i]);
				return 2;
			}
			int r = cd_protect_take(&prot, po->id, eq ? eq + 1 : argv[++i]);
			if (r < 0)
				return -r;
			continue;
		}
		if (!strcmp(argv[i], "--one")) one = 1;
		else if (i + 1 >= argc) return 2;
		else if (!strcmp(argv[i], "--opts")) g_string_append(opts, argv[++i]);
		else if (!strcmp(argv[i], "--script")) script = argv[++i];
		else if (!strcmp(argv[i], "--image")) image = argv[++i];
		else if (!strcmp(argv[i], "--repeat")) repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--role")) role = argv[++i];
		else return 2;
	}
	int prc = cd_protect_finish(&prot, argv[1]);
	if (prc)
		return -prc;
	cd_protect_opts(&prot, opts);
	cd_protect_clear(&prot);
	const cd_writer_ops *ops = cd_writer_find(argv[1]);
	if (!ops) {
		fprintf(stderr, "pages-demo: no writer '%s'\n", argv[1]);
		return 2;
	}
	char *conf = cd_datapath("fonts/fonts.conf");
	FcConfig *cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)conf, FcTrue) || !FcConfigBuildFonts(cfg))
		return 4;
	g_free(conf);
	PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
	demo d = { pango_font_map_create_context(map), NULL, 0 };
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(d.ctx, 72.0);
	pango_context_set_round_glyph_positions(d.ctx, FALSE);

	cd_outline ol[] = {
		{ -1, "Your plan", "plan", 1 },
		{ 0, "What happens next \xe2\x80\x94 beth sy\xe2\x80\x99n digwydd", "next", 0 },
	};
	cd_doc_info info = { "Child in Need plan for Sam (invented)", "Cyngor Dychmygol Ll\xc5\xb7r",
	                     "Child in Need plan", "plan, invented", "cindoc", "en-GB",
	                     "2026-03-02T10:00:00Z", ol, 2 };
	cd_output *out = cd_output_new();
	void *st = NULL;
	int rc = ops->begin_document(&st, out, argv[2], &info, opts->len ? opts->str : NULL);
	cd_page *pg = NULL;
	for (int rep = 0; rep < repeat && rc == 0; rep++) {
	if (rc == 0) {
		pg = new_page(&d, 1, one ? 1 : 2);
		tag(pg, "Document", NULL);
		cd_item *it = cd_page_add(pg, CD_ITEM_DEST);
		it->u.dest.x = X0; it->u.dest.y = d.y; it->u.dest.name = g_strdup("plan");
		para(&d, "H1", "DejaVu Sans Bold 18", "Your Child in Need plan");
		para(&d, "P", "DejaVu Serif 11", "Dear Sam, this plan says what everyone will do to help you "
		     "and your family. We wrote it with you at the meeting on 2 March 2026.");
		if (!strcmp(script, "urdu"))
			para(&d, "P", "Noto Nastaliq Urdu 12", "\xd8\xa2\xd9\xbe \xda\xa9\xdb\x8c \xd9\x85\xd8\xaf\xd8\xaf \xda\xa9\xdb\x92 \xd9\x84\xdb\x8c\xdb\x92 \xd9\x85\xd9\x86\xd8\xb5\xd9\x88\xd8\xa8\xdb\x81");
		else if (!strcmp(script, "arabic"))
			para(&d, "P", "Noto Naskh Arabic 12", "\xd8\xae\xd8\xb7\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x85\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa9");
		else if (!strcmp(script, "ligature"))
			para(&d, "P", "DejaVu Serif 11", "The office is in the first floor flat.");
		para(&d, "P", "DejaVu Sans 11", "Welsh: Mae\xe2\x80\x99r cynllun hwn yn dweud beth fydd pawb yn ei wneud; "
		     "d\xc5\xb5r, t\xc5\xb7, ll\xc5\xb7n. Polish: Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 ja\xc5\xba\xc5\x84.");
		/* a link inside a paragraph: the Link element holds the annotation */
		tag(pg, "P", NULL);
		double h = para_at(&d, X0, d.y, W, "DejaVu Sans 11", "Read more at", black, 0);
		tag(pg, "Link", NULL);
		link_item(pg, X0 + 75, d.y, 120, h, "https://example.org/cin?a=1&b='2'", NULL);
		para_at(&d, X0 + 75, d.y, 200, "DejaVu Sans 11", "example.org/cin", blue, 0);
		end(pg);
		end(pg);
		d.y += h + 8;
		tag(pg, "P", NULL);
		tag(pg, "Link", NULL);
		link_item(pg, X0, d.y, 200, h, NULL, "next");
		para_at(&d, X0, d.y, W, "DejaVu Sans 11", "See what happens next", blue, 0);
		end(pg);
		end(pg);
		d.y += h + 8;
		para(&d, role, "DejaVu Sans Bold 14", "What we agreed");
		tag(pg, "L", NULL);
		const char *items[] = { "Sam goes to school every day.", "Mum meets the family worker each week." };
		for (int i = 0; i < 2; i++) {
			tag(pg, "LI", NULL);
			tag(pg, "Lbl", NULL);
			para_at(&d, X0, d.y, 20, "DejaVu Sans 11", "\xe2\x80\xa2", black, 0);
			end(pg);
			tag(pg, "LBody", NULL);
			d.y += para_at(&d, X0 + 20, d.y, W - 20, "DejaVu Sans 11", items[i], black, 0) + 4;
			end(pg);
			end(pg);
		}
		end(pg);
		d.y += 8;
		tag(pg, "Table", NULL);
		const char *cells[2][2] = { { "Who", "Does what" }, { "Family worker", "Visits on Mondays" } };
		for (int r = 0; r < 2; r++) {
			tag(pg, "TR", NULL);
			for (int c = 0; c < 2; c++) {
				tag(pg, r ? "TD" : "TH", NULL);
				double cx = X0 + c * 200;
				if (!r) {
					it = cd_page_add(pg, CD_ITEM_RECT);
					it->u.rect = (__typeof__(it->u.rect)){ cx, d.y, 200, 20, grey };
				}
				para_at(&d, cx + 4, d.y + 4, 192, r ? "DejaVu Sans 10" : "DejaVu Sans Bold 10", cells[r][c], black, 0);
				it = cd_page_add(pg, CD_ITEM_LINE);
				it->u.line = (__typeof__(it->u.line)){ cx, d.y + 20, cx + 200, d.y + 20, 1, black,
				                                   c ? CD_LINE_DASHED : CD_LINE_DOTTED };
				end(pg);
			}
			end(pg);
			d.y += 20;
		}
		end(pg);
		d.y += 12;
		if (image) {
			tag(pg, "Figure", "The council's logo");
			it = cd_page_add(pg, CD_ITEM_IMAGE);
			it->u.image.x = X0; it->u.image.y = d.y; it->u.image.w = 60; it->u.image.h = 30;
			it->u.image.path = g_strdup(image);
			it->u.image.alt = g_strdup("The council's logo");
			end(pg);
			tag(pg, "Figure", "A second picture, invented");
			it = cd_page_add(pg, CD_ITEM_IMAGE);
			it->u.image.x = X0 + 80; it->u.image.y = d.y; it->u.image.w = 30; it->u.image.h = 30;
			it->u.image.path = g_strdup(image);
			it->u.image.alt = g_strdup("A second picture, invented");
			end(pg);
			d.y += 40;
		}
		/* a paragraph that goes on over the page break */
		tag(pg, "P", NULL);
		d.y = 760;
		para_at(&d, X0, d.y, W, "DejaVu Sans 11", "This paragraph starts at the foot of page one", black, 0);
		if (one) {
			end(pg);
			end(pg);
		}
		rc = cd_page_replay(pg, ops, st);
		cd_page_free(pg);
	}
	if (rc == 0 && !one) {
		pg = new_page(&d, 2, 2);
		d.y += para_at(&d, X0, d.y, W, "DejaVu Sans 11", "and ends at the top of page two.", black, 0) + 8;
		end(pg);
		cd_item *it = cd_page_add(pg, CD_ITEM_DEST);
		it->u.dest.x = X0; it->u.dest.y = d.y; it->u.dest.name = g_strdup("next");
		para(&d, "H2", "DejaVu Sans Bold 14", "What happens next");
		para(&d, "P", "DejaVu Serif 11", "We will meet again on 1 June 2026 to see how things are going.");
		end(pg); /* Document */
		rc = cd_page_replay(pg, ops, st);
		cd_page_free(pg);
	}
	}
	if (rc == 0)
		rc = ops->end_document(st);
	if (st)
		ops->destroy(st);
	if (rc == 0)
		rc = cd_output_commit(out);
	else
		cd_output_abort(out);
	cd_output_free(out);
	g_object_unref(d.ctx);
	g_object_unref(map);
	FcConfigDestroy(cfg);
	cd_protect_wipe(g_string_free(opts, FALSE));
	return rc < 0 ? -rc : 0;
}
