/* web/ui-login.c - signing in and out (GET/POST /login, POST /logout). */
#include <string.h>
#include <microhttpd.h>

#include "web/web.h"

static void set_cookie(web_req *r, const char *id, int drop)
{
	g_free(r->cookie);
	r->cookie = g_strdup_printf("cindoc_session=%s; Path=/; HttpOnly; SameSite=Strict%s%s",
	                            id, (r->app->tls || r->app->behind_proxy) ? "; Secure" : "",
	                            drop ? "; Max-Age=0" : "");
}

/* Only a path of this site: "/..." but not "//host". */
static const char *safe_next(const char *next)
{
	if (next && next[0] == '/' && next[1] != '/' && next[1] != '\\' && !strchr(next, '\r') &&
	    !strchr(next, '\n') && strncmp(next, "/login", 6) != 0)
		return next;
	return "/cases";
}

static void login_page(web_req *r, int status, const char *error, int wait, const char *user)
{
	xmlDocPtr d = web_page_new(r, "login");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_add(root, "next", safe_next(web_field_get(r, "next")));
	if (user)
		web_add(root, "name", user);
	if (error) {
		xmlNodePtr e = web_add(root, "error", NULL);
		web_set(e, "key", error);
		web_set(e, "field", "user");
		if (wait)
			web_addf(e, "s1", "%d", wait);
	}
	web_page_render(r, d, status);
}

void ui_login_get(web_req *r)
{
	if (r->session_ok && r->sess.user[0]) {
		web_respond_redirect(r, safe_next(web_field_get(r, "next")));
		return;
	}
	if (!r->session_ok) {
		web_sessions_create(r->app->sessions, NULL, WEB_ROLE_NONE, &r->sess);
		r->session_ok = 1;
		set_cookie(r, r->sess.id, 0);
	}
	login_page(r, MHD_HTTP_OK, NULL, 0, NULL);
}

void ui_login_post(web_req *r)
{
	const char *user = web_field_get(r, "user");
	const char *password = web_field_get(r, "password");
	if (!user || !*user || !password || !*password) {
		login_page(r, MHD_HTTP_UNAUTHORIZED, "web.login.error.empty", 0, user);
		return;
	}
	if (strlen(user) > 64 || strlen(password) > 1024) {
		login_page(r, MHD_HTTP_UNAUTHORIZED, "web.login.error.wrong", 0, NULL);
		return;
	}
	int wait = web_login_wait(r->app->sessions, user);
	if (wait > 0) {
		web_log(r, "login-refused", "", user);
		login_page(r, MHD_HTTP_TOO_MANY_REQUESTS, "web.login.error.wait", wait, user);
		return;
	}
	GArray *users = NULL;
	web_user *found = NULL;
	if (web_users_read(r->app->users_path, &users) == 0)
		for (guint i = 0; i < users->len; i++)
			if (strcmp(g_array_index(users, web_user, i).name, user) == 0)
				found = &g_array_index(users, web_user, i);
	int ok = web_password_check(found, password);
	enum web_role role = found ? found->role : WEB_ROLE_NONE;
	web_users_free(users);
	if (!ok) {
		web_login_failed(r->app->sessions, user);
		web_log(r, "login-failed", "", user);
		login_page(r, MHD_HTTP_UNAUTHORIZED, "web.login.error.wrong", 0, user);
		return;
	}
	web_login_succeeded(r->app->sessions, user);
	/* A new session id at login: an id known before it (planted or seen) is worth nothing. */
	web_sessions_end(r->app->sessions, r->sess.id);
	web_sessions_create(r->app->sessions, user, role, &r->sess);
	set_cookie(r, r->sess.id, 0);
	web_log(r, "login", "", web_role_name(role));
	web_respond_redirect(r, safe_next(web_field_get(r, "next")));
}

void ui_logout_post(web_req *r)
{
	web_log(r, "logout", "", "");
	web_sessions_end(r->app->sessions, r->sess.id);
	r->session_ok = 0;
	set_cookie(r, "", 1);
	web_respond_redirect(r, "/login");
}
