/* SPDX-License-Identifier: MIT */
/* The JSON feed formats: Genesys Cloud conversation aggregates, Amazon
 * Connect GetMetricDataV2, NICE CXone skills summaries and Zendesk ticket
 * metric events, each read from the shape its public API reference
 * documents into canonical intervals or ticket SLAs (io/feed.h). A problem
 * is reported as "FILE: path.to.field: message". Nothing returned is
 * allocated for the caller. */
#include "io/feed_impl.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void feed_error(struct feed_errors *e, const char *fmt, ...)
{
	va_list ap;
	e->n++;
	if (e->n > FEED_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	buf_vaddf(e->out, fmt, ap);
	va_end(ap);
	buf_addc(e->out, '\n');
}

/* Loads a whole JSON file; a syntax error is reported FILE:LINE:COLUMN. */
static json_t *load(const struct feed_file *f, struct feed_errors *e)
{
	json_error_t je;
	json_t *root = f->data ? json_loadb(f->data, f->len, 0, &je) : json_load_file(f->path, 0, &je);
	if (!root) {
		if (je.line > 0)
			feed_error(e, "%s:%d:%d: %s", f->name, je.line, je.column, je.text);
		else
			feed_error(e, "%s: %s", f->name, je.text);
	}
	return root;
}

/* A path for messages: "results[2].data[0].interval". */
struct jpath {
	char text[256];
};

static const char *at(struct jpath *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *at(struct jpath *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->text, sizeof p->text, fmt, ap);
	va_end(ap);
	return p->text;
}

/* A count: a whole number >= 0 (a JSON real with no fraction too). */
static int count_of(json_t *v, int64_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v) && json_real_value(v) >= 0 && json_real_value(v) < 9e15 &&
	    json_real_value(v) == floor(json_real_value(v))) {
		*out = (int64_t)json_real_value(v);
		return 0;
	}
	return -1;
}

/* Seconds (or milliseconds, scale 1000) as micro-seconds-of-a-second:
 * exact for whole numbers and for reals with at most 6 decimals of a
 * second. */
static int seconds_of(json_t *v, int64_t scale, micro_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) < INT64_MAX / (MICRO_ONE / scale + 1)) {
		*out = json_integer_value(v) * (MICRO_ONE / scale);
		return 0;
	}
	if (json_is_real(v) && json_real_value(v) >= 0 && json_real_value(v) < 9e12) {
		*out = llround(json_real_value(v) * (double)(MICRO_ONE / scale));
		return 0;
	}
	return -1;
}

/* An ISO-8601 duration ("PT4M5.5S", "P1DT2H") or plain seconds. */
static int duration_of(json_t *v, micro_t *out)
{
	const char *s = json_string_value(v);
	micro_t total = 0;
	int in_time = 0;
	if (!s)
		return seconds_of(v, 1, out);
	if (*s != 'P')
		return -1;
	for (s++; *s;) {
		if (*s == 'T') {
			in_time = 1;
			s++;
			continue;
		}
		const char *start = s;
		while ((*s >= '0' && *s <= '9') || *s == '.')
			s++;
		micro_t n;
		if (s == start || decimal_parse(start, (size_t)(s - start), &n) != DECIMAL_OK)
			return -1;
		int64_t unit = *s == 'D' && !in_time ? 86400 : *s == 'H' && in_time ? 3600
			: *s == 'M' && in_time ? 60 : *s == 'S' && in_time ? 1 : 0;
		if (!unit || n > INT64_MAX / unit / 2)
			return -1;
		total += n * unit;
		s++;
	}
	*out = total;
	return 0;
}

/* An instant: epoch seconds (a number) or ISO text. */
static int instant_of(json_t *v, struct feed_tz *tz, int64_t *out)
{
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_real(v) && json_real_value(v) == floor(json_real_value(v))) {
		*out = (int64_t)json_real_value(v);
		return 0;
	}
	if (json_is_string(v))
		return feed_parse_time(json_string_value(v), json_string_length(v), tz, out);
	return -1;
}

