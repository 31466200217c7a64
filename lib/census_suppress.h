/* census_suppress.h (private): statistical disclosure control of a table of
 * counts against a reader who does arithmetic across its cells.
 *
 * The table is given as cells (a count, shown, suppressed or never published)
 * and the linear relations a reader knows between them: a total is the sum of
 * its parts, a count is at most another (on_roll). A suppressed cell is known
 * to be at least 1, a cell never published at least 0, and each group of
 * suppressed cells that relations link to have a small count (1 to
 * threshold - 1) among them or among the groups of schools they link to
 * (complements are hidden only around those). The audit solves, by linear
 * programming (lp_solve), the least and greatest value of each small
 * suppressed cell, and of each small group a reader can name (SK_SDC_GROUP),
 * over everything consistent with that; sk_sdc__protect adds complementary
 * suppressions until each is protected (SK_SDC_MIN_VALUES).
 *
 * Ownership: sk_sdc__new gives the caller an sk_sdc (sk_sdc__free). */
#ifndef SENDKIT_CENSUS_SUPPRESS_H
#define SENDKIT_CENSUS_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A small suppressed cell is protected when the interval a reader can work
 * out for it holds at least this many whole numbers. */
#define SK_SDC_MIN_VALUES 3

typedef enum sk_sdc_state {
	SK_SDC_SHOWN = 0,
	SK_SDC_SUPPRESSED,     /* published as "c": at least 1 */
	SK_SDC_HIDDEN,         /* not published at all (a group no row shows): at least 0 */
	SK_SDC_GROUP           /* not published, but a group of schools a reader can name
				* (a difference of two rows): at least 0, its small
				* count protected like a suppressed one */
} sk_sdc_state;

typedef struct sk_sdc sk_sdc;

/* Counts from 1 to threshold - 1 are small; threshold is at least
 * SK_SDC_MIN_VALUES + 1, or no small count could be protected. NULL when out
 * of memory. */
sk_sdc *sk_sdc__new(unsigned threshold);
void sk_sdc__free(sk_sdc *s);

/* Adds a cell of `row`; `order` places it in the public order complements
 * are taken in (never a value). Its index, or SIZE_MAX when out of memory. */
size_t sk_sdc__cell(sk_sdc *s, int64_t value, sk_sdc_state state, uint64_t order,
		    size_t row);

/* total = parts[0] + ... ; cell <= bound. SK_OK or SK_ENOMEM. */
int sk_sdc__sum(sk_sdc *s, size_t total, const size_t *parts, size_t nparts);
int sk_sdc__at_most(sk_sdc *s, size_t cell, size_t bound);
/* sk_sdc__sum when total and every part are cells of the audit (SIZE_MAX:
 * a count the table does not hold); SK_OK with nothing added otherwise. */
int sk_sdc__sum_known(sk_sdc *s, size_t total, const size_t *parts, size_t nparts);
/* What a reader knows within one row of counts: sen = sen_support + ehcp,
 * each broad area the sum of its needs (need[SK_NEED_COUNT], indexed by
 * sk_need), sen the sum of the areas (area[SK_BROAD_COUNT]). */
int sk_sdc__need_relations(sk_sdc *s, size_t sen, size_t sen_support, size_t ehcp,
			   const size_t *need, const size_t *area);

sk_sdc_state sk_sdc__state(const sk_sdc *s, size_t cell);

/* The least and greatest value of one cell over the tables the reader
 * believes (consistent with the shown cells and the relations, with a small
 * "c" or group in each linked group of "c"), as the audit works them out:
 * never wider than the reader's (hi is INFINITY when unbounded); a shown
 * cell's are its value. SK_OK, SK_ENOMEM, or SK_EINVAL when the solver
 * failed. */
int sk_sdc__interval(sk_sdc *s, size_t cell, double *lo, double *hi);

/* Counts the small suppressed cells that are not protected. SK_OK, SK_ENOMEM
 * or SK_EINVAL (the solver failed). */
int sk_sdc__audit(sk_sdc *s, size_t *unsafe);

/* Adds complementary suppressions until the audit passes: in a relation that
 * bounds an unprotected cell, the shown non-zero cell first in the public
 * order; when no relation offers one, every non-zero cell of its row. SK_OK,
 * SK_ENOMEM, or SK_EINVAL (the solver failed, or nothing is left to hide). */
int sk_sdc__protect(sk_sdc *s);

/* Whether the whole row had to be suppressed (sk_sdc__protect's last resort). */
bool sk_sdc__row_whole(const sk_sdc *s, size_t row);

#endif
