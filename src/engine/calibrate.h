/* SPDX-License-Identifier: MIT */
/* The yearly review's calibration (issue 17 item 1): a draft model whose
 * linear scoring bounds come from the company's own history. Pure
 * computation over scored years: no I/O. calibrate_run() returns a new
 * draft model (model_free) and a struct calibration (calibration_free),
 * both owned by the caller. */
#ifndef TANDEM_CALIBRATE_H
#define TANDEM_CALIBRATE_H

#include <stddef.h>

#include "base/buf.h"
#include "engine/model.h"
#include "engine/score.h"

/* Fewer values than this keep a measure's bounds. */
#define CALIBRATE_MIN_VALUES 5

/* Why a measure kept its bounds; CALIB_CHANGED when it got new ones (which
 * may equal the old ones). */
enum calib_outcome {
	CALIB_CHANGED,
	CALIB_BANDS,            /* not linear: bands are left to people */
	CALIB_TOO_FEW,          /* fewer than CALIBRATE_MIN_VALUES values */
	CALIB_FLAT,             /* P10 == P90: no spread to scale against */
};

struct calib_measure {
	enum org_kind org;
	const char *criterion;      /* borrowed from the draft model */
	const char *measure;
	enum calib_outcome outcome;
	size_t n;                   /* per-contract values over the years */
	long double p10, p50, p90;  /* when n > 0 */
	struct scoring old_scoring; /* copies; bands point into the draft */
	struct scoring new_scoring;
};

struct calibration {
	int year;                   /* the year the draft is for */
	int first_year, last_year;  /* the history used: year−N .. year−1 */
	struct calib_measure *rows; /* model order: sales, then operations */
	size_t n_rows;
};

/* The nearest-rank percentile p (1..100) of the n sorted values: the value
 * of rank ceil(p·n/100), at least 1. n must be > 0. */
long double calibrate_percentile(const long double *sorted, size_t n, int p);

/* Builds the draft for `year` from `from` and the scorings of the years
 * before it (history[0..n_history), each scored under `from`; their years
 * are reported as first_year..last_year). For every linear measure of the
 * model: values = the measure's available value on every contract scored
 * for its organization in every history year; with at least
 * CALIBRATE_MIN_VALUES values and P10 != P90, zero = P10 and full = P90 when
 * higher is better (zero < full), zero = P90 and full = P10 when lower is
 * better; otherwise the bounds are kept. Weights and everything else are
 * copied. The draft's year is `year`; its description says where it came
 * from. Returns 0, or −1 with a message in err. */
int calibrate_run(const struct model *from, const struct scores *const *history,
		  size_t n_history, int year, struct model **draft,
		  struct calibration **out, struct buf *err);
/* The same for the measures of some organizations only: orgs[ORG_SALES]
 * and orgs[ORG_OPERATIONS] say which are calibrated; the other's rows are
 * left out of the calibration and its scoring is copied as is. */
int calibrate_run_orgs(const struct model *from, const struct scores *const *history,
		       size_t n_history, int year, const int orgs[2], struct model **draft,
		       struct calibration **out, struct buf *err);
/* Scores the n_years years before `year` from ds under base (ds must hold
 * the data up to the last of them) and calibrates for the organizations in
 * orgs[2]; the same results as calibrate_run_orgs(). n_years is 1..20. */
int calibrate_from(const struct model *base, const struct dataset *ds, int year, int n_years,
		   const int orgs[2], struct model **draft, struct calibration **out,
		   struct buf *err);
void calibration_free(struct calibration *c);

#endif
