#!/usr/bin/env bash
# The admin's desk (serve -o QUEUE_DIR): the queue by date with what is overdue, a date's
# print.pdf, printing through a CUPS printer made by the test (one job per copy, the sides
# chosen), marking copies issued one by one or by date; admin only, form token checked, audited;
# and what the desk marks is what `cindoc due` and the queue's ledger then say.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
. "$TESTS/cups-lib.sh"
trap 'serve_stop; cups_stop' EXIT

C=$T/cases Q=$T/queue
serve_setup "$C" >/dev/null
"$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -q 2>/dev/null
check "a CUPS scheduler of the test" cups_start
check "a printer" cups_printer cindoc-test
lpadmin -d cindoc-test
check "the desk starts with the queue" serve_start "$C" -o "$Q"
J=$T/jar
waiting() { awk -F'\t' -v d="$1" '$2 == "queued" && substr($15, 1, 10) == d { print $1 }' "$Q/ledger.tsv"; }

# ---- who may see it
check "logged out: sent to the login page" test "$(curl -s -o /dev/null -w '%{http_code}' "$URL/queue")" = 303
login "$J" ch1 password-ch1 >/dev/null
check "a chair: 403" test "$(status "$J" /queue)" = 403
login "$J" mt1 password-mt1 >/dev/null
check "a minute taker: 403" test "$(status "$J" /queue/2026-11-26)" = 403
login "$J" ad1 password-ad1 >/dev/null
check "an admin: the queue" test "$(status "$J" /queue)" = 200
check "... the nav has the print queue" grep -q 'href="/queue"' "$T/body"
check "... overdue, loudly, with the late date first" grep -q 'desk-banner-overdue.*href="/queue/2026-07-20"' "$T/body"
check "... every date listed" test "$(grep -o 'href="/queue/20[0-9-]*"' "$T/body" | sort -u | wc -l)" = "$(ls -d "$Q"/20* | wc -l)"
csrf=$(csrf_of "$T/body")

# ---- a date
check "a date's page" test "$(status "$J" /queue/2026-11-26)" = 200
check "... the printer to choose" grep -q '<option value="cindoc-test" selected' "$T/body"
check "... each waiting copy to tick" test "$(grep -o 'name="item" type="checkbox"' "$T/body" | wc -l)" = "$(waiting 2026-11-26 | wc -l)"
check "... each plan copy's meeting by its date, never its id" bash -c "grep -q 'Minutes and plan of the meeting on [0-9]' '$T/body' && ! grep -qE 'meeting m[0-9]' '$T/body'"
check "a date not in the queue: 404" test "$(status "$J" /queue/1999-01-04)" = 404
check "not a date: 404" test "$(status "$J" /queue/..%2fledger.tsv)" = 404
check "print.pdf" test "$(curl -s -b "$J" -o "$T/p.pdf" -w '%{http_code} %{content_type}' "$URL/queue/2026-11-26/print.pdf")" = "200 application/pdf"
check "... the date's print.pdf" cmp -s "$T/p.pdf" "$Q/2026-11-26/print.pdf"
check "... to download" bash -c "curl -s -D - -o /dev/null -b '$J' '$URL/queue/2026-11-26/print.pdf?download=1' | grep -qi '^content-disposition: attachment; filename=\"print-2026-11-26.pdf\"'"

# ---- printing
n=$(waiting 2026-11-26 | wc -l)
check "print without the form token: 403" test "$(status "$J" /queue/2026-11-26/print -d printer=cindoc-test -d sides=two-sided)" = 403
check "print on an unknown printer: 422" test "$(status "$J" /queue/2026-11-26/print -d csrf="$csrf" -d printer=nope -d sides=two-sided)" = 422
check "... the message beside the field" grep -q 'id="printer-error"' "$T/body"
check "... nothing printed" test -z "$(lpstat -W all -o)"
check "print the date one-sided" test "$(status "$J" /queue/2026-11-26/print -d csrf="$csrf" -d printer=cindoc-test -d sides=one-sided)" = 303
check "... one job per copy" cups_wait "$n" cindoc-test
bad=
for j in $(seq 1 "$n"); do cups_job_attr "$j" | grep -q 'one-sided' || bad="$bad $j"; done
check "... each one-sided" test -z "$bad"
check "... no copy waits" test -z "$(waiting 2026-11-26)"
check "... the page says so" bash -c "curl -s -b '$J' '$URL/queue/2026-11-26?printed=$n&printer=cindoc-test' | grep -q '$n jobs sent to cindoc-test'"
check "due: NB-2026-0388's minutes sent on the day" \
	bash -c "'$CINDOC' due --today 2026-11-25 --format csv '$C/01-initial-meeting.xml' | grep -q ',minutes-sent,m1,.*,2026-11-25,done,'"

# ---- marking on the desk, then the queue and due agree
one=$(waiting 2026-11-27 | head -1)
check "mark nothing ticked: 422" test "$(status "$J" /queue/2026-11-27/issued -d csrf="$csrf")" = 422
check "... the message" grep -q 'id="item-error"' "$T/body"
check "mark one copy" test "$(status "$J" /queue/2026-11-27/issued -d csrf="$csrf" --data-urlencode "item=$one")" = 303
check "... the ledger: that copy issued on the desk's day" test "$(awk -F'\t' -v i="$one" '$1 == i { print $2, $14 }' "$Q/ledger.tsv")" = "issued 2026-11-25"
check "... the others still wait" test "$(waiting 2026-11-27 | wc -l)" -ge 1
check "mark a whole date" test "$(status "$J" /queue/2026-07-20/issued -d csrf="$csrf" -d all=yes)" = 303
check "... the queue: none waits" test -z "$(waiting 2026-07-20)"
check "... the case records the minutes sent" grep -q 'minutes-sent="2026-11-25"' "$C/02-review-scaling.xml"
check "... due agrees" bash -c "'$CINDOC' due --today 2026-11-25 --format csv '$C/02-review-scaling.xml' | grep -q ',minutes-sent,m3,2026-07-06,2026-07-20,2026-11-25,late,'"
check "... the history: saved by the admin" bash -c "'$CINDOC' history '$C/02-review-scaling.xml' | tail -1 | grep -qP '\tad1\t'"
check "... the case page shows it" bash -c "test \"\$(curl -s -o '$T/case.html' -w '%{http_code}' -b '$J' '$URL/case/02-review-scaling')\" = 200 && grep -q '25 November 2026' '$T/case.html'"
check "mark it again: nothing waits (409)" test "$(status "$J" /queue/2026-07-20/issued -d csrf="$csrf" -d all=yes)" = 409

# ---- the audit log
serve_stop
"$CINDOC" audit "$C" >"$T/audit.tsv"
check "audit: a print row per job, by the admin" test "$(awk -F'\t' '$2 == "ad1" && $3 == "print"' "$T/audit.tsv" | wc -l)" = "$n"
check "audit: an issue row per copy, with the recipient" test "$(awk -F'\t' '$2 == "ad1" && $3 == "issue" && $5 ~ / to .* via /' "$T/audit.tsv" | wc -l)" -ge "$((n + 2))"
check "audit: the download" grep -qP '\tad1\tdownload\t\t2026-11-26$' "$T/audit.tsv"
