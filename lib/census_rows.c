/* The census reader's row rules: a scanned row's fields turned into a
 * school's counts (a pupil row) or a school's counts as given (a
 * school-level row), with every problem told one way (sk_census__report):
 * counted, and shown by line and column without a pupil's value. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "census_read_internal.h"
#include "sendkit/codes.h"
#include "sendkit/text.h"
#include "sendkit/when.h"

static const struct rule {
	const char *name;
	sk_severity severity;
	const char *one, *plural;    /* for the closing count */
} rules[D_COUNT] = {
	{"unknown-provision", SK_ERROR, "unknown SEN provision code", "unknown SEN provision codes"},
	{"unknown-need", SK_ERROR, "unknown need code", "unknown need codes"},
	{"missing-need", SK_ERROR, "pupil with SEN but no primary need",
	 "pupils with SEN but no primary need"},
	{"nsa-with-ehc", SK_WARNING, "NSA need with an EHC plan", "NSA needs with an EHC plan"},
	{"need-without-sen", SK_WARNING, "need given for a pupil without SEN",
	 "needs given for pupils without SEN"},
	{"legacy-code", SK_WARNING, "legacy SEN provision code", "legacy SEN provision codes"},
	{"totals-mismatch", SK_ERROR, "row whose totals do not add up",
	 "rows whose totals do not add up"},
	{"bad-count", SK_ERROR, "count that is not a whole number",
	 "counts that are not whole numbers"},
	{"ragged-row", SK_ERROR, "row with the wrong number of fields",
	 "rows with the wrong number of fields"},
	{"unterminated-quote", SK_ERROR, "quote that is never closed", "quotes that are never closed"},
	{"missing-school", SK_ERROR, "row without a school", "rows without a school"},
	{"duplicate-school", SK_WARNING, "school given twice", "schools given twice"},
	{"nul-byte", SK_ERROR, "row with a NUL byte", "rows with a NUL byte"},
	{"bad-school-key", SK_ERROR, "row whose school key is not a URN or LAESTAB",
	 "rows whose school key is not a URN or LAESTAB"},
	{"row-shape", SK_ERROR, "row whose columns do not hold what the header says",
	 "rows whose columns do not hold what the header says"},
	{"quote-text", SK_ERROR, "row with text after a closing quote",
	 "rows with text after a closing quote"},
	{"duplicate-pupil", SK_WARNING, "pupil's row given again", "pupils' rows given again"},
	{"duplicate-pupil-differs", SK_ERROR, "pupil's row given again with other codes",
	 "pupils' rows given again with other codes"},
};

/* ---- diagnostics ---- */

void sk_census__pos_of(const creader *r, const char *row, const char *at, unsigned *line,
		       unsigned *col)
{
	*line = r->line + 1;
	const char *ls = row;
	for (const char *p = row; at && p < at; p++)
		if (*p == '\n') {
			++*line;
			ls = p + 1;
		}
	unsigned c = 1;
	for (const char *p = ls; at && p < at; p++)
		c += ((unsigned char)*p & 0xC0) != 0x80;
	*col = c;
}

/* The one way a row's problem is told: always counted, and kept (a slot
 * for its message) only while its rule is under the limit, so that no
 * message is made for a row that will not be shown. NULL: counted only. */
cdiag *sk_census__report_slot(creader *r, int rule, const char *row, const char *at)
{
	if (++r->count[rule] > r->f->limit && r->f->limit)
		return NULL;
	if (SK_GROW(r->diags, r->cap_diags, r->ndiags + 1) != SK_OK) {
		r->nomem = true;
		return NULL;
	}
	cdiag *d = &r->diags[r->ndiags++];
	d->rule = (unsigned char)rule;
	d->msg[0] = '\0';
	d->ref = 0;
	d->ref_abs = false;
	d->differs = 0;
	sk_census__pos_of(r, row, at, &d->line, &d->col);
	return d;
}

void sk_census__report(creader *r, int rule, const char *row, const char *at, const char *fmt,
		       ...)
{
	cdiag *d = sk_census__report_slot(r, rule, row, at);
	if (!d)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

/* ---- values that are not codes: counted, never shown ---- */

static uint64_t value_hash(const char *s, size_t len)
{
	uint64_t h = sk_hash__bytes64(SK_HASH__FNV64_BASIS, s, len);
	return h ? h : 1;
}

bool sk_census__vset_put(vset *set, uint64_t h)
{
	if (set->n * 2 >= set->cap) {
		if (set->cap >= 2 * V_MAX)
			return true;   /* enough to say "at least" */
		size_t cap = set->cap ? set->cap * 2 : 64;
		uint64_t *v = calloc(cap, sizeof(*v));
		if (!v)
			return false;
		for (size_t i = 0; i < set->cap; i++)
			for (size_t j = set->v[i] & (cap - 1); set->v[i]; j = (j + 1) & (cap - 1))
				if (!v[j]) {
					v[j] = set->v[i];
					break;
				}
		free(set->v);
		set->v = v;
		set->cap = cap;
	}
	for (size_t j = h & (set->cap - 1);; j = (j + 1) & (set->cap - 1)) {
		if (set->v[j] == h)
			return true;
		if (!set->v[j]) {
			set->v[j] = h;
			set->n++;
			return true;
		}
	}
}

/* Counts a value that is not a code in column `which`. */
static void not_a_code(creader *r, int which, const char *s, size_t len)
{
	if (!sk_census__vset_put(&r->unknown[which], value_hash(s, len)))
		r->nomem = true;
}

/* ---- values ---- */

uint32_t sk_census__pack_code(const char *s, size_t len)
{
	if (len < 1 || len > 4)
		return 0;
	uint32_t v = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned ch = (unsigned char)s[i];
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if (ch < 'A' || ch > 'Z')
			return 0;
		v = v << 8 | ch;
	}
	return v;
}

/* A field's text, trimmed and unquoted, in the reader's scratch space
 * (valid until the next call). */
static const char *scratch_text(creader *r, span v, size_t *len)
{
	if (SK_GROW(r->scratch, r->scratch_cap, (size_t)v.len + 1) != SK_OK) {
		r->nomem = true;
		*len = 0;
		return "";
	}
	const char *s = v.s;
	size_t n = v.len, k = 0;
	trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		r->scratch[k++] = s[i];
		if (v.quoted && s[i] == '"' && i + 1 < n && s[i + 1] == '"')
			i++;
	}
	r->scratch[k] = '\0';
	*len = k;
	return r->scratch;
}

/* A field's text for keeping, in the reader's arena (NULL when empty);
 * `bit` set in the school's cp1252 when it was read as Windows-1252. */
static bool not_a_name(span v);

static const char *field_text(creader *r, span v, sk_cgroup *s, uint8_t bit)
{
	if (not_a_name(v))
		return NULL;
	bool nomem, cp1252 = false;
	const char *t = sk_census__text(&r->schools.arena, v.s, v.len, v.quoted, &cp1252,
					&nomem);
	r->nomem |= nomem;
	if (cp1252)
		s->cp1252 |= bit;
	return t;
}

/* The value kept for field v, or -1. */
static int memo_find(const label_memo *m, sk_census__field v)
{
	for (unsigned i = 0; i < m->n; i++)
		if (m->len[i] == v.len && m->quoted[i] == v.quoted &&
		    memcmp(m->key[i], v.s, v.len) == 0)
			return m->value[i];
	return -1;
}

static void memo_put(label_memo *m, sk_census__field v, int value)
{
	if (v.len > MEMO_LEN)
		return;
	unsigned i = m->n < MEMO_N ? m->n++ : m->next++ % MEMO_N;
	memcpy(m->key[i], v.s, v.len);
	m->len[i] = (uint8_t)v.len;
	m->quoted[i] = v.quoted;
	m->value[i] = value;
}

/* The need whose code (SPLD, ASD...) field v holds as it is, or -1. */
static int need_code_of(const cfile *f, span v)
{
	uint32_t packed = sk_census__pack_code(v.s, v.len);
	if (packed)
		for (int i = 0; i < SK_NEED_UNKNOWN; i++)
			if (f->need_code[i] == packed)
				return i;
	return -1;
}

/* A cell that is not a code, as the duplicate-pupil rule compares it: a
 * hash of its text, never 0 (0 is a cell read as a code). */
static uint32_t raw_hash(const char *s, size_t len)
{
	uint32_t h = sk_hash__bytes(s, len);
	return h ? h : 1;
}

/* The need a need column's field holds by its code or a label read before
 * (the memo), without a copy; -1 when the column is absent, the field empty
 * or neither (read_need reads it the slow way). */
static inline int need_quick(creader *r, int role)
{
	span v = r->sp[role];
	if (!v.len)
		return -1;   /* empty, or the column absent (census_read_internal.h) */
	int code = need_code_of(r->f, v);
	return code >= 0 ? code : memo_find(&r->memo[role == R_NEED1 ? V_NEED1 : V_NEED2], v);
}

