/* Reading census CSV files: the header (layout, separator, columns by name
 * and alias), then the rows through a small hand-written scanner that looks
 * only at the columns it needs. A regular file is cut into ranges at
 * newlines, one per thread; each range's start is checked by the thread
 * before it, which must end a row exactly there (otherwise the newline was
 * inside a quoted field, and that thread reads on to the end alone). */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "census_internal.h"
#include "sendkit/codes.h"
#include "sendkit/text.h"

#define BUF_SIZE (1u << 20)        /* per thread; also the longest row read */
#define BUF_PAD 64                 /* readable bytes past the data, for 16-byte loads */
#define MIN_RANGE (4u << 20)       /* the least a thread is given to read */
#define MAX_COLS 4096              /* columns in a header, at most */
#define NONE_IDX ((size_t)-1)

/* What a column is used for. */
enum {
	R_NONE = 0, R_URN, R_LAESTAB, R_SCHOOL, R_LA, R_HUB,
	R_PROV, R_NEED1, R_NEED2,
	R_ONROLL, R_SUPPORT, R_EHCP, R_TOTALSEN,
	R_EHC_NEED,                        /* + sk_need, SPLD..NSA */
	R_SUP_NEED = R_EHC_NEED + SK_NEED_UNKNOWN,
	R_COUNT = R_SUP_NEED + SK_NEED_UNKNOWN
};

static const struct alias {
	const char *name;   /* as sk_census__norm leaves it */
	unsigned char role;
} aliases[] = {
	{"urn", R_URN}, {"schoolurn", R_URN}, {"laestab", R_LAESTAB},
	{"school", R_SCHOOL}, {"schoolname", R_SCHOOL}, {"establishmentname", R_SCHOOL},
	{"la", R_LA}, {"laname", R_LA}, {"localauthority", R_LA},
	{"hub", R_HUB}, {"sendhub", R_HUB},
	{"senprovision", R_PROV}, {"senstatus", R_PROV}, {"senstage", R_PROV}, {"sen", R_PROV},
	{"primaryneed", R_NEED1}, {"senprimaryneed", R_NEED1}, {"primarysenneed", R_NEED1},
	{"sentype1", R_NEED1}, {"senneed1", R_NEED1},
	{"secondaryneed", R_NEED2}, {"sensecondaryneed", R_NEED2}, {"sentype2", R_NEED2},
	{"senneed2", R_NEED2},
	{"totalpupils", R_ONROLL}, {"onroll", R_ONROLL}, {"pupilsonroll", R_ONROLL},
	{"headcount", R_ONROLL},
	{"sensupport", R_SUPPORT},
	{"ehcplan", R_EHCP}, {"ehcp", R_EHCP}, {"statementorehcplan", R_EHCP},
	{"totalsen", R_TOTALSEN},
};

/* Diagnostics found while reading rows, kept per thread until merged. */
enum {
	D_UNKNOWN_PROVISION, D_UNKNOWN_NEED, D_MISSING_NEED, D_NSA_WITH_EHC,
	D_NEED_WITHOUT_SEN, D_LEGACY_CODE, D_TOTALS_MISMATCH, D_BAD_COUNT,
	D_RAGGED_ROW, D_UNTERMINATED_QUOTE, D_MISSING_SCHOOL, D_DUPLICATE_SCHOOL,
	D_NUL_BYTE, D_BAD_KEY, D_COUNT
};

static const struct rule {
	const char *name;
	sk_severity severity;
	const char *plural;    /* for the closing count */
} rules[D_COUNT] = {
	{"unknown-provision", SK_ERROR, "unknown SEN provision codes"},
	{"unknown-need", SK_ERROR, "unknown need codes"},
	{"missing-need", SK_ERROR, "pupils with SEN but no primary need"},
	{"nsa-with-ehc", SK_WARNING, "NSA needs with an EHC plan"},
	{"need-without-sen", SK_WARNING, "needs given for pupils without SEN"},
	{"legacy-code", SK_WARNING, "legacy SEN provision codes"},
	{"totals-mismatch", SK_ERROR, "rows whose totals do not add up"},
	{"bad-count", SK_ERROR, "counts that are not whole numbers"},
	{"ragged-row", SK_ERROR, "rows with the wrong number of fields"},
	{"unterminated-quote", SK_ERROR, "quotes that are never closed"},
	{"missing-school", SK_ERROR, "rows without a school"},
	{"duplicate-school", SK_WARNING, "schools given twice"},
	{"nul-byte", SK_ERROR, "rows with a NUL byte"},
	{"bad-school-key", SK_ERROR, "rows whose school key is not a URN or LAESTAB"},
};

/* The columns whose values that are not codes are counted, distinct. */
enum { V_PROV, V_NEED1, V_NEED2, V_COUNT };

/* A set of 64-bit hashes of values (0 is empty), kept to V_MAX. */
#define V_MAX 65536u
typedef struct vset {
	uint64_t *v;
	size_t n, cap;
} vset;

/* The codes of the labels last read the slow way in one column: an
 * information system writes a few labels ("K - SEN Support") over and over.
 * Keyed by the field's bytes as written (and whether quoted), so that a hit
 * is the answer the slow way gives; only labels that are codes are kept. */
#define MEMO_N 16
#define MEMO_LEN 64
typedef struct label_memo {
	char key[MEMO_N][MEMO_LEN];
	uint8_t len[MEMO_N];
	bool quoted[MEMO_N];
	int value[MEMO_N];
	unsigned n, next;
} label_memo;

typedef struct cdiag {
	unsigned char rule;
	unsigned line, col;     /* line relative to the reader's start */
	char msg[200];
} cdiag;

typedef sk_census__field span;

/* Where bytes come from: memory, a file read with pread(), or a stream. */
typedef struct source {
	const char *mem;
	size_t mem_len;
	int fd;
	bool seekable;
	uint64_t size;          /* of a seekable source */
	uint64_t start;         /* where its reading starts (stdin may be part read) */
} source;

/* What the header said, shared (read-only) by the threads. */
typedef struct cfile {
	const char *name;
	char sep;
	bool cr_only;           /* old Mac line ends: every CR is read as a newline */
	sk_census_layout layout;
	uint16_t role[MAX_COLS];
	unsigned ncols;         /* columns in the header, trailing empty ones left out */
	unsigned hcols;         /* columns in the header, empty ones included */
	int col[R_COUNT];       /* the column of each role, -1 when absent */
	unsigned knows;         /* SK_CENSUS_KNOWS_* this layout can give */
	unsigned char key_role; /* R_URN, R_LAESTAB, R_SCHOOL (by LA and name) or R_NONE */
	bool ehc_needs, sup_needs;
	uint32_t need_code[SK_NEED_UNKNOWN];   /* the codes packed, for the fast path */
	unsigned limit;
	char label[R_COUNT][48];    /* the header's name of each column used */
	sk_census__row_fn row_fn;   /* for tests: every row's fields, and nothing else */
	void *row_ctx;
	const sk_codes *codes;      /* a trust's own labels, or NULL */
} cfile;

/* One thread's reader, over [start, end of file), stopping when a row ends
 * at stop_at. */
/* One per thread, each on cache lines of its own: counts written every row
 * beside another thread's hot fields cost a third of the speed. */
#define CACHE_LINE 64

typedef struct creader {
	_Alignas(CACHE_LINE) const cfile *f;
	const source *src;
	int index;
	atomic_uint *first_invalid;   /* the first thread whose start was wrong */
	uint64_t stop_at;
	bool overshot;                /* read on past stop_at */

	char *buf;
	size_t len;                   /* bytes in buf */
	uint64_t buf_off;             /* file offset of buf[0] */
	uint64_t next_off;            /* where the next read starts */
	const char *open_q;           /* the quote a row that did not end opens */
	bool eof;
	bool nul;                     /* buf holds a NUL byte: rows are checked for one */
	int io_errno;

	unsigned line;                /* lines before the current row, from the start */
	uint64_t rows;                /* rows read, good or bad */
	unsigned qnl;                 /* newlines inside quotes in the current row */
	unsigned nf;
	size_t nonempty, extra;
	span sp[MAX_COLS + 1];         /* by role; by column + 1 for the header */

	sk_cgroups schools;
	char *key;                    /* the key of a row's school */
	size_t key_cap;
	size_t last_i;                /* the school of the last row */
	char last_key[64];
	size_t last_len;
	char *scratch;
	size_t scratch_cap;
	label_memo memo[V_COUNT];     /* labels read the slow way, by column */

	cdiag *diags;
	size_t ndiags, cap_diags;
	uint64_t count[D_COUNT];
	vset unknown[V_COUNT];        /* values that are not codes, by column */
	uint64_t monitoring;          /* pupils whose provision is "Monitoring", read as N */
	bool nomem;
} creader;

