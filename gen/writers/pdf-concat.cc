// pdf-concat.cc - several finished PDFs in one file, with libqpdf (cd_pdf_concat_write in
// pdf-finish.h): the queue's print.pdf, made from its items' own PDFs.
#include <algorithm>
#include <memory>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>
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
	PDFVersion version = src.getVersionAsPDFVersion(); // each call compiles a regular expression
	if (a.version < version)
		a.version = version;
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
// are), then freed. What the end needs of each page or input (the objects' offsets, the pages',
// Documents' and ParentTree's numbers, labels, names, the outline's top entries) is written to
// scratch files as it comes and read back at the end, so the memory taken does not grow with
// the number of items (one input's objects at a time, and a few fixed buffers: about the same
// for 10 items or 10,000). The output is the same document as the assembly above writes.
// One input's objects (qpdf-stream.hh): an object libqpdf has changed (a page, a link) is
// written from libqpdf's text; any other is copied as its bytes are.
typedef cd_qpdf::RawInput Input;

// A scratch file in `dir` that has no name (O_TMPFILE; else one removed as soon as it is made),
// for what the assembly would otherwise keep in memory for each page or item until the end.
int scratch_fd(std::string const &dir)
{
	int fd = open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		std::string t = dir + "/.print-XXXXXX";
		fd = mkostemp(&t[0], O_CLOEXEC);
		if (fd >= 0)
			unlink(t.c_str());
	}
	if (fd < 0)
		throw Failure(-CD_EXIT_NOWRITE, std::string("cannot make a scratch file: ") + strerror(errno));
	return fd;
}

[[noreturn]] void scratch_failed()
{
	throw Failure(-CD_EXIT_NOWRITE, std::string("a scratch file: ") + strerror(errno ? errno : EIO));
}

// Pieces of text (or records) appended one after the other, read back or copied into the
// output at the end.
struct Spool {
	FILE *fp;
	size_t n = 0; // pieces added
	explicit Spool(std::string const &dir)
	{
		int fd = scratch_fd(dir);
		fp = fdopen(fd, "w+b");
		if (!fp) {
			close(fd);
			scratch_failed();
		}
	}
	~Spool() { fclose(fp); }
	Spool(Spool const &) = delete;
	Spool &operator=(Spool const &) = delete;
	void write(const void *p, size_t len)
	{
		if (len && fwrite(p, 1, len, fp) != len)
			scratch_failed();
	}
	// A piece of a list the output writes with a space between pieces.
	void add(std::string const &t)
	{
		if (n++)
			write(" ", 1);
		write(t.data(), t.size());
	}
	void read(void *p, size_t len)
	{
		if (len && fread(p, 1, len, fp) != len)
			scratch_failed();
	}
	// Back to the start (or to `at`), to read what was written.
	void seek(off_t at = 0)
	{
		if (fflush(fp) != 0 || fseeko(fp, at, SEEK_SET) != 0)
			scratch_failed();
	}
	// Everything written, into the output.
	void copy_to(Out &o)
	{
		seek();
		std::vector<char> buf(65536);
		size_t k;
		while ((k = fread(buf.data(), 1, buf.size(), fp)) > 0)
			o.put(buf.data(), k);
		if (ferror(fp))
			scratch_failed();
	}
};

// The output's object offsets in a scratch file, 8 bytes each by number, a few blocks of them
// in memory: an input's objects have numbers close together, so nearly every offset set or read
// is in a block held.
struct OffsetFile : cd_qpdf::OffsetStore {
	static constexpr size_t per_block = 8192;
	struct Block {
		size_t index = SIZE_MAX;
		bool dirty = false;
		unsigned long long used = 0;
		std::vector<unsigned long long> at;
	};
	int fd;
	Block blocks[4];
	unsigned long long clock = 0;
	explicit OffsetFile(std::string const &dir) : fd(scratch_fd(dir)) {}
	~OffsetFile() override { close(fd); }
	OffsetFile(OffsetFile const &) = delete;
	OffsetFile &operator=(OffsetFile const &) = delete;
	Block &block(size_t index)
	{
		Block *b = &blocks[0];
		for (auto &k : blocks) {
			if (k.index == index) {
				k.used = ++clock;
				return k;
			}
			if (k.used < b->used)
				b = &k;
		}
		size_t bytes = per_block * sizeof(unsigned long long);
		if (b->dirty && pwrite(fd, b->at.data(), bytes, (off_t)(b->index * bytes)) != (ssize_t)bytes)
			scratch_failed();
		b->at.assign(per_block, 0);
		// a block not written yet reads short (or as zeros): its offsets are set later
		if (pread(fd, b->at.data(), bytes, (off_t)(index * bytes)) < 0)
			scratch_failed();
		b->index = index;
		b->dirty = false;
		b->used = ++clock;
		return *b;
	}
	void set(size_t num, unsigned long long at) override
	{
		Block &b = block(num / per_block);
		b.at[num % per_block] = at;
		b.dirty = true;
	}
	unsigned long long get(size_t num) override { return block(num / per_block).at[num % per_block]; }
};

