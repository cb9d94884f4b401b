/* case/lint-withheld.c - what is withheld from someone must not be given to them elsewhere:
 * addresses, and text naming their postcode, town or street. */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"
#include "case/lint-internal.h"

static char *normal_form(const char *s, int tight);

/* A withheld address must not be given, unwithheld, somewhere else (a child who lives with the
 * parent whose address is withheld). Same address: same postcode and first line. */
static char *address_key(xmlNodePtr a)
{
	char *pc = lint_text(cd_case_first(a, "postcode"));
	char *l1 = lint_text(cd_case_first(a, "line"));
	GString *k = g_string_new(NULL);
	for (const char *p = pc; *p; p++)
		if (!isspace((unsigned char)*p))
			g_string_append_c(k, (char)toupper((unsigned char)*p));
	g_string_append_c(k, '|');
	char *line = normal_form(l1, 0); /* "1  Test street" is "1 Test Street" */
	g_string_append(k, line);
	g_free(line);
	g_free(pc);
	g_free(l1);
	return g_string_free(k, FALSE);
}

void lint_check_withheld_addresses(struct lc *c)
{
	/* Addresses grouped by key, so that the work grows with the addresses, not their square. */
	GHashTable *groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                           (GDestroyNotify)g_ptr_array_unref);
	GPtrArray *keys = g_ptr_array_new(); /* in document order */
	const char *owners[][2] = { { "children", "child" }, { "people", "person" } };
	for (size_t g = 0; g < G_N_ELEMENTS(owners); g++)
		for (xmlNodePtr o = cd_case_first(cd_case_first(c->root, owners[g][0]), owners[g][1]); o;
		     o = cd_case_next(o, owners[g][1])) {
			xmlNodePtr a = cd_case_first(o, "address");
			if (!a)
				continue;
			char *key = address_key(a);
			GPtrArray *list = g_hash_table_lookup(groups, key);
			if (!list) {
				list = g_ptr_array_new();
				g_hash_table_insert(groups, key, list);
				g_ptr_array_add(keys, key);
			} else {
				g_free(key);
			}
			g_ptr_array_add(list, a);
		}
	for (guint k = 0; k < keys->len && !lint_full(c); k++) {
		GPtrArray *list = g_hash_table_lookup(groups, keys->pdata[k]);
		/* Each id this address is withheld from, with the first address that withholds it. */
		GHashTable *from = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		GPtrArray *ids = g_ptr_array_new();
		for (guint i = 0; i < list->len; i++) {
			xmlNodePtr a = list->pdata[i];
			char **toks = g_strsplit_set(cd_case_attr(a, "withheld-from") ? cd_case_attr(a, "withheld-from") : "",
			                             " \t\r\n", -1);
			for (char **t = toks; *t; t++)
				if (**t && !g_hash_table_contains(from, *t)) {
					char *id = g_strdup(*t);
					g_hash_table_insert(from, id, a);
					g_ptr_array_add(ids, id);
				}
			g_strfreev(toks);
		}
		for (guint j = 0; j < list->len && ids->len && !lint_full(c); j++) {
			xmlNodePtr b = list->pdata[j];
			const char *owner = cd_case_attr(b->parent, "id");
			for (guint i = 0; i < ids->len; i++) {
				const char *id = ids->pdata[i];
				xmlNodePtr a = g_hash_table_lookup(from, id);
				if (a != b && strcmp(id, owner) != 0 && !cd_case_withheld(b, id))
					lint_report(c, 0, b, "the address of %s is the address withheld from %s on line %ld, but is not withheld from them",
					       lint_who(c, owner), lint_who(c, id), cd_case_line(a));
			}
		}
		g_ptr_array_free(ids, TRUE);
		g_hash_table_destroy(from);
	}
	g_ptr_array_free(keys, TRUE);
	g_hash_table_destroy(groups);
}

/* The town, postcode and address lines (street, building) of a withheld address must not be
 * given, unwithheld, in the text either ("a new school in Southmere", "the flats on Wharf Lane"
 * tell the reader where the family lives). Text is compared in a normal form: case folded, any
 * run of spaces or punctuation between two words matches any other, and a postcode matches
 * with or without its space ("NB9 6HH", "nb96hh", "NB9  6HH"). */