/* ---- sources ---- */

static long src_read(const source *src, char *dst, size_t n, uint64_t off, int *err)
{
	if (src->mem) {
		if (off >= src->mem_len)
			return 0;
		size_t k = src->mem_len - off < n ? (size_t)(src->mem_len - off) : n;
		memcpy(dst, src->mem + off, k);
		return (long)k;
	}
	for (;;) {
		ssize_t k = src->seekable ? pread(src->fd, dst, n, (off_t)off)
					  : read(src->fd, dst, n);
		if (k >= 0)
			return (long)k;
		if (errno != EINTR) {
			*err = errno;
			return -1;
		}
	}
}

/* Keeps buf[keep..len) at the front and reads more after it. */
static void cr_to_newline(char *s, size_t len)
{
	for (char *c = memchr(s, '\r', len); c; c = memchr(c + 1, '\r', (size_t)(s + len - c - 1)))
		*c = '\n';
}

static void refill(creader *r, size_t keep)
{
	size_t rest = r->len - keep;
	memmove(r->buf, r->buf + keep, rest);
	r->buf_off += keep;
	r->len = rest;
	while (!r->eof && r->len < BUF_SIZE) {
		long k = src_read(r->src, r->buf + r->len, BUF_SIZE - r->len, r->next_off,
				  &r->io_errno);
		if (k <= 0) {
			r->eof = true;
			break;
		}
		r->len += (size_t)k;
		r->next_off += (uint64_t)k;
		if (!r->src->seekable && !r->src->mem)
			break;   /* a pipe: use what came */
	}
	memset(r->buf + r->len, 0, BUF_PAD);
	if (r->f->cr_only)
		cr_to_newline(r->buf + rest, r->len - rest);
	/* Text has no NUL bytes; one search a buffer spares a search a field. */
	r->nul = memchr(r->buf, '\0', r->len) != NULL;
}

/* ---- diagnostics ---- */

static void pos_of(const creader *r, const char *row, const char *at, unsigned *line,
		   unsigned *col)
{
	*line = r->line + 1;
	const char *ls = row;
	for (const char *p = row; at && p < at; p++)
		if (*p == '\n') {
			++*line;
			ls = p + 1;
		}
	unsigned c = 1;
	for (const char *p = ls; at && p < at; p++)
		c += ((unsigned char)*p & 0xC0) != 0x80;
	*col = c;
}

/* The one way a row's problem is told: always counted, and kept (a slot
 * for its message) only while its rule is under the limit, so that no
 * message is made for a row that will not be shown. NULL: counted only. */
static cdiag *report_slot(creader *r, int rule, const char *row, const char *at)
{
	if (++r->count[rule] > r->f->limit && r->f->limit)
		return NULL;
	if (r->ndiags == r->cap_diags) {
		size_t cap = r->cap_diags ? r->cap_diags * 2 : 16;
		cdiag *v = realloc(r->diags, cap * sizeof(*v));
		if (!v) {
			r->nomem = true;
			return NULL;
		}
		r->diags = v;
		r->cap_diags = cap;
	}
	cdiag *d = &r->diags[r->ndiags++];
	d->rule = (unsigned char)rule;
	d->msg[0] = '\0';
	pos_of(r, row, at, &d->line, &d->col);
	return d;
}

static void report(creader *r, int rule, const char *row, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void report(creader *r, int rule, const char *row, const char *at, const char *fmt, ...)
{
	cdiag *d = report_slot(r, rule, row, at);
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

/* ---- values that are not codes: counted, never shown ---- */

static uint64_t value_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h ? h : 1;
}

static bool vset_put(vset *set, uint64_t h)
{
	if (set->n * 2 >= set->cap) {
		if (set->cap >= 2 * V_MAX)
			return true;   /* enough to say "at least" */
		size_t cap = set->cap ? set->cap * 2 : 64;
		uint64_t *v = calloc(cap, sizeof(*v));
		if (!v)
			return false;
		for (size_t i = 0; i < set->cap; i++)
			for (size_t j = set->v[i] & (cap - 1); set->v[i]; j = (j + 1) & (cap - 1))
				if (!v[j]) {
					v[j] = set->v[i];
					break;
				}
		free(set->v);
		set->v = v;
		set->cap = cap;
	}
	for (size_t j = h & (set->cap - 1);; j = (j + 1) & (set->cap - 1)) {
		if (set->v[j] == h)
			return true;
		if (!set->v[j]) {
			set->v[j] = h;
			set->n++;
			return true;
		}
	}
}

/* Counts a value that is not a code in column `which`. */
static void not_a_code(creader *r, int which, const char *s, size_t len)
{
	if (!vset_put(&r->unknown[which], value_hash(s, len)))
		r->nomem = true;
}

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

/* The first line end (LF or CR) in [p, end), or NULL. */
static const char *line_end(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return p;
	return NULL;
}

/* Past the line end at e: a CRLF is one. */
static const char *past_line_end(const char *e, const char *end)
{
	return *e == '\r' && e + 1 < end && e[1] == '\n' ? e + 2 : e + 1;
}

/* A row being scanned. */
typedef struct rowscan {
	const uint16_t *role;
	unsigned ncols;
	unsigned nf;
	size_t nonempty, extra;
} rowscan;

static inline bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A quote is special only where a field starts (after spaces, as libcsv
 * reads it): q is such a quote when [fs, q) is blank. */
static inline bool field_start(const char *fs, const char *q)
{
	while (fs < q && is_blank(*fs))
		fs++;
	return fs == q;
}

/* The end of the quoted field whose opening quote is q, as libcsv (not
 * strict) reads it: the first quote (not doubled) followed by blanks and a
 * separator or a line end (LF or CR); returns where that separator or line end is, or
 * the end of the data at its end of file. NULL when the data ends first. */
static const char *quoted_end(const char *q, const char *end, char sep, bool eof)
{
	const char *p = q + 1;
	for (;;) {
		const char *c = memchr(p, '"', (size_t)(end - p));
		if (!c)
			return NULL;
		for (;;) {
			const char *u = c + 1;
			while (u < end && is_blank(*u) && *u != sep)
				u++;
			if (u >= end)
				return eof ? end : NULL;
			if (*u == sep || *u == '\n' || *u == '\r')
				return u;
			if (*u == '"' && u > c + 1) {
				c = u;       /* a quote after blanks may close the field */
				continue;
			}
			p = u + 1;           /* a doubled quote, or text after a quote */
			break;
		}
	}
}

static inline void put_field(creader *r, rowscan *w, const char *fs, const char *fe)
{
	bool quoted = false;
	if (fe > fs && (*fs == '"' || is_blank(*fs))) {
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
	size_t len = (size_t)(fe - fs);
	if (w->nf < w->ncols) {
		uint16_t ro = w->role[w->nf];
		if (ro) {
			r->sp[ro].s = fs;
			r->sp[ro].len = (uint32_t)len;
			r->sp[ro].quoted = quoted;
		}
	} else {
		w->extra |= len;
	}
	w->nonempty |= len;
	w->nf++;
}

enum { SCAN_MORE, SCAN_STOP, SCAN_HEADER };

static void handle_row(creader *r, const char *row);
static void invalidate_after(creader *r);

/* Scans the complete rows from *pp on, 64 bytes at a time: separators and
 * newlines end fields and rows until a quote; a quote that starts a field
 * opens a quoted field (read to its end by quoted_end), any other is text.
 * Each row goes to handle_row, or with `header` the first row is scanned and
 * left in r->sp. Leaves *pp at the first row that is not complete, and
 * r->open_q at its open quote if that is why. Returns SCAN_STOP when a row
 * ends exactly where this reader's range does. */
static int scan_rows(creader *r, const char **pp, const uint16_t *role, unsigned ncols,
		     bool header)
{
	const char *row = *pp, *fs = row, *end = r->buf + r->len;
	const char sep = r->f->sep;
	const char *stop = NULL;
	if (!r->overshot && r->stop_at >= r->buf_off && r->stop_at - r->buf_off <= r->len)
		stop = r->buf + (r->stop_at - r->buf_off);
	rowscan w = {role, ncols, 0, 0, 0};
	unsigned qnl = 0;
	r->open_q = NULL;
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
			if (d < fs)
				continue;    /* the LF of a CRLF, taken with its CR */
			if (*d == '\r' && d + 1 == end && !r->eof) {
				*pp = row;   /* a LF may follow: read on first */
				return SCAN_MORE;
			}
			put_field(r, &w, fs, d);
			fs = d + 1;
			if (*d == sep)
				continue;
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
			handle_row(r, row);
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
		const char *u = quoted_end(q, end, sep, r->eof);
		if (!u) {
			r->open_q = q;
			*pp = row;
			return SCAN_MORE;
		}
		qnl += count_newlines(q, u);
		b = u;
	}
	*pp = row;
	if (!r->eof || row >= end)
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
	handle_row(r, row);
	r->line += qnl;
	return SCAN_MORE;
}

/* ---- values ---- */

static uint32_t pack_code(const char *s, size_t len)
{
	if (len < 1 || len > 4)
		return 0;
	uint32_t v = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned ch = (unsigned char)s[i];
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if (ch < 'A' || ch > 'Z')
			return 0;
		v = v << 8 | ch;
	}
	return v;
}

