/* The unions of atoms a reader works out by adding and subtracting rows
 * (census_span.h), on hub and LA layouts whose unions are listed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "census_span.h"
#include "sendkit/common.h"

enum { MAX_SEEN = 16, MAX_ATOMS = 20 };

typedef struct seen {
	size_t n, atoms;
	char sets[MAX_SEEN][MAX_ATOMS + 1];     /* each union as a string of 0 and 1 */
} seen;

static int record(void *ctx, const uint8_t *w)
{
	seen *s = ctx;
	assert_true(s->n < MAX_SEEN);
	for (size_t j = 0; j < s->atoms; j++)
		s->sets[s->n][j] = w[j] ? '1' : '0';
	s->sets[s->n][s->atoms] = '\0';
	s->n++;
	return SK_OK;
}

static int count_only(void *ctx, const uint8_t *w)
{
	(void)w;
	((seen *)ctx)->n++;
	return SK_OK;
}

static bool has(const seen *s, const char *set)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->sets[i], set))
			return true;
	return false;
}

/* Hubs Abbey and Brook inside Northshire, Crest and Dale in Northshire and
 * Southshire. Atoms: AN BN CN CS DN DS. Rows: the four hubs, the two LAs. */
static const uint8_t cycle[6 * 6] = {
	1, 0, 0, 0, 0, 0,       /* Abbey */
	0, 1, 0, 0, 0, 0,       /* Brook */
	0, 0, 1, 1, 0, 0,       /* Crest */
	0, 0, 0, 0, 1, 1,       /* Dale */
	1, 1, 1, 0, 1, 0,       /* Northshire */
	0, 0, 0, 1, 0, 1,       /* Southshire */
};

/* Northshire less Abbey and Brook is Crest's and Dale's schools in
 * Northshire: a union of two atoms that three rows give, though neither
 * atom alone is a combination of the rows. */
static void test_la_less_two_hubs(void **state)
{
	(void)state;
	bool in[6] = {false, false, true, false, true, false};
	seen s = {.atoms = 6};
	assert_int_equal(sk_span__each(cycle, 6, 6, in, record, &s), SK_OK);
	assert_int_equal(s.n, 1);
	assert_true(has(&s, "001010"));
}

/* Every atom allowed. Each union is the atoms where a hub's potential is
 * one more than its LA's, the potentials differing by 0 or 1 on every atom
 * (Northshire's 0): Abbey and Brook 0 or 1 each, and (Crest, Dale,
 * Southshire) 6 ways, 24 in all with the empty union. */
static void test_every_union(void **state)
{
	(void)state;
	bool in[6] = {true, true, true, true, true, true};
	static seen big;
	big.atoms = 6;
	big.n = 0;
	assert_int_equal(sk_span__each(cycle, 6, 6, in, count_only, &big), SK_OK);
	assert_int_equal(big.n, 23);
}

/* Abbey's atom outside: Abbey's potential is Northshire's, half the unions. */
static void test_atom_outside(void **state)
{
	(void)state;
	bool in[6] = {false, true, true, true, true, true};
	static seen big;
	big.atoms = 6;
	big.n = 0;
	assert_int_equal(sk_span__each(cycle, 6, 6, in, count_only, &big), SK_OK);
	assert_int_equal(big.n, 11);
}

/* 17 hubs in no LA, each its own row: 2^17 - 1 unions, more than the limit. */
static void test_limit(void **state)
{
	(void)state;
	enum { N = SK_SPAN_MAX_BITS + 1 };
	uint8_t rows[N * N] = {0};
	bool in[N];
	for (size_t i = 0; i < N; i++) {
		rows[i * N + i] = 1;
		in[i] = true;
	}
	static seen big;
	big.atoms = N;
	big.n = 0;
	assert_int_equal(sk_span__each(rows, N, N, in, count_only, &big), SK_ELIMIT);
	assert_int_equal(big.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_la_less_two_hubs),
		cmocka_unit_test(test_every_union),
		cmocka_unit_test(test_atom_outside),
		cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
