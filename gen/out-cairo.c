/* out-cairo.c - the default PDF writer: Cairo's PDF surface.
 *
 * Fonts embed as subsets (Pango's cairo font map), text extracts through Pango's clusters, and
 * the structure marks of the display list become a tagged PDF (cairo_tag_begin/end), with links,
 * named destinations, the outline, metadata and page labels.
 *
 * What Cairo 1.16 (Debian 12) can and cannot do, found by trying it:
 * - structure elements may span pages (one element, marked content on each page);
 * - a structure tag name Cairo does not know (e.g. "Artifact") gives a damaged file with no
 *   error status, so only the roles listed in page.h are passed on, and an unknown role is an
 *   error here, never a broken PDF;
 * - there is no way to mark content as an artifact: content drawn while no element is open is
 *   simply left out of the structure tree. So "Artifact" elements are not passed on, and
 *   "Document" is not either: an open Document element would take every header and footer in
 *   as content. Cairo's tree has the document's own children at its top (H1, P, Table...); the
 *   update below puts them under one Document element.
 *   An artifact that comes while an element is open (the header of a page on which a paragraph
 *   from the page before goes on) is kept back and drawn as soon as no element is open, which
 *   changes nothing on the page as static content does not overlap the flow; if an element stays
 *   open to the end of the page, the artifact is drawn there, inside it;
 * - attributes of structure elements (Figure /Alt) are ignored, the catalog gets no /MarkInfo
 *   (so readers call the file untagged) and there is no way to set the document language. So
 *   once Cairo has finished, the writer reads the file back and appends an incremental update
 *   (PDF 1.7 §7.5.6: new versions of changed objects, a new xref section, a trailer with /Prev):
 *   the catalog with /MarkInfo << /Marked true >>, /Lang and /ViewerPreferences
 *   << /DisplayDocTitle true >>; one Document element holding the top-level elements (a
 *   tagged PDF has one root element), which is how "Document" comes back; and each Figure
 *   element with its /Alt. Cairo writes structure
 *   elements in document order, so the n-th Figure in the file is the n-th one begun. Output to
 *   standard output cannot be read back and gets no update.
 * - a link is a structure element (Link) holding its annotation: a CD_ITEM_LINK that comes inside
 *   a Link element (between its TAG_BEGIN and TAG_END) opens it with the link's area; a
 *   CD_ITEM_LINK anywhere else becomes a Link element of its own.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>

#include "cairo-draw.h"
#include "out-opts.h"

enum open_kind { OPEN_SKIPPED, OPEN_STRUCT, OPEN_LINK_PENDING, OPEN_LINK };

typedef struct {
	enum open_kind kind;
	const char *role; /* a static string from `roles` */
} open_tag;

typedef struct {
	cd_output *out;
	char *path;
	FILE *fp;
	int write_errno;
	int discard;       /* being destroyed: output goes nowhere */
	cairo_surface_t *surf;
	cairo_t *cr;
	cd_draw *draw;
	GArray *open;      /* open_tag: the structure elements open now */
	int artifact;      /* depth of open Artifact elements */
	int n_struct;      /* elements in `open` passed on to Cairo */
	GPtrArray *held;   /* const cd_item *: an artifact kept back while an element is open */
	int holding;       /* depth of tags inside the artifact being kept back */
	GPtrArray *alts;   /* char *: the alt text of each Figure begun, in order (NULL for none) */
	char *lang;        /* the document language */
	int tagged;        /* some structure element was passed on */
	int releasing;     /* drawing what was kept back */
} cairo_writer;

static int replay_item(cairo_writer *w, const cd_item *it);

/* Items of an artifact that came while an element was open: kept until none is (the items
 * stay valid until end_page). Returns 1 when `it` was kept. */
static int hold(cairo_writer *w, const cd_item *it)
{
	if (!w->holding)
		return 0;
	g_ptr_array_add(w->held, (gpointer)it);
	if (it->kind == CD_ITEM_TAG_BEGIN)
		w->holding++;
	else if (it->kind == CD_ITEM_TAG_END)
		w->holding--;
	return 1;
}