struct needle {
	char *text;       /* as written in the address */
	char *norm;       /* normal form: case folded words joined by one space (postcode: no space) */
	const char *kind; /* "the town", "the postcode" or "part of a line" */
	char *id;         /* withheld from */
	xmlNodePtr addr;  /* the address that withholds it */
};

/* At most this many (word, recipient) pairs are looked for: the work is pairs times text. */
#define MAX_NEEDLES 128

/* Words of s, case folded, joined by one space; with `tight`, joined by nothing. */
static char *normal_form(const char *s, int tight)
{
	char *fold = g_utf8_casefold(s, -1);
	GString *out = g_string_new(NULL);
	int gap = 0;
	for (const char *p = fold; *p; p++) {
		if (!lint_wordch((unsigned char)*p)) {
			gap = out->len > 0;
			continue;
		}
		if (gap && !tight)
			g_string_append_c(out, ' ');
		gap = 0;
		g_string_append_c(out, *p);
	}
	g_free(fold);
	return g_string_free(out, FALSE);
}

/* 1 when `hay` (case folded) holds `w` as whole words: a space of the needle matches any run of
 * non-word characters; for a postcode (no space in the needle) blanks may come between any two
 * of its characters. */
static int names(const char *hay, const struct needle *w)
{
	int postcode = strcmp(w->kind, "the postcode") == 0;
	for (const char *h = hay; *h; h++) {
		if (!lint_wordch((unsigned char)*h) || (h > hay && lint_wordch((unsigned char)h[-1])) || *h != w->norm[0])
			continue;
		const char *p = h, *n = w->norm;
		while (*n) {
			if (*n == ' ') {
				if (!*p || lint_wordch((unsigned char)*p))
					break;
				while (*p && !lint_wordch((unsigned char)*p))
					p++;
				n++;
			} else if (*p == *n) {
				p++;
				n++;
			} else if (postcode && p > h && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
				p++;
			} else {
				break;
			}
		}
		if (!*n && !lint_wordch((unsigned char)*p))
			return 1;
	}
	return 0;
}

static void scan_text(struct lc *c, xmlNodePtr n, GArray *needles)
{
	for (; n && !lint_full(c); n = n->next) {
		if (n->type != XML_ELEMENT_NODE || cd_case_is(n, "address") || cd_case_is(n, "authority"))
			continue;
		int has_text = 0;
		for (xmlNodePtr t = n->children; t && !has_text; t = t->next)
			has_text = (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
			           t->content && !xmlIsBlankNode(t);
		if (has_text) {
			char *raw = lint_text(n);
			char *txt = g_utf8_casefold(raw, -1); /* needles are case folded too */
			g_free(raw);
			for (guint i = 0; i < needles->len; i++) {
				struct needle *w = &g_array_index(needles, struct needle, i);
				if (names(txt, w) && !cd_case_withheld(n, w->id))
					lint_report(c, 0, n, "this text names '%s', %s of the address withheld from %s on line %ld, but is not withheld from them",
					       w->text, w->kind, lint_who(c, w->id), cd_case_line(w->addr));
			}
			g_free(txt);
		}
		scan_text(c, n->children, needles);
	}
}

/* The parts of an address line worth looking for: split at commas, a leading house number
 * dropped ("Flat 11, Heron House" -> "Flat 11", "Heron House"; "56 Stonebridge Road" ->
 * "Stonebridge Road"). */
static char **line_parts(const char *line)
{
	char **parts = g_strsplit(line, ",", -1);
	for (char **p = parts; *p; p++) {
		char *s = g_strstrip(*p);
		const char *q = s;
		while (*q && (g_ascii_isdigit(*q) || (q > s && g_ascii_isalpha(*q) && g_ascii_isdigit(q[-1])) || *q == '-' || *q == '/'))
			q++;
		if (q > s && (*q == ' ' || *q == '\t'))
			memmove(s, q, strlen(q) + 1);
		g_strstrip(s);
	}
	return parts;
}

/* 1 when some address of the case not withheld from `id` has the same town, or the same
 * address line part (`norm`, normal form): naming it gives nothing away. */
static int known_elsewhere(struct lc *c, xmlNodePtr n, const char *kind, const char *norm, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (cd_case_is(n, "address")) {
			if (cd_case_withheld(n, id))
				continue;
			int same = 0;
			for (xmlNodePtr f = cd_case_first(n, kind); f && !same; f = cd_case_next(f, kind)) {
				char *t = lint_text(f);
				char **parts = strcmp(kind, "line") == 0 ? line_parts(t) : g_strsplit(t, "\n", 1);
				for (char **part = parts; *part && !same; part++) {
					char *x = normal_form(*part, 0);
					same = strcmp(x, norm) == 0;
					g_free(x);
				}
				g_strfreev(parts);
				g_free(t);
			}
			if (same)
				return 1;
			continue;
		}
		if (known_elsewhere(c, n->children, kind, norm, id))
			return 1;
	}
	return 0;
}

