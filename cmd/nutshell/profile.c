/* The profile: every figure nutshell shows, computed once from the strategy,
 * the census summary and the national table. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nutshell.h"

static const sk_value missing = {SK_VALUE_MISSING, 0};

bool nut_value_set(const char *s)
{
	return !sk_text_is_blank(s);
}

/* ---- counts, beside the previous term and the nation ---- */

void nut_figures_fill(nut_figure out[SK_MEASURE_COUNT], sk_value *out_on_roll,
		      sk_value *out_on_roll_change, const sk_counts *now,
		      const sk_counts *before, const sk_counts *nat)
{
	*out_on_roll = now->on_roll.state == SK_VALUE_KNOWN && now->on_roll.value < 0
		       ? missing : now->on_roll;
	*out_on_roll_change = before ? sk_profile_sub(now->on_roll, before->on_roll) : missing;
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		nut_figure *f = &out[m];
		f->measure = (sk_measure)m;
		f->count = sk_profile_count(now, f->measure);
		f->pct = sk_profile_pct(now, f->measure);
		f->over_roll = sk_profile_over_roll(now, f->measure);
		f->national_pct = sk_profile_pct(nat, f->measure);
		f->diff = sk_profile_pct_diff(now, nat, f->measure);
		f->change = f->change_pct = missing;
		if (before) {
			f->change = sk_profile_sub(f->count, sk_profile_count(before, f->measure));
			f->change_pct = sk_profile_pct_diff(now, before, f->measure);
		}
	}
}

static void figures(nut_profile *p, const sk_national *national)
{
	sk_counts before;
	if (p->prev)
		sk_profile_counts_from_row(&before, p->prev);
	p->nat = sk_national_for(national, p->census_year, false);
	sk_profile_counts_from_national(&p->nat_counts, p->nat);
	nut_figures_fill(p->fig, &p->on_roll, &p->on_roll_change, &p->counts,
			 p->prev ? &before : NULL, &p->nat_counts);
}

/* ---- the profile of need ---- */

static void need_profile(nut_profile *p, const sk_national *national)
{
	const sk_counts *c = &p->counts, *nat = &p->nat_need_counts;
	p->nat_need = sk_national_for(national, p->census_year, true);
	sk_profile_counts_from_national(&p->nat_need_counts, p->nat_need);
	p->has_need = c->has_need;
	p->need_total = c->has_need ? c->need_total : missing;
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		nut_share *s = &p->broad[i];
		s->key = sk_broad_area_key((sk_broad_area)i);
		s->label = sk_broad_area_label((sk_broad_area)i);
		s->count = c->has_need ? c->broad[i] : missing;
		s->share = sk_profile_broad_share(c, (sk_broad_area)i);
		s->national_share = sk_profile_broad_share(nat, (sk_broad_area)i);
	}
	for (int i = 0; i < NUT_NEEDS; i++) {
		nut_share *s = &p->need[i];
		s->key = sk_need_key((sk_need)i);
		s->label = sk_need_short_label((sk_need)i);
		s->count = c->has_need ? c->need[i] : missing;
		s->share = sk_profile_need_share(c, (sk_need)i);
		s->national_share = sk_profile_need_share(nat, (sk_need)i);
	}
}

/* ---- beside the hub, the LA and the trust ---- */

/* The rows of the school's term for its hub, its LA and the whole summary
 * (found by key: a lookup per school, not a pass over every row). */
static void groups(nut_profile *p, const sk_summary *census)
{
	static const char *const titles[NUT_GROUPS] = {"Hub", "LA", "Trust"};
	static const char *const levels[NUT_GROUPS] = {"hub", "la", "all"};
	const char *keys[NUT_GROUPS] = {p->row->hub, p->row->la, "all"};
	for (int g = 0; g < NUT_GROUPS; g++) {
		nut_group *gr = &p->group[g];
		const sk_summary_row *r = nut_value_set(keys[g])
			? sk_summary_find(census, p->row->term, levels[g], keys[g]) : NULL;
		if (!r) {
			gr->elsewhere = nut_value_set(keys[g]) ? sk_summary_find_other_term(
				census, p->row->term, levels[g], keys[g]) : NULL;
			continue;
		}
		gr->present = p->has_groups = true;
		gr->title = titles[g];
		gr->row = r;
		sk_profile_counts_from_row(&gr->counts, r);
	}
}

static const char *group_word(int g)
{
	return g == NUT_HUB ? "hub" : g == NUT_LA ? "LA" : "trust";
}

