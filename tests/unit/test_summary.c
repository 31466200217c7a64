/* Unit tests for sendkit/summary.h: integer percentages and differences
 * against hand-computed figures (the .05 boundaries where binary floating
 * point goes wrong, no pupils on roll), and reading census-summary's CSV. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/summary.h"
#include "sendkit/sendkit.h"
#include "diag_check.h"

#define EXPECT_PCT(part, whole, tenths) do { \
		int64_t got_ = -99; \
		assert_int_equal(sk_pct_tenths(&got_, (part), (whole)), SK_OK); \
		assert_int_equal(got_, (tenths)); \
	} while (0)

#define EXPECT_DIFF(a, b, c, d, tenths) do { \
		int64_t got_ = -99; \
		assert_int_equal(sk_pct_diff_tenths(&got_, (a), (b), (c), (d)), SK_OK); \
		assert_int_equal(got_, (tenths)); \
	} while (0)

#define EXPECT_FORMAT(tenths, sign, want) do { \
		char buf_[32]; \
		assert_int_equal(sk_pct_format(buf_, sizeof buf_, (tenths), (sign)), strlen(want)); \
		assert_string_equal(buf_, (want)); \
	} while (0)

static void test_pct_hand_computed(void **state)
{
	(void)state;
	EXPECT_PCT(52, 412, 126);       /* 12.621...% */
	EXPECT_PCT(9, 412, 22);         /* 2.184...% */
	EXPECT_PCT(61, 412, 148);       /* 14.805...% */
	EXPECT_PCT(1183384, 9073832, 130);      /* DfE, January 2023: 13.0% */
	EXPECT_PCT(389171, 9073832, 43);        /* 4.3% */
	EXPECT_PCT(1572555, 9073832, 173);      /* 17.3% */
	EXPECT_PCT(1238851, 9092073, 136);      /* January 2024: 13.6% */
	EXPECT_PCT(434354, 9092073, 48);        /* 4.8% */
	EXPECT_PCT(1673205, 9092073, 184);      /* 18.4% */
	EXPECT_PCT(0, 95, 0);
	EXPECT_PCT(95, 95, 1000);
}

/* Exactly half a tenth rounds away from zero; printf("%.1f") gives the
 * lower figure for each of these, because 0.35, 1.45 and 0.15 are just below
 * themselves in binary. */
static void test_pct_half_boundaries(void **state)
{
	(void)state;
	EXPECT_PCT(7, 2000, 4);         /* 0.35% -> 0.4 */
	EXPECT_PCT(29, 2000, 15);       /* 1.45% -> 1.5 */
	EXPECT_PCT(3, 2000, 2);         /* 0.15% -> 0.2 */
	EXPECT_PCT(1, 2000, 1);         /* 0.05% -> 0.1 */
	EXPECT_PCT(1, 2001, 0);         /* 0.04997...% -> 0.0 */
	EXPECT_PCT(2001, 4000, 500);    /* 50.025% -> 50.0 */
	EXPECT_PCT(-7, 2000, -4);       /* a fall of 0.35 points -> -0.4 */
}

static void test_pct_no_pupils(void **state)
{
	(void)state;
	int64_t got = 7;
	assert_int_equal(sk_pct_tenths(&got, 0, 0), SK_ERANGE);
	assert_int_equal(got, 0);
	assert_int_equal(sk_pct_tenths(&got, 3, 0), SK_ERANGE);
	assert_int_equal(sk_pct_tenths(&got, 3, -5), SK_ERANGE);
	assert_int_equal(sk_pct_tenths(&got, INT64_MAX, 10), SK_ERANGE);
}

static void test_diff_hand_computed(void **state)
{
	(void)state;
	/* 52/412 = 12.6214% against 1,238,851/9,092,073 = 13.6257%: -1.0043 */
	EXPECT_DIFF(52, 412, 1238851, 9092073, -10);
	/* 9/412 = 2.1845% against 4.7773%: -2.5928 */
	EXPECT_DIFF(9, 412, 434354, 9092073, -26);
	/* autumn 51/409 = 12.4694% to spring 52/412: +0.1520, where the rounded
	 * figures 12.5 and 12.6 would say +0.1 */
	EXPECT_DIFF(52, 412, 51, 409, 2);
	/* against a published percentage only: 15/96 = 15.625% - 14.2% = 1.425 */
	EXPECT_DIFF(15, 96, 142, 1000, 14);
	EXPECT_DIFF(5, 20, 5, 20, 0);
}

