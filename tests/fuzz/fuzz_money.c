/* sk_money_parse and sk_money_format: whatever parses is whole, non-negative
 * pence that format back to text reading the same amount. */
#include "fuzz.h"

static void check_format(int64_t pence)
{
	char buf[64], small[8];
	size_t len = sk_money_format(buf, sizeof buf, pence);
	FUZZ_CHECK(len < sizeof buf && strlen(buf) == len);
	FUZZ_CHECK(sk_money_format(small, sizeof small, pence) == len);
	FUZZ_CHECK(strlen(small) == (len < sizeof small ? len : sizeof small - 1));
	FUZZ_CHECK(sk_money_format(NULL, 0, pence) == len);
	if (pence >= 0) {
		int64_t back = -1;
		FUZZ_CHECK(sk_money_parse(&back, buf) == SK_OK);
		FUZZ_CHECK(back == pence);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstring(data, size);
	int64_t pence = -1;
	int rc = sk_money_parse(&pence, s);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ERANGE);
	if (rc == SK_OK) {
		FUZZ_CHECK(pence >= 0);
		check_format(pence);
	}
	if (size >= 8) {
		int64_t any;
		memcpy(&any, data, sizeof any);
		check_format(any);
	}
	free(s);
	return 0;
}
