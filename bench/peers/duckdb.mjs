// SPDX-License-Identifier: MIT
// W1 peer: DuckDB through @duckdb/node-api. read_csv of measurements.csv,
// sla_metrics.csv and contracts.csv into tables of a fresh database file,
// the monthly Σnumerator/Σdenominator per contract, metric and month index
// in exact DECIMAL (days from go_live_on to 31 Dec YEAR) as a table, and
// each contract's first stabilization month (first run of 3 compliant
// months; empty when none), written with COPY.
// usage: node duckdb.mjs DATADIR WORKDIR OUT.csv [YEAR]
import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';

const [data, work, out, year = '2026'] = process.argv.slice(2);
if (!data || !work || !out || !/^\d{4}$/.test(year)) {
	console.error('usage: node duckdb.mjs DATADIR WORKDIR OUT.csv [YEAR]');
	process.exit(2);
}
// Paths go into SQL text: refuse anything that would need quoting.
for (const p of [data, work, out])
	if (/['\\]/.test(p)) {
		console.error(`duckdb peer: unsupported path '${p}'`);
		process.exit(2);
	}

const db = `${work}/peer.duckdb`;
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const instance = await DuckDBInstance.create(db);
const con = await instance.connect();
await con.run(`
CREATE TABLE measurements AS SELECT * FROM read_csv('${data}/measurements.csv', header = true,
  columns = {'contract_id': 'VARCHAR', 'metric': 'VARCHAR', 'date': 'DATE',
             'numerator': 'DECIMAL(18,6)', 'denominator': 'DECIMAL(18,6)'});
CREATE TABLE sla_metrics AS SELECT * FROM read_csv('${data}/sla_metrics.csv', header = true,
  columns = {'contract_id': 'VARCHAR', 'metric': 'VARCHAR', 'name': 'VARCHAR',
             'direction': 'VARCHAR', 'target': 'DECIMAL(18,6)',
             'initial_target': 'DECIMAL(18,6)', 'unit': 'VARCHAR'});
CREATE TABLE contracts AS SELECT * FROM read_csv('${data}/contracts.csv', header = true,
  types = {'go_live_on': 'DATE', 'end_on': 'DATE', 'renews_contract_id': 'VARCHAR',
           'parent_contract_id': 'VARCHAR'});
CREATE TABLE monthly AS
SELECT m.contract_id, m.metric,
       (year(m.date) - year(c.go_live_on)) * 12 + month(m.date) - month(c.go_live_on) + 1
         AS month_index,
       count(*) AS n_rows, sum(m.numerator) AS sum_num, sum(m.denominator) AS sum_den
FROM measurements m JOIN contracts c ON c.id = m.contract_id
WHERE m.date >= c.go_live_on AND m.date <= DATE '${year}-12-31'
  AND (c.end_on IS NULL OR m.date <= c.end_on)
GROUP BY ALL;
COPY (
  WITH judged AS (
    SELECT s.contract_id, mo.month_index,
           mo.sum_den > 0 AND CASE s.direction
             WHEN 'higher' THEN mo.sum_num >= s.target * mo.sum_den
             ELSE mo.sum_num <= s.target * mo.sum_den END AS met
    FROM sla_metrics s JOIN monthly mo ON mo.contract_id = s.contract_id AND mo.metric = s.metric),
  n_metrics AS (SELECT contract_id, count(*) AS n FROM sla_metrics GROUP BY ALL),
  compliant AS (
    SELECT j.contract_id, j.month_index FROM judged j JOIN n_metrics n USING (contract_id)
    GROUP BY j.contract_id, j.month_index HAVING count(*) FILTER (WHERE j.met) = max(n.n)),
  runs AS (
    SELECT contract_id, month_index,
           lead(month_index, 2) OVER (PARTITION BY contract_id ORDER BY month_index) AS third
    FROM compliant)
  SELECT c.id AS contract_id, min(r.month_index) AS stabilized_month
  FROM contracts c LEFT JOIN runs r ON r.contract_id = c.id AND r.third = r.month_index + 2
  GROUP BY c.id ORDER BY c.id
) TO '${out}' (HEADER, DELIMITER ',');
`);
con.closeSync();
instance.closeSync();
