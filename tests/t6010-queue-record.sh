#!/usr/bin/env bash
# One record of what was sent: queue mark-issued --cases records the sending in the case file
# (through the store's versioned save), so the ledger, the manifests, `cindoc due` and the desk's
# case page show the same date; each item is in the audit log as the system user. And --group:
# a queue shared by a team (0640/0750, that group), private by default.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"

C=$T/cases Q=$T/queue
serve_setup "$C" >/dev/null
"$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -q 2>/dev/null
check "the queue was made" test -f "$Q/ledger.tsv"
me=$(id -un)
F=$C/02-review-scaling.xml
due_m3() { "$CINDOC" due --today 2026-11-25 --format csv "$F" | grep ',minutes-sent,m3,'; }
check "before: m3's minutes are overdue" bash -c "'$CINDOC' due --today 2026-11-25 --format csv '$F' | grep -q ',minutes-sent,m3,.*,,overdue,'"

# ---- the default: private
check "the queue folder is 0700" test "$(stat -c %a "$Q")" = 700
check "its files are 0600" test "$(stat -c %a "$Q/ledger.tsv" "$Q"/2026-07-20/*.pdf | sort -u)" = 600

# ---- part of a meeting's copies: the case does not say sent yet
cp "$F" "$T/before.xml"
expect "mark one copy of m3 issued" 0 "$CINDOC" queue mark-issued "$Q" NB-2026-0142/plan-copy/m3/p1 --today 2026-11-20 --cases "$C"
check "... the case is unchanged while other copies wait" cmp -s "$F" "$T/before.xml"
check "... the audit has the item, to whom, by the system user" \
	grep -qP "^[0-9T:Z-]+\t$me\tissue\t02-review-scaling\tNB-2026-0142/plan-copy/m3/p1 to Ms Sarah Hartley \(p1\) on 2026-11-20 via command line$" <("$CINDOC" audit "$C")

# ---- without --cases: only the ledger knows, and says so
expect "mark a copy without --cases" 0 "$CINDOC" queue mark-issued "$Q" NB-2026-0142/plan-copy/m3/p2 --today 2026-11-23
check "... a note says the cases were not told" grep -q "only the ledger knows" "$T/.run.err"
check "... the case is unchanged" cmp -s "$F" "$T/before.xml"

# ---- the rest: the case records the day the last copy went
expect "mark the date issued with --cases" 0 "$CINDOC" queue mark-issued "$Q" 2026-07-20 --today 2026-11-25 --cases "$C"
check "... says what the case now records" grep -q "case 02-review-scaling.xml: minutes and plan of meeting m3 sent on 2026-11-25 (recorded by $me)" "$T/.run.out"
check "... the case file says minutes-sent, once" test "$(grep -c 'minutes-sent="2026-11-25"' "$F")" = 1
expect "... the case is still valid" 0 "$CINDOC" check "$F"
check "due: m3's minutes sent on 2026-11-25" bash -c "'$CINDOC' due --today 2026-11-25 --format csv '$F' | grep -q ',minutes-sent,m3,2026-07-06,2026-07-20,2026-11-25,late,'"
check "the ledger: every copy of m3 issued, the last on 2026-11-25" \
	test "$(awk -F'\t' '$1 ~ /^NB-2026-0142\/plan-copy\/m3\// { print $2, $14 }' "$Q/ledger.tsv" | sort | tail -1)" = "issued 2026-11-25"
check "the manifest: the same" bash -c "grep '^NB-2026-0142/plan-copy/m3/' '$Q/manifest.csv' | grep -vq ',issued,' && exit 1 || exit 0"
check "history: the new version by the system user" bash -c "'$CINDOC' history '$F' | tail -1 | grep -qP '\t$me\t'"
expect "marking again changes nothing" 0 "$CINDOC" queue mark-issued "$Q" 2026-07-20 --today 2026-11-26 --cases "$C"
check "... the case keeps the first date" test "$(grep -c 'minutes-sent="2026-11-25"' "$F")" = 1
"$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -q 2>/dev/null
check "a queue run after: the items stay issued on that day" \
	test "$(awk -F'\t' '$1 ~ /^NB-2026-0142\/plan-copy\/m3\// { print $2 }' "$Q/ledger.tsv" | sort -u)" = issued

