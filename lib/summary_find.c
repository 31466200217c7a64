/* Finding rows of a census summary: a school's latest term and the one
 * before it, and the row of a term, level and key. An index of the rows by
 * level and key, built once when the summary is loaded, takes each lookup
 * to the rows of that key alone: nutshell asks once per school, and reading
 * every row each time was n^2 at 20,000 schools. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "hash_internal.h"
#include "sendkit/summary.h"
#include "sendkit/when.h"
#include "summary_internal.h"

#define NONE SIZE_MAX

struct sk_summary__index {
	const sk_summary_row *rows;
	uint32_t *slots;            /* the first row of each level and key, + 1 (0: free) */
	size_t nslots;
	uint32_t *next;             /* per row: the next row of its level and key, + 1 */
};

static uint32_t hash_of(const char *level, const char *key)
{
	return sk_hash__bytes(level, strlen(level)) * 31u ^ sk_hash__bytes(key, strlen(key));
}

static bool same_group(const sk_summary_row *r, const char *level, const char *key)
{
	return strcmp(r->level, level) == 0 && strcmp(r->key, key) == 0;
}

typedef struct group_sought {
	const sk_summary_row *rows;
	const char *level, *key;
} group_sought;

static bool is_sought(const void *ctx, uint32_t value)
{
	const group_sought *g = ctx;
	return same_group(&g->rows[value - 1], g->level, g->key);
}

/* The slot of level and key: the one that holds them, or the free one where
 * they would go. */
static size_t slot_of(const sk_summary__index *ix, const char *level, const char *key)
{
	group_sought g = {ix->rows, level, key};
	return sk_hash__probe(ix->slots, ix->nslots, hash_of(level, key), is_sought, &g);
}

int sk_summary__index_new(sk_summary__index **out, const sk_summary_row *rows, size_t count)
{
	*out = NULL;
	if (count >= UINT32_MAX)
		return SK_ELIMIT;
	sk_summary__index *ix = calloc(1, sizeof(*ix));
	size_t nslots = sk_hash__slots_for(count);
	uint32_t *last = calloc(nslots ? nslots : 1, sizeof(*last));
	if (ix) {
		ix->rows = rows;
		ix->nslots = nslots;
		ix->slots = calloc(nslots ? nslots : 1, sizeof(*ix->slots));
		ix->next = calloc(count ? count : 1, sizeof(*ix->next));
	}
	if (!ix || !nslots || !last || !ix->slots || !ix->next) {
		sk_summary__index_free(ix);
		free(last);
		return SK_ENOMEM;
	}
	/* Rows join the end of their key's chain, so each chain is in file order. */
	for (size_t i = 0; i < count; i++) {
		size_t s = slot_of(ix, rows[i].level, rows[i].key);
		if (ix->slots[s])
			ix->next[last[s] - 1] = (uint32_t)i + 1;
		else
			ix->slots[s] = (uint32_t)i + 1;
		last[s] = (uint32_t)i + 1;
	}
	free(last);
	*out = ix;
	return SK_OK;
}

void sk_summary__index_free(sk_summary__index *index)
{
	if (!index)
		return;
	free(index->slots);
	free(index->next);
	free(index);
}

/* The first row of level and key, and the row after row i of the same. */
static size_t first(const sk_summary__index *ix, const char *level, const char *key)
{
	size_t s = slot_of(ix, level, key);
	return ix->slots[s] ? ix->slots[s] - 1 : NONE;
}

static size_t after(const sk_summary__index *ix, size_t i)
{
	return ix->next[i] ? ix->next[i] - 1 : NONE;
}

/* census-summary's rows of change between two terms ("A..B") are not a term. */
static bool is_school_term(const sk_summary_row *r, const char *urn)
{
	return strcmp(r->level, "school") == 0 && strcmp(r->key, urn) == 0
	       && !strstr(r->term, "..");
}

/* A season word ("spring", "spr", "Spring1"): its full name in *out, and
 * the term's half written after it ("1" in "spring1"), if any; *is_short
 * when it is written short ("spr", "sum1"). */
static bool season_word(char *out, size_t size, bool *is_short, const char *w, size_t n)
{
	static const char *const seasons[][2] = {
		{"autumn", "aut"}, {"spring", "spr"}, {"summer", "sum"},
	};
	for (size_t i = 0; i < sizeof(seasons) / sizeof(seasons[0]); i++)
		for (size_t j = 0; j < 2; j++) {
			size_t k = strlen(seasons[i][j]);
			if (n < k || strncasecmp(w, seasons[i][j], k) != 0)
				continue;
			if (n > k && !(n == k + 1 && (w[k] == '1' || w[k] == '2')))
				continue;
			snprintf(out, size, "%s%.*s", seasons[i][0], (int)(n - k), w + k);
			*is_short = j == 1;
			return true;
		}
	return false;
}

