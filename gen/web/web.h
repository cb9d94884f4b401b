/* web/web.h - the web desk (cindoc serve): one process, libmicrohttpd, pages made by XSLT.
 *
 * The shape follows fossil and cgit: one file per concern or page.
 *   server.c    the daemon, the route table, the one place that checks the session, the role
 *               and the form token of every request (web_dispatch)
 *   request.c   the request: query and form fields, cookies, the bounded body
 *   respond.c   the one place that writes a response and its headers (CSP, no framing, ...)
 *   session.c   sessions, form tokens, slowed logins
 *   users.c     the users file (Argon2id hashes, libsodium)
 *   audit.c     the audit log (SQLite, beside the cases)
 *   page.c      page data (XML) -> templates/web/NAME.xsl -> HTML; the engines (schema, lints,
 *               calendar) shared out to the request threads
 *   child.c     running `cindoc check` and `cindoc render` in a child process with a time limit
 *   ui-*.c      the pages: login, cases, case, write (the meeting write-up), preview, history,
 *               new case, queue (the admin's desk)
 * Routes, roles and form fields are listed in gen/web/README.md.
 *
 * Threads: libmicrohttpd runs a small pool of threads; every request is handled start to end on
 * one of them. What they share (sessions, the audit log, compiled stylesheets, the engines) is
 * locked where it lives. HTML is never printed: pages are XSLT output (escaped by construction).
 */
#ifndef CD_WEB_H
#define CD_WEB_H

#include <pthread.h>
#include <stddef.h>
#include <glib.h>
#include <libxml/tree.h>

#include "case/calendar.h"

/* Limits. */
#define WEB_MAX_BODY (1024u * 1024u)      /* a form post larger than this is refused (413) */
#define WEB_MAX_FIELDS 4000               /* fields in one request */
#define WEB_MAX_URL 2048
#define WEB_SESSION_IDLE (30 * 60)        /* seconds without a request before a session ends */
#define WEB_SESSION_MAX (12 * 60 * 60)    /* seconds after login a session ends anyway */
#define WEB_CHILD_SECONDS 30              /* a check or render child is killed after this */

/* Roles. A user has one; each route names the roles that may use it (README). */
enum web_role {
	WEB_ROLE_NONE = 0,
	WEB_ROLE_MINUTE_TAKER = 1,
	WEB_ROLE_CHAIR = 2,
	WEB_ROLE_ADMIN = 4
};
#define WEB_ROLES_ANY (WEB_ROLE_MINUTE_TAKER | WEB_ROLE_CHAIR | WEB_ROLE_ADMIN)
const char *web_role_name(enum web_role r);      /* "minute-taker", "chair", "admin" */
enum web_role web_role_parse(const char *s);     /* WEB_ROLE_NONE when unknown */

/* ---- users (users.c) ---- */

/* A user name: 1 to 32 of [a-z0-9._-], starting with a letter or digit. */
int web_user_name_ok(const char *name);
typedef struct web_user {
	char *name;
	enum web_role role;
	char *hash;                 /* crypto_pwhash_str (Argon2id) */
} web_user;
/* Reads the users file; a missing file is no users. Returns 0, or negative after a message
 * ("file:line: error: ..."). */
int web_users_read(const char *path, GArray **users /* web_user */);
void web_users_free(GArray *users);
/* Writes the users file atomically, mode 0600. Returns 0 or -CD_EXIT_NOWRITE. */
int web_users_write(const char *path, GArray *users);
/* Argon2id hash of a password (newly allocated), NULL when out of memory. */
char *web_password_hash(const char *password);
/* 1 when the password matches. Takes as long whether or not the user exists (a dummy check). */
int web_password_check(const web_user *u_or_null, const char *password);

/* ---- sessions (session.c) ---- */

