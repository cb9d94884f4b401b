#!/usr/bin/env bash
# The meeting write-up on the web desk: roles, form tokens, checks beside their fields, drafts kept
# over a restart, a save that `cindoc check` accepts, a stale save refused, SIGTERM mid-save.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
D=$T/cases
serve_setup "$D" >/dev/null 2>&1
C=02-review-scaling
W=/case/$C/write
serve_start "$D" || notok "serve starts" "$(cat "$T/serve.log")"
J=$T/jar

# wrong role, no login, no form token
login "$J" ad1 password-ad1 >/dev/null
s=$(status "$J" $W/start)
check "an admin cannot write up a meeting (403)" test "$s" = 403
check "... and is told why" grep -q 'Your role does not allow this' "$T/body"
csrf=$(status "$J" /cases >/dev/null; csrf_of "$T/body")
s=$(status "$J" $W/start -d "csrf=$csrf&action=next&type=review")
check "an admin cannot post a write-up (403)" test "$s" = 403
s=$(curl -s -o /dev/null -w '%{http_code}' "$URL$W/start")
check "logged out: the write-up sends to the login page" test "$s" = 303
s=$(curl -s -o /dev/null -w '%{http_code}' -d 'action=next&type=review' "$URL$W/start")
check "logged out: a post is refused (403)" test "$s" = 403

login "$J" mt1 password-mt1 >/dev/null
s=$(status "$J" "/case/$C")
check "the case page offers to write up a meeting" grep -q "href=\"$W/start\"" "$T/body"
csrf=$(csrf_of "$T/body")
s=$(status "$J" $W/details)
check "no write-up under way: a step sends to the start" test "$s" = 303
s=$(status "$J" $W/start -d 'action=next&type=review')
check "CSRF: a write-up post without the token is refused (403)" test "$s" = 403
s=$(status "$J" $W/nowhere)
check "an unknown step is 404" test "$s" = 404

