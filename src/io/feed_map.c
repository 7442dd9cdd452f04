/* SPDX-License-Identifier: MIT */
/* The feed map (MAP.json) and time zones: reading and checking the map's
 * structure, local days of UTC instants, and timestamps as vendors write
 * them. The map returned is the caller's (feed_map_free()). */
#include "io/feed.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* --- time zones ----------------------------------------------------------- */

/* TZ is process-wide: conversions take this lock and leave TZ set to the
 * last zone used (nothing else in Tandem reads local time), so a run of
 * conversions in one zone reads the zone file once. */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static char tz_current[64];

static void tz_enter(const struct feed_tz *tz)
{
	pthread_mutex_lock(&tz_lock);
	if (strcmp(tz_current, tz->name)) {
		char value[80];
		snprintf(value, sizeof value, ":%s", tz->name);
		setenv("TZ", value, 1);
		tzset();
		snprintf(tz_current, sizeof tz_current, "%s", tz->name);
	}
}

static void tz_leave(void)
{
	pthread_mutex_unlock(&tz_lock);
}

int feed_tz_init(struct feed_tz *tz, const char *name, struct buf *err)
{
	const char *dir = getenv("TZDIR");
	char path[512];
	struct stat sb;
	size_t len = strlen(name);
	memset(tz, 0, sizeof *tz);
	tz->local_day = DAY_NONE;
	tz->day_start = tz->day_end = 0;
	if (!len || len >= sizeof tz->name || name[0] == '/' || strstr(name, "..") ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") != len) {
		buf_addf(err, "unknown time zone '%s' (a name of the tz database, e.g. \"Asia/Seoul\")", name);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	if (strcmp(name, "UTC") && (stat(path, &sb) || !S_ISREG(sb.st_mode))) {
		buf_addf(err, "unknown time zone '%s' (a name of the tz database, e.g. \"Asia/Seoul\")", name);
		return -1;
	}
	memcpy(tz->name, name, len + 1);
	return 0;
}

/* mktime of a local date and time; the caller holds the lock. */
static int64_t local_mktime(day_t day, int seconds)
{
	int y, m, d;
	struct tm t;
	date_to_ymd(day, &y, &m, &d);
	memset(&t, 0, sizeof t);
	t.tm_year = y - 1900;
	t.tm_mon = m - 1;
	t.tm_mday = d;
	t.tm_hour = seconds / 3600;
	t.tm_min = seconds / 60 % 60;
	t.tm_sec = seconds % 60;
	t.tm_isdst = -1;
	return (int64_t)mktime(&t);
}

day_t feed_tz_day(struct feed_tz *tz, int64_t utc)
{
	struct tm t;
	time_t when = (time_t)utc;
	if (tz->day_end > tz->day_start && utc >= tz->day_start && utc < tz->day_end)
		return tz->day;
	tz_enter(tz);
	localtime_r(&when, &t);
	tz->day = date_from_ymd(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
	tz->day_start = local_mktime(tz->day, 0);
	tz->day_end = local_mktime(tz->day + 1, 0);
	tz_leave();
	if (!(utc >= tz->day_start && utc < tz->day_end))
		tz->day_end = tz->day_start;   /* an odd zone: no caching */
	return tz->day;
}

void feed_tz_local(const struct feed_tz *tz, int64_t utc, char out[20])
{
	struct tm t;
	time_t when = (time_t)utc;
	tz_enter(tz);
	localtime_r(&when, &t);
	tz_leave();
	snprintf(out, 20, "%04u-%02u-%02u %02u:%02u:%02u", (unsigned)(t.tm_year + 1900) % 10000u,
		 (unsigned)(t.tm_mon + 1) % 100u, (unsigned)t.tm_mday % 100u, (unsigned)t.tm_hour % 100u,
		 (unsigned)t.tm_min % 100u, (unsigned)t.tm_sec % 100u);
}

int64_t feed_tz_utc(struct feed_tz *tz, day_t day, int seconds)
{
	int64_t utc;
	if (day == tz->local_day && tz->local_offset != INT64_MIN)
		return (int64_t)day * 86400 + seconds - tz->local_offset;
	tz_enter(tz);
	int64_t start = local_mktime(day, 0), end = local_mktime(day + 1, 0);
	tz->local_day = day;
	tz->local_offset = (int64_t)day * 86400 - start == (int64_t)(day + 1) * 86400 - end
		? (int64_t)day * 86400 - start : INT64_MIN;
	utc = tz->local_offset != INT64_MIN ? (int64_t)day * 86400 + seconds - tz->local_offset
		: local_mktime(day, seconds);
	tz_leave();
	return utc;
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int feed_parse_time(const char *s, size_t len, struct feed_tz *tz, int64_t *utc)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, oh, om;
	size_t p = 10;
	day_t day;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len < 10 || digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d) ||
	    !((s[4] == '-' && s[7] == '-') || (s[4] == '/' && s[7] == '/')) || !date_valid(y, mo, d))
		return -1;
	day = date_from_ymd(y, mo, d);
	if (len == 10) {
		*utc = feed_tz_utc(tz, day, 0);
		return 0;
	}
	if ((s[10] != 'T' && s[10] != ' ') || len < 16 || digits(s + 11, 2, &h) || s[13] != ':' ||
	    digits(s + 14, 2, &mi) || h > 23 || mi > 59)
		return -1;
	p = 16;
	if (p < len && s[p] == ':') {
		if (len < p + 3 || digits(s + p + 1, 2, &sec) || sec > 59)
			return -1;
		p += 3;
		if (p < len && s[p] == '.') {
			p++;
			size_t f = p;
			while (p < len && s[p] >= '0' && s[p] <= '9')
				p++;
			if (p == f)
				return -1;
		}
	}
	int seconds = h * 3600 + mi * 60 + sec;
	if (p == len) {
		*utc = feed_tz_utc(tz, day, seconds);
		return 0;
	}
	int64_t naive = (int64_t)day * 86400 + seconds;
	if (s[p] == 'Z' && p + 1 == len) {
		*utc = naive;
		return 0;
	}
	if (s[p] != '+' && s[p] != '-')
		return -1;
	if (len - p == 6 && s[p + 3] == ':' && !digits(s + p + 1, 2, &oh) && !digits(s + p + 4, 2, &om)) {
	} else if (len - p == 5 && !digits(s + p + 1, 2, &oh) && !digits(s + p + 3, 2, &om)) {
	} else if (len - p == 3 && !digits(s + p + 1, 2, &oh)) {
		om = 0;
	} else {
		return -1;
	}
	if (oh > 14 || om > 59)
		return -1;
	int64_t off = (int64_t)oh * 3600 + om * 60;
	*utc = s[p] == '+' ? naive - off : naive + off;
	return 0;
}

