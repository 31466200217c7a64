/* census-summary: summarises school census CSV files (pupil level or DfE's
 * school level) into the census summary CSV, per school, hub, LA and in all. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "files.h"
#include "tables.h"
#include "sendkit/census.h"

#define MAX_HUBS_FILE (64u << 20)
#define MAX_CODES_FILE (1u << 20)

/* --columns groups (the header is in sendkit-census(5)). */
static const cli_column_group groups[] = {
	/* The most telling first: a narrow terminal drops from the end. */
	{"headline", "level,name,on_roll,sen_support_pct,ehcp_pct,sen_pct,term,sen_support,ehcp,"
		     "key"},
	{"who", "term,level,key,name,la,hub,schools"},
	{"counts", "on_roll,sen_support,sen_support_pct,ehcp,ehcp_pct,sen,sen_pct"},
	{"areas", "cognition_and_learning,communication_and_interaction,"
		  "social_emotional_mental_health,sensory_and_physical,unclassified"},
	{"needs", "need_spld,need_mld,need_sld,need_pmld,need_slcn,need_asd,need_semh,need_hi,"
		  "need_vi,need_msi,need_pd,need_oth,need_nsa,need_unknown"},
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))
/* The summary's columns (sk_census_columns()): --columns picks from them. */
#define NCOLUMNS 64

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Summarise school census CSV files (one row per pupil, or DfE's one row per\n"
	       "school) into counts on roll, SEN support, EHC plans, broad areas and primary\n"
	       "needs, per school, hub, local authority and in all. With no FILE, or when\n"
	       "FILE is -, read standard input (no FILE on a terminal: the usage, exit 2).\n"
	       "Several files are several terms, followed by the change between each term\n"
	       "and the one before: give the files of one term (several schools' exports)\n"
	       "one --term LABEL. A pupil (UPN) on two rows of a school's run of rows is\n"
	       "counted once.\n"
	       "\n"
	       "      --allow-formulas  CSV, TSV: write a name that begins with = + - @ as\n"
	       "                        it is (by default it gets a ' so that a spreadsheet\n"
	       "                        shows it rather than running it as a formula)\n"
	       "  -b, --by LEVELS       school, hub, la, all, comma-separated (default\n"
	       "                        school,all)\n"
	       "      --codes FILE      CSV label,code: the school's or trust's own labels\n"
	       "                        for SEN provision (N, K, E) and needs (SPLD...NSA)\n"
	       "      --columns LIST    the columns to write, comma-separated: names from the\n"
	       "                        header, or the groups headline, who, counts, areas,\n"
	       "                        needs and all (default: all; on a terminal the\n"
	       "                        headline columns that fit)\n"
	       "      --excel           CSV for Excel: a byte order mark and CRLF line ends,\n"
	       "                        so that names like St John's and Ecole show right\n"
	       "                        (implies -f csv)\n"
	       "  -f, --format FORMAT   table, csv, tsv, json, markdown or xlsx (default:\n"
	       "                        table on a terminal, csv otherwise; xlsx needs -o)\n"
	       "  -h, --help            show this help and exit\n"
	       "      --hubs FILE       CSV with a header naming urn (or laestab) and hub\n"
	       "                        columns: the hub of each school\n"
	       "  -o, --output FILE     write to FILE (whole, or not at all)\n"
	       "  -s, --suppress N      show counts from 1 to N-1 as \"c\", and whatever else\n"
	       "                        would let a reader work them out across rows,\n"
	       "                        levels and terms (audited before writing); N is 4\n"
	       "                        or more (0: no suppression, as without -s)\n"
	       "  -t, --term LABEL      the term of each FILE, in order (default: the file's\n"
	       "                        name); one LABEL for all files adds them together\n"
	       "      --strict          exit 1 on warnings as well as errors\n"
	       "      --threads N       threads reading a large file (default: one per CPU)\n"
	       "      --version         show the version and exit\n"
	       "\n"
	       "Exit status (as for every sendkit command, sendkit(7)): 0 written, with at\n"
	       "most warnings and notes; 1 errors in the data were reported (or warnings,\n"
	       "with --strict); 2 trouble (bad usage, a file that cannot be read or is not\n"
	       "a census, a failed write).\n"
	       "\n"
	       "Examples:\n"
	       "  %s census.csv\n"
	       "  %s --by la,all --suppress 5 -o summary.csv national.csv\n"
	       "  %s --term autumn-2023 --term spring-2024 autumn.csv spring.csv\n"
	       "  %s --hubs hubs.csv --by hub,all census.csv |\n"
	       "      mlr --icsv --opprint cat\n"
	       "  %s --columns name,areas -f xlsx -o areas.xlsx census.csv\n"
	       "  %s --codes our-labels.csv mis-export.csv\n"
	       "  mis-export | %s --by all -f json -\n",
	       cli_prog(), cli_prog(), cli_prog(), cli_prog(), cli_prog(), cli_prog(), cli_prog(),
	       cli_prog());
}

