/* A trust's own labels for provision and need codes (sk_codes): the codes
 * file, read with libcsv by header name, and the lookups the census reader
 * makes after the built-in forms of codes.c. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "census_internal.h"
#include "codes_internal.h"
#include "csv_input_internal.h"
#include "hash_internal.h"
#include "mem_internal.h"
#include "sendkit/codes.h"
#include "sendkit/text.h"

/* Longer than any label a trust would give; a longer one is refused. */
#define MAX_LABEL_KEY 256

typedef struct entry {
	char *key;              /* sk_codes__label_key of the label */
	bool is_need;
	int value;              /* sk_provision or sk_need */
	unsigned line;
	uint32_t hash;          /* of key and is_need */
} entry;

/* The entries and an open-addressing index of them (slot = entry index + 1,
 * 0 empty, at most half full), so that a large codes file loads and is
 * looked up in linear time. */
struct sk_codes {
	entry *v;
	size_t n, cap;
	uint32_t *slots;
	size_t nslots;
};

sk_codes *sk_codes_new(void)
{
	return calloc(1, sizeof(sk_codes));
}

static void entries_free(entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
}

void sk_codes_free(sk_codes *codes)
{
	if (!codes)
		return;
	entries_free(codes->v, codes->n);
	free(codes->slots);
	free(codes);
}

static uint32_t key_hash(const char *key, bool is_need)
{
	return sk_hash__bytes(key, strlen(key)) ^ (is_need ? 0x9E3779B9u : 0);
}

typedef struct sought {
	const entry *v;
	const char *key;
	bool is_need;
	uint32_t hash;
} sought;

static bool is_sought(const void *ctx, uint32_t value)
{
	const sought *s = ctx;
	const entry *e = &s->v[value - 1];
	return e->hash == s->hash && e->is_need == s->is_need && strcmp(e->key, s->key) == 0;
}

static const entry *find(const sk_codes *codes, const char *key, bool is_need)
{
	if (!codes->nslots)
		return NULL;
	sought s = {codes->v, key, is_need, key_hash(key, is_need)};
	uint32_t at = codes->slots[sk_hash__probe(codes->slots, codes->nslots, s.hash, is_sought,
						  &s)];
	return at ? &codes->v[at - 1] : NULL;
}

/* Indexes every entry again, in a table at least twice as large as min_n. */
static int reindex(sk_codes *c, size_t min_n)
{
	size_t nslots = sk_hash__slots_for(min_n);
	uint32_t *slots = nslots ? calloc(nslots, sizeof(*slots)) : NULL;
	if (!slots)
		return SK_ENOMEM;
	for (size_t i = 0; i < c->n; i++)
		sk_hash__slot_put(slots, nslots, c->v[i].hash, (uint32_t)(i + 1));
	free(c->slots);
	c->slots = slots;
	c->nslots = nslots;
	return SK_OK;
}

/* The entry for a value from a census (UTF-8 or Windows-1252), or NULL. */
static const entry *lookup(const sk_codes *codes, const char *s, size_t len, bool is_need)
{
	if (!codes || !codes->n || !s || !len)
		return NULL;
	char *utf8 = NULL;
	size_t ulen;
	if (!sk_utf8_valid(s, len)) {
		if (sk_cp1252_to_utf8(&utf8, &ulen, s, len) != SK_OK)
			return NULL;
		s = utf8;
		len = ulen;
	}
	char key[MAX_LABEL_KEY];
	const entry *e = sk_codes__label_key(key, sizeof(key), s, len) ? find(codes, key, is_need)
									: NULL;
	free(utf8);
	return e;
}

int sk_codes_provision(sk_provision *out, sk_provision_legacy *legacy,
		       const sk_codes *codes, const char *s, size_t len)
{
	if (sk_provision_parse(out, legacy, s, len) == SK_OK)
		return SK_OK;
	const entry *e = lookup(codes, s, len, false);
	if (!e)
		return SK_EINVAL;
	*out = (sk_provision)e->value;
	return SK_OK;
}

int sk_codes_need(sk_need *out, const sk_codes *codes, const char *s, size_t len)
{
	if (sk_need_parse(out, s, len) == SK_OK)
		return SK_OK;
	const entry *e = lookup(codes, s, len, true);
	if (!e)
		return SK_EINVAL;
	*out = (sk_need)e->value;
	return SK_OK;
}

/* ---- the codes file ---- */

enum { COL_LABEL, COL_CODE, COLUMNS };

static const sk_csv__alias columns[] = {
	{"label", COL_LABEL}, {"value", COL_LABEL}, {"text", COL_LABEL}, {"code", COL_CODE},
};