// What the streamed inputs add up to, kept until the end: in scratch files, so that the
// assembly's memory does not grow with the number of items or pages of the date.
struct Streamed {
	int pages_num, root_num, outline_num;
	Spool kids, docs, nums, labels; // the /Kids, /K, ParentTree's /Nums and /PageLabels /Nums, as text
	int last_kid = 0;
	long long next_key = 0;
	// named destinations: the first input's here; the others' in `dests` (each a name's length,
	// the name and its object number), input i's `dests_at[i - 1]` records (its offset and count)
	std::vector<std::pair<std::string, int>> first_dests;
	Spool dests, dests_at;
	size_t n_dests = 0;
	// the outline's top entries (an Entry then its title)
	struct Entry { int num, first = 0, last = 0, count = 0, page, title_len = 0; };
	Spool entries;
	int first_entry = 0, last_entry = 0;
	int pages = 0;
	PDFVersion version{1, 3};
	std::string lang, prefs, metadata, info;      // of the first input, as text
	explicit Streamed(std::string const &dir)
	    : kids(dir), docs(dir), nums(dir), labels(dir), dests(dir), dests_at(dir), entries(dir) {}
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
			a.docs.add(ref_text(in.ref(d)));
		} else {
			int n = in.o.alloc();
			in.o.object(n, body_of(in, d, {{"/P", ref_text(a.root_num)}}));
			a.docs.add(ref_text(n));
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
			a.nums.add(std::to_string(e.first + offset) + " " + (n ? ref_text(n) : "null"));
			top = std::max(top, (long long)e.first);
		}
		long long next = sroot.getKey("/ParentTreeNextKey").isInteger() ? sroot.getKey("/ParentTreeNextKey").getIntValue() : 0;
		a.next_key = offset + std::max(next, top + 1);
	}
}

// One page of an input, its /Parent the output's page tree, its keys into the ParentTree and
// its links' destinations shifted and renamed. Returns its number in the output.
int stream_page(Streamed &a, Input &in, OH page, std::string const &prefix, long long offset)
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
	int n = in.ref(page);
	a.kids.add(ref_text(n));
	return n;
}

// A named destination of input `index` (its object `n`) for the output's names: the first
// input's kept aside, the others' in the scratch file (`at`: this input's offset and count there).
void add_dest(Streamed &a, size_t index, std::string const &prefix, std::string const &name, int n, uint64_t at[2])
{
	a.n_dests++;
	if (index == 0) {
		a.first_dests.emplace_back(name, n);
		return;
	}
	std::string full = prefix + name;
	uint32_t len = (uint32_t)full.size();
	a.dests.write(&len, sizeof len);
	a.dests.write(full.data(), full.size());
	a.dests.write(&n, sizeof n);
	at[1]++;
}

// The input's names all added (`at` says where and how many): its outline entry, its first
// page `first_page`, given its number.
Streamed::Entry end_dests(Streamed &a, Out &o, size_t index, uint64_t const at[2], int first_page)
{
	if (index)
		a.dests_at.write(at, 2 * sizeof at[0]);
	Streamed::Entry e;
	e.num = o.alloc();
	e.page = first_page;
	return e;
}

// The end of an input of `n_pages` pages: its outline entry `e` (titled `title`), then a blank
// page when the next input would start on an even one (as large as `media_box()`, the last
// page's /MediaBox as text). Returns `n_pages`.
int end_input(Streamed &a, Out &o, cd_pdf_concat const *c, Streamed::Entry e, std::string const &title, int n_pages,
              std::function<std::string()> const &media_box)
{
	e.title_len = (int)title.size();
	a.entries.write(&e, sizeof e);
	a.entries.write(title.data(), title.size());
	a.entries.n++;
	if (!a.first_entry)
		a.first_entry = e.num;
	a.last_entry = e.num;
	a.pages += n_pages;
	if (c->odd_starts && a.pages % 2) {
		int contents = o.alloc(), blank = o.alloc();
		o.object(contents, "<</Length 0>>\nstream\n\nendstream");
		o.object(blank, "<</Contents " + ref_text(contents) + "\n/MediaBox " + media_box() + "\n/Parent " +
		                        ref_text(a.pages_num) + "\n/Resources <<>>\n/Type /Page\n>>");
		a.kids.add(ref_text(blank));
		a.labels.add(std::to_string(a.pages));
		a.labels.add("<</S /D\n/St " + std::to_string(a.pages + 1) + "\n>>");
		a.pages++;
	}
	if (o.err)
		throw Failure(-CD_EXIT_NOWRITE, strerror(o.err));
	return n_pages;
}

