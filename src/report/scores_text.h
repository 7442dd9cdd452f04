/* SPDX-License-Identifier: MIT */
/* Readable reports in English or Korean, appended to a caller-owned struct
 * buf: the scorecard of a year (company, org units, people: total, grade,
 * coverage, categories) and `explain`, the step-by-step account of one
 * contract criterion drawn from its evidence. */
#ifndef TANDEM_SCORES_TEXT_H
#define TANDEM_SCORES_TEXT_H

#include "base/buf.h"
#include "engine/score.h"
#include "report/i18n.h"

void report_scores_text(const struct scores *s, enum lang lang, struct buf *out);

/* Explains criterion criterion_id of contract contract_id. Returns 0, or −1
 * with a message in err ("no score for contract 'C9' and criterion 'S3.1'"). */
int report_explain(const struct scores *s, const char *contract_id,
		   const char *criterion_id, enum lang lang, struct buf *out,
		   struct buf *err);

/* A scoring function in words ("0 points at 0.5 or less, 100 at 1 or
 * more, in proportion between"), appended to out. */
void report_scoring_words(const struct scoring *s, enum lang lang, struct buf *out);

#endif
