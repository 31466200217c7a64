/* lint_internal.h: what the files of action-lint's engine share. */
#ifndef SENDKIT_LINT_INTERNAL_H
#define SENDKIT_LINT_INTERNAL_H

#include "decode_internal.h"
#include "sendkit/lint.h"

/* Whether options are NULL or of the version this library knows. */
bool sk_lint__options_known(const sk_lint_options *options);

/* The index of the rule named `name` (exact), or -1. */
int sk_lint__rule_index(const char *name);

/* Whether the rule at index means the file could not be read (encoding,
 * yaml-syntax, yaml-limit, not-sendkit): no setting or disable comment lowers
 * it. (A yaml-tab error, a tab that stopped the loader, is never lowered
 * either: lint.c's stops_reading; the rule's warnings can be.) */
bool sk_lint__rule_fixed(int index);

/* Adds an "unknown-rule" warning for `name`, found in `where` ("the
 * configuration", "a disable comment"), with "did you mean" when one is close. */
int sk_lint__unknown_rule(sk_diags *diags, const char *file, sk_pos pos, const char *name,
			  const char *where);

/* Whether a value is a placeholder of action-lint's templates: "<...>",
 * spaces around it allowed. */
bool sk_lint__is_placeholder(const char *s, size_t len);
/* Reports each placeholder value in `doc` as "placeholder", in place of the
 * other findings in `found` at the same value, which go to `stood`. */
int sk_lint__placeholders(const sk_ydoc *doc, sk_diags *found, sk_decode__stood *stood);

#endif
