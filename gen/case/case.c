/* case/case.c - the case-data schema, the safe case loader, and small accessors (see case.h). */
#include "case/authority.h"
#include "case/case.h"
#include "base/cindoc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/valid.h>
#include <libxml/xmlschemas.h>

/* More messages than this about one file are counted, not printed. */
#define MAX_MESSAGES 25

struct cd_schema {
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vctxt;
	cd_schema *authority; /* templates/authority.xsd, compiled when first needed */
	/* the last file this schema found valid through cd_schema_keep: its path, its bytes and its
	 * tree, which serves again while the file holds the same bytes */
	char *kept_path, *kept_data;
	size_t kept_len;
	xmlDocPtr kept_doc;
};

/* What one load has seen: the file name for messages and the errors so far. */
struct load {
	const char *name;
	const char *what;  /* "case data", "a census file": what the DOCTYPE message calls it */
	size_t max;        /* the most bytes this kind of file may have */
	int errors;
	int refused; /* the parser was stopped on purpose (DOCTYPE, depth) */
};

/* ------------------------------------------------------------------ messages */

/* libxml2 says "Element 'x': The value ... ." with a newline: make it ours (lower case first
 * letter, no final full stop, one line) and say plainly what the non-blank pattern means. */
static void say(struct load *ld, long line, const char *msg)
{
	ld->errors++;
	if (ld->errors > MAX_MESSAGES)
		return;
	char *m = g_strdup(msg ? msg : "unknown error");
	g_strstrip(m);
	size_t n = strlen(m);
	while (n > 0 && (m[n - 1] == '.' || isspace((unsigned char)m[n - 1])))
		m[--n] = '\0';
	for (char *p = m; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	/* "[facet 'pattern'] " says nothing to a reader: drop it. */
	char *facet = strstr(m, "[facet '");
	char *end = facet ? strstr(facet, "'] ") : NULL;
	int blank = facet && strstr(m, "'[\\s\\S]*\\S[\\s\\S]*'") != NULL;
	if (end)
		memmove(facet, end + 3, strlen(end + 3) + 1);
	/* Lower case at the start and after each ": ", unless a word in capitals follows. */
	for (char *p = m; *p; p++) {
		int start = p == m || (p >= m + 2 && p[-1] == ' ' && p[-2] == ':');
		if (start && isupper((unsigned char)p[0]) && !isupper((unsigned char)p[1]))
			*p = (char)tolower((unsigned char)*p);
	}
	char *exp = strstr(m, ". Expected");
	if (exp) {
		exp[0] = ';';
		exp[2] = 'e';
	}
	char *idtype = strstr(m, "is not a valid value of the atomic type 'xs:ID'");
	if (idtype && strstr(m, "attribute 'id'")) {
		strcpy(idtype, "is the id of something else already");
	}
	char *datetype = strstr(m, "is not a valid value of the atomic type 'date'");
	if (datetype)
		strcpy(datetype, "is not a date (YYYY-MM-DD)");
	/* The range of dates (case.xsd, type "date"): say why it is what it is. */
	static const char *const range[][2] = {
		{ "is less than the minimum value allowed ('1978-01-01')",
		  "is before 1978-01-01, the first day of the working-day calendar" },
		{ "is greater than the maximum value allowed ('9998-12-31')",
		  "is after 9998-12-31, the last day cindoc counts deadlines from" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(range); i++) {
		char *at = strstr(m, range[i][0]);
		if (!at)
			continue;
		*at = '\0'; /* the new words are longer: a new string */
		char *longer = g_strconcat(m, range[i][1], at + strlen(range[i][0]), NULL);
		g_free(m);
		m = longer;
	}
	if (blank) {
		/* "element 'venue': the value '  ' is not accepted by the pattern ...": keep the subject. */
		char *colon = strstr(m, "': ");
		if (colon)
			colon[1] = '\0';
		cd_error_at(ld->name, line, "%s: text must not be empty", m);
	} else {
		cd_error_at(ld->name, line, "%s", m);
	}
	g_free(m);
}

static int too_large_max(const char *name, size_t max)
{
	return cd_error_at(name, 0, "the file is larger than %u MiB: refused",
	                   (unsigned)(max / (1024u * 1024u)));
}

static int too_large(const char *name)
{
	return too_large_max(name, CD_CASE_MAX_BYTES);
}

static void finish_messages(struct load *ld)
{
	if (ld->errors > MAX_MESSAGES)
		cd_error_at(ld->name, 0, "%d more errors not shown", ld->errors - MAX_MESSAGES);
}

/* Parser errors: the callback's data is the parser context, whose _private is our load. */
static void parser_error(void *data, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = data;
	struct load *ld = ctxt->_private;
	if (ld->refused)
		return; /* we stopped the parser and said why; what follows is noise */
	say(ld, err->line, err->message);
}

static void schema_error(void *data, xmlErrorPtr err)
{
	struct load *ld = data;
	long line = err->line;
	if (err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE)
		line = xmlGetLineNo((xmlNodePtr)err->node);
	say(ld, line, err->message);
}

/* ------------------------------------------------------------------ schema */

static void schema_parse_error(void *data, xmlErrorPtr err)
{
	const char *path = data;
	char *m = g_strdup(err->message ? err->message : "unknown error");
	g_strstrip(m);
	cd_error_at(err->file ? err->file : path, err->line, "%s", m);
	g_free(m);
}

static cd_schema *schema_load(const char *rel, const char *what, int *rc)
{
	char *path = cd_datapath(rel);
	if (access(path, R_OK) != 0) {
		*rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(errno));
		g_free(path);
		return NULL;
	}
	xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(path);
	if (!pctxt) {
		*rc = cd_fail(-CD_EXIT_INTERNAL, "cannot make a schema parser");
		g_free(path);
		return NULL;
	}
	xmlSchemaSetParserStructuredErrors(pctxt, schema_parse_error, path);
	xmlSchemaPtr schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (!schema) {
		*rc = cd_error_at(path, 0, "the %s schema does not compile", what);
		g_free(path);
		return NULL;
	}
	g_free(path);
	cd_schema *s = g_new0(cd_schema, 1);
	s->schema = schema;
	s->vctxt = xmlSchemaNewValidCtxt(schema);
	if (!s->vctxt) {
		cd_schema_free(s);
		*rc = cd_fail(-CD_EXIT_INTERNAL, "cannot make a schema validator");
		return NULL;
	}
	*rc = 0;
	return s;
}

cd_schema *cd_schema_load(int *rc)
{
	return schema_load("templates/case.xsd", "case-data", rc);
}

cd_schema *cd_schema_authority(cd_schema *s, int *rc)
{
	if (!s->authority)
		s->authority = schema_load("templates/authority.xsd", "authority", rc);
	return s->authority;
}

xmlDocPtr cd_schema_kept(cd_schema *s, const char *path, const char *data, size_t len)
{
	if (!s->kept_doc || strcmp(s->kept_path, path) != 0 || s->kept_len != len || memcmp(s->kept_data, data, len) != 0)
		return NULL;
	return s->kept_doc;
}

static void forget_kept(cd_schema *s)
{
	xmlFreeDoc(s->kept_doc);
	g_free(s->kept_path);
	g_free(s->kept_data);
	s->kept_doc = NULL;
	s->kept_path = s->kept_data = NULL;
	s->kept_len = 0;
}

void cd_schema_keep(cd_schema *s, const char *path, const char *data, size_t len, xmlDocPtr doc)
{
	forget_kept(s);
	s->kept_path = g_strdup(path);
	s->kept_data = g_memdup2(data, len);
	s->kept_len = len;
	s->kept_doc = doc;
}

void cd_schema_free(cd_schema *s)
{
	if (!s)
		return;
	forget_kept(s);
	cd_schema_free(s->authority);
	if (s->vctxt)
		xmlSchemaFreeValidCtxt(s->vctxt);
	if (s->schema)
		xmlSchemaFree(s->schema);
	g_free(s);
}

/* ------------------------------------------------------------------ safe parse */

/* A DOCTYPE can declare entities (billion laughs, external entities reading local files or the
 * network): case data never needs one, so the parser stops at the first sight of it. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	if (ld->refused)
		return;
	ld->errors++;
	ld->refused = 1;
	cd_error_at(ld->name, xmlSAX2GetLineNumber(ctx),
	            "a DOCTYPE is not allowed in %s (no DTD, no entities)", ld->what ? ld->what : "case data");
	xmlStopParser(ctxt);
}

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                          const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                          int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct load *ld = ctxt->_private;
	if (ld->refused)
		return;
	/* nameNr counts the open ancestors of this element. */
	if (ctxt->nameNr + 1 > CD_CASE_MAX_DEPTH) {
		ld->errors++;
		ld->refused = 1;
		cd_error_at(ld->name, xmlSAX2GetLineNumber(ctx),
		            "elements nested more than %d deep: refused", CD_CASE_MAX_DEPTH);
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces,
	                      nb_attributes, nb_defaulted, attributes);
}

