#!/bin/sh
# Writes the hostile inputs into DIR (made fresh): small ones from literals
# and the examples, big ones (up to 16 MB, one sparse 65 MB file) by
# repetition, so the repository holds no megabytes. Deterministic: the same
# bytes every run. Names: y-* YAML, r-* review YAML, c-* CSV (census),
# s-* census summary CSV, n-* national figures CSV.
#
#   tests/hostile/gen.sh SOURCE_DIR DIR
set -eu
src=$1 out=$2
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cd "$out.tmp"
strategy=$src/examples/strategy/holy-trinity-2023-24.yaml
review=$src/examples/review/lighthouse-2020.yaml
census=$src/examples/census/spring-2024.csv
school=$src/tests/data/dfe-sen-underlying-format-sample.csv

rep() { # rep N TEXT: TEXT N times (printf escapes allowed)
	# The x keeps a final line break from the command substitution.
	perl -e 'chop $ARGV[1]; print $ARGV[1] x $ARGV[0]' "$1" "$(printf -- "$2"; echo x)"
}
pseudo_random() { # pseudo_random N: N bytes from a fixed LCG
	perl -e 'my $x = 12345; for (1..$ARGV[0]) { $x = ($x * 1103515245 + 12345) % 2147483648;
		print chr(($x >> 16) & 255) }' "$1"
}
utf16() { iconv -f UTF-8 -t "$1"; }
half() { head -c $(($(wc -c <"$1") / 2)) "$1"; }

# ---- YAML, for every command that reads strategy or review files
: >y-empty.yaml
printf '\357\273\277' >y-bom.yaml
pseudo_random 4096 >y-binary.yaml
{ head -n 30 "$strategy"; printf 'name: A\000B\n'; tail -n +31 "$strategy"; } >y-nul.yaml
LC_ALL=C sed -e "s/^  la: .*/  la: $(printf '\377\376 \300\257 \355\240\200 \303(')/" "$strategy" \
	>y-invalid-utf8.yaml
{ printf '\357\273\277'; cat "$strategy"; } | utf16 UTF-16LE >y-utf16le.yaml
{ printf '\376\377'; utf16 UTF-16BE <"$strategy"; } >y-utf16be.yaml
head -c 3001 y-utf16le.yaml >y-utf16-odd.yaml
utf16 UTF-16LE <"$strategy" >y-utf16-nobom.yaml
half "$strategy" >y-truncated.yaml
tr '\n' '\r' <"$strategy" >y-cr-only.yaml
{ echo 'sendkit: strategy'
  echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  echo 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]'
  echo 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]'
  echo 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'
  echo 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]'
  echo 'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]'
  echo 'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]'
  echo 'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]'
  echo 'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]'
} >y-alias-bomb.yaml
{ printf 'sendkit: strategy\nareas: '; rep 200000 '['; rep 200000 ']'; echo; } >y-deep-flow.yaml
{ printf 'sendkit: review\nareas: '; rep 200000 '{a: '; rep 200000 '}'; echo; } >y-deep-flow-map.yaml
perl -e 'print "sendkit: strategy\n"; for (0..999) { print " " x $_, "k$_:\n" } print " " x 1000, "x\n"' \
	>y-deep-block.yaml
{ printf 'sendkit: strategy\nschool:\n  name: '; rep 16777216 'x'; echo; } >y-scalar-16mb.yaml
{ printf 'sendkit: strategy\nheadlines:\n  strengths: ['; rep 1750000 'a, '; echo 'a]'; } >y-line-5mb.yaml
{ cat "$strategy"; rep 100000 '---\nsendkit: strategy\n'; } >y-many-docs.yaml
printf -- '- sendkit: strategy\n- school: {name: A, urn: 123456}\n' >y-list-root.yaml
cat >y-list-for-map.yaml <<'END'
sendkit: strategy
school: [Holy Trinity, 123456]
year: [2023, 2024]
summary: [412, 52, 9]
headlines: [a, b, c]
areas:
  - leadership
  - identification: {actions: x}
END
cat >y-map-for-list.yaml <<'END'
sendkit: strategy
school: {name: Holy Trinity, urn: {a: 1}}
year: 2023-24
summary: {on_roll: {n: 412}, sen_support: [52], ehcp: 9}
headlines: {strengths: {a: b}, recommendations: {c: d}}
areas:
  leadership:
    strengths: {a: b}
    recommendations: {c: d}
    actions: {action: x, cost: 1}
  identification:
    actions:
      - {action: {a: b}, cost: [1], review: [x], impact: [y]}
END
sed -e 's/^  on_roll: .*/  on_roll: 99999999999999999999999/' \
	-e 's/^  ehcp: .*/  ehcp: 18446744073709551616/' "$strategy" >y-int-overflow.yaml
sed -e 's/^  on_roll: .*/  on_roll: -412/' -e 's/^  sen_support: .*/  sen_support: -1/' \
	"$strategy" >y-negative.yaml
