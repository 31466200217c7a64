/* The hub's page as HTML on A4 landscape: one sheet for a hub of up to
 * fifteen schools (tables at 7pt, the profile of need beside the schools, the
 * CPD focus and the trend side by side), on nutshell's style sheet (no script,
 * nothing from the network, no type under 7pt). The profile of need is a heat
 * map with its numbers in it; the trend an inline SVG chart with its figures
 * as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"

const char hub_html_css[] =
	/* 7mm above and below (the page number still fits under): fifteen
	 * schools, two with names of 60 letters, on one sheet. */
	"@page{margin:7mm 9mm 7mm}\n"
	/* The condensed face at 7pt fits a school's row of figures on one
	 * line, and a hub of fifteen schools on one sheet. */
	".hub{max-width:279mm;margin:0 auto;line-height:1.1;font-size:7pt;font-family:\"DejaVu Sans Condensed\","
	"\"DejaVu Sans\",\"Liberation Sans Narrow\",\"Liberation Sans\",Arial,sans-serif;"
	"font-stretch:condensed}\n"
	".hub+.hub{break-before:page}\n"
	"@media screen{.hub{padding:6mm 0}}\n"
	".hub header{margin-bottom:1mm}\n"
	".hub h1{font-size:13pt}\n"
	".hub h2{font-size:9.5pt}\n"
	".hub h3,.hub h2 small,.hub .meta{font-size:8pt}\n"
	".hub section{margin:0 0 .8mm}\n"
	/* Nothing after the last line: a margin alone never makes a blank sheet. */
	".hub section:last-child,.hub>div:last-child{margin-bottom:0}\n"
	".hub h2{margin-bottom:.4mm}\n"
	".hub .grid3{display:grid;grid-template-columns:minmax(0,10fr) minmax(0,4fr);column-gap:4mm}\n"
	".hub .two{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);column-gap:4mm}\n"
	".hub table.fixed{table-layout:fixed}\n"
	/* A long word (a web address, a name without spaces) breaks inside its
	 * cell rather than printing over the next one. */
	".hub th,.hub td{padding:0 .6mm;line-height:1.05;overflow-wrap:anywhere}\n"
	".hub h1{overflow-wrap:anywhere}\n"
	".hub thead th{vertical-align:bottom;white-space:normal}\n"
	".hub tbody th[scope=row]{white-space:normal}\n"
	".hub thead th.g{text-align:center;border-bottom:.5px solid #6d8aa5}\n"
	".hub thead th.h{text-align:right}\n"
	".hub tr.ref th,.hub tr.ref td{background:#f1f4f7}\n"
	".hub tr.ref1 th,.hub tr.ref1 td{border-top:1px solid #6d8aa5}\n"
	".hub td.heat{text-align:right;font-variant-numeric:tabular-nums}\n"
	".hub .notes{margin:0}\n"
	".hub p.key{margin:.3mm 0 0}\n"
	".hub table.rs td{white-space:nowrap}\n"
	".hub tr{break-inside:avoid}\n"
	".hub table.rs td:last-child{white-space:normal}\n";

/* Column widths in mm for a fixed table (the page is 279mm wide). */
static void colgroup(FILE *out, const int *mm, size_t n)
{
	fputs("<colgroup>", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "<col style=\"width:%dmm\">", mm[i]);
	fputs("</colgroup>\n", out);
}

/* ---- tables ---- */

static bool number_col(const sk_table *t, size_t c)
{
	return sk_table_column_type(t, c) == SK_COL_NUMBER;
}

static void cell(FILE *out, const sk_table *t, size_t r, size_t c, const char *cls)
{
	const char *v = sk_table_cell_at(t, r, c);
	if (c == 0) {
		fputs("<th scope=\"row\">", out);
		nut_html_text(out, v ? v : "");
		fputs("</th>", out);
		return;
	}
	fprintf(out, "<td%s%s%s>", cls || number_col(t, c) ? " class=\"" : "",
		cls ? cls : number_col(t, c) ? "n" : "", cls || number_col(t, c) ? "\"" : "");
	if (v)
		nut_html_text(out, v);
	fputs("</td>", out);
}

/* Whether l is the national row and its need shares (drawn beside its
 * figures in one row) are another January's than its figures. */
