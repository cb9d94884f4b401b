#!/usr/bin/env bash
# The command-line conventions every command follows (README "Command-line conventions"):
# getopt_long with --opt=value and --opt value, a usage error in one line plus a pointer to
# --help, '-' for standard input and output, nothing after a PDF on standard output, no binary
# output to a terminal, -q and -v, --progress, render --all wanting a folder, the data folder.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/02-review-scaling.xml
C=tests/docs/closed-needs-met.xml
FO=tests/pdf/latin.fo
CMDS=$("$CINDOC" help --commands)
check "help --commands lists the commands" test "$(echo $CMDS)" = "check fo render render-fo due calendar queue history serve user audit import export"

# ---- every command: a usage error is one line and a pointer to --help
for c in $CMDS; do
	expect "$c: unknown option is exit 2" 2 "$CINDOC" $c --no-such-option
	printf "cindoc %s: unknown option '--no-such-option'\ntry 'cindoc %s --help'\n" $c $c >"$T/want"
	check "$c: unknown option in one line, then where to look" diff "$T/want" "$T/.run.err"
	expect "$c: --help" 0 "$CINDOC" $c --help
	check "$c: --help starts with its usage" grep -q "^usage: cindoc $c " "$T/.run.out"
	check "$c: -q and -v are listed" bash -c "grep -q -- '-q, --quiet' '$T/.run.out' && grep -q -- '-v, --verbose' '$T/.run.out'"
done

# ---- every option of every command takes --opt=value and --opt value (the parser stops at the
# unknown option after it, so the message names that one: the option itself was accepted)
bad=""
for c in $CMDS; do
	for o in $("$CINDOC" help --options $c); do
		case $o in --help|-?) continue ;; esac
		name=${o%=}
		if [ "$o" != "$name" ]; then forms=("$name=x" "$name x"); else forms=("$name"); fi
		for f in "${forms[@]}"; do
			# shellcheck disable=SC2086
			"$CINDOC" $c $f --no-such-option >/dev/null 2>"$T/opt.err"
			grep -q "^cindoc $c: unknown option '--no-such-option'\$" "$T/opt.err" || bad="$bad $c:$f"
		done
	done
done
if [ -z "$bad" ]; then ok "every option is taken as --opt=value and --opt value"
else notok "every option is taken as --opt=value and --opt value" "refused:$bad"; fi

"$CINDOC" fo --doc=plan-copy --for=p2 --lang=cy "$S" >"$T/eq.fo" 2>&1
"$CINDOC" fo --doc plan-copy --for p2 --lang cy "$S" >"$T/sp.fo" 2>&1
check "fo: --opt=value and --opt value give the same document" cmp "$T/eq.fo" "$T/sp.fo"
check "... and it is FO" grep -q '<fo:root' "$T/eq.fo"
"$CINDOC" due --today=2026-11-25 --format=csv --closures=tests/calendar/closures-good.txt "$S" >"$T/eq.csv"
"$CINDOC" due --today 2026-11-25 --format csv --closures tests/calendar/closures-good.txt "$S" >"$T/sp.csv"
check "due: both forms give the same list" cmp "$T/eq.csv" "$T/sp.csv"
expect "an abbreviation of two options is refused" 2 "$CINDOC" render --ver x "$S" -o "$T/x.pdf"
check "... naming both" grep -qx "cindoc render: '--ver' is ambiguous (--version, --verbose)" "$T/.run.err"
expect "a flag given a value is refused" 2 "$CINDOC" render --doc plan --all=yes "$S" -o "$T/x/"
check "... saying so" grep -qx "cindoc render: '--all' takes no value" "$T/.run.err"
expect "short options grouped: -qv" 0 "$CINDOC" check -qv "$S"
expect "a negative number is an operand of calendar" 0 "$CINDOC" calendar add 2026-04-07 -5
check "... counted back" grep -qx 2026-03-27 "$T/.run.out"

