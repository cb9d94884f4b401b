/* transform/documents.c - recipients, defaults and the FO of each document (see documents.h). */
#include "transform/documents.h"
#include "base/cindoc.h"
#include "transform/transform.h"
#include "transform/typography.h"
#include "case/calendar-xslt.h"
#include "case/case.h"
#include "case/rules.h"

#include <string.h>
#include <libxml/xpath.h>

static const char *const kind_names[CD_DOC_N] = {
	"plan", "minutes", "plan-copy", "closure-letter", "case-note", "closing-summary",
};

const char *cd_doc_name(cd_doc_kind kind)
{
	return (unsigned)kind < CD_DOC_N ? kind_names[kind] : "?";
}

int cd_doc_parse(const char *name)
{
	for (int i = 0; name && i < CD_DOC_N; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return i;
	return -1;
}

int cd_doc_needs_meeting(cd_doc_kind kind)
{
	return kind == CD_DOC_PLAN || kind == CD_DOC_MINUTES || kind == CD_DOC_PLAN_COPY ||
	       kind == CD_DOC_CASE_NOTE;
}

const char *cd_reader_name(cd_reader r)
{
	static const char *const names[] = { "child", "family", "professional", "file" };
	return (unsigned)r < G_N_ELEMENTS(names) ? names[r] : "?";
}

/* The reader's copy of a case that nothing was withheld from, kept for the next document of the
 * same case read in the same language and style (reader_copy). */
struct kept_copy {
	xmlDocPtr of;    /* the case it was made from (maybe freed since: only compared), which
	                  * was marked by pointing its _private here */
	xmlDocPtr copy;
	char *lang;
	char *style;
	int translate;
};

struct cd_docs {
	cd_transform *xf;
	cd_calendar *cal;
	int own_cal;   /* made here (the caller gave none) */
	struct kept_copy kept;
};

/* ---- small tree helpers (over case.h's) ---- */

/* The attribute's value, newly allocated, or NULL. */
static char *attr(xmlNodePtr n, const char *name)
{
	return g_strdup(cd_case_attr(n, name));
}

static int attr_is(xmlNodePtr n, const char *name, const char *value)
{
	return g_strcmp0(cd_case_attr(n, name), value) == 0;
}

static xmlNodePtr case_root(xmlDocPtr doc)
{
	xmlNodePtr r = xmlDocGetRootElement(doc);
	return cd_case_is(r, "case") ? r : NULL;
}

/* The child or person with this id, or NULL. */
static xmlNodePtr find_party(xmlDocPtr doc, const char *id)
{
	xmlNodePtr root = case_root(doc);
	const char *groups[] = { "children", "people" };
	for (size_t g = 0; g < 2; g++)
		for (xmlNodePtr c = cd_case_first(root, groups[g]) ? cd_case_first(root, groups[g])->children : NULL; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && attr_is(c, "id", id))
				return c;
	return NULL;
}

static xmlNodePtr find_meeting(xmlDocPtr doc, const char *id)
{
	xmlNodePtr ms = cd_case_first(case_root(doc), "meetings");
	xmlNodePtr last = NULL;
	char *last_date = NULL;
	for (xmlNodePtr m = ms ? ms->children : NULL; m; m = m->next) {
		if (!cd_case_is(m, "meeting"))
			continue;
		if (id) {
			if (attr_is(m, "id", id))
				return m;
			continue;
		}
		char *d = attr(m, "date");
		if (!last || (d && last_date && strcmp(d, last_date) >= 0)) {
			last = m;
			g_free(last_date);
			last_date = d;
		} else {
			g_free(d);
		}
	}
	g_free(last_date);
	return id ? NULL : last;
}

/* ---- recipients ---- */

void cd_recipient_clear(cd_recipient *r)
{
	g_free(r->id);
	g_free(r->lang);
	g_free(r->style);
	g_free(r->version);
	memset(r, 0, sizeof *r);
}

void cd_recipients_free(cd_recipient *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cd_recipient_clear(&r[i]);
	g_free(r);
}

/* The two ids of a joint recipient "ID1+ID2" (newly allocated), or 0 when `id` is not one. */
static int joint_ids(const char *id, char **a, char **b)
{
	const char *plus = id ? strchr(id, CD_RECIPIENT_JOIN) : NULL;
	if (!plus)
		return 0;
	*a = g_strndup(id, (size_t)(plus - id));
	*b = g_strdup(plus + 1);
	return 1;
}

/* A joint recipient: both people, and sent one letter together (cd_rule_one_letter). */
static int joint_get(xmlDocPtr doc, const char *case_path, const char *id, cd_recipient *out)
{
	char *a = NULL, *b = NULL;
	joint_ids(id, &a, &b);
	xmlNodePtr pa = find_party(doc, a), pb = find_party(doc, b);
	int rc = 0;
	if (!pa || !pb)
		rc = cd_fail(-CD_EXIT_USAGE, "%s: no child or person with id '%s'", case_path, pa ? b : a);
	else if (!cd_rule_one_letter(pa, pb))
		rc = cd_fail(-CD_EXIT_USAGE, "%s: '%s' and '%s' are not sent one letter together (two parents "
		             "or carers at one address, by post, reading alike, neither asking for their own)",
		             case_path, a, b);
	else if ((rc = cd_recipient_get(doc, case_path, a, out)) == 0) {
		g_free(out->id);
		out->id = g_strdup(id);
	}
	g_free(a);
	g_free(b);
	return rc;
}

char *cd_recipient_name(xmlDocPtr doc, const char *id)
{
	char *a = NULL, *b = NULL;
	if (!id)
		return NULL;
	if (strcmp(id, CD_RECIPIENT_FILE) == 0)
		return g_strdup(id);
	if (joint_ids(id, &a, &b)) {
		char *na = cd_recipient_name(doc, a), *nb = cd_recipient_name(doc, b);
		char *s = na && nb ? g_strdup_printf("%s & %s", na, nb) : NULL;
		g_free(na);
		g_free(nb);
		g_free(a);
		g_free(b);
		return s;
	}
	xmlNodePtr p = case_root(doc) ? find_party(doc, id) : NULL;
	return p ? cd_case_full_name(p) : NULL;
}

int cd_recipient_get(xmlDocPtr doc, const char *case_path, const char *id, cd_recipient *out)
{
	memset(out, 0, sizeof *out);
	if (strchr(id, CD_RECIPIENT_JOIN))
		return case_root(doc) ? joint_get(doc, case_path, id, out)
		                      : cd_error_at(case_path, 0, "the root element is not 'case'");
	xmlNodePtr root = case_root(doc);
	if (!root)
		return cd_error_at(case_path, 0, "the root element is not 'case'");
	char *case_lang = attr(root, "lang");
	if (strcmp(id, CD_RECIPIENT_FILE) == 0) {
		out->id = g_strdup(id);
		out->reader = CD_READER_FILE;
		out->lang = case_lang ? case_lang : g_strdup("en");
		out->style = g_strdup("standard");
		out->version = g_strdup("full");
		return 0;
	}
	xmlNodePtr p = find_party(doc, id);
	if (!p) {
		g_free(case_lang);
		return cd_fail(-CD_EXIT_USAGE, "%s: no child or person with id '%s'", case_path, id);
	}
	out->id = g_strdup(id);
	if (cd_case_is(p, "child")) {
		out->reader = CD_READER_CHILD;
	} else {
		char *k = attr(p, "kind");
		int family = k && (strcmp(k, "parent") == 0 || strcmp(k, "carer") == 0 ||
				   strcmp(k, "family") == 0 || strcmp(k, "friend") == 0);
		out->reader = family ? CD_READER_FAMILY : CD_READER_PROFESSIONAL;
		g_free(k);
	}
	xmlNodePtr reads = cd_case_first(p, "reads");
	char *l = attr(reads, "lang");
	out->lang = l ? l : (case_lang ? g_strdup(case_lang) : g_strdup("en"));
	g_free(case_lang);
	out->style = g_strdup(attr_is(reads, "large-print", "true") || attr_is(reads, "large-print", "1")
			      ? "large-print" : "standard");
	char *v = attr(reads, "version");
	out->version = v ? v : g_strdup("full");
	return 0;
}

struct rlist {
	GArray *a;
	GHashTable *seen;
	xmlDocPtr doc;
	const char *path;
	cd_date on;      /* the day of the meeting or closure: is a child old enough, alive */
};

static int add_recipient(struct rlist *l, const char *id)
{
	if (!id || g_hash_table_contains(l->seen, id))
		return 0;
	xmlNodePtr p = strcmp(id, CD_RECIPIENT_FILE) == 0 ? NULL : find_party(l->doc, id);
	if (p && !cd_rule_gets_copies(p, l->on))
		return 0;
	cd_recipient r;
	int rc = cd_recipient_get(l->doc, l->path, id, &r);
	if (rc < 0)
		return rc;
	g_hash_table_add(l->seen, g_strdup(id));
	g_array_append_val(l->a, r);
	return 0;
}

/* Adds every id listed by attribute `name` of the elements `el` under `parent`. */
static int add_refs(struct rlist *l, xmlNodePtr parent, const char *el, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next) {
		if (!cd_case_is(c, el))
			continue;
		char *v = attr(c, name);
		char **ids = g_strsplit_set(v ? v : "", " \t\r\n", -1);
		int rc = 0;
		for (char **i = ids; *i && rc == 0; i++)
			if (**i)
				rc = add_recipient(l, *i);
		g_strfreev(ids);
		g_free(v);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Adds each child whose views the meeting heard (every child-views but given="not-sought"). */
static int add_views_givers(struct rlist *l, xmlNodePtr m)
{
	for (xmlNodePtr v = cd_case_first(m, "child-views"); v; v = cd_case_next(v, "child-views")) {
		if (attr_is(v, "given", "not-sought"))
			continue;
		int rc = add_recipient(l, cd_case_attr(v, "child"));
		if (rc < 0)
			return rc;
	}
	return 0;
}

static xmlNodePtr final_minutes(xmlDocPtr doc, const char *path, const char *recipient);

/* Two parents at one address get one closure letter to both (cd_rule_one_letter), when the final
 * minutes go with the letter to both or to neither: the first of them in the list becomes the
 * joint recipient "ID1+ID2", the second leaves the list. Each person is in one letter at most. */
static void join_letters(struct rlist *l)
{
	for (guint i = 0; i < l->a->len; i++) {
		cd_recipient *ri = &g_array_index(l->a, cd_recipient, i);
		if (strchr(ri->id, CD_RECIPIENT_JOIN))
			continue;
		xmlNodePtr pi = find_party(l->doc, ri->id);
		for (guint j = i + 1; j < l->a->len; j++) {
			cd_recipient *rj = &g_array_index(l->a, cd_recipient, j);
			if (strchr(rj->id, CD_RECIPIENT_JOIN) || !cd_rule_one_letter(pi, find_party(l->doc, rj->id)) ||
			    final_minutes(l->doc, l->path, ri->id) != final_minutes(l->doc, l->path, rj->id))
				continue;
			char *joint = g_strdup_printf("%s%c%s", ri->id, CD_RECIPIENT_JOIN, rj->id);
			g_free(ri->id);
			ri->id = joint;
			cd_recipient_clear(rj);
			g_array_remove_index(l->a, j);
			break;
		}
	}
}

static xmlNodePtr meeting_or_error(xmlDocPtr doc, const char *path, const char *id, int *rc)
{
	xmlNodePtr m = find_meeting(doc, id);
	*rc = 0;
	if (!m) {
		if (id)
			*rc = cd_fail(-CD_EXIT_USAGE, "%s: no meeting with id '%s'", path, id);
		else
			*rc = cd_error_at(path, 0, "the case has no meeting yet");
	}
	return m;
}

static xmlNodePtr closure_or_error(xmlDocPtr doc, const char *path, cd_doc_kind kind, int *rc)
{
	xmlNodePtr c = cd_case_first(case_root(doc), "closure");
	*rc = 0;
	if (!c)
		*rc = cd_error_at(path, 0, "the case has no 'closure': a %s needs one", cd_doc_name(kind));
	return c;
}

int cd_recipients(xmlDocPtr doc, const char *path, cd_doc_kind kind, const char *meeting_id,
		  cd_recipient **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!case_root(doc))
		return cd_error_at(path, 0, "the root element is not 'case'");
	struct rlist l = { g_array_new(FALSE, TRUE, sizeof(cd_recipient)),
			   g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), doc, path, 0 };
	int rc = 0;
	xmlNodePtr root = case_root(doc);
	switch (kind) {
	case CD_DOC_PLAN:
	case CD_DOC_MINUTES:
	case CD_DOC_PLAN_COPY: {
		xmlNodePtr m = meeting_or_error(doc, path, meeting_id, &rc);
		if (!m)
			break;
		/* Once the plan has ended, the final minutes go with the closure letter. */
		if (kind == CD_DOC_PLAN_COPY && cd_rule_plan_ended(doc))
			break;
		cd_case_date_attr(m, "date", &l.on);
		xmlNodePtr att = cd_case_first(m, "attendance");
		if ((rc = add_refs(&l, att, "present", "ref")) < 0)
			break;
		if ((rc = add_refs(&l, m, "copies-to", "ref")) < 0)
			break;
		/* A child old enough who gave their views gets their own copy, whether or not they
		 * came ("They didn't send me anything", seed 003 Appendix 1). */
		if ((rc = add_views_givers(&l, m)) < 0)
			break;
		if (kind != CD_DOC_PLAN_COPY)
			rc = add_recipient(&l, CD_RECIPIENT_FILE);
		break;
	}
	case CD_DOC_CLOSURE_LETTER: {
		xmlNodePtr c = closure_or_error(doc, path, kind, &rc);
		if (!c)
			break;
		cd_case_date_attr(c, "date", &l.on);
		/* When a child has died, letters go to the adults only. */
		int died = attr_is(c, "reason", "died");
		const char *groups[] = { "children", "people" };
		for (size_t g = 0; g < 2 && rc == 0; g++) {
			for (xmlNodePtr p = cd_case_first(root, groups[g]) ? cd_case_first(root, groups[g])->children : NULL;
			     p && rc == 0; p = p->next) {
				if (p->type != XML_ELEMENT_NODE || (died && cd_case_is(p, "child")))
					continue;
				char *id = attr(p, "id");
				rc = add_recipient(&l, id);
				g_free(id);
			}
		}
		if (rc == 0)
			join_letters(&l);
		break;
	}
	case CD_DOC_CLOSING_SUMMARY:
		if (!closure_or_error(doc, path, kind, &rc))
			break;
		rc = add_recipient(&l, CD_RECIPIENT_FILE);
		break;
	case CD_DOC_CASE_NOTE:
		if (!meeting_or_error(doc, path, meeting_id, &rc))
			break;
		rc = add_recipient(&l, CD_RECIPIENT_FILE);
		break;
	default:
		CD_BUG("unknown document kind %d", (int)kind);
	}
	g_hash_table_destroy(l.seen);
	if (rc < 0) {
		cd_recipients_free((cd_recipient *)(void *)l.a->data, l.a->len);
		g_array_free(l.a, FALSE);
		return rc;
	}
	*n = l.a->len;
	*out = (cd_recipient *)(void *)g_array_free(l.a, FALSE);
	return 0;
}

