/* SPDX-License-Identifier: MIT */
/* The demo company: a deterministic generator of the 19 CSV files of SPEC §4 and sla_terms.csv
 * describing a fictional Korean BPO ("한빛 BPO") from early 2023 to
 * 2026-10-31. The files are the caller's once written; nothing is kept. */
#ifndef TANDEM_DEMO_GEN_H
#define TANDEM_DEMO_GEN_H

#include "base/buf.h"

/* The last day the demo has data for ("today" in the demo's story). */
#define DEMO_TODAY "2026-10-31"

/* Writes the 19 CSV files (SPEC §4's org_units.csv ... innovations.csv and
 * sla_terms.csv)
 * into dir, which must exist; existing files of those names are replaced.
 * The output is byte-identical on every run and every machine (its own
 * PRNG with constant seeds, integer arithmetic only). Returns 0, or -1 with
 * a message in err ("cannot create 'x/people.csv': Permission denied"). */
int demo_write_csv(const char *dir, struct buf *err);
/* Writes DIR/feeds/: a sample file and a map per SLA feed format
 * (io/demo_feeds.c). Returns 0, or -1 with err. */
int demo_write_feeds(const char *dir, struct buf *err);

#endif
