/* census_span.h (private): the groups of schools a reader of a census
 * summary can work out by adding and subtracting its rows.
 *
 * The schools fall into atoms (those that share every row they are in);
 * each published row is a union of atoms, given as a 0/1 vector. A union of
 * atoms whose vector is a linear combination of the rows' (an LA row less
 * the hub rows inside it, the trust less one hub, ...) has a count the
 * reader can work out as that combination of the rows' counts. */
#ifndef SENDKIT_CENSUS_SPAN_H
#define SENDKIT_CENSUS_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most 2^SK_SPAN_MAX_BITS unions are looked at for one column, of at
 * most SK_SPAN_MAX_ATOMS atoms that rows link (the caller's to check). */
#define SK_SPAN_MAX_BITS 16
#define SK_SPAN_MAX_ATOMS 1024

/* Calls fn(ctx, w) for each non-zero 0/1 vector w over the n atoms that is
 * a linear combination of the nrows rows (row-major, nrows x n, 0 or 1) and
 * is 0 on every atom that `in` does not hold. Stops at the first answer of
 * fn that is not SK_OK and gives it. SK_OK, SK_ENOMEM, or SK_ELIMIT when
 * there would be more than 2^SK_SPAN_MAX_BITS. */
int sk_span__each(const uint8_t *rows, size_t nrows, size_t n, const bool *in,
		  int (*fn)(void *ctx, const uint8_t *w), void *ctx);

#endif
