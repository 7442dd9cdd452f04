/* SPDX-License-Identifier: MIT */
/* Writing the store's records back out in the SPEC §4 formats. */
#ifndef TANDEM_EXPORT_H
#define TANDEM_EXPORT_H

#include <stdio.h>

#include "domain/schema.h"
#include "store/store.h"

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* Writes every row of t to out, sorted by key (byte order), in the same
 * columns and cell formats the importer reads, so an export re-imports to
 * the same store. Returns 0, or -1 with err. */
int store_export_table(struct store *s, const struct table *t, enum export_format fmt,
		       FILE *out, struct buf *err);

#endif
