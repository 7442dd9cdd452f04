/* SPDX-License-Identifier: MIT */
/* Renderers of a what-if comparison (engine/whatif.h) as text or CSV,
 * appended to a caller-owned struct buf. */
#ifndef TANDEM_WHATIF_TEXT_H
#define TANDEM_WHATIF_TEXT_H

#include "base/buf.h"
#include "engine/whatif.h"
#include "report/i18n.h"

/* One line per subject: "person s1 (sales): 67.20 C → 70.10 B (+2.90); S2 +5.00, S1 -1.20". */
void report_whatif_text(const struct whatif *w, enum lang lang, struct buf *out);
/* Header subject_kind,subject_id,org,old_total,new_total,delta,old_grade,new_grade,movers;
 * movers as "S2:+5.00;S1:-1.20"; n/a as an empty cell. */
void report_whatif_csv(const struct whatif *w, struct buf *out);

#endif
