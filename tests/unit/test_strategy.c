/* Tests for the strategy model (sendkit/strategy.h) and sendkit/model.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "decode_internal.h"
#include "diag_check.h"
#include "sendkit/sendkit.h"

static sk_strategy *load(const char *text, sk_diags *diags, int want_rc)
{
	sk_strategy *s = (sk_strategy *)(uintptr_t)1;

	assert_int_equal(sk_strategy_load(&s, text, strlen(text), "s.yaml", diags), want_rc);
	if (want_rc == SK_OK)
		assert_non_null(s);
	else
		assert_null(s);
	return s;
}

static const char complete[] =
	"sendkit: strategy\n"                                            /* 1 */
	"school:\n"
	"  name: Holy Trinity CE Primary School\n"
	"  urn: 123456\n"
	"  la: Somerset\n"                                               /* 5 */
	"  hub: Somerset Hub\n"
	"year: 2023-2024\n"
	"summary:\n"
	"  census: 2024-01-18\n"
	"  on_roll: 412\n"                                               /* 10 */
	"  sen_support: \"52\"\n"
	"  ehcp: 9\n"
	"headlines:\n"
	"  review_date: 2023-06-20\n"
	"  strengths: [Clear vision, Strong SENCo, Good training]\n"     /* 15 */
	"  recommendations:\n"
	"    - Governor training\n"
	"    - Provision map\n"
	"    - Parent voice\n"
	"areas:\n"                                                       /* 20 */
	"  leadership:\n"
	"    strengths: Governors know SEND well\n"
	"    recommendations: [Termly governor visits]\n"
	"    actions:\n"
	"      - action: Half-termly SEND governor visits\n"             /* 25 */
	"        cost: \"\xc2\xa3" "450\"\n"
	"        steps: Visit dates agreed\n"
	"        lead: Claire West, SENCo\n"
	"        timescale: T1-T6\n"
	"        success: Notes for all six visits on file\n"           /* 30 */
	"        review:\n"
	"          date: 2024-02-09\n"
	"          method: Governing body minutes\n"
	"        impact:\n"
	"          term3: Three visits done\n"                           /* 35 */
	"          term5: Five visits done\n"
	"    budget: \"\xc2\xa3" "450\"\n"
	"  identification:\n"
	"    actions:\n"
	"      - action: Screen all Year 1 pupils\n"                     /* 40 */
	"        cost: 0\n"
	"        steps: Use the screener\n"
	"        lead: SENCo\n"
	"        timescale: when staffing allows\n"
	"        success: All pupils screened\n"                         /* 45 */
	"        review: {date: T3, method: Data review}\n"
	"  tracking_and_monitoring:\n"
	"  teaching_and_intervention: {}\n"
	"  developing_provision:\n"
	"    actions: []\n";                                             /* 50 */

static void check_complete_top(const sk_strategy *s)
{
	assert_string_equal(s->file, "s.yaml");
	assert_true(s->school.present);
	check_pos(s->school.pos, 2, 1);
	check_text(s->school.name, "Holy Trinity CE Primary School", 3, 9);
	check_text(s->school.urn, "123456", 4, 8);
	check_text(s->school.la, "Somerset", 5, 7);
	check_text(s->school.hub, "Somerset Hub", 6, 8);
	check_text(s->year, "2023-2024", 7, 7);
	assert_int_equal(s->year_start, 2023);

	assert_true(s->summary.present);
	check_pos(s->summary.pos, 8, 1);
	check_text(s->summary.census.text, "2024-01-18", 9, 11);
	assert_int_equal(s->summary.census.when.kind, SK_WHEN_DATE);
	check_date(s->summary.census.when.due, 2024, 1, 18);
	assert_true(s->summary.on_roll.present && s->summary.on_roll.valid);
	assert_int_equal(s->summary.on_roll.value, 412);
	check_pos(s->summary.on_roll.pos, 10, 12);
	assert_true(s->summary.sen_support.valid);
	assert_int_equal(s->summary.sen_support.value, 52);
	check_pos(s->summary.sen_support.pos, 11, 16);
	assert_int_equal(s->summary.ehcp.value, 9);
	check_pos(s->summary.ehcp.pos, 12, 9);

	assert_true(s->headlines.present);
	check_pos(s->headlines.pos, 13, 1);
	check_text(s->headlines.review_date.text, "2023-06-20", 14, 16);
	check_date(s->headlines.review_date.when.due, 2023, 6, 20);
	assert_true(s->headlines.strengths.present);
	assert_int_equal(s->headlines.strengths.count, 3);
	check_pos(s->headlines.strengths.pos, 15, 14);
	check_text(s->headlines.strengths.items[0], "Clear vision", 15, 15);
	check_text(s->headlines.strengths.items[1], "Strong SENCo", 15, 29);
	check_text(s->headlines.strengths.items[2], "Good training", 15, 43);
	assert_int_equal(s->headlines.recommendations.count, 3);
	check_pos(s->headlines.recommendations.pos, 17, 5);
	check_text(s->headlines.recommendations.items[0], "Governor training", 17, 7);
	check_text(s->headlines.recommendations.items[2], "Parent voice", 19, 7);
}

