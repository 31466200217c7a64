/* escape_internal.h: helpers of escape.c shared with the table writer. */
#ifndef SENDKIT_ESCAPE_INTERNAL_H
#define SENDKIT_ESCAPE_INTERNAL_H

#include <stdbool.h>

/* True when s is a number by JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
bool sk_escape__is_number(const char *s);

#endif
