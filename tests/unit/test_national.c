/* Unit tests for sendkit/national.h: the built-in table against DfE's
 * published figures, choosing the year to compare with, and national files
 * that replace or extend the table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/national.h"
#include "sendkit/sendkit.h"
#include "diag_check.h"

#define EXPECT_PCTS(nat, year, support, ehcp, sen) do { \
		const sk_national_entry *e_ = sk_national_find((nat), (year)); \
		assert_non_null(e_); \
		assert_int_equal(sk_national_entry_pct(e_, SK_MEASURE_SEN_SUPPORT), (support)); \
		assert_int_equal(sk_national_entry_pct(e_, SK_MEASURE_EHCP), (ehcp)); \
		assert_int_equal(sk_national_entry_pct(e_, SK_MEASURE_SEN), (sen)); \
	} while (0)

static int setup(void **state)
{
	*state = sk_national_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	sk_national_free(*state);
	return 0;
}

/* The headline percentages DfE published for each January (SEN support,
 * EHC plan, all SEN): worked out from the counts where the pupils are known
 * (2023, 2024), as published otherwise (2022, 2025). */
static void test_builtin_published(void **state)
{
	sk_national *nat = *state;
	assert_int_equal(sk_national_count(nat), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(sk_national_at(nat, i)->year, 2022 + (int)i);
	assert_null(sk_national_at(nat, 4));
	EXPECT_PCTS(nat, 2022, 126, 40, 165);
	EXPECT_PCTS(nat, 2023, 130, 43, 173);
	EXPECT_PCTS(nat, 2024, 136, 48, 184);
	EXPECT_PCTS(nat, 2025, 142, 53, 196);
	for (size_t i = 0; i < 4; i++) {
		const sk_national_entry *e = sk_national_at(nat, i);
		assert_int_equal(e->sen, e->sen_support + e->ehcp);
		assert_non_null(strstr(e->source, "Special educational needs in England"));
	}
	assert_int_equal(sk_national_find(nat, 2024)->pupils, 9092073);
	assert_int_equal(sk_national_entry_count(sk_national_find(nat, 2023), SK_MEASURE_EHCP),
			 389171);
	assert_null(sk_national_find(nat, 2021));
}

/* January 2023 by primary need: DfE's 1,453,576 pupils with a recorded need. */
static void test_builtin_need_2023(void **state)
{
	const sk_national_entry *e = sk_national_find(*state, 2023);
	assert_true(e->has_need);
	assert_non_null(e->need_source);
	int64_t total = 0;
	for (int i = 0; i < SK_NEED_COUNT; i++)
		total += e->need[i];
	assert_int_equal(total, 1453576);
	assert_int_equal(e->need[SK_NEED_SLCN], 344883);
	assert_int_equal(e->need[SK_NEED_ASD], 206763);
	assert_int_equal(e->need[SK_NEED_UNKNOWN], 0);
	assert_false(sk_national_find(*state, 2024)->has_need);
}

static void test_pick(void **state)
{
	sk_national *nat = *state;
	assert_int_equal(sk_national_pick(nat, 2024, false)->year, 2024);
	assert_int_equal(sk_national_pick(nat, 2027, false)->year, 2025);  /* the latest */
	assert_int_equal(sk_national_pick(nat, 2019, false)->year, 2022);  /* none earlier */
	assert_int_equal(sk_national_pick(nat, 2024, true)->year, 2023);
	assert_int_equal(sk_national_pick(nat, 2019, true)->year, 2023);
	assert_null(sk_national_pick(NULL, 2024, false));
}

static void test_load_replaces_and_extends(void **state)
{
	sk_national *nat = *state;
	static const char csv[] =
		"year,pupils,sen_support,ehcp,sen,source,need_asd,need_slcn\n"
		"2026,9000000,1300000,500000,1800000,Forecast,,\n"
		"2024,1000,100,50,150,,10,20\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, csv, strlen(csv), "n.csv", diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 0);
	assert_int_equal(sk_national_count(nat), 5);
	assert_int_equal(sk_national_at(nat, 4)->year, 2026);
	assert_string_equal(sk_national_at(nat, 4)->source, "Forecast");
	EXPECT_PCTS(nat, 2026, 144, 56, 200);
	EXPECT_PCTS(nat, 2024, 100, 50, 150);
	const sk_national_entry *e = sk_national_find(nat, 2024);
	assert_string_equal(e->source, "the national figures file");  /* no file name */
	assert_true(e->has_need);
	assert_int_equal(e->need[SK_NEED_ASD], 10);
	assert_int_equal(e->need[SK_NEED_MLD], -1);             /* not given: not known */
	assert_int_equal(e->need[SK_NEED_UNKNOWN], 0);          /* no such column: none */
	assert_int_equal(sk_national_pick(nat, 2025, true)->year, 2024);
	sk_diags_free(diags);
}

/* A file's row is merged column by column: the need distribution alone
 * keeps the year's headline figures, the headline alone its distribution. */
/* Each figure the file gives wins, and never mixes with the built-in ones
 * into figures that do not add up (issue 14, F5 and F6). */
static void test_load_never_mixes(void **state)
{
	sk_national *nat = *state;
	static const char csv[] =
		"year,pupils,sen_support,sen_support_pct,ehcp_pct,sen_pct,source,need_asd,need_msi\n"
		"2024,,,14.0,5.0,19.0,Pct,,\n"
		"2025,9000000,1300000,,,,Part,,\n"
		"2023,,,,,,,300000,\n"
		"2022,,,,,,,,4000\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, csv, strlen(csv), "n.csv", diags), SK_OK);
	/* A row of percentages beats the built-in counts of its year. */
	EXPECT_PCTS(nat, 2024, 140, 50, 190);
	assert_string_equal(sk_national_find(nat, 2024)->source, "Pct");
	/* A partial row of counts is not mixed with built-in ones: 14.4 with
	 * 4.8 and 19.6 would not add up. */
	const sk_national_entry *e = sk_national_find(nat, 2025);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_SEN_SUPPORT), 144);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_EHCP), -1);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_SEN), -1);
	assert_int_equal(sk_diags_count(diags), 1);
	assert_string_equal(sk_diags_at(diags, 0)->rule, "national-partial");
	assert_int_equal(sk_diags_at(diags, 0)->pos.line, 3);
	/* One need merged into a whole distribution: the others are kept. */
	e = sk_national_find(nat, 2023);
	assert_int_equal(e->need[SK_NEED_ASD], 300000);
	assert_int_equal(e->need[SK_NEED_SLCN], 344883);
	assert_int_equal(e->need[SK_NEED_MSI], 4437);
	assert_non_null(strstr(e->need_source, "for some needs"));
	/* One need of a year with no distribution: the others are not known,
	 * and so are the shares. */
	e = sk_national_find(nat, 2022);
	assert_true(e->has_need);
	assert_int_equal(e->need[SK_NEED_MSI], 4000);
	assert_int_equal(e->need[SK_NEED_ASD], -1);
	sk_counts c;
	sk_profile_counts_from_national(&c, e);
	assert_false(c.has_need);
	sk_diags_free(diags);
}