static inline void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		++*s;
		--*len;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		--*len;
}

/* A field's text, trimmed and unquoted, in the reader's scratch space
 * (valid until the next call). */
static const char *scratch_text(creader *r, span v, size_t *len)
{
	if (r->scratch_cap < (size_t)v.len + 1) {
		char *s = realloc(r->scratch, (size_t)v.len + 64);
		if (!s) {
			r->nomem = true;
			*len = 0;
			return "";
		}
		r->scratch = s;
		r->scratch_cap = (size_t)v.len + 64;
	}
	const char *s = v.s;
	size_t n = v.len, k = 0;
	trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		r->scratch[k++] = s[i];
		if (v.quoted && s[i] == '"' && i + 1 < n && s[i + 1] == '"')
			i++;
	}
	r->scratch[k] = '\0';
	*len = k;
	return r->scratch;
}

/* A field's text for keeping, in the reader's arena (NULL when empty);
 * `bit` set in the school's cp1252 when it was read as Windows-1252. */
static const char *field_text(creader *r, span v, sk_cgroup *s, uint8_t bit)
{
	/* Eight digits or more: a UPN or a date of birth shifted into a name's
	 * column, never a school's, LA's or hub's name. */
	size_t digits = 0;
	for (uint32_t i = 0; i < v.len; i++)
		digits += v.s[i] >= '0' && v.s[i] <= '9';
	if (digits >= 8)
		return NULL;
	bool nomem, cp1252 = false;
	const char *t = sk_census__text(&r->schools.arena, v.s, v.len, v.quoted, &cp1252,
					&nomem);
	r->nomem |= nomem;
	if (cp1252)
		s->cp1252 |= bit;
	return t;
}

/* The value kept for field v, or -1. */
static int memo_find(const label_memo *m, sk_census__field v)
{
	for (unsigned i = 0; i < m->n; i++)
		if (m->len[i] == v.len && m->quoted[i] == v.quoted &&
		    memcmp(m->key[i], v.s, v.len) == 0)
			return m->value[i];
	return -1;
}

static void memo_put(label_memo *m, sk_census__field v, int value)
{
	if (v.len > MEMO_LEN)
		return;
	unsigned i = m->n < MEMO_N ? m->n++ : m->next++ % MEMO_N;
	memcpy(m->key[i], v.s, v.len);
	m->len[i] = (uint8_t)v.len;
	m->quoted[i] = v.quoted;
	m->value[i] = value;
}

/* Reads a need (primary or secondary) of a pupil with SEN; reports what is
 * wrong with it. */
static sk_need read_need(creader *r, const char *row, span v, bool primary)
{
	uint32_t packed = pack_code(v.s, v.len);
	if (packed)
		for (int i = 0; i < SK_NEED_UNKNOWN; i++)
			if (r->f->need_code[i] == packed)
				return (sk_need)i;
	label_memo *memo = &r->memo[primary ? V_NEED1 : V_NEED2];
	int known = memo_find(memo, v);
	if (known >= 0)
		return (sk_need)known;
	size_t len;
	const char *s = scratch_text(r, v, &len);
	if (!len) {
		if (primary)
			report(r, D_MISSING_NEED, row, v.s,
			       "a pupil with SEN but no primary need: counted as unknown need");
		return SK_NEED_UNKNOWN;
	}
	sk_need n;
	if (sk_codes_need(r->f->codes, &n, s, len) == SK_OK) {
		memo_put(memo, v, (int)n);
		return n;
	}
	/* Never quoted: in the wrong column it could be a pupil's name. */
	int ro = primary ? R_NEED1 : R_NEED2;
	not_a_code(r, primary ? V_NEED1 : V_NEED2, s, len);
	report(r, D_UNKNOWN_NEED, row, v.s, "not a need code in column \"%s\" (the value is "
	       "not shown: it may identify a pupil)%s", r->f->label[ro],
	       primary ? ": counted as unknown need" : "");
	return SK_NEED_UNKNOWN;
}

static int provision_of(creader *r, const char *row, sk_census__field v, sk_provision p,
			sk_provision_legacy legacy);

/* The provision of a pupil, or -1 when unknown (reported). */
static int read_provision(creader *r, const char *row, span v)
{
	if (v.len == 1) {
		switch (v.s[0]) {
		case 'N': case 'n': return SK_PROV_N;
		case 'K': case 'k': return SK_PROV_K;
		case 'E': case 'e': return SK_PROV_E;
		default: break;
		}
	}
	sk_provision p;
	sk_provision_legacy legacy = SK_LEGACY_NONE;
	int known = memo_find(&r->memo[V_PROV], v);
	if (known >= 0) {
		p = (sk_provision)(known & 0xff);
		legacy = (sk_provision_legacy)(known >> 8);
		return provision_of(r, row, v, p, legacy);
	}
	size_t len;
	const char *s = scratch_text(r, v, &len);
	const char *col = r->f->label[R_PROV];
	if (!len) {
		report(r, D_UNKNOWN_PROVISION, row, v.s, "no SEN provision code in column \"%s\": "
		       "the pupil is counted on roll, not as SEN", col);
		return -1;
	}
	if (sk_codes_provision(r->f->codes, &p, &legacy, s, len) != SK_OK) {
		/* Never quoted: in the wrong column it could be a pupil's name. */
		not_a_code(r, V_PROV, s, len);
		report(r, D_UNKNOWN_PROVISION, row, v.s, "not a SEN provision code in column "
		       "\"%s\" (the value is not shown: it may identify a pupil): the pupil is "
		       "counted on roll, not as SEN; use N, K or E, or map it with a codes file",
		       col);
		return -1;
	}
	memo_put(&r->memo[V_PROV], v, (int)p | (int)legacy << 8);
	return provision_of(r, row, v, p, legacy);
}

/* A provision read: legacy codes reported, Monitoring counted. */
static int provision_of(creader *r, const char *row, sk_census__field v, sk_provision p,
			sk_provision_legacy legacy)
{
	/* The code, not the value as written ("S - Statement"), is named. */
	if (legacy == SK_LEGACY_STATEMENT)
		report(r, D_LEGACY_CODE, row, v.s, "SEN provision S is a statement, "
		       "replaced by EHC plans in 2018: read as E");
	else if (legacy == SK_LEGACY_SCHOOL_ACTION)
		report(r, D_LEGACY_CODE, row, v.s, "SEN provision A or P is School Action (Plus), "
		       "replaced by SEN support in 2014: read as K");
	r->monitoring += legacy == SK_LEGACY_MONITORING;
	return (int)p;
}

/* ---- schools ---- */

enum { KEY_OK, KEY_NONE, KEY_BAD };

static bool plain_ascii(span v)
{
	if (v.quoted || !v.len || is_blank(v.s[0]) || is_blank(v.s[v.len - 1]))
		return false;
	for (uint32_t i = 0; i < v.len; i++)
		if ((unsigned char)v.s[i] >= 0x80)
			return false;
	return true;
}

/* Room for len bytes in `out`; false when out of memory. */
static bool key_room(creader *r, char **out, size_t *cap, size_t len)
{
	if (*cap >= len)
		return true;
	char *b = realloc(*out, len + 64);
	if (!b) {
		r->nomem = true;
		return false;
	}
	*out = b;
	*cap = len + 64;
	return true;
}

/* A URN (6 digits) or LAESTAB (7 digits), blanks around it trimmed. A row
 * whose columns are shifted puts a name or a date there: never a key. */
