/* What the commands share: see cli.h. */
#define _GNU_SOURCE             /* O_PATH, mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "sendkit/census.h"

static const char *prog_name = "sendkit";

void cli_init(const char *prog)
{
	prog_name = prog;
	signal(SIGPIPE, SIG_IGN);
}

const char *cli_prog(void)
{
	return prog_name;
}

/* The message is built whole and written with its control characters shown
 * as escapes: the values in it (paths, option arguments) come from users. */
__attribute__((format(printf, 1, 0))) static void vmessage(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *text = n < 0 ? NULL : malloc((size_t)n + 1);
	if (text)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	if (!text) {
		fprintf(stderr, "%s: %s\n", prog_name, strerror(ENOMEM));
		return;
	}
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	if (mem) {
		fprintf(mem, "%s: ", prog_name);
		cli_put_visible(mem, text);
		fputc('\n', mem);
	}
	if (mem && fclose(mem) == 0)
		fwrite(line, 1, len, stderr);
	free(line);
	free(text);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", prog_name);
	return SK_EXIT_FAIL;
}

int cli_option_error(int opt, char *const *argv)
{
	if (opt == ':')
		return cli_usage_error("%s needs a value", argv[optind - 1]);
	if (optopt)
		return cli_usage_error("unknown option -%c", optopt);
	return cli_usage_error("unknown option %s", argv[optind - 1]);
}

int cli_common_option(int opt, char *const *argv, void (*usage)(void), const char **output)
{
	switch (opt) {
	case 'h':
		usage();
		return -1;
	case 'o':
		*output = optarg;
		return SK_EXIT_OK;
	case CLI_OPT_VERSION:
		cli_version();
		return -1;
	default:
		return cli_option_error(opt, argv);
	}
}

bool cli_no_input_on_terminal(int noperands, const char *operands)
{
	if (noperands > 0 || !isatty(STDIN_FILENO))
		return false;
	fprintf(stderr, "Usage: %s [OPTION]... %s\n"
		"%s: no input given, and standard input is a terminal: name a file, "
		"or - to type one\n"
		"Try '%s --help' for more information.\n", prog_name, operands, prog_name, prog_name);
	return true;
}

int cli_version(void)
{
	printf("%s (sendkit) %s\n", prog_name, sk_version());
	return SK_EXIT_OK;
}

void cli_put_visible(FILE *out, const char *s)
{
	sk_escape_write_visible(out, s, strlen(s));
}

/* True when cli_put_visible would write s as it is: the common case, and
 * --explain over 50,000 statements should not build a copy of each. */
static bool plain_ascii(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c >= 0x7F || (c == ':' && s[1] == ':')
		    || (c == '#' && s[1] == '['))
			return false;
	}
	return true;
}

char *cli_visible_copy(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return NULL;
	cli_put_visible(mem, s ? s : "(null)");
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* One conversion of cli_printf, its '*' values already taken. The spec is
 * cut from cli_printf's format, which the compiler has checked. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void print_one(FILE *out, const char *spec, const int *star, int nstar, va_list *ap)
{
	size_t n = strlen(spec);
	char conv = spec[n - 1];
	bool is_long = strchr(spec, 'l') != NULL, is_size = strchr(spec, 'z') != NULL;
#define PRINT_ONE(value) \
	(nstar == 0 ? fprintf(out, spec, value) \
	 : nstar == 1 ? fprintf(out, spec, star[0], value) \
	 : fprintf(out, spec, star[0], star[1], value))
	if (conv == 's') {
		const char *arg = va_arg(*ap, const char *);
		if (arg && plain_ascii(arg)) {
			PRINT_ONE(arg);
			return;
		}
		char *vis = cli_visible_copy(arg);
		PRINT_ONE(vis ? vis : "");
		free(vis);
	} else if (conv == 'd' || conv == 'i' || conv == 'c') {
		if (is_long)
			PRINT_ONE(va_arg(*ap, long));
		else
			PRINT_ONE(va_arg(*ap, int));
	} else if (is_size) {
		PRINT_ONE(va_arg(*ap, size_t));
	} else if (is_long) {
		PRINT_ONE(va_arg(*ap, unsigned long));
	} else {
		PRINT_ONE(va_arg(*ap, unsigned));
	}
#undef PRINT_ONE
}
#pragma GCC diagnostic pop

void cli_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		if (!pct) {
			fputs(fmt, out);
			break;
		}
		fwrite(fmt, 1, (size_t)(pct - fmt), out);
		size_t n = 1 + strspn(pct + 1, "-+ #0123456789.*lz");
		char spec[32];
		if (!pct[n] || n + 2 > sizeof(spec))
			break;
		if (pct[n] == '%') {
			fputc('%', out);
		} else {
			memcpy(spec, pct, n + 1);
			spec[n + 1] = '\0';
			int star[2], nstar = 0;
			for (const char *q = spec; *q && nstar < 2; q++)
				if (*q == '*')
					star[nstar++] = va_arg(ap, int);
			print_one(out, spec, star, nstar, &ap);
		}
		fmt = pct + n + 1;
	}
	va_end(ap);
}