/* ---- withholding ---- */

/* Removes, under n, every element whose withheld-from lists `id`, with its translations: the
 * siblings of its name with a `lang` that follow it (templates/case.xsd), which would otherwise be
 * read as translations of the text before it. */
static void withhold(xmlNodePtr n, const char *id)
{
	xmlNodePtr c = n->children;
	while (c) {
		xmlNodePtr next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			if (cd_case_list_has(cd_case_attr(c, "withheld-from"), id)) {
				if (!cd_case_attr(c, "lang")) {
					while (next && (next->type != XML_ELEMENT_NODE ||
					                (xmlStrEqual(next->name, c->name) && cd_case_attr(next, "lang")))) {
						xmlNodePtr after = next->next;
						xmlUnlinkNode(next);
						xmlFreeNode(next);
						next = after;
					}
				}
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			} else {
				withhold(c, id);
			}
		}
		c = next;
	}
}

/* True when an element under n is withheld from `id`. */
static int withholds(xmlNodePtr n, const char *id)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (cd_case_list_has(cd_case_attr(c, "withheld-from"), id) || withholds(c, id)))
			return 1;
	return 0;
}

/* ---- case text in the reader's language ---- */

/* An element of case text, which a translation may follow (cd_rule_is_case_text). */
static int is_case_text(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && cd_rule_is_case_text((const char *)n->name);
}

