/* census_check.h: what the census tests (test_census.c, test_census_read.c)
 * share: counting the diagnostics of a rule, a group's counts and the
 * summary as CSV text. Include after cmocka.h. */
#ifndef SENDKIT_TEST_CENSUS_CHECK_H
#define SENDKIT_TEST_CENSUS_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/census.h"

/* How many diagnostics of this rule (and, when line is not 0, on this line). */
static inline size_t count_rule(const sk_diags *d, const char *rule, unsigned line)
{
	size_t n = 0;
	for (size_t i = 0; i < sk_diags_count(d); i++) {
		const sk_diag *x = sk_diags_at(d, i);
		if (strcmp(x->rule, rule) == 0 && (!line || x->pos.line == line))
			n++;
	}
	return n;
}

/* The counts of one group of one term, which must exist. */
static inline sk_census_counts census_counts(const sk_census *c, size_t term,
					      sk_census_level level, const char *key)
{
	sk_census_counts n;
	assert_int_equal(sk_census_counts_find(&n, c, term, level, key), SK_OK);
	return n;
}

/* The summary as CSV text (caller frees). */
static inline char *summary_csv(const sk_census *c, unsigned levels, unsigned suppress)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(sk_census_write_csv(fp, c, levels, suppress, NULL), SK_OK);
	fclose(fp);
	/* A copy: once this is inlined, GCC 12 takes the text open_memstream
	 * left in buf for a pointer to buf itself (-Wdangling-pointer). */
	char *text = strdup(buf);
	assert_non_null(text);
	free(buf);
	return text;
}

#endif
