/* fo/fo.c - XSL-FO elements: their kinds and names, whether a tree needs two passes, and the
 * messages that point at an element. Properties are fo-props.c (the subset), fo-value.c (parsing
 * one value) and fo-style.c (computed values). */
#include "fo/fo.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[FO_N_KINDS] = {
	[FO_ROOT] = "root", [FO_LAYOUT_MASTER_SET] = "layout-master-set",
	[FO_SIMPLE_PAGE_MASTER] = "simple-page-master", [FO_REGION_BODY] = "region-body",
	[FO_REGION_BEFORE] = "region-before", [FO_REGION_AFTER] = "region-after",
	[FO_REGION_START] = "region-start", [FO_REGION_END] = "region-end",
	[FO_PAGE_SEQUENCE_MASTER] = "page-sequence-master",
	[FO_SINGLE_PAGE_MASTER_REFERENCE] = "single-page-master-reference",
	[FO_REPEATABLE_PAGE_MASTER_REFERENCE] = "repeatable-page-master-reference",
	[FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES] = "repeatable-page-master-alternatives",
	[FO_CONDITIONAL_PAGE_MASTER_REFERENCE] = "conditional-page-master-reference",
	[FO_DECLARATIONS] = "declarations", [FO_BOOKMARK_TREE] = "bookmark-tree",
	[FO_BOOKMARK] = "bookmark", [FO_BOOKMARK_TITLE] = "bookmark-title",
	[FO_PAGE_SEQUENCE] = "page-sequence", [FO_FLOW] = "flow", [FO_STATIC_CONTENT] = "static-content",
	[FO_BLOCK] = "block", [FO_BLOCK_CONTAINER] = "block-container", [FO_INLINE] = "inline",
	[FO_WRAPPER] = "wrapper", [FO_LEADER] = "leader", [FO_CHARACTER] = "character",
	[FO_PAGE_NUMBER] = "page-number", [FO_PAGE_NUMBER_CITATION] = "page-number-citation",
	[FO_PAGE_NUMBER_CITATION_LAST] = "page-number-citation-last", [FO_BASIC_LINK] = "basic-link",
	[FO_EXTERNAL_GRAPHIC] = "external-graphic", [FO_LIST_BLOCK] = "list-block",
	[FO_LIST_ITEM] = "list-item", [FO_LIST_ITEM_LABEL] = "list-item-label",
	[FO_LIST_ITEM_BODY] = "list-item-body", [FO_TABLE] = "table", [FO_TABLE_COLUMN] = "table-column",
	[FO_TABLE_HEADER] = "table-header", [FO_TABLE_FOOTER] = "table-footer",
	[FO_TABLE_BODY] = "table-body", [FO_TABLE_ROW] = "table-row", [FO_TABLE_CELL] = "table-cell",
	[FO_MARKER] = "marker", [FO_RETRIEVE_MARKER] = "retrieve-marker",
};

static const char *const kind_qnames[FO_N_KINDS] = {
#define Q(k, s) [k] = "fo:" s
	Q(FO_ROOT, "root"), Q(FO_LAYOUT_MASTER_SET, "layout-master-set"),
	Q(FO_SIMPLE_PAGE_MASTER, "simple-page-master"), Q(FO_REGION_BODY, "region-body"),
	Q(FO_REGION_BEFORE, "region-before"), Q(FO_REGION_AFTER, "region-after"),
	Q(FO_REGION_START, "region-start"), Q(FO_REGION_END, "region-end"),
	Q(FO_PAGE_SEQUENCE_MASTER, "page-sequence-master"),
	Q(FO_SINGLE_PAGE_MASTER_REFERENCE, "single-page-master-reference"),
	Q(FO_REPEATABLE_PAGE_MASTER_REFERENCE, "repeatable-page-master-reference"),
	Q(FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES, "repeatable-page-master-alternatives"),
	Q(FO_CONDITIONAL_PAGE_MASTER_REFERENCE, "conditional-page-master-reference"),
	Q(FO_DECLARATIONS, "declarations"), Q(FO_BOOKMARK_TREE, "bookmark-tree"),
	Q(FO_BOOKMARK, "bookmark"), Q(FO_BOOKMARK_TITLE, "bookmark-title"),
	Q(FO_PAGE_SEQUENCE, "page-sequence"), Q(FO_FLOW, "flow"), Q(FO_STATIC_CONTENT, "static-content"),
	Q(FO_BLOCK, "block"), Q(FO_BLOCK_CONTAINER, "block-container"), Q(FO_INLINE, "inline"),
	Q(FO_WRAPPER, "wrapper"), Q(FO_LEADER, "leader"), Q(FO_CHARACTER, "character"),
	Q(FO_PAGE_NUMBER, "page-number"), Q(FO_PAGE_NUMBER_CITATION, "page-number-citation"),
	Q(FO_PAGE_NUMBER_CITATION_LAST, "page-number-citation-last"), Q(FO_BASIC_LINK, "basic-link"),
	Q(FO_EXTERNAL_GRAPHIC, "external-graphic"), Q(FO_LIST_BLOCK, "list-block"),
	Q(FO_LIST_ITEM, "list-item"), Q(FO_LIST_ITEM_LABEL, "list-item-label"),
	Q(FO_LIST_ITEM_BODY, "list-item-body"), Q(FO_TABLE, "table"), Q(FO_TABLE_COLUMN, "table-column"),
	Q(FO_TABLE_HEADER, "table-header"), Q(FO_TABLE_FOOTER, "table-footer"),
	Q(FO_TABLE_BODY, "table-body"), Q(FO_TABLE_ROW, "table-row"), Q(FO_TABLE_CELL, "table-cell"),
	Q(FO_MARKER, "marker"), Q(FO_RETRIEVE_MARKER, "retrieve-marker"),
#undef Q
};

