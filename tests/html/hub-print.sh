#!/bin/sh
# Renders the hub's and the trust's pages (nutshell --all-hubs -f html) in
# headless Chromium and checks the PDFs: A4 landscape, no text under 7pt (the
# font sizes poppler reads), each example hub and a generated hub of fifteen
# schools (two with names of 60 letters; fifteen real names with long missing
# pieces) on one sheet (the issue's "one page for a hub of up to 15 schools"),
# the trust's on at most two, every sheet numbered, each school's name and the
# page's figures printed, and the page
# self-contained: no scripts, nothing loaded from the network.
#
#   hub-print.sh BIN_DIR SOURCE_DIR
#
# Exit 77 (skipped) without chromium or poppler-utils.
set -u
. "$(dirname "$0")/setup.sh"

census-summary --hubs examples/census/hubs.csv --by school,hub,la,all -f csv \
	examples/census/autumn-2023.csv examples/census/spring-2024.csv >"$tmp/summary.csv" || exit 1
# Exit 1: the examples' St Mary's strategy has errors on purpose.
nutshell --census "$tmp/summary.csv" --all-hubs --as-of 2024-03-01 -f html -o "$tmp/pages" \
	examples/ 2>/dev/null
[ $? -le 1 ] || exit 1

# A hub of 5 x COPIES schools in DIR, named HUB: the five example schools again,
# with new URNs and " (1)", " (2)"... and SUFFIX after their names, their reviews
# and strategies too.
gen_hub() {
	d=$1 copies=$2 hub=$3 suffix=$4
	mkdir -p "$d/census" "$d/review" "$d/strategy"
	echo urn,hub >"$d/census/hubs.csv"
	k=0
	while [ $k -lt "$copies" ]; do
		for urn in 142731 143058 144612 145290 146877; do
			new=$((urn + 10000 * k + 500000))
			echo "$new,$hub" >>"$d/census/hubs.csv"
			printf '%s\n' "s/,$urn,\(\"\{0,1\}\)\([^,\"]*\)/,$new,\1\2 ($((k + 1)))$suffix/" >>"$d/sed$k"
			echo "s/urn: $urn\$/urn: $new/" >>"$d/yaml$k"
		done
		echo "s/,\(Mendip\|Weston\)\$/,$hub/" >>"$d/sed$k"
		printf '%s\n' "s/^\(  *hub:\) .*/\1 $hub/" >>"$d/yaml$k"
		k=$((k + 1))
	done
	for term in autumn-2023 spring-2024; do
		{ head -n 1 examples/census/$term.csv
		  k=0
		  while [ $k -lt "$copies" ]; do
			tail -n +2 examples/census/$term.csv | sed -f "$d/sed$k"; k=$((k + 1))
		  done
		} >"$d/census/$term.csv"
	done
	k=0
	while [ $k -lt "$copies" ]; do
		for f in examples/review/*.yaml examples/strategy/*.yaml; do
			out=$d/${f#examples/}; out=${out%.yaml}-$k.yaml
			sed -f "$d/yaml$k" "$f" >"$out"
		done
		k=$((k + 1))
	done
	census-summary --hubs "$d/census/hubs.csv" --by school,hub,la,all -f csv \
		"$d/census/autumn-2023.csv" "$d/census/spring-2024.csv" >"$d/summary.csv"
}

# The largest hub the page is for: fifteen schools.
gen_hub "$tmp/h15" 3 Quantock "" || exit 2
nutshell --census "$tmp/h15/summary.csv" --hub Quantock --as-of 2024-03-01 -f html \
	-o "$tmp/pages/quantock-hub.html" "$tmp/h15" 2>/dev/null
[ $? -le 1 ] || exit 1
# Fifteen schools, two of them with real names of some 60 letters (issue 15,
# M3): still one sheet.
sed -e "s/Holy Trinity CE Primary School (1)/St John's Church of England Voluntary Controlled Primary School/" \
	-e "s/Holy Trinity CE Primary School (2)/Saint Michael and All Angels Church of England Junior School/" \
	"$tmp/h15/summary.csv" >"$tmp/h15/long-names.csv"
nutshell --census "$tmp/h15/long-names.csv" --hub Quantock --as-of 2024-03-01 -f html \
	-o "$tmp/pages/long-names-hub.html" "$tmp/h15" 2>/dev/null
[ $? -le 1 ] || exit 1
# Fifteen real Somerset schools' names (issue 15, M2), from
# tests/data/dfe-sen-school-level-2023.csv (DfE, Open Government Licence
# v3.0), with drafts of next year's strategy and reviews dated after --as-of
# for three schools each, so that the missing pieces run to several lines: still one
# sheet, its CPD focus and trend on it.
i=0
for name in "Millfield Preparatory School" "St Dunstan's School" "Milford Junior School" \
	"Hindhayes Infant School" "Westover Green Community School and Autism Centre" \
	"Taunton School" "Bishops Hull Primary School" \
	"Langford Budville Church of England Primary School" \
	"Exford Church of England First School" "King Ina Church of England Academy" \
	"Wembdon St George's Church School" "Queen's College" \
	"St Cuthbert's Church of England Academy Infants and Pre-School" \
	"Draycott \\& Rodney Stoke Church of England First School" \
	"Curry Mallet Church of England Primary School"; do
	k=$((i / 5 + 1))
	case $((i % 5)) in
	0) old="Holy Trinity CE Primary School ($k)" ;;
	1) old="St Mary's CE Primary School ($k)" ;;
	2) old="St Aldhelm's CE Primary School ($k), Doulting" ;;
	3) old="Oakfield Primary School ($k)" ;;
	4) old="Hazelmead Infant School ($k)" ;;
	esac
	echo "s/$old/$name/" >>"$tmp/h15/somerset.sed"
	i=$((i + 1))
done
sed -f "$tmp/h15/somerset.sed" "$tmp/h15/summary.csv" >"$tmp/h15/somerset.csv"
mkdir -p "$tmp/h15s"
cp "$tmp"/h15/review/*.yaml "$tmp"/h15/strategy/*.yaml "$tmp/h15s/"
for f in "$tmp"/h15/strategy/holy-trinity-*.yaml; do
	sed 's/^year: 2023-2024/year: 2024-2025/' "$f" >"$tmp/h15s/draft-${f##*/}"
