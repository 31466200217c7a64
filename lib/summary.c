/* The census summary CSV reader (sendkit-census(5)), the column helpers it
 * shares with national.c, and integer percentages. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_input_internal.h"
#include "mem_internal.h"
#include "sendkit/escape.h"
#include "sendkit/summary.h"
#include "sendkit/when.h"
#include "summary_internal.h"

/* ---- percentages ---- */

int sk_pct_tenths(int64_t *out, int64_t part, int64_t whole)
{
	*out = 0;
	if (whole <= 0 || part < -(INT64_MAX / 1000) || part > INT64_MAX / 1000)
		return SK_ERANGE;
	uint64_t n = (uint64_t)(part < 0 ? -part : part) * 1000u;
	uint64_t w = (uint64_t)whole;
	uint64_t q = n / w, r = n % w;
	if (r >= w - r)         /* r/w >= 1/2: half rounds away from zero */
		q++;
	*out = part < 0 ? -(int64_t)q : (int64_t)q;
	return SK_OK;
}

__extension__ typedef __int128 sk_i128;

int sk_pct_diff_tenths(int64_t *out, int64_t a, int64_t b, int64_t c, int64_t d)
{
	const int64_t limit = (int64_t)1 << 40;   /* keeps (a*d - c*b) * 1000 inside 128 bits */
	*out = 0;
	if (b <= 0 || d <= 0 || b > limit || d > limit || a > limit || a < -limit
	    || c > limit || c < -limit)
		return SK_ERANGE;
	sk_i128 num = ((sk_i128)a * d - (sk_i128)c * b) * 1000, den = (sk_i128)b * d;
	sk_i128 mag = num < 0 ? -num : num;
	sk_i128 q = (2 * mag + den) / (2 * den);  /* half rounds away from zero */
	*out = (int64_t)(num < 0 ? -q : q);
	return SK_OK;
}

size_t sk_pct_format(char *buf, size_t size, int64_t tenths, bool sign)
{
	uint64_t a = tenths < 0 ? (uint64_t)0 - (uint64_t)tenths : (uint64_t)tenths;
	const char *s = tenths < 0 ? "-" : (sign && tenths > 0 ? "+" : "");
	int n = snprintf(buf, size, "%s%" PRIu64 ".%" PRIu64, s, a / 10, a % 10);
	return n < 0 ? 0 : (size_t)n;
}

int sk_pct_parse(int64_t *out, const char *text)
{
	const char *p = text;
	bool neg = false;
	int64_t v = 0;
	*out = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return SK_EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX / 10 - 9) / 10)
			return SK_EINVAL;
		v = v * 10 + (*p - '0');
	}
	v *= 10;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return SK_EINVAL;
		v += *p++ - '0';
	}
	if (*p)
		return SK_EINVAL;
	*out = neg ? -v : v;
	return SK_OK;
}

/* ---- CSV helpers ---- */

long sk_summary__column(char **header, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(header[i], name) == 0)
			return (long)i;
	return -1;
}

int sk_summary__parse_int(int64_t *out, const char *text)
{
	const char *p = text;
	bool neg = *p == '-';
	int64_t v = 0;
	*out = 0;
	if (neg)
		p++;
	if (!*p)
		return SK_EINVAL;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
			return SK_EINVAL;
		v = v * 10 + (*p - '0');
	}
	*out = neg ? -v : v;
	return SK_OK;
}

/* ---- the summary ---- */

enum { COL_TERM, COL_LEVEL, COL_KEY, COL_NAME, COL_LA, COL_HUB, COL_TEXT_COUNT };

static const char *const text_columns[COL_TEXT_COUNT] = {
	"term", "level", "key", "name", "la", "hub"
};

/* The numeric columns other than the broad areas and the needs. */
enum { NUM_SCHOOLS, NUM_ON_ROLL, NUM_SEN_SUPPORT, NUM_SEN_SUPPORT_PCT, NUM_EHCP,
       NUM_EHCP_PCT, NUM_SEN, NUM_SEN_PCT, NUM_COUNT };

