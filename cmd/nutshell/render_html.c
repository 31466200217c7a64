/* The profile as one self-contained HTML page per school: inline CSS, inline
 * SVG bar charts, no scripts, nothing loaded from the network, printed on A4
 * with no type under 9pt. Every chart has a title, a description and its figures as
 * text; national bars are hatched, so colour never carries meaning alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/escape.h"

#include "nutshell.h"

/* The first n bytes of s as HTML text or attribute value: first in the
 * visible form every output uses (sendkit/escape.h: no raw control character,
 * bidirectional override or line break, no "::" line or "##[" command), then
 * with HTML's entities. */
static void esc_n(FILE *out, const char *s, size_t n)
{
	char *vis = NULL;
	size_t len = 0;
	FILE *mem = s ? open_memstream(&vis, &len) : NULL;
	if (!mem)
		return;
	int rc = sk_escape_write_visible(mem, s, n);
	if (fclose(mem) != 0 || rc != SK_OK) {
		free(vis);
		fputs("(out of memory)", out);
		return;
	}
	for (const char *c = vis; *c; c++) {
		switch (*c) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(*c, out);
		}
	}
	free(vis);
}

/* Each line of s escaped, the line breaks (LF, CRLF or CR) between them
 * written as `brk`. */
static void esc_split(FILE *out, const char *s, const char *brk)
{
	if (!s)
		return;
	for (;;) {
		size_t n = strcspn(s, "\r\n");
		esc_n(out, s, n);
		s += n;
		if (!*s)
			return;
		s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
		fputs(brk, out);
	}
}

/* A value where a line break cannot go (the title, an attribute, a table's
 * row heading): its lines joined by a space. */
static void esc(FILE *out, const char *s)
{
	esc_split(out, s, " ");
}

/* A value from a file as page text: a line break as <br>. */
static void esc_lines(FILE *out, const char *s)
{
	esc_split(out, s, "<br>");
}

/* Escaped text, or an italic "missing". */
static void text_or_missing(FILE *out, const char *s)
{
	if (nut_value_set(s))
		esc_lines(out, s);
	else
		fputs("<span class=\"missing\">missing</span>", out);
}

/* Every size is at least 9pt as printed; a long page flows onto the next sheet
 * whole row by whole row, table headings repeated, each sheet numbered. */
static const char css[] =
	"margin:8mm 11mm 10mm;"
	"@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);"
	"font:9pt \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#333}}\n"
	"*{box-sizing:border-box}\n"
	"html{font:9pt/1.25 \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#1b1b1b;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0;background:#fff}\n"
	".sheet{max-width:188mm;margin:0 auto}\n"
	".sheet+.sheet{break-before:page}\n"
	"@media screen{.sheet{padding:8mm 0}}\n"
	"header{border-bottom:2.5px solid #1d4f7c;padding-bottom:1mm;margin-bottom:2mm}\n"
	".kicker{margin:0;font-size:9pt;letter-spacing:.06em;text-transform:uppercase;color:#1d4f7c;"
	"font-weight:bold}\n"
	"h1{font-size:15pt;margin:.3mm 0 .6mm;line-height:1.15}\n"
	".meta{margin:0;color:#333}\n"
	"h2{font-size:11pt;margin:0 0 1.2mm;color:#1d4f7c;border-bottom:1px solid #9fb6cc;"
	"padding-bottom:.3mm;break-after:avoid}\n"
	"h2 small{font-size:9pt}\n"
	"h3{font-size:9.5pt;margin:0 0 .6mm;break-after:avoid}\n"
	"h4{font-size:9pt;margin:0 0 .4mm;break-after:avoid}\n"
	"section{margin:0 0 2.2mm}\n"
	".cols{display:grid;grid-template-columns:1fr 1fr;column-gap:6mm}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"caption{text-align:left;font-weight:bold;padding-bottom:.4mm}\n"
	"th.sub{padding-top:.6mm;color:#123a5c}\n"
	"thead{display:table-header-group}\n"
	"tr,li,.note,svg{break-inside:avoid}\n"
	"th,td{padding:.3mm 1mm;text-align:left;vertical-align:top;border-bottom:.5px solid #c9d3dd}\n"
	"thead th{color:#333;border-bottom:1px solid #6d8aa5}\n"
	"tbody th[scope=row]{white-space:nowrap}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".above{font-weight:bold}\n"
	".missing{font-style:italic;color:#555}\n"
	".note{color:#3a3a3a;margin:.8mm 0 0}\n"
	".caveat{color:#1b1b1b;font-size:9pt;margin:1mm 0 0;padding:.5mm 0 .5mm 1.8mm;"
	"border-left:1mm solid #1b1b1b;break-inside:avoid}\n"
	"svg{display:block;margin-top:1mm}\n"
	"svg text{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif}\n"
	"ol{margin:0;padding-left:4.5mm}\n"
	"li{margin-bottom:.1mm}\n"
	".plan{line-height:1.2;table-layout:fixed}\n"
	".plan thead th{background:#e8eff5;color:#123a5c;border-top:1px solid #9fb6cc}\n"
	".plan thead{break-after:avoid}.plan tbody tr:first-child{break-before:avoid}\n"
	".plan thead th span{float:right;font-weight:normal;margin:0 1.5mm}\n"
	"h2 .sum{float:right;margin-left:4mm}\n"
	".plan col.a{width:50%}.plan col.l{width:24%}.plan col.w{width:16%}.plan col.c{width:10%}\n"
	".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap}\n"
	"h2 .key{font-weight:normal;margin-left:2mm}\n"
	"@page full{size:A4 landscape}\n"
	".full{page:full;break-before:page;max-width:275mm;margin:0 auto}\n"
	"@media screen{.full{padding:8mm 0}}\n"
	".full h3{font-size:10pt;margin:2mm 0 .6mm;color:#123a5c}\n"
	".full h3 span{font-weight:normal;font-size:9pt;margin-left:3mm}\n"
	".full .cols{margin-bottom:1mm;break-inside:avoid;break-after:avoid}\n"
	".act{table-layout:fixed;margin-bottom:1mm}\n"
	".act p{margin:0}\n"
	".act col.a{width:15%}.act col.s{width:17%}.act col.l{width:10%}.act col.w{width:8%}"
	".act col.c{width:6%}.act col.k{width:14%}.act col.r{width:10%}.act col.i{width:20%}\n";

