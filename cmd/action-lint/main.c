/* action-lint: checks SEND strategy and review files for completeness and
 * consistency, for people before a governors' meeting and for CI. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#include "action-lint.h"

typedef struct options {
	bool allow_empty;
	al_format format;
	bool force;             /* --template may replace an existing -o file */
	bool format_given;
	bool list_rules;
	bool strict;
	const char *config;
	const char *output;
	sk_date as_of;
	al_template template_kind;
} options;

typedef struct run {
	options opt;
	cli_files files;        /* the files to check, from files and folders */
	cli_configs *configs;    /* the configurations found or given */
	sk_lint *lint;          /* the files checked so far, for the checks across them */
	sk_diags *diags;
} run;

static void usage(void)
{
	printf("Usage: %s [OPTION]... [PATH]...\n", cli_prog());
	fputs("Checks SEND strategy and review files for completeness and consistency.\n"
	      "A PATH is a file or a folder, searched for *.yaml and *.yml files that\n"
	      "carry a top-level \"sendkit:\" key; with no PATH, or when PATH is -, reads\n"
	      "standard input (no PATH on a terminal: the usage, exit 2). Findings are\n"
	      "written sorted by file and line; a summary goes to standard error.\n"
	      "\n"
	      "Options:\n"
	      "      --allow-empty     pass when no sendkit file is found (by default\n"
	      "                        that is an error: nothing was checked)\n"
	      "      --as-of DATE      count review dates and due dates as passed from DATE\n"
	      "                        (YYYY-MM-DD), not today\n"
	      "  -c, --config FILE     rule severities from FILE instead of the\n"
	      "                        .action-lint.yaml found above each file\n"
	      "      --force           with --template, replace the -o FILE if it exists\n"
	      "  -f, --format FORMAT   text (default), json, github (the default when\n"
	      "                        GITHUB_ACTIONS is true) or sarif\n"
	      "  -h, --help            show this help and exit\n"
	      "      --list-rules      list every rule with its severity and what it checks\n"
	      "  -o, --output FILE     write the findings there instead of standard output\n"
	      "                        (in GitHub Actions with no -f: as text, and the\n"
	      "                        annotations still to standard output)\n"
	      "      --strict          fail (exit 1) on warnings as well as errors\n"
	      "      --template KIND   print a strategy or review to fill in, each value a\n"
	      "                        <placeholder> reported until it is filled in; an\n"
	      "                        existing -o FILE is refused unless --force\n"
	      "      --version         show the version and exit\n"
	      "\n"
	      "A comment \"# action-lint: disable=RULE[,RULE]\" on a line or the line above\n"
	      "silences those rules there.\n"
	      "\n"
	      "Examples:\n"
	      "  action-lint --as-of 2024-03-01 examples/strategy/\n"
	      "  action-lint --strict strategies/ reviews/\n"
	      "  action-lint -f sarif -o action-lint.sarif .\n"
	      "  action-lint --list-rules\n"
	      "  action-lint --template strategy -o oakfield-2025-26.yaml\n"
	      "\n"
	      "Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found,\n"
	      "2 could not run (bad usage, unreadable path, no sendkit file found).\n"
	      "See action-lint(1).\n", stdout);
}

static int parse_format(al_format *out, const char *name)
{
	static const struct { const char *name; al_format f; } names[] = {
		{"text", AL_TEXT}, {"json", AL_JSON}, {"github", AL_GITHUB}, {"sarif", AL_SARIF},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return SK_EXIT_OK;
		}
	}
	return cli_usage_error("--format: \"%s\" is not one of text, json, github, sarif", name);
}