static int release(cairo_writer *w)
{
	int rc = 0;
	GPtrArray *h = w->held;
	w->held = g_ptr_array_new();
	w->releasing = 1;
	for (guint i = 0; i < h->len && rc == 0; i++)
		rc = replay_item(w, h->pdata[i]);
	w->releasing = 0;
	g_ptr_array_free(h, TRUE);
	return rc;
}

/* The standard structure types of PDF 1.7 (§14.8.4) that Cairo 1.16 knows, each tried with
 * qpdf --check ("Document" and "Artifact" are handled apart, see above). */
static const char *const roles[] = {
	"Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
	"Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody", "Table",
	"TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry",
	"Code", "Link", "Figure", "Formula", "Form", NULL
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	cairo_writer *w = closure;
	if (w->discard)
		return CAIRO_STATUS_SUCCESS;
	if (fwrite(data, 1, len, w->fp) != len) {
		w->write_errno = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static int check(cairo_writer *w)
{
	cairo_status_t st = w->cr ? cairo_status(w->cr) : CAIRO_STATUS_SUCCESS;
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(w->surf);
	if (st == CAIRO_STATUS_WRITE_ERROR && w->write_errno)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(w->write_errno));
	return cd_draw_status(st, w->path);
}

/* Cairo attribute strings quote values in single quotes, escaping ' and \ with \. */
static void append_quoted(GString *s, const char *key, const char *val)
{
	g_string_append_printf(s, " %s='", key);
	for (const char *p = val; *p; p++) {
		if (*p == '\'' || *p == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *p);
	}
	g_string_append_c(s, '\'');
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t m, const char *v)
{
	if (v && *v)
		cairo_pdf_surface_set_metadata(s, m, v);
}

static int cairo_begin_document(void **state, cd_output *out, const char *path,
                                const cd_doc_info *info, const char *opts)
{
	cd_wopt *o;
	size_t no;
	int rc = cd_wopts_parse("cairo", opts, NULL, &o, &no);
	if (rc)
		return rc;
	cd_wopts_free(o, no);

	cairo_writer *w = g_new0(cairo_writer, 1);
	*state = w;
	w->out = out;
	w->path = g_strdup(path);
	w->open = g_array_new(FALSE, FALSE, sizeof(open_tag));
	w->held = g_ptr_array_new();
	w->alts = g_ptr_array_new_with_free_func(g_free);
	w->lang = info && info->lang && *info->lang ? g_strdup(info->lang) : NULL;
	w->draw = cd_draw_new();
	w->fp = cd_output_open(out, path);
	if (!w->fp)
		return -CD_EXIT_NOWRITE;
	/* The page size is set again by every begin_page. */
	w->surf = cairo_pdf_surface_create_for_stream(write_cb, w, 595.0, 842.0);
	w->cr = cairo_create(w->surf);
	if (info) {
		set_meta(w->surf, CAIRO_PDF_METADATA_TITLE, info->title);
		set_meta(w->surf, CAIRO_PDF_METADATA_AUTHOR, info->author);
		set_meta(w->surf, CAIRO_PDF_METADATA_SUBJECT, info->subject);
		set_meta(w->surf, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
		set_meta(w->surf, CAIRO_PDF_METADATA_CREATOR, info->creator);
		set_meta(w->surf, CAIRO_PDF_METADATA_CREATE_DATE, info->date);
		int *ids = g_new0(int, info->n_outline + 1);
		for (size_t i = 0; i < info->n_outline; i++) {
			const cd_outline *ol = &info->outline[i];
			if (ol->parent >= (int)i)
				CD_BUG("outline entry %zu has a later parent %d", i, ol->parent);
			GString *a = g_string_new(NULL);
			append_quoted(a, "dest", ol->dest ? ol->dest : "");
			ids[i] = cairo_pdf_surface_add_outline(w->surf,
			        ol->parent < 0 ? CAIRO_PDF_OUTLINE_ROOT : ids[ol->parent], ol->title,
			        a->str + 1, ol->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
			g_string_free(a, TRUE);
		}
		g_free(ids);
	}
	return check(w);
}

static int cairo_begin_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	cairo_pdf_surface_set_size(w->surf, pg->width, pg->height);
	if (pg->label && *pg->label)
		cairo_pdf_surface_set_page_label(w->surf, pg->label);
	return check(w);
}

static int cairo_glyphs(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_glyphs(w->cr, it);
	return 0;
}

static int cairo_rect(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_rect(w->cr, it);
	return 0;
}

static int cairo_line(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	cd_draw_line(w->cr, it);
	return 0;
}

static int cairo_image(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	return cd_draw_image(w->draw, w->cr, it);
}

static int cairo_link(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	GString *a = g_string_new(NULL);
	g_string_append_printf(a, "rect=[%.3f %.3f %.3f %.3f]", it->u.link.x, it->u.link.y,
	                       it->u.link.w, it->u.link.h);
	if (it->u.link.uri)
		append_quoted(a, "uri", it->u.link.uri);
	else if (it->u.link.dest)
		append_quoted(a, "dest", it->u.link.dest);
	else
		CD_BUG("a link with neither uri nor dest");
	open_tag *top = w->open->len ? &g_array_index(w->open, open_tag, w->open->len - 1) : NULL;
	cairo_tag_begin(w->cr, CAIRO_TAG_LINK, a->str);
	w->tagged = 1; /* a Link element either way */
	if (top && top->kind == OPEN_LINK_PENDING) {
		top->kind = OPEN_LINK;
		w->n_struct++;
	} else
		cairo_tag_end(w->cr, CAIRO_TAG_LINK);
	g_string_free(a, TRUE);
	return check(w);
}

static int cairo_dest(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	GString *a = g_string_new(NULL);
	append_quoted(a, "name", it->u.dest.name);
	g_string_append_printf(a, " x=%.3f y=%.3f", it->u.dest.x, it->u.dest.y);
	cairo_tag_begin(w->cr, CAIRO_TAG_DEST, a->str + 1);
	cairo_tag_end(w->cr, CAIRO_TAG_DEST);
	g_string_free(a, TRUE);
	return check(w);
}

static int cairo_tag_begin_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	const char *role = it->u.tag.role;
	open_tag t = { OPEN_SKIPPED, NULL };
	if (strcmp(role, "Artifact") == 0 && w->n_struct > 0 && !w->artifact && !w->releasing) {
		w->holding = 1;
		g_ptr_array_add(w->held, (gpointer)it);
		return 0;
	} else if (strcmp(role, "Artifact") == 0) {
		w->artifact++;
		t.role = "Artifact";
	} else if (w->artifact || strcmp(role, "Document") == 0) {
		/* inside an artifact, or the document itself: see the top of this file */
	} else {
		size_t i;
		for (i = 0; roles[i]; i++)
			if (strcmp(roles[i], role) == 0)
				break;
		if (!roles[i])
			return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': unknown structure role '%s'", role);
		t.role = roles[i];
		if (strcmp(role, "Link") == 0) {
			t.kind = OPEN_LINK_PENDING;
		} else {
			t.kind = OPEN_STRUCT;
			w->n_struct++;
			w->tagged = 1;
			if (strcmp(role, "Figure") == 0)
				g_ptr_array_add(w->alts, g_strdup(it->u.tag.alt));
			cairo_tag_begin(w->cr, t.role, "");
		}
	}
	g_array_append_val(w->open, t);
	return check(w);
}

static int cairo_tag_end_hook(void *state, const cd_item *it)
{
	cairo_writer *w = state;
	if (hold(w, it))
		return 0;
	(void)it;
	if (!w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': a structure element ends that never began");
	open_tag t = g_array_index(w->open, open_tag, w->open->len - 1);
	g_array_set_size(w->open, w->open->len - 1);
	if (t.kind == OPEN_STRUCT || t.kind == OPEN_LINK) {
		cairo_tag_end(w->cr, t.kind == OPEN_LINK ? CAIRO_TAG_LINK : t.role);
		w->n_struct--;
	} else if (t.role && strcmp(t.role, "Artifact") == 0) {
		w->artifact--;
	}
	int rc = check(w);
	if (!rc && w->n_struct == 0 && w->held->len && !w->holding)
		rc = release(w);
	return rc;
}

static int replay_item(cairo_writer *w, const cd_item *it)
{
	switch (it->kind) {
	case CD_ITEM_GLYPHS: return cairo_glyphs(w, it);
	case CD_ITEM_RECT: return cairo_rect(w, it);
	case CD_ITEM_LINE: return cairo_line(w, it);
	case CD_ITEM_IMAGE: return cairo_image(w, it);
	case CD_ITEM_LINK: return cairo_link(w, it);
	case CD_ITEM_DEST: return cairo_dest(w, it);
	case CD_ITEM_TAG_BEGIN: return cairo_tag_begin_hook(w, it);
	case CD_ITEM_TAG_END: return cairo_tag_end_hook(w, it);
	}
	return 0;
}

static int cairo_end_page(void *state, const cd_page *pg)
{
	cairo_writer *w = state;
	(void)pg;
	if (w->holding)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': an artifact does not end on its page");
	/* an element stayed open to the end of the page: the artifact goes inside it */
	int rc = w->held->len ? release(w) : 0;
	if (rc)
		return rc;
	cairo_show_page(w->cr);
	return check(w);
}

/* A PDF text string: UTF-16BE with a byte order mark, in hex. */
static void append_text_string(GString *s, const char *utf8)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	g_string_append(s, "<FEFF");
	for (glong i = 0; u && i < n; i++)
		g_string_append_printf(s, "%04X", u[i]);
	g_string_append_c(s, '>');
	g_free(u);
}

/* memmem and its reverse (the file holds binary streams: no str* functions over it). */
static const char *mem_find(const char *h, size_t hl, const char *n)
{
	size_t nl = strlen(n);
	for (size_t i = 0; i + nl <= hl; i++)
		if (h[i] == n[0] && memcmp(h + i, n, nl) == 0)
			return h + i;
	return NULL;
}

static const char *mem_rfind(const char *h, size_t hl, const char *n)
{
	size_t nl = strlen(n);
	for (size_t i = hl >= nl ? hl - nl + 1 : 0; i-- > 0; )
		if (h[i] == n[0] && memcmp(h + i, n, nl) == 0)
			return h + i;
	return NULL;
}

/* The objects the update writes: number -> dictionary text without its closing ">>". */
typedef struct {
	const char *pdf;
	size_t size;
	long *offset;     /* of each object, from the cross-reference table; 0 when free */
	long n_offset;
	GHashTable *body; /* long* -> GString* */
	GArray *order;    /* long: the numbers, in the order first patched */
} patch;

/* Reads Cairo's cross-reference table (one or more subsections, "start count" then 20-byte
 * entries) so that each object is found at once, whatever the size of the document. */
static void read_xref(patch *pt, const char *xref, long nsize)
{
	pt->n_offset = nsize;
	pt->offset = g_new0(long, nsize);
	const char *p = xref + strlen("xref\n");
	const char *end = pt->pdf + pt->size;
	long start, count;
	int used;
	while (p < end && sscanf(p, "%ld %ld\n%n", &start, &count, &used) == 2) {
		p += used;
		for (long i = 0; i < count && p + 20 <= end; i++, p += 20)
			if (start + i >= 0 && start + i < nsize && p[17] == 'n')
				pt->offset[start + i] = strtol(p, NULL, 10);
	}
}

/* The dictionary of object n ("<< ... " up to, not including, the last "\n>>"), from the
 * update when already patched, else from the file; NULL when it cannot be found. */
static GString *body_of(patch *pt, long n)
{
	GString *b = g_hash_table_lookup(pt->body, &n);
	if (b)
		return b;
	if (n <= 0 || n >= pt->n_offset || !pt->offset[n])
		return NULL;
	char head[32];
	int hl = snprintf(head, sizeof head, "%ld 0 obj\n", n);
	const char *o = pt->pdf + pt->offset[n];
	if ((size_t)pt->offset[n] + hl >= pt->size || strncmp(o, head, hl) != 0)
		return NULL;
	o += hl;
	const char *e = strstr(o, "\n>>\nendobj");
	if (!e || strncmp(o, "<<", 2) != 0)
		return NULL;
	b = g_string_new_len(o, e - o);
	g_hash_table_insert(pt->body, g_memdup2(&n, sizeof n), b);
	g_array_append_val(pt->order, n);
	return b;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

/* The incremental update described at the top of this file. Returns 0, or a negative code. */
static int add_tagging(cairo_writer *w)
{
	if (!w->tagged || strcmp(w->path, "-") == 0)
		return 0;
	if (fflush(w->fp) != 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(errno));
	int fd = fileno(w->fp);
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(errno));
	char *pdf = g_malloc((size_t)size + 1);
	if (pread(fd, pdf, (size_t)size, 0) != (ssize_t)size) {
		g_free(pdf);
		return cd_fail(-CD_EXIT_NOWRITE, "cannot read back '%s': %s", w->path, strerror(errno));
	}
	pdf[size] = '\0';
	long prev = -1, nsize = -1, root = -1, info = -1;
	const char *tr = mem_rfind(pdf, size, "\ntrailer\n");
	const char *sx = mem_rfind(pdf, size, "\nstartxref\n");
	if (!tr || !sx || sscanf(sx, "\nstartxref\n%ld", &prev) != 1)
		CD_BUG("no trailer in Cairo's output");
	const char *q;
	if ((q = strstr(tr, "/Size ")))
		nsize = strtol(q + 6, NULL, 10);
	if ((q = strstr(tr, "/Root ")))
		root = strtol(q + 6, NULL, 10);
	if ((q = strstr(tr, "/Info ")))
		info = strtol(q + 6, NULL, 10);
	const char *xr = mem_rfind(pdf, size, "\nxref\n");
	if (!xr || nsize <= 0)
		CD_BUG("no cross-reference table in Cairo's output");
	patch pt = { pdf, (size_t)size, NULL, 0, g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL),
	             g_array_new(FALSE, FALSE, sizeof(long)) };
	read_xref(&pt, xr + 1, nsize);
	GString *cat = root > 0 ? body_of(&pt, root) : NULL;
	if (nsize <= 0 || !cat || !strstr(cat->str, "/Type /Catalog"))
		CD_BUG("cannot find the catalog in Cairo's output");
	long sroot = (q = strstr(cat->str, "/StructTreeRoot ")) ? strtol(q + 16, NULL, 10) : -1;
	g_string_append(cat, "\n   /MarkInfo << /Marked true >>\n   /ViewerPreferences << /DisplayDocTitle true >>");
	if (w->lang) {
		g_string_append(cat, "\n   /Lang ");
		append_text_string(cat, w->lang);
	}

	/* the structure tree root gets one kid, Document, which gets the root's kids */
	long doc = nsize++;
	GString *sr = sroot > 0 ? body_of(&pt, sroot) : NULL;
	char *k = sr ? strstr(sr->str, "\n   /K [") : NULL;
	char *k_end = k ? strchr(k, ']') : NULL;
	if (!k_end)
		CD_BUG("cannot find the structure tree root in Cairo's output");
	char *kids = g_strndup(k + 9, k_end - (k + 9));
	char *rest = g_strdup(k_end + 1);
	g_string_truncate(sr, k - sr->str);
	g_string_append_printf(sr, "\n   /K [ %ld 0 R ]%s", doc, rest);
	g_free(rest);
	GString *d = g_string_new(NULL);
	g_string_append_printf(d, "<< /Type /StructElem\n   /S /Document\n   /P %ld 0 R\n   /K [%s]", sroot, kids);
	if (w->lang) {
		g_string_append(d, "\n   /Lang ");
		append_text_string(d, w->lang);
	}
	g_hash_table_insert(pt.body, g_memdup2(&doc, sizeof doc), d);
	g_array_append_val(pt.order, doc);
	char parent[40];
	snprintf(parent, sizeof parent, "\n   /P %ld 0 R\n", sroot);
	for (char *kp = kids; *kp; ) {
		char *end;
		long n = strtol(kp, &end, 10);
		if (end == kp)
			break;
		kp = strchr(end, 'R');
		kp = kp ? kp + 1 : end;
		GString *kb = body_of(&pt, n);
		char *pp = kb ? strstr(kb->str, parent) : NULL;
		if (!pp)
			CD_BUG("structure element %ld has no parent in Cairo's output", n);
		size_t at = pp - kb->str;
		g_string_erase(kb, at, strlen(parent));
		char np[40];
		snprintf(np, sizeof np, "\n   /P %ld 0 R\n", doc);
		g_string_insert(kb, at, np);
	}
	g_free(kids);

	/* each Figure element, in file order, gets the alt text of the Figure begun in that place */
	static const char figure[] = "<< /Type /StructElem\n   /S /Figure\n";
	const char *fig = pdf;
	for (guint i = 0; i < w->alts->len; i++) {
		fig = mem_find(fig, size - (fig - pdf), figure);
		if (!fig)
			break;
		const char *hl = fig - 1; /* "N 0 obj" is the line before */
		while (hl > pdf && hl[-1] != '\n')
			hl--;
		long n = strtol(hl, NULL, 10);
		const char *alt = w->alts->pdata[i];
		GString *fb = n > 0 && alt && *alt ? body_of(&pt, n) : NULL;
		if (fb) {
			g_string_append(fb, "\n   /Alt ");
			append_text_string(fb, alt);
		}
		fig += sizeof figure - 1;
	}

	/* the objects, a cross-reference section for them, and the trailer */
	GString *up = g_string_new(NULL);
	GArray *nums = g_array_copy(pt.order);
	g_array_sort(nums, cmp_long);
	long *offs = g_new(long, nums->len);
	for (guint i = 0; i < nums->len; i++) {
		long n = g_array_index(nums, long, i);
		offs[i] = (long)size + (long)up->len;
		g_string_append_printf(up, "%ld 0 obj\n%s\n>>\nendobj\n",
		                       n, ((GString *)g_hash_table_lookup(pt.body, &n))->str);
	}
	long xref = (long)size + (long)up->len;
	g_string_append(up, "xref\n");
	for (guint i = 0; i < nums->len; i++)
		g_string_append_printf(up, "%ld 1\n%010ld 00000 n \n", g_array_index(nums, long, i), offs[i]);
	g_string_append_printf(up, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", nsize, root);
	if (info > 0)
		g_string_append_printf(up, "   /Info %ld 0 R\n", info);
	g_string_append_printf(up, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref);
	int rc = 0;
	if (fwrite(up->str, 1, up->len, w->fp) != up->len)
		rc = cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': %s", w->path, strerror(errno));
	for (guint i = 0; i < pt.order->len; i++)
		g_string_free(g_hash_table_lookup(pt.body, &g_array_index(pt.order, long, i)), TRUE);
	g_hash_table_destroy(pt.body);
	g_array_free(pt.order, TRUE);
	g_free(pt.offset);
	g_array_free(nums, TRUE);
	g_free(offs);
	g_string_free(up, TRUE);
	g_free(pdf);
	return rc;
}

static int cairo_end_document(void *state)
{
	cairo_writer *w = state;
	if (w->open->len)
		return cd_fail(-CD_EXIT_INTERNAL, "writer 'cairo': %u structure elements never end",
		               w->open->len);
	int rc = check(w);
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_finish(w->surf);
	if (!rc)
		rc = check(w);
	if (!rc)
		rc = add_tagging(w);
	return rc;
}

static void cairo_destroy_hook(void *state)
{
	cairo_writer *w = state;
	if (!w)
		return;
	if (w->cr)
		cairo_destroy(w->cr);
	if (w->surf) {
		/* Destroying finishes the surface, which writes the rest of the file: after an error
		 * that goes nowhere (the caller removes the file; the FILE may be closed already, and
		 * Cairo 1.16 crashes if the stream fails while it finishes). */
		w->discard = 1;
		cairo_surface_destroy(w->surf);
	}
	cd_draw_free(w->draw);
	g_array_free(w->open, TRUE);
	g_ptr_array_free(w->held, TRUE);
	g_ptr_array_free(w->alts, TRUE);
	g_free(w->lang);
	g_free(w->path);
	g_free(w);
}

const cd_writer_ops cd_writer_cairo = {
	.name = "cairo",
	.help = "PDF with embedded subset fonts, tagged structure, links, outline, metadata, page labels (default)",
	.begin_document = cairo_begin_document,
	.begin_page = cairo_begin_page,
	.glyphs = cairo_glyphs,
	.rect = cairo_rect,
	.line = cairo_line,
	.image = cairo_image,
	.link = cairo_link,
	.dest = cairo_dest,
	.tag_begin = cairo_tag_begin_hook,
	.tag_end = cairo_tag_end_hook,
	.end_page = cairo_end_page,
	.end_document = cairo_end_document,
	.destroy = cairo_destroy_hook,
};
