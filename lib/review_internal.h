/* review_internal.h: what scoring shares with review.c's index of ids. */
#ifndef SK_REVIEW_INTERNAL_H
#define SK_REVIEW_INTERNAL_H

#include <stdbool.h>

#include "sendkit/review.h"

/* A link that resolves to no statement, or to its own. */
bool sk_review__link_broken(const sk_review_index *ix, const sk_statement *st, const char *link);

#endif
