/* SPDX-License-Identifier: MIT */
/* Small helpers for writing JSON text into a caller-owned struct buf with a
 * fixed key order (model_to_json, the JSON score report): byte-deterministic
 * output without a DOM. */
#ifndef TANDEM_JSONOUT_H
#define TANDEM_JSONOUT_H

#include "base/buf.h"

/* Appends s as a JSON string literal (quoted, escaped; UTF-8 kept as is). */
void jsonout_string(struct buf *out, const char *s);
/* Appends a newline and two spaces per level. */
void jsonout_indent(struct buf *out, int level);

#endif
