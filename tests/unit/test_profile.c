/* Unit tests for sendkit/profile.h: percentages, differences, shares,
 * impossible counts, budgets and review dates, each against figures worked
 * out by hand (shown beside each assertion). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/sendkit.h"
#include "diag_check.h"

static sk_cell cell(int64_t v)
{
	return (sk_cell){SK_CELL_KNOWN, v};
}

static const sk_cell empty = {SK_CELL_EMPTY, 0};
static const sk_cell suppressed = {SK_CELL_SUPPRESSED, 0};

/* A row with every cell empty but the roll and the two groups. */
static sk_summary_row row(sk_cell roll, sk_cell support, sk_cell ehcp)
{
	sk_summary_row r;
	memset(&r, 0, sizeof(r));
	r.line = 7;
	r.on_roll = roll;
	r.sen_support = support;
	r.ehcp = ehcp;
	r.sen = r.sen_support_pct = r.ehcp_pct = r.sen_pct = empty;
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		r.broad[i] = empty;
	for (int i = 0; i < SK_NEED_COUNT; i++)
		r.need[i] = empty;
	return r;
}

/* A nation of 1,000 pupils: 130 on SEN support, 40 with a plan, 170 with SEN. */
static sk_national_entry nation(void)
{
	sk_national_entry e;
	memset(&e, 0, sizeof(e));
	e.year = 2024;
	e.pupils = 1000;
	e.sen_support = 130;
	e.ehcp = 40;
	e.sen = 170;
	e.sen_support_pct = e.ehcp_pct = e.sen_pct = -1;
	return e;
}

#define assert_value(v, want) do { \
		sk_value v_ = (v); \
		assert_int_equal(v_.state, SK_VALUE_KNOWN); \
		assert_int_equal(v_.value, (want)); \
	} while (0)
#define assert_state(v, want) assert_int_equal((v).state, (want))

/* 52 on SEN support and 9 with a plan of 412 on roll: 61 with SEN. */
static void test_percentages(void **state)
{
	(void)state;
	sk_summary_row r = row(cell(412), cell(52), cell(9));
	sk_counts c;
	sk_profile_counts_from_row(&c, &r);
	assert_value(sk_profile_count(&c, SK_MEASURE_SEN), 61);
	assert_value(sk_profile_pct(&c, SK_MEASURE_SEN_SUPPORT), 126);   /* 12.62% */
	assert_value(sk_profile_pct(&c, SK_MEASURE_EHCP), 22);           /* 2.18% */
	assert_value(sk_profile_pct(&c, SK_MEASURE_SEN), 148);           /* 14.81% */
	assert_false(c.has_need);
}

/* Against 13.0%, 4.0% and 17.0%, from the fractions: 12.621 - 13.0 = -0.379
 * (-0.4), 2.184 - 4.0 = -1.816 (-1.8), 14.806 - 17.0 = -2.194 (-2.2). */
static void test_difference_from_fractions(void **state)
{
	(void)state;
	sk_summary_row r = row(cell(412), cell(52), cell(9));
	sk_national_entry e = nation();
	sk_counts school, nat;
	sk_profile_counts_from_row(&school, &r);
	sk_profile_counts_from_national(&nat, &e);
	assert_value(sk_profile_pct(&nat, SK_MEASURE_SEN), 170);
	assert_value(sk_profile_pct_diff(&school, &nat, SK_MEASURE_SEN_SUPPORT), -4);
	assert_value(sk_profile_pct_diff(&school, &nat, SK_MEASURE_EHCP), -18);
	assert_value(sk_profile_pct_diff(&school, &nat, SK_MEASURE_SEN), -22);
	/* DfE's January 2024: 1,238,851 of 9,092,073 (13.63%): -1.0. */
	sk_national *table = sk_national_new();
	assert_non_null(table);
	sk_profile_counts_from_national(&nat, sk_national_find(table, 2024));
	assert_value(sk_profile_pct_diff(&school, &nat, SK_MEASURE_SEN_SUPPORT), -10);
	sk_national_free(table);
	/* A hub of 2,000 with 250 on SEN support (12.5%): +0.1. */
	sk_summary_row h = row(cell(2000), cell(250), cell(30));
	sk_counts hub;
	sk_profile_counts_from_row(&hub, &h);
	assert_value(sk_profile_pct_diff(&school, &hub, SK_MEASURE_SEN_SUPPORT), 1);
}

/* A suppressed count with its published 1.2%: the percentage is used,
 * 1.2 - 13.0 = -11.8. All SEN is then suppressed too. */
