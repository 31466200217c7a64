/* nutshell.h: the profile that every renderer draws. profile.c computes
 * each figure once (counts, percentages, national comparisons, budgets,
 * the next reviews); the renderers only lay them out. */
#ifndef SK_NUTSHELL_H
#define SK_NUTSHELL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sendkit/national.h"
#include "sendkit/profile.h"
#include "sendkit/sendkit.h"
#include "sendkit/summary.h"

/* SEN support, EHC plans or all SEN, beside the national figure. */
typedef struct nut_figure {
	sk_measure measure;
	sk_value count, pct;
	sk_value national_pct;
	sk_value diff;         /* pct - national_pct, in tenths of a percentage point */
	sk_value change;       /* count since the previous term */
	sk_value change_pct;   /* pct since the previous term, tenths of a point */
	bool over_roll;       /* count more than the pupils on roll: no percentage */
} nut_figure;

/* One line of the profile of need: a broad area or a primary need. */
typedef struct nut_share {
	const char *key, *label;
	sk_value count;
	sk_value share;            /* of the school's pupils with SEN, tenths */
	sk_value national_share;   /* of the nation's, tenths */
} nut_share;

/* The needs shown: every census code but UNKNOWN, which only a bad file has. */
#define NUT_NEEDS (SK_NEED_COUNT - 1)
#define NUT_REVIEW_DATES 3
#define NUT_TEXT_MAX 256      /* a timescale or review date, its days in words */
#define NUT_HEADLINES 3       /* strengths, and recommendations, a review names */
#define NUT_REVIEW_ITEMS 8

/* As sk_profile_due says it: the SEND review, or an action of `area`. */
typedef struct nut_review_item {
	bool send_review;
	sk_area area;                            /* when not send_review */
	const char *what;                        /* the action; borrowed */
} nut_review_item;

typedef struct nut_review {
	sk_date date;
	bool outside_year;  /* action-lint's date-outside-year: a review date of this
			     * day is not in the strategy's school year */
	nut_review_item items[NUT_REVIEW_ITEMS];
	size_t count;      /* items kept */
	size_t more;       /* items on the same date not kept */
} nut_review;

typedef struct nut_area {
	sk_value budget;         /* pence */
	bool budget_from_costs; /* no `budget:`: the sum of the action costs */
	/* action-lint's budget-mismatch: the budget given is not the sum of the
	 * actions' costs, which `costs` is. */
	bool budget_mismatch;
	sk_value costs;
} nut_area;

/* The school's hub, LA and trust, as the census summary's rows of the same
 * term give them (School / Hub / LA / Trust / National). */
typedef enum nut_group_kind { NUT_HUB = 0, NUT_LA, NUT_TRUST, NUT_GROUPS } nut_group_kind;

typedef struct nut_group {
	bool present;
	const char *title;            /* "Hub", "LA", "Trust" */
	const sk_summary_row *row;    /* its name is row->key, its schools row->schools */
	sk_counts counts;
	const sk_summary_row *elsewhere;  /* when absent: its row of another term, if any */
} nut_group;

