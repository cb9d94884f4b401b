/* writers/out-haru.c - the libharu PDF writer: protected copies (password, permissions).
 *
 * It draws each glyph where layout placed it, with the font files layout used (embedded by
 * libharu, UTF-8 encoding), so a page looks like the cairo writer's. libharu draws a character
 * with the glyph the font's cmap gives it, so a glyph is drawn only when it is exactly that:
 * - the common case: one glyph per character, each the cmap glyph of its character;
 * - a hyphen Pango adds at a line break is drawn as the hyphen character it is (so a soft
 *   hyphen shown at a break extracts as U+2010 or "-", where the cairo writer gives U+00AD);
 * - other clusters of Latin, Greek, Cyrillic or common characters (ligatures: DejaVu Serif
 *   joins ff, fi, fl) are drawn character by character over the cluster's width: the letters
 *   are the font's own, only not joined. Drawing the ligature as its presentation form
 *   (U+FB01...) would look the same but poppler then extracts "ﬁ", so search and copy for
 *   accessibility would not find "first";
 * - anything else (scripts that need shaping: Arabic, Urdu, Indic...) is refused with
 *   CD_EXIT_REFUSED, naming the document and the recipient (option label=), never drawn wrong.
 *
 * Options: user-password=, owner-password= (1 to 32 printable ASCII characters), print=yes|no,
 * label= (the recipient, for messages). libharu writes into memory and the finishing pass
 * (pdf-finish.h, libqpdf) writes the file: metadata, and AES-256 (revision 6) when a password
 * or print=no is given, exactly as for the cairo writer; libharu's own encryption (RC4) is
 * never used. With a user password and no owner password, a random owner password is made and
 * not kept; print=no alone also encrypts (anyone can open the file, nobody can print it).
 * Copying and changing are never allowed; extraction for accessibility (screen readers) is.
 *
 * libharu's /ToUnicode for UTF-8 fonts is replaced by a correct one (see fix_tounicode).
 *
 * Tagged like the cairo writer's output (pdf-tags.h): libharu has no marked content, so each
 * chunk's BDC/EMC is written into the page's content stream between items, with MCIDs numbered
 * here, and each link annotation's place in its page's /Annots is counted as libharu makes it.
 *
 * Not done: page labels other than decimal and roman numbers.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include "writers/out-opts.h"
#include "base/page.h"
#include <hpdf_pages.h>

#include "writers/pdf-finish.h"
#include "writers/pdf-tags.h"
#include "writers/protect.h"

typedef struct {
	HPDF_Page page;
	int page_no;              /* 0-based */
	HPDF_Rect rect;
	char *dest;
	int chunk;                /* the chunk that holds it (pdf-tags.h) */
} pending_link;

typedef struct {
	HPDF_Doc pdf;
	cd_output *out;
	char *path, *label;
	HPDF_STATUS err, detail;  /* the first libharu error */
	cd_protection prot;
	cd_doc_info info;         /* strings owned by the writer */
	FILE *fp;
	HPDF_Page page;
	double ph;                /* page height, to turn y downwards into PDF's y upwards */
	GHashTable *fonts;        /* "file:index" -> HPDF_Font */
	GHashTable *images;       /* path -> HPDF_Image */
	GHashTable *dests;        /* name -> HPDF_Destination */
	GHashTable *gstates;      /* alpha*1000 -> HPDF_ExtGState */
	GArray *links;            /* pending_link: internal links, made when every dest is known */
	const cd_outline *outline;
	size_t n_outline;
	int pages;
	cd_tags *tags;            /* the structure, for the finishing pass */
	int mcid;                 /* the next MCID on this page */
	GArray *annots;           /* int per page: annotations made on it so far */
} haru_writer;

static const char *const known[] = { CD_PROTECTION_KEYS, "label", NULL };

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	haru_writer *w = data;
	if (!w->err) {
		w->err = err;
		w->detail = detail;
	}
}

