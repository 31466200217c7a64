/* sk_text_decode: whatever it accepts comes out as UTF-8 without a NUL. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	char *out = NULL;
	size_t len = 0;
	sk_encoding enc = SK_ENC_CP1252;
	int rc = sk_text_decode(&out, &len, &enc, (const char *)data, size, "fuzz.txt", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ENOMEM || rc == SK_ELIMIT);
	if (rc == SK_OK) {
		FUZZ_CHECK(out && out[len] == '\0');
		FUZZ_CHECK(strlen(out) == len);
		FUZZ_CHECK(sk_utf8_valid(out, len));
		FUZZ_CHECK(sk_encoding_name(enc) != NULL);
	} else {
		FUZZ_CHECK(sk_diags_count(diags) > 0 || rc == SK_ENOMEM);
	}
	fuzz_check_diags(diags, "fuzz.txt");
	free(out);

	char *w = NULL;
	if (sk_cp1252_to_utf8(&w, &len, (const char *)data, size) == SK_OK) {
		FUZZ_CHECK(w[len] == '\0' && sk_utf8_valid(w, len));
		free(w);
	}
	sk_diags_free(diags);
	return 0;
}
