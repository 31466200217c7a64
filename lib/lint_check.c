/* action-lint's semantic checks over decoded strategies and reviews: what
 * the decoders cannot see from one key at a time (sendkit/lint.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "lint_internal.h"
#include "sendkit/money.h"
#include "sendkit/profile.h"
#include "sendkit/score.h"

/* A term alone ("T3") in a file whose year is unknown is still a term. */
#define PROBE_YEAR 2000

typedef struct check {
	sk_diags *diags;
	const char *file;
	sk_date as_of;
	int year_start;        /* 0 when unknown */
	int rc;
} check;

static void report(check *c, sk_pos pos, sk_severity severity, const char *rule,
		   const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

static void report(check *c, sk_pos pos, sk_severity severity, const char *rule,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sk_diags_vadd(c->diags, c->file, pos, severity, rule, fmt, ap) != SK_OK)
		c->rc = SK_ENOMEM;
	va_end(ap);
}

static void check_init(check *c, sk_diags *diags, const char *file,
		       const sk_lint_options *options, int year_start)
{
	memset(c, 0, sizeof(*c));
	c->diags = diags;
	c->file = file ? file : "";
	if (options)
		c->as_of = options->as_of;
	c->year_start = year_start;
}

static void check_urn(check *c, const sk_text *urn)
{
	size_t n = 0;
	char inner[16];

	if (!urn->s)
		return;
	while (urn->s[n] >= '0' && urn->s[n] <= '9')
		n++;
	if (sk_decode__uncurl(inner, sizeof(inner), urn->s) && strlen(inner) == 6
	    && strspn(inner, "0123456789") == 6)
		report(c, urn->pos, SK_ERROR, "bad-urn", "URN \"%s\" " SK_DECODE__CURLY, urn->s,
		       sk_decode__curly_quotes(urn->s), inner);
	else if (n != 6 || urn->s[n])
		report(c, urn->pos, SK_ERROR, "bad-urn",
		       "URN \"%.20s\" should be six digits, as on Get Information about Schools",
		       urn->s);
}

static bool has_date(const sk_when *w)
{
	return (w->kind == SK_WHEN_DATE || w->kind == SK_WHEN_RANGE) && sk_date_is_set(w->due);
}

/* Reports `d`, read from `t`, when it is outside the file's academic year. */
static bool outside_year(check *c, const sk_timed *t, sk_date d, const char *what)
{
	char iso[11];

	if (!c->year_start || !sk_date_is_set(d) || sk_academic_year_of(d) == c->year_start)
		return false;
	sk_date_format(iso, d);
	if (strcmp(iso, t->text.s) == 0)
		report(c, t->text.pos, SK_ERROR, "date-outside-year",
		       "the %s %s falls outside the academic year %d-%d", what, iso,
		       c->year_start, c->year_start + 1);
	else
		report(c, t->text.pos, SK_ERROR, "date-outside-year",
		       "the %s \"%.40s\" (%s) falls outside the academic year %d-%d", what,
		       t->text.s, iso, c->year_start, c->year_start + 1);
	return true;
}

/* A census date: of the strategy's year, or, for a strategy written before
 * its January census (in the autumn), of the year before (the latest census
 * taken); never after --as-of, when it has not been taken. */
static void check_census_date(check *c, const sk_timed *t, sk_date d)
{
	char iso[11], today[11];

	if (c->year_start && sk_date_is_set(d) && sk_academic_year_of(d) != c->year_start
	    && sk_academic_year_of(d) != c->year_start - 1) {
		char shown[64];
		sk_date_format(iso, d);
		if (strcmp(iso, t->text.s) == 0)
			snprintf(shown, sizeof(shown), "%s", iso);
		else
			snprintf(shown, sizeof(shown), "\"%.40s\" (%s)", t->text.s, iso);
		report(c, t->text.pos, SK_ERROR, "date-outside-year",
		       "the census date %s is of neither the academic year %d-%d nor the year "
		       "before: give the date of the January %d census, or, until it is taken, "
		       "the January %d census's counts and date", shown, c->year_start,
		       c->year_start + 1, c->year_start + 1, c->year_start);
		return;
	}
	if (sk_date_is_set(c->as_of) && sk_date_is_set(d) && sk_date_cmp(d, c->as_of) > 0) {
		sk_date_format(iso, d);
		sk_date_format(today, c->as_of);
		report(c, t->text.pos, SK_WARNING, "census-not-taken",
		       "the census date %s is after %s: that census has not been taken, so its "
		       "counts cannot be known yet; give the latest census's counts and date, and "
		       "update them when the new one is taken", iso, today);
	}
}

