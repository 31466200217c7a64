/* action-lint's engine: one file through the YAML loader, the model decoder
 * and the semantic checks, then disable comments and configured severities;
 * and the checks over the whole set of files (sendkit/lint.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode_internal.h"
#include "hash_internal.h"
#include "lint_internal.h"
#include "mem_internal.h"
#include "sendkit/text.h"

#define DISABLE_MARK "action-lint:"

/* A strategy's school and year, kept for the set check. */
typedef struct school {
	char *file;
	char *urn;
	int year_start;
	sk_pos pos;
	int severity;          /* duplicate-school's severity here, or -1 when silenced */
	size_t other;          /* the first of this URN and year: the first school of
	                        * them in another file, + 1 (0: none yet) */
} school;

struct sk_lint {
	sk_lint_options options;
	size_t files;
	school *schools;
	size_t count, cap;
	/* The schools' file names and URNs, kept for the whole run: in blocks of
	 * their own, not as small pieces left between each file's freed work,
	 * which made malloc slower with every file (issue 16). */
	sk_arena kept;
};

/* A rule silenced on `line` and the line after it. */
typedef struct disable {
	unsigned line;
	int rule;
} disable;

typedef struct disables {
	disable *v;
	size_t n, cap;
} disables;

/* What one file yields besides diagnostics. */
typedef struct file_result {
	const char *urn;
	sk_pos urn_pos;
	int year_start;
} file_result;

int sk_lint_new(sk_lint **out, const sk_lint_options *options)
{
	static const sk_lint_options defaults = SK_LINT_OPTIONS_INIT;

	*out = NULL;
	if (!sk_lint__options_known(options))
		return SK_EINVAL;
	if (!(*out = calloc(1, sizeof(**out))))
		return SK_ENOMEM;
	(*out)->options = options ? *options : defaults;
	return SK_OK;
}

void sk_lint_free(sk_lint *lint)
{
	if (!lint)
		return;
	sk_arena__free(&lint->kept);
	free(lint->schools);
	free(lint);
}

size_t sk_lint_file_count(const sk_lint *lint)
{
	return lint->files;
}

/* The start of a line, as ASCII (anything else as 0x7f), at most this long. */
#define LINE_HEAD 24

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	       || c == '_' || c == '-';
}

/* Whether the value after a key's colon is "strategy" or "review" (any case,
 * quoted or not) or nothing: what makes a look-alike key a sendkit file's. */
static bool kind_value(const char *v, size_t n)
{
	static const char *const kinds[] = {"strategy", "review"};
	size_t i = 0;

	while (i < n && v[i] == ' ')
		i++;
	if (i == n || v[i] == '\r' || v[i] == '\n' || v[i] == '#')
		return true;
	if (i < n && (v[i] == '"' || v[i] == '\''))
		i++;
	for (size_t k = 0; k < 2; k++) {
		size_t len = strlen(kinds[k]);
		if (n - i >= len && strncasecmp(v + i, kinds[k], len) == 0
		    && (n - i == len || !is_key_char(v[i + len])))
			return true;
	}
	return false;
}

/* A line that starts "sendkit:", or a key that looks like it ("Sendkit:",
 * "sendkt:", "sendkit :") with a kind as its value: a file meant for
 * sendkit, checked so that the slip is reported rather than the file passed
 * over (a look-alike key with another value, "sendit: true", is not one). */
static bool sendkit_line(const char *head, size_t n)
{
	size_t key = 0, colon;

	if (n >= 8 && memcmp(head, "sendkit:", 8) == 0)
		return true;
	while (key < n && is_key_char(head[key]))
		key++;
	colon = key;
	while (colon < n && head[colon] == ' ')
		colon++;
	if (colon >= n || head[colon] != ':'
	    || (colon + 1 < n && head[colon + 1] != ' ' && head[colon + 1] != '\n'
		&& head[colon + 1] != '\r'))
		return false;
	return ((key == 7 && memcmp(head, "sendkit", 7) == 0) || sk_model__like_sendkit(head, key))
	       && kind_value(head + colon + 1, n - colon - 1);
}

/* The character of UTF-16 unit i (lo: the index of its low byte), 0x7f when
 * it is not ASCII. */
