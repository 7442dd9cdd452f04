/* SPDX-License-Identifier: MIT */
/* Loading what the engine needs from the store into a struct dataset. */
#ifndef TANDEM_LOAD_H
#define TANDEM_LOAD_H

#include "domain/dataset.h"
#include "store/store.h"

/* Fills ds with every record, references resolved to indices, arrays
 * sorted by key. Measurements arrive as monthly sums (struct metric_month)
 * of the rows on the days window lets in for their contract and last_day
 * (the evaluation year's last day; DAY_NONE for all): which days count is
 * the caller's rule (the engine's score_day_window, handed over by
 * app_load_data), the loader only sums them. The caller frees ds with
 * dataset_free(). */
int store_load(struct store *s, day_t last_day, day_window_fn window, struct dataset *ds,
	       struct buf *err);

#endif
