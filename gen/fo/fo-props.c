/* fo/fo-props.c - the properties of the subset: each name, what it sets and on which elements it
 * is allowed; an attribute outside the table is an error at its line. */
#include "fo/fo-internal.h"

#include <string.h>

#define B(k) (1ULL << (k))

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

#define S4(base, id, where) \
	{ base "-top", id, where, SIDE_BEFORE }, { base "-bottom", id, where, SIDE_AFTER }, \
	{ base "-left", id, where, SIDE_LEFT }, { base "-right", id, where, SIDE_RIGHT }, \
	{ base "-before", id, where, SIDE_BEFORE }, { base "-after", id, where, SIDE_AFTER }, \
	{ base "-start", id, where, SIDE_START_REL }, { base "-end", id, where, SIDE_END_REL }
#define S4W(pre, post, id, where) \
	{ pre "-top" post, id, where, SIDE_BEFORE }, { pre "-bottom" post, id, where, SIDE_AFTER }, \
	{ pre "-left" post, id, where, SIDE_LEFT }, { pre "-right" post, id, where, SIDE_RIGHT }, \
	{ pre "-before" post, id, where, SIDE_BEFORE }, { pre "-after" post, id, where, SIDE_AFTER }, \
	{ pre "-start" post, id, where, SIDE_START_REL }, { pre "-end" post, id, where, SIDE_END_REL }

/* Where writing-mode may be set: the flows and static content of a page-sequence inherit it; a
 * block-container or a table is a reference area with its own. */
#define WRITING_MODES (B(FO_PAGE_SEQUENCE) | B(FO_BLOCK_CONTAINER) | B(FO_TABLE))

static const prop_def props[] = {
	{ "writing-mode", P_WRITING_MODE, WRITING_MODES, -1 },
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
	{ "margin-left", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_LEFT },
	{ "margin-right", P_MARGIN_SIDE, BLOCKS | PAGE_MARGINS, SIDE_RIGHT },
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
	{ "table-omit-footer-at-break", P_OTHER, B(FO_TABLE), -1 },
	{ "column-width", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "column-number", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "number-columns-repeated", P_OTHER, B(FO_TABLE_COLUMN), -1 },
	{ "number-columns-spanned", P_OTHER, B(FO_TABLE_CELL), -1 },
	{ "number-rows-spanned", P_OTHER, B(FO_TABLE_CELL), -1 },
	/* cindoc's spelling before it followed XSL 1.1: still read */
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
	{ "marker-class-name", P_OTHER, B(FO_MARKER), -1 },
	{ "retrieve-class-name", P_OTHER, B(FO_RETRIEVE_MARKER), -1 },
	{ "retrieve-position", P_OTHER, B(FO_RETRIEVE_MARKER), -1 },
	{ "retrieve-boundary", P_OTHER, B(FO_RETRIEVE_MARKER), -1 },
};

const prop_def *fo_find_prop(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(props); i++)
		if (props[i].name[0] == name[0] && strcmp(props[i].name, name) == 0)
			return &props[i];
	return NULL;
}

const char *fo_attr_value(xmlAttr *a)
{
	return a->children && a->children->content ? (const char *)a->children->content : "";
}

int fo_check_attrs(const fo_src *src, xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE)
		return 0; /* text has no attributes (and a short text's characters may sit where an
		           * element keeps them, with XML_PARSE_COMPACT) */
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
		const prop_def *p = fo_find_prop(name);
		if (p && p->id == P_WRITING_MODE && !(p->where & B(k)) &&
		    (k == FO_SIMPLE_PAGE_MASTER || (B(k) & REGIONS)))
			return cd_error_at(src->name, xmlGetLineNo(n), "unsupported property 'writing-mode' on %s: set it on fo:page-sequence", fo_kind_name(k));
		if (!p || !(p->where & B(k)))
			return cd_error_at(src->name, xmlGetLineNo(n), "unsupported property '%s' on %s", name, fo_kind_name(k));
	}
	return 0;
}
