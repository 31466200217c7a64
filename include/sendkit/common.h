/* sendkit/common.h: return codes, source positions and the library version.
 * Everything here is plain data; nothing to free. */
#ifndef SENDKIT_COMMON_H
#define SENDKIT_COMMON_H

#include <stddef.h>

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

#ifdef __cplusplus
}
#endif
#endif