static int check(haru_writer *w, const char *doing)
{
	if (!w->err)
		return 0;
	/* Values out of libharu's range (a page over 14400 points, a font size over 600, a huge
	 * coordinate) come from the document, not from the file system: invalid input. */
	static const HPDF_STATUS input_errors[] = { HPDF_PAGE_INVALID_SIZE, HPDF_PAGE_OUT_OF_RANGE,
		HPDF_REAL_OUT_OF_RANGE, HPDF_PAGE_INVALID_FONT_SIZE, HPDF_STRING_OUT_OF_RANGE };
	for (size_t i = 0; i < G_N_ELEMENTS(input_errors); i++)
		if (w->err == input_errors[i])
			return cd_fail(-CD_EXIT_INVALID, "cannot write '%s': a value of the document is out of "
			               "libharu's range (error 0x%04X, detail %u) while %s",
			               w->path, (unsigned)w->err, (unsigned)w->detail, doing);
	return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': libharu error 0x%04X (detail %u) while %s",
	               w->path, (unsigned)w->err, (unsigned)w->detail, doing);
}

static double Y(const haru_writer *w, double y) { return w->ph - y; }

/* libharu has no marked content: a chunk's BDC and EMC go straight into the page's content
 * stream, between the operators libharu writes for each item (never inside a text object). */
static void raw(haru_writer *w, const char *s)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)w->page->attr;
	HPDF_Stream_WriteStr(attr->stream, s);
}

static void chunk_open(void *ctx, int chunk, const cd_item *link)
{
	haru_writer *w = ctx;
	(void)link;
	cd_pdf_chunk *c = cd_tags_chunk(w->tags, chunk);
	c->page = w->pages - 1;
	c->mcid = w->mcid++;
	char s[48];
	snprintf(s, sizeof s, "/Span <</MCID %d>> BDC\n", c->mcid);
	raw(w, s);
}

static void chunk_close(void *ctx, int chunk, const cd_item *link)
{
	haru_writer *w = ctx;
	(void)chunk;
	(void)link;
	raw(w, "EMC\n");
}

/* Counts an annotation made on page `page_no`; its index in the page's /Annots. */
static int count_annot(haru_writer *w, int page_no)
{
	if ((guint)page_no >= w->annots->len)
		g_array_set_size(w->annots, page_no + 1);
	return g_array_index(w->annots, int, page_no)++;
}

static int haru_begin_document(void **state, cd_output *out, const char *path,
                               const cd_doc_info *info, const char *opts)
{
	cd_wopt *o;
	size_t no;
	int rc = cd_wopts_parse("haru", opts, known, &o, &no);
	if (rc)
		return rc;
	haru_writer *w = g_new0(haru_writer, 1);
	*state = w;
	w->out = out;
	w->path = g_strdup(path);
	rc = cd_protection_from_opts("haru", o, no, &w->prot);
	const char *label = cd_wopts_get(o, no, "label");
	w->label = label && *label ? g_strdup(label) : NULL;
	w->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	w->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	w->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	w->gstates = g_hash_table_new(g_direct_hash, g_direct_equal);
	w->links = g_array_new(FALSE, FALSE, sizeof(pending_link));
	w->annots = g_array_new(FALSE, TRUE, sizeof(int));
	cd_tags_sink sink = { chunk_open, chunk_close, w };
	w->tags = cd_tags_new("haru", &sink);
	cd_wopts_free(o, no);
	if (rc)
		return rc;
	w->pdf = HPDF_New(on_error, w);
	if (!w->pdf)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot start a libharu document");
	HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(w->pdf);
	HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
	w->fp = cd_output_open(out, path);
	if (!w->fp)
		return -CD_EXIT_NOWRITE;
	if (info) {
		/* the finishing pass writes /Info, XMP, /Lang and the viewer preferences */
		w->info.title = g_strdup(info->title);
		w->info.author = g_strdup(info->author);
		w->info.subject = g_strdup(info->subject);
		w->info.keywords = g_strdup(info->keywords);
		w->info.creator = g_strdup(info->creator);
		w->info.lang = g_strdup(info->lang);
		w->info.date = g_strdup(info->date);
		w->outline = info->outline;
		w->n_outline = info->n_outline;
	}
	return check(w, "setting the document information");
}

/* Page labels: libharu has styles, not free text, so decimal and roman labels are written and
 * any other label is left out (the reader then shows the page's position). */