typedef struct loader {
	sk_codes *codes;        /* entries are added here, kept only when all is well */
	const char *file;
	sk_diags *diags;
	long col[COLUMNS];      /* by COL_*, -1 when absent */
	bool header_seen;
	size_t rows;
	unsigned errors;
	int rc;
} loader;

/* The column of a field, counted in characters, as the diagnostics say it. */
static unsigned col_of(char **fields, size_t index)
{
	unsigned col = 1;
	for (size_t i = 0; i < index; i++) {
		for (const char *p = fields[i]; *p; p++)
			col += ((unsigned char)*p & 0xC0) != 0x80;
		col++;
	}
	return col;
}

static void row_error(loader *l, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void row_error(loader *l, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sk_diags_vadd(l->diags, l->file, (sk_pos){line, col}, SK_ERROR, "codes-row", fmt, ap);
	va_end(ap);
	l->errors++;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* Finds the header's columns (the loader's col[]); whether it has both. */
static bool header_fits(void *ctx, char **fields, size_t count)
{
	long *col = ((loader *)ctx)->col;
	sk_csv__columns(col, COLUMNS, fields, count, columns, sizeof(columns) / sizeof(columns[0]));
	return col[COL_LABEL] >= 0 && col[COL_CODE] >= 0;
}

static int header(loader *l, char **fields, size_t count, unsigned line)
{
	l->header_seen = true;
	if (header_fits(l, fields, count))
		return SK_OK;
	sk_diags_add(l->diags, l->file, (sk_pos){line, 1}, SK_ERROR, "codes-header",
		     "the header has no %s column: a codes file has the columns label,code",
		     l->col[COL_LABEL] < 0 ? "label" : "code");
	return SK_EINVAL;
}

/* A code of the census as the codes file may give it: N, K, E or a need
 * code, in any case. False for anything else, legacy codes included. */
static bool target_code(bool *is_need, int *value, const char *s)
{
	size_t len = strlen(s);
	for (int p = 0; p < SK_PROV_COUNT; p++) {
		const char *code = sk_provision_code((sk_provision)p);
		if (len == 1 && (s[0] == code[0] || s[0] == code[0] - 'A' + 'a')) {
			*is_need = false;
			*value = p;
			return true;
		}
	}
	for (int n = 0; n < SK_NEED_UNKNOWN; n++) {
		const char *key = sk_need_key((sk_need)n);
		if (len == strlen(key) && strncasecmp(s, key, len) == 0) {
			*is_need = true;
			*value = n;
			return true;
		}
	}
	return false;
}

/* The code a built-in form reads `label` as, or -1. */
static int built_in(const char *label, bool is_need)
{
	size_t len = strlen(label);
	if (is_need) {
		sk_need n;
		return sk_need_parse(&n, label, len) == SK_OK ? (int)n : -1;
	}
	sk_provision p;
	return sk_provision_parse(&p, NULL, label, len) == SK_OK ? (int)p : -1;
}

static const char *code_name(bool is_need, int value)
{
	return is_need ? sk_need_code((sk_need)value) : sk_provision_code((sk_provision)value);
}

static int add(loader *l, const char *label, bool is_need, int value, unsigned line,
	       unsigned col)
{
	char key[MAX_LABEL_KEY];
	if (!sk_codes__label_key(key, sizeof(key), label, strlen(label))) {
		row_error(l, line, col, "a label needs letters or digits, at most %d of them",
			  MAX_LABEL_KEY - 1);
		return SK_OK;
	}
	int read_as = built_in(label, is_need);
	if (read_as >= 0) {
		if (read_as != value)
			row_error(l, line, col, "this label is read as %s already: it cannot be "
				  "mapped to %s", code_name(is_need, read_as),
				  code_name(is_need, value));
		return SK_OK;
	}
	/* "ASD,K": a need's code or form is never a provision's label, nor the
	 * other way round. The label is the file's own text, not a pupil's. */
	int other = built_in(label, !is_need);
	if (other >= 0) {
		char shown[64];
		row_error(l, line, col, "label \"%s\" is read as %s (%s) already: it cannot be "
			  "mapped to %s", sk_census__printable(shown, sizeof(shown), label,
							       strlen(label)),
			  code_name(!is_need, other), is_need ? "SEN provision" : "need",
			  code_name(is_need, value));
		return SK_OK;
	}
	const entry *e = find(l->codes, key, is_need);
	if (e) {
		if (e->value != value)
			row_error(l, line, col, "this label is mapped to %s on line %u: "
				  "a label has one code", code_name(is_need, e->value), e->line);
		return SK_OK;
	}
	sk_codes *c = l->codes;
	if (c->n >= UINT32_MAX - 1) {
		row_error(l, line, col, "too many labels: a codes file maps at most %u",
			  (unsigned)(UINT32_MAX - 2));
		return SK_OK;
	}
	if ((c->n + 1) * 2 > c->nslots && reindex(c, c->n + 1) != SK_OK)
		return SK_ENOMEM;
	if (SK_GROW(c->v, c->cap, c->n + 1) != SK_OK)
		return SK_ENOMEM;
	char *copy = strdup(key);
	if (!copy)
		return SK_ENOMEM;
	uint32_t hash = key_hash(copy, is_need);
	c->v[c->n++] = (entry){copy, is_need, value, line, hash};
	sk_hash__slot_put(c->slots, c->nslots, hash, (uint32_t)c->n);
	return SK_OK;
}

static int on_record(void *ctx, char **fields, size_t count, unsigned line)
{
	loader *l = ctx;
	if (!l->header_seen)
		return header(l, fields, count, line);
	bool empty = true;
	for (size_t i = 0; i < count; i++)
		empty &= blank(fields[i]);
	if (empty)
		return SK_OK;
	l->rows++;
	size_t at_label = (size_t)l->col[COL_LABEL], at_code = (size_t)l->col[COL_CODE];
	const char *label = at_label < count ? fields[at_label] : "";
	const char *code = at_code < count ? fields[at_code] : "";
	unsigned label_col = col_of(fields, at_label < count ? at_label : 0);
	unsigned code_col = col_of(fields, at_code < count ? at_code : 0);
	if (blank(label)) {
		row_error(l, line, label_col, "a row without a label");
		return SK_OK;
	}
	bool is_need;
	int value;
	if (blank(code)) {
		row_error(l, line, code_col, "a row without a code: give N, K, E or a need code");
		return SK_OK;
	}
	if (!target_code(&is_need, &value, code)) {
		sk_provision p;
		sk_provision_legacy legacy;
		bool old = strlen(code) == 1 && sk_provision_parse(&p, &legacy, code, 1) == SK_OK;
		row_error(l, line, code_col, "not a census code: give N, K or E (SEN provision) "
			  "or SPLD, MLD, SLD, PMLD, SLCN, ASD, SEMH, HI, VI, MSI, PD, OTH or NSA "
			  "(need)%s", old ? "; a legacy code is mapped to what it is read as, "
			  "E or K" : "");
		return SK_OK;
	}
	return add(l, label, is_need, value, line, label_col);
}

static const sk_csv__options csv_options = {.strict_quotes = 1, .text_1252 = "labels",
					    .header_fits = header_fits};

int sk_codes_read(sk_codes *codes, const char *bytes, size_t len, const char *file,
		  sk_diags *diags)
{
	sk_codes fresh = {0};
	loader l = {.codes = &fresh, .file = file, .diags = diags};
	/* The file's labels go into a copy, kept only when the whole file is good. */
	fresh.v = malloc((codes->n + 1) * sizeof(*fresh.v));
	if (!fresh.v)
		return SK_ENOMEM;
	fresh.cap = codes->n + 1;
	for (; fresh.n < codes->n; fresh.n++) {
		fresh.v[fresh.n] = codes->v[fresh.n];
		fresh.v[fresh.n].key = strdup(codes->v[fresh.n].key);
		if (!fresh.v[fresh.n].key) {
			entries_free(fresh.v, fresh.n);
			return SK_ENOMEM;
		}
	}
	if (reindex(&fresh, fresh.n) != SK_OK) {
		entries_free(fresh.v, fresh.n);
		return SK_ENOMEM;
	}
	int rc = sk_csv__each_record(bytes, len, file, diags, &csv_options, on_record, &l);
	if (rc == SK_OK && !l.header_seen) {
		sk_diags_add(diags, file, (sk_pos){1, 1}, SK_ERROR, "codes-header",
			     "an empty file: a codes file has the columns label,code");
		rc = SK_EINVAL;
	}
	if (rc == SK_OK && l.errors)
		rc = SK_EINVAL;
	if (rc == SK_OK && l.rows == 0)
		sk_diags_add(diags, file, (sk_pos){1, 1}, SK_WARNING, "no-rows",
			     "a header and no rows: this codes file maps no label");
	if (rc != SK_OK) {
		entries_free(fresh.v, fresh.n);
		free(fresh.slots);
		return rc;
	}
	entries_free(codes->v, codes->n);
	free(codes->slots);
	*codes = fresh;
	return SK_OK;
}
