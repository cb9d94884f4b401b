/* fo/fo.c - XSL-FO elements and properties: which are in the subset, and their computed values.
 * Writing mode is lr-tb only, so before/after/start/end are top/bottom/left/right. */
#include "fo/fo.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define B(k) (1ULL << (k))

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

/* Where each property may appear. */
#define INLINES (B(FO_INLINE) | B(FO_LEADER) | B(FO_CHARACTER) | B(FO_PAGE_NUMBER) | \
                 B(FO_PAGE_NUMBER_CITATION) | B(FO_PAGE_NUMBER_CITATION_LAST) | B(FO_BASIC_LINK) | \
                 B(FO_EXTERNAL_GRAPHIC))
#define LISTS (B(FO_LIST_BLOCK) | B(FO_LIST_ITEM) | B(FO_LIST_ITEM_LABEL) | B(FO_LIST_ITEM_BODY))
#define TABLES (B(FO_TABLE) | B(FO_TABLE_COLUMN) | B(FO_TABLE_HEADER) | B(FO_TABLE_FOOTER) | \
                B(FO_TABLE_BODY) | B(FO_TABLE_ROW) | B(FO_TABLE_CELL))
#define CONTENT (B(FO_ROOT) | B(FO_PAGE_SEQUENCE) | B(FO_FLOW) | B(FO_STATIC_CONTENT) | B(FO_BLOCK) | \
                 B(FO_BLOCK_CONTAINER) | B(FO_WRAPPER) | INLINES | LISTS | TABLES)
#define BLOCKS (B(FO_BLOCK) | B(FO_BLOCK_CONTAINER) | B(FO_LIST_BLOCK) | B(FO_LIST_ITEM) | B(FO_TABLE))
#define BREAKS (BLOCKS | B(FO_TABLE_ROW))
#define BORDERS (B(FO_BLOCK) | B(FO_BLOCK_CONTAINER) | B(FO_TABLE) | B(FO_TABLE_CELL))
#define PADDINGS (B(FO_BLOCK) | B(FO_BLOCK_CONTAINER) | B(FO_TABLE_CELL))
#define BACKGROUNDS (BLOCKS | B(FO_TABLE_CELL) | B(FO_TABLE_ROW) | B(FO_INLINE) | B(FO_BASIC_LINK) | \
                     B(FO_CHARACTER) | B(FO_PAGE_NUMBER) | B(FO_PAGE_NUMBER_CITATION) | \
                     B(FO_PAGE_NUMBER_CITATION_LAST))
#define IDS (CONTENT & ~B(FO_ROOT))
#define PAGE_MARGINS (B(FO_SIMPLE_PAGE_MASTER) | B(FO_REGION_BODY))
#define REGIONS (B(FO_REGION_BODY) | B(FO_REGION_BEFORE) | B(FO_REGION_AFTER) | B(FO_REGION_START) | \
                 B(FO_REGION_END))
#define OUTER_REGIONS (B(FO_REGION_BEFORE) | B(FO_REGION_AFTER) | B(FO_REGION_START) | B(FO_REGION_END))
#define MASTER_REFS (B(FO_SINGLE_PAGE_MASTER_REFERENCE) | B(FO_REPEATABLE_PAGE_MASTER_REFERENCE) | \
                     B(FO_CONDITIONAL_PAGE_MASTER_REFERENCE) | B(FO_PAGE_SEQUENCE))

/* Properties; the order of this enum is also the order of application: shorthands before the
 * properties they set, so that the more specific one wins whatever the attribute order. */
typedef enum {
	P_OTHER,   /* read by layout where it is used */
	P_FONT_SIZE, P_FONT_FAMILY, P_FONT_WEIGHT, P_FONT_STYLE, P_LINE_HEIGHT, P_COLOR,
	P_TEXT_ALIGN, P_TEXT_ALIGN_LAST, P_TEXT_INDENT, P_HYPHENATE, P_LANGUAGE, P_COUNTRY, P_XML_LANG,
	P_WIDOWS, P_ORPHANS, P_KEEP_TOGETHER, P_LF, P_WS_COLLAPSE, P_WS_TREATMENT, P_WRAP,
	P_BORDER_COLLAPSE, P_DISPLAY_ALIGN, P_PDBS, P_PLS, P_TEXT_DECORATION, P_BASELINE_SHIFT,
	P_SPACE_BEFORE, P_SPACE_AFTER, P_SB_COND, P_SA_COND, P_SPACE_MINMAX,
	P_MARGIN, P_MARGIN_SIDE,
	P_PADDING, P_PADDING_SIDE, P_PADDING_COND,
	P_BORDER, P_BORDER_WIDTH, P_BORDER_STYLE, P_BORDER_COLOR,
	P_BORDER_SIDE, P_BORDER_SIDE_WIDTH, P_BORDER_SIDE_STYLE, P_BORDER_SIDE_COLOR, P_BORDER_COND,
	P_BACKGROUND, P_KEEP_NEXT, P_KEEP_PREV, P_BREAK_BEFORE, P_BREAK_AFTER, P_ID, P_ROLE, P_ALT,
	P_START_INDENT, P_END_INDENT,   /* after margins: an explicit indent wins */
} prop_id;

