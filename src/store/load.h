/* SPDX-License-Identifier: MIT */
/* Loading what the engine needs from the store into a struct dataset. */
#ifndef TANDEM_LOAD_H
#define TANDEM_LOAD_H

#include "domain/dataset.h"
#include "store/store.h"

/* Fills ds with every record, references resolved to indices, arrays
 * sorted by key. Measurements arrive as monthly sums (struct metric_month)
 * of the rows dated within [go_live_on, end_on] of their contract and on or
 * before last_day (the evaluation year's last day; DAY_NONE for all). The
 * caller frees ds with dataset_free(). */
int store_load(struct store *s, day_t last_day, struct dataset *ds, struct buf *err);

#endif
