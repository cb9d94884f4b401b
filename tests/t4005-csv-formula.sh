#!/usr/bin/env bash
# CSV written for spreadsheets never runs a formula taken from a case: a cell starting with
# = + - @ (or a tab or CR) gets a ' in front, in 'cindoc due --format csv' and in the queue's
# manifest.csv; JSON keeps the text as it is.
. "$(dirname "$0")/lib.sh"
C=$TESTS/csv
TODAY=2026-11-25

# A cell a spreadsheet would run: after CSV parsing, its first character is one of = + - @ TAB CR.
cat >"$T/formulas.py" <<'PY'
import csv, sys
bad = [(i, c) for i, row in enumerate(csv.reader(open(sys.argv[1], newline=""))) for c in row
       if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
for b in bad:
    print("row %d: %r" % b)
sys.exit(1 if bad else 0)
PY

expect "due: the case loads" 0 "$CINDOC" due --today $TODAY --format csv "$C/formula-names.xml"
cp "$T/.run.out" "$T/due.csv"
check "due CSV: no cell starts a formula" python3 "$T/formulas.py" "$T/due.csv"
check "due CSV: the name is kept, as text" python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open('$T/due.csv', newline='')) if r['timescale'] == 'eighteen']
sys.exit(0 if rows and rows[0]['what'].startswith('\'=HYPERLINK(\"http://x\",\"y\") turns 18 on ') else 1)"
expect "due: JSON" 0 "$CINDOC" due --today $TODAY --format json "$C/formula-names.xml"
check "due JSON: the name as it is" python3 -c "
import json, sys
t = [t for c in json.load(open('$T/.run.out'))['cases'] for t in c['timescales'] if t['timescale'] == 'eighteen']
sys.exit(0 if t and t[0]['what'].startswith('=HYPERLINK(\"http://x\",\"y\") turns 18 on ') else 1)"

mkdir -p "$T/cases"
cp "$C/formula-names.xml" "$T/cases/"
expect "queue: the case queues" 0 "$CINDOC" queue "$T/cases" -o "$T/q" --today $TODAY
check "manifest.csv: no cell starts a formula" python3 "$T/formulas.py" "$T/q/manifest.csv"
check "manifest.csv: the young person's copy names them, as text" python3 -c "
import csv, sys
rows = [r for r in csv.DictReader(open('$T/q/manifest.csv', newline='')) if r['recipient'] == 'c1']
sys.exit(0 if rows and all(r['recipient_name'] == '\'=HYPERLINK(\"http://x\",\"y\") Ashworth' for r in rows) else 1)"
day=$(python3 -c "
import csv
print([r for r in csv.DictReader(open('$T/q/manifest.csv', newline='')) if r['recipient'] == 'c1'][0]['due'])")
check "a date's manifest.csv: no cell starts a formula" python3 "$T/formulas.py" "$T/q/$day/manifest.csv"
check "manifest.json: the name as it is" python3 -c "
import json, sys
items = [i for i in json.load(open('$T/q/manifest.json'))['items'] if i['recipient'] == 'c1']
sys.exit(0 if items and all(i['recipient_name'] == '=HYPERLINK(\"http://x\",\"y\") Ashworth' for i in items) else 1)"
