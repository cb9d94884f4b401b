/* transform/typography.h - the last step of every document: typographic marks in its text.
 *
 * Every text node of the FO, words of l10n/LANG.xml and case text alike, is rewritten:
 *  - a doubled full stop (an abbreviation's and the sentence's: "2026 r..") becomes one; an
 *    ellipsis ("...") stays;
 *  - a straight ' after a letter or digit is an apostrophe (’), elsewhere an opening mark (‘);
 *    a straight " opens (“) at the start of the text or after white space, an opening bracket,
 *    an opening mark, a dash, a hyphen or a slash, and closes (”) elsewhere.
 * Attributes, comments and processing instructions are left as they are. Done in C on the
 * transform's result: as an XSLT pass it copied the whole FO tree once more per document.
 */
#ifndef CD_TYPOGRAPHY_H
#define CD_TYPOGRAPHY_H

#include <libxml/tree.h>

/* Rewrites the text of `doc` in place. */
void cd_typography(xmlDocPtr doc);

/* The rewritten form of one text (newly allocated): what cd_typography does to each node. */
char *cd_typography_text(const char *s);

#endif
