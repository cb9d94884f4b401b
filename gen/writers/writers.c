/* writers/writers.c - the table of writers (--writer NAME); each lives in its own out-*.c file. */
#include <string.h>
#include <glib.h>
#include "base/page.h"

extern const cd_writer_ops cd_writer_cairo, cd_writer_png, cd_writer_haru;
extern const cd_writer_ops cd_writer_trace;

const cd_writer_ops *const cd_writers[] = {
	&cd_writer_cairo,
	&cd_writer_png,
	&cd_writer_haru,
	&cd_writer_trace,
	NULL
};

const cd_writer_ops *cd_writer_find(const char *name)
{
	for (size_t i = 0; cd_writers[i]; i++)
		if (strcmp(cd_writers[i]->name, name) == 0)
			return cd_writers[i];
	return NULL;
}

const cd_writer_ops *cd_writer_default(void)
{
	return cd_writers[0];
}

static gint name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *cd_writer_names(unsigned need, unsigned refuse, const char *last)
{
	GPtrArray *names = g_ptr_array_new();
	for (size_t i = 0; cd_writers[i]; i++)
		if ((cd_writers[i]->caps & need) == need && !(cd_writers[i]->caps & refuse))
			g_ptr_array_add(names, (gpointer)cd_writers[i]->name);
	g_ptr_array_sort(names, name_cmp);
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(s, "%s%s", i == 0 ? "" : i + 1 == names->len ? last : ", ",
		                       (const char *)names->pdata[i]);
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}
