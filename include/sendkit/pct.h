/* sendkit/pct.h: the one way the toolkit turns counts into percentages:
 * in tenths, with integers only. Pure functions; nothing to free. */
#ifndef SENDKIT_PCT_H
#define SENDKIT_PCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* part/whole as a percentage in tenths (52 of 412 is 126, "12.6"), rounded
 * half away from zero with integers only, so 3 of 2000 is "0.2" where binary
 * floating point says "0.1". SK_OK, or SK_ERANGE when whole is not positive
 * (no percentage: show it as missing) or the product would overflow. */
SK_API int sk_pct_tenths(int64_t *out, int64_t part, int64_t whole);

/* a/b - c/d in tenths of a percentage point, worked out from the fractions
 * (not from rounded percentages) and rounded like sk_pct_tenths: 52/412
 * against 1,238,851/9,092,073 is -10, "-1.0". SK_OK, or SK_ERANGE when b or
 * d is not positive, a number is beyond 2^56 or the difference does not fit
 * in 64 bits (no difference: show it as missing). */
SK_API int sk_pct_diff_tenths(int64_t *out, int64_t a, int64_t b, int64_t c, int64_t d);

/* Writes tenths as "12.6", "-0.4", "0.0"; with `sign`, positive values get
 * a "+" ("+0.3"), for differences. Returns the length (snprintf's convention). */
SK_API size_t sk_pct_format(char *buf, size_t size, int64_t tenths, bool sign);

/* Reads "12.6", "12", "-0.4" (at most one decimal) into tenths. SK_OK or SK_EINVAL. */
SK_API int sk_pct_parse(int64_t *out, const char *text);

#ifdef __cplusplus
}
#endif
#endif
