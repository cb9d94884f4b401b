#!/usr/bin/env bash
# cindoc render: every document every sample should have, for every recipient, as PDF; then
# by pdftotext and pdfinfo: every page's furniture, section order, PDF tags, withholding (no
# recipient's copy holds a fact withheld from them), and the jargon scan of every child's copy.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
P=$T/pdf
mkdir -p "$P"

# Render everything, one job per sample and document, in parallel.
jobs=$T/jobs
: >"$jobs"
for f in samples/[0-9]*.xml; do
	s=$(basename "$f" .xml)
	for d in plan minutes plan-copy closure-letter case-note closing-summary; do
		echo "$f $s $d" >>"$jobs"
	done
done
export CINDOC P
xargs -P 4 -L 1 sh -c '"$CINDOC" render --doc "$2" --all "$0" -o "$P/$1/$2" >"$P/$1.$2.list" 2>"$P/$1.$2.err"; echo $? >"$P/$1.$2.rc"' <"$jobs"
bad=""
while read -r f s d; do
	rc=$(cat "$P/$s.$d.rc")
	[ "$rc" = 0 ] && continue
	# an open case has no closure documents: that, and only that, may fail
	if [ "$rc" = 3 ] && grep -q "has no 'closure'" "$P/$s.$d.err"; then continue; fi
	# ...and a closed case sends no plan copy (its final minutes go with the closure letter)
	if [ "$d" = plan-copy ] && [ "$rc" = 3 ] && grep -q "no plan copy is sent after that" "$P/$s.$d.err"; then continue; fi
	bad="$bad$s $d: exit $rc $(head -c 300 "$P/$s.$d.err")
"
done <"$jobs"
if [ -z "$bad" ]; then ok "every sample renders every document it should"; else notok "every sample renders every document it should" "$bad"; fi
n=$(find "$P" -name '*.pdf' | wc -l)
check "many PDFs rendered ($n)" test "$n" -gt 150

# Who gets what (sample 02, meeting m3: present c1 p1 p2 p3 p5 p7, copies to p4; p5 and p7 are
# the council's own staff and read the file copy).
# Names end with a short hash of what the copy is (README: file names); the checks below read
# them without it.
unhash() {
	find "$1" -type f -regextype posix-extended -regex '.*-[0-9a-f]{8}\.[a-z]+' | while read -r f; do
		mv "$f" "$(printf '%s\n' "$f" | sed -E 's/-[0-9a-f]{8}(\.[a-z]+)$/\1/')"
	done
}
check "every file name ends with its hash" bash -c "[ -z \"\$(find '$P' -name '*.pdf' | grep -Ev -- '-[0-9a-f]{8}\.pdf\$')\" ]"
unhash "$P"
check "plan copies go to those present and copies-to" test "$(cd "$P/02-review-scaling/plan-copy" && ls | tr '\n' ' ')" = \
	"NB-2026-0142-plan-copy-m3-c1.pdf NB-2026-0142-plan-copy-m3-p1.pdf NB-2026-0142-plan-copy-m3-p2-large-print.pdf NB-2026-0142-plan-copy-m3-p3.pdf NB-2026-0142-plan-copy-m3-p4.pdf "
check "minutes also go to the file" test -f "$P/02-review-scaling/minutes/NB-2026-0142-minutes-m3-file.pdf"
check "case note: the file only" test "$(ls "$P/02-review-scaling/case-note")" = "NB-2026-0142-case-note-m3-file.pdf"
check "no letter to a child who has died, nor to any child then" bash -c "! ls '$P/12-child-died/closure-letter' | grep -q -- '-c[0-9]'"
check "letters to the family when a child has died" bash -c "ls '$P/12-child-died/closure-letter' | grep -q -- '-p1'"
check "every file is mode 0600" test -z "$(find "$P" -name '*.pdf' ! -perm 0600)"

# Text of every PDF (pages separated by form feeds), once.
find "$P" -name '*.pdf' | while read -r pdf; do pdftotext -enc UTF-8 "$pdf" "${pdf%.pdf}.txt"; done

