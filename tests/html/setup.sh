# Sourced by the print tests: finds headless Chromium and poppler-utils (exit
# 77, skipped, without them), makes $tmp (removed on exit), enters the
# source folder and puts the built commands first on PATH. Needs $1 BIN_DIR
# and $2 SOURCE_DIR; sets bin_dir, src_dir, chromium and tmp.
bin_dir=$1 src_dir=$2
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
	echo "chromium not found: skipped"; exit 77; }
for tool in pdfinfo pdftotext pdftohtml; do
	command -v $tool >/dev/null || { echo "$tool (poppler-utils) not found: skipped"; exit 77; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$src_dir" || exit 2
export PATH="$bin_dir:$PATH" NO_COLOR=1
