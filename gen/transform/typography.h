/* transform/typography.h - the last step of every document's FO: its marks taken off, its
 * quotation marks made typographic.
 *
 * The templates mark what only the whole FO can tell (common/pages.xsl, common/blocks.xsl, in
 * cindoc's own namespace urn:cindoc:marks): cd:case="LANG" on case text, with the language of
 * its words, and cd:notice on the notice that some parts are in the record's language. Once the
 * FO is made, in place, with no copy of it:
 *  - the notice is kept only when some case text is in another language than the copy's;
 *  - every mark, and the declaration of the marks' namespace, is taken off (a declaration made
 *    again where one above already holds goes too), so the FO holds only FO;
 *  - in each text: a doubled full stop (an abbreviation's and the sentence's) becomes one, an
 *    ellipsis stays; a straight ' after a letter or digit is an apostrophe (’), elsewhere an
 *    opening mark (‘); a straight " opens (“) at the start of the text or after white space, a
 *    bracket, an opening mark, a dash or a slash, and closes (”) elsewhere.
 * The words of l10n/LANG.xml and case text alike: each text node is one run of text as the
 * templates made it (their words and the slots put into them).
 */
#ifndef CD_TYPOGRAPHY_H
#define CD_TYPOGRAPHY_H

#include <libxml/tree.h>

/* Applies the above to `fo`, a copy in language `lang` (the templates' $lang). */
void cd_typography(xmlDocPtr fo, const char *lang);

/* The text `s` with its doubled full stops made one and its straight marks made curly, newly
 * allocated (g_free); NULL when nothing changes. */
char *cd_typography_text(const char *s);

#endif
