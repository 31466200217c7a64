/* mem_internal.h: the library's one way to grow an array, to allocate one
 * with its size checked, and its one arena.
 *
 * Ownership: an array grown with sk_mem__grow is the caller's (free()); an
 * arena owns every byte it handed out, freed at once by sk_arena__free. */
#ifndef SENDKIT_MEM_INTERNAL_H
#define SENDKIT_MEM_INTERNAL_H

#include <stddef.h>

/* Makes room for at least `need` elements of `size` bytes in the array
 * *(T **)arrayp of capacity *cap: geometric growth (8, then doubling), so
 * that adding one element at a time costs amortised O(1). SK_OK, or
 * SK_ENOMEM when realloc fails or need * size would overflow size_t; the
 * array and *cap are unchanged then. need <= *cap does nothing. */
int sk_mem__grow(void *arrayp, size_t *cap, size_t need, size_t size);

/* sk_mem__grow for an array variable `v` of capacity `cap`. */
#define SK_GROW(v, cap, need) sk_mem__grow(&(v), &(cap), (need), sizeof(*(v)))

/* malloc() of an array of `count` elements of `size` bytes, uninitialised
 * (calloc() when it must be zeroed); NULL when out of memory or when
 * count * size overflows size_t. No elements still give a pointer of their
 * own, so that NULL always means failure. */
void *sk_mem__array(size_t count, size_t size);

/* An arena: blocks of memory handed out in pieces, freed together. */
typedef struct sk_arena_block sk_arena_block;
typedef struct sk_arena {
	sk_arena_block *head;   /* the block being filled; older ones after it */
} sk_arena;

/* count * size bytes, zeroed and aligned for any object; NULL when out of
 * memory or when count * size overflows size_t. Zero bytes give a valid
 * pointer of their own. */
void *sk_arena__alloc(sk_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of s[0..len); NULL when out of memory. */
char *sk_arena__strndup(sk_arena *a, const char *s, size_t len);
/* Moves every block of src into dst; src is left empty. */
void sk_arena__splice(sk_arena *dst, sk_arena *src);
/* Frees every block; the arena is empty after it and can be used again. */
void sk_arena__free(sk_arena *a);

#endif
