/* SPDX-License-Identifier: MIT */
/* Problems (domain/validate.h) and an import preview (domain/preview.h) as
 * JSON and back: a job keeps them in the store this way, so that whichever
 * server shows the job renders them in its reader's language. The _json
 * functions append to out; the _parse functions fill a zeroed list or
 * preview that the caller releases (problems_release, preview_release),
 * and return 0, or -1 when the text is not what _json wrote. */
#ifndef TANDEM_PREVIEW_JSON_H
#define TANDEM_PREVIEW_JSON_H

#include "base/buf.h"
#include "domain/preview.h"
#include "domain/validate.h"

void problems_json(const struct problem_list *l, struct buf *out);
int problems_parse(const char *json, struct problem_list *out);
void preview_json(const struct preview *p, struct buf *out);
int preview_parse(const char *json, struct preview *out);

#endif
