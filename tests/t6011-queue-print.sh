#!/usr/bin/env bash
# cindoc queue print: a date of the queue to a CUPS printer made by the test, one job per item,
# two- or one-sided, the chosen printer; then the items are issued, the case records them as sent
# and the audit log has each job; every error path.
. "$(dirname "$0")/lib.sh"
. "$TESTS/cups-lib.sh"
trap 'cups_stop' EXIT

C=$T/cases Q=$T/queue
mkdir -p "$C" && cp "$ROOT"/samples/*.xml "$C"/
"$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -q 2>/dev/null
check "the queue was made" test -f "$Q/ledger.tsv"
me=$(id -un)

# The items of a date waiting in the ledger, in the order of its print.pdf.
waiting() { awk -F'\t' -v d="$1" '$2 == "queued" && $12 == d { print $17 "\t" $1 }' "$Q/ledger.tsv" | sort -n | cut -f2; }
issued_on() { awk -F'\t' -v d="$1" '$12 == d && $2 == "issued" { print $14 }' "$Q/ledger.tsv" | sort -u; }

check "the test's own scheduler runs" cups_start
check "a printer" cups_printer cindoc-test
check "a second printer" cups_printer cindoc-other
lpadmin -d cindoc-other

expect "--list-printers" 0 "$CINDOC" queue print --list-printers
check "... lists both, the default marked" test "$(cat "$T/.run.out")" = "$(printf 'cindoc-other\tdefault\ncindoc-test')"

# ---- errors: nothing printed, nothing marked
expect "no queue folder" 4 "$CINDOC" queue print "$T/nowhere" 2026-11-26 --printer cindoc-test
expect "not a date" 2 "$CINDOC" queue print "$Q" 2026-13-45 --printer cindoc-test
expect "a date with no items" 2 "$CINDOC" queue print "$Q" 2026-01-05 --printer cindoc-test
check "... says so" grep -q "no items due on 2026-01-05" "$T/.run.err"
expect "an unknown printer" 2 "$CINDOC" queue print "$Q" 2026-11-26 --printer no-such-printer
check "... names it" grep -q "no printer 'no-such-printer'" "$T/.run.err"
expect "no date" 2 "$CINDOC" queue print "$Q"
expect "an unknown item" 2 "$CINDOC" queue print "$Q" 2026-11-26 --item XX/plan-copy/m1/p1 --printer cindoc-test
expect "the print server cannot be reached" 5 env CUPS_SERVER="$T/no-server.sock" "$CINDOC" queue print "$Q" 2026-11-26 --printer cindoc-test
check "... says why" grep -q "cannot reach the print server" "$T/.run.err"
f=$(awk -F'\t' '$2 == "queued" && $12 == "2026-11-27" { print $15; exit }' "$Q/ledger.tsv")
cp "$Q/$f" "$T/keep.pdf" && printf 'x' >>"$Q/$f"
expect "a copy that does not match the ledger" 3 "$CINDOC" queue print "$Q" 2026-11-27 --printer cindoc-test
check "... names the file" grep -q "'$f' is missing or does not match" "$T/.run.err"
cp "$T/keep.pdf" "$Q/$f"
check "nothing reached a printer" test -z "$(lpstat -W all -o 2>/dev/null)"
check "nothing was marked" test -z "$(awk -F'\t' '$2 == "issued"' "$Q/ledger.tsv")"

# ---- one date, two-sided (the default), on the chosen printer
mapfile -t items < <(waiting 2026-11-26)
n=${#items[@]}
check "2026-11-26 has several items" test "$n" -ge 3
expect "print a date" 0 "$CINDOC" queue print "$Q" 2026-11-26 --printer cindoc-test --cases "$C" --today 2026-11-25
check "... one line per job" test "$(grep -c $'\tprinter cindoc-test\tjob ' "$T/.run.out")" = "$n"
check "... one job per item, all completed" cups_wait "$n" cindoc-test
check "... on that printer only" test -z "$(lpstat -W all -o cindoc-other)"
mapfile -t jobs < <(sed -n 's/.*\tjob \([0-9]*\)$/\1/p' "$T/.run.out")
bad=
for k in "${!jobs[@]}"; do
	a=$(cups_job_attr "${jobs[$k]}")
	grep -q 'sides' <<<"$a" && grep -q 'two-sided-long-edge' <<<"$a" || bad="$bad ${jobs[$k]}:sides"
	grep -qF "${items[$k]}" <<<"$a" || bad="$bad ${jobs[$k]}:name"
	file=$(awk -F'\t' -v i="${items[$k]}" '$1 == i { print $15 }' "$Q/ledger.tsv")
	cmp -s "$(cups_job_file "${jobs[$k]}")" "$Q/$file" || bad="$bad ${jobs[$k]}:file"
done
check "... each job two-sided, named for its item, in print.pdf's order, printing exactly its PDF" test -z "$bad"
check "... the items are issued on the day" test "$(issued_on 2026-11-26)" = 2026-11-25
check "... none waits" test -z "$(waiting 2026-11-26)"
ref=NB-2026-0388
case_file=$(grep -l "ref=\"$ref\"" "$C"/*.xml)
"$CINDOC" due --today 2026-11-25 --format csv "$case_file" >"$T/due.csv"
check "due: the minutes of $ref m1 sent on the day they were printed" \
	grep -q '^NB-2026-0388,.*,minutes-sent,m1,.*,2026-11-25,done,' "$T/due.csv"
"$CINDOC" audit "$C" >"$T/audit.tsv"
check "audit: a print row per job, by the system user" \
	test "$(awk -F'\t' -v u="$me" '$2 == u && $3 == "print"' "$T/audit.tsv" | grep -c 'printer cindoc-test, job [0-9]*, two-sided')" = "$n"
check "audit: an issue row per item" test "$(awk -F'\t' '$3 == "issue"' "$T/audit.tsv" | wc -l)" = "$n"
check "audit: names the recipient" grep -q $'\tprint\t'"$(basename "$case_file" .xml)"$'\t'"NB-2026-0388/plan-copy/m1/p1 to " "$T/audit.tsv"

expect "printing the date again" 2 "$CINDOC" queue print "$Q" 2026-11-26 --printer cindoc-test
check "... nothing waits" grep -q "nothing waits to be printed on 2026-11-26" "$T/.run.err"

# ---- closure letters that carry the final minutes (sample 06, HD-2026-0533, m3): printing them
# is the minutes' sending too
expect "print the closure letters' date" 0 "$CINDOC" queue print "$Q" 2026-11-30 --printer cindoc-test --cases "$C" --today 2026-11-25
cups_wait "$(( n + $(grep -c $'\tprinter cindoc-test\tjob ' "$T/.run.out") ))" cindoc-test >/dev/null 2>&1
case_file=$(grep -l 'ref="HD-2026-0533"' "$C"/*.xml)
"$CINDOC" due --today 2026-11-25 --format csv "$case_file" >"$T/due06.csv"
check "due: the closure letters of HD-2026-0533 sent on the day they were printed" \
	grep -q '^HD-2026-0533,.*,closure-letters,,.*,2026-11-25,done,' "$T/due06.csv"
check "due: ... and the final minutes (m3) that went with them" \
	grep -q '^HD-2026-0533,.*,minutes-sent,m3,.*,2026-11-25,done,' "$T/due06.csv"

# ---- one-sided, the default printer, one item, --no-mark
item=$(waiting 2026-11-27 | head -1)
expect "print one item one-sided on the default printer, not marked" 0 \
	"$CINDOC" queue print "$Q" 2026-11-27 --item "$item" --one-sided --no-mark
check "... one job on the default printer" cups_wait 1 cindoc-other
j=$(sed -n 's/.*\tjob \([0-9]*\)$/\1/p' "$T/.run.out")
check "... one-sided" bash -c "strings '$(printf '%s/c%05d' "$CUPS_SPOOL" "$j")' | grep -q 'one-sided'"
check "... still waiting" grep -qx "$item" <(waiting 2026-11-27)
