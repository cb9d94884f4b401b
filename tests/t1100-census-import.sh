#!/usr/bin/env bash
# cindoc import census: the invented census tests/census/families.xml (one child per thing the
# import must do, then bad records) and the public DfE samples of tests/census/dfe/ become cases
# that `cindoc check` accepts; bad records are reported with their line and skipped; nothing is
# overwritten without --force; a failed run leaves nothing half-written; hostile files are refused.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
R=${T#"$ROOT"/}                   # the scratch folder, relative: messages name it so
F=tests/census/families.xml
X="$CINDOC import census"

# ---- the invented census: 8 plans of 6 children imported, 5 bad records skipped (exit 6)
expect "families: exit 6 (some records skipped)" 6 $X "$F" -o "$R/cases"
cp "$T/.run.out" "$T/families.out"
cp "$T/.run.err" "$T/families.err"
sed "s#^#$R/cases/#" tests/census/families.list >"$T/families.list.want"
golden "families: the cases written, listed on stdout" "$T/families.out" "$T/families.list.want"
sed "s#$R/#OUT/#g" "$T/families.err" >"$T/families.err.got"
golden "families: every message, with its line" "$T/families.err.got" tests/census/families.err
check "bad date: its line, and skipped" grep -qx "$F:263: error: <CINPlanStartDate> '2025-02-30' is not a date (YYYY-MM-DD)" "$T/families.err"
check "unknown code: its line, and skipped" grep -qx "$F:275: error: <Ethnicity> 'ZZZZ' is not a code of the census" "$T/families.err"
check "missing id: its line, and skipped" grep -qx "$F:288: error: <ChildIdentifiers> has no <LAchildID>" "$T/families.err"
check "unknown reason for closure: skipped" grep -q "^$F:338: error: <ReasonForClosure> 'RC0'" "$T/families.err"
check "no case for a skipped record" bash -c "! ls '$T/cases' | grep -q -e nbx0000108 -e nbx0000109 -e nbx0000112"
check "a duplicated LAchildID: the first child only" test "$(ls "$T/cases" | grep -c nbx0000101)" = 1
check "cases are mode 0600" bash -c "[ -z \"\$(find '$T/cases' -type f ! -perm 600)\" ]"
check "no temporary file left" bash -c "[ -z \"\$(ls -A '$T/cases' | grep -v '^nbx.*[.]xml\$')\" ]"
golden "one case in full (a plan that ended with a death)" "$T/cases/nbx0000102-2024-07-08.xml" tests/census/nbx0000102-2024-07-08.xml

xp() { xmllint --xpath "$2" "$T/cases/$1.xml" 2>/dev/null; }
check "N2 (child's disability): the disabled children's service" test "$(xp nbx0000101-2025-10-13 'string(/case/@service)')" = disabled-children
check "assessed: the assessment authorised before the plan" test "$(xp nbx0000101-2025-10-13 'string(/case/@assessed)')" = 2025-10-06
check "disabilities: the census's words and codes" test "$(xp nbx0000101-2025-10-13 'concat(//child/disability, "|", //census/@disabilities)')" = "Mobility, Communication|MOB COMM"
check "a child protection plan ends a CIN plan" test "$(xp nbx0000103-2024-02-19 'string(//closure/@reason)')" = child-protection-plan
check "the second plan of a referral: its own case, open" test "$(xp nbx0000103-2025-03-10 'count(//closure)')" = 0
check "RC5: transfer" test "$(xp nbx0000104-2023-04-03 'string(//closure/@reason)')" = transfer
check "RC9: needs met, then early help" test "$(xp nbx0000104-2025-02-10 'concat(//closure/@reason, " ", //closure/@next)')" = "needs-met early-help"
check "a plan ended for a reason the census does not give: needs-met" test "$(xp nbx0000106-2024-11-04 'string(//closure/@reason)')" = needs-met
check "... with a warning at its line" grep -q "^$F:217: warning: the census does not say why" "$T/families.err"
check "<Sex> (2024-25) read as GenderCurrent" test "$(xp nbx0000107-2025-03-03 'string(//census/@sex)')" = 1
check "stray text: a warning, the child imported" grep -q "^$F:227: warning: text 'Stray' inside <ChildIdentifiers>" "$T/families.err"
check "a referral without a plan: a note, no case" bash -c "grep -q '^$F:178: note: ' '$T/families.err' && ! ls '$T/cases' | grep -q nbx0000105"

# ---- cindoc check passes on what was imported (warnings only: there is no address yet ...)
cp samples/authority.xml "$T/cases/"
"$CINDOC" check "$T"/cases/nbx*.xml >/dev/null 2>"$T/check.err"
rc=$?
check "cindoc check: no errors on the imported cases (exit $rc)" bash -c "[ $rc -le 1 ] && ! grep -q ': error: ' '$T/check.err'"
expect "cindoc due reads them" 0 "$CINDOC" due --today 2026-11-25 "$T/cases"
check "... the closure letters of plans that ended before the import are not owed" \
	bash -c "! grep -q 'closure-letters.*overdue' '$T/.run.out' && grep -q 'closure-letters.*,done,' '$T/.run.out'"
expect "the queue owes nothing for them" 0 "$CINDOC" queue -q --today 2026-11-25 "$T/cases" -o "$T/queue"
check "... no item" test "$(grep -c . "$T/queue/manifest.csv")" = 1

# ---- nothing is overwritten without --force
sha256sum "$T"/cases/nbx*.xml >"$T/before.sha"
echo '<!-- completed at the desk -->' >>"$T/cases/nbx0000101-2025-10-13.xml"
sha256sum "$T"/cases/nbx*.xml >"$T/edited.sha"
expect "again without --force: exit 3 (every record skipped)" 3 $X "$F" -o "$R/cases"
check "... each case reported as there already" test "$(grep -c "is there already: not overwritten (--force replaces it)" "$T/.run.err")" = 8
check "... no file changed" bash -c "sha256sum '$T'/cases/nbx*.xml | cmp -s - '$T/edited.sha'"
expect "with --force: exit 6 (the bad records still skipped)" 6 $X "$F" -o "$R/cases" --force
check "... the cases are made again" bash -c "sha256sum '$T'/cases/nbx*.xml | cmp -s - '$T/before.sha'"

# ---- nothing half-written: a folder in the way of one case stops the run, and no case is left
mkdir -p "$T/blocked/nbx0000104-2023-04-03.xml"
expect "a case that cannot be written: exit 5" 5 $X "$F" -o "$R/blocked" --force -q
check "... the message names it" grep -q "cannot write '$R/blocked/nbx0000104-2023-04-03.xml'" "$T/.run.err"
check "... no other case and no temporary file is left" test "$(ls -A "$T/blocked")" = nbx0000104-2023-04-03.xml
expect "an output that is a file: exit 5" 5 $X "$F" -o "$F"

# ---- the public DfE samples
D=tests/census/dfe
expect "CIN2rows: imported (exit 0)" 0 $X $D/cin-validator.CIN2rows.xml -o "$R/dfe1"
check "... stray text in ChildIdentifiers: a warning at its line" grep -q "^$D/cin-validator.CIN2rows.xml:23: warning: text 'PersonBirthDate'" "$T/.run.err"
check "... one case: its plan's dates" test "$(xmllint --xpath 'concat(/case/@opened, " ", //closure/@date)' "$T/dfe1/dfex0000001-2023-01-24.xml")" = "2023-01-24 2023-01-26"
expect "CIN_Census_2024 (<Sex>): imported (exit 0)" 0 $X $D/cin-validator.CIN_Census_2024.xml -o "$R/dfe2"
check "... one case" test "$(ls "$T/dfe2")" = dfex0000001-2023-01-24.xml
for d in dfe1 dfe2; do
	cp samples/authority.xml "$T/$d/"
	"$CINDOC" check "$T/$d"/dfex*.xml >/dev/null 2>"$T/$d.check"
	rc=$?
	check "$d: cindoc check has no errors (exit $rc)" bash -c "[ $rc -le 1 ] && ! grep -q ': error: ' '$T/$d.check'"
done
expect "liia-tools 2022 (a child born in 1966): refused, exit 3" 3 $X $D/liia-tools.cin-2022-sample.xml -o "$R/dfe3"
check "... the line of the date" grep -qx "$D/liia-tools.cin-2022-sample.xml:24: error: <PersonBirthDate> 1966-03-24 is before 1978-01-01, the first day of cindoc's working-day calendar" "$T/.run.err"
check "... and no folder made" test ! -e "$T/dfe3"

# ---- hostile and wrong files: refused, nothing written
printf '<!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Message><Children>&e;</Children></Message>\n' >"$T/xxe.xml"
expect "a DOCTYPE (external entity): refused" 3 $X "$R/xxe.xml" -o "$R/hostile"
check "... the message" grep -qx "$R/xxe.xml:1: error: a DOCTYPE is not allowed in a census file (no DTD, no entities)" "$T/.run.err"
check "... nothing of /etc/passwd shown, no folder made" bash -c "! grep -q root: '$T/.run.err' && [ ! -e '$T/hostile' ]"
expect "a case file is not a census: exit 3" 3 $X samples/01-initial-meeting.xml -o "$R/hostile"
check "... the message" grep -qE "^samples/01-initial-meeting.xml(:[0-9]+)?: error: not a Children in Need census" "$T/.run.err"
printf '<Message><Children><Child>' >"$T/cut.xml"
expect "a file cut short: exit 3" 3 $X "$R/cut.xml" -o "$R/hostile"
expect "a missing file: exit 4" 4 $X "$R/nothing.xml" -o "$R/hostile"
expect "endless input (a pipe): refused, not read" 4 timeout 10 bash -c "cat /dev/zero | $X /dev/stdin -o '$R/hostile'"
expect "standard input ('-') is read" 0 bash -c "$X - -o '$R/stdin' < $D/cin-validator.CIN2rows.xml"
check "... its case" test -f "$T/stdin/dfex0000001-2023-01-24.xml"

# ---- usage
expect "no operand: usage error" 2 $X
expect "another format: usage error" 2 "$CINDOC" import csv "$F" -o "$R/u"
expect "no -o: usage error" 2 $X "$F"
check "... one line, then the pointer to --help" test "$(wc -l <"$T/.run.err")" = 2
expect "two files: usage error" 2 $X "$F" "$F" -o "$R/u"
expect "--help" 0 "$CINDOC" import --help
check "--help names --force" grep -q -- '--force' "$T/.run.out"
check "nothing made by the usage errors" test ! -e "$T/u"
