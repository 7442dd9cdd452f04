/* SPDX-License-Identifier: MIT */
/* The keyed, hash-chained audit log of audit.h (SHA-256 and HMAC-SHA-256
 * from libsodium) and its key file. The key is 32 random bytes written as
 * 64 hex digits and a newline; the store keeps only a fingerprint of it
 * (audit_key.key_id), so that a wrong key file is named as such. */
#include "store/audit.h"

#include "base/clock.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_BYTES 32

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";
static const char *key_file_flag;

/* --- the chain ----------------------------------------------------------- */

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

/* The MAC of an entry: HMAC-SHA-256 under the key of its chain hash, which
 * covers its content and, through prev, every entry before it. */
static void entry_mac(const unsigned char key[KEY_BYTES], const char *hash, char out[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, KEY_BYTES);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"tandem audit v2:", 16);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)hash, strlen(hash));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}

static void key_id(const unsigned char key[KEY_BYTES], char out[65])
{
	entry_mac(key, "tandem audit key id", out);
}

/* --- the key file -------------------------------------------------------- */

void audit_set_key_file(const char *path)
{
	key_file_flag = path && *path ? path : NULL;
}

void audit_key_path(const struct store *s, struct buf *out)
{
	const char *env = getenv("TANDEM_AUDIT_KEY_FILE");
	buf_reset(out);
	if (key_file_flag)
		buf_adds(out, key_file_flag);
	else if (env && *env)
		buf_adds(out, env);
	else if (s->ops->kind == STORE_SQLITE)
		buf_addf(out, "%s.key", s->location);
	else
		buf_adds(out, "tandem-audit.key");
}

/* Reads the key at path into key. 0; 1 when there is no such file; -1 with
 * err when it cannot be read or is not a key. */
static int read_key(const char *path, unsigned char key[KEY_BYTES], struct buf *err)
{
	char text[2 * KEY_BYTES + 8];
	size_t bin_len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		buf_addf(err, "cannot read the audit key '%s': %s", path, strerror(errno));
		return -1;
	}
	n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n < 0) {
		buf_addf(err, "cannot read the audit key '%s': %s", path, strerror(errno));
		return -1;
	}
	text[n] = '\0';
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
		text[--n] = '\0';
	if (n != 2 * KEY_BYTES ||
	    sodium_hex2bin(key, KEY_BYTES, text, (size_t)n, NULL, &bin_len, NULL) || bin_len != KEY_BYTES) {
		sodium_memzero(text, sizeof text);
		buf_addf(err, "'%s' is not an audit key (expected 64 hexadecimal digits)", path);
		return -1;
	}
	sodium_memzero(text, sizeof text);
	return 0;
}

/* Writes a new random key to path, which must not exist (mode 0600,
 * synced). 0, or -1 with err. */