static void test_suppressed_uses_published(void **state)
{
	(void)state;
	sk_summary_row r = row(cell(412), suppressed, cell(9));
	r.sen_support_pct = cell(12);
	sk_national_entry e = nation();
	sk_counts school, nat;
	sk_profile_counts_from_row(&school, &r);
	sk_profile_counts_from_national(&nat, &e);
	assert_state(sk_profile_count(&school, SK_MEASURE_SEN_SUPPORT), SK_VALUE_SUPPRESSED);
	assert_value(sk_profile_pct(&school, SK_MEASURE_SEN_SUPPORT), 12);
	assert_value(sk_profile_pct_diff(&school, &nat, SK_MEASURE_SEN_SUPPORT), -118);
	assert_state(sk_profile_count(&school, SK_MEASURE_SEN), SK_VALUE_SUPPRESSED);
	/* and has no percentage, none being published for it. */
	assert_state(sk_profile_pct(&school, SK_MEASURE_SEN), SK_VALUE_MISSING);
}

/* Need shares of 61 pupils with SEN: 25 SLCN is 41.0%, 10 SpLD 16.4%, 30 in
 * cognition and learning 49.2%; the nation's January 2023: 344,883 SLCN of
 * 1,453,576 is 23.7%, ASD 206,763 is 14.2%, the two together 38.0%. */
static void test_need_shares(void **state)
{
	(void)state;
	sk_summary_row r = row(cell(412), cell(52), cell(9));
	for (int i = 0; i < SK_NEED_COUNT; i++)
		r.need[i] = cell(0);
	r.need[SK_NEED_SPLD] = cell(10);
	r.need[SK_NEED_MLD] = cell(20);
	r.need[SK_NEED_SLCN] = cell(25);
	r.need[SK_NEED_ASD] = cell(6);
	r.broad[SK_BROAD_COGNITION] = cell(30);
	sk_counts c;
	sk_profile_counts_from_row(&c, &r);
	assert_true(c.has_need);
	assert_value(c.need_total, 61);
	assert_value(sk_profile_need_share(&c, SK_NEED_SLCN), 410);
	assert_value(sk_profile_need_share(&c, SK_NEED_SPLD), 164);
	assert_value(sk_profile_broad_share(&c, SK_BROAD_COGNITION), 492);
	assert_state(sk_profile_broad_share(&c, SK_BROAD_SEMH), SK_VALUE_MISSING);
	/* No SEN count: the need columns' own sum, 61, is the denominator. */
	r.sen_support = r.ehcp = empty;
	sk_profile_counts_from_row(&c, &r);
	assert_value(c.need_total, 61);
	assert_value(sk_profile_need_share(&c, SK_NEED_SLCN), 410);

	sk_national *table = sk_national_new();
	assert_non_null(table);
	sk_profile_counts_from_national(&c, sk_national_find(table, 2023));
	assert_value(c.need_total, 1453576);
	assert_value(sk_profile_need_share(&c, SK_NEED_SLCN), 237);
	assert_value(sk_profile_need_share(&c, SK_NEED_ASD), 142);
	assert_value(sk_profile_broad_share(&c, SK_BROAD_COMMUNICATION), 380);
	/* January 2024 has no distribution: no shares. */
	sk_profile_counts_from_national(&c, sk_national_find(table, 2024));
	assert_false(c.has_need);
	assert_state(sk_profile_need_share(&c, SK_NEED_SLCN), SK_VALUE_MISSING);
	sk_national_free(table);
}

static const sk_profile_where where = {"x.yaml", {14, 12}, {{15, 16}, {16, 9}, {14, 12}}};

static void test_check_over_roll(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	sk_counts c;
	sk_summary_row r = row(cell(5), cell(3), cell(96));
	sk_profile_counts_from_row(&c, &r);
	assert_true(sk_profile_over_roll(&c, SK_MEASURE_EHCP));
	assert_true(sk_profile_over_roll(&c, SK_MEASURE_SEN));
	assert_state(sk_profile_pct(&c, SK_MEASURE_EHCP), SK_VALUE_MISSING);
	assert_value(sk_profile_pct(&c, SK_MEASURE_SEN_SUPPORT), 600);     /* 3 of 5 */
	assert_int_equal(sk_profile_check(&c, &where, d), SK_OK);
	const want one[] = {{16, 9, SK_ERROR, "impossible-count",
			     "96 pupils with an EHC plan is more than the 5 on roll; are two "
			     "figures in each other's places?"}};
	check_diags(d, one, 1);

	/* Each part fits, the sum does not: said once, at the roll. */
	sk_diags_clear(d);
	r = row(cell(5), cell(3), cell(3));
	sk_profile_counts_from_row(&c, &r);
	assert_false(sk_profile_over_roll(&c, SK_MEASURE_EHCP));
	assert_true(sk_profile_over_roll(&c, SK_MEASURE_SEN));
	assert_int_equal(sk_profile_check(&c, &where, d), SK_OK);
	const want sum[] = {{14, 12, SK_ERROR, "impossible-count",
			     "3 on SEN support and 3 with an EHC plan make 6, more than the 5 "
			     "on roll"}};
	check_diags(d, sum, 1);

	/* Parts too big to add: compared without adding. */
	sk_diags_clear(d);
	r = row(cell(INT64_MAX - 1), cell(INT64_MAX - 1), cell(INT64_MAX - 1));
	sk_profile_counts_from_row(&c, &r);
	assert_state(sk_profile_count(&c, SK_MEASURE_SEN), SK_VALUE_TOO_LARGE);
	assert_true(sk_profile_over_roll(&c, SK_MEASURE_SEN));
	assert_int_equal(sk_profile_check(&c, &where, d), SK_OK);
	assert_int_equal(sk_diags_count(d), 1);
	sk_diags_free(d);
}