static void test_load_merges_columns(void **state)
{
	sk_national *nat = *state;
	static const char csv[] =
		"year,source,need_asd,need_slcn,pupils,sen_support,ehcp,sen\n"
		"2024,Need 2024,10,20,,,,\n"
		"2023,Headline 2023,,,9000000,1200000,400000,1600000\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, csv, strlen(csv), "n.csv", diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 0);
	assert_int_equal(sk_national_count(nat), 4);
	const sk_national_entry *e = sk_national_find(nat, 2024);
	assert_int_equal(e->sen_support, 1238851);
	assert_int_equal(e->pupils, 9092073);
	EXPECT_PCTS(nat, 2024, 136, 48, 184);
	assert_true(strstr(e->source, "2023/24") != NULL);
	assert_true(e->has_need);
	assert_int_equal(e->need[SK_NEED_SLCN], 20);
	assert_string_equal(e->need_source, "Need 2024");
	e = sk_national_find(nat, 2023);
	EXPECT_PCTS(nat, 2023, 133, 44, 178);
	assert_string_equal(e->source, "Headline 2023");
	assert_true(e->has_need);
	assert_int_equal(e->need[SK_NEED_SPLD], 170062);
	assert_true(strstr(e->need_source, "primary need") != NULL);
	sk_diags_free(diags);
}

