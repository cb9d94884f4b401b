#!/usr/bin/env bash
# A copy in the reader's language (issues 13 and 14): the case text stays in the case's language
# (no translation is recorded), so the copy says so in the reader's words with how to ask for an
# interpreter; English names and numbers that the templates put inside a translated sentence of
# an Urdu copy are marked as English (a Span with /Lang en) and isolated as left-to-right runs;
# Urdu paragraphs are right to left whatever letter they start with.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/02-review-scaling.xml
LRI=$(printf '\xe2\x81\xa6'); PDI=$(printf '\xe2\x81\xa9')
words() { sed -n "s/.*<text key=\"$2\">\(.*\)<\/text>.*/\1/p" "templates/l10n/$1.xml"; }

# ---- the notice: once, at the start of a plan or minutes, at the end of a letter
for l in cy pl ur; do
	expect "plan ($l)" 0 "$CINDOC" fo --doc plan --for file --lang $l "$S" -o "$T/plan-$l.fo"
	want=$(words $l notice.case-language | sed 's/<slot n="1"\/>.*//')
	check "plan ($l): some parts are in English, in the reader's words" grep -qF "${want:-no such words}" "$T/plan-$l.fo"
	check "plan ($l): with the council's number for an interpreter" grep -qF "01632 960100" "$T/plan-$l.fo"
	n=$(grep -oF "$want" "$T/plan-$l.fo" | wc -l)
	check "plan ($l): said once" test "$n" = 1
done
expect "plan (cy), PDF" 0 "$CINDOC" render --doc plan --for file --lang cy "$S" -o "$T/plan-cy.pdf"
first=$(pdftotext -l 1 "$T/plan-cy.pdf" - | tr -s ' \n' '  ')
case "$first" in
*"6 Gorffennaf 2026 Mae rhai rhannau o’r ddogfen hon yn Saesneg"*"ffoniwch 01632 960100. Cynllun Millie"*) ok "plan (cy): the notice before the plan's title";;
*) notok "plan (cy): the notice before the plan's title" "${first:0:400}";;
esac
expect "plan (en)" 0 "$CINDOC" fo --doc plan --for file "$S" -o "$T/plan-en.fo"
check "plan (en): no notice in the case's own language" bash -c "! grep -qF 'are in English' '$T/plan-en.fo'"
expect "closure letter (pl)" 0 "$CINDOC" render --doc closure-letter --for p1 --lang pl samples/06-step-down.xml -o "$T/cl-pl.pdf"
last=$(pdftotext "$T/cl-pl.pdf" - | tr -s ' \n' '  ')
case "$last" in
*"Niektóre części tego dokumentu są po angielsku"*) ok "letter (pl): the notice";;
*) notok "letter (pl): the notice" "${last:0:400}";;
esac

# ---- Urdu: English names and numbers in translated sentences
expect "minutes (ur)" 0 "$CINDOC" fo --doc minutes --for c1 --lang ur "$S" -o "$T/m-ur.fo"
check "ur: a name inside a translated sentence is marked English and isolated" \
	grep -qF "<fo:inline xml:lang=\"en\">${LRI}Millie Hartley${PDI}</fo:inline>" "$T/m-ur.fo"
check "ur: a phone number is an isolated left-to-right run in a Latin font" \
	grep -qF "<fo:inline xml:lang=\"en\">${LRI}01632$(printf '\xc2\xa0')960199${PDI}</fo:inline>" "$T/m-ur.fo"
check "ur: Urdu words are not marked" bash -c "! grep -q '<fo:inline xml:lang=\"en\">[^<]*[ا-ی]' '$T/m-ur.fo'"
expect "minutes (ur), PDF" 0 "$CINDOC" render --doc minutes --for c1 --lang ur "$S" -o "$T/m-ur.pdf"
spans=$(/usr/bin/python3 - "$T/m-ur.pdf" <<'PY'
import pikepdf, sys
p = pikepdf.open(sys.argv[1])
n = 0
def walk(e):
    global n
    if isinstance(e, pikepdf.Dictionary):
        if e.get("/S") == "/Span" and str(e.get("/Lang", "")) == "en":
            n += 1
        k = e.get("/K")
        for x in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            walk(x)
walk(p.Root.StructTreeRoot)
print(n)
PY
)
check "ur PDF: English names are Spans with /Lang en ($spans)" test "${spans:-0}" -ge 10
# the welsh and polish copies mark nothing inline (a name is in their script)
check "cy: no inline marks" bash -c "! grep -q '<fo:inline xml:lang=' '$T/plan-cy.fo'"

# ---- Urdu right to left: the header line starts with a Latin name and is still right to left
"$CINDOC" fo --doc minutes --for c1 --lang ur "$S" >"$T/m-ur-full.fo"
expect "minutes (ur), trace" 0 "$CINDOC" render-fo "$T/m-ur-full.fo" --writer trace -o "$T/m-ur.trace"
# the header's name run ends at the right edge of the page's content (not at its left margin)
x=$(awk '/^1 glyphs/ && /"Millie Hartley"/ {print $3; exit}' "$T/m-ur.trace")
check "ur: the header line that starts with a name is right to left (name at x=$x, right half)" \
	awk -v x="${x:-0}" 'BEGIN { exit !(x > 297) }'
