// The rates of duty's bj-practice profile per unit and month, in DuckDB, from
// the same CSV: the peer that tests/bench/rates_vs_duckdb.sh times duty against.
//   node rates_duckdb.mjs ORDERS.csv OUT.csv
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

const [csv, out] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const sql = `
WITH o AS (
  SELECT "主办单位" AS unit,
         coalesce(try_strptime("办结时间", '%Y-%m-%d %H:%M:%S'),
                  try_strptime("办结时间", '%Y/%-m/%-d %-H:%M')) AS closed,
         "是否有效回访" = '是' AS valid, "是否联系" = '是' AS contacted, "是否解决" AS resolved,
         "是否满意" AS sat, "是否纳入考核" AS assessed, "不合理诉求" AS unreasonable, "考核申诉" AS appeal
  FROM read_csv('${csv.replaceAll("'", "''")}', header = true, all_varchar = true, quote = '"', escape = '"')),
c AS (
  SELECT unit, strftime(closed, '%Y-%m') AS period, count(*) AS orders,
         count(*) FILTER (valid) AS visits,
         count(*) FILTER (valid AND contacted) AS contacted,
         count(*) FILTER (valid AND resolved = '解决') AS resolved,
         count(*) FILTER (valid AND sat = '满意') AS satisfied,
         count(*) FILTER (valid AND sat = '基本满意') AS basic
  FROM o
  WHERE closed IS NOT NULL AND unit IS NOT NULL AND coalesce(assessed, '') <> '否'
    AND coalesce(unreasonable, '') <> '是' AND coalesce(appeal, '') <> '核减'
  GROUP BY ALL),
r AS (
  SELECT *, round(100 * (0.1 * contacted / visits + 0.5 * resolved / visits
                         + 0.4 * (satisfied + 0.9 * basic) / visits), 1) AS score
  FROM c)
SELECT unit, period, orders, visits, contacted, resolved, satisfied, basic, score,
       rank() OVER (PARTITION BY period ORDER BY score DESC, orders DESC) AS rank
FROM r ORDER BY unit, period`;
const reader = await con.runAndReadAll(sql);
const rows = reader.getRows();
writeFileSync(out, rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(',')).join('\n') + '\n');
