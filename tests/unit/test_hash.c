/* The library's one hash and probe loop (lib/hash.c): the slots an index
 * needs, and probes that collide, wrap around the end and stop at the entry
 * sought or at the first free slot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hash_internal.h"

static void test_bytes(void **state)
{
	(void)state;
	/* FNV-1a's published values (32 bits). */
	assert_int_equal(sk_hash__bytes("", 0), 2166136261u);
	assert_int_equal(sk_hash__bytes("a", 1), 0xe40c292cu);
	assert_int_equal(sk_hash__bytes("foobar", 6), 0xbf9cf968u);
	/* And 64 bits, in one go or in two parts. */
	assert_true(sk_hash__bytes64(SK_HASH__FNV64_BASIS, "", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(sk_hash__bytes64(SK_HASH__FNV64_BASIS, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(sk_hash__bytes64(sk_hash__bytes64(SK_HASH__FNV64_BASIS, "foo", 3), "bar", 3)
		    == UINT64_C(0x85944171f73967e8));
}

static void test_slots_for(void **state)
{
	(void)state;
	assert_int_equal(sk_hash__slots_for(0), 64);
	assert_int_equal(sk_hash__slots_for(32), 64);
	assert_int_equal(sk_hash__slots_for(33), 128);
	assert_int_equal(sk_hash__slots_for(1000), 2048);
	assert_int_equal(sk_hash__slots_for(SIZE_MAX), 0);
}

/* Entries are words; an entry's slot value is its index + 1. */
static const char *const words[] = {"oak", "yew", "ash", "elm"};

static bool is_word(const void *ctx, uint32_t value)
{
	return strcmp(words[value - 1], ctx) == 0;
}

/* Every word on the same hash, which lands on the last slot: each probe
 * collides and wraps around to the start. */
static void test_probe(void **state)
{
	(void)state;
	uint32_t slots[8] = {0};
	const uint32_t hash = 8 * 1000 + 7;
	for (uint32_t i = 0; i < 4; i++) {
		size_t free_slot = sk_hash__probe(slots, 8, hash, is_word, words[i]);
		assert_int_equal(slots[free_slot], 0);
		assert_int_equal(free_slot, i == 0 ? 7 : i - 1);
		sk_hash__slot_put(slots, 8, hash, i + 1);
		assert_int_equal(slots[free_slot], i + 1);
	}
	for (uint32_t i = 0; i < 4; i++) {
		size_t at = sk_hash__probe(slots, 8, hash, is_word, words[i]);
		assert_int_equal(slots[at], i + 1);
	}
	/* Not there: the first free slot after the chain. */
	size_t at = sk_hash__probe(slots, 8, hash, is_word, "fir");
	assert_int_equal(at, 3);
	assert_int_equal(slots[at], 0);
	/* Another hash starts where it lands: slot 5 is free. */
	assert_int_equal(sk_hash__probe(slots, 8, 5, is_word, "oak"), 5);
	assert_int_equal(sk_hash__probe(slots, 8, hash, NULL, NULL), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_slots_for),
		cmocka_unit_test(test_probe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
