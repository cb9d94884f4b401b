/* web/cases.c - the case files of the folder as the pages see them: ids, loading, what is due, and
 * the audit entry of each request. */
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/due.h"
#include "web/store.h"
#include "web/web.h"

int web_case_id_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n > 100 || id[0] == '.' || strcmp(id, "authority") == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(g_ascii_isalnum(id[i]) || id[i] == '.' || id[i] == '_' || id[i] == '-'))
			return 0;
	return 1;
}

char *web_case_path(const web_app *app, const char *id)
{
	if (!web_case_id_ok(id))
		return NULL;
	char *base = g_strconcat(id, ".xml", NULL);
	char *p = g_build_filename(app->cases_dir, base, NULL);
	g_free(base);
	return p;
}

int web_case_load(web_app *app, const char *id, xmlDocPtr *doc)
{
	char *path = web_case_path(app, id);
	if (!path || !g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		g_free(path);
		return -CD_EXIT_NOREAD;
	}
	web_engine *g = web_engine_take(app->engines);
	int rc = cd_case_load(g->schema, path, doc);
	web_engine_give(app->engines, g);
	g_free(path);
	return rc;
}

char **web_case_ids(const web_app *app)
{
	char **names = NULL;
	GPtrArray *ids = g_ptr_array_new();
	if (cd_store_list(app->store, &names) >= 0)
		for (int i = 0; names[i]; i++) {
			char *id = g_strndup(names[i], strlen(names[i]) - 4);
			if (web_case_id_ok(id))
				g_ptr_array_add(ids, id);
			else
				g_free(id);
		}
	g_strfreev(names);
	g_ptr_array_add(ids, NULL);
	return (char **)g_ptr_array_free(ids, FALSE);
}

void web_add_due(web_app *app, web_engine *g, xmlNodePtr parent, xmlDocPtr doc, const char *path,
                 int pending_only)
{
	cd_date today = app->today != CD_DATE_NONE ? app->today : cd_date_today();
	cd_due_case *dc = NULL;
	char buf[16];
	web_set(parent, "today", cd_date_format(today, buf));
	if (cd_due_compute(g->cal, doc, path, today, &dc) < 0)
		return;
	for (guint i = 0; i < dc->items->len; i++) {
		cd_due_item *it = &g_array_index(dc->items, cd_due_item, i);
		if (pending_only && it->status != CD_DUE_PENDING && it->status != CD_DUE_OVERDUE)
			continue;
		xmlNodePtr n = web_add(parent, "due", it->what);
		web_set(n, "kind", cd_due_kind_name(it->kind));
		web_set(n, "status", cd_due_status_name(it->status));
		web_set(n, "about", it->about);
		web_set(n, "due", cd_date_format(it->due, buf));
		if (it->done != CD_DATE_NONE)
			web_set(n, "done", cd_date_format(it->done, buf));
		g_snprintf(buf, sizeof buf, "%d", it->days);
		web_set(n, "days", buf);
	}
	cd_due_case_free(dc);
}

void web_log(web_req *r, const char *action, const char *case_id, const char *detail)
{
	web_app *app = r->app;
	if (!app->audit)
		return;
	pthread_mutex_lock(&app->audit_lock);
	web_audit_add(app->audit, r->session_ok ? r->sess.user : "", action, case_id, detail);
	pthread_mutex_unlock(&app->audit_lock);
}
