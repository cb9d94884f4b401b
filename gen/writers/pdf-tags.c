/* writers/pdf-tags.c - the structure record of the PDF writers (see pdf-tags.h). */
#include "writers/pdf-tags.h"
#include "base/page.h"
#include "writers/protect.h"

#include <string.h>

struct cd_tags {
	const char *writer;
	cd_tags_sink sink;
	GPtrArray *strs;  /* char *: strings the elements and chunks point to */
	GArray *elems;    /* cd_pdf_elem */
	GArray *chunks;   /* cd_pdf_chunk */
	GPtrArray *texts; /* GString * per element: the text drawn in it and its children */
	GArray *last_y;   /* double per element: the baseline of the last run added to its text */
	GPtrArray *chunk_texts; /* GString * per chunk: the text drawn in it */
	double chunk_y;   /* the baseline of the last run added to the open chunk's text */
	GArray *open;     /* int: the elements open now (-1: an artifact, -2: inside one) */
	int artifact;     /* depth of open artifacts */
	int predicted;    /* see cd_tags_predicted */
	int seq;          /* orders elements and chunks */
	int chunk;        /* the chunk open now, or -1 */
	const cd_item *chunk_link;
};

/* The standard structure types of PDF 1.7 (§14.8.4) layout may use. */
static const char *const roles[] = {
	"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
	"NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
	"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
	"BibEntry", "Code", "Link", "Figure", "Formula", "Form", NULL
};

static void cd_tags_free_gstring(void *s)
{
	g_string_free(s, TRUE);
}

cd_tags *cd_tags_new(const char *writer, const cd_tags_sink *sink)
{
	cd_tags *t = g_new0(cd_tags, 1);
	t->writer = writer;
	t->sink = *sink;
	t->strs = g_ptr_array_new_with_free_func(g_free);
	t->elems = g_array_new(FALSE, FALSE, sizeof(cd_pdf_elem));
	t->chunks = g_array_new(FALSE, FALSE, sizeof(cd_pdf_chunk));
	t->texts = g_ptr_array_new();
	t->last_y = g_array_new(FALSE, FALSE, sizeof(double));
	t->chunk_texts = g_ptr_array_new_with_free_func(cd_tags_free_gstring);
	t->open = g_array_new(FALSE, FALSE, sizeof(int));
	t->chunk = -1;
	return t;
}

void cd_tags_free(cd_tags *t)
{
	if (!t)
		return;
	for (guint i = 0; i < t->texts->len; i++)
		g_string_free(t->texts->pdata[i], TRUE);
	g_ptr_array_free(t->texts, TRUE);
	g_array_free(t->last_y, TRUE);
	g_ptr_array_free(t->chunk_texts, TRUE);
	g_ptr_array_free(t->strs, TRUE);
	g_array_free(t->elems, TRUE);
	g_array_free(t->chunks, TRUE);
	g_array_free(t->open, TRUE);
	g_free(t);
}

static const char *keep(cd_tags *t, const char *s)
{
	if (!s || !*s)
		return NULL;
	char *c = g_strdup(s);
	g_ptr_array_add(t->strs, c);
	return c;
}

/* The element content drawn now belongs to: the innermost open one, -1 for an artifact. */
static int owner(const cd_tags *t)
{
	if (t->artifact || !t->open->len)
		return -1;
	return g_array_index(t->open, int, t->open->len - 1);
}

static int add_elem(cd_tags *t, const char *role, int parent, const char *lang, const char *alt)
{
	cd_pdf_elem e = { role, parent, keep(t, lang), keep(t, alt), NULL, 0, t->seq++ };
	g_array_append_val(t->elems, e);
	g_ptr_array_add(t->texts, g_string_new(NULL));
	double y = -1e300;
	g_array_append_val(t->last_y, y);
	return (int)t->elems->len - 1;
}

static void close_chunk(cd_tags *t)
{
	if (t->chunk < 0)
		return;
	t->sink.close(t->sink.ctx, t->chunk, t->chunk_link);
	t->chunk = -1;
	t->chunk_link = NULL;
}

static void open_chunk(cd_tags *t, int elem, const cd_item *link)
{
	close_chunk(t);
	cd_pdf_chunk c = { elem, link != NULL, -1, -1, -1, t->seq++, { 0, 0, 0, 0 } };
	g_array_append_val(t->chunks, c);
	g_ptr_array_add(t->chunk_texts, g_string_new(NULL));
	t->chunk_y = -1e300;
	t->chunk = (int)t->chunks->len - 1;
	t->chunk_link = link;
	t->sink.open(t->sink.ctx, t->chunk, link);
}

/* Adds a glyph run's text to s: runs on one line join as they are, a new line starts after a
 * space. */
static void join_text(GString *s, double *y, const cd_item *it)
{
	if (s->len && *y != it->u.glyphs.y && !g_ascii_isspace(s->str[s->len - 1]))
		g_string_append_c(s, ' ');
	g_string_append(s, it->u.glyphs.text);
	*y = it->u.glyphs.y;
}

