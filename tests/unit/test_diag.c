/* Unit tests for lib/diag.c: the diagnostics list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/diag.h"

static sk_pos at(unsigned line, unsigned col)
{
	sk_pos p = {line, col};
	return p;
}

static void test_new_free(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	assert_non_null(d);
	assert_int_equal(sk_diags_count(d), 0);
	assert_null(sk_diags_at(d, 0));
	sk_diags_free(d);
	sk_diags_free(NULL);
	assert_int_equal(sk_diags_count(NULL), 0);
	assert_int_equal(sk_diags_count_severity(NULL, SK_ERROR), 0);
	assert_null(sk_diags_at(NULL, 0));
	sk_diags_clear(NULL);
	sk_diags_sort(NULL);
	sk_diags_remove(NULL, 0);
	/* Adding to no list is allowed and does nothing. */
	assert_int_equal(sk_diags_add(NULL, "f", at(1, 1), SK_ERROR, "r", "m"), SK_OK);
}

static void test_add_copies(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	char file[] = "spring.csv", rule[] = "unknown-code";
	assert_int_equal(sk_diags_add(d, file, at(812, 3), SK_ERROR, rule,
				      "unknown SEN provision code \"%s\" in column %d", "Q", 4),
			 SK_OK);
	file[0] = 'X';
	rule[0] = 'X';
	const sk_diag *g = sk_diags_at(d, 0);
	assert_non_null(g);
	assert_string_equal(g->file, "spring.csv");
	assert_string_equal(g->rule, "unknown-code");
	assert_string_equal(g->message, "unknown SEN provision code \"Q\" in column 4");
	assert_int_equal(g->pos.line, 812);
	assert_int_equal(g->pos.col, 3);
	assert_int_equal(g->severity, SK_ERROR);
	assert_int_equal(sk_diags_count(d), 1);
	assert_null(sk_diags_at(d, 1));
	sk_diags_free(d);
}

static void test_add_null_strings(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	assert_int_equal(sk_diags_add(d, NULL, at(0, 0), SK_NOTE, NULL, "%s", ""), SK_OK);
	const sk_diag *g = sk_diags_at(d, 0);
	assert_string_equal(g->file, "");
	assert_string_equal(g->rule, "");
	assert_string_equal(g->message, "");
	sk_diags_free(d);
}

