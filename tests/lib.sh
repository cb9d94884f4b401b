# tests/lib.sh - sourced by every tests/tNNNN-*.sh script.
#
# A test script prints one line per check: "ok - NAME" or "not ok - NAME" (with details on
# the following lines, indented). tests/run counts them. Goldens are plain text files next to
# the inputs; UPDATE_GOLDEN=1 rewrites them instead of comparing (review the diff by eye).

set -u
TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$TESTS")
CINDOC=${CINDOC:-$ROOT/gen/cindoc}
export CINDOC_HOME=$ROOT
# Sanitizer builds: leaks inside fontconfig/pango/glib caches are theirs, not ours.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$TESTS/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TZ=UTC LC_ALL=C.UTF-8

SCRIPT=$(basename "$0" .sh)
T=$ROOT/tests/out/$SCRIPT        # scratch space for this script, emptied first
rm -rf "$T" && mkdir -p "$T"

ok()    { echo "ok - $1"; }
notok() { local l; echo "not ok - $1"; shift; for l in "$@"; do printf '%s\n' "$l" | sed 's/^/    /'; done; }

# check NAME CONDITION...: ok when the command succeeds.
check() { local n=$1; shift; if "$@" >"$T/.out" 2>&1; then ok "$n"; else notok "$n" "$(head -c 2000 "$T/.out")"; fi; }

# golden NAME ACTUAL_FILE GOLDEN_FILE: compare, or rewrite with UPDATE_GOLDEN=1.
golden() {
	local n=$1 act=$2 gold=$3
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$act" "$gold"; ok "$n (golden updated)"; return; fi
	if [ ! -f "$gold" ]; then notok "$n" "no golden file $gold"; return; fi
	if diff -u "$gold" "$act" >"$T/.diff" 2>&1; then ok "$n"; else notok "$n" "$(head -c 3000 "$T/.diff")"; fi
}

# run_cmd EXPECTED_EXIT OUTBASE CMD...: runs CMD, stdout to OUTBASE.out, stderr to OUTBASE.err,
# returns 0 when the exit code is EXPECTED_EXIT (prints why not otherwise).
run_cmd() {
	local want=$1 base=$2; shift 2
	"$@" >"$base.out" 2>"$base.err"
	local got=$?
	if [ "$got" != "$want" ]; then
		echo "exit $got, wanted $want: $*"; head -c 1500 "$base.err"; return 1
	fi
	if grep -q -e 'runtime error:' -e 'AddressSanitizer' -e 'LeakSanitizer' "$base.err"; then
		echo "sanitizer report:"; head -c 3000 "$base.err"; return 1
	fi
	return 0
}

# expect NAME EXIT CMD...: ok when CMD exits with EXIT (and no sanitizer report).
expect() {
	local n=$1 want=$2; shift 2
	local why
	if why=$(run_cmd "$want" "$T/.run" "$@"); then ok "$n"; else notok "$n" "$why"; fi
}

# has NAME FILE STRING / hasnt NAME FILE STRING: FILE holds (or does not hold) STRING, whatever
# the line breaks and runs of spaces; pdf FILE.pdf: its text beside it as FILE.txt (pdftotext).
has() {
	if python3 -c "import re,sys; t=re.sub(r'\s+',' ',open(sys.argv[1],encoding='utf-8').read()); sys.exit(0 if sys.argv[2] in t else 1)" "$2" "$3"
	then ok "$1"; else notok "$1" "not in $2: $3"; fi
}
hasnt() {
	if python3 -c "import re,sys; t=re.sub(r'\s+',' ',open(sys.argv[1],encoding='utf-8').read()); sys.exit(1 if sys.argv[2] in t else 0)" "$2" "$3"
	then ok "$1"; else notok "$1" "in $2: $3"; fi
}
pdf() { pdftotext "$1" "${1%.pdf}.txt"; }
