/* SPDX-License-Identifier: MIT */
/* Renderers of a what-if comparison (engine/whatif.h) as text or CSV,
 * appended to a caller-owned struct buf. */
#ifndef TANDEM_WHATIF_TEXT_H
#define TANDEM_WHATIF_TEXT_H

#include "base/buf.h"
#include "engine/whatif.h"
#include "report/i18n.h"

/* One line per subject: "person s1 (sales): 67.20 C → 70.10 B (+2.90 = S2
 * +3.10 + S1 -0.20 + S3 0.00)": the total's change and each category's
 * change in contribution, which add up to it (engine/whatif.h). */
void report_whatif_text(const struct whatif *w, enum lang lang, struct buf *out);
/* Header subject_kind,subject_id,org,old_total,new_total,delta,old_grade,
 * new_grade,movers,contributions; movers (category score changes) as
 * "S2:+5.00;S1:-1.20", contributions (changes in contribution, adding up
 * to delta) the same way; n/a as an empty cell. */
void report_whatif_csv(const struct whatif *w, struct buf *out);
/* The comparison as one JSON object: year, old_model, new_model and rows
 * with totals, delta, grades, movers and contributions ({category, old,
 * new, delta}: old and new rounded, delta rounded so the row's deltas add
 * up to its delta). */
void report_whatif_json(const struct whatif *w, const char *old_model, const char *new_model,
			struct buf *out);
/* Appends hundredths h as a signed number: "+2.90", "-1.20", "0.00". */
void report_hundredths(struct buf *out, long h);

#endif
