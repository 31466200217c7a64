/* The profile: every figure nutshell shows, computed once from the strategy,
 * the census summary and the national table. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "nutshell.h"

static const nut_num missing = {NUT_MISSING, 0};

static nut_num known(int64_t v)
{
	return (nut_num){NUT_KNOWN, v};
}

static nut_num from_cell(sk_cell c)
{
	if (c.state == SK_CELL_KNOWN)
		return known(c.value);
	return (nut_num){c.state == SK_CELL_SUPPRESSED ? NUT_SUPPRESSED : NUT_MISSING, 0};
}

static nut_num from_count(sk_count c)
{
	return c.present && c.valid && c.value >= 0 ? known(c.value) : missing;
}

/* A sum that does not fit in 64 bits (a slip in an amount, a hostile file)
 * is too large; a part suppressed or missing makes the sum so. */
static nut_num sum2(nut_num a, nut_num b)
{
	int64_t v;
	if (a.state == NUT_KNOWN && b.state == NUT_KNOWN)
		return __builtin_add_overflow(a.value, b.value, &v)
		       ? (nut_num){NUT_TOO_LARGE, 0} : known(v);
	if (a.state == NUT_SUPPRESSED || b.state == NUT_SUPPRESSED)
		return (nut_num){NUT_SUPPRESSED, 0};
	if (a.state == NUT_MISSING || b.state == NUT_MISSING)
		return missing;
	return (nut_num){NUT_TOO_LARGE, 0};
}

static nut_num minus(nut_num a, nut_num b)
{
	int64_t v;
	if (a.state != NUT_KNOWN || b.state != NUT_KNOWN
	    || __builtin_sub_overflow(a.value, b.value, &v))
		return missing;
	return known(v);
}

static nut_num pct_of(nut_num part, nut_num whole)
{
	int64_t t;
	if (part.state != NUT_KNOWN || whole.state != NUT_KNOWN
	    || sk_pct_tenths(&t, part.value, whole.value) != SK_OK)
		return missing;
	return known(t);
}

/* A share as the fraction it came from (count over whole), or, when only the
 * rounded percentage is known, that over 1000; den 0 when not known. */
typedef struct rate {
	int64_t num, den;
} rate;

static rate rate_of(nut_num part, nut_num whole, nut_num pct)
{
	if (part.state == NUT_KNOWN && whole.state == NUT_KNOWN && whole.value > 0)
		return (rate){part.value, whole.value};
	if (pct.state == NUT_KNOWN)
		return (rate){pct.value, 1000};
	return (rate){0, 0};
}

/* x - y in tenths of a point, from the fractions, not the rounded figures. */
static nut_num rate_diff(rate x, rate y)
{
	int64_t t;
	if (!x.den || !y.den || sk_pct_diff_tenths(&t, x.num, x.den, y.num, y.den) != SK_OK)
		return missing;
	return known(t);
}

bool nut_value_set(const char *s)
{
	if (!s)
		return false;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return true;
	return false;
}

/* ---- counts ---- */

static void counts_from_row(nut_profile *p, const sk_summary_row *r)
{
	p->on_roll = from_cell(r->on_roll);
	p->fig[SK_MEASURE_SEN_SUPPORT].count = from_cell(r->sen_support);
	p->fig[SK_MEASURE_EHCP].count = from_cell(r->ehcp);
	p->fig[SK_MEASURE_SEN].count = r->sen.state == SK_CELL_EMPTY
		? sum2(from_cell(r->sen_support), from_cell(r->ehcp)) : from_cell(r->sen);
	sk_cell pcts[] = {r->sen_support_pct, r->ehcp_pct, r->sen_pct};
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		nut_figure *f = &p->fig[m];
		f->pct = pct_of(f->count, p->on_roll);
		/* A suppressed count may still come with its percentage. */
		if (f->pct.state != NUT_KNOWN && pcts[m].state == SK_CELL_KNOWN)
			f->pct = known(pcts[m].value);
	}
}

/* Whether a + b > roll, for counts too big to add (the sum overflows). */
static bool parts_over_roll(nut_num a, nut_num b, nut_num roll)
{
	return a.state == NUT_KNOWN && b.state == NUT_KNOWN && roll.state == NUT_KNOWN
	       && a.value >= 0 && b.value >= 0 && roll.value >= 0
	       && a.value > roll.value - b.value;
}

