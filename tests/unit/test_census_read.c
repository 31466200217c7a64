/* The census scanner: the same fields as libcsv (strict, but a quote
 * inside an unquoted field is text) for tricky and random inputs (a CR
 * alone ends a row, as in libcsv), cut into ranges at every byte (more
 * ranges than threads, taken in turn) and read by 1 to 4 threads;
 * stray quotes, unclosed quotes and rows longer than the buffer counted as
 * they should be, the same with any number of threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <csv.h>

#include "census_internal.h"
#include "census_source_internal.h"
#include "sendkit/census.h"
#include "census_check.h"

/* The sweeps below read an input cut at every byte, with each thread count.
 * Under a sanitizer (SK_SANITIZED) a read costs some twenty times more, so
 * there each thread count takes every third cut, starting one byte further
 * on than the last: every cut is still read, by one thread count or another
 * (the plain build reads every cut with every thread count). */
#ifdef SK_SANITIZED
#define CUT_STRIDE 3u
#else
#define CUT_STRIDE 1u
#endif

static inline uint64_t first_cut(unsigned threads)
{
	return 1 + threads % CUT_STRIDE;
}

/* ---- rows as text: fields joined by \x1f, rows by \x1e ---- */

typedef struct rows {
	char *text;
	size_t len, cap;
	size_t n;            /* rows kept */
	char *row;           /* the row being built */
	size_t row_len, row_cap;
	bool any;            /* the row has a non-empty field */
	unsigned fields;
} rows;

static void put(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*b = realloc(*b, *cap);
		assert_non_null(*b);
	}
	memcpy(*b + *len, s, n);
	*len += n;
	(*b)[*len] = '\0';
}

static void field(rows *r, const char *s, size_t n)
{
	if (r->fields++)
		put(&r->row, &r->row_len, &r->row_cap, "\x1f", 1);
	put(&r->row, &r->row_len, &r->row_cap, s ? s : "", s ? n : 0);
	r->any |= n > 0;
}

/* Rows whose fields are all empty are left out on both sides: the census
 * reader skips them, and libcsv gives blank lines as nothing. */
static void end_row(rows *r)
{
	if (r->any) {
		put(&r->text, &r->len, &r->cap, r->row ? r->row : "", r->row_len);
		put(&r->text, &r->len, &r->cap, "\x1e", 1);
		r->n++;
	}
	r->row_len = 0;
	r->fields = 0;
	r->any = false;
}

static void rows_free(rows *r)
{
	free(r->text);
	free(r->row);
}

/* ---- libcsv ---- */

static void csv_field_cb(void *s, size_t n, void *ctx)
{
	field(ctx, s, n);
}

static void csv_row_cb(int c, void *ctx)
{
	(void)c;
	end_row(ctx);
}

/* libcsv's rows (CSV_STRICT, but a quote inside a field that does not start
 * with one is text, as not strict); *complete is how many of them ended
 * before the data did with a quote left open, or before a quoted field with
 * text after its closing quote (all of them when neither): true then. */
static bool libcsv_rows(rows *out, const char *s, size_t n, char sep, size_t *complete)
{
	struct csv_parser p;
	const unsigned char opts = CSV_REPALL_NL | CSV_EMPTY_IS_NULL;
	assert_int_equal(csv_init(&p, CSV_STRICT | opts), 0);
	csv_set_delim(&p, (unsigned char)sep);
	bool malformed = false;
	for (size_t i = 0; i < n && !malformed; i++) {
		if (csv_parse(&p, s + i, 1, csv_field_cb, csv_row_cb, out) == 1)
			continue;
		malformed = p.quoted;   /* else a quote in an unquoted field: text */
		csv_set_opts(&p, opts);
		if (!malformed)
			assert_int_equal(csv_parse(&p, s + i, 1, csv_field_cb, csv_row_cb, out), 1);
		csv_set_opts(&p, CSV_STRICT | opts);
	}
	bool open = malformed || (p.pstate == 2 && p.quoted);   /* FIELD_BEGUN inside quotes */
	*complete = out->n;
	if (!malformed)
		csv_fini(&p, csv_field_cb, csv_row_cb, out);
	if (!open)
		*complete = out->n;
	csv_free(&p);
	return open;
}

/* ---- the scanner ---- */

typedef struct scanned {
	rows *per;              /* by range: each range's reader writes its own */
	size_t n;
} scanned;

static void scan_cb(void *ctx, unsigned reader, const sk_census__field *f, unsigned n,
		    bool fast)
{
	(void)fast;
	scanned *sc = ctx;
	assert_true(reader < sc->n);
	rows *r = &sc->per[reader];
	for (unsigned i = 0; i < n; i++) {
		const char *s = f[i].s;
		size_t len = f[i].len;
		char buf[256];
		size_t k = 0;
		assert_true(len < sizeof(buf));
		if (f[i].quoted) {
			for (size_t j = 0; j < len; j++) {
				buf[k++] = s[j];
				if (s[j] == '"' && j + 1 < len && s[j + 1] == '"')
					j++;
			}
		} else {
			while (len && (*s == ' ' || *s == '\t')) {
				s++;
				len--;
			}
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				len--;
			memcpy(buf, s, len);
			k = len;
		}
		field(r, buf, k);
	}
	end_row(r);
}

static void scanner_rows(rows *out, const char *s, size_t n, char sep, unsigned threads,
			 uint64_t range)
{
	/* A range has at least a byte, but for an empty input's one. */
	size_t most = n + 1 < SK_SOURCE_MAX_RANGES ? n + 1 : SK_SOURCE_MAX_RANGES;
	scanned sc = {calloc(most, sizeof(rows)), most};
	assert_non_null(sc.per);
	unsigned valid = 0;
	assert_int_equal(sk_census__scan_buffer(s, n, sep, threads, range, scan_cb, &sc, &valid),
			 SK_OK);
	assert_true(valid >= 1 && valid <= sc.n);
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < valid; i++) {
		if (sc.per[i].text)
			put(&out->text, &out->len, &out->cap, sc.per[i].text, sc.per[i].len);
		out->n += sc.per[i].n;
	}
	for (size_t i = 0; i < sc.n; i++)
		rows_free(&sc.per[i]);
	free(sc.per);
}

/* The first `n` rows of a row text. */
static size_t prefix_len(const char *text, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += (size_t)(strchr(text + len, '\x1e') - (text + len)) + 1;
	return len;
}

/* The scanner gives libcsv's rows, for any thread count and ranges of at
 * least 1, 1 + step, ... bytes (1: a range a line, far more than threads). A quote left open at the end, or a field with text
 * after its closing quote: libcsv's rows before the row it is in. */
