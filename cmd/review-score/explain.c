/* The --explain and --priorities reports: plain text for people. */
#include <stdlib.h>
#include <string.h>

#include "review-score.h"
#include "cli.h"

const char *rs_pct(char buf[16], int tenths)
{
	if (tenths < 0)
		buf[0] = '\0';
	else
		sk_pct_format(buf, 16, tenths, false);
	return buf;
}

static int points_of(const sk_score_options *o, sk_judgement j)
{
	switch (j) {
	case SK_JUDGE_IN_PLACE: return o->points[0];
	case SK_JUDGE_PARTLY_IN_PLACE: return o->points[1];
	case SK_JUDGE_NOT_IN_PLACE: return o->points[2];
	default: return -1;
	}
}

/* The band a rating stands for: "40% to under 75%". */
static void put_band(FILE *out, sk_rating r, const sk_score_options *o)
{
	switch (r) {
	case SK_RATING_STRENGTH:
		cli_printf(out, "%d%% and above", o->strength_pct);
		break;
	case SK_RATING_DEVELOPING:
		cli_printf(out, "%d%% to under %d%%", o->developing_pct, o->strength_pct);
		break;
	case SK_RATING_PRIORITY:
		cli_printf(out, "under %d%%", o->developing_pct);
		break;
	default:
		break;
	}
}

static void put_header(FILE *out, const rs_scored *s)
{
	const sk_review *r = s->review;
	const sk_score_options *o = s->options;
	const char *of = r->of_trust.s ? r->of_trust.s : r->school_name.s;
	char as_of[11];

	cli_printf(out, "%s: %s", s->name, r->title.s ? r->title.s : "SEND review");
	if (of)
		cli_printf(out, " of %s", of);
	if (!r->of_trust.s && r->school_urn.s)
		cli_printf(out, " (URN %s)", r->school_urn.s);
	if (r->date.text.s)
		cli_printf(out, ", %s", r->date.text.s);
	cli_printf(out, "\nPoints: in_place %d, partly_in_place %d, not_in_place %d; "
		"not_judged statements are left out.\nRatings: strength ",
		o->points[0], o->points[1], o->points[2]);
	put_band(out, SK_RATING_STRENGTH, o);
	fputs(", developing ", out);
	put_band(out, SK_RATING_DEVELOPING, o);
	fputs(", priority ", out);
	put_band(out, SK_RATING_PRIORITY, o);
	sk_date_format(as_of, o->as_of);
	cli_printf(out, ".\nActions due before %s are overdue.\n", as_of);
}

static void put_due(FILE *out, const char *state, const sk_timed *due)
{
	char d[11];

	sk_date_format(d, due->when.due);
	cli_printf(out, "%s %s", state, d);
	if (due->text.s && strcmp(due->text.s, d) != 0)
		cli_printf(out, " (%s)", due->text.s);
}

/* "action line 14: overdue, due 2020-07-31 (T6 2020), owner Trust" */
static void put_action(FILE *out, const sk_review_action *a, sk_date as_of)
{
	const sk_timed *due = &a->due;
	const char *owner = a->owner.s;

	cli_printf(out, "        action line %u: ", a->pos.line);
	switch (due->when.kind) {
	case SK_WHEN_DATE:
	case SK_WHEN_RANGE:
		if (sk_review_action_overdue(a, as_of))
			put_due(out, "overdue, due", due);
		else
			put_due(out, "due", due);
		break;
	case SK_WHEN_RECURRING:
		cli_printf(out, "recurring (%s)", due->text.s ? due->text.s : due->when.recurring);
		break;
	default:
		fputs("no due date", out);
		if (due->text.s)
			cli_printf(out, " (\"%s\")", due->text.s);
	}
	while (owner && (*owner == ' ' || *owner == '\t'))
		owner++;
	if (owner && *owner)
		cli_printf(out, ", owner %s\n", owner);
	else
		fputs(", no owner\n", out);
}

static void put_links(FILE *out, const sk_review_index *ix, const sk_statement *st)
{
	const sk_statement *first = st->id.s ? sk_review_index_find(ix, st->id.s) : NULL;

	if (first && first != st)
		cli_printf(out, "        id line %u: \"%s\" is also the id at line %u\n",
			st->id.pos.line, st->id.s, first->id.pos.line);
	for (size_t i = 0; i < st->links.count; i++) {
		const sk_text *l = &st->links.items[i];

		if (st->id.s && strcmp(st->id.s, l->s) == 0)
			cli_printf(out, "        link line %u: \"%s\": linked to itself\n", l->pos.line,
				l->s);
		else if (!sk_review_index_find(ix, l->s))
			cli_printf(out, "        link line %u: \"%s\": no statement has that id\n",
				l->pos.line, l->s);
	}
}

static int id_width(const sk_review_area *area)
{
	size_t w = 2;

	for (size_t i = 0; i < area->count; i++) {
		const char *id = area->statements[i].id.s;

		if (id && strlen(id) > w)
			w = strlen(id);
	}
	return (int)(w < 12 ? w : 12);
}

