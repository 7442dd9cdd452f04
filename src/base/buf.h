/* SPDX-License-Identifier: MIT */
/* A growable byte buffer, always NUL-terminated and never NULL inside (after
 * git's strbuf). Whoever owns a struct buf releases it with buf_release();
 * buf_detach() hands the storage to the caller, who frees it with xfree(). */
#ifndef TANDEM_BUF_H
#define TANDEM_BUF_H

#include "base/alloc.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf {
	char *data;   /* NUL-terminated; points at buf_empty when cap == 0 */
	size_t len;
	size_t cap;
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
/* Returns the storage (NUL-terminated); the caller frees it with xfree(). */
char *buf_detach(struct buf *b, size_t *len);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void buf_setlen(struct buf *b, size_t len);

/* Whether the n bytes at a and b are equal: memcmp() for the short ids of
 * a hot loop, inline and 8 bytes at a time. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	for (; n >= 8; a += 8, b += 8, n -= 8) {
		uint64_t x, y;
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

/* qsort(3) that accepts an empty (NULL) array: qsort's arguments are
 * declared non-null, and UBSan holds us to it. */
void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Grow an array of elements of size sz to hold at least need elements. */
#define ALLOC_GROW(p, need, cap) do { \
	if ((size_t)(need) > (cap)) { \
		size_t alloc_grow_n_ = (cap) ? (cap) * 2 : 16; \
		while (alloc_grow_n_ < (size_t)(need)) alloc_grow_n_ *= 2; \
		(p) = xrealloc((p), alloc_grow_n_ * sizeof(*(p))); \
		(cap) = alloc_grow_n_; \
	} \
} while (0)

#endif
