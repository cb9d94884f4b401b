#!/usr/bin/env bash
# cindoc render-fo: usage, writers, exit codes, atomic output.
. "$(dirname "$0")/lib.sh"
FO=$TESTS/fo/block-basic.fo

expect "--help exits 0" 0 "$CINDOC" render-fo --help
check "--help shows usage" grep -q '^usage: cindoc render-fo .*FO\.\.\. -o OUT' "$T/.run.out"
check "--help lists the trace writer" grep -q '^  trace ' "$T/.run.out"
expect "help render-fo" 0 "$CINDOC" help render-fo
expect "no arguments is a usage error" 2 "$CINDOC" render-fo
check "no arguments: message" grep -qx 'cindoc render-fo: no FO file given' "$T/.run.err"
expect "no -o is a usage error" 2 "$CINDOC" render-fo "$FO"
check "no -o: message" grep -qx 'cindoc render-fo: no output given (-o OUT)' "$T/.run.err"
expect "unknown writer" 2 "$CINDOC" render-fo "$FO" -o "$T/x" --writer nosuch
check "unknown writer: message" grep -qx "cindoc render-fo: unknown writer 'nosuch'" "$T/.run.err"
expect "unknown option" 2 "$CINDOC" render-fo "$FO" -o "$T/x" --frob
check "unknown option: message" grep -qx "cindoc render-fo: unknown option '--frob'" "$T/.run.err"

# several files into one output; --duplex starts each after the first on an odd page;
# ids of the second document are kept apart (d2/...), page numbers start again
cd "$TESTS" || exit 1
expect "several files, duplex" 0 "$CINDOC" render-fo fo/page-number.fo fo/links.fo fo/block-basic.fo -o "$T/multi.trace" --writer trace --duplex
golden "several files, duplex: trace" "$T/multi.trace" "$TESTS/fo/multi-duplex.golden"
check "several files: 3 + blank + 2 + 1 pages" test "$(grep -c '^page ' "$T/multi.trace")" = 7
check "several files: one Document per file" test "$(grep -c ' tag Document' "$T/multi.trace")" = 3
expect "several files, an error in the second" 3 "$CINDOC" render-fo fo/block-basic.fo fo/err-property.fo -o "$T/m2.trace" --writer trace
check "error in the second: message" grep -qx "fo/err-property.fo:11: error: unsupported property 'font-variant' on fo:block" "$T/.run.err"
check "error in the second: nothing written" test ! -e "$T/m2.trace"
cd - >/dev/null || exit 1
expect "-o without a value" 2 "$CINDOC" render-fo "$FO" -o

expect "missing input exits 4" 4 "$CINDOC" render-fo "$T/nosuch.fo" -o "$T/a.trace" --writer trace
check "missing input: message" grep -q "^cindoc: cannot read '$T/nosuch.fo'" "$T/.run.err"
check "missing input: nothing written" test ! -e "$T/a.trace"
expect "unwritable output exits 5" 5 "$CINDOC" render-fo "$FO" -o "$T/no/such/dir/a.trace" --writer trace
expect "trace to stdout" 0 "$CINDOC" render-fo "$FO" -o - --writer trace
check "trace on stdout" grep -q '^page 1 ' "$T/.run.out"
expect "writer options refused by trace" 2 "$CINDOC" render-fo "$FO" -o "$T/b.trace" --writer trace --writer-opts x=1
check "writer options: nothing written" test ! -e "$T/b.trace"

expect "renders to a file" 0 "$CINDOC" render-fo "$FO" -o "$T/c.trace" --writer trace
check "output is mode 0600" test "$(stat -c %a "$T/c.trace")" = 600
check "no temporary file left" test -z "$(ls -A "$T" | grep '^\.c\.trace\.')"

printf '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>' >"$T/bad.fo"
expect "not well-formed exits 3" 3 "$CINDOC" render-fo "$T/bad.fo" -o "$T/d.trace" --writer trace
check "not well-formed: file and line" grep -q "^$T/bad.fo:1: error: " "$T/.run.err"
check "not well-formed: nothing written" test ! -e "$T/d.trace"
cat >"$T/ent.fo" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fo:root [ <!ENTITY x "boom"> ]>
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"/>
XML
expect "entities are refused" 3 "$CINDOC" render-fo "$T/ent.fo" -o "$T/e.trace" --writer trace
check "entities: message" grep -qx "$T/ent.fo: error: a DOCTYPE that declares entities is not allowed" "$T/.run.err"