/* libxml2 checks each attribute of a start tag against the ones before it, so the work of one
 * tag grows with the square of its attributes (100,000 of them take minutes), and the schema
 * validator does the same again. No element of the schema takes more than a handful, so before
 * parsing, one pass over the bytes counts the attributes (and namespace declarations) of every
 * start tag and refuses a file where one has more than CD_CASE_MAX_ATTRIBUTES. The pass skips
 * comments, CDATA sections, processing instructions and declarations; it only needs to be right
 * for well-formed XML, since the parser refuses the rest anyway. */
static int count_attributes(struct load *ld, const char *data, size_t len)
{
	long line = 1;
	size_t i = 0;
	while (i < len) {
		char ch = data[i];
		if (ch == '\n')
			line++;
		if (ch != '<') {
			i++;
			continue;
		}
		const char *close = NULL;
		const char *rest = data + i;
		size_t left = len - i;
		if (left >= 4 && memcmp(rest, "<!--", 4) == 0)
			close = "-->";
		else if (left >= 9 && memcmp(rest, "<![CDATA[", 9) == 0)
			close = "]]>";
		else if (left >= 2 && rest[1] == '?')
			close = "?>";
		else if (left >= 2 && (rest[1] == '!' || rest[1] == '/'))
			close = ">";
		if (close) {
			size_t n = strlen(close);
			i++;
			while (i < len && !(len - i >= n && memcmp(data + i, close, n) == 0)) {
				line += data[i] == '\n';
				i++;
			}
			i += n;
			continue;
		}
		/* a start tag: count '=' outside quoted values */
		long at = line;
		size_t name = ++i;
		while (i < len && !strchr(" \t\r\n/>", data[i]))
			i++;
		size_t name_len = i - name;
		char quote = 0;
		int attrs = 0;
		for (; i < len; i++) {
			char c = data[i];
			line += c == '\n';
			if (quote) {
				if (c == quote)
					quote = 0;
			} else if (c == '"' || c == '\'') {
				quote = c;
			} else if (c == '=') {
				attrs++;
			} else if (c == '>') {
				break;
			}
		}
		if (attrs > CD_CASE_MAX_ATTRIBUTES) {
			/* The name as far as it is a plain XML name: nothing else of the file is echoed. */
			size_t k = 0;
			while (k < name_len && k < 40 && (g_ascii_isalnum(data[name + k]) || strchr("-_.:", data[name + k])))
				k++;
			ld->errors++;
			ld->refused = 1;
			return cd_error_at(ld->name, at, "element '%.*s' has %d attributes, more than %d: refused",
			                   (int)k, data + name, attrs, CD_CASE_MAX_ATTRIBUTES);
		}
	}
	return 0;
}

