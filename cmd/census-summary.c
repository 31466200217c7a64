/* census-summary: summarises school census CSV files (pupil level or DfE's
 * school level) into the census summary CSV, per school, hub, LA and in all. */
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

static void usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	       "Summarise school census CSV files (one row per pupil, or DfE's one row per\n"
	       "school) into counts on roll, SEN support, EHC plans, broad areas and primary\n"
	       "needs, per school, hub, local authority and in all. With no FILE, or when\n"
	       "FILE is -, read standard input (no FILE on a terminal: the usage, exit 2).\n"
	       "Several files are several terms, followed by the change between each term\n"
	       "and the one before: give the files of one term (several schools' exports)\n"
	       "one --term LABEL.\n"
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
	       "      --hubs FILE       CSV urn,hub: the hub of each school\n"
	       "  -o, --output FILE     write to FILE (whole, or not at all)\n"
	       "  -s, --suppress N      show counts from 1 to N-1 as \"c\", and whatever else\n"
	       "                        would let a reader work them out across rows,\n"
	       "                        levels and terms (audited before writing)\n"
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
	       "  %s --hubs hubs.csv --by hub,all census.csv | mlr --icsv --opprint cat\n"
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

/* Whether an error (or with --strict a warning) was reported: exit status 1. */
static bool problems, strict;

static void flush(sk_diags *diags)
{
	problems |= sk_diags_count_severity(diags, SK_ERROR) > 0 ||
		    (strict && sk_diags_count_severity(diags, SK_WARNING) > 0);
	cli_flush_diags(diags);
}

/* What loading a small file (--hubs, --codes) comes to, said. */
static int loaded(int rc, const char *path, sk_diags *diags)
{
	flush(diags);
	if (rc == SK_ENOMEM)
		cli_error("%s: %s", path, sk_strerror(rc));
	return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}

static int load_hubs(sk_census *census, const char *path, sk_diags *diags)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, MAX_HUBS_FILE) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	int rc = sk_census_load_hubs(census, bytes, len, cli_input_name(path), diags);
	free(bytes);
	return loaded(rc, path, diags);
}