/* Reads a need (primary or secondary) of a pupil with SEN, whose
 * need_quick was `quick`; reports what is wrong with it (*raw: the hash of
 * a cell that is not a code). */
static sk_need read_need(creader *r, const char *row, span v, bool primary, int quick,
			 uint32_t *raw)
{
	if (quick >= 0)
		return (sk_need)quick;
	label_memo *memo = &r->memo[primary ? V_NEED1 : V_NEED2];
	size_t len;
	const char *s = scratch_text(r, v, &len);
	if (!len) {
		if (primary)
			sk_census__report(r, D_MISSING_NEED, row, v.s,
			       "a pupil with SEN but no primary need: counted as unknown need");
		return SK_NEED_UNKNOWN;
	}
	sk_need n;
	if (sk_codes_need(&n, r->f->codes, s, len) == SK_OK) {
		memo_put(memo, v, (int)n);
		return n;
	}
	/* Never quoted: in the wrong column it could be a pupil's name. */
	int ro = primary ? R_NEED1 : R_NEED2;
	*raw = raw_hash(s, len);
	not_a_code(r, primary ? V_NEED1 : V_NEED2, s, len);
	sk_census__report(r, D_UNKNOWN_NEED, row, v.s, "not a need code in column \"%s\" (the value is "
	       "not shown: it may identify a pupil)%s", r->f->label[ro],
	       primary ? ": counted as unknown need" : "");
	return SK_NEED_UNKNOWN;
}

static int provision_of(creader *r, const char *row, sk_census__field v, sk_provision p,
			sk_provision_legacy legacy, bool *monitoring);

/* The provision of a pupil, or -1 when unknown (reported); *monitoring
 * when it was "Monitoring", read as N. */
static int read_provision(creader *r, const char *row, span v, bool *monitoring,
			  uint32_t *raw)
{
	/* N, K and E in either case (+ 1, so that 0 is none): nearly every row. */
	static const unsigned char code1[256] = {
		['N'] = SK_PROV_N + 1, ['n'] = SK_PROV_N + 1, ['K'] = SK_PROV_K + 1,
		['k'] = SK_PROV_K + 1, ['E'] = SK_PROV_E + 1, ['e'] = SK_PROV_E + 1,
	};
	if (v.len == 1 && code1[(unsigned char)v.s[0]])
		return code1[(unsigned char)v.s[0]] - 1;
	sk_provision p;
	sk_provision_legacy legacy = SK_LEGACY_NONE;
	int known = memo_find(&r->memo[V_PROV], v);
	if (known >= 0) {
		p = (sk_provision)(known & 0xff);
		legacy = (sk_provision_legacy)(known >> 8);
		return provision_of(r, row, v, p, legacy, monitoring);
	}
	size_t len;
	const char *s = scratch_text(r, v, &len);
	const char *col = r->f->label[R_PROV];
	if (!len) {
		sk_census__report(r, D_UNKNOWN_PROVISION, row, v.s, "no SEN provision code in column \"%s\": "
		       "the pupil is counted on roll, not as SEN", col);
		return -1;
	}
	if (sk_codes_provision(&p, &legacy, r->f->codes, s, len) != SK_OK) {
		/* Never quoted: in the wrong column it could be a pupil's name. */
		*raw = raw_hash(s, len);
		not_a_code(r, V_PROV, s, len);
		sk_census__report(r, D_UNKNOWN_PROVISION, row, v.s, "not a SEN provision code in column "
		       "\"%s\" (the value is not shown: it may identify a pupil): the pupil is "
		       "counted on roll, not as SEN; use N, K or E, or map it with a codes file",
		       col);
		return -1;
	}
	memo_put(&r->memo[V_PROV], v, (int)p | (int)legacy << 8);
	return provision_of(r, row, v, p, legacy, monitoring);
}

/* A provision read: legacy codes reported, Monitoring said. */
static int provision_of(creader *r, const char *row, sk_census__field v, sk_provision p,
			sk_provision_legacy legacy, bool *monitoring)
{
	/* The code, not the value as written ("S - Statement"), is named. */
	if (legacy == SK_LEGACY_STATEMENT)
		sk_census__report(r, D_LEGACY_CODE, row, v.s, "SEN provision S is a statement, "
		       "replaced by EHC plans in 2018: read as E");
	else if (legacy == SK_LEGACY_SCHOOL_ACTION)
		sk_census__report(r, D_LEGACY_CODE, row, v.s, "SEN provision A or P is School Action (Plus), "
		       "replaced by SEN support in 2014: read as K");
	*monitoring = legacy == SK_LEGACY_MONITORING;
	return (int)p;
}

/* ---- the edges of a key cell ---- */

/* The length of the space or zero-width character that s[0..len) starts
 * with, as a copy from a spreadsheet or a web page leaves at a cell's edge
 * (sk_census__unicode_space; a CR or LF quoted in; a lone 0xA0,
 * Windows-1252's no-break space), or 0. */
static size_t edge_space_len(const unsigned char *s, size_t len)
{
	if (s[0] == '\r' || s[0] == '\n' || s[0] == 0xA0)
		return 1;
	unsigned cp;
	return sk_census__unicode_space((const char *)s, len, &cp);
}

/* The same for the character s[0..len) ends with. */
static size_t edge_space_len_end(const unsigned char *s, size_t len)
{
	for (size_t n = len < 3 ? len : 3; n >= 2; n--)
		if (edge_space_len(s + len - n, n) == n)
			return n;
	/* A lone 0xA0, not the end of a longer character. */
	bool lone = s[len - 1] == 0xA0 && (len < 2 || (s[len - 2] & 0x80) == 0);
	return lone || s[len - 1] == '\r' || s[len - 1] == '\n' ? 1 : 0;
}

/* Whether c may start or end what edge_space_len finds: a byte outside
 * ASCII or a control byte (a CR or LF; trim_edges_wide leaves any other),
 * in one comparison, since most keys start and end with one that is not. */
static inline bool edge_may_space(char c)
{
	return (unsigned char)((unsigned char)c - 0x20) >= 0x60;
}

/* Trims what edge_space_len finds (and blanks beside it) off a key cell's
 * text already trimmed of blanks: "A123456789012<U+00A0>" is that UPN. */
static void trim_edges_wide(const char **sp, size_t *lenp)
{
	const unsigned char *s = (const unsigned char *)*sp;
	size_t len = *lenp, n;
	while (len && ((n = edge_space_len(s, len)) || is_blank((char)s[0]))) {
		n = n ? n : 1;
		s += n;
		len -= n;
	}
	while (len && ((n = edge_space_len_end(s, len)) || is_blank((char)s[len - 1])))
		len -= n ? n : 1;
	*sp = (const char *)s;
	*lenp = len;
}

/* A byte from '!' to DEL: neither a blank nor what edge_may_space finds. */
static inline bool plain_edge(char c)
{
	return (unsigned char)((unsigned char)c - 0x21) < 0x5F;
}

static inline void trim_key(const char **s, size_t *len)
{
	if (*len && plain_edge((*s)[0]) && plain_edge((*s)[*len - 1]))
		return;   /* nearly every key: nothing to trim */
	trim(s, len);
	if (*len && (edge_may_space((*s)[0]) || edge_may_space((*s)[*len - 1])))
		trim_edges_wide(s, len);
}

/* ---- schools ---- */

enum { KEY_OK, KEY_NONE, KEY_BAD };

static bool plain_ascii(span v)
{
	if (v.quoted || !v.len || is_blank(v.s[0]) || is_blank(v.s[v.len - 1]))
		return false;
	for (uint32_t i = 0; i < v.len; i++)
		if ((unsigned char)v.s[i] >= 0x80)
			return false;
	return true;
}

/* Room for len bytes in `out`; false when out of memory. */
static bool key_room(creader *r, char **out, size_t *cap, size_t len)
{
	if (SK_GROW(*out, *cap, len) == SK_OK)
		return true;
	r->nomem = true;
	return false;
}

/* A URN (6 digits, issued from 100000) or LAESTAB (7 digits, its LA code
 * 201 to 938), blanks around it trimmed. A row whose columns are shifted
 * puts a name, a date or a pupil's zero-padded admission number there:
 * never a key. */
static int code_key(creader *r, int role, char **out, size_t *cap, size_t *len)
{
	const char *s = r->sp[role].s;
	size_t n = r->sp[role].len;
	trim_key(&s, &n);
	if (!n)
		return KEY_NONE;
	if (n != (role == R_URN ? 6u : 7u) || s[0] < (role == R_URN ? '1' : '2'))
		return KEY_BAD;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return KEY_BAD;
	int la = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (role == R_LAESTAB && (la < 201 || la > 938))
		return KEY_BAD;
	if (!key_room(r, out, cap, n))
		return KEY_NONE;
	memcpy(*out, s, n);
	*len = n;
	return KEY_OK;
}