/* More pupils in a group than on roll cannot be: no percentage, and main says why. */
static void check_over_roll(nut_profile *p)
{
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		nut_figure *f = &p->fig[m];
		f->over_roll = f->count.state == NUT_KNOWN && p->on_roll.state == NUT_KNOWN
			       && f->count.value > p->on_roll.value;
		if (m == SK_MEASURE_SEN && f->count.state != NUT_KNOWN)
			f->over_roll = parts_over_roll(p->fig[SK_MEASURE_SEN_SUPPORT].count,
						       p->fig[SK_MEASURE_EHCP].count, p->on_roll);
		if (f->over_roll)
			f->pct = missing;
	}
}

static void counts_from_strategy(nut_profile *p, const sk_strategy *st)
{
	p->on_roll = from_count(st->summary.on_roll);
	p->fig[SK_MEASURE_SEN_SUPPORT].count = from_count(st->summary.sen_support);
	p->fig[SK_MEASURE_EHCP].count = from_count(st->summary.ehcp);
	p->fig[SK_MEASURE_SEN].count = sum2(p->fig[SK_MEASURE_SEN_SUPPORT].count,
					    p->fig[SK_MEASURE_EHCP].count);
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		p->fig[m].pct = pct_of(p->fig[m].count, p->on_roll);
}

static void change_since(nut_profile *p, const sk_summary_row *prev)
{
	nut_profile before;
	memset(&before, 0, sizeof(before));
	counts_from_row(&before, prev);
	p->on_roll_change = minus(p->on_roll, before.on_roll);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *now = &p->fig[m], *then = &before.fig[m];
		p->fig[m].change = minus(now->count, then->count);
		rate a = rate_of(then->count, before.on_roll, then->pct);
		rate b = rate_of(now->count, p->on_roll, now->pct);
		p->fig[m].change_pct = now->over_roll ? missing : rate_diff(b, a);
	}
}

static void compare_national(nut_profile *p, const sk_national *national)
{
	p->nat = sk_national_pick(national, p->census_year ? p->census_year : INT_MAX, false);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		nut_figure *f = &p->fig[m];
		f->measure = (sk_measure)m;
		int64_t t = p->nat ? sk_national_entry_pct(p->nat, (sk_measure)m) : -1;
		f->national_pct = t >= 0 ? known(t) : missing;
		nut_num count = missing, pupils = missing;
		if (p->nat && sk_national_entry_count(p->nat, (sk_measure)m) >= 0
		    && p->nat->pupils > 0) {
			count = known(sk_national_entry_count(p->nat, (sk_measure)m));
			pupils = known(p->nat->pupils);
		}
		f->diff = f->over_roll ? missing : rate_diff(rate_of(f->count, p->on_roll, f->pct),
							     rate_of(count, pupils, f->national_pct));
	}
}

/* ---- the profile of need ---- */

static void national_shares(nut_profile *p)
{
	const sk_national_entry *e = p->nat_need;
	if (!e)
		return;
	int64_t total = 0, broad[SK_BROAD_COUNT] = {0};
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		int64_t *area = &broad[sk_need_broad_area((sk_need)i)];
		if (__builtin_add_overflow(total, e->need[i], &total)
		    || __builtin_add_overflow(*area, e->need[i], area))
			return;
	}
	for (int i = 0; i < NUT_NEEDS; i++)
		p->need[i].national_share = pct_of(known(e->need[i]), known(total));
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		p->broad[i].national_share = pct_of(known(broad[i]), known(total));
}