/* The default term: the file's name without its folder and extension. */
static char *default_term(const char *path)
{
	if (strcmp(path, "-") == 0)
		return strdup("stdin");
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char *t = malloc(n + 1);
	if (t) {
		memcpy(t, base, n);
		t[n] = '\0';
	}
	return t;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1u : n > 8 ? 8u : (unsigned)n;
}

typedef struct options {
	unsigned levels;                /* SK_CENSUS_BY() of --by */
	const char *format_name;        /* -f, or NULL for the default */
	unsigned table_flags;           /* --allow-formulas, --excel */
	const char *columns;            /* --columns LIST, or NULL */
	const char *hubs, *codes, *output;
	const char **terms;             /* --term labels, in order */
	size_t nterms;
	long suppress, threads;
	bool strict;
} options;

typedef struct run {
	options opt;
	const char *const *files;       /* the census files, "-" for standard input */
	size_t nfiles;
	sk_format format;
	bool xlsx;                      /* -f xlsx */
	size_t pick[NCOLUMNS];          /* the columns written, as sk_census_columns() indices */
	size_t npick;
	cli_output out;
	bool out_open;
	sk_census *census;
	sk_codes *codes;
	sk_diags *diags;
	bool problems;                  /* an error (or with --strict a warning) said: exit 1 */
} run;