static bool national_other_need_year(const hub_page *p, const hub_line *l)
{
	return strcmp(l->level, "national") == 0 && p->nat && p->nat_need
	       && p->nat->year != p->nat_need->year;
}

/* "National (January 2024; need January 2023)": both years the row shows. */
static void national_heading(FILE *out, const hub_page *p)
{
	fprintf(out, "<th scope=\"row\">National (January %d; need January %d)</th>",
		p->nat->year, p->nat_need->year);
}

/* A section's table as it is, under the heading `title`; "None." (or why
 * not known) when it has no rows. */
static void plain_table(FILE *out, const hub_page *p, hub_section s, const char *title)
{
	sk_table *t = hub_section_table(p, s, HUB_FOR_PEOPLE);
	fputs("<div>\n<h3>", out);
	nut_html_text(out, title);
	fputs("</h3>\n", out);
	if (!t || !sk_table_row_count(t)) {
		fputs(t ? "<p class=\"note\">" : "<p>(out of memory)", out);
		if (t)
			nut_html_text(out, hub_section_empty(p, s));
		fputs("</p>\n", out);
		fputs("</div>\n", out);
		sk_table_free(t);
		return;
	}
	fprintf(out, "<table class=\"fixed\">\n<colgroup><col style=\"width:%d%%\"></colgroup>\n"
		"<thead><tr>", s == HUB_FOCUS_NEEDS ? 44 : 30);
	for (size_t c = 0; c < sk_table_column_count(t); c++) {
		fprintf(out, "<th scope=\"col\"%s>", number_col(t, c) ? " class=\"n\"" : "");
		nut_html_text(out, sk_table_column_name(t, c));
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < sk_table_row_count(t); r++) {
		fputs("<tr>", out);
		for (size_t c = 0; c < sk_table_column_count(t); c++)
			cell(out, t, r, c, NULL);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</div>\n", out);
	sk_table_free(t);
}

/* ---- the schools side by side, with the heat map of need ---- */

/* A share's shade: white at 0, the page's blue at 50% of pupils with SEN. */
static void heat_cell(FILE *out, const sk_table *t, size_t r, size_t c, sk_value v)
{
	if (v.state != SK_VALUE_KNOWN) {
		cell(out, t, r, c, "heat");
		return;
	}
	double k = (double)v.value / 500.0;
	k = k < 0 ? 0 : k > 1 ? 1 : k;
	int red = (int)(255 - k * (255 - 0x1d)), green = (int)(255 - k * (255 - 0x4f)),
	    blue = (int)(255 - k * (255 - 0x7c));
	fprintf(out, "<td class=\"heat\" style=\"background:#%02x%02x%02x;color:%s\">", red,
		green, blue, k > 0.5 ? "#fff" : "#1b1b1b");
	nut_html_text(out, sk_table_cell_at(t, r, c));
	fputs("</td>", out);
}

static const hub_line *line_at(const hub_page *p, size_t i)
{
	return i < p->school_count ? &p->schools[i].line : &p->refs[i - p->school_count];
}

/* The broad areas' headings, short enough for one line, each named in full
 * once in the key under the table. */
static const char *const broad_short[SK_BROAD_COUNT] = {"C&amp;L", "C&amp;I", "SEMH", "S&amp;P",
							  "Uncl."};

static void schools(FILE *out, const hub_page *p)
{
	sk_table *t = hub_section_table(p, HUB_SCHOOLS, HUB_FOR_PEOPLE);
	sk_table *need = hub_section_table(p, HUB_NEED, HUB_FOR_PEOPLE);
	fputs("<section>\n<h2>Schools side by side, and their profile of need (% of pupils "
	      "with SEN)</h2>\n", out);
	if (!t || !need) {
		fputs("<p>(out of memory)</p>\n</section>\n", out);
		sk_table_free(t);
		sk_table_free(need);
		return;
	}
	/* School, URN, on roll, three measures, the change, each broad area. */
	static const int widths[] = {75, 12, 17, 15, 10, 13, 10, 15, 10, 13, 12,
				     15, 15, 15, 15, 15};
	fputs("<table class=\"fixed\">\n", out);
	colgroup(out, widths, sizeof(widths) / sizeof(widths[0]));
	fputs("<thead><tr><th scope=\"col\" rowspan=\"2\">School</th>"
	      "<th scope=\"col\" rowspan=\"2\">URN</th>"
	      "<th scope=\"col\" rowspan=\"2\" class=\"n\">On roll</th>"
	      "<th scope=\"colgroup\" colspan=\"2\" class=\"g\">SEN support</th>"
	      "<th scope=\"colgroup\" colspan=\"2\" class=\"g\">EHC plans</th>"
	      "<th scope=\"colgroup\" colspan=\"2\" class=\"g\">All SEN</th>"
	      "<th scope=\"colgroup\" colspan=\"2\" class=\"g\">", out);
	nut_html_text(out, sk_table_column_name(t, 9));
	fputs("</th>", out);
	/* The areas' names span both heading rows: the heading is as tall as they are. */
	for (int b = 0; b < SK_BROAD_COUNT; b++) {
		fprintf(out, "<th scope=\"col\" rowspan=\"2\" class=\"h\">%s</th>",
			broad_short[b]);
	}
	fputs("</tr>\n<tr>", out);
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		fputs("<th scope=\"col\" class=\"n\">pupils</th><th scope=\"col\" class=\"n\">%"
		      "</th>", out);
	fputs("<th scope=\"col\" class=\"n\">pupils</th><th scope=\"col\" class=\"n\">pts</th>",
	      out);
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < sk_table_row_count(t); r++) {
		const hub_line *l = line_at(p, r);
		bool ref = r >= p->school_count;
		fprintf(out, "<tr%s>", !ref ? "" : r == p->school_count ? " class=\"ref ref1\""
			: " class=\"ref\"");
		for (size_t c = 0; c < sk_table_column_count(t); c++)
			if (c == 0 && national_other_need_year(p, l))
				national_heading(out, p);
			else
				cell(out, t, r, c, NULL);
		for (int b = 0; b < SK_BROAD_COUNT; b++)
			heat_cell(out, need, r, 1 + (size_t)b, l->broad[b]);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">", out);
	for (int b = 0; b < SK_BROAD_COUNT; b++) {
		fprintf(out, "%s<b>%s</b> ", b ? "; " : "", broad_short[b]);
		nut_html_text(out, sk_broad_area_label((sk_broad_area)b));
	}
	fputs(".</p>\n</section>\n", out);
	sk_table_free(t);
	sk_table_free(need);
}