static const char print_css[] =
	/* On paper: DejaVu Sans Condensed (same size, more words a line), tighter
	 * lines and cells, and no figures chart (the table above it holds the same
	 * figures and differences), so that a school fits one sheet. */
	"@media print{html{font-stretch:condensed;line-height:1.1}\n"
	"section{margin:0 0 1.2mm}th,td{padding:0 .8mm}h2{margin-bottom:.5mm}header{margin-bottom:1mm}\n"
	".chart{display:none}.plan{line-height:1.1}\n"
	/* A section's notes one paragraph. */
	".sheet section>.note{display:inline}.sheet section>table{margin-bottom:.6mm}"
	".sheet section>.plan{margin-bottom:0}\n"
	".sheet h2{font-size:10pt}.sheet h2 small{font-weight:normal}\n"
	/* The school's name beside the kicker and the URN, LA, hub and year. */
	".sheet header{display:grid;grid-template-columns:minmax(0,1fr) auto;column-gap:4mm;"
	"align-items:end}\n.sheet .kicker{grid-area:1/2;text-align:right}"
	".sheet h1{grid-area:1/1/span 2;margin:0}.sheet .meta{grid-area:2/2;text-align:right}\n"
	/* The review headlines beside the need chart, the chart's notes and caveat
	 * one paragraph under it (the caveat's "Note:" in bold, as in the
	 * figures' notes). */
	".beside{display:grid;grid-template-columns:min-content minmax(0,1fr);column-gap:3mm}\n"
	".beside .cols{display:block}.beside .cols>div+div{margin-top:1mm}.beside ol{padding-left:3.8mm}\n"
	".beside .need .note,.beside .need .caveat{display:inline}"
	".beside .need .caveat{border:0;padding:0}\n"
	/* A wider action column, and the When column wide enough for a date. */
	".plan col.a{width:55%}.plan col.l{width:25%}.plan col.w{width:14%}.plan col.c{width:6%}\n"
	/* The school's sheets a little nearer the top (the hub's pages and the
	 * strategy in full keep theirs). */
	".sheet{page:school}@page school{margin-top:6mm}}\n";

void nut_html_text(FILE *out, const char *s)
{
	esc(out, s);
}

void nut_html_begin(FILE *out, const char *title, const char *more_css, bool landscape)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>SEND in a Nutshell: ", out);
	esc(out, title ? title : "missing school name");
	fprintf(out, "</title>\n<style>\n@page{size:A4%s;%s%s%s</style>\n</head>\n<body>\n",
		landscape ? " landscape" : "", css, print_css, more_css ? more_css : "");
}

void nut_html_end(FILE *out)
{
	fputs("</body>\n</html>\n", out);
}

/* ---- charts ---- */

static const char *const school_fill = "#1d4f7c";

/* Charts are drawn at their own size, one unit to one CSS pixel, so that
 * their type prints at 9pt (12px) whatever the width of the page. */
#define CHART_TYPE 12

static void chart_defs(FILE *out, int page)
{
	fprintf(out, "<defs><pattern id=\"p%d-hatch\" width=\"4\" height=\"4\" "
		"patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		"<rect width=\"4\" height=\"4\" fill=\"#fff\"/>"
		"<rect width=\"1.6\" height=\"4\" fill=\"#8a8a8a\"/></pattern></defs>\n", page);
}

