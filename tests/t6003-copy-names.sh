#!/usr/bin/env bash
# File names of copies never collide: one recipient's copy is never filed as another's.
# A father "p2" who reads Welsh and an adviser whose id is "p2-cy"; two families whose refs
# differ only in punctuation ("NB/2026/0803" and "NB_2026_0803"); mark-issued by file name; the
# reserved id "file"; every run refuses two items that share a file.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
TODAY=2026-11-25
S=samples/09-withheld-address.xml
# Cases take the authority's details from authority.xml beside them.
for d in "$T" "$T/c1" "$T/c2" "$T/c3" "$T/c5"; do mkdir -p "$d" && cp samples/authority.xml "$d/"; done

# --- the father p2 reads Welsh; the domestic violence adviser (p3) becomes "p2-cy" -----------
# Her copy holds the new address withheld from him; his must not.
sed -e 's/\bp3\b/p2-cy/g' -e '/<person id="p2"/,/<\/person>/s/<reads lang="en"/<reads lang="cy"/' "$S" >"$T/p2cy.xml"
check "the p2 / p2-cy case is valid" "$CINDOC" check "$T/p2cy.xml"

expect "render --all: p2 and p2-cy" 0 "$CINDOC" render --doc plan-copy --all "$T/p2cy.xml" -o "$T/all"
cp "$T/.run.out" "$T/all.list"
check "render --all lists no file twice" bash -c "[ -z \"\$(sort '$T/all.list' | uniq -d)\" ]"
check "render --all writes one file per line it lists" \
	test "$(find "$T/all" -type f -name '*.pdf' | wc -l)" = "$(wc -l <"$T/all.list")"
expect "render --for p2 names the father's copy" 0 "$CINDOC" render --doc plan-copy --for p2 "$T/p2cy.xml" -o "$T/one/"
father=$(basename "$(cat "$T/.run.out")")
expect "render --for p2-cy names the adviser's copy" 0 "$CINDOC" render --doc plan-copy --for p2-cy "$T/p2cy.xml" -o "$T/one/"
adviser=$(basename "$(cat "$T/.run.out")")
check "the two copies have different names" test -n "$father" -a "$father" != "$adviser"
check "--all and --for name the father's copy alike" grep -qx "$T/all/$father" "$T/all.list"
pdftotext -enc UTF-8 "$T/all/$father" "$T/father.txt" 2>/dev/null
pdftotext -enc UTF-8 "$T/all/$adviser" "$T/adviser.txt" 2>/dev/null
check "the father's copy (render --all) has no withheld address" bash -c "! grep -q -e Southmere -e 'NB9 6HH' -e Heron '$T/father.txt'"
check "the father's copy is in Welsh" grep -q 'Annwyl' "$T/father.txt"
check "the adviser's copy is hers (the address is not withheld from her)" grep -q 'Southmere' "$T/adviser.txt"

