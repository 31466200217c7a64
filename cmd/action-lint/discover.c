/* action-lint: the .action-lint.yaml that applies to each file (the files
 * themselves are found by cmd/common/files.c). */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action-lint.h"
#include "mem_internal.h"

#define CONFIG_NAME ".action-lint.yaml"

/* A configuration file read once. */
typedef struct loaded {
	char *real;              /* its real path */
	sk_lint_config *config;
} loaded;

/* Which configuration a folder's files get (NULL: none). */
typedef struct dir_entry {
	char *shown;             /* the folder as the paths given name it */
	const sk_lint_config *config;
} dir_entry;

struct al_configs {
	sk_lint_config *forced;
	bool is_forced;
	loaded *files;
	size_t nfiles, files_cap;
	dir_entry *dirs;
	size_t ndirs, dirs_cap;
};

al_configs *al_configs_new(void)
{
	return calloc(1, sizeof(al_configs));
}

void al_configs_free(al_configs *configs)
{
	if (!configs)
		return;
	for (size_t i = 0; i < configs->nfiles; i++) {
		free(configs->files[i].real);
		sk_lint_config_free(configs->files[i].config);
	}
	for (size_t i = 0; i < configs->ndirs; i++)
		free(configs->dirs[i].shown);
	sk_lint_config_free(configs->forced);
	free(configs->files);
	free(configs->dirs);
	free(configs);
}

/* Reads and parses one configuration; its problems go to diags. */
static sk_lint_config *read_config(const char *path, sk_diags *diags, int *status)
{
	sk_lint_config *config = sk_lint_config_new();
	char *bytes;
	size_t len;
	int rc;

	if (!config) {
		cli_error("%s", strerror(ENOMEM));
		*status = SK_EXIT_FAIL;
		return NULL;
	}
	if (cli_read_input(&bytes, &len, path, CLI_MAX_DOCUMENT) != SK_EXIT_OK) {
		cli_error("%s: the configuration file could not be read", path);
		*status = SK_EXIT_FAIL;
		return config;
	}
	rc = sk_lint_config_read(config, bytes, len, cli_input_name(path), diags);
	free(bytes);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		*status = SK_EXIT_FAIL;
	}
	return config;
}

int al_configs_force(al_configs *configs, const char *path, sk_diags *diags)
{
	int status = SK_EXIT_OK;

	configs->is_forced = true;
	configs->forced = read_config(path, diags, &status);
	return status;
}

bool al_configs_has(const al_configs *configs, const char *path)
{
	for (size_t i = 0; i < configs->nfiles; i++)
		if (cli_same_file(configs->files[i].real, path))
			return true;
	return false;
}

static const sk_lint_config *load_once(al_configs *c, const char *real, const char *shown,
				       sk_diags *diags, int *status)
{
	char *copy;
	loaded *v;

	for (size_t i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].real, real) == 0)
			return c->files[i].config;
	copy = strdup(real);
	if (!copy || SK_GROW(c->files, c->files_cap, c->nfiles + 1) != SK_OK) {
		free(copy);
		cli_error("%s", strerror(ENOMEM));
		*status = SK_EXIT_FAIL;
		return NULL;
	}
	v = c->files;
	v[c->nfiles].real = copy;
	v[c->nfiles].config = read_config(shown, diags, status);
	return v[c->nfiles++].config;
}

static bool exists(const char *dir, const char *name)
{
	char *p = cli_path_join(dir, name);
	struct stat st;
	bool ok = p && stat(p, &st) == 0;

	free(p);
	return ok;
}

/* The folder a file is in, as the path names it ("-": the current one). */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (strcmp(path, "-") == 0 || !slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	dir = strdup(path);
	if (dir)
		dir[slash - path] = '\0';
	return dir;
}

/* dir's parent as the user would write it: "a/b" gives "a", "a" gives ".",
 * "." gives "..", "../x" gives "..", ".." gives "../..". */
static char *parent_shown(const char *dir)
{
	const char *slash = strrchr(dir, '/');
	const char *last = slash ? slash + 1 : dir;
	char *p;

	if (strcmp(dir, ".") == 0)
		return strdup("..");
	if (strcmp(last, "..") != 0)
		return folder_of(dir);
	p = malloc(strlen(dir) + 4);
	if (p)
		sprintf(p, "%s/..", dir);
	return p;
}

/* Walks up from `shown` (real path `real`, both owned here). */
static const sk_lint_config *search(al_configs *c, char *real, char *shown, sk_diags *diags,
				    int *status)
{
	const sk_lint_config *found = NULL;

	while (real && shown) {
		char *slash;

		if (exists(real, CONFIG_NAME)) {
			char *r = cli_path_join(real, CONFIG_NAME), *s = cli_path_join(shown, CONFIG_NAME);

			if (r && s)
				found = load_once(c, r, s, diags, status);
			free(r);
			free(s);
			break;
		}
		if (exists(real, ".git") || strcmp(real, "/") == 0)
			break;
		slash = strrchr(real, '/');
		if (slash == real)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		slash = parent_shown(shown);
		free(shown);
		shown = slash;
	}
	free(real);
	free(shown);
	return found;
}

const sk_lint_config *al_config_for(al_configs *c, const char *path, sk_diags *diags,
				    int *status)
{
	char *shown, *real;
	const sk_lint_config *config;
	dir_entry *v;

	if (c->is_forced)
		return c->forced;
	shown = folder_of(path);
	if (!shown)
		return NULL;
	/* The folder as written: files in one folder come together, and
	 * realpath(3) costs a system call per component. */
	for (size_t i = c->ndirs; i-- > 0;) {
		if (strcmp(c->dirs[i].shown, shown) == 0) {
			free(shown);
			return c->dirs[i].config;
		}
	}
	real = realpath(shown, NULL);
	if (!real) {
		free(shown);
		return NULL;
	}
	if (SK_GROW(c->dirs, c->dirs_cap, c->ndirs + 1) != SK_OK ||
	    !(c->dirs[c->ndirs].shown = strdup(shown))) {
		free(shown);
		free(real);
		return NULL;
	}
	v = c->dirs;
	config = search(c, real, shown, diags, status);
	v[c->ndirs++].config = config;
	return config;
}
