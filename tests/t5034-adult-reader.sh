#!/usr/bin/env bash
# A young person of 18 or more is written to as an adult (issue 13): no "ask an adult you
# trust", and their letters say where adult services are (the authority's adult-services
# contact, else their lead professional puts them in touch). The rule is cd_rule_adult_reader
# (case/rules.c), on the document's date: the day before the 18th birthday a plan copy still
# speaks to a child.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/07-eighteen.xml

# ---- sample 07: the plan ends on Tyler's 18th birthday; his closure letter is to an adult
expect "closure letter to Tyler (18 today)" 0 "$CINDOC" render --doc closure-letter --for c1 "$S" -o "$T/c.pdf"
pdftotext "$T/c.pdf" "$T/c.txt"
hasnt "no 'ask an adult you trust' to an adult" "$T/c.txt" "adult you trust"
has "where adult services are, from authority.xml" "$T/c.txt" \
	"Now that you are an adult, help comes from adult services. If you need it, you can contact Adult Social Care Front Door on 01632 960170 or at adultcare@northbridge.example."
has "who to contact, without an adult to ask" "$T/c.txt" \
	"you can contact Kezia Fontaine on 01632 960431 or at kezia.fontaine@northbridge.example. Continued on the next page"
has "how to complain, as an adult" "$T/c.txt" "An advocate can help you do this if you would like one."
for l in cy pl ur; do
	expect "closure letter to Tyler ($l)" 0 "$CINDOC" fo --doc closure-letter --for c1 --lang $l "$S"
	cp "$T/.run.out" "$T/c-$l.fo"
done
has "Welsh: adult services" "$T/c-cy.fo" "Gan dy fod ti’n oedolyn nawr, mae help yn dod gan y gwasanaethau oedolion."
hasnt "Welsh: no adult to trust" "$T/c-cy.fo" "oedolyn rwyt ti’n ymddiried"
has "Polish: adult services" "$T/c-pl.fo" "Jesteś już osobą dorosłą, więc pomocy udzielają teraz służby dla dorosłych."
hasnt "Polish: no adult to trust" "$T/c-pl.fo" "dorosłego, któremu ufasz"
has "Urdu: adult services" "$T/c-ur.fo" "اب تم بالغ ہو، اس لیے مدد بالغوں کی سماجی خدمات سے ملتی ہے۔"
hasnt "Urdu: no adult to trust" "$T/c-ur.fo" "بھروسا ہو"

# ---- the same plan still running: a plan copy the day before and on the 18th birthday
mkdir -p "$T/run"
cp samples/authority.xml "$T/run/"
python3 - "$S" "$T/run/07.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
s = re.sub(r'\s*<closure date=.*?</closure>', '', s, flags=re.S)
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY
expect "the running plan is valid" 0 "$CINDOC" check "$T/run/07.xml"
expect "plan copy dated the day before the 18th birthday" 0 "$CINDOC" render --doc plan-copy --for c1 --meeting m3 --date 2026-11-19 "$T/run/07.xml" -o "$T/p17.pdf"
pdftotext -l 2 "$T/p17.pdf" "$T/p17.txt"
has "at 17: ask an adult you trust" "$T/p17.txt" "You can also ask an adult you trust to help you get in touch."
hasnt "at 17: no adult services" "$T/p17.txt" "adult services"
expect "plan copy dated the 18th birthday" 0 "$CINDOC" render --doc plan-copy --for c1 --meeting m3 --date 2026-11-20 "$T/run/07.xml" -o "$T/p18.pdf"
pdftotext -l 2 "$T/p18.pdf" "$T/p18.txt"
hasnt "at 18: no 'ask an adult you trust'" "$T/p18.txt" "adult you trust"
has "at 18: the cover letter says where adult services are" "$T/p18.txt" "If you need it, you can contact Adult Social Care Front Door"
expect "the mother's plan copy the same day" 0 "$CINDOC" render --doc plan-copy --for p1 --meeting m3 --date 2026-11-20 "$T/run/07.xml" -o "$T/pm.pdf"
pdftotext -l 2 "$T/pm.pdf" "$T/pm.txt"
hasnt "the mother's letter does not tell her about adult services" "$T/pm.txt" "adult services"

# ---- an authority with no adult services contact: the lead professional puts them in touch
grep -v -e '<adult-services>' -e '</adult-services>' -e 'Adult Social Care' -e '01632 960170' -e 'adultcare@' \
	samples/authority.xml >"$T/run/authority.xml"
check "authority.xml without adult services" grep -q '<complaints>' "$T/run/authority.xml"
expect "plan copy at 18, no adult services contact" 0 "$CINDOC" render --doc plan-copy --for c1 --meeting m3 --date 2026-11-20 "$T/run/07.xml" -o "$T/pn.pdf"
pdftotext -l 2 "$T/pn.pdf" "$T/pn.txt"
has "the lead professional puts them in touch" "$T/pn.txt" \
	"Now that you are an adult, help comes from adult services. If you need it, Kezia Fontaine can put you in touch with them."
