/* Which schools a hub's, an LA's or the trust's figures are of, term by
 * term. A group's change since the previous term, or a trend point beside
 * the latest term, is a change only when both terms' figures are of the same
 * schools: a school in one term's export and not the other's (census-summary's
 * school-added and school-missing), or one that moved between hubs, would be
 * counted as pupils come or gone. Such a change is left out and the page says
 * why (hub_tables.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"
#include "mem_internal.h"

/* The group a school row puts the school in at `level`, or NULL. */
static const char *group_of(const sk_summary_row *r, const char *level)
{
	if (!r)
		return NULL;
	if (strcmp(level, "all") == 0)
		return "all";
	const char *g = strcmp(level, "hub") == 0 ? r->hub : r->la;
	return nut_value_set(g) ? g : NULL;
}

static bool same_group(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static const sk_summary_row *school_in(const hub_inputs *in, size_t term, const char *urn)
{
	return sk_summary_find(in->census, in->terms[term].label, "school", urn);
}

typedef struct differ_list {
	hub_differ *v;
	size_t n, cap;
} differ_list;

static int add(differ_list *l, const char *level, const char *key, size_t term,
	       const sk_summary_row *then, const sk_summary_row *now)
{
	if (SK_GROW(l->v, l->cap, l->n + 1) != SK_OK)
		return SK_ENOMEM;
	l->v[l->n++] = (hub_differ){level, key, term, then, now};
	return SK_OK;
}

/* The school's place at `level` in the two terms, when it differs: an entry
 * for each group it is in then or now. */
static int compare_at(differ_list *l, const char *level, size_t term, const sk_summary_row *then,
		      const sk_summary_row *now)
{
	const char *a = group_of(then, level), *b = group_of(now, level);
	if (same_group(a, b))
		return SK_OK;
	int rc = a ? add(l, level, a, term, then, now) : SK_OK;
	return rc == SK_OK && b ? add(l, level, b, term, then, now) : rc;
}

static unsigned row_line(const hub_differ *d)
{
	return d->now ? d->now->line : d->then->line;
}

static int group_term_cmp(const hub_differ *d, const char *level, const char *key, size_t term)
{
	int c = strcmp(d->level, level);
	if (c == 0)
		c = strcmp(d->key, key);
	return c ? c : (d->term > term) - (d->term < term);
}

static int by_group_term(const void *a, const void *b)
{
	const hub_differ *x = a, *y = b;
	int c = group_term_cmp(x, y->level, y->key, y->term);
	return c ? c : (row_line(x) > row_line(y)) - (row_line(x) < row_line(y));
}

int hub_inputs_differ(hub_inputs *in)
{
	differ_list l = {NULL, 0, 0};
	int rc = SK_OK;
	if (!in->term_count)
		return rc;
	/* Every earlier term of the trend beside the latest (at most HUB_TERMS
	 * in all): each school found in either (by_urn holds every URN once).
	 * LAs are compared over the previous term only, the one change their
	 * rows show. */
	size_t first = in->latest_at + 1 - in->trend_from > HUB_TERMS
		       ? in->latest_at + 1 - HUB_TERMS : in->trend_from;
	for (size_t t = first; rc == SK_OK && t < in->latest_at; t++)
		for (size_t i = 0; rc == SK_OK && i < in->urns; i++) {
			const char *urn = in->by_urn[i]->key;
			const sk_summary_row *then = school_in(in, t, urn);
			const sk_summary_row *now = school_in(in, in->latest_at, urn);
			rc = compare_at(&l, "all", t, then, now);
			if (rc == SK_OK)
				rc = compare_at(&l, "hub", t, then, now);
			if (rc == SK_OK && in->has_previous && t == in->previous_at)
				rc = compare_at(&l, "la", t, then, now);
		}
	if (rc != SK_OK) {
		free(l.v);
		return rc;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), by_group_term);
	in->differs = l.v;
	in->differ_count = l.n;
	return SK_OK;
}

