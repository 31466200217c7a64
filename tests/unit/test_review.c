/* Tests for the review model (sendkit/review.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sendkit/sendkit.h"
#include "diag_check.h"

static sk_review *load(const char *text, sk_diags *diags, int want_rc)
{
	sk_review *r = (sk_review *)(uintptr_t)1;

	assert_int_equal(sk_review_load(&r, text, strlen(text), "r.yaml", diags), want_rc);
	if (want_rc == SK_OK)
		assert_non_null(r);
	else
		assert_null(r);
	return r;
}

/* Loads `text` and checks its diagnostics are exactly `wanted`. */
static void check_review(const char *text, const want *wanted, size_t n)
{
	sk_diags *diags = sk_diags_new();

	sk_review_free(load(text, diags, SK_OK));
	check_diags(diags, wanted, n);
	sk_diags_free(diags);
}

static const char complete[] =
	"sendkit: review\n"                              /* 1 */
	"title: MAT SEND Review\n"
	"of:\n"
	"  trust: Lighthouse Schools Partnership\n"
	"date: 2020-04-30\n"                             /* 5 */
	"areas:\n"
	"  leadership:\n"
	"    - id: 1.1\n"
	"      statement: Clear vision\n"
	"      judgement: Partly in place\n"             /* 10 */
	"      evidence: Minutes\n"
	"      actions:\n"
	"        - action: Update website\n"
	"          owner: Trust\n"
	"          due: T6 2020\n"                       /* 15 */
	"        - action: Draft policy\n"
	"          owner: DoE\n"
	"          due: T5\n"
	"      links: [\"1.8\", \"1.10\"]\n"
	"    - id: 1.10\n"                               /* 20 */
	"      statement: Training\n"
	"      judgement: not_judged\n"
	"      links: \"1.1\"\n"
	"  identification: []\n"
	"  developing_provision:\n";                     /* 25 */

static void check_first_statement(const sk_statement *st)
{
	check_pos(st->pos, 8, 7);
	check_text(st->id, "1.1", 8, 11);
	check_text(st->statement, "Clear vision", 9, 18);
	check_text(st->judgement_text, "Partly in place", 10, 18);
	assert_int_equal(st->judgement, SK_JUDGE_PARTLY_IN_PLACE);
	check_text(st->evidence, "Minutes", 11, 17);
	assert_int_equal(st->action_count, 2);
	check_pos(st->actions[0].pos, 13, 11);
	check_text(st->actions[0].action, "Update website", 13, 19);
	check_text(st->actions[0].owner, "Trust", 14, 18);
	check_text(st->actions[0].due.text, "T6 2020", 15, 16);
	assert_int_equal(st->actions[0].due.when.kind, SK_WHEN_DATE);
	check_date(st->actions[0].due.when.due, 2020, 7, 31);
	/* A term alone falls in the academic year of the review's date. */
	check_text(st->actions[1].due.text, "T5", 18, 16);
	check_date(st->actions[1].due.when.due, 2020, 5, 31);
	assert_true(st->links.present);
	assert_int_equal(st->links.count, 2);
	check_pos(st->links.pos, 19, 14);
	check_text(st->links.items[0], "1.8", 19, 15);
	check_text(st->links.items[1], "1.10", 19, 22);
}