mkdir -p "$T/c1"
cp "$T/p2cy.xml" "$T/c1/09.xml"
expect "queue: p2 and p2-cy" 0 "$CINDOC" queue "$T/c1" -o "$T/q1" --today $TODAY
check "queue: no two rows share a file" bash -c "[ -z \"\$(cut -d, -f15 '$T/q1/manifest.csv' | sort | uniq -d)\" ]"
f_p2=$(python3 -c 'import csv,sys
print(*[r["file"] for r in csv.DictReader(open(sys.argv[1])) if r["recipient"]=="p2" and r["meeting"]=="m2"])' "$T/q1/manifest.csv")
f_adv=$(python3 -c 'import csv,sys
print(*[r["file"] for r in csv.DictReader(open(sys.argv[1])) if r["recipient"]=="p2-cy" and r["meeting"]=="m2"])' "$T/q1/manifest.csv")
check "queue: the father's and the adviser's rows name different files" test -n "$f_p2" -a "$f_p2" != "$f_adv"
pdftotext -enc UTF-8 "$T/q1/$f_p2" "$T/qfather.txt" 2>/dev/null
check "queue: the father's file has no withheld address" bash -c "! grep -q -e Southmere -e 'NB9 6HH' '$T/qfather.txt'"
check "queue folder consistent" python3 tests/queue/check.py "$T/q1"

# --- two families whose refs differ only in punctuation ----------------------------------------
mkdir -p "$T/c2"
sed 's|ref="NB-2026-0803"|ref="NB/2026/0803"|' "$S" >"$T/c2/a.xml"
sed -e 's|ref="NB-2026-0803"|ref="NB_2026_0803"|' -e 's|<given>Ellie</given>|<given>Elsie</given>|' "$S" >"$T/c2/b.xml"
expect "queue: refs NB/2026/0803 and NB_2026_0803" 0 "$CINDOC" queue "$T/c2" -o "$T/q2" --today $TODAY
rows=$(($(wc -l <"$T/q2/manifest.csv") - 1))
check "queue: both families' items are queued ($rows)" test "$rows" -gt 0 -a "$(grep -c '^NB/2026/0803/' "$T/q2/manifest.csv")" = "$(grep -c '^NB_2026_0803/' "$T/q2/manifest.csv")"
check "queue: no two rows share a file" bash -c "[ -z \"\$(cut -d, -f15 '$T/q2/manifest.csv' | sort | uniq -d)\" ]"
check "queue: one PDF per item" test "$(find "$T/q2" -name '*.pdf' ! -name print.pdf | wc -l)" = "$rows"
check "queue folder consistent" python3 tests/queue/check.py "$T/q2"
one=$(python3 -c 'import csv,sys
print([r["file"] for r in csv.DictReader(open(sys.argv[1])) if r["item"]=="NB/2026/0803/plan-copy/m2/p1"][0].split("/")[1])' "$T/q2/manifest.csv")
expect "mark-issued by file name" 0 "$CINDOC" queue mark-issued "$T/q2" "$one" --today $TODAY
check "mark-issued by file name marks exactly one item" grep -q ': 1 item marked issued' "$T/.run.out"
check "... the right one" test "$(cut -f1,2 "$T/q2/ledger.tsv" | grep $'\tissued$' | cut -f1)" = NB/2026/0803/plan-copy/m2/p1
expect "render --all of both families into one folder" 0 "$CINDOC" render --doc plan-copy --all "$T/c2/a.xml" -o "$T/both"
expect "... the second family" 0 "$CINDOC" render --doc plan-copy --all "$T/c2/b.xml" -o "$T/both"
check "... keeps both families' copies" test "$(find "$T/both" -name '*.pdf' | wc -l)" = $((2 * $(wc -l <"$T/.run.out")))

# --- names stay readable, and short enough for any file system ---------------------------------
check "a name is the ref, the document, the meeting, the recipient and a short hash" \
	test "$(grep -c '/NB_2026_0803-plan-copy-m2-p1-[0-9a-f]\{8\}\.pdf,' "$T/q2/manifest.csv")" = 2
sed "s|ref=\"NB-2026-0803\"|ref=\"$(printf 'NB-%.0s' $(seq 1 120))0803\"|" "$S" >"$T/longref.xml"
expect "a very long ref still renders (the name is cut, the hash keeps it apart)" 0 "$CINDOC" render --doc plan-copy --for p1 "$T/longref.xml" -o "$T/long/"
check "... into a name of at most 200 bytes" test "$(basename "$(cat "$T/.run.out")" | wc -c)" -le 201

# --- the reserved id "file" ---------------------------------------------------------------------
sed 's/\bp8\b/file/g' "$S" >"$T/fileid.xml"
line=$(grep -n '<person id="file"' "$T/fileid.xml" | cut -d: -f1)
expect "check: a person whose id is 'file' is an error" 3 "$CINDOC" check "$T/fileid.xml"
check "... with file:line" grep -q "^$T/fileid.xml:$line: error: .*'file'" "$T/.run.err"
mkdir -p "$T/c3" && cp "$T/fileid.xml" "$T/c3/"
expect "queue: the case is skipped (exit 6), not its recipient" 6 "$CINDOC" queue "$T/c3" -o "$T/q3" --today $TODAY
check "... and said why" grep -q "fileid.xml:$line: error: .*'file'" "$T/.run.err"
expect "render --all refuses it too" 3 "$CINDOC" render --doc plan-copy --all "$T/fileid.xml" -o "$T/fileall"
check "... writing nothing" test ! -e "$T/fileall"

# --- every run refuses two items that share a file ---------------------------------------------
cp -a "$T/q1" "$T/q4"
python3 - "$T/q4/ledger.tsv" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p, encoding="utf-8").read().split("\n")
rows = [l.split("\t") for l in lines[2:] if l]
cols = lines[1].split("\t")
fi = cols.index("file")
rows[1][fi] = rows[0][fi]   # two items, one file
open(p, "w", encoding="utf-8").write("\n".join(lines[:2] + ["\t".join(r) for r in rows]) + "\n")
EOF
snap() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
snap "$T/q4" >"$T/q4.before"
expect "queue: two ledger rows that share a file are refused" 3 "$CINDOC" queue "$T/c1" -o "$T/q4" --today $TODAY
check "... naming the file and both items" grep -q "ledger.tsv:4: error: .* shares the file .* with .*ledger.tsv:3" "$T/.run.err"
expect "mark-issued refuses it too" 3 "$CINDOC" queue mark-issued "$T/q4" 2026-12-03 --today $TODAY
snap "$T/q4" >"$T/q4.after"
check "... and the queue is left as it was" cmp -s "$T/q4.before" "$T/q4.after"

# --- item ids of two cases alike: "Z/plan-copy" + closure-letter/p1 and "Z" + plan-copy/closure-letter/p1
mkdir -p "$T/c5"
sed -E '0,/ ref="[^"]*"/s// ref="Z\/plan-copy"/' samples/06-step-down.xml >"$T/c5/a.xml"
sed -e 's| ref="NB-2026-0803"| ref="Z"|' -e 's|id="m2"|id="closure-letter"|' "$S" >"$T/c5/b.xml"
expect "queue: two cases whose item ids read alike: the second is skipped (exit 6)" 6 "$CINDOC" queue "$T/c5" -o "$T/q5" --today $TODAY
check "... saying which item" grep -q "b.xml:[0-9]*: error: item 'Z/plan-copy/closure-letter/[a-z0-9]*' is also an item of 'a.xml'" "$T/.run.err"
check "... and the first case's letter is its own" grep -q '^Z/plan-copy/closure-letter/p1,Z/plan-copy,' "$T/q5/manifest.csv"

# --- a ref with a tab or a newline: refused wherever a case is loaded ------------------------
for c in '&#9;' '&#10;'; do
	sed "s|ref=\"NB-2026-0803\"|ref=\"NB\\${c}2026\"|" "$S" >"$T/ctl.xml"
	line=$(grep -n 'ref="NB&#' "$T/ctl.xml" | cut -d: -f1)
	expect "check: a ref with $c is an error" 3 "$CINDOC" check "$T/ctl.xml"
	check "... at file:line" grep -q "^$T/ctl.xml:$line: error: the case ref holds a control character" "$T/.run.err"
	expect "render refuses it too" 3 "$CINDOC" render --doc plan-copy --for p1 "$T/ctl.xml" -o "$T/ctl.pdf"
	mkdir -p "$T/c6" && cp samples/authority.xml "$T/ctl.xml" "$T/c6/"
	expect "queue skips it (exit 6)" 6 "$CINDOC" queue "$T/c6" -o "$T/q6" --today $TODAY
done