/* --- the map ------------------------------------------------------------ */

static const char *const measure_names[MEASURE_COUNT] = {
	"service_level", "handle_time", "abandon_rate", "speed_of_answer", "ticket_sla",
};

const char *feed_measure_name(enum feed_measure m)
{
	return (unsigned)m < MEASURE_COUNT ? measure_names[m] : NULL;
}

static const char *const column_names[FEEDCOL_COUNT] = {
	"interval_start", "source_id", "offered", "answered", "answered_within", "abandoned",
	"short_abandoned", "handled", "handle_seconds", "answer_wait_seconds",
};

const char *feed_column_name(enum feed_column c)
{
	return (unsigned)c < FEEDCOL_COUNT ? column_names[c] : NULL;
}

/* Queues with the same key (source id or contract id), found through a
 * hash table instead of by comparing every queue with every one before
 * it: a map of thousands of queues is read in linear time. Each key's
 * queues are chained in the map's order. */
struct same_keys {
	size_t *slot;       /* the first queue of a key, + 1 (0: empty) */
	size_t *last;       /* ... and its last, per slot */
	size_t *next;       /* per queue: the next one with its key, + 1 */
	size_t mask;
};

struct map_reader {
	const char *path;
	struct buf *errors;
	int bad;
	struct same_keys ids;          /* the queues read so far, by source id */
};