static void test_complete(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(complete, diags, SK_OK);
	const sk_review_area *lead = &r->areas[SK_AREA_LEADERSHIP];
	const sk_statement *second;

	(void)state;
	assert_int_equal(sk_diags_count(diags), 0);
	assert_string_equal(r->file, "r.yaml");
	check_text(r->title, "MAT SEND Review", 2, 8);
	check_pos(r->of_pos, 3, 1);
	check_text(r->of_trust, "Lighthouse Schools Partnership", 4, 10);
	assert_null(r->school_name.s);
	assert_null(r->school_urn.s);
	check_text(r->date.text, "2020-04-30", 5, 7);
	check_date(r->date.when.due, 2020, 4, 30);
	assert_int_equal(r->year_start, 2019);
	assert_true(r->areas_present);
	check_pos(r->areas_pos, 6, 1);

	assert_true(lead->present);
	check_pos(lead->pos, 7, 3);
	assert_int_equal(lead->count, 2);
	check_first_statement(&lead->statements[0]);
	second = &lead->statements[1];
	check_text(second->id, "1.10", 20, 11);   /* as written, not the number 1.1 */
	assert_int_equal(second->judgement, SK_JUDGE_NOT_JUDGED);
	assert_int_equal(second->action_count, 0);
	assert_null(second->evidence.s);
	assert_int_equal(second->links.count, 1);   /* a lone id is one link */
	check_pos(second->links.pos, 23, 7);
	check_text(second->links.items[0], "1.1", 23, 14);
	assert_false(r->areas[SK_AREA_TRACKING].present);
	assert_true(r->areas[SK_AREA_IDENTIFICATION].present);
	assert_int_equal(r->areas[SK_AREA_IDENTIFICATION].count, 0);
	assert_true(r->areas[SK_AREA_PROVISION].present);
	assert_int_equal(r->areas[SK_AREA_PROVISION].count, 0);
	sk_review_free(r);
	sk_diags_free(diags);
}

static const char flawed[] =
	"sendkit: review\n"                             /* 1 */
	"of:\n"
	"  trust: Lighthouse\n"
	"  school: {name: Oak, urn: 123456}\n"
	"date: soon\n"                                  /* 5 */
	"areas:\n"
	"  leadership:\n"
	"    - id: \"1.1\"\n"
	"      statement: x\n"
	"      judgement: done\n"                       /* 10 */
	"      actions:\n"
	"        - action: Do it\n"
	"          owner: Trust\n"
	"        - action: Other\n"
	"          owner: DoE\n"                        /* 15 */
	"          due: whenever\n"
	"        - action: Third\n"
	"          owner: DoE\n"
	"          due: T3\n"
	"    - statement: no id\n"                      /* 20 */
	"      judgment: in_place\n"
	"    - [1]\n"
	"  leadershp:\n"
	"    - id: x\n"
	"  identification: {id: 1}\n"                   /* 25 */
	"colour: red\n";

static void test_flawed(void **state)
{
	static const want wanted[] = {
		{2, 1, SK_ERROR, "of-conflict", "both a trust and a school"},
		{5, 7, SK_ERROR, "bad-date", "\"soon\""},
		{10, 18, SK_ERROR, "bad-judgement",
		 "\"done\" is not a judgement; use in_place, partly_in_place, not_in_place or "
		 "not_judged"},
		{12, 11, SK_ERROR, "missing-field", "missing required key \"due\" in this action"},
		{16, 16, SK_ERROR, "bad-date", "\"whenever\""},
		{20, 7, SK_ERROR, "missing-field", "\"id\""},
		{21, 7, SK_ERROR, "misspelt-key", "did you mean \"judgement\"?"},
		{22, 7, SK_ERROR, "wrong-type", "each item of \"leadership\" should be a map, not a list"},
		{23, 3, SK_WARNING, "unknown-key", "\"leadershp\" in \"areas\" is ignored"},
		{25, 19, SK_ERROR, "wrong-type", "\"identification\" should be a list, not a map"},
		{26, 1, SK_WARNING, "unknown-key", "\"colour\" in the review is ignored"},
	};
	sk_diags *diags = sk_diags_new();
	sk_review *r = load(flawed, diags, SK_OK);
	const sk_statement *st;

	(void)state;
	CHECK_DIAGS(diags, wanted);
	assert_int_equal(r->year_start, 0);
	assert_string_equal(r->of_trust.s, "Lighthouse");
	assert_string_equal(r->school_name.s, "Oak");
	assert_string_equal(r->school_urn.s, "123456");
	assert_int_equal(r->areas[SK_AREA_LEADERSHIP].count, 2);
	st = &r->areas[SK_AREA_LEADERSHIP].statements[0];
	assert_string_equal(st->judgement_text.s, "done");
	assert_int_equal(st->judgement, SK_JUDGE_MISSING);
	assert_int_equal(st->action_count, 3);
	assert_null(st->actions[0].due.text.s);
	assert_int_equal(st->actions[1].due.when.kind, SK_WHEN_NONE);
	st = &r->areas[SK_AREA_LEADERSHIP].statements[1];
	assert_null(st->id.s);
	assert_int_equal(st->judgement, SK_JUDGE_MISSING);
	assert_true(r->areas[SK_AREA_IDENTIFICATION].present);
	assert_int_equal(r->areas[SK_AREA_IDENTIFICATION].count, 0);
	sk_review_free(r);
	sk_diags_free(diags);
}

