/* Unit tests for sendkit/money.h: every accepted form, every bad form,
 * overflow and formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/money.h"

/* Macros rather than functions so a failure names the line of the case. */
#define EXPECT_PENCE(text, pence) do { \
		int64_t got_ = -1; \
		assert_int_equal(sk_money_parse(&got_, (text)), SK_OK); \
		assert_int_equal(got_, (pence)); \
	} while (0)

#define EXPECT_FAIL(text, rc) do { \
		int64_t got_ = -7; \
		assert_int_equal(sk_money_parse(&got_, (text)), (rc)); \
		assert_int_equal(got_, -7); \
	} while (0)

#define EXPECT_FORMAT(pence, want) do { \
		char buf_[64]; \
		assert_int_equal(sk_money_format(buf_, sizeof buf_, (pence)), strlen(want)); \
		assert_string_equal(buf_, (want)); \
	} while (0)

static void test_plain_pounds(void **state)
{
	(void)state;
	EXPECT_PENCE("1200", 120000);
	EXPECT_PENCE("0", 0);
	EXPECT_PENCE("7", 700);
	EXPECT_PENCE("007", 700);
}

static void test_pound_sign(void **state)
{
	(void)state;
	EXPECT_PENCE("\xc2\xa3" "1,200", 120000);
	EXPECT_PENCE("\xc2\xa3" "0", 0);
	EXPECT_PENCE("\xc2\xa3" "1200", 120000);
}

static void test_space_after_pound_sign(void **state)
{
	(void)state;
	EXPECT_PENCE("\xc2\xa3 450", 45000);
	EXPECT_PENCE("\xc2\xa3  450", 45000);
}

static void test_surrounding_space(void **state)
{
	(void)state;
	EXPECT_PENCE("  1200\t", 120000);
	EXPECT_PENCE("\n\xc2\xa3" "5 ", 500);
}

static void test_pence(void **state)
{
	(void)state;
	EXPECT_PENCE("1200.50", 120050);
	EXPECT_PENCE("1200.5", 120050);
	EXPECT_PENCE("\xc2\xa3" "0.99", 99);
	EXPECT_PENCE("0.05", 5);
	EXPECT_PENCE("3.00", 300);
}

static void test_thousands_commas(void **state)
{
	(void)state;
	EXPECT_PENCE("1,000", 100000);
	EXPECT_PENCE("\xc2\xa3" "1,234,567.89", 123456789);
	EXPECT_PENCE("12,000", 1200000);
	EXPECT_PENCE("999,999", 99999900);
}

static void test_kilo(void **state)
{
	(void)state;
	EXPECT_PENCE("\xc2\xa3" "1.2k", 120000);
	EXPECT_PENCE("1.25k", 125000);
	EXPECT_PENCE("2k", 200000);
	EXPECT_PENCE("1.5K", 150000);
	EXPECT_PENCE("0.5k", 50000);
	EXPECT_PENCE("1.23456k", 123456);
	EXPECT_PENCE("1.2500000k", 125000);
	EXPECT_PENCE("\xc2\xa3" "1,200k", 120000000);
}

static void test_zero_words(void **state)
{
	(void)state;
	EXPECT_PENCE("nil", 0);
	EXPECT_PENCE("none", 0);
	EXPECT_PENCE("free", 0);
	EXPECT_PENCE("NIL", 0);
	EXPECT_PENCE(" None ", 0);
	EXPECT_PENCE("Free", 0);
	EXPECT_PENCE("zero", 0);
	EXPECT_PENCE("Zero", 0);
	EXPECT_PENCE("No cost", 0);
	EXPECT_PENCE(" no charge ", 0);
	EXPECT_PENCE("Free of charge", 0);
	EXPECT_FAIL("no", SK_EINVAL);
	EXPECT_FAIL("no costs yet", SK_EINVAL);
	EXPECT_FAIL("N/A", SK_EINVAL);
}

static void test_largest(void **state)
{
	(void)state;
	EXPECT_PENCE("92233720368547758.07", INT64_MAX);
	EXPECT_PENCE("92,233,720,368,547,758.07", INT64_MAX);
}

static void test_bad_empty(void **state)
{
	(void)state;
	EXPECT_FAIL("", SK_EINVAL);
	EXPECT_FAIL("   ", SK_EINVAL);
	EXPECT_FAIL(NULL, SK_EINVAL);
}

static void test_bad_negative(void **state)
{
	(void)state;
	EXPECT_FAIL("-5", SK_EINVAL);
	EXPECT_FAIL("\xc2\xa3-5", SK_EINVAL);
	EXPECT_FAIL("-\xc2\xa3" "5", SK_EINVAL);
}

static void test_bad_commas(void **state)
{
	(void)state;
	EXPECT_FAIL("1,20", SK_EINVAL);
	EXPECT_FAIL("12,00,000", SK_EINVAL);
	EXPECT_FAIL("1,2000", SK_EINVAL);
	EXPECT_FAIL("1234,567", SK_EINVAL);
	EXPECT_FAIL("1,200,", SK_EINVAL);
	EXPECT_FAIL(",200", SK_EINVAL);
}