static void check_complete_leadership(const sk_strategy_area *a)
{
	const sk_strategy_action *x = &a->actions[0];

	assert_true(a->present);
	check_pos(a->pos, 21, 3);
	assert_true(a->strengths.present);
	assert_int_equal(a->strengths.count, 1);
	check_pos(a->strengths.pos, 22, 5);
	check_text(a->strengths.items[0], "Governors know SEND well", 22, 16);
	assert_int_equal(a->recommendations.count, 1);
	check_pos(a->recommendations.pos, 23, 22);
	check_text(a->recommendations.items[0], "Termly governor visits", 23, 23);
	assert_true(a->actions_present);
	check_pos(a->actions_pos, 24, 5);
	assert_int_equal(a->action_count, 1);

	check_pos(x->pos, 25, 9);
	check_text(x->action, "Half-termly SEND governor visits", 25, 17);
	check_text(x->cost.text, "\xc2\xa3" "450", 26, 15);
	assert_true(x->cost.valid);
	assert_int_equal(x->cost.pence, 45000);
	check_text(x->steps, "Visit dates agreed", 27, 16);
	check_text(x->lead, "Claire West, SENCo", 28, 15);
	check_text(x->timescale.text, "T1-T6", 29, 20);
	assert_int_equal(x->timescale.when.kind, SK_WHEN_RANGE);
	check_date(x->timescale.when.start, 2023, 9, 1);
	check_date(x->timescale.when.due, 2024, 7, 31);
	check_text(x->success, "Notes for all six visits on file", 30, 18);
	check_pos(x->review_pos, 31, 9);
	check_text(x->review_date.text, "2024-02-09", 32, 17);
	check_date(x->review_date.when.due, 2024, 2, 9);
	check_text(x->review_method, "Governing body minutes", 33, 19);
	assert_null(x->impact[0].s);
	check_text(x->impact[2], "Three visits done", 35, 18);
	check_text(x->impact[4], "Five visits done", 36, 18);
	assert_null(x->impact[5].s);

	check_text(a->budget.text, "\xc2\xa3" "450", 37, 13);
	assert_true(a->budget.valid);
	assert_int_equal(a->budget.pence, 45000);
}

static void check_complete_other_areas(const sk_strategy *s)
{
	const sk_strategy_area *id = &s->areas[SK_AREA_IDENTIFICATION];
	const sk_strategy_action *x = &id->actions[0];

	assert_int_equal(id->action_count, 1);
	assert_false(id->strengths.present);
	assert_null(id->budget.text.s);
	assert_false(id->budget.valid);
	check_text(x->cost.text, "0", 41, 15);
	assert_true(x->cost.valid);
	assert_int_equal(x->cost.pence, 0);
	check_text(x->timescale.text, "when staffing allows", 44, 20);
	assert_int_equal(x->timescale.when.kind, SK_WHEN_NONE);
	check_pos(x->review_pos, 46, 9);
	check_text(x->review_date.text, "T3", 46, 24);
	check_date(x->review_date.when.due, 2024, 2, 29);
	assert_string_equal(x->review_method.s, "Data review");

	/* Empty areas are kept: saying they are empty is action-lint's job. */
	for (int i = SK_AREA_TRACKING; i < SK_AREA_COUNT; i++) {
		assert_true(s->areas[i].present);
		assert_int_equal(s->areas[i].action_count, 0);
	}
	check_pos(s->areas[SK_AREA_TRACKING].pos, 47, 3);
	assert_false(s->areas[SK_AREA_TRACKING].actions_present);
	assert_false(s->areas[SK_AREA_TEACHING].actions_present);
	assert_true(s->areas[SK_AREA_PROVISION].actions_present);
	check_pos(s->areas[SK_AREA_PROVISION].actions_pos, 50, 5);
	assert_true(s->areas_present);
	check_pos(s->areas_pos, 20, 1);
}

