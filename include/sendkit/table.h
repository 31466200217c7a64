/* sendkit/table.h: the one writer for tabular output that every command uses:
 * aligned text for people, CSV (RFC 4180, through libcsv's writer), TSV,
 * JSON and Markdown, always in the column order given.
 *
 * Ownership: sk_table_new gives the caller an sk_table (sk_table_free); the
 * table copies column names and cells. sk_table_writer_new gives the caller
 * an sk_table_writer (sk_table_writer_free). */
#ifndef SENDKIT_TABLE_H
#define SENDKIT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_format {
	SK_FORMAT_TABLE = 0,   /* aligned columns with a header rule */
	SK_FORMAT_CSV,
	SK_FORMAT_TSV,         /* control characters in cells shown as escapes (\t, \n) */
	SK_FORMAT_JSON,        /* an array of objects, one per row */
	SK_FORMAT_MARKDOWN     /* a pipe table, numbers right-aligned */
} sk_format;

/* "table", "csv", "tsv", "json", "markdown" (also "md", "text"). SK_OK or SK_EINVAL. */
SK_API int sk_format_parse(sk_format *out, const char *name);
SK_API const char *sk_format_name(sk_format f);

typedef enum sk_column_type {
	SK_COL_TEXT = 0,
	SK_COL_NUMBER,         /* right-aligned; a JSON number when the cell is one, else a string ("c") */
	SK_COL_BOOLEAN         /* a JSON true or false when the cell is "true" or "false", else a
	                        * string ("yes"); text in every other format */
} sk_column_type;

typedef struct sk_column {
	const char *name;
	sk_column_type type;
} sk_column;

typedef struct sk_table sk_table;

SK_API sk_table *sk_table_new(const sk_column *columns, size_t count);
SK_API void sk_table_free(sk_table *table);

/* Appends a row of exactly the table's column count; a NULL cell is empty
 * (null in JSON). SK_OK or SK_ENOMEM. */
SK_API int sk_table_add_row(sk_table *table, const char *const *cells);
SK_API size_t sk_table_row_count(const sk_table *table);
SK_API size_t sk_table_column_count(const sk_table *table);
/* Borrowed; NULL for an empty cell. */
SK_API const char *sk_table_cell_at(const sk_table *table, size_t row, size_t column);
/* A column's name (borrowed; NULL past the last) and type. */
SK_API const char *sk_table_column_name(const sk_table *table, size_t column);
SK_API sk_column_type sk_table_column_type(const sk_table *table, size_t column);
/* A new table of the given columns of `table`, in the order given (an index
 * may repeat; one past the last is refused): for --columns. NULL on ENOMEM
 * or a bad index. */
SK_API sk_table *sk_table_select(const sk_table *table, const size_t *columns, size_t count);

/* Writes the whole table. Returns SK_OK, or SK_EIO when a write failed.
 * Every cell is escaped for the format (sendkit/escape.h): control
 * characters shown as escapes in table, CSV and TSV; Markdown syntax and
 * HTML escaped in Markdown; JSON always valid UTF-8 (a byte that is not
 * UTF-8 becomes the text "\xNN"); in CSV and TSV a text cell that a
 * spreadsheet would run as a formula gets an apostrophe in front. In JSON a
 * suppressed count (SK_TABLE_SUPPRESSED in a number column) is null, and
 * the row has "suppressed": [its column names]. */
SK_API int sk_table_write(FILE *out, const sk_table *table, sk_format format);

/* The text of a count withheld for confidentiality, as the DfE publishes it. */
#define SK_TABLE_SUPPRESSED "c"

/* Flags for sk_table_write_with. */
enum {
	/* CSV, TSV: no apostrophe before a cell a spreadsheet would read as a formula. */
	SK_TABLE_ALLOW_FORMULAS = 1u << 0,
	/* CSV, TSV: a UTF-8 byte order mark (CSV only) and CRLF line ends, so that
	 * Excel opens the file as UTF-8. */
	SK_TABLE_EXCEL = 1u << 1
};
/* sk_table_write with SK_TABLE_* flags. */
SK_API int sk_table_write_with(FILE *out, const sk_table *table, sk_format format,
			       unsigned flags);

/* A table written row by row, so that a long one need not be held in
 * memory: sk_table_writer_new writes what comes before the first row (the
 * header), sk_table_writer_row each row as it comes, sk_table_writer_finish
 * what comes after the last; the bytes are exactly those sk_table_write_with
 * writes for the same rows. Aligned text (SK_FORMAT_TABLE) needs every row
 * for its column widths: the writer holds the rows and writes them all at
 * finish. The writer copies the columns; sk_table_writer_free frees it
 * (after finish, or instead of it when the output is abandoned).
 * new: SK_OK, SK_EINVAL (unknown format) or SK_ENOMEM; row: SK_OK, SK_EIO
 * when a write failed (stop there), SK_ENOMEM; finish: SK_OK, SK_EIO or
 * SK_ENOMEM. */
typedef struct sk_table_writer sk_table_writer;
SK_API int sk_table_writer_new(sk_table_writer **out, const sk_column *columns, size_t count,
			       sk_format format, unsigned flags, FILE *fp);
SK_API int sk_table_writer_row(sk_table_writer *writer, const char *const *cells);
SK_API int sk_table_writer_finish(sk_table_writer *writer);
SK_API void sk_table_writer_free(sk_table_writer *writer);

/* Writes s as a JSON string, quotes included, escaped as in the table's JSON
 * (NULL is null). SK_OK or SK_EIO. */
SK_API int sk_json_write_string(FILE *out, const char *s);

/* Writes one CSV field as sk_table_write does, formula apostrophe included
 * (quoted only when it must be). SK_OK or SK_EIO. */
SK_API int sk_csv_write_field(FILE *out, const char *s);

#ifdef __cplusplus
}
#endif
#endif