static void page_label(haru_writer *w, const cd_page *pg)
{
	int n = pg->number;
	HPDF_PageNumStyle style;
	if (n <= 0 || !pg->label || !*pg->label)
		return;
	if ((pg->number_format == '1' && n < 1000000) || ((pg->number_format == 'i' || pg->number_format == 'I') && n >= 5000))
		style = HPDF_PAGE_NUM_STYLE_DECIMAL;    /* roman numbers stop at 4999 */
	else if (pg->number_format == 'i' && n < 4000)
		style = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN;
	else if (pg->number_format == 'I' && n < 4000)
		style = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN;
	else
		return;
	HPDF_AddPageLabel(w->pdf, w->pages - 1, style, n, NULL);
}

static int haru_begin_page(void *state, const cd_page *pg)
{
	haru_writer *w = state;
	w->pages++;
	page_label(w, pg);
	w->page = HPDF_AddPage(w->pdf);
	HPDF_Page_SetWidth(w->page, pg->width);
	HPDF_Page_SetHeight(w->page, pg->height);
	w->ph = pg->height;
	w->mcid = 0;
	return check(w, "adding a page");
}

static void fill_alpha(haru_writer *w, double a, int stroke)
{
	if (a >= 1)
		return;
	int key = (int)(a * 1000 + 0.5) * 2 + stroke;
	HPDF_ExtGState gs = g_hash_table_lookup(w->gstates, GINT_TO_POINTER(key + 1));
	if (!gs) {
		gs = HPDF_CreateExtGState(w->pdf);
		if (stroke)
			HPDF_ExtGState_SetAlphaStroke(gs, a);
		else
			HPDF_ExtGState_SetAlphaFill(gs, a);
		g_hash_table_insert(w->gstates, GINT_TO_POINTER(key + 1), gs);
	}
	HPDF_Page_SetExtGState(w->page, gs);
}

/* libharu 2.3 gives a UTF-8 font its encoding CMap as /ToUnicode, which is not a ToUnicode
 * CMap (poppler: "Invalid 'begincidrange' operator in ToUnicode CMap"; other readers may not
 * extract the text at all). Its codes are the characters themselves (UTF-16 code units), so
 * the right CMap maps every code to itself: one bfrange per high byte, surrogates left out. */
