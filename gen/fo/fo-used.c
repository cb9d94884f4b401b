/* fo/fo-used.c - the values of the properties layout (and the bookmarks of render.c) read where
 * they use them, the P_OTHER rows of fo-props.c: keywords, lengths or auto, content sizes, column
 * widths, page numbering, page margins, roles, image sources, characters. Layout gets numbers and enums;
 * each error names the value, property and element. */
#include "fo/fo-internal.h"

#include <stdlib.h>
#include <string.h>

/* The keyword properties: their words, and the computed value of each (NULL: its index). */
static const char *const w_position[] = { "auto", "absolute", "fixed", NULL };
static const char *const w_scaling[] = { "uniform", "non-uniform", NULL };
static const char *const w_pattern[] = { "space", "rule", "dots", NULL };
static const char *const w_rule_style[] = { "solid", "dashed", "dotted", NULL };
static const int v_rule_style[] = { BORDER_SOLID, BORDER_DASHED, BORDER_DOTTED };
static const char *const w_table_layout[] = { "auto", "fixed", NULL };
static const char *const w_bool[] = { "false", "true", NULL };
static const char *const w_force[] = { "auto", "even", "odd", "end-on-even", "end-on-odd", "no-force", NULL };
static const char *const w_page_position[] = { "any", "first", "rest", "last", "only", NULL };
static const char *const w_odd_even[] = { "any", "odd", "even", NULL };
static const char *const w_blank[] = { "any", "blank", "not-blank", NULL };
static const char *const w_state[] = { "show", "hide", NULL };
static const char *const w_retrieve_position[] = { "first-starting-within-page", "first-including-carryover",
                                                   "last-starting-within-page", "last-ending-within-page", NULL };
static const char *const w_retrieve_boundary[] = { "page", "page-sequence", "document", NULL };

static const struct keyword_prop {
	const char *prop;
	const char *const *words;
	const int *values;
	int unsupported;   /* a word XSL has beyond these ("inherit") is "unsupported", not "invalid" */
} keyword_props[] = {
	{ .prop = "absolute-position", .words = w_position },
	{ .prop = "scaling", .words = w_scaling },
	{ .prop = "leader-pattern", .words = w_pattern },
	{ .prop = "rule-style", .words = w_rule_style, .values = v_rule_style },
	{ .prop = "table-layout", .words = w_table_layout },
	{ .prop = "table-omit-header-at-break", .words = w_bool },
	{ .prop = "table-omit-footer-at-break", .words = w_bool },
	{ .prop = "force-page-count", .words = w_force },
	{ .prop = "page-position", .words = w_page_position },
	{ .prop = "odd-or-even", .words = w_odd_even, .unsupported = 1 },
	{ .prop = "blank-or-not-blank", .words = w_blank, .unsupported = 1 },
	{ .prop = "starting-state", .words = w_state },
	{ .prop = "retrieve-position", .words = w_retrieve_position },
	{ .prop = "retrieve-boundary", .words = w_retrieve_boundary },
};

int fo_keyword(const fo_src *src, xmlNode *n, const char *prop, int *out)
{
	const struct keyword_prop *k = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(keyword_props) && !k; i++)
		if (strcmp(keyword_props[i].prop, prop) == 0)
			k = &keyword_props[i];
	g_assert(k);   /* a property missing from the table is a mistake in the calling code */
	const char *v = fo_attr(n, prop);
	if (!v)
		return 0;
	int i;
	if (fo_word(k->unsupported ? NULL : src, n, prop, v, k->words, &i) < 0)
		return k->unsupported ? cd_error_at(src->name, xmlGetLineNo(n), "unsupported value '%s' for property '%s' on %s",
		                                    v, prop, fo_kind_name(fo_kind_of(n)))
		                      : -CD_EXIT_INVALID;
	*out = k->values ? k->values[i] : i;
	return 0;
}

