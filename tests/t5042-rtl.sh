#!/usr/bin/env bash
# An Urdu copy is laid out right to left throughout (issue 13): the page-sequence is
# writing-mode="rl-tb", so list bullets sit right of their text, the label column of a plan item
# is on the right, quote and notice bars are right of the text; the letterhead stays at the top
# right (the reading side, clear of the envelope's window) with every line there, the phone line
# too, and the address stays in the window at the left. A postcode (Latin case data) is set in
# one font with its own space, as in the English copy. Positions come from pdftotext -bbox and,
# for rules, from the trace writer. pdftotext -bbox reads Nastaliq words whole (each is drawn
# with its /ActualText), though plain pdftotext prints their letters reversed (README).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

# bb FILE PAGE WORD [N]: "xMin yMin xMax yMax" of the Nth (default 1st) word WORD on page PAGE.
bb() {
	pdftotext -bbox -f "$2" -l "$2" "$1" - | python3 -c '
import re, sys
want, n = sys.argv[1], int(sys.argv[2])
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">([^<]*)</word>", sys.stdin.read()):
    if m.group(5) == want:
        n -= 1
        if n == 0:
            print(*m.groups()[:4]); break' "$3" "${4:-1}"
}
# num A OP B: a comparison of two numbers (awk).
num() { awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; }

# ---- the letter: letterhead at the right, address in the window, postcodes in one font
L=samples/11-transfer-out.xml
expect "letter (ur)" 0 "$CINDOC" render --doc closure-letter --for p2 "$L" -o "$T/l-ur.pdf"
expect "letter (en)" 0 "$CINDOC" render --doc closure-letter --for p2 --lang en "$L" -o "$T/l-en.pdf"
read -r _ _ hx _ <<<"$(bb "$T/l-ur.pdf" 1 Services)"
check "letter (ur): the letterhead at the top right (its lines end at ${hx:-none})" num "${hx:-0}" '>' 530
read -r _ _ px _ <<<"$(bb "$T/l-ur.pdf" 1 960200)"
check "letter (ur): the letterhead's phone line at the right like its other lines (its number ends at ${px:-none})" num "${px:-0}" '>' 500
read -r ax _ _ _ <<<"$(bb "$T/l-ur.pdf" 1 Orchard)"
check "letter (ur): the address in the envelope's window, at the left (${ax:-none})" num "${ax:-999}" '<' 100
for pc in "NB3 5RW" "A98 X2Y3"; do
	a=${pc% *} b=${pc#* }
	read -r _ uy1 ux1 _ <<<"$(bb "$T/l-ur.pdf" 1 "$a")"
	read -r ux2 uy2 _ _ <<<"$(bb "$T/l-ur.pdf" 1 "$b")"
	read -r _ _ ex1 _ <<<"$(bb "$T/l-en.pdf" 1 "$a")"
	read -r ex2 _ _ _ <<<"$(bb "$T/l-en.pdf" 1 "$b")"
	gu=$(awk -v a="${ux1:-0}" -v b="${ux2:-0}" 'BEGIN { print b - a }')
	ge=$(awk -v a="${ex1:-0}" -v b="${ex2:-0}" 'BEGIN { print b - a }')
	check "letter (ur): '$pc' keeps its space, as wide as in the English copy ($gu, $ge)" \
		awk -v u="$gu" -v e="$ge" 'BEGIN { d = u - e; exit !(e > 2 && d < 0.05 && d > -0.05) }'
	check "letter (ur): '$pc' in one font (its two parts on one top line: $uy1, $uy2)" \
		awk -v a="${uy1:-0}" -v b="${uy2:-1}" 'BEGIN { d = a - b; exit !(a > 0 && d < 0.01 && d > -0.01) }'
done
pdftotext -layout -l 1 "$T/l-ur.pdf" "$T/l-ur.txt"
check "letter (ur): pdftotext -layout reads 'NB3 5RW' and 'A98 X2Y3'" \
	bash -c "grep -q 'NB3 5RW' '$T/l-ur.txt' && grep -q 'A98 X2Y3' '$T/l-ur.txt'"

# ---- minutes: bullets right of their text, quote and notice bars right of the text
M=samples/01-initial-meeting.xml
expect "minutes (ur)" 0 "$CINDOC" render --doc minutes --for p2 "$M" -o "$T/m-ur.pdf"
read -r nx1 _ nx2 _ <<<"$(bb "$T/m-ur.pdf" 1 Nadia)"
read -r bx1 _ _ _ <<<"$(bb "$T/m-ur.pdf" 1 "•" 2)"
check "minutes (ur): a bullet right of its item's text (bullet $bx1, text ends $nx2)" num "${bx1:-0}" '>' "${nx2:-999}"
n=$(pdftotext -bbox -l 1 "$T/m-ur.pdf" - | grep -c '>•</word>')
left=$(pdftotext -bbox -l 1 "$T/m-ur.pdf" - | grep '>•</word>' | sed 's/.*xMin="\([0-9.]*\)".*/\1/' | awk '$1 < 500' | wc -l)
check "minutes (ur): every bullet of page 1 at the right ($n bullets, $left not)" test "$n" -gt 3 -a "$left" = 0
# a parent's view is led by "Nadia Chaudhry (mother):", a Latin name and relationship that keep
# their order: "(mother)" right of the name, not before it as ":(mother) Nadia Chaudhry"
vp=$(for p in 1 2 3 4; do pdftotext -f $p -l $p "$T/m-ur.pdf" - | grep -q '(mother):' && { echo $p; break; }; done)
[ -n "$vp" ] || vp=$(for p in 1 2 3 4; do pdftotext -f $p -l $p "$T/m-ur.pdf" - | grep -q ':(mother)' && { echo $p; break; }; done)
vx=$(pdftotext -bbox -f "${vp:-2}" -l "${vp:-2}" "$T/m-ur.pdf" - | python3 -c '
import re, sys
words = [(float(m.group(1)), float(m.group(2)), m.group(3).strip(":")) for m in
         re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read())]
for x, y, w in words:
    if w == "(mother)":
        near = [nx for nx, ny, nw in words if nw == "Nadia" and abs(ny - y) < 2]
        if near:
            print(near[0], x); break')
read -r vn vm <<<"$vx"
check "minutes (ur): a view's lead keeps 'Nadia Chaudhry (mother)' in order (name at ${vn:-none}, relationship at ${vm:-none})" \
	num "${vm:-0}" '>' "${vn:-999}"
# the heading "ہم کیوں ملے" ("why we met"): three whole words on one line, read from the right
hw=$(for p in 1 2 3 4; do pdftotext -bbox -f $p -l $p "$T/m-ur.pdf" -; done | python3 -c '
import re, sys
w = [(float(m.group(1)), float(m.group(2)), m.group(3)) for m in
     re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read())]
for x, y, t in w:
    if t == "کیوں":
        a = [nx for nx, ny, nt in w if nt == "ہم" and abs(ny - y) < 2 and nx > x]
        c = [nx for nx, ny, nt in w if nt == "ملے" and abs(ny - y) < 2 and nx < x]
        if a and c:
            print("right to left at", min(a), x, max(c)); break')
check "minutes (ur): pdftotext -bbox reads the heading's Urdu words whole, from the right (${hw:-not found})" test -n "$hw"
expect "minutes (ur), FO" 0 "$CINDOC" fo --doc minutes --for p2 "$M" -o "$T/m-ur.fo"
expect "minutes (ur), trace" 0 "$CINDOC" render-fo --writer trace "$T/m-ur.fo" -o "$T/m-ur.trace"
# the bars: vertical rules in the rule colour; each must be right of the text beside it
bars=$(python3 - "$T/m-ur.trace" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
glyphs, bad, n = [], [], 0
for l in lines:
    m = re.match(r'(\d+) glyphs ([\d.]+) ([\d.]+) "[^"]*" (#\w+) w=([\d.]+)', l)
    if m:
        glyphs.append((int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(5))))
for l in lines:
    m = re.match(r'(\d+) line ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) solid #8AA3B5', l)
    if not m or m.group(2) != m.group(4):
        continue
    pg, x, y1, y2 = int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(5))
    beside = [g for g in glyphs if g[0] == pg and y1 < g[2] < y2]
    if not beside:
        continue
    n += 1
    right = max(g[1] + g[3] for g in beside)
    if x < right:
        bad.append("bar at %.2f, text to %.2f (page %d)" % (x, right, pg))
