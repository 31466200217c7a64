/* The tabular writer behind every command's --format: aligned text, CSV, TSV,
 * JSON and Markdown. Lines end in "\n" in every format, CSV included (RFC 4180
 * asks for CRLF, but every reader we target accepts LF, and Unix tools expect it). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "sendkit/table.h"

struct sk_table {
	size_t ncols;
	char **names;
	sk_column_type *types;
	char **cells;          /* row-major, nrows * ncols; NULL for an empty cell */
	size_t nrows, cap;     /* cap in rows */
};

const char *sk_table_column_name(const sk_table *table, size_t column)
{
	return table && column < table->ncols ? table->names[column] : NULL;
}

sk_column_type sk_table_column_type(const sk_table *table, size_t column)
{
	return table && column < table->ncols ? table->types[column] : SK_COL_TEXT;
}

sk_table *sk_table_select(const sk_table *table, const size_t *columns, size_t count)
{
	sk_column *cols = calloc(count ? count : 1, sizeof(*cols));
	const char **cells = calloc(count ? count : 1, sizeof(*cells));
	sk_table *t = NULL;
	if (!table || !cols || !cells)
		goto done;
	for (size_t i = 0; i < count; i++) {
		if (columns[i] >= table->ncols)
			goto done;
		cols[i].name = table->names[columns[i]];
		cols[i].type = table->types[columns[i]];
	}
	t = sk_table_new(cols, count);
	for (size_t r = 0; t && r < table->nrows; r++) {
		for (size_t i = 0; i < count; i++)
			cells[i] = table->cells[r * table->ncols + columns[i]];
		if (sk_table_add_row(t, cells) != SK_OK) {
			sk_table_free(t);
			t = NULL;
		}
	}
done:
	free(cols);
	free(cells);
	return t;
}

/* A stream and whether every write so far succeeded. */
typedef struct writer {
	FILE *f;
	bool ok;
} writer;

static const char *const format_names[] = {
	[SK_FORMAT_TABLE] = "table",
	[SK_FORMAT_CSV] = "csv",
	[SK_FORMAT_TSV] = "tsv",
	[SK_FORMAT_JSON] = "json",
	[SK_FORMAT_MARKDOWN] = "markdown",
};

#define SK_FORMAT_COUNT (sizeof(format_names) / sizeof(format_names[0]))

int sk_format_parse(sk_format *out, const char *name)
{
	if (!name)
		return SK_EINVAL;
	for (size_t i = 0; i < SK_FORMAT_COUNT; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (sk_format)i;
			return SK_OK;
		}
	}
	if (strcmp(name, "text") == 0) {
		*out = SK_FORMAT_TABLE;
		return SK_OK;
	}
	if (strcmp(name, "md") == 0) {
		*out = SK_FORMAT_MARKDOWN;
		return SK_OK;
	}
	return SK_EINVAL;
}

const char *sk_format_name(sk_format f)
{
	return (unsigned)f < SK_FORMAT_COUNT ? format_names[f] : "";
}

static char *copy_string(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

sk_table *sk_table_new(const sk_column *columns, size_t count)
{
	sk_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ncols = count;
	t->names = calloc(count ? count : 1, sizeof(*t->names));
	t->types = calloc(count ? count : 1, sizeof(*t->types));
	if (!t->names || !t->types) {
		sk_table_free(t);
		return NULL;
	}
	for (size_t i = 0; i < count; i++) {
		t->names[i] = copy_string(columns[i].name ? columns[i].name : "");
		if (!t->names[i]) {
			sk_table_free(t);
			return NULL;
		}
		t->types[i] = columns[i].type;
	}
	return t;
}

void sk_table_free(sk_table *table)
{
	if (!table)
		return;
	for (size_t i = 0; i < table->nrows * table->ncols; i++)
		free(table->cells[i]);
	free(table->cells);
	if (table->names)
		for (size_t i = 0; i < table->ncols; i++)
			free(table->names[i]);
	free(table->names);
	free(table->types);
	free(table);
}

static int reserve_row(sk_table *t)
{
	if (t->nrows < t->cap)
		return SK_OK;
	size_t cap = t->cap ? t->cap * 2 : 16;
	size_t width = t->ncols ? t->ncols : 1;
	if (cap > SIZE_MAX / sizeof(char *) / width)
		return SK_ENOMEM;
	char **cells = realloc(t->cells, cap * width * sizeof(*cells));
	if (!cells)
		return SK_ENOMEM;
	t->cells = cells;
	t->cap = cap;
	return SK_OK;
}

int sk_table_add_row(sk_table *table, const char *const *cells)
{
	if (reserve_row(table) != SK_OK)
		return SK_ENOMEM;
	char **row = table->cells + table->nrows * table->ncols;
	for (size_t i = 0; i < table->ncols; i++) {
		const char *cell = cells ? cells[i] : NULL;
		row[i] = NULL;
		if (cell && !(row[i] = copy_string(cell))) {
			for (size_t j = 0; j < i; j++)
				free(row[j]);
			return SK_ENOMEM;
		}
	}
	table->nrows++;
	return SK_OK;
}

size_t sk_table_row_count(const sk_table *table)
{
	return table ? table->nrows : 0;
}

size_t sk_table_column_count(const sk_table *table)
{
	return table ? table->ncols : 0;
}

const char *sk_table_cell(const sk_table *table, size_t row, size_t column)
{
	if (!table || row >= table->nrows || column >= table->ncols)
		return NULL;
	return table->cells[row * table->ncols + column];
}

/* Low-level output: each helper records a failure in w->ok. */

static void put_bytes(writer *w, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, w->f) != n)
		w->ok = false;
}