python3 - "$P" <<'PY'
import glob, os, re, subprocess, sys, xml.etree.ElementTree as ET
P = sys.argv[1]
def ok(n): print("ok - " + n)
def notok(n, why): print("not ok - " + n); [print("    " + l) for l in str(why).splitlines()[:20]]
def norm(s): return re.sub(r'\s+', ' ', s).strip()

results = {}   # (sample, doc, recipient) -> text
for txt in glob.glob(P + '/*/*/*.txt'):
    sample, doc = txt.split('/')[-3:-1]
    results.setdefault(sample, []).append((doc, txt))

def recipient_of(sample, doc, txt, root):
    ref = root.get('ref'); name = os.path.basename(txt)[:-4]
    rest = name[len(ref) + 1 + len(doc):]          # "-m3-p1-large-print"
    parts = rest.strip('-').split('-')
    meetings = {m.get('id') for m in root.iter('meeting')}
    if parts and parts[0] in meetings: parts = parts[1:]
    return parts[0]

# 1. every page: marking, children's names, page N of M (English copies)
bad = []
pages = 0
for sample, docs in results.items():
    root = ET.parse('samples/%s.xml' % sample).getroot()
    names = [norm((c.findtext('preferred-name') or c.findtext('name/given'))) for c in root.iter('child')]
    for doc, txt in docs:
        text = open(txt, encoding='utf-8').read()
        pp = [p for p in text.split('\f') if p.strip()]
        english = not re.search(r'-(cy|pl|ur)(-|$)', os.path.basename(txt)[:-4])
        for i, pg in enumerate(pp, 1):
            pages += 1
            if 'OFFICIAL-SENSITIVE' not in pg and 'SWYDDOGOL-SENSITIF' not in pg: bad.append('%s p%d: no marking' % (txt, i))
            if not any(n in pg for n in names): bad.append('%s p%d: no child name' % (txt, i))
            m = re.search(r'page (\d+) of (\d+)', pg)
            if english and not (m and 1 <= int(m.group(1)) <= int(m.group(2))):
                bad.append('%s p%d: no "page N of M"' % (txt, i))
(ok if not bad else lambda n: notok(n, '\n'.join(bad)))("every page carries the marking, the children's names and page N of M (%d pages)" % pages)

# 2. withholding: no recipient's copy holds a fact withheld from them
checked, leaks, seen_elsewhere = 0, [], 0
for sample, docs in results.items():
    root = ET.parse('samples/%s.xml' % sample).getroot()
    facts = []   # (recipient, text)
    for el in root.iter():
        w = el.get('withheld-from')
        if not w: continue
        lines = [norm(t) for t in el.itertext() if len(norm(t)) >= 6] if len(el) else [norm(''.join(el.itertext()))]
        for r in w.split():
            for l in lines:
                if len(l) >= 6: facts.append((r, l))
    for doc, txt in docs:
        rid = recipient_of(sample, doc, txt, root)
        text = norm(open(txt, encoding='utf-8').read().replace('\f', ' '))
        for r, fact in facts:
            if r == rid:
                checked += 1
                if fact in text: leaks.append('%s: "%s" is withheld from %s' % (os.path.basename(txt), fact, rid))
            elif fact in text:
                seen_elsewhere += 1
if not leaks: ok("nothing withheld from a recipient is in their copy (%d checks)" % checked)
else: notok("nothing withheld from a recipient is in their copy", '\n'.join(leaks))
(ok if checked > 20 and seen_elsewhere > 5 else lambda n: notok(n, 'checked %d, seen elsewhere %d' % (checked, seen_elsewhere)))(
    "withholding is tested on facts that do appear in other copies")

# 3. jargon: every child's copy, with the rules of templates/jargon.txt
terms = []
for line in open('templates/jargon.txt', encoding='utf-8'):
    if line.startswith('#') or not line.strip(): continue
    term, rule = line.rstrip('\n').split('\t')[:2]
    terms.append((term, rule))
