/* writers/out-opts.c - writer option strings (see out-opts.h). */
#include "writers/out-opts.h"

#include <string.h>
#include "base/cindoc.h"

static void wipe_free(char *s)
{
	if (!s)
		return;
	volatile char *p = s;
	while (*p)
		*p++ = '\0';
	g_free(s);
}

void cd_wopts_free(cd_wopt *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(list[i].key);
		wipe_free(list[i].val);
	}
	g_free(list);
}

static char *known_list(const char *const *known)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; known && known[i]; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "", known[i]);
	if (!s->len)
		g_string_append(s, "none");
	return g_string_free(s, FALSE);
}

int cd_wopts_parse(const char *writer, const char *opts, const char *const *known,
                   cd_wopt **list, size_t *n)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(cd_wopt));
	const char *p = opts ? opts : "";
	int rc = 0;
	while (*p && rc == 0) {
		GString *key = g_string_new(NULL), *val = NULL;
		for (; *p && *p != ',' && *p != '='; p++)
			g_string_append_c(key, *p);
		if (*p == '=') {
			val = g_string_new(NULL);
			for (p++; *p && *p != ','; p++) {
				if (*p == '\\' && p[1])
					p++;
				g_string_append_c(val, *p);
			}
		}
		if (*p == ',')
			p++;
		cd_wopt o = { g_string_free(key, FALSE), val ? g_string_free(val, FALSE) : g_strdup("yes") };
		g_array_append_val(a, o);
		size_t k;
		for (k = 0; known && known[k]; k++)
			if (strcmp(known[k], o.key) == 0)
				break;
		if (!*o.key) {
			rc = cd_fail(-CD_EXIT_USAGE, "writer '%s': empty option name in the option string", writer);
		} else if (!known || !known[k]) {
			char *kl = known_list(known);
			rc = cd_fail(-CD_EXIT_USAGE, "writer '%s': unknown option '%s' (known: %s)", writer, o.key, kl);
			g_free(kl);
		} else {
			for (guint j = 0; j + 1 < a->len; j++)
				if (strcmp(g_array_index(a, cd_wopt, j).key, o.key) == 0) {
					rc = cd_fail(-CD_EXIT_USAGE, "writer '%s': option '%s' given twice", writer, o.key);
					break;
				}
		}
	}
	*n = a->len;
	*list = (cd_wopt *)(void *)g_array_free(a, FALSE);
	if (rc) {
		cd_wopts_free(*list, *n);
		*list = NULL;
		*n = 0;
	}
	return rc;
}

const char *cd_wopts_get(const cd_wopt *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].key, key) == 0)
			return list[i].val;
	return NULL;
}

void cd_wopts_append(GString *s, const char *key, const char *val)
{
	if (s->len && s->str[s->len - 1] != ',')
		g_string_append_c(s, ',');
	g_string_append(s, key);
	g_string_append_c(s, '=');
	for (const char *p = val; *p; p++) {
		if (*p == ',' || *p == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *p);
	}
}

int cd_wopts_bool(const char *val)
{
	if (strcmp(val, "yes") == 0)
		return 1;
	if (strcmp(val, "no") == 0)
		return 0;
	return -1;
}
