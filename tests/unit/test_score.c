/* Tests for scoring a review (sendkit/score.h). Every expected score is
 * worked out by hand in the comment beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sendkit/sendkit.h"
#include "diag_check.h"

#define MAX_STATEMENTS 16

/* A review built in memory: one area holding statements with these judgements. */
typedef struct built {
	sk_review review;
	sk_statement st[MAX_STATEMENTS];
} built;

static void build(built *b, sk_area area, const sk_judgement *judgements, size_t n)
{
	memset(b, 0, sizeof(*b));
	assert_true(n <= MAX_STATEMENTS);
	for (size_t i = 0; i < n; i++)
		b->st[i].judgement = judgements[i];
	b->review.file = "built.yaml";
	b->review.areas[area].present = true;
	b->review.areas[area].statements = b->st;
	b->review.areas[area].count = n;
}

#define IN SK_JUDGE_IN_PLACE
#define PARTLY SK_JUDGE_PARTLY_IN_PLACE
#define NOT SK_JUDGE_NOT_IN_PLACE
#define NJ SK_JUDGE_NOT_JUDGED

/* Scores one area of `n` judgements with `o` (NULL: the defaults). */
static sk_area_score score_of(const sk_judgement *j, size_t n, const sk_score_options *o)
{
	built b;
	sk_review_score rs;
	const sk_score_options def = SK_SCORE_OPTIONS_INIT;

	build(&b, SK_AREA_TRACKING, j, n);
	assert_int_equal(sk_score_compute(&rs, &b.review, o ? o : &def), SK_OK);
	return rs.areas[SK_AREA_TRACKING];
}

#define SCORE(o, ...) score_of((const sk_judgement[]){__VA_ARGS__}, \
	sizeof((const sk_judgement[]){__VA_ARGS__}) / sizeof(sk_judgement), (o))

static void test_defaults(void **state)
{
	sk_score_options o;

	(void)state;
	memset(&o, 0x55, sizeof(o));
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	assert_int_equal(o.points[0], 2);
	assert_int_equal(o.points[1], 1);
	assert_int_equal(o.points[2], 0);
	assert_int_equal(o.strength_pct, 75);
	assert_int_equal(o.developing_pct, 40);
	assert_false(sk_date_is_set(o.as_of));
	assert_string_equal(sk_rating_name(SK_RATING_STRENGTH), "strength");
	assert_string_equal(sk_rating_name(SK_RATING_DEVELOPING), "developing");
	assert_string_equal(sk_rating_name(SK_RATING_PRIORITY), "priority");
	assert_string_equal(sk_rating_name(SK_RATING_NONE), "");
	assert_string_equal(sk_rating_name((sk_rating)42), "");
}

static void test_counts(void **state)
{
	/* 2 + 1 + 0 + 2 = 5 points of 4 judged x 2 = 8: 62.5%, developing. */
	sk_area_score s = SCORE(NULL, IN, PARTLY, NOT, NJ, IN, SK_JUDGE_MISSING);

	(void)state;
	assert_true(s.present);
	assert_int_equal(s.statements, 6);
	assert_int_equal(s.judged, 4);
	assert_int_equal(s.in_place, 2);
	assert_int_equal(s.partly_in_place, 1);
	assert_int_equal(s.not_in_place, 1);
	assert_int_equal(s.points, 5);
	assert_int_equal(s.max_points, 8);
	assert_int_equal(s.score_tenths, 625);
	assert_int_equal(s.rating, SK_RATING_DEVELOPING);
}

static void test_nothing_judged(void **state)
{
	sk_area_score s = SCORE(NULL, NJ, NJ, NJ);

	(void)state;
	assert_int_equal(s.statements, 3);
	assert_int_equal(s.judged, 0);
	assert_int_equal(s.max_points, 0);
	assert_int_equal(s.score_tenths, -1);
	assert_int_equal(s.rating, SK_RATING_NONE);
}

