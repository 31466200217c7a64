/* The one CSV input layer (lib/csv_input.c): its start sniffing, the `sep=`
 * line, column names, and the four readers that go through it (the hubs
 * file, the census summary, national figures, codes files), each given the
 * same file as Excel, Notepad and an old Mac save it: with a byte order
 * mark, as UTF-16, as Windows-1252, with a `sep=;` line, with semicolons or
 * tabs and no such line, with CR-only line ends, with its header's names
 * in capitals and spaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_input_internal.h"
#include "sendkit/census.h"
#include "sendkit/codes.h"
#include "sendkit/national.h"
#include "sendkit/summary.h"

enum quirk { PLAIN, BOM, UTF16LE, UTF16BE, CP1252, SEP, CR_ONLY, SEMICOLONS, TABS, NAMES,
	     QUIRK_COUNT };

static const char *const quirk_names[QUIRK_COUNT] = {
	"plain", "bom", "utf16le", "utf16be", "cp1252", "sep", "cr-only", "semicolons", "tabs",
	"names"
};

/* A quirk that the record layer alone, without a reader's header, does not undo. */
static bool needs_header(enum quirk q)
{
	return q == SEMICOLONS || q == TABS || q == NAMES;
}

/* base (UTF-8, LF line ends, commas, no comma or quote in a value, no
 * space in its header) saved with quirk q. The one non-ASCII character of
 * base, U+00E9, is 0xE9 in Windows-1252. NAMES writes the header as a
 * person might: "Sen Support" for sen_support, a no-break space after each
 * name. */
static char *saved_as(const char *base, enum quirk q, size_t *len)
{
	size_t n = strlen(base);
	char *out = malloc(3 * n + 16);
	assert_non_null(out);
	size_t k = 0;
	if (q == BOM) {
		memcpy(out, "\xEF\xBB\xBF", 3);
		k = 3;
	} else if (q == SEP) {
		memcpy(out, "sep=;\r\n", 7);
		k = 7;
	} else if (q == UTF16LE || q == UTF16BE) {
		out[k++] = q == UTF16LE ? '\xFF' : '\xFE';
		out[k++] = q == UTF16LE ? '\xFE' : '\xFF';
	}
	bool header = true, word = true;
	for (size_t i = 0; i < n; i++) {
		char ch = base[i];
		if (q == NAMES && header) {
			if (ch == ',' || ch == '\n') {
				memcpy(out + k, "\xC2\xA0", 2);
				k += 2;
			}
			out[k++] = ch == '_' ? ' ' : word && ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
			word = ch == '_' || ch == ',';
			header = ch != '\n';
		} else if (q == CP1252 && ch == '\xC3' && base[i + 1] == '\xA9') {
			out[k++] = '\xE9';
			i++;
		} else if (q == UTF16LE || q == UTF16BE) {
			out[k++] = q == UTF16LE ? ch : '\0';
			out[k++] = q == UTF16LE ? '\0' : ch;
		} else {
			out[k++] = (q == SEP || q == SEMICOLONS) && ch == ',' ? ';'
				   : q == TABS && ch == ',' ? '\t'
				   : q == CR_ONLY && ch == '\n' ? '\r' : ch;
		}
	}
	*len = k;
	return out;
}

/* How many diagnostics of this rule and severity say `text`. */
static size_t said(const sk_diags *d, sk_severity sev, const char *rule, const char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < sk_diags_count(d); i++) {
		const sk_diag *g = sk_diags_at(d, i);
		n += g->severity == sev && !strcmp(g->rule, rule) && strstr(g->message, text);
	}
	return n;
}