static void test_complete(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_strategy *s = load(complete, diags, SK_OK);

	(void)state;
	assert_int_equal(sk_diags_count(diags), 0);
	check_complete_top(s);
	check_complete_leadership(&s->areas[SK_AREA_LEADERSHIP]);
	check_complete_other_areas(s);
	sk_strategy_free(s);
	sk_diags_free(diags);
}

/* The model owns its strings: they outlive the parsed document. */
static void test_outlives_document(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_ydoc *doc;
	sk_strategy *s;

	(void)state;
	assert_int_equal(sk_ydoc_load(&doc, complete, strlen(complete), "doc.yaml", diags), SK_OK);
	assert_int_equal(sk_strategy_decode(&s, doc, diags), SK_OK);
	sk_ydoc_free(doc);
	assert_string_equal(s->file, "doc.yaml");
	assert_string_equal(s->school.name.s, "Holy Trinity CE Primary School");
	assert_string_equal(s->areas[0].actions[0].impact[2].s, "Three visits done");
	assert_string_equal(s->headlines.strengths.items[1].s, "Strong SENCo");
	sk_strategy_free(s);
	sk_strategy_free(NULL);
	sk_diags_free(diags);
}

static const char flawed[] =
	"sendkit: strategy\n"                       /* 1 */
	"school:\n"
	"  name: Oak Primary\n"
	"  URN: 123456\n"
	"year: 2023-2025\n"                         /* 5 */
	"colour: blue\n"
	"summary:\n"
	"  census: soon\n"
	"  on_roll: 4l2\n"
	"  sen_suport: 52\n"                        /* 10 */
	"  ehcp: [9]\n"
	"headlines:\n"
	"  strengths: {a: b}\n"
	"areas:\n"
	"  leadership:\n"                           /* 15 */
	"    actions:\n"
	"      - action: Visits\n"
	"        cost: lots\n"
	"        Lead: SENCo\n"
	"        timscale: T1\n"                    /* 20 */
	"        success: Done\n"
	"        review:\n"
	"          date: 2024-02-30\n"
	"        impact:\n"
	"          notes: x\n"                      /* 25 */
	"      - just text\n"
	"    budget: [1]\n"
	"  identification: []\n"
	"  tracking_and_monitoring:\n"
	"  teaching_and_intervention:\n";           /* 30 */

static void test_flawed(void **state)
{
	static const want wanted[] = {
		{4, 3, SK_ERROR, "misspelt-key", "did you mean \"urn\"?"},
		{5, 7, SK_ERROR, "bad-year", "2023-2025"},
		{6, 1, SK_WARNING, "unknown-key", "\"colour\" in the strategy is ignored"},
		{8, 11, SK_ERROR, "bad-date", "\"soon\""},
		{9, 12, SK_ERROR, "wrong-type", "should be a whole number, not \"4l2\""},
		{10, 3, SK_ERROR, "misspelt-key", "did you mean \"sen_support\"?"},
		{11, 9, SK_ERROR, "wrong-type", "\"ehcp\" should be a whole number, not a list"},
		{13, 14, SK_ERROR, "wrong-type", "\"strengths\" should be a list, not a map"},
		{14, 1, SK_ERROR, "missing-field", "\"developing_provision\""},
		{17, 9, SK_ERROR, "missing-field", "\"steps\""},
		{18, 15, SK_ERROR, "bad-money", "\"lots\""},
		{19, 9, SK_ERROR, "misspelt-key", "did you mean \"lead\"?"},
		{20, 9, SK_ERROR, "misspelt-key", "did you mean \"timescale\"?"},
		{22, 9, SK_ERROR, "missing-field", "\"method\""},
		{23, 17, SK_ERROR, "bad-date", "2024-02-30"},
		{25, 11, SK_WARNING, "unknown-key", "\"notes\" in \"impact\" is ignored"},
		{26, 9, SK_ERROR, "wrong-type", "each item of \"actions\" should be a map, not a scalar"},
		{27, 13, SK_ERROR, "wrong-type", "\"budget\""},
		{28, 19, SK_ERROR, "wrong-type", "\"identification\" should be a map, not a list"},
	};
	sk_diags *diags = sk_diags_new();
	sk_strategy *s = load(flawed, diags, SK_OK);
	const sk_strategy_action *x;

	(void)state;
	CHECK_DIAGS(diags, wanted);
	/* Only the "did you mean" warnings say "did you mean". */
	assert_null(strstr(sk_diags_at(diags, 3)->message, "did you mean"));

	/* What could be read is kept. */
	assert_int_equal(s->year_start, 0);
	check_text(s->school.name, "Oak Primary", 3, 9);
	assert_null(s->school.urn.s);
	assert_true(s->summary.on_roll.present);
	assert_false(s->summary.on_roll.valid);
	assert_false(s->summary.sen_support.present);
	assert_false(s->summary.ehcp.valid);
	assert_true(s->headlines.strengths.present);
	assert_int_equal(s->headlines.strengths.count, 0);
	assert_int_equal(s->summary.census.when.kind, SK_WHEN_NONE);
	assert_int_equal(s->areas[0].action_count, 1);
	x = &s->areas[0].actions[0];
	check_text(x->cost.text, "lots", 18, 15);
	assert_false(x->cost.valid);
	assert_null(x->lead.s);
	assert_int_equal(x->review_date.when.kind, SK_WHEN_NONE);
	assert_true(s->areas[SK_AREA_IDENTIFICATION].present);
	assert_false(s->areas[SK_AREA_PROVISION].present);
	sk_strategy_free(s);
	sk_diags_free(diags);
}