static xmlDocPtr safe_parse(struct load *ld, const char *data, size_t len)
{
	if (len > (ld->max ? ld->max : CD_CASE_MAX_BYTES)) {
		ld->errors++;
		too_large_max(ld->name, ld->max ? ld->max : CD_CASE_MAX_BYTES);
		return NULL;
	}
	if (count_attributes(ld, data, len) < 0)
		return NULL;
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		ld->errors++;
		cd_fail(-CD_EXIT_INTERNAL, "cannot make an XML parser");
		return NULL;
	}
	ctxt->_private = ld;
	ctxt->sax->serror = parser_error;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->startElementNs = start_element;
	/* No NOENT (entities are never expanded), no DTDLOAD/DTDATTR/DTDVALID, no network. */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, ld->name, NULL, opts);
	if (doc && (ld->refused || ld->errors || !ctxt->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !ld->errors) {
		ld->errors++;
		cd_error_at(ld->name, 0, "not well-formed XML");
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* ------------------------------------------------------------------ references */

/* libxml2's XSD validator marks IDREF(S) attributes but does not check that they resolve. */
static void check_refs(struct load *ld, xmlDocPtr doc, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (a->atype != XML_ATTRIBUTE_IDREF && a->atype != XML_ATTRIBUTE_IDREFS)
				continue;
			xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
			char **toks = g_strsplit_set(v ? (const char *)v : "", " \t\r\n", -1);
			for (char **t = toks; *t; t++) {
				if (**t && !xmlGetID(doc, (const xmlChar *)*t)) {
					ld->errors++;
					if (ld->errors <= MAX_MESSAGES)
						cd_error_at(ld->name, xmlGetLineNo(n),
						            "element '%s': attribute '%s' names '%s', which is not the id of anything in this case",
						            (const char *)n->name, (const char *)a->name, *t);
				}
			}
			g_strfreev(toks);
			xmlFree(v);
		}
		check_refs(ld, doc, n->children);
	}
}