static char utf16_unit(const unsigned char *s, size_t i, size_t lo)
{
	return s[2 * i + 1 - lo] == 0 && s[2 * i + lo] < 0x80 ? (char)s[2 * i + lo] : 0x7f;
}

/* sk_lint_is_candidate for UTF-16 after its byte order mark (Notepad's
 * "Unicode"), so such a file in a folder is not passed over. */
static bool utf16_candidate(const unsigned char *s, size_t len, size_t lo)
{
	const size_t units = len / 2;
	char head[LINE_HEAD];

	for (size_t i = 1; i < units; i++) {
		size_t k;

		if (i > 1 && utf16_unit(s, i - 1, lo) != '\n')
			continue;
		for (k = 0; k < LINE_HEAD && i + k < units; k++)
			head[k] = utf16_unit(s, i + k, lo);
		if (sendkit_line(head, k))
			return true;
	}
	return false;
}

bool sk_lint_is_candidate(const char *bytes, size_t len)
{
	const char *p = bytes, *end = bytes + len;

	if (len >= 2 && (memcmp(bytes, "\xff\xfe", 2) == 0 || memcmp(bytes, "\xfe\xff", 2) == 0))
		return utf16_candidate((const unsigned char *)bytes, len, bytes[0] == '\xff' ? 0 : 1);
	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p && p < end) {
		size_t n = (size_t)(end - p) < LINE_HEAD ? (size_t)(end - p) : LINE_HEAD;

		if (sendkit_line(p, n))
			return true;
		p = memchr(p, '\n', (size_t)(end - p));
		if (p)
			p++;
	}
	return false;
}

/* Whole-file problems: not a map, or no `sendkit:` naming a known kind. */
static int not_sendkit(const sk_ydoc *doc, sk_diags *diags)
{
	const sk_ynode *root = sk_ydoc_root(doc);
	const sk_ynode *v = sk_ynode_find(root, "sendkit");
	const char *file = sk_ydoc_file(doc);

	if (!root || (root->kind == SK_YSCALAR && root->is_null))
		return sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "not-sendkit",
				    "not a sendkit file: it is empty");
	if (root->kind != SK_YMAP)
		return sk_diags_add(diags, file, root->pos, SK_ERROR, "not-sendkit",
				    "not a sendkit file: it should be a map of keys, not %s",
				    sk_ynode_kind_name(root->kind));
	if (!v && sk_model__sendkit_typo(root))
		return sk_model__report_typo(diags, file, sk_model__sendkit_typo(root), "file");
	if (!v)
		return sk_diags_add(diags, file, root->pos, SK_ERROR, "not-sendkit",
				    "not a sendkit file: it has no \"sendkit: strategy\" or "
				    "\"sendkit: review\" line");
	if (v->kind == SK_YSCALAR)
		return sk_diags_add(diags, file, v->pos, SK_ERROR, "not-sendkit",
				    "\"sendkit\" should be \"strategy\" or \"review\", not \"%.40s\"",
				    v->text);
	return sk_diags_add(diags, file, v->pos, SK_ERROR, "not-sendkit",
			    "\"sendkit\" should be \"strategy\" or \"review\", not %s",
			    sk_ynode_kind_name(v->kind));
}

static int lint_strategy(const sk_lint *lint, const sk_ydoc *doc, sk_diags *found,
			 sk_decode__stood *stood, file_result *res, char **urn_copy)
{
	sk_strategy *s;
	int rc = sk_strategy__decode(&s, doc, found, stood);

	if (rc != SK_OK)
		return rc == SK_EINVAL ? SK_OK : rc;
	rc = sk_lint_strategy(s, &lint->options, found);
	res->year_start = s->year_start;
	res->urn_pos = s->school.urn.pos;
	if (s->school.urn.s) {
		*urn_copy = strdup(s->school.urn.s);
		if (!*urn_copy)
			rc = SK_ENOMEM;
		res->urn = *urn_copy;
	}
	sk_strategy_free(s);
	return rc;
}

static int lint_review(const sk_lint *lint, const sk_ydoc *doc, sk_diags *found,
		       sk_decode__stood *stood)
{
	sk_review *r;
	int rc = sk_review__decode(&r, doc, found, stood);

	if (rc != SK_OK)
		return rc == SK_EINVAL ? SK_OK : rc;
	rc = sk_lint_review(r, &lint->options, found);
	sk_review_free(r);
	return rc;
}