print(n, "; ".join(bad) or "none left of its text")
PY
)
check "minutes (ur): the quote and notice bars right of their text ($bars)" \
	bash -c "case '$bars' in [2-9]*' none left of its text'|[1-9][0-9]*' none left of its text') exit 0;; esac; exit 1"

# ---- a plan item: the label column on the right, the answers to its left
P=samples/01-initial-meeting.xml
expect "plan (ur)" 0 "$CINDOC" render --doc plan --for p2 "$P" -o "$T/p-ur.pdf"
page=$(for p in 1 2 3 4 5; do pdftotext -f $p -l $p "$T/p-ur.pdf" - | grep -q 'Zain has time after school' && { echo $p; break; }; done)
# "Zain has time after school to rest, play and do his homework.": the answer column is the
# left 62% of the 481.9pt measure (from 56.7pt): it ends at 355.5pt
read -r vx1 vy1 vx2 _ <<<"$(bb "$T/p-ur.pdf" "${page:-1}" school)"
check "plan (ur): an answer in the left column (its first line ends at ${vx2:-none})" num "${vx2:-999}" '<' 356
# the Urdu label on the answer's line is right of it
lx=$(pdftotext -bbox -f "${page:-1}" -l "${page:-1}" "$T/p-ur.pdf" - | python3 -c '
import re, sys
y = float(sys.argv[1]); xs = []
for m in re.finditer(r"<word xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"[\d.]+\" yMax=\"[\d.]+\">([^<]*)</word>", sys.stdin.read()):
    if re.search("[\u0600-\u06ff]", m.group(3)) and abs(float(m.group(2)) - y) < 25:
        xs.append(float(m.group(1)))
print(min(xs) if xs else "")' "${vy1:-0}")
check "plan (ur): the question of the row in the right column (from ${lx:-none}), right of the answer" \
	num "${lx:-0}" '>' "${vx2:-999}"