/* national NULL: no national figures of the school's year, none drawn. */
static void legend(FILE *out, int page, double y, const char *national)
{
	fprintf(out, "<g font-size=\"%d\"><rect x=\"0\" y=\"%.1f\" width=\"13\" height=\"9\" "
		"fill=\"%s\"/><text x=\"17\" y=\"%.1f\">School</text>", CHART_TYPE, y,
		school_fill, y + 8.5);
	if (national) {
		fprintf(out, "<rect x=\"72\" y=\"%.1f\" width=\"13\" height=\"9\" "
			"fill=\"url(#p%d-hatch)\" stroke=\"#444\" stroke-width=\".6\"/>"
			"<text x=\"89\" y=\"%.1f\">", y, page, y + 8.5);
		esc(out, national);
		fputs("</text>", out);
	}
	fputs("</g>\n", out);
}

/* Rounds the largest value up to a multiple of 5 points so bars have room. */
static double scale_max(const int64_t *v, size_t n)
{
	int64_t max = 50;
	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	return (double)((max + 49) / 50 * 50);
}

/* One bar; a value that is not known is not drawn. Returns its length. */
static double bar_only(FILE *out, int page, double x, double y, double h, double len_max, sk_value v,
		       double max, bool national)
{
	double len = v.state == SK_VALUE_KNOWN ? (double)v.value / max * len_max : 0;
	if (len <= 0)
		return 0;
	if (national)
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			"fill=\"url(#p%d-hatch)\" stroke=\"#444\" stroke-width=\".6\"/>",
			x, y, len, h, page);
	else
		fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			"fill=\"%s\"/>", x, y, len, h, school_fill);
	return len;
}

/* A value as chart text: "12.6%", or why there is none. */
static void value_text(FILE *out, double x, double y, const char *anchor, sk_value v,
		       bool national, bool bold)
{
	char buf[32];
	const char *t = nut_pct_text(buf, sizeof(buf), v, false);
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s>%s%s"
		"</text>\n", x, y, CHART_TYPE, anchor, bold ? " font-weight=\"bold\"" : "",
		t ? t : national ? "not known" : nut_missing_word(v), t ? "%" : "");
}

/* One bar with its value at its end. */
static void bar(FILE *out, int page, double x, double y, double h, double len_max, sk_value v,
		double max, bool national)
{
	double len = bar_only(out, page, x, y, h, len_max, v, max, national);
	value_text(out, x + len + 3, y + h - .5, "start", v, national, false);
}

static void figures_chart(FILE *out, int page, const nut_profile *p)
{
	int64_t v[SK_MEASURE_COUNT * 2];
	size_t n = 0;
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		if (p->fig[m].pct.state == SK_VALUE_KNOWN)
			v[n++] = p->fig[m].pct.value;
		if (p->fig[m].national_pct.state == SK_VALUE_KNOWN)
			v[n++] = p->fig[m].national_pct.value;
	}
	double max = scale_max(v, n), height = 20 + SK_MEASURE_COUNT * 26;
	char nat[64], a[32], b[32];
	snprintf(nat, sizeof(nat), p->nat ? "National, January %d" : "National",
		 p->nat ? p->nat->year : 0);
	fprintf(out, "<svg width=\"340\" height=\"%.0f\" viewBox=\"0 0 340 %.0f\" role=\"img\" "
		"aria-labelledby=\"p%d-c1t p%d-c1d\"><title id=\"p%d-c1t\">Pupils with SEN: school "
		"beside national, percentage of pupils on roll</title><desc id=\"p%d-c1d\">", height,
		height, page, page, page, page);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *f = &p->fig[m];
		const char *s = nut_pct_text(a, sizeof(a), f->pct, false);
		const char *t = nut_pct_text(b, sizeof(b), f->national_pct, false);
		/* A suppressed count's percentage is "suppressed", as in the table. */
		sk_value why = f->count.state != SK_VALUE_KNOWN ? f->count : f->pct;
		fprintf(out, "%s: school %s%s, national %s%s", sk_measure_label(f->measure),
			s ? s : nut_missing_word(why), s ? "%" : "", t ? t : "not known",
			t ? "%" : "");
		if (f->diff.state == SK_VALUE_KNOWN && f->diff.value == 0) {
			fputs(", the same as national", out);
		} else if (f->diff.state == SK_VALUE_KNOWN) {
			sk_value mag = {SK_VALUE_KNOWN, f->diff.value < 0 ? -f->diff.value : f->diff.value};
			fprintf(out, ", %s points %s", nut_pct_text(a, sizeof(a), mag, false),
				nut_comparison(f->diff));
		}
		fputs(". ", out);
	}
	fputs("</desc>\n", out);
	chart_defs(out, page);
	legend(out, page, 0, p->nat ? nat : NULL);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *f = &p->fig[m];
		double y = 20 + m * 26;
		fprintf(out, "<text x=\"0\" y=\"%.1f\" font-size=\"%d\">%s</text>\n", y + 14.5,
			CHART_TYPE, sk_measure_label(f->measure));
		bar(out, page, 92, y + 2, 10, 180, f->pct, max, false);
		bar(out, page, 92, y + 13, 10, 180, f->national_pct, max, true);
	}
	fputs("</svg>\n", out);
}