static int code_key(creader *r, int role, char **out, size_t *cap, size_t *len)
{
	const char *s = r->sp[role].s;
	size_t n = r->sp[role].len;
	trim(&s, &n);
	if (!n)
		return KEY_NONE;
	if (n != (role == R_URN ? 6u : 7u))
		return KEY_BAD;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return KEY_BAD;
	if (!key_room(r, out, cap, n))
		return KEY_NONE;
	memcpy(*out, s, n);
	*len = n;
	return KEY_OK;
}

/* The key of a row's school in `out` (grown as needed): the URN or LAESTAB,
 * or the LA and the school name. */
static int row_key(creader *r, char **out, size_t *cap, size_t *len)
{
	const cfile *f = r->f;
	if (f->key_role != R_SCHOOL)
		return code_key(r, f->key_role, out, cap, len);
	size_t n = 0;
	for (int part = 0; part < 2; part++) {
		int ro = part == 0 ? R_LA : R_SCHOOL;
		if (f->col[ro] < 0)
			continue;
		span v = r->sp[ro];
		char *t = NULL;
		const char *s = v.s;
		size_t k = v.len;
		if (!plain_ascii(v)) {
			s = scratch_text(r, v, &k);
			if (!sk_utf8_valid(s, k)) {
				size_t tl;
				if (sk_cp1252_to_utf8(&t, &tl, s, k) != SK_OK) {
					r->nomem = true;
					return KEY_NONE;
				}
				s = t;
				k = tl;
			}
		}
		if (!key_room(r, out, cap, n + k + 2)) {
			free(t);
			return KEY_NONE;
		}
		if (part == 1)
			(*out)[n++] = '\x1f';
		memcpy(*out + n, s, k);
		n += k;
		free(t);
	}
	*len = n;
	return r->sp[R_SCHOOL].len > 0 ? KEY_OK : KEY_NONE;
}

/* Reports a row whose key is missing or not a URN or LAESTAB. */
static void bad_key(creader *r, const char *row, int key)
{
	const cfile *f = r->f;
	const char *at = r->sp[f->key_role].s;
	if (key == KEY_BAD)
		report(r, D_BAD_KEY, row, at, "column \"%s\" does not hold a %s (a comma in a "
		       "name, or one missing, shifts a row's columns): the row is left out",
		       f->label[f->key_role], f->key_role == R_URN ? "6-digit URN"
		       : "7-digit LAESTAB");
	else
		report(r, D_MISSING_SCHOOL, row, at, "no %s: the row is left out",
		       f->key_role == R_SCHOOL ? "school name" : "URN");
}

static void fill_names(creader *r, sk_cgroup *s)
{
	const cfile *f = r->f;
	if (!s->name && f->col[R_SCHOOL] >= 0)
		s->name = field_text(r, r->sp[R_SCHOOL], s, SK_CG_NAME);
	if (!s->la && f->col[R_LA] >= 0)
		s->la = field_text(r, r->sp[R_LA], s, SK_CG_LA);
	if (!s->hub && f->col[R_HUB] >= 0)
		s->hub = field_text(r, r->sp[R_HUB], s, SK_CG_HUB);
}

/* The kind of key the file's schools are found by (SK_CK_*). */
static uint8_t key_kind_of(const cfile *f)
{
	switch (f->key_role) {
	case R_URN: return SK_CK_URN;
	case R_LAESTAB: return SK_CK_LAESTAB;
	case R_SCHOOL: return SK_CK_NAME;
	default: return SK_CK_NONE;
	}
}

static sk_cgroup *new_school(creader *r, const char *key, size_t len, bool by_urn, bool index,
			     uint32_t hash)
{
	sk_cgroup *s = sk_census__groups_add(&r->schools, key, len, hash, index);
	if (!s) {
		r->nomem = true;
		return NULL;
	}
	s->line = r->line + 1;
	s->knows = (uint8_t)r->f->knows;
	s->listed = key != NULL;
	s->unique = !index;
	s->key_kind = key_kind_of(r->f);
	if (by_urn && key)
		s->urn = s->ikey;
	fill_names(r, s);
	return s;
}

/* memcmp(a, b, n) == 0 for short keys without a call: both may be read 8
 * bytes on (the buffer's padding, the key cache's size). */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
	if (n > 8)
		return memcmp(a, b, n) == 0;
	uint64_t x, y;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	uint64_t mask = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
	return ((x ^ y) & mask) == 0;
}

/* The school of a pupil row: the last row's when the key is the same. */
static sk_cgroup *pupil_school(creader *r, const char *row)
{
	const cfile *f = r->f;
	span k = r->sp[f->key_role];
	if (f->key_role != R_SCHOOL && r->last_i != NONE_IDX && k.len == r->last_len &&
	    same_bytes(k.s, r->last_key, k.len))
		return &r->schools.v[r->last_i];
	size_t len;
	int key = row_key(r, &r->key, &r->key_cap, &len);
	if (key != KEY_OK) {
		bad_key(r, row, key);
		return NULL;
	}
	bool added;
	sk_cgroup *s = sk_census__groups_get(&r->schools, r->key, len, &added);
	if (!s) {
		r->nomem = true;
		return NULL;
	}
	if (added) {
		s->line = r->line + 1;
		s->knows = (uint8_t)f->knows;
		s->listed = true;
		s->key_kind = key_kind_of(f);
		if (f->key_role != R_SCHOOL)
			s->urn = s->ikey;
	}
	r->last_i = (size_t)(s - r->schools.v);
	r->last_len = k.len <= sizeof(r->last_key) ? k.len : (size_t)-1;
	if (k.len <= sizeof(r->last_key))
		memcpy(r->last_key, k.s, k.len);
	return s;
}

/* ---- rows ---- */

/* The row gives a name the school does not have yet (a column absent from
 * the file is never given). */
static bool names_wanted(const creader *r, const sk_cgroup *s)
{
	const cfile *f = r->f;
	return (!s->name && f->col[R_SCHOOL] >= 0 && r->sp[R_SCHOOL].len) ||
	       (!s->la && f->col[R_LA] >= 0 && r->sp[R_LA].len) ||
	       (!s->hub && f->col[R_HUB] >= 0 && r->sp[R_HUB].len);
}

/* A row with as many fields as the header: where the header has blank
 * cells at its end, a row with fewer or more may have lost or gained a
 * comma, and its columns be shifted. */
static bool whole_row(const creader *r)
{
	return r->nf == r->f->hcols;
}

/* A need column absent, empty, or holding a need. */
static bool need_ok(creader *r, int role)
{
	if (r->f->col[role] < 0)
		return true;
	size_t len;
	const char *s = scratch_text(r, r->sp[role], &len);
	sk_need n;
	return !len || sk_codes_need(r->f->codes, &n, s, len) == SK_OK;
}

static void pupil_row(creader *r, const char *row)
{
	const cfile *f = r->f;
	sk_cgroup *s = pupil_school(r, row);
	if (!s)
		return;
	s->n[SK_CN_ON_ROLL]++;
	int prov = read_provision(r, row, r->sp[R_PROV]);
	if (prov < 0)
		return;
	/* Names from the first row that gives them, and whose codes are all
	 * read: a row with its columns shifted would give a pupil's name. */
	if (names_wanted(r, s) && whole_row(r) && need_ok(r, R_NEED1) && need_ok(r, R_NEED2))
		fill_names(r, s);
	if (prov == SK_PROV_N) {
		if (f->col[R_NEED1] >= 0 && r->sp[R_NEED1].len) {
			size_t len;
			scratch_text(r, r->sp[R_NEED1], &len);
			if (len)
				report(r, D_NEED_WITHOUT_SEN, row, r->sp[R_NEED1].s,
				       "a primary need for a pupil without SEN (N): "
				       "the need is not counted");
		}
		return;
	}
	if (prov == SK_PROV_K)
		s->n[SK_CN_SUPPORT]++;
	else
		s->n[SK_CN_EHCP]++;
	/* Without a need column every need is unknown (and left empty). */
	if (f->col[R_NEED1] < 0) {
		s->n[SK_CN_NEED + SK_NEED_UNKNOWN]++;
	} else {
		sk_need n = read_need(r, row, r->sp[R_NEED1], true);
		if (n == SK_NEED_NSA && prov == SK_PROV_E)
			report(r, D_NSA_WITH_EHC, row, r->sp[R_NEED1].s,
			       "NSA (no specialist assessment) with an EHC plan: "
			       "an EHC plan names the need; counted as NSA");
		s->n[SK_CN_NEED + n]++;
	}
	if (f->col[R_NEED2] >= 0 && r->sp[R_NEED2].len)
		(void)read_need(r, row, r->sp[R_NEED2], false);
}

/* A count in a school-level row: false (reported) when it is not a whole
 * number; *known false when empty. */