/* The `lang` of an element of case text (no namespace: not xml:lang), or NULL. */
static const char *lang_of(xmlNodePtr n)
{
	xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)"lang", NULL);
	if (!a)
		return NULL;
	xmlNodePtr v = a->children;
	return v && v->type == XML_TEXT_NODE && !v->next && v->content ? (const char *)v->content : "";
}

/* The case as a copy in `lang` reads it, in place, before the templates see it. Case text is
 * written in the record's language (case/@lang); an element of it may be followed by its
 * translations, siblings of its name with `lang`. Each original comes out with `lang`, the
 * language of the words it now holds: the translation into the copy's language when there is one
 * (`translate`: not for the file copy, which keeps the record as written, nor for a copy in the
 * record's language), else the original's own words, in case_lang; translations themselves are
 * dropped. Every template then prints case text as before, and marks it with its own `lang`
 * (common/blocks.xsl: "case-lang"), so a screen reader reads each part in its language and the
 * "some parts are in English" notice goes only in copies that still hold some. */
static void resolve_translations(xmlNodePtr n, const char *lang, const char *case_lang, int translate)
{
	xmlNodePtr c = n->children;
	while (c) {
		xmlNodePtr next = c->next;
		if (c->type != XML_ELEMENT_NODE) {
			c = next;
			continue;
		}
		if (!is_case_text(c)) {
			resolve_translations(c, lang, case_lang, translate);
			c = next;
			continue;
		}
		if (lang_of(c)) { /* a translation: never on its own */
			xmlUnlinkNode(c);
			xmlFreeNode(c);
			c = next;
			continue;
		}
		/* its translation: the first sibling of its name in `lang` before the next original */
		xmlNodePtr tr = NULL;
		for (xmlNodePtr s = next; translate && s && !tr; s = s->next) {
			if (s->type != XML_ELEMENT_NODE || s->ns || !xmlStrEqual(s->name, c->name))
				continue;
			const char *l = lang_of(s);
			if (!l)
				break;
			if (strcmp(l, lang) == 0)
				tr = s;
		}
		if (tr) {
			xmlChar *words = xmlNodeGetContent(tr);
			xmlNodeSetContent(c, NULL);
			if (words && *words)
				xmlNodeAddContent(c, words);
			xmlFree(words);
			xmlNewProp(c, (const xmlChar *)"lang", (const xmlChar *)lang);
		} else {
			xmlNewProp(c, (const xmlChar *)"lang", (const xmlChar *)case_lang);
			resolve_translations(c, lang, case_lang, translate);
		}
		c = next;
	}
}

