/* Tests for action-lint's rule engine (sendkit/lint.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sendkit/sendkit.h"
#include "sendkit/lint.h"
#include "diag_check.h"

/* A complete strategy: no findings as of 2024-03-01. */
static const char base[] =
	"sendkit: strategy\n"   /* 1 */
	"school:\n"
	"  name: Holy Trinity CE Primary School\n"
	"  urn: 123456\n"
	"year: 2023-2024\n"   /* 5 */
	"summary:\n"
	"  census: 2024-01-18\n"
	"  on_roll: 412\n"
	"  sen_support: 52\n"
	"  ehcp: 9\n"   /* 10 */
	"headlines:\n"
	"  strengths: [Clear vision, Strong SENCo, Good training]\n"
	"  recommendations: [Governor training, Provision map, Parent voice]\n"
	"areas:\n"
	"  leadership:\n"   /* 15 */
	"    strengths: [Governors know SEND]\n"
	"    recommendations: [Termly visits]\n"
	"    actions:\n"
	"      - action: Governor visits\n"
	"        cost: \"\xc2\xa3" "450\"\n"   /* 20 */
	"        steps: Dates agreed\n"
	"        lead: Claire West\n"
	"        timescale: T1-T6\n"
	"        success: Notes on file\n"
	"        review:\n"   /* 25 */
	"          date: 2024-02-09\n"
	"          method: Minutes\n"
	"        impact:\n"
	"          term3: Three visits done\n"
	"    budget: \"\xc2\xa3" "450\"\n"   /* 30 */
	"  identification:\n"
	"    strengths: [Early screening]\n"
	"    recommendations: [Screen Year 1]\n"
	"    actions:\n"
	"      - {action: Screening, cost: 0, "
		"steps: Buy kit, lead: Ann, "
		"timescale: termly, "
		"success: All screened, review: {date: T5, method: Results}}\n"   /* 35 */
	"  tracking_and_monitoring:\n"
	"    strengths: [Plans reviewed]\n"
	"    recommendations: [Provision map]\n"
	"    actions:\n"
	"      - {action: Map, cost: 0, "
		"steps: Subscribe, lead: Ann, "
		"timescale: by end of T3, "
		"success: Data, review: {date: T6, method: Map}}\n"   /* 40 */
	"  teaching_and_intervention:\n"
	"    strengths: [Good TAs]\n"
	"    recommendations: [Evidence-based]\n"
	"    actions:\n"
	"      - {action: Reading, cost: 0, "
		"steps: Train, lead: Ann, "
		"timescale: March 2024, "
		"success: Progress, review: {date: 2024-06-28, method: Ages}}\n"   /* 45 */
	"  developing_provision:\n"
	"    strengths: [Pre-school links]\n"
	"    recommendations: [Hub sharing]\n"
	"    actions:\n"
	"      - {action: Hub, cost: 0, "
		"steps: Meet, lead: Ann, "
		"timescale: Summer 2024, "
		"success: Shared, review: {date: 2024-07-10, method: Notes}}\n"   /* 50 */;

static const sk_date as_of = {2024, 3, 1};

/* base with the first `old` replaced by `new` (the test frees it). */
static char *edit(const char *text, const char *old, const char *new_text)
{
	const char *at = strstr(text, old);
	size_t n = strlen(text), a, b;
	char *out;

	assert_non_null(at);
	a = (size_t)(at - text);
	b = strlen(old);
	out = malloc(n - b + strlen(new_text) + 1);
	assert_non_null(out);
	memcpy(out, text, a);
	strcpy(out + a, new_text);
	strcat(out, at + b);
	return out;
}

/* Lints `text` as one file of a run, with `config` (NULL for defaults). */
static void lint_with(const char *text, const sk_lint_config *config, sk_date today,
		      sk_diags *diags)
{
	sk_lint_options o = SK_LINT_OPTIONS_INIT;
	sk_lint *lint;

	o.as_of = today;
	assert_int_equal(sk_lint_new(&lint, &o), SK_OK);
	assert_int_equal(sk_lint_file(lint, text, strlen(text), "s.yaml", config, diags), SK_OK);
	assert_int_equal(sk_lint_finish(lint, diags), SK_OK);
	assert_int_equal(sk_lint_file_count(lint), 1);
	sk_lint_free(lint);
}

