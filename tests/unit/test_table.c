/* Unit tests for lib/table.c: every output format, byte for byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sendkit/table.h"

static const sk_column columns[] = {
	{"name", SK_COL_TEXT},
	{"la", SK_COL_TEXT},
	{"pupils", SK_COL_NUMBER},
	{"pct", SK_COL_NUMBER},
};

/* UTF-8 names, a comma, a NULL text cell, a suppressed and a NULL number. */
static sk_table *sample(void)
{
	static const char *const rows[][4] = {
		{"\xc3\x89lan Primary", "Hartlepool", "12", "12.5"},
		{"St Mary's, Upper", NULL, "c", "-3"},
		{"Costs \xc2\xa3", "York", NULL, "1e3"},
	};
	sk_table *t = sk_table_new(columns, 4);
	assert_non_null(t);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(sk_table_add_row(t, rows[i]), SK_OK);
	return t;
}

/* The table written in `format`, as a string the caller frees. */
static char *render(const sk_table *t, sk_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(sk_table_write(f, t, format), SK_OK);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void expect_render(const sk_table *t, sk_format format, const char *want)
{
	char *got = render(t, format);
	assert_string_equal(got, want);
	free(got);
}

/* One-column table of one row, as a string the caller frees. */
static char *render_cell(const char *name, sk_column_type type, const char *cell,
			 sk_format format)
{
	sk_column col = {name, type};
	sk_table *t = sk_table_new(&col, 1);
	assert_non_null(t);
	assert_int_equal(sk_table_add_row(t, &cell), SK_OK);
	char *s = render(t, format);
	sk_table_free(t);
	return s;
}

static void test_rows_and_cells(void **state)
{
	(void)state;
	char name[] = "Abbey";
	const char *row[] = {name, NULL, "3", ""};
	sk_table *t = sk_table_new(columns, 4);
	assert_non_null(t);
	assert_int_equal(sk_table_column_count(t), 4);
	assert_int_equal(sk_table_row_count(t), 0);
	for (int i = 0; i < 40; i++)
		assert_int_equal(sk_table_add_row(t, row), SK_OK);
	name[0] = 'X';   /* the table holds its own copy */
	assert_int_equal(sk_table_row_count(t), 40);
	assert_string_equal(sk_table_cell_at(t, 39, 0), "Abbey");
	assert_null(sk_table_cell_at(t, 39, 1));
	assert_string_equal(sk_table_cell_at(t, 0, 2), "3");
	assert_string_equal(sk_table_cell_at(t, 0, 3), "");
	assert_null(sk_table_cell_at(t, 40, 0));
	assert_null(sk_table_cell_at(t, 0, 4));
	assert_null(sk_table_cell_at(NULL, 0, 0));
	assert_int_equal(sk_table_row_count(NULL), 0);
	assert_int_equal(sk_table_column_count(NULL), 0);
	sk_table_free(t);
	sk_table_free(NULL);
}

static void test_format_names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		sk_format format;
	} names[] = {
		{"table", SK_FORMAT_TABLE}, {"text", SK_FORMAT_TABLE},
		{"csv", SK_FORMAT_CSV}, {"tsv", SK_FORMAT_TSV}, {"json", SK_FORMAT_JSON},
		{"markdown", SK_FORMAT_MARKDOWN}, {"md", SK_FORMAT_MARKDOWN},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		sk_format f = (sk_format)-1;
		assert_int_equal(sk_format_parse(&f, names[i].name), SK_OK);
		assert_int_equal(f, names[i].format);
	}
	sk_format f = SK_FORMAT_JSON;
	assert_int_equal(sk_format_parse(&f, "xml"), SK_EINVAL);
	assert_int_equal(sk_format_parse(&f, ""), SK_EINVAL);
	assert_int_equal(sk_format_parse(&f, "CSV"), SK_EINVAL);
	assert_int_equal(sk_format_parse(&f, NULL), SK_EINVAL);
	assert_int_equal(f, SK_FORMAT_JSON);
	assert_string_equal(sk_format_name(SK_FORMAT_TABLE), "table");
	assert_string_equal(sk_format_name(SK_FORMAT_CSV), "csv");
	assert_string_equal(sk_format_name(SK_FORMAT_TSV), "tsv");
	assert_string_equal(sk_format_name(SK_FORMAT_JSON), "json");
	assert_string_equal(sk_format_name(SK_FORMAT_MARKDOWN), "markdown");
	assert_string_equal(sk_format_name((sk_format)99), "");
}

