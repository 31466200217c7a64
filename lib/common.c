/* Return codes, the version and reading a whole stream. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sendkit/common.h"
#include "sendkit/version.h"

const char *sk_strerror(int code)
{
	switch (code) {
	case SK_OK: return "success";
	case SK_ENOMEM: return "out of memory";
	case SK_EIO: return "input/output error";
	case SK_EINVAL: return "not of the expected form";
	case SK_ERANGE: return "out of range";
	case SK_ELIMIT: return "exceeds a safety limit";
	default: return "unknown error";
	}
}

const char *sk_version(void)
{
	return SK_VERSION_STRING;
}

/* The first read, and the step of growth below half of max. */
#define READ_CHUNK ((size_t)64 * 1024)

int sk_read_stream(char **out, size_t *out_len, FILE *stream, size_t max)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;

	*out = NULL;
	*out_len = 0;
	if (max == SIZE_MAX)
		max = SIZE_MAX - 1;   /* room for the NUL */
	for (;;) {
		if (n == cap) {
			/* One byte past max is read to tell "exactly max" from "more". */
			size_t want = cap ? (cap > (max + 1) / 2 ? max + 1 : cap * 2) : READ_CHUNK;
			if (want > max + 1)
				want = max + 1;
			char *nb = realloc(buf, want + 1);
			if (!nb) {
				free(buf);
				return SK_ENOMEM;
			}
			buf = nb;
			cap = want;
		}
		size_t ask = cap - n;
		size_t got = fread(buf + n, 1, ask, stream);
		n += got;
		if (n > max) {
			free(buf);
			return SK_ELIMIT;
		}
		if (ferror(stream)) {
			/* Some C libraries (musl) set no errno on a failed read. */
			int saved = errno ? errno : EIO;
			free(buf);
			errno = saved;
			return SK_EIO;
		}
		if (got < ask)
			break;
	}
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return SK_OK;
}