static void put_statement(FILE *out, const rs_scored *s, const sk_review_index *ix,
			  const sk_statement *st, int width)
{
	int pts = points_of(s->options, st->judgement);
	const char *j = st->judgement == SK_JUDGE_MISSING ? "no judgement"
							  : sk_judgement_key(st->judgement);

	cli_printf(out, "  %-*s  %-15s  ", width, st->id.s ? st->id.s : "(no id)", j);
	if (pts >= 0)
		cli_printf(out, "%d point%s\n", pts, pts == 1 ? "" : "s");
	else
		fputs("left out\n", out);
	for (size_t i = 0; i < st->action_count; i++)
		put_action(out, &st->actions[i], s->options->as_of);
	if (ix)
		put_links(out, ix, st);
}

/* "in_place 5 x 2 + ... = 12 points of 9 judged x 2 = 18: 66.7%, developing (...)" */
static void put_sum(FILE *out, const sk_area_score *a, const sk_score_options *o)
{
	char pct[16];

	if (a->judged == 0) {
		fputs("  nothing judged: no score and no rating\n", out);
	} else {
		cli_printf(out, "  in_place %zu x %d + partly_in_place %zu x %d + not_in_place %zu x %d"
			" = %ld point%s of %zu judged x %d = %ld: %s%%, %s (",
			a->in_place, o->points[0], a->partly_in_place, o->points[1],
			a->not_in_place, o->points[2], a->points, a->points == 1 ? "" : "s",
			a->judged, o->points[0],
			a->max_points, rs_pct(pct, a->score_tenths), sk_rating_name(a->rating));
		put_band(out, a->rating, o);
		fputs(")\n", out);
	}
	cli_printf(out, "  actions: %zu, %zu overdue, %zu without an owner, %zu without a due date;"
		" broken links: %zu\n", a->actions, a->actions_overdue, a->actions_without_owner,
		a->actions_without_due, a->broken_links);
}

static void put_area(FILE *out, const rs_scored *s, const sk_review_index *ix, int a)
{
	const sk_review_area *area = &s->review->areas[a];
	const sk_area_score *sc = &s->score->areas[a];
	int width = id_width(area);

	cli_printf(out, "\n%s (%s): ", sk_area_key((sk_area)a), sk_area_label((sk_area)a));
	if (!area->present) {
		fputs("absent from the file: no score\n", out);
		return;
	}
	if (area->count == 0) {
		fputs("no statements: no score\n", out);
		return;
	}
	cli_printf(out, "%zu statement%s, %zu judged\n", sc->statements,
		sc->statements == 1 ? "" : "s", sc->judged);
	for (size_t i = 0; i < area->count; i++)
		put_statement(out, s, ix, &area->statements[i], width);
	put_sum(out, sc, s->options);
}

void rs_explain(FILE *out, const rs_scored *s)
{
	/* Out of memory (NULL), the report goes without its notes on links. */
	sk_review_index *ix = sk_review_index_new(s->review);

	put_header(out, s);
	for (int a = 0; a < SK_AREA_COUNT; a++)
		put_area(out, s, ix, a);
	sk_review_index_free(ix);
	cli_printf(out, "\noverall: %zu statement%s, %zu judged\n", s->score->overall.statements,
		s->score->overall.statements == 1 ? "" : "s", s->score->overall.judged);
	put_sum(out, &s->score->overall, s->options);
}

/* --priorities */

typedef struct ranked {
	int area;
	int tenths;
} ranked;

static int cmp_lowest(const void *x, const void *y)
{
	const ranked *a = x, *b = y;

	if (a->tenths != b->tenths)
		return a->tenths < b->tenths ? -1 : 1;
	return a->area - b->area;
}

static int cmp_highest(const void *x, const void *y)
{
	const ranked *a = x, *b = y;

	if (a->tenths != b->tenths)
		return a->tenths > b->tenths ? -1 : 1;
	return a->area - b->area;
}

/* The areas with a score, in the order `cmp` gives; returns how many. */
static int rank_areas(ranked out[SK_AREA_COUNT], const sk_review_score *rs,
		      int (*cmp)(const void *, const void *))
{
	int n = 0;

	for (int a = 0; a < SK_AREA_COUNT; a++)
		if (rs->areas[a].score_tenths >= 0)
			out[n++] = (ranked){a, rs->areas[a].score_tenths};
	qsort(out, (size_t)n, sizeof(*out), cmp);
	return n;
}

/* A judgement as people say it: "partly in place", not partly_in_place. */
static const char *judgement_words(sk_judgement j)
{
	switch (j) {
	case SK_JUDGE_IN_PLACE: return "in place";
	case SK_JUDGE_PARTLY_IN_PLACE: return "partly in place";
	case SK_JUDGE_NOT_IN_PLACE: return "not in place";
	default: return sk_judgement_key(j);
	}
}

