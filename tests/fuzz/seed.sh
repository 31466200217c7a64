#!/bin/sh
# Writes the seed corpus of each harness into tests/fuzz/corpus/<harness>/
# from the examples, the test data and short literals. Run it once when a
# harness is added; after a fuzzing run the corpus is minimised with -merge=1
# (see README.hardening.md), which keeps what the seeds reach.
#
#   tests/fuzz/seed.sh [SUMMARY_CSV]   (a census-summary output for the summary seeds)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
c=$src/tests/fuzz/corpus
ex=$src/examples
data=$src/tests/data

put() { # put HARNESS NAME TEXT: one seed from a literal (printf escapes allowed)
	mkdir -p "$c/$1"
	printf -- "$3" >"$c/$1/seed-$2"
}
words() { # words HARNESS WORD...: one seed per word
	h=$1; shift
	i=0
	for w in "$@"; do
		i=$((i + 1))
		put "$h" "$i" "$w"
	done
}
utf16le() { iconv -f UTF-8 -t UTF-16; }   # with a BOM, little-endian here

# YAML and the two models: the examples whole, plus their shapes in small.
for h in yaml strategy review; do mkdir -p "$c/$h"; done
for f in "$ex"/strategy/*.yaml; do
	cp "$f" "$c/strategy/seed-$(basename "$f")"
done
cp "$ex/review/lighthouse-2020.yaml" "$c/review/seed-lighthouse-2020.yaml"
head -n 40 "$ex/strategy/st-marys-2023-24.yaml" >"$c/yaml/seed-strategy-head.yaml"
head -n 40 "$ex/review/lighthouse-2020.yaml" >"$c/yaml/seed-review-head.yaml"
head -n 30 "$ex/strategy/oakfield-2024-25.yaml" | utf16le >"$c/strategy/seed-utf16.yaml"
head -n 30 "$ex/review/lighthouse-2020.yaml" | sed 's/$/\r/' >"$c/review/seed-crlf.yaml"
put yaml flow 'a: {b: [1, 2, {c: d}], e: "x\\ty"}\n'
put yaml alias 'a: &x [1, 2]\nb: *x\nc: *x\n'
put yaml docs '---\na: 1\n...\n---\nb: 2\n'
put yaml dupkey 'a: 1\nb: 2\na: 3\n'
put yaml tab 'a:\n\t- 1\n'
put yaml block 'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n'
put yaml bom '\357\273\277sendkit: strategy\n'
put yaml cp1252 'cost: \243450\nname: St John\222s\n'
put yaml complexkey '? [a, b]\n: c\n? {d: e}\n: f\n'
put yaml deep '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n'
put yaml tags 'a: !!str 1\nb: !custom x\nc: !!binary aGVsbG8=\n'
put strategy small 'sendkit: strategy\nschool: {name: A, urn: 123456}\nyear: 2023-24\nsummary: {on_roll: 10, sen_support: 2, ehcp: 1}\nareas:\n  leadership:\n    strengths: [a]\n    recommendations: [b]\n    actions:\n      - action: x\n        cost: "\302\2431.2k"\n        steps: s\n        lead: l\n        timescale: T1-T3\n        success: ok\n        review: {date: 2024-02-09, method: m}\n        impact: {term3: i}\n    budget: 1200\n'
put review small 'sendkit: review\nof: {school: {name: A, urn: 123456}}\ndate: 2020-04-30\nareas:\n  leadership:\n    - id: "1.1"\n      statement: s\n      judgement: Partly in place\n      actions:\n        - {action: a, owner: o, due: T6 2020}\n      links: ["1.1", "9.9"]\n'

# Money, dates and codes: the forms the spec lists and their near misses.
words money '\302\2431,200' 1200 1200.50 '\302\2431.2k' 0 nil none free ',200' -5 '1,20' 1.234 \
	1.2500000k 5kk 92,233,720,368,547,758.07 92233720368547758.08 99999999999999999999 \
	'\302\243 450' ' None ' '\243' 12,00,000 1,234,567.89
words when 2024-03-22 'March 2024' 'Mar 2024' 'T6 2020' 'Spring 2 2024' 'Autumn 2023' T3 \
	'Summer 1' 2020/2021 2020-21 T1-T3 'Sep 2023 - Mar 2024' termly half-termly annually \
	ongoing 'by 2025-05-23' 'end of T4' 'by the end of T6 2020' 'T3 2023/24' 'Summer term' \
	'from T1 to T3' '2024-02-30' 'T1 \342\200\223 T3' 'March 2024 until T6 2024' 2023-2024 \
	'Autumn 1 - Spring 2' 'in the spring term' 'DoE to produce from September 2020'
words codes N K E S A P 'SEN Support' 'EHC Plan' EHCP Statement 'No SEN' 'School Action Plus' \
	SPLD SpLD 'Speech, Language and Communications needs' 'Multi- Sensory Impairment' NSA \
	'SEN support but no specialist assessment of type of need' 'Other Difficulty/Disability' \
	'Profound & Multiple Learning Difficulty' 'Social, Emotional and Mental Health'

# Text decoding: each encoding it tells apart.
words text 'plain\n' '\357\273\277bom\r\n' '\377\376a\000b\000\r\000\n\000' \
	'\376\377\000a\000b' '\243450 St John\222s' 'caf\303\251' '\355\240\200' '\300\257' \
	'\377\376\000\330' 'nul\000byte'

# Census: the start of each layout and of each awkward export.
mkdir -p "$c/census"
for f in "$ex"/census/*.csv; do
	head -n 25 "$f" >"$c/census/seed-$(basename "$f")"
done
for f in "$data"/*.csv; do
	head -n 12 "$f" >"$c/census/seed-$(basename "$f")"
done
head -n 12 "$ex/census/spring-2024.csv" | tr ',' ';' >"$c/census/seed-semicolons.csv"
head -n 12 "$ex/census/spring-2024.csv" | tr ',' '\t' >"$c/census/seed-tabs.csv"
head -n 12 "$ex/census/spring-2024.csv" | sed 's/$/\r/' >"$c/census/seed-crlf.csv"
head -n 12 "$ex/census/spring-2024.csv" | utf16le >"$c/census/seed-utf16.csv"
put census quoted 'urn,sen_provision,primary_need\n"123456","K","SPLD"\n"123456",E,"Speech, Language and Communications needs"\n'
# Text after a closing quote (quote-text), and pupils given twice.
put census quote-text 'upn,urn,sen,primary_need,notes\nA000000000001,100001,K,ASD,"Quiet" at lunch\nA000000000002,100001,E,SEMH,Loves "Lego"\nA000000000003,100001,E,SEMH,"Tall ""tree"""\nA000000000004,100001,K,MLD,"a" \nA000000000005,100001,N,,"Two\nlines" then, text\nA000000000006,100001,E,MLD,"x"""\n'
put census dup-pupils 'upn,urn,sen,primary_need\nA000000000001,100001,K,ASD\nA000000000001,100001,K,ASD\nA000000000002,100001,E,MLD\na000000000002,100001,K,MLD\nA000000000003,100002,K,SLCN\nA000000000003,100002,K,SEMH\n,100002,N,\n,100002,N,\n'

# The census summary nutshell reads, and a national figures file.
mkdir -p "$c/summary" "$c/national"
if [ $# -ge 1 ]; then
	head -n 20 "$1" >"$c/summary/seed-summary.csv"
fi
put national small 'year,source,pupils,sen_support,ehcp,sen,sen_support_pct,ehcp_pct,sen_pct,need_spld,need_asd\n2023,DfE,9073832,1183384,389171,1572555,13.0,4.3,17.3,100,200\n2024,DfE,9092073,1238851,434354,1673205,,,,,\n'
put national reorder 'sen,year,ehcp\n1,2030,1\n'

# The scanner against libcsv: byte 0 threads and separator, byte 1 the range
# (see fuzz_scanner.c), then the CSV.
put scanner basic '\003\001a,b,c\n1,2,3\n'
put scanner quotes '\001\000a,"b,c",d\n"a""b",c\n"multi\nline",x\r\ny,z\r\n'
put scanner stray '\017\002Ja"ne,12" ruler,x\ny,z\n"a" x",y\nz\n'
put scanner unclosed '\002\000x,"unclosed\ny,z\nd,e\n'
put scanner blanks '\004\003 "a" ,b\n"a" "b",c\n"a"  \r\nb\n,,\n\n  ,  \nc,d'
put scanner semicolon '\022\001a;"b;c";d\r\n1;2;3'
put scanner tab '\043\000a\tb\t"c\td"\n 1 \t2\t3\n'
put scanner bom '\001\001\357\273\277urn,sen\n100001,K\n'
put scanner nul '\002\000a,b\000c\n"d\000",e\n'
put scanner long '\201\100a,"\001x\nA9,1,K\001",b\nc,d\n'
put scanner quote-text '\003\002a,"Quiet" at lunch,b\nc,"x" y\nd,e\n"q" "r",s\nt,"u"\n'
put scanner quote-text-lines '\002\001a,"two\nlines" then,b\nc,d\n"x"\n"y" z\n"w"\t,v\n'
put scanner quote-text-long '\201\003a,"\001x\ny\001" then,b\nc,d\n'
head -n 6 "$ex/census/spring-2024.csv" | { printf '\001\007'; cat; } >"$c/scanner/seed-census.csv"
# The scanner's 64-byte blocks: a quote (at a field's start, and inside
# one), a CR, a CRLF, a LF and a separator at bytes 15, 16, 31, 32, 63 and 64
# of a row (a field that starts in one block and ends in the next), at one
# to four threads; and rows of 16 bytes in ranges of 16, each ending
# exactly at a range's edge.
rep() { printf "%${1}s" '' | tr ' ' a; }
for at in 15 16 31 32 63 64; do
	a=$(rep "$at")
	a1=$(rep $((at - 1)))
	put scanner "block-quote-$at" "\\002\\000$a1,\"x,y\"\"z\",w\\nb,\"c\\nd\"\\n"
	put scanner "block-text-quote-$at" "\\003\\001$a\"x,w\\n$a1 \"q\" ,z\\nb,c\\n"
	put scanner "block-cr-$at" "\\002\\007$a\\rb,c\\r\\n$a1,\\r\\nd,e\\n"
	put scanner "block-lf-$at" "\\001\\000$a\\n$a1,\\n,$a1\\nb"
	put scanner "block-sep-$at" "\\002\\017$a,$a1,,\\n$a,\"$a\"\\n"
done
put scanner range-edges '\002\017aaaaaaa,bbbbbbb\nccccccc,ddddddd\neeeeeee,"ffff"\n"gggggg",hhhhhh\niiiiiii,jjjjjjj\n'