/* The need chart's width, its bars' longest and the right edge of the school's
 * values: as narrow as its labels and values allow, so that on paper the review
 * headlines have room beside it. */
#define NEED_W 410
#define NEED_BAR 70
#define NEED_SCHOOL_X 352

static void need_chart(FILE *out, int page, const nut_profile *p)
{
	int64_t v[NUT_NEEDS * 2];
	size_t n = 0;
	for (int i = 0; i < NUT_NEEDS; i++) {
		if (p->need[i].share.state == SK_VALUE_KNOWN)
			v[n++] = p->need[i].share.value;
		if (p->need[i].national_share.state == SK_VALUE_KNOWN)
			v[n++] = p->need[i].national_share.value;
	}
	double max = scale_max(v, n), row = 13, height = 16 + NUT_NEEDS * row;
	char nat[64], a[32], b[32], c[32];
	snprintf(nat, sizeof(nat), p->nat_need ? "National, January %d" : "National",
		 p->nat_need ? p->nat_need->year : 0);
	fprintf(out, "<svg width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" role=\"img\" "
		"aria-labelledby=\"p%d-c2t p%d-c2d\"><title id=\"p%d-c2t\">Primary need: share of "
		"pupils with SEN, school beside national</title><desc id=\"p%d-c2d\">", NEED_W, height,
		NEED_W, height, page, page, page, page);
	for (int i = 0; i < NUT_NEEDS; i++) {
		const nut_share *s = &p->need[i];
		const char *cnt = nut_count_text(a, sizeof(a), s->count);
		const char *sh = nut_pct_text(b, sizeof(b), s->share, false);
		const char *ns = nut_pct_text(c, sizeof(c), s->national_share, false);
		esc(out, s->label);
		bool one = s->count.state == SK_VALUE_KNOWN && s->count.value == 1;
		if (cnt)
			fprintf(out, ": %s pupil%s", cnt, one ? "" : "s");
		else
			fprintf(out, ": pupils: %s", nut_missing_word(s->count));
		fprintf(out, " (%s%s), national %s%s. ", sh ? sh : "share not known", sh ? "%" : "",
			ns ? ns : "not known", ns ? "%" : "");
	}
	fputs("</desc>\n", out);
	chart_defs(out, page);
	legend(out, page, 0, p->nat_need ? nat : NULL);
	fprintf(out, "<g font-size=\"%d\" text-anchor=\"end\"><text x=\"%d\" y=\"8.5\">School"
		"</text>", CHART_TYPE, NEED_SCHOOL_X);
	if (p->nat_need)
		fprintf(out, "<text x=\"%d\" y=\"8.5\">National</text>", NEED_W);
	fputs("</g>\n", out);
	/* Values in two columns at the right, so the bars can be short and close. */
	for (int i = 0; i < NUT_NEEDS; i++) {
		const nut_share *s = &p->need[i];
		double y = 14 + i * row;
		fprintf(out, "<g><title>");
		esc(out, s->label);
		fprintf(out, "</title><text x=\"232\" y=\"%.1f\" font-size=\"%d\" "
			"text-anchor=\"end\">", y + 11, CHART_TYPE);
		esc(out, s->label);
		fputs("</text>", out);
		bar_only(out, page, 238, y + 1.5, 6, NEED_BAR, s->share, max, false);
		bar_only(out, page, 238, y + 7.5, 5, NEED_BAR, s->national_share, max, true);
		value_text(out, NEED_SCHOOL_X, y + 11, "end", s->share, false, true);
		if (p->nat_need)
			value_text(out, NEED_W, y + 11, "end", s->national_share, true, false);
		fputs("</g>\n", out);
	}
	fputs("</svg>\n", out);
}

/* ---- sections ---- */

static void header(FILE *out, int page, const nut_profile *p)
{
	fprintf(out, "<header>\n<p class=\"kicker\">SEND in a Nutshell%s%s</p>\n<h1 id=\"p%d-h\">",
		p->year[0] ? " &middot; " : "", p->year, page);
	text_or_missing(out, p->name);
	fputs("</h1>\n<p class=\"meta\">URN ", out);
	text_or_missing(out, p->urn);
	fputs(" &middot; Local authority ", out);
	text_or_missing(out, p->la);
	fputs(" &middot; Hub ", out);
	text_or_missing(out, p->hub);
	fputs(" &middot; Year ", out);
	text_or_missing(out, p->year);
	fputs("</p>\n</header>\n", out);
}

