#!/usr/bin/env python3
"""check.py QUEUE_DIR: the queue folder is consistent (used by the t6 tests).

Every manifest row's file exists with its sha256 and page count; nothing else is in the folder
but the ledger, manifests, item PDFs and print.pdf files; every date's manifest lists exactly the
overall manifest's rows of that date; print.pdf holds the date's waiting items, each starting on
an odd page; files are mode 0600 and folders 0700. Prints what is wrong; exit 1 if anything.
"""
import csv, hashlib, json, os, re, stat, subprocess, sys

q = sys.argv[1]
bad = []

def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()

def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else -1

allrows = rows(os.path.join(q, "manifest.csv"))
js = json.load(open(os.path.join(q, "manifest.json"), encoding="utf-8"))["items"]
if [r["item"] for r in allrows] != [j["item"] for j in js]:
    bad.append("manifest.json and manifest.csv list different items")
expected = {"ledger.tsv", "manifest.csv", "manifest.json"}
dates = {}
for r in allrows:
    dates.setdefault(r["file"].split("/")[0], []).append(r)
    expected.add(r["file"])
    p = os.path.join(q, r["file"])
    if not os.path.isfile(p):
        bad.append("missing " + r["file"])
        continue
    if sha(p) != r["sha256"]:
        bad.append("sha256 of %s differs from the manifest" % r["file"])
    if pages(p) != int(r["pages"]):
        bad.append("%s has %d pages, manifest says %s" % (r["file"], pages(p), r["pages"]))
for d, rs in dates.items():
    for f in ("manifest.csv", "manifest.json"):
        expected.add(d + "/" + f)
    if [x["item"] for x in rows(os.path.join(q, d, "manifest.csv"))] != [x["item"] for x in rs]:
        bad.append(d + "/manifest.csv does not list the date's items")
    waiting = [x for x in rs if x["status"] in ("queued", "overdue")]
    pp = os.path.join(q, d, "print.pdf")
    if os.path.exists(pp):
        expected.add(d + "/print.pdf")
    if waiting:
        if not os.path.exists(pp):
            bad.append(d + ": no print.pdf")
            continue
        n = 1
        for x in waiting:
            first, last = int(x["print_first"]), int(x["print_last"])
            if first != n or last - first + 1 != int(x["pages"]):
                bad.append("%s: in print.pdf at %d-%d, expected from page %d, %s pages" % (x["item"], first, last, n, x["pages"]))
            if first % 2 != 1:
                bad.append(x["item"] + " starts on an even page of print.pdf")
            n = last + 1 + (last % 2)
        if pages(pp) not in (n - 1, n - 2):
            bad.append("%s/print.pdf has %d pages, expected %d" % (d, pages(pp), n - 1))
for root, dirs, files in os.walk(q):
    for dname in dirs:
        m = stat.S_IMODE(os.stat(os.path.join(root, dname)).st_mode)
        if m != 0o700:
            bad.append("folder %s has mode %o" % (dname, m))
    for fname in files:
        rel = os.path.relpath(os.path.join(root, fname), q)
        m = stat.S_IMODE(os.stat(os.path.join(root, fname)).st_mode)
        if m != 0o600:
            bad.append("%s has mode %o" % (rel, m))
        if rel not in expected:
            bad.append("unexpected file " + rel)
print("\n".join(bad))
sys.exit(1 if bad else 0)
