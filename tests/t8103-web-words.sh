#!/usr/bin/env bash
# The desk's pages: every word from templates/l10n/en.xml (the <web> section), none typed into
# templates/web/*.xsl; every key a page names is there; no inline script or style.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
python3 - >"$T/out" 2>&1 <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
XSL = '{http://www.w3.org/1999/XSL/Transform}'
en = ET.parse('templates/l10n/en.xml').getroot()
web = en.find('web')
keys = set(t.get('key') for t in web.findall('text')) if web is not None else set()
print('keys', len(keys))
bad, missing, inline = [], set(), []
for f in sorted(glob.glob('templates/web/*.xsl')):
    text = open(f, encoding='utf-8').read()
    for k in re.findall(r'<xsl:with-param name="key">([a-z0-9.-]+)</xsl:with-param>', text):
        if k not in keys: missing.add(f + ': ' + k)
    for k in re.findall(r"""select="'(web\.[a-z0-9.-]+)'""", text):
        if k not in keys: missing.add(f + ': ' + k)
    for k in re.findall(r'<xsl:when test="[^"]*">(web\.[a-z0-9.-]+)</xsl:when>', text) + \
             re.findall(r'<xsl:otherwise>(web\.[a-z0-9.-]+)</xsl:otherwise>', text):
        if k not in keys: missing.add(f + ': ' + k)
    root = ET.parse(f).getroot()
    def walk(e, skip):
        skip = skip or e.tag in (XSL + 'message', XSL + 'attribute', XSL + 'variable', XSL + 'with-param')
        if e.tag == 'script' and (e.text or '').strip(): inline.append(f + ': inline script')
        if e.tag == 'style' or 'style' in e.attrib: inline.append(f + ': inline style')
        for t in [e.text] + [c.tail for c in e]:
            if t and not skip and re.search(r'[A-Za-z]{2,}', t):
                bad.append(f + ': ' + t.strip()[:60])
        for c in e: walk(c, skip)
    walk(root, False)
print('missing:', '\n'.join(sorted(missing)))
print('typed:', '\n'.join(bad))
print('inline:', '\n'.join(inline))
PY
check "en.xml has a web section" grep -qE '^keys [1-9][0-9]+' "$T/out"
check "every key a page names is in en.xml" grep -qx 'missing: ' "$T/out"
check "no visible word typed into a page stylesheet" grep -qx 'typed: ' "$T/out"
check "no inline script or style in a page stylesheet" grep -qx 'inline: ' "$T/out"
[ "$(grep -c . "$T/out")" -gt 4 ] && notok "details" "$(cat "$T/out")"
for f in templates/web/*.xsl; do
	check "$(basename "$f") is well-formed" xmllint --noout --nonet "$f"
done
