/* web/ui-asset.c - the files a page needs, all served by cindoc itself (no CDN): govuk-frontend's
 * stylesheet, script and images from node_modules/govuk-frontend (pinned in package-lock.json),
 * our own stylesheet styles/web.css and script templates/web/desk.js. The GDS Transport font is
 * not served (it is for gov.uk only): styles/web.css sets our own font family. */
#include <string.h>
#include <microhttpd.h>

#include "base/cindoc.h"
#include "web/web.h"

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
};

/* Where govuk-frontend's files are: DATADIR/govuk-frontend when installed (make install, the
 * package), DATADIR/node_modules/govuk-frontend/dist/govuk in a source tree (make deps). */
char *web_assets_dir(void)
{
	static const char *const where[] = { "govuk-frontend", "node_modules/govuk-frontend/dist/govuk" };
	for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
		char *dir = cd_datapath(where[i]);
		char *css = g_build_filename(dir, "govuk-frontend.min.css", NULL);
		int found = g_file_test(css, G_FILE_TEST_IS_REGULAR);
		g_free(css);
		if (found)
			return dir;
		g_free(dir);
	}
	return NULL;
}

void ui_asset(web_req *r, const char *rel)
{
	char *path = NULL;
	if (strcmp(rel, "assets/govuk-frontend.min.css") == 0 || strcmp(rel, "assets/govuk-frontend.min.js") == 0)
		path = g_build_filename(r->app->assets_dir, rel + strlen("assets/"), NULL);
	else if (g_str_has_prefix(rel, "assets/images/"))
		path = g_build_filename(r->app->assets_dir, rel, NULL);
	else if (strcmp(rel, "static/web.css") == 0)
		path = cd_datapath("styles/web.css");
	else if (strcmp(rel, "static/desk.js") == 0)
		path = cd_datapath("templates/web/desk.js");
	const char *type = NULL;
	for (size_t i = 0; path && i < G_N_ELEMENTS(types); i++)
		if (g_str_has_suffix(path, types[i].ext))
			type = types[i].type;
	char *data = NULL;
	gsize len = 0;
	if (!type || !g_file_get_contents(path, &data, &len, NULL)) {
		g_free(path);
		web_respond_error(r, MHD_HTTP_NOT_FOUND, "web.error.not-found");
		return;
	}
	g_free(path);
	web_respond_bytes(r, MHD_HTTP_OK, type, data, len);
	r->cache = 1;
}