static int lint_doc(const sk_lint *lint, const sk_ydoc *doc, sk_diags *found,
		    sk_decode__stood *stood, file_result *res, char **urn_copy)
{
	int rc;

	switch (sk_file_kind_of(sk_ydoc_root(doc))) {
	case SK_FILE_STRATEGY:
		rc = lint_strategy(lint, doc, found, stood, res, urn_copy);
		break;
	case SK_FILE_REVIEW:
		rc = lint_review(lint, doc, found, stood);
		break;
	default:
		return not_sendkit(doc, found);
	}
	return rc == SK_OK ? sk_lint__placeholders(doc, found, stood) : rc;
}

/* Offset of the break ending the line that starts at i ("\n", "\r\n" or "\r"). */
static size_t line_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

static size_t next_line(const char *s, size_t len, size_t end)
{
	if (end + 1 < len && s[end] == '\r' && s[end + 1] == '\n')
		return end + 2;
	return end < len ? end + 1 : len;
}

/* The column, in characters, of byte `off` of a line starting at `start`. */
static unsigned column(const char *s, size_t start, size_t off)
{
	unsigned col = 1;

	for (size_t i = start; i < off; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static bool has_diag(const sk_diags *diags, const char *rule, unsigned line)
{
	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		if (d->pos.line == line && strcmp(d->rule, rule) == 0)
			return true;
	}
	return false;
}

/* Tabs in indentation that the loader let through (in block scalars, on
 * comment lines, or after a syntax error stopped it) are warnings: YAML
 * reads them as text or not at all, and editors show them at any width. */
static int scan_tabs(const char *s, size_t len, const char *file, sk_diags *found)
{
	unsigned line = 1;
	int rc = SK_OK;

	if (!memchr(s, '\t', len))
		return SK_OK;
	for (size_t i = 0; i < len && rc == SK_OK; line++) {
		size_t end = line_end(s, len, i), j = i;

		while (j < end && s[j] == ' ')
			j++;
		if (j < end && s[j] == '\t') {
			size_t k = j;

			while (k < end && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k < end && !has_diag(found, "yaml-tab", line))
				rc = sk_diags_add(found, file, (sk_pos){line, column(s, i, j)},
						  SK_WARNING, "yaml-tab",
						  "a tab in the indentation; indent with spaces");
		}
		i = next_line(s, len, end);
	}
	return rc;
}

static int add_disable(disables *ds, unsigned line, int rule)
{
	if (SK_GROW(ds->v, ds->cap, ds->n + 1) != SK_OK)
		return SK_ENOMEM;
	ds->v[ds->n++] = (disable){line, rule};
	return SK_OK;
}

static bool is_rule_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	       || c == '-' || c == '_';
}

/* Whether `d` is the loader's yaml-tab, an error where the tab stopped YAML
 * reading the file (the tabs YAML reads are scan_tabs' warnings). */
static bool stopping_tab(const sk_diag *d)
{
	return d->severity == SK_ERROR && strcmp(d->rule, "yaml-tab") == 0;
}

/* Whether finding `d` (of the rule at `index`) means the file could not be
 * read, so that no setting or disable comment lowers it. */
static bool stops_reading(const sk_diag *d, int index)
{
	return sk_lint__rule_fixed(index) || stopping_tab(d);
}

/* The tab that stopped the loader, or NULL: a file has one at most. */
static const sk_diag *find_stopping_tab(const sk_diags *found)
{
	for (size_t i = 0; i < sk_diags_count(found); i++)
		if (stopping_tab(sk_diags_at(found, i)))
			return sk_diags_at(found, i);
	return NULL;
}

/* Reads "disable=RULE[,RULE]" at p, on `line` starting at `start`; `stop` is
 * the tab that stopped the loader, or NULL. */
