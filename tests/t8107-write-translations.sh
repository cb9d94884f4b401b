#!/usr/bin/env bash
# The meeting write-up offers a translation field beside a view and a new plan item for each
# language a reader of the case reads (sample 03: Polish); what is typed there is saved beside the
# original as a translation (lang="pl"), and the Polish copies print it. A translation must have
# as many paragraphs as the words it translates, and words to translate. A case whose readers all
# read the record's language offers none.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
D=$T/cases
serve_setup "$D" >/dev/null 2>&1
C=03-siblings
W=/case/$C/write
serve_start "$D" || notok "serve starts" "$(cat "$T/serve.log")"
J=$T/jar
login "$J" mt1 password-mt1 >/dev/null
s=$(status "$J" "/case/$C")
csrf=$(csrf_of "$T/body")
post() { # STEP ARGS...: posts a step with the token; prints the status
	local step=$1; shift
	curl -s -b "$J" -o "$T/body" -w '%{http_code}' --data-urlencode "csrf=$csrf" "$@" "$URL$W/$step"
}

post start -d action=next -d type=review >/dev/null
post details -d action=next --data-urlencode date=24/11/2026 -d time=16:00 --data-urlencode "venue=Harrowdale Family Centre" -d chair=p7 -d minute-taker=p8 >/dev/null
post attendance -d action=next -d present=c1 -d present=c2 -d present=c3 -d present=p1 -d present=p2 -d present=p5 -d present=p7 -d present=p8 >/dev/null
s=$(status "$J" $W/views)
check "views: a Polish translation field for the mother's view" grep -q '<label class="govuk-label govuk-label--s" for="parent-p1:pl">Polish translation (optional)</label>' "$T/body"
check "views: ... written in Polish (lang)" grep -q '<textarea id="parent-p1:pl" name="parent-p1:pl" rows="3" lang="pl"' "$T/body"
check "views: ... with what it is for" grep -q 'id="parent-p1:pl-hint">The copies of those who read this language print it instead of the words above: one paragraph for each' "$T/body"
check "views: one for a child's words" grep -q 'name="views-c3-words:pl"' "$T/body"
check "views: one for a professional's update, none in a language nobody reads" \
	bash -c "grep -q 'name=\"update-p5:pl\"' '$T/body' && ! grep -q 'words:ur\|words:cy' '$T/body'"
cp "$T/body" "$T/views-03.html"