/* Appends to buf (of `size`, `*n` used), never past its end. */
static void append(char *buf, size_t size, size_t *n, const char *a, const char *b,
		   const char *c)
{
	if (*n >= size)
		return;
	int k = snprintf(buf + *n, size - *n, "%s%s%s", a, b, c);
	*n = k < 0 ? size : *n + (size_t)k < size ? *n + (size_t)k : size;
}

/* "hub", "hub or LA", "hub, LA or trust" (`last` "or" or "and") of the groups in `which`. */
static const char *group_words(char *buf, size_t size, const bool which[NUT_GROUPS],
			       const char *last)
{
	size_t k = 0, n = 0, total = 0;
	for (int g = 0; g < NUT_GROUPS; g++)
		total += which[g];
	buf[0] = '\0';
	for (int g = 0; g < NUT_GROUPS; g++) {
		if (!which[g])
			continue;
		k++;
		append(buf, size, &n, k == 1 ? "" : k < total ? ", " : last, group_word(g), "");
	}
	return buf;
}

bool nut_groups_elsewhere(const nut_profile *p)
{
	for (int g = 0; g < NUT_GROUPS; g++)
		if (!p->group[g].present && p->group[g].elsewhere)
			return true;
	return false;
}

const char *nut_groups_missing(char *buf, size_t size, const nut_profile *p)
{
	bool absent[NUT_GROUPS], done[NUT_GROUPS] = {false};
	size_t k = 0, n = 0;
	for (int g = 0; g < NUT_GROUPS; g++)
		k += absent[g] = !p->group[g].present;
	if (!k)
		return NULL;
	char words[64], here[NUT_TEXT_MAX], there[NUT_TEXT_MAX];
	buf[0] = '\0';
	append(buf, size, &n, "no ", group_words(words, sizeof(words), absent, " or "),
	       " figures in the census summary");
	if (!nut_term_text(here, sizeof(here), p->row->term) || !nut_groups_elsewhere(p))
		return buf;
	/* Say which other terms have them, so "none" is not read as "nowhere":
	 * the groups whose rows are of one term named together. */
	append(buf, size, &n, " for the ", here, " census (");
	const char *sep = "its ";
	for (int g = 0; g < NUT_GROUPS; g++) {
		const sk_summary_row *e = absent[g] ? p->group[g].elsewhere : NULL;
		if (!e || done[g] || !nut_term_text(there, sizeof(there), e->term))
			continue;
		bool same[NUT_GROUPS] = {false};
		for (int h = g; h < NUT_GROUPS; h++) {
			const sk_summary_row *o = absent[h] ? p->group[h].elsewhere : NULL;
			same[h] = done[h] = o && strcmp(o->term, e->term) == 0;
		}
		append(buf, size, &n, sep, group_words(words, sizeof(words), same, " and "),
		       " figures are for the ");
		append(buf, size, &n, there, " census", "");
		sep = "; its ";
	}
	append(buf, size, &n, ")", "", "");
	return buf;
}

const char *nut_groups_text(char *buf, size_t size, const nut_profile *p)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int g = 0; g < NUT_GROUPS && n < size; g++) {
		const nut_group *gr = &p->group[g];
		if (!gr->present)
			continue;
		char schools[32];
		const char *count = gr->row->schools.state == SK_CELL_KNOWN
			? nut_count_text(schools, sizeof(schools),
					 (sk_value){SK_VALUE_KNOWN, gr->row->schools.value}) : NULL;
		const char *plural = count && gr->row->schools.value == 1 ? "" : "s";
		int k;
		if (g == NUT_TRUST)
			k = count ? snprintf(buf + n, size - n, "%sTrust: %s school%s", n ? "; " : "",
					     count, plural)
				  : snprintf(buf + n, size - n, "%sTrust: every school given",
					     n ? "; " : "");
		else if (g == NUT_LA)
			/* The summary's LA row is of the schools it was made from, the
			 * trust's: not the local authority's own figure. */
			k = count ? snprintf(buf + n, size - n, "%sLA: the trust's %s school%s in %s",
					     n ? "; " : "", count, plural, gr->row->key)
				  : snprintf(buf + n, size - n, "%sLA: the trust's schools in %s",
					     n ? "; " : "", gr->row->key);
		else if (count)
			k = snprintf(buf + n, size - n, "%s%s: %s (%s school%s)", n ? "; " : "",
				     gr->title, gr->row->key, count, plural);
		else
			k = snprintf(buf + n, size - n, "%s%s: %s", n ? "; " : "", gr->title,
				     gr->row->key);
		if (k < 0)
			break;
		n += (size_t)k;
	}
	char absent[NUT_TEXT_MAX];
	if (nut_groups_missing(absent, sizeof(absent), p) && n < size)
		snprintf(buf + n, size - n, "%sN%s", n ? ". " : "", absent + 1);
	return buf;
}