/* ------------------------------------------------------------------ characters */

/* XML allows the Unicode noncharacters (U+FDD0 to U+FDEF, and the last two code points of every
 * plane, U+FFFE ... U+10FFFF, as character references or as bytes) but no PDF writer may put
 * them in a document: cairo refuses the whole page. They are refused here, with their line, so
 * that `check` finds them and a render never fails late for a reason in the case. */
static gunichar noncharacter(const char *s)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
			return c;
	}
	return 0;
}

static void check_chars(struct load *ld, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			for (xmlNodePtr t = a->children; t; t = t->next) {
				gunichar c = noncharacter((const char *)t->content);
				if (!c)
					continue;
				if (++ld->errors <= MAX_MESSAGES)
					cd_error_at(ld->name, xmlGetLineNo(n),
					            "element '%s', attribute '%s': U+%04X is a Unicode noncharacter, which no document may hold",
					            (const char *)n->name, (const char *)a->name, (unsigned)c);
				break;
			}
		}
		for (xmlNodePtr t = n->children; t; t = t->next) {
			if (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE)
				continue;
			gunichar c = noncharacter((const char *)t->content);
			if (c && ++ld->errors <= MAX_MESSAGES)
				cd_error_at(ld->name, xmlGetLineNo(t) > 0 ? xmlGetLineNo(t) : xmlGetLineNo(n),
				            "element '%s': U+%04X is a Unicode noncharacter, which no document may hold",
				            (const char *)n->name, (unsigned)c);
		}
		check_chars(ld, n->children);
	}
}

/* ------------------------------------------------------------------ limits */

/* Every command compares meetings with people and children (views, consent, copies owed), so
 * the work grows with their product: a file of thousands of each within the size limit would
 * keep `check`, `render` and `queue` busy for minutes. A case is one family: these limits are
 * far beyond any real one. */
static const struct {
	const char *parent; /* child element of the case root */
	const char *element;
	int most;
	const char *what;
} limits[] = {
	{ "children", "child", CD_CASE_MAX_CHILDREN, "children" },
	{ "people", "person", CD_CASE_MAX_PEOPLE, "people" },
	{ "meetings", "meeting", CD_CASE_MAX_MEETINGS, "meetings" },
	{ "visits", "visit", CD_CASE_MAX_VISITS, "visits" },
};

static void check_limits(struct load *ld, xmlNodePtr root)
{
	for (size_t i = 0; i < G_N_ELEMENTS(limits); i++) {
		int n = 0;
		for (xmlNodePtr e = cd_case_first(cd_case_first(root, limits[i].parent), limits[i].element); e;
		     e = cd_case_next(e, limits[i].element))
			if (++n > limits[i].most) {
				ld->errors++;
				cd_error_at(ld->name, xmlGetLineNo(e), "more than %d %s in one case: refused",
				            limits[i].most, limits[i].what);
				break;
			}
	}
	int items = 0;
	for (xmlNodePtr sec = cd_case_first(cd_case_first(root, "plan"), "section"); sec;
	     sec = cd_case_next(sec, "section"))
		for (xmlNodePtr it = cd_case_first(sec, "item"); it; it = cd_case_next(it, "item"))
			if (++items == CD_CASE_MAX_ITEMS + 1) {
				ld->errors++;
				cd_error_at(ld->name, xmlGetLineNo(it), "more than %d plan items in one case: refused",
				            CD_CASE_MAX_ITEMS);
			}
}

