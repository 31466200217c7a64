/* sendkit/common.h: return codes, source positions, the library version and
 * reading a whole stream. Ownership: sk_read_stream's *out is the caller's
 * (free()); everything else here is plain data. */
#ifndef SENDKIT_COMMON_H
#define SENDKIT_COMMON_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define SK_API __attribute__((visibility("default")))
#else
#define SK_API
#endif

/* Return codes: 0 for success, a few negative codes for expected failures.
 * The details of a failure go into an sk_diags list the caller owns. */
enum {
	SK_OK = 0,
	SK_ENOMEM = -1,   /* out of memory */
	SK_EIO = -2,      /* read or write failed (errno says why) */
	SK_EINVAL = -3,   /* the input is not of the expected form */
	SK_ERANGE = -4,   /* a number or date is out of range */
	SK_ELIMIT = -5    /* the input exceeds a safety limit (size, depth, aliases) */
};

/* A place in a text file: 1-based line and column (in characters); 0 means unknown. */
typedef struct sk_pos {
	unsigned line;
	unsigned col;
} sk_pos;

/* A short English description of a return code; never NULL, static storage. */
SK_API const char *sk_strerror(int code);

/* The library's version, "X.Y.Z" (static storage). */
SK_API const char *sk_version(void);

/* Reads a whole stream into a NUL-terminated buffer of at most `max` bytes
 * (SK_ELIMIT past that, SK_EIO on a read error, errno saying why). */
SK_API int sk_read_stream(char **out, size_t *out_len, FILE *stream, size_t max);

#ifdef __cplusplus
}
#endif
#endif
