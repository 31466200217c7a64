/* Unit tests for sendkit/when.h: the date helpers, academic years, terms and
 * every form of a "when" (sendkit-strategy(5), Dates and terms), good and bad. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/when.h"

static sk_date ymd(int y, int m, int d)
{
	sk_date date = {y, m, d};

	return date;
}

static const char *fmt(char buf[11], sk_date d)
{
	sk_date_format(buf, d);
	return buf;
}

/* Macros rather than functions so a failure names the line of the case. */
#define EXPECT_WHEN(text, ay, want_kind, want_start, want_due) do { \
		sk_when w_; \
		char b_[11]; \
		assert_int_equal(sk_when_parse(&w_, (text), (ay)), SK_OK); \
		assert_int_equal(w_.kind, (want_kind)); \
		assert_string_equal(fmt(b_, w_.start), (want_start)); \
		assert_string_equal(fmt(b_, w_.due), (want_due)); \
		assert_null(w_.recurring); \
	} while (0)

#define EXPECT_DATE(text, ay, start, due) EXPECT_WHEN(text, ay, SK_WHEN_DATE, start, due)
#define EXPECT_RANGE(text, ay, start, due) EXPECT_WHEN(text, ay, SK_WHEN_RANGE, start, due)

#define EXPECT_RECURRING(text, word) do { \
		sk_when w_; \
		assert_int_equal(sk_when_parse(&w_, (text), 2023), SK_OK); \
		assert_int_equal(w_.kind, SK_WHEN_RECURRING); \
		assert_string_equal(w_.recurring, (word)); \
		assert_false(sk_date_is_set(w_.start)); \
		assert_false(sk_date_is_set(w_.due)); \
	} while (0)

#define EXPECT_BAD(text, ay, rc) do { \
		sk_when w_; \
		memset(&w_, 0x5a, sizeof w_); \
		assert_int_equal(sk_when_parse(&w_, (text), (ay)), (rc)); \
		assert_int_equal(w_.kind, SK_WHEN_NONE); \
		assert_false(sk_date_is_set(w_.start)); \
		assert_false(sk_date_is_set(w_.due)); \
		assert_null(w_.recurring); \
	} while (0)

/* sk_when_parse_from: `text` set on the day `from` (YYYY-MM-DD). */
#define EXPECT_FROM(text, from, want_kind, want_start, want_due) do { \
		sk_when w_; \
		sk_date f_; \
		char b_[11]; \
		assert_int_equal(sk_date_parse(&f_, (from)), SK_OK); \
		assert_int_equal(sk_when_parse_from(&w_, (text), f_), SK_OK); \
		assert_int_equal(w_.kind, (want_kind)); \
		assert_string_equal(fmt(b_, w_.start), (want_start)); \
		assert_string_equal(fmt(b_, w_.due), (want_due)); \
	} while (0)

#define EXPECT_AY(text, start) do { \
		int got_ = -1; \
		assert_int_equal(sk_academic_year_parse(&got_, (text)), SK_OK); \
		assert_int_equal(got_, (start)); \
	} while (0)

#define EXPECT_AY_BAD(text) do { \
		int got_ = -1; \
		assert_int_equal(sk_academic_year_parse(&got_, (text)), SK_EINVAL); \
		assert_int_equal(got_, -1); \
	} while (0)

/* ---- date helpers ---- */

static void test_date_cmp(void **state)
{
	(void)state;
	assert_true(sk_date_cmp(ymd(2024, 1, 1), ymd(2024, 1, 2)) < 0);
	assert_true(sk_date_cmp(ymd(2024, 2, 1), ymd(2024, 1, 31)) > 0);
	assert_true(sk_date_cmp(ymd(2023, 12, 31), ymd(2024, 1, 1)) < 0);
	assert_int_equal(sk_date_cmp(ymd(2024, 3, 22), ymd(2024, 3, 22)), 0);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(sk_date_valid(ymd(2024, 2, 29)));
	assert_true(sk_date_valid(ymd(2000, 2, 29)));
	assert_false(sk_date_valid(ymd(2023, 2, 29)));
	assert_false(sk_date_valid(ymd(1900, 2, 29)));
	assert_false(sk_date_valid(ymd(2024, 4, 31)));
	assert_false(sk_date_valid(ymd(2024, 13, 1)));
	assert_false(sk_date_valid(ymd(2024, 0, 1)));
	assert_false(sk_date_valid(ymd(2024, 1, 0)));
	assert_false(sk_date_valid(ymd(0, 0, 0)));
	assert_true(sk_date_valid(ymd(2024, 12, 31)));
}

