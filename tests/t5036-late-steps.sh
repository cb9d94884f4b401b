#!/usr/bin/env bash
# Late and removed steps (issue 13): a step whose "by when" passed before a meeting while it was
# still open is flagged as late in that meeting's minutes, with what the meeting agreed about it
# (item/late[@meeting]; `cindoc check` warns when nothing is recorded: tests/check/w-step-late);
# a removed step stays on the file copy of the plan with the meeting that removed it and why,
# and in the plans of the meetings before it.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/08-child-protection.xml

# ---- late steps in sample 08's minutes, with what each meeting agreed
for m in m1 m2 m3; do
	expect "sample 08 minutes $m (mother's copy)" 0 "$CINDOC" render --doc minutes --for p1 --meeting $m "$S" -o "$T/$m.pdf"
	pdf "$T/$m.pdf"
done
hasnt "m1: nothing is late yet" "$T/m1.txt" "Late:"
has "m2: breakfast is late, with what m2 agreed" "$T/m2.txt" \
	"Leo has breakfast every morning. (Shannon Fairbairn and Sophie Lamb, by 28 August 2026) Late: this was to be done by 28 August 2026. What we agreed: Nursery gives Leo breakfast; Mum has not started the porridge at home yet."
has "m2: the drinking help is late, with what m2 agreed" "$T/m2.txt" \
	"Late: this was to be done by 11 September 2026. What we agreed: Mum has been twice; Dad has not been."
has "m3: what m3 agreed, not m2's" "$T/m3.txt" \
	"Late: this was to be done by 28 August 2026. What we agreed: Still not every morning at home."
hasnt "m3: ... and not what m2 agreed" "$T/m3.txt" "Mum has not started the porridge"
expect "sample 08 is checked clean (every late step has what was agreed)" 0 "$CINDOC" check "$S"
for l in cy pl ur; do
	expect "sample 08 m3 minutes ($l)" 0 "$CINDOC" fo --doc minutes --for p1 --meeting m3 --lang $l "$S"
	cp "$T/.run.out" "$T/m3-$l.fo"
done
has "Welsh: late" "$T/m3-cy.fo" "Yn hwyr: roedd hyn i fod wedi’i wneud erbyn 28 Awst 2026."
has "Polish: late" "$T/m3-pl.fo" "Opóźnione: miało być zrobione do 28 sierpnia 2026"
has "Urdu: late" "$T/m3-ur.fo" "تاخیر: یہ"

# ---- a removed step: on the file copy with why, in the plan before it was removed
P=samples/03-siblings.xml
expect "sample 03 plan, file copy" 0 "$CINDOC" render --doc plan --for file "$P" -o "$T/file.pdf"
pdf "$T/file.pdf"
has "file copy: the removed step, when and why" "$T/file.txt" \
	"Steps taken out of the plan • Maja sees the school counsellor every week. Taken out at the meeting on 17 November 2026: Maja said she would rather talk to her form tutor, who she already trusts."
expect "sample 03 plan, Maja's copy" 0 "$CINDOC" render --doc plan --for c2 "$P" -o "$T/c2.pdf"
pdf "$T/c2.pdf"
hasnt "a reader's copy: no removed step" "$T/c2.txt" "school counsellor"
hasnt "a reader's copy: no reason for removal" "$T/c2.txt" "form tutor, who she already trusts"
expect "sample 03 plan as it stood after m1, file copy" 0 "$CINDOC" render --doc plan --for file --meeting m1 "$P" -o "$T/file-m1.pdf"
pdf "$T/file-m1.pdf"
has "the plan of the meeting before the removal still holds the step" "$T/file-m1.txt" "Maja sees the school counsellor every week."
hasnt "... not as removed" "$T/file-m1.txt" "Steps taken out of the plan"
