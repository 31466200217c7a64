/* sk_strategy_load: any bytes give a (possibly partial) strategy or an error. */
#include "fuzz.h"

static void check_text(sk_text t)
{
	if (t.s)
		FUZZ_CHECK(sk_utf8_valid(t.s, strlen(t.s)));
}

static void check_list(const sk_text_list *l)
{
	FUZZ_CHECK(l->count == 0 || l->items);
	for (size_t i = 0; i < l->count; i++) {
		FUZZ_CHECK(l->items[i].s);
		check_text(l->items[i]);
	}
}

static void check_timed(const sk_timed *t)
{
	check_text(t->text);
	if (t->when.kind == SK_WHEN_DATE || t->when.kind == SK_WHEN_RANGE)
		FUZZ_CHECK(sk_date_valid(t->when.due));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	sk_strategy *s = NULL;
	int rc = sk_strategy_load(&s, (const char *)data, size, "fuzz.yaml", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ELIMIT || rc == SK_ENOMEM);
	FUZZ_CHECK((rc == SK_OK) == (s != NULL));
	if (s) {
		check_text(s->school.name);
		check_text(s->school.urn);
		check_timed(&s->summary.census);
		check_timed(&s->headlines.review_date);
		check_list(&s->headlines.strengths);
		check_list(&s->headlines.recommendations);
		for (int a = 0; a < SK_AREA_COUNT; a++) {
			const sk_strategy_area *area = &s->areas[a];
			check_list(&area->strengths);
			check_list(&area->recommendations);
			FUZZ_CHECK(area->action_count == 0 || area->actions);
			for (size_t i = 0; i < area->action_count; i++) {
				const sk_strategy_action *act = &area->actions[i];
				check_text(act->action);
				check_text(act->cost.text);
				if (act->cost.valid)
					FUZZ_CHECK(act->cost.pence >= 0);
				check_timed(&act->timescale);
				check_timed(&act->review_date);
				for (int t = 0; t < SK_TERMS; t++)
					check_text(act->impact[t]);
			}
			if (area->budget.valid)
				FUZZ_CHECK(area->budget.pence >= 0);
		}
	} else {
		FUZZ_CHECK(sk_diags_count_severity(diags, SK_ERROR) > 0 || rc == SK_ENOMEM);
	}
	fuzz_check_diags(diags, "fuzz.yaml");
	sk_strategy_free(s);
	sk_diags_free(diags);
	return 0;
}
