/* nutshell: a school's "SEND in a Nutshell", the one-page profile that heads,
 * governors and hubs read (seed 000, sections 7.2 and 7.4). */
#include <errno.h>
#include <getopt.h>
#include <search.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"
#include "lint_configs.h"
#include "sendkit/census.h"

#include "hub.h"
#include "mem_internal.h"
#include "nutshell.h"

typedef enum nut_format {
	NUT_TABLE = 0,
	NUT_MARKDOWN,
	NUT_JSON,
	NUT_HTML
} nut_format;

static const char *const format_ext[] = {"txt", "md", "json", "html"};

typedef struct options {
	nut_format format;
	bool format_given;
	bool full;
	const char *output;
	const char *census;
	const char *config;     /* --config FILE: action-lint's rule severities */
	const char *national;
	sk_date as_of;
	const char *hub;        /* --hub NAME */
	bool trust, all_hubs;   /* --trust, --all-hubs */
	long suppress;
} options;

static void usage(void)
{
	printf("Usage: %s [OPTION]... [STRATEGY|FOLDER]...\n", cli_prog());
	printf("  or:  %s --hub NAME|--trust|--all-hubs [OPTION]... [FOLDER]...\n",
	       cli_prog());
	fputs("Writes each school's SEND in a Nutshell: the one-page profile of its\n"
	      "SEN figures beside national, its profile of need, the review headlines,\n"
	      "the costed action plan and the next reviews. A FOLDER is searched for\n"
	      "*.yaml and *.yml files that say \"sendkit: strategy\". With no STRATEGY,\n"
	      "or when STRATEGY is -, reads standard input (no STRATEGY on a terminal:\n"
	      "the usage, exit 2).\n"
	      "With --hub, --trust or --all-hubs, writes the hub's or the trust's page\n"
	      "instead: every school side by side, its profile of need, its latest review\n"
	      "and strategy, where to focus the CPD offer and the trend, from the census\n"
	      "summary and the strategies and reviews (sendkit-review(5)) in the FOLDERs.\n"
	      "\n"
	      "Options:\n"
	      "      --all-hubs        every hub's page and the trust's (-o FOLDER: one file\n"
	      "                        each)\n"
	      "      --as-of DATE      count the next reviews, and the reviews' overdue\n"
	      "                        actions, from DATE (YYYY-MM-DD), not today; a hub's\n"
	      "                        page shows each school's review and strategy as at DATE\n"
	      "      --census FILE     the census summary (census-summary's CSV, - for a pipe)\n"
	      "                        to take counts and the profile of need from, and the\n"
	      "                        hub, LA and trust rows to show beside the school\n"
	      "                        (without it, a hub's page has no census figures)\n"
	      "  -c, --config FILE     rule severities from FILE instead of the\n"
	      "                        .action-lint.yaml found above each file, as\n"
	      "                        action-lint --config FILE takes them\n"
	      "  -f, --format FORMAT   table, markdown, json or html; without -f, the\n"
	      "                        extension of -o's file picks it (.md, .json, .html),\n"
	      "                        else table\n"
	      "      --full            add the whole strategy as the trust's template lays it\n"
	      "                        out: each area's strengths and recommendations, each\n"
	      "                        action's steps, lead, timescale, cost, success criteria,\n"
	      "                        review and impact (A4 landscape in html)\n"
	      "  -h, --help            show this help and exit\n"
	      "      --hub NAME        the page of hub NAME: its schools side by side\n"
	      "      --national FILE   national figures (CSV) replacing or adding to the\n"
	      "                        built-in table for January 2022-2025\n"
	      "  -o, --output PATH     write there instead of standard output; a folder\n"
	      "                        (always, with several files) gets one file per school\n"
	      "  -s, --suppress N      refuse a census summary that shows a count from 1 to\n"
	      "                        N-1 (make it with census-summary --suppress N; its \"c\"\n"
	      "                        cells are never shown or counted as 0); on a school's\n"
	      "                        page, withhold the strategy's own counts below N, and\n"
	      "                        those they could be worked out from (without -s, below\n"
	      "                        the least count a summary with \"c\" cells shows); N is 4\n"
	      "                        or more (0: none)\n"
	      "      --trust           the trust's page: every school, each hub beside them\n"
	      "      --version         show the version and exit\n"
	      "\n"
	      "Examples:\n"
	      "  nutshell --as-of 2024-03-01 examples/strategy/holy-trinity-2023-24.yaml\n"
	      "  census-summary --hubs examples/census/hubs.csv --by school,hub,la,all \\\n"
	      "      -f csv examples/census/autumn-2023.csv examples/census/spring-2024.csv |\n"
	      "      nutshell --census - -o profile.html \\\n"
	      "      examples/strategy/holy-trinity-2023-24.yaml\n"
	      "  nutshell -f markdown examples/strategy/*.yaml > nutshells.md\n"
	      "  nutshell -f html -o profiles/ examples/strategy/\n"
	      "  nutshell --full -o pack.html examples/strategy/holy-trinity-2023-24.yaml\n"
	      "  nutshell --national national.csv -f json \\\n"
	      "      examples/strategy/oakfield-2024-25.yaml\n"
	      "  census-summary --hubs examples/census/hubs.csv --by school,hub,la,all -f csv \\\n"
	      "      examples/census/autumn-2023.csv examples/census/spring-2024.csv |\n"
	      "      nutshell --census - --all-hubs -f html -o pages/ examples/\n"
	      "  nutshell --census summary.csv --hub Mendip -o mendip.html shared/\n"
	      "\n"
	      "Exit status: 0 success, 1 problems found in the data (reported on standard\n"
	      "error), 2 could not do its job. See nutshell(1).\n", stdout);
}

static int parse_format(nut_format *out, const char *name)
{
	static const struct { const char *name; nut_format f; } names[] = {
		{"table", NUT_TABLE}, {"text", NUT_TABLE}, {"markdown", NUT_MARKDOWN},
		{"md", NUT_MARKDOWN}, {"json", NUT_JSON}, {"html", NUT_HTML},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return SK_EXIT_OK;
		}
	}
	return cli_usage_error("--format: \"%s\" is not one of table, markdown, json, html",
			       name);
}

/* -f not given: what the output file's name says, else a table. */
static nut_format format_from_name(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot)
		return NUT_TABLE;
	if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
		return NUT_HTML;
	if (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)
		return NUT_MARKDOWN;
	if (strcmp(dot, ".json") == 0)
		return NUT_JSON;
	return NUT_TABLE;
}