/* The key of a row's school in `out` (grown as needed): the URN or LAESTAB,
 * or the LA and the school name. */
static int row_key(creader *r, char **out, size_t *cap, size_t *len)
{
	const cfile *f = r->f;
	if (f->key_role != R_SCHOOL)
		return code_key(r, f->key_role, out, cap, len);
	size_t n = 0;
	for (int part = 0; part < 2; part++) {
		int ro = part == 0 ? R_LA : R_SCHOOL;
		if (f->col[ro] < 0)
			continue;
		span v = r->sp[ro];
		char *t = NULL;
		const char *s = v.s;
		size_t k = v.len;
		if (!plain_ascii(v)) {
			s = scratch_text(r, v, &k);
			if (!sk_utf8_valid(s, k)) {
				size_t tl;
				if (sk_cp1252_to_utf8(&t, &tl, s, k) != SK_OK) {
					r->nomem = true;
					return KEY_NONE;
				}
				s = t;
				k = tl;
			}
		}
		if (!key_room(r, out, cap, n + k + 2)) {
			free(t);
			return KEY_NONE;
		}
		if (part == 1)
			(*out)[n++] = '\x1f';
		memcpy(*out + n, s, k);
		n += k;
		free(t);
	}
	*len = n;
	return r->sp[R_SCHOOL].len > 0 ? KEY_OK : KEY_NONE;
}

/* Reports a row whose key is missing or not a URN or LAESTAB. */
static void bad_key(creader *r, const char *row, int key)
{
	const cfile *f = r->f;
	const char *at = r->sp[f->key_role].s;
	if (key == KEY_BAD)
		sk_census__report(r, D_BAD_KEY, row, at, "column \"%s\" does not hold a %s (a comma in a "
		       "name, or one missing, shifts a row's columns): the row is left out",
		       f->label[f->key_role], f->key_role == R_URN ? "6-digit URN"
		       : "7-digit LAESTAB");
	else
		sk_census__report(r, D_MISSING_SCHOOL, row, at, "no %s: the row is left out",
		       f->key_role == R_SCHOOL ? "school name"
		       : f->key_role == R_LAESTAB ? "LAESTAB" : "URN");
}

static bool name_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The hash of a name field's text (quotes undone), folded as hubs' and
 * LAs' names are (sk_census__fold: "Oak School" is "OAK  SCHOOL"): rows are
 * compared by it, whatever their encoding. False when the field is empty
 * once trimmed, as a kept name is (sk_census__text). */
static bool text_hash(creader *r, span v, uint32_t *out)
{
	size_t len = v.len;
	const char *t = v.s;
	if (v.quoted)
		t = scratch_text(r, v, &len);   /* doubled quotes undone */
	while (len && name_blank(*t)) {
		t++;
		len--;
	}
	while (len && name_blank(t[len - 1]))
		len--;
	/* As it is kept (sk_census__text): "\xc9cole" in Windows-1252 is the
	 * "École" of a row in UTF-8. */
	bool high = false;
	for (size_t i = 0; i < len && !high; i++)
		high = (unsigned char)t[i] >= 0x80;
	char *u = NULL;
	size_t ulen;
	if (high && !sk_utf8_valid(t, len) && sk_cp1252_to_utf8(&u, &ulen, t, len) == SK_OK) {
		t = u;
		len = ulen;
	}
	*out = sk_census__fold_hash(t, len);
	free(u);
	return len > 0;
}

#ifdef __SSE2__
static inline bool same16(const char *a, const char *b)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)a);
	__m128i y = _mm_loadu_si128((const __m128i *)(const void *)b);
	return _mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) == 0xFFFF;
}
#endif

/* memcmp(a, b, n) == 0 without a call, 16 or 8 bytes at a time, never
 * reading past either: nearly every row's name, LA and hub are compared
 * with the last row's. */
static inline bool same_name(const char *a, const char *b, size_t n)
{
#ifdef __SSE2__
	if (n >= 16) {
		for (size_t i = 0; i + 16 < n; i += 16)
			if (!same16(a + i, b + i))
				return false;
		return same16(a + n - 16, b + n - 16);   /* overlapping the loop's */
	}
#endif
	uint64_t x, y;
	if (n < 8) {
		while (n && *a == *b) {
			a++;
			b++;
			n--;
		}
		return n == 0;
	}
	for (size_t i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	memcpy(&x, a + n - 8, 8);   /* the last 8 bytes, overlapping the loop's */
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

/* text_hash of name column i's field, from the last row's when its bytes
 * are the same (a school's rows come together). */
static bool name_hash(creader *r, int i, span v, uint32_t *out)
{
	name_memo *m = &r->names[i];
	if (v.len == m->len && v.quoted == m->quoted && same_name(v.s, m->bytes, v.len)) {
		*out = m->hash;
		return m->nonempty;
	}
	bool nonempty = text_hash(r, v, out);
	if (v.len <= NAME_MEMO_LEN) {
		memcpy(m->bytes, v.s, v.len);
		m->len = v.len;
		m->quoted = v.quoted;
		m->nonempty = nonempty;
		m->hash = *out;
	}
	return nonempty;
}

/* The school's name, LA and hub columns, in sk_cgroup.text_hash order. */
static const struct {
	int role;
	uint8_t bit;
} name_cols[3] = {{R_SCHOOL, SK_CG_NAME}, {R_LA, SK_CG_LA}, {R_HUB, SK_CG_HUB}};

static const char **name_of(sk_cgroup *s, int i)
{
	return i == 0 ? &s->name : i == 1 ? &s->la : &s->hub;
}

/* The first value a school's rows give for its name, LA or hub is the one
 * every later row must give: a second pupil's row alike confirms it
 * (`agreed`), one that differs marks a conflict (a shifted row, or a mislabelled column,
 * gives a pupil's value there). A first value that is not a name (a date, a
 * UPN) is never published but still compared. */
enum { UPN_LEN = 13 };
_Static_assert(sizeof(((pupil_entry *)0)->upn) == UPN_LEN, "a UPN's 13 characters");

static const char *field_view(creader *r, span v, size_t *len);

static inline char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - ('a' - 'A')) : c;
}

/* A UPN's 13 characters as kept: its letters in upper case. */
static inline void copy_upn(char upn[UPN_LEN], const char *s)
{
	memcpy(upn, s, UPN_LEN);
	upn[0] = upper(upn[0]);
	upn[UPN_LEN - 1] = upper(upn[UPN_LEN - 1]);
}

/* The row's UPN into upn (its letters in upper case): false when the file
 * has no UPN column, or the cell is empty or not 13 characters (row_shaped
 * reports its shape). The one reading of a UPN, for the duplicate-pupil rule
 * and for who confirms a name. */
static bool read_upn(creader *r, char upn[UPN_LEN])
{
	span v = r->sp[R_UPN];
	if (r->f->col[R_UPN] < 0 || !v.len)
		return false;
	size_t len;
	const char *s = field_view(r, v, &len);
	if (len != UPN_LEN)
		return false;
	copy_upn(upn, s);
	return true;
}

static bool read_date(const char *s, size_t len, sk_date *out);

/* Who a row is: its UPN, or in a file without a UPN column its date of
 * birth (two pupils born the same day count as one: a name then waits for
 * a third); 0 when the row does not say (no such column, or the cell is
 * empty), and such a row confirms nothing. Two rows of one pupil (one row
 * per need, or the row twice) are one giver: they confirm nothing. */
static uint32_t row_giver(creader *r)
{
	const char *s;
	size_t len;
	char upn[UPN_LEN];
	if (r->f->col[R_UPN] >= 0) {
		/* As the duplicate-pupil rule reads it: one pupil, one giver. */
		if (!read_upn(r, upn))
			return 0;
		s = upn;
		len = sizeof(upn);
	} else if (r->f->col[R_DOB] >= 0) {
		s = field_view(r, r->sp[R_DOB], &len);
		/* The day, not its text: 09/05/2020 and 2020-05-09 are one pupil. */
		sk_date d;
		if (len && read_date(s, len, &d) && d.month >= 1 && d.month <= 12) {
			long day = sk_date_diff_days((sk_date){1970, 1, 1}, d);
			uint32_t h = sk_hash__bytes((const char *)&day, sizeof(day));
			return h ? h : 1;
		}
	} else {
		return 0;
	}
	if (!len)
		return 0;
	uint32_t h = sk_hash__bytes(s, len);
	return h ? h : 1;
}

/* The window of bytes the row's name fields lie in (from the first's start
 * to the last's end), with each field's place in it, into w (its bytes not
 * copied): NULL when the file has none of the columns or the window is too
 * long to keep. */
