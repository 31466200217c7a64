/* Dates, the six-term school year and the "when" of sendkit-strategy(5).
 * Pure functions: no clock, no locale (case is folded in ASCII only, so a
 * Turkish locale cannot turn "T1" into something else). */
#include <stdbool.h>
#include <string.h>

#include "sendkit/when.h"

/* Longer text is free text: no form below needs anything near this. */
#define SK_WHEN_TEXT_MAX 128

static const sk_date no_date = {0, 0, 0};

/* ---- dates ---- */

static bool is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

static sk_date make_date(int y, int m, int d)
{
	sk_date date = {y, m, d};

	return date;
}

int sk_date_cmp(sk_date a, sk_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

bool sk_date_valid(sk_date d)
{
	return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12
	       && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

bool sk_date_is_set(sk_date d)
{
	return d.year != 0 || d.month != 0 || d.day != 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_digit(s[i]))
			return false;
	return len > 0;
}

static int digits_value(const char *s, size_t len)
{
	int v = 0;
	size_t i;

	for (i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The shape YYYY-MM-DD: SK_OK, SK_ERANGE when it names no real day,
 * SK_EINVAL when it is not that shape. */
static int iso_date(sk_date *out, const char *s, size_t len)
{
	sk_date d;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4)
	    || !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
		return SK_EINVAL;
	d = make_date(digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2));
	if (!sk_date_valid(d))
		return SK_ERANGE;
	*out = d;
	return SK_OK;
}

int sk_date_parse(sk_date *out, const char *text)
{
	if (text == NULL || iso_date(out, text, strlen(text)) != SK_OK)
		return SK_EINVAL;
	return SK_OK;
}

static void put_digits(char *p, int v, int width)
{
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	while (width-- > 0) {
		p[width] = (char)('0' + u % 10);
		u /= 10;
	}
}

void sk_date_format(char buf[11], sk_date d)
{
	put_digits(buf, d.year, 4);
	buf[4] = '-';
	put_digits(buf + 5, d.month, 2);
	buf[7] = '-';
	put_digits(buf + 8, d.day, 2);
	buf[10] = '\0';
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar (Howard
 * Hinnant's days_from_civil: eras of 400 years, years starting in March). */
static long days_from_civil(sk_date d)
{
	long y = (long)d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = d.month > 2 ? d.month - 3 : d.month + 9;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

long sk_date_diff_days(sk_date a, sk_date b)
{
	return days_from_civil(b) - days_from_civil(a);
}

/* ---- academic years and terms ---- */

/* "2023-2024", "2023-24", "2023/24", "2023/2024" (already trimmed). */
static int parse_academic_year(int *out, const char *s, size_t len)
{
	int first, second;

	if ((len != 7 && len != 9) || (s[4] != '-' && s[4] != '/')
	    || !all_digits(s, 4) || !all_digits(s + 5, len - 5))
		return SK_EINVAL;
	first = digits_value(s, 4);
	second = digits_value(s + 5, len - 5);
	if (len == 7 ? second != (first + 1) % 100 : second != first + 1)
		return SK_EINVAL;
	*out = first;
	return SK_OK;
}

int sk_academic_year_parse(int *out_start, const char *text)
{
	if (text == NULL)
		return SK_EINVAL;
	return parse_academic_year(out_start, text, strlen(text));
}

int sk_academic_year_of(sk_date d)
{
	return d.month >= 9 ? d.year : d.year - 1;
}

int sk_term_of(sk_date d)
{
	static const int terms[12] = {3, 3, 4, 4, 5, 6, 6, 6, 1, 1, 2, 2};

	if (d.month < 1 || d.month > 12)
		return 0;
	return terms[d.month - 1];
}

/* First month of each term; T1 and T2 fall in the first calendar year. */
static const int term_first_month[6] = {9, 11, 1, 3, 5, 6};
static const int term_last_month[6] = {10, 12, 2, 4, 5, 7};

static int term_year(int start, int term)
{
	return term <= 2 ? start : start + 1;
}

sk_date sk_term_start(int start, int term)
{
	if (term < 1 || term > 6)
		return no_date;
	return make_date(term_year(start, term), term_first_month[term - 1], 1);
}

sk_date sk_term_end(int start, int term)
{
	int y, m;

	if (term < 1 || term > 6)
		return no_date;
	y = term_year(start, term);
	m = term_last_month[term - 1];
	return make_date(y, m, days_in_month(y, m));
}

/* ---- "when" text ---- */

/* A piece of normalised text: lower case, single spaces, trimmed. */
typedef struct span {
	const char *s;
	size_t len;
} span;

/* A run of terms: a term is first == last, a season two terms. */
typedef struct term_run {
	int first;
	int last;
} term_run;

static bool span_is(span t, const char *word)
{
	return strlen(word) == t.len && memcmp(t.s, word, t.len) == 0;
}

static bool span_starts(span t, const char *word)
{
	size_t n = strlen(word);

	return t.len >= n && memcmp(t.s, word, n) == 0;
}

static span span_trim(span t)
{
	while (t.len > 0 && t.s[0] == ' ') {
		t.s++;
		t.len--;
	}
	while (t.len > 0 && t.s[t.len - 1] == ' ')
		t.len--;
	return t;
}

/* The next space-separated token of *rest, which is advanced past it. */
static span next_token(span *rest)
{
	span t = span_trim(*rest);
	size_t n = 0;

	while (n < t.len && t.s[n] != ' ')
		n++;
	rest->s = t.s + n;
	rest->len = t.len - n;
	t.len = n;
	return t;
}

/* Copies text into buf folded to lower case (ASCII only), with every run of
 * white space (no-break space included) made one space, en and em dashes
 * made '-' (Word's autocorrect), trimmed, and one final full stop dropped. */
static bool normalise(span *out, char *buf, size_t size, const char *text)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)text;

	while (*p != '\0') {
		char c = (char)*p;
		size_t adv = 1;

		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			c = ' ';
		} else if (p[0] == 0xc2 && p[1] == 0xa0) {
			c = ' ';
			adv = 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) {
			c = '-';
			adv = 3;
		} else if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		p += adv;
		if (c == ' ' && (n == 0 || buf[n - 1] == ' '))
			continue;
		if (n + 1 >= size)
			return false;
		buf[n++] = c;
	}
	buf[n] = '\0';
	out->s = buf;
	out->len = n;
	*out = span_trim(*out);
	if (out->len > 0 && out->s[out->len - 1] == '.')
		out->len--;
	*out = span_trim(*out);
	return out->len > 0;
}

static bool year_token(int *out, span t)
{
	if (t.len != 4 || !all_digits(t.s, 4))
		return false;
	*out = digits_value(t.s, 4);
	return true;
}

static int month_of(span t)
{
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	int m;

	if (span_is(t, "sept"))
		return 9;
	for (m = 0; m < 12; m++)
		if (span_is(t, names[m]) || (t.len == 3 && memcmp(t.s, names[m], 3) == 0))
			return m + 1;
	return 0;
}

/* "autumn", "spring", "summer" or "aut", "spr", "sum" at the start of t:
 * the season's first term (1, 3, 5), else 0; *len is how much of t it took. */
static int season_of(span t, size_t *len)
{
	static const char *const names[3][2] = {
		{"autumn", "aut"}, {"spring", "spr"}, {"summer", "sum"}
	};
	int i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 2; j++) {
			if (span_starts(t, names[i][j])) {
				*len = strlen(names[i][j]);
				return 2 * i + 1;
			}
		}
	}
	return 0;
}

