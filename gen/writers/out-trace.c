/* writers/out-trace.c - the trace writer: pages as text, one line per item. The minimal writer (every
 * hook of cd_writer_ops in a few lines) and the base of the golden tests in tests/fo/.
 *
 *   doc title="..." author="..." subject="..." keywords="..." creator="..." lang="..."
 *   outline 0 parent=-1 open=1 dest="intro" "Title"
 *   page 1 label="1" 595.28x841.89
 *   1 glyphs X Y "FONT" #RRGGBB w=ADVANCE "text"
 *   1 rect X Y W H #RRGGBB
 *   1 line X0 Y0 X1 Y1 WIDTH solid|dashed|dotted #RRGGBB
 *   1 image X Y W H FILE alt="..."
 *   1 link X Y W H uri="..." | dest="..."
 *   1 dest X Y "name"
 *   1 tag ROLE [alt="..."] [lang="..."]
 *   1 end-tag
 *   end-page 1
 *
 * Numbers are points with 2 decimals, origin top left; colours are #RRGGBB, with AA appended
 * when not opaque. The file name of an image is its base name, so traces do not depend on where
 * the tests run. Options: none.
 */
#include <string.h>

#include "base/page.h"

typedef struct {
	FILE *fp;
	int page;
} trace;

static void put_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p < 0x20)
			fprintf(fp, "\\x%02x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void put_color(FILE *fp, cd_rgba c)
{
	fprintf(fp, "#%02X%02X%02X", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5));
	if (c.a < 1)
		fprintf(fp, "%02X", (int)(c.a * 255 + 0.5));
}

/* Prints -0.00 as 0.00 so that goldens do not flip on rounding noise. */
static void num(FILE *fp, double v)
{
	if (v > -0.005 && v < 0.005)
		v = 0;
	fprintf(fp, " %.2f", v);
}

static void put_field(FILE *fp, const char *key, const char *v)
{
	if (!v)
		return;
	fprintf(fp, " %s=", key);
	put_str(fp, v);
}

static int t_begin_document(void **state, cd_output *out, const char *path,
                            const cd_doc_info *info, const char *opts)
{
	if (opts && *opts)
		return cd_fail(-CD_EXIT_USAGE, "writer 'trace' has no options (got '%s')", opts);
	FILE *fp = cd_output_open(out, path);
	if (!fp)
		return -CD_EXIT_NOWRITE;
	trace *t = g_new0(trace, 1);
	t->fp = fp;
	*state = t;
	if (info) {
		fputs("doc", fp);
		put_field(fp, "title", info->title);
		put_field(fp, "author", info->author);
		put_field(fp, "subject", info->subject);
		put_field(fp, "keywords", info->keywords);
		put_field(fp, "creator", info->creator);
		put_field(fp, "lang", info->lang);
		put_field(fp, "date", info->date);
		fputc('\n', fp);
		for (size_t i = 0; i < info->n_outline; i++) {
			const cd_outline *o = &info->outline[i];
			fprintf(fp, "outline %zu parent=%d open=%d", i, o->parent, o->open);
			put_field(fp, "dest", o->dest);
			fputc(' ', fp);
			put_str(fp, o->title);
			fputc('\n', fp);
		}
	}
	return 0;
}

static int t_begin_page(void *st, const cd_page *pg)
{
	trace *t = st;
	t->page = pg->index;
	fprintf(t->fp, "page %d label=", pg->index);
	put_str(t->fp, pg->label);
	fprintf(t->fp, " %.2fx%.2f\n", pg->width, pg->height);
	return 0;
}

static int t_glyphs(void *st, const cd_item *it)
{
	trace *t = st;
	FILE *fp = t->fp;
	const PangoGlyphItem *run = it->u.glyphs.run;
	fprintf(fp, "%d glyphs", t->page);
	num(fp, it->u.glyphs.x);
	num(fp, it->u.glyphs.y);
	PangoFontDescription *fd = pango_font_describe(run->item->analysis.font);
	char *fs = pango_font_description_to_string(fd);
	fputc(' ', fp);
	put_str(fp, fs);
	g_free(fs);
	pango_font_description_free(fd);
	fputc(' ', fp);
	put_color(fp, it->u.glyphs.color);
	fprintf(fp, " w=%.2f", pango_glyph_string_get_width(run->glyphs) / (double)PANGO_SCALE);
	if (run->item->analysis.level & 1)
		fputs(" rtl", fp);
	fputc(' ', fp);
	put_str(fp, it->u.glyphs.text);
	fputc('\n', fp);
	return 0;
}

