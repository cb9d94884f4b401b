/* docload.c - loading a case for the document commands: the schema's safe loader. */
#include "docload.h"
#include "case.h"
#include "cindoc.h"

int cd_docload_case(const char *path, xmlDocPtr *doc)
{
	*doc = NULL;
	int rc = 0;
	cd_schema *s = cd_schema_load(&rc);
	if (!s)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	rc = cd_case_load(s, path, doc);
	cd_schema_free(s);
	return rc;
}
