/* case/lint-jargon.c - jargon children asked us to drop (templates/jargon.txt): the list, and the
 * scan of text written for the child. */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"
#include "case/lint-internal.h"

/* ================================================================== jargon */

struct term {
	char *text;
	size_t len;
	int exact;   /* capitals and digits only: match case */
	int explain; /* fine when an explanation follows */
	char *advice;
};

struct cd_jargon {
	GArray *terms; /* struct term */
};

void cd_jargon_free(cd_jargon *j)
{
	if (!j)
		return;
	for (guint i = 0; i < j->terms->len; i++) {
		struct term *t = &g_array_index(j->terms, struct term, i);
		g_free(t->text);
		g_free(t->advice);
	}
	g_array_free(j->terms, TRUE);
	g_free(j);
}

static int all_caps(const char *s)
{
	for (; *s; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != ' ')
			return 0;
	return 1;
}

cd_jargon *cd_jargon_load(const char *path, int *rc)
{
	char *data = NULL;
	*rc = cd_read_file(path, &data, NULL);
	if (*rc < 0)
		return NULL;
	cd_jargon *j = g_new0(cd_jargon, 1);
	j->terms = g_array_new(FALSE, TRUE, sizeof(struct term));
	char **lines = g_strsplit(data, "\n", -1);
	g_free(data);
	for (int i = 0; lines[i]; i++) {
		char *line = lines[i];
		g_strchomp(line);
		if (!*line || *line == '#')
			continue;
		char **f = g_strsplit(line, "\t", -1);
		int ok = g_strv_length(f) == 3 && *g_strstrip(f[0]) && *g_strstrip(f[2]);
		if (!ok) {
			*rc = cd_error_at(path, i + 1, "a jargon line is TERM, RULE and ADVICE separated by tabs");
		} else if (strcmp(f[1], "drop") != 0 && strcmp(f[1], "explain") != 0) {
			*rc = cd_error_at(path, i + 1, "unknown rule '%s' (drop or explain)", f[1]);
			ok = 0;
		}
		if (ok) {
			struct term t = {
				.text = g_strdup(f[0]),
				.len = strlen(f[0]),
				.exact = all_caps(f[0]),
				.explain = strcmp(f[1], "explain") == 0,
				.advice = g_strdup(f[2]),
			};
			g_array_append_val(j->terms, t);
		}
		g_strfreev(f);
		if (!ok)
			break;
	}
	g_strfreev(lines);
	if (*rc < 0) {
		cd_jargon_free(j);
		return NULL;
	}
	return j;
}

/* Letters, digits and any byte of a multi-byte UTF-8 character are part of a word. */
int lint_wordch(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* After a term that may be explained: "(", ",", ":" or a dash (-, en or em dash). */
static int explained(const char *p)
{
	while (*p == ' ')
		p++;
	return *p == '(' || *p == ',' || *p == ':' || *p == '-' ||
	       strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0;
}

const char *cd_jargon_find(const cd_jargon *j, const char *text, const char **advice)
{
	/* White space of any kind and length matches the single space of a term. */
	GString *s = g_string_new(NULL);
	for (const char *p = text; *p; p++) {
		if (isspace((unsigned char)*p)) {
			if (s->len && s->str[s->len - 1] != ' ')
				g_string_append_c(s, ' ');
		} else {
			g_string_append_c(s, *p);
		}
	}
	const char *found = NULL;
	for (size_t i = 0; i < s->len && !found; i++) {
		if (i > 0 && lint_wordch((unsigned char)s->str[i - 1]))
			continue;
		for (guint k = 0; k < j->terms->len; k++) {
			const struct term *t = &g_array_index(j->terms, struct term, k);
			if (i + t->len > s->len)
				continue;
			int same = t->exact ? strncmp(s->str + i, t->text, t->len) == 0
			                    : g_ascii_strncasecmp(s->str + i, t->text, t->len) == 0;
			if (!same || lint_wordch((unsigned char)s->str[i + t->len]))
				continue;
			if (t->explain && explained(s->str + i + t->len))
				continue;
			found = t->text;
			if (advice)
				*advice = t->advice;
			break;
		}
	}
	g_string_free(s, TRUE);
	return found;
}

/* ------------------------------------------------------------------ jargon in the text */

/* Text written for the child: not quotes or scores (people's own words), names or roles. */
static const char *const for_child[] = {
	"p", "need", "obstacles", "how", "goal", "question", "zero", "ten", "service",
	"not-sought", "access", "transport", "report", "disability",
};

void lint_check_jargon(struct lc *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || cd_case_is(n, "authority"))
			continue;
		int wanted = 0;
		for (size_t i = 0; i < G_N_ELEMENTS(for_child); i++)
			wanted |= cd_case_is(n, for_child[i]);
		/* <service> also names the authority's service: only plan services are text. */
		if (cd_case_is(n, "service") && !cd_case_is(n->parent, "services"))
			wanted = 0;
		if (wanted) {
			char *t = lint_text(n);
			const char *advice = NULL;
			const char *term = cd_jargon_find(c->l->jargon, t, &advice);
			if (term)
				lint_report(c, 0, n, "'%s' is jargon children asked us not to use: %s", term, advice);
			g_free(t);
			continue;
		}
		lint_check_jargon(c, n->children);
	}
}

