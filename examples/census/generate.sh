#!/bin/sh
# Generates the synthetic pupil-level census examples in this folder:
#   autumn-2023.csv  census of 5 October 2023, with a "SEND Hub" column, MIS-style header names
#   spring-2024.csv  census of 18 January 2024, no hub column (use hubs.csv)
#   hubs.csv         urn,hub for the trust's schools
#   excel-export.csv one school's spring rows as Excel saves them (BOM, sep=, line, CRLF,
#                    trailing empty columns)
#   windows-1252.csv a few rows in Windows-1252 ("ANSI"), CRLF
#
# Every pupil is invented: UPNs are A000000000001-style, names come from two short lists and
# dates of birth only match the year group. Output is deterministic (a fixed-seed Park-Miller
# generator in POSIX awk, exact in double precision), so running this again gives the same
# bytes. Usage: sh examples/census/generate.sh   (from anywhere)
set -eu
cd "$(dirname "$0")"
export LC_ALL=C

awk -v autumn=autumn-2023.csv -v spring=spring-2024.csv -v hubs=hubs.csv '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function pick(n) { return int(rnd() * n) + 1 }
# A need drawn from a cumulative table "CODE:pct CODE:pct ...".
function need(table,    parts, n, i, kv, r, acc) {
	n = split(table, parts, " ")
	r = rnd() * 100; acc = 0
	for (i = 1; i <= n; i++) {
		split(parts[i], kv, ":"); acc += kv[2]
		if (r < acc) return kv[1]
	}
	split(parts[n], kv, ":"); return kv[1]
}
function csvq(s) { return (s ~ /[",]/) ? "\"" s "\"" : s }
function dob(yr,    y, m, d, off) {
	# Academic year 2023/24: Reception born Sep 2018 - Aug 2019; year k a year earlier per k.
	off = (yr == "N1") ? -2 : (yr == "N2") ? -1 : (yr == "R") ? 0 : yr + 0
	m = pick(12); d = pick(28)
	y = (m >= 9) ? 2018 - off : 2019 - off
	return sprintf("%02d/%02d/%04d", d, m, y)
}
BEGIN {
	seed = 20240118
	nf = split("Amelia Oliver Isla George Ava Noah Freya Arthur Poppy Leo Ivy Harry " \
		"Evie Oscar Maisie Jack Ruby Alfie Daisy Theo Mia Archie Willow Jacob", fore, " ")
	ns = split("Ashdown Bramley Carter Dawlish Ellery Fenwick Garland Hollis Ingram Jessop " \
		"Kingsley Lidford Marston Norris Oakley Pennell Quantock Radstock Selwood Tilley " \
		"Upton Vowles Wedmore Yeo", sur, " ")

	# urn|name|la|hub|on roll (spring)|K (spring)|E (spring)|joiners|leavers|year groups
	S[1] = "142731|Holy Trinity CE Primary School|Somerset|Mendip|412|52|9|5|2|N2 R 1 2 3 4 5 6"
	S[2] = "143058|St Mary'"'"'s CE Primary School|Somerset|Mendip|96|15|5|2|1|R 1 2 3 4 5 6"
	S[3] = "145290|St Aldhelm'"'"'s CE Primary School, Doulting|Somerset|Mendip|61|9|3|1|1|R 1 2 3 4 5 6"
	S[4] = "144612|Oakfield Primary School|North Somerset|Weston|118|17|8|3|2|R 1 2 3 4 5 6"
	S[5] = "146877|Hazelmead Infant School|North Somerset|Weston|58|7|3|1|0|N2 R 1 2"

	# Primary need mixes (per cent): SLCN, SEMH, SpLD, MLD most common on SEN support;
	# ASD most common with an EHC plan; NSA only on SEN support.
	KNEED = "SLCN:31 SEMH:19 SpLD:11 MLD:12 ASD:9 NSA:6 OTH:4 PD:3 HI:2 VI:1 SLD:1 MSI:1"
	ENEED = "ASD:36 SLCN:18 SEMH:16 SLD:7 MLD:5 PD:6 SpLD:2 HI:3 VI:2 PMLD:2 OTH:2 MSI:1"
	SNEED = "SLCN:22 SEMH:22 SpLD:12 MLD:14 ASD:10 OTH:6 PD:5 HI:4 VI:3 SLD:2"

	print "UPN,Legal Surname,Legal Forename,Date of Birth,School URN,Establishment Name," \
		"Local Authority,Year Group,SEN Status,SEN Primary Need,SEN Secondary Need,SEND Hub" > autumn
	print "UPN,Surname,Forename,DOB,URN,School,LA,NCYear,SEN Provision,Primary Need," \
		"Secondary Need" > spring
	print "urn,hub" > hubs

	for (s = 1; s <= 5; s++) {
		split(S[s], f, "|")
		urn = f[1]; name = f[2]; la = f[3]; hub = f[4]
		roll = f[5] + 0; kn = f[6] + 0; en = f[7] + 0; join = f[8] + 0; leave = f[9] + 0
		ny = split(f[10], years, " ")
		print urn "," csvq(hub) > hubs

		# Pool: pupils 1..roll are on the spring roll (the last "join" of them arrived after
		# the autumn census); roll+1..roll+leave were on the autumn roll only.
		pool = roll + leave
		for (j = 1; j <= pool; j++) {
			yr[j] = years[int((j - 1) * ny / pool) + 1]
			st[j] = "N"; au[j] = ""
		}
		# Spring provision: exactly en EHC plans and kn on SEN support among pupils 1..roll.
		for (k = 1; k <= en + kn; k++) {
			do j = pick(roll); while (st[j] != "N")
			st[j] = (k <= en) ? "E" : "K"
			order[k] = j
		}
		for (j = roll + 1; j <= pool; j++) st[j] = (rnd() < 0.13) ? "K" : "N"
		for (j = 1; j <= pool; j++) {
			au[j] = st[j]
			pn[j] = (st[j] == "E") ? need(ENEED) : (st[j] == "K") ? need(KNEED) : ""
			sn[j] = ""
			if (st[j] != "N" && rnd() < 0.3) {
				do sn[j] = need(SNEED); while (toupper(sn[j]) == toupper(pn[j]))
			}
		}
		# What changed between the censuses: one plan issued (K in autumn), the last two
		# pupils put on SEN support newly identified (N in autumn), one pupil taken off the
		# register (K in autumn, N now).
		au[order[en]] = "K"
		if (kn >= 2) { au[order[en + kn]] = "N"; au[order[en + kn - 1]] = "N" }
		do j = pick(roll); while (st[j] != "N" || j > roll - join)
		au[j] = "K"; apn[j] = need(KNEED)

		for (j = 1; j <= pool; j++) {
			upn = sprintf("A%012d", s * 1000 + j)
			fn = fore[pick(nf)]; sname = sur[pick(ns)]; d = dob(yr[j])
			if (j <= roll) {
				printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", upn, sname, fn, d, urn,
					csvq(name), csvq(la), yr[j], st[j], pn[j], sn[j] > spring
			}
			if (j <= roll - join || j > roll) {
				if (au[j] == "N") { p = ""; q = "" }
				else if (au[j] == st[j]) { p = pn[j]; q = sn[j] }
				else if (st[j] == "E") { p = pn[j]; q = sn[j] }
				else { p = apn[j]; q = "" }
				printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", upn, sname, fn, d, urn,
					csvq(name), csvq(la), yr[j], au[j], p, q, csvq(hub) > autumn
			}
		}
		delete yr; delete st; delete au; delete pn; delete sn; delete apn; delete order
	}
}'

# Excel's "CSV UTF-8": byte order mark, a sep=, line, CRLF, and two empty columns that once
# held formatting. One school (the one whose name has a comma in it).
{
	printf '\357\273\277sep=,\r\n'
	awk 'NR == 1 || /,145290,/ { printf "%s,,\r\n", $0 }' spring-2024.csv
} > excel-export.csv

# Notepad's "ANSI" (Windows-1252), CRLF: 0x92 is a right single quotation mark, 0xE7 c cedilla.
{
	printf 'UPN,Surname,Forename,DOB,URN,School,LA,NCYear,SEN Provision,Primary Need,Secondary Need\r\n'
	printf 'A000000009001,Ashdown,Evie,14/03/2017,147301,St John\222s CE Primary School,Bath and North East Somerset,1,N,,\r\n'
	printf 'A000000009002,Bramley,Leo,02/11/2016,147301,St John\222s CE Primary School,Bath and North East Somerset,2,K,SLCN,\r\n'
	printf 'A000000009003,Carter,Ivy,27/06/2015,147301,St John\222s CE Primary School,Bath and North East Somerset,3,N,,\r\n'
	printf 'A000000009004,Dawlish,Noah,09/01/2014,147301,St John\222s CE Primary School,Bath and North East Somerset,5,E,ASD,SLCN\r\n'
	printf 'A000000009005,Ellery,Ruby,19/09/2012,147301,St John\222s CE Primary School,Bath and North East Somerset,6,K,SEMH,\r\n'
	printf 'A000000009006,Fenwick,Oscar,05/05/2018,147388,Ecole Fran\347aise de Bristol,"Bristol, City of",R,N,,\r\n'
	printf 'A000000009007,Garland,Mia,21/12/2016,147388,Ecole Fran\347aise de Bristol,"Bristol, City of",2,K,SpLD,\r\n'
	printf 'A000000009008,Hollis,Jack,30/07/2015,147388,Ecole Fran\347aise de Bristol,"Bristol, City of",3,N,,\r\n'
	printf 'A000000009009,Ingram,Daisy,11/10/2013,147388,Ecole Fran\347aise de Bristol,"Bristol, City of",5,K,NSA,\r\n'
	printf 'A000000009010,Jessop,Theo,08/02/2013,147388,Ecole Fran\347aise de Bristol,"Bristol, City of",5,N,,\r\n'
} > windows-1252.csv