/* A term label written with its season and year in another order or
 * shorter than sk_when_parse reads them ("Spring-24", "spr-2024",
 * "2023-24 spring", "2024 spring"), or among other words, as an export's
 * file name has them ("Spring Census 2024", "census-spring-2024"),
 * rewritten as "spring 2024" or "spring 2023-24" into buf. Left undated,
 * as a guess would be: two seasons; a short form ("sum", "aut") among
 * other words than "term" ("census-sum-2024" is a summary, not summer); two
 * years that are not one school year written together ("2023-24",
 * "2023/2024"; not "2024 vs 2025"). */
static bool season_and_year(char *buf, size_t size, const char *label)
{
	char season[16] = "", word[16];
	int years[2], nyears = 0;
	size_t digits[2] = {0, 0};
	bool is_short = false, short_form = false, other_words = false, years_apart = false;
	const char *year_end = NULL;
	for (const char *p = label; *p;) {
		size_t n = strcspn(p, " -_./");
		if (n == 0) {
			p++;
			continue;
		}
		if (strspn(p, "0123456789") == n && (n == 2 || n == 4)) {
			if (nyears == 2)
				return false;
			/* the second year right after the first: "2023-24", "2023/2024" */
			if (nyears == 1 && (p != year_end + 1 || !strchr("-/_", *year_end)))
				years_apart = true;
			digits[nyears] = n;
			years[nyears++] = atoi(p);
			year_end = p + n;
		} else if (season_word(word, sizeof(word), &is_short, p, n)) {
			if (season[0])
				return false;
			memcpy(season, word, sizeof(season));
			short_form = is_short;
		} else if (!(n == 4 && strncasecmp(p, "term", 4) == 0)) {
			other_words = true;     /* "census", "export": no date */
		}
		p += n;
	}
	if (!season[0] || nyears == 0 || (short_form && other_words))
		return false;
	if (nyears == 1) {
		snprintf(buf, size, "%s %d", season, digits[0] == 2 ? 2000 + years[0] : years[0]);
		return true;
	}
	if (years_apart || digits[0] != 4
	    || (years[1] != years[0] + 1 && years[1] != (years[0] + 1) % 100))
		return false;
	snprintf(buf, size, "%s %d-%02d", season, years[0], (years[0] + 1) % 100);
	return true;
}

bool sk_summary_term_date(sk_date *out, const char *label)
{
	char buf[128];
	size_t n = strlen(label);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, label, n + 1);
	if (n > 4 && strcmp(buf + n - 4, ".csv") == 0)
		buf[n - 4] = '\0';
	char stem[sizeof(buf)];
	memcpy(stem, buf, n + 1);
	sk_when w;
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 1)
			for (char *p = buf; *p; p++)
				if (*p == '-' || *p == '_' || *p == '.')
					*p = ' ';
		if (pass == 2) {
			if (!season_and_year(buf, sizeof(buf), stem))
				return false;
		}
		if (sk_when_parse(&w, buf, 0) != SK_OK)
			continue;
		/* A range ("Autumn 2023 to Spring 2024") names two terms, not one. */
		if (w.kind != SK_WHEN_DATE)
			return false;
		/* A year no census is of ("Spring 2425" for 2024-25) names no date. */
		*out = w.due;
		return w.due.year >= 1990 && w.due.year <= 2100;
	}
	return false;
}

bool sk_summary_term_name(char *out, size_t size, const char *term)
{
	sk_date d;
	char season[16];
	bool is_short;
	if (size == 0 || !sk_summary_term_date(&d, term))
		return false;
	/* Only a label with a season word is named by one ("2024-01-18" is not). */
	bool has_season = false;
	for (const char *p = term; *p && !has_season;) {
		size_t n = strcspn(p, " -_./");
		if (n == 0)
			p++;
		else if (!(has_season = season_word(season, sizeof(season), &is_short, p, n)))
			p += n;
	}
	if (!has_season)
		return false;
	/* The season of the date the label was read as, so that name and date
	 * are always of the same term: autumn ends in December, spring by
	 * April, summer by July. */
	snprintf(out, size, "%s %d",
		 d.month >= 9 ? "Autumn" : d.month <= 4 ? "Spring" : "Summer", d.year);
	return true;
}

/* The latest term and the one before it, of the dated terms on or before
 * `until` (all of them when until is not valid). */
