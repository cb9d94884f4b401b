/* transform/transform.h - XSLT for cindoc: stylesheets compiled once, applied safely many times.
 *
 * A style (styles/NAME.xsl) is a thin stylesheet that imports the templates (templates/cindoc.xsl)
 * and sets parameters and attribute sets, as a DocBook XSL customization layer does. Each style is
 * compiled the first time it is used and kept in the cd_transform for the life of the context.
 *
 * Safety (libxslt/security.h, xsltproc --nonet --nowrite): every transform runs with security
 * preferences that forbid writing files, creating folders and reading or writing over the
 * network, and allow reading files only in templates/ and styles/ and the case itself (for
 * document(), imports and includes alike: a house style cannot read other local files); every document a stylesheet loads is parsed with XML_PARSE_NONET and without entity
 * substitution or DTD loading, and a DOCTYPE that declares entities is refused.
 * EXSLT is registered, and l10n:text, the phrases of a language set by a table kept with the set
 * (phrases.h). A caller may register extension functions per transform (the working-day
 * calendar) through the hook given to cd_transform_new().
 */
#ifndef CD_TRANSFORM_H
#define CD_TRANSFORM_H

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

typedef struct cd_transform cd_transform;

/* Called on every new transform context, before it runs: registers extension functions. Returns
 * 0, or negative after printing an error. */
typedef int (*cd_transform_hook)(xsltTransformContextPtr ctxt, void *data);

/* A new set of compiled stylesheets; `hook` (may be NULL) and `data` are used for every
 * transform. Styles are looked up in cd_datapath("styles"). */
cd_transform *cd_transform_new(cd_transform_hook hook, void *data);
void cd_transform_free(cd_transform *t);

/* True when `style` names an existing style (a plain name: letters, digits, '-'). */
int cd_transform_style_exists(const char *style);

/* Applies style `style` to `in` with string parameters `params` (name, value, ..., NULL; values
 * are plain strings, given to libxslt as such). `in_path` names the input in messages. On success *out is the
 * result, owned by the caller. Returns 0, or negative (-CD_EXIT_INVALID for a stylesheet that
 * does not compile or stops with xsl:message terminate="yes") after printing why. */
int cd_transform_apply(cd_transform *t, const char *style, xmlDocPtr in, const char *in_path,
		       const char *const *params, xmlDocPtr *out);

#endif