void cli_put_diag(FILE *out, const sk_diag *d)
{
	cli_put_visible(out, d->file);
	if (d->pos.line)
		fprintf(out, ":%u:%u", d->pos.line, d->pos.col ? d->pos.col : 1);
	fprintf(out, ": %s: ", sk_severity_name(d->severity));
	cli_put_visible(out, d->message);
	if (d->rule[0])
		fprintf(out, " [%s]", d->rule);
	fputc('\n', out);
}

static void put_diag(FILE *out, const sk_diag *d)
{
	fprintf(out, "%s: ", prog_name);
	cli_put_diag(out, d);
}

void cli_print_diags(const sk_diags *diags)
{
	/* stderr is unbuffered: each line is built in memory and written whole,
	 * or a file with 100,000 findings would take a write() per byte. */
	char *line = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&line, &len);
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);
		if (!mem) {
			put_diag(stderr, d);
			continue;
		}
		rewind(mem);
		put_diag(mem, d);
		if (fflush(mem) == 0)
			fwrite(line, 1, len, stderr);
	}
	if (mem)
		fclose(mem);
	free(line);
}

void cli_flush_diags(sk_diags *diags)
{
	cli_print_diags(diags);
	sk_diags_clear(diags);
}

const char *cli_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

FILE *cli_open_input(const char *path)
{
	if (strcmp(path, "-") == 0)
		return stdin;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		cli_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		cli_error("%s: is a folder, not a file", path);
		fclose(fp);
		return NULL;
	}
	return fp;
}

void cli_close_input(FILE *fp)
{
	if (fp && fp != stdin)
		fclose(fp);
}

int cli_read_input(char **out, size_t *out_len, const char *path, size_t max)
{
	*out = NULL;
	*out_len = 0;
	FILE *fp = cli_open_input(path);
	if (!fp)
		return SK_EXIT_FAIL;
	int rc = sk_read_stream(out, out_len, fp, max);
	int saved = errno;
	cli_close_input(fp);
	if (rc == SK_ELIMIT) {
		cli_error("%s: larger than %zu MB: not read", cli_input_name(path), max >> 20);
		return SK_EXIT_FAIL;
	}
	if (rc != SK_OK) {
		cli_error("%s: %s", cli_input_name(path),
			  rc == SK_EIO ? strerror(saved) : sk_strerror(rc));
		return SK_EXIT_FAIL;
	}
	return SK_EXIT_OK;
}

/* Temporary files to remove if a signal ends the run (Ctrl-C, kill, a closed
 * terminal): the few outputs a command has open at once. */
#define MAX_PENDING 4
static char *volatile pending[MAX_PENDING];