static bool read_count(creader *r, const char *row, int role, int64_t *out, bool *known)
{
	const char *label = r->f->label[role];
	*out = 0;
	*known = false;
	if (r->f->col[role] < 0)
		return true;
	const char *s = r->sp[role].s;
	size_t len = r->sp[role].len;
	/* Digits read in place: a doubled quote, undone or not, is not a digit. */
	trim(&s, &len);
	int64_t v = 0;
	size_t digits = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (v > 100000000) {
				digits = 0;
				break;
			}
			v = v * 10 + (s[i] - '0');
			digits++;
		} else if (!(s[i] == ',' && digits && i + 1 < len)) {
			digits = 0;
			break;
		}
	}
	if (!digits) {
		/* Never quoted: a shifted row may hold a name there. */
		report(r, D_BAD_COUNT, row, r->sp[role].s,
		       len ? "not a count of pupils in column \"%s\" (the value is not shown): "
			     "left unknown" : "no count in column \"%s\": left unknown", label);
		return false;
	}
	*out = v;
	*known = true;
	return true;
}

static void add_part(char *msg, size_t cap, const char *part)
{
	size_t n = strlen(msg);
	snprintf(msg + n, cap - n, "%s%s", n ? "; " : "", part);
}

/* Checks that a school-level row adds up; the need columns' shortfall is
 * counted as unknown need. */
static void check_totals(creader *r, const char *row, sk_census_counts *c,
			 int64_t ehc_needs, int64_t sup_needs, int64_t total_sen,
			 bool total_known)
{
	const cfile *f = r->f;
	bool k = c->knows & SK_CENSUS_KNOWS_SEN_SUPPORT, e = c->knows & SK_CENSUS_KNOWS_EHCP;
	bool needs = c->knows & SK_CENSUS_KNOWS_NEEDS;
	int64_t sen = (k ? c->sen_support : 0) + (e ? c->ehcp : 0);
	bool over_roll = (c->knows & SK_CENSUS_KNOWS_ON_ROLL) && (k || e) && sen > c->on_roll;
	bool bad_total = total_known && k && e && total_sen != sen;
	bool bad_ehc = needs && f->ehc_needs && e && ehc_needs != c->ehcp;
	bool bad_sup = needs && f->sup_needs && k && sup_needs != c->sen_support;
	if (needs && ehc_needs + sup_needs < sen)
		c->need[SK_NEED_UNKNOWN] += sen - ehc_needs - sup_needs;
	if (!(over_roll || bad_total || bad_ehc || bad_sup))
		return;
	const char *at = over_roll ? r->sp[R_ONROLL].s : bad_total ? r->sp[R_TOTALSEN].s
			 : bad_ehc ? r->sp[R_EHCP].s : r->sp[R_SUPPORT].s;
	cdiag *d = report_slot(r, D_TOTALS_MISMATCH, row, at);
	if (!d)
		return;
	char msg[sizeof(d->msg)] = "", part[96];
	if (over_roll) {
		snprintf(part, sizeof(part), "%lld with SEN but %lld on roll", (long long)sen,
			 (long long)c->on_roll);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_total) {
		snprintf(part, sizeof(part), "Total SEN %lld is not SEN support + EHC plan (%lld)",
			 (long long)total_sen, (long long)sen);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_ehc) {
		snprintf(part, sizeof(part), "the EHC plan needs add up to %lld, not %lld",
			 (long long)ehc_needs, (long long)c->ehcp);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_sup) {
		snprintf(part, sizeof(part), "the SEN support needs add up to %lld, not %lld",
			 (long long)sup_needs, (long long)c->sen_support);
		add_part(msg, sizeof(msg), part);
	}
	snprintf(d->msg, sizeof(d->msg), "totals do not add up: %s", msg);
}

/* Keeps a school-level row's counts (each checked to fit 32 bits). */
static void store_counts(sk_cgroup *s, const sk_census_counts *c, bool add)
{
	if (!add)
		memset(s->n, 0, sizeof(s->n));
	s->n[SK_CN_ON_ROLL] += (uint32_t)c->on_roll;
	s->n[SK_CN_SUPPORT] += (uint32_t)c->sen_support;
	s->n[SK_CN_EHCP] += (uint32_t)c->ehcp;
	for (int i = 0; i < SK_NEED_COUNT; i++)
		s->n[SK_CN_NEED + i] += (uint32_t)c->need[i];
	s->knows = (uint8_t)(add ? s->knows & c->knows : c->knows);
}

