/* The profile as one JSON object: numbers as numbers (percentages too, with
 * one decimal), null for what is not known, and a "missing" list saying so. */
#include <stdio.h>

#include "nutshell.h"

typedef struct jw {
	FILE *out;
	int depth;
} jw;

static void indent(const jw *j)
{
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* "key": with the separator before it (none for the first of an object). */
static void key(jw *j, const char *k, bool first)
{
	if (!first)
		fputc(',', j->out);
	indent(j);
	sk_json_write_string(j->out, k);
	fputs(": ", j->out);
}

static void str(jw *j, const char *s)
{
	if (s)
		sk_json_write_string(j->out, s);
	else
		fputs("null", j->out);
}

static void text_or_null(jw *j, const char *s)
{
	str(j, nut_value_set(s) ? s : NULL);
}

static void count(jw *j, sk_value n)
{
	if (n.state == SK_VALUE_KNOWN)
		fprintf(j->out, "%lld", (long long)n.value);
	else
		fputs("null", j->out);
}

static void pct(jw *j, sk_value n)
{
	char buf[32];
	fputs(nut_pct_text(buf, sizeof(buf), n, false) ? buf : "null", j->out);
}

static void jopen(jw *j, char c)
{
	fputc(c, j->out);
	j->depth++;
}

static void jclose(jw *j, char c, bool empty)
{
	j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->out);
}

static void school(jw *j, const nut_profile *p)
{
	key(j, "school", false);
	jopen(j, '{');
	key(j, "name", true);
	text_or_null(j, p->name);
	key(j, "urn", false);
	text_or_null(j, p->urn);
	key(j, "la", false);
	text_or_null(j, p->la);
	key(j, "hub", false);
	text_or_null(j, p->hub);
	jclose(j, '}', false);
	key(j, "year", false);
	str(j, p->year[0] ? p->year : NULL);
	key(j, "census_year", false);
	count(j, p->census_year ? (sk_value){SK_VALUE_KNOWN, p->census_year} : (sk_value){SK_VALUE_MISSING, 0});
}

/* The school's census of another year, kept aside: not in the figures. */
static void other_census(jw *j, const nut_profile *p)
{
	key(j, "other_census", false);
	if (!p->other) {
		fputs("null", j->out);
		return;
	}
	sk_counts c;
	sk_profile_counts_from_row(&c, p->other);
	jopen(j, '{');
	key(j, "term", true);
	str(j, p->other->term);
	key(j, "census_year", false);
	fprintf(j->out, "%d", p->other_year + 1);
	key(j, "on_roll", false);
	count(j, c.on_roll);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		key(j, sk_measure_key((sk_measure)m), false);
		count(j, sk_profile_count(&c, (sk_measure)m));
	}
	jclose(j, '}', false);
}

static void counts_source(jw *j, const nut_profile *p)
{
	key(j, "counts", false);
	jopen(j, '{');
	key(j, "from", true);
	str(j, p->row ? "census summary" : "strategy");
	key(j, "file", false);
	str(j, p->row ? p->census_file : p->file);
	key(j, "term", false);
	str(j, p->row && nut_value_set(p->row->term) ? p->row->term : NULL);
	key(j, "census_date", false);
	text_or_null(j, p->row ? NULL : p->st->summary.census.text.s);
	key(j, "withheld_below", false);
	count(j, p->suppress && !p->row ? (sk_value){SK_VALUE_KNOWN, p->suppress}
					  : (sk_value){SK_VALUE_MISSING, 0});
	jclose(j, '}', false);
	other_census(j, p);
}

static void national(jw *j, const char *k, const sk_national_entry *e, const char *source)
{
	key(j, k, false);
	if (!e) {
		fputs("null", j->out);
		return;
	}
	jopen(j, '{');
	key(j, "year", true);
	fprintf(j->out, "%d", e->year);
	key(j, "source", false);
	str(j, source);
	jclose(j, '}', false);
}

static void figures(jw *j, const nut_profile *p)
{
	key(j, "on_roll", false);
	count(j, p->on_roll);
	key(j, "figures", false);
	jopen(j, '[');
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *f = &p->fig[m];
		if (m)
			fputc(',', j->out);
		indent(j);
		jopen(j, '{');
		key(j, "measure", true);
		str(j, sk_measure_key(f->measure));
		key(j, "label", false);
		str(j, sk_measure_label(f->measure));
		key(j, "count", false);
		count(j, f->count);
		key(j, "pct", false);
		pct(j, f->pct);
		key(j, "national_pct", false);
		pct(j, f->national_pct);
		key(j, "difference_pts", false);
		pct(j, f->diff);
		key(j, "comparison", false);
		str(j, nut_comparison(f->diff));
		if (p->prev) {
			key(j, "change", false);
			count(j, f->change);
			key(j, "change_pts", false);
			pct(j, f->change_pct);
		}
		jclose(j, '}', false);
	}
	jclose(j, ']', false);
	national(j, "national", p->nat, p->nat ? p->nat->source : NULL);
	if (p->prev) {
		key(j, "previous_term", false);
		str(j, p->prev->term);
		key(j, "on_roll_change", false);
		count(j, p->on_roll_change);
	}
}

