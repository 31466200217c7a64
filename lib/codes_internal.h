/* codes_internal.h: what codes.c (the built-in forms) and codes_map.c (a
 * trust's own labels) share. */
#ifndef SENDKIT_CODES_INTERNAL_H
#define SENDKIT_CODES_INTERNAL_H

#include <stddef.h>

/* A label as compared: ASCII letters in lower case and digits, "&" as
 * "and", other UTF-8 bytes as they are, spacing and punctuation (dashes and
 * curly quotes included) left out. Writes at most cap - 1 bytes and a NUL;
 * returns the length, or 0 when it does not fit. */
size_t sk_codes__label_key(char *out, size_t cap, const char *s, size_t len);

#endif
