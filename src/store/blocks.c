/* SPDX-License-Identifier: MIT */
/* Measurement blocks (blocks.h): the encoding, the import-time writer with a
 * bounded set of open blocks, and iteration for export and hashing. */
#include "store/blocks.h"

#include "base/buf.h"
#include "base/strset.h"

#include <endian.h>
#include <stdlib.h>
#include <string.h>

static uint32_t get_u32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return le32toh(v);
}

static int64_t get_i64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return (int64_t)le64toh(v);
}

static const int64_t pow10[7] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

static size_t put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* Reads a varint of at most 10 bytes from p[*n..len); returns -1 when it
 * runs past len or is too long. */
static int get_varint(const unsigned char *p, size_t len, size_t *n, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 70; shift += 7) {
		if (*n >= len)
			return -1;
		unsigned char c = p[(*n)++];
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static int64_t unzigzag(uint64_t u)
{
	return (int64_t)((u >> 1) ^ (0 - (u & 1)));
}

size_t block_encode(const struct day_block *b, unsigned char out[BLOCK_MAX_BYTES])
{
	int k = 6;
	size_t n = 2;
	for (int d = 0; d < 31 && k; d++) {
		if (!(b->present & (1u << d)))
			continue;
		while (k && (b->num[d] % pow10[k] || b->den[d] % pow10[k]))
			k--;
	}
	out[0] = 2;
	out[1] = (unsigned char)k;
	n += put_varint(out + n, b->present);
	n += put_varint(out + n, b->touched);
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		n += put_varint(out + n, zigzag(b->num[d] / pow10[k]));
		n += put_varint(out + n, zigzag(b->den[d] / pow10[k]));
	}
	return n;
}

int block_decode(const unsigned char *data, size_t len, struct day_block *b)
{
	size_t n = 2;
	uint64_t present, touched, v;
	if (len < 4 || data[0] != 2 || data[1] > 6)
		return -1;
	int64_t scale = pow10[data[1]];
	if (get_varint(data, len, &n, &present) || get_varint(data, len, &n, &touched) ||
	    present >> 31 || touched >> 31)
		return -1;
	b->present = (uint32_t)present;
	b->touched = (uint32_t)touched;
	for (int d = 0; d < 31; d++) {
		if (!(present & (1u << d))) {
			b->num[d] = b->den[d] = 0;
			continue;
		}
		if (get_varint(data, len, &n, &v))
			return -1;
		b->num[d] = (int64_t)((uint64_t)unzigzag(v) * (uint64_t)scale);
		if (get_varint(data, len, &n, &v))
			return -1;
		b->den[d] = (int64_t)((uint64_t)unzigzag(v) * (uint64_t)scale);
	}
	return n == len ? 0 : -1;
}

int block_decode_v3(const unsigned char *data, size_t len, struct day_block *b)
{
	size_t n = 8;
	if (len < 8)
		return -1;
	memset(b, 0, sizeof *b);
	b->present = get_u32(data);
	b->touched = get_u32(data + 4);
	if (b->present >> 31)
		return -1;
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		if (n + 16 > len)
			return -1;
		b->num[d] = get_i64(data + n);
		b->den[d] = get_i64(data + n + 8);
		n += 16;
	}
	return n == len ? 0 : -1;
}

void block_sums(const struct day_block *b, int64_t *days, micro_t *num, micro_t *den)
{
	/* Unsigned: sums wrap as the loader's always did, without UB. */
	uint64_t sn = 0, sd = 0;
	int64_t n = 0;
	for (int d = 0; d < 31; d++) {
		if (!(b->present & (1u << d)))
			continue;
		sn += (uint64_t)b->num[d];
		sd += (uint64_t)b->den[d];
		n++;
	}
	*days = n;
	*num = (micro_t)sn;
	*den = (micro_t)sd;
}

/* ---- the writer -------------------------------------------------------- */

struct open_block {
	char *key;                 /* contract \x1f metric \x1f YYYY-MM */
	size_t contract_len, metric_len;
	month_t month;
	struct day_block b;
	uint32_t lines[31];        /* the line each day came from in this import */
	int dirty;
	int stored;                /* the store held this block when it was opened */
};