int nut_national_year_of(const nut_profile *p, nut_compare_part part)
{
	int roll = p->nat ? p->nat->year : 0, need = p->nat_need ? p->nat_need->year : 0;
	if (!p->has_need || roll == need)
		return 0;
	return part == NUT_PART_ROLL ? roll : need;
}

const char *nut_national_head(char *buf, size_t size, const nut_profile *p,
			      nut_compare_part part)
{
	int year = nut_national_year_of(p, part);
	if (year)
		snprintf(buf, size, "National, January %d", year);
	else
		snprintf(buf, size, "National");
	return buf;
}

const char *nut_national_years_text(char *buf, size_t size, const nut_profile *p)
{
	int roll = nut_national_year_of(p, NUT_PART_ROLL);
	int need = nut_national_year_of(p, NUT_PART_NEED);
	if (!need && !roll)
		return NULL;
	char r[64], n[64];
	if (roll)
		snprintf(r, sizeof(r), "January %d", roll);
	else
		snprintf(r, sizeof(r), "none known");
	if (need)
		snprintf(n, sizeof(n), "January %d", need);
	else
		snprintf(n, sizeof(n), "none known");
	snprintf(buf, size, "National figures of pupils on roll: %s; of pupils with SEN by need: "
		 "%s", r, n);
	return buf;
}

size_t nut_compare(const char *out_titles[NUT_COMPARE_COLS],
		   nut_compare_row out[NUT_COMPARE_ROWS], size_t *out_rows, const nut_profile *p)
{
	const sk_counts *col[NUT_COMPARE_COLS];
	size_t n = 0, rows = 0;
	out_titles[n] = "School";
	col[n++] = &p->counts;
	for (int g = 0; g < NUT_GROUPS; g++) {
		if (!p->group[g].present)
			continue;
		out_titles[n] = p->group[g].title;
		col[n++] = &p->group[g].counts;
	}
	out_titles[n] = "National";
	for (int m = 0; m < SK_MEASURE_COUNT; m++, rows++) {
		out[rows] = (nut_compare_row){NUT_PART_ROLL, sk_measure_key((sk_measure)m),
					      sk_measure_label((sk_measure)m), {{0}}};
		for (size_t c = 0; c < n; c++)
			out[rows].v[c] = sk_profile_pct(col[c], (sk_measure)m);
		out[rows].v[n] = p->fig[m].national_pct;
	}
	for (int i = 0; p->has_need && i < SK_BROAD_COUNT; i++, rows++) {
		out[rows] = (nut_compare_row){NUT_PART_BROAD, p->broad[i].key, p->broad[i].label,
					      {{0}}};
		for (size_t c = 0; c < n; c++)
			out[rows].v[c] = sk_profile_broad_share(col[c], (sk_broad_area)i);
		out[rows].v[n] = p->broad[i].national_share;
	}
	for (int i = 0; p->has_need && i < NUT_NEEDS; i++, rows++) {
		out[rows] = (nut_compare_row){NUT_PART_NEED, p->need[i].key,
					      p->need[i].label, {{0}}};
		for (size_t c = 0; c < n; c++)
			out[rows].v[c] = sk_profile_need_share(col[c], (sk_need)i);
		out[rows].v[n] = p->need[i].national_share;
	}
	*out_rows = rows;
	return n + 1;
}

/* ---- budgets ---- */

static void budgets(nut_profile *p, const sk_strategy *st)
{
	for (int a = 0; a < SK_AREA_COUNT; a++)
		p->area[a].budget = sk_profile_area_budget(&p->area[a].budget_from_costs,
							    &st->areas[a]);
	p->total_budget = sk_profile_total_budget(st);
}

/* ---- the next reviews: the first few dates, a few items each ---- */

static void add_review(nut_profile *p, const sk_profile_due *d)
{
	nut_review *r = p->next_count ? &p->next[p->next_count - 1] : NULL;
	if (!r || sk_date_cmp(r->date, d->date) != 0) {
		if (p->next_count == NUT_REVIEW_DATES)
			return;
		r = &p->next[p->next_count++];
		memset(r, 0, sizeof(*r));
		r->date = d->date;
	}
	const char *what = d->send_review ? "SEND review"
			   : nut_value_set(d->action) ? d->action : "(action not named)";
	if (r->count < NUT_REVIEW_ITEMS)
		r->items[r->count++] = (nut_review_item){d->send_review, d->area, what};
	else
		r->more++;
}

