#!/usr/bin/env bash
# The language sets: every set has exactly en.xml's keys, each with the same slots, and no empty
# text; every key the templates name is in en.xml; every document of every sample transforms in
# every language (a key missing for one path through the templates stops the transform).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
L=templates/l10n

keys() { # FILE: "key slots" lines, sorted
	python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
for t in r.findall('text'):  # the documents' words; <web> (the desk, English only) is apart
    slots = sorted(set(s.get('n') for s in t.iter('slot')))
    print(t.get('key'), ','.join(slots))
PY
}
keys $L/en.xml | sort >"$T/en.keys"
check "en.xml has keys" test "$(wc -l <"$T/en.keys")" -gt 200
check "en.xml has no duplicate key" test -z "$(cut -d' ' -f1 "$T/en.keys" | uniq -d)"
for l in cy pl ur; do
	check "$l.xml is well-formed" xmllint --noout --nonet $L/$l.xml
	keys $L/$l.xml | sort >"$T/$l.keys"
	if diff "$T/en.keys" "$T/$l.keys" >"$T/$l.diff"; then ok "$l.xml: same keys and slots as en.xml"
	else notok "$l.xml: same keys and slots as en.xml" "$(head -20 "$T/$l.diff")"; fi
	check "$l.xml: no duplicate key" test -z "$(cut -d' ' -f1 "$T/$l.keys" | uniq -d)"
	check "$l.xml: names its language" grep -q "<l10n lang=\"$l\"" $L/$l.xml
done
check "ur.xml is right-to-left" grep -q '<l10n lang="ur" dir="rtl"' $L/ur.xml
for l in en cy pl ur; do
	empty=$(python3 -c "
import sys, xml.etree.ElementTree as ET
r = ET.parse('$L/$l.xml').getroot()
print(' '.join(t.get('key') for t in r.iter('text') if not ''.join(t.itertext()).strip() and t.find('slot') is None))")
	check "$l.xml: no empty text" test -z "$empty"
done

# Every key named literally in a template is in en.xml.
grep -rhoE "name=\"key\" select=\"'[a-z0-9.-]+'\"" templates/*.xsl templates/common/*.xsl |
	sed -E "s/.*'([^']+)'.*/\1/" | sort -u >"$T/used.keys"
grep -rhoE '<xsl:with-param name="key">[a-z0-9.-]+</xsl:with-param>' templates/*.xsl | sed -E 's/.*">([^<]+)<.*/\1/' >>"$T/used.keys"
grep -rhoE '<xsl:when test="[^"]*">[a-z][a-z0-9-]*\.[a-z0-9.-]+</xsl:when>|<xsl:otherwise>[a-z][a-z0-9-]*\.[a-z0-9.-]+</xsl:otherwise>' templates/*.xsl |
	sed -E 's/.*>([^<]+)<.*/\1/' >>"$T/used.keys"
sort -u -o "$T/used.keys" "$T/used.keys"
check "templates name keys" test "$(wc -l <"$T/used.keys")" -gt 60
missing=$(cut -d' ' -f1 "$T/en.keys" | comm -13 - "$T/used.keys")
if [ -z "$missing" ]; then ok "every key a template names is in en.xml"; else notok "every key a template names is in en.xml" "$missing"; fi

# No visible word typed into a template: text nodes in templates are whitespace, or inside
# xsl:message (errors for people running cindoc, not document text), or single symbols.
words=$(python3 - <<'PY'
import glob, re, xml.etree.ElementTree as ET
XSL = '{http://www.w3.org/1999/XSL/Transform}'
bad = []
for f in glob.glob('templates/*.xsl') + glob.glob('templates/common/*.xsl'):
    root = ET.parse(f).getroot()
    def walk(e, in_msg):
        # messages are for people running cindoc; attribute and variable values are codes
        in_msg = in_msg or e.tag in (XSL + 'message', XSL + 'attribute', XSL + 'variable')
        for t in [e.text] + [c.tail for c in e]:
            if not t or in_msg or re.fullmatch(r'\s*[a-z0-9-]+(\.[a-z0-9-]+)+\s*', t):
                continue  # a key name chosen by xsl:choose
            if re.search(r'[A-Za-z]{2,}', t):
                bad.append(f + ': ' + t.strip()[:60])
        for c in e:
            walk(c, in_msg)
    walk(root, False)
print('\n'.join(bad))
PY
)
if [ -z "$words" ]; then ok "no visible word typed into a template"; else notok "no visible word typed into a template" "$words"; fi

# Every document for every recipient of every sample, in every language: FO without error
# (in parallel: one job per sample, document and language).
: >"$T/jobs"
for f in samples/[0-9]*.xml; do
	for d in plan minutes plan-copy closure-letter case-note closing-summary; do
		for l in en cy pl ur; do echo "$f $d $l" >>"$T/jobs"; done
	done
done
export CINDOC T
xargs -P 4 -L 1 sh -c '
	f=$0 d=$1 l=$2 out="$T/fo.$(basename "$f" .xml).$d.$l"
	: >"$out.fail"; n=0
	for r in file $(grep -oE "<(child|person) id=\"[^\"]+\"" "$f" | sed -E "s/.*id=\"([^\"]+)\"/\1/"); do
		"$CINDOC" fo --doc $d --for $r --lang $l "$f" >/dev/null 2>"$out.err"
		rc=$?
		# 2: this recipient does not get this document; 3 with no closure: an open case
		if [ $rc = 0 ]; then n=$((n + 1)); continue; fi
		if [ $rc = 2 ] || { [ $rc = 3 ] && grep -q "has no .closure." "$out.err"; }; then continue; fi
		echo "$f $d $r $l: $(head -c 300 "$out.err")" >>"$out.fail"
	done
	echo $n >"$out.n"' <"$T/jobs"
fail=$(cat "$T"/fo.*.fail)
n=$(cat "$T"/fo.*.n | paste -sd+ | bc)
if [ -z "$fail" ]; then ok "every document, recipient and language transforms ($n)"; else notok "every document, recipient and language transforms" "$fail"; fi
check "hundreds of documents were made" test "$n" -gt 400