static void map_error(struct map_reader *r, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void map_error(struct map_reader *r, const char *where, const char *fmt, ...)
{
	va_list ap;
	r->bad = 1;
	buf_addf(r->errors, "%s: %s%s", r->path, where, *where ? ": " : "");
	va_start(ap, fmt);
	buf_vaddf(r->errors, fmt, ap);
	va_end(ap);
	buf_addc(r->errors, '\n');
}

/* A source id may be written as a string or, as CXone skills and UCCE call
 * types are numbered, as a whole number. The text is the caller's (xfree). */
static char *id_text(json_t *v)
{
	char num[32];
	if (json_is_string(v) && json_string_length(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return xstrdup(num);
	}
	return NULL;
}

static void read_service_level(struct map_reader *r, json_t *o, const char *where,
			       struct feed_service_level *sl)
{
	const char *key;
	json_t *v;
	struct buf w = BUF_INIT;
	if (!json_is_object(o)) {
		map_error(r, where, "not an object (threshold_seconds, abandons, short_abandon_seconds)");
		return;
	}
	json_object_foreach(o, key, v) {
		buf_reset(&w);
		buf_addf(&w, "%s.%s", where, key);
		if (!strcmp(key, "threshold_seconds") || !strcmp(key, "short_abandon_seconds")) {
			if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 86400) {
				map_error(r, w.data, "not a whole number of seconds from 0 to 86400");
				continue;
			}
			if (!strcmp(key, "threshold_seconds"))
				sl->threshold_seconds = json_integer_value(v);
			else
				sl->short_abandon_seconds = json_integer_value(v);
		} else if (!strcmp(key, "abandons")) {
			const char *a = json_string_value(v);
			if (a && !strcmp(a, "negative"))
				sl->abandons_ignore = 0;
			else if (a && !strcmp(a, "ignore"))
				sl->abandons_ignore = 1;
			else
				map_error(r, w.data, "unknown value (expected \"negative\" or \"ignore\")");
		} else {
			map_error(r, w.data, "unknown key (expected threshold_seconds, abandons, short_abandon_seconds)");
		}
	}
	buf_release(&w);
}

static int measure_of(const char *name)
{
	for (int i = 0; i < MEASURE_COUNT; i++)
		if (!strcmp(measure_names[i], name))
			return i;
	return -1;
}

static size_t id_hash(const char *s, size_t len);

static void same_keys_init(struct same_keys *sk, size_t n)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	sk->slot = xcalloc(size, sizeof *sk->slot);
	sk->last = xcalloc(size, sizeof *sk->last);
	sk->next = xcalloc(n ? n : 1, sizeof *sk->next);
	sk->mask = size - 1;
}

static void same_keys_release(struct same_keys *sk)
{
	xfree(sk->slot);
	xfree(sk->last);
	xfree(sk->next);
	memset(sk, 0, sizeof *sk);
}

/* The first queue (+ 1, 0 if none) whose key is key: key_of(queue) gives
 * each queue's. With add, queue i (after every one before it) joins its
 * key's chain. */
static size_t same_keys_find(struct same_keys *sk, const struct feed_map *m, const char *key,
			     const char *(*key_of)(const struct feed_queue *), size_t add)
{
	size_t h = id_hash(key, strlen(key)) & sk->mask;
	for (; sk->slot[h]; h = (h + 1) & sk->mask)
		if (!strcmp(key_of(&m->queues[sk->slot[h] - 1]), key))
			break;
	size_t first = sk->slot[h];
	if (add) {
		if (!first)
			sk->slot[h] = add;
		else
			sk->next[sk->last[h] - 1] = add;
		sk->last[h] = add;
	}
	return first;
}

static const char *source_of(const struct feed_queue *q)
{
	return q->source_id;
}