static void test_empty_and_absent(void **state)
{
	built b;
	sk_review_score rs;

	(void)state;
	build(&b, SK_AREA_LEADERSHIP, NULL, 0);
	assert_int_equal(sk_score_compute(&rs, &b.review, NULL), SK_OK);
	/* Present but empty. */
	assert_true(rs.areas[SK_AREA_LEADERSHIP].present);
	assert_int_equal(rs.areas[SK_AREA_LEADERSHIP].statements, 0);
	assert_int_equal(rs.areas[SK_AREA_LEADERSHIP].score_tenths, -1);
	assert_int_equal(rs.areas[SK_AREA_LEADERSHIP].rating, SK_RATING_NONE);
	/* Absent. */
	assert_false(rs.areas[SK_AREA_PROVISION].present);
	assert_int_equal(rs.areas[SK_AREA_PROVISION].statements, 0);
	assert_int_equal(rs.areas[SK_AREA_PROVISION].score_tenths, -1);
	assert_true(rs.overall.present);
	assert_int_equal(rs.overall.score_tenths, -1);
}

static void test_rounding(void **state)
{
	(void)state;
	/* 4 of 6 = 66.666...% -> 66.7 */
	assert_int_equal(SCORE(NULL, IN, IN, NOT).score_tenths, 667);
	/* 5 of 6 = 83.333...% -> 83.3 */
	assert_int_equal(SCORE(NULL, IN, IN, PARTLY).score_tenths, 833);
	/* 1 of 8 = 12.5% exactly */
	assert_int_equal(SCORE(NULL, PARTLY, NOT, NOT, NOT).score_tenths, 125);
	/* 1 of 16 = 6.25% -> 6.3 (half up) */
	assert_int_equal(SCORE(NULL, PARTLY, NOT, NOT, NOT, NOT, NOT, NOT, NOT).score_tenths, 63);
	/* 1 of 6 = 16.666...% -> 16.7; 2 of 6 = 33.333...% -> 33.3 */
	assert_int_equal(SCORE(NULL, PARTLY, NOT, NOT).score_tenths, 167);
	assert_int_equal(SCORE(NULL, IN, NOT, NOT).score_tenths, 333);
	assert_int_equal(SCORE(NULL, IN).score_tenths, 1000);
	assert_int_equal(SCORE(NULL, NOT).score_tenths, 0);
	assert_int_equal(SCORE(NULL, NOT).rating, SK_RATING_PRIORITY);
}

static void test_band_edges(void **state)
{
	sk_score_options o;
	sk_area_score s;

	(void)state;
	/* 3 of 4 = 75.0% exactly: a strength. */
	s = SCORE(NULL, IN, PARTLY);
	assert_int_equal(s.score_tenths, 750);
	assert_int_equal(s.rating, SK_RATING_STRENGTH);
	/* 4 of 10 = 40.0% exactly: developing. */
	s = SCORE(NULL, IN, IN, NOT, NOT, NOT);
	assert_int_equal(s.score_tenths, 400);
	assert_int_equal(s.rating, SK_RATING_DEVELOPING);

	/* Points 1000, p, 0 and one partly statement: p / 1000 exactly. */
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	o.points[0] = 1000;
	o.points[1] = 399;
	s = SCORE(&o, PARTLY);
	assert_int_equal(s.score_tenths, 399);
	assert_int_equal(s.rating, SK_RATING_PRIORITY);
	o.points[1] = 749;
	s = SCORE(&o, PARTLY);
	assert_int_equal(s.score_tenths, 749);
	assert_int_equal(s.rating, SK_RATING_DEVELOPING);
	/* 1999 of 4000 = 49.975% -> 50.0 */
	o.points[1] = 999;
	s = SCORE(&o, PARTLY, IN, NOT, NOT);
	assert_int_equal(s.score_tenths, 500);
}