static void fix_tounicode(HPDF_Font font)
{
	HPDF_Dict tu = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
	if (!tu || !tu->stream)
		return;
	HPDF_Stream s = tu->stream;
	HPDF_MemStream_FreeData(s);
	HPDF_Stream_WriteStr(s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	int total = 256 - 8, done = 0; /* high bytes D8-DF are surrogates */
	char line[48];
	for (int hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)
			continue;
		if (done % 100 == 0) { /* at most 100 entries a block */
			snprintf(line, sizeof line, "%d beginbfrange\n", total - done < 100 ? total - done : 100);
			HPDF_Stream_WriteStr(s, line);
		}
		snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		HPDF_Stream_WriteStr(s, line);
		if (++done % 100 == 0 || done == total)
			HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The libharu font for a Pango font: its file, loaded and embedded once. */
static HPDF_Font font_for(haru_writer *w, PangoFont *pf, int *rc)
{
	*rc = 0;
	FcPattern *pat = PANGO_IS_FC_FONT(pf) ? pango_fc_font_get_pattern(PANGO_FC_FONT(pf)) : NULL;
	FcChar8 *file = NULL;
	int index = 0;
	if (!pat || FcPatternGetString(pat, FC_FILE, 0, &file) != FcResultMatch) {
		*rc = cd_fail(-CD_EXIT_INTERNAL, "writer 'haru': a font without a file");
		return NULL;
	}
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	char *key = g_strdup_printf("%s:%d", (const char *)file, index);
	HPDF_Font f = g_hash_table_lookup(w->fonts, key);
	if (f) {
		g_free(key);
		return f;
	}
	const char *name = index ? HPDF_LoadTTFontFromFile2(w->pdf, (const char *)file, index, HPDF_TRUE)
	                         : HPDF_LoadTTFontFromFile(w->pdf, (const char *)file, HPDF_TRUE);
	f = name ? HPDF_GetFont(w->pdf, name, "UTF-8") : NULL;
	if (!f || w->err) {
		*rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': libharu cannot load the font '%s' (error 0x%04X)",
		              w->path, (const char *)file, (unsigned)w->err);
		g_free(key);
		return NULL;
	}
	fix_tounicode(f);
	g_hash_table_insert(w->fonts, key, f);
	return f;
}

static const char *script_name(gunichar c)
{
	static const struct { GUnicodeScript s; const char *name; } names[] = {
		{ G_UNICODE_SCRIPT_ARABIC, "Arabic-script (Arabic, Urdu, Persian...)" },
		{ G_UNICODE_SCRIPT_HEBREW, "Hebrew" }, { G_UNICODE_SCRIPT_SYRIAC, "Syriac" },
		{ G_UNICODE_SCRIPT_THAANA, "Thaana" }, { G_UNICODE_SCRIPT_DEVANAGARI, "Devanagari" },
		{ G_UNICODE_SCRIPT_BENGALI, "Bengali" }, { G_UNICODE_SCRIPT_GURMUKHI, "Gurmukhi (Punjabi)" },
		{ G_UNICODE_SCRIPT_GUJARATI, "Gujarati" }, { G_UNICODE_SCRIPT_TAMIL, "Tamil" },
		{ G_UNICODE_SCRIPT_TELUGU, "Telugu" }, { G_UNICODE_SCRIPT_KANNADA, "Kannada" },
		{ G_UNICODE_SCRIPT_MALAYALAM, "Malayalam" }, { G_UNICODE_SCRIPT_SINHALA, "Sinhala" },
		{ G_UNICODE_SCRIPT_THAI, "Thai" }, { G_UNICODE_SCRIPT_KHMER, "Khmer" },
		{ G_UNICODE_SCRIPT_MYANMAR, "Myanmar" }, { G_UNICODE_SCRIPT_TIBETAN, "Tibetan" },
	};
	GUnicodeScript s = g_unichar_get_script(c);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (names[i].s == s)
			return names[i].name;
	return NULL;
}

static int simple_script(gunichar c)
{
	GUnicodeScript s = g_unichar_get_script(c);
	return s == G_UNICODE_SCRIPT_LATIN || s == G_UNICODE_SCRIPT_GREEK || s == G_UNICODE_SCRIPT_CYRILLIC ||
	       s == G_UNICODE_SCRIPT_COMMON || s == G_UNICODE_SCRIPT_INHERITED;
}

static int refuse(haru_writer *w, const char *text, size_t len, gunichar c)
{
	/* the run's text, cut at 40 characters, for the message */
	const char *end = text;
	for (int k = 0; k < 40 && end < text + len; k++)
		end = g_utf8_next_char(end);
	char *snippet = g_strndup(text, end - text);
	const char *script = script_name(c);
	char *what = script ? g_strdup_printf("%s text", script)
	                    : g_strdup_printf("text with U+%04X", (unsigned)c);
	char *who = w->label ? g_strdup_printf(" for '%s'", w->label) : g_strdup("");
	int rc = cd_fail(-CD_EXIT_REFUSED,
	                 "refused to write '%s'%s with writer 'haru': %s (\"%s%s\") needs shaping that "
	                 "libharu cannot draw faithfully; use --writer cairo (no password protection)",
	                 w->path, who, what, snippet, end < text + len ? "..." : "");
	g_free(snippet);
	g_free(what);
	g_free(who);
	return rc;
}

/* Shows the characters [s, e) with font matrix m at (x, y) (page coordinates, y down). */
static void show(haru_writer *w, const cairo_matrix_t *m, double x, double y, const char *s, size_t n)
{
	char *t = g_strndup(s, n);
	HPDF_Page_SetTextMatrix(w->page, m->xx, -m->yx, -m->xy, m->yy, x, Y(w, y));
	HPDF_Page_ShowText(w->page, t);
	g_free(t);
}

static int is_hyphen_glyph(hb_font_t *hb, PangoGlyph g, const char **as)
{
	static const struct { gunichar c; const char *utf8; } hy[] = { { 0x2010, "\xe2\x80\x90" }, { '-', "-" } };
	for (size_t i = 0; i < G_N_ELEMENTS(hy); i++) {
		hb_codepoint_t cg;
		if (hb_font_get_nominal_glyph(hb, hy[i].c, &cg) && cg == g) {
			*as = hy[i].utf8;
			return 1;
		}
	}
	return 0;
}

static int draw_glyphs(haru_writer *w, const cd_item *it);

static int haru_glyphs(void *state, const cd_item *it)
{
	haru_writer *w = state;
	cd_tags_before(w->tags, it);
	int rc = draw_glyphs(w, it);
	cd_tags_after(w->tags, it);
	return rc;
}

/* A cluster the font cannot show glyph by glyph (a ligature): its characters one by one, spread
 * over the cluster's width, when each is of a simple script and in the font; else refused. */
static int draw_spread(haru_writer *w, const cairo_matrix_t *m, hb_font_t *hb, const char *text, const char *cs,
                       const char *ce, double left, double width, double y)
{
	double natural = 0;
	for (const char *p = cs; p < ce; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		hb_codepoint_t cg;
		if (!simple_script(c) || !hb_font_get_nominal_glyph(hb, c, &cg))
			return refuse(w, text, strlen(text), c);
		natural += hb_font_get_glyph_h_advance(hb, cg) / (double)PANGO_SCALE;
	}
	double k = natural > 0 ? width / natural : 1;
	for (const char *p = cs; p < ce; p = g_utf8_next_char(p)) {
		hb_codepoint_t cg;
		hb_font_get_nominal_glyph(hb, g_utf8_get_char(p), &cg);
		show(w, m, left, y, p, g_utf8_next_char(p) - p);
		left += k * hb_font_get_glyph_h_advance(hb, cg) / (double)PANGO_SCALE;
	}
	return 0;
}

static int draw_glyphs(haru_writer *w, const cd_item *it)
{
	const PangoGlyphItem *run = it->u.glyphs.run;
	const PangoGlyphString *gs = run->glyphs;
	PangoFont *pf = run->item->analysis.font;
	const char *text = it->u.glyphs.text;
	int rc;
	HPDF_Font font = font_for(w, pf, &rc);
	if (!font)
		return rc;
	hb_font_t *hb = pango_font_get_hb_font(pf);
	cairo_matrix_t m;
	cairo_scaled_font_get_font_matrix(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf)), &m);

	/* x of each glyph, in visual order as in the glyph string */
	double *gx = g_new(double, gs->num_glyphs + 1);
	double x = it->u.glyphs.x;
	for (int i = 0; i < gs->num_glyphs; i++) {
		gx[i] = x;
		x += gs->glyphs[i].geometry.width / (double)PANGO_SCALE;
	}
	gx[gs->num_glyphs] = x;

	HPDF_Page_SetRGBFill(w->page, it->u.glyphs.color.r, it->u.glyphs.color.g, it->u.glyphs.color.b);
	HPDF_Page_GSave(w->page);
	fill_alpha(w, it->u.glyphs.color.a, 0);
	HPDF_Page_BeginText(w->page);
	HPDF_Page_SetFontAndSize(w->page, font, 1);

	PangoGlyphItemIter ci;
	rc = 0;
	for (gboolean more = pango_glyph_item_iter_init_start(&ci, (PangoGlyphItem *)run, text);
	     more && rc == 0; more = pango_glyph_item_iter_next_cluster(&ci)) {
		const char *cs = text + ci.start_index, *ce = text + ci.end_index;
		int step = ci.start_glyph <= ci.end_glyph ? 1 : -1;
		/* glyphs of the cluster, in logical order */
		int g0 = ci.start_glyph, g1 = ci.end_glyph; /* g1 is one past, in the direction `step` */
		int ng = (g1 - g0) * step;
		int nc = (int)g_utf8_strlen(cs, ce - cs);
		double y = it->u.glyphs.y;
		/* 1. one cmap glyph per character (EMPTY glyphs draw nothing) */
		int plain = ng == nc || (ng == nc + 1);
		const char *extra = NULL; /* a hyphen added at a line break */
		if (ng == nc + 1) {
			PangoGlyph last = gs->glyphs[g1 - step].glyph;
			plain = is_hyphen_glyph(hb, last, &extra);
		}
		const char *p = cs;
		for (int k = 0; plain && k < nc; k++, p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			PangoGlyph g = gs->glyphs[g0 + k * step].glyph;
			hb_codepoint_t cg;
			if (g == PANGO_GLYPH_EMPTY)
				continue;
			if (g & PANGO_GLYPH_UNKNOWN_FLAG) {
				rc = refuse(w, text, strlen(text), c);
				break;
			}
			if (!hb_font_get_nominal_glyph(hb, c, &cg) || cg != g) {
				const char *as;
				if (c == 0x00AD && is_hyphen_glyph(hb, g, &as))
					continue; /* a soft hyphen shown as a hyphen: drawn below */
				plain = 0;
			}
		}
		if (rc)
			break;
		if (plain) {
			p = cs;
			for (int k = 0; k < nc; k++) {
				const char *q = g_utf8_next_char(p);
				int gi = g0 + k * step;
				const PangoGlyphInfo *g = &gs->glyphs[gi];
				if (g->glyph != PANGO_GLYPH_EMPTY) {
					const char *as = NULL;
					int shy = g_utf8_get_char(p) == 0x00AD && is_hyphen_glyph(hb, g->glyph, &as);
					show(w, &m, gx[gi] + g->geometry.x_offset / (double)PANGO_SCALE,
					     y + g->geometry.y_offset / (double)PANGO_SCALE, shy ? as : p,
					     shy ? strlen(as) : (size_t)(q - p));
				}
				p = q;
			}
			if (extra) {
				int gi = g1 - step;
				show(w, &m, gx[gi] + gs->glyphs[gi].geometry.x_offset / (double)PANGO_SCALE,
				     y + gs->glyphs[gi].geometry.y_offset / (double)PANGO_SCALE, extra, strlen(extra));
			}
			continue;
		}
		/* 2. simple-script characters one by one over the cluster's width */
		double left = step > 0 ? gx[g0] : gx[g1 + 1];
		double width = step > 0 ? gx[g1] - gx[g0] : gx[g0 + 1] - gx[g1 + 1];
		rc = draw_spread(w, &m, hb, text, cs, ce, left, width, y);
	}
	HPDF_Page_EndText(w->page);
	HPDF_Page_GRestore(w->page);
	g_free(gx);
	return rc ? rc : check(w, "drawing text");
}