sed -e 's/^  on_roll: .*/  on_roll: 412.5/' -e 's/^  ehcp: .*/  ehcp: 1e3/' "$strategy" >y-fraction.yaml
sed -e 's/^\(  *cost: \).*/\1"£99999999999999999999"/' "$strategy" >y-cost-overflow.yaml
sed -e 's/^\(  *cost: \).*/\1"£92,233,720,368,547,758.07"/' \
	-e 's/^\(  *budget: \).*/\1"£92,233,720,368,547,758.07"/' "$strategy" >y-costs-sum-overflow.yaml
sed -e 's/^  name: \(.*\)/  name: "\1/' "$strategy" >y-unterminated-quote.yaml
sed -e 's/^  urn:/\turn:/' "$strategy" >y-tab-indent.yaml
{ cat "$strategy"; rep 10000 'sendkit: strategy\n'; } >y-dup-keys.yaml
{ echo 'sendkit: strategy'; perl -e 'print "k$_: v\n" for 1..200000'; } >y-many-keys.yaml
{ echo 'sendkit: strategy'; rep 1048576 'k'; echo ': v'; } >y-long-key.yaml
# A list pasted as one text, and texts holding " - ", by the thousand: the
# decoder reads each text's lines once (atk11-senco F8: 80,000 lines took 41 s).
{ head -n 21 "$strategy"; perl -e 'print "    1. t$_\n" for 1..150000'; tail -n +25 "$strategy"; } \
	>y-numbered-lines.yaml
{ head -n 38 "$strategy"; sed -n '39,49p' "$strategy" | sed -e 's/^\(        steps: \).*/\1one - two/' \
	>action.part; rep 25000 "$(cat action.part)\n"; rm action.part; tail -n +39 "$strategy"; } \
	>y-dash-in-texts.yaml
# Many words alone above deeper lines, then one key with no colon (fixF: each
# word walked to the top of the file), and many items pasted with "a)", "b)"
# (each text counted lines from the top).
{ printf 'sendkit: strategy\nareas:\n  leadership:\n'
  perl -e 'print "    s$_: text\n      w\n        - x\n" for 1..100000'
  printf '  identification\n    strengths: [a]\n'; } >y-bare-words.yaml
{ printf 'sendkit: strategy\nheadlines:\n  strengths:\n'
  rep 50000 '    - a) Leaders know pupils well\n      b) Governors challenge\n'; } >y-pasted-labels.yaml
truncate -s 65M y-oversize.yaml
# Just under the 64 MB cap, tens of millions of tiny values (issue 13 item 7:
# these took 3.0 GB, 4.7 GB and 3.5 GB before the node budget).
perl -e 'print "sendkit: strategy\nx: [", "1," x 30000000, "1]\n"' >y-list-60mb.yaml
perl -e 'print "sendkit: strategy\n", "a: 1\n" x 12600000' >y-dup-keys-63mb.yaml
perl -e 'print "sendkit: strategy\na: &a x\nb: [", "*a," x 15000000, "*a]\n"' >y-aliases-45mb.yaml

# ---- review YAML: the same attacks on the review shape
# Cut in the middle of a quoted id, past half-way.
perl -e 'local $/; my $t = <STDIN>; my $i = index($t, "- id: \"", length($t) / 2);
	print substr($t, 0, $i + 9)' <"$review" >r-truncated.yaml
{ printf '\357\273\277'; cat "$review"; } | utf16 UTF-16LE >r-utf16le.yaml
tr '\n' '\r' <"$review" >r-cr-only.yaml
sed -e 's/^areas:$/areas:\n  - leadership/' "$review" >r-list-for-map.yaml
{ printf 'sendkit: review\nof: {trust: T}\ndate: 2020-04-30\nareas:\n  leadership:\n'
  perl -e 'for (1..50000) { my $n = $_ + 1; print "    - {id: \"$_\", statement: s, judgement: in_place, links: [\"$n\", \"$_\", \"x$_\"],",
	" actions: [{action: a, owner: o, due: T$_ 2020}]}\n" }'
} >r-many-statements.yaml
{ printf 'sendkit: review\nof: {trust: T}\ndate: 2020-04-30\nareas:\n  identification:\n'
  rep 20000 '    - {id: "1.1", statement: s, judgement: Partly In Place, links: ["1.1"]}\n'
} >r-dup-ids.yaml
sed -e 's/^\(  *due: \).*/\1 2024-02-30 - 9999999999-01-01/' -e 's/^date: .*/date: 99999999999-99-99/' \
	"$review" >r-bad-dates.yaml

