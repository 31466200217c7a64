#!/bin/sh
# census-sqlite.sh FILE: census-summary's per-school and national counts in
# sqlite3, for bench/census.sh: .import into an in-memory database, then one
# GROUP BY. Ragged rows are padded or cut by .import (with a warning each).
set -eu
file=$1
case $file in *"'"*|*'"'*) echo "census-sqlite.sh: no quotes in the file name, please" >&2; exit 2;; esac
needs="SPLD MLD SLD PMLD SLCN ASD SEMH HI VI MSI PD OTH NSA"
cols=""
list=""
for n in $needs; do
	lower=$(printf %s "$n" | tr '[:upper:]' '[:lower:]')
	cols="$cols, sum(sen AND need = '$n') AS need_$lower"
	list="$list${list:+, }'$n'"
done
allcols=""
for c in on_roll sen_support ehcp $(for n in $needs unknown; do printf 'need_%s ' "$n"; done | tr '[:upper:]' '[:lower:]'); do
	allcols="$allcols, sum($c)"
done
exec sqlite3 :memory: <<SQL
.mode csv
.import "$file" census
.headers on
WITH c AS (
	SELECT URN, School, LA, upper("SEN Provision") AS prov,
		upper("SEN Provision") IN ('K', 'E') AS sen, upper("Primary Need") AS need
	FROM census
), s AS (
	SELECT URN AS key, max(School) AS name, max(LA) AS la, count(*) AS on_roll,
		sum(prov = 'K') AS sen_support, sum(prov = 'E') AS ehcp $cols,
		sum(sen AND coalesce(need, '') NOT IN ($list)) AS need_unknown
	FROM c GROUP BY URN
)
SELECT * FROM s
UNION ALL
SELECT 'all', '', '' $allcols FROM s;
SQL
