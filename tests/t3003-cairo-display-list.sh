#!/usr/bin/env bash
# The cairo writer on a display list made by hand (tests/tools/pages-demo.c): what FO through
# layout does not reach: two figures with their alt texts in order,
# the artifact kept back while a paragraph spans the page break, images the writer cannot
# read, structure roles Cairo does not know, date metadata. t3001 covers the same checks
# through render-fo.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
. "$TESTS/pdf/lib.sh"
check "pages-demo builds" build_tool pages-demo
D=$T/pages-demo
PDF=$T/plan.pdf

expect "cairo writes the demo" 0 "$D" cairo "$PDF" --image "$TESTS/pdf/logo.png"
check "qpdf --check is clean" sh -c "qpdf --check '$PDF' | grep -q 'No syntax or stream encoding errors'"
check "every font embedded as a subset" fonts_embedded "$PDF"
check "file mode is 0600" mode_600 "$PDF"
check "no temporary file left" no_leftovers "$T"

pdfinfo -struct-text "$PDF" >"$T/struct.txt" 2>&1
golden "structure tree (pdfinfo -struct-text)" "$T/struct.txt" "$TESTS/pdf/demo.struct"
check "no header or footer in the structure tree" sh -c "! grep -q 'Invented case' '$T/struct.txt'"
check "no warning from poppler about the tree" sh -c "! grep -q 'Warning' '$T/struct.txt'"
check "pdfinfo calls it tagged" sh -c "pdfinfo '$PDF' | grep -qx 'Tagged: *yes'"
tagging "$PDF" >"$T/tagging.txt"
golden "tagging: language, MarkInfo, one Document root, figures' alt text" "$T/tagging.txt" "$TESTS/pdf/demo.tagging"

pdftotext -q "$PDF" "$T/text.txt"
check "pdftotext finds every paragraph in reading order" in_order "$T/text.txt" \
	"Your Child in Need plan" \
	"Dear Sam, this plan says what everyone will do to help you and your family. We" \
	"wrote it with you at the meeting on 2 March 2026." \
	"Welsh: Mae’r cynllun hwn yn dweud beth fydd pawb yn ei wneud; dŵr, tŷ, llŷn." \
	"Polish: Zażółć gęślą jaźń." \
	"See what happens next" "What we agreed" "Sam goes to school every day." \
	"Mum meets the family worker each week." "Who" "Does what" "Family worker" \
	"Visits on Mondays" "This paragraph starts at the foot of page one" \
	"and ends at the top of page two." "What happens next" \
	"We will meet again on 1 June 2026 to see how things are going."

json_links "$PDF" >"$T/links.txt"
printf '%s\n' "page 1 uri https://example.org/cin?a=1&b='2'" "page 1 dest next" >"$T/links.want"
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
	"CreationDate: *Mon Mar  2 10:00:00 2026 UTC" "Pages: *2" "Page size: *595.28 x 841.89 pts (A4)"; do
	check "metadata: ${l%%:*}" grep -q "^$l\$" "$T/info.txt"
done

# errors: nothing written, a message naming what is wrong
mkdir -p "$T/err"
expect "a missing image is an error" 4 "$D" cairo "$T/err/a.pdf" --image "$T/no-such.png"
check "missing image message" grep -qx "cindoc: cannot read image '$T/no-such.png': No such file or directory" "$T/.run.err"
check "missing image: nothing written" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "an image that is not PNG is invalid input" 3 "$D" cairo "$T/err/a.pdf" --image "$TESTS/pdf/lib.sh"
check "not-PNG message" grep -qx "cindoc: cannot read image '$TESTS/pdf/lib.sh': not a PNG file" "$T/.run.err"
check "not PNG: nothing written" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "an unknown writer option is a usage error" 2 "$D" cairo "$T/err/a.pdf" --opts dpi=3
check "unknown option message" grep -qx "cindoc: writer 'cairo': unknown option 'dpi' (known: user-password, owner-password, print)" "$T/.run.err"
check "unknown option: nothing written" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "an unwritable folder is an error" 5 "$D" cairo "$T/no-such-dir/a.pdf"
check "unwritable folder message" grep -qx "cindoc: cannot write '$T/no-such-dir/a.pdf': No such file or directory" "$T/.run.err"
expect "password options need a PDF writer" 2 "$D" png "$T/err/a.png" --user-password-env HOME
check "password with png message" grep -qx "cindoc: option '--user-password-env' needs a PDF writer, cairo or haru (writer 'png' cannot encrypt)" "$T/.run.err"
expect "a structure role Cairo does not know is refused, never a damaged file" 70 "$D" cairo "$T/err/a.pdf" --role Artefact
check "unknown role message" grep -qx "cindoc: writer 'cairo': unknown structure role 'Artefact'" "$T/.run.err"
check "unknown role: nothing written" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "other standard roles pass (Div for the heading)" 0 "$D" cairo "$T/div.pdf" --role Div
check "a Div in the tree" sh -c "pdfinfo -struct '$T/div.pdf' | grep -qx '  Div'"