static void test_table_format(void **state)
{
	(void)state;
	sk_table *t = sample();
	expect_render(t, SK_FORMAT_TABLE,
		      "name              la          pupils   pct\n"
		      "----------------  ----------  ------  ----\n"
		      "\xc3\x89lan Primary      Hartlepool      12  12.5\n"
		      "St Mary's, Upper                   c    -3\n"
		      "Costs \xc2\xa3           York                 1e3\n");
	sk_table_free(t);
}

static void test_table_format_alignment(void **state)
{
	(void)state;
	/* Widths count code points: "£" and "é" are one column each, not two bytes. */
	static const sk_column cols[] = {{"item", SK_COL_TEXT}, {"cost", SK_COL_NUMBER}};
	static const char *const rows[][2] = {
		{"caf\xc3\xa9", "\xc2\xa3" "1,200"},
		{"tea", "\xc2\xa3" "5"},
		{"", ""},
	};
	sk_table *t = sk_table_new(cols, 2);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(sk_table_add_row(t, rows[i]), SK_OK);
	expect_render(t, SK_FORMAT_TABLE,
		      "item    cost\n"
		      "----  ------\n"
		      "caf\xc3\xa9  \xc2\xa3" "1,200\n"
		      "tea       \xc2\xa3" "5\n"
		      "\n");
	sk_table_free(t);
}

static void test_table_format_no_trailing_spaces(void **state)
{
	(void)state;
	static const sk_column cols[] = {{"a", SK_COL_TEXT}, {"b", SK_COL_TEXT}};
	static const char *const rows[][2] = {
		{"x", NULL}, {"longer", ""}, {NULL, "y"},
		{"tab\there", "line\nbreak"},
	};
	sk_table *t = sk_table_new(cols, 2);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(sk_table_add_row(t, rows[i]), SK_OK);
	expect_render(t, SK_FORMAT_TABLE,
		      "a          b\n"
		      "---------  -----------\n"
		      "x\n"
		      "longer\n"
		      "           y\n"
		      "tab\\there  line\\nbreak\n");
	sk_table_free(t);
}

static void test_csv_format(void **state)
{
	(void)state;
	sk_table *t = sample();
	expect_render(t, SK_FORMAT_CSV,
		      "name,la,pupils,pct\n"
		      "\xc3\x89lan Primary,Hartlepool,12,12.5\n"
		      "\"St Mary's, Upper\",,c,-3\n"
		      "Costs \xc2\xa3,York,,1e3\n");
	sk_table_free(t);
}

/* What a field writer (sk_csv_write_field, sk_json_write_string) makes of `in`. */
static void expect_field(int (*write)(FILE *, const char *), const char *in,
			 const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(write(f, in), SK_OK);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf, want);
	free(buf);
}

static void expect_csv_field(const char *in, const char *want)
{
	expect_field(sk_csv_write_field, in, want);
}