static void test_diff_half_boundaries(void **state)
{
	(void)state;
	EXPECT_DIFF(1, 2000, 0, 1, 1);          /* +0.05 -> +0.1 */
	EXPECT_DIFF(0, 1, 1, 2000, -1);         /* -0.05 -> -0.1 */
	EXPECT_DIFF(3, 40, 29, 400, 3);         /* 7.5 - 7.25 = 0.25 -> 0.3 */
	EXPECT_DIFF(29, 400, 3, 40, -3);
	EXPECT_DIFF(7, 2000, 0, 3, 4);          /* 0.35 -> 0.4 */
}

static void test_diff_no_pupils(void **state)
{
	(void)state;
	int64_t got = 7;
	assert_int_equal(sk_pct_diff_tenths(&got, 3, 0, 1, 10), SK_ERANGE);
	assert_int_equal(got, 0);
	assert_int_equal(sk_pct_diff_tenths(&got, 3, 10, 1, 0), SK_ERANGE);
	assert_int_equal(sk_pct_diff_tenths(&got, INT64_MAX, 10, 1, 10), SK_ERANGE);
	assert_int_equal(sk_pct_diff_tenths(&got, 1, INT64_MAX, 1, 10), SK_ERANGE);
}

/* A trust's or the nation's counts summed over many schools: the change is
 * worked out exactly up to 2^56 (census_table.c's own code did before it
 * used this one), not left missing from 2^40 on. 360e9 of 1.2e12 pupils
 * against 300e9 of them is 30.0% - 25.0% = +5.0. */
static void test_diff_large_groups(void **state)
{
	(void)state;
	EXPECT_DIFF(360000000000, 1200000000000, 300000000000, 1200000000000, 50);
	const int64_t big = (int64_t)1 << 56;
	EXPECT_DIFF(big / 2, big, 0, 1, 500);          /* 50% - 0% */
	EXPECT_DIFF(big, big, -big, big, 2000);        /* 100% - (-100%) */
	int64_t got;
	/* 100 * 2^56 percent does not fit the result */
	assert_int_equal(sk_pct_diff_tenths(&got, big, 1, 0, 1), SK_ERANGE);
	assert_int_equal(sk_pct_diff_tenths(&got, big + 1, big + 1, 0, 1), SK_ERANGE);
	assert_int_equal(sk_pct_diff_tenths(&got, 1, 2, 0, big + 1), SK_ERANGE);
}