/* A digit from lo to hi alone in t, else 0. */
static int small_number(span t, int lo, int hi)
{
	if (t.len != 1 || t.s[0] < '0' + lo || t.s[0] > '0' + hi)
		return 0;
	return t.s[0] - '0';
}

/* A season's half: "1"/"2" as the rest of the word ("autumn1") or as the
 * next token ("autumn 1", "autumn term 1"). A season without one ("spring",
 * "spring term", never "spr") is both its terms. Advances *rest past what it used. */
static bool season_run(term_run *out, span word, span *rest)
{
	size_t used = 0;
	int first = season_of(word, &used);
	span tail = {word.s + used, word.len - used};
	span save, t;
	int half;

	if (first == 0)
		return false;
	if (tail.len > 0) {
		half = small_number(tail, 1, 2);
		if (half == 0)
			return false;
		out->first = out->last = first + half - 1;
		return true;
	}
	save = *rest;
	t = next_token(rest);
	if (span_is(t, "term")) {
		save = *rest;
		t = next_token(rest);
	}
	half = small_number(t, 1, 2);
	if (half == 0) {
		/* "sum" alone is more likely a word than a season. */
		if (used < 6)
			return false;
		*rest = save;
		out->first = first;
		out->last = first + 1;
		return true;
	}
	out->first = out->last = first + half - 1;
	return true;
}