struct block_writer {
	struct store *s;
	int64_t batch;
	struct open_block *slots;  /* open addressing; key NULL = empty */
	size_t cap, n, max_open;
	struct open_block *last;   /* rows usually come grouped: a one-entry cache */
	struct stmt *select, *upsert, *insert, *any;
	/* Contract/metric pairs ("contract \x1f metric") asked about: whether
	 * the store held any block of theirs when first seen (had), and
	 * whether this writer has written one (flushed). A block of a pair in
	 * neither set cannot be stored yet, so it is not looked up: on a first
	 * import that saves a query per block. One entry per series, not per
	 * row or block, and at most MAX_SERIES of them: past that (full) every
	 * block is looked up, as is always safe. */
	struct strset asked, had, flushed;
	int full;
};

#ifndef MAX_SERIES   /* tests build with a small one */
#define MAX_SERIES (1 << 16)
#endif

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

int block_writer_new(struct store *s, int64_t batch, struct block_writer **out, struct buf *err)
{
	struct block_writer *w = xcalloc(1, sizeof *w);
	w->s = s;
	w->batch = batch;
	/* Input is usually grouped by contract and metric, so few blocks are
	 * open at once; 8,192 of ~660 bytes bound the writer to ~11 MB. */
	w->max_open = 1 << 13;
	w->cap = 1 << 14;
	w->slots = xcalloc(w->cap, sizeof *w->slots);
	if (store_prepare(s, "SELECT days, touched_batch FROM measurement_blocks"
			  " WHERE contract_id = ? AND metric = ? AND month = ?", &w->select, err) ||
	    store_prepare(s, "INSERT INTO measurement_blocks (contract_id, metric, month, days,"
			  " touched_batch, n_days, sum_numerator, sum_denominator)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (contract_id, metric, month)"
			  " DO UPDATE SET days = excluded.days, touched_batch = excluded.touched_batch,"
			  " n_days = excluded.n_days, sum_numerator = excluded.sum_numerator,"
			  " sum_denominator = excluded.sum_denominator", &w->upsert, err) ||
	    store_prepare(s, "INSERT INTO measurement_blocks (contract_id, metric, month, days,"
			  " touched_batch, n_days, sum_numerator, sum_denominator)"
			  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &w->insert, err) ||
	    store_prepare(s, "SELECT 1 FROM measurement_blocks WHERE contract_id = ? AND metric = ?"
			  " LIMIT 1", &w->any, err)) {
		block_writer_free(w);
		return -1;
	}
	*out = w;
	return 0;
}

void block_writer_free(struct block_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->cap; i++)
		xfree(w->slots[i].key);
	xfree(w->slots);
	stmt_finalize(w->select);
	stmt_finalize(w->upsert);
	stmt_finalize(w->insert);
	stmt_finalize(w->any);
	strset_clear(&w->asked);
	strset_clear(&w->had);
	strset_clear(&w->flushed);
	xfree(w);
}

static int write_block(struct block_writer *w, struct open_block *ob, struct buf *err)
{
	unsigned char data[BLOCK_MAX_BYTES];
	size_t len = block_encode(&ob->b, data);
	const char *k = ob->key;
	/* A block the store did not hold is inserted: no conflict to handle. */
	struct stmt *st = ob->stored ? w->upsert : w->insert;
	stmt_bind_text(st, 1, k, ob->contract_len);
	stmt_bind_text(st, 2, k + ob->contract_len + 1, ob->metric_len);
	stmt_bind_text(st, 3, k + ob->contract_len + ob->metric_len + 2, 7);
	stmt_bind_blob(st, 4, data, len);
	stmt_bind_int64(st, 5, w->batch);
	int64_t days;
	micro_t num, den;
	block_sums(&ob->b, &days, &num, &den);
	stmt_bind_int64(st, 6, days);
	stmt_bind_int64(st, 7, num);
	stmt_bind_int64(st, 8, den);
	int rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "cannot write measurements: %s", stmt_error(st));
	stmt_reset(st);
	if (!w->full && strset_add(&w->flushed, k, ob->contract_len + 1 + ob->metric_len) &&
	    w->flushed.len >= MAX_SERIES)
		w->full = 1;
	ob->dirty = 0;
	ob->stored = 1;
	return rc == STORE_ERROR ? -1 : 0;
}

static int cmp_open_keys(const void *a, const void *b)
{
	const struct open_block *x = *(struct open_block *const *)a;
	const struct open_block *y = *(struct open_block *const *)b;
	return strcmp(x->key, y->key);
}