post() { # STEP ARGS...: posts a step with the token; prints the status
	local step=$1; shift
	curl -s -b "$J" -o "$T/body" -w '%{http_code}' --data-urlencode "csrf=$csrf" "$@" "$URL$W/$step"
}
s=$(post start -d action=next -d type=review)
check "start: 303 to the next step" test "$s" = 303
# a bad date and a bad time, each beside its field, with the summary at the top
s=$(post details -d action=next --data-urlencode date=31/02/2026 -d time=25:61 --data-urlencode "venue=Eastmoor Family Hub" -d chair=p6 -d minute-taker=p7)
check "details: a bad date stops Continue (422)" test "$s" = 422
check "details: the error summary links to the date" grep -q '<a href="#date">Enter a real date, for example 25/11/2026</a>' "$T/body"
check "details: the message is beside the date" grep -q 'id="date-error"' "$T/body"
check "details: the time too" grep -q 'id="time-error"' "$T/body"
check "details: what was typed is kept" grep -q 'value="31/02/2026"' "$T/body"
check "details: the page title says there is an error" grep -q '<title>Error: ' "$T/body"
s=$(post details -d action=next --data-urlencode date=28/09/2026 -d time=10:00 --data-urlencode "venue=Eastmoor Family Hub" -d chair=p6 -d minute-taker=p7)
check "details: right, Continue goes on" test "$s" = 303
s=$(post attendance -d action=next -d present=c1 -d present=p1 -d present=p3 -d present=p5 -d present=p7 -d apologies=p2 -d reports=p4)
check "attendance: a report needs what it is about" grep -q 'id="report-p4-error"' "$T/body"
s=$(post attendance -d action=next -d present=c1 -d present=p1 -d present=p3 -d present=p5 -d present=p7 -d apologies=p2 -d reports=p4 --data-urlencode "report-p4=School nurse update")
check "attendance: 303" test "$s" = 303
s=$(post views -d action=next --data-urlencode "background=Millie has been to school every day." -d views-c1-given=in-person --data-urlencode "views-c1-words=Mondays are OK now. I like my mentor <3 & Zara." --data-urlencode "parent-p1=Sarah said things are calm.")
check "views: 303" test "$s" = 303
s=$(post discussion -d action=next --data-urlencode "working-well=The Sunday plan.")
check "discussion: the three go together" grep -q 'id="worries-error"' "$T/body"
s=$(post discussion -d action=next --data-urlencode "working-well=The Sunday plan." --data-urlencode "worries=Nothing big." --data-urlencode "needs-to-happen=Keep going.")
check "discussion: 303" test "$s" = 303
s=$(status "$J" $W/scaling)
check "scaling: the question comes from the last meeting" grep -q 'How safe and happy is Millie at home and at school?</textarea>' "$T/body"
check "scaling: each person's previous score beside" grep -q 'Last time: 8 (“I have a best friend.”)' "$T/body"
s=$(post scaling -d action=next -d score-c1=11 --data-urlencode "reason-c1=I like school now.")
check "scaling: a score over 10 is refused beside it" grep -q 'id="score-c1-error"' "$T/body"
s=$(post scaling -d action=next --data-urlencode "scaling-question=How safe and happy is Millie at home and at school?" --data-urlencode "scaling-zero=Millie is not safe or happy." --data-urlencode "scaling-ten=Millie is happy and calm." -d score-c1=9 --data-urlencode "reason-c1=I like school now.")
check "scaling: 303" test "$s" = 303
s=$(post plan -d action=next -d item-i2-status=removed)
check "plan: a removed item needs a reason" grep -q 'id="item-i2-why-error"' "$T/body"
s=$(post plan -d action=add-item -d item-i2-status=completed -d new-count=1)
check "plan: add another item" test "$s" = 303
s=$(status "$J" $W/plan)
check "plan: two new items now" grep -q 'id="new-2-need"' "$T/body"
s=$(post plan -d action=next -d item-i2-status=completed -d new-count=2 --data-urlencode "new-1-need=Millie joins an after-school club." --data-urlencode "new-1-how=Helen finds a club with Millie." -d new-1-who=p5 --data-urlencode "new-1-by=18/12/2026" --data-urlencode "new-1-goal=Millie has friends outside class.")
check "plan: 303" test "$s" = 303
# a lint of `cindoc check` beside its field: the next meeting before this one
s=$(post decision -d action=next -d outcome=continue --data-urlencode "decision=We agreed to carry on." --data-urlencode "next-date=2026-09-01")
check "decision: a check of 'cindoc check' stops Continue (422)" test "$s" = 422
check "decision: ... beside the next meeting's date" grep -A2 'id="next-date-error"' "$T/body"
# a warning: the next review more than 12 weeks away
s=$(post decision -d action=next -d outcome=continue --data-urlencode "decision=We agreed to carry on." --data-urlencode "next-date=2027-03-01")
check "decision: a warning does not stop Continue" test "$s" = 303
s=$(status "$J" $W/check)
check "check: the warning is shown" grep -q 'govuk-warning-text' "$T/body"
check "check: the child's words, escaped" grep -q 'I like my mentor &lt;3 &amp; Zara.' "$T/body"
check "check: names, not ids" grep -q 'Millie Hartley, Sarah Hartley, Daniel Okafor, Helen Marsh, Claire Baxendale' "$T/body"
check "check: a Change link per step" test "$(grep -o "href=\"$W/[a-z]*\">Change" "$T/body" | wc -l)" = 7
cp "$D/$C.xml" "$T/before.xml"
s=$(post check -d action=save)
check "check: warnings must be accepted before the save" test "$s" = 422
check "check: ... the box says so" grep -q 'id="accept-warnings-error"' "$T/body"
check "check: nothing written yet" cmp -s "$T/before.xml" "$D/$C.xml"

# a draft kept over a restart
serve_stop
serve_start "$D"
login "$J" mt1 password-mt1 >/dev/null
s=$(status "$J" "/case/$C")
check "after a restart: the write-up is still there" grep -q 'Continue the write-up' "$T/body"
csrf=$(csrf_of "$T/body")
s=$(status "$J" $W/decision)
check "after a restart: the typed text is kept" grep -q 'value="2027-03-01"' "$T/body"
login "$T/jar2" ch1 password-ch1 >/dev/null
s=$(status "$T/jar2" "/case/$C")
check "another user does not see my draft" bash -c "! grep -q 'Continue the write-up' '$T/body'"

