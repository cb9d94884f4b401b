#!/usr/bin/env bash
# The png writer: one PNG per page, named out.png for one page and out-N.png for several, at the
# chosen resolution, drawn like the PDF (compared with poppler's render of the cairo PDF).
. "$(dirname "$0")/lib.sh"
. "$TESTS/tools/build.sh"
. "$TESTS/pdf/lib.sh"
check "pages-demo builds" build_tool pages-demo
check "pngdiff builds" build_tool pngdiff
D=$T/pages-demo

# png_size FILE: "WxH" from the PNG header
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }

mkdir -p "$T/two" "$T/one" "$T/dpi"
expect "two pages at the default 96 dpi" 0 "$D" png "$T/two/plan.png" --image "$TESTS/pdf/logo.png"
check "two pages give plan-1.png and plan-2.png only" sh -c "[ \"\$(ls -A '$T/two' | tr '\n' ' ')\" = 'plan-1.png plan-2.png ' ]"
check "page 1 is 794x1123 pixels (A4 at 96 dpi)" test "$(png_size "$T/two/plan-1.png")" = 794x1123
check "page 2 is 794x1123 pixels" test "$(png_size "$T/two/plan-2.png")" = 794x1123
check "PNG files are mode 0600" sh -c "[ \"\$(stat -c %a '$T/two/plan-1.png' '$T/two/plan-2.png' | sort -u)\" = 600 ]"

expect "one page gives one file" 0 "$D" png "$T/one/plan.png" --one
check "one page gives plan.png only" sh -c "[ \"\$(ls -A '$T/one')\" = plan.png ]"
expect "dpi=150" 0 "$D" png "$T/dpi/plan.png" --one --opts dpi=150
check "dpi=150 gives 1240x1754 pixels" test "$(png_size "$T/dpi/plan.png")" = 1240x1754
expect "a name without .png gets -N.png" 0 "$D" png "$T/dpi/page" --opts dpi=30
check "page-1.png and page-2.png" test -f "$T/dpi/page-1.png" -a -f "$T/dpi/page-2.png"

# the PNG writer draws what the PDF holds: compare with poppler's Cairo render of the cairo PDF
expect "cairo PDF for comparison" 0 "$D" cairo "$T/plan.pdf" --image "$TESTS/pdf/logo.png"
pdftocairo -q -r 96 -png "$T/plan.pdf" "$T/poppler"
for p in 1 2; do
	expect "page $p: png writer and the PDF rendered by pdftocairo agree (under 0.5% of blocks)" 0 \
		"$T/pngdiff" "$T/two/plan-$p.png" "$T/poppler-$p.png" 0.5
done
expect "the comparison can fail: page 1 against page 2" 1 "$T/pngdiff" "$T/two/plan-1.png" "$T/poppler-2.png" 0.5

mkdir -p "$T/err"
expect "dpi must be a number" 2 "$D" png "$T/err/a.png" --opts dpi=high
check "dpi message" grep -qx "cindoc: writer 'png': option 'dpi' wants a whole number from 9 to 2400, not 'high'" "$T/.run.err"
expect "dpi too small" 2 "$D" png "$T/err/a.png" --opts dpi=5
check "dpi range message" grep -qx "cindoc: writer 'png': option 'dpi' wants a whole number from 9 to 2400, not '5'" "$T/.run.err"
expect "unknown png option" 2 "$D" png "$T/err/a.png" --opts dpi=96,colour=grey
check "unknown png option message" grep -qx "cindoc: writer 'png': unknown option 'colour' (known: dpi)" "$T/.run.err"
expect "an option given twice" 2 "$D" png "$T/err/a.png" --opts dpi=96,dpi=72
check "twice message" grep -qx "cindoc: writer 'png': option 'dpi' given twice" "$T/.run.err"
expect "several pages cannot go to standard output" 2 "$D" png -
check "stdout message" grep -qx "cindoc: writer 'png': a document of several pages cannot go to standard output" "$T/.run.err"
expect "a missing image on page 1" 4 "$D" png "$T/err/a.png" --image "$T/none.png"
check "errors wrote nothing" sh -c "[ -z \"\$(ls -A '$T/err')\" ]"
expect "an unwritable folder" 5 "$D" png "$T/no-such-dir/a.png"
check "unwritable folder message" grep -qx "cindoc: cannot write '$T/no-such-dir/a-1.png': No such file or directory" "$T/.run.err"
