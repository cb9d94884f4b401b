/* fuzz/fuzz-fo.c - libFuzzer harness for the XSL-FO reader, layout and the writers (`make fuzz`).
 * Not part of gen/cindoc: the Makefile leaves gen/fuzz-*.c out of the normal build and links this
 * with every object of the binary but main and the command files.
 *
 * Each input is written to a file in a private folder (beside a copy of tests/pdf/logo.png, so
 * that an fo:external-graphic can name "logo.png") and rendered from there by the path every
 * command takes, cd_render_add_file (streamed one page-sequence at a time, or read whole when it
 * has page numbers): once with the trace writer, once with the cairo writer and once with the haru
 * writer. Outputs are aborted, never committed: nothing is kept. Only the public API is used
 * (render.h, page.h), so the layout may be split and rearranged without touching this file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/cindoc.h"
#include "render/render.h"

/* libFuzzer calls the function below many times in one process: the renderer (fonts and caches)
 * and the folder are made once, the only state kept between calls. */
static cd_renderer *renderer;
static char *dir, *fo_path, *out_path;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void setup(void)
{
	int rc = 0;
	if (!(renderer = cd_renderer_new(&rc)))
		abort();
	dir = g_dir_make_tmp("cindoc-fuzz-fo-XXXXXX", NULL);
	if (!dir)
		abort();
	fo_path = g_build_filename(dir, "in.fo", NULL);
	out_path = g_build_filename(dir, "out", NULL);
	char *logo = cd_datapath("tests/pdf/logo.png"), *bytes = NULL;
	gsize len = 0;
	char *copy = g_build_filename(dir, "logo.png", NULL);
	if (g_file_get_contents(logo, &bytes, &len, NULL))
		g_file_set_contents(copy, bytes, (gssize)len, NULL);
	g_free(bytes);
	g_free(copy);
	g_free(logo);
}

static void render_with(const char *writer)
{
	const cd_writer_ops *w = cd_writer_find(writer);
	if (!w)
		return;
	cd_output *out = cd_output_new();
	cd_render_job *job = NULL;
	int rc = cd_render_begin(renderer, w, NULL, out, out_path, NULL, &job);
	if (rc == 0)
		rc = cd_render_add_file(job, fo_path);
	if (rc == 0) {
		int pages = 0;
		cd_render_end(job, &pages);
	} else if (job) {
		cd_render_abort(job);
	}
	cd_output_abort(out);
	cd_output_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!renderer)
		setup();
	FILE *fp = fopen(fo_path, "wb"); /* not g_file_set_contents: it would fsync every time */
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	render_with("trace");
	render_with("cairo");
	render_with("haru");
	return 0;
}
