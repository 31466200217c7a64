/* The hub's or the trust's page: its schools from the census summary and the
 * shared folder's strategies and reviews, each figure taken from the library
 * as census-summary, review-score and action-lint give it. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hub.h"
#include "mem_internal.h"

static const sk_value missing = {SK_VALUE_MISSING, 0};

static bool same(const char *a, const char *b)
{
	return nut_value_set(a) && nut_value_set(b) && strcmp(a, b) == 0;
}

/* ---- the shared folder ---- */

/* Whether action-lint found a template placeholder at `t`'s value. */
static bool placeholder_at(const sk_diags *d, const sk_text *t)
{
	for (size_t i = 0; t->s && i < sk_diags_count(d); i++) {
		const sk_diag *g = sk_diags_at(d, i);
		if (strcmp(g->rule, "placeholder") == 0 && g->pos.line == t->pos.line
		    && g->pos.col == t->pos.col)
			return true;
	}
	return false;
}

/* action-lint's errors and warnings for one file checked on its own, said
 * as the school's page says them (those it only counts, for
 * hub_pages_lint), and whether the school's name or URN is still the
 * template's placeholder. */
static int lint_counts(hub_strategy *s, bool *template, const char *bytes, size_t len,
		       const sk_lint_config *config, sk_date as_of, sk_diags *diags)
{
	sk_diags *d;
	int rc = nut_lint_file(&d, bytes, len, s->file, config, as_of);
	if (rc == SK_OK) {
		s->errors = sk_diags_count_severity(d, SK_ERROR);
		s->warnings = sk_diags_count_severity(d, SK_WARNING);
		s->budget = nut_total_budget(s->st, d);
		*template = placeholder_at(d, &s->st->school.name)
			    || placeholder_at(d, &s->st->school.urn);
		rc = nut_lint_say_found(d, diags, &s->unsaid);
	}
	sk_diags_free(d);
	return rc;
}

/* Removes the messages after the first `count`. */
static void diags_cut(sk_diags *diags, size_t count)
{
	while (sk_diags_count(diags) > count)
		sk_diags_remove(diags, sk_diags_count(diags) - 1);
}

/* A strategy whose school is still the template's (a copy of action-lint
 * --template left in the folder) is passed over with one warning in place
 * of its messages (from `before` on): it is no school's. */
static int add_strategy(hub_inputs *in, const sk_ydoc *doc, const char *name, const char *bytes,
			size_t len, const sk_lint_config *config, size_t before, sk_diags *diags)
{
	sk_strategy *st = NULL;
	sk_diags *own = sk_diags_new();
	int rc = own ? sk_strategy_decode(&st, doc, own) : SK_ENOMEM;
	if (!st) {
		/* No strategy in it: why, in the decoder's words. */
		if (rc == SK_EINVAL)
			rc = nut_lint_say(own, name, diags);
		sk_diags_free(own);
		return rc;
	}
	sk_diags_free(own);
	/* What it cannot read is said as nutshell's school page says it, in
	 * action-lint's words (the loader's and decoder's own are not);
	 * action-lint's other findings are counted on the page. */
	diags_cut(diags, before);
	if (SK_GROW(in->strategies, in->strategy_cap, in->strategy_count + 1) != SK_OK) {
		sk_strategy_free(st);
		return SK_ENOMEM;
	}
	hub_strategy *s = &in->strategies[in->strategy_count];
	*s = (hub_strategy){st, strdup(name), 0, 0, 0, missing};
	in->strategy_count++;
	bool template = false;
	if (!s->file
	    || (rc = lint_counts(s, &template, bytes, len, config, in->as_of, diags)) != SK_OK
	    || !template)
		return s->file ? rc : SK_ENOMEM;
	diags_cut(diags, before);
	sk_diags_add(diags, s->file, st->school.pos, SK_WARNING, "strategy-template",
		     "the school's name or URN is still the template's placeholder: this file "
		     "is passed over (no page or school is made from it); fill it in and check "
		     "it with action-lint");
	sk_strategy_free(st);
	free(s->file);
	in->strategy_count--;
	return SK_OK;
}

/* A file that is not YAML: said in action-lint's words, with its
 * configuration, in place of the loader's (from `before` on). */
static int add_unread(const char *name, const char *bytes, size_t len,
		      const sk_lint_config *config, sk_date as_of, size_t before, sk_diags *diags)
{
	sk_diags *d;
	int rc = nut_lint_file(&d, bytes, len, name, config, as_of);
	if (rc == SK_OK && nut_lint_says_unread(d)) {
		diags_cut(diags, before);
		rc = nut_lint_say(d, name, diags);
	}
	sk_diags_free(d);
	return rc;
}

/* A review: what cannot be read in it is said as for a strategy, in
 * action-lint's words with its configuration (from `before` on, in place of
 * the loader's and the decoder's own); one that is no review, in the
 * decoder's. */
