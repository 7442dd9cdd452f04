/* SPDX-License-Identifier: MIT */
/* Accounts and sessions of users.h. Passwords never leave this file except
 * as libsodium's crypto_pwhash_str() strings; session tokens are stored as
 * their SHA-256 only, so a copy of the database does not let anyone in. */
#include "store/users.h"

#include "base/clock.h"
#include "io/jsonw.h"
#include "store/audit.h"
#include "store/version.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const role_names[] = { "admin", "executive", "sales", "operations", "viewer", NULL };

enum role role_parse(const char *name)
{
	for (int i = 0; name && role_names[i]; i++)
		if (!strcmp(role_names[i], name))
			return (enum role)(1 << i);
	return 0;
}

const char *role_name(enum role r)
{
	for (int i = 0; role_names[i]; i++)
		if (r == (enum role)(1 << i))
			return role_names[i];
	return NULL;
}

int user_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > USER_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '@' || c == '-'))
			return 0;
	}
	return 1;
}

int password_hash(const char *password, char out[128], struct buf *err)
{
	const char *fast = getenv("TANDEM_FAST_HASH");
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (fast && !strcmp(fast, "1")) {
		ops = crypto_pwhash_OPSLIMIT_MIN;
		mem = crypto_pwhash_MEMLIMIT_MIN;
	}
	if (crypto_pwhash_str(out, password, strlen(password), ops, mem)) {
		buf_addf(err, "cannot hash the password (out of memory)");
		return -1;
	}
	return 0;
}

void password_generate(char out[21])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 20; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[20] = '\0';
}

void user_release(struct user *u)
{
	xfree(u->name);
	xfree(u->person_id);
	xfree(u->created_at);
	xfree(u->locked_until);
	memset(u, 0, sizeof *u);
}

#define USER_COLUMNS "name, role, person_id, disabled, created_at, failed_logins, locked_until"

static void user_from_row(struct stmt *st, int first, struct user *u)
{
	u->name = stmt_text_dup(st, first);
	u->role = role_parse(stmt_text(st, first + 1, NULL));
	u->person_id = stmt_text_dup(st, first + 2);
	u->disabled = (int)stmt_int64(st, first + 3);
	u->created_at = stmt_text_dup(st, first + 4);
	u->failed_logins = (long)stmt_int64(st, first + 5);
	u->locked_until = stmt_text_dup(st, first + 6);
}

/* The audit JSON of an account: never the password hash. */
static void user_json(const struct user *u, struct buf *out)
{
	buf_adds(out, "{\"name\":");
	json_write_string(out, u->name, strlen(u->name));
	buf_adds(out, ",\"role\":");
	const char *r = role_name(u->role) ? role_name(u->role) : "";
	json_write_string(out, r, strlen(r));
	buf_adds(out, ",\"person_id\":");
	if (u->person_id)
		json_write_string(out, u->person_id, strlen(u->person_id));
	else
		buf_adds(out, "null");
	buf_addf(out, ",\"disabled\":%s}", u->disabled ? "true" : "false");
}

static int get_user(struct store *s, const char *name, struct user *out, struct buf *err)
{
	struct stmt *st;
	int rc;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " USER_COLUMNS " FROM users WHERE name = ?", &st, err))
		return -1;
	stmt_bind_str(st, 1, name);
	rc = stmt_step(st);
	if (rc == STORE_ROW)
		user_from_row(st, 0, out);
	else if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ROW ? 0 : rc == STORE_DONE ? 1 : -1;
}

int users_get(struct store *s, const char *name, struct user *out, struct buf *err)
{
	return get_user(s, name, out, err);
}

