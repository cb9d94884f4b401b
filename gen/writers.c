/* writers.c - the table of writers (--writer NAME); each lives in its own out-*.c file. */
#include <string.h>
#include "page.h"

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
