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
static const struct {
	const char *metric, *stat;
	int field;
	int64_t scale;
} genesys_uses[] = {
	{ "nOffered", "count", 0, 0 }, { "tAnswered", "count", 1, 0 },
	{ "tAnswered", "sum", 7, 1000 }, { "tAbandon", "count", 3, 0 },
	{ "tShortAbandon", "count", 4, 0 }, { "tHandle", "count", 5, 0 },
	{ "tHandle", "sum", 6, 1000 }, { "oServiceLevel", "numerator", 2, 0 },
};

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

/* A string of printable ASCII without escapes. */
static int scan_str(struct scan *s, const char **out, size_t *len)
{
	scan_ws(s);
	if (s->p >= s->end || *s->p != '"')
		return 0;
	const char *q = ++s->p;
	while (s->p < s->end && *s->p != '"') {
		unsigned char ch = (unsigned char)*s->p;
		if (ch < 0x20 || ch >= 0x7f || ch == '\\')
			return 0;
		s->p++;
	}
	if (s->p >= s->end)
		return 0;
	*out = q;
	*len = (size_t)(s->p - q);
	s->p++;
	return 1;
}

static int same_key(const char *k, size_t len, const char *name)
{
	return strlen(name) == len && !memcmp(k, name, len);
}

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
		while (q < s->end && *q >= '0' && *q <= '9' && q - digits < 19)
			v = v * 10 + (*q++ - '0');
	}
	if (q == digits || q - digits > 18 || (q < s->end && *q >= '0' && *q <= '9'))
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

static int scan_word(struct scan *s, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n))
		return 0;
	s->p += n;
	return 1;
}

/* Any value, checked and passed over. */
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
		s->p++;
		if (scan_char(s, '}'))
			return 1;
		do {
			if (!scan_str(s, &k, &kl) || !scan_char(s, ':') || !scan_skip(s, depth + 1))
				return 0;
		} while (scan_char(s, ','));
		return scan_char(s, '}');
	case '[':
		s->p++;
		if (scan_char(s, ']'))
			return 1;
		do {
			if (!scan_skip(s, depth + 1))
				return 0;
		} while (scan_char(s, ','));
		return scan_char(s, ']');
	case 't':
		return scan_word(s, "true");
	case 'f':
		return scan_word(s, "false");
	case 'n':
		return scan_word(s, "null");
	default:
		return scan_num(s, &w);
	}
}

/* One {"metric": NAME, "stats": {...}}: its values into v. */
static int scan_metric(struct scan *s, int64_t v[8])
{
	static const char *const stat_names[3] = { "count", "sum", "numerator" };
	const char *name = NULL, *k;
	size_t name_len = 0, kl;
	int64_t stat[3];
	int have_stat[3] = { 0, 0, 0 }, have_stats = 0;
	if (!scan_char(s, '{') || scan_char(s, '}'))
		return 0;
	do {
		if (!scan_str(s, &k, &kl) || !scan_char(s, ':'))
			return 0;
		if (same_key(k, kl, "metric")) {
			if (name || !scan_str(s, &name, &name_len))
				return 0;
		} else if (same_key(k, kl, "stats")) {
			if (have_stats || !scan_char(s, '{'))
				return 0;
			have_stats = 1;
			if (scan_char(s, '}'))
				continue;
			do {
				int which = -1;
				if (!scan_str(s, &k, &kl) || !scan_char(s, ':'))
					return 0;
				for (int i = 0; i < 3; i++)
					if (same_key(k, kl, stat_names[i]))
						which = i;
				if (which < 0) {
					if (!scan_skip(s, 0))
						return 0;
				} else if (have_stat[which] || !scan_num(s, &stat[which])) {
					return 0;
				} else {
					have_stat[which] = 1;
				}
			} while (scan_char(s, ','));
			if (!scan_char(s, '}'))
				return 0;
		} else if (!scan_skip(s, 0)) {
			return 0;
		}
	} while (scan_char(s, ','));
	if (!scan_char(s, '}') || !name || !have_stats)
		return 0;
	for (size_t u = 0; u < sizeof genesys_uses / sizeof genesys_uses[0]; u++) {
		int which = genesys_uses[u].stat[0] == 'c' ? 0 : genesys_uses[u].stat[0] == 's' ? 1 : 2;
		if (!same_key(name, name_len, genesys_uses[u].metric) || !have_stat[which])
			continue;
		int64_t n = stat[which];
		if (n < 0 || (genesys_uses[u].scale && n >= INT64_MAX / (MICRO_ONE / genesys_uses[u].scale + 1)))
			return 0;
		v[genesys_uses[u].field] = genesys_uses[u].scale ? n * (MICRO_ONE / genesys_uses[u].scale) : n;
	}
	return 1;
}

