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

} // namespace cd_pdfraw

#endif