static void same_as_libcsv(const char *s, size_t n, char sep, uint64_t step)
{
	rows want = {0};
	size_t complete;
	bool open = libcsv_rows(&want, s, n, sep, &complete);
	for (unsigned threads = 1; threads <= 4; threads++) {
		for (uint64_t range = first_cut(threads); range <= n; range += step * CUT_STRIDE) {
			rows got;
			scanner_rows(&got, s, n, sep, threads, range);
			const char *w = want.text ? want.text : "", *g = got.text ? got.text : "";
			if (!open) {
				if (strcmp(w, g) != 0)
					fail_msg("input %.*s (threads %u, range %llu): libcsv %s, "
						 "scanner %s", (int)n, s, threads,
						 (unsigned long long)range, w, g);
			} else {
				size_t k = prefix_len(w, complete);
				if (got.n < complete || strncmp(w, g, k) != 0)
					fail_msg("input %.*s (threads %u, range %llu): libcsv "
						 "%.*s, scanner %s", (int)n, s, threads,
						 (unsigned long long)range, (int)k, w, g);
			}
			rows_free(&got);
		}
	}
	rows_free(&want);
}

static const char *const tricky[] = {
	"a,b,c\n1,2,3\n",
	"a,\"b,c\",d\n",
	"Ja\"ne,12\" ruler,x\ny,z\n",
	"\"a\"\"b\",c\n",
	"\"a\"b,c\",d\nx,y\n",
	" \"a\" ,b\n",
	"\"a\" \"b\",c\n",
	"\"multi\nline\",x\r\ny,z\r\n",
	"a,b\n,,\n\n  ,  \nc,d",
	"\"unclosed,a\nb,c\nd,e\n",
	"x,\"unclosed\ny,z\n",
	"x,\"\"\n\"\",y\n",
	"a\tb, c \t,d\n",
	"\"a\"\"\"b\",c\n",
	"\"\"\"\",\"x\"\"\",y\n",
	"a,\"b\"\r\n\"c\r\nd\",e",
	"a,b\"\n\"c,d\n",
	"\"a\" x\",y\nz\n",
	"\"a\"  \r\nb\n",
	"\"\n\n\",\"\n\"\n\"\"\n",
	"a,\"b\"\"\nc\"\"\",d\ne\n",
	"12\" ruler,\"ok\",3\"\n\"x\"y\"\",z\n",
	"a,b\rc,d\re\n",
	"a,b\r\rc\r\n\rd\r",
	"\"a\"\rb,\"c\" \r\"d\r\ne\",f\r",
	"a \r b\t\r\n\"x\"\"\r\",y\r",
	"12\" ruler\r\"q\r",
};

static void test_tricky_same_as_libcsv(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		same_as_libcsv(tricky[i], strlen(tricky[i]), ',', 1);
		same_as_libcsv(tricky[i], strlen(tricky[i]), ';', 1);
	}
}

/* Random inputs from the bytes that matter, a CR alone among them. */
static void test_random_same_as_libcsv(void **state)
{
	(void)state;
	static const char *const atoms[] = {"a", "b", ",", ",", "\"", "\"", "\n", " ", "\t",
					    "\r\n", ";", "x\"y", "\r"};
	uint64_t x = 7;
	for (int t = 0; t < 200; t++) {
		char buf[64];
		size_t n = 0;
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		size_t want = 1 + (x >> 33) % 30;
		while (n < want) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			const char *a = atoms[(x >> 33) % (sizeof(atoms) / sizeof(atoms[0]))];
			size_t k = strlen(a);
			memcpy(buf + n, a, k);
			n += k;
		}
		same_as_libcsv(buf, n, t % 3 == 2 ? '\t' : ',', 5);
	}
}

/* The scanner's fast path (rows with the first line's number of fields,
 * 2 KiB at a time, cut from the separators' and line ends' offsets): rows
 * of other lengths, quoted fields, text quotes, CRLF and lone CR line
 * ends at every place against its chunks' and blocks' edges, past several
 * chunks. */
static void test_fast_path_same_as_libcsv(void **state)
{
	(void)state;
	static const char *const ends[] = {"\n", "\n", "\n", "\r\n", "\r\n", "\r"};
	uint64_t x = 11;
	enum { CAP = 5200 };
	char *buf = malloc(CAP);
	assert_non_null(buf);
	for (int t = 0; t < 12; t++) {
		size_t n = 0;
		memcpy(buf, "a,b,c\n", 6);
		n = 6;
		while (n < 4400) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			unsigned kind = (unsigned)(x >> 33) % 40, fields = 3;
			if (kind == 0)
				fields = 2;
			else if (kind == 1)
				fields = 4;
			else if (kind == 2)
				fields = 1;
			for (unsigned f = 0; f < fields; f++) {
				if (f)
					buf[n++] = ',';
				x = x * 6364136223846793005ull + 1442695040888963407ull;
				unsigned len = (unsigned)(x >> 40) % (t % 3 == 0 ? 5 : 40);
				if (kind == 3 && f == 1) {
					n += (size_t)sprintf(buf + n, "\"x,%u\"", len);   /* quoted */
					continue;
				}
				for (unsigned i = 0; i < len; i++)
					buf[n++] = (char)('a' + (i + f) % 26);
				if (kind == 4 && f == 2 && len)
					buf[n++] = '"';   /* text, inside a field */
				if (kind == 5 && f == 0)
					buf[n++] = ' ';
			}
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			const char *e = ends[(x >> 33) % (t % 4 == 3 ? 6 : 3)];
			memcpy(buf + n, e, strlen(e));
			n += strlen(e);
		}
		same_as_libcsv(buf, n, ',', 211 + (uint64_t)t);
	}
	/* A row's line end, or an extra field's separator, at each place
	 * around the first chunk's end (2,048 bytes from the first row). */
	static const char *const tails[] = {",b,c\r\n", ",b,c\n", ",b,c\r", ",b,c,\n",
					    ",b\n", "\"\",b,c\n"};
	for (size_t k = 0; k < sizeof(tails) / sizeof(tails[0]); k++) {
		for (size_t at = 2036; at < 2056; at++) {
			size_t n = 0, tl = strlen(tails[k]);
			memcpy(buf, "a,b,c\n", 6);
			n = 6;
			/* Rows of 100 bytes, then the tail's last separator or line
			 * end at `at` or at + 1. */
			while (n + 200 < at) {
				memset(buf + n, 'x', 95);
				memcpy(buf + n + 95, ",y,z\n", 5);
				n += 100;
			}
			while (n < at + 1 - tl + 1)
				buf[n++] = 'x';
			memcpy(buf + n, tails[k], tl);
			n += tl;
			memcpy(buf + n, "d,e,f\n", 6);
			n += 6;
			same_as_libcsv(buf, n, ',', 997);
		}
	}
	free(buf);
}

/* Rows of up to 2 KiB (20 fields, an export with long notes) take the
 * fast path too, with LF or CRLF line ends; the first chunk (256 bytes) is
 * made longer when a row does not end in it (atk8-scan F1: such rows were
 * all read by the general scan). The same rows as libcsv's. */
static void count_fast(void *ctx, unsigned reader, const sk_census__field *f, unsigned n,
		       bool fast)
{
	(void)reader;
	(void)f;
	(void)n;
	unsigned *count = ctx;
	count[0]++;
	count[1] += fast;
}

