#!/usr/bin/env bash
# Letters that must arrive, and arrive right (issue 13): an address abroad prints its country; a
# letter is dated the day it is sent and says sorry, in the reader's words, when it is late; no
# plan copy once the plan has ended (its final minutes go with the closure letter); every child
# of 7 or more who gave views gets their own copy, whether or not they came.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
txt() { pdftotext -layout "$1" - 2>/dev/null; }
has() { local n=$1 f=$2; shift 2; if grep -qF -- "$*" "$f"; then ok "$n"; else notok "$n" "no '$*' in $f"; fi; }
hasnt() { local n=$1 f=$2; shift 2; if grep -qF -- "$*" "$f"; then notok "$n" "'$*' in $f"; else ok "$n"; fi; }

# ---- 1. every address field is printed; abroad, the country is the last line, in capitals
for l in en ur; do
	expect "sample 11: the letter to Ireland ($l)" 0 "$CINDOC" render --doc closure-letter --for p2 --lang $l \
		samples/11-transfer-out.xml -o "$T/ie-$l.pdf"
	pdftotext "$T/ie-$l.pdf" "$T/ie-$l.txt"
	check "sample 11 ($l): IRELAND under the postcode" bash -c "grep -A1 -x 'A98 X2Y3' '$T/ie-$l.txt' | grep -qx IRELAND"
done
# A case whose addresses use every field of the schema's address (four lines, town, postcode,
# country) for the reader, and for the authority (letterhead and complaints contact).
python3 - "$T/abroad.xml" <<'EOF'
import re, sys
s = open('samples/11-transfer-out.xml', encoding='utf-8').read()
s = s.replace('<address><line>14 Orchard View</line>',
              '<address><line>Flat 2</line><line>Orchard House</line><line>14 Orchard View</line><line>Kilruddery</line>', 1)
open(sys.argv[1], 'w', encoding='utf-8').write(s)
EOF
sed -i '0,/<email>familysupport/s|\(<email>familysupport[^<]*</email>\)|\1<complaints><name>Complaints Unit</name><address><line>1 Quay Street</line><town>Douglas</town><postcode>IM1 1AA</postcode><country>Isle of Man</country></address><phone>01632 960999</phone></complaints>|' "$T/abroad.xml"
cp samples/authority.xml "$T/authority.xml"
expect "every address field: the case is valid" 0 "$CINDOC" check "$T/abroad.xml"
expect "every address field: the letter" 0 "$CINDOC" render --doc closure-letter --for p2 --lang en "$T/abroad.xml" -o "$T/abroad.pdf"
pdftotext "$T/abroad.pdf" "$T/abroad.txt"
check "four address lines, town, postcode and country, in order" python3 - "$T/abroad.txt" <<'EOF'
import sys
t = [l.strip() for l in open(sys.argv[1], encoding='utf-8')]
want = ['Flat 2', 'Orchard House', '14 Orchard View', 'Kilruddery', 'Bray', 'A98 X2Y3', 'IRELAND']
i = t.index('Flat 2')
sys.exit(0 if t[i:i + len(want)] == want else 1)
EOF
has "the complaints contact's country" "$T/abroad.txt" "Douglas, IM1 1AA, Isle of Man"

# ---- 2. dated the day it is sent; sorry when late, in the reader's words
# Sample 02's meeting of 6 July: its copies were due by 20 July 2026.
expect "a plan copy sent on time" 0 "$CINDOC" render --doc plan-copy --for p3 samples/02-review-scaling.xml \
	--date 2026-07-20 -o "$T/ontime.pdf"
txt "$T/ontime.pdf" >"$T/ontime.txt"
hasnt "on time: no apology" "$T/ontime.txt" "this letter is late"
has "on time: the next meeting" "$T/ontime.txt" "The next meeting is on Monday 28 September 2026"
expect "a plan copy sent late" 0 "$CINDOC" render --doc plan-copy --for p1 samples/02-review-scaling.xml \
	--date 2026-11-25 -o "$T/late.pdf"
