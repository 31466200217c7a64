/* sk_review_load: any bytes give a (possibly partial) review or an error. */
#include "fuzz.h"

static void check_text(sk_text t)
{
	if (t.s)
		FUZZ_CHECK(sk_utf8_valid(t.s, strlen(t.s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	sk_review *r = NULL;
	int rc = sk_review_load(&r, (const char *)data, size, "fuzz.yaml", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ELIMIT || rc == SK_ENOMEM);
	FUZZ_CHECK((rc == SK_OK) == (r != NULL));
	if (r) {
		check_text(r->title);
		check_text(r->of_trust);
		check_text(r->school_name);
		for (int a = 0; a < SK_AREA_COUNT; a++) {
			const sk_review_area *area = &r->areas[a];
			FUZZ_CHECK(area->count == 0 || area->statements);
			for (size_t i = 0; i < area->count; i++) {
				const sk_statement *st = &area->statements[i];
				check_text(st->id);
				check_text(st->statement);
				FUZZ_CHECK(st->judgement >= SK_JUDGE_MISSING &&
					   st->judgement <= SK_JUDGE_NOT_JUDGED);
				for (size_t j = 0; j < st->action_count; j++) {
					const sk_review_action *act = &st->actions[j];
					check_text(act->owner);
					if (act->due.when.kind == SK_WHEN_DATE ||
					    act->due.when.kind == SK_WHEN_RANGE)
						FUZZ_CHECK(sk_date_valid(act->due.when.due));
				}
				for (size_t j = 0; j < st->links.count; j++)
					check_text(st->links.items[j]);
			}
		}
	} else {
		FUZZ_CHECK(sk_diags_count_severity(diags, SK_ERROR) > 0 || rc == SK_ENOMEM);
	}
	fuzz_check_diags(diags, "fuzz.yaml");
	sk_review_free(r);
	sk_diags_free(diags);
	return 0;
}
