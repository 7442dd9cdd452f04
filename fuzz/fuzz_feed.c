/* SPDX-License-Identifier: MIT */
/* libFuzzer target for the feed readers of io/ (docs/feeds.md) that take
 * their bytes in place: the Genesys scanner and the interval report's lean
 * lines. Each is checked against the ordinary reader: the input is also
 * given in a form only the ordinary reader takes (a key written with an
 * escape; a quoted extra column), and when both read it without a
 * problem they must give the same intervals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/feed.h"

#define MAX_IV 256

struct got {
	struct feed_interval iv[MAX_IV];
	char ids[MAX_IV][64];
	int n;
};

static int take(void *ctx, const struct feed_interval *iv)
{
	struct got *g = ctx;
	if (g->n >= MAX_IV)
		return 1;
	g->iv[g->n] = *iv;
	snprintf(g->ids[g->n], sizeof g->ids[0], "%.*s", (int)(iv->source_len < 63 ? iv->source_len : 63),
		 iv->source_id);
	g->iv[g->n].source_id = NULL;
	g->n++;
	return 0;
}

static uint64_t run(const char *format, const struct feed_map *m, const char *data, size_t len,
		    struct got *g)
{
	struct feed_sink sink = { g, take, NULL, NULL };
	struct feed_file f = { "f", NULL, data, len };
	struct buf errors = BUF_INIT;
	uint64_t n = 0;
	g->n = 0;
	feed_format_find(format)->parse(&f, m, &sink, &errors, &n);
	buf_release(&errors);
	return n;
}

static void same(const struct got *a, const struct got *b)
{
	if (a->n != b->n)
		abort();
	for (int i = 0; i < a->n; i++) {
		const struct feed_interval *x = &a->iv[i], *y = &b->iv[i];
		if (strcmp(a->ids[i], b->ids[i]) || x->start != y->start || x->offered != y->offered ||
		    x->answered != y->answered || x->within != y->within || x->abandoned != y->abandoned ||
		    x->short_abandoned != y->short_abandoned || x->handled != y->handled ||
		    x->handle_us != y->handle_us || x->wait_us != y->wait_us)
			abort();
	}
}

static struct got a, b;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct feed_map *map;
	const char *s = (const char *)data;
	struct buf v = BUF_INIT;
	if (!map) {
		static const char text[] = "{\"timezone\": \"Asia/Seoul\", \"queues\": [{\"source_id\": \"A\","
			" \"contract_id\": \"K1\", \"metrics\": {\"SL\": \"service_level\", \"AHT\": \"handle_time\","
			" \"ABN\": \"abandon_rate\", \"ASA\": \"speed_of_answer\"}}]}";
		struct buf e = BUF_INIT;
		if (feed_map_read("map.json", text, sizeof text - 1, &map, &e))
			abort();
		buf_release(&e);
	}
	/* Genesys: the same response with an extra key written with an escape
	 * (which the scanner leaves to the tree reader). */
	size_t i = 0;
	while (i < size && (s[i] == ' ' || s[i] == '\n'))
		i++;
	if (i < size && s[i] == '{') {
		size_t j = i + 1;
		while (j < size && (s[j] == ' ' || s[j] == '\n'))
			j++;
		if (j < size && s[j] == '"') {
			buf_add(&v, s, i + 1);
			buf_adds(&v, "\"x\\u0041\": 0, ");
			buf_add(&v, s + i + 1, size - i - 1);
			uint64_t ea = run("genesys-aggregates", map, s, size, &a);
			uint64_t eb = run("genesys-aggregates", map, v.data, v.len, &b);
			if (!ea && eb)
				abort();   /* the scanner took what the tree reader refuses */
			if (!ea && !eb)
				same(&a, &b);
		}
	}
	/* Interval reports: the same lines with a quoted extra column (which
	 * the lean path leaves to the ordinary one). */
	if (size && !memchr(s, '"', size) && !memchr(s, '\r', size) && !memchr(s, '\0', size)) {
		buf_reset(&v);
		for (size_t k = 0; k < size; k++) {
			if (s[k] == '\n')
				buf_adds(&v, ",\"zz\"");
			buf_addc(&v, s[k]);
		}
		if (s[size - 1] != '\n')
			buf_adds(&v, ",\"zz\"");
		uint64_t ea = run("intervals", map, s, size, &a);
		uint64_t eb = run("intervals", map, v.data, v.len, &b);
		if (!ea && !eb)
			same(&a, &b);
	}
	buf_release(&v);
	return 0;
}