static void test_fast_path_long_rows(void **state)
{
	(void)state;
	static const size_t lens[] = {200, 256, 257, 300, 511, 513, 700, 1025, 1500, 2000, 2048};
	enum { ROWS = 7, FIELDS = 20 };
	char *buf = malloc(ROWS * 2048 + 256);
	assert_non_null(buf);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		for (int crlf = 0; crlf < 2; crlf++) {
			size_t n = 0;
			for (int row = 0; row < ROWS; row++) {
				/* FIELDS fields of about the same length, the
				 * line end included in the row's length. */
				size_t body = lens[i] - 1 - (size_t)crlf - (FIELDS - 1), at = 0;
				for (int f = 0; f < FIELDS; f++) {
					size_t flen = body / FIELDS + ((size_t)f < body % FIELDS);
					if (f)
						buf[n++] = ',';
					for (size_t k = 0; k < flen; k++)
						buf[n++] = (char)('a' + (row + f + (int)k) % 26);
					at += flen;
				}
				assert_int_equal(at, body);
				if (crlf)
					buf[n++] = '\r';
				buf[n++] = '\n';
			}
			assert_int_equal(n, ROWS * lens[i]);
			unsigned count[2] = {0, 0}, valid = 0;
			int rc = sk_census__scan_buffer(buf, n, ',', 1, 0, count_fast, count, &valid);
			assert_int_equal(rc, SK_OK);
			assert_int_equal(count[0], ROWS);
			if (count[1] != ROWS)
				fail_msg("rows of %zu bytes (%s): %u of %u by the fast path",
					 lens[i], crlf ? "CRLF" : "LF", count[1], ROWS);
			same_as_libcsv(buf, n, ',', n / 5);
		}
	}
	free(buf);
}

/* ---- counts ---- */

static sk_census *read_with(const char *text, size_t len, unsigned threads, uint64_t range,
			    sk_diags *d)
{
	sk_census *c = sk_census_new();
	assert_non_null(c);
	sk_census_set_threads(c, threads);
	sk_census__set_range(c, range);
	assert_int_equal(sk_census_read_buffer(c, NULL, text, len, "t.csv", "t", d), SK_OK);
	sk_census_check_terms(c, d);
	return c;
}

/* Reads text with 1 to max_threads threads, cut at every byte, and checks
 * each answer with `check`. */
static void every_cut(const char *text, unsigned max_threads,
		      void (*check)(const sk_census *c, const sk_diags *d))
{
	size_t len = strlen(text);
	for (unsigned threads = 1; threads <= max_threads; threads++) {
		for (uint64_t range = first_cut(threads); range <= len; range += CUT_STRIDE) {
			sk_diags *d = sk_diags_new();
			sk_census *c = read_with(text, len, threads, range, d);
			check(c, d);
			sk_census_free(c);
			sk_diags_free(d);
		}
	}
}

/* A quote inside a field that does not start with one is text (issue 11,
 * item 2): every row is read; an unclosed quote loses only its own row. */
static void stray_quotes_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.on_roll, 5);
	assert_int_equal(n.sen_support, 3);
	assert_int_equal(n.ehcp, 1);
	assert_int_equal(n.schools, 2);
	assert_int_equal(count_rule(d, "unterminated-quote", 6), 1);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 1);
}

static void test_stray_quotes(void **state)
{
	(void)state;
	const char *text = "upn,forename,urn,sen,primary_need,notes\n"
			   "A000000000001,Ja\"ne,100001,K,MLD,12\" ruler\n"       /* 2 */
			   "A000000000002,Bo,100001,E,ASD,\n"                      /* 3 */
			   "A000000000003,O\"Neil,100002,K,SLCN,\"two,\nlines\"\n" /* 4-5 */
			   "A000000000004,\"Ann,100002,K,MLD,never closed\n"       /* 6 */
			   "A000000000005,Cy,100002,N,,\n"                         /* 7 */
			   "A000000000006,Di,100001,K,SEMH,a \"b\" c\n";            /* 8 */
	every_cut(text, 4, stray_quotes_read);
}

/* A quoted field with text after its closing quote ("Quiet" at lunch) loses
 * its row alone, reported at its line; libcsv not strict read on to the
 * next quote, and 11 pupils were read as 2, silently (attack16, 3). */
static void quote_text_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.on_roll, 4);
	assert_int_equal(n.sen_support, 1);
	assert_int_equal(n.ehcp, 3);
	assert_int_equal(count_rule(d, "quote-text", 2), 1);
	assert_int_equal(count_rule(d, "unterminated-quote", 6), 1);
	assert_int_equal(count_rule(d, "ragged-row", 7), 1);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 3);
}

static void test_quote_text(void **state)
{
	(void)state;
	const char *text = "upn,urn,sen,primary_need,notes\n"
			   "A000000000001,100001,K,ASD,\"Quiet\" at lunch\n"  /* 2: left out */
			   "A000000000002,100001,E,SEMH,Loves \"Lego\"\n"     /* 3 */
			   "A000000000003,100001,E,SEMH,\"Tall \"\"tree\"\"\"\n"
			   "A000000000004,100001,K,MLD,\"a\" \n"            /* 5 */
			   "A000000000005,100001,N,,\"Two\n"                /* 6: left out */
			   "lines\" then, text\n"                             /* 7: ragged */
			   "A000000000006,100001,E,MLD,\"x\"\"\"\n";      /* 8 */
	every_cut(text, 4, quote_text_read);
}

/* A row longer than the buffer (1 MiB) with a quoted field holding lines
 * that look like rows: reported at its line and left out, never read as
 * rows (issue 11, item 3). */
static void test_long_row(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("upn,urn,sen,primary_need,notes\nA000000000001,100001,K,MLD,\n", fp);
	fputs("A000000000002,100001,E,ASD,\"notes", fp);
	for (int i = 0; i < 70000; i++)
		fprintf(fp, "\nA%012d,100009,K,MLD,x", 100 + i);   /* each a pupil of its own */
	fputs("\"\nA000000000003,100001,N,,\n", fp);
	fclose(fp);
	for (unsigned threads = 1; threads <= 2; threads++) {
		sk_diags *d = sk_diags_new();
		sk_census *c = read_with(text, len, threads, len / 3, d);
		sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
		assert_int_equal(n.schools, 1);
		assert_int_equal(n.on_roll, 2);
		assert_int_equal(n.sen_support, 1);
		assert_int_equal(n.ehcp, 0);
		assert_int_equal(count_rule(d, "ragged-row", 3), 1);
		assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 1);
		sk_census_free(c);
		sk_diags_free(d);
	}
	/* The same with the quote never closed: only its row is lost. */
	text[len - strlen("\"\nA000000000003,100001,N,,\n")] = 'y';
	sk_diags *d = sk_diags_new();
	sk_census *c = read_with(text, len, 1, 0, d);
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.schools, 2);
	assert_int_equal(n.on_roll, 1 + 70000 + 1);
	assert_int_equal(count_rule(d, "unterminated-quote", 3), 1);
	sk_census_free(c);
	sk_diags_free(d);
	free(text);
}

/* The one diagnostic of a rule, at line:col, with its message. */
static void assert_only_diag(const sk_diags *d, const char *rule, unsigned line, unsigned col,
			     const char *msg)
{
	assert_int_equal(count_rule(d, rule, 0), 1);
	for (size_t i = 0; i < sk_diags_count(d); i++) {
		const sk_diag *x = sk_diags_at(d, i);
		if (strcmp(x->rule, rule) != 0)
			continue;
		assert_int_equal(x->pos.line, line);
		assert_int_equal(x->pos.col, col);
		assert_string_equal(x->message, msg);
	}
}