/* ---- the context and the FO ---- */

static int register_calendar(xsltTransformContextPtr ctxt, void *data)
{
	return cd_calendar_register_xslt(ctxt, data);
}

cd_docs *cd_docs_new(struct cd_calendar *cal)
{
	cd_docs *d = g_new0(cd_docs, 1);
	if (!cal) {
		cal = cd_calendar_new();
		d->own_cal = 1;
	}
	d->cal = cal;
	d->xf = cd_transform_new(register_calendar, cal);
	return d;
}

/* Forgets the kept copy. Its case may be gone already: never read. */
static void forget_copy(struct kept_copy *k)
{
	xmlFreeDoc(k->copy);
	g_free(k->lang);
	g_free(k->style);
	memset(k, 0, sizeof *k);
}

void cd_docs_free(cd_docs *d)
{
	if (!d)
		return;
	forget_copy(&d->kept);
	cd_transform_free(d->xf);
	if (d->own_cal)
		cd_calendar_free(d->cal);
	g_free(d);
}

static int plain_name(const char *s)
{
	if (!s || !*s || strlen(s) > 32)
		return 0;
	for (const char *c = s; *c; c++)
		if (!g_ascii_isalnum(*c) && *c != '-' && *c != '_')
			return 0;
	return 1;
}

int cd_lang_exists(const char *lang)
{
	if (!plain_name(lang))
		return 0;
	char *rel = g_strdup_printf("templates/l10n/%s.xml", lang);
	char *p = cd_datapath(rel);
	int ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);
	g_free(rel);
	g_free(p);
	return ok;
}