/* What every reader says about a file's start, whatever it reads. */
static void check_start_notes(const sk_diags *d, enum quirk q, int rc)
{
	if (q == UTF16LE || q == UTF16BE) {
		assert_int_equal(rc, SK_EINVAL);
		assert_int_equal(said(d, SK_ERROR, "encoding", "a UTF-16 file: save it as"), 1);
		assert_int_equal(sk_diags_at(d, 0)->pos.line, 1);
		return;
	}
	assert_int_equal(rc, SK_OK);
	assert_int_equal(said(d, SK_NOTE, "encoding", "byte order mark"), q == BOM);
	assert_int_equal(said(d, SK_NOTE, "line-ends", "CR alone"), q == CR_ONLY);
	assert_int_equal(said(d, SK_NOTE, "encoding", "read as Windows-1252"), q == CP1252);
	assert_int_equal(said(d, SK_NOTE, "separator", q == TABS ? "by tabs, not commas"
				: "by semicolons, not commas"), q == SEMICOLONS || q == TABS);
}

/* The line of the one diagnostic of this rule. */
static unsigned line_said(const sk_diags *d, const char *rule)
{
	unsigned line = 0;
	size_t n = 0;
	for (size_t i = 0; i < sk_diags_count(d); i++) {
		if (!strcmp(sk_diags_at(d, i)->rule, rule)) {
			line = sk_diags_at(d, i)->pos.line;
			n++;
		}
	}
	assert_int_equal(n, 1);
	return line;
}

/* The line a row of base is on once saved with quirk q. */
static unsigned line_of(unsigned base_line, enum quirk q)
{
	return base_line + (q == SEP);
}

/* ---- the layer ---- */

static void test_sniff(void **state)
{
	(void)state;
	assert_int_equal(sk_csv__sniff("a,b\r\n", 5), 0);
	assert_int_equal(sk_csv__sniff("a,b\rc\r", 6), SK_CSV_CR_ONLY);
	assert_int_equal(sk_csv__sniff("\xEF\xBB\xBF" "a\n", 5), SK_CSV_BOM);
	assert_int_equal(sk_csv__sniff("\xFF\xFE" "a\0", 4), SK_CSV_UTF16);
	assert_int_equal(sk_csv__sniff("\xFE\xFF\0a", 4), SK_CSV_UTF16);
	assert_int_equal(sk_csv__sniff("\xEF\xBB", 2), 0);
	assert_int_equal(sk_csv__sniff("", 0), 0);
}

static void test_sep_line(void **state)
{
	(void)state;
	char sep = 0;
	assert_int_equal(sk_csv__sep_line(&sep, "sep=;\r\na;b\n", 11), 7);
	assert_int_equal(sep, ';');
	assert_int_equal(sk_csv__sep_line(&sep, "SEP=\t\na", 7), 6);
	assert_int_equal(sep, '\t');
	assert_int_equal(sk_csv__sep_line(&sep, "sep=|", 5), 5);
	assert_int_equal(sep, '|');
	sep = 0;
	assert_int_equal(sk_csv__sep_line(&sep, "sep=;;\n", 7), 0);   /* a header "sep=;;" */
	assert_int_equal(sk_csv__sep_line(&sep, "sep,hub\n", 8), 0);
	assert_int_equal(sk_csv__sep_line(&sep, "sep=", 4), 0);
	assert_int_equal(sep, 0);
}

static const char *key_of(char *buf, size_t cap, const char *s)
{
	sk_csv__name_key(buf, cap, s, strlen(s));
	return buf;
}

/* Case, spaces, underscores, hyphens, a no-break space, a byte order mark
 * and trailing blanks make no difference; a % is "pct"; a long name is cut. */
static void test_name_key(void **state)
{
	(void)state;
	char k[16];
	const char *same[] = {"School URN", "school_urn", "SCHOOL-URN", "School URN \t",
			      "School\xC2\xA0URN\xC2\xA0", "\xEF\xBB\xBFschool urn", "schoolurn"};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		assert_string_equal(key_of(k, sizeof(k), same[i]), "schoolurn");
	assert_string_equal(key_of(k, sizeof(k), "SEN support %"), "sensupportpct");
	assert_string_equal(key_of(k, sizeof(k), "need_SpLD2"), "needspld2");
	assert_string_equal(key_of(k, 5, "Sen_Support"), "sens");
	assert_string_equal(key_of(k, 4, "%%"), "pct");
	assert_int_equal(sk_csv__name_key(k, sizeof(k), "", 0), 0);
}

