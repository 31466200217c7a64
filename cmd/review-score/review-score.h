/* review-score.h: what main.c (options, inputs, the score table) shares with
 * explain.c (the --explain and --priorities reports, text for people). */
#ifndef SK_REVIEW_SCORE_H
#define SK_REVIEW_SCORE_H

#include <stdio.h>

#include "sendkit/sendkit.h"

/* A scored review, as the reports see it. */
typedef struct rs_scored {
	const char *name;              /* display name of the file */
	const sk_review *review;
	const sk_score_options *options;
	const sk_review_score *score;
} rs_scored;

/* Writes a score in tenths as "66.7" (buf of at least 16 bytes); "" for none. */
const char *rs_pct(char buf[16], int tenths);

/* How each area's score and rating follow, statement by statement. */
void rs_explain(FILE *out, const rs_scored *s);
/* The `n` lowest-scoring areas and their statements not in place, then the
 * `n` highest and their statements in place. */
void rs_priorities(FILE *out, const rs_scored *s, int n);

#endif