static void shares(jw *j, const char *k, const nut_share *s, size_t n)
{
	key(j, k, false);
	jopen(j, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', j->out);
		indent(j);
		jopen(j, '{');
		key(j, "key", true);
		str(j, s[i].key);
		key(j, "label", false);
		str(j, s[i].label);
		key(j, "count", false);
		count(j, s[i].count);
		if (s[i].count.state == SK_VALUE_SUPPRESSED) {
			key(j, "suppressed", false);
			fputs("true", j->out);
		}
		key(j, "share_pct", false);
		pct(j, s[i].share);
		key(j, "national_share_pct", false);
		pct(j, s[i].national_share);
		jclose(j, '}', false);
	}
	jclose(j, ']', false);
}

static void need(jw *j, const nut_profile *p)
{
	key(j, "need_profile", false);
	if (!p->has_need) {
		fputs("null", j->out);
		return;
	}
	jopen(j, '{');
	key(j, "pupils_with_sen", true);
	count(j, p->need_total);
	national(j, "national", p->nat_need, p->nat_need ? p->nat_need->need_source : NULL);
	shares(j, "broad_areas", p->broad, SK_BROAD_COUNT);
	shares(j, "primary_needs", p->need, NUT_NEEDS);
	jclose(j, '}', false);
}

/* The comma before an array's item i, then its line. */
static void item(jw *j, size_t i)
{
	if (i)
		fputc(',', j->out);
	indent(j);
}

/* School / Hub / LA / Trust / National: one column a group, one row a figure. */
static void compare(jw *j, const nut_profile *p)
{
	static const char *const parts[] = {"of_roll", "broad_area", "primary_need"};
	static const char *const levels[NUT_GROUPS] = {"hub", "la", "all"};
	const char *titles[NUT_COMPARE_COLS];
	nut_compare_row rows[NUT_COMPARE_ROWS];
	size_t n, cols, k = 0;
	key(j, "comparison", false);
	if (!p->has_groups) {
		fputs("null", j->out);
		return;
	}
	cols = nut_compare(titles, rows, &n, p);
	jopen(j, '{');
	key(j, "groups", true);
	jopen(j, '[');
	for (int g = 0; g < NUT_GROUPS; g++) {
		const nut_group *gr = &p->group[g];
		if (!gr->present)
			continue;
		item(j, k++);
		jopen(j, '{');
		key(j, "level", true);
		str(j, levels[g]);
		key(j, "key", false);
		str(j, gr->row->key);
		key(j, "schools", false);
		count(j, gr->row->schools.state == SK_CELL_KNOWN
			 ? (sk_value){SK_VALUE_KNOWN, gr->row->schools.value}
			 : (sk_value){SK_VALUE_MISSING, 0});
		if (g == NUT_LA) {
			key(j, "note", false);
			str(j, "the trust's schools in the LA, not the whole LA");
		}
		jclose(j, '}', false);
	}
	jclose(j, ']', false);
	key(j, "columns", false);
	jopen(j, '[');
	for (size_t c = 0; c < cols; c++) {
		item(j, c);
		str(j, titles[c]);
	}
	jclose(j, ']', false);
	/* The January of each part's national column (null: none known). */
	key(j, "national_years", false);
	jopen(j, '{');
	for (int part = NUT_PART_ROLL; part <= NUT_PART_NEED; part++) {
		const sk_national_entry *e = part == NUT_PART_ROLL ? p->nat : p->nat_need;
		key(j, parts[part], part == NUT_PART_ROLL);
		count(j, e ? (sk_value){SK_VALUE_KNOWN, e->year} : (sk_value){SK_VALUE_MISSING, 0});
	}
	jclose(j, '}', false);
	key(j, "rows", false);
	jopen(j, '[');
	for (size_t i = 0; i < n; i++) {
		item(j, i);
		jopen(j, '{');
		key(j, "part", true);
		str(j, parts[rows[i].part]);
		key(j, "key", false);
		str(j, rows[i].key);
		key(j, "pct", false);
		fputc('[', j->out);
		for (size_t c = 0; c < cols; c++) {
			if (c)
				fputs(", ", j->out);
			pct(j, rows[i].v[c]);
		}
		fputc(']', j->out);
		jclose(j, '}', false);
	}
	jclose(j, ']', false);
	jclose(j, '}', false);
}