int users_list(struct store *s, struct user **out, size_t *n, struct buf *err)
{
	struct stmt *st;
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT " USER_COLUMNS " FROM users ORDER BY name", &st, err))
		return -1;
	while ((rc = stmt_step(st)) == STORE_ROW) {
		ALLOC_GROW(*out, *n + 1, cap);
		user_from_row(st, 0, &(*out)[*n]);
		(*n)++;
	}
	if (rc == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	stmt_finalize(st);
	return rc == STORE_ERROR ? -1 : 0;
}

void users_free_list(struct user *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		user_release(&list[i]);
	xfree(list);
}

/* Runs one statement with text parameters; returns the rows changed or -1. */
static int64_t run_changes(struct store *s, struct buf *err, const char *sql, int n,
			   const char *const *params)
{
	struct stmt *st;
	int64_t changed = -1;
	if (store_prepare(s, sql, &st, err))
		return -1;
	for (int i = 0; i < n; i++)
		stmt_bind_str(st, i + 1, params[i]);
	if (stmt_step(st) == STORE_ERROR)
		buf_addf(err, "%s", stmt_error(st));
	else
		changed = stmt_changes(st);
	stmt_finalize(st);
	return changed;
}

/* Applies one change to an account in a transaction with its audit entry.
 * The before and after values are read back from the table, so the log
 * shows what is really stored. */
static int change_user(struct store *s, const char *name, const char *action, const char *actor,
		       const char *sql, int n, const char *const *params, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	struct user before, after;
	struct buf bj = BUF_INIT, aj = BUF_INIT;
	int rc = -1, found;

	memset(&after, 0, sizeof after);
	if (store_begin(s, err))
		return -1;
	found = get_user(s, name, &before, err);
	if (found) {
		rc = found;
		goto out;
	}
	if (run_changes(s, err, sql, n, params) < 0)
		goto out;
	if (get_user(s, name, &after, err))
		goto out;
	user_json(&before, &bj);
	user_json(&after, &aj);
	struct audit_entry e = { actor, action, "user", name, bj.data, aj.data };
	if (audit_append(s, &e, err) || store_bump_sessions_version(s, err))
		goto out;
	if (store_commit(s, err))
		goto out;
	rc = 0;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	if (!found)
		user_release(&before);
	user_release(&after);
	buf_release(&bj);
	buf_release(&aj);
	return rc;
}

int users_add(struct store *s, const char *name, enum role role, const char *person_id,
	      const char *password, const char *actor, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	char hash[128], now[21];
	struct user u;
	struct buf aj = BUF_INIT;
	int rc = -1, found;

	if (password_hash(password, hash, err))
		return -1;
	clock_now_iso(now);
	if (store_begin(s, err))
		return -1;
	found = get_user(s, name, &u, err);
	if (found <= 0) {
		if (!found)
			user_release(&u);
		rc = found == 0 ? 1 : -1;
		goto out;
	}
	const char *p[5] = { name, hash, role_name(role), person_id, now };
	if (run_changes(s, err, "INSERT INTO users (name, password_hash, role, person_id, created_at)"
			" VALUES (?, ?, ?, ?, ?)", 5, p) < 0)
		goto out;
	if (get_user(s, name, &u, err))
		goto out;
	user_json(&u, &aj);
	user_release(&u);
	struct audit_entry e = { actor, "create", "user", name, NULL, aj.data };
	if (audit_append(s, &e, err) || store_commit(s, err))
		goto out;
	rc = 0;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	sodium_memzero(hash, sizeof hash);
	buf_release(&aj);
	return rc;
}

int users_set_password(struct store *s, const char *name, const char *password,
		       const char *actor, struct buf *err)
{
	char hash[128];
	int rc;
	if (password_hash(password, hash, err))
		return -1;
	const char *p[2] = { hash, name };
	rc = change_user(s, name, "password", actor,
			 "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL"
			 " WHERE name = ?", 2, p, err);
	sodium_memzero(hash, sizeof hash);
	if (rc == 0)
		rc = sessions_delete_user(s, name, err);
	return rc;
}

int users_set_role(struct store *s, const char *name, enum role role, const char *actor,
		   struct buf *err)
{
	const char *p[2] = { role_name(role), name };
	return change_user(s, name, "role", actor, "UPDATE users SET role = ? WHERE name = ?", 2, p, err);
}

int users_set_disabled(struct store *s, const char *name, int disabled, const char *actor,
		       struct buf *err)
{
	const char *p[2] = { disabled ? "1" : "0", name };
	int rc = change_user(s, name, disabled ? "disable" : "enable", actor,
			     "UPDATE users SET disabled = CAST(? AS INTEGER) WHERE name = ?", 2, p, err);
	if (rc == 0 && disabled)
		rc = sessions_delete_user(s, name, err);
	return rc;
}

/* "2026-01-02T03:04:05Z" → time_t; 0 when malformed. */
static time_t iso_time(const char *s)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

int users_login_fetch(struct store *s, const char *name, struct login_check *out,
		      struct buf *err)
{
	struct stmt *st = NULL;
	int found, rc = -1;

	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " USER_COLUMNS ", password_hash FROM users WHERE name = ?",
			  &st, err))
		return -1;
	stmt_bind_str(st, 1, name);
	found = stmt_step(st);
	if (found == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		goto out;
	}
	if (found == STORE_ROW) {
		user_from_row(st, 0, &out->user);
		out->hash = xstrdup(stmt_text(st, 7, NULL));
	}
	rc = 0;
