// writers/qpdf-stream.hh - a PDF written as it is read (pdf-finish.cc, pdf-concat.cc): each
// object of a document read with libqpdf is written out at once with a new number, its text
// libqpdf's (scalars by unparse(), streams' raw data as they are: nothing is decompressed or
// compressed again), followed at the end by the cross-reference table and a trailer whose /ID
// is the MD5 of the bytes before it, so that the same input gives the same bytes.
//
// QPDFWriter holds every object of its output and works each one over (renumbering, object
// streams, encryption): it is kept for protected copies, where the encryption needs it.
#ifndef CD_QPDF_STREAM_HH
#define CD_QPDF_STREAM_HH

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <glib.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include "writers/pdf-raw.hh"
#include "writers/qpdf-out.hh"

namespace cd_qpdf {

// Where an Out keeps its objects' offsets when not in memory (pdf-concat.cc: a print.pdf of
// millions of objects keeps them in a scratch file). Throws Failure when it cannot.
struct OffsetStore {
	virtual ~OffsetStore() = default;
	virtual void set(size_t num, unsigned long long at) = 0;
	virtual unsigned long long get(size_t num) = 0;
};

// `v` appended to `s` in decimal; `s`.
inline std::string &put_int(std::string &s, long long v)
{
	char b[24];
	auto r = std::to_chars(b, b + sizeof b, v);
	return s.append(b, (size_t)(r.ptr - b));
}

// A reference to object `n` appended to `s`; `s`.
inline std::string &put_ref(std::string &s, int n)
{
	return put_int(s, n) += " 0 R";
}

struct Out {
	FILE *fp;
	GChecksum *md5;                // of every byte: the deterministic /ID
	unsigned long long at = 0;     // bytes written
	int err = 0;
	// by object number (0: object 0, the free one): 32 bits each while the file is under 4 GiB
	std::vector<uint32_t> narrow{0};
	std::vector<unsigned long long> wide;
	// when set, the offsets are kept there instead (`stored` numbers so far, object 0 included)
	OffsetStore *store = nullptr;
	size_t stored = 1;
	size_t count() const { return store ? stored : wide.empty() ? narrow.size() : wide.size(); }
	unsigned long long offset(size_t i) const { return store ? store->get(i) : wide.empty() ? narrow[i] : wide[i]; }
	void put(const char *p, size_t n)
	{
		if (err || !n)
			return;
		if (fwrite(p, 1, n, fp) != n)
			err = errno ? errno : EIO;
		if (md5)
			g_checksum_update(md5, (const guchar *)p, (gssize)n);
		at += n;
	}
	void put(std::string const &t) { put(t.data(), t.size()); }
	int alloc()
	{
		if (store)
			return (int)stored++;
		if (wide.empty())
			narrow.push_back(0);
		else
			wide.push_back(0);
		return (int)count() - 1;
	}
	// Object `num`: its body, then "endobj" unless `end` is false (the caller ends it).
	void object(int num, std::string const &body, bool end = true)
	{
		if (store) {
			store->set((size_t)num, at);
		} else {
			if (wide.empty() && at > UINT32_MAX) {
				wide.assign(narrow.begin(), narrow.end());
				std::vector<uint32_t>().swap(narrow);
			}
			if (wide.empty())
				narrow[(size_t)num] = (uint32_t)at;
			else
				wide[(size_t)num] = at;
		}
		// made in `text`, kept from object to object: no new string for each
		text.clear();
		put_int(text, num).append(" 0 obj\n", 7).append(body);
		if (end)
			text.append("\nendobj\n", 8);
		put(text);
	}
	std::string text;
	// An object copied as it was (pdf-raw.hh): its body, and a stream's data when it has one.
	void object_raw(int num, std::string const &body, const char *data, size_t len)
	{
		object(num, data ? body + "\nstream\n" : body, !data);
		if (data) {
			put(data, len);
			put(std::string("\nendstream\nendobj\n"));
		}
	}
};

// One input's objects: their numbers in the output, and the ones still to write. A kind of
// input may copy some objects otherwise than by libqpdf's text (copy_as_is: pdf-concat.cc
// copies an item's unchanged objects as their bytes are).
struct Input {
	Out &o;
	std::map<QPDFObjGen, int> num;
	std::vector<std::pair<QPDFObjectHandle, int>> todo;
	std::map<QPDFObjGen, int> fixed; // the input's own roots, standing for the output's
	std::map<QPDFObjGen, std::map<std::string, std::string>> over; // keys written otherwise
	explicit Input(Out &out) : o(out) {}
	virtual ~Input() = default;
	// The output number of an object already met, else 0.
	int known(QPDFObjGen og) const
	{
		auto f = fixed.find(og);
		if (f != fixed.end())
			return f->second;
		auto it = num.find(og);
		return it != num.end() ? it->second : 0;
	}
	int ref(QPDFObjectHandle h)
	{
		QPDFObjGen og = h.getObjGen();
		if (int k = known(og))
			return k;
		int n = o.alloc();
		num.emplace(og, n);
		todo.emplace_back(h, n);
		return n;
	}
	// Writes object `h` as output object `num` in its own way; false to have it written from
	// libqpdf's text (body_of).
	virtual bool copy_as_is(QPDFObjectHandle const &, int) { return false; }
};

// An input read from `buf` (its `size` bytes): an object libqpdf has not changed is copied as its
// bytes are, but for its references' numbers (pdf-raw.hh), when the file has it at an offset;
// the objects in `changed` (and any not at an offset) are written from libqpdf's text.
struct RawInput : Input {
	QPDF &src;
	const char *buf;
	size_t size;
	std::map<QPDFObjGen, QPDFXRefEntry> const &xref; // the input's cross-reference table
	std::set<QPDFObjGen> changed;
	std::string body; // an object's body as copy_as_is reads it, kept from object to object
	// `x` is q.getXRefTable(), which the caller holds (libqpdf gives a copy of the table each time)
	RawInput(Out &out, QPDF &q, const char *b, size_t n, std::map<QPDFObjGen, QPDFXRefEntry> const &x)
	    : Input(out), src(q), buf(b), size(n), xref(x) {}
	using Input::ref;
	int ref(QPDFObjGen og)
	{
		int k = known(og);
		return k ? k : ref(src.getObjectByObjGen(og));
	}
	bool copy_as_is(QPDFObjectHandle const &h, int n) override
	{
		QPDFObjGen og = h.getObjGen();
		auto x = xref.find(og);
		if (x == xref.end() || x->second.getType() != 1 || changed.count(og))
			return false;
		const char *data = nullptr;
		size_t len = 0;
		auto renumber = [this](int num, int gen) { return ref(QPDFObjGen(num, gen)); };
		if (!cd_pdfraw::copy_object(buf, size, (size_t)x->second.getOffset(), og.getObj(), og.getGen(), renumber, body, &data, &len))
			return false;
		o.object_raw(n, body, data, len);
		return true;
	}
};

inline void unparse_into(Input &in, QPDFObjectHandle h, std::string &t, bool body = false);

// A name as PDF writes it: as it is when it has only regular characters (nearly always), else
// with libqpdf's escapes.
inline void put_name(std::string const &n, std::string &t)
{
	for (size_t i = 1; i < n.size(); i++) {
		unsigned char c = (unsigned char)n[i];
		if (c < 0x21 || c > 0x7e || strchr("#()<>[]{}/%", c)) {
			t += QPDFObjectHandle::newName(n).unparse();
			return;
		}
	}
	t += n;
}

inline void unparse_dict(Input &in, QPDFObjectHandle d, std::string &t, std::map<std::string, std::string> const &over)
{
	t += "<<";
	std::map<std::string, QPDFObjectHandle> items = d.getDictAsMap();
	for (auto const &k : over)
		items.emplace(k.first, QPDFObjectHandle());
	for (auto &kv : items) {
		auto ov = over.empty() ? over.end() : over.find(kv.first);
		if (ov != over.end() && ov->second.empty())
			continue; // left out
		// a null is left out; an indirect value is not read to see whether it is null (a
		// reference to a null object means the same as none)
		if (ov == over.end() && (!kv.second.isInitialized() || (!kv.second.isIndirect() && kv.second.isNull())))
			continue;
		put_name(kv.first, t);
		t += ' ';
		if (ov != over.end())
			t += ov->second;
		else
			unparse_into(in, kv.second, t);
		t += '\n';
	}
	t += ">>";
}

// A value as it goes in the output: an indirect one by its new number, unless it is the object
// being written (`body`).
inline void unparse_into(Input &in, QPDFObjectHandle h, std::string &t, bool body)
{
	if (h.isIndirect() && !body) {
		t += std::to_string(in.ref(h)) + " 0 R";
	} else if (h.isArray()) {
		t += '[';
		int n = h.getArrayNItems();
		for (int i = 0; i < n; i++) {
			if (i)
				t += ' ';
			unparse_into(in, h.getArrayItem(i), t);
		}
		t += ']';
	} else if (h.isDictionary()) {
		unparse_dict(in, h, t, {});
	} else {
		t += h.unparseResolved();
	}
}

// The body of an object (a stream: its dictionary with its raw data's length, and the data).
inline std::string body_of(Input &in, QPDFObjectHandle h, std::map<std::string, std::string> const &over = {})
{
	std::string t;
	if (h.isStream()) {
		std::shared_ptr<Buffer> data = h.getRawStreamData();
		std::map<std::string, std::string> o2 = over;
		o2["/Length"] = std::to_string(data->getSize());
		unparse_dict(in, h.getDict(), t, o2);
		t += "\nstream\n";
		t.append((const char *)data->getBuffer(), data->getSize());
		t += "\nendstream";
	} else if (h.isDictionary()) {
		unparse_dict(in, h, t, over);
	} else {
		unparse_into(in, h, t, true); // an indirect number, null, array...
	}
	return t;
}

// Writes every object the input's written objects refer to.
inline void drain(Input &in)
{
	while (!in.todo.empty()) {
		auto next = in.todo.back();
		in.todo.pop_back();
		auto ov = in.over.find(next.first.getObjGen());
		if (ov == in.over.end() && in.copy_as_is(next.first, next.second))
			continue;
		in.o.object(next.second, ov == in.over.end() ? body_of(in, next.first) : body_of(in, next.first, ov->second));
	}
}

inline std::string ref_text(int n)
{
	std::string s;
	return put_ref(s, n);
}

// The cross-reference table of every object written and the trailer (root, info: object
// numbers, info 0 for none), after which o.md5 is closed. Throws Failure when writing failed.
inline void end_file(Out &o, int root, int info)
{
	unsigned long long xref = o.at;
	std::string t = "xref\n0 " + std::to_string(o.count()) + "\n0000000000 65535 f \n";
	// written 64 KiB at a time: the table of a print.pdf of millions of objects is never whole
	// in memory
	t.reserve(65536 + 32);
	char line[32];
	for (size_t i = 1; i < o.count(); i++) {
		unsigned long long v = o.offset(i);
		if (v >= 10000000000ULL) { // more than ten digits
			snprintf(line, sizeof line, "%010llu 00000 n \n", v);
			t += line;
		} else {
			for (int k = 9; k >= 0; k--, v /= 10)
				line[k] = (char)('0' + v % 10);
			memcpy(line + 10, " 00000 n \n", 10);
			t.append(line, 20);
		}
		if (t.size() >= 65536) {
			o.put(t);
			t.clear();
		}
	}
	o.put(t);
	std::string id = g_checksum_get_string(o.md5);
	o.md5 = nullptr; // closed: what follows is not part of the ID
	id = "<" + id + ">";
	t = "trailer <</Root " + ref_text(root) + "\n/Size " + std::to_string(o.count()) +
	    (info ? "\n/Info " + ref_text(info) : std::string()) + "\n/ID [" + id + " " + id + "]\n>>\nstartxref\n" +
	    std::to_string(xref) + "\n%%EOF\n";
	o.put(t);
	if (!o.err && fflush(o.fp) != 0)
		o.err = errno ? errno : EIO;
	if (o.err)
		throw Failure(-CD_EXIT_NOWRITE, strerror(o.err));
}

} // namespace cd_qpdf

#endif