/* The missing pieces, in the paragraph `out` has open (the table's key)
 * when `open`, which they close. */
static void notes(FILE *out, const hub_page *p, bool open)
{
	size_t n;
	char **v = hub_page_notes(&n, p);
	if (n) {
		/* One paragraph under the table they are about, not a list: fifteen
		 * schools' notes take few lines. */
		fputs(open ? " <b>Missing pieces:</b> " : "<p class=\"key\"><b>Missing pieces:</b> ",
		      out);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? " " : "", out);
			nut_html_text(out, v[i]);
		}
	}
	if (n || open)
		fputs("</p>\n", out);
	hub_notes_free(v, n);
}

/* ---- the reviews and the strategies, a row a school ---- */

static void head_cells(FILE *out, const sk_table *t, size_t from)
{
	for (size_t c = from; c < sk_table_column_count(t); c++) {
		fprintf(out, "<th scope=\"col\"%s>", number_col(t, c) ? " class=\"n\"" : "");
		nut_html_text(out, sk_table_column_name(t, c));
		fputs("</th>", out);
	}
}

/* A review cell ("83.3% strength") with its rating as its initial, so that
 * each school's row fits one line; the key under the table names them. */
static void review_cell(FILE *out, const sk_table *t, size_t r, size_t c)
{
	const char *v = sk_table_cell_at(t, r, c);
	size_t n = v ? strlen(v) : 0;
	for (int k = SK_RATING_STRENGTH; k <= SK_RATING_PRIORITY; k++) {
		const char *name = sk_rating_name((sk_rating)k);
		size_t len = strlen(name);
		if (n > len && v[n - len - 1] == ' ' && !strcmp(v + n - len, name)) {
			fputs("<td class=\"n\">", out);
			fwrite(v, 1, n - len, out);
			fprintf(out, "%c</td>", name[0] - 'a' + 'A');
			return;
		}
	}
	cell(out, t, r, c, NULL);
}

/* Whether row r of the reviews table is printed: a school with neither a
 * review nor a strategy to show is named in the missing pieces instead, so
 * that a hub of twenty schools still fits its sheet. */