static void next_reviews(nut_profile *p, const sk_strategy *st)
{
	sk_profile_due *due;
	size_t n;
	if (sk_profile_reviews(&due, &n, st, p->as_of) != SK_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		/* The list is in date order: a date not the one before is new. */
		if (!i || sk_date_cmp(due[i - 1].date, due[i].date) != 0)
			p->due_dates++;
		add_review(p, &due[i]);
	}
	sk_profile_reviews_free(due);
}

size_t nut_next_index(const nut_profile *p, const sk_timed *review)
{
	size_t k = 0;
	if (review->when.kind != SK_WHEN_DATE && review->when.kind != SK_WHEN_RANGE)
		return p->next_count;
	while (k < p->next_count && sk_date_cmp(p->next[k].date, review->when.due) != 0)
		k++;
	return k;
}

const char *nut_reviews_shown(char *buf, size_t size, const nut_profile *p)
{
	char d[32];
	nut_date_text(d, sizeof(d), p->as_of);
	if (p->due_dates > p->next_count)
		snprintf(buf, size, "the next %zu of %zu dates from %s", p->next_count,
			 p->due_dates, d);
	else
		snprintf(buf, size, "from %s", d);
	return buf;
}

/* ---- names ---- */

static void slug_append(char *out, size_t size, size_t *n, const char *s)
{
	bool dash = *n > 0 && out[*n - 1] != '-';
	for (const unsigned char *q = (const unsigned char *)s; *q && *n + 2 < size; q++) {
		if (isalnum(*q) && *q < 0x80) {
			if (dash && *n > 0)
				out[(*n)++] = '-';
			dash = false;
			out[(*n)++] = (char)tolower(*q);
		} else if (*q == '\'') {
			continue;
		} else if (*q == 0xE2 && q[1] == 0x80 && (q[2] == 0x98 || q[2] == 0x99)) {
			q += 2;         /* a typographic apostrophe joins, as ' does */
		} else {
			dash = true;
		}
	}
	out[*n] = '\0';
}

static void make_slug(nut_profile *p, const char *file)
{
	size_t n = 0;
	p->slug[0] = '\0';
	if (p->name)
		slug_append(p->slug, sizeof(p->slug), &n, p->name);
	else if (p->urn)
		slug_append(p->slug, sizeof(p->slug), &n, p->urn);
	if (!n) {
		const char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		char stem[128];
		snprintf(stem, sizeof(stem), "%s", base);
		char *dot = strrchr(stem, '.');
		if (dot)
			*dot = '\0';
		slug_append(p->slug, sizeof(p->slug), &n, stem);
	}
	if (!n)
		slug_append(p->slug, sizeof(p->slug), &n, "nutshell");
	if (p->year[0]) {
		slug_append(p->slug, sizeof(p->slug), &n, "-");
		slug_append(p->slug, sizeof(p->slug), &n, p->year);
	}
}

/* The strategy's word, or the census summary's when the strategy is silent. */
static const char *either(const char *mine, const char *census)
{
	return nut_value_set(mine) ? mine : nut_value_set(census) ? census : NULL;
}

static void identity(nut_profile *p, const sk_strategy *st)
{
	/* An undated term's counts are not used, but its names are of no year. */
	const sk_summary_row *r = p->row ? p->row : p->undated;
	p->name = either(st->school.name.s, r ? r->name : NULL);
	p->urn = either(st->school.urn.s, NULL);
	p->la = either(st->school.la.s, r ? r->la : NULL);
	p->hub = either(st->school.hub.s, r ? r->hub : NULL);
}

static bool strategy_has_counts(const sk_strategy *st)
{
	return st->summary.on_roll.present || st->summary.sen_support.present
	       || st->summary.ehcp.present;
}

/* The school's census term of the strategy's own year (its latest, when the
 * summary goes beyond that year). A term of another year takes the place of
 * the strategy's counts only when the strategy gives none; otherwise it is
 * kept aside (p->other), to be shown as what it is. */
