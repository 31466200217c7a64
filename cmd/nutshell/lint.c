/* action-lint's findings on the pages: a hub page counts them for each
 * strategy, a school's page marks the figures they contradict and reports
 * them in action-lint's words (nutshell(1), DIAGNOSTICS). */
#include <stdio.h>
#include <string.h>

#include "nutshell.h"

int nut_lint_file(sk_diags **out, const char *bytes, size_t len, const char *file,
		  const sk_lint_config *config, sk_date as_of)
{
	sk_lint_options lo = SK_LINT_OPTIONS_INIT;
	lo.as_of = as_of;
	sk_lint *lint = NULL;
	*out = sk_diags_new();
	int rc = *out ? sk_lint_new(&lint, &lo) : SK_ENOMEM;
	if (rc == SK_OK)
		rc = sk_lint_file(lint, bytes, len, file, config, *out);
	if (rc == SK_OK)
		rc = sk_lint_finish(lint, *out);
	sk_lint_free(lint);
	if (rc != SK_OK) {
		sk_diags_free(*out);
		*out = NULL;
	}
	return rc;
}

bool nut_strategy_complete(size_t errors)
{
	return errors == 0;
}

const char *nut_incomplete_text(char *buf, size_t size, size_t errors, size_t warnings)
{
	snprintf(buf, size, "no: %zu error%s, %zu warning%s", errors, errors == 1 ? "" : "s",
		 warnings, warnings == 1 ? "" : "s");
	return buf;
}

const char *nut_complete_text(char *buf, size_t size, const nut_profile *p)
{
	char words[80];
	if (nut_strategy_complete(p->lint_errors))
		return NULL;
	snprintf(buf, size, "strategy complete: %s",
		 nut_incomplete_text(words, sizeof(words), p->lint_errors, p->lint_warnings));
	return buf;
}

const char *nut_review_caveat(const nut_review *r, size_t j, bool each)
{
	/* The SEND review is before the year by nature and action-lint does not
	 * check it: the mark goes before the day's first action, or each. */
	size_t first = 0;
	while (first < r->count && r->items[first].send_review)
		first++;
	bool marked = each ? j < r->count && !r->items[j].send_review : j == first;
	return r->outside_year && marked ? NUT_OUTSIDE_YEAR " " : "";
}

const char *nut_budget_note(char *buf, size_t size, const nut_area *a)
{
	char money[48];
	if (a->budget.state != SK_VALUE_KNOWN)
		snprintf(buf, size, "%s", "");
	else if (a->budget_mismatch && nut_money_text(money, sizeof(money), a->costs))
		snprintf(buf, size, " (costs %s)", money);
	else
		snprintf(buf, size, "%s", a->budget_from_costs ? " (sum of costs)" : "");
	return buf;
}

static bool same_pos(sk_pos a, sk_pos b)
{
	return a.line && a.line == b.line && a.col == b.col;
}

/* The area whose budget a budget-mismatch finding `d` is at, or -1. */
static int mismatch_area(const sk_strategy *st, const sk_diag *d)
{
	if (strcmp(d->rule, "budget-mismatch") != 0)
		return -1;
	for (int a = 0; a < SK_AREA_COUNT; a++)
		if (same_pos(st->areas[a].budget.text.pos, d->pos))
			return a;
	return -1;
}

sk_value nut_total_budget(const sk_strategy *st, const sk_diags *lint)
{
	sk_value total = sk_profile_total_budget(st);
	for (size_t i = 0; total.state == SK_VALUE_KNOWN && i < sk_diags_count(lint); i++)
		if (mismatch_area(st, sk_diags_at(lint, i)) >= 0)
			total = (sk_value){SK_VALUE_MISSING, 0};
	return total;
}

static void mark_budget(nut_profile *p, int a)
{
	/* The sum of the costs, as the page sums them when no budget is given. */
	sk_strategy_area costs_only = p->st->areas[a];
	bool from_costs;
	costs_only.budget.text.s = NULL;
	p->area[a].budget_mismatch = true;
	p->area[a].costs = sk_profile_area_budget(&from_costs, &costs_only);
}

/* Whether a date-outside-year at `at` is of a date the page shows (the
 * next reviews; every timescale and review date with --full); marks the
 * next review of a review date there. */
static bool date_shown(nut_profile *p, sk_pos at, bool full)
{
	if (same_pos(p->st->summary.census.text.pos, at))
		return !p->row;         /* the counts are the strategy's, as at that date */
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_timed *review = &area->actions[i].review_date;
			if (same_pos(area->actions[i].timescale.text.pos, at))
				return full;
			if (!same_pos(review->text.pos, at))
				continue;
			size_t k = nut_next_index(p, review);
			bool next = k < p->next_count;
			if (next)
				p->next[k].outside_year = true;
			return next || full;
		}
	}
	return false;
}