done
for f in "$tmp"/h15/review/hazelmead-*.yaml; do
	sed 's/^date: .*/date: 2024-05-25/' "$f" >"$tmp/h15s/later-${f##*/}"
done
nutshell --census "$tmp/h15/somerset.csv" --hub Quantock --as-of 2024-03-01 -f html \
	-o "$tmp/pages/somerset-hub.html" "$tmp/h15s" 2>/dev/null
[ $? -le 1 ] || exit 1
grep -q "Missing pieces:.*not used.*not used" "$tmp/pages/somerset-hub.html" ||
	{ echo "somerset-hub.html: no drafts and later reviews in the missing pieces"; exit 1; }
# Twenty schools with names of some 45 letters and no strategy or review yet:
# every school is named in the missing pieces, still on one sheet.
gen_hub "$tmp/h20" 4 Brendon " of the Brendon Hills" || exit 2
nutshell --census "$tmp/h20/summary.csv" --hub Brendon --as-of 2024-03-01 -f html \
	-o "$tmp/pages/brendon-hub.html" 2>/dev/null
[ $? -le 1 ] || exit 1
# One long word for a school's and a hub's name (H8): it breaks inside its cell
# (overlap.awk finds it printed over the URN otherwise).
long=Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochprimaryschoolandnurseryunit
longhub=MendipAndTheSomersetLevelsAndMoorsCollaborativeLearningPartnershipHubForSEND
sed -e "s/Holy Trinity CE Primary School/$long/" -e "s/,Mendip/,$longhub/g" "$tmp/summary.csv" \
	>"$tmp/long.csv"
nutshell --census "$tmp/long.csv" --hub "$longhub" --as-of 2024-03-01 -f html \
	-o "$tmp/pages/long-hub.html" 2>/dev/null
[ $? -le 1 ] || exit 1
mkdir -p "$tmp/more"
# Twenty-four terms under the trend chart, and two lines ending at one
# figure (no EHC plans: all SEN is SEN support), whose labels must not meet (H11).
nutshell --census tests/cli/nutshell/hub-many-terms/census.csv --hub Tor --as-of 2024-03-01 \
	-f html -o "$tmp/more/tor-hub.html" 2>/dev/null
[ $? -le 1 ] || exit 1
awk -F, 'BEGIN { OFS = "," } NR > 1 { $11 = 0; $12 = "0.0"; $13 = $9; $14 = $10 } 1' \
	tests/cli/nutshell/hub-many-terms/census.csv >"$tmp/close.csv"
nutshell --census "$tmp/close.csv" --hub Tor --as-of 2024-03-01 -f html \
	-o "$tmp/more/close-hub.html" 2>/dev/null
[ $? -le 1 ] || exit 1