/* A term alone is not blamed when the year it needs was the problem; a
 * required key written without a value is missing. */
static void test_missing_year_and_empty_values(void **state)
{
	static const char text[] =
		"sendkit: strategy\n"                       /* 1 */
		"school: {name: Oak, urn: \"\"}\n"
		"areas:\n"
		"  leadership:\n"
		"    strengths: [~, Kind staff]\n"         /* 5 */
		"    actions:\n"
		"      - action: Visits\n"
		"        cost: free\n"
		"        steps: ~\n"
		"        lead:\n"                            /* 10 */
		"        timescale: 2024-02-30\n"
		"        success: Done\n"
		"        review: {date: T3, method: Minutes}\n"
		"      -\n"
		"  identification:\n"                        /* 15 */
		"  tracking_and_monitoring:\n"
		"  teaching_and_intervention:\n"
		"  developing_provision:\n"
		"summary: {on_roll: -3, sen_support: 1.5, ehcp: \"+2\"}\n";
	static const want wanted[] = {
		{1, 1, SK_ERROR, "missing-field", "missing required key \"year\" in the strategy"},
		{2, 21, SK_ERROR, "missing-field", "required key \"urn\" has no value"},
		{9, 9, SK_ERROR, "missing-field", "required key \"steps\" has no value"},
		{10, 9, SK_ERROR, "missing-field", "required key \"lead\" has no value"},
		{11, 20, SK_ERROR, "bad-date", "2024-02-30"},
		{14, 8, SK_ERROR, "wrong-type", "should be a map, not empty"},
		{19, 37, SK_ERROR, "wrong-type", "\"sen_support\" should be a whole number"},
	};
	sk_diags *diags = sk_diags_new();
	sk_strategy *s = load(text, diags, SK_OK);
	const sk_strategy_action *x;

	(void)state;
	CHECK_DIAGS(diags, wanted);
	assert_int_equal(s->areas[0].strengths.count, 1);
	check_text(s->areas[0].strengths.items[0], "Kind staff", 5, 20);
	x = &s->areas[0].actions[0];
	assert_true(x->cost.valid);
	assert_int_equal(x->cost.pence, 0);
	assert_null(x->steps.s);
	assert_string_equal(x->review_date.text.s, "T3");
	assert_int_equal(x->review_date.when.kind, SK_WHEN_NONE);
	assert_int_equal(s->summary.on_roll.value, -3);
	assert_true(s->summary.on_roll.valid);
	assert_int_equal(s->summary.ehcp.value, 2);
	assert_false(s->summary.sen_support.valid);
	sk_strategy_free(s);
	sk_diags_free(diags);
}

static void check_not_strategy(const char *text, unsigned line, unsigned col, const char *msg)
{
	sk_diags *diags = sk_diags_new();
	const want wanted[] = {{line, col, SK_ERROR, "not-sendkit", msg}};

	load(text, diags, SK_EINVAL);
	CHECK_DIAGS(diags, wanted);
	sk_diags_free(diags);
}