/* Writes the open blocks in key order, so that they land in the table's
 * B-tree as appends rather than at random places. */
int block_writer_flush(struct block_writer *w, struct buf *err)
{
	struct open_block **order = xmalloc((w->n ? w->n : 1) * sizeof *order);
	size_t n = 0;
	int rc = 0;
	for (size_t i = 0; i < w->cap; i++)
		if (w->slots[i].key)
			order[n++] = &w->slots[i];
	xqsort(order, n, sizeof *order, cmp_open_keys);
	for (size_t i = 0; i < n && !rc; i++)
		if (order[i]->dirty && write_block(w, order[i], err))
			rc = -1;
	/* A slot is free when its key is NULL; open_block_of() clears the
	 * rest when it takes one, so ~5 MB need not be zeroed per flush. */
	for (size_t i = 0; i < n; i++) {
		xfree(order[i]->key);
		order[i]->key = NULL;
	}
	xfree(order);
	w->n = 0;
	w->last = NULL;
	return rc;
}

/* Loads the stored block of key into ob (empty when none). Days touched by
 * an earlier import are replaced, not duplicates, so their marks go. */
static int load_block(struct block_writer *w, struct open_block *ob, struct buf *err)
{
	const char *k = ob->key;
	int rc;
	stmt_bind_text(w->select, 1, k, ob->contract_len);
	stmt_bind_text(w->select, 2, k + ob->contract_len + 1, ob->metric_len);
	stmt_bind_text(w->select, 3, k + ob->contract_len + ob->metric_len + 2, 7);
	rc = stmt_step(w->select);
	if (rc == STORE_ROW) {
		size_t len;
		ob->stored = 1;
		const unsigned char *data = stmt_blob(w->select, 0, &len);
		if (block_decode(data, len, &ob->b)) {
			buf_addf(err, "a stored measurement block of '%s' is damaged", k);
			rc = STORE_ERROR;
		} else if (stmt_int64(w->select, 1) != w->batch) {
			ob->b.touched = 0;
		}
	} else if (rc == STORE_ERROR) {
		buf_addf(err, "cannot read measurements: %s", stmt_error(w->select));
	}
	stmt_reset(w->select);
	return rc == STORE_ERROR ? -1 : 0;
}

/* memcmp() for the short ids of a row, without a call. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* May the store hold a block of this key's contract and metric? Asks the
 * store once per pair. Returns 1 yes, 0 no, -1 on a storage error. */
static int may_be_stored(struct block_writer *w, const struct open_block *ob, struct buf *err)
{
	const char *k = ob->key;
	size_t plen = ob->contract_len + 1 + ob->metric_len;
	if (w->full || strset_has(&w->flushed, k, plen))
		return 1;
	if (!strset_has(&w->asked, k, plen)) {
		if (w->asked.len >= MAX_SERIES) {
			w->full = 1;
			return 1;
		}
		stmt_bind_text(w->any, 1, k, ob->contract_len);
		stmt_bind_text(w->any, 2, k + ob->contract_len + 1, ob->metric_len);
		int rc = stmt_step(w->any);
		if (rc == STORE_ERROR)
			buf_addf(err, "cannot read measurements: %s", stmt_error(w->any));
		stmt_reset(w->any);
		if (rc == STORE_ERROR)
			return -1;
		strset_add(&w->asked, k, plen);
		if (rc == STORE_ROW)
			strset_add(&w->had, k, plen);
	}
	return strset_has(&w->had, k, plen);
}

int block_writer_add(struct block_writer *w, const char *contract, size_t clen,
		     const char *metric, size_t mlen, day_t date, micro_t num, micro_t den,
		     unsigned long line, unsigned long *first_line, struct buf *err)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	return block_writer_add_day(w, contract, clen, metric, mlen, month_of_ymd(y, m), d, num, den,
				    line, first_line, err);
}

