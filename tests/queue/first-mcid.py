#!/usr/bin/python3
"""first-mcid.py PDF [OUT]: prints the first MCID of the first H1 of PDF's structure tree; with
OUT, writes PDF to OUT with that MCID an indirect integer and its objects in object streams
(used by t6005: an input for print.pdf that cindoc did not write). pikepdf reads an indirect
integer as a number and cannot make one, so OUT is made with qpdf --update-from-json."""
import json, os, subprocess, sys
import pikepdf


def h1(e):
    for x in (e.K if isinstance(e.K, pikepdf.Array) else [e.K]):
        if isinstance(x, pikepdf.Dictionary) and "/S" in x:
            if x.S == "/H1":
                return x
            r = h1(x)
            if r is not None:
                return r
    return None


if len(sys.argv) == 2:
    print(int(h1(pikepdf.open(sys.argv[1]).Root.StructTreeRoot).K[0]))
    sys.exit(0)
src, out = sys.argv[1], sys.argv[2]
with pikepdf.open(src) as p:
    og = h1(p.Root.StructTreeRoot).objgen
objs = json.loads(subprocess.run(["qpdf", "--json-output", "--json-key=qpdf", src], check=True,
                                 capture_output=True).stdout)["qpdf"][1]
top = max(int(k.split(":")[1].split()[0]) for k in objs if k.startswith("obj:"))
key = "obj:%d %d R" % og
elem = objs[key]
mcid = elem["value"]["/K"][0]
elem["value"]["/K"][0] = "%d 0 R" % (top + 1)
upd = {"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False, "calledgetallpages": False,
                 "maxobjectid": top + 1}, {key: elem, "obj:%d 0 R" % (top + 1): {"value": mcid}}]}
with open(out + ".json", "w") as f:
    json.dump(upd, f)
subprocess.run(["qpdf", src, "--update-from-json=" + out + ".json", "--object-streams=generate", out], check=True)
os.remove(out + ".json")
