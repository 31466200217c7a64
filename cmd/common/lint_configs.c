/* The .action-lint.yaml that applies to each file, for action-lint and for
 * nutshell's marks (the files themselves are found by cmd/common/files.c). */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"
#include "lint_configs.h"
#include "mem_internal.h"

#define CONFIG_NAME ".action-lint.yaml"

/* A configuration file read once. */
typedef struct loaded {
	char *real;              /* its real path */
	sk_lint_config *config;
} loaded;

/* A name looked up in a tree: a folder, or a configuration file's real path. */
typedef struct known {
	char *name;              /* first: the trees compare by it */
	const sk_lint_config *config;   /* NULL: none */
} known;

/* The lookups are tsearch(3) trees (POSIX, as nutshell's names written):
 * commands do not link lib/hash.c, and a list searched for each folder made a
 * tree of one school per folder n squared (issue 16 G7). */
struct cli_configs {
	sk_lint_config *forced;
	bool is_forced;
	loaded *files;           /* what cli_configs_has looks through, and frees */
	size_t nfiles, files_cap;
	void *by_real;           /* known: the configuration files, by real path */
	void *shown;             /* known: folders as the paths given name them */
	void *walked;            /* known: folders walked through, by real path */
};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const known *find(void *const *tree, const char *name)
{
	known *const *k = tfind(&name, tree, compare_names);

	return k ? *k : NULL;
}

/* Remembers name's configuration; false when out of memory. */
static bool remember(void **tree, const char *name, const sk_lint_config *config)
{
	known *k = malloc(sizeof(*k));

	if (!k || !(k->name = strdup(name))) {
		free(k);
		return false;
	}
	k->config = config;
	if (!tsearch(k, tree, compare_names)) {
		free(k->name);
		free(k);
		return false;
	}
	return true;
}

static void forget(void **tree)
{
	while (*tree) {
		known *k = *(known **)*tree;

		tdelete(k, tree, compare_names);
		free(k->name);
		free(k);
	}
}

cli_configs *cli_configs_new(void)
{
	return calloc(1, sizeof(cli_configs));
}

void cli_configs_free(cli_configs *configs)
{
	if (!configs)
		return;
	for (size_t i = 0; i < configs->nfiles; i++) {
		free(configs->files[i].real);
		sk_lint_config_free(configs->files[i].config);
	}
	forget(&configs->by_real);
	forget(&configs->shown);
	forget(&configs->walked);
	sk_lint_config_free(configs->forced);
	free(configs->files);
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

int cli_configs_force(cli_configs *configs, const char *path, sk_diags *diags)
{
	int status = SK_EXIT_OK;

	configs->is_forced = true;
	configs->forced = read_config(path, diags, &status);
	return status;
}

bool cli_configs_has(const cli_configs *configs, const char *path)
{
	for (size_t i = 0; i < configs->nfiles; i++)
		if (cli_same_file(configs->files[i].real, path))
			return true;
	return false;
}

static const sk_lint_config *load_once(cli_configs *c, const char *real, const char *shown,
				       sk_diags *diags, int *status)
{
	const known *k = find(&c->by_real, real);
	char *copy;
	loaded *v;

	if (k)
		return k->config;
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
	if (!remember(&c->by_real, real, v[c->nfiles].config)) {
		cli_error("%s", strerror(ENOMEM));
		*status = SK_EXIT_FAIL;
	}
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

/* real's parent ("/" for "/x"), or NULL when out of memory. */
static char *parent_real(const char *real)
{
	char *p = strdup(real), *slash = p ? strrchr(p, '/') : NULL;

	if (slash == p && slash)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	return p;
}

/* The nearest configuration at or above real folder `real` (`shown` as the
 * paths name it), stopping at a .git folder or /. Each folder walked through
 * is remembered (when memory allows: it only saves time), so that a sibling's
 * walk stops at their parent. */
static const sk_lint_config *search(cli_configs *c, const char *real, const char *shown,
				    sk_diags *diags, int *status)
{
	const known *k = find(&c->walked, real);
	const sk_lint_config *found = NULL;

	if (k)
		return k->config;
	if (exists(real, CONFIG_NAME)) {
		char *r = cli_path_join(real, CONFIG_NAME), *s = cli_path_join(shown, CONFIG_NAME);

		if (r && s)
			found = load_once(c, r, s, diags, status);
		free(r);
		free(s);
	} else if (!exists(real, ".git") && strcmp(real, "/") != 0) {
		char *up_real = parent_real(real), *up_shown = parent_shown(shown);

		if (up_real && up_shown)
			found = search(c, up_real, up_shown, diags, status);
		free(up_real);
		free(up_shown);
	}
	remember(&c->walked, real, found);
	return found;
}

const sk_lint_config *cli_config_for(cli_configs *c, const char *path, sk_diags *diags,
				     int *status)
{
	const sk_lint_config *config;
	const known *k;
	char *shown, *real;

	if (c->is_forced)
		return c->forced;
	shown = folder_of(path);
	if (!shown)
		return NULL;
	/* The folder as written first: realpath(3) costs a system call per
	 * component. */
	if ((k = find(&c->shown, shown))) {
		free(shown);
		return k->config;
	}
	real = realpath(shown, NULL);
	if (!real) {
		free(shown);
		return NULL;
	}
	config = search(c, real, shown, diags, status);
	remember(&c->shown, shown, config);
	free(real);
	free(shown);
	return config;
}
