/* sendkit/score.h: scoring a SEND review (sendkit-review(5)) and checking
 * its ids and links. Pure functions of their arguments ("today" is passed in).
 *
 * Ownership: results are plain structs the caller owns; nothing to free. */
#ifndef SENDKIT_SCORE_H
#define SENDKIT_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/area.h"
#include "sendkit/diag.h"
#include "sendkit/review.h"
#include "sendkit/when.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_rating {
	SK_RATING_NONE = 0,    /* nothing judged: no score */
	SK_RATING_STRENGTH,
	SK_RATING_DEVELOPING,
	SK_RATING_PRIORITY
} sk_rating;

/* "strength", "developing", "priority"; "" for none. */
SK_API const char *sk_rating_name(sk_rating r);

typedef struct sk_score_options {
	int points[3];         /* in_place, partly_in_place, not_in_place: default 2, 1, 0 */
	int strength_pct;      /* a score at or above this is a strength: default 75 */
	int developing_pct;    /* at or above this (and below strength) developing: default 40 */
	sk_date as_of;         /* actions due before this day are overdue; {0} counts none */
} sk_score_options;

SK_API void sk_score_options_default(sk_score_options *out);

typedef struct sk_area_score {
	bool present;               /* the area is in the file */
	size_t statements;
	size_t judged;              /* statements judged (not not_judged, not missing) */
	size_t in_place, partly_in_place, not_in_place;
	long points;
	long max_points;            /* judged x the in_place points */
	int score_tenths;           /* score in tenths of a percent, rounded half up; -1 when nothing judged */
	sk_rating rating;
	size_t actions;
	size_t actions_without_owner;
	size_t actions_without_due; /* no due, or one no date can be read from */
	size_t actions_overdue;     /* due before options.as_of */
	size_t broken_links;        /* links to ids not in the file, and links to itself */
} sk_area_score;

typedef struct sk_review_score {
	sk_area_score areas[SK_AREA_COUNT];
	sk_area_score overall;      /* the same sums over every statement in the file */
} sk_review_score;

/* Scores a decoded review. Returns SK_OK, or SK_EINVAL for options that make
 * no sense (bands out of 0-100 or developing above strength, points not
 * decreasing or negative). */
SK_API int sk_review_score_compute(sk_review_score *out, const sk_review *review,
				   const sk_score_options *options);

/* Checks ids and links, adding one diagnostic each: "duplicate-id" (error, at
 * the second statement), "broken-link" (error: a link to an id not in the
 * file, at the link), "self-link" (warning: a statement linked to itself).
 * Links both ways between two statements are normal and not reported. */
SK_API int sk_review_check_links(const sk_review *review, sk_diags *diags);

/* A review's statements by id, for following links: built once in
 * n log n, looked up in log n. It points into the review, which must outlive it. */
typedef struct sk_review_index sk_review_index;

/* SK_OK, or SK_ENOMEM (and *out NULL). Free with sk_review_index_free. */
SK_API int sk_review_index_new(sk_review_index **out, const sk_review *review);
/* The first statement, in file order, whose id is `id`, or NULL. */
SK_API const sk_statement *sk_review_index_find(const sk_review_index *index, const char *id);
/* Frees the index (not the review); NULL is harmless. */
SK_API void sk_review_index_free(sk_review_index *index);

#ifdef __cplusplus
}
#endif
#endif