static void test_date_is_set(void **state)
{
	(void)state;
	assert_false(sk_date_is_set(ymd(0, 0, 0)));
	assert_true(sk_date_is_set(ymd(2024, 1, 1)));
}

static void test_date_parse(void **state)
{
	sk_date d = {0, 0, 0};

	(void)state;
	assert_int_equal(sk_date_parse(&d, "2024-03-22"), SK_OK);
	assert_int_equal(d.year, 2024);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 22);
	assert_int_equal(sk_date_parse(&d, "2024-02-29"), SK_OK);
	assert_int_equal(sk_date_parse(&d, "2023-02-29"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, "2024-13-01"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, "2024-3-22"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, " 2024-03-22"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, "2024-03-22x"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, "22/03/2024"), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, ""), SK_EINVAL);
	assert_int_equal(sk_date_parse(&d, NULL), SK_EINVAL);
	assert_int_equal(d.day, 29);
}

static void test_date_format(void **state)
{
	char buf[11];

	(void)state;
	assert_string_equal(fmt(buf, ymd(2024, 3, 2)), "2024-03-02");
	assert_string_equal(fmt(buf, ymd(999, 12, 31)), "0999-12-31");
}

static void test_date_diff_days(void **state)
{
	(void)state;
	assert_int_equal(sk_date_diff_days(ymd(2024, 1, 1), ymd(2024, 1, 1)), 0);
	assert_int_equal(sk_date_diff_days(ymd(2024, 1, 1), ymd(2024, 1, 2)), 1);
	assert_int_equal(sk_date_diff_days(ymd(2024, 1, 2), ymd(2024, 1, 1)), -1);
	assert_int_equal(sk_date_diff_days(ymd(2024, 2, 28), ymd(2024, 3, 1)), 2);
	assert_int_equal(sk_date_diff_days(ymd(2023, 2, 28), ymd(2023, 3, 1)), 1);
	assert_int_equal(sk_date_diff_days(ymd(2024, 1, 1), ymd(2025, 1, 1)), 366);
	assert_int_equal(sk_date_diff_days(ymd(2023, 1, 1), ymd(2024, 1, 1)), 365);
	assert_int_equal(sk_date_diff_days(ymd(1970, 1, 1), ymd(2000, 3, 1)), 11017);
	assert_int_equal(sk_date_diff_days(ymd(2000, 1, 1), ymd(2100, 1, 1)), 36525);
	assert_int_equal(sk_date_diff_days(ymd(2024, 3, 22), ymd(1999, 12, 31)), -8848);
}

/* ---- academic years and terms ---- */

static void test_academic_year_parse(void **state)
{
	(void)state;
	EXPECT_AY("2023-2024", 2023);
	EXPECT_AY("2023-24", 2023);
	EXPECT_AY("2023/24", 2023);
	EXPECT_AY("2023/2024", 2023);
	EXPECT_AY("1999-00", 1999);
	EXPECT_AY("2099/00", 2099);
}

static void test_academic_year_parse_bad(void **state)
{
	(void)state;
	EXPECT_AY_BAD("2023-2025");
	EXPECT_AY_BAD("2023-25");
	EXPECT_AY_BAD("2023-2023");
	EXPECT_AY_BAD("23-24");
	EXPECT_AY_BAD("2023");
	EXPECT_AY_BAD("2023-4");
	EXPECT_AY_BAD("2023.24");
	EXPECT_AY_BAD("2023-24x");
	EXPECT_AY_BAD("");
	EXPECT_AY_BAD(NULL);
}

static void test_academic_year_of(void **state)
{
	(void)state;
	assert_int_equal(sk_academic_year_of(ymd(2023, 9, 1)), 2023);
	assert_int_equal(sk_academic_year_of(ymd(2023, 12, 31)), 2023);
	assert_int_equal(sk_academic_year_of(ymd(2024, 1, 1)), 2023);
	assert_int_equal(sk_academic_year_of(ymd(2024, 7, 31)), 2023);
	assert_int_equal(sk_academic_year_of(ymd(2024, 8, 31)), 2023);
}

