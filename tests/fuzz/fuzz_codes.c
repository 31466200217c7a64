/* sk_provision_parse and sk_need_parse on counted, unterminated text. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy, so a read past `len` is caught by the sanitizer. */
	char *s = malloc(size ? size : 1);
	if (!s)
		return 0;
	if (size)
		memcpy(s, data, size);

	sk_provision p = SK_PROV_COUNT;
	sk_provision_legacy legacy = SK_LEGACY_NONE;
	int rc = sk_provision_parse(&p, &legacy, s, size);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL);
	if (rc == SK_OK) {
		FUZZ_CHECK(p < SK_PROV_COUNT);
		FUZZ_CHECK(sk_provision_code(p) && sk_provision_label(p));
		FUZZ_CHECK(legacy == SK_LEGACY_NONE || legacy == SK_LEGACY_STATEMENT ||
			   legacy == SK_LEGACY_SCHOOL_ACTION || legacy == SK_LEGACY_MONITORING);
		/* The code it gives reads back as itself. */
		const char *code = sk_provision_code(p);
		sk_provision again;
		FUZZ_CHECK(sk_provision_parse(&again, NULL, code, strlen(code)) == SK_OK);
		FUZZ_CHECK(again == p);
	}

	sk_need n = SK_NEED_COUNT;
	rc = sk_need_parse(&n, s, size);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL);
	FUZZ_CHECK(n < SK_NEED_COUNT);
	if (rc == SK_OK) {
		FUZZ_CHECK(n != SK_NEED_UNKNOWN);
		const char *code = sk_need_code(n);
		sk_need again;
		FUZZ_CHECK(sk_need_parse(&again, code, strlen(code)) == SK_OK && again == n);
		FUZZ_CHECK(sk_need_label(n) && sk_need_key(n));
		FUZZ_CHECK(sk_need_broad_area(n) < SK_BROAD_COUNT);
	} else {
		FUZZ_CHECK(n == SK_NEED_UNKNOWN);
	}

	/* The same bytes as a codes file: refused whole, or its labels read. */
	sk_codes *codes = sk_codes_new();
	sk_diags *diags = sk_diags_new();
	if (codes && diags) {
		rc = sk_codes_read(codes, s, size, "codes.csv", diags);
		FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ENOMEM);
		FUZZ_CHECK(rc != SK_EINVAL || sk_diags_count_severity(diags, SK_ERROR) > 0);
		rc = sk_codes_provision(&p, NULL, codes, s, size);
		FUZZ_CHECK(rc != SK_OK || p < SK_PROV_COUNT);
		rc = sk_codes_need(&n, codes, s, size);
		FUZZ_CHECK(rc != SK_OK || n < SK_NEED_UNKNOWN);
	}
	sk_diags_free(diags);
	sk_codes_free(codes);
	free(s);
	return 0;
}
