// pdf-raw.cc - one object of a PDF copied as its bytes are, its references renumbered
// (pdf-raw.hh).
#include "writers/pdf-raw.hh"

#include <cstdlib>
#include <cstring>

namespace cd_pdfraw {

namespace {

bool is_uint(const char *s, size_t n)
{
	if (n == 0 || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

// A literal string from its '(' on: the index after its ')', or 0 when it does not end.
size_t skip_string(const char *b, size_t i, size_t end)
{
	int depth = 0;
	for (; i < end; i++) {
		char c = b[i];
		if (c == '\\')
			i++;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

size_t after_header(const char *b, size_t size, size_t offset, int num, int gen);
bool scan_body(const char *b, size_t size, size_t &i, std::function<int(int, int)> const &ref, std::string &body,
               bool &stream, long &length);

} // namespace

namespace {

// Object `num` `gen` at `offset` read up to its "endobj", or to its stream's data (then `*data`
// is where the data starts; 0 for an object that is no stream): its body in `body` (references
// renumbered by `ref`), a stream's /Length in `length` (-1 when it is not a plain number).
bool read_body(const char *b, size_t size, size_t offset, int num, int gen, std::function<int(int, int)> const &ref,
               std::string &body, long &length, size_t *data)
{
	body.clear();
	*data = 0;
	size_t i = after_header(b, size, offset, num, gen);
	if (!i)
		return false;
	bool stream = false;
	if (!scan_body(b, size, i, ref, body, stream, length))
		return false;
	// the body ends before "endobj" or "stream": no trailing white space
	while (!body.empty() && is_space(body.back()))
		body.pop_back();
	if (!stream)
		return true;
	// "stream" then CRLF or LF, then the data
	if (i < size && b[i] == '\r')
		i++;
	if (i >= size || b[i] != '\n')
		return false;
	*data = i + 1;
	return true;
}

} // namespace

bool copy_object(const char *b, size_t size, size_t offset, int num, int gen,
                 std::function<int(int, int)> const &ref, std::string &body, const char **data, size_t *len)
{
	*data = nullptr;
	*len = 0;
	long length = -1;
	size_t at = 0;
	if (!read_body(b, size, offset, num, gen, ref, body, length, &at))
		return false;
	if (!at)
		return true;
	if (length < 0 || (size_t)length > size - at)
		return false;
	// the data is followed by "endstream" (after an end of line): else /Length is wrong
	size_t e = at + (size_t)length;
	while (e < size && (b[e] == '\r' || b[e] == '\n' || b[e] == ' '))
		e++;
	if (size - e < 9 || memcmp(b + e, "endstream", 9) != 0)
		return false;
	*data = b + at;
	*len = (size_t)length;
	return true;
}

bool stream_at(const char *b, size_t size, size_t offset, int num, int gen, std::string &dict, size_t *data)
{
	long length = -1;
	return read_body(b, size, offset, num, gen, [](int n, int) { return n; }, dict, length, data) && *data;
}

size_t object_body(const char *b, size_t size, size_t offset, int num, int gen)
{
	return after_header(b, size, offset, num, gen);
}

namespace {

// Where the body of object `num` `gen` at `offset` starts: after its "N G obj" and white space;
// 0 when that is not there.
size_t after_header(const char *b, size_t size, size_t offset, int num, int gen)
{
	size_t i = offset;
	char *e = nullptr;
	if (i >= size)
		return 0;
	std::string head(b + i, std::min<size_t>(64, size - i));
	long n = strtol(head.c_str(), &e, 10);
	if (e == head.c_str() || n != num)
		return 0;
	long g = strtol(e, &e, 10);
	while (is_space(*e))
		e++;
	if (g != gen || strncmp(e, "obj", 3) != 0)
		return 0;
	i += (size_t)(e - head.c_str()) + 3;
	while (i < size && is_space(b[i]))
		i++;
	return i;
}

// The body from `i` on, token by token, into `body`, until "endobj" or "stream" (then `stream`
// is set and `i` is just after the keyword; `length` is the stream's /Length, or -1 when it is
// not a plain number). False when the body does not end or is not well formed.
bool scan_body(const char *b, size_t size, size_t &i, std::function<int(int, int)> const &ref, std::string &body,
               bool &stream, long &length)
{
	// The body, token by token. `ints` holds the output positions of the last two tokens when
	// they are unsigned integers (for "N G R"); `dict` the nesting of dictionaries, to find the
	// stream's own /Length.
	size_t int_at[2] = { 0, 0 };
	long int_val[2] = { 0, 0 };
	int ints = 0;
	int dict = 0, arr = 0;
	bool length_next = false, length_ref = false;
	length = -1;
	stream = false;
	while (i < size) {
		char c = b[i];
		if (is_space(c)) {
			size_t j = i;
			while (j < size && is_space(b[j]))
				j++;
			body.append(b + i, j - i);
			i = j;
			continue;
		}
		if (c == '%') { // a comment: left out
			while (i < size && b[i] != '\n' && b[i] != '\r')
				i++;
			continue;
		}
		size_t start = body.size();
		bool was_int = false;
		if (c == '(') {
			size_t j = skip_string(b, i, size);
			if (!j)
				return false;
			body.append(b + i, j - i);
			i = j;
			length_next = false;
		} else if (c == '<' && i + 1 < size && b[i + 1] == '<') {
			body += "<<";
			i += 2;
			dict++;
		} else if (c == '>' && i + 1 < size && b[i + 1] == '>') {
			body += ">>";
			i += 2;
			dict--;
			length_next = false;
		} else if (c == '<') {
			const char *end = (const char *)memchr(b + i, '>', size - i);
			if (!end)
				return false;
			body.append(b + i, (size_t)(end - (b + i)) + 1);
			i = (size_t)(end - b) + 1;
			length_next = false;
		} else if (c == '[' || c == ']' || c == '{' || c == '}' || c == ')' || c == '>') {
			if (c == ')' || c == '>')
				return false;
			arr += c == '[' ? 1 : c == ']' ? -1 : 0;
			body += c;
			i++;
			length_next = false;
		} else if (c == '/') {
			size_t j = i + 1;
			while (j < size && !is_space(b[j]) && !is_delim(b[j]))
				j++;
			body.append(b + i, j - i);
			length_next = dict == 1 && arr == 0 && j - i == 7 && memcmp(b + i, "/Length", 7) == 0;
			i = j;
		} else {
			size_t j = i;
			while (j < size && !is_space(b[j]) && !is_delim(b[j]))
				j++;
			const char *t = b + i;
			size_t tn = j - i;
			if (tn == 6 && memcmp(t, "endobj", 6) == 0)
				break;
			if (tn == 6 && memcmp(t, "stream", 6) == 0) {
				stream = true;
				i = j;
				break;
			}
			if (tn == 1 && t[0] == 'R' && ints == 2) {
				// "N G R": the reference, renumbered
				int nn = ref((int)int_val[0], (int)int_val[1]);
				if (length_next) { // "/Length 12 0 R": known only by reading object 12
					length_ref = true;
					length_next = false;
				}
				body.resize(int_at[0]);
				body += std::to_string(nn) + " 0 R";
				i = j;
				ints = 0;
				continue;
			}
			body.append(t, tn);
			if (is_uint(t, tn)) {
				long v = strtol(std::string(t, tn).c_str(), nullptr, 10);
				was_int = true;
				if (ints == 2) {
					int_at[0] = int_at[1];
					int_val[0] = int_val[1];
					ints = 1;
				}
				int_at[ints] = start;
				int_val[ints] = v;
				ints++;
				if (length_next)
					length = v;
			} else if (length_next) {
				length = -1;
			}
			if (!was_int) // "/Length 12 0 R" reads as a number first: found indirect at the R
				length_next = false;
			i = j;
		}
		if (!was_int)
			ints = 0;
	}
	if (length_ref)
		length = -1;
	return stream || i < size; // ended by "stream" or "endobj", not by the end of the file
}

} // namespace

} // namespace cd_pdfraw