static int draw_rect(haru_writer *w, const cd_item *it);

static int haru_rect(void *state, const cd_item *it)
{
	haru_writer *w = state;
	cd_tags_before(w->tags, it);
	int rc = draw_rect(w, it);
	cd_tags_after(w->tags, it);
	return rc;
}

static int draw_rect(haru_writer *w, const cd_item *it)
{
	HPDF_Page_GSave(w->page);
	fill_alpha(w, it->u.rect.fill.a, 0);
	HPDF_Page_SetRGBFill(w->page, it->u.rect.fill.r, it->u.rect.fill.g, it->u.rect.fill.b);
	HPDF_Page_Rectangle(w->page, it->u.rect.x, Y(w, it->u.rect.y + it->u.rect.h), it->u.rect.w, it->u.rect.h);
	HPDF_Page_Fill(w->page);
	HPDF_Page_GRestore(w->page);
	return check(w, "drawing a rectangle");
}

static int draw_line(haru_writer *w, const cd_item *it);

static int haru_line(void *state, const cd_item *it)
{
	haru_writer *w = state;
	cd_tags_before(w->tags, it);
	int rc = draw_line(w, it);
	cd_tags_after(w->tags, it);
	return rc;
}

static int draw_line(haru_writer *w, const cd_item *it)
{
	double lw = it->u.line.width;
	HPDF_Page_GSave(w->page);
	fill_alpha(w, it->u.line.color.a, 1);
	HPDF_Page_SetRGBStroke(w->page, it->u.line.color.r, it->u.line.color.g, it->u.line.color.b);
	HPDF_Page_SetLineWidth(w->page, lw);
	/* libharu dashes are whole points: the nearest to cairo-draw.c's */
	HPDF_UINT16 unit = (HPDF_UINT16)(lw < 1 ? 1 : lw + 0.5);
	if (it->u.line.style == CD_LINE_DASHED) {
		HPDF_UINT16 dash[] = { (HPDF_UINT16)(3 * unit), (HPDF_UINT16)(3 * unit) };
		HPDF_Page_SetDash(w->page, dash, 2, 0);
	} else if (it->u.line.style == CD_LINE_DOTTED) {
		/* libharu refuses a dash of length 0 (round dots): draw the dots, as Cairo does, one
		 * line width across, one every two widths from the start */
		double x0 = it->u.line.x0, y0 = it->u.line.y0;
		double dx = it->u.line.x1 - x0, dy = it->u.line.y1 - y0, len = sqrt(dx * dx + dy * dy);
		HPDF_Page_SetRGBFill(w->page, it->u.line.color.r, it->u.line.color.g, it->u.line.color.b);
		fill_alpha(w, it->u.line.color.a, 0);
		for (double t = 0; lw > 0 && t <= len + 1e-6; t += 2 * lw)
			HPDF_Page_Circle(w->page, x0 + (len ? dx * t / len : 0), Y(w, y0 + (len ? dy * t / len : 0)), lw / 2);
		HPDF_Page_Fill(w->page);
		HPDF_Page_GRestore(w->page);
		return check(w, "drawing a line");
	}
	HPDF_Page_MoveTo(w->page, it->u.line.x0, Y(w, it->u.line.y0));
	HPDF_Page_LineTo(w->page, it->u.line.x1, Y(w, it->u.line.y1));
	HPDF_Page_Stroke(w->page);
	HPDF_Page_GRestore(w->page);
	return check(w, "drawing a line");
}

