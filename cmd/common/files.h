/* files.h: the input files of a command that takes files and folders: each
 * file once, in a stable order, whichever way it was named. */
#ifndef SK_CLI_FILES_H
#define SK_CLI_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct cli_file {
	char *path;       /* as given or found; "-" is standard input */
	bool given;       /* named on the command line, not found in a folder */
	dev_t dev;        /* which file it is, to take it once however named */
	ino_t ino;
} cli_file;

typedef struct cli_files {
	cli_file *v;
	size_t n, cap;
} cli_files;

/* Adds `path`, or every *.yaml and *.yml (any case) under it when it is a
 * folder (hidden entries and links to folders skipped, names sorted; a
 * *.yaml.txt named in a note, not read). Prints why and
 * returns SK_EXIT_FAIL when it cannot be read; SK_EXIT_OK otherwise. */
int cli_files_collect(cli_files *files, const char *path);
/* Drops the second and later names of one file (a folder and a file in it,
 * "a.yaml" and "./a.yaml"), keeping the order of the first. SK_EXIT_OK, or
 * SK_EXIT_FAIL after saying so when out of memory (the files left as they were). */
int cli_files_unique(cli_files *files);
/* True when `path` is one of the files (so that -o cannot overwrite an input). */
bool cli_files_has(const cli_files *files, const char *path);
void cli_files_free(cli_files *files);
/* True when a and b name one existing file (never for "-" or NULL). */
bool cli_same_file(const char *a, const char *b);

/* "dir/name" ("name" when dir is "."), newly allocated; NULL when out of memory. */
char *cli_path_join(const char *dir, const char *name);

#endif
