#!/usr/bin/env bash
# `cindoc queue --case FILE --meeting ID`: one meeting's copies queued now, whatever their due
# date (how the web desk issues a plan): only that case is read, the other cases' items are kept
# as they are, a second run queues nothing again, and every misuse is refused with its message.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
TODAY=2026-11-25
C=$T/cases Q=$T/queue
mkdir -p "$C" && cp samples/*.xml "$C/"
items() { grep -v '^#' "$Q/ledger.tsv" | tail -n +2 | cut -f1,2 | sort; }

# 02's meeting is long past: a whole run queues its overdue copies. 09's m2 (19 November) is due
# on 3 December, outside a window of 0 working days.
expect "a run with --within 0 queues what is overdue" 0 "$CINDOC" queue "$C" -o "$Q" --today $TODAY --within 0 -q
check "09's m2 is not due yet: not queued by a plain run" bash -c "! grep -q 'NB-2026-0803/plan-copy/m2' '$Q/ledger.tsv'"
items >"$T/before"
other=$(grep -v '^#' "$Q/ledger.tsv" | tail -n +2 | wc -l)
check "the plain run queued other cases' items" test "$other" -gt 0

expect "--case 09 --meeting m2 queues the meeting now" 0 "$CINDOC" queue "$C" -o "$Q" --today $TODAY --within 0 \
	--case 09-withheld-address.xml --meeting m2 -q
check "every recipient of m2 is queued, due 3 December" bash -c "
	[ \"\$(grep -c $'^NB-2026-0803/plan-copy/m2/[a-z0-9]*\tqueued\t' '$Q/ledger.tsv')\" = 5 ] &&
	[ \"\$(grep $'^NB-2026-0803/plan-copy/m2/' '$Q/ledger.tsv' | cut -f12 | sort -u)\" = 2026-12-03 ]"
check "the other cases' items are kept as they were" bash -c "
	diff <(grep -v NB-2026-0803 '$T/before') <(grep -v '^#' '$Q/ledger.tsv' | tail -n +2 | cut -f1,2 | sort | grep -v NB-2026-0803)"
check "the date's print.pdf holds the meeting's copies" test -s "$Q/2026-12-03/print.pdf"
cp "$Q/ledger.tsv" "$T/ledger.1"
expect "issuing again" 0 "$CINDOC" queue "$C" -o "$Q" --today $TODAY --within 0 --case 09-withheld-address.xml --meeting m2 -q
check "issuing again queues nothing again (the ledger is the same)" cmp "$Q/ledger.tsv" "$T/ledger.1"
expect "a later plain run" 0 "$CINDOC" queue "$C" -o "$Q" --today $TODAY --within 0 -q
check "a later plain run keeps the issued meeting's items" bash -c "
	[ \"\$(grep -c $'^NB-2026-0803/plan-copy/m2/[a-z0-9]*\tqueued\t' '$Q/ledger.tsv')\" = 5 ]"

# Misuse: each refused with its message, the queue left as it is.
cp "$Q/ledger.tsv" "$T/ledger.2"
expect "--meeting without --case is a usage error" 2 "$CINDOC" queue "$C" -o "$Q" --meeting m2
check "... that says so" grep -q "queue: --meeting needs --case (the case file the meeting is in)" "$T/.run.err"
expect "--case with a path is a usage error" 2 "$CINDOC" queue "$C" -o "$Q" --case ../09-withheld-address.xml
check "... that says so" grep -q "queue: --case '../09-withheld-address.xml' is not the name of a case file in the cases folder (NAME.xml)" "$T/.run.err"
expect "--case naming no file of the folder" 4 "$CINDOC" queue "$C" -o "$Q" --case nope.xml
check "... says which" grep -q "no case file 'nope.xml' in '$C'" "$T/.run.err"
expect "--meeting naming no meeting of the case is reported and skipped" 6 "$CINDOC" queue "$C" -o "$Q" \
	--today $TODAY --case 09-withheld-address.xml --meeting m9 -q
check "... with the case's file and line" grep -q "09-withheld-address.xml:[0-9]*: error: the case has no meeting 'm9'" "$T/.run.err"
sed 's/<meeting id="m2" type="review" date="2026-11-19"/<meeting id="m2" type="review" date="2026-11-30"/' \
	samples/09-withheld-address.xml >"$C/09-withheld-address.xml"
expect "--meeting of a meeting after today is reported and skipped" 6 "$CINDOC" queue "$C" -o "$Q" \
	--today $TODAY --case 09-withheld-address.xml --meeting m2 -q
check "... saying it cannot be issued yet" grep -q "error: meeting 'm2' is on 2026-11-30, after today: it cannot be issued yet" "$T/.run.err"
check "the refused runs left the ledger as it was" cmp "$Q/ledger.tsv" "$T/ledger.2"