static int add_review(hub_inputs *in, const sk_ydoc *doc, const char *name, const char *bytes,
		      size_t len, const sk_lint_config *config, size_t before, sk_diags *diags)
{
	sk_review *rv = NULL;
	sk_diags *own = sk_diags_new();
	int rc = own ? sk_review_decode(&rv, doc, own) : SK_ENOMEM;
	size_t unsaid = 0;
	if (!rv) {
		if (rc == SK_EINVAL)
			rc = nut_lint_say_review(own, diags, &unsaid);
		sk_diags_free(own);
		return rc;
	}
	sk_diags_free(own);
	sk_diags *d;
	if ((rc = nut_lint_file(&d, bytes, len, name, config, in->as_of)) == SK_OK) {
		diags_cut(diags, before);
		rc = nut_lint_say_review(d, diags, &unsaid);
	}
	sk_diags_free(d);
	if (rc != SK_OK) {
		sk_review_free(rv);
		return rc;
	}
	if (SK_GROW(in->reviews, in->review_cap, in->review_count + 1) != SK_OK) {
		sk_review_free(rv);
		return SK_ENOMEM;
	}
	in->reviews[in->review_count] = (hub_review){rv, strdup(name), unsaid};
	return in->reviews[in->review_count++].file ? SK_OK : SK_ENOMEM;
}

int hub_inputs_add(hub_inputs *in, const char *path, bool given, const sk_lint_config *config,
		   sk_diags *diags)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, CLI_MAX_DOCUMENT) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	const char *name = cli_input_name(path);
	size_t before = sk_diags_count(diags);
	sk_ydoc *doc = NULL;
	int rc = sk_ydoc_load(&doc, bytes, len, name, diags);
	sk_file_kind kind = rc == SK_OK ? sk_file_kind_of(sk_ydoc_root(doc)) : SK_FILE_UNKNOWN;
	if (rc == SK_OK && kind == SK_FILE_REVIEW)
		rc = add_review(in, doc, name, bytes, len, config, before, diags);
	else if (rc == SK_OK && (kind == SK_FILE_STRATEGY || given))
		rc = add_strategy(in, doc, name, bytes, len, config, before, diags);
	else if (rc == SK_OK)       /* some other YAML in the folder: drop its own messages only */
		diags_cut(diags, before);
	else if (rc != SK_ENOMEM)
		rc = add_unread(name, bytes, len, config, in->as_of, before, diags);
	sk_ydoc_free(doc);
	free(bytes);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		return SK_EXIT_FAIL;
	}
	return sk_diags_count_severity(diags, SK_ERROR) ? SK_EXIT_FOUND : SK_EXIT_OK;
}

int hub_pages_lint(const hub_page *pages, size_t n, const hub_inputs *in, sk_diags *diags)
{
	/* Each file once, whichever pages show it: strategies first, then reviews. */
	bool *said = calloc(in->strategy_count + in->review_count + 1, sizeof(*said));
	int rc = said ? SK_OK : SK_ENOMEM;
	for (size_t i = 0; rc == SK_OK && i < n; i++)
		for (size_t j = 0; rc == SK_OK && j < pages[i].school_count; j++) {
			const hub_strategy *h = pages[i].schools[j].strategy;
			const hub_review *v = pages[i].schools[j].review;
			size_t k = h ? (size_t)(h - in->strategies) : 0;
			if (h && !said[k]) {
				said[k] = true;
				rc = nut_lint_say_unsaid(h->unsaid, h->file, diags);
			}
			k = v ? in->strategy_count + (size_t)(v - in->reviews) : 0;
			if (rc == SK_OK && v && !said[k]) {
				said[k] = true;
				rc = nut_lint_say_review_unsaid(v->unsaid, v->file, diags);
			}
		}
	free(said);
	return rc;
}

void hub_inputs_free(hub_inputs *in)
{
	for (size_t i = 0; i < in->strategy_count; i++) {
		sk_strategy_free(in->strategies[i].st);
		free(in->strategies[i].file);
	}
	for (size_t i = 0; i < in->review_count; i++) {
		sk_review_free(in->reviews[i].rv);
		free(in->reviews[i].file);
	}
	free(in->strategies);
	free(in->reviews);
	free(in->by_hub);
	free(in->by_urn);
	free(in->terms);
	free(in->strategy_index);
	free(in->review_index);
	in->by_hub = in->by_urn = NULL;
	in->terms = NULL;
	in->strategy_index = in->review_index = NULL;
	in->school_rows = in->urns = in->term_count = in->strategy_urns = in->review_urns = 0;
	in->strategies = NULL;
	in->reviews = NULL;
	in->strategy_count = in->review_count = 0;
	in->strategy_cap = in->review_cap = 0;
}

/* Whether review a is taken over b of the same school: the later date, and
 * of two on one date the file whose name sorts first, whatever the order the
 * files were given in. */
static bool review_before(const hub_review *a, const hub_review *b)
{
	int c = sk_date_cmp(a->rv->date.when.due, b->rv->date.when.due);
	return c > 0 || (c == 0 && strcmp(a->file, b->file) < 0);
}

/* Each review's or strategy's first earlier one of the same school and
 * review day or strategy year (1 + its index, 0: none), in *out (the
 * caller frees it), by the library's duplicate-school check. */
static int firsts_of(size_t **out, const sk_lint_school_key *keys, size_t n)
{
	*out = sk_mem__array(n, sizeof(**out));
	return *out ? sk_lint_find_same(*out, keys, n) : SK_ENOMEM;
}

static int64_t day_of(sk_date d)
{
	return (int64_t)d.year * 10000 + d.month * 100 + d.day;
}