size_t hub_differs(const hub_differ **out, const hub_inputs *in, const char *level,
		   const char *key, size_t term)
{
	size_t lo = 0, hi = in->differ_count;
	/* The first entry not before the group's and term's. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (group_term_cmp(&in->differs[mid], level, key, term) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < in->differ_count
	       && group_term_cmp(&in->differs[lo + n], level, key, term) == 0)
		n++;
	*out = n ? in->differs + lo : NULL;
	return n;
}

bool hub_same_schools(const hub_inputs *in, const char *level, const char *key, size_t term)
{
	const hub_differ *d;
	if (hub_differs(&d, in, level, key, term))
		return false;
	/* A summary of hub and trust rows only (a published copy) says how many
	 * schools, not which: different numbers are different schools. */
	const sk_summary_row *then = sk_summary_find(in->census, in->terms[term].label, level, key);
	const sk_summary_row *now = sk_summary_find(in->census, in->terms[in->latest_at].label,
						    level, key);
	return !then || !now || then->schools.state != SK_CELL_KNOWN
	       || now->schools.state != SK_CELL_KNOWN || then->schools.value == now->schools.value;
}

/* A school in one of the previous and latest terms and not the other, said
 * as census-summary says it. */
static int school_differs(const hub_inputs *in, const hub_differ *d, const char *file,
			  sk_diags *diags)
{
	const char *latest = in->terms[in->latest_at].label;
	const char *then = in->terms[d->term].label;
	if (d->now)
		return sk_diags_add(diags, file, (sk_pos){d->now->line, 1}, SK_WARNING,
				    "school-added", "URN %s of term \"%s\" is not in the term before, "
				    "\"%s\": the pages leave out the change of its hub, LA and the "
				    "trust between them, which would count its pupils as new; give "
				    "census-summary its export for both terms, or for neither",
				    d->now->key, latest, then);
	return sk_diags_add(diags, file, (sk_pos){d->then->line, 1}, SK_WARNING, "school-missing",
			    "URN %s of term \"%s\" is not in the next term, \"%s\": the pages "
			    "leave out the change of its hub, LA and the trust between them, which "
			    "would count its pupils as gone; give census-summary its export for both "
			    "terms, or for neither", d->then->key, then, latest);
}

#define DIFFER_SAID 10     /* schools named on stderr before "N more" */

int hub_census_schools_check(const hub_inputs *in, const char *file, sk_diags *diags)
{
	if (!in->term_count || !in->has_previous)
		return SK_OK;
	const hub_differ *d;
	size_t n = hub_differs(&d, in, "all", "all", in->previous_at);
	int rc = SK_OK;
	for (size_t i = 0; rc == SK_OK && i < n && i < DIFFER_SAID; i++)
		rc = school_differs(in, &d[i], file, diags);
	if (rc == SK_OK && n > DIFFER_SAID)
		rc = sk_diags_add(diags, file, (sk_pos){0, 0}, SK_WARNING, "school-added",
				  "%zu more schools are in one of the terms \"%s\" and \"%s\" and not "
				  "the other (%zu in all)", n - DIFFER_SAID,
				  in->terms[in->previous_at].label, in->terms[in->latest_at].label, n);
	if (rc != SK_OK || n || hub_same_schools(in, "all", "all", in->previous_at))
		return rc;
	/* No school rows to name: the trust's rows count different numbers. */
	const sk_summary_row *now = sk_summary_find(in->census, in->terms[in->latest_at].label,
						    "all", "all");
	const sk_summary_row *then = sk_summary_find(in->census,
						     in->terms[in->previous_at].label, "all", "all");
	bool more = now->schools.value > then->schools.value;
	return sk_diags_add(diags, file, (sk_pos){now->line, 1}, SK_WARNING,
			    more ? "school-added" : "school-missing",
			    "the trust's row of term \"%s\" counts %lld schools and that of \"%s\" "
			    "before it %lld: the pages leave out the change between them, which "
			    "would count pupils of different schools; give census-summary each "
			    "school's export for both terms, or for neither", now->term,
			    (long long)now->schools.value, then->term,
			    (long long)then->schools.value);
}

/* ---- what the page says of them ---- */

#define NAMES_SAID 3       /* schools named in a note before "and N more" */

static const char *row_school(char *buf, size_t size, const sk_summary_row *r)
{
	if (nut_value_set(r->name))
		return r->name;
	snprintf(buf, size, "the school with URN %s", r->key);
	return buf;
}

/* "the Weston hub", "the trust's schools in Somerset", "the trust". */
static void group_words(FILE *out, const char *level, const char *key)
{
	if (strcmp(level, "hub") == 0)
		fprintf(out, "the %s hub", key);
	else if (strcmp(level, "la") == 0)
		fprintf(out, "the trust's schools in %s", key);
	else
		fputs("the trust", out);
}

/* Where a school is in a term, for a school that moved: "the Mendip hub",
 * "no hub", "Somerset". */
