# overlap.awk: reads pdftotext -bbox output and names the words that print
# over one another on a sheet (exit 1), as a long word or close chart labels would.
# Lines set close (line-height 1.05) have boxes that touch: over only when
# they share more than half the lower word's height.
function over(b, d, y0, y1,   lo, hi, h) {
	lo = b > y0 ? b : y0; hi = d < y1 ? d : y1; h = d - b < y1 - y0 ? d - b : y1 - y0
	return hi - lo > h / 2
}
/<page / { np++; n = 0 }
/<word / {
	w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
	match($0, /xMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /yMin="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /xMax="[0-9.]+"/); c = substr($0, RSTART + 6, RLENGTH - 7) + 0
	match($0, /yMax="[0-9.]+"/); d = substr($0, RSTART + 6, RLENGTH - 7) + 0
	for (i = 0; i < n; i++)
		if (a < X1[i] - 0.5 && X0[i] < c - 0.5 && over(b, d, Y0[i], Y1[i])) {
			printf "sheet %d: \"%s\" prints over \"%s\"\n", np, w, W[i]; bad = 1
		}
	W[n] = w; X0[n] = a; Y0[n] = b; X1[n] = c; Y1[n] = d; n++
}
END { exit bad }