/* Lints base with one edit and checks the findings are exactly `wanted`. */
static void check_edit(const char *old, const char *new_text, const want *wanted, size_t n)
{
	char *text = edit(base, old, new_text);
	sk_diags *diags = sk_diags_new();

	lint_with(text, NULL, as_of, diags);
	check_diags(diags, wanted, n);
	sk_diags_free(diags);
	free(text);
}

#define CHECK_EDIT(old, new_text, wanted) \
	check_edit((old), (new_text), (wanted), sizeof(wanted) / sizeof((wanted)[0]))

/* A value written <like this> is the template's placeholder: one finding, in
 * place of what the value would otherwise get (bad-urn, wrong-type,
 * bad-money, vague-timescale); text with < and > inside is not one. */
static void test_placeholder(void **state)
{
	static const want urn[] = {
		{4, 8, SK_ERROR, "placeholder", "\"<the school's six-digit URN>\" is left from"},
	};
	static const want count[] = {{8, 12, SK_ERROR, "placeholder", NULL}};
	static const want cost[] = {{20, 15, SK_ERROR, "placeholder", NULL}};
	static const want list[] = {{16, 17, SK_ERROR, "placeholder", NULL}};
	static const want timescale[] = {{23, 20, SK_ERROR, "placeholder", NULL}};
	static const want none[] = {{0, 0, SK_ERROR, "", NULL}};
	/* A real name left in the brackets: the message says to drop them (F15). */
	static const want name[] = {
		{3, 9, SK_ERROR, "placeholder", "if it is the real value, delete the angle brackets"},
	};
	/* An e-mail address in brackets is the writer's text (atk9 F9); a
	 * template's text typed into with spaces is still its (F12). */
	static const want staff[] = {{22, 15, SK_ERROR, "placeholder", "is left from the template"}};

	(void)state;
	CHECK_EDIT("name: Holy Trinity CE Primary School", "name: <Beacon Primary School>", name);
	CHECK_EDIT("urn: 123456", "urn: <the school's six-digit URN>", urn);
	CHECK_EDIT("on_roll: 412", "on_roll: <number of pupils on roll>", count);
	CHECK_EDIT("cost: \"\xc2\xa3" "450\"", "cost: \" <cost> \"", cost);
	CHECK_EDIT("[Governors know SEND]", "[<an area of strength>]", list);
	CHECK_EDIT("timescale: T1-T6", "timescale: <when>", timescale);
	check_edit("success: Notes on file", "success: <5 pupils> get >90%", none, 0);
	check_edit("success: Notes on file", "success: <>", none, 0);
	check_edit("lead: Claire West", "lead: \"<c.west@school.org>\"", none, 0);
	CHECK_EDIT("lead: Claire West", "lead: \"<the staff lead  and their role>\"", staff);
}

static void test_rule_table(void **state)
{
	size_t n = sk_lint_rule_count();

	(void)state;
	assert_true(n >= 30);
	for (size_t i = 0; i < n; i++) {
		const sk_lint_rule *r = sk_lint_rule_at(i);

		assert_non_null(r);
		size_t found = n;
		assert_int_equal(sk_lint_rule_find(&found, r->name), SK_OK);
		assert_int_equal(found, i);
		assert_true(strlen(r->description) > 10);
		assert_true(r->severity == SK_ERROR || r->severity == SK_WARNING);
	}
	assert_null(sk_lint_rule_at(n));
	size_t index = n;
	assert_int_equal(sk_lint_rule_find(&index, "no-such-rule"), SK_EINVAL);
	assert_int_equal(index, n);
	assert_int_equal(sk_lint_rule_find(&index, "vague-timescale"), SK_OK);
	assert_int_equal(sk_lint_rule_at(index)->severity, SK_WARNING);
}

static void test_complete(void **state)
{
	sk_diags *diags = sk_diags_new();

	(void)state;
	lint_with(base, NULL, as_of, diags);
	assert_int_equal(sk_diags_count(diags), 0);
	sk_diags_free(diags);
}

static void test_missing_area(void **state)
{
	static const want w[] = {
		{14, 1, SK_ERROR, "missing-area", "\"developing_provision\" (Developing Provision)"},
		{46, 3, SK_WARNING, "unknown-key", "other_things"},
	};
	(void)state;
	CHECK_EDIT("  developing_provision:", "  other_things:", w);
}

