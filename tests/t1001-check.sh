#!/usr/bin/env bash
# cindoc check: one broken case per message under tests/check/ (NAME.xml with its golden stderr
# NAME.err), exit codes, hostile inputs, limits, usage, and that nothing is ever written.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

# ---- every file of tests/check: stderr as its golden, exit code from what the golden says
for f in tests/check/*.xml; do
	name=$(basename "$f" .xml)
	gold=tests/check/$name.err
	"$CINDOC" check "$f" >"$T/$name.out" 2>"$T/$name.err"
	got=$?
	want=0
	if [ -f "$gold" ]; then
		if grep -q ': error: ' "$gold"; then want=3; elif grep -q ': warning: ' "$gold"; then want=1; fi
	fi
	if [ "$got" = "$want" ]; then ok "$name: exit $want"; else notok "$name: exit $got, wanted $want" "$(head -c 1500 "$T/$name.err")"; fi
	golden "$name: messages" "$T/$name.err" "$gold"
	check "$name: nothing on stdout" test ! -s "$T/$name.out"
done

# Every message points at a line (file:line:) and starts in lower case (or a quote), except the
# count of messages not shown.
unpointed() {
	cat tests/check/*.err | grep -v 'more errors not shown' |
		grep -v -E "^tests/check/[a-z0-9-]+[.]xml:[0-9]+: (error|warning): [a-z']"
}
check "every message has file:line and starts in lower case" test -z "$(unpointed)"

# ---- hostile inputs are refused before any entity is read or expanded
for h in billion-laughs xxe external-dtd; do
	check "hostile $h: refused as a DOCTYPE" grep -q 'a DOCTYPE is not allowed in case data' "tests/check/s-hostile-$h.err"
done
check "xxe: nothing of /etc/passwd in the messages" bash -c "! grep -q 'root:' '$T/s-hostile-xxe.err'"

# ---- size limit: 8 MiB is the most a case file can be
head -c 8388608 /dev/zero >"$T/zeros"
{
	cat tests/check/ok-base.xml
	printf '<!--'
} >"$T/limit.xml"
pad=$((8388608 - $(stat -c %s "$T/limit.xml") - 4))
{ head -c "$pad" /dev/zero | tr '\0' ' '; printf -- '-->\n'; } >>"$T/limit.xml"
check "exactly 8 MiB: the file is 8388608 bytes" test "$(stat -c %s "$T/limit.xml")" = 8388608
expect "exactly 8 MiB: accepted" 0 "$CINDOC" check "$T/limit.xml"
printf ' ' >>"$T/limit.xml"
expect "8 MiB and one byte: refused" 3 "$CINDOC" check "$T/limit.xml"
echo "$T/limit.xml: error: the file is larger than 8 MiB: refused" >"$T/limit.want"
golden "8 MiB and one byte: message" "$T/.run.err" "$T/limit.want"
expect "endless input (a pipe): refused, not read" 4 timeout 10 bash -c "cat /dev/zero | '$CINDOC' check /dev/stdin"
check "endless input: message" grep -qx "cindoc: cannot read '/dev/stdin': not a regular file (a FIFO)" "$T/.run.err"

# ---- hostile sizes for the lints: messages are capped, and the work stays near linear
people() { # N: N people, each with no way to reach them
	for ((i = 0; i < $1; i++)); do
		printf '<person id="q%d" kind="family"><name><given>A</given><family>B</family></name><reads lang="en" version="full"/></person>\n' "$i"
	done
}
{ sed -n '1,/<people>/p' tests/check/ok-base.xml; people 300; sed -n '/<people>/,$p' tests/check/ok-base.xml | tail -n +2; } >"$T/many-warnings.xml"
expect "300 warnings: exit 1" 1 "$CINDOC" check "$T/many-warnings.xml"
check "300 warnings: 200 shown" test "$(grep -c ': warning: .q[0-9]*. (A) has no address' "$T/.run.err")" = 200
check "300 warnings: the rest counted" grep -qx "$T/many-warnings.xml: warning: 100 more messages not shown" "$T/.run.err"
visits() { # N visits 30 days apart on a two-weekly plan: N-1 warnings
	for ((i = 0; i < $1; i++)); do
		printf '<visit date="%s" by="p2"/>\n' "$(date -u -d "2026-01-01 + $((i * 30)) days" +%F)"
	done
}
{
	sed -n '1,/<visits>/p' tests/check/ok-base.xml
	visits 250
	sed -n '/<\/visits>/,$p' tests/check/ok-base.xml |
		sed 's|^</case>|  <closure date="2026-04-01" reason="needs-met" next="nothing-further"><why><p>Done.</p></why><ongoing-plan><p>None.</p></ongoing-plan><evaluation><p>Good.</p></evaluation></closure>\n</case>|'
} >"$T/many-then-error.xml"
expect "an error after 200 warnings still makes exit 3" 3 "$CINDOC" check "$T/many-then-error.xml"
check "... and the count of the rest is an error line" grep -qx "$T/many-then-error.xml: error: [0-9]* more messages not shown" "$T/.run.err"
addresses() { # N people at one address, each withheld from p1 (the parent, who also lives there)
	for ((i = 0; i < $1; i++)); do
		printf '<person id="q%d" kind="family"><name><given>A</given><family>B</family></name><address withheld-from="p1"><line>%d</line><town>T</town><postcode>T</postcode></address><reads lang="en" version="full"/></person>\n' "$i" "$((i % 2))"
	done
}
{ sed -n '1,/<people>/p' tests/check/ok-base.xml; addresses 996; sed -n '/<people>/,$p' tests/check/ok-base.xml | tail -n +2; } >"$T/many-addresses.xml"
expect "996 addresses withheld from one parent, 498 at each of two: no warning, within 20 s" 0 timeout 20 "$CINDOC" check "$T/many-addresses.xml"

# ---- cannot read
expect "a missing file: exit 4" 4 "$CINDOC" check tests/check/no-such-case.xml
check "a missing file: message" grep -qx "cindoc: cannot read 'tests/check/no-such-case.xml': No such file or directory" "$T/.run.err"
expect "a folder: exit 4" 4 "$CINDOC" check tests/check
check "a folder: message" grep -qx "cindoc: cannot read 'tests/check': not a regular file (a folder)" "$T/.run.err"
if [ "$(id -u)" != 0 ]; then
	cp tests/check/ok-base.xml "$T/unreadable.xml" && chmod 000 "$T/unreadable.xml"
	expect "an unreadable file: exit 4" 4 "$CINDOC" check "$T/unreadable.xml"
	check "an unreadable file: message" grep -q "cannot read .*Permission denied" "$T/.run.err"
fi

# ---- several files: each is checked; the exit code is the worst
expect "clean + warnings: 1" 1 "$CINDOC" check tests/check/ok-base.xml tests/check/w-item-no-by.xml
expect "warnings + invalid: 3" 3 "$CINDOC" check tests/check/w-item-no-by.xml tests/check/s-bad-date.xml
check "warnings + invalid: both reported" bash -c "grep -q w-item-no-by '$T/.run.err' && grep -q s-bad-date '$T/.run.err'"
expect "invalid + missing: 4" 4 "$CINDOC" check tests/check/s-bad-date.xml tests/check/no-such-case.xml
expect "missing first, then invalid: still 4, both reported" 4 "$CINDOC" check tests/check/no-such-case.xml tests/check/e-chair-is-child.xml
check "missing first, then invalid: the second is checked" grep -q 'e-chair-is-child.xml:[0-9]*: error' "$T/.run.err"

# ---- usage
expect "--help: exit 0" 0 "$CINDOC" check --help
check "--help: usage on stdout" grep -q '^usage: cindoc check .*CASE' "$T/.run.out"
check "--help: lists the exit codes" bash -c "grep -qx '  1     warnings only' '$T/.run.out' && grep -qx '  3     a file is invalid (errors)' '$T/.run.out'"
expect "help check: exit 0" 0 "$CINDOC" help check
check "help check: usage on stdout" grep -q '^usage: cindoc check .*CASE' "$T/.run.out"
expect "no file: usage error" 2 "$CINDOC" check
check "no file: one line and where to look" diff - "$T/.run.err" <<'EOF'
cindoc check: which case files? (give one or more, or '-')
try 'cindoc check --help'
EOF
expect "unknown option: usage error" 2 "$CINDOC" check --frobnicate tests/check/ok-base.xml
check "unknown option: message" grep -qx "cindoc check: unknown option '--frobnicate'" "$T/.run.err"
cp tests/check/ok-base.xml "$T/-dash.xml"
expect "-- before a file whose name starts with a dash" 0 bash -c "cd '$T' && '$CINDOC' check -- -dash.xml"

# ---- the data files: schema and jargon list missing or broken
mkdir -p "$T/home/templates"
expect "no schema: exit 4" 4 env CINDOC_HOME="$T/home" "$CINDOC" check tests/check/ok-base.xml
check "no schema: the message names CINDOC_HOME" grep -qx "cindoc: CINDOC_HOME is '$T/home', which holds no cindoc data (no templates/case.xsd there): point it at a cindoc data folder, or unset it" "$T/.run.err"
printf '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="case" type="nothing"/></xs:schema>\n' >"$T/home/templates/case.xsd"
expect "broken schema: exit 3" 3 env CINDOC_HOME="$T/home" "$CINDOC" check tests/check/ok-base.xml
check "broken schema: says so" grep -q "case.xsd: error: the case-data schema does not compile" "$T/.run.err"
cp templates/case.xsd "$T/home/templates/"
expect "no jargon list: exit 4" 4 env CINDOC_HOME="$T/home" "$CINDOC" check tests/check/ok-base.xml
check "no jargon list: message" grep -q "cindoc: cannot read '$T/home/templates/jargon.txt'" "$T/.run.err"
printf '# comment\nCIN\tdrop\tsay "your plan"\nTAF\tsometimes\tsay who\n' >"$T/home/templates/jargon.txt"
expect "bad jargon rule: exit 3" 3 env CINDOC_HOME="$T/home" "$CINDOC" check tests/check/ok-base.xml
check "bad jargon rule: message" grep -qx "$T/home/templates/jargon.txt:3: error: unknown rule 'sometimes' (drop or explain)" "$T/.run.err"
printf 'CIN drop say "your plan"\n' >"$T/home/templates/jargon.txt"
expect "jargon line without tabs: exit 3" 3 env CINDOC_HOME="$T/home" "$CINDOC" check tests/check/ok-base.xml
check "jargon line without tabs: message" grep -qx "$T/home/templates/jargon.txt:1: error: a jargon line is TERM, RULE and ADVICE separated by tabs" "$T/.run.err"
check "templates/jargon.txt: every line is TERM<tab>drop|explain<tab>ADVICE" bash -c \
	"grep -v '^#' templates/jargon.txt | grep -v '^\$' | awk -F'\t' 'NF!=3 || (\$2!=\"drop\" && \$2!=\"explain\") {bad=1} END {exit bad}'"

# ---- nothing is ever written: not beside the input, not in the working folder
mkdir -p "$T/ro" && cp tests/check/w-jargon.xml tests/check/s-bad-date.xml "$T/ro/"
before=$(cd "$T/ro" && ls -la --time-style=+%s . | sort)
( cd "$T/ro" && "$CINDOC" check w-jargon.xml s-bad-date.xml >/dev/null 2>&1 )
after=$(cd "$T/ro" && ls -la --time-style=+%s . | sort)
check "nothing written beside the input or in the working folder" test "$before" = "$after"
chmod 0555 "$T/ro"
expect "works in a read-only folder" 1 bash -c "cd '$T/ro' && '$CINDOC' check w-jargon.xml"
chmod 0755 "$T/ro"
