#!/usr/bin/python3
"""empty-update.py IN OUT: writes IN to OUT with an update appended that changes nothing (a
cross-reference section of object 0 alone, its trailer IN's with /Prev). OUT holds the same
objects as IN, but print.pdf's assembly reads a file with an update with libqpdf, not as it is
(pdf-concat.cc): t6005 checks that both readings give the same bytes."""
import re, sys

data = open(sys.argv[1], "rb").read()
prev = re.findall(rb"startxref\s+(\d+)", data)[-1]
trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S)[-1]
trailer = re.sub(rb"/ID\s*\[[^\]]*\]", b"", trailer)
at = len(data)
data += (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<<" + trailer + b" /Prev " + prev + b">>\nstartxref\n" +
         str(at).encode() + b"\n%%EOF\n")
open(sys.argv[2], "wb").write(data)
