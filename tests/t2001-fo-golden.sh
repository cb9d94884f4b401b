#!/usr/bin/env bash
# Every tests/fo/NAME.fo rendered with the trace writer: NAME.trace is the expected trace, or,
# for a case that must fail, NAME.err is the expected message (exit 3, nothing written).
. "$(dirname "$0")/lib.sh"
cd "$TESTS" || exit 1
for fo in fo/*.fo; do
	name=$(basename "$fo" .fo)
	out=$T/$name.trace
	if [ -f "fo/$name.err" ] || [ "${name#err-}" != "$name" ]; then
		want=3
		[ -f "fo/$name.exit" ] && want=$(cat "fo/$name.exit")
		if why=$(run_cmd "$want" "$T/$name" "$CINDOC" render-fo "$fo" -o "$out" --writer trace); then
			ok "$name: exits $want"
		else
			notok "$name: exits $want" "$why"
		fi
		golden "$name: message" "$T/$name.err" "fo/$name.err"
		if [ -e "$out" ] || ls -a "$T" | grep -q "^\.$name\.trace\."; then
			notok "$name: nothing written"
		else
			ok "$name: nothing written"
		fi
	else
		if why=$(run_cmd 0 "$T/$name" "$CINDOC" render-fo "$fo" -o "$out" --writer trace); then
			ok "$name: renders"
			golden "$name: trace" "$out" "fo/$name.trace"
		else
			notok "$name: renders" "$why"
		fi
	fi
done
