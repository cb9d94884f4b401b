#!/usr/bin/env bash
# The queue's files reach the disk before the new queue takes the old one's place: one syncfs of
# the staging tree, then the swap (queue-store.c, cd_qs_commit). No file of the staging tree is
# fsync'ed on its own (a flush of the disk per item, about 3 ms each): a kill cannot see the
# difference (t6002-queue-kill.sh), a crash of the machine is covered by the syncfs.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
if ! command -v strace >/dev/null || ! strace -f -o /dev/null true 2>/dev/null; then
	echo "ok - # SKIP strace cannot trace here"
	exit 0
fi
C=$T/cases Q=$T/queue
mkdir -p "$C" && cp samples/*.xml "$C/"
calls='trace=fsync,fdatasync,syncfs,rename,renameat,renameat2'
# traced FILE CMD...: CMD under strace, its calls in FILE (LeakSanitizer cannot run under ptrace:
# the other queue tests look for leaks)
traced() { local f=$1; shift; env ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -qq -e "$calls" -o "$f" "$@"; }

for j in 1 2; do
	rm -rf "$Q"
	expect "-j $j: a new queue" 0 traced "$T/new-$j.trace" "$CINDOC" queue "$C" -o "$Q" --today 2026-11-25 -j $j -q
	# the staging folder goes into place by a rename of ".queue.new-PID" onto the queue
	check "-j $j: one syncfs, before the staging tree is renamed into place" awk '
		/syncfs\(/ { s++; if (!placed) before++ }
		/rename.*"[^"]*\/\.queue\.new-[0-9]+", .*"[^"]*\/queue"/ { placed++ }
		END { exit !(s == 1 && before == 1 && placed == 1) }' "$T/new-$j.trace"
	items=$(($(wc -l <"$Q/manifest.csv") - 1))
	n=$(grep -c 'fsync(' "$T/new-$j.trace")
	check "-j $j: no fsync per file ($items items, $n fsync calls)" test "$n" -le 2 -a "$items" -gt 10
done

# A re-run with an item changed: the old queue is exchanged with the new one, after the syncfs.
sed -i 's/Northbridge/Northbrydge/' "$C/02-review-scaling.xml"
expect "a re-run with one case changed" 0 traced "$T/again.trace" "$CINDOC" queue "$C" -o "$Q" --today 2026-11-25
check "the re-run: one syncfs, before the exchange" awk '
	/syncfs\(/ { s++; if (!placed) before++ }
	/renameat2\(.*RENAME_EXCHANGE/ { placed++ }
	END { exit !(s == 1 && before == 1 && placed == 1) }' "$T/again.trace"
check "the re-run made the changed case's items again" grep -Eq ' [1-9][0-9]* updated' "$T/.run.out"