static void put_str(writer *w, const char *s)
{
	put_bytes(w, s, strlen(s));
}

static void put_char(writer *w, char c)
{
	if (fputc((unsigned char)c, w->f) == EOF)
		w->ok = false;
}

static void put_spaces(writer *w, size_t n)
{
	while (n--)
		put_char(w, ' ');
}

static int writer_finish(writer *w)
{
	if (fflush(w->f) == EOF || ferror(w->f))
		w->ok = false;
	return w->ok ? SK_OK : SK_EIO;
}

static bool is_line_break(char c)
{
	return c == '\n' || c == '\r';
}

/* Writes s with each control character (tab, CR, LF...) as one space. */
static void put_flat(writer *w, const char *s)
{
	size_t run = 0;
	for (size_t i = 0; s[i]; i++) {
		if ((unsigned char)s[i] >= 0x20)
			continue;
		put_bytes(w, s + run, i - run);
		put_char(w, ' ');
		run = i + 1;
	}
	put_str(w, s + run);
}

/* Width in code points: every byte that does not continue a UTF-8 sequence. */
static size_t utf8_width(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *const *header_cells(const sk_table *t)
{
	return (const char *const *)t->names;
}

static const char *const *row_cells(const sk_table *t, size_t row)
{
	return (const char *const *)t->cells + row * t->ncols;
}

/* Writes one line of a delimited format (CSV, TSV, Markdown). */
typedef void line_writer(writer *w, size_t ncols, const char *const *cells);

static void put_rows(const sk_table *t, writer *w, line_writer *line)
{
	for (size_t r = 0; r < t->nrows; r++)
		line(w, t->ncols, row_cells(t, r));
}

/* Aligned text. Padding is held back until something follows it, so no line
 * ends in spaces. */

static void put_aligned_line(writer *w, const sk_table *t, const char *const *cells,
			     const size_t *widths)
{
	size_t pending = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		size_t pad = widths[c] - utf8_width(s);
		if (c > 0)
			pending += 2;
		if (t->types[c] == SK_COL_NUMBER)
			pending += pad;
		if (*s) {
			put_spaces(w, pending);
			put_flat(w, s);
			pending = 0;
		}
		if (t->types[c] != SK_COL_NUMBER)
			pending += pad;
	}
	put_char(w, '\n');
}

static void put_rule(writer *w, size_t ncols, const size_t *widths)
{
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			put_spaces(w, 2);
		for (size_t i = 0; i < widths[c]; i++)
			put_char(w, '-');
	}
	put_char(w, '\n');
}

static int write_aligned(const sk_table *t, writer *w)
{
	size_t *widths = calloc(t->ncols ? t->ncols : 1, sizeof(*widths));
	if (!widths)
		return SK_ENOMEM;
	for (size_t c = 0; c < t->ncols; c++) {
		widths[c] = utf8_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t n = utf8_width(t->cells[r * t->ncols + c]);
			if (n > widths[c])
				widths[c] = n;
		}
	}
	put_aligned_line(w, t, header_cells(t), widths);
	put_rule(w, t->ncols, widths);
	for (size_t r = 0; r < t->nrows; r++)
		put_aligned_line(w, t, row_cells(t, r), widths);
	free(widths);
	return SK_OK;
}

/* CSV */

static bool csv_needs_quotes(const char *s, size_t n)
{
	/* Readers (libcsv among them) trim unquoted spaces and tabs at either end. */
	if (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

int sk_csv_write_field(FILE *out, const char *s)
{
	if (!s)
		return SK_OK;
	size_t n = strlen(s);
	if (csv_needs_quotes(s, n))
		return csv_fwrite(out, s, n) == 0 ? SK_OK : SK_EIO;
	return n == 0 || fwrite(s, 1, n, out) == n ? SK_OK : SK_EIO;
}

static void put_csv_line(writer *w, size_t ncols, const char *const *cells)
{
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			put_char(w, ',');
		/* A lone empty field would be a blank line, which readers skip. */
		if (ncols == 1 && (!cells[c] || !*cells[c]))
			put_str(w, "\"\"");
		else if (sk_csv_write_field(w->f, cells[c]) != SK_OK)
			w->ok = false;
	}
	put_char(w, '\n');
}

static int write_csv(const sk_table *t, writer *w)
{
	put_csv_line(w, t->ncols, header_cells(t));
	put_rows(t, w, put_csv_line);
	return SK_OK;
}

/* TSV */

static void put_tsv_line(writer *w, size_t ncols, const char *const *cells)
{
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			put_char(w, '\t');
		if (cells[c])
			put_flat(w, cells[c]);
	}
	put_char(w, '\n');
}

