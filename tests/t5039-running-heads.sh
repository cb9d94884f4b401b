#!/usr/bin/env bash
# Running heads and feet the renderer's markers and page masters make (issue 13): a page of a
# long plan or minutes that begins inside a section says which section goes on, under the header
# (fo:marker / fo:retrieve-marker), and a page that begins with a heading says nothing; a letter
# says on each page but its last that it goes on (page-position="last"). In the reader's words.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
# page FILE N: the text of page N of FILE, on one line
page() { pdftotext -f "$2" -l "$2" "$1" - | tr -s ' \n' '  '; }
has() { if [[ "$2" == *"$3"* ]]; then ok "$1"; else notok "$1" "not in: ${2:0:600}" "wanted: $3"; fi; }
hasnt() { if [[ "$2" != *"$3"* ]]; then ok "$1"; else notok "$1" "in: ${2:0:600}" "unwanted: $3"; fi; }

# ---- sample 03, the file's plan: page 2 goes on with Kas's plan, page 3 starts with Alfie's
expect "sample 03 plan" 0 "$CINDOC" render --doc plan --for file samples/03-siblings.xml -o "$T/p03.pdf"
p1=$(page "$T/p03.pdf" 1); p2=$(page "$T/p03.pdf" 2); p3=$(page "$T/p03.pdf" 3)
has "plan, page 2: under the header, the section it goes on with" "$p2" "Child in Need plan · 17 November 2026 Kas’s plan (continued) Step 2"
hasnt "plan, page 1: nothing goes on" "$p1" "(continued)"
hasnt "plan, page 3 starts with a heading: nothing goes on" "$p3" "(continued)"
has "plan, page 3 starts with Alfie's plan" "$p3" "17 November 2026 Alfie’s plan Step 1"
for l in cy pl ur; do
	expect "sample 03 plan ($l)" 0 "$CINDOC" render --doc plan --for file --lang $l samples/03-siblings.xml -o "$T/p03-$l.pdf"
	"$CINDOC" fo --doc plan --for file --lang $l samples/03-siblings.xml >"$T/p03-$l.fo"
	want=$(sed -n 's/.*<text key="heading.continued">\(.*\)<\/text>.*/\1/p' templates/l10n/$l.xml | sed 's/<slot n="1"\/>//')
	check "plan ($l): the continued heading in the reader's words" grep -qF "$want</fo:marker>" "$T/p03-$l.fo"
done

# ---- sample 06: the closure letter to a parent runs over two pages
expect "sample 06 closure letter to p1" 0 "$CINDOC" render --doc closure-letter --for p1 samples/06-step-down.xml -o "$T/cl06.pdf"
l1=$(page "$T/cl06.pdf" 1); l2=$(page "$T/cl06.pdf" 2)
has "letter, page 1: it goes on" "$l1" "Continued on the next page Harrowdale Borough Council · HD-2026-0533 · page 1 of"
hasnt "letter, its last page: nothing more" "$l2" "Continued on the next page"
for l in cy pl ur; do
	"$CINDOC" fo --doc closure-letter --for p1 --lang $l samples/06-step-down.xml >"$T/cl06-$l.fo"
	want=$(sed -n 's/.*<text key="letter.continues">\(.*\)<\/text>.*/\1/p' templates/l10n/$l.xml)
	check "letter ($l): the pages before the last say it goes on, in the reader's words" grep -qF "$want" "$T/cl06-$l.fo"
	check "letter ($l): the last page has its own master" grep -qF 'page-position="last"' "$T/cl06-$l.fo"
done
# a letter of one page says nothing about a next page
expect "sample 06 closure letter to c1" 0 "$CINDOC" render --doc closure-letter --for c1 samples/06-step-down.xml -o "$T/cl06c.pdf"
pages=$(pdfinfo "$T/cl06c.pdf" | awk '/^Pages:/ {print $2}')
hasnt "letter to the child: no 'continued' on its last page" "$(page "$T/cl06c.pdf" "$pages")" "Continued on the next page"
