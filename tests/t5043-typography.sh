#!/usr/bin/env bash
# Typography, the last step of every document (gen/transform/typography.h): straight quotation
# marks and apostrophes made curly, by the character before each; a doubled full stop made one;
# an ellipsis kept. Case text and the words of the language sets alike; attributes untouched.
. "$(dirname "$0")/lib.sh"
C=$T/case.xml
cp "$ROOT/samples/authority.xml" "$T/"
python3 - "$ROOT/samples/01-initial-meeting.xml" "$C" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
old = "Zain, we met because your mum and dad asked for help."
new = ("Zain said \"I'm tired\" and 'rested' (the \"club\"). Mum's car.. A note... "
       "\"'x'\" then \u2014\"dash\" and caf\u00e9's table. Four....")
assert old in t
open(sys.argv[2], "w", encoding="utf-8").write(t.replace(old, new, 1))
PY
expect "fo of the changed case" 0 "$CINDOC" fo --doc plan-copy --for p1 "$C" -o "$T/p1.fo"
F=$T/p1.fo
has "a double mark after a space opens, after a letter closes" "$F" 'Zain said “I’m tired” and'
has "an apostrophe after a letter" "$F" 'Mum’s car'
has "a single mark after a space opens, after a letter closes" "$F" 'and ‘rested’ (the'
has "after an opening bracket: opens" "$F" '(the “club”).'
has "a doubled full stop is one" "$F" 'Mum’s car. A note'
has "an ellipsis stays" "$F" 'A note... '
has "a mark right after a mark closes" "$F" ' “’x’” then'
has "after a dash (a character of three bytes): opens" "$F" '—“dash”'
has "after é (two bytes): an apostrophe" "$F" 'café’s table'
has "four stops: an ellipsis and one" "$F" 'Four....'
hasnt "no straight double mark left in the text" <(python3 -c "
import re,sys; t=open(sys.argv[1],encoding='utf-8').read(); print(re.sub(r'<[^>]*>','',t))" "$F") '"'
hasnt "no straight single mark left in the text" <(python3 -c "
import re,sys; t=open(sys.argv[1],encoding='utf-8').read(); print(re.sub(r'<[^>]*>','',t))" "$F") "'"
# the words of a language set too (Welsh and Polish copies hold apostrophes and quotation marks)
expect "fo of a Welsh copy" 0 "$CINDOC" fo --doc plan-copy --for p1 --lang cy "$C" -o "$T/cy.fo"
hasnt "... no straight marks in its text" <(python3 -c "
import re,sys; t=open(sys.argv[1],encoding='utf-8').read(); print(re.sub(r'<[^>]*>','',t))" "$T/cy.fo") "'"