typedef struct nut_profile {
	const sk_strategy *st;
	const char *file;             /* the strategy's display name */
	/* The school, from the strategy or else its census summary row; NULL when neither says. */
	const char *name, *urn, *la, *hub;
	char year[16];                /* "2023-24", or "" when unknown */
	char slug[160];               /* file name stem for -o DIR */
	/* The January census of the school's figures, and so of the national
	 * figures they are compared with (0: unknown). */
	int census_year;

	/* Where the counts come from. */
	const sk_summary_row *row, *prev;   /* census summary rows, or NULL */
	sk_counts counts;                   /* the school's: the row's, else the strategy's */
	const char *census_file;            /* --census display name, or NULL */
	int row_year;                       /* row's school year when not the strategy's, else 0 */
	/* The school's latest census term when it is of another year than the
	 * strategy's, which gives counts of its own: shown, never used in their place. */
	const sk_summary_row *other;
	int other_year;                     /* its school year, "2023" for 2023-24 */
	/* The school's latest census term when its label names no date: never
	 * used, since its year, and so the national year, would be a guess. */
	const sk_summary_row *undated;
	/* A term naming no date, set aside because a dated term is used. */
	const sk_summary_row *set_aside;
	sk_value on_roll, on_roll_change;
	nut_figure fig[SK_MEASURE_COUNT];
	/* Counts below it are withheld from the strategy's own counts, as the
	 * suppressed census summary withholds them (0: none); which were. */
	unsigned suppress;
	bool withheld_roll, withheld[SK_MEASURE_COUNT];
	/* The census summary given is not suppressed and the page shows a count
	 * below NUT_SMALL: the page is for governors only, and says so. */
	bool shows_small;

	nut_group group[NUT_GROUPS];
	bool has_groups;                    /* any of them */
	sk_counts nat_counts, nat_need_counts;

	const sk_national_entry *nat;       /* NULL when the table is empty */
	const sk_national_entry *nat_need;  /* the national distribution used, or NULL */

	bool has_need;                      /* a census row gave a profile of need */
	sk_value need_total;                 /* the denominator of the shares */
	nut_share broad[SK_BROAD_COUNT];
	nut_share need[NUT_NEEDS];

	nut_area area[SK_AREA_COUNT];
	sk_value total_budget;          /* missing when an area's budget_mismatch */
	size_t lint_errors, lint_warnings;  /* action-lint's, the strategy file on its own */

	sk_date as_of;
	nut_review next[NUT_REVIEW_DATES];
	size_t next_count;
	size_t due_dates;       /* the review dates on or after as_of, next[]'s and later */
} nut_profile;

/* The measures of `now` beside the nation and, when `before` is not NULL,
 * the change since then; the pupils on roll and their change. */
void nut_figures_fill(nut_figure out[SK_MEASURE_COUNT], sk_value *out_on_roll,
		      sk_value *out_on_roll_change, const sk_counts *now,
		      const sk_counts *before, const sk_counts *nat);
/* Counts below this are small (a pupil might be known by one): the
 * threshold nutshell(1) and the README advise for census-summary --suppress. */
#define NUT_SMALL 5

/* Fills p. census may be NULL (no --census). suppress N withholds the
 * strategy's own counts as census-summary --suppress N would (0: not). */
void nut_profile_build(nut_profile *p, const sk_strategy *st, const char *file,
		       const sk_summary *census, const char *census_file,
		       const sk_national *national, sk_date as_of, unsigned suppress);
/* "counts below 5 are shown ...", without a full stop, or NULL (p->shows_small). */
const char *nut_small_note(const nut_profile *p);
/* "pupils on roll and SEN support": the strategy's own counts that are not
 * the census summary's row's shown in their place; NULL when they agree or
 * the counts are the strategy's. Never a value. */
const char *nut_counts_differ_text(char *buf, size_t size, const nut_profile *p);
/* "SEN support, EHC plan" of the counts withheld, into buf; NULL when none. */
const char *nut_withheld_text(char *buf, size_t size, const nut_profile *p);

/* Shared wording, so every format says the same thing. */
const char *nut_comparison(sk_value diff);            /* "above national"...; NULL */
/* "1,234", or NULL when not known */
const char *nut_count_text(char *buf, size_t size, sk_value n);
/* "12.6", "+0.3" with sign, or NULL when not known */
const char *nut_pct_text(char *buf, size_t size, sk_value n, bool sign);
/* "£1,200", or NULL when not known */
const char *nut_money_text(char *buf, size_t size, sk_value pence);
/* Why a number is not there: "missing", "suppressed", "too large". */
const char *nut_missing_word(sk_value n);
/* What follows an area's budget: " (sum of costs)", " (its actions cost
 * £1,925)" for a budget that is not their sum, or "". */
