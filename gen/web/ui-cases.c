/* web/ui-cases.c - the case list (GET /cases?q=TEXT): reference, children's names and ages, what is
 * due next and what is overdue (the code of `cindoc due`), filtered by text. */
#include <string.h>
#include <microhttpd.h>

#include "case/case.h"
#include "case/due.h"
#include "base/cindoc.h"
#include "web/web.h"

/* Adds <child> elements: name and age on `today`. */
static void add_children(xmlNodePtr parent, xmlDocPtr doc, cd_date today)
{
	xmlNodePtr children = cd_case_first(xmlDocGetRootElement(doc), "children");
	for (xmlNodePtr c = cd_case_first(children, "child"); c; c = cd_case_next(c, "child")) {
		char *name = cd_case_full_name(c);
		char *given = cd_case_given_name(c);
		xmlNodePtr n = web_add(parent, "child", NULL);
		web_set(n, "id", cd_case_attr(c, "id"));
		web_set(n, "name", name);
		web_set(n, "given", given);
		g_free(name);
		g_free(given);
		cd_date born;
		if (cd_case_text_date(cd_case_first(c, "born"), &born) == 0) {
			char age[16];
			g_snprintf(age, sizeof age, "%d", cd_date_years_between(born, today));
			web_set(n, "age", age);
		}
		if (cd_case_first(c, "died"))
			web_set(n, "died", "true");
	}
}

/* 1 when `q` (lower case) is in the reference, the id or a child's or person's name. */
static int matches(xmlDocPtr doc, const char *id, const char *q)
{
	if (!q || !*q)
		return 1;
	GString *hay = g_string_new(id);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	g_string_append_printf(hay, " %s", cd_case_attr(root, "ref"));
	const char *lists[] = { "children", "people" };
	for (int k = 0; k < 2; k++) {
		xmlNodePtr l = cd_case_first(root, lists[k]);
		for (xmlNodePtr c = cd_case_first(l, NULL); c; c = cd_case_next(c, NULL)) {
			char *n = cd_case_full_name(c);
			char *g = cd_case_given_name(c);
			g_string_append_printf(hay, " %s %s", n, g);
			g_free(n);
			g_free(g);
		}
	}
	char *h = g_utf8_casefold(hay->str, -1);
	char *nq = g_utf8_casefold(q, -1);
	int hit = strstr(h, nq) != NULL;
	g_free(h);
	g_free(nq);
	g_string_free(hay, TRUE);
	return hit;
}

void ui_cases(web_req *r)
{
	web_app *app = r->app;
	const char *q = web_field_get(r, "q");
	if (q && strlen(q) > 200)
		q = NULL;
	cd_date today = app->today != CD_DATE_NONE ? app->today : cd_date_today();
	xmlDocPtr d = web_page_new(r, "cases");
	xmlNodePtr root = xmlDocGetRootElement(d);
	if (q && *q)
		web_add(root, "filter", q);
	char **ids = web_case_ids(app);
	int shown = 0, total = 0;
	for (int i = 0; ids[i]; i++) {
		char *path = web_case_path(app, ids[i]);
		web_engine *g = web_engine_take(app->engines);
		xmlDocPtr doc = NULL;
		int rc = cd_case_load(g->schema, path, &doc);
		total++;
		if (rc < 0) {
			web_engine_give(app->engines, g);
			if (!q || !*q || strstr(ids[i], q)) {
				xmlNodePtr bad = web_add(root, "unreadable", NULL);
				web_set(bad, "id", ids[i]);
			}
			g_free(path);
			continue;
		}
		if (matches(doc, ids[i], q)) {
			xmlNodePtr c = web_add(root, "case", NULL);
			web_set(c, "id", ids[i]);
			web_set(c, "ref", cd_case_attr(xmlDocGetRootElement(doc), "ref"));
			if (cd_case_first(xmlDocGetRootElement(doc), "closure"))
				web_set(c, "closed", "true");
			add_children(c, doc, today);
			web_add_due(app, g, c, doc, path, 1);
			shown++;
		}
		web_engine_give(app->engines, g);
		xmlFreeDoc(doc);
		g_free(path);
	}
	g_strfreev(ids);
	char buf[16];
	g_snprintf(buf, sizeof buf, "%d", shown);
	web_set(root, "shown", buf);
	g_snprintf(buf, sizeof buf, "%d", total);
	web_set(root, "total", buf);
	char tb[16];
	web_set(root, "today", cd_date_format(today, tb));
	web_log(r, "list", "", q ? q : "");
	web_page_render(r, d, MHD_HTTP_OK);
}