typedef struct {
	const char *name;
	prop_id id;
	unsigned long long where;
	int side;   /* for *_SIDE properties; -1 otherwise */
} prop_def;

#define S4(base, id, where) \
	{ base "-top", id, where, SIDE_BEFORE }, { base "-bottom", id, where, SIDE_AFTER }, \
	{ base "-left", id, where, SIDE_START }, { base "-right", id, where, SIDE_END }, \
	{ base "-before", id, where, SIDE_BEFORE }, { base "-after", id, where, SIDE_AFTER }, \
	{ base "-start", id, where, SIDE_START }, { base "-end", id, where, SIDE_END }
#define S4W(pre, post, id, where) \
	{ pre "-top" post, id, where, SIDE_BEFORE }, { pre "-bottom" post, id, where, SIDE_AFTER }, \
	{ pre "-left" post, id, where, SIDE_START }, { pre "-right" post, id, where, SIDE_END }, \
	{ pre "-before" post, id, where, SIDE_BEFORE }, { pre "-after" post, id, where, SIDE_AFTER }, \
	{ pre "-start" post, id, where, SIDE_START }, { pre "-end" post, id, where, SIDE_END }

static const prop_def props[] = {
	{ "font-family", P_FONT_FAMILY, CONTENT, -1 },
	{ "font-size", P_FONT_SIZE, CONTENT, -1 },
	{ "font-weight", P_FONT_WEIGHT, CONTENT, -1 },
	{ "font-style", P_FONT_STYLE, CONTENT, -1 },
	{ "line-height", P_LINE_HEIGHT, CONTENT, -1 },
	{ "color", P_COLOR, CONTENT, -1 },
	{ "text-align", P_TEXT_ALIGN, CONTENT, -1 },
	{ "text-align-last", P_TEXT_ALIGN_LAST, CONTENT, -1 },
	{ "text-indent", P_TEXT_INDENT, CONTENT, -1 },
	{ "start-indent", P_START_INDENT, CONTENT, -1 },
	{ "end-indent", P_END_INDENT, CONTENT, -1 },
	{ "hyphenate", P_HYPHENATE, CONTENT, -1 },
	{ "language", P_LANGUAGE, CONTENT, -1 },
	{ "country", P_COUNTRY, CONTENT, -1 },
	{ "widows", P_WIDOWS, CONTENT, -1 },
	{ "orphans", P_ORPHANS, CONTENT, -1 },
	{ "keep-together", P_KEEP_TOGETHER, CONTENT, -1 },
	{ "keep-together.within-page", P_KEEP_TOGETHER, CONTENT, -1 },
	{ "keep-together.within-column", P_KEEP_TOGETHER, CONTENT, -1 },
	{ "linefeed-treatment", P_LF, CONTENT, -1 },
	{ "white-space-collapse", P_WS_COLLAPSE, CONTENT, -1 },
	{ "white-space-treatment", P_WS_TREATMENT, CONTENT, -1 },
	{ "wrap-option", P_WRAP, CONTENT, -1 },
	{ "border-collapse", P_BORDER_COLLAPSE, CONTENT, -1 },
	{ "display-align", P_DISPLAY_ALIGN, CONTENT, -1 },
	{ "provisional-distance-between-starts", P_PDBS, CONTENT, -1 },
	{ "provisional-label-separation", P_PLS, CONTENT, -1 },
	{ "text-decoration", P_TEXT_DECORATION, INLINES | B(FO_BLOCK), -1 },
	{ "baseline-shift", P_BASELINE_SHIFT, INLINES, -1 },
	{ "space-before", P_SPACE_BEFORE, BLOCKS, SIDE_BEFORE },
	{ "space-before.optimum", P_SPACE_BEFORE, BLOCKS, SIDE_BEFORE },
	{ "space-before.minimum", P_SPACE_MINMAX, BLOCKS, SIDE_BEFORE },
	{ "space-before.maximum", P_SPACE_MINMAX, BLOCKS, SIDE_BEFORE },
	{ "space-before.conditionality", P_SB_COND, BLOCKS, SIDE_BEFORE },
	{ "space-after", P_SPACE_AFTER, BLOCKS, SIDE_AFTER },
	{ "space-after.optimum", P_SPACE_AFTER, BLOCKS, SIDE_AFTER },
	{ "space-after.minimum", P_SPACE_MINMAX, BLOCKS, SIDE_AFTER },
	{ "space-after.maximum", P_SPACE_MINMAX, BLOCKS, SIDE_AFTER },
	{ "space-after.conditionality", P_SA_COND, BLOCKS, SIDE_AFTER },
	{ "margin", P_MARGIN, BLOCKS | PAGE_MARGINS, -1 },
	{ "margin-top", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_BEFORE },
	{ "margin-bottom", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_AFTER },
	{ "margin-left", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_START },
	{ "margin-right", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_END },
	{ "padding", P_PADDING, PADDINGS, -1 },
	S4("padding", P_PADDING_SIDE, PADDINGS),
	{ "padding-before.conditionality", P_PADDING_COND, PADDINGS, SIDE_BEFORE },
	{ "padding-after.conditionality", P_PADDING_COND, PADDINGS, SIDE_AFTER },
	{ "border", P_BORDER, BORDERS, -1 },
	{ "border-width", P_BORDER_WIDTH, BORDERS, -1 },
	{ "border-style", P_BORDER_STYLE, BORDERS, -1 },
	{ "border-color", P_BORDER_COLOR, BORDERS, -1 },
	S4("border", P_BORDER_SIDE, BORDERS),
	S4W("border", "-width", P_BORDER_SIDE_WIDTH, BORDERS),
	S4W("border", "-style", P_BORDER_SIDE_STYLE, BORDERS),
	S4W("border", "-color", P_BORDER_SIDE_COLOR, BORDERS),
	{ "border-before-width.conditionality", P_BORDER_COND, BORDERS, SIDE_BEFORE },
	{ "border-after-width.conditionality", P_BORDER_COND, BORDERS, SIDE_AFTER },
	{ "background-color", P_BACKGROUND, BACKGROUNDS, -1 },
	{ "keep-with-next", P_KEEP_NEXT, BREAKS, -1 },
	{ "keep-with-next.within-page", P_KEEP_NEXT, BREAKS, -1 },
	{ "keep-with-next.within-column", P_KEEP_NEXT, BREAKS, -1 },
	{ "keep-with-previous", P_KEEP_PREV, BREAKS, -1 },
	{ "keep-with-previous.within-page", P_KEEP_PREV, BREAKS, -1 },
	{ "keep-with-previous.within-column", P_KEEP_PREV, BREAKS, -1 },
	{ "break-before", P_BREAK_BEFORE, BREAKS, -1 },
	{ "break-after", P_BREAK_AFTER, BREAKS, -1 },
	{ "id", P_ID, IDS, -1 },
	{ "role", P_ROLE, IDS, -1 },
	/* read where they are used */
	{ "master-name", P_OTHER, B(FO_SIMPLE_PAGE_MASTER) | B(FO_PAGE_SEQUENCE_MASTER), -1 },
	{ "page-width", P_OTHER, B(FO_SIMPLE_PAGE_MASTER), -1 },
	{ "page-height", P_OTHER, B(FO_SIMPLE_PAGE_MASTER), -1 },
	{ "region-name", P_OTHER, REGIONS, -1 },
	{ "extent", P_OTHER, OUTER_REGIONS, -1 },
	{ "master-reference", P_OTHER, MASTER_REFS, -1 },
	{ "maximum-repeats", P_OTHER, B(FO_REPEATABLE_PAGE_MASTER_REFERENCE) | B(FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES), -1 },
	{ "page-position", P_OTHER, B(FO_CONDITIONAL_PAGE_MASTER_REFERENCE), -1 },
	{ "odd-or-even", P_OTHER, B(FO_CONDITIONAL_PAGE_MASTER_REFERENCE), -1 },
	{ "blank-or-not-blank", P_OTHER, B(FO_CONDITIONAL_PAGE_MASTER_REFERENCE), -1 },
	{ "initial-page-number", P_OTHER, B(FO_PAGE_SEQUENCE), -1 },
	{ "force-page-count", P_OTHER, B(FO_PAGE_SEQUENCE), -1 },
	{ "format", P_OTHER, B(FO_PAGE_SEQUENCE), -1 },
	{ "flow-name", P_OTHER, B(FO_FLOW) | B(FO_STATIC_CONTENT), -1 },
	{ "absolute-position", P_OTHER, B(FO_BLOCK_CONTAINER), -1 },
	{ "top", P_OTHER, B(FO_BLOCK_CONTAINER), -1 },
	{ "left", P_OTHER, B(FO_BLOCK_CONTAINER), -1 },
	{ "width", P_OTHER, B(FO_BLOCK_CONTAINER) | B(FO_TABLE) | B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "height", P_OTHER, B(FO_BLOCK_CONTAINER) | B(FO_TABLE_ROW) | B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "table-layout", P_OTHER, B(FO_TABLE), -1 },
	{ "table-omit-header-at-break", P_OTHER, B(FO_TABLE), -1 },
	{ "column-width", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "column-number", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "number-columns-repeated", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "number-columns-spanning", P_OTHER, B(FO_TABLE_CELL), -1 },
	{ "number-rows-spanning", P_OTHER, B(FO_TABLE_CELL), -1 },
	{ "src", P_OTHER, B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "content-width", P_OTHER, B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "content-height", P_OTHER, B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "scaling", P_OTHER, B(FO_EXTERNAL_GRAPHIC), -1 },
	{ "leader-pattern", P_OTHER, B(FO_LEADER), -1 },
	{ "leader-length", P_OTHER, B(FO_LEADER), -1 },
	{ "leader-length.minimum", P_OTHER, B(FO_LEADER), -1 },
	{ "leader-length.optimum", P_OTHER, B(FO_LEADER), -1 },
	{ "leader-length.maximum", P_OTHER, B(FO_LEADER), -1 },
	{ "rule-thickness", P_OTHER, B(FO_LEADER), -1 },
	{ "rule-style", P_OTHER, B(FO_LEADER), -1 },
	{ "character", P_OTHER, B(FO_CHARACTER), -1 },
	{ "ref-id", P_OTHER, B(FO_PAGE_NUMBER_CITATION) | B(FO_PAGE_NUMBER_CITATION_LAST), -1 },
	{ "internal-destination", P_OTHER, B(FO_BASIC_LINK) | B(FO_BOOKMARK), -1 },
	{ "external-destination", P_OTHER, B(FO_BASIC_LINK) | B(FO_BOOKMARK), -1 },
	{ "starting-state", P_OTHER, B(FO_BOOKMARK), -1 },
};