static void test_format_and_parse(void **state)
{
	(void)state;
	EXPECT_FORMAT(126, false, "12.6");
	EXPECT_FORMAT(0, false, "0.0");
	EXPECT_FORMAT(0, true, "0.0");
	EXPECT_FORMAT(3, true, "+0.3");
	EXPECT_FORMAT(-4, true, "-0.4");
	EXPECT_FORMAT(-10, false, "-1.0");
	EXPECT_FORMAT(1000, false, "100.0");
	EXPECT_FORMAT(-9, false, "-0.9");
	EXPECT_FORMAT(-13, true, "-1.3");
	EXPECT_FORMAT(12345, true, "+1234.5");
	EXPECT_FORMAT(INT64_MAX, true, "+922337203685477580.7");
	EXPECT_FORMAT(INT64_MIN, false, "-922337203685477580.8");
	/* a short buffer: cut and ended as snprintf does, the full length returned */
	char small[4] = "zzz";
	assert_int_equal(sk_pct_format(small, sizeof(small), -126, false), 5);
	assert_string_equal(small, "-12");
	assert_int_equal(sk_pct_format(small, 0, 5, false), 3);
	assert_string_equal(small, "-12");

	int64_t v = 99;
	assert_int_equal(sk_pct_parse(&v, "12.6"), SK_OK);
	assert_int_equal(v, 126);
	assert_int_equal(sk_pct_parse(&v, "12"), SK_OK);
	assert_int_equal(v, 120);
	assert_int_equal(sk_pct_parse(&v, "-0.4"), SK_OK);
	assert_int_equal(v, -4);
	assert_int_equal(sk_pct_parse(&v, "+0.2"), SK_OK);
	assert_int_equal(v, 2);
	const char *bad[] = {"", "12.65", "1.", ".5", "abc", "12.6%", "1e3", "-",
			     "99999999999999999999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(sk_pct_parse(&v, bad[i]), SK_EINVAL);
}

/* As census-summary writes it: spring before autumn in the file, a change
 * row, a suppressed count and a school with no pupils on roll. */
static const char summary_csv[] =
	"term,level,key,name,la,hub,schools,on_roll,sen_support,sen_support_pct,ehcp,"
	"ehcp_pct,sen,sen_pct,cognition_and_learning,communication_and_interaction,"
	"social_emotional_mental_health,sensory_and_physical,unclassified,need_spld,"
	"need_mld,need_sld,need_pmld,need_slcn,need_asd,need_semh,need_hi,need_vi,"
	"need_msi,need_pd,need_oth,need_nsa,need_unknown\n"
	"spring-2024,school,142731,Holy Trinity CE Primary School,Somerset,Somerset,1,412,"
	"52,12.6,9,2.2,61,14.8,12,27,12,3,7,5,5,2,0,18,9,12,1,1,1,0,5,2,0\n"
	"spring-2024,school,100001,\"Empty, New School\",Somerset,Somerset,1,0,0,,0,,0,,"
	"0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n"
	"spring-2024,school,100002,Small School,Somerset,Somerset,1,40,c,7.5,c,,7,17.5,"
	",,,,,,,,,,,,,,,,,,\n"
	"autumn-2023,school,142731,Holy Trinity CE Primary School,Somerset,Somerset,1,409,"
	"51,12.5,8,2.0,59,14.4,12,26,11,3,7,4,6,2,0,17,9,11,1,1,1,0,5,2,0\n"
	"autumn-2023..spring-2024,school,142731,Holy Trinity CE Primary School,Somerset,"
	"Somerset,0,3,1,0.2,1,0.2,2,0.4,0,1,1,0,0,1,-1,0,0,1,0,1,0,0,0,0,0,0,0\n";

static void test_load_cells(void **state)
{
	(void)state;
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, summary_csv, strlen(summary_csv), "s.csv", diags),
			 SK_OK);
	assert_int_equal(sk_diags_count(diags), 0);
	assert_int_equal(sk_summary_row_count(s), 5);

	const sk_summary_row *r = sk_summary_row_at(s, 0);
	assert_int_equal(r->line, 2);
	assert_string_equal(r->term, "spring-2024");
	assert_string_equal(r->name, "Holy Trinity CE Primary School");
	assert_int_equal(r->on_roll.state, SK_CELL_KNOWN);
	assert_int_equal(r->on_roll.value, 412);
	assert_int_equal(r->sen_support_pct.value, 126);
	assert_int_equal(r->broad[SK_BROAD_COMMUNICATION].value, 27);
	assert_int_equal(r->need[SK_NEED_SLCN].value, 18);

	r = sk_summary_row_at(s, 1);        /* no pupils: no percentages, never 0 */
	assert_string_equal(r->name, "Empty, New School");
	assert_int_equal(r->on_roll.value, 0);
	assert_int_equal(r->sen_pct.state, SK_CELL_EMPTY);

	r = sk_summary_row_at(s, 2);        /* suppressed and unknown */
	assert_int_equal(r->sen_support.state, SK_CELL_SUPPRESSED);
	assert_int_equal(r->sen_support_pct.state, SK_CELL_KNOWN);
	assert_int_equal(r->sen_support_pct.value, 75);
	assert_int_equal(r->ehcp_pct.state, SK_CELL_EMPTY);
	assert_int_equal(r->need[SK_NEED_ASD].state, SK_CELL_EMPTY);
	assert_null(sk_summary_row_at(s, 5));
	sk_summary_free(s);
	sk_diags_free(diags);
}

