/* National SEN figures for England: the built-in table and its CSV loader. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_input_internal.h"
#include "mem_internal.h"
#include "sendkit/national.h"
#include "sendkit/pct.h"
#include "sendkit/summary.h"
#include "summary_internal.h"

#define UNKNOWN (-1)

/* January 2023, pupils with SEN by primary need, summed over every local
 * authority and phase of DfE's table (state-funded nursery, primary,
 * secondary, special and AP schools and non-maintained special schools:
 * 1,453,576 pupils; independent schools are not in it). */
#define NEED_2023 { 170062, 222273, 33599, 10944, 344883, 206763, 284321, \
		    23189, 13693, 4437, 36803, 52519, 50090, 0 }

/* Where DfE published no pupil total beside the counts (2022, 2025), its
 * published percentages are used. */
static const sk_national_entry builtin[] = {
	{2022, "DfE, Special educational needs in England, academic year 2021/22 "
	       "(June 2022), all schools",
	 UNKNOWN, 1129843, 355566, 1485409, 126, 40, 165,
	 false, {0}, NULL},
	{2023, "DfE, Special educational needs in England, academic year 2022/23 "
	       "(June 2023), school-level data, all schools",
	 9073832, 1183384, 389171, 1572555, 130, 43, 173,
	 true, NEED_2023,
	 "DfE, Special educational needs in England 2022/23, primary need by local "
	 "authority, state-funded schools and non-maintained special schools "
	 "(not independent schools)"},
	{2024, "DfE, Special educational needs in England, academic year 2023/24 "
	       "(June 2024), all schools",
	 9092073, 1238851, 434354, 1673205, 136, 48, 184,
	 false, {0}, NULL},
	{2025, "DfE, Special educational needs in England, academic year 2024/25 "
	       "(June 2025), all schools",
	 UNKNOWN, 1284284, 482640, 1766924, 142, 53, 196,
	 false, {0}, NULL},
};

enum { BUILTIN_COUNT = sizeof(builtin) / sizeof(builtin[0]) };

struct sk_national {
	sk_national_entry *v;
	char **owned;           /* strings copied from loaded files */
	size_t n, cap, owned_n, owned_cap;
};

const char *sk_measure_key(sk_measure m)
{
	switch (m) {
	case SK_MEASURE_SEN_SUPPORT: return "sen_support";
	case SK_MEASURE_EHCP: return "ehcp";
	default: return "sen";
	}
}

const char *sk_measure_label(sk_measure m)
{
	switch (m) {
	case SK_MEASURE_SEN_SUPPORT: return "SEN support";
	case SK_MEASURE_EHCP: return "EHC plan";
	default: return "All SEN";
	}
}

sk_national *sk_national_new(void)
{
	sk_national *nat = calloc(1, sizeof(*nat));
	if (!nat)
		return NULL;
	nat->v = malloc(sizeof(builtin));
	if (!nat->v) {
		free(nat);
		return NULL;
	}
	memcpy(nat->v, builtin, sizeof(builtin));
	nat->n = nat->cap = BUILTIN_COUNT;
	return nat;
}

void sk_national_free(sk_national *national)
{
	if (!national)
		return;
	for (size_t i = 0; i < national->owned_n; i++)
		free(national->owned[i]);
	free(national->owned);
	free(national->v);
	free(national);
}

size_t sk_national_count(const sk_national *national)
{
	return national ? national->n : 0;
}

const sk_national_entry *sk_national_at(const sk_national *national, size_t index)
{
	return national && index < national->n ? &national->v[index] : NULL;
}

const sk_national_entry *sk_national_find(const sk_national *national, int year)
{
	for (size_t i = 0; i < sk_national_count(national); i++)
		if (national->v[i].year == year)
			return &national->v[i];
	return NULL;
}

const sk_national_entry *sk_national_pick(const sk_national *national, int year,
					  bool with_need)
{
	const sk_national_entry *earlier = NULL, *earliest = NULL;
	for (size_t i = 0; i < sk_national_count(national); i++) {
		const sk_national_entry *e = &national->v[i];
		if (with_need && !e->has_need)
			continue;
		if (e->year == year)
			return e;
		if (!earliest)
			earliest = e;
		if (e->year < year)
			earlier = e;    /* entries are in year order: the last is the latest */
	}
	return earlier ? earlier : earliest;
}

const sk_national_entry *sk_national_for(const sk_national *national, int year, bool need)
{
	if (!year)
		return sk_national_pick(national, INT_MAX, need);
	if (!need)
		return sk_national_find(national, year);
	const sk_national_entry *e = sk_national_pick(national, year, true);
	return e && e->year <= year ? e : NULL;    /* never a later year's */
}