static void school_row(creader *r, const char *row)
{
	const cfile *f = r->f;
	size_t len = 0;
	int key_kind = f->key_role != R_NONE ? row_key(r, &r->key, &r->key_cap, &len) : KEY_NONE;
	if (key_kind == KEY_BAD) {
		bad_key(r, row, key_kind);
		return;
	}
	sk_census_counts c;
	memset(&c, 0, sizeof(c));
	c.schools = 1;
	c.knows = f->knows;
	bool known;
	read_count(r, row, R_ONROLL, &c.on_roll, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_ON_ROLL;
	read_count(r, row, R_SUPPORT, &c.sen_support, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_SEN_SUPPORT;
	read_count(r, row, R_EHCP, &c.ehcp, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_EHCP;
	int64_t total_sen = 0, ehc_sum = 0, sup_sum = 0, v;
	bool total_known = false;
	read_count(r, row, R_TOTALSEN, &total_sen, &total_known);
	for (int n = 0; n < SK_NEED_UNKNOWN && (c.knows & SK_CENSUS_KNOWS_NEEDS); n++) {
		for (int kind = 0; kind < 2; kind++) {
			int ro = (kind ? R_SUP_NEED : R_EHC_NEED) + n;
			if (f->col[ro] < 0)
				continue;
			if (!read_count(r, row, ro, &v, &known) || !known) {
				c.knows &= ~(unsigned)SK_CENSUS_KNOWS_NEEDS;
				break;
			}
			c.need[n] += v;
			*(kind ? &sup_sum : &ehc_sum) += v;
		}
	}
	if (!(c.knows & SK_CENSUS_KNOWS_NEEDS))
		memset(c.need, 0, sizeof(c.need));
	check_totals(r, row, &c, ehc_sum, sup_sum, total_sen, total_known);

	sk_cgroup *s = NULL;
	bool has_key = key_kind == KEY_OK;
	const char *key = r->key;
	bool by_urn = f->key_role == R_URN || f->key_role == R_LAESTAB;
	if (has_key && by_urn) {
		uint32_t hash = sk_census__hash(key, len);
		s = sk_census__groups_find(&r->schools, key, len, hash);
		if (s) {
			/* The key is digits only (code_key): shown as it is. */
			report(r, D_DUPLICATE_SCHOOL, row, r->sp[f->key_role].s,
			       "URN %.*s is given more than once: the rows are added together",
			       (int)len, key);
			store_counts(s, &c, true);
			return;
		}
		s = new_school(r, key, len, true, true, hash);
	} else {
		s = new_school(r, has_key ? key : NULL, len, false, false, 0);
	}
	if (s)
		store_counts(s, &c, false);
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
	uint64_t off = r->buf_off + (uint64_t)(p - r->buf);
	if (r->overshot || off < r->stop_at)
		return false;
	if (off == r->stop_at)
		return true;
	invalidate_after(r);
	return false;
}

/* The first NUL byte in a field the row is read for, or NULL. */
static const char *nul_in_row(const creader *r)
{
	for (int i = 0; i < R_COUNT; i++) {
		const char *at = r->f->col[i] >= 0 && r->sp[i].len
				 ? memchr(r->sp[i].s, '\0', r->sp[i].len) : NULL;
		if (at)
			return at;
	}
	return NULL;
}

static void handle_row(creader *r, const char *row)
{
	if (r->f->row_fn) {
		unsigned n = r->nf < MAX_COLS ? r->nf : MAX_COLS;
		r->f->row_fn(r->f->row_ctx, (unsigned)r->index, r->sp + 1, n);
		return;
	}
	if (!r->nonempty)
		return;
	r->rows++;
	/* Excel pads rows with empty fields as far as the header goes, no further. */
	if (r->nf < r->f->ncols || r->nf > r->f->hcols || r->extra) {
		report(r, D_RAGGED_ROW, row, NULL,
		       "%u fields where the header has %u: the row is left out%s", r->nf,
		       r->f->ncols, r->nf > r->f->ncols ? " (an unquoted comma?)" : "");
		return;
	}
	const char *nul = r->nul ? nul_in_row(r) : NULL;
	if (nul) {
		/* A C string would end there: "33<NUL>33" would be school 33. */
		report(r, D_NUL_BYTE, row, nul, "a NUL byte in a field (is this a binary "
		       "or UTF-16 file?): the row is left out");
		return;
	}
	if (r->f->layout == SK_CENSUS_PUPIL_LEVEL)
		pupil_row(r, row);
	else
		school_row(r, row);
}

/* Skips the line an unclosed quote is on; false when that line does not
 * end in the buffer. */
static bool skip_quote_line(creader *r, const char *row, const char *quote, const char **p)
{
	const char *end = r->buf + r->len;
	const char *nl = line_end(quote, end);
	if ((!nl || (*nl == '\r' && nl + 1 == end)) && !r->eof)
		return false;
	report(r, D_UNTERMINATED_QUOTE, row, quote,
	       "a quote that is never closed: the row it opens is left out");
	r->line += count_newlines(row, quote);
	r->line += nl != NULL;
	*p = nl ? past_line_end(nl, end) : end;
	return true;
}

/* Where the data a reader holds ends, as a file offset. */
static uint64_t offset_of(const creader *r, const char *p)
{
	return r->buf_off + (uint64_t)(p - r->buf);
}

/* Reads on from `off` (a seekable source). */
static void seek_to(creader *r, uint64_t off)
{
	r->buf_off = r->next_off = off;
	r->len = 0;
	r->eof = false;
	refill(r, 0);
}

/* Skips a row longer than the buffer, reading on as libcsv does (a quote
 * that starts a field opens it, a quote before a separator or line end
 * closes it) to the row's end, and reports it at its first line. A quote
 * still open at the end of the file loses only the row it opens on: the
 * reading goes back to the line after it. Returns where the next row starts. */
static const char *skip_long_row(creader *r, const char *p)
{
	enum { FIELD, TEXT, QUOTED, CLOSED, CLOSED_BLANK } st = FIELD;
	const char sep = r->f->sep;
	unsigned lines = 0, open_lines = 0;
	uint64_t open_at = 0;
	for (;;) {
		const char *end = r->buf + r->len;
		for (; p < end; p++) {
			char c = *p;
			if (c == '\r' && p + 1 == end && !r->eof && st != QUOTED)
				break;   /* a LF may follow: read on first */
			if (c == '\n')
				lines++;
			bool ends = c == '\n' || c == '\r';
			switch (st) {
			case FIELD:
			case TEXT:
				if (c == '"' && st == FIELD) {
					st = QUOTED;
					open_at = offset_of(r, p);
					open_lines = lines;
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
				break;
			case CLOSED:
			case CLOSED_BLANK:
				if (c == sep)
					st = FIELD;
				else if (ends)
					goto row_end;
				else if (is_blank(c))
					st = CLOSED_BLANK;
				else
					st = c == '"' && st == CLOSED_BLANK ? CLOSED : QUOTED;
				break;
			}
		}
		if (r->eof || r->io_errno)
			break;
		refill(r, (size_t)(p - r->buf));
		p = r->buf;
	}
	if (st == QUOTED) {
		report(r, D_UNTERMINATED_QUOTE, NULL, NULL, "a quote that is never closed, "
		       "on line %u: the row it opens is left out", r->line + 1 + open_lines);
		if (!r->src->seekable)
			return r->buf + r->len;   /* a pipe cannot go back */
		seek_to(r, open_at);
		const char *end = r->buf + r->len, *nl = line_end(r->buf, end);
		r->line += open_lines + (nl != NULL);
		return nl ? past_line_end(nl, end) : end;
	}
row_end:
	report(r, D_RAGGED_ROW, NULL, NULL, "a row longer than %u bytes: left out", BUF_SIZE);
	const char *end = r->buf + r->len;
	lines += p < end && *p == '\r';   /* a CR alone, or a CRLF's: one line */
	r->line += lines;
	return p < end ? past_line_end(p, end) : p;
}

static void read_range(creader *r, const char *p)
{
	for (;;) {
		if (scan_rows(r, &p, r->f->role, r->f->ncols, false) == SCAN_STOP)
			return;
		const char *end = r->buf + r->len;
		if (p >= end && r->eof) {
			/* The end, and no row ended where the range does. */
			if (r->stop_at != UINT64_MAX && !r->overshot)
				invalidate_after(r);
			return;
		}
		if (r->eof || (p == r->buf && r->len >= BUF_SIZE)) {
			/* A row that does not end: an unclosed quote whose line is
			 * here (the row it opens is left out), or a row longer than
			 * the buffer. */
			if (!(r->open_q && r->eof && skip_quote_line(r, p, r->open_q, &p)))
				p = skip_long_row(r, p);
			if (at_boundary(r, p))
				return;
			continue;
		}
		if (cancelled(r))
			return;
		refill(r, (size_t)(p - r->buf));
		p = r->buf;
		if (r->io_errno)
			return;
	}
}

/* ---- the header ---- */

static int role_of(const char *norm)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(norm, aliases[i].name) == 0)
			return aliases[i].role;
	for (int n = 0; n < SK_NEED_UNKNOWN; n++) {
		const char *key = sk_need_key((sk_need)n);
		size_t klen = strlen(key);
		size_t len = strlen(norm);
		if (len == 14 + klen && strcmp(norm + 14, key) == 0) {
			if (strncmp(norm, "ehcprimaryneed", 14) == 0)
				return R_EHC_NEED + n;
			if (strncmp(norm, "supprimaryneed", 14) == 0)
				return R_SUP_NEED + n;
		}
	}
	return R_NONE;
}

/* Reads the header row from r->sp (one span per column) into f. */
static void header_roles(cfile *f, creader *r, unsigned nf, char (*dup)[64])
{
	memset(f->role, 0, sizeof(f->role));
	for (int i = 0; i < R_COUNT; i++)
		f->col[i] = -1;
	f->ncols = 0;
	f->hcols = nf;
	(*dup)[0] = '\0';
	for (unsigned i = 0; i < nf; i++) {
		span v = r->sp[i + 1];
		char norm[64];
		sk_census__norm(norm, sizeof(norm), v.s, v.len);
		if (v.len)
			f->ncols = i + 1;
		int ro = role_of(norm);
		if (!ro)
			continue;
		if (f->col[ro] >= 0) {
			if (!(*dup)[0])
				sk_census__printable(*dup, sizeof(*dup), v.s, v.len);
			continue;
		}
		f->col[ro] = (int)i;
		f->role[i] = (uint16_t)ro;
		sk_census__printable(f->label[ro], sizeof(f->label[ro]), v.s, v.len);
	}
}

static sk_census_layout layout_of(const cfile *f)
{
	if (f->col[R_PROV] >= 0)
		return SK_CENSUS_PUPIL_LEVEL;
	if (f->col[R_ONROLL] >= 0)
		return SK_CENSUS_SCHOOL_LEVEL;
	return SK_CENSUS_LAYOUT_UNKNOWN;
}

static void setup_file(cfile *f)
{
	f->layout = layout_of(f);
	f->key_role = f->col[R_URN] >= 0 ? R_URN : f->col[R_LAESTAB] >= 0 ? R_LAESTAB :
		      f->col[R_SCHOOL] >= 0 ? R_SCHOOL : R_NONE;
	for (int n = 0; n < SK_NEED_UNKNOWN; n++) {
		const char *code = sk_need_code((sk_need)n);
		f->need_code[n] = pack_code(code, strlen(code));
		f->ehc_needs |= f->col[R_EHC_NEED + n] >= 0;
		f->sup_needs |= f->col[R_SUP_NEED + n] >= 0;
	}
	if (f->layout == SK_CENSUS_PUPIL_LEVEL) {
		f->knows = SK_CENSUS_KNOWS_ALL;
		if (f->col[R_NEED1] < 0)
			f->knows &= ~(unsigned)SK_CENSUS_KNOWS_NEEDS;
		return;
	}
	f->knows = 0;
	if (f->col[R_ONROLL] >= 0)
		f->knows |= SK_CENSUS_KNOWS_ON_ROLL;
	if (f->col[R_SUPPORT] >= 0)
		f->knows |= SK_CENSUS_KNOWS_SEN_SUPPORT;
	if (f->col[R_EHCP] >= 0)
		f->knows |= SK_CENSUS_KNOWS_EHCP;
	if (f->ehc_needs || f->sup_needs)
		f->knows |= SK_CENSUS_KNOWS_NEEDS;
}

static const char *sep_name(char sep)
{
	return sep == ';' ? "semicolons" : sep == '\t' ? "tabs" : sep == ',' ? "commas" : NULL;
}

/* Finds and reads the header: a byte order mark, a `sep=` line, blank lines,
 * then the first row. Leaves *p after it. */
static int read_header(creader *r, cfile *f, const char **p, const char *file,
		       sk_diags *diags)
{
	uint16_t ident[MAX_COLS];
	for (unsigned i = 0; i < MAX_COLS; i++)
		ident[i] = (uint16_t)(i + 1);
	/* A pipe gives what it has: the header may come in pieces. */
	do
		refill(r, 0);
	while (!r->eof && !r->io_errno && r->len < BUF_SIZE);
	if (r->io_errno) {
		errno = r->io_errno;
		return SK_EIO;
	}
	/* No newline in the first buffer but a CR: CR-only line ends. */
	if (!memchr(r->buf, '\n', r->len) && memchr(r->buf, '\r', r->len)) {
		f->cr_only = true;
		cr_to_newline(r->buf, r->len);
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "line-ends",
			     "lines end in CR alone (an old Mac file): read as newlines");
	}
	const char *s = r->buf, *end = r->buf + r->len;
	if (r->len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
		sk_diags_add(diags, file, (sk_pos){1, 1}, SK_ERROR, "encoding",
			     "a UTF-16 file: save it as \"CSV UTF-8\" and try again");
		return SK_EINVAL;
	}
	if (r->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "encoding",
			     "UTF-8 with a byte order mark");
	}
	char given = 0;
	if (end - s >= 5 && strncasecmp(s, "sep=", 4) == 0 &&
	    (s + 5 == end || s[5] == '\n' || s[5] == '\r')) {
		given = s[4];
		const char *nl = line_end(s, end);
		s = nl ? past_line_end(nl, end) : end;
		r->line++;
	}
	while (s < end && (*s == '\n' || *s == '\r')) {
		r->line += *s == '\n';
		s++;
	}
	if (s >= end) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "not-census",
			     "an empty file: a census needs a header row");
		return SK_EINVAL;
	}
	const char seps[] = {given ? given : ',', ';', '\t'};
	char dup[64];
	const char *next = NULL;
	header_roles(f, r, 0, &dup);
	for (size_t i = 0; i < (given ? 1u : 3u); i++) {
		f->sep = seps[i];
		next = s;
		if (scan_rows(r, &next, ident, MAX_COLS, true) != SCAN_HEADER)
			break;
		if (r->nf > MAX_COLS) {
			sk_diags_add(diags, file, (sk_pos){r->line + 1, 1}, SK_ERROR, "not-census",
				     "more than %u columns: not a census file", MAX_COLS);
			return SK_EINVAL;
		}
		header_roles(f, r, r->nf, &dup);
		if (layout_of(f) != SK_CENSUS_LAYOUT_UNKNOWN)
			break;
	}
	sk_pos hpos = {r->line + 1, 1};
	setup_file(f);
	if (f->layout == SK_CENSUS_LAYOUT_UNKNOWN) {
		sk_diags_add(diags, file, hpos, SK_ERROR, "not-census",
			     "not a census file: the header has no SEN provision column "
			     "(pupil level) and no \"Total pupils\" column (school level)");
		return SK_EINVAL;
	}
	if (f->layout == SK_CENSUS_PUPIL_LEVEL && f->key_role == R_NONE) {
		sk_diags_add(diags, file, hpos, SK_ERROR, "missing-column",
			     "no URN and no school name column: pupils cannot be put in schools");
		return SK_EINVAL;
	}
	if (f->sep != ',' && !given)
		sk_diags_add(diags, file, hpos, SK_NOTE, "separator",
			     "fields separated by %s, not commas: read as such", sep_name(f->sep));
	if (dup[0])
		sk_diags_add(diags, file, hpos, SK_WARNING, "duplicate-column",
			     "column \"%s\" is there twice (or under two names): "
			     "the first is used", dup);
	if (f->layout == SK_CENSUS_PUPIL_LEVEL && f->col[R_NEED1] < 0)
		sk_diags_add(diags, file, hpos, SK_NOTE, "missing-column",
			     "no primary need column: the need counts are left empty");
	if (f->layout == SK_CENSUS_SCHOOL_LEVEL && f->key_role == R_SCHOOL)
		sk_diags_add(diags, file, hpos, SK_NOTE, "school-key",
			     "no URN column: schools are known by LA and name, "
			     "and the key column is left empty");
	if (f->layout == SK_CENSUS_SCHOOL_LEVEL && f->key_role == R_NONE)
		sk_diags_add(diags, file, hpos, SK_NOTE, "school-key",
			     "no URN or school name column: no school rows, "
			     "but every row is counted in its LA and in all");
	r->line += 1 + r->qnl;
	*p = next;
	return SK_OK;
}

