/* SPDX-License-Identifier: MIT */
/* Writing JSON text by hand where exact decimals and a fixed key order
 * matter (exports, score evidence). */
#ifndef TANDEM_JSONW_H
#define TANDEM_JSONW_H

#include "base/buf.h"

/* Appends s as a quoted JSON string, escaping as RFC 8259 requires (and
 * '<', '>' and '&' as \u escapes, so the text is also safe inside HTML). */
void json_write_string(struct buf *out, const char *s, size_t len);
/* s (NUL-terminated) as json_write_string does, or null when s is NULL. */
void json_write_string_or_null(struct buf *out, const char *s);
/* The same without the HTML escapes: for canonical files people read (the
 * model's JSON, score reports). */
void json_write_string_plain(struct buf *out, const char *s, size_t len);
/* s (NUL-terminated) as json_write_string_plain does. */
void json_write_plain(struct buf *out, const char *s);
/* A newline and two spaces per level: the indentation of the hand-ordered
 * writers (the model's canonical JSON, the JSON score report). */
void json_write_indent(struct buf *out, int level);

#endif