static void test_empty_area(void **state)
{
	static const want no_actions[] = {
		{34, 5, SK_ERROR, "empty-area", "\"identification\" has no actions"},
	};
	static const want no_strengths[] = {
		{32, 16, SK_ERROR, "empty-area", "\"identification\" has no strengths"},
	};
	static const want empty[] = {
		{46, 3, SK_ERROR, "empty-area", "\"developing_provision\" is empty"},
	};
	const char *cut = strstr(base, "  developing_provision:\n");
	char *text = strndup(base, (size_t)(cut - base) + strlen("  developing_provision:\n"));
	sk_diags *diags = sk_diags_new();

	(void)state;
	CHECK_EDIT("    actions:\n      - {action: Screening", "    actions: []\n#", no_actions);
	CHECK_EDIT("    strengths: [Early screening]", "    strengths: []", no_strengths);
	lint_with(text, NULL, as_of, diags);
	CHECK_DIAGS(diags, empty);
	sk_diags_free(diags);
	free(text);
}

static void test_headline_count(void **state)
{
	static const want two[] = {
		{13, 20, SK_WARNING, "headline-count", "have 2 recommendations"},
	};
	static const want none[] = {
		{11, 1, SK_WARNING, "headline-count", "have no strengths"},
	};
	(void)state;
	CHECK_EDIT("[Governor training, Provision map, Parent voice]",
		   "[Governor training, Provision map]", two);
	CHECK_EDIT("  strengths: [Clear vision, Strong SENCo, Good training]", "  #", none);
}

static void test_budget_mismatch(void **state)
{
	static const want w[] = {
		{30, 13, SK_ERROR, "budget-mismatch",
		 "the budget, \xc2\xa3" "540, is not the sum of this area's costs, \xc2\xa3" "450"},
	};
	static const want bad_cost[] = {
		{20, 15, SK_ERROR, "bad-money", "TBC"},
	};
	(void)state;
	CHECK_EDIT("    budget: \"\xc2\xa3" "450\"", "    budget: \"\xc2\xa3" "540\"", w);
	/* A cost that cannot be read says nothing about the budget. */
	CHECK_EDIT("        cost: \"\xc2\xa3" "450\"", "        cost: TBC", bad_cost);
}

static void test_impossible_count(void **state)
{
	static const want negative[] = {
		{10, 9, SK_ERROR, "impossible-count", "\"ehcp\" cannot be negative (-9)"},
	};
	static const want over[] = {
		{9, 16, SK_ERROR, "impossible-count", "520 pupils on SEN support is more than"},
	};
	static const want sum[] = {
		{8, 12, SK_ERROR, "impossible-count", "make 61, more than the 60 on roll"},
	};
	(void)state;
	CHECK_EDIT("ehcp: 9", "ehcp: -9", negative);
	CHECK_EDIT("sen_support: 52", "sen_support: 520", over);
	CHECK_EDIT("on_roll: 412", "on_roll: 60", sum);
}

static void test_bad_urn(void **state)
{
	static const want w[] = {
		{4, 8, SK_ERROR, "bad-urn", "URN \"12345\" should be six digits"},
	};
	(void)state;
	CHECK_EDIT("urn: 123456", "urn: 12345", w);
}

static void test_date_outside_year(void **state)
{
	static const want review[] = {
		{26, 17, SK_ERROR, "date-outside-year",
		 "the review date 2023-02-09 falls outside the academic year 2023-2024"},
	};
	/* Two years before: the message says what to give instead. */
	static const want census[] = {
		{7, 11, SK_ERROR, "date-outside-year", "the census date 2022-01-20 is of neither "
		 "the academic year 2023-2024 nor the year before: give the date of the January "
		 "2024 census, or, until it is taken, the January 2023 census's counts and date"},
	};
	/* Of the year, but after --as-of (2024-03-01): not taken yet. */
	static const want not_taken[] = {
		{7, 11, SK_WARNING, "census-not-taken", "the census date 2024-03-14 is after "
		 "2024-03-01"},
	};
	static const want timescale[] = {
		{45, 72, SK_ERROR, "date-outside-year", "\"March 2025\" (2025-03-31)"},
	};
	static const want range_start[] = {
		{45, 72, SK_ERROR, "date-outside-year",
		 "the start of the timescale \"Jul 2023 - Dec 2023\" (2023-07-01)"},
	};
	(void)state;
	CHECK_EDIT("timescale: March 2024", "timescale: Jul 2023 - Dec 2023", range_start);
	/* Outside the year, so not also impact-missing for its term. */
	CHECK_EDIT("date: 2024-02-09", "date: 2023-02-09", review);
	CHECK_EDIT("census: 2024-01-18", "census: 2022-01-20", census);
	/* The January before the year: a strategy written in the autumn. */
	check_edit("census: 2024-01-18", "census: 2023-01-19", NULL, 0);
	CHECK_EDIT("census: 2024-01-18", "census: 2024-03-14", not_taken);
	CHECK_EDIT("timescale: March 2024", "timescale: March 2025", timescale);
}