/* Two reviews of one school on one date: said, since only one is shown. */
static int check_reviews(const hub_inputs *in, sk_diags *diags)
{
	sk_lint_school_key *keys = sk_mem__array(in->review_count, sizeof(*keys));
	size_t *firsts = NULL;
	if (!keys)
		return SK_ENOMEM;
	for (size_t j = 0; j < in->review_count; j++) {
		const sk_review *rv = in->reviews[j].rv;
		bool dated = rv->date.when.kind != SK_WHEN_NONE;
		keys[j] = (sk_lint_school_key){dated && nut_value_set(rv->school_urn.s)
					       ? rv->school_urn.s : NULL, day_of(rv->date.when.due)};
	}
	int rc = firsts_of(&firsts, keys, in->review_count);
	for (size_t j = 0; rc == SK_OK && j < in->review_count; j++) {
		const hub_review *b = &in->reviews[j];
		if (!firsts[j])
			continue;
		const hub_review *a = &in->reviews[firsts[j] - 1];
		rc = sk_diags_add(diags, b->file, b->rv->date.text.pos, SK_ERROR,
				  "duplicate-review", "%s is a review of the same school "
				  "(URN %s) on the same date: the page shows %s, the one "
				  "whose file name sorts first; keep one review for each "
				  "school and date", a->file, b->rv->school_urn.s,
				  review_before(a, b) ? a->file : b->file);
	}
	free(keys);
	free(firsts);
	return rc;
}

int hub_inputs_check(const hub_inputs *in, sk_diags *diags)
{
	if (check_reviews(in, diags) != SK_OK)
		return SK_ENOMEM;
	sk_lint_school_key *keys = sk_mem__array(in->strategy_count, sizeof(*keys));
	size_t *firsts = NULL;
	if (!keys)
		return SK_ENOMEM;
	for (size_t j = 0; j < in->strategy_count; j++) {
		const sk_strategy *st = in->strategies[j].st;
		keys[j] = (sk_lint_school_key){nut_value_set(st->school.urn.s) ? st->school.urn.s
					       : NULL, st->year_start};
	}
	int rc = firsts_of(&firsts, keys, in->strategy_count);
	for (size_t j = 0; rc == SK_OK && j < in->strategy_count; j++) {
		if (!firsts[j])
			continue;
		const sk_strategy *b = in->strategies[j].st;
		rc = sk_diags_add(diags, in->strategies[j].file, b->school.pos, SK_ERROR,
				  "duplicate-strategy", "%s is a strategy for the same school "
				  "(URN %s) and year: the page shows that one; keep one file "
				  "for each school and year", in->strategies[firsts[j] - 1].file,
				  b->school.urn.s);
	}
	free(keys);
	free(firsts);
	return rc;
}

/* ---- texts and their first appearance ---- */

static int by_key_at(const void *a, const void *b)
{
	const hub_keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The first entry of `key` in v (sorted by by_key_at), or n. */
static size_t keyed_first(const hub_keyed *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].key, key) == 0 ? lo : n;
}

/* keep[i]: whether v[i] is the first of its text in v. One sort. */
static int first_seen(bool *keep, const char *const *v, size_t n)
{
	hub_keyed *k = sk_mem__array(n, sizeof(*k));
	if (!k)
		return SK_ENOMEM;
	for (size_t i = 0; i < n; i++)
		k[i] = (hub_keyed){v[i], i};
	qsort(k, n, sizeof(*k), by_key_at);
	for (size_t i = 0; i < n; i++)
		keep[k[i].at] = i == 0 || strcmp(k[i].key, k[i - 1].key) != 0;
	free(k);
	return SK_OK;
}

int hub_unique(const char **v, size_t *n)
{
	bool *keep = sk_mem__array(*n, sizeof(*keep));
	if (!keep || first_seen(keep, v, *n) != SK_OK) {
		free(keep);
		return SK_ENOMEM;
	}
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (keep[i])
			v[k++] = v[i];
	*n = k;
	free(keep);
	return SK_OK;
}

/* ---- the census summary ---- */

static bool is_term(const sk_summary_row *r)
{
	return !strstr(r->term, "..");
}

int hub_names(const char ***out, size_t *count, const sk_summary *census)
{
	size_t rows = sk_summary_row_count(census), n = 0;
	const char **v = sk_mem__array(rows, sizeof(*v));
	if (!v)
		return SK_ENOMEM;
	for (size_t i = 0; i < rows; i++) {
		const sk_summary_row *r = sk_summary_row_at(census, i);
		if (is_term(r) && strcmp(r->level, "school") == 0 && nut_value_set(r->hub))
			v[n++] = r->hub;
	}
	if (hub_unique(v, &n) != SK_OK) {
		free(v);
		return SK_ENOMEM;
	}
	*out = v;
	*count = n;
	return SK_OK;
}

static const char *hub_of(const sk_summary_row *r)
{
	return nut_value_set(r->hub) ? r->hub : "";
}

static int by_line(const sk_summary_row *x, const sk_summary_row *y)
{
	return (x->line > y->line) - (x->line < y->line);
}

static int by_hub_line(const void *a, const void *b)
{
	const sk_summary_row *x = *(const sk_summary_row *const *)a;
	const sk_summary_row *y = *(const sk_summary_row *const *)b;
	int c = strcmp(hub_of(x), hub_of(y));
	return c ? c : by_line(x, y);
}

