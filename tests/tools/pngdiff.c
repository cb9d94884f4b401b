/* pngdiff.c - compares two PNG images of the same size.
 *
 *   pngdiff A.png B.png MAX_PERCENT [BLOCK]
 *
 * Both images are averaged over blocks of BLOCK x BLOCK pixels (default 3), which evens out
 * the anti-aliasing of two rasterisers (poppler and Cairo place glyph edges a little apart);
 * a block differs when one of its channels differs by more than 48 (of 255): a missing, moved
 * or different glyph does. Prints "N of M blocks differ (P%), mean difference D" and exits 0
 * when P <= MAX_PERCENT, 1 when more differ, 2 on a usage or read error (sizes differ). */
#include <stdio.h>
#include <stdlib.h>
#include <cairo.h>

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: pngdiff A.png B.png MAX_PERCENT [BLOCK]\n");
		return 2;
	}
	cairo_surface_t *a = cairo_image_surface_create_from_png(argv[1]);
	cairo_surface_t *b = cairo_image_surface_create_from_png(argv[2]);
	if (cairo_surface_status(a) || cairo_surface_status(b)) {
		fprintf(stderr, "pngdiff: cannot read '%s'\n", cairo_surface_status(a) ? argv[1] : argv[2]);
		return 2;
	}
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		fprintf(stderr, "pngdiff: sizes differ: %dx%d and %dx%d\n", w, h,
		        cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
		return 2;
	}
	cairo_surface_flush(a);
	cairo_surface_flush(b);
	const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
	int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
	int k = argc == 5 ? atoi(argv[4]) : 3;
	if (k < 1)
		k = 1;
	long differ = 0, blocks = 0;
	double sum = 0;
	for (int by = 0; by + k <= h; by += k) {
		for (int bx = 0; bx + k <= w; bx += k) {
			int worst = 0;
			for (int c = 0; c < 4; c++) {
				long ta = 0, tb = 0;
				for (int y = by; y < by + k; y++)
					for (int x = bx; x < bx + k; x++) {
						ta += pa[y * sa + 4 * x + c];
						tb += pb[y * sb + 4 * x + c];
					}
				int d = (int)(labs(ta - tb) / (k * k));
				if (d > worst)
					worst = d;
				sum += d;
			}
			if (worst > 48)
				differ++;
			blocks++;
		}
	}
	double pct = blocks ? 100.0 * differ / blocks : 0;
	printf("%ld of %ld blocks differ (%.3f%%), mean difference %.3f\n", differ, blocks, pct,
	       blocks ? sum / (blocks * 4.0) : 0);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return pct <= atof(argv[3]) ? 0 : 1;
}
