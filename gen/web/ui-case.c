/* web/ui-case.c - the case page (GET /case/ID): children, people by name and role, meetings, the plan
 * and what is due. The page gets the whole case; templates/web/case.xsl turns ids into names. */
#include <microhttpd.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "web/store.h"
#include "web/web.h"

void ui_case(web_req *r, const char *id)
{
	web_app *app = r->app;
	char *path = web_case_path(app, id);
	xmlDocPtr doc = NULL;
	if (!path || web_case_load(app, id, &doc) < 0) {
		g_free(path);
		web_respond_error(r, path && g_file_test(path, G_FILE_TEST_EXISTS) ? MHD_HTTP_UNPROCESSABLE_CONTENT
		                                                                  : MHD_HTTP_NOT_FOUND,
		                  "web.error.no-case");
		return;
	}
	xmlDocPtr d = web_page_new(r, "case");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_set(root, "case", id);
	if (r->sess.role & (WEB_ROLE_MINUTE_TAKER | WEB_ROLE_CHAIR)) {
		xmlNodePtr a = web_add(root, "actions", NULL);
		web_set(a, "write", "yes");
		if (r->sess.role & WEB_ROLE_CHAIR)
			web_set(a, "issue", "yes");
		char *name = g_strconcat(id, ".xml", NULL);
		char saved[21] = "";
		char *data = NULL;
		size_t len = 0;
		if (cd_store_draft_load(app->store, r->sess.user, name, "meeting", &data, &len, NULL, saved) == 0)
			web_set(a, "draft", saved);
		g_free(data);
		g_free(name);
	}
	const char *saved = web_field_get(r, "saved");
	if (saved && web_case_id_ok(saved))
		web_set(web_add(root, "notice", NULL), "key", "web.case.saved");
	else if (g_strcmp0(web_field_get(r, "draft"), "saved") == 0)
		web_set(web_add(root, "notice", NULL), "key", "web.case.draft-saved");
	xmlNodePtr due = web_add(root, "timescales", NULL);
	web_engine *g = web_engine_take(app->engines);
	web_add_due(app, g, due, doc, path, 0);
	web_engine_give(app->engines, g);
	xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(doc), d, 1));
	xmlFreeDoc(doc);
	g_free(path);
	web_log(r, "open", id, "");
	web_page_render(r, d, MHD_HTTP_OK);
}