static void test_csv_field_quoting(void **state)
{
	(void)state;
	expect_csv_field("plain", "plain");
	expect_csv_field("two words", "two words");
	expect_csv_field("", "");
	expect_csv_field(NULL, "");
	expect_csv_field("caf\xc3\xa9 \xc2\xa3" "5", "caf\xc3\xa9 \xc2\xa3" "5");
	expect_csv_field("a,b", "\"a,b\"");
	expect_csv_field("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_csv_field("\"", "\"\"\"\"");
	/* Control characters are shown as escapes, as on a terminal. */
	expect_csv_field("line\nbreak", "line\\nbreak");
	expect_csv_field("cr\rhere", "cr\\rhere");
	expect_csv_field("esc\x1b[2J \xc2\x9b \x7f", "esc\\x1b[2J \\u009b \\x7f");
	expect_csv_field("bad \xff", "bad \\xff");
	expect_csv_field(" lead", "\" lead\"");
	expect_csv_field("trail ", "\"trail \"");
	expect_csv_field("\ttab", "\"'\\ttab\"");
	expect_csv_field(" ", "\" \"");
	expect_csv_field("mid\ttab", "mid\\ttab");
	expect_csv_field("semi;colon", "semi;colon");
}

/* A table's CSV line writes most cells by a quicker path than
 * sk_csv_write_field's; for every kind of cell the bytes are the field
 * writer's, joined by commas, lines longer than its buffer included. */
static void test_csv_line_as_fields(void **state)
{
	(void)state;
	static char long_plain[1500], long_quoted[1500];
	memset(long_plain, 'x', sizeof(long_plain) - 1);
	memset(long_quoted, 'y', sizeof(long_quoted) - 1);
	long_quoted[700] = ',';
	static const char *const cells[] = {
		"plain", "12", "12.5", "c", "", "two words", "caf\xc3\xa9", "a,b", "say \"hi\"",
		"line\nbreak", "esc\x1b[2J", "\x7f", "~", " lead", "trail ", " ", "\ttab",
		"::set-output", "a::b", "a:b", "#[x", "[x", "=1+1", "+1", "-1", "-3.5", "@sum",
		"'x", "''=1", "1e3", long_plain, long_quoted,
	};
	size_t n = sizeof(cells) / sizeof(cells[0]);
	sk_column cols[3] = {{"a", SK_COL_TEXT}, {"b", SK_COL_TEXT}, {"c", SK_COL_TEXT}};
	for (size_t i = 0; i < n; i++) {
		const char *row[3] = {cells[i], cells[(i + 1) % n], cells[(i + 7) % n]};
		sk_table *t = sk_table_new(cols, 3);
		assert_non_null(t);
		assert_int_equal(sk_table_add_row(t, row), SK_OK);
		char *want = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&want, &len);
		assert_non_null(f);
		fputs("a,b,c\n", f);
		for (size_t c = 0; c < 3; c++) {
			if (c)
				fputc(',', f);
			assert_int_equal(sk_csv_write_field(f, row[c]), SK_OK);
		}
		fputc('\n', f);
		assert_int_equal(fclose(f), 0);
		expect_render(t, SK_FORMAT_CSV, want);
		free(want);
		sk_table_free(t);
	}
}

static void test_csv_single_column_empty(void **state)
{
	(void)state;
	/* An empty lone field is quoted so the row is not a blank line. */
	char *s = render_cell("note", SK_COL_TEXT, "", SK_FORMAT_CSV);
	assert_string_equal(s, "note\n\"\"\n");
	free(s);
	s = render_cell("note", SK_COL_TEXT, NULL, SK_FORMAT_CSV);
	assert_string_equal(s, "note\n\"\"\n");
	free(s);
	s = render_cell("a,b", SK_COL_TEXT, "x", SK_FORMAT_CSV);
	assert_string_equal(s, "\"a,b\"\nx\n");
	free(s);
}

static void test_tsv_format(void **state)
{
	(void)state;
	sk_table *t = sample();
	expect_render(t, SK_FORMAT_TSV,
		      "name\tla\tpupils\tpct\n"
		      "\xc3\x89lan Primary\tHartlepool\t12\t12.5\n"
		      "St Mary's, Upper\t\tc\t-3\n"
		      "Costs \xc2\xa3\tYork\t\t1e3\n");
	sk_table_free(t);

	static const sk_column cols[] = {{"a\tb", SK_COL_TEXT}, {"c", SK_COL_TEXT}};
	const char *row[] = {"one\ttwo\nthree\r\nfour", "\"quoted\", kept"};
	t = sk_table_new(cols, 2);
	assert_int_equal(sk_table_add_row(t, row), SK_OK);
	expect_render(t, SK_FORMAT_TSV,
		      "a\\tb\tc\n"
		      "one\\ttwo\\nthree\\r\\nfour\t\"quoted\", kept\n");
	sk_table_free(t);
}