static int parse_options(options *o, int argc, char **argv)
{
	enum { OPT_AS_OF = 256, OPT_CENSUS, OPT_FULL, OPT_NATIONAL, OPT_HUB, OPT_TRUST,
	       OPT_ALL_HUBS };
	static const struct option longopts[] = {
		{"all-hubs", no_argument, NULL, OPT_ALL_HUBS},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"census", required_argument, NULL, OPT_CENSUS},
		{"config", required_argument, NULL, 'c'},
		{"format", required_argument, NULL, 'f'},
		{"full", no_argument, NULL, OPT_FULL},
		{"help", no_argument, NULL, 'h'},
		{"hub", required_argument, NULL, OPT_HUB},
		{"national", required_argument, NULL, OPT_NATIONAL},
		{"output", required_argument, NULL, 'o'},
		{"suppress", required_argument, NULL, 's'},
		{"trust", no_argument, NULL, OPT_TRUST},
		{"version", no_argument, NULL, CLI_OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	int c, rc;
	o->as_of = cli_today();     /* unless --as-of says otherwise */
	while ((c = getopt_long(argc, argv, ":c:f:ho:s:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALL_HUBS:
			o->all_hubs = true;
			break;
		case OPT_AS_OF:
			if (cli_parse_as_of(&o->as_of, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case OPT_CENSUS:
			o->census = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
		case 'f':
			if (parse_format(&o->format, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			o->format_given = true;
			break;
		case OPT_FULL:
			o->full = true;
			break;
		case OPT_HUB:
			o->hub = optarg;
			break;
		case OPT_NATIONAL:
			o->national = optarg;
			break;
		case 's':
			if (cli_parse_suppress(&o->suppress, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case OPT_TRUST:
			o->trust = true;
			break;
		default:
			if ((rc = cli_common_option(c, argv, usage, &o->output)) != SK_EXIT_OK)
				return rc;
			break;
		}
	}
	if (!o->format_given)
		o->format = format_from_name(o->output);
	if ((o->hub != NULL) + o->trust + o->all_hubs > 1)
		return cli_usage_error("give one of --hub, --trust and --all-hubs");
	if (o->hub && !*o->hub)
		return cli_usage_error("--hub needs a hub's name, as in the hubs file "
				       "(such as --hub Mendip)");
	bool hub_mode = o->hub || o->trust || o->all_hubs;
	if (hub_mode && o->full)
		return cli_usage_error("--full is for a school's page, not with --hub, --trust "
				       "or --all-hubs");
	return SK_EXIT_OK;
}

/* The exit status that a list of diagnostics calls for. */
static int status_of(const sk_diags *diags)
{
	return sk_diags_count_severity(diags, SK_ERROR) ? SK_EXIT_FOUND : SK_EXIT_OK;
}

/* One of the CSV loaders, behind one signature. */
typedef int (*csv_loader)(void *target, const char *bytes, size_t len, const char *name,
			  sk_diags *diags);

static int national_loader(void *target, const char *bytes, size_t len, const char *name,
			   sk_diags *diags)
{
	return sk_national_read(target, bytes, len, name, diags);
}

static int census_loader(void *target, const char *bytes, size_t len, const char *name,
			 sk_diags *diags)
{
	return sk_summary_load(target, bytes, len, name, diags);
}

/* Reads path whole and hands it to load; prints what it says. */
static int load_csv(const char *path, csv_loader load, void *target)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, CLI_MAX_DOCUMENT) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	sk_diags *diags = sk_diags_new();
	int rc = diags ? load(target, bytes, len, cli_input_name(path), diags) : SK_ENOMEM;
	free(bytes);
	cli_print_diags(diags);
	int status = rc == SK_OK ? status_of(diags) : SK_EXIT_FAIL;
	sk_diags_free(diags);
	if (rc == SK_ENOMEM)
		cli_error("%s", sk_strerror(rc));
	return status;
}

static int load_national(sk_national **out, const char *path)
{
	*out = sk_national_new();
	if (!*out) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	return path ? load_csv(path, national_loader, *out) : SK_EXIT_OK;
}

static int load_census(sk_summary **out, const char *path)
{
	*out = NULL;
	return path ? load_csv(path, census_loader, out) : SK_EXIT_OK;
}

typedef struct run {
	options opt;
	cli_files files;        /* the strategies, from files and folders */
	sk_national *national;
	sk_summary *census;
	sk_diags *diags;
	cli_configs *configs;   /* the .action-lint.yaml files action-lint would use */
	bool to_dir;
	bool make_dir, dir_made; /* -o's folder is made with the first file written into it */
	cli_output shared;      /* the one output, when not writing to a folder */
	bool shared_open, wrote_any, html_begun;
	bool json_array;        /* several JSON profiles in one output */
	int html_pages;         /* profiles in the shared HTML document */
	void *written;          /* tsearch tree of the file names written to the folder,
				 * to catch a clash in a run of thousands */
	unsigned withhold;      /* the school's own counts are withheld below it (0: not) */
	bool withhold_guessed;  /* from the summary's "c" cells, not --suppress */
} run;

static void render(run *r, FILE *out, const void *page, bool first)
{
	const nut_profile *p = page;
	nut_render_opts ro = {.color = false, .full = r->opt.full};
	ro.page = r->to_dir ? 1 : ++r->html_pages;
	if (r->opt.format == NUT_TABLE && !r->to_dir)
		ro.color = cli_use_color(&r->shared);
	switch (r->opt.format) {
	case NUT_TABLE:
		if (!first)
			fputs("\n\f\n", out);
		nut_render_table(out, p, &ro);
		break;
	case NUT_MARKDOWN:
		if (!first)
			fputs("\n---\n\n", out);
		nut_render_markdown(out, p, &ro);
		break;
	case NUT_JSON:
		if (r->json_array)
			fputs(first ? "[\n" : ",\n", out);
		nut_render_json(out, p, &ro);
		break;
	case NUT_HTML:
		nut_render_html(out, p, &ro);
		break;
	}
}

/* The hub's or the trust's page, in the same separators. */
static void render_hub(run *r, FILE *out, const void *page, bool first)
{
	const hub_page *p = page;
	switch (r->opt.format) {
	case NUT_TABLE:
		if (!first)
			fputs("\n\f\n", out);
		hub_render_table(out, p);
		break;
	case NUT_MARKDOWN:
		if (!first)
			fputs("\n---\n\n", out);
		hub_render_markdown(out, p);
		break;
	case NUT_JSON:
		if (r->json_array)
			fputs(first ? "[\n" : ",\n", out);
		hub_render_json(out, p);
		break;
	case NUT_HTML:
		hub_render_html(out, p);
		break;
	}
}

/* One page of either kind: what to call it and how to draw it. */
typedef struct page_out {
	const void *page;
	void (*render)(run *r, FILE *out, const void *page, bool first);
	const char *slug;      /* file name stem in a folder */
	const char *title;     /* the HTML document's */
	const char *from;      /* the input named in a message */
	const char *css;       /* added to the HTML style sheet (and the sheets landscape),
				* or NULL */
} page_out;

static int compare_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* *out_before: whether this run wrote `name` before; remembers it. SK_OK,
 * or SK_ENOMEM (then nothing is known, and nothing may be written). */
static int already_written(bool *out_before, run *r, const char *name)
{
	char *copy = strdup(name);
	char **found = copy ? tsearch(copy, &r->written, compare_names) : NULL;
	*out_before = found && *found != copy;
	if (!found || *found != copy)
		free(copy);
	return found ? SK_OK : SK_ENOMEM;
}

static void forget_written(run *r)
{
	while (r->written) {
		char *name = *(char **)r->written;
		tdelete(name, &r->written, compare_names);
		free(name);
	}
}

/* Makes -o's folder. */
static int make_folder(run *r)
{
	if (mkdir(r->opt.output, 0777) != 0) {
		cli_error("%s: cannot make the folder: %s", r->opt.output, strerror(errno));
		return SK_EXIT_FAIL;
	}
	r->make_dir = false;
	r->dir_made = true;
	return SK_EXIT_OK;
}

/* The file of a page in -o's folder (the caller frees it), or NULL. */
static char *page_path(const run *r, const char *slug)
{
	size_t n = strlen(r->opt.output) + strlen(slug) + 16;
	char *path = malloc(n);
	if (!path)
		return NULL;
	const char *sep = r->opt.output[strlen(r->opt.output) - 1] == '/' ? "" : "/";
	snprintf(path, n, "%s%s%s.%s", r->opt.output, sep, slug, format_ext[r->opt.format]);
	return path;
}

/* Writes a page into -o's folder; with `held`, to a temporary file there
 * that is left in *held for the caller to rename into place or remove. */
static int write_to_dir(run *r, const page_out *po, cli_output *held)
{
	if (held)
		memset(held, 0, sizeof(*held));
	char *path = page_path(r, po->slug);
	if (!path) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	bool before;
	if (already_written(&before, r, path) != SK_OK) {
		cli_error("%s", strerror(ENOMEM));
		free(path);
		return SK_EXIT_FAIL;
	}
	if (before) {
		cli_error("%s: %s: another file of this run was written there: not overwritten "
			  "(two strategies for the same school and year?)", po->from, path);
		free(path);
		return SK_EXIT_FOUND;
	}
	if (r->make_dir && make_folder(r) != SK_EXIT_OK) {
		free(path);
		return SK_EXIT_FAIL;
	}
	cli_output out;
	int status = cli_output_open(&out, path);
	free(path);
	if (status != SK_EXIT_OK)
		return status;
	if (r->opt.format == NUT_HTML)
		nut_html_begin(out.fp, po->title, po->css, po->css != NULL);
	po->render(r, out.fp, po->page, true);
	if (r->opt.format == NUT_HTML)
		nut_html_end(out.fp);
	if (!held)
		return cli_output_close(&out, true);
	*held = out;
	return cli_output_finish(held);
}

static int write_page(run *r, const page_out *po, cli_output *held)
{
	if (r->to_dir)
		return write_to_dir(r, po, held);
	if (r->opt.format == NUT_HTML && !r->html_begun) {
		nut_html_begin(r->shared.fp, po->title, po->css, po->css != NULL);
		r->html_begun = true;
	}
	po->render(r, r->shared.fp, po->page, !r->wrote_any);
	r->wrote_any = true;
	return SK_EXIT_OK;
}

static int write_profile(run *r, const nut_profile *p)
{
	page_out po = {p, render, p->slug, p->name, p->file, NULL};
	return write_page(r, &po, NULL);
}

static void check_census_match(run *r, const nut_profile *p)
{
	if (p->row && p->row_year) {
		char term[64];
		sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){p->row->line, 1},
			     SK_WARNING, "census-other-year", "the census figures for URN %s are of "
			     "%s, in %d-%02d, not of its strategy's year %s (%s): the page says so",
			     p->urn ? p->urn : "", nut_term_text(term, sizeof(term), p->row->term),
			     p->row_year, (p->row_year + 1) % 100, p->year, p->file);
		return;
	}
	if (p->other) {
		char term[64];
		sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){p->other->line, 1},
			     SK_WARNING, "census-other-year", "the census figures for URN %s are of "
			     "%s, in %d-%02d, not of its strategy's year %s (%s): the strategy's own "
			     "counts are used, and the page says so", p->urn ? p->urn : "",
			     nut_term_text(term, sizeof(term), p->other->term), p->other_year,
			     (p->other_year + 1) % 100, p->year, p->file);
		return;
	}
	if (p->undated && !p->row) {
		sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){p->undated->line, 1},
			     SK_WARNING, "census-undated", "census term \"%s\" for URN %s names no "
			     "date sendkit can read, so its figures are not used as those of %s (%s) "
			     "nor compared with a national year: label the term with its season and "
			     "year when making the summary (census-summary --term spring-2024, say)",
			     p->undated->term, p->urn ? p->urn : "", p->year[0] ? p->year : "its "
			     "strategy's year", p->file);
		return;
	}
	if (p->set_aside && p->row) {
		char term[64];
		const char *used = nut_term_text(term, sizeof(term), p->row->term);
		sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){p->set_aside->line, 1},
			     SK_WARNING, "census-undated", "census term \"%s\" for URN %s names no "
			     "date sendkit can read, so it is set aside and the %s census is used "
			     "(%s): label the term with its season and year when making the summary "
			     "(census-summary --term spring-2024, say)", p->set_aside->term,
			     p->urn ? p->urn : "", used ? used : "latest dated",
			     p->file);
	}
	if (!r->census || p->row)
		return;
	if (p->urn)
		sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){0, 0}, SK_WARNING,
			     "census-no-school", "no school row for URN %s (%s): its profile "
			     "uses the strategy's own counts", p->urn, p->file);
	else
		sk_diags_add(r->diags, p->file, p->st->school.pos, SK_WARNING, "census-no-school",
			     "the school has no URN to find it in the census summary by: "
			     "the strategy's own counts are used");
}