/* Returns SK_EXIT_OK to go on, -1 after --help or --version, or SK_EXIT_FAIL. */
static int parse_options(options *o, int argc, char **argv)
{
	enum { OPT_ALLOW_EMPTY = 256, OPT_AS_OF, OPT_FORCE, OPT_LIST_RULES, OPT_STRICT, OPT_TEMPLATE };
	static const struct option longopts[] = {
		{"allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"config", required_argument, NULL, 'c'},
		{"force", no_argument, NULL, OPT_FORCE},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"output", required_argument, NULL, 'o'},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"template", required_argument, NULL, OPT_TEMPLATE},
		{"version", no_argument, NULL, CLI_OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	const char *gh;
	int c, rc;

	o->as_of = cli_today();     /* unless --as-of says otherwise */
	while ((c = getopt_long(argc, argv, ":c:f:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALLOW_EMPTY:
			o->allow_empty = true;
			break;
		case OPT_AS_OF:
			if (cli_parse_as_of(&o->as_of, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'f':
			if (parse_format(&o->format, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			o->format_given = true;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_LIST_RULES:
			o->list_rules = true;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case OPT_TEMPLATE:
			if (al_template_parse(&o->template_kind, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		default:
			if ((rc = cli_common_option(c, argv, usage, &o->output)) != SK_EXIT_OK)
				return rc;
			break;
		}
	}
	if (o->force && o->template_kind == AL_TEMPLATE_NONE)
		return cli_usage_error("--force is for --template -o FILE, to replace the file");
	gh = getenv("GITHUB_ACTIONS");
	if (!o->format_given && gh && strcmp(gh, "true") == 0)
		o->format = AL_GITHUB;
	return SK_EXIT_OK;
}

/* --list-rules: each rule with the severity it has (with -c, FILE's). */
static int list_rules(run *r)
{
	const options *o = &r->opt;
	const sk_lint_config *config = NULL;
	int status;
	cli_output out;

	r->configs = cli_configs_new();
	r->diags = sk_diags_new();
	status = r->configs && r->diags ? SK_EXIT_OK : SK_EXIT_FAIL;
	if (status == SK_EXIT_OK && o->config) {
		status = cli_configs_force(r->configs, o->config, r->diags);
		config = cli_config_for(r->configs, "-", r->diags, &status);
		sk_diags_sort(r->diags);
		cli_print_diags(r->diags);
	}
	if (status == SK_EXIT_OK && (status = cli_output_open(&out, o->output)) == SK_EXIT_OK) {
		for (size_t i = 0; i < sk_lint_rule_count(); i++) {
			const sk_lint_rule *rule = sk_lint_rule_at(i);
			sk_lint_level level = sk_lint_config_get(config, i);
			const char *sev = level == SK_LINT_OFF ? "off"
					  : level == SK_LINT_ERROR ? "error"
					  : level == SK_LINT_WARNING ? "warning"
					  : sk_severity_name(rule->severity);

			fprintf(out.fp, "%-24s %-8s %s\n", rule->name, sev, rule->description);
		}
		status = cli_output_close(&out, true);
	}
	return status;
}

/* --template: the skeleton, written whole (-o) or not at all, and never over
 * a file without --force: the command a user runs again from the shell's
 * history would otherwise replace a strategy filled in since. */
static int write_template(const run *r, int paths)
{
	const options *o = &r->opt;
	cli_output out;
	struct stat st;
	int status;

	if (paths > 0)
		return cli_usage_error("--template prints a file to fill in and checks none; "
				       "give no PATH");
	if (o->output && strcmp(o->output, "-") != 0 && !o->force && lstat(o->output, &st) == 0) {
		cli_error("%s: already exists, and --template does not write over a file: give "
			  "a new name, --force to replace it, or no -o to print the template",
			  o->output);
		return SK_EXIT_FAIL;
	}
	status = cli_output_open(&out, o->output);
	if (status != SK_EXIT_OK)
		return status;
	al_template_write(out.fp, o->template_kind);
	return cli_output_close(&out, true);
}

static int lint_one(run *r, const cli_file *f)
{
	const sk_lint_config *config;
	int status = SK_EXIT_OK, rc;
	char *bytes;
	size_t len;

	if (cli_read_input(&bytes, &len, f->path, CLI_MAX_DOCUMENT) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	if (!f->given && !sk_lint_is_candidate(bytes, len)) {
		free(bytes);
		return SK_EXIT_OK;
	}
	config = cli_config_for(r->configs, f->path, r->diags, &status);
	rc = sk_lint_file(r->lint, bytes, len, cli_input_name(f->path), config, r->diags);
	free(bytes);
	if (rc != SK_OK) {
		cli_error("%s: %s", cli_input_name(f->path), sk_strerror(rc));
		status = SK_EXIT_FAIL;
	}
	return status;
}

static void summary(const sk_diags *diags, size_t files)
{
	size_t errors = sk_diags_count_severity(diags, SK_ERROR);
	size_t warnings = sk_diags_count_severity(diags, SK_WARNING);
	size_t notes = sk_diags_count_severity(diags, SK_NOTE);

	fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s", files,
		files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
		warnings == 1 ? "" : "s");
	if (notes)
		fprintf(stderr, ", %zu note%s", notes, notes == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* No file was checked, so the run proves nothing (a CI step pointed at the
 * wrong folder): no output, exit 2. Findings in a --config still show. */
static int nothing_checked(sk_diags *diags)
{
	sk_diags_sort(diags);
	cli_print_diags(diags);
	cli_error("no sendkit file found, so nothing was checked: a file in a folder is "
		  "checked when its name ends .yaml or .yml and a line starts \"sendkit:\"; "
		  "give --allow-empty if none is expected");
	return SK_EXIT_FAIL;
}

/* Checks every file and writes the findings. */
static int check_all(run *r)
{
	const options *o = &r->opt;
	int status = SK_EXIT_OK;
	cli_output out;

	/* A --config that cannot be read: nothing is checked with the wrong rules. */
	if (o->config
	    && (status = cli_configs_force(r->configs, o->config, r->diags)) == SK_EXIT_FAIL)
		return status;
	for (size_t i = 0; i < r->files.n; i++)
		status = cli_worse(status, lint_one(r, &r->files.v[i]));
	/* A configuration is an input too: -o must not replace it. */
	if (o->output
	    && (cli_same_file(o->output, o->config) || cli_configs_has(r->configs, o->output)))
		return cli_usage_error("--output %s is a configuration action-lint reads; "
				       "give another name", o->output);
	if (sk_lint_finish(r->lint, r->diags) != SK_OK)
		return SK_EXIT_FAIL;
	if (sk_lint_file_count(r->lint) == 0 && !o->allow_empty)
		return nothing_checked(r->diags);
	if (cli_output_open(&out, o->output) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	sk_diags_sort(r->diags);
	/* In a GitHub Actions job with no -f, -o FILE gets the report as text
	 * and the annotations go to standard output, where the runner reads
	 * them; -f github -o FILE writes them to the file, as asked. */
	if (o->format == AL_GITHUB && !o->format_given && out.fp != stdout) {
		al_write(out.fp, AL_TEXT, r->diags, sk_lint_file_count(r->lint));
		al_write(stdout, AL_GITHUB, r->diags, sk_lint_file_count(r->lint));
		if (fflush(stdout) != 0)
			status = cli_worse(status, SK_EXIT_FAIL);
	} else {
		al_write(out.fp, o->format, r->diags, sk_lint_file_count(r->lint));
	}
	status = cli_worse(status, cli_output_close(&out, true));
	summary(r->diags, sk_lint_file_count(r->lint));
	if (sk_diags_count_severity(r->diags, SK_ERROR)
	    || (o->strict && sk_diags_count_severity(r->diags, SK_WARNING)))
		status = cli_worse(status, SK_EXIT_FOUND);
	return status;
}

/* Collects the files of the operands ("-" with none) and checks them. */
static int lint_all(run *r, char **paths, int count)
{
	sk_lint_options lo = SK_LINT_OPTIONS_INIT;
	int status = SK_EXIT_OK;

	if (cli_no_input_on_terminal(count, "[PATH]..."))
		return SK_EXIT_FAIL;
#if defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
	/* Each file's tree is built and freed in turn: without this glibc hands
	 * the heap back after every file and asks for it again (brk churn). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
#endif
	lo.as_of = r->opt.as_of;
	sk_lint_new(&r->lint, &lo);     /* NULL when out of memory: said below */
	r->configs = cli_configs_new();
	r->diags = sk_diags_new();
	for (int i = 0; i < count; i++)
		status = cli_worse(status, cli_files_collect(&r->files, paths[i]));
	if (count == 0)
		status = cli_files_collect(&r->files, "-");
	if (cli_files_unique(&r->files) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	if (r->opt.output && cli_files_has(&r->files, r->opt.output))
		return cli_usage_error("--output %s is one of the files to check; "
				       "give another name", r->opt.output);
	if (!r->diags || !r->lint || !r->configs) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	return cli_worse(status, check_all(r));
}

static void run_free(run *r)
{
	cli_files_free(&r->files);
	cli_configs_free(r->configs);
	sk_lint_free(r->lint);
	sk_diags_free(r->diags);
}

/* The one step: what the options ask for, on the operands. */
static int action_lint(run *r, char **paths, int count)
{
	if (r->opt.list_rules)
		return list_rules(r);
	if (r->opt.template_kind != AL_TEMPLATE_NONE)
		return write_template(r, count);
	return lint_all(r, paths, count);
}

int main(int argc, char **argv)
{
	cli_init("action-lint");
	run r;
	memset(&r, 0, sizeof(r));
	int status = parse_options(&r.opt, argc, argv);
	if (status == SK_EXIT_OK)
		status = action_lint(&r, argv + optind, argc - optind);
	else if (status < 0)
		status = SK_EXIT_OK;
	run_free(&r);
	return status;
}
