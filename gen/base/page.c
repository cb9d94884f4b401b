/* base/page.c - the display list and its replay into a writer. */
#include "base/page.h"

#include <string.h>

cd_page *cd_page_new(double width, double height, int index, const char *label)
{
	cd_page *pg = g_new0(cd_page, 1);
	pg->width = width;
	pg->height = height;
	pg->index = index;
	pg->label = g_strdup(label);
	return pg;
}

cd_item *cd_page_add(cd_page *pg, cd_item_kind kind)
{
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->items = g_renew(cd_item, pg->items, pg->cap);
	}
	cd_item *it = &pg->items[pg->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static void item_clear(cd_item *it)
{
	switch (it->kind) {
	case CD_ITEM_GLYPHS:
		if (it->u.glyphs.run)
			pango_glyph_item_free(it->u.glyphs.run);
		g_free(it->u.glyphs.text);
		break;
	case CD_ITEM_IMAGE:
		g_free(it->u.image.path);
		g_free(it->u.image.alt);
		break;
	case CD_ITEM_LINK:
		g_free(it->u.link.uri);
		g_free(it->u.link.dest);
		break;
	case CD_ITEM_DEST:
		g_free(it->u.dest.name);
		break;
	case CD_ITEM_TAG_BEGIN:
		g_free(it->u.tag.role);
		g_free(it->u.tag.alt);
		g_free(it->u.tag.lang);
		break;
	case CD_ITEM_RECT:
	case CD_ITEM_LINE:
	case CD_ITEM_TAG_END:
		break;
	}
}

void cd_page_free(cd_page *pg)
{
	if (!pg)
		return;
	for (size_t i = 0; i < pg->n; i++)
		item_clear(&pg->items[i]);
	g_free(pg->items);
	g_free(pg->label);
	g_free(pg);
}

int cd_page_replay(const cd_page *pg, const cd_writer_ops *ops, void *st)
{
	int rc = ops->begin_page(st, pg);
	for (size_t i = 0; rc >= 0 && i < pg->n; i++) {
		const cd_item *it = &pg->items[i];
		int (*hook)(void *, const cd_item *) = NULL;
		switch (it->kind) {
		case CD_ITEM_GLYPHS: hook = ops->glyphs; break;
		case CD_ITEM_RECT: hook = ops->rect; break;
		case CD_ITEM_LINE: hook = ops->line; break;
		case CD_ITEM_IMAGE: hook = ops->image; break;
		case CD_ITEM_LINK: hook = ops->link; break;
		case CD_ITEM_DEST: hook = ops->dest; break;
		case CD_ITEM_TAG_BEGIN: hook = ops->tag_begin; break;
		case CD_ITEM_TAG_END: hook = ops->tag_end; break;
		}
		if (hook)
			rc = hook(st, it);
	}
	if (rc >= 0)
		rc = ops->end_page(st, pg);
	return rc;
}