/* Adds a glyph run's text to element e and its ancestors. */
static void add_text(cd_tags *t, int e, const cd_item *it)
{
	for (; e >= 0; e = g_array_index(t->elems, cd_pdf_elem, e).parent)
		join_text(t->texts->pdata[e], &g_array_index(t->last_y, double, e), it);
}

/* The language element e is in: its own, else its nearest ancestor's; NULL when none says. */
static const char *elem_lang(const cd_tags *t, int e)
{
	for (; e >= 0; e = g_array_index(t->elems, cd_pdf_elem, e).parent) {
		const char *l = g_array_index(t->elems, cd_pdf_elem, e).lang;
		if (l && *l)
			return l;
	}
	return NULL;
}

/* The element a glyph run of element e goes in. A run set in another language than e's (an
 * fo:inline with its own language: a name or a quotation in the record's language inside a
 * translated sentence) goes in a Span of e saying that language, so that a screen reader
 * changes voice for it; the runs of one such stretch share their Span. */
static int run_elem(cd_tags *t, int e, const cd_item *it)
{
	const char *el = elem_lang(t, e), *rl = it->u.glyphs.lang;
	if (!el || !rl || !*rl || g_ascii_strcasecmp(el, rl) == 0)
		return e;
	if (t->chunk >= 0) {
		int c = g_array_index(t->chunks, cd_pdf_chunk, t->chunk).elem;
		if (c >= 0) {
			const cd_pdf_elem *ce = &g_array_index(t->elems, cd_pdf_elem, c);
			if (ce->parent == e && strcmp(ce->role, "Span") == 0 && ce->lang && g_ascii_strcasecmp(ce->lang, rl) == 0)
				return c;
		}
	}
	return add_elem(t, "Span", e, rl, NULL);
}

int cd_script_simple(GUnicodeScript s)
{
	return s == G_UNICODE_SCRIPT_LATIN || s == G_UNICODE_SCRIPT_GREEK || s == G_UNICODE_SCRIPT_CYRILLIC ||
	       s == G_UNICODE_SCRIPT_COMMON || s == G_UNICODE_SCRIPT_INHERITED || s == G_UNICODE_SCRIPT_UNKNOWN;
}

/* A run in a script whose glyphs do not map one to one onto characters: its own characters,
 * the script Pango shaped it in (punctuation takes its neighbours'), or the language it was
 * set in (digits in an Urdu paragraph are drawn with the Nastaliq font). */