# ---- '-' is standard input (a case read from it takes the authority's details from
# ./authority.xml, so these run in samples/)
expect "check -" 0 sh -c "cd samples && '$CINDOC' check - <'$ROOT/$S'"
expect "check - with errors: messages name '-'" 3 sh -c "'$CINDOC' check - <tests/check/e-chair-is-child.xml"
check "... as -:LINE:" grep -q '^-:[0-9]*: error: ' "$T/.run.err"
expect "check - - is refused" 2 sh -c "'$CINDOC' check - - <'$S'"
check "... standard input is read once" grep -qx "cindoc check: standard input ('-') can be read only once" "$T/.run.err"
expect "fo -" 0 sh -c "cd samples && '$CINDOC' fo --doc plan --for p1 - <'$ROOT/$S' >'$T/stdin.fo'"
"$CINDOC" fo --doc plan --for p1 "$S" >"$T/file.fo"
check "fo - makes the same FO as the file" cmp "$T/stdin.fo" "$T/file.fo"
expect "render-fo -" 0 sh -c "'$CINDOC' render-fo --writer trace - -o - <'$FO' >'$T/stdin.trace'"
"$CINDOC" render-fo --writer trace "$FO" -o - >"$T/file.trace"
check "render-fo - lays out the same pages" cmp "$T/stdin.trace" "$T/file.trace"
expect "render -" 0 sh -c "'$CINDOC' render --doc closure-letter --for p2 - -o '$T/stdin.pdf' <'$C'"
check "... a PDF" bash -c "pdfinfo '$T/stdin.pdf' | grep -q '^Pages:'"
expect "due -" 0 sh -c "cd samples && '$CINDOC' due --today 2026-11-25 --format csv - <'$ROOT/$S'"
check "... lists the case as '-'" grep -q '^NB-[0-9-]*,-,' "$T/.run.out"
expect "calendar --closures -" 1 sh -c "'$CINDOC' calendar --closures - is 2026-12-30 <tests/calendar/closures-good.txt"
check "... reads the closures" grep -q 'Christmas closure' "$T/.run.out"

# ---- '-' is standard output; nothing follows a PDF there; never a terminal
expect "render -o -" 0 sh -c "'$CINDOC' render --doc closure-letter --for p2 '$C' -o - >'$T/out.pdf'"
check "render -o -: standard output is the PDF and nothing else" bash -c "head -c 5 '$T/out.pdf' | grep -q '^%PDF-' && tail -c 6 '$T/out.pdf' | grep -q '^%%EOF'"
check "render -o -: a PDF that reads" bash -c "pdftotext '$T/out.pdf' - | grep -q 'Dear'"
expect "render-fo -o -" 0 sh -c "'$CINDOC' render-fo '$FO' -o - >'$T/fo-out.pdf'"
check "render-fo -o -: ends with the PDF" bash -c "tail -c 6 '$T/fo-out.pdf' | grep -q '^%%EOF'"
if command -v script >/dev/null; then
	script -qec "'$CINDOC' render --doc closure-letter --for p2 '$C' -o -" /dev/null >"$T/tty.txt" 2>&1
	check "render: a PDF to a terminal is refused (exit 2)" test $? = 2
	check "... saying why" grep -q "cindoc render: will not write a PDF to a terminal" "$T/tty.txt"
	check "... and no PDF reached it" bash -c "! grep -q '%PDF' '$T/tty.txt'"
	script -qec "'$CINDOC' render-fo '$FO' -o -" /dev/null >"$T/tty2.txt" 2>&1
	check "render-fo: a PDF to a terminal is refused (exit 2)" test $? = 2
	script -qec "'$CINDOC' render-fo --writer trace '$FO' -o -" /dev/null >"$T/tty3.txt" 2>&1
	check "render-fo: the trace (text) may go to a terminal" grep -q 'glyphs' "$T/tty3.txt"
else
	ok "# skip: no script(1) for a terminal"
fi

