/* sendkit/review.h: a SEND review of a school or a trust
 * (sendkit-review(5)).
 *
 * Ownership: as for sk_strategy: the review copies what it keeps and owns
 * every pointer inside it. An sk_review_index (sk_review_index_free) points
 * into its review, which must outlive it. */
#ifndef SENDKIT_REVIEW_H
#define SENDKIT_REVIEW_H

#include "sendkit/area.h"
#include "sendkit/diag.h"
#include "sendkit/model.h"
#include "sendkit/yaml.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_judgement {
	SK_JUDGE_MISSING = 0,      /* absent or not one of the four */
	SK_JUDGE_IN_PLACE,
	SK_JUDGE_PARTLY_IN_PLACE,
	SK_JUDGE_NOT_IN_PLACE,
	SK_JUDGE_NOT_JUDGED
} sk_judgement;

/* Reads in_place, partly_in_place, not_in_place, not_judged, ignoring case
 * and treating spaces and hyphens as underscores ("Partly in place").
 * SK_OK or SK_EINVAL (*out = SK_JUDGE_MISSING). */
SK_API int sk_judgement_parse(sk_judgement *out, const char *text);
/* "in_place"...; "" for SK_JUDGE_MISSING. */
SK_API const char *sk_judgement_key(sk_judgement j);

typedef struct sk_review_action {
	sk_pos pos;
	sk_text action;
	sk_text owner;
	sk_timed due;
} sk_review_action;

typedef struct sk_statement {
	sk_pos pos;                /* where the list item starts */
	sk_text id;
	sk_text statement;
	sk_text judgement_text;
	sk_judgement judgement;
	sk_text evidence;
	const sk_review_action *actions;
	size_t action_count;
	sk_text_list links;
} sk_statement;

typedef struct sk_review_area {
	bool present;
	sk_pos pos;                /* the area's key */
	const sk_statement *statements;
	size_t count;
} sk_review_area;

typedef struct sk_review {
	const char *file;
	sk_text title;
	sk_pos of_pos;
	sk_text of_trust;          /* set when the review is of a trust */
	sk_text school_name;       /* set when it is of a school */
	sk_text school_urn;
	sk_timed date;
	int year_start;            /* the academic year `date` falls in; 0 if unknown */
	sk_pos areas_pos;
	bool areas_present;
	sk_review_area areas[SK_AREA_COUNT];
} sk_review;

/* Decodes a parsed document, collecting every problem in one pass. Rules as
 * for sk_strategy_decode, plus:
 *   bad-judgement   a judgement that is not one of the four
 *   bad-date        the review `date`, or an action's `due`, that no date can be read from
 *   of-conflict     `of` names both a trust and a school (naming neither is missing-field)
 * Unique ids and links that resolve are the caller's to check. Returns as
 * sk_strategy_decode does. */
SK_API int sk_review_decode(sk_review **out, const sk_ydoc *doc, sk_diags *diags);
SK_API int sk_review_load(sk_review **out, const char *bytes, size_t len,
			  const char *file, sk_diags *diags);
SK_API void sk_review_free(sk_review *review);

/* Checks ids and links, adding one diagnostic each: "duplicate-id" (error, at
 * the second statement), "broken-link" (error: a link to an id not in the
 * file, at the link), "self-link" (warning: a statement linked to itself).
 * Links both ways between two statements are normal and not reported. */
SK_API int sk_review_check_links(const sk_review *review, sk_diags *diags);

/* A review's statements by id, for following links: built once in
 * n log n, looked up in log n. It points into the review, which must outlive it. */
typedef struct sk_review_index sk_review_index;

/* NULL when out of memory. Free with sk_review_index_free. */
SK_API sk_review_index *sk_review_index_new(const sk_review *review);
/* The first statement, in file order, whose id is `id`, or NULL. */
SK_API const sk_statement *sk_review_index_find(const sk_review_index *index, const char *id);
/* Frees the index (not the review); NULL is harmless. */
SK_API void sk_review_index_free(sk_review_index *index);

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability). Whether an action is overdue
 * on as_of: its due date, or the end of its range, is before that day. An
 * unset as_of makes none overdue. The one rule review-score counts and
 * explains by. */
SK_API bool sk_review_action_overdue(const sk_review_action *action, sk_date as_of);
#endif /* SENDKIT_UNSTABLE_API */

#ifdef __cplusplus
}
#endif
#endif