int fo_length_or_auto(const fo_src *src, xmlNode *n, const char *prop, double em, double pct_base, double *out)
{
	const char *v = fo_attr(n, prop);
	if (!v || strcmp(v, "auto") == 0)
		return 0;
	return fo_length(src, n, prop, v, em, pct_base, out) < 0 ? -CD_EXIT_INVALID : 1;
}

int fo_content_size(const fo_src *src, xmlNode *n, const char *prop, double em, double pct_base, double *out)
{
	const char *v = fo_attr(n, prop);
	if (!v || strcmp(v, "auto") == 0)
		return CONTENT_AUTO;
	if (strcmp(v, "scale-to-fit") == 0)
		return CONTENT_SCALE_TO_FIT;
	return fo_length(src, n, prop, v, em, pct_base, out) < 0 ? -CD_EXIT_INVALID : CONTENT_LENGTH;
}

#define PCW "proportional-column-width("

int fo_column_width(const fo_src *src, xmlNode *n, double em, double pct_base, double *fixed, double *share)
{
	const char *v = fo_attr(n, "column-width");
	if (v && strncmp(v, PCW, strlen(PCW)) == 0) {
		char *end;
		double x = g_ascii_strtod(v + strlen(PCW), &end);
		if (end == v + strlen(PCW) || strcmp(end, ")") != 0 || !(x > 0))
			return fo_bad_value(src, n, "column-width", v);
		*share = x;
	} else if (v && strcmp(v, "auto") != 0) {
		if (fo_length(src, n, "column-width", v, em, pct_base, fixed) < 0)
			return -CD_EXIT_INVALID;
		*share = 0;
	}
	return 0;
}

int fo_max_repeats(const fo_src *src, xmlNode *n, int *out)
{
	const char *v = fo_attr(n, "maximum-repeats");
	*out = -1;
	if (!v || strcmp(v, "no-limit") == 0)
		return 0;
	return fo_integer(src, n, "maximum-repeats", v, 0, out);
}

int fo_initial_page_number(const fo_src *src, xmlNode *n, int *num)
{
	static const char *const autos[] = { "auto", "auto-odd", "auto-even", NULL };
	const char *v = fo_attr(n, "initial-page-number");
	int i;
	if (!v)
		return PAGE_NUMBER_AUTO;
	if (fo_word(NULL, n, NULL, v, autos, &i) == 0)
		return i;   /* PAGE_NUMBER_AUTO, _AUTO_ODD, _AUTO_EVEN */
	if (!src) {
		char *end;
		long x = strtol(fo_skip_ws(v), &end, 10);
		if (end == fo_skip_ws(v) || *fo_skip_ws(end) || x < 0 || x > 1000000)
			return PAGE_NUMBER_AUTO;
		*num = (int)x;
		return PAGE_NUMBER_SET;
	}
	return fo_integer(src, n, "initial-page-number", v, 0, num) < 0 ? -CD_EXIT_INVALID : PAGE_NUMBER_SET;
}

int fo_page_format(const fo_src *src, xmlNode *n, char *fmt, int *width)
{
	static const char *const letters[] = { "i", "I", "a", "A", NULL };
	const char *v = fo_attr(n, "format");
	int i;
	if (!v)
		return 0;
	size_t len = strlen(v);
	if (len >= 1 && strspn(v, "0") == len - 1 && v[len - 1] == '1')
		*width = (int)len;
	else if (fo_word(NULL, n, NULL, v, letters, &i) == 0)
		*fmt = v[0];
	else
		return fo_bad_value(src, n, "format", v);
	return 0;
}

/* The margin shorthand's value for side i (top, bottom, left, right): 1 to 4 values in CSS
 * order, more than four ignored. */