static void test_find_school_by_term_date(void **state)
{
	(void)state;
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, summary_csv, strlen(summary_csv), "s.csv", diags),
			 SK_OK);
	const sk_summary_row *latest, *previous;
	/* Spring 2024 is later than Autumn 2023 although it comes first; the
	 * change row "A..B" is not a term. */
	sk_summary_find_school(&latest, &previous, s, "142731");
	assert_non_null(latest);
	assert_non_null(previous);
	assert_string_equal(latest->term, "spring-2024");
	assert_string_equal(previous->term, "autumn-2023");
	sk_summary_find_school(&latest, &previous, s, "100002");
	assert_string_equal(latest->term, "spring-2024");
	assert_null(previous);
	sk_summary_find_school(&latest, &previous, s, "999999");
	assert_null(latest);
	assert_null(previous);
	sk_summary_free(s);
	sk_diags_free(diags);
}

/* nutshell picks the census of a strategy's own year: the latest term on
 * or before a day, and the date each term's label names. */
static void test_find_school_until(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"autumn-2024,school,1,12,3,0\n"
		"spring-2024,school,1,11,2,0\n"
		"autumn-2023,school,1,10,1,0\n"
		"first,school,2,10,1,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	const sk_summary_row *latest, *previous;
	sk_summary_find_school_until(&latest, &previous, s, "1", (sk_date){2024, 8, 31});
	assert_string_equal(latest->term, "spring-2024");
	assert_string_equal(previous->term, "autumn-2023");
	sk_summary_find_school_until(&latest, &previous, s, "1", (sk_date){2023, 8, 31});
	assert_null(latest);
	assert_null(previous);
	sk_summary_find_school_until(&latest, &previous, s, "2", (sk_date){2030, 1, 1});
	assert_null(latest);
	sk_summary_find_school_until(&latest, &previous, s, "1", (sk_date){0, 0, 0});
	assert_null(latest);
	sk_date d;
	assert_true(sk_summary_term_date(&d, "Spring 2024"));
	assert_int_equal(sk_academic_year_of(d), 2023);
	assert_true(sk_summary_term_date(&d, "autumn-2024.csv"));
	assert_int_equal(sk_academic_year_of(d), 2024);
	assert_true(sk_summary_term_date(&d, "2024-01-18"));
	assert_int_equal(d.day, 18);
	assert_false(sk_summary_term_date(&d, "first"));
	/* Labels a person reads as the spring term of 2023-24, however written. */
	static const char *const spring_2024[] = {
		"Spring-24", "spr-2024", "2023-24 spring", "2024 spring", "spring_2023-2024",
		"2023/24 Spring term", "spr-24.csv", "Spring 2023-24", "spring1-2024",
		/* an export's file name, other words around (user7 F5) */
		"Spring 2024 census", "census-spring-2024", "Spring Census 2024",
		"spring_2024_census.csv", "SEN CENSUS - SPRING - 2024", "spring 2024 draft",
	};
	char name[32];
	for (size_t i = 0; i < sizeof(spring_2024) / sizeof(spring_2024[0]); i++) {
		assert_true(sk_summary_term_name(name, sizeof(name), spring_2024[i]));
		assert_string_equal(name, "Spring 2024");
		assert_true(sk_summary_term_date(&d, spring_2024[i]));
		assert_int_equal(sk_academic_year_of(d), 2023);
		assert_int_equal(d.year, 2024);
	}
	assert_true(sk_summary_term_name(name, sizeof(name), "aut-23"));
	assert_string_equal(name, "Autumn 2023");
	assert_true(sk_summary_term_name(name, sizeof(name), "SUMMER_2024"));
	assert_string_equal(name, "Summer 2024");
	assert_false(sk_summary_term_name(name, sizeof(name), "2024-01-18"));
	assert_false(sk_summary_term_name(name, sizeof(name), "census-2024"));
	assert_true(sk_summary_term_date(&d, "aut-23"));
	assert_int_equal(d.year, 2023);
	assert_int_equal(d.month, 12);
	assert_true(sk_summary_term_date(&d, "2024 summer"));
	assert_int_equal(d.month, 7);
	/* No season, two seasons, or years that are not one school year. */
	static const char *const undated[] = {
		"census-export", "census-2024", "2024", "spring", "spring-2023-25",
		"spring-autumn-2024", "spring-2024-2025-26", "Spring census 2024 v 2023",
		"Spring 2024 Summer census",
		"Spring 2425", "spring-1899",       /* no census of that year */
		/* a range of terms (atk8 F2: was "Autumn 2024", dated by its end) */
		"Autumn 2023 to Spring 2024", "Autumn 2023 - Summer 2024",
		"Spring 2024 to Summer 2024", "spring_2024_to_summer_2024",
		/* a short form among other words: a summary, not summer (atk8 F2) */
		"census-sum-2024", "census_sum_2024.csv", "Jan census 2024 sum",
		"census 2024 aut", "spr census 2024",
		/* two years that are not one school year written together (atk8 F2) */
		"Spring 2024 vs 2025", "Spring 2024 and 2025", "2024 spring 2025",
	};
	for (size_t i = 0; i < sizeof(undated) / sizeof(undated[0]); i++) {
		assert_false(sk_summary_term_date(&d, undated[i]));
		assert_false(sk_summary_term_name(name, sizeof(name), undated[i]));
	}
	/* A short form with nothing but its year (and "term") still names one. */
	assert_true(sk_summary_term_name(name, sizeof(name), "sum-24"));
	assert_string_equal(name, "Summer 2024");
	assert_true(sk_summary_term_name(name, sizeof(name), "Aut term 2023"));
	assert_string_equal(name, "Autumn 2023");
	assert_true(sk_summary_term_name(name, sizeof(name), "2023_2024_spr"));
	assert_string_equal(name, "Spring 2024");
	/* Name and date are of one term: a half term is named by its season. */
	assert_true(sk_summary_term_name(name, sizeof(name), "autumn1 2023"));
	assert_string_equal(name, "Autumn 2023");
	assert_true(sk_summary_term_name(name, sizeof(name), "Summer Census 2024"));
	assert_string_equal(name, "Summer 2024");
	assert_true(sk_summary_term_date(&d, "Summer Census 2024"));
	assert_int_equal(d.month, 7);
	sk_summary_free(s);
	sk_diags_free(diags);
}

