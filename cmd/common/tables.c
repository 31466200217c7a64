/* --columns and -f xlsx: see tables.h. */
#define _GNU_SOURCE             /* TIOCGWINSZ */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "mem_internal.h"
#include "tables.h"

#define MAX_XLSX_WIDTH 60       /* characters: a longer name wraps out of sight */

static size_t column_index(const sk_table *t, const char *name, size_t len)
{
	for (size_t i = 0; i < sk_table_column_count(t); i++) {
		const char *c = sk_table_column_name(t, i);
		if (strlen(c) == len && memcmp(c, name, len) == 0)
			return i;
	}
	return SIZE_MAX;
}

static const cli_column_group *find_group(const cli_column_group *groups, size_t ngroups,
					  const char *name, size_t len)
{
	for (size_t i = 0; i < ngroups; i++)
		if (strlen(groups[i].name) == len && memcmp(groups[i].name, name, len) == 0)
			return &groups[i];
	return NULL;
}

/* A column named twice (by name or through groups) is kept once, where it first came. */
static void add_unique(size_t *idx, size_t *n, size_t column)
{
	for (size_t i = 0; i < *n; i++)
		if (idx[i] == column)
			return;
	idx[(*n)++] = column;
}

/* Appends the columns of a comma-separated list to idx; groups expand (one
 * level: a group lists column names). Returns false on an unknown name,
 * with *bad and *bad_len set. */
static bool add_columns(size_t *idx, size_t *n, const sk_table *t, const char *list,
			const cli_column_group *groups, size_t ngroups, const char **bad,
			size_t *bad_len)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		const cli_column_group *g = groups ? find_group(groups, ngroups, p, len) : NULL;
		if (len == 3 && memcmp(p, "all", 3) == 0) {
			for (size_t i = 0; i < sk_table_column_count(t); i++)
				add_unique(idx, n, i);
		} else if (g) {
			if (!add_columns(idx, n, t, g->columns, NULL, 0, bad, bad_len))
				return false;
		} else if (len) {
			size_t i = column_index(t, p, len);
			if (i == SIZE_MAX) {
				*bad = p;
				*bad_len = len;
				return false;
			}
			add_unique(idx, n, i);
		}
		p += len + (p[len] == ',');
	}
	return true;
}

static int replace_with(sk_table **table, const size_t *idx, size_t n)
{
	sk_table *t = sk_table_select(*table, idx, n);
	if (!t) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	sk_table_free(*table);
	*table = t;
	return SK_EXIT_OK;
}

int cli_columns_select(sk_table **table, const char *list, const cli_column_group *groups,
		       size_t ngroups)
{
	/* Each column is kept at most once. */
	size_t *idx = sk_mem__array(sk_table_column_count(*table), sizeof(size_t));
	if (!idx) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	size_t n = 0, bad_len = 0;
	const char *bad = NULL;
	int status;
	if (!add_columns(idx, &n, *table, list, groups, ngroups, &bad, &bad_len))
		status = cli_usage_error("--columns: no column or group \"%.*s\": the header has "
					 "the names, --help the groups", (int)bad_len, bad);
	else if (n == 0)
		status = cli_usage_error("--columns: name at least one column or group");
	else
		status = replace_with(table, idx, n);
	free(idx);
	return status;
}

/* The widest line of the table as aligned text, in characters. */
static size_t text_width(const sk_table *t)
{
	char *buf = NULL;
	size_t len = 0, widest = 0, line = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return 0;
	sk_table_write(mem, t, SK_FORMAT_TABLE);
	fclose(mem);
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n') {
			widest = line > widest ? line : widest;
			line = 0;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			line++;
		}
	}
	free(buf);
	return line > widest ? line : widest;
}

static size_t terminal_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	long n = env ? strtol(env, NULL, 10) : 0;
	return n > 0 ? (size_t)n : 80;
}