/* ---- threads ---- */

static int reader_init(creader *r, const cfile *f, const source *src, int index,
		       atomic_uint *first_invalid)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
	r->src = src;
	r->index = index;
	r->first_invalid = first_invalid;
	r->stop_at = UINT64_MAX;
	r->buf_off = r->next_off = src->start;
	r->last_i = NONE_IDX;
	r->buf = malloc(BUF_SIZE + BUF_PAD);
	return r->buf ? SK_OK : SK_ENOMEM;
}

static void reader_free(creader *r)
{
	free(r->buf);
	free(r->scratch);
	free(r->diags);
	free(r->key);
	for (int i = 0; i < V_COUNT; i++)
		free(r->unknown[i].v);
	sk_census__groups_free(&r->schools);
}

static void *worker(void *arg)
{
	creader *r = arg;
	refill(r, 0);
	read_range(r, r->buf);
	return NULL;
}

/* The offset just after the first newline at or after `from`, or 0. */
static uint64_t newline_after(const source *src, uint64_t from, char *tmp, size_t n)
{
	int err = 0;
	for (uint64_t off = from; off < src->size;) {
		long k = src_read(src, tmp, n, off, &err);
		if (k <= 0)
			return 0;
		const char *nl = memchr(tmp, '\n', (size_t)k);
		if (nl)
			return off + (uint64_t)(nl - tmp) + 1;
		off += (uint64_t)k;
	}
	return 0;
}

/* Moves one reader's diagnostics into `diags`, with their lines shifted;
 * seen[] counts what was already shown per rule. */
static void flush_diags(const creader *r, unsigned line_base, const char *file,
			unsigned limit, uint64_t *shown_n, sk_diags *diags)
{
	for (size_t i = 0; i < r->ndiags; i++) {
		const cdiag *d = &r->diags[i];
		if (limit && shown_n[d->rule] >= limit)
			continue;
		shown_n[d->rule]++;
		sk_diags_add(diags, file, (sk_pos){d->line + line_base, d->col},
			     rules[d->rule].severity, rules[d->rule].name, "%s", d->msg);
	}
}

static void readers_free(creader *rd, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		reader_free(&rd[i]);
	free(rd);
}

/* Reads the rows from p on (rd[0] holds them, after the header): the rest of
 * a seekable source is cut into ranges at newlines, at least min_range bytes
 * each, one per reader of rd[threads]. *nr is how many were used, *valid how
 * many of them (from the first) began at a row. */
static int read_ranges(creader *rd, unsigned threads, uint64_t min_range, const cfile *f,
		       const source *src, atomic_uint *first_invalid, const char *p,
		       unsigned *nr_out, unsigned *valid_out)
{
	unsigned nr = 1;
	uint64_t start = rd[0].buf_off + (uint64_t)(p - rd[0].buf);
	uint64_t cuts[17];
	if (src->seekable && threads > 1 && src->size > start) {
		uint64_t rest = src->size - start;
		unsigned want = threads;
		while (want > 1 && rest / want < min_range)
			want--;
		char tmp[4096];
		for (unsigned i = 1; i < want; i++) {
			uint64_t cut = newline_after(src, start + rest / want * i, tmp, sizeof(tmp));
			if (cut <= (nr > 1 ? cuts[nr - 1] : start) || cut >= src->size)
				continue;
			cuts[nr++] = cut;
		}
	}
	int rc = SK_OK;
	*nr_out = 1;
	for (unsigned i = 1; i < nr && rc == SK_OK; i++, ++*nr_out)
		rc = reader_init(&rd[i], f, src, (int)i, first_invalid);
	if (rc != SK_OK)
		return rc;
	/* Every range is set before any thread starts. */
	for (unsigned i = 1; i < nr; i++) {
		rd[i - 1].stop_at = cuts[i];
		rd[i].buf_off = rd[i].next_off = cuts[i];
	}
	pthread_t tid[16];
	unsigned started = 1;
	while (started < nr && pthread_create(&tid[started], NULL, worker, &rd[started]) == 0)
		started++;
	/* The first range goes on in this thread from p, then any range no
	 * thread could be started for. */
	refill(&rd[0], (size_t)(p - rd[0].buf));
	read_range(&rd[0], rd[0].buf);
	for (unsigned i = started; i < nr; i++)
		worker(&rd[i]);
	for (unsigned i = 1; i < started; i++)
		pthread_join(tid[i], NULL);
	unsigned valid = atomic_load(first_invalid);
	*valid_out = valid > nr ? nr : valid;
	return SK_OK;
}

