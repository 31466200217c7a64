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
	size_t *idx = malloc((sk_table_column_count(*table) + 1) * sizeof(size_t));
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
	size_t *idx = malloc((all + 1) * sizeof(*idx));
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

static lxw_error fill_sheet(lxw_workbook *wb, lxw_worksheet *ws, const sk_table *t)
{
	size_t nrows = sk_table_row_count(t), ncols = sk_table_column_count(t);
	if (nrows >= LXW_ROW_MAX || ncols > LXW_COL_MAX || ncols == 0)
		return LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_error err = LXW_NO_ERROR;
	for (size_t c = 0; c < ncols && !err; c++) {
		const char *name = sk_table_column_name(t, c);
		size_t width = chars(name);
		err = worksheet_write_string(ws, 0, (lxw_col_t)c, name, bold);
		for (size_t r = 0; r < nrows && !err; r++) {
			const char *cell = sk_table_cell_at(t, r, c);
			double v;
			if (!cell || !*cell)
				continue;
			/* Text goes in as text, never as a formula, whatever it starts with. */
			if (sk_table_column_type(t, c) == SK_COL_NUMBER && as_number(&v, cell))
				err = worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, v,
							     NULL);
			else
				err = write_text(ws, r + 1, c, cell);
			width = chars(cell) > width ? chars(cell) : width;
		}
		if (!err)
			err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
						   (double)(width > MAX_XLSX_WIDTH ? MAX_XLSX_WIDTH
							    : width) + 2, NULL);
	}
	if (!err)
		err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
	if (!err)
		worksheet_freeze_panes(ws, 1, 0);
	return err;
}

int cli_xlsx_write(const sk_table *table, const char *sheet, cli_output *out)
{
	/* A workbook is a zip file, written with seeks: a file, never a
	 * terminal (binary) or a pipe. */
	struct stat st;
	if (fstat(fileno(out->fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		cli_error("-f xlsx writes a spreadsheet file: give -o FILE.xlsx (not a terminal "
			  "or a pipe)");
		return SK_EXIT_FAIL;
	}
	/* libxlsxwriter writes to a file name: the one of the descriptor already
	 * open (the temporary file made safely, or standard output). */
	char path[64];
	if (fflush(out->fp) != 0) {
		cli_error("%s: write error: %s", out->path ? out->path : "standard output",
			  strerror(errno));
		return SK_EXIT_FAIL;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fileno(out->fp));
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	lxw_error err = ws ? fill_sheet(wb, ws, table) : LXW_ERROR_MEMORY_MALLOC_FAILED;
	lxw_error closed = wb ? workbook_close(wb) : LXW_NO_ERROR;
	if (err == LXW_NO_ERROR)
		err = closed;
	if (err != LXW_NO_ERROR) {
		cli_error("%s: cannot write the spreadsheet: %s",
			  out->path ? out->path : "standard output", lxw_strerror(err));
		return SK_EXIT_FAIL;
	}
	return SK_EXIT_OK;
}