static fo_kind kind_named(const xmlChar *ns, const xmlChar *name)
{
	if (!ns || !name || !xmlStrEqual(ns, BAD_CAST FO_NS))
		return FO_UNKNOWN;
	for (int k = 1; k < FO_N_KINDS; k++)
		if (name[0] == kind_names[k][0] && strcmp((const char *)name, kind_names[k]) == 0)
			return (fo_kind)k;
	return FO_UNKNOWN;
}

fo_kind fo_kind_of(const xmlNode *n)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->ns)
		return FO_UNKNOWN;
	return kind_named(n->ns->href, n->name);
}

static int asks_page_numbers(fo_kind k, int in_flow)
{
	return k == FO_PAGE_NUMBER_CITATION || k == FO_PAGE_NUMBER_CITATION_LAST || (k == FO_PAGE_NUMBER && in_flow);
}

static int tree_needs_passes(const xmlNode *n, int in_flow)
{
	for (const xmlNode *c = n; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		fo_kind k = fo_kind_of(c);
		if (asks_page_numbers(k, in_flow))
			return 1;
		if (c->children && tree_needs_passes(c->children, in_flow || k == FO_FLOW))
			return 1;
	}
	return 0;
}

int fo_needs_two_passes(const xmlNode *root)
{
	return root && tree_needs_passes(root, 0);
}

int fo_file_needs_two_passes(const char *path)
{
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!rd)
		return 0;
	int yes = 0, flow_depth = -1;
	while (!yes && xmlTextReaderRead(rd) == 1) {
		int type = xmlTextReaderNodeType(rd), depth = xmlTextReaderDepth(rd);
		if (type == XML_READER_TYPE_END_ELEMENT && depth == flow_depth)
			flow_depth = -1;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		fo_kind k = kind_named(xmlTextReaderConstNamespaceUri(rd), xmlTextReaderConstLocalName(rd));
		yes = asks_page_numbers(k, flow_depth >= 0);
		if (k == FO_FLOW && flow_depth < 0 && !xmlTextReaderIsEmptyElement(rd))
			flow_depth = depth;
	}
	xmlFreeTextReader(rd);
	xmlResetLastError();
	return yes;
}

const char *fo_kind_name(fo_kind k)
{
	return k > 0 && k < FO_N_KINDS ? kind_qnames[k] : "?";
}

const char *fo_attr(xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0 && a->children)
			return (const char *)a->children->content;
	return NULL;
}

int fo_is_blank(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
		return 0;
	for (const xmlChar *p = n->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
	return 1;
}

int fo_bad_value(const fo_src *src, xmlNode *n, const char *prop, const char *v)
{
	return cd_error_at(src->name, xmlGetLineNo(n), "invalid value '%s' for property '%s' on %s", v, prop,
	                   fo_kind_name(fo_kind_of(n)));
}

int fo_bad_child(const fo_src *src, xmlNode *child, xmlNode *parent)
{
	const char *pn = fo_kind_name(fo_kind_of(parent));
	if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
		/* libxml2 numbers a text node by the line where it ends: point at its first letter */
		long line = xmlGetLineNo(child);
		const char *t = (const char *)child->content, *first = t + strspn(t, " \t\r\n");
		for (const char *p = t; *p; p++)
			if (*p == '\n')
				line--;
		for (const char *p = t; p < first; p++)
			if (*p == '\n')
				line++;
		return cd_error_at(src->name, line, "text is not allowed directly in %s", pn);
	}
	fo_kind k = fo_kind_of(child);
	if (k != FO_UNKNOWN)
		return cd_error_at(src->name, xmlGetLineNo(child), "unsupported element '%s' in %s", fo_kind_name(k), pn);
	if (child->ns && child->ns->prefix)
		return cd_error_at(src->name, xmlGetLineNo(child), "unsupported element '%s:%s' in %s",
		                   child->ns->prefix, child->name, pn);
	return cd_error_at(src->name, xmlGetLineNo(child), "unsupported element '%s' in %s", child->name, pn);
}