/* The text of an id written as a string or a number (into tmp). */
static const char *id_of(json_t *v, char tmp[32])
{
	if (json_is_string(v) && json_string_length(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, 32, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	return NULL;
}

static json_t *array_at(json_t *root, const char *key, const struct feed_file *f,
			struct feed_errors *e)
{
	json_t *a = json_is_object(root) ? json_object_get(root, key) : NULL;
	if (!json_is_object(root))
		feed_error(e, "%s: (top): not a JSON object with '%s'", f->name, key);
	else if (!a)
		feed_error(e, "%s: %s: missing", f->name, key);
	else if (!json_is_array(a))
		feed_error(e, "%s: %s: not an array", f->name, key);
	else
		return a;
	return NULL;
}

/* --- genesys-aggregates: the scanner --------------------------------------- */

/* The statistics read, per metric: the field of feed_interval_set() and,
 * for a sum of milliseconds, its scale. Both readers below use it. */
enum { STAT_COUNT, STAT_SUM, STAT_NUMERATOR, N_STATS };
static const char *const stat_names[N_STATS] = { "count", "sum", "numerator" };
static const size_t stat_lens[N_STATS] = { 5, 3, 9 };
#define USE(metric, stat, field, scale) { metric, sizeof metric - 1, stat, field, scale }
static const struct {
	const char *metric;
	size_t metric_len;
	int stat;                   /* STAT_* */
	int field;
	int64_t scale;
} genesys_uses[] = {
	USE("nOffered", STAT_COUNT, 0, 0), USE("tAnswered", STAT_COUNT, 1, 0),
	USE("tAnswered", STAT_SUM, 7, 1000), USE("tAbandon", STAT_COUNT, 3, 0),
	USE("tShortAbandon", STAT_COUNT, 4, 0), USE("tHandle", STAT_COUNT, 5, 0),
	USE("tHandle", STAT_SUM, 6, 1000), USE("oServiceLevel", STAT_NUMERATOR, 2, 0),
};
#undef USE

/* A Genesys response is read first by a scanner of its own over the bytes,
 * without a JSON tree (a tree of ~45 small blocks an interval was most of
 * the import's time). It takes only what is plainly well-formed: ASCII
 * strings without escapes, integers of at most 18 digits where a count or
 * a sum is read, every key it reads given once, "group" before "data",
 * valid intervals. Anything else — and every file with a problem — is read
 * again by the tree reader below, which reports it; nothing is given to
 * the sink before the whole file has been scanned, so both ways give the
 * same intervals. */
struct scan {
	const char *p, *end;
};

struct scanned {
	const char *source;
	size_t source_len;
	int64_t start;
	int64_t v[8];               /* offered .. wait µs, as feed_interval_set() */
};

struct scan_out {
	struct scanned *iv;
	size_t n, cap;
};

static void scan_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

static int scan_char(struct scan *s, char ch)
{
	scan_ws(s);
	if (s->p < s->end && *s->p == ch) {
		s->p++;
		return 1;
	}
	return 0;
}

/* Bytes of a string the scanner takes: printable ASCII but '"' and '\'. */
static const unsigned char str_byte[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1,
};

/* A string of printable ASCII without escapes. */
static int scan_str(struct scan *s, const char **out, size_t *len)
{
	scan_ws(s);
	if (s->p >= s->end || *s->p != '"')
		return 0;
	const char *q = ++s->p, *end = s->end, *p = q;
	while (p < end && str_byte[(unsigned char)*p])
		p++;
	if (p >= end || *p != '"')
		return 0;
	*out = q;
	*len = (size_t)(p - q);
	s->p = p + 1;
	return 1;
}

/* Is the key k (len bytes) the literal name? */
#define SAME_KEY(k, len, name) ((len) == sizeof name - 1 && !memcmp(k, name, sizeof name - 1))

/* A JSON number (no exponent); *whole is its value when it is an integer
 * >= 0 of at most 18 digits, else -1. */
static int scan_num(struct scan *s, int64_t *whole)
{
	const char *q, *digits;
	int neg = 0, frac = 0;
	int64_t v = 0;
	scan_ws(s);
	q = s->p;
	if (q < s->end && *q == '-') {
		neg = 1;
		q++;
	}
	digits = q;
	if (q < s->end && *q == '0') {
		q++;
	} else {
		/* At most 18 digits (int64 holds them all); a 19th is left for
		 * the check below, which hands the file to the tree reader. */
		while (q < s->end && *q >= '0' && *q <= '9' && q - digits < 18)
			v = v * 10 + (*q++ - '0');
	}
	if (q == digits || (q < s->end && *q >= '0' && *q <= '9'))
		return 0;
	if (q < s->end && *q == '.') {
		const char *f = ++q;
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
		if (q == f)
			return 0;
		frac = 1;
	}
	if (q < s->end && (*q == 'e' || *q == 'E'))
		return 0;
	*whole = neg || frac ? -1 : v;
	s->p = q;
	return 1;
}

static int scan_word(struct scan *s, const char *w, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n))
		return 0;
	s->p += n;
	return 1;
}