static void test_check_negative(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	sk_counts c;
	sk_summary_row r = row(cell(-412), cell(52), cell(9));
	sk_profile_counts_from_row(&c, &r);
	assert_state(sk_profile_pct(&c, SK_MEASURE_SEN_SUPPORT), SK_VALUE_MISSING);
	assert_int_equal(sk_profile_check(&c, &where, d), SK_OK);
	const want neg[] = {{14, 12, SK_ERROR, "impossible-count",
			     "\"on_roll\" cannot be negative (-412)"}};
	check_diags(d, neg, 1);
	sk_diags_free(d);
}

static const char strategy_yaml[] =
	"sendkit: strategy\n"
	"year: 2023-2024\n"
	"headlines:\n"
	"  review_date: 2024-06-20\n"
	"areas:\n"
	"  leadership:\n"
	"    budget: \"£1,200\"\n"
	"    actions:\n"
	"      - action: Governor visits\n"
	"        cost: \"£450\"\n"
	"        review:\n"
	"          date: 2024-03-15\n"
	"  identification:\n"
	"    actions:\n"
	"      - action: Screening\n"
	"        cost: \"£350\"\n"
	"        review:\n"
	"          date: 2024-02-01\n"
	"      - action: Training\n"
	"        cost: \"£600.50\"\n"
	"        review:\n"
	"          date: 2024-03-15\n";

static sk_strategy *load(const char *text)
{
	sk_diags *d = sk_diags_new();
	sk_strategy *st = NULL;
	assert_int_equal(sk_strategy_load(&st, text, strlen(text), "s.yaml", d), SK_OK);
	sk_diags_free(d);
	assert_non_null(st);
	return st;
}

/* £1,200 given; £350 + £600.50 = £950.50 from the costs; £2,150.50 in all. */
static void test_budgets(void **state)
{
	(void)state;
	sk_strategy *st = load(strategy_yaml);
	bool from_costs;
	assert_value(sk_profile_area_budget(&from_costs, &st->areas[SK_AREA_LEADERSHIP]),
		     120000);
	assert_false(from_costs);
	assert_value(sk_profile_area_budget(&from_costs, &st->areas[SK_AREA_IDENTIFICATION]),
		     95050);
	assert_true(from_costs);
	assert_state(sk_profile_area_budget(&from_costs, &st->areas[SK_AREA_TRACKING]),
		     SK_VALUE_MISSING);
	/* An area with neither is missing, so the total is too... */
	assert_state(sk_profile_total_budget(st), SK_VALUE_MISSING);
	sk_strategy_free(st);
	/* ...and a sum beyond 64 bits is too large, not wrapped. */
	assert_state(sk_profile_add((sk_value){SK_VALUE_KNOWN, INT64_MAX},
				    (sk_value){SK_VALUE_KNOWN, 1}), SK_VALUE_TOO_LARGE);
	assert_value(sk_profile_add((sk_value){SK_VALUE_KNOWN, 120000},
				    (sk_value){SK_VALUE_KNOWN, 95050}), 215050);
}

/* As of 1 March 2024: the 1 February review has passed; the two on 15 March
 * come first in file order, then the SEND review on 20 June. */
static void test_reviews(void **state)
{
	(void)state;
	sk_strategy *st = load(strategy_yaml);
	sk_profile_due *due;
	size_t n;
	sk_date as_of = {2024, 3, 1};
	assert_int_equal(sk_profile_reviews(&due, &n, st, as_of), SK_OK);
	assert_int_equal(n, 3);
	assert_true(sk_date_cmp(due[0].date, (sk_date){2024, 3, 15}) == 0);
	assert_false(due[0].send_review);
	assert_int_equal(due[0].area, SK_AREA_LEADERSHIP);
	assert_string_equal(due[0].action, "Governor visits");
	assert_false(due[1].send_review);
	assert_int_equal(due[1].area, SK_AREA_IDENTIFICATION);
	assert_string_equal(due[1].action, "Training");
	assert_true(sk_date_cmp(due[2].date, (sk_date){2024, 6, 20}) == 0);
	assert_true(due[2].send_review);
	assert_null(due[2].action);
	sk_profile_reviews_free(due);
	/* After the last date, nothing. */
	assert_int_equal(sk_profile_reviews(&due, &n, st, (sk_date){2024, 7, 1}), SK_OK);
	assert_int_equal(n, 0);
	sk_profile_reviews_free(due);
	sk_strategy_free(st);
}