static const char *names_shape(const creader *r, names_window *w)
{
	const char *lo = NULL, *hi = NULL;
	for (int i = 0; i < 3; i++) {
		int role = name_cols[i].role;
		span v = r->sp[role];
		w->off[i] = -1;
		if (r->f->col[role] < 0)
			continue;
		if (!lo || v.s < lo) {
			lo = v.s;
			w->first = role;
		}
		if (!hi || v.s + v.len > hi) {
			hi = v.s + v.len;
			w->last = role;
		}
	}
	if (!lo || hi - lo > NAMES_WINDOW_LEN)
		return NULL;
	for (int i = 0; i < 3; i++) {
		span v = r->sp[name_cols[i].role];
		if (r->f->col[name_cols[i].role] < 0)
			continue;
		w->off[i] = (int32_t)(v.s - lo);
		w->len[i] = v.len;
		w->quoted[i] = v.quoted;
	}
	w->n = (uint32_t)(hi - lo);
	return lo;
}

/* Whether the row's name fields are the settled row's (r->settled): the same
 * school, and the same bytes at the same places, so each field's hash and
 * what it settled are the same. Nearly every row: kept cheap. Between two
 * plain rows (no quote: every separator in the window ends a field) the
 * same bytes are the same places. */
static inline bool names_unchanged(const creader *r, size_t school)
{
	const names_window *w = &r->settled;
	if (w->school != school)
		return false;
	const span *first = &r->sp[w->first], *last = &r->sp[w->last];
	const char *lo = first->s;
	if (last->s + last->len - lo != (ptrdiff_t)w->n)
		return false;
	for (int i = 0; !(w->plain && r->plain) && i < 3; i++) {
		const span *v = &r->sp[name_cols[i].role];
		if (w->off[i] >= 0 && (v->s - lo != w->off[i] || v->len != w->len[i] ||
				       v->quoted != w->quoted[i]))
			return false;
	}
	return same_name(lo, w->bytes, w->n);
}

/* Keeps the row's name fields as r->settled when they settled nothing
 * for school, else forgets them. */
static void keep_settled(creader *r, size_t school, bool settled)
{
	names_window *w = &r->settled;
	const char *lo = settled ? names_shape(r, w) : NULL;
	w->school = lo ? school : NONE_IDX;
	w->plain = r->plain;
	if (lo)
		memcpy(w->bytes, lo, w->n);
}

static void __attribute__((noinline)) note_new_names(creader *r, sk_cgroup *s, size_t school);

/* The names rules for a row of school s: nearly every row gives what its
 * school's last row gave, checked inline. */
static inline void note_names(creader *r, sk_cgroup *s)
{
	size_t school = (size_t)(s - r->schools.v);
	if (!names_unchanged(r, school))
		note_new_names(r, s, school);
}

static void note_new_names(creader *r, sk_cgroup *s, size_t school)
{
	uint32_t giver = 0;
	bool giver_known = false, settled = true;
	for (int i = 0; i < 3; i++) {
		int role = name_cols[i].role;
		uint8_t bit = name_cols[i].bit;
		span v = r->sp[role];
		uint32_t h;
		if (r->f->col[role] < 0 || !v.len || (s->conflict & bit) || !name_hash(r, i, v, &h))
			continue;
		if (s->seen & bit) {
			if (h != s->text_hash[i]) {
				s->conflict |= bit;
				continue;
			}
			if (s->agreed & bit)
				continue;   /* confirmed: who gives it again does not matter */
		}
		if (!giver_known) {
			giver = row_giver(r);
			giver_known = true;
		}
		if (!(s->seen & bit)) {
			const char **dst = name_of(s, i);
			s->seen |= bit;
			s->text_hash[i] = h;
			s->giver[i] = giver;
			*dst = field_text(r, v, s, bit);
			s->fresh |= *dst ? bit : 0;
			settled = false;
		} else {
			sk_census__give(s, i, bit, giver);
			settled &= (s->agreed & bit) != 0;
		}
	}
	keep_settled(r, school, settled);
}

/* The kind of key the file's schools are found by (SK_CK_*). */
static uint8_t key_kind_of(const cfile *f)
{
	switch (f->key_role) {
	case R_URN: return SK_CK_URN;
	case R_LAESTAB: return SK_CK_LAESTAB;
	case R_SCHOOL: return SK_CK_NAME;
	default: return SK_CK_NONE;
	}
}

static sk_cgroup *new_school(creader *r, const char *key, size_t len, bool by_urn, bool index,
			     uint32_t hash)
{
	sk_cgroup *s = sk_census__groups_add(&r->schools, key, len, hash, index);
	if (!s) {
		r->nomem = true;
		return NULL;
	}
	s->line = r->line + 1;
	s->knows = (uint8_t)r->f->knows;
	s->listed = key != NULL;
	s->unique = !index;
	s->key_kind = key_kind_of(r->f);
	if (by_urn && key)
		s->urn = s->ikey;
	note_names(r, s);
	return s;
}

/* memcmp(a, b, n) == 0 for short keys without a call: both may be read 8
 * bytes on (the buffer's padding, the key cache's size). */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
	if (n > 8)
		return memcmp(a, b, n) == 0;
	uint64_t x, y;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	uint64_t mask = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
	return ((x ^ y) & mask) == 0;
}

/* The school of a pupil row: the last row's when the key is the same. */
static sk_cgroup *pupil_school(creader *r, const char *row)
{
	const cfile *f = r->f;
	span k = r->sp[f->key_role];
	if (f->key_role != R_SCHOOL && r->last_i != NONE_IDX && k.len == r->last_len &&
	    same_bytes(k.s, r->last_key, k.len))
		return &r->schools.v[r->last_i];
	size_t len;
	int key = row_key(r, &r->key, &r->key_cap, &len);
	if (key != KEY_OK) {
		bad_key(r, row, key);
		return NULL;
	}
	bool added;
	sk_cgroup *s = sk_census__groups_get(&r->schools, r->key, len, &added);
	if (!s) {
		r->nomem = true;
		return NULL;
	}
	if (added) {
		s->line = r->line + 1;
		s->knows = (uint8_t)f->knows;
		s->listed = true;
		s->key_kind = key_kind_of(f);
		if (f->key_role != R_SCHOOL)
			s->urn = s->ikey;
	}
	r->last_i = (size_t)(s - r->schools.v);
	r->last_len = k.len <= sizeof(r->last_key) ? k.len : (size_t)-1;
	if (k.len <= sizeof(r->last_key))
		memcpy(r->last_key, k.s, k.len);
	return s;
}

/* ---- a pupil row's shape ---- */

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The digits at *s (at most `max`), as a number; *n how many. */
static unsigned take_digits(const char **s, const char *end, unsigned max, unsigned *n)
{
	unsigned v = 0;
	for (*n = 0; *s < end && *n < max && is_digit(**s); ++*s, ++*n)
		v = v * 10 + (unsigned)(**s - '0');
	return v;
}

/* Whether each of the 8 bytes of x is a digit, without a loop: each byte's
 * high half must be 3 and stay 3 when 6 is added (0x3A to 0x3F do not). A
 * carry from one byte to the next comes only from a byte that fails. */
static inline bool digits8(uint64_t x)
{
	const uint64_t high = 0xF0F0F0F0F0F0F0F0ull;
	return ((x & high) | ((x + 0x0606060606060606ull) & high) >> 4) == 0x3333333333333333ull;
}

static inline uint64_t word_at(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	return x;
}

/* A UPN as DfE makes it: a check letter and 12 digits, or for a temporary
 * UPN 11 digits and a letter. */
static inline bool upn_shaped(const char *s, size_t len)
{
	return len == 13 && is_letter(s[0]) && (is_digit(s[12]) || is_letter(s[12])) &&
	       digits8(word_at(s + 1)) && digits8(word_at(s + 4));   /* s[1..11] */
}

/* The month a name starts with ("Jan", "january"), or 0. */
static int month_named(const char *m, size_t len)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	if (len < 3)
		return 0;
	char t[3];
	for (int i = 0; i < 3; i++)
		t[i] = (char)(m[i] | 0x20);
	for (int i = 0; i < 12; i++)
		if (!memcmp(names + 3 * i, t, 3))
			return i + 1;
	return 0;
}

/* Whether w[0..2) is an ordinal's ending after a day's number ("9th",
 * "1st", "22nd", "3rd"), in any case. */
static bool ordinal_ending(const char *w, const char *end)
{
	if (end - w < 2 || (w + 2 < end && is_letter(w[2])))
		return false;
	for (int i = 0; i < 4; i++)
		if ((w[0] | 0x20) == "snrt"[i] && (w[1] | 0x20) == "tddh"[i])
			return true;
	return false;
}

/* A year of two digits, as a pupil's: 20 is 2020, 98 is 1998. */
static int full_year(unsigned y, unsigned digits)
{
	return digits == 2 ? (int)(y < 70 ? 2000 + y : 1900 + y) : (int)y;
}