/* A caveat a governor must read (figures of another year, or none of the
 * year): body size and colour, marked by a rule that prints in black and white. */
static void caveat(FILE *out, const char *note)
{
	if (!note)
		return;
	fputs("<p class=\"caveat\"><strong>Note:</strong> ", out);
	esc(out, note);
	fputs(".</p>\n", out);
}

static void counts_source(FILE *out, const nut_profile *p)
{
	char buf[512];
	fputs("<p class=\"note\">", out);
	esc(out, nut_counts_source(buf, sizeof(buf), p));
	fputs(" Percentages are of pupils on roll; differences in percentage points (pts).", out);
	/* In the same paragraph, so the page still prints on one sheet. */
	if (nut_small_note(p)) {
		fputs(" <strong>Note:</strong> ", out);
		esc(out, nut_small_note(p));
		fputs(".", out);
	}
	fputs("</p>\n", out);
	caveat(out, nut_other_census_text(buf, sizeof(buf), p));
}

static void cell_num(FILE *out, const char *text, const char *why)
{
	fputs("<td class=\"n\">", out);
	if (text)
		esc(out, text);
	else
		fprintf(out, "<span class=\"missing\">%s</span>", why);
	fputs("</td>", out);
}

static void change(FILE *out, const nut_profile *p)
{
	char buf[512], term[64];
	if (!nut_change_text(buf, sizeof(buf), p))
		return;
	fputs("<p class=\"note\"><strong>Change since ", out);
	esc(out, nut_previous_term(term, sizeof(term), p));
	fputs(":</strong> ", out);
	esc(out, buf);
	fputs(".</p>\n", out);
}

/* The hub's, LA's and trust's headings and cells, beside the school's. */
static void group_heads(FILE *out, const nut_profile *p)
{
	for (int g = 0; g < NUT_GROUPS; g++)
		if (p->group[g].present)
			fprintf(out, "<th scope=\"col\" class=\"n\">%s</th>", p->group[g].title);
}

static void pct_cell(FILE *out, sk_value v, const char *why)
{
	char b[32];
	const char *t = nut_pct_text(b, sizeof(b), v, false);
	if (t)
		strcat(b, "%");
	cell_num(out, t, why);
}

static void group_cells(FILE *out, const nut_profile *p, int part, int index)
{
	for (int g = 0; g < NUT_GROUPS; g++) {
		const sk_counts *c = &p->group[g].counts;
		if (!p->group[g].present)
			continue;
		pct_cell(out, part == NUT_PART_ROLL ? sk_profile_pct(c, (sk_measure)index)
			 : sk_profile_broad_share(c, (sk_broad_area)index), "-");
	}
}

/* The broad areas of need as rows of the figures' table, under a heading of
 * their own (their shares are of pupils with SEN, not of pupils on roll). */
static void broad_rows(FILE *out, const nut_profile *p)
{
	char a[32], b[32], c[32];
	int cols = 5;
	for (int g = 0; g < NUT_GROUPS; g++)
		cols += p->group[g].present;
	fprintf(out, "<tbody>\n<tr><th colspan=\"%d\" scope=\"rowgroup\" class=\"sub\">"
		"By broad area of need: share of pupils with SEN", cols);
	if (nut_national_year_of(p, NUT_PART_BROAD))
		fprintf(out, " (national: January %d)", nut_national_year_of(p, NUT_PART_BROAD));
	fputs("</th></tr>\n", out);
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		const nut_share *s = &p->broad[i];
		fputs("<tr><th scope=\"row\">", out);
		esc(out, s->label);
		fputs("</th>", out);
		cell_num(out, nut_count_text(a, sizeof(a), s->count), nut_missing_word(s->count));
		const char *sh = nut_pct_text(b, sizeof(b), s->share, false);
		if (sh)
			strcat(b, "%");
		cell_num(out, sh, "-");
		group_cells(out, p, NUT_PART_BROAD, i);
		const char *ns = nut_pct_text(c, sizeof(c), s->national_share, false);
		if (ns)
			strcat(c, "%");
		cell_num(out, ns, "not known");
		fputs("<td></td></tr>\n", out);
	}
	fputs("</tbody>\n", out);
}

