/* SPDX-License-Identifier: MIT */
/* `tandem score --format json`: the rows of the CSV plus the evidence behind
 * every value, byte-deterministic, appended to a caller-owned struct buf. */
#ifndef TANDEM_SCORES_JSON_H
#define TANDEM_SCORES_JSON_H

#include "base/buf.h"
#include "engine/score.h"

/* Appends the document (ending in a newline) to out. Numbers are printed by
 * engine/numfmt exactly as in the CSV (33.33, 1.00, 0.6667) and written as
 * JSON numbers; n/a and empty cells are null. Record values (money, SLA
 * sums, targets) are exact decimals. Keys come in a fixed order. */
void report_scores_json(const struct scores *s, struct buf *out);

#endif