static void test_custom(void **state)
{
	sk_score_options o;
	sk_area_score s;

	(void)state;
	/* Points 3, 1, 0: 3 + 1 + 0 = 4 of 9 = 44.4%; bands 50, 20: developing -> below 50. */
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	o.points[0] = 3;
	o.points[1] = 1;
	o.strength_pct = 50;
	o.developing_pct = 20;
	s = SCORE(&o, IN, PARTLY, NOT);
	assert_int_equal(s.points, 4);
	assert_int_equal(s.max_points, 9);
	assert_int_equal(s.score_tenths, 444);
	assert_int_equal(s.rating, SK_RATING_DEVELOPING);
	/* 6 of 9 = 66.7%: a strength from 50. */
	s = SCORE(&o, IN, IN, NOT);
	assert_int_equal(s.rating, SK_RATING_STRENGTH);
	/* 1 of 9 = 11.1%: a priority under 20. */
	s = SCORE(&o, PARTLY, NOT, NOT);
	assert_int_equal(s.score_tenths, 111);
	assert_int_equal(s.rating, SK_RATING_PRIORITY);
	/* Points 1, 1, 0: partly counts as in place; 2 of 3 = 66.7. */
	o.points[0] = 1;
	s = SCORE(&o, IN, PARTLY, NOT);
	assert_int_equal(s.score_tenths, 667);
	/* Bands 100, 0: only 100% is a strength, nothing is a priority. */
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	o.strength_pct = 100;
	o.developing_pct = 0;
	assert_int_equal(SCORE(&o, NOT).rating, SK_RATING_DEVELOPING);
	assert_int_equal(SCORE(&o, IN).rating, SK_RATING_STRENGTH);
	/* Equal bands: no developing band. */
	o.strength_pct = 50;
	o.developing_pct = 50;
	assert_int_equal(SCORE(&o, PARTLY).rating, SK_RATING_STRENGTH);
	assert_int_equal(SCORE(&o, PARTLY, NOT).rating, SK_RATING_PRIORITY);
}

static void expect_invalid(int p0, int p1, int p2, int strength, int developing)
{
	sk_score_options o;
	sk_review_score rs;
	built b;

	build(&b, SK_AREA_LEADERSHIP, (const sk_judgement[]){IN}, 1);
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	o.points[0] = p0;
	o.points[1] = p1;
	o.points[2] = p2;
	o.strength_pct = strength;
	o.developing_pct = developing;
	assert_int_equal(sk_score_compute(&rs, &b.review, &o), SK_EINVAL);
}

static void test_bad_options(void **state)
{
	(void)state;
	expect_invalid(2, 1, 0, 40, 75);      /* developing above strength */
	expect_invalid(2, 1, 0, 101, 40);
	expect_invalid(2, 1, 0, 75, -1);
	expect_invalid(0, 1, 2, 75, 40);      /* increasing */
	expect_invalid(2, 3, 0, 75, 40);
	expect_invalid(2, 1, -1, 75, 40);     /* negative */
	expect_invalid(1, 1, 1, 75, 40);      /* no range */
	expect_invalid(0, 0, 0, 75, 40);
	expect_invalid(1001, 1, 0, 75, 40);   /* absurd */
}

/* Actions and links need a real review. */
static const char actions_yaml[] =
	"sendkit: review\n"                              /* 1 */
	"of: {trust: T}\n"
	"date: 2020-04-30\n"
	"areas:\n"
	"  leadership:\n"                                /* 5 */
	"    - id: \"1.1\"\n"
	"      statement: s\n"
	"      judgement: in_place\n"
	"      actions:\n"
	"        - {action: a, owner: Trust, due: 2020-09-01}\n"     /* 10: due on as_of */
	"        - {action: a, owner: Trust, due: 2020-08-31}\n"     /* overdue */
	"        - {action: a, owner: \" \", due: T6 2020}\n"        /* no owner, overdue */
	"        - {action: a, owner: DoE, due: annually}\n"         /* recurring */
	"        - {action: a, owner: DoE, due: when we can}\n"      /* no due: free text */
	"        - {action: a, owner: DoE, due: T5 2020 - T1 2020}\n" /* 15: range, T1 = Oct 31 */
	"        - {action: a, due: 2021-01-01}\n"                   /* no owner */
	"      links: [\"1.2\", \"9.9\", \"1.1\"]\n"
	"    - id: \"1.2\"\n"
	"      statement: s\n"
	"      judgement: not_judged\n"                  /* 20 */
	"      links: [\"1.1\", \"2.1\"]\n"
	"  identification:\n"
	"    - id: \"2.1\"\n"
	"      statement: s\n"
	"      judgement: partly_in_place\n"             /* 25 */
	"      links: \"2.1\"\n"
	"    - id: \"1.2\"\n"
	"      statement: s\n"
	"      judgement: not_in_place\n"
	"    - statement: no id\n"                       /* 30 */
	"      judgement: not_in_place\n"
	"      links: [\"\", \"1.1\"]\n";

