/* sendkit/profile.h: the figures of a SEND profile, worked out once for
 * every tool that shows them (nutshell, a hub or trust dashboard): the
 * percentages of a set of counts, their difference from another set (the
 * nation, a hub, an LA, the trust, the previous term), the shares of each
 * need, the check for counts that cannot be, a strategy's budgets and its
 * next review dates.
 *
 * A set of counts (sk_counts) is one school's, hub's, LA's, trust's or the
 * nation's for one term; it is filled from a census summary row, a
 * strategy's summary or a national entry, or by the caller.
 *
 * Ownership: sk_counts and the values are plain data the caller owns;
 * sk_profile_reviews gives the caller a list (sk_profile_reviews_free)
 * whose strings are borrowed from the strategy. */
#ifndef SENDKIT_PROFILE_H
#define SENDKIT_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/codes.h"
#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/national.h"
#include "sendkit/strategy.h"
#include "sendkit/summary.h"
#include "sendkit/when.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A number that may be missing: a count, pence, or a percentage in tenths. */
typedef enum sk_value_state {
	SK_VALUE_KNOWN = 0,
	SK_VALUE_MISSING,
	SK_VALUE_SUPPRESSED,    /* "c" in a census summary meant for publication */
	SK_VALUE_TOO_LARGE      /* a sum beyond 64 bits: a slip in one of the amounts */
} sk_value_state;

typedef struct sk_value {
	sk_value_state state;
	int64_t value;          /* 0 unless known */
} sk_value;

/* a + b: suppressed when a part is, else missing when a part is, else too
 * large when the sum overflows. */
SK_API sk_value sk_profile_add(sk_value a, sk_value b);
/* a - b, missing unless both are known and the difference fits. */
SK_API sk_value sk_profile_sub(sk_value a, sk_value b);

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
/* One school's, hub's, LA's, trust's or the nation's counts for one term.
 * Counts are kept as given (a negative one is reported by
 * sk_profile_check and treated as missing everywhere else). */
typedef struct sk_counts {
	sk_value on_roll;
	/* sk_measure order; count[SK_MEASURE_SEN] missing means "not given":
	 * SEN support plus EHC plans (a suppressed one stays suppressed). */
	sk_value count[SK_MEASURE_COUNT];
	/* Percentages as published, used only when the counts cannot give them
	 * (a suppressed count may come with its percentage). */
	sk_value pct[SK_MEASURE_COUNT];
	bool has_need;                    /* the profile of need says something */
	sk_value need_total;              /* the denominator of the shares */
	sk_value broad[SK_BROAD_COUNT];   /* sk_broad_area order */
	sk_value need[SK_NEED_COUNT];     /* sk_need order */
} sk_counts;

/* From a census summary row (any level: school, hub, la or all). The
 * shares' denominator is the row's pupils with SEN, or the sum of its need
 * columns when that is not given and every one is known. */
SK_API void sk_profile_counts_from_row(sk_counts *out, const sk_summary_row *row);
/* From a strategy's `summary:` (no profile of need). */
SK_API void sk_profile_counts_from_strategy(sk_counts *out, const sk_strategy *strategy);
/* From a national entry; the shares' denominator is the sum of its needs.
 * A NULL entry gives a set with every value missing. */
SK_API void sk_profile_counts_from_national(sk_counts *out, const sk_national_entry *entry);

/* The count of a measure as shown: missing when negative; for all SEN not
 * given, SEN support plus EHC plans. */
SK_API sk_value sk_profile_count(const sk_counts *counts, sk_measure m);
/* Whether the measure's count is more than the pupils on roll (compared
 * without adding, so huge parts cannot overflow). */
SK_API bool sk_profile_over_roll(const sk_counts *counts, sk_measure m);
/* The measure as a percentage of the pupils on roll, in tenths: from the
 * counts, else as published; missing when over the roll. */
SK_API sk_value sk_profile_pct(const sk_counts *counts, sk_measure m);
/* a's percentage less b's, in tenths of a point, from the fractions rather
 * than the rounded percentages (sk_pct_diff_tenths); missing when either is
 * not known or over the roll. */
SK_API sk_value sk_profile_pct_diff(const sk_counts *a, const sk_counts *b, sk_measure m);
/* A primary need's or a broad area's share of the pupils with SEN, in tenths. */
SK_API sk_value sk_profile_need_share(const sk_counts *counts, sk_need need);
SK_API sk_value sk_profile_broad_share(const sk_counts *counts, sk_broad_area area);

/* Where each count of a set was read, for sk_profile_check's messages: a
 * structure the caller fills, unstable with the one function that takes it. */
typedef struct sk_profile_where {
	const char *file;
	sk_pos on_roll;
	sk_pos count[SK_MEASURE_COUNT];
} sk_profile_where;

/* Counts that cannot be, as errors under rule "impossible-count": a
 * negative count; SEN support, EHC plans or all SEN more than the pupils on
 * roll; SEN support and EHC plans together more than them (at the roll's
 * position), or, all three given, not all SEN; a profile of need counting
 * more pupils than its denominator (whose shares sk_profile_need_share and
 * sk_profile_broad_share then leave missing). The one check action-lint and
 * nutshell make. SK_OK or SK_ENOMEM. */
SK_API int sk_profile_check(const sk_counts *counts, const sk_profile_where *where,
			    sk_diags *diags);

/* Withholds, as census-summary --suppress `threshold` would in a row of its
 * own (census-summary(1), DISCLOSURE CONTROL), the counts from 1 to
 * threshold - 1 and the others a reader could work one of them out from (all
 * SEN = SEN support + EHC plans = the broad areas, an area = its needs, each
 * at most the pupils on roll): each becomes SK_VALUE_SUPPRESSED, and its
 * percentage too; all SEN given as the sum of the parts is set when it must
 * go. For counts no census summary has suppressed (a strategy's own). SK_OK,
 * SK_ENOMEM, or SK_EINVAL when `threshold` is below SK_CENSUS_SUPPRESS_MIN or
 * the audit failed. */
SK_API int sk_profile_suppress(sk_counts *counts, unsigned threshold);
#endif /* SENDKIT_UNSTABLE_API */

/* An area's budget in pence: its `budget:`, or with none and some actions,
 * the sum of their costs (*out_from_costs true); missing when an amount is
 * not valid or the area has neither, too large when the sum overflows. */
SK_API sk_value sk_profile_area_budget(bool *out_from_costs, const sk_strategy_area *area);
/* The sum of the areas' budgets. */
SK_API sk_value sk_profile_total_budget(const sk_strategy *strategy);

/* A review due: the SEND review (send_review true; area is then
 * meaningless) or an action's (area is the area the action is in). */
typedef struct sk_profile_due {
	sk_date date;
	bool send_review;
	sk_area area;
	const char *action;     /* the action's text, NULL when none; borrowed */
} sk_profile_due;

/* The reviews due on or after `as_of` (the SEND review's date, then each
 * action's review date), in date order, ties in file order. The list is
 * the caller's (sk_profile_reviews_free). SK_OK or SK_ENOMEM. */
SK_API int sk_profile_reviews(sk_profile_due **out, size_t *out_count,
			      const sk_strategy *strategy, sk_date as_of);
SK_API void sk_profile_reviews_free(sk_profile_due *list);

#ifdef __cplusplus
}
#endif
#endif