const char *nut_budget_note(char *buf, size_t size, const nut_area *a);
/* action-lint's findings on one strategy file checked on its own, with the
 * .action-lint.yaml action-lint would use for it (`config`, NULL: none;
 * cli_config_for), into *out (the caller frees it). SK_OK or SK_ENOMEM. */
int nut_lint_file(sk_diags **out, const char *bytes, size_t len, const char *file,
		  const sk_lint_config *config, sk_date as_of);
/* Whether every page says action-lint's finding `d` itself: a finding about
 * reading the file, not one of the checks of the plan a page only counts
 * (headline-count, vague-timescale, impact-missing, empty-area, bad-urn,
 * duplicate-school) or says where it shows their figure (budget-mismatch,
 * date-outside-year, impossible-count: nut_profile_lint). */
bool nut_lint_says(const sk_diag *d);
/* Adds to `diags` the findings of `lint` that nut_lint_says, as action-lint
 * gives them; *unsaid: how many of its errors are not said. SK_OK or
 * SK_ENOMEM. */
int nut_lint_say_found(const sk_diags *lint, sk_diags *diags, size_t *unsaid);
/* The errors a page counts but nutshell does not say (`unsaid`, none: no
 * message), in one strategy-incomplete at `file`, so that the count has a
 * cause and the exit status follows action-lint. SK_OK or SK_ENOMEM. */
int nut_lint_say_unsaid(size_t unsaid, const char *file, sk_diags *diags);
/* nut_lint_say_found and nut_lint_say_unsaid at once: what nutshell says of a
 * strategy file with no school page (a file that is not YAML, or not a
 * strategy). SK_OK or SK_ENOMEM. */
int nut_lint_say(const sk_diags *lint, const char *file, sk_diags *diags);
/* Whether action-lint's findings `lint` on a file the loader could not read
 * say so (an error), to be said in place of the loader's own. action-lint
 * never lowers what stops a file being read; should that ever fail, the
 * loader's words are said, so that no file is dropped unsaid. */
bool nut_lint_says_unread(const sk_diags *lint);
/* Adds to `diags` the findings of `lint`, action-lint's on a review file,
 * that are about reading it (not the review's own checks of its links,
 * overdue actions and URN, which review-score and action-lint say),
 * as action-lint gives them: what a hub or trust page says of a review;
 * *unsaid: how many of those checks' errors are not said. SK_OK or
 * SK_ENOMEM. */
int nut_lint_say_review(const sk_diags *lint, sk_diags *diags, size_t *unsaid);
/* As nut_lint_say_unsaid, for a review a page shows: one review-errors. */
int nut_lint_say_review_unsaid(size_t unsaid, const char *file, sk_diags *diags);
/* The strategy's total budget as every page gives it: missing when
 * action-lint's findings `lint` have a budget-mismatch at an area's budget
 * (the areas' budgets and their costs disagree, so neither total is sure). */
sk_value nut_total_budget(const sk_strategy *st, const sk_diags *lint);
/* Whether a strategy is complete, on every page: action-lint passes it (no
 * error, as its exit status says; warnings are advice). */
bool nut_strategy_complete(size_t errors);
/* A strategy that action-lint does not pass, as the pages say it: "no: 1
 * error, 2 warnings". */
const char *nut_incomplete_text(char *buf, size_t size, size_t errors, size_t warnings);
/* Takes action-lint's findings `lint` into a school's page: its counts,
 * and its findings said in action-lint's words and at its severity (the
 * configuration and disable comments applied), in place of the loader's
 * and the decoder's own messages: every finding nut_lint_says, and those
 * about a figure the page shows, which it marks (budget-mismatch;
 * date-outside-year at a next review's date, the census date the counts
 * are as at, and with `full` every timescale and review date;
 * impossible-count when the counts are the strategy's); the errors not
 * said as one strategy-incomplete. SK_OK or SK_ENOMEM. */
int nut_profile_lint(nut_profile *p, const sk_diags *lint, bool full, sk_diags *diags);
/* "strategy complete: no: 1 error, 0 warnings", beside the action plan's
 * heading when the strategy is not complete (nut_strategy_complete), else
 * NULL. */
