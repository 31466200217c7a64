/* sendkit/when.h: dates, school terms and the "when" of timescales, due
 * dates and review dates (sendkit-strategy(5)). Pure functions of their
 * arguments: nothing here reads the clock. */
#ifndef SENDKIT_WHEN_H
#define SENDKIT_WHEN_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A calendar date; {0,0,0} means none. */
typedef struct sk_date {
	int year;
	int month;   /* 1-12 */
	int day;     /* 1-31 */
} sk_date;

/* <0, 0, >0 as a is before, the same day as, or after b. */
SK_API int sk_date_cmp(sk_date a, sk_date b);
SK_API bool sk_date_valid(sk_date d);
SK_API bool sk_date_is_set(sk_date d);
/* Reads a strict ISO date YYYY-MM-DD. SK_OK or SK_EINVAL. */
SK_API int sk_date_parse(sk_date *out, const char *text);
/* Writes YYYY-MM-DD (buf of at least 11 bytes). */
SK_API void sk_date_format(char buf[11], sk_date d);
/* Days from a to b (negative when b is before a). */
SK_API long sk_date_diff_days(sk_date a, sk_date b);

/* The academic year starting in September of `start` runs to 31 July of
 * start+1. Reads "2023-2024", "2023-24", "2023/24", "2023/2024" (the second
 * year must follow the first). SK_OK or SK_EINVAL. */
SK_API int sk_academic_year_parse(int *out_start, const char *text);
/* The academic year (its start year) that a date falls in: September to
 * August. */
SK_API int sk_academic_year_of(sk_date d);

/* Terms 1-6 of the default calendar: T1 Sep-Oct, T2 Nov-Dec, T3 Jan-Feb,
 * T4 Mar-Apr, T5 May, T6 Jun-Jul (August counts as T6, the holiday after it). */
SK_API int sk_term_of(sk_date d);
/* First and last day of term `term` (1-6) of the academic year `start`. */
SK_API sk_date sk_term_start(int start, int term);
SK_API sk_date sk_term_end(int start, int term);

typedef enum sk_when_kind {
	SK_WHEN_NONE = 0,     /* free text: no date can be read from it */
	SK_WHEN_DATE,         /* a single due date: an ISO date, a month, a term, a season, a year */
	SK_WHEN_RANGE,        /* from `start` to `due` */
	SK_WHEN_RECURRING     /* termly, half-termly, annually, weekly, ongoing... */
} sk_when_kind;

typedef struct sk_when {
	sk_when_kind kind;
	sk_date start;        /* first day of the period named (a term's first day...) */
	sk_date due;          /* last day: when it is due */
	const char *recurring;  /* the recurring word, normalised ("half-termly"); static */
} sk_when;

/* Reads a "when" (sendkit-strategy(5)): an ISO date; a month and year
 * ("March 2024", "Mar 2024"); a term with a calendar year ("T6 2020",
 * "Spring 2 2024", "Term 3 2024", "Autumn 1 2023"); a season and year
 * ("Autumn 2023" = end of T2); a term alone ("T3", "Summer 1"), in the
 * academic year starting in `academic_year` (0 when unknown: then SK_EINVAL);
 * an academic year ("2020/2021", "2020-21": 31 July 2021); a range of any two
 * joined by "-", "to" or "until" ("T1-T3", "Sep 2023 - Mar 2024"), from the
 * first's start to the second's end, which may fall inside the first but not
 * before its start; a bare term on either side is one of `academic_year` (when
 * 0, a bare first term takes the second's: "T5-T6 2020"); a recurring word. Also a term or season with an academic year
 * ("T3 2023/24") and a season alone ("Summer term"). Any may follow "by",
 * "before", "end of", "by the end of" or "in" ("in T6 2020"); a range may
 * follow "from". Ignores case and surrounding space; en dashes read as "-".
 *
 * Returns SK_OK with out->kind set, or SK_EINVAL with out->kind =
 * SK_WHEN_NONE for free text, or SK_ERANGE for a form that names an
 * impossible date (2024-02-30, a range that ends before it starts). */
SK_API int sk_when_parse(sk_when *out, const char *text, int academic_year);
/* As sk_when_parse, for a "when" set on the day `from` (a review's action,
 * agreed at the review): a term or season written without a year ("T1",
 * "Autumn 1", "T1-T3") is the next one that ends on or after `from`, in the
 * academic year `from` falls in or else the one after, so nothing is due
 * before the day that set it. With no `from` (all zero), terms alone are
 * not read (SK_EINVAL), as by sk_when_parse with academic year 0. */
SK_API int sk_when_parse_from(sk_when *out, const char *text, sk_date from);

#ifdef __cplusplus
}
#endif
#endif
