#!/usr/bin/env bash
# What a stylesheet may read: templates/, styles/ (with the l10n sets) and the case itself. A
# house style that reaches for another local file (another family's case, through document(),
# xsl:import or xsl:include) stops with an error naming the file, exit 3, and nothing of that
# file reaches the output or the messages.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
H=$T/home
mkdir -p "$H" && cp -r templates styles "$H/"
CASE=$T/case.xml
cp samples/02-review-scaling.xml "$CASE" && cp samples/authority.xml "$T/"
# another family's case, beside it: what a house style must not read
sed 's|<given>[^<]*</given>|<given>SECRET-NAME</given>|' samples/09-withheld-address.xml >"$T/other-case.xml"

style() { # NAME BODY: styles/NAME.xsl importing the standard style, with BODY
	cat >"$H/styles/$1.xsl" <<XSL
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="standard.xsl"/>
  $2
</xsl:stylesheet>
XSL
}
fo() { CINDOC_HOME=$H "$CINDOC" fo --doc plan --for file --style "$1" "$CASE"; }

style peek-document "<xsl:template match='/'><xsl:message>LEAK <xsl:value-of select=\"document('$T/other-case.xml')//given\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() of another case: refused, exit 3" 3 fo peek-document
check "document(): the message names the file" grep -qxF "$T/other-case.xml: error: a stylesheet may read only templates/, styles/ and the case itself: refused" "$T/.run.err"
check "document(): nothing of it in the messages or the output" bash -c "! grep -q SECRET '$T/.run.err' '$T/.run.out'"

style peek-relative "<xsl:template match='/'><xsl:message>LEAK <xsl:value-of select=\"document('../../other-case.xml')//given\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() with a relative path out of styles/: refused" 3 fo peek-relative
check "relative path: nothing of it" bash -c "! grep -q SECRET '$T/.run.err' '$T/.run.out'"

style peek-uri "<xsl:template match='/'><xsl:message>LEAK <xsl:value-of select=\"document('file://$T/other-case.xml')//given\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() with a file: URI: refused" 3 fo peek-uri
check "file: URI: nothing of it" bash -c "! grep -q SECRET '$T/.run.err' '$T/.run.out'"

ln -s "$T/other-case.xml" "$H/styles/link.xml"
style peek-link "<xsl:template match='/'><xsl:message>LEAK <xsl:value-of select=\"document('link.xml')//given\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() of a symbolic link in styles/ to a file outside: refused" 3 fo peek-link
check "symbolic link: nothing of it" bash -c "! grep -q SECRET '$T/.run.err' '$T/.run.out'"

cat >"$T/outside.xsl" <<'XSL'
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:param name="body.font.size">40pt</xsl:param></xsl:stylesheet>
XSL
style peek-include "<xsl:include href='$T/outside.xsl'/>"
expect "xsl:include of a file outside: refused" 3 fo peek-include
check "xsl:include: the message names the file" grep -qxF "$T/outside.xsl: error: a stylesheet may read only templates/, styles/ and the case itself: refused" "$T/.run.err"
printf 'root:$y$j9T$SECRETHASH:19000:0:99999:7:::\n' >"$T/shadow"
style peek-import "<xsl:import href='$T/shadow'/>"
expect "xsl:import of a file that is not XML, outside: refused before it is parsed" 3 fo peek-import
check "xsl:import: no line of the file in the messages" bash -c "! grep -q -e SECRET -e root: '$T/.run.err'"

# what is allowed still works: the l10n sets, and the case itself
style read-case "<xsl:template match='/'><xsl:message>REF <xsl:value-of select=\"document('$CASE')/case/@ref\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() of the case itself: allowed" 0 fo read-case
check "the case itself: read" grep -qx "REF NB-2026-0142" "$T/.run.err"
style read-l10n "<xsl:template match='/'><xsl:message>L10N <xsl:value-of select=\"count(document('../templates/l10n/cy.xml')/l10n/text) &gt; 0\"/></xsl:message><xsl:apply-imports/></xsl:template>"
expect "document() of an l10n set: allowed" 0 fo read-l10n
check "an l10n set: read" grep -qx "L10N true" "$T/.run.err"
expect "the standard style as before" 0 env CINDOC_HOME="$H" "$CINDOC" fo --doc plan --for file "$CASE"
