/* The one growth helper, checked array allocation and the one arena
 * (mem_internal.h). */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem_internal.h"
#include "sendkit/common.h"

int sk_mem__grow(void *arrayp, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return SK_OK;
	if (size == 0 || need > SIZE_MAX / size)
		return SK_ENOMEM;
	size_t want = *cap ? *cap : 8;
	while (want < need)
		want = want > SIZE_MAX / 2 ? need : want * 2;
	if (want > SIZE_MAX / size)
		want = need;   /* doubling overflows; what is needed still fits */
	void *v;
	memcpy(&v, arrayp, sizeof(v));
	v = realloc(v, want * size);
	if (!v)
		return SK_ENOMEM;
	memcpy(arrayp, &v, sizeof(v));
	*cap = want;
	return SK_OK;
}

void *sk_mem__array(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return malloc(count && size ? count * size : 1);
}

#define ALIGN (alignof(max_align_t))
#define FIRST_BLOCK ((size_t)4096)      /* a small model needs no more */
#define LARGEST_BLOCK ((size_t)65536)   /* blocks double up to this */

struct sk_arena_block {
	sk_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

/* count * size bytes from the arena, aligned, not zeroed: blocks come from
 * malloc, and only the pieces handed out are cleared (sk_arena__alloc), not
 * each block whole, whose tail may never be used. */
static void *take(sk_arena *a, size_t count, size_t size)
{
	if (size && count > (SIZE_MAX - sizeof(sk_arena_block) - ALIGN) / size)
		return NULL;
	size_t n = count * size;
	n = n ? (n + ALIGN - 1) / ALIGN * ALIGN : ALIGN;
	sk_arena_block *b = a->head;
	if (b && b->cap - b->used >= n) {
		void *p = (char *)b->data + b->used;
		b->used += n;
		return p;
	}
	size_t cap = b ? (b->cap < LARGEST_BLOCK ? b->cap * 2 : LARGEST_BLOCK) : FIRST_BLOCK;
	if (n > cap / 4)
		cap = n;   /* a large piece: a block of its own */
	sk_arena_block *nb = malloc(sizeof(*nb) + cap);
	if (!nb)
		return NULL;
	nb->cap = cap;
	nb->used = n;
	/* A block of its own goes behind the head, whose free space stays in use. */
	if (b && cap == n) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		a->head = nb;
	}
	return nb->data;
}

void *sk_arena__alloc(sk_arena *a, size_t count, size_t size)
{
	void *p = take(a, count, size);

	if (p && count && size)
		memset(p, 0, count * size);
	return p;
}

char *sk_arena__strndup(sk_arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *d = take(a, len + 1, 1);
	if (d) {
		if (len)
			memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

void sk_arena__splice(sk_arena *dst, sk_arena *src)
{
	if (!src->head)
		return;
	/* Behind dst's head, so dst goes on filling its own block. */
	sk_arena_block *last = src->head;
	while (last->next)
		last = last->next;
	if (dst->head) {
		last->next = dst->head->next;
		dst->head->next = src->head;
	} else {
		dst->head = src->head;
	}
	src->head = NULL;
}

void sk_arena__free(sk_arena *a)
{
	while (a->head) {
		sk_arena_block *next = a->head->next;
		free(a->head);
		a->head = next;
	}
}