static int draw_image(haru_writer *w, const cd_item *it);

static int haru_image(void *state, const cd_item *it)
{
	haru_writer *w = state;
	cd_tags_before(w->tags, it);
	int rc = draw_image(w, it);
	cd_tags_after(w->tags, it);
	return rc;
}

static int draw_image(haru_writer *w, const cd_item *it)
{
	const char *path = it->u.image.path;
	HPDF_Image img = g_hash_table_lookup(w->images, path);
	if (!img) {
		/* the limits of every input (a regular file, a size, a number of pixels) */
		char *data = NULL;
		size_t len = 0;
		int rc = cd_read_png(path, &data, &len, NULL, NULL);
		if (rc < 0)
			return rc;
		img = HPDF_LoadPngImageFromMem(w->pdf, (const HPDF_BYTE *)data, (HPDF_UINT)len);
		g_free(data);
		if (!img || w->err)
			return cd_fail(-CD_EXIT_INVALID, "cannot read image '%s': not a PNG file libharu can read", path);
		g_hash_table_insert(w->images, g_strdup(path), img);
	}
	HPDF_Page_DrawImage(w->page, img, it->u.image.x, Y(w, it->u.image.y + it->u.image.h),
	                    it->u.image.w, it->u.image.h);
	return check(w, "drawing an image");
}