static void find_row(nut_profile *p, const sk_summary *census, const sk_strategy *st)
{
	const char *urn = st->school.urn.s;
	sk_date d;
	sk_summary_find_school(&p->row, &p->prev, census, urn);
	if (p->row && !sk_summary_term_date(&d, p->row->term)) {
		p->undated = p->row;
		p->row = p->prev = NULL;
		/* A dated term of the strategy's year may still be there. */
		if (st->year_start)
			sk_summary_find_school_until(&p->row, &p->prev, census, urn,
						     (sk_date){st->year_start + 1, 8, 31});
		if (p->row && (!sk_summary_term_date(&d, p->row->term)
			       || sk_academic_year_of(d) != st->year_start))
			p->row = p->prev = NULL;
		return;
	}
	if (p->row)
		p->set_aside = sk_summary_find_undated(census, urn);
	if (!p->row || !st->year_start)
		return;
	int year = sk_academic_year_of(d);
	if (year == st->year_start)
		return;
	if (year > st->year_start) {
		const sk_summary_row *row, *prev;
		sk_summary_find_school_until(&row, &prev, census, urn,
					     (sk_date){st->year_start + 1, 8, 31});
		if (row && sk_summary_term_date(&d, row->term)
		    && sk_academic_year_of(d) == st->year_start) {
			p->row = row;
			p->prev = prev;
			return;
		}
	}
	if (strategy_has_counts(st)) {
		p->other = p->row;
		p->other_year = year;
		p->row = p->prev = NULL;
	} else {
		p->row_year = year;
	}
}

/* The January census the school's figures are of: the census term's, else
 * the strategy's census date's, else its year's. */
static int census_year_of(const nut_profile *p, const sk_strategy *st)
{
	sk_date d;
	if (p->row && sk_summary_term_date(&d, p->row->term))
		return sk_academic_year_of(d) + 1;
	if (!p->row && st->summary.census.when.kind == SK_WHEN_DATE)
		return sk_academic_year_of(st->summary.census.when.due) + 1;
	return st->year_start ? st->year_start + 1 : 0;
}

/* The strategy's own counts; with `suppress`, withheld as census-summary
 * --suppress withholds a row's (sk_profile_suppress). Should that fail,
 * every count is withheld: none is shown unprotected. */
static void own_counts(nut_profile *p, const sk_strategy *st, unsigned suppress)
{
	sk_profile_counts_from_strategy(&p->counts, st);
	p->suppress = suppress;
	if (!suppress)
		return;
	sk_counts before = p->counts;
	if (sk_profile_suppress(&p->counts, suppress) != SK_OK) {
		const sk_value hidden = {SK_VALUE_SUPPRESSED, 0};
		p->counts.on_roll = hidden;
		for (int m = 0; m < SK_MEASURE_COUNT; m++)
			p->counts.count[m] = p->counts.pct[m] = hidden;
	}
	p->withheld_roll = before.on_roll.state == SK_VALUE_KNOWN
			   && p->counts.on_roll.state == SK_VALUE_SUPPRESSED;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		p->withheld[m] = sk_profile_count(&before, (sk_measure)m).state == SK_VALUE_KNOWN
				 && sk_profile_count(&p->counts, (sk_measure)m).state
				    == SK_VALUE_SUPPRESSED;
}

static bool is_small(sk_value v)
{
	return v.state == SK_VALUE_KNOWN && v.value >= 1 && v.value < NUT_SMALL;
}

/* Whether a set of counts the page shows has a small one. */
static bool counts_small(const sk_counts *c)
{
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		if (is_small(sk_profile_count(c, (sk_measure)m)))
			return true;
	for (int i = 0; c->has_need && i < SK_BROAD_COUNT; i++)
		if (is_small(c->broad[i]))
			return true;
	for (int i = 0; c->has_need && i < SK_NEED_COUNT; i++)
		if (is_small(c->need[i]))
			return true;
	return false;
}

static bool page_small(const nut_profile *p)
{
	bool small = counts_small(&p->counts);
	for (int g = 0; g < NUT_GROUPS && !small; g++)
		small = p->group[g].present && counts_small(&p->group[g].counts);
	return small;
}

void nut_profile_build(nut_profile *p, const sk_strategy *st, const char *file,
		       const sk_summary *census, const char *census_file,
		       const sk_national *national, sk_date as_of, unsigned suppress)
{
	memset(p, 0, sizeof(*p));
	p->st = st;
	p->file = file;
	p->as_of = as_of;
	p->census_file = census_file;
	if (st->year_start)
		snprintf(p->year, sizeof(p->year), "%d-%02d", st->year_start,
			 (st->year_start + 1) % 100);
	if (census)
		find_row(p, census, st);
	p->census_year = census_year_of(p, st);
	identity(p, st);
	if (p->row)
		sk_profile_counts_from_row(&p->counts, p->row);
	else
		own_counts(p, st, suppress);
	figures(p, national);
	need_profile(p, national);
	if (p->row)
		groups(p, census);
	p->shows_small = census && !suppress && page_small(p);
	budgets(p, st);
	next_reviews(p, st);
	make_slug(p, file);
}

/* ---- shared wording ---- */