static void test_json_format(void **state)
{
	(void)state;
	sk_table *t = sample();
	expect_render(t, SK_FORMAT_JSON,
		      "[\n"
		      "  {\"name\": \"\xc3\x89lan Primary\", \"la\": \"Hartlepool\", "
		      "\"pupils\": 12, \"pct\": 12.5},\n"
		      "  {\"name\": \"St Mary's, Upper\", \"la\": null, "
		      "\"pupils\": null, \"pct\": -3, \"suppressed\": [\"pupils\"]},\n"
		      "  {\"name\": \"Costs \xc2\xa3\", \"la\": \"York\", "
		      "\"pupils\": null, \"pct\": 1e3}\n"
		      "]\n");
	sk_table_free(t);
}

static void test_json_numbers(void **state)
{
	(void)state;
	static const char *const raw[] = {
		"0", "-0", "7", "12", "-3", "12.5", "0.25", "1e3", "1E-2", "2.5e+10", "-0.0",
	};
	static const char *const quoted[] = {
		"", "01", "1.", ".5", "+1", "1e", "1e+", "-", "12a", " 1", "1 ",
		"1,200", "£5", "NaN", "Infinity", "0x10", "--1", "1.2.3",
	};
	char want[128];
	for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
		char *s = render_cell("n", SK_COL_NUMBER, raw[i], SK_FORMAT_JSON);
		snprintf(want, sizeof(want), "[\n  {\"n\": %s}\n]\n", raw[i]);
		assert_string_equal(s, want);
		free(s);
	}
	for (size_t i = 0; i < sizeof(quoted) / sizeof(quoted[0]); i++) {
		char *s = render_cell("n", SK_COL_NUMBER, quoted[i], SK_FORMAT_JSON);
		snprintf(want, sizeof(want), "[\n  {\"n\": \"%s\"}\n]\n", quoted[i]);
		assert_string_equal(s, want);
		free(s);
	}
	/* A text column never holds a number. */
	char *s = render_cell("urn", SK_COL_TEXT, "100000", SK_FORMAT_JSON);
	assert_string_equal(s, "[\n  {\"urn\": \"100000\"}\n]\n");
	free(s);
	s = render_cell("n", SK_COL_NUMBER, NULL, SK_FORMAT_JSON);
	assert_string_equal(s, "[\n  {\"n\": null}\n]\n");
	free(s);
}

/* A boolean column is a JSON true or false for those words only, and text
 * in the other formats (nutshell's hub "complete", as on the school page). */
static void test_json_booleans(void **state)
{
	(void)state;
	static const struct { const char *cell, *json; } cases[] = {
		{"true", "true"}, {"false", "false"}, {"yes", "\"yes\""}, {"True", "\"True\""},
		{"1", "\"1\""}, {"", "\"\""},
	};
	char want[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = render_cell("b", SK_COL_BOOLEAN, cases[i].cell, SK_FORMAT_JSON);
		snprintf(want, sizeof(want), "[\n  {\"b\": %s}\n]\n", cases[i].json);
		assert_string_equal(s, want);
		free(s);
	}
	char *s = render_cell("b", SK_COL_BOOLEAN, NULL, SK_FORMAT_JSON);
	assert_string_equal(s, "[\n  {\"b\": null}\n]\n");
	free(s);
	s = render_cell("b", SK_COL_BOOLEAN, "true", SK_FORMAT_CSV);
	assert_string_equal(s, "b\ntrue\n");
	free(s);
}

