/* csv_input_internal.h: the one way the library reads a CSV file's start
 * (a byte order mark, UTF-16, CR-only line ends, Excel's `sep=` line) and
 * matches its header's column names, for the census scanner and for the
 * libcsv record reader below, which reads the hubs file, the census
 * summary, the national figures and codes files.
 *
 * Ownership: fields handed to a record function are borrowed for the call. */
#ifndef SENDKIT_CSV_INPUT_INTERNAL_H
#define SENDKIT_CSV_INPUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/diag.h"

/* How much of a file's start is looked at for CR-only line ends. */
#define SK_CSV_SNIFF_LEN ((size_t)1 << 20)

/* What the first bytes of a file say (sk_csv__sniff). */
enum {
	SK_CSV_UTF16 = 1,       /* UTF-16 (a byte order mark, or NULs between the first characters): refuse */
	SK_CSV_BOM = 2,         /* a UTF-8 byte order mark, to skip (3 bytes) */
	SK_CSV_CR_ONLY = 4,     /* a CR but no LF in s[0..len): CRs are line ends */
	SK_CSV_UTF32 = 8        /* UTF-32 (a byte order mark, or three NULs by the first character): refuse */
};

/* SK_CSV_* flags for the start of a file, s[0..len). */
unsigned sk_csv__sniff(const char *s, size_t len);

/* Reports what sk_csv__sniff found, as every CSV reader does: a note for
 * CR-only line ends and for a UTF-8 byte order mark, an error (rule
 * "encoding") for UTF-16. SK_EINVAL for UTF-16, else SK_OK. */
int sk_csv__report_start(unsigned what, const char *file, sk_diags *diags);

/* When s[0..len) starts with Excel's "sep=X" line: sets *sep to X and
 * returns the line's length with its line end; else 0. */
size_t sk_csv__sep_line(char *sep, const char *s, size_t len);

/* ---- column names ---- */

/* A column's name as every reader compares it: its ASCII letters, lowercased,
 * and digits, a `%` read as "pct"; anything else (spaces, underscores,
 * hyphens, a no-break space, a byte order mark) is left out, so "School URN",
 * "school_urn" and "SCHOOL-URN " are all "schoolurn". Writes at most
 * cap - 1 bytes and a NUL; returns the length. */
size_t sk_csv__name_key(char *out, size_t cap, const char *s, size_t len);

/* One name a reader takes for a column: `name` in any spelling with the
 * same key; `id` the reader's own number for the column. */
typedef struct sk_csv__alias {
	const char *name;
	int id;
} sk_csv__alias;

/* The id of the first of aliases[0..n) whose name has the key of s[0..len),
 * or -1. */
int sk_csv__alias_id(const sk_csv__alias *aliases, size_t n, const char *s, size_t len);

/* col[id], for each id below ncol: the index of the first of the header's
 * fields with an alias of that id, or -1. */
void sk_csv__columns(long *col, size_t ncol, char **fields, size_t count,
		     const sk_csv__alias *aliases, size_t n);

/* ---- records ---- */

/* Called once per record that has a field, the header included; fields are
 * NUL-terminated UTF-8 (an empty field is ""). A non-zero return stops the
 * reading and is what sk_csv__each_record returns. `line` is where the
 * record starts. */
typedef int (*sk_csv__record_fn)(void *ctx, char **fields, size_t count, unsigned line);

typedef struct sk_csv__options {
	/* Rejects a quote inside a value that does not start with one, and a
	 * file that ends inside quotes (rule "csv-syntax"); without it the quote
	 * is part of the value, and an open quote runs to the end of the file. */
	int strict_quotes;
	/* What the Windows-1252 note names ("hub names"): one note, rule
	 * "encoding", when any field was not UTF-8 and was read as Windows-1252. */
	const char *text_1252;
	/* Whether a header row has the columns the reader needs. When set and
	 * no `sep=` line names the separator, the first of comma, semicolon
	 * and tab with which the first record (not blank) fits is taken, as the
	 * census reader takes it (a note names any but a comma); a comma when
	 * none fits. */
	bool (*header_fits)(void *ctx, char **fields, size_t count);
} sk_csv__options;

/* Reads bytes as CSV: the start as sk_csv__sniff and sk_csv__report_start
 * say (UTF-16 refused), a `sep=` line honoured (else the separator as
 * header_fits above says), CRLF, LF or CR-only line
 * ends, a NUL byte refused, a field that is not UTF-8 read as Windows-1252;
 * calls fn for each record. No message of its own quotes a value. Returns SK_OK, SK_EINVAL,
 * SK_ENOMEM, or what fn returned. */
int sk_csv__each_record(const char *bytes, size_t len, const char *file, sk_diags *diags,
			const sk_csv__options *opt, sk_csv__record_fn fn, void *ctx);

#endif
