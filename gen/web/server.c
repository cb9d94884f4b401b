/* web/server.c - the daemon (libmicrohttpd), the route table, and the one place that checks the
 * session, the role and the form token of every request before a page sees it.
 *
 * A request is gathered (at most WEB_MAX_BODY bytes of body, else 413), its fields parsed, its
 * session found from the cookie; then web_dispatch() looks it up in the route table:
 *   - a POST must carry the session's form token in the field "csrf" (else 403), login included;
 *   - a route with roles needs a logged-in user of one of them: GET without one is sent to the
 *     login page, POST is refused (403); a user of another role is refused (403).
 * SIGTERM or SIGINT: the listening socket is closed at once (no new connection), requests under
 * way finish (a save is a rename: it has happened or it has not), then the process ends. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <microhttpd.h>
#include <sodium.h>

#include "case/case.h"
#include "case/due.h"
#include "web/store.h"
#include "base/cindoc.h"
#include "web/web.h"

enum route_kind {
	R_ROOT, R_LOGIN_GET, R_LOGIN_POST, R_LOGOUT, R_CASES, R_CASE, R_WRITE, R_PREVIEW, R_PREVIEW_FILE, R_HISTORY, R_NEW, R_ASSET,
	R_QUEUE, R_QUEUE_DATE, R_QUEUE_FILE, R_QUEUE_PRINT, R_QUEUE_MARK
};

struct route {
	const char *method;    /* GET (answers HEAD too) or POST */
	const char *pattern;   /* segments; '*' one segment, '**' the rest (at least one) */
	unsigned roles;        /* 0: no login needed */
	enum route_kind kind;
};

/* The routes, roles and fields are documented in gen/web/README.md: keep the two in step. */
static const struct route routes[] = {
	{ "GET", "/", 0, R_ROOT },
	{ "GET", "/login", 0, R_LOGIN_GET },
	{ "POST", "/login", 0, R_LOGIN_POST },
	{ "POST", "/logout", WEB_ROLES_ANY, R_LOGOUT },
	{ "GET", "/cases", WEB_ROLES_ANY, R_CASES },
	{ "GET", "/case/*", WEB_ROLES_ANY, R_CASE },
	{ "GET", "/case/*/write/*", WEB_ROLE_MINUTE_TAKER | WEB_ROLE_CHAIR, R_WRITE },
	{ "POST", "/case/*/write/*", WEB_ROLE_MINUTE_TAKER | WEB_ROLE_CHAIR, R_WRITE },
	{ "GET", "/case/*/preview", WEB_ROLES_ANY, R_PREVIEW },
	{ "GET", "/case/*/preview/*", WEB_ROLES_ANY, R_PREVIEW_FILE },
	{ "GET", "/case/*/history", WEB_ROLES_ANY, R_HISTORY },
	{ "GET", "/new", WEB_ROLE_CHAIR | WEB_ROLE_ADMIN, R_NEW },
	{ "POST", "/new", WEB_ROLE_CHAIR | WEB_ROLE_ADMIN, R_NEW },
	{ "GET", "/queue", WEB_ROLE_ADMIN, R_QUEUE },
	{ "GET", "/queue/*", WEB_ROLE_ADMIN, R_QUEUE_DATE },
	{ "GET", "/queue/*/print.pdf", WEB_ROLE_ADMIN, R_QUEUE_FILE },
	{ "POST", "/queue/*/print", WEB_ROLE_ADMIN, R_QUEUE_PRINT },
	{ "POST", "/queue/*/issued", WEB_ROLE_ADMIN, R_QUEUE_MARK },
	{ "GET", "/assets/**", 0, R_ASSET },
	{ "GET", "/static/**", 0, R_ASSET },
};

/* Matches path against pattern; the segments matched by '*' go to args (at most 4), '**' as one
 * string. Returns 1 on a match. */
static int match(const char *pattern, const char *path, char *args[4])
{
	char **p = g_strsplit(pattern + 1, "/", -1);
	char **s = g_strsplit(path + 1, "/", -1);
	int n = 0, ok = 1, rest = 0, i;
	for (i = 0; p[i] && ok && !rest; i++) {
		if (!s[i]) {
			ok = 0;
		} else if (strcmp(p[i], "**") == 0) {
			for (int k = i; s[k]; k++)
				if (!s[k][0] || strcmp(s[k], "..") == 0 || strcmp(s[k], ".") == 0)
					ok = 0;
			if (ok)
				args[n++] = g_strjoinv("/", s + i);
			rest = 1;
		} else if (strcmp(p[i], "*") == 0) {
			if (!s[i][0] || n >= 4)
				ok = 0;
			else
				args[n++] = g_strdup(s[i]);
		} else if (strcmp(p[i], s[i]) != 0) {
			ok = 0;
		}
	}
	if (ok && !rest && s[i])
		ok = 0;
	g_strfreev(p);
	g_strfreev(s);
	if (!ok)
		for (int k = 0; k < n; k++) {
			g_free(args[k]);
			args[k] = NULL;
		}
	return ok;
}