pdftotext "$T/late.pdf" - | tr '\n' ' ' | sed 's/  */ /g' >"$T/late.txt"
has "late (family): sorry, and when it was due" "$T/late.txt" "We are sorry that this letter is late: we should have sent it to you by 20 July 2026."
check "late: the letter is dated the day it is sent" bash -c "pdftotext -f 1 -l 1 '$T/late.pdf' - | grep -qx '25 November 2026'"
has "late: the minutes in it keep their meeting's date" "$T/late.txt" "Millie Hartley · Meeting notes · 6 July 2026"
hasnt "late: no 'next meeting' that has passed" "$T/late.txt" "The next meeting is on"
for w in "c1 en your plan|We are sorry this letter is late. It should have reached you by 20 July 2026." \
	 "p3 en professional|We apologise for the delay: this should have been sent by 20 July 2026." \
	 "p1 cy Welsh|Mae’n ddrwg gennym fod y llythyr hwn yn hwyr: dylem fod wedi ei anfon atoch erbyn" \
	 "p1 pl Polish|Przepraszamy, że ten list jest opóźniony: powinniśmy go wysłać do"; do
	set -- ${w%%|*}
	expect "late, $3 ($1 $2)" 0 "$CINDOC" render --doc plan-copy --for $1 --lang $2 samples/02-review-scaling.xml \
		--date 2026-11-25 -o "$T/late-$1-$2.pdf"
	pdftotext "$T/late-$1-$2.pdf" - | tr '\n' ' ' | sed 's/  */ /g' >"$T/late-$1-$2.txt"
	has "late, $3: in the reader's words" "$T/late-$1-$2.txt" "${w#*|}"
done
expect "late (Urdu)" 0 "$CINDOC" fo --doc plan-copy --for p1 --lang ur samples/02-review-scaling.xml --date 2026-11-25 -o "$T/late-ur.fo"
has "late, Urdu: in the reader's words" "$T/late-ur.fo" "ہم معذرت خواہ ہیں کہ یہ خط دیر سے بھیجا جا رہا ہے"
expect "a closure letter sent late" 0 "$CINDOC" render --doc closure-letter --for p1 samples/11-transfer-out.xml \
	--date 2026-12-18 -o "$T/cl-late.pdf"
pdftotext "$T/cl-late.pdf" - | tr '\n' ' ' | sed 's/  */ /g' >"$T/cl-late.txt"
has "a closure letter sent late says sorry" "$T/cl-late.txt" "should have sent it to you by 26 November 2026"

# The queue dates each item by the day it goes out: its due date, or the run when that is past.
Q=$T/q
mkdir -p "$T/cases" && cp samples/*.xml "$T/cases/"
expect "queue the samples" 0 "$CINDOC" queue "$T/cases" -o "$Q" --today 2026-11-25
f=$(grep '^NB-2026-0142/plan-copy/m3/p3,' "$Q/manifest.csv" | awk -F, '{print $(NF-1)}')
pdftotext -f 1 -l 1 "$Q/$f" "$T/q-late.txt"
check "queue: an overdue copy is dated the run, not July" grep -qx '25 November 2026' "$T/q-late.txt"
has "queue: an overdue copy says sorry" "$T/q-late.txt" "We apologise for the delay: this should have been sent by 20 July 2026."
f=$(grep '^NB-2026-0951/plan-copy/m1/p1,' "$Q/manifest.csv" | awk -F, '{print $(NF-1)}')
pdftotext -f 1 -l 1 "$Q/$f" "$T/q-ahead.txt"
check "queue: a copy queued ahead is dated its day (27 November 2026, in Welsh)" grep -qx '27 Tachwedd 2026' "$T/q-ahead.txt"
hasnt "queue: ... and does not say sorry" "$T/q-ahead.txt" "Mae’n ddrwg gennym"

# ---- 3. no plan copy once the plan has ended; the final minutes go with the closure letter
for s in 06-step-down 08-child-protection 12-child-died; do
	expect "$s: render --all makes no plan copy" 3 "$CINDOC" render --doc plan-copy --all samples/$s.xml -o "$T/pc-$s"
	check "$s: ... and says why" grep -q "no plan copy is sent after that; the final minutes go with the closure letter" "$T/.run.err"
	ref=$(grep -o 'ref="[A-Z][^"]*"' samples/$s.xml | head -1 | cut -d'"' -f2)
	check "$s: the queue sends no plan copy" bash -c "! grep -q '^$ref/plan-copy/' '$Q/manifest.csv'"
done
expect "one plan copy by hand after the end: refused" 2 "$CINDOC" render --doc plan-copy --for p1 samples/06-step-down.xml -o "$T/x.pdf"
check "... naming the closure" grep -q "06-step-down.xml:[0-9]*: error: the plan ended on 2026-11-16" "$T/.run.err"
f=$(grep '^HD-2026-0533/closure-letter/p1,' "$Q/manifest.csv" | awk -F, '{print $(NF-1)}')
pdftotext "$Q/$f" - | tr '\n' ' ' | sed 's/  */ /g' >"$T/q-06.txt"
has "06: the closure letter says the minutes come with it" "$T/q-06.txt" "The minutes of the last meeting, held on 12 November 2026, are enclosed with this letter."
has "06: ... and they do, in the same mailing" "$T/q-06.txt" "Notes of your review meeting"
check "06: the minutes have their own bookmark" bash -c "qpdf --json --json-key=outlines '$Q/$f' | grep -q '\"title\": \"Meeting notes\"'"
hasnt "06: the letter never says the next meeting is on" "$T/q-06.txt" "The next meeting is on"
expect "12: the bereaved mother's letter" 0 "$CINDOC" render --doc closure-letter --for p1 samples/12-child-died.xml -o "$T/12.pdf"
check "12: minutes already sent are not sent again" test "$(pdfinfo "$T/12.pdf" | awk '/^Pages:/ {print $2}')" = 1
f=$(grep '^HD-2026-0533/closure-letter/p7,' "$Q/manifest.csv" | awk -F, '{print $(NF-1)}')
check "06: someone who did not get the minutes gets the letter alone" test "$(pdfinfo "$Q/$f" | awk '/^Pages:/ {print $2}')" = 1