/* A strategy's own counts withheld as census-summary --suppress 5 would:
 * EHC plan 3 is small; All SEN 12 (9 + 3) and SEN support 9 both shown would
 * give it (12 - 9), so one of them goes too: SEN support, first in the
 * page's order. The roll and All SEN stay; so do the percentages of what is
 * shown, and none of what is not. */
static void test_suppress_own_counts(void **state)
{
	(void)state;
	sk_counts c;
	sk_summary_row r = row(cell(61), cell(9), cell(3));
	sk_profile_counts_from_row(&c, &r);
	assert_state(c.count[SK_MEASURE_SEN], SK_VALUE_MISSING);     /* not given */
	assert_int_equal(sk_profile_suppress(&c, 5), SK_OK);
	assert_value(c.on_roll, 61);
	assert_state(c.count[SK_MEASURE_SEN_SUPPORT], SK_VALUE_SUPPRESSED);
	assert_state(c.count[SK_MEASURE_EHCP], SK_VALUE_SUPPRESSED);
	assert_value(sk_profile_count(&c, SK_MEASURE_SEN), 12);
	assert_state(sk_profile_pct(&c, SK_MEASURE_EHCP), SK_VALUE_SUPPRESSED);
	assert_state(sk_profile_pct(&c, SK_MEASURE_SEN_SUPPORT), SK_VALUE_SUPPRESSED);
	assert_value(sk_profile_pct(&c, SK_MEASURE_SEN), 197);       /* 12/61 = 19.67% */

	/* Nothing small: nothing withheld. */
	r = row(cell(61), cell(9), cell(5));
	sk_profile_counts_from_row(&c, &r);
	assert_int_equal(sk_profile_suppress(&c, 5), SK_OK);
	assert_value(c.count[SK_MEASURE_SEN_SUPPORT], 9);
	assert_value(c.count[SK_MEASURE_EHCP], 5);

	/* 2 and 3 protect nothing (census-summary refuses them too). */
	assert_int_equal(sk_profile_suppress(&c, 3), SK_EINVAL);
}

/* A profile of need: one pupil with a hearing impairment. Sensory and
 * physical (HI 1 + PD 6 = 7) shown would give it from PD, so PD or the area
 * goes too; no count from 1 to 4 is left, and no need of the area can be
 * worked out from the area and the others. */
static void test_suppress_need(void **state)
{
	(void)state;
	sk_counts c;
	sk_summary_row r = row(cell(200), cell(20), cell(7));
	r.sen = cell(27);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		r.need[i] = cell(0);
	r.need[SK_NEED_SLCN] = cell(20);
	r.need[SK_NEED_HI] = cell(1);
	r.need[SK_NEED_PD] = cell(6);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		r.broad[i] = cell(0);
	r.broad[sk_need_broad_area(SK_NEED_SLCN)] = cell(20);
	r.broad[sk_need_broad_area(SK_NEED_HI)] = cell(7);
	sk_profile_counts_from_row(&c, &r);
	assert_int_equal(sk_profile_suppress(&c, 5), SK_OK);
	assert_state(c.need[SK_NEED_HI], SK_VALUE_SUPPRESSED);
	int shown = c.need[SK_NEED_PD].state == SK_VALUE_KNOWN;
	shown += c.broad[sk_need_broad_area(SK_NEED_HI)].state == SK_VALUE_KNOWN;
	assert_true(shown <= 1);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		if (c.need[i].state == SK_VALUE_KNOWN)
			assert_true(c.need[i].value == 0 || c.need[i].value >= 5);
	assert_state(sk_profile_need_share(&c, SK_NEED_HI), SK_VALUE_MISSING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_percentages),
		cmocka_unit_test(test_difference_from_fractions),
		cmocka_unit_test(test_suppressed_uses_published),
		cmocka_unit_test(test_need_shares),
		cmocka_unit_test(test_check_over_roll),
		cmocka_unit_test(test_check_negative),
		cmocka_unit_test(test_budgets),
		cmocka_unit_test(test_reviews),
		cmocka_unit_test(test_suppress_own_counts),
		cmocka_unit_test(test_suppress_need),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
