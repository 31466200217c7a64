/* escape_internal.h: helpers of escape.c shared with the table writer. */
#ifndef SENDKIT_ESCAPE_INTERNAL_H
#define SENDKIT_ESCAPE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s is a number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
bool sk_escape__is_number(const char *s);

/* Writes prefix and `digits` lowercase hex digits of value into buf (at most
 * 8 bytes with its NUL) and returns buf: "\\x1b", "\\u009b". */
const char *sk_escape__hex(char buf[8], const char *prefix, uint32_t value, int digits);

/* True when sk_escape_write_visible would write s[0..len) other than as it is. */
bool sk_escape__changes_visible(const char *s, size_t len);

/* True for the '[' of "#[": GitHub Actions runs "##[command]" found anywhere
 * in a line of its log, so every output writes that '[' as an escape. */
bool sk_escape__opens_bracket_command(const char *s, size_t i);

#endif