static sk_review *load(const char *text, sk_diags *diags)
{
	sk_review *r = NULL;

	assert_int_equal(sk_review_load(&r, text, strlen(text), "r.yaml", diags), SK_OK);
	assert_non_null(r);
	return r;
}

static void test_actions(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(actions_yaml, diags);
	sk_score_options o;
	sk_review_score rs;
	const sk_area_score *lead = &rs.areas[SK_AREA_LEADERSHIP];

	(void)state;
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	o.as_of = (sk_date){2020, 9, 1};
	assert_int_equal(sk_score_compute(&rs, r, &o), SK_OK);
	assert_int_equal(lead->actions, 7);
	assert_int_equal(lead->actions_without_owner, 2);
	assert_int_equal(lead->actions_without_due, 1);
	/* 2020-08-31, T6 2020 (2020-07-31); not 2020-09-01 (the as_of day), not
	 * annually, not the range that ends in T1 2020 (2020-10-31). */
	assert_int_equal(lead->actions_overdue, 2);
	assert_int_equal(rs.overall.actions, 7);
	assert_int_equal(rs.overall.actions_overdue, 2);

	/* A day later the action due on 2020-09-01 is overdue too. */
	o.as_of = (sk_date){2020, 9, 2};
	assert_int_equal(sk_score_compute(&rs, r, &o), SK_OK);
	assert_int_equal(lead->actions_overdue, 3);
	/* As of the day before the earliest: none. */
	o.as_of = (sk_date){2020, 7, 31};
	assert_int_equal(sk_score_compute(&rs, r, &o), SK_OK);
	assert_int_equal(lead->actions_overdue, 0);
	/* No as_of: none counted. */
	o.as_of = (sk_date){0, 0, 0};
	assert_int_equal(sk_score_compute(&rs, r, &o), SK_OK);
	assert_int_equal(lead->actions_overdue, 0);
	assert_int_equal(lead->actions_without_owner, 2);
	sk_review_free(r);
	sk_diags_free(diags);
}

static void test_link_counts(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(actions_yaml, diags);
	sk_review_score rs;

	(void)state;
	assert_int_equal(sk_score_compute(&rs, r, NULL), SK_OK);
	/* 1.1: 9.9 missing, 1.1 itself; 1.2 <-> 1.1 is a cycle, fine; 2.1 exists. */
	assert_int_equal(rs.areas[SK_AREA_LEADERSHIP].broken_links, 2);
	/* 2.1 linked to itself; the statement without an id links to 1.1, fine. */
	assert_int_equal(rs.areas[SK_AREA_IDENTIFICATION].broken_links, 1);
	assert_int_equal(rs.overall.broken_links, 3);
	/* leadership: 2 of 2 = 100%; identification: 1 + 0 + 0 of 6 = 16.7%;
	 * overall: 3 of 8 = 37.5%, priority. */
	assert_int_equal(rs.areas[SK_AREA_LEADERSHIP].score_tenths, 1000);
	assert_int_equal(rs.areas[SK_AREA_IDENTIFICATION].score_tenths, 167);
	assert_int_equal(rs.overall.statements, 5);
	assert_int_equal(rs.overall.judged, 4);
	assert_int_equal(rs.overall.score_tenths, 375);
	assert_int_equal(rs.overall.rating, SK_RATING_PRIORITY);
	assert_false(rs.areas[SK_AREA_TEACHING].present);
	sk_review_free(r);
	sk_diags_free(diags);
}

