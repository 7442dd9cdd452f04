/* SPDX-License-Identifier: MIT */
/* Accounts and sessions in the store: users with Argon2id password hashes
 * (libsodium), login failure counting and lockout, and server-side sessions
 * of which only the SHA-256 of the token is kept. Every change to an account
 * is written to the audit log in the transaction that makes it. Strings in
 * a struct user are owned by it and freed by user_release(). */
#ifndef TANDEM_USERS_H
#define TANDEM_USERS_H

#include <stddef.h>
#include <time.h>

#include "base/buf.h"
#include "store/store.h"

/* The roles of SPEC §2, as bits so that permission tables can name sets. */
enum role {
	ROLE_ADMIN = 1 << 0,
	ROLE_EXECUTIVE = 1 << 1,
	ROLE_SALES = 1 << 2,
	ROLE_OPERATIONS = 1 << 3,
	ROLE_VIEWER = 1 << 4,
};
#define ROLE_ALL (ROLE_ADMIN | ROLE_EXECUTIVE | ROLE_SALES | ROLE_OPERATIONS | ROLE_VIEWER)
#define USER_NAME_MAX 64
#define PASSWORD_MAX 1024

struct user {
	char *name;
	enum role role;
	char *person_id;          /* NULL when the account is not a person */
	int disabled;
	char *created_at;
	long failed_logins;
	char *locked_until;       /* NULL when not locked */
};

/* "admin" → ROLE_ADMIN; 0 when not a role. */
enum role role_parse(const char *name);
/* ROLE_ADMIN → "admin"; NULL when not exactly one role. */
const char *role_name(enum role r);
/* Role names in table order, NULL-terminated. */
extern const char *const role_names[];

/* Is name a valid account name (1..64 of [A-Za-z0-9._@-])? */
int user_name_valid(const char *name);

/* Hashes password (Argon2id). With TANDEM_FAST_HASH=1 in the environment
 * the minimum cost is used, for tests only. Returns 0, or -1 with err. */
int password_hash(const char *password, char out[128], struct buf *err);
/* Writes a fresh random password of 20 letters and digits into out[21]. */
void password_generate(char out[21]);

/* Each returns 0, 1 when the user does not exist (or, for users_add, exists
 * already), or -1 with err. `actor` is written to the audit log. */
int users_add(struct store *s, const char *name, enum role role, const char *person_id,
	      const char *password, const char *actor, struct buf *err);
int users_set_password(struct store *s, const char *name, const char *password,
		       const char *actor, struct buf *err);
int users_set_role(struct store *s, const char *name, enum role role, const char *actor,
		   struct buf *err);
int users_set_disabled(struct store *s, const char *name, int disabled, const char *actor,
		       struct buf *err);
int users_get(struct store *s, const char *name, struct user *out, struct buf *err);
/* Every user by name; *out is a new array the caller frees with
 * users_free_list(). */
int users_list(struct store *s, struct user **out, size_t *n, struct buf *err);
void users_free_list(struct user *list, size_t n);
void user_release(struct user *u);

enum login_result {
	LOGIN_OK,
	LOGIN_BAD,            /* unknown user or wrong password: one answer for both */
	LOGIN_LOCKED,         /* too many failures; try again after the lockout */
	LOGIN_DISABLED,
};

struct login_policy {
	int max_failures;     /* failures in a row before a lockout (5) */
	int lockout_seconds;  /* how long a lockout lasts (900) */
};

/* Checks a password and counts failures: the max_failures-th failure in a
 * row locks the account for lockout_seconds. On LOGIN_OK *out is the user
 * (release with user_release). Returns 0 with *result, or -1 with err. */
int users_login(struct store *s, const char *name, const char *password,
		const struct login_policy *policy, enum login_result *result,
		struct user *out, struct buf *err);

/* users_login in three steps, so that a server can hash the password on a
 * thread of its own, holding no store connection meanwhile (issue 21):
 * fetch the account (store), check the password (CPU only, no store),
 * record the outcome (store: failure count, lockout and its audit entry). */
struct login_check {
	struct user user;         /* the account as fetched; empty when none */
	char *hash;               /* its password hash; NULL: no such name */
};
/* Fills *out (release with login_check_release). 0, or -1 with err. */
int users_login_fetch(struct store *s, const char *name, struct login_check *out,
		      struct buf *err);
void login_check_release(struct login_check *c);
/* Does password match c's hash? 1 or 0 (an unknown name: a dummy hash of
 * the same cost, then 0), -1 with err. Touches no store: safe on any
 * thread. */
int users_password_matches(const struct login_check *c, const char *password, struct buf *err);
/* Records a check of c (fetched before) whose password matched or not:
 * re-reads the account, so a lockout or a change made meanwhile counts
 * (a password changed meanwhile makes the check a failure, not counted).
 * On LOGIN_OK *out is the user (release with user_release). */
int users_login_record(struct store *s, const char *name, const struct login_check *c,
		       int matches, const struct login_policy *policy, enum login_result *result,
		       struct user *out, struct buf *err);

/* A session as the server sees it on each request. */
struct session {
	struct user user;
	char csrf[65];            /* hex */
	char lang[3];             /* "ko", "en" or "" */
	time_t expires_at;
};

/* Creates a session for user: writes a new random token (hex, 64 chars) to
 * token and its CSRF token to csrf. ttl_seconds is the idle timeout. */
/* At most max_sessions sessions per account (0: no cap): the oldest
 * others are ended, and *ended says how many. */
int sessions_create(struct store *s, const char *user, const char *lang, int ttl_seconds,
		    int max_sessions, int *ended,
		    char token[65], char csrf[65], struct buf *err);
/* Finds the live session of token and slides its expiry (at most once a
 * minute, to keep reads read-only). Returns 0 with *out filled (release
 * with session_release), 1 when there is none or it expired or the user is
 * disabled, -1 with err. */
int sessions_lookup(struct store *s, const char *token, int ttl_seconds, struct session *out,
		    struct buf *err);
int sessions_set_lang(struct store *s, const char *token, const char *lang, struct buf *err);
int sessions_delete(struct store *s, const char *token, struct buf *err);
/* Ends every session of a user (after a password change or disabling). */
int sessions_delete_user(struct store *s, const char *user, struct buf *err);
void session_release(struct session *sess);

/* Creates one demo user per role ("demo-admin", ...) with random passwords,
 * replacing any there, and appends "NAME ROLE PASSWORD\n" lines to out. A
 * new sales, operations or executive account is the first person (by id)
 * of an org unit of that kind, so it can act under the evidence policy. */
int users_demo(struct store *s, const char *actor, struct buf *out, struct buf *err);

#endif
