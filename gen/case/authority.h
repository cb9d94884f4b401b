/* case/authority.h - the local authority's details of a case (name, service, team, address, phone,
 * email, complaints contact): one authority.xml per cases folder (templates/authority.xsd), and
 * what a case gives in its own <authority>, which wins part by part.
 *
 * cd_case_load() completes every case it loads, so the templates, the recipients and the web
 * pages all see one full <authority> as the first element of <case>, whichever file each part
 * came from. The parts taken from authority.xml are marked, so that a program that edits a
 * loaded case and writes it back (the web desk) can leave them out again.
 */
#ifndef CD_AUTHORITY_H
#define CD_AUTHORITY_H

#include <libxml/tree.h>

#include "case/case.h"

#define CD_AUTHORITY_FILE "authority.xml"

/* Completes the <authority> of the loaded case `doc` read from `case_path` with the parts it
 * lacks from CD_AUTHORITY_FILE in the same folder (read only when a part is missing; parsed
 * safely and validated against templates/authority.xsd). Returns 0, or -CD_EXIT_INVALID /
 * -CD_EXIT_NOREAD after a message: the authority file is invalid, or a part that letters need
 * (name, team, address, phone, complaints) is in neither. */
int cd_authority_complete(cd_schema *s, xmlDocPtr doc, const char *case_path);

/* 1 when the file name (last part of `path`) is CD_AUTHORITY_FILE: not a case. Commands that
 * read a folder of cases leave it out. */
int cd_authority_is_file(const char *path);

/* Reads and checks an authority file on its own (`cindoc check authority.xml`): parsed safely,
 * valid against templates/authority.xsd. 0, or -CD_EXIT_INVALID / -CD_EXIT_NOREAD after a
 * message. */
int cd_authority_check_file(cd_schema *s, const char *path);

/* 1 when `n` (an element of a completed case) came from authority.xml. */
int cd_authority_from_file(xmlNodePtr n);

/* Takes the parts that came from authority.xml out of `doc` (an <authority> left empty goes
 * too), to put back with cd_authority_restore: what is left is the case as its file has it. */
typedef struct cd_authority_parts cd_authority_parts;
cd_authority_parts *cd_authority_detach(xmlDocPtr doc);
void cd_authority_restore(cd_authority_parts *p);

#endif
