/* Diagnostics: a growable list of records, each string copied into one
 * allocation per record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem_internal.h"
#include "sendkit/diag.h"

typedef struct entry {
	sk_diag d;
	size_t seq;      /* insertion order, to keep sorting stable */
	char *storage;   /* file, rule and message, back to back */
} entry;

struct sk_diags {
	entry *v;
	size_t n, cap;
	size_t next_seq;
};

sk_diags *sk_diags_new(void)
{
	return calloc(1, sizeof(sk_diags));
}

void sk_diags_clear(sk_diags *diags)
{
	if (!diags)
		return;
	for (size_t i = 0; i < diags->n; i++)
		free(diags->v[i].storage);
	diags->n = 0;
}

void sk_diags_free(sk_diags *diags)
{
	if (!diags)
		return;
	sk_diags_clear(diags);
	free(diags->v);
	free(diags);
}

int sk_diags_vadd(sk_diags *diags, const char *file, sk_pos pos,
		  sk_severity severity, const char *rule, const char *fmt, va_list ap)
{
	if (!diags)
		return SK_OK;
	if (SK_GROW(diags->v, diags->cap, diags->n + 1) != SK_OK)
		return SK_ENOMEM;
	if (!file)
		file = "";
	if (!rule)
		rule = "";

	va_list ap2;
	va_copy(ap2, ap);
	int mlen = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (mlen < 0)
		mlen = 0;
	size_t flen = strlen(file) + 1, rlen = strlen(rule) + 1;
	char *storage = malloc(flen + rlen + (size_t)mlen + 1);
	if (!storage)
		return SK_ENOMEM;
	memcpy(storage, file, flen);
	memcpy(storage + flen, rule, rlen);
	vsnprintf(storage + flen + rlen, (size_t)mlen + 1, fmt, ap);

	entry *e = &diags->v[diags->n++];
	e->storage = storage;
	e->seq = diags->next_seq++;
	e->d.file = storage;
	e->d.rule = storage + flen;
	e->d.message = storage + flen + rlen;
	e->d.pos = pos;
	e->d.severity = severity;
	return SK_OK;
}

int sk_diags_add(sk_diags *diags, const char *file, sk_pos pos,
		 sk_severity severity, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = sk_diags_vadd(diags, file, pos, severity, rule, fmt, ap);
	va_end(ap);
	return rc;
}

size_t sk_diags_count(const sk_diags *diags)
{
	return diags ? diags->n : 0;
}

size_t sk_diags_count_severity(const sk_diags *diags, sk_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < sk_diags_count(diags); i++)
		n += diags->v[i].d.severity == severity;
	return n;
}

const sk_diag *sk_diags_at(const sk_diags *diags, size_t index)
{
	return diags && index < diags->n ? &diags->v[index].d : NULL;
}

static int compare_entries(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c = strcmp(a->d.file, b->d.file);
	if (c)
		return c;
	if (a->d.pos.line != b->d.pos.line)
		return a->d.pos.line < b->d.pos.line ? -1 : 1;
	if (a->d.pos.col != b->d.pos.col)
		return a->d.pos.col < b->d.pos.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void sk_diags_sort(sk_diags *diags)
{
	if (diags && diags->n > 1)
		qsort(diags->v, diags->n, sizeof(*diags->v), compare_entries);
}

void sk_diags_remove(sk_diags *diags, size_t index)
{
	if (!diags || index >= diags->n)
		return;
	free(diags->v[index].storage);
	memmove(&diags->v[index], &diags->v[index + 1],
		(diags->n - index - 1) * sizeof(*diags->v));
	diags->n--;
}

const char *sk_severity_name(sk_severity severity)
{
	switch (severity) {
	case SK_ERROR: return "error";
	case SK_WARNING: return "warning";
	default: return "note";
	}
}
