#!/usr/bin/env bash
# cindoc calendar: add / between / is / days edge cases, closures files, every error message.
. "$(dirname "$0")/lib.sh"
CAL=$TESTS/calendar

# answer NAME EXPECTED ARGS...: stdout of 'cindoc calendar ARGS' is EXPECTED, exit 0.
answer() {
	local n=$1 want=$2; shift 2
	local got
	got=$("$CINDOC" calendar "$@" 2>"$T/.err"); local rc=$?
	if [ "$rc" = 0 ] && [ "$got" = "$want" ] && [ ! -s "$T/.err" ]; then ok "$n"
	else notok "$n" "calendar $*: exit $rc, got '$got', wanted '$want'" "$(head -c 500 "$T/.err")"; fi
}

answer "add: Christmas Eve + 1 skips Christmas, the weekend and Boxing Day (substitute)" 2026-12-29 add 2026-12-24 1
answer "add: Friday + 1 is Monday" 2026-06-08 add 2026-06-05 1
answer "add: Saturday + 1 is Monday" 2026-06-08 add 2026-06-06 1
answer "add: Sunday + 1 is Monday" 2026-06-08 add 2026-06-07 1
answer "add: N=0 is the date itself" 2026-06-10 add 2026-06-10 0
answer "add: N=0 on a bank holiday is still the date itself" 2026-12-25 add 2026-12-25 0
answer "add: over Easter" 2026-04-07 add 2026-03-27 5
answer "add: negative over Easter" 2026-03-27 add 2026-04-07 -5
answer "add: negative over New Year" 2025-12-31 add 2026-01-02 -1
answer "add: 10 working days over the 2022 jubilee" 2022-06-15 add 2022-05-30 10
answer "add: across a year with a leap day" 2028-03-01 add 2028-02-28 2
answer "between: Christmas Eve to the 29th" 1 between 2026-12-24 2026-12-29
answer "between: the same day" 0 between 2026-06-10 2026-06-10
answer "between: backwards is negative" -1 between 2026-12-29 2026-12-24
answer "between: Friday to Monday" 1 between 2026-06-05 2026-06-08
answer "between: Saturday to Sunday" 0 between 2026-06-06 2026-06-07
answer "between: a whole year (2026: 261 weekdays, 8 bank holidays)" 253 between 2025-12-31 2026-12-31
answer "between: 2022 (260 weekdays, 10 bank holidays on weekdays)" 250 between 2021-12-31 2022-12-31
answer "is: a working day" "2026-06-10 is a working day" is 2026-06-10
expect "is: a bank holiday exits 1" 1 "$CINDOC" calendar is 2026-12-28
check "is: names the holiday" grep -qx "2026-12-28 is not a working day: Boxing Day (substitute day)" "$T/.run.out"
expect "is: a Saturday exits 1" 1 "$CINDOC" calendar is 2026-06-06
check "is: names the weekday" grep -qx "2026-06-06 is not a working day: Saturday" "$T/.run.out"
answer "first and last days of the calendar" "2" between 1978-01-02 1978-01-04
answer "a date before the calendar's first working day" 1978-01-03 add 1978-01-01 1

# add and between against each other and against an independent count, on random dates.
expect "days 2025-2029 for the cross-check" 0 "$CINDOC" calendar days 2025-01-01 2029-12-31
cp "$T/.run.out" "$T/days.txt"
check "add and between agree with a count over 'days' (60 random cases)" python3 - "$CINDOC" "$T/days.txt" <<'PY'
import random, subprocess, sys, datetime
cindoc, days = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(days)]
dates = [r[0] for r in rows]
work = [r[1] == "working" for r in rows]
idx = {d: i for i, d in enumerate(dates)}
rng = random.Random(4)
bad = []
def run(*a):
    return subprocess.run([cindoc, "calendar", *a], capture_output=True, text=True, check=True).stdout.strip()
for _ in range(30):
    i = rng.randrange(400, len(dates) - 400)
    n = rng.choice([0, 1, 2, 5, 10, 20, 60, -1, -5, -10])
    j, left, step = i, abs(n), (1 if n >= 0 else -1)
    while left:
        j += step
        left -= work[j]
    got = run("add", dates[i], str(n))
    if got != dates[j]:
        bad.append("add %s %d: %s, count says %s" % (dates[i], n, got, dates[j]))
    if n >= 0 and run("between", dates[i], got) != str(n):
        bad.append("between %s %s is not %d" % (dates[i], got, n))
for _ in range(30):
    i, j = rng.randrange(len(dates)), rng.randrange(len(dates))
    want = sum(work[min(i, j) + 1:max(i, j) + 1]) * (1 if j >= i else -1)
    got = run("between", dates[i], dates[j])
    if got != str(want):
        bad.append("between %s %s: %s, count says %d" % (dates[i], dates[j], got, want))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# Closures.
