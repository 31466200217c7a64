#!/bin/sh
# Renders nutshell's HTML in headless Chromium and checks the PDF it prints:
# A4, no text under 9pt (the font sizes poppler reads from the PDF) and no
# line-height under 1.1, no words printed over one another, every sheet
# numbered; each example school on one sheet with 4mm to spare, hub, LA and
# trust beside national (see nutshell(1), PRINTING), the next reviews marked
# in its plan; --full adding the whole strategy on A4 landscape sheets; a long
# strategy flowing onto further sheets with every action title printed whole
# and the heading of the area a sheet's first row belongs to repeated above
# it; and the page self-contained: no scripts, nothing loaded from the network.
#
#   print.sh BIN_DIR SOURCE_DIR
#
# Exit 77 (skipped) without chromium or poppler-utils.
set -u
. "$(dirname "$0")/setup.sh"

# The fullest page: census summary (two terms) piped in, every section filled.
census-summary --hubs examples/census/hubs.csv --by school,hub,la,all -f csv \
	examples/census/autumn-2023.csv examples/census/spring-2024.csv >"$tmp/summary.csv" || exit 1
examples=
for yaml in examples/strategy/*.yaml; do
	name=$(basename "$yaml" .yaml)
	examples="$examples $name"
	# St Mary's has findings (exit 1), and its page is written all the same.
	nutshell --census "$tmp/summary.csv" --as-of 2024-03-01 -o "$tmp/$name.html" "$yaml" \
		2>"$tmp/$name.err"
	[ $? -le 1 ] && [ -s "$tmp/$name.html" ] || { cat "$tmp/$name.err"; exit 1; }
done
[ "$examples" = " holy-trinity-2023-24 oakfield-2024-25 st-aldhelms-2023-24 st-marys-2023-24" ] ||
	{ echo "the examples are$examples, not the four print.sh knows"; exit 1; }
# Fifty actions: the same type size, on as many sheets as they need.
# (exit 1: action-lint's errors in it are counted, strategy-incomplete; 2 is a failure)
nutshell --census "$tmp/summary.csv" --as-of 2024-03-01 -o "$tmp/long.html" \
	tests/html/long-strategy.yaml
[ $? -le 1 ] || exit 1
# --full: the profile, then the whole strategy on A4 landscape sheets.
nutshell --full --as-of 2024-03-01 -o "$tmp/full.html" \
	examples/strategy/holy-trinity-2023-24.yaml || exit 1

fail=0
if grep -qi '<script' "$tmp"/*.html; then
	echo "the page has a script"; fail=1
fi
# Anything fetched: src=, href= or url() that is not a fragment or data.
if grep -Eio '(src|href)="[^"#][^"]*"|url\([^#)][^)]*\)|@import' "$tmp"/*.html; then
	echo "the page loads something"; fail=1
fi
if grep -Eio 'https?://' "$tmp"/*.html; then
	echo "the page names a network address"; fail=1
fi

# Exactly, as written: no CSS size under 9pt, no chart type under 12 pixels (9pt
# when a chart is drawn at its own size, as nutshell draws them).
if grep -Eo 'font(-size)?:[0-9.]+pt' "$tmp"/*.html | grep -Ev ':(9|9\.[0-9]+|[1-9][0-9]+(\.[0-9]+)?)pt$'; then
	echo "the page sets type under 9pt"; fail=1
fi
if grep -Eo 'font-size="[0-9.]+"' "$tmp"/*.html | grep -Ev '"(1[2-9]|[2-9][0-9])(\.[0-9]+)?"$'; then
	echo "a chart sets type under 12 pixels"; fail=1
fi
if grep -Eo 'line-height:[0-9.]+' "$tmp"/*.html | awk -F: '$NF < 1.1' | grep .; then
	echo "the page sets lines closer than 1.1"; fail=1
fi
if ! grep -q '<svg width="[0-9]*" height="[0-9]*" viewBox="0 0 ' "$tmp"/*.html; then
	echo "a chart is not drawn at its own size"; fail=1
fi

# As root (CI containers) Chromium needs --no-sandbox; a profile of its own
# keeps it from the user's; timeout stops a hung browser.
mkdir -p "$tmp/home"
run_chromium() {
	HOME="$tmp/home" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--user-data-dir="$tmp/home/profile" "$@" >"$tmp/chromium.log" 2>&1
}
# A school on one sheet keeps room to spare, as fonts differ between machines:
# from the lowest text of the sheet (poppler's word boxes, in points from the
# top) to the content's bottom, the A4 sheet (841.92pt) less render_html.c's
# 10mm bottom margin, where the sheet's number is printed below.
min_spare_mm=4
spare_check() {
	spare=$(pdftotext -f 1 -l 1 -bbox "$tmp/$1.pdf" - | awk -v bottom=813.57 '
		/<word / && match($0, /yMax="[0-9.]+"/) {
			y = substr($0, RSTART + 6, RLENGTH - 7) + 0
			if (y <= bottom && y > low) low = y
		}
		END { if (low > 0) printf "%.1f", (bottom - low) * 25.4 / 72 }')
	echo "$1.pdf: ${spare:-no text} mm to spare on its sheet"
	awk -v s="${spare:-0}" -v m=$min_spare_mm 'BEGIN { exit !(s >= m) }' ||
		{ echo "$1.pdf: under ${min_spare_mm}mm to spare on its one sheet"; fail=1; }
}
for page in $examples long full; do
	run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/$page.pdf" "file://$tmp/$page.html"
	if [ ! -s "$tmp/$page.pdf" ]; then
		echo "chromium wrote no PDF of $page.html:"; cat "$tmp/chromium.log"; exit 1
	fi
	pages=$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Pages: *//p')
	size=$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Page size: *//p')
	echo "$page.pdf: $pages page(s), $size"
	case $page in
	long) [ "$pages" -ge 2 ] || { echo "$page.html prints on $pages page, not 2 or more"; fail=1; } ;;
	full)
		landscape=$(pdfinfo -f 1 -l "$pages" "$tmp/$page.pdf" | grep -c '841.92 x 594.96 pts')
		echo "$page.pdf: $landscape landscape page(s)"
		pdfinfo -f 1 -l 1 "$tmp/$page.pdf" | grep -q 'Page *1 size: *594.96 x 841.92' ||
			{ echo "$page.pdf: the profile is not on a portrait sheet"; fail=1; }
		[ "$landscape" -ge 1 ] || { echo "$page.pdf: the strategy has no landscape sheet"; fail=1; }
		;;
	*) [ "$pages" = 1 ] || { echo "$page.html prints on $pages pages, not 1"; fail=1; }
		spare_check "$page" ;;
	esac
	pdftotext -bbox "$tmp/$page.pdf" - | awk -f "$(dirname "$0")/overlap.awk" || fail=1
	# Font sizes at three times the scale (poppler's most), rounded to a whole
	# number: 9pt reads 27, and any text under 8.84pt would read 26 or less.
	sizes=$(pdftohtml -q -xml -i -zoom 3 -stdout "$tmp/$page.pdf" |
		sed -n 's/.*<fontspec [^>]*size="\([0-9]*\)".*/\1/p' | sort -n | uniq | tr '\n' ' ')
	echo "$page.pdf: font sizes (thirds of a point): $sizes"
	[ -n "$sizes" ] || { echo "$page.pdf: no fonts found"; fail=1; }
	for s in $sizes; do
		[ "$s" -ge 27 ] || { echo "$page.pdf: text at $s thirds of a point, under 9pt"; fail=1; }
	done
	n=1
	while [ "$n" -le "$pages" ]; do
		pdftotext -raw -f $n -l $n "$tmp/$page.pdf" - | tr -s ' \n' '  ' >"$tmp/$page.$n.txt"
		grep -q "Page $n of $pages" "$tmp/$page.$n.txt" ||
			{ echo "$page.pdf: page $n does not say 'Page $n of $pages'"; fail=1; }
		# The long strategy's first row on a sheet has its area's heading above it.
		if [ $page = long ]; then
			first=$(grep -o 'Action [0-9][0-9], [a-zA-Z ,-]* for the [a-z]*' "$tmp/$page.$n.txt" |
				head -n 1 | sed 's/.* for the //')
			case $first in
			leadership) area=Leadership ;;
			identification) area=Identification ;;
			tracking) area='Tracking and Monitoring Progress' ;;
			teaching) area='High Quality Teaching and Intervention' ;;
			developing) area='Developing Provision' ;;
			*) area='no row' ;;
			esac
			sed 's/ Action [0-9][0-9], .*//' "$tmp/$page.$n.txt" | grep -q "$area Lead When Cost\$" ||
				{ echo "$page.pdf: page $n's first row ($first) is not under its area's heading"; fail=1; }
		fi
		if grep -q 'Term 3:' "$tmp/$page.$n.txt" &&
			! grep -q 'Action Steps Lead Timescale Cost Success criteria' "$tmp/$page.$n.txt"; then
			echo "$page.pdf: page $n has strategy rows but not their headings"; fail=1
		fi
		n=$((n + 1))
	done
	case $size in
	*"(A4)"*) ;;
	*) echo "$page.html is not printed on A4: $size"; fail=1 ;;
	esac
	# SK_SCREENSHOT=DIR keeps a picture of each page and its PDF, to look at.
	if [ -n "${SK_SCREENSHOT:-}" ]; then
		cp "$tmp/$page.pdf" "$SK_SCREENSHOT/$page.pdf"
		run_chromium --hide-scrollbars --window-size=1240,1754 \
			--screenshot="$SK_SCREENSHOT/$page.png" "file://$tmp/$page.html"
	fi
