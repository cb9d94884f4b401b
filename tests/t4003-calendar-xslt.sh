#!/usr/bin/env bash
# The calendar as XSLT extension functions (cal:*), as the templates call them: the same answers
# as 'cindoc calendar', and every error stops the transform with its message.
. "$(dirname "$0")/lib.sh"
X=$TESTS/calendar/xslt

# Build the small driver against the objects of this build (same compiler and sanitizers).
cc=$(awk '{print $1}' "$ROOT/gen/.flags")
san=$(grep -o -- '-fsanitize=[^ ]*' "$ROOT/gen/.flags" | tr '\n' ' ')
# shellcheck disable=SC2086
if ! $cc -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L $san -I"$ROOT/gen" \
	$(pkg-config --cflags libxslt glib-2.0) -o "$T/xslt-run" "$TESTS/calendar/xslt-run.c" \
	"$ROOT/gen/case/calendar.o" "$ROOT/gen/case/calendar-xslt.o" "$ROOT/gen/case/rules.o" "$ROOT/gen/case/case.o" \
	"$ROOT/gen/case/authority.o" \
	"$ROOT/gen/base/util.o" \
	$(pkg-config --libs libxslt glib-2.0) -lm 2>"$T/cc.err"; then
	notok "build the XSLT driver" "$(cat "$T/cc.err")"; exit 0
fi
ok "build the XSLT driver"

expect "every function" 0 "$T/xslt-run" "$X/functions.xsl" "$X/dates.xml"
golden "every function: values" "$T/.run.out" "$X/functions.out"
check "no messages" test ! -s "$T/.run.err"

# A due date in a letter and the queue's date never disagree: same answers as the C calendar.
ok=1 n=0
while read -r d rest; do
	[ "$d" = leap-day ] && continue; [ "$d" = number ] && continue
	want=$("$CINDOC" calendar add "$d" 10)
	got=$(printf '%s\n' "$rest" | sed 's/.*add10=\([^ ]*\).*/\1/')
	[ "$got" = "$want" ] || { ok=0; echo "$d: XSLT $got, C $want"; }
	want=$("$CINDOC" calendar add "$d" -3)
	got=$(printf '%s\n' "$rest" | sed 's/.*add-3=\([^ ]*\).*/\1/')
	[ "$got" = "$want" ] || { ok=0; echo "$d: XSLT -3 $got, C $want"; }
	n=$((n + 1))
done <"$T/.run.out" >"$T/cmp.txt"
if [ $ok = 1 ] && [ $n = 6 ]; then ok "cal:add-working-days equals 'cindoc calendar add'"; else notok "cal:add-working-days equals 'cindoc calendar add'" "compared $n dates" "$(cat "$T/cmp.txt")"; fi

expect "closures reach the templates" 0 "$T/xslt-run" --closures "$TESTS/calendar/closures-good.txt" "$X/functions.xsl" "$X/dates.xml"
check "closures: 24 December + 10 is later" grep -q '^2026-12-24 add10=2027-01-15 ' "$T/.run.out"
check "closures: holiday-name gives the closure" grep -q '^2026-03-15 .*holiday=\[Staff training day\]' "$T/.run.out"
check "closures: next-working-day skips the closure" grep -q '^2026-03-15 .* next=2026-03-17 ' "$T/.run.out"
expect "a second calendar on one context is refused" 70 "$T/xslt-run" --conflict "$X/functions.xsl" "$X/dates.xml"
check "... with a message" grep -qx "cindoc: calendar functions: the XPath context's userData is taken" "$T/.run.err"

# The rules of the case (rules.h) reach the templates: every timescale, on the same calendar.
expect "every timescale" 0 "$T/xslt-run" "$X/rules.xsl" "$X/dates.xml"
golden "every timescale: values" "$T/.run.out" "$X/rules.out"
ok=1
while read -r d rest; do
	[ "$d" = leap-day ] && continue; [ "$d" = number ] && continue
	want=$(printf '%s\n' "$rest" | sed 's/.*add10=\([^ ]*\).*/\1/')
	grep -q "^$d .* minutes-sent=$want " "$T/.run.out" || { ok=0; echo "$d: minutes-sent is not $want"; }
done <"$X/functions.out" >"$T/cmp.txt"
if [ $ok = 1 ]; then ok "rules:due('minutes-sent') is 10 working days"; else notok "rules:due('minutes-sent') is 10 working days" "$(cat "$T/cmp.txt")"; fi

for e in bad-date bad-format bad-number nan arity range overflow node-set rules-name rules-date; do
	echo "# $e"
	"$T/xslt-run" "$X/err-$e.xsl" "$X/dates.xml" 2>&1 | sed "s|$X/||g"
	echo "exit ${PIPESTATUS[0]}"
done >"$T/errors.txt"
golden "errors stop the transform with a message" "$T/errors.txt" "$X/errors.txt"