int stream_input(Streamed &a, Out &o, const char *path, cd_pdf_concat const *c, size_t index)
{
	QPDF src;
	src.setSuppressWarnings(true);
	gsize len = 0;
	Bytes data = read_whole(path, &len);
	src.processMemoryFile(path, data.get(), len, nullptr);
	// the version is not asked of libqpdf here: stream_concat has read it from the header already
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
		int n = stream_page(a, in, p.getObjectHandle(), prefix, offset);
		if (!first_page)
			first_page = n;
	}
	stream_structure(a, in, src, offset);
	std::vector<OH> labels;
	QPDFPageLabelDocumentHelper(src).getLabelsForPageRange(0, (long long)pages.size() - 1, a.pages, labels);
	for (auto &l : labels)
		a.labels.add(fresh(l).unparse());
	OH names = src.getRoot().getKey("/Names");
	uint64_t at[2] = { (uint64_t)ftello(a.dests.fp), 0 }; // this input's names: where, how many
	if (names.isDictionary() && names.getKey("/Dests").isDictionary()) {
		QPDFNameTreeObjectHelper nt(names.getKey("/Dests"), src);
		for (auto e : nt.getAsMap()) {
			int n = e.second.isIndirect() ? in.ref(e.second) : o.alloc();
			if (!e.second.isIndirect())
				o.object(n, body_of(in, e.second));
			add_dest(a, index, prefix, e.first, n, at);
		}
	}
	// the outline: an entry with the input's title, its own outline below it
	Streamed::Entry e = end_dests(a, o, index, at, first_page);
	OH info = src.getTrailer().getKey("/Info");
	std::string title = info.isDictionary() && info.getKey("/Title").isString()
	                        ? OH::newString(info.getKey("/Title").getStringValue()).unparse()
	                        : OH::newUnicodeString(path).unparse();
	OH ol = src.getRoot().getKey("/Outlines");
	int kids = ol.isDictionary() ? stream_outline(in, ol.getKey("/First"), e.num, prefix, 0, e.first, e.last) : 0;
	e.count = kids ? -kids : 0;
	drain(in);
	return end_input(a, o, c, e, title, (int)pages.size(), [&] {
		std::string mb;
		unparse_into(in, fresh(pages.back().getMediaBox()), mb);
		return mb;
	});
}

// ------------------------------------------------------------------ an item read as it is

// An input in the shape the finishing pass writes (pdf-finish.cc) is read with pdf-raw.hh, not
// libqpdf, whose parse of the file costs more than the whole copy: one cross-reference table, a
// page tree of one node whose pages hold their own attributes and no annotations, a structure
// tree whose ParentTree is one /Nums array, its named destinations in one /Names array, its page
// labels an empty /Nums. What it writes is what stream_input writes of the same file, byte for
// byte: the same objects, numbered in the same order, the changed ones (the pages) in libqpdf's
// text. Any other input is left to stream_input.
using cd_pdfraw::Value;

// A scalar as libqpdf writes it (QPDFObjectHandle::unparse): a plain one (a number, a name of
// regular characters, a string of printable ones) as it is, any other as libqpdf makes it.
std::string scalar_text(std::string const &t)
{
	auto plain = [&t] {
		char c = t[0];
		if (c == '(' && t.size() >= 2 && t.back() == ')') {
			for (size_t i = 1; i + 1 < t.size(); i++)
				if (t[i] < 0x20 || t[i] > 0x7e || t[i] == '\\' || t[i] == '(' || t[i] == ')')
					return false;
			return true;
		}
		if (c == '/') {
			for (size_t i = 1; i < t.size(); i++)
				if (t[i] < 0x21 || t[i] > 0x7e || t[i] == '#')
					return false;
			return true;
		}
		if (t == "true" || t == "false" || t == "null")
			return true;
		// a real as it is (libqpdf keeps its text); an integer without a sign, or with a minus,
		// and no leading zero
		size_t i = c == '-', digits = 0, dots = 0;
		for (size_t k = i; k < t.size(); k++) {
			if (t[k] == '.')
				dots++;
			else if (t[k] >= '0' && t[k] <= '9')
				digits++;
			else
				return false;
		}
		if (!digits || dots > 1 || digits > 18)
			return false;
		return dots || ((t[i] != '0' || t.size() == i + 1) && t != "-0");
	};
	return plain() ? t : OH::parse(t).unparseResolved();
}

// A name as its characters are ("/A#20B" is "/A B").
std::string name_of(std::string const &t)
{
	return t.find('#') == std::string::npos ? t : OH::parse(t).getName();
}

// An input file and its cross-reference table.
struct Item {
	const char *buf;
	size_t size;
	std::vector<size_t> at;
	std::vector<int> gens;
	Value trailer;
	bool exists(Value const &r) const
	{
		return r.num > 0 && (size_t)r.num < at.size() && at[(size_t)r.num] && gens[(size_t)r.num] == r.gen;
	}
	// `v` is what `r` refers to (a stream: its dictionary, and `*stream` set), or `r` itself when
	// it is no reference. False when it cannot be read.
	bool get(Value const &r, Value &v, bool *stream = nullptr) const
	{
		bool st = false;
		if (r.kind != Value::ref)
			v = r;
		else if (!exists(r) || !cd_pdfraw::read_object(buf, size, at[(size_t)r.num], r.num, r.gen, v, &st))
			return false;
		if (stream)
			*stream = st;
		return true;
	}
	// get(), for a dictionary (not a stream's) that must be there: false when it is not.
	bool dict(Value const *r, Value &v) const
	{
		bool stream;
		return r && get(*r, v, &stream) && v.kind == Value::dict && !stream;
	}
};