/* One statement: a review with none is an error (empty-area). */
#define AREA "areas: {leadership: [{id: a, statement: s, judgement: in_place}]}\n"

static void test_of(void **state)
{
	static const want neither[] = {
		{2, 1, SK_ERROR, "missing-field", "\"of\" should name a \"trust\" or a \"school\""},
	};
	static const want empty[] = {
		{2, 1, SK_ERROR, "missing-field", "required key \"of\" has no value"},
	};
	static const want absent[] = {
		{1, 1, SK_ERROR, "missing-field", "missing required key \"of\" in the review"},
	};
	static const want no_urn[] = {
		{2, 6, SK_ERROR, "missing-field", "missing required key \"urn\" in \"school\""},
	};
	static const want scalar[] = {
		{2, 5, SK_ERROR, "wrong-type", "\"of\" should be a map, not a scalar"},
	};
	sk_diags *diags = sk_diags_new();
	sk_review *r;

	(void)state;
	check_review("sendkit: review\nof: {}\ndate: 2020-04-30\n" AREA, neither, 1);
	check_review("sendkit: review\nof:\ndate: 2020-04-30\n" AREA, empty, 1);
	check_review("sendkit: review\ndate: 2020-04-30\n" AREA, absent, 1);
	check_review("sendkit: review\nof: {school: {name: Oak}}\ndate: 2020-04-30\n" AREA, no_urn, 1);
	check_review("sendkit: review\nof: Oak\ndate: 2020-04-30\n" AREA, scalar, 1);

	r = load("sendkit: review\nof:\n  school: {name: Oak, urn: 123456}\ndate: 2020-04-30\n" AREA,
		 diags, SK_OK);
	check_text(r->school_name, "Oak", 3, 18);
	check_text(r->school_urn, "123456", 3, 28);
	assert_null(r->of_trust.s);
	assert_true(r->areas_present);
	sk_review_free(r);
	sk_diags_free(diags);
}

/* The review's date must be a day, and gives the year a term alone is in. */
static void test_dates(void **state)
{
	static const want recurring[] = {
		{2, 7, SK_ERROR, "bad-date", "\"termly\" is not a date"},
	};
	static const want term_alone[] = {
		{2, 7, SK_ERROR, "bad-date", "\"T3\""},
	};
	static const want impossible[] = {
		{5, 96, SK_ERROR, "bad-date", "\"2020-02-30\""},
	};
	static const char actions[] =
		"sendkit: review\nof: {trust: T}\ndate: 2020-04-30\nareas:\n"
		"  leadership: [{id: a, statement: s, judgement: in_place, actions: "
		"[{action: x, owner: y, due: ongoing}]}]\n";
	sk_diags *diags = sk_diags_new();
	sk_review *r;

	(void)state;
	check_review("sendkit: review\ndate: termly\nof: {trust: T}\n" AREA, recurring, 1);
	check_review("sendkit: review\ndate: T3\nof: {trust: T}\n" AREA, term_alone, 1);
	check_review("sendkit: review\nof: {trust: T}\ndate: 2020-04-30\nareas:\n"
		     "  leadership: [{id: a, statement: s, judgement: in_place, actions: "
		     "[{action: x, owner: y, due: 2020-02-30}]}]\n", impossible, 1);

	r = load(actions, diags, SK_OK);
	assert_int_equal(sk_diags_count(diags), 0);
	assert_int_equal(r->areas[0].statements[0].actions[0].due.when.kind, SK_WHEN_RECURRING);
	sk_review_free(r);
	sk_diags_free(diags);
}

