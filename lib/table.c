/* The tabular writer behind every command's --format: aligned text, CSV, TSV,
 * JSON and Markdown. Lines end in "\n" in every format, CSV included (RFC 4180
 * asks for CRLF, but every reader we target accepts LF, and Unix tools expect
 * it), except with SK_TABLE_EXCEL. Cells go through sendkit/escape.h's escapes. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "escape_internal.h"
#include "mem_internal.h"
#include "sendkit/escape.h"
#include "sendkit/table.h"
#include "text_internal.h"

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
	unsigned flags;      /* SK_TABLE_* */
	const char *eol;
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
	size_t width = t->ncols ? t->ncols : 1;
	if (width > SIZE_MAX / sizeof(*t->cells))
		return SK_ENOMEM;
	/* A row of cells is one element. */
	return sk_mem__grow(&t->cells, &t->cap, t->nrows + 1, width * sizeof(*t->cells));
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

const char *sk_table_cell_at(const sk_table *table, size_t row, size_t column)
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

/* Writes s with each control character shown as an escape (sendkit/escape.h). */
static void put_visible(writer *w, const char *s)
{
	if (sk_escape_write_visible(w->f, s, strlen(s)) != SK_OK)
		w->ok = false;
}

/* Width in characters of what put_visible writes. */
static size_t text_width(const char *s)
{
	return s ? sk_escape_visible_width(s, strlen(s)) : 0;
}

static const char *const *header_cells(const sk_table *t)
{
	return (const char *const *)t->names;
}

static const char *const *row_cells(const sk_table *t, size_t row)
{
	return (const char *const *)t->cells + row * t->ncols;
}

/* Aligned text. Padding is held back until something follows it, so no line
 * ends in spaces. */

