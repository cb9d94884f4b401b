/* case/authority.c - a case's authority details, completed from authority.xml (see authority.h). */
#include "case/authority.h"
#include "base/cindoc.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An authority file is a few lines: anything much larger is not one. */
#define AUTHORITY_MAX_BYTES (256 * 1024)

/* The parts of <authority>, in the schema's order. */
static const char *const parts[] = { "name", "service", "team", "address", "phone", "email",
	                             "complaints", "adult-services" };
/* ... and those a letter cannot do without. */
static int required(const char *part)
{
	return strcmp(part, "service") != 0 && strcmp(part, "email") != 0 &&
	       strcmp(part, "adult-services") != 0;
}

/* Nodes taken from authority.xml point here (libxml2 leaves _private to the application). */
static const char from_file_mark = 'A';

static void mark(xmlNodePtr n)
{
	n->_private = (void *)&from_file_mark;
}

int cd_authority_from_file(xmlNodePtr n)
{
	return n && n->_private == &from_file_mark;
}

static xmlNodePtr part_of(xmlNodePtr auth, const char *name)
{
	return auth ? cd_case_first(auth, name) : NULL;
}

/* Reads and validates the folder's authority.xml. 0 with *out (kept by the authority schema:
 * read only, never freed here), 1 when there is none, or an error after a message. The bytes
 * are read every time; a file that holds the bytes found valid a moment ago is not parsed and
 * validated again. */
static int load_file(cd_schema *s, const char *path, xmlDocPtr *out)
{
	*out = NULL;
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 1;
	int rc = 0;
	cd_schema *as = cd_schema_authority(s, &rc);
	if (!as)
		return rc;
	struct stat sb;
	if (stat(path, &sb) == 0 && sb.st_size > AUTHORITY_MAX_BYTES)
		return cd_error_at(path, 0, "the file is larger than %d KiB: refused",
		                   AUTHORITY_MAX_BYTES / 1024);
	char *data = NULL;
	size_t len = 0;
	rc = cd_read_file(path, &data, &len);
	if (rc < 0)
		return rc;
	xmlDocPtr adoc = cd_schema_kept(as, path, data, len);
	if (adoc) {
		g_free(data);
		*out = adoc;
		return 0;
	}
	rc = cd_case_load_memory(as, path, data, len, &adoc);
	if (rc < 0) {
		g_free(data);
		return rc;
	}
	xmlNodePtr root = xmlDocGetRootElement(adoc);
	if (!cd_case_is(root, "authority")) {
		rc = cd_error_at(path, cd_case_line(root), "the root element is <%s>: authority.xml "
		                 "holds one <authority>", root ? (const char *)root->name : "");
		xmlFreeDoc(adoc);
		g_free(data);
		return rc;
	}
	cd_schema_keep(as, path, data, len, adoc);
	g_free(data);
	*out = adoc;
	return 0;
}

int cd_authority_is_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	return strcmp(slash ? slash + 1 : path, CD_AUTHORITY_FILE) == 0;
}

int cd_authority_check_file(cd_schema *s, const char *path)
{
	xmlDocPtr adoc = NULL;
	int rc = load_file(s, path, &adoc);
	if (rc == 1)
		rc = cd_fail(-CD_EXIT_NOREAD, "cannot read '%s': %s", path, strerror(ENOENT));
	return rc;
}

int cd_authority_complete(cd_schema *s, xmlDocPtr doc, const char *case_path)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr auth = cd_case_first(root, "authority");
	int missing = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		if (!part_of(auth, parts[i]))
			missing = 1;
	if (!missing)
		return 0;

	char *dir = g_path_get_dirname(case_path);
	char *path = g_build_filename(dir, CD_AUTHORITY_FILE, NULL);
	g_free(dir);
	xmlDocPtr adoc = NULL;
	int rc = load_file(s, path, &adoc);
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	xmlNodePtr from = adoc ? xmlDocGetRootElement(adoc) : NULL;

	/* Every part a letter needs must come from one of the two. */
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
		if (!required(parts[i]) || part_of(auth, parts[i]) || part_of(from, parts[i]))
			continue;
		if (!auth)
			rc = cd_error_at(case_path, 0, "no authority details: the case has no <authority> "
			                 "and there is no '%s'", path);
		else if (!from)
			rc = cd_error_at(case_path, cd_case_line(auth), "the authority's <%s> is missing: "
			                 "give it here or in '%s' (there is no such file)", parts[i], path);
		else
			rc = cd_error_at(case_path, cd_case_line(auth), "the authority's <%s> is missing: "
			                 "give it here or in '%s'", parts[i], path);
		if (!auth)
			break;
	}
	if (rc < 0) {
		g_free(path);
		return rc;
	}
	g_free(path);

	if (!auth) {
		auth = xmlNewDocNode(doc, NULL, (const xmlChar *)"authority", NULL);
		mark(auth);
		xmlNodePtr first = cd_case_first(root, NULL);
		if (first)
			xmlAddPrevSibling(first, auth);
		else
			xmlAddChild(root, auth);
	}
	/* Each part in its place: before the first part of the case that comes after it. */
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
		xmlNodePtr have = part_of(auth, parts[i]);
		xmlNodePtr give = part_of(from, parts[i]);
		if (have || !give)
			continue;
		xmlNodePtr copy = xmlDocCopyNode(give, doc, 1);
		if (!copy)
			CD_BUG("out of memory copying the authority");
		if (!cd_authority_from_file(auth))
			mark(copy);
		xmlNodePtr after = NULL;
		for (size_t j = i + 1; j < G_N_ELEMENTS(parts) && !after; j++)
			after = part_of(auth, parts[j]);
		if (after)
			xmlAddPrevSibling(after, copy);
		else
			xmlAddChild(auth, copy);
	}
	return 0;
}

/* ---- detach and restore ---- */

struct place {
	xmlNodePtr node, parent, next;
};

struct cd_authority_parts {
	GArray *places; /* struct place, in the order taken out */
};

static void take_out(cd_authority_parts *p, xmlNodePtr n)
{
	struct place pl = { n, n->parent, n->next };
	xmlUnlinkNode(n);
	g_array_append_val(p->places, pl);
}

cd_authority_parts *cd_authority_detach(xmlDocPtr doc)
{
	cd_authority_parts *p = g_new0(cd_authority_parts, 1);
	p->places = g_array_new(FALSE, FALSE, sizeof(struct place));
	xmlNodePtr auth = cd_case_first(xmlDocGetRootElement(doc), "authority");
	if (!auth)
		return p;
	if (cd_authority_from_file(auth)) {
		take_out(p, auth);
		return p;
	}
	for (xmlNodePtr n = auth->children, next; n; n = next) {
		next = n->next;
		if (cd_authority_from_file(n))
			take_out(p, n);
	}
	return p;
}

void cd_authority_restore(cd_authority_parts *p)
{
	if (!p)
		return;
	for (guint i = p->places->len; i-- > 0;) {
		struct place *pl = &g_array_index(p->places, struct place, i);
		if (pl->next)
			xmlAddPrevSibling(pl->next, pl->node);
		else
			xmlAddChild(pl->parent, pl->node);
	}
	g_array_free(p->places, TRUE);
	g_free(p);
}
