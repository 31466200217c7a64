/* The census scanner against libcsv (issue 11's contract): every field of
 * every row the scanner gives (sk_census__scan_buffer) is the field libcsv
 * gives with CSV_STRICT | CSV_REPALL_NL | CSV_EMPTY_IS_NULL (spaces and tabs
 * trimmed), where a quote inside a field that does not start with one is
 * text (as not strict), and a row with text after a closing quote (strict's
 * other error) is left out and the reading goes on after the line that
 * field's quote is on, as after a quote never closed; for any number of
 * threads and any range size (ranges are taken by the threads in turn, so
 * there are often many more ranges than threads).
 *
 * The input's first two bytes choose the run. Byte 0: the threads (1 + bits
 * 0-3); bits 4-5 the separator (0 comma, 1 semicolon, 2 tab, 3 comma with
 * ranges of the whole file); bit 7: the bytes between the first two \x01
 * of the rest are repeated to past the scanner's buffer (1 MiB), for rows
 * longer than it. Byte 1: the least bytes in a range, 1 to 256 (64 KiB to
 * 1 MiB for those long rows).
 * The replay build (SK_FUZZ_REPLAY) also runs every input at several thread
 * counts and range sizes. */
#include <csv.h>

#include "census_internal.h"
#include "census_source_internal.h"
#include "fuzz.h"

#define SCAN_BUF (1u << 20)    /* the scanner's buffer: a longer row is left out */
#define SCAN_COLS 4096u        /* the scanner gives at most this many fields a row */

/* ---- rows as bytes: per field a tag ('-' empty unquoted, '=' text), its
 * length and its bytes; '\n' ends a row ---- */

typedef struct rows {
	char *b;
	size_t len, cap;
	size_t nrows;
	/* the row being built */
	char *row;
	size_t row_len, row_cap;
	unsigned nfields;
	bool only_blank;       /* no field, or one empty unquoted field */
} rows;

static void grow(char **b, size_t *len, size_t *cap, const void *s, size_t n)
{
	if (*len + n > *cap) {
		size_t c = (*len + n) * 2;
		char *g = realloc(*b, c);
		if (!g)
			abort();
		*b = g;
		*cap = c;
	}
	if (n)
		memcpy(*b + *len, s, n);
	*len += n;
}

static void put_field(rows *r, const char *s, size_t n, bool null)
{
	if (r->nfields++ >= SCAN_COLS)
		return;
	char tag = null ? '-' : '=';
	uint32_t len = (uint32_t)n;
	grow(&r->row, &r->row_len, &r->row_cap, &tag, 1);
	grow(&r->row, &r->row_len, &r->row_cap, &len, sizeof(len));
	grow(&r->row, &r->row_len, &r->row_cap, s, n);
	r->only_blank = r->nfields == 1 && null;
}

/* Ends the row; keeps it unless `drop`. */
static void end_row(rows *r, bool drop)
{
	/* A blank line is a record without fields to libcsv (CSV_REPALL_NL, which
	 * also gives the \n of a CRLF as one) and one empty field to the scanner;
	 * the census reader skips both. */
	if (!drop && !(r->nfields == 0 || r->only_blank)) {
		grow(&r->b, &r->len, &r->cap, r->row, r->row_len);
		grow(&r->b, &r->len, &r->cap, "\n", 1);
		r->nrows++;
	}
	r->row_len = 0;
	r->nfields = 0;
	r->only_blank = false;
}

static void rows_free(rows *r)
{
	free(r->b);
	free(r->row);
	memset(r, 0, sizeof(*r));
}

/* ---- what libcsv gives, with the rows the scanner leaves out left out ---- */

typedef struct model {
	rows *out;
	const uint8_t *s;
	size_t n;
	size_t at;             /* the offset of the byte being parsed */
	size_t row_start;      /* where the row being parsed began */
} model;

static void csv_field(void *s, size_t n, void *ctx)
{
	put_field(((model *)ctx)->out, s ? s : "", n, s == NULL);
}

static void csv_row(int c, void *ctx)
{
	model *m = ctx;
	/* The last byte of the row (its line end), or the end of the data. */
	size_t last = c < 0 ? m->at - 1 : m->at;
	if (c == '\r' && last + 1 < m->n && m->s[last + 1] == '\n')
		last++;   /* the scanner's row goes on to the \n of a CRLF */
	end_row(m->out, last + 1 - m->row_start > SCAN_BUF);
	m->row_start = m->at + 1;
}

/* After the line end (a LF, a CR alone or a CRLF, as libcsv ends a row)
 * that ends the line s[at] is on; n when there is none. */
static size_t next_line(const uint8_t *s, size_t n, size_t at)
{
	while (at < n && s[at] != '\n' && s[at] != '\r')
		at++;
	if (at == n)
		return n;
	return at + 1 + (s[at] == '\r' && at + 1 < n && s[at + 1] == '\n');
}

