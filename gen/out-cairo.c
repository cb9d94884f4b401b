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
 *   element with its /Alt: the n-th Figure of the tree, depth first, is the n-th one begun.
 *   Only the objects it needs (the catalog and the structure elements) are read back, through
 *   the cross-reference table, so memory stays flat. Output to standard output cannot be read back and gets no update.
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

/* The update reads back only what it changes, object by object, through the cross-reference
 * table: memory stays flat however long the document. */
typedef struct {
	int fd;
	long size;
	long entries;     /* offset of the first cross-reference entry (Cairo writes one "0 N") */
	long n_objects;
	GHashTable *body; /* long* -> GString*: number -> dictionary without its closing "\n>>" */
	GArray *order;    /* long: the numbers, in the order first read */
} patch;

/* Reads [off, off+len) into buf (NUL-terminated); the number of bytes read, or -1. */
static long read_at(const patch *pt, long off, char *buf, long len)
{
	if (off < 0 || off >= pt->size)
		return -1;
	if (len > pt->size - off)
		len = pt->size - off;
	ssize_t n = pread(pt->fd, buf, (size_t)len, off);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/* The dictionary of object n ("<< ..." up to, not including, its last "\n>>"): from the
 * update when already read, else from the file. NULL when it is not a plain dictionary. */
static GString *body_of(patch *pt, long n)
{
	GString *b = g_hash_table_lookup(pt->body, &n);
	if (b)
		return b;
	char entry[24];
	if (n <= 0 || n >= pt->n_objects || read_at(pt, pt->entries + 20 * n, entry, 20) != 20 || entry[17] != 'n')
		return NULL;
	long off = strtol(entry, NULL, 10);
	char head[32];
	int hl = snprintf(head, sizeof head, "%ld 0 obj\n<<", n);
	GString *buf = g_string_sized_new(512);
	const char *end = NULL;
	for (long want = 512; !end; want *= 2) {
		g_string_set_size(buf, want);
		long got = read_at(pt, off, buf->str, want);
		if (got < hl || strncmp(buf->str, head, hl) != 0) /* a stream or a bad offset */
			break;
		g_string_set_size(buf, got);
		end = strstr(buf->str, "\n>>\nendobj");
		if (!end && got < want)
			break;
	}
	if (!end) {
		g_string_free(buf, TRUE);
		return NULL;
	}
	b = g_string_new_len(buf->str + hl - 2, end - (buf->str + hl - 2));
	g_string_free(buf, TRUE);
	g_hash_table_insert(pt->body, g_memdup2(&n, sizeof n), b);
	g_array_append_val(pt->order, n);
	return b;
}

/* The /K entry of a dictionary: where its value starts and ends (an array "[...]", or one
 * value up to the end of the line, as Cairo writes a single kid); NULL when there is none. */
static const char *k_value(const char *body, const char **end)
{
	const char *k = strstr(body, "\n   /K ");
	if (!k)
		return NULL;
	k += strlen("\n   /K ");
	*end = *k == '[' ? strchr(k, ']') : strchr(k, '\n');
	if (!*end)
		*end = k + strlen(k);
	else if (*k == '[')
		(*end)++;
	return k;
}

/* The objects a /K value [arr, end) holds: "N 0 R" references, skipping the /Pg (page) and
 * /Obj (annotation) references of marked-content and object references. */
static GArray *refs_in(const char *arr, const char *end)
{
	GArray *refs = g_array_new(FALSE, FALSE, sizeof(long));
	for (const char *p = arr; p && p < end; ) {
		char *e;
		if (g_ascii_isdigit(*p) && (p == arr || p[-1] == ' ' || p[-1] == '[' || p[-1] == '\n')) {
			long n = strtol(p, &e, 10);
			if (strncmp(e, " 0 R", 4) == 0) {
				int skip = (p - arr >= 4 && strncmp(p - 4, "/Pg ", 4) == 0) ||
				           (p - arr >= 5 && strncmp(p - 5, "/Obj ", 5) == 0);
				if (!skip)
					g_array_append_val(refs, n);
				p = e + 4;
				continue;
			}
			p = e;
			continue;
		}
		p++;
	}
	return refs;
}

/* Gives each Figure under element n, depth first (document order), the next alt text. */
static void give_alts(patch *pt, long n, GPtrArray *alts, guint *next, int depth)
{
	GString *b = body_of(pt, n);
	if (!b || depth > 64 || *next >= alts->len ||
	    !(strstr(b->str, "/Type /StructElem") || (depth == 0 && strstr(b->str, "/Type /StructTreeRoot"))))
		return;
	if (strstr(b->str, "\n   /S /Figure\n")) {
		const char *alt = alts->pdata[(*next)++];
		if (alt && *alt) {
			g_string_append(b, "\n   /Alt ");
			append_text_string(b, alt);
		}
	}
	const char *kend, *k = k_value(b->str, &kend);
	if (!k)
		return;
	GArray *kids = refs_in(k, kend);
	for (guint i = 0; i < kids->len; i++)
		give_alts(pt, g_array_index(kids, long, i), alts, next, depth + 1);
	g_array_free(kids, TRUE);
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
	patch pt = { fileno(w->fp), 0, 0, 0, NULL, NULL };
	pt.size = (long)lseek(pt.fd, 0, SEEK_END);
	char tail[1024];
	long got = read_at(&pt, pt.size > 1023 ? pt.size - 1023 : 0, tail, 1023);
	if (got <= 0)
		return cd_fail(-CD_EXIT_NOWRITE, "cannot read back '%s': %s", w->path, strerror(errno));
	long prev = -1, nsize = -1, root = -1, info = -1, start = -1, count = -1;
	const char *tr = strstr(tail, "\ntrailer\n"), *sx = strstr(tail, "\nstartxref\n"), *q;
	if (!tr || !sx || sscanf(sx, "\nstartxref\n%ld", &prev) != 1)
		CD_BUG("no trailer in Cairo's output");
	if ((q = strstr(tr, "/Size ")))
		nsize = strtol(q + 6, NULL, 10);
	if ((q = strstr(tr, "/Root ")))
		root = strtol(q + 6, NULL, 10);
	if ((q = strstr(tr, "/Info ")))
		info = strtol(q + 6, NULL, 10);
	char xh[64];
	int used = 0;
	if (read_at(&pt, prev, xh, 40) < 10 || sscanf(xh, "xref\n%ld %ld\n%n", &start, &count, &used) != 2 ||
	    start != 0 || count != nsize || used == 0)
		CD_BUG("not the cross-reference table Cairo writes");
	pt.entries = prev + used;
	pt.n_objects = count;
	pt.body = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	pt.order = g_array_new(FALSE, FALSE, sizeof(long));

	GString *cat = body_of(&pt, root);
	if (!cat || !strstr(cat->str, "/Type /Catalog"))
		CD_BUG("cannot find the catalog in Cairo's output");
	long sroot = (q = strstr(cat->str, "/StructTreeRoot ")) ? strtol(q + 16, NULL, 10) : -1;
	g_string_append(cat, "\n   /MarkInfo << /Marked true >>\n   /ViewerPreferences << /DisplayDocTitle true >>");
	if (w->lang) {
		g_string_append(cat, "\n   /Lang ");
		append_text_string(cat, w->lang);
	}

	/* the figures' alt text first, while the tree is as Cairo wrote it */
	guint next = 0;
	give_alts(&pt, sroot, w->alts, &next, 0);

	/* the structure tree root gets one kid, Document, which gets the root's kids */
	long doc = nsize++;
	GString *sr = body_of(&pt, sroot);
	const char *k_end = NULL, *k = sr ? k_value(sr->str, &k_end) : NULL;
	if (!k)
		CD_BUG("cannot find the structure tree root in Cairo's output");
	GArray *kids = refs_in(k, k_end);
	char *rest = g_strdup(k_end);
	g_string_truncate(sr, k - sr->str);
	g_string_append_printf(sr, "[ %ld 0 R ]%s", doc, rest);
	g_free(rest);
	GString *d = g_string_new(NULL);
	g_string_append_printf(d, "<< /Type /StructElem\n   /S /Document\n   /P %ld 0 R\n   /K [", sroot);
	for (guint i = 0; i < kids->len; i++)
		g_string_append_printf(d, " %ld 0 R", g_array_index(kids, long, i));
	g_string_append(d, " ]");
	if (w->lang) {
		g_string_append(d, "\n   /Lang ");
		append_text_string(d, w->lang);
	}
	g_hash_table_insert(pt.body, g_memdup2(&doc, sizeof doc), d);
	g_array_append_val(pt.order, doc);
	char parent[40], np[40];
	snprintf(parent, sizeof parent, "\n   /P %ld 0 R\n", sroot);
	snprintf(np, sizeof np, "\n   /P %ld 0 R\n", doc);
	for (guint i = 0; i < kids->len; i++) {
		long n = g_array_index(kids, long, i);
		GString *kb = body_of(&pt, n);
		char *pp = kb ? strstr(kb->str, parent) : NULL;
		if (!pp)
			CD_BUG("structure element %ld has no parent in Cairo's output", n);
		size_t at = pp - kb->str;
		g_string_erase(kb, at, strlen(parent));
		g_string_insert(kb, at, np);
	}
	g_array_free(kids, TRUE);

	/* the changed objects (the others were only read), a cross-reference section, the trailer */
	GString *up = g_string_new(NULL);
	GArray *nums = g_array_new(FALSE, FALSE, sizeof(long));
	for (guint i = 0; i < pt.order->len; i++) {
		long n = g_array_index(pt.order, long, i);
		GString *b = g_hash_table_lookup(pt.body, &n);
		if (n == doc || n == root || n == sroot || strstr(b->str, np) || strstr(b->str, "\n   /Alt <"))
			g_array_append_val(nums, n);
	}
	g_array_sort(nums, cmp_long);
	long *offs = g_new(long, nums->len);
	for (guint i = 0; i < nums->len; i++) {
		long n = g_array_index(nums, long, i);
		offs[i] = pt.size + (long)up->len;
		g_string_append_printf(up, "%ld 0 obj\n%s\n>>\nendobj\n",
		                       n, ((GString *)g_hash_table_lookup(pt.body, &n))->str);
	}
	long xref = pt.size + (long)up->len;
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
	g_array_free(nums, TRUE);
	g_free(offs);
	g_string_free(up, TRUE);
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
	.ext = ".pdf",
	.caps = CD_WRITER_PDF,
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