static void test_vague_timescale(void **state)
{
	static const want w[] = {
		{23, 20, SK_WARNING, "vague-timescale", "\"when possible\""},
	};
	static const want impossible[] = {
		{23, 20, SK_ERROR, "bad-date", NULL},
	};
	(void)state;
	CHECK_EDIT("timescale: T1-T6", "timescale: when possible", w);
	CHECK_EDIT("timescale: T1-T6", "timescale: 2024-02-30", impossible);
}

static void test_impact_missing(void **state)
{
	static const want w[] = {
		{26, 17, SK_WARNING, "impact-missing", "no impact is recorded for it; add \"term3\""},
	};
	sk_diags *diags = sk_diags_new();
	char *text = edit(base, "term3:", "term5:");

	(void)state;
	CHECK_EDIT("term3:", "term5:", w);
	/* Not passed yet on the day itself, and never without a date for today. */
	lint_with(text, NULL, (sk_date){2024, 2, 9}, diags);
	lint_with(text, NULL, (sk_date){0, 0, 0}, diags);
	assert_int_equal(sk_diags_count(diags), 0);
	sk_diags_free(diags);
	free(text);
}

static void test_not_sendkit(void **state)
{
	static const want plain[] = {
		{1, 1, SK_ERROR, "not-sendkit", "no \"sendkit: strategy\" or \"sendkit: review\""},
	};
	static const want other[] = {
		{1, 10, SK_ERROR, "not-sendkit", "not \"census\""},
	};
	static const want empty[] = {
		{0, 0, SK_ERROR, "not-sendkit", "it is empty"},
	};
	sk_diags *diags = sk_diags_new();

	(void)state;
	lint_with("name: x\n", NULL, as_of, diags);
	CHECK_DIAGS(diags, plain);
	sk_diags_clear(diags);
	lint_with("sendkit: census\n", NULL, as_of, diags);
	CHECK_DIAGS(diags, other);
	sk_diags_clear(diags);
	lint_with("", NULL, as_of, diags);
	CHECK_DIAGS(diags, empty);
	sk_diags_free(diags);
}

static void test_yaml_errors_and_tabs(void **state)
{
	static const want tab[] = {
		{2, 1, SK_ERROR, "yaml-tab", NULL},
		{3, 1, SK_WARNING, "yaml-tab", "indent with spaces"},
	};
	static const want in_scalar[] = {
		{5, 5, SK_WARNING, "yaml-tab", NULL},
	};
	sk_diags *diags = sk_diags_new();
	char *text = edit(base, "  name: Holy Trinity CE Primary School",
			  "  name: |\n    Holy\n    \tTrinity");

	(void)state;
	lint_with("sendkit: strategy\n\tschool: x\n\tyear: y\n", NULL, as_of, diags);
	CHECK_DIAGS(diags, tab);
	sk_diags_clear(diags);
	/* In a block scalar, past its indentation, libyaml reads the tab as text. */
	lint_with(text, NULL, as_of, diags);
	CHECK_DIAGS(diags, in_scalar);
	sk_diags_free(diags);
	free(text);
}

/* What stops a file being read is an error whatever a setting or a disable
 * comment says: a yaml-tab error (the tab libyaml stopped at) as much as
 * not-sendkit; the tabs YAML reads stay the setting's (issue 14, atk11 F0). */