static void figures(FILE *out, int page, const nut_profile *p)
{
	char a[32], b[32], c[32], d[32];
	bool no_pupils = p->on_roll.state == SK_VALUE_KNOWN && p->on_roll.value == 0;
	fprintf(out, "<section aria-labelledby=\"p%d-s1\">\n<h2 id=\"p%d-s1\">Pupils and SEN</h2>\n"
		"<table>\n<thead><tr><th scope=\"col\">Pupils</th><th scope=\"col\" class=\"n\">"
		"Number</th><th scope=\"col\" class=\"n\">School</th>", page, page);
	group_heads(out, p);
	fputs("<th scope=\"col\" class=\"n\">National</th><th scope=\"col\">Difference</th>"
	      "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">On roll</th>", out);
	cell_num(out, nut_count_text(a, sizeof(a), p->on_roll), nut_missing_word(p->on_roll));
	for (int g = 0; g < NUT_GROUPS; g++)
		if (p->group[g].present)
			fputs("<td></td>", out);
	fputs("<td></td><td></td><td></td></tr>\n", out);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *f = &p->fig[m];
		fprintf(out, "<tr><th scope=\"row\">%s</th>", sk_measure_label(f->measure));
		cell_num(out, nut_count_text(a, sizeof(a), f->count), nut_missing_word(f->count));
		const char *pct = nut_pct_text(b, sizeof(b), f->pct, false);
		if (pct)
			strcat(b, "%");
		cell_num(out, pct, no_pupils || f->over_roll ? "n/a" : nut_missing_word(f->pct));
		group_cells(out, p, NUT_PART_ROLL, m);
		const char *nat = nut_pct_text(c, sizeof(c), f->national_pct, false);
		if (nat)
			strcat(c, "%");
		cell_num(out, nat, "not known");
		if (f->diff.state == SK_VALUE_KNOWN)
			fprintf(out, "<td%s>%s pts, %s</td></tr>\n",
				f->diff.value > 0 ? " class=\"above\"" : "",
				nut_pct_text(d, sizeof(d), f->diff, true), nut_comparison(f->diff));
		else
			fputs("<td></td></tr>\n", out);
	}
	fputs("</tbody>\n", out);
	if (p->row && p->has_need)
		broad_rows(out, p);
	fputs("</table>\n", out);
	if (no_pupils)
		fputs("<p class=\"note\">No pupils on roll: no percentages can be worked "
		      "out.</p>\n", out);
	counts_source(out, p);
	change(out, p);
	char note[512];
	if (p->has_groups || nut_groups_elsewhere(p)) {
		fputs("<p class=\"note\">", out);
		esc(out, nut_groups_text(note, sizeof(note), p));
		fputs(".</p>\n", out);
	}
	/* Where the national figures of the table and the chart come from, in
	 * the notes' paragraph on paper. */
	if (p->nat) {
		fprintf(out, "<p class=\"note\">National: January %d, ", p->nat->year);
		esc(out, p->nat->source);
		fputs(".</p>\n", out);
	} else if (!nut_national_note(note, sizeof(note), p, p->nat, "figures")) {
		fputs("<p class=\"note\">No national figures are known.</p>\n", out);
	}
	caveat(out, nut_national_note(note, sizeof(note), p, p->nat, "figures"));
	fputs("</section>\n", out);
}

static void figures_chart_section(FILE *out, int page, const nut_profile *p)
{
	fprintf(out, "<section class=\"chart\" aria-labelledby=\"p%d-s2\">\n<h2 id=\"p%d-s2\">School beside "
		"national</h2>\n", page, page);
	figures_chart(out, page, p);
	fputs("</section>\n", out);
}

static void need(FILE *out, int page, const nut_profile *p)
{
	fprintf(out, "<section aria-labelledby=\"p%d-s3\">\n<h2 id=\"p%d-s3\">Profile of need"
		"</h2>\n", page, page);
	if (!p->row || !p->has_need) {
		fputs("<p class=\"missing\">", out);
		esc(out, nut_no_need(p));
		fputs("</p>\n", out);
		fputs("</section>\n", out);
		return;
	}
	fputs("<div class=\"need\">\n", out);
	need_chart(out, page, p);
	fputs("<div>\n", out);
	fputs("<p class=\"note\">Shares are of pupils with SEN.", out);
	if (p->nat_need) {
		fprintf(out, " National: January %d, ", p->nat_need->year);
		esc(out, p->nat_need->need_source);
		fputs(".", out);
	}
	fputs("</p>\n", out);
	char note[256];
	caveat(out, nut_national_note(note, sizeof(note), p, p->nat_need, "figures by need"));
	fputs("</div>\n</div>\n</section>\n", out);
}

/* A numbered list under a heading of `level`; `expected` items or more (0:
 * any number) or a note. */
static void text_list(FILE *out, const char *name, const sk_text_list *l, size_t expected,
		      int level)
{
	fprintf(out, "<div>\n<h%d>%s</h%d>\n", level, name, level);
	size_t shown = 0;
	for (size_t i = 0; i < l->count; i++) {
		const char *item = nut_item_text(l->items[i].s);
		if (!item)
			continue;
		fputs(shown++ ? "<li>" : "<ol>\n<li>", out);
		esc_lines(out, item);
		fputs("</li>\n", out);
	}
	if (shown)
		fputs("</ol>\n", out);
	if (!shown)
		fputs("<p class=\"missing\">missing</p>\n", out);
	else if (shown < expected)
		fprintf(out, "<p class=\"missing\">(%zu of the %zu expected)</p>\n", shown,
			expected);
	fputs("</div>\n", out);
}

