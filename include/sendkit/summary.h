/* sendkit/summary.h: the census summary CSV (sendkit-census(5)), as
 * census-summary writes it and nutshell reads it.
 *
 * Ownership: sk_summary_load gives the caller an sk_summary (sk_summary_free);
 * rows and their strings are owned by it and borrowed by callers. */
#ifndef SENDKIT_SUMMARY_H
#define SENDKIT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/codes.h"
#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/when.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sk_summary sk_summary;

/* A cell of the summary: a number, or why there is none. */
typedef enum sk_cell_state {
	SK_CELL_KNOWN = 0,
	SK_CELL_EMPTY,          /* empty: unknown (or no percentage of 0 on roll) */
	SK_CELL_SUPPRESSED      /* "c": a small count withheld for publication */
} sk_cell_state;

typedef struct sk_cell {
	sk_cell_state state;
	int64_t value;          /* a count, or a percentage in tenths; 0 unless known */
} sk_cell;

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
typedef struct sk_summary_row {
	unsigned line;          /* 1-based line of the row in the file */
	const char *term;       /* strings are "" when the cell is empty */
	const char *level;      /* school, hub, la or all */
	const char *key;        /* URN, hub or LA name, or "all" */
	const char *name;
	const char *la;
	const char *hub;
	sk_cell schools, on_roll;
	sk_cell sen_support, sen_support_pct;
	sk_cell ehcp, ehcp_pct;
	sk_cell sen, sen_pct;
	sk_cell broad[SK_BROAD_COUNT];   /* sk_broad_area order */
	sk_cell need[SK_NEED_COUNT];     /* sk_need order, need_unknown last */
} sk_summary_row;
#endif /* SENDKIT_UNSTABLE_API */

/* Reads a whole census summary CSV, as sendkit-census(5) says of other CSV
 * files (UTF-16 refused).
 * Columns are found by name in the header, so their order does not matter
 * and extra columns are ignored. Rules:
 *   summary-header   a required column is missing (error: SK_EINVAL, *out NULL)
 *   summary-number   a count or percentage that is neither a number, empty nor
 *                    "c" (error; the cell is kept as empty)
 *   summary-row      a row with the wrong number of fields (error; skipped)
 *   csv-syntax       what libcsv cannot parse (error: SK_EINVAL)
 * Returns SK_OK (look at the diagnostics), SK_EINVAL or SK_ENOMEM. */
SK_API int sk_summary_load(sk_summary **out, const char *bytes, size_t len,
			   const char *file, sk_diags *diags);
SK_API void sk_summary_free(sk_summary *summary);

SK_API size_t sk_summary_row_count(const sk_summary *summary);
#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
SK_API const sk_summary_row *sk_summary_row_at(const sk_summary *summary, size_t index);

/* A term of a summary: its label (borrowed) and, when the label names one,
 * the date it ends on. */
typedef struct sk_summary_term {
	const char *label;
	bool dated;
	sk_date date;
} sk_summary_term;

/* The terms of the summary, oldest first, ordered as sk_summary_find_school
 * orders them: the undated ones first, set aside in file order, then the
 * dated ones by date (all in file order when none is dated; rows of change
 * "A..B" are not terms), at most `max` (the first in the file). Returns how
 * many were written. */
SK_API size_t sk_summary_terms(sk_summary_term *out, size_t max, const sk_summary *summary);

/* The school-level rows for `urn`: the latest term in *out_latest and the
 * term before it in *out_previous (either NULL when there is none). Terms
 * that name a date ("spring-2024", "Autumn 2023", "2024-01-18") are ordered
 * by it, and a term naming none is set aside (sk_summary_find_undated finds
 * it); only when no term names a date are they taken in the order in which
 * they first appear in the file. Rows of change between terms (term "A..B",
 * as census-summary writes them) are not terms. */
SK_API void sk_summary_find_school(const sk_summary_row **out_latest,
				   const sk_summary_row **out_previous,
				   const sk_summary *summary, const char *urn);

/* The last school-level row for `urn`, in file order, whose term names no
 * date, or NULL: what sk_summary_find_school sets aside when a term is dated. */
SK_API const sk_summary_row *sk_summary_find_undated(const sk_summary *summary,
						     const char *urn);

/* As sk_summary_find_school, but of the terms that name a date on or before
 * `until` only (a term naming none is left out); both NULL when until is not
 * a valid date. nutshell picks the census of a strategy's own year with it. */
SK_API void sk_summary_find_school_until(const sk_summary_row **out_latest,
					 const sk_summary_row **out_previous,
					 const sk_summary *summary, const char *urn,
					 sk_date until);

/* The date a term's label names: "spring-2024", "Spring 2024",
 * "spring-2024.csv", "Spring-24", "spr-2024", "2023-24 spring" and "2024
 * spring" the end of Spring 2024, "2024-01-18" that day. Returns false when
 * it names none ("first", "census-2024", "2023/24 T2"), names two terms
 * ("Autumn 2023 to Spring 2024"), is ambiguous ("census-sum-2024", "Spring
 * 2024 vs 2025"), or a year outside 1990-2100 ("Spring 2425"). */
SK_API bool sk_summary_term_date(sk_date *out, const char *term);
/* A label that names a season and its year, however written ("spring-2024",
 * "Spr-24", "2023-24 spring"), as a person writes it ("Spring 2024": the
 * term's calendar year) into out; false for any other label (a day such as
 * "2024-01-18", or one that names no date), out then untouched. */
SK_API bool sk_summary_term_name(char *out, size_t size, const char *term);

/* The first row, in file order, of `term` at `level` ("school", "hub",
 * "la" or "all") whose key is `key` (a URN, a hub or LA name, "all"), or
 * NULL. Both lookups take the rows of that key alone, not every row. */
SK_API const sk_summary_row *sk_summary_find(const sk_summary *summary, const char *term,
					     const char *level, const char *key);

/* The next row, in file order, after `row` (one of the summary's) of its
 * term, level and key, or NULL: a URN with two school rows in a term. */
SK_API const sk_summary_row *sk_summary_find_next(const sk_summary *summary,
						  const sk_summary_row *row);

/* The first row, in file order, of `level` and `key` in a term other than
 * `term` (rows of change "A..B" left out), or NULL: where a hub's or LA's
 * figures are when the school's term has none. */
SK_API const sk_summary_row *sk_summary_find_other_term(const sk_summary *summary,
							const char *term, const char *level,
							const char *key);
#endif /* SENDKIT_UNSTABLE_API */

#ifdef __cplusplus
}
#endif
#endif