static int valid_date(const char *s)
{
	cd_date d;
	return cd_case_date(s, &d) == 0;
}

/* The ids of those who sign the plan's agreement page (cd_rule_signs_plan on the meeting's date),
 * space-separated: the children first, then the people. Newly allocated. */
static char *plan_signers(xmlDocPtr doc, const char *meeting_id)
{
	GString *s = g_string_new(NULL);
	cd_date on;
	if (cd_case_date_attr(find_meeting(doc, meeting_id), "date", &on) != 0)
		return g_string_free(s, FALSE);
	const char *groups[] = { "children", "people" };
	for (size_t g = 0; g < 2; g++) {
		xmlNodePtr list = cd_case_first(case_root(doc), groups[g]);
		for (xmlNodePtr p = list ? list->children : NULL; p; p = p->next)
			if (p->type == XML_ELEMENT_NODE && cd_rule_signs_plan(p, on) && cd_case_attr(p, "id"))
				g_string_append_printf(s, "%s%s", s->len ? " " : "", cd_case_attr(p, "id"));
	}
	return g_string_free(s, FALSE);
}

/* The resolved request: every field set. */
struct resolved {
	cd_recipient r;
	char *meeting;   /* "" when the document is not about a meeting */
	char *date;
	int final_minutes; /* a closure letter carrying the minutes of `meeting` */
	char *first;     /* the one written to; of a joint recipient, the first of the two */
	char *with;      /* of a joint recipient, the second; else "" */
};

