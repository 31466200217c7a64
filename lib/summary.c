/* The census summary CSV reader (formats.md section 6) and the CSV record
 * reader it shares with national.c. */
#include <csv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/escape.h"
#include "sendkit/pct.h"
#include "sendkit/summary.h"
#include "sendkit/text.h"
#include "sendkit/when.h"
#include "summary_internal.h"

/* ---- CSV records ---- */

typedef struct reader {
	char **fields;
	size_t count, cap;
	unsigned line;          /* the line being fed to the parser */
	unsigned record_line;   /* where the current record started */
	sk_summary__record_fn fn;
	void *ctx;
	int rc;                 /* the first failure; stops everything after it */
} reader;

static void reader_clear(reader *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->fields[i]);
	r->count = 0;
}

static unsigned newlines_in(const char *s, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

static void on_field(void *data, size_t len, void *cb_data)
{
	reader *r = cb_data;
	if (r->rc)
		return;
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		char **v = realloc(r->fields, cap * sizeof(*v));
		if (!v) {
			r->rc = SK_ENOMEM;
			return;
		}
		r->fields = v;
		r->cap = cap;
	}
	char *copy = malloc(len + 1);
	if (!copy) {
		r->rc = SK_ENOMEM;
		return;
	}
	if (len)
		memcpy(copy, data, len);
	copy[len] = '\0';
	/* The record starts where its first field did, newlines quoted inside it included. */
	if (r->count == 0)
		r->record_line = r->line - newlines_in(copy, len);
	r->fields[r->count++] = copy;
}

static void on_record(int term, void *cb_data)
{
	reader *r = cb_data;
	(void)term;
	if (!r->rc && r->count)
		r->rc = r->fn(r->ctx, r->fields, r->count, r->record_line);
	reader_clear(r);
}

static int feed(struct csv_parser *p, reader *r, const char *text, size_t len,
		const char *file, sk_diags *diags)
{
	size_t start = 0;
	while (start < len && !r->rc) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		r->line++;
		if (csv_parse(p, text + start, end - start, on_field, on_record, r) != end - start) {
			/* In strict mode the only parse error is a quote in an unquoted value. */
			int err = csv_error(p);
			sk_diags_add(diags, file, (sk_pos){r->line, 1}, SK_ERROR, "csv-syntax",
				     "%s", err == CSV_EPARSE
				     ? "a quote inside a value that does not start with one: quote "
				       "the whole value and double the inner quote (\"12\"\" ruler\")"
				     : csv_strerror(err));
			return SK_EINVAL;
		}
		start = end;
	}
	if (r->rc)
		return r->rc;
	if (csv_fini(p, on_field, on_record, r) != 0) {
		sk_diags_add(diags, file, (sk_pos){r->line, 1}, SK_ERROR, "csv-syntax",
			     "the file ends inside a quoted field: a closing quote is missing");
		return SK_EINVAL;
	}
	return r->rc;
}

int sk_summary__each_record(const char *bytes, size_t len, const char *file,
			    sk_diags *diags, sk_summary__record_fn fn, void *ctx)
{
	char *text = NULL;
	size_t tlen = 0;
	int rc = sk_text_decode(&text, &tlen, NULL, bytes, len, file, diags);
	if (rc != SK_OK)
		return rc;
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(text);
		return SK_ENOMEM;
	}
	/* libcsv grows a field by this much at a time: its default, 128 bytes,
	 * makes a field of megabytes cost a quadratic number of copies. */
	csv_set_blk_size(&p, 1 << 20);
	reader r = {.fn = fn, .ctx = ctx};
	rc = feed(&p, &r, text, tlen, file, diags);
	reader_clear(&r);
	free(r.fields);
	csv_free(&p);
	free(text);
	return rc;
}

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
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 32;
		sk_summary_row *v = realloc(s->rows, cap * sizeof(*v));
		if (!v)
			return SK_ENOMEM;
		s->rows = v;
		s->cap = cap;
	}
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
	sk_summary__index_free(summary->index);
	free(summary->rows);
	free(summary);
}

int sk_summary_load(sk_summary **out, const char *bytes, size_t len,
		    const char *file, sk_diags *diags)
{
	*out = NULL;
	sk_summary *s = calloc(1, sizeof(*s));
	if (!s)
		return SK_ENOMEM;
	s->file = file;
	s->diags = diags;
	int rc = sk_summary__each_record(bytes, len, file, diags, on_summary_record, s);
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