# ---- render --all wants a folder
expect "render --all -o plans.pdf is an error" 2 "$CINDOC" render --doc closure-letter --all "$C" -o "$T/plans.pdf"
check "... naming the output" grep -qx "cindoc render: --all writes one file per recipient: '$T/plans.pdf' is not a folder (give -o DIR/)" "$T/.run.err"
check "... and makes no folder plans.pdf" test ! -e "$T/plans.pdf"
: >"$T/afile"
expect "render --all -o an existing file is an error" 2 "$CINDOC" render --doc closure-letter --all "$C" -o "$T/afile"
expect "render --all -o - is an error" 2 "$CINDOC" render --doc closure-letter --all "$C" -o -
expect "render --all -o a new folder" 0 "$CINDOC" render --doc closure-letter --all "$C" -o "$T/letters"
check "... one file each" test "$(ls "$T/letters" | wc -l)" = 5

# ---- -q and -v
W=tests/check/w-chair-not-team-manager.xml
expect "check: warnings" 1 "$CINDOC" check "$W"
check "check: warnings are printed" grep -q 'warning:' "$T/.run.err"
expect "check -q: still exit 1" 1 "$CINDOC" check -q "$W"
check "check -q: no warnings printed" test ! -s "$T/.run.err"
expect "check -q: errors still printed" 3 "$CINDOC" check --quiet tests/check/e-chair-is-child.xml
check "check -q: the error" grep -q 'error:' "$T/.run.err"
expect "check -v" 0 "$CINDOC" check -v "$S"
check "check -v: where the data comes from" grep -qx "cindoc check: data from '$ROOT' (CINDOC_HOME)" "$T/.run.err"
check "check -v: each file's result" grep -qx "cindoc check: $S: 0 errors, 0 warnings" "$T/.run.err"
expect "render -q" 0 "$CINDOC" render -q --doc closure-letter --for p2 "$C" -o "$T/q.pdf"
check "render -q: no list of files" test ! -s "$T/.run.out"
check "render -q: the file is written" test -s "$T/q.pdf"
expect "render -v" 0 "$CINDOC" render --verbose --doc closure-letter --for p2 "$C" -o "$T/v.pdf"
check "render -v: pages of each document" grep -q "^cindoc render: .*closure-letter-p2.*: [0-9]* pages\? (cairo)" "$T/.run.err"
mkdir -p "$T/cases" && cp "$C" "$T/cases/"
expect "queue -q" 0 "$CINDOC" queue -q "$T/cases" -o "$T/queue" --today 2026-11-25
check "queue -q: no summary" test ! -s "$T/.run.out"
expect "queue --progress off a terminal" 0 "$CINDOC" queue --progress "$T/cases" -o "$T/queue2" --today 2026-11-25
check "queue --progress: the progress line" grep -q 'queue: [0-9]*/[0-9]* items' "$T/.run.err"
expect "queue without --progress off a terminal" 0 "$CINDOC" queue "$T/cases" -o "$T/queue3" --today 2026-11-25
check "queue: no progress line" bash -c "! grep -q 'items/s' '$T/.run.err'"

# ---- the data folder
expect "CINDOC_HOME without templates" 4 env CINDOC_HOME=/nonexistent "$CINDOC" check "$S"
check "... the message names the variable" grep -qx "cindoc: CINDOC_HOME is '/nonexistent', which holds no cindoc data (no templates/case.xsd there): point it at a cindoc data folder, or unset it" "$T/.run.err"
expect "--version" 0 env CINDOC_HOME=/nonexistent "$CINDOC" --version
check "--version says where the data is read from" grep -qx "data: /nonexistent (CINDOC_HOME)" "$T/.run.out"
expect "--version, built here" 0 env -u CINDOC_HOME "$CINDOC" --version
check "... the source tree" grep -qx "data: $ROOT (the source tree this program was built in)" "$T/.run.out"
expect "calendar needs no data" 0 env CINDOC_HOME=/nonexistent "$CINDOC" calendar add 2026-12-24 1
dups=$(ls "$ROOT"/tests/t[0-9]*.sh | sed 's|.*/t\([0-9]*\)-.*|\1|' | sort | uniq -d | tr '\n' ' ')
check "each test script has a number of its own (shared: ${dups:-none})" test -z "$dups"
