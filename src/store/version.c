/* SPDX-License-Identifier: MIT */
/* The versions of version.h: row 1 of data_version is the data version,
 * row 2 the sessions version. A row is made by its first bump. */
#include "store/version.h"

enum { ROW_DATA = 1, ROW_SESSIONS = 2 };

const char store_versions_sql[] =
	"SELECT coalesce(max(CASE WHEN id = 1 THEN version END), 0),"
	" coalesce(max(CASE WHEN id = 2 THEN version END), 0) FROM data_version";

static int bump(struct store *s, int row, struct buf *err)
{
	/* The clock in microseconds: SQLite's julianday() has milliseconds. */
	static const char *const sqlite_sql[] = {
		[ROW_DATA] = "INSERT INTO data_version (id, version) VALUES (1,"
			" CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))"
			" ON CONFLICT (id) DO UPDATE SET version = max(data_version.version + 1, excluded.version)",
		[ROW_SESSIONS] = "INSERT INTO data_version (id, version) VALUES (2,"
			" CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))"
			" ON CONFLICT (id) DO UPDATE SET version = max(data_version.version + 1, excluded.version)",
	};
	static const char *const postgres_sql[] = {
		[ROW_DATA] = "INSERT INTO data_version (id, version) VALUES (1,"
			" (extract(epoch from clock_timestamp()) * 1000000)::bigint)"
			" ON CONFLICT (id) DO UPDATE SET version = greatest(data_version.version + 1, excluded.version)",
		[ROW_SESSIONS] = "INSERT INTO data_version (id, version) VALUES (2,"
			" (extract(epoch from clock_timestamp()) * 1000000)::bigint)"
			" ON CONFLICT (id) DO UPDATE SET version = greatest(data_version.version + 1, excluded.version)",
	};
	return store_exec(s, s->ops->kind == STORE_SQLITE ? sqlite_sql[row] : postgres_sql[row], err);
}

int store_bump_version(struct store *s, struct buf *err)
{
	return bump(s, ROW_DATA, err);
}

int store_bump_sessions_version(struct store *s, struct buf *err)
{
	return bump(s, ROW_SESSIONS, err);
}

int store_data_version(struct store *s, int64_t *out, struct buf *err)
{
	return store_query_int64(s, "SELECT coalesce(max(version), 0) FROM data_version WHERE id = 1",
				 0, out, err);
}
