#!/usr/bin/env bash
# The cairo writer through render-fo on tests/pdf/plan.fo: a clean PDF with embedded subset
# fonts, a tagged structure tree (one Document, headings, lists, tables, links, a figure with
# its alt text, no headers or footers), text in reading order, links, outline, metadata, page
# labels, mode 0600; nothing written on error.
. "$(dirname "$0")/lib.sh"
. "$TESTS/pdf/lib.sh"
FO=$TESTS/pdf/plan.fo
PDF=$T/plan.pdf

expect "render-fo writes the plan with the cairo writer" 0 "$CINDOC" render-fo "$FO" -o "$PDF"
check "qpdf --check is clean" sh -c "qpdf --check '$PDF' | grep -q 'No syntax or stream encoding errors'"
check "every font embedded as a subset" fonts_embedded "$PDF"
check "file mode is 0600" mode_600 "$PDF"
check "no temporary file left" no_leftovers "$T"
check "pdfinfo calls it tagged" sh -c "pdfinfo '$PDF' | grep -qx 'Tagged: *yes'"

pdfinfo -struct-text "$PDF" >"$T/struct.txt" 2>&1
golden "structure tree and its text (pdfinfo -struct-text)" "$T/struct.txt" "$TESTS/pdf/plan.struct"
check "no header or footer in the structure tree" sh -c "! grep -q -e 'Invented case' -e 'Page i' '$T/struct.txt'"
check "no warning from poppler about the tree" sh -c "! grep -q 'Warning' '$T/struct.txt'"
tagging "$PDF" >"$T/tagging.txt"
golden "tagging: language, MarkInfo, one Document root, the figure's alt text" "$T/tagging.txt" "$TESTS/pdf/plan.tagging"

pdftotext -q "$PDF" "$T/text.txt"
PARAS=("Your Child in Need plan"
	"Dear Sam, this plan says what everyone will do to help you and your family. We wrote"
	"it with you at the meeting on 2 March 2026."
	"Welsh: Mae’r cynllun hwn yn dweud beth fydd pawb yn ei wneud; dŵr, tŷ, llŷn."
	"Polish: Zażółć gęślą jaźń." "Read more at example.org/cin." "See what happens next"
	"What we agreed" "• Sam goes to school every day." "• Mum meets the family worker each week."
	"Who" "Does what" "Family worker" "Visits on Mondays"
	"This paragraph starts near the foot of page one and goes on over the page break to"
	"the family, and to check at every review whether the help is working and what should"
	"What happens next"
	"We will meet again on 1 June 2026 to see how things are going. The office is in the"
	"first floor flat.")
check "pdftotext finds every paragraph in reading order" in_order "$T/text.txt" "${PARAS[@]}"
check "headers and footers with page N of M" in_order "$T/text.txt" "Page i of ii" \
	"Invented case CIN-0000 — OFFICIAL-SENSITIVE" "Page ii of ii"

json_links "$PDF" >"$T/links.txt"
printf '%s\n' "page 1 uri https://example.org/cin?a=1" "page 1 dest next" >"$T/links.want"
check "links: an external URI and an internal destination" diff -u "$T/links.want" "$T/links.txt"

outline_labels "$PDF" >"$T/outline.txt"
cat >"$T/outline.want" <<'W'
outline 0 Your plan -> page 1
outline 1 What happens next — beth sy’n digwydd -> page 2
label 0 u:i
label 1 u:ii
W
check "outline and page labels" diff -u "$T/outline.want" "$T/outline.txt"

pdfinfo "$PDF" >"$T/info.txt"
for l in "Title: *Child in Need plan for Sam (invented)" "Author: *Cyngor Dychmygol Llŷr" \
	"Subject: *Child in Need plan" "Keywords: *plan, invented" "Creator: *cindoc" \
	"Pages: *2" "Page size: *595.276 x 841.89 pts (A4)"; do
	check "metadata: ${l%%:*}" grep -q "^$l\$" "$T/info.txt"
done

mkdir -p "$T/err"
expect "cairo has only the protection options" 2 "$CINDOC" render-fo "$FO" -o "$T/err/a.pdf" --writer-opts dpi=3
check "unknown option message" grep -qx "cindoc: writer 'cairo': unknown option 'dpi' (known: user-password, owner-password, print)" "$T/.run.err"
expect "password options need a PDF writer" 2 "$CINDOC" render-fo "$FO" -o "$T/err/a.png" --writer png --user-password-env HOME
check "password with png message" grep -qx "cindoc: option '--user-password-env' needs a PDF writer, cairo or haru (writer 'png' cannot encrypt)" "$T/.run.err"
expect "an unwritable folder" 5 "$CINDOC" render-fo "$FO" -o "$T/no-such-dir/a.pdf"
check "unwritable folder message" grep -qx "cindoc: cannot write '$T/no-such-dir/a.pdf': No such file or directory" "$T/.run.err"
check "errors wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