static const char *const num_columns[NUM_COUNT] = {
	"schools", "on_roll", "sen_support", "sen_support_pct", "ehcp",
	"ehcp_pct", "sen", "sen_pct"
};

struct sk_summary {
	sk_summary_row *rows;
	size_t count, cap;
	/* While reading: where each column is (-1 when absent). */
	long text_col[COL_TEXT_COUNT];
	long num_col[NUM_COUNT];
	long broad_col[SK_BROAD_COUNT];
	long need_col[SK_NEED_COUNT];
	size_t width;           /* the header's field count */
	bool have_header;
	const char *file;
	sk_diags *diags;
};

static sk_cell *num_cell(sk_summary_row *row, int which)
{
	switch (which) {
	case NUM_SCHOOLS: return &row->schools;
	case NUM_ON_ROLL: return &row->on_roll;
	case NUM_SEN_SUPPORT: return &row->sen_support;
	case NUM_SEN_SUPPORT_PCT: return &row->sen_support_pct;
	case NUM_EHCP: return &row->ehcp;
	case NUM_EHCP_PCT: return &row->ehcp_pct;
	case NUM_SEN: return &row->sen;
	default: return &row->sen_pct;
	}
}

static const char **text_field(sk_summary_row *row, int which)
{
	switch (which) {
	case COL_TERM: return &row->term;
	case COL_LEVEL: return &row->level;
	case COL_KEY: return &row->key;
	case COL_NAME: return &row->name;
	case COL_LA: return &row->la;
	default: return &row->hub;
	}
}

static int read_header(sk_summary *s, char **fields, size_t count, unsigned line)
{
	char name[64];
	static const int required[] = {COL_TERM, COL_LEVEL, COL_KEY};
	for (int i = 0; i < COL_TEXT_COUNT; i++)
		s->text_col[i] = sk_summary__column(fields, count, text_columns[i]);
	for (int i = 0; i < NUM_COUNT; i++)
		s->num_col[i] = sk_summary__column(fields, count, num_columns[i]);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		s->broad_col[i] = sk_summary__column(fields, count,
						     sk_broad_area_key((sk_broad_area)i));
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		snprintf(name, sizeof(name), "need_%s", sk_need_key((sk_need)i));
		s->need_col[i] = sk_summary__column(fields, count, name);
	}
	bool ok = true;
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (s->text_col[required[i]] < 0)
			ok = false;
	if (s->num_col[NUM_ON_ROLL] < 0 || s->num_col[NUM_SEN_SUPPORT] < 0
	    || s->num_col[NUM_EHCP] < 0)
		ok = false;
	if (!ok) {
		sk_diags_add(s->diags, s->file, (sk_pos){line, 1}, SK_ERROR, "summary-header",
			     "not a census summary: the header needs term, level, key, on_roll, "
			     "sen_support and ehcp (write one with census-summary)");
		return SK_EINVAL;
	}
	s->width = count;
	s->have_header = true;
	return SK_OK;
}

static void read_cell(sk_summary *s, sk_cell *cell, char **fields, long col,
		      const char *column, bool pct, unsigned line)
{
	*cell = (sk_cell){SK_CELL_EMPTY, 0};
	if (col < 0)
		return;
	const char *t = fields[col];
	if (!t[0])
		return;
	if ((t[0] == 'c' || t[0] == 'C') && !t[1]) {
		cell->state = SK_CELL_SUPPRESSED;
		return;
	}
	int rc = pct ? sk_pct_parse(&cell->value, t) : sk_summary__parse_int(&cell->value, t);
	if (rc == SK_OK) {
		cell->state = SK_CELL_KNOWN;
		return;
	}
	cell->value = 0;
	sk_diags_add(s->diags, s->file, (sk_pos){line, 1}, SK_ERROR, "summary-number",
		     "%s \"%s\" is not %s, empty or c", column, t,
		     pct ? "a percentage with one decimal" : "a whole number");
}

