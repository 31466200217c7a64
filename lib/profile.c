/* The figures of a SEND profile from sets of counts (sendkit/profile.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "census_suppress.h"
#include "sendkit/census.h"
#include "sendkit/pct.h"
#include "sendkit/profile.h"

static const sk_value missing = {SK_VALUE_MISSING, 0};

static sk_value known(int64_t v)
{
	return (sk_value){SK_VALUE_KNOWN, v};
}

static bool is_known(sk_value v)
{
	return v.state == SK_VALUE_KNOWN;
}

/* A count as shown: a negative one cannot be, so it is missing. */
static sk_value usable(sk_value v)
{
	return is_known(v) && v.value < 0 ? missing : v;
}

sk_value sk_profile_add(sk_value a, sk_value b)
{
	int64_t v;

	if (is_known(a) && is_known(b))
		return __builtin_add_overflow(a.value, b.value, &v)
		       ? (sk_value){SK_VALUE_TOO_LARGE, 0} : known(v);
	if (a.state == SK_VALUE_SUPPRESSED || b.state == SK_VALUE_SUPPRESSED)
		return (sk_value){SK_VALUE_SUPPRESSED, 0};
	if (a.state == SK_VALUE_MISSING || b.state == SK_VALUE_MISSING)
		return missing;
	return (sk_value){SK_VALUE_TOO_LARGE, 0};
}

sk_value sk_profile_sub(sk_value a, sk_value b)
{
	int64_t v;

	if (!is_known(a) || !is_known(b) || __builtin_sub_overflow(a.value, b.value, &v))
		return missing;
	return known(v);
}

static sk_value pct_of(sk_value part, sk_value whole)
{
	int64_t t;

	if (!is_known(part) || !is_known(whole) || sk_pct_tenths(&t, part.value, whole.value))
		return missing;
	return known(t);
}

static sk_value from_cell(sk_cell c)
{
	if (c.state == SK_CELL_KNOWN)
		return known(c.value);
	return c.state == SK_CELL_SUPPRESSED ? (sk_value){SK_VALUE_SUPPRESSED, 0} : missing;
}

static sk_value from_count(const sk_count *c)
{
	return c->present && c->valid ? known(c->value) : missing;
}

static sk_value from_national(int64_t v)
{
	return v >= 0 ? known(v) : missing;
}

static void counts_clear(sk_counts *out)
{
	out->on_roll = out->need_total = missing;
	out->has_need = false;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		out->count[m] = out->pct[m] = missing;
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		out->broad[i] = missing;
	for (int i = 0; i < SK_NEED_COUNT; i++)
		out->need[i] = missing;
}

/* ---- filling a set ---- */

void sk_profile_counts_from_row(sk_counts *out, const sk_summary_row *r)
{
	const sk_cell counts[] = {r->sen_support, r->ehcp, r->sen};
	const sk_cell pcts[] = {r->sen_support_pct, r->ehcp_pct, r->sen_pct};
	bool all = true;
	int64_t sum = 0;

	counts_clear(out);
	out->on_roll = from_cell(r->on_roll);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		out->count[m] = from_cell(counts[m]);
		out->pct[m] = from_cell(pcts[m]);
	}
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		out->need[i] = from_cell(r->need[i]);
		out->has_need = out->has_need || r->need[i].state != SK_CELL_EMPTY;
		all = all && r->need[i].state == SK_CELL_KNOWN && r->need[i].value >= 0;
		if (all && __builtin_add_overflow(sum, r->need[i].value, &sum))
			all = false;    /* no total can be trusted */
	}
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		out->broad[i] = from_cell(r->broad[i]);
		out->has_need = out->has_need || r->broad[i].state != SK_CELL_EMPTY;
	}
	if (!out->has_need)
		return;
	out->need_total = sk_profile_count(out, SK_MEASURE_SEN);
	if (!is_known(out->need_total) && all)
		out->need_total = known(sum);
}

void sk_profile_counts_from_strategy(sk_counts *out, const sk_strategy *st)
{
	counts_clear(out);
	out->on_roll = from_count(&st->summary.on_roll);
	out->count[SK_MEASURE_SEN_SUPPORT] = from_count(&st->summary.sen_support);
	out->count[SK_MEASURE_EHCP] = from_count(&st->summary.ehcp);
}

void sk_profile_counts_from_national(sk_counts *out, const sk_national_entry *e)
{
	int64_t total = 0, broad[SK_BROAD_COUNT] = {0};

	counts_clear(out);
	if (!e)
		return;
	if (e->pupils > 0)
		out->on_roll = known(e->pupils);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		out->count[m] = from_national(sk_national_entry_count(e, (sk_measure)m));
		out->pct[m] = from_national(sk_national_entry_pct(e, (sk_measure)m));
	}
	if (!e->has_need)
		return;
	for (int i = 0; i < SK_NEED_COUNT; i++) {
		int64_t *area = &broad[sk_need_broad_area((sk_need)i)];
		if (e->need[i] < 0 || __builtin_add_overflow(total, e->need[i], &total)
		    || __builtin_add_overflow(*area, e->need[i], area))
			return;
	}
	out->has_need = true;
	out->need_total = known(total);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		out->need[i] = known(e->need[i]);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		out->broad[i] = known(broad[i]);
}

