#!/usr/bin/env bash
# How the documents are laid out, read as their readers read them (pdftotext): the pages of a
# plan copy are numbered through the whole pack ("page 3 of 9"), not part by part.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/03-siblings.xml

# --- page numbers through the pack -------------------------------------------------------------
expect "a plan copy for a parent" 0 "$CINDOC" render --doc plan-copy --for p3 "$S" -o "$T/pack.pdf"
pages=$(pdfinfo "$T/pack.pdf" | awk '/^Pages:/ {print $2}')
pdftotext "$T/pack.pdf" "$T/pack.txt"
check "the pack has several pages ($pages)" test "$pages" -gt 3
for n in $(seq 1 "$pages"); do
	printf 'page %s of %s\n' "$n" "$pages"
done >"$T/want-numbers"
grep -o 'page [0-9]* of [0-9]*' "$T/pack.txt" >"$T/numbers"
golden "every page says 'page N of $pages', N running through the letter, plan and minutes" "$T/numbers" "$T/want-numbers"
check "no part restarts at 'page 1 of'" test "$(grep -c 'page 1 of' "$T/pack.txt")" = 1

# --- the last block stays with what comes before it ----------------------------------------------
# Sample 03's minutes used to end on a page holding only "Written by ... chaired by ...".
body_lines() { # PDF PAGE: the page's text without the running header and footer
	pdftotext -f "$2" -l "$2" "$1" - | grep -v '^\s*$' | grep -v 'OFFICIAL-SENSITIVE\| · '
}
for style in standard large-print; do
	expect "$style: a child's plan copy" 0 "$CINDOC" render --doc plan-copy --for c1 --style "$style" "$S" -o "$T/c1-$style.pdf"
	n=$(pdfinfo "$T/c1-$style.pdf" | awk '/^Pages:/ {print $2}')
	body_lines "$T/c1-$style.pdf" "$n" >"$T/last-$style"
	check "$style: the sign-off of the minutes is on the last page" grep -q '^Written by' "$T/last-$style"
	check "$style: with the next meeting" grep -q '^The next meeting' "$T/last-$style"
	check "$style: and what was decided before it" grep -q 'We agreed' "$T/last-$style"
	# the letter: its signature and sign-off are on a page with the letter's words
	for p in $(seq 1 "$n"); do
		if pdftotext -f "$p" -l "$p" "$T/c1-$style.pdf" - | grep -q '^From$\|^Best wishes\|^Yours'; then
			body_lines "$T/c1-$style.pdf" "$p" >"$T/sig-$style"
			break
		fi
	done
	check "$style: the letter's sign-off does not start a page (the letter's last lines come with it)" \
		test -n "$(head -1 "$T/sig-$style" | grep -v '^Best wishes\|^Yours')"
done

# --- times of day, quotation marks -----------------------------------------------------------------
pdftotext "$T/c1-standard.pdf" "$T/c1.txt"
check "a child reads the next meeting's time as 4pm" grep -q 'at 4pm' "$T/c1.txt"
check "... never as 16:00" test -z "$(grep '16:00' "$T/c1.txt")"
check "a parent reads it as recorded (16:00)" grep -q '16:00' "$T/pack.txt"
check "case text has curly apostrophes (Mum’s)" grep -q 'Mum’s' "$T/c1.txt"
check "a quote has curly marks and apostrophes (“I’ve ...”)" grep -q '“I’ve been' "$T/c1.txt"
check "no straight quotation mark or apostrophe is left" test -z "$(grep "[\"']" "$T/c1.txt" "$T/pack.txt")"

# --- Welsh and Polish readers ----------------------------------------------------------------------
expect "a Welsh copy" 0 "$CINDOC" render --doc plan-copy --for c1 --lang cy "$S" -o "$T/cy.pdf"
pdftotext "$T/cy.pdf" "$T/cy.txt"
check "Welsh: the day mutates after 'ar' (ar ddydd Mawrth)" grep -q 'ar ddydd Mawrth' "$T/cy.txt"
check "Welsh: never 'ar Dydd'" test -z "$(grep 'ar Dydd' "$T/cy.txt")"
check "Welsh: protective marking in English and Welsh" grep -q 'OFFICIAL-SENSITIVE / SWYDDOGOL-SENSITIF' "$T/cy.txt"
expect "a Polish copy" 0 "$CINDOC" render --doc plan-copy --for p1 "$S" -o "$T/pl.pdf"
pdftotext "$T/pl.pdf" "$T/pl.txt"
check "Polish: a date ending a sentence has one full stop (2026 r.)" grep -q '2026 r\.$\|2026 r\. ' "$T/pl.txt"
check "Polish: never 'r..'" test -z "$(grep 'r\.\.' "$T/pl.txt")"
check "Polish: protective marking in English and Polish" grep -q 'OFFICIAL-SENSITIVE (dokument urzędowy – poufne)' "$T/pl.txt"
# (the FO's text: pdftotext does not yet give Urdu words back whole)
expect "an Urdu copy's FO" 0 "$CINDOC" fo --doc plan-copy --for c1 --lang ur "$S" -o "$T/ur.fo"
check "Urdu: protective marking in English and Urdu" grep -q 'OFFICIAL-SENSITIVE (سرکاری دستاویز – رازدارانہ)' "$T/ur.fo"