done
# Holy Trinity's next reviews (9 dates from 1 March 2024, the first 3 shown)
# are marked in its plan, after the key to the mark.
pdftotext -raw "$tmp/holy-trinity-2023-24.pdf" - | tr -s ' \n' '  ' >"$tmp/ht.txt"
for want in 'next review (the next 3 of 9 dates from 1 March 2024)' \
	'Autumn 2023 ↻ 15 March 2024' 'termly ↻ 22 March 2024' '22 March 2024 ↻ 27 March 2024'; do
	grep -qF "$want" "$tmp/ht.txt" || { echo "holy-trinity-2023-24.pdf lacks '$want'"; fail=1; }
done
# The full strategy has every action of the example, each with its steps.
pdftotext -raw "$tmp/full.pdf" - | tr -s ' \n' '  ' >"$tmp/full.txt"
n=$(grep -o 'Term 3:' "$tmp/full.txt" | wc -l)
[ "$n" = 14 ] || { echo "full.pdf has $n actions' impact at term 3, not 14"; fail=1; }
grep -qF 'Visit dates agreed in the governors' "$tmp/full.txt" ||
	{ echo "full.pdf lacks the first action's steps"; fail=1; }

# Every action title of the long strategy is printed whole (nothing clipped or cut
# between sheets).
pdftotext -raw "$tmp/long.pdf" - | tr -s ' \n' '  ' >"$tmp/long.txt"
titles=0
sed -n 's/^ *- action: //p' tests/html/long-strategy.yaml >"$tmp/titles"
while IFS= read -r title; do
	titles=$((titles + 1))
	grep -qF "$title" "$tmp/long.txt" || { echo "long.pdf lacks the action '$title'"; fail=1; }
done <"$tmp/titles"
[ "$titles" = 50 ] || { echo "long-strategy.yaml has $titles actions, not 50"; fail=1; }
exit $fail
