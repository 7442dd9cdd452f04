/* SPDX-License-Identifier: MIT */
/* The hash-chained audit log of audit.h (SHA-256 from libsodium). */
#include "store/audit.h"

#include "base/clock.h"

#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void field(crypto_hash_sha256_state *h, const char *s)
{
	/* Length-prefixed, so that ("ab","c") and ("a","bc") differ and NULL
	 * differs from "". */
	char len[24];
	int n = s ? snprintf(len, sizeof len, "%zu:", strlen(s)) : snprintf(len, sizeof len, "-:");
	crypto_hash_sha256_update(h, (const unsigned char *)len, (unsigned long long)n);
	if (s)
		crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
}

static void entry_hash(int64_t seq, const char *at, const struct audit_entry *e,
		       const char *prev, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)seq);
	crypto_hash_sha256_init(&h);
	field(&h, num);
	field(&h, at);
	field(&h, e->actor);
	field(&h, e->action);
	field(&h, e->entity);
	field(&h, e->key);
	field(&h, e->before);
	field(&h, e->after);
	field(&h, prev);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

int audit_append(struct store *s, const struct audit_entry *e, struct buf *err)
{
	struct stmt *st = NULL;
	int64_t seq = 0;
	char prev[65], at[21], hash[65];
	int rc = -1;

	memcpy(prev, genesis, sizeof genesis);
	if (store_prepare(s, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &st, err))
		return -1;
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		seq = stmt_int64(st, 0);
		snprintf(prev, sizeof prev, "%s", stmt_text(st, 1, NULL));
	} else if (rc == STORE_ERROR) {
		/* Not "an empty log": that would restart the chain at 1. */
		buf_addf(err, "audit log: %s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	stmt_finalize(st);
	rc = -1;
	seq++;
	clock_now_iso(at);
	entry_hash(seq, at, e, prev, hash);
	if (store_prepare(s, "INSERT INTO audit_log (seq, at, actor, action, entity, entity_key,"
			  " before_value, after_value, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
			  &st, err))
		return -1;
	stmt_bind_int64(st, 1, seq);
	stmt_bind_str(st, 2, at);
	stmt_bind_str(st, 3, e->actor);
	stmt_bind_str(st, 4, e->action);
	stmt_bind_str(st, 5, e->entity);
	stmt_bind_str(st, 6, e->key);
	stmt_bind_str(st, 7, e->before);
	stmt_bind_str(st, 8, e->after);
	stmt_bind_str(st, 9, prev);
	stmt_bind_str(st, 10, hash);
	if (stmt_step(st) == STORE_ERROR)
		buf_addf(err, "audit log: %s", stmt_error(st));
	else
		rc = 0;
	stmt_finalize(st);
	return rc;
}

static const char *col_or_null(struct stmt *st, int col)
{
	return stmt_is_null(st, col) ? NULL : stmt_text(st, col, NULL);
}

int audit_verify(struct store *s, struct buf *problems, struct buf *err)
{
	struct stmt *st;
	char prev[65], hash[65];
	int64_t expect = 1;
	int broken = 0, rc;

	memcpy(prev, genesis, sizeof genesis);
	if (store_prepare(s, "SELECT seq, at, actor, action, entity, entity_key, before_value,"
			  " after_value, prev_hash, hash FROM audit_log ORDER BY seq", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		int64_t seq = stmt_int64(st, 0);
		struct audit_entry e = {
			col_or_null(st, 2), col_or_null(st, 3), col_or_null(st, 4),
			col_or_null(st, 5), col_or_null(st, 6), col_or_null(st, 7),
		};
		if (seq != expect) {
			buf_addf(problems, "entry %lld: missing (the next entry is %lld)\n",
				 (long long)expect, (long long)seq);
			broken = 1;
		}
		if (strcmp(stmt_text(st, 8, NULL), prev)) {
			buf_addf(problems, "entry %lld: does not follow the entry before it\n", (long long)seq);
			broken = 1;
		}
		entry_hash(seq, stmt_text(st, 1, NULL), &e, stmt_text(st, 8, NULL), hash);
		if (strcmp(hash, stmt_text(st, 9, NULL))) {
			buf_addf(problems, "entry %lld: content was changed after it was written\n",
				 (long long)seq);
			broken = 1;
		}
		snprintf(prev, sizeof prev, "%s", stmt_text(st, 9, NULL));
		expect = seq + 1;
	}
	if (rc == STORE_ERROR) {
		buf_addf(err, "audit log: %s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	stmt_finalize(st);
	return broken;
}

/* The operating-system account running the command (getuid), never an
 * environment variable a user can set (SPEC §2: the log says who). A uid
 * without a passwd entry is written as its number. */
const char *audit_cli_actor(void)
{
	static char actor[96];
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(actor, sizeof actor, "cli:%s", pw->pw_name);
	else
		snprintf(actor, sizeof actor, "cli:uid%lu", (unsigned long)uid);
	return actor;
}
