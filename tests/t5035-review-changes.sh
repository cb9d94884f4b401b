#!/usr/bin/env bash
# Reviews start with what has changed (issue 13): the minute taker's words (meeting/changed) and
# how the scores moved since the last meeting that had them, not the same paragraph at every
# review; an initial meeting's plan starts (it does not "carry on") and its scaling table has no
# empty "last time" column.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
BOILER="We have a plan together because"

# ---- reviews: sample 02's two reviews each start with their own changes
for m in m2 m3; do
	expect "sample 02 minutes, $m" 0 "$CINDOC" render --doc minutes --for c1 --meeting $m samples/02-review-scaling.xml -o "$T/02-$m.pdf"
	pdf "$T/02-$m.pdf"
	hasnt "02 $m: not the same opening paragraph at every review" "$T/02-$m.txt" "$BOILER"
done
has "02 m2: the scores since the initial meeting" "$T/02-m2.txt" \
	"Since the last meeting on 19 January 2026: The scores have moved: Millie from 4 to 6, Sarah Hartley from 5 to 6 and Daniel Okafor from 4 to 5."
has "02 m3: the scores since the last review, before what happened" "$T/02-m3.txt" \
	"Since the last meeting on 13 April 2026: The scores have moved: Millie from 6 to 8, Sarah Hartley from 6 to 8 and Daniel Okafor from 5 to 8. What has happened since the last meeting"
# ---- the minute taker's words (sample 04, m4), and only the scores that moved
expect "sample 04 minutes, m4" 0 "$CINDOC" render --doc minutes --for file --meeting m4 samples/04-disabled-child.xml -o "$T/04.pdf"
pdf "$T/04.pdf"
has "04 m4: what has changed, in the minute taker's words, then the score that moved" "$T/04.txt" \
	"Since the last meeting on 22 June 2026: You sleep through most nights now, so everyone at home sleeps too. The scores have moved: Kerry Penhallow from 8 to 9."
hasnt "04 m4: a score that stayed the same is not said to have moved" "$T/04.txt" "from 8 to 8"
# ---- everyone scored as before
python3 - samples/02-review-scaling.xml "$T/same.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
m3 = s.index('<meeting id="m3"')
head, tail = s[:m3], s[m3:]
for who, v in (('c1', '6'), ('p1', '6'), ('p3', '5')):
    tail = re.sub(r'(<score person="%s" value=")\d+' % who, r'\g<1>' + v, tail, count=1)
open(sys.argv[2], 'w', encoding='utf-8').write(head + tail)
PY
cp samples/authority.xml "$T/"
expect "a review where the scores stayed the same" 0 "$CINDOC" render --doc minutes --for c1 --meeting m3 "$T/same.xml" -o "$T/same.pdf"
pdf "$T/same.pdf"
has "... says so" "$T/same.txt" "Since the last meeting on 13 April 2026: Everyone who gave a score last time gave the same score today."
for l in cy pl ur; do
	expect "sample 02 m3 minutes ($l)" 0 "$CINDOC" fo --doc minutes --for c1 --meeting m3 --lang $l samples/02-review-scaling.xml
	cp "$T/.run.out" "$T/02-$l.fo"
done
has "Welsh: what has changed" "$T/02-cy.fo" "Ers y cyfarfod diwethaf ar 13 Ebrill 2026:"
has "Polish: what has changed" "$T/02-pl.fo" "Zmieniły się oceny:"
has "Urdu: what has changed" "$T/02-ur.fo" "اسکور بدلے ہیں:"

# ---- an initial meeting: the plan starts; no "last time" column
expect "sample 01 minutes (initial)" 0 "$CINDOC" render --doc minutes --for file samples/01-initial-meeting.xml -o "$T/01.pdf"
pdf "$T/01.pdf"
hasnt "initial: the plan does not 'carry on'" "$T/01.txt" "carry on"
has "initial: the plan starts" "$T/01.txt" "We agreed your plan together. It starts today."
hasnt "initial: no 'last time' column" "$T/01.txt" "Last time"
hasnt "initial: no 'since the last meeting'" "$T/01.txt" "Since the last meeting"
check "initial: the scaling table has three columns" bash -c \
	"'$CINDOC' fo --doc minutes --for file samples/01-initial-meeting.xml | grep -c '<fo:table-column column-width=\"\(30\|12\|58\)%\"/>' | grep -qx 3"
# a review still has the column
has "review: the 'last time' column" "$T/02-m3.txt" "Last time"
# the file's case note of a first meeting: the plan starts
expect "sample 01 case note" 0 "$CINDOC" render --doc case-note --for file samples/01-initial-meeting.xml -o "$T/cn01.pdf"
pdf "$T/cn01.pdf"
has "case note, initial: the plan starts" "$T/cn01.txt" "Start the Child in Need plan"
expect "sample 02 case note, m3" 0 "$CINDOC" render --doc case-note --for file --meeting m3 samples/02-review-scaling.xml -o "$T/cn02.pdf"
pdf "$T/cn02.pdf"
has "case note, review: the plan continues" "$T/cn02.txt" "Continue the Child in Need plan"