static int read_row(sk_summary *s, char **fields, size_t count, unsigned line)
{
	if (count != s->width) {
		sk_diags_add(s->diags, s->file, (sk_pos){line, 1}, SK_ERROR, "summary-row",
			     "this row has %zu field%s where the header has %zu: skipped",
			     count, count == 1 ? "" : "s", s->width);
		return SK_OK;
	}
	if (SK_GROW(s->rows, s->cap, s->count + 1) != SK_OK)
		return SK_ENOMEM;
	sk_summary_row *row = &s->rows[s->count];
	memset(row, 0, sizeof(*row));
	row->line = line;
	for (int i = 0; i < COL_TEXT_COUNT; i++) {
		const char *t = s->text_col[i] >= 0 ? fields[s->text_col[i]] : "";
		/* Names as they were before census-summary guarded them against
		 * spreadsheet formulas. */
		char *copy = strdup(sk_escape_formula_undo(t));
		if (!copy) {
			for (int j = 0; j < i; j++)
				free((char *)*text_field(row, j));
			return SK_ENOMEM;
		}
		*text_field(row, i) = copy;
	}
	for (int i = 0; i < NUM_COUNT; i++)
		read_cell(s, num_cell(row, i), fields, s->num_col[i], num_columns[i],
			  i == NUM_SEN_SUPPORT_PCT || i == NUM_EHCP_PCT || i == NUM_SEN_PCT, line);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		read_cell(s, &row->broad[i], fields, s->broad_col[i],
			  sk_broad_area_key((sk_broad_area)i), false, line);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		read_cell(s, &row->need[i], fields, s->need_col[i],
			  sk_need_key((sk_need)i), false, line);
	s->count++;
	return SK_OK;
}

static int on_summary_record(void *ctx, char **fields, size_t count, unsigned line)
{
	sk_summary *s = ctx;
	if (!s->have_header)
		return read_header(s, fields, count, line);
	return read_row(s, fields, count, line);
}

void sk_summary_free(sk_summary *summary)
{
	if (!summary)
		return;
	for (size_t i = 0; i < summary->count; i++)
		for (int j = 0; j < COL_TEXT_COUNT; j++)
			free((char *)*text_field(&summary->rows[i], j));
	free(summary->rows);
	free(summary);
}

/* The summary's names are the census's: the same note when they are not UTF-8. */
static const sk_csv__options csv_options = {
	.strict_quotes = 1, .text_1252 = "school, LA and hub names"
};

int sk_summary_load(sk_summary **out, const char *bytes, size_t len,
		    const char *file, sk_diags *diags)
{
	*out = NULL;
	sk_summary *s = calloc(1, sizeof(*s));
	if (!s)
		return SK_ENOMEM;
	s->file = file;
	s->diags = diags;
	int rc = sk_csv__each_record(bytes, len, file, diags, &csv_options, on_summary_record, s);
	if (rc == SK_OK && !s->have_header) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "summary-header",
			     "the file is empty: a census summary starts with a header row");
		rc = SK_EINVAL;
	}
	if (rc != SK_OK) {
		sk_summary_free(s);
		return rc;
	}
	s->file = NULL;
	s->diags = NULL;
	*out = s;
	return SK_OK;
}

size_t sk_summary_row_count(const sk_summary *summary)
{
	return summary ? summary->count : 0;
}

const sk_summary_row *sk_summary_row_at(const sk_summary *summary, size_t index)
{
	return summary && index < summary->count ? &summary->rows[index] : NULL;
}

/* ---- finding a school's latest term ---- */

/* census-summary's rows of change between two terms ("A..B") are not a term. */
static bool is_school_term(const sk_summary_row *r, const char *urn)
{
	return strcmp(r->level, "school") == 0 && strcmp(r->key, urn) == 0
	       && !strstr(r->term, "..");
}