static int margin_side(const fo_src *src, xmlNode *n, const char *all, int i, double w, double *out)
{
	char *t = g_strstrip(g_strdup(all));
	int one_value = !strchr(t, ' ');
	g_free(t);
	if (one_value)
		return fo_length(src, n, "margin", all, 12, w, out);
	char **tok = g_strsplit_set(all, " \t\n", -1);
	char *vals[4] = { 0 };
	int k = 0;
	for (int j = 0; tok[j]; j++)
		if (*tok[j] && k < 4)
			vals[k++] = tok[j];
	if (k == 0) {
		g_strfreev(tok);
		return fo_bad_value(src, n, "margin", all);
	}
	/* CSS order: top right bottom left */
	const char *pick[4][4] = { { vals[0], vals[0], vals[0], vals[0] },
	                           { vals[0], vals[0], vals[1], vals[1] },
	                           { vals[0], vals[2], vals[1], vals[1] },
	                           { vals[0], vals[2], vals[3], vals[1] } };
	int rc = fo_length(src, n, "margin", pick[k - 1][i], 12, w, out);
	g_strfreev(tok);
	return rc;
}

int fo_page_margins(const fo_src *src, xmlNode *n, double w, double m[4])
{
	static const char *const names[4] = { "margin-top", "margin-bottom", "margin-left", "margin-right" };
	const char *all = fo_attr(n, "margin");
	m[0] = m[1] = m[2] = m[3] = 0;
	for (int i = 0; i < 4; i++) {
		const char *v = fo_attr(n, names[i]);
		if (!v && all && margin_side(src, n, all, i, w, &m[i]) < 0)
			return -CD_EXIT_INVALID;
		if (v && fo_length(src, n, names[i], v, 12, w, &m[i]) < 0)
			return -CD_EXIT_INVALID;
	}
	return 0;
}

static const char *const roles[] = {
	"Document", "Part", "Sect", "Div", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl",
	"LBody", "Table", "THead", "TBody", "TFoot", "TR", "TH", "TD", "Link", "Figure", "Caption", "Span",
	"Quote", "BlockQuote", "Note", "Code", "Artifact", "Form", "Index", "TOC", "TOCI", NULL
};

int fo_check_role(const fo_src *src, xmlNode *n, const char *role)
{
	int i;
	return role ? fo_word(src, n, "role", role, roles, &i) : 0;
}

char *fo_uri(const char *v)
{
	char *s = g_strstrip(g_strdup(v));
	size_t n = strlen(s);
	if (n > 5 && strncmp(s, "url(", 4) == 0 && s[n - 1] == ')') {
		memmove(s, s + 4, n - 4);
		s[n - 5] = 0;
		g_strstrip(s);
		n = strlen(s);
		if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
			memmove(s, s + 1, n - 2);
			s[n - 2] = 0;
		}
	}
	return s;
}

char *fo_graphic_src(const fo_src *src, xmlNode *n)
{
	const char *v = fo_attr(n, "src");
	if (!v) {
		cd_error_at(src->name, xmlGetLineNo(n), "fo:external-graphic needs a 'src'");
		return NULL;
	}
	char *rel = fo_uri(v);
	if (strncmp(rel, "file:", 5) == 0)
		memmove(rel, rel + 5, strlen(rel + 5) + 1);
	if (strstr(rel, "://")) {
		cd_error_at(src->name, xmlGetLineNo(n), "unsupported value '%s' for 'src' on fo:external-graphic: only local PNG files", v);
		g_free(rel);
		return NULL;
	}
	return rel;
}

const char *fo_attr_not_auto(xmlNode *n, const char *prop)
{
	const char *v = fo_attr(n, prop);
	return v && strcmp(v, "auto") != 0 ? v : NULL;
}

const char *fo_character(const fo_src *src, xmlNode *n)
{
	const char *c = fo_attr(n, "character");
	if (!c || !*c || g_utf8_strlen(c, -1) != 1) {
		cd_error_at(src->name, xmlGetLineNo(n), "fo:character needs one 'character'");
		return NULL;
	}
	return c;
}