static int by_urn_line(const void *a, const void *b)
{
	const sk_summary_row *x = *(const sk_summary_row *const *)a;
	const sk_summary_row *y = *(const sk_summary_row *const *)b;
	int c = strcmp(x->key, y->key);
	return c ? c : by_line(x, y);
}

static bool school_level(const sk_summary_row *r)
{
	return strcmp(r->level, "school") == 0 && nut_value_set(r->key);
}

/* Each strategy's or review's URN and place, by URN, then place. */
static hub_keyed *urn_index(size_t *n, const void *items, size_t count, size_t size,
			    const char *(*urn_of)(const void *))
{
	hub_keyed *v = sk_mem__array(count, sizeof(*v));
	*n = 0;
	for (size_t i = 0; v && i < count; i++) {
		const char *urn = urn_of((const char *)items + i * size);
		if (nut_value_set(urn))
			v[(*n)++] = (hub_keyed){urn, i};
	}
	if (v)
		qsort(v, *n, sizeof(*v), by_key_at);
	return v;
}

static const char *strategy_urn(const void *h)
{
	return ((const hub_strategy *)h)->st->school.urn.s;
}

static const char *review_urn(const void *h)
{
	return ((const hub_review *)h)->rv->school_urn.s;
}

int hub_inputs_index(hub_inputs *in)
{
	size_t rows = sk_summary_row_count(in->census), k = 0;
	in->by_hub = sk_mem__array(rows, sizeof(*in->by_hub));
	in->by_urn = sk_mem__array(rows, sizeof(*in->by_urn));
	in->terms = sk_mem__array(rows, sizeof(*in->terms));
	in->strategy_index = urn_index(&in->strategy_urns, in->strategies, in->strategy_count,
				       sizeof(*in->strategies), strategy_urn);
	in->review_index = urn_index(&in->review_urns, in->reviews, in->review_count,
				     sizeof(*in->reviews), review_urn);
	if (!in->by_hub || !in->by_urn || !in->terms || !in->strategy_index || !in->review_index)
		return SK_ENOMEM;
	/* Every term (a summary has no more terms than rows), so that the
	 * latest is the real latest whatever the order of the file. */
	in->term_count = sk_summary_terms(in->terms, rows, in->census);
	for (size_t i = 0; i < rows; i++) {
		const sk_summary_row *r = sk_summary_row_at(in->census, i);
		if (is_term(r) && school_level(r))
			in->by_hub[k++] = r;
	}
	in->school_rows = k;
	memcpy(in->by_urn, in->by_hub, k * sizeof(*in->by_urn));
	qsort(in->by_hub, k, sizeof(*in->by_hub), by_hub_line);
	qsort(in->by_urn, k, sizeof(*in->by_urn), by_urn_line);
	in->urns = 0;
	for (size_t i = 0; i < k; i++)
		if (!in->urns || strcmp(in->by_urn[in->urns - 1]->key, in->by_urn[i]->key) != 0)
			in->by_urn[in->urns++] = in->by_urn[i];
	return SK_OK;
}

/* The row of `level` and `key` in `term`, or NULL. */
static const sk_summary_row *find_row(const hub_inputs *in, const char *term,
				      const char *level, const char *key)
{
	if (!term || !nut_value_set(key))
		return NULL;
	return sk_summary_find(in->census, term, level, key);
}

/* A school's row in `term`: with two rows for its URN (hub_census_check
 * warns), the one in `hub`, so that a school is never shown with another's
 * figures. */
static const sk_summary_row *school_row(const hub_inputs *in, const char *term,
					const char *urn, const char *hub)
{
	const sk_summary_row *first = find_row(in, term, "school", urn);
	for (const sk_summary_row *r = first; r && hub; r = sk_summary_find_next(in->census, r))
		if (same(r->hub, hub))
			return r;
	return first;
}

