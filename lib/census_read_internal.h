/* census_read_internal.h: what the census reader's parts share: the
 * scanner and threads (census_read.c), the header (census_header.c) and the
 * row rules (census_rows.c). A creader is one thread's, a cfile is the
 * header's (read-only once the threads start). */
#ifndef SENDKIT_CENSUS_READ_INTERNAL_H
#define SENDKIT_CENSUS_READ_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "census_internal.h"
#include "census_source_internal.h"
#include "sendkit/diag.h"

/* A file read by threads is cut into ranges of 1 to 8 MiB, about 32 a
 * thread, which each thread takes in turn: a slow or busy core reads fewer. */
#define MIN_RANGE (1u << 20)
#define MAX_RANGE (8u << 20)
#define RANGES_PER_THREAD 32
#define MAX_COLS 4096              /* columns in a header, at most */
#define NONE_IDX ((size_t)-1)
#define FAST_MAX_COLS 64           /* the scanner's fast path: rows of at most so many fields */

/* What a column is used for. */
enum {
	R_NONE = 0, R_URN, R_LAESTAB, R_SCHOOL, R_LA, R_HUB,
	R_PROV, R_NEED1, R_NEED2,
	R_ONROLL, R_SUPPORT, R_EHCP, R_TOTALSEN,
	R_UPN, R_DOB, R_YEAR,              /* read only for a pupil row's shape */
	R_EHC_NEED,                        /* + sk_need, SPLD..NSA */
	R_SUP_NEED = R_EHC_NEED + SK_NEED_UNKNOWN,
	R_COUNT = R_SUP_NEED + SK_NEED_UNKNOWN,
	R_SINK = R_COUNT            /* the scanner's slot for a column not used: never read */
};
_Static_assert(R_SINK <= MAX_COLS, "the sink is one of a row's MAX_COLS + 1 slots");