const char *nut_complete_text(char *buf, size_t size, const nut_profile *p);
/* A next review's date that action-lint finds outside the strategy's year. */
#define NUT_OUTSIDE_YEAR "(not in the strategy's school year)"
/* What goes before a next review's item `j`: "(not in the strategy's
 * school year) " before the first action of a date action-lint finds
 * outside it (before each, with `each`, where each item is a line of its
 * own), else "". */
const char *nut_review_caveat(const nut_review *r, size_t j, bool each);
/* Why the total budget is not there, a clause for "Total budget: missing (...)"
 * and the JSON notes: a budget or cost missing, or a sum too large. */
const char *nut_total_budget_gap(const nut_profile *p);
/* The comparison School / Hub / LA / Trust / National, a row a figure:
 * the measures (of pupils on roll), then the broad areas and the primary
 * needs (shares of pupils with SEN). Columns are the school, each group
 * present, and the nation. */
#define NUT_COMPARE_ROWS (SK_MEASURE_COUNT + SK_BROAD_COUNT + NUT_NEEDS)
#define NUT_COMPARE_COLS (NUT_GROUPS + 2)

typedef enum nut_compare_part { NUT_PART_ROLL = 0, NUT_PART_BROAD, NUT_PART_NEED } nut_compare_part;

typedef struct nut_compare_row {
	nut_compare_part part;
	const char *key;              /* "sen_support", "cognition_and_learning", "SPLD"... */
	const char *label;
	sk_value v[NUT_COMPARE_COLS]; /* tenths */
} nut_compare_row;

/* Fills the column titles and the rows; returns the number of columns.
 * Without a profile of need, only the measures (*out_rows says how many). */
size_t nut_compare(const char *out_titles[NUT_COMPARE_COLS],
		   nut_compare_row out[NUT_COMPARE_ROWS], size_t *out_rows, const nut_profile *p);
/* The January of the national figures beside the comparison's `part` when
 * they are not of the same year as the other parts' (none known for one,
 * say), so that the page names it; else 0. */
int nut_national_year_of(const nut_profile *p, nut_compare_part part);
/* A national column's head: "National", or "National, January 2023" when
 * nut_national_year_of names the year of `part`. */
const char *nut_national_head(char *buf, size_t size, const nut_profile *p,
			      nut_compare_part part);
/* "National figures of pupils on roll: none known; of pupils with SEN by
 * need: January 2023" when the parts' years differ, else NULL. */
const char *nut_national_years_text(char *buf, size_t size, const nut_profile *p);
/* Which of hub, LA and trust the census summary has no figures for, in
 * words ("no hub or LA figures in the census summary"), and which other
 * term has them, or NULL. */
const char *nut_groups_missing(char *buf, size_t size, const nut_profile *p);
/* A group absent from the school's term has a row of another term: the
 * page says so even when the term has no group at all. */
bool nut_groups_elsewhere(const nut_profile *p);
/* "Hub: Mendip (3 schools); LA: Somerset (3 schools); Trust: 5 schools",
 * then what is missing: ". No hub figures in the census summary". */
const char *nut_groups_text(char *buf, size_t size, const nut_profile *p);
/* The change since the previous term, "on roll +3; SEN support +1 (+0.2
 * pts); ...", or NULL when there is no previous term. */
const char *nut_change_text(char *buf, size_t size, const nut_profile *p);
/* A list item as a page shows it, NULL when blank (the decoder has left off
 * a bullet or dash pasted in front of it, "• text"). */
const char *nut_item_text(const char *item);
/* The items of a list that are not blank. */
size_t nut_listed(const sk_text_list *l);
/* The previous term in words ("Autumn 2023"), or "the previous term". */
const char *nut_previous_term(char *buf, size_t size, const nut_profile *p);
/* Where the counts come from, a sentence: "Counts: Spring 2024 census, ...". */
const char *nut_counts_source(char *buf, size_t size, const nut_profile *p);
/* The school's census of another year, not used (p->other), a sentence
 * ("Latest census: Spring 2024, ..."), or NULL. */