static const prop_def *find_prop(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(props); i++)
		if (props[i].name[0] == name[0] && strcmp(props[i].name, name) == 0)
			return &props[i];
	return NULL;
}

const char *fo_attr(xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (!a->ns && strcmp((const char *)a->name, name) == 0 && a->children)
			return (const char *)a->children->content;
	return NULL;
}

static const char *attr_value(xmlAttr *a)
{
	return a->children && a->children->content ? (const char *)a->children->content : "";
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

static char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return (char *)s;
}

int fo_length(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double pct_base, double *out)
{
	const char *s = skip_ws(v);
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
	if (*skip_ws(rest))
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
	const char *s = skip_ws(v);
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
	long x = strtol(skip_ws(v), &end, 10);
	if (end == skip_ws(v) || *skip_ws(end) || x < min || x > 1000000)
		return fo_bad_value(src, n, prop, v);
	*out = (int)x;
	return 0;
}

void fo_style_init(fo_style *s)
{
	memset(s, 0, sizeof *s);
	s->family = g_intern_static_string("DejaVu Sans");
	s->size = 12;
	s->weight = 400;
	s->color = (cd_rgba){ 0, 0, 0, 1 };
	s->lh_factor = 1.2;
	s->lh = 1.2 * 12;
	s->align = s->align_last = ALIGN_START;
	s->widows = s->orphans = 2;
	s->ws_collapse = 1;
	s->wrap = 1;
	s->pdbs = 24;
	s->pls = 6;
	s->hyphenate = 0;
}

