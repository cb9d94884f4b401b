/* base/escape.h - values written for other programs, escaped in one place: CSV fields (for
 * spreadsheets) and JSON strings. `cindoc due` and the queue's manifests write through these.
 *
 * CSV (RFC 4180): a field with a comma, a double quote, CR or LF is quoted, its quotes doubled.
 * A field that a spreadsheet would run as a formula (its first character is = + - @, a tab or
 * a CR, and more follows) gets a single quote (') in front, so "=HYPERLINK(...)" from a name
 * shows as text and is never run (the usual guard against CSV formula injection); a lone "-"
 * (standard input) stays as it is. JSON is written as it is.
 */
#ifndef CD_ESCAPE_H
#define CD_ESCAPE_H

#include <stdio.h>

/* One CSV field (guarded and quoted when needed). */
void cd_csv_field(FILE *fp, const char *s);
/* One JSON string, with its quotes; control characters as \n, \r, \t or \u00XX. */
void cd_json_string(FILE *fp, const char *s);

#endif
