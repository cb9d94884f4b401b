/* web/respond.c - the one place that writes a response: status, body and every security header.
 *
 * Every response carries a Content-Security-Policy with no inline script or style and no framing,
 * X-Frame-Options DENY, Referrer-Policy no-referrer, X-Content-Type-Options nosniff and, for
 * pages, Cache-Control no-store (these are confidential records: nothing stays in a shared cache).
 * Under TLS (or behind a TLS proxy) cookies are Secure and Strict-Transport-Security is sent. */
#include <string.h>
#include <microhttpd.h>

#include "web/web.h"

static const char csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

static void reset(web_req *r)
{
	g_free(r->out);
	g_free(r->ctype);
	g_free(r->location);
	g_free(r->disposition);
	r->out = NULL;
	r->ctype = NULL;
	r->location = NULL;
	r->disposition = NULL;
	r->out_len = 0;
	r->cache = 0;
}

void web_respond_html(web_req *r, int status, char *html, size_t len)
{
	reset(r);
	r->status = status;
	r->ctype = g_strdup("text/html; charset=utf-8");
	r->out = html;
	r->out_len = len;
}

void web_respond_redirect(web_req *r, const char *location)
{
	reset(r);
	r->status = MHD_HTTP_SEE_OTHER;
	r->location = g_strdup(location);
	r->ctype = g_strdup("text/plain; charset=utf-8");
	r->out = g_strdup("");
	r->out_len = 0;
}

void web_respond_bytes(web_req *r, int status, const char *ctype, char *data, size_t len)
{
	reset(r);
	r->status = status;
	r->ctype = g_strdup(ctype);
	r->out = data;
	r->out_len = len;
}

void web_respond_error(web_req *r, int status, const char *key)
{
	xmlDocPtr d = web_page_new(r, "error");
	xmlNodePtr root = xmlDocGetRootElement(d);
	web_addf(root, "status", "%d", status);
	web_add(root, "key", key);
	web_page_render(r, d, status);
}

int web_send(web_req *r)
{
	struct MHD_Connection *c = r->conn;
	if (!r->status) {
		r->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		r->ctype = g_strdup("text/plain; charset=utf-8");
	}
	int head = r->method && strcmp(r->method, "HEAD") == 0;
	struct MHD_Response *resp = MHD_create_response_from_buffer(head ? 0 : r->out_len,
	                                                             head ? NULL : r->out,
	                                                             MHD_RESPMEM_MUST_COPY);
	if (!resp)
		return MHD_NO;
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", r->cache ? "private, max-age=3600" : "no-store");
	if (r->app->tls || r->app->behind_proxy)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}