static void put_aligned_line(writer *w, const sk_table *t, const char *const *cells,
			     const size_t *widths)
{
	size_t pending = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		size_t pad = widths[c] - text_width(s);
		if (c > 0)
			pending += 2;
		if (t->types[c] == SK_COL_NUMBER)
			pending += pad;
		if (*s) {
			put_spaces(w, pending);
			put_visible(w, s);
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
		widths[c] = text_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t n = text_width(t->cells[r * t->ncols + c]);
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

/* CSV and TSV: control characters shown as escapes, and a cell a
 * spreadsheet would run as a formula given an apostrophe (sendkit/escape.h). */

/* s in its visible form: s itself, or a copy to free in *copy. NULL when out of memory. */
static const char *visible_text(const char *s, char **copy)
{
	*copy = NULL;
	if (!sk_escape__changes_visible(s, strlen(s)))
		return s;
	size_t len = 0;
	FILE *mem = open_memstream(copy, &len);
	if (!mem)
		return NULL;
	int rc = sk_escape_write_visible(mem, s, strlen(s));
	if (fclose(mem) != 0 || rc != SK_OK) {
		free(*copy);
		*copy = NULL;
		return NULL;
	}
	return *copy;
}

static bool csv_needs_quotes(const char *s, size_t n)
{
	/* Readers (libcsv among them) trim unquoted spaces and tabs at either end. */
	if (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static void put_quoted(writer *w, const char *prefix, const char *s)
{
	put_char(w, '"');
	put_str(w, prefix);
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		put_bytes(w, s, (size_t)(q - s));
		put_str(w, "\"\"");
	}
	put_str(w, s);
	put_char(w, '"');
}

static void put_csv_field(writer *w, const char *s)
{
	if (!s)
		return;
	char *copy;
	const char *v = visible_text(s, &copy);
	if (!v) {
		w->ok = false;
		return;
	}
	if (!(w->flags & SK_TABLE_ALLOW_FORMULAS) && sk_escape_formula_risk(s))
		put_quoted(w, "'", v);
	else if (csv_needs_quotes(v, strlen(v)))
		put_quoted(w, "", v);
	else
		put_str(w, v);
	free(copy);
}

int sk_csv_write_field(FILE *out, const char *s)
{
	writer w = {.f = out, .ok = true};
	put_csv_field(&w, s);
	return w.ok ? SK_OK : SK_EIO;
}

/* A CSV line's plain cells are gathered here and written by one stdio call,
 * not one a cell. */
typedef struct line_buf {
	char b[1024];
	size_t n;
} line_buf;

static void line_flush(writer *w, line_buf *l)
{
	put_bytes(w, l->b, l->n);
	l->n = 0;
}

static void line_add(writer *w, line_buf *l, const char *s, size_t n)
{
	if (l->n + n > sizeof(l->b)) {
		line_flush(w, l);
		if (n > sizeof(l->b)) {
			put_bytes(w, s, n);
			return;
		}
	}
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

/* Adds s to the line when CSV writes it as it is: printable ASCII that no
 * escape, formula guard or quoting changes (a count, a URN, most names), in
 * one pass instead of the general rules' several. False, the line as it
 * was, for anything else, and for a byte it is unsure of (':', '[', a space
 * at either end, a first byte a formula could start with, a full line):
 * put_csv_field writes those. */
static bool add_plain(line_buf *l, const char *s)
{
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\'': case ' ':
		return false;
	}
	size_t n = l->n;
	for (unsigned char b; (b = (unsigned char)*s); s++) {
		if ((unsigned)b - 0x20u > 0x7Eu - 0x20u || b == '"' || b == ',' || b == ':'
		    || b == '[' || n == sizeof(l->b))
			return false;
		l->b[n++] = (char)b;
	}
	if (n > l->n && l->b[n - 1] == ' ')
		return false;
	l->n = n;
	return true;
}

static void put_csv_line(writer *w, size_t ncols, const char *const *cells)
{
	line_buf l;
	l.n = 0;
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			line_add(w, &l, ",", 1);
		/* A lone empty field would be a blank line, which readers skip. */
		if (ncols == 1 && (!cells[c] || !*cells[c])) {
			line_add(w, &l, "\"\"", 2);
		} else if (cells[c] && !add_plain(&l, cells[c])) {
			line_flush(w, &l);
			put_csv_field(w, cells[c]);
		}
	}
	line_add(w, &l, w->eol, strlen(w->eol));
	line_flush(w, &l);
}

/* TSV */

static void put_tsv_line(writer *w, size_t ncols, const char *const *cells)
{
	for (size_t c = 0; c < ncols; c++) {
		if (c > 0)
			put_char(w, '\t');
		if (!cells[c])
			continue;
		if (!(w->flags & SK_TABLE_ALLOW_FORMULAS) && sk_escape_formula_risk(cells[c]))
			put_char(w, '\'');
		put_visible(w, cells[c]);
	}
	put_str(w, w->eol);
}

/* JSON */

/* The JSON escape for a character that must not go out as it is: a control
 * character (sendkit/escape.h) as \uNNNN, a byte that is not UTF-8 as the
 * text "\xNN" (so the output stays UTF-8 and the byte can be read back);
 * the '[' of "#[" as \u005b, which reads back as '[' (sendkit/escape.h). */
static const char *json_escape(char buf[8], uint32_t cp, unsigned char byte, bool bracket)
{
	if (bracket)
		return "\\u005b";
	switch (cp) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	default: break;
	}
	if (cp == SK_TEXT__BAD)
		return sk_escape__hex(buf, "\\\\x", byte, 2);
	return sk_escape_is_control(cp) ? sk_escape__hex(buf, "\\u", cp, 4) : NULL;
}

static void put_json_string(writer *w, const char *s)
{
	size_t len = strlen(s), run = 0, i = 0;
	put_char(w, '"');
	while (i < len) {
		uint32_t cp = (unsigned char)s[i];
		size_t n = cp < 0x80 ? 1 : sk_text__next(s + i, len - i, &cp);
		char buf[8];
		const char *esc = json_escape(buf, cp, (unsigned char)s[i],
					      sk_escape__opens_bracket_command(s, i));
		if (esc) {
			put_bytes(w, s + run, i - run);
			put_str(w, esc);
			run = i + n;
		}
		i += n;
	}
	put_str(w, s + run);
	put_char(w, '"');
}

/* NULL is written as null. */
int sk_json_write_string(FILE *out, const char *s)
{
	writer w = {.f = out, .ok = true};
	if (s)
		put_json_string(&w, s);
	else
		put_str(&w, "null");
	return w.ok && !ferror(out) ? SK_OK : SK_EIO;
}

/* A count withheld for confidentiality: "c", as the DfE publishes it. */
static bool is_suppressed(const char *s)
{
	return s && strcmp(s, SK_TABLE_SUPPRESSED) == 0;
}

static void put_json_value(writer *w, const char *s, sk_column_type type)
{
	if (!s || (type == SK_COL_NUMBER && is_suppressed(s)))
		put_str(w, "null");
	else if (type == SK_COL_NUMBER && sk_escape__is_number(s))
		put_str(w, s);
	else if (type == SK_COL_BOOLEAN && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0))
		put_str(w, s);
	else
		put_json_string(w, s);
}

/* A row's suppressed counts are null, and their columns are listed in
 * "suppressed", so that a reader needs no string test on a number field. */
static void put_json_suppressed(writer *w, const sk_table *t, const char *const *cells)
{
	bool any = false;
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->types[c] != SK_COL_NUMBER || !is_suppressed(cells[c]))
			continue;
		put_str(w, any ? ", " : ", \"suppressed\": [");
		put_json_string(w, t->names[c]);
		any = true;
	}
	if (any)
		put_char(w, ']');
}

/* One row as an object. Rows are separated before the next one comes, so
 * that a stream need not know which row is the last. */
static void put_json_row(writer *w, const sk_table *t, const char *const *cells, size_t index)
{
	put_str(w, index == 0 ? "[\n  {" : ",\n  {");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0)
			put_str(w, ", ");
		put_json_string(w, t->names[c]);
		put_str(w, ": ");
		put_json_value(w, cells[c], t->types[c]);
	}
	put_json_suppressed(w, t, cells);
	put_char(w, '}');
}

/* Markdown */