/* The one walk over an object's members and an array's elements that
 * every reader below shares: fn reads each member's value (after its key
 * and ':') or each element, and returns 1, or 0 when the scanner must give
 * up. An empty object is taken only when empty_ok; an empty array always.
 * 1 when the whole object or array was read. */
typedef int (*scan_member_fn)(void *ctx, struct scan *s, const char *key, size_t key_len);
typedef int (*scan_element_fn)(void *ctx, struct scan *s);

static inline int scan_object(struct scan *s, int empty_ok, scan_member_fn fn, void *ctx)
{
	const char *k;
	size_t kl;
	if (!scan_char(s, '{'))
		return 0;
	if (scan_char(s, '}'))
		return empty_ok;
	do {
		if (!scan_str(s, &k, &kl) || !scan_char(s, ':') || !fn(ctx, s, k, kl))
			return 0;
	} while (scan_char(s, ','));
	return scan_char(s, '}');
}

static inline int scan_array(struct scan *s, scan_element_fn fn, void *ctx)
{
	if (!scan_char(s, '['))
		return 0;
	if (scan_char(s, ']'))
		return 1;
	do {
		if (!fn(ctx, s))
			return 0;
	} while (scan_char(s, ','));
	return scan_char(s, ']');
}

/* Any value, checked and passed over (nested at most 64 deep). */
static int scan_skip(struct scan *s, int depth);

static int skip_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	(void)k;
	(void)kl;
	return scan_skip(s, *(int *)ctx + 1);
}

static int skip_element(void *ctx, struct scan *s)
{
	return scan_skip(s, *(int *)ctx + 1);
}

static int scan_skip(struct scan *s, int depth)
{
	const char *k;
	size_t kl;
	int64_t w;
	scan_ws(s);
	if (s->p >= s->end || depth > 64)
		return 0;
	switch (*s->p) {
	case '"':
		return scan_str(s, &k, &kl);
	case '{':
		return scan_object(s, 1, skip_member, &depth);
	case '[':
		return scan_array(s, skip_element, &depth);
	case 't':
		return scan_word(s, "true", 4);
	case 'f':
		return scan_word(s, "false", 5);
	case 'n':
		return scan_word(s, "null", 4);
	default:
		return scan_num(s, &w);
	}
}

/* One {"metric": NAME, "stats": {...}}: its values into v. */
struct metric_scan {
	const char *name;
	size_t name_len;
	int64_t stat[N_STATS];
	int have_stat[N_STATS], have_stats;
};

static int stat_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct metric_scan *m = ctx;
	for (int i = 0; i < N_STATS; i++)
		if (kl == stat_lens[i] && !memcmp(k, stat_names[i], kl)) {
			if (m->have_stat[i] || !scan_num(s, &m->stat[i]))
				return 0;
			m->have_stat[i] = 1;
			return 1;
		}
	return scan_skip(s, 0);
}

static int metric_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct metric_scan *m = ctx;
	if (SAME_KEY(k, kl, "metric"))
		return !m->name && scan_str(s, &m->name, &m->name_len);
	if (SAME_KEY(k, kl, "stats")) {
		if (m->have_stats)
			return 0;
		m->have_stats = 1;
		return scan_object(s, 1, stat_member, m);
	}
	return scan_skip(s, 0);
}

static int scan_metric(struct scan *s, int64_t v[8])
{
	struct metric_scan m;
	memset(&m, 0, sizeof m);
	if (!scan_object(s, 0, metric_member, &m) || !m.name || !m.have_stats)
		return 0;
	for (size_t u = 0; u < sizeof genesys_uses / sizeof genesys_uses[0]; u++) {
		int which = genesys_uses[u].stat;
		if (m.name_len != genesys_uses[u].metric_len ||
		    memcmp(m.name, genesys_uses[u].metric, m.name_len) || !m.have_stat[which])
			continue;
		int64_t n = m.stat[which];
		if (n < 0 || (genesys_uses[u].scale && n >= INT64_MAX / (MICRO_ONE / genesys_uses[u].scale + 1)))
			return 0;
		v[genesys_uses[u].field] = genesys_uses[u].scale ? n * (MICRO_ONE / genesys_uses[u].scale) : n;
	}
	return 1;
}

/* One {"interval": "START/END", "metrics": [...]} of a queue. */
struct entry_scan {
	const char *iv;
	size_t iv_len;
	int have_metrics;
	int64_t v[8];
};

static int metric_element(void *ctx, struct scan *s)
{
	return scan_metric(s, ((struct entry_scan *)ctx)->v);
}

