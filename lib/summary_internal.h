/* summary_internal.h: the column helpers that summary.c and national.c
 * share (both read CSV through csv_input_internal.h), and the index of a
 * summary's rows by level and key (summary_find.c). */
#ifndef SENDKIT_SUMMARY_INTERNAL_H
#define SENDKIT_SUMMARY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "csv_input_internal.h"
#include "sendkit/diag.h"
#include "sendkit/summary.h"

/* Room for a need column's name, "need_" and a need's key. */
#define SK_SUMMARY_NEED_NAME 32

/* The need columns of a summary and of national figures: need_<key> for
 * each need, put in names[] and out[] with the ids first, first + 1, ... */
void sk_summary__need_columns(sk_csv__alias *out, char (*names)[SK_SUMMARY_NEED_NAME],
			      int first);

/* Reads a whole number with an optional leading minus. SK_OK or SK_EINVAL. */
int sk_summary__parse_int(int64_t *out, const char *text);

/* A summary's rows by level and key, built once when it is loaded. */
typedef struct sk_summary__index sk_summary__index;
/* SK_OK, SK_ENOMEM or SK_ELIMIT (more rows than the index counts). */
int sk_summary__index_new(sk_summary__index **out, const sk_summary_row *rows, size_t count);
void sk_summary__index_free(sk_summary__index *index);
/* The index of a loaded summary (summary.c). */
const sk_summary__index *sk_summary__index_of(const sk_summary *summary);

#endif
