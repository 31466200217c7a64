/* fuzz.h: what the harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput; libFuzzer (clang -fsanitize=fuzzer) or replay.c
 * (any compiler) calls it. A broken promise of the API aborts, so the fuzzer
 * reports it like a crash. */
#ifndef SK_FUZZ_H
#define SK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/sendkit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: broken promise: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* A NUL-terminated copy of the input, for the APIs that take C strings. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Every diagnostic names the file, a rule and a message in UTF-8. A message
 * may quote the input, line breaks included: the commands print control
 * characters as C escapes (cli_print_diags, action-lint's formats). */
static inline void fuzz_check_diags(const sk_diags *diags, const char *file)
{
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);
		FUZZ_CHECK(d && d->file && d->rule && d->message);
		FUZZ_CHECK(strcmp(d->file, file) == 0);
		FUZZ_CHECK(d->rule[0] != '\0');
		FUZZ_CHECK(d->message[0] != '\0');
		FUZZ_CHECK(sk_utf8_valid(d->message, strlen(d->message)));
		FUZZ_CHECK(d->severity == SK_NOTE || d->severity == SK_WARNING ||
			   d->severity == SK_ERROR);
	}
}

#endif