static int parse_disable(disables *ds, const char *s, size_t start, const char *p,
			 unsigned line, const char *file, const sk_diag *stop, sk_diags *found)
{
	static const char word[] = "disable=";
	int rc = SK_OK;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, word, sizeof(word) - 1) != 0)
		return SK_OK;
	p += sizeof(word) - 1;
	while (rc == SK_OK && is_rule_char(*p)) {
		const char *q = p;
		char name[64];
		size_t n;
		int rule;

		while (is_rule_char(*q))
			q++;
		n = (size_t)(q - p) < sizeof(name) ? (size_t)(q - p) : sizeof(name) - 1;
		memcpy(name, p, n);
		name[n] = '\0';
		rule = sk_lint__rule_index(name);
		if (rule < 0)
			rc = sk_lint__unknown_rule(found, file,
						   (sk_pos){line, column(s, start, (size_t)(p - s))},
						   name, "a disable comment");
		else if (sk_lint__rule_fixed(rule))
			rc = sk_diags_add(found, file,
					  (sk_pos){line, column(s, start, (size_t)(p - s))},
					  SK_WARNING, "bad-config",
					  "\"%s\" cannot be disabled: it means the file could not be read",
					  name);
		else if (stop && sk_lint__rule_index(stop->rule) == rule
			 && (stop->pos.line == line || stop->pos.line == line + 1))
			rc = sk_diags_add(found, file,
					  (sk_pos){line, column(s, start, (size_t)(p - s))},
					  SK_WARNING, "bad-config",
					  "\"%s\" cannot be disabled here: the tab on line %u means the "
					  "file could not be read", name, stop->pos.line);
		else
			rc = add_disable(ds, line, rule);
		p = q;
		while (*p == ' ')
			p++;
		if (*p != ',')
			break;
		p++;
		while (*p == ' ')
			p++;
	}
	return rc;
}

/* Finds every "# action-lint: disable=..." comment. */
static int scan_disables(disables *ds, const char *s, size_t len, const char *file,
			 sk_diags *found)
{
	const char *hit = strstr(s, DISABLE_MARK);
	const sk_diag *stop = hit ? find_stopping_tab(found) : NULL;
	size_t start = 0;
	unsigned line = 1;
	int rc = SK_OK;

	while (hit && rc == SK_OK) {
		size_t off = (size_t)(hit - s), end = line_end(s, len, start);
		const char *h = hit;

		while (end < off) {
			start = next_line(s, len, end);
			end = line_end(s, len, start);
			line++;
		}
		while (h > s + start && (h[-1] == ' ' || h[-1] == '\t'))
			h--;
		if (h > s + start && h[-1] == '#'
		    && (h - 1 == s + start || h[-2] == ' ' || h[-2] == '\t'))
			rc = parse_disable(ds, s, start, hit + sizeof(DISABLE_MARK) - 1, line,
					   file, stop, found);
		hit = strstr(hit + 1, DISABLE_MARK);
	}
	return rc;
}

static bool silenced(const disables *ds, int rule, unsigned line)
{
	for (size_t i = 0; line && rule >= 0 && i < ds->n; i++)
		if (ds->v[i].rule == rule && (ds->v[i].line == line || ds->v[i].line + 1 == line))
			return true;
	return false;
}

/* The severity a finding gets, or -1 when its rule is off. */
static int severity_of(const sk_lint_config *config, int rule, sk_severity found)
{
	if (sk_lint__rule_fixed(rule))
		return (int)found;
	switch (rule < 0 ? SK_LINT_DEFAULT : sk_lint_config_get(config, (size_t)rule)) {
	case SK_LINT_OFF:
		return -1;
	case SK_LINT_WARNING:
		return SK_WARNING;
	case SK_LINT_ERROR:
		return SK_ERROR;
	default:
		return (int)found;
	}
}

/* The decoder reports a missing area as a missing key of "areas"; the
 * linter gives it a rule of its own. Returns the area, or -1. */
static int missing_area(const sk_diag *d)
{
	char want[96];

	if (strcmp(d->rule, "missing-field") != 0)
		return -1;
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		snprintf(want, sizeof(want), "missing required key \"%s\" in \"areas\"",
			 sk_area_key((sk_area)i));
		if (strcmp(d->message, want) == 0)
			return i;
	}
	return -1;
}

/* The rule a finding is said under: the decoder's missing area is
 * missing-area. */
static const char *rule_said(const sk_diag *d)
{
	return missing_area(d) >= 0 ? "missing-area" : d->rule;
}

/* The severity `d` is said with, or -1 when its rule is off or silenced. */
static int said_severity(const sk_diag *d, const disables *ds, const sk_lint_config *config)
{
	int index = sk_lint__rule_index(rule_said(d));

	if (stops_reading(d, index))
		return (int)d->severity;
	if (silenced(ds, index, d->pos.line))
		return -1;
	return severity_of(config, index, d->severity);
}

