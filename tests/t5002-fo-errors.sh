#!/usr/bin/env bash
# cindoc fo: every error path, with its message (golden stderr in tests/t5002/NAME.err) and exit
# code. Paths are relative to the repository so the goldens do not depend on where it lives.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
G=$ROOT/tests/t5002
S=samples/02-review-scaling.xml
C=tests/docs/closed-needs-met.xml

# err NAME EXIT ARGS...: runs cindoc fo ARGS, wants EXIT, nothing on stdout, stderr as golden.
err() {
	local n=$1 want=$2; shift 2
	local why
	if why=$(run_cmd "$want" "$T/$n" "$CINDOC" fo "$@"); then ok "$n: exit $want"; else notok "$n: exit $want" "$why"; fi
	sed -e "s|$ROOT/||g" -e "s|$T/||g" "$T/$n.err" >"$T/$n.err.rel"
	golden "$n: message" "$T/$n.err.rel" "$G/$n.err"
	if [ -s "$T/$n.out" ]; then notok "$n: nothing on stdout" "$(head -c 300 "$T/$n.out")"; else ok "$n: nothing on stdout"; fi
}

err no-doc 2 --for p1 "$S"
err unknown-doc 2 --doc letter --for p1 "$S"
err no-for 2 --doc plan "$S"
err no-case 2 --doc plan --for p1
err two-cases 2 --doc plan --for p1 "$S" "$S"
err unknown-option 2 --doc plan --for p1 --colour red "$S"
err missing-value 2 --doc plan --for
err unreadable-case 4 --doc plan --for p1 tests/docs/no-such-case.xml
err invalid-case 3 --doc plan --for p1 tests/docs/invalid-case.xml
err unknown-recipient 2 --doc plan --for p99 "$S"
err unknown-meeting 2 --doc minutes --for p1 --meeting m9 "$S"
err unknown-language 2 --doc plan --for p1 --lang fr "$S"
err bad-language-name 2 --doc plan --for p1 --lang ../../etc/passwd "$S"
err unknown-style 2 --doc plan --for p1 --style tiny "$S"
err unknown-version 2 --doc plan --for p1 --version long "$S"
err bad-date 2 --doc plan --for p1 --date 2026-02-30 "$S"
err case-note-not-for-file 2 --doc case-note --for p1 "$S"
err summary-not-for-file 2 --doc closing-summary --for c1 "$C"
err letter-for-file 2 --doc closure-letter --for file "$C"
err plan-copy-for-file 2 --doc plan-copy --for file "$S"
err no-closure 3 --doc closure-letter --for p1 "$S"
err meeting-for-closure 2 --doc closure-letter --for p1 --meeting m3 "$C"
err died-child 2 --doc minutes --for c1 samples/12-child-died.xml

# A language set that lacks a key stops the document: never an empty phrase in a letter.
H=$T/home
mkdir -p "$H" && cp -r templates styles fonts "$H"/
grep -v 'key="letter.h.complain"' templates/l10n/cy.xml >"$H/templates/l10n/cy.xml"
CINDOC_HOME=$H err missing-key 3 --doc closure-letter --for p1 --lang cy "$C"
# Nor a key the set gives twice (which of the two?), nor a set whose root is not <l10n>.
H2=$T/home2
mkdir -p "$H2" && cp -r templates styles fonts "$H2"/
awk '{ print } /key="letter.h.complain"/ { print }' templates/l10n/cy.xml >"$H2/templates/l10n/cy.xml"
CINDOC_HOME=$H2 err twice-key 3 --doc closure-letter --for p1 --lang cy "$C"
sed -e 's/<l10n /<set /' -e 's|</l10n>|</set>|' templates/l10n/cy.xml >"$H2/templates/l10n/cy.xml"
CINDOC_HOME=$H2 err no-language-set 3 --doc closure-letter --for p1 --lang cy "$C"
# A style that does not compile.
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="standard.xsl"/><xsl:bogus/></xsl:stylesheet>\n' >"$H/styles/broken.xsl"
CINDOC_HOME=$H err broken-style 3 --doc plan --for p1 --style broken "$S"
# A stylesheet may not write files (xsl:document / exsl:document): the security preferences stop it.
cat >"$H/styles/writer.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:import href="standard.xsl"/>
  <xsl:template match="/"><exsl:document href="stolen.txt" method="text"><xsl:value-of select="/case/@ref"/></exsl:document><x/></xsl:template>
</xsl:stylesheet>
XSL
(cd "$T" && CINDOC_HOME=$H err no-file-writes 3 --doc plan --for p1 --style writer "$ROOT/$S")
check "no file was written by the stylesheet" test ! -e "$T/stolen.txt" -a ! -e "$ROOT/stolen.txt" -a ! -e "$H/styles/stolen.txt"
# Nor read over the network.
cat >"$H/styles/net.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="standard.xsl"/>
  <xsl:template match="/"><x><xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></x></xsl:template>
</xsl:stylesheet>
XSL
CINDOC_HOME=$H err no-network 3 --doc plan --for p1 --style net "$S"