static HPDF_Rect rect_of(haru_writer *w, const cd_item *it)
{
	HPDF_Rect r = { it->u.link.x, Y(w, it->u.link.y + it->u.link.h),
	                it->u.link.x + it->u.link.w, Y(w, it->u.link.y) };
	return r;
}

static int haru_link(void *state, const cd_item *it)
{
	haru_writer *w = state;
	cd_tags_link(w->tags, it);
	int chunk = cd_tags_current(w->tags);
	int rc = 0;
	if (it->u.link.uri) {
		HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(w->page, rect_of(w, it), it->u.link.uri);
		if (a) {
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			cd_tags_chunk(w->tags, chunk)->annot = count_annot(w, w->pages - 1);
		}
		rc = check(w, "making a link");
	} else {
		pending_link l = { w->page, w->pages - 1, rect_of(w, it), g_strdup(it->u.link.dest), chunk };
		g_array_append_val(w->links, l);
	}
	cd_tags_link_done(w->tags);
	return rc;
}

static int haru_dest(void *state, const cd_item *it)
{
	haru_writer *w = state;
	if (g_hash_table_contains(w->dests, it->u.dest.name))
		return 0;
	HPDF_Destination d = HPDF_Page_CreateDestination(w->page);
	/* libharu refuses XYZ with zoom 0 ("keep the zoom"): fit the width at that height */
	HPDF_Destination_SetFitH(d, Y(w, it->u.dest.y));
	g_hash_table_insert(w->dests, g_strdup(it->u.dest.name), d);
	return check(w, "making a destination");
}

static int haru_tag_begin(void *state, const cd_item *it)
{
	haru_writer *w = state;
	return cd_tags_begin(w->tags, it);
}

static int haru_tag_end(void *state, const cd_item *it)
{
	haru_writer *w = state;
	(void)it;
	return cd_tags_end(w->tags);
}

static int haru_end_page(void *state, const cd_page *pg)
{
	haru_writer *w = state;
	(void)pg;
	cd_tags_end_page(w->tags);
	w->page = NULL;
	return 0;
}