/* What the schema cannot say about names: the id "file" is the copy for the child's file, so no
 * child or person may have it (their copies would be taken for the file's); a case ref names
 * queue items and files and is written in tab-separated results, so it holds no control
 * character (tab, newline ...). */
static void check_names(struct load *ld, xmlNodePtr root)
{
	xmlChar *ref = xmlGetProp(root, (const xmlChar *)"ref");
	for (const xmlChar *c = ref; c && *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			ld->errors++;
			if (ld->errors <= MAX_MESSAGES)
				cd_error_at(ld->name, xmlGetLineNo(root),
				            "the case ref holds a control character (0x%02x): a ref is one line of plain text", *c);
			break;
		}
	}
	xmlFree(ref);
	for (xmlNodePtr g = root->children; g; g = g->next) {
		if (g->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNodePtr n = g->children; n; n = n->next) {
			if (n->type != XML_ELEMENT_NODE ||
			    (!xmlStrEqual(n->name, (const xmlChar *)"child") && !xmlStrEqual(n->name, (const xmlChar *)"person")))
				continue;
			xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
			if (id && xmlStrEqual(id, (const xmlChar *)"file")) {
				ld->errors++;
				if (ld->errors <= MAX_MESSAGES)
					cd_error_at(ld->name, xmlGetLineNo(n),
					            "a %s may not have the id 'file': it names the copy for the child's file",
					            (const char *)n->name);
			}
			xmlFree(id);
		}
	}
}

/* ------------------------------------------------------------------ loading */

int cd_case_load_memory(cd_schema *s, const char *name, const char *data, size_t len,
                        xmlDocPtr *out)
{
	struct load ld = { .name = name };
	*out = NULL;
	xmlDocPtr doc = safe_parse(&ld, data, len);
	if (!doc) {
		finish_messages(&ld);
		return -CD_EXIT_INVALID;
	}
	xmlSchemaSetValidStructuredErrors(s->vctxt, schema_error, &ld);
	int r = xmlSchemaValidateDoc(s->vctxt, doc);
	xmlSchemaSetValidStructuredErrors(s->vctxt, NULL, NULL);
	if (r != 0 && !ld.errors) {
		ld.errors++;
		cd_error_at(name, 0, "the case does not validate against the schema");
	}
	if (!ld.errors)
		check_chars(&ld, xmlDocGetRootElement(doc));
	if (!ld.errors)
		check_limits(&ld, xmlDocGetRootElement(doc));
	if (!ld.errors)
		check_refs(&ld, doc, xmlDocGetRootElement(doc));
	if (!ld.errors)
		check_names(&ld, xmlDocGetRootElement(doc));
	finish_messages(&ld);
	if (ld.errors) {
		xmlFreeDoc(doc);
		return -CD_EXIT_INVALID;
	}
	*out = doc;
	return 0;
}

/* What validation leaves in a tree besides its verdict: the schema's xs:ID attributes registered
 * as ids (xmlGetID, XPath id()), each value stripped of white space at its ends as libxml2's
 * validator does. The schema's only xs:ID attributes are the `id` of a child, person, meeting and
 * plan item, and no other element has an `id`: in a case that validated, every `id` attribute
 * is one of them. */
static void register_ids(xmlDocPtr doc, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (a->ns || !xmlStrEqual(a->name, (const xmlChar *)"id") || a->atype == XML_ATTRIBUTE_ID)
				continue;
			xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
			char *id = g_strstrip(g_strdup(v ? (const char *)v : ""));
			xmlAddID(NULL, doc, (const xmlChar *)id, a);
			g_free(id);
			xmlFree(v);
		}
		register_ids(doc, n->children);
	}
}