static void test_term_of(void **state)
{
	static const int want[12] = {3, 3, 4, 4, 5, 6, 6, 6, 1, 1, 2, 2};
	int m;

	(void)state;
	for (m = 1; m <= 12; m++)
		assert_int_equal(sk_term_of(ymd(2024, m, 15)), want[m - 1]);
	assert_int_equal(sk_term_of(ymd(2023, 10, 31)), 1);
	assert_int_equal(sk_term_of(ymd(2023, 11, 1)), 2);
}

static void test_term_start_end(void **state)
{
	static const char *const starts[6] = {
		"2023-09-01", "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01", "2024-06-01"
	};
	static const char *const ends[6] = {
		"2023-10-31", "2023-12-31", "2024-02-29", "2024-04-30", "2024-05-31", "2024-07-31"
	};
	char buf[11];
	int t;

	(void)state;
	for (t = 1; t <= 6; t++) {
		assert_string_equal(fmt(buf, sk_term_start(2023, t)), starts[t - 1]);
		assert_string_equal(fmt(buf, sk_term_end(2023, t)), ends[t - 1]);
	}
	assert_false(sk_date_is_set(sk_term_start(2023, 0)));
	assert_false(sk_date_is_set(sk_term_end(2023, 7)));
}

static void test_term_end_leap_years(void **state)
{
	char buf[11];

	(void)state;
	assert_string_equal(fmt(buf, sk_term_end(2022, 3)), "2023-02-28");
	assert_string_equal(fmt(buf, sk_term_end(2023, 3)), "2024-02-29");
	assert_string_equal(fmt(buf, sk_term_end(1899, 3)), "1900-02-28");
	assert_string_equal(fmt(buf, sk_term_end(1999, 3)), "2000-02-29");
}

/* ---- sk_when_parse: each form ---- */

static void test_when_iso_date(void **state)
{
	(void)state;
	EXPECT_DATE("2024-03-22", 0, "2024-03-22", "2024-03-22");
	EXPECT_DATE("2024-02-29", 0, "2024-02-29", "2024-02-29");
	EXPECT_DATE("  2024-03-22 ", 2023, "2024-03-22", "2024-03-22");
}

/* Not in sendkit-strategy(5), but what Word documents hold: day first, as England writes it. */
static void test_when_day_first(void **state)
{
	(void)state;
	EXPECT_DATE("22/03/2024", 0, "2024-03-22", "2024-03-22");
	EXPECT_DATE("1/9/2023", 0, "2023-09-01", "2023-09-01");
	EXPECT_DATE("22 March 2024", 0, "2024-03-22", "2024-03-22");
	EXPECT_DATE("1st Sept 2023", 0, "2023-09-01", "2023-09-01");
	EXPECT_DATE("by 29 Feb 2024", 0, "2024-02-29", "2024-02-29");
	EXPECT_RANGE("2/9/2023 - 20/12/2023", 0, "2023-09-02", "2023-12-20");
	EXPECT_BAD("03/22/2024", 0, SK_ERANGE);     /* month first: no 22nd month */
	EXPECT_BAD("31/04/2024", 0, SK_ERANGE);
	EXPECT_BAD("29 February 2023", 0, SK_ERANGE);
	EXPECT_BAD("22/03/24", 0, SK_EINVAL);       /* a two-digit year: which century? */
	EXPECT_BAD("22/03", 0, SK_EINVAL);
	EXPECT_BAD("22 March", 0, SK_EINVAL);
	EXPECT_BAD("222/03/2024", 0, SK_EINVAL);
	EXPECT_BAD("22x March 2024", 0, SK_EINVAL);
	EXPECT_BAD("0/3/2024", 0, SK_EINVAL);
}

static void test_when_month_year(void **state)
{
	(void)state;
	EXPECT_DATE("March 2024", 0, "2024-03-01", "2024-03-31");
	EXPECT_DATE("Mar 2024", 0, "2024-03-01", "2024-03-31");
	EXPECT_DATE("Sept 2023", 0, "2023-09-01", "2023-09-30");
	EXPECT_DATE("sep 2023", 0, "2023-09-01", "2023-09-30");
	EXPECT_DATE("September 2020", 0, "2020-09-01", "2020-09-30");
	EXPECT_DATE("May 2024", 0, "2024-05-01", "2024-05-31");
	EXPECT_DATE("DECEMBER 2023", 0, "2023-12-01", "2023-12-31");
	EXPECT_DATE("April 2020", 0, "2020-04-01", "2020-04-30");
}