def jargon(text):
    found = []
    text = re.sub(r'\S+@\S+', ' ', text)   # email addresses are not words
    for term, rule in terms:
        exact = re.fullmatch(r'[A-Z0-9 ]+', term) is not None
        pat = r'(?<![\w])' + re.escape(term).replace(r'\ ', r'\s+') + r'(?![\w])'
        for m in re.finditer(pat, text, 0 if exact else re.I):
            after = text[m.end():m.end() + 3].lstrip()
            if rule == 'explain' and after[:1] in ('(', ',', ':', '-', '–', '—'): continue
            found.append(term)
    return found
child_copies, hits = 0, []
for sample, docs in results.items():
    root = ET.parse('samples/%s.xml' % sample).getroot()
    kids = {c.get('id') for c in root.iter('child')}
    for doc, txt in docs:
        if recipient_of(sample, doc, txt, root) not in kids: continue
        child_copies += 1
        j = jargon(open(txt, encoding='utf-8').read())
        if j: hits.append('%s: %s' % (os.path.basename(txt), ', '.join(sorted(set(j)))))
if child_copies > 10 and not hits: ok("no jargon in any child's copy (%d copies)" % child_copies)
else: notok("no jargon in any child's copy (%d copies)" % child_copies, '\n'.join(hits))
# the scan finds jargon when it is there
(ok if jargon("Your CIN plan under s17. A strategy discussion.") == ['CIN', 'CiN', 's17', 'strategy discussion']
 else lambda n: notok(n, jargon("Your CIN plan under s17. A strategy discussion.")))("the jargon scan finds CIN, s17 and an unexplained strategy discussion")
(ok if jargon("a strategy discussion, which is a talk") == [] else lambda n: notok(n, "flagged"))("an explained strategy discussion passes")
PY

# Section order, by pdftotext (reading order), English.
order() { # NAME TXT HEADING...
	local n=$1 txt=$2; shift 2
	python3 - "$txt" "$@" <<'PY' && ok "$n" || notok "$n" "$(python3 - "$txt" "$@" <<'PY2'
import sys; t=open(sys.argv[1],encoding='utf-8').read(); print([h for h in sys.argv[2:] if h not in t])
PY2
)"
import sys
t = open(sys.argv[1], encoding='utf-8').read()
pos = [t.find('\n' + h + '\n') for h in sys.argv[2:]]
sys.exit(0 if all(p >= 0 for p in pos) and pos == sorted(pos) else 1)
PY
}
# has NAME TXT STRING: the text holds STRING, whatever the line breaks.
R=$P/02-review-scaling
order "review minutes follow the review agenda (Appendix 3)" "$R/minutes/NB-2026-0142-minutes-m3-file.txt" \
	"Notes of your review meeting" "Who was there" "What has happened since the last meeting" "What you told us" \
	"What your family told us" "What the people who work with you told us" "How your plan is going" \
	"How things are going, from 0 to 10" "What we decided" "The next meeting"
I=$(ls "$P/01-initial-meeting/minutes/"*-file.txt)
order "initial minutes follow the initial agenda (Appendix 2)" "$I" \
	"Notes of your first meeting" "Who was there" "Why we met" "What you told us" "What your family told us" \
	"Your plan" "The back-up plan, and how things are going from 0 to 10" "What we decided" "The next meeting"
order "the full plan: helpers, items, safety, contingency, ending, next review" "$R/plan/NB-2026-0142-plan-m3-file.txt" \
	"Millie’s plan" "Who is helping" "What we are going to do" "Step 1 ✓ Done" "Step 2" "Step 3" "Keeping you safe" \
	"If the plan is not working" "Your family’s back-up plan" "What the council will do" "Things that must always happen" \
	"What would mean the plan can end" "When we meet next"
