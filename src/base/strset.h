/* SPDX-License-Identifier: MIT */
/* A set of strings (open addressing, FNV-1a). The set owns copies of the
 * strings it holds; strset_clear() frees them. */
#ifndef TANDEM_STRSET_H
#define TANDEM_STRSET_H

#include <stddef.h>

struct strset {
	char **slots;
	size_t cap, len;
};
#define STRSET_INIT { NULL, 0, 0 }

/* Adds s (len bytes); returns 1 if it was new, 0 if already present. */
int strset_add(struct strset *set, const char *s, size_t len);
int strset_has(const struct strset *set, const char *s, size_t len);
void strset_clear(struct strset *set);

#endif