QPDFObjGen og_of(Value const &r)
{
	return QPDFObjGen(r.num, r.gen);
}

// An outline item and its children, as stream_outline reads them.
struct Outline {
	Value it;
	QPDFObjGen og;
	std::vector<Outline> kids;
};

// What an input adds to the output, all read before any of it is written.
struct Loaded {
	Value catalog;
	QPDFObjGen pages_og;
	std::vector<std::pair<QPDFObjGen, Value>> pages;
	bool structure = false;
	QPDFObjGen root_og;
	std::vector<Value> docs; // the Documents: references, or dictionaries written in place
	bool has_parent_tree = false;
	std::map<long long, Value> parent_tree;
	std::map<long long, bool> parent_tree_indirect; // a value that is a reference to an array or dictionary
	long long next_key = 0;
	std::map<std::string, Value> dests;
	std::vector<Outline> outline;
	bool has_info = false;
	Value info;
};

// The outline items from `first` on, as stream_outline walks them; false when one is not of the
// shape read here.
bool load_outline(Item const &item, Value const *first, int depth, std::vector<Outline> &out)
{
	std::set<QPDFObjGen> seen;
	for (Value const *r = first; r && depth < 32;) {
		Outline o;
		if (!item.get(*r, o.it))
			return false;
		if (o.it.kind != Value::dict)
			break;
		if (r->kind == Value::ref) {
			o.og = og_of(*r);
			if (!seen.insert(o.og).second)
				break; // a loop
		} else {
			return false;
		}
		for (const char *k : {"/Title", "/Dest", "/Count"})
			if (Value const *v = o.it.get(k); v && v->kind == Value::ref)
				return false; // read here only when written in place
		out.push_back(std::move(o));
		r = out.back().it.get("/Next");
	}
	for (auto &o : out)
		if (!load_outline(item, o.it.get("/First"), depth + 1, o.kids))
			return false;
	return true;
}

