/* The checks between terms: files given as terms that share no school (the
 * exports of several schools for one term, each taken as a term of its own),
 * and schools that a term has and the next one does not. Either makes the
 * change rows compare different sets of schools. */
#include <stdio.h>
#include <string.h>

#include "census_internal.h"

/* The school of `g` for a message: its URN, or its name (printable). */
static const char *school_name(char *buf, size_t cap, const sk_cgroup *g)
{
	if (g->urn)
		snprintf(buf, cap, "URN %s", g->urn);
	else if (g->name)
		sk_census__printable(buf, cap, g->name, strlen(g->name));
	else
		snprintf(buf, cap, "(no name)");
	return buf;
}

/* The first school of a term that can be found in another term, or NULL. */
static const sk_cgroup *first_keyed(const sk_cterm *t)
{
	for (size_t i = 0; i < t->schools.n; i++)
		if (t->schools.v[i].indexed)
			return &t->schools.v[i];
	return NULL;
}

static bool in_term(const sk_cterm *t, const sk_cgroup *g)
{
	return sk_census__groups_find(&t->schools, g->ikey, g->ikey_len, g->hash) != NULL;
}

/* Warns about the schools of `prev` that `cur` does not have. */
static void check_missing(const sk_census *c, const sk_cterm *prev, const sk_cterm *cur,
			  sk_diags *diags)
{
	unsigned missing = 0;
	const char *last_file = NULL;
	for (size_t i = 0; i < prev->schools.n; i++) {
		const sk_cgroup *g = &prev->schools.v[i];
		if (!g->indexed || in_term(cur, g))
			continue;
		last_file = c->files[g->file];
		if (c->report_limit && missing++ >= c->report_limit)
			continue;
		char name[48];
		sk_diags_add(diags, last_file, (sk_pos){g->line, 1}, SK_WARNING, "school-missing",
			     "%s of term \"%s\" is not in the next term, \"%s\": the change "
			     "between them counts its pupils as gone; give its file for both "
			     "terms, or for neither", school_name(name, sizeof(name), g),
			     prev->label, cur->label);
	}
	if (c->report_limit && missing > c->report_limit)
		sk_diags_add(diags, last_file, (sk_pos){0, 0}, SK_WARNING, "school-missing",
			     "%u more schools of term \"%s\" not in \"%s\" not shown (%u in all)",
			     missing - c->report_limit, prev->label, cur->label, missing);
}

void sk_census_check_terms(const sk_census *c, sk_diags *diags)
{
	for (size_t t = 1; t < c->nterms; t++) {
		const sk_cterm *prev = &c->terms[t - 1], *cur = &c->terms[t];
		const sk_cgroup *first = first_keyed(cur);
		if (!first || !first_keyed(prev))
			continue;
		bool shared = false;
		for (size_t i = 0; i < prev->schools.n && !shared; i++)
			shared = prev->schools.v[i].indexed && in_term(cur, &prev->schools.v[i]);
		if (shared) {
			check_missing(c, prev, cur, diags);
			continue;
		}
		sk_diags_add(diags, c->files[first->file], (sk_pos){0, 0}, SK_WARNING,
			     "disjoint-terms",
			     "term \"%s\" has no school of term \"%s\" before it, so the change "
			     "between them compares different schools: if the files are exports "
			     "of different schools for one term, give them one term label "
			     "(census-summary --term LABEL)", cur->label, prev->label);
	}
}