static void find_dated(const sk_summary_row **out_latest, const sk_summary_row **out_previous,
		       const sk_summary__index *ix, const char *urn, sk_date until)
{
	const sk_summary_row *latest = NULL, *previous = NULL;
	sk_date latest_date = {0, 0, 0}, previous_date = {0, 0, 0};
	for (size_t i = first(ix, "school", urn); i != NONE; i = after(ix, i)) {
		const sk_summary_row *r = &ix->rows[i];
		sk_date d;
		if (!is_school_term(r, urn) || !sk_summary_term_date(&d, r->term)
		    || (sk_date_valid(until) && sk_date_cmp(d, until) > 0))
			continue;
		if (!latest || sk_date_cmp(d, latest_date) > 0) {
			previous = latest;
			previous_date = latest_date;
			latest = r;
			latest_date = d;
		} else if (sk_date_cmp(d, latest_date) < 0
			   && (!previous || sk_date_cmp(d, previous_date) > 0)) {
			previous = r;
			previous_date = d;
		}
	}
	*out_latest = latest;
	*out_previous = previous;
}

void sk_summary_find_school(const sk_summary_row **out_latest,
			    const sk_summary_row **out_previous,
			    const sk_summary *summary, const char *urn)
{
	*out_latest = NULL;
	*out_previous = NULL;
	const sk_summary__index *ix = sk_summary__index_of(summary);
	if (!ix || !urn)
		return;
	/* Dated terms by date, whatever else the file holds: an undated term is
	 * set aside, never placed among them. */
	find_dated(out_latest, out_previous, ix, urn, (sk_date){0, 0, 0});
	if (*out_latest)
		return;
	/* No term names a date: by file order. */
	const sk_summary_row *latest = NULL, *previous = NULL;
	for (size_t i = first(ix, "school", urn); i != NONE; i = after(ix, i)) {
		const sk_summary_row *r = &ix->rows[i];
		if (!is_school_term(r, urn) || (latest && strcmp(latest->term, r->term) == 0))
			continue;
		previous = latest;
		latest = r;
	}
	*out_latest = latest;
	*out_previous = previous;
}

const sk_summary_row *sk_summary_find_undated(const sk_summary *summary, const char *urn)
{
	const sk_summary__index *ix = sk_summary__index_of(summary);
	const sk_summary_row *found = NULL;
	sk_date d;
	for (size_t i = ix && urn ? first(ix, "school", urn) : NONE; i != NONE; i = after(ix, i))
		if (is_school_term(&ix->rows[i], urn) && !sk_summary_term_date(&d, ix->rows[i].term))
			found = &ix->rows[i];
	return found;
}

void sk_summary_find_school_until(const sk_summary_row **out_latest,
				  const sk_summary_row **out_previous,
				  const sk_summary *summary, const char *urn, sk_date until)
{
	*out_latest = NULL;
	*out_previous = NULL;
	const sk_summary__index *ix = sk_summary__index_of(summary);
	if (ix && urn && sk_date_valid(until))
		find_dated(out_latest, out_previous, ix, urn, until);
}

/* The first row of term from the index's row i on (its level and key), or NULL. */
static const sk_summary_row *of_term(const sk_summary__index *ix, size_t i, const char *term)
{
	for (; i != NONE; i = after(ix, i))
		if (strcmp(ix->rows[i].term, term) == 0)
			return &ix->rows[i];
	return NULL;
}

const sk_summary_row *sk_summary_find(const sk_summary *summary, const char *term,
				      const char *level, const char *key)
{
	const sk_summary__index *ix = sk_summary__index_of(summary);
	if (!ix || !term || !level || !key)
		return NULL;
	return of_term(ix, first(ix, level, key), term);
}

const sk_summary_row *sk_summary_find_next(const sk_summary *summary, const sk_summary_row *row)
{
	const sk_summary__index *ix = sk_summary__index_of(summary);
	if (!ix || !row)
		return NULL;
	return of_term(ix, after(ix, (size_t)(row - ix->rows)), row->term);
}

const sk_summary_row *sk_summary_find_other_term(const sk_summary *summary, const char *term,
						  const char *level, const char *key)
{
	const sk_summary__index *ix = sk_summary__index_of(summary);
	if (!ix || !term || !level || !key)
		return NULL;
	for (size_t i = first(ix, level, key); i != NONE; i = after(ix, i))
		if (strcmp(ix->rows[i].term, term) != 0 && !strstr(ix->rows[i].term, ".."))
			return &ix->rows[i];
	return NULL;
}
