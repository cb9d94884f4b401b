/* base/escape.c - CSV fields and JSON strings (escape.h). */
#include "base/escape.h"

#include <string.h>

/* A cell a spreadsheet would read as a formula: it starts with one of these characters and has
 * more after it (a lone "-", standard input in the file column, is plain text). */
static int formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && s[1] != '\0';
}

void cd_csv_field(FILE *fp, const char *s)
{
	int guard = formula(s);
	if (!strpbrk(s, ",\"\n\r")) {
		if (guard)
			fputc('\'', fp);
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	if (guard)
		fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

void cd_json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\t': fputs("\\t", fp); break;
		default:
			if (*p < 0x20)
				fprintf(fp, "\\u%04x", *p);
			else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}
