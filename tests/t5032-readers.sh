#!/usr/bin/env bash
# Written to each reader (issue 13): when someone disagreed at a meeting, the minutes give the
# complaints team's contact, in the reader's language; the case note on the file records the
# dissent with the decision.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
# has NAME FILE STRING: the text holds STRING, whatever the line breaks.
has() {
	if python3 -c "import re,sys; t=re.sub(r'\s+',' ',open(sys.argv[1],encoding='utf-8').read()); sys.exit(0 if sys.argv[2] in t else 1)" "$2" "$3"
	then ok "$1"; else notok "$1" "not in $2: $3"; fi
}
hasnt() {
	if python3 -c "import re,sys; t=re.sub(r'\s+',' ',open(sys.argv[1],encoding='utf-8').read()); sys.exit(1 if sys.argv[2] in t else 0)" "$2" "$3"
	then ok "$1"; else notok "$1" "in $2: $3"; fi
}
pdf() { pdftotext "$1" "${1%.pdf}.txt"; }

# ---- 1. complaints contact in the minutes when someone disagreed (sample 02, m3: Joanne)
for l in en cy pl; do
	expect "sample 02 minutes ($l)" 0 "$CINDOC" render --doc minutes --for c1 --lang $l samples/02-review-scaling.xml -o "$T/m-$l.pdf"
	pdf "$T/m-$l.pdf"
done
has "minutes: how to complain after a disagreement (en)" "$T/m-en.txt" \
	"Anyone who is still unhappy can use the council’s complaints procedure: contact the Complaints and Representations Team on 01632 960199 or at complaints@northbridge.example, or write to County Hall, Market Street, Northbridge, NB1 2AA."
has "minutes: how to complain after a disagreement (cy)" "$T/m-cy.txt" \
	"gweithdrefn gwyno’r cyngor: cysylltwch â’r Complaints and Representations Team ar 01632 960199"
has "minutes: how to complain after a disagreement (pl)" "$T/m-pl.txt" \
	"procedury skargowej urzędu: dział Complaints and Representations Team – telefon 01632 960199"
expect "sample 02 minutes (ur)" 0 "$CINDOC" render --doc minutes --for c1 --lang ur samples/02-review-scaling.xml -o "$T/m-ur.pdf"
"$CINDOC" fo --doc minutes --for c1 --lang ur samples/02-review-scaling.xml >"$T/m-ur.fo"
has "minutes: how to complain after a disagreement (ur)" "$T/m-ur.fo" \
	"شکایتی طریقۂ کار استعمال کر سکتا ہے: Complaints and Representations Team سے رابطہ کریں، فون 01632 960199 یا ای میل complaints@northbridge.example، یا اس پتے پر لکھیں: County Hall، Market Street، Northbridge، NB1 2AA۔"
# no disagreement, no complaints paragraph in the minutes
expect "sample 01 minutes" 0 "$CINDOC" render --doc minutes --for file samples/01-initial-meeting.xml -o "$T/m01.pdf"
pdf "$T/m01.pdf"
hasnt "minutes: no complaints contact when everyone agreed" "$T/m01.txt" "complaints procedure"

# ---- 2. dissent recorded at a meeting appears in its case note (sample 08, m1: the father)
expect "sample 08 case note, m1" 0 "$CINDOC" render --doc case-note --for file --meeting m1 samples/08-child-protection.xml -o "$T/cn1.pdf"
pdf "$T/cn1.pdf"
has "case note: the dissent, who and what" "$T/cn1.txt" \
	"Disagreement recorded Dean Fairbairn (father): Dad did not agree that there is a worry about drinking."
has "case note: the dissent follows the decision" "$T/cn1.txt" \
	"Decision Continue the Child in Need plan Disagreement recorded Dean Fairbairn (father): Dad did not agree that there is a worry about drinking. Next meeting Thursday"
expect "sample 08 case note, m3" 0 "$CINDOC" render --doc case-note --for file --meeting m3 samples/08-child-protection.xml -o "$T/cn3.pdf"
pdf "$T/cn3.pdf"
hasnt "case note: no dissent row when no one disagreed" "$T/cn3.txt" "Disagreement recorded"
for l in cy pl ur; do
	expect "sample 08 case note, m1 ($l)" 0 "$CINDOC" render --doc case-note --for file --meeting m1 --lang $l samples/08-child-protection.xml -o "$T/cn1-$l.pdf"
	"$CINDOC" fo --doc case-note --for file --meeting m1 --lang $l samples/08-child-protection.xml >"$T/cn1-$l.fo"
done
has "case note: the dissent in Welsh" "$T/cn1-cy.fo" "Anghytundeb a gofnodwyd"
has "case note: the dissent in Polish" "$T/cn1-pl.fo" "Zgłoszone zastrzeżenia"
has "case note: the dissent in Urdu" "$T/cn1-ur.fo" "درج شدہ اختلاف"
