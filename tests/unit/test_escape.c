/* Unit tests for lib/escape.c: the terminal, Markdown and spreadsheet escapes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/escape.h"

typedef int writer_fn(FILE *out, const char *s);

static int write_visible(FILE *out, const char *s)
{
	return sk_escape_write_visible(out, s, strlen(s));
}

/* What fn writes for `in` must be `want`. */
static void expect_written(writer_fn *fn, const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(fn(f, in), SK_OK);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, want);
	free(buf);
}

#define expect_visible(in, want) expect_written(write_visible, in, want)
#define expect_markdown(in, want) expect_written(sk_escape_write_markdown, in, want)

static void test_visible(void **state)
{
	(void)state;
	expect_visible("plain caf\xc3\xa9 \xc2\xa3", "plain caf\xc3\xa9 \xc2\xa3");
	expect_visible("a\nb\rc\td", "a\\nb\\rc\\td");
	assert_int_equal(sk_escape_visible_width("\xc3\xa9\x1b\n", 4), 1 + 4 + 2);
	/* OSC 52 (clipboard), clear screen, backspace, DEL. */
	expect_visible("\x1b]52;c;aGk=\a", "\\x1b]52;c;aGk=\\x07");
	expect_visible("\x1b[2J\b\x7f", "\\x1b[2J\\x08\\x7f");
	/* C1 controls as UTF-8 (U+009B is CSI), and as lone bytes. */
	expect_visible("\xc2\x9b" "2J \xc2\x80 \xc2\x9f \xc2\xa0", "\\u009b2J \\u0080 \\u009f \xc2\xa0");
	expect_visible("\x9b" "2J \xff \xc3", "\\x9b2J \\xff \\xc3");
	/* Bidirectional overrides and isolates, line and paragraph separators. */
	expect_visible("\xe2\x80\xae \xe2\x81\xa6 \xe2\x80\xa8 \xe2\x80\xa9",
		       "\\u202e \\u2066 \\u2028 \\u2029");
	/* No word can start a GitHub Actions workflow command. */
	expect_visible("::stop-commands::x a ::error::y a::b",
		       "\\x3a:stop-commands\\x3a:x a \\x3a:error\\x3a:y a\\x3a:b");
	expect_visible("\n::warning::z", "\\n\\x3a:warning\\x3a:z");
	expect_visible("\xc2\xa0::error::", "\xc2\xa0\\x3a:error\\x3a:");
	/* Nor the older "##[command]", which the runner finds anywhere in a line. */
	expect_visible("a ##[add-mask]x ###[error]y [z",
		       "a ##\\x5badd-mask]x ###\\x5berror]y [z");
	assert_int_equal(sk_escape_visible_width("##[", 3), 6);
	/* Overlong forms and surrogates are not UTF-8. */
	expect_visible("\xc0\xaf \xed\xa0\x80", "\\xc0\\xaf \\xed\\xa0\\x80");
}

static void test_markdown(void **state)
{
	(void)state;
	expect_markdown("Holy Trinity C of E", "Holy Trinity C of E");
	expect_markdown("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	expect_markdown("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;");
	expect_markdown("&lt; &#60;", "&amp;lt; &amp;\\#60;");
	/* A backslash before a pipe stays a backslash, and the pipe stays in its cell. */
	expect_markdown("a \\| b", "a \\\\\\| b");
	expect_markdown("*b* _i_ `c` ~~s~~", "\\*b\\* \\_i\\_ \\`c\\` &#126;&#126;s&#126;&#126;");
	expect_markdown("on_roll", "on_roll");
	expect_markdown("[x](javascript:alert(1)) ![i](y)", "\\[x\\](javascript:alert(1)) \\!\\[i\\](y)");
	expect_markdown("see https://evil.example and www.evil.example",
			"see https&#58;//evil.example and www\\.evil.example");
	expect_markdown("# heading", "\\# heading");
	expect_markdown("> quote", "&gt; quote");
	expect_markdown("- item", "\\- item");
	expect_markdown("+ item", "\\+ item");
	expect_markdown("---", "\\---");
	expect_markdown("-1.5 and 2-3", "-1.5 and 2-3");
	expect_markdown("1. first", "1\\. first");
	expect_markdown("2) second", "2\\) second");
	expect_markdown("12.5", "12.5");
	expect_markdown("    code", "&#32;   code");
	expect_markdown("one\ntwo\r\nthree", "one<br>two<br>three");
	expect_markdown("\x1b[2J \xc2\x9b \xff", "\\\\x1b\\[2J \\\\u009b \\\\xff");
}

static void test_formula_risk(void **state)
{
	(void)state;
	static const char *const risky[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
		"\t=1+1", "\r=1+1", "'=1", "''-x", "-", "+1", "=",
	};
	static const char *const safe[] = {
		"", "St John's", "-1.5", "-3", "12", "0.25", "1e3", "'5", "a=b", " =1", "'",
	};
	for (size_t i = 0; i < sizeof(risky) / sizeof(risky[0]); i++)
		assert_true(sk_escape_formula_risk(risky[i]));
	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		assert_false(sk_escape_formula_risk(safe[i]));
}

/* undo(guard(t)) == t, for text with and without apostrophes of its own. */
static void test_formula_undo(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"=1+1", "'=1+1", "''=1+1", "-x", "'-x", "-1.5", "'-1.5", "'5", "'", "''", "plain",
		"'plain", "@a", "\tx", "",
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *t = texts[i];
		const char *written = t;
		if (sk_escape_formula_risk(t)) {
			snprintf(buf, sizeof(buf), "'%s", t);
			written = buf;
		}
		assert_string_equal(sk_escape_formula_undo(written), t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_formula_risk),
		cmocka_unit_test(test_formula_undo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
