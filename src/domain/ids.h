/* SPDX-License-Identifier: MIT */
/* The id a new record is offered: the kind's own pattern (a prefix and a
 * number, "P-S12", "C007") continued past the highest number in use. Pure;
 * nothing here allocates. */
#ifndef TANDEM_IDS_H
#define TANDEM_IDS_H

#include <stddef.h>

/* Writes into out (cap bytes) the next free id after ids: of the prefixes
 * followed by digits, the one most ids use (ties: the first in byte
 * order), with its highest number plus one, zero-padded to that id's
 * width. Returns 0, or -1 when no id ends in a number (out is then ""). */
int id_next(const char *const *ids, size_t n, char *out, size_t cap);

#endif
