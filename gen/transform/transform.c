/* transform/transform.c - compiled stylesheets applied with libxslt under strict security settings. */
#include "transform/transform.h"
#include "base/cindoc.h"
#include "transform/phrases.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/parserInternals.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

/* A compiled style, and the documents its transforms read with document() (the language sets):
 * parsed, and stripped of white space by the style's rules, the first time a transform reads
 * them, then lent to every later transform of the style instead of being parsed again. */
struct sheet {
	xsltStylesheetPtr style;
	GPtrArray *docs; /* xmlDocPtr, owned here */
	cd_phrases *phrases; /* the tables of the language sets among them (phrases.h) */
};

struct cd_transform {
	GHashTable *sheets;   /* style name -> struct sheet */
	cd_transform_hook hook;
	void *data;
	xsltSecurityPrefsPtr sec;
};

/* Options for every document libxslt loads on our behalf: no network, no entity substitution,
 * no DTD loading (libxslt's own default asks for both). */
#define CD_XSLT_PARSE (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING)

/* ------------------------------------------------------------------ what a stylesheet may read */

/* A stylesheet (ours or a house style) may read the project's own files, templates/ and styles/
 * (the l10n sets live in templates/l10n/), and the case it is applied to; nothing else. Without
 * this a house style could pull any local XML (another family's case) into a document through
 * document() or an import, or a parse error could quote a line of any local file. The URI is
 * libxslt's, resolved against the stylesheet: a path or a file: URI. Returns 1 when allowed. */
static int in_folder(const char *real, const char *folder)
{
	char *dir = cd_datapath(folder);
	char *rdir = realpath(dir, NULL);
	size_t n = rdir ? strlen(rdir) : 0;
	int in = rdir && strncmp(real, rdir, n) == 0 && real[n] == '/';
	free(rdir);
	g_free(dir);
	return in;
}

static int may_read(const char *uri, xmlDocPtr input)
{
	if (!uri)
		return 0;
	char *path = NULL;
	if (g_str_has_prefix(uri, "file://"))
		path = xmlURIUnescapeString(uri + 7, 0, NULL);
	else if (strstr(uri, "://") || g_str_has_prefix(uri, "file:"))
		return 0; /* another scheme: never */
	else
		path = (char *)xmlStrdup((const xmlChar *)uri);
	if (!path)
		return 0;
	char *real = realpath(path, NULL);
	xmlFree(path);
	if (!real)
		return 1; /* nothing there: the load fails on its own, and says so */
	int ok = in_folder(real, "templates") || in_folder(real, "styles");
	if (!ok && input && input->URL) {
		char *case_real = realpath((const char *)input->URL, NULL);
		ok = case_real && strcmp(case_real, real) == 0;
		free(case_real);
	}
	free(real);
	return ok;
}

/* The input document of a transform, when there is one. */
static xmlDocPtr input_of(xsltTransformContextPtr ctxt)
{
	return ctxt && ctxt->document ? ctxt->document->doc : NULL;
}

static void refuse_read(const char *uri)
{
	cd_error_at(uri, 0, "a stylesheet may read only templates/, styles/ and the case itself: refused");
}

/* libxslt's read check (XSLT_SECPREF_READ_FILE), for document() at transform time. */
static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	if (may_read(value, input_of(ctxt)))
		return 1;
	refuse_read(value);
	if (ctxt)
		ctxt->state = XSLT_STATE_STOPPED; /* an error, not a document left out */
	return 0;
}

static int declares_entities(xmlDocPtr doc)
{
	return doc->intSubset && doc->intSubset->entities &&
	       xmlHashSize((xmlHashTablePtr)doc->intSubset->entities) > 0;
}

/* The loader for stylesheets, imports, includes and document(): libxslt's default with safe
 * options. It keeps the dictionary sharing libxslt needs. Library-wide by libxslt's design;
 * holds no state of its own. */
