// pdf-finish.cc - the finishing pass of the PDF writers, with libqpdf (see pdf-finish.h).
//
// The only C++ file: libqpdf's C API has no content-stream tokenizer and cannot build a
// structure tree, so this file keeps C++ behind the C header pdf-finish.h. Every exception
// stops here and becomes a message and a negative exit code.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <glib.h>
#include <libdeflate.h>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QUtil.hh>

extern "C" {
#include "base/cindoc.h"
#include "writers/pdf-finish.h"
}
#include "writers/qpdf-out.hh"
#include "writers/qpdf-stream.hh"

namespace {

using cd_qpdf::Failure;
using cd_qpdf::put_int;
using cd_qpdf::put_ref;
using cd_qpdf::write_out;
typedef QPDFObjectHandle OH;

// Where one chunk ended up: its marked-content sequences (page, MCID after renumbering) and
// the annotation it holds.
struct Placed {
	std::vector<std::pair<int, int>> mcrs;
	OH annot;
	int annot_page = -1;
	std::vector<std::pair<int, int>> old; // (page, MCID) as the writer's PDF has them
};


// One page's content, read with the lexical rules of PDF (ISO 32000-1 §7.2, §7.8.2): white
// space, comments, literal strings (nested parentheses, backslash escapes), hex strings,
// names, dictionary and array delimiters, numbers and operators, and inline image data
// (between ID and EI). Each BDC whose property list holds an /MCID of a chunk is rewritten
// to the chunk's element's tag with a new MCID (numbered from 0 in page order), or to
// /Artifact BMC; every other byte is copied as it is. (qpdf's TokenFilter does the same
// job but builds an object per token, several times slower on every page.) Only a BDC's
// operands are kept as tokens: the content is passed over once, and the operands since the
// last operator are read again when the operator is a BDC.
class McRewriter {
public:
	McRewriter(int page, std::vector<int> const &by_mcid, cd_pdf_finish const *f, std::vector<Placed> &placed,
	           std::vector<int> &met)
	    : page(page), by_mcid(by_mcid), f(f), placed(placed), met(met) {}