static void test_find_school_by_file_order(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"first,school,1,10,1,0\n"
		"first,all,all,10,1,0\n"
		"second,school,1,11,2,0\n"
		"third,school,1,12,3,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	const sk_summary_row *latest, *previous;
	sk_summary_find_school(&latest, &previous, s, "1");
	assert_string_equal(latest->term, "third");
	assert_string_equal(previous->term, "second");
	/* Unknown columns are empty, not 0. */
	assert_int_equal(latest->sen.state, SK_CELL_EMPTY);
	assert_int_equal(latest->need[SK_NEED_ASD].state, SK_CELL_EMPTY);
	sk_summary_free(s);
	sk_diags_free(diags);
}

/* One undated term anywhere does not put the dated ones in file order: they
 * go by date, the undated one set aside (issue 14, F1). */
static void test_find_school_undated_set_aside(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"census-export,school,1,10,1,0\n"
		"spring-2024,school,1,11,2,0\n"
		"autumn-2023,school,1,12,3,0\n"
		"autumn-2023,school,2,12,3,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	const sk_summary_row *latest, *previous;
	sk_summary_find_school(&latest, &previous, s, "1");
	assert_string_equal(latest->term, "spring-2024");
	assert_string_equal(previous->term, "autumn-2023");
	assert_string_equal(sk_summary_find_undated(s, "1")->term, "census-export");
	assert_null(sk_summary_find_undated(s, "2"));
	assert_null(sk_summary_find_undated(s, "3"));
	sk_summary_term terms[4];
	assert_int_equal(sk_summary_terms(terms, 4, s), 3);
	assert_string_equal(terms[0].label, "census-export");
	assert_false(terms[0].dated);
	assert_string_equal(terms[1].label, "autumn-2023");
	assert_string_equal(terms[2].label, "spring-2024");
	/* Another term's row of a key, for a page to say where the figures are. */
	assert_string_equal(sk_summary_find_other_term(s, "census-export", "school", "1")->term,
			    "spring-2024");
	assert_null(sk_summary_find_other_term(s, "autumn-2023", "school", "2"));
	sk_summary_free(s);
	sk_diags_free(diags);
}

