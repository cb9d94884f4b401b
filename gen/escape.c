/* escape.c - CSV fields and JSON strings (escape.h). */
#include "escape.h"

#include <string.h>

/* The first characters that make a spreadsheet read a cell as a formula. */
static int formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

void cd_csv_field(FILE *fp, const char *s)
{
	int guard = formula_start(s[0]);
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