check "the plan item has the six headers" bash -c "tr '\n' ' ' <'$R/plan/NB-2026-0142-plan-m3-file.txt' | grep -q 'What needs to happen? What is the change we are looking for? .*What do you and your family feel might get in the way? .*How will it happen? What are the tasks? .*Who will do this? .*By when .*Wellbeing and safety goal'"
check "By when is a date" grep -q '^30 June 2026$' "$R/plan/NB-2026-0142-plan-m3-file.txt"
check "the child's words are quoted exactly" grep -q '“I like my new teacher and I have a best friend called Zara. I still don' "$R/minutes/NB-2026-0142-minutes-m3-file.txt"
has "scaling: the child's score, reason and previous score" "$R/minutes/NB-2026-0142-minutes-m3-file.txt" 'Millie 8 “I have a best friend.” 6'
has "scaling: a parent's score, reason and previous score" "$R/minutes/NB-2026-0142-minutes-m3-file.txt" 'Sarah Hartley 8 “Mornings are calm now.” 6'
has "scaling: a first score has no previous one" "$R/minutes/NB-2026-0142-minutes-m3-file.txt" 'Joanne Pennington 7 “Millie is much happier.” –'

check "minutes give the send-by date from the working-day calendar" grep -q 'get these notes and the plan by 20 July 2026' "$R/minutes/NB-2026-0142-minutes-m3-file.txt"
order "plan copy: letter, then plan, then minutes" "$R/plan-copy/NB-2026-0142-plan-copy-m3-p3.txt" \
	"Dear Mr Okafor," "Millie’s plan" "Notes of your review meeting"