static creader *readers_new(unsigned n)
{
	creader *rd = aligned_alloc(CACHE_LINE, n * sizeof(*rd));
	if (rd)
		memset(rd, 0, n * sizeof(*rd));
	return rd;
}

int sk_census__scan_buffer(const char *bytes, size_t len, char sep, unsigned threads,
			   uint64_t min_range, sk_census__row_fn fn, void *ctx,
			   unsigned *valid)
{
	cfile f;
	memset(&f, 0, sizeof(f));
	f.sep = sep;
	f.ncols = f.hcols = MAX_COLS;
	for (unsigned i = 0; i < MAX_COLS; i++)
		f.role[i] = (uint16_t)(i + 1);
	f.row_fn = fn;
	f.row_ctx = ctx;
	source src = {.mem = bytes, .mem_len = len, .fd = -1, .seekable = true, .size = len};
	atomic_uint first_invalid = UINT_MAX;
	threads = threads < 1 ? 1 : threads > 16 ? 16 : threads;
	creader *rd = readers_new(threads);
	if (!rd)
		return SK_ENOMEM;
	unsigned nr = 1;
	int rc = reader_init(&rd[0], &f, &src, 0, &first_invalid);
	if (rc == SK_OK) {
		refill(&rd[0], 0);
		rc = read_ranges(rd, threads, min_range ? min_range : 1, &f, &src,
				 &first_invalid, rd[0].buf, &nr, valid);
	}
	readers_free(rd, nr);
	return rc;
}

/* How many distinct values that are not codes each column had, from the
 * readers' sets: said once, never the values. */
static int report_unknown(const creader *rd, unsigned n, const cfile *f, sk_diags *diags)
{
	static const struct {
		int role;
		const char *rule, *one, *many, *fix;
	} cols[V_COUNT] = {
		{R_PROV, "unknown-provision", "a SEN provision code", "SEN provision codes",
		 "use N, K or E, or map them in a codes file"},
		{R_NEED1, "unknown-need", "a need code", "need codes",
		 "use the codes in sendkit-census(5), or map them in a codes file"},
		{R_NEED2, "unknown-need", "a need code", "need codes",
		 "use the codes in sendkit-census(5), or map them in a codes file"},
	};
	for (int k = 0; k < V_COUNT; k++) {
		vset all = {0};
		for (unsigned i = 0; i < n; i++)
			for (size_t j = 0; j < rd[i].unknown[k].cap; j++)
				if (rd[i].unknown[k].v[j] && !vset_put(&all, rd[i].unknown[k].v[j])) {
					free(all.v);
					return SK_ENOMEM;
				}
		if (all.n)
			sk_diags_add(diags, f->name, (sk_pos){0, 0}, SK_NOTE, cols[k].rule,
				     "%s%zu distinct value%s in column \"%s\" %s not %s (not shown: "
				     "they may identify pupils); if the column holds something else, "
				     "correct its name in the header, else %s",
				     all.n >= V_MAX ? "at least " : "", all.n, all.n == 1 ? "" : "s",
				     f->label[cols[k].role], all.n == 1 ? "is" : "are",
				     all.n == 1 ? cols[k].one : cols[k].many, cols[k].fix);
		free(all.v);
	}
	return SK_OK;
}

static int read_source(sk_census *c, sk_census_layout *layout, const source *src,
		       const char *file, const char *term, sk_diags *diags)
{
	cfile f;
	memset(&f, 0, sizeof(f));
	f.name = file;
	f.limit = c->report_limit;
	f.codes = c->codes;
	atomic_uint first_invalid = UINT_MAX;
	creader *rd = readers_new(c->threads);
	if (!rd)
		return SK_ENOMEM;
	unsigned nr = 1, valid = 1;
	int rc = reader_init(&rd[0], &f, src, 0, &first_invalid);
	const char *p = NULL;
	if (rc == SK_OK)
		rc = read_header(&rd[0], &f, &p, file, diags);
	if (layout)
		*layout = f.layout;
	unsigned header_lines = rd[0].line;
	rd[0].line = 0;
	if (rc == SK_OK)
		rc = read_ranges(rd, c->threads, c->min_range ? c->min_range : MIN_RANGE, &f, src,
				 &first_invalid, p, &nr, &valid);
	if (rc != SK_OK) {
		readers_free(rd, nr);
		return rc;
	}
	sk_cterm *t = sk_census__term(c, term);
	int fidx = sk_census__add_file(c, file);
	rc = t && fidx >= 0 ? SK_OK : SK_ENOMEM;
	uint64_t shown_n[D_COUNT] = {0}, total[D_COUNT] = {0}, rows = 0, monitoring = 0;
	unsigned base = header_lines;
	int io_errno = 0;
	sk_census__twice twice = {diags, file, c->files, f.limit, 0, NULL, NULL};
	if (f.layout == SK_CENSUS_SCHOOL_LEVEL) {
		twice.dup_total = &total[D_DUPLICATE_SCHOOL];
		twice.dup_shown = &shown_n[D_DUPLICATE_SCHOOL];
	}
	for (unsigned i = 0; i < valid && rc == SK_OK; i++) {
		creader *r = &rd[i];
		if (r->nomem)
			rc = SK_ENOMEM;
		else
			rc = sk_census__merge_schools(&t->schools, &r->schools, (unsigned)fidx, base,
						      &twice);
		flush_diags(r, base, file, f.limit, shown_n, diags);
		for (int k = 0; k < D_COUNT; k++)
			total[k] += r->count[k];
		rows += r->rows;
		monitoring += r->monitoring;
		io_errno = io_errno ? io_errno : r->io_errno;
		base += r->line;
	}
	if (rc == SK_OK)
		rc = report_unknown(rd, valid, &f, diags);
	for (int k = 0; k < D_COUNT; k++)
		if (total[k] > shown_n[k])
			sk_diags_add(diags, file, (sk_pos){0, 0}, rules[k].severity, rules[k].name,
				     "%llu more %s not shown (%llu in all)",
				     (unsigned long long)(total[k] - shown_n[k]), rules[k].plural,
				     (unsigned long long)total[k]);
	if (twice.count > twice.limit)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_WARNING, "duplicate-school",
			     "%u more schools read before for this term not shown (%u in all)",
			     twice.count - twice.limit, twice.count);
	if (rc == SK_OK && rows == 0)
		sk_diags_add(diags, file, (sk_pos){header_lines ? header_lines : 1, 1}, SK_WARNING,
			     "no-rows", "a header and no rows: this file adds nothing to the summary");
	bool cp1252 = false;
	for (size_t i = 0; t && i < t->schools.n; i++)
		cp1252 |= t->schools.v[i].file == (unsigned)fidx && t->schools.v[i].cp1252;
	if (cp1252)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "encoding",
			     "not UTF-8: school, LA and hub names read as Windows-1252");
	if (monitoring)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_NOTE, "monitoring",
			     "%llu pupils with SEN provision \"Monitoring\" counted as N: "
			     "monitoring is not SEN provision", (unsigned long long)monitoring);
	readers_free(rd, nr);
	if (rc == SK_OK && io_errno) {
		errno = io_errno;
		rc = SK_EIO;
	}
	return rc;
}

int sk_census_read_fd(sk_census *c, sk_census_layout *layout, int fd, const char *file,
		      const char *term, sk_diags *diags)
{
	struct stat st;
	source src = {.fd = fd};
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		/* From the current offset: a script may have read some of stdin. */
		off_t at = lseek(fd, 0, SEEK_CUR);
		src.seekable = true;
		src.size = (uint64_t)st.st_size;
		src.start = at > 0 && (uint64_t)at <= src.size ? (uint64_t)at : 0;
	}
	return read_source(c, layout, &src, file, term, diags);
}

int sk_census_read_buffer(sk_census *c, sk_census_layout *layout, const char *bytes,
			  size_t len, const char *file, const char *term, sk_diags *diags)
{
	source src = {.mem = bytes, .mem_len = len, .fd = -1, .seekable = true, .size = len};
	return read_source(c, layout, &src, file, term, diags);
}