static void test_not_review(void **state)
{
	static const char strategy[] = "sendkit: strategy\nyear: 2023-24\n";
	sk_diags *diags = sk_diags_new();
	sk_ydoc *doc;
	sk_review *r = (sk_review *)(uintptr_t)1;
	static const want wanted[] = {
		{1, 10, SK_ERROR, "not-sendkit", "this is a sendkit strategy, not a review"},
	};

	(void)state;
	assert_int_equal(sk_ydoc_load(&doc, strategy, strlen(strategy), "s.yaml", diags), SK_OK);
	assert_int_equal(sk_review_decode(&r, doc, diags), SK_EINVAL);
	assert_null(r);
	sk_ydoc_free(doc);
	CHECK_DIAGS(diags, wanted);
	sk_review_free(NULL);
	sk_diags_free(diags);
}

static void expect_judgement(const char *text, sk_judgement expected)
{
	sk_judgement j = (sk_judgement)99;
	int rc = expected == SK_JUDGE_MISSING ? SK_EINVAL : SK_OK;

	assert_int_equal(sk_judgement_parse(&j, text), rc);
	assert_int_equal(j, expected);
}

static void test_judgement(void **state)
{
	(void)state;
	expect_judgement("in_place", SK_JUDGE_IN_PLACE);
	expect_judgement("In Place", SK_JUDGE_IN_PLACE);
	expect_judgement("partly_in_place", SK_JUDGE_PARTLY_IN_PLACE);
	expect_judgement("Partly in place", SK_JUDGE_PARTLY_IN_PLACE);
	expect_judgement("  partly-in-place ", SK_JUDGE_PARTLY_IN_PLACE);
	expect_judgement("NOT_IN_PLACE", SK_JUDGE_NOT_IN_PLACE);
	expect_judgement("not in place", SK_JUDGE_NOT_IN_PLACE);
	expect_judgement("not judged", SK_JUDGE_NOT_JUDGED);
	expect_judgement("Not-Judged", SK_JUDGE_NOT_JUDGED);
	expect_judgement("done", SK_JUDGE_MISSING);
	expect_judgement("", SK_JUDGE_MISSING);
	expect_judgement("   ", SK_JUDGE_MISSING);
	expect_judgement(NULL, SK_JUDGE_MISSING);
	expect_judgement("in place!", SK_JUDGE_MISSING);
	expect_judgement("partly in  place", SK_JUDGE_MISSING);
	expect_judgement("partly in place partly in place partly in place", SK_JUDGE_MISSING);

	assert_string_equal(sk_judgement_key(SK_JUDGE_IN_PLACE), "in_place");
	assert_string_equal(sk_judgement_key(SK_JUDGE_PARTLY_IN_PLACE), "partly_in_place");
	assert_string_equal(sk_judgement_key(SK_JUDGE_NOT_IN_PLACE), "not_in_place");
	assert_string_equal(sk_judgement_key(SK_JUDGE_NOT_JUDGED), "not_judged");
	assert_string_equal(sk_judgement_key(SK_JUDGE_MISSING), "");
	assert_string_equal(sk_judgement_key((sk_judgement)99), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_flawed),
		cmocka_unit_test(test_of),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_not_review),
		cmocka_unit_test(test_judgement),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