static bool shown_row(const hub_page *p, size_t r)
{
	return r >= p->school_count || p->schools[r].review || p->schools[r].strategy;
}

static void reviews_and_strategies(FILE *out, const hub_page *p)
{
	sk_table *rv = hub_section_table(p, HUB_REVIEWS, HUB_FOR_PEOPLE);
	sk_table *st = hub_section_table(p, HUB_STRATEGIES, HUB_FOR_PEOPLE);
	fputs("<section>\n<h2>", out);
	nut_html_text(out, hub_section_title(HUB_REVIEWS));
	fputs(" and ", out);
	nut_html_text(out, hub_section_title(HUB_STRATEGIES));
	fputs("</h2>\n", out);
	if (!rv || !st) {
		fputs("<p>(out of memory)</p>\n</section>\n", out);
		sk_table_free(rv);
		sk_table_free(st);
		return;
	}
	size_t nrv = sk_table_column_count(rv), nst = sk_table_column_count(st);
	/* School, review date, five areas and overall, the actions, the strategy:
	 * the school's column near the first table's width, so that a name that
	 * fits there takes one line here too (fifteen schools on one sheet). */
	static const int widths[] = {74, 20, 17, 19, 13, 13, 13, 13, 12, 10, 10, 12, 12, 12,
				     29};
	size_t shown = 0;
	for (size_t r = 0; r < sk_table_row_count(rv); r++)
		shown += shown_row(p, r);
	if (!shown) {
		fputs("<p class=\"note\">No school has a review or a strategy to show.</p>\n", out);
		notes(out, p, false);
		fputs("</section>\n", out);
		sk_table_free(rv);
		sk_table_free(st);
		return;
	}
	fputs("<table class=\"fixed rs\">\n", out);
	colgroup(out, widths, sizeof(widths) / sizeof(widths[0]));
	fprintf(out, "<thead><tr><th scope=\"col\" rowspan=\"2\">School</th>"
		"<th scope=\"colgroup\" colspan=\"%zu\" class=\"g\">Latest review: score and "
		"rating</th><th scope=\"colgroup\" colspan=\"3\" class=\"g\">Its actions</th>"
		"<th scope=\"colgroup\" colspan=\"%zu\" class=\"g\">Strategy and its "
		"completeness</th></tr>\n<tr>", nrv - 4, nst - 1);
	head_cells(out, rv, 1);
	head_cells(out, st, 1);
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < sk_table_row_count(rv); r++) {
		if (!shown_row(p, r))
			continue;
		fputs("<tr>", out);
		for (size_t c = 0; c < nrv; c++)
			if (c >= 2 && c < nrv - 3)
				review_cell(out, rv, r, c);
			else
				cell(out, rv, r, c, NULL);
		for (size_t c = 1; c < nst; c++) {
			if (r < sk_table_row_count(st))
				cell(out, st, r, c, NULL);
			else
				fputs("<td></td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">Ratings: ", out);
	for (int k = SK_RATING_STRENGTH; k <= SK_RATING_PRIORITY; k++)
		fprintf(out, "%s<b>%c</b> %s", k > SK_RATING_STRENGTH ? ", " : "",
			sk_rating_name((sk_rating)k)[0] - 'a' + 'A', sk_rating_name((sk_rating)k));
	fputs(".", out);
	notes(out, p, true);    /* in the key's paragraph: a line less */
	fputs("</section>\n", out);
	sk_table_free(rv);
	sk_table_free(st);
}

/* ---- the trend chart ---- */

static const char *const series_colour[SK_MEASURE_COUNT] = {"#1d4f7c", "#b35806", "#1b7837"};

static double y_of(sk_value v, double top, double height, double max)
{
	return top + height - (double)v.value / max * height;
}

typedef struct chart_box {
	int left, right, top, plot;
	double step, max;
} chart_box;

/* One measure's line over the terms, broken where a term's figure is not
 * known: the hub's solid with a dot per term, the national figures dashed,
 * each term at its own January's (a single term's a level line across). */
static void trend_line(FILE *out, const hub_page *p, int m, chart_box b, bool national)
{
	const char *c = series_colour[m];
	double px = -1, py = 0;
	for (size_t i = 0; i < p->trend_count; i++) {
		sk_value v = national ? p->trend[i].nat_pct[m] : p->trend[i].pct[m];
		if (v.state != SK_VALUE_KNOWN) {
			px = -1;
			continue;
		}
		double x = b.left + b.step * (double)i, y = y_of(v, b.top, b.plot, b.max);
		if (national && p->trend_count == 1)
			fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
				"stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n", b.left, y, b.right, y, c);
		else if (px >= 0)
			fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				"stroke=\"%s\" %s/>\n", px, py, x, y, c,
				national ? "stroke-dasharray=\"4 3\"" : "stroke-width=\"2\"");
		if (!national)
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x,
				y, c);
		px = x;
		py = y;
	}
}

