#!/usr/bin/env bash
# /Lang below the paragraph: text set in another language than its block (an fo:inline with its
# own language: a name or a quotation in the record's language inside a translated sentence) is
# a Span with its own /Lang, with both PDF writers, so that a screen reader changes voice for it;
# in an Urdu paragraph, whose text is given as /ActualText, the Urdu stretches carry their own
# /ActualText so the paragraph's does not hide the English Span. The run's language comes from
# the FO, never from Pango's guess by script (which follows the environment).
. "$(dirname "$0")/lib.sh"
. "$TESTS/pdf/lib.sh"
FO=$TESTS/pdf/mixed-lang.fo
UA=$TESTS/pdf/ua-check.py
export SOURCE_DATE_EPOCH=1780000000

# tree PDF: the structure tree, one element a line, indented, with its /Lang and /ActualText
tree() {
	/usr/bin/python3 - "$1" <<'PY'
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
def walk(e, d):
    at = "".join(" %s=%s" % (k[1:], str(e[k])) for k in ("/Lang", "/ActualText") if k in e)
    print("  " * d + str(e.S)[1:] + at)
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(x, pikepdf.Dictionary) and "/S" in x:
            walk(x, d + 1)
K = p.Root.StructTreeRoot.K
for k in (K if isinstance(K, pikepdf.Array) else [K]):
    walk(k, 0)
PY
}

expect "cairo renders text in two languages" 0 "$CINDOC" render-fo "$FO" -o "$T/cairo.pdf"
tree "$T/cairo.pdf" >"$T/cairo.tree"
check "cairo: PDF/UA checks" "$UA" "$T/cairo.pdf"
check "cairo: the Welsh sentence holds an English Span" in_order "$T/cairo.tree" "Document Lang=cy" "P" "Span Lang=en" "P Lang=pl"
check "cairo: the Polish sentence holds an English Span" in_order "$T/cairo.tree" "P Lang=pl" "Span Lang=en" "P Lang=ur"
check "cairo: the Urdu sentence holds two English Spans" sh -c "sed -n '/^  P Lang=ur\$/,/^  P/p' '$T/cairo.tree' | grep -c '^    Span Lang=en' | grep -qx 2"
check "cairo: the mixed Urdu paragraph has no /ActualText of its own" grep -qx "  P Lang=ur" "$T/cairo.tree"
check "cairo: its Urdu stretches say their words" sh -c "grep -qx '    Span ActualText=کے لیے ہے:' '$T/cairo.tree' && grep -qx '    Span ActualText=یہ منصوبہ' '$T/cairo.tree'"
check "cairo: an Urdu paragraph of one language keeps its /ActualText" grep -qx "  P Lang=ur ActualText=آپ کی مدد کے لیے منصوبہ" "$T/cairo.tree"
check "cairo: no Span in a paragraph of one language" sh -c "! sed -n '/ActualText=آپ کی مدد کے لیے منصوبہ/,\$p' '$T/cairo.tree' | grep -q Span"
check "cairo: only the FO's languages" sh -c "! grep -v -E 'Lang=(cy|pl|ur|en)( |\$)' '$T/cairo.tree' | grep -q Lang="
PANGO_LANGUAGE=fr LANGUAGE=fr "$CINDOC" render-fo "$FO" -o "$T/cairo-fr.pdf" 2>/dev/null
check "cairo: the same bytes whatever the environment's language" cmp "$T/cairo.pdf" "$T/cairo-fr.pdf"

# haru: the Latin-script paragraphs (it refuses Urdu)
sed '/<!--URDU-->/,/<!--\/URDU-->/d' "$FO" >"$T/latin.fo"
expect "haru renders text in two languages" 0 "$CINDOC" render-fo "$T/latin.fo" --writer haru -o "$T/haru.pdf"
tree "$T/haru.pdf" >"$T/haru.tree"
check "haru: PDF/UA checks" "$UA" "$T/haru.pdf"
check "haru: the Welsh and Polish sentences hold English Spans" in_order "$T/haru.tree" "Document Lang=cy" "P" "Span Lang=en" "P Lang=pl" "Span Lang=en"