static const char *contract_of(const struct feed_queue *q)
{
	return q->contract_id;
}

static void read_queue(struct map_reader *r, struct feed_map *m, json_t *q, size_t index)
{
	struct feed_queue *fq = &m->queues[m->n_queues];
	struct buf w = BUF_INIT, k = BUF_INIT;
	const char *key;
	json_t *v;
	buf_addf(&w, "queues[%zu]", index);
	memset(fq, 0, sizeof *fq);
	fq->service_level = m->service_level;
	fq->where = xstrdup(w.data);
	m->n_queues++;
	if (!json_is_object(q)) {
		map_error(r, w.data, "not an object (source_id, contract_id, metrics)");
		goto out;
	}
	json_object_foreach(q, key, v) {
		buf_reset(&k);
		buf_addf(&k, "%s.%s", w.data, key);
		if (!strcmp(key, "source_id")) {
			if (!(fq->source_id = id_text(v)))
				map_error(r, k.data, "not a queue id, ARN, skill or call type (a non-empty string)");
			else
				fq->source_len = strlen(fq->source_id);
		} else if (!strcmp(key, "contract_id")) {
			if (json_is_string(v) && json_string_length(v))
				fq->contract_id = xstrdup(json_string_value(v));
			else
				map_error(r, k.data, "not a contract id (a non-empty string)");
		} else if (!strcmp(key, "service_level")) {
			read_service_level(r, v, k.data, &fq->service_level);
		} else if (!strcmp(key, "metrics")) {
			const char *metric;
			json_t *mv;
			if (!json_is_object(v) || !json_object_size(v)) {
				map_error(r, k.data, "not an object of metric: measure pairs, e.g. {\"SL\": \"service_level\"}");
				continue;
			}
			fq->links = xcalloc(json_object_size(v), sizeof *fq->links);
			json_object_foreach(v, metric, mv) {
				int meas = json_is_string(mv) ? measure_of(json_string_value(mv)) : -1;
				if (meas < 0) {
					struct buf mk = BUF_INIT;
					buf_addf(&mk, "%s.%s", k.data, metric);
					map_error(r, mk.data, "unknown measure %s%s%s (expected service_level, handle_time,"
						  " abandon_rate, speed_of_answer or ticket_sla)",
						  json_is_string(mv) ? "'" : "", json_is_string(mv) ? json_string_value(mv) : "",
						  json_is_string(mv) ? "'" : "(not a string)");
					buf_release(&mk);
					continue;
				}
				fq->links[fq->n_links].metric = xstrdup(metric);
				fq->links[fq->n_links].measure = (enum feed_measure)meas;
				fq->n_links++;
			}
		} else {
			map_error(r, k.data, "unknown key (expected source_id, contract_id, metrics, service_level)");
		}
	}
	if (!fq->source_id && !json_object_get(q, "source_id"))
		map_error(r, w.data, "missing source_id");
	if (!fq->contract_id && !json_object_get(q, "contract_id"))
		map_error(r, w.data, "missing contract_id");
	if (!json_object_get(q, "metrics"))
		map_error(r, w.data, "missing metrics");
	if (fq->source_id) {
		size_t qi = (size_t)(fq - m->queues);
		size_t i = same_keys_find(&r->ids, m, fq->source_id, source_of, qi + 1);
		for (; i && i - 1 < qi; i = r->ids.next[i - 1])
			map_error(r, w.data, "source_id '%s' is mapped twice (first in %s)", fq->source_id,
				  m->queues[i - 1].where);
	}
out:
	buf_release(&w);
	buf_release(&k);
}

/* A contract metric fed by several queues is their sum, so they must
 * agree on what it measures. */