/* The strategy's own counts withheld from the page, named (never their values). */
static void check_withheld(run *r, const nut_profile *p)
{
	char which[NUT_TEXT_MAX];
	if (p->row || !nut_withheld_text(which, sizeof(which), p))
		return;
	sk_pos at = p->st->summary.pos;
	if (r->withhold_guessed)
		sk_diags_add(r->diags, p->file, at, SK_WARNING, "counts-withheld", "the page uses "
			     "the strategy's own counts and the census summary hides small counts "
			     "(\"c\") without saying below what: %s withheld, counts below %u (the "
			     "least it shows) and those they could be worked out from; give "
			     "--suppress N, census-summary's N, to withhold as it did", which,
			     r->withhold);
	else
		sk_diags_add(r->diags, p->file, at, SK_WARNING, "counts-withheld", "the page uses "
			     "the strategy's own counts, and --suppress %u hides small counts: %s "
			     "withheld, counts below %u and those they could be worked out from",
			     r->withhold, which, r->withhold);
}

/* The strategy's hub or LA is not the census row's: the page's header is
 * the strategy's, the figures beside the school the census's. */
static void check_census_groups(run *r, const nut_profile *p)
{
	if (!p->row)
		return;
	const char *mine[] = {p->st->school.hub.s, p->st->school.la.s};
	const char *theirs[] = {p->row->hub, p->row->la};
	for (size_t i = 0; i < 2; i++)
		if (nut_value_set(mine[i]) && nut_value_set(theirs[i])
		    && strcmp(mine[i], theirs[i]) != 0)
			sk_diags_add(r->diags, cli_input_name(r->opt.census),
				     (sk_pos){p->row->line, 1}, SK_WARNING, "census-hub-differs",
				     "the strategy names %s \"%s\" but the census summary's row for "
				     "URN %s names \"%s\" (%s): the page's header shows the strategy's, "
				     "the figures beside the school are the census's; correct the one "
				     "that is wrong", i ? "LA" : "hub", mine[i],
				     p->urn ? p->urn : "", theirs[i], p->file);
}

