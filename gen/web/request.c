/* web/request.c - the fields of a request (query and form, application/x-www-form-urlencoded) and
 * percent-decoding. The body itself is gathered by server.c, at most WEB_MAX_BODY bytes. */
#include <string.h>

#include "web/web.h"

const char *web_field_get(const web_req *r, const char *name)
{
	for (guint i = 0; i < r->fields->len; i++) {
		web_field *f = &g_array_index(r->fields, web_field, i);
		if (strcmp(f->name, name) == 0)
			return f->value;
	}
	return NULL;
}

const char **web_field_all(const web_req *r, const char *name, size_t *n)
{
	const char **v = g_new0(const char *, r->fields->len + 1);
	size_t k = 0;
	for (guint i = 0; i < r->fields->len; i++) {
		web_field *f = &g_array_index(r->fields, web_field, i);
		if (strcmp(f->name, name) == 0)
			v[k++] = f->value;
	}
	*n = k;
	return v;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int web_url_decode(char *s, int plus_is_space)
{
	char *w = s;
	for (char *p = s; *p; p++) {
		if (*p == '+' && plus_is_space) {
			*w++ = ' ';
		} else if (*p == '%') {
			int h = p[1] ? hexval(p[1]) : -1, l = h >= 0 && p[2] ? hexval(p[2]) : -1;
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				return -1;
			*w++ = (char)(h * 16 + l);
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return 0;
}

int web_parse_form(web_req *r, const char *text, size_t len)
{
	if (memchr(text, '\0', len))
		return -1;
	char *copy = g_strndup(text, len);
	char **pairs = g_strsplit(copy, "&", -1);
	g_free(copy);
	int rc = 0;
	for (int i = 0; pairs[i]; i++) {
		if (!pairs[i][0])
			continue;
		if (r->fields->len >= WEB_MAX_FIELDS) {
			rc = -1;
			break;
		}
		char *eq = strchr(pairs[i], '=');
		web_field f;
		f.name = g_strndup(pairs[i], eq ? (gsize)(eq - pairs[i]) : strlen(pairs[i]));
		f.value = g_strdup(eq ? eq + 1 : "");
		if (web_url_decode(f.name, 1) < 0 || web_url_decode(f.value, 1) < 0 ||
		    !g_utf8_validate(f.name, -1, NULL) || !g_utf8_validate(f.value, -1, NULL)) {
			g_free(f.name);
			g_free(f.value);
			rc = -1;
			break;
		}
		/* Browsers send CR LF in text areas: keep LF only. */
		char *w = f.value;
		for (char *p = f.value; *p; p++)
			if (*p != '\r')
				*w++ = *p;
		*w = '\0';
		g_array_append_val(r->fields, f);
	}
	g_strfreev(pairs);
	return rc;
}