/* A quote never closed on a line longer than the buffer (1 MiB): only that
 * line's row is lost, and it is reported at its line in the file, with any
 * threads and ranges. It used to read on from the buffer's end, in the
 * middle of the line, and count its tail as a pupil of school 100003; the
 * message said "line 2" (from the reader's start) where the row is on 3. */
static void test_long_unclosed_quote_line(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("note,urn,sen\nok,100001,N\n\"", fp);
	for (int i = 0; i < 1100000; i++)
		fputc('y', fp);
	fputs(",100003,K\nok,100001,N\n", fp);
	fclose(fp);
	const uint64_t ranges[] = {1, 64, 4096, len / 3, len / 2};
	for (unsigned threads = 1; threads <= 4; threads++) {
		for (size_t k = 0; k < (threads > 1 ? 5u : 1u); k++) {
			sk_diags *d = sk_diags_new();
			sk_census *c = read_with(text, len, threads, ranges[k], d);
			sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
			assert_int_equal(n.schools, 1);
			assert_int_equal(n.on_roll, 2);
			assert_int_equal(n.sen_support, 0);
			assert_only_diag(d, "unterminated-quote", 3, 1,
					 "a quote that is never closed: the row it opens is left out");
			assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 1);
			sk_census_free(c);
			sk_diags_free(d);
		}
	}
	free(text);
}

/* Many lines that each open a quote never closed, among good rows: each
 * such row is lost alone, and the reading is linear. Reading to the end of
 * the data for every such line took 9 s for 20,000 lines and 37 s for
 * 40,000; at 200,000 (2.6 MB, past the buffer) that would not end within
 * the test's timeout. */
static void test_many_unclosed_quotes(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("urn,sen,primary_need\n", fp);
	for (int i = 0; i < 100000; i++)
		fputs("\"100001,K,MLD\n100002,K,MLD\n", fp);
	fclose(fp);
	for (unsigned threads = 1; threads <= 3; threads++) {
		sk_diags *d = sk_diags_new();
		sk_census *c = read_with(text, len, threads, threads > 1 ? len / threads : 0, d);
		sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
		assert_int_equal(n.schools, 1);
		assert_int_equal(n.on_roll, 100000);
		assert_int_equal(n.sen_support, 100000);
		assert_int_equal(count_rule(d, "unterminated-quote", 2), 1);
		bool all = false;
		for (size_t i = 0; i < sk_diags_count(d); i++)
			all |= strstr(sk_diags_at(d, i)->message, "(100000 in all)") != NULL;
		assert_true(all);
		sk_census_free(c);
		sk_diags_free(d);
	}
	free(text);
}

/* Rows ended by LF, CRLF and a CR alone in one file (not an old Mac file:
 * it has a LF) are all read, with any threads and ranges; lines are counted
 * as rows end, a CRLF once. */
static void lone_cr_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.schools, 2);
	assert_int_equal(n.on_roll, 5);
	assert_int_equal(n.sen_support, 3);
	assert_int_equal(n.ehcp, 1);
	assert_int_equal(n.need[SK_NEED_SLCN], 1);
	assert_int_equal(count_rule(d, "missing-need", 4), 1);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 1);
}

static void test_lone_cr(void **state)
{
	(void)state;
	every_cut("upn,urn,sen,primary_need\r\n"
		  "A000000000001,100001,K,MLD\r"          /* 2 */
		  "A000000000002,100001,E,ASD\n"          /* 3 */
		  "A000000000003,100002,K,\r\n"           /* 4: no need */
		  "A000000000004,100002,\"N\",\r"         /* 5 */
		  "A000000000005,100002,K,\"SLCN\" \r",    /* 6 */
		  3, lone_cr_read);
}

/* Every range is set before its thread starts (issue 11, item 1): many
 * threads over small ranges count every pupil once, run after run. */
static void test_threads_race(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("upn,urn,sen,primary_need\n", fp);
	for (int i = 0; i < 20000; i++)
		fprintf(fp, "A%012d,%d,%s\n", i, 100000 + i % 37, i % 5 ? "N," : "K,MLD");
	fclose(fp);
	for (int run = 0; run < 20; run++) {
		sk_census *c = read_with(text, len, 16, 4096, NULL);
		sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
		assert_int_equal(n.on_roll, 20000);
		assert_int_equal(n.sen_support, 4000);
		sk_census_free(c);
	}
	free(text);
}

/* ---- what a row may never give: a name as a key or in a message ---- */

/* Every diagnostic's message, and the summary in every level, free of s. */
static void nowhere(const sk_census *c, const sk_diags *d, const char *s)
{
	for (size_t i = 0; i < sk_diags_count(d); i++)
		if (strstr(sk_diags_at(d, i)->message, s))
			fail_msg("\"%s\" in %s", s, sk_diags_at(d, i)->message);
	unsigned levels = SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_HUB) |
			  SK_CENSUS_BY(SK_CENSUS_LA) | SK_CENSUS_BY(SK_CENSUS_ALL);
	char *buf = summary_csv(c, levels, 0);
	if (strstr(buf, s))
		fail_msg("\"%s\" in the summary:\n%s", s, buf);
	free(buf);
}

/* A row whose columns are shifted (a comma in a name where the header has
 * blank cells at its end, a comma missing) is left out and reported by
 * line: its key is not a URN, or a column holds what it cannot (issue 11,
 * item 8). A tab around a URN is
 * trimmed like a space (item 5). */
static void test_shifted_rows(void **state)
{
	(void)state;
	const char *text = "upn,surname,forename,dob,urn,school,sen,primary_need,,\n"
			   "A000000000001,Smith,Jo,2015-01-02,100001,Oak,K,MLD,,\n"          /* 2 */
			   "A000000000002,Smith,Jo,Ann,2015-01-02,100001,Oak,N,,\n"         /* 3 */
			   "A000000000003,Lee,2015-03-04,100001,Oak,E,ASD,,,\n"              /* 4 */
			   "A000000000004,Wu,Li,2015-05-06,\t100001 ,Oak,N,,,\n"             /* 5 */
			   "A000000000005,Kay,Al,2015-05-06,1000012,Oak,N,,,\n";             /* 6 */
	for (unsigned threads = 1; threads <= 2; threads++) {
		sk_diags *d = sk_diags_new();
		sk_census *c = read_with(text, strlen(text), threads, 1, d);
		sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
		assert_int_equal(n.schools, 1);
		assert_int_equal(n.on_roll, 2);
		assert_int_equal(n.sen_support, 1);
		assert_int_equal(n.ehcp, 0);
		assert_int_equal(count_rule(d, "row-shape", 3), 1);     /* a name as a date */
		assert_int_equal(count_rule(d, "row-shape", 4), 1);     /* a URN as a date */
		assert_int_equal(count_rule(d, "bad-school-key", 6), 1);
		assert_int_equal(count_rule(d, "row-shape", 0) + count_rule(d, "bad-school-key", 0),
				 3);
		nowhere(c, d, "Ann");
		nowhere(c, d, "2015");
		nowhere(c, d, "Lee");
		sk_census_free(c);
		sk_diags_free(d);
	}
}

