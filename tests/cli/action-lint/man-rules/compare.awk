# Compares `action-lint --list-rules` (the first input) with the RULES
# section of man/action-lint.1 (the second): the same rules, in the same
# order, with the same severities and descriptions (the man page's with a
# capital letter and a full stop; its first sentence, which may run over
# several source lines: the sentences after it are the man page's own).
NR == FNR { listed[++n] = $0; next }
/^\.Sh / { in_rules = ($2 == "RULES") }
in_rules && pending && !/^\./ { if (desc !~ /\.$/) desc = desc " " $0; next }
in_rules && pending { check(); pending = 0 }
in_rules && /^\.It Sy [a-z-]+ Pq / {
	name = $3; severity = $5
	getline desc
	pending = 1
	next
}
function check() {
	desc = tolower(substr(desc, 1, 1)) substr(desc, 2)
	sub(/\.$/, "", desc)
	line = sprintf("%-24s %-8s %s", name, severity, desc)
	if (listed[++m] != line) {
		printf "--list-rules: %s\nman page:     %s\n", listed[m], line
		bad = 1
	}
}
END {
	if (pending)
		check()
	if (m != n) {
		printf "--list-rules has %d rules, the man page %d\n", n, m
		bad = 1
	}
	if (!bad)
		printf "%d rules: the man page and --list-rules agree\n", n
	exit bad
}