/* libcsv's rows of s[from..n), fed so that each row's place is known, less
 * the rows the scanner reports and leaves out: a row longer than its
 * buffer, the row an unclosed quote opens on (libcsv makes the rest of
 * the file one field; the scanner reads on from the line after the quote's,
 * as a new file), and likewise the row a quoted field with text after its
 * closing quote is in. */
static void expected(rows *out, const uint8_t *s, size_t n, size_t from, char sep)
{
	for (;;) {
		struct csv_parser p;
		const unsigned char opts = CSV_REPALL_NL | CSV_EMPTY_IS_NULL;
		if (csv_init(&p, CSV_STRICT | opts) != 0)
			abort();
		csv_set_delim(&p, (unsigned char)sep);
		/* libcsv grows a field 128 bytes at a time by default: a field
		 * of a megabyte would cost a gigabyte of copying. */
		csv_set_blk_size(&p, 1 << 16);
		model m = {out, s, n, from, from};
		size_t open_q = 0, bad = n;
		while (m.at < n) {
			/* A quote or line end is fed alone (a row ends, a field opens
			 * only there); the bytes between them at once. */
			size_t k = 1;
			while (!memchr("\"\r\n", s[m.at], 3) && m.at + k < n &&
			       !memchr("\"\r\n", s[m.at + k], 3))
				k++;
			bool between = p.pstate < 2;   /* ROW_ or FIELD_NOT_BEGUN */
			size_t done = csv_parse(&p, s + m.at, k, csv_field, csv_row, &m);
			if (done != k && csv_error(&p) == CSV_EPARSE && !p.quoted) {
				/* A quote inside an unquoted field (fed alone): text. */
				csv_set_opts(&p, opts);
				done = csv_parse(&p, s + m.at, k, csv_field, csv_row, &m);
				csv_set_opts(&p, CSV_STRICT | opts);
			} else if (done != k && csv_error(&p) == CSV_EPARSE) {
				bad = m.at + done;   /* text after a closing quote */
				break;
			}
			if (done != k)
				abort();
			if (between && p.pstate == 2 && p.quoted && s[m.at] == '"')
				open_q = m.at;
			m.at += k;
		}
		bool open = bad < n || (p.pstate == 2 && p.quoted);
		if (!open)
			csv_fini(&p, csv_field, csv_row, &m);
		csv_free(&p);
		if (!open)
			return;
		out->row_len = 0;
		out->nfields = 0;
		out->only_blank = false;
		from = next_line(s, n, open_q);
		if (from == n)
			return;
	}
}

/* ---- what the scanner gives ---- */

typedef struct scanned {
	rows *per;             /* by range: each range's reader writes its own */
	size_t n;
} scanned;

static void scan_row(void *ctx, unsigned reader, const sk_census__field *f, unsigned n,
		     bool fast)
{
	(void)fast;
	scanned *sc = ctx;
	FUZZ_CHECK(reader < sc->n);
	rows *r = &sc->per[reader];
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (unsigned i = 0; i < n; i++) {
		const char *s = f[i].s;
		size_t k = f[i].len;
		len = 0;
		if (f[i].quoted) {
			/* The text between the quotes, doubled quotes undone. */
			for (size_t j = 0; j < k; j++) {
				grow(&buf, &len, &cap, s + j, 1);
				if (s[j] == '"' && j + 1 < k && s[j + 1] == '"')
					j++;
			}
		} else {
			while (k && (*s == ' ' || *s == '\t')) {
				s++;
				k--;
			}
			while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
				k--;
			grow(&buf, &len, &cap, s, k);
		}
		put_field(r, buf ? buf : "", len, !f[i].quoted && len == 0);
	}
	free(buf);
	end_row(r, false);
}

static void scanner(rows *out, const uint8_t *s, size_t n, char sep, unsigned threads,
		    uint64_t range)
{
	/* A range has at least a byte, but for an empty input's one. */
	size_t most = n + 1 < SK_SOURCE_MAX_RANGES ? n + 1 : SK_SOURCE_MAX_RANGES;
	scanned sc = {calloc(most, sizeof(rows)), most};
	if (!sc.per)
		abort();
	unsigned valid = 0;
	FUZZ_CHECK(sk_census__scan_buffer((const char *)s, n, sep, threads, range, scan_row, &sc,
					  &valid) == SK_OK);
	FUZZ_CHECK(valid >= 1 && valid <= sc.n);
	/* The rows of the ranges from `valid` on are thrown away: their range
	 * did not begin at a row, and the reader of the range before read on. */
	for (unsigned i = 0; i < valid; i++) {
		grow(&out->b, &out->len, &out->cap, sc.per[i].b, sc.per[i].len);
		out->nrows += sc.per[i].nrows;
	}
	for (size_t i = 0; i < sc.n; i++)
		rows_free(&sc.per[i]);
	free(sc.per);
}