# ---- 4. a child of 7 or more who gave views gets their own copy, whether or not they came
check "10: Jo sent a message and did not come" bash -c "grep -q '<child-views child=\"c1\" given=\"message\"' samples/10-after-child-protection.xml && ! grep -q '<present ref=\"c1\"/>' samples/10-after-child-protection.xml"
expect "10: minutes for everyone" 0 "$CINDOC" render --doc minutes --all samples/10-after-child-protection.xml -o "$T/m10"
check "10: Jo gets the minutes" bash -c "ls '$T/m10' | grep -q -- '-minutes-m1-c1-'"
check "10: the queue sends Jo a plan copy" grep -q '^HD-2025-1862/plan-copy/m1/c1,' "$Q/manifest.csv"
# ...but not a child under 7, nor one whose views could not be sought (sample 09's baby).
check "09: no copy for the baby whose views could not be sought" bash -c "! grep -q '^NB-2026-0803/plan-copy/m[0-9]*/c2,' '$Q/manifest.csv'"

# ---- 6. the minutes never put words in a child's mouth
expect "08: minutes of m2" 0 "$CINDOC" render --doc minutes --for file --meeting m2 samples/08-child-protection.xml -o "$T/m08.pdf"
pdftotext "$T/m08.pdf" "$T/m08.txt"
check "08: what a worker passed on is reported speech, saying who told us" \
	bash -c "grep -A1 -x 'Oluwaseun Brandt told us what you had said:' '$T/m08.txt' | grep -qx 'Mummy makes porridge now.'"
hasnt "08: Leo, who was not there, is not said to have come and told us" "$T/m08.txt" "You came to the meeting and told us"
expect "08: the case is clean (no in-person views for a child not there)" 0 "$CINDOC" check samples/08-child-protection.xml

# ---- 5. children read the names they use; "said" once
expect "03: Kacper's minutes" 0 "$CINDOC" render --doc minutes --for c1 samples/03-siblings.xml -o "$T/m03-c1.pdf"
pdftotext "$T/m03-c1.pdf" "$T/m03-c1.txt"
check "03: Kacper reads 'Mum', not her full name" bash -c "grep -qx 'Mum:' '$T/m03-c1.txt' && ! grep -q 'Agnieszka' '$T/m03-c1.txt'"
check "03: ... and 'Uncle Bartek'" grep -qx '• Uncle Bartek' "$T/m03-c1.txt"
check "03: 'said' once: the lead names who, the words say 'said'" bash -c "! grep -A1 ' said:\$' '$T/m03-c1.txt' | grep -q ' said '"
expect "03: the file copy" 0 "$CINDOC" render --doc minutes --for file samples/03-siblings.xml -o "$T/m03-file.pdf"
pdftotext "$T/m03-file.pdf" "$T/m03-file.txt"
check "03: the file copy names her in full, with her relationship" grep -q 'Agnieszka Wozniak (mother)' "$T/m03-file.txt"