fail=0
if grep -qi '<script' "$tmp"/pages/*.html; then echo "a page has a script"; fail=1; fi
if grep -Eio '(src|href)="[^"#][^"]*"|url\([^#)][^)]*\)|@import|https?://' "$tmp"/pages/*.html; then
	echo "a page loads something"; fail=1
fi
if grep -Eo 'font(-size)?:[0-9.]+pt' "$tmp"/pages/*.html | grep -Ev ':([7-9]|[7-9]\.[0-9]+|[1-9][0-9]+(\.[0-9]+)?)pt$'; then
	echo "a page sets type under 7pt"; fail=1
fi
if grep -Eo 'font-size="[0-9.]+"' "$tmp"/pages/*.html | grep -Ev '"(1[2-9]|[2-9][0-9])(\.[0-9]+)?"$'; then
	echo "a chart sets type under 12 pixels"; fail=1
fi

mkdir -p "$tmp/home"
for page in mendip-hub weston-hub quantock-hub long-names-hub somerset-hub brendon-hub long-hub trust; do
	HOME="$tmp/home" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--user-data-dir="$tmp/home/$page" --no-pdf-header-footer \
		--print-to-pdf="$tmp/$page.pdf" "file://$tmp/pages/$page.html" >"$tmp/chromium.log" 2>&1
	if [ ! -s "$tmp/$page.pdf" ]; then
		echo "chromium wrote no PDF of $page.html:"; cat "$tmp/chromium.log"; exit 1
	fi
	pages=$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Pages: *//p')
	landscape=$(pdfinfo -f 1 -l "$pages" "$tmp/$page.pdf" | grep -c '841.92 x 594.96 pts')
	echo "$page.pdf: $pages page(s), $landscape A4 landscape"
	[ "$landscape" = "$pages" ] || { echo "$page.pdf: a sheet is not A4 landscape"; fail=1; }
	case $page in
	*-hub) [ "$pages" = 1 ] || { echo "$page.pdf prints on $pages sheets, not one"; fail=1; } ;;
	trust) [ "$pages" -le 2 ] || { echo "$page.pdf prints on $pages sheets, not two"; fail=1; } ;;
	esac
	sizes=$(pdftohtml -q -xml -i -zoom 3 -stdout "$tmp/$page.pdf" |
		sed -n 's/.*<fontspec [^>]*size="\([0-9]*\)".*/\1/p' | sort -n | uniq | tr '\n' ' ')
	echo "$page.pdf: font sizes (thirds of a point): $sizes"
	[ -n "$sizes" ] || { echo "$page.pdf: no fonts found"; fail=1; }
	for s in $sizes; do
		[ "$s" -ge 21 ] || { echo "$page.pdf: text at $s thirds of a point, under 7pt"; fail=1; }
	done
	pdftotext -bbox "$tmp/$page.pdf" - | awk -f "$(dirname "$0")/overlap.awk" || fail=1
	pdftotext -raw "$tmp/$page.pdf" - | tr -s ' \n' '  ' >"$tmp/$page.txt"
	grep -q "Page 1 of $pages" "$tmp/$page.txt" || { echo "$page.pdf: sheets not numbered"; fail=1; }
	for words in "Spring 2024 census" "Where to focus the CPD offer" "Trend" "National (January 2024; need January 2023)"; do
		grep -qF "$words" "$tmp/$page.txt" || { echo "$page.pdf lacks '$words'"; fail=1; }
	done
done
for page in tor-hub close-hub; do
	HOME="$tmp/home" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--user-data-dir="$tmp/home/$page" --no-pdf-header-footer \
		--print-to-pdf="$tmp/$page.pdf" "file://$tmp/more/$page.html" >"$tmp/chromium.log" 2>&1
	[ -s "$tmp/$page.pdf" ] || { echo "chromium wrote no PDF of $page.html"; exit 1; }
	pdftotext -bbox "$tmp/$page.pdf" - | awk -f "$(dirname "$0")/overlap.awk" ||
		{ echo "$page.pdf: words print over one another"; fail=1; }
done
# Each hub's schools, named whole on its sheet.
for school in "Holy Trinity CE Primary School" "St Mary's CE Primary School" \
	"St Aldhelm's CE Primary School, Doulting"; do
	grep -qF "$school" "$tmp/mendip-hub.txt" || { echo "mendip-hub.pdf lacks $school"; fail=1; }
done
for school in "Oakfield Primary School" "Hazelmead Infant School"; do
	grep -qF "$school" "$tmp/weston-hub.txt" || { echo "weston-hub.pdf lacks $school"; fail=1; }
done
for k in 1 2 3; do
	for school in "Holy Trinity CE Primary School ($k)" "St Mary's CE Primary School ($k)" \
		"St Aldhelm's CE Primary School ($k), Doulting" "Oakfield Primary School ($k)" \
		"Hazelmead Infant School ($k)"; do
		grep -qF "$school" "$tmp/quantock-hub.txt" || { echo "quantock-hub.pdf lacks $school"; fail=1; }
	done
done
for school in "Westover Green Community School and Autism Centre" \
	"St Cuthbert's Church of England Academy Infants and Pre-School" \
	"Draycott & Rodney Stoke Church of England First School"; do
	grep -qF "$school" "$tmp/somerset-hub.txt" || { echo "somerset-hub.pdf lacks $school"; fail=1; }
done
grep -qF "No strategy: Hazelmead Infant School." "$tmp/weston-hub.txt" ||
	{ echo "weston-hub.pdf does not say that Hazelmead has no strategy"; fail=1; }
grep -qF "No strategy and no review: Holy Trinity CE Primary School (1) of the Brendon Hills;" \
	"$tmp/brendon-hub.txt" || { echo "brendon-hub.pdf does not name the schools missing both"; fail=1; }
# SK_SCREENSHOT=DIR keeps the PDFs, to look at.
if [ -n "${SK_SCREENSHOT:-}" ]; then cp "$tmp"/*.pdf "$SK_SCREENSHOT/"; fi
exit $fail
