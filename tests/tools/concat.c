/* concat.c - PDFs put together as the queue's print.pdf is (cd_pdf_concat_write), for the tests:
 * any PDF can be an input, not only one cindoc wrote.
 *
 *   concat OUT.pdf IN.pdf...
 *
 * Each input starts on an odd page; the output is open (not protected). Exits 0, or 1 after
 * the message of cd_pdf_concat_write, or 2 on a usage error.
 *
 * Built by the tests against the gen/ objects but main.o. */
#include <stdio.h>

#include "base/cindoc.h"
#include "writers/pdf-finish.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: concat OUT.pdf IN.pdf...\n");
		return 2;
	}
	FILE *fp = fopen(argv[1], "wb");
	if (!fp) {
		perror(argv[1]);
		return 1;
	}
	cd_pdf_concat c = { argv[1], (const char *const *)argv + 2, (size_t)argc - 2, 1, NULL, 0, "", "", 1 };
	int rc = cd_pdf_concat_write(&c, NULL, fp);
	if (fclose(fp) != 0 && rc == 0) {
		perror(argv[1]);
		rc = -1;
	}
	return rc < 0 ? 1 : 0;
}