/* The next reviews are marked where their actions are: the mark, with words
 * for a screen reader in place of the symbol. */
static void next_mark(FILE *out)
{
	fputs("<span class=\"rv\" aria-hidden=\"true\">&#8635;</span><span class=\"vh\">Next "
	      "review:</span> ", out);
}

/* Under an action's timescale, when its review date is one of the next ones. */
static void next_review(FILE *out, const nut_profile *p, const sk_timed *review)
{
	char iso[11], d[32];
	size_t k = nut_next_index(p, review);
	if (k == p->next_count)
		return;
	sk_date_format(iso, p->next[k].date);
	fputs("<br>", out);
	next_mark(out);
	fprintf(out, "<time datetime=\"%s\">%s</time>%s", iso,
		nut_date_text(d, sizeof(d), p->next[k].date),
		p->next[k].outside_year ? " " NUT_OUTSIDE_YEAR : "");
}

static void headlines(FILE *out, int page, const nut_profile *p)
{
	const sk_strategy *st = p->st;
	fprintf(out, "<section aria-labelledby=\"p%d-s4\">\n<h2 id=\"p%d-s4\">Review headlines",
		page, page);
	char d[NUT_TEXT_MAX];
	const char *when = nut_timed_text(d, sizeof(d), &st->headlines.review_date);
	if (when) {
		fputs(" <small>(", out);
		if (nut_next_index(p, &st->headlines.review_date) < p->next_count)
			next_mark(out);
		fputs("SEND review ", out);
		esc(out, when);
		fputs(")</small>", out);
	}
	fputs("</h2>\n<div class=\"cols\">\n", out);
	text_list(out, "Strengths", &st->headlines.strengths, NUT_HEADLINES, 3);
	text_list(out, "Recommendations", &st->headlines.recommendations, NUT_HEADLINES, 3);
	fputs("</div>\n</section>\n", out);
}

static void action_row(FILE *out, const nut_profile *p, const sk_strategy_action *act)
{
	char money[48];
	fputs("<tr><td>", out);
	text_or_missing(out, act->action.s);
	fputs("</td><td>", out);
	text_or_missing(out, act->lead.s);
	fputs("</td><td>", out);
	char day[NUT_TEXT_MAX];
	text_or_missing(out, nut_timed_text(day, sizeof(day), &act->timescale));
	next_review(out, p, &act->review_date);
	fputs("</td><td class=\"n\">", out);
	if (act->cost.valid) {
		sk_money_format(money, sizeof(money), act->cost.pence);
		esc(out, money);
	} else {
		text_or_missing(out, act->cost.text.s);
	}
	fputs("</td></tr>\n", out);
}

/* The total budget, or why there is none, at the right of the plan's heading
 * (one line fewer on paper than a row under the plan). */
static void plan_total(FILE *out, const nut_profile *p)
{
	char money[48];
	const char *total = nut_money_text(money, sizeof(money), p->total_budget);
	if (total)
		fprintf(out, "<span class=\"sum\">Total budget %s</span>", total);
	else
		fprintf(out, "<span class=\"sum\">Total budget: <span class=\"missing\">%s "
			"(%s)</span></span>", nut_missing_word(p->total_budget),
			nut_total_budget_gap(p));
}

/* One table per area, its heading row (the area, its budget and the column
 * names) the table's head, so that a browser repeats it on each sheet the
 * area's rows reach; a row is never split. */
static void plan(FILE *out, int page, const nut_profile *p)
{
	char money[48], note[80], complete[96], shown[96], d[32];
	fprintf(out, "<section aria-labelledby=\"p%d-s5\">\n<h2 id=\"p%d-s5\">Action plan", page,
		page);
	if (nut_complete_text(complete, sizeof(complete), p))
		fprintf(out, " <small class=\"missing\">(%s)</small>", complete);
	/* The key to the next reviews marked in the plan (and the headlines). */
	fputs(" <small class=\"key\">", out);
	if (p->next_count) {
		fputs("<span class=\"rv\" aria-hidden=\"true\">&#8635;</span> next review ", out);
		fprintf(out, "(%s)", nut_reviews_shown(shown, sizeof(shown), p));
	} else {
		fprintf(out, "(no review due on or after %s)", nut_date_text(d, sizeof(d), p->as_of));
	}
	fputs("</small>", out);
	plan_total(out, p);
	fputs("</h2>\n", out);
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		const char *b = nut_money_text(money, sizeof(money), p->area[a].budget);
		fprintf(out, "<table class=\"plan\">\n<colgroup><col class=\"a\"><col class=\"l\">"
			"<col class=\"w\"><col class=\"c\"></colgroup>\n<thead><tr><th scope=\"col\">"
			"%s<span>Budget %s%s</span></th><th scope=\"col\">Lead</th><th scope=\"col\">"
			"When</th><th scope=\"col\" class=\"n\">Cost</th></tr></thead>\n<tbody>\n",
			sk_area_label((sk_area)a), b ? b : nut_missing_word(p->area[a].budget),
			nut_budget_note(note, sizeof(note), &p->area[a]));
		if (!area->present || !area->action_count)
			fputs("<tr><td colspan=\"4\" class=\"missing\">Missing: no actions</td></tr>\n",
			      out);
		for (size_t i = 0; i < area->action_count; i++)
			action_row(out, p, &area->actions[i]);
		fputs("</tbody>\n</table>\n", out);
	}
	fputs("</section>\n", out);
}