static void check_summary(check *c, const sk_strategy *s)
{
	const sk_count *roll = &s->summary.on_roll;
	sk_profile_where where = {c->file, roll->pos, {s->summary.sen_support.pos,
						       s->summary.ehcp.pos, roll->pos}};
	sk_counts counts;

	if (!s->summary.present)
		return;
	if (has_date(&s->summary.census.when))
		check_census_date(c, &s->summary.census, s->summary.census.when.due);
	sk_profile_counts_from_strategy(&counts, s);
	if (sk_profile_check(&counts, &where, c->diags) != SK_OK)
		c->rc = SK_ENOMEM;
}

static void check_headline_list(check *c, const sk_text_list *l, sk_pos at, const char *what)
{
	if (l->count == 3)
		return;
	if (l->count == 0)
		report(c, l->present ? l->pos : at, SK_WARNING, "headline-count",
		       "the headlines have no %s; the template has three", what);
	else
		/* "1 strength", "2 strengths": every `what` is a plural in -s. */
		report(c, l->present ? l->pos : at, SK_WARNING, "headline-count",
		       "the headlines have %zu %.*s; the template has three", l->count,
		       (int)strlen(what) - (l->count == 1), what);
}

static void check_headlines(check *c, const sk_strategy *s)
{
	if (!s->headlines.present) {
		report(c, (sk_pos){0, 0}, SK_WARNING, "headline-count",
		       "no \"headlines\": the review's three key strengths and three "
		       "recommendations are expected");
		return;
	}
	check_headline_list(c, &s->headlines.strengths, s->headlines.pos, "strengths");
	check_headline_list(c, &s->headlines.recommendations, s->headlines.pos,
			    "recommendations");
}

static void check_timescale(check *c, const sk_timed *t)
{
	sk_when w;

	if (!t->text.s)
		return;
	if (t->when.kind == SK_WHEN_NONE) {
		/* Free text, unless it was an impossible date (bad-date already). */
		if (sk_when_parse(&w, t->text.s, c->year_start ? c->year_start : PROBE_YEAR)
		    == SK_EINVAL)
			report(c, t->text.pos, SK_WARNING, "vague-timescale",
			       "no date can be read from the timescale \"%.60s\"; write a date, "
			       "a term or a recurring word, such as \"by end of T3\", "
			       "\"March 2024\" or \"termly\"", t->text.s);
		return;
	}
	if (!has_date(&t->when))
		return;
	if (!outside_year(c, t, t->when.due, "timescale") && t->when.kind == SK_WHEN_RANGE)
		outside_year(c, t, t->when.start, "start of the timescale");
}

/* The trust template's impact column for a review in `term`: term3 for a
 * review in terms 1 to 3, term5 after (the template has only these two). */
static int template_term(int term)
{
	return term <= 3 ? 3 : 5;
}

static void check_impact(check *c, const sk_strategy_action *a)
{
	sk_date due = a->review_date.when.due;
	char iso[11];
	int term, want;

	if (!has_date(&a->review_date.when))
		return;
	if (outside_year(c, &a->review_date, due, "review date"))
		return;
	if (!sk_date_is_set(c->as_of) || sk_date_cmp(due, c->as_of) >= 0)
		return;
	term = sk_term_of(due);
	if (term < 1 || term > SK_TERMS)
		return;
	want = template_term(term);
	/* Impact written in the review's own term counts as well as the template's. */
	for (int k = term < want ? term : want; k <= (term > want ? term : want); k++)
		if (a->impact[k - 1].s)
			return;
	sk_date_format(iso, due);
	const sk_text *impact = &a->impact[want - 1];
	if (impact->pos.line)     /* the key is there, empty (as the template gives it) */
		report(c, impact->pos, SK_WARNING, "impact-missing",
		       "the review date %s has passed and \"term%d\" under \"impact\" is empty; "
		       "fill in the impact seen by then", iso, want);
	else
		report(c, a->review_date.text.pos, SK_WARNING, "impact-missing",
		       "the review date %s has passed and no impact is recorded for it; "
		       "add \"term%d\" under \"impact\"", iso, want);
}

