/* SPDX-License-Identifier: MIT */
/* The append-only audit log. Each entry carries the hash of the one before
 * it, so editing or deleting an entry breaks the chain and audit_verify()
 * finds it. Callers append inside the transaction that makes the change. */
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

int audit_append(struct store *s, const struct audit_entry *e, struct buf *err);
/* Checks the whole chain. Returns 0 when intact; 1 when broken, with one
 * line per problem in problems; -1 on a storage error. */
int audit_verify(struct store *s, struct buf *problems, struct buf *err);
/* The actor of a command-line session: "cli:" and the login name. */
const char *audit_cli_actor(void);

#endif