static void dispatch(web_req *r)
{
	int is_post = strcmp(r->method, "POST") == 0;
	const char *m = is_post ? "POST" : "GET";
	const struct route *rt = NULL;
	char *args[4] = { NULL, NULL, NULL, NULL };
	int path_known = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(routes) && !rt; i++) {
		char *a[4] = { NULL, NULL, NULL, NULL };
		if (!match(routes[i].pattern, r->path, a))
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, m) == 0) {
			rt = &routes[i];
			memcpy(args, a, sizeof args);
		} else {
			for (int k = 0; k < 4; k++)
				g_free(a[k]);
		}
	}
	if (!rt) {
		web_respond_error(r, path_known ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND,
		                  path_known ? "web.error.method" : "web.error.not-found");
		return;
	}
	if (is_post && (!r->session_ok || !web_token_equal(web_field_get(r, "csrf"), r->sess.csrf))) {
		web_respond_error(r, MHD_HTTP_FORBIDDEN, "web.error.csrf");
		goto done;
	}
	if (rt->roles) {
		if (!r->session_ok || !r->sess.user[0]) {
			if (is_post) {
				web_respond_error(r, MHD_HTTP_FORBIDDEN, "web.error.login");
			} else {
				char *esc = g_uri_escape_string(r->path, "/", FALSE);
				char *to = g_strdup_printf("/login?next=%s", esc);
				web_respond_redirect(r, to);
				g_free(to);
				g_free(esc);
			}
			goto done;
		}
		if (!(rt->roles & r->sess.role)) {
			web_respond_error(r, MHD_HTTP_FORBIDDEN, "web.error.role");
			goto done;
		}
	}
	switch (rt->kind) {
	case R_ROOT: web_respond_redirect(r, "/cases"); break;
	case R_LOGIN_GET: ui_login_get(r); break;
	case R_LOGIN_POST: ui_login_post(r); break;
	case R_LOGOUT: ui_logout_post(r); break;
	case R_CASES: ui_cases(r); break;
	case R_CASE: ui_case(r, args[0]); break;
	case R_WRITE: ui_write(r, args[0], args[1]); break;
	case R_PREVIEW: ui_preview(r, args[0]); break;
	case R_PREVIEW_FILE: ui_preview_file(r, args[0], args[1]); break;
	case R_HISTORY: ui_history(r, args[0]); break;
	case R_NEW: ui_new_case(r); break;
	case R_ASSET: ui_asset(r, r->path + 1); break;
	case R_QUEUE: ui_queue(r); break;
	case R_QUEUE_DATE: ui_queue_date(r, args[0]); break;
	case R_QUEUE_FILE: ui_queue_file(r, args[0]); break;
	case R_QUEUE_PRINT: ui_queue_print(r, args[0]); break;
	case R_QUEUE_MARK: ui_queue_mark(r, args[0]); break;
	}
done:
	for (int k = 0; k < 4; k++)
		g_free(args[k]);
}

/* ---- libmicrohttpd callbacks ---- */

static void field_clear(gpointer p)
{
	web_field *f = p;
	g_free(f->name);
	g_free(f->value);
}

static void req_free(web_req *r)
{
	if (!r)
		return;
	g_free(r->method);
	g_free(r->path);
	g_array_free(r->fields, TRUE);
	g_string_free(r->body, TRUE);
	g_free(r->client);
	g_free(r->ctype);
	g_free(r->out);
	g_free(r->location);
	g_free(r->cookie);
	g_free(r->disposition);
	g_free(r);
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	web_req *r = cls;
	if (r->fields->len >= WEB_MAX_FIELDS || !key)
		return MHD_NO;
	if (!g_utf8_validate(key, -1, NULL) || (value && !g_utf8_validate(value, -1, NULL)))
		return MHD_YES;
	web_field f = { g_strdup(key), g_strdup(value ? value : "") };
	g_array_append_val(r->fields, f);
	return MHD_YES;
}

