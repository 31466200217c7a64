/* The checks between terms: files given as terms that share no school (the
 * exports of several schools for one term, each taken as a term of its own),
 * and schools that a term has and the next one does not. Either makes the
 * change rows compare different sets of schools. And within a term: files
 * that key schools by different kinds of key (a URN never matches a LAESTAB
 * without a lookup table), so that a school in both is counted twice. */
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

static const char *const key_names[SK_CK_COUNT] = {"", "URN", "LAESTAB", "school name"};

/* The first school of a term found by each kind of key (NULL: none). */
static void first_of_kinds(const sk_cgroup *out[SK_CK_COUNT], const sk_cterm *t)
{
	for (int k = 0; k < SK_CK_COUNT; k++)
		out[k] = NULL;
	for (size_t i = 0; i < t->schools.n; i++) {
		const sk_cgroup *g = &t->schools.v[i];
		if (g->listed && !out[g->key_kind])
			out[g->key_kind] = g;
	}
}

/* An error, once for each kind of key after the term's first: its files
 * may hold one school twice, under two keys, and the counts add both. */
static void check_mixed_keys(const sk_census *c, const sk_cterm *t, sk_diags *diags)
{
	const sk_cgroup *first[SK_CK_COUNT], *base = NULL;
	first_of_kinds(first, t);
	for (int k = SK_CK_URN; k < SK_CK_COUNT; k++)
		if (first[k] && (!base || first[k]->file < base->file))
			base = first[k];
	for (int k = SK_CK_URN; k < SK_CK_COUNT; k++) {
		if (!first[k] || first[k] == base)
			continue;
		sk_diags_add(diags, c->files[first[k]->file], (sk_pos){0, 0}, SK_ERROR,
			     "mixed-keys",
			     "the schools of this file are keyed by %s, those of %s by %s, in "
			     "one term, \"%s\": a school in both is counted twice, as two "
			     "schools; give every file of the term the same key column (URN, say)",
			     key_names[first[k]->key_kind], c->files[base->file],
			     key_names[base->key_kind], t->label);
	}
}

/* Whether two terms have no kind of school key in common. */
static bool keys_differ(const sk_cterm *a, const sk_cterm *b)
{
	const sk_cgroup *fa[SK_CK_COUNT], *fb[SK_CK_COUNT];
	first_of_kinds(fa, a);
	first_of_kinds(fb, b);
	for (int k = SK_CK_URN; k < SK_CK_COUNT; k++)
		if (fa[k] && fb[k])
			return false;
	return true;
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

/* Warns about the schools of `from` that `to` does not have: gone from the
 * next term (school-missing), or new in it (school-added). Either way the
 * change between the terms compares different schools. */
static void check_missing(const sk_census *c, const sk_cterm *prev, const sk_cterm *cur,
			  bool added, sk_diags *diags)
{
	const sk_cterm *from = added ? cur : prev, *to = added ? prev : cur;
	const char *rule = added ? "school-added" : "school-missing";
	unsigned missing = 0;
	const char *last_file = NULL;
	for (size_t i = 0; i < from->schools.n; i++) {
		const sk_cgroup *g = &from->schools.v[i];
		if (!g->indexed || in_term(to, g))
			continue;
		last_file = c->files[g->file];
		if (c->report_limit && missing++ >= c->report_limit)
			continue;
		char name[48];
		if (added)
			sk_diags_add(diags, last_file, (sk_pos){g->line, 1}, SK_WARNING, rule,
				     "%s of term \"%s\" is not in the term before, \"%s\": the "
				     "change between them counts its pupils as new; give its file "
				     "for both terms, or for neither",
				     school_name(name, sizeof(name), g), cur->label, prev->label);
		else
			sk_diags_add(diags, last_file, (sk_pos){g->line, 1}, SK_WARNING, rule,
				     "%s of term \"%s\" is not in the next term, \"%s\": the change "
				     "between them counts its pupils as gone; give its file for both "
				     "terms, or for neither", school_name(name, sizeof(name), g),
				     prev->label, cur->label);
	}
	if (c->report_limit && missing > c->report_limit)
		sk_diags_add(diags, last_file, (sk_pos){0, 0}, SK_WARNING, rule,
			     "%u more school%s of term \"%s\" not in \"%s\" not shown (%u in all)",
			     missing - c->report_limit, sk_census__s(missing - c->report_limit),
			     from->label, to->label, missing);
}

/* A note for the schools of a term whose names, LAs or hubs no two pupils
 * of the term gave alike (settle_names held them back), at the file of the
 * first of them: said once every file is read, so whatever their order. */
static void check_unconfirmed(const sk_census *c, const sk_cterm *t, sk_diags *diags)
{
	unsigned lone = 0;
	const sk_cgroup *first = NULL;
	for (size_t i = 0; i < t->schools.n; i++) {
		const sk_cgroup *g = &t->schools.v[i];
		if (!g->waiting)
			continue;
		lone++;
		if (!first || g->file < first->file)
			first = g;
	}
	if (lone)
		sk_diags_add(diags, c->files[first->file], (sk_pos){0, 0}, SK_NOTE,
			     "names-unconfirmed",
			     "the names, LAs or hubs of %u school%s are not published: no two "
			     "pupils' rows (told apart by UPN, else by date of birth) in the files "
			     "of term \"%s\" give them alike, and a row shifted by a comma beside "
			     "them (in a pupil's name, or where a checked column is empty) would "
			     "give a pupil's value", lone, lone == 1 ? "" : "s", t->label);
}

void sk_census_check_terms(const sk_census *c, sk_diags *diags)
{
	for (size_t t = 0; t < c->nterms; t++) {
		check_unconfirmed(c, &c->terms[t], diags);
		check_mixed_keys(c, &c->terms[t], diags);
	}
	for (size_t t = 1; t < c->nterms; t++) {
		const sk_cterm *prev = &c->terms[t - 1], *cur = &c->terms[t];
		const sk_cgroup *first = first_keyed(cur);
		if (!first || !first_keyed(prev))
			continue;
		bool shared = false;
		for (size_t i = 0; i < prev->schools.n && !shared; i++)
			shared = prev->schools.v[i].indexed && in_term(cur, &prev->schools.v[i]);
		if (shared) {
			check_missing(c, prev, cur, false, diags);
			check_missing(c, prev, cur, true, diags);
			continue;
		}
		if (keys_differ(prev, cur)) {
			sk_diags_add(diags, c->files[first->file], (sk_pos){0, 0}, SK_WARNING,
				     "disjoint-terms",
				     "term \"%s\" keys its schools by %s and term \"%s\" before it "
				     "by %s, so no school can be matched between them and the change "
				     "compares different schools: give every file the same key "
				     "column (URN, say)", cur->label, key_names[first->key_kind],
				     prev->label, key_names[first_keyed(prev)->key_kind]);
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
