/* Scoring a SEND review (sendkit-review(5)). */
#include <stdlib.h>
#include <string.h>

#include "review_internal.h"
#include "sendkit/pct.h"
#include "sendkit/score.h"
#include "sendkit/text.h"

/* Points above this make no sense and could overflow the arithmetic. */
#define MAX_POINTS 1000

static const char *const rating_names[] = {"", "strength", "developing", "priority"};

const char *sk_rating_name(sk_rating r)
{
	return (unsigned)r <= SK_RATING_PRIORITY ? rating_names[r] : "";
}

int sk_score_options_init(sk_score_options *out, unsigned version)
{
	static const sk_score_options defaults = SK_SCORE_OPTIONS_INIT;

	if (version != SK_SCORE_OPTIONS_VERSION)
		return SK_EINVAL;
	*out = defaults;
	return SK_OK;
}

static bool options_valid(const sk_score_options *o)
{
	if (o->version != SK_SCORE_OPTIONS_VERSION)
		return false;
	if (o->developing_pct < 0 || o->strength_pct > 100 || o->developing_pct > o->strength_pct)
		return false;
	return o->points[0] <= MAX_POINTS && o->points[0] >= o->points[1]
	       && o->points[1] >= o->points[2] && o->points[2] >= 0
	       && o->points[0] > o->points[2];
}

static void count_action(sk_area_score *sc, const sk_review_action *a, sk_date as_of)
{
	const sk_when *w = &a->due.when;

	sc->actions++;
	if (sk_text_is_blank(a->owner.s))
		sc->actions_without_owner++;
	if (w->kind == SK_WHEN_NONE)
		sc->actions_without_due++;
	else if (sk_review_action_overdue(a, as_of))
		sc->actions_overdue++;
}

static void count_statement(sk_area_score *sc, const sk_statement *st, const sk_review_index *ix,
			    sk_date as_of)
{
	sc->statements++;
	switch (st->judgement) {
	case SK_JUDGE_IN_PLACE: sc->in_place++; break;
	case SK_JUDGE_PARTLY_IN_PLACE: sc->partly_in_place++; break;
	case SK_JUDGE_NOT_IN_PLACE: sc->not_in_place++; break;
	default: break;
	}
	for (size_t i = 0; i < st->action_count; i++)
		count_action(sc, &st->actions[i], as_of);
	for (size_t i = 0; i < st->links.count; i++) {
		const char *link = st->links.items[i].s;

		if (sk_review__link_broken(ix, st, link))
			sc->broken_links++;
	}
}

/* Fills the points, the score and the rating from the counts. */
static void finish(sk_area_score *sc, const sk_score_options *o)
{
	sc->judged = sc->in_place + sc->partly_in_place + sc->not_in_place;
	sc->points = (long)sc->in_place * o->points[0] + (long)sc->partly_in_place * o->points[1]
		     + (long)sc->not_in_place * o->points[2];
	sc->max_points = (long)sc->judged * o->points[0];
	sc->score_tenths = -1;
	sc->rating = SK_RATING_NONE;
	if (sc->max_points <= 0)
		return;
	int64_t tenths;
	if (sk_pct_tenths(&tenths, sc->points, sc->max_points) != SK_OK)
		return;
	sc->score_tenths = (int)tenths;
	/* The bands apply to the score as shown, so 74.96 (75.0) is a strength. */
	if (sc->score_tenths >= o->strength_pct * 10)
		sc->rating = SK_RATING_STRENGTH;
	else if (sc->score_tenths >= o->developing_pct * 10)
		sc->rating = SK_RATING_DEVELOPING;
	else
		sc->rating = SK_RATING_PRIORITY;
}

static void add_counts(sk_area_score *sum, const sk_area_score *a)
{
	sum->statements += a->statements;
	sum->in_place += a->in_place;
	sum->partly_in_place += a->partly_in_place;
	sum->not_in_place += a->not_in_place;
	sum->actions += a->actions;
	sum->actions_without_owner += a->actions_without_owner;
	sum->actions_without_due += a->actions_without_due;
	sum->actions_overdue += a->actions_overdue;
	sum->broken_links += a->broken_links;
}

int sk_score_compute(sk_review_score *out, const sk_review *review,
			    const sk_score_options *options)
{
	static const sk_score_options defaults = SK_SCORE_OPTIONS_INIT;
	sk_review_index *ix;

	memset(out, 0, sizeof(*out));
	if (!options)
		options = &defaults;
	if (!options_valid(options))
		return SK_EINVAL;
	if (!(ix = sk_review_index_new(review)))
		return SK_ENOMEM;
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_review_area *area = &review->areas[a];
		sk_area_score *sc = &out->areas[a];

		sc->present = area->present;
		for (size_t i = 0; i < area->count; i++)
			count_statement(sc, &area->statements[i], ix, options->as_of);
		finish(sc, options);
		add_counts(&out->overall, sc);
	}
	out->overall.present = true;
	finish(&out->overall, options);
	sk_review_index_free(ix);
	return SK_OK;
}
