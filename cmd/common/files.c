/* files.c: collecting a command's input files from files and folders. */
/* d_type and DT_* are BSD (used when there). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "files.h"
#include "mem_internal.h"

char *cli_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	bool slash = n > 0 && dir[n - 1] != '/';
	char *p;

	if (strcmp(dir, ".") == 0)
		return strdup(name);
	p = malloc(n + strlen(name) + 2);
	if (p)
		sprintf(p, "%s%s%s", dir, slash ? "/" : "", name);
	return p;
}

/* st: what stat(2) said of path, or NULL for standard input. */
static int add_file(cli_files *files, const char *path, bool given, const struct stat *st)
{
	char *copy = strdup(path);

	if (copy && SK_GROW(files->v, files->cap, files->n + 1) != SK_OK) {
		free(copy);
		copy = NULL;
	}
	if (!copy) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	files->v[files->n++] = (cli_file){copy, given, st ? st->st_dev : 0, st ? st->st_ino : 0};
	return SK_EXIT_OK;
}

/* A file found in a folder: stat(2) says which file it is. */
static int add_found(cli_files *files, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		return SK_EXIT_FAIL;
	}
	return add_file(files, path, false, &st);
}

static int compare_ids(const void *a, const void *b)
{
	const cli_file *x = *(cli_file *const *)a, *y = *(cli_file *const *)b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x < y ? -1 : x > y;
}

int cli_files_unique(cli_files *files)
{
	cli_file **by_id;
	size_t kept = 0;

	if (files->n < 2)
		return SK_EXIT_OK;
	by_id = sk_mem__array(files->n, sizeof(*by_id));
	if (!by_id) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	for (size_t i = 0; i < files->n; i++)
		by_id[i] = &files->v[i];
	qsort(by_id, files->n, sizeof(*by_id), compare_ids);
	for (size_t i = 1; i < files->n; i++) {
		cli_file *first = by_id[i - 1], *again = by_id[i];

		if (again->dev != first->dev || again->ino != first->ino)
			continue;
		first->given = first->given || again->given;
		free(again->path);
		again->path = NULL;
		by_id[i] = first;
	}
	free(by_id);
	for (size_t i = 0; i < files->n; i++)
		if (files->v[i].path)
			files->v[kept++] = files->v[i];
	files->n = kept;
	return SK_EXIT_OK;
}

bool cli_files_has(const cli_files *files, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return false;
	for (size_t i = 0; i < files->n; i++)
		if (files->v[i].dev == st.st_dev && files->v[i].ino == st.st_ino
		    && strcmp(files->v[i].path, "-") != 0)
			return true;
	return false;
}

bool cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && strcmp(a, "-") != 0 && strcmp(b, "-") != 0 && stat(a, &sa) == 0
	       && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

void cli_files_free(cli_files *files)
{
	for (size_t i = 0; i < files->n; i++)
		free(files->v[i].path);
	free(files->v);
	files->v = NULL;
	files->n = files->cap = 0;
}

/* Windows shows "Strategy.YAML" as it shows "strategy.yaml". */
static bool is_yaml_name(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0);
}

/* "strategy.yaml.txt": Notepad's "Save as" adds .txt to a name that hides
 * its extension. Not read, but said, or the file would vanish silently. */
static bool is_notepad_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 9 && strcasecmp(name + n - 9, ".yaml.txt") == 0) ||
	       (n > 8 && strcasecmp(name + n - 8, ".yml.txt") == 0);
}

/* A folder entry: its name and what readdir said it is. */
typedef struct entry {
	char *name;
	char type;               /* 'd' folder, 'f' regular file, '?' ask stat */
} entry;

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static char type_of(const struct dirent *e)
{
#ifdef DT_DIR
	if (e->d_type == DT_DIR)
		return 'd';
	if (e->d_type == DT_REG)
		return 'f';
#else
	(void)e;
#endif
	return '?';
}

/* The visible entries of a folder, sorted by name; NULL after saying why. */
static entry *read_entries(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	entry *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;

	if (!d) {
		cli_error("%s: %s", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (SK_GROW(v, cap, n + 1) != SK_OK)
			break;
		if ((v[n].name = strdup(e->d_name)) == NULL)
			break;
		v[n++].type = type_of(e);
	}
	closedir(d);
	if (e) {
		cli_error("%s", strerror(ENOMEM));
		while (n)
			free(v[--n].name);
		free(v);
		return NULL;
	}
	if (n)
		qsort(v, n, sizeof(*v), compare_entries);
	*count = n;
	return v ? v : calloc(1, sizeof(*v));
}

/* What an entry is when readdir did not say: symbolic links to folders are
 * not followed, so a loop cannot trap the walk; a broken link counts as a
 * file, so that reading it says what is wrong. */
static char stat_type(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return '?';
	if (S_ISDIR(st.st_mode))
		return 'd';
	if (stat(path, &st) != 0)
		return 'f';
	return S_ISREG(st.st_mode) ? 'f' : '?';
}

static int walk(cli_files *files, const char *dir)
{
	size_t n = 0;
	entry *v = read_entries(dir, &n);
	int status = v ? SK_EXIT_OK : SK_EXIT_FAIL;

	for (size_t i = 0; i < n; i++) {
		char *path = cli_path_join(dir, v[i].name);
		char type = v[i].type;

		if (!path) {
			status = SK_EXIT_FAIL;
		} else {
			if (type == '?')
				type = stat_type(path);
			if (type == 'd' && walk(files, path) != SK_EXIT_OK)
				status = SK_EXIT_FAIL;
			else if (type == 'f' && is_yaml_name(v[i].name)
				 && add_found(files, path) != SK_EXIT_OK)
				status = SK_EXIT_FAIL;
			else if (type == 'f' && is_notepad_yaml_name(v[i].name))
				cli_error("%s: note: not read, as its name ends \".txt\" (Notepad "
					  "adds it): rename it to end \".yaml\"", path);
		}
		free(path);
		free(v[i].name);
	}
	free(v);
	return status;
}

int cli_files_collect(cli_files *files, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return add_file(files, path, true, NULL);
	if (stat(path, &st) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		return SK_EXIT_FAIL;
	}
	if (S_ISDIR(st.st_mode))
		return walk(files, path);
	return add_file(files, path, true, &st);
}
