/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the evaluation model parser (engine/model.c): any
 * bytes must give a model or a list of errors, never a crash or a leak;
 * a model that parses must survive canonical JSON and parse again equal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m = NULL, *again = NULL;
	struct buf err = BUF_INIT;
	if (model_parse((const char *)data, size, "fuzz.json", &m, &err) == 0) {
		char *json = model_to_json(m);
		if (model_parse(json, strlen(json), "canonical.json", &again, &err) != 0)
			abort();   /* canonical JSON of a valid model must be valid */
		struct model_changes diff = MODEL_CHANGES_INIT;
		if (model_diff_changes(m, again, &diff) != 0)
			abort();   /* and must mean the same model */
		model_changes_release(&diff);
		free(json);
	}
	model_free(m);
	model_free(again);
	buf_release(&err);
	return 0;
}