/* Returns SK_EXIT_OK to go on, -1 after --help or --version, or SK_EXIT_FAIL. */
static int parse_options(options *o, int argc, char **argv)
{
	enum { OPT_ALLOW_FORMULAS = 256, OPT_CODES, OPT_COLUMNS, OPT_EXCEL, OPT_HUBS, OPT_STRICT,
	       OPT_THREADS };
	static const struct option longopts[] = {
		{"allow-formulas", no_argument, NULL, OPT_ALLOW_FORMULAS},
		{"by", required_argument, NULL, 'b'},
		{"codes", required_argument, NULL, OPT_CODES},
		{"columns", required_argument, NULL, OPT_COLUMNS},
		{"excel", no_argument, NULL, OPT_EXCEL},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"hubs", required_argument, NULL, OPT_HUBS},
		{"output", required_argument, NULL, 'o'},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"suppress", required_argument, NULL, 's'},
		{"term", required_argument, NULL, 't'},
		{"threads", required_argument, NULL, OPT_THREADS},
		{"version", no_argument, NULL, CLI_OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	int c, rc;
	o->levels = SK_CENSUS_BY_DEFAULT;
	o->threads = (long)default_threads();
	/* Each --term is kept: there are fewer of them than arguments. */
	o->terms = calloc((size_t)argc + 1, sizeof(*o->terms));
	if (!o->terms) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	while ((c = getopt_long(argc, argv, ":b:f:ho:s:t:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALLOW_FORMULAS:
			o->table_flags |= SK_TABLE_ALLOW_FORMULAS;
			break;
		case 'b':
			if (sk_census_levels_parse(&o->levels, optarg) != SK_OK)
				return cli_usage_error("--by: \"%s\" is not a list of school, hub, "
						       "la and all", optarg);
			break;
		case OPT_CODES:
			o->codes = optarg;
			break;
		case OPT_COLUMNS:
			o->columns = optarg;
			break;
		case OPT_EXCEL:
			o->table_flags |= SK_TABLE_EXCEL;
			break;
		case 'f':
			o->format_name = optarg;
			break;
		case OPT_HUBS:
			o->hubs = optarg;
			break;
		case 's':
			if (cli_parse_suppress(&o->suppress, optarg) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		case OPT_STRICT:
			o->strict = true;
			break;
		case 't':
			o->terms[o->nterms++] = optarg;
			break;
		case OPT_THREADS:
			if (cli_parse_count(&o->threads, "--threads", optarg, 1, 16) != SK_EXIT_OK)
				return SK_EXIT_FAIL;
			break;
		default:
			if ((rc = cli_common_option(c, argv, usage, &o->output)) != SK_EXIT_OK)
				return rc;
			break;
		}
	}
	return SK_EXIT_OK;
}

/* The files to read, checked against the terms and the output. */
static int check_inputs(run *r, int argc, char **argv)
{
	static const char *const stdin_only[] = {"-"};
	const options *o = &r->opt;
	if (cli_no_input_on_terminal(argc - optind, "[FILE]..."))
		return SK_EXIT_FAIL;
	r->files = argc > optind ? (const char *const *)argv + optind : stdin_only;
	r->nfiles = argc > optind ? (size_t)(argc - optind) : 1;
	if (o->nterms > 1 && o->nterms != r->nfiles)
		return cli_usage_error("%zu --term labels for %zu %s: give one per file, "
				       "or one for all", o->nterms, r->nfiles,
				       r->nfiles == 1 ? "file" : "files");
	size_t dashes = 0;
	for (size_t i = 0; i < r->nfiles; i++)
		dashes += strcmp(r->files[i], "-") == 0;
	if (dashes > 1)
		return cli_usage_error("- is given %zu times: standard input can be read once",
				       dashes);
	for (size_t i = 0; i < r->nfiles + 2; i++) {
		const char *input = i < r->nfiles ? r->files[i] : i == r->nfiles ? o->hubs : o->codes;
		if (o->output && cli_same_file(o->output, input))
			return cli_usage_error("%s: the output would overwrite an input", o->output);
	}
	return SK_EXIT_OK;
}

/* The format, once the output is open (its default is table on a terminal). */
static int choose_format(run *r)
{
	const options *o = &r->opt;
	const char *name = o->format_name;
	if (!name)
		name = o->table_flags & SK_TABLE_EXCEL ? "csv" : cli_default_format(&r->out);
	return cli_table_format(&r->format, &r->xlsx, name, o->table_flags & SK_TABLE_EXCEL);
}

/* --columns (or every column) as indices of sk_census_columns(), checked
 * before any file is read. */
static int choose_columns(run *r)
{
	size_t all;
	const sk_column *columns = sk_census_columns(&all);
	sk_table *t = sk_table_new(columns, all);
	if (!t) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	int status = SK_EXIT_OK;
	if (r->opt.columns)
		status = cli_columns_select(&t, r->opt.columns, groups, NGROUPS);
	for (size_t k = 0; status == SK_EXIT_OK && k < sk_table_column_count(t)
			   && r->npick < NCOLUMNS; k++)
		for (size_t i = 0; i < all; i++)
			if (strcmp(sk_table_column_name(t, k), columns[i].name) == 0)
				r->pick[r->npick++] = i;
	sk_table_free(t);
	return status;
}

static void flush(run *r)
{
	r->problems |= sk_diags_count_severity(r->diags, SK_ERROR) > 0 ||
		       (r->opt.strict && sk_diags_count_severity(r->diags, SK_WARNING) > 0);
	cli_flush_diags(r->diags);
}

/* What loading a small file (--hubs, --codes) comes to, said. */
static int loaded(run *r, int rc, const char *path)
{
	flush(r);
	if (rc == SK_ENOMEM)
		cli_error("%s: %s", path, sk_strerror(rc));
	return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}

static int load_hubs(run *r, const char *path)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, MAX_HUBS_FILE) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	int rc = sk_census_read_hubs(r->census, bytes, len, cli_input_name(path), r->diags);
	free(bytes);
	return loaded(r, rc, path);
}