/* A URN with two school rows in a term: the second found after the first,
 * none after it; rows of other terms and levels of the same key are passed. */
static void test_find_next(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"spring-2024,school,1,10,1,0\n"
		"autumn-2023,school,1,11,2,0\n"
		"spring-2024,hub,1,12,3,0\n"
		"spring-2024,school,1,13,4,0\n"
		"spring-2024,school,2,14,5,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	const sk_summary_row *first = sk_summary_find(s, "spring-2024", "school", "1");
	assert_int_equal(first->line, 2);
	const sk_summary_row *second = sk_summary_find_next(s, first);
	assert_non_null(second);
	assert_int_equal(second->line, 5);
	assert_null(sk_summary_find_next(s, second));
	assert_null(sk_summary_find_next(s, sk_summary_find(s, "autumn-2023", "school", "1")));
	assert_null(sk_summary_find_next(s, NULL));
	sk_summary_free(s);
	sk_diags_free(diags);
}

static void test_terms(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"spring-2024,school,1,10,1,0\n"
		"autumn-2023,school,1,10,1,0\n"
		"autumn-2023..spring-2024,school,1,0,0,0\n"
		"spring-2024,all,all,10,1,0\n";
	static const char undated[] =
		"term,level,key,on_roll,sen_support,ehcp\n"
		"second,school,1,10,1,0\n"
		"first,school,1,10,1,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	sk_summary_term t[4];
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	assert_int_equal(sk_summary_terms(t, 4, s), 2);
	assert_string_equal(t[0].label, "autumn-2023");
	assert_string_equal(t[1].label, "spring-2024");
	assert_true(t[1].dated);
	assert_int_equal(t[1].date.year, 2024);
	assert_int_equal(sk_summary_terms(t, 1, s), 1);
	assert_string_equal(t[0].label, "spring-2024");
	sk_summary_free(s);
	assert_int_equal(sk_summary_load(&s, undated, strlen(undated), "s.csv", diags), SK_OK);
	assert_int_equal(sk_summary_terms(t, 4, s), 2);
	assert_string_equal(t[0].label, "second");
	assert_false(t[0].dated);
	assert_int_equal(sk_summary_terms(t, 4, NULL), 0);
	sk_summary_free(s);
	sk_diags_free(diags);
}

static void test_bad_cells_and_rows(void **state)
{
	(void)state;
	static const char csv[] =
		"term,level,key,on_roll,sen_support,sen_support_pct,ehcp\n"
		"t,school,1,ten,1,12.65,0\n"
		"t,school,2,10,1\n"
		"t,school,3,10,1,10.0,0\n";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, strlen(csv), "s.csv", diags), SK_OK);
	static const want wanted[] = {
		{2, 1, SK_ERROR, "summary-number", "not a whole number, empty or c in column on_roll (field 4; the value is not shown"},
		{2, 1, SK_ERROR, "summary-number", "in column sen_support_pct (field 6"},
		{3, 1, SK_ERROR, "summary-row", "5 fields where the header has 7"},
	};
	CHECK_DIAGS(diags, wanted);
	assert_int_equal(sk_summary_row_count(s), 2);
	assert_int_equal(sk_summary_row_at(s, 0)->on_roll.state, SK_CELL_EMPTY);
	assert_string_equal(sk_summary_row_at(s, 1)->key, "3");
	sk_summary_free(s);
	sk_diags_free(diags);
}

