#!/usr/bin/env bash
# One range of dates for every command: 1978-01-01 (the first day of the working-day calendar) to
# 9998-12-31, in templates/case.xsd. check, render, fo, due and queue refuse a case with a date
# outside it in the same words, with its line (check used to pass the years 0002 and 1977, which
# render and due then refused and queue skipped without a word).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

for name in s-date-before-1978 s-date-year-0002 s-date-after-9998; do
	f=tests/check/$name.xml
	want=$(cat "tests/check/$name.err")
	expect "$name: check refuses it" 3 "$CINDOC" check "$f"
	check "$name: check's message" test "$(cat "$T/.run.err")" = "$want"
	expect "$name: render refuses it" 3 "$CINDOC" render --doc minutes --for file --meeting m1 "$f" -o "$T/x.pdf"
	check "$name: render's message is check's" grep -qxF "$want" "$T/.run.err"
	check "$name: render wrote nothing" test ! -e "$T/x.pdf"
	expect "$name: fo refuses it" 3 "$CINDOC" fo --doc plan --for file "$f"
	check "$name: fo's message is check's" grep -qxF "$want" "$T/.run.err"
	expect "$name: due reports it (no case could be read)" 3 "$CINDOC" due --today 2026-11-25 "$f"
	check "$name: due's message is check's" grep -qxF "$want" "$T/.run.err"
	rm -rf "$T/cases" && mkdir -p "$T/cases" && cp "$f" "$T/cases/"
	expect "$name: queue skips it and says so (exit 6)" 6 "$CINDOC" queue "$T/cases" -o "$T/q-$name" --today 2026-11-25
	check "$name: queue's message is check's" grep -qxF "${want//tests\/check\//$T/cases/}" "$T/.run.err"
done

# The last day of the range is a date like any other.
sed 's/<next date="2026-07-06"/<next date="9998-12-31"/' tests/check/ok-base.xml >"$T/last-day.xml"
expect "9998-12-31: check accepts it (a warning about the gap, no error)" 1 "$CINDOC" check "$T/last-day.xml"
check "9998-12-31: only the review warning" test "$(grep -c ': error: ' "$T/.run.err")" = 0
expect "9998-12-31: render takes it" 0 "$CINDOC" render --doc minutes --for file --meeting m2 "$T/last-day.xml" -o "$T/last.pdf"
expect "9998-12-31: due takes it" 0 "$CINDOC" due --today 2026-11-25 "$T/last-day.xml"
