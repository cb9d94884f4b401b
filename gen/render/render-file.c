/* render/render-file.c - one output file from FO documents, start to end (render.h). */
#include "render/render.h"

int cd_render_file(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts, cd_output *out,
                   const char *path, cd_render_fill fill, void *data, int *pages)
{
	cd_output *own = out ? NULL : cd_output_new();
	cd_render_job *job = NULL;
	int n = 0;
	int rc = cd_render_begin(r, w, writer_opts, out ? out : own, path, NULL, &job);
	if (rc == 0)
		rc = fill(job, data);
	if (rc == CD_RENDER_NOTHING) {
		rc = 0; /* nothing to write: no file */
	} else if (rc == 0) {
		rc = cd_render_end(job, &n);
		job = NULL;
		if (rc == 0 && own)
			rc = cd_output_commit(own);
	}
	if (job)
		cd_render_abort(job);
	if (rc < 0 && own)
		cd_output_abort(own);
	cd_output_free(own);
	if (pages)
		*pages = rc == 0 ? n : 0;
	return rc;
}

struct one_doc {
	xmlDocPtr fo;
	const char *name;
};

static int add_one(cd_render_job *job, void *data)
{
	const struct one_doc *d = data;
	return cd_render_add_doc(job, d->fo, d->name);
}

int cd_render_doc_file(cd_renderer *r, const cd_writer_ops *w, const char *writer_opts, cd_output *out,
                       const char *path, xmlDocPtr fo, const char *name, int *pages)
{
	struct one_doc d = { fo, name };
	return cd_render_file(r, w, writer_opts, out, path, add_one, &d, pages);
}