const char *nut_comparison(sk_value diff)
{
	if (diff.state != SK_VALUE_KNOWN)
		return NULL;
	return diff.value > 0 ? "above national" : diff.value < 0 ? "below national"
	       : "same as national";
}

const char *nut_count_text(char *buf, size_t size, sk_value n)
{
	if (n.state != SK_VALUE_KNOWN)
		return NULL;
	char digits[32];
	uint64_t a = n.value < 0 ? (uint64_t)0 - (uint64_t)n.value : (uint64_t)n.value;
	int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)a);
	size_t k = 0;
	if (n.value < 0 && k + 1 < size)
		buf[k++] = '-';
	for (int i = 0; i < len && k + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

const char *nut_pct_text(char *buf, size_t size, sk_value n, bool sign)
{
	if (n.state != SK_VALUE_KNOWN)
		return NULL;
	sk_pct_format(buf, size, n.value, sign);
	return buf;
}

const char *nut_money_text(char *buf, size_t size, sk_value pence)
{
	if (pence.state != SK_VALUE_KNOWN)
		return NULL;
	sk_money_format(buf, size, pence.value);
	return buf;
}

const char *nut_missing_word(sk_value n)
{
	return n.state == SK_VALUE_SUPPRESSED ? "suppressed"
	       : n.state == SK_VALUE_TOO_LARGE ? "too large" : "missing";
}

const char *nut_total_budget_gap(const nut_profile *p)
{
	static const char too_large[] = "the budgets and costs add up to more than can be "
					"counted; check each amount for a slip";
	if (p->total_budget.state == SK_VALUE_TOO_LARGE)
		return too_large;
	/* A mismatch found because an area's costs cannot be summed is that. */
	for (int a = 0; a < SK_AREA_COUNT; a++)
		if (p->area[a].budget_mismatch && p->area[a].costs.state == SK_VALUE_TOO_LARGE)
			return too_large;
	for (int a = 0; a < SK_AREA_COUNT; a++)
		if (p->area[a].budget_mismatch)
			return "an area's budget and its costs differ";
	return "an area's budget or a cost is missing";
}

const char *nut_item_text(const char *item)
{
	return nut_value_set(item) ? item : NULL;
}

size_t nut_listed(const sk_text_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++)
		n += nut_item_text(l->items[i].s) != NULL;
	return n;
}

const char *nut_date_text(char *buf, size_t size, sk_date d)
{
	static const char *const months[] = {"January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December"};
	if (!sk_date_valid(d))
		return NULL;
	snprintf(buf, size, "%d %s %d", d.day, months[d.month - 1], d.year);
	return buf;
}

/* A day written as one (2024-03-15) at text, not inside a longer run of
 * digits and dashes, into *out; its length, or 0. */
static size_t iso_day_at(sk_date *out, const char *text, const char *at)
{
	char day[11];
	if (at > text && (isdigit((unsigned char)at[-1]) || at[-1] == '-'))
		return 0;
	for (int i = 0; i < 10; i++)
		if (!at[i])
			return 0;
	if (isdigit((unsigned char)at[10]) || at[10] == '-')
		return 0;
	memcpy(day, at, 10);
	day[10] = '\0';
	return sk_date_parse(out, day) == SK_OK && sk_date_valid(*out) ? 10 : 0;
}

/* Only a day written as one (2024-03-15), alone or in a phrase ("by
 * 2024-03-15"), is put in words: "March 2024" or "by end of T3" read as
 * dates too, but say something a day would not. A text too long for buf is
 * given as written. */
const char *nut_timed_text(char *buf, size_t size, const sk_timed *t)
{
	const char *text = t->text.s;
	if (!nut_value_set(text))
		return NULL;
	size_t n = 0;
	bool changed = false;
	for (const char *c = text; *c;) {
		sk_date d;
		char words[32];
		size_t len = iso_day_at(&d, text, c);
		const char *put = len ? nut_date_text(words, sizeof(words), d) : NULL;
		size_t put_len = put ? strlen(put) : 1;
		if (n + put_len >= size)
			return text;
		memcpy(buf + n, put ? put : c, put_len);
		n += put_len;
		c += put ? len : 1;
		changed |= put != NULL;
	}
	buf[n] = '\0';
	return changed ? buf : text;
}

const char *nut_term_text(char *buf, size_t size, const char *term)
{
	sk_date d;
	if (!nut_value_set(term))
		return NULL;
	if (sk_summary_term_name(buf, size, term))
		return buf;
	if (sk_date_parse(&d, term) == SK_OK && nut_date_text(buf, size, d))
		return buf;
	return term;
}

