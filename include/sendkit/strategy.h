/* sendkit/strategy.h: a school's SEND strategy for one academic year
 * (sendkit-strategy(5)).
 *
 * Ownership: sk_strategy_decode/load give the caller an sk_strategy
 * (sk_strategy_free); it copies what it keeps, so the sk_ydoc may be freed
 * first. Every pointer inside is owned by the strategy. */
#ifndef SENDKIT_STRATEGY_H
#define SENDKIT_STRATEGY_H

#include "sendkit/area.h"
#include "sendkit/diag.h"
#include "sendkit/model.h"
#include "sendkit/yaml.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Impact review entries, `term1` to `term6` (the template has term3 and term5). */
#define SK_TERMS 6

typedef struct sk_strategy_action {
	sk_pos pos;                 /* where the list item starts */
	sk_text action;
	sk_amount cost;
	sk_text steps;
	sk_text lead;
	sk_timed timescale;
	sk_text success;
	sk_pos review_pos;          /* the `review:` map */
	sk_timed review_date;
	sk_text review_method;
	sk_text impact[SK_TERMS];   /* impact[2] is term3; .s NULL when not recorded */
} sk_strategy_action;

typedef struct sk_strategy_area {
	bool present;
	sk_pos pos;                 /* the area's key */
	sk_text_list strengths;
	sk_text_list recommendations;
	const sk_strategy_action *actions;
	size_t action_count;
	sk_pos actions_pos;         /* the `actions:` key */
	bool actions_present;
	sk_amount budget;           /* budget.text.s NULL when absent */
} sk_strategy_area;

typedef struct sk_strategy {
	const char *file;
	struct {
		sk_pos pos;
		bool present;
		sk_text name, urn, la, hub;
	} school;
	sk_text year;
	int year_start;             /* 2023 for 2023-2024; 0 when absent or unreadable */
	struct {
		sk_pos pos;
		bool present;
		sk_timed census;
		sk_count on_roll, sen_support, ehcp;
	} summary;
	struct {
		sk_pos pos;
		bool present;
		sk_timed review_date;
		sk_text_list strengths, recommendations;
	} headlines;
	sk_pos areas_pos;
	bool areas_present;
	sk_strategy_area areas[SK_AREA_COUNT];
} sk_strategy;

/* Decodes a parsed document, collecting every problem in one pass instead of
 * stopping at the first. Rules used (all errors unless said):
 *   not-sendkit     the root is not a map, or `sendkit:` is missing or not "strategy"
 *   unknown-key     a key the format does not have (warning), with "did you mean"
 *   wrong-type      a map where a list belongs, text where a number belongs...
 *   missing-field   a required key is absent, at the line where its item starts
 *   bad-money       a cost or budget that does not parse
 *   bad-date        a census or review date that no date can be read from, or
 *                   any date that cannot exist (a timescale of 2024-02-30)
 *   bad-year        a `year` that is not an academic year
 * Semantic checks (counts, budgets, headline counts, dates in the year) are
 * the caller's. Returns SK_OK (the model may be partial; look at the
 * diagnostics), SK_EINVAL with *out NULL when the file is not a strategy at
 * all, or SK_ENOMEM. */
SK_API int sk_strategy_decode(sk_strategy **out, const sk_ydoc *doc, sk_diags *diags);

/* sk_ydoc_load followed by sk_strategy_decode. */
SK_API int sk_strategy_load(sk_strategy **out, const char *bytes, size_t len,
			    const char *file, sk_diags *diags);

SK_API void sk_strategy_free(sk_strategy *strategy);

#ifdef __cplusplus
}
#endif
#endif
