#!/usr/bin/python3
"""tests/pdf/ua-check.py - the machine-checkable PDF/UA-1 failure conditions of the Matterhorn
Protocol 1.1 that cindoc's documents can meet, checked with pikepdf.

    ua-check.py [--password PW] [--words FILE.fo] FILE.pdf...
    ua-check.py [--password PW] --text FILE.pdf

With --text, prints the text a reader following the standard takes from each page (below),
one page after another, and checks nothing: for tests that look for words in a copy whose
script poppler's pdftotext does not read as the standard says (Urdu).

Prints one line per failure, "FILE: CHECKPOINT: what" (the Matterhorn checkpoint number, or
"enc" for the project's own encryption rule), and exits 1 when there is any, else 0.

With --words FILE.fo, the text a reader takes from the pages (content order; a marked-content
sequence with /ActualText gives that text in place of its glyphs, other glyphs their font's
ToUnicode: PDF 32000-1, 14.9.4 and 9.10) must hold the Arabic-script words of the FO the PDF
was made from: every such word it gives is one of the FO's, it gives most of them, and it gives
each word whole, from one /ActualText (or one glyph), never pieced together from glyphs. The
glyphs of a Nastaliq word sit at different heights and overlap, so a reader that joins glyphs
by where they are (poppler, pdf.js) breaks such a word into pieces; /ActualText on the word
tells every reader the word.
"""
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pikepdf
from pikepdf import Name

TEXT_OPS = {"Tj", "TJ", "'", '"'}
# fonts of scripts whose glyphs do not map one to one onto characters (the fonts/ folder's)
SHAPED = re.compile(r"Nastaliq|Naskh|Arabic|Urdu", re.I)
BLOCK_ROLES = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "Table", "Div", "Sect", "BlockQuote"}
STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "Warichu", "Figure", "Formula", "Form",
}