static int entry_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct entry_scan *e = ctx;
	if (SAME_KEY(k, kl, "interval"))
		return !e->iv && scan_str(s, &e->iv, &e->iv_len);
	if (SAME_KEY(k, kl, "metrics")) {
		if (e->have_metrics)
			return 0;
		e->have_metrics = 1;
		return scan_array(s, metric_element, e);
	}
	return scan_skip(s, 0);
}

/* A result: {"group": {"queueId": ...}, "data": [entries]}. */
struct result_scan {
	struct feed_ctx *c;
	struct scan_out *out;
	const char *queue;
	size_t queue_len;
	int have_group, have_data;
};

static int scan_entry(void *ctx, struct scan *s)
{
	struct result_scan *r = ctx;
	struct entry_scan e;
	int64_t start, end;
	memset(&e, 0, sizeof e);
	if (!scan_object(s, 0, entry_member, &e) || !e.iv || !e.have_metrics)
		return 0;
	const char *slash = memchr(e.iv, '/', e.iv_len);
	if (!slash || feed_parse_time(e.iv, (size_t)(slash - e.iv), &r->c->tz, &start) ||
	    feed_parse_time(slash + 1, e.iv_len - (size_t)(slash + 1 - e.iv), &r->c->tz, &end) ||
	    end <= start || end - start > 86400)
		return 0;
	ALLOC_GROW(r->out->iv, r->out->n + 1, r->out->cap);
	struct scanned *o = &r->out->iv[r->out->n++];
	o->source = r->queue;
	o->source_len = r->queue_len;
	o->start = start;
	memcpy(o->v, e.v, sizeof e.v);
	return 1;
}

static int group_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct result_scan *r = ctx;
	if (SAME_KEY(k, kl, "queueId"))
		return !r->queue && scan_str(s, &r->queue, &r->queue_len) && r->queue_len;
	return scan_skip(s, 0);
}

static int result_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct result_scan *r = ctx;
	if (SAME_KEY(k, kl, "group")) {
		if (r->have_group)
			return 0;
		r->have_group = 1;
		return scan_object(s, 0, group_member, r);
	}
	if (SAME_KEY(k, kl, "data")) {
		/* The queue must be known by now (Genesys writes the group first). */
		if (r->have_data || !r->queue)
			return 0;
		r->have_data = 1;
		return scan_array(s, scan_entry, r);
	}
	return scan_skip(s, 0);
}

static int scan_result(void *ctx, struct scan *s)
{
	struct result_scan r;
	memset(&r, 0, sizeof r);
	r.c = ((struct result_scan *)ctx)->c;
	r.out = ((struct result_scan *)ctx)->out;
	return scan_object(s, 0, result_member, &r) && r.queue;
}

static int response_member(void *ctx, struct scan *s, const char *k, size_t kl)
{
	struct result_scan *r = ctx;
	if (SAME_KEY(k, kl, "results")) {
		if (r->have_data)
			return 0;
		r->have_data = 1;
		return scan_array(s, scan_result, r);
	}
	return scan_skip(s, 0);
}

/* 1 when the whole response was scanned into out, 0 when the tree reader
 * must read it. */
static int scan_genesys(const char *data, size_t len, struct feed_ctx *c, struct scan_out *out)
{
	struct scan s = { data, data + len };
	struct result_scan top;
	memset(&top, 0, sizeof top);
	top.c = c;
	top.out = out;
	if (!scan_object(&s, 0, response_member, &top) || !top.have_data)
		return 0;
	scan_ws(&s);
	return s.p == s.end;
}

/* Reads a whole file into out (bounded by the file: the tree reader reads
 * it whole too). 0, or -1. */
static int read_whole(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536];
	size_t got;
	if (!fp)
		return -1;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(out, chunk, got);
	int bad = ferror(fp);
	fclose(fp);
	return bad ? -1 : 0;
}

/* --- genesys-aggregates ---------------------------------------------------- */

static int parse_genesys_tree(const struct feed_file *f, struct feed_ctx *c);

static int parse_genesys(const struct feed_file *f, struct feed_ctx *c)
{
	struct buf bytes = BUF_INIT;
	struct scan_out out = { NULL, 0, 0 };
	const char *data = f->data;
	size_t len = f->len;
	int rc = 0, scanned = 0;
	if (!data && !read_whole(f->path, &bytes)) {
		data = bytes.data;
		len = bytes.len;
	}
	if (data)
		scanned = scan_genesys(data, len, c, &out);
	for (size_t i = 0; scanned && i < out.n && !rc; i++) {
		struct feed_interval iv;
		memset(&iv, 0, sizeof iv);
		iv.source_id = out.iv[i].source;
		iv.source_len = out.iv[i].source_len;
		iv.start = out.iv[i].start;
		for (int k = 0; k < 8; k++)
			feed_interval_set(&iv, k, out.iv[i].v[k]);
		rc = feed_emit_interval(c, &iv);
	}
	xfree(out.iv);
	buf_release(&bytes);
	return scanned ? rc : parse_genesys_tree(f, c);
}

