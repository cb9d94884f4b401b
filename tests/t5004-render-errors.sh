#!/usr/bin/env bash
# cindoc render: options, defaults and every error path (golden stderr in tests/t5004/), and
# that nothing is written when anything fails.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
G=$ROOT/tests/t5004
S=samples/02-review-scaling.xml
C=tests/docs/closed-needs-met.xml

err() { # NAME EXIT ARGS...
	local n=$1 want=$2; shift 2
	local why
	if why=$(run_cmd "$want" "$T/$n" "$CINDOC" render "$@"); then ok "$n: exit $want"; else notok "$n: exit $want" "$why"; fi
	sed -e "s|$ROOT/||g" -e "s|$T/||g" "$T/$n.err" >"$T/$n.err.rel"
	golden "$n: message" "$T/$n.err.rel" "$G/$n.err"
}

expect "render --help" 0 "$CINDOC" render --help
check "--help lists the documents and the protection options" grep -q -- '--user-password-file' "$T/.run.out"

err no-doc 2 --for p1 "$S" -o "$T/x.pdf"
err unknown-doc 2 --doc letter --for p1 "$S" -o "$T/x.pdf"
err no-recipient 2 --doc plan "$S" -o "$T/x.pdf"
err for-and-all 2 --doc plan --for p1 --all "$S" -o "$T/x"
err no-output 2 --doc plan --for p1 "$S"
err no-case 2 --doc plan --for p1 -o "$T/x.pdf"
err two-cases 2 --doc plan --for p1 "$S" "$S" -o "$T/x.pdf"
err twice 2 --doc plan --doc minutes --for p1 "$S" -o "$T/x.pdf"
err unknown-option 2 --doc plan --for p1 --colour red "$S" -o "$T/x.pdf"
err missing-value 2 --doc plan --for p1 "$S" -o
err unknown-writer 2 --doc plan --for p1 --writer svg "$S" -o "$T/x.pdf"
err protect-needs-haru 2 --doc plan --for p1 --user-password secret1 "$S" -o "$T/x.pdf"
err unknown-recipient 2 --doc plan --for p99 "$S" -o "$T/x.pdf"
err no-closure 3 --doc closure-letter --all "$S" -o "$T/none"
err unreadable 4 --doc plan --for p1 tests/docs/no-such-case.xml -o "$T/x.pdf"
err cannot-write 5 --doc plan --for p1 "$S" -o /proc/cindoc-cannot-write/x.pdf
err haru-refuses-urdu 7 --doc closure-letter --for p1 --lang ur --writer haru "$C" -o "$T/ur.pdf"
check "nothing written after an error" test ! -e "$T/x.pdf" -a ! -e "$T/ur.pdf"

# Defaults and overrides.
expect "one recipient into a file" 0 "$CINDOC" render --doc closure-letter --for p2 "$C" -o "$T/p2.pdf"
check "the file is listed" grep -qx "$T/p2.pdf" "$T/.run.out"
check "a PDF" bash -c "pdfinfo '$T/p2.pdf' | grep -q '^Pages:'"
check "mode 0600" test "$(stat -c %a "$T/p2.pdf")" = 600
expect "into a folder" 0 "$CINDOC" render --doc closure-letter --for p2 "$C" -o "$T/dir/"
check "named by the case, the document, the reader's needs and a hash" bash -c "ls '$T/dir' | grep -qx 'NB-2026-0142-closure-letter-p2-large-print-[0-9a-f]\{8\}\.pdf'"
expect "--lang and --style override" 0 "$CINDOC" render --doc closure-letter --for p2 --lang cy --style standard "$C" -o "$T/dir/"
cy=$(cat "$T/.run.out")
check "the Welsh copy" bash -c "basename '$cy' | grep -qx 'NB-2026-0142-closure-letter-p2-cy-[0-9a-f]\{8\}\.pdf'"
pdftotext "$cy" "$T/cy.txt"
check "in Welsh" grep -q 'Annwyl Mrs Pennington,' "$T/cy.txt"
check "marked in Welsh" grep -q 'SWYDDOGOL-SENSITIF' "$T/cy.txt"
expect "a protected copy with haru" 0 "$CINDOC" render --doc closure-letter --for p1 --writer haru --user-password open-sesame "$C" -o "$T/locked.pdf"
check "it needs the password" bash -c "! pdftotext '$T/locked.pdf' - 2>/dev/null && pdftotext -upw open-sesame '$T/locked.pdf' - | grep -q 'Dear Ms Hartley'"
expect "PNG pages" 0 "$CINDOC" render --doc case-note --for file --writer png --writer-opts dpi=30 "$S" -o "$T/note.png"
check "a PNG" bash -c "file '$T/note.png' | grep -q 'PNG image'"
expect "a plan of several pages as PNG" 0 "$CINDOC" render --doc plan --for p1 --writer png --writer-opts dpi=20 "$S" -o "$T/plan.png"
check "one file listed per page, each written" bash -c "[ \$(wc -l <'$T/.run.out') -gt 1 ] && while read -r f; do [ -s \"\$f\" ] || exit 1; done <'$T/.run.out'"
check "the first page is listed first" bash -c "head -1 '$T/.run.out' | grep -q 'plan-1.png\$'"
expect "--all lists every file" 0 "$CINDOC" render --doc closure-letter --all "$C" -o "$T/all"
check "five letters" test "$(wc -l <"$T/.run.out")" = 5
check "the same five on disk" test "$(ls "$T/all" | wc -l)" = 5