/* Columns by alias: the first field of an id wins; no field, -1. */
static void test_columns(void **state)
{
	(void)state;
	enum { URN, HUB, NOTE, IDS };
	static const sk_csv__alias aliases[] = {
		{"urn", URN}, {"School URN", URN}, {"hub", HUB}, {"send_hub", HUB}, {"x", NOTE}
	};
	const size_t n = sizeof(aliases) / sizeof(aliases[0]);
	assert_int_equal(sk_csv__alias_id(aliases, n, "SEND Hub", 8), HUB);
	assert_int_equal(sk_csv__alias_id(aliases, n, "schoolurn", 9), URN);
	assert_int_equal(sk_csv__alias_id(aliases, n, "hubs", 4), -1);
	assert_int_equal(sk_csv__alias_id(aliases, n, "", 0), -1);
	char *header[] = {"Name", "Send-Hub", "SCHOOL URN", "hub", "urn"};
	long col[IDS];
	sk_csv__columns(col, IDS, header, 5, aliases, n);
	assert_int_equal(col[URN], 2);
	assert_int_equal(col[HUB], 1);
	assert_int_equal(col[NOTE], -1);
	sk_csv__columns(col, IDS, header, 0, aliases, n);
	assert_int_equal(col[URN], -1);
}

typedef struct seen {
	char text[8][32];
	unsigned line[8];
	size_t records, fields[8];
} seen;

static int keep(void *ctx, char **fields, size_t count, unsigned line)
{
	seen *s = ctx;
	if (s->records < 8) {
		snprintf(s->text[s->records], sizeof(s->text[0]), "%s|%s", fields[0],
			 count > 1 ? fields[1] : "");
		s->line[s->records] = line;
		s->fields[s->records] = count;
	}
	s->records++;
	return SK_OK;
}

/* Records and their lines, whatever the file's line ends and separator;
 * blank lines are no records; a quoted line break stays in its field. */
static void test_records(void **state)
{
	(void)state;
	static const sk_csv__options opt = {.strict_quotes = 1, .text_1252 = "names"};
	const char *base = "a,b\n\n\"x\ny\",Caf\xC3\xA9\nlast,\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		if (q == UTF16LE || q == UTF16BE || needs_header((enum quirk)q))
			continue;
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_diags *d = sk_diags_new();
		seen s = {0};
		int rc = sk_csv__each_record(bytes, len, "t.csv", d, &opt, keep, &s);
		print_message("%s\n", quirk_names[q]);
		check_start_notes(d, (enum quirk)q, rc);
		assert_int_equal(s.records, 3);
		assert_string_equal(s.text[0], "a|b");
		assert_string_equal(s.text[1], "x\ny|Caf\xC3\xA9");
		assert_string_equal(s.text[2], "last|");
		assert_int_equal(s.fields[2], 2);
		assert_int_equal(s.line[0], line_of(1, (enum quirk)q));
		assert_int_equal(s.line[1], line_of(3, (enum quirk)q));
		assert_int_equal(s.line[2], line_of(5, (enum quirk)q));
		sk_diags_free(d);
		free(bytes);
	}
}

/* A NUL byte, a stray quote and an open quote at the end (strict): errors
 * by line, quoting nothing; not strict, a stray quote is part of its value. */