static void place_words(FILE *out, const sk_summary_row *r, const char *level)
{
	const char *g = group_of(r, level);
	if (strcmp(level, "hub") == 0)
		fprintf(out, g ? "the %s hub" : "no hub", g);
	else
		fputs(g ? g : "no LA", out);
}

/* Why one school makes a group's two terms differ, in words. */
static void differ_words(FILE *out, const hub_differ *d, const char *then, const char *now)
{
	char name[160];
	fputs(row_school(name, sizeof(name), d->now ? d->now : d->then), out);
	if (!d->then || !d->now) {
		fprintf(out, " is not in the %s figures", d->then ? now : then);
		return;
	}
	fputs(" is in ", out);
	place_words(out, d->then, d->level);
	fprintf(out, " in %s and in ", then);
	place_words(out, d->now, d->level);
	fprintf(out, " in %s", now);
}

/* Whether school entry d is already said among the first `n` of v. */
static bool said(const hub_differ *const *v, size_t n, const hub_differ *d)
{
	const char *urn = (d->now ? d->now : d->then)->key;
	for (size_t i = 0; i < n; i++)
		if (strcmp((v[i]->now ? v[i]->now : v[i]->then)->key, urn) == 0)
			return true;
	return false;
}

/* The schools that make the groups' two terms differ, each once however
 * many groups: "; Hazelmead Infant School is not in the Autumn 2023 figures". */
static void differ_list_words(FILE *out, const hub_page *p, const char *then, const char *now)
{
	const hub_inputs *in = p->in;
	const hub_differ *named[NAMES_SAID];
	size_t n = 0, more = 0;
	for (size_t i = 0; i < p->ref_count; i++) {
		const hub_line *l = &p->refs[i];
		const hub_differ *d;
		size_t c = l->other_schools ? hub_differs(&d, in, l->row->level, l->row->key,
							   in->previous_at) : 0;
		for (size_t j = 0; j < c; j++) {
			if (said(named, n, &d[j]))
				continue;
			if (n < NAMES_SAID)
				named[n++] = &d[j];
			else
				more++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "; " : " (", out);
		differ_words(out, named[i], then, now);
	}
	if (more)
		fprintf(out, "; and %zu more", more);
	if (n)
		fputs(")", out);
}

int hub_compare_note(char **out, const hub_page *p)
{
	*out = NULL;
	size_t groups = 0;
	for (size_t i = 0; i < p->ref_count; i++)
		groups += p->refs[i].other_schools;
	if (!groups)
		return SK_OK;
	char a[64], b[64];
	const char *then = nut_term_text(a, sizeof(a), p->previous);
	const char *now = nut_term_text(b, sizeof(b), p->latest);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return SK_ENOMEM;
	fprintf(f, "Not compared with %s, as their figures then are of other schools: ", then);
	for (size_t i = 0, k = 0; i < p->ref_count; i++) {
		const hub_line *l = &p->refs[i];
		const hub_differ *d;
		if (!l->other_schools)
			continue;
		fputs(k == 0 ? "" : k + 1 < groups ? ", " : " and ", f);
		k++;
		group_words(f, l->row->level, l->row->key);
		/* A summary of hub and trust rows only says how many, not which. */
		if (!hub_differs(&d, p->in, l->row->level, l->row->key, p->in->previous_at))
			fprintf(f, " (%lld schools in %s, %lld in %s)",
				(long long)l->row->schools.value, now,
				(long long)l->prev->schools.value, then);
	}
	differ_list_words(f, p, then, now);
	fputs(".", f);
	if (fclose(f) != 0 || !text) {
		free(text);
		return SK_ENOMEM;
	}
	*out = text;
	return SK_OK;
}

int hub_trend_note(char **out, const hub_page *p)
{
	*out = NULL;
	size_t n = 0;
	for (size_t i = 0; i < p->trend_count; i++)
		n += p->trend[i].other_schools;
	if (!n)
		return SK_OK;
	char term[64];
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return SK_ENOMEM;
	fputs("The trend leaves out ", f);
	for (size_t i = 0, k = 0; i < p->trend_count; i++) {
		if (!p->trend[i].other_schools)
			continue;
		fputs(k == 0 ? "" : k + 1 < n ? ", " : " and ", f);
		k++;
		fputs(nut_term_text(term, sizeof(term), p->trend[i].term), f);
	}
	fprintf(f, ": %s figures are of other schools than %s's.", n == 1 ? "its" : "their",
		nut_term_text(term, sizeof(term), p->latest));
	if (fclose(f) != 0 || !text) {
		free(text);
		return SK_ENOMEM;
	}
	*out = text;
	return SK_OK;
}