static void test_bad_decimals(void **state)
{
	(void)state;
	EXPECT_FAIL("1.234", SK_EINVAL);
	EXPECT_FAIL("1.2.3", SK_EINVAL);
	EXPECT_FAIL("1200.", SK_EINVAL);
	EXPECT_FAIL(".5", SK_EINVAL);
	EXPECT_FAIL("1.000", SK_EINVAL);
}

static void test_bad_kilo(void **state)
{
	(void)state;
	EXPECT_FAIL("5k5", SK_EINVAL);
	EXPECT_FAIL("k", SK_EINVAL);
	EXPECT_FAIL("5 k", SK_EINVAL);
	EXPECT_FAIL("5kk", SK_EINVAL);
	EXPECT_FAIL("1.234567k", SK_EINVAL);
}

static void test_bad_words(void **state)
{
	(void)state;
	EXPECT_FAIL("abc", SK_EINVAL);
	EXPECT_FAIL("\xc2\xa3", SK_EINVAL);
	EXPECT_FAIL("GBP 5", SK_EINVAL);
	EXPECT_FAIL("5 GBP", SK_EINVAL);
	EXPECT_FAIL("5\xc2\xa3", SK_EINVAL);
	EXPECT_FAIL("\xc2\xa3\xc2\xa3" "5", SK_EINVAL);
	EXPECT_FAIL("1 200", SK_EINVAL);
	EXPECT_FAIL("nothing", SK_EINVAL);
	EXPECT_FAIL("\xa3" "5", SK_EINVAL);
}

static void test_overflow(void **state)
{
	(void)state;
	EXPECT_FAIL("92233720368547758.08", SK_ERANGE);
	EXPECT_FAIL("99999999999999999999", SK_ERANGE);
	EXPECT_FAIL("999999999999999999999999999999", SK_ERANGE);
	EXPECT_FAIL("92233720368547759", SK_ERANGE);
	EXPECT_FAIL("9223372036854776k", SK_ERANGE);
	/* A bad form is reported as bad even when it is also too large. */
	EXPECT_FAIL("99999999999999999999x", SK_EINVAL);
}

static void test_format(void **state)
{
	(void)state;
	EXPECT_FORMAT(0, "\xc2\xa3" "0");
	EXPECT_FORMAT(120000, "\xc2\xa3" "1,200");
	EXPECT_FORMAT(120050, "\xc2\xa3" "1,200.50");
	EXPECT_FORMAT(5, "\xc2\xa3" "0.05");
	EXPECT_FORMAT(100, "\xc2\xa3" "1");
	EXPECT_FORMAT(99999, "\xc2\xa3" "999.99");
	EXPECT_FORMAT(100000, "\xc2\xa3" "1,000");
	EXPECT_FORMAT(123456789, "\xc2\xa3" "1,234,567.89");
	EXPECT_FORMAT(INT64_MAX, "\xc2\xa3" "92,233,720,368,547,758.07");
	EXPECT_FORMAT(-150, "-\xc2\xa3" "1.50");
	EXPECT_FORMAT(INT64_MIN, "-\xc2\xa3" "92,233,720,368,547,758.08");
}

static void test_format_truncates(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof buf);
	/* "£1,200" is 7 bytes: £ takes two. */
	assert_int_equal(sk_money_format(buf, 4, 120000), 7);
	assert_string_equal(buf, "\xc2\xa3" "1");
	assert_int_equal(buf[4], 'x');
	assert_int_equal(sk_money_format(buf, 7, 120000), 7);
	assert_string_equal(buf, "\xc2\xa3" "1,20");
	assert_int_equal(sk_money_format(buf, 8, 120000), 7);
	assert_string_equal(buf, "\xc2\xa3" "1,200");
	assert_int_equal(sk_money_format(NULL, 0, 120050), 10);
}

static void test_round_trip(void **state)
{
	static const int64_t values[] = {
		0, 1, 99, 100, 101, 999, 100000, 120050, 1000000, 99999999, INT64_MAX
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		char buf[64];
		int64_t back = -1;

		sk_money_format(buf, sizeof buf, values[i]);
		assert_int_equal(sk_money_parse(&back, buf), SK_OK);
		assert_int_equal(back, values[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_pounds),
		cmocka_unit_test(test_pound_sign),
		cmocka_unit_test(test_space_after_pound_sign),
		cmocka_unit_test(test_surrounding_space),
		cmocka_unit_test(test_pence),
		cmocka_unit_test(test_thousands_commas),
		cmocka_unit_test(test_kilo),
		cmocka_unit_test(test_zero_words),
		cmocka_unit_test(test_largest),
		cmocka_unit_test(test_bad_empty),
		cmocka_unit_test(test_bad_negative),
		cmocka_unit_test(test_bad_commas),
		cmocka_unit_test(test_bad_decimals),
		cmocka_unit_test(test_bad_kilo),
		cmocka_unit_test(test_bad_words),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_truncates),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
