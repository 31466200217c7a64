/* Scoring a SEND review (sendkit-review(5)) and checking its ids and links. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/score.h"

/* Points above this make no sense and could overflow the arithmetic. */
#define MAX_POINTS 1000

/* Every statement of a review, sorted by id and then by file order, so that
 * ids resolve by binary search and the first of equal ids is the original. */
typedef struct id_entry {
	const char *id;
	size_t ord;
	const sk_statement *st;
} id_entry;

struct sk_review_index {
	id_entry *v;
	size_t n;
};

static const char *const rating_names[] = {"", "strength", "developing", "priority"};

const char *sk_rating_name(sk_rating r)
{
	return (unsigned)r <= SK_RATING_PRIORITY ? rating_names[r] : "";
}

void sk_score_options_default(sk_score_options *out)
{
	memset(out, 0, sizeof(*out));
	out->points[0] = 2;
	out->points[1] = 1;
	out->points[2] = 0;
	out->strength_pct = 75;
	out->developing_pct = 40;
}

static bool options_valid(const sk_score_options *o)
{
	if (o->developing_pct < 0 || o->strength_pct > 100 || o->developing_pct > o->strength_pct)
		return false;
	return o->points[0] <= MAX_POINTS && o->points[0] >= o->points[1]
	       && o->points[1] >= o->points[2] && o->points[2] >= 0
	       && o->points[0] > o->points[2];
}

static int cmp_entry(const void *a, const void *b)
{
	const id_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static size_t statement_count(const sk_review *r)
{
	size_t n = 0;

	for (int a = 0; a < SK_AREA_COUNT; a++)
		n += r->areas[a].count;
	return n;
}

int sk_review_index_new(sk_review_index **out, const sk_review *r)
{
	size_t n = statement_count(r), ord = 0;
	sk_review_index *ix = malloc(sizeof(*ix));

	*out = NULL;
	if (!ix)
		return SK_ENOMEM;
	ix->n = 0;
	ix->v = malloc((n ? n : 1) * sizeof(*ix->v));
	if (!ix->v) {
		free(ix);
		return SK_ENOMEM;
	}
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		for (size_t i = 0; i < r->areas[a].count; i++, ord++) {
			const sk_statement *st = &r->areas[a].statements[i];

			if (st->id.s)
				ix->v[ix->n++] = (id_entry){st->id.s, ord, st};
		}
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_entry);
	*out = ix;
	return SK_OK;
}

const sk_statement *sk_review_index_find(const sk_review_index *ix, const char *id)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->v[lo].id, id) == 0 ? ix->v[lo].st : NULL;
}

void sk_review_index_free(sk_review_index *ix)
{
	if (ix)
		free(ix->v);
	free(ix);
}

static bool is_self_link(const sk_statement *st, const char *link)
{
	return st->id.s && strcmp(st->id.s, link) == 0;
}

static bool is_blank(const char *s)
{
	if (!s)
		return true;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static void count_action(sk_area_score *sc, const sk_review_action *a, sk_date as_of)
{
	const sk_when *w = &a->due.when;

	sc->actions++;
	if (is_blank(a->owner.s))
		sc->actions_without_owner++;
	if (w->kind == SK_WHEN_NONE)
		sc->actions_without_due++;
	else if ((w->kind == SK_WHEN_DATE || w->kind == SK_WHEN_RANGE)
		 && sk_date_is_set(as_of) && sk_date_cmp(w->due, as_of) < 0)
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

		if (is_self_link(st, link) || !sk_review_index_find(ix, link))
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
	/* Half up: (2 * 1000 * points + max) / (2 * max), in whole numbers. */
	long long num = 2000LL * sc->points + sc->max_points;
	sc->score_tenths = (int)(num / (2LL * sc->max_points));
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

int sk_review_score_compute(sk_review_score *out, const sk_review *review,
			    const sk_score_options *options)
{
	sk_score_options defaults;
	sk_review_index *ix;

	memset(out, 0, sizeof(*out));
	if (!options) {
		sk_score_options_default(&defaults);
		options = &defaults;
	}
	if (!options_valid(options))
		return SK_EINVAL;
	if (sk_review_index_new(&ix, review) != SK_OK)
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

static int check_statement(const sk_review *r, const sk_statement *st,
			   const sk_review_index *ix, sk_diags *diags)
{
	const sk_statement *first = st->id.s ? sk_review_index_find(ix, st->id.s) : NULL;
	int rc = SK_OK;

	if (first && first != st) {
		sk_pos at = st->id.pos.line ? st->id.pos : st->pos;

		rc = sk_diags_add(diags, r->file, at, SK_ERROR, "duplicate-id",
				  "statement id \"%.40s\" is already used at line %u; "
				  "give each statement its own id", st->id.s,
				  first->id.pos.line ? first->id.pos.line : first->pos.line);
	}
	for (size_t i = 0; rc == SK_OK && i < st->links.count; i++) {
		const sk_text *link = &st->links.items[i];

		if (is_self_link(st, link->s))
			rc = sk_diags_add(diags, r->file, link->pos, SK_WARNING, "self-link",
					  "statement \"%.40s\" is linked to itself", link->s);
		else if (!sk_review_index_find(ix, link->s))
			rc = sk_diags_add(diags, r->file, link->pos, SK_ERROR, "broken-link",
					  "link to \"%.40s\", but no statement has that id",
					  link->s);
	}
	return rc;
}

int sk_review_check_links(const sk_review *review, sk_diags *diags)
{
	sk_review_index *ix;
	int rc;

	if (sk_review_index_new(&ix, review) != SK_OK)
		return SK_ENOMEM;
	rc = SK_OK;
	for (int a = 0; rc == SK_OK && a < SK_AREA_COUNT; a++) {
		const sk_review_area *area = &review->areas[a];

		for (size_t i = 0; rc == SK_OK && i < area->count; i++)
			rc = check_statement(review, &area->statements[i], ix, diags);
	}
	sk_review_index_free(ix);
	return rc;
}