/* The strategy's own counts are not the census row's shown in their place:
 * its "School Summary information" is read beside the page (names, never values). */
static void check_counts_differ(run *r, const nut_profile *p)
{
	char which[NUT_TEXT_MAX];
	if (!nut_counts_differ_text(which, sizeof(which), p))
		return;
	sk_diags_add(r->diags, p->file, p->st->summary.pos, SK_WARNING, "census-counts-differ",
		     "the strategy's own counts differ from the census summary's for %s: the "
		     "page shows the census's and says so; correct the strategy's summary if "
		     "it is the one that is wrong", which);
}

/* National figures are of the school's figures' year or none (nutshell(1)). */
static void check_national_year(run *r, const nut_profile *p)
{
	if (p->nat || !p->census_year)
		return;
	sk_diags_add(r->diags, p->file, (sk_pos){0, 0}, SK_WARNING, "national-other-year",
		     "no national figures for January %d, the census of the school's figures: "
		     "they are not compared with another year's, and the page says so (a national "
		     "figures file can add that year)", p->census_year);
}

/* Census counts that cannot be, in action-lint's words; shown without a
 * percentage (the strategy's own are action-lint's findings). */
static void check_counts(run *r, const nut_profile *p)
{
	if (!p->row)
		return;         /* the strategy's own: action-lint's impossible-count */
	sk_pos at = {p->row->line, 1};
	sk_profile_where w = {cli_input_name(r->opt.census), at, {at, at, at}};
	if (sk_profile_check(&p->counts, &w, r->diags) != SK_OK)
		cli_error("%s", sk_strerror(SK_ENOMEM));
}

/* Reads a strategy, and action-lint's findings on its file into *out_lint.
 * A file found in a folder that is no strategy (a review, some other YAML)
 * is skipped: NULL with SK_EXIT_OK. The loader's and the decoder's own
 * messages are not said: action-lint's findings say them, with its
 * configuration and disable comments (nut_profile_lint), so that the
 * messages, the exit status and the page's mark follow action-lint. A file
 * that is not YAML is said in action-lint's words; one that is no strategy,
 * in the decoder's (no page can be made of it, whatever the configuration). */
static int load_strategy(sk_strategy **out, sk_diags **out_lint, run *r, const cli_file *in)
{
	char *bytes;
	size_t len;
	const char *name = cli_input_name(in->path);
	*out = NULL;
	*out_lint = NULL;
	if (cli_read_input(&bytes, &len, in->path, CLI_MAX_DOCUMENT) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	sk_diags *own = sk_diags_new();
	sk_ydoc *doc = NULL;
	int rc = own ? sk_ydoc_load(&doc, bytes, len, name, own) : SK_ENOMEM;
	bool yaml = rc == SK_OK;
	bool strategy = yaml && sk_file_kind_of(sk_ydoc_root(doc)) == SK_FILE_STRATEGY;
	int status = SK_EXIT_OK;
	if (rc != SK_ENOMEM && (in->given || strategy || !yaml)) {
		const sk_lint_config *config = cli_config_for(r->configs, in->path, r->diags,
							      &status);
		rc = nut_lint_file(out_lint, bytes, len, name, config, r->opt.as_of);
	}
	free(bytes);
	if (rc == SK_OK && yaml && (in->given || strategy)
	    && (rc = sk_strategy_decode(out, doc, own)) == SK_EINVAL)
		rc = nut_lint_say(own, name, r->diags);
	else if (rc == SK_OK && !yaml)
		rc = nut_lint_say(nut_lint_says_unread(*out_lint) ? *out_lint : own, name, r->diags);
	sk_ydoc_free(doc);
	sk_diags_free(own);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		sk_strategy_free(*out);
		*out = NULL;
		sk_diags_free(*out_lint);
		*out_lint = NULL;
		return SK_EXIT_FAIL;
	}
	if (!*out && sk_diags_count(r->diags)) {
		/* Read, but no strategy in it: a problem in the data, as in review-score. */
		sk_diags_sort(r->diags);
		cli_flush_diags(r->diags);
		return cli_worse(status, SK_EXIT_FOUND);
	}
	return status;
}