/* ---- the whole strategy (--full), on A4 landscape sheets ---- */

static void field_text(FILE *out, const nut_field *f)
{
	if (f->text)
		esc_lines(out, f->text);
	else
		fprintf(out, "<span class=\"missing\">%s</span>", f->why);
}

static void full_action(FILE *out, const sk_strategy_action *act)
{
	nut_action_full f;
	nut_action_full_fill(&f, act);
	fputs("<tr><td>", out);
	text_or_missing(out, act->action.s);
	fputs("</td>", out);
	for (int k = NUT_F_STEPS; k <= NUT_F_SUCCESS; k++) {
		fputs(k == NUT_F_COST ? "<td class=\"n\">" : "<td>", out);
		field_text(out, &f.field[k]);
		fputs("</td>", out);
	}
	fputs("<td><p>", out);
	field_text(out, &f.field[NUT_F_REVIEW_DATE]);
	fputs("</p><p>", out);
	field_text(out, &f.field[NUT_F_REVIEW_METHOD]);
	fputs("</p></td><td>", out);
	for (size_t k = NUT_F_IMPACT; k < f.count; k++) {
		fprintf(out, "<p><strong>Term %s:</strong> ", f.field[k].key + strlen("term"));
		field_text(out, &f.field[k]);
		fputs("</p>", out);
	}
	fputs("</td></tr>\n", out);
}

static void full(FILE *out, int page, const nut_profile *p)
{
	char money[48], note[80];
	fprintf(out, "<article class=\"full\" aria-labelledby=\"p%d-f\">\n<h2 id=\"p%d-f\">"
		"The School SEND Strategy in full: ", page, page);
	text_or_missing(out, p->name);
	if (p->year[0])
		fprintf(out, ", %s", p->year);
	fputs("</h2>\n", out);
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		const char *b = nut_money_text(money, sizeof(money), p->area[a].budget);
		fprintf(out, "<section aria-labelledby=\"p%d-f%d\">\n<h3 id=\"p%d-f%d\">%s"
			"<span>Budget %s%s</span></h3>\n<div class=\"cols\">\n", page, a, page, a,
			sk_area_label((sk_area)a), b ? b : nut_missing_word(p->area[a].budget),
			nut_budget_note(note, sizeof(note), &p->area[a]));
		text_list(out, "Strengths", &area->strengths, 0, 4);
		text_list(out, "Recommendations", &area->recommendations, 0, 4);
		fputs("</div>\n", out);
		if (!area->action_count) {
			fputs("<p class=\"missing\">Actions: missing</p>\n</section>\n", out);
			continue;
		}
		fputs("<table class=\"act\">\n<colgroup><col class=\"a\"><col class=\"s\">"
		      "<col class=\"l\"><col class=\"w\"><col class=\"c\"><col class=\"k\">"
		      "<col class=\"r\"><col class=\"i\"></colgroup>\n<thead><tr><th scope=\"col\">"
		      "Action</th><th scope=\"col\">Steps</th><th scope=\"col\">Lead</th>"
		      "<th scope=\"col\">Timescale</th><th scope=\"col\" class=\"n\">Cost</th>"
		      "<th scope=\"col\">Success criteria</th><th scope=\"col\">Review date and "
		      "method</th><th scope=\"col\">Impact</th></tr></thead>\n<tbody>\n", out);
		for (size_t i = 0; i < area->action_count; i++)
			full_action(out, &area->actions[i]);
		fputs("</tbody>\n</table>\n</section>\n", out);
	}
	fputs("</article>\n", out);
}

void nut_render_html(FILE *out, const nut_profile *p, const nut_render_opts *o)
{
	int page = o->page;
	fprintf(out, "<article class=\"sheet\" aria-labelledby=\"p%d-h\">\n", page);
	header(out, page, p);
	figures(out, page, p);
	figures_chart_section(out, page, p);
	/* On paper the headlines go beside the need chart, its notes under it. */
	bool beside = p->row && p->has_need;
	if (beside)
		fputs("<div class=\"beside\">\n", out);
	need(out, page, p);
	headlines(out, page, p);
	if (beside)
		fputs("</div>\n", out);
	plan(out, page, p);
	fputs("</article>\n", out);
	if (o->full)
		full(out, page, p);
}