has "the grandmother's copy is the short plan she chose" "$R/plan-copy/NB-2026-0142-plan-copy-m3-p2-large-print.txt" 'The short version, agreed at the meeting on 6 July 2026'
check "the short plan has no six-header table" bash -c "! grep -q 'What do you and your family feel' '$R/plan-copy/NB-2026-0142-plan-copy-m3-p2-large-print.txt'"
has "case note: who chaired, decision, next meeting" "$R/case-note/NB-2026-0142-case-note-m3-file.txt" 'Child in Need review meeting held on 6 July 2026, chaired by Samir Kaur (Team Manager, Northbridge County Council). Decision: Continue the Child in Need plan. Next meeting: Monday 28 September 2026 at 10:00.'
expect "closure letters of a closed case" 0 "$CINDOC" render --doc closure-letter --all tests/docs/closed-needs-met.xml -o "$T/closed"
unhash "$T/closed"
pdftotext "$T/closed/NB-2026-0142-closure-letter-c1.pdf" "$T/c1.txt"
# the letter runs onto a second page before the final minutes: read it without the page furniture
pdftotext "$T/closed/NB-2026-0142-closure-letter-p1.pdf" - | grep -v -e " · " -e "^OFFICIAL-SENSITIVE$" >"$T/p1.txt"
# ... and each of its pages as printed: a section is read whole on one page, never split by a footer
pdftotext -f 1 -l 1 "$T/closed/NB-2026-0142-closure-letter-p1.pdf" "$T/p1-page1.txt"
pdftotext -f 2 -l 2 "$T/closed/NB-2026-0142-closure-letter-p1.pdf" "$T/p1-page2.txt"
has "the child's closure letter is written to the child" "$T/c1.txt" "Dear Millie, Your plan has ended"
has "the parent's letter gives the reason" "$T/p1.txt" "we agreed that Millie no longer needs a Child in Need plan"
has "what happens next" "$T/p1.txt" "The family plan agreed at the last meeting carries on without a social worker."
has "who to contact" "$T/p1.txt" "please contact Helen Marsh on 01632 960141 or at helen.marsh@northbridge.example."
has "how to complain" "$T/p1.txt" "make a complaint under our Complaints Procedure: contact the Complaints and Representations Team"
has "who to contact: heading and sentence on one page" "$T/p1-page1.txt" "Who to contact If you have any questions about this letter, please contact Helen Marsh on 01632 960141 or at helen.marsh@northbridge.example."
has "how to complain: heading, whole sentence and sign-off on one page" "$T/p1-page2.txt" "If you are not happy If you are unhappy with our work or with this decision, please talk to us first. You can also make a complaint under our Complaints Procedure: contact the Complaints and Representations Team on 01632 960199 or at complaints@northbridge.example, or write to County Hall, Market Street, Northbridge, NB1 2AA. Yours sincerely,"
check "the letter, then the final minutes on pages of their own" bash -c "pdftotext '$T/closed/NB-2026-0142-closure-letter-p1.pdf' - | tr '\\f' '\\n' | grep -B3 -m1 'Notes of' | grep -q 'Meeting notes'"
D=$(ls "$P"/12-child-died/closure-letter/*-p1*.txt | head -1)
has "when a child has died the family letter is written with care" "$D" "We are so sorry that"
check "and does not say 'What happens next'" bash -c "! grep -q 'What happens next' '$D'"

# PDF tags (pdfinfo -struct): headings, tables with header cells, lists.
pdfinfo -struct "$R/plan/NB-2026-0142-plan-m3-file.pdf" >"$T/plan.struct"
pdfinfo -struct "$R/minutes/NB-2026-0142-minutes-m3-file.pdf" >"$T/minutes.struct"
for tag in H1 H2 H3 Table TR TH TD L LI P; do
	check "plan is tagged: $tag" grep -qE "^ *$tag( |:|\$)" "$T/plan.struct"
done
for tag in H1 H2 THead TH L LI; do
	check "minutes are tagged: $tag" grep -qE "^ *$tag( |:|\$)" "$T/minutes.struct"
done
check "headers and footers are not in the structure" bash -c "! pdfinfo -struct-text '$R/plan/NB-2026-0142-plan-m3-file.pdf' | grep -q OFFICIAL-SENSITIVE"

# The overview is one page, for every sample, in standard print; in large print, with its safety
# plan, at most two.
for f in samples/[0-9]*.xml; do
	for st in standard large-print; do
		"$CINDOC" render --doc plan --for file --version overview --style $st "$f" -o "$T/ov.pdf" >/dev/null 2>"$T/ov.err"
		pages=$(pdfinfo "$T/ov.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
		if [ $st = standard ]; then
			check "overview on one page: $(basename "$f" .xml), $st" test "$pages" = 1
		else
			check "overview on two pages at most: $(basename "$f" .xml), $st" test "$pages" -ge 1 -a "$pages" -le 2
		fi
	done
done

# Right to left, end to end: the Urdu reader's copy holds Urdu text. Its words are read as the
# standard says (each Urdu word's /ActualText, in logical order); poppler's pdftotext reverses them.
U=$(ls "$P"/01-initial-meeting/plan-copy/*-ur.pdf | head -1)
check "an Urdu copy is rendered for the reader who reads Urdu" test -n "$U"
"$TESTS/pdf/ua-check.py" --text "$U" >"$T/ur-words.txt" 2>"$T/ur-words.err"
has "it is in Urdu" "$T/ur-words.txt" "ہمارا حوالہ"
U=${U%.pdf}.txt
has "with the child's words as given" "$U" "“"

# Plan items: a removed item is left out of the readers' copies (the file copy lists it with
# why it was removed); an item agreed at a later meeting is not yet in the plan of an earlier one.
S3=$(ls "$P"/03-siblings/plan/*-file.txt)
check "a removed item is left out of the readers' plans" bash -c "! grep -l 'Maja sees the school counsellor every week' $(ls "$P"/03-siblings/plan/*.txt | grep -v -- '-file.txt' | tr '\n' ' ') "
check "... and is on the file copy only as removed" bash -c "grep -A1 'Steps taken out of the plan' '$S3' | grep -q 'Maja sees the school counsellor every week'"
check "a completed item is kept and marked" grep -q '✓ Done' "$S3"
expect "the plan as it stood after the first meeting" 0 "$CINDOC" render --doc plan --for file --meeting m1 samples/03-siblings.xml -o "$T/m1plan.pdf"
pdftotext "$T/m1plan.pdf" "$T/m1plan.txt"
check "an item agreed at the second meeting is not in the first meeting's plan" bash -c "! grep -q 'Kas catches up on the work he missed' '$T/m1plan.txt' && grep -q 'Kas catches up on the work he missed' '$S3'"