/* A term ("t3", "term 3", "term3", "spring 1", "autumn term 2") or a season
 * ("summer", "summer term") at the start of *rest, which is advanced past it. */
static bool term_run_of(term_run *out, span *rest)
{
	span word = next_token(rest);
	span tail;
	int term;

	if (word.len == 2 && word.s[0] == 't') {
		term = small_number((span){word.s + 1, 1}, 1, 6);
	} else if (span_starts(word, "term")) {
		tail = (span){word.s + 4, word.len - 4};
		term = small_number(tail.len > 0 ? tail : next_token(rest), 1, 6);
	} else {
		return season_run(out, word, rest);
	}
	if (term == 0)
		return false;
	out->first = out->last = term;
	return true;
}

static void set_date_kind(sk_when *out, sk_date start, sk_date due)
{
	out->kind = SK_WHEN_DATE;
	out->start = start;
	out->due = due;
	out->recurring = NULL;
}

static int from_run(sk_when *out, term_run run, int start_year)
{
	sk_date start = sk_term_start(start_year, run.first);
	sk_date due = sk_term_end(start_year, run.last);

	if (!sk_date_valid(start) || !sk_date_valid(due))
		return SK_ERANGE;
	set_date_kind(out, start, due);
	return SK_OK;
}

/* A term or season, alone or followed by a calendar or academic year. */
static int term_form(sk_when *out, span t, int academic)
{
	term_run run;
	span rest = t, year;
	int y;

	if (!term_run_of(&run, &rest))
		return SK_EINVAL;
	year = span_trim(rest);
	if (year.len == 0)
		return academic != 0 ? from_run(out, run, academic) : SK_EINVAL;
	if (year_token(&y, year))
		return from_run(out, run, run.first <= 2 ? y : y - 1);
	if (parse_academic_year(&y, year.s, year.len) == SK_OK)
		return from_run(out, run, y);
	return SK_EINVAL;
}

/* "March 2024", "Mar 2024", "Sept 2023": the whole month. */
static int month_form(sk_when *out, span t)
{
	span rest = t;
	int m = month_of(next_token(&rest));
	int y;

	if (m == 0 || !year_token(&y, span_trim(rest)))
		return SK_EINVAL;
	if (y < 1)
		return SK_ERANGE;
	set_date_kind(out, make_date(y, m, 1), make_date(y, m, days_in_month(y, m)));
	return SK_OK;
}

/* A day of the month from 1 to 31, "1" to "31" with an optional "st",
 * "nd", "rd" or "th" when `ordinal`; else 0. */
static int day_of(span t, bool ordinal)
{
	size_t n = 0;

	while (n < t.len && n < 2 && is_digit(t.s[n]))
		n++;
	span suffix = {t.s + n, t.len - n};
	bool suffix_ok = suffix.len == 0
			 || (ordinal && (span_is(suffix, "st") || span_is(suffix, "nd")
					 || span_is(suffix, "rd") || span_is(suffix, "th")));
	if (n == 0 || !suffix_ok)
		return 0;
	int d = digits_value(t.s, n);
	return d <= 31 ? d : 0;
}