/* A date as exports write one: day, month and year (or year, month and
 * day) apart by / - . or a space, the month maybe a name ("5-Jan-2010"),
 * the year maybe of two digits, a time after it (a spreadsheet's); the
 * month's name first ("Jan 5, 2015"); eight digits (20150105); or a
 * spreadsheet's day number (5 digits, maybe "42010.0"). Never a name, a
 * code or a URN. *out (when not NULL) the date, {0} when its month's name
 * is not one; day before month unless the month would be over 12. */
/* "Jan 5, 2015", "January 5 2015": the month's name first. */
static bool month_first_date(const char *p, const char *end, sk_date *out)
{
	const char *m = p;
	unsigned n;
	while (p < end && is_letter(*p))
		p++;
	if (p - m < 3 || p - m > 9 || p == end || *p++ != ' ')
		return false;
	unsigned day = take_digits(&p, end, 2, &n);
	if (!n || !day || day > 31)
		return false;
	p += ordinal_ending(p, end) ? 2 : 0;
	p += p < end && *p == ',';
	if (p == end || *p++ != ' ')
		return false;
	unsigned year = take_digits(&p, end, 4, &n);
	if (out)
		*out = (sk_date){(int)year, month_named(m, (size_t)(p - m)), (int)day};
	return n == 4 && p == end;
}

/* Day a and b of a dd/mm (or mm/dd) date into *out. */
static void day_month(sk_date *out, int year, unsigned a, unsigned b)
{
	if (out)
		*out = b > 12 ? (sk_date){year, (int)a, (int)b} : (sk_date){year, (int)b, (int)a};
}

/* dd/mm/yyyy (or mm/dd/yyyy, or with - . or a space), as nearly every
 * export writes a date: what the general reading below accepts, sooner. */
static inline bool plain_date(const char *s, size_t len, sk_date *out)
{
	if (len != 10 || s[2] != s[5] || !(s[2] == '/' || s[2] == '-' || s[2] == '.' ||
					     s[2] == ' '))
		return false;
	/* s[2..9] with its two separators read as '0', whatever the byte order. */
	static const unsigned char sep_at[8] = {0xFF, 0, 0, 0xFF, 0, 0, 0, 0};
	uint64_t seps;
	memcpy(&seps, sep_at, 8);
	uint64_t rest = (word_at(s + 2) & ~seps) | (0x3030303030303030ull & seps);
	if (!is_digit(s[0]) || !is_digit(s[1]) || !digits8(rest))
		return false;
	unsigned a = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
	unsigned b = (unsigned)(s[3] - '0') * 10 + (unsigned)(s[4] - '0');
	if (out) {
		const char *y = s + 6;
		unsigned n;
		day_month(out, (int)take_digits(&y, s + len, 4, &n), a, b);
	}
	return a >= 1 && a <= 31 && b >= 1 && b <= 31;
}

/* Whether p..end is one digit or more and nothing else. */
static bool fraction(const char *p, const char *end)
{
	unsigned n;
	take_digits(&p, end, 9, &n);
	return n && p == end;
}

/* The length of a leading day's name and what follows it ("Saturday, ",
 * "Sat "), as Excel's long date writes one ("Saturday, 9 May 2020"); 0
 * when s does not start with one. The name is English, whole or its first
 * three letters, in any case. */
static size_t weekday_prefix(const char *s, size_t len)
{
	static const char *const days[7] = {"monday", "tuesday", "wednesday", "thursday",
					    "friday", "saturday", "sunday"};
	size_t w = 0;
	while (w < len && is_letter(s[w]))
		w++;
	if (w < 3 || w > 9)
		return 0;
	size_t i = 0;
	for (; i < 7; i++) {
		size_t n = strlen(days[i]);
		if (w != 3 && w != n)
			continue;
		size_t k = 0;
		while (k < w && (char)(s[k] | 0x20) == days[i][k])
			k++;
		if (k == w)
			break;
	}
	if (i == 7)
		return 0;
	w += w < len && s[w] == ',';
	return w < len && s[w] == ' ' ? w + 1 : 0;
}

static bool read_date_body(const char *s, size_t len, sk_date *out);

static bool read_date(const char *s, size_t len, sk_date *out)
{
	size_t day = len && is_letter(s[0]) ? weekday_prefix(s, len) : 0;
	return read_date_body(s + day, len - day, out);
}

static bool read_date_body(const char *s, size_t len, sk_date *out)
{
	const char *p = s, *end = s + len;
	unsigned n1, n2 = 0, n3;
	if (plain_date(s, len, out))
		return true;
	if (len && is_letter(s[0]))
		return month_first_date(s, end, out);
	unsigned a = take_digits(&p, end, 8, &n1);
	if (n1 == 8 && p == end) {   /* 20150105 */
		unsigned month = a / 100 % 100, day = a % 100;
		if (out)
			*out = (sk_date){(int)(a / 10000), (int)month, (int)day};
		return month >= 1 && month <= 12 && day >= 1 && day <= 31;
	}
	if (n1 > 5)
		return false;
	/* A spreadsheet's day number, maybe as a float with the time of day
	 * after it: "42010", "42010.0", "42010.5" (day 1 is 1900-01-01, and
	 * 1900 wrongly a leap year: from 1 March 1900 on, day 0 is 1899-12-30). */
	if (n1 == 5 && (p == end || (p[0] == '.' && fraction(p + 1, end)))) {
		if (out)
			*out = (sk_date){1899, 12, 30 + (int)a};
		return true;
	}
	/* "9th May 2020": an ordinal only before a month's name. */
	bool ordinal = n1 && n1 <= 2 && ordinal_ending(p, end);
	p += ordinal ? 2 : 0;
	if (!n1 || n1 == 3 || n1 == 5 || p == end ||
	    !(*p == '/' || *p == '-' || *p == '.' || *p == ' ') || (ordinal && *p != ' '))
		return false;
	char sep = *p++;
	const char *m = p;
	unsigned b = take_digits(&p, end, 2, &n2);
	if (n2 && ordinal)
		return false;
	if (!n2) {
		while (p < end && is_letter(*p))
			p++;
		if (p - m < 3 || p - m > 9 || n1 == 4)
			return false;
		b = (unsigned)month_named(m, (size_t)(p - m));
	}
	if (p == end || *p != sep)
		return false;
	p++;
	unsigned c = take_digits(&p, end, 4, &n3);
	bool iso = n1 == 4;
	if (iso ? n3 < 1 || n3 > 2 || b > 12 : n1 > 2 || (n3 != 2 && n3 != 4) || a > 31)
		return false;
	if (!a && !iso)
		return false;
	if ((n2 && !b) || b > 31 || (iso ? !c || c > 31 : false))
		return false;
	if (out && iso)
		*out = (sk_date){(int)a, (int)b, (int)c};
	else if (out && !n2)
		*out = (sk_date){full_year(c, n3), (int)b, (int)a};
	else
		day_month(out, full_year(c, n3), a, b);
	if (p == end)
		return true;
	/* A time: "2010-01-05 00:00:00", "2010-01-05T00:00", "05/01/2010 0:00 AM". */
	if (*p != ' ' && *p != 'T')
		return false;
	for (p++; p < end; p++)
		if (!is_digit(*p) && !strchr(":. APMZapmz", *p))
			return false;
	return true;
}

static bool date_shaped(const char *s, size_t len)
{
	return read_date(s, len, NULL);
}

/* A word of a date: a month's or a day's name ("May", "Mai", "Saturday"),
 * an ordinal's ending after a number ("9th"), a time's AM, PM or T. */
static bool date_word(const char *w, size_t len, bool after_digit)
{
	static const char days[] = "monmontuetuewedwedthuthufrifrisatsatsunsun";
	char t[3];
	if (after_digit && len == 2 && ordinal_ending(w, w + len))
		return true;
	if (len == 1 && (*w | 0x20) == 't')
		return true;
	if (len == 2 && ((*w | 0x20) == 'a' || (*w | 0x20) == 'p') && (w[1] | 0x20) == 'm')
		return true;
	if (len < 3 || len > 9)
		return false;
	for (int i = 0; i < 3; i++)
		t[i] = (char)(w[i] | 0x20);
	for (int i = 0; i < 14; i += 2)
		if (!memcmp(days + 3 * i, t, 3))
			return true;
	if (month_named(w, len))
		return true;
	/* Another language's three letters ("Mai", "Okt", "Dez"): as a month's first two. */
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	for (int i = 0; i < 12 && len == 3; i++)
		if (!memcmp(months + 3 * i, t, 2))
			return true;
	return false;
}

/* A UPN or a date of birth shifted into a name's column, never a school's,
 * LA's or hub's name: eight digits or more; a value the date reader reads;
 * digits and a date's punctuation only, with some punctuation or five
 * digits (a spreadsheet's day number; an LA's three-digit code stays); or
 * digits with only a date's words ("9th May 2020", "Sat 09/05/2020"). */
