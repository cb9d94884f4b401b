// writers/pdf-raw.hh - one object of a PDF copied as its bytes are, its references renumbered
// (pdf-concat.cc's print.pdf): most of an item's objects (structure elements, fonts, content
// streams) go into print.pdf unchanged but for their numbers, and libqpdf would parse each
// into objects and write it out again. Here the object's text is scanned once, token by token:
// strings, names and comments are passed over, each "N G R" is given its new number, and a
// stream's data is copied as it is (never decoded).
#ifndef CD_PDF_RAW_HH
#define CD_PDF_RAW_HH

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace cd_pdfraw {

// PDF's character classes (ISO 32000-1 §7.2.2): 1 white space, 2 delimiter, 0 regular.
struct Classes {
	unsigned char t[256];
	constexpr Classes() : t()
	{
		for (unsigned char c : {0, 9, 10, 12, 13, 32})
			t[c] = 1;
		for (unsigned char c : {'(', ')', '<', '>', '[', ']', '{', '}', '/', '%'})
			t[c] = 2;
	}
};
inline constexpr Classes classes{};
inline int char_class(char c) { return classes.t[(unsigned char)c]; }
inline bool is_space(char c) { return char_class(c) == 1; }
inline bool is_delim(char c) { return char_class(c) == 2; }

// Object `num` `gen` at `offset` of the file `buf` (of `size` bytes): its body (what is
// between "obj" and "endobj", or "stream") into `body`, each reference renumbered by `ref`
// (which gets the referenced object's number and generation and gives its new number); a
// stream's data in `data`/`len` (pointing into `buf`; NULL for an object that is no stream).
// False when the object cannot be copied so (no "N G obj" there, a stream whose /Length is not
// a plain number, a file cut short): the caller then copies it through libqpdf.
bool copy_object(const char *buf, size_t size, size_t offset, int num, int gen,
                 std::function<int(int, int)> const &ref, std::string &body, const char **data, size_t *len);

// Stream `num` `gen` at `offset` of `buf`: its dictionary's text as it is in `dict` (references
// as they are) and the offset of its data in `data`. False when there is no stream there.
bool stream_at(const char *buf, size_t size, size_t offset, int num, int gen, std::string &dict, size_t *data);

// Where the body of object `num` `gen` at `offset` of `buf` starts: after its "N G obj" and
// white space; 0 when that is not there.
size_t object_body(const char *buf, size_t size, size_t offset, int num, int gen);

// A value as an object's text writes it: a scalar is its token as it is (a number, a name, a
// string, true, false or null), a reference its numbers, an array or dictionary its values.
struct Value {
	enum Kind { scalar, ref, array, dict } kind = scalar;
	std::string text;                                // a scalar's token
	int num = 0, gen = 0;                            // a reference's
	std::vector<Value> items;                        // an array's
	std::vector<std::pair<std::string, Value>> keys; // a dictionary's: each key's name as written, in order
	// The value of `key` (a name as written: "/Type"), the last when it is there twice; null when none.
	Value const *get(const char *key) const;
	bool is_null() const { return kind == scalar && text == "null"; }
	bool is_name(const char *name) const { return kind == scalar && text == name; }
	// An integer written as such ("12", "-3"): its value in `v`.
	bool is_int(long long &v) const;
	bool is_string() const { return kind == scalar && !text.empty() && (text[0] == '(' || text[0] == '<'); }
};

// Object `num` `gen` at `offset` of `buf`: its value (a stream's dictionary, and `*stream` set;
// with `data`, where the stream's data starts). False when it is not there or not well formed, or
// holds what is not read here ({...}).
bool read_object(const char *buf, size_t size, size_t offset, int num, int gen, Value &v, bool *stream,
                 size_t *data = nullptr);

// A stream's data of `length` bytes from `at` in `buf` into `data`/`len`, when the file holds that
// much and "endstream" follows it (after an end of line): false when not, as when /Length is wrong.
bool stream_data(const char *buf, size_t size, size_t at, long long length, const char **data, size_t *len);

// A file with one cross-reference table (never updated: no /Prev, no cross-reference stream,
// not encrypted): each object's offset by number in `at` (0: none; its generation in `gens`)
// and the trailer. False for any other file.
bool read_xref(const char *buf, size_t size, std::vector<size_t> &at, std::vector<int> &gens, Value &trailer);

} // namespace cd_pdfraw

#endif
