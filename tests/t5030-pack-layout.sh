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
