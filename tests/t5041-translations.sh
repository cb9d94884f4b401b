#!/usr/bin/env bash
# Case text recorded in the reader's language too (issue 13): a translation beside the original
# (a sibling of the same name with lang, templates/case.xsd) is what a copy in that language
# prints; the file copy and copies in the record's language print the original. A translated
# paragraph is in the document's language (no English mark in the PDF); a part left untranslated
# is marked English, and only a copy that still holds one says that some parts are in English.
# A translation goes wherever its original goes: withheld with it, for the same reader. The Welsh
# notice speaks to a child as "ti". The lints of translations are cases of tests/check/
# (*translation*), run by t1001.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
S=samples/03-siblings.xml
D=tests/t5041

# langtree PDF: "ROLE LANG: text" for each structure element that holds text, LANG its /Lang or
# the nearest one above it (the document's); the text from poppler's reading of the same tree.
langtree() {
	/usr/bin/python3 - "$1" <<'PY'
import pikepdf, subprocess, sys, unicodedata
p = pikepdf.open(sys.argv[1])
els = []
def walk(e, lang):
    if "/Lang" in e:
        lang = str(e["/Lang"])
    els.append((str(e.S)[1:], lang))
    k = e.get("/K")
    for x in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(x, pikepdf.Dictionary) and "/S" in x:
            walk(x, lang)
K = p.Root.StructTreeRoot.K
for k in (K if isinstance(K, pikepdf.Array) else [K]):
    walk(k, str(p.Root.get("/Lang", "")))
out = subprocess.run(["pdfinfo", "-struct-text", sys.argv[1]], capture_output=True, text=True).stdout
items = []
for line in out.splitlines():
    s = line.strip()
    if s.startswith('"'):
        if items:
            items[-1][1].append(s.strip('"'))
    elif s and not s.startswith("/"):
        items.append((s.split()[0].rstrip(":"), []))
if len(items) != len(els) or any(a[0] != b[0] for a, b in zip(els, items)):
    sys.exit("the two readings of the structure tree differ")
for (n, lang), (_, text) in zip(els, items):
    if text:
        print(unicodedata.normalize("NFKC", "%s %s: %s" % (n, lang, " ".join(text))))
PY
}
# intree NAME TREE LINE-START: TREE has a line starting with LINE-START
intree() { check "$1" grep -qF -e "$3" "$2"; }
notintree() { check "$1" bash -c 'test -s "$2" && ! grep -qF -e "$1" "$2"' _ "$3" "$2"; }

# ---- sample 03: the mother reads Polish; some of the case is recorded in Polish too
expect "03: the mother's plan copy (pl)" 0 "$CINDOC" render --doc plan-copy --for p1 "$S" -o "$T/p1.pdf"
pdf "$T/p1.pdf"
has "03 pl: the plan item in Polish" "$T/p1.txt" "Alfie je śniadanie i codziennie punktualnie dociera do szkoły."
has "03 pl: its other headers in Polish" "$T/p1.txt" "Klub śniadaniowy w każdy dzień szkolny; wujek Bartek we wtorki i czwartki."
hasnt "03 pl: not the English it translates" "$T/p1.txt" "Alfie has breakfast and gets to school on time every day."
has "03 pl: the mother's view in Polish" "$T/p1.txt" "Mama powiedziała, że nowe mieszkanie wszystko zmieniło"
hasnt "03 pl: not the English view" "$T/p1.txt" "Mum said the new flat has changed everything"
has "03 pl: the safety plan in Polish" "$T/p1.txt" "Jeśli mama zostanie wezwana wcześniej do pracy"
has "03 pl: the minutes' list of steps in Polish" "$T/p1.txt" "Kas nadrabia zaległości w nauce. (Fiona Gallacher i Kas"
has "03 pl: what is not translated stays as written" "$T/p1.txt" "Ms Gallacher said Kas has been in school every day"
has "03 pl: so the copy still says that some parts are in English" "$T/p1.txt" "Niektóre części tego dokumentu są po angielsku"
expect "03: the uncle's short copy (pl)" 0 "$CINDOC" render --doc plan-copy --for p2 "$S" -o "$T/p2.pdf"
pdf "$T/p2.pdf"
has "03 pl short: the step in Polish" "$T/p2.txt" "Kas nadrabia zaległości w nauce."
expect "03: the file copy" 0 "$CINDOC" render --doc plan --for file "$S" -o "$T/file.pdf"
pdf "$T/file.pdf"
has "03 file: the record as written" "$T/file.txt" "Alfie has breakfast and gets to school on time every day."
hasnt "03 file: no translation" "$T/file.txt" "Alfie je śniadanie"
expect "03: a teacher's copy (en)" 0 "$CINDOC" render --doc plan-copy --for p3 "$S" -o "$T/p3.pdf"
pdf "$T/p3.pdf"
has "03 en: the original" "$T/p3.txt" "Mum said the new flat has changed everything"
hasnt "03 en: no Polish" "$T/p3.txt" "Mama powiedziała"