static int load_codes(sk_codes *codes, const char *path, sk_diags *diags)
{
	char *bytes;
	size_t len;
	if (cli_read_input(&bytes, &len, path, MAX_CODES_FILE) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	int rc = sk_codes_load(codes, bytes, len, cli_input_name(path), diags);
	free(bytes);
	return loaded(rc, path, diags);
}

/* Reads one census file; SK_EXIT_FAIL when it could not be read at all. */
static int read_census(sk_census *census, const char *path, const char *term, sk_diags *diags)
{
	FILE *fp = cli_open_input(path);
	if (!fp)
		return SK_EXIT_FAIL;
	int rc = sk_census_read_fd(census, NULL, fileno(fp), cli_input_name(path), term, diags);
	int saved = errno;
	cli_close_input(fp);
	flush(diags);
	if (rc == SK_EIO || rc == SK_ENOMEM)
		cli_error("%s: %s", cli_input_name(path),
			  rc == SK_EIO ? strerror(saved) : sk_strerror(rc));
	return rc == SK_OK ? SK_EXIT_OK : SK_EXIT_FAIL;
}

/* A summary held as a table: its columns chosen, then written. SK_EXIT_FAIL
 * when it could not be (a write error is found when the output is closed). */
static int write_table(sk_table **table, cli_output *out, sk_format format, unsigned flags,
		       bool xlsx, const char *columns)
{
	int status = SK_EXIT_OK;
	if (columns)
		status = cli_columns_select(table, columns, groups, NGROUPS);
	else if (!xlsx && format == SK_FORMAT_TABLE && cli_output_is_tty(out))
		status = cli_columns_fit_terminal(table, groups, NGROUPS);
	if (status != SK_EXIT_OK)
		return status;
	if (xlsx)
		return cli_xlsx_write(*table, "census summary", out);
	sk_table_write_with(*table, format, flags, out->fp);
	return SK_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"allow-formulas", no_argument, NULL, 'A'},
		{"by", required_argument, NULL, 'b'},
		{"codes", required_argument, NULL, 'K'},
		{"columns", required_argument, NULL, 'C'},
		{"excel", no_argument, NULL, 'E'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"hubs", required_argument, NULL, 'H'},
		{"output", required_argument, NULL, 'o'},
		{"strict", no_argument, NULL, 'S'},
		{"suppress", required_argument, NULL, 's'},
		{"term", required_argument, NULL, 't'},
		{"threads", required_argument, NULL, 'T'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	cli_init("census-summary");
	unsigned levels = SK_CENSUS_BY_DEFAULT;
	const char *format_name = NULL, *hubs = NULL, *codes_path = NULL, *output = NULL;
	const char *columns = NULL;
	const char **terms = calloc((size_t)argc + 1, sizeof(*terms));
	size_t nterms = 0;
	long suppress = 0, threads = (long)default_threads();
	unsigned table_flags = 0;
	if (!terms) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		return SK_EXIT_FAIL;
	}
	int opt, status = SK_EXIT_OK;
	while ((opt = getopt_long(argc, argv, ":b:f:ho:s:t:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'A':
			table_flags |= SK_TABLE_ALLOW_FORMULAS;
			break;
		case 'E':
			table_flags |= SK_TABLE_EXCEL;
			break;
		case 'b':
			if (sk_census_levels_parse(&levels, optarg) != SK_OK)
				status = cli_usage_error("--by: \"%s\" is not a list of school, "
							 "hub, la and all", optarg);
			break;
		case 'C':
			columns = optarg;
			break;
		case 'K':
			codes_path = optarg;
			break;
		case 'f':
			format_name = optarg;
			break;
		case 'h':
			usage();
			free(terms);
			return SK_EXIT_OK;
		case 'H':
			hubs = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 's':
			status |= cli_parse_count(&suppress, "--suppress", optarg, 0, 1000000);
			if (status == SK_EXIT_OK && suppress > 1 && suppress < SK_CENSUS_SUPPRESS_MIN)
				status = cli_usage_error("--suppress: %ld cannot protect anything: a "
							 "count known to be below %ld has fewer "
							 "than three values; give %d or more",
							 suppress, suppress, SK_CENSUS_SUPPRESS_MIN);
			break;
		case 'S':
			strict = true;
			break;
		case 't':
			terms[nterms++] = optarg;
			break;
		case 'T':
			status |= cli_parse_count(&threads, "--threads", optarg, 1, 16);
			break;
		case 'V':
			free(terms);
			return cli_version();
		default:
			status = cli_option_error(opt, argv);
			break;
		}
		if (status != SK_EXIT_OK) {
			free(terms);
			return SK_EXIT_FAIL;
		}
	}
	if (cli_no_input_on_terminal(argc - optind, "[FILE]...")) {
		free(terms);
		return SK_EXIT_FAIL;
	}
	static const char *const stdin_only[] = {"-"};
	const char *const *files = argc > optind ? (const char *const *)argv + optind : stdin_only;
	size_t nfiles = argc > optind ? (size_t)(argc - optind) : 1;
	if (nterms > 1 && nterms != nfiles) {
		free(terms);
		return cli_usage_error("%zu --term labels for %zu files: give one per file, "
				       "or one for all", nterms, nfiles);
	}
	for (size_t i = 0; i < nfiles + 2; i++) {
		const char *input = i < nfiles ? files[i] : i == nfiles ? hubs : codes_path;
		if (output && cli_same_file(output, input)) {
			free(terms);
			return cli_usage_error("%s: the output would overwrite an input", output);
		}
	}
	sk_format format = SK_FORMAT_CSV;
	cli_output out;
	if (cli_output_open(&out, output) != SK_EXIT_OK) {
		free(terms);
		return SK_EXIT_FAIL;
	}
	if (!format_name)
		format_name = table_flags & SK_TABLE_EXCEL ? "csv" : cli_default_format(&out);
	bool xlsx = cli_is_xlsx(format_name);
	if (!xlsx && sk_format_parse(&format, format_name) != SK_OK) {
		cli_output_close(&out, false);
		free(terms);
		return cli_usage_error("--format: \"%s\" is not table, csv, tsv, json, markdown "
				       "or xlsx", format_name);
	}
	if ((table_flags & SK_TABLE_EXCEL)
	    && (xlsx || (format != SK_FORMAT_CSV && format != SK_FORMAT_TSV))) {
		cli_output_close(&out, false);
		free(terms);
		return cli_usage_error("--excel is for -f csv or tsv, not %s", format_name);
	}

	bool closed = false;
	sk_census *census = sk_census_new();
	sk_codes *codes = sk_codes_new();
	sk_diags *diags = sk_diags_new();
	sk_table *table = NULL;
	if (!census || !codes || !diags) {
		cli_error("%s", sk_strerror(SK_ENOMEM));
		status = SK_EXIT_FAIL;
		goto done;
	}
	sk_census_set_threads(census, (unsigned)threads);
	if (hubs && load_hubs(census, hubs, diags) != SK_EXIT_OK) {
		status = SK_EXIT_FAIL;
		goto done;
	}
	if (codes_path && load_codes(codes, codes_path, diags) != SK_EXIT_OK) {
		status = SK_EXIT_FAIL;
		goto done;
	}
	sk_census_set_codes(census, codes);
	for (size_t i = 0; i < nfiles; i++) {
		char *label = nterms ? NULL : default_term(files[i]);
		const char *term = nterms ? terms[nterms == 1 ? 0 : i] : label;
		if (!term) {
			cli_error("%s", sk_strerror(SK_ENOMEM));
			status = SK_EXIT_FAIL;
			break;
		}
		if (read_census(census, files[i], term, diags) != SK_EXIT_OK)
			status = SK_EXIT_FAIL;
		free(label);
	}
	/* Whole or not at all: a summary without a file that failed is not written. */
	if (status != SK_EXIT_OK || sk_census_term_count(census) == 0)
		goto done;
	sk_census_check_terms(census, diags);
	flush(diags);
	/* CSV is written as it is made: a national summary need not fit in memory. */
	bool wrote = false;
	int rc;
	if (format == SK_FORMAT_CSV && !table_flags && !xlsx && !columns) {
		rc = sk_census_write_csv(out.fp, census, levels, (unsigned)suppress, diags);
		wrote = rc == SK_OK || rc == SK_EIO;
	} else {
		rc = sk_census_summarise(&table, census, levels, (unsigned)suppress, diags);
		if (rc == SK_OK && write_table(&table, &out, format, table_flags, xlsx, columns)
				   != SK_EXIT_OK) {
			status = SK_EXIT_FAIL;
			goto done;
		}
		wrote = table != NULL;
	}
	flush(diags);
	if (rc == SK_ENOMEM) {
		cli_error("%s", sk_strerror(rc));
		status = SK_EXIT_FAIL;
	}
	if (rc == SK_EINVAL)    /* the disclosure audit failed: reported in diags */
		status = SK_EXIT_FAIL;
	/* A write error (SK_EIO) is reported when the output is closed (and is
	 * none when the reader of a pipe stopped early). */
	if (cli_output_close(&out, wrote) != SK_EXIT_OK || (rc != SK_OK && rc != SK_EIO && wrote))
		status = SK_EXIT_FAIL;
	closed = true;

done:
	if (status == SK_EXIT_OK && problems)
		status = SK_EXIT_FOUND;
	if (!closed)
		cli_output_close(&out, false);
	sk_table_free(table);
	sk_diags_free(diags);
	sk_census_free(census);
	sk_codes_free(codes);
	free(terms);
	return status;
}
