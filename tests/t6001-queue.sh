#!/usr/bin/env bash
# cindoc queue: golden manifest over the samples, consistency, idempotence, -j, changes to
# cases (withdrawn, updated, bad cases), the window, mark-issued, usage errors.
. "$(dirname "$0")/lib.sh"
Q=$TESTS/queue
TODAY=2026-11-25
CASES=$T/cases
mkdir -p "$CASES" && cp "$ROOT"/samples/*.xml "$CASES"/

snap() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
consistent() { check "$1: queue folder consistent" python3 "$Q/check.py" "$2"; }
# The manifest without the sha256 column (PDFs carry their creation time).
nosha() { python3 -c 'import csv,sys; w=csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], newline="")): w.writerow(r[:-1])' "$1"; }

expect "queue the samples" 0 "$CINDOC" queue "$CASES" -o "$T/q" --today $TODAY
sed "s|$T/||g" "$T/.run.out" >"$T/run1.out"; cp "$T/.run.err" "$T/run1.err"
golden "first run: summary" "$T/run1.out" "$Q/run1.out"
sed "s|$T/||g" "$T/run1.err" >"$T/run1.err.rel"
golden "first run: OVERDUE items flagged on stderr" "$T/run1.err.rel" "$Q/run1.err"
nosha "$T/q/manifest.csv" >"$T/manifest.txt"
golden "golden manifest (without sha256)" "$T/manifest.txt" "$Q/manifest.golden.csv"
consistent "first run" "$T/q"
check "no progress line off a terminal" bash -c "! grep -q \$'\\r' '$T/run1.err'"
check "no child who has died gets a letter" bash -c "! grep -q '^NB-2025-1734/closure-letter/c1,' '$T/q/manifest.csv'"
check "plan copies go to copies-to (sample 02 m3: p4)" grep -q '^NB-2026-0142/plan-copy/m3/p4,' "$T/q/manifest.csv"
check "a reader's style and version (p2: large print, short)" grep -q '^NB-2026-0142/plan-copy/m3/p2,NB-2026-0142,p2,Mrs Joanne Pennington,plan-copy,m3,en,large-print,short,2026-07-20,overdue,' "$T/q/manifest.csv"

# Run twice: identical, nothing rendered again.
snap "$T/q" >"$T/snap1"
expect "second run" 0 "$CINDOC" queue "$CASES" -o "$T/q" --today $TODAY
check "second run renders nothing" grep -q ': 0 new, 0 updated, 0 withdrawn;' "$T/.run.out"
snap "$T/q" >"$T/snap2"
check "second run: every file identical" cmp -s "$T/snap1" "$T/snap2"
expect "-j 4 on the same queue" 0 "$CINDOC" queue "$CASES" -o "$T/q" --today $TODAY -j 4
snap "$T/q" >"$T/snap3"
check "-j 4 on the same queue: identical" cmp -s "$T/snap1" "$T/snap3"

# -j 4 from scratch: the same items, pages and print order.
expect "-j 4 from scratch" 0 "$CINDOC" queue "$CASES" -o "$T/qj" --today $TODAY -j4
nosha "$T/qj/manifest.csv" >"$T/manifest-j.txt"
check "-j 4: the same manifest as -j 1" cmp -s "$T/manifest.txt" "$T/manifest-j.txt"
consistent "-j 4" "$T/qj"
# The workers get each item's document, recipient, language, style, version and date from the
# run (a task file per worker): every PDF is the one -j 1 makes, and none outlives the run.
pdfs() { (cd "$1" && find . -name '*.pdf' -print0 | sort -z | xargs -0 sha256sum); }
check "-j 4: every item PDF and print.pdf byte for byte as -j 1" cmp -s <(pdfs "$T/q") <(pdfs "$T/qj")
check "-j 4: no worker left once the run is over" bash -c "! pgrep -f -- ' -o $T/q[j] '"
check "-j 4: no task or results file left in the queue" bash -c "! find '$T/qj' -name '.results' -o -name '*.tasks' | grep -q ."

# A later day: new items come into the window, nothing is duplicated.
cp -a "$T/q" "$T/qlater"
expect "a week later" 0 "$CINDOC" queue "$CASES" -o "$T/qlater" --today 2026-12-02
check "a week later: no item twice" bash -c "cut -d, -f1 '$T/qlater/manifest.csv' | sort | uniq -d | grep -q . && exit 1 || exit 0"
check "a week later: every earlier item still there" python3 -c "
import csv,sys
a={r['item'] for r in csv.DictReader(open('$T/q/manifest.csv'))}
b={r['item'] for r in csv.DictReader(open('$T/qlater/manifest.csv'))}
sys.exit(0 if a<=b else 1)"
consistent "a week later" "$T/qlater"

# The window: --within 0 queues only what is due today or overdue.
expect "--within 0" 0 "$CINDOC" queue "$CASES" -o "$T/q0" --today $TODAY --within 0
check "--within 0: nothing due after today" python3 -c "
import csv,sys
sys.exit(0 if all(r['due'] <= '$TODAY' for r in csv.DictReader(open('$T/q0/manifest.csv'))) else 1)"

# A copy its case no longer owes for another reason (Joanne is no longer listed as present at m3)
# is withdrawn: its PDF leaves the folder.
cp -a "$T/q" "$T/qx"
cp -a "$CASES" "$T/casesx"
sed -i '/<meeting id="m3"/,/<\/attendance>/s|<present ref="p2"/>||' "$T/casesx/02-review-scaling.xml"
expect "no longer owed: run" 0 "$CINDOC" queue "$T/casesx" -o "$T/qx" --today $TODAY
check "no longer owed: withdrawn" grep -q ' 1 withdrawn;' "$T/.run.out"
check "no longer owed: ledger says withdrawn" grep -q $'^NB-2026-0142/plan-copy/m3/p2\twithdrawn\t' "$T/qx/ledger.tsv"
check "no longer owed: its file is gone" bash -c "! ls '$T/qx/2026-07-20' | grep -q -- '-p2\.pdf\$\|p2-'"
consistent "no longer owed" "$T/qx"

# Minutes recorded as sent in the case itself (here by hand, as a case copied from elsewhere may
# say so): that meeting's waiting copies are issued on the day the case records, so the ledger
# agrees with the case and `due`; the rest stays as it was.
cp -a "$T/q" "$T/qw"
sed -i 's|<done case-note="2026-07-06"/>|<done case-note="2026-07-06" minutes-sent="2026-11-24"/>|' "$CASES/02-review-scaling.xml"
expect "minutes sent: run" 0 "$CINDOC" queue "$CASES" -o "$T/qw" --today $TODAY
check "minutes sent: nothing withdrawn" grep -q ' 0 new, 0 updated, 0 withdrawn;' "$T/.run.out"
check "minutes sent: the summary says why they left the queue" \
	grep -qx "queue $T/qw: 5 items issued as their cases record them sent" "$T/.run.out"
check "minutes sent: ledger says issued on the case's day" \
	grep -q $'^NB-2026-0142/plan-copy/m3/p1\tissued\t.*\t2026-11-24\t2026-07-20/' "$T/qw/ledger.tsv"
check "minutes sent: no waiting copy of m3 left" bash -c "! grep -q \$'^NB-2026-0142/plan-copy/m3/[a-z0-9]*\tqueued' '$T/qw/ledger.tsv'"
check "minutes sent: due agrees" bash -c "'$CINDOC' due --today $TODAY --format csv '$CASES/02-review-scaling.xml' | grep -q ',minutes-sent,m3,.*,2026-11-24,'"
grep -v '2026-07-20\|\./manifest\|ledger' "$T/snap1" >"$T/snap1.other"
snap "$T/qw" | grep -v '2026-07-20\|\./manifest\|ledger' >"$T/snapw.other"
check "minutes sent: other dates untouched" cmp -s "$T/snap1.other" "$T/snapw.other"
consistent "minutes sent" "$T/qw"
# ... a second run changes nothing.
snap "$T/qw" >"$T/snapw1"
expect "minutes sent: run again" 0 "$CINDOC" queue "$CASES" -o "$T/qw" --today $TODAY
snap "$T/qw" >"$T/snapw2"
check "minutes sent: a second run changes nothing" cmp -s "$T/snapw1" "$T/snapw2"

# A change to a case renders that case's items again, and only those.
echo '<!-- edited -->' >>"$CASES/01-initial-meeting.xml"
expect "changed case: run" 0 "$CINDOC" queue "$CASES" -o "$T/qw" --today $TODAY
n01=$(grep -c '^NB-2026-0388/' "$T/qw/manifest.csv")
check "changed case: its $n01 items are rendered again, and only those" grep -q " 0 new, $n01 updated, 0 withdrawn;" "$T/.run.out"
consistent "changed case" "$T/qw"

# A bad case is reported and skipped (exit 6); its queued items are kept; the others are queued.
cp "$CASES/06-step-down.xml" "$T/06.bak"
sed -i 's|<closure date="2026-11-16"|<closure date="2026-11-31"|' "$CASES/06-step-down.xml"
cp "$CASES/03-siblings.xml" "$CASES/13-copy-of-03.xml"
expect "bad cases: exit 6" 6 "$CINDOC" queue "$CASES" -o "$T/qw" --today $TODAY
sed "s|$T/||g" "$T/.run.err" | grep -v OVERDUE >"$T/bad.err"
golden "bad cases: messages" "$T/bad.err" "$Q/bad-cases.err"
check "bad case: its items are kept" grep -q '^HD-2026-0533/closure-letter/p1,' "$T/qw/manifest.csv"
consistent "bad case" "$T/qw"
cp "$T/06.bak" "$CASES/06-step-down.xml"; rm "$CASES/13-copy-of-03.xml"

# mark-issued: a date, an item id, a file; issued items are never queued again.
expect "mark-issued a date and an item" 0 "$CINDOC" queue mark-issued "$T/qw" 2026-11-30 NB-2026-0388/plan-copy/m1/p1 --today $TODAY
sed "s|$T/||g" "$T/.run.out" >"$T/mark1.out"
golden "mark-issued: summary" "$T/mark1.out" "$Q/mark1.out"
check "mark-issued: ledger" grep -q $'^NB-2026-0388/plan-copy/m1/p1\tissued\t.*\t2026-11-25\t2026-11-26/' "$T/qw/ledger.tsv"
check "mark-issued: manifest" grep -q '^NB-2026-0388/plan-copy/m1/p1,.*,issued,' "$T/qw/manifest.csv"
p4=$(grep '^NB-2026-0388/plan-copy/m1/p4,' "$T/qw/manifest.csv" | cut -d, -f15)
check "a file name: readable, then a hash" bash -c "basename '$p4' | grep -qx 'NB-2026-0388-plan-copy-m1-p4-[0-9a-f]\{8\}\.pdf'"
expect "mark-issued by file name, -q" 0 "$CINDOC" queue mark-issued -q "$T/qw" "$(basename "$p4")" --today $TODAY
check "mark-issued -q: no summary" test ! -s "$T/.run.out"
check "mark-issued -q: marked all the same" grep -q '^NB-2026-0388/plan-copy/m1/p4,.*,issued,' "$T/qw/manifest.csv"
expect "mark-issued again: nothing new, exit 0" 0 "$CINDOC" queue mark-issued "$T/qw" 2026-11-30 --today $TODAY
check "mark-issued again: says so" grep -qx "cindoc queue: '2026-11-30' was issued already" "$T/.run.err"
expect "run after mark-issued" 0 "$CINDOC" queue "$CASES" -o "$T/qw" --today $TODAY
check "run after mark-issued: nothing re-queued" grep -q ' 0 new, 0 updated, 0 withdrawn;' "$T/.run.out"
check "run after mark-issued: issued items left print.pdf" python3 -c "
import csv,sys
# (2026-11-30 and 2026-07-20 have nothing waiting: their print.pdf stays as it was printed)
r=[x for x in csv.DictReader(open('$T/qw/manifest.csv')) if x['status']=='issued' and x['due'] not in ('2026-11-30', '2026-07-20')]
sys.exit(0 if r and all(x['print_first']=='0' for x in r) else 1)"
consistent "after mark-issued" "$T/qw"

# Errors.
expect "mark-issued: unknown item" 2 "$CINDOC" queue mark-issued "$T/qw" XX/plan-copy/m1/p1
check "mark-issued: unknown item message" grep -qx "cindoc: no item 'XX/plan-copy/m1/p1' in the queue" "$T/.run.err"
expect "mark-issued: a date with nothing" 2 "$CINDOC" queue mark-issued "$T/qw" 2030-01-01
expect "mark-issued: not a queue" 4 "$CINDOC" queue mark-issued "$CASES" 2026-11-12
mkdir -p "$T/notaqueue" && echo x >"$T/notaqueue/keep.txt"
expect "queue into a folder that is not a queue: refused" 5 "$CINDOC" queue "$CASES" -o "$T/notaqueue" --today $TODAY
check "... and left alone" bash -c "[ \"\$(ls '$T/notaqueue')\" = keep.txt ]"
errs() {
	local args
	for args in "$@"; do
		echo "\$ cindoc queue $args"
		# shellcheck disable=SC2086
		"$CINDOC" queue $args 2>&1 >/dev/null | grep '^cindoc'
		echo "exit ${PIPESTATUS[0]}"
	done
}
errs "" "cases" "cases -o" "cases -o q --today 2026-13-01" "cases -o q --within x" "cases -o q -j 0" \
     "cases -o q --writer png" "cases -o q --bogus" "a b -o q" "mark-issued" "mark-issued q" \
     "mark-issued q 2026-01-01 --today 1977-01-01" "nothing -o $T/q9 --today $TODAY" >"$T/usage.txt"
sed -i "s|$T/||g" "$T/usage.txt"
golden "usage errors" "$T/usage.txt" "$Q/usage-errors.txt"
expect "--help" 0 "$CINDOC" queue --help
check "--help lists the protection options" grep -q -- '--user-password' "$T/.run.out"