static void need_profile(nut_profile *p, const sk_summary_row *r, const sk_national *national)
{
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		p->broad[i].key = sk_broad_area_key((sk_broad_area)i);
		p->broad[i].label = sk_broad_area_label((sk_broad_area)i);
		p->broad[i].count = missing;
		p->broad[i].share = missing;
		p->broad[i].national_share = missing;
	}
	for (int i = 0; i < NUT_NEEDS; i++) {
		p->need[i].key = sk_need_key((sk_need)i);
		p->need[i].label = sk_need_label((sk_need)i);
		p->need[i].count = missing;
		p->need[i].share = missing;
		p->need[i].national_share = missing;
	}
	p->need_total = missing;
	p->nat_need = sk_national_pick(national, p->census_year ? p->census_year : INT_MAX, true);
	national_shares(p);
	if (!r)
		return;
	bool any = false, all = true;
	int64_t sum = 0;
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		any = any || r->need[i].state != SK_CELL_EMPTY;
		all = all && r->need[i].state == SK_CELL_KNOWN;
		if (r->need[i].state == SK_CELL_KNOWN
		    && __builtin_add_overflow(sum, r->need[i].value, &sum))
			all = false;    /* no total can be trusted */
	}
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		any = any || r->broad[i].state != SK_CELL_EMPTY;
	if (!any)
		return;
	p->has_need = true;
	p->need_total = p->fig[SK_MEASURE_SEN].count;
	if (p->need_total.state != NUT_KNOWN && all)
		p->need_total = known(sum);
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		p->broad[i].count = from_cell(r->broad[i]);
		p->broad[i].share = pct_of(p->broad[i].count, p->need_total);
	}
	for (int i = 0; i < NUT_NEEDS; i++) {
		p->need[i].count = from_cell(r->need[i]);
		p->need[i].share = pct_of(p->need[i].count, p->need_total);
	}
}

/* ---- budgets ---- */

static void budgets(nut_profile *p, const sk_strategy *st)
{
	p->total_budget = known(0);
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &st->areas[a];
		nut_area *na = &p->area[a];
		if (area->budget.text.s) {
			na->budget = area->budget.valid ? known(area->budget.pence) : missing;
		} else if (area->present && area->action_count) {
			na->budget = known(0);
			na->budget_from_costs = true;
			for (size_t i = 0; i < area->action_count; i++) {
				const sk_amount *c = &area->actions[i].cost;
				na->budget = c->valid ? sum2(na->budget, known(c->pence)) : missing;
			}
		} else {
			na->budget = missing;
		}
		p->total_budget = sum2(p->total_budget, na->budget);
	}
}

/* ---- the next reviews ---- */

typedef struct candidate {
	sk_date date;
	size_t order;
	nut_review_item item;
} candidate;

static int by_date(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	int c = sk_date_cmp(x->date, y->date);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bool due_on_or_after(sk_date *out, const sk_timed *t, sk_date as_of)
{
	if (t->when.kind != SK_WHEN_DATE && t->when.kind != SK_WHEN_RANGE)
		return false;
	*out = t->when.due;
	return sk_date_valid(*out) && sk_date_cmp(*out, as_of) >= 0;
}

static void add_review(nut_profile *p, const candidate *c)
{
	nut_review *r = p->next_count ? &p->next[p->next_count - 1] : NULL;
	if (!r || sk_date_cmp(r->date, c->date) != 0) {
		if (p->next_count == NUT_REVIEW_DATES)
			return;
		r = &p->next[p->next_count++];
		memset(r, 0, sizeof(*r));
		r->date = c->date;
	}
	if (r->count < NUT_REVIEW_ITEMS)
		r->items[r->count++] = c->item;
	else
		r->more++;
}

static void next_reviews(nut_profile *p, const sk_strategy *st)
{
	size_t n = 1;
	for (int a = 0; a < SK_AREA_COUNT; a++)
		n += st->areas[a].action_count;
	candidate *c = calloc(n, sizeof(*c));
	if (!c)
		return;
	size_t k = 0;
	if (due_on_or_after(&c[k].date, &st->headlines.review_date, p->as_of)) {
		c[k].order = k;
		c[k].item = (nut_review_item){-1, "SEND review"};
		k++;
	}
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &st->areas[a];
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_strategy_action *act = &area->actions[i];
			if (!due_on_or_after(&c[k].date, &act->review_date, p->as_of))
				continue;
			c[k].order = k;
			c[k].item = (nut_review_item){a, nut_value_set(act->action.s)
						      ? act->action.s : "(action not named)"};
			k++;
		}
	}
	qsort(c, k, sizeof(*c), by_date);
	for (size_t i = 0; i < k; i++)
		add_review(p, &c[i]);
	free(c);
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
	const sk_summary_row *r = p->row;
	p->name = either(st->school.name.s, r ? r->name : NULL);
	p->urn = either(st->school.urn.s, NULL);
	p->la = either(st->school.la.s, r ? r->la : NULL);
	p->hub = either(st->school.hub.s, r ? r->hub : NULL);
}

