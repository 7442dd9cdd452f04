/* SPDX-License-Identifier: MIT */
/* Model versions, frozen results and the data hash of models.h. */
#include "store/models.h"

#include "base/clock.h"
#include "domain/schema.h"
#include "store/audit.h"
#include "store/export.h"
#include "store/version.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void stored_model_release(struct stored_model *m)
{
	xfree(m->version);
	xfree(m->body);
	xfree(m->created_at);
	xfree(m->created_by);
	memset(m, 0, sizeof *m);
}

static void read_model(struct stmt *st, struct stored_model *m)
{
	m->version = stmt_text_dup(st, 0);
	m->year = stmt_is_null(st, 1) ? 0 : (int)stmt_int64(st, 1);
	m->body = stmt_text_dup(st, 2);
	m->created_at = stmt_text_dup(st, 3);
	m->created_by = stmt_text_dup(st, 4);
	m->active = (int)stmt_int64(st, 5);
}

#define MODEL_COLS "version, year, body, created_at, created_by, active"

/* Steps the prepared and bound st once into out, and finalizes it: 0, 1
 * when no model matched, −1 (err). */
static int read_one_model(struct stmt *st, struct stored_model *out, struct buf *err)
{
	int rc = stmt_step(st);
	if (rc == STORE_ROW)
		read_model(st, out);
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

int store_model_get(struct store *s, const char *version, struct stored_model *out, struct buf *err)
{
	struct stmt *st;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " MODEL_COLS " FROM models WHERE version = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, version);
	return read_one_model(st, out, err);
}

int store_model_put(struct store *s, const char *version, int year, const char *body,
		    const char *actor, struct buf *err)
{
	struct stored_model old;
	struct stmt *st;
	char at[21];
	int rc = store_model_get(s, version, &old, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		int same = !strcmp(old.body, body) && old.year == year;
		stored_model_release(&old);
		if (same)
			return 0;
		buf_addf(err, "model version '%s' exists already with other content (versions never change: import under a new version)",
			 version);
		return 1;
	}
	clock_now_iso(at);
	if (store_begin(s, err))
		return -1;
	if (store_prepare(s, "INSERT INTO models (" MODEL_COLS ") VALUES (?, ?, ?, ?, ?, 0)", &st, err))
		goto fail;
	stmt_bind_str(st, 1, version);
	if (year)
		stmt_bind_int64(st, 2, year);
	else
		stmt_bind_null(st, 2);
	stmt_bind_str(st, 3, body);
	stmt_bind_str(st, 4, at);
	stmt_bind_str(st, 5, actor);
	rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		goto fail;
	struct audit_entry e = { actor, "create", "model", version, NULL, body };
	if (audit_append(s, &e, err) || store_bump_version(s, err) || store_commit(s, err))
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

int store_model_activate(struct store *s, const char *version, const char *actor, struct buf *err)
{
	struct stored_model m;
	struct stmt *st = NULL;
	int rc = store_model_get(s, version, &m, err);
	if (rc)
		return rc;
	if (store_begin(s, err))
		goto fail;
	if (store_prepare(s, m.year ? "UPDATE models SET active = 0 WHERE year = ?"
			  : "UPDATE models SET active = 0 WHERE year IS NULL", &st, err))
		goto fail;
	if (m.year)
		stmt_bind_int64(st, 1, m.year);
	if (stmt_step(st) == STORE_ERROR)
		goto step_fail;
	stmt_finalize(st);
	if (store_prepare(s, "UPDATE models SET active = 1 WHERE version = ?", &st, err))
		goto fail;
	stmt_bind_str(st, 1, version);
	if (stmt_step(st) == STORE_ERROR)
		goto step_fail;
	stmt_finalize(st);
	st = NULL;
	struct audit_entry e = { actor, "activate", "model", version, NULL, NULL };
	if (audit_append(s, &e, err) || store_bump_version(s, err) || store_commit(s, err))
		goto fail;
	stored_model_release(&m);
	return 0;
step_fail:
	buf_addf(err, "%s", stmt_error(st));
fail:
	stmt_finalize(st);
	store_rollback(s);
	stored_model_release(&m);
	return -1;
}

int store_model_for_year(struct store *s, int year, struct stored_model *out, struct buf *err)
{
	struct stmt *st;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " MODEL_COLS " FROM models WHERE active = 1"
			  " AND (year IS NULL OR year <= ?)"
			  " ORDER BY year IS NULL, year DESC LIMIT 1", &st, err))
		return -1;
	stmt_bind_int64(st, 1, year);
	return read_one_model(st, out, err);
}