static int t_rect(void *st, const cd_item *it)
{
	trace *t = st;
	fprintf(t->fp, "%d rect", t->page);
	num(t->fp, it->u.rect.x);
	num(t->fp, it->u.rect.y);
	num(t->fp, it->u.rect.w);
	num(t->fp, it->u.rect.h);
	fputc(' ', t->fp);
	put_color(t->fp, it->u.rect.fill);
	fputc('\n', t->fp);
	return 0;
}

static int t_line(void *st, const cd_item *it)
{
	static const char *const styles[] = { "solid", "dashed", "dotted" };
	trace *t = st;
	fprintf(t->fp, "%d line", t->page);
	num(t->fp, it->u.line.x0);
	num(t->fp, it->u.line.y0);
	num(t->fp, it->u.line.x1);
	num(t->fp, it->u.line.y1);
	num(t->fp, it->u.line.width);
	fprintf(t->fp, " %s ", styles[it->u.line.style]);
	put_color(t->fp, it->u.line.color);
	fputc('\n', t->fp);
	return 0;
}

static int t_image(void *st, const cd_item *it)
{
	trace *t = st;
	fprintf(t->fp, "%d image", t->page);
	num(t->fp, it->u.image.x);
	num(t->fp, it->u.image.y);
	num(t->fp, it->u.image.w);
	num(t->fp, it->u.image.h);
	char *base = g_path_get_basename(it->u.image.path);
	fprintf(t->fp, " %s", base);
	g_free(base);
	put_field(t->fp, "alt", it->u.image.alt);
	fputc('\n', t->fp);
	return 0;
}

static int t_link(void *st, const cd_item *it)
{
	trace *t = st;
	fprintf(t->fp, "%d link", t->page);
	num(t->fp, it->u.link.x);
	num(t->fp, it->u.link.y);
	num(t->fp, it->u.link.w);
	num(t->fp, it->u.link.h);
	put_field(t->fp, "uri", it->u.link.uri);
	put_field(t->fp, "dest", it->u.link.dest);
	fputc('\n', t->fp);
	return 0;
}

static int t_dest(void *st, const cd_item *it)
{
	trace *t = st;
	fprintf(t->fp, "%d dest", t->page);
	num(t->fp, it->u.dest.x);
	num(t->fp, it->u.dest.y);
	fputc(' ', t->fp);
	put_str(t->fp, it->u.dest.name);
	fputc('\n', t->fp);
	return 0;
}

static int t_tag_begin(void *st, const cd_item *it)
{
	trace *t = st;
	fprintf(t->fp, "%d tag %s", t->page, it->u.tag.role);
	put_field(t->fp, "alt", it->u.tag.alt);
	put_field(t->fp, "lang", it->u.tag.lang);
	fputc('\n', t->fp);
	return 0;
}

static int t_tag_end(void *st, const cd_item *it)
{
	(void)it;
	trace *t = st;
	fprintf(t->fp, "%d end-tag\n", t->page);
	return 0;
}

static int t_end_page(void *st, const cd_page *pg)
{
	trace *t = st;
	fprintf(t->fp, "end-page %d\n", pg->index);
	return 0;
}

static int t_end_document(void *st)
{
	trace *t = st;
	if (ferror(t->fp))
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write the trace");
	return 0;
}

static void t_destroy(void *st)
{
	g_free(st);
}

const cd_writer_ops cd_writer_trace = {
	.name = "trace",
	.help = "pages as text, one line per placed item (tests, debugging)",
	.ext = ".txt",
	.caps = CD_WRITER_INTERNAL,
	.begin_document = t_begin_document,
	.begin_page = t_begin_page,
	.glyphs = t_glyphs,
	.rect = t_rect,
	.line = t_line,
	.image = t_image,
	.link = t_link,
	.dest = t_dest,
	.tag_begin = t_tag_begin,
	.tag_end = t_tag_end,
	.end_page = t_end_page,
	.end_document = t_end_document,
	.destroy = t_destroy,
};
