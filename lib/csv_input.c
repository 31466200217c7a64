/* The one CSV input layer (csv_input_internal.h): a file's start as the
 * census reader reads it, column names, and records through libcsv. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_input_internal.h"
#include "mem_internal.h"
#include "sendkit/text.h"
#include "text_internal.h"

/* A UTF-32 byte order mark, or the first character with three NULs beside it. */
static bool utf32_start(const char *s, size_t len)
{
	if (len < 4)
		return false;
	if (memcmp(s, "\xFF\xFE\0\0", 4) == 0 || memcmp(s, "\0\0\xFE\xFF", 4) == 0)
		return true;
	return !s[1] && !s[2] && ((s[0] && !s[3]) || (!s[0] && s[3]));
}

unsigned sk_csv__sniff(const char *s, size_t len)
{
	unsigned what = 0;
	if (!memchr(s, '\n', len) && memchr(s, '\r', len))
		what |= SK_CSV_CR_ONLY;
	/* UTF-32 first: its little-endian mark begins as UTF-16's does. */
	if (utf32_start(s, len))
		what |= SK_CSV_UTF32;
	else if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
		what |= SK_CSV_UTF16;
	/* Without its mark: a header's two first characters, each with a NUL. */
	else if (len >= 4 && ((s[0] && !s[1] && s[2] && !s[3]) || (!s[0] && s[1] && !s[2] && s[3])))
		what |= SK_CSV_UTF16;
	else if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		what |= SK_CSV_BOM;
	return what;
}

int sk_csv__report_start(unsigned what, const char *file, sk_diags *diags)
{
	if (what & SK_CSV_CR_ONLY)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "line-ends",
			     "lines end in CR alone (an old Mac file): read as newlines");
	if (what & (SK_CSV_UTF16 | SK_CSV_UTF32)) {
		sk_diags_add(diags, file, (sk_pos){1, 1}, SK_ERROR, "encoding",
			     "a UTF-%d file: save it as \"CSV UTF-8\" and try again",
			     what & SK_CSV_UTF32 ? 32 : 16);
		return SK_EINVAL;
	}
	if (what & SK_CSV_BOM)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "encoding",
			     "UTF-8 with a byte order mark");
	return SK_OK;
}

size_t sk_csv__sep_line(char *sep, const char *s, size_t len)
{
	if (len < 5 || strncasecmp(s, "sep=", 4) != 0)
		return 0;
	if (len == 5)
		*sep = s[4];
	else if (s[5] == '\n' || s[5] == '\r')
		*sep = s[4];
	else
		return 0;
	if (len > 6 && s[5] == '\r' && s[6] == '\n')
		return 7;
	return len == 5 ? 5 : 6;
}

/* ---- column names ---- */

size_t sk_csv__name_key(char *out, size_t cap, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < cap; i++) {
		char ch = s[i];
		if (ch >= 'A' && ch <= 'Z')
			out[n++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[n++] = ch;
		else if (ch == '%')
			for (const char *p = "pct"; *p && n + 1 < cap; p++)
				out[n++] = *p;
	}
	out[n] = '\0';
	return n;
}

/* Longer than any name a reader takes: a longer one is cut, and so is no alias. */
#define NAME_KEY_CAP 64

int sk_csv__alias_id(const sk_csv__alias *aliases, size_t n, const char *s, size_t len)
{
	char key[NAME_KEY_CAP], alias[NAME_KEY_CAP];
	sk_csv__name_key(key, sizeof(key), s, len);
	for (size_t i = 0; i < n; i++) {
		sk_csv__name_key(alias, sizeof(alias), aliases[i].name, strlen(aliases[i].name));
		if (strcmp(key, alias) == 0)
			return aliases[i].id;
	}
	return -1;
}