/* Diagnostics found while reading rows, kept per thread until merged. */
enum {
	D_UNKNOWN_PROVISION, D_UNKNOWN_NEED, D_MISSING_NEED, D_NSA_WITH_EHC,
	D_NEED_WITHOUT_SEN, D_LEGACY_CODE, D_TOTALS_MISMATCH, D_BAD_COUNT,
	D_RAGGED_ROW, D_UNTERMINATED_QUOTE, D_MISSING_SCHOOL, D_DUPLICATE_SCHOOL,
	D_NUL_BYTE, D_BAD_KEY, D_ROW_SHAPE, D_QUOTE_TEXT, D_DUP_PUPIL, D_DUP_DIFFERS, D_COUNT
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

/* The last row's bytes of a name column (name, LA, hub) and their hash:
 * a school's rows come together and give the same bytes, hashed once. */
#define NAME_MEMO_LEN 120
typedef struct name_memo {
	char bytes[NAME_MEMO_LEN];
	uint32_t len;           /* 0: nothing kept (an empty field is never looked up) */
	bool quoted;
	bool nonempty;          /* text_hash's answer */
	uint32_t hash;
} name_memo;

/* The name, LA and hub fields of the last row whose names settled nothing
 * (each absent, empty, in conflict or confirmed): the school's next row with
 * the same bytes at the same places would settle nothing either. */
#define NAMES_WINDOW_LEN 192
typedef struct names_window {
	size_t school;          /* NONE_IDX: none kept */
	int first, last;        /* the roles of its first and last fields */
	int32_t off[3];         /* each field's start from the window's, -1 when absent */
	uint32_t len[3];
	bool quoted[3];
	bool plain;             /* kept from a plain row (creader.plain) */
	uint32_t n;
	char bytes[NAMES_WINDOW_LEN];
} names_window;

typedef struct cdiag {
	unsigned char rule;
	unsigned char differs;  /* D_DUP_*: DUP_PROV, DUP_NEED (the message is made when shown) */
	bool ref_abs;           /* ref is a line of the file, not of the reader */
	unsigned line, col;     /* line relative to the reader's start */
	unsigned ref;           /* D_DUP_*: the line of the pupil's first row */
	char msg[200];
} cdiag;

/* What a pupil row counts: kept by UPN to compare with a later row of the
 * same pupil and, where a school's rows are cut between two readers, to take
 * back at the join. */
typedef struct pupil_entry {
	char upn[13];           /* exact: the UPN's 13 characters, letters in upper case */
	int8_t prov;            /* SK_PROV_*, or -1 when unknown (on roll only) */
	int8_t need;            /* the need counted, or -1 */
	bool monitoring;        /* "Monitoring", read as N */
	uint32_t prov_raw;      /* a hash of the provision cell when it is not a code, else 0 */
	uint32_t need_raw;      /* a hash of the primary need cell when it is not a code, else 0 */
	uint32_t line;          /* where the row starts */
	uint32_t at_line, col;  /* its UPN (a reader's head only) */
	uint32_t slot;          /* its place in the run's index */
} pupil_entry;

enum { DUP_PROV = 1, DUP_NEED = 2 };

/* The pupils of one school's contiguous run of rows, by UPN: memory bounded
 * by the largest school, not by the file. */
typedef struct pupil_run {
	size_t school;          /* the school's index in the reader's schools, or NONE_IDX */
	pupil_entry *v;           /* the first row of each UPN (a head: every row, in order) */
	size_t n, cap;
	uint32_t *slots;        /* v's index + 1 by UPN; 0 is empty */
	size_t nslots;
} pupil_run;

typedef sk_census__field span;

/* What the header said, shared (read-only) by the threads. */
typedef struct cfile {
	const char *name;
	char sep;
	bool cr_only;           /* old Mac line ends: every CR is read as a newline */
	sk_census_layout layout;
	uint16_t role[MAX_COLS];
	uint16_t slot[MAX_COLS];    /* the scanner's: the role, or R_SINK when none */
	/* The scanner's fast path (sk_census__fast_plan): rows of exactly
	 * fast_cols fields without a quote; the fast_n columns it stores. */
	unsigned fast_cols;         /* 0: none */
	unsigned fast_n;
	uint8_t fast_col[FAST_MAX_COLS];
	uint16_t fast_slot[FAST_MAX_COLS];
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

/* The reader of one range, over [start, end of file), stopping when a row
 * ends at stop_at; each on cache lines of its own: counts written every
 * row beside another thread's hot fields cost a third of the speed. Its
 * buffer and spans are its thread's, reused from range to range. */
#define CACHE_LINE 64

typedef struct creader {
	_Alignas(CACHE_LINE) const cfile *f;
	int index;
	atomic_uint *first_invalid;   /* the first range whose start was wrong */
	uint64_t stop_at;
	bool overshot;                /* read on past stop_at */

	sk_source_buf in;
	const char *open_q;           /* the quote a row that did not end opens */
	const char *open_bad;         /* or where its field is malformed (text after its close) */
	bool open_never;              /* and that quote is known never to close */
	uint64_t unclosed_at;         /* a quote read to the end and never closed, or UINT64_MAX */

	unsigned line;                /* lines before the current row, from the start */
	uint64_t rows;                /* rows read, good or bad */
	unsigned qnl;                 /* newlines inside quotes in the current row */
	bool plain;                   /* the row's spans are as the fast path cut them: no
					 quote in the row, each field its bytes between
					 separators */
	unsigned nf;
	size_t nonempty, extra;
	span *sp;                     /* MAX_COLS + 1: by role; by column + 1 for the header;
					 a role without a column: empty (never written once
					 the header is read), as an empty field */

	sk_cgroups schools;
	char *key;                    /* the key of a row's school */
	size_t key_cap;
	size_t last_i;                /* the school of the last row */
	char last_key[64];
	size_t last_len;
	char *scratch;
	size_t scratch_cap;
	label_memo memo[V_COUNT];     /* labels read the slow way, by column */
	name_memo names[3];           /* the last row's name, LA and hub */
	names_window settled;

	cdiag *diags;
	size_t ndiags, cap_diags;
	uint64_t count[D_COUNT];
	vset unknown[V_COUNT];        /* values that are not codes, by column */
	uint64_t monitoring;          /* pupils whose provision is "Monitoring", read as N */
	pupil_run run;                /* the run of rows of the last row's school */
	pupil_run head;               /* a reader after the first: its first run, whose rows
					 may repeat the run the reader before it ends with,
					 judged at the join (census_pupils.c) */
	bool in_head;                 /* the run is still the head */
	bool nomem;
	bool lost_tail;                /* a pipe's rows after an unclosed quote were not read */
} creader;

static inline bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline void trim(const char **sp, size_t *lenp)
{
	/* In locals: a char read may alias *sp and *lenp, which would then be
	 * read again at every step (three times a row on the hot path). */
	const char *s = *sp;
	size_t len = *lenp;
	while (len && is_blank(*s)) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	*sp = s;
	*lenp = len;
}

/* ---- the row rules (census_rows.c) ---- */

/* The one way a row's problem is told: counted by rule, kept with its
 * message while the rule is under the file's limit. row: where the row
 * starts (NULL: at the reader's line); at: the place in it (NULL: column 1). */
void sk_census__report(creader *r, int rule, const char *row, const char *at,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Counts a scanned row (r->sp, r->nf) into r's schools, or reports it. */
void sk_census__row(creader *r, const char *row);
/* The same for a row known to have fields and the header's number of them
 * (the scanner's fast path). */
void sk_census__whole_row(creader *r, const char *row);
/* A code of 1 to 4 letters packed in 32 bits (upper case), or 0. */
uint32_t sk_census__pack_code(const char *s, size_t len);
/* Moves one reader's diagnostics into diags, lines shifted by line_base;
 * shown_n[rule] counts what was shown per rule. */
void sk_census__flush_diags(creader *r, unsigned line_base, const char *file,
			    unsigned limit, uint64_t *shown_n, sk_diags *diags);
/* The closing count of each rule's diagnostics not shown. */
void sk_census__report_rest(const uint64_t *total, const uint64_t *shown_n, const char *file,
			    sk_diags *diags);
/* Adds hash h to set; false when out of memory. */
bool sk_census__vset_put(vset *set, uint64_t h);
/* How many distinct values that are not codes each column had: said once,
 * never the values. SK_OK or SK_ENOMEM. */
int sk_census__report_unknown(const creader *rd, unsigned n, const cfile *f, sk_diags *diags);

/* Where `at` is in the row that starts at `row` (NULL: the reader's line,
 * column 1), its line relative to the reader's start. */
void sk_census__pos_of(const creader *r, const char *row, const char *at, unsigned *line,
		       unsigned *col);
/* The slot for a row's problem (counted; NULL when over the limit or out
 * of memory): what sk_census__report fills. */
cdiag *sk_census__report_slot(creader *r, int rule, const char *row, const char *at);

/* ---- pupils given twice (census_pupils.c) ---- */

/* Whether the pupil row being read (its school s, what it counts p, at line
 * p->line) repeats a UPN of its school's run of rows: then reported, and not
 * to be counted. */
bool sk_census__pupil_again(creader *r, sk_cgroup *s, const char *row, const pupil_entry *p);
/* The pupils' run a join carries from one reader to the next. */
typedef struct pupil_carry {
	char *key;              /* the run's school, by key */
	size_t len, cap;
	pupil_run run;          /* lines of the file */
} pupil_carry;
/* Joins reader r (read after those the carry comes from; its lines start
 * after line base) to the run carried to it: its head's rows that repeat a
 * UPN of the run are taken back and reported; the carry becomes r's last
 * run. SK_OK or SK_ENOMEM. */
int sk_census__join_pupils(pupil_carry *c, creader *r, unsigned base);
void sk_census__carry_free(pupil_carry *c);
void sk_census__run_free(pupil_run *run);
/* The message of a pupil given twice, as shown (first: its first row's line). */
void sk_census__dup_message(char *out, size_t cap, unsigned first, unsigned differs);

/* ---- the scanner (census_read.c) ---- */

enum { SCAN_MORE, SCAN_STOP, SCAN_HEADER };

/* Sets f's fast path for rows of `cols` fields (none when 0 or more than
 * FAST_MAX_COLS), storing the columns whose slot is not R_SINK. */
void sk_census__fast_plan(cfile *f, unsigned cols);
/* Scans the complete rows from *pp on, each field into r->sp[slot[column]]
 * (with `header`, only the first, left in r->sp by column + 1); see
 * census_read.c. */
int sk_census__scan_rows(creader *r, const char **pp, const uint16_t *slot, unsigned ncols,
			 bool header);
/* The first line end (LF or CR) in [p, end), or NULL. */
const char *sk_census__line_end(const char *p, const char *end);
/* Past the line end at e: a CRLF is one. */
const char *sk_census__past_line_end(const char *e, const char *end);

/* ---- the header (census_header.c) ---- */

/* Finds and reads the header: a byte order mark, a `sep=` line, blank
 * lines, then the first row, into f; leaves *p after it. SK_OK, SK_EIO, or
 * SK_EINVAL (reported: not a census file). */
int sk_census__read_header(creader *r, cfile *f, const char **p, const char *file,
			   sk_diags *diags);

#endif