const char *nut_other_census_text(char *buf, size_t size, const nut_profile *p);
/* Why there is no profile of need, a sentence. */
const char *nut_no_need(const nut_profile *p);
/* What the next reviews' heading says in brackets: "from 1 March 2024", or
 * "the next 3 of 9 dates from 1 March 2024" when there are more dates. */
const char *nut_reviews_shown(char *buf, size_t size, const nut_profile *p);
/* Which of the next review dates (p->next) a review date is, or next_count
 * when it is none of them. */
size_t nut_next_index(const nut_profile *p, const sk_timed *review);
/* Dates as governors write them: "15 March 2024"; NULL when not a date. */
const char *nut_date_text(char *buf, size_t size, sk_date d);
/* A date, timescale or review date in words when written as a date, else
 * its text as written; NULL when blank. */
const char *nut_timed_text(char *buf, size_t size, const sk_timed *t);
/* A census term in words: "spring-2024" is "Spring 2024", "2024-01-18" is
 * "18 January 2024"; other labels as written; NULL when blank. */
const char *nut_term_text(char *buf, size_t size, const char *term);
/* Why the national `what` ("figures", "distribution of need") shown is not
 * of the profile's own year (none of that year is known, so none is shown;
 * the year is not known, so the latest is), or NULL when it is. */
const char *nut_national_note(char *buf, size_t size, const nut_profile *p,
			      const sk_national_entry *used, const char *what);
bool nut_value_set(const char *s);                   /* non-NULL and not blank */

/* One action as the trust's template lays it out, for --full: its fields in
 * order, each with its label, its text in words (dates as governors write
 * them, costs as money), or NULL and why not. Impact at term 3 and term 5
 * always (the template's), other terms when recorded. */
enum { NUT_F_STEPS = 0, NUT_F_LEAD, NUT_F_WHEN, NUT_F_COST, NUT_F_SUCCESS, NUT_F_REVIEW_DATE,
       NUT_F_REVIEW_METHOD, NUT_F_IMPACT, NUT_FIELDS = NUT_F_IMPACT + SK_TERMS };

typedef struct nut_field {
	const char *label;   /* "Steps", "Success criteria", "Impact, term 3" */
	const char *key;     /* "steps", "success", "term3" */
	const char *text;    /* NULL when not given */
	const char *why;     /* "missing", "not recorded" */
} nut_field;

typedef struct nut_action_full {
	char when[NUT_TEXT_MAX], cost[48], review[NUT_TEXT_MAX];
	nut_field field[NUT_FIELDS];
	size_t count;        /* fields filled; the impacts are field[NUT_F_IMPACT..count) */
} nut_action_full;

void nut_action_full_fill(nut_action_full *out, const sk_strategy_action *a);

typedef struct nut_render_opts {
	bool color;
	bool full;           /* --full: the whole strategy after the profile */
	int page;            /* html: the profile's number in its document, from 1,
			      * for ids unique within it */
} nut_render_opts;

/* Renderers: write one profile. The HTML one writes a page per profile
 * between nut_html_begin and nut_html_end. */
void nut_render_table(FILE *out, const nut_profile *p, const nut_render_opts *o);
void nut_render_markdown(FILE *out, const nut_profile *p, const nut_render_opts *o);
void nut_render_json(FILE *out, const nut_profile *p, const nut_render_opts *o);
/* more_css (or NULL) follows the page's own style sheet; every sheet is A4,
 * landscape when asked. */
void nut_html_begin(FILE *out, const char *title, const char *more_css, bool landscape);
/* s as HTML text, in the visible form every output uses. */
void nut_html_text(FILE *out, const char *s);
void nut_render_html(FILE *out, const nut_profile *p, const nut_render_opts *o);
void nut_html_end(FILE *out);

#endif