static void test_not_a_summary(void **state)
{
	(void)state;
	static const char census[] = "urn,sen_provision,primary_need\n123456,K,ASD\n";
	static const char quote[] = "term,level,key,on_roll,sen_support,ehcp\n\"t,school";
	sk_diags *diags = sk_diags_new();
	sk_summary *s = (sk_summary *)1;
	assert_int_equal(sk_summary_load(&s, census, strlen(census), "c.csv", diags), SK_EINVAL);
	assert_null(s);
	assert_int_equal(sk_summary_load(&s, "", 0, "e.csv", diags), SK_EINVAL);
	assert_int_equal(sk_summary_load(&s, quote, strlen(quote), "q.csv", diags), SK_EINVAL);
	assert_null(s);
	static const want wanted[] = {
		{1, 1, SK_ERROR, "summary-header", "not a census summary"},   /* c.csv */
		{0, 0, SK_ERROR, "summary-header", "the file is empty"},
		{2, 1, SK_ERROR, "csv-syntax", "closing quote"},
	};
	CHECK_DIAGS(diags, wanted);
	sk_summary_free(NULL);
	sk_diags_free(diags);
}

/* A row by term, level and key: the first in file order, only of that
 * level (a hub and an LA of the same name are two rows), NULL for none; and
 * the lookups stay right with many keys (the index has to grow). */
static void test_find_by_key(void **state)
{
	(void)state;
	size_t cap = 64 * 1024, n = 0;
	char *csv = malloc(cap);
	assert_non_null(csv);
	n += (size_t)snprintf(csv + n, cap - n, "term,level,key,on_roll,sen_support,ehcp\n");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(csv + n, cap - n, "t1,school,%d,%d,1,0\n", 100000 + i, i + 10);
	n += (size_t)snprintf(csv + n, cap - n,
			      "t1,hub,North,50,5,1\n"
			      "t1,la,North,60,6,1\n"
			      "t2,hub,North,70,7,1\n"
			      "t1,hub,North,80,8,1\n"
			      "t1,all,all,90,9,1\n"
			      "t2,school,100005,11,1,0\n");
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	assert_int_equal(sk_summary_load(&s, csv, n, "s.csv", diags), SK_OK);
	const sk_summary_row *r = sk_summary_find(s, "t1", "hub", "North");
	assert_non_null(r);
	assert_int_equal(r->on_roll.value, 50);
	assert_int_equal(sk_summary_find(s, "t1", "la", "North")->on_roll.value, 60);
	assert_int_equal(sk_summary_find(s, "t2", "hub", "North")->on_roll.value, 70);
	assert_int_equal(sk_summary_find(s, "t1", "all", "all")->on_roll.value, 90);
	assert_null(sk_summary_find(s, "t2", "all", "all"));
	assert_null(sk_summary_find(s, "t1", "hub", "South"));
	assert_null(sk_summary_find(s, "t1", "school", "North"));
	assert_null(sk_summary_find(NULL, "t1", "hub", "North"));
	for (int i = 0; i < 1000; i++) {
		char urn[16];
		snprintf(urn, sizeof(urn), "%d", 100000 + i);
		r = sk_summary_find(s, "t1", "school", urn);
		assert_non_null(r);
		assert_int_equal(r->on_roll.value, i + 10);
		const sk_summary_row *latest, *previous;
		sk_summary_find_school(&latest, &previous, s, urn);
		assert_ptr_equal(latest, i == 5 ? sk_summary_row_at(s, 1005) : r);
		assert_ptr_equal(previous, i == 5 ? r : NULL);
	}
	sk_summary_free(s);
	sk_diags_free(diags);
	free(csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_by_key),
		cmocka_unit_test(test_pct_hand_computed),
		cmocka_unit_test(test_pct_half_boundaries),
		cmocka_unit_test(test_pct_no_pupils),
		cmocka_unit_test(test_diff_hand_computed),
		cmocka_unit_test(test_diff_half_boundaries),
		cmocka_unit_test(test_diff_no_pupils),
		cmocka_unit_test(test_diff_large_groups),
		cmocka_unit_test(test_format_and_parse),
		cmocka_unit_test(test_load_cells),
		cmocka_unit_test(test_find_school_by_term_date),
		cmocka_unit_test(test_find_school_by_file_order),
		cmocka_unit_test(test_find_school_undated_set_aside),
		cmocka_unit_test(test_find_next),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_find_school_until),
		cmocka_unit_test(test_bad_cells_and_rows),
		cmocka_unit_test(test_not_a_summary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
