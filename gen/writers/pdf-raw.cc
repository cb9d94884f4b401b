// pdf-raw.cc - one object of a PDF copied as its bytes are, its references renumbered
// (pdf-raw.hh).
#include "writers/pdf-raw.hh"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace cd_pdfraw {

namespace {

// The value of an unsigned integer of up to ten digits `s` (`n` bytes): false when it is none.
bool uint_value(const char *s, size_t n, long &v)
{
	if (n == 0 || n > 10)
		return false;
	v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
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

// Where a stream's data starts, `i` just after its "stream": after CRLF or LF; 0 when neither.
size_t data_start(const char *b, size_t size, size_t i)
{
	if (i < size && b[i] == '\r')
		i++;
	return i < size && b[i] == '\n' ? i + 1 : 0;
}

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
	*data = data_start(b, size, i);
	return *data != 0;
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
	return !at || stream_data(b, size, at, length, data, len);
}

bool stream_data(const char *b, size_t size, size_t at, long long length, const char **data, size_t *len)
{
	if (length < 0 || at > size || (size_t)length > size - at)
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
	// white space, then a number of up to ten digits: false when there is none
	auto number = [&](long &v) {
		while (i < size && is_space(b[i]))
			i++;
		size_t start = i;
		while (i < size && i - start < 11 && b[i] >= '0' && b[i] <= '9')
			i++;
		return uint_value(b + start, i - start, v);
	};
	long n, g;
	if (!number(n) || n != num || !number(g) || g != gen)
		return 0;
	while (i < size && is_space(b[i]))
		i++;
	if (size - i < 3 || memcmp(b + i, "obj", 3) != 0)
		return 0;
	i += 3;
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
	// The body is the text as it is but for its comments (left out) and references (renumbered):
	// it is copied in runs, from `copied` up to where a comment or a reference begins. A position
	// "in the body" counts what is copied and what is still to copy before `i`: `body_at(k)`.
	size_t copied = i;
	auto body_at = [&](size_t k) { return body.size() + (k - copied); };
	auto copy_to = [&](size_t k) {
		body.append(b + copied, k - copied);
		copied = k;
	};
	// The body positions of the last two tokens when they are unsigned integers (for "N G R");
	// `dict` the nesting of dictionaries, to find the stream's own /Length.
	size_t int_at[2] = { 0, 0 };
	long int_val[2] = { 0, 0 };
	int ints = 0;
	int dict = 0, arr = 0;
	bool length_next = false, length_ref = false;
	length = -1;
	stream = false;
	size_t end = size; // where the body ends: "endobj" or "stream"
	while (i < size) {
		char c = b[i];
		if (is_space(c)) {
			while (i < size && is_space(b[i]))
				i++;
			continue;
		}
		if (c == '%') { // a comment: left out
			copy_to(i);
			while (i < size && b[i] != '\n' && b[i] != '\r')
				i++;
			copied = i;
			continue;
		}
		size_t start = body_at(i);
		bool was_int = false;
		if (c == '(') {
			size_t j = skip_string(b, i, size);
			if (!j)
				return false;
			i = j;
			length_next = false;
		} else if (c == '<' && i + 1 < size && b[i + 1] == '<') {
			i += 2;
			dict++;
		} else if (c == '>' && i + 1 < size && b[i + 1] == '>') {
			i += 2;
			dict--;
			length_next = false;
		} else if (c == '<') {
			const char *e = (const char *)memchr(b + i, '>', size - i);
			if (!e)
				return false;
			i = (size_t)(e - b) + 1;
			length_next = false;
		} else if (c == '[' || c == ']' || c == '{' || c == '}' || c == ')' || c == '>') {
			if (c == ')' || c == '>')
				return false;
			arr += c == '[' ? 1 : c == ']' ? -1 : 0;
			i++;
			length_next = false;
		} else if (c == '/') {
			size_t j = i + 1;
			while (j < size && !is_space(b[j]) && !is_delim(b[j]))
				j++;
			length_next = dict == 1 && arr == 0 && j - i == 7 && memcmp(b + i, "/Length", 7) == 0;
			i = j;
		} else {
			size_t j = i;
			while (j < size && !is_space(b[j]) && !is_delim(b[j]))
				j++;
			const char *t = b + i;
			size_t tn = j - i;
			if (tn == 6 && memcmp(t, "endobj", 6) == 0) {
				end = i;
				break;
			}
			if (tn == 6 && memcmp(t, "stream", 6) == 0) {
				stream = true;
				end = i;
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
				if (int_at[0] < body.size()) // a comment came after N: N is copied already
					body.resize(int_at[0]);
				else
					copy_to(copied + (int_at[0] - body.size()));
				char num[16];
				body.append(num, (size_t)(std::to_chars(num, num + sizeof num, nn).ptr - num)).append(" 0 R", 4);
				i = copied = j;
				ints = 0;
				continue;
			}
			long v;
			if (uint_value(t, tn, v)) {
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
	copy_to(std::min(end, size));
	if (length_ref)
		length = -1;
	return stream || i < size; // ended by "stream" or "endobj", not by the end of the file
}

} // namespace

// ------------------------------------------------------------------ values

Value const *Value::get(const char *key) const
{
	for (size_t i = keys.size(); i-- > 0;)
		if (keys[i].first == key)
			return &keys[i].second;
	return nullptr;
}

bool Value::is_int(long long &v) const
{
	if (kind != scalar || text.empty() || text.size() > 18)
		return false;
	size_t i = text[0] == '-' || text[0] == '+';
	if (i == text.size())
		return false;
	v = 0;
	for (size_t k = i; k < text.size(); k++) {
		if (text[k] < '0' || text[k] > '9')
			return false;
		v = v * 10 + (text[k] - '0');
	}
	if (text[0] == '-')
		v = -v;
	return true;
}

namespace {

// Tokens and values from `i` on.
struct Parser {
	const char *b;
	size_t size, i;
	// The next token's start and length (comments and white space passed over): false at the
	// end of the file or where no token can start.
	bool token(size_t &start, size_t &len)
	{
		while (i < size && (is_space(b[i]) || b[i] == '%')) {
			if (b[i] == '%')
				while (i < size && b[i] != '\n' && b[i] != '\r')
					i++;
			else
				i++;
		}
		if (i >= size)
			return false;
		start = i;
		char c = b[i];
		if (c == '(') {
			i = skip_string(b, i, size);
			if (!i)
				return false;
		} else if ((c == '<' || c == '>') && i + 1 < size && b[i + 1] == c) {
			i += 2;
		} else if (c == '<') {
			const char *e = (const char *)memchr(b + i, '>', size - i);
			if (!e)
				return false;
			i = (size_t)(e - b) + 1;
		} else if (c == '[' || c == ']' || c == '{' || c == '}') {
			i++;
		} else if (c == ')' || c == '>') {
			return false;
		} else {
			i += c == '/';
			while (i < size && !is_space(b[i]) && !is_delim(b[i]))
				i++;
		}
		len = i - start;
		return true;
	}
	// Values up to the token that ends them ("]", ">>", "endobj", "stream"), which is put in
	// `end`; "N G R" is one value, a reference.
	bool values(std::vector<Value> &out, std::string &end, int depth)
	{
		size_t s, n;
		while (token(s, n)) {
			const char *t = b + s;
			if ((n == 1 && t[0] == ']') || (n == 2 && t[0] == '>') || (n == 6 && memcmp(t, "endobj", 6) == 0) ||
			    (n == 6 && memcmp(t, "stream", 6) == 0)) {
				end.assign(t, n);
				return true;
			}
			if (depth > 64 || t[0] == '{' || t[0] == '}')
				return false;
			if (n == 1 && t[0] == 'R') { // "N G R": the two numbers before it are the reference
				size_t k = out.size();
				long num, gen;
				if (k < 2 || out[k - 2].kind != Value::scalar || out[k - 1].kind != Value::scalar ||
				    !uint_value(out[k - 2].text.data(), out[k - 2].text.size(), num) ||
				    !uint_value(out[k - 1].text.data(), out[k - 1].text.size(), gen))
					return false;
				out.pop_back();
				Value &r = out.back();
				r.kind = Value::ref;
				r.text.clear();
				r.num = (int)num;
				r.gen = (int)gen;
				continue;
			}
			Value &v = out.emplace_back(); // made in place, not moved into the list
			std::string e;
			if (t[0] == '[') {
				v.kind = Value::array;
				if (!values(v.items, e, depth + 1) || e != "]")
					return false;
			} else if (n == 2 && t[0] == '<') {
				std::vector<Value> kv;
				if (!values(kv, e, depth + 1) || e != ">>" || kv.size() % 2)
					return false;
				v.kind = Value::dict;
				v.keys.reserve(kv.size() / 2);
				for (size_t k = 0; k < kv.size(); k += 2) {
					if (kv[k].kind != Value::scalar || kv[k].text[0] != '/')
						return false;
					v.keys.emplace_back(std::move(kv[k].text), std::move(kv[k + 1]));
				}
			} else {
				v.text.assign(t, n);
			}
		}
		return false;
	}
};

} // namespace

bool read_object(const char *b, size_t size, size_t offset, int num, int gen, Value &v, bool *stream, size_t *data)
{
	size_t i = after_header(b, size, offset, num, gen);
	if (!i)
		return false;
	Parser p{ b, size, i };
	std::vector<Value> vs;
	std::string end;
	if (!p.values(vs, end, 0) || vs.size() != 1 || (end != "endobj" && end != "stream"))
		return false;
	v = std::move(vs[0]);
	*stream = end == "stream";
	if (*stream && data && !(*data = data_start(b, size, p.i)))
		return false;
	return !*stream || v.kind == Value::dict;
}

bool read_xref(const char *b, size_t size, std::vector<size_t> &at, std::vector<int> &gens, Value &trailer)
{
	// "startxref", the table's offset, "%%EOF" at the end of the file
	size_t sx = size >= 9 ? size - 9 : 0, low = size > 1024 ? size - 1024 : 0;
	while (sx > low && memcmp(b + sx, "startxref", 9) != 0)
		sx--;
	if (size < 9 || memcmp(b + sx, "startxref", 9) != 0)
		return false;
	Parser p{ b, size, sx + 9 };
	size_t s, n;
	long x;
	if (!p.token(s, n) || !uint_value(b + s, n, x) || (size_t)x >= size || size - (size_t)x < 4 || memcmp(b + x, "xref", 4) != 0)
		return false;
	p.i = (size_t)x + 4;
	at.clear();
	gens.clear();
	// sections: "first count", then each entry "oooooooooo ggggg n" in 20 bytes
	for (;;) {
		long first, count;
		if (!p.token(s, n))
			return false;
		if (n == 7 && memcmp(b + s, "trailer", 7) == 0)
			break;
		if (!uint_value(b + s, n, first) || !p.token(s, n) || !uint_value(b + s, n, count) || count > 10000000 ||
		    first + count > 10000000)
			return false;
		while (p.i < size && is_space(b[p.i]))
			p.i++;
		if (size - p.i < 20 * (size_t)count)
			return false;
		if (at.size() < (size_t)(first + count)) {
			at.resize((size_t)(first + count), 0);
			gens.resize((size_t)(first + count), 0);
		}
		for (long e = 0; e < count; e++, p.i += 20) {
			const char *r = b + p.i;
			long off, g;
			if (!uint_value(r, 10, off) || r[10] != ' ' || !uint_value(r + 11, 5, g) || r[16] != ' ' ||
			    (r[17] != 'n' && r[17] != 'f'))
				return false;
			at[(size_t)(first + e)] = r[17] == 'n' ? (size_t)off : 0;
			gens[(size_t)(first + e)] = (int)g;
		}
	}
	std::vector<Value> vs;
	if (!p.token(s, n) || n != 2 || b[s] != '<')
		return false;
	std::string end;
	if (!p.values(vs, end, 1) || end != ">>" || vs.size() % 2)
		return false;
	trailer = Value();
	trailer.kind = Value::dict;
	for (size_t i = 0; i < vs.size(); i += 2) {
		if (vs[i].kind != Value::scalar || vs[i].text[0] != '/')
			return false;
		trailer.keys.emplace_back(std::move(vs[i].text), std::move(vs[i + 1]));
	}
	return !trailer.get("/Prev") && !trailer.get("/XRefStm") && !trailer.get("/Encrypt") && trailer.get("/Root");
}

} // namespace cd_pdfraw