static bool not_a_name(span v)
{
	const char *s = v.s;
	size_t len = v.len, digits = 0, punct = 0, words = 0, dated = 0, other = 0;
	trim(&s, &len);
	if (read_date(s, len, NULL))
		return true;
	for (size_t i = 0; i < len;) {
		if (is_digit(s[i])) {
			digits++;
			i++;
		} else if (is_letter(s[i])) {
			size_t w = i;
			while (i < len && is_letter(s[i]))
				i++;
			words++;
			dated += date_word(s + w, i - w, w && is_digit(s[w - 1]));
		} else {
			if (s[i] && strchr("/-.:, ", s[i]))
				punct++;
			else
				other++;
			i++;
		}
	}
	if (digits >= 8)
		return true;
	if (!digits || other)
		return false;
	return words ? dated == words : punct || digits >= 5;
}

/* A year group as DfE codes it (E1, E2, N1, N2, R, 1 to 14, X) or an
 * information system writes it ("Year 7", "Y7", "Reception", "Nursery 1"). */
/* What nearly every row holds: 1 to 14, R, X, N1, N2, E1, E2 (false: not
 * one of these, maybe another form). */
static inline bool plain_year(const char *s, size_t len)
{
	char c0 = (char)(s[0] & ~0x20), c1 = len > 1 ? s[1] : 0;   /* c0: upper case */
	if (len == 1)
		return is_digit(s[0]) || c0 == 'R' || c0 == 'X';
	if (len == 2 && s[0] == '1')
		return c1 >= '0' && c1 <= '4';
	return len == 2 && (c0 == 'N' || c0 == 'E') && (c1 == '1' || c1 == '2');
}

static bool year_shaped(const char *s, size_t len)
{
	if (plain_year(s, len))
		return true;
	char t[32];
	size_t n = 0;
	if (len >= sizeof(t))
		return false;
	for (size_t i = 0; i < len; i++)
		t[n++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
	t[n] = '\0';
	/* A note after it: "Year 12 (L6)". */
	char *note = strstr(t, " (");
	if (note && t[n - 1] == ')') {
		*note = '\0';
		n = (size_t)(note - t);
	}
	if (n > 1 && t[n - 1] == '.')
		t[--n] = '\0';   /* "Rec.", "Year 6." */
	const char *v = t;
	static const char *const prefixes[] = {"national curriculum year", "nc year", "nc",
					       "year", "yr", "y"};
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t k = strlen(prefixes[i]);
		if (strncmp(v, prefixes[i], k) == 0 && v[k]) {
			v += k;
			v += *v == ' ' || *v == '-' || *v == '_';
			break;
		}
	}
	static const char *const words[] = {"e1", "e2", "n1", "n2", "r", "x", "rec", "reception",
					    "nursery", "nursery 1", "nursery 2", "f1", "f2", "fs1",
					    "fs2", "foundation", "foundation 1", "foundation 2",
					    "eyfs", "reception year", "sixth form", "lower sixth",
					    "upper sixth", "l6", "u6", "foundation stage",
					    "foundation stage 1", "foundation stage 2", "6th form",
					    "sf1", "sf2", "post-16", "post 16", "post16", "pre-school",
					    "pre school", "preschool"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(v, words[i]) == 0)
			return true;
	const char *p = v, *end = t + n;
	unsigned digits, year = take_digits(&p, end, 2, &digits);
	if (end - p == 2 && p[0] == '.' && p[1] == '0')
		p += 2;   /* a spreadsheet's number: "7.0" */
	return digits && p == end && year <= 14;
}

/* A field's text, trimmed, unquoted: in place when it can be. */
static inline const char *field_view(creader *r, span v, size_t *len)
{
	const char *s = v.s;
	*len = v.len;
	if (v.quoted)
		s = scratch_text(r, v, len);
	trim_key(&s, len);
	return s;
}

/* Each column whose values have a shape of their own (a UPN, a date of
 * birth, a year group), empty or holding that shape: a row with its
 * columns shifted, or under a mislabelled header, holds a name there. */
static const struct {
	int role;
	const char *what;
} shapes[] = {{R_UPN, "a UPN"}, {R_DOB, "a date"}, {R_YEAR, "a year group"}};

/* The trimmed, unquoted text of the row's field in `role`: false when the
 * column is absent or the field empty (an absent column's span is empty). */
static inline bool shape_text(creader *r, int role, const char **s, size_t *len)
{
	span v = r->sp[role];
	if (!v.len)
		return false;
	*s = field_view(r, v, len);
	return *len > 0;
}

static bool not_shaped(creader *r, const char *row, size_t i)
{
	int role = shapes[i].role;
	sk_census__report(r, D_ROW_SHAPE, row, r->sp[role].s, "column \"%s\" does not hold %s (a "
	       "comma in a name, or one missing, shifts a row's columns; or the column is "
	       "mislabelled): the row is left out", r->f->label[role], shapes[i].what);
	return false;
}

/* Whether the row's columns hold what the header says; a row that does not
 * is reported by line and column (never its value) and left out whole. Its
 * UPN, read here once, into upn (empty when it has none). Each column by
 * name, the common forms first, inline: every row goes through here. */
static bool row_shaped(creader *r, const char *row, char upn[UPN_LEN])
{
	const char *s;
	size_t len;
	upn[0] = '\0';
	/* The common forms first on a field as it is: they hold no quote and
	 * no blank at their edges, so trimming and unquoting would change
	 * nothing. */
	span u = r->sp[R_UPN], d = r->sp[R_DOB], y = r->sp[R_YEAR];
	if (u.len && upn_shaped(u.s, u.len)) {
		copy_upn(upn, u.s);
	} else if (shape_text(r, R_UPN, &s, &len)) {
		if (!upn_shaped(s, len))
			return not_shaped(r, row, 0);
		copy_upn(upn, s);
	}
	if (!(d.len && plain_date(d.s, d.len, NULL)) && shape_text(r, R_DOB, &s, &len) &&
	    !plain_date(s, len, NULL) && !date_shaped(s, len))
		return not_shaped(r, row, 1);
	if (!(y.len && plain_year(y.s, y.len)) && shape_text(r, R_YEAR, &s, &len) &&
	    !plain_year(s, len) && !year_shaped(s, len))
		return not_shaped(r, row, 2);
	return true;
}

/* ---- rows ---- */

/* A need field that need_quick did not read, empty or holding a need. */
static bool need_given_ok(creader *r, int role)
{
	size_t len;
	const char *s = scratch_text(r, r->sp[role], &len);
	sk_need n;
	return !len || sk_codes_need(&n, r->f->codes, s, len) == SK_OK;
}

/* A need column absent, empty, or holding a need (need_quick's answer
 * `quick` first; an absent column's span is empty). */
static inline bool need_ok(creader *r, int role, int quick)
{
	return quick >= 0 || !r->sp[role].len || need_given_ok(r, role);
}

/* Counts a pupil row's pupil into school s. */
static void count_pupil(creader *r, sk_cgroup *s, const pupil_entry *p)
{
	s->n[SK_CN_ON_ROLL]++;
	if (p->prov == SK_PROV_K)
		s->n[SK_CN_SUPPORT]++;
	else if (p->prov == SK_PROV_E)
		s->n[SK_CN_EHCP]++;
	if (p->need >= 0)
		s->n[SK_CN_NEED + (unsigned)p->need]++;
	r->monitoring += p->monitoring;
}

/* Reads a pupil row's codes into p (reported as they are read). */
static void read_pupil(creader *r, const char *row, sk_cgroup *s, pupil_entry *p)
{
	const cfile *f = r->f;
	p->need = -1;
	p->monitoring = false;
	p->prov_raw = p->need_raw = 0;
	p->prov = (int8_t)read_provision(r, row, r->sp[R_PROV], &p->monitoring, &p->prov_raw);
	if (p->prov < 0)
		return;
	int need1 = need_quick(r, R_NEED1), need2 = need_quick(r, R_NEED2);
	/* Names from the rows whose codes are all read: a row with its columns
	 * shifted would give a pupil's name (a row is whole: sk_census__row). */
	if (need_ok(r, R_NEED1, need1) && need_ok(r, R_NEED2, need2))
		note_names(r, s);
	if (p->prov == SK_PROV_N) {
		if (r->sp[R_NEED1].len) {
			size_t len;
			scratch_text(r, r->sp[R_NEED1], &len);
			if (len)
				sk_census__report(r, D_NEED_WITHOUT_SEN, row, r->sp[R_NEED1].s,
				       "a primary need for a pupil without SEN (N): "
				       "the need is not counted");
		}
		return;
	}
	/* Without a need column every need is unknown (and left empty). */
	if (f->col[R_NEED1] < 0) {
		p->need = SK_NEED_UNKNOWN;
	} else {
		sk_need n = read_need(r, row, r->sp[R_NEED1], true, need1, &p->need_raw);
		if (n == SK_NEED_NSA && p->prov == SK_PROV_E)
			sk_census__report(r, D_NSA_WITH_EHC, row, r->sp[R_NEED1].s,
			       "NSA (no specialist assessment) with an EHC plan: "
			       "an EHC plan names the need; counted as NSA");
		p->need = (int8_t)n;
	}
	uint32_t raw2;   /* a secondary need is not compared */
	if (r->sp[R_NEED2].len)
		(void)read_need(r, row, r->sp[R_NEED2], false, need2, &raw2);
}