typedef struct web_sessions web_sessions;
typedef struct web_session {    /* a copy of the session for one request */
	char id[65];
	char csrf[65];
	char user[33];              /* "" before login */
	enum web_role role;
} web_session;
web_sessions *web_sessions_new(void);
void web_sessions_free(web_sessions *s);
/* Finds a live session by cookie value; fills *out. 0 when found. */
int web_sessions_get(web_sessions *s, const char *id, web_session *out);
/* A new session (anonymous when user is NULL). */
void web_sessions_create(web_sessions *s, const char *user, enum web_role role, web_session *out);
void web_sessions_end(web_sessions *s, const char *id);
int web_sessions_count(web_sessions *s);
/* How many user names with failed logins are remembered (at most 4096). */
int web_login_failures(web_sessions *s);
/* Slowed logins: seconds to wait before `user` may try again (0: may try now). */
int web_login_wait(web_sessions *s, const char *user);
void web_login_failed(web_sessions *s, const char *user);
void web_login_succeeded(web_sessions *s, const char *user);
/* Constant-time comparison of two tokens. */
int web_token_equal(const char *a, const char *b);

/* ---- audit log (audit.c) ---- */

typedef struct web_audit web_audit;
/* Opens (creating) the SQLite audit log. NULL after a message. */
web_audit *web_audit_open(const char *path);
void web_audit_close(web_audit *a);
/* Records one event: who did what (opened, changed, previewed, saved, login ...) to which case
 * (may be ""), with a detail. Returns 0, or negative after a message on stderr. */
int web_audit_add(web_audit *a, const char *user, const char *action, const char *case_id,
                  const char *detail);
/* Prints the log (of one case, or all) as tab-separated lines; returns the count, or negative. */
int web_audit_print(const char *path, const char *case_id, FILE *fp);
/* The desk's own folder inside the cases folder, and the default paths in it. */
#define WEB_DIR ".cindoc"
char *web_default_users(const char *cases_dir);
char *web_default_audit(const char *cases_dir);

/* ---- the application ---- */

typedef struct web_engines web_engines;
struct cd_store;
struct cd_store_msgs;
typedef struct web_styles web_styles;
typedef struct web_previews web_previews;

typedef struct web_app {
	char *cases_dir;
	char *queue_dir;            /* may be NULL */
	char *users_path;
	char *exe;                  /* this program, for child runs */
	char *assets_dir;           /* node_modules/govuk-frontend/dist/govuk */
	int tls;                    /* served over TLS: cookies are Secure */
	int behind_proxy;           /* TLS ends at a proxy in front: cookies are Secure */
	struct cd_store *store;     /* versions, history, drafts (store.h) */
	web_sessions *sessions;
	web_audit *audit;
	pthread_mutex_t audit_lock;
	web_engines *engines;
	web_styles *styles;
	web_previews *previews;
	cd_date today;              /* CD_DATE_NONE: the real today */
} web_app;

/* ---- requests and responses (request.c, respond.c) ---- */

typedef struct web_field {
	char *name;
	char *value;
} web_field;

typedef struct web_req {
	web_app *app;
	void *conn;                 /* struct MHD_Connection */
	char *method;               /* GET, HEAD or POST */
	char *path;                 /* decoded path, no query */
	GArray *fields;             /* web_field: query, then form fields */
	GString *body;
	int too_big;
	int session_ok;
	web_session sess;
	char *client;               /* the peer address, for the log */
	/* the response */
	int status;
	char *ctype;
	char *out;
	size_t out_len;
	char *location;             /* a redirect */
	char *cookie;               /* Set-Cookie value */
	char *disposition;          /* Content-Disposition */
	int cache;                  /* 1: static, may be cached */
} web_req;

/* The first value of field `name`, or NULL. */
const char *web_field_get(const web_req *r, const char *name);
/* Every value of field `name`, in order; *n gets the count. The array is newly allocated (g_free),
 * the strings are the request's. */
