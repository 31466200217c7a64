#!/bin/sh
# Renders nutshell's HTML for the example school in headless Chromium and
# checks that it prints on exactly one A4 page, and that the page is
# self-contained: no scripts, nothing loaded from the network.
#
#   print.sh BIN_DIR SOURCE_DIR
#
# Exit 77 (skipped) without chromium or pdfinfo (poppler-utils).
set -u
bin_dir=$1 src_dir=$2
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
	echo "chromium not found: skipped"; exit 77; }
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) not found: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$src_dir" || exit 2
export PATH="$bin_dir:$PATH" NO_COLOR=1

# The fullest page: census summary (two terms) piped in, every section filled.
census-summary --hubs examples/census/hubs.csv -f csv examples/census/autumn-2023.csv \
	examples/census/spring-2024.csv >"$tmp/summary.csv" || exit 1
nutshell --census "$tmp/summary.csv" --as-of 2024-03-01 -o "$tmp/profile.html" \
	examples/strategy/holy-trinity-2023-24.yaml || exit 1
# Three times as many actions: printed smaller, still on one sheet.
nutshell --census "$tmp/summary.csv" --as-of 2024-03-01 -o "$tmp/long.html" \
	tests/html/long-strategy.yaml || exit 1

fail=0
if grep -qi '<script' "$tmp/profile.html" "$tmp/long.html"; then
	echo "the page has a script"; fail=1
fi
# Anything fetched: src=, href= or url() that is not a fragment or data.
if grep -Eio '(src|href)="[^"#][^"]*"|url\([^#)][^)]*\)|@import' "$tmp/profile.html" "$tmp/long.html"; then
	echo "the page loads something"; fail=1
fi
if grep -Eio 'https?://' "$tmp/profile.html" "$tmp/long.html"; then
	echo "the page names a network address"; fail=1
fi

# As root (CI containers) Chromium needs --no-sandbox; a profile of its own
# keeps it from the user's; timeout stops a hung browser.
mkdir -p "$tmp/home"
run_chromium() {
	HOME="$tmp/home" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --no-default-browser-check \
		--user-data-dir="$tmp/home/profile" "$@" >"$tmp/chromium.log" 2>&1
}
for page in profile long; do
	run_chromium --no-pdf-header-footer --print-to-pdf="$tmp/$page.pdf" "file://$tmp/$page.html"
	if [ ! -s "$tmp/$page.pdf" ]; then
		echo "chromium wrote no PDF of $page.html:"; cat "$tmp/chromium.log"; exit 1
	fi
	pages=$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Pages: *//p')
	size=$(pdfinfo "$tmp/$page.pdf" | sed -n 's/^Page size: *//p')
	echo "$page.pdf: $pages page(s), $size"
	[ "$pages" = 1 ] || { echo "$page.html prints on $pages pages, not one"; fail=1; }
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
exit $fail
