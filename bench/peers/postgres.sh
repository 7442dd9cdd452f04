#!/bin/sh
# SPDX-License-Identifier: MIT
# W1 peer: PostgreSQL. COPY of measurements.csv, sla_metrics.csv and
# contracts.csv into unlogged tables (the bulk-load practice for data that
# can be reloaded), then the monthly Σnumerator/Σdenominator per contract,
# metric and month index in exact numeric (days from go_live_on to 31 Dec
# YEAR) as a table, and each contract's first stabilization month (first
# run of 3 compliant months; empty when none).
# usage: postgres.sh URL DATADIR OUT.csv [YEAR [RSS_FILE]]
# RSS_FILE receives "PEAK_KB CPU_SECONDS" of the server backend (VmHWM and
# utime + stime), read from /proc by psql at the end: psql's own numbers say
# nothing of the work (parallel workers, if any, are not counted).
# The server reads the files itself (COPY FROM 'file'), so DATADIR must be
# readable by the server's user.
set -eu
url=$1 data=$2 out=$3 year=${4:-2026} rss=${5:-/dev/null}
psql -X -q -v ON_ERROR_STOP=1 "$url" <<SQL
SET client_min_messages = warning;
SELECT pg_backend_pid() AS backend_pid \gset
DROP TABLE IF EXISTS measurements, sla_metrics, contracts, monthly;
CREATE UNLOGGED TABLE measurements (contract_id text, metric text, date date,
  numerator numeric(18,6), denominator numeric(18,6));
CREATE UNLOGGED TABLE sla_metrics (contract_id text, metric text, name text,
  direction text, target numeric(18,6), initial_target numeric(18,6), unit text);
CREATE UNLOGGED TABLE contracts (id text PRIMARY KEY, client_id text, service_line text,
  signed_on date, ramp_started_on date, staffed_on date, go_live_on date, end_on date,
  annual_value numeric, risk_tier text, sales_owner text, ops_owner text,
  planned_ramp_days int, planned_stabilization_months int,
  parent_contract_id text, renews_contract_id text);
COPY measurements FROM '$data/measurements.csv' (FORMAT csv, HEADER true);
COPY sla_metrics FROM '$data/sla_metrics.csv' (FORMAT csv, HEADER true);
COPY contracts FROM '$data/contracts.csv' (FORMAT csv, HEADER true);
CREATE UNLOGGED TABLE monthly AS
SELECT m.contract_id, m.metric,
       ((extract(year FROM m.date) - extract(year FROM c.go_live_on)) * 12
         + extract(month FROM m.date) - extract(month FROM c.go_live_on) + 1)::int AS month_index,
       count(*) AS n_rows, sum(m.numerator) AS sum_num, sum(m.denominator) AS sum_den
FROM measurements m JOIN contracts c ON c.id = m.contract_id
WHERE m.date >= c.go_live_on AND m.date <= DATE '$year-12-31'
  AND (c.end_on IS NULL OR m.date <= c.end_on)
GROUP BY 1, 2, 3;
\copy (WITH judged AS (SELECT s.contract_id, mo.month_index, mo.sum_den > 0 AND CASE s.direction WHEN 'higher' THEN mo.sum_num >= s.target * mo.sum_den ELSE mo.sum_num <= s.target * mo.sum_den END AS met FROM sla_metrics s JOIN monthly mo ON mo.contract_id = s.contract_id AND mo.metric = s.metric), n_metrics AS (SELECT contract_id, count(*) AS n FROM sla_metrics GROUP BY 1), compliant AS (SELECT j.contract_id, j.month_index FROM judged j JOIN n_metrics n USING (contract_id) GROUP BY j.contract_id, j.month_index HAVING count(*) FILTER (WHERE j.met) = max(n.n)), runs AS (SELECT contract_id, month_index, lead(month_index, 2) OVER (PARTITION BY contract_id ORDER BY month_index) AS third FROM compliant) SELECT c.id AS contract_id, min(r.month_index) AS stabilized_month FROM contracts c LEFT JOIN runs r ON r.contract_id = c.id AND r.third = r.month_index + 2 GROUP BY c.id ORDER BY c.id) TO '$out' (FORMAT csv, HEADER true)
\setenv BACKEND_PID :backend_pid
\! { awk '/VmHWM/ {printf "%s ", \$2}' /proc/\$BACKEND_PID/status; awk -v hz=\$(getconf CLK_TCK) '{printf "%.2f\\n", (\$14 + \$15) / hz}' /proc/\$BACKEND_PID/stat; } > '$rss' 2> /dev/null || true
SQL
