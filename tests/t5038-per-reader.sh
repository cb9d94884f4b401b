#!/usr/bin/env bash
# Case text written for each reader, and the reason for ending said once (issue 13): a paragraph
# of case text may be written for the child (p/@for="child") next to its variant for adults
# (for="adults"); each copy reads its own ("Mum’s anniversary" for Ruby, "the anniversary of
# Ruby’s mum’s death" for her father and the file). A closure letter says why the plan ended
# once: the file's own account (closure/why) follows the reason's sentence only when that
# sentence says no more than that the plan did its work (needs met, supervision order ended).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/06-step-down.xml
CHILD="will be there around Mum’s anniversary in January"
ADULT="will be there around the anniversary of Ruby’s mum’s death in January"

# ---- per-reader case text (sample 06)
expect "sample 06 closure letter to Ruby" 0 "$CINDOC" render --doc closure-letter --for c1 "$S" -o "$T/c1.pdf"
pdf "$T/c1.pdf"
expect "sample 06 closure letter to her father" 0 "$CINDOC" render --doc closure-letter --for p1 "$S" -o "$T/p1.pdf"
pdf "$T/p1.pdf"
has "Ruby reads the child's words" "$T/c1.txt" "$CHILD"
hasnt "... not the adults'" "$T/c1.txt" "$ADULT"
has "her father reads the adults' words" "$T/p1.txt" "$ADULT"
hasnt "... not the child's" "$T/p1.txt" "$CHILD"
expect "sample 06 closing summary (file)" 0 "$CINDOC" render --doc closing-summary --for file "$S" -o "$T/cs.pdf"
pdf "$T/cs.pdf"
has "the file reads the adults' words" "$T/cs.txt" "$ADULT"
hasnt "... not the child's" "$T/cs.txt" "$CHILD"
expect "sample 06 minutes m3, Ruby's copy" 0 "$CINDOC" render --doc minutes --for c1 --meeting m3 "$S" -o "$T/m3c.pdf"
pdf "$T/m3c.pdf"
expect "sample 06 minutes m3, file copy" 0 "$CINDOC" render --doc minutes --for file --meeting m3 "$S" -o "$T/m3f.pdf"
pdf "$T/m3f.pdf"
has "minutes, Ruby's copy: the child's words" "$T/m3c.txt" "Mum’s anniversary in January may be hard."
hasnt "minutes, Ruby's copy: not the adults'" "$T/m3c.txt" "The anniversary of Ruby’s mum’s death"
has "minutes, file copy: the adults' words" "$T/m3f.txt" "The anniversary of Ruby’s mum’s death in January may be hard."
hasnt "minutes, file copy: not the child's" "$T/m3f.txt" "Mum’s anniversary in January may be hard."

# ---- the reason for ending, said once
has "needs met: the file's account says what changed" "$T/p1.txt" "Ruby is eating well, has settled at her new school"
expect "sample 07 closure letter to the mother" 0 "$CINDOC" render --doc closure-letter --for p1 samples/07-eighteen.xml -o "$T/07.pdf"
pdf "$T/07.pdf"
has "07: turned 18, said once" "$T/07.txt" "has turned 18, so the Child in Need plan ended on 20 November 2026."
hasnt "07: not said again" "$T/07.txt" "The plan has ended because Tyler turned 18"
expect "sample 08 closure letter to the mother" 0 "$CINDOC" render --doc closure-letter --for p1 samples/08-child-protection.xml -o "$T/08.pdf"
pdf "$T/08.pdf"
has "08: the child protection plan, said once" "$T/08.txt" "A child protection conference decided that Leo should have a child protection plan."
hasnt "08: not said again" "$T/08.txt" "a child protection conference decided that Leo needs a child protection plan"
expect "sample 11 closure letter to the mother" 0 "$CINDOC" render --doc closure-letter --for p1 samples/11-transfer-out.xml -o "$T/11.pdf"
pdf "$T/11.pdf"
has "11: the transfer, said once" "$T/11.txt" "passed to Eastfold City Council on 12 November 2026"
hasnt "11: not said again" "$T/11.txt" "Eastfold City Council took over the plan at its meeting"
