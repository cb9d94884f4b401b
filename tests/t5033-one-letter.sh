#!/usr/bin/env bash
# One closure letter to two parents at one address (issue 13): "Dear Mrs Lindgren and Mr
# Lindgren", both names in the envelope window, one item in the queue and one file from
# render --all, named for both; two letters when one of them asked for their own
# (reads/@own-letter), and none joined when they live apart, read differently or have
# something withheld from one of them. The rule is cd_rule_one_letter (case/rules.c), asked by
# cd_recipients (transform/documents.c) for every command.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
names() { (cd "$1" && ls | sed 's/-[0-9a-f]\{8\}\.pdf$//' | sort | tr '\n' ' '); }
S=samples/12-child-died.xml

# ---- render --all: one letter to both parents of sample 12, one to the hospice nurse
mkdir -p "$T/all"
expect "render --all closure letters (sample 12)" 0 "$CINDOC" render --doc closure-letter --all "$S" -o "$T/all/"
check "render --all: one letter to both parents, named for both (p1_p2)" \
	test "$(names "$T/all")" = "NB-2025-1734-closure-letter-p1_p2 NB-2025-1734-closure-letter-p6 "
pdftotext "$T"/all/*p1_p2*.pdf "$T/joint.txt"
has "the letter greets both" "$T/joint.txt" "Dear Mrs Lindgren and Mr Lindgren,"
has "the envelope window names both, then the address" "$T/joint.txt" \
	"Mrs Anna Lindgren Mr Peter Lindgren The Old Forge Mill Hill Fernleigh NB8 2OF"
for l in cy pl ur; do
	expect "the letter to both in $l" 0 "$CINDOC" fo --doc closure-letter --for p1+p2 --lang $l "$S"
	cp "$T/.run.out" "$T/joint-$l.fo"
done
has "Welsh greets both" "$T/joint-cy.fo" "Annwyl Mrs Lindgren a Mr Lindgren,"
has "Polish greets both" "$T/joint-pl.fo" "Mrs Lindgren i Mr Lindgren"
# in Urdu each English name is its own left-to-right run, marked as English
has "Urdu greets both" "$T/joint-ur.fo" "<fo:inline xml:lang=\"en\">⁦Mrs Lindgren⁩</fo:inline> اور <fo:inline xml:lang=\"en\">⁦Mr Lindgren⁩</fo:inline>"

# ---- the queue: one item for both, its manifest row and file say so
mkdir -p "$T/cases" && cp "$S" samples/authority.xml "$T/cases/"
expect "queue sample 12" 0 "$CINDOC" queue "$T/cases" -o "$T/q" --today 2026-11-25 -q
check "the queue: one closure letter item for both parents" grep -q \
	'^NB-2025-1734/closure-letter/p1+p2,NB-2025-1734,p1+p2,Mrs Anna Lindgren & Mr Peter Lindgren,closure-letter,,en,standard,full,2026-11-30,queued,.*,2026-11-30/NB-2025-1734-closure-letter-p1_p2-[0-9a-f]*\.pdf,[0-9a-f]\{64\}$' \
	"$T/q/manifest.csv"
check "the queue: no letter of their own to either parent" bash -c \
	"[ \$(grep -c '^NB-2025-1734/closure-letter/' '$T/q/manifest.csv') = 2 ]"

# ---- one of them asked for their own letter: two letters, in render --all and the queue
mkdir -p "$T/own/cases" "$T/own/all"
python3 - "$S" "$T/own/cases/12-child-died.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
p2 = s.index('<person id="p2"')
r = s.index('<reads lang="en" version="full"/>', p2)
s = s[:r] + '<reads lang="en" version="full" own-letter="true"/>' + s[r + len('<reads lang="en" version="full"/>'):]
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY
cp samples/authority.xml "$T/own/cases/"
expect "the case with p2's own-letter is valid" 0 "$CINDOC" check "$T/own/cases/12-child-died.xml"
expect "render --all, own letters asked for" 0 "$CINDOC" render --doc closure-letter --all "$T/own/cases/12-child-died.xml" -o "$T/own/all/"
check "render --all: a letter each when one asked for their own" \
	test "$(names "$T/own/all")" = "NB-2025-1734-closure-letter-p1 NB-2025-1734-closure-letter-p2 NB-2025-1734-closure-letter-p6 "
expect "queue, own letters asked for" 0 "$CINDOC" queue "$T/own/cases" -o "$T/own/q" --today 2026-11-25 -q
check "the queue: a letter each when one asked for their own" bash -c \
	"grep -q '^NB-2025-1734/closure-letter/p1,' '$T/own/q/manifest.csv' && grep -q '^NB-2025-1734/closure-letter/p2,' '$T/own/q/manifest.csv' && ! grep -q 'p1+p2' '$T/own/q/manifest.csv'"
expect "a letter to both is refused when one asked for their own" 2 "$CINDOC" render --doc closure-letter --for p1+p2 "$T/own/cases/12-child-died.xml" -o "$T/own/x.pdf"
check "... with a message that says why" grep -q "12-child-died.xml: 'p1' and 'p2' are not sent one letter together" "$T/.run.err"

# ---- not joined: parents reading different versions (sample 08), apart (sample 09: and the
# mother's address is withheld from the father)
mkdir -p "$T/08" "$T/09"
expect "render --all closure letters (sample 08)" 0 "$CINDOC" render --doc closure-letter --all samples/08-child-protection.xml -o "$T/08/"
check "sample 08: parents reading different versions get a letter each" bash -c \
	"ls '$T/08' | grep -q -- '-p1-' && ls '$T/08' | grep -q -- '-p2-' && ! ls '$T/08' | grep -q 'p1_p2'"
expect "a joint letter to someone withheld from" 2 "$CINDOC" render --doc closure-letter --for p1+p2 samples/09-withheld-address.xml -o "$T/09/x.pdf"
check "... refused" grep -q "'p1' and 'p2' are not sent one letter together" "$T/.run.err"
expect "a joint recipient of a plan copy" 2 "$CINDOC" render --doc minutes --for p1+p2 "$S" -o "$T/x.pdf"
check "... refused: only a closure letter goes to two" grep -q "only a closure letter is written to two people together: give one id, not 'p1+p2'" "$T/.run.err"
expect "a joint recipient with an unknown id" 2 "$CINDOC" render --doc closure-letter --for p1+p99 "$S" -o "$T/x.pdf"
check "... refused naming the id" grep -q "no child or person with id 'p99'" "$T/.run.err"
check "no file left by the refusals" bash -c "! ls '$T'/x.pdf '$T'/09/x.pdf '$T'/own/x.pdf 2>/dev/null | grep -q ."