/* One {"interval": "START/END", "metrics": [...]} of a queue. */
static int scan_entry(struct scan *s, const char *queue, size_t queue_len, struct feed_ctx *c,
		      struct scan_out *out)
{
	const char *iv = NULL, *k;
	size_t iv_len = 0, kl;
	int have_metrics = 0;
	int64_t v[8] = { 0 }, start, end;
	if (!scan_char(s, '{') || scan_char(s, '}'))
		return 0;
	do {
		if (!scan_str(s, &k, &kl) || !scan_char(s, ':'))
			return 0;
		if (same_key(k, kl, "interval")) {
			if (iv || !scan_str(s, &iv, &iv_len))
				return 0;
		} else if (same_key(k, kl, "metrics")) {
			if (have_metrics || !scan_char(s, '['))
				return 0;
			have_metrics = 1;
			if (scan_char(s, ']'))
				continue;
			do {
				if (!scan_metric(s, v))
					return 0;
			} while (scan_char(s, ','));
			if (!scan_char(s, ']'))
				return 0;
		} else if (!scan_skip(s, 0)) {
			return 0;
		}
	} while (scan_char(s, ','));
	if (!scan_char(s, '}') || !iv || !have_metrics)
		return 0;
	const char *slash = memchr(iv, '/', iv_len);
	if (!slash || feed_parse_time(iv, (size_t)(slash - iv), &c->tz, &start) ||
	    feed_parse_time(slash + 1, iv_len - (size_t)(slash + 1 - iv), &c->tz, &end) || end <= start ||
	    end - start > 86400)
		return 0;
	ALLOC_GROW(out->iv, out->n + 1, out->cap);
	struct scanned *o = &out->iv[out->n++];
	o->source = queue;
	o->source_len = queue_len;
	o->start = start;
	memcpy(o->v, v, sizeof v);
	return 1;
}

static int scan_result(struct scan *s, struct feed_ctx *c, struct scan_out *out)
{
	const char *queue = NULL, *k;
	size_t queue_len = 0, kl;
	int have_group = 0, have_data = 0;
	if (!scan_char(s, '{') || scan_char(s, '}'))
		return 0;
	do {
		if (!scan_str(s, &k, &kl) || !scan_char(s, ':'))
			return 0;
		if (same_key(k, kl, "group")) {
			if (have_group || !scan_char(s, '{') || scan_char(s, '}'))
				return 0;
			have_group = 1;
			do {
				if (!scan_str(s, &k, &kl) || !scan_char(s, ':'))
					return 0;
				if (same_key(k, kl, "queueId")) {
					if (queue || !scan_str(s, &queue, &queue_len) || !queue_len)
						return 0;
				} else if (!scan_skip(s, 0)) {
					return 0;
				}
			} while (scan_char(s, ','));
			if (!scan_char(s, '}'))
				return 0;
		} else if (same_key(k, kl, "data")) {
			/* The queue must be known by now (Genesys writes the group first). */
			if (have_data || !queue || !scan_char(s, '['))
				return 0;
			have_data = 1;
			if (scan_char(s, ']'))
				continue;
			do {
				if (!scan_entry(s, queue, queue_len, c, out))
					return 0;
			} while (scan_char(s, ','));
			if (!scan_char(s, ']'))
				return 0;
		} else if (!scan_skip(s, 0)) {
			return 0;
		}
	} while (scan_char(s, ','));
	return scan_char(s, '}') && queue;
}

/* 1 when the whole response was scanned into out, 0 when the tree reader
 * must read it. */
static int scan_genesys(const char *data, size_t len, struct feed_ctx *c, struct scan_out *out)
{
	struct scan s = { data, data + len };
	const char *k;
	size_t kl;
	int have_results = 0;
	if (!scan_char(&s, '{') || scan_char(&s, '}'))
		return 0;
	do {
		if (!scan_str(&s, &k, &kl) || !scan_char(&s, ':'))
			return 0;
		if (same_key(k, kl, "results")) {
			if (have_results || !scan_char(&s, '['))
				return 0;
			have_results = 1;
			if (scan_char(&s, ']'))
				continue;
			do {
				if (!scan_result(&s, c, out))
					return 0;
			} while (scan_char(&s, ','));
			if (!scan_char(&s, ']'))
				return 0;
		} else if (!scan_skip(&s, 0)) {
			return 0;
		}
	} while (scan_char(&s, ','));
	if (!scan_char(&s, '}') || !have_results)
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
					    !(v = json_object_get(stats, genesys_uses[u].stat)))
						continue;
					if (genesys_uses[u].scale ? seconds_of(v, genesys_uses[u].scale, &n) : count_of(v, &n)) {
						feed_error(e, "%s: %s: not a %s", f->name,
							   at(&p, "results[%zu].data[%zu].metrics[%zu].stats.%s", i, j, k,
							      genesys_uses[u].stat),
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