static int write_new_key(const char *path, unsigned char key[KEY_BYTES], int replace, struct buf *err)
{
	char text[2 * KEY_BYTES + 2];
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL), 0600);
	int rc = -1;
	if (fd < 0) {
		buf_addf(err, "cannot create the audit key '%s': %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(key, KEY_BYTES);
	sodium_bin2hex(text, sizeof text, key, KEY_BYTES);
	text[2 * KEY_BYTES] = '\n';
	if (fchmod(fd, 0600) || write(fd, text, 2 * KEY_BYTES + 1) != 2 * KEY_BYTES + 1 || fsync(fd))
		buf_addf(err, "cannot write the audit key '%s': %s", path, strerror(errno));
	else
		rc = 0;
	sodium_memzero(text, sizeof text);
	if (close(fd) && rc == 0) {
		buf_addf(err, "cannot write the audit key '%s': %s", path, strerror(errno));
		rc = -1;
	}
	if (rc)
		unlink(path);
	return rc;
}

/* The fingerprint the store keeps: 0 and out[65]; 1 when the log was never
 * keyed; -1 with err. */
static int stored_key_id(struct store *s, char out[65], struct buf *err)
{
	struct stmt *st;
	int rc;
	if (store_prepare(s, "SELECT key_id FROM audit_key WHERE id = 1", &st, err))
		return -1;
	rc = stmt_step(st);
	if (rc == STORE_ROW)
		snprintf(out, 65, "%s", stmt_text(st, 0, NULL));
	else if (rc == STORE_ERROR)
		buf_addf(err, "audit log: %s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

static void not_keyed(struct store *s, const char *path, struct buf *err)
{
	buf_addf(err, "the audit log of %s has no key yet: run 'tandem init' once to create "
		 "the key file '%s' and key the log (see docs/security.md)", s->location, path);
}

static void wrong_key(struct store *s, const char *path, struct buf *err)
{
	buf_addf(err, "the audit key '%s' is not the key of %s's audit log (give the right file "
		 "with --audit-key or TANDEM_AUDIT_KEY_FILE)", path, s->location);
}

/* Loads the key file into s and checks it against the store's fingerprint
 * (stored, or NULL to read it). 0; -3 with err when the key file is
 * missing; -2 when it is unreadable or wrong, or the log unkeyed; -1 with
 * err on a storage error. */
static int load_key(struct store *s, const char *stored, struct buf *err)
{
	struct buf path = BUF_INIT;
	char want[65], have[65];
	int rc = -2, r;
	audit_key_path(s, &path);
	if (!stored) {
		r = stored_key_id(s, want, err);
		if (r < 0) {
			rc = -1;
			goto out;
		}
		if (r > 0) {
			not_keyed(s, path.data, err);
			goto out;
		}
		stored = want;
	}
	r = read_key(path.data, s->audit_key, err);
	if (r > 0) {
		buf_addf(err, "the audit key '%s' is missing: the audit log of %s can be neither "
			 "written nor verified without it (restore it, or name it with --audit-key or "
			 "TANDEM_AUDIT_KEY_FILE)", path.data, s->location);
		rc = -3;
	}
	if (r)
		goto out;
	key_id(s->audit_key, have);
	if (strcmp(have, stored)) {
		wrong_key(s, path.data, err);
		goto out;
	}
	s->audit_key_loaded = 1;
	rc = 0;
out:
	if (rc) {
		sodium_memzero(s->audit_key, sizeof s->audit_key);
		s->audit_key_loaded = 0;
	}
	buf_release(&path);
	return rc;
}

int audit_key_check(struct store *s, struct buf *err)
{
	s->audit_key_loaded = 0;
	return load_key(s, NULL, err) ? -1 : 0;
}

/* --- appending ----------------------------------------------------------- */

int audit_append(struct store *s, const struct audit_entry *e, struct buf *err)
{
	struct stmt *st = NULL;
	int64_t seq = 0;
	char prev[65], at[21], hash[65], mac[65], stored[65];
	int rc;

	memcpy(prev, genesis, sizeof genesis);
	/* The fingerprint and the head in one statement: a key rotated by
	 * another process since this one loaded its key is noticed (and the
	 * new file read) before anything is written. */
	if (store_prepare(s, "SELECT k.key_id, l.seq, l.hash FROM audit_key k LEFT JOIN"
			  " (SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1) l ON 1 = 1"
			  " WHERE k.id = 1", &st, err))
		return -1;
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		snprintf(stored, sizeof stored, "%s", stmt_text(st, 0, NULL));
		if (!stmt_is_null(st, 1)) {
			seq = stmt_int64(st, 1);
			snprintf(prev, sizeof prev, "%s", stmt_text(st, 2, NULL));
		}
	} else if (rc == STORE_ERROR) {
		/* Not "an empty log": that would restart the chain at 1. */
		buf_addf(err, "audit log: %s", stmt_error(st));
	}
	stmt_finalize(st);
	if (rc == STORE_ERROR)
		return -1;
	if (rc == STORE_DONE) {
		struct buf path = BUF_INIT;
		audit_key_path(s, &path);
		not_keyed(s, path.data, err);
		buf_release(&path);
		return -1;
	}
	if (s->audit_key_loaded) {
		char have[65];
		key_id(s->audit_key, have);
		if (strcmp(have, stored))
			s->audit_key_loaded = 0;
	}
	if (!s->audit_key_loaded && load_key(s, stored, err))
		return -1;
	seq++;
	clock_now_iso(at);
	entry_hash(seq, at, e, prev, hash);
	entry_mac(s->audit_key, hash, mac);
	if (store_prepare(s, "INSERT INTO audit_log (seq, at, actor, action, entity, entity_key,"
			  " before_value, after_value, prev_hash, hash, mac) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
	stmt_bind_str(st, 11, mac);
	rc = -1;
	if (stmt_step(st) == STORE_ERROR)
		buf_addf(err, "audit log: %s", stmt_error(st));
	else
		rc = 0;
	stmt_finalize(st);
	return rc;
}

/* --- verifying ----------------------------------------------------------- */

static const char *col_or_null(struct stmt *st, int col)
{
	return stmt_is_null(st, col) ? NULL : stmt_text(st, col, NULL);
}

/* Walks the chain. With key, checks every MAC too; with on_entry, calls it
 * for every entry (seq, hash) the chain holds, intact or not. Counts the
 * entries into *count and the newest into last[65]. 0 intact, 1 broken,
 * -1 storage error. */
static int walk(struct store *s, const unsigned char *key, struct buf *problems, int64_t *count,
		char last[65], int (*on_entry)(void *, int64_t, const char *), void *ctx, struct buf *err)
{
	struct stmt *st;
	char prev[65], hash[65], mac[65];
	int64_t expect = 1;
	int broken = 0, rc;

	memcpy(prev, genesis, sizeof genesis);
	memcpy(last, genesis, sizeof genesis);
	*count = 0;
	if (store_prepare(s, "SELECT seq, at, actor, action, entity, entity_key, before_value,"
			  " after_value, prev_hash, hash, mac FROM audit_log ORDER BY seq", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		int64_t seq = stmt_int64(st, 0);
		const char *stored_hash = stmt_text(st, 9, NULL);
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
		if (strcmp(hash, stored_hash)) {
			buf_addf(problems, "entry %lld: content was changed after it was written\n",
				 (long long)seq);
			broken = 1;
		}
		if (key) {
			if (stmt_is_null(st, 10)) {
				buf_addf(problems, "entry %lld: has no key MAC (written outside tandem, or "
					 "before the log was keyed)\n", (long long)seq);
				broken = 1;
			} else {
				entry_mac(key, stored_hash, mac);
				if (strcmp(mac, stmt_text(st, 10, NULL))) {
					buf_addf(problems, "entry %lld: its key MAC does not match: the entry "
						 "or the chain was rewritten without the key\n", (long long)seq);
					broken = 1;
				}
			}
		}
		if (on_entry && on_entry(ctx, seq, stored_hash)) {
			rc = STORE_ERROR;
			break;
		}
		snprintf(prev, sizeof prev, "%s", stored_hash);
		memcpy(last, prev, sizeof prev);
		expect = seq + 1;
		(*count)++;
	}
	if (rc == STORE_ERROR) {
		if (!err->len)
			buf_addf(err, "audit log: %s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	stmt_finalize(st);
	return broken;
}

struct head_check {
	int64_t seq;
	char hash[65];
	int found, matches;
};

static int check_head(void *ctx, int64_t seq, const char *hash)
{
	struct head_check *h = ctx;
	if (seq == h->seq) {
		h->found = 1;
		h->matches = !strcmp(hash, h->hash);
	}
	return 0;
}

/* Parses "N:HASH". 0, or -1. */
static int parse_head(const char *text, struct head_check *h)
{
	char *end;
	long long n;
	errno = 0;
	n = strtoll(text, &end, 10);
	if (errno || end == text || *end != ':' || n < 0 || strlen(end + 1) != 64 ||
	    strspn(end + 1, "0123456789abcdef") != 64)
		return -1;
	memset(h, 0, sizeof *h);
	h->seq = n;
	memcpy(h->hash, end + 1, 65);
	return 0;
}

int audit_verify_head(struct store *s, const char *head, struct buf *problems, struct buf *err)
{
	struct head_check h = { 0 };
	int64_t count;
	char last[65];
	int rc;

	if (head && parse_head(head, &h)) {
		buf_addf(err, "--head takes N:HASH as 'tandem audit head' prints it, not '%s'", head);
		return 2;
	}
	s->audit_key_loaded = 0;
	rc = load_key(s, NULL, err);
	if (rc)
		return rc == -3 ? 3 : rc == -2 ? 2 : -1;
	rc = walk(s, s->audit_key, problems, &count, last, head ? check_head : NULL, &h, err);
	if (rc < 0 || !head)
		return rc;
	if (h.seq == 0) {
		/* An anchor taken of an empty log says only that it was empty. */
		if (strcmp(h.hash, genesis)) {
			buf_addf(problems, "head 0: an empty log's head is 0:%s\n", genesis);
			rc = 1;
		}
	} else if (!h.found) {
		buf_addf(problems, "head %lld: the entry is missing: the log was truncated or replaced "
			 "(it holds %lld entries)\n", (long long)h.seq, (long long)count);
		rc = 1;
	} else if (!h.matches) {
		buf_addf(problems, "head %lld: the entry's hash is not the recorded one: the log was "
			 "rewritten\n", (long long)h.seq);
		rc = 1;
	}
	return rc;
}

int audit_verify(struct store *s, struct buf *problems, struct buf *err)
{
	return audit_verify_head(s, NULL, problems, err);
}

int audit_head(struct store *s, int64_t *count, char hash[65], struct buf *err)
{
	struct stmt *st;
	int rc;
	*count = 0;
	memcpy(hash, genesis, sizeof genesis);
	if (store_prepare(s, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", &st, err))
		return -1;
	rc = stmt_step(st);
	if (rc == STORE_ROW) {
		*count = stmt_int64(st, 0);
		snprintf(hash, 65, "%s", stmt_text(st, 1, NULL));
	} else if (rc == STORE_ERROR) {
		buf_addf(err, "audit log: %s", stmt_error(st));
	}
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

/* --- keying and re-keying ------------------------------------------------ */

/* Gives every entry a MAC under key. 0, or -1 with err. */
static int mac_all(struct store *s, const unsigned char key[KEY_BYTES], int64_t *n, struct buf *err)
{
	struct stmt *get = NULL, *put = NULL;
	int rc = -1, step;
	*n = 0;
	if (store_prepare(s, "SELECT seq, hash FROM audit_log ORDER BY seq", &get, err) ||
	    store_prepare(s, "UPDATE audit_log SET mac = ? WHERE seq = ?", &put, err))
		goto out;
	while ((step = stmt_step(get)) == STORE_ROW) {
		char mac[65];
		entry_mac(key, stmt_text(get, 1, NULL), mac);
		stmt_bind_str(put, 1, mac);
		stmt_bind_int64(put, 2, stmt_int64(get, 0));
		if (stmt_step(put) == STORE_ERROR) {
			buf_addf(err, "audit log: %s", stmt_error(put));
			goto out;
		}
		stmt_reset(put);
		(*n)++;
	}
	if (step == STORE_ERROR) {
		buf_addf(err, "audit log: %s", stmt_error(get));
		goto out;
	}
	rc = 0;
out:
	stmt_finalize(get);
	stmt_finalize(put);
	return rc;
}

static int put_key_id(struct store *s, const unsigned char key[KEY_BYTES], struct buf *err)
{
	char id[65], at[21];
	const char *p[2] = { id, at };
	key_id(key, id);
	clock_now_iso(at);
	return store_run(s, err, "DELETE FROM audit_key", 0, NULL) ||
	       store_run(s, err, "INSERT INTO audit_key (id, key_id, keyed_at) VALUES (1, ?, ?)", 2, p);
}

int audit_key_setup(struct store *s, int *created, int64_t *rekeyed, struct buf *err)
{
	struct buf path = BUF_INIT, problems = BUF_INIT;
	unsigned char key[KEY_BYTES];
	char stored[65], last[65];
	int64_t count = 0, unmaced = 0;
	int rc = -1, r;

	*created = 0;
	*rekeyed = 0;
	audit_key_path(s, &path);
	if (store_begin(s, err))
		goto out;
	r = stored_key_id(s, stored, err);
	if (r < 0)
		goto fail;
	if (r == 0) {
		/* Keyed already: the file must be its key. */
		store_rollback(s);
		s->audit_key_loaded = 0;
		rc = load_key(s, stored, err) ? -1 : 0;
		goto out;
	}
	r = read_key(path.data, key, err);
	if (r < 0)
		goto fail;
	if (r > 0) {
		if (write_new_key(path.data, key, 0, err))
			goto fail;
		*created = 1;
	}
	if (store_query_int64(s, "SELECT count(*) FROM audit_log WHERE mac IS NULL", 0, &unmaced, err) ||
	    store_query_int64(s, "SELECT count(*) FROM audit_log", 0, &count, err))
		goto fail;
	if (count && !unmaced) {
		/* Every entry has a MAC but the fingerprint is gone: only the
		 * right key restores it. */
		r = walk(s, key, &problems, &count, last, NULL, NULL, err);
		if (r < 0)
			goto fail;
		if (r) {
			wrong_key(s, path.data, err);
			goto fail;
		}
	} else if (count) {
		/* A log from before keys: key it only with a key made just now,
		 * and only when its plain chain is intact. Otherwise a log
		 * rewritten in the database could be laundered under an
		 * existing key. */
		if (!*created) {
			buf_addf(err, "the audit log of %s was written before audit keys and '%s' exists "
				 "already: keying the log needs a new key file (move the file away, or "
				 "name a new one with --audit-key)", s->location, path.data);
			goto fail;
		}
		r = walk(s, NULL, &problems, &count, last, NULL, NULL, err);
		if (r < 0)
			goto fail;
		if (r) {
			buf_addf(err, "the audit log of %s is broken, so it was not keyed:\n%s"
				 "(see 'tandem audit verify' and docs/security.md)", s->location,
				 problems.data);
			goto fail;
		}
		if (mac_all(s, key, rekeyed, err))
			goto fail;
	}
	if (put_key_id(s, key, err))
		goto fail;
	memcpy(s->audit_key, key, KEY_BYTES);
	s->audit_key_loaded = 1;
	if (*rekeyed) {
		char after[96];
		snprintf(after, sizeof after, "{\"entries_keyed\":%lld}", (long long)*rekeyed);
		struct audit_entry e = { audit_cli_actor(), "key", "audit", NULL, NULL, after };
		if (audit_append(s, &e, err))
			goto fail;
	}
	if (store_commit(s, err))
		goto fail_committed;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
fail_committed:
	s->audit_key_loaded = 0;
	if (*created)
		unlink(path.data);
	*created = 0;
	*rekeyed = 0;
out:
	sodium_memzero(key, sizeof key);
	buf_release(&path);
	buf_release(&problems);
	return rc;
}

int audit_rotate_key(struct store *s, const char *actor, int64_t *entries, struct buf *problems,
		     struct buf *err)
{
	struct buf path = BUF_INIT, fresh = BUF_INIT;
	unsigned char key[KEY_BYTES], old[KEY_BYTES] = { 0 };
	char last[65], after[200];
	int64_t count = 0, old_count;
	int rc = -1, r, wrote = 0, had_old = 0;

	*entries = 0;
	audit_key_path(s, &path);
	buf_addf(&fresh, "%s.new", path.data);
	if (store_begin(s, err))
		goto out;
	s->audit_key_loaded = 0;
	if (load_key(s, NULL, err))
		goto fail;
	memcpy(old, s->audit_key, KEY_BYTES);
	had_old = 1;
	r = walk(s, s->audit_key, problems, &old_count, last, NULL, NULL, err);
	if (r) {
		if (r > 0)
			rc = 1;
		goto fail;
	}
	if (write_new_key(fresh.data, key, 1, err))
		goto fail;
	wrote = 1;
	if (mac_all(s, key, &count, err) || put_key_id(s, key, err))
		goto fail;
	memcpy(s->audit_key, key, KEY_BYTES);
	snprintf(after, sizeof after, "{\"entries_rekeyed\":%lld,\"head\":\"%lld:%s\"}",
		 (long long)count, (long long)old_count, last);
	struct audit_entry e = { actor, "rotate-key", "audit", NULL, NULL, after };
	if (audit_append(s, &e, err))
		goto fail;
	if (store_commit(s, err))
		goto fail_committed;
	/* The store is keyed with the new key now: put it in place. A crash
	 * before this leaves it in PATH.new (docs/security.md says so). */
	if (rename(fresh.data, path.data)) {
		buf_addf(err, "the log was re-keyed, but the new key could not be moved from '%s' to '%s': "
			 "%s; move it there by hand", fresh.data, path.data, strerror(errno));
		wrote = 0;
		goto out;
	}
	wrote = 0;
	*entries = count;
	rc = 0;
	goto out;
fail:
	store_rollback(s);
fail_committed:
	memcpy(s->audit_key, old, KEY_BYTES);
	s->audit_key_loaded = had_old;
	if (wrote)
		unlink(fresh.data);
out:
	sodium_memzero(key, sizeof key);
	sodium_memzero(old, sizeof old);
	buf_release(&path);
	buf_release(&fresh);
	return rc;
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