static void pupil_row(creader *r, const char *row)
{
	pupil_entry p;
	if (!row_shaped(r, row, p.upn))
		return;
	sk_cgroup *s = pupil_school(r, row);
	if (!s)
		return;
	read_pupil(r, row, s, &p);
	p.line = r->line + 1;
	/* A pupil's second row in the school's run is read, never counted. */
	if (!sk_census__pupil_again(r, s, row, &p))
		count_pupil(r, s, &p);
}

/* A count in a school-level row: false (reported) when it is not a whole
 * number; *known false when empty. */
static bool read_count(creader *r, const char *row, int role, int64_t *out, bool *known)
{
	const char *label = r->f->label[role];
	*out = 0;
	*known = false;
	if (r->f->col[role] < 0)
		return true;
	const char *s = r->sp[role].s;
	size_t len = r->sp[role].len;
	/* Digits read in place: a doubled quote, undone or not, is not a digit. */
	trim(&s, &len);
	/* A comma only between thousands (1,234): in a file separated by
	 * semicolons "1,5" is a decimal, not 15. */
	int64_t v = 0;
	size_t digits = 0, group = 0;
	bool grouped = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (v > 100000000) {
				digits = 0;
				break;
			}
			v = v * 10 + (s[i] - '0');
			digits++;
			group++;
		} else if (s[i] == ',' && group && (grouped ? group == 3 : group <= 3)) {
			grouped = true;
			group = 0;
		} else {
			digits = 0;
			break;
		}
	}
	if (grouped && group != 3)
		digits = 0;
	if (!digits) {
		/* Never quoted: a shifted row may hold a name there. */
		sk_census__report(r, D_BAD_COUNT, row, r->sp[role].s,
		       len ? "not a count of pupils in column \"%s\" (the value is not shown): "
			     "left unknown" : "no count in column \"%s\": left unknown", label);
		return false;
	}
	*out = v;
	*known = true;
	return true;
}

static void add_part(char *msg, size_t cap, const char *part)
{
	size_t n = strlen(msg);
	snprintf(msg + n, cap - n, "%s%s", n ? "; " : "", part);
}

/* Checks that a school-level row adds up; the need columns' shortfall is
 * counted as unknown need. */
static void check_totals(creader *r, const char *row, sk_census_counts *c,
			 int64_t ehc_needs, int64_t sup_needs, int64_t total_sen,
			 bool total_known)
{
	const cfile *f = r->f;
	bool k = c->knows & SK_CENSUS_KNOWS_SEN_SUPPORT, e = c->knows & SK_CENSUS_KNOWS_EHCP;
	bool needs = c->knows & SK_CENSUS_KNOWS_NEEDS;
	int64_t sen = (k ? c->sen_support : 0) + (e ? c->ehcp : 0);
	bool over_roll = (c->knows & SK_CENSUS_KNOWS_ON_ROLL) && (k || e) && sen > c->on_roll;
	bool bad_total = total_known && k && e && total_sen != sen;
	bool bad_ehc = needs && f->ehc_needs && e && ehc_needs != c->ehcp;
	bool bad_sup = needs && f->sup_needs && k && sup_needs != c->sen_support;
	if (needs && ehc_needs + sup_needs < sen)
		c->need[SK_NEED_UNKNOWN] += sen - ehc_needs - sup_needs;
	if (!(over_roll || bad_total || bad_ehc || bad_sup))
		return;
	const char *at = over_roll ? r->sp[R_ONROLL].s : bad_total ? r->sp[R_TOTALSEN].s
			 : bad_ehc ? r->sp[R_EHCP].s : r->sp[R_SUPPORT].s;
	cdiag *d = sk_census__report_slot(r, D_TOTALS_MISMATCH, row, at);
	if (!d)
		return;
	/* Room for the prefix below: a long list is cut (ASCII) rather than it. */
	char msg[sizeof(d->msg) - sizeof("totals do not add up: ") + 1] = "", part[96];
	if (over_roll) {
		snprintf(part, sizeof(part), "%lld with SEN but %lld on roll", (long long)sen,
			 (long long)c->on_roll);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_total) {
		snprintf(part, sizeof(part), "Total SEN %lld is not SEN support + EHC plan (%lld)",
			 (long long)total_sen, (long long)sen);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_ehc) {
		snprintf(part, sizeof(part), "the EHC plan needs add up to %lld, not %lld",
			 (long long)ehc_needs, (long long)c->ehcp);
		add_part(msg, sizeof(msg), part);
	}
	if (bad_sup) {
		snprintf(part, sizeof(part), "the SEN support needs add up to %lld, not %lld",
			 (long long)sup_needs, (long long)c->sen_support);
		add_part(msg, sizeof(msg), part);
	}
	snprintf(d->msg, sizeof(d->msg), "totals do not add up: %s", msg);
}

/* Keeps a school-level row's counts (each checked to fit 32 bits). */
static void store_counts(sk_cgroup *s, const sk_census_counts *c, bool add)
{
	if (!add)
		memset(s->n, 0, sizeof(s->n));
	s->knows = (uint8_t)(add ? s->knows & c->knows : c->knows);
	sk_census__group_add(s, SK_CN_ON_ROLL, (uint64_t)c->on_roll);
	sk_census__group_add(s, SK_CN_SUPPORT, (uint64_t)c->sen_support);
	sk_census__group_add(s, SK_CN_EHCP, (uint64_t)c->ehcp);
	for (int i = 0; i < SK_NEED_COUNT; i++)
		sk_census__group_add(s, SK_CN_NEED + (unsigned)i, (uint64_t)c->need[i]);
}

/* DfE's marks for a count it does not give (suppressed, not applicable,
 * unavailable...): anything else in a count column that is not a number is
 * text. Lower case only, as DfE writes them: a pupil's codes (F, K, N, Y)
 * are text. */
static bool dfe_mark(const char *s, size_t len)
{
	static const char *const marks[] = {"x", "c", "z", "u", "low", ".", ":"};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (len == strlen(marks[i]) && !memcmp(s, marks[i], len))
			return true;
	return false;
}

/* Whether a school-level row's count columns look like a pupil's row
 * pasted in: one holds text (not a number or one of DfE's marks) or
 * nothing at all (DfE never leaves a count empty; a non-SEN pupil's SEN
 * and need cells are), or none holds a number. */
static bool pupil_like_counts(const creader *r)
{
	static const int roles[] = {R_ONROLL, R_SUPPORT, R_EHCP, R_TOTALSEN};
	bool any_column = false, any_number = false;
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		const char *s = r->sp[roles[i]].s;
		size_t len = r->sp[roles[i]].len;
		if (r->f->col[roles[i]] < 0)
			continue;
		any_column = true;
		trim(&s, &len);
		if (!len)
			return true;
		if (dfe_mark(s, len))
			continue;
		if (strspn(s, "0123456789,") < len)
			return true;
		any_number = true;
	}
	return any_column && !any_number;
}

/* Leaves out a school-level row's names (not its key): a row with text in
 * its counts may be a pupil's row pasted in, its names a pupil's values.
 * (Not a row that does not add up: DfE's own rows may not, their needs
 * suppressed, and without its LA a school's counts leave its LA's.) */
static void drop_names(creader *r)
{
	static const int roles[] = {R_SCHOOL, R_LA, R_HUB};
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i] != r->f->key_role)
			r->sp[roles[i]].len = 0;
	r->plain = false;   /* a field's span no longer ends at its separator */
}