/* A school whose only row is shifted (a comma in a surname where the
 * header has blank cells at its end, and one lost at the end) has nothing
 * to disagree with: the date of birth column holding a name tells it, and
 * the row is left out whole, at any thread count and cut (issue 11). */
static void shifted_only_row_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.schools, 1);
	assert_int_equal(n.on_roll, 2);
	assert_int_equal(n.sen_support, 1);
	assert_int_equal(count_rule(d, "row-shape", 4), 1);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 1);
	for (size_t i = 0; i < sk_diags_count(d); i++)
		if (strcmp(sk_diags_at(d, i)->rule, "row-shape") == 0)
			assert_non_null(strstr(sk_diags_at(d, i)->message, "column \"DOB\""));
	nowhere(c, d, "Ann");
	nowhere(c, d, "Jr");
	nowhere(c, d, "Smith");
}

static void test_shifted_only_row(void **state)
{
	(void)state;
	every_cut("URN,SEN,Primary Need,Surname,DOB,Forename,School,LA,,\n"
		  "100001,K,MLD,Lee,2015-01-02,Bo,Oak,Testshire,,\n"       /* 2 */
		  "100001,N,,Kay,03/04/2015,Cy,Oak,Testshire,,\n"          /* 3 */
		  "100002,K,MLD,Smith,Jr,2015-01-02,Ann,Elm,,\n",          /* 4 */
		  3, shifted_only_row_read);
}

/* A School column that holds forenames (mislabelled): the schools with
 * two rows disagree, so no school's name from the file is published, not
 * even that of the school with one row, at any thread count and cut. */
static void mislabelled_read(const sk_census *c, const sk_diags *d)
{
	assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).on_roll, 4);
	assert_int_equal(count_rule(d, "names-disagree", 0), 2);   /* the school, the file */
	assert_int_equal(count_rule(d, "names-disagree", 3), 1);
	nowhere(c, d, "Ann");
	nowhere(c, d, "Tom");
	char *csv = summary_csv(c, SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_ALL), 0);
	assert_non_null(strstr(csv, "100001,,Testshire,"));
	/* The LA column is beside the forenames: one row does not give it. */
	assert_non_null(strstr(csv, "100002,,,"));
	assert_int_equal(count_rule(d, "names-unconfirmed", 0), 1);
	free(csv);
}

static void test_mislabelled_column(void **state)
{
	(void)state;
	every_cut("URN,UPN,School,Forename,LA,SEN Status\n"
		  "100002,A123456789014,Ann,Elm Academy,Testshire,E\n"     /* 2 */
		  "100001,A123456789012,Mary,Oak Primary,Testshire,K\n"    /* 3 */
		  "100001,A123456789013,Tom,Oak Primary,Testshire,N\n"     /* 4 */
		  "100003,A123456789015,Bo,Ash Infants,Testshire,N\n",     /* 5 */
		  3, mislabelled_read);
}

/* A school with one row, shifted by a comma lost and one added where no
 * checked column lies between (the hub beside the forename): nothing shows
 * the shift. From a pupil-level file every name, LA and hub needs two
 * pupils' rows alike, so the one-row school's are withheld even where its
 * columns are checked (a mislabelled column passes every check). */
static void one_pupil_read(const sk_census *c, const sk_diags *d)
{
	assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).on_roll, 3);
	assert_int_equal(count_rule(d, "names-unconfirmed", 0), 1);
	nowhere(c, d, "Ravi");
	nowhere(c, d, "Zofia");
	char *csv = summary_csv(c, SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_ALL), 0);
	assert_non_null(strstr(csv, "100200,,,,"));
	assert_non_null(strstr(csv, "100101,Oak Primary,Testshire,North,"));
	free(csv);
}

static void test_one_pupil_school(void **state)
{
	(void)state;
	every_cut("School,URN,SEND Hub,Forename,Surname,LA,UPN,SEN Provision\n"
		  "Oak Primary,100101,North,Bo,Lee,Testshire,A123456789012,N\n"
		  "Oak Primary,100101,North,Cy,Kay,Testshire,A123456789013,K\n"
		  "Lone School,100200,Ravi,Zofia,LI,Testshire,A123456789014,K\n",
		  3, one_pupil_read);
}

/* Without a UPN column pupils are told apart by date of birth: one pupil's
 * rows (one per need) confirm nothing, a row with no date says nothing,
 * and two pupils confirm, in any order of rows and at any cut. */
static void givers_by_dob_read(const sk_census *c, const sk_diags *d)
{
	assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).on_roll, 5);
	assert_int_equal(count_rule(d, "names-unconfirmed", 0), 1);
	nowhere(c, d, "Elm Academy");
	char *csv = summary_csv(c, SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_ALL), 0);
	assert_non_null(strstr(csv, "100001,Oak Primary,"));
	assert_non_null(strstr(csv, "100002,,"));
	free(csv);
}

static void test_givers_by_dob(void **state)
{
	(void)state;
	every_cut("Surname,School,DOB,URN,SEN Provision,Primary Need\n"
		  "Ash,Oak Primary,,100001,N,\n"
		  "Ash,Oak Primary,05/01/2015,100001,K,ASD\n"
		  "Birch,Oak Primary,06/02/2015,100001,N,\n"
		  "Smith,Elm Academy,07/03/2015,100002,E,SEMH\n"
		  "Smith,Elm Academy,07/03/2015,100002,E,ASD\n",
		  3, givers_by_dob_read);
}

/* What exports really hold passes: temporary and lower-case UPNs, empty
 * cells, dates in every order and form, year groups as codes and words. */
static void legitimate_shapes_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(count_rule(d, "row-shape", 0), 0);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 0);
	assert_int_equal(n.on_roll, 16);
}

static void test_legitimate_shapes(void **state)
{
	(void)state;
	every_cut("UPN,URN,DOB,NC Year,SEN Status\n"
		  "A123456789012,100001,09/05/2020,N2,N\n"
		  "B12345678901C,100001,2015-01-02,R,N\n"
		  "c123456789012,100001,1/2/2015,1,N\n"
		  ",100001,,,N\n"
		  " \"Z00000000000A\" ,100001, 05-Jan-2010 ,Year 7,N\n"
		  "A123456789021,100001,5 January 2010,Y10,N\n"
		  "A123456789022,100001,2010-01-05 00:00:00,Reception,N\n"
		  "A123456789023,100001,05/01/10,14,N\n"
		  "A123456789024,100001,05.01.2010,X,N\n"
		  "A123456789025,100001,2010-01-05T00:00,Nursery 1,N\n"
		  "A123456789026,100001,40183,E1,N\n"
		  "A123456789027,100001,01/23/2010,YR,N\n"
		  "A123456789028,100001,05/01/2010 0:00 AM,year 12,N\n"
		  "A123456789029,100001,2010-1-5,07,N\n"
		  "A123456789030,100001,05-01-2010,rec,N\n"
		  "A123456789031,100001,5/1/2010,NC Year 3,N\n",
		  2, legitimate_shapes_read);
}

/* What a shifted row puts there fails: a name, a URN, a code, a year group
 * in the date's column; never quoted. */