static int parse_genesys_tree(const struct feed_file *f, struct feed_ctx *c)
{
	struct feed_errors *e = &c->errors;
	json_t *root = load(f, e), *results, *r;
	size_t i;
	int rc = 0;
	struct jpath p;
	if (!root)
		return 0;
	if (!(results = array_at(root, "results", f, e)))
		goto out;
	json_array_foreach(results, i, r) {
		json_t *group = json_object_get(r, "group"), *data = json_object_get(r, "data"), *d;
		json_t *queue = json_is_object(group) ? json_object_get(group, "queueId") : NULL;
		size_t j;
		if (!json_is_string(queue) || !json_string_length(queue)) {
			feed_error(e, "%s: %s: missing (group the query by queueId)", f->name,
				   at(&p, "results[%zu].group.queueId", i));
			continue;
		}
		if (!data)
			continue;
		if (!json_is_array(data)) {
			feed_error(e, "%s: %s: not an array", f->name, at(&p, "results[%zu].data", i));
			continue;
		}
		json_array_foreach(data, j, d) {
			json_t *iv = json_object_get(d, "interval"), *metrics = json_object_get(d, "metrics"), *m;
			struct feed_interval out;
			const char *slash = json_is_string(iv) ? strchr(json_string_value(iv), '/') : NULL;
			int64_t end;
			size_t k;
			memset(&out, 0, sizeof out);
			out.source_id = json_string_value(queue);
			out.source_len = json_string_length(queue);
			if (!slash || feed_parse_time(json_string_value(iv), (size_t)(slash - json_string_value(iv)),
						      &c->tz, &out.start) ||
			    feed_parse_time(slash + 1, strlen(slash + 1), &c->tz, &end) || end <= out.start) {
				feed_error(e, "%s: %s: not an interval \"START/END\" of ISO-8601 times", f->name,
					   at(&p, "results[%zu].data[%zu].interval", i, j));
				continue;
			}
			if (end - out.start > 86400) {
				feed_error(e, "%s: %s: the interval is longer than a day, so its calls have no"
					   " one day (query with a granularity of PT24H or less)", f->name,
					   at(&p, "results[%zu].data[%zu].interval", i, j));
				continue;
			}
			if (!json_is_array(metrics)) {
				feed_error(e, "%s: %s: missing or not an array", f->name,
					   at(&p, "results[%zu].data[%zu].metrics", i, j));
				continue;
			}
			int bad = 0;
			json_array_foreach(metrics, k, m) {
				const char *name = json_string_value(json_object_get(m, "metric"));
				json_t *stats = json_object_get(m, "stats");
				if (!name || !json_is_object(stats)) {
					feed_error(e, "%s: %s: not a {metric, stats} object", f->name,
						   at(&p, "results[%zu].data[%zu].metrics[%zu]", i, j, k));
					bad = 1;
					continue;
				}
				for (size_t u = 0; u < sizeof genesys_uses / sizeof genesys_uses[0]; u++) {
					json_t *v;
					int64_t n = 0;
					if (strcmp(genesys_uses[u].metric, name) ||
					    !(v = json_object_get(stats, stat_names[genesys_uses[u].stat])))
						continue;
					if (genesys_uses[u].scale ? seconds_of(v, genesys_uses[u].scale, &n) : count_of(v, &n)) {
						feed_error(e, "%s: %s: not a %s", f->name,
							   at(&p, "results[%zu].data[%zu].metrics[%zu].stats.%s", i, j, k,
							      stat_names[genesys_uses[u].stat]),
							   genesys_uses[u].scale ? "number of milliseconds >= 0" : "count (a whole number >= 0)");
						bad = 1;
						continue;
					}
					feed_interval_set(&out, genesys_uses[u].field, n);
				}
			}
			if (!bad && (rc = feed_emit_interval(c, &out)))
				goto out;
		}
	}
out:
	json_decref(root);
	return rc;
}

/* --- connect-metrics-v2 ---------------------------------------------------- */

/* The threshold of an _IN_X metric: Metric.Threshold[0].ThresholdValue. */
static int threshold_of(json_t *metric, double *out)
{
	json_t *t = json_object_get(metric, "Threshold");
	json_t *v = json_is_array(t) ? json_object_get(json_array_get(t, 0), "ThresholdValue") : NULL;
	if (!json_is_number(v))
		return -1;
	*out = json_number_value(v);
	return 0;
}