void sk_csv__columns(long *col, size_t ncol, char **fields, size_t count,
		     const sk_csv__alias *aliases, size_t n)
{
	for (size_t i = 0; i < ncol; i++)
		col[i] = -1;
	for (size_t i = 0; i < count; i++) {
		int id = sk_csv__alias_id(aliases, n, fields[i], strlen(fields[i]));
		if (id >= 0 && (size_t)id < ncol && col[id] < 0)
			col[id] = (long)i;
	}
}

/* ---- records ---- */

typedef struct reader {
	char **fields;
	size_t count, cap;
	unsigned line;          /* the line being fed to the parser */
	unsigned record_line;   /* where the current record started */
	bool cp1252;            /* a field was read as Windows-1252 */
	sk_csv__record_fn fn;
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

static char *field_text(reader *r, const char *s, size_t len)
{
	if (!sk_utf8_valid(s, len)) {
		char *u;
		size_t ulen;
		if (sk_cp1252_to_utf8(&u, &ulen, s, len) == SK_OK) {
			r->cp1252 = true;
			return u;
		}
	}
	char *copy = malloc(len + 1);
	if (copy) {
		if (len)
			memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

static void on_field(void *data, size_t len, void *cb_data)
{
	reader *r = cb_data;
	if (r->rc)
		return;
	if (SK_GROW(r->fields, r->cap, r->count + 1) != SK_OK) {
		r->rc = SK_ENOMEM;
		return;
	}
	const char *s = data ? data : "";
	char *text = field_text(r, s, len);
	if (!text) {
		r->rc = SK_ENOMEM;
		return;
	}
	/* The record starts where its first field did, newlines quoted inside it included. */
	if (r->count == 0)
		r->record_line = r->line - newlines_in(s, len);
	r->fields[r->count++] = text;
}

static void on_record(int term, void *cb_data)
{
	reader *r = cb_data;
	(void)term;
	if (!r->rc && r->count)
		r->rc = r->fn(r->ctx, r->fields, r->count, r->record_line);
	reader_clear(r);
}

/* The column, in characters (bytes when the line is not UTF-8), of the
 * quote at fault in a line libcsv stopped reading `at` bytes in: the quote
 * it stopped at, or the closing quote before the text it stopped at. */
static unsigned quote_col(const char *line, size_t len, size_t at)
{
	size_t q = at < len ? at : len;
	while (q > 0 && q < len && line[q] != '"' && (line[q - 1] == ' ' || line[q - 1] == '\t'))
		q--;
	if (q > 0 && q < len && line[q] != '"' && line[q - 1] == '"')
		q--;
	bool utf8 = sk_utf8_valid(line, len);
	unsigned col = 1;
	for (size_t i = 0; i < q; i++)
		col += !utf8 || ((unsigned char)line[i] & 0xC0) != 0x80;
	return col;
}

/* Feeds the text a line at a time, so that r->line says where the parser is. */
static int feed(struct csv_parser *p, reader *r, const char *text, size_t len,
		const char *file, sk_diags *diags)
{
	size_t start = 0;
	while (start < len && !r->rc) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		r->line++;
		size_t done = csv_parse(p, text + start, end - start, on_field, on_record, r);
		if (done != end - start) {
			int err = csv_error(p);
			if (err != CSV_EPARSE)
				return SK_ENOMEM;
			/* Strict mode's parse errors: a quote inside an unquoted value,
			 * or text after a quoted value's closing quote. */
			unsigned col = quote_col(text + start, end - start, done);
			sk_diags_add(diags, file, (sk_pos){r->line, col}, SK_ERROR, "csv-syntax",
				     "a quote inside a value that does not start with one, or text "
				     "after a closing quote: quote the whole value and double the "
				     "inner quotes (\"12\"\" ruler\", \"\"\"Quiet\"\" at lunch\")");
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

/* A copy of text with every CR made a LF (CR-only line ends). */
static char *cr_as_lf(const char *text, size_t len)
{
	char *t = malloc(len ? len : 1);
	if (!t)
		return NULL;
	for (size_t i = 0; i < len; i++)
		t[i] = text[i] == '\r' ? '\n' : text[i];
	return t;
}

static int parse(const char *text, size_t len, char sep, unsigned first_line, const char *file,
		 sk_diags *diags, const sk_csv__options *opt, reader *r)
{
	struct csv_parser p;
	unsigned char mode = CSV_STRICT_FINI | (opt->strict_quotes ? CSV_STRICT : 0);
	if (csv_init(&p, mode) != 0)
		return SK_ENOMEM;
	csv_set_delim(&p, (unsigned char)sep);
	/* libcsv grows a field by this much at a time: its default, 128 bytes,
	 * makes a field of megabytes cost a quadratic number of copies. */
	csv_set_blk_size(&p, 1 << 20);
	r->line = first_line;
	int rc = feed(&p, r, text, len, file, diags);
	reader_clear(r);
	free(r->fields);
	csv_free(&p);
	return rc;
}

/* ---- the separator ---- */

typedef struct probe {
	const sk_csv__options *opt;
	void *ctx;
	bool fits;
	unsigned line;          /* the header's */
} probe;

/* The first record with a field that is not empty: whether it fits; stops. */
static int probe_header(void *ctx, char **fields, size_t count, unsigned line)
{
	probe *p = ctx;
	size_t i = 0;
	while (i < count && !fields[i][0])
		i++;
	if (i == count)
		return SK_OK;
	p->fits = p->opt->header_fits(p->ctx, fields, count);
	p->line = line;
	return 1;
}

/* The first of comma, semicolon and tab with which the header fits, as
 * opt->header_fits says (a comma when none does); read quietly. Sets *line
 * to the header's line when it is not a comma. */
static char sniff_sep(const char *text, size_t len, const sk_csv__options *opt, void *ctx,
		      unsigned *line)
{
	static const char seps[] = {',', ';', '\t'};
	for (size_t i = 0; i < sizeof(seps); i++) {
		probe p = {.opt = opt, .ctx = ctx};
		reader r = {.fn = probe_header, .ctx = &p};
		parse(text, len, seps[i], 0, NULL, NULL, opt, &r);
		if (p.fits) {
			*line = p.line;
			return seps[i];
		}
	}
	return ',';
}

int sk_csv__each_record(const char *bytes, size_t len, const char *file, sk_diags *diags,
			const sk_csv__options *opt, sk_csv__record_fn fn, void *ctx)
{
	if (!len)
		bytes = "";   /* memchr wants a pointer even for no bytes */
	unsigned what = sk_csv__sniff(bytes, len < SK_CSV_SNIFF_LEN ? len : SK_CSV_SNIFF_LEN);
	int rc = sk_csv__report_start(what, file, diags);
	if (rc != SK_OK)
		return rc;
	if (what & SK_CSV_BOM) {
		bytes += 3;
		len -= 3;
	}
	rc = sk_text__refuse_nul(bytes, len, file, diags);
	if (rc != SK_OK)
		return rc;
	char *copy = NULL;
	if (what & SK_CSV_CR_ONLY) {
		bytes = copy = cr_as_lf(bytes, len);
		if (!copy)
			return SK_ENOMEM;
	}
	char sep = ',';
	size_t skip = sk_csv__sep_line(&sep, bytes, len);
	unsigned header_line = 0;
	if (!skip && opt->header_fits)
		sep = sniff_sep(bytes, len, opt, ctx, &header_line);
	if (sep != ',' && !skip)
		rc = sk_diags_add(diags, file, (sk_pos){header_line, 1}, SK_NOTE, "separator",
				  "fields separated by %s, not commas: read as such",
				  sep == ';' ? "semicolons" : "tabs");
	reader r = {.fn = fn, .ctx = ctx};
	if (rc == SK_OK)
		rc = parse(bytes + skip, len - skip, sep, skip ? 1 : 0, file, diags, opt, &r);
	free(copy);
	if (rc == SK_OK && r.cp1252 && opt->text_1252)
		rc = sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "encoding",
				  "not UTF-8: %s read as Windows-1252", opt->text_1252);
	return rc;
}
