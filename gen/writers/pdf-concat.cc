// pdf-concat.cc - several finished PDFs in one file, with libqpdf (cd_pdf_concat_write in
// pdf-finish.h): the queue's print.pdf, made from its items' own PDFs.
#include <algorithm>
#include <memory>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <glib.h>
#include <qpdf/Buffer.hh>
#include <qpdf/PDFVersion.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageLabelDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

extern "C" {
#include "base/cindoc.h"
#include "writers/pdf-finish.h"
}
#include "writers/pdf-raw.hh"
#include "writers/qpdf-out.hh"
#include "writers/qpdf-stream.hh"

namespace {

using cd_qpdf::body_of;
using cd_qpdf::drain;
using cd_qpdf::end_file;
using cd_qpdf::Failure;
using cd_qpdf::Out;
using cd_qpdf::ref_text;
using cd_qpdf::unparse_into;
using cd_qpdf::write_out;
typedef QPDFObjectHandle OH;

// What the inputs so far add up to in the output.
struct Assembly {
	QPDF &q;
	OH root;                      // the StructTreeRoot
	OH kids = OH::newArray();     // its Documents
	OH nums = OH::newArray();     // its ParentTree
	long long next_key = 0;       // the ParentTree's next free key
	std::vector<OH> labels;       // /PageLabels /Nums
	std::vector<std::pair<std::string, OH>> dests;
	OH outline;                   // /Outlines
	OH last_entry;                // the outline's last top entry
	int entries = 0;
	int pages = 0;
	PDFVersion version{1, 3};     // the highest of the inputs' versions
	std::vector<std::unique_ptr<std::string>> files; // the inputs' bytes, read while writing
	explicit Assembly(QPDF &dst) : q(dst) {}
};

// A direct object of another file that holds no references (a string, a number, an array of
// numbers), made anew for this one: libqpdf keeps each object to its own file.
OH fresh(OH o)
{
	if (o.isString())
		return OH::newString(o.getStringValue());
	return OH::parse(o.unparseResolved());
}

// An object of `src` copied into the assembly (a direct one is made indirect in src first).
OH copy_in(Assembly &a, QPDF &src, OH o)
{
	if (!o.isIndirect()) {
		if (!o.isDictionary() && !o.isArray() && !o.isStream())
			return fresh(o);
		o = src.makeIndirectObject(o);
	}
	return a.q.copyForeignObject(o);
}

// A named destination as this input's names go in the output.
std::string renamed(std::string const &prefix, OH d)
{
	if (d.isString())
		return prefix + d.getUTF8Value();
	return prefix + d.getName().substr(1);
}

// Links go to the input's own (renamed) destinations; their /StructParent follows the ParentTree.
void relink(OH page, std::string const &prefix, long long key_offset)
{
	OH annots = page.getKey("/Annots");
	if (!annots.isArray())
		return;
	for (auto an : annots.aitems()) {
		if (!an.isDictionary())
			continue;
		OH sp = an.getKey("/StructParent");
		if (sp.isInteger())
			an.replaceKey("/StructParent", OH::newInteger(sp.getIntValue() + key_offset));
		if (prefix.empty())
			continue;
		OH d = an.getKey("/Dest");
		if (d.isString() || d.isName())
			an.replaceKey("/Dest", OH::newUnicodeString(renamed(prefix, d)));
		OH act = an.getKey("/A");
		if (act.isDictionary() && act.getKey("/S").isNameAndEquals("/GoTo") &&
		    (act.getKey("/D").isString() || act.getKey("/D").isName())) {
			OH na = act.shallowCopy();
			na.replaceKey("/D", OH::newUnicodeString(renamed(prefix, act.getKey("/D"))));
			an.replaceKey("/A", na);
		}
	}
}

// Copies the outline items from `first` on (and their children) under `parent`; returns how
// many items are visible when the parent is open.
int copy_outline(Assembly &a, QPDF &src, OH first, OH parent, std::string const &prefix, int depth)
{
	OH prev;
	int count = 0;
	std::set<QPDFObjGen> seen;
	for (OH it = first; it.isDictionary() && depth < 32; it = it.getKey("/Next")) {
		if (it.isIndirect() && !seen.insert(it.getObjGen()).second)
			break; // a loop
		OH e = a.q.makeIndirectObject(OH::newDictionary());
		e.replaceKey("/Title", it.getKey("/Title").isString() ? fresh(it.getKey("/Title")) : OH::newUnicodeString(""));
		e.replaceKey("/Parent", parent);
		OH d = it.getKey("/Dest");
		if (d.isString() || d.isName())
			e.replaceKey("/Dest", OH::newUnicodeString(renamed(prefix, d)));
		else if (d.isArray())
			e.replaceKey("/Dest", copy_in(a, src, d));
		if (prev.isDictionary()) {
			prev.replaceKey("/Next", e);
			e.replaceKey("/Prev", prev);
		} else {
			parent.replaceKey("/First", e);
		}
		parent.replaceKey("/Last", e);
		int kids = copy_outline(a, src, it.getKey("/First"), e, prefix, depth + 1);
		if (kids) {
			bool open = it.getKey("/Count").isInteger() && it.getKey("/Count").getIntValue() > 0;
			e.replaceKey("/Count", OH::newInteger(open ? kids : -kids));
			if (open)
				count += kids;
		}
		prev = e;
		count++;
	}
	return count;
}

// The catalog's and /Info's metadata of the first input, for the whole file.
void take_metadata(Assembly &a, QPDF &src)
{
	OH sc = src.getRoot(), dc = a.q.getRoot();
	for (const char *k : {"/Lang", "/ViewerPreferences"})
		if (!sc.getKey(k).isNull())
			dc.replaceKey(k, copy_in(a, src, sc.getKey(k)));
	if (sc.getKey("/Metadata").isStream())
		dc.replaceKey("/Metadata", copy_in(a, src, sc.getKey("/Metadata")));
	OH info = src.getTrailer().getKey("/Info");
	if (info.isDictionary()) {
		OH ni = OH::newDictionary();
		for (auto const &k : info.getKeys())
			if (info.getKey(k).isString())
				ni.replaceKey(k, fresh(info.getKey(k)));
		a.q.getTrailer().replaceKey("/Info", a.q.makeIndirectObject(ni));
	}
}

// An input PDF read whole: libqpdf reads a file object by object with a seek each, several
// times slower.
using Bytes = std::unique_ptr<gchar, decltype(&g_free)>;
Bytes read_whole(const char *path, gsize *len)
{
	gchar *data = nullptr;
	GError *err = nullptr;
	if (!g_file_get_contents(path, &data, len, &err)) {
		std::string why = err->message;
		g_error_free(err);
		throw Failure(-CD_EXIT_NOREAD, why);
	}
	return Bytes(data, g_free);
}

// Appends one input: its pages (then a blank one when asked), structure, labels, destinations
// and outline. Returns its page count.
int append_input(Assembly &a, const char *path, cd_pdf_concat const *c, size_t index)
{
	QPDF src;
	src.setSuppressWarnings(true);
	gsize len = 0;
	Bytes data = read_whole(path, &len);
	auto bytes = std::make_unique<std::string>(data.get(), len);
	data.reset();
	src.processMemoryFile(path, bytes->data(), bytes->size(), c->password && *c->password ? c->password : nullptr);
	a.files.push_back(std::move(bytes));
	if (a.version < src.getVersionAsPDFVersion())
		a.version = src.getVersionAsPDFVersion();
	std::string prefix = index ? "d" + std::to_string(index + 1) + "/" : "";
	if (index == 0)
		take_metadata(a, src);
	std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(src).getAllPages();
	if (pages.empty())
		throw Failure(-CD_EXIT_INTERNAL, std::string("'") + path + "' has no pages");
	OH sroot = src.getRoot().getKey("/StructTreeRoot");
	long long offset = a.next_key;
	// the Documents lose their old parent before they are copied (or it would come along)
	std::vector<OH> docs;
	if (sroot.isDictionary()) {
		OH k = sroot.getKey("/K");
		if (k.isArray())
			docs = k.getArrayAsVector();
		else if (k.isDictionary())
			docs.push_back(k);
		for (auto &d : docs)
			if (d.isDictionary())
				d.replaceKey("/P", OH::newNull());
	}
	QPDFPageDocumentHelper dh(a.q);
	OH first_page;
	for (auto &p : pages) {
		OH np = a.q.copyForeignObject(p.getObjectHandle());
		OH sp = np.getKey("/StructParents");
		if (sp.isInteger())
			np.replaceKey("/StructParents", OH::newInteger(sp.getIntValue() + offset));
		relink(np, prefix, offset);
		dh.addPage(QPDFPageObjectHelper(np), false);
		if (!first_page.isInitialized())
			first_page = np;
	}
	for (auto &d : docs) {
		if (!d.isDictionary())
			continue;
		OH nd = a.q.copyForeignObject(d);
		nd.replaceKey("/P", a.root);
		a.kids.appendItem(nd);
	}
	if (sroot.isDictionary() && sroot.getKey("/ParentTree").isDictionary()) {
		QPDFNumberTreeObjectHelper pt(sroot.getKey("/ParentTree"), src);
		long long top = -1;
		for (auto e : pt.getAsMap()) {
			OH v = e.second;
			a.nums.appendItem(OH::newInteger(e.first + offset));
			a.nums.appendItem(v.isArray() || v.isDictionary() ? copy_in(a, src, v) : OH::newNull());
			top = std::max(top, (long long)e.first);
		}
		long long next = sroot.getKey("/ParentTreeNextKey").isInteger() ? sroot.getKey("/ParentTreeNextKey").getIntValue() : 0;
		a.next_key = offset + std::max(next, top + 1);
	}
	std::vector<OH> labels;
	QPDFPageLabelDocumentHelper(src).getLabelsForPageRange(0, (long long)pages.size() - 1, a.pages, labels);
	for (auto &l : labels)
		a.labels.push_back(fresh(l));
	OH names = src.getRoot().getKey("/Names");
	if (names.isDictionary() && names.getKey("/Dests").isDictionary()) {
		QPDFNameTreeObjectHelper nt(names.getKey("/Dests"), src);
		for (auto e : nt.getAsMap())
			a.dests.emplace_back(prefix + e.first, copy_in(a, src, e.second));
	}
	// the outline: an entry with the input's title, its own outline below it
	OH info = src.getTrailer().getKey("/Info");
	OH title = info.isDictionary() && info.getKey("/Title").isString() ? info.getKey("/Title") : OH::newUnicodeString(path);
	OH e = a.q.makeIndirectObject(OH::newDictionary());
	e.replaceKey("/Title", fresh(title));
	e.replaceKey("/Parent", a.outline);
	OH dest = OH::newArray();
	dest.appendItem(first_page);
	dest.appendItem(OH::newName("/Fit"));
	e.replaceKey("/Dest", dest);
	if (a.last_entry.isDictionary()) {
		a.last_entry.replaceKey("/Next", e);
		e.replaceKey("/Prev", a.last_entry);
	} else {
		a.outline.replaceKey("/First", e);
	}
	a.outline.replaceKey("/Last", e);
	a.last_entry = e;
	a.entries++;
	OH ol = src.getRoot().getKey("/Outlines");
	int kids = ol.isDictionary() ? copy_outline(a, src, ol.getKey("/First"), e, prefix, 0) : 0;
	if (kids)
		e.replaceKey("/Count", OH::newInteger(-kids));
	a.pages += (int)pages.size();
	if (c->odd_starts && a.pages % 2) {
		OH blank = OH::newDictionary();
		blank.replaceKey("/Type", OH::newName("/Page"));
		blank.replaceKey("/MediaBox", fresh(pages.back().getMediaBox()));
		blank.replaceKey("/Resources", OH::newDictionary());
		blank.replaceKey("/Contents", OH::newStream(&a.q, ""));
		dh.addPage(QPDFPageObjectHelper(a.q.makeIndirectObject(blank)), false);
		OH label = OH::newDictionary();
		label.replaceKey("/S", OH::newName("/D"));
		label.replaceKey("/St", OH::newInteger(a.pages + 1));
		a.labels.push_back(OH::newInteger(a.pages));
		a.labels.push_back(label);
		a.pages++;
	}
	return (int)pages.size();
}

int concat(cd_pdf_concat const *c, int *counts, FILE *out)
{
	QPDF q;
	q.setSuppressWarnings(true);
	q.emptyPDF();
	Assembly a(q);
	a.root = q.makeIndirectObject(OH::newDictionary());
	a.root.replaceKey("/Type", OH::newName("/StructTreeRoot"));
	a.outline = q.makeIndirectObject(OH::newDictionary());
	a.outline.replaceKey("/Type", OH::newName("/Outlines"));
	for (size_t i = 0; i < c->n_inputs; i++) {
		int n;
		try {
			n = append_input(a, c->inputs[i], c, i);
		} catch (QPDFExc const &e) {
			throw Failure(-CD_EXIT_NOREAD, std::string("cannot read '") + c->inputs[i] + "': " + e.what());
		}
		if (counts)
			counts[i] = n;
	}
	OH cat = q.getRoot();
	a.root.replaceKey("/K", a.kids);
	OH pt = OH::newDictionary();
	pt.replaceKey("/Nums", a.nums);
	a.root.replaceKey("/ParentTree", q.makeIndirectObject(pt));
	a.root.replaceKey("/ParentTreeNextKey", OH::newInteger(a.next_key));
	cat.replaceKey("/StructTreeRoot", a.root);
	OH mi = OH::newDictionary();
	mi.replaceKey("/Marked", OH::newBool(true));
	cat.replaceKey("/MarkInfo", mi);
	if (!a.labels.empty()) {
		OH pl = OH::newDictionary();
		pl.replaceKey("/Nums", OH::newArray(a.labels));
		cat.replaceKey("/PageLabels", pl);
	}
	if (!a.dests.empty()) {
		std::stable_sort(a.dests.begin(), a.dests.end(),
		                 [](std::pair<std::string, OH> const &x, std::pair<std::string, OH> const &y) { return x.first < y.first; });
		OH arr = OH::newArray();
		for (auto &d : a.dests) {
			arr.appendItem(OH::newUnicodeString(d.first));
			arr.appendItem(d.second);
		}
		OH dests = OH::newDictionary();
		dests.replaceKey("/Names", arr);
		OH nm = OH::newDictionary();
		nm.replaceKey("/Dests", q.makeIndirectObject(dests));
		cat.replaceKey("/Names", nm);
	}
	if (a.entries) {
		a.outline.replaceKey("/Count", OH::newInteger(a.entries));
		cat.replaceKey("/Outlines", a.outline);
	}
	// the items' streams pass through as they are
	// the header says at least what the inputs say (an empty document says 1.3)
	std::string version;
	int extension = 0;
	a.version.getVersion(version, extension);
	write_out(q, out, c->encrypt, c->user_password, c->owner_password, c->allow_print, version, extension);
	return 0;
}

// ------------------------------------------------------------------ streamed

// The same file written as it is read, for an open (unprotected) print.pdf: QPDFWriter needs
// every object of its output in memory until it writes, so a date of thousands of items would
// need gigabytes. Here each input is read with libqpdf, its objects written out at once with
// new numbers (each object's text is libqpdf's: scalars by unparse(), streams' raw data as they
// are), then freed; what stays until the end is small and counted per page or per input (the
// offsets of the objects, the pages', Documents' and ParentTree's numbers, labels, names, the
// outline's top entries). The output is the same document as the assembly above writes.
// One input's objects (qpdf-stream.hh): an object libqpdf has changed (a page, a link) is
// written from libqpdf's text; any other is copied as its bytes are.
typedef cd_qpdf::RawInput Input;

// What the streamed inputs add up to, kept until the end.
struct Streamed {
	int pages_num, root_num, outline_num;
	std::vector<int> kids, docs;
	std::vector<std::pair<long long, int>> nums;
	long long next_key = 0;
	std::vector<std::string> labels;              // /PageLabels /Nums, as text
	std::vector<std::pair<std::string, int>> dests;
	struct Entry { int num, first = 0, last = 0, count = 0, page; std::string title; };
	std::vector<Entry> entries;
	int pages = 0;
	PDFVersion version{1, 3};
	std::string lang, prefs, metadata, info;      // of the first input, as text
};

// The input's outline items from `first` on, written with new numbers under `parent`; returns
// how many are visible when the parent is open.
int stream_outline(Input &in, OH first, int parent, std::string const &prefix, int depth, int &first_num, int &last_num)
{
	std::vector<std::pair<OH, int>> items;
	std::set<QPDFObjGen> seen;
	for (OH it = first; it.isDictionary() && depth < 32; it = it.getKey("/Next")) {
		if (it.isIndirect() && !seen.insert(it.getObjGen()).second)
			break; // a loop
		items.emplace_back(it, in.o.alloc());
	}
	int count = 0;
	for (size_t i = 0; i < items.size(); i++) {
		OH it = items[i].first;
		int kf = 0, kl = 0;
		int kids = stream_outline(in, it.getKey("/First"), items[i].second, prefix, depth + 1, kf, kl);
		std::string t = "<<";
		OH title = it.getKey("/Title");
		t += "/Title " + (title.isString() ? OH::newString(title.getStringValue()) : OH::newUnicodeString("")).unparse();
		t += "\n/Parent " + ref_text(parent);
		OH d = it.getKey("/Dest");
		if (d.isString() || d.isName())
			t += "\n/Dest " + OH::newUnicodeString(renamed(prefix, d)).unparse();
		else if (d.isArray()) {
			t += "\n/Dest ";
			unparse_into(in, d, t);
		}
		if (i)
			t += "\n/Prev " + ref_text(items[i - 1].second);
		if (i + 1 < items.size())
			t += "\n/Next " + ref_text(items[i + 1].second);
		if (kids) {
			bool open = it.getKey("/Count").isInteger() && it.getKey("/Count").getIntValue() > 0;
			t += "\n/First " + ref_text(kf) + "\n/Last " + ref_text(kl) + "\n/Count " + std::to_string(open ? kids : -kids);
			if (open)
				count += kids;
		}
		t += "\n>>";
		in.o.object(items[i].second, t);
		count++;
	}
	if (!items.empty()) {
		first_num = items.front().second;
		last_num = items.back().second;
	}
	return count;
}

// The first input's catalog and /Info metadata, as text for the output's.
void stream_metadata(Streamed &a, Input &in, QPDF &src)
{
	OH sc = src.getRoot();
	if (!sc.getKey("/Lang").isNull())
		unparse_into(in, sc.getKey("/Lang"), a.lang);
	if (!sc.getKey("/ViewerPreferences").isNull())
		unparse_into(in, sc.getKey("/ViewerPreferences"), a.prefs);
	if (sc.getKey("/Metadata").isStream())
		unparse_into(in, sc.getKey("/Metadata"), a.metadata);
	OH info = src.getTrailer().getKey("/Info");
	if (info.isDictionary()) {
		a.info = "<<";
		for (auto const &k : info.getKeys())
			if (info.getKey(k).isString())
				a.info += OH::newName(k).unparse() + " " + OH::newString(info.getKey(k).getStringValue()).unparse() + "\n";
		a.info += ">>";
	}
}

// The input's structure: its Documents under the output's root, its ParentTree shifted.
void stream_structure(Streamed &a, Input &in, QPDF &src, long long offset)
{
	OH sroot = src.getRoot().getKey("/StructTreeRoot");
	if (!sroot.isDictionary())
		return;
	if (sroot.isIndirect())
		in.fixed[sroot.getObjGen()] = a.root_num; // a Document's /P
	OH k = sroot.getKey("/K");
	std::vector<OH> docs;
	if (k.isArray())
		docs = k.getArrayAsVector();
	else if (k.isDictionary())
		docs.push_back(k);
	for (auto &d : docs) {
		if (!d.isDictionary())
			continue;
		if (d.isIndirect()) {
			a.docs.push_back(in.ref(d));
		} else {
			int n = in.o.alloc();
			in.o.object(n, body_of(in, d, {{"/P", ref_text(a.root_num)}}));
			a.docs.push_back(n);
		}
	}
	if (sroot.getKey("/ParentTree").isDictionary()) {
		QPDFNumberTreeObjectHelper pt(sroot.getKey("/ParentTree"), src);
		long long top = -1;
		for (auto e : pt.getAsMap()) {
			OH v = e.second;
			int n = 0;
			if (v.isIndirect() && (v.isArray() || v.isDictionary())) {
				n = in.ref(v);
			} else if (v.isArray() || v.isDictionary()) {
				n = in.o.alloc();
				in.o.object(n, body_of(in, v));
			}
			a.nums.emplace_back(e.first + offset, n);
			top = std::max(top, (long long)e.first);
		}
		long long next = sroot.getKey("/ParentTreeNextKey").isInteger() ? sroot.getKey("/ParentTreeNextKey").getIntValue() : 0;
		a.next_key = offset + std::max(next, top + 1);
	}
}

// One page of an input, its /Parent the output's page tree, its keys into the ParentTree and
// its links' destinations shifted and renamed.
void stream_page(Streamed &a, Input &in, OH page, std::string const &prefix, long long offset)
{
	OH sp = page.getKey("/StructParents");
	if (sp.isInteger())
		page.replaceKey("/StructParents", OH::newInteger(sp.getIntValue() + offset));
	relink(page, prefix, offset); // the input is ours: changed in place, never written back
	OH annots = page.getKey("/Annots");
	if (annots.isArray())
		for (auto an : annots.aitems())
			if (an.isIndirect())
				in.changed.insert(an.getObjGen()); // relink may have changed it
	in.over[page.getObjGen()] = {{"/Parent", ref_text(a.pages_num)}};
	a.kids.push_back(in.ref(page));
}

int stream_input(Streamed &a, Out &o, const char *path, cd_pdf_concat const *c, size_t index)
{
	QPDF src;
	src.setSuppressWarnings(true);
	gsize len = 0;
	Bytes data = read_whole(path, &len);
	src.processMemoryFile(path, data.get(), len, nullptr);
	if (a.version < src.getVersionAsPDFVersion())
		a.version = src.getVersionAsPDFVersion();
	src.pushInheritedAttributesToPage();
	std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(src).getAllPages();
	if (pages.empty())
		throw Failure(-CD_EXIT_INTERNAL, std::string("'") + path + "' has no pages");
	std::map<QPDFObjGen, QPDFXRefEntry> xref = src.getXRefTable();
	Input in(o, src, data.get(), len, xref);
	OH ptree = src.getRoot().getKey("/Pages");
	if (ptree.isIndirect())
		in.fixed[ptree.getObjGen()] = a.pages_num;
	std::string prefix = index ? "d" + std::to_string(index + 1) + "/" : "";
	if (index == 0)
		stream_metadata(a, in, src);
	long long offset = a.next_key;
	int first_page = 0;
	for (auto &p : pages) {
		stream_page(a, in, p.getObjectHandle(), prefix, offset);
		if (!first_page)
			first_page = a.kids.back();
	}
	stream_structure(a, in, src, offset);
	std::vector<OH> labels;
	QPDFPageLabelDocumentHelper(src).getLabelsForPageRange(0, (long long)pages.size() - 1, a.pages, labels);
	for (auto &l : labels)
		a.labels.push_back(fresh(l).unparse());
	OH names = src.getRoot().getKey("/Names");
	if (names.isDictionary() && names.getKey("/Dests").isDictionary()) {
		QPDFNameTreeObjectHelper nt(names.getKey("/Dests"), src);
		for (auto e : nt.getAsMap()) {
			int n = e.second.isIndirect() ? in.ref(e.second) : o.alloc();
			if (!e.second.isIndirect())
				o.object(n, body_of(in, e.second));
			a.dests.emplace_back(prefix + e.first, n);
		}
	}
	// the outline: an entry with the input's title, its own outline below it
	Streamed::Entry e;
	e.num = o.alloc();
	e.page = first_page;
	OH info = src.getTrailer().getKey("/Info");
	e.title = info.isDictionary() && info.getKey("/Title").isString() ? OH::newString(info.getKey("/Title").getStringValue()).unparse()
	                                                                  : OH::newUnicodeString(path).unparse();
	OH ol = src.getRoot().getKey("/Outlines");
	int kids = ol.isDictionary() ? stream_outline(in, ol.getKey("/First"), e.num, prefix, 0, e.first, e.last) : 0;
	e.count = kids ? -kids : 0;
	drain(in);
	a.entries.push_back(e);
	a.pages += (int)pages.size();
	if (c->odd_starts && a.pages % 2) {
		int contents = o.alloc(), blank = o.alloc();
		o.object(contents, "<</Length 0>>\nstream\n\nendstream");
		std::string mb;
		unparse_into(in, fresh(pages.back().getMediaBox()), mb);
		o.object(blank, "<</Contents " + ref_text(contents) + "\n/MediaBox " + mb + "\n/Parent " + ref_text(a.pages_num) +
		                       "\n/Resources <<>>\n/Type /Page\n>>");
		a.kids.push_back(blank);
		a.labels.push_back(std::to_string(a.pages));
		a.labels.push_back("<</S /D\n/St " + std::to_string(a.pages + 1) + "\n>>");
		a.pages++;
	}
	if (o.err)
		throw Failure(-CD_EXIT_NOWRITE, strerror(o.err));
	return (int)pages.size();
}

std::string joined(std::vector<int> const &v)
{
	std::string t = "[";
	for (size_t i = 0; i < v.size(); i++)
		t += (i ? " " : "") + ref_text(v[i]);
	return t + "]";
}

// The objects that tie the inputs together, then the cross-reference table and the trailer.
void stream_end(Streamed &a, Out &o)
{
	o.object(a.pages_num, "<</Count " + std::to_string(a.kids.size()) + "\n/Kids " + joined(a.kids) + "\n/Type /Pages\n>>");
	int ptree = o.alloc();
	std::string nums = "[";
	for (size_t i = 0; i < a.nums.size(); i++)
		nums += (i ? " " : "") + std::to_string(a.nums[i].first) + " " + (a.nums[i].second ? ref_text(a.nums[i].second) : "null");
	o.object(ptree, "<</Nums " + nums + "]\n>>");
	o.object(a.root_num, "<</K " + joined(a.docs) + "\n/ParentTree " + ref_text(ptree) + "\n/ParentTreeNextKey " +
	                             std::to_string(a.next_key) + "\n/Type /StructTreeRoot\n>>");
	for (size_t i = 0; i < a.entries.size(); i++) {
		auto const &e = a.entries[i];
		std::string t = "<</Dest [" + ref_text(e.page) + " /Fit]\n/Parent " + ref_text(a.outline_num) + "\n/Title " + e.title;
		if (i)
			t += "\n/Prev " + ref_text(a.entries[i - 1].num);
		if (i + 1 < a.entries.size())
			t += "\n/Next " + ref_text(a.entries[i + 1].num);
		if (e.count)
			t += "\n/First " + ref_text(e.first) + "\n/Last " + ref_text(e.last) + "\n/Count " + std::to_string(e.count);
		o.object(e.num, t + "\n>>");
	}
	o.object(a.outline_num, "<</Count " + std::to_string(a.entries.size()) + "\n/First " + ref_text(a.entries.front().num) +
	                                "\n/Last " + ref_text(a.entries.back().num) + "\n/Type /Outlines\n>>");
	std::string cat = "<</MarkInfo <</Marked true>>\n/Outlines " + ref_text(a.outline_num) + "\n/Pages " + ref_text(a.pages_num) +
	                  "\n/StructTreeRoot " + ref_text(a.root_num) + "\n/Type /Catalog\n";
	if (!a.lang.empty())
		cat += "/Lang " + a.lang + "\n";
	if (!a.prefs.empty())
		cat += "/ViewerPreferences " + a.prefs + "\n";
	if (!a.metadata.empty())
		cat += "/Metadata " + a.metadata + "\n";
	if (!a.labels.empty()) {
		cat += "/PageLabels <</Nums [";
		for (size_t i = 0; i < a.labels.size(); i++)
			cat += (i ? " " : "") + a.labels[i];
		cat += "]>>\n";
	}
	if (!a.dests.empty()) {
		std::stable_sort(a.dests.begin(), a.dests.end(),
		                 [](std::pair<std::string, int> const &x, std::pair<std::string, int> const &y) { return x.first < y.first; });
		int dn = o.alloc();
		std::string t = "<</Names [";
		for (size_t i = 0; i < a.dests.size(); i++)
			t += (i ? " " : "") + OH::newUnicodeString(a.dests[i].first).unparse() + " " + ref_text(a.dests[i].second);
		o.object(dn, t + "]\n>>");
		cat += "/Names <</Dests " + ref_text(dn) + ">>\n";
	}
	int catalog = o.alloc();
	o.object(catalog, cat + ">>");
	int info = 0;
	if (!a.info.empty()) {
		info = o.alloc();
		o.object(info, a.info);
	}
	end_file(o, catalog, info);
}

// An input's version, from its header line: "%PDF-M.N" in its first 1024 bytes, where libqpdf
// looks for it too. A file with no such line is opened by libqpdf, which says what is wrong.
PDFVersion input_version(const char *path)
{
	char head[1025] = "";
	size_t n = 0;
	if (FILE *fp = fopen(path, "rb")) {
		n = fread(head, 1, sizeof head - 1, fp);
		fclose(fp);
	}
	head[n] = '\0';
	for (size_t i = 0; i + 8 <= n; i++) {
		if (memcmp(head + i, "%PDF-", 5) != 0)
			continue;
		const char *v = head + i + 5;
		if (!g_ascii_isdigit(v[0]) || v[1] != '.' || !g_ascii_isdigit(v[2]))
			break;
		int major = v[0] - '0', minor = 0;
		for (const char *d = v + 2; g_ascii_isdigit(*d) && minor < 100; d++)
			minor = minor * 10 + (*d - '0');
		return PDFVersion(major, minor);
	}
	QPDF q;
	q.setSuppressWarnings(true);
	q.processFile(path);
	return q.getVersionAsPDFVersion();
}

int stream_concat(cd_pdf_concat const *c, int *counts, FILE *out)
{
	Out o;
	o.fp = out;
	std::unique_ptr<GChecksum, decltype(&g_checksum_free)> md5(g_checksum_new(G_CHECKSUM_MD5), g_checksum_free);
	o.md5 = md5.get();
	Streamed a;
	a.pages_num = o.alloc();
	a.root_num = o.alloc();
	a.outline_num = o.alloc();
	// the header says the highest version of the inputs: known only at the end, so each input's
	// version is read first (a header is a fixed line at the start of the file)
	for (size_t i = 0; i < c->n_inputs; i++) {
		try {
			PDFVersion v = input_version(c->inputs[i]);
			if (a.version < v)
				a.version = v;
		} catch (QPDFExc const &e) {
			throw Failure(-CD_EXIT_NOREAD, std::string("cannot read '") + c->inputs[i] + "': " + e.what());
		}
	}
	std::string v;
	int ext = 0;
	a.version.getVersion(v, ext);
	o.put("%PDF-" + v + "\n%\xbf\xf7\xa2\xfe\n");
	for (size_t i = 0; i < c->n_inputs; i++) {
		int n;
		try {
			n = stream_input(a, o, c->inputs[i], c, i);
		} catch (QPDFExc const &e) {
			throw Failure(-CD_EXIT_NOREAD, std::string("cannot read '") + c->inputs[i] + "': " + e.what());
		}
		if (counts)
			counts[i] = n;
	}
	stream_end(a, o);
	return 0;
}

} // namespace

extern "C" int cd_pdf_concat_write(const cd_pdf_concat *c, int *pages, FILE *out)
{
	try {
		if (!c->encrypt && !(c->password && *c->password) && c->n_inputs)
			return stream_concat(c, pages, out);
		return concat(c, pages, out);
	} catch (Failure const &e) {
		if (e.code == -CD_EXIT_NOWRITE)
			return cd_fail(e.code, "cannot write '%s': %s", c->path, e.what());
		if (e.code == -CD_EXIT_NOREAD)
			return cd_fail(e.code, "%s", e.what());
		return cd_fail(e.code, "cannot assemble '%s': %s", c->path, e.what());
	} catch (QPDFExc const &e) {
		return cd_fail(-CD_EXIT_INTERNAL, "cannot assemble '%s': %s", c->path, e.what());
	} catch (std::bad_alloc const &) {
		return cd_fail(-CD_EXIT_NOWRITE, "cannot write '%s': out of memory", c->path);
	} catch (std::exception const &e) {
		return cd_fail(-CD_EXIT_INTERNAL, "cannot assemble '%s': %s", c->path, e.what());
	}
}

