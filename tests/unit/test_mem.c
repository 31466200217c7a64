/* The one growth helper, checked arrays and the one arena (lib/mem.c). */
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mem_internal.h"
#include "sendkit/common.h"

/* Geometric: 8, 16, 32...; one element at a time costs few reallocs. */
static void test_grow(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0, reallocs = 0;
	for (size_t n = 0; n < 10000; n++) {
		size_t before = cap;
		assert_int_equal(SK_GROW(v, cap, n + 1), SK_OK);
		assert_true(cap >= n + 1);
		reallocs += cap != before;
		v[n] = (int)n;
	}
	assert_int_equal(reallocs, 12);          /* 8, 16, ... 8 << 11 = 16384 */
	assert_int_equal(cap, 16384);
	for (size_t n = 0; n < 10000; n++)
		assert_int_equal(v[n], (int)n);
	free(v);
	/* A jump past twice the capacity takes what is needed at once. */
	v = NULL;
	cap = 0;
	assert_int_equal(SK_GROW(v, cap, 1000), SK_OK);
	assert_int_equal(cap, 1024);
	free(v);
}

/* Nothing needed, nothing done; no room needed from nothing is no array. */
static void test_grow_zero(void **state)
{
	(void)state;
	char *v = NULL;
	size_t cap = 0;
	assert_int_equal(SK_GROW(v, cap, 0), SK_OK);
	assert_null(v);
	assert_int_equal(cap, 0);
	assert_int_equal(SK_GROW(v, cap, 3), SK_OK);
	char *was = v;
	assert_int_equal(SK_GROW(v, cap, 8), SK_OK);   /* fits: the same array */
	assert_ptr_equal(v, was);
	assert_int_equal(cap, 8);
	free(v);
}

/* count * size past SIZE_MAX is SK_ENOMEM, the array kept as it was. */
static void test_grow_overflow(void **state)
{
	(void)state;
	uint64_t *v = NULL;
	size_t cap = 0;
	assert_int_equal(SK_GROW(v, cap, 4), SK_OK);
	v[3] = 42;
	uint64_t *was = v;
	assert_int_equal(SK_GROW(v, cap, SIZE_MAX / 8 + 1), SK_ENOMEM);
	assert_int_equal(SK_GROW(v, cap, SIZE_MAX), SK_ENOMEM);
	assert_ptr_equal(v, was);
	assert_int_equal(cap, 8);
	assert_int_equal(v[3], 42);
	free(v);
	/* The capacity doubles past SIZE_MAX / size: it stops at what is needed. */
	char *c = NULL;
	size_t ccap = SIZE_MAX / 2 + 2;
	assert_int_equal(sk_mem__grow(&c, &ccap, SIZE_MAX, 2), SK_ENOMEM);
	assert_int_equal(ccap, SIZE_MAX / 2 + 2);
}

/* count * size checked: an overflow is refused, not a short block that
 * the caller then writes past; no elements still give a pointer. */
static void test_array(void **state)
{
	(void)state;
	assert_null(sk_mem__array(SIZE_MAX / 8 + 1, 8));
	assert_null(sk_mem__array(2, SIZE_MAX / 2 + 1));
	size_t *v = sk_mem__array(1000, sizeof(*v));
	assert_non_null(v);
	for (size_t i = 0; i < 1000; i++)
		v[i] = i;
	assert_int_equal(v[999], 999);
	free(v);
	void *none = sk_mem__array(0, 8);
	assert_non_null(none);
	free(none);
	none = sk_mem__array(8, 0);
	assert_non_null(none);
	free(none);
}

/* Zeroed, aligned, distinct pieces; large pieces keep the small ones going. */
static void test_arena(void **state)
{
	(void)state;
	sk_arena a = {0};
	char *p[2000];
	for (int i = 0; i < 2000; i++) {
		p[i] = sk_arena__alloc(&a, (size_t)i % 37 + 1, 3);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % alignof(max_align_t), 0);
		for (size_t k = 0; k < ((size_t)i % 37 + 1) * 3; k++)
			assert_int_equal(p[i][k], 0);
		memset(p[i], i & 0x7F, ((size_t)i % 37 + 1) * 3);
	}
	char *big = sk_arena__alloc(&a, 1, 1 << 20);
	assert_non_null(big);
	memset(big, 0x55, 1 << 20);
	for (int i = 0; i < 2000; i++)
		for (size_t k = 0; k < ((size_t)i % 37 + 1) * 3; k++)
			assert_int_equal(p[i][k], i & 0x7F);
	assert_non_null(sk_arena__alloc(&a, 0, 8));   /* zero bytes: a pointer all the same */
	assert_null(sk_arena__alloc(&a, SIZE_MAX / 2, 4));
	assert_null(sk_arena__alloc(&a, 2, SIZE_MAX - 8));
	sk_arena__free(&a);
	assert_null(a.head);
	sk_arena__free(&a);   /* twice: harmless */
	/* Blocks are not calloc'ed: a piece is zeroed even where malloc hands
	 * back memory written before (the blocks just freed). */
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 200; i++) {
			unsigned char *q = sk_arena__alloc(&a, 40, 1);
			assert_non_null(q);
			for (size_t k = 0; k < 40; k++)
				assert_int_equal(q[k], 0);
			memset(q, 0xA5, 40);
		}
		sk_arena__free(&a);
	}
}

static void test_arena_strings(void **state)
{
	(void)state;
	sk_arena a = {0}, b = {0};
	const char *x = sk_arena__strndup(&a, "Vale hub, and more", 8);
	assert_string_equal(x, "Vale hub");
	assert_string_equal(sk_arena__strndup(&a, "", 0), "");
	const char *y = sk_arena__strndup(&b, "Caf\xC3\xA9", 5);
	sk_arena__splice(&a, &b);
	assert_null(b.head);
	assert_string_equal(y, "Caf\xC3\xA9");   /* a owns it now */
	assert_string_equal(sk_arena__strndup(&a, "after", 5), "after");
	sk_arena__splice(&a, &b);              /* an empty arena: nothing moves */
	sk_arena__splice(&b, &a);              /* into an empty one: all of it */
	assert_null(a.head);
	assert_string_equal(x, "Vale hub");
	sk_arena__free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_array),
		cmocka_unit_test(test_grow_zero),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_arena_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
