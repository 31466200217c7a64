/* cli.h: what the four commands share: the program name, messages, exit
 * statuses, reading inputs ("-" is standard input), writing output whole or
 * not at all, output format choice, colour, and the date used for "today". */
#ifndef SK_CLI_H
#define SK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sendkit/sendkit.h"

enum {
	SK_EXIT_OK = 0,      /* success */
	SK_EXIT_FOUND = 1,   /* ran, and found problems in the data */
	SK_EXIT_FAIL = 2     /* could not do its job: usage, unreadable file, write error */
};

/* The more serious of two exit statuses, for a command that goes on past a
 * problem and reports the worst at the end. */
static inline int cli_worse(int a, int b)
{
	return a > b ? a : b;
}

/* The largest YAML file the commands read into memory. */
#define CLI_MAX_DOCUMENT (64u << 20)

/* Call first in main(): sets the name used in messages and makes a closed
 * pipe a write error (EPIPE) rather than a silent death by SIGPIPE. */
void cli_init(const char *prog);
const char *cli_prog(void);

/* "prog: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Bad usage: the message and a pointer to --help on stderr; returns SK_EXIT_FAIL. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For getopt_long's ':' (a missing value) and '?' (an unknown option),
 * with an option string that starts with ':': names the option in a usage
 * error and returns SK_EXIT_FAIL. */
int cli_option_error(int opt, char *const *argv);
/* getopt_long's value for --version: above the commands' own long-only
 * options (from 256), below what a short option could be. */
#define CLI_OPT_VERSION 0x7fff
/* The options every command takes alike, for the default: of its getopt_long
 * switch: -h/--help prints usage() on standard output, --version
 * (CLI_OPT_VERSION) the version, -o/--output FILE sets *output, and ':' or
 * '?' is a usage error (cli_option_error). Returns SK_EXIT_OK to go on, -1
 * after --help or --version (exit 0), or SK_EXIT_FAIL. */
int cli_common_option(int opt, char *const *argv, void (*usage)(void), const char **output);
/* With no operand, a command reads standard input; on a terminal it would
 * wait silently. Then prints the usage ("Usage: prog [OPTION]... OPERANDS")
 * on stderr and returns true: the command exits SK_EXIT_FAIL. A pipe, a file
 * or an explicit "-" still reads standard input. */
bool cli_no_input_on_terminal(int noperands, const char *operands);
/* Prints "prog (sendkit) X.Y.Z" and returns SK_EXIT_OK. */
int cli_version(void);

/* Text with its control characters (C0, DEL, C1, bidirectional overrides),
 * any byte that is not UTF-8 and the first colon of "::" shown as escapes
 * (sk_escape_write_visible), so that text from a file cannot drive the
 * terminal, and a message quoting a line break stays on its line and cannot
 * start a workflow command in a CI log. */
void cli_put_visible(FILE *out, const char *s);
/* s in cli_put_visible's form, to free; NULL when out of memory. */
char *cli_visible_copy(const char *s);
/* fprintf for text built from a file's values: each %s argument is written
 * as cli_put_visible shows it (conversions: s, c, d, i, u, x with the
 * flags, widths, '*' and the l and z sizes). */
void cli_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One diagnostic: "file:line:col: severity: message [rule]" and a line break
 * (without line and column when it is about the whole file). */
void cli_put_diag(FILE *out, const sk_diag *d);

/* Prints each diagnostic as "prog: file:line:col: severity: message [rule]"
 * (without line and column when the problem is about the whole file). */
void cli_print_diags(const sk_diags *diags);
/* Prints and clears: for commands that report file by file. */
void cli_flush_diags(sk_diags *diags);

/* The display name of an input: "<stdin>" for "-". */
const char *cli_input_name(const char *path);

/* Reads a whole input ("-" is standard input) of at most `max` bytes.
 * On failure prints why and returns SK_EXIT_FAIL. */
int cli_read_input(char **out, size_t *out_len, const char *path, size_t max);

/* Opens an input for streaming ("-" is standard input); prints why and
 * returns NULL on failure. Close with cli_close_input. */
FILE *cli_open_input(const char *path);
void cli_close_input(FILE *fp);

/* Output to standard output, or to a file written through a temporary file in
 * the same folder and renamed into place when all went well. */
typedef struct cli_output {
	FILE *fp;
	char *path;      /* NULL for standard output */
	char *tmp_path;
} cli_output;

/* path NULL or "-" is standard output. Prints why and returns SK_EXIT_FAIL on failure. */
int cli_output_open(cli_output *out, const char *path);
/* Flushes and closes a file's temporary file, checking every write, and
 * keeps it for cli_output_close to rename: several files that are written
 * whole or not at all. On failure says why, removes the temporary file and
 * returns SK_EXIT_FAIL. Standard output is left open. */
int cli_output_finish(cli_output *out);
/* commit: flush and check every write, then rename into place; otherwise
 * (or when a write failed) remove the temporary file. Returns SK_EXIT_OK, or
 * SK_EXIT_FAIL after saying why. */
int cli_output_close(cli_output *out, bool commit);
/* True when the output is a terminal (not a file, not a pipe). */
bool cli_output_is_tty(const cli_output *out);

/* The default --format: "table" on a terminal, "csv" otherwise. */
const char *cli_default_format(const cli_output *out);

/* Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
bool cli_use_color(const cli_output *out);

/* --as-of: a strict YYYY-MM-DD; prints the usage error and returns
 * SK_EXIT_FAIL when it is not one. */
int cli_parse_as_of(sk_date *out, const char *arg);
/* Today in local time. */
sk_date cli_today(void);

/* Parses a whole non-negative number for an option; SK_EXIT_FAIL after a usage error. */
int cli_parse_count(long *out, const char *option, const char *arg, long min, long max);

/* --suppress N of census-summary and nutshell: 0 (nothing suppressed) or
 * SK_CENSUS_SUPPRESS_MIN to 1000000; anything else (1, 2, 3) is a usage error. */
int cli_parse_suppress(long *out, const char *arg);

#endif
