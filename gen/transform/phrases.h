/* transform/phrases.h - the phrases of a language set (templates/l10n/LANG.xml), found by a table.
 *
 * Every visible word of a document is a <text key="..."> of the language set, which the
 * templates read with document() (common/l10n.xsl, template "t"). Finding a phrase by xsl:key
 * costs an index of the whole set in every transform, and the key's lookups and checks cost
 * more XSLT than most phrases print. Here each set's table (key -> <text>) is made once, the
 * first time a transform asks for a phrase of it, and kept as long as the set's parsed document
 * (the style's, transform.c): a lookup is then one hash lookup. The words stay in the set; the
 * templates still print them, with their slots and gender forms.
 *
 * In a stylesheet:
 *
 *   <xsl:stylesheet ... xmlns:l10n="urn:cindoc:l10n" exclude-result-prefixes="l10n">
 *   <xsl:variable name="e" select="l10n:text($l10n.set, $key, $adult)"/>
 *
 *   l10n:text(set, key, adult)   node-set  the one <text> child of the set's element (the first
 *                                          node of `set`, e.g. document('en.xml')/l10n) with
 *                                          @key = key; for adult = 'yes' and a key ending in
 *                                          '.child', the KEY.adult form instead where the set
 *                                          has one. When there is no such text, when two have
 *                                          the key, or when the text is empty (no slot and only
 *                                          white space), or `set` is empty: stops the transform,
 *                                          as xsl:message terminate="yes" would, with
 *                                          "templates/l10n/$lang.xml: error: no text for 'KEY'"
 *                                          (or "no language set"), and gives an empty node-set.
 *   l10n:fill(text, s1, s2, s3, s4, g)
 *                                node-set  the phrase `text` (a <text> of the set) filled in,
 *                                          for xsl:copy-of: its words, each <slot n="N"/> the
 *                                          value sN as xsl:copy-of prints it, each <g> its @f
 *                                          or @m form for g = 'f' or 'm', else its own words.
 *                                          Just what the templates of mode "l10n" print with
 *                                          copy-of for a slot (common/l10n.xsl), without a
 *                                          template applied to each piece of every phrase.
 *
 * The tables are reached through the transform context's _private field (libxslt leaves it to
 * the application): nothing else in cindoc may use that field.
 */
#ifndef CD_PHRASES_H
#define CD_PHRASES_H

#include <glib.h>
#include <libxslt/xsltInternals.h>

/* The tables of the sets read by one style's transforms, keyed by the set's document. */
typedef struct cd_phrases cd_phrases;

cd_phrases *cd_phrases_new(void);
void cd_phrases_free(cd_phrases *p);

/* Registers l10n:text and l10n:fill on a transform context that will look in `p`. Returns 0, or negative
 * after printing an error. */
int cd_phrases_register(xsltTransformContextPtr ctxt, cd_phrases *p);

/* Forgets the tables of every document not in `keep` (xmlDocPtr): call it after a transform,
 * before the documents it read and did not keep are freed with its context. */
void cd_phrases_keep_only(cd_phrases *p, const GPtrArray *keep);

#endif