# the structure tree: each part in its language
langtree "$T/p1.pdf" >"$T/p1.tree"
check "03 pl: the structure tree reads" test -s "$T/p1.tree"
intree "03 pl tags: a translated paragraph is in Polish, not marked English" "$T/p1.tree" "P pl: Mama powiedziała"
intree "03 pl tags: a translated item is in Polish" "$T/p1.tree" "P pl: Kas nadrabia zaległości w nauce."
intree "03 pl tags: an untranslated paragraph is marked English" "$T/p1.tree" "P en: Ms Gallacher said"
intree "03 pl tags: the untranslated scaling question in a Polish sentence is an English Span" "$T/p1.tree" "Span en: How sure are we that Kas"
intree "03 pl tags: an untranslated report in a Polish sentence is an English Span" "$T/p1.tree" "Span en: Family Centre report on the breakfast club"

# ---- a case whose every text a copy prints is translated: no notice
expect "all translated: the check is clean" 0 "$CINDOC" check "$D/all-pl.xml"
expect "all translated: the parent's plan copy (pl)" 0 "$CINDOC" render --doc plan-copy --for p1 "$D/all-pl.xml" -o "$T/all.pdf"
pdf "$T/all.pdf"
has "all translated: the item in Polish" "$T/all.txt" "Sam codziennie chodzi do szkoły."
has "all translated: the child's words in Polish" "$T/all.txt" "Jest lepiej."
hasnt "all translated: no 'some parts are in English'" "$T/all.txt" "Niektóre części tego dokumentu są po angielsku"
langtree "$T/all.pdf" >"$T/all.tree"
intree "all translated tags: the safety plan is Polish" "$T/all.tree" "P pl: Alex dzwoni do Robina"
notintree "all translated tags: no case text marked English" "$T/all.tree" "P en: Sam goes to school"
expect "all translated: the closure-free plan for the file (en)" 0 "$CINDOC" render --doc plan --for file "$D/all-pl.xml" -o "$T/all-file.pdf"
pdf "$T/all-file.pdf"
hasnt "all translated: the file copy keeps the record" "$T/all-file.txt" "Sam codziennie chodzi do szkoły."
expect "all translated: a Polish file copy is still the record" 0 "$CINDOC" render --doc plan --for file --lang pl "$D/all-pl.xml" -o "$T/all-file-pl.pdf"
pdf "$T/all-file-pl.pdf"
has "all translated: ... so it says that parts are in English" "$T/all-file-pl.txt" "Niektóre części tego dokumentu są po angielsku"
hasnt "all translated: ... and prints no translation" "$T/all-file-pl.txt" "Sam codziennie chodzi do szkoły."

# ---- a translation goes where its original goes
expect "withheld: the parent's copy" 0 "$CINDOC" render --doc plan-copy --for p1 "$D/withheld.xml" -o "$T/w-p1.pdf"
pdf "$T/w-p1.pdf"
hasnt "withheld: the translation of a withheld paragraph is withheld too" "$T/w-p1.txt" "Sam może zostać u dziadka"
has "withheld: the paragraph after it is not taken for its translation" "$T/w-p1.txt" "Robin visits every two weeks."
has "for adults: the parent reads the adults' paragraph in Polish" "$T/w-p1.txt" "Jeśli Sam wydaje się zmartwiony, powiedzcie o tym szkole."
hasnt "for adults: not the child's" "$T/w-p1.txt" "Jeśli się martwisz"
expect "for the child: the child's copy" 0 "$CINDOC" render --doc plan-copy --for c1 "$D/withheld.xml" -o "$T/w-c1.pdf"
pdf "$T/w-c1.pdf"
has "for the child: the child reads the child's paragraph in Polish" "$T/w-c1.txt" "Jeśli się martwisz, powiedz nauczycielce."
has "for the child: and what is withheld from the parent, in Polish" "$T/w-c1.txt" "Sam może zostać u dziadka"
hasnt "for the child: not the adults'" "$T/w-c1.txt" "Jeśli Sam wydaje się zmartwiony"

# ---- Welsh: the notice speaks to a child as "ti", to an adult as "chi"
expect "cy: the boy's plan copy" 0 "$CINDOC" render --doc plan-copy --for c1 samples/05-transfer-in.xml -o "$T/cy-c1.pdf"
pdf "$T/cy-c1.pdf"
has "cy child: the notice says 'ti'" "$T/cy-c1.txt" "Gelli di ofyn am gyfieithydd i’w darllen i ti yn Gymraeg: ffonia"
hasnt "cy child: not 'chi'" "$T/cy-c1.txt" "Gallwch ofyn am gyfieithydd"
expect "cy: the mother's plan copy" 0 "$CINDOC" render --doc plan-copy --for p1 samples/05-transfer-in.xml -o "$T/cy-p1.pdf"
pdf "$T/cy-p1.pdf"
has "cy adult: the notice says 'chi'" "$T/cy-p1.txt" "Gallwch ofyn am gyfieithydd i’w darllen i chi yn Gymraeg"
langtree "$T/cy-p1.pdf" >"$T/cy-p1.tree"
intree "cy tags: an untranslated step in a Welsh sentence is an English Span" "$T/cy-p1.tree" "Span en: Elis has a young carers worker in Northbridge."
intree "cy tags: an untranslated paragraph is marked English" "$T/cy-p1.tree" "P en: "
