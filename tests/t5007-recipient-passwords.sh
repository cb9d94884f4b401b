#!/usr/bin/env bash
# render --user-passwords FILE: one password per recipient. Each copy opens with its own
# recipient's password and with nobody else's; a recipient without one falls back to the
# --user-password... one or stops the run before anything is written; every fault of the file
# is reported as FILE:LINE without quoting a password.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
CASE=samples/06-step-down.xml   # closure letters to c1, p1, p2, p6, p7

opens() { # FILE PASSWORD: the PDF opens with PASSWORD and reads
	pdftotext -upw "$2" "$1" - 2>/dev/null | grep -q .
}

printf '# the family of HD-2026-0533\n\nc1 ruby-own-1\np1   mum has spaces 2\np2\tdad-own-3\r\np6 p6-own-4\np7 p7-own-5\n' >"$T/all.txt"
chmod 600 "$T/all.txt"
expect "--all, a password for each" 0 "$CINDOC" render --doc closure-letter --all "$CASE" -o "$T/all/" \
	--user-passwords "$T/all.txt"
check "five copies" test "$(ls "$T/all" | wc -l)" = 5
check "no warning for a private file" test ! -s "$T/.run.err"
for pair in c1:ruby-own-1 "p1:mum has spaces 2" p2:dad-own-3 p6:p6-own-4 p7:p7-own-5; do
	id=${pair%%:*} pw=${pair#*:}
	f=$(ls "$T/all/"*"-closure-letter-$id-"*.pdf)
	check "$id's copy opens with $id's password" opens "$f" "$pw"
	check "$id's copy does not open without a password" bash -c "! pdftotext '$f' - 2>/dev/null | grep -q ."
	other=$([ "$id" = p2 ] && echo ruby-own-1 || echo dad-own-3)
	check "$id's copy does not open with another's password" bash -c "! pdftotext -upw '$other' '$f' - 2>/dev/null | grep -q ."
	check "$id's copy: AES-256" bash -c "qpdf --password='$pw' --show-encryption '$f' | grep -q 'stream encryption method: AESv3'"
done
check "the passwords are nowhere in the output" bash -c "! grep -r -l -e ruby-own-1 -e dad-own-3 '$T/all' '$T/.run.out' '$T/.run.err'"

# Some listed, a default for the rest.
printf 'p2 dad-own-3\n' >"$T/some.txt"; chmod 600 "$T/some.txt"
printf 'family-default-9\n' >"$T/default.txt"; chmod 600 "$T/default.txt"
expect "some listed, --user-password-file for the others" 0 "$CINDOC" render --doc closure-letter --all "$CASE" \
	-o "$T/some/" --user-passwords "$T/some.txt" --user-password-file "$T/default.txt"
check "p2's copy opens with p2's own" opens "$(ls "$T/some/"*-p2-*.pdf)" dad-own-3
check "... not with the default" bash -c "! pdftotext -upw family-default-9 $(ls "$T/some/"*-p2-*.pdf) - 2>/dev/null | grep -q ."
check "p1's copy opens with the default" opens "$(ls "$T/some/"*-p1-*.pdf)" family-default-9

# One recipient (--for) with the file.
expect "--for with --user-passwords" 0 "$CINDOC" render --doc closure-letter --for p6 "$CASE" -o "$T/p6.pdf" \
	--user-passwords "$T/all.txt"
check "... that recipient's password" opens "$T/p6.pdf" p6-own-4
check "... the others' lines are pointed out" grep -q "^$T/all.txt:3: warning: 'c1' gets no closure-letter of this case here (--for names another)" "$T/.run.err"

# Nobody left without a password; nothing written.
expect "a recipient with no password and no default: refused" 2 "$CINDOC" render --doc closure-letter --all "$CASE" \
	-o "$T/none/" --user-passwords "$T/some.txt"
check "... naming who, by id and name" grep -q "^$T/some.txt: error: no password for 'c1' (Ruby Calloway), who gets a closure-letter" "$T/.run.err"
check "... nothing written" test ! -e "$T/none"

# Faults of the file, each FILE:LINE, never quoting a password.
bad() { # NAME CONTENT EXPECTED-MESSAGE
	printf "$2" >"$T/bad.txt"; chmod 600 "$T/bad.txt"
	expect "$1: refused" 2 "$CINDOC" render --doc closure-letter --all "$CASE" -o "$T/bad/" --user-passwords "$T/bad.txt"
	check "$1: the message" grep -qF "$T/bad.txt:$3" "$T/.run.err"
	check "$1: nothing written" test ! -e "$T/bad"
}
bad "an id with no password" 'c1 ruby-own-1\np1\n' "2: error: 'p1' has no password after the recipient's id (write: ID PASSWORD)"
bad "a duplicate id" 'c1 ruby-own-1\n# again\nc1 other-pw-1\n' "3: error: 'c1' has a password already, on line 1"
bad "a password too long" 'c1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n' "1: error: the password of 'c1' is longer than 32 characters"
bad "a password not ASCII" 'c1 pässword\n' "1: error: the password of 'c1' has a character that is not printable ASCII"
bad "an empty file" '# nothing\n\n' " error: holds no password (lines of: ID PASSWORD)"
bad "binary" 'c1 a\0b\n' " error: not text"
check "no fault message quotes a password" bash -c "! grep -q -e aaaaaaaa -e pässword -e other-pw '$T/.run.err'"
printf 'c1 same-as-owner\n' >"$T/own.txt"; chmod 600 "$T/own.txt"
printf 'same-as-owner\n' >"$T/owner.txt"; chmod 600 "$T/owner.txt"
expect "a recipient's password equal to the owner password: refused" 2 "$CINDOC" render --doc closure-letter \
	--for c1 "$CASE" -o "$T/own.pdf" --user-passwords "$T/own.txt" --owner-password-file "$T/owner.txt"
check "... saying so, with its line" grep -q "^$T/own.txt:1: error: the password of 'c1' is the owner password: it must differ" "$T/.run.err"

# Where it does not apply.
chmod 644 "$T/all.txt"
expect "a file others can read: a warning" 0 "$CINDOC" render --doc closure-letter --for c1 "$CASE" -o "$T/c1.pdf" \
	--user-passwords "$T/all.txt"
check "... chmod 600 it" grep -q "^$T/all.txt: warning: other users can read this password file (chmod 600 it)" "$T/.run.err"
expect "a writer that cannot encrypt: refused" 2 "$CINDOC" render --doc closure-letter --for c1 "$CASE" -o "$T/c1.png" \
	--writer png --user-passwords "$T/all.txt"
check "... saying so" grep -q "^cindoc render: --user-passwords needs a PDF writer, cairo or haru (writer 'png' cannot encrypt)" "$T/.run.err"
expect "a missing file" 4 "$CINDOC" render --doc closure-letter --for c1 "$CASE" -o "$T/x.pdf" --user-passwords "$T/nope.txt"
expect "a FIFO is refused without waiting" 4 "$CINDOC" render --doc closure-letter --for c1 "$CASE" -o "$T/x.pdf" \
	--user-passwords <(echo 'c1 pw-pw-pw')
check "the haru writer: each its own too" bash -c "'$CINDOC' render --doc closure-letter --all '$CASE' -o '$T/haru/' \
	--writer haru --user-passwords '$T/all.txt' >/dev/null 2>&1 && pdftotext -upw dad-own-3 \$(ls '$T/haru/'*-p2-*.pdf) - | grep -q ."