static int load_codes(run *r, const char *path)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, MAX_CODES_FILE) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	int rc = sk_codes_read(r->codes, bytes, len, cli_input_name(path), r->diags);
	free(bytes);
	return loaded(r, rc, path);
}

/* Reads one census file; SK_EXIT_FAIL when it could not be read at all. */
static int read_census(run *r, const char *path, const char *term)
{
	FILE *fp = cli_open_input(path);
	if (!fp)
		return SK_EXIT_FAIL;
	int rc = sk_census_read_fd(r->census, NULL, fileno(fp), cli_input_name(path), term,
				   r->diags);
	int saved = errno;
	cli_close_input(fp);
	flush(r);
	if (rc == SK_EIO || rc == SK_ENOMEM)
		cli_error("%s: %s", cli_input_name(path),
			  rc == SK_EIO ? strerror(saved) : sk_strerror(rc));
	return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}

/* Labels taken from file names (no --term) that two files share: a file
 * named as one before it (2023/census.csv, 2024/census.csv) is added into
 * that term, as documented, and said, since they may be two terms. */
static int warn_same_labels(run *r)
{
	char **labels = calloc(r->nfiles, sizeof(*labels));
	int rc = labels ? SK_OK : SK_ENOMEM;
	for (size_t i = 0; i < r->nfiles && rc == SK_OK; i++) {
		labels[i] = default_term(r->files[i]);
		rc = labels[i] ? SK_OK : SK_ENOMEM;
		size_t j = 0;
		while (rc == SK_OK && j < i && strcmp(labels[j], labels[i]) != 0)
			j++;
		if (rc == SK_OK && j < i)
			sk_diags_add(r->diags, cli_input_name(r->files[i]), (sk_pos){0, 0},
				     SK_WARNING, "same-label", "its term label, from its name, "
				     "is %s's too: the two files are added into one term; if "
				     "they are two terms, give each file its own --term",
				     cli_input_name(r->files[j]));
	}
	for (size_t i = 0; labels && i < r->nfiles; i++)
		free(labels[i]);
	free(labels);
	flush(r);
	if (rc != SK_OK)
		cli_error("%s", sk_strerror(rc));
	return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}

/* The hubs and codes files, then every census file (each file is read even
 * when one before it failed, so that all their problems are said). */
