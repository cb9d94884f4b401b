/* case/lint.c - the checks of `cindoc check` that XSD cannot express (see lint.h). */
#include "case/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/rules.h"

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
static int wordch(unsigned char c)
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
		if (i > 0 && wordch((unsigned char)s->str[i - 1]))
			continue;
		for (guint k = 0; k < j->terms->len; k++) {
			const struct term *t = &g_array_index(j->terms, struct term, k);
			if (i + t->len > s->len)
				continue;
			int same = t->exact ? strncmp(s->str + i, t->text, t->len) == 0
			                    : g_ascii_strncasecmp(s->str + i, t->text, t->len) == 0;
			if (!same || wordch((unsigned char)s->str[i + t->len]))
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

/* ================================================================== lints */

struct cd_lint {
	cd_jargon *jargon;
	int quiet;          /* warnings counted, not printed */
};

cd_lint *cd_lint_new(int *rc)
{
	char *path = cd_datapath("templates/jargon.txt");
	cd_jargon *j = cd_jargon_load(path, rc);
	g_free(path);
	if (!j)
		return NULL;
	cd_lint *l = g_new0(cd_lint, 1);
	l->jargon = j;
	return l;
}

void cd_lint_quiet(cd_lint *l, int quiet)
{
	l->quiet = quiet;
}

void cd_lint_free(cd_lint *l)
{
	if (!l)
		return;
	cd_jargon_free(l->jargon);
	g_free(l);
}

/* More messages than this about one file are counted, not printed (and not even formatted, so
 * that a hostile file cannot make the lints run out of memory). */
#define MAX_LINT_MESSAGES 200

struct msg {
	long line;
	int seq;
	int error;
	char *text;
};

/* One run over one case. */
struct lc {
	const cd_lint *l;
	const char *file;
	xmlDocPtr doc;
	xmlNodePtr root;
	GArray *msgs;    /* struct msg */
	GPtrArray *keep; /* strings that live until the end of the run */
	int disabled;    /* service="disabled-children" */
	int dropped_errors, dropped_warnings; /* beyond MAX_LINT_MESSAGES */
};

static int full(const struct lc *c)
{
	return c->msgs->len >= MAX_LINT_MESSAGES;
}

static void report(struct lc *c, int error, xmlNodePtr n, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
static void report(struct lc *c, int error, xmlNodePtr n, const char *fmt, ...)
{
	if (full(c)) {
		if (error)
			c->dropped_errors++;
		else
			c->dropped_warnings++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	struct msg m = { cd_case_line(n), (int)c->msgs->len, error, g_strdup_vprintf(fmt, ap) };
	va_end(ap);
	g_array_append_val(c->msgs, m);
}

static const char *keep(struct lc *c, char *s)
{
	if (full(c)) {
		g_free(s);
		return "";
	}
	g_ptr_array_add(c->keep, s);
	return s;
}

static const char *ds(struct lc *c, cd_date d)
{
	char buf[CD_DATE_BUF];
	if (full(c))
		return "";
	return keep(c, g_strdup(cd_date_format(d, buf)));
}

/* "'c1' (Millie)" */
static const char *who(struct lc *c, const char *id)
{
	if (full(c))
		return "";
	xmlNodePtr n = cd_case_lookup(c->doc, id);
	char *name = n ? cd_case_given_name(n) : NULL;
	const char *s = keep(c, name ? g_strdup_printf("'%s' (%s)", id, name) : g_strdup_printf("'%s'", id));
	g_free(name);
	return s;
}

static char *text(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = g_strdup(t ? (const char *)t : "");
	xmlFree(t);
	return g_strstrip(s);
}

/* ------------------------------------------------------------------ references */

enum { CHILD = 1, PERSON = 2, MEETING = 4, ITEM = 8 };

static const struct {
	const char *element; /* NULL: any element */
	const char *attr;
	int kinds;
} refs[] = {
	{ "chair", "ref", PERSON },
	{ "minute-taker", "ref", PERSON },
	{ "present", "ref", CHILD | PERSON },
	{ "apologies", "ref", CHILD | PERSON },
	{ "invited", "ref", CHILD | PERSON },
	{ "report", "from", PERSON },
	{ "interpreter", "ref", CHILD | PERSON },
	{ "interpreter", "by", PERSON },
	{ "child-views", "child", CHILD },
	{ "parent-views", "person", PERSON },
	{ "professional-update", "person", PERSON },
	{ "score", "person", CHILD | PERSON },
	{ "disagreement", "person", CHILD | PERSON },
	{ "copies-to", "ref", CHILD | PERSON },
	{ "invite", "ref", CHILD | PERSON },
	{ "visit", "by", PERSON },
	{ "plan", "lead", PERSON },
	{ "section", "child", CHILD },
	{ "who", "ref", CHILD | PERSON },
	{ "item", "agreed-at", MEETING },
	{ NULL, "withheld-from", CHILD | PERSON },
};

static int kind_of(xmlNodePtr n)
{
	return cd_case_is(n, "child") ? CHILD : cd_case_is(n, "person") ? PERSON
	     : cd_case_is(n, "meeting") ? MEETING : cd_case_is(n, "item") ? ITEM : 0;
}

static const char *kind_name(int k)
{
	switch (k) {
	case CHILD: return "a child";
	case PERSON: return "a person";
	case MEETING: return "a meeting";
	case ITEM: return "a plan item";
	case CHILD | PERSON: return "a person or a child";
	default: return "something else";
	}
}

static void check_ref_kinds(struct lc *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t r = 0; r < G_N_ELEMENTS(refs); r++) {
			if (refs[r].element && !cd_case_is(n, refs[r].element))
				continue;
			const char *v = cd_case_attr(n, refs[r].attr);
			if (!v)
				continue;
			char **ids = g_strsplit_set(v, " \t\r\n", -1);
			for (char **id = ids; *id; id++) {
				if (!**id)
					continue;
				int k = kind_of(cd_case_lookup(c->doc, *id));
				if (k && !(k & refs[r].kinds))
					report(c, 1, n, "element '%s': attribute '%s' names '%s', %s, not %s",
					       (const char *)n->name, refs[r].attr, *id, kind_name(k),
					       kind_name(refs[r].kinds));
			}
			g_strfreev(ids);
		}
		check_ref_kinds(c, n->children);
	}
}

/* ------------------------------------------------------------------ people and children */

struct kid {
	xmlNodePtr node;
	const char *id;
	cd_date born;
	int has_born;
	cd_date died;
	int has_died;
	cd_date adult; /* 18th birthday, when has_born */
};

static GArray *collect_children(struct lc *c)
{
	GArray *kids = g_array_new(FALSE, TRUE, sizeof(struct kid));
	for (xmlNodePtr ch = cd_case_first(cd_case_first(c->root, "children"), "child"); ch;
	     ch = cd_case_next(ch, "child")) {
		struct kid k = { .node = ch, .id = cd_case_attr(ch, "id") };
		k.has_born = cd_case_text_date(cd_case_first(ch, "born"), &k.born) == 0;
		xmlNodePtr d = cd_case_first(ch, "died");
		k.has_died = d && cd_case_date_attr(d, "date", &k.died) == 0;
		if (k.has_born)
			k.adult = cd_rule_limit(CD_RULE_EIGHTEEN, k.born);
		if (k.has_born && k.has_died && k.died < k.born)
			report(c, 1, d, "%s died on %s, before they were born (%s)", who(c, k.id),
			       ds(c, k.died), ds(c, k.born));
		g_array_append_val(kids, k);
	}
	return kids;
}

/* Alive and born on day d. */
static int kid_there(const struct kid *k, cd_date d)
{
	if (k->has_born && k->born > d)
		return 0;
	if (k->has_died && k->died <= d)
		return 0;
	return 1;
}

static void check_consent(struct lc *c)
{
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person")) {
		xmlNodePtr con = cd_case_first(p, "consent");
		const char *pr = cd_case_attr(p, "parental-responsibility");
		if (!con && (g_strcmp0(pr, "true") == 0 || g_strcmp0(pr, "1") == 0))
			report(c, 0, p, "%s has parental responsibility, but no consent is recorded",
			       who(c, cd_case_attr(p, "id")));
		cd_date given, withdrawn;
		if (con && cd_case_date_attr(con, "given", &given) == 0 &&
		    cd_case_date_attr(con, "withdrawn", &withdrawn) == 0 && withdrawn < given)
			report(c, 1, con, "consent of %s withdrawn on %s, before it was given (%s)",
			       who(c, cd_case_attr(p, "id")), ds(c, withdrawn), ds(c, given));
	}
}