static int pass_on(const sk_diag *d, const disables *ds, const sk_lint_config *config,
		   sk_diags *diags)
{
	int area = missing_area(d);
	int severity = said_severity(d, ds, config);

	if (severity < 0)
		return SK_OK;
	if (area >= 0)
		return sk_diags_add(diags, d->file, d->pos, (sk_severity)severity, "missing-area",
				    "the area \"%s\" (%s) is missing; a strategy has all five",
				    sk_area_key((sk_area)area), sk_area_label((sk_area)area));
	if (stopping_tab(d)) {
		/* The setting is for the tabs YAML reads: say why it did not apply. */
		sk_lint_level set = sk_lint_config_get(config, (size_t)sk_lint__rule_index(d->rule));

		if (set == SK_LINT_OFF || set == SK_LINT_WARNING)
			return sk_diags_add(diags, d->file, d->pos, SK_ERROR, d->rule,
					    "%s; the configuration's \"%s: %s\" is for tabs YAML "
					    "reads, not one that stops it reading the file", d->message,
					    d->rule, set == SK_LINT_OFF ? "off" : "warning");
	}
	return sk_diags_add(diags, d->file, d->pos, (sk_severity)severity, d->rule, "%s",
			    d->message);
}

/* Whether the finding standing in for another (`by`) is said as an error:
 * when it is off, silenced or a warning, the other is said itself. */
static bool stands_in(const sk_decode__standing *by, const sk_diags *found,
		      const disables *ds, const sk_lint_config *config)
{
	for (size_t i = 0; i < sk_diags_count(found); i++) {
		const sk_diag *d = sk_diags_at(found, i);

		if (d->pos.line == by->pos.line && d->pos.col == by->pos.col
		    && strcmp(d->rule, by->rule) == 0)
			return said_severity(d, ds, config) == SK_ERROR;
	}
	return false;
}

static int remember_school(sk_lint *lint, const char *file, const file_result *res,
			   const disables *ds, const sk_lint_config *config)
{
	int rule = sk_lint__rule_index("duplicate-school");
	school *sc;

	if (!res->urn || !res->year_start)
		return SK_OK;
	if (SK_GROW(lint->schools, lint->cap, lint->count + 1) != SK_OK)
		return SK_ENOMEM;
	sc = &lint->schools[lint->count];
	sc->file = sk_arena__strndup(&lint->kept, file, strlen(file));
	sc->urn = sk_arena__strndup(&lint->kept, res->urn, strlen(res->urn));
	if (!sc->file || !sc->urn)
		return SK_ENOMEM;
	sc->year_start = res->year_start;
	sc->other = 0;
	sc->pos = res->urn_pos;
	sc->severity = severity_of(config, rule, SK_WARNING);
	if (silenced(ds, rule, res->urn_pos.line))
		sc->severity = -1;
	lint->count++;
	return SK_OK;
}

/* The text to scan for comments and tabs when the loader kept none. */
static char *decode_text(const char *bytes, size_t len, size_t *out_len)
{
	sk_diags *ignored = sk_diags_new();
	char *text = NULL;

	if (ignored && sk_text_decode(&text, out_len, NULL, bytes, len, "", ignored) != SK_OK)
		text = NULL;
	sk_diags_free(ignored);
	return text;
}

static int finish_file(sk_lint *lint, const char *text, size_t tlen, const char *file,
		       const sk_lint_config *config, sk_diags *found,
		       const sk_decode__stood *stood, const file_result *res, sk_diags *diags)
{
	disables ds = {NULL, 0, 0};
	int rc = SK_OK;

	if (text) {
		rc = scan_tabs(text, tlen, file, found);
		if (rc == SK_OK)
			rc = scan_disables(&ds, text, tlen, file, found);
	}
	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(found); i++)
		rc = pass_on(sk_diags_at(found, i), &ds, config, diags);
	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(stood->diags); i++)
		if (!stands_in(&stood->by[i], found, &ds, config))
			rc = pass_on(sk_diags_at(stood->diags, i), &ds, config, diags);
	if (rc == SK_OK)
		rc = remember_school(lint, file, res, &ds, config);
	free(ds.v);
	return rc;
}