static void list(jw *j, const char *k, const sk_text_list *l, bool first)
{
	key(j, k, first);
	if (!l->present) {
		fputs("null", j->out);
		return;
	}
	jopen(j, '[');
	size_t n = 0;
	for (size_t i = 0; i < l->count; i++) {
		const char *item = nut_item_text(l->items[i].s);
		if (!item)
			continue;
		if (n++)
			fputc(',', j->out);
		indent(j);
		str(j, item);
	}
	jclose(j, ']', n == 0);
}

static void headlines(jw *j, const nut_profile *p)
{
	const sk_strategy *st = p->st;
	key(j, "headlines", false);
	jopen(j, '{');
	key(j, "review_date", true);
	text_or_null(j, st->headlines.review_date.text.s);
	list(j, "strengths", &st->headlines.strengths, false);
	list(j, "recommendations", &st->headlines.recommendations, false);
	jclose(j, '}', false);
}

/* --full: the rest of an action, dates and costs as written (ISO dates). */
static void action_full(jw *j, const sk_strategy_action *a)
{
	key(j, "steps", false);
	text_or_null(j, a->steps.s);
	key(j, "success", false);
	text_or_null(j, a->success.s);
	key(j, "review", false);
	jopen(j, '{');
	key(j, "date", true);
	text_or_null(j, a->review_date.text.s);
	key(j, "method", false);
	text_or_null(j, a->review_method.s);
	jclose(j, '}', false);
	nut_action_full f;
	nut_action_full_fill(&f, a);
	key(j, "impact", false);
	jopen(j, '{');
	for (size_t k = NUT_F_IMPACT; k < f.count; k++) {
		key(j, f.field[k].key, k == NUT_F_IMPACT);
		str(j, f.field[k].text);
	}
	jclose(j, '}', false);
}

static void action(jw *j, const sk_strategy_action *a, bool full)
{
	jopen(j, '{');
	key(j, "action", true);
	text_or_null(j, a->action.s);
	key(j, "lead", false);
	text_or_null(j, a->lead.s);
	key(j, "timescale", false);
	text_or_null(j, a->timescale.text.s);
	key(j, "cost", false);
	text_or_null(j, a->cost.text.s);
	key(j, "cost_pence", false);
	count(j, a->cost.valid ? (sk_value){SK_VALUE_KNOWN, a->cost.pence} : (sk_value){SK_VALUE_MISSING, 0});
	if (full)
		action_full(j, a);
	jclose(j, '}', false);
}

static void areas(jw *j, const nut_profile *p, bool full)
{
	key(j, "areas", false);
	jopen(j, '[');
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		if (a)
			fputc(',', j->out);
		indent(j);
		jopen(j, '{');
		key(j, "key", true);
		str(j, sk_area_key((sk_area)a));
		key(j, "label", false);
		str(j, sk_area_label((sk_area)a));
		if (full) {
			list(j, "strengths", &area->strengths, false);
			list(j, "recommendations", &area->recommendations, false);
		}
		key(j, "actions", false);
		jopen(j, '[');
		for (size_t i = 0; i < area->action_count; i++) {
			if (i)
				fputc(',', j->out);
			indent(j);
			action(j, &area->actions[i], full);
		}
		jclose(j, ']', area->action_count == 0);
		key(j, "budget_pence", false);
		count(j, p->area[a].budget);
		key(j, "budget_from_costs", false);
		fputs(p->area[a].budget_from_costs ? "true" : "false", j->out);
		key(j, "budget_mismatch", false);    /* action-lint's budget-mismatch */
		fputs(p->area[a].budget_mismatch ? "true" : "false", j->out);
		jclose(j, '}', false);
	}
	jclose(j, ']', false);
	key(j, "total_budget_pence", false);
	count(j, p->total_budget);
	/* action-lint's verdict on the file, for a reader that is not a person. */
	key(j, "complete", false);
	fputs(nut_strategy_complete(p->lint_errors) ? "true" : "false", j->out);
	key(j, "lint_errors", false);
	fprintf(j->out, "%zu", p->lint_errors);
	key(j, "lint_warnings", false);
	fprintf(j->out, "%zu", p->lint_warnings);
}