static void expect_json_string(const char *in, const char *want)
{
	expect_field(sk_json_write_string, in, want);
}

static void test_json_escaping(void **state)
{
	(void)state;
	expect_json_string("", "\"\"");
	expect_json_string(NULL, "null");
	expect_json_string("plain", "\"plain\"");
	expect_json_string("say \"hi\"", "\"say \\\"hi\\\"\"");
	expect_json_string("back\\slash", "\"back\\\\slash\"");
	expect_json_string("a/b", "\"a/b\"");
	expect_json_string("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	expect_json_string("\x01x\x1f\x7f", "\"\\u0001x\\u001f\\u007f\"");
	/* C1 controls, bidirectional overrides and separators are escaped too. */
	expect_json_string("\xc2\x9b" "2J \xe2\x80\xae \xe2\x80\xa8",
			   "\"\\u009b2J \\u202e \\u2028\"");
	/* A byte that is not UTF-8 becomes the text \xNN: the output stays UTF-8. */
	expect_json_string("caf\xe9.yaml", "\"caf\\\\xe9.yaml\"");
	expect_json_string("\x1b[0m", "\"\\u001b[0m\"");
	/* GitHub Actions' "##[command]", anywhere in a line: its '[' reads back as '['. */
	expect_json_string("x ##[add-mask]y #[", "\"x ##\\u005badd-mask]y #\\u005b\"");
	expect_json_string("caf\xc3\xa9 \xc2\xa3 \xe2\x80\x94 \xf0\x9f\x99\x82",
			   "\"caf\xc3\xa9 \xc2\xa3 \xe2\x80\x94 \xf0\x9f\x99\x82\"");

	static const sk_column cols[] = {{"key \"q\"", SK_COL_TEXT}};
	const char *row[] = {"line\nbreak"};
	sk_table *t = sk_table_new(cols, 1);
	assert_int_equal(sk_table_add_row(t, row), SK_OK);
	expect_render(t, SK_FORMAT_JSON, "[\n  {\"key \\\"q\\\"\": \"line\\nbreak\"}\n]\n");
	sk_table_free(t);
}

static void test_markdown_format(void **state)
{
	(void)state;
	sk_table *t = sample();
	expect_render(t, SK_FORMAT_MARKDOWN,
		      "| name | la | pupils | pct |\n"
		      "| --- | --- | ---: | ---: |\n"
		      "| \xc3\x89lan Primary | Hartlepool | 12 | 12.5 |\n"
		      "| St Mary's, Upper |  | c | -3 |\n"
		      "| Costs \xc2\xa3 | York |  | 1e3 |\n");
	sk_table_free(t);
}

static void test_markdown_escaping(void **state)
{
	(void)state;
	static const sk_column cols[] = {{"a|b", SK_COL_TEXT}, {"n", SK_COL_NUMBER}};
	static const char *const rows[][2] = {
		{"x | y", "1"},
		{"one\ntwo", "2"},
		{"crlf\r\nend", "3"},
		{"cr\rend\n", "4"},
	};
	sk_table *t = sk_table_new(cols, 2);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(sk_table_add_row(t, rows[i]), SK_OK);
	expect_render(t, SK_FORMAT_MARKDOWN,
		      "| a\\|b | n |\n"
		      "| --- | ---: |\n"
		      "| x \\| y | 1 |\n"
		      "| one<br>two | 2 |\n"
		      "| crlf<br>end | 3 |\n"
		      "| cr<br>end<br> | 4 |\n");
	sk_table_free(t);
}

static void test_empty_table(void **state)
{
	(void)state;
	sk_table *t = sk_table_new(columns, 4);
	assert_non_null(t);
	expect_render(t, SK_FORMAT_TABLE,
		      "name  la  pupils  pct\n"
		      "----  --  ------  ---\n");
	expect_render(t, SK_FORMAT_CSV, "name,la,pupils,pct\n");
	expect_render(t, SK_FORMAT_TSV, "name\tla\tpupils\tpct\n");
	expect_render(t, SK_FORMAT_JSON, "[]\n");
	expect_render(t, SK_FORMAT_MARKDOWN,
		      "| name | la | pupils | pct |\n"
		      "| --- | --- | ---: | ---: |\n");
	sk_table_free(t);
}