/* The meeting whose minutes go with this closure letter, or NULL: cd_rule_final_minutes, when
 * the recipient is one of those who get its minutes. Its plan copy is never sent once the plan has
 * ended (cd_recipients), so this one mailing carries them. */
static xmlNodePtr final_minutes(xmlDocPtr doc, const char *path, const char *recipient)
{
	xmlNodePtr m = cd_rule_final_minutes(doc);
	if (!m)
		return NULL;
	cd_recipient *rs = NULL;
	size_t n = 0;
	int found = 0;
	if (cd_recipients(doc, path, CD_DOC_MINUTES, cd_case_attr(m, "id"), &rs, &n) == 0)
		for (size_t i = 0; i < n && !found; i++)
			found = strcmp(rs[i].id, recipient) == 0;
	cd_recipients_free(rs, n);
	return found ? m : NULL;
}

static void resolved_clear(struct resolved *x)
{
	cd_recipient_clear(&x->r);
	g_free(x->meeting);
	g_free(x->date);
	g_free(x->first);
	g_free(x->with);
}

static int resolve(xmlDocPtr doc, const char *path, const cd_doc_request *req, struct resolved *x)
{
	memset(x, 0, sizeof *x);
	if ((unsigned)req->kind >= CD_DOC_N)
		CD_BUG("unknown document kind %d", (int)req->kind);
	if (!case_root(doc))
		return cd_error_at(path, 0, "the root element is not 'case'");
	if (!req->recipient)
		return cd_fail(-CD_EXIT_USAGE, "a document needs a recipient");
	int rc = cd_recipient_get(doc, path, req->recipient, &x->r);
	if (rc < 0)
		return rc;
	const char *kind = cd_doc_name(req->kind);
	if (!joint_ids(req->recipient, &x->first, &x->with)) {
		x->first = g_strdup(req->recipient);
		x->with = g_strdup("");
	} else if (req->kind != CD_DOC_CLOSURE_LETTER) {
		return cd_fail(-CD_EXIT_USAGE, "only a closure letter is written to two people together: "
		               "give one id, not '%s'", req->recipient);
	}
	int file_only = req->kind == CD_DOC_CASE_NOTE || req->kind == CD_DOC_CLOSING_SUMMARY;
	int letter = req->kind == CD_DOC_CLOSURE_LETTER || req->kind == CD_DOC_PLAN_COPY;
	if (file_only && x->r.reader != CD_READER_FILE)
		return cd_fail(-CD_EXIT_USAGE, "a %s is for the child's file only: use --for file", kind);
	if (letter && x->r.reader == CD_READER_FILE)
		return cd_fail(-CD_EXIT_USAGE, "a %s is written to a person: give a child or person id", kind);
	xmlNodePtr party = x->r.reader == CD_READER_FILE ? NULL : find_party(doc, req->recipient);
	if (party && cd_case_is(party, "child") && cd_case_first(party, "died")) {
		cd_error_at(path, xmlGetLineNo(cd_case_first(party, "died")),
			    "'%s' has died: no %s is written to them", req->recipient, kind);
		return -CD_EXIT_USAGE;
	}

	if (req->lang) {
		g_free(x->r.lang);
		x->r.lang = g_strdup(req->lang);
	}
	if (!cd_lang_exists(x->r.lang))
		return cd_fail(-CD_EXIT_USAGE, "no language set '%s' (see templates/l10n/)", x->r.lang);
	if (req->style) {
		g_free(x->r.style);
		x->r.style = g_strdup(req->style);
	}
	if (!cd_transform_style_exists(x->r.style))
		return cd_fail(-CD_EXIT_USAGE, "unknown style '%s' (see styles/)", x->r.style);
	if (req->version) {
		g_free(x->r.version);
		x->r.version = g_strdup(req->version);
	}
	if (strcmp(x->r.version, "full") != 0 && strcmp(x->r.version, "short") != 0 &&
	    strcmp(x->r.version, "overview") != 0)
		return cd_fail(-CD_EXIT_USAGE, "unknown version '%s' (full, short or overview)", x->r.version);

	xmlNodePtr m = NULL;
	if (cd_doc_needs_meeting(req->kind)) {
		m = meeting_or_error(doc, path, req->meeting, &rc);
		if (!m)
			return rc;
		x->meeting = attr(m, "id");
		if (!x->meeting)
			return cd_error_at(path, xmlGetLineNo(m), "the meeting has no 'id'");
	} else {
		if (req->meeting)
			return cd_fail(-CD_EXIT_USAGE, "a %s is not about one meeting: leave out --meeting", kind);
		xmlNodePtr fm = req->kind == CD_DOC_CLOSURE_LETTER ? final_minutes(doc, path, x->first) : NULL;
		x->final_minutes = fm != NULL;
		x->meeting = g_strdup(fm ? cd_case_attr(fm, "id") : "");
	}
	if (req->kind == CD_DOC_PLAN_COPY && cd_rule_plan_ended(doc)) {
		xmlNodePtr c = cd_rule_plan_ended(doc);
		cd_error_at(path, xmlGetLineNo(c), "the plan ended on %s: no plan copy is sent after that; "
			    "the final minutes go with the closure letter", cd_case_attr(c, "date"));
		return -CD_EXIT_USAGE;
	}
	xmlNodePtr closure = NULL;
	if (req->kind == CD_DOC_CLOSURE_LETTER || req->kind == CD_DOC_CLOSING_SUMMARY) {
		closure = closure_or_error(doc, path, req->kind, &rc);
		if (!closure)
			return rc;
	}
	if (req->date) {
		if (!valid_date(req->date))
			return cd_fail(-CD_EXIT_USAGE, "'%s' is not a date (YYYY-MM-DD)", req->date);
		x->date = g_strdup(req->date);
	} else {
		xmlNodePtr from = closure ? closure : m;
		x->date = attr(from, "date");
		if (!valid_date(x->date))
			return cd_error_at(path, xmlGetLineNo(from), "'%s' has no valid 'date'",
					   (const char *)from->name);
	}
	return 0;
}

