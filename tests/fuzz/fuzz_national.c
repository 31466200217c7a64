/* sk_national_read: a CSV of national figures that replaces the built-in table. */
#include "fuzz.h"
#include "sendkit/national.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	sk_national *nat = sk_national_new();
	if (!nat || !diags)
		abort();
	size_t before = sk_national_count(nat);
	int rc = sk_national_read(nat, (const char *)data, size, "fuzz.csv", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ENOMEM);
	if (rc != SK_OK)
		FUZZ_CHECK(sk_national_count(nat) == before);
	for (size_t i = 0; i < sk_national_count(nat); i++) {
		const sk_national_entry *e = sk_national_at(nat, i);
		FUZZ_CHECK(e && e->year >= 1990 && e->year <= 2100);
		if (i > 0)
			FUZZ_CHECK(sk_national_at(nat, i - 1)->year < e->year);
		for (int m = 0; m < SK_MEASURE_COUNT; m++) {
			(void)sk_national_entry_count(e, (sk_measure)m);
			(void)sk_national_entry_pct(e, (sk_measure)m);
		}
	}
	(void)sk_national_pick(nat, 2024, true);
	(void)sk_national_pick(nat, 1980, false);
	fuzz_check_diags(diags, "fuzz.csv");
	sk_national_free(nat);
	sk_diags_free(diags);
	return 0;
}
