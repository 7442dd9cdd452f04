/* SPDX-License-Identifier: MIT */
/* `tandem score --format csv`: the scores of a year as the CSV of SPEC §5,
 * appended to a caller-owned struct buf. */
#ifndef TANDEM_SCORES_CSV_H
#define TANDEM_SCORES_CSV_H

#include "base/buf.h"
#include "engine/score.h"

/* Appends the header and every row (LF line ends) to out. */
void report_scores_csv(const struct scores *s, struct buf *out);

#endif