# ---- census CSV
: >c-empty.csv
printf '\357\273\277' >c-bom.csv
pseudo_random 4096 >c-binary.csv
{ head -n 20 "$census"; printf 'A000000001998,X,Y,01/01/2020,111111,Ab\000cd,Somerset,N2,K,SPLD,\n'
  printf 'A000000001999,X,Y,01/01/2020,222222,Ef,Somerset,N2,K\000,SPLD,\nA000000002000,X,Y,01/01/2020,33\00033,Gh,Somerset,N2,N,,\n'; } >c-nul.csv
{ head -n 20 "$census"; printf 'A000000001999,X,Y,01/01/2020,142731,Holy \377\376\300\257,Somerset,N2,K,\355\240\200,\n'; } >c-invalid-utf8.csv
head -n 50 "$census" | utf16 UTF-16 >c-utf16.csv
{ head -n 50 "$census"; printf 'A000000001999,X,Y,01/01/2020,142731,"Holy Trin'; } >c-truncated.csv
head -n 1 "$census" >c-header-only.csv
{ rep 1100000 'column,'; echo; head -n 3 "$census"; } >c-header-1mb.csv
tail -n +2 "$census" | head -n 50 >c-no-header.csv
{ printf 'URN,URN,SEN Provision,SEN Provision,Primary Need\n'; tail -n +2 "$census" | head -n 20 | cut -d, -f5,5,9,9,10; } >c-dup-columns.csv
{ printf 'URN,SEN Provision,Primary Need'; perl -e 'print ",extra$_" for 1..19997'; echo
  perl -e 'for my $r (1..20) { print "142731,K,SPLD", ",x" x 19997, "\n" }'; } >c-cols-20000.csv
{ head -n 5 "$census"; printf 'A000000001999,X,Y,01/01/2020,142731,"'; rep 8388608 'y'; printf '",Somerset,N2,K,SPLD,\n'; } >c-field-8mb.csv
{ printf 'urn,hub\n142731,"'; rep 8388608 'h'; printf '"\n143058,Somerset\n'; } >c-hub-8mb.csv
{ head -n 5 "$census"; printf 'A000000001999,X,Y,01/01/2020,142731,'; rep 5242880 'z'; printf ',Somerset,N2,K,SPLD,\n'; } >c-line-5mb.csv
{ head -n 5 "$census"; printf 'A000000001999,X,Y,01/01/2020,142731,"Holy Trinity,Somerset,N2,K,SPLD,\n'; head -n 30 "$census" | tail -n 25; } >c-unterminated-quote.csv
{ head -n 10 "$census"; printf '1,2\n'; printf 'a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q\n\n,,,\n'; head -n 20 "$census" | tail -n 10; } >c-ragged.csv
head -n 100 "$census" | tr '\n' '\r' >c-cr-only.csv
printf 'URN,school_name,Total pupils,SEN support,EHC plan\n1,A,99999999999999999999,1,1\n2,B,18446744073709551616,-1,1\n' >c-int-overflow.csv
printf 'URN,school_name,Total pupils,SEN support,EHC plan\n1,A,-5,-1,-2\n2,B,100,-10,5\n' >c-negative.csv
printf 'URN,school_name,Total pupils,SEN support,EHC plan\n1,A,12.5,1.5,0.5\n2,B,1e3,1,1\n' >c-fraction.csv
{ printf 'URN,school_name,Total pupils,SEN support,EHC plan\n'
  for u in 1 2 3 4; do printf '%s,S,9223372036854775807,9223372036854775807,9223372036854775807\n' $u; done; } >c-sum-overflow.csv
{ printf 'URN,SEN Provision,Primary Need\n'; perl -e 'print 100000 + $_, ",K,SPLD\n" for 1..200000'; } >c-many-schools.csv
head -n 12 "$school" >c-school-level.csv
{ head -n 3 "$school"; rep 100000 ',,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n'; } >c-bare-commas.csv

# ---- census summary CSV (nutshell --census) and national figures (nutshell --national)
hdr='term,level,key,name,la,hub,schools,on_roll,sen_support,sen_support_pct,ehcp,ehcp_pct,sen,sen_pct,cognition_and_learning,communication_and_interaction,social_emotional_mental_health,sensory_and_physical,unclassified,need_spld,need_mld,need_sld,need_pmld,need_slcn,need_asd,need_semh,need_hi,need_vi,need_msi,need_pd,need_oth,need_nsa,need_unknown'
{ echo "$hdr"; echo 'spring-2024,school,142731,Holy Trinity,Somerset,Somerset,1,99999999999999999999,9223372036854775807,100.0,9223372036854775807,99999999999999999999.9,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1'; } >s-int-overflow.csv
{ echo "$hdr"; echo 'spring-2024,school,142731,Holy Trinity,Somerset,Somerset,1,-412,-52,-12.6,-9,-2.2,-61,-14.8,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1'; } >s-negative.csv
{ echo "$hdr"; echo 'spring-2024,school,142731,Holy Trinity,Somerset,Somerset,1,412.5,52.25,12.66,9,2.2,61,14.8,c,c,c,c,c,1,1,1,1,1,1,1,1,1,1,1,1,1,1'; } >s-fraction.csv
{ echo "$hdr"; echo 'spring-2024,school,142731,Holy Trinity'; echo 'a,b'; } >s-ragged.csv
echo "$hdr" >s-header-only.csv
{ printf 'year,pupils,sen_support,ehcp,sen,sen_pct\n'; printf '2024,99999999999999999999,9223372036854775807,9223372036854775807,-1,99999999999999999999.9\n'; } >n-overflow.csv
{ printf 'year,pupils,sen_support,ehcp\n'; printf '2024,-5,-1,2.5\n99999999999999999999,1,1,1\n'; } >n-negative.csv

rm -rf "$out"
mv "$out.tmp" "$out"
