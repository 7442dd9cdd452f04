/* SPDX-License-Identifier: MIT */
/* The append-only audit log. Each entry carries the SHA-256 hash of its
 * content and of the entry before it (the chain), and an HMAC-SHA-256 of
 * that hash under a key kept outside the database (the MAC): rewriting
 * entries and recomputing the chain needs the key, and the chain's head
 * ("N:HASH", audit_head) can be recorded elsewhere so that deleting the
 * newest entries is found too. Callers append inside the transaction that
 * makes the change; without the right key nothing is appended. */
#ifndef TANDEM_AUDIT_H
#define TANDEM_AUDIT_H

#include "store/store.h"

struct audit_entry {
	const char *actor;      /* "user:kim" or "cli:root" */
	const char *action;     /* "import", "create", "update", "delete", ... */
	const char *entity;     /* a table name, "model", "user", ... */
	const char *key;        /* the record's key, or NULL */
	const char *before;     /* JSON of the old value, or NULL */
	const char *after;      /* JSON of the new value, or NULL */
};

/* Appends e. Fails (-1, err says why and what to do) when the key file is
 * missing or unreadable, is not this store's key, or the log was never
 * keyed: an unkeyed entry is never written. */
int audit_append(struct store *s, const struct audit_entry *e, struct buf *err);
/* Checks the whole chain and every MAC. Returns 0 when intact; 1 when
 * broken, with one line per problem in problems; 2 when it cannot be
 * checked because the key is wrong or unreadable or the log was never
 * keyed, 3 when the key file is missing (err says which); -1 on a storage
 * error. With head ("N:HASH" as audit_head printed it, or NULL),
 * also 1 unless entry N is still there with that hash: the log was
 * truncated or replaced. */
int audit_verify(struct store *s, struct buf *problems, struct buf *err);
int audit_verify_head(struct store *s, const char *head, struct buf *problems, struct buf *err);
/* The number of entries and the newest one's hash ("0" and 64 zeros when
 * the log is empty), into hash[65]. 0, or -1 with err. */
int audit_head(struct store *s, int64_t *count, char hash[65], struct buf *err);

/* The key file: set_key_file's path (the --audit-key option) if given, else
 * $TANDEM_AUDIT_KEY_FILE, else beside a SQLite store ("tandem.db.key"),
 * else "tandem-audit.key" in the working directory. audit_set_key_file
 * keeps the pointer (a command-line argument); NULL forgets it. */
void audit_set_key_file(const char *path);
void audit_key_path(const struct store *s, struct buf *out);
/* Makes sure the store's log is keyed (tandem init, migrate and demo, after
 * the schema is current): creates the key file (mode 0600) when there is
 * none; a log written before keys existed, when its plain chain is intact
 * and the key file was created just now, gets a MAC on every entry (and
 * one entry saying so). *created says whether the file was made, *rekeyed
 * how many old entries were keyed. 0, or -1 with err (nothing changed). */
int audit_key_setup(struct store *s, int *created, int64_t *rekeyed, struct buf *err);
/* Checks that the key is there and is this store's: for `serve` and other
 * writers, before they start. 0, or -1 with err. */
int audit_key_check(struct store *s, struct buf *err);
/* tandem audit rotate-key: checks the chain under the current key, writes
 * a new key to PATH.new, gives every entry a MAC under it, appends an
 * entry saying so, commits and renames PATH.new over PATH. *entries: how
 * many entries were re-keyed. 0; 1 when the chain is broken (problems);
 * -1 with err. */
int audit_rotate_key(struct store *s, const char *actor, int64_t *entries, struct buf *problems,
		     struct buf *err);
/* The actor of a command-line session: "cli:" and the login name. */
const char *audit_cli_actor(void);

#endif