out:
	stmt_finalize(st);
	return rc;
}

void login_check_release(struct login_check *c)
{
	user_release(&c->user);
	if (c->hash)
		sodium_memzero(c->hash, strlen(c->hash));
	xfree(c->hash);
	c->hash = NULL;
}

int users_password_matches(const struct login_check *c, const char *password, struct buf *err)
{
	if (!c->hash) {
		/* Spend about the same time as a real check, so that timing does
		 * not tell which names exist. */
		char dummy[128];
		return password_hash(password, dummy, err) ? -1 : 0;
	}
	/* A locked account is checked all the same (the caller ignores the
	 * result), so that it answers in the time a wrong password takes. */
	return crypto_pwhash_str_verify(c->hash, password, strlen(password)) == 0;
}

int users_login_record(struct store *s, const char *name, const struct login_check *c,
		       int matches, const struct login_policy *policy, enum login_result *result,
		       struct user *out, struct buf *err)
{
	int depth = s->in_tx;   /* a caller's transaction, if any */
	time_t now = clock_now();
	int rc = -1;

	memset(out, 0, sizeof *out);
	*result = LOGIN_BAD;
	if (!c->hash)
		return 0;       /* no such name: LOGIN_BAD, nothing to count */
	/* The account as it is now: it may have changed while the password
	 * was being hashed (the caller holds no lock meanwhile). */
	struct login_check now_c;
	if (users_login_fetch(s, name, &now_c, err))
		return -1;
	if (!now_c.hash || strcmp(now_c.hash, c->hash)) {
		/* Deleted, or its password changed meanwhile: the password
		 * checked was the old one; a failure, not counted. */
		login_check_release(&now_c);
		return 0;
	}
	*out = now_c.user;
	memset(&now_c.user, 0, sizeof now_c.user);
	login_check_release(&now_c);

	if (out->locked_until && iso_time(out->locked_until) > now) {
		*result = LOGIN_LOCKED;    /* right or wrong, the same answer */
		rc = 0;
		goto out;
	}
	if (matches) {
		const char *p[1] = { name };
		if (out->disabled) {
			*result = LOGIN_DISABLED;
		} else {
			*result = LOGIN_OK;
			if ((out->failed_logins || out->locked_until) &&
			    run_changes(s, err, "UPDATE users SET failed_logins = 0, locked_until = NULL"
					" WHERE name = ?", 1, p) < 0)
				goto out;
		}
	} else {
		char until[21], count[24];
		long failures = out->failed_logins + 1;
		/* A lockout that has run out starts the count again. */
		if (out->locked_until)
			failures = 1;
		if (failures >= policy->max_failures) {
			clock_iso(now + policy->lockout_seconds, until);
			snprintf(count, sizeof count, "0");
		} else {
			until[0] = '\0';
			snprintf(count, sizeof count, "%ld", failures);
		}
		const char *p[3] = { count, until[0] ? until : NULL, name };
		/* The count and the lockout's audit entry go together. */
		if (store_begin(s, err))
			goto out;
		if (run_changes(s, err, "UPDATE users SET failed_logins = CAST(? AS INTEGER),"
				" locked_until = ? WHERE name = ?", 3, p) < 0)
			goto out;
		if (until[0]) {
			struct buf aj = BUF_INIT;
			buf_addf(&aj, "{\"locked_until\":\"%s\"}", until);
			struct audit_entry e = { "web:login", "lock", "user", name, NULL, aj.data };
			int arc = audit_append(s, &e, err);
			buf_release(&aj);
			if (arc)
				goto out;
		}
		if (store_commit(s, err))
			goto out;
		*result = LOGIN_BAD;
	}
	rc = 0;
out:
	if (s->in_tx > depth)   /* ours is still open */
		store_rollback(s);
	if (rc || *result != LOGIN_OK)
		user_release(out);
	return rc;
}