static int parse_connect(const struct feed_file *f, struct feed_ctx *c)
{
	struct feed_errors *e = &c->errors;
	json_t *root = load(f, e), *results, *r;
	size_t i;
	int rc = 0;
	struct jpath p;
	if (!root)
		return 0;
	if (!(results = array_at(root, "MetricResults", f, e)))
		goto out;
	json_array_foreach(results, i, r) {
		json_t *dims = json_object_get(r, "Dimensions"), *mi = json_object_get(r, "MetricInterval");
		json_t *queue = json_is_object(dims) ? json_object_get(dims, "QUEUE") : NULL;
		json_t *coll = json_object_get(r, "Collections"), *m;
		struct feed_interval out;
		int64_t end, avg_handle = -1, avg_wait = -1, sum_handle = -1, sum_wait = -1;
		int bad = 0;
		size_t k;
		memset(&out, 0, sizeof out);
		if (!json_is_string(queue) || !json_string_length(queue)) {
			feed_error(e, "%s: %s: missing (group the request by QUEUE)", f->name,
				   at(&p, "MetricResults[%zu].Dimensions.QUEUE", i));
			continue;
		}
		out.source_id = json_string_value(queue);
		out.source_len = json_string_length(queue);
		if (!json_is_object(mi) || instant_of(json_object_get(mi, "StartTime"), &c->tz, &out.start)) {
			feed_error(e, "%s: %s: missing or not epoch seconds or an ISO-8601 time", f->name,
				   at(&p, "MetricResults[%zu].MetricInterval.StartTime", i));
			continue;
		}
		if (json_object_get(mi, "EndTime") && !instant_of(json_object_get(mi, "EndTime"), &c->tz, &end) &&
		    end - out.start > 86400) {
			feed_error(e, "%s: %s: the interval is longer than a day, so its contacts have no one"
				   " day (request IntervalPeriod FIFTEEN_MIN .. DAY)", f->name,
				   at(&p, "MetricResults[%zu].MetricInterval", i));
			continue;
		}
		if (!json_is_array(coll)) {
			feed_error(e, "%s: %s: missing or not an array", f->name,
				   at(&p, "MetricResults[%zu].Collections", i));
			continue;
		}
		const struct feed_queue *q = feed_map_queue(c->map, out.source_id, out.source_len);
		json_array_foreach(coll, k, m) {
			json_t *metric = json_object_get(m, "Metric"), *v = json_object_get(m, "Value");
			const char *name = json_string_value(json_object_get(metric, "Name"));
			int64_t n = 0;
			double th;
			if (!name) {
				feed_error(e, "%s: %s: missing", f->name,
					   at(&p, "MetricResults[%zu].Collections[%zu].Metric.Name", i, k));
				bad = 1;
				continue;
			}
			if (!v || json_is_null(v))
				continue;   /* Connect leaves out values it has none for */
			int is_time = !strcmp(name, "AVG_HANDLE_TIME") || !strcmp(name, "AVG_QUEUE_ANSWER_TIME") ||
				      !strcmp(name, "SUM_HANDLE_TIME") || !strcmp(name, "SUM_QUEUE_ANSWER_TIME");
			int field = !strcmp(name, "CONTACTS_QUEUED") ? 0 : !strcmp(name, "CONTACTS_HANDLED") ? 5
				: !strcmp(name, "CONTACTS_ABANDONED") ? 3 : !strcmp(name, "SUM_CONTACTS_ANSWERED_IN_X") ? 2
				: !strcmp(name, "CONTACTS_ABANDONED_IN_X") ? 4 : -1;
			if (field < 0 && !is_time)
				continue;
			if (is_time ? seconds_of(v, 1, &n) : count_of(v, &n)) {
				feed_error(e, "%s: %s: not a %s", f->name,
					   at(&p, "MetricResults[%zu].Collections[%zu].Value", i, k),
					   is_time ? "number of seconds >= 0" : "count (a whole number >= 0)");
				bad = 1;
				continue;
			}
			if (field == 2 || field == 4) {
				int64_t want = q ? (field == 2 ? q->service_level.threshold_seconds
							      : q->service_level.short_abandon_seconds) : -1;
				if (threshold_of(metric, &th)) {
					feed_error(e, "%s: %s: missing (the seconds %s counts within)", f->name,
						   at(&p, "MetricResults[%zu].Collections[%zu].Metric.Threshold[0].ThresholdValue", i, k),
						   name);
					bad = 1;
					continue;
				}
				if (want >= 0 && th != (double)want) {
					feed_error(e, "%s: %s: %s counts within %g seconds but the map's %s is %lld",
						   f->name,
						   at(&p, "MetricResults[%zu].Collections[%zu].Metric.Threshold[0].ThresholdValue", i, k),
						   name, th, field == 2 ? "threshold_seconds" : "short_abandon_seconds",
						   (long long)want);
					bad = 1;
					continue;
				}
			}
			if (!strcmp(name, "AVG_HANDLE_TIME"))
				avg_handle = n;
			else if (!strcmp(name, "AVG_QUEUE_ANSWER_TIME"))
				avg_wait = n;
			else if (!strcmp(name, "SUM_HANDLE_TIME"))
				sum_handle = n;
			else if (!strcmp(name, "SUM_QUEUE_ANSWER_TIME"))
				sum_wait = n;
			else
				feed_interval_set(&out, field, n);
		}
		/* Connect counts a handled contact as answered. */
		out.answered = out.handled;
		out.handle_us = sum_handle >= 0 ? sum_handle : avg_handle >= 0 ? avg_handle * out.handled : 0;
		out.wait_us = sum_wait >= 0 ? sum_wait : avg_wait >= 0 ? avg_wait * out.answered : 0;
		if (!bad && (rc = feed_emit_interval(c, &out)))
			goto out;
	}
out:
	json_decref(root);
	return rc;
}

