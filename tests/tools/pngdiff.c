/* pngdiff.c - compares two PNG images of the same size, pixel by pixel.
 *
 *   pngdiff A.png B.png MAX_PERCENT
 *
 * A pixel differs when one of its channels differs by more than 64 (of 255): anti-aliasing
 * noise along glyph edges stays under that, a missing or moved glyph does not. Prints
 * "N of M pixels differ (P%), mean difference D" and exits 0 when P <= MAX_PERCENT, 1 when
 * more differ, 2 on a usage or read error (different sizes included). */
#include <stdio.h>
#include <stdlib.h>
#include <cairo.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: pngdiff A.png B.png MAX_PERCENT\n");
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
	long differ = 0;
	double sum = 0;
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			int worst = 0;
			for (int c = 0; c < 4; c++) {
				int d = abs(pa[y * sa + 4 * x + c] - pb[y * sb + 4 * x + c]);
				if (d > worst)
					worst = d;
				sum += d;
			}
			if (worst > 64)
				differ++;
		}
	}
	double pct = 100.0 * differ / ((double)w * h);
	printf("%ld of %ld pixels differ (%.3f%%), mean difference %.3f\n", differ, (long)w * h, pct,
	       sum / ((double)w * h * 4));
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return pct <= atof(argv[3]) ? 0 : 1;
}
