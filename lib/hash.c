/* The library's one string hash and open-addressing index (hash_internal.h). */
#include "hash_internal.h"

uint32_t sk_hash__bytes(const char *s, size_t len)
{
	uint32_t h = SK_HASH__FNV32_BASIS;
	for (size_t i = 0; i < len; i++)
		h = sk_hash__step(h, (unsigned char)s[i]);
	return h;
}

uint64_t sk_hash__bytes64(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return h;
}

void sk_hash__slot_put(uint32_t *slots, size_t nslots, uint32_t hash, uint32_t value)
{
	slots[sk_hash__probe(slots, nslots, hash, NULL, NULL)] = value;
}

size_t sk_hash__slots_for(size_t n)
{
	size_t nslots = 64;
	while (nslots / 2 < n) {
		if (nslots > SIZE_MAX / 2)
			return 0;
		nslots *= 2;
	}
	return nslots;
}
