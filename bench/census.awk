# census.awk: census-summary's per-school and national counts in awk, as a
# user would write it, for bench/census.sh:   mawk -f census.awk FILE
# Columns are found by name in the header. It splits lines on every comma, so
# a quoted field holding a comma ("St Mary's, Oldtown") shifts the fields after
# it and those rows are miscounted: awk has no CSV parser (gawk 5.3 --csv has).
BEGIN {
	FS = ","
	OFS = ","
	nn = split("SPLD MLD SLD PMLD SLCN ASD SEMH HI VI MSI PD OTH NSA UNKNOWN", code, " ")
	for (i = 1; i < nn; i++)
		known[code[i]] = 1
}
NR == 1 {
	for (i = 1; i <= NF; i++) {
		h = tolower($i)
		gsub(/[^a-z]/, "", h)
		col[h] = i
	}
	cu = col["urn"]; cs = col["school"]; cl = col["la"]
	cp = col["senprovision"]; cn = col["primaryneed"]
	next
}
{
	u = $cu
	if (!(u in roll)) {
		order[++ns] = u
		name[u] = $cs
		la[u] = $cl
	}
	roll[u]++
	p = toupper($cp)
	if (p == "K")
		k[u]++
	else if (p == "E")
		e[u]++
	else
		next
	n = toupper($cn)
	if (!(n in known))
		n = "UNKNOWN"
	cnt[u, n]++
}
END {
	printf "key,name,la,on_roll,sen_support,ehcp"
	for (i = 1; i <= nn; i++)
		printf ",need_%s", tolower(code[i])
	printf "\n"
	for (s = 1; s <= ns; s++) {
		u = order[s]
		printf "%s,%s,%s,%d,%d,%d", u, name[u], la[u], roll[u], k[u], e[u]
		troll += roll[u]; tk += k[u]; te += e[u]
		for (i = 1; i <= nn; i++) {
			printf ",%d", cnt[u, code[i]]
			tn[i] += cnt[u, code[i]]
		}
		printf "\n"
	}
	printf "all,,,%d,%d,%d", troll, tk, te
	for (i = 1; i <= nn; i++)
		printf ",%d", tn[i]
	printf "\n"
}