static void test_bad_arguments(void **state)
{
	(void)state;
	sk_table *t = sample();
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(sk_table_write(f, t, (sk_format)42), SK_EINVAL);
	assert_int_equal(sk_table_write(f, NULL, SK_FORMAT_CSV), SK_EINVAL);
	assert_int_equal(sk_table_write(NULL, t, SK_FORMAT_CSV), SK_EINVAL);
	assert_int_equal(ftell(f), 0);
	fclose(f);
	sk_table_free(t);
}

static FILE *open_full(int mode)
{
	FILE *f = fopen("/dev/full", "w");
	if (f)
		assert_int_equal(setvbuf(f, NULL, mode, 0), 0);
	return f;
}

static void test_write_failure(void **state)
{
	(void)state;
	FILE *probe = fopen("/dev/full", "w");
	if (!probe)
		skip();
	fclose(probe);
	sk_table *t = sample();
	sk_table *empty = sk_table_new(columns, 4);
	static const sk_format formats[] = {
		SK_FORMAT_TABLE, SK_FORMAT_CSV, SK_FORMAT_TSV, SK_FORMAT_JSON, SK_FORMAT_MARKDOWN,
	};
	static const int modes[] = {_IONBF, _IOFBF};
	for (size_t m = 0; m < 2; m++) {
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			FILE *f = open_full(modes[m]);
			assert_int_equal(sk_table_write(f, t, formats[i]), SK_EIO);
			fclose(f);
			f = open_full(modes[m]);
			assert_int_equal(sk_table_write(f, empty, formats[i]), SK_EIO);
			fclose(f);
		}
	}
	FILE *f = open_full(_IONBF);
	assert_int_equal(sk_json_write_string(f, "x"), SK_EIO);
	fclose(f);
	f = open_full(_IONBF);
	assert_int_equal(sk_csv_write_field(f, "plain"), SK_EIO);
	fclose(f);
	f = open_full(_IONBF);
	assert_int_equal(sk_csv_write_field(f, "needs, quotes"), SK_EIO);
	fclose(f);
	sk_table_free(empty);
	sk_table_free(t);
}

/* The same rows through an sk_table_writer, as a string the caller frees. */
static char *render_streamed(const sk_table *t, sk_format format, unsigned flags)
{
	size_t ncols = sk_table_column_count(t);
	sk_column *cols = calloc(ncols ? ncols : 1, sizeof(*cols));
	const char **cells = calloc(ncols ? ncols : 1, sizeof(*cells));
	assert_non_null(cols);
	assert_non_null(cells);
	for (size_t c = 0; c < ncols; c++)
		cols[c] = (sk_column){sk_table_column_name(t, c), sk_table_column_type(t, c)};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	sk_table_writer *w;
	assert_int_equal(sk_table_writer_new(&w, cols, ncols, format, flags, f), SK_OK);
	for (size_t r = 0; r < sk_table_row_count(t); r++) {
		for (size_t c = 0; c < ncols; c++)
			cells[c] = sk_table_cell_at(t, r, c);
		assert_int_equal(sk_table_writer_row(w, cells), SK_OK);
	}
	assert_int_equal(sk_table_writer_finish(w), SK_OK);
	sk_table_writer_free(w);
	assert_int_equal(fclose(f), 0);
	free(cols);
	free(cells);
	return buf;
}