int cli_columns_fit_terminal(sk_table **table, const cli_column_group *groups, size_t ngroups)
{
	const cli_column_group *g = find_group(groups, ngroups, "headline", strlen("headline"));
	size_t all = sk_table_column_count(*table);
	size_t *idx = sk_mem__array(all, sizeof(*idx));
	size_t n = 0, bad_len;
	const char *bad;
	if (!idx || !g || !add_columns(idx, &n, *table, g->columns, NULL, 0, &bad, &bad_len)) {
		free(idx);
		return idx ? SK_EXIT_OK : SK_EXIT_FAIL;
	}
	int status = replace_with(table, idx, n);
	size_t width = terminal_width();
	while (status == SK_EXIT_OK && n > 1 && text_width(*table) > width) {
		for (size_t i = 0; i < n - 1; i++)
			idx[i] = i;
		status = replace_with(table, idx, --n);
	}
	free(idx);
	if (status == SK_EXIT_OK)
		fprintf(stderr, "%s: %zu of %zu columns shown to fit the terminal: "
			"--columns all (or -f csv) shows every column\n", cli_prog(), n, all);
	return status;
}

bool cli_is_xlsx(const char *format)
{
	return format && strcmp(format, "xlsx") == 0;
}

int cli_table_format(sk_format *out_format, bool *out_xlsx, const char *name, bool excel)
{
	*out_format = SK_FORMAT_CSV;
	*out_xlsx = cli_is_xlsx(name);
	if (!*out_xlsx && sk_format_parse(out_format, name) != SK_OK)
		return cli_usage_error("--format: \"%s\" is not table, csv, tsv, json, markdown "
				       "or xlsx", name);
	if (excel && (*out_xlsx || (*out_format != SK_FORMAT_CSV && *out_format != SK_FORMAT_TSV)))
		return cli_usage_error("--excel is for -f csv or tsv, not %s", name);
	return SK_EXIT_OK;
}

/* A cell of a number column that is a whole finite number, as a double. */
static bool as_number(double *out, const char *s)
{
	char *end;
	if (!s || !*s || strchr(" \t\n+", *s))
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !*end && !errno && isfinite(*out);
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Text in the visible form the CSV output has: a byte that is not UTF-8 as
 * \xNN and a control character as an escape (XML 1.0 forbids both), so that
 * the workbook is always well-formed. */
static lxw_error write_text(lxw_worksheet *ws, size_t row, size_t col, const char *s)
{
	char *vis = cli_visible_copy(s);
	if (!vis)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	lxw_error err = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, vis, NULL);
	free(vis);
	return err;
}

struct cli_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	sk_column_type *types;
	size_t *widths;             /* the widest cell of each column, in characters */
	size_t ncols, rows;         /* rows written after the header */
	lxw_error err;              /* the first error */
	const char *path;           /* for messages */
};

/* Says what went wrong once, and gives SK_EXIT_FAIL. */
static int xlsx_failed(const cli_xlsx *x)
{
	cli_error("%s: cannot write the spreadsheet: %s", x->path, lxw_strerror(x->err));
	return SK_EXIT_FAIL;
}

static void xlsx_free(cli_xlsx *x)
{
	if (!x)
		return;
	free(x->types);
	free(x->widths);
	free(x);
}

