/* SPDX-License-Identifier: MIT */
/* Readable reports in English or Korean, appended to a caller-owned struct
 * buf: the scorecard of a year (company, org units, people: total, grade,
 * coverage, categories) and `explain`, the step-by-step account of one
 * contract criterion drawn from its evidence. */
#ifndef TANDEM_SCORES_TEXT_H
#define TANDEM_SCORES_TEXT_H

#include "base/buf.h"
#include "engine/score.h"
#include "io/feed.h"
#include "report/i18n.h"

void report_scores_text(const struct scores *s, enum lang lang, struct buf *out);

/* Explains criterion criterion_id of contract contract_id. Returns 0, or −1
 * with a message in err ("no score for contract 'C9' and criterion 'S3.1'"). */
int report_explain(const struct scores *s, const char *contract_id,
		   const char *criterion_id, enum lang lang, struct buf *out,
		   struct buf *err);

/* The days an explanation of the criterion covers with its month table
 * (S2.1, S3.1, S3.2): 1 with *from and *to; 0 for other criteria or when
 * the criterion is not scored. */
int report_explain_span(const struct scores *s, const char *contract_id, const char *criterion_id,
			day_t *from, day_t *to);
/* report_explain(), and after the months the SLA feeds the contract's
 * daily measurements of those days came from (fe: store_feed_evidence()
 * over report_explain_span()): metric, days, format, source id and files. */
int report_explain_feeds(const struct scores *s, const char *contract_id, const char *criterion_id,
			 const struct feed_evidence *fe, size_t n_fe, enum lang lang, struct buf *out,
			 struct buf *err);

/* A scoring function in words ("0 points at 0.5 or less, 100 at 1 or
 * more, in proportion between"), appended to out. */
void report_scoring_words(const struct scoring *s, enum lang lang, struct buf *out);

#endif