static int one_strategy(run *r, const cli_file *in)
{
	sk_strategy *st;
	sk_diags *lint;
	const char *name = cli_input_name(in->path);
	int status = load_strategy(&st, &lint, r, in);
	if (!st) {
		sk_diags_free(lint);
		return status;
	}
	nut_profile p;
	nut_profile_build(&p, st, name, r->census,
			  r->opt.census ? cli_input_name(r->opt.census) : NULL,
			  r->national, r->opt.as_of, r->withhold);
	check_census_match(r, &p);
	check_withheld(r, &p);
	check_census_groups(r, &p);
	check_counts_differ(r, &p);
	check_national_year(r, &p);
	check_counts(r, &p);
	if (lint && nut_profile_lint(&p, lint, r->opt.full, r->diags) != SK_OK)
		cli_error("%s", sk_strerror(SK_ENOMEM));
	sk_diags_free(lint);
	sk_diags_sort(r->diags);
	status = cli_worse(status, status_of(r->diags));
	cli_flush_diags(r->diags);
	status = cli_worse(status, write_profile(r, &p));
	sk_strategy_free(st);
	return status;
}

/* -o names a folder when it is one, ends in "/", or several files are given. */
static int prepare_output(run *r, bool several)
{
	const char *o = r->opt.output;
	struct stat sb;
	if (o && strcmp(o, "-") != 0) {
		bool is_dir = stat(o, &sb) == 0 && S_ISDIR(sb.st_mode);
		r->to_dir = is_dir || o[strlen(o) - 1] == '/' || several;
		/* The hub's pages are written whole or not at all: their folder is
		 * made with the first of them. */
		r->make_dir = r->to_dir && !is_dir;
		bool hubs = r->opt.hub || r->opt.trust || r->opt.all_hubs;
		if (r->make_dir && !hubs && make_folder(r) != SK_EXIT_OK)
			return SK_EXIT_FAIL;
	}
	if (r->to_dir)
		return SK_EXIT_OK;
	r->json_array = r->opt.format == NUT_JSON && several;
	if (cli_output_open(&r->shared, o) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	r->shared_open = true;
	return SK_EXIT_OK;
}

/* ---- the hub's and the trust's pages ---- */

static bool hub_mode(const options *o)
{
	return o->hub || o->trust || o->all_hubs;
}

/* --suppress N: the census summary must already show no count from 1 to
 * N-1 (census-summary --suppress N, whose audit is the guarantee); the
 * pages only draw its cells and figures worked out from them. */
#define ROW_COUNTS (3 + SK_BROAD_COUNT + SK_NEED_COUNT)

/* A row's counts of pupils with SEN, by provision, area and need, into out; how many. */
static size_t row_counts(const sk_cell *out[ROW_COUNTS], const sk_summary_row *row)
{
	size_t n = 0;
	out[n++] = &row->sen_support;
	out[n++] = &row->ehcp;
	out[n++] = &row->sen;
	for (int b = 0; b < SK_BROAD_COUNT; b++)
		out[n++] = &row->broad[b];
	for (int k = 0; k < SK_NEED_COUNT; k++)
		out[n++] = &row->need[k];
	return n;
}

static int check_suppressed(run *r)
{
	if (r->opt.suppress <= 1 || !r->census)
		return SK_EXIT_OK;
	const char *file = cli_input_name(r->opt.census);
	for (size_t i = 0; i < sk_summary_row_count(r->census); i++) {
		const sk_summary_row *row = sk_summary_row_at(r->census, i);
		const sk_cell *counts[ROW_COUNTS];
		if (strstr(row->term, ".."))
			continue;       /* changes: census-summary's audit covers them */
		size_t n = row_counts(counts, row);
		for (size_t k = 0; k < n; k++) {
			if (counts[k]->state == SK_CELL_KNOWN && counts[k]->value > 0
			    && counts[k]->value < r->opt.suppress) {
				sk_diags_add(r->diags, file, (sk_pos){row->line, 1}, SK_ERROR,
					     "not-suppressed", "a count from 1 to %ld is shown: make "
					     "the census summary with census-summary --suppress %ld",
					     r->opt.suppress - 1, r->opt.suppress);
				cli_flush_diags(r->diags);
				return SK_EXIT_FOUND;
			}
		}
	}
	return SK_EXIT_OK;
}

/* The hubs to draw: the one named, every hub (and the trust), or the trust
 * (NULL), in *out (the caller frees it) and *count. SK_OK or SK_ENOMEM. */
static int pages_wanted(const char ***out, size_t *count, const run *r, const hub_inputs *in)
{
	const char **v = NULL;
	size_t n = 0, cap = 0;
	if (r->opt.all_hubs && hub_names(&v, &n, r->census) != SK_OK)
		return SK_ENOMEM;
	cap = n;
	/* Then the hubs only strategies name, once each, and the page named. */
	if (SK_GROW(v, cap, n + (r->opt.all_hubs ? in->strategy_count : 0) + 1) != SK_OK) {
		free(v);
		return SK_ENOMEM;
	}
	for (size_t i = 0; r->opt.all_hubs && i < in->strategy_count; i++)
		if (nut_value_set(in->strategies[i].st->school.hub.s)
		    && !hub_in_census(in, in->strategies[i].st->school.urn.s))
			v[n++] = in->strategies[i].st->school.hub.s;
	if (hub_unique(v, &n) != SK_OK) {
		free(v);
		return SK_ENOMEM;
	}
	v[n++] = r->opt.hub;   /* the hub named, or the trust */
	*out = v;
	*count = n;
	return SK_OK;
}

static int by_row_line(const void *a, const void *b)
{
	unsigned x = (*(const hub_line *const *)a)->row->line;
	unsigned y = (*(const hub_line *const *)b)->row->line;
	return (x > y) - (x < y);
}

/* Counts that cannot be in the census rows the pages show, each row once, as
 * the school's page reports them. */
static int check_shown_counts(run *r, const hub_page *pages, size_t n)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		total += pages[i].school_count + pages[i].ref_count;
	const hub_line **lines = malloc((total ? total : 1) * sizeof(*lines));
	if (!lines)
		return SK_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < pages[i].school_count + pages[i].ref_count; j++) {
			const hub_line *l = j < pages[i].school_count
						    ? &pages[i].schools[j].line
						    : &pages[i].refs[j - pages[i].school_count];
			if (l->row)
				lines[k++] = l;
		}
	qsort(lines, k, sizeof(*lines), by_row_line);
	int rc = SK_OK;
	for (size_t i = 0; rc == SK_OK && i < k; i++) {
		if (i && lines[i]->row == lines[i - 1]->row)
			continue;
		sk_pos at = {lines[i]->row->line, 1};
		sk_profile_where w = {cli_input_name(r->opt.census), at, {at, at, at}};
		rc = sk_profile_check(&lines[i]->counts, &w, r->diags);
	}
	free(lines);
	return rc;
}