/* ---- the comparison ---- */

static void show(const char *what, const rows *r)
{
	fprintf(stderr, "%s (%zu rows):", what, r->nrows);
	for (size_t i = 0; i < r->len && i < 2000;) {
		if (r->b[i] == '\n') {
			fputs(" |\n ", stderr);
			i++;
			continue;
		}
		char tag = r->b[i];
		uint32_t len;
		memcpy(&len, r->b + i + 1, sizeof(len));
		i += 1 + sizeof(len);
		fputs(tag == '-' ? " -" : " \"", stderr);
		for (uint32_t j = 0; j < len && j < 200; j++) {
			unsigned char c = (unsigned char)r->b[i + j];
			if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7F)
				fprintf(stderr, "\\x%02x", c);
			else
				fputc(c, stderr);
		}
		if (tag != '-')
			fputc('"', stderr);
		i += len;
	}
	fputc('\n', stderr);
}

static void same_rows(const uint8_t *s, size_t n, char sep, unsigned threads, uint64_t range,
		      const rows *want)
{
	rows got = {0};
	scanner(&got, s, n, sep, threads, range);
	if (got.len != want->len || (got.len && memcmp(got.b, want->b, got.len) != 0)) {
		fprintf(stderr, "scanner differs from libcsv: separator 0x%02x, %u threads, "
			"range %llu, %zu bytes\n", (unsigned char)sep, threads,
			(unsigned long long)range, n);
		show("libcsv", want);
		show("scanner", &got);
		abort();
	}
	rows_free(&got);
}

/* The bytes between the first two \x01 of s repeated to past the scanner's
 * buffer (the rest kept), or NULL when there are not two. */
static uint8_t *long_rows(const uint8_t *s, size_t n, size_t *out_n)
{
	const uint8_t *a = memchr(s, 1, n);
	const uint8_t *b = a ? memchr(a + 1, 1, n - (size_t)(a + 1 - s)) : NULL;
	if (!b || b == a + 1)
		return NULL;
	size_t unit = (size_t)(b - a - 1), head = (size_t)(a - s), tail = n - (size_t)(b + 1 - s);
	size_t times = SCAN_BUF / unit + 2;
	size_t len = head + unit * times + tail;
	uint8_t *x = malloc(len);
	if (!x)
		abort();
	memcpy(x, s, head);
	for (size_t i = 0; i < times; i++)
		memcpy(x + head + i * unit, a + 1, unit);
	memcpy(x + head + unit * times, b + 1, tail);
	*out_n = len;
	return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	static const char seps[] = {',', ';', '\t'};
	unsigned threads = 1 + (data[0] & 15u);
	char sep = seps[((data[0] >> 4) & 3u) % 3];
	const uint8_t *s = data + 2;
	size_t n = size - 2;
	uint8_t *big = (data[0] & 0x80) ? long_rows(s, n, &n) : NULL;
	if (big)
		s = big;
	uint64_t range = ((data[0] >> 4) & 3u) == 3 ? n : 1 + (uint64_t)data[1];
	/* A row past the buffer in ranges of 64 KiB and more, not of 1 to 256
	 * bytes (thousands of ranges, seconds an input): still cut many times. */
	if (big && range < n)
		range = (uint64_t)(1 + data[1] % 16) << 16;

	rows want = {0};
	expected(&want, s, n, 0, sep);
	same_rows(s, n, sep, threads, range, &want);
#ifdef SK_FUZZ_REPLAY
	/* The saved inputs again, read by 1, 2, 3 and 16 threads taking ranges
	 * of 1 byte (a range a line) and more, and one range; under a sanitizer
	 * (twenty times the cost) 1, 2 and 16 threads, ranges of 1 and 5 bytes,
	 * a third and one range. */
#ifdef SK_SANITIZED
	static const unsigned more_threads[] = {1, 2, 16};
	const uint64_t ranges[] = {1, 5, n / 3 + 1, 0};
#else
	static const unsigned more_threads[] = {1, 2, 3, 16};
	const uint64_t ranges[] = {1, 2, 5, 64, n / 3 + 1, 0};
#endif
	const size_t last_thread = sizeof(more_threads) / sizeof(more_threads[0]) - 1;
	const size_t third = sizeof(ranges) / sizeof(ranges[0]) - 2;
	/* A row past the buffer (a megabyte a run) is cut fewer ways: 1 and
	 * 16 threads, ranges of a line and of a third, and one range. */
	bool long_input = n > SCAN_BUF;
	for (size_t t = 0; t < sizeof(more_threads) / sizeof(more_threads[0]); t++)
		for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
			if (!long_input || ((t == 0 || t == last_thread) && (r == 0 || r >= third)))
				same_rows(s, n, sep, more_threads[t], ranges[r], &want);
#endif
	rows_free(&want);
	free(big);
	return 0;
}