int users_login(struct store *s, const char *name, const char *password,
		const struct login_policy *policy, enum login_result *result,
		struct user *out, struct buf *err)
{
	struct login_check c;
	int matches, rc = -1;

	memset(out, 0, sizeof *out);
	*result = LOGIN_BAD;
	if (users_login_fetch(s, name, &c, err))
		return -1;
	matches = users_password_matches(&c, password, err);
	if (matches >= 0)
		rc = users_login_record(s, name, &c, matches, policy, result, out, err);
	login_check_release(&c);
	return rc;
}

static void token_hash_hex(const char *token, char out[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static void random_hex(char out[65])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 65, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

int sessions_create(struct store *s, const char *user, const char *lang, int ttl_seconds,
		    int max_sessions, int *ended, char token[65], char csrf[65], struct buf *err)
{
	char th[65], now[21], expires[21], keep[24];
	time_t t = clock_now();
	int64_t n = 0;
	*ended = 0;
	random_hex(token);
	random_hex(csrf);
	token_hash_hex(token, th);
	clock_iso(t, now);
	clock_iso(t + ttl_seconds, expires);
	const char *p[6] = { th, user, csrf, now, expires, lang && *lang ? lang : NULL };
	/* Expired sessions are swept here, where a new one is made anyway. */
	const char *q[1] = { now };
	snprintf(keep, sizeof keep, "%d", max_sessions > 0 ? max_sessions - 1 : 0);
	/* The cap: the account's newest sessions but this one are kept up to
	 * max_sessions - 1, so a login flood ends the flooder's own oldest
	 * sessions, never the new one. */
	const char *c[5] = { user, th, user, th, keep };
	if (store_begin(s, err))
		return -1;
	if (run_changes(s, err, "DELETE FROM sessions WHERE expires_at <= ?", 1, q) < 0 ||
	    run_changes(s, err, "INSERT INTO sessions (token_hash, user_name, csrf_token,"
			" created_at, expires_at, lang, seq) VALUES (?, ?, ?, ?, ?, ?,"
			" (SELECT coalesce(max(seq), 0) + 1 FROM sessions))", 6, p) < 0)
		goto fail;
	if (max_sessions > 0) {
		n = run_changes(s, err, "DELETE FROM sessions WHERE user_name = ? AND token_hash <> ?"
				" AND token_hash NOT IN (SELECT token_hash FROM sessions WHERE user_name = ?"
				" AND token_hash <> ? ORDER BY seq DESC LIMIT CAST(? AS INTEGER))", 5, c);
		if (n < 0)
			goto fail;
	}
	if (store_commit(s, err))
		return -1;
	*ended = (int)n;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

static int token_ok(const char *token)
{
	if (!token || strlen(token) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return 0;
	return 1;
}

int sessions_lookup(struct store *s, const char *token, int ttl_seconds, struct session *out,
		    struct buf *err)
{
	struct stmt *st;
	char th[65], now[21];
	time_t t = clock_now();
	int rc;

	memset(out, 0, sizeof *out);
	if (!token_ok(token))
		return 1;
	token_hash_hex(token, th);
	clock_iso(t, now);
	if (store_prepare(s, "SELECT u.name, u.role, u.person_id, u.disabled, u.created_at,"
			  " u.failed_logins, u.locked_until, s.csrf_token, s.lang, s.expires_at"
			  " FROM sessions s JOIN users u ON u.name = s.user_name"
			  " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0", &st, err))
		return -1;
	stmt_bind_str(st, 1, th);
	stmt_bind_str(st, 2, now);
	rc = stmt_step(st);
	if (rc == STORE_ERROR) {
		buf_addf(err, "%s", stmt_error(st));
		stmt_finalize(st);
		return -1;
	}
	if (rc == STORE_DONE) {
		stmt_finalize(st);
		return 1;
	}
	user_from_row(st, 0, &out->user);
	snprintf(out->csrf, sizeof out->csrf, "%s", stmt_text(st, 7, NULL));
	snprintf(out->lang, sizeof out->lang, "%s", stmt_is_null(st, 8) ? "" : stmt_text(st, 8, NULL));
	out->expires_at = iso_time(stmt_text(st, 9, NULL));
	stmt_finalize(st);
	if (out->expires_at - t < ttl_seconds - 60) {
		char expires[21];
		clock_iso(t + ttl_seconds, expires);
		const char *p[2] = { expires, th };
		if (run_changes(s, err, "UPDATE sessions SET expires_at = ? WHERE token_hash = ?", 2, p) < 0) {
			session_release(out);
			return -1;
		}
		out->expires_at = t + ttl_seconds;
	}
	return 0;
}

int sessions_set_lang(struct store *s, const char *token, const char *lang, struct buf *err)
{
	char th[65];
	if (!token_ok(token))
		return 1;
	token_hash_hex(token, th);
	const char *p[2] = { lang, th };
	return run_changes(s, err, "UPDATE sessions SET lang = ? WHERE token_hash = ?", 2, p) < 0 ||
		store_bump_sessions_version(s, err) ? -1 : 0;
}

int sessions_delete(struct store *s, const char *token, struct buf *err)
{
	char th[65];
	if (!token_ok(token))
		return 1;
	token_hash_hex(token, th);
	const char *p[1] = { th };
	return run_changes(s, err, "DELETE FROM sessions WHERE token_hash = ?", 1, p) < 0 ||
		store_bump_sessions_version(s, err) ? -1 : 0;
}

int sessions_delete_user(struct store *s, const char *user, struct buf *err)
{
	const char *p[1] = { user };
	return run_changes(s, err, "DELETE FROM sessions WHERE user_name = ?", 1, p) < 0 ||
		store_bump_sessions_version(s, err) ? -1 : 0;
}

void session_release(struct session *sess)
{
	user_release(&sess->user);
}

/* The first person (by id) of an org unit of kind (a new string, or NULL):
 * the demo accounts act as real people of the demo company, so the
 * evidence policy (SPEC §2) has someone to relate them to. */
static char *first_person_of_kind(struct store *s, const char *kind, struct buf *err)
{
	struct stmt *st;
	char *id = NULL;
	if (store_prepare(s, "SELECT p.id FROM people p JOIN org_units u ON u.id = p.org_unit_id"
			  " WHERE u.kind = ? ORDER BY p.id LIMIT 1", &st, err))
		return NULL;
	stmt_bind_str(st, 1, kind);
	if (stmt_step(st) == STORE_ROW)
		id = xstrdup(stmt_text(st, 0, NULL));
	stmt_finalize(st);
	return id;
}

int users_demo(struct store *s, const char *actor, struct buf *out, struct buf *err)
{
	for (int i = 0; role_names[i]; i++) {
		char name[32], password[21];
		enum role r = (enum role)(1 << i);
		const char *kind = r == ROLE_SALES ? "sales" : r == ROLE_OPERATIONS ? "operations"
			: r == ROLE_EXECUTIVE ? "executive" : NULL;
		char *person = kind ? first_person_of_kind(s, kind, err) : NULL;
		int rc;
		snprintf(name, sizeof name, "demo-%s", role_names[i]);
		password_generate(password);
		rc = users_add(s, name, r, person, password, actor, err);
		xfree(person);
		if (rc == 1) {
			rc = users_set_password(s, name, password, actor, err);
			if (!rc)
				rc = users_set_role(s, name, r, actor, err);
			if (!rc)
				rc = users_set_disabled(s, name, 0, actor, err);
		}
		if (rc)
			return -1;
		buf_addf(out, "%s %s %s\n", name, role_names[i], password);
	}
	return 0;
}
