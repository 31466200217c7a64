/* hub.h: the hub's or the trust's Nutshell, every school of a hub on one
 * page (nutshell --hub, --trust, --all-hubs). hub.c gathers each figure from
 * the library (the census summary's rows, sk_profile_*, sk_score_compute,
 * sk_lint_file); hub_tables.c lays them out as tables that every format
 * writes (hub_render.c). */
#ifndef SK_NUTSHELL_HUB_H
#define SK_NUTSHELL_HUB_H

#include "sendkit/lint.h"
#include "sendkit/score.h"

#include "nutshell.h"

#define HUB_TERMS 24          /* terms shown in the trend */
#define HUB_FOCUS 3           /* broad areas, needs and review areas named for CPD */

/* A strategy or a review of the shared folder, with what the page needs of it. */
typedef struct hub_strategy {
	sk_strategy *st;
	char *file;
	size_t errors, warnings;        /* action-lint's, each file on its own */
	size_t unsaid;                  /* ... errors nutshell does not say itself */
	sk_value budget;                /* its total, as its school page gives it */
} hub_strategy;

typedef struct hub_review {
	sk_review *rv;
	char *file;
	size_t unsaid;                  /* action-lint's errors nutshell does not say */
} hub_review;

/* A text and where it is (an index): sorted by text, then place, one sort
 * finds each text's entries in their order. */
typedef struct hub_keyed {
	const char *key;
	size_t at;
} hub_keyed;

typedef struct hub_inputs {
	const sk_summary *census;
	const sk_national *national;
	sk_date as_of;
	bool suppress;                  /* --suppress: never show a count below it */
	hub_strategy *strategies;
	size_t strategy_count, strategy_cap;
	hub_review *reviews;
	size_t review_count, review_cap;
	sk_summary_term *terms;         /* the census's terms, oldest first */
	size_t term_count;
	hub_keyed *strategy_index;      /* the strategies with a URN, by URN, then place */
	size_t strategy_urns;
	hub_keyed *review_index;        /* the reviews with a URN, by URN, then place */
	size_t review_urns;
	const sk_summary_row **by_hub;  /* its school rows by hub, then line */
	const sk_summary_row **by_urn;  /* the first school row of each URN, by URN */
	size_t school_rows, urns;
} hub_inputs;

/* One row of the schools side by side: a school, or a reference (hub, LA,
 * trust, national). */
typedef struct hub_line {
	const char *title;               /* school name, hub or LA name, "Trust", "National" */
	const char *level;               /* "school", "hub", "la", "trust", "national" */
	const char *urn;                 /* schools only */
	const sk_summary_row *row, *prev; /* in the page's latest and previous terms */
	sk_counts counts;
	sk_value on_roll, on_roll_change;
	nut_figure fig[SK_MEASURE_COUNT];
	sk_value broad[SK_BROAD_COUNT];  /* shares of the pupils with SEN, tenths */
} hub_line;

typedef struct hub_school {
	hub_line line;
	const char *la;
	const hub_strategy *strategy;    /* --as-of's school year's, or the latest before */
	const hub_strategy *later;       /* the newest for a year after --as-of's: not used */
	char year[16];
	sk_value budget;
	size_t actions;
	const hub_review *review;        /* the latest on or before --as-of with a judgement */
	const hub_review *passed;        /* the newest review passed over for it, or NULL */
	bool passed_after;               /* ... as dated after --as-of (else: nothing judged) */
	sk_review_score score;
} hub_school;

/* A figure where the hub is furthest above national. */
typedef struct hub_focus_need {
	const char *key, *label;
	sk_value count, share, national, diff;   /* tenths; diff in points */
} hub_focus_need;

/* A review area across the schools reviewed. */
typedef struct hub_focus_area {
	int area;
	size_t reviewed, priority, developing;
	int lowest;                              /* lowest score in tenths; -1 none judged */
	sk_value pooled;                         /* every school's points over the maximum */
} hub_focus_area;

typedef struct hub_trend {
	const char *term;
	bool present;                            /* the group has a row in the term */
	sk_value pct[SK_MEASURE_COUNT];
	int year;                                /* the term's January census; 0 undated */
	const sk_national_entry *nat;            /* that January's, or NULL (never another's) */
	sk_value nat_pct[SK_MEASURE_COUNT];
} hub_trend;

typedef struct hub_page {
	const char *hub;                 /* NULL: the trust's page */
	char slug[160];
	const char *latest, *previous;   /* term labels, NULL when none */
	const char *set_aside;           /* an undated term beside dated ones, or NULL */
	const sk_summary_term *undated;  /* every such term (set_aside the first) */
	size_t undated_count;
	int census_year;
	const sk_national_entry *nat, *nat_need;
	sk_counts nat_counts, nat_need_counts;
	hub_school *schools;
	size_t school_count;
	hub_line *refs;                  /* hubs or LAs, the trust, the nation */
	size_t ref_count, ref_cap;
	const hub_line *group;           /* the hub's or the trust's own line, or NULL */
	sk_date as_of;
	bool suppress;
	size_t reviewed, with_strategy;
	hub_focus_need broad[HUB_FOCUS], need[HUB_FOCUS];
	size_t broad_count, need_count;
	hub_focus_area area[SK_AREA_COUNT];  /* weakest first */
	size_t area_count;                    /* areas judged in some review */
	size_t priority[SK_AREA_COUNT];       /* schools rating each area priority (sk_area order) */
	hub_trend trend[HUB_TERMS];         /* the latest terms, oldest first */
	size_t terms_left_out;                /* older terms not in the trend */
	size_t trend_count;
} hub_page;

