// duckdb-census.mjs: census-summary's per-school and national counts done by
// DuckDB (npm @duckdb/node-api), for bench/census.sh.
//
//   node duckdb-census.mjs FILE [THREADS] [OUTPUT]
//
// Writes one CSV row per school (URN) and one for all schools: on roll, SEN
// support (K), EHC plans (E) and the pupils with K or E by primary need (the
// 13 codes, and unknown for anything else). THREADS defaults to 2, OUTPUT to
// /dev/null. @duckdb/node-api is looked for beside this script, then under
// $DUCKDB_NODE_MODULES (census.sh installs it into its work folder).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadDuckDB() {
	const places = [import.meta.url];
	if (process.env.DUCKDB_NODE_MODULES)
		places.push(pathToFileURL(path.join(process.env.DUCKDB_NODE_MODULES, 'x.js')).href);
	for (const from of places) {
		try {
			const where = createRequire(from).resolve('@duckdb/node-api');
			return await import(pathToFileURL(where).href);
		} catch {
			// try the next place
		}
	}
	console.error('duckdb-census: @duckdb/node-api is not installed ' +
		'(npm install @duckdb/node-api, or set DUCKDB_NODE_MODULES)');
	process.exit(2);
}

const [file, threads = '2', output = '/dev/null'] = process.argv.slice(2);
if (!file || !/^[0-9]+$/.test(threads)) {
	console.error('usage: node duckdb-census.mjs FILE [THREADS] [OUTPUT]');
	process.exit(2);
}

const needs = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SLCN', 'ASD', 'SEMH', 'HI', 'VI', 'MSI',
	'PD', 'OTH', 'NSA'];
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const codes = needs.map(lit).join(', ');
const needCols = needs.map((n) =>
	`coalesce(sum(n) FILTER (sen AND need = ${lit(n)}), 0) AS need_${n.toLowerCase()}`).join(',\n\t');

// The fastest of the forms tried: count each (school, provision, need) first,
// which DuckDB does in parallel straight off the CSV reader, then fold those
// few hundred thousand groups into one row per school. Every column is read
// as text (no type sniffing), and the dialect is given: the sniffer reads the
// first 20,480 rows, and when none of them is quoted it takes quotes as text
// and splits "St Mary's, Oldtown" in two without a word. Codes are compared
// ignoring case, as census-summary does, after the first grouping where it is
// cheap. Ragged rows are kept (null_padding, strict_mode off), as
// census-summary keeps them.
const query = `
COPY (
	WITH g AS (
		SELECT URN, any_value(School) AS School, any_value(LA) AS LA,
			"SEN Provision" AS prov0, "Primary Need" AS need0, count(*) AS n
		FROM read_csv(${lit(file)}, header = true, delim = ',', quote = '"',
			escape = '"', all_varchar = true, null_padding = true,
			strict_mode = false)
		GROUP BY URN, prov0, need0
	), h AS (
		SELECT *, upper(prov0) AS prov, upper(need0) AS need,
			upper(prov0) IN ('K', 'E') AS sen
		FROM g
	)
	SELECT CASE WHEN grouping(URN) = 1 THEN 'all' ELSE URN END AS key,
	CASE WHEN grouping(URN) = 0 THEN any_value(School) END AS name,
	CASE WHEN grouping(URN) = 0 THEN any_value(LA) END AS la,
	sum(n) AS on_roll,
	coalesce(sum(n) FILTER (prov = 'K'), 0) AS sen_support,
	coalesce(sum(n) FILTER (prov = 'E'), 0) AS ehcp,
	${needCols},
	coalesce(sum(n) FILTER (sen AND coalesce(need, '') NOT IN (${codes})), 0) AS need_unknown
	FROM h
	GROUP BY GROUPING SETS ((URN), ())
	ORDER BY grouping(URN), URN
) TO ${lit(output)} (FORMAT csv, HEADER true)`;

const { DuckDBInstance } = await loadDuckDB();
const instance = await DuckDBInstance.create(':memory:', { threads });
const conn = await instance.connect();
await conn.run(query);
conn.closeSync?.();