bool sk_summary_term_date(sk_date *out, const char *label)
{
	char buf[128];
	size_t n = strlen(label);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, label, n + 1);
	if (n > 4 && strcmp(buf + n - 4, ".csv") == 0)
		buf[n - 4] = '\0';
	sk_when w;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			for (char *p = buf; *p; p++)
				if (*p == '-' || *p == '_' || *p == '.')
					*p = ' ';
		if (sk_when_parse(&w, buf, 0) == SK_OK
		    && (w.kind == SK_WHEN_DATE || w.kind == SK_WHEN_RANGE)) {
			*out = w.due;
			return true;
		}
	}
	return false;
}

/* The latest term and the one before it, of the dated terms on or before
 * `until` (all of them when until is not valid). */
static void find_dated(const sk_summary_row **out_latest, const sk_summary_row **out_previous,
		       const sk_summary *summary, const char *urn, sk_date until)
{
	const sk_summary_row *latest = NULL, *previous = NULL;
	sk_date latest_date = {0, 0, 0}, previous_date = {0, 0, 0};
	for (size_t i = 0; i < summary->count; i++) {
		const sk_summary_row *r = &summary->rows[i];
		sk_date d;
		if (!is_school_term(r, urn) || !sk_summary_term_date(&d, r->term)
		    || (sk_date_valid(until) && sk_date_cmp(d, until) > 0))
			continue;
		if (!latest || sk_date_cmp(d, latest_date) > 0) {
			previous = latest;
			previous_date = latest_date;
			latest = r;
			latest_date = d;
		} else if (sk_date_cmp(d, latest_date) < 0
			   && (!previous || sk_date_cmp(d, previous_date) > 0)) {
			previous = r;
			previous_date = d;
		}
	}
	*out_latest = latest;
	*out_previous = previous;
}

void sk_summary_find_school(const sk_summary_row **out_latest,
			    const sk_summary_row **out_previous,
			    const sk_summary *summary, const char *urn)
{
	*out_latest = NULL;
	*out_previous = NULL;
	if (!summary || !urn)
		return;
	const sk_summary_row *latest = NULL, *previous = NULL;
	bool dated = true;
	/* First by file order, remembering whether every term names a date. */
	for (size_t i = 0; i < summary->count; i++) {
		const sk_summary_row *r = &summary->rows[i];
		if (!is_school_term(r, urn))
			continue;
		if (latest && strcmp(latest->term, r->term) == 0)
			continue;
		sk_date d;
		if (!sk_summary_term_date(&d, r->term))
			dated = false;
		previous = latest;
		latest = r;
	}
	if (latest && dated)
		find_dated(&latest, &previous, summary, urn, (sk_date){0, 0, 0});
	*out_latest = latest;
	*out_previous = previous;
}

size_t sk_summary_terms(sk_summary_term *out, size_t max, const sk_summary *summary)
{
	size_t n = 0;
	bool dated = true;
	for (size_t i = 0; summary && i < summary->count && n < max; i++) {
		const sk_summary_row *r = &summary->rows[i];
		bool seen = strstr(r->term, "..") != NULL;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k].label, r->term) == 0;
		if (seen)
			continue;
		out[n] = (sk_summary_term){r->term, false, {0, 0, 0}};
		out[n].dated = sk_summary_term_date(&out[n].date, r->term);
		dated = dated && out[n].dated;
		n++;
	}
	/* Dated terms by date (a stable insertion sort: ties keep file order). */
	for (size_t i = 1; dated && i < n; i++) {
		sk_summary_term t = out[i];
		size_t k = i;
		for (; k > 0 && sk_date_cmp(out[k - 1].date, t.date) > 0; k--)
			out[k] = out[k - 1];
		out[k] = t;
	}
	return n;
}

void sk_summary_find_school_until(const sk_summary_row **out_latest,
				  const sk_summary_row **out_previous,
				  const sk_summary *summary, const char *urn, sk_date until)
{
	*out_latest = NULL;
	*out_previous = NULL;
	if (summary && urn && sk_date_valid(until))
		find_dated(out_latest, out_previous, summary, urn, until);
}