static void test_unreadable_not_lowered(void **state)
{
	static const want stopped[] = {
		{2, 1, SK_ERROR, "yaml-tab", "the configuration's \"yaml-tab: off\""},
	};
	static const want disabled[] = {
		{1, 42, SK_WARNING, "bad-config", "\"yaml-tab\" cannot be disabled here: the tab "
		 "on line 2"},
		{2, 1, SK_ERROR, "yaml-tab", "YAML needs spaces"},
	};
	static const want not_sendkit[] = {
		{1, 10, SK_ERROR, "not-sendkit", "not \"census\""},
	};
	sk_lint_config *config = sk_lint_config_new();
	sk_diags *diags = sk_diags_new();
	char *read_tab = edit(base, "  name: Holy Trinity CE Primary School",
			      "  name: |\n    Holy\n    \tTrinity");

	(void)state;
	assert_non_null(config);
	assert_int_equal(sk_lint_config_set(config, "yaml-tab", SK_LINT_OFF), SK_OK);
	assert_int_equal(sk_lint_config_set(config, "not-sendkit", SK_LINT_OFF), SK_OK);
	lint_with("sendkit: strategy\n\tschool: x\n", config, as_of, diags);
	CHECK_DIAGS(diags, stopped);
	sk_diags_clear(diags);
	lint_with(read_tab, config, as_of, diags);
	assert_int_equal(sk_diags_count(diags), 0);
	lint_with("sendkit: census\n", config, as_of, diags);
	CHECK_DIAGS(diags, not_sendkit);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_config_set(config, "yaml-tab", SK_LINT_WARNING), SK_OK);
	lint_with("sendkit: strategy\n\tschool: x\n", config, as_of, diags);
	assert_int_equal(sk_diags_count_severity(diags, SK_ERROR), 1);
	sk_diags_clear(diags);
	lint_with("sendkit: strategy # action-lint: disable=yaml-tab\n\tschool: x\n", NULL,
		  as_of, diags);
	CHECK_DIAGS(diags, disabled);
	sk_diags_free(diags);
	sk_lint_config_free(config);
	free(read_tab);
}

static void test_disable_comments(void **state)
{
	static const want unknown[] = {
		{4, 8, SK_ERROR, "bad-urn", NULL},
		{4, 38, SK_WARNING, "unknown-rule", "\"bad-urm\" in a disable comment; did you mean "
		 "\"bad-urn\"?"},
	};
	static const want too_far[] = {
		{5, 8, SK_ERROR, "bad-urn", NULL},
	};
	static const want none[] = {{0, 0, SK_ERROR, "none", NULL}};
	(void)state;
	/* On the line. */
	check_edit("urn: 123456", "urn: 12345  # action-lint: disable=bad-urn", none, 0);
	/* On the line above, in a list. */
	check_edit("  urn: 123456", "  # action-lint: disable=vague-timescale, bad-urn\n"
		   "  urn: 12345", none, 0);
	/* Two lines above is too far. */
	CHECK_EDIT("  name: Holy Trinity CE Primary School\n  urn: 123456",
		   "  # action-lint: disable=bad-urn\n  name: Holy Trinity\n  urn: 12345", too_far);
	/* A misspelt rule silences nothing and is reported. */
	CHECK_EDIT("  urn: 123456", "  urn: 12345  # action-lint: disable=bad-urm", unknown);
}