static xmlDocPtr safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
			     xsltLoadType type)
{
	(void)options;
	/* Imports and includes (compile time), and documents (transform time): only our folders
	 * and the case. The top stylesheet is styles/NAME.xsl, named by us. */
	if (type != XSLT_LOAD_START) {
		xmlDocPtr input = type == XSLT_LOAD_DOCUMENT ? input_of(ctxt) : NULL;
		if (!may_read((const char *)uri, input)) {
			refuse_read((const char *)uri);
			if (type == XSLT_LOAD_DOCUMENT && ctxt)
				((xsltTransformContextPtr)ctxt)->state = XSLT_STATE_STOPPED;
			return NULL;
		}
	}
	xmlParserCtxtPtr p = xmlNewParserCtxt();
	if (!p)
		return NULL;
	if (dict) {
		if (p->dict)
			xmlDictFree(p->dict);
		p->dict = dict;
		xmlDictReference(dict);
	}
	xmlDocPtr doc = xmlCtxtReadFile(p, (const char *)uri, NULL, CD_XSLT_PARSE);
	xmlFreeParserCtxt(p);
	if (doc && declares_entities(doc)) {
		cd_error_at((const char *)uri, 0, "a DOCTYPE that declares entities is not accepted");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static void free_sheet(gpointer p)
{
	struct sheet *sh = p;
	cd_phrases_free(sh->phrases);
	g_ptr_array_free(sh->docs, TRUE);
	xsltFreeStylesheet(sh->style);
	g_free(sh);
}

cd_transform *cd_transform_new(cd_transform_hook hook, void *data)
{
	/* Library-wide registrations, idempotent. */
	exsltRegisterAll();
	xsltSetLoaderFunc(safe_loader);

	cd_transform *t = g_new0(cd_transform, 1);
	t->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_sheet);
	t->hook = hook;
	t->data = data;
	t->sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(t->sec, XSLT_SECPREF_READ_FILE, check_read);
	return t;
}

void cd_transform_free(cd_transform *t)
{
	if (!t)
		return;
	g_hash_table_destroy(t->sheets);
	xsltFreeSecurityPrefs(t->sec);
	g_free(t);
}

static int plain_name(const char *s)
{
	if (!s || !*s || strlen(s) > 64)
		return 0;
	for (const char *c = s; *c; c++)
		if (!g_ascii_isalnum(*c) && *c != '-')
			return 0;
	return 1;
}

static char *style_path(const char *style)
{
	char *rel = g_strdup_printf("styles/%s.xsl", style);
	char *p = cd_datapath(rel);
	g_free(rel);
	return p;
}

int cd_transform_style_exists(const char *style)
{
	if (!plain_name(style))
		return 0;
	char *p = style_path(style);
	int ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
	g_free(p);
	return ok;
}

/* Messages from a transform (xsl:message, runtime errors) are collected, then printed. */
struct msgs {
	GString *text;
};

static void collect(void *ctx, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void collect(void *ctx, const char *fmt, ...)
{
	struct msgs *m = ctx;
	va_list ap;
	va_start(ap, fmt);
	g_string_append_vprintf(m->text, fmt, ap);
	va_end(ap);
}

/* Prints collected messages: our own (from xsl:message, already "file: error: text") as they
 * are; libxslt's "runtime error: file F line N element E" + message pairs as
 * "F:N: error: message (xsl:E)", pointing at the stylesheet line. */
static void flush_msgs(struct msgs *m)
{
	char **lines = g_strsplit(m->text->str, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l || strcmp(*l, "xsl:message : terminating") == 0)
			continue;
		if (g_str_has_prefix(*l, "xsltLoadDocument: read rights for "))
			continue; /* said already, in our words (check_read) */
		char file[1024], elem[128];
		long line;
		const char *kind = NULL;
		if (sscanf(*l, "runtime error: file %1023s line %ld element %127s", file, &line, elem) == 3)
			kind = "error";
		else if (sscanf(*l, "compilation error: file %1023s line %ld element %127s", file, &line, elem) == 3)
			kind = "error";
		if (kind && l[1] && *l[1]) {
			l++;
			fprintf(stderr, "%s:%ld: %s: %s (xsl:%s)\n", file, line, kind, *l, elem);
			continue;
		}
		fprintf(stderr, "%s\n", *l);
	}
	g_strfreev(lines);
	g_string_truncate(m->text, 0);
}

static struct sheet *compile(cd_transform *t, const char *style)
{
	struct sheet *sh = g_hash_table_lookup(t->sheets, style);
	if (sh)
		return sh;
	xsltStylesheetPtr s = NULL;
	char *path = style_path(style);
	struct msgs m = { g_string_new(NULL) };
	xsltSetGenericErrorFunc(&m, collect);
	xmlSetGenericErrorFunc(&m, collect);
	xmlDocPtr doc = safe_loader((const xmlChar *)path, NULL, 0, NULL, XSLT_LOAD_START);
	if (doc)
		s = xsltParseStylesheetDoc(doc);
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	flush_msgs(&m);
	g_string_free(m.text, TRUE);
	if (!s || s->errors) {
		if (s)
			xsltFreeStylesheet(s);
		else if (doc)
			xmlFreeDoc(doc);
		cd_error_at(path, 0, "the stylesheet does not compile");
		g_free(path);
		return NULL;
	}
	g_free(path);
	sh = g_new0(struct sheet, 1);
	sh->style = s;
	sh->docs = g_ptr_array_new_with_free_func((GDestroyNotify)xmlFreeDoc);
	sh->phrases = cd_phrases_new();
	g_hash_table_insert(t->sheets, g_strdup(style), sh);
	return sh;
}

/* Lends the style's kept documents to a new transform: libxslt's document() finds a document in
 * the context's list by its URL before it loads one. Marked as main documents, which libxslt
 * never frees (only their keys, computed again by each transform). Returns 0, or negative. */
static int lend_docs(struct sheet *sh, xsltTransformContextPtr ctxt)
{
	for (guint i = 0; i < sh->docs->len; i++) {
		xsltDocumentPtr d = xsltNewDocument(ctxt, sh->docs->pdata[i]);
		if (!d)
			return cd_fail(-CD_EXIT_INTERNAL, "out of memory");
		d->main = 1;
	}
	return 0;
}

/* After a transform: keeps the documents it read from templates/ or styles/ for the next ones
 * (taken from libxslt, which would free them with the context). The case itself, when a style
 * reads it, is never kept. */
static void keep_docs(struct sheet *sh, xsltTransformContextPtr ctxt)
{
	for (xsltDocumentPtr d = ctxt->docList; d; d = d->next) {
		if (d->main || !d->doc || !d->doc->URL)
			continue;
		char *real = realpath((const char *)d->doc->URL, NULL);
		if (real && (in_folder(real, "templates") || in_folder(real, "styles"))) {
			d->main = 1;
			g_ptr_array_add(sh->docs, d->doc);
		}
		free(real);
	}
}

int cd_transform_apply(cd_transform *t, const char *style, xmlDocPtr in, const char *in_path,
		       const char *const *params, xmlDocPtr *out)
{
	*out = NULL;
	if (!cd_transform_style_exists(style))
		return cd_fail(-CD_EXIT_USAGE, "unknown style '%s' (see styles/)", style);
	struct sheet *sh = compile(t, style);
	if (!sh)
		return -CD_EXIT_INVALID;
	xsltStylesheetPtr s = sh->style;

	int rc = 0;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(s, in);
	if (!ctxt)
		return cd_fail(-CD_EXIT_INTERNAL, "cannot start a transform");
	struct msgs m = { g_string_new(NULL) };
	xsltSetTransformErrorFunc(ctxt, &m, collect);
	xsltSetCtxtSecurityPrefs(t->sec, ctxt);
	xsltSetCtxtParseOptions(ctxt, CD_XSLT_PARSE);
	/* The parameters are strings: given to libxslt as such (xsltQuoteUserParams), not as XPath
	 * literals that it would compile and evaluate, each, in every transform. Its table of
	 * globals is made here for them, as xsltApplyStylesheetUser would make it. */
	if (!ctxt->globalVars)
		ctxt->globalVars = xmlHashCreate(20);
	if (!ctxt->globalVars || (params && xsltQuoteUserParams(ctxt, (const char **)params) < 0))
		rc = cd_fail(-CD_EXIT_INTERNAL, "cannot set the parameters of a transform");
	if (rc < 0 || (rc = lend_docs(sh, ctxt)) < 0 || (rc = cd_phrases_register(ctxt, sh->phrases)) < 0 ||
	    (t->hook && (rc = t->hook(ctxt, t->data)) < 0)) {
		xsltFreeTransformContext(ctxt);
		flush_msgs(&m);
		g_string_free(m.text, TRUE);
		return rc;
	}
	/* The string value of a result tree fragment (a variable or parameter made by its content,
	 * as most of the styles' are) is made by libxml2 in a buffer of xmlDefaultBufferSize, 4 KiB,
	 * and kept at that size: a size that malloc serves slowly, many thousand times a document,
	 * for values of a few bytes. The buffers grow as they need to; the setting is this
	 * thread's, and put back at once. */
	int buffer_size = xmlDefaultBufferSize;
	xmlDefaultBufferSize = 64;
	xmlDocPtr res = xsltApplyStylesheetUser(s, in, NULL, NULL, NULL, ctxt);
	xmlDefaultBufferSize = buffer_size;
	int failed = !res || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED;
	keep_docs(sh, ctxt);
	cd_phrases_keep_only(sh->phrases, sh->docs);
	xsltFreeTransformContext(ctxt);
	flush_msgs(&m);
	g_string_free(m.text, TRUE);
	if (failed) {
		xmlFreeDoc(res);
		return cd_error_at(in_path, 0, "the '%s' style stopped with an error (above)", style);
	}
	*out = res;
	return 0;
}