static void reviews(jw *j, const nut_profile *p)
{
	char d[11];
	sk_date_format(d, p->as_of);
	key(j, "as_of", false);
	str(j, d);
	/* next_reviews holds the first NUT_REVIEW_DATES of them. */
	key(j, "review_dates_due", false);
	fprintf(j->out, "%zu", p->due_dates);
	key(j, "next_reviews", false);
	jopen(j, '[');
	for (size_t i = 0; i < p->next_count; i++) {
		const nut_review *r = &p->next[i];
		if (i)
			fputc(',', j->out);
		indent(j);
		jopen(j, '{');
		sk_date_format(d, r->date);
		key(j, "date", true);
		str(j, d);
		key(j, "items", false);
		jopen(j, '[');
		for (size_t k = 0; k < r->count; k++) {
			if (k)
				fputc(',', j->out);
			indent(j);
			jopen(j, '{');
			key(j, "area", true);
			str(j, r->items[k].send_review ? NULL : sk_area_key(r->items[k].area));
			key(j, "what", false);
			str(j, r->items[k].what);
			jclose(j, '}', false);
		}
		jclose(j, ']', r->count == 0);
		key(j, "more", false);
		fprintf(j->out, "%zu", r->more);
		jclose(j, '}', false);
	}
	jclose(j, ']', p->next_count == 0);
}

/* What is not there, in words. */
static void missing(jw *j, const nut_profile *p)
{
	const char *notes[20];
	char nat[256], need_note[256];
	size_t n = 0;
	if (!p->census_file)
		notes[n++] = "no census summary given";
	else if (!p->row)
		notes[n++] = "the school is not in the census summary";
	else if (!p->has_need)
		notes[n++] = "the census summary has no counts by need";
	if (nut_national_note(nat, sizeof(nat), p, p->nat, "figures"))
		notes[n++] = nat;
	else if (!p->nat)
		notes[n++] = "no national figures";
	if (p->has_need && nut_national_note(need_note, sizeof(need_note), p, p->nat_need,
					     "figures by need"))
		notes[n++] = need_note;
	char groups[NUT_TEXT_MAX];
	if ((p->has_groups || nut_groups_elsewhere(p))
	    && nut_groups_missing(groups, sizeof(groups), p))
		notes[n++] = groups;
	if (p->on_roll.state == SK_VALUE_KNOWN && p->on_roll.value == 0)
		notes[n++] = "no pupils on roll: no percentages";
	for (int m = 0; m < SK_MEASURE_COUNT; m++)
		if (p->fig[m].over_roll)
			notes[n++] = "a count more than the pupils on roll: no percentage";
	if (nut_listed(&p->st->headlines.strengths) < NUT_HEADLINES)
		notes[n++] = "fewer than three review strengths";
	if (nut_listed(&p->st->headlines.recommendations) < NUT_HEADLINES)
		notes[n++] = "fewer than three review recommendations";
	char budget_note[160];
	if (p->total_budget.state != SK_VALUE_KNOWN) {
		snprintf(budget_note, sizeof(budget_note), "the total budget: %s",
			 nut_total_budget_gap(p));
		notes[n++] = budget_note;
	}
	char complete[96];
	if (nut_complete_text(complete, sizeof(complete), p))
		notes[n++] = complete;
	char differ[128], differ_note[256];
	if (nut_counts_differ_text(differ, sizeof(differ), p)) {
		snprintf(differ_note, sizeof(differ_note), "the strategy's own counts differ from "
			 "the census's for %s: the census's are shown", differ);
		notes[n++] = differ_note;
	}
	char which[128], withheld[256];
	if (!p->row && nut_withheld_text(which, sizeof(which), p)) {
		snprintf(withheld, sizeof(withheld), "withheld (counts below %u, and those they "
			 "could be worked out from): %s", p->suppress, which);
		notes[n++] = withheld;
	}
	if (nut_small_note(p))
		notes[n++] = nut_small_note(p);
	key(j, "notes", false);
	jopen(j, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', j->out);
		indent(j);
		str(j, notes[i]);
	}
	jclose(j, ']', n == 0);
}

void nut_render_json(FILE *out, const nut_profile *p, const nut_render_opts *o)
{
	jw j = {out, 0};
	jopen(&j, '{');
	key(&j, "file", true);
	str(&j, p->file);
	school(&j, p);
	counts_source(&j, p);
	figures(&j, p);
	need(&j, p);
	compare(&j, p);
	headlines(&j, p);
	areas(&j, p, o->full);
	reviews(&j, p);
	missing(&j, p);
	jclose(&j, '}', false);
	fputc('\n', out);
}