static void put_markdown_line(writer *w, size_t ncols, const char *const *cells)
{
	put_char(w, '|');
	for (size_t c = 0; c < ncols; c++) {
		put_char(w, ' ');
		if (cells[c] && sk_escape__is_number(cells[c]))
			put_str(w, cells[c]);
		else if (cells[c] && sk_escape_write_markdown(w->f, cells[c]) != SK_OK)
			w->ok = false;
		put_str(w, " |");
	}
	put_char(w, '\n');
}

static void put_markdown_rule(writer *w, const sk_table *t)
{
	put_char(w, '|');
	for (size_t c = 0; c < t->ncols; c++)
		put_str(w, t->types[c] == SK_COL_NUMBER ? " ---: |" : " --- |");
	put_char(w, '\n');
}

/* ---- writing, whole or row by row ---- */

/* Every format but aligned text is written as its rows come: what comes
 * before the first row, each row, and what comes after the last. */
struct sk_table_writer {
	writer w;
	sk_format format;
	const sk_table *t;      /* the columns; for aligned text the rows as well */
	sk_table *own;          /* t, when the writer made it */
	size_t nrows;
};

static void put_begin(sk_table_writer *tw)
{
	writer *w = &tw->w;
	const sk_table *t = tw->t;
	switch (tw->format) {
	case SK_FORMAT_CSV:
		if (w->flags & SK_TABLE_EXCEL)
			put_str(w, "\xEF\xBB\xBF");
		put_csv_line(w, t->ncols, header_cells(t));
		break;
	case SK_FORMAT_TSV:
		put_tsv_line(w, t->ncols, header_cells(t));
		break;
	case SK_FORMAT_MARKDOWN:
		put_markdown_line(w, t->ncols, header_cells(t));
		put_markdown_rule(w, t);
		break;
	default:
		break;
	}
}

static void put_row(sk_table_writer *tw, const char *const *cells)
{
	writer *w = &tw->w;
	switch (tw->format) {
	case SK_FORMAT_CSV: put_csv_line(w, tw->t->ncols, cells); break;
	case SK_FORMAT_TSV: put_tsv_line(w, tw->t->ncols, cells); break;
	case SK_FORMAT_JSON: put_json_row(w, tw->t, cells, tw->nrows); break;
	case SK_FORMAT_MARKDOWN: put_markdown_line(w, tw->t->ncols, cells); break;
	default: break;
	}
	tw->nrows++;
}

static int put_end(sk_table_writer *tw)
{
	int rc = SK_OK;
	if (tw->format == SK_FORMAT_TABLE)
		rc = write_aligned(tw->t, &tw->w);
	else if (tw->format == SK_FORMAT_JSON)
		put_str(&tw->w, tw->nrows ? "\n]\n" : "[]\n");
	int wrc = writer_finish(&tw->w);
	return rc != SK_OK ? rc : wrc;
}

static bool known_format(sk_format format)
{
	return (unsigned)format < SK_FORMAT_COUNT;
}

static void writer_init(sk_table_writer *tw, const sk_table *t, sk_format format,
			unsigned flags, FILE *out)
{
	memset(tw, 0, sizeof(*tw));
	tw->w = (writer){.f = out, .ok = true, .flags = flags,
			 .eol = flags & SK_TABLE_EXCEL ? "\r\n" : "\n"};
	tw->format = format;
	tw->t = t;
}

int sk_table_writer_new(sk_table_writer **out, const sk_column *columns, size_t count,
			sk_format format, unsigned flags, FILE *fp)
{
	*out = NULL;
	if (!fp || !known_format(format))
		return SK_EINVAL;
	sk_table_writer *tw = malloc(sizeof(*tw));
	sk_table *t = sk_table_new(columns, count);
	if (!tw || !t) {
		free(tw);
		sk_table_free(t);
		return SK_ENOMEM;
	}
	writer_init(tw, t, format, flags, fp);
	tw->own = t;
	put_begin(tw);
	*out = tw;
	return SK_OK;
}

int sk_table_writer_row(sk_table_writer *tw, const char *const *cells)
{
	if (tw->format == SK_FORMAT_TABLE)
		return sk_table_add_row(tw->own, cells);
	put_row(tw, cells);
	return tw->w.ok ? SK_OK : SK_EIO;
}

int sk_table_writer_finish(sk_table_writer *tw)
{
	return put_end(tw);
}

void sk_table_writer_free(sk_table_writer *tw)
{
	if (!tw)
		return;
	sk_table_free(tw->own);
	free(tw);
}

int sk_table_write(FILE *out, const sk_table *table, sk_format format)
{
	return sk_table_write_with(out, table, format, 0);
}

int sk_table_write_with(FILE *out, const sk_table *table, sk_format format, unsigned flags)
{
	if (!table || !out || !known_format(format))
		return SK_EINVAL;
	sk_table_writer tw;
	writer_init(&tw, table, format, flags, out);
	put_begin(&tw);
	for (size_t r = 0; format != SK_FORMAT_TABLE && r < table->nrows; r++)
		put_row(&tw, row_cells(table, r));
	return put_end(&tw);
}