static void test_shapes_rejected(void **state)
{
	(void)state;
	const char *text = "UPN,URN,DOB,NC Year,SEN Status\n"
			   "Smith,100001,,,N\n"               /* 2: a name as a UPN */
			   "A12345678901,100001,,,N\n"        /* 3: a digit short */
			   "100001,100001,,,N\n"              /* 4: a URN */
			   ",100001,Ann,,N\n"                 /* 5: a name as a date */
			   ",100001,100001,,N\n"              /* 6: a URN as a date */
			   ",100001,7,,N\n"                   /* 7: a year group as a date */
			   ",100001,13/13/2010 x,,N\n"        /* 8 */
			   ",100001,,Jo,N\n"                  /* 9: a name as a year group */
			   ",100001,,09/05/2020,N\n"          /* 10: a date as a year group */
			   ",100001,,WU,N\n"                  /* 11 */
			   ",100001,,,N\n";                   /* 12: the one row read */
	sk_diags *d = sk_diags_new();
	sk_census *c = read_with(text, strlen(text), 1, 0, d);
	assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).on_roll, 1);
	for (unsigned line = 2; line <= 11; line++)
		assert_int_equal(count_rule(d, "row-shape", line), 1);
	nowhere(c, d, "Smith");
	nowhere(c, d, "Ann");
	nowhere(c, d, "Jo\"");
	nowhere(c, d, "WU");
	sk_census_free(c);
	sk_diags_free(d);
}

/* A column of names under a code's header: said by column, line and count
 * of distinct values, never quoted (issue 11, item 9). */
static void test_names_never_quoted(void **state)
{
	(void)state;
	const char *text = "upn,urn,sen,primary_need,secondary_need\n"
			   "A000000000001,100001,SMITH,,\n"
			   "A000000000002,100001,WU,,\n"
			   "A000000000003,100001,SMITH,,\n"
			   "A000000000004,100001,K,Jo,Al\n"
			   "A000000000005,100001,E,ASD,Q\n";
	sk_diags *d = sk_diags_new();
	sk_census *c = read_with(text, strlen(text), 1, 0, d);
	nowhere(c, d, "SMITH");
	nowhere(c, d, "WU");
	nowhere(c, d, "Jo");
	nowhere(c, d, "Al\"");
	nowhere(c, d, "\"Q\"");
	assert_int_equal(count_rule(d, "unknown-provision", 2), 1);
	assert_int_equal(count_rule(d, "unknown-need", 5), 2);
	bool said = false;
	for (size_t i = 0; i < sk_diags_count(d); i++)
		said |= strstr(sk_diags_at(d, i)->message,
			       "2 distinct values in column \"sen\" are not SEN provision codes") != NULL;
	assert_true(said);
	sk_census_free(c);
	sk_diags_free(d);
	/* A school-level file with a name where a count goes. */
	const char *school = "URN,School,Total pupils,SEN support,EHC plan\n"
			     "100001,Oak,Smith,3,1\n";
	d = sk_diags_new();
	c = read_with(school, strlen(school), 1, 0, d);
	assert_int_equal(count_rule(d, "bad-count", 2), 1);
	nowhere(c, d, "Smith");
	sk_census_free(c);
	sk_diags_free(d);
}

/* ---- the same answer for any number of threads ---- */

/* A school's name, LA and hub come from the first row that gives them, not
 * only its first row (issue 11, item 4); the Windows-1252 note is given for
 * the names kept, whichever thread read them (item 6). */
static void expect_names(const char *text, const char *row, unsigned disagree)
{
	for (unsigned threads = 1; threads <= 3; threads++) {
		for (uint64_t range = 1; range < strlen(text); range += 7) {
			sk_diags *d = sk_diags_new();
			sk_census *c = read_with(text, strlen(text), threads, range, d);
			char *csv = summary_csv(c, SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_ALL), 0);
			if (!strstr(csv, row))
				fail_msg("threads %u, range %llu:\n%s", threads,
					 (unsigned long long)range, csv);
			assert_int_equal(count_rule(d, "encoding", 0), 0);
			assert_int_equal(count_rule(d, "names-disagree", 2), disagree);
			free(csv);
			sk_census_free(c);
			sk_diags_free(d);
		}
	}
}

/* A school's name, LA and hub come from the rows that give them when they
 * agree; when they do not (a shifted row, a mislabelled column), none is
 * published, the same with any number of threads and any cut (issue 11). */
static void test_names_from_first_giving_row(void **state)
{
	(void)state;
	expect_names("urn,school,la,hub,sen,primary_need,upn\n"
		     "100001,,,,N,,A000000000001\n"
		     "100001,Caf\xc3\xa9 School,,North,N,,A000000000002\n"
		     "100001,Caf\xc3\xa9 School,Testshire,North,K,MLD,A000000000003\n"
		     "100001, Caf\xc3\xa9 School,Testshire,,N,,A000000000004\n",
		     "100001,Caf\xc3\xa9 School,Testshire,North,1,4,1,", 0);
	expect_names("urn,school,la,hub,sen,primary_need,upn\n"
		     "100001,,,,N,,A000000000001\n"
		     "100001,Caf\xc3\xa9 School,,North,N,,A000000000002\n"
		     "100001,Annabel,Testshire,North,K,MLD,A000000000003\n"
		     "100001,Caf\xc3\xa9 School,Elsewhere,North,N,,A000000000004\n",
		     "100001,,,North,1,4,1,", 1);
}

/* The messages of a file in one order for any number of threads and any
 * cut (issue 11, item 6): a duplicate pupil judged at a join, whose row
 * spans three lines with a missing need on its last, comes where one
 * thread tells it. */
static void test_diag_order_any_threads(void **state)
{
	(void)state;
	const char *text = "UPN,Surname,URN,SEN Provision,Primary Need\n"
			   "A000000000001,Lee,100001,K,MLD\n"
			   "A000000000002,\"a\nb\",100001,K,\n"
			   "A000000000001,\"c\nd\",100001,K,\n"
			   "A000000000003,Kay,100001,N,\n"
			   "A000000000002,Ng,100001,K,\n";
	size_t len = strlen(text);
	sk_diags *one = sk_diags_new();
	sk_census_free(read_with(text, len, 1, 0, one));
	assert_int_equal(count_rule(one, "duplicate-pupil", 0), 1);
	assert_int_equal(count_rule(one, "duplicate-pupil-differs", 0), 1);
	assert_int_equal(count_rule(one, "missing-need", 0), 3);
	for (unsigned threads = 2; threads <= 3; threads++) {
		for (uint64_t range = 1; range <= len; range++) {
			sk_diags *d = sk_diags_new();
			sk_census_free(read_with(text, len, threads, range, d));
			assert_int_equal(sk_diags_count(d), sk_diags_count(one));
			for (size_t i = 0; i < sk_diags_count(d); i++) {
				const sk_diag *a = sk_diags_at(one, i), *b = sk_diags_at(d, i);
				if (a->pos.line != b->pos.line || a->pos.col != b->pos.col ||
				    strcmp(a->rule, b->rule) != 0 || strcmp(a->message, b->message) != 0)
					fail_msg("threads %u, range %llu: message %zu is %u:%u %s, "
						 "not %u:%u %s", threads, (unsigned long long)range, i,
						 b->pos.line, b->pos.col, b->rule, a->pos.line,
						 a->pos.col, a->rule);
			}
			sk_diags_free(d);
		}
	}
	sk_diags_free(one);
}