int sk_lint_file(sk_lint *lint, const char *bytes, size_t len, const char *file,
		 const sk_lint_config *config, sk_diags *diags)
{
	sk_diags *found = sk_diags_new();
	sk_decode__stood stood = {sk_diags_new(), NULL, 0};
	file_result res = {NULL, {0, 0}, 0};
	char *urn = NULL, *own_text = NULL;
	const char *text = NULL;
	size_t tlen = 0;
	sk_ydoc *doc = NULL;
	int rc;

	if (!found || !stood.diags) {
		sk_diags_free(found);
		sk_diags_free(stood.diags);
		return SK_ENOMEM;
	}
	lint->files++;
	rc = sk_ydoc_load(&doc, bytes, len, file, found);
	if (rc == SK_OK) {
		text = sk_ydoc_text(&tlen, doc);
		rc = lint_doc(lint, doc, found, &stood, &res, &urn);
	} else if (rc != SK_ENOMEM) {
		text = own_text = decode_text(bytes, len, &tlen);
		rc = SK_OK;
	}
	if (rc == SK_OK)
		rc = finish_file(lint, text, tlen, file, config, found, &stood, &res, diags);
	free(own_text);
	free(urn);
	sk_ydoc_free(doc);
	sk_diags_free(found);
	sk_diags_free(stood.diags);
	free(stood.by);
	return rc;
}

static uint32_t key_hash(const sk_lint_school_key *k)
{
	uint64_t w = (uint64_t)k->when;
	return sk_hash__bytes(k->urn, strlen(k->urn)) ^ ((uint32_t)(w ^ (w >> 32)) * 0x9E3779B9u);
}

typedef struct key_sought {
	const sk_lint_school_key *keys, *b;
} key_sought;

static bool same_key(const void *ctx, uint32_t value)
{
	const key_sought *s = ctx;
	const sk_lint_school_key *a = &s->keys[value - 1];
	return a->when == s->b->when && strcmp(a->urn, s->b->urn) == 0;
}

int sk_lint_find_same(size_t *out, const sk_lint_school_key *keys, size_t count)
{
	size_t nslots = count < UINT32_MAX ? sk_hash__slots_for(count) : 0;
	uint32_t *slots = nslots ? calloc(nslots, sizeof(*slots)) : NULL;

	if (!slots)
		return count ? SK_ENOMEM : SK_OK;
	for (size_t j = 0; j < count; j++) {
		out[j] = 0;
		if (!keys[j].urn)
			continue;
		key_sought s = {keys, &keys[j]};
		size_t i = sk_hash__probe(slots, nslots, key_hash(&keys[j]), same_key, &s);
		if (slots[i])
			out[j] = slots[i];
		else
			slots[i] = (uint32_t)(j + 1);
	}
	free(slots);
	return SK_OK;
}

/* Reports each school after the first of its URN and year, naming the first
 * earlier one in another file (the same path given twice is one file): that is
 * the first of them, or when it shares b's file, the first in another. */
int sk_lint_finish(sk_lint *lint, sk_diags *diags)
{
	size_t n = lint->count;
	sk_lint_school_key *keys = sk_mem__array(n, sizeof(*keys));
	size_t *firsts = sk_mem__array(n, sizeof(*firsts));
	int rc = keys && firsts ? SK_OK : SK_ENOMEM;

	for (size_t j = 0; rc == SK_OK && j < n; j++)
		keys[j] = (sk_lint_school_key){lint->schools[j].urn, lint->schools[j].year_start};
	if (rc == SK_OK)
		rc = sk_lint_find_same(firsts, keys, n);
	for (size_t j = 0; rc == SK_OK && j < n; j++) {
		school *b = &lint->schools[j];
		school *first = firsts[j] ? &lint->schools[firsts[j] - 1] : NULL;
		const school *a = NULL;

		if (!first)
			continue;
		if (strcmp(first->file, b->file) != 0) {
			a = first;
			if (!first->other)
				first->other = j + 1;
		} else if (first->other) {
			a = &lint->schools[first->other - 1];
		}
		if (!a || b->severity < 0)
			continue;
		rc = sk_diags_add(diags, b->file, b->pos, (sk_severity)b->severity,
				  "duplicate-school",
				  "%s is also a strategy for URN %s in %d-%d; keep one file "
				  "per school and year", a->file, a->urn, a->year_start,
				  a->year_start + 1);
	}
	free(keys);
	free(firsts);
	return rc;
}