/* ---- the figures ---- */

sk_value sk_profile_count(const sk_counts *c, sk_measure m)
{
	if (m == SK_MEASURE_SEN && c->count[m].state == SK_VALUE_MISSING)
		return sk_profile_add(usable(c->count[SK_MEASURE_SEN_SUPPORT]),
				      usable(c->count[SK_MEASURE_EHCP]));
	return usable(c->count[m]);
}

/* part > roll, for known, non-negative values. */
static bool more_than(sk_value part, sk_value roll)
{
	return is_known(part) && is_known(roll) && part.value >= 0 && roll.value >= 0
	       && part.value > roll.value;
}

/* a + b > roll, compared without adding. */
static bool sum_more_than(sk_value a, sk_value b, sk_value roll)
{
	return is_known(a) && is_known(b) && is_known(roll) && a.value >= 0 && b.value >= 0
	       && roll.value >= 0 && a.value > roll.value - b.value;
}

bool sk_profile_over_roll(const sk_counts *c, sk_measure m)
{
	if (m == SK_MEASURE_SEN && c->count[m].state == SK_VALUE_MISSING)
		return sum_more_than(c->count[SK_MEASURE_SEN_SUPPORT],
				     c->count[SK_MEASURE_EHCP], c->on_roll);
	return more_than(c->count[m], c->on_roll);
}

sk_value sk_profile_pct(const sk_counts *c, sk_measure m)
{
	if (sk_profile_over_roll(c, m))
		return missing;
	sk_value p = pct_of(sk_profile_count(c, m), usable(c->on_roll));
	return is_known(p) ? p : c->pct[m];
}

/* A share as the fraction it came from (count over roll), or, when only the
 * rounded percentage is known, that over 1000; den 0 when not known. */
typedef struct rate {
	int64_t num, den;
} rate;

static rate rate_of(const sk_counts *c, sk_measure m)
{
	sk_value part = sk_profile_count(c, m), roll = usable(c->on_roll);
	sk_value pct;

	if (is_known(part) && is_known(roll) && roll.value > 0)
		return (rate){part.value, roll.value};
	pct = sk_profile_pct(c, m);
	return is_known(pct) ? (rate){pct.value, 1000} : (rate){0, 0};
}

sk_value sk_profile_pct_diff(const sk_counts *a, const sk_counts *b, sk_measure m)
{
	rate x, y;
	int64_t t;

	if (sk_profile_over_roll(a, m) || sk_profile_over_roll(b, m))
		return missing;
	x = rate_of(a, m);
	y = rate_of(b, m);
	if (!x.den || !y.den || sk_pct_diff_tenths(&t, x.num, x.den, y.num, y.den) != SK_OK)
		return missing;
	return known(t);
}

/* The known values of v[n] add up to more than whole (compared as they are
 * added, so that huge counts cannot overflow); *sum is their sum so far. */
static bool parts_over(const sk_value *v, size_t n, sk_value whole, int64_t *sum)
{
	*sum = 0;
	if (!is_known(whole) || whole.value < 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_known(v[i]) || v[i].value < 0)
			continue;
		if (v[i].value > whole.value - *sum)
			return true;
		*sum += v[i].value;
	}
	return false;
}

/* Shares of a profile whose parts add up to more than its pupils with SEN
 * (a hand-edited summary) would pass 100%: none is shown. */
static bool need_over(const sk_counts *c)
{
	int64_t sum;
	return parts_over(c->need, SK_NEED_COUNT, c->need_total, &sum) ||
	       parts_over(c->broad, SK_BROAD_COUNT, c->need_total, &sum);
}

sk_value sk_profile_need_share(const sk_counts *c, sk_need need)
{
	if (!c->has_need || need < 0 || need >= SK_NEED_COUNT || need_over(c))
		return missing;
	return pct_of(usable(c->need[need]), c->need_total);
}

sk_value sk_profile_broad_share(const sk_counts *c, sk_broad_area area)
{
	if (!c->has_need || area < 0 || area >= SK_BROAD_COUNT || need_over(c))
		return missing;
	return pct_of(usable(c->broad[area]), c->need_total);
}

/* ---- counts that cannot be ---- */

static const char *const groups[SK_MEASURE_COUNT] = {
	"on SEN support", "with an EHC plan", "with SEN"
};

