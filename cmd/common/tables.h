/* tables.h: what census-summary and review-score add to their sk_table
 * output: --columns (column names and named groups of them, with a default
 * that fits a terminal) and -f xlsx (a real spreadsheet, through
 * libxlsxwriter). The tables are the caller's; *table is replaced in place. */
#ifndef SK_TABLES_H
#define SK_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "sendkit/table.h"

/* A name for several columns, e.g. "headline" or "needs". */
typedef struct cli_column_group {
	const char *name;
	const char *columns;     /* comma-separated column names */
} cli_column_group;

/* Keeps the columns LIST names, in its order: column names and group names,
 * comma-separated ("all" is every column). A usage error (SK_EXIT_FAIL) names
 * an unknown one; SK_EXIT_FAIL on ENOMEM too. */
int cli_columns_select(sk_table **table, const char *list, const cli_column_group *groups,
		       size_t ngroups);

/* For a terminal with no --columns: keeps the group `headline`, less its last
 * columns while the aligned table is wider than the terminal, and says on
 * stderr how to see every column. SK_EXIT_OK or SK_EXIT_FAIL (ENOMEM). */
int cli_columns_fit_terminal(sk_table **table, const cli_column_group *groups, size_t ngroups);

/* Whether a --format names the spreadsheet format ("xlsx"). */
bool cli_is_xlsx(const char *format);

/* The table format -f `name` gives (table, csv, tsv, json, markdown, or
 * xlsx: *out_xlsx), checked with --excel (`excel`), which is for csv and tsv
 * only. SK_EXIT_OK, or a usage error (the same messages in every command). */
int cli_table_format(sk_format *out_format, bool *out_xlsx, const char *name, bool excel);

/* An .xlsx workbook of one worksheet named `sheet`, written to the output
 * (a -o file, or standard output redirected to a file) a row at a time, in
 * the memory of one row (libxlsxwriter's constant_memory): numbers in number
 * columns as numbers, everything else (a suppressed "c", names) as text, so
 * that no cell can hold a formula; a frozen header row, a filter on it and
 * column widths that fit the widest cell.
 * open: SK_EXIT_OK, or SK_EXIT_FAIL after saying why (*out NULL).
 * row: SK_OK, or SK_EIO / SK_ENOMEM (stop there; close then says why).
 * close: writes the workbook and frees the writer; SK_EXIT_OK, or
 * SK_EXIT_FAIL after saying why. abandon frees it instead (NULL is
 * harmless); the caller discards the output. */
typedef struct cli_xlsx cli_xlsx;
int cli_xlsx_open(cli_xlsx **out, const sk_column *columns, size_t ncols, const char *sheet,
		  cli_output *output);
int cli_xlsx_row(cli_xlsx *x, const char *const *cells);
int cli_xlsx_close(cli_xlsx *x);
void cli_xlsx_abandon(cli_xlsx *x);

/* A whole table through the above. SK_EXIT_OK, or SK_EXIT_FAIL after saying why. */
int cli_xlsx_write(const sk_table *table, const char *sheet, cli_output *out);

#endif
