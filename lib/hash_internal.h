/* hash_internal.h: the library's one string hash and open-addressing index,
 * for the census's schools, the codes file's labels, a census summary's
 * rows, YAML maps' keys, action-lint's schools and a school's pupils (census_pupils.c). An index is an array of nslots uint32_t (a power of
 * two, kept at most half full), each 0 (free) or an entry's index + 1. */
#ifndef SENDKIT_HASH_INTERNAL_H
#define SENDKIT_HASH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* FNV-1a of len bytes. */
uint32_t sk_hash__bytes(const char *s, size_t len);
/* sk_hash__bytes a byte at a time, for a caller that makes its bytes as it
 * goes: h = SK_HASH__FNV32_BASIS, then h = sk_hash__step(h, c) for each. */
#define SK_HASH__FNV32_BASIS UINT32_C(2166136261)
static inline uint32_t sk_hash__step(uint32_t h, unsigned char c)
{
	return (h ^ c) * UINT32_C(16777619);
}
/* 64-bit FNV-1a of len bytes, going on from h (SK_HASH__FNV64_BASIS to start). */
#define SK_HASH__FNV64_BASIS UINT64_C(0xcbf29ce484222325)
uint64_t sk_hash__bytes64(uint64_t h, const char *s, size_t len);

/* Whether the entry whose slot value (index + 1) is `value` is the one sought. */
typedef bool (*sk_hash__same_fn)(const void *ctx, uint32_t value);
/* The one probe loop: the slot, from hash on, of the first entry that `same`
 * says is the one sought, else of the first free slot (where it would go).
 * With same NULL, the first free slot. The index must have a free slot. */
static inline size_t sk_hash__probe(const uint32_t *slots, size_t nslots, uint32_t hash,
				    sk_hash__same_fn same, const void *ctx)
{
	size_t mask = nslots - 1, i = hash & mask;

	/* Inline, so that a hot caller's `same` is inlined too. */
	while (slots[i] && !(same && same(ctx, slots[i])))
		i = (i + 1) & mask;
	return i;
}
/* Puts value in the first free slot from hash on. */
void sk_hash__slot_put(uint32_t *slots, size_t nslots, uint32_t hash, uint32_t value);
/* The number of slots for an index of n entries: a power of two, at least 64
 * and at least 2n; 0 when that does not fit in size_t. */
size_t sk_hash__slots_for(size_t n);

#endif