static int add(sk_diags *diags, const char *file, sk_pos pos, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int add(sk_diags *diags, const char *file, sk_pos pos, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sk_diags_vadd(diags, file, pos, SK_ERROR, "impossible-count", fmt, ap);
	va_end(ap);
	return rc;
}

static int check_sign(const char *key, sk_value v, sk_pos pos, const sk_profile_where *w,
		      sk_diags *diags)
{
	if (!is_known(v) || v.value >= 0)
		return SK_OK;
	return add(diags, w->file, pos, "\"%s\" cannot be negative (%" PRId64 ")", key, v.value);
}

int sk_profile_check(const sk_counts *c, const sk_profile_where *w, sk_diags *diags)
{
	sk_value roll = c->on_roll, sup = c->count[SK_MEASURE_SEN_SUPPORT];
	sk_value ehcp = c->count[SK_MEASURE_EHCP];
	bool over = false;
	int rc = check_sign("on_roll", roll, w->on_roll, w, diags);

	for (int m = 0; m < SK_MEASURE_COUNT && rc == SK_OK; m++)
		rc = check_sign(sk_measure_key((sk_measure)m), c->count[m], w->count[m], w, diags);
	for (int m = 0; m < SK_MEASURE_COUNT && rc == SK_OK; m++) {
		/* All SEN is looked at only when SEN support and EHC plans are not. */
		if (!more_than(c->count[m], roll) || (m == SK_MEASURE_SEN && over))
			continue;
		over = true;
		rc = add(diags, w->file, w->count[m], "%" PRId64 " pupil%s %s is more than the %"
			 PRId64 " on roll; are two figures in each other's places?",
			 c->count[m].value, c->count[m].value == 1 ? "" : "s", groups[m], roll.value);
	}
	/* Compared without adding: the sum of two huge counts would overflow. */
	if (rc == SK_OK && !over && c->count[SK_MEASURE_SEN].state == SK_VALUE_MISSING
	    && sum_more_than(sup, ehcp, roll))
		rc = add(diags, w->file, w->on_roll, "%" PRId64 " on SEN support and %" PRId64
			 " with an EHC plan make %" PRIu64 ", more than the %" PRId64 " on roll",
			 sup.value, ehcp.value, (uint64_t)sup.value + (uint64_t)ehcp.value,
			 roll.value);
	sk_value sen = c->count[SK_MEASURE_SEN];
	if (rc == SK_OK && is_known(sen) && is_known(sup) && is_known(ehcp) && sen.value >= 0
	    && sup.value >= 0 && ehcp.value >= 0 && sup.value <= INT64_MAX - ehcp.value
	    && sup.value + ehcp.value != sen.value)
		rc = add(diags, w->file, w->count[SK_MEASURE_SEN], "%" PRId64 " on SEN support and %"
			 PRId64 " with an EHC plan make %" PRId64 ", not the %" PRId64 " with SEN",
			 sup.value, ehcp.value, sup.value + ehcp.value, sen.value);
	if (rc == SK_OK && c->has_need && need_over(c))
		rc = add(diags, w->file, w->count[SK_MEASURE_SEN], "the profile of need counts "
			 "more pupils than the %" PRId64 " with SEN; its shares are not shown",
			 c->need_total.value);
	return rc;
}

/* ---- budgets ---- */

sk_value sk_profile_area_budget(bool *out_from_costs, const sk_strategy_area *area)
{
	sk_value sum = known(0);

	*out_from_costs = false;
	if (area->budget.text.s)
		return area->budget.valid ? known(area->budget.pence) : missing;
	if (!area->present || !area->action_count)
		return missing;
	*out_from_costs = true;
	for (size_t i = 0; i < area->action_count; i++) {
		const sk_amount *cost = &area->actions[i].cost;
		sum = cost->valid ? sk_profile_add(sum, known(cost->pence)) : missing;
	}
	return sum;
}

sk_value sk_profile_total_budget(const sk_strategy *st)
{
	sk_value total = known(0);
	bool from_costs;

	for (int a = 0; a < SK_AREA_COUNT; a++)
		total = sk_profile_add(total, sk_profile_area_budget(&from_costs, &st->areas[a]));
	return total;
}

/* ---- the next reviews ---- */

typedef struct candidate {
	sk_profile_due due;
	size_t order;
} candidate;

static int by_date(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	int c = sk_date_cmp(x->due.date, y->due.date);

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

int sk_profile_reviews(sk_profile_due **out, size_t *out_count, const sk_strategy *st,
		       sk_date as_of)
{
	size_t n = 1, k = 0;
	candidate *c;

	*out = NULL;
	*out_count = 0;
	for (int a = 0; a < SK_AREA_COUNT; a++)
		n += st->areas[a].action_count;
	c = calloc(n, sizeof(*c));
	if (!c)
		return SK_ENOMEM;
	if (due_on_or_after(&c[k].due.date, &st->headlines.review_date, as_of)) {
		c[k] = (candidate){{c[k].due.date, true, SK_AREA_LEADERSHIP, NULL}, k};
		k++;
	}
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &st->areas[a];
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_strategy_action *act = &area->actions[i];
			if (!due_on_or_after(&c[k].due.date, &act->review_date, as_of))
				continue;
			c[k] = (candidate){{c[k].due.date, false, (sk_area)a, act->action.s}, k};
			k++;
		}
	}
	qsort(c, k, sizeof(*c), by_date);
	sk_profile_due *list = k ? calloc(k, sizeof(*list)) : NULL;
	if (k && !list) {
		free(c);
		return SK_ENOMEM;
	}
	for (size_t i = 0; i < k; i++)
		list[i] = c[i].due;
	free(c);
	*out = list;
	*out_count = k;
	return SK_OK;
}