/* The case as the reader's copy reads it: what is withheld from them left out, each element of
 * case text in their language (resolve_translations). A copy nothing was withheld from is the same
 * for every reader of the case in that language, and is kept (*kept set, owned by d) for the next
 * document of the case in the same language and style (the style's transforms strip white space
 * from their input, by its rules): the queue makes the documents of a case one after the other. A
 * case is known by its tree and a mark left in it (_private), which a tree made later at the same
 * address does not have. Returns NULL when out of memory. */
static xmlDocPtr reader_copy(cd_docs *d, xmlDocPtr doc, const struct resolved *x, int *kept)
{
	xmlNodePtr src = xmlDocGetRootElement(doc);
	const char *case_lang = src && cd_case_is(src, "case") ? lang_of(src) : NULL;
	case_lang = case_lang ? case_lang : "";
	int translate = x->r.reader != CD_READER_FILE && strcmp(x->r.lang, case_lang) != 0;
	int plain = x->r.reader == CD_READER_FILE ||
	            (src && !withholds(src, x->first) && !(*x->with && withholds(src, x->with)));
	struct kept_copy *k = &d->kept;
	*kept = 0;
	if (plain && k->copy && k->of == doc && doc->_private == k && k->translate == translate &&
	    strcmp(k->lang, x->r.lang) == 0 && strcmp(k->style, x->r.style) == 0) {
		*kept = 1;
		return k->copy;
	}
	xmlDocPtr copy = xmlCopyDoc(doc, 1);
	if (!copy)
		return NULL;
	if (x->r.reader != CD_READER_FILE) {
		withhold(xmlDocGetRootElement(copy), x->first);
		if (*x->with) /* a letter to two leaves out what is withheld from either */
			withhold(xmlDocGetRootElement(copy), x->with);
	}
	xmlNodePtr root = xmlDocGetRootElement(copy);
	if (root && cd_case_is(root, "case"))
		resolve_translations(root, x->r.lang, case_lang, translate);
	if (plain && (!doc->_private || doc->_private == k)) {
		forget_copy(k);
		*k = (struct kept_copy){ doc, copy, g_strdup(x->r.lang), g_strdup(x->r.style), translate };
		doc->_private = k;
		*kept = 1;
	}
	return copy;
}