/* --- cxone-skills ---------------------------------------------------------- */

static int parse_cxone(const struct feed_file *f, struct feed_ctx *c)
{
	struct feed_errors *e = &c->errors;
	json_t *root = load(f, e), *list, *s;
	size_t i;
	int rc = 0;
	struct jpath p;
	if (!root)
		return 0;
	if (!(list = array_at(root, "skillSummaries", f, e)))
		goto out;
	json_array_foreach(list, i, s) {
		struct feed_interval out;
		char tmp[32];
		json_t *start = json_object_get(s, "startDate"), *endv = json_object_get(s, "endDate");
		int64_t end;
		int bad = 0;
		static const struct { const char *key; int field; int duration; } uses[] = {
			{ "contactsOffered", 0, 0 }, { "contactsHandled", 5, 0 }, { "abandonCount", 3, 0 },
			{ "contactsWithinSLA", 2, 0 }, { "shortAbandonCount", 4, 0 },
			{ "averageHandleTime", 6, 1 }, { "averageSpeedToAnswer", 7, 1 },
		};
		memset(&out, 0, sizeof out);
		const char *id = id_of(json_object_get(s, "skillId"), tmp);
		if (!id) {
			feed_error(e, "%s: %s: missing", f->name, at(&p, "skillSummaries[%zu].skillId", i));
			continue;
		}
		out.source_id = id;
		out.source_len = strlen(id);
		if (!start)
			start = json_object_get(root, "startDate"), endv = json_object_get(root, "endDate");
		if (!start || instant_of(start, &c->tz, &out.start)) {
			feed_error(e, "%s: %s: missing or not an ISO-8601 time (the start of the period"
				   " summarized, as requested)", f->name, at(&p, "skillSummaries[%zu].startDate", i));
			continue;
		}
		if (endv && !instant_of(endv, &c->tz, &end) && end - out.start > 86400) {
			feed_error(e, "%s: %s: the summary covers more than a day, so its contacts have no one"
				   " day (request one day at a time)", f->name, at(&p, "skillSummaries[%zu]", i));
			continue;
		}
		micro_t aht = 0, asa = 0;
		for (size_t u = 0; u < sizeof uses / sizeof uses[0]; u++) {
			json_t *v = json_object_get(s, uses[u].key);
			int64_t n = 0;
			if (!v || json_is_null(v))
				continue;
			if (uses[u].duration ? duration_of(v, &n) : count_of(v, &n)) {
				feed_error(e, "%s: %s: not %s", f->name, at(&p, "skillSummaries[%zu].%s", i, uses[u].key),
					   uses[u].duration ? "an ISO-8601 duration (\"PT4M5S\") or seconds"
							    : "a count (a whole number >= 0)");
				bad = 1;
				continue;
			}
			if (uses[u].field == 6)
				aht = n;
			else if (uses[u].field == 7)
				asa = n;
			else
				feed_interval_set(&out, uses[u].field, n);
		}
		/* CXone's averages are over handled contacts. */
		out.answered = out.handled;
		out.handle_us = aht * out.handled;
		out.wait_us = asa * out.answered;
		if (!bad && (rc = feed_emit_interval(c, &out)))
			goto out;
	}
out:
	json_decref(root);
	return rc;
}

/* --- zendesk-sla ----------------------------------------------------------- */

