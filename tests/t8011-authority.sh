#!/usr/bin/env bash
# The authority file: one authority.xml per cases folder (templates/authority.xsd) gives the
# authority's details to every case beside it; a case's own <authority> parts win. Every command
# reads it (check, render, fo, queue, due); the web store writes the case without it.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
cd "$ROOT" || exit 1
A=$T/a && mkdir -p "$A"

expect "samples/authority.xml passes check" 0 "$CINDOC" check samples/authority.xml
check "... silently" test ! -s "$T/.run.err"
check "xmllint validates it with templates/authority.xsd" \
	xmllint --noout --nonet --schema templates/authority.xsd samples/authority.xml
expect "the whole samples folder passes check, authority.xml with it" 0 "$CINDOC" check samples/*.xml

# A case that relies on the file: 02 has no <authority>; 01 gives only its team's details.
check "sample 02 has no <authority> of its own" bash -c "! grep -q '^  <authority>' samples/02-review-scaling.xml"
check "sample 01 gives its team but not the council's name" bash -c \
	"grep -q '<team>Family Support Team (West)' samples/01-initial-meeting.xml && ! grep -q '<name>Northbridge County Council' samples/01-initial-meeting.xml"
expect "fo of sample 02 (details from the file)" 0 "$CINDOC" fo --doc plan-copy --for p1 samples/02-review-scaling.xml
check "... has the council's name from the file" grep -q 'Northbridge County Council' "$T/.run.out"
check "... and the team's phone from the file" grep -q '01632 960100' "$T/.run.out"
expect "fo of sample 01 (its own team)" 0 "$CINDOC" fo --doc plan-copy --for p1 samples/01-initial-meeting.xml
check "... has its own team and address" bash -c "grep -q 'Family Support Team (West)' '$T/.run.out' && grep -q 'Westgate House' '$T/.run.out'"
check "... not the file's team" bash -c "! grep -q 'Family Support Team (East)' '$T/.run.out'"
check "... and the council's name from the file" grep -q 'Northbridge County Council' "$T/.run.out"
expect "fo of sample 03 (another authority in full)" 0 "$CINDOC" fo --doc plan-copy --for p1 samples/03-siblings.xml
check "... has its own authority only" bash -c "grep -q 'Harrowdale' '$T/.run.out' && ! grep -q 'Northbridge County Council' '$T/.run.out'"

# The same output as when the case carried every detail itself.
cp samples/02-review-scaling.xml "$A/02.xml"
python3 - "$A/02.xml" "$T/full.xml" samples/authority.xml <<'EOF'
import re, sys
case = open(sys.argv[1]).read()
auth = re.search(r'\n<authority>.*?</authority>', open(sys.argv[3]).read(), re.S).group(0).strip()
case = case.replace('\n  <children>', '\n  ' + auth + '\n\n  <children>', 1)
open(sys.argv[2], 'w').write(case)
EOF
mkdir -p "$A/full" && mv "$T/full.xml" "$A/full/02.xml"
expect "a copy with the details written in full passes check, no authority.xml beside it" 0 "$CINDOC" check "$A/full/02.xml"
"$CINDOC" fo --doc plan-copy --for p1 samples/02-review-scaling.xml >"$T/from-file.fo" 2>&1
"$CINDOC" fo --doc plan-copy --for p1 "$A/full/02.xml" >"$T/in-case.fo" 2>&1
check "the FO is the same either way" cmp "$T/from-file.fo" "$T/in-case.fo"

# Errors.
expect "a case relying on the file, without the file: invalid" 3 "$CINDOC" check "$A/02.xml"
check "... says there are no details and where the file would be" \
	grep -q "^$A/02.xml: error: no authority details: the case has no <authority> and there is no '$A/authority.xml'\$" "$T/.run.err"
expect "... render refuses it too" 3 "$CINDOC" render --doc plan --for file "$A/02.xml" -o "$T/x.pdf"
check "... nothing written" test ! -e "$T/x.pdf"
cp samples/01-initial-meeting.xml "$A/01.xml"
expect "a case giving only its team, without the file: invalid" 3 "$CINDOC" check "$A/01.xml"
check "... names the first missing part, at the <authority> line" \
	grep -q "^$A/01.xml:$(grep -n '<authority>' "$A/01.xml" | cut -d: -f1): error: the authority's <name> is missing: give it here or in '$A/authority.xml' (there is no such file)" "$T/.run.err"
sed '/<team>/d' samples/authority.xml >"$A/authority.xml"
expect "an authority.xml without a team: invalid" 3 "$CINDOC" check "$A/authority.xml"
check "... the schema says so at its line" grep -q "^$A/authority.xml:[0-9]*: error: element 'address': this element is not expected" "$T/.run.err"
expect "... and a case relying on it is refused" 3 "$CINDOC" check "$A/02.xml"
check "... pointing at authority.xml" grep -q "^$A/authority.xml:[0-9]*: error:" "$T/.run.err"
expect "... and so is a case that gives its own team: the file is read, so it must be valid" 3 "$CINDOC" check "$A/01.xml"
printf '<authority><name>A</name>' >"$A/authority.xml"
expect "a broken authority.xml" 3 "$CINDOC" check "$A/02.xml"
check "... is reported as such" grep -q "^$A/authority.xml" "$T/.run.err"
sed 's/<authority>/<case>/; s/<\/authority>/<\/case>/' samples/authority.xml >"$A/authority.xml"
expect "an authority.xml whose root is not <authority>" 3 "$CINDOC" check "$A/authority.xml"
check "... is reported" grep -q "authority.xml" "$T/.run.err"
printf '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><authority/>' >"$A/authority.xml"
expect "an authority.xml with a DOCTYPE is refused like a case" 3 "$CINDOC" check "$A/02.xml"
check "... with the loader's message" grep -qi "doctype" "$T/.run.err"
cp samples/authority.xml "$A/authority.xml"
expect "with a good authority.xml beside it the case passes" 0 "$CINDOC" check "$A/02.xml"
expect "render reads it too" 0 "$CINDOC" render --doc plan --for file "$A/02.xml" -o "$T/02.pdf"
expect "authority.xml is not a case: fo refuses it" 3 "$CINDOC" fo --doc plan --for file samples/authority.xml
check "... saying what it is" grep -q "samples/authority.xml: error: this is the authority's details for the cases beside it, not a case" "$T/.run.err"

# Folders: due and queue skip authority.xml and give its details to every case.
expect "due over the samples folder" 0 "$CINDOC" due --today 2026-11-25 --format csv samples/
check "... lists no 'authority' case" bash -c "! grep -q 'authority' '$T/.run.out'"
Q=$T/q && mkdir -p "$T/cases" && cp samples/0[12]-*.xml samples/authority.xml "$T/cases/"
expect "queue over a folder with authority.xml" 0 "$CINDOC" queue "$T/cases" -o "$Q" --today 2026-11-25
check "... queued items" test -s "$Q/manifest.csv"
fp1=$(cut -f1,20- "$Q/ledger.tsv" | sort | sha256sum)
sed -i 's/01632 960199/01632 960198/' "$T/cases/authority.xml"
expect "queue again after the authority's complaints phone changed" 0 "$CINDOC" queue "$T/cases" -o "$Q" --today 2026-11-25
check "... the items are made again (their fingerprints changed)" test "$fp1" != "$(cut -f1,20- "$Q/ledger.tsv" | sort | sha256sum)"

# The web store writes back only what the case itself holds.
if build_tool store-driver >"$T/build.log" 2>&1; then
	expect "serialize a loaded case completed from the file" 0 "$T/store-driver" serialize samples/02-review-scaling.xml
	check "... leaves the file's details out" bash -c "! grep -q '^  <authority>' '$T/.run.out'"
	expect "serialize a case with part of its own" 0 "$T/store-driver" serialize samples/01-initial-meeting.xml
	check "... keeps its own parts, not the file's" bash -c "grep -q '<team>Family Support Team (West)' '$T/.run.out' && ! grep -q '<name>Northbridge County Council' '$T/.run.out'"
	check "... and the result is the case as written (attribute layout apart)" bash -c \
		"diff <(tr -s ' \n' '  ' <'$T/.run.out' | sed 's/^<?xml[^>]*> //') <(tr -s ' \n' '  ' <samples/01-initial-meeting.xml | sed 's/^<?xml[^>]*> //')"
else
	notok "the store driver builds" "$(head -c 2000 "$T/build.log")"
fi