static void check_links(struct map_reader *r, const struct feed_map *m)
{
	struct same_keys contracts;
	size_t *first = xcalloc(m->n_queues ? m->n_queues : 1, sizeof *first);
	same_keys_init(&contracts, m->n_queues);
	for (size_t a = 0; a < m->n_queues; a++)
		if (m->queues[a].contract_id)
			first[a] = same_keys_find(&contracts, m, m->queues[a].contract_id, contract_of, a + 1);
	for (size_t a = 0; a < m->n_queues; a++) {
		const struct feed_queue *qa = &m->queues[a];
		for (size_t i = 0; qa->contract_id && i < qa->n_links; i++)
			/* The queues of qa's contract before it, in order. */
			for (size_t b1 = first[a]; b1 && b1 - 1 < a; b1 = contracts.next[b1 - 1]) {
				const struct feed_queue *qb = &m->queues[b1 - 1];
				for (size_t j = 0; j < qb->n_links; j++)
					if (!strcmp(qa->links[i].metric, qb->links[j].metric) &&
					    qa->links[i].measure != qb->links[j].measure) {
						struct buf w = BUF_INIT;
						buf_addf(&w, "%s.metrics.%s", qa->where, qa->links[i].metric);
						map_error(r, w.data, "%s %s is '%s' in %s but '%s' here",
							  qa->contract_id, qa->links[i].metric,
							  measure_names[qb->links[j].measure], qb->where,
							  measure_names[qa->links[i].measure]);
						buf_release(&w);
					}
			}
	}
	same_keys_release(&contracts);
	xfree(first);
}

/* An id's hash: an id of at most 8 bytes (most queue names and numbers)
 * is read as one word, a longer one with FNV-1a; the high bits are folded
 * into the low ones that the table takes. */
static size_t id_hash(const char *s, size_t len)
{
	uint64_t h;
	if (len <= 8) {
		h = 0;
		memcpy(&h, s, len);
		h ^= (uint64_t)len << 59;
	} else {
		h = 14695981039346656037ull;
		for (size_t i = 0; i < len; i++)
			h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	}
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 31;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 29;
	return (size_t)h;
}