s=$(post decision -d action=next -d outcome=continue --data-urlencode "decision=We agreed to carry on." --data-urlencode "next-date=14/12/2026" -d next-time=10:00)
s=$(post check -d action=save)
check "save: 303 to the case" test "$s" = 303
check "save: the case file is valid and clean ('cindoc check')" "$CINDOC" check "$D/$C.xml"
check "save: the new meeting is in it" grep -q '<meeting id="m4" type="review" date="2026-09-28" time="10:00">' "$D/$C.xml"
check "save: the child's words as typed" grep -q '<quote>Mondays are OK now. I like my mentor &lt;3 &amp; Zara.</quote>' "$D/$C.xml"
check "save: the item marked done" grep -q '<item id="i2" status="completed">' "$D/$C.xml"
check "save: the new item under the six headers" grep -q '<item id="i4" status="open" agreed-at="m4">' "$D/$C.xml"
check "save: mode 0600" test "$(stat -c %a "$D/$C.xml")" = 600
check "save: the minutes render" "$CINDOC" render --doc minutes --for file --meeting m4 "$D/$C.xml" -o "$T/minutes.pdf"
expect "save: the history keeps both versions" 0 "$CINDOC" history "$D/$C.xml"
check "save: ... who saved the new one" grep -qP '\tmt1\t' "$T/.run.out"
s=$(status "$J" "/case/$C?saved=m4")
check "save: the case page says so" grep -q 'The meeting is saved in the case' "$T/body"
check "save: the draft is gone" bash -c "! grep -q 'Continue the write-up' '$T/body'"
s=$(status "$J" "/case/$C/history")
check "history page: the saved version, by whom, marked as the case now" grep -q '<td class="govuk-table__cell">mt1</td>' "$T/body"
check "history page: ... and the one before" grep -q '<td class="govuk-table__cell">1</td>' "$T/body"
s=$(status "$J" "/case/$C/preview?doc=minutes&for=c1&meeting=m4")
check "preview of the saved meeting for the child" grep -q 'page-1.png' "$T/body"

# a stale save: the case changes under a write-up; the save is refused, the text kept
csrf=$(csrf_of "$T/body")
post start -d action=next -d type=review >/dev/null
post details -d action=next --data-urlencode date=14/12/2026 -d time=10:00 --data-urlencode "venue=Eastmoor Family Hub" -d chair=p6 -d minute-taker=p7 >/dev/null
post decision -d action=next -d outcome=continue --data-urlencode "decision=Typed words that must not be lost." >/dev/null
sed -i 's|<phone>07700 900141</phone>|<phone>07700 900142</phone>|' "$D/$C.xml"
cp "$D/$C.xml" "$T/changed.xml"
s=$(post check -d action=save -d accept-warnings=yes)
check "stale: the save is refused (409)" test "$s" = 409
check "stale: ... with a clear message" grep -q 'Someone else saved this case after you started' "$T/body"
check "stale: ... and the typed text is on the page" grep -q 'Typed words that must not be lost.' "$T/body"
check "stale: the file is as the other change left it" cmp -s "$T/changed.xml" "$D/$C.xml"
s=$(status "$J" $W/decision)
check "stale: the draft keeps the typed text" grep -q 'Typed words that must not be lost.' "$T/body"

expect "audit: saves and refusals are logged" 0 "$CINDOC" audit "$D/$C.xml"
check "audit: the save" grep -qP '\tmt1\tsave\t02-review-scaling\tm4$' "$T/.run.out"
check "audit: the stale save" grep -qP '\tmt1\tsave-refused\t02-review-scaling\tstale$' "$T/.run.out"

# SIGTERM while saves are under way: no temporary file, every case valid
for c in 01-initial-meeting 05-transfer-in 10-after-child-protection; do
	W=/case/$c/write
	post start -d action=next -d type=review >/dev/null
done
for c in 01-initial-meeting 05-transfer-in 10-after-child-protection; do
	curl -s -b "$J" -o /dev/null --data-urlencode "csrf=$csrf" -d action=draft "$URL/case/$c/write/details" &
done
sleep 0.05
serve_stop
wait
check "SIGTERM mid-use: exit 0" test "$SERVER_RC" = 0
left=$(find "$D" -name '.*.??????' -o -name '*.tmp' -o -name '*.new' | head)
check "SIGTERM mid-use: no temporary file left" test -z "$left"
check "SIGTERM mid-use: every case still valid" "$CINDOC" check $(ls "$D"/*.xml | grep -v authority.xml)
