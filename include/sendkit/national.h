/* sendkit/national.h: national SEN figures for England, one entry per
 * January school census: a built-in table, each entry dated and with its
 * source named, that a CSV file can replace or extend.
 *
 * Ownership: sk_national_new gives the caller an sk_national
 * (sk_national_free); entries and their strings are owned by it and
 * borrowed by callers until it is changed or freed. */
#ifndef SENDKIT_NATIONAL_H
#define SENDKIT_NATIONAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/codes.h"
#include "sendkit/common.h"
#include "sendkit/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
/* Counts are -1 and percentages (in tenths) -1 when not known. */
typedef struct sk_national_entry {
	int year;                   /* the January census of `year` (academic year year-1/year) */
	const char *source;         /* where the headline figures come from */
	int64_t pupils;
	int64_t sen_support, ehcp, sen;
	/* As published; used only when the counts cannot give them. */
	int64_t sen_support_pct, ehcp_pct, sen_pct;
	/* Pupils with SEN by primary need, in sk_need order; has_need false
	 * when no distribution is known for the year. */
	bool has_need;
	int64_t need[SK_NEED_COUNT];
	const char *need_source;
} sk_national_entry;
#endif /* SENDKIT_UNSTABLE_API */

typedef enum sk_measure {
	SK_MEASURE_SEN_SUPPORT = 0,
	SK_MEASURE_EHCP,
	SK_MEASURE_SEN,
	SK_MEASURE_COUNT
} sk_measure;

SK_API const char *sk_measure_key(sk_measure m);     /* "sen_support", "ehcp", "sen" */
SK_API const char *sk_measure_label(sk_measure m);   /* "SEN support", "EHC plan", "All SEN" */

typedef struct sk_national sk_national;

/* A table holding the built-in entries (January 2022 to 2025). NULL when out of memory. */
SK_API sk_national *sk_national_new(void);
SK_API void sk_national_free(sk_national *national);

/* Reads a CSV (as sendkit-census(5) says of other CSV files: UTF-16
 * refused) with a header row naming its columns, in any order:
 *   year (required), source, pupils, sen_support, ehcp, sen,
 *   sen_support_pct, ehcp_pct, sen_pct, need_spld ... need_nsa
 * An empty cell is not known. Each row adds an entry for its year, or is
 * merged into the one there: its headline figures (pupils, counts,
 * percentages), if it gives any, replace the entry's whole (one source, so
 * that they add up), and its need counts replace the entry's need by need
 * (one it leaves out keeps the entry's, or is not known: -1); a row without
 * a source is "the national figures file"; nothing changes unless the whole
 * file can be read. Rules:
 *   national-header    no year column (SK_EINVAL)
 *   national-row       a row of the wrong width
 *   national-number    a cell that is not a whole number, or a percentage
 *                      with more than one decimal
 *   national-year      a year outside 1990-2100, or given twice
 *   national-counts    a part larger than the pupils, or sen that is not
 *                      sen_support plus ehcp
 *   national-mismatch  a published percentage the counts do not give (warning)
 *   national-partial   a row leaves a share of its year's entry not known
 *                      (warning)
 *   unknown-column     a column not listed above (warning)
 *   csv-syntax
 * Rows with errors are skipped. Returns SK_OK, SK_EINVAL or SK_ENOMEM. */
SK_API int sk_national_read(sk_national *national, const char *bytes, size_t len,
			    const char *file, sk_diags *diags);

SK_API size_t sk_national_count(const sk_national *national);
#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
/* Entries are kept in year order. */
SK_API const sk_national_entry *sk_national_at(const sk_national *national, size_t index);
/* The entry for January `year`, or NULL. */
SK_API const sk_national_entry *sk_national_find(const sk_national *national, int year);
/* The entry to compare January `year` with: its own; when the table has none,
 * the latest earlier one, or failing that the earliest. With `with_need`
 * only entries that have a need distribution are considered. NULL when none. */
SK_API const sk_national_entry *sk_national_pick(const sk_national *national, int year,
						 bool with_need);
/* The entry a page compares January `year` with (nutshell(1), Which year).
 * Headline figures (`need` false): January `year`'s own, never another
 * year's; NULL when the table has none. The distribution of need (`need`
 * true): the entry of January `year` with one, or the latest earlier one;
 * NULL when none. `year` 0 (not known): the latest entry (with a
 * distribution when `need`), and the page must say so. */
SK_API const sk_national_entry *sk_national_for(const sk_national *national, int year,
						bool need);

/* The entry's count for a measure (-1 when not known). */
SK_API int64_t sk_national_entry_count(const sk_national_entry *entry, sk_measure m);
/* Its percentage of pupils in tenths: from the counts when they are known,
 * otherwise as published; -1 when not known. */
SK_API int64_t sk_national_entry_pct(const sk_national_entry *entry, sk_measure m);
#endif /* SENDKIT_UNSTABLE_API */

#ifdef __cplusplus
}
#endif
#endif