/* Whether a term of the trend has no national figures beside it. */
static bool some_without_national(const hub_page *p)
{
	for (size_t i = 0; i < p->trend_count; i++)
		if (!p->trend[i].nat)
			return true;
	return false;
}

/* "Dashed: national, January 2024", or each term's January when they differ,
 * and the terms that have none named. */
static void national_legend(FILE *out, const hub_page *p, int x, int y)
{
	int first = 0, none = 0;
	bool same = true;
	for (size_t i = 0; i < p->trend_count; i++) {
		const hub_trend *tr = &p->trend[i];
		none += !tr->nat;
		if (tr->nat && !first)
			first = tr->nat->year;
		same = same && (!tr->nat || tr->nat->year == first);
	}
	if (!first)
		return;
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">Dashed: national, ", x, y);
	if (same)
		fprintf(out, "January %d", first);
	else
		fputs("each term's January", out);
	/* On a line of its own: the two do not fit the chart's width together. */
	if (none)
		fprintf(out, "<tspan x=\"%d\" dy=\"13\">(none for some terms)</tspan>", x);
	fputs("</text>\n", out);
}

/* Labels of 12px: a character is about 6.6px wide, and one is 13px tall. */
#define LABEL_CHAR 6.6
#define LABEL_LINE 13.0

/* The lines' names and latest figures at their ends, so that colour is not
 * needed: each at its line's height, moved apart where two would print over
 * each other (close figures), none below `bottom` (the legend's line). */
static void end_labels(FILE *out, const hub_page *p, chart_box b, int bottom)
{
	const hub_trend *last = &p->trend[p->trend_count - 1];
	int order[SK_MEASURE_COUNT], n = 0;
	double y[SK_MEASURE_COUNT];
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		if (last->pct[m].state != SK_VALUE_KNOWN)
			continue;
		y[m] = y_of(last->pct[m], b.top, b.plot, b.max) + 4;
		int k = n++;
		for (; k > 0 && y[order[k - 1]] > y[m]; k--)
			order[k] = order[k - 1];
		order[k] = m;
	}
	for (int k = 1; k < n; k++)
		if (y[order[k]] < y[order[k - 1]] + LABEL_LINE)
			y[order[k]] = y[order[k - 1]] + LABEL_LINE;
	double over = n ? y[order[n - 1]] - bottom : 0;
	for (int k = 0; k < n; k++) {
		int m = order[k];
		char a[32];
		fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" fill=\"%s\">%s %s</text>\n",
			b.right + 4, over > 0 ? y[m] - over : y[m], series_colour[m],
			sk_measure_label((sk_measure)m), nut_pct_text(a, sizeof(a), last->pct[m], false));
	}
}

/* The terms' names under the chart: the first and the last, and those
 * between only where they clear their neighbours (24 terms do not fit side
 * by side; each term keeps its dot, and the page's other formats list them). */
static void term_labels(FILE *out, const hub_page *p, chart_box b)
{
	char term[64], last[64];
	size_t n = p->trend_count;
	const char *end = nut_term_text(last, sizeof(last), p->trend[n - 1].term);
	double end_left = b.right - LABEL_CHAR * (double)strlen(end ? end : "") - LABEL_CHAR;
	double cleared = -1e9;
	for (size_t i = 0; i < n; i++) {
		const char *t = nut_term_text(term, sizeof(term), p->trend[i].term);
		double x = b.left + b.step * (double)i, width = LABEL_CHAR * (double)strlen(t ? t : "");
		bool first = i == 0, final = i + 1 == n && n > 1;
		double l = first ? x : final ? x - width : x - width / 2;
		if (!final && (l < cleared + LABEL_CHAR || (n > 1 && l + width > end_left)))
			continue;
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"%s\">", x,
			b.top + b.plot + 15, first ? "start" : final ? "end" : "middle");
		nut_html_text(out, t ? t : "");
		fputs("</text>\n", out);
		cleared = l + width;
	}
}