static void check_budget(check *c, const sk_strategy_area *area)
{
	char budget[32], sum[32];
	int64_t total = 0;

	if (!area->budget.text.s || !area->budget.valid)
		return;
	for (size_t i = 0; i < area->action_count; i++) {
		if (!area->actions[i].cost.valid)
			return;
		int64_t p = area->actions[i].cost.pence;

		/* Costs may be negative (refunds), so both ends can overflow. */
		if ((p > 0 && total > INT64_MAX - p) || (p < 0 && total < INT64_MIN - p)) {
			report(c, area->budget.text.pos, SK_ERROR, "budget-mismatch",
			       "the sum of this area's costs is beyond what sendkit can count: "
			       "check each cost");
			return;
		}
		total += p;
	}
	if (total == area->budget.pence)
		return;
	sk_money_format(budget, sizeof(budget), area->budget.pence);
	sk_money_format(sum, sizeof(sum), total);
	report(c, area->budget.text.pos, SK_ERROR, "budget-mismatch",
	       "the budget, %s, is not the sum of this area's costs, %s", budget, sum);
}

static void check_area_lists(check *c, const sk_strategy_area *area, const char *key)
{
	if (!area->strengths.present && !area->recommendations.present
	    && !area->actions_present) {
		report(c, area->pos, SK_ERROR, "empty-area",
		       "the area \"%s\" is empty; give its strengths, recommendations and actions",
		       key);
		return;
	}
	if (area->strengths.count == 0)
		report(c, area->strengths.present ? area->strengths.pos : area->pos, SK_ERROR,
		       "empty-area", "the area \"%s\" has no strengths; give at least one", key);
	if (area->recommendations.count == 0)
		report(c, area->recommendations.present ? area->recommendations.pos : area->pos,
		       SK_ERROR, "empty-area",
		       "the area \"%s\" has no recommendations; give at least one", key);
	if (area->action_count == 0)
		report(c, area->actions_present ? area->actions_pos : area->pos, SK_ERROR,
		       "empty-area", "the area \"%s\" has no actions; give at least one", key);
}

static void check_area(check *c, const sk_strategy_area *area, sk_area which)
{
	if (!area->present)
		return;
	check_area_lists(c, area, sk_area_key(which));
	for (size_t i = 0; i < area->action_count; i++) {
		check_timescale(c, &area->actions[i].timescale);
		check_impact(c, &area->actions[i]);
	}
	check_budget(c, area);
}

int sk_lint_options_init(sk_lint_options *out, unsigned version)
{
	static const sk_lint_options defaults = SK_LINT_OPTIONS_INIT;

	if (version != SK_LINT_OPTIONS_VERSION)
		return SK_EINVAL;
	*out = defaults;
	return SK_OK;
}

bool sk_lint__options_known(const sk_lint_options *options)
{
	return !options || options->version == SK_LINT_OPTIONS_VERSION;
}

int sk_lint_strategy(const sk_strategy *strategy, const sk_lint_options *options,
		     sk_diags *diags)
{
	check c;

	if (!sk_lint__options_known(options))
		return SK_EINVAL;
	check_init(&c, diags, strategy->file, options, strategy->year_start);
	check_urn(&c, &strategy->school.urn);
	check_summary(&c, strategy);
	check_headlines(&c, strategy);
	for (int i = 0; i < SK_AREA_COUNT; i++)
		check_area(&c, &strategy->areas[i], (sk_area)i);
	return c.rc;
}

static void check_overdue(check *c, const sk_review_action *a)
{
	char due[11], as_of[11];

	if (!sk_date_is_set(c->as_of) || !has_date(&a->due.when)
	    || sk_date_cmp(a->due.when.due, c->as_of) >= 0)
		return;
	sk_date_format(due, a->due.when.due);
	sk_date_format(as_of, c->as_of);
	if (strcmp(due, a->due.text.s) == 0)
		report(c, a->due.text.pos, SK_WARNING, "overdue-action",
		       "this action was due by %s and is overdue as of %s", due, as_of);
	else
		report(c, a->due.text.pos, SK_WARNING, "overdue-action",
		       "this action was due by %s (\"%.40s\") and is overdue as of %s",
		       due, a->due.text.s, as_of);
}

int sk_lint_review(const sk_review *review, const sk_lint_options *options, sk_diags *diags)
{
	check c;
	int rc;

	if (!sk_lint__options_known(options))
		return SK_EINVAL;
	check_init(&c, diags, review->file, options, review->year_start);
	check_urn(&c, &review->school_urn);
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		const sk_review_area *area = &review->areas[i];

		for (size_t j = 0; j < area->count; j++)
			for (size_t k = 0; k < area->statements[j].action_count; k++)
				check_overdue(&c, &area->statements[j].actions[k]);
	}
	rc = sk_review_check_links(review, diags);
	return c.rc != SK_OK ? c.rc : rc;
}