int cli_xlsx_open(cli_xlsx **out, const sk_column *columns, size_t ncols, const char *sheet,
		  cli_output *output)
{
	/* A workbook is a zip file, written with seeks: a file, never a
	 * terminal (binary) or a pipe. */
	struct stat st;
	*out = NULL;
	if (fstat(fileno(output->fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		cli_error("-f xlsx writes a spreadsheet file: give -o FILE.xlsx (not a terminal "
			  "or a pipe)");
		return SK_EXIT_FAIL;
	}
	const char *path = output->path ? output->path : "standard output";
	if (fflush(output->fp) != 0) {
		cli_error("%s: write error: %s", path, strerror(errno));
		return SK_EXIT_FAIL;
	}
	cli_xlsx *x = calloc(1, sizeof(*x));
	if (x) {
		x->types = calloc(ncols ? ncols : 1, sizeof(*x->types));
		x->widths = calloc(ncols ? ncols : 1, sizeof(*x->widths));
	}
	if (!x || !x->types || !x->widths) {
		xlsx_free(x);
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	x->ncols = ncols;
	x->path = path;
	/* libxlsxwriter writes to a file name: the one of the descriptor already
	 * open (the temporary file made safely, or standard output). Each row
	 * goes to a temporary file as it comes (constant_memory), so that a
	 * workbook of any length takes the memory of one row. */
	char name[64];
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fileno(output->fp));
	lxw_workbook_options options = {.constant_memory = LXW_TRUE};
	x->wb = workbook_new_opt(name, &options);
	x->ws = x->wb ? workbook_add_worksheet(x->wb, sheet) : NULL;
	if (!x->ws)
		x->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	else if (ncols == 0 || ncols > LXW_COL_MAX)
		x->err = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	lxw_format *bold = x->err ? NULL : workbook_add_format(x->wb);
	if (bold)
		format_set_bold(bold);
	for (size_t c = 0; c < ncols && !x->err; c++) {
		x->types[c] = columns[c].type;
		x->widths[c] = chars(columns[c].name);
		x->err = worksheet_write_string(x->ws, 0, (lxw_col_t)c, columns[c].name, bold);
	}
	*out = x;
	if (x->err) {
		int status = xlsx_failed(x);
		cli_xlsx_abandon(x);
		*out = NULL;
		return status;
	}
	return SK_EXIT_OK;
}

int cli_xlsx_row(cli_xlsx *x, const char *const *cells)
{
	size_t r = x->rows + 1;
	if (r >= LXW_ROW_MAX)
		x->err = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	for (size_t c = 0; c < x->ncols && !x->err; c++) {
		const char *cell = cells[c];
		double v;
		if (!cell || !*cell)
			continue;
		/* Text goes in as text, never as a formula, whatever it starts with. */
		if (x->types[c] == SK_COL_NUMBER && as_number(&v, cell))
			x->err = worksheet_write_number(x->ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
		else
			x->err = write_text(x->ws, r, c, cell);
		size_t w = chars(cell);
		x->widths[c] = w > x->widths[c] ? w : x->widths[c];
	}
	x->rows++;
	if (x->err == LXW_ERROR_MEMORY_MALLOC_FAILED)
		return SK_ENOMEM;
	return x->err ? SK_EIO : SK_OK;
}

int cli_xlsx_close(cli_xlsx *x)
{
	/* Widths, the filter and the frozen header are written with the sheet's
	 * head when the workbook is closed, so they may come after the rows. */
	for (size_t c = 0; c < x->ncols && !x->err; c++) {
		size_t w = x->widths[c] > MAX_XLSX_WIDTH ? MAX_XLSX_WIDTH : x->widths[c];
		x->err = worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, (double)w + 2,
					      NULL);
	}
	if (!x->err)
		x->err = worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)x->rows,
					      (lxw_col_t)(x->ncols - 1));
	if (!x->err)
		worksheet_freeze_panes(x->ws, 1, 0);
	lxw_error closed = workbook_close(x->wb);
	x->wb = NULL;
	if (!x->err)
		x->err = closed;
	int status = x->err ? xlsx_failed(x) : SK_EXIT_OK;
	xlsx_free(x);
	return status;
}

void cli_xlsx_abandon(cli_xlsx *x)
{
	if (!x)
		return;
	if (x->wb)
		workbook_close(x->wb);   /* frees it; the output is discarded by the caller */
	xlsx_free(x);
}

int cli_xlsx_write(const sk_table *table, const char *sheet, cli_output *out)
{
	size_t ncols = sk_table_column_count(table), nrows = sk_table_row_count(table);
	sk_column *columns = calloc(ncols ? ncols : 1, sizeof(*columns));
	const char **cells = calloc(ncols ? ncols : 1, sizeof(*cells));
	cli_xlsx *x = NULL;
	int status = columns && cells ? SK_EXIT_OK : SK_EXIT_FAIL;
	if (status != SK_EXIT_OK)
		cli_error("%s", sk_strerror(SK_ENOMEM));
	for (size_t c = 0; status == SK_EXIT_OK && c < ncols; c++)
		columns[c] = (sk_column){sk_table_column_name(table, c),
					 sk_table_column_type(table, c)};
	if (status == SK_EXIT_OK)
		status = cli_xlsx_open(&x, columns, ncols, sheet, out);
	int rc = SK_OK;
	for (size_t r = 0; status == SK_EXIT_OK && rc == SK_OK && r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = sk_table_cell_at(table, r, c);
		rc = cli_xlsx_row(x, cells);
	}
	if (status == SK_EXIT_OK)
		status = cli_xlsx_close(x);
	free(columns);
	free(cells);
	return status;
}
