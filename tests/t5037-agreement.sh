#!/usr/bin/env bash
# The plan's agreement page (issue 13; seed 004, seed 003 sections 5 and 9): the full and short
# plan end with a line to sign and date for each parent with parental responsibility and each
# young person (12 or more: cd_rule_signs_plan); the file copy says who authorised the plan and
# when (meeting/done/@authorised-by, @plan-authorised), or that it is not authorised yet and
# when it is due. The overview stays one page. `cindoc check` warns when someone who is not a
# Team Manager authorised it (tests/check/w-authorised-by).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
# last NAME PDF: the text of the last page of PDF from its heading on (not the running header
# with the children's names) into NAME.txt
last() {
	local n; n=$(pdfinfo "$2" | awk '/^Pages:/ {print $2}')
	pdftotext -f "$n" -l "$n" "$2" - | sed -n '/^Agreeing this plan/,$p' >"$T/$1.txt"
}
S=samples/02-review-scaling.xml

# ---- the file copy: signers, and the Team Manager's authorisation
expect "sample 02 plan after m2, file copy" 0 "$CINDOC" render --doc plan --for file --meeting m2 "$S" -o "$T/f2.pdf"
last f2 "$T/f2.pdf"
has "the last page is the agreement page" "$T/f2.txt" "Agreeing this plan"
has "a line for the mother to sign" "$T/f2.txt" "Sarah Hartley (mother)"
has "name, signed, date" "$T/f2.txt" "Name"
hasnt "no line for the grandmother (no parental responsibility)" "$T/f2.txt" "Joanne Pennington"
hasnt "no line for Millie (under 12)" "$T/f2.txt" "Millie"
has "who authorised the plan, and when" "$T/f2.txt" \
	"Authorised by Samir Kaur (Team Manager, Northbridge County Council) on 17 April 2026."
expect "sample 02 plan after m3, file copy" 0 "$CINDOC" render --doc plan --for file --meeting m3 "$S" -o "$T/f3.pdf"
last f3 "$T/f3.pdf"
has "not authorised yet: when it is due" "$T/f3.txt" "Not yet authorised by the Team Manager: due by 13 July 2026."
expect "sample 01 plan, file copy" 0 "$CINDOC" render --doc plan --for file samples/01-initial-meeting.xml -o "$T/f01.pdf"
last f01 "$T/f01.pdf"
has "authorised, by an unnamed Team Manager" "$T/f01.txt" "Authorised by the Team Manager on 18 November 2026."

# ---- the readers' copies: the page to sign, no authorisation
expect "sample 02 plan copy to the mother" 0 "$CINDOC" fo --doc plan-copy --for p1 "$S"
cp "$T/.run.out" "$T/p1.fo"
has "the mother's copy: the agreement page" "$T/p1.fo" "Please sign below to say that you agree with it and will do your part."
hasnt "the mother's copy: no authorisation" "$T/p1.fo" "Authorised by"
expect "sample 03 plan, Kacper's copy (15)" 0 "$CINDOC" render --doc plan --for c1 samples/03-siblings.xml -o "$T/c1.pdf"
last c1 "$T/c1.pdf"
has "a young person of 15 signs (by the name he uses), and Mum" "$T/c1.txt" "Kas Mum"
has "... written to as a child" "$T/c1.txt" "We made this plan together. If you agree with it, please sign below."
hasnt "a child of 7 does not sign" "$T/c1.txt" "Alfie"
expect "sample 03 overview" 0 "$CINDOC" render --doc plan --for c3 samples/03-siblings.xml -o "$T/ov.pdf"
check "the overview stays one page" test "$(pdfinfo "$T/ov.pdf" | awk '/^Pages:/ {print $2}')" = 1
pdftotext "$T/ov.pdf" "$T/ov.txt"
hasnt "the overview has no agreement page" "$T/ov.txt" "Agreeing this plan"
for l in cy pl ur; do
	expect "the agreement page in $l" 0 "$CINDOC" fo --doc plan --for file --meeting m2 --lang $l "$S"
	cp "$T/.run.out" "$T/f-$l.fo"
done
has "Welsh" "$T/f-cy.fo" "Cytuno ar y cynllun hwn"
has "Welsh: authorised" "$T/f-cy.fo" "Awdurdodwyd gan"
has "Polish" "$T/f-pl.fo" "Zgoda na ten plan"
has "Urdu" "$T/f-ur.fo" "اس منصوبے پر اتفاق"