/* Adds a needle unless it is there already, too short to mean anything, or known elsewhere. */
static void add_needle(struct lc *c, GArray *needles, const char *word, const char *kind,
                       const char *id, xmlNodePtr addr)
{
	int postcode = strcmp(kind, "the postcode") == 0;
	char *norm = normal_form(word, postcode);
	int dup = !*id || g_utf8_strlen(norm, -1) < 3 || needles->len >= MAX_NEEDLES;
	for (guint i = 0; i < needles->len && !dup; i++) {
		struct needle *w = &g_array_index(needles, struct needle, i);
		dup = strcmp(w->norm, norm) == 0 && strcmp(w->id, id) == 0;
	}
	/* A town or street that an address they may see also has gives nothing away (a walk of
	 * the whole case: after the cap, so at most MAX_NEEDLES of them). */
	if (!dup && !postcode)
		dup = known_elsewhere(c, c->root, strcmp(kind, "the town") == 0 ? "town" : "line", norm, id);
	if (dup) {
		g_free(norm);
		return;
	}
	struct needle w = { g_strdup(word), norm, kind, g_strdup(id), addr };
	g_array_append_val(needles, w);
}

void lint_check_withheld_text(struct lc *c)
{
	GArray *needles = g_array_new(FALSE, TRUE, sizeof(struct needle));
	const char *owners[][2] = { { "children", "child" }, { "people", "person" } };
	for (size_t g = 0; g < G_N_ELEMENTS(owners); g++)
		for (xmlNodePtr o = cd_case_first(cd_case_first(c->root, owners[g][0]), owners[g][1]); o;
		     o = cd_case_next(o, owners[g][1])) {
			xmlNodePtr a = cd_case_first(o, "address");
			const char *from = cd_case_attr(a, "withheld-from");
			if (!from)
				continue;
			char **ids = g_strsplit_set(from, " \t\r\n", -1);
			for (char **id = ids; *id; id++) {
				char *town = lint_text(cd_case_first(a, "town"));
				char *pc = lint_text(cd_case_first(a, "postcode"));
				add_needle(c, needles, town, "the town", *id, a);
				add_needle(c, needles, pc, "the postcode", *id, a);
				g_free(town);
				g_free(pc);
				for (xmlNodePtr l = cd_case_first(a, "line"); l; l = cd_case_next(l, "line")) {
					char *t = lint_text(l);
					char **parts = line_parts(t);
					for (char **part = parts; *part; part++)
						if (**part)
							add_needle(c, needles, *part, "part of a line", *id, a);
					g_strfreev(parts);
					g_free(t);
				}
			}
			g_strfreev(ids);
		}
	if (needles->len)
		scan_text(c, c->root->children, needles);
	for (guint i = 0; i < needles->len; i++) {
		g_free(g_array_index(needles, struct needle, i).text);
		g_free(g_array_index(needles, struct needle, i).norm);
		g_free(g_array_index(needles, struct needle, i).id);
	}
	g_array_free(needles, TRUE);
}

