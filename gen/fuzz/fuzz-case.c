/* fuzz/fuzz-case.c - libFuzzer harness for the case loader and the lints (`make fuzz`).
 * Not part of gen/cindoc: the Makefile leaves gen/fuzz-*.c out of the normal build.
 * Every input goes through the safe parse, the schema and, when valid, every lint. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "case/case.h"
#include "base/cindoc.h"
#include "case/lint.h"

/* libFuzzer calls the function below many times in one process: the compiled schema and the
 * jargon list are made once (the only state kept between calls). */
static cd_schema *schema;
static cd_lint *lint;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int rc = 0;
	if (!schema && !(schema = cd_schema_load(&rc)))
		abort();
	if (!lint && !(lint = cd_lint_new(&rc)))
		abort();
	xmlDocPtr doc = NULL;
	if (cd_case_load_memory(schema, "fuzz.xml", (const char *)data, size, &doc) == 0) {
		struct cd_lint_counts n = { 0, 0 };
		cd_lint_case(lint, "fuzz.xml", doc, &n);
		xmlFreeDoc(doc);
	}
	return 0;
}