// Reads what stream_item needs of `item`: false when it is not of the shape read here.
bool load(Item const &item, Loaded &l)
{
	Value const *pr;
	if (!item.dict(item.trailer.get("/Root"), l.catalog) || !(pr = l.catalog.get("/Pages")) || pr->kind != Value::ref)
		return false;
	// the pages: the one node's kids, each once, with their own attributes and no annotations
	Value root;
	Value const *kids, *count;
	long long n;
	if (!item.dict(pr, root) || !(kids = root.get("/Kids")) || kids->kind != Value::array || !(count = root.get("/Count")) ||
	    !count->is_int(n) || n != (long long)kids->items.size() || n == 0)
		return false;
	for (const char *k : {"/Resources", "/MediaBox", "/CropBox", "/Rotate"})
		if (root.get(k))
			return false;
	l.pages_og = og_of(*pr);
	std::set<QPDFObjGen> seen;
	for (auto const &k : kids->items) {
		Value p;
		Value const *t, *parent, *mb, *sp;
		long long v;
		if (k.kind != Value::ref || !seen.insert(og_of(k)).second || !item.dict(&k, p) || !(t = p.get("/Type")) ||
		    !t->is_name("/Page") || !(parent = p.get("/Parent")) || parent->kind != Value::ref ||
		    og_of(*parent) != l.pages_og || p.get("/Annots") || !(mb = p.get("/MediaBox")) || mb->kind != Value::array ||
		    ((sp = p.get("/StructParents")) && !sp->is_int(v)))
			return false;
		for (auto const &x : mb->items)
			if (x.kind != Value::scalar)
				return false;
		l.pages.emplace_back(og_of(k), std::move(p));
	}
	// the structure tree: its Documents and its ParentTree
	if (Value const *sr = l.catalog.get("/StructTreeRoot")) {
		Value sroot, k, pt;
		Value const *nums, *next;
		if (sr->kind != Value::ref || !item.dict(sr, sroot))
			return false;
		l.structure = true;
		l.root_og = og_of(*sr);
		if (Value const *kr = sroot.get("/K")) {
			if (!item.get(*kr, k))
				return false;
			std::vector<Value> docs;
			if (k.kind == Value::array && kr->kind == Value::array)
				docs = k.items;
			else if (k.kind == Value::dict)
				docs.push_back(*kr);
			else if (k.kind == Value::array)
				return false; // an array of its own
			for (auto const &d : docs) {
				Value dv;
				if (d.kind == Value::ref && !item.dict(&d, dv))
					return false;
				if (d.kind == Value::ref || d.kind == Value::dict)
					l.docs.push_back(d); // anything else is passed over
			}
		}
		if (Value const *ptr = sroot.get("/ParentTree")) {
			if (!item.dict(ptr, pt) || pt.get("/Kids"))
				return false;
			l.has_parent_tree = true;
			if ((nums = pt.get("/Nums")) && (nums->kind != Value::array || nums->items.size() % 2))
				return false;
			long long last = LLONG_MIN;
			for (size_t i = 0; nums && i < nums->items.size(); i += 2) {
				Value const &v = nums->items[i + 1];
				Value target;
				bool st;
				if (!nums->items[i].is_int(n) || n <= last)
					return false;
				last = n;
				if (v.kind == Value::ref && (!item.get(v, target, &st) || st))
					return false;
				l.parent_tree_indirect[n] = v.kind == Value::ref && (target.kind == Value::array || target.kind == Value::dict);
				l.parent_tree.emplace(n, v);
			}
		}
		if ((next = sroot.get("/ParentTreeNextKey")) && next->kind == Value::ref)
			return false;
		if (!next || !next->is_int(l.next_key))
			l.next_key = 0;
	}
	// page labels: an empty /Nums (libqpdf's getLabelsForPageRange reads no other without it)
	Value pl;
	Value const *pln;
	if (!item.dict(l.catalog.get("/PageLabels"), pl) || pl.get("/Kids") || !(pln = pl.get("/Nums")) ||
	    pln->kind != Value::array || !pln->items.empty())
		return false;
	// named destinations
	if (Value const *nr = l.catalog.get("/Names")) {
		Value names, dests;
		Value const *arr;
		if (!item.dict(nr, names))
			return false;
		if (Value const *dr = names.get("/Dests")) {
			if (!item.dict(dr, dests) || dests.get("/Kids"))
				return false;
			if ((arr = dests.get("/Names")) && (arr->kind != Value::array || arr->items.size() % 2))
				return false;
			for (size_t i = 0; arr && i < arr->items.size(); i += 2) {
				Value const &key = arr->items[i];
				if (!key.is_string())
					return false;
				std::string t = key.text;
				bool plain = t[0] == '(' && scalar_text(t) == t;
				l.dests.emplace(plain ? t.substr(1, t.size() - 2) : OH::parse(t).getUTF8Value(), arr->items[i + 1]);
			}
		}
	}
	// the outline
	if (Value const *olr = l.catalog.get("/Outlines")) {
		Value ol;
		if (!item.dict(olr, ol) || !load_outline(item, ol.get("/First"), 0, l.outline))
			return false;
	}
	// /Info's strings
	if (Value const *ir = item.trailer.get("/Info")) {
		if (!item.dict(ir, l.info))
			return false;
		for (auto const &kv : l.info.keys)
			if (kv.second.kind == Value::ref)
				return false;
		l.has_info = true;
	}
	// the first input's catalog entries that go in the output's
	for (const char *k : {"/Lang", "/ViewerPreferences"})
		if (Value const *v = l.catalog.get(k))
			if (v->kind == Value::ref)
				return false;
	return true;
}

// An item's objects in the output: their numbers and the ones still to write, as cd_qpdf::Input
// keeps them, by object number.
struct ItemOut {
	Out &o;
	Item const &item;
	std::map<QPDFObjGen, int> num, fixed;
	std::vector<std::pair<QPDFObjGen, int>> todo;
	std::map<QPDFObjGen, std::pair<Value const *, std::map<std::string, std::string>>> own; // pages, and their keys written otherwise
	std::string body;
	int ref(QPDFObjGen og)
	{
		auto f = fixed.find(og);
		if (f != fixed.end())
			return f->second;
		auto it = num.find(og);
		if (it != num.end())
			return it->second;
		int n = o.alloc();
		num.emplace(og, n);
		todo.emplace_back(og, n);
		return n;
	}
};

void dict_text(ItemOut &in, Value const &d, std::string &t, std::map<std::string, std::string> const &over = {});

// A value as libqpdf's text writes it (unparse_into): a reference by its new number.
void value_text(ItemOut &in, Value const &v, std::string &t)
{
	switch (v.kind) {
	case Value::ref:
		cd_qpdf::put_ref(t, in.ref(og_of(v)));
		break;
	case Value::array:
		t += '[';
		for (size_t i = 0; i < v.items.size(); i++) {
			if (i)
				t += ' ';
			value_text(in, v.items[i], t);
		}
		t += ']';
		break;
	case Value::dict:
		dict_text(in, v, t);
		break;
	case Value::scalar:
		t += scalar_text(v.text);
		break;
	}
}

