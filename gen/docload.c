/* docload.c - loading a case for the document commands. */
#include "docload.h"
#include "cindoc.h"

#include <libxml/parser.h>

int cd_docload_case(const char *path, xmlDocPtr *doc)
{
	/* NEEDSWORK: validate with the schema (cd_case_load) once gen/case.h is published. */
	*doc = NULL;
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s'", path);
	xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!d)
		return cd_error_at(path, 0, "not well-formed XML");
	*doc = d;
	return 0;
}
