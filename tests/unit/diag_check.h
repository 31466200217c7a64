/* diag_check.h: asserting a whole list of diagnostics at once, for the model
 * tests. Include after cmocka.h. */
#ifndef SENDKIT_TEST_DIAG_CHECK_H
#define SENDKIT_TEST_DIAG_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sendkit/diag.h"

typedef struct want {
	unsigned line, col;
	sk_severity severity;
	const char *rule;
	const char *text;    /* must occur in the message; NULL for any */
} want;

static inline bool diag_matches(const sk_diag *d, const want *w)
{
	return d->pos.line == w->line && d->pos.col == w->col && d->severity == w->severity
	       && strcmp(d->rule, w->rule) == 0 && (!w->text || strstr(d->message, w->text));
}

/* Sorts the list and checks it is exactly `wanted`, printing both on a mismatch. */
static inline void check_diags(sk_diags *diags, const want *wanted, size_t n)
{
	bool ok = sk_diags_count(diags) == n;

	sk_diags_sort(diags);
	for (size_t i = 0; ok && i < n; i++)
		ok = diag_matches(sk_diags_at(diags, i), &wanted[i]);
	if (ok)
		return;
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		fprintf(stderr, "got  %u:%u %s [%s] %s\n", d->pos.line, d->pos.col,
			sk_severity_name(d->severity), d->rule, d->message);
	}
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "want %u:%u %s [%s] %s\n", wanted[i].line, wanted[i].col,
			sk_severity_name(wanted[i].severity), wanted[i].rule,
			wanted[i].text ? wanted[i].text : "");
	fail_msg("diagnostics differ");
}

#define CHECK_DIAGS(diags, wanted) \
	check_diags((diags), (wanted), sizeof(wanted) / sizeof((wanted)[0]))

static inline void check_pos(sk_pos pos, unsigned line, unsigned col)
{
	assert_int_equal(pos.line, line);
	assert_int_equal(pos.col, col);
}

/* A text with this value at this place; s NULL for an absent one. */
static inline void check_text(sk_text t, const char *s, unsigned line, unsigned col)
{
	if (s)
		assert_string_equal(t.s, s);
	else
		assert_null(t.s);
	check_pos(t.pos, line, col);
}

static inline void check_date(sk_date d, int year, int month, int day)
{
	assert_int_equal(d.year, year);
	assert_int_equal(d.month, month);
	assert_int_equal(d.day, day);
}

#endif