static void test_load_published_percentages(void **state)
{
	sk_national *nat = *state;
	static const char csv[] =
		"year,sen_support_pct,ehcp_pct,sen_pct\n"
		"2021,12.2,3.7,\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, csv, strlen(csv), "n.csv", diags), SK_OK);
	const sk_national_entry *e = sk_national_find(nat, 2021);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_SEN_SUPPORT), 122);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_EHCP), 37);
	assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_SEN), -1);     /* not known */
	assert_int_equal(sk_national_entry_count(e, SK_MEASURE_SEN), -1);
	assert_int_equal(sk_national_at(nat, 0)->year, 2021);
	sk_diags_free(diags);
}

static void test_load_bad_rows(void **state)
{
	sk_national *nat = *state;
	static const char csv[] =
		"year,pupils,sen_support,ehcp,sen,ehcp_pct,colour\n"
		"1066,10,1,1,2,,red\n"
		"2030,10,1,1,3,,red\n"
		"2031,10,11,0,11,,red\n"
		"2032,ten,1,1,2,,red\n"
		"2033,10,1,1,2,12.5,red\n"
		"2033,10,1,1,2,,red\n"
		"2034,10,1\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, csv, strlen(csv), "n.csv", diags), SK_OK);
	static const want wanted[] = {
		{1, 1, SK_WARNING, "unknown-column", "\"colour\""},
		{2, 1, SK_ERROR, "national-year", "column year (field 1; the value is not shown"},
		{3, 1, SK_ERROR, "national-counts", "sen (3) is not sen_support plus ehcp (2)"},
		{4, 1, SK_ERROR, "national-counts", "sen_support (11) is more than the pupils (10)"},
		{5, 1, SK_ERROR, "national-number", "column pupils (field 2; the value is not shown"},
		{6, 1, SK_WARNING, "national-mismatch", "ehcp_pct is 12.5 but the counts give 10.0"},
		{7, 1, SK_ERROR, "national-year", "2033 is given twice"},
		{8, 1, SK_ERROR, "national-row", "3 fields where the header has 7"},
	};
	CHECK_DIAGS(diags, wanted);
	assert_int_equal(sk_national_count(nat), 5);         /* only 2033 was added */
	EXPECT_PCTS(nat, 2033, 100, 100, 200);
	sk_diags_free(diags);
}

static void test_load_nothing_changes(void **state)
{
	sk_national *nat = *state;
	static const char no_year[] = "pupils,sen\n10,1\n";
	static const char open_quote[] = "year,source\n2030,\"unfinished\n";
	sk_diags *diags = sk_diags_new();
	assert_int_equal(sk_national_read(nat, no_year, strlen(no_year), "a.csv", diags),
			 SK_EINVAL);
	assert_int_equal(sk_national_read(nat, "", 0, "b.csv", diags), SK_EINVAL);
	assert_int_equal(sk_national_read(nat, open_quote, strlen(open_quote), "c.csv", diags),
			 SK_EINVAL);
	assert_int_equal(sk_national_count(nat), 4);
	assert_null(sk_national_find(nat, 2030));
	assert_int_equal(sk_diags_count_severity(diags, SK_ERROR), 3);
	sk_diags_free(diags);
}

static void test_measure_names(void **state)
{
	(void)state;
	assert_string_equal(sk_measure_key(SK_MEASURE_SEN_SUPPORT), "sen_support");
	assert_string_equal(sk_measure_key(SK_MEASURE_EHCP), "ehcp");
	assert_string_equal(sk_measure_key(SK_MEASURE_SEN), "sen");
	assert_string_equal(sk_measure_label(SK_MEASURE_EHCP), "EHC plan");
	sk_national_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_builtin_published, setup, teardown),
		cmocka_unit_test_setup_teardown(test_builtin_need_2023, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pick, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_replaces_and_extends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_merges_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_never_mixes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_published_percentages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_nothing_changes, setup, teardown),
		cmocka_unit_test(test_measure_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