static void test_config(void **state)
{
	static const char yaml[] =
		"rules:\n"
		"  bad-urn: warning\n"
		"  headline-count: error\n"
		"  vague-timescale: off\n"
		"  bad-mony: off\n"
		"  budget-mismatch: fatal\n"
		"  totally-unknown-thing: off\n"
		"ruels: {}\n";
	static const want parsed[] = {
		{5, 3, SK_WARNING, "unknown-rule", "did you mean \"bad-money\"?"},
		{6, 20, SK_ERROR, "bad-config", "should be error, warning or off, not \"fatal\""},
		{7, 3, SK_WARNING, "unknown-rule", "--list-rules"},
		{8, 1, SK_WARNING, "unknown-key", "\"ruels\" in the configuration is ignored"},
	};
	static const want applied[] = {
		{4, 8, SK_WARNING, "bad-urn", NULL},
		{13, 20, SK_ERROR, "headline-count", NULL},
	};
	sk_lint_config *config = sk_lint_config_new();
	sk_diags *diags = sk_diags_new();
	char *text = edit(base, "urn: 123456", "urn: 12345");
	char *t2 = edit(text, ", Parent voice]", "]");
	char *t3 = edit(t2, "timescale: T1-T6", "timescale: when possible");

	(void)state;
	assert_int_equal(sk_lint_config_read(config, yaml, strlen(yaml), "c.yaml", diags),
			 SK_OK);
	CHECK_DIAGS(diags, parsed);
	size_t bad_urn, budget_mismatch;
	assert_int_equal(sk_lint_rule_find(&bad_urn, "bad-urn"), SK_OK);
	assert_int_equal(sk_lint_rule_find(&budget_mismatch, "budget-mismatch"), SK_OK);
	assert_int_equal(sk_lint_config_get(config, bad_urn), SK_LINT_WARNING);
	assert_int_equal(sk_lint_config_get(config, budget_mismatch), SK_LINT_DEFAULT);
	assert_int_equal(sk_lint_config_set(config, "nope", SK_LINT_OFF), SK_EINVAL);
	assert_int_equal(sk_lint_config_get(NULL, 0), SK_LINT_DEFAULT);
	sk_diags_clear(diags);
	lint_with(t3, config, as_of, diags);
	CHECK_DIAGS(diags, applied);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_config_read(config, "rules: [a]\n", 11, "c.yaml", diags), SK_OK);
	assert_int_equal(sk_diags_count_severity(diags, SK_ERROR), 1);
	assert_string_equal(sk_diags_at(diags, 0)->rule, "bad-config");
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_config_read(config, "rules: {\n", 9, "c.yaml", diags),
			 SK_EINVAL);
	sk_diags_free(diags);
	sk_lint_config_free(config);
	free(text);
	free(t2);
	free(t3);
}

static void test_duplicate_school(void **state)
{
	static const want w[] = {
		{4, 8, SK_WARNING, "duplicate-school",
		 "a.yaml is also a strategy for URN 123456 in 2023-2024"},
	};
	char *other_year = edit(base, "year: 2023-2024", "year: 2024-2025");
	char *silenced = edit(base, "urn: 123456", "urn: 123456 # action-lint: disable=duplicate-school");
	sk_lint *lint;
	sk_diags *diags = sk_diags_new();

	assert_int_equal(sk_lint_new(&lint, NULL), SK_OK);
	size_t n = strlen(base);

	(void)state;
	assert_int_equal(sk_lint_file(lint, base, n, "a.yaml", NULL, diags), SK_OK);
	assert_int_equal(sk_lint_file(lint, other_year, strlen(other_year), "b.yaml", NULL, diags),
			 SK_OK);
	assert_int_equal(sk_lint_file(lint, silenced, strlen(silenced), "c.yaml", NULL, diags),
			 SK_OK);
	assert_int_equal(sk_lint_file(lint, base, n, "d.yaml", NULL, diags), SK_OK);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_finish(lint, diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 1);
	assert_string_equal(sk_diags_at(diags, 0)->file, "d.yaml");
	CHECK_DIAGS(diags, w);
	sk_lint_free(lint);
	sk_diags_free(diags);
	free(other_year);
	free(silenced);
}

/* A path given twice is one file: each later school names the first one
 * of its URN and year in another file. */
static void test_duplicate_school_same_path(void **state)
{
	static const char *const order[] = {"a.yaml", "a.yaml", "b.yaml", "a.yaml", "c.yaml"};
	static const char *const reported[][2] = {
		{"b.yaml", "a.yaml is also a strategy for URN 123456 in 2023-2024;"},
		{"a.yaml", "b.yaml is also a strategy for URN 123456 in 2023-2024;"},
		{"c.yaml", "a.yaml is also a strategy for URN 123456 in 2023-2024;"},
	};
	sk_lint *lint;
	sk_diags *diags = sk_diags_new();

	assert_int_equal(sk_lint_new(&lint, NULL), SK_OK);

	(void)state;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		assert_int_equal(sk_lint_file(lint, base, strlen(base), order[i], NULL, diags),
				 SK_OK);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_finish(lint, diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 3);
	for (size_t i = 0; i < 3; i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		assert_string_equal(d->file, reported[i][0]);
		assert_true(strncmp(d->message, reported[i][1], strlen(reported[i][1])) == 0);
	}
	sk_lint_free(lint);
	sk_diags_free(diags);
}