static int parse_zendesk(const struct feed_file *f, struct feed_ctx *c)
{
	struct feed_errors *e = &c->errors;
	json_t *root = load(f, e), *list, *ev, *policies = NULL;
	size_t i;
	int rc = 0;
	struct jpath p;
	struct buf key = BUF_INIT;
	if (!root)
		return 0;
	if (!(list = array_at(root, "ticket_metric_events", f, e)))
		goto out;
	/* The SLA policy of each ticket metric instance, from its apply_sla
	 * event: breach and fulfill events do not repeat it. */
	policies = json_object();
	json_array_foreach(list, i, ev) {
		const char *type = json_string_value(json_object_get(ev, "type"));
		json_t *pol = json_object_get(json_object_get(json_object_get(ev, "sla"), "policy"), "id");
		char tmp[32], t2[32];
		const char *ticket = id_of(json_object_get(ev, "ticket_id"), tmp);
		const char *inst = id_of(json_object_get(ev, "instance_id"), t2);
		const char *metric = json_string_value(json_object_get(ev, "metric"));
		if (!type || strcmp(type, "apply_sla") || !ticket || !metric || !pol)
			continue;
		buf_reset(&key);
		buf_addf(&key, "%s/%s/%s", ticket, metric, inst ? inst : "1");
		json_object_set(policies, key.data, pol);
	}
	json_array_foreach(list, i, ev) {
		const char *type = json_string_value(json_object_get(ev, "type"));
		char tmp[32], t2[32], t3[32];
		const char *ticket = id_of(json_object_get(ev, "ticket_id"), tmp);
		const char *inst = id_of(json_object_get(ev, "instance_id"), t2);
		const char *metric = json_string_value(json_object_get(ev, "metric"));
		struct feed_ticket t;
		int64_t when;
		if (!json_is_object(ev)) {
			feed_error(e, "%s: %s: not an object", f->name, at(&p, "ticket_metric_events[%zu]", i));
			continue;
		}
		if (!type) {
			feed_error(e, "%s: %s: missing", f->name, at(&p, "ticket_metric_events[%zu].type", i));
			continue;
		}
		if (strcmp(type, "breach") && strcmp(type, "fulfill"))
			continue;   /* activate, pause, measure, apply_sla, ...: not an outcome */
		if (json_is_true(json_object_get(ev, "deleted")))
			continue;   /* a breach called off: fulfilled in time */
		if (!ticket) {
			feed_error(e, "%s: %s: missing", f->name, at(&p, "ticket_metric_events[%zu].ticket_id", i));
			continue;
		}
		if (!metric) {
			feed_error(e, "%s: %s: missing", f->name, at(&p, "ticket_metric_events[%zu].metric", i));
			continue;
		}
		if (instant_of(json_object_get(ev, "time"), &c->tz, &when)) {
			feed_error(e, "%s: %s: missing or not an ISO-8601 time", f->name,
				   at(&p, "ticket_metric_events[%zu].time", i));
			continue;
		}
		buf_reset(&key);
		buf_addf(&key, "%s/%s/%s", ticket, metric, inst ? inst : "1");
		const char *source = id_of(json_object_get(ev, "group_id"), t3);
		if (!source)
			source = id_of(json_object_get(policies, key.data), t3);
		if (!source) {
			feed_error(e, "%s: %s: no group_id, and no apply_sla event in the file names the SLA"
				   " policy of ticket %s %s", f->name, at(&p, "ticket_metric_events[%zu]", i), ticket,
				   metric);
			continue;
		}
		memset(&t, 0, sizeof t);
		t.source_id = source;
		t.source_len = strlen(source);
		t.key = key.data;
		t.key_len = key.len;
		t.breach_at = !strcmp(type, "breach") ? when : FEED_NO_TIME;
		t.fulfill_at = !strcmp(type, "fulfill") ? when : FEED_NO_TIME;
		if ((rc = feed_emit_ticket(c, &t)))
			goto out;
	}
out:
	json_decref(policies);
	json_decref(root);
	buf_release(&key);
	return rc;
}

const struct feed_json_format feed_json_formats[] = {
	{ "genesys-aggregates", parse_genesys },
	{ "connect-metrics-v2", parse_connect },
	{ "cxone-skills", parse_cxone },
	{ "zendesk-sla", parse_zendesk },
};

int feed_json_parse(const char *format, const struct feed_file *f, struct feed_ctx *c)
{
	for (size_t i = 0; i < sizeof feed_json_formats / sizeof feed_json_formats[0]; i++)
		if (!strcmp(feed_json_formats[i].name, format))
			return feed_json_formats[i].parse(f, c);
	return 0;
}