static int write_tsv(const sk_table *t, writer *w)
{
	put_tsv_line(w, t->ncols, header_cells(t));
	put_rows(t, w, put_tsv_line);
	return SK_OK;
}

/* JSON */

static void put_json_string(writer *w, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;
	put_char(w, '"');
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c >= 0x20)
				continue;
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 0xF];
			u[6] = '\0';
			esc = u;
		}
		put_bytes(w, s + run, i - run);
		put_str(w, esc);
		run = i + 1;
	}
	put_str(w, s + run);
	put_char(w, '"');
}

/* NULL is written as null; bytes from 0x80 up (UTF-8) are passed through. */
int sk_json_write_string(FILE *out, const char *s)
{
	writer w = {out, true};
	if (s)
		put_json_string(&w, s);
	else
		put_str(&w, "null");
	return w.ok && !ferror(out) ? SK_OK : SK_EIO;
}

static const char *skip_digits(const char *s)
{
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

/* True when s is a number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool is_json_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p = skip_digits(p);
	else
		return false;
	if (*p == '.') {
		const char *q = skip_digits(++p);
		if (q == p)
			return false;
		p = q;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		const char *q = skip_digits(p);
		if (q == p)
			return false;
		p = q;
	}
	return *p == '\0';
}

static void put_json_value(writer *w, const char *s, sk_column_type type)
{
	if (!s)
		put_str(w, "null");
	else if (type == SK_COL_NUMBER && is_json_number(s))
		put_str(w, s);
	else
		put_json_string(w, s);
}

static int write_json(const sk_table *t, writer *w)
{
	if (t->nrows == 0) {
		put_str(w, "[]\n");
		return SK_OK;
	}
	put_str(w, "[\n");
	for (size_t r = 0; r < t->nrows; r++) {
		put_str(w, "  {");
		for (size_t c = 0; c < t->ncols; c++) {
			if (c > 0)
				put_str(w, ", ");
			put_json_string(w, t->names[c]);
			put_str(w, ": ");
			put_json_value(w, row_cells(t, r)[c], t->types[c]);
		}
		put_str(w, r + 1 < t->nrows ? "},\n" : "}\n");
	}
	put_str(w, "]\n");
	return SK_OK;
}

/* Markdown */

static void put_markdown_cell(writer *w, const char *s)
{
	size_t run = 0;
	for (size_t i = 0; s[i]; i++) {
		const char *esc;
		if (s[i] == '|')
			esc = "\\|";
		else if (is_line_break(s[i]))
			esc = "<br>";
		else
			continue;
		put_bytes(w, s + run, i - run);
		put_str(w, esc);
		if (s[i] == '\r' && s[i + 1] == '\n')
			i++;
		run = i + 1;
	}
	put_str(w, s + run);
}

static void put_markdown_line(writer *w, size_t ncols, const char *const *cells)
{
	put_char(w, '|');
	for (size_t c = 0; c < ncols; c++) {
		put_char(w, ' ');
		if (cells[c])
			put_markdown_cell(w, cells[c]);
		put_str(w, " |");
	}
	put_char(w, '\n');
}

static int write_markdown(const sk_table *t, writer *w)
{
	put_markdown_line(w, t->ncols, header_cells(t));
	put_char(w, '|');
	for (size_t c = 0; c < t->ncols; c++)
		put_str(w, t->types[c] == SK_COL_NUMBER ? " ---: |" : " --- |");
	put_char(w, '\n');
	put_rows(t, w, put_markdown_line);
	return SK_OK;
}

int sk_table_write(const sk_table *table, sk_format format, FILE *out)
{
	if (!table || !out)
		return SK_EINVAL;
	writer w = {out, true};
	int rc;
	switch (format) {
	case SK_FORMAT_TABLE: rc = write_aligned(table, &w); break;
	case SK_FORMAT_CSV: rc = write_csv(table, &w); break;
	case SK_FORMAT_TSV: rc = write_tsv(table, &w); break;
	case SK_FORMAT_JSON: rc = write_json(table, &w); break;
	case SK_FORMAT_MARKDOWN: rc = write_markdown(table, &w); break;
	default: return SK_EINVAL;
	}
	int wrc = writer_finish(&w);
	return rc != SK_OK ? rc : wrc;
}
