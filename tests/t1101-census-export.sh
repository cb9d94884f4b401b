#!/usr/bin/env bash
# cindoc export census: the cases imported from a census go back out as a census that validates
# against the census schema (xmllint --schema) with the same dates (a round trip); --year keeps
# one collection year; a census that would not validate is never written; cases that do not load
# are reported and skipped.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
R=${T#"$ROOT"/}
XSD=templates/census/CIN_schema_2024.xsd
E="$CINDOC export census"

# The dates of a census, one line per fact: "LACHILDID REFERRAL FIELD VALUE", sorted. Only the
# referrals that hold a CIN plan (the ones a case is made of), and only the fields a case keeps.
dates() {
	python3 - "$1" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
out = set()
for ch in root.iter('Child'):
    ids = ch.find('ChildIdentifiers')
    cid = ids.findtext('LAchildID')
    for d in ch.findall('CINdetails'):
        if d.find('CINPlanDates') is None:
            continue
        ref = d.findtext('CINreferralDate')
        for f in ('PersonBirthDate', 'PersonDeathDate', 'GenderCurrent', 'Sex'):
            v = ids.findtext(f)
            if v:
                out.add('%s %s %s %s' % (cid, ref, 'sex' if f in ('GenderCurrent', 'Sex') else f, v.strip()))
        for f in ('CINclosureDate', 'ReasonForClosure', 'ReferralSource', 'PrimaryNeedCode'):
            v = d.findtext(f)
            if v:
                out.add('%s %s %s %s' % (cid, ref, f, v.strip()))
        for a in d.findall('Assessments'):
            for f in ('AssessmentActualStartDate', 'AssessmentInternalReviewDate', 'AssessmentAuthorisationDate'):
                if a.findtext(f):
                    out.add('%s %s %s %s' % (cid, ref, f, a.findtext(f).strip()))
        for p in d.findall('CINPlanDates'):
            out.add('%s %s plan %s..%s' % (cid, ref, p.findtext('CINPlanStartDate'), p.findtext('CINPlanEndDate') or ''))
for line in sorted(out):
    print(line)
EOF
}

# ---- the invented census: import, export, validate, compare
"$CINDOC" import census -q tests/census/families.xml -o "$R/cases" >/dev/null
cp samples/authority.xml "$T/cases/"
expect "export: exit 0" 0 $E "$R/cases" -o "$R/census.xml"
check "the census validates against the census schema (xmllint)" xmllint --noout --schema $XSD "$T/census.xml"
check "the file is mode 0600" test "$(stat -c %a "$T/census.xml")" = 600
dates tests/census/families.xml | grep -v -e NBX0000108 -e NBX0000109 -e NBX0000112 -e '^None ' >"$T/dates.want"
# the second NBX0000101 (line 305) is a skipped duplicate with another referral date
grep -v '^NBX0000101 2025-01-10 ' "$T/dates.want" >"$T/dates.want2"
dates "$T/census.xml" >"$T/dates.got"
check "the import skipped exactly the bad records (so the comparison is fair)" test "$(cut -d' ' -f1 "$T/dates.want2" | sort -u | wc -l)" = 6
golden "round trip: every date, code and plan of every imported child comes back" "$T/dates.got" "$T/dates.want2"
check "one <CINdetails> per referral, both plans of NBX0000103 in one" \
	test "$(xmllint --xpath 'count(//Child[ChildIdentifiers/LAchildID="NBX0000103"]/CINdetails/CINPlanDates)' "$T/census.xml")" = 2
check "the census's <Sex> goes back as GenderCurrent (the schema's name)" \
	test "$(xmllint --xpath 'string(//Child[ChildIdentifiers/LAchildID="NBX0000107"]/ChildIdentifiers/GenderCurrent)' "$T/census.xml")" = 1

# ---- the public DfE samples: import, export, validate, compare
for s in cin-validator.CIN2rows cin-validator.CIN_Census_2024; do
	"$CINDOC" import census -q tests/census/dfe/$s.xml -o "$R/$s" >/dev/null
	cp samples/authority.xml "$T/$s/"
	expect "$s: export" 0 $E "$R/$s" -o "$R/$s.out.xml"
	check "$s: the census validates against the census schema (xmllint)" xmllint --noout --schema $XSD "$T/$s.out.xml"
	dates tests/census/dfe/$s.xml >"$T/$s.want"
	dates "$T/$s.out.xml" >"$T/$s.got"
	golden "$s: round trip of the dates" "$T/$s.got" "$T/$s.want"
done

# ---- a plan closed in cindoc closes its referral with the census's code
cp -r "$T/cases" "$T/closed"
sed -i 's#<meetings/>#<meetings/>\n  <closure date="2026-06-30" reason="moved-outside" next="nothing-further"><why><p>Moved abroad.</p></why></closure>#' \
	"$T/closed/nbx0000101-2025-10-13.xml"
"$CINDOC" check -q "$T/closed/nbx0000101-2025-10-13.xml" >/dev/null 2>&1
check "(the edited case loads)" test $? -le 1
expect "closed in cindoc: export" 0 $E "$R/closed" -o "$R/closed.xml"
check "... the referral closes on that day, RC7" test "$(xmllint --xpath 'concat(//Child[ChildIdentifiers/LAchildID="NBX0000101"]/CINdetails/CINclosureDate, " ", //Child[ChildIdentifiers/LAchildID="NBX0000101"]/CINdetails/ReasonForClosure)' "$T/closed.xml")" = "2026-06-30 RC7"
check "... and validates" xmllint --noout --schema $XSD "$T/closed.xml"

# ---- --year: one collection year (1 April to 31 March)
expect "--year 2024" 0 $E "$R/cases" --year 2024 -o "$R/y2024.xml"
check "... only the referrals open in that year" test "$(xmllint --xpath 'concat(count(//Child), " ", //Child[1]//LAchildID, " ", //Child[2]//LAchildID)' "$T/y2024.xml")" = "2 NBX0000103 NBX0000104"
check "... its header" test "$(xmllint --xpath 'concat(//Year, " ", //ReferenceDate)' "$T/y2024.xml")" = "2024 2024-03-31"
check "... validates" xmllint --noout --schema $XSD "$T/y2024.xml"
expect "--year with nothing in it: exit 3" 3 $E "$R/cases" --year 1990 -o "$R/y1990.xml"
check "... nothing written" test ! -e "$T/y1990.xml"
expect "--year that is not a year: usage error" 2 $E "$R/cases" --year 20x4

# ---- the command checks what it writes against the schema: a code out of the census's list
cp -r "$T/cases" "$T/badcode"
sed -i 's#ethnicity="WIRI"#ethnicity="XXXX"#' "$T/badcode/nbx0000101-2025-10-13.xml"
expect "a census that does not validate: exit 3" 3 $E "$R/badcode" -o "$R/bad.xml"
check "... the schema's message, then why nothing was written" bash -c "grep -q \"Ethnicity.*XXXX\" '$T/.run.err' && grep -q 'does not validate against $XSD: nothing written' '$T/.run.err'"
check "... nothing written" test ! -e "$T/bad.xml"
check "... no temporary file" test -z "$(ls -A "$T" | grep '^\.bad')"

# ---- cases that do not load are skipped; cases without a census record are left out
cp -r "$T/cases" "$T/mixed"
cp samples/02-review-scaling.xml "$T/mixed/"
printf '<case>' >"$T/mixed/zz-broken.xml"
expect "a broken case among them: exit 6" 6 $E "$R/mixed" -o "$R/mixed.xml"
check "... reported with its file" grep -q "^$R/mixed/zz-broken.xml" "$T/.run.err"
check "... the others written, the desk's case left out" test "$(xmllint --xpath 'count(//Child)' "$T/mixed.xml")" = 6
mkdir -p "$T/desk" && cp samples/0[1-5]-*.xml samples/authority.xml "$T/desk/"
expect "no case with a census record (cases made at the desk): exit 3" 3 $E "$R/desk"
check "... the message" grep -q "no case holds a census record" "$T/.run.err"
expect "standard output by default" 0 $E "$R/cases"
check "... the census on stdout" bash -c "head -2 '$T/.run.out' | grep -q '^<Message>'"

# ---- usage
expect "no operand: usage error" 2 $E
expect "another format: usage error" 2 "$CINDOC" export csv "$R/cases"
expect "no cases: usage error" 2 "$CINDOC" export census
expect "--help" 0 "$CINDOC" export --help
check "--help names --year" grep -q -- '--year' "$T/.run.out"