int64_t sk_national_entry_count(const sk_national_entry *entry, sk_measure m)
{
	switch (m) {
	case SK_MEASURE_SEN_SUPPORT: return entry->sen_support;
	case SK_MEASURE_EHCP: return entry->ehcp;
	default: return entry->sen;
	}
}

static int64_t published_pct(const sk_national_entry *entry, sk_measure m)
{
	switch (m) {
	case SK_MEASURE_SEN_SUPPORT: return entry->sen_support_pct;
	case SK_MEASURE_EHCP: return entry->ehcp_pct;
	default: return entry->sen_pct;
	}
}

int64_t sk_national_entry_pct(const sk_national_entry *entry, sk_measure m)
{
	int64_t count = sk_national_entry_count(entry, m), pct;
	if (count >= 0 && sk_pct_tenths(&pct, count, entry->pupils) == SK_OK)
		return pct;
	return published_pct(entry, m);
}

/* ---- loading a file ---- */

enum { F_YEAR, F_SOURCE, F_PUPILS, F_SEN_SUPPORT, F_EHCP, F_SEN, F_SEN_SUPPORT_PCT,
       F_EHCP_PCT, F_SEN_PCT, F_NEED, F_ALL = F_NEED + SK_NEED_COUNT };

static const char *const fixed_columns[F_NEED] = {
	"year", "source", "pupils", "sen_support", "ehcp", "sen",
	"sen_support_pct", "ehcp_pct", "sen_pct"
};

typedef struct loader {
	sk_national *nat;
	const char *file;
	sk_diags *diags;
	bool have_header;
	size_t width;           /* the header's field count */
	long col[F_ALL];
	int *years;             /* years read so far, to catch one given twice */
	size_t years_n, years_cap;
	sk_national_entry *rows;
	size_t rows_n, rows_cap;
} loader;

static int keep_string(sk_national *nat, const char **out, const char *s)
{
	if (SK_GROW(nat->owned, nat->owned_cap, nat->owned_n + 1) != SK_OK)
		return SK_ENOMEM;
	char *copy = strdup(s);
	if (!copy)
		return SK_ENOMEM;
	nat->owned[nat->owned_n++] = copy;
	*out = copy;
	return SK_OK;
}

/* Finds the header's columns (the loader's col[]); whether it has a year. */
static bool national_columns(void *ctx, char **fields, size_t count)
{
	long *col = ((loader *)ctx)->col;
	sk_csv__alias names[F_ALL];
	char need_names[SK_NEED_COUNT][SK_SUMMARY_NEED_NAME];
	for (int i = 0; i < F_NEED; i++)
		names[i] = (sk_csv__alias){fixed_columns[i], i};
	sk_summary__need_columns(names + F_NEED, need_names, F_NEED);
	sk_csv__columns(col, F_ALL, fields, count, names, F_ALL);
	return col[F_YEAR] >= 0;
}

static int load_header(loader *ld, char **fields, size_t count, unsigned line)
{
	if (!national_columns(ld, fields, count)) {
		sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR, "national-header",
			     "the header has no year column: national figures are one row per "
			     "January census, with columns year, pupils, sen_support, ehcp, sen...");
		return SK_EINVAL;
	}
	for (size_t i = 0; i < count; i++) {
		bool known = false;
		for (size_t j = 0; j < F_ALL; j++)
			known = known || ld->col[j] == (long)i;
		if (!known)
			sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_WARNING,
				     "unknown-column", "column \"%s\" is not a column of the "
				     "national figures: ignored", fields[i]);
	}
	ld->have_header = true;
	ld->width = count;
	return SK_OK;
}

/* One number cell: a whole number (or tenths for a percentage), -1 when
 * empty. False after reporting a bad one. */
static bool load_number(loader *ld, int64_t *out, char **fields, int which,
			const char *column, bool pct, unsigned line)
{
	*out = UNKNOWN;
	long col = ld->col[which];
	if (col < 0 || !fields[col][0])
		return true;
	int rc = pct ? sk_pct_parse(out, fields[col]) : sk_summary__parse_int(out, fields[col]);
	if (rc == SK_OK && *out >= 0)
		return true;
	*out = UNKNOWN;
	/* Not quoted: a pupil's row pasted into the file would show a UPN. */
	sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR, "national-number",
		     "not %s in column %s (field %ld; the value is not shown: it may identify "
		     "a pupil): row skipped",
		     pct ? "a percentage with at most one decimal" : "a whole number", column,
		     col + 1);
	return false;
}