/* The checks whose findings a page counts but leaves to action-lint to say:
 * they are about the file as a plan (its headlines, timescales, impacts,
 * areas, URN) rather than about reading it, or a page says them where it
 * shows what they are about (nut_profile_lint). */
static bool left_to_lint(const char *rule)
{
	static const char *const rules[] = {
		"headline-count", "vague-timescale", "impact-missing", "empty-area", "bad-urn",
		"duplicate-school", "budget-mismatch", "date-outside-year", "impossible-count",
	};
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i], rule) == 0)
			return true;
	return false;
}

bool nut_lint_says(const sk_diag *d)
{
	return !left_to_lint(d->rule);
}

/* A review's checks that review-score and action-lint say (its links,
 * overdue actions and URN), not about reading it. */
static bool review_check(const char *rule)
{
	static const char *const rules[] = {
		"broken-link", "duplicate-id", "self-link", "overdue-action", "bad-urn",
	};
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i], rule) == 0)
			return true;
	return false;
}

int nut_lint_say_review(const sk_diags *lint, sk_diags *diags, size_t *unsaid)
{
	int rc = SK_OK;
	*unsaid = 0;
	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(lint); i++) {
		const sk_diag *d = sk_diags_at(lint, i);
		if (!review_check(d->rule))
			rc = sk_diags_add(diags, d->file, d->pos, d->severity, d->rule, "%s",
					  d->message);
		else if (d->severity == SK_ERROR)
			(*unsaid)++;
	}
	return rc;
}

/* action-lint's errors a page does not say, in one message so that they
 * have a cause and the exit status follows action-lint. */
static int say_unsaid(size_t unsaid, const char *file, const char *rule, const char *page,
		      sk_diags *diags)
{
	if (!unsaid)
		return SK_OK;
	return sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, rule,
			    "action-lint finds %zu error%s in this file that nutshell does not "
			    "report itself, %s: run action-lint on the file to see %s",
			    unsaid, unsaid == 1 ? "" : "s", page, unsaid == 1 ? "it" : "them");
}

int nut_lint_say_unsaid(size_t unsaid, const char *file, sk_diags *diags)
{
	return say_unsaid(unsaid, file, "strategy-incomplete",
			  "so the page marks the strategy not complete", diags);
}

int nut_lint_say_review_unsaid(size_t unsaid, const char *file, sk_diags *diags)
{
	return say_unsaid(unsaid, file, "review-errors",
			  "in the review's links, overdue actions or URN (the page shows its "
			  "scores as review-score gives them)", diags);
}

int nut_lint_say_found(const sk_diags *lint, sk_diags *diags, size_t *unsaid)
{
	int rc = SK_OK;
	*unsaid = 0;
	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(lint); i++) {
		const sk_diag *d = sk_diags_at(lint, i);
		if (nut_lint_says(d))
			rc = sk_diags_add(diags, d->file, d->pos, d->severity, d->rule, "%s",
					  d->message);
		else if (d->severity == SK_ERROR)
			(*unsaid)++;
	}
	return rc;
}

int nut_lint_say(const sk_diags *lint, const char *file, sk_diags *diags)
{
	size_t unsaid;
	int rc = nut_lint_say_found(lint, diags, &unsaid);
	return rc == SK_OK ? nut_lint_say_unsaid(unsaid, file, diags) : rc;
}

bool nut_lint_says_unread(const sk_diags *lint)
{
	return sk_diags_count_severity(lint, SK_ERROR) > 0;
}

int nut_profile_lint(nut_profile *p, const sk_diags *lint, bool full, sk_diags *diags)
{
	int rc = SK_OK;
	size_t unsaid = 0;
	p->lint_errors = sk_diags_count_severity(lint, SK_ERROR);
	p->lint_warnings = sk_diags_count_severity(lint, SK_WARNING);
	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(lint); i++) {
		const sk_diag *d = sk_diags_at(lint, i);
		bool say = nut_lint_says(d);
		if (strcmp(d->rule, "budget-mismatch") == 0) {
			int a = mismatch_area(p->st, d);
			if (a >= 0)
				mark_budget(p, a);
			say = true;
		} else if (strcmp(d->rule, "date-outside-year") == 0) {
			say = date_shown(p, d->pos, full);
		} else if (strcmp(d->rule, "impossible-count") == 0) {
			say = !p->row;          /* the strategy's own counts are on the page */
		}
		if (say)
			rc = sk_diags_add(diags, d->file, d->pos, d->severity, d->rule, "%s",
					  d->message);
		else if (d->severity == SK_ERROR)
			unsaid++;
	}
	p->total_budget = nut_total_budget(p->st, lint);
	return rc == SK_OK ? nut_lint_say_unsaid(unsaid, p->file, diags) : rc;
}
