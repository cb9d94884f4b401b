#!/usr/bin/env bash
# The case store of the web desk (gen/web/store.h), driven by tests/tools/store-driver.c and
# `cindoc history`: versions and stale saves, validity, atomic 0600 writes, history, new cases
# with safe unique names, drafts, and saves racing each other in parallel processes.
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
cd "$ROOT" || exit 1
if ! build_tool store-driver >"$T/build.log" 2>&1; then
	notok "the store driver builds" "$(head -c 2000 "$T/build.log")"
	exit 0
fi
D=$T/store-driver
C=$T/cases
mkdir -p "$C" && cp samples/*.xml "$C"/
CASE=02-review-scaling.xml
sha() { sha256sum "$1" | cut -d' ' -f1; }
mode() { stat -c %a "$1"; }
# edit NAME FILE SED-EXPR: a copy of the case with one change, as $T/NAME.xml; prints its path
edit() { sed "$3" "$2" >"$T/$1.xml"; echo "$T/$1.xml"; }

# ---- reading
expect "read a case" 0 "$D" read "$C" $CASE
check "its token is the sha256 of its bytes" test "$(cat "$T/.run.out")" = "$(sha "$C/$CASE")"
tok0=$(sha "$C/$CASE")
expect "read a missing case: missing" 11 "$D" read "$C" no-such-case.xml
check "... says so" grep -q "there is no case 'no-such-case.xml'" "$T/.run.err"
for bad in ../etc.xml .hidden.xml a/b.xml case.txt authority.xml 'sp ace.xml' .xml; do
	expect "a bad case name is refused: '$bad'" 3 "$D" read "$C" "$bad"
	check "... with a message: '$bad'" grep -q "is not a valid case file name" "$T/.run.err"
done
expect "list the cases" 0 "$D" list "$C"
check "the list has the 12 samples, not authority.xml" test "$(wc -l <"$T/.run.out")" = 12
check "the list is in name order" bash -c "sort -c '$T/.run.out'"

# ---- a save
v1=$(edit e1 "$C/$CASE" 's/Millie has been to school on most days/Millie has been to school on every day/')
check "the edit changed the case" bash -c "! cmp -s '$v1' '$C/$CASE'"
expect "save a new version from the current token" 0 "$D" save "$C" $CASE alice "$tok0" "$v1"
tok1=$(tail -1 "$T/.run.out")
check "the case file now has the new bytes" cmp "$v1" "$C/$CASE"
check "the new token is their sha256" test "$tok1" = "$(sha "$v1")"
check "the case file is mode 0600" test "$(mode "$C/$CASE")" = 600
check "no temporary file is left in the folder" bash -c "! ls -a '$C' | grep -q '^\.save-'"
expect "the history lists two versions" 0 "$D" history "$C" $CASE
check "version 1 is the file as found, by '-' (outside the desk)" \
	grep -q "^1 [0-9T:Z-]* - $tok0 $(wc -c <samples/$CASE) 0\$" "$T/.run.out"
check "version 2 is alice's, current" grep -q "^2 [0-9T:Z-]* alice $tok1 [0-9]* 1\$" "$T/.run.out"
check "history files and index are 0600, the folders 0700" bash -c "
	[ \$(stat -c %a '$C/.history') = 700 ] && [ \$(stat -c %a '$C/.history/$CASE') = 700 ] &&
	for f in '$C/.history/$CASE'/*; do [ \$(stat -c %a \"\$f\") = 600 ] || exit 1; done"
expect "version 1 can be read back" 0 "$D" show "$C" $CASE 1
check "... as the original bytes" cmp "$T/.run.out" samples/$CASE

# ---- stale: a save from a version that is no longer the file's
v2=$(edit e2 "$C/$CASE" 's/Millie has been to school on every day/Millie goes to school/')
expect "a save from the old token is stale" 10 "$D" save "$C" $CASE bob "$tok0" "$v2"
check "... and the file is unchanged" cmp "$v1" "$C/$CASE"
"$D" history "$C" $CASE >"$T/hist" 2>&1
check "... and the history unchanged" test "$(wc -l <"$T/hist")" = 2
expect "a save with no token is refused" 3 "$D" save "$C" $CASE bob "" "$v2"
check "... saying the version is not given" grep -q "the version it was made from is not given" "$T/.run.err"
expect "a save by a bad user name is refused" 3 "$D" save "$C" $CASE "../x" "$tok1" "$v2"
expect "a save of a missing case: missing" 11 "$D" save "$C" gone.xml bob "$tok1" "$v2"
check "... says so" grep -q "there is no case 'gone.xml'" "$T/.run.err"

# ---- validity: only a case that loads is written, with messages by line
bad=$(edit e3 "$C/$CASE" 's/Millie has been to school on every day/Millie \& Mum/')
expect "not well-formed XML is refused" 3 "$D" save "$C" $CASE bob "$tok1" "$bad"
check "... with the line of the '&'" grep -q "^error $(grep -n "Millie & Mum" "$bad" | cut -d: -f1) " "$T/.run.out"
check "... and the file is unchanged" cmp "$v1" "$C/$CASE"
bad=$(edit e4 "$C/$CASE" 's/<born>2015-/<born>2015-13-/')
expect "a schema-invalid case is refused" 3 "$D" save "$C" $CASE bob "$tok1" "$bad"
check "... with the schema's message and line" grep -q "^error [1-9][0-9]* element 'born'" "$T/.run.out"
bad=$(edit e5 "$C/$CASE" '0,/<chair ref="p6"/s//<chair ref="nobody"/')
expect "a dangling reference is refused" 3 "$D" save "$C" $CASE bob "$tok1" "$bad"
check "... with a message" grep -q "nobody" "$T/.run.out"
check "the case file was never touched by the refused saves" cmp "$v1" "$C/$CASE"
lint=$(edit e6 "$C/$CASE" 's/<born>2015-\([0-9-]*\)</<born>2027-\1</')
expect "a case with a lint error is valid: saved when not strict" 0 "$D" check "$C" $CASE "$lint"
check "... the lint error is handed back" grep -q "^error [1-9][0-9]* .*before .*born" "$T/.run.out"
expect "... and refused when strict (a finalised meeting)" 3 "$D" save "$C" $CASE bob "$tok1" "$lint" strict
check "... the file unchanged" cmp "$v1" "$C/$CASE"
warn=$(edit e7 "$C/$CASE" 's/Millie has been to school on every day/Millie had CIN time/')
expect "a warning does not stop a strict save" 0 "$D" save "$C" $CASE bob "$tok1" "$warn" strict
check "... and is handed back (jargon)" grep -q "^warning [1-9][0-9]* .*CIN" "$T/.run.out"
tok2=$(tail -1 "$T/.run.out")
expect "saving the very bytes the case has writes nothing" 0 "$D" save "$C" $CASE bob "$tok2" "$warn"
"$D" history "$C" $CASE >"$T/hist" 2>&1
check "... no new version" test "$(wc -l <"$T/hist")" = 3

# ---- a change made outside the desk goes into the history before it is replaced
sed -i 's/Millie had CIN time/Millie had a good week/' "$C/$CASE"
tok3=$(sha "$C/$CASE")
v4=$(edit e8 "$C/$CASE" 's/Millie had a good week/Millie had a very good week/')
expect "save over a file changed outside the desk (from its token)" 0 "$D" save "$C" $CASE carol "$tok3" "$v4"
"$D" history "$C" $CASE >"$T/hist" 2>&1
check "the outside change is version 4, by '-'" grep -q "^4 [0-9T:Z-]* - $tok3 " "$T/hist"
check "carol's is version 5, current" grep -q "^5 [0-9T:Z-]* carol .* 1\$" "$T/hist"
check "only the last version is current" test "$(grep -c ' 1$' "$T/hist")" = 1

# ---- cindoc history
expect "cindoc history lists the versions (tsv)" 0 "$CINDOC" history --format tsv "$C/$CASE"
check "... five, the last current" bash -c "[ \$(wc -l <'$T/.run.out') = 5 ] && tail -1 '$T/.run.out' | grep -q '	carol	.*	1\$'"
expect "cindoc history as a table" 0 "$CINDOC" history --format table "$C/$CASE"
check "... with a header and 'current'" bash -c "head -1 '$T/.run.out' | grep -q '^seq ' && grep -q 'carol .* current\$' '$T/.run.out'"
expect "cindoc history --show 3" 0 "$CINDOC" history --show 3 "$C/$CASE"
check "... prints version 3" cmp "$T/.run.out" "$warn"
expect "cindoc history --show 3 -o FILE" 0 "$CINDOC" history --show 3 -o "$T/v3.xml" "$C/$CASE"
check "... writes it, 0600" bash -c "cmp '$T/v3.xml' '$warn' && [ \$(stat -c %a '$T/v3.xml') = 600 ]"
expect "cindoc history --show 99: no such version" 4 "$CINDOC" history --show 99 "$C/$CASE"
check "... says so" grep -q "has no version 99" "$T/.run.err"
expect "cindoc history of a case never saved says so" 0 "$CINDOC" history "$C/01-initial-meeting.xml"
check "... on stderr" grep -q "has no saved versions yet" "$T/.run.err"
expect "cindoc history of a bad name" 3 "$CINDOC" history "$C/notes.txt"
check "... says what a case file name is" grep -q "is not a case file name" "$T/.run.err"
expect "cindoc history with no case: usage" 2 "$CINDOC" history
expect "cindoc history --show x: usage" 2 "$CINDOC" history --show x "$C/$CASE"
expect "cindoc history -o without --show: usage" 2 "$CINDOC" history -o x "$C/$CASE"
expect "cindoc history in a missing folder" 4 "$CINDOC" history /nonexistent/x.xml
check "... says so" grep -q "cannot open the cases folder '/nonexistent'" "$T/.run.err"
vfile=$(ls "$C/.history/$CASE"/0003-*)
cp "$vfile" "$T/v3.keep" && echo "<!-- changed -->" >>"$vfile"
expect "a history file changed behind the store's back is refused" 4 "$CINDOC" history --show 3 "$C/$CASE"
check "... saying so" grep -q "does not match its sha256" "$T/.run.err"
cp "$T/v3.keep" "$vfile"

# ---- two saves of one case at once: exactly one wins, the other is stale, nothing lost
race() { # N: N processes save different versions of one case from the same token at once
	local n=$1 i go="$T/go" base
	base=$(sha "$C/$CASE")
	: >"$go"
	for i in $(seq 1 "$n"); do
		sed "s/<\/case>/<!-- round $round, writer $i -->\n<\/case>/" "$C/$CASE" >"$T/race-$i.xml"
		("$D" save "$C" $CASE "user$i" "$base" "$T/race-$i.xml" "" "$go" >"$T/race-$i.out" 2>&1
		 echo $? >"$T/race-$i.rc") &
	done
	sleep 0.3; rm -f "$go"; wait
}
# Several rounds: without the lock, a round of 2 passes by chance now and then; 8 hardly ever.
round=0
for n in 2 2 2 8 8; do
	round=$((round + 1))
	before=$(wc -l <"$C/.history/$CASE/index.tsv")
	race $n
	won=$(grep -l '^0$' "$T"/race-*.rc | wc -l)
	stale=$(grep -l '^10$' "$T"/race-*.rc | wc -l)
	r="round $round, $n saves at once"
	check "$r: exactly one wins" test "$won" = 1
	check "$r: the others are stale ($((n - 1)))" test "$stale" = $((n - 1))
	w=$(basename "$(grep -l '^0$' "$T"/race-*.rc | head -1)" .rc)
	check "$r: the file is the winner's, whole" cmp "$T/$w.xml" "$C/$CASE"
	check "$r: one new version in the history" \
		test "$(wc -l <"$C/.history/$CASE/index.tsv")" = $((before + 1))
	expect "$r: the case passes cindoc check" 0 "$CINDOC" check "$C/$CASE"
	rm -f "$T"/race-*
done

# ---- different cases at once: all saved
for f in "$C"/0[1-9]-*.xml "$C"/1[0-2]-*.xml; do
	b=$(basename "$f")
	sed 's/<\/case>/<!-- saved by the test -->\n<\/case>/' "$f" >"$T/p-$b"
	("$D" save "$C" "$b" tester "$(sha "$f")" "$T/p-$b" >/dev/null 2>&1; echo $? >"$T/p-$b.rc") &
done
wait
check "12 cases saved at once: all saved" test "$(cat "$T"/p-*.rc | grep -c '^0$')" = 12
check "12 cases saved at once: each file is its new version" bash -c "
	for f in '$T'/p-*.xml; do b=\$(basename \"\$f\"); cmp -s \"\$f\" '$C'/\${b#p-} || exit 1; done"
expect "12 cases saved at once: all pass cindoc check" 0 "$CINDOC" check "$C"/[0-9]*.xml

# ---- new cases: a safe unique name from the reference, never an overwrite
expect "name for 'NB-2026-0142'" 0 "$D" name-for-ref "NB-2026-0142"
check "... nb-2026-0142.xml" test "$(cat "$T/.run.out")" = nb-2026-0142.xml
expect "name for '../../etc/passwd'" 0 "$D" name-for-ref "../../etc/passwd"
check "... etc-passwd.xml" test "$(cat "$T/.run.out")" = etc-passwd.xml
expect "name for '  NB/2026 (0142) '" 0 "$D" name-for-ref "  NB/2026 (0142) "
check "... nb-2026-0142.xml" test "$(cat "$T/.run.out")" = nb-2026-0142.xml
expect "name for '///'" 0 "$D" name-for-ref "///"
check "... case.xml" test "$(cat "$T/.run.out")" = case.xml
new=$(edit e9 samples/$CASE 's/ref="NB-2026-0142"/ref="NB-2026-0777"/')
check "the new case has a new ref" grep -q 'ref="NB-2026-0777"' "$new"
expect "create a new case" 0 "$D" create "$C" dana "$new"
check "... named from its reference" test "$(cut -d' ' -f1 "$T/.run.out")" = nb-2026-0777.xml
check "... with its bytes, 0600" bash -c "cmp '$new' '$C/nb-2026-0777.xml' && [ \$(stat -c %a '$C/nb-2026-0777.xml') = 600 ]"
expect "... its history has version 1 by dana" 0 "$D" history "$C" nb-2026-0777.xml
check "... current" grep -q "^1 [0-9T:Z-]* dana .* 1\$" "$T/.run.out"
expect "create a case whose reference exists already: refused" 3 "$D" create "$C" dana "$new"
check "... saying which case has it" grep -q "a case with the reference 'NB-2026-0777' exists already: 'nb-2026-0777.xml'" "$T/.run.err"
echo "not a case" >"$C/nb-2026-0888.xml"
new2=$(edit e10 samples/$CASE 's/ref="NB-2026-0142"/ref="NB 2026 0888"/')
expect "create where the name is taken by another file" 0 "$D" create "$C" dana "$new2"
check "... gets a unique name" test "$(cut -d' ' -f1 "$T/.run.out")" = nb-2026-0888-2.xml
check "... and the other file is untouched" test "$(cat "$C/nb-2026-0888.xml")" = "not a case"
rm -f "$C/nb-2026-0888.xml"
bad=$(edit e11 samples/$CASE 's/ref="NB-2026-0142"/ref="NB-2026-0999"/; s/<born>2015-/<born>x2017-/')
expect "create an invalid case: refused" 3 "$D" create "$C" dana "$bad"
check "... nothing written" test ! -e "$C/nb-2026-0999.xml"
for i in 1 2 3 4; do
	sed 's/ref="NB-2026-0142"/ref="NB-2026-1000"/' samples/$CASE >"$T/same-$i.xml"
	("$D" create "$C" "u$i" "$T/same-$i.xml" >/dev/null 2>&1; echo $? >"$T/same-$i.rc") &
done
wait
check "4 creates of one reference at once: exactly one is made" \
	bash -c "[ \$(grep -l '^0\$' '$T'/same-*.rc | wc -l) = 1 ] && [ \$(ls '$C' | grep -c '^nb-2026-1000') = 1 ]"

# ---- drafts: per user, per case, per meeting; 0600; kept across runs
printf 'venue=Family room\nviews=I like "football" & school\n' >"$T/draft1"
expect "save a draft of a meeting" 0 "$D" draft-save "$C" alice $CASE m4 "$tok1" "$T/draft1"
f=$C/.drafts/alice/$CASE/m4.draft
check "... in .drafts, 0600 (folders 0700)" bash -c "[ \$(stat -c %a '$f') = 600 ] && [ \$(stat -c %a '$C/.drafts/alice') = 700 ]"
expect "load it back (another process: as after a restart)" 0 "$D" draft-load "$C" alice $CASE m4
check "... with its base token and time" grep -q "^$tok1 20[0-9-]*T[0-9:]*Z\$" <(head -1 "$T/.run.out")
check "... and its bytes" cmp <(tail -n +2 "$T/.run.out") "$T/draft1"
expect "another user has no such draft" 11 "$D" draft-load "$C" bob $CASE m4
printf 'whole case\n' >"$T/draft2"
expect "a draft of the whole case" 0 "$D" draft-save "$C" alice $CASE - - "$T/draft2"
expect "a draft of a new case" 0 "$D" draft-save "$C" alice - - - "$T/draft2"
expect "alice's drafts" 0 "$D" drafts "$C" alice
check "... three" test "$(wc -l <"$T/.run.out")" = 3
check "... the new case's, the whole case's and the meeting's" bash -c "
	grep -q '^- - ' '$T/.run.out' && grep -q '^$CASE - ' '$T/.run.out' && grep -q '^$CASE m4 ' '$T/.run.out'"
expect "a draft saved again replaces it" 0 "$D" draft-save "$C" alice $CASE m4 "$tok1" "$T/draft2"
expect "... loaded" 0 "$D" draft-load "$C" alice $CASE m4
check "... with the new bytes" cmp <(tail -n +2 "$T/.run.out") "$T/draft2"
expect "discard it" 0 "$D" draft-discard "$C" alice $CASE m4
expect "... gone" 11 "$D" draft-load "$C" alice $CASE m4
expect "discarding what is not there is fine" 0 "$D" draft-discard "$C" alice $CASE m4
expect "a draft key with a slash is refused" 3 "$D" draft-save "$C" alice $CASE ../m4 - "$T/draft1"
check "... saying so" grep -q "is not a valid draft key" "$T/.run.err"
expect "a draft by a bad user name is refused" 3 "$D" draft-save "$C" ../alice $CASE m4 - "$T/draft1"
expect "a draft with a bad token is refused" 3 "$D" draft-save "$C" alice $CASE m4 xyz "$T/draft1"
echo garbage >"$C/.drafts/alice/$CASE/+case.draft"
expect "a damaged draft file is reported" 3 "$D" draft-load "$C" alice $CASE -
check "... as not a draft" grep -q "+case.draft:1: error: not a draft file" "$T/.run.err"

# ---- the store and the command line see the same files
check "cindoc check still takes the whole folder" "$CINDOC" check "$C"/[0-9]*.xml "$C"/nb-*.xml
check "nothing but cases and the store's hidden folders in the cases folder" \
	bash -c "[ -z \"\$(ls '$C' | grep -v -e '\.xml\$')\" ]"