# a translation of two paragraphs for words of one, and a translation with no words: refused
s=$(post views -d action=next -d views-c1-given=in-person --data-urlencode "views-c1-words=I got a merit." \
	-d views-c2-given=in-person --data-urlencode "views-c2-words=Fine." -d views-c3-given=in-person \
	--data-urlencode "views-c3-words=Pancakes again!" \
	--data-urlencode "parent-p1=Mum said January is sorted: her manager moved her shifts." \
	--data-urlencode "parent-p1:pl=Mama powiedziała, że styczeń jest załatwiony.

Kierowniczka zmieniła jej zmiany." \
	--data-urlencode "parent-p2:pl=Wujek Bartek nic nie powiedział.")
check "views: a translation of another number of paragraphs stops Continue (422)" test "$s" = 422
check "views: ... said beside it" grep -q 'Give the translation in as many paragraphs as the words it translates (1), with an empty line between them' "$T/body"
check "views: ... linked from the summary" grep -q '<a href="#parent-p1:pl">' "$T/body"
check "views: a translation with no words to translate is refused beside it" grep -q 'id="parent-p2:pl-error"' "$T/body"
check "views: what was typed is kept" grep -q 'Kierowniczka zmieniła jej zmiany.' "$T/body"
s=$(post views -d action=next -d views-c1-given=in-person --data-urlencode "views-c1-words=I got a merit." \
	-d views-c2-given=in-person --data-urlencode "views-c2-words=Fine." -d views-c3-given=in-person \
	--data-urlencode "views-c3-words=Pancakes again!" \
	--data-urlencode "parent-p1=Mum said January is sorted: her manager moved her shifts." \
	--data-urlencode "parent-p1:pl=Mama powiedziała, że styczeń jest załatwiony: kierowniczka zmieniła jej zmiany.")

s=$(status "$J" $W/plan)
check "plan: a Polish field for a new item's need" grep -q '<textarea id="new-1-need:pl" name="new-1-need:pl" rows="2" lang="pl"' "$T/body"
check "plan: ... and its how and goal" bash -c "grep -q 'name=\"new-1-how:pl\"' '$T/body' && grep -q 'name=\"new-1-goal:pl\"' '$T/body'"
s=$(post plan -d action=next -d new-count=1 -d new-1-child=c3 --data-urlencode "new-1-need=Alfie learns to swim." \
	--data-urlencode "new-1-need:pl=Alfie uczy się pływać." --data-urlencode "new-1-how=Lessons on Saturdays with Uncle Bartek." \
	-d new-1-who=p2 --data-urlencode "new-1-by=26/03/2027" --data-urlencode "new-1-goal=Alfie can swim a length." \
	--data-urlencode "new-1-goal:pl=Alfie przepływa całą długość basenu.")
post decision -d action=next -d outcome=continue --data-urlencode "decision=We keep the plan." --data-urlencode "next-date=09/02/2027" -d next-time=16:00 >/dev/null
s=$(status "$J" $W/check)
check "check: the translations are among the answers" grep -q 'Polish translation</dt>' "$T/body"
check "check: ... in Polish (lang)" grep -q '<span lang="pl">Alfie uczy się pływać.</span>' "$T/body"
s=$(post check -d action=save -d accept-warnings=yes)
check "save: the case file with its translations is valid and clean of errors ('cindoc check')" bash -c "'$CINDOC' check '$D/$C.xml'; test \$? -le 1 && grep -q '<need lang=\"pl\">Alfie uczy' '$D/$C.xml'"
check "save: the mother's view and its translation" grep -q '<p lang="pl">Mama powiedziała, że styczeń jest załatwiony: kierowniczka zmieniła jej zmiany.</p>' "$D/$C.xml"
check "save: the need and its translation, right after it; none for the how, none typed" \
	bash -c "grep -A1 '<need>Alfie learns to swim.</need>' '$D/$C.xml' | grep -q '<need lang=\"pl\">Alfie uczy się pływać.</need>' &&
		! grep -A1 '<how>Lessons on Saturdays with Uncle Bartek.</how>' '$D/$C.xml' | grep -q 'lang='"
m=$(sed -n 's/.*<meeting id="\(m[0-9]*\)" type="review" date="2026-11-24".*/\1/p' "$D/$C.xml")
"$CINDOC" render --doc plan-copy --for p1 --meeting "${m:-m3}" "$D/$C.xml" -o "$T/p1.pdf" >/dev/null 2>&1
"$CINDOC" render --doc plan-copy --for p5 --meeting "${m:-m3}" "$D/$C.xml" -o "$T/p5.pdf" >/dev/null 2>&1
pdf "$T/p1.pdf"; pdf "$T/p5.pdf"
has "the mother's copy prints the need in Polish" "$T/p1.txt" "Alfie uczy się pływać."
has "... and her view in Polish" "$T/p1.txt" "Mama powiedziała, że styczeń jest załatwiony"
check "the social worker's copy prints the English need, where the mother's prints the Polish" \
	bash -c "grep -q 'Alfie learns to swim.' '$T/p5.txt' && ! grep -q 'Alfie uczy' '$T/p5.txt' && grep -q 'Alfie uczy' '$T/p1.txt'"
check "the save of the translations is in the audit log, as every post" bash -c "grep -q '<p lang=\"pl\">Mama' '$D/$C.xml' && '$CINDOC' audit '$D' | grep -P '\tmt1\tdraft\t$C\tviews' && '$CINDOC' audit '$D' | grep -P '\tmt1\tsave\t$C\tm3'"

# a case whose readers all read English: no translation field
s=$(status "$J" "/case/02-review-scaling")
csrf=$(csrf_of "$T/body")
W=/case/02-review-scaling/write
post start -d action=next -d type=review >/dev/null
s=$(status "$J" $W/views)
check "English readers only: no translation field (where a case with a Polish reader has them)" \
	bash -c "grep -q 'name=\"parent-p1\"' '$T/body' && ! grep -q 'translation (optional)' '$T/body' && grep -q 'translation (optional)' '$T/views-03.html'"
serve_stop