const char *nut_previous_term(char *buf, size_t size, const nut_profile *p)
{
	const char *t = p->prev ? nut_term_text(buf, size, p->prev->term) : NULL;
	return t ? t : "the previous term";
}

/* Why the counts are the strategy's own. */
static const char *no_census(const nut_profile *p)
{
	return p->other ? "no census of this strategy's year was given"
	       : p->undated ? "the census term given names no date, so its year is not known"
	       : p->census_file ? "the school is not in the census figures given"
	       : "no other census figures were given";
}

const char *nut_counts_source(char *buf, size_t size, const nut_profile *p)
{
	char when[NUT_TEXT_MAX];
	if (p->row) {
		const char *term = nut_term_text(when, sizeof(when), p->row->term);
		if (p->row_year)
			snprintf(buf, size, "Counts: %s census, from the %d-%02d school year: no "
				 "census of this strategy's year, %s, was given, and the strategy "
				 "gives no counts of its own.", term, p->row_year,
				 (p->row_year + 1) % 100, p->year);
		else if (term)
			snprintf(buf, size, "Counts: %s census.", term);
		else
			snprintf(buf, size, "Counts: the census figures given.");
		size_t k = strlen(buf);
		if (p->set_aside && k < size)
			snprintf(buf + k, size - k, " A census term that names no date was given "
				 "too: its year is not known, so it is not used.");
	} else if (nut_timed_text(when, sizeof(when), &p->st->summary.census)) {
		snprintf(buf, size, "Counts: the school's own, as at %s (%s).",
			 nut_timed_text(when, sizeof(when), &p->st->summary.census),
			 no_census(p));
	} else {
		snprintf(buf, size, "Counts: the school's own (%s).", no_census(p));
	}
	char which[NUT_TEXT_MAX];
	size_t k = strlen(buf);
	if (nut_counts_differ_text(which, sizeof(which), p) && k < size)
		snprintf(buf + k, size - k, " The strategy's own counts differ from it for %s.", which);
	k = strlen(buf);
	if (!p->row && nut_withheld_text(which, sizeof(which), p) && k < size)
		snprintf(buf + k, size - k, " Withheld as census-summary --suppress %u withholds "
			 "them, being below %u or able to give one that is: %s.", p->suppress,
			 p->suppress, which);
	return buf;
}

const char *nut_counts_differ_text(char *buf, size_t size, const nut_profile *p)
{
	if (!p->row)
		return NULL;
	sk_counts own;
	sk_profile_counts_from_strategy(&own, p->st);
	const char *names[1 + SK_MEASURE_COUNT];
	size_t count = 0;
	if (own.on_roll.state == SK_VALUE_KNOWN && p->counts.on_roll.state == SK_VALUE_KNOWN
	    && own.on_roll.value != p->counts.on_roll.value)
		names[count++] = "pupils on roll";
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		sk_value a = sk_profile_count(&own, (sk_measure)m);
		sk_value b = sk_profile_count(&p->counts, (sk_measure)m);
		if (a.state == SK_VALUE_KNOWN && b.state == SK_VALUE_KNOWN && a.value != b.value)
			names[count++] = sk_measure_label((sk_measure)m);
	}
	if (!count)
		return NULL;
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < count; i++)
		append(buf, size, &n, i == 0 ? "" : i + 1 == count ? " and " : ", ", names[i], "");
	return buf;
}

const char *nut_withheld_text(char *buf, size_t size, const nut_profile *p)
{
	size_t n = 0;
	buf[0] = '\0';
	if (p->withheld_roll)
		append(buf, size, &n, "pupils on roll", "", "");
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		if (p->withheld[m])
			append(buf, size, &n, n ? ", " : "", sk_measure_label((sk_measure)m), "");
	return n ? buf : NULL;
}

const char *nut_small_note(const nut_profile *p)
{
	if (!p->shows_small)
		return NULL;
	return "counts below 5 are shown, which can identify a pupil: for governors and the "
	       "trust only (for parents or a website: census-summary --suppress 5)";
}