/* A table of `rows` rows of awkward cells, drawn from a fixed sequence. */
static sk_table *awkward(size_t ncols, size_t rows, unsigned seed)
{
	static const char *const pool[] = {
		NULL, "", "c", "12", "-3", "12.5", "1e3", "=SUM(A1)", "St Mary's, Upper",
		"tab\there", "line\nbreak", "\xc3\x89lan", "bad \xff byte", "a|b", "\"q\"",
		" padded ", "#[x]", "<b>", "@home", "+44",
	};
	sk_column cols[5];
	for (size_t c = 0; c < ncols; c++)
		cols[c] = (sk_column){columns[c % 4].name, c % 2 ? SK_COL_NUMBER : SK_COL_TEXT};
	sk_table *t = sk_table_new(cols, ncols);
	assert_non_null(t);
	uint32_t x = seed;
	for (size_t r = 0; r < rows; r++) {
		const char *cells[5];
		for (size_t c = 0; c < ncols; c++) {
			x = x * 1664525u + 1013904223u;
			cells[c] = pool[(x >> 16) % (sizeof(pool) / sizeof(pool[0]))];
		}
		assert_int_equal(sk_table_add_row(t, cells), SK_OK);
	}
	return t;
}

/* Row by row or whole, every format and flag gives the same bytes. */
static void test_writer_same_bytes(void **state)
{
	(void)state;
	static const unsigned flags[] = {0, SK_TABLE_ALLOW_FORMULAS, SK_TABLE_EXCEL,
					 SK_TABLE_ALLOW_FORMULAS | SK_TABLE_EXCEL};
	for (unsigned seed = 0; seed < 40; seed++) {
		sk_table *t = seed == 0 ? sample() : awkward(1 + seed % 5, seed % 7, seed);
		for (int f = SK_FORMAT_TABLE; f <= SK_FORMAT_MARKDOWN; f++) {
			for (size_t i = 0; i < 4; i++) {
				char *whole = NULL;
				size_t len = 0;
				FILE *fp = open_memstream(&whole, &len);
				assert_non_null(fp);
				assert_int_equal(sk_table_write_with(fp, t, (sk_format)f, flags[i]),
						 SK_OK);
				assert_int_equal(fclose(fp), 0);
				char *streamed = render_streamed(t, (sk_format)f, flags[i]);
				assert_string_equal(streamed, whole);
				free(streamed);
				free(whole);
			}
		}
		sk_table_free(t);
	}
}

static void test_writer_errors(void **state)
{
	(void)state;
	sk_table_writer *w = (sk_table_writer *)1;
	assert_int_equal(sk_table_writer_new(&w, columns, 4, (sk_format)42, 0, stdout),
			 SK_EINVAL);
	assert_null(w);
	assert_int_equal(sk_table_writer_new(&w, columns, 4, SK_FORMAT_CSV, 0, NULL), SK_EINVAL);
	sk_table_writer_free(NULL);
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		skip();
	assert_int_equal(setvbuf(f, NULL, _IONBF, 0), 0);
	static const char *const row[] = {"a", "b", "1", "2"};
	assert_int_equal(sk_table_writer_new(&w, columns, 4, SK_FORMAT_JSON, 0, f), SK_OK);
	assert_int_equal(sk_table_writer_row(w, row), SK_EIO);
	assert_int_equal(sk_table_writer_finish(w), SK_EIO);
	sk_table_writer_free(w);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_and_cells),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_table_format),
		cmocka_unit_test(test_table_format_alignment),
		cmocka_unit_test(test_table_format_no_trailing_spaces),
		cmocka_unit_test(test_csv_format),
		cmocka_unit_test(test_csv_field_quoting),
		cmocka_unit_test(test_csv_line_as_fields),
		cmocka_unit_test(test_csv_single_column_empty),
		cmocka_unit_test(test_tsv_format),
		cmocka_unit_test(test_json_format),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_booleans),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_markdown_format),
		cmocka_unit_test(test_markdown_escaping),
		cmocka_unit_test(test_empty_table),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_write_failure),
		cmocka_unit_test(test_writer_same_bytes),
		cmocka_unit_test(test_writer_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