# ---- the case page of the desk shows the same date
serve_start "$C"
check "the desk starts" test -n "$URL"
login "$T/jar" ad1 password-ad1 >/dev/null
status "$T/jar" /case/02-review-scaling >/dev/null
check "the case page: m3's minutes sent on 25 November 2026" \
	bash -c "tr -s ' \n' ' ' <'$T/body' | grep -q 'Minutes and plan sent</a*[^>]*>.\{0,400\}20 July 2026.\{0,400\}Done late.\{0,400\}25 November 2026<'"
serve_stop

# ---- closure letters: closure/@letters-sent
d=$(awk -F'\t' '$7 == "closure-letter" && $2 == "queued" { print $12; exit }' "$Q/ledger.tsv")
cf=$C/$(awk -F'\t' '$7 == "closure-letter" && $2 == "queued" { print $4; exit }' "$Q/ledger.tsv")
ids=$(awk -F'\t' -v f="$(basename "$cf")" '$7 == "closure-letter" && $4 == f { print $1 }' "$Q/ledger.tsv")
expect "mark a case's closure letters issued" 0 "$CINDOC" queue mark-issued "$Q" $ids --today 2026-11-24 --cases "$C"
check "... the case says letters-sent" grep -q 'letters-sent="2026-11-24"' "$cf"
check "... due: closure letters done" bash -c "'$CINDOC' due --today 2026-11-25 --format csv '$cf' | grep -q ',closure-letters,.*,2026-11-24,done,'"

# ---- errors
expect "--cases that is not the queue's cases folder" 4 "$CINDOC" queue mark-issued "$Q" "$d" --today 2026-11-25 --cases "$T/empty-cases-$$" 
mkdir -p "$T/other" && "$CINDOC" queue mark-issued "$Q" 2026-11-30 --today 2026-11-25 --cases "$T/other" >"$T/o.out" 2>"$T/o.err"
check "a cases folder without the queue's cases: exit 4, named" bash -c "test $? = 4 -a -n \"\$(grep \"is not in '$T/other'\" '$T/o.err')\""

# ---- --group: a shared queue
g=$(id -gn)
[ "$(id -u)" = 0 ] && g=lp
expect "--group" 0 "$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -q --group "$g"
check "... folders 0750, that group" test "$(find "$Q" -type d -printf '%m %g\n' | sort -u)" = "750 $g"
check "... files 0640, that group" test "$(find "$Q" -type f -printf '%m %g\n' | sort -u)" = "640 $g"
expect "a run without --group keeps it shared" 0 "$CINDOC" queue "$C" -o "$Q" --today 2026-11-26 -q
check "... still 0750/0640" test "$(find "$Q" -printf '%m %g\n' | sort -u | tr '\n' ' ')" = "640 $g 750 $g "
expect "mark-issued keeps it shared" 0 "$CINDOC" queue mark-issued "$Q" 2026-11-30 --today 2026-11-26 --cases "$C"
check "... still 0750/0640" test "$(find "$Q" -printf '%m %g\n' | sort -u | tr '\n' ' ')" = "640 $g 750 $g "
expect "--private" 0 "$CINDOC" queue "$C" -o "$Q" --today 2026-11-26 -q --private
check "... 0700/0600 again" test "$(find "$Q" -printf '%m\n' | sort -u | tr '\n' ' ')" = "600 700 "
expect "an unknown group" 2 "$CINDOC" queue "$C" -o "$Q" --group no-such-group-here
check "... named" grep -q "no group 'no-such-group-here'" "$T/.run.err"
expect "--group and --private" 2 "$CINDOC" queue "$C" -o "$Q" --group "$g" --private
expect "a new queue with --group" 0 "$CINDOC" queue "$C" -o "$T/q2" --today 2026-11-25 -q --group "$g"
check "... shared from the start" test "$(stat -c '%a %G' "$T/q2")" = "750 $g"
