/* sendkit/census.h: reading school census CSV files
 * (sendkit-census(5)) and summarising them per school, hub, local authority
 * and in all (census-summary(1)).
 *
 * A census is read as a stream: what it keeps grows with the number of
 * schools, never with the number of pupils, and a regular file is read by
 * several threads at once (sk_census_set_threads).
 *
 * Ownership: sk_census_new gives the caller an sk_census (sk_census_free);
 * it copies what it keeps (school, LA and hub names, never anything a pupil
 * is identified by). sk_census_summarise gives the caller an sk_table. */
#ifndef SENDKIT_CENSUS_H
#define SENDKIT_CENSUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sendkit/codes.h"
#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The levels of the summary, in its row order. */
typedef enum sk_census_level {
	SK_CENSUS_SCHOOL = 0,
	SK_CENSUS_HUB,
	SK_CENSUS_LA,
	SK_CENSUS_ALL,
	SK_CENSUS_LEVEL_COUNT
} sk_census_level;

/* Bit masks of levels for sk_census_summarise. */
#define SK_CENSUS_BY(level) (1u << (level))
#define SK_CENSUS_BY_DEFAULT (SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_ALL))

/* What a file's header says it is. */
typedef enum sk_census_layout {
	SK_CENSUS_LAYOUT_UNKNOWN = 0,
	SK_CENSUS_PUPIL_LEVEL,     /* one row per pupil */
	SK_CENSUS_SCHOOL_LEVEL     /* one row per school, DfE's layout */
} sk_census_layout;

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
/* Which counts of an sk_census_counts are known (a school-level file may
 * have no SEN support column, or no need columns). */
enum {
	SK_CENSUS_KNOWS_ON_ROLL = 1u << 0,
	SK_CENSUS_KNOWS_SEN_SUPPORT = 1u << 1,
	SK_CENSUS_KNOWS_EHCP = 1u << 2,
	SK_CENSUS_KNOWS_NEEDS = 1u << 3
};

/* The counts of one group: `need` counts pupils with SEN (K or E) by primary
 * need, so the needs add up to sen_support + ehcp. */
typedef struct sk_census_counts {
	uint64_t schools;
	int64_t on_roll;
	int64_t sen_support;
	int64_t ehcp;
	int64_t need[SK_NEED_COUNT];
	unsigned knows;            /* SK_CENSUS_KNOWS_* */
} sk_census_counts;
#endif /* SENDKIT_UNSTABLE_API */

typedef struct sk_census sk_census;

SK_API sk_census *sk_census_new(void);
SK_API void sk_census_free(sk_census *census);

/* Threads used to read a regular file (default 1; at most 16). Small files
 * and pipes are always read by one. */
SK_API void sk_census_set_threads(sk_census *census, unsigned threads);

/* At most this many diagnostics of each rule per file (default 10; 0 means
 * no limit); the rest are counted in one closing diagnostic. */
SK_API void sk_census_set_report_limit(sk_census *census, unsigned limit);

/* A trust's own labels (sk_codes_read), read after the built-in forms for
 * every provision and need of the files read from now on. Borrowed: it must
 * outlive those reads. NULL: the built-in forms only. */
SK_API void sk_census_set_codes(sk_census *census, const sk_codes *codes);

/* Reads one census file from `fd` (a regular file is read with pread() from
 * its offset, which is then moved to its end as a filter's would be, and may
 * be split between threads; anything else is streamed with read()) and
 * adds it to the term labelled `term`: files given the same label are added
 * together. `file` is the display name for diagnostics.
 *
 * Rules (sendkit-census(5)): errors unknown-provision, unknown-need,
 * missing-need, totals-mismatch, bad-count, ragged-row, unterminated-quote,
 * missing-column, encoding (UTF-16), not-census; warnings legacy-code,
 * nsa-with-ehc, need-without-sen, duplicate-school, duplicate-column; notes
 * encoding, separator, school-key, monitoring.
 *
 * Returns SK_OK when the file was read (its data problems are in `diags`),
 * SK_EINVAL when it is not a census file that can be read (nothing of it is
 * kept), SK_EIO (errno says why) or SK_ENOMEM. `layout` may be NULL. */
SK_API int sk_census_read_fd(sk_census *census, sk_census_layout *layout, int fd,
			     const char *file, const char *term, sk_diags *diags);

/* The same from bytes in memory. */
SK_API int sk_census_read_buffer(sk_census *census, sk_census_layout *layout,
				 const char *bytes, size_t len,
				 const char *file, const char *term, sk_diags *diags);

/* Reads a hubs file, CSV with a header naming its urn column, laestab column
 * or both (then each school is found by either key) and its hub column, read
 * as sendkit-census(5) says of other CSV files (UTF-16 refused). Its hub
 * replaces any hub column for the schools it names; a second file read
 * replaces the first. Rules: hubs-header (error: no urn or hub column),
 * hubs-row (error: a row left out), hubs-conflict (error: a school given two
 * hubs). Returns SK_OK, SK_EINVAL (refused, or nothing usable in it: the
 * hubs read before are kept) or SK_ENOMEM. */
