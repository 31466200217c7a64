/* The census summary CSV reader (sendkit-census(5)) and the column helpers
 * it shares with national.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_input_internal.h"
#include "mem_internal.h"
#include "sendkit/escape.h"
#include "sendkit/pct.h"
#include "sendkit/summary.h"
#include "sendkit/when.h"
#include "summary_internal.h"

/* ---- CSV helpers ---- */

void sk_summary__need_columns(sk_csv__alias *out, char (*names)[SK_SUMMARY_NEED_NAME],
			      int first)
{
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		snprintf(names[i], SK_SUMMARY_NEED_NAME, "need_%s", sk_need_key((sk_need)i));
		out[i] = (sk_csv__alias){names[i], first + i};
	}
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

/* Where each kind of column starts among a header's column ids. */
enum { C_TEXT = 0, C_NUM = C_TEXT + COL_TEXT_COUNT, C_BROAD = C_NUM + NUM_COUNT,
       C_NEED = C_BROAD + SK_BROAD_COUNT, C_ALL = C_NEED + SK_NEED_COUNT };

struct sk_summary {
	sk_summary_row *rows;
	size_t count, cap;
	/* While reading: where each column is (-1 when absent), by C_* id. */
	long col[C_ALL];
	size_t width;           /* the header's field count */
	bool have_header;
	const char *file;
	sk_diags *diags;
	sk_summary__index *index;   /* rows by level and key */
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

/* Finds the header's columns (the summary's col[]); whether it has those a
 * summary needs. */
static bool summary_columns(void *ctx, char **fields, size_t count)
{
	long *col = ((sk_summary *)ctx)->col;
	static const int required[] = {C_TEXT + COL_TERM, C_TEXT + COL_LEVEL, C_TEXT + COL_KEY,
				       C_NUM + NUM_ON_ROLL, C_NUM + NUM_SEN_SUPPORT,
				       C_NUM + NUM_EHCP};
	sk_csv__alias names[C_ALL];
	char need_names[SK_NEED_COUNT][SK_SUMMARY_NEED_NAME];
	for (int i = 0; i < COL_TEXT_COUNT; i++)
		names[C_TEXT + i] = (sk_csv__alias){text_columns[i], C_TEXT + i};
	for (int i = 0; i < NUM_COUNT; i++)
		names[C_NUM + i] = (sk_csv__alias){num_columns[i], C_NUM + i};
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		names[C_BROAD + i] = (sk_csv__alias){sk_broad_area_key((sk_broad_area)i),
						     C_BROAD + i};
	sk_summary__need_columns(names + C_NEED, need_names, C_NEED);
	sk_csv__columns(col, C_ALL, fields, count, names, C_ALL);
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (col[required[i]] < 0)
			return false;
	return true;
}

static int read_header(sk_summary *s, char **fields, size_t count, unsigned line)
{
	if (!summary_columns(s, fields, count)) {
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
	/* Not quoted: a pupil's row pasted into a summary would show a UPN. */
	sk_diags_add(s->diags, s->file, (sk_pos){line, 1}, SK_ERROR, "summary-number",
		     "not %s, empty or c in column %s (field %ld; the value is not shown: it may "
		     "identify a pupil)", pct ? "a percentage with one decimal" : "a whole number",
		     column, col + 1);
}

static void row_free(sk_summary_row *row)
{
	for (int j = 0; j < COL_TEXT_COUNT; j++)
		free((char *)*text_field(row, j));
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
		long col = s->col[C_TEXT + i];
		const char *t = col >= 0 ? fields[col] : "";
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
		read_cell(s, num_cell(row, i), fields, s->col[C_NUM + i], num_columns[i],
			  i == NUM_SEN_SUPPORT_PCT || i == NUM_EHCP_PCT || i == NUM_SEN_PCT, line);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		read_cell(s, &row->broad[i], fields, s->col[C_BROAD + i],
			  sk_broad_area_key((sk_broad_area)i), false, line);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		read_cell(s, &row->need[i], fields, s->col[C_NEED + i],
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
		row_free(&summary->rows[i]);
	sk_summary__index_free(summary->index);
	free(summary->rows);
	free(summary);
}

/* The summary's names are the census's: the same note when they are not UTF-8. */
static const sk_csv__options csv_options = {
	.strict_quotes = 1, .text_1252 = "school, LA and hub names", .header_fits = summary_columns
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
	if (rc == SK_OK)
		rc = sk_summary__index_new(&s->index, s->rows, s->count);
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

const sk_summary__index *sk_summary__index_of(const sk_summary *summary)
{
	return summary ? summary->index : NULL;
}

/* Whether term a goes after term b: dated after undated, dated by date. */
static bool term_after(const sk_summary_term *a, const sk_summary_term *b)
{
	if (a->dated != b->dated)
		return a->dated;
	return a->dated && sk_date_cmp(a->date, b->date) > 0;
}

size_t sk_summary_terms(sk_summary_term *out, size_t max, const sk_summary *summary)
{
	size_t n = 0;
	for (size_t i = 0; summary && i < summary->count && n < max; i++) {
		const sk_summary_row *r = &summary->rows[i];
		bool seen = strstr(r->term, "..") != NULL;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k].label, r->term) == 0;
		if (seen)
			continue;
		out[n] = (sk_summary_term){r->term, false, {0, 0, 0}};
		out[n].dated = sk_summary_term_date(&out[n].date, r->term);
		n++;
	}
	/* Undated terms set aside before the dated ones, which go by date (a
	 * stable insertion sort: ties keep file order). */
	for (size_t i = 1; i < n; i++) {
		sk_summary_term t = out[i];
		size_t k = i;
		while (k > 0 && term_after(&out[k - 1], &t)) {
			out[k] = out[k - 1];
			k--;
		}
		out[k] = t;
	}
	return n;
}
