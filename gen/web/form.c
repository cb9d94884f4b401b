/* web/form.c - a write-up in progress: the fields of every step, as the user left them. A draft is
 * this list, kept by the store as application/x-www-form-urlencoded text (opaque to it). Names
 * starting with '_' are the desk's own (the meeting id, the version the draft started from) and
 * are never taken from a browser. */
#include <string.h>

#include "web/web.h"

static void field_clear(gpointer p)
{
	web_field *f = p;
	g_free(f->name);
	g_free(f->value);
}

web_form *web_form_new(void)
{
	web_form *f = g_new0(web_form, 1);
	f->f = g_array_new(FALSE, TRUE, sizeof(web_field));
	g_array_set_clear_func(f->f, field_clear);
	return f;
}

void web_form_free(web_form *f)
{
	if (!f)
		return;
	g_array_free(f->f, TRUE);
	g_free(f);
}

web_form *web_form_parse(const char *text, size_t len)
{
	web_form *f = web_form_new();
	web_req tmp = { .fields = f->f };
	if (text && web_parse_form(&tmp, text, len) < 0) {
		web_form_free(f);
		return NULL;
	}
	return f;
}

char *web_form_encode(const web_form *f, size_t *len)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < f->f->len; i++) {
		web_field *x = &g_array_index(f->f, web_field, i);
		if (s->len)
			g_string_append_c(s, '&');
		char *n = g_uri_escape_string(x->name, NULL, FALSE);
		char *v = g_uri_escape_string(x->value, NULL, FALSE);
		g_string_append_printf(s, "%s=%s", n, v);
		g_free(n);
		g_free(v);
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

const char *web_form_get(const web_form *f, const char *name)
{
	for (guint i = 0; i < f->f->len; i++) {
		web_field *x = &g_array_index(f->f, web_field, i);
		if (strcmp(x->name, name) == 0)
			return x->value;
	}
	return NULL;
}

/* The value of `name`, stripped; "" when absent. Points into the form or at a static "". */
const char *web_form_str(const web_form *f, const char *name)
{
	const char *v = web_form_get(f, name);
	return v ? v : "";
}

int web_form_has(const web_form *f, const char *name, const char *value)
{
	for (guint i = 0; i < f->f->len; i++) {
		web_field *x = &g_array_index(f->f, web_field, i);
		if (strcmp(x->name, name) == 0 && strcmp(x->value, value) == 0)
			return 1;
	}
	return 0;
}

void web_form_add(web_form *f, const char *name, const char *value)
{
	web_field x = { g_strdup(name), g_strdup(value) };
	g_array_append_val(f->f, x);
}

void web_form_set(web_form *f, const char *name, const char *value)
{
	for (guint i = f->f->len; i-- > 0;)
		if (strcmp(g_array_index(f->f, web_field, i).name, name) == 0)
			g_array_remove_index(f->f, i);
	if (value)
		web_form_add(f, name, value);
}

void web_form_drop(web_form *f, int (*owned)(const char *name))
{
	for (guint i = f->f->len; i-- > 0;)
		if (owned(g_array_index(f->f, web_field, i).name))
			g_array_remove_index(f->f, i);
}
