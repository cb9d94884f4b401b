// pdf-concat.cc - several finished PDFs in one file, with libqpdf (cd_pdf_concat_write in
// pdf-finish.h): the queue's print.pdf, made from its items' own PDFs.
#include <algorithm>
#include <memory>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <glib.h>
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
#include "writers/qpdf-out.hh"

namespace {

using cd_qpdf::Failure;
using cd_qpdf::FilePipe;
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

// Appends one input: its pages (then a blank one when asked), structure, labels, destinations
// and outline. Returns its page count.
int append_input(Assembly &a, const char *path, cd_pdf_concat const *c, size_t index)
{
	QPDF src;
	src.setSuppressWarnings(true);
	// read whole: libqpdf reads a file object by object with a seek each, several times slower
	auto bytes = std::make_unique<std::string>();
	gchar *data = nullptr;
	gsize len = 0;
	GError *err = nullptr;
	if (!g_file_get_contents(path, &data, &len, &err)) {
		std::string why = err->message;
		g_error_free(err);
		throw Failure(-CD_EXIT_NOREAD, why);
	}
	bytes->assign(data, len);
	g_free(data);
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

} // namespace

extern "C" int cd_pdf_concat_write(const cd_pdf_concat *c, int *pages, FILE *out)
{
	try {
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