/* Everyone who may get a copy needs a postal address or an email. */
static void check_reachable(struct lc *c, GArray *kids, cd_date on)
{
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person"))
		if (!cd_case_first(p, "address") && !cd_case_first(p, "email"))
			report(c, 0, p, "%s has no address and no email: copies cannot reach them",
			       who(c, cd_case_attr(p, "id")));
	for (guint i = 0; i < kids->len; i++) {
		struct kid *k = &g_array_index(kids, struct kid, i);
		if (cd_rule_child_gets_copies(k->node, on) && !cd_case_first(k->node, "address"))
			report(c, 0, k->node, "%s is old enough for their own copies (%d or over) but has no address",
			       who(c, k->id), CD_RULE_CHILD_COPY_AGE);
	}
}

static char *normal_form(const char *s, int tight);

/* A withheld address must not be given, unwithheld, somewhere else (a child who lives with the
 * parent whose address is withheld). Same address: same postcode and first line. */
static char *address_key(xmlNodePtr a)
{
	char *pc = text(cd_case_first(a, "postcode"));
	char *l1 = text(cd_case_first(a, "line"));
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

static void check_withheld_addresses(struct lc *c)
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
	for (guint k = 0; k < keys->len && !full(c); k++) {
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
		for (guint j = 0; j < list->len && ids->len && !full(c); j++) {
			xmlNodePtr b = list->pdata[j];
			const char *owner = cd_case_attr(b->parent, "id");
			for (guint i = 0; i < ids->len; i++) {
				const char *id = ids->pdata[i];
				xmlNodePtr a = g_hash_table_lookup(from, id);
				if (a != b && strcmp(id, owner) != 0 && !cd_case_withheld(b, id))
					report(c, 0, b, "the address of %s is the address withheld from %s on line %ld, but is not withheld from them",
					       who(c, owner), who(c, id), cd_case_line(a));
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
		if (!wordch((unsigned char)*p)) {
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
		if (!wordch((unsigned char)*h) || (h > hay && wordch((unsigned char)h[-1])) || *h != w->norm[0])
			continue;
		const char *p = h, *n = w->norm;
		while (*n) {
			if (*n == ' ') {
				if (!*p || wordch((unsigned char)*p))
					break;
				while (*p && !wordch((unsigned char)*p))
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
		if (!*n && !wordch((unsigned char)*p))
			return 1;
	}
	return 0;
}

static void scan_text(struct lc *c, xmlNodePtr n, GArray *needles)
{
	for (; n && !full(c); n = n->next) {
		if (n->type != XML_ELEMENT_NODE || cd_case_is(n, "address") || cd_case_is(n, "authority"))
			continue;
		int has_text = 0;
		for (xmlNodePtr t = n->children; t && !has_text; t = t->next)
			has_text = (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
			           t->content && !xmlIsBlankNode(t);
		if (has_text) {
			char *raw = text(n);
			char *txt = g_utf8_casefold(raw, -1); /* needles are case folded too */
			g_free(raw);
			for (guint i = 0; i < needles->len; i++) {
				struct needle *w = &g_array_index(needles, struct needle, i);
				if (names(txt, w) && !cd_case_withheld(n, w->id))
					report(c, 0, n, "this text names '%s', %s of the address withheld from %s on line %ld, but is not withheld from them",
					       w->text, w->kind, who(c, w->id), cd_case_line(w->addr));
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
				char *t = text(f);
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

static void check_withheld_text(struct lc *c)
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
				char *town = text(cd_case_first(a, "town"));
				char *pc = text(cd_case_first(a, "postcode"));
				add_needle(c, needles, town, "the town", *id, a);
				add_needle(c, needles, pc, "the postcode", *id, a);
				g_free(town);
				g_free(pc);
				for (xmlNodePtr l = cd_case_first(a, "line"); l; l = cd_case_next(l, "line")) {
					char *t = text(l);
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

/* ------------------------------------------------------------------ meetings */

struct mtg {
	xmlNodePtr node;
	const char *id;
	cd_date date;
};

/* When the review after meeting i is due at the latest (the plain date, cd_rule_limit), and the
 * rule as words: "12 weeks after" with *base NULL (after that meeting), or "3 months after" with
 * *base "the plan started on D". */
static void review_due(struct lc *c, GArray *ms, guint i, cd_date *due, const char **rule,
                       const char **base)
{
	struct mtg *m = &g_array_index(ms, struct mtg, i);
	char span[CD_RULE_SPAN_BUF];
	enum cd_rule r = c->disabled ? CD_RULE_REVIEW_DISABLED : CD_RULE_REVIEW;
	cd_date from = m->date, opened;
	*base = NULL;
	if (c->disabled && i == 0 && cd_case_date_attr(c->root, "opened", &opened) == 0) {
		r = CD_RULE_REVIEW_DISABLED_FIRST;
		from = opened;
		*base = keep(c, g_strdup_printf("the plan started on %s", ds(c, opened)));
	}
	*due = cd_rule_limit(r, from);
	*rule = keep(c, g_strdup_printf("%s after", cd_rule_span(r, span)));
}

static void check_views(struct lc *c, struct mtg *m, GArray *kids)
{
	for (xmlNodePtr v = cd_case_first(m->node, "child-views"); v; v = cd_case_next(v, "child-views")) {
		int ns = cd_case_first(v, "not-sought") != NULL;
		int says_ns = g_strcmp0(cd_case_attr(v, "given"), "not-sought") == 0;
		if (ns && !says_ns)
			report(c, 0, v, "views of %s give a reason they were not sought, but given=\"%s\"",
			       who(c, cd_case_attr(v, "child")), cd_case_attr(v, "given"));
		else if (!ns && says_ns)
			report(c, 0, v, "views of %s are given=\"not-sought\" but quote them: give the reason instead",
			       who(c, cd_case_attr(v, "child")));
	}
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (xmlNodePtr v = cd_case_first(m->node, "child-views"); v; v = cd_case_next(v, "child-views"))
		if (cd_case_attr(v, "child"))
			g_hash_table_add(seen, (gpointer)cd_case_attr(v, "child"));
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (!kid_there(kd, m->date))
			continue;
		if (!g_hash_table_contains(seen, kd->id))
			report(c, 0, m->node, "meeting '%s' has no views of %s: their own words, or why they could not be sought",
			       m->id, who(c, kd->id));
	}
	g_hash_table_destroy(seen);
}

static void check_done(struct lc *c, struct mtg *m)
{
	xmlNodePtr done = cd_case_first(m->node, "done");
	const char *tasks[] = { "case-note", "plan-authorised", "minutes-sent" };
	for (size_t t = 0; done && t < G_N_ELEMENTS(tasks); t++) {
		cd_date d;
		if (cd_case_date_attr(done, tasks[t], &d) == 0 && d < m->date)
			report(c, 1, done, "%s done on %s, before the meeting (%s)", tasks[t], ds(c, d),
			       ds(c, m->date));
	}
}

/* Initial, transfer-in and after-child-protection meetings are chaired by a Team Manager
 * (seed 003 section 5): the chair's role says so. */
static void check_chair(struct lc *c, struct mtg *m)
{
	const char *type = cd_case_attr(m->node, "type");
	if (g_strcmp0(type, "review") == 0)
		return;
	xmlNodePtr chair = cd_case_first(m->node, "chair");
	xmlNodePtr p = cd_case_lookup(c->doc, cd_case_attr(chair, "ref"));
	if (!cd_case_is(p, "person"))
		return;
	char *role = text(cd_case_first(p, "role"));
	char *low = g_ascii_strdown(role, -1);
	if (!strstr(low, "team manager"))
		report(c, 0, chair, "meeting '%s' (%s) is to be chaired by a Team Manager, but the role of %s is '%s'",
		       m->id, type, who(c, cd_case_attr(chair, "ref")), role);
	g_free(low);
	g_free(role);
}

/* The plan goes on only with the consent of those with parental responsibility. */
static void check_consent_at(struct lc *c, struct mtg *m)
{
	xmlNodePtr decision = cd_case_first(m->node, "decision");
	if (g_strcmp0(cd_case_attr(decision, "outcome"), "continue") != 0)
		return;
	for (xmlNodePtr p = cd_case_first(cd_case_first(c->root, "people"), "person"); p;
	     p = cd_case_next(p, "person")) {
		cd_date w, g;
		xmlNodePtr con = cd_case_first(p, "consent");
		/* Withdrawn before given is an error of its own (check_consent). */
		if (con && cd_case_date_attr(con, "withdrawn", &w) == 0 && w <= m->date &&
		    cd_case_date_attr(con, "given", &g) == 0 && w >= g)
			report(c, 0, decision, "meeting '%s' decided to continue, but %s withdrew consent on %s",
			       m->id, who(c, cd_case_attr(p, "id")), ds(c, w));
	}
}

static void check_meetings(struct lc *c, GArray *ms, GArray *kids)
{
	cd_date last_born = CD_DATE_NONE;
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (kd->has_born && (last_born == CD_DATE_NONE || kd->born > last_born))
			last_born = kd->born;
	}
	int warned_next = 0; /* the meeting before set a next date that was already reported */
	for (guint i = 0; i < ms->len; i++) {
		struct mtg *m = &g_array_index(ms, struct mtg, i);
		for (guint k = 0; last_born != CD_DATE_NONE && m->date < last_born && k < kids->len; k++) {
			struct kid *kd = &g_array_index(kids, struct kid, k);
			if (kd->has_born && m->date < kd->born)
				report(c, 1, m->node, "meeting '%s' on %s is before %s was born (%s)", m->id,
				       ds(c, m->date), who(c, kd->id), ds(c, kd->born));
		}
		if (i > 0) {
			struct mtg *p = &g_array_index(ms, struct mtg, i - 1);
			cd_date due;
			const char *rule, *base;
			review_due(c, ms, i - 1, &due, &rule, &base);
			if (m->date < p->date)
				report(c, 1, m->node, "meeting '%s' on %s is before the meeting listed before it ('%s' on %s)",
				       m->id, ds(c, m->date), p->id, ds(c, p->date));
			else if (m->date > due && !warned_next)
				report(c, 0, m->node, "meeting '%s' on %s is more than %s %s (due by %s)", m->id,
				       ds(c, m->date), rule, base ? base : "the meeting before it", ds(c, due));
		}
		check_views(c, m, kids);
		check_done(c, m);
		check_chair(c, m);
		check_consent_at(c, m);

		xmlNodePtr next = cd_case_first(m->node, "next");
		xmlNodePtr decision = cd_case_first(m->node, "decision");
		cd_date nd;
		warned_next = 0;
		if (!next || cd_case_date_attr(next, "date", &nd) != 0) {
			if (g_strcmp0(cd_case_attr(decision, "outcome"), "continue") == 0)
				report(c, 0, decision, "meeting '%s' decided to continue but sets no next review", m->id);
			continue;
		}
		if (nd <= m->date) {
			report(c, 1, next, "next meeting on %s is not after this meeting (%s)", ds(c, nd),
			       ds(c, m->date));
			warned_next = 1;
			continue;
		}
		cd_date due;
		const char *rule, *base;
		review_due(c, ms, i, &due, &rule, &base);
		if (nd > due) {
			report(c, 0, next, "next review on %s is more than %s %s (due by %s)", ds(c, nd), rule,
			       base ? base : "this meeting", ds(c, due));
			warned_next = 1;
		}
		for (guint k = 0; k < kids->len; k++) {
			struct kid *kd = &g_array_index(kids, struct kid, k);
			if (!kd->has_born || !kid_there(kd, m->date))
				continue;
			if (kd->adult > m->date && kd->adult <= nd)
				report(c, 0, next, "%s turns %d on %s, on or before the next review (%s): plan for the end of the plan",
				       who(c, kd->id), cd_rule(CD_RULE_EIGHTEEN)->amount, ds(c, kd->adult), ds(c, nd));
		}
	}
}

/* ------------------------------------------------------------------ plan, visits, closure */

static void check_plan(struct lc *c, GArray *ms)
{
	xmlNodePtr plan = cd_case_first(c->root, "plan");
	GHashTable *sections = g_hash_table_new(g_str_hash, g_str_equal); /* child id -> count */
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section")) {
		const char *id = cd_case_attr(s, "child");
		if (id)
			g_hash_table_insert(sections, (gpointer)id,
			                    GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(sections, id)) + 1));
	}
	for (xmlNodePtr ch = cd_case_first(cd_case_first(c->root, "children"), "child"); plan && ch;
	     ch = cd_case_next(ch, "child")) {
		int n = GPOINTER_TO_INT(g_hash_table_lookup(sections, cd_case_attr(ch, "id")));
		if (n == 0)
			report(c, 0, plan, "the plan has no section for %s: siblings share one plan with a section each",
			       who(c, cd_case_attr(ch, "id")));
		else if (n > 1)
			report(c, 0, plan, "the plan has %d sections for %s: one each", n,
			       who(c, cd_case_attr(ch, "id")));
	}
	g_hash_table_destroy(sections);
	for (xmlNodePtr s = cd_case_first(plan, "section"); s; s = cd_case_next(s, "section")) {
		for (xmlNodePtr it = cd_case_first(s, "item"); it; it = cd_case_next(it, "item")) {
			const char *id = cd_case_attr(it, "id");
			int removed = g_strcmp0(cd_case_attr(it, "status"), "removed") == 0;
			if (!removed && !cd_case_first(it, "who"))
				report(c, 0, it, "plan item '%s' has no 'who': say who will do it", id);
			xmlNodePtr by = cd_case_first(it, "by");
			if (!removed && !by)
				report(c, 0, it, "plan item '%s' has no 'by' date: say by when", id);
			cd_date bd;
			if (!by || cd_case_text_date(by, &bd) != 0 || ms->len == 0)
				continue;
			/* The meeting that set the item: agreed-at, else the first meeting. */
			struct mtg *set = &g_array_index(ms, struct mtg, 0);
			const char *at = cd_case_attr(it, "agreed-at");
			for (guint i = 0; at && i < ms->len; i++)
				if (g_strcmp0(g_array_index(ms, struct mtg, i).id, at) == 0)
					set = &g_array_index(ms, struct mtg, i);
			if (bd <= set->date)
				report(c, 1, by, "plan item '%s' is due by %s, not after the meeting that set it ('%s' on %s)",
				       id, ds(c, bd), set->id, ds(c, set->date));
		}
	}
}

struct visit {
	xmlNodePtr node;
	cd_date date;
};

static gint visit_cmp(gconstpointer a, gconstpointer b)
{
	cd_date x = ((const struct visit *)a)->date, y = ((const struct visit *)b)->date;
	return (x > y) - (x < y);
}

static void check_visits(struct lc *c)
{
	xmlNodePtr plan = cd_case_first(c->root, "plan");
	const char *w = cd_case_attr(plan, "visit-weeks");
	int weeks = cd_rule_visit_weeks(w);
	GArray *vs = g_array_new(FALSE, TRUE, sizeof(struct visit));
	for (xmlNodePtr v = cd_case_first(cd_case_first(c->root, "visits"), "visit"); v;
	     v = cd_case_next(v, "visit")) {
		struct visit x = { .node = v };
		if (cd_case_date_attr(v, "date", &x.date) == 0)
			g_array_append_val(vs, x);
	}
	g_array_sort(vs, visit_cmp);
	for (guint i = 1; i < vs->len; i++) {
		struct visit *a = &g_array_index(vs, struct visit, i - 1);
		struct visit *b = &g_array_index(vs, struct visit, i);
		int gap = b->date - a->date;
		if (gap > weeks * 7)
			report(c, 0, b->node, "visit on %s is %d days after the visit before it (%s): %s at least every %d week%s",
			       ds(c, b->date), gap, ds(c, a->date),
			       plan ? "the plan says" : "visits must be", weeks, weeks == 1 ? "" : "s");
	}
	g_array_free(vs, TRUE);
}

static void check_closure(struct lc *c, GArray *ms, GArray *kids)
{
	xmlNodePtr cl = cd_case_first(c->root, "closure");
	cd_date cd;
	if (!cl || cd_case_date_attr(cl, "date", &cd) != 0)
		return;
	for (guint i = 0; i < ms->len; i++) {
		struct mtg *m = &g_array_index(ms, struct mtg, i);
		if (cd < m->date) {
			report(c, 1, cl, "closure on %s is before meeting '%s' (%s)", ds(c, cd), m->id,
			       ds(c, m->date));
			break;
		}
	}
	cd_date sent;
	if (cd_case_date_attr(cl, "letters-sent", &sent) == 0 && sent < cd)
		report(c, 1, cl, "closure letters sent on %s, before the closure (%s)", ds(c, sent), ds(c, cd));
	const char *reason = cd_case_attr(cl, "reason");
	if (g_strcmp0(reason, "needs-met") == 0) {
		const char *last = ms->len ? cd_case_attr(cd_case_first(g_array_index(ms, struct mtg, ms->len - 1).node,
		                                                        "decision"), "outcome") : NULL;
		if (g_strcmp0(last, "close") != 0 && g_strcmp0(last, "step-down") != 0)
			report(c, 0, cl, "closure reason 'needs-met' is decided by a meeting, but the last meeting did not decide to close or step down");
	}
	int is_transfer = g_strcmp0(reason, "transfer") == 0;
	xmlNodePtr to = cd_case_first(cl, "transfer-to");
	if (is_transfer && !to)
		report(c, 0, cl, "closure reason 'transfer' but no transfer-to names the new authority");
	if (!is_transfer && to)
		report(c, 0, to, "transfer-to is only for closure reason 'transfer', not '%s'", reason);
	int eighteen = 0, died = 0;
	for (guint k = 0; k < kids->len; k++) {
		struct kid *kd = &g_array_index(kids, struct kid, k);
		if (kd->has_born)
			eighteen |= kd->adult <= cd;
		died |= kd->has_died && kd->died <= cd;
	}
	if (g_strcmp0(reason, "eighteen") == 0 && !eighteen)
		report(c, 0, cl, "closure reason 'eighteen' but no child is %d on %s", cd_rule(CD_RULE_EIGHTEEN)->amount,
		       ds(c, cd));
	if (g_strcmp0(reason, "died") == 0 && !died)
		report(c, 0, cl, "closure reason 'died' but no child has a date of death on or before %s", ds(c, cd));
}

/* ------------------------------------------------------------------ jargon in the text */

/* Text written for the child: not quotes or scores (people's own words), names or roles. */
static const char *const for_child[] = {
	"p", "need", "obstacles", "how", "goal", "question", "zero", "ten", "service",
	"not-sought", "access", "transport", "report", "disability",
};

static void check_jargon(struct lc *c, xmlNodePtr n)
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
			char *t = text(n);
			const char *advice = NULL;
			const char *term = cd_jargon_find(c->l->jargon, t, &advice);
			if (term)
				report(c, 0, n, "'%s' is jargon children asked us not to use: %s", term, advice);
			g_free(t);
			continue;
		}
		check_jargon(c, n->children);
	}
}

/* ------------------------------------------------------------------ the run */

static gint msg_cmp(gconstpointer a, gconstpointer b)
{
	const struct msg *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq - y->seq;
}

void cd_lint_case(const cd_lint *l, const char *file, xmlDocPtr doc, struct cd_lint_counts *n)
{
	struct lc c = {
		.l = l,
		.file = file,
		.doc = doc,
		.root = xmlDocGetRootElement(doc),
		.msgs = g_array_new(FALSE, TRUE, sizeof(struct msg)),
		.keep = g_ptr_array_new_with_free_func(g_free),
	};
	c.disabled = g_strcmp0(cd_case_attr(c.root, "service"), "disabled-children") == 0;

	check_ref_kinds(&c, c.root);
	GArray *kids = collect_children(&c);
	check_consent(&c);

	GArray *ms = g_array_new(FALSE, TRUE, sizeof(struct mtg));
	for (xmlNodePtr m = cd_case_first(cd_case_first(c.root, "meetings"), "meeting"); m;
	     m = cd_case_next(m, "meeting")) {
		struct mtg x = { .node = m, .id = cd_case_attr(m, "id") };
		if (cd_case_date_attr(m, "date", &x.date) == 0)
			g_array_append_val(ms, x);
	}
	check_meetings(&c, ms, kids);
	check_plan(&c, ms);
	check_visits(&c);
	check_closure(&c, ms, kids);

	/* Who gets copies is judged on the latest date the case knows. */
	cd_date on;
	if (cd_case_date_attr(c.root, "opened", &on) != 0)
		on = cd_date_from_ymd(2000, 1, 1);
	for (guint i = 0; i < ms->len; i++)
		if (g_array_index(ms, struct mtg, i).date > on)
			on = g_array_index(ms, struct mtg, i).date;
	cd_date cd;
	if (cd_case_date_attr(cd_case_first(c.root, "closure"), "date", &cd) == 0 && cd > on)
		on = cd;
	check_reachable(&c, kids, on);
	check_withheld_addresses(&c);
	check_withheld_text(&c);
	check_jargon(&c, c.root);

	g_array_sort(c.msgs, msg_cmp);
	for (guint i = 0; i < c.msgs->len; i++) {
		struct msg *m = &g_array_index(c.msgs, struct msg, i);
		if (m->error) {
			cd_error_at(file, m->line, "%s", m->text);
			n->errors++;
		} else {
			if (!l->quiet)
				cd_warning_at(file, m->line, "%s", m->text);
			n->warnings++;
		}
		g_free(m->text);
	}
	if (c.dropped_errors || c.dropped_warnings) {
		int more = c.dropped_errors + c.dropped_warnings;
		if (c.dropped_errors)
			cd_error_at(file, 0, "%d more messages not shown", more);
		else if (!l->quiet)
			cd_warning_at(file, 0, "%d more messages not shown", more);
		n->errors += c.dropped_errors;
		n->warnings += c.dropped_warnings;
	}
	g_array_free(c.msgs, TRUE);
	g_array_free(ms, TRUE);
	g_array_free(kids, TRUE);
	g_ptr_array_free(c.keep, TRUE);
}
