#!/usr/bin/env bash
# cindoc fo: the FO of a closure letter, per reader; defaults from the case; withholding.
. "$(dirname "$0")/lib.sh"
D=$TESTS/docs
CASE=$D/closed-needs-met.xml

expect "fo --help exits 0" 0 "$CINDOC" fo --help
check "fo --help shows usage" grep -q '^usage: cindoc fo ' "$T/.run.out"

expect "closure letter to the mother" 0 "$CINDOC" fo --doc closure-letter --for p1 "$CASE"
cp "$T/.run.out" "$T/p1.fo"
check "letter is FO" grep -q '<fo:root' "$T/p1.fo"
check "letter says Dear Ms Hartley" grep -q 'Dear Ms Hartley,' "$T/p1.fo"
check "letter carries the marking" grep -q 'OFFICIAL-SENSITIVE' "$T/p1.fo"
# the last meeting's minutes have not gone out: they follow the letter, numbered through with it
check "letter has page N of M, through the final minutes" grep -q 'page <fo:page-number/> of <fo:page-number-citation-last ref-id="part-minutes"/>' "$T/p1.fo"
expect "closure letter, minutes already sent (sample 07)" 0 "$CINDOC" fo --doc closure-letter --for p1 "$ROOT/samples/07-eighteen.xml"
check "a letter alone has page N of M of its own" grep -q 'page <fo:page-number/> of <fo:page-number-citation-last ref-id="part-letter"/>' "$T/.run.out"
check "letter date is in words" grep -q '28 September 2026' "$T/p1.fo"
check "address window 20 mm from the left edge" grep -q 'absolute-position="fixed" top="47mm" left="20mm"' "$T/p1.fo"
check "the grandmother's address is withheld from the mother" bash -c "! grep -q 'Mill Lane' '$T/p1.fo'"

expect "closure letter to the child" 0 "$CINDOC" fo --doc closure-letter --for c1 "$CASE"
check "child letter says Dear Millie" grep -q 'Dear Millie,' "$T/.run.out"
check "child letter has its own wording" grep -q 'Your plan has ended' "$T/.run.out"

expect "closure letter to the grandmother (large print by default)" 0 "$CINDOC" fo --doc closure-letter --for p2 "$CASE"
check "large print for the grandmother" grep -q 'font-size="16pt"' "$T/.run.out"
check "the grandmother sees her own address" grep -q 'Mill Lane' "$T/.run.out"
expect "--style standard overrides the case" 0 "$CINDOC" fo --doc closure-letter --for p2 --style standard "$CASE"
check "standard size then" grep -q 'font-size="11pt"' "$T/.run.out"

# Large print (clear-print guidance): body 16 pt, nothing under 14 pt but the sender's details
# beside the envelope window, no justified text, no italics.
for d in plan minutes plan-copy; do
	expect "large-print $d" 0 "$CINDOC" fo --doc $d --for p1 --style large-print "$ROOT/samples/02-review-scaling.xml"
	cp "$T/.run.out" "$T/lp-$d.fo"
	check "large-print $d: body 16 pt" grep -q 'font-size="16pt"' "$T/lp-$d.fo"
	small=$(grep -o 'font-size="[0-9.]*pt"' "$T/lp-$d.fo" | sed 's/[^0-9.]//g' | awk '$1 < 14' | sort -u | tr '\n' ' ')
	sender=$(grep -c 'font-size="11.5pt"' "$T/lp-$d.fo")
	check "large-print $d: nothing under 14 pt but the sender block" test "$small" = "" -o "$small" = "11.5 " -a "$sender" = 1
	check "large-print $d: never justified" bash -c "! grep -q 'text-align=\"justify\"' '$T/lp-$d.fo'"
	check "large-print $d: no italics" bash -c "! grep -q 'font-style=\"italic\"' '$T/lp-$d.fo'"
done
check "standard style: ragged right too" bash -c "! '$CINDOC' fo --doc minutes --for file '$ROOT/samples/02-review-scaling.xml' | grep -q 'text-align=\"justify\"'"
# Looks live in styles/: templates name no size, font or colour.
check "templates name no font size" bash -c "! grep -rn 'font-size=\"[0-9]' '$ROOT/templates/' --include=*.xsl"
check "templates name no colour" bash -c "! grep -rnE '(color|background-color)=\"#' '$ROOT/templates/' --include=*.xsl"
check "templates name no font" bash -c "! grep -rn 'font-family=\"' '$ROOT/templates/' --include=*.xsl"
# The case file's name is a parameter of the transform, given as a string: any name will do, one
# with both kinds of quote too, and the FO is the same as under any other name.
Q=$T/quotes
mkdir -p "$Q" && cp "$ROOT/samples/02-review-scaling.xml" "$Q/it's \"ours\".xml" && cp "$ROOT/samples/authority.xml" "$Q/"
check "a case file named with both kinds of quote" "$CINDOC" fo --doc plan --for p1 -o "$Q/quoted.fo" "$Q/it's \"ours\".xml"
"$CINDOC" fo --doc plan --for p1 -o "$Q/plain.fo" "$ROOT/samples/02-review-scaling.xml"
check "the same FO as under its own name" cmp "$Q/quoted.fo" "$Q/plain.fo"
