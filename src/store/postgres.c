/* SPDX-License-Identifier: MIT */
/* The PostgreSQL backend of the SQL wrapper (libpq). Not yet implemented:
 * opening a postgresql:// store reports so instead of failing silently. */
#include "store/store.h"

int store_postgres_open(const char *url, struct store **out, struct buf *err)
{
	(void)url;
	(void)out;
	buf_addf(err, "PostgreSQL stores are not supported by this build yet");
	return -1;
}