static int needs_actual_text(const cd_item *it)
{
	const PangoGlyphItem *run = it->u.glyphs.run;
	if (run && run->item && !cd_script_simple((GUnicodeScript)run->item->analysis.script))
		return 1;
	int n = 0;
	const PangoScript *sc = run && run->item && run->item->analysis.language
	                        ? pango_language_get_scripts(run->item->analysis.language, &n) : NULL;
	for (int i = 0; sc && i < n; i++)
		if (!cd_script_simple((GUnicodeScript)sc[i]))
			return 1;
	for (const char *p = it->u.glyphs.text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		/* the Arabic blocks hold common punctuation too (U+060C ARABIC COMMA) */
		if (!cd_script_simple(g_unichar_get_script(c)) || (c >= 0x0600 && c <= 0x08FF) ||
		    (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
			return 1;
	}
	return 0;
}

void cd_tags_before(cd_tags *t, const cd_item *it)
{
	int e = owner(t);
	if (it->kind == CD_ITEM_RECT || it->kind == CD_ITEM_LINE) {
		/* decoration: an artifact wherever it is drawn */
		if (t->chunk < 0 || g_array_index(t->chunks, cd_pdf_chunk, t->chunk).elem != -1)
			open_chunk(t, -1, NULL);
		return;
	}
	if (it->kind == CD_ITEM_GLYPHS && e >= 0) {
		e = run_elem(t, e, it);
		add_text(t, e, it);
		if (needs_actual_text(it))
			g_array_index(t->elems, cd_pdf_elem, e).actual = 1;
	}
	if (t->chunk < 0 || g_array_index(t->chunks, cd_pdf_chunk, t->chunk).elem != e)
		open_chunk(t, e, NULL);
	if (it->kind == CD_ITEM_GLYPHS)
		join_text(t->chunk_texts->pdata[t->chunk], &t->chunk_y, it);
}

void cd_tags_after(cd_tags *t, const cd_item *it)
{
	(void)t;
	(void)it;
}

void cd_tags_link(cd_tags *t, const cd_item *it)
{
	int e = owner(t);
	if (e >= 0 && strcmp(g_array_index(t->elems, cd_pdf_elem, e).role, "Link") == 0) {
		open_chunk(t, e, it);
	} else {
		/* a link of its own, under whatever holds it (a link inside an artifact too: its
		 * annotation must be in the tree) */
		int parent = e;
		for (guint i = t->open->len; parent < 0 && i-- > 0;)
			parent = g_array_index(t->open, int, i);
		int l = add_elem(t, "Link", parent, NULL, NULL);
		open_chunk(t, l, it);
	}
}

void cd_tags_link_done(cd_tags *t)
{
	/* a link element of its own holds only its annotation */
	if (t->chunk >= 0 && t->chunk_link) {
		int e = g_array_index(t->chunks, cd_pdf_chunk, t->chunk).elem;
		int top = t->open->len ? g_array_index(t->open, int, t->open->len - 1) : -1;
		if (e != top)
			close_chunk(t);
	}
}

int cd_tags_begin(cd_tags *t, const cd_item *it)
{
	const char *role = it->u.tag.role;
	int e = -2; /* inside an artifact: nothing of its own */
	if (strcmp(role, "Artifact") == 0) {
		t->artifact++;
		e = -1;
	} else if (!t->artifact) {
		size_t i;
		for (i = 0; roles[i]; i++)
			if (strcmp(roles[i], role) == 0)
				break;
		if (!roles[i])
			return cd_fail(-CD_EXIT_INTERNAL, "writer '%s': unknown structure role '%s'", t->writer, role);
		e = add_elem(t, roles[i], owner(t), it->u.tag.lang, it->u.tag.alt);
	}
	g_array_append_val(t->open, e);
	return 0;
}

int cd_tags_end(cd_tags *t)
{
	if (!t->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer '%s': a structure element ends that never began", t->writer);
	int e = g_array_index(t->open, int, t->open->len - 1);
	g_array_set_size(t->open, t->open->len - 1);
	if (e == -1)
		t->artifact--;
	return 0;
}

void cd_tags_end_page(cd_tags *t)
{
	close_chunk(t);
}

unsigned cd_tags_open(const cd_tags *t)
{
	return t->open->len;
}

int cd_tags_current(const cd_tags *t)
{
	return t->chunk;
}

cd_pdf_chunk *cd_tags_chunk(cd_tags *t, int chunk)
{
	return &g_array_index(t->chunks, cd_pdf_chunk, chunk);
}

void cd_tags_predicted(cd_tags *t)
{
	t->predicted = 1;
}

/* An element whose text is given as /ActualText (Urdu) stands for all its content, so a
 * screen reader would read a child in another language (a Span above, a block of the record's
 * language) in the element's language: such an element instead has each of its own chunks in a
 * Span of its own carrying that chunk's text as /ActualText, beside the child. */
static void split_actual(cd_tags *t)
{
	guint ne = t->elems->len;
	GArray *mixed = g_array_sized_new(FALSE, TRUE, sizeof(char), ne);
	g_array_set_size(mixed, ne);
	for (guint i = 0; i < ne; i++) {
		const cd_pdf_elem *e = &g_array_index(t->elems, cd_pdf_elem, i);
		if (e->parent >= 0 && e->lang && *e->lang) {
			const char *up = elem_lang(t, e->parent);
			if (!up || g_ascii_strcasecmp(up, e->lang) != 0)
				g_array_index(mixed, char, e->parent) = 1;
		}
	}
	for (guint c = 0; c < t->chunks->len; c++) {
		cd_pdf_chunk *ch = &g_array_index(t->chunks, cd_pdf_chunk, c);
		GString *s = t->chunk_texts->pdata[c];
		if (ch->elem < 0 || ch->link || !g_array_index(mixed, char, ch->elem) || !s->len ||
		    !g_array_index(t->elems, cd_pdf_elem, ch->elem).actual)
			continue;
		int sp = add_elem(t, "Span", ch->elem, NULL, NULL);
		cd_pdf_elem *e = &g_array_index(t->elems, cd_pdf_elem, sp);
		e->seq = ch->seq;
		e->actual = 1;
		g_string_assign(t->texts->pdata[sp], s->str);
		ch->elem = sp;
	}
	for (guint i = 0; i < ne; i++)
		if (g_array_index(mixed, char, i))
			g_array_index(t->elems, cd_pdf_elem, i).actual = 0;
	g_array_free(mixed, TRUE);
}

void cd_tags_fill(cd_tags *t, cd_pdf_finish *f)
{
	close_chunk(t);
	split_actual(t);
	for (guint i = 0; i < t->elems->len; i++) {
		GString *s = t->texts->pdata[i];
		if (s->len)
			g_array_index(t->elems, cd_pdf_elem, i).text = g_strstrip(s->str);
	}
	f->tagged = 1;
	f->predicted = t->predicted;
	f->elems = (const cd_pdf_elem *)t->elems->data;
	f->n_elems = t->elems->len;
	f->chunks = (const cd_pdf_chunk *)t->chunks->data;
	f->n_chunks = t->chunks->len;
}

int cd_tags_finish(cd_tags *t, const char *writer, const char *path, const cd_doc_info *info,
                   const cd_protection *prot, const void *pdf, size_t len, FILE *fp)
{
	cd_pdf_finish f = {
		.path = path, .writer = writer,
		.title = info->title, .author = info->author, .subject = info->subject,
		.keywords = info->keywords, .creator = info->creator, .lang = info->lang,
		.date = info->date,
		.encrypt = prot->encrypt, .user_password = prot->user,
		.owner_password = prot->owner, .allow_print = prot->allow_print,
	};
	cd_tags_fill(t, &f);
	return cd_pdf_finish_write(pdf, len, &f, fp);
}
