/* summary_internal.h: the column helpers that summary.c and national.c
 * share (both read CSV through csv_input_internal.h). */
#ifndef SENDKIT_SUMMARY_INTERNAL_H
#define SENDKIT_SUMMARY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "sendkit/diag.h"

/* The index of `name` among the header's fields, or -1. */
long sk_summary__column(char **header, size_t count, const char *name);

/* Reads a whole number with an optional leading minus. SK_OK or SK_EINVAL. */
int sk_summary__parse_int(int64_t *out, const char *text);

#endif