	void run(const char *b, size_t n, std::string &out)
	{
		out.clear();
		out.reserve(n + 64);
		size_t copied = 0, i = 0, operands = 0;
		while (i < n) {
			int cl = cls(b[i]);
			if (cl == 1) {
				i++;
				continue;
			}
			size_t s = i;
			if (cl == 2) {
				token(b, n, i);
				continue;
			}
			// a number or an operator (most of the content: passed over here, not in token())
			while (++i < n && cls(b[i]) == 0)
				;
			unsigned char c = b[s];
			if (((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') && is_number(b + s, i - s))
				continue;
			// an operator: its operands are the tokens since the last one
			size_t ol = i - s;
			if (ol == 3 && memcmp(b + s, "BDC", 3) == 0) {
				size_t from = 0;
				if (rewrite(b, operands, s, rep, from)) {
					out.append(b + copied, from - copied);
					out += rep;
					copied = i;
				}
			} else if (ol == 2 && b[s] == 'I' && b[s + 1] == 'D') {
				// inline image data: one white-space byte, then up to "EI" standing alone
				if (i < n)
					i++;
				while (i < n && !(i + 2 <= n && b[i] == 'E' && b[i + 1] == 'I' && cd_pdfraw::is_space(b[i - 1]) &&
				                  (i + 2 == n || cd_pdfraw::is_space(b[i + 2]) || cd_pdfraw::is_delim(b[i + 2]))))
					i++;
			}
			operands = i;
		}
		out.append(b + copied, n - copied);
	}
	int next_mcid = 0;
	int strangers = 0;          // MCIDs of no chunk

private:
	enum Kind { NONE, NAME, NUM, STR, DOPEN, DCLOSE, OTHER, OP };
	struct Tok {
		Kind k;
		size_t s, e;
	};
	static int cls(char c) { return cd_pdfraw::char_class(c); }
	static bool is_number(const char *p, size_t len)
	{
		size_t k = 0;
		if (k < len && (p[k] == '+' || p[k] == '-'))
			k++;
		bool digit = false;
		for (; k < len; k++) {
			if (p[k] >= '0' && p[k] <= '9')
				digit = true;
			else if (p[k] != '.')
				return false;
		}
		return digit;
	}
	// The token at b[i] (white space and comments are none): its kind, with i moved past it.
	static Kind token(const char *b, size_t n, size_t &i)
	{
		unsigned char c = b[i];
		int cl = cls(c);
		if (cl == 1) {
			i++;
			return NONE;
		}
		if (cl == 0) {
			size_t s = i;
			while (i < n && cls(b[i]) == 0)
				i++;
			return is_number(b + s, i - s) ? NUM : OP;
		}
		if (c == '%') {
			while (i < n && b[i] != '\n' && b[i] != '\r')
				i++;
			return NONE;
		}
		if (c == '(') {
			i++;
			for (int depth = 1; i < n && depth > 0; i++) {
				if (b[i] == '\\')
					i++;
				else if (b[i] == '(')
					depth++;
				else if (b[i] == ')')
					depth--;
			}
			return STR;
		}
		if (c == '<' && i + 1 < n && b[i + 1] == '<') {
			i += 2;
			return DOPEN;
		}
		if (c == '>' && i + 1 < n && b[i + 1] == '>') {
			i += 2;
			return DCLOSE;
		}
		if (c == '<') {
			while (i < n && b[i] != '>')
				i++;
			++i;
			return STR;
		}
		if (c == '/') {
			i++;
			while (i < n && cls(b[i]) == 0)
				i++;
			return NAME;
		}
		i++; // [ ] { } ) >
		return OTHER;
	}
	// The replacement of "/Tag <<... /MCID n ...>> BDC" (its operands from `from` to `end`)
	// when n is a chunk's; `start` gets where the operands begin.
	bool rewrite(const char *b, size_t from, size_t end, std::string &rep, size_t &start)
	{
		ops.clear();
		for (size_t i = from; i < end;) {
			size_t s = i;
			Kind k = token(b, end, i);
			if (k != NONE)
				ops.push_back({k, s, i});
		}
		if (ops.size() < 3 || ops[0].k != NAME || ops[1].k != DOPEN)
			return false;
		start = ops[0].s;
		int depth = 0, m = -1;
		for (size_t k = 1; k < ops.size(); k++) {
			if (ops[k].k == DOPEN)
				depth++;
			else if (ops[k].k == DCLOSE)
				depth--;
			else if (depth == 1 && ops[k].k == NAME && ops[k].e - ops[k].s == 5 &&
			         memcmp(b + ops[k].s, "/MCID", 5) == 0 && k + 1 < ops.size() && ops[k + 1].k == NUM)
				m = atoi(std::string(b + ops[k + 1].s, ops[k + 1].e - ops[k + 1].s).c_str());
		}
		int chunk = m >= 0 && (size_t)m < by_mcid.size() ? by_mcid[m] : -1;
		if (chunk < 0) {
			if (m >= 0)
				strangers++;
			return false;
		}
		met[chunk]++;
		cd_pdf_chunk const &c = f->chunks[chunk];
		if (c.elem < 0) {
			rep = "/Artifact BMC";
			return true;
		}
		int nm = next_mcid++;
		placed[chunk].mcrs.emplace_back(page, nm);
		((rep = "/") += f->elems[c.elem].role).append(" <</MCID ", 9);
		put_int(rep, nm).append(">> BDC", 6);
		return true;
	}
	int page;
	std::vector<int> const &by_mcid; // the chunk of each MCID of the page, or -1
	cd_pdf_finish const *f;
	std::vector<Placed> &placed;
	std::vector<int> &met; // how many times each chunk's MCID was met
	std::vector<Tok> ops;
	std::string rep; // a BDC's replacement (kept from one to the next)
};

// The kids of a structure element as Cairo writes them: MCIDs (with the element's /Pg, or in
// MCR dictionaries) and OBJR dictionaries of annotations.
void read_kids(OH k, OH pg, std::map<QPDFObjGen, int> const &page_no, Placed &p, std::string const &what)
{
	auto page_of = [&](OH pgo) {
		auto it = pgo.isDictionary() ? page_no.find(pgo.getObjGen()) : page_no.end();
		if (it == page_no.end())
			throw Failure(-CD_EXIT_INTERNAL, what + ": a structure element without its page");
		return it->second;
	};
	if (k.isArray()) {
		for (auto const &x : k.aitems())
			read_kids(x, pg, page_no, p, what);
	} else if (k.isInteger()) {
		p.old.emplace_back(page_of(pg), k.getIntValueAsInt());
	} else if (k.isDictionary()) {
		OH kp = k.hasKey("/Pg") ? k.getKey("/Pg") : pg;
		if (k.getKey("/Type").isNameAndEquals("/OBJR")) {
			p.annot = k.getKey("/Obj");
			p.annot_page = page_of(kp);
		} else if (k.getKey("/MCID").isInteger()) {
			p.old.emplace_back(page_of(kp), k.getKey("/MCID").getIntValueAsInt());
		} else {
			throw Failure(-CD_EXIT_INTERNAL, what + ": a structure element within a chunk");
		}
	}
}

// An internal link's destination, in words, when it has no text: its name.
std::string dest_words(OH annot)
{
	OH d = annot.getKey("/Dest");
	OH a = annot.getKey("/A");
	if (!d.isString() && !d.isName() && a.isDictionary())
		d = a.getKey("/D");
	if (d.isString())
		return d.getUTF8Value();
	if (d.isName())
		return d.getName().substr(1);
	return "";
}

bool droppable(std::string const &role)
{
	return role == "P" || role == "Span" || role == "Div" || role == "NonStruct" || role == "Lbl";
}

// New indirect objects, numbered after the file's. libqpdf 11 finds a free number for a new
// object (makeIndirectObject, newStream: QPDF::getObjectCount) by first parsing every object of
// the file, the writer's own structure tree included (it alone would cost as much as the rest
// of the pass); the highest number of the cross-reference table, read once, needs no parsing.
class Numberer {
public:
	// `xref`: the file's cross-reference table when the caller holds it, else null (libqpdf's
	// getXRefTable gives a copy of it each time)
	Numberer(QPDF &q, std::map<QPDFObjGen, QPDFXRefEntry> const *xref) : q(q)
	{
		if (!xref) {
			std::map<QPDFObjGen, QPDFXRefEntry> own = q.getXRefTable();
			top(own);
		} else {
			top(*xref);
		}
	}
	OH add(OH direct)
	{
		QPDFObjGen og(next++, 0);
		q.replaceObject(og, direct);
		return q.getObject(og);
	}
	// `n` numbers in a row, each a null object until it is replaced; returns the first.
	int reserve(int n)
	{
		int first = next;
		for (int i = 0; i < n; i++)
			q.replaceObject(QPDFObjGen(next++, 0), OH::newNull());
		return first;
	}

private:
	void top(std::map<QPDFObjGen, QPDFXRefEntry> const &xref)
	{
		for (auto const &x : xref)
			next = std::max(next, x.first.getObj() + 1);
	}
	QPDF &q;
	int next = 1;
};

std::string pdf_text(const char *s)
{
	return OH::newUnicodeString(s).unparse();
}

// The structure tree, written as the text of its objects: they are all new and simple (names,
// numbers, references, a few strings), and making each a libqpdf object first, to be taken
// apart again as it is written, cost more than the rest of the tree. Its objects are numbered
// in a row: the StructTreeRoot, its ParentTree, then each element kept. The same text is written
// as it is by stream_out and parsed into the document for QPDFWriter.
class Tree {
public:
	// Which elements are kept (those holding content, and any that is not a mere grouping) and
	// the order of each element's kids; `placed` says where each chunk went.
	Tree(cd_pdf_finish const *f, std::vector<QPDFPageObjectHelper> &pages, std::vector<Placed> &placed)
	    : f(f), pages(pages), placed(placed), ne(f->n_elems), kids(ne + 1), keep(ne, false)
	{
		// kids of each element (and of the root, at index ne), by seq: (seq, elem) or (seq, ~chunk)
		std::vector<bool> content(ne, false);
		for (size_t i = 0; i < ne; i++) {
			int p = f->elems[i].parent;
			if (p >= (int)i)
				throw Failure(-CD_EXIT_INTERNAL, "an element whose parent comes after it");
			kids[p < 0 ? ne : (size_t)p].emplace_back(f->elems[i].seq, (long)i);
		}
		for (size_t c = 0; c < f->n_chunks; c++) {
			int e = f->chunks[c].elem;
			if (e < 0)
				continue;
			if ((size_t)e >= ne)
				throw Failure(-CD_EXIT_INTERNAL, "a chunk of an element that never began");
			kids[e].emplace_back(f->chunks[c].seq, ~(long)c);
			if (!placed[c].mcrs.empty() || placed[c].annot.isDictionary())
				content[e] = true;
		}
		for (size_t i = ne; i-- > 0;) {
			bool any = content[i];
			for (auto const &k : kids[i])
				if (k.second >= 0 && keep[k.second])
					any = true;
			content[i] = any;
			keep[i] = any || !droppable(f->elems[i].role);
			count += keep[i];
		}
		for (auto &k : kids)
			std::stable_sort(k.begin(), k.end(),
			                 [](std::pair<int, long> const &a, std::pair<int, long> const &b) { return a.first < b.first; });
	}
	// How many objects the tree is.
	int size() const { return 2 + count; }
	// The text of each object, the first numbered `first`; `ref` gives a reference to an object
	// of the document (a page, an annotation). Pages get their /StructParents and annotations
	// their /StructParent and /Contents.
	std::vector<std::string> objects(int first, std::function<std::string(OH)> const &ref)
	{
		std::vector<int> num(ne, 0);
		int next = first + 2;
		for (size_t i = 0; i < ne; i++)
			if (keep[i])
				num[i] = next++;
		std::vector<std::string> page_ref(pages.size());
		auto pg_ref = [&](int i) -> std::string const & {
			if (page_ref[i].empty())
				page_ref[i] = ref(pages[i].getObjectHandle());
			return page_ref[i];
		};
		std::vector<std::vector<int>> parents(pages.size()); // each page's MCIDs' elements
		std::vector<std::pair<OH, int>> annots;              // an annotation, its element
		std::vector<std::string> lang(ne);
		std::vector<std::string> t((size_t)size());
		// the kids of element `owner` (numbered `onum`; the root when it is ne); marked content
		// all on one page: the element says the page (/Pg) and its kids are bare MCIDs, instead
		// of one MCR dictionary each
		auto kid_array = [&](size_t owner, int onum, std::string &s) {
			auto const &ks = kids[owner];
			int pg = -2;
			for (auto const &k : ks)
				if (k.second < 0)
					for (auto const &m : placed[~k.second].mcrs)
						pg = pg == -2 || pg == m.first ? m.first : -1;
			if (pg >= 0)
				s += "\n/Pg " + pg_ref(pg);
			s += "\n/K [";
			for (auto const &k : ks) {
				if (k.second >= 0) {
					if (keep[k.second])
						put_ref(s, num[k.second]) += ' ';
					continue;
				}
				Placed &p = placed[~k.second];
				for (auto const &m : p.mcrs) {
					if (pg >= 0)
						put_int(s, m.second) += ' ';
					else
						put_int(((s += "<</Type /MCR /Pg ") += pg_ref(m.first)) += " /MCID ", m.second) += ">> ";
					auto &pp = parents[m.first];
					if ((size_t)m.second >= pp.size())
						pp.resize(m.second + 1, 0);
					pp[m.second] = onum;
				}
				if (p.annot.isDictionary()) {
					// PDF/UA: a link's annotation says where it goes in words (/Contents): the
					// link's text, else its address
					int ei = f->chunks[~k.second].elem;
					const char *txt = ei >= 0 ? f->elems[ei].text : nullptr;
					OH act = p.annot.getKey("/A");
					if (txt && *txt)
						p.annot.replaceKey("/Contents", OH::newUnicodeString(txt));
					else if (act.isDictionary() && act.getKey("/URI").isString())
						p.annot.replaceKey("/Contents", OH::newUnicodeString(act.getKey("/URI").getUTF8Value()));
					else if (!p.annot.getKey("/Contents").isString())
						p.annot.replaceKey("/Contents", OH::newUnicodeString(dest_words(p.annot)));
					s += "<</Type /OBJR /Pg " + pg_ref(p.annot_page) + " /Obj " + ref(p.annot) + ">> ";
					annots.emplace_back(p.annot, onum);
				}
			}
			if (s.back() == ' ')
				s.pop_back();
			s += ']';
		};
		// each element (its parent made already): each top element (a Document: one per FO
		// document) says its language; below, an element says it when it differs from its
		// parent's. TH cells say their scope.
		for (size_t i = 0; i < ne; i++) {
			if (!keep[i])
				continue;
			cd_pdf_elem const &e = f->elems[i];
			std::string &s = t[(size_t)(num[i] - first)];
			((s = "<</Type /StructElem\n/S /") += e.role) += "\n/P ";
			put_ref(s, e.parent < 0 ? first : num[e.parent]);
			std::string up = e.parent < 0 ? (f->lang ? f->lang : "") : lang[e.parent];
			lang[i] = e.lang && *e.lang ? e.lang : up;
			if (!lang[i].empty() && (lang[i] != up || e.parent < 0))
				s += "\n/Lang " + pdf_text(lang[i].c_str());
			if (e.alt && *e.alt)
				s += "\n/Alt " + pdf_text(e.alt);
			if (e.actual && e.text && *e.text)
				s += "\n/ActualText " + pdf_text(e.text);
			if (strcmp(e.role, "TH") == 0) {
				int tr = e.parent, sect = tr >= 0 ? f->elems[tr].parent : -1;
				bool head = sect >= 0 && strcmp(f->elems[sect].role, "THead") == 0;
				s += head ? "\n/A <</O /Table /Scope /Column>>" : "\n/A <</O /Table /Scope /Row>>";
			}
			kid_array(i, num[i], s);
			s += "\n>>";
		}
		std::string &root = t[0];
		root = "<</Type /StructTreeRoot";
		kid_array(ne, first, root);
		// the ParentTree: each page's marked content and each link annotation back to its element
		std::string &nums = t[1];
		nums = "<</Nums [";
		int key = 0;
		for (size_t i = 0; i < pages.size(); i++, key++) {
			OH page = pages[i].getObjectHandle();
			page.removeKey("/StructParents");
			if (parents[i].empty())
				continue;
			page.replaceKey("/StructParents", OH::newInteger(key));
			nums += std::to_string(key) + " [";
			for (size_t m = 0; m < parents[i].size(); m++)
				nums += (m ? " " : "") + (parents[i][m] ? cd_qpdf::ref_text(parents[i][m]) : std::string("null"));
			nums += "]\n";
		}
		for (auto &a : annots) {
			a.first.replaceKey("/StructParent", OH::newInteger(key));
			nums += std::to_string(key++) + " " + cd_qpdf::ref_text(a.second) + "\n";
		}
		nums += "]\n>>";
		root += "\n/ParentTree " + cd_qpdf::ref_text(first + 1) + "\n/ParentTreeNextKey " + std::to_string(key) + "\n>>";
		return t;
	}

private:
	cd_pdf_finish const *f;
	std::vector<QPDFPageObjectHelper> &pages;
	std::vector<Placed> &placed;
	size_t ne;
	std::vector<std::vector<std::pair<int, long>>> kids;
	std::vector<bool> keep;
	int count = 0;
};

const char *const mark_info = "<</Marked true>>";

// The tree put in the document, for QPDFWriter.
void put_tree(QPDF &q, Numberer &num, Tree &tree)
{
	int first = num.reserve(tree.size());
	auto ref = [](OH h) { return h.getObjGen().unparse(' ') + " R"; };
	std::vector<std::string> t = tree.objects(first, ref);
	for (size_t i = 0; i < t.size(); i++)
		q.replaceObject(QPDFObjGen(first + (int)i, 0), OH::parse(&q, t[i], "the structure tree"));
	OH cat = q.getRoot();
	cat.replaceKey("/StructTreeRoot", q.getObject(first, 0));
	cat.replaceKey("/MarkInfo", OH::parse(mark_info));
}

// Where each chunk is, read from Cairo's own structure tree: the n-th element of its flat tree
// is the n-th chunk (see pdf-finish.h).
void chunks_from_tree(QPDF &q, cd_pdf_finish const *f, std::vector<Placed> &placed, std::string const &what)
{
	std::map<QPDFObjGen, int> page_no;
	std::vector<QPDFPageObjectHelper> src_pages = QPDFPageDocumentHelper(q).getAllPages();
	for (size_t i = 0; i < src_pages.size(); i++)
		page_no[src_pages[i].getObjectHandle().getObjGen()] = (int)i;
	OH sr = q.getRoot().getKey("/StructTreeRoot");
	OH k = sr.isDictionary() ? sr.getKey("/K") : OH::newNull();
	std::vector<OH> flat;
	if (k.isArray())
		flat = k.getArrayAsVector();
	else if (k.isDictionary())
		flat.push_back(k);
	if (flat.size() != f->n_chunks)
		throw Failure(-CD_EXIT_INTERNAL, what + ": the PDF's structure tree has " + std::to_string(flat.size()) +
		              " elements where " + std::to_string(f->n_chunks) + " were drawn");
	for (size_t c = 0; c < flat.size(); c++) {
		if (!flat[c].isDictionary())
			throw Failure(-CD_EXIT_INTERNAL, what + ": a structure element that is not a dictionary");
		read_kids(flat[c].getKey("/K"), flat[c].getKey("/Pg"), page_no, placed[c], what);
	}
}

// Where each chunk is, from the writer's own numbers. A wrong number throws, unless they are
// only predicted: then it returns false.
bool chunks_from_numbers(cd_pdf_finish const *f, std::vector<QPDFPageObjectHelper> &pages,
                         std::vector<Placed> &placed, std::string const &what)
{
	std::vector<OH> annots(pages.size());
	for (size_t c = 0; c < f->n_chunks; c++) {
		cd_pdf_chunk const &ch = f->chunks[c];
		if (ch.page < 0 || (size_t)ch.page >= pages.size()) {
			if (f->predicted)
				return false;
			throw Failure(-CD_EXIT_INTERNAL, what + ": a chunk on no page");
		}
		placed[c].old.emplace_back(ch.page, ch.mcid);
		if (!ch.link || ch.annot < 0)
			continue;
		OH &an = annots[ch.page];
		if (!an.isInitialized())
			an = pages[ch.page].getObjectHandle().getKey("/Annots");
		OH a = an.isArray() && ch.annot < an.getArrayNItems() ? an.getArrayItem(ch.annot) : OH::newNull();
		if (f->predicted) {
			// the annotation Cairo made for this link tag: a link at the same rectangle
			OH r = a.isDictionary() && a.getKey("/Subtype").isNameAndEquals("/Link") ? a.getKey("/Rect") : OH::newNull();
			std::vector<double> v;
			if (r.isArray() && r.getArrayNItems() == 4)
				for (auto x : r.aitems())
					v.push_back(x.isNumber() ? x.getNumericValue() : 1e300);
			if (v.size() != 4)
				return false;
			double lo[2] = {std::min(v[0], v[2]), std::min(v[1], v[3])}, hi[2] = {std::max(v[0], v[2]), std::max(v[1], v[3])};
			if (fabs(lo[0] - ch.rect[0]) > 0.05 || fabs(lo[1] - ch.rect[1]) > 0.05 ||
			    fabs(hi[0] - ch.rect[2]) > 0.05 || fabs(hi[1] - ch.rect[3]) > 0.05)
				return false;
		} else if (!a.isDictionary()) {
			throw Failure(-CD_EXIT_INTERNAL, what + ": a link without its annotation");
		}
		placed[c].annot = a;
		placed[c].annot_page = ch.page;
	}
	return true;
}

// Page content in and out of Flate with libdeflate, a whole page at once: a page's content is a
// few kilobytes, and setting up a zlib stream for each, as libqpdf's pipelines do, costs more
// than the data; libdeflate decodes in half zlib's time and encodes in half the time of zlib's
// fastest level for the same size.
class Zlib {
public:
	Zlib()
	{
		out = libdeflate_alloc_compressor(1);
		in = libdeflate_alloc_decompressor();
		if (!out || !in) {
			libdeflate_free_compressor(out);
			libdeflate_free_decompressor(in);
			throw std::bad_alloc();
		}
	}
	~Zlib()
	{
		libdeflate_free_compressor(out);
		libdeflate_free_decompressor(in);
	}
	Zlib(Zlib const &) = delete;
	Zlib &operator=(Zlib const &) = delete;
	// The decoded data of a page whose content is one stream compressed with Flate alone;
	// false for any other page, or data that is not whole (libqpdf decodes those).
	bool inflate_page(OH page, std::string &data)
	{
		OH c = page.getKey("/Contents");
		if (c.isArray() && c.getArrayNItems() == 1)
			c = c.getArrayItem(0);
		if (!c.isStream())
			return false;
		OH d = c.getDict(), fl = d.getKey("/Filter");
		if (fl.isArray() && fl.getArrayNItems() == 1)
			fl = fl.getArrayItem(0);
		if (!fl.isNameAndEquals("/FlateDecode") || !d.getKey("/DecodeParms").isNull())
			return false;
		std::shared_ptr<Buffer> raw = c.getRawStreamData();
		return inflate_raw(reinterpret_cast<const char *>(raw->getBuffer()), raw->getSize(), data);
	}
	// The decoded data of a zlib stream at `p` (which may be followed by other bytes: its size is
	// not known); false when it is not one whole stream.
	// (The data is decoded into `work`, kept from page to page: making room in `data` itself
	// would set every byte of the room to zero for each page, which cost as much as decoding.)
	bool inflate_raw(const char *p, size_t n, std::string &data)
	{
		size_t cap = std::max(work_n, std::min(n, (size_t)16384) * 4 + 4096);
		for (;;) {
			room(cap);
			size_t in_n = 0, out_n = 0;
			libdeflate_result r = libdeflate_zlib_decompress_ex(in, p, n, work.get(), cap, &in_n, &out_n);
			if (r == LIBDEFLATE_SUCCESS) {
				data.assign(work.get(), out_n);
				return true;
			}
			if (r != LIBDEFLATE_INSUFFICIENT_SPACE || cap > ((size_t)1 << 30))
				return false;
			cap *= 2;
		}
	}
	std::string deflate_page(std::string const &data)
	{
		size_t bound = libdeflate_zlib_compress_bound(out, data.size());
		room(bound);
		size_t n = libdeflate_zlib_compress(out, data.data(), data.size(), work.get(), bound);
		if (!n)
			throw std::runtime_error("cannot compress a page's content");
		return std::string(work.get(), n);
	}

private:
	libdeflate_compressor *out;
	libdeflate_decompressor *in;
	// never set to zero: a std::vector would fill all its room, as much work as the data's (the
	// finishing pass of a one-page letter makes it anew)
	std::unique_ptr<char[]> work;
	size_t work_n = 0;
	void room(size_t n)
	{
		if (work_n < n) {
			work.reset(new char[n]);
			work_n = n;
		}
	}
};

// A page's content becomes `data`, compressed, in the page's own content stream when it has one:
// a new stream costs libqpdf 11 a walk over every object of the file (QPDF::newStream).
void set_contents(QPDF &q, Zlib &zl, OH page, std::string const &data)
{
	std::string z = zl.deflate_page(data);
	OH c = page.getKey("/Contents");
	if (c.isArray() && c.getArrayNItems() > 0 && c.getArrayItem(0).isStream())
		c = c.getArrayItem(0);
	if (!c.isStream() || !c.isIndirect())
		c = OH::newStream(&q);
	c.replaceStreamData(z, OH::newName("/FlateDecode"), OH::newNull());
	page.replaceKey("/Contents", c);
}

// A value of the writer's PDF read from its bytes as libqpdf objects, for the plain values only:
// dictionaries, arrays, names without # escapes, integers, reals, booleans and references to
// objects of the file. Anything else (a string, null, a stream) makes it fail, and libqpdf
// parses the object itself.
class PlainValue {
public:
	PlainValue(QPDF &q, std::map<QPDFObjGen, QPDFXRefEntry> const &xref, const char *b, size_t n, size_t i)
	    : q(q), xref(xref), b(b), n(n), i(i) {}
	// The object's value, which "endobj" must follow.
	bool object(OH &v)
	{
		if (!value(v, 0))
			return false;
		skip();
		return word() == 6 && memcmp(b + i, "endobj", 6) == 0;
	}

private:
	static int cls(char c) { return cd_pdfraw::char_class(c); }
	void skip()
	{
		while (i < n) {
			if (cls(b[i]) == 1)
				i++;
			else if (b[i] == '%')
				while (i < n && b[i] != '\n' && b[i] != '\r')
					i++;
			else
				break;
		}
	}
	// The length of the regular characters from i on.
	size_t word() const
	{
		size_t j = i;
		while (j < n && cls(b[j]) == 0)
			j++;
		return j - i;
	}
	static bool digits(const char *p, size_t len)
	{
		if (len == 0)
			return false;
		for (size_t k = 0; k < len; k++)
			if (p[k] < '0' || p[k] > '9')
				return false;
		return true;
	}
	bool value(OH &v, int depth)
	{
		skip();
		if (i >= n || depth > 32)
			return false;
		char c = b[i];
		if (c == '<' && i + 1 < n && b[i + 1] == '<') {
			i += 2;
			std::map<std::string, OH> d;
			for (;;) {
				skip();
				if (i + 1 < n && b[i] == '>' && b[i + 1] == '>') {
					i += 2;
					v = OH::newDictionary(d);
					return true;
				}
				if (i >= n || b[i] != '/')
					return false;
				std::string key;
				OH x;
				if (!name(key) || !value(x, depth + 1) || !d.emplace(key, x).second)
					return false;
			}
		}
		if (c == '[') {
			i++;
			std::vector<OH> a;
			for (;;) {
				skip();
				if (i < n && b[i] == ']') {
					i++;
					v = OH::newArray(a);
					return true;
				}
				OH x;
				if (!value(x, depth + 1))
					return false;
				a.push_back(x);
			}
		}
		if (c == '/') {
			std::string nm;
			if (!name(nm))
				return false;
			v = OH::newName(nm);
			return true;
		}
		size_t len = word();
		const char *t = b + i;
		if (len == 0)
			return false;
		if (len == 4 && memcmp(t, "true", 4) == 0) {
			i += len;
			v = OH::newBool(true);
			return true;
		}
		if (len == 5 && memcmp(t, "false", 5) == 0) {
			i += len;
			v = OH::newBool(false);
			return true;
		}
		size_t sign = (t[0] == '+' || t[0] == '-') ? 1 : 0;
		if (digits(t + sign, len - sign)) {
			if (len - sign > 18)
				return false;
			i += len;
			if (!sign && reference(t, len, v))
				return true;
			v = OH::newInteger(strtoll(std::string(t, len).c_str(), nullptr, 10));
			return true;
		}
		const char *dot = (const char *)memchr(t, '.', len);
		size_t whole = dot ? (size_t)(dot - t) - sign : 0, part = dot ? len - (size_t)(dot - t) - 1 : 0;
		if (dot && t[0] != '+' && whole + part > 0 && (whole == 0 || digits(t + sign, whole)) &&
		    (part == 0 || digits(dot + 1, part))) {
			i += len;
			v = OH::newReal(std::string(t, len));
			return true;
		}
		return false;
	}
	// A name without # escapes, from its '/' on.
	bool name(std::string &nm)
	{
		size_t s = i++;
		size_t len = word();
		i += len;
		if (len == 0 || memchr(b + s, '#', len + 1))
			return false;
		nm.assign(b + s, len + 1);
		return true;
	}
	// After the unsigned integer `t`: "G R" makes it a reference to an object of the file.
	bool reference(const char *t, size_t len, OH &v)
	{
		size_t save = i;
		skip();
		size_t gl = word();
		if (gl == 0 || gl > 5 || !digits(b + i, gl) || len > 9) {
			i = save;
			return false;
		}
		int num = atoi(std::string(t, len).c_str()), gen = atoi(std::string(b + i, gl).c_str());
		i += gl;
		skip();
		if (word() != 1 || b[i] != 'R' || !xref.count(QPDFObjGen(num, gen))) {
			i = save;
			return false;
		}
		i++;
		v = q.getObject(num, gen);
		return true;
	}
	QPDF &q;
	std::map<QPDFObjGen, QPDFXRefEntry> const &xref;
	const char *b;
	size_t n, i;
};

// The writer's PDF as its bytes are, for an open copy: a page's content stream whose dictionary
// says only /Length and /Filter /FlateDecode is read from them, not parsed by libqpdf (which
// parses the stream's dictionary and its length's object first), and its new content is kept in
// `contents` for stream_out to write.
struct Source {
	const char *buf;
	size_t size;
	std::map<QPDFObjGen, QPDFXRefEntry> xref;
	std::map<QPDFObjGen, std::string> contents; // new page content, compressed, by stream
	Source(QPDF &q, const void *pdf, size_t len)
	    : buf(static_cast<const char *>(pdf)), size(len), xref(q.getXRefTable()) {}
	// Each page object of the page tree's root, when it is plain (PlainValue), read from the
	// bytes and put in the document: libqpdf's parser costs some hundred instructions a byte,
	// and reading the pages was most of what it parsed.
	void read_pages(QPDF &q) const
	{
		OH root = q.getRoot().getKey("/Pages");
		OH kids = root.isDictionary() ? root.getKey("/Kids") : OH::newNull();
		if (!kids.isArray())
			return;
		for (auto const &k : kids.aitems()) {
			if (!k.isIndirect())
				continue;
			QPDFObjGen og = k.getObjGen();
			auto x = xref.find(og);
			if (x == xref.end() || x->second.getType() != 1)
				continue;
			size_t at = cd_pdfraw::object_body(buf, size, (size_t)x->second.getOffset(), og.getObj(), og.getGen());
			OH v;
			if (at && PlainValue(q, xref, buf, size, at).object(v) && v.isDictionary())
				q.replaceObject(og, v);
		}
	}
	// The offset of the Flate data of the page's content stream `og`, when it is one the
	// writer's bytes give plainly; 0 otherwise.
	size_t flate_data(QPDFObjGen og) const
	{
		auto x = xref.find(og);
		std::string dict;
		size_t data = 0;
		if (x == xref.end() || x->second.getType() != 1 ||
		    !cd_pdfraw::stream_at(buf, size, (size_t)x->second.getOffset(), og.getObj(), og.getGen(), dict, &data))
			return 0;
		// the dictionary, token by token: << then /Length N (or N G R) and /Filter /FlateDecode
		std::vector<std::string> t;
		for (size_t i = 0; i < dict.size();) {
			char c = dict[i];
			if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
				i++;
			} else if ((c == '<' || c == '>') && i + 1 < dict.size() && dict[i + 1] == c) {
				t.push_back(dict.substr(i, 2));
				i += 2;
			} else {
				size_t j = i + 1;
				while (j < dict.size() && !strchr(" \n\r\t<>/[]()", dict[j]))
					j++;
				t.push_back(dict.substr(i, j - i));
				i = j;
			}
		}
		auto uint = [](std::string const &v) { return !v.empty() && v.size() < 10 && v.find_first_not_of("0123456789") == std::string::npos; };
		bool flate = false;
		size_t k = 1;
		if (t.size() < 2 || t[0] != "<<" || t.back() != ">>")
			return 0;
		while (k + 1 < t.size()) {
			if (t[k] == "/Filter" && t[k + 1] == "/FlateDecode" && !flate) {
				flate = true;
				k += 2;
			} else if (t[k] == "/Length" && k + 3 < t.size() && uint(t[k + 1]) && uint(t[k + 2]) && t[k + 3] == "R") {
				k += 4;
			} else if (t[k] == "/Length" && uint(t[k + 1])) {
				k += 2;
			} else {
				return 0;
			}
		}
		return flate && k + 1 == t.size() ? data : 0;
	}
};

// Each page's content with its chunks' marked content rewritten (McRewriter); with `check`,
// false when an MCID of the content is no chunk's or a chunk's is met other than once.
bool rewrite_contents(QPDF &q, cd_pdf_finish const *f, std::vector<QPDFPageObjectHelper> &pages,
                      std::vector<Placed> &placed, bool check, Source *src)
{
	// which chunk each (page, MCID) of the writer's PDF is
	std::vector<std::vector<int>> by_mcid(pages.size());
	for (size_t c = 0; c < placed.size(); c++)
		for (auto const &m : placed[c].old)
			if (m.first >= 0 && (size_t)m.first < pages.size() && m.second >= 0) {
				auto &v = by_mcid[m.first];
				if ((size_t)m.second >= v.size())
					v.resize(m.second + 1, -1);
				v[m.second] = (int)c;
			}
	std::vector<int> met(placed.size(), 0);
	std::vector<std::string> out(pages.size());
	std::vector<QPDFObjGen> plain(pages.size()); // the content stream read from src's bytes
	Zlib zl;
	std::string data;
	for (size_t i = 0; i < pages.size(); i++) {
		if (by_mcid[i].empty() && !check)
			continue;
		OH c = pages[i].getObjectHandle().getKey("/Contents");
		size_t at = src && c.isIndirect() ? src->flate_data(c.getObjGen()) : 0;
		if (at && zl.inflate_raw(src->buf + at, src->size - at, data))
			plain[i] = c.getObjGen();
		else if (!zl.inflate_page(pages[i].getObjectHandle(), data)) {
			Pl_Buffer buf("page content");
			pages[i].pipeContents(&buf);
			auto b = buf.getBufferSharedPointer();
			data.assign(reinterpret_cast<const char *>(b->getBuffer()), b->getSize());
		}
		McRewriter mc((int)i, by_mcid[i], f, placed, met);
		mc.run(data.data(), data.size(), out[i]);
		if (check && mc.strangers)
			return false;
	}
	if (check)
		for (int m : met)
			if (m != 1)
				return false;
	for (size_t i = 0; i < pages.size(); i++) {
		if (!check && by_mcid[i].empty())
			continue;
		if (plain[i].getObj())
			src->contents[plain[i]] = zl.deflate_page(out[i]);
		else
			set_contents(q, zl, pages[i].getObjectHandle(), out[i]);
	}
	return true;
}

// Tags the content: chunks found and content streams rewritten; returns where each chunk went,
// for the tree.
std::vector<Placed> tag(QPDF &q, cd_pdf_finish const *f, std::vector<QPDFPageObjectHelper> &pages, Source *src)
{
	std::string what = std::string("writer '") + f->writer + "'";
	std::vector<Placed> placed(f->n_chunks);
	bool done = false;
	if (f->n_chunks && (f->predicted || f->chunks[0].page >= 0)) {
		done = chunks_from_numbers(f, pages, placed, what) && rewrite_contents(q, f, pages, placed, f->predicted, src);
		if (!done && !f->predicted)
			throw Failure(-CD_EXIT_INTERNAL, what + ": its marked content is not what it recorded");
	}
	if (!done) {
		placed.assign(f->n_chunks, Placed());
		chunks_from_tree(q, f, placed, what);
		rewrite_contents(q, f, pages, placed, false, src);
	}
	for (auto &p : pages) {
		OH a = p.getObjectHandle().getKey("/Annots");
		if (a.isArray() && a.getArrayNItems() > 0)
			p.getObjectHandle().replaceKey("/Tabs", OH::newName("/S"));
	}
	return placed;
}

// The document's time: f->date (ISO 8601), else SOURCE_DATE_EPOCH, else now.
struct When {
	int y, mo, d, h, mi, s;
	char sign; // 'Z', '+', '-'
	int oh, om;
};

When when_of(cd_pdf_finish const *f)
{
	When w = {0, 0, 0, 0, 0, 0, 'Z', 0, 0};
	if (f->date) {
		int n = 0;
		const char *s = f->date;
		if (sscanf(s, "%4d-%2d-%2d%n", &w.y, &w.mo, &w.d, &n) == 3 && n == 10) {
			s += n;
			if (*s == 'T' && sscanf(s, "T%2d:%2d%n", &w.h, &w.mi, &n) == 2) {
				s += n;
				if (*s == ':' && sscanf(s, ":%2d%n", &w.s, &n) == 1)
					s += n;
			}
			if ((*s == '+' || *s == '-') && sscanf(s + 1, "%2d:%2d", &w.oh, &w.om) == 2)
				w.sign = *s;
			if (w.mo >= 1 && w.mo <= 12 && w.d >= 1 && w.d <= 31)
				return w;
		}
	}
	time_t t = time(nullptr);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0)
			t = (time_t)v;
	}
	struct tm tm;
	gmtime_r(&t, &tm);
	return When{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
}

// The time as a PDF date (D:YYYYMMDDHHmmSS, then Z or +HH'mm') or, with `xmp`, as XMP's ISO 8601.
std::string date_text(When const &w, bool xmp)
{
	char b[40];
	snprintf(b, sizeof b, xmp ? "%04d-%02d-%02dT%02d:%02d:%02d" : "D:%04d%02d%02d%02d%02d%02d", w.y, w.mo, w.d, w.h,
	         w.mi, w.s);
	std::string s = b;
	if (w.sign == 'Z')
		return s + "Z";
	snprintf(b, sizeof b, xmp ? "%c%02d:%02d" : "%c%02d'%02d'", w.sign, w.oh, w.om);
	return s + b;
}

std::string xml_escape(const char *s)
{
	std::string r;
	for (; *s; s++) {
		switch (*s) {
		case '&': r += "&amp;"; break;
		case '<': r += "&lt;"; break;
		case '>': r += "&gt;"; break;
		case '"': r += "&quot;"; break;
		default: r += *s;
		}
	}
	return r;
}

// /Info and the catalog's keys; returns the XMP metadata, saying the same things, for the caller
// to write as the catalog's /Metadata stream.
std::string metadata(QPDF &q, Numberer &num, cd_pdf_finish const *f)
{
	When w = when_of(f);
	OH old = q.getTrailer().getKey("/Info");
	std::string producer = old.isDictionary() && old.getKey("/Producer").isString()
	                           ? old.getKey("/Producer").getUTF8Value() : std::string();
	producer = "cindoc " CINDOC_VERSION + (producer.empty() ? std::string() : " (" + producer + ")");
	OH info = num.add(OH::newDictionary());
	struct { const char *key, *val; } fields[] = {
		{"/Title", f->title}, {"/Author", f->author}, {"/Subject", f->subject},
		{"/Keywords", f->keywords}, {"/Creator", f->creator},
	};
	for (auto const &x : fields)
		if (x.val && *x.val)
			info.replaceKey(x.key, OH::newUnicodeString(x.val));
	info.replaceKey("/Producer", OH::newUnicodeString(producer));
	info.replaceKey("/CreationDate", OH::newString(date_text(w, false)));
	info.replaceKey("/ModDate", OH::newString(date_text(w, false)));
	q.getTrailer().replaceKey("/Info", info);

	std::string x =
	    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
	x += "   <dc:format>application/pdf</dc:format>\n";
	if (f->title && *f->title)
		x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f->title) + "</rdf:li></rdf:Alt></dc:title>\n";
	if (f->author && *f->author)
		x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(f->author) + "</rdf:li></rdf:Seq></dc:creator>\n";
	if (f->subject && *f->subject)
		x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(f->subject) + "</rdf:li></rdf:Alt></dc:description>\n";
	if (f->lang && *f->lang)
		x += "   <dc:language><rdf:Bag><rdf:li>" + xml_escape(f->lang) + "</rdf:li></rdf:Bag></dc:language>\n";
	if (f->keywords && *f->keywords)
		x += "   <pdf:Keywords>" + xml_escape(f->keywords) + "</pdf:Keywords>\n";
	x += "   <pdf:Producer>" + xml_escape(producer.c_str()) + "</pdf:Producer>\n";
	if (f->creator && *f->creator)
		x += "   <xmp:CreatorTool>" + xml_escape(f->creator) + "</xmp:CreatorTool>\n";
	x += "   <xmp:CreateDate>" + date_text(w, true) + "</xmp:CreateDate>\n";
	x += "   <xmp:ModifyDate>" + date_text(w, true) + "</xmp:ModifyDate>\n";
	x += "   <xmp:MetadataDate>" + date_text(w, true) + "</xmp:MetadataDate>\n";
	if (f->tagged)
		x += "   <pdfuaid:part>1</pdfuaid:part>\n";
	x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
	OH cat = q.getRoot();
	cat.removeKey("/Metadata");
	if (f->lang && *f->lang)
		cat.replaceKey("/Lang", OH::newUnicodeString(f->lang));
	if (f->title && *f->title) {
		OH vp = OH::newDictionary();
		vp.replaceKey("/DisplayDocTitle", OH::newBool(true));
		cat.replaceKey("/ViewerPreferences", vp);
	}
	return x;
}

const char *const xmp_dict = "<</Subtype /XML\n/Type /Metadata";

// Forgets the writer's structure tree (its elements become null objects), which the finished
// catalog no longer points to, so that libqpdf does not parse it when it looks for a free object
// number or writes with QPDFWriter.
void forget_tree(QPDF &q, OH old)
{
	if (!old.isDictionary())
		return;
	OH k = old.getKey("/K");
	std::vector<OH> kids = k.isArray() ? k.getArrayAsVector() : std::vector<OH>{k};
	for (auto &x : kids)
		if (x.isIndirect())
			q.replaceObject(x.getObjGen(), OH::newNull());
	OH pt = old.getKey("/ParentTree");
	if (pt.isIndirect())
		q.replaceObject(pt.getObjGen(), OH::newNull());
	if (old.isIndirect())
		q.replaceObject(old.getObjGen(), OH::newNull());
}

// The finished document, written object by object as it is read (qpdf-stream.hh): only what
// the catalog and /Info lead to, so the writer's own structure tree (cairo: one element per
// chunk, most of its objects) is never parsed, and the fonts and images pass through as they are.
// The finished document's objects (stream_out): a page's content rewritten aside (Source) is
// written from there; any other object as RawInput writes it.
// A stream of the writer's PDF whose /Length is a reference ("/Length 12 0 R": each of Cairo's
// font files and /ToUnicode maps), which cd_pdfraw::copy_object leaves to libqpdf: its dictionary
// as body_of (qpdf-stream.hh) writes it from libqpdf's objects (the keys in order, one a line,
// /Length the data's size) and its data, read from the bytes. libqpdf would parse the stream and
// the object of its length only to say what the bytes say; a file of one letter has a dozen such
// streams (print.pdf has one set for all its letters). Only a dictionary of plain names and
// integers, its length an integer object of the file, is taken so: false for any other.
bool indirect_length_stream(const char *b, size_t size, std::map<QPDFObjGen, QPDFXRefEntry> const &xref,
                            QPDFObjGen og, std::string &dict, const char **data, size_t *len)
{
	using cd_pdfraw::Value;
	// object `g` of the file, read with cd_pdfraw: false when it is not there or not read so
	auto read = [&](QPDFObjGen g, Value &v, bool *stream, size_t *at) {
		auto x = xref.find(g);
		return x != xref.end() && x->second.getType() == 1 &&
		       cd_pdfraw::read_object(b, size, (size_t)x->second.getOffset(), g.getObj(), g.getGen(), v, stream, at);
	};
	// a name as libqpdf writes it again: regular characters only, no # escape
	auto plain_name = [](std::string const &t) {
		if (t.size() < 2 || t[0] != '/')
			return false;
		for (size_t k = 1; k < t.size(); k++)
			if (t[k] == '#' || (unsigned char)t[k] > 0x7e)
				return false;
		return true;
	};
	// an integer as libqpdf writes it again: digits, no sign, no leading zero
	auto plain_uint = [](Value const &v) {
		std::string const &t = v.text;
		if (v.kind != Value::scalar || t.empty() || t.size() > 18 || (t[0] == '0' && t.size() > 1))
			return false;
		for (char c : t)
			if (c < '0' || c > '9')
				return false;
		return true;
	};
	Value d, l;
	bool stream = false, l_stream = false;
	size_t at = 0;
	if (!read(og, d, &stream, &at) || !stream)
		return false;
	std::map<std::string, std::string> keys;
	long long length = -1;
	for (auto const &[key, v] : d.keys) {
		if (!plain_name(key))
			return false;
		Value const *val = &v;
		if (key == "/Length" && v.kind == Value::ref) { // the length's object: an integer alone
			if (!read(QPDFObjGen(v.num, v.gen), l, &l_stream, nullptr) || l_stream || !plain_uint(l))
				return false;
			val = &l;
		} else if (!(v.kind == Value::scalar && plain_name(v.text)) && !plain_uint(v)) {
			return false;
		}
		if (key == "/Length" && !(plain_uint(*val) && val->is_int(length)))
			return false;
		if (!keys.emplace(key, val->text).second)
			return false;
	}
	if (!cd_pdfraw::stream_data(b, size, at, length, data, len))
		return false;
	keys["/Length"] = std::to_string(length);
	dict = "<<";
	for (auto const &k : keys)
		dict.append(k.first).append(1, ' ').append(k.second).append(1, '\n');
	dict += ">>";
	return true;
}

struct FinishInput : cd_qpdf::RawInput {
	Source const &src;
	FinishInput(cd_qpdf::Out &out, QPDF &q, Source const &s) : RawInput(out, q, s.buf, s.size, s.xref), src(s) {}
	bool copy_as_is(OH const &h, int n) override
	{
		auto c = src.contents.find(h.getObjGen());
		if (c == src.contents.end()) {
			if (RawInput::copy_as_is(h, n))
				return true;
			std::string dict;
			const char *data = nullptr;
			size_t len = 0;
			if (changed.count(h.getObjGen()) || !indirect_length_stream(buf, size, xref, h.getObjGen(), dict, &data, &len))
				return false;
			o.object_raw(n, dict, data, len);
			return true;
		}
		o.object_raw(n, "<</Filter /FlateDecode\n/Length " + std::to_string(c->second.size()) + "\n>>", c->second.data(),
		             c->second.size());
		return true;
	}
};

void stream_out(QPDF &q, Source const &src, std::vector<QPDFPageObjectHelper> &pages, std::string const &xmp,
                Tree *tree, FILE *out)
{
	cd_qpdf::Out o;
	o.fp = out;
	std::unique_ptr<GChecksum, decltype(&g_checksum_free)> md5(g_checksum_new(G_CHECKSUM_MD5), g_checksum_free);
	o.md5 = md5.get();
	o.put("%PDF-" + q.getPDFVersion() + "\n%\xbf\xf7\xa2\xfe\n");
	// the objects the pass changed are written from libqpdf's text; the others (resources,
	// fonts, images) as their bytes are in the writer's PDF
	FinishInput in(o, q, src);
	in.changed.insert(q.getRoot().getObjGen());
	for (auto &p : pages) {
		OH page = p.getObjectHandle();
		std::set<QPDFObjGen> seen;
		for (OH n = page; n.isDictionary() && n.isIndirect() && seen.insert(n.getObjGen()).second; n = n.getKey("/Parent"))
			in.changed.insert(n.getObjGen()); // the page and the page tree above it
		for (auto const &key : {"/Contents", "/Annots"}) {
			OH v = page.getKey(key);
			if (v.isIndirect())
				in.changed.insert(v.getObjGen());
			if (v.isIndirect() && src.contents.count(v.getObjGen()))
				continue; // rewritten aside: never read by libqpdf
			if (v.isArray())
				for (auto const &x : v.aitems())
					if (x.isIndirect())
						in.changed.insert(x.getObjGen());
		}
	}
	int md = o.alloc();
	o.object(md, std::string(xmp_dict) + "\n/Length " + std::to_string(xmp.size()) + "\n>>\nstream\n" + xmp + "\nendstream");
	auto &cat = in.over[q.getRoot().getObjGen()];
	cat["/Metadata"] = cd_qpdf::ref_text(md);
	if (tree) {
		int first = o.alloc();
		for (int i = 1; i < tree->size(); i++)
			o.alloc();
		std::vector<std::string> t = tree->objects(first, [&in](OH h) { return cd_qpdf::ref_text(in.ref(h)); });
		for (size_t i = 0; i < t.size(); i++)
			o.object(first + (int)i, t[i]);
		cat["/StructTreeRoot"] = cd_qpdf::ref_text(first);
		cat["/MarkInfo"] = mark_info;
	}
	int root = in.ref(q.getRoot());
	OH info = q.getTrailer().getKey("/Info");
	int ni = info.isIndirect() ? in.ref(info) : 0;
	cd_qpdf::drain(in);
	cd_qpdf::end_file(o, root, ni);
}

// The pages: the kids of the page tree's root when they are all pages, each once (Cairo's page
// tree is that one node), else libqpdf's walk of the tree (which costs as much again).
std::vector<QPDFPageObjectHelper> all_pages(QPDF &q)
{
	OH root = q.getRoot().getKey("/Pages");
	OH kids = root.isDictionary() ? root.getKey("/Kids") : OH::newNull();
	std::vector<QPDFPageObjectHelper> v;
	std::set<QPDFObjGen> seen;
	bool flat = kids.isArray() && root.getKey("/Count").isInteger() &&
	            root.getKey("/Count").getIntValue() == kids.getArrayNItems();
	for (int i = 0; flat && i < kids.getArrayNItems(); i++) {
		OH k = kids.getArrayItem(i);
		flat = k.isIndirect() && k.isDictionary() && k.getKey("/Type").isNameAndEquals("/Page") &&
		       k.getKey("/Parent").isIndirect() && k.getKey("/Parent").getObjGen() == root.getObjGen() &&
		       seen.insert(k.getObjGen()).second;
		v.emplace_back(k);
	}
	return flat && !v.empty() ? v : QPDFPageDocumentHelper(q).getAllPages();
}

// The writer's document is finished in place: its pages keep their objects, the structure tree
// and metadata are made anew (the writer's are dropped from the catalog) and the page contents
// are rewritten where their marked content changes.
int finish(const void *pdf, size_t len, cd_pdf_finish const *f, FILE *out)
{
	Pl_Flate::setCompressionLevel(1);
	QPDF q;
	q.setSuppressWarnings(true);
	q.processMemoryFile(f->path, static_cast<const char *>(pdf), len);
	std::unique_ptr<Source> src(f->encrypt ? nullptr : new Source(q, pdf, len));
	if (src)
		src->read_pages(q);
	std::vector<QPDFPageObjectHelper> pages = all_pages(q);
	Numberer num(q, src ? &src->xref : nullptr);
	OH old = q.getRoot().getKey("/StructTreeRoot");
	q.getRoot().removeKey("/MarkInfo");
	std::vector<Placed> placed;
	if (f->tagged)
		placed = tag(q, f, pages, src.get()); // may read the writer's tree
	q.getRoot().removeKey("/StructTreeRoot"); // the new tree replaces it
	std::unique_ptr<Tree> tree(f->tagged ? new Tree(f, pages, placed) : nullptr);
	std::string xmp = metadata(q, num, f);
	if (!f->encrypt) {
		stream_out(q, *src, pages, xmp, tree.get(), out);
		return 0;
	}
	if (tree)
		put_tree(q, num, *tree);
	forget_tree(q, old);
	OH md = OH::newStream(&q, xmp);
	md.getDict().replaceKey("/Type", OH::newName("/Metadata"));
	md.getDict().replaceKey("/Subtype", OH::newName("/XML"));
	q.getRoot().replaceKey("/Metadata", md);
	write_out(q, out, true, f->user_password, f->owner_password, f->allow_print);
	return 0;
}

} // namespace

extern "C" int cd_pdf_finish_write(const void *pdf, size_t len, const cd_pdf_finish *f, FILE *out)
{
	try {
		return finish(pdf, len, f, out);
	} catch (Failure const &e) {
		if (e.code == -CD_EXIT_NOWRITE)
			return cd_fail(e.code, "cannot write '%s': %s", f->path, e.what());
		return cd_fail(e.code, "cannot finish '%s': %s", f->path, e.what());
	} catch (QPDFExc const &e) {
		return cd_fail(-CD_EXIT_INTERNAL, "cannot finish '%s': writer '%s' made a PDF libqpdf cannot read: %s",
		               f->path, f->writer, e.what());
	} catch (std::bad_alloc const &) {
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': out of memory", f->path);
	} catch (std::exception const &e) {
		return cd_fail(-CD_EXIT_INTERNAL, "cannot finish '%s': %s", f->path, e.what());
	}
}