/* The load of cd_case_load_sha256 and cd_case_load_checked: `checked` is the SHA-256 of bytes
 * of this file that a load of this run found valid (NULL: none). */
static int load_case_file(cd_schema *s, const char *path, const char *checked, xmlDocPtr *doc, char sha256[65])
{
	char *data = NULL;
	size_t len = 0;
	*doc = NULL;
	if (sha256)
		sha256[0] = '\0';
	if (cd_authority_is_file(path))
		return cd_error_at(path, 0, "this is the authority's details for the cases beside it, "
		                   "not a case");
	/* At most CD_CASE_MAX_BYTES are read: a huge file is refused before any work on it. */
	int rc = cd_read_input(path, CD_CASE_MAX_BYTES, &data, &len);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		g_free(data);
		return too_large(path);
	}
	char *hex = NULL;
	if (sha256 || checked) {
		/* of the very bytes parsed: the file may change between two reads */
		hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		if (sha256)
			g_strlcpy(sha256, hex, 65);
	}
	if (checked && strcmp(hex, checked) == 0) {
		/* The very bytes that were found valid: parsed as safely, not validated again. */
		struct load ld = { .name = path };
		*doc = safe_parse(&ld, data, len);
		finish_messages(&ld);
		rc = *doc ? 0 : -CD_EXIT_INVALID;
		if (*doc)
			register_ids(*doc, xmlDocGetRootElement(*doc));
	} else {
		rc = cd_case_load_memory(s, path, data, len, doc);
	}
	g_free(hex);
	g_free(data);
	if (rc == 0 && cd_case_is(xmlDocGetRootElement(*doc), "case")) {
		rc = cd_authority_complete(s, *doc, path);
		if (rc < 0) {
			xmlFreeDoc(*doc);
			*doc = NULL;
		}
	}
	return rc;
}

int cd_case_load_sha256(cd_schema *s, const char *path, xmlDocPtr *doc, char sha256[65])
{
	return load_case_file(s, path, NULL, doc, sha256);
}

int cd_case_load_checked(cd_schema *s, const char *path, const char *sha256, xmlDocPtr *doc)
{
	return load_case_file(s, path, sha256 && *sha256 ? sha256 : NULL, doc, NULL);
}

int cd_case_load(cd_schema *s, const char *path, xmlDocPtr *doc)
{
	return cd_case_load_sha256(s, path, doc, NULL);
}

int cd_case_read(const char *path, xmlDocPtr *doc)
{
	*doc = NULL;
	int rc = 0;
	cd_schema *s = cd_schema_load(&rc);
	if (!s)
		return rc < 0 ? rc : -CD_EXIT_INTERNAL;
	rc = cd_case_load(s, path, doc);
	cd_schema_free(s);
	return rc;
}

/* ------------------------------------------------------------------ other XML inputs */

int cd_xml_parse_safe(const char *name, const char *what, size_t max, const char *data, size_t len,
                      xmlDocPtr *doc)
{
	struct load ld = { .name = name, .what = what, .max = max };
	*doc = safe_parse(&ld, data, len);
	finish_messages(&ld);
	return *doc ? 0 : -CD_EXIT_INVALID;
}

cd_schema *cd_schema_load_file(const char *rel, const char *what, int *rc)
{
	return schema_load(rel, what, rc);
}

int cd_schema_validate(cd_schema *s, const char *name, xmlDocPtr doc)
{
	struct load ld = { .name = name };
	xmlSchemaSetValidStructuredErrors(s->vctxt, schema_error, &ld);
	int r = xmlSchemaValidateDoc(s->vctxt, doc);
	xmlSchemaSetValidStructuredErrors(s->vctxt, NULL, NULL);
	if (r != 0 && !ld.errors) {
		ld.errors++;
		cd_error_at(name, 0, "the file does not validate against its schema");
	}
	finish_messages(&ld);
	return ld.errors ? -CD_EXIT_INVALID : 0;
}

/* ------------------------------------------------------------------ accessors */

xmlNodePtr cd_case_lookup(xmlDocPtr doc, const char *id)
{
	if (!doc || !id)
		return NULL;
	xmlAttrPtr a = xmlGetID(doc, (const xmlChar *)id);
	return a ? a->parent : NULL;
}

