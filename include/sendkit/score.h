/* sendkit/score.h: scoring a SEND review (sendkit-review(5)). Pure
 * functions of their arguments ("today" is passed in).
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

/* Options are versioned (libsendkit(3), Stability): set them with
 * SK_SCORE_OPTIONS_INIT or sk_score_options_init, then change fields. */
#define SK_SCORE_OPTIONS_VERSION 1

typedef struct sk_score_options {
	unsigned version;      /* SK_SCORE_OPTIONS_VERSION */
	int points[3];         /* in_place, partly_in_place, not_in_place: default 2, 1, 0 */
	int strength_pct;      /* a score at or above this is a strength: default 75 */
	int developing_pct;    /* at or above this (and below strength) developing: default 40 */
	sk_date as_of;         /* actions due before this day are overdue; {0} counts none */
} sk_score_options;

/* The defaults, as a static initialiser and as a function. */
#define SK_SCORE_OPTIONS_INIT {SK_SCORE_OPTIONS_VERSION, {2, 1, 0}, 75, 40, {0, 0, 0}}
/* Fills *out with the defaults of options `version`: SK_OK, or SK_EINVAL
 * (nothing written) for a version this library does not know. */
SK_API int sk_score_options_init(sk_score_options *out, unsigned version);

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

/* Scores a decoded review (options NULL: the defaults). Returns SK_OK, or
 * SK_EINVAL for options of an unknown version or that make no sense (bands
 * out of 0-100 or developing above strength, points not decreasing or
 * negative). */
SK_API int sk_score_compute(sk_review_score *out, const sk_review *review,
				   const sk_score_options *options);

#ifdef __cplusplus
}
#endif
#endif