/* The area's statements judged `j`; returns how many. */
static size_t put_judged(FILE *out, const sk_review_area *area, sk_judgement j)
{
	int width = id_width(area);
	size_t n = 0;

	for (size_t i = 0; i < area->count; i++) {
		const sk_statement *st = &area->statements[i];

		if (st->judgement != j)
			continue;
		cli_printf(out, "     %-*s  %-15s  %s\n", width, st->id.s ? st->id.s : "(no id)",
			judgement_words(j), st->statement.s ? st->statement.s : "");
		n++;
	}
	return n;
}

/* One area of the list, with its statements not in place (a priority) or in
 * place (a strength). */
static void put_listed_area(FILE *out, const rs_scored *s, int area, int number, bool lowest)
{
	const sk_area_score *sc = &s->score->areas[area];
	const sk_review_area *ra = &s->review->areas[area];
	char pct[16];
	size_t listed;

	cli_printf(out, "  %d. %s: %s%%, %s\n", number, sk_area_label((sk_area)area),
		rs_pct(pct, sc->score_tenths), sk_rating_name(sc->rating));
	if (lowest) {
		listed = put_judged(out, ra, SK_JUDGE_NOT_IN_PLACE);
		listed += put_judged(out, ra, SK_JUDGE_PARTLY_IN_PLACE);
	} else {
		listed = put_judged(out, ra, SK_JUDGE_IN_PLACE);
	}
	if (!listed)
		cli_printf(out, "     (%s)\n", lowest ? "every statement judged is in place"
					     : "no statement is in place");
}

/* Why fewer areas than the n asked for are listed: too few scored, areas
 * rated the other way (`rated`), areas already priorities above. */
static void put_fewer(FILE *out, int n, int count, int rated, int priorities, bool lowest)
{
	const char *other = lowest ? "strength" : "priority";
	const char *sep = "";
	cli_printf(out, "  (%d asked for: ", n);
	if (count < n) {
		cli_printf(out, "only %d %s scored", count, count == 1 ? "area is" : "areas are");
		sep = "; ";
	}
	if (rated) {
		cli_printf(out, "%san area rated %s is never a %s: %d %s rated %s", sep, other,
			   lowest ? "priority" : "strength", rated, rated == 1 ? "is" : "are",
			   other);
		sep = "; ";
	}
	if (priorities == count)
		cli_printf(out, "%san area is a priority or a strength, not both, and %s", sep,
			   count == 1 ? "the only area scored is a priority above"
			   : "every area scored is a priority above");
	else if (priorities)
		cli_printf(out, "%san area is a priority or a strength, not both, and %d of the %d "
			   "areas scored %s above", sep, priorities, count,
			   priorities == 1 ? "is a priority" : "are priorities");
	fputs(")\n", out);
}

/* The n lowest-scoring areas not rated strength (priorities), or the n
 * highest-scoring areas neither rated priority nor already priorities
 * (strengths; `taken` marks the priorities). The heading says how many are
 * listed, and a line why fewer than n are. Equal scores keep the review's
 * order of areas. */
static void put_ranked(FILE *out, const rs_scored *s, int n, bool lowest,
		       bool taken[SK_AREA_COUNT])
{
	ranked order[SK_AREA_COUNT];
	int count = rank_areas(order, s->score, lowest ? cmp_lowest : cmp_highest);
	int chosen[SK_AREA_COUNT], shown = 0, priorities = 0, rated = 0;
	sk_rating never = lowest ? SK_RATING_STRENGTH : SK_RATING_PRIORITY;

	for (int i = 0; i < count; i++) {
		int area = order[i].area;
		if (taken[area])
			priorities++;
		else if (s->score->areas[area].rating == never)
			rated++;
		else if (shown < n)
			chosen[shown++] = area;
	}
	cli_printf(out, "%s: %s: ", s->name, lowest ? "priorities" : "strengths");
	const char *rank = lowest ? "lowest" : "highest";
	const char *which = lowest ? "not in place" : "in place";
	if (shown == 0)
		fputs("none\n", out);
	else if (shown == 1)
		cli_printf(out, "the %s-scoring area, with its statements %s\n", rank, which);
	else
		cli_printf(out, "the %d %s-scoring areas, with their statements %s\n", shown,
			   rank, which);
	for (int i = 0; i < shown; i++) {
		taken[chosen[i]] = true;
		put_listed_area(out, s, chosen[i], i + 1, lowest);
	}
	if (count == 0)
		fputs("  (no area has a score: nothing is judged)\n", out);
	else if (shown < n)
		put_fewer(out, n, count, rated, priorities, lowest);
}

void rs_priorities(FILE *out, const rs_scored *s, int n)
{
	bool taken[SK_AREA_COUNT] = {false};
	put_ranked(out, s, n, true, taken);
	fputc('\n', out);
	put_ranked(out, s, n, false, taken);
}