static void test_when_month_leap_february(void **state)
{
	(void)state;
	EXPECT_DATE("February 2024", 0, "2024-02-01", "2024-02-29");
	EXPECT_DATE("Feb 2023", 0, "2023-02-01", "2023-02-28");
	EXPECT_DATE("Feb 2000", 0, "2000-02-01", "2000-02-29");
	EXPECT_DATE("Feb 2100", 0, "2100-02-01", "2100-02-28");
}

static void test_when_term_calendar_year(void **state)
{
	(void)state;
	EXPECT_DATE("T6 2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("T1 2020", 0, "2020-09-01", "2020-10-31");
	EXPECT_DATE("T2 2020", 0, "2020-11-01", "2020-12-31");
	EXPECT_DATE("T3 2024", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("T3 2023", 0, "2023-01-01", "2023-02-28");
	EXPECT_DATE("T4 2024", 0, "2024-03-01", "2024-04-30");
	EXPECT_DATE("T5 2020", 0, "2020-05-01", "2020-05-31");
	/* The calendar year wins over the file's academic year. */
	EXPECT_DATE("T6 2020", 2023, "2020-06-01", "2020-07-31");
}

static void test_when_term_names(void **state)
{
	(void)state;
	EXPECT_DATE("Term 3 2024", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("term3 2024", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("Spring 2 2024", 0, "2024-03-01", "2024-04-30");
	EXPECT_DATE("Autumn 1 2023", 0, "2023-09-01", "2023-10-31");
	EXPECT_DATE("Autumn1 2023", 0, "2023-09-01", "2023-10-31");
	EXPECT_DATE("autumn term 2 2023", 0, "2023-11-01", "2023-12-31");
	EXPECT_DATE("Spring 1 2024", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("Summer 1 2024", 0, "2024-05-01", "2024-05-31");
	EXPECT_DATE("Summer 2 2024", 0, "2024-06-01", "2024-07-31");
	EXPECT_DATE("Aut 2 2023", 0, "2023-11-01", "2023-12-31");
	EXPECT_DATE("spr1 2024", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("Sum 2 2024", 0, "2024-06-01", "2024-07-31");
}

static void test_when_term_academic_year(void **state)
{
	(void)state;
	EXPECT_DATE("T3 2023/24", 0, "2024-01-01", "2024-02-29");
	EXPECT_DATE("T1 2020-21", 0, "2020-09-01", "2020-10-31");
	EXPECT_DATE("Summer 2 2019/2020", 0, "2020-06-01", "2020-07-31");
}

static void test_when_season_year(void **state)
{
	(void)state;
	EXPECT_DATE("Autumn 2023", 0, "2023-09-01", "2023-12-31");
	EXPECT_DATE("Spring 2024", 0, "2024-01-01", "2024-04-30");
	EXPECT_DATE("Summer 2024", 0, "2024-05-01", "2024-07-31");
	EXPECT_DATE("Spring term 2024", 0, "2024-01-01", "2024-04-30");
	EXPECT_DATE("summer 2023/24", 0, "2024-05-01", "2024-07-31");
}

static void test_when_term_alone(void **state)
{
	(void)state;
	EXPECT_DATE("T3", 2023, "2024-01-01", "2024-02-29");
	EXPECT_DATE("T3", 2022, "2023-01-01", "2023-02-28");
	EXPECT_DATE("T1", 2023, "2023-09-01", "2023-10-31");
	EXPECT_DATE("Term 6", 2023, "2024-06-01", "2024-07-31");
	EXPECT_DATE("Summer 1", 2023, "2024-05-01", "2024-05-31");
	EXPECT_DATE("autumn 2", 2023, "2023-11-01", "2023-12-31");
}

static void test_when_season_alone(void **state)
{
	(void)state;
	EXPECT_DATE("Summer term", 2023, "2024-05-01", "2024-07-31");
	EXPECT_DATE("autumn", 2023, "2023-09-01", "2023-12-31");
	EXPECT_DATE("in the spring term", 2023, "2024-01-01", "2024-04-30");
}

static void test_when_academic_year(void **state)
{
	(void)state;
	EXPECT_DATE("2020/2021", 0, "2020-09-01", "2021-07-31");
	EXPECT_DATE("2020-21", 0, "2020-09-01", "2021-07-31");
	EXPECT_DATE("2020/21", 0, "2020-09-01", "2021-07-31");
	EXPECT_DATE("2023-2024", 0, "2023-09-01", "2024-07-31");
	EXPECT_DATE("2020\xe2\x80\x93" "21", 0, "2020-09-01", "2021-07-31");
}

static void test_when_range_terms(void **state)
{
	(void)state;
	EXPECT_RANGE("T1-T3", 2023, "2023-09-01", "2024-02-29");
	EXPECT_RANGE("T1 - T6", 2023, "2023-09-01", "2024-07-31");
	EXPECT_RANGE("T1 to T3", 2023, "2023-09-01", "2024-02-29");
	EXPECT_RANGE("T2 until T4", 2023, "2023-11-01", "2024-04-30");
	EXPECT_RANGE("T3-T3", 2023, "2024-01-01", "2024-02-29");
	EXPECT_RANGE("Autumn 1 - Spring 2", 2023, "2023-09-01", "2024-04-30");
	EXPECT_RANGE("T1 \xe2\x80\x93 T3", 2023, "2023-09-01", "2024-02-29");
}

static void test_when_range_with_years(void **state)
{
	(void)state;
	EXPECT_RANGE("Sep 2023 - Mar 2024", 0, "2023-09-01", "2024-03-31");
	EXPECT_RANGE("2024-01-08 to 2024-03-22", 0, "2024-01-08", "2024-03-22");
	EXPECT_RANGE("2024-01-08-2024-03-22", 0, "2024-01-08", "2024-03-22");
	EXPECT_RANGE("2024-01-08 - 2024-03-22", 0, "2024-01-08", "2024-03-22");
	EXPECT_RANGE("T6 2020 - T1 2020", 0, "2020-06-01", "2020-10-31");
	EXPECT_RANGE("2020-21 - 2021-22", 0, "2020-09-01", "2022-07-31");
	EXPECT_RANGE("Autumn 2023 to Summer 2024", 0, "2023-09-01", "2024-07-31");
	EXPECT_RANGE("March 2024 until T6 2024", 0, "2024-03-01", "2024-07-31");
}

static void test_when_range_bare_first_term(void **state)
{
	(void)state;
	/* With no file year, a bare first term takes its academic year from the end. */
	EXPECT_RANGE("T5-T6 2020", 0, "2020-05-01", "2020-07-31");
	/* With one, a bare term on either side is that term of the file's year. */
	EXPECT_RANGE("T5-T6 2020", 2019, "2020-05-01", "2020-07-31");
	EXPECT_RANGE("T6 - T1 2020", 2019, "2020-06-01", "2020-10-31");
	EXPECT_RANGE("Summer - Autumn 2020", 2019, "2020-05-01", "2020-12-31");
	EXPECT_RANGE("T2 - T3 2024", 2023, "2023-11-01", "2024-02-29");
	EXPECT_RANGE("T2 - T3 2024", 2019, "2019-11-01", "2024-02-29");
	EXPECT_RANGE("Sep 2019 - T4", 2019, "2019-09-01", "2020-04-30");
	EXPECT_BAD("T5 - T6 2020", 2021, SK_ERANGE);
}

static void test_when_range_end_inside_first(void **state)
{
	(void)state;
	/* Due at the end of the second, which may fall inside the first. */
	EXPECT_RANGE("Spring 2024 to March 2024", 0, "2024-01-01", "2024-03-31");
	EXPECT_RANGE("Autumn 2023 - T1 2023", 0, "2023-09-01", "2023-10-31");
	EXPECT_RANGE("Spring 2024 - 2024-01-01", 0, "2024-01-01", "2024-01-01");
	EXPECT_RANGE("March 2024 - Spring 2024", 0, "2024-03-01", "2024-04-30");
	EXPECT_RANGE("2023-24 to T3", 2023, "2023-09-01", "2024-02-29");
	EXPECT_BAD("Spring 2024 - 2023-12-31", 0, SK_ERANGE);
}

static void test_when_prefixes(void **state)
{
	(void)state;
	EXPECT_DATE("by 2025-05-23", 0, "2025-05-23", "2025-05-23");
	EXPECT_DATE("before March 2024", 0, "2024-03-01", "2024-03-31");
	EXPECT_DATE("end of T4", 2023, "2024-03-01", "2024-04-30");
	EXPECT_DATE("by the end of T6 2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("by end of Spring 2024", 0, "2024-01-01", "2024-04-30");
	EXPECT_DATE("in T6 2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("in 2020/2021", 0, "2020-09-01", "2021-07-31");
	EXPECT_DATE("by T6 2020.", 0, "2020-06-01", "2020-07-31");
	EXPECT_RANGE("by T1-T3", 2023, "2023-09-01", "2024-02-29");
	EXPECT_RANGE("from T1 to T3", 2023, "2023-09-01", "2024-02-29");
}

static void test_when_case_and_space(void **state)
{
	(void)state;
	EXPECT_DATE("t6 2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("  T6   2020  ", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("\tBY\tTHE  END OF\nt6 2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_DATE("SPRING 2 2024", 0, "2024-03-01", "2024-04-30");
	EXPECT_DATE("mARCH 2024", 0, "2024-03-01", "2024-03-31");
	EXPECT_DATE("T6\xc2\xa0" "2020", 0, "2020-06-01", "2020-07-31");
	EXPECT_RANGE("T1   TO   T3", 2023, "2023-09-01", "2024-02-29");
}

static void test_when_recurring(void **state)
{
	(void)state;
	EXPECT_RECURRING("termly", "termly");
	EXPECT_RECURRING("Each term", "termly");
	EXPECT_RECURRING("half-termly", "half-termly");
	EXPECT_RECURRING("Half termly", "half-termly");
	EXPECT_RECURRING("every half term", "half-termly");
	EXPECT_RECURRING("annually", "annually");
	EXPECT_RECURRING("Annual", "annually");
	EXPECT_RECURRING("yearly", "annually");
	EXPECT_RECURRING("weekly", "weekly");
	EXPECT_RECURRING("fortnightly", "fortnightly");
	EXPECT_RECURRING("Monthly", "monthly");
	EXPECT_RECURRING("daily", "daily");
	EXPECT_RECURRING("ONGOING", "ongoing");
	EXPECT_RECURRING("on-going", "ongoing");
	EXPECT_RECURRING(" ongoing. ", "ongoing");
}

/* ---- sk_when_parse: each bad form ---- */

static void test_when_free_text(void **state)
{
	(void)state;
	EXPECT_BAD("", 2023, SK_EINVAL);
	EXPECT_BAD("   ", 2023, SK_EINVAL);
	EXPECT_BAD(NULL, 2023, SK_EINVAL);
	EXPECT_BAD("as soon as possible", 2023, SK_EINVAL);
	EXPECT_BAD("DoE to produce from September 2020", 2023, SK_EINVAL);
	EXPECT_BAD("from September 2020", 2023, SK_EINVAL);
	EXPECT_BAD("T3 annually", 2023, SK_EINVAL);
	EXPECT_BAD("by", 2023, SK_EINVAL);
	EXPECT_BAD("2024", 2023, SK_EINVAL);
	EXPECT_BAD("by weekly", 2023, SK_EINVAL);
	EXPECT_BAD("termly review", 2023, SK_EINVAL);
}

static void test_when_bad_terms(void **state)
{
	(void)state;
	EXPECT_BAD("T7", 2023, SK_EINVAL);
	EXPECT_BAD("T0 2024", 2023, SK_EINVAL);
	EXPECT_BAD("Term 7 2024", 2023, SK_EINVAL);
	EXPECT_BAD("Spring 3 2024", 2023, SK_EINVAL);
	EXPECT_BAD("T3 24", 2023, SK_EINVAL);
	EXPECT_BAD("T3 2024 2025", 2023, SK_EINVAL);
	EXPECT_BAD("Winter 2024", 2023, SK_EINVAL);
	EXPECT_BAD("sum", 2023, SK_EINVAL);
	EXPECT_BAD("spr 2024", 2023, SK_EINVAL);
}

static void test_when_term_alone_needs_year(void **state)
{
	(void)state;
	EXPECT_BAD("T3", 0, SK_EINVAL);
	EXPECT_BAD("Summer 1", 0, SK_EINVAL);
	EXPECT_BAD("T1-T3", 0, SK_EINVAL);
	EXPECT_BAD("by T6", 0, SK_EINVAL);
}

static void test_when_bad_months(void **state)
{
	(void)state;
	EXPECT_BAD("Marchh 2024", 0, SK_EINVAL);
	EXPECT_BAD("March", 0, SK_EINVAL);
	EXPECT_BAD("March 24", 0, SK_EINVAL);
}

static void test_when_bad_academic_years(void **state)
{
	(void)state;
	EXPECT_BAD("2023-2025", 0, SK_EINVAL);
	EXPECT_BAD("2020/22", 0, SK_EINVAL);
	EXPECT_BAD("20-21", 0, SK_EINVAL);
}

static void test_when_impossible_dates(void **state)
{
	(void)state;
	EXPECT_BAD("2023-02-29", 0, SK_ERANGE);
	EXPECT_BAD("2024-13-01", 0, SK_ERANGE);
	EXPECT_BAD("2024-02-30", 0, SK_ERANGE);
	EXPECT_BAD("2024-04-31", 0, SK_ERANGE);
	EXPECT_BAD("2024-00-10", 0, SK_ERANGE);
	EXPECT_BAD("by 2024-02-30", 0, SK_ERANGE);
	EXPECT_BAD("2024-13-01 to 2024-03-01", 0, SK_ERANGE);
	EXPECT_BAD("2024-01-01 - 2024-02-30", 0, SK_ERANGE);
	EXPECT_BAD("2024-3-1", 0, SK_EINVAL);
}

static void test_when_reversed_range(void **state)
{
	(void)state;
	EXPECT_BAD("T3-T1", 2023, SK_ERANGE);
	EXPECT_BAD("Mar 2024 - Sep 2023", 0, SK_ERANGE);
	EXPECT_BAD("2024-03-22 to 2024-01-08", 0, SK_ERANGE);
	EXPECT_BAD("Summer 2024 - T4 2024", 0, SK_ERANGE);
	EXPECT_BAD("T6 - Mar 2024", 0, SK_ERANGE);
}

static void test_when_bad_ranges(void **state)
{
	(void)state;
	EXPECT_BAD("T1-", 2023, SK_EINVAL);
	EXPECT_BAD("-T1", 2023, SK_EINVAL);
	EXPECT_BAD("T1 - soon", 2023, SK_EINVAL);
	EXPECT_BAD("T1 to", 2023, SK_EINVAL);
	EXPECT_BAD("from T1", 2023, SK_EINVAL);
	EXPECT_BAD("T1 - T2 - T3", 2023, SK_EINVAL);
}

static void test_when_too_long(void **state)
{
	char text[300];

	(void)state;
	memset(text, ' ', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	memcpy(text + sizeof text - 8, "T6 2020", 7);
	/* Space collapses, so a long run of it still reads. */
	EXPECT_DATE(text, 0, "2020-06-01", "2020-07-31");
	memset(text, 'x', sizeof text - 1);
	EXPECT_BAD(text, 0, SK_EINVAL);
}

/* A review on 30 April 2025 (academic year 2024-25): a term alone that had
 * ended by then is that term of 2025-26; one ending on the day or later is
 * this year's. Dates worked out from the calendar of sendkit-strategy(5):
 * T1 Sep-Oct, T2 Nov-Dec, T3 Jan-Feb, T4 Mar-Apr, T5 May, T6 Jun-Jul. */
static void test_when_from_review_date(void **state)
{
	(void)state;
	EXPECT_FROM("T1", "2025-04-30", SK_WHEN_DATE, "2025-09-01", "2025-10-31");
	EXPECT_FROM("Autumn 1", "2025-04-30", SK_WHEN_DATE, "2025-09-01", "2025-10-31");
	EXPECT_FROM("by T2", "2025-04-30", SK_WHEN_DATE, "2025-11-01", "2025-12-31");
	EXPECT_FROM("Autumn", "2025-04-30", SK_WHEN_DATE, "2025-09-01", "2025-12-31");
	EXPECT_FROM("Spring 1", "2025-04-30", SK_WHEN_DATE, "2026-01-01", "2026-02-28");
	EXPECT_FROM("T4", "2025-04-30", SK_WHEN_DATE, "2025-03-01", "2025-04-30");
	EXPECT_FROM("T5", "2025-04-30", SK_WHEN_DATE, "2025-05-01", "2025-05-31");
	EXPECT_FROM("T6", "2025-04-30", SK_WHEN_DATE, "2025-06-01", "2025-07-31");
	EXPECT_FROM("T1-T3", "2025-04-30", SK_WHEN_RANGE, "2025-09-01", "2026-02-28");
	EXPECT_FROM("T3-T5", "2025-04-30", SK_WHEN_RANGE, "2025-01-01", "2025-05-31");
	/* With a year, or a date, it is as written, even when already past. */
	EXPECT_FROM("T1 2024", "2025-04-30", SK_WHEN_DATE, "2024-09-01", "2024-10-31");
	EXPECT_FROM("2024-10-31", "2025-04-30", SK_WHEN_DATE, "2024-10-31", "2024-10-31");
	EXPECT_FROM("T1 - December 2025", "2025-04-30", SK_WHEN_RANGE, "2024-09-01",
		    "2025-12-31");
}

static void test_when_from_edges(void **state)
{
	sk_when w;

	(void)state;
	/* August belongs to the year that ends in July: T6 has ended, T1 has not. */
	EXPECT_FROM("T6", "2025-08-20", SK_WHEN_DATE, "2026-06-01", "2026-07-31");
	EXPECT_FROM("T1", "2025-08-20", SK_WHEN_DATE, "2025-09-01", "2025-10-31");
	/* Ending on the day itself: this year's (29 February 2024, a leap year). */
	EXPECT_FROM("Spring 1", "2024-02-29", SK_WHEN_DATE, "2024-01-01", "2024-02-29");
	EXPECT_FROM("Spring 1", "2024-03-01", SK_WHEN_DATE, "2025-01-01", "2025-02-28");
	assert_int_equal(sk_when_parse_from(&w, "annually", ymd(2025, 4, 30)), SK_OK);
	assert_int_equal(w.kind, SK_WHEN_RECURRING);
	assert_int_equal(sk_when_parse_from(&w, "when possible", ymd(2025, 4, 30)), SK_EINVAL);
	assert_int_equal(w.kind, SK_WHEN_NONE);
	/* No day: a term alone is not read, as with no academic year. */
	assert_int_equal(sk_when_parse_from(&w, "T1", ymd(0, 0, 0)), SK_EINVAL);
	assert_int_equal(w.kind, SK_WHEN_NONE);
	EXPECT_FROM("T6 2020", "2025-04-30", SK_WHEN_DATE, "2020-06-01", "2020-07-31");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_cmp),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_is_set),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_diff_days),
		cmocka_unit_test(test_academic_year_parse),
		cmocka_unit_test(test_academic_year_parse_bad),
		cmocka_unit_test(test_academic_year_of),
		cmocka_unit_test(test_term_of),
		cmocka_unit_test(test_term_start_end),
		cmocka_unit_test(test_term_end_leap_years),
		cmocka_unit_test(test_when_iso_date),
		cmocka_unit_test(test_when_day_first),
		cmocka_unit_test(test_when_month_year),
		cmocka_unit_test(test_when_month_leap_february),
		cmocka_unit_test(test_when_term_calendar_year),
		cmocka_unit_test(test_when_term_names),
		cmocka_unit_test(test_when_term_academic_year),
		cmocka_unit_test(test_when_season_year),
		cmocka_unit_test(test_when_term_alone),
		cmocka_unit_test(test_when_season_alone),
		cmocka_unit_test(test_when_academic_year),
		cmocka_unit_test(test_when_range_terms),
		cmocka_unit_test(test_when_range_with_years),
		cmocka_unit_test(test_when_range_bare_first_term),
		cmocka_unit_test(test_when_range_end_inside_first),
		cmocka_unit_test(test_when_prefixes),
		cmocka_unit_test(test_when_case_and_space),
		cmocka_unit_test(test_when_recurring),
		cmocka_unit_test(test_when_free_text),
		cmocka_unit_test(test_when_bad_terms),
		cmocka_unit_test(test_when_term_alone_needs_year),
		cmocka_unit_test(test_when_from_review_date),
		cmocka_unit_test(test_when_from_edges),
		cmocka_unit_test(test_when_bad_months),
		cmocka_unit_test(test_when_bad_academic_years),
		cmocka_unit_test(test_when_impossible_dates),
		cmocka_unit_test(test_when_reversed_range),
		cmocka_unit_test(test_when_bad_ranges),
		cmocka_unit_test(test_when_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