/* A school-level file giving a URN on its first and last rows: warned once,
 * at the same line and column, with any number of threads (issue 11). */
static void test_duplicate_urn_any_threads(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("School,Total pupils,SEN support,EHC plan,URN\n", fp);
	for (int i = 0; i < 200; i++)
		fprintf(fp, "School %d,100,10,2,%d\n", i, i ? 100000 + i : 100500);
	fputs("Again,50,5,1,100500\n", fp);
	fclose(fp);
	for (unsigned threads = 1; threads <= 4; threads++) {
		sk_diags *d = sk_diags_new();
		sk_census *c = read_with(text, len, threads, 64, d);
		assert_int_equal(count_rule(d, "duplicate-school", 202), 1);
		assert_int_equal(count_rule(d, "duplicate-school", 0), 1);
		for (size_t i = 0; i < sk_diags_count(d); i++)
			if (sk_diags_at(d, i)->pos.line == 202 && sk_diags_at(d, i)->pos.col != 1)
				fail_msg("threads %u: column %u", threads, sk_diags_at(d, i)->pos.col);
		sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
		assert_int_equal(n.schools, 200);
		assert_int_equal(n.on_roll, 200 * 100 + 50);
		sk_census_free(c);
		sk_diags_free(d);
	}
	free(text);
}

/* ---- pipes ---- */

/* Reads what a child writes into a pipe in pieces, with a pause between
 * them, so that each piece comes in a read() of its own. */
static sk_census *read_pipe(const char *const *pieces, size_t n, sk_diags *d, int want)
{
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fd[0]);
		for (size_t i = 0; i < n; i++) {
			if (write(fd[1], pieces[i], strlen(pieces[i])) < 0)
				_exit(1);
			nanosleep(&(struct timespec){0, 30000000}, NULL);
		}
		_exit(0);
	}
	close(fd[1]);
	sk_census *c = sk_census_new();
	assert_non_null(c);
	sk_census_set_threads(c, 2);
	assert_int_equal(sk_census_read_fd(c, NULL, fd[0], "-", "t", d), want);
	close(fd[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return c;
}

/* A header, a byte order mark and a CRLF split across reads of a pipe
 * (issue 11, item 7). */
static void test_pipe_pieces(void **state)
{
	(void)state;
#ifdef __EMSCRIPTEN__
	skip();   /* no fork() in WebAssembly */
#endif
	static const char *const pieces[] = {"\xEF", "\xBB\xBFur", "n,sen,primary_need\r",
					     "\n100001,K,MLD\r", "\n100001,N,\r\n"};
	sk_diags *d = sk_diags_new();
	sk_census *c = read_pipe(pieces, 5, d, SK_OK);
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_ALL, NULL);
	assert_int_equal(n.on_roll, 2);
	assert_int_equal(n.sen_support, 1);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 0);
	sk_census_free(c);
	sk_diags_free(d);
}

/* ---- the hubs file ---- */

/* Columns by name, in any order, with a school name beside them; a file
 * without urn and hub columns is refused (issue 11, item 10). */
static void test_hubs_by_name(void **state)
{
	(void)state;
	const char *hubs = "School name,SEND Hub,URN\nOak,North,100001\n";
	const char *census = "urn,sen\n100001,K\n";
	sk_census *c = sk_census_new();
	sk_diags *d = sk_diags_new();
	assert_int_equal(sk_census_read_hubs(c, hubs, strlen(hubs), "h.csv", d), SK_OK);
	assert_int_equal(sk_census_read_buffer(c, NULL, census, strlen(census), "t.csv", "t", d),
			 SK_OK);
	sk_census_counts n;
	assert_int_equal(sk_census_counts_find(&n, c, 0, SK_CENSUS_HUB, "North"), SK_OK);
	assert_int_equal(n.on_roll, 1);
	sk_census_free(c);
	const char *pupils = "URN,Surname,Forename\n100001,SMITH,Jo\n";
	c = sk_census_new();
	assert_int_equal(sk_census_read_hubs(c, pupils, strlen(pupils), "p.csv", d), SK_EINVAL);
	assert_int_equal(count_rule(d, "hubs-header", 1), 1);
	for (size_t i = 0; i < sk_diags_count(d); i++)
		assert_null(strstr(sk_diags_at(d, i)->message, "SMITH"));
	sk_census_free(c);
	sk_diags_free(d);
}

/* The same pupil on two rows of a school's run (a row pasted twice, one row
 * per need) is counted once, from the first row, with a warning, or an error
 * when the rows disagree; by its line and the first row's, never its UPN; at
 * any cut, with 1 to 4 threads (issue 11). */
static const char *const dup_text =
	"upn,urn,sen,primary_need\n"
	"A000000000001,100001,K,ASD\n"          /* 2 */
	"A000000000002,100001,E,MLD\n"          /* 3 */
	"A000000000001,100001,K,ASD\n"          /* 4: again, as line 2 */
	"a000000000002,100001,K,MLD\n"          /* 5: again, another provision */
	"A000000000003,100001,N,\n"             /* 6 */
	"A000000000003,100001,N,\n"             /* 7: again */
	",100001,K,SLCN\n"                      /* 8: no UPN, counted */
	",100001,K,SLCN\n"                      /* 9: counted */
	"A000000000004,100002,K,SPLD\n"         /* 10 */
	"A000000000004,100002,K,SEMH\n"         /* 11: again, another need */
	"A000000000001,100002,E,ASD\n"          /* 12: another school's pupil */
	"A000000000004,100001,K,SPLD\n"         /* 13: a new run of 100001 */
	"A000000000004,100001,K,SPLD\n"         /* 14: again */
	"A000000000005,100001,Monitoring,\n"    /* 15 */
	"A000000000005,100001,Monitoring,\n";   /* 16: again */

static void assert_dup(const sk_diags *d, size_t *i, const char *rule, unsigned line,
		       unsigned first, const char *differs)
{
	const sk_diag *x = NULL;
	while (*i < sk_diags_count(d) && strncmp(sk_diags_at(d, *i)->rule, "duplicate-pupil", 15))
		++*i;
	assert_true(*i < sk_diags_count(d));
	x = sk_diags_at(d, (*i)++);
	assert_string_equal(x->rule, rule);
	assert_int_equal(x->pos.line, line);
	assert_int_equal(x->pos.col, 1);
	char want[300];
	if (differs)
		snprintf(want, sizeof(want), "the same UPN as line %u, in this school's rows before "
			 "it, with another %s: the pupil is counted once, from line %u; correct the "
			 "rows and run again", first, differs, first);
	else
		snprintf(want, sizeof(want), "the same UPN as line %u, in this school's rows before "
			 "it (a row given twice?): the pupil is counted once, from line %u", first,
			 first);
	assert_string_equal(x->message, want);
	assert_null(strstr(x->message, "00000000"));
}

