# tests/pdf/lib.sh - PDF checks shared by the t3 and t7 scripts (after tests/lib.sh).

# in_order FILE LINE...: every LINE is a line of FILE (fixed string, whole line once spaces are
# squeezed), each after the one before.
in_order() {
	local file=$1; shift
	python3 - "$file" "$@" <<'PY'
import sys
lines = [" ".join(l.split()) for l in open(sys.argv[1], encoding="utf-8")]
at = -1
for want in sys.argv[2:]:
    try:
        at = lines.index(want, at + 1)
    except ValueError:
        print("not found after line %d: %s" % (at + 1, want))
        sys.exit(1)
PY
}

# fonts_embedded PDF [PASSWORD]: pdffonts lists at least one font and every one is embedded
# as a subset.
fonts_embedded() {
	local out
	out=$(pdffonts ${2:+-upw "$2"} "$1" 2>/dev/null | tail -n +3)
	[ -n "$out" ] || { echo "no fonts"; return 1; }
	if printf '%s\n' "$out" | grep -v -E ' yes +yes +yes +[0-9]+ +[0-9]+$'; then return 1; fi
}

# no_leftovers DIR: no temporary output file (.NAME.XXXXXX) is left in DIR.
no_leftovers() { ! ls -A "$1" | grep -q '^\..*\.[A-Za-z0-9]\{6\}$'; }

# mode_600 FILE
mode_600() { [ "$(stat -c %a "$1")" = 600 ]; }

# json_links PDF [PASSWORD]: one line per link annotation: "page N uri URI" or "page N dest NAME"
# or "page N goto PAGE".
json_links() {
	qpdf ${2:+--password="$2"} --json "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
objs = d["qpdf"][1] if "qpdf" in d else d["objects"]
def get(ref):
    return objs.get("obj:" + ref, objs.get(ref, {}))
def val(o):
    return o.get("value", o) if isinstance(o, dict) else o
def res(x):
    return val(get(x)) if isinstance(x, str) and x.endswith(" R") else x
pages = [p["object"] for p in d["pages"]]
for n, p in enumerate(pages, 1):
    page = val(get(p))
    for a in page.get("/Annots", []):
        an = val(get(a)) if isinstance(a, str) else a
        if an.get("/Subtype") != "/Link":
            continue
        act = an.get("/A")
        act = val(get(act)) if isinstance(act, str) else act
        if act and "/URI" in act:
            print("page %d uri %s" % (n, act["/URI"][2:] if act["/URI"].startswith("u:") else act["/URI"]))
        elif act and "/D" in act:
            dd = res(act["/D"])
            print("page %d dest %s" % (n, dd[2:] if isinstance(dd, str) else "goto page %d" % (pages.index(dd[0]) + 1)))
        elif "/Dest" in an:
            dd = res(an["/Dest"])
            print("page %d %s" % (n, ("dest " + dd[2:]) if isinstance(dd, str) else "goto page %d" % (pages.index(dd[0]) + 1)))
'
}

# tagging PDF: the catalog's /Lang, /MarkInfo and /DisplayDocTitle, then the structure tree's
# elements depth first, one a line, indented, with /Alt and /Lang when they have them.
tagging() {
	qpdf --json "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
objs = d["qpdf"][1]
def get(ref):
    o = objs.get("obj:" + ref, {})
    return o.get("value", o)
def text(s):
    if s.startswith("u:"): return s[2:]
    if s.startswith("b:"):
        b = bytes.fromhex(s[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return s
root = get(objs["trailer"]["value"]["/Root"])
print("lang", text(root.get("/Lang", "u:-")))
print("marked", root.get("/MarkInfo", {}).get("/Marked"))
print("display-doc-title", root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"))
def walk(ref, depth):
    e = get(ref)
    if e.get("/Type") == "/StructTreeRoot":
        role = "StructTreeRoot"
    else:
        role = e.get("/S", "?")[1:]
    extra = ""
    if "/Alt" in e: extra += " alt=" + text(e["/Alt"])
    if "/Lang" in e: extra += " lang=" + text(e["/Lang"])
    print("  " * depth + role + extra)
    k = e.get("/K", [])
    if not isinstance(k, list): k = [k]
    for kid in k:
        if isinstance(kid, str) and kid.endswith(" R") and get(kid).get("/Type") in ("/StructElem", None) and "/S" in get(kid):
            walk(kid, depth + 1)
walk(root["/StructTreeRoot"], 0)
'
}

# outline_labels PDF [QPDF-OPTION...]: the outline ("outline DEPTH TITLE -> page N") and the page labels
# ("label INDEX TEXT" for a label given as text, as cairo writes them; "label INDEX STYLE START"
# for a numbering style, as libharu writes them), from qpdf's JSON.
outline_labels() {
	local pdf=$1; shift
	qpdf "$@" --json --json-key=outlines --json-key=pagelabels "$pdf" | python3 -c '
import json, sys
d = json.load(sys.stdin)
def walk(os, depth):
    for o in os:
        print("outline %d %s -> page %d" % (depth, o["title"], o["destpageposfrom1"]))
        walk(o["kids"], depth + 1)
walk(d["outlines"], 0)
for l in d["pagelabels"]:
    lab = l["label"]
    if "/P" in lab:
        print("label %d %s" % (l["index"], lab["/P"]))
    else:
        print("label %d %s %d" % (l["index"], lab["/S"], lab["/St"]))
'
}