// A dictionary as unparse_dict writes it: its keys in order, the last of a key written twice, a
// null left out, `over`'s keys written as it says.
void dict_text(ItemOut &in, Value const &d, std::string &t, std::map<std::string, std::string> const &over)
{
	std::map<std::string, Value const *> items;
	for (auto const &kv : d.keys)
		items[name_of(kv.first)] = &kv.second;
	for (auto const &k : over)
		items.emplace(k.first, nullptr);
	t += "<<";
	for (auto const &kv : items) {
		auto ov = over.find(kv.first);
		if (ov != over.end() ? ov->second.empty() : kv.second->is_null())
			continue;
		cd_qpdf::put_name(kv.first, t);
		t += ' ';
		if (ov != over.end())
			t += ov->second;
		else
			value_text(in, *kv.second, t);
		t += '\n';
	}
	t += ">>";
}

// An object's body as body_of writes a value written in place.
std::string body_text(ItemOut &in, Value const &v)
{
	std::string t;
	value_text(in, v, t);
	return t;
}

// Writes every object the item's written objects refer to: a page from its text, any other
// object as its bytes are (pdf-raw.hh), one not in the file as null.
void drain_item(ItemOut &in, const char *path)
{
	auto renumber = [&in](int num, int gen) { return in.ref(QPDFObjGen(num, gen)); };
	while (!in.todo.empty()) {
		auto next = in.todo.back();
		in.todo.pop_back();
		auto own = in.own.find(next.first);
		if (own != in.own.end()) {
			in.body.clear();
			dict_text(in, *own->second.first, in.body, own->second.second);
			in.o.object(next.second, in.body);
			continue;
		}
		Value r;
		r.kind = Value::ref;
		r.num = next.first.getObj();
		r.gen = next.first.getGen();
		if (!in.item.exists(r)) {
			in.o.object(next.second, "null");
			continue;
		}
		const char *data = nullptr;
		size_t len = 0;
		if (!cd_pdfraw::copy_object(in.item.buf, in.item.size, in.item.at[(size_t)r.num], r.num, r.gen, renumber, in.body,
		                            &data, &len))
			throw Failure(-CD_EXIT_NOREAD, std::string("cannot read '") + path + "': object " + std::to_string(r.num) +
			                                       " is not well formed");
		in.o.object_raw(next.second, in.body, data, len);
	}
}

// The outline items `items` under `parent` (stream_outline's text and numbers); returns how many
// are visible when the parent is open.
int item_outline(ItemOut &in, std::vector<Outline> const &items, int parent, std::string const &prefix, int &first_num,
                 int &last_num)
{
	std::vector<int> nums;
	for (size_t i = 0; i < items.size(); i++)
		nums.push_back(in.o.alloc());
	int count = 0;
	for (size_t i = 0; i < items.size(); i++) {
		Value const &it = items[i].it;
		int kf = 0, kl = 0;
		int kids = item_outline(in, items[i].kids, nums[i], prefix, kf, kl);
		std::string t = "<<";
		Value const *title = it.get("/Title");
		t += "/Title " + (title && title->is_string() ? scalar_text(title->text) : OH::newUnicodeString("").unparse());
		t += "\n/Parent " + ref_text(parent);
		Value const *d = it.get("/Dest");
		if (d && d->kind == Value::scalar && (d->is_string() || d->text[0] == '/'))
			t += "\n/Dest " + OH::newUnicodeString(renamed(prefix, OH::parse(d->text))).unparse();
		else if (d && d->kind == Value::array) {
			t += "\n/Dest ";
			value_text(in, *d, t);
		}
		if (i)
			t += "\n/Prev " + ref_text(nums[i - 1]);
		if (i + 1 < items.size())
			t += "\n/Next " + ref_text(nums[i + 1]);
		if (kids) {
			long long c = 0;
			Value const *cv = it.get("/Count");
			bool open = cv && cv->is_int(c) && c > 0;
			t += "\n/First " + ref_text(kf) + "\n/Last " + ref_text(kl) + "\n/Count " + std::to_string(open ? kids : -kids);
			if (open)
				count += kids;
		}
		t += "\n>>";
		in.o.object(nums[i], t);
		count++;
	}
	if (!items.empty()) {
		first_num = nums.front();
		last_num = nums.back();
	}
	return count;
}