SK_API int sk_census_read_hubs(sk_census *census, const char *bytes, size_t len,
			       const char *file, sk_diags *diags);

/* Reads "school,hub,la,all" (any of them, in any order, comma-separated)
 * into a mask of SK_CENSUS_BY(level). SK_OK or SK_EINVAL. */
SK_API int sk_census_levels_parse(unsigned *out, const char *list);
SK_API const char *sk_census_level_name(sk_census_level level);   /* "school" */

/* The number of terms read so far and the label of each, in the order they
 * were first given (borrowed). */
SK_API size_t sk_census_term_count(const sk_census *census);
SK_API const char *sk_census_term_label(const sk_census *census, size_t term);

/* Checks the terms read against each other, for what would make the change
 * between them wrong (call it once, after the last file): warning
 * disjoint-terms, a term that has no school of the term before it (several
 * schools' exports of one term, read as a term each without one term
 * label), warning school-missing, a school of a term that the next term
 * does not have (its pupils would count as gone), and warning school-added,
 * a school of a term that the term before does not have (its pupils would
 * count as new); note names-unconfirmed, the schools whose names, LAs or
 * hubs no two pupils of the term gave alike; and error mixed-keys, files
 * of one term that key schools by different columns (URN, LAESTAB or name),
 * so that a school in both is counted twice. */
SK_API void sk_census_check_terms(const sk_census *census, sk_diags *diags);

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): sized by SK_NEED_COUNT. */
/* The counts of one group of one term: `key` is a URN (school), a hub or LA
 * name, or ignored for SK_CENSUS_ALL. SK_OK, or SK_EINVAL when there is no
 * such group. */
SK_API int sk_census_counts_find(sk_census_counts *out, const sk_census *census, size_t term,
				sk_census_level level, const char *key);
#endif /* SENDKIT_UNSTABLE_API */

/* The summary's columns (sendkit-census(5)), static storage. */
SK_API const sk_column *sk_census_columns(size_t *count);

/* The least useful --suppress: below it a small count a reader can tell
 * from a complement has fewer than three values (census-summary(1)). */
#define SK_CENSUS_SUPPRESS_MIN 4

/* The summary of every term read, as a table of sk_census_columns(): for
 * each term the rows of each level asked for (school, hub, la, all, each
 * sorted by key), then after each term but the first the change since the
 * term before (term "A..B"). `suppress` N >= SK_CENSUS_SUPPRESS_MIN shows
 * counts from 1 to N-1 as "c", and more counts, chosen by an audit by linear
 * programming, until none of them can be worked out across rows, levels and
 * terms (census-summary(1), DISCLOSURE CONTROL); note whole-row for a row
 * suppressed whole; 0 or 1 suppresses nothing. Adds warning no-hub for
 * schools without a hub when hub rows are asked for, and warning
 * hubs-unmatched when a hubs file was read and names no school of the census. SK_OK, SK_ENOMEM, or
 * SK_EINVAL when `suppress` is 2 or 3 or the audit failed (error
 * suppress-audit). */
SK_API int sk_census_summarise(sk_table **out, const sk_census *census, unsigned levels,
			       unsigned suppress, sk_diags *diags);

/* The summary's rows as they are made, for output that need not be held in
 * memory: fn is called with each row of sk_census_summarise's table, in its
 * order, its cells in sk_census_columns() order (NULL for an empty cell,
 * borrowed for the call); a return other than SK_OK stops the summary and is
 * returned. Without suppression each row is made as it is passed to fn; with
 * it, the rows of two terms at most are held (the audit looks at a whole
 * term, the change between terms at two): a national census has 20,000
 * schools a term, however many terms are read. SK_OK,
 * SK_ENOMEM, SK_EINVAL when the audit failed, or what fn returned. */
typedef int (*sk_census_row_fn)(void *ctx, const char *const *cells);
SK_API int sk_census_each_row(const sk_census *census, unsigned levels, unsigned suppress,
			      sk_census_row_fn fn, void *ctx, sk_diags *diags);

/* The same summary written to `out` as CSV, byte for byte as sk_table_write
 * writes sk_census_summarise's table. With `suppress` over 1, whole or
 * nothing: every term's audit passes (the rows held, as in
 * sk_census_summarise) before a byte is written, so SK_EINVAL writes nothing.
 * Without, each row is written as it is made (sk_census_each_row and an
 * sk_table_writer): only SK_ENOMEM or SK_EIO can come after rows were
 * written (write to a temporary file, renamed on SK_OK). SK_OK, SK_EIO when
 * a write failed, SK_ENOMEM, or SK_EINVAL when the audit failed. */
SK_API int sk_census_write_csv(FILE *out, const sk_census *census, unsigned levels,
			       unsigned suppress, sk_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