static void remove_pending(int sig)
{
	for (size_t i = 0; i < MAX_PENDING; i++)
		if (pending[i])
			unlink(pending[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void track_pending(char *tmp_path, bool add)
{
	static bool handlers;
	if (add && !handlers) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = remove_pending;
		sigemptyset(&sa.sa_mask);
		sigaddset(&sa.sa_mask, SIGINT);
		sigaddset(&sa.sa_mask, SIGTERM);
		sigaddset(&sa.sa_mask, SIGHUP);
		/* A signal ignored when the run began (nohup, a background job)
		 * stays ignored. */
		static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
			struct sigaction old;
			if (sigaction(sigs[i], &sa, &old) == 0 && old.sa_handler == SIG_IGN)
				sigaction(sigs[i], &old, NULL);
		}
		handlers = true;
	}
	for (size_t i = 0; i < MAX_PENDING; i++) {
		if (add && !pending[i]) {
			pending[i] = tmp_path;
			return;
		}
		if (!add && pending[i] == tmp_path) {
			pending[i] = NULL;
			return;
		}
	}
}

/* The temporary file's name: ".NAME.sendkit-XXXXXX" beside the output, with
 * NAME cut so that the whole stays within NAME_MAX. */
static char *temp_name(const char *path)
{
	static const char suffix[] = ".sendkit-XXXXXX";
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	size_t base_len = strlen(path + dir_len);
	size_t room = NAME_MAX - 1 - (sizeof(suffix) - 1);
	if (base_len > room)
		base_len = room;
	char *tmp = malloc(dir_len + 1 + base_len + sizeof(suffix));
	if (!tmp)
		return NULL;
	memcpy(tmp, path, dir_len);
	tmp[dir_len] = '.';
	memcpy(tmp + dir_len + 1, path + dir_len, base_len);
	memcpy(tmp + dir_len + 1 + base_len, suffix, sizeof(suffix));
	return tmp;
}

/* What is at `path` now, looked at through a handle on it (O_PATH opens
 * nothing: no FIFO waits, no device sees an open) and without following a
 * symbolic link. Returns 0 with *exists, or an errno. */
static int look_at_target(struct stat *st, bool *exists, const char *path)
{
	*exists = false;
	int fd = open(path, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	int rc = fstat(fd, st) == 0 ? 0 : errno;
	close(fd);
	*exists = rc == 0;
	return rc;
}

int cli_output_open(cli_output *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	if (!path || strcmp(path, "-") == 0) {
		out->fp = stdout;
		return SK_EXIT_OK;
	}
	/* Only a regular file is replaced: a FIFO would hang the run, a device
	 * be written into (as root), and a symbolic link could point anywhere. */
	struct stat st;
	bool exists;
	int err = look_at_target(&st, &exists, path);
	if (!err && exists && !S_ISREG(st.st_mode)) {
		cli_error("%s: cannot write: %s", path,
			  S_ISDIR(st.st_mode) ? "it is a folder"
			  : S_ISLNK(st.st_mode) ? "it is a symbolic link: name the file it points to"
			  : "it is not a regular file (a device, FIFO or socket)");
		return SK_EXIT_FAIL;
	}
	out->path = strdup(path);
	out->tmp_path = temp_name(path);
	if (!out->path || !out->tmp_path) {
		cli_error("%s", strerror(ENOMEM));
		free(out->path);
		free(out->tmp_path);
		return SK_EXIT_FAIL;
	}
	/* In the same folder so that rename() is atomic; mkostemp creates with
	 * O_EXCL, which never follows a link planted under the name. */
	int fd = err ? -1 : mkostemp(out->tmp_path, O_CLOEXEC);
	if (fd < 0) {
		cli_error("%s: cannot write: %s", path, strerror(err ? err : errno));
		free(out->path);
		free(out->tmp_path);
		return SK_EXIT_FAIL;
	}
	track_pending(out->tmp_path, true);
	if (exists) {
		/* The replaced file keeps its owner (when we may give it) and mode. */
		if (st.st_uid != geteuid() || st.st_gid != getegid())
			(void)fchown(fd, st.st_uid, st.st_gid);
		(void)fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		(void)fchmod(fd, 0666 & ~mask);
	}
	out->fp = fdopen(fd, "wb");
	if (!out->fp) {
		cli_error("%s: %s", path, strerror(errno));
		close(fd);
		unlink(out->tmp_path);
		track_pending(out->tmp_path, false);
		free(out->path);
		free(out->tmp_path);
		return SK_EXIT_FAIL;
	}
	return SK_EXIT_OK;
}

/* Whether standard output is a pipe whose reader has gone: Linux reports
 * POLLERR on the write end then, whatever errno a late flush left. */
static bool stdout_reader_gone(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int cli_output_finish(cli_output *out)
{
	if (!out->tmp_path)
		return SK_EXIT_OK;
	if (!out->fp)
		return SK_EXIT_FAIL;
	errno = 0;
	bool failed = fflush(out->fp) != 0 || ferror(out->fp);
	int saved = errno;
	if (fclose(out->fp) != 0 && !failed) {
		failed = true;
		saved = errno;
	}
	out->fp = NULL;
	if (!failed)
		return SK_EXIT_OK;
	cli_error("%s: write error: %s", out->path, strerror(saved ? saved : EIO));
	cli_output_close(out, false);
	return SK_EXIT_FAIL;
}

int cli_output_close(cli_output *out, bool commit)
{
	int status = SK_EXIT_OK;
	const char *name = out->path ? out->path : "standard output";
	if (!out->fp && !out->tmp_path)
		return SK_EXIT_FAIL;
	errno = 0;
	bool failed = out->fp && (fflush(out->fp) != 0 || ferror(out->fp));
	int saved = errno;
	bool reader_gone = failed && out->fp == stdout && stdout_reader_gone();
	if (out->fp == stdout) {
		/* Closing stdout reports errors a delayed write may still have. */
		if (fclose(stdout) != 0 && !failed) {
			failed = true;
			saved = errno;
		}
		/* A reader that stopped early (| head) is not an error for a
		 * filter: the run ends quietly, as cat's and grep's do. */
		if (failed && (saved == EPIPE || reader_gone))
			failed = false;
	} else if (out->fp && fclose(out->fp) != 0 && !failed) {
		failed = true;
		saved = errno;
	}
	if (failed && commit) {
		cli_error("%s: write error: %s", name, strerror(saved ? saved : EIO));
		status = SK_EXIT_FAIL;
	}
	if (out->tmp_path) {
		if (commit && !failed && rename(out->tmp_path, out->path) != 0) {
			cli_error("%s: %s", out->path, strerror(errno));
			status = SK_EXIT_FAIL;
			failed = true;
		}
		if (!commit || failed)
			unlink(out->tmp_path);
		track_pending(out->tmp_path, false);
	}
	free(out->path);
	free(out->tmp_path);
	memset(out, 0, sizeof(*out));
	return failed && commit ? SK_EXIT_FAIL : status;
}

bool cli_output_is_tty(const cli_output *out)
{
	return out->fp == stdout && isatty(STDOUT_FILENO);
}

const char *cli_default_format(const cli_output *out)
{
	return cli_output_is_tty(out) ? "table" : "csv";
}

bool cli_use_color(const cli_output *out)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	if (no_color && no_color[0])
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return cli_output_is_tty(out);
}

int cli_parse_as_of(sk_date *out, const char *arg)
{
	if (sk_date_parse(out, arg) != SK_OK)
		return cli_usage_error("--as-of: \"%s\" is not a date of the form YYYY-MM-DD", arg);
	return SK_EXIT_OK;
}

sk_date cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (sk_date){0, 0, 0};
	return (sk_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int cli_parse_count(long *out, const char *option, const char *arg, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		return cli_usage_error("%s: \"%s\" is not a whole number from %ld to %ld",
				       option, arg, min, max);
	*out = v;
	return SK_EXIT_OK;
}

int cli_parse_suppress(long *out, const char *arg)
{
	if (cli_parse_count(out, "--suppress", arg, 0, 1000000) != SK_EXIT_OK)
		return SK_EXIT_FAIL;
	/* 1 hides nothing: as useless as 2 or 3, and as silently so. */
	if (*out == 1)
		return cli_usage_error("--suppress: 1 hides nothing (no count is from 1 to 0): "
				       "give %d or more, or 0 (or no --suppress) for no suppression",
				       SK_CENSUS_SUPPRESS_MIN);
	if (*out > 1 && *out < SK_CENSUS_SUPPRESS_MIN)
		return cli_usage_error("--suppress: %ld cannot protect anything: a count known to "
				       "be below %ld has fewer than three values; give %d or more",
				       *out, *out, SK_CENSUS_SUPPRESS_MIN);
	return SK_EXIT_OK;
}
