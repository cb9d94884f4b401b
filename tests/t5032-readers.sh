#!/usr/bin/env bash
# Written to each reader (issue 13): when someone disagreed at a meeting, the minutes give the
# complaints team's contact, in the reader's language; the case note on the file records the
# dissent with the decision. Polish words that agree with the child's gender follow the pronouns
# the case records (she/her: "powiedziałaś"), and keep both forms when none are recorded.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

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
# the FO's words, without its inline marks and the isolates around English names and numbers
"$CINDOC" fo --doc minutes --for c1 --lang ur samples/02-review-scaling.xml | sed 's/<[^>]*>//g; s/\xe2\x81\xa6//g; s/\xe2\x81\xa9//g' >"$T/m-ur.fo"
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
	"Decision Start the Child in Need plan Disagreement recorded Dean Fairbairn (father): Dad did not agree that there is a worry about drinking. Next meeting Thursday"
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

# ---- 3. Polish: the child's recorded pronouns choose the form
expect "sample 02 minutes to Millie (she/her), Polish" 0 "$CINDOC" render --doc minutes --for c1 --lang pl samples/02-review-scaling.xml -o "$T/pl02.pdf"
pdf "$T/pl02.pdf"
has "pl: she/her: 'Co nam powiedziałaś'" "$T/pl02.txt" "Co nam powiedziałaś"
has "pl: she/her: 'Przyszłaś na spotkanie i powiedziałaś nam'" "$T/pl02.txt" "Przyszłaś na spotkanie i powiedziałaś nam:"
expect "sample 03 minutes, Polish" 0 "$CINDOC" render --doc minutes --for p2 --lang pl samples/03-siblings.xml -o "$T/pl03.pdf"
pdf "$T/pl03.pdf"
has "pl: each sibling's own form: Kacper (he/him)" "$T/pl03.txt" "Kas, przyszedłeś na spotkanie i powiedziałeś nam:"
has "pl: each sibling's own form: Maja (she/her)" "$T/pl03.txt" "Maja, przyszłaś na spotkanie i powiedziałaś nam:"
has "pl: no pronouns recorded (Alfie): both forms" "$T/pl03.txt" "Alfie, przyszedłeś(-aś) na spotkanie i powiedziałeś(-aś) nam:"
has "pl: siblings of both genders: the heading keeps both forms" "$T/pl03.txt" "Co nam powiedziałeś(-aś)"
expect "sample 06 closing summary, Polish" 0 "$CINDOC" render --doc closing-summary --for file --lang pl samples/06-step-down.xml -o "$T/pl06.pdf"
pdf "$T/pl06.pdf"
has "pl: the closing summary: 'Ruby powiedziała'" "$T/pl06.txt" "Ruby powiedziała:"
mkdir -p "$T/s7" && cp samples/authority.xml "$T/s7/"
sed 's|<pronouns>he/him</pronouns>|<pronouns>She/Her</pronouns>|' samples/07-eighteen.xml >"$T/s7/07-she.xml"
expect "sample 07 as she/her: the closure letter, Polish" 0 "$CINDOC" render --doc closure-letter --for c1 --lang pl "$T/s7/07-she.xml" -o "$T/pl07f.pdf"
expect "sample 07 (he/him): the closure letter, Polish" 0 "$CINDOC" render --doc closure-letter --for c1 --lang pl samples/07-eighteen.xml -o "$T/pl07m.pdf"
pdf "$T/pl07f.pdf"; pdf "$T/pl07m.pdf"
has "pl: she/her at 18: 'jesteś już dorosła', 'zostajesz sama'" "$T/pl07f.txt" "Ponieważ jesteś już dorosła, twój plan zakończył się 20 listopada 2026 r. Nie znaczy to, że zostajesz sama: jeśli jako dorosła"
has "pl: he/him at 18: 'jesteś już dorosły', 'zostajesz sam'" "$T/pl07m.txt" "Ponieważ jesteś już dorosły, twój plan zakończył się 20 listopada 2026 r. Nie znaczy to, że zostajesz sam: jeśli jako dorosły"

# ---- 4. the short and overview versions keep "Keeping you safe" (the plan is the safety plan)
# in every language: the heading in the reader's words, then the safety plan (case text, in
# English in sample 02). Urdu is read as the standard says (each word's /ActualText:
# ua-check.py --text; pdftotext reverses such words) and compared without spaces and direction marks.
safety='If mornings become too hard, Sarah will call Nan, who can take Millie to school.'
for l in en cy pl ur; do
	head=$(sed -n 's/.*<text key="plan.h.safety">\([^<]*\)<.*/\1/p' templates/l10n/$l.xml | sed "s/'/’/g")
	for v in short overview; do
		expect "sample 02 plan, $v ($l)" 0 "$CINDOC" render --doc plan --for file --version $v --lang $l samples/02-review-scaling.xml -o "$T/plan-$v-$l.pdf"
		pdf "$T/plan-$v-$l.pdf"
		if [ $l = ur ]; then
			"$TESTS/pdf/ua-check.py" --text "$T/plan-$v-$l.pdf" >"$T/plan-$v-$l.txt"
			python3 -c "import re,sys; f=lambda t: re.sub(r'[\s\u200e\u200f\u202a-\u202e]','',t); sys.exit(0 if f(sys.argv[2]) in f(open(sys.argv[1],encoding='utf-8').read()) else 1)" \
				"$T/plan-$v-$l.txt" "$head $safety" && ok "the $v plan keeps '$head' and the safety plan ($l)" ||
				notok "the $v plan keeps '$head' and the safety plan ($l)" "not in $T/plan-$v-$l.txt"
		else
			has "the $v plan keeps '$head' and the safety plan ($l)" "$T/plan-$v-$l.txt" "$head $safety"
		fi
	done
done
expect "sample 02: the grandmother's plan copy (short, large print)" 0 "$CINDOC" render --doc plan-copy --for p2 samples/02-review-scaling.xml -o "$T/pc-p2.pdf"
pdf "$T/pc-p2.pdf"
has "her short plan keeps the safety plan" "$T/pc-p2.txt" "Keeping you safe If mornings become too hard, Sarah will call Nan"
# a large-print overview that needs a second page: the safety plan goes over whole, with the next
# meeting, so no page holds only "When we meet next"
expect "sample 03 overview, large print" 0 "$CINDOC" render --doc plan --for file --version overview --style large-print samples/03-siblings.xml -o "$T/ov03.pdf"
pdftotext -f 2 -l 2 "$T/ov03.pdf" "$T/ov03-2.txt"
has "large print overview, page 2: the whole safety plan, then the next meeting" "$T/ov03-2.txt" \
	"Keeping you safe If Mum is called in to work early and the breakfast club is shut, she will call Uncle Bartek first and then Ewa at the Family Centre. Kas will not stay home from school to look after Alfie. When we meet next"