static void test_refused(void **state)
{
	(void)state;
	static const sk_csv__options strict = {.strict_quotes = 1};
	static const sk_csv__options lenient = {.strict_quotes = 0};
	sk_diags *d = sk_diags_new();
	seen s = {0};
	assert_int_equal(sk_csv__each_record("a,b\nSmith\0,1\n", 13, "t", d, &strict, keep, &s),
			 SK_EINVAL);
	assert_int_equal(said(d, SK_ERROR, "encoding", "NUL byte"), 1);
	assert_int_equal(sk_diags_at(d, 0)->pos.line, 2);
	sk_diags_clear(d);
	const char *stray = "a,b\nO'Neil \"Jo\",1\n";
	assert_int_equal(sk_csv__each_record(stray, strlen(stray), "t", d, &strict, keep, &s),
			 SK_EINVAL);
	assert_int_equal(said(d, SK_ERROR, "csv-syntax", "a quote inside a value"), 1);
	assert_int_equal(sk_diags_at(d, 0)->pos.line, 2);
	sk_diags_clear(d);
	memset(&s, 0, sizeof(s));
	assert_int_equal(sk_csv__each_record(stray, strlen(stray), "t", d, &lenient, keep, &s),
			 SK_OK);
	assert_string_equal(s.text[1], "O'Neil \"Jo\"|1");
	sk_diags_clear(d);
	const char *open = "a,b\n1,\"Smith\n";
	assert_int_equal(sk_csv__each_record(open, strlen(open), "t", d, &strict, keep, &s),
			 SK_EINVAL);
	assert_int_equal(said(d, SK_ERROR, "csv-syntax", "ends inside a quoted field"), 1);
	for (size_t i = 0; i < sk_diags_count(d); i++)
		assert_null(strstr(sk_diags_at(d, i)->message, "Smith"));
	sk_diags_free(d);
}

/* ---- the three readers ---- */

/* --hubs: two schools in two hubs, then a row without a hub on line 4. */
static void test_hubs_file(void **state)
{
	(void)state;
	const char *base = "urn,hub\n100001,Vale\n100002,Caf\xC3\xA9 hub\n100003,\n";
	const char *census = "urn,sen\n100001,K\n100002,E\n100002,N\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_census *c = sk_census_new();
		sk_diags *d = sk_diags_new();
		int rc = sk_census_read_hubs(c, bytes, len, "hubs.csv", d);
		print_message("%s\n", quirk_names[q]);
		if (q == UTF16LE || q == UTF16BE) {
			check_start_notes(d, (enum quirk)q, rc);
		} else {
			assert_int_equal(rc, SK_OK);
			assert_int_equal(said(d, SK_ERROR, "hubs-row", "without a hub"), 1);
			assert_int_equal(line_said(d, "hubs-row"), line_of(4, (enum quirk)q));
			sk_diags_clear(d);
			assert_int_equal(sk_census_read_buffer(c, NULL, census, strlen(census),
							       "t.csv", "autumn", d), SK_OK);
			sk_census_counts n;
			assert_int_equal(sk_census_counts_find(&n, c, 0, SK_CENSUS_HUB, "Vale"), SK_OK);
			assert_int_equal(n.sen_support, 1);
			assert_int_equal(sk_census_counts_find(&n, c, 0, SK_CENSUS_HUB,
							      "Caf\xC3\xA9 hub"), SK_OK);
			assert_int_equal(n.on_roll, 2);
			assert_int_equal(n.ehcp, 1);
		}
		sk_diags_free(d);
		sk_census_free(c);
		free(bytes);
	}
}

/* Start notes of the hubs file, apart from its row error. */
static void test_hubs_notes(void **state)
{
	(void)state;
	const char *base = "urn,hub\n100001,Caf\xC3\xA9\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_census *c = sk_census_new();
		sk_diags *d = sk_diags_new();
		print_message("%s\n", quirk_names[q]);
		check_start_notes(d, (enum quirk)q, sk_census_read_hubs(c, bytes, len, "h", d));
		sk_diags_free(d);
		sk_census_free(c);
		free(bytes);
	}
}

