/* action-lint.h: what the files of the action-lint command share. */
#ifndef SK_ACTION_LINT_H
#define SK_ACTION_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "files.h"
#include "lint_configs.h"
#include "sendkit/lint.h"

typedef enum al_format {
	AL_TEXT = 0,
	AL_JSON,
	AL_GITHUB,
	AL_SARIF
} al_format;

typedef enum al_template {
	AL_TEMPLATE_NONE = 0,
	AL_TEMPLATE_STRATEGY,
	AL_TEMPLATE_REVIEW
} al_template;

/* GitHub shows at most this many annotations of each level per step. */
#define AL_GITHUB_LIMIT 10

/* Writes the sorted findings in `format`. SK_EXIT_OK, or SK_EXIT_FAIL on ENOMEM. */
int al_write(FILE *out, al_format format, const sk_diags *diags, size_t files);

/* --template NAME: SK_EXIT_OK, or a usage error for an unknown name. */
int al_template_parse(al_template *out, const char *name);
/* Writes the template: YAML whose every value is a <placeholder>. */
void al_template_write(FILE *out, al_template which);

#endif