const char **web_field_all(const web_req *r, const char *name, size_t *n);
/* Parses application/x-www-form-urlencoded text into r->fields. -1 when malformed or too many. */
int web_parse_form(web_req *r, const char *text, size_t len);
/* Percent-decoding in place; -1 for a bad escape or a NUL. */
int web_url_decode(char *s, int plus_is_space);

/* Response helpers: set r's response. */
void web_respond_html(web_req *r, int status, char *html, size_t len);   /* takes html */
void web_respond_redirect(web_req *r, const char *location);             /* 303 See Other */
void web_respond_bytes(web_req *r, int status, const char *ctype, char *data, size_t len);
/* A plain error page made from templates/web/error.xsl with the l10n key `key`. */
void web_respond_error(web_req *r, int status, const char *key);
/* Sends r's response on its connection with every security header. Returns an MHD_Result. */
int web_send(web_req *r);

/* ---- pages (page.c) ---- */

/* A new page document: <page name= path= user= role= csrf= today=>; the caller adds content
 * under the root and calls web_page_render. */
xmlDocPtr web_page_new(const web_req *r, const char *name);
/* Child element with text (escaped by libxml); returns it. */
xmlNodePtr web_add(xmlNodePtr parent, const char *name, const char *text);
xmlNodePtr web_addf(xmlNodePtr parent, const char *name, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void web_set(xmlNodePtr n, const char *attr, const char *value);
/* Applies templates/web/NAME.xsl (NAME from the root's name=) and responds with the HTML; frees
 * doc. On a stylesheet failure responds 500. */
void web_page_render(web_req *r, xmlDocPtr doc, int status);
web_styles *web_styles_new(void);
void web_styles_free(web_styles *s);

/* Engines: what reading a case takes (the compiled schema, the calendar). One per thread at a
 * time: take, use, give back. */
typedef struct web_engine {
	struct cd_schema *schema;
	cd_calendar *cal;
} web_engine;
/* n engines, each with the schema and a calendar with the closure days of `closures` (NULL:
 * none). NULL after a message, *rc the negative exit code. */
web_engines *web_engines_new(int n, const char *closures, int *rc);
void web_engines_free(web_engines *e);
web_engine *web_engine_take(web_engines *e);
void web_engine_give(web_engines *e, web_engine *g);

/* ---- cases (cases.c) ---- */

/* A case id is the file name in the cases folder without ".xml": [A-Za-z0-9._-], not starting
 * with '.'. */
int web_case_id_ok(const char *id);
/* The path of case `id` (newly allocated), NULL when the id is not well formed. */
char *web_case_path(const web_app *app, const char *id);
/* Loads and validates case `id` (messages go to the server log). 0, or negative. */
int web_case_load(web_app *app, const char *id, xmlDocPtr *doc);
/* The case ids of the folder, sorted (newly allocated strings in a NULL-terminated vector). */
char **web_case_ids(const web_app *app);
/* Adds <due> items (from cd_due_compute, the code of `cindoc due`) under `parent`. */
void web_add_due(web_app *app, web_engine *g, xmlNodePtr parent, xmlDocPtr doc, const char *path,
                 int pending_only);
/* Records an audit event for the request's user. */
void web_log(web_req *r, const char *action, const char *case_id, const char *detail);

/* ---- a write-up in progress (form.c) ---- */

typedef struct web_form {
	GArray *f;                  /* web_field, in order */
} web_form;
web_form *web_form_new(void);
void web_form_free(web_form *f);
/* From application/x-www-form-urlencoded text (a stored draft); NULL when malformed. */
web_form *web_form_parse(const char *text, size_t len);
char *web_form_encode(const web_form *f, size_t *len);
const char *web_form_get(const web_form *f, const char *name);
const char *web_form_str(const web_form *f, const char *name);   /* "" when absent */
int web_form_has(const web_form *f, const char *name, const char *value);
void web_form_add(web_form *f, const char *name, const char *value);
void web_form_set(web_form *f, const char *name, const char *value); /* NULL: remove */
/* Removes every field for which owned(name) is true. */
void web_form_drop(web_form *f, int (*owned)(const char *name));

/* ---- the meeting write-up (meeting.c) ---- */

/* A message for the page: about a field (NULL: the whole write-up), either an l10n key with one
 * slot or the text of a check (`cindoc check`'s words). */
typedef struct web_msg {
	char *field;
	char *key;
	char *s1;
	char *text;
	int warning;
} web_msg;
GArray *web_msgs_new(void);     /* of web_msg */
void web_msg_add(GArray *msgs, const char *field, const char *key, const char *s1, int warning);

/* The step of the write-up a field is on ("details", "views", ...). */
const char *web_write_step_of(const char *field);
/* Checks the form (dates, times, what is required) and, when nothing required is missing,
 * writes the meeting into `cs` (a loaded case): a new <meeting> with id `meeting_id`, the plan
 * items' new status, new items. Adds a message per problem. Returns 1 when the case was
 * changed (it can be checked), 0 when something required is missing (messages say what). */
int web_meeting_build(xmlDocPtr cs, const web_form *f, const char *meeting_id, GArray *msgs);
/* A free id "PREFIXn" in the case (m4, i7, c3, p9). Newly allocated. */
char *web_case_new_id(xmlDocPtr cs, const char *prefix);
/* After `data` (the serialised case) was checked: puts each message of the check on the field
 * its line belongs to (in the meeting `meeting_id` or a plan item it set), else on none. */
void web_meeting_place(const char *data, size_t len, const char *meeting_id, const web_form *f,
                       const struct cd_store_msgs *checked, GArray *msgs);

/* The user's write-up of case file `name` (NULL when none), and the case with it built in
 * (ui-write.c): *bytes NULL when something needed is missing (msgs say what). */
web_form *web_write_draft(web_req *r, const char *name);
int web_write_build(web_req *r, const char *name, const web_form *f, GArray *msgs, char **bytes,
                    size_t *len);

/* Previews made for users, kept a few minutes (ui-preview.c). */
web_previews *web_previews_new(void);
void web_previews_free(web_previews *p);

/* ---- running children (child.c) ---- */

/* Runs this program with argv (argv[0] is replaced by the program), stdin from /dev/null,
 * stdout and stderr into *out and *err (each at most 1 MiB kept), killed after `seconds`.
 * Returns the exit code, 128+signal when killed, or -1 when it could not start. */
int web_run_child(const web_app *app, char *const argv[], int seconds, GString *out, GString *err);

/* ---- pages ---- */
void ui_login_get(web_req *r);
void ui_login_post(web_req *r);
void ui_logout_post(web_req *r);
void ui_cases(web_req *r);
void ui_case(web_req *r, const char *id);
void ui_write(web_req *r, const char *id, const char *step);
void ui_preview(web_req *r, const char *id);
void ui_preview_file(web_req *r, const char *id, const char *file);
void ui_history(web_req *r, const char *id);
void ui_new_case(web_req *r);
void ui_asset(web_req *r, const char *rel);
/* the admin's desk (ui-queue.c) */
void ui_queue(web_req *r);
void ui_queue_date(web_req *r, const char *day);
void ui_queue_file(web_req *r, const char *day);
void ui_queue_print(web_req *r, const char *day);
void ui_queue_mark(web_req *r, const char *day);
/* The folder of govuk-frontend's served files in the data folder, or NULL if absent. */
char *web_assets_dir(void);

/* The server: runs until SIGTERM or SIGINT. Returns an exit code. */
struct web_serve_opts {
	const char *cases_dir;
	const char *queue_dir;
	const char *users_path;
	const char *listen;         /* ADDR:PORT; port 0 picks a free one */
	const char *tls_cert;
	const char *tls_key;
	int behind_proxy;
	const char *today;          /* YYYY-MM-DD, for tests and demos */
	const char *closures;       /* local closure days (cindoc-calendar(1)), or NULL */
};
int web_serve(const struct web_serve_opts *o);

#endif
