/* review-score: scores SEND reviews per area and overall
 * (sendkit-review(5)), one file or a whole trust's folder at once. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "files.h"
#include "review-score.h"
#include "tables.h"

/* Folders deeper than this are not searched. */

typedef struct options {
	sk_score_options score;
	sk_format format;
	const char *format_name;        /* -f, checked after the options */
	bool format_given;
	unsigned table_flags;           /* --allow-formulas, --excel */
	bool xlsx;                      /* -f xlsx */
	const char *columns;            /* --columns LIST, or NULL */
	bool explain;
	int priorities;                 /* 0: none */
	const char *output;
} options;

typedef struct run {
	options opt;
	cli_files in;                   /* a file found in a folder is skipped unless a review */
	sk_table *table;
	cli_output out;
	bool out_open;
	size_t reports;                 /* --explain/--priorities reports written */
	size_t scored;                  /* reviews scored */
	sk_diags *diags;
} run;

static const sk_column columns[] = {
	{"file", SK_COL_TEXT},
	{"area", SK_COL_TEXT},
	{"statements", SK_COL_NUMBER},
	{"judged", SK_COL_NUMBER},
	{"in_place", SK_COL_NUMBER},
	{"partly_in_place", SK_COL_NUMBER},
	{"not_in_place", SK_COL_NUMBER},
	{"score_pct", SK_COL_NUMBER},
	{"rating", SK_COL_TEXT},
	{"actions", SK_COL_NUMBER},
	{"actions_without_owner", SK_COL_NUMBER},
	{"actions_without_due", SK_COL_NUMBER},
	{"actions_overdue", SK_COL_NUMBER},
	{"broken_links", SK_COL_NUMBER},
};

#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void usage(void)
{
	printf("Usage: %s [OPTION]... [REVIEW|FOLDER]...\n", cli_prog());
	fputs("Scores SEND review files: for each file, one row per area (the five areas\n"
	      "in order, absent ones too) and one for the whole review: statements judged,\n"
	      "the score (points over the most the judged statements could have), its\n"
	      "rating, and the state of the actions and links. A FOLDER is searched for\n"
	      "*.yaml and *.yml files that say \"sendkit: review\". With no REVIEW, or\n"
	      "when REVIEW is -, reads standard input (no REVIEW on a terminal: the\n"
	      "usage, exit 2).\n"
	      "\n"
	      "Options:\n"
	      "      --allow-formulas    CSV, TSV: write a file name that begins with\n"
	      "                          = + - @ as it is (by default it gets a ' so that a\n"
	      "                          spreadsheet shows it rather than running it)\n"
	      "      --as-of DATE        count actions due before DATE (YYYY-MM-DD) as\n"
	      "                          overdue, not those due before today\n"
	      "      --bands S,D         a score of S% and above is a strength, D% to under\n"
	      "                          S% developing, under D% a priority (default 75,40)\n"
	      "      --excel             CSV for Excel: a byte order mark and CRLF line\n"
	      "                          ends, so that accented names show right (implies\n"
	      "                          -f csv)\n"
	      "      --explain           show how each area's score and rating follow,\n"
	      "                          statement by statement, with each action and link\n"
	      "      --columns LIST      the columns to write, comma-separated: names from\n"
	      "                          the header, or the groups headline, who,\n"
	      "                          judgements, actions and all (default: all; on a\n"
	      "                          terminal the headline columns that fit)\n"
	      "  -f, --format FORMAT     table, csv, tsv, json, markdown or xlsx (default:\n"
	      "                          table on a terminal, csv otherwise; xlsx needs -o)\n"
	      "  -h, --help              show this help and exit\n"
	      "  -o, --output PATH       write there instead of standard output\n"
	      "      --points I,P,N      points for in_place, partly_in_place and\n"
	      "                          not_in_place (default 2,1,0)\n"
	      "      --priorities N      up to N lowest-scoring areas not rated strength,\n"
	      "                          with their statements not in place, then up to\n"
	      "                          N highest of the others not rated priority,\n"
	      "                          with those in place\n"
	      "      --version           show the version and exit\n"
	      "\n"
	      "Examples:\n"
	      "  review-score examples/review/lighthouse-2020.yaml\n"
	      "  review-score --as-of 2020-09-01 -f json reviews/\n"
	      "  review-score reviews/ | grep ',overall,' | sort -t, -k8 -n\n"
	      "  review-score --explain --as-of 2020-09-01 examples/review/lighthouse-2020.yaml\n"
	      "  review-score --priorities 3 --bands 70,35 examples/review/lighthouse-2020.yaml\n"
	      "\n"
	      "Exit status: 0 success, 1 errors found in the data (reported on standard\n"
	      "error; the other files are still scored), 2 could not do its job. See\n"
	      "review-score(1).\n", stdout);
}