static int by_term_key_line(const void *a, const void *b)
{
	const sk_summary_row *x = *(const sk_summary_row *const *)a;
	const sk_summary_row *y = *(const sk_summary_row *const *)b;
	int c = strcmp(x->term, y->term);
	if (c == 0)
		c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

int hub_census_check(const sk_summary *census, const char *file, sk_diags *diags)
{
	size_t n = 0, rows = sk_summary_row_count(census);
	const sk_summary_row **v = malloc((rows ? rows : 1) * sizeof(*v));
	if (!v)
		return SK_ENOMEM;
	for (size_t i = 0; i < rows; i++) {
		const sk_summary_row *r = sk_summary_row_at(census, i);
		if (is_term(r) && strcmp(r->level, "school") == 0 && nut_value_set(r->key))
			v[n++] = r;
	}
	qsort(v, n, sizeof(*v), by_term_key_line);
	int rc = SK_OK;
	for (size_t i = 1; rc == SK_OK && i < n; i++)
		if (strcmp(v[i]->term, v[i - 1]->term) == 0 && strcmp(v[i]->key, v[i - 1]->key) == 0)
			rc = sk_diags_add(diags, file, (sk_pos){v[i]->line, 1}, SK_WARNING,
					  "duplicate-urn", "URN %s has another school row in this "
					  "term, at line %u: a hub's page shows the row of its hub, "
					  "the trust's the first", v[i]->key, v[i - 1]->line);
	free(v);
	return rc;
}

/* A line's figures from its rows in the page's terms, beside the nation. */
static void line_fill(hub_line *l, const hub_page *p)
{
	sk_counts before;
	if (l->row)
		sk_profile_counts_from_row(&l->counts, l->row);
	else
		sk_profile_counts_from_national(&l->counts, NULL);
	if (l->prev)
		sk_profile_counts_from_row(&before, l->prev);
	nut_figures_fill(l->fig, &l->on_roll, &l->on_roll_change, &l->counts,
			 l->row && l->prev ? &before : NULL, &p->nat_counts);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		l->broad[i] = sk_profile_broad_share(&l->counts, (sk_broad_area)i);
}

/* ---- the schools ---- */

static int add_school(hub_page *p, size_t *cap, const char *urn, const char *name,
		      const char *la)
{
	if (SK_GROW(p->schools, *cap, p->school_count + 1) != SK_OK)
		return SK_ENOMEM;
	hub_school *s = &p->schools[p->school_count++];
	memset(s, 0, sizeof(*s));
	s->line.urn = urn;
	s->line.title = name;
	s->line.level = "school";
	s->la = la;
	s->budget = missing;
	return SK_OK;
}

/* Keeps each URN's first school, in the page's order. */
static int drop_repeated(hub_page *p)
{
	size_t n = p->school_count, k = 0;
	const char **urns = sk_mem__array(n, sizeof(*urns));
	bool *keep = sk_mem__array(n, sizeof(*keep));
	int rc = urns && keep ? SK_OK : SK_ENOMEM;
	for (size_t i = 0; rc == SK_OK && i < n; i++)
		urns[i] = p->schools[i].line.urn;
	if (rc == SK_OK)
		rc = first_seen(keep, urns, n);
	for (size_t i = 0; rc == SK_OK && i < n; i++)
		if (keep[i])
			p->schools[k++] = p->schools[i];
	if (rc == SK_OK)
		p->school_count = k;
	free(urns);
	free(keep);
	return rc;
}

/* The census's first school row for `urn` in some term, or NULL. */
static const sk_summary_row *urn_row(const hub_inputs *in, const char *urn)
{
	size_t lo = 0, hi = nut_value_set(urn) ? in->urns : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(in->by_urn[mid]->key, urn);
		if (c == 0)
			return in->by_urn[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool hub_in_census(const hub_inputs *in, const char *urn)
{
	return urn_row(in, urn) != NULL;
}

/* The census's school rows of `hub`, in any term: in->by_hub[*from, *to). */
static void hub_rows(const hub_inputs *in, const char *hub, size_t *from, size_t *to)
{
	const sk_summary_row **v = in->by_hub;
	size_t lo = 0, hi = in->school_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(hub_of(v[mid]), hub) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (*from = hi = lo; hi < in->school_rows && strcmp(hub_of(v[hi]), hub) == 0; hi++)
		continue;
	*to = hi;
}

int hub_inputs_hub_differs(const hub_inputs *in, const char *census_file, sk_diags *diags)
{
	int rc = SK_OK;
	for (size_t i = 0; rc == SK_OK && i < in->strategy_count; i++) {
		const sk_strategy *st = in->strategies[i].st;
		const sk_summary_row *r = urn_row(in, st->school.urn.s);
		if (!r || !nut_value_set(st->school.hub.s))
			continue;
		size_t from, to;
		hub_rows(in, st->school.hub.s, &from, &to);
		while (from < to && strcmp(in->by_hub[from]->key, r->key) != 0)
			from++;
		if (from < to)
			continue;
		rc = sk_diags_add(diags, in->strategies[i].file, st->school.hub.pos, SK_WARNING,
				  "census-hub-differs", "the strategy names hub \"%s\" but the "
				  "census summary (%s, line %u) puts URN %s in \"%s\": the school is "
				  "shown in the census's hub; correct the one that is wrong",
				  st->school.hub.s, census_file, r->line, r->key, hub_of(r));
	}
	return rc;
}

int hub_inputs_unmatched(const hub_inputs *in, sk_diags *diags)
{
	int rc = SK_OK;
	for (size_t i = 0; rc == SK_OK && i < in->review_count; i++) {
		const sk_text *urn = &in->reviews[i].rv->school_urn;
		if (!nut_value_set(urn->s) || hub_in_census(in, urn->s)
		    || keyed_first(in->strategy_index, in->strategy_urns, urn->s)
			       < in->strategy_urns)
			continue;
		rc = sk_diags_add(diags, in->reviews[i].file, urn->pos, SK_WARNING,
				  "review-unmatched", "no school of the census figures given or of a "
				  "strategy has URN %s: no page shows this review; check the URN",
				  urn->s);
	}
	return rc;
}

static int by_line_only(const void *a, const void *b)
{
	return by_line(*(const sk_summary_row *const *)a, *(const sk_summary_row *const *)b);
}

/* The hub's schools: those the census summary puts in it in any term, then
 * those whose strategy says so and the census does not have (the census is
 * the record of a school's hub: hub_inputs_hub_differs warns). Found in the
 * index (hub_inputs_index), each school once, in the order the file first
 * names them (one sort): a page costs its own schools, not the whole census. */
static int gather_schools(hub_page *p, const hub_inputs *in)
{
	size_t cap = 0, from = 0, to = in->school_rows;
	if (p->hub)
		hub_rows(in, p->hub, &from, &to);
	const sk_summary_row **first = p->hub ? in->by_hub + from : NULL;
	size_t n = to - from;
	if (!p->hub) {
		/* The trust: every URN's first row, in the file's order. */
		first = sk_mem__array(in->urns, sizeof(*first));
		if (!first)
			return SK_ENOMEM;
		memcpy(first, in->by_urn, in->urns * sizeof(*first));
		n = in->urns;
		qsort(first, n, sizeof(*first), by_line_only);
	}
	int rc = SK_OK;
	for (size_t i = 0; rc == SK_OK && i < n; i++) {
		const sk_summary_row *r = first[i];
		rc = add_school(p, &cap, r->key, nut_value_set(r->name) ? r->name : NULL,
				nut_value_set(r->la) ? r->la : NULL);
	}
	if (!p->hub)
		free(first);
	for (size_t i = 0; rc == SK_OK && i < in->strategy_count; i++) {
		const sk_strategy *st = in->strategies[i].st;
		if (!nut_value_set(st->school.urn.s) || (p->hub && !same(st->school.hub.s, p->hub))
		    || hub_in_census(in, st->school.urn.s))
			continue;
		rc = add_school(p, &cap, st->school.urn.s, st->school.name.s, st->school.la.s);
	}
	return rc == SK_OK ? drop_repeated(p) : rc;
}

/* The strategy for --as-of's school year, or the latest before it: a draft
 * for a later year is noted, never shown in its place. */
static void pick_strategy(hub_school *s, const hub_inputs *in)
{
	int year = sk_academic_year_of(in->as_of);
	const hub_keyed *v = in->strategy_index;
	for (size_t i = keyed_first(v, in->strategy_urns, s->line.urn);
	     i < in->strategy_urns && strcmp(v[i].key, s->line.urn) == 0; i++) {
		const hub_strategy *h = &in->strategies[v[i].at];
		const hub_strategy **slot = h->st->year_start > year ? &s->later : &s->strategy;
		if (!*slot || h->st->year_start > (*slot)->st->year_start)
			*slot = h;
	}
}

/* Whether a review is dated after --as-of: it had not happened by then. */
static bool review_after(const sk_review *rv, sk_date as_of)
{
	return rv->date.when.kind != SK_WHEN_NONE && sk_date_cmp(rv->date.when.start, as_of) > 0;
}

/* The latest review on or before --as-of with a statement judged, and its
 * score: an empty review or a later one never hides it. The newest passed
 * over for it is kept for the page's note. */
static int pick_review(hub_school *s, const hub_inputs *in)
{
	sk_score_options o = SK_SCORE_OPTIONS_INIT;
	o.as_of = in->as_of;
	const hub_keyed *v = in->review_index;
	for (size_t i = keyed_first(v, in->review_urns, s->line.urn);
	     i < in->review_urns && strcmp(v[i].key, s->line.urn) == 0; i++) {
		const hub_review *h = &in->reviews[v[i].at];
		sk_review_score score;
		if (sk_score_compute(&score, h->rv, &o) != SK_OK)
			return SK_EINVAL;
		bool after = review_after(h->rv, in->as_of);
		if (!after && score.overall.judged > 0) {
			if (!s->review || review_before(h, s->review)) {
				s->review = h;
				s->score = score;
			}
		} else if (!s->passed || review_before(h, s->passed)) {
			s->passed = h;
			s->passed_after = after;
		}
	}
	/* Only a review newer than the one shown was passed over for it. */
	if (s->passed && s->review && !review_before(s->passed, s->review))
		s->passed = NULL;
	return SK_OK;
}

/* Each school's strategy and review, and what they say. */
static int attach(hub_school *s, const hub_inputs *in)
{
	pick_strategy(s, in);
	if (!s->line.title && (s->strategy || s->later))
		s->line.title = (s->strategy ? s->strategy : s->later)->st->school.name.s;
	if (s->strategy) {
		const sk_strategy *st = s->strategy->st;
		if (st->year_start)
			snprintf(s->year, sizeof(s->year), "%d-%02d", st->year_start,
				 (st->year_start + 1) % 100);
		s->budget = s->strategy->budget;
		for (int a = 0; a < SK_AREA_COUNT; a++)
			s->actions += st->areas[a].action_count;
	}
	return pick_review(s, in);
}

/* ---- the reference rows ---- */

static int ref(hub_page *p, const hub_inputs *in, const char *title, const char *level,
	       const char *row_level, const char *key)
{
	const sk_summary_row *row = find_row(in, p->latest, row_level, key);
	if (!row)
		return SK_OK;
	if (SK_GROW(p->refs, p->ref_cap, p->ref_count + 1) != SK_OK)
		return SK_ENOMEM;
	hub_line *l = &p->refs[p->ref_count++];
	memset(l, 0, sizeof(*l));
	l->title = title;
	l->level = level;
	l->row = row;
	l->prev = find_row(in, p->previous, row_level, key);
	line_fill(l, p);
	return SK_OK;
}

/* Every reference row, however many hubs or LAs: none is left out. */
static int refs(hub_page *p, const hub_inputs *in)
{
	int rc = SK_OK;
	const char **names = NULL;
	size_t n = 0;
	if (p->hub) {
		rc = ref(p, in, p->hub, "hub", "hub", p->hub);
		names = sk_mem__array(p->school_count, sizeof(*names));
		for (size_t i = 0; names && i < p->school_count; i++)
			if (p->schools[i].line.row && p->schools[i].la)
				names[n++] = p->schools[i].la;
		if (!names || hub_unique(names, &n) != SK_OK)
			rc = SK_ENOMEM;
	} else {
		rc = hub_names(&names, &n, in->census);
	}
	const char *level = p->hub ? "la" : "hub";
	for (size_t i = 0; rc == SK_OK && i < n; i++)
		rc = ref(p, in, names[i], level, level, names[i]);
	free(names);
	if (rc == SK_OK)
		rc = ref(p, in, "Trust", "trust", "all", "all");
	if (rc == SK_OK && (p->nat || p->nat_need)) {
		if (SK_GROW(p->refs, p->ref_cap, p->ref_count + 1) != SK_OK)
			return SK_ENOMEM;
		hub_line *l = &p->refs[p->ref_count++];
		memset(l, 0, sizeof(*l));
		l->title = "National";
		l->level = "national";
		l->counts = p->nat_counts;
		nut_figures_fill(l->fig, &l->on_roll, &l->on_roll_change, &l->counts, NULL,
				 &p->nat_counts);
		for (int i = 0; i < SK_BROAD_COUNT; i++)
			l->broad[i] = sk_profile_broad_share(&p->nat_need_counts, (sk_broad_area)i);
	}
	/* The group's own line, once the array has stopped moving. */
	const char *own = p->hub ? "hub" : "trust";
	for (size_t i = 0; i < p->ref_count && !p->group; i++)
		if (strcmp(p->refs[i].level, own) == 0)
			p->group = &p->refs[i];
	return rc;
}

/* ---- where to focus the CPD offer ---- */

/* The difference of the two shares as shown (tenths), so that the page's
 * figures agree: 46.2 against 38.0 is +8.2, whatever the exact shares. */
static sk_value shown_diff(sk_value share, sk_value national)
{
	if (share.state != SK_VALUE_KNOWN || national.state != SK_VALUE_KNOWN)
		return missing;
	return (sk_value){SK_VALUE_KNOWN, share.value - national.value};
}

/* Keeps the `max` furthest above national, largest first. */
static void keep_top(hub_focus_need *top, size_t *n, size_t max, const hub_focus_need *f)
{
	if (f->diff.state != SK_VALUE_KNOWN || f->diff.value <= 0)
		return;
	size_t at = *n;
	while (at > 0 && top[at - 1].diff.value < f->diff.value)
		at--;
	if (at >= max)
		return;
	size_t last = *n < max ? *n : max - 1;
	memmove(&top[at + 1], &top[at], (last - at) * sizeof(*top));
	top[at] = *f;
	if (*n < max)
		(*n)++;
}

static void focus_needs(hub_page *p)
{
	const sk_counts *c = p->group ? &p->group->counts : NULL, *nat = &p->nat_need_counts;
	if (!c || !c->has_need || !nat->has_need)
		return;
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		hub_focus_need f = {sk_broad_area_key((sk_broad_area)i),
				    sk_broad_area_label((sk_broad_area)i), c->broad[i],
				    sk_profile_broad_share(c, (sk_broad_area)i),
				    sk_profile_broad_share(nat, (sk_broad_area)i), missing};
		f.diff = shown_diff(f.share, f.national);
		keep_top(p->broad, &p->broad_count, HUB_FOCUS, &f);
	}
	for (int i = 0; i < NUT_NEEDS; i++) {
		hub_focus_need f = {sk_need_key((sk_need)i), sk_need_short_label((sk_need)i), c->need[i],
				    sk_profile_need_share(c, (sk_need)i),
				    sk_profile_need_share(nat, (sk_need)i), missing};
		f.diff = shown_diff(f.share, f.national);
		keep_top(p->need, &p->need_count, HUB_FOCUS, &f);
	}
}

/* Weaker first: more schools rating it priority, then the lower pooled score. */
static int weaker(const void *a, const void *b)
{
	const hub_focus_area *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if (x->pooled.value != y->pooled.value)
		return x->pooled.value < y->pooled.value ? -1 : 1;
	return x->area - y->area;
}

static void focus_reviews(hub_page *p)
{
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		hub_focus_area f = {a, 0, 0, 0, -1, missing};
		long points = 0, max = 0;
		for (size_t i = 0; i < p->school_count; i++) {
			const hub_school *s = &p->schools[i];
			const sk_area_score *sc = &s->score.areas[a];
			if (!s->review || !sc->present || sc->score_tenths < 0)
				continue;
			f.reviewed++;
			f.priority += sc->rating == SK_RATING_PRIORITY;
			f.developing += sc->rating == SK_RATING_DEVELOPING;
			if (f.lowest < 0 || sc->score_tenths < f.lowest)
				f.lowest = sc->score_tenths;
			points += sc->points;
			max += sc->max_points;
		}
		p->priority[a] = f.priority;
		int64_t pooled;
		if (f.reviewed && sk_pct_tenths(&pooled, points, max) == SK_OK)
			f.pooled = (sk_value){SK_VALUE_KNOWN, pooled};
		if (f.reviewed)
			p->area[p->area_count++] = f;
	}
	qsort(p->area, p->area_count, sizeof(*p->area), weaker);
}

/* ---- the trend ---- */

/* Each term beside its own January's national figures, or none (nutshell(1), Which year). */
static void trend_national(hub_trend *tr, const sk_summary_term *term,
			   const sk_national *national)
{
	tr->year = term->dated ? sk_academic_year_of(term->date) + 1 : 0;
	tr->nat = tr->year ? sk_national_for(national, tr->year, false) : NULL;
	sk_counts c;
	sk_profile_counts_from_national(&c, tr->nat);
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		tr->nat_pct[m] = tr->nat ? sk_profile_pct(&c, (sk_measure)m) : missing;
}

static void trend(hub_page *p, const sk_summary_term *terms, size_t n, const hub_inputs *in)
{
	const char *level = p->hub ? "hub" : "all", *key = p->hub ? p->hub : "all";
	/* The latest HUB_TERMS terms: older ones are counted, not drawn. */
	size_t first = n > HUB_TERMS ? n - HUB_TERMS : 0;
	p->terms_left_out = first;
	for (size_t t = first; t < n; t++) {
		hub_trend *tr = &p->trend[p->trend_count++];
		const sk_summary_row *r = find_row(in, terms[t].label, level, key);
		tr->term = terms[t].label;
		tr->present = r != NULL;
		sk_counts c;
		if (r)
			sk_profile_counts_from_row(&c, r);
		for (int m = 0; m < SK_MEASURE_COUNT; m++)
			tr->pct[m] = r ? sk_profile_pct(&c, (sk_measure)m) : missing;
		trend_national(tr, &terms[t], in->national);
	}
}

/* ---- the page ---- */

static void make_slug(hub_page *p)
{
	const char *s = p->hub ? p->hub : "trust";
	size_t n = 0;
	bool dash = false;
	for (const unsigned char *q = (const unsigned char *)s; *q && n + 8 < sizeof(p->slug);
	     q++) {
		bool alnum = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')
			     || (*q >= '0' && *q <= '9');
		if (!alnum) {
			dash = n > 0;
			continue;
		}
		if (dash)
			p->slug[n++] = '-';
		dash = false;
		p->slug[n++] = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
	}
	snprintf(p->slug + n, sizeof(p->slug) - n, "%s%s", n ? "-" : "", p->hub ? "hub" : "");
	if (!p->hub)
		snprintf(p->slug, sizeof(p->slug), "trust");
}

int hub_page_build(hub_page *out, const hub_inputs *in, const char *hub)
{
	hub_page *p = out;
	memset(p, 0, sizeof(*p));
	p->hub = hub;
	p->as_of = in->as_of;
	p->suppress = in->suppress;
	make_slug(p);
	const sk_summary_term *terms = in->terms;
	size_t nterms = in->term_count;
	p->latest = nterms ? terms[nterms - 1].label : NULL;
	/* Undated terms come first: set aside, never the term compared with. */
	p->previous = nterms > 1 && (terms[nterms - 2].dated || !terms[nterms - 1].dated)
		      ? terms[nterms - 2].label : NULL;
	if (nterms && terms[nterms - 1].dated && !terms[0].dated) {
		p->set_aside = terms[0].label;
		p->undated = terms;
		while (p->undated_count < nterms && !terms[p->undated_count].dated)
			p->undated_count++;
	}
	if (nterms && terms[nterms - 1].dated)
		p->census_year = sk_academic_year_of(terms[nterms - 1].date) + 1;
	/* An undated latest term has no national year: none, never a guess. */
	bool undated = p->latest && !p->census_year;
	p->nat = undated ? NULL : sk_national_for(in->national, p->census_year, false);
	p->nat_need = undated ? NULL : sk_national_for(in->national, p->census_year, true);
	sk_profile_counts_from_national(&p->nat_counts, p->nat);
	sk_profile_counts_from_national(&p->nat_need_counts, p->nat_need);

	int rc = gather_schools(p, in);
	for (size_t i = 0; rc == SK_OK && i < p->school_count; i++) {
		hub_school *s = &p->schools[i];
		s->line.row = school_row(in, p->latest, s->line.urn, p->hub);
		s->line.prev = school_row(in, p->previous, s->line.urn, p->hub);
		if (attach(s, in) != SK_OK)
			rc = SK_EINVAL;
		line_fill(&s->line, p);
		p->reviewed += s->review != NULL;
		p->with_strategy += s->strategy != NULL;
	}
	if (rc == SK_OK)
		rc = refs(p, in);
	if (rc == SK_OK) {
		focus_needs(p);
		focus_reviews(p);
		/* The terms set aside are named in the notes, not drawn. */
		trend(p, terms + p->undated_count, nterms - p->undated_count, in);
	}
	return rc;
}

void hub_page_free(hub_page *page)
{
	free(page->schools);
	page->schools = NULL;
	free(page->refs);
	page->refs = NULL;
	page->ref_count = 0;
	page->school_count = 0;
}