static void test_not_sendkit(void **state)
{
	(void)state;
	check_not_strategy("sendkit: review\nof: {trust: T}\n", 1, 10,
			   "this is a sendkit review, not a strategy");
	check_not_strategy("# notes\nschool: {name: Oak}\n", 2, 1,
			   "no \"sendkit: strategy\" line");
	check_not_strategy("- sendkit: strategy\n", 1, 1, "should be a map of keys, not a list");
	check_not_strategy("sendkit: Strategy\n", 1, 10,
			   "\"sendkit\" should be \"strategy\", not \"Strategy\"");
	check_not_strategy("sendkit: [strategy]\n", 1, 10, "not a list");
}

static void test_bad_yaml(void **state)
{
	sk_diags *diags = sk_diags_new();
	sk_strategy *s = (sk_strategy *)(uintptr_t)1;
	const char text[] = "sendkit: strategy\nschool: [unclosed\n";

	(void)state;
	assert_int_not_equal(sk_strategy_load(&s, text, strlen(text), "x.yaml", diags), SK_OK);
	assert_null(s);
	assert_int_not_equal(sk_diags_count_severity(diags, SK_ERROR), 0);
	sk_diags_free(diags);
}

static void test_did_you_mean(void **state)
{
	static const char *const keys[] = {
		"action", "cost", "steps", "lead", "timescale", "success", "review", "impact",
	};
	static const char *const summary[] = {"census", "on_roll", "sen_support", "ehcp"};
	const size_t n = sizeof(keys) / sizeof(keys[0]);

	(void)state;
	assert_string_equal(sk_text_did_you_mean("timscale", keys, n), "timescale");
	assert_string_equal(sk_text_did_you_mean("Lead", keys, n), "lead");
	assert_string_equal(sk_text_did_you_mean("TIMESCALE", keys, n), "timescale");
	assert_string_equal(sk_text_did_you_mean("sucess", keys, n), "success");
	assert_string_equal(sk_text_did_you_mean("reveiw", keys, n), "review");   /* a swap */
	assert_string_equal(sk_text_did_you_mean("cots", keys, n), "cost");
	assert_string_equal(sk_text_did_you_mean("sen_suport", summary, 4), "sen_support");
	assert_string_equal(sk_text_did_you_mean("onroll", summary, 4), "on_roll");
	assert_null(sk_text_did_you_mean("colour", keys, n));
	assert_null(sk_text_did_you_mean("owner", keys, n));
	assert_null(sk_text_did_you_mean("x", keys, n));
	assert_null(sk_text_did_you_mean("", keys, n));
	assert_null(sk_text_did_you_mean(NULL, keys, n));
	assert_null(sk_text_did_you_mean("timescale", keys, 0));
	assert_null(sk_text_did_you_mean("tmscl", keys, n));   /* four edits in five letters */
}

/* Text quoted in messages is cut short, never inside a character. */
static void test_cut(void **state)
{
	char text[128] = "a";

	(void)state;
	for (int i = 0; i < 40; i++)
		strcat(text, "\xc3\xa9");
	assert_int_equal(sk_decode__cut(text), 59);
	assert_int_equal(sk_decode__cut(text + 1), 60);
	assert_int_equal(sk_decode__cut("soon"), 4);
	assert_int_equal(sk_decode__cut(""), 0);
}

static sk_file_kind kind_of(const char *text)
{
	sk_diags *diags = sk_diags_new();
	sk_ydoc *doc;
	sk_file_kind kind;

	assert_int_equal(sk_ydoc_load(&doc, text, strlen(text), "k.yaml", diags), SK_OK);
	kind = sk_file_kind_of(sk_ydoc_root(doc));
	sk_ydoc_free(doc);
	sk_diags_free(diags);
	return kind;
}

static void test_file_kind_of(void **state)
{
	(void)state;
	assert_int_equal(kind_of("sendkit: strategy\n"), SK_FILE_STRATEGY);
	assert_int_equal(kind_of("year: 2023-24\nsendkit: review\n"), SK_FILE_REVIEW);
	assert_int_equal(kind_of("sendkit: \"strategy\"\n"), SK_FILE_STRATEGY);
	assert_int_equal(kind_of("sendkit: census\n"), SK_FILE_OTHER);
	assert_int_equal(kind_of("sendkit:\n"), SK_FILE_OTHER);
	assert_int_equal(kind_of("sendkit: {a: b}\n"), SK_FILE_OTHER);
	assert_int_equal(kind_of("name: x\n"), SK_FILE_UNKNOWN);
	assert_int_equal(kind_of("- sendkit: strategy\n"), SK_FILE_UNKNOWN);
	assert_int_equal(kind_of(""), SK_FILE_UNKNOWN);
	assert_int_equal(sk_file_kind_of(NULL), SK_FILE_UNKNOWN);
}