static int keep_value(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
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

static int word(const fo_src *src, xmlNode *n, const char *prop, const char *v, const char *const *words, int *out)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(v, words[i]) == 0) {
			*out = i;
			return 0;
		}
	return src ? fo_bad_value(src, n, prop, v) : -CD_EXIT_INVALID;
}

static int border_width(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, double *out)
{
	if (strcmp(v, "thin") == 0) *out = 0.5;
	else if (strcmp(v, "medium") == 0) *out = 1;
	else if (strcmp(v, "thick") == 0) *out = 2;
	else return fo_length(src, n, prop, v, em, -1, out);
	return 0;
}

static const char *const border_styles[] = { "none", "solid", "dashed", "dotted", "hidden", NULL };

static int border_style(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
{
	int r = word(src, n, prop, v, border_styles, out);
	if (*out == 4)
		*out = BORDER_NONE;
	return r;
}

/* "1pt solid black" in any order. */
static int border_shorthand(const fo_src *src, xmlNode *n, const char *prop, const char *v, double em, fo_border *b)
{
	char **tok = g_strsplit_set(v, " \t\n", -1);
	fo_border r = { 1, BORDER_NONE, { 0, 0, 0, 1 }, b->retain };
	int have_style = 0, rc = 0;
	for (int i = 0; tok[i] && rc == 0; i++) {
		const char *t = tok[i];
		if (!*t)
			continue;
		int st;
		if (!have_style && word(NULL, NULL, NULL, t, border_styles, &st) == 0) {
			r.style = st == 4 ? BORDER_NONE : st;
			have_style = 1;
		} else if ((t[0] >= '0' && t[0] <= '9') || t[0] == '.' || !strcmp(t, "thin") || !strcmp(t, "medium") ||
		           !strcmp(t, "thick")) {
			rc = border_width(src, n, prop, t, em, &r.width);
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
static int four(const char *v, char *out[4])
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

static int text_align(const fo_src *src, xmlNode *n, const char *prop, const char *v, int *out)
{
	int a = 0;
	if (word(src, n, prop, v, align_words, &a) < 0)
		return -CD_EXIT_INVALID;
	static const int map[] = { ALIGN_START, ALIGN_CENTER, ALIGN_END, ALIGN_JUSTIFY, ALIGN_START, ALIGN_END,
	                           ALIGN_START, ALIGN_END };
	*out = map[a];
	return 0;
}

static int font_size(const fo_src *src, xmlNode *n, const char *v, double parent, double *out)
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

int fo_check_attrs(const fo_src *src, xmlNode *n)
{
	fo_kind k = fo_kind_of(n);
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		if (a->ns) {
			if (xmlStrEqual(a->ns->href, XML_XML_NAMESPACE) && strcmp(name, "lang") == 0 &&
			    (k == FO_ROOT || (B(k) & CONTENT)))
				continue;
			if (xmlStrEqual(a->ns->href, BAD_CAST FOX_NS) && strcmp(name, "alt-text") == 0 &&
			    (B(k) & (B(FO_EXTERNAL_GRAPHIC) | B(FO_BLOCK) | B(FO_BLOCK_CONTAINER) | B(FO_TABLE))))
				continue;
			return cd_error_at(src->name, xmlGetLineNo(n), "unsupported property '%s:%s' on %s",
			                   a->ns->prefix ? (const char *)a->ns->prefix : "", name, fo_kind_name(k));
		}
		const prop_def *p = find_prop(name);
		if (!p || !(p->where & B(k)))
			return cd_error_at(src->name, xmlGetLineNo(n), "unsupported property '%s' on %s", name, fo_kind_name(k));
	}
	return 0;
}

static const char *lang_join(const char *lang, const char *country)
{
	if (!lang)
		return NULL;
	if (!country)
		return g_intern_string(lang);
	char *s = g_strdup_printf("%s-%s", lang, country);
	const char *r = g_intern_string(s);
	g_free(s);
	return r;
}

int fo_style_compute(const fo_src *src, xmlNode *n, const fo_style *parent, double ref_width, fo_style *o)
{
	int rc = fo_check_attrs(src, n);
	if (rc < 0)
		return rc;
	*o = *parent;
	/* not inherited */
	o->space_before = o->space_after = 0;
	o->sb_retain = o->sa_retain = 0;
	memset(o->pad, 0, sizeof o->pad);
	for (int i = 0; i < 4; i++)
		o->border[i] = (fo_border){ 1, BORDER_NONE, parent->color, 0 };
	o->bg = (cd_rgba){ 0, 0, 0, 0 };
	o->keep_next = o->keep_prev = 0;
	o->break_before = o->break_after = BREAK_AUTO;
	o->id = o->role = o->alt = NULL;
	o->rise = 0;

	double margin[4] = { 0 };
	int have_margin[4] = { 0 }, have_indent[2] = { 0 }, have_color_border[4] = { 0 };
	const char *language = NULL, *country = NULL;
	int lh_set = 0;

	/* font-size first: em lengths of every other property refer to it */
	const char *fs = fo_attr(n, "font-size");
	if (fs && font_size(src, n, fs, parent->size, &o->size) < 0)
		return -CD_EXIT_INVALID;
	double em = o->size;

	/* each attribute's property once; then applied in the order of prop_id */
	struct { xmlAttr *a; const prop_def *p; } at[64];
	int nat = 0, lo = P_END_INDENT + 1, hi = 0;
	for (xmlAttr *a = n->properties; a && nat < (int)G_N_ELEMENTS(at); a = a->next) {
		if (a->ns) {
			if (xmlStrEqual(a->ns->href, XML_XML_NAMESPACE))
				o->lang = g_intern_string(attr_value(a));
			else if (xmlStrEqual(a->ns->href, BAD_CAST FOX_NS))
				o->alt = g_intern_string(attr_value(a));
			continue;
		}
		const prop_def *p = find_prop((const char *)a->name);
		if (p->id == P_OTHER || p->id == P_FONT_SIZE)
			continue;
		at[nat].a = a;
		at[nat++].p = p;
		lo = MIN(lo, (int)p->id);
		hi = MAX(hi, (int)p->id);
	}
	for (int pass = lo; pass <= hi; pass++) {
		for (int ai = 0; ai < nat; ai++) {
			const char *name = (const char *)at[ai].a->name, *v = attr_value(at[ai].a);
			const prop_def *p = at[ai].p;
			if ((int)p->id != pass)
				continue;
			int side = p->side, iv = 0;
			double d;
			char *vals[4] = { 0 };
			switch (p->id) {
			case P_FONT_FAMILY: {
				/* the first family of a list; quotes allowed */
				char *f = g_strdup(v);
				char *comma = strchr(f, ',');
				if (comma)
					*comma = 0;
				g_strstrip(f);
				size_t L = strlen(f);
				if (L >= 2 && (f[0] == '\'' || f[0] == '"') && f[L - 1] == f[0]) {
					f[L - 1] = 0;
					memmove(f, f + 1, L - 1);
				}
				if (!*f) {
					g_free(f);
					return fo_bad_value(src, n, name, v);
				}
				o->family = g_intern_string(f);
				g_free(f);
				break;
			}
			case P_FONT_WEIGHT:
				if (strcmp(v, "normal") == 0) o->weight = 400;
				else if (strcmp(v, "bold") == 0) o->weight = 700;
				else if (strcmp(v, "bolder") == 0) o->weight = parent->weight >= 600 ? 900 : 700;
				else if (strcmp(v, "lighter") == 0) o->weight = parent->weight > 500 ? 400 : 100;
				else if (fo_integer(src, n, name, v, 100, &iv) < 0 || iv > 900 || iv % 100)
					return fo_bad_value(src, n, name, v);
				else o->weight = iv;
				break;
			case P_FONT_STYLE: {
				static const char *const w[] = { "normal", "italic", "oblique", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				o->italic = iv != 0;
				break;
			}
			case P_LINE_HEIGHT: {
				char *end;
				lh_set = 1;
				if (strcmp(v, "normal") == 0) {
					o->lh_factor = 1.2;
				} else if ((d = g_ascii_strtod(v, &end)), end != v && !*skip_ws(end)) {
					if (d <= 0)
						return fo_bad_value(src, n, name, v);
					o->lh_factor = d;
				} else {
					if (fo_length(src, n, name, v, em, em, &d) < 0)
						return -CD_EXIT_INVALID;
					if (d <= 0)
						return fo_bad_value(src, n, name, v);
					o->lh_factor = 0;
					o->lh = d;
				}
				break;
			}
			case P_COLOR:
				if (fo_color(src, n, name, v, &o->color) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_TEXT_ALIGN:
				if (text_align(src, n, name, v, &o->align) < 0)
					return -CD_EXIT_INVALID;
				o->align_last = o->align == ALIGN_JUSTIFY ? ALIGN_START : o->align;
				break;
			case P_TEXT_ALIGN_LAST:
				if (strcmp(v, "relative") == 0)
					o->align_last = o->align == ALIGN_JUSTIFY ? ALIGN_START : o->align;
				else if (text_align(src, n, name, v, &o->align_last) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_TEXT_INDENT:
				if (fo_length(src, n, name, v, em, ref_width, &o->text_indent) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_START_INDENT:
			case P_END_INDENT: {
				int i = p->id == P_END_INDENT;
				double *dst = i ? &o->end_indent : &o->start_indent;
				if (strcmp(v, "body-start()") == 0 && !i)
					*dst = parent->start_indent + parent->pdbs;
				else if (strcmp(v, "label-end()") == 0 && i)
					*dst = ref_width - (parent->start_indent + parent->pdbs - parent->pls);
				else if (fo_length(src, n, name, v, em, ref_width, dst) < 0)
					return -CD_EXIT_INVALID;
				have_indent[i] = 1;
				break;
			}
			case P_HYPHENATE: {
				static const char *const w[] = { "false", "true", NULL };
				if (word(src, n, name, v, w, &o->hyphenate) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_LANGUAGE:
			case P_COUNTRY: {
				size_t L = strlen(v);
				if (L < 2 || L > 3 || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != L)
					return fo_bad_value(src, n, name, v);
				if (p->id == P_LANGUAGE)
					language = v;
				else
					country = v;
				break;
			}
			case P_WIDOWS:
			case P_ORPHANS:
				if (fo_integer(src, n, name, v, 1, p->id == P_WIDOWS ? &o->widows : &o->orphans) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_KEEP_TOGETHER:
				if (keep_value(src, n, name, v, &o->keep_together) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_LF: {
				static const char *const w[] = { "treat-as-space", "preserve", "ignore", "treat-as-zero-width-space", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				o->lf = iv == 3 ? LF_IGNORE : iv;
				break;
			}
			case P_WS_COLLAPSE: {
				static const char *const w[] = { "false", "true", NULL };
				if (word(src, n, name, v, w, &o->ws_collapse) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_WS_TREATMENT: {
				static const char *const w[] = { "ignore-if-surrounding-linefeed", "preserve", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				if (iv == 1)
					o->ws_collapse = 0;
				break;
			}
			case P_WRAP: {
				static const char *const w[] = { "no-wrap", "wrap", NULL };
				if (word(src, n, name, v, w, &o->wrap) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_BORDER_COLLAPSE: {
				static const char *const w[] = { "separate", "collapse", NULL };
				if (word(src, n, name, v, w, &o->border_collapse) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_DISPLAY_ALIGN: {
				static const char *const w[] = { "before", "center", "after", "auto", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				o->display_align = iv == 3 ? DISPLAY_BEFORE : iv;
				break;
			}
			case P_PDBS:
			case P_PLS:
				if (fo_length(src, n, name, v, em, ref_width, p->id == P_PDBS ? &o->pdbs : &o->pls) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_TEXT_DECORATION: {
				static const char *const w[] = { "none", "underline", "line-through", "no-underline", "no-line-through", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				if (iv == 0) o->underline = o->strike = 0;
				else if (iv == 1) o->underline = 1;
				else if (iv == 2) o->strike = 1;
				else if (iv == 3) o->underline = 0;
				else o->strike = 0;
				break;
			}
			case P_BASELINE_SHIFT:
				if (strcmp(v, "baseline") == 0) o->rise = 0;
				else if (strcmp(v, "super") == 0) o->rise = parent->size * 0.33;
				else if (strcmp(v, "sub") == 0) o->rise = -parent->size * 0.2;
				else if (fo_length(src, n, name, v, em, o->lh, &o->rise) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_SPACE_BEFORE:
			case P_SPACE_AFTER:
				if (fo_length(src, n, name, v, em, -1, p->id == P_SPACE_BEFORE ? &o->space_before : &o->space_after) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_SPACE_MINMAX:
				/* recorded for validity only: spaces are laid out at their optimum */
				if (fo_length(src, n, name, v, em, -1, &d) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_SB_COND:
			case P_SA_COND: {
				static const char *const w[] = { "discard", "retain", NULL };
				if (word(src, n, name, v, w, p->id == P_SB_COND ? &o->sb_retain : &o->sa_retain) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_MARGIN:
				if (four(v, vals) < 0)
					return fo_bad_value(src, n, name, v);
				for (int i = 0; i < 4 && rc == 0; i++) {
					rc = fo_length(src, n, name, vals[i], em, ref_width, &margin[i]);
					have_margin[i] = 1;
				}
				for (int i = 0; i < 4; i++)
					g_free(vals[i]);
				if (rc < 0)
					return rc;
				break;
			case P_MARGIN_SIDE:
				if (fo_length(src, n, name, v, em, ref_width, &margin[side]) < 0)
					return -CD_EXIT_INVALID;
				have_margin[side] = 1;
				break;
			case P_PADDING:
				if (four(v, vals) < 0)
					return fo_bad_value(src, n, name, v);
				for (int i = 0; i < 4 && rc == 0; i++)
					rc = fo_length(src, n, name, vals[i], em, ref_width, &o->pad[i]);
				for (int i = 0; i < 4; i++)
					g_free(vals[i]);
				if (rc < 0)
					return rc;
				break;
			case P_PADDING_SIDE:
				if (fo_length(src, n, name, v, em, ref_width, &o->pad[side]) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_PADDING_COND:
				if (strcmp(v, "discard") != 0)
					return fo_bad_value(src, n, name, v);
				break;
			case P_BORDER:
				for (int i = 0; i < 4; i++)
					if (border_shorthand(src, n, name, v, em, &o->border[i]) < 0)
						return -CD_EXIT_INVALID;
				break;
			case P_BORDER_SIDE:
				if (border_shorthand(src, n, name, v, em, &o->border[side]) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_BORDER_WIDTH:
			case P_BORDER_STYLE:
			case P_BORDER_COLOR:
				if (four(v, vals) < 0)
					return fo_bad_value(src, n, name, v);
				for (int i = 0; i < 4 && rc == 0; i++) {
					if (p->id == P_BORDER_WIDTH)
						rc = border_width(src, n, name, vals[i], em, &o->border[i].width);
					else if (p->id == P_BORDER_STYLE)
						rc = border_style(src, n, name, vals[i], &o->border[i].style);
					else
						rc = fo_color(src, n, name, vals[i], &o->border[i].color), have_color_border[i] = 1;
				}
				for (int i = 0; i < 4; i++)
					g_free(vals[i]);
				if (rc < 0)
					return rc;
				break;
			case P_BORDER_SIDE_WIDTH:
				if (border_width(src, n, name, v, em, &o->border[side].width) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_BORDER_SIDE_STYLE:
				if (border_style(src, n, name, v, &o->border[side].style) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_BORDER_SIDE_COLOR:
				if (fo_color(src, n, name, v, &o->border[side].color) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_BORDER_COND: {
				static const char *const w[] = { "discard", "retain", NULL };
				if (word(src, n, name, v, w, &o->border[side].retain) < 0)
					return -CD_EXIT_INVALID;
				break;
			}
			case P_BACKGROUND:
				if (fo_color(src, n, name, v, &o->bg) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_KEEP_NEXT:
			case P_KEEP_PREV:
				if (keep_value(src, n, name, v, p->id == P_KEEP_NEXT ? &o->keep_next : &o->keep_prev) < 0)
					return -CD_EXIT_INVALID;
				break;
			case P_BREAK_BEFORE:
			case P_BREAK_AFTER: {
				static const char *const w[] = { "auto", "page", "even-page", "odd-page", "column", NULL };
				if (word(src, n, name, v, w, &iv) < 0)
					return -CD_EXIT_INVALID;
				if (iv == 4)
					iv = BREAK_PAGE;
				*(p->id == P_BREAK_BEFORE ? &o->break_before : &o->break_after) = iv;
				break;
			}
			case P_ID:
				o->id = g_intern_string(v);
				break;
			case P_ROLE:
				o->role = g_intern_string(v);
				break;
			default:
				break;
			}
		}
	}
	(void)have_color_border;
	if (language)
		o->lang = lang_join(language, country);
	if (!lh_set && parent->lh_factor == 0)
		o->lh = parent->lh;
	if (o->lh_factor > 0)
		o->lh = o->lh_factor * o->size;
	for (int i = 0; i < 4; i++)
		if (o->border[i].style == BORDER_NONE)
			o->border[i].width = 0;
	/* margins (on blocks): top and bottom are spaces, left and right set the indents */
	fo_kind k = fo_kind_of(n);
	if (k != FO_SIMPLE_PAGE_MASTER && k != FO_REGION_BODY) {
		if (have_margin[SIDE_BEFORE] && !fo_attr(n, "space-before") && !fo_attr(n, "space-before.optimum"))
			o->space_before = margin[SIDE_BEFORE];
		if (have_margin[SIDE_AFTER] && !fo_attr(n, "space-after") && !fo_attr(n, "space-after.optimum"))
			o->space_after = margin[SIDE_AFTER];
		if (have_margin[SIDE_START] && !have_indent[0])
			o->start_indent = parent->start_indent + margin[SIDE_START] + o->border[SIDE_START].width + o->pad[SIDE_START];
		if (have_margin[SIDE_END] && !have_indent[1])
			o->end_indent = parent->end_indent + margin[SIDE_END] + o->border[SIDE_END].width + o->pad[SIDE_END];
	}
	return 0;
}
