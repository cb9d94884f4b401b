// writers/qpdf-out.hh - what the libqpdf files (pdf-finish.cc, pdf-concat.cc) share: a
// failure already worded for its message, the output pipeline into a FILE*, and writing a
// finished document out (plain or protected).
#ifndef CD_QPDF_OUT_HH
#define CD_QPDF_OUT_HH

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <qpdf/Pipeline.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include "base/cindoc.h"

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

// Writes q to out: the streams pass through as they are (decode level none), AES-256 (R6) when
// `encrypt` (extraction for accessibility on; copying, changing, assembling, annotating and
// filling forms off; printing, high quality, as allow_print says), else with a deterministic
// ID so that the same input gives the same bytes. What is compressed here (rewritten page
// content, new metadata) is compressed at zlib's fastest level: page content is small and
// repetitive, and the default level costs three times the time for a few per cent of the
// bytes. libqpdf keeps the level for the whole process, so every write sets it, and the same
// input gives the same bytes whatever the process wrote before. The header says at least `version` (a
// document copied into an empty one would otherwise say libqpdf's 1.3). Throws Failure when out
// cannot be written.
inline void write_out(QPDF &q, FILE *out, bool encrypt, const char *user, const char *owner, bool allow_print,
                      std::string const &version = "", int extension = 0)
{
	Pl_Flate::setCompressionLevel(1);
	FilePipe fp(out);
	QPDFWriter w(q);
	w.setOutputPipeline(&fp);
	if (!version.empty())
		w.setMinimumPDFVersion(version, extension);
	w.setDecodeLevel(qpdf_dl_none);
	if (encrypt)
		w.setR6EncryptionParameters(user ? user : "", owner, true, false, false, false, false, false,
		                            allow_print ? qpdf_r3p_full : qpdf_r3p_none, true);
	else
		w.setDeterministicID(true);
	w.write();
	if (fp.err)
		throw Failure(-CD_EXIT_NOWRITE, strerror(fp.err));
}

} // namespace cd_qpdf

#endif