/* libharu's whole file, into memory. */
static int read_all(haru_writer *w, GByteArray *pdf)
{
	HPDF_BYTE buf[65536];
	for (;;) {
		HPDF_UINT32 n = sizeof buf;
		HPDF_STATUS st = HPDF_ReadFromStream(w->pdf, buf, &n);
		g_byte_array_append(pdf, buf, n);
		if (st == HPDF_STREAM_EOF)
			return 0;
		if (st != HPDF_OK)
			return check(w, "saving");
	}
}

static int haru_end_document(void *state)
{
	haru_writer *w = state;
	for (guint i = 0; i < w->links->len; i++) {
		pending_link *l = &g_array_index(w->links, pending_link, i);
		HPDF_Destination d = g_hash_table_lookup(w->dests, l->dest);
		if (!d) { /* a link to nowhere is left out, as a reader would ignore it */
			cd_tags_chunk(w->tags, l->chunk)->link = 0;
			continue;
		}
		HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(l->page, l->rect, d);
		if (a) {
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			cd_tags_chunk(w->tags, l->chunk)->annot = count_annot(w, l->page_no);
		}
	}
	int rc = check(w, "making links");
	if (rc)
		return rc;
	if (w->n_outline) {
		HPDF_Outline *ids = g_new0(HPDF_Outline, w->n_outline);
		HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
		for (size_t i = 0; i < w->n_outline; i++) {
			const cd_outline *ol = &w->outline[i];
			ids[i] = HPDF_CreateOutline(w->pdf, ol->parent >= 0 && ol->parent < (int)i ? ids[ol->parent] : NULL,
			                            ol->title, enc);
			HPDF_Destination d = ol->dest ? g_hash_table_lookup(w->dests, ol->dest) : NULL;
			if (d)
				HPDF_Outline_SetDestination(ids[i], d);
			HPDF_Outline_SetOpened(ids[i], ol->open ? HPDF_TRUE : HPDF_FALSE);
		}
		g_free(ids);
		rc = check(w, "making the outline");
		if (rc)
			return rc;
	}
	HPDF_SaveToStream(w->pdf);
	rc = check(w, "saving");
	GByteArray *pdf = g_byte_array_new();
	if (!rc)
		rc = read_all(w, pdf);
	if (!rc)
		rc = cd_tags_finish(w->tags, "haru", w->path, &w->info, &w->prot, pdf->data, pdf->len, w->fp);
	g_byte_array_free(pdf, TRUE);
	cd_protection_clear(&w->prot);
	return rc;
}

static void haru_destroy(void *state)
{
	haru_writer *w = state;
	if (!w)
		return;
	if (w->pdf)
		HPDF_Free(w->pdf);
	cd_protection_clear(&w->prot);
	g_free((char *)w->info.title);
	g_free((char *)w->info.author);
	g_free((char *)w->info.subject);
	g_free((char *)w->info.keywords);
	g_free((char *)w->info.creator);
	g_free((char *)w->info.lang);
	g_free((char *)w->info.date);
	for (guint i = 0; i < w->links->len; i++)
		g_free(g_array_index(w->links, pending_link, i).dest);
	g_array_free(w->links, TRUE);
	g_array_free(w->annots, TRUE);
	cd_tags_free(w->tags);
	g_hash_table_destroy(w->fonts);
	g_hash_table_destroy(w->images);
	g_hash_table_destroy(w->dests);
	g_hash_table_destroy(w->gstates);
	g_free(w->path);
	g_free(w->label);
	g_free(w);
}

const cd_writer_ops cd_writer_haru = {
	.name = "haru",
	.help = "PDF by libharu, tagged: Latin, Greek and Cyrillic text only (refuses scripts that need "
	        "shaping); AES-256 protection",
	.ext = ".pdf",
	.caps = CD_WRITER_PDF | CD_WRITER_PROTECT | CD_WRITER_LABEL,
	.begin_document = haru_begin_document,
	.begin_page = haru_begin_page,
	.glyphs = haru_glyphs,
	.rect = haru_rect,
	.line = haru_line,
	.image = haru_image,
	.link = haru_link,
	.dest = haru_dest,
	.tag_begin = haru_tag_begin,
	.tag_end = haru_tag_end,
	.end_page = haru_end_page,
	.end_document = haru_end_document,
	.destroy = haru_destroy,
};
