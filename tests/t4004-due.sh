#!/usr/bin/env bash
# cindoc due: golden timescales for every sample (table, CSV, JSON), as-of views, errors.
. "$(dirname "$0")/lib.sh"
D=$TESTS/due
TODAY=2026-11-25
mkdir -p "$D/samples"

# Every sample on its own, as a table.
for s in "$ROOT"/samples/[0-9]*.xml; do
	n=$(basename "$s" .xml)
	expect "due $n" 0 "$CINDOC" due --today $TODAY --format table "$s"
	golden "due $n: table" "$T/.run.out" "$D/samples/$n.table"
done

# All samples at once (a folder) as CSV and JSON; the JSON must parse and agree with the CSV.
expect "due samples/ --format csv" 0 "$CINDOC" due --today $TODAY --format csv "$ROOT/samples"
sed "s|$ROOT/||" "$T/.run.out" >"$T/all.csv"
golden "all samples: CSV" "$T/all.csv" "$D/all.csv"
expect "due samples/ --format json" 0 "$CINDOC" due --today $TODAY --format json "$ROOT/samples"
sed "s|$ROOT/||" "$T/.run.out" >"$T/all.json"
golden "all samples: JSON" "$T/all.json" "$D/all.json"
check "JSON and CSV say the same" python3 - "$T/all.json" "$T/all.csv" <<'PY'
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
flat = []
for c in j["cases"]:
    for t in c["timescales"]:
        flat.append([c["case"], c["file"], t["timescale"], t["about"], t["from"], t["due"], t["done"] or "",
                     t["status"], str(t["working_days"]), t["what"]])
keys = ["case", "file", "timescale", "about", "from", "due", "done", "status", "working_days", "what"]
assert j["today"] == "2026-11-25"
assert flat == [[r[k] for k in keys] for r in rows], "JSON and CSV differ"
assert len(flat) > 100
PY
check "the default format off a terminal is CSV" bash -c "'$CINDOC' due --today $TODAY '$ROOT/samples/02-review-scaling.xml' | head -1 | grep -qx 'case,file,timescale,about,from,due,done,status,working_days,what'"

# Every status and every timescale kind appears somewhere over the samples and fixtures.
"$CINDOC" due --today $TODAY --format csv "$ROOT/samples" "$D/cases/open-at-eighteen.xml" >"$T/kinds.csv"
for k in initial-meeting transfer-in-meeting child-protection-meeting case-note plan-authorised \
         minutes-sent review visit plan-length eighteen closure-letters; do
	check "timescale $k is covered" grep -q ",$k," "$T/kinds.csv"
done
for s in done late due overdue missed; do
	check "status $s is covered" grep -q ",$s,[0-9]*," "$T/kinds.csv"
done

# Only what is still to do.
expect "--pending" 0 "$CINDOC" due --today $TODAY --format table --pending "$ROOT/samples"
golden "--pending over all samples" "$T/.run.out" "$D/pending.table"
check "--pending shows nothing done" bash -c "! grep -q ' done' '$T/.run.out'"

# As of an earlier day: meetings, visits and done-dates after it have not happened yet.
expect "as of 2026-04-14" 0 "$CINDOC" due --today 2026-04-14 --format table "$ROOT/samples/02-review-scaling.xml"
golden "as of 2026-04-14: sample 02" "$T/.run.out" "$D/02-as-of-2026-04-14.table"
check "as of 2026-04-14: meeting m3 is not there yet" bash -c "! grep -q 'meeting m3' '$T/.run.out'"

# A plan still open past the 18th birthday is overdue.
expect "open at eighteen" 0 "$CINDOC" due --today $TODAY --format table "$D/cases/open-at-eighteen.xml"
check "open at eighteen: the birthday is overdue" grep -q 'OVERDUE by 3 WD   Tyler turns 18 on 2026-11-20: the plan ends' "$T/.run.out"

# Closure days move working-day deadlines.
printf '2026-11-26..2026-11-27 Office move\n' >"$T/closures.txt"
expect "--closures" 0 "$CINDOC" due --today $TODAY --format csv --closures "$T/closures.txt" "$ROOT/samples/01-initial-meeting.xml"
check "--closures: minutes due 2 working days later" grep -q ',minutes-sent,m1,2026-11-12,2026-11-30,,due,1,' "$T/.run.out"

# Errors: a bad case is reported and skipped (exit 6), the others listed.
expect "one bad case among good ones: exit 6" 6 "$CINDOC" due --today $TODAY --format csv "$D/cases/invalid.xml" "$ROOT/samples/01-initial-meeting.xml" "$D/cases/before-1978.xml"
sed "s|$ROOT/||" "$T/.run.err" >"$T/bad.err"
golden "bad cases: messages" "$T/bad.err" "$D/bad-cases.err"
check "bad cases: the good one is listed" grep -q '^NB-2026-0388,' "$T/.run.out"
check "bad cases: the bad ones are not" bash -c "! grep -q '^NB-2026-0142' '$T/.run.out'"
expect "only bad cases: exit 3" 3 "$CINDOC" due --today $TODAY "$D/cases/invalid.xml"
expect "a missing case: exit 4" 4 "$CINDOC" due --today $TODAY "$T/nothing.xml"
mkdir -p "$T/empty"
expect "an empty folder: exit 4" 4 "$CINDOC" due --today $TODAY "$T/empty"
check "an empty folder: message" grep -qx "cindoc: no case files (\*.xml) found" "$T/.run.err"

errs() {
	local args
	for args in "$@"; do
		echo "\$ cindoc due $args"
		# shellcheck disable=SC2086
		"$CINDOC" due $args 2>&1 >/dev/null | grep -v '^ \|^usage\|^$\|^Lists\|^meeting\|^plan\|^children\|^visit-weeks\|^closure\|^Status\|^overdue\|^Exit\|^reported\|^after\|^                  '
		echo "exit ${PIPESTATUS[0]}"
	done
}
S=$ROOT/samples/01-initial-meeting.xml
errs "" "--today" "--today 2026-02-30 $S" "--today 1977-01-01 $S" "--format xml $S" "--bogus $S" \
     "--closures $T/nothing.txt $S" >"$T/usage.txt" 2>&1
sed -i "s|$ROOT/||g; s|$T/||g" "$T/usage.txt"
golden "usage errors" "$T/usage.txt" "$D/usage-errors.txt"
expect "--help" 0 "$CINDOC" due --help
check "--help on stdout" grep -q '^usage: cindoc due' "$T/.run.out"