/* The hubs the census summary names (school rows' hub), in first-seen order:
 * *out (the caller frees the array; the names are the summary's) and
 * *count. SK_OK or SK_ENOMEM. */
int hub_names(const char ***out, size_t *count, const sk_summary *census);
/* Keeps the first of each text of v, in their order: *n becomes how many
 * are left. SK_OK or SK_ENOMEM. */
int hub_unique(const char **v, size_t *n);
/* Says strategy-incomplete once for each strategy, and review-errors for
 * each review, some page of `pages` shows with errors action-lint finds
 * that nutshell does not say itself (one no page shows is not named). SK_OK
 * or SK_ENOMEM. */
int hub_pages_lint(const hub_page *pages, size_t n, const hub_inputs *in, sk_diags *diags);
/* Builds the page of `hub` (NULL: the trust). SK_OK or SK_ENOMEM. */
int hub_page_build(hub_page *out, const hub_inputs *in, const char *hub);
void hub_page_free(hub_page *page);

/* Loads one file of the shared folder: a strategy (linted as action-lint
 * does) or a review; a file found in a folder that is neither is skipped.
 * Diagnostics go to diags. An exit status. */
int hub_inputs_add(hub_inputs *in, const char *path, bool given, const sk_lint_config *config,
		   sk_diags *diags);
void hub_inputs_free(hub_inputs *in);
/* Indexes the census summary's school rows, its terms, and the strategies
 * and reviews by URN, once, so that a page costs its own schools, not the
 * whole folder (--all-hubs over 1,000 hubs, 20,000 strategies). SK_OK or SK_ENOMEM. */
int hub_inputs_index(hub_inputs *in);
/* Two strategies for one school and year, and two reviews of one school on
 * one date, as errors (rules "duplicate-strategy", "duplicate-review").
 * SK_OK or SK_ENOMEM. */
int hub_inputs_check(const hub_inputs *in, sk_diags *diags);
/* A review whose URN is no school's of the census summary or of a strategy,
 * as a warning (rule "review-unmatched"): no page would show it. After
 * hub_inputs_index. SK_OK or SK_ENOMEM. */
int hub_inputs_unmatched(const hub_inputs *in, sk_diags *diags);
/* A strategy whose hub is not the census summary's for its URN in any term,
 * as a warning at the strategy's hub key (rule "census-hub-differs"): its
 * school is shown in the census's hub. After hub_inputs_index. SK_OK or
 * SK_ENOMEM. */
int hub_inputs_hub_differs(const hub_inputs *in, const char *census_file, sk_diags *diags);
/* Whether the census summary has a school row for `urn` in some term. */
bool hub_in_census(const hub_inputs *in, const char *urn);
/* Two school rows for one URN in a term of the summary `file`, as warnings
 * (rule "duplicate-urn"). SK_OK or SK_ENOMEM. */
int hub_census_check(const sk_summary *census, const char *file, sk_diags *diags);

/* ---- the tables every format writes ---- */

typedef enum hub_section {
	HUB_SCHOOLS = 0, HUB_NEED, HUB_REVIEWS, HUB_STRATEGIES, HUB_FOCUS_NEEDS,
	HUB_FOCUS_REVIEWS, HUB_TREND, HUB_SECTIONS
} hub_section;

/* JSON: column keys and plain numbers; people: words and "1,234"; a
 * terminal: as for people, a name past HUB_NAME_MAX characters cut with "…". */
typedef enum hub_style { HUB_FOR_PEOPLE = 0, HUB_FOR_JSON, HUB_FOR_TERMINAL } hub_style;
#define HUB_NAME_MAX 48

const char *hub_section_key(hub_section s);     /* "schools", "need"... */
const char *hub_section_title(hub_section s);   /* "Schools side by side"... */
/* What a section with no rows says: "None.", or why it cannot say. */
const char *hub_section_empty(const hub_page *p, hub_section s);
/* The section as a table (the caller frees it), or NULL when out of memory. */
sk_table *hub_section_table(const hub_page *p, hub_section s, hub_style style);
/* The page's heading words: "Mendip hub" or "The trust". */
const char *hub_page_title(char *buf, size_t size, const hub_page *p);
/* "Spring 2024 census, compared with Autumn 2023; national figures January 2024". */
const char *hub_page_source(char *buf, size_t size, const hub_page *p);
/* The missing pieces, a sentence each; the caller frees the list and its items. */
char **hub_page_notes(size_t *out_count, const hub_page *p);
void hub_notes_free(char **notes, size_t count);

void hub_render_table(FILE *out, const hub_page *p);
void hub_render_markdown(FILE *out, const hub_page *p);
void hub_render_json(FILE *out, const hub_page *p);
void hub_render_html(FILE *out, const hub_page *p);
/* What the hub's page adds to nutshell's style sheet (A4 landscape). */
extern const char hub_html_css[];

#endif
