/* sk_census_read_buffer (pupil-level and school-level layouts, detected from
 * the header) with 1 to 4 threads taking ranges of a few bytes, then the
 * summary and its writer. In a pupil-level file every pupil counted with SEN
 * is counted under one need, so the counts agree. The replay build
 * (SK_FUZZ_REPLAY) reads each saved input with one thread and one range, then
 * with 1, 2 and 16 threads taking ranges of a line or a few bytes in turn:
 * the summary and the diagnostics must be the same whatever the cut. */
#include "census_internal.h"
#include "fuzz.h"
#include "sendkit/census.h"

static FILE *sink(void)
{
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "w");
	return null;
}

static void check_counts(const sk_census *c, size_t term, sk_census_layout layout)
{
	sk_census_counts n;
	if (sk_census_counts_find(&n, c, term, SK_CENSUS_ALL, NULL) != SK_OK)
		return;
	if (layout != SK_CENSUS_PUPIL_LEVEL)
		return;
	int64_t needs = 0;
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		FUZZ_CHECK(n.need[i] >= 0);
		needs += n.need[i];
	}
	FUZZ_CHECK(n.sen_support >= 0 && n.ehcp >= 0);
	FUZZ_CHECK(n.on_roll >= n.sen_support + n.ehcp);
	FUZZ_CHECK(needs == n.sen_support + n.ehcp);
}

/* What a run gave, to compare runs with different threads. */
typedef struct outcome {
	char *summary;        /* the summary as CSV, every level */
	size_t len;
	size_t diags[3];      /* notes, warnings, errors */
	int rc;
} outcome;

static void run(outcome *out, const uint8_t *data, size_t size, unsigned threads,
		uint64_t range)
{
	sk_census *c = sk_census_new();
	sk_diags *diags = sk_diags_new();
	if (!c || !diags)
		abort();
	sk_census_set_report_limit(c, size % 3 == 0 ? 0 : 10);
	sk_census_set_threads(c, threads);
	sk_census__set_range(c, range);

	sk_census_layout layout = SK_CENSUS_LAYOUT_UNKNOWN;
	int rc = sk_census_read_buffer(c, &layout, (const char *)data, size, "fuzz.csv",
				       "autumn", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ENOMEM);
	if (rc == SK_EINVAL)
		FUZZ_CHECK(sk_diags_count_severity(diags, SK_ERROR) > 0);
	if (rc == SK_OK) {
		FUZZ_CHECK(layout == SK_CENSUS_PUPIL_LEVEL || layout == SK_CENSUS_SCHOOL_LEVEL);
		check_counts(c, 0, layout);
		/* The same file as a second term: exercises merging and the change rows. */
		if (size % 2 == 1)
			(void)sk_census_read_buffer(c, NULL, (const char *)data, size,
						    "fuzz.csv", "spring", diags);
	}
	fuzz_check_diags(diags, "fuzz.csv");

	sk_table *t = NULL;
	unsigned levels = SK_CENSUS_BY(SK_CENSUS_SCHOOL) | SK_CENSUS_BY(SK_CENSUS_HUB) |
			  SK_CENSUS_BY(SK_CENSUS_LA) | SK_CENSUS_BY(SK_CENSUS_ALL);
	unsigned suppress = size % 4 == 0 ? 5 : 0;
	if (sk_census_summarise(&t, c, levels, suppress, diags) == SK_OK) {
		size_t ncols = 0;
		sk_census_columns(&ncols);
		FUZZ_CHECK(sk_table_column_count(t) == ncols);
		sk_format f = (sk_format)(size % 5);
		FUZZ_CHECK(sk_table_write(sink(), t, f) == SK_OK);
	}
	sk_table_free(t);
	if (out) {
		memset(out, 0, sizeof(*out));
		out->rc = rc;
		FILE *fp = open_memstream(&out->summary, &out->len);
		if (!fp)
			abort();
		if (rc == SK_OK)
			FUZZ_CHECK(sk_census_write_csv(fp, c, levels, 0, NULL) == SK_OK);
		fclose(fp);
		out->diags[0] = sk_diags_count_severity(diags, SK_NOTE);
		out->diags[1] = sk_diags_count_severity(diags, SK_WARNING);
		out->diags[2] = sk_diags_count_severity(diags, SK_ERROR);
	}
	sk_diags_free(diags);
	sk_census_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t range = 1 + size % 61;
#ifndef SK_FUZZ_REPLAY
	run(NULL, data, size, 1 + (unsigned)(size % 4), range);
#else
	/* One thread reading one range, against threads taking many ranges in
	 * turn: ranges of a line (1 byte) and of a few bytes. */
	outcome one, more;
	run(&one, data, size, 1, 0);
	static const struct {
		unsigned threads;
		uint64_t range;
	} runs[] = {{1, 1}, {2, 1}, {16, 1}, {1, 0}, {2, 0}, {16, 0}};
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		run(&more, data, size, runs[i].threads, runs[i].range ? runs[i].range : range);
		FUZZ_CHECK(more.rc == one.rc);
		FUZZ_CHECK(more.len == one.len && memcmp(more.summary, one.summary, one.len) == 0);
		FUZZ_CHECK(memcmp(more.diags, one.diags, sizeof(one.diags)) == 0);
		free(more.summary);
	}
	free(one.summary);
#endif
	return 0;
}