int feed_map_read(const char *path, const char *data, size_t len, struct feed_map **out,
		  struct buf *errors)
{
	struct map_reader r = { path, errors, 0 };
	json_error_t je;
	json_t *root = data ? json_loadb(data, len, JSON_REJECT_DUPLICATES, &je)
			    : json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	struct feed_map *m;
	const char *key;
	json_t *v;
	*out = NULL;
	if (!root) {
		if (je.line > 0)
			buf_addf(errors, "%s:%d:%d: %s\n", path, je.line, je.column, je.text);
		else
			buf_addf(errors, "%s: %s\n", path, je.text);
		return data ? 1 : -1;
	}
	m = xcalloc(1, sizeof *m);
	m->path = xstrdup(path);
	m->service_level.threshold_seconds = -1;
	m->service_level.short_abandon_seconds = -1;
	if (!json_is_object(root)) {
		map_error(&r, "", "not a JSON object (timezone, service_level, queues)");
		goto done;
	}
	/* service_level first: queues inherit it. */
	if ((v = json_object_get(root, "service_level")))
		read_service_level(&r, v, "service_level", &m->service_level);
	json_object_foreach(root, key, v) {
		if (!strcmp(key, "timezone")) {
			struct buf e = BUF_INIT;
			if (!json_is_string(v))
				map_error(&r, "timezone", "not a string (a tz database name, e.g. \"Asia/Seoul\")");
			else if (feed_tz_init(&m->tz, json_string_value(v), &e))
				map_error(&r, "timezone", "%s", e.data);
			buf_release(&e);
		} else if (!strcmp(key, "service_level")) {
			/* read above */
		} else if (!strcmp(key, "source_id")) {
			if (!(m->source_id = id_text(v)))
				map_error(&r, "source_id", "not a source id (a non-empty string)");
		} else if (!strcmp(key, "columns")) {
			const char *c;
			json_t *cv;
			if (!json_is_object(v)) {
				map_error(&r, "columns", "not an object of column: header pairs");
				continue;
			}
			json_object_foreach(v, c, cv) {
				int col = -1;
				struct buf w = BUF_INIT;
				buf_addf(&w, "columns.%s", c);
				for (int i = 0; i < FEEDCOL_COUNT; i++)
					if (!strcmp(column_names[i], c))
						col = i;
				if (col < 0)
					map_error(&r, w.data, "unknown column (expected interval_start, source_id,"
						  " offered, answered, answered_within, abandoned, short_abandoned,"
						  " handled, handle_seconds, answer_wait_seconds)");
				else if (!json_is_string(cv) || !json_string_length(cv))
					map_error(&r, w.data, "not a header name (a non-empty string)");
				else
					m->columns[col] = xstrdup(json_string_value(cv));
				buf_release(&w);
			}
		} else if (!strcmp(key, "queues")) {
			size_t i;
			json_t *q;
			if (!json_is_array(v) || !json_array_size(v)) {
				map_error(&r, "queues", "not a non-empty array of {source_id, contract_id, metrics}");
				continue;
			}
			m->queues = xcalloc(json_array_size(v), sizeof *m->queues);
			same_keys_init(&r.ids, json_array_size(v));
			json_array_foreach(v, i, q)
				read_queue(&r, m, q, i);
			same_keys_release(&r.ids);
		} else {
			struct buf w = BUF_INIT;
			buf_adds(&w, key);
			map_error(&r, w.data, "unknown key (expected timezone, service_level, queues, columns, source_id)");
			buf_release(&w);
		}
	}
	if (!json_object_get(root, "timezone"))
		map_error(&r, "timezone", "missing (the time zone days are counted in, e.g. \"Asia/Seoul\")");
	if (!json_object_get(root, "queues"))
		map_error(&r, "queues", "missing (which source id feeds which contract metric)");
	check_links(&r, m);
	if (!r.bad) {
		size_t size = 16;
		while (size < 2 * m->n_queues)
			size *= 2;
		m->by_id = xcalloc(size, sizeof *m->by_id);
		m->by_id_hash = xcalloc(size, sizeof *m->by_id_hash);
		m->id_mask = size - 1;
		for (size_t i = 0; i < m->n_queues; i++) {
			size_t hash = id_hash(m->queues[i].source_id, m->queues[i].source_len);
			size_t h = hash & m->id_mask;
			while (m->by_id[h])
				h = (h + 1) & m->id_mask;
			m->by_id[h] = &m->queues[i];
			m->by_id_hash[h] = hash;
		}
	}
done:
	json_decref(root);
	if (r.bad) {
		feed_map_free(m);
		return 1;
	}
	*out = m;
	return 0;
}

void feed_map_free(struct feed_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n_queues; i++) {
		struct feed_queue *q = &m->queues[i];
		for (size_t j = 0; j < q->n_links; j++)
			xfree(q->links[j].metric);
		xfree(q->links);
		xfree(q->source_id);
		xfree(q->contract_id);
		xfree(q->where);
	}
	for (int c = 0; c < FEEDCOL_COUNT; c++)
		xfree(m->columns[c]);
	xfree(m->queues);
	xfree(m->by_id);
	xfree(m->by_id_hash);
	xfree(m->source_id);
	xfree(m->path);
	xfree(m);
}

const struct feed_queue *feed_map_queue(const struct feed_map *m, const char *id, size_t len)
{
	size_t hash;
	if (!m->by_id)
		return NULL;
	hash = id_hash(id, len);
	for (size_t h = hash & m->id_mask; m->by_id[h]; h = (h + 1) & m->id_mask) {
		const struct feed_queue *q = m->by_id[h];
		if (m->by_id_hash[h] != hash || q->source_len != len)
			continue;
		size_t i = 0;
		while (i < len && q->source_id[i] == id[i])
			i++;
		if (i == len)
			return q;
	}
	return NULL;
}

void feed_evidence_free(struct feed_evidence *fe, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		xfree(fe[i].metric);
		xfree(fe[i].format);
		xfree(fe[i].source_id);
		xfree(fe[i].files);
	}
	xfree(fe);
}