static const char review[] =
	"sendkit: review\n"                                           /* 1 */
	"of: {school: {name: Oakfield, urn: 12345}}\n"
	"date: 2023-11-20\n"
	"areas:\n"
	"  leadership:\n"                                             /* 5 */
	"    - id: \"1.1\"\n"
	"      statement: Clear vision\n"
	"      judgement: in_place\n"
	"      links: [\"1.2\", \"1.9\"]\n"
	"      actions:\n"                                            /* 10 */
	"        - {action: Update website, owner: Trust, due: T2}\n"
	"        - {action: Train governors, owner: Head, due: T6}\n"
	"    - id: \"1.2\"\n"
	"      statement: Governors challenge\n"
	"      judgement: sort of\n"                                  /* 15 */
	"    - id: \"1.1\"\n"
	"      statement: Again\n"
	"      judgement: not_judged\n";

/* The hashed check behind duplicate-school, as nutshell's hub pages call it:
 * each key names the first earlier key of its URN and when; a NULL URN is
 * compared with none. */
static void test_find_same(void **state)
{
	(void)state;
	const sk_lint_school_key keys[] = {
		{"100001", 2024}, {"100002", 2024}, {"100001", 2025}, {"100001", 2024},
		{NULL, 2024},     {NULL, 2024},     {"100001", 2024}, {"100002", 20240301},
	};
	size_t out[8];
	const size_t expected[8] = {0, 0, 0, 1, 0, 0, 1, 0};
	assert_int_equal(sk_lint_find_same(out, keys, 8), SK_OK);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(out[i], expected[i]);
	assert_int_equal(sk_lint_find_same(out, keys, 0), SK_OK);

	/* 20,000 schools, each twice: every second names its first. */
	enum { N = 20000 };
	static sk_lint_school_key many[2 * N];
	static char urns[N][8];
	static size_t firsts[2 * N];
	for (size_t i = 0; i < N; i++) {
		snprintf(urns[i], sizeof(urns[i]), "%06zu", 100000 + i);
		many[i] = (sk_lint_school_key){urns[i], 2024};
		many[N + i] = (sk_lint_school_key){urns[i], 2024};
	}
	assert_int_equal(sk_lint_find_same(firsts, many, 2 * N), SK_OK);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(firsts[i], 0);
		assert_int_equal(firsts[N + i], i + 1);
	}
}

static void test_review(void **state)
{
	static const want w[] = {
		{2, 36, SK_ERROR, "bad-urn", NULL},
		{9, 22, SK_ERROR, "broken-link", NULL},
		{11, 55, SK_WARNING, "overdue-action",
		 "due by 2023-12-31 (\"T2\") and is overdue as of 2024-03-01"},
		{15, 18, SK_ERROR, "bad-judgement", NULL},
		{16, 11, SK_ERROR, "duplicate-id", NULL},
	};
	sk_diags *diags = sk_diags_new();

	(void)state;
	lint_with(review, NULL, as_of, diags);
	CHECK_DIAGS(diags, w);
	sk_diags_free(diags);
}

static void test_models_directly(void **state)
{
	sk_lint_options o = {SK_LINT_OPTIONS_VERSION, {2024, 8, 1}};
	sk_diags *diags = sk_diags_new();
	sk_strategy *s;
	sk_review *r;

	(void)state;
	assert_int_equal(sk_strategy_load(&s, base, strlen(base), "s.yaml", diags), SK_OK);
	assert_int_equal(sk_lint_strategy(s, &o, diags), SK_OK);
	assert_int_equal(sk_diags_count(diags), 4);
	assert_string_equal(sk_diags_at(diags, 0)->rule, "impact-missing");
	sk_strategy_free(s);
	sk_diags_clear(diags);
	assert_int_equal(sk_review_load(&r, review, strlen(review), "r.yaml", diags), SK_OK);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_review(r, NULL, diags), SK_OK);
	assert_int_equal(sk_diags_count_severity(diags, SK_WARNING), 0);
	sk_review_free(r);
	sk_diags_free(diags);
}