/* "22/03/2024": a day and a month of one or two digits, a four-digit year. */
static bool slash_parts(int *d, int *m, int *y, span t)
{
	const char *a = memchr(t.s, '/', t.len);
	const char *b = a ? memchr(a + 1, '/', t.len - (size_t)(a + 1 - t.s)) : NULL;

	if (b == NULL)
		return false;
	*d = day_of((span){t.s, (size_t)(a - t.s)}, false);
	*m = day_of((span){a + 1, (size_t)(b - a - 1)}, false);
	return *d && *m && year_token(y, (span){b + 1, t.len - (size_t)(b + 1 - t.s)});
}

/* "22 March 2024", "22nd Mar 2024". */
static bool words_parts(int *d, int *m, int *y, span t)
{
	span rest = t;

	*d = day_of(next_token(&rest), true);
	*m = month_of(next_token(&rest));
	return *d && *m && year_token(y, span_trim(rest));
}

/* A date written day first, as England writes it (not in sendkit-strategy(5),
 * but what Word documents hold). SK_ERANGE when it names no real day. */
static int day_first_form(sk_when *out, span t)
{
	int d, m, y;

	if (!slash_parts(&d, &m, &y, t) && !words_parts(&d, &m, &y, t))
		return SK_EINVAL;
	sk_date date = make_date(y, m, d);
	if (y < 1 || !sk_date_valid(date))
		return SK_ERANGE;
	set_date_kind(out, date, date);
	return SK_OK;
}

/* One date, month, term, season or academic year (no range, no word). */
static int single_form(sk_when *out, span t, int academic)
{
	sk_date d;
	int rc, y;

	t = span_trim(t);
	rc = iso_date(&d, t.s, t.len);
	if (rc != SK_EINVAL) {
		if (rc == SK_OK)
			set_date_kind(out, d, d);
		return rc;
	}
	if (parse_academic_year(&y, t.s, t.len) == SK_OK)
		return from_run(out, (term_run){1, 6}, y);
	rc = month_form(out, t);
	if (rc == SK_EINVAL)
		rc = day_first_form(out, t);
	if (rc != SK_EINVAL)
		return rc;
	return term_form(out, t, academic);
}

/* Two single forms either side of [at, at + joiner_len), from the first's
 * start to the second's end. A bare term on either side is that term of the
 * file's academic year, as it is alone; only when the file has none does a
 * bare first term take the second's ("T5-T6 2020"). The end may fall inside
 * the first ("Spring 2024 to March 2024"), not before its start. */
static int range_at(sk_when *out, span t, size_t at, size_t joiner_len, int academic)
{
	span left = {t.s, at};
	span right = {t.s + at + joiner_len, t.len - at - joiner_len};
	sk_when a, b;
	int rc_a, rc_b;

	rc_b = single_form(&b, right, academic);
	if (rc_b == SK_EINVAL)
		return SK_EINVAL;
	if (academic == 0 && rc_b == SK_OK)
		academic = sk_academic_year_of(b.start);
	rc_a = single_form(&a, left, academic);
	if (rc_a == SK_EINVAL)
		return SK_EINVAL;
	if (rc_a != SK_OK || rc_b != SK_OK)
		return SK_ERANGE;
	if (sk_date_cmp(b.due, a.start) < 0)
		return SK_ERANGE;
	out->kind = SK_WHEN_RANGE;
	out->start = a.start;
	out->due = b.due;
	out->recurring = NULL;
	return SK_OK;
}

/* Tries every "-", " to " and " until " in turn; hyphens inside ISO dates
 * and academic years simply fail to split into two forms. */
static int range_form(sk_when *out, span t, int academic)
{
	static const char *const joiners[] = {"-", " to ", " until "};
	size_t at, j;

	for (at = 1; at < t.len; at++) {
		for (j = 0; j < sizeof joiners / sizeof joiners[0]; j++) {
			size_t n = strlen(joiners[j]);
			int rc;

			if (at + n >= t.len || memcmp(t.s + at, joiners[j], n) != 0)
				continue;
			rc = range_at(out, t, at, n, academic);
			if (rc != SK_EINVAL)
				return rc;
		}
	}
	return SK_EINVAL;
}