/* A hub with no school in the inputs, and the census's hub of that name in
 * another spelling, if there is one. */
static void say_no_hub(const run *r, const char *hub)
{
	const char **names = NULL;
	size_t n = 0;
	const char *near = hub_names(&names, &n, r->census) == SK_OK
				   ? sk_text_did_you_mean(hub, names, n) : NULL;
	if (near)
		cli_error("no school of the %s hub is in the census summary or the "
			  "strategies given; did you mean %s?", hub, near);
	else
		cli_error("no school of the %s hub is in the census summary or the "
			  "strategies given: check the hub's name", hub);
	free(names);
}

/* Whether something stops every page being written (a hub without schools,
 * a page with nothing on it, two pages for one file), said, with the exit
 * status in *status. */
static bool refuse_pages(int *status, const run *r, const hub_page *pages, size_t n)
{
	*status = SK_EXIT_FAIL;
	for (size_t i = 0; i < n; i++) {
		const hub_page *p = &pages[i];
		if (p->hub && !p->school_count) {
			say_no_hub(r, p->hub);
			return true;
		}
		if (!p->school_count) {
			cli_error("nothing to show on the trust's page: no school is in the census "
				  "summary (--census) or the strategies given");
			return true;
		}
		for (size_t k = 0; r->to_dir && k < i; k++)
			if (strcmp(pages[k].slug, p->slug) == 0) {
				cli_error("the hubs \"%s\" and \"%s\" would both be written to %s.%s: "
					  "hub names that differ only in case, punctuation or past "
					  "150 letters are taken for one; give each hub one spelling "
					  "in the hubs file", pages[k].hub, p->hub, p->slug,
					  format_ext[r->opt.format]);
				*status = SK_EXIT_FOUND;
				return true;
			}
	}
	*status = SK_EXIT_OK;
	return false;
}

/* Puts old page i back from keep[i]; when that fails it stays there, named,
 * and is never deleted. */
static void put_back(char **paths, char **keep, size_t i)
{
	if (rename(keep[i], paths[i]) != 0)
		cli_error("%s: cannot put the old page back (%s): it is kept as %s", paths[i],
			  strerror(errno), keep[i]);
	free(keep[i]);
	keep[i] = NULL;
}

/* Undoes place_pages: each of the first `done` pages that replaced one gets
 * the old one back, each new one goes; an old page renamed aside and not
 * yet replaced (moved) is put back too. */
static void roll_back(char **paths, char **keep, const bool *moved, size_t n, size_t done)
{
	for (size_t i = 0; i < n; i++) {
		if (!paths[i])
			continue;
		if (keep[i] && (i < done || moved[i]))
			put_back(paths, keep, i);
		else if (i < done && !keep[i])
			unlink(paths[i]);
	}
}

/* Whether link(2) fails as on a file system without hard links (FAT, some
 * network shares): then the old page is renamed aside instead. */
static bool no_hard_links(int err)
{
	return err == EPERM || err == ENOTSUP || err == EXDEV;
}

/* Keeps the page at paths[i] under keep[i] while it is replaced: as a link
 * beside it, or, without hard links, renamed there (*moved). */
static bool keep_old(char *path, char *keep, bool *moved)
{
	if (link(path, keep) == 0)
		return true;
	*moved = no_hard_links(errno) && rename(path, keep) == 0;
	return *moved;
}

/* Renames the pages written to temporary files in -o's folder into place
 * (commit), or removes the temporary files, and the folder if this run made
 * it: every page replaced or none. Each page already there is kept under a
 * hidden backup name first (a link, or renamed aside where the file system
 * has none), so that a rename failing midway puts the old pages back and
 * removes the new: the folder holds the old set or the new. */
