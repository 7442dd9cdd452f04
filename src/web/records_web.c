/* SPDX-License-Identifier: MIT */
/* Writing one record from the web, shared by the JSON API and the forms:
 * the separation-of-duties rules of perm.c, then the importer's own
 * validation (the record becomes a one-row CSV file of its kind, so a web
 * form can never accept what an import would refuse), then the audit entry
 * with the record before and after. All of it is one transaction: a write
 * that fails half way (the database went away) leaves nothing behind. */
#include "web/web_impl.h"

#include "store/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "contracts.csv:2:9: message" → column 9's name and the message, one
 * "column\tmessage" line per problem. */
static void import_errors_to_fields(const struct table *t, const char *errors, struct buf *out)
{
	const char *line = errors;
	while (*line) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		const char *p = memchr(line, ':', len);
		char *end;
		if (p) {
			strtoul(p + 1, &end, 10);
			if (*end == ':') {
				unsigned long col = strtoul(end + 1, &end, 10);
				if (*end == ':' && end[1] == ' ') {
					const char *m = end + 2;
					const char *name = col >= 1 && col <= t->n_columns
						? t->columns[col - 1].name : "";
					buf_addf(out, "%s\t%.*s\n", name, (int)(len - (size_t)(m - line)), m);
					goto next;
				}
			}
		}
		if (len)
			buf_addf(out, "\t%.*s\n", (int)len, line);
next:
		if (!eol)
			break;
		line = eol + 1;
	}
}

/* The importer's checks of one record as a one-row CSV file of its kind,
 * written when valid (inside the caller's transaction): 0, 1 with the
 * problems in ierr, -1 with err. */
static int import_one(struct request *req, const struct table *t, const struct buf *csv,
			 struct import_result *res, struct buf *ierr, struct buf *err)
{
	char name[64];
	struct import_source src;
	struct import_options opt = { NULL, 0, 0, 50, req->actor };
	snprintf(name, sizeof name, "%s.csv", t->name);
	memset(&src, 0, sizeof src);
	src.name = name;
	src.data = csv->data;
	src.len = csv->len;
	memset(res, 0, sizeof *res);
	return store_import_mem(req->store, &src, 1, &opt, res, ierr, err);
}

enum write_result web_record_write(struct request *req, const struct table *t,
				   const char *const *key, const char **values,
				   struct record *saved, struct buf *errors)
{
	struct record before, after_view;
	struct buf csv = BUF_INIT, ierr = BUF_INIT, err = BUF_INIT, msg = BUF_INIT;
	int keys[8], have_before = 0, began = 0, missing_key = 0;
	size_t nk = record_key_columns(t, keys);
	const char *own_key[8];
	const char *field;
	enum write_result wr = WRITE_FAILED;
	int rc;

	memset(saved, 0, sizeof *saved);
	for (size_t i = 0; i < nk; i++) {
		own_key[i] = values[keys[i]];
		if (key && (!own_key[i] || strcmp(own_key[i], key[i]))) {
			buf_addf(errors, "%s\tthe key cannot change (delete the record and create a new one)\n",
				 t->columns[keys[i]].name);
			wr = WRITE_INVALID;
			goto out;
		}
		if (!own_key[i])
			missing_key = 1;
	}
	if (missing_key) {
		/* Without its key the record cannot be looked up, but every other
		 * problem is still reported at once: the importer checks the row
		 * (and says the key is required) in a transaction rolled back. */
		if (store_begin(req->store, &err))
			goto out;
		began = 1;
		record_csv(t, values, &csv);
		struct import_result res_unused;
		rc = import_one(req, t, &csv, &res_unused, &ierr, &err);
		if (rc < 0)
			goto out;
		import_errors_to_fields(t, ierr.data, errors);
		wr = WRITE_INVALID;
		goto out;
	}
	if (store_begin(req->store, &err))
		goto out;
	began = 1;
	rc = records_get(req->store, t, own_key, &before, &err);
	if (rc < 0)
		goto out;
	have_before = rc == 0;
	if (key && !have_before) {
		wr = WRITE_MISSING;
		goto out;
	}
	if (!key && have_before) {
		struct buf kt = BUF_INIT;
		record_key_text(t, &before, &kt);
		buf_addf(errors, "%s\t%s '%s' exists already\n", t->columns[keys[0]].name, t->name, kt.data);
		buf_release(&kt);
		wr = WRITE_EXISTS;
		goto out;
	}
	after_view.values = (char **)values;
	if (perm_check_change(t, req->session.user.role, req->session.user.person_id,
			      key ? PERM_UPDATE : PERM_CREATE, have_before ? &before : NULL,
			      &after_view, &msg, &field)) {
		buf_addf(errors, "%s\t%s\n", field ? field : "", msg.data);
		wr = WRITE_FORBIDDEN;
		goto out;
	}

	record_csv(t, values, &csv);
	struct import_result res;
	rc = import_one(req, t, &csv, &res, &ierr, &err);
	if (rc == 1) {
		import_errors_to_fields(t, ierr.data, errors);
		wr = res.closed ? WRITE_CLOSED : WRITE_INVALID;
		goto out;
	}
	if (rc < 0)
		goto out;
	if (records_get(req->store, t, own_key, saved, &err))
		goto out;
	if (records_audit(req->store, t, key ? "update" : "create", have_before ? &before : NULL,
			  saved, req->actor, &err))
		goto out;
	began = 0;            /* a commit ends the transaction, failed or not */
	if (store_commit(req->store, &err))
		goto out;
	wr = WRITE_OK;
out:
	if (began)
		store_rollback(req->store);
	if (wr == WRITE_FAILED && err.len) {
		fprintf(stderr, "tandem serve: %s\n", err.data);
		buf_addf(errors, "\tthe record could not be saved (a storage error)\n");
	}
	if (wr != WRITE_OK)
		record_free(t, saved);
	if (have_before)
		record_free(t, &before);
	buf_release(&csv);
	buf_release(&ierr);
	buf_release(&err);
	buf_release(&msg);
	return wr;
}