static const struct {
	const char *word;
	const char *normal;
} recurring_words[] = {
	{"termly", "termly"},
	{"each term", "termly"},
	{"every term", "termly"},
	{"once a term", "termly"},
	{"half-termly", "half-termly"},
	{"half termly", "half-termly"},
	{"each half term", "half-termly"},
	{"each half-term", "half-termly"},
	{"every half term", "half-termly"},
	{"every half-term", "half-termly"},
	{"annually", "annually"},
	{"annual", "annually"},
	{"yearly", "annually"},
	{"each year", "annually"},
	{"every year", "annually"},
	{"once a year", "annually"},
	{"monthly", "monthly"},
	{"each month", "monthly"},
	{"every month", "monthly"},
	{"fortnightly", "fortnightly"},
	{"weekly", "weekly"},
	{"each week", "weekly"},
	{"every week", "weekly"},
	{"daily", "daily"},
	{"each day", "daily"},
	{"every day", "daily"},
	{"ongoing", "ongoing"},
	{"on-going", "ongoing"},
	{"on going", "ongoing"},
};

static const char *recurring_of(span t)
{
	size_t i;

	for (i = 0; i < sizeof recurring_words / sizeof recurring_words[0]; i++)
		if (span_is(t, recurring_words[i].word))
			return recurring_words[i].normal;
	return NULL;
}

/* Drops a leading "by the end of", "by end of", "end of", "by", "before"
 * or "in"; returns whether "from" was dropped instead (a range must follow). */
static bool drop_prefix(span *t)
{
	static const char *const prefixes[] = {
		"by the end of ", "by end of ", "end of ", "by ", "before ", "in ", "from "
	};
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);

		if (span_starts(*t, prefixes[i]) && t->len > n) {
			t->s += n;
			t->len -= n;
			return span_is((span){prefixes[i], n}, "from ");
		}
	}
	return false;
}

static int when_parse(sk_when *out, span t, int academic)
{
	const char *word = recurring_of(t);
	bool range_only;
	int rc;

	if (word != NULL) {
		out->kind = SK_WHEN_RECURRING;
		out->recurring = word;
		return SK_OK;
	}
	range_only = drop_prefix(&t);
	if (span_starts(t, "the ") && t.len > 4) {
		t.s += 4;
		t.len -= 4;
	}
	if (!range_only) {
		/* Whole-text forms first: "2020-21" and "2024-03-22" are not ranges. */
		rc = single_form(out, t, academic);
		if (rc != SK_EINVAL)
			return rc;
	}
	return range_form(out, t, academic);
}

static void when_clear(sk_when *w)
{
	w->kind = SK_WHEN_NONE;
	w->start = no_date;
	w->due = no_date;
	w->recurring = NULL;
}

int sk_when_parse(sk_when *out, const char *text, int academic_year)
{
	char buf[SK_WHEN_TEXT_MAX];
	span t;
	int rc = SK_EINVAL;

	when_clear(out);
	if (text != NULL && normalise(&t, buf, sizeof buf, text))
		rc = when_parse(out, t, academic_year);
	if (rc != SK_OK)
		when_clear(out);
	return rc;
}

int sk_when_parse_from(sk_when *out, const char *text, sk_date from)
{
	int year = sk_date_is_set(from) ? sk_academic_year_of(from) : 0;
	int rc = sk_when_parse(out, text, year);
	sk_when next;

	/* Read again in the next year, a bare term that ended before `from`
	 * moves a year on; a text with none reads the same and is kept. */
	if (rc == SK_OK && year != 0 && out->kind != SK_WHEN_RECURRING
	    && sk_date_cmp(out->due, from) < 0 && sk_when_parse(&next, text, year + 1) == SK_OK
	    && sk_date_cmp(next.due, out->due) != 0)
		*out = next;
	return rc;
}