IGNORED = re.compile("[\u200c\u200d\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def arabic_words(pieces):
    """The words of Arabic-script letters and marks in a text given as pieces (strings), each
    word with the number of pieces it is made of (joiners and bidi controls dropped)."""
    out, cur, n = [], "", set()
    for k, p in enumerate(pieces):
        for c in IGNORED.sub("", p):
            if unicodedata.category(c)[0] in "LM" and "ARABIC" in unicodedata.name(c, ""):
                cur += c
                n.add(k)
            else:
                if cur:
                    out.append((unicodedata.normalize("NFC", cur), len(n)))
                cur, n = "", set()
    if cur:
        out.append((unicodedata.normalize("NFC", cur), len(n)))
    return out


def to_unicode(font):
    """A font's ToUnicode CMap as {code: text}."""
    m = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return m
    data = tu.read_bytes()

    def text(h):
        return bytes.fromhex(h.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[int(src, 16)] = text(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            lo, hi = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for k, d in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
                    m[lo + k] = text(d)
            else:
                d = bytes.fromhex(dst[1:-1].decode())
                for k in range(hi - lo + 1):
                    m[lo + k] = (d[:-1] + bytes([(d[-1] + k) & 0xFF])).decode("utf-16-be", "replace") if d else ""
    return m


def arabic_letters(s):
    return sum(1 for c in s if "ARABIC" in unicodedata.name(c, ""))


def latin_letters(s):
    return sum(1 for c in s if c.isalpha() and "LATIN" in unicodedata.name(c, ""))


class Checker:
    def __init__(self, path, password, words=None):
        self.path = path
        self.words = words       # the FO's Arabic-script words, or None
        self.fails = []
        self.pdf = pikepdf.open(path, password=password or "")
        self.elems = []          # (elem, role, parent role, language)
        self.mc_owner = {}       # (page objgen, mcid) -> elem
        self.annot_owner = set() # annotation objgen with an OBJR

    def fail(self, cp, what):
        self.fails.append("%s: %s: %s" % (self.path, cp, what))

    # -- document level ------------------------------------------------------------------
    def document(self):
        pdf = self.pdf
        root = pdf.Root
        mi = root.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)):
            self.fail("7.1", "no /MarkInfo /Marked true in the catalog")
        lang = str(root.get("/Lang", ""))
        if not lang:
            self.fail("11-001", "no /Lang in the catalog")
        self.lang = lang
        vp = root.get("/ViewerPreferences")
        if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
            self.fail("07-001", "no /ViewerPreferences /DisplayDocTitle true")
        title = str(pdf.docinfo.get("/Title", "")) if pdf.trailer.get("/Info") is not None else ""
        if not title.strip():
            self.fail("06-003", "no /Title in the document information")
        md = root.get("/Metadata")
        if md is None:
            self.fail("06-001", "no XMP metadata stream in the catalog")
        else:
            xmp = md.read_bytes().decode("utf-8", "replace")
            m = re.search(r"<dc:title>.*?<rdf:li[^>]*>([^<]*)</rdf:li>", xmp, re.S)
            if not m or not m.group(1).strip():
                self.fail("06-003", "no dc:title in the XMP metadata")
            elif title and m.group(1).strip() != title.strip():
                self.fail("06-003", "dc:title %r differs from /Title %r" % (m.group(1), title))
            if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
                self.fail("06-002", "no pdfuaid:part 1 in the XMP metadata")
        if pdf.is_encrypted:
            enc = pdf.encryption
            if enc.R < 6 or enc.bits != 256 or "aesv3" not in str(enc.stream_method).lower():
                self.fail("enc", "encrypted with R=%s, %s bits, %s: not AES-256 (R6)" % (enc.R, enc.bits, enc.stream_method))
            perm = pdf.allow
            if not perm.accessibility:
                self.fail("26-002", "encrypted and extraction for accessibility is not allowed")

    # -- structure tree ------------------------------------------------------------------
    def tree(self):
        root = self.pdf.Root
        st = root.get("/StructTreeRoot")
        if st is None:
            self.fail("7.1", "no structure tree (untagged)")
            return False
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}
        kids = st.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else ([kids] if kids is not None else [])
        if not kids:
            self.fail("7.1", "an empty structure tree")
        for k in kids:
            if k.get("/S") != Name.Document:
                self.fail("09", "a top element is %s, not Document" % k.get("/S"))
            if not str(k.get("/Lang", "")):
                self.fail("11-001", "a Document element without /Lang")
            self.walk(k, None, 0, self.lang, None)
        self.headings()
        return True

    def walk(self, e, parent, depth, lang, pg):
        if depth > 200:
            self.fail("09", "the structure tree is deeper than 200")
            return
        s = str(e.get("/S", ""))[1:]
        if s not in STANDARD:
            self.fail("02-001", "non-standard structure type %r without a role map" % s)
        own = e.get("/Lang")
        if own is not None and not str(own):
            self.fail("11-006", "an empty /Lang on %s" % s)
        lang = str(own) if own is not None else lang
        pg = e.get("/Pg", pg)
        self.elems.append((e, s, parent, lang))
        ps = parent
        if s == "P" and ps == "P":
            self.fail("09", "a P inside a P")
        if s in ("P", "Span") and any(self.kid_role(k) in BLOCK_ROLES - {"Div"} for k in self.kids(e)):
            if s == "P":
                self.fail("09", "a P holding block elements (%s)" % ", ".join(
                    sorted({self.kid_role(k) for k in self.kids(e) if self.kid_role(k) in BLOCK_ROLES})))
        if s == "L":
            for k in self.kids(e):
                r = self.kid_role(k)
                if r is not None and r not in ("LI", "L", "Caption"):
                    self.fail("09-005", "an L holds %s" % r)
        if s == "LI":
            for k in self.kids(e):
                r = self.kid_role(k)
                if r is not None and r not in ("Lbl", "LBody"):
                    self.fail("09-005", "an LI holds %s" % r)
            if parent != "L":
                self.fail("09-005", "an LI outside an L")
        if s in ("Lbl", "LBody") and parent != "LI":
            self.fail("09-005", "a %s outside an LI" % s)
        if s == "Table":
            ths = 0
            for k in self.kids(e):
                r = self.kid_role(k)
                if r is not None and r not in ("TR", "THead", "TBody", "TFoot", "Caption"):
                    self.fail("09-004", "a Table holds %s" % r)
            for d in self.descendants(e):
                if str(d.get("/S", ""))[1:] == "TH":
                    ths += 1
            if ths == 0:
                self.fail("09-004", "a table without header cells (TH)")
        if s in ("THead", "TBody", "TFoot"):
            if parent != "Table":
                self.fail("09-004", "a %s outside a Table" % s)
            for k in self.kids(e):
                r = self.kid_role(k)
                if r is not None and r != "TR":
                    self.fail("09-004", "a %s holds %s" % (s, r))
        if s == "TR":
            if parent not in ("Table", "THead", "TBody", "TFoot"):
                self.fail("09-004", "a TR outside a table")
            for k in self.kids(e):
                r = self.kid_role(k)
                if r is not None and r not in ("TH", "TD"):
                    self.fail("09-004", "a TR holds %s" % r)
        if s in ("TH", "TD") and parent != "TR":
            self.fail("09-004", "a %s outside a TR" % s)
        if s == "TH" and not self.has_scope(e) and "/Headers" not in self.attrs(e):
            self.fail("15-003", "a TH without /Scope")
        if s == "Figure" and not str(e.get("/Alt", "")) and not str(e.get("/ActualText", "")):
            self.fail("13-004", "a Figure without /Alt")
        for k in self.kids(e):
            if isinstance(k, int):
                if pg is None:
                    self.fail("7.1", "a marked-content kid of %s without a page" % s)
                else:
                    self.mc_owner[(pg.objgen, k)] = e
            elif isinstance(k, pikepdf.Dictionary):
                t = k.get("/Type")
                if t == Name.MCR:
                    kp = k.get("/Pg", pg)
                    if kp is None:
                        self.fail("7.1", "an MCR without a page")
                    else:
                        self.mc_owner[(kp.objgen, int(k.MCID))] = e
                elif t == Name.OBJR:
                    self.annot_owner.add(k.Obj.objgen)
                    if s not in ("Link", "Annot", "Form"):
                        self.fail("28-011", "an annotation held by %s" % s)
                elif "/S" in k:
                    self.walk(k, s, depth + 1, lang, pg)

    def kids(self, e):
        k = e.get("/K")
        if k is None:
            return []
        items = list(k) if isinstance(k, pikepdf.Array) else [k]
        return [x if isinstance(x, pikepdf.Dictionary) else int(x) for x in items]

    def kid_role(self, k):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            return str(k.S)[1:]
        return None

    def descendants(self, e):
        for k in self.kids(e):
            if self.kid_role(k):
                yield k
                yield from self.descendants(k)

    def attrs(self, e):
        a = e.get("/A")
        if a is None:
            return {}
        out = {}
        for d in (list(a) if isinstance(a, pikepdf.Array) else [a]):
            if isinstance(d, pikepdf.Dictionary):
                for key in d.keys():
                    out[key] = d[key]
        return out

    def has_scope(self, e):
        return str(self.attrs(e).get("/Scope", "")) in ("/Row", "/Column", "/Both")

    def headings(self):
        # 14-002: the first numbered heading of each Document is H1; 14-003: no level skipped
        last = None
        for e, s, parent, lang in self.elems:
            if s == "Document":
                last = None
                continue
            m = re.fullmatch(r"H([1-6])", s)
            if not m:
                continue
            n = int(m.group(1))
            if last is None and n != 1:
                self.fail("14-002", "the first heading is H%d, not H1" % n)
            elif last is not None and n > last + 1:
                self.fail("14-003", "H%d follows H%d" % (n, last))
            last = n

    # -- content -------------------------------------------------------------------------
    def content(self):
        self.composite = set()  # elements showing text with a font of a script that needs shaping
        self.latin = {}         # element -> the text of its simple-font strings
        for i, page in enumerate(self.pdf.pages):
            self.page_content(i, page)
            annots = page.obj.get("/Annots")
            if annots is not None and len(annots) > 0:
                if page.obj.get("/Tabs") != Name.S:
                    self.fail("7.18.3", "page %d has annotations and no /Tabs /S" % (i + 1))
                for a in annots:
                    if a.get("/Subtype") == Name.Link:
                        if a.objgen not in self.annot_owner:
                            self.fail("28-011", "page %d: a link annotation outside any Link element" % (i + 1))
                        if not str(a.get("/Contents", "")):
                            self.fail("28-012", "page %d: a link annotation without /Contents" % (i + 1))
            self.fonts(i, page)

    def page_content(self, i, page):
        stack = []  # ('tag', elem) | ('art',) | ('other',)
        bad = 0
        font = None
        res = page.obj.get("/Resources")
        fonts = res.get("/Font") if res is not None else None
        try:
            ops = pikepdf.parse_content_stream(page)
        except Exception as e:  # noqa
            self.fail("7.1", "page %d: content cannot be parsed: %s" % (i + 1, e))
            return
        for operands, op in ops:
            o = str(op)
            if o in ("BDC", "BMC"):
                tag = str(operands[0])[1:] if operands else ""
                props = operands[1] if o == "BDC" and len(operands) > 1 else None
                mcid = None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                if tag == "Artifact":
                    if any(k[0] == "tag" for k in stack):
                        self.fail("01-003", "page %d: an artifact inside tagged content" % (i + 1))
                    stack.append(("art",))
                elif mcid is not None:
                    if any(k[0] == "art" for k in stack):
                        self.fail("01-004", "page %d: tagged content inside an artifact" % (i + 1))
                    e = self.mc_owner.get((page.obj.objgen, mcid))
                    if e is None:
                        self.fail("7.1", "page %d: MCID %d belongs to no structure element" % (i + 1, mcid))
                    self.check_parent_tree(i, page, mcid, e)
                    stack.append(("tag", e))
                else:
                    stack.append(("other",))
            elif o == "EMC":
                if stack:
                    stack.pop()
            elif o == "Tf" and operands:
                font = fonts.get(str(operands[0])) if fonts is not None else None
            elif o in TEXT_OPS:
                owner = None
                covered = False
                for k in stack:
                    if k[0] in ("tag", "art"):
                        covered = True
                    if k[0] == "tag":
                        owner = k[1]
                if not covered:
                    bad += 1
                elif owner is not None:
                    # shaped glyphs come through a composite font (a simple font's codes
                    # are characters of one byte: Latin punctuation and digits)
                    if font is not None and font.get("/Subtype") == Name.Type0 and \
                            SHAPED.search(str(font.get("/BaseFont", ""))):
                        self.composite.add(owner.objgen)
                    else:
                        # a simple font: the bytes are near enough to the letters to count them
                        txt = ""
                        for x in operands:
                            if isinstance(x, pikepdf.String):
                                txt += bytes(x).decode("latin-1")
                            elif isinstance(x, pikepdf.Array):
                                txt += "".join(bytes(y).decode("latin-1") for y in x if isinstance(y, pikepdf.String))
                        self.latin[owner.objgen] = self.latin.get(owner.objgen, "") + txt
        if bad:
            self.fail("01-005", "page %d: %d text operators neither tagged nor artifacts" % (i + 1, bad))

    def check_parent_tree(self, i, page, mcid, e):
        sp = page.obj.get("/StructParents")
        if sp is None:
            self.fail("7.1", "page %d has marked content and no /StructParents" % (i + 1))
            return
        if not hasattr(self, "_pt"):
            self._pt = {}
            pt = self.pdf.Root.StructTreeRoot.get("/ParentTree")
            self._collect_nums(pt, 0)
        arr = self._pt.get(int(sp))
        if arr is None or mcid >= len(arr) or e is None or arr[mcid].objgen != e.objgen:
            self.fail("7.1", "page %d: the parent tree does not lead MCID %d to its element" % (i + 1, mcid))

    def _collect_nums(self, node, depth):
        if node is None or depth > 20:
            return
        nums = node.get("/Nums")
        if nums is not None:
            for j in range(0, len(nums) - 1, 2):
                self._pt[int(nums[j])] = nums[j + 1]
        for k in node.get("/Kids", []):
            self._collect_nums(k, depth + 1)

    def fonts(self, i, page):
        res = page.obj.get("/Resources")
        fonts = res.get("/Font") if res is not None else None
        if fonts is None:
            return
        for name in fonts.keys():
            f = fonts[name]
            key = f.objgen
            if key in getattr(self, "_fonts_seen", set()):
                continue
            self._fonts_seen = getattr(self, "_fonts_seen", set()) | {key}
            sub = f.get("/Subtype")
            desc = None
            if sub == Name.Type0:
                d = f.DescendantFonts[0]
                desc = d.get("/FontDescriptor")
            elif sub != Name.Type3:
                desc = f.get("/FontDescriptor")
            if sub != Name.Type3 and (desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))):
                self.fail("7.21.4.1", "font %s (%s) is not embedded" % (name, f.get("/BaseFont")))
            if "/ToUnicode" not in f:
                self.fail("7.21.7", "font %s (%s) has no ToUnicode" % (name, f.get("/BaseFont")))

    # -- language of text ------------------------------------------------------------------
    def languages(self):
        """Text in Arabic script must be in an element whose language is written in it, and an
        element of Latin-script words only must not be marked as Urdu (case text quoted in an
        Urdu copy is read in the wrong voice otherwise). An element that shows text in an
        Arabic-script font (the shaped glyphs of Nastaliq or Naskh) must carry its words as
        /ActualText: the glyphs' positions do not give words."""
        rtl = ("ur", "ar", "fa", "ps")
        for e, s, parent, lang in self.elems:
            base = lang.split("-")[0].lower()
            actual = str(e.get("/ActualText", ""))
            if e.objgen in self.composite and not actual:
                self.fail("text", "%s in %r shows shaped Arabic-script glyphs and has no /ActualText" % (s, lang))
            if s not in ("P", "H1", "H2", "H3", "TD", "TH", "LBody", "Span"):
                continue
            t = actual or self.latin.get(e.objgen, "")
            if arabic_letters(t) > 3 and base not in rtl:
                self.fail("11-001", "%s text in Arabic script has /Lang %r: %r" % (s, lang, t[:40]))
            if base in rtl and arabic_letters(t) == 0 and latin_letters(t) > 12 and len(t.split()) >= 4 \
                    and e.objgen not in self.composite:
                self.fail("11-001", "%s of Latin-script words only has /Lang %r: %r" % (s, lang, t[:40]))

    # -- the words a reader takes from the pages ------------------------------------------
    def extract(self, page):
        """The page's text in content order as a reader takes it, in pieces: the /ActualText of a
        marked-content sequence that has one, the ToUnicode text of each other glyph (two bytes
        a code in a Type0 font), a space at the end of each text object."""
        res = page.obj.get("/Resources")
        fonts = res.get("/Font") if res is not None else None
        out, actual = [], []  # actual: for each open marked-content sequence, its /ActualText or None
        cmap, two = {}, False
        if not hasattr(self, "_cmaps"):
            self._cmaps = {}
        for operands, op in pikepdf.parse_content_stream(page):
            o = str(op)
            if o in ("BDC", "BMC"):
                props = operands[1] if o == "BDC" and len(operands) > 1 else None
                if isinstance(props, pikepdf.Name) and res is not None and "/Properties" in res:
                    props = res.Properties.get(str(props))
                at = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) else None
                outer = any(a is not None for a in actual)
                actual.append(None if at is None or outer else str(at))
                if at is not None and not outer:
                    out.append(str(at))
            elif o == "EMC":
                if actual:
                    actual.pop()
            elif o == "ET":
                out.append(" ")
            elif o == "Tf" and operands and fonts is not None:
                f = fonts.get(str(operands[0]))
                if f is not None:
                    if f.objgen not in self._cmaps:
                        self._cmaps[f.objgen] = to_unicode(f)
                    cmap, two = self._cmaps[f.objgen], f.get("/Subtype") == Name.Type0
            elif o in TEXT_OPS and not any(a is not None for a in actual):
                for x in operands:
                    for y in (x if isinstance(x, pikepdf.Array) else [x]):
                        if isinstance(y, pikepdf.String):
                            b = bytes(y)
                            codes = [b[j] << 8 | b[j + 1] for j in range(0, len(b) - 1, 2)] if two else list(b)
                            out.extend(cmap.get(c, "") for c in codes)
        return out

    def extracted_words(self):
        want = set(self.words)
        got, wrong, pieced = set(), [], []
        for i, page in enumerate(self.pdf.pages):
            for w, n in arabic_words(self.extract(page)):
                if w in want:
                    got.add(w)
                elif len(w) > 1:
                    wrong.append((i + 1, w))
                if n > 1:
                    pieced.append((i + 1, w))
        if wrong:
            self.fail("text", "%d Arabic-script words extracted are not the document's, such as %s" % (
                len(wrong), ", ".join("%r (page %d)" % (w, n) for n, w in wrong[:3])))
        if pieced:
            self.fail("text", "%d Arabic-script words are pieced together from glyphs, not given whole "
                      "(/ActualText), such as %s" % (len(pieced), ", ".join("%r (page %d)" % (w, n) for n, w in pieced[:3])))
        if want and len(got) < 0.9 * len(want):
            self.fail("text", "%d of the document's %d Arabic-script words are extracted" % (len(got), len(want)))

    def run(self):
        self.document()
        self.tree()
        self.content()
        self.languages()
        if self.words is not None:
            self.extracted_words()
        return self.fails


def main(argv):
    password = None
    words = None
    text = False
    files = []
    i = 1
    while i < len(argv):
        if argv[i] == "--password":
            password = argv[i + 1]
            i += 2
            continue
        if argv[i] == "--text":
            text = True
            i += 1
            continue
        if argv[i] == "--words":
            # the FO's words: those of its text, its elements' content (never an attribute)
            texts = list(ET.parse(argv[i + 1]).getroot().itertext())
            # a word may run across elements (an fo:inline inside it) or end where one does
            words = [w for w, _ in arabic_words(texts) + arabic_words(["".join(texts)])]
            i += 2
            continue
        files.append(argv[i])
        i += 1
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if text:
        for f in files:
            c = Checker(f, password)
            for page in c.pdf.pages:
                print(re.sub(r" +", " ", "".join(c.extract(page))).strip())
        return 0
    bad = 0
    for f in files:
        try:
            fails = Checker(f, password, words).run()
        except Exception as e:  # noqa
            fails = ["%s: read: %s" % (f, e)]
        for line in fails:
            print(line)
        bad += len(fails)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
