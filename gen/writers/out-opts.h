/* writers/out-opts.h - writer option strings: "key=value,key=value" (as mupdf's writer options).
 *
 * A value may hold a comma or a backslash escaped with a backslash ("a\,b", "a\\b");
 * cd_wopts_escape() does that for a caller building a string. A key without "=" has the value
 * "yes". Option strings may carry passwords (haru): never print one; messages name keys only. */
#ifndef CD_OUT_OPTS_H
#define CD_OUT_OPTS_H

#include <glib.h>

typedef struct cd_wopt {
	char *key, *val;
} cd_wopt;

/* Splits `opts` (NULL or "" for none) into *list and *n and checks every key against `known`
 * (NULL-terminated). An unknown or repeated key, or an empty key, is an error naming the writer:
 * "cindoc: writer 'png': unknown option 'x' (known: dpi)". Returns 0 or -CD_EXIT_USAGE. */
int cd_wopts_parse(const char *writer, const char *opts, const char *const *known,
                   cd_wopt **list, size_t *n);
/* The value of `key`, or NULL when absent. */
const char *cd_wopts_get(const cd_wopt *list, size_t n, const char *key);
/* Frees the list, wiping every value first (they may be passwords). */
void cd_wopts_free(cd_wopt *list, size_t n);
/* Appends "key=escaped-value" to s, with a leading comma unless s is empty or already ends
 * with one. */
void cd_wopts_append(GString *s, const char *key, const char *val);
/* Parses a yes/no value: 1, 0, or -1 when it is neither. */
int cd_wopts_bool(const char *val);

#endif
