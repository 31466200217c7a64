/* The library's one string hash and open-addressing index (hash_internal.h). */
#include "hash_internal.h"

uint32_t sk_hash__bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

size_t sk_hash__probe(const uint32_t *slots, size_t nslots, uint32_t hash,
		      sk_hash__same_fn same, const void *ctx)
{
	size_t mask = nslots - 1;
	size_t i = hash & mask;
	while (slots[i] && !(same && same(ctx, slots[i])))
		i = (i + 1) & mask;
	return i;
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
