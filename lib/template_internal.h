/* The bodies of action-lint's templates (`action-lint --template`), kept in
 * the library so that the placeholder rule knows their <placeholder> texts:
 * one list, written by the command and matched by the rule. The command
 * builds template.c into itself, as it does mem.c. */
#ifndef SK_TEMPLATE_INTERNAL_H
#define SK_TEMPLATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* A strategy's top, then sk_template__strategy_area after each area's key. */
extern const char sk_template__strategy[];
extern const char sk_template__strategy_area[];
/* A review's top, then sk_template__review_area after each area's key; its
 * one "%d" stands for the area's number. */
extern const char sk_template__review[];
extern const char sk_template__review_area[];

/* Whether s[0..len), "<...>", is one of the templates' placeholders, in any
 * case ("%d" in one stands for any number). */
bool sk_template__is_placeholder(const char *s, size_t len);

#endif