int cd_document_fo(cd_docs *d, xmlDocPtr doc, const char *path, const cd_doc_request *req,
		   xmlDocPtr *fo)
{
	*fo = NULL;
	struct resolved x;
	int rc = resolve(doc, path, req, &x);
	if (rc < 0) {
		resolved_clear(&x);
		return rc;
	}
	int kept = 0;
	xmlDocPtr copy = reader_copy(d, doc, &x, &kept);
	if (!copy) {
		resolved_clear(&x);
		return cd_fail(-CD_EXIT_INTERNAL, "out of memory");
	}
	char *base = g_path_get_basename(path);
	/* a young person of 18 or more on the document's date is written to as an adult */
	cd_date on = 0;
	int adult = x.r.reader == CD_READER_CHILD && cd_case_date(x.date, &on) == 0 &&
	            cd_rule_adult_reader(find_party(doc, x.first), on);
	char *signers = *x.meeting ? plan_signers(doc, x.meeting) : g_strdup("");
	const char *params[] = {
		"doc", cd_doc_name(req->kind),
		"recipient", x.first,
		"with", x.with,
		"reader", cd_reader_name(x.r.reader),
		"meeting", x.meeting,
		"lang", x.r.lang,
		"version", x.r.version,
		"date", x.date,
		"style", x.r.style,
		"source", base,
		"final-minutes", x.final_minutes ? "yes" : "",
		"adult", adult ? "yes" : "",
		"signers", signers,
		NULL,
	};
	rc = cd_transform_apply(d->xf, x.r.style, copy, path, params, fo);
	if (rc == 0)
		cd_typography(*fo, x.r.lang);
	g_free(signers);
	g_free(base);
	if (!kept)
		xmlFreeDoc(copy);
	resolved_clear(&x);
	return rc;
}

/* Appends `v` to the readable part of a name: letters, digits, '-' and '.' as they are, anything
 * else as '_' (so "NB/2026/0803" reads "NB_2026_0803"); a leading '.' too (no hidden files). */
static void put_readable(GString *s, const char *v)
{
	for (const char *c = v; *c; c++) {
		int keep = g_ascii_isalnum(*c) || *c == '-' || (*c == '.' && s->len);
		g_string_append_c(s, keep ? *c : '_');
	}
}

/* The readable part is cut to this many bytes; the hash after it keeps names apart. */
#define NAME_READABLE_MAX 180

char *cd_document_basename(xmlDocPtr doc, const cd_doc_request *req)
{
	char *ref = attr(case_root(doc), "ref");
	cd_recipient r;
	int have = req->recipient && cd_recipient_get(doc, "", req->recipient, &r) == 0;
	const char *lang = req->lang ? req->lang : have ? r.lang : NULL;
	const char *style = req->style ? req->style : have ? r.style : NULL;
	const char *version = req->version ? req->version : have ? r.version : NULL;
	char *case_lang = attr(case_root(doc), "lang");
	char *mid = NULL;
	if (cd_doc_needs_meeting(req->kind))
		mid = req->meeting ? g_strdup(req->meeting) : attr(find_meeting(doc, NULL), "id");
	const char *recipient = req->recipient ? req->recipient : "all";

	/* Readable: "REF-KIND[-MEETING]-RECIPIENT[-LANG][-STYLE][-VERSION]", showing the language
	 * only when it is not the case's, the style when not standard, the version when asked for
	 * one the recipient did not choose. Two documents may read alike ("p2" in Welsh and a
	 * person "p2-cy"; refs "NB/2026/0803" and "NB_2026_0803"). */
	GString *s = g_string_new(NULL);
	put_readable(s, ref && *ref ? ref : "case");
	g_string_append_printf(s, "-%s", cd_doc_name(req->kind));
	if (mid) {
		g_string_append_c(s, '-');
		put_readable(s, mid);
	}
	g_string_append_c(s, '-');
	put_readable(s, recipient);
	if (lang && strcmp(lang, case_lang ? case_lang : "en") != 0) {
		g_string_append_c(s, '-');
		put_readable(s, lang);
	}
	if (style && strcmp(style, "standard") != 0) {
		g_string_append_c(s, '-');
		put_readable(s, style);
	}
	if (req->version && have && strcmp(req->version, r.version) != 0) {
		g_string_append_c(s, '-');
		put_readable(s, req->version);
	}
	if (s->len > NAME_READABLE_MAX)
		g_string_truncate(s, NAME_READABLE_MAX);

	/* ...so a short hash of the exact values follows: of the ref, document, meeting, recipient,
	 * language, style and version as they are (each ended by a NUL byte, so no two lists of
	 * values hash the same input). Names differ whenever the documents differ; a run still
	 * checks that no two of its items share a file. */
	GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
	const char *parts[] = { "cindoc-name-1", ref ? ref : "", cd_doc_name(req->kind), mid ? mid : "", recipient,
		                lang ? lang : "", style ? style : "", version ? version : "" };
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		g_checksum_update(c, (const guchar *)parts[i], strlen(parts[i]) + 1);
	g_string_append_printf(s, "-%.8s", g_checksum_get_string(c));
	g_checksum_free(c);

	if (have)
		cd_recipient_clear(&r);
	g_free(mid);
	g_free(case_lang);
	g_free(ref);
	return g_string_free(s, FALSE);
}