/* Reads `n` whole numbers from `min` to `max` separated by commas. */
static int parse_numbers(int *out, size_t n, const char *option, const char *arg,
			 long min, long max)
{
	const char *p = arg;
	for (size_t i = 0; i < n; i++) {
		char *end;
		errno = 0;
		long v = strtol(p, &end, 10);
		bool last = i + 1 == n;
		if (errno || end == p || v < min || v > max || (last ? *end != '\0' : *end != ','))
			return cli_usage_error("%s: \"%s\" is not %zu whole numbers from %ld to "
					       "%ld separated by commas", option, arg, n, min, max);
		out[i] = (int)v;
		p = end + 1;
	}
	return SK_EXIT_OK;
}

/* The library says which options make no sense; here it is asked before any file. */
static int check_score_options(const sk_score_options *o)
{
	sk_review empty;
	sk_review_score rs;
	memset(&empty, 0, sizeof(empty));
	if (sk_score_compute(&rs, &empty, o) == SK_OK)
		return SK_EXIT_OK;
	if (o->developing_pct > o->strength_pct)
		return cli_usage_error("--bands: the strength band (%d) should not be below "
				       "the developing band (%d)", o->strength_pct,
				       o->developing_pct);
	return cli_usage_error("--points: %d,%d,%d should not increase from in_place to "
			       "not_in_place, and in_place should be worth more than "
			       "not_in_place", o->points[0], o->points[1], o->points[2]);
}

