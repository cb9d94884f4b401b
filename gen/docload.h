/* docload.h - loading a case for the document commands (fo, render). */
#ifndef CD_DOCLOAD_H
#define CD_DOCLOAD_H

#include <libxml/tree.h>

/* Reads and validates the case at `path`. Returns 0 with *doc set, or negative after an error
 * that points at the input. */
int cd_docload_case(const char *path, xmlDocPtr *doc);

#endif