void sk_profile_reviews_free(sk_profile_due *list)
{
	free(list);
}

/* ---- withholding small counts ---- */

/* Where each count of a set is in the audit. */
enum { W_ROLL, W_MEASURE, W_TOTAL = W_MEASURE + SK_MEASURE_COUNT, W_BROAD,
       W_NEED = W_BROAD + SK_BROAD_COUNT, W_COUNT = W_NEED + SK_NEED_COUNT };

/* A row's relations, as census-summary's audit knows them (census_table.c). */
static int relations(sk_sdc *s, const size_t id[W_COUNT])
{
	int rc = sk_sdc__need_relations(s, id[W_MEASURE + SK_MEASURE_SEN],
					id[W_MEASURE + SK_MEASURE_SEN_SUPPORT],
					id[W_MEASURE + SK_MEASURE_EHCP], &id[W_NEED], &id[W_BROAD]);
	if (rc == SK_OK)
		rc = sk_sdc__sum_known(s, id[W_TOTAL], &id[W_BROAD], SK_BROAD_COUNT);
	for (int w = W_MEASURE; w < W_COUNT && rc == SK_OK && id[W_ROLL] != SIZE_MAX; w++)
		if (id[w] != SIZE_MAX)
			rc = sk_sdc__at_most(s, id[w], id[W_ROLL]);
	return rc;
}

int sk_profile_suppress(sk_counts *c, unsigned threshold)
{
	if (threshold < SK_CENSUS_SUPPRESS_MIN)
		return SK_EINVAL;
	sk_value *v[W_COUNT];
	sk_value sen = sk_profile_count(c, SK_MEASURE_SEN);
	size_t id[W_COUNT];
	v[W_ROLL] = &c->on_roll;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		v[W_MEASURE + m] = m == SK_MEASURE_SEN ? &sen : &c->count[m];
	v[W_TOTAL] = c->has_need ? &c->need_total : NULL;
	for (int a = 0; a < SK_BROAD_COUNT; a++)
		v[W_BROAD + a] = c->has_need ? &c->broad[a] : NULL;
	for (int k = 0; k < SK_NEED_COUNT; k++)
		v[W_NEED + k] = c->has_need ? &c->need[k] : NULL;
	sk_sdc *s = sk_sdc__new(threshold);
	int rc = s ? SK_OK : SK_ENOMEM;
	for (int w = 0; w < W_COUNT && rc == SK_OK; w++) {
		id[w] = SIZE_MAX;
		if (!v[w] || !is_known(*v[w]) || v[w]->value < 0)
			continue;
		bool small = v[w]->value >= 1 && v[w]->value < (int64_t)threshold;
		/* The page's order, never a value, picks the complements. */
		id[w] = sk_sdc__cell(s, v[w]->value, small ? SK_SDC_SUPPRESSED : SK_SDC_SHOWN,
				     (uint64_t)w, 0);
		rc = id[w] == SIZE_MAX ? SK_ENOMEM : SK_OK;
	}
	if (rc == SK_OK)
		rc = relations(s, id);
	if (rc == SK_OK)
		rc = sk_sdc__protect(s);
	const sk_value hidden = {SK_VALUE_SUPPRESSED, 0};
	for (int w = 0; w < W_COUNT && rc == SK_OK; w++)
		if (id[w] != SIZE_MAX && sk_sdc__state(s, id[w]) == SK_SDC_SUPPRESSED)
			*v[w] = hidden;
	sk_sdc__free(s);
	if (rc != SK_OK)
		return rc;
	/* All SEN as the audit left it, though the parts it is the sum of are withheld. */
	c->count[SK_MEASURE_SEN] = sen;
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		if (c->count[m].state == SK_VALUE_SUPPRESSED || c->on_roll.state == SK_VALUE_SUPPRESSED)
			c->pct[m] = hidden;
	if (c->has_need && sen.state == SK_VALUE_SUPPRESSED)
		c->need_total = hidden;
	return SK_OK;
}
