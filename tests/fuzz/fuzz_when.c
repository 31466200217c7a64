/* sk_when_parse, sk_when_parse_from, sk_date_parse and sk_academic_year_parse:
 * whatever they read is a real date, and a range never ends before it starts;
 * sk_when_parse_from moves a date only from before its day to after it. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	/* The academic year is part of the input so that terms alone are read. */
	static const int years[] = {0, 2023, 1, 9999, -5, 2020, 2099, 1900};
	int year = years[size % (sizeof years / sizeof years[0])];
	sk_when w;
	int rc = sk_when_parse(&w, s, year);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ERANGE);
	if (rc == SK_OK) {
		FUZZ_CHECK(w.kind != SK_WHEN_NONE);
		if (w.kind == SK_WHEN_RECURRING) {
			FUZZ_CHECK(w.recurring && w.recurring[0]);
		} else {
			FUZZ_CHECK(sk_date_valid(w.due));
			if (sk_date_is_set(w.start)) {
				FUZZ_CHECK(sk_date_valid(w.start));
				FUZZ_CHECK(sk_date_cmp(w.start, w.due) <= 0);
				FUZZ_CHECK(sk_date_diff_days(w.start, w.due) >= 0);
			}
			int t = sk_term_of(w.due);
			FUZZ_CHECK(t >= 1 && t <= 6);
		}
	} else {
		FUZZ_CHECK(w.kind == SK_WHEN_NONE);
	}

	sk_date d;
	if (sk_date_parse(&d, s) == SK_OK) {
		char buf[11];
		FUZZ_CHECK(sk_date_valid(d));
		sk_date_format(buf, d);
		FUZZ_CHECK(strcmp(buf, s) == 0);
		int ay = sk_academic_year_of(d);
		FUZZ_CHECK(ay == d.year || ay == d.year - 1);
		int t = sk_term_of(d);
		FUZZ_CHECK(sk_date_cmp(sk_term_start(ay, t), sk_term_end(ay, t)) <= 0);
	}

	/* Set on a day: read as in that day's academic year, or a year on,
	 * and then due on or after the day. */
	sk_date from = {year > 0 ? year : 2023, 4, 30};
	sk_when in_year, after;
	int rc_year = sk_when_parse(&in_year, s, sk_academic_year_of(from));
	FUZZ_CHECK(sk_when_parse_from(&after, s, from) == rc_year);
	if (rc_year == SK_OK && after.kind != SK_WHEN_RECURRING
	    && sk_date_cmp(after.due, in_year.due) != 0)
		FUZZ_CHECK(sk_date_cmp(in_year.due, from) < 0 && sk_date_cmp(after.due, from) >= 0);

	int start;
	if (sk_academic_year_parse(&start, s) == SK_OK)
		FUZZ_CHECK(start >= 0 && start <= 9999);
	free(s);
	return 0;
}
