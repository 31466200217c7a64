/* lint_configs.h: the .action-lint.yaml that applies to each file, as
 * action-lint finds it; nutshell finds the same for its marks. */
#ifndef SK_CLI_LINT_CONFIGS_H
#define SK_CLI_LINT_CONFIGS_H

#include <stdbool.h>

#include "sendkit/diag.h"
#include "sendkit/lint.h"

/* Configurations found by walking up from each file's folder to the root
 * or a folder holding .git, each read once. */
typedef struct cli_configs cli_configs;

cli_configs *cli_configs_new(void);
void cli_configs_free(cli_configs *configs);
/* Reads --config FILE, used for every file instead of searching; problems in
 * it go to diags. SK_EXIT_OK or SK_EXIT_FAIL. */
int cli_configs_force(cli_configs *configs, const char *path, sk_diags *diags);
/* The configuration for `path` ("-": the current folder), or NULL for none.
 * *status becomes SK_EXIT_FAIL when one could not be read. */
const sk_lint_config *cli_config_for(cli_configs *configs, const char *path, sk_diags *diags,
				     int *status);

/* Whether `path` is one of the configuration files read so far. */
bool cli_configs_has(const cli_configs *configs, const char *path);

#endif
