/* SPDX-License-Identifier: MIT */
/* The string set of strset.h. */
#include "base/strset.h"

#include "base/buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t find(const struct strset *set, const char *s, size_t len)
{
	size_t i = hash(s, len) & (set->cap - 1);
	while (set->slots[i] && (strlen(set->slots[i]) != len || memcmp(set->slots[i], s, len)))
		i = (i + 1) & (set->cap - 1);
	return i;
}

int strset_has(const struct strset *set, const char *s, size_t len)
{
	return set->cap && set->slots[find(set, s, len)] != NULL;
}

int strset_add(struct strset *set, const char *s, size_t len)
{
	if ((set->len + 1) * 2 > set->cap) {
		struct strset bigger = { NULL, set->cap ? set->cap * 2 : 64, set->len };
		bigger.slots = xcalloc(bigger.cap, sizeof(char *));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				bigger.slots[find(&bigger, set->slots[i], strlen(set->slots[i]))] = set->slots[i];
		xfree(set->slots);
		*set = bigger;
	}
	size_t i = find(set, s, len);
	if (set->slots[i])
		return 0;
	set->slots[i] = xstrndup(s, len);
	set->len++;
	return 1;
}

void strset_clear(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		xfree(set->slots[i]);
	xfree(set->slots);
	set->slots = NULL;
	set->cap = set->len = 0;
}