int cd_case_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr element_from(xmlNodePtr n, const char *name)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && (!name || strcmp((const char *)n->name, name) == 0))
			return n;
	return NULL;
}

xmlNodePtr cd_case_first(xmlNodePtr parent, const char *name)
{
	return parent ? element_from(parent->children, name) : NULL;
}

xmlNodePtr cd_case_next(xmlNodePtr n, const char *name)
{
	return n ? element_from(n->next, name) : NULL;
}

long cd_case_line(xmlNodePtr n)
{
	return n ? xmlGetLineNo(n) : 0;
}

const char *cd_case_attr(xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
	if (!a || a->type != XML_ATTRIBUTE_NODE || !a->children || a->children->next ||
	    a->children->type != XML_TEXT_NODE)
		return a && !a->children ? "" : NULL;
	return (const char *)a->children->content;
}

int cd_case_flag(xmlNodePtr n, const char *name)
{
	const char *v = cd_case_attr(n, name);
	return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

int cd_case_date(const char *s, cd_date *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > cd_date_month_days(y, m))
		return -1;
	*d = cd_date_from_ymd(y, m, dd);
	return 0;
}

int cd_case_date_attr(xmlNodePtr n, const char *attr, cd_date *d)
{
	return cd_case_date(cd_case_attr(n, attr), d);
}

char *cd_case_text(xmlNodePtr n)
{
	if (!n)
		return NULL;
	xmlChar *c = xmlNodeGetContent(n);
	char *s = g_strdup((const char *)c);
	xmlFree(c);
	return g_strstrip(s);
}

int cd_case_text_date(xmlNodePtr n, cd_date *d)
{
	char *s = cd_case_text(n);
	int r = cd_case_date(s, d);
	g_free(s);
	return r;
}

char *cd_case_given_name(xmlNodePtr who)
{
	char *s = cd_case_text(cd_case_first(who, "preferred-name"));
	if (s)
		return s;
	return cd_case_text(cd_case_first(cd_case_first(who, "name"), "given"));
}

char *cd_case_full_name(xmlNodePtr who)
{
	xmlNodePtr name = cd_case_first(who, "name");
	char *title = cd_case_text(cd_case_first(name, "title"));
	char *given = cd_case_text(cd_case_first(name, "given"));
	char *family = cd_case_text(cd_case_first(name, "family"));
	char *s = title ? g_strdup_printf("%s %s %s", title, given ? given : "", family ? family : "")
	                : g_strdup_printf("%s %s", given ? given : "", family ? family : "");
	g_free(title);
	g_free(given);
	g_free(family);
	return s;
}

int cd_case_list_has(const char *list, const char *id)
{
	if (!list || !id || !*id)
		return 0;
	size_t n = strlen(id);
	for (const char *p = list; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *e = p;
		while (*e && !isspace((unsigned char)*e))
			e++;
		if ((size_t)(e - p) == n && strncmp(p, id, n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

int cd_case_withheld(xmlNodePtr el, const char *recipient_id)
{
	for (; el && el->type == XML_ELEMENT_NODE; el = el->parent)
		if (cd_case_list_has(cd_case_attr(el, "withheld-from"), recipient_id))
			return 1;
	return 0;
}

static gint file_name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int cd_case_files(const char *arg, GPtrArray *files)
{
	if (!g_file_test(arg, G_FILE_TEST_IS_DIR)) {
		g_ptr_array_add(files, g_strdup(arg));
		return 0;
	}
	GError *err = NULL;
	GDir *dir = g_dir_open(arg, 0, &err);
	if (!dir) {
		int rc = cd_fail(-CD_EXIT_NOREAD, "cannot read folder '%s': %s", arg, err->message);
		g_error_free(err);
		return rc;
	}
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(dir)))
		if (g_str_has_suffix(name, ".xml") && name[0] != '.' && strcmp(name, CD_AUTHORITY_FILE) != 0)
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dir);
	g_ptr_array_sort(names, file_name_cmp);
	for (guint i = 0; i < names->len; i++)
		g_ptr_array_add(files, g_build_filename(arg, (const char *)names->pdata[i], NULL));
	g_ptr_array_free(names, TRUE);
	return 0;
}
