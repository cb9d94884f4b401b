#!/usr/bin/python3
"""print-check.py QUEUE_DIR [PASSWORD]: each date's print.pdf is its waiting items' own PDFs put
together (used by t6005): every page's content exactly as in the item's PDF, at the item's
print_first..print_last; one outline entry per item, titled as the item and going to its first
page, with the item's own outline under it; every named destination and internal link of an
item going to a page of that item. Prints what is wrong; exit 1 if anything."""
import csv, sys
import pikepdf

q = sys.argv[1]
pw = sys.argv[2] if len(sys.argv) > 2 else ""
bad = []

def content(page):
    c = page.obj.get("/Contents")
    if c is None:
        return b""
    return b"".join(x.read_bytes() for x in (c if isinstance(c, pikepdf.Array) else [c]))

def page_index(pdf, obj):
    for i, p in enumerate(pdf.pages):
        if p.obj.objgen == obj.objgen:
            return i
    return -1

by_date = {}
for r in csv.DictReader(open(q + "/manifest.csv", newline="", encoding="utf-8")):
    if r["status"] in ("queued", "overdue"):
        by_date.setdefault(r["file"].split("/")[0], []).append(r)
for d, rows in sorted(by_date.items()):
    pr = pikepdf.open("%s/%s/print.pdf" % (q, d), password=pw)
    entries = []
    e = pr.Root.Outlines.get("/First") if "/Outlines" in pr.Root else None
    while e is not None:
        entries.append(e)
        e = e.get("/Next")
    if len(entries) != len(rows):
        bad.append("%s/print.pdf: %d outline entries for %d items" % (d, len(entries), len(rows)))
        continue
    dests = {}
    if "/Names" in pr.Root and "/Dests" in pr.Root.Names:
        n = pr.Root.Names.Dests.Names
        for i in range(0, len(n), 2):
            dests[str(n[i])] = n[i + 1]
    for k, r in enumerate(rows):
        item = pikepdf.open("%s/%s" % (q, r["file"]), password=pw)
        first, last = int(r["print_first"]) - 1, int(r["print_last"]) - 1
        for j, pg in enumerate(item.pages):
            if content(pg) != content(pr.pages[first + j]):
                bad.append("%s: page %d differs in print.pdf (page %d)" % (r["item"], j + 1, first + j + 1))
        if str(entries[k].Title) != str(item.docinfo.get("/Title")):
            bad.append("%s: outline entry '%s', item title '%s'" % (r["item"], entries[k].Title, item.docinfo.get("/Title")))
        if page_index(pr, entries[k].Dest[0]) != first:
            bad.append("%s: its outline entry does not go to its first page" % r["item"])
        kids, c = 0, entries[k].get("/First")
        while c is not None:
            kids += 1
            dn = str(c.get("/Dest"))
            if dn not in dests or not first <= page_index(pr, dests[dn][0]) <= last:
                bad.append("%s: outline '%s' goes outside the item" % (r["item"], c.Title))
            c = c.get("/Next")
        mine = len(item.open_outline().root) if "/Outlines" in item.Root else 0
        if kids != mine:
            bad.append("%s: %d outline entries under it, its own PDF has %d" % (r["item"], kids, mine))
        for j in range(first, last + 1):
            for a in pr.pages[j].obj.get("/Annots", []):
                dn = a.get("/Dest")
                if dn is None and "/A" in a and "/D" in a.A:
                    dn = a.A.D
                if dn is None:
                    continue
                if str(dn) not in dests or not first <= page_index(pr, dests[str(dn)][0]) <= last:
                    bad.append("%s: a link on page %d goes to '%s', not a page of the item" % (r["item"], j + 1, dn))
print("\n".join(bad))
sys.exit(1 if bad else 0)
