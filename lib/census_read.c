/* Reading census CSV files: the scanner and its threads. The header
 * (census_header.c) says which columns are used; a small hand-written
 * scanner reads the rows, looking only at those columns, and gives each
 * to the row rules (census_rows.c). A regular file is cut into ranges at
 * newlines (census_source.c), more than there are threads, which take them
 * in turn; each range's start is checked by the reader of the range before
 * it, which must end a row exactly there (otherwise the newline was inside
 * a quoted field, and that reader reads on to the end alone). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "census_read_internal.h"

/* ---- the scanner ---- */

/* Bit masks of the quotes, separators and line ends (LF or CR) in b[0..64).
 * Reads all 64 bytes, which the buffer's padding allows past the data. */
static inline void block_masks(const char *b, char sep, uint64_t *q, uint64_t *s, uint64_t *n)
{
	uint64_t mq = 0, ms = 0, mn = 0;
#ifdef __SSE2__
	const __m128i vq = _mm_set1_epi8('"'), vs = _mm_set1_epi8(sep), vn = _mm_set1_epi8('\n');
	const __m128i vr = _mm_set1_epi8('\r');
	for (int k = 0; k < 4; k++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + 16 * k));
		__m128i ends = _mm_or_si128(_mm_cmpeq_epi8(x, vn), _mm_cmpeq_epi8(x, vr));
		mq |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vq)) << (16 * k);
		ms |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vs)) << (16 * k);
		mn |= (uint64_t)(unsigned)_mm_movemask_epi8(ends) << (16 * k);
	}
#else
	for (int k = 0; k < 64; k++) {
		mq |= (uint64_t)(b[k] == '"') << k;
		ms |= (uint64_t)(b[k] == sep) << k;
		mn |= (uint64_t)(b[k] == '\n' || b[k] == '\r') << k;
	}
#endif
	*q = mq;
	*s = ms;
	*n = mn;
}