static int place_pages(run *r, cli_output *held, size_t n, bool commit)
{
	char **paths = calloc(n ? n : 1, sizeof(*paths)), **keep = calloc(n ? n : 1, sizeof(*keep));
	bool *moved = calloc(n ? n : 1, sizeof(*moved));
	bool ok = commit && paths && keep && moved;
	if (commit && !ok)
		cli_error("%s", strerror(ENOMEM));
	for (size_t i = 0; ok && i < n; i++) {
		struct stat sb;
		if (!held[i].tmp_path)
			continue;
		size_t len = strlen(held[i].tmp_path) + 8;
		paths[i] = strdup(held[i].path);
		ok = paths[i] != NULL;
		if (!ok || lstat(paths[i], &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		keep[i] = malloc(len);
		if (keep[i])
			snprintf(keep[i], len, "%s.old", held[i].tmp_path);
		ok = keep[i] && keep_old(paths[i], keep[i], &moved[i]);
		if (!ok)
			cli_error("%s: cannot keep the page there while replacing it: %s", paths[i],
				  keep[i] ? strerror(errno) : strerror(ENOMEM));
		if (!ok && keep[i]) {
			free(keep[i]);
			keep[i] = NULL;
		}
	}
	int status = commit && !ok ? SK_EXIT_FAIL : SK_EXIT_OK;
	size_t done = 0;
	for (size_t i = 0; i < n; i++) {
		bool place = ok && status == SK_EXIT_OK;
		if (held[i].tmp_path && cli_output_close(&held[i], place) != SK_EXIT_OK)
			status = SK_EXIT_FAIL;
		done += place && status == SK_EXIT_OK;
	}
	if (status != SK_EXIT_OK && paths && keep && moved)
		roll_back(paths, keep, moved, n, done);
	for (size_t i = 0; i < n; i++) {
		if (keep && keep[i])
			unlink(keep[i]);
		free(keep ? keep[i] : NULL);
		free(paths ? paths[i] : NULL);
	}
	free(paths);
	free(keep);
	free(moved);
	if ((!commit || status != SK_EXIT_OK) && r->dir_made)
		rmdir(r->opt.output);
	return status;
}

/* The first row of `term` in the census summary, where a message about it points. */
static sk_pos term_pos(const sk_summary *census, const char *term)
{
	for (size_t i = 0; i < sk_summary_row_count(census); i++)
		if (strcmp(sk_summary_row_at(census, i)->term, term) == 0)
			return (sk_pos){sk_summary_row_at(census, i)->line, 1};
	return (sk_pos){0, 0};
}

/* As check_national_year, for hub pages: every page is of the same census. */
static void check_hub_national_year(run *r, const hub_page *p)
{
	if (!p->census_year && p->latest) {
		sk_diags_add(r->diags, cli_input_name(r->opt.census),
			     term_pos(r->census, p->latest), SK_WARNING,
			     "census-undated", "census term \"%s\" names no date sendkit can read, "
			     "so its figures are not compared with a national year: label the term "
			     "with its season and year when making the summary (census-summary "
			     "--term spring-2024, say)", p->latest);
		return;
	}
	for (size_t i = 0; i < p->undated_count; i++)
		sk_diags_add(r->diags, cli_input_name(r->opt.census),
			     term_pos(r->census, p->undated[i].label), SK_WARNING, "census-undated", "census term \"%s\" names no date sendkit can read, "
			     "so it is set aside: the page shows the latest dated term, %s (label "
			     "the term with its season and year when making the summary: "
			     "census-summary --term spring-2024, say)", p->undated[i].label, p->latest);
	if (p->nat || !p->census_year)
		return;
	sk_diags_add(r->diags, cli_input_name(r->opt.census), (sk_pos){0, 0}, SK_WARNING,
		     "national-other-year", "no national figures for January %d, the census of "
		     "these figures: they are not compared with another year's, and the page says "
		     "so (a national figures file can add that year)", p->census_year);
}

/* Every page built and checked first; then each written, or none. */
static int write_hubs(run *r, const hub_inputs *in, const char **hubs, size_t n)
{
	hub_page *pages = calloc(n ? n : 1, sizeof(*pages));
	cli_output *held = calloc(n ? n : 1, sizeof(*held));
	if (!pages || !held) {
		free(pages);
		free(held);
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	int status = SK_EXIT_OK;
	size_t built = 0, written = 0;
	for (; built < n && status == SK_EXIT_OK; built++)
		if (hub_page_build(&pages[built], in, hubs[built]) != SK_OK) {
			cli_error("%s", sk_strerror(SK_ENOMEM));
			status = SK_EXIT_FAIL;
		}
	bool refused = status != SK_EXIT_OK || refuse_pages(&status, r, pages, n);
	if (!refused)
		check_hub_national_year(r, &pages[0]);
	if (!refused && (check_shown_counts(r, pages, n) != SK_OK
			 || hub_pages_lint(pages, n, in, r->diags) != SK_OK)) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		status = SK_EXIT_FAIL;
	}
	status = cli_worse(status, status_of(r->diags));
	sk_diags_sort(r->diags);
	cli_flush_diags(r->diags);
	refused = refused || status == SK_EXIT_FAIL;
	while (!refused && written < n) {
		char title[200];
		page_out po = {&pages[written], render_hub, pages[written].slug,
			       hub_page_title(title, sizeof(title), &pages[written]),
			       r->opt.census ? cli_input_name(r->opt.census) : "the strategies",
			       hub_html_css};
		int one = write_page(r, &po, &held[written]);
		status = cli_worse(status, one);
		refused = one == SK_EXIT_FAIL;
		written += !refused;
	}
	if (r->to_dir)
		status = cli_worse(status, place_pages(r, held, written, !refused));
	for (size_t i = 0; i < built; i++)
		hub_page_free(&pages[i]);
	free(pages);
	free(held);
	return status;
}

static int run_hubs(run *r)
{
	int status = check_suppressed(r);
	if (status != SK_EXIT_OK)
		return status;
	hub_inputs in = {0};
	in.census = r->census;
	in.national = r->national;
	in.as_of = r->opt.as_of;
	in.suppress = r->opt.suppress > 1;
	for (size_t i = 0; i < r->files.n && status != SK_EXIT_FAIL; i++) {
		const char *path = r->files.v[i].path;
		const sk_lint_config *config = cli_config_for(r->configs, path, r->diags, &status);
		if (status != SK_EXIT_FAIL)
			status = cli_worse(status, hub_inputs_add(&in, path, r->files.v[i].given,
								  config, r->diags));
	}
	if (status != SK_EXIT_FAIL && (hub_inputs_check(&in, r->diags) != SK_OK
				       || hub_inputs_index(&in) != SK_OK
				       || hub_inputs_unmatched(&in, r->diags) != SK_OK
				       || (r->census && (hub_census_check(r->census,
						cli_input_name(r->opt.census), r->diags) != SK_OK
					|| hub_inputs_hub_differs(&in, cli_input_name(r->opt.census),
								  r->diags) != SK_OK)))) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		status = SK_EXIT_FAIL;
	}
	status = cli_worse(status, status_of(r->diags));
	sk_diags_sort(r->diags);
	cli_flush_diags(r->diags);
	const char **hubs = NULL;
	size_t n = 0;
	if (status != SK_EXIT_FAIL && pages_wanted(&hubs, &n, r, &in) != SK_OK) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		status = SK_EXIT_FAIL;
	}
	if (status != SK_EXIT_FAIL)
		status = cli_worse(status, write_hubs(r, &in, hubs, n));
	free(hubs);
	hub_inputs_free(&in);
	return status;
}

/* An -o that is not a folder yet and ends in a file name's extension
 * ("all.html"): --all-hubs would make a folder of that name. */
static bool names_a_file(const char *o)
{
	struct stat sb;
	if (!o || strcmp(o, "-") == 0 || (stat(o, &sb) == 0 && S_ISDIR(sb.st_mode)))
		return false;
	const char *base = strrchr(o, '/') ? strrchr(o, '/') + 1 : o;
	const char *dot = strrchr(base, '.');
	return dot && dot > base && dot[1];
}

/* Operands that cannot go together: usage errors, before anything is read. */
static int check_operands(const run *r, char **args, int nargs)
{
	int stdin_uses = r->opt.census && strcmp(r->opt.census, "-") == 0;
	stdin_uses += r->opt.national && strcmp(r->opt.national, "-") == 0;
	stdin_uses += r->opt.config && strcmp(r->opt.config, "-") == 0;
	for (int i = 0; i < nargs; i++)
		stdin_uses += strcmp(args[i], "-") == 0;
	if (stdin_uses > 1)
		return cli_usage_error("only one input can be standard input (-): name the "
				       "strategy files when --census, --config or --national is -");
	if (r->opt.all_hubs && names_a_file(r->opt.output))
		return cli_usage_error("-o %s: --all-hubs writes a file for each hub and one for "
				       "the trust into a folder: name a folder, ending in / "
				       "(such as pages/), or give --hub or --trust for one page",
				       r->opt.output);
	return SK_EXIT_OK;
}