// Input `index` (`path`) read as it is: its page count, or -1 when it is not of the shape read
// here (then nothing of it is written).
int stream_item(Streamed &a, Out &o, const char *path, cd_pdf_concat const *c, size_t index)
{
	gsize len = 0;
	Bytes data = read_whole(path, &len);
	Item item{ data.get(), len, {}, {}, {} };
	Loaded l;
	if (!cd_pdfraw::read_xref(item.buf, item.size, item.at, item.gens, item.trailer) || !load(item, l))
		return -1;
	ItemOut in{ o, item, {}, {}, {}, {}, {} };
	in.fixed[l.pages_og] = a.pages_num;
	std::string prefix = index ? "d" + std::to_string(index + 1) + "/" : "";
	if (index == 0) { // the first input's catalog and /Info metadata (stream_metadata)
		Value const *v;
		bool stream;
		if ((v = l.catalog.get("/Lang")) && !v->is_null())
			value_text(in, *v, a.lang);
		if ((v = l.catalog.get("/ViewerPreferences")) && !v->is_null())
			value_text(in, *v, a.prefs);
		Value md;
		if ((v = l.catalog.get("/Metadata")) && v->kind == Value::ref && item.get(*v, md, &stream) && stream)
			value_text(in, *v, a.metadata);
		if (l.has_info) {
			std::map<std::string, std::string> strings;
			for (auto const &kv : l.info.keys)
				if (kv.second.is_string())
					strings[name_of(kv.first)] = scalar_text(kv.second.text);
			a.info = "<<";
			for (auto const &kv : strings)
				a.info += OH::newName(kv.first).unparse() + " " + kv.second + "\n";
			a.info += ">>";
		}
	}
	long long offset = a.next_key;
	int first_page = 0;
	for (auto &p : l.pages) { // stream_page
		auto &own = in.own[p.first];
		own.first = &p.second;
		own.second["/Parent"] = ref_text(a.pages_num);
		long long sp;
		if (Value const *v = p.second.get("/StructParents"); v && v->is_int(sp))
			own.second["/StructParents"] = std::to_string(sp + offset);
		int n = in.ref(p.first);
		a.kids.add(ref_text(n));
		if (!first_page)
			first_page = n;
	}
	if (l.structure) { // stream_structure
		in.fixed[l.root_og] = a.root_num;
		for (auto const &d : l.docs) {
			if (d.kind == Value::ref) {
				a.docs.add(ref_text(in.ref(og_of(d))));
			} else {
				int n = o.alloc();
				std::string t;
				dict_text(in, d, t, {{"/P", ref_text(a.root_num)}});
				o.object(n, t);
				a.docs.add(ref_text(n));
			}
		}
		long long top = -1;
		for (auto const &e : l.parent_tree) {
			Value const &v = e.second;
			int n = 0;
			if (l.parent_tree_indirect[e.first]) {
				n = in.ref(og_of(v));
			} else if (v.kind == Value::array || v.kind == Value::dict) {
				n = o.alloc();
				o.object(n, body_text(in, v));
			}
			a.nums.add(std::to_string(e.first + offset) + " " + (n ? ref_text(n) : "null"));
			top = std::max(top, e.first);
		}
		if (l.has_parent_tree)
			a.next_key = offset + std::max(l.next_key, top + 1);
	}
	// getLabelsForPageRange of a file with no labels of its own: the first page's, made
	OH label = OH::newDictionary();
	label.replaceKey("/St", OH::newInteger(a.pages + 1));
	a.labels.add(std::to_string(a.pages));
	a.labels.add(label.unparse());
	uint64_t at[2] = { (uint64_t)ftello(a.dests.fp), 0 };
	for (auto const &e : l.dests) {
		int n = e.second.kind == Value::ref ? in.ref(og_of(e.second)) : o.alloc();
		if (e.second.kind != Value::ref)
			o.object(n, body_text(in, e.second));
		add_dest(a, index, prefix, e.first, n, at);
	}
	Streamed::Entry e = end_dests(a, o, index, at, first_page);
	Value const *title = l.has_info ? l.info.get("/Title") : nullptr;
	std::string t = title && title->is_string() ? scalar_text(title->text) : OH::newUnicodeString(path).unparse();
	int kids = item_outline(in, l.outline, e.num, prefix, e.first, e.last);
	e.count = kids ? -kids : 0;
	drain_item(in, path);
	return end_input(a, o, c, e, t, (int)l.pages.size(), [&] { return body_text(in, *l.pages.back().second.get("/MediaBox")); });
}

// Object `num`: `head`, what `s` holds, `tail`.
void object_around(Out &o, int num, std::string const &head, Spool &s, std::string const &tail)
{
	o.object(num, head, false);
	s.copy_to(o);
	o.put(tail + "\nendobj\n");
}

// The named destinations' object, the names in order as the Names array needs them. Input i's
// names (i from 1) all begin "d<i + 1>/", so theirs come together, inputs in the order of those
// numbers' digits as text ("d10/" before "d2/"); the first input's names, which have no such
// beginning, go among them.
void stream_dests(Streamed &a, Out &o, int num, size_t n_inputs)
{
	std::stable_sort(a.first_dests.begin(), a.first_dests.end(),
	                 [](std::pair<std::string, int> const &x, std::pair<std::string, int> const &y) { return x.first < y.first; });
	o.object(num, "<</Names [", false);
	std::string t;
	size_t k = 0;
	auto put = [&](std::string const &name, int n) {
		if (t.size() >= 65536) {
			o.put(t);
			t.clear();
		}
		t += (k++ ? " " : "") + OH::newUnicodeString(name).unparse() + " " + ref_text(n);
	};
	size_t f = 0;
	std::string name;
	a.dests.seek();
	a.dests_at.seek();
	// 1, 10, 100, 101, ..., 11, ..., 2, ...: the numbers to n_inputs in the order of their digits
	size_t x = 1;
	for (size_t i = 0; i < n_inputs; i++) {
		if (x >= 2) {
			uint64_t at[2];
			if (pread(fileno(a.dests_at.fp), at, sizeof at, (off_t)((x - 2) * sizeof at)) != (ssize_t)sizeof at)
				scratch_failed();
			if (at[1])
				a.dests.seek((off_t)at[0]);
			for (uint64_t j = 0; j < at[1]; j++) {
				uint32_t len;
				int n;
				a.dests.read(&len, sizeof len);
				name.resize(len);
				a.dests.read(&name[0], len);
				a.dests.read(&n, sizeof n);
				for (; f < a.first_dests.size() && !(name < a.first_dests[f].first); f++)
					put(a.first_dests[f].first, a.first_dests[f].second);
				put(name, n);
			}
		}
		if (x * 10 <= n_inputs) {
			x *= 10;
		} else {
			while (x % 10 == 9 || x + 1 > n_inputs)
				x /= 10;
			x++;
		}
	}
	for (; f < a.first_dests.size(); f++)
		put(a.first_dests[f].first, a.first_dests[f].second);
	o.put(t + "]\n>>\nendobj\n");
}