void nut_profile_build(nut_profile *p, const sk_strategy *st, const char *file,
		       const sk_summary *census, const char *census_file,
		       const sk_national *national, sk_date as_of)
{
	memset(p, 0, sizeof(*p));
	p->st = st;
	p->file = file;
	p->as_of = as_of;
	p->census_file = census_file;
	if (st->year_start)
		snprintf(p->year, sizeof(p->year), "%d-%02d", st->year_start,
			 (st->year_start + 1) % 100);
	if (st->year_start)
		p->census_year = st->year_start + 1;
	else if (st->summary.census.when.kind == SK_WHEN_DATE)
		p->census_year = sk_academic_year_of(st->summary.census.when.due) + 1;

	if (census)
		sk_summary_find_school(&p->row, &p->prev, census, st->school.urn.s);
	identity(p, st);
	if (p->row)
		counts_from_row(p, p->row);
	else
		counts_from_strategy(p, st);
	check_over_roll(p);
	p->on_roll_change = missing;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		p->fig[m].change = p->fig[m].change_pct = missing;
	if (p->row && p->prev)
		change_since(p, p->prev);
	compare_national(p, national);
	need_profile(p, p->row, national);
	budgets(p, st);
	next_reviews(p, st);
	make_slug(p, file);
}

/* ---- shared wording ---- */

const char *nut_comparison(nut_num diff)
{
	if (diff.state != NUT_KNOWN)
		return NULL;
	return diff.value > 0 ? "above national" : diff.value < 0 ? "below national"
	       : "same as national";
}

const char *nut_count_text(char *buf, size_t size, nut_num n)
{
	if (n.state != NUT_KNOWN)
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

const char *nut_pct_text(char *buf, size_t size, nut_num n, bool sign)
{
	if (n.state != NUT_KNOWN)
		return NULL;
	sk_pct_format(buf, size, n.value, sign);
	return buf;
}

const char *nut_money_text(char *buf, size_t size, nut_num pence)
{
	if (pence.state != NUT_KNOWN)
		return NULL;
	sk_money_format(buf, size, pence.value);
	return buf;
}

const char *nut_missing_word(nut_num n)
{
	return n.state == NUT_SUPPRESSED ? "suppressed"
	       : n.state == NUT_TOO_LARGE ? "too large" : "missing";
}

const char *nut_total_budget_gap(const nut_profile *p)
{
	if (p->total_budget.state == NUT_TOO_LARGE)
		return "the budgets and costs add up to more than can be counted; "
		       "check each amount for a slip";
	return "an area's budget or a cost is missing";
}

const char *nut_need_short(int need)
{
	static const char *const names[NUT_NEEDS] = {
		"Specific learning difficulty", "Moderate learning difficulty",
		"Severe learning difficulty", "Profound and multiple learning",
		"Speech, language, communication", "Autistic spectrum disorder",
		"Social, emotional, mental health", "Hearing impairment", "Vision impairment",
		"Multi-sensory impairment", "Physical disability", "Other difficulty/disability",
		"No specialist assessment",
	};
	return need >= 0 && need < NUT_NEEDS ? names[need] : "Unknown";
}

size_t nut_listed(const sk_text_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++)
		n += nut_value_set(l->items[i].s);
	return n;
}

const char *nut_previous_term(const nut_profile *p)
{
	return p->prev && nut_value_set(p->prev->term) ? p->prev->term : "the previous term";
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

const char *nut_no_census(const nut_profile *p)
{
	return p->census_file ? "the school is not in the census summary"
	       : "no census summary given";
}

const char *nut_national_note(char *buf, size_t size, const nut_profile *p,
			      const sk_national_entry *used, const char *what)
{
	if (!used || used->year == p->census_year)
		return NULL;
	if (!p->census_year)
		snprintf(buf, size, "the school year is not known: compared with the latest "
			 "national %s, January %d", what, used->year);
	else
		snprintf(buf, size, "no national %s for January %d: compared with January %d",
			 what, p->census_year, used->year);
	return buf;
}
