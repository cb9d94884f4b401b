/* web/ui-history.c - the saved versions of a case (GET /case/CASE/history): when each was saved and
 * by whom, from the store's history (`cindoc history` prints the same). */
#include <microhttpd.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "web/store.h"
#include "web/web.h"

void ui_history(web_req *r, const char *id)
{
	web_app *app = r->app;
	char *path = web_case_path(app, id);
	if (!path || !g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.no-case");
		return;
	}
	g_free(path);
	char *name = g_strconcat(id, ".xml", NULL);
	struct cd_store_version *v = NULL;
	int n = cd_store_history(app->store, name, &v);
	xmlDocPtr d = web_page_new(r, "history");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_set(root, "case", id);
	xmlDocPtr cs = NULL;
	if (web_case_load(app, id, &cs) == 0) {
		web_set(root, "ref", cd_case_attr(xmlDocGetRootElement(cs), "ref"));
		xmlFreeDoc(cs);
	}
	for (int i = n - 1; i >= 0; i--) {
		xmlNodePtr e = web_add(root, "version", NULL);
		char buf[32];
		g_snprintf(buf, sizeof buf, "%d", v[i].seq);
		web_set(e, "seq", buf);
		web_set(e, "saved", v[i].saved);
		web_set(e, "user", v[i].user);
		g_snprintf(buf, sizeof buf, "%zu", v[i].bytes);
		web_set(e, "bytes", buf);
		if (v[i].current)
			web_set(e, "current", "yes");
	}
	if (n < 0)
		web_set(web_add(root, "problem", NULL), "key", "web.history.unreadable");
	g_free(v);
	g_free(name);
	web_log(r, "history", id, "");
	web_page_render(r, d, MHD_HTTP_OK);
}
