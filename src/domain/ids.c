/* SPDX-License-Identifier: MIT */
/* The next free id in a kind's pattern (ids.h). */
#include "domain/ids.h"

#include <stdio.h>
#include <string.h>

/* The length of id's prefix before its trailing digits; -1 without any. */
static long prefix_len(const char *id, size_t *digits)
{
	size_t len = strlen(id), p = len;
	while (p > 0 && id[p - 1] >= '0' && id[p - 1] <= '9')
		p--;
	*digits = len - p;
	return *digits && *digits <= 18 ? (long)p : -1;
}

static unsigned long long number_of(const char *s, size_t n)
{
	unsigned long long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(s[i] - '0');
	return v;
}

int id_next(const char *const *ids, size_t n, char *out, size_t cap)
{
	const char *best = NULL;       /* an id carrying the chosen prefix */
	size_t best_count = 0, best_plen = 0;
	if (cap)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t d, count = 0;
		long pl = prefix_len(ids[i], &d);
		if (pl < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			size_t dj;
			if (prefix_len(ids[j], &dj) == pl && !memcmp(ids[j], ids[i], (size_t)pl))
				count++;
		}
		int cmp = best ? memcmp(ids[i], best, (size_t)pl < best_plen ? (size_t)pl : best_plen) : 0;
		if (!best || count > best_count ||
		    (count == best_count && (cmp < 0 || (cmp == 0 && (size_t)pl < best_plen)))) {
			best = ids[i];
			best_count = count;
			best_plen = (size_t)pl;
		}
	}
	if (!best)
		return -1;
	unsigned long long max = 0;
	size_t width = 0;
	for (size_t i = 0; i < n; i++) {
		size_t d;
		if (prefix_len(ids[i], &d) != (long)best_plen || memcmp(ids[i], best, best_plen))
			continue;
		unsigned long long v = number_of(ids[i] + best_plen, d);
		if (v > max || (v == max && d > width)) {
			max = v;
			width = d;
		}
	}
	int w = snprintf(out, cap, "%.*s%0*llu", (int)best_plen, best, (int)width, max + 1);
	return w < 0 || (size_t)w >= cap ? (cap ? (out[0] = '\0', -1) : -1) : 0;
}