/* A bullet or dash pasted before a text ("- \u2022 text", a value
 * "\u2022 text") is left off it, each with the one yaml-slip warning; a dash
 * that is the text, or has no space after it, stays. "- - text" is a list
 * (an error, as the schema says) whose text is kept. */
static void test_pasted_marks(void **state)
{
	static const char text[] =
		"sendkit: strategy\n"
		"headlines:\n"
		"  strengths:\n"
		"    - \xe2\x80\xa2 One\n"                       /* 4: a bullet */
		"    - - Two\n"                     /* 5: a dash, a list: an error, its text kept */
		"    - \xe2\x80\x94 Three\n"                     /* 6: an em dash */
		"  recommendations: [\"- Four\", -5 pupils, \xe2\x80\x93]\n"  /* quoted: kept */
		"areas:\n"
		"  leadership:\n"
		"    actions:\n"
		"      - action: \xe2\x80\x93 Visits\n"            /* 11: an en dash */
		"        lead: \xe2\x80\xa2" "Ann\n"                /* 12: a bullet, no space */
		"        steps: |\n"                          /* a list in a text: kept */
		"          - Visit\n"
		"          - Write\n";
	sk_diags *diags = sk_diags_new();
	sk_strategy *s;
	size_t slips = 0;

	(void)state;
	s = load(text, diags, SK_OK);
	const sk_text_list *st = &s->headlines.strengths, *rec = &s->headlines.recommendations;
	assert_int_equal(st->count, 3);
	assert_string_equal(st->items[0].s, "One");
	assert_string_equal(st->items[1].s, "Two");
	assert_string_equal(st->items[2].s, "Three");
	assert_int_equal(rec->count, 3);
	assert_string_equal(rec->items[0].s, "- Four");
	assert_string_equal(rec->items[1].s, "-5 pupils");
	assert_string_equal(rec->items[2].s, "\xe2\x80\x93");
	const sk_strategy_area *a = &s->areas[SK_AREA_LEADERSHIP];
	assert_int_equal(a->action_count, 1);
	assert_string_equal(a->actions[0].action.s, "Visits");
	assert_string_equal(a->actions[0].lead.s, "Ann");
	assert_string_equal(a->actions[0].steps.s, "- Visit\n- Write");
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		if (strcmp(d->rule, "yaml-slip") != 0)
			continue;
		assert_non_null(strstr(d->message, "pasted at the start of the text is left off"));
		slips++;
	}
	assert_int_equal(slips, 4);
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);
		const want dash = {5, 7, SK_ERROR, "wrong-type", "a \"-\" pasted after the list's"};
		const want en = {11, 17, SK_WARNING, "yaml-slip", "a \"\xe2\x80\x93\" pasted"};

		slips += diag_matches(d, &dash) || diag_matches(d, &en);
	}
	assert_int_equal(slips, 6);
	for (size_t i = 0; i < sk_diags_count(diags); i++)
		slips += strcmp(sk_diags_at(diags, i)->rule, "wrong-type") == 0;
	assert_int_equal(slips, 7);
	sk_strategy_free(s);
	sk_diags_free(diags);
}

/* An area by its key: a value through out, SK_EINVAL for none (never -1). */
static void test_area_find(void **state)
{
	sk_area a = SK_AREA_COUNT;

	(void)state;
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		assert_int_equal(sk_area_find(&a, sk_area_key((sk_area)i)), SK_OK);
		assert_int_equal(a, i);
	}
	a = SK_AREA_COUNT;
	assert_int_equal(sk_area_find(&a, "Leadership"), SK_EINVAL);
	assert_int_equal(sk_area_find(&a, NULL), SK_EINVAL);
	assert_int_equal(a, SK_AREA_COUNT);
	assert_int_equal(sk_area_find(&a, "tracking_and_monitoring"), SK_OK);
	assert_int_equal(a, SK_AREA_TRACKING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_area_find),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_outlives_document),
		cmocka_unit_test(test_flawed),
		cmocka_unit_test(test_missing_year_and_empty_values),
		cmocka_unit_test(test_not_sendkit),
		cmocka_unit_test(test_bad_yaml),
		cmocka_unit_test(test_did_you_mean),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_file_kind_of),
		cmocka_unit_test(test_pasted_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