static void finish(web_req *r)
{
	struct MHD_Connection *c = r->conn;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, r);
	const char *sid = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "cindoc_session");
	r->session_ok = web_sessions_get(r->app->sessions, sid, &r->sess) == 0;
	if (r->too_big) {
		web_respond_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "web.error.too-big");
		return;
	}
	if (strcmp(r->method, "POST") == 0) {
		const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		if (!ct || g_ascii_strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
			web_respond_error(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "web.error.bad-request");
			return;
		}
		if (web_parse_form(r, r->body->str, r->body->len) < 0) {
			web_respond_error(r, MHD_HTTP_BAD_REQUEST, "web.error.bad-request");
			return;
		}
	}
	dispatch(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	web_app *app = cls;
	web_req *r = *con_cls;
	if (!r) {
		r = g_new0(web_req, 1);
		r->app = app;
		r->conn = c;
		r->method = g_strdup(method);
		r->path = g_strdup(url);
		r->fields = g_array_new(FALSE, TRUE, sizeof(web_field));
		g_array_set_clear_func(r->fields, field_clear);
		r->body = g_string_new(NULL);
		*con_cls = r;
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
			char buf[INET_ADDRSTRLEN];
			const struct sockaddr_in *sin = (const struct sockaddr_in *)ci->client_addr;
			r->client = g_strdup(inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf));
		}
		if (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST")) {
			web_respond_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "web.error.method");
			return (enum MHD_Result)web_send(r);
		}
		if (strlen(url) > WEB_MAX_URL || url[0] != '/' || !g_utf8_validate(url, -1, NULL)) {
			web_respond_error(r, MHD_HTTP_BAD_REQUEST, "web.error.bad-request");
			return (enum MHD_Result)web_send(r);
		}
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && g_ascii_strtoull(cl, NULL, 10) > WEB_MAX_BODY) {
			web_respond_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "web.error.too-big");
			return (enum MHD_Result)web_send(r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (r->body->len + *upload_size > WEB_MAX_BODY)
			r->too_big = 1;
		else if (!r->too_big)
			g_string_append_len(r->body, upload, (gssize)*upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->status) /* already answered (a refusal on the first call) */
		return MHD_YES;
	finish(r);
	return (enum MHD_Result)web_send(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	req_free(*con_cls);
	*con_cls = NULL;
}

static void on_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	cd_vmessage("cindoc serve: ", fmt, ap);
}

/* ---- start and stop ---- */

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s)
		return -1;
	char *host = g_strndup(s, (gsize)(colon - s));
	char *end = NULL;
	unsigned long port = strtoul(colon + 1, &end, 10);
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	int ok = colon[1] && end && !*end && port <= 65535 &&
	         inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &sa->sin_addr) == 1;
	g_free(host);
	sa->sin_port = htons((uint16_t)port);
	return ok ? 0 : -1;
}

/* libmicrohttpd's server for `app` on `sa`: a pool of 4 threads, bounded connections and memory
 * (fewer connections per address when not on loopback), TLS when app->tls. */
static struct MHD_Daemon *start_daemon(web_app *app, struct sockaddr_in *sa, int loopback, const char *key,
                                       const char *cert)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (app->tls)
		flags |= MHD_USE_TLS;
	return MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, app,
		MHD_OPTION_EXTERNAL_LOGGER, on_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)4,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)200,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(loopback ? 0 : 50),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		app->tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, key,
		MHD_OPTION_HTTPS_MEM_CERT, cert,
		MHD_OPTION_END);
}

/* The options' checks before anything starts: the address (into *sa; *loopback), TLS, the cases
 * folder. Returns 0 or an exit code (after a message). */
static int check_opts(const struct web_serve_opts *o, struct sockaddr_in *sa, int *loopback)
{
	if (parse_listen(o->listen ? o->listen : "127.0.0.1:8080", sa) < 0)
		return cd_fail(CD_EXIT_USAGE, "serve: '%s' is not ADDR:PORT (an IPv4 address and a port)", o->listen);
	*loopback = (ntohl(sa->sin_addr.s_addr) >> 24) == 127;
	if ((o->tls_cert != NULL) != (o->tls_key != NULL))
		return cd_fail(CD_EXIT_USAGE, "serve: --tls-cert and --tls-key go together");
	if (!*loopback && !o->tls_cert && !o->behind_proxy)
		return cd_fail(CD_EXIT_USAGE, "serve: listening on '%s' needs --tls-cert and --tls-key, "
		               "or --behind-proxy (a proxy in front that speaks TLS)", o->listen);
	if (!g_file_test(o->cases_dir, G_FILE_TEST_IS_DIR))
		return cd_fail(CD_EXIT_NOREAD, "serve: cannot read the cases folder '%s'", o->cases_dir);
	if (sodium_init() < 0)
		return cd_fail(CD_EXIT_INTERNAL, "serve: libsodium cannot start");
	return 0;
}

