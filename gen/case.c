/* case.c - the case-data schema, the safe case loader, and small accessors (see case.h). */
#include "authority.h"
#include "case.h"
#include "cindoc.h"

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
};

/* What one load has seen: the file name for messages and the errors so far. */
struct load {
	const char *name;
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

void cd_schema_free(cd_schema *s)
{
	if (!s)
		return;
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
	            "a DOCTYPE is not allowed in case data (no DTD, no entities)");
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

static xmlDocPtr safe_parse(struct load *ld, const char *data, size_t len)
{
	if (len > CD_CASE_MAX_BYTES) {
		ld->errors++;
		cd_error_at(ld->name, 0, "the file is larger than %u MiB: refused",
		            CD_CASE_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
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

/* Reads at most CD_CASE_MAX_BYTES + 1 bytes, so that an endless or huge input is cut short. */
static int read_limited(const char *path, char **data, size_t *len)
{
	/* "-" is standard input (the caller makes sure it is read once) */
	int fd = strcmp(path, "-") == 0 ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(EISDIR));
	}
	size_t cap = 65536, n = 0, limit = (size_t)CD_CASE_MAX_BYTES + 1;
	char *buf = g_malloc(cap);
	for (;;) {
		if (n == cap) {
			cap = cap * 2 > limit ? limit : cap * 2;
			buf = g_realloc(buf, cap);
		}
		if (n >= limit)
			break;
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			g_free(buf);
			return cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}

int cd_case_load(cd_schema *s, const char *path, xmlDocPtr *doc)
{
	char *data = NULL;
	size_t len = 0;
	*doc = NULL;
	if (cd_authority_is_file(path))
		return cd_error_at(path, 0, "this is the authority's details for the cases beside it, "
		                   "not a case");
	int rc = read_limited(path, &data, &len);
	if (rc < 0)
		return rc;
	rc = cd_case_load_memory(s, path, data, len, doc);
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
