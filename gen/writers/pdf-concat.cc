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
			a.n_dests++;
			if (index == 0) {
				a.first_dests.emplace_back(e.first, n);
				continue;
			}
			std::string name = prefix + e.first;
			uint32_t len = (uint32_t)name.size();
			a.dests.write(&len, sizeof len);
			a.dests.write(name.data(), name.size());
			a.dests.write(&n, sizeof n);
			at[1]++;
		}
	}
	if (index)
		a.dests_at.write(at, sizeof at);
	// the outline: an entry with the input's title, its own outline below it
	Streamed::Entry e;
	e.num = o.alloc();
	e.page = first_page;
	OH info = src.getTrailer().getKey("/Info");
	std::string title = info.isDictionary() && info.getKey("/Title").isString()
	                        ? OH::newString(info.getKey("/Title").getStringValue()).unparse()
	                        : OH::newUnicodeString(path).unparse();
	OH ol = src.getRoot().getKey("/Outlines");
	int kids = ol.isDictionary() ? stream_outline(in, ol.getKey("/First"), e.num, prefix, 0, e.first, e.last) : 0;
	e.count = kids ? -kids : 0;
	drain(in);
	e.title_len = (int)title.size();
	a.entries.write(&e, sizeof e);
	a.entries.write(title.data(), title.size());
	a.entries.n++;
	if (!a.first_entry)
		a.first_entry = e.num;
	a.last_entry = e.num;
	a.pages += (int)pages.size();
	if (c->odd_starts && a.pages % 2) {
		int contents = o.alloc(), blank = o.alloc();
		o.object(contents, "<</Length 0>>\nstream\n\nendstream");
		std::string mb;
		unparse_into(in, fresh(pages.back().getMediaBox()), mb);
		o.object(blank, "<</Contents " + ref_text(contents) + "\n/MediaBox " + mb + "\n/Parent " + ref_text(a.pages_num) +
		                       "\n/Resources <<>>\n/Type /Page\n>>");
		a.kids.add(ref_text(blank));
		a.labels.add(std::to_string(a.pages));
		a.labels.add("<</S /D\n/St " + std::to_string(a.pages + 1) + "\n>>");
		a.pages++;
	}
	if (o.err)
		throw Failure(-CD_EXIT_NOWRITE, strerror(o.err));
	return (int)pages.size();
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