static void trend_chart(FILE *out, const hub_page *p)
{
	const int w = 280, left = 6, right = 112, top = 8, plot = 56;
	const int legend = some_without_national(p) ? 13 : 0;   /* its second line */
	const int h = 100 + legend;
	double max = 10;
	for (size_t i = 0; i < p->trend_count; i++)
		for (int m = 0; m < SK_MEASURE_COUNT; m++) {
			const hub_trend *tr = &p->trend[i];
			if (tr->pct[m].state == SK_VALUE_KNOWN && (double)tr->pct[m].value > max)
				max = (double)tr->pct[m].value;
			if (tr->nat_pct[m].state == SK_VALUE_KNOWN
			    && (double)tr->nat_pct[m].value > max)
				max = (double)tr->nat_pct[m].value;
		}
	max *= 1.1;
	double span = w - left - right;
	double step = p->trend_count > 1 ? span / (double)(p->trend_count - 1) : 0;
	char term[64], a[32];
	fprintf(out, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-labelledby=\"t-%s d-%s\">\n<title id=\"t-%s\">SEN over the terms, beside "
		"national</title>\n<desc id=\"d-%s\">", w, h, w, h, p->slug, p->slug, p->slug,
		p->slug);
	for (size_t i = 0; i < p->trend_count; i++) {
		fputs(i ? "; " : "", out);
		nut_html_text(out, nut_term_text(term, sizeof(term), p->trend[i].term));
		for (int m = 0; m < SK_MEASURE_COUNT; m++) {
			const char *v = nut_pct_text(a, sizeof(a), p->trend[i].pct[m], false);
			if (p->trend[i].other_schools)
				fprintf(out, "%s %s not compared", m ? "," : ":",
					sk_measure_label((sk_measure)m));
			else
				fprintf(out, "%s %s %s%%", m ? "," : ":",
					sk_measure_label((sk_measure)m),
					v ? v : nut_missing_word(p->trend[i].pct[m]));
		}
	}
	fputs("</desc>\n", out);
	fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#6d8aa5\"/>\n", left,
		top + plot, w - right, top + plot);
	chart_box box = {left, w - right, top, plot, step, max};
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		trend_line(out, p, m, box, true);
		trend_line(out, p, m, box, false);
	}
	end_labels(out, p, box, h - 16 - legend);
	term_labels(out, p, box);
	national_legend(out, p, left, h - 4 - legend);
	fputs("</svg>\n", out);
}

static void trend(FILE *out, const hub_page *p)
{
	fputs("<section>\n", out);
	fputs("<h2>", out);
	nut_html_text(out, hub_section_title(HUB_TREND));
	fputs("</h2>\n", out);
	if (!p->trend_count || !p->group)
		fputs("<p class=\"note\">No census figures for the group were given.</p>\n", out);
	else
		trend_chart(out, p);
	fputs("</section>\n", out);
}

void hub_render_html(FILE *out, const hub_page *p)
{
	char title[200], source[400];
	fputs("<div class=\"hub\">\n<header>\n<h1>SEND in a Nutshell: ", out);
	nut_html_text(out, hub_page_title(title, sizeof(title), p));
	fputs("</h1>\n<p class=\"meta\">", out);
	nut_html_text(out, hub_page_source(source, sizeof(source), p));
	fprintf(out, " %zu school%s: %zu with a review, %zu with a strategy.</p>\n</header>\n",
		p->school_count, p->school_count == 1 ? "" : "s", p->reviewed, p->with_strategy);
	schools(out, p);
	reviews_and_strategies(out, p);
	fputs("<div class=\"grid3\">\n<section>\n<h2>Where to focus the CPD offer</h2>\n"
	      "<div class=\"two\">\n", out);
	plain_table(out, p, HUB_FOCUS_NEEDS, "Needs furthest above national (% of pupils with SEN)");
	plain_table(out, p, HUB_FOCUS_REVIEWS, "Weakest review areas (score %)");
	fputs("</div>\n</section>\n", out);
	fputs("<div>\n", out);
	trend(out, p);
	fputs("</div>\n</div>\n</div>\n", out);
}
