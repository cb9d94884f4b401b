#!/usr/bin/env bash
# The kill test: a queue run killed at any moment leaves the queue as it was before the run or as
# it is after it, and the next run cleans up and finishes the work. The run is killed at its
# N-th checkpoint (CINDOC_TEST_KILL_AT=N: after each file rendered, each date, the manifests, and
# around the swap), for every N until a run gets through, and at random moments with -j 2.
. "$(dirname "$0")/lib.sh"
Q=$TESTS/queue
CASES=$T/cases
# Three cases keep the test quick: a new meeting and a closure after the "before" day, and an
# overdue meeting already queued then.
mkdir -p "$CASES" && cp "$ROOT"/samples/0[168]-*.xml "$ROOT"/samples/authority.xml "$CASES"/

snap() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
nosha() { python3 -c 'import csv,sys; w=csv.writer(sys.stdout, lineterminator="\n")
for r in csv.reader(open(sys.argv[1], newline="")): w.writerow(r[:-1])' "$1"; }

# Before: a queue as of 2026-11-04. After: the same queue run on 2026-12-02 (new items, new dates).
"$CINDOC" queue "$CASES" -o "$T/before" --today 2026-11-04 >/dev/null 2>&1
snap "$T/before" >"$T/before.snap"
cp -a "$T/before" "$T/ref"
"$CINDOC" queue "$CASES" -o "$T/ref" --today 2026-12-02 >/dev/null 2>&1
nosha "$T/ref/manifest.csv" >"$T/after.manifest"
check "before and after differ" bash -c "! cmp -s <(nosha '$T/before/manifest.csv') '$T/after.manifest'"

# state DIR: "before", "after" or what is wrong.
state() {
	local d=$1
	[ -d "$d" ] && snap "$d" >"$T/state.snap"
	if [ -d "$d" ] && cmp -s "$T/state.snap" "$T/before.snap"; then echo before; return; fi
	if [ -f "$d/manifest.csv" ] && cmp -s <(nosha "$d/manifest.csv") "$T/after.manifest" &&
	   python3 "$Q/check.py" "$d" >"$T/check.out" 2>&1; then echo after; return; fi
	echo "neither: $(head -c 300 "$T/check.out" 2>/dev/null)"
}

bad=() n=0 killed=0 finished=0 befores=0 afters=0
try() {
	local k=$1 jobs=$2
	rm -rf "$T/w" "$T"/.w.*; cp -a "$T/before" "$T/w"
	CINDOC_TEST_KILL_AT=$k "$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 -j "$jobs" >/dev/null 2>"$T/run.err"
	local rc=$?
	n=$((n + 1))
	local s; s=$(state "$T/w")
	case "$s" in
	before) befores=$((befores + 1)) ;;
	after) afters=$((afters + 1)) ;;
	*) bad+=("kill at $k (-j $jobs, exit $rc): $s") ;;
	esac
	# The next run recovers and finishes (checked after every third kill, and every late one).
	if [ $((n % 3)) != 1 ] && [ "${late:-0}" = 0 ]; then return $rc; fi
	"$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 >/dev/null 2>&1
	s=$(state "$T/w")
	[ "$s" = after ] || bad+=("after kill at $k, the next run: $s")
	ls -a "$T" | grep -q '^\.w\.\(new\|old\)-' && bad+=("after kill at $k: debris left: $(ls -a "$T" | grep '^\.w\.')")
	return $rc
}

k=1
while [ $k -lt 2000 ]; do
	try $k 1; rc=$?
	if [ $rc = 137 ]; then killed=$((killed + 1)); else finished=$k; break; fi
	if [ $k -lt 8 ]; then k=$((k + 1)); else k=$((k + 4)); fi
done
# The last checkpoints (the manifests, the swap and the cleanup) one by one; `last` becomes the
# first checkpoint that a run never reaches.
last=$finished
late=1
if [ "$finished" -gt 0 ]; then
	for k in $(seq $((finished > 8 ? finished - 8 : 1)) $((finished - 1))); do
		if try $k 1; then [ "$last" = "$finished" ] && last=$k; else killed=$((killed + 1)); fi
	done
fi
# Workers: a worker killed at its checkpoint fails the run, which leaves the queue as before.
for k in 2 5; do try $k 2; done
# Random moments, -j 2, killing the whole process group.
for delay in 0.1 0.4 1.2; do
	rm -rf "$T/w"; cp -a "$T/before" "$T/w"
	setsid "$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 -j 2 >/dev/null 2>&1 &
	pid=$!
	sleep $delay; kill -KILL -- -$pid 2>/dev/null; wait $pid 2>/dev/null
	s=$(state "$T/w")
	case "$s" in before|after) ;; *) bad+=("killed after ${delay}s: $s") ;; esac
	"$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 >/dev/null 2>&1
	[ "$(state "$T/w")" = after ] || bad+=("after the kill at ${delay}s, the next run did not finish the queue")
done

if [ ${#bad[@]} = 0 ]; then ok "killed at $killed checkpoints and 3 moments: always before or after ($befores before, $afters after)"
else notok "kill test" "${bad[@]}"; fi
check "some kills left the queue as before" test $befores -gt 0
check "some kills left the queue as after (killed after the swap)" test $afters -gt 1
check "a run got through (all checkpoints were tried)" test "$finished" -gt 0

# The fallback swap (two renames) where RENAME_EXCHANGE is not available: between the renames
# QUEUE_DIR is briefly missing, its old tree beside it as .NAME.old-PID; the next run puts it back
# (or a reader sees it there), so nothing is ever lost or half-written.
bad=() befores=0 afters=0 gaps=0
export CINDOC_TEST_NO_EXCHANGE=1
for k in $(seq $((last > 3 ? last - 3 : 1)) $((last + 1))); do
	rm -rf "$T/w" "$T"/.w.*; cp -a "$T/before" "$T/w"
	CINDOC_TEST_KILL_AT=$k "$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 >/dev/null 2>&1
	s=$(state "$T/w")
	old=$(ls -d "$T"/.w.old-* 2>/dev/null | head -1)
	if [ "$s" = before ]; then befores=$((befores + 1))
	elif [ "$s" = after ]; then afters=$((afters + 1))
	elif [ ! -e "$T/w" ] && [ -n "$old" ] && [ "$(state "$old")" = before ]; then gaps=$((gaps + 1))
	else bad+=("two renames, kill at $k: $s"); fi
	"$CINDOC" queue "$CASES" -o "$T/w" --today 2026-12-02 >/dev/null 2>&1
	[ "$(state "$T/w")" = after ] || bad+=("two renames, after kill at $k: the next run did not finish")
done
unset CINDOC_TEST_NO_EXCHANGE
if [ ${#bad[@]} = 0 ] && [ $befores -gt 0 ] && [ $afters -gt 0 ] && [ $gaps = 1 ]; then
	ok "two-rename swap: before, after, or the old tree beside a missing folder ($befores/$afters/$gaps)"
else notok "two-rename swap ($befores before, $afters after, $gaps gaps)" "${bad[@]}"; fi
