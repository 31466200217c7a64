/* action-lint.h: what the files of the action-lint command share. */
#ifndef SK_ACTION_LINT_H
#define SK_ACTION_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "sendkit/lint.h"

typedef enum al_format {
	AL_TEXT = 0,
	AL_JSON,
	AL_GITHUB,
	AL_SARIF
} al_format;

/* GitHub shows at most this many annotations of each level per step. */
#define AL_GITHUB_LIMIT 10

/* The files to check, in the order they are checked. */
typedef struct al_file {
	char *path;
	bool given;       /* named on the command line, not found in a folder */
} al_file;

typedef struct al_files {
	al_file *v;
	size_t n, cap;
} al_files;

/* Adds `path`, or every *.yaml and *.yml under it when it is a folder
 * (hidden entries skipped, names sorted). Prints why and returns
 * SK_EXIT_FAIL when it cannot be read; SK_EXIT_OK otherwise. */
int al_collect(al_files *files, const char *path);
void al_files_free(al_files *files);

/* Configurations found by walking up from each file's folder to the root
 * or a folder holding .git, each read once. */
typedef struct al_configs al_configs;

/* forced: --config FILE, used for every file instead of searching (NULL to search). */
al_configs *al_configs_new(void);
void al_configs_free(al_configs *configs);
/* Reads --config FILE: problems in it go to diags. SK_EXIT_OK or SK_EXIT_FAIL. */
int al_configs_force(al_configs *configs, const char *path, sk_diags *diags);
/* The configuration for `path` ("-": the current folder), or NULL for none.
 * *status becomes SK_EXIT_FAIL when one could not be read. */
const sk_lint_config *al_config_for(al_configs *configs, const char *path, sk_diags *diags,
				    int *status);

/* Writes the sorted findings in `format`. SK_EXIT_OK, or SK_EXIT_FAIL on ENOMEM. */
int al_write(FILE *out, al_format format, const sk_diags *diags, size_t files);

#endif
