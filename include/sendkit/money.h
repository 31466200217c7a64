/* sendkit/money.h: amounts of money as whole pence in 64-bit integers. */
#ifndef SENDKIT_MONEY_H
#define SENDKIT_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads "£1,200", "1200", "1200.50", "£1.2k", "0", and "nil", "none",
 * "free", "zero", "no cost", "no charge" and "free of charge" as 0,
 * ignoring surrounding space and case. Commas must
 * group thousands; at most two decimal places (more with k as long as the
 * result is whole pence). Returns SK_OK, SK_EINVAL for anything else
 * (negative amounts included) or SK_ERANGE when it would overflow. */
SK_API int sk_money_parse(int64_t *out_pence, const char *text);

/* Writes "£1,200" or "£1,200.50" (pence shown only when not zero) into buf.
 * Returns the length written, or the length needed if it does not fit
 * (snprintf's convention). */
SK_API size_t sk_money_format(char *buf, size_t size, int64_t pence);

#ifdef __cplusplus
}
#endif
#endif