static int parse_options(options *o, int argc, char **argv)
{
	enum { OPT_AS_OF = 256, OPT_ALLOW_FORMULAS, OPT_BANDS, OPT_COLUMNS, OPT_EXCEL, OPT_EXPLAIN,
	       OPT_POINTS, OPT_PRIORITIES };
	static const struct option longopts[] = {
		{"allow-formulas", no_argument, NULL, OPT_ALLOW_FORMULAS},
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"bands", required_argument, NULL, OPT_BANDS},
		{"columns", required_argument, NULL, OPT_COLUMNS},
		{"excel", no_argument, NULL, OPT_EXCEL},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"output", required_argument, NULL, 'o'},
		{"points", required_argument, NULL, OPT_POINTS},
		{"priorities", required_argument, NULL, OPT_PRIORITIES},
		{"version", no_argument, NULL, CLI_OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	int bands[2], c, rc;
	long n;

	sk_score_options_init(&o->score, SK_SCORE_OPTIONS_VERSION);
	o->score.as_of = cli_today();     /* unless --as-of says otherwise */
	while ((c = getopt_long(argc, argv, ":f:ho:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			if (cli_parse_as_of(&o->score.as_of, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case OPT_ALLOW_FORMULAS:
			o->table_flags |= SK_TABLE_ALLOW_FORMULAS;
			break;
		case OPT_EXCEL:
			o->table_flags |= SK_TABLE_EXCEL;
			break;
		case OPT_BANDS:
			if (parse_numbers(bands, 2, "--bands", optarg, 0, 100) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			o->score.strength_pct = bands[0];
			o->score.developing_pct = bands[1];
			break;
		case OPT_COLUMNS:
			o->columns = optarg;
			break;
		case OPT_EXPLAIN:
			o->explain = true;
			break;
		case 'f':
			o->format_name = optarg;
			break;
		case OPT_POINTS:
			if (parse_numbers(o->score.points, 3, "--points", optarg, 0, 1000)
			    != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case OPT_PRIORITIES:
			if (cli_parse_count(&n, "--priorities", optarg, 1, SK_AREA_COUNT)
			    != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			o->priorities = (int)n;
			break;
		default:
			if ((rc = cli_common_option(c, argv, usage, &o->output)) != SK_EXIT_OK)
				return rc;
			break;
		}
	}
	bool excel = o->table_flags & SK_TABLE_EXCEL;
	if (o->format_name || excel) {
		/* --excel alone means -f csv. */
		rc = cli_table_format(&o->format, &o->xlsx, o->format_name ? o->format_name : "csv",
				      excel);
		if (rc != SK_EXIT_OK)
			return rc;
		o->format_given = true;
	}
	if ((o->explain || o->priorities) && o->format_name)
		return cli_usage_error("--explain and --priorities write text: leave out --format");
	return check_score_options(&o->score);
}

/* Inputs */

/* Each argument in order; a folder's files sorted by path, so runs are stable. */
static int collect_inputs(cli_files *in, char **args, int nargs)
{
	int status = SK_EXIT_OK;
	for (int i = 0; i < nargs; i++) {
		size_t first = in->n;
		int rc = cli_files_collect(in, args[i]);
		status = cli_worse(status, rc);
		if (rc == SK_EXIT_OK && in->n == first) {
			cli_error("%s: no *.yaml or *.yml files in this folder", args[i]);
			status = cli_worse(status, SK_EXIT_FOUND);
		}
	}
	return status;
}

/* Rows */

static void format_count(char buf[24], size_t n)
{
	snprintf(buf, 24, "%zu", n);
}

static int add_row(sk_table *t, const char *file, const char *area, const sk_area_score *a)
{
	size_t counts[] = {
		a->statements, a->judged, a->in_place, a->partly_in_place, a->not_in_place,
		a->actions, a->actions_without_owner, a->actions_without_due,
		a->actions_overdue, a->broken_links,
	};
	char num[10][24], pct[16];
	for (size_t i = 0; i < 10; i++)
		format_count(num[i], counts[i]);
	const char *rating = sk_rating_name(a->rating);
	const char *cells[NCOLS] = {
		file, area, num[0], num[1], num[2], num[3], num[4],
		a->score_tenths >= 0 ? rs_pct(pct, a->score_tenths) : NULL,
		rating[0] ? rating : NULL,
		num[5], num[6], num[7], num[8], num[9],
	};
	return sk_table_add_row(t, cells);
}

static int add_rows(sk_table *t, const char *file, const sk_review_score *rs)
{
	int rc = SK_OK;
	for (int a = 0; rc == SK_OK && a < SK_AREA_COUNT; a++)
		rc = add_row(t, file, sk_area_key((sk_area)a), &rs->areas[a]);
	return rc == SK_OK ? add_row(t, file, "overall", &rs->overall) : rc;
}

/* Files */

/* Whether a file found in a folder that YAML could not parse still says
 * "sendkit: review" on a line of its own, and so is a broken review to report. */
static bool says_review(const char *bytes, size_t len)
{
	static const char key[] = "sendkit:";
	const char *p = bytes, *end = bytes + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		if ((size_t)(eol - p) > sizeof(key) && memcmp(p, key, sizeof(key) - 1) == 0) {
			const char *v = p + sizeof(key) - 1;
			while (v < eol && (*v == ' ' || *v == '"' || *v == '\''))
				v++;
			if ((size_t)(eol - v) >= 6 && memcmp(v, "review", 6) == 0)
				return true;
		}
		p = eol + 1;
	}
	return false;
}

/* Parses a file; a file found in a folder that is no review is skipped (NULL
 * with status OK). */
static int load_review(sk_review **out, const cli_file *in, sk_diags *diags)
{
	char *bytes;
	size_t len;
	sk_ydoc *doc = NULL;
	const char *name = cli_input_name(in->path);
	int rc;

	*out = NULL;
	if (cli_read_input(&bytes, &len, in->path, CLI_MAX_DOCUMENT) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	rc = sk_ydoc_load(&doc, bytes, len, name, diags);
	if (rc == SK_OK && !in->given && sk_file_kind_of(sk_ydoc_root(doc)) != SK_FILE_REVIEW)
		sk_diags_clear(diags);
	else if (rc == SK_OK)
		rc = sk_review_decode(out, doc, diags);
	else if (!in->given && rc != SK_ENOMEM && !says_review(bytes, len))
		sk_diags_clear(diags);
	free(bytes);
	sk_ydoc_free(doc);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		return SK_EXIT_FAIL;
	}
	if (*out)
		rc = sk_review_check_links(*out, diags);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		return SK_EXIT_FAIL;
	}
	/* Errors set the status: a file that could not be read as a review is
	 * skipped, one with errors in it is scored on what could be read. */
	return sk_diags_count_severity(diags, SK_ERROR) || (!*out && !!in->given)
	       ? SK_EXIT_FOUND : SK_EXIT_OK;
}

static int report(run *r, const char *name, const sk_review *review, const sk_review_score *rs)
{
	rs_scored s = {name, review, &r->opt.score, rs};
	if (!r->opt.explain && !r->opt.priorities)
		return add_rows(r->table, name, rs) == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
	if (r->reports++)
		fputc('\n', r->out.fp);
	if (r->opt.explain)
		rs_explain(r->out.fp, &s);
	if (r->opt.explain && r->opt.priorities)
		fputc('\n', r->out.fp);
	if (r->opt.priorities)
		rs_priorities(r->out.fp, &s, r->opt.priorities);
	return SK_EXIT_OK;
}

static size_t statement_count(const sk_review *review)
{
	size_t n = 0;

	for (int a = 0; a < SK_AREA_COUNT; a++)
		n += review->areas[a].count;
	return n;
}

static int score_file(run *r, const cli_file *in, sk_diags *diags)
{
	sk_review *review;
	sk_review_score rs;
	int status = load_review(&review, in, diags);

	sk_diags_sort(diags);
	cli_flush_diags(diags);
	if (!review)
		return status;
	if (!statement_count(review)) {   /* an error, reported; rows of zeros would mislead */
		sk_review_free(review);
		return status;
	}
	if (sk_score_compute(&rs, review, &r->opt.score) != SK_OK) {
		cli_error("%s", strerror(ENOMEM));
		status = SK_EXIT_FAIL;
	} else {
		status = cli_worse(status, report(r, cli_input_name(in->path), review, &rs));
		r->scored++;
	}
	sk_review_free(review);
	return status;
}

/* Output */

static void write_options_json(FILE *out, const sk_score_options *o)
{
	char as_of[11];
	sk_date_format(as_of, o->as_of);
	fprintf(out, "{\n  \"options\": {\n"
		"    \"points\": {\"in_place\": %d, \"partly_in_place\": %d, \"not_in_place\": %d},\n"
		"    \"bands\": {\"strength\": %d, \"developing\": %d},\n"
		"    \"as_of\": ", o->points[0], o->points[1], o->points[2],
		o->strength_pct, o->developing_pct);
	sk_json_write_string(out, as_of);
	fputs("\n  },\n  \"rows\": ", out);
}

/* JSON states the options in force around sk_table's rows, which are
 * copied as it writes them (indented) so their shape stays the library's. */
static int write_json(FILE *out, const sk_table *t, const sk_score_options *o)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return SK_ENOMEM;
	int rc = sk_table_write(mem, t, SK_FORMAT_JSON);
	if (fclose(mem) != 0 && rc == SK_OK)
		rc = SK_ENOMEM;
	if (rc == SK_OK) {
		write_options_json(out, o);
		while (len && buf[len - 1] == '\n')
			len--;
		for (size_t i = 0; i < len; i++) {
			fputc(buf[i], out);
			if (buf[i] == '\n')
				fputs("  ", out);
		}
		fputs("\n}\n", out);
	}
	free(buf);
	return rc;
}

/* --columns groups (the columns are in review-score(1)). */
static const cli_column_group groups[] = {
	/* The most telling first: a narrow terminal drops from the end. */
	{"headline", "area,score_pct,rating,actions_overdue,file"},
	{"who", "file,area"},
	{"judgements", "statements,judged,in_place,partly_in_place,not_in_place,score_pct,rating"},
	{"actions", "actions,actions_without_owner,actions_without_due,actions_overdue,"
		    "broken_links"},
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

static int write_table(run *r)
{
	int rc, status = SK_EXIT_OK;
	if (r->opt.columns)
		status = cli_columns_select(&r->table, r->opt.columns, groups, NGROUPS);
	else if (!r->opt.xlsx && r->opt.format == SK_FORMAT_TABLE && cli_output_is_tty(&r->out))
		status = cli_columns_fit_terminal(&r->table, groups, NGROUPS);
	if (status != SK_EXIT_OK)
		return status;
	if (r->opt.xlsx)
		return cli_xlsx_write(r->table, "review scores", &r->out);
	if (r->opt.format == SK_FORMAT_JSON)
		rc = write_json(r->out.fp, r->table, &r->opt.score);
	else
		rc = sk_table_write_with(r->out.fp, r->table, r->opt.format, r->opt.table_flags);
	if (rc == SK_ENOMEM) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	return SK_EXIT_OK;      /* a write error is found when the output is closed */
}

static int open_output(run *r)
{
	if (cli_output_open(&r->out, r->opt.output) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	r->out_open = true;
	if (!r->opt.format_given)
		sk_format_parse(&r->opt.format, cli_default_format(&r->out));
	r->table = sk_table_new(columns, NCOLS);
	if (!r->table) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	return SK_EXIT_OK;
}

/* Scores the operands ("-" with none) and writes the table or the reports. */
static int score_all(run *r, char **operands, int count)
{
	if (cli_no_input_on_terminal(count, "[REVIEW|FOLDER]..."))
		return SK_EXIT_FAIL;
	char *stdin_only[] = {"-"};
	char **args = count > 0 ? operands : stdin_only;
	int nargs = count > 0 ? count : 1;
	r->diags = sk_diags_new();
	if (!r->diags) {
		cli_error("%s", strerror(ENOMEM));
		return SK_EXIT_FAIL;
	}
	/* A folder that cannot be read sets the status; the other inputs are scored. */
	int status = collect_inputs(&r->in, args, nargs);
	if (cli_files_unique(&r->in) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	if (r->opt.output && cli_files_has(&r->in, r->opt.output))
		return cli_usage_error("%s: the output would overwrite an input", r->opt.output);
	if (open_output(r) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	for (size_t i = 0; i < r->in.n; i++)
		status = cli_worse(status, score_file(r, &r->in.v[i], r->diags));
	/* Nothing scored: no output at all, not a header alone that reads as
	 * "no statements" (the output file, if any, is left as it was). */
	if (r->scored == 0) {
		if (status == SK_EXIT_OK) {
			cli_error("no review found: a file in a folder is scored when it says "
				  "\"sendkit: review\"");
			status = SK_EXIT_FOUND;
		}
		return status;
	}
	int written = SK_EXIT_OK;
	if (!r->opt.explain && !r->opt.priorities)
		written = write_table(r);
	/* No file at all when the table could not be written (a bad --columns). */
	status = cli_worse(status, written);
	if (cli_output_close(&r->out, written == SK_EXIT_OK) != SK_EXIT_OK)
		status = SK_EXIT_FAIL;
	r->out_open = false;
	return status;
}

static void run_free(run *r)
{
	if (r->out_open)
		cli_output_close(&r->out, false);
	sk_table_free(r->table);
	cli_files_free(&r->in);
	sk_diags_free(r->diags);
}

int main(int argc, char **argv)
{
	cli_init("review-score");
	run r;
	memset(&r, 0, sizeof(r));
	int status = parse_options(&r.opt, argc, argv);
	if (status == SK_EXIT_OK)
		status = score_all(&r, argv + optind, argc - optind);
	else if (status < 0)
		status = SK_EXIT_OK;
	run_free(&r);
	return status;
}