/* The strategies (or the hub's inputs) from the operands; a file that cannot
 * be read sets the status, and the others are still shown. */
static int collect_inputs(run *r, char **args, int nargs)
{
	int status = SK_EXIT_OK;
	for (int i = 0; i < nargs; i++)
		status = cli_worse(status, cli_files_collect(&r->files, args[i]));
	return status;
}

static bool output_is_input(const run *r)
{
	const char *output = r->opt.output;
	return output && (cli_files_has(&r->files, output) || cli_same_file(output, r->opt.census)
			  || cli_same_file(output, r->opt.national)
			  || cli_same_file(output, r->opt.config));
}

/* The national figures, the census summary and the output. */
static int read_inputs(run *r, int nargs)
{
	/* Several profiles (a JSON array, a folder for -o) whenever several
	 * files were named or a folder was: not just when several could be read. */
	bool several = hub_mode(&r->opt) ? r->opt.all_hubs
		       : nargs > 1 || r->files.n > 1 || (r->files.n == 1 && !r->files.v[0].given);
	int status = load_national(&r->national, r->opt.national);
	if (status != SK_EXIT_FAIL)
		status = cli_worse(status, load_census(&r->census, r->opt.census));
	if (status != SK_EXIT_FAIL)
		status = cli_worse(status, prepare_output(r, several));
	return status;
}

/* The least count the summary shows (on roll included, changes not), and
 * whether it has a "c" cell: census-summary --suppress N shows no count
 * from 1 to N-1, so the least it shows is never below its N. */
static unsigned least_shown(bool *out_any_c, const sk_summary *census)
{
	int64_t least = INT32_MAX;
	*out_any_c = false;
	for (size_t i = 0; i < sk_summary_row_count(census); i++) {
		const sk_summary_row *row = sk_summary_row_at(census, i);
		const sk_cell *cells[ROW_COUNTS + 1];
		size_t n = row_counts(cells, row);
		cells[n++] = &row->on_roll;
		for (size_t k = 0; k < n; k++) {
			*out_any_c = *out_any_c || cells[k]->state == SK_CELL_SUPPRESSED;
			if (!strstr(row->term, "..") && cells[k]->state == SK_CELL_KNOWN
			    && cells[k]->value > 0 && cells[k]->value < least)
				least = cells[k]->value;
		}
	}
	return (unsigned)least;
}

/* School pages: with --suppress N, the summary shows no count below N and
 * the strategy's own counts are withheld below N; without, a summary with
 * "c" cells (made for publication) withholds them below the least count it
 * shows, never less than it withheld itself. */
static int school_pages_setup(run *r)
{
	bool any_c = false;
	unsigned least = r->census ? least_shown(&any_c, r->census) : 0;
	if (r->opt.suppress > 1) {
		r->withhold = (unsigned)r->opt.suppress;
		return check_suppressed(r);
	}
	if (any_c) {
		r->withhold = least < SK_CENSUS_SUPPRESS_MIN ? SK_CENSUS_SUPPRESS_MIN : least;
		r->withhold_guessed = true;
	}
	return SK_EXIT_OK;
}

/* Every page; the shared output closed, kept only when a page was written.
 * `status` is the run's so far. */
static int write_pages(run *r, int status)
{
	/* A page drawn without an operand that cannot be read would say wrongly
	 * that its school has no strategy or review: nothing is written. */
	if (hub_mode(&r->opt) && status != SK_EXIT_FAIL)
		status = cli_worse(status, run_hubs(r));
	/* A summary not suppressed as --suppress asks: no page at all. */
	int setup = hub_mode(&r->opt) ? SK_EXIT_OK : school_pages_setup(r);
	status = cli_worse(status, setup);
	for (size_t i = 0; !hub_mode(&r->opt) && setup == SK_EXIT_OK && i < r->files.n; i++)
		status = cli_worse(status, one_strategy(r, &r->files.v[i]));
	if (r->html_begun)
		nut_html_end(r->shared.fp);
	if (r->json_array && r->wrote_any)
		fputs("]\n", r->shared.fp);
	if (r->shared_open && cli_output_close(&r->shared, r->wrote_any) != SK_EXIT_OK)
		status = SK_EXIT_FAIL;
	r->shared_open = false;
	return status;
}

/* Reads the operands and writes the pages. */
static int nutshell(run *r, char **operands, int count)
{
	bool hubs = hub_mode(&r->opt);
	if (!hubs && cli_no_input_on_terminal(count, "[STRATEGY|FOLDER]..."))
		return SK_EXIT_FAIL;
	char *stdin_only[] = {"-"};
	/* The hub's page needs no strategy: with none named, the census alone. */
	char **args = count > 0 ? operands : stdin_only;
	int nargs = count > 0 ? count : hubs ? 0 : 1;
	int status = check_operands(r, args, nargs);
	if (status != SK_EXIT_OK)
		return status;
	status = collect_inputs(r, args, nargs);
	if (cli_files_unique(&r->files) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	r->diags = sk_diags_new();
	r->configs = cli_configs_new();
	if (!r->diags || !r->configs) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	if (output_is_input(r))
		return cli_usage_error("%s: the output would overwrite an input", r->opt.output);
	/* A --config that cannot be read: no page is marked with the wrong rules. */
	if (r->opt.config) {
		int forced = cli_configs_force(r->configs, r->opt.config, r->diags);
		status = cli_worse(status, status_of(r->diags));
		cli_flush_diags(r->diags);
		if (forced == SK_EXIT_FAIL)
			return SK_EXIT_FAIL;
	}
	int setup = read_inputs(r, nargs);
	status = cli_worse(status, setup);
	if (setup == SK_EXIT_FAIL)
		return status;
	return write_pages(r, status);
}

static void run_free(run *r)
{
	if (r->shared_open)
		cli_output_close(&r->shared, false);
	forget_written(r);
	sk_summary_free(r->census);
	sk_national_free(r->national);
	sk_diags_free(r->diags);
	cli_configs_free(r->configs);
	cli_files_free(&r->files);
}

int main(int argc, char **argv)
{
	cli_init("nutshell");
	run r;
	memset(&r, 0, sizeof(r));
	int status = parse_options(&r.opt, argc, argv);
	if (status == SK_EXIT_OK)
		status = nutshell(&r, argv + optind, argc - optind);
	else if (status < 0)
		status = SK_EXIT_OK;
	run_free(&r);
	return status;
}