static int vadd_helper(sk_diags *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int vadd_helper(sk_diags *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = sk_diags_vadd(d, "<stdin>", at(2, 5), SK_WARNING, "vadd", fmt, ap);
	va_end(ap);
	return rc;
}

static void test_vadd(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	assert_int_equal(vadd_helper(d, "%d of %s at %.1f%%", 3, "ten", 30.04), SK_OK);
	const sk_diag *g = sk_diags_at(d, 0);
	assert_string_equal(g->file, "<stdin>");
	assert_string_equal(g->rule, "vadd");
	assert_string_equal(g->message, "3 of ten at 30.0%");
	assert_int_equal(g->severity, SK_WARNING);
	sk_diags_free(d);
}

static void test_long_message_and_growth(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	char big[5000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (unsigned i = 0; i < 100; i++)
		assert_int_equal(sk_diags_add(d, "f", at(i, 0), SK_NOTE, "r", "%u %s", i, big),
				 SK_OK);
	assert_int_equal(sk_diags_count(d), 100);
	for (unsigned i = 0; i < 100; i++) {
		const sk_diag *g = sk_diags_at(d, i);
		char head[16];
		snprintf(head, sizeof(head), "%u ", i);
		assert_int_equal(strncmp(g->message, head, strlen(head)), 0);
		assert_int_equal(strlen(g->message), strlen(head) + sizeof(big) - 1);
		assert_int_equal(g->pos.line, i);
	}
	sk_diags_free(d);
}

static void test_count_severity(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	static const sk_severity sev[] = {
		SK_ERROR, SK_NOTE, SK_WARNING, SK_ERROR, SK_ERROR, SK_WARNING,
	};
	for (size_t i = 0; i < sizeof(sev) / sizeof(sev[0]); i++)
		assert_int_equal(sk_diags_add(d, "f", at(1, 1), sev[i], "r", "m"), SK_OK);
	assert_int_equal(sk_diags_count(d), 6);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 3);
	assert_int_equal(sk_diags_count_severity(d, SK_WARNING), 2);
	assert_int_equal(sk_diags_count_severity(d, SK_NOTE), 1);
	sk_diags_free(d);
}

static void test_sort_stable(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	static const struct {
		const char *file;
		unsigned line, col;
		const char *message;
	} in[] = {
		{"b.csv", 2, 1, "b2.1"},
		{"a.csv", 10, 1, "a10.1"},
		{"a.csv", 2, 7, "a2.7 first"},
		{"a.csv", 0, 0, "a whole file"},
		{"a.csv", 2, 7, "a2.7 second"},
		{"a.csv", 2, 3, "a2.3"},
		{"b.csv", 1, 9, "b1.9"},
		{"a.csv", 2, 7, "a2.7 third"},
		{"a.csv", 9, 100, "a9.100"},
	};
	static const char *const want[] = {
		"a whole file", "a2.3", "a2.7 first", "a2.7 second", "a2.7 third",
		"a9.100", "a10.1", "b1.9", "b2.1",
	};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		assert_int_equal(sk_diags_add(d, in[i].file, at(in[i].line, in[i].col), SK_ERROR,
					      "r", "%s", in[i].message), SK_OK);
	sk_diags_sort(d);
	assert_int_equal(sk_diags_count(d), sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(sk_diags_at(d, i)->message, want[i]);
	/* Sorting a sorted list changes nothing; records added later sort after equals. */
	assert_int_equal(sk_diags_add(d, "a.csv", at(2, 7), SK_NOTE, "r", "a2.7 fourth"), SK_OK);
	sk_diags_sort(d);
	assert_string_equal(sk_diags_at(d, 5)->message, "a2.7 fourth");
	assert_string_equal(sk_diags_at(d, 6)->message, "a9.100");
	sk_diags_free(d);
}

static void test_sort_many_equal(void **state)
{
	(void)state;
	/* qsort is not stable by itself: enough equal keys to catch that. */
	sk_diags *d = sk_diags_new();
	for (unsigned i = 0; i < 500; i++)
		assert_int_equal(sk_diags_add(d, i % 2 ? "b" : "a", at(1, 1), SK_NOTE, "r",
					      "%u", i), SK_OK);
	sk_diags_sort(d);
	for (unsigned i = 0; i < 500; i++) {
		unsigned want = i < 250 ? 2 * i : 2 * (i - 250) + 1;
		char buf[16];
		snprintf(buf, sizeof(buf), "%u", want);
		assert_string_equal(sk_diags_at(d, i)->message, buf);
	}
	sk_diags_free(d);
}

static void test_remove(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	for (int i = 0; i < 5; i++)
		assert_int_equal(sk_diags_add(d, "f", at(1, 1), SK_NOTE, "r", "%d", i), SK_OK);
	sk_diags_remove(d, 1);
	sk_diags_remove(d, 3);   /* the last */
	sk_diags_remove(d, 3);   /* out of range: nothing */
	sk_diags_remove(d, 99);
	assert_int_equal(sk_diags_count(d), 3);
	assert_string_equal(sk_diags_at(d, 0)->message, "0");
	assert_string_equal(sk_diags_at(d, 1)->message, "2");
	assert_string_equal(sk_diags_at(d, 2)->message, "3");
	sk_diags_remove(d, 0);
	assert_string_equal(sk_diags_at(d, 0)->message, "2");
	sk_diags_remove(d, 0);
	sk_diags_remove(d, 0);
	assert_int_equal(sk_diags_count(d), 0);
	sk_diags_remove(d, 0);
	assert_int_equal(sk_diags_add(d, "f", at(1, 1), SK_NOTE, "r", "again"), SK_OK);
	assert_string_equal(sk_diags_at(d, 0)->message, "again");
	sk_diags_free(d);
}

static void test_clear(void **state)
{
	(void)state;
	sk_diags *d = sk_diags_new();
	for (int i = 0; i < 20; i++)
		assert_int_equal(sk_diags_add(d, "f", at(1, 1), SK_ERROR, "r", "%d", i), SK_OK);
	sk_diags_clear(d);
	assert_int_equal(sk_diags_count(d), 0);
	assert_int_equal(sk_diags_count_severity(d, SK_ERROR), 0);
	assert_null(sk_diags_at(d, 0));
	/* The list is usable again; insertion order keeps counting across a clear. */
	assert_int_equal(sk_diags_add(d, "f", at(1, 1), SK_ERROR, "r", "b"), SK_OK);
	assert_int_equal(sk_diags_add(d, "f", at(1, 1), SK_ERROR, "r", "a"), SK_OK);
	sk_diags_sort(d);
	assert_string_equal(sk_diags_at(d, 0)->message, "b");
	assert_string_equal(sk_diags_at(d, 1)->message, "a");
	sk_diags_clear(d);
	sk_diags_clear(d);
	sk_diags_free(d);
}

static void test_severity_names(void **state)
{
	(void)state;
	assert_string_equal(sk_severity_name(SK_ERROR), "error");
	assert_string_equal(sk_severity_name(SK_WARNING), "warning");
	assert_string_equal(sk_severity_name(SK_NOTE), "note");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_free),
		cmocka_unit_test(test_add_copies),
		cmocka_unit_test(test_add_null_strings),
		cmocka_unit_test(test_vadd),
		cmocka_unit_test(test_long_message_and_growth),
		cmocka_unit_test(test_count_severity),
		cmocka_unit_test(test_sort_stable),
		cmocka_unit_test(test_sort_many_equal),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_clear),
		cmocka_unit_test(test_severity_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