/* Finds or opens the block of (contract, metric, month). */
static struct open_block *open_block_of(struct block_writer *w, const char *contract, size_t clen,
					const char *metric, size_t mlen, month_t month,
					struct buf *err)
{
	size_t klen = clen + mlen + 9;
	char *key = xmalloc(klen + 1);
	memcpy(key, contract, clen);
	key[clen] = '\x1f';
	memcpy(key + clen + 1, metric, mlen);
	key[clen + mlen + 1] = '\x1f';
	month_format(month, key + clen + mlen + 2);
	key[klen] = '\0';
	size_t i = hash(key, klen) & (w->cap - 1);
	while (w->slots[i].key && strcmp(w->slots[i].key, key))
		i = (i + 1) & (w->cap - 1);
	struct open_block *ob = &w->slots[i];
	if (ob->key) {
		xfree(key);
		return ob;
	}
	if (w->n >= w->max_open) {
		xfree(key);
		if (block_writer_flush(w, err))
			return NULL;
		return open_block_of(w, contract, clen, metric, mlen, month, err);
	}
	ob->key = key;
	ob->contract_len = clen;
	ob->metric_len = mlen;
	ob->month = month;
	/* Only present days' values are ever read; a touched day's line is
	 * 0 (unknown) when its block was written and loaded again. */
	ob->b.present = ob->b.touched = 0;
	memset(ob->lines, 0, sizeof ob->lines);
	ob->dirty = 0;
	ob->stored = 0;
	w->n++;
	int stored = may_be_stored(w, ob, err);
	if (stored < 0 || (stored && load_block(w, ob, err)))
		return NULL;
	return ob;
}

int block_writer_add_day(struct block_writer *w, const char *contract, size_t clen,
			 const char *metric, size_t mlen, month_t month, int d, micro_t num,
			 micro_t den, unsigned long line, unsigned long *first_line, struct buf *err)
{
	struct open_block *ob = w->last;

	if (!ob || ob->month != month || ob->contract_len != clen || ob->metric_len != mlen ||
	    !same_bytes(ob->key, contract, clen) || !same_bytes(ob->key + clen + 1, metric, mlen)) {
		ob = open_block_of(w, contract, clen, metric, mlen, month, err);
		if (!ob)
			return -1;
		w->last = ob;
	}
	return block_writer_add_last(w, d, num, den, line, first_line);
}

int block_writer_add_last(struct block_writer *w, int d, micro_t num, micro_t den,
			  unsigned long line, unsigned long *first_line)
{
	struct open_block *ob = w->last;
	uint32_t bit = 1u << (d - 1);
	if (ob->b.touched & bit) {
		*first_line = ob->lines[d - 1];
		return 1;
	}
	ob->b.present |= bit;
	ob->b.touched |= bit;
	ob->b.num[d - 1] = num;
	ob->b.den[d - 1] = den;
	ob->lines[d - 1] = (uint32_t)line;
	ob->dirty = 1;
	return 0;
}

int blocks_each_measurement(struct store *s, measurement_fn fn, void *ctx, struct buf *err)
{
	struct stmt *st;
	int rc, stop = 0;
	if (store_prepare(s, "SELECT contract_id, metric, month, days FROM measurement_blocks"
			  " ORDER BY contract_id, metric, month", &st, err))
		return -1;
	if (s->ops->kind == STORE_POSTGRES) {
		stmt_finalize(st);
		if (store_prepare(s, "SELECT contract_id, metric, month, days FROM measurement_blocks"
				  " ORDER BY contract_id COLLATE \"C\", metric COLLATE \"C\", month",
				  &st, err))
			return -1;
	}
	while (!stop && (rc = stmt_step(st)) == STORE_ROW) {
		struct day_block b;
		size_t len;
		month_t mo;
		const char *mt = stmt_text(st, 2, &len);
		const unsigned char *data;
		if (month_parse(mt, len, &mo)) {
			buf_addf(err, "a stored measurement block has a bad month '%s'", mt);
			rc = STORE_ERROR;
			break;
		}
		char *contract = xstrdup(stmt_text(st, 0, NULL));
		char *metric = xstrdup(stmt_text(st, 1, NULL));
		data = stmt_blob(st, 3, &len);
		if (block_decode(data, len, &b)) {
			buf_addf(err, "a stored measurement block of '%s' is damaged", contract);
			xfree(contract);
			xfree(metric);
			rc = STORE_ERROR;
			break;
		}
		day_t first = date_from_ymd(month_year(mo), month_month(mo), 1);
		for (int d = 0; d < 31 && !stop; d++)
			if (b.present & (1u << d))
				stop = fn(ctx, contract, metric, first + d, b.num[d], b.den[d]);
		xfree(contract);
		xfree(metric);
	}
	if (rc == STORE_ERROR && !err->len)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return -1;
	return stop;
}