static bool check_counts(loader *ld, const sk_national_entry *e, unsigned line)
{
	int64_t parts[] = {e->sen_support, e->ehcp, e->sen};
	for (size_t i = 0; i < 3; i++) {
		if (e->pupils >= 0 && parts[i] > e->pupils) {
			sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR,
				     "national-counts", "%s (%lld) is more than the pupils "
				     "(%lld): row skipped", sk_measure_key((sk_measure)i),
				     (long long)parts[i], (long long)e->pupils);
			return false;
		}
	}
	int64_t both;
	if (e->sen >= 0 && e->sen_support >= 0 && e->ehcp >= 0
	    && (__builtin_add_overflow(e->sen_support, e->ehcp, &both) || e->sen != both)) {
		sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR, "national-counts",
			     "sen (%lld) is not sen_support plus ehcp (%lld): row skipped",
			     (long long)e->sen, (long long)both);
		return false;
	}
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		int64_t given = published_pct(e, (sk_measure)m), pct;
		int64_t count = sk_national_entry_count(e, (sk_measure)m);
		if (given >= 0 && count >= 0 && sk_pct_tenths(&pct, count, e->pupils) == SK_OK
		    && pct != given) {
			char a[32], b[32];
			sk_pct_format(a, sizeof(a), given, false);
			sk_pct_format(b, sizeof(b), pct, false);
			sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_WARNING,
				     "national-mismatch", "%s_pct is %s but the counts give %s: "
				     "the counts are used", sk_measure_key((sk_measure)m), a, b);
		}
	}
	return true;
}

static bool gives_headline(const sk_national_entry *e)
{
	return e->pupils >= 0 || e->sen_support >= 0 || e->ehcp >= 0 || e->sen >= 0
	       || e->sen_support_pct >= 0 || e->ehcp_pct >= 0 || e->sen_pct >= 0;
}

/* A row's headline figures replace a year's built-in ones whole, since a
 * mix of two sources need not add up (All SEN is SEN support plus EHC
 * plans): says which shares the year had and so loses. */
static void warn_partial(loader *ld, const sk_national_entry *e, unsigned line)
{
	const sk_national_entry *have = sk_national_find(ld->nat, e->year);
	if (!have || !gives_headline(e))
		return;
	char names[64] = "";
	size_t k = 0;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		if (sk_national_entry_pct(have, (sk_measure)m) >= 0
		    && sk_national_entry_pct(e, (sk_measure)m) < 0)
			k += (size_t)snprintf(names + k, sizeof(names) - k, "%s%s", k ? ", " : "",
					      sk_measure_key((sk_measure)m));
	if (k)
		sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_WARNING, "national-partial",
			     "the row for %d gives no share of %s (a count with pupils, or a "
			     "percentage): sendkit's own %d figures are not mixed with the file's, "
			     "so these are not known (give every column to use them)", e->year,
			     names, e->year);
}

static int load_row(loader *ld, char **fields, size_t count, unsigned line)
{
	sk_national_entry e;
	memset(&e, 0, sizeof(e));
	int64_t year;
	if (count != ld->width) {
		sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR, "national-row",
			     "this row has %zu field%s where the header has %zu: skipped",
			     count, count == 1 ? "" : "s", ld->width);
		return SK_OK;
	}
	const char *ytext = fields[ld->col[F_YEAR]];
	if (sk_summary__parse_int(&year, ytext) != SK_OK || year < 1990 || year > 2100) {
		sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR, "national-year",
			     "not the year of a January census (1990-2100) in column year "
			     "(field %ld; the value is not shown): row skipped",
			     ld->col[F_YEAR] + 1);
		return SK_OK;
	}
	for (size_t i = 0; i < ld->years_n; i++) {
		if (ld->years[i] == (int)year) {
			sk_diags_add(ld->diags, ld->file, (sk_pos){line, 1}, SK_ERROR,
				     "national-year", "year %d is given twice: this row is "
				     "skipped", (int)year);
			return SK_OK;
		}
	}
	e.year = (int)year;
	int64_t *nums[] = {&e.pupils, &e.sen_support, &e.ehcp, &e.sen,
			   &e.sen_support_pct, &e.ehcp_pct, &e.sen_pct};
	bool ok = true;
	for (int i = F_PUPILS; i < F_NEED; i++)
		ok = load_number(ld, nums[i - F_PUPILS], fields, i, fixed_columns[i],
				 i >= F_SEN_SUPPORT_PCT, line) && ok;
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		ok = load_number(ld, &e.need[i], fields, F_NEED + i,
				 sk_need_key((sk_need)i), false, line) && ok;
		if (e.need[i] >= 0)
			e.has_need = true;
	}
	if (!ok || !check_counts(ld, &e, line))
		return SK_OK;
	/* An empty need cell is not known, and stays so: a distribution with a
	 * gap gives no shares. DfE publishes no count of an unknown need, so
	 * without that column it is none. */
	if (e.has_need && ld->col[F_NEED + SK_NEED_UNKNOWN] < 0)
		e.need[SK_NEED_UNKNOWN] = 0;
	warn_partial(ld, &e, line);
	/* No file name on a page: a row without a source is the file's. */
	const char *source = ld->col[F_SOURCE] >= 0 ? fields[ld->col[F_SOURCE]] : "";
	if (keep_string(ld->nat, &e.source, source[0] ? source : "the national figures file")
	    != SK_OK)
		return SK_ENOMEM;
	e.need_source = e.has_need ? e.source : NULL;

	if (SK_GROW(ld->years, ld->years_cap, ld->years_n + 1) != SK_OK ||
	    SK_GROW(ld->rows, ld->rows_cap, ld->rows_n + 1) != SK_OK)
		return SK_ENOMEM;
	ld->years[ld->years_n++] = e.year;
	ld->rows[ld->rows_n++] = e;
	return SK_OK;
}