int web_serve(const struct web_serve_opts *o)
{
	struct sockaddr_in sa;
	int loopback = 0, bad = check_opts(o, &sa, &loopback);
	if (bad)
		return bad;

	umask(077);
	web_app app = { 0 };
	int code = CD_EXIT_OK;
	char *cert = NULL, *key = NULL;
	app.cases_dir = g_canonicalize_filename(o->cases_dir, NULL);
	app.queue_dir = g_strdup(o->queue_dir);
	app.users_path = o->users_path ? g_strdup(o->users_path) : web_default_users(o->cases_dir);
	app.exe = g_file_read_link("/proc/self/exe", NULL);
	app.assets_dir = web_assets_dir();
	if (!app.assets_dir) {
		code = cd_fail(CD_EXIT_NOREAD, "serve: cannot read govuk-frontend's files (the look of the "
		               "desk) in the data folder: install cindoc again, or run 'make deps' in the "
		               "source tree");
		goto out;
	}
	app.tls = o->tls_cert != NULL;
	app.behind_proxy = o->behind_proxy;
	app.today = CD_DATE_NONE;
	if (o->today) {
		char why[128];
		if (cd_date_parse(o->today, &app.today, why) < 0) {
			code = cd_fail(CD_EXIT_USAGE, "serve: --today: %s", why);
			goto out;
		}
	}
	pthread_mutex_init(&app.audit_lock, NULL);

	GArray *users = NULL;
	int rc = web_users_read(app.users_path, &users);
	int nusers = users ? (int)users->len : 0;
	web_users_free(users);
	if (rc < 0) {
		code = -rc;
		goto out;
	}
	if (o->tls_cert) {
		if (cd_read_file(o->tls_cert, &cert, NULL) < 0 || cd_read_file(o->tls_key, &key, NULL) < 0) {
			code = CD_EXIT_NOREAD;
			goto out;
		}
	}
	app.store = cd_store_open(o->cases_dir, &rc);
	if (!app.store) {
		code = -rc;
		goto out;
	}
	char *audit_path = web_default_audit(o->cases_dir);
	app.audit = web_audit_open(audit_path);
	g_free(audit_path);
	if (!app.audit) {
		code = CD_EXIT_NOWRITE;
		goto out;
	}
	app.engines = web_engines_new(4, o->closures, &rc);
	if (!app.engines) {
		code = -rc;
		goto out;
	}
	app.styles = web_styles_new();
	app.previews = web_previews_new();
	app.sessions = web_sessions_new();

	/* The signals are taken by sigwait below; every thread started from here inherits the mask. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = start_daemon(&app, &sa, loopback, key, cert);
	if (!d) {
		code = cd_fail(CD_EXIT_NOWRITE, "serve: cannot listen on '%s': %s",
		               o->listen ? o->listen : "127.0.0.1:8080", strerror(errno));
		goto out;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char addr[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
	fprintf(stderr, "cindoc serve: listening on %s://%s:%u/ (cases in '%s', %d user%s)\n",
	        app.tls ? "https" : "http", addr, di ? di->port : ntohs(sa.sin_port), app.cases_dir,
	        nusers, nusers == 1 ? "" : "s");
	if (nusers == 0)
		fprintf(stderr, "cindoc serve: no users yet: add one with 'cindoc user add'\n");
	web_log(&(web_req){ .app = &app }, "start", "", "");

	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "cindoc serve: stopping (%s)\n", strsignal(sig));
	MHD_socket ls = MHD_quiesce_daemon(d);   /* no new connections */
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	MHD_stop_daemon(d);                      /* waits for the requests under way */
	web_log(&(web_req){ .app = &app }, "stop", "", strsignal(sig));
out:
	web_sessions_free(app.sessions);
	web_styles_free(app.styles);
	web_previews_free(app.previews);
	web_engines_free(app.engines);
	web_audit_close(app.audit);
	if (app.store)
		cd_store_free(app.store);
	if (key)
		sodium_memzero(key, strlen(key));
	g_free(key);
	g_free(cert);
	g_free(app.cases_dir);
	g_free(app.queue_dir);
	g_free(app.users_path);
	g_free(app.exe);
	g_free(app.assets_dir);
	return code;
}