static void school_row(creader *r, const char *row)
{
	const cfile *f = r->f;
	size_t len = 0;
	int key_kind = f->key_role != R_NONE ? row_key(r, &r->key, &r->key_cap, &len) : KEY_NONE;
	bool by_urn = f->key_role == R_URN || f->key_role == R_LAESTAB;
	bool pupil_like = pupil_like_counts(r);
	if (pupil_like && f->key_role == R_SCHOOL) {
		/* The school's name is its key: no part of the row can be used. */
		sk_census__report(r, D_ROW_SHAPE, row, NULL,
		       "the counts hold text or no number (a pupil's row pasted in?): the row "
		       "is left out, as its school name may be a pupil's");
		return;
	}
	/* Without a URN, in a file of URNs: a total row ("Testshire total")
	 * would be counted again in its LA and in all. */
	if (key_kind == KEY_BAD || (by_urn && key_kind == KEY_NONE)) {
		bad_key(r, row, key_kind);
		return;
	}
	sk_census_counts c;
	memset(&c, 0, sizeof(c));
	c.schools = 1;
	c.knows = f->knows;
	bool known;
	read_count(r, row, R_ONROLL, &c.on_roll, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_ON_ROLL;
	read_count(r, row, R_SUPPORT, &c.sen_support, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_SEN_SUPPORT;
	read_count(r, row, R_EHCP, &c.ehcp, &known);
	if (!known)
		c.knows &= ~(unsigned)SK_CENSUS_KNOWS_EHCP;
	int64_t total_sen = 0, ehc_sum = 0, sup_sum = 0, v;
	bool total_known = false;
	read_count(r, row, R_TOTALSEN, &total_sen, &total_known);
	for (int n = 0; n < SK_NEED_UNKNOWN && (c.knows & SK_CENSUS_KNOWS_NEEDS); n++) {
		for (int kind = 0; kind < 2; kind++) {
			int ro = (kind ? R_SUP_NEED : R_EHC_NEED) + n;
			if (f->col[ro] < 0)
				continue;
			if (!read_count(r, row, ro, &v, &known) || !known) {
				c.knows &= ~(unsigned)SK_CENSUS_KNOWS_NEEDS;
				break;   /* DfE's suppressed needs ("x"): names kept */
			}
			c.need[n] += v;
			*(kind ? &sup_sum : &ehc_sum) += v;
		}
	}
	if (!(c.knows & SK_CENSUS_KNOWS_NEEDS))
		memset(c.need, 0, sizeof(c.need));
	check_totals(r, row, &c, ehc_sum, sup_sum, total_sen, total_known);
	if (pupil_like)
		drop_names(r);

	sk_cgroup *s = NULL;
	bool has_key = key_kind == KEY_OK;
	const char *key = r->key;
	if (has_key && by_urn) {
		uint32_t hash = sk_hash__bytes(key, len);
		s = sk_census__groups_find(&r->schools, key, len, hash);
		if (s) {
			/* The key is digits only (code_key): shown as it is. At the
			 * row's start, as when two threads' parts are merged. */
			sk_census__report(r, D_DUPLICATE_SCHOOL, row, NULL,
			       "URN %.*s is given more than once: the rows are added together",
			       (int)len, key);
			note_names(r, s);   /* as when the two rows are in two threads' parts */
			store_counts(s, &c, true);
			return;
		}
		s = new_school(r, key, len, true, true, hash);
	} else {
		s = new_school(r, has_key ? key : NULL, len, false, false, 0);
	}
	if (s)
		store_counts(s, &c, false);
}

/* The first NUL byte in a field the row is read for, or NULL. */
static const char *nul_in_row(const creader *r)
{
	for (int i = 0; i < R_COUNT; i++) {
		const char *at = r->f->col[i] >= 0 && r->sp[i].len
				 ? memchr(r->sp[i].s, '\0', r->sp[i].len) : NULL;
		if (at)
			return at;
	}
	return NULL;
}

/* A row with the header's named columns, and past them only empty fields
 * (as Excel pads a row to the header's blank cells at its end, no further).
 * Blank header cells are not columns: a row one field short of them is
 * whole, and one that fills them has gained a comma only if a value is
 * there. */
static bool whole_row(const creader *r)
{
	return r->nf >= r->f->ncols && r->nf <= r->f->hcols && !r->extra;
}

/* Why a row may have more fields than the header: its separator in a field
 * that is not quoted. `buf` holds the words for a `sep=` line's own one. */
static const char *extra_field_hint(char sep, char buf[24])
{
	switch (sep) {
	case ',': return " (an unquoted comma?)";
	case ';': return " (an unquoted semicolon?)";
	case '\t': return " (a tab typed in a field?)";
	default:
		if (sep <= ' ' || sep > '~')
			return "";
		snprintf(buf, 24, " (an unquoted \"%c\"?)", sep);
		return buf;
	}
}

void sk_census__row(creader *r, const char *row)
{
	if (!r->nonempty)
		return;
	if (!whole_row(r)) {
		char hint[24];
		r->rows++;
		sk_census__report(r, D_RAGGED_ROW, row, NULL,
		       "%u field%s where the header has %u: the row is left out%s", r->nf,
		       sk_census__s(r->nf), r->f->ncols,
		       r->nf > r->f->ncols ? extra_field_hint(r->f->sep, hint) : "");
		return;
	}
	sk_census__whole_row(r, row);
}

void sk_census__whole_row(creader *r, const char *row)
{
	r->rows++;
	const char *nul = r->in.nul ? nul_in_row(r) : NULL;
	if (nul) {
		/* A C string would end there: "33<NUL>33" would be school 33. */
		sk_census__report(r, D_NUL_BYTE, row, nul, "a NUL byte in a field (is this a binary "
		       "or UTF-16 file?): the row is left out");
		return;
	}
	if (r->f->layout == SK_CENSUS_PUPIL_LEVEL)
		pupil_row(r, row);
	else
		school_row(r, row);
}

/* A reader's diagnostics in the order of their place in the file, ties in
 * the order told: a row over several lines tells its problems in the order
 * it reads its columns, and a duplicate pupil judged at a join is put in
 * among them by line, so only this order is the same for any number of
 * threads. Stable, and linear on what is nearly sorted already. */
static void sort_diags(creader *r)
{
	for (size_t i = 1; i < r->ndiags; i++) {
		cdiag d = r->diags[i];
		size_t j = i;
		for (; j > 0 && (r->diags[j - 1].line > d.line ||
				 (r->diags[j - 1].line == d.line && r->diags[j - 1].col > d.col));
		     j--)
			r->diags[j] = r->diags[j - 1];
		r->diags[j] = d;
	}
}

/* Moves one reader's diagnostics into `diags`, with their lines shifted;
 * seen[] counts what was already shown per rule. */
void sk_census__flush_diags(creader *r, unsigned line_base, const char *file,
			    unsigned limit, uint64_t *shown_n, sk_diags *diags)
{
	sort_diags(r);
	for (size_t i = 0; i < r->ndiags; i++) {
		const cdiag *d = &r->diags[i];
		if (limit && shown_n[d->rule] >= limit)
			continue;
		shown_n[d->rule]++;
		char msg[256];
		if (d->ref)
			sk_census__dup_message(msg, sizeof(msg), d->ref + (d->ref_abs ? 0 : line_base),
					       d->differs);
		sk_diags_add(diags, file, (sk_pos){d->line + line_base, d->col},
			     rules[d->rule].severity, rules[d->rule].name, "%s",
			     d->ref ? msg : d->msg);
	}
}

/* How many distinct values that are not codes each column had, from the
 * readers' sets: said once, never the values. */
int sk_census__report_unknown(const creader *rd, unsigned n, const cfile *f, sk_diags *diags)
{
	static const struct {
		int role;
		const char *rule, *one, *many, *fix;
	} cols[V_COUNT] = {
		{R_PROV, "unknown-provision", "a SEN provision code", "SEN provision codes",
		 "use N, K or E, or map them in a codes file"},
		{R_NEED1, "unknown-need", "a need code", "need codes",
		 "use the codes in sendkit-census(5), or map them in a codes file"},
		{R_NEED2, "unknown-need", "a need code", "need codes",
		 "use the codes in sendkit-census(5), or map them in a codes file"},
	};
	for (int k = 0; k < V_COUNT; k++) {
		vset all = {0};
		for (unsigned i = 0; i < n; i++)
			for (size_t j = 0; j < rd[i].unknown[k].cap; j++)
				if (rd[i].unknown[k].v[j] && !sk_census__vset_put(&all, rd[i].unknown[k].v[j])) {
					free(all.v);
					return SK_ENOMEM;
				}
		if (all.n)
			sk_diags_add(diags, f->name, (sk_pos){0, 0}, SK_NOTE, cols[k].rule,
				     "%s%zu distinct value%s in column \"%s\" %s not %s (not shown: "
				     "they may identify pupils); if the column holds something else, "
				     "correct its name in the header, else %s",
				     all.n >= V_MAX ? "at least " : "", all.n, all.n == 1 ? "" : "s",
				     f->label[cols[k].role], all.n == 1 ? "is" : "are",
				     all.n == 1 ? cols[k].one : cols[k].many, cols[k].fix);
		free(all.v);
	}
	return SK_OK;
}

void sk_census__report_rest(const uint64_t *total, const uint64_t *shown_n, const char *file,
			    sk_diags *diags)
{
	for (int k = 0; k < D_COUNT; k++)
		if (total[k] > shown_n[k])
			sk_diags_add(diags, file, (sk_pos){0, 0}, rules[k].severity, rules[k].name,
				     "%llu more %s not shown (%llu in all)",
				     (unsigned long long)(total[k] - shown_n[k]),
				     total[k] - shown_n[k] == 1 ? rules[k].one : rules[k].plural,
				     (unsigned long long)total[k]);
}
