/* fo/fo-value.c - parsing one property value: lengths, colours, integers, keywords, borders,
 * the 1-to-4 value shorthands and font sizes. Each error names the value, property and element. */
#include "fo/fo-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

char *fo_skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return (char *)s;
}

int fo_length(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double pct_base, double *out)
{
	const char *s = fo_skip_ws(v);
	char *end;
	double x = g_ascii_strtod(s, &end);
	if (end == s || !isfinite(x))
		return fo_bad_value(src, n, prop, v);
	const char *u = end;
	char *rest;
	double f;
	if (strncmp(u, "pt", 2) == 0) f = 1, rest = (char *)u + 2;
	else if (strncmp(u, "mm", 2) == 0) f = 72 / 25.4, rest = (char *)u + 2;
	else if (strncmp(u, "cm", 2) == 0) f = 72 / 2.54, rest = (char *)u + 2;
	else if (strncmp(u, "in", 2) == 0) f = 72, rest = (char *)u + 2;
	else if (strncmp(u, "pc", 2) == 0) f = 12, rest = (char *)u + 2;
	else if (strncmp(u, "px", 2) == 0) f = 0.75, rest = (char *)u + 2;
	else if (strncmp(u, "em", 2) == 0) f = em, rest = (char *)u + 2;
	else if (*u == '%' && pct_base >= 0) f = pct_base / 100, rest = (char *)u + 1;
	else if (x == 0) f = 0, rest = (char *)u;
	else return fo_bad_value(src, n, prop, v);
	if (*fo_skip_ws(rest))
		return fo_bad_value(src, n, prop, v);
	*out = x * f;
	return 0;
}

static const struct { const char *name; unsigned rgb; } color_names[] = {
	{ "black", 0x000000 }, { "white", 0xffffff }, { "red", 0xff0000 }, { "green", 0x008000 },
	{ "blue", 0x0000ff }, { "gray", 0x808080 }, { "grey", 0x808080 }, { "silver", 0xc0c0c0 },
	{ "maroon", 0x800000 }, { "navy", 0x000080 }, { "teal", 0x008080 }, { "olive", 0x808000 },
	{ "purple", 0x800080 }, { "yellow", 0xffff00 }, { "aqua", 0x00ffff }, { "fuchsia", 0xff00ff },
	{ "lime", 0x00ff00 }, { "orange", 0xffa500 },
};

int fo_color(const fo_src *src, xmlNode *n, const char *prop, const char *v, cd_rgba *out)
{
	const char *s = fo_skip_ws(v);
	unsigned rgb = 0;
	if (strcmp(s, "transparent") == 0) {
		*out = (cd_rgba){ 0, 0, 0, 0 };
		return 0;
	}
	if (*s == '#') {
		size_t len = strspn(s + 1, "0123456789abcdefABCDEF");
		if ((len != 3 && len != 6) || s[1 + len])
			return fo_bad_value(src, n, prop, v);
		rgb = (unsigned)strtoul(s + 1, NULL, 16);
		if (len == 3)
			rgb = ((rgb & 0xf00) << 12 | (rgb & 0xf00) << 8 | (rgb & 0xf0) << 8 | (rgb & 0xf0) << 4 |
			       (rgb & 0xf) << 4 | (rgb & 0xf));
	} else if (strncmp(s, "rgb(", 4) == 0) {
		int r, g, b;
		char close = 0;
		if (sscanf(s + 4, " %d , %d , %d %c", &r, &g, &b, &close) != 4 || close != ')' ||
		    r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255)
			return fo_bad_value(src, n, prop, v);
		rgb = (unsigned)(r << 16 | g << 8 | b);
	} else {
		size_t i;
		for (i = 0; i < G_N_ELEMENTS(color_names); i++)
			if (strcmp(s, color_names[i].name) == 0)
				break;
		if (i == G_N_ELEMENTS(color_names))
			return fo_bad_value(src, n, prop, v);
		rgb = color_names[i].rgb;
	}
	*out = (cd_rgba){ (rgb >> 16 & 255) / 255.0, (rgb >> 8 & 255) / 255.0, (rgb & 255) / 255.0, 1 };
	return 0;
}

int fo_integer(const fo_src *src, xmlNode *n, const char *prop, const char *v, int min, int *out)
{
	char *end;
	long x = strtol(fo_skip_ws(v), &end, 10);
	if (end == fo_skip_ws(v) || *fo_skip_ws(end) || x < min || x > 1000000)
		return fo_bad_value(src, n, prop, v);
	*out = (int)x;
	return 0;
}