const char *nut_other_census_text(char *buf, size_t size, const nut_profile *p)
{
	if (!p->other)
		return NULL;
	char term[64], parts[SK_MEASURE_COUNT + 1][48];
	sk_counts c;
	sk_profile_counts_from_row(&c, p->other);
	const char *n = nut_count_text(parts[0], sizeof(parts[0]), c.on_roll);
	size_t k = (size_t)snprintf(buf, size, "Latest census given: %s, of the %d-%02d school "
				    "year, not this strategy's, so not used in these figures: on roll %s",
				    nut_term_text(term, sizeof(term), p->other->term), p->other_year,
				    (p->other_year + 1) % 100, n ? n : nut_missing_word(c.on_roll));
	for (int m = 0; m < SK_MEASURE_COUNT && k < size; m++) {
		sk_value v = sk_profile_count(&c, (sk_measure)m);
		n = nut_count_text(parts[m + 1], sizeof(parts[m + 1]), v);
		k += (size_t)snprintf(buf + k, size - k, "%s %s %s", m ? "," : ";",
				      sk_measure_label((sk_measure)m), n ? n : nut_missing_word(v));
	}
	return buf;
}

const char *nut_no_need(const nut_profile *p)
{
	if (p->other)
		return "The census figures given are of another school year than this strategy's, "
		       "so there is no profile of need for its year.";
	if (p->undated)
		return "The census term given names no date, so its year is not known and "
		       "there is no profile of need.";
	if (!p->row)
		return p->census_file ? "This school is not in the census figures given, so "
		       "there is no profile of need."
		       : "No census figures were given, so there is no profile of need.";
	return "The census figures given have no counts by need for this school.";
}

const char *nut_change_text(char *buf, size_t size, const nut_profile *p)
{
	if (!p->prev || !size)
		return NULL;
	char a[32], b[32];
	const char *roll = nut_count_text(a, sizeof(a), p->on_roll_change);
	int n = snprintf(buf, size, "on roll %s%s", roll && p->on_roll_change.value > 0 ? "+" : "",
			 roll ? roll : "not known");
	for (int m = 0; m < SK_MEASURE_COUNT && n >= 0 && (size_t)n < size; m++) {
		const nut_figure *f = &p->fig[m];
		const char *c = nut_count_text(a, sizeof(a), f->change);
		const char *pc = nut_pct_text(b, sizeof(b), f->change_pct, true);
		n += snprintf(buf + n, size - (size_t)n, "; %s %s%s%s%s%s",
			      sk_measure_label(f->measure), c && f->change.value > 0 ? "+" : "",
			      c ? c : "not known", pc ? " (" : "", pc ? pc : "", pc ? " pts)" : "");
	}
	return buf;
}


const char *nut_national_note(char *buf, size_t size, const nut_profile *p,
			      const sk_national_entry *used, const char *what)
{
	if (!p->census_year && used)
		snprintf(buf, size, "the school year is not known: compared with the latest "
			 "national %s, January %d", what, used->year);
	else if (p->census_year && used && used->year != p->census_year)
		snprintf(buf, size, "no national %s for January %d (the school's census) are "
			 "available: compared with January %d's, the nearest year", what,
			 p->census_year, used->year);
	else if (p->census_year && !used)
		snprintf(buf, size, "no national %s for January %d (the school's census) are "
			 "available, and the school's are not compared with another year's", what,
			 p->census_year);
	else
		return NULL;
	return buf;
}

/* ---- the whole strategy (--full) ---- */

static void field(nut_action_full *out, const char *label, const char *key, const char *text,
		  const char *why)
{
	out->field[out->count++] = (nut_field){label, key, nut_value_set(text) ? text : NULL, why};
}

void nut_action_full_fill(nut_action_full *out, const sk_strategy_action *a)
{
	static const char *const impact_label[SK_TERMS] = {
		"Impact, term 1", "Impact, term 2", "Impact, term 3",
		"Impact, term 4", "Impact, term 5", "Impact, term 6",
	};
	static const char *const impact_key[SK_TERMS] = {
		"term1", "term2", "term3", "term4", "term5", "term6",
	};
	out->count = 0;
	field(out, "Steps", "steps", a->steps.s, "missing");
	field(out, "Lead", "lead", a->lead.s, "missing");
	field(out, "Timescale", "timescale", nut_timed_text(out->when, sizeof(out->when),
							    &a->timescale), "missing");
	const char *cost = a->cost.text.s;
	if (a->cost.valid) {
		sk_money_format(out->cost, sizeof(out->cost), a->cost.pence);
		cost = out->cost;
	}
	field(out, "Cost", "cost", cost, "missing");
	field(out, "Success criteria", "success", a->success.s, "missing");
	field(out, "Review date", "review_date", nut_timed_text(out->review, sizeof(out->review),
								&a->review_date), "missing");
	field(out, "Review method", "review_method", a->review_method.s, "missing");
	for (int t = 0; t < SK_TERMS; t++)
		if (t == 2 || t == 4 || nut_value_set(a->impact[t].s))
			field(out, impact_label[t], impact_key[t], a->impact[t].s, "not recorded");
}