static void dups_read(const sk_census *c, const sk_diags *d)
{
	sk_census_counts n = census_counts(c, 0, SK_CENSUS_SCHOOL, "100001");
	assert_int_equal(n.on_roll, 7);
	assert_int_equal(n.sen_support, 4);
	assert_int_equal(n.ehcp, 1);
	assert_int_equal(n.need[SK_NEED_ASD], 1);
	assert_int_equal(n.need[SK_NEED_MLD], 1);
	assert_int_equal(n.need[SK_NEED_SLCN], 2);
	assert_int_equal(n.need[SK_NEED_SPLD], 1);
	n = census_counts(c, 0, SK_CENSUS_SCHOOL, "100002");
	assert_int_equal(n.on_roll, 2);
	assert_int_equal(n.sen_support, 1);
	assert_int_equal(n.ehcp, 1);
	assert_int_equal(n.need[SK_NEED_SPLD], 1);
	assert_int_equal(n.need[SK_NEED_SEMH], 0);
	size_t i = 0;
	assert_dup(d, &i, "duplicate-pupil", 4, 2, NULL);
	assert_dup(d, &i, "duplicate-pupil-differs", 5, 3, "SEN provision");
	assert_dup(d, &i, "duplicate-pupil", 7, 6, NULL);
	assert_dup(d, &i, "duplicate-pupil-differs", 11, 10, "primary need");
	assert_dup(d, &i, "duplicate-pupil", 14, 13, NULL);
	assert_dup(d, &i, "duplicate-pupil", 16, 15, NULL);
	assert_int_equal(count_rule(d, "duplicate-pupil", 0), 4);
	assert_int_equal(count_rule(d, "duplicate-pupil-differs", 0), 2);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 2);
	assert_int_equal(count_rule(d, "monitoring", 0), 1);
	for (size_t k = 0; k < sk_diags_count(d); k++)
		if (strcmp(sk_diags_at(d, k)->rule, "monitoring") == 0)
			assert_non_null(strstr(sk_diags_at(d, k)->message, "1 pupil with SEN"));
}

static void test_duplicate_pupils(void **state)
{
	(void)state;
	every_cut(dup_text, 4, dups_read);
}

/* Without a UPN column two identical rows are two pupils (nothing tells them
 * apart): both are counted. */
static void test_duplicate_rows_without_upn(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	const char *text = "urn,sen,primary_need\n100001,K,ASD\n100001,K,ASD\n";
	sk_census *c = read_with(text, strlen(text), 1, 0, d);
	assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).sen_support, 2);
	assert_int_equal(sk_diags_count(d), 0);
	sk_census_free(c);
	sk_diags_free(d);
}

/* Many pupils given twice, a report limit of 2: the diagnostics shown, and
 * the closing counts, are those of one thread, at every cut. */
static void test_duplicate_pupils_limit(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	assert_non_null(fp);
	fputs("upn,urn,sen\n", fp);
	for (int i = 0; i < 24; i++) {
		/* Runs of 6 rows: 3 pupils, each twice, one of them with another code. */
		int pupil = i / 2, school = 100001 + i / 6;
		fprintf(fp, "A%012d,%d,%s\n", pupil, school, i % 4 == 3 ? "E" : "K");
	}
	fclose(fp);
	char *one = NULL;
	for (unsigned threads = 1; threads <= 4; threads++) {
		for (uint64_t range = first_cut(threads); range <= len; range += CUT_STRIDE) {
			sk_diags *d = sk_diags_new();
			sk_census *c = sk_census_new();
			assert_non_null(c);
			sk_census_set_threads(c, threads);
			sk_census__set_range(c, range);
			sk_census_set_report_limit(c, 2);
			assert_int_equal(sk_census_read_buffer(c, NULL, text, len, "t.csv", "t", d),
					 SK_OK);
			assert_int_equal(census_counts(c, 0, SK_CENSUS_ALL, NULL).on_roll, 12);
			char *all = NULL;
			size_t all_len = 0;
			FILE *out = open_memstream(&all, &all_len);
			assert_non_null(out);
			for (size_t i = 0; i < sk_diags_count(d); i++) {
				const sk_diag *x = sk_diags_at(d, i);
				fprintf(out, "%u:%u %s %s\n", x->pos.line, x->pos.col, x->rule,
					x->message);
			}
			fclose(out);
			if (!one)
				one = all;
			else {
				assert_string_equal(all, one);
				free(all);
			}
			sk_census_free(c);
			sk_diags_free(d);
		}
	}
	assert_non_null(strstr(one, "4 more pupils' rows given again not shown (6 in all)"));
	free(one);
	free(text);
}

/* Counts in messages are singular for 1 (issue 11): a row of 1 field, and
 * the closing count of one more not shown; a file keyed by LAESTAB says
 * that a row has no LAESTAB, not no URN. */
static void test_message_counts(void **state)
{
	(void)state;
	const char *text = "laestab,sen\n3802001,K\n,K\n3802001\n3802001\n";
	sk_diags *d = sk_diags_new();
	sk_census *c = sk_census_new();
	assert_non_null(c);
	sk_census_set_report_limit(c, 1);
	assert_int_equal(sk_census_read_buffer(c, NULL, text, strlen(text), "t.csv", "t", d),
			 SK_OK);
	assert_only_diag(d, "missing-school", 3, 1, "no LAESTAB: the row is left out");
	size_t found = 0;
	for (size_t i = 0; i < sk_diags_count(d); i++) {
		const char *m = sk_diags_at(d, i)->message;
		found += strcmp(m, "1 field where the header has 2: the row is left out") == 0;
		found += strcmp(m, "1 more row with the wrong number of fields not shown "
				"(2 in all)") == 0;
	}
	assert_int_equal(found, 2);
	sk_census_free(c);
	sk_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tricky_same_as_libcsv),
		cmocka_unit_test(test_random_same_as_libcsv),
		cmocka_unit_test(test_fast_path_same_as_libcsv),
		cmocka_unit_test(test_fast_path_long_rows),
		cmocka_unit_test(test_stray_quotes),
		cmocka_unit_test(test_quote_text),
		cmocka_unit_test(test_long_row),
		cmocka_unit_test(test_long_unclosed_quote_line),
		cmocka_unit_test(test_many_unclosed_quotes),
		cmocka_unit_test(test_lone_cr),
		cmocka_unit_test(test_threads_race),
		cmocka_unit_test(test_shifted_rows),
		cmocka_unit_test(test_shifted_only_row),
		cmocka_unit_test(test_mislabelled_column),
		cmocka_unit_test(test_one_pupil_school),
		cmocka_unit_test(test_diag_order_any_threads),
		cmocka_unit_test(test_givers_by_dob),
		cmocka_unit_test(test_legitimate_shapes),
		cmocka_unit_test(test_shapes_rejected),
		cmocka_unit_test(test_names_never_quoted),
		cmocka_unit_test(test_names_from_first_giving_row),
		cmocka_unit_test(test_duplicate_urn_any_threads),
		cmocka_unit_test(test_duplicate_pupils),
		cmocka_unit_test(test_duplicate_rows_without_upn),
		cmocka_unit_test(test_duplicate_pupils_limit),
		cmocka_unit_test(test_message_counts),
		cmocka_unit_test(test_pipe_pieces),
		cmocka_unit_test(test_hubs_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
