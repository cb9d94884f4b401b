// writers/qpdf-out.hh - what the libqpdf files (pdf-finish.cc, pdf-concat.cc) share: a
// failure already worded for its message, and the output pipeline into a FILE*.
#ifndef CD_QPDF_OUT_HH
#define CD_QPDF_OUT_HH

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <string>

#include <qpdf/Pipeline.hh>

namespace cd_qpdf {

// The reason a finish cannot go on, already worded for the message.
struct Failure : std::runtime_error {
	int code;
	Failure(int c, std::string const &what) : std::runtime_error(what), code(c) {}
};

// The output: a FILE*, remembering the first write error and writing nothing after it
// (QPDFWriter may finish its pipelines from destructors, so this never throws).
class FilePipe : public Pipeline {
public:
	explicit FilePipe(FILE *f) : Pipeline("cindoc output", nullptr), fp(f) {}
	void write(unsigned char const *data, size_t len) override
	{
		if (!err && len && fwrite(data, 1, len, fp) != len)
			err = errno ? errno : EIO;
	}
	void finish() override
	{
		if (!err && fflush(fp) != 0)
			err = errno ? errno : EIO;
	}
	int err = 0;

private:
	FILE *fp;
};

} // namespace cd_qpdf

#endif