static void test_candidate(void **state)
{
	(void)state;
	assert_true(sk_lint_is_candidate("sendkit: review\n", 16));
	assert_true(sk_lint_is_candidate("\xef\xbb\xbfsendkit: review\n", 19));
	assert_true(sk_lint_is_candidate("# x\r\nsendkit: strategy", 22));
	assert_false(sk_lint_is_candidate("  sendkit: strategy\n", 20));
	assert_false(sk_lint_is_candidate("name: sendkit:\n", 15));
	assert_false(sk_lint_is_candidate("", 0));
	/* UTF-16 with a byte order mark, little and big endian. */
	assert_true(sk_lint_is_candidate("\xff\xfes\0e\0n\0d\0k\0i\0t\0:\0", 18));
	assert_true(sk_lint_is_candidate("\xfe\xff\0#\0\n\0s\0e\0n\0d\0k\0i\0t\0:", 22));
	assert_false(sk_lint_is_candidate("\xff\xfe \0s\0e\0n\0d\0k\0i\0t\0:\0", 20));
	assert_false(sk_lint_is_candidate("\xff\xfes\0e\0n\0d\0k\0i\0t\0", 16));
	assert_false(sk_lint_is_candidate("\xff\xfes\1e\0n\0d\0k\0i\0t\0:\0", 18));
	/* A key that looks like sendkit: checked, so that the slip is reported. */
	assert_true(sk_lint_is_candidate("Sendkit: strategy\n", 18));
	assert_true(sk_lint_is_candidate("# x\nSENDKIT: review", 19));
	assert_true(sk_lint_is_candidate("sendkt: review", 14));
	assert_true(sk_lint_is_candidate("send-kit:\n", 10));
	assert_true(sk_lint_is_candidate("sendkit : review", 16));
	assert_true(sk_lint_is_candidate("Sendkit:", 8));
	assert_true(sk_lint_is_candidate("\xff\xfeS\0e\0n\0d\0k\0i\0t\0:\0", 18));
	assert_false(sk_lint_is_candidate("send: weekly\n", 13));
	assert_false(sk_lint_is_candidate("sendmail: yes\n", 14));
	assert_false(sk_lint_is_candidate("Sendkit:x\n", 10));
	assert_false(sk_lint_is_candidate("  Sendkit: review\n", 18));
	/* A look-alike key with another value is another program's YAML. */
	assert_false(sk_lint_is_candidate("name: app\nsendit: true\n", 23));
	assert_false(sk_lint_is_candidate("sendkid: 3\n", 11));
	assert_true(sk_lint_is_candidate("Sendkit: \"Review\"\n", 18));
}

/* Options are versioned: a version the library does not know is refused. */
static void test_options_version(void **state)
{
	const sk_lint_options init = SK_LINT_OPTIONS_INIT;
	sk_lint_options o;
	sk_lint *lint = NULL;
	sk_diags *diags = sk_diags_new();
	sk_strategy *s;

	(void)state;
	memset(&o, 0x55, sizeof(o));
	assert_int_equal(sk_lint_options_init(&o, SK_LINT_OPTIONS_VERSION), SK_OK);
	assert_memory_equal(&o, &init, sizeof(o));
	assert_int_equal(sk_lint_options_init(&o, 0), SK_EINVAL);
	o.version = SK_LINT_OPTIONS_VERSION + 1;
	assert_int_equal(sk_lint_new(&lint, &o), SK_EINVAL);
	assert_null(lint);
	assert_int_equal(sk_strategy_load(&s, base, strlen(base), "s.yaml", diags), SK_OK);
	sk_diags_clear(diags);
	assert_int_equal(sk_lint_strategy(s, &o, diags), SK_EINVAL);
	assert_int_equal(sk_diags_count(diags), 0);
	o = init;
	assert_int_equal(sk_lint_strategy(s, &o, diags), SK_OK);
	sk_strategy_free(s);
	sk_diags_free(diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_version),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_missing_area),
		cmocka_unit_test(test_empty_area),
		cmocka_unit_test(test_headline_count),
		cmocka_unit_test(test_budget_mismatch),
		cmocka_unit_test(test_impossible_count),
		cmocka_unit_test(test_bad_urn),
		cmocka_unit_test(test_date_outside_year),
		cmocka_unit_test(test_vague_timescale),
		cmocka_unit_test(test_impact_missing),
		cmocka_unit_test(test_not_sendkit),
		cmocka_unit_test(test_yaml_errors_and_tabs),
		cmocka_unit_test(test_unreadable_not_lowered),
		cmocka_unit_test(test_disable_comments),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_duplicate_school),
		cmocka_unit_test(test_duplicate_school_same_path),
		cmocka_unit_test(test_find_same),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_models_directly),
		cmocka_unit_test(test_candidate),
		cmocka_unit_test(test_placeholder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