static int read_inputs(run *r)
{
	const options *o = &r->opt;
	r->census = sk_census_new();
	r->codes = sk_codes_new();
	r->diags = sk_diags_new();
	if (!r->census || !r->codes || !r->diags) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	sk_census_set_threads(r->census, (unsigned)o->threads);
	if (o->hubs && load_hubs(r, o->hubs) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	if (o->codes && load_codes(r, o->codes) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	sk_census_set_codes(r->census, r->codes);
	if (!o->nterms && warn_same_labels(r) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	int status = SK_EXIT_OK;
	for (size_t i = 0; i < r->nfiles; i++) {
		char *label = o->nterms ? NULL : default_term(r->files[i]);
		const char *term = o->nterms ? o->terms[o->nterms == 1 ? 0 : i] : label;
		if (!term) {
			cli_error("%s", sk_strerror(SK_ENOMEM));
			return SK_EXIT_FAIL;
		}
		if (read_census(r, r->files[i], term) != SK_EXIT_OK)
			status = SK_EXIT_FAIL;
		free(label);
	}
	return status;
}

/* Where each row of the summary goes, its chosen columns only: written as
 * it comes (a table writer or a workbook), or kept in a table. */
typedef struct picker {
	const run *r;
	sk_table_writer *writer;
	cli_xlsx *xlsx;
	sk_table *table;
} picker;

/* For people (table, Markdown) a rise in a change row "A..B" is signed, so
 * that it reads apart from a fall: +3, -3, 0. CSV, TSV, JSON and xlsx keep
 * plain numbers. */
static bool for_people(const run *r)
{
	return r->format == SK_FORMAT_TABLE || r->format == SK_FORMAT_MARKDOWN;
}

static const char *signed_change(char buf[32], const char *cell, sk_column_type type)
{
	/* A rise is a number with a digit other than 0: "3", "0.2"; not "0",
	 * "0.0", "-1", "c", "" or none (a change that is not known). */
	if (!cell)
		return NULL;
	size_t len = strlen(cell);
	bool rise = type == SK_COL_NUMBER && isdigit((unsigned char)cell[0])
		    && strspn(cell, "0.") != len;
	if (!rise || len >= 31)
		return cell;
	snprintf(buf, 32, "+%s", cell);
	return buf;
}

static int pick_row(void *ctx, const char *const *cells)
{
	const picker *p = ctx;
	const char *picked[NCOLUMNS];
	char sign[NCOLUMNS][32];
	const sk_column *all = sk_census_columns(NULL);
	bool change = for_people(p->r) && strstr(cells[0], "..");
	for (size_t k = 0; k < p->r->npick; k++) {
		picked[k] = cells[p->r->pick[k]];
		if (change)
			picked[k] = signed_change(sign[k], picked[k], all[p->r->pick[k]].type);
	}
	if (p->writer)
		return sk_table_writer_row(p->writer, picked);
	if (p->xlsx)
		return cli_xlsx_row(p->xlsx, picked);
	return sk_table_add_row(p->table, picked);
}

static int each_row(const run *r, picker *p)
{
	return sk_census_each_row(r->census, r->opt.levels, (unsigned)r->opt.suppress, pick_row,
				  p, r->diags);
}

/* The need columns' names are the census codes (need_pmld): for people
 * (table, Markdown) a key after the table says what each one shown means. */
static void need_key(const run *r, const char *const *names, size_t count)
{
	if (!for_people(r))
		return;
	bool markdown = r->format == SK_FORMAT_MARKDOWN;
	size_t width = 0;
	for (int n = 0; n < SK_NEED_COUNT; n++) {
		char name[32];
		snprintf(name, sizeof(name), "need_%s", sk_need_key((sk_need)n));
		size_t k = 0;
		while (k < count && strcmp(names[k], name) != 0)
			k++;
		if (k == count)
			continue;
		/* Markdown: need\_pmld, text (no code span), the underscore shown as one. */
		const char *prefix = markdown ? "need\\_" : "need_", *label = sk_need_label((sk_need)n);
		if (!width)
			width = (size_t)fprintf(r->out.fp, "\nKey to the need columns:");
		else
			width += (size_t)fprintf(r->out.fp, ";");
		if (!markdown && width + 2 + strlen(name) + strlen(label) > 79) {
			fputs("\n ", r->out.fp);
			width = 1;
		}
		width += (size_t)fprintf(r->out.fp, " %s%s %s", prefix, sk_need_key((sk_need)n), label);
	}
	if (width)
		fputs(".\n", r->out.fp);
}

static void picked_columns(sk_column *out, const run *r)
{
	const sk_column *all = sk_census_columns(NULL);
	for (size_t k = 0; k < r->npick; k++)
		out[k] = all[r->pick[k]];
}

static int stream_summary(run *r)
{
	sk_column columns[NCOLUMNS];
	picked_columns(columns, r);
	picker p = {.r = r};
	int rc = sk_table_writer_new(&p.writer, columns, r->npick, r->format, r->opt.table_flags,
				     r->out.fp);
	if (rc == SK_OK)
		rc = each_row(r, &p);
	if (rc == SK_OK)
		rc = sk_table_writer_finish(p.writer);
	sk_table_writer_free(p.writer);
	const char *names[NCOLUMNS];
	for (size_t k = 0; k < r->npick; k++)
		names[k] = columns[k].name;
	if (rc == SK_OK)
		need_key(r, names, r->npick);
	return rc;
}

/* What whole_summary and xlsx_summary return for a failure they have said
 * (not an SK_E* code). */
#define FAILURE_SAID 1

static int xlsx_summary(run *r)
{
	sk_column columns[NCOLUMNS];
	picked_columns(columns, r);
	picker p = {.r = r};
	if (cli_xlsx_open(&p.xlsx, columns, r->npick, "census summary", &r->out) != SK_EXIT_OK)
		return FAILURE_SAID;
	int rc = each_row(r, &p);
	/* A row the workbook refused is said by close; a failed audit is in
	 * the diagnostics, and the workbook is dropped. */
	if (rc != SK_OK && rc != SK_EIO) {
		cli_xlsx_abandon(p.xlsx);
		return rc;
	}
	return cli_xlsx_close(p.xlsx) == SK_EXIT_OK ? SK_OK : FAILURE_SAID;
}

/* Aligned text (its column widths, and on a terminal the columns that fit)
 * needs the whole summary: as many rows as it has, never the pupils. So does
 * every format with --suppress: each term's audit passes before a byte is
 * written, so that a failed one leaves standard output empty. */
static int whole_summary(run *r)
{
	sk_column columns[NCOLUMNS];
	picked_columns(columns, r);
	picker p = {.r = r, .table = sk_table_new(columns, r->npick)};
	int rc = p.table ? each_row(r, &p) : SK_ENOMEM;
	int status = SK_EXIT_OK;
	if (rc == SK_OK && r->format == SK_FORMAT_TABLE && !r->opt.columns
	    && cli_output_is_tty(&r->out))
		status = cli_columns_fit_terminal(&p.table, groups, NGROUPS);
	if (rc == SK_OK && status == SK_EXIT_OK)
		rc = sk_table_write_with(r->out.fp, p.table, r->format, r->opt.table_flags);
	if (rc == SK_OK && status == SK_EXIT_OK) {
		const char *names[NCOLUMNS];
		size_t count = sk_table_column_count(p.table);
		for (size_t k = 0; k < count && k < NCOLUMNS; k++)
			names[k] = sk_table_column_name(p.table, k);
		need_key(r, names, count < NCOLUMNS ? count : NCOLUMNS);
	}
	sk_table_free(p.table);
	return status != SK_EXIT_OK ? FAILURE_SAID : rc;
}

/* The summary, written whole or not at all. */
static int write_summary(run *r)
{
	bool whole = r->format == SK_FORMAT_TABLE || r->opt.suppress > 1;
	int rc = r->xlsx ? xlsx_summary(r) : whole ? whole_summary(r) : stream_summary(r);
	flush(r);
	if (rc == SK_ENOMEM)
		cli_error("%s", sk_strerror(rc));
	/* A write error (SK_EIO) is said when the output is closed (and is none
	 * when the reader of a pipe stopped early); a failed audit is in the
	 * diagnostics. */
	bool commit = rc == SK_OK || rc == SK_EIO;
	r->out_open = false;
	if (cli_output_close(&r->out, commit) != SK_EXIT_OK || !commit)
		return SK_EXIT_FAIL;
	return SK_EXIT_OK;
}

static int summarise(run *r, int argc, char **argv)
{
	int status = check_inputs(r, argc, argv);
	if (status != SK_EXIT_OK || cli_output_open(&r->out, r->opt.output) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	r->out_open = true;
	if (choose_format(r) != SK_EXIT_OK || choose_columns(r) != SK_EXIT_OK
	    || read_inputs(r) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	/* Whole or not at all: a summary without a file that failed is not written. */
	if (sk_census_term_count(r->census) > 0) {
		sk_census_check_terms(r->census, r->diags);
		flush(r);
		status = write_summary(r);
	}
	return status == SK_EXIT_OK && r->problems ? SK_EXIT_FOUND : status;
}

static void run_free(run *r)
{
	if (r->out_open)
		cli_output_close(&r->out, false);
	sk_diags_free(r->diags);
	sk_census_free(r->census);
	sk_codes_free(r->codes);
	free(r->opt.terms);
}

int main(int argc, char **argv)
{
	cli_init("census-summary");
	run r;
	memset(&r, 0, sizeof(r));
	int status = parse_options(&r.opt, argc, argv);
	if (status == SK_EXIT_OK)
		status = summarise(&r, argc, argv);
	else if (status < 0)
		status = SK_EXIT_OK;
	run_free(&r);
	return status;
}
