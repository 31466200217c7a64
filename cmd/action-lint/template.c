/* action-lint --template: a commented skeleton of a strategy or a review in
 * the shape of the trust's template, every value a <placeholder> that the
 * "placeholder" rule reports until it is filled in (the bodies are the
 * library's, lib/template.c, so that the rule knows the placeholders). */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action-lint.h"
#include "sendkit/area.h"
#include "template_internal.h"

#ifndef SK_SCHEMA_DIR
#define SK_SCHEMA_DIR "/usr/local/share/sendkit/schema"
#endif

static bool schema_in(const char *dir, const char *kind)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s.schema.json", dir, kind);

	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

/* The schemas beside this program when it is installed: SK_BIN_TO_SCHEMA
 * (the configured layout's bin/ to share/sendkit/schema) from the folder
 * it runs from, so that a prefix given to `cmake --install`, or a prefix
 * moved, is named right; false when there are none there. */
static bool installed_dir(char out[PATH_MAX], const char *kind)
{
#if defined(SK_BIN_TO_SCHEMA) && defined(__linux__)
	char exe[PATH_MAX], joined[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return false;
	*slash = '\0';
	n = snprintf(joined, sizeof(joined), "%s/%s", exe, SK_BIN_TO_SCHEMA);
	return n > 0 && (size_t)n < sizeof(joined) && realpath(joined, out) != NULL
	       && schema_in(out, kind);
#else
	(void)out;
	(void)kind;
	return false;
#endif
}

/* Where the editor finds the schema: beside the installed program, where
 * the build was configured to install it, or, before sendkit is installed
 * (run from a clone's build), the clone's own copy, so that the line names
 * a file that is there. */
static void header(FILE *out, const char *kind, const char *what)
{
	char dir[PATH_MAX];
	const char *at = SK_SCHEMA_DIR;

	if (installed_dir(dir, kind))
		at = dir;
#ifdef SK_SOURCE_SCHEMA_DIR
	else if (!schema_in(SK_SCHEMA_DIR, kind) && schema_in(SK_SOURCE_SCHEMA_DIR, kind))
		at = SK_SOURCE_SCHEMA_DIR;
#endif
	fprintf(out, "# yaml-language-server: $schema=%s/%s.schema.json\n", at, kind);
	fprintf(out, "# %s.\n# The keys are described in sendkit-%s(5).\n", what, kind);
	fputs("# Replace every <placeholder>, angle brackets and all: action-lint reports each\n"
	      "# one left as an error (rule \"placeholder\"). A key marked optional may be\n"
	      "# deleted instead. Put quotes around a value with a pound sign, a comma or\n"
	      "# \": \" in it, and around a statement number such as \"1.10\".\n", out);
}

/* An area's key, and its name in the trust's template as a comment. */
static void area_key(FILE *out, sk_area a)
{
	char key[40];

	snprintf(key, sizeof(key), "%s:", sk_area_key(a));
	fprintf(out, "  %-27s # %s\n", key, sk_area_label(a));
}

static void strategy_area(FILE *out, sk_area a)
{
	area_key(out, a);
	fputs(sk_template__strategy_area, out);
}

static void strategy(FILE *out)
{
	header(out, "strategy", "School SEND Strategy, one key for each box of the trust's template");
	fputs(sk_template__strategy, out);
	for (int a = 0; a < SK_AREA_COUNT; a++)
		strategy_area(out, (sk_area)a);
}

static void review_area(FILE *out, sk_area a)
{
	const char *number = strstr(sk_template__review_area, "%d");

	area_key(out, a);
	fwrite(sk_template__review_area, 1, (size_t)(number - sk_template__review_area), out);
	fprintf(out, "%d%s", (int)a + 1, number + 2);
}

static void review(FILE *out)
{
	header(out, "review", "SEND review: numbered statements under five areas, each judged");
	fputs(sk_template__review, out);
	for (int a = 0; a < SK_AREA_COUNT; a++)
		review_area(out, (sk_area)a);
}

int al_template_parse(al_template *out, const char *name)
{
	if (strcmp(name, "strategy") == 0)
		*out = AL_TEMPLATE_STRATEGY;
	else if (strcmp(name, "review") == 0)
		*out = AL_TEMPLATE_REVIEW;
	else
		return cli_usage_error("--template: \"%s\" is not one of strategy, review", name);
	return SK_EXIT_OK;
}

void al_template_write(FILE *out, al_template which)
{
	if (which == AL_TEMPLATE_STRATEGY)
		strategy(out);
	else
		review(out);
}
