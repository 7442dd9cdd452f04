#!/bin/sh
# SPDX-License-Identifier: MIT
# W1 peer: the sqlite3 command-line shell. Loads measurements.csv,
# sla_metrics.csv and contracts.csv with .import into a fresh database file
# (bulk-load pragmas: no journal, no sync), builds the monthly
# Σnumerator/Σdenominator per contract, metric and month index (days from
# go_live_on to 31 Dec YEAR) as a table, and writes each contract's first
# stabilization month (first run of 3 compliant months; empty when none).
# usage: sqlite3.sh DATADIR WORKDIR OUT.csv [YEAR]
set -eu
data=$1 work=$2 out=$3 year=${4:-2026}
db=$work/peer.sqlite
rm -f "$db"
sqlite3 "$db" > /dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -65536;
CREATE TABLE measurements (contract_id TEXT, metric TEXT, date TEXT,
  numerator REAL, denominator REAL);
CREATE TABLE sla_metrics (contract_id TEXT, metric TEXT, name TEXT,
  direction TEXT, target REAL, initial_target REAL, unit TEXT);
CREATE TABLE contracts (id TEXT PRIMARY KEY, client_id TEXT, service_line TEXT,
  signed_on TEXT, ramp_started_on TEXT, staffed_on TEXT, go_live_on TEXT,
  end_on TEXT, annual_value TEXT, risk_tier TEXT, sales_owner TEXT, ops_owner TEXT,
  planned_ramp_days TEXT, planned_stabilization_months TEXT,
  parent_contract_id TEXT, renews_contract_id TEXT);
BEGIN;
.import --csv --skip 1 $data/measurements.csv measurements
.import --csv --skip 1 $data/sla_metrics.csv sla_metrics
.import --csv --skip 1 $data/contracts.csv contracts
COMMIT;
-- Sums in integer micro-units so they do not depend on summation order.
CREATE TABLE monthly AS
SELECT m.contract_id, m.metric,
       (CAST(substr(m.date, 1, 4) AS INTEGER) - CAST(substr(c.go_live_on, 1, 4) AS INTEGER)) * 12
         + CAST(substr(m.date, 6, 2) AS INTEGER) - CAST(substr(c.go_live_on, 6, 2) AS INTEGER) + 1
         AS month_index,
       count(*) AS n_rows,
       sum(CAST(round(m.numerator * 1000000) AS INTEGER)) AS sum_num,
       sum(CAST(round(m.denominator * 1000000) AS INTEGER)) AS sum_den
FROM measurements m JOIN contracts c ON c.id = m.contract_id
WHERE m.date >= c.go_live_on AND m.date <= '$year-12-31'
  AND (c.end_on = '' OR m.date <= c.end_on)
GROUP BY 1, 2, 3;
.mode csv
.separator "," "\n"
.headers on
.once $out
WITH judged AS (
  SELECT s.contract_id, mo.month_index,
         mo.sum_den > 0 AND CASE s.direction
           WHEN 'higher' THEN CAST(mo.sum_num AS REAL) / mo.sum_den >= s.target
           ELSE CAST(mo.sum_num AS REAL) / mo.sum_den <= s.target END AS met
  FROM sla_metrics s JOIN monthly mo ON mo.contract_id = s.contract_id AND mo.metric = s.metric),
n_metrics AS (SELECT contract_id, count(*) AS n FROM sla_metrics GROUP BY 1),
compliant AS (
  SELECT j.contract_id, j.month_index FROM judged j JOIN n_metrics n USING (contract_id)
  GROUP BY j.contract_id, j.month_index HAVING sum(j.met) = max(n.n)),
runs AS (
  SELECT contract_id, month_index,
         lead(month_index, 2) OVER (PARTITION BY contract_id ORDER BY month_index) AS third
  FROM compliant)
SELECT c.id AS contract_id, min(r.month_index) AS stabilized_month
FROM contracts c LEFT JOIN runs r ON r.contract_id = c.id AND r.third = r.month_index + 2
GROUP BY c.id ORDER BY c.id;
SQL