static int on_national_record(void *ctx, char **fields, size_t count, unsigned line)
{
	loader *ld = ctx;
	if (!ld->have_header)
		return load_header(ld, fields, count, line);
	return load_row(ld, fields, count, line);
}

/* The file's row over the table's entry of the same year: its headline
 * figures, when it gives any, replace the entry's whole (warn_partial), and
 * its need counts replace the entry's need by need (an empty cell keeps
 * the entry's, or stays not known); a file of the need distribution alone
 * must not blank the year's headline figures. */
static int merge_columns(sk_national *nat, sk_national_entry *have, const sk_national_entry *e)
{
	if (gives_headline(e)) {
		have->pupils = e->pupils;
		have->sen_support = e->sen_support;
		have->ehcp = e->ehcp;
		have->sen = e->sen;
		have->sen_support_pct = e->sen_support_pct;
		have->ehcp_pct = e->ehcp_pct;
		have->sen_pct = e->sen_pct;
		have->source = e->source;
	}
	if (!e->has_need)
		return SK_OK;
	bool whole = true;
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		if (e->need[i] >= 0)
			have->need[i] = e->need[i];
		else if (!have->has_need)
			have->need[i] = UNKNOWN;
		whole = whole && e->need[i] >= 0;
	}
	if (whole || !have->has_need) {
		have->need_source = e->source;
	} else {
		char mixed[1024];
		snprintf(mixed, sizeof(mixed), "%s, with %s for some needs", have->need_source,
			 e->source);
		if (keep_string(nat, &have->need_source, mixed) != SK_OK)
			return SK_ENOMEM;
	}
	have->has_need = true;
	return SK_OK;
}

/* Puts e in the table in year order, merged into an entry of the same year. */
static int merge(sk_national *nat, const sk_national_entry *e)
{
	size_t i = 0;
	while (i < nat->n && nat->v[i].year < e->year)
		i++;
	if (i < nat->n && nat->v[i].year == e->year)
		return merge_columns(nat, &nat->v[i], e);
	if (SK_GROW(nat->v, nat->cap, nat->n + 1) != SK_OK)
		return SK_ENOMEM;
	memmove(&nat->v[i + 1], &nat->v[i], (nat->n - i) * sizeof(*nat->v));
	nat->v[i] = *e;
	nat->n++;
	return SK_OK;
}

int sk_national_read(sk_national *national, const char *bytes, size_t len,
		     const char *file, sk_diags *diags)
{
	static const sk_csv__options opt = {.strict_quotes = 1, .text_1252 = "sources",
					    .header_fits = national_columns};
	loader ld = {.nat = national, .file = file, .diags = diags};
	int rc = sk_csv__each_record(bytes, len, file, diags, &opt, on_national_record, &ld);
	if (rc == SK_OK && !ld.have_header) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "national-header",
			     "the file is empty: national figures start with a header row");
		rc = SK_EINVAL;
	}
	/* Nothing changes unless the whole file could be read. */
	for (size_t i = 0; rc == SK_OK && i < ld.rows_n; i++)
		rc = merge(national, &ld.rows[i]);
	free(ld.years);
	free(ld.rows);
	return rc;
}
