#!/usr/bin/env bash
# cindoc user (the desk's accounts) and cindoc audit (who did what): every error path.
. "$(dirname "$0")/lib.sh"
. "$TESTS/serve-lib.sh"
D=$T/cases
mkdir -p "$D"
cp "$ROOT/samples/02-review-scaling.xml" "$ROOT/samples/authority.xml" "$D/"

# ---- user ----
expect "user: no action" 2 "$CINDOC" user
expect "user: unknown action" 2 "$CINDOC" user frobnicate "$D" x
expect "user add: missing role" 2 "$CINDOC" user add "$D" amy
expect "user add: unknown role" 2 "$CINDOC" user add "$D" amy boss
check "... names the roles" grep -q "minute-taker, chair or admin" "$T/.run.err"
expect "user add: a bad name" 2 "$CINDOC" user add "$D" "Amy Smith" chair
expect "user add: not a folder" 4 "$CINDOC" user add "$T/nowhere" amy chair
expect "user add: unknown option" 2 "$CINDOC" user --bogus add "$D" amy chair
printf 'short\n' >"$T/pw-short"
expect "user add: a password under 10 characters" 3 sh -c "'$CINDOC' user add '$D' amy chair <'$T/pw-short'"
expect "user add: no password at all" 3 sh -c "'$CINDOC' user add '$D' amy chair </dev/null"
check "... and no users file was written" test ! -e "$D/.cindoc/users"
printf 'correct-horse-battery\n' >"$T/pw"
expect "user add" 0 sh -c "'$CINDOC' user add '$D' amy chair <'$T/pw'"
check "the users file is 0600" test "$(stat -c %a "$D/.cindoc/users")" = 600
check "the users file holds an Argon2id hash" grep -qP '^amy\tchair\t\$argon2id\$v=19\$' "$D/.cindoc/users"
check "the users file does not hold the password" bash -c "! grep -q correct-horse '$D/.cindoc/users'"
expect "user add: the name exists" 3 sh -c "'$CINDOC' user add '$D' amy admin <'$T/pw'"
expect "user add: a second user" 0 sh -c "'$CINDOC' user add '$D' bo.b-2 minute-taker <'$T/pw'"
expect "user list" 0 "$CINDOC" user list "$D"
check "user list: names and roles" test "$(cat "$T/.run.out")" = "$(printf 'amy\tchair\nbo.b-2\tminute-taker')"
before=$(grep '^amy' "$D/.cindoc/users")
printf 'another-password-1\n' >"$T/pw2"
expect "user passwd" 0 sh -c "'$CINDOC' user passwd '$D' amy <'$T/pw2'"
check "user passwd: a new hash" test "$(grep '^amy' "$D/.cindoc/users")" != "$before"
expect "user passwd: no such user" 3 sh -c "'$CINDOC' user passwd '$D' zed <'$T/pw2'"
expect "user remove" 0 "$CINDOC" user remove "$D" bo.b-2
check "user remove: gone" bash -c "! grep -q '^bo.b-2' '$D/.cindoc/users'"
expect "user remove: no such user" 3 "$CINDOC" user remove "$D" bo.b-2
expect "user --users FILE" 0 sh -c "'$CINDOC' user --users '$T/other-users' add cy admin <'$T/pw'"
check "user --users FILE: that file" grep -q '^cy	admin' "$T/other-users"
expect "user --users FILE takes no folder" 2 "$CINDOC" user --users "$T/other-users" remove "$D" cy
printf 'amy\tchair\n' >"$T/bad-users"
expect "user: a bad users file" 3 "$CINDOC" user --users "$T/bad-users" list
check "... with its line" grep -q "bad-users:1: error:" "$T/.run.err"
chmod 000 "$T/bad-users"
if [ "$(id -u)" != 0 ]; then
	expect "user: an unreadable users file" 4 "$CINDOC" user --users "$T/bad-users" list
fi
expect "user --help" 0 "$CINDOC" user --help

# ---- audit ----
expect "audit: no argument" 2 "$CINDOC" audit
expect "audit: two arguments" 2 "$CINDOC" audit "$D" "$D"
expect "audit: unknown option" 2 "$CINDOC" audit --bogus "$D"
expect "audit: no log yet" 4 "$CINDOC" audit "$D"
expect "audit: neither folder nor case file" 4 "$CINDOC" audit "$T/nothing"
# a server writes the log: log in, list, open a case, fail a login
serve_start "$D"
login "$T/jar" amy another-password-1 >/dev/null
curl -s -b "$T/jar" -o /dev/null "$URL/cases"
curl -s -b "$T/jar" -o /dev/null "$URL/case/02-review-scaling"
login "$T/jar2" amy wrong-password >/dev/null
serve_stop
expect "audit: the folder's log" 0 "$CINDOC" audit "$D"
check "audit: the server start" grep -qP '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t\tstart\t' "$T/.run.out"
check "audit: the login, with the role" grep -qP '\tamy\tlogin\t\tchair$' "$T/.run.out"
check "audit: the case list" grep -qP '\tamy\tlist\t' "$T/.run.out"
check "audit: who opened which case" grep -qP '\tamy\topen\t02-review-scaling\t' "$T/.run.out"
check "audit: the failed login" grep -qP '\tlogin-failed\t\tamy$' "$T/.run.out"
check "audit: the stop" grep -qP '\tstop\t\tTerminated$' "$T/.run.out"
expect "audit: one case file" 0 "$CINDOC" audit "$D/02-review-scaling.xml"
check "audit: only that case" test "$(cut -f4 "$T/.run.out" | sort -u)" = "02-review-scaling"
check "audit log is 0600" test "$(stat -c %a "$D/.cindoc/audit.sqlite")" = 600
printf 'not a database at all, just some text that is long enough to not look like sqlite\n%.0s' $(seq 1 50) >"$T/fake.sqlite"
mkdir -p "$T/fake/.cindoc" && cp "$T/fake.sqlite" "$T/fake/.cindoc/audit.sqlite"
expect "audit: a file that is not a log" 4 "$CINDOC" audit "$T/fake"