int store_model_list(struct store *s, struct stored_model **out, size_t *n, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT " MODEL_COLS " FROM models ORDER BY year, version", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		read_model(st, &(*out)[(*n)++]);
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

void frozen_release(struct frozen *f)
{
	xfree(f->model_version);
	xfree(f->data_hash);
	xfree(f->csv);
	xfree(f->json);
	xfree(f->frozen_at);
	xfree(f->frozen_by);
	memset(f, 0, sizeof *f);
}

int store_freeze(struct store *s, const struct frozen *f, struct buf *err)
{
	struct frozen old;
	struct stmt *st;
	char key[16];
	int rc = store_frozen_get(s, f->year, &old, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		buf_addf(err, "the results of %d were frozen already on %s by %s", f->year,
			 old.frozen_at, old.frozen_by);
		frozen_release(&old);
		return 1;
	}
	if (store_begin(s, err))
		return -1;
	if (store_prepare(s, "INSERT INTO frozen_results (year, model_version, data_hash, csv, json,"
			  " frozen_at, frozen_by) VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err))
		goto fail;
	stmt_bind_int64(st, 1, f->year);
	stmt_bind_str(st, 2, f->model_version);
	stmt_bind_str(st, 3, f->data_hash);
	stmt_bind_str(st, 4, f->csv);
	stmt_bind_str(st, 5, f->json);
	stmt_bind_str(st, 6, f->frozen_at);
	stmt_bind_str(st, 7, f->frozen_by);
	rc = stmt_step(st);
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		goto fail;
	snprintf(key, sizeof key, "%d", f->year);
	struct audit_entry e = { f->frozen_by, "freeze", "results", key, NULL, f->data_hash };
	if (audit_append(s, &e, err) || store_bump_version(s, err) || store_commit(s, err))
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

int store_frozen_get(struct store *s, int year, struct frozen *out, struct buf *err)
{
	struct stmt *st;
	int rc;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT model_version, data_hash, csv, json, frozen_at, frozen_by"
			  " FROM frozen_results WHERE year = ?", &st, err))
		return -1;
	stmt_bind_int64(st, 1, year);
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		out->year = year;
		out->model_version = stmt_text_dup(st, 0);
		out->data_hash = stmt_text_dup(st, 1);
		out->csv = stmt_text_dup(st, 2);
		out->json = stmt_text_dup(st, 3);
		out->frozen_at = stmt_text_dup(st, 4);
		out->frozen_by = stmt_text_dup(st, 5);
	} else if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
	}
	stmt_finalize(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

static ssize_t hash_write(void *cookie, const char *data, size_t len)
{
	crypto_hash_sha256_update(cookie, (const unsigned char *)data, len);
	return (ssize_t)len;
}

/* The hash of the CSV export of every record kind: the export is sorted by
 * key and canonical, so the hash does not depend on import order or on how
 * the store keeps the rows. */
int store_data_hash(struct store *s, char out[65], struct buf *err)
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	cookie_io_functions_t io = { NULL, hash_write, NULL, NULL };
	FILE *f;
	int rc = 0;

	crypto_hash_sha256_init(&h);
	f = fopencookie(&h, "w", io);
	if (!f) {
		buf_addf(err, "cannot hash the data: out of memory");
		return -1;
	}
	for (size_t i = 0; i < schema_n_tables && !rc; i++) {
		if (schema_tables[i].late) {
			/* A kind added after version 1 counts once it holds rows:
			 * the hash of a year frozen before it existed still holds. */
			struct buf sql = BUF_INIT;
			int64_t rows = 0;
			buf_addf(&sql, "SELECT count(*) FROM %s", schema_tables[i].sql_name);
			rc = store_query_int64(s, sql.data, 0, &rows, err);
			buf_release(&sql);
			if (rc || !rows)
				continue;
		}
		fprintf(f, "%s.csv\n", schema_tables[i].name);
		rc = store_export_table(s, &schema_tables[i], EXPORT_CSV, f, err);
	}
	fclose(f);
	if (rc)
		return -1;
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
	return 0;
}