/* nutshell's census summary: two rows, the second on line 3. */
static void test_summary_file(void **state)
{
	(void)state;
	const char *base = "term,level,key,name,on_roll,sen_support,ehcp\n"
			   "spring-2024,school,100001,Vale,100,12,3\n"
			   "spring-2024,school,100002,Caf\xC3\xA9 School,40,c,2\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_diags *d = sk_diags_new();
		sk_summary *s = NULL;
		int rc = sk_summary_load(&s, bytes, len, "s.csv", d);
		print_message("%s\n", quirk_names[q]);
		check_start_notes(d, (enum quirk)q, rc);
		if (rc == SK_OK) {
			assert_int_equal(sk_summary_row_count(s), 2);
			const sk_summary_row *r = sk_summary_row_at(s, 1);
			assert_string_equal(r->name, "Caf\xC3\xA9 School");
			assert_int_equal(r->line, line_of(3, (enum quirk)q));
			assert_int_equal(r->on_roll.value, 40);
			assert_int_equal(r->sen_support.state, SK_CELL_SUPPRESSED);
			assert_int_equal(sk_summary_row_at(s, 0)->ehcp.value, 3);
		} else {
			assert_null(s);
		}
		sk_summary_free(s);
		sk_diags_free(d);
		free(bytes);
	}
}

/* National figures: a file's year 2030 (DfE's figures for 2023 made up
 * into another year), and a bad row on line 3 reported by its line. */
static void test_national_file(void **state)
{
	(void)state;
	const char *base = "year,source,pupils,sen_support,ehcp,sen\n"
			   "2030,Caf\xC3\xA9 figures,9073832,1183384,389171,1572555\n"
			   "2031,x,10,11,0,11\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_diags *d = sk_diags_new();
		sk_national *nat = sk_national_new();
		int rc = sk_national_read(nat, bytes, len, "n.csv", d);
		print_message("%s\n", quirk_names[q]);
		if (q == UTF16LE || q == UTF16BE) {
			check_start_notes(d, (enum quirk)q, rc);
			assert_null(sk_national_find(nat, 2030));
		} else {
			assert_int_equal(rc, SK_OK);
			assert_int_equal(said(d, SK_ERROR, "national-counts", "more than the pupils"),
					 1);
			assert_int_equal(line_said(d, "national-counts"), line_of(3, (enum quirk)q));
			const sk_national_entry *e = sk_national_find(nat, 2030);
			assert_non_null(e);
			assert_string_equal(e->source, "Caf\xC3\xA9 figures");
			assert_int_equal(sk_national_entry_pct(e, SK_MEASURE_SEN), 173);
			assert_null(sk_national_find(nat, 2031));
		}
		sk_national_free(nat);
		sk_diags_free(d);
		free(bytes);
	}
}

/* A codes file: a provision's label and a need's. */
static void test_codes_file(void **state)
{
	(void)state;
	const char *base = "label,code,note\nWave 3,K,\nCaf\xC3\xA9 needs,spld,x\n";
	for (int q = 0; q < QUIRK_COUNT; q++) {
		size_t len;
		char *bytes = saved_as(base, (enum quirk)q, &len);
		sk_codes *codes = sk_codes_new();
		sk_diags *d = sk_diags_new();
		print_message("%s\n", quirk_names[q]);
		int rc = sk_codes_read(codes, bytes, len, "codes.csv", d);
		check_start_notes(d, (enum quirk)q, rc);
		sk_provision p;
		sk_need n;
		const char *label = "Caf\xC3\xA9 needs";
		bool read = rc == SK_OK;
		assert_int_equal(sk_codes_provision(&p, NULL, codes, "wave 3", 6) == SK_OK, read);
		assert_int_equal(sk_codes_need(&n, codes, label, strlen(label)) == SK_OK, read);
		if (read) {
			assert_int_equal(p, SK_PROV_K);
			assert_int_equal(n, SK_NEED_SPLD);
		}
		sk_diags_free(d);
		sk_codes_free(codes);
		free(bytes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_sep_line),
		cmocka_unit_test(test_name_key),
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_hubs_file),
		cmocka_unit_test(test_hubs_notes),
		cmocka_unit_test(test_summary_file),
		cmocka_unit_test(test_national_file),
		cmocka_unit_test(test_codes_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
