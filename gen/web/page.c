/* web/page.c - pages: a page is an XML document of what it shows (<page name="cases" ...>), turned into
 * HTML by templates/web/NAME.xsl, like the documents are turned into FO. Every visible word comes
 * from templates/l10n/en.xml (the <web> section); every value is escaped by libxslt's HTML
 * output, never printed by hand. Also the engines: what reading a case takes, one per thread at a
 * time. */
#include <string.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <microhttpd.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "transform/transform.h"
#include "web/web.h"

/* ---- the page document ---- */

xmlDocPtr web_page_new(const web_req *r, const char *name)
{
	xmlDocPtr d = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(d, NULL, BAD_CAST "page", NULL);
	xmlDocSetRootElement(d, root);
	web_set(root, "name", name);
	web_set(root, "path", r->path);
	if (r->session_ok) {
		web_set(root, "csrf", r->sess.csrf);
		if (r->sess.user[0]) {
			web_set(root, "user", r->sess.user);
			web_set(root, "role", web_role_name(r->sess.role));
		}
	}
	return d;
}

xmlNodePtr web_add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (text)
		xmlNodeAddContent(n, BAD_CAST text);   /* escaped when serialised */
	return n;
}

xmlNodePtr web_addf(xmlNodePtr parent, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	xmlNodePtr n = web_add(parent, name, s);
	g_free(s);
	return n;
}

void web_set(xmlNodePtr n, const char *attr, const char *value)
{
	if (value)
		xmlSetProp(n, BAD_CAST attr, BAD_CAST value);
}

/* ---- the page stylesheets ---- */

struct web_styles {
	GMutex lock;
	GHashTable *sheets;        /* name -> xsltStylesheetPtr, compiled on first use */
	cd_transform *safe;        /* registers the safe document loader for libxslt */
	xsltSecurityPrefsPtr sec;
};

static void free_sheet(gpointer p)
{
	xsltFreeStylesheet(p);
}

web_styles *web_styles_new(void)
{
	web_styles *s = g_new0(web_styles, 1);
	g_mutex_init(&s->lock);
	s->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_sheet);
	s->safe = cd_transform_new(NULL, NULL);
	s->sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	xsltSetSecurityPrefs(s->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	return s;
}

void web_styles_free(web_styles *s)
{
	if (!s)
		return;
	g_hash_table_destroy(s->sheets);
	cd_transform_free(s->safe);
	xsltFreeSecurityPrefs(s->sec);
	g_mutex_clear(&s->lock);
	g_free(s);
}

static xsltStylesheetPtr sheet(web_styles *s, const char *name)
{
	g_mutex_lock(&s->lock);
	xsltStylesheetPtr x = g_hash_table_lookup(s->sheets, name);
	if (!x) {
		char *rel = g_strdup_printf("templates/web/%s.xsl", name);
		char *path = cd_datapath(rel);
		g_free(rel);
		xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
		if (d) {
			x = xsltParseStylesheetDoc(d);
			if (!x)
				xmlFreeDoc(d);
		}
		if (x)
			g_hash_table_insert(s->sheets, g_strdup(name), x);
		else
			cd_fail(-CD_EXIT_INVALID, "serve: the page stylesheet '%s' does not compile", path);
		g_free(path);
	}
	g_mutex_unlock(&s->lock);
	return x;
}

void web_page_render(web_req *r, xmlDocPtr doc, int status)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *name = xmlGetProp(root, BAD_CAST "name");
	xsltStylesheetPtr x = sheet(r->app->styles, (const char *)name);
	xmlFree(name);
	xmlDocPtr out = NULL;
	if (x) {
		xsltTransformContextPtr ctxt = xsltNewTransformContext(x, doc);
		if (ctxt) {
			xsltSetCtxtSecurityPrefs(r->app->styles->sec, ctxt);
			out = xsltApplyStylesheetUser(x, doc, NULL, NULL, NULL, ctxt);
			if (out && ctxt->state != XSLT_STATE_OK) {
				xmlFreeDoc(out);
				out = NULL;
			}
			xsltFreeTransformContext(ctxt);
		}
	}
	xmlFreeDoc(doc);
	xmlChar *html = NULL;
	int len = 0;
	if (!out || xsltSaveResultToString(&html, &len, out, x) < 0 || !html) {
		xmlFreeDoc(out);
		web_respond_bytes(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
		                  g_strdup("internal error: a page could not be made\n"), 41);
		return;
	}
	xmlFreeDoc(out);
	char *copy = g_strndup((const char *)html, (gsize)len);
	xmlFree(html);
	web_respond_html(r, status, copy, (size_t)len);
}

/* ---- engines ---- */

struct web_engines {
	GMutex lock;
	GCond free_cond;
	GPtrArray *all;
	GPtrArray *idle;
};

web_engines *web_engines_new(int n, const char *closures, int *rc)
{
	web_engines *e = g_new0(web_engines, 1);
	g_mutex_init(&e->lock);
	g_cond_init(&e->free_cond);
	e->all = g_ptr_array_new();
	e->idle = g_ptr_array_new();
	for (int i = 0; i < n; i++) {
		web_engine *g = g_new0(web_engine, 1);
		g->schema = cd_schema_load(rc);
		g->cal = g->schema ? cd_calendar_open(closures, rc) : NULL;
		g_ptr_array_add(e->all, g);
		g_ptr_array_add(e->idle, g);
		if (!g->schema || !g->cal) {
			web_engines_free(e);
			return NULL;
		}
	}
	return e;
}

void web_engines_free(web_engines *e)
{
	if (!e)
		return;
	for (guint i = 0; i < e->all->len; i++) {
		web_engine *g = e->all->pdata[i];
		if (g->schema)
			cd_schema_free(g->schema);
		cd_calendar_free(g->cal);
		g_free(g);
	}
	g_ptr_array_free(e->all, TRUE);
	g_ptr_array_free(e->idle, TRUE);
	g_cond_clear(&e->free_cond);
	g_mutex_clear(&e->lock);
	g_free(e);
}

web_engine *web_engine_take(web_engines *e)
{
	g_mutex_lock(&e->lock);
	while (e->idle->len == 0)
		g_cond_wait(&e->free_cond, &e->lock);
	web_engine *g = g_ptr_array_remove_index_fast(e->idle, e->idle->len - 1);
	g_mutex_unlock(&e->lock);
	return g;
}

void web_engine_give(web_engines *e, web_engine *g)
{
	g_mutex_lock(&e->lock);
	g_ptr_array_add(e->idle, g);
	g_cond_signal(&e->free_cond);
	g_mutex_unlock(&e->lock);
}