static void test_check_links(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(actions_yaml, diags);
	static const want wanted[] = {
		{17, 22, SK_ERROR, "broken-link", "link to \"9.9\", but no statement has that id"},
		{17, 29, SK_WARNING, "self-link", "statement \"1.1\" is linked to itself"},
		{26, 14, SK_WARNING, "self-link", "\"2.1\""},
		{27, 11, SK_ERROR, "duplicate-id", "\"1.2\" is already used at line 18"},
	};

	(void)state;
	/* The decoder's own: a blank owner (line 12), bad-date (14), no owner (16),
	 * no id (30). */
	assert_int_equal(sk_diags_count(diags), 4);
	sk_diags_clear(diags);
	assert_int_equal(sk_review_check_links(r, diags), SK_OK);
	CHECK_DIAGS(diags, wanted);
	sk_review_free(r);
	sk_diags_free(diags);
}

/* Lookups by id find the first statement of an id, in file order. */
static void test_index(void **state)
{
	static const char text[] =
		"sendkit: review\n"
		"of: {school: {name: S, urn: 100000}}\n"
		"date: 2024-01-10\n"
		"areas:\n"
		"  leadership:\n"
		"    - {id: b, statement: first b, judgement: in_place}\n"
		"    - {id: a, statement: s, judgement: in_place}\n"
		"  identification:\n"
		"    - {id: b, statement: second b, judgement: in_place}\n"
		"    - {statement: no id, judgement: in_place}\n";
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(text, diags);
	(void)state;
	sk_review_index *ix = sk_review_index_new(r);
	assert_non_null(ix);
	const sk_statement *b = sk_review_index_find(ix, "b");
	assert_ptr_equal(b, &r->areas[SK_AREA_LEADERSHIP].statements[0]);
	assert_ptr_equal(sk_review_index_find(ix, "a"), &r->areas[SK_AREA_LEADERSHIP].statements[1]);
	assert_null(sk_review_index_find(ix, "c"));
	assert_null(sk_review_index_find(ix, ""));
	sk_review_index_free(ix);
	sk_review_index_free(NULL);
	sk_review_free(r);
	sk_diags_free(diags);
}

static void test_clean_links(void **state)
{
	static const char text[] =
		"sendkit: review\n"
		"of: {school: {name: S, urn: 100000}}\n"
		"date: 2024-01-10\n"
		"areas:\n"
		"  leadership:\n"
		"    - {id: a, statement: s, judgement: in_place, links: [b]}\n"
		"    - {id: b, statement: s, judgement: in_place, links: [c, a]}\n"
		"  tracking_and_monitoring:\n"
		"    - {id: c, statement: s, judgement: in_place, links: [a, b]}\n";
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(text, diags);
	sk_review_score rs;

	(void)state;
	assert_int_equal(sk_review_check_links(r, diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 0);
	assert_int_equal(sk_score_compute(&rs, r, NULL), SK_OK);
	assert_int_equal(rs.overall.broken_links, 0);
	assert_int_equal(rs.overall.score_tenths, 1000);
	assert_int_equal(rs.overall.rating, SK_RATING_STRENGTH);
	sk_review_free(r);
	sk_diags_free(diags);
}

/* Options are versioned: the macro and the function agree, and a version
 * the library does not know is refused, never read. */
static void test_options_version(void **state)
{
	const sk_score_options init = SK_SCORE_OPTIONS_INIT;
	sk_score_options o;
	sk_review_score rs;
	built b;

	(void)state;
	memset(&o, 0x55, sizeof(o));
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION), SK_OK);
	assert_memory_equal(&o, &init, sizeof(o));
	memset(&o, 0x55, sizeof(o));
	assert_int_equal(sk_score_options_init(&o, SK_SCORE_OPTIONS_VERSION + 1), SK_EINVAL);
	assert_int_equal(o.version, 0x55555555u);
	build(&b, SK_AREA_TRACKING, (const sk_judgement[]){SK_JUDGE_IN_PLACE}, 1);
	o = init;
	assert_int_equal(sk_score_compute(&rs, &b.review, &o), SK_OK);
	assert_int_equal(sk_score_compute(&rs, &b.review, NULL), SK_OK);
	o.version = 0;
	assert_int_equal(sk_score_compute(&rs, &b.review, &o), SK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_version),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_nothing_judged),
		cmocka_unit_test(test_empty_and_absent),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_band_edges),
		cmocka_unit_test(test_custom),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_link_counts),
		cmocka_unit_test(test_check_links),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_clean_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
