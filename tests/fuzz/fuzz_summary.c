/* sk_summary_load: the census summary CSV that nutshell reads. */
#include "fuzz.h"
#include "sendkit/summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	sk_summary *s = NULL;
	int rc = sk_summary_load(&s, (const char *)data, size, "fuzz.csv", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ENOMEM || rc == SK_ELIMIT);
	FUZZ_CHECK((rc == SK_OK) == (s != NULL));
	if (s) {
		size_t n = sk_summary_row_count(s);
		for (size_t i = 0; i < n; i++) {
			const sk_summary_row *r = sk_summary_row_at(s, i);
			FUZZ_CHECK(r && r->term && r->level && r->key);
		}
		if (n) {
			const sk_summary_row *latest, *previous;
			sk_summary_find_school(&latest, &previous, s, sk_summary_row_at(s, 0)->key);
			sk_summary_find_school(&latest, &previous, s, "123456");
		}
	}
	fuzz_check_diags(diags, "fuzz.csv");
	sk_summary_free(s);
	sk_diags_free(diags);
	return 0;
}
