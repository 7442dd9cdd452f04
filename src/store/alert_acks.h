/* SPDX-License-Identifier: MIT */
/* Acknowledgements of early warnings: someone responsible saw the alert of
 * a rule on a contract, on a date, and wrote what is being done. One row a
 * (contract, rule, date), written with its audit entry in one transaction.
 * The alert itself stays (it goes away when its rule no longer holds).
 * Arrays returned are owned by the caller and freed by alert_acks_free. */
#ifndef TANDEM_STORE_ALERT_ACKS_H
#define TANDEM_STORE_ALERT_ACKS_H

#include <stddef.h>

#include "base/buf.h"
#include "store/store.h"

#define ALERT_ACK_NOTE_MAX 500

struct alert_ack {
	char *contract_id, *rule, *acknowledged_on, *note, *acknowledged_by, *acknowledged_at;
};

/* Acknowledges the alert of rule on contract as of on (YYYY-MM-DD) with a
 * note, by actor. 0; 1 when the input is refused (err says why: no note,
 * a note too long, an unknown contract); -1 on a storage error. Writing
 * again the same (contract, rule, date) replaces the note. */
int store_alert_ack(struct store *s, const char *contract, const char *rule, const char *on,
		    const char *note, const char *actor, struct buf *err);
/* Every acknowledgement, by contract, rule and date. 0, or -1 with err. */
int store_alert_acks(struct store *s, struct alert_ack **out, size_t *n, struct buf *err);
void alert_acks_free(struct alert_ack *acks, size_t n);

#endif