C=(--closures "$CAL/closures-good.txt")
answer "closures: add skips the Christmas closure" 2027-01-04 add 2026-12-24 1 "${C[@]}"
answer "closures: --closures=FILE before the operation" 2027-01-04 --closures="$CAL/closures-good.txt" add 2026-12-24 1
answer "closures: a training day" 2026-03-17 add 2026-03-13 1 "${C[@]}"
answer "closures: between counts them out" 0 between 2026-12-24 2027-01-01 "${C[@]}"
answer "closures: overlapping ranges over Easter count once" 4 between 2026-03-31 2026-04-14 "${C[@]}"
expect "closures: is names the closure" 1 "$CINDOC" calendar is 2026-12-30 "${C[@]}"
check "closures: is output" grep -qx "2026-12-30 is not a working day: Christmas closure (local closure)" "$T/.run.out"
expect "closures: a bank holiday inside a closure stays a bank holiday" 1 "$CINDOC" calendar is 2026-04-06 "${C[@]}"
check "closures: ... named as the bank holiday" grep -qx "2026-04-06 is not a working day: Easter Monday" "$T/.run.out"
expect "closures: holidays 2026 lists closure days" 0 "$CINDOC" calendar holidays 2026 "${C[@]}"
golden "closures: holidays 2026 (closure days on weekdays only)" "$T/.run.out" "$CAL/holidays-2026-closures.txt"
expect "closures: days over the closures" 0 "$CINDOC" calendar days 2026-12-24 2027-01-05 "${C[@]}"
golden "closures: days" "$T/.run.out" "$CAL/days-closures.txt"
printf '' >"$T/empty.txt"
answer "closures: an empty file changes nothing" 2026-12-29 add 2026-12-24 1 --closures "$T/empty.txt"
printf '2026-12-29' >"$T/nonl.txt"
answer "closures: a last line without a newline" 2026-12-30 add 2026-12-24 1 --closures "$T/nonl.txt"
printf '2026-12-29\r\n2026-12-30 Second day\r\n' >"$T/crlf.txt"
answer "closures: CRLF lines" 2026-12-31 add 2026-12-24 1 --closures "$T/crlf.txt"

# Bad closures: every line is reported, nothing is answered.
(cd "$CAL" && "$CINDOC" calendar add 2026-12-24 1 --closures closures-bad.txt >"$T/bad.out" 2>"$T/bad.err"; echo "exit $?" >>"$T/bad.err")
golden "closures: every bad line, with its line" "$T/bad.err" "$CAL/closures-bad.err"
check "closures: nothing on stdout after an error" test ! -s "$T/bad.out"
printf '2026-12-29\n2026-12-30 a\0b\n' >"$T/nul.txt"
expect "closures: a NUL byte" 3 "$CINDOC" calendar add 2026-12-24 1 --closures "$T/nul.txt"
check "closures: NUL message" grep -qx "$T/nul.txt:2: error: the line holds a NUL byte" "$T/.run.err"
expect "closures: a missing file" 4 "$CINDOC" calendar add 2026-12-24 1 --closures "$T/missing.txt"
check "closures: missing-file message" grep -q "^cindoc: cannot read '$T/missing.txt': " "$T/.run.err"

# Usage errors: message then usage on stderr, exit 2.
errs() {
	local args
	for args in "$@"; do
		echo "\$ cindoc calendar $args"
		# shellcheck disable=SC2086
		"$CINDOC" calendar $args 2>&1 >/dev/null | grep -v '^ \|^usage\|^$\|^Working\|^a bank\|^   ' 
		echo "exit ${PIPESTATUS[0]}"
	done
}
errs "" "frob" "add 2026-01-01" "add 2026-01-01 1 2" "is" "between 2026-01-01" "holidays" \
     "add 2026-02-30 1" "add 2026-13-01 1" "add 26-01-01 1" "add 0000-01-01 1" "add 1977-12-31 1" \
     "add 2026-01-01 x" "add 2026-01-01 100001" "add 2026-01-01 1.5" "holidays 1977" "holidays 10000" \
     "holidays y2k" "days 2026-01-02 2026-01-01" "--bogus add 2026-01-01 1" "add 2026-01-01 1 --closures" \
     "add 9999-12-30 5" "add 1978-01-03 -2" >"$T/usage.txt"
golden "usage and range errors" "$T/usage.txt" "$CAL/usage-errors.txt"
expect "--help exits 0" 0 "$CINDOC" calendar --help
check "--help prints the usage on stdout" grep -q '^usage: cindoc calendar' "$T/.run.out"
expect "help calendar" 0 "$CINDOC" help calendar
