/* SPDX-License-Identifier: MIT */
/* `tandem score --format csv`: the scores of a year as the CSV of SPEC §5,
 * appended to a caller-owned struct buf. */
#ifndef TANDEM_SCORES_CSV_H
#define TANDEM_SCORES_CSV_H

#include "base/buf.h"
#include "engine/score.h"

/* Appends the header and every row (LF line ends) to out. */
void report_scores_csv(const struct scores *s, struct buf *out);

/* Compares two score CSVs (sorted, as report_scores_csv writes them):
 * appends each line of frozen missing from now as "- frozen: LINE" and each
 * line of now missing from frozen as "+ now: LINE" (tandem verify, and the
 * web's verify). */
void report_scores_csv_diff(const char *frozen, const char *now, struct buf *out);

#endif