// The outline's top entries, read back one ahead (each names the one after it).
void stream_entries(Streamed &a, Out &o)
{
	a.entries.seek();
	Streamed::Entry e, next;
	std::string title, next_title;
	auto read = [&](Streamed::Entry &r, std::string &tt) {
		a.entries.read(&r, sizeof r);
		tt.resize((size_t)r.title_len);
		a.entries.read(&tt[0], tt.size());
	};
	read(e, title);
	int prev = 0;
	for (size_t i = 0; i < a.entries.n; i++) {
		bool more = i + 1 < a.entries.n;
		if (more)
			read(next, next_title);
		std::string t = "<</Dest [" + ref_text(e.page) + " /Fit]\n/Parent " + ref_text(a.outline_num) + "\n/Title " + title;
		if (i)
			t += "\n/Prev " + ref_text(prev);
		if (more)
			t += "\n/Next " + ref_text(next.num);
		if (e.count)
			t += "\n/First " + ref_text(e.first) + "\n/Last " + ref_text(e.last) + "\n/Count " + std::to_string(e.count);
		o.object(e.num, t + "\n>>");
		prev = e.num;
		e = next;
		title.swap(next_title);
	}
}

// The objects that tie the inputs together, then the cross-reference table and the trailer.
void stream_end(Streamed &a, Out &o, size_t n_inputs)
{
	object_around(o, a.pages_num, "<</Count " + std::to_string(a.kids.n) + "\n/Kids [", a.kids, "]\n/Type /Pages\n>>");
	int ptree = o.alloc();
	object_around(o, ptree, "<</Nums [", a.nums, "]\n>>");
	object_around(o, a.root_num, "<</K [", a.docs,
	              "]\n/ParentTree " + ref_text(ptree) + "\n/ParentTreeNextKey " + std::to_string(a.next_key) +
	                      "\n/Type /StructTreeRoot\n>>");
	stream_entries(a, o);
	o.object(a.outline_num, "<</Count " + std::to_string(a.entries.n) + "\n/First " + ref_text(a.first_entry) +
	                                "\n/Last " + ref_text(a.last_entry) + "\n/Type /Outlines\n>>");
	std::string cat = "<</MarkInfo <</Marked true>>\n/Outlines " + ref_text(a.outline_num) + "\n/Pages " + ref_text(a.pages_num) +
	                  "\n/StructTreeRoot " + ref_text(a.root_num) + "\n/Type /Catalog\n";
	if (!a.lang.empty())
		cat += "/Lang " + a.lang + "\n";
	if (!a.prefs.empty())
		cat += "/ViewerPreferences " + a.prefs + "\n";
	if (!a.metadata.empty())
		cat += "/Metadata " + a.metadata + "\n";
	std::string rest;
	if (a.n_dests) {
		int dn = o.alloc();
		stream_dests(a, o, dn, n_inputs);
		rest += "/Names <</Dests " + ref_text(dn) + ">>\n";
	}
	int catalog = o.alloc();
	if (a.labels.n)
		object_around(o, catalog, cat + "/PageLabels <</Nums [", a.labels, "]>>\n" + rest + ">>");
	else
		o.object(catalog, cat + rest + ">>");
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
	// the scratch files go beside the output (the queue's own folder, with its permissions)
	std::unique_ptr<gchar, decltype(&g_free)> dir(g_path_get_dirname(c->path), g_free);
	OffsetFile offsets(dir.get());
	o.store = &offsets;
	Streamed a(dir.get());
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
			n = stream_item(a, o, c->inputs[i], c, i);
			if (n < 0)
				n = stream_input(a, o, c->inputs[i], c, i);
		} catch (QPDFExc const &e) {
			throw Failure(-CD_EXIT_NOREAD, std::string("cannot read '") + c->inputs[i] + "': " + e.what());
		}
		if (counts)
			counts[i] = n;
	}
	stream_end(a, o, c->n_inputs);
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

