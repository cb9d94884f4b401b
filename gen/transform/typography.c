/* transform/typography.c - typographic marks in the text of a document (typography.h). */
#include "transform/typography.h"

#include <string.h>

#include <glib.h>

/* A doubled full stop made one; an ellipsis kept ("..." stays, "2026 r.." reads "2026 r."). */
static void one_stop(GString *out, const char *s)
{
	const char *p;
	while ((p = strstr(s, ".."))) {
		g_string_append_len(out, s, p - s);
		if (p[2] == '.') {
			g_string_append(out, "...");
			s = p + 3;
		} else {
			g_string_append_c(out, '.');
			s = p + 2;
		}
	}
	g_string_append(out, s);
}

/* The characters after which a straight mark opens (besides the start of the text). */
static const char opening_after[] = " \t\n\r([{\xe2\x80\x98\xe2\x80\x9c\xe2\x80\x9e\xe2\x80\x94\xe2\x80\x93-/";

/* Straight marks made curly; each mark is judged by the character before it (the straight mark
 * itself when it follows another mark: a mark after a mark closes). */
static void curly(GString *out, const char *s)
{
	char prev[8] = "";
	for (;;) {
		size_t head = strcspn(s, "'\"");
		if (!s[head]) {
			g_string_append(out, s);
			return;
		}
		if (head) {
			const char *last = g_utf8_find_prev_char(s, s + head);
			size_t n = last ? (size_t)(s + head - last) : 1;
			if (!last)
				last = s + head - 1;
			if (n >= sizeof prev)
				n = sizeof prev - 1;
			memcpy(prev, last, n);
			prev[n] = '\0';
		}
		int opening = !*prev || strstr(opening_after, prev) != NULL;
		char mark = s[head];
		g_string_append_len(out, s, (gssize)head);
		if (mark == '"')
			g_string_append(out, opening ? "\xe2\x80\x9c" : "\xe2\x80\x9d");
		else
			g_string_append(out, opening ? "\xe2\x80\x98" : "\xe2\x80\x99");
		prev[0] = mark;
		prev[1] = '\0';
		s += head + 1;
	}
}

char *cd_typography_text(const char *s)
{
	GString *stop = g_string_new(NULL);
	one_stop(stop, s);
	if (!strpbrk(stop->str, "'\""))
		return g_string_free(stop, FALSE);
	GString *out = g_string_sized_new(stop->len + 16);
	curly(out, stop->str);
	g_string_free(stop, TRUE);
	return g_string_free(out, FALSE);
}

static void walk(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE) {
			walk(n->children);
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
		           (strstr((const char *)n->content, "..") || strpbrk((const char *)n->content, "'\""))) {
			char *t = cd_typography_text((const char *)n->content);
			xmlNodeSetContent(n, (const xmlChar *)t);
			g_free(t);
		}
	}
}

void cd_typography(xmlDocPtr doc)
{
	if (doc)
		walk(doc->children);
}
