/* SPDX-License-Identifier: MIT */
/* Renderers for the lifecycle results of engine/lifecycle.h: promise vs
 * delivery, alerts, the growth cycle, the referral tree and the track
 * record, as text, CSV, JSON and (the track record) HTML. Every number goes
 * through engine/numfmt.h. Each appends to a caller-owned struct buf. The
 * track record renderers are given no dataset, so they cannot print a
 * client's or a person's name. */
#ifndef TANDEM_LIFECYCLE_TEXT_H
#define TANDEM_LIFECYCLE_TEXT_H

#include "base/buf.h"
#include "domain/dataset.h"
#include "engine/lifecycle.h"
#include "report/i18n.h"

void report_promises_text(const struct lc_promises *p, const struct dataset *ds,
			  const struct lc_override *overrides, enum lang lang, struct buf *out);
void report_promises_csv(const struct lc_promises *p, const struct dataset *ds,
			 const struct lc_override *overrides, struct buf *out);
void report_promises_json(const struct lc_promises *p, const struct dataset *ds,
			  const struct lc_override *overrides, struct buf *out);

void report_alerts_text(const struct lc_alerts *a, const struct dataset *ds, enum lang lang,
			struct buf *out);
/* The evidence of one alert as one sentence (the text and JSON "message"),
 * for the web's alerts panel too. */
void report_alert_evidence(struct buf *out, const struct lc_alert *a, const struct dataset *ds,
			   enum lang lang);
void report_alerts_json(const struct lc_alerts *a, const struct dataset *ds, enum lang lang,
			struct buf *out);

void report_cycle_text(const struct lc_cycle_year *years, size_t n, enum lang lang,
		       struct buf *out);
void report_cycle_csv(const struct lc_cycle_year *years, size_t n, struct buf *out);
void report_cycle_json(const struct lc_cycle_year *years, size_t n, struct buf *out);

void report_referrals_text(const struct lc_referral *r, size_t n, const struct dataset *ds,
			   enum lang lang, struct buf *out);
void report_referrals_json(const struct lc_referral *r, size_t n, const struct dataset *ds,
			   struct buf *out);

void report_track_record_text(const struct lc_track_record *t, enum lang lang, struct buf *out);
void report_track_record_json(const struct lc_track_record *t, struct buf *out);
/* A whole print-ready HTML document with inline SVG charts. */
void report_track_record_html(const struct lc_track_record *t, enum lang lang, struct buf *out);

/* A proposal with its reviews and override as JSON (the CLI's `proposal
 * show --format json` and the API's proposal answers), appended to out. */
struct proposal_detail;
void report_proposal_json(const struct proposal_detail *d, struct buf *out);

#endif