static unsigned count_newlines(const char *p, const char *end)
{
	unsigned n = 0;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

const char *sk_census__line_end(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return p;
	return NULL;
}

const char *sk_census__past_line_end(const char *e, const char *end)
{
	return *e == '\r' && e + 1 < end && e[1] == '\n' ? e + 2 : e + 1;
}

/* A row being scanned. */
typedef struct rowscan {
	const uint16_t *slot;
	unsigned ncols;
	unsigned nf;
	size_t nonempty, extra;
} rowscan;

/* A quote is special only where a field starts (after spaces, as libcsv
 * reads it): q is such a quote when [fs, q) is blank. */
static inline bool field_start(const char *fs, const char *q)
{
	while (fs < q && is_blank(*fs))
		fs++;
	return fs == q;
}

/* The end of the quoted field whose opening quote is q, as libcsv reads it
 * strictly (CSV_STRICT): the first quote (not doubled) followed by blanks
 * and a separator or a line end (LF or CR); returns where that separator or
 * line end is, or the end of the data at its end of file. NULL when the
 * data ends first, or when anything else follows that quote (text, or a
 * quote after blanks): the field is malformed there, at *bad (`"Quiet" at
 * lunch`, which libcsv not strict would read on into the next rows). */
static const char *quoted_end(const char *q, const char *end, char sep, bool eof,
			      const char **bad)
{
	const char *p = q + 1;
	*bad = NULL;
	for (;;) {
		const char *c = memchr(p, '"', (size_t)(end - p));
		if (!c)
			return NULL;
		const char *u = c + 1;
		while (u < end && is_blank(*u) && *u != sep)
			u++;
		if (u >= end)
			return eof ? end : NULL;
		if (*u == sep || *u == '\n' || *u == '\r')
			return u;
		if (*u != '"' || u > c + 1) {
			*bad = u;
			return NULL;
		}
		p = u + 1;                   /* a doubled quote */
	}
}

/* Whether byte c, read inside a quoted field (not just after a quote),
 * leaves the reading inside it whatever it was before: any byte but a
 * quote or a blank (after a quote, a separator would have closed the field
 * and any other byte made it malformed). */
static inline bool resyncs(char c, char sep)
{
	return c != '"' && (c == sep || !is_blank(c));
}

/* Remembers that the quote at offset `at` is never closed before the end. */
static void note_unclosed(creader *r, uint64_t at)
{
	if (at < r->unclosed_at)
		r->unclosed_at = at;
}

/* Whether the quote at q, after one known never to close (r->unclosed_at),
 * never closes either: once the reading of q's field has passed a byte that
 * resyncs (before closing it), it is in the state the earlier quote's
 * reading was in there, and so never closes. Spares a read to the end of
 * the data for each of many lines that open a quote (linear, not
 * quadratic). False when unknown. */
static bool never_closes(const creader *r, const char *q, const char *end)
{
	if (r->unclosed_at == UINT64_MAX || sk_source__offset(&r->in, q) <= r->unclosed_at)
		return false;
	const char sep = r->f->sep;
	enum { INSIDE, QUOTE, QUOTE_BLANK } st = INSIDE;
	for (const char *p = q + 1; p < end; p++) {
		if (st == INSIDE) {
			if (resyncs(*p, sep))
				return true;
			if (*p == '"')
				st = QUOTE;
		} else if (*p == '"' && st == QUOTE) {
			st = INSIDE;    /* a doubled quote */
		} else if (is_blank(*p) && *p != sep) {
			st = QUOTE_BLANK;
		} else {
			return false;   /* it closes, or is malformed, here */
		}
	}
	return false;
}

/* Field [fs, fe), known to hold no quote, as it is: the fields between two
 * separators of one block before its first quote, nearly every field. */
static inline void put_plain_field(creader *r, rowscan *w, const char *fs, const char *fe,
				   bool quoted)
{
	size_t len = (size_t)(fe - fs);
	if (w->nf < w->ncols) {
		span *v = &r->sp[w->slot[w->nf]];   /* R_SINK for a column not used */
		v->s = fs;
		v->len = (uint32_t)len;
		v->quoted = quoted;
	} else {
		w->extra |= len;
	}
	w->nonempty |= len;
	w->nf++;
}

static inline void put_field(creader *r, rowscan *w, const char *fs, const char *fe)
{
	bool quoted = false;
	/* '"', ' ' and '\t' are all at most '"': one test for most fields. */
	if (fe > fs && (unsigned char)*fs <= '"' && (*fs == '"' || is_blank(*fs))) {
		const char *q = fs;
		while (q < fe && is_blank(*q))
			q++;
		if (q < fe && *q == '"') {
			quoted = true;
			fs = q + 1;
			while (fe > fs && is_blank(fe[-1]))
				fe--;
			if (fe > fs && fe[-1] == '"')
				fe--;
		}
	}
	put_plain_field(r, w, fs, fe, quoted);
}

/* A scanned row (`fast`: by the fast path): to the test hook when set,
 * else to the row rules. */
static void handle_row(creader *r, const char *row, bool fast)
{
	r->plain = fast;
	if (r->f->row_fn) {
		unsigned n = r->nf < MAX_COLS ? r->nf : MAX_COLS;
		r->f->row_fn(r->f->row_ctx, (unsigned)r->index, r->sp + 1, n, fast);
		return;
	}
	sk_census__row(r, row);
}
static void invalidate_after(creader *r);

/* ---- the fast path: rows of the header's number of fields, no quote ---- */

/* A chunk of the fast path: 32 blocks, so that an offset in it (+ 1) fits
 * in 16 bits. */
#define FAST_BLOCKS 32
#define FAST_LEN (64 * FAST_BLOCKS)
#ifndef SLOW_MOST
#define SLOW_MOST 8
#endif

void sk_census__fast_plan(cfile *f, unsigned cols)
{
	f->fast_cols = cols <= FAST_MAX_COLS ? cols : 0;
	f->fast_n = 0;
	for (unsigned i = 0; i < f->fast_cols; i++)
		if (f->role[i] != R_NONE) {
			f->fast_col[f->fast_n] = (uint8_t)i;
			f->fast_slot[f->fast_n++] = f->slot[i];
		}
}

/* Scans the rows from *rowp on that have exactly f->fast_cols fields and no
 * quote, in two stages a chunk at a time: the offsets of the chunk's
 * separators and line ends before its first quote, from the blocks' masks,
 * then each row's fields cut from that list (the columns used only), its
 * field count checked once (its last field must end at the next line end).
 * Stops before the first row it does not take (other fields, a quote, a CR
 * at the data's end, a row not ended in the data), leaving it to the general
 * scan, or after a row that ends at or past lim. Returns the rows taken. */
static size_t fast_rows(creader *r, const char **rowp, const char *end, const char *lim,
			span *const *dst)
{
	const cfile *f = r->f;
	const unsigned ncols = f->fast_cols, nused = f->fast_n;
	const char sep = f->sep;
	/* p[i]: the offset after the chunk's i-th separator or line end (p[0]:
	 * 0, the row's start), so that field c of the row at p[k] is
	 * [p[k + c], p[k + c + 1] - 1); ln[j]: the same for line ends alone. */
	uint16_t p[FAST_LEN + 1], ln[FAST_LEN];
	const char *row = *rowp;
	const bool hook = f->row_fn != NULL;
	size_t taken = 0;
	for (unsigned u = 0; u < nused; u++)
		dst[u]->quoted = false;   /* from a row read the general way */
	/* The first chunk short, each next one twice as long: a row not taken
	 * costs a few blocks, not the offsets of 2 KiB. The next chunk starts
	 * at the row the last did not hold whole, with that row's offsets
	 * already found (its bytes are read once), so that a row of up to
	 * 2 KiB is taken too. */
	size_t cap = FAST_LEN / 8, from = 0, np = 0, nl = 0;
	const char *base = row;
	p[0] = 0;
	for (;;) {
		size_t len = (size_t)(end - base);
		bool last = len <= cap;   /* the chunk reaches the data's end */
		if (!last)
			len = cap;
		bool quote = false;
		/* Blocks from `from` (after a chunk's rest, not on a block's
		 * edge), the last one cut at len. */
		for (size_t o = from; o < len; o += 64) {
			uint64_t mq, ms, mn;
			block_masks(base + o, sep, &mq, &ms, &mn);
			if (len - o < 64) {
				uint64_t valid = (1ull << (len - o)) - 1;
				mq &= valid;
				ms &= valid;
				mn &= valid;
			}
			uint64_t keep = mq ? (mq & (0 - mq)) - 1 : ~0ull;
			unsigned at = (unsigned)o + 1;
			for (uint64_t st = (ms | mn) & keep; st; st &= st - 1)
				p[++np] = (uint16_t)(at + (unsigned)__builtin_ctzll(st));
			for (uint64_t nb = mn & keep; nb; nb &= nb - 1)
				ln[nl++] = (uint16_t)(at + (unsigned)__builtin_ctzll(nb));
			if (mq) {
				quote = true;
				break;
			}
		}
		size_t k = 0, j = 0;
		bool ran_out = false;
		for (;;) {
			if (k + ncols > np || j >= nl) {
				ran_out = true;
				break;
			}
			if (p[k + ncols] != ln[j])
				break;   /* more or fewer fields than the header's */
			const char *e = base + p[k + ncols] - 1;
			size_t kn = k + ncols, jn = j + 1;
			if (*e == '\r') {
				if (e + 1 == end)
					break;   /* a LF may follow, or the data ends there */
				if (e[1] == '\n') {
					/* A CRLF is one line end: its LF is the next offset,
					 * when the chunk holds it. */
					if (kn + 1 > np) {
						ran_out = true;
						break;
					}
					kn++;
					jn++;
				}
			}
			const uint16_t *q = p + k;
			/* Two columns a step, each read before either is stored (a
			 * store could alias the plan's bytes). */
			unsigned u = 0;
			for (; u + 2 <= nused; u += 2) {
				unsigned c0 = f->fast_col[u], c1 = f->fast_col[u + 1];
				span *v0 = dst[u], *v1 = dst[u + 1];
				unsigned a0 = q[c0], e0 = q[c0 + 1], a1 = q[c1], e1 = q[c1 + 1];
				v0->s = base + a0;
				v0->len = e0 - a0 - 1;
				v1->s = base + a1;
				v1->len = e1 - a1 - 1;
			}
			if (u < nused) {
				unsigned c = f->fast_col[u];
				dst[u]->s = base + q[c];
				dst[u]->len = (uint32_t)(q[c + 1] - q[c] - 1);
			}
			size_t bytes = (size_t)(q[ncols] - q[0]) - ncols;   /* the fields' */
			if (hook) {
				r->nf = ncols;
				r->nonempty = bytes;
				r->extra = 0;
				handle_row(r, row, true);
			} else if (bytes) {
				r->plain = true;
				sk_census__whole_row(r, row);   /* whole: no field count to check */
			}
			r->line++;
			taken++;
			k = kn;
			j = jn;
			row = base + p[k];
			if (row >= lim) {
				*rowp = row;
				return taken;
			}
		}
		if (!ran_out || quote || last || (row == base && len == FAST_LEN)) {
			*rowp = row;
			return taken;
		}
		/* The chunk's rest (its row not taken) moved to the front. */
		uint16_t shift = p[k];
		np -= k;
		for (size_t i = 1; i <= np; i++)
			p[i] = (uint16_t)(p[i + k] - shift);
		nl -= j;
		for (size_t i = 0; i < nl; i++)
			ln[i] = (uint16_t)(ln[i + j] - shift);
		from = len - shift;
		base = row;
		cap = cap < FAST_LEN ? 2 * cap : FAST_LEN;
	}
}

/* Scans the complete rows from *pp on, 64 bytes at a time: separators and
 * newlines end fields and rows until a quote; a quote that starts a field
 * opens a quoted field (read to its end by quoted_end), any other is text.
 * Each row goes to handle_row, or with `header` the first row is scanned and
 * left in r->sp. Leaves *pp at the first row that is not complete, and
 * r->open_q at its open quote if that is why. Returns SCAN_STOP when a row
 * ends exactly where this reader's range does. */
int sk_census__scan_rows(creader *r, const char **pp, const uint16_t *slot, unsigned ncols,
			 bool header)
{
	const char *row = *pp, *fs = row, *end = r->in.buf + r->in.len;
	const char sep = r->f->sep;
	const char *stop = NULL;
	if (!r->overshot && r->stop_at >= r->in.buf_off && r->stop_at - r->in.buf_off <= r->in.len)
		stop = r->in.buf + (r->stop_at - r->in.buf_off);
	rowscan w = {slot, ncols, 0, 0, 0};
	unsigned qnl = 0;
	r->open_q = NULL;
	r->open_bad = NULL;
	r->open_never = false;
	/* Rows the fast path does not take are read here, one at a time; after
	 * a try that took none, the next few too (a school's run of quoted
	 * names). */
	const bool fast = !header && r->f->fast_cols;
	unsigned slow_left = 0, backoff = 1;
	span *dst[FAST_MAX_COLS];
	for (unsigned u = 0; fast && u < r->f->fast_n; u++)
		dst[u] = r->sp + r->f->fast_slot[u];
fast_path:
	if (fast) {
		size_t took = fast_rows(r, &row, end, stop ? stop : end + 1, dst);
		fs = row;
		backoff = took ? 1 : backoff < SLOW_MOST ? backoff * 2 : backoff;
		slow_left = took ? 1 : backoff;
		if (took && stop && row >= stop) {
			if (row == stop) {
				*pp = row;
				return SCAN_STOP;
			}
			invalidate_after(r);
			stop = NULL;
		}
	}
	for (const char *b = row; b < end;) {
		size_t left = (size_t)(end - b);
		uint64_t mq, ms, mn;
		block_masks(b, sep, &mq, &ms, &mn);
		if (left < 64) {
			uint64_t valid = (1ull << left) - 1;
			mq &= valid;
			ms &= valid;
			mn &= valid;
		}
		uint64_t before_quote = mq ? (mq & (0 - mq)) - 1 : ~0ull;
		for (uint64_t st = (ms | mn) & before_quote; st; st &= st - 1) {
			const char *d = b + __builtin_ctzll(st);
			if (*d == sep) {     /* most often: nothing about line ends to ask */
				/* A field that starts in this block ends before its first
				 * quote: it holds none. */
				if (fs >= b)
					put_plain_field(r, &w, fs, d, false);
				else
					put_field(r, &w, fs, d);
				fs = d + 1;
				continue;
			}
			if (d < fs)
				continue;    /* the LF of a CRLF, taken with its CR (never a separator) */
			if (*d == '\r' && d + 1 == end && !r->in.eof) {
				*pp = row;   /* a LF may follow: read on first */
				return SCAN_MORE;
			}
			put_field(r, &w, fs, d);
			fs = d + 1;
			/* A CR alone ends a row, as in libcsv; a CRLF is one line end. */
			if (*d == '\r' && fs < end && *fs == '\n')
				fs++;
			r->nf = w.nf;
			r->nonempty = w.nonempty;
			r->extra = w.extra;
			r->qnl = qnl;
			if (header) {
				*pp = fs;
				return SCAN_HEADER;
			}
			handle_row(r, row, false);
			r->line += 1 + qnl;
			row = fs;
			w.nf = 0;
			w.nonempty = w.extra = 0;
			qnl = 0;
			if (stop && row >= stop) {
				if (row == stop) {
					*pp = row;
					return SCAN_STOP;
				}
				invalidate_after(r);
				stop = NULL;
			}
			if (fast && --slow_left == 0)
				goto fast_path;
		}
		if (!mq) {
			b += 64;
			continue;
		}
		const char *q = b + __builtin_ctzll(mq);
		if (!field_start(fs, q)) {
			b = q + 1;
			continue;
		}
		bool never = never_closes(r, q, end);
		const char *bad = NULL;
		const char *u = never ? NULL : quoted_end(q, end, sep, r->in.eof, &bad);
		if (!u) {
			r->open_q = q;
			r->open_bad = bad;
			r->open_never = never || (r->in.eof && !bad);
			if (r->in.eof && !bad)
				note_unclosed(r, sk_source__offset(&r->in, q));
			*pp = row;
			return SCAN_MORE;
		}
		qnl += count_newlines(q, u);
		b = u;
	}
	*pp = row;
	if (!r->in.eof || row >= end)
		return SCAN_MORE;
	/* The last row, without a newline. */
	put_field(r, &w, fs, end);
	r->nf = w.nf;
	r->nonempty = w.nonempty;
	r->extra = w.extra;
	r->qnl = qnl;
	*pp = end;
	if (header)
		return SCAN_HEADER;
	handle_row(r, row, false);
	r->line += qnl;
	return SCAN_MORE;
}

/* ---- reading a range ---- */

static bool cancelled(const creader *r)
{
	return r->index > 0 &&
	       atomic_load_explicit(r->first_invalid, memory_order_relaxed) <= (unsigned)r->index;
}

static void invalidate_after(creader *r)
{
	unsigned want = (unsigned)r->index + 1, cur = atomic_load(r->first_invalid);
	while (want < cur && !atomic_compare_exchange_weak(r->first_invalid, &cur, want))
		;
	r->overshot = true;
}

/* Called at each row boundary; true when this reader is done. */
static bool at_boundary(creader *r, const char *p)
{
	uint64_t off = r->in.buf_off + (uint64_t)(p - r->in.buf);
	if (r->overshot || off < r->stop_at)
		return false;
	if (off == r->stop_at)
		return true;
	invalidate_after(r);
	return false;
}

static void report_unclosed(creader *r, const char *row, const char *quote)
{
	sk_census__report(r, D_UNTERMINATED_QUOTE, row, quote,
	       "a quote that is never closed: the row it opens is left out");
}

static void report_quote_text(creader *r, const char *row, const char *quote)
{
	sk_census__report(r, D_QUOTE_TEXT, row, quote,
			  "text after the closing quote of a quoted field: the row is left "
			  "out; quote the whole value and double any quote inside it");
}

/* Skips the line an unclosed quote is on, or a quote whose field is
 * malformed at `bad` (text after its closing quote); false when that line
 * does not end in the buffer. A field that runs on past its quote's line
 * before it is malformed was not closed where it should have been: only
 * that line is lost, as for a quote never closed. */
static bool skip_quote_line(creader *r, const char *row, const char *quote, const char *bad,
			    const char **p)
{
	const char *end = r->in.buf + r->in.len;
	const char *nl = sk_census__line_end(quote, end);
	if ((!nl || (*nl == '\r' && nl + 1 == end)) && !r->in.eof)
		return false;
	if (bad && (!nl || nl > bad))
		report_quote_text(r, row, quote);
	else
		report_unclosed(r, row, quote);
	r->line += count_newlines(row, quote);
	r->line += nl != NULL;
	*p = nl ? sk_census__past_line_end(nl, end) : end;
	return true;
}

/* Past the first line end from p on, read on across buffers (the line may
 * be longer than one), counted in r->line; the end of the data if none. */
static const char *skip_to_next_line(creader *r, const char *p)
{
	for (;;) {
		const char *end = r->in.buf + r->in.len;
		const char *e = sk_census__line_end(p, end);
		if (e && !(*e == '\r' && e + 1 == end && !r->in.eof)) {
			r->line++;
			return sk_census__past_line_end(e, end);
		}
		if (r->in.eof || r->in.io_errno)
			return end;
		sk_source__refill(&r->in, e ? (size_t)(e - r->in.buf) : r->in.len);
		p = r->in.buf;
	}
}

/* Leaves out the line of a quote (at offset open_at, open_lines into the
 * row) not closed where it should have been, reading on from the next. */
static const char *lose_quote_line(creader *r, uint64_t open_at, unsigned open_lines)
{
	r->line += open_lines;
	report_unclosed(r, NULL, NULL);
	if (!r->in.src->seekable) {
		r->lost_tail = true;            /* a pipe cannot go back */
		return r->in.buf + r->in.len;
	}
	sk_source__seek(&r->in, open_at);
	return skip_to_next_line(r, r->in.buf);
}

/* Skips a row longer than the buffer, reading on as libcsv does (a quote
 * that starts a field opens it, a quote before a separator or line end
 * closes it) to the row's end, and reports it at its first line. A quote
 * never closed (or closed on a later line and followed by text) loses only
 * the row it opens on, reported at the quote's line: the reading goes on
 * after that line. Text after a closing quote on the quote's line loses the
 * row. Returns where the next row starts. */
static const char *skip_long_row(creader *r, const char *p)
{
	enum { FIELD, TEXT, QUOTED, CLOSED, CLOSED_BLANK } st = FIELD;
	const char sep = r->f->sep;
	unsigned lines = 0, open_lines = 0;
	uint64_t open_at = 0;
	bool after_unclosed = false;   /* the open quote is after one never closed */
	bool line_since_open = false;  /* a line end inside the open quote's field */
	uint64_t nuls = 0;             /* a zero-filled (damaged) file is one long row */
	for (;;) {
		const char *end = r->in.buf + r->in.len;
		for (; p < end; p++) {
			char c = *p;
			if (c == '\r' && p + 1 == end && !r->in.eof && st != QUOTED)
				break;   /* a LF may follow: read on first */
			if (c == '\n')
				lines++;
			nuls += c == '\0';
			bool ends = c == '\n' || c == '\r';
			if (after_unclosed && st == QUOTED && resyncs(c, sep))
				goto never_closed;   /* as never_closes() */
			switch (st) {
			case FIELD:
			case TEXT:
				if (c == '"' && st == FIELD) {
					st = QUOTED;
					open_at = sk_source__offset(&r->in, p);
					open_lines = lines;
					line_since_open = false;
					after_unclosed = r->unclosed_at != UINT64_MAX &&
							 open_at > r->unclosed_at;
				} else if (c == sep) {
					st = FIELD;
				} else if (ends) {
					goto row_end;
				} else if (!is_blank(c)) {
					st = TEXT;
				}
				break;
			case QUOTED:
				if (c == '"')
					st = CLOSED;
				line_since_open |= ends;
				break;
			case CLOSED:
			case CLOSED_BLANK:
				if (c == sep)
					st = FIELD;
				else if (ends)
					goto row_end;
				else if (is_blank(c))
					st = CLOSED_BLANK;
				else if (c == '"' && st == CLOSED)
					st = QUOTED;   /* a doubled quote */
				else
					goto malformed;
				break;
			}
		}
		if (r->in.eof || r->in.io_errno)
			break;
		sk_source__refill(&r->in, (size_t)(p - r->in.buf));
		p = r->in.buf;
	}
	if (st == QUOTED) {
		note_unclosed(r, open_at);
		return lose_quote_line(r, open_at, open_lines);
	}
	goto row_end;
malformed:
	/* As skip_quote_line(): text after a closing quote. */
	if (line_since_open)
		return lose_quote_line(r, open_at, open_lines);
	report_quote_text(r, NULL, NULL);
	r->line += lines;
	return skip_to_next_line(r, p);
never_closed:
	/* Known at p, before any line end after the quote: no need to go back. */
	r->line += open_lines;
	report_unclosed(r, NULL, NULL);
	return skip_to_next_line(r, p);
row_end:
	if (nuls)
		sk_census__report(r, D_NUL_BYTE, NULL, NULL, "%llu NUL bytes from this line on, "
				  "in a row longer than %u bytes: a damaged file (zero-filled "
				  "where its data was lost?); the row is left out: export the "
				  "file again", (unsigned long long)nuls, SK_SOURCE_BUF);
	else
		sk_census__report(r, D_RAGGED_ROW, NULL, NULL, "a row longer than %u bytes: left out",
				  SK_SOURCE_BUF);
	const char *end = r->in.buf + r->in.len;
	lines += p < end && *p == '\r';   /* a CR alone, or a CRLF's: one line */
	r->line += lines;
	return p < end ? sk_census__past_line_end(p, end) : p;
}

static void read_range(creader *r, const char *p)
{
	for (;;) {
		if (sk_census__scan_rows(r, &p, r->f->slot, r->f->ncols, false) == SCAN_STOP)
			return;
		const char *end = r->in.buf + r->in.len;
		if (p >= end && r->in.eof) {
			/* The end, and no row ended where the range does. */
			if (r->stop_at != UINT64_MAX && !r->overshot)
				invalidate_after(r);
			return;
		}
		bool full = p == r->in.buf && r->in.len >= SK_SOURCE_BUF;
		if ((r->open_never || r->open_bad) &&
		    skip_quote_line(r, p, r->open_q, r->open_bad, &p)) {
			/* A quote never closed: the row it opens is left out. */
		} else if (r->in.eof || full) {
			/* A row longer than the buffer, or a quote never closed
			 * whose line is. */
			p = skip_long_row(r, p);
		} else {
			if (cancelled(r))
				return;
			sk_source__refill(&r->in, (size_t)(p - r->in.buf));
			p = r->in.buf;
			if (r->in.io_errno)
				return;
			continue;
		}
		if (at_boundary(r, p))
			return;
	}
}

/* ---- ranges and threads ---- */

/* The ranges of one file, which the threads take in turn (the next from an
 * atomic counter), and their readers, merged in file order as soon as each
 * range and those before it are read: the answer is one thread's by
 * construction, and a slow core only reads fewer ranges. */
typedef struct rset {
	const cfile *f;
	const sk_source *src;
	uint64_t *cuts;
	unsigned n;
	atomic_uint next;             /* the next range to take */
	atomic_uint first_invalid;    /* the first range whose start was not a row's */
	atomic_bool failed;           /* a reader could not be made: stop taking ranges */
	pthread_mutex_t lock;         /* over what follows */
	creader **rd;                 /* by range: read and not yet merged */
	unsigned merged;              /* ranges merged, in order */
	bool stopped;                 /* a merged range read on past its end */
	int (*merge)(void *ctx, creader *r);   /* NULL: none (rows to a test hook) */
	void *ctx;
	int rc;
} rset;

/* What one thread keeps from range to range. */
typedef struct rthread {
	rset *set;
	char *buf;                    /* the source buffer (NULL until its first range) */
	span *sp;
} rthread;

static creader *reader_new(rset *s, unsigned k, rthread *t)
{
	creader *r = aligned_alloc(CACHE_LINE, sizeof(*r));
	if (!r)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->f = s->f;
	r->index = (int)k;
	r->first_invalid = &s->first_invalid;
	r->stop_at = UINT64_MAX;
	r->last_i = NONE_IDX;
	r->settled.school = NONE_IDX;
	r->unclosed_at = UINT64_MAX;
	r->run.school = r->head.school = NONE_IDX;
	r->in_head = k > 0;
	r->sp = t->sp;   /* a row's fields by role: none from the range before */
	memset(r->sp, 0, R_COUNT * sizeof(*r->sp));
	if (sk_source__buf_init(&r->in, s->src, s->cuts ? s->cuts[k] : s->src->start, t->buf) !=
	    SK_OK) {
		free(r);
		return NULL;
	}
	t->buf = r->in.buf;
	r->in.cr_only = s->f->cr_only;
	return r;
}

static void reader_free(creader *r)
{
	if (!r)
		return;
	free(r->scratch);
	free(r->diags);
	free(r->key);
	for (int i = 0; i < V_COUNT; i++)
		free(r->unknown[i].v);
	sk_census__run_free(&r->run);
	sk_census__run_free(&r->head);
	sk_census__groups_free(&r->schools);
	free(r);
}

static int rthread_init(rthread *t, rset *s)
{
	t->set = s;
	t->buf = NULL;
	t->sp = calloc(MAX_COLS + 1, sizeof(*t->sp));
	return t->sp ? SK_OK : SK_ENOMEM;
}

static void rthread_free(rthread *t)
{
	free(t->buf);
	free(t->sp);
}

static int rset_init(rset *s, const cfile *f, const sk_source *src)
{
	memset(s, 0, sizeof(*s));
	s->f = f;
	s->src = src;
	atomic_init(&s->next, 0);
	atomic_init(&s->first_invalid, UINT_MAX);
	atomic_init(&s->failed, false);
	return pthread_mutex_init(&s->lock, NULL) == 0 ? SK_OK : SK_ENOMEM;
}

static void rset_free(rset *s)
{
	for (unsigned k = 0; s->rd && k < s->n; k++)
		reader_free(s->rd[k]);
	free(s->rd);
	free(s->cuts);
	pthread_mutex_destroy(&s->lock);
}

/* Range k is read: merged with every range after the last merged one that
 * is read, in order, up to one that read on past its end (the ranges after
 * it did not begin at a row, and it read them). */
static void range_done(rset *s, unsigned k, creader *r)
{
	pthread_mutex_lock(&s->lock);
	s->rd[k] = r;
	while (!s->stopped && s->merged < s->n && s->rd[s->merged]) {
		creader *m = s->rd[s->merged];
		if (s->merge && s->rc == SK_OK)
			s->rc = s->merge(s->ctx, m);
		s->stopped = m->overshot;
		s->rd[s->merged++] = NULL;
		if (m->index > 0)
			reader_free(m);   /* the first range's reader is the caller's */
	}
	pthread_mutex_unlock(&s->lock);
}

/* Reads range k with r, then gives its buffer back to the thread. */
static void read_one(rset *s, rthread *t, unsigned k, creader *r, const char *p)
{
	if (k + 1 < s->n)
		r->stop_at = r->in.read_to = s->cuts[k + 1];
	sk_source__refill(&r->in, (size_t)(p - r->in.buf));
	read_range(r, r->in.buf);
	t->buf = r->in.buf;
	r->in.buf = NULL;
	range_done(s, k, r);
}

/* Takes ranges until none is left. */
static void *take_ranges(void *arg)
{
	rthread *t = arg;
	rset *s = t->set;
	for (;;) {
		unsigned k = atomic_fetch_add(&s->next, 1);
		if (k >= s->n || atomic_load(&s->failed))
			return NULL;
		if (atomic_load(&s->first_invalid) <= k)
			continue;   /* read by the reader of a range before it */
		creader *r = reader_new(s, k, t);
		if (!r) {
			atomic_store(&s->failed, true);
			return NULL;
		}
		read_one(s, t, k, r, r->in.buf);
	}
}

/* Reads the rows from p on (rd0, range 0's reader, in main's buffer, holds
 * them after the header): the rest of a seekable source is cut into ranges
 * of `range` bytes (0: by its size and `threads`), read by `threads`
 * threads (this one among them). */
static int read_ranges(rset *s, rthread *main, creader *rd0, const char *p, unsigned threads,
		       uint64_t range)
{
	uint64_t start = sk_source__offset(&rd0->in, p);
	if (!range && threads > 1 && s->src->seekable && s->src->size > start) {
		range = (s->src->size - start) / ((uint64_t)threads * RANGES_PER_THREAD);
		range = range < MIN_RANGE ? MIN_RANGE : range > MAX_RANGE ? MAX_RANGE : range;
	}
	s->n = sk_source__cut(&s->cuts, s->src, start, range);
	s->rd = s->n ? calloc(s->n, sizeof(*s->rd)) : NULL;
	if (!s->rd)
		return SK_ENOMEM;
	threads = threads < 1 ? 1 : threads > s->n ? s->n : threads;
	rthread *more = calloc(threads, sizeof(*more));
	pthread_t *tid = calloc(threads, sizeof(*tid));
	unsigned started = 0;
	int rc = more && tid ? SK_OK : SK_ENOMEM;
	atomic_store(&s->next, 1);
	for (; rc == SK_OK && started + 1 < threads; started++) {
		if (rthread_init(&more[started], s) != SK_OK ||
		    pthread_create(&tid[started], NULL, take_ranges, &more[started]) != 0) {
			rthread_free(&more[started]);
			break;   /* fewer threads, the same answer */
		}
	}
	if (rc == SK_OK) {
		read_one(s, main, 0, rd0, p);
		take_ranges(main);
	}
	for (unsigned i = 0; i < started; i++) {
		pthread_join(tid[i], NULL);
		rthread_free(&more[i]);
	}
	free(more);
	free(tid);
	if (rc == SK_OK && (atomic_load(&s->failed) || (!s->stopped && s->merged < s->n)))
		rc = SK_ENOMEM;
	return rc != SK_OK ? rc : s->rc;
}

int sk_census__scan_buffer(const char *bytes, size_t len, char sep, unsigned threads,
			   uint64_t range, sk_census__row_fn fn, void *ctx, unsigned *valid)
{
	cfile f;
	memset(&f, 0, sizeof(f));
	f.sep = sep;
	f.ncols = f.hcols = MAX_COLS;
	for (unsigned i = 0; i < MAX_COLS; i++)
		f.role[i] = f.slot[i] = (uint16_t)(i + 1);
	/* The fast path for rows with the first line's number of separators
	 * plus one (quotes not minded), as the header's is the reader's. */
	unsigned cols = 1;
	for (size_t i = 0; i < len && bytes[i] != '\n' && bytes[i] != '\r'; i++)
		cols += bytes[i] == sep;
	sk_census__fast_plan(&f, cols);
	f.row_fn = fn;
	f.row_ctx = ctx;
	sk_source src = sk_source__memory(bytes, len);
	rset s;
	rthread main;
	if (rset_init(&s, &f, &src) != SK_OK)
		return SK_ENOMEM;
	int rc = rthread_init(&main, &s);
	creader *rd0 = rc == SK_OK ? reader_new(&s, 0, &main) : NULL;
	if (rd0) {
		sk_source__refill(&rd0->in, 0);
		rc = read_ranges(&s, &main, rd0, rd0->in.buf, threads, range);
	} else {
		rc = SK_ENOMEM;
	}
	*valid = s.merged;
	reader_free(rd0);
	rthread_free(&main);
	rset_free(&s);
	return rc;
}

static const char *const names_what[8] = {"", "names", "LAs", "names and LAs", "hubs",
					  "names and hubs", "LAs and hubs", "names, LAs and hubs"};

/* A school whose rows give it different names, LAs or hubs (in this file,
 * or here and in a file read before for the term) has a pupil's value in
 * one of them, when a pupil-level file gave them. Said by key and line,
 * never quoting a value; returns the columns on which a school of a
 * pupil-level file disagrees. A school whose rows are all of school-level
 * files (one row a school: no pupil's value to keep back) loses only its
 * own name, LA or hub, with an error. */
static uint8_t report_disagreeing_names(sk_census *c, sk_cterm *t, unsigned file,
					const char *path, bool pupil_file, sk_diags *diags)
{
	unsigned shown = 0, all = 0, limit = c->report_limit;
	uint8_t found = 0;
	for (size_t i = 0; i < t->schools.n; i++) {
		sk_cgroup *g = &t->schools.v[i];
		uint8_t bits = g->conflict & 7;
		if (!bits)
			continue;
		bool own = !pupil_file && !g->pupil_level;
		if (own)
			g->withheld |= bits;
		else
			found |= bits;
		g->conflict = 0;
		all++;
		if (limit && shown >= limit)
			continue;
		shown++;
		const char *where = g->file == file ? "" : " here and in ";
		const char *other = g->file == file ? "" : c->files[g->file];
		if (own)
			sk_diags_add(diags, path, (sk_pos){g->file == file ? g->line : 0, 1},
				     SK_ERROR, "names-disagree",
				     "the rows of school %s%s%s give it different %s: not published "
				     "for it, so its pupils are counted in the rows with no name, "
				     "LA or hub of those levels; correct its rows (or their URN)",
				     g->urn ? g->urn : "", where, other, names_what[bits]);
		else if (g->file == file)
			sk_diags_add(diags, path, (sk_pos){g->line, 1}, SK_WARNING, "names-disagree",
				     "the rows of school %s give it different %s (a comma in a name, "
				     "or one missing, shifts a row's columns; or a column is "
				     "mislabelled)", g->urn ? g->urn : "", names_what[bits]);
		else
			sk_diags_add(diags, path, (sk_pos){0, 0}, SK_WARNING, "names-disagree",
				     "the rows of school %s here and in %s give it different %s",
				     g->urn ? g->urn : "", c->files[g->file], names_what[bits]);
	}
	if (all > shown)
		sk_diags_add(diags, path, (sk_pos){0, 0}, SK_WARNING, "names-disagree",
			     "%u more school%s whose rows disagree not shown (%u in all)",
			     all - shown, sk_census__s(all - shown), all);
	return found;
}

/* Sets school g's i-th name (name, LA, hub) to text. */
static void set_name(sk_cgroup *g, int i, const char *text)
{
	if (i == 0)
		g->name = text;
	else if (i == 1)
		g->la = text;
	else
		g->hub = text;
}

/* The names the file just read gave are settled. Once the rows of any
 * school of a term disagree on a column that a pupil-level file gave,
 * that column is published for no school of the term (kept for the files
 * read after it): a mislabelled column gives a school with one row a
 * pupil's value, and it has nothing to disagree with. From a pupil-level
 * file, a name, LA or hub is published only when two pupils' rows of the
 * term give it alike, in any of its files: until then it is held back
 * (sk_census_check_terms notes what is still held), so the answer does
 * not depend on the order of the files. */
static void settle_names(sk_census *c, sk_cterm *t, unsigned file, const char *path,
			 const cfile *f, sk_diags *diags)
{
	bool pupil_file = f->layout == SK_CENSUS_PUPIL_LEVEL;
	for (size_t i = 0; i < t->schools.n; i++)
		if (t->schools.v[i].file == file)
			t->schools.v[i].pupil_level = pupil_file;
	uint8_t found = report_disagreeing_names(c, t, file, path, pupil_file, diags);
	uint8_t newly = found & (uint8_t)~t->withheld;
	t->withheld |= found;
	if (newly)
		sk_diags_add(diags, path, (sk_pos){0, 0}, SK_WARNING, "names-disagree",
			     "so that no school's %s can be a pupil's value, none is published "
			     "for term %s (is a column mislabelled?); correct the rows named "
			     "above and run again", names_what[newly], t->label);
	/* A mislabelled column between checked ones passes every check: in a
	 * file of one-row schools it has nothing to disagree with. */
	uint8_t needs_two = pupil_file ? (uint8_t)(SK_CG_NAME | SK_CG_LA | SK_CG_HUB) : 0;
	for (size_t i = 0; i < t->schools.n; i++) {
		sk_cgroup *g = &t->schools.v[i];
		uint8_t gone = t->withheld | g->withheld;
		uint8_t hold = g->fresh & needs_two & ~g->agreed & ~gone;
		uint8_t back = g->waiting & g->agreed & ~gone;
		for (int k = 0; k < 3; k++) {
			uint8_t bit = (uint8_t)(1u << k);
			if (back & bit)
				set_name(g, k, g->held[k]);
			if (hold & bit)
				g->held[k] = *(k == 0 ? &g->name : k == 1 ? &g->la : &g->hub);
			if ((gone | hold) & bit)
				set_name(g, k, NULL);
			if ((gone | back) & bit)
				g->held[k] = NULL;
		}
		g->late |= back;
		g->waiting = (uint8_t)((g->waiting | hold) & ~(back | gone));
		g->fresh = 0;
	}
}

/* What the ranges of one file add up to, merged in order (merge_range). */
typedef struct file_merge {
	const cfile *f;
	const char *file;
	sk_cterm *t;
	unsigned fidx;
	creader *first;               /* range 0's reader: every range's values that are not codes */
	sk_diags *diags;
	uint64_t shown_n[D_COUNT], total[D_COUNT], rows, monitoring;
	unsigned base;                /* lines before the range */
	int io_errno;
	bool lost_tail;
	sk_census__twice twice;
	pupil_carry carry;
} file_merge;

static int merge_range(void *ctx, creader *r)
{
	file_merge *m = ctx;
	int rc = r->nomem ? SK_ENOMEM : SK_OK;
	if (rc == SK_OK)
		rc = sk_census__join_pupils(&m->carry, r, m->base);
	if (rc == SK_OK)
		rc = sk_census__merge_schools(&m->t->schools, &r->schools, m->fidx, m->base,
					      &m->twice);
	sk_census__flush_diags(r, m->base, m->file, m->f->limit, m->shown_n, m->diags);
	for (int k = 0; k < D_COUNT; k++)
		m->total[k] += r->count[k];
	for (int k = 0; r != m->first && k < V_COUNT; k++)
		for (size_t j = 0; rc == SK_OK && j < r->unknown[k].cap; j++)
			if (r->unknown[k].v[j] &&
			    !sk_census__vset_put(&m->first->unknown[k], r->unknown[k].v[j]))
				rc = SK_ENOMEM;
	m->rows += r->rows;
	m->monitoring += r->monitoring;
	m->io_errno = m->io_errno ? m->io_errno : r->in.io_errno;
	m->lost_tail |= r->lost_tail;
	m->base += r->line;
	return rc;
}

static int read_source(sk_census *c, sk_census_layout *layout, const sk_source *src,
		       const char *file, const char *term, sk_diags *diags)
{
	cfile f;
	memset(&f, 0, sizeof(f));
	f.name = file;
	f.limit = c->report_limit;
	f.codes = c->codes;
	rset s;
	rthread main;
	if (rset_init(&s, &f, src) != SK_OK)
		return SK_ENOMEM;
	int rc = rthread_init(&main, &s);
	creader *rd0 = rc == SK_OK ? reader_new(&s, 0, &main) : NULL;
	rc = rd0 ? SK_OK : SK_ENOMEM;
	const char *p = NULL;
	if (rc == SK_OK)
		rc = sk_census__read_header(rd0, &f, &p, file, diags);
	if (rc == SK_OK)   /* the header's cells, by column: no role's field */
		memset(rd0->sp, 0, R_COUNT * sizeof(*rd0->sp));
	if (layout)
		*layout = f.layout;
	for (unsigned i = 0; rc == SK_OK && i < f.ncols; i++)
		f.slot[i] = f.role[i] ? f.role[i] : R_SINK;
	if (rc == SK_OK)
		sk_census__fast_plan(&f, f.ncols);
	file_merge m = {.f = &f, .file = file, .first = rd0, .diags = diags,
			.carry = {NULL, 0, 0, {.school = NONE_IDX}}};
	if (rc == SK_OK) {
		m.base = rd0->line;   /* the header's lines */
		rd0->line = 0;
		m.t = sk_census__term(c, term);
		int fidx = sk_census__add_file(c, file);
		m.fidx = fidx >= 0 ? (unsigned)fidx : 0;
		rc = m.t && fidx >= 0 ? SK_OK : SK_ENOMEM;
	}
	unsigned header_lines = m.base;
	m.twice = (sk_census__twice){diags, file, c->files, f.limit, 0, NULL, NULL};
	if (f.layout == SK_CENSUS_SCHOOL_LEVEL) {
		m.twice.dup_total = &m.total[D_DUPLICATE_SCHOOL];
		m.twice.dup_shown = &m.shown_n[D_DUPLICATE_SCHOOL];
	}
	if (rc == SK_OK) {
		s.merge = merge_range;
		s.ctx = &m;
		rc = read_ranges(&s, &main, rd0, p, c->threads, c->range);
	}
	sk_census__carry_free(&m.carry);
	if (rc == SK_OK)
		rc = sk_census__report_unknown(rd0, 1, &f, diags);
	reader_free(rd0);
	rthread_free(&main);
	rset_free(&s);
	if (rc == SK_ENOMEM || !m.t)
		return rc;
	sk_census__report_rest(m.total, m.shown_n, file, diags);
	if (m.twice.count > m.twice.limit)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_WARNING, "duplicate-school",
			     "%u more school%s read before for this term not shown (%u in all)",
			     m.twice.count - m.twice.limit, sk_census__s(m.twice.count - m.twice.limit),
			     m.twice.count);
	if (rc == SK_OK && m.rows == 0)
		sk_diags_add(diags, file, (sk_pos){header_lines ? header_lines : 1, 1}, SK_WARNING,
			     "no-rows", "a header and no rows: this file adds nothing to the summary");
	sk_cterm *t = m.t;
	unsigned fidx = m.fidx;
	settle_names(c, t, fidx, file, &f, diags);
	if (rc == SK_OK)
		rc = sk_census__fold_names(c, t, fidx, file, f.layout == SK_CENSUS_PUPIL_LEVEL,
					   diags);
	bool cp1252 = false;
	for (size_t i = 0; i < t->schools.n; i++)
		cp1252 |= t->schools.v[i].file == fidx && t->schools.v[i].cp1252;
	if (cp1252)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "encoding",
			     "not UTF-8: school, LA and hub names read as Windows-1252");
	if (m.monitoring)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "monitoring",
			     "%llu pupil%s with SEN provision \"Monitoring\" counted as N: "
			     "monitoring is not SEN provision", (unsigned long long)m.monitoring,
			     sk_census__s(m.monitoring));
	if (rc == SK_OK && m.lost_tail) {
		/* Counting the rows before the quote alone would be a wrong total. */
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "unterminated-quote",
			     "a quote that is never closed runs on past what can be read again "
			     "from a pipe, so the rows after it were not read and nothing is "
			     "summarised: give the file by name, or close the quote");
		rc = SK_EINVAL;
	}
	if (rc == SK_OK && m.io_errno) {
		errno = m.io_errno;
		rc = SK_EIO;
	}
	return rc;
}

int sk_census_read_fd(sk_census *c, sk_census_layout *layout, int fd, const char *file,
		      const char *term, sk_diags *diags)
{
	sk_source src = sk_source__fd(fd);
	int rc = read_source(c, layout, &src, file, term, diags);
	/* pread() leaves the offset where it was: a second reader of the same
	 * file (`-` twice, or the next command of a script) would read it again. */
	if (rc == SK_OK && src.seekable)
		lseek(fd, (off_t)src.size, SEEK_SET);
	return rc;
}

int sk_census_read_buffer(sk_census *c, sk_census_layout *layout, const char *bytes,
			  size_t len, const char *file, const char *term, sk_diags *diags)
{
	sk_source src = sk_source__memory(bytes, len);
	return read_source(c, layout, &src, file, term, diags);
}