int fo_keep_value(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
{
	if (strcmp(v, "auto") == 0)
		*out = 0;
	else if (strcmp(v, "always") == 0)
		*out = KEEP_ALWAYS;
	else if (fo_integer(src, n, prop, v, 1, out) < 0)
		return -CD_EXIT_INVALID;
	else if (*out >= KEEP_ALWAYS)
		*out = KEEP_ALWAYS - 1;
	return 0;
}

int fo_word(const fo_src *src, xmlNode *n, const char *prop, const char *v, const char *const *words, int *out)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(v, words[i]) == 0) {
			*out = i;
			return 0;
		}
	return src ? fo_bad_value(src, n, prop, v) : -CD_EXIT_INVALID;
}

int fo_border_width(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double *out)
{
	if (strcmp(v, "thin") == 0) *out = 0.5;
	else if (strcmp(v, "medium") == 0) *out = 1;
	else if (strcmp(v, "thick") == 0) *out = 2;
	else return fo_length(src, n, prop, v, em, -1, out);
	return 0;
}

const char *const fo_border_styles[] = { "none", "solid", "dashed", "dotted", "hidden", NULL };

int fo_border_style(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
{
	int r = fo_word(src, n, prop, v, fo_border_styles, out);
	if (*out == 4)
		*out = BORDER_NONE;
	return r;
}

/* "1pt solid black" in any order. */
int fo_border_shorthand(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, fo_border *b)
{
	char **tok = g_strsplit_set(v, " \t\n", -1);
	fo_border r = { 1, BORDER_NONE, { 0, 0, 0, 1 }, b->retain };
	int have_style = 0, rc = 0;
	for (int i = 0; tok[i] && rc == 0; i++) {
		const char *t = tok[i];
		if (!*t)
			continue;
		int st;
		if (!have_style && fo_word(NULL, NULL, NULL, t, fo_border_styles, &st) == 0) {
			r.style = st == 4 ? BORDER_NONE : st;
			have_style = 1;
		} else if ((t[0] >= '0' && t[0] <= '9') || t[0] == '.' || !strcmp(t, "thin") || !strcmp(t, "medium") ||
		           !strcmp(t, "thick")) {
			rc = fo_border_width(src, n, prop, t, em, &r.width);
		} else {
			rc = fo_color(src, n, prop, t, &r.color);
		}
	}
	g_strfreev(tok);
	if (rc == 0)
		*b = r;
	return rc;
}

/* 1 to 4 values, CSS order: top right bottom left. Returns the count, or negative. */
int fo_four(const char *v, char *out[4])
{
	char **tok = g_strsplit_set(v, " \t\n", -1);
	int k = 0;
	for (int i = 0; tok[i]; i++) {
		if (!*tok[i])
			continue;
		if (k == 4) {
			k = -1;
			break;
		}
		out[k++] = g_strdup(tok[i]);
	}
	g_strfreev(tok);
	if (k <= 0) {
		for (int i = 0; i < 4 && k < 0; i++)
			g_free(out[i]);
		return -1;
	}
	if (k == 1) out[1] = g_strdup(out[0]);
	if (k <= 2) out[2] = g_strdup(out[0]);
	if (k <= 3) out[3] = g_strdup(out[1]);
	/* CSS order top right bottom left -> our sides before after start end */
	char *t = out[1]; out[1] = out[2]; out[2] = out[3]; out[3] = t;
	return k;
}

static const char *const align_words[] = { "start", "center", "end", "justify", "left", "right", "inside", "outside", NULL };

int fo_text_align(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
{
	int a = 0;
	if (fo_word(src, n, prop, v, align_words, &a) < 0)
		return -CD_EXIT_INVALID;
	static const int map[] = { ALIGN_START, ALIGN_CENTER, ALIGN_END, ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_RIGHT,
	                           ALIGN_START, ALIGN_END };
	*out = map[a];
	return 0;
}

int fo_font_size(const fo_src *src, xmlNode *n, const char *v, double parent, double *out)
{
	static const struct { const char *w; double pt; } kw[] = {
		{ "xx-small", 7 }, { "x-small", 8 }, { "small", 10 }, { "medium", 12 }, { "large", 14 },
		{ "x-large", 17 }, { "xx-large", 20 },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(kw); i++)
		if (strcmp(v, kw[i].w) == 0) {
			*out = kw[i].pt;
			return 0;
		}
	if (strcmp(v, "larger") == 0) { *out = parent * 1.2; return 0; }
	if (strcmp(v, "smaller") == 0) { *out = parent / 1.2; return 0; }
	if (fo_length(src, n, "font-size", v, parent, parent, out) < 0)
		return -CD_EXIT_INVALID;
	if (*out <= 0 || *out > 1000)
		return fo_bad_value(src, n, "font-size", v);
	return 0;
}
