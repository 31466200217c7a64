/* Census: the terms read so far, the tables of schools and groups they are
 * kept in, the hubs file, and lookups (census_read.c reads files,
 * census_table.c writes the summary). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "census_internal.h"
#include "csv_input_internal.h"
#include "hash_internal.h"
#include "sendkit/text.h"

#define SK_CENSUS_MAX_THREADS 16u

sk_census *sk_census_new(void)
{
	sk_census *c = calloc(1, sizeof(*c));
	if (c) {
		c->threads = 1;
		c->report_limit = 10;
	}
	return c;
}

void sk_census__groups_free(sk_cgroups *g)
{
	free(g->v);
	free(g->slots);
	sk_arena__free(&g->arena);
	memset(g, 0, sizeof(*g));
}

void sk_census_free(sk_census *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nterms; i++) {
		free(c->terms[i].label);
		sk_census__groups_free(&c->terms[i].schools);
	}
	free(c->terms);
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	sk_census__groups_free(&c->hubs);
	sk_census__groups_free(&c->hub_names);
	sk_census__groups_free(&c->la_names);
	free(c->hubs_file);
	free(c);
}

void sk_census_set_threads(sk_census *c, unsigned threads)
{
	if (threads < 1)
		threads = 1;
	c->threads = threads > SK_CENSUS_MAX_THREADS ? SK_CENSUS_MAX_THREADS : threads;
}

void sk_census__set_range(sk_census *c, uint64_t bytes)
{
	c->range = bytes;
}

void sk_census_set_report_limit(sk_census *c, unsigned limit)
{
	c->report_limit = limit;
}

void sk_census_set_codes(sk_census *c, const sk_codes *codes)
{
	c->codes = codes;
}

/* ---- strings ---- */

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

const char *sk_census__text(sk_arena *a, const char *s, size_t len, bool quoted,
			    bool *cp1252, bool *nomem)
{
	*nomem = false;
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	if (!len)
		return NULL;
	char small[256];
	char *t = len < sizeof(small) ? small : malloc(len + 1);
	if (!t) {
		*nomem = true;
		return NULL;
	}
	size_t n = 0;
	bool high = false;
	for (size_t i = 0; i < len; i++) {
		/* A line break or tab inside a quoted name: one space, so every
		 * name fits on one line of a table. */
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\t') {
			if (t[n - 1] != ' ')
				t[n++] = ' ';
			continue;
		}
		t[n++] = s[i];
		high |= (unsigned char)s[i] >= 0x80;
		if (quoted && s[i] == '"' && i + 1 < len && s[i + 1] == '"')
			i++;
	}
	const char *out = NULL;
	char *u = NULL;
	size_t ulen = 0;
	if (high && !sk_utf8_valid(t, n)) {
		if (sk_cp1252_to_utf8(&u, &ulen, t, n) == SK_OK) {
			*cp1252 = true;
			out = sk_arena__strndup(a, u, ulen);
		}
	} else {
		out = sk_arena__strndup(a, t, n);
	}
	free(u);
	if (t != small)
		free(t);
	*nomem = out == NULL;
	return out;
}

/* Text for a message: control characters and what is not UTF-8 shown as
 * '?', at most 40 bytes. */
const char *sk_census__printable(char *buf, size_t cap, const char *s, size_t len)
{
	size_t n = 0;
	bool utf8 = sk_utf8_valid(s, len);
	for (size_t i = 0; i < len && n + 4 < cap && n < 40; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x80 && utf8) {
			size_t k = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
			if (i + k > len || n + k + 1 > cap)
				break;
			memcpy(buf + n, s + i, k);
			n += k;
			i += k - 1;
			continue;
		}
		buf[n++] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	buf[n] = '\0';
	return buf;
}

/* ---- groups ---- */

typedef struct group_sought {
	const sk_cgroup *v;
	const char *key;
	size_t len;
	uint32_t hash;
} group_sought;

static bool is_sought(const void *ctx, uint32_t value)
{
	const group_sought *s = ctx;
	const sk_cgroup *e = &s->v[value - 1];
	return e->hash == s->hash && e->ikey_len == s->len && memcmp(e->ikey, s->key, s->len) == 0;
}

sk_cgroup *sk_census__groups_find(const sk_cgroups *g, const char *key, size_t len,
				  uint32_t hash)
{
	if (!g->nslots)
		return NULL;
	group_sought s = {g->v, key, len, hash};
	uint32_t at = g->slots[sk_hash__probe(g->slots, g->nslots, hash, is_sought, &s)];
	return at ? &g->v[at - 1] : NULL;
}

static int reindex(sk_cgroups *g)
{
	size_t nslots = g->nslots ? g->nslots * 2 : 64;
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return SK_ENOMEM;
	for (size_t i = 0; i < g->nslots; i++)
		if (g->slots[i])
			sk_hash__slot_put(slots, nslots, g->v[g->slots[i] - 1].hash, g->slots[i]);
	free(g->slots);
	g->slots = slots;
	g->nslots = nslots;
	return SK_OK;
}

sk_cgroup *sk_census__groups_add(sk_cgroups *g, const char *key, size_t len, uint32_t hash,
				 bool index)
{
	if (SK_GROW(g->v, g->cap, g->n + 1) != SK_OK)
		return NULL;
	/* Keep the index at most half full. */
	if (index && (g->nindexed + 1) * 2 > g->nslots && reindex(g) != SK_OK)
		return NULL;
	sk_cgroup *e = &g->v[g->n];
	memset(e, 0, sizeof(*e));
	e->knows = SK_CENSUS_KNOWS_ALL;
	if (key) {
		e->ikey = sk_arena__strndup(&g->arena, key, len);
		if (!e->ikey)
			return NULL;
		e->ikey_len = (uint32_t)len;
		e->hash = hash;
	}
	g->n++;
	if (index && key) {
		sk_hash__slot_put(g->slots, g->nslots, hash, (uint32_t)g->n);
		g->nindexed++;
		e->indexed = true;
	}
	return e;
}

sk_cgroup *sk_census__groups_get(sk_cgroups *g, const char *key, size_t len, bool *added)
{
	uint32_t hash = sk_hash__bytes(key, len);
	sk_cgroup *e = sk_census__groups_find(g, key, len, hash);
	*added = e == NULL;
	return e ? e : sk_census__groups_add(g, key, len, hash, true);
}

void sk_census__counts_of(sk_census_counts *out, const sk_cgroup *g)
{
	out->schools = 1;
	out->on_roll = g->n[SK_CN_ON_ROLL];
	out->sen_support = g->n[SK_CN_SUPPORT];
	out->ehcp = g->n[SK_CN_EHCP];
	for (int i = 0; i < SK_NEED_COUNT; i++)
		out->need[i] = g->n[SK_CN_NEED + i];
	out->knows = g->knows;
}

void sk_census__group_add(sk_cgroup *g, unsigned k, uint64_t v)
{
	static const uint8_t knows_of[SK_CN_NEED] = {SK_CENSUS_KNOWS_ON_ROLL,
						     SK_CENSUS_KNOWS_SEN_SUPPORT,
						     SK_CENSUS_KNOWS_EHCP};
	uint64_t sum = (uint64_t)g->n[k] + v;
	if (sum > UINT32_MAX) {
		g->knows &= (uint8_t)~(k < SK_CN_NEED ? knows_of[k] : SK_CENSUS_KNOWS_NEEDS);
		sum = 0;
	}
	g->n[k] = (uint32_t)sum;
}

void sk_census__counts_add(sk_census_counts *dst, const sk_census_counts *src)
{
	dst->schools += src->schools;
	dst->on_roll += src->on_roll;
	dst->sen_support += src->sen_support;
	dst->ehcp += src->ehcp;
	for (int i = 0; i < SK_NEED_COUNT; i++)
		dst->need[i] += src->need[i];
	dst->knows &= src->knows;
}

/* The i-th name (name, LA, hub) of a school in two parts of a term (two
 * threads' parts of a file, or two files): the first part's; the other
 * part's rows confirm it or disagree with it. */
static void take_text(sk_cgroup *d, const char **dst, const sk_cgroup *s, const char *src,
		      uint8_t bit, int i)
{
	if (!(s->seen & bit))
		return;
	if (!(d->seen & bit)) {
		d->seen |= bit;
		*dst = src;
		d->cp1252 |= s->cp1252 & bit;
		d->text_hash[i] = s->text_hash[i];
		d->giver[i] = s->giver[i];
		d->fresh |= s->fresh & bit;
		d->agreed = (uint8_t)((d->agreed & ~bit) | (s->agreed & bit));
	} else if (d->text_hash[i] != s->text_hash[i]) {
		d->conflict |= bit;
	} else {
		d->agreed |= s->agreed & bit;
		sk_census__give(d, i, bit, s->giver[i]);
	}
}

void sk_census__give(sk_cgroup *g, int i, uint8_t bit, uint32_t giver)
{
	if (!g->giver[i])
		g->giver[i] = giver;   /* the first row that says who it is */
	else if (giver && giver != g->giver[i])
		g->agreed |= bit;      /* another pupil's row gives it too */
}

int sk_census__merge_schools(sk_cgroups *dst, sk_cgroups *src, unsigned file,
			     unsigned line_offset, sk_census__twice *twice)
{
	for (size_t i = 0; i < src->n; i++) {
		src->v[i].file = file;
		src->v[i].line += line_offset;
	}
	if (!dst->n) {
		/* The first part of a term: taken whole. */
		sk_census__groups_free(dst);
		*dst = *src;
		memset(src, 0, sizeof(*src));
		return SK_OK;
	}
	for (size_t i = 0; i < src->n; i++) {
		sk_cgroup *s = &src->v[i];
		sk_cgroup *d = NULL;
		if (s->ikey && !s->unique)
			d = sk_census__groups_find(dst, s->ikey, s->ikey_len, s->hash);
		if (!d) {
			bool index = s->ikey && !s->unique;
			d = sk_census__groups_add(dst, index ? s->ikey : NULL, s->ikey_len, s->hash,
						  index);
			if (!d)
				return SK_ENOMEM;
			const char *ikey = d->ikey;
			bool indexed = d->indexed;
			*d = *s;
			d->ikey = index ? ikey : s->ikey;
			d->indexed = indexed;
			continue;
		}
		if (d->file == file && twice->dup_total) {
			++*twice->dup_total;
			if (!twice->limit || *twice->dup_shown < twice->limit) {
				++*twice->dup_shown;
				sk_diags_add(twice->diags, twice->file, (sk_pos){s->line, 1}, SK_WARNING,
					     "duplicate-school", "URN %s is given more than once: the "
					     "rows are added together", d->urn ? d->urn : "");
			}
		}
		if (d->file != file && twice->count++ < twice->limit)
			sk_diags_add(twice->diags, twice->file, (sk_pos){s->line, 1}, SK_WARNING,
				     "duplicate-school", "school %s is also in %s, read before for "
				     "this term: both are counted (the same export twice?)",
				     d->urn ? d->urn : d->name ? d->name : "", twice->files[d->file]);
		d->knows &= s->knows;
		for (unsigned k = 0; k < SK_CN_COUNT; k++)
			sk_census__group_add(d, k, s->n[k]);
		if (!d->urn)
			d->urn = s->urn;
		d->conflict |= s->conflict;
		take_text(d, &d->name, s, s->name, SK_CG_NAME, 0);
		take_text(d, &d->la, s, s->la, SK_CG_LA, 1);
		take_text(d, &d->hub, s, s->hub, SK_CG_HUB, 2);
	}
	sk_arena__splice(&dst->arena, &src->arena);
	return SK_OK;
}

/* ---- terms and files ---- */

sk_cterm *sk_census__term(sk_census *c, const char *label)
{
	for (size_t i = 0; i < c->nterms; i++)
		if (strcmp(c->terms[i].label, label) == 0)
			return &c->terms[i];
	if (SK_GROW(c->terms, c->terms_cap, c->nterms + 1) != SK_OK)
		return NULL;
	sk_cterm *t = &c->terms[c->nterms];
	memset(t, 0, sizeof(*t));
	t->file = c->nfiles;   /* the file sk_census__add_file adds next */
	t->label = strdup(label);
	if (!t->label)
		return NULL;
	c->nterms++;
	return t;
}

int sk_census__add_file(sk_census *c, const char *file)
{
	if (SK_GROW(c->files, c->files_cap, c->nfiles + 1) != SK_OK)
		return -1;
	c->files[c->nfiles] = strdup(file);
	if (!c->files[c->nfiles])
		return -1;
	return (int)c->nfiles++;
}

size_t sk_census_term_count(const sk_census *c)
{
	return c->nterms;
}

const char *sk_census_term_label(const sk_census *c, size_t term)
{
	return term < c->nterms ? c->terms[term].label : NULL;
}

/* ---- levels ---- */

static const char *const level_names[SK_CENSUS_LEVEL_COUNT] = {"school", "hub", "la", "all"};

const char *sk_census_level_name(sk_census_level level)
{
	return (unsigned)level < SK_CENSUS_LEVEL_COUNT ? level_names[level] : "";
}

int sk_census_levels_parse(unsigned *out, const char *list)
{
	unsigned mask = 0;
	const char *p = list;
	for (;;) {
		size_t n = strcspn(p, ",");
		int found = -1;
		for (int i = 0; i < SK_CENSUS_LEVEL_COUNT; i++)
			if (strlen(level_names[i]) == n && strncmp(p, level_names[i], n) == 0)
				found = i;
		if (found < 0)
			return SK_EINVAL;
		mask |= SK_CENSUS_BY(found);
		if (!p[n])
			break;
		p += n + 1;
	}
	*out = mask;
	return SK_OK;
}

/* ---- hub and LA names that differ only in case or spaces ---- */

size_t sk_census__unicode_space(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
		*cp = 0xA0;
		return 2;
	}
	if (len < 3 || (s[0] & 0xF0) != 0xE0 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
		return 0;
	*cp = (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu);
	bool space = *cp == 0x1680 || (*cp >= 0x2000 && *cp <= 0x200D) || *cp == 0x2028 ||
		     *cp == 0x2029 || *cp == 0x202F || *cp == 0x205F || *cp == 0x2060 ||
		     *cp == 0x3000 || *cp == 0xFEFF;
	return space ? 3 : 0;
}

/* The one rule of sk_census__fold: its bytes into out, or with out NULL
 * only hashed into *h (sk_hash__step), with no copy. */
static inline void fold_put(char *out, uint32_t *h, size_t k, char c)
{
	if (out)
		out[k] = c;
	else
		*h = sk_hash__step(*h, (unsigned char)c);
}

static inline size_t fold_each(char *out, uint32_t *h, const char *name, size_t n)
{
	size_t k = 0;
	bool space = false;
	for (const char *p = name, *end = name + n; p < end;) {
		unsigned cp;
		size_t w = (unsigned char)*p >= 0xC2 ? sk_census__unicode_space(p, (size_t)(end - p), &cp)
						    : 0;
		if (w || *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			space = true;
			p += w ? w : 1;
			continue;
		}
		if (space && k)
			fold_put(out, h, k++, ' ');
		space = false;
		fold_put(out, h, k++, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
		p++;
	}
	return k;
}

size_t sk_census__fold(char *out, const char *name, size_t n)
{
	return fold_each(out, NULL, name, n);
}

uint32_t sk_census__fold_hash(const char *name, size_t n)
{
	uint32_t h = SK_HASH__FNV32_BASIS;
	fold_each(NULL, &h, name, n);
	return h;
}

/* A hub's or LA's name folded (sk_census__fold) after a byte 1, apart from
 * the spellings (byte 2) in the same index. */
static char *name_fold(const char *name, size_t *len)
{
	size_t n = strlen(name);
	char *out = malloc(n + 2);
	if (!out)
		return NULL;
	out[0] = '\1';
	*len = 1 + sk_census__fold(out + 1, name, n);
	return out;
}

/* A hub's or LA's name for a message: its Unicode spaces as <U+00A0> (a no-break
 * space looks like a space), the rest as sk_census__printable shows it. */
static const char *hub_shown(char *buf, size_t cap, const char *name)
{
	char plain[64];
	size_t k = 0;
	const char *p = name, *end = name + strlen(name);
	while (p < end && k + 9 < cap) {
		unsigned cp;
		size_t w = sk_census__unicode_space(p, (size_t)(end - p), &cp);
		if (w) {
			k += (size_t)snprintf(buf + k, cap - k, "<U+%04X>", cp);
			p += w;
			continue;
		}
		size_t run = 0;
		while (p + run < end && run < 40 &&
		       !sk_census__unicode_space(p + run, (size_t)(end - p) - run, &cp))
			run++;
		sk_census__printable(plain, sizeof(plain), p, run);
		k += (size_t)snprintf(buf + k, cap - k, "%s", plain);
		p += run;
	}
	buf[k < cap ? k : cap - 1] = '\0';
	return buf;
}

/* The spelling that `names` goes by for hub or LA `name` (kept as a pointer: it
 * must outlive the index): the first given of those that fold alike. *first:
 * the first spelling's entry, when `name` is a new other spelling of it (to
 * report), else NULL. NULL when out of memory. `g` is where name comes from
 * (its line and file are kept for the report). An entry's `hub` holds the
 * spelling, whichever index it is. */
static const char *name_spelling(sk_cgroups *names, const char *name, const sk_cgroup *g,
				 const sk_cgroup **first)
{
	*first = NULL;
	size_t n = strlen(name);
	char *exact = malloc(n + 2);
	if (!exact)
		return NULL;
	exact[0] = '\2';
	memcpy(exact + 1, name, n);
	bool added;
	sk_cgroup *e = sk_census__groups_get(names, exact, n + 1, &added);
	free(exact);
	if (!e || !added)
		return e ? e->hub : NULL;
	size_t flen;
	char *fold = name_fold(name, &flen);
	sk_cgroup *f = fold ? sk_census__groups_get(names, fold, flen, &added) : NULL;
	free(fold);
	if (!f)
		return NULL;
	if (added) {
		f->hub = name;
		f->line = g->line;
		f->file = g->file;
	} else {
		*first = f;
	}
	e->hub = f->hub;
	return e->hub;
}

/* An LA read under other spellings in one file: the first spelling's entry
 * (an index of la_names), how many others, and where the first other is. */
typedef struct la_respelt {
	size_t first;
	unsigned others;
	const sk_cgroup *at;
} la_respelt;

/* Reads school g's LA as the spelling it was first given in; a new other
 * spelling is counted in v (*n entries, one per LA) for fold_las' report. */
static int fold_la(sk_census *c, sk_cgroup *g, la_respelt **v, size_t *n, size_t *cap)
{
	const sk_cgroup *first;
	const char *la = name_spelling(&c->la_names, g->la, g, &first);
	if (!la)
		return SK_ENOMEM;
	if (first) {
		size_t k = (size_t)(first - c->la_names.v), i = 0;
		while (i < *n && (*v)[i].first != k)
			i++;
		if (i == *n) {
			if (SK_GROW(*v, *cap, *n + 1) != SK_OK)
				return SK_ENOMEM;
			(*v)[(*n)++] = (la_respelt){k, 0, g};
		}
		(*v)[i].others++;
	}
	g->la = la;
	return SK_OK;
}

/* One warning per LA that file `file` spells in ways that differ only in
 * case or spaces: its LA totals would otherwise be split between rows. */
static int fold_las(sk_census *c, sk_cterm *t, unsigned file, const char *path,
		    bool pupil_level, sk_diags *diags)
{
	la_respelt *v = NULL;
	size_t n = 0, cap = 0;
	int rc = SK_OK;
	for (size_t i = 0; i < t->schools.n && rc == SK_OK; i++) {
		sk_cgroup *g = &t->schools.v[i];
		if ((g->file == file || (g->late & SK_CG_LA)) && g->la)
			rc = fold_la(c, g, &v, &n, &cap);
		g->late &= (uint8_t)~SK_CG_LA;
	}
	for (size_t i = 0; i < n && rc == SK_OK; i++) {
		const sk_cgroup *f = &c->la_names.v[v[i].first], *at = v[i].at;
		char a[128], b[128];
		if (pupil_level)
			sk_diags_add(diags, c->files[at->file], (sk_pos){at->line, 1}, SK_WARNING,
				     "la-spelling", "the LA of the school whose rows start here "
				     "differs from that of the school on line %u of %s only in case or spaces, as %u "
				     "spelling%s in this file do%s: read as one LA, spelt as the "
				     "first (none shown: a pupil-level file); correct the spelling",
				     f->line, c->files[f->file], v[i].others,
				     sk_census__s(v[i].others), v[i].others == 1 ? "es" : "");
		else
			sk_diags_add(diags, path, (sk_pos){at->line, 1}, SK_WARNING, "la-spelling",
				     "LA \"%s\" (line %u of %s) is spelt %u other way%s in this file "
				     "that differ%s from it only in case or spaces, the first on "
				     "this line: read as one LA, \"%s\"; correct the spelling",
				     hub_shown(a, sizeof(a), f->hub), f->line, c->files[f->file],
				     v[i].others, sk_census__s(v[i].others),
				     v[i].others == 1 ? "s" : "", hub_shown(b, sizeof(b), f->hub));
	}
	free(v);
	return rc;
}

int sk_census__fold_names(sk_census *c, sk_cterm *t, unsigned file, const char *path,
			  bool pupil_level, sk_diags *diags)
{
	for (size_t i = 0; i < t->schools.n; i++) {
		sk_cgroup *g = &t->schools.v[i];
		bool late = g->late & SK_CG_HUB;
		g->late &= (uint8_t)~SK_CG_HUB;
		if ((g->file != file && !late) || !g->hub)
			continue;
		const sk_cgroup *first;
		const char *hub = name_spelling(&c->hub_names, g->hub, g, &first);
		if (!hub)
			return SK_ENOMEM;
		if (first && pupil_level)
			sk_diags_add(diags, c->files[g->file], (sk_pos){g->line, 1}, SK_WARNING,
				     "hub-spelling", "the hub of the school whose rows start here differs from "
				     "that of the school on line %u of %s only in case or spaces: "
				     "read as one hub, spelt as the first (neither shown: a "
				     "pupil-level file); correct the spelling", first->line,
				     c->files[first->file]);
		else if (first) {
			char a[128], b[128];
			sk_diags_add(diags, path, (sk_pos){g->line, 1}, SK_WARNING, "hub-spelling",
				     "hub \"%s\" differs from \"%s\" (line %u of %s) only in case "
				     "or spaces: read as \"%s\"; correct the spelling",
				     hub_shown(a, sizeof(a), g->hub), hub_shown(b, sizeof(b), hub),
				     first->line, c->files[first->file], b);
		}
		g->hub = hub;
	}
	return fold_las(c, t, file, path, pupil_level, diags);
}

/* ---- the hubs file, through the CSV input layer ---- */

typedef struct hubs_reader {
	sk_census *c;
	sk_cgroups hubs;        /* what this file gives: the census's when all is read */
	const char *file;
	sk_diags *diags;
	size_t hcols, hnamed;   /* the header's fields, and up to its last named one */
	long col_key[2];        /* its urn and laestab columns, -1 when absent */
	long col_hub;           /* -1 until the header says */
	bool header_read;
	bool pupil_file;        /* the header has a pupil's column: not used */
	unsigned line;
	size_t added;
	unsigned bad_rows;      /* hubs-row errors, reported up to the report limit */
	unsigned ragged;        /* rows that lost or gained a comma */
	sk_cgroups names;       /* its hubs' names by spelling (name_spelling) */
} hubs_reader;

static void bad_hubs_row(hubs_reader *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void bad_hubs_row(hubs_reader *h, const char *fmt, ...)
{
	if (h->bad_rows++ >= h->c->report_limit)
		return;
	va_list ap;
	va_start(ap, fmt);
	sk_diags_vadd(h->diags, h->file, (sk_pos){h->line, 1}, SK_ERROR, "hubs-row", fmt, ap);
	va_end(ap);
}

enum { HUBS_URN, HUBS_LAESTAB, HUBS_HUB, HUBS_COLUMNS };

static const sk_csv__alias hubs_columns[] = {
	{"urn", HUBS_URN}, {"school urn", HUBS_URN}, {"laestab", HUBS_LAESTAB},
	{"hub", HUBS_HUB}, {"send hub", HUBS_HUB}, {"hub name", HUBS_HUB},
};

static const char *const hubs_key_name[2] = {"URN", "LAESTAB"};

/* Finds the header's columns (h->col_key, h->col_hub); whether it has a key
 * and a hub. */
static bool hubs_fits(void *ctx, char **fields, size_t count)
{
	hubs_reader *h = ctx;
	long col[HUBS_COLUMNS];
	sk_csv__columns(col, HUBS_COLUMNS, fields, count, hubs_columns,
			sizeof(hubs_columns) / sizeof(hubs_columns[0]));
	h->col_key[0] = col[HUBS_URN];
	h->col_key[1] = col[HUBS_LAESTAB];
	h->col_hub = col[HUBS_HUB];
	return (h->col_key[0] >= 0 || h->col_key[1] >= 0) && h->col_hub >= 0;
}

/* Columns by name: a file read by position made a pupil file's surnames
 * into hubs. False for a header of empty fields, which is a blank line. */
static bool hubs_header(hubs_reader *h, char **fields, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (fields[i][0])
			h->hnamed = i + 1;
	if (!h->hnamed)
		return false;
	for (size_t i = 0; i < count && !h->pupil_file; i++) {
		if (!sk_census__pupil_column(fields[i], strlen(fields[i])))
			continue;
		/* A column's name, not a pupil's value: shown (printable). */
		char name[64];
		h->pupil_file = true;
		sk_diags_add(h->diags, h->file, (sk_pos){h->line, 1}, SK_ERROR, "hubs-header",
			     "column \"%s\" is a pupil's: this is a pupil-level file, not a hubs "
			     "file (CSV with the columns urn and hub), and is not used",
			     sk_census__printable(name, sizeof(name), fields[i], strlen(fields[i])));
	}
	if (h->pupil_file)
		return true;
	bool fits = hubs_fits(h, fields, count);
	h->hcols = count;
	if (!fits) {
		bool no_key = h->col_key[0] < 0 && h->col_key[1] < 0;
		sk_diags_add(h->diags, h->file, (sk_pos){h->line, 1}, SK_ERROR, "hubs-header",
			     "the header has no %s column: a hubs file is CSV with the "
			     "columns urn and hub (a school name column may be there too)",
			     no_key && h->col_hub < 0 ? "urn and no hub" : no_key ? "urn" : "hub");
	}
	return true;
}

/* One of the row's keys (URN, LAESTAB) put in the index with its hub: true
 * when added or already there with that hub; false (reported) when the
 * school is in another hub, or out of memory (*nomem). */
static bool hubs_put(hubs_reader *h, int kind, const char *key, const char *hub, unsigned line,
		     bool *nomem)
{
	size_t len = strlen(key);
	uint32_t hash = sk_hash__bytes(key, len);
	sk_cgroup *e = sk_census__groups_find(&h->hubs, key, len, hash);
	if (e) {
		/* Neither hub is named: one may be a pupil's value (a pupil file
		 * given as the hubs file), and which one is right is not known. */
		if (strcmp(e->hub, hub) == 0)
			return true;
		sk_diags_add(h->diags, h->file, (sk_pos){line, 1}, SK_ERROR, "hubs-conflict",
			     "%s %s is in another hub on line %u: a hubs file gives each school "
			     "one hub, so this file is not used", hubs_key_name[kind], key, e->line);
		return false;
	}
	e = sk_census__groups_add(&h->hubs, key, len, hash, true);
	if (!e) {
		*nomem = true;
		return false;
	}
	e->hub = hub;
	e->line = line;
	return true;
}

/* Longer than any real hub's name: a hub is a column in every table. */
#define MAX_HUB_NAME 200

static int hubs_record(void *data, char **fields, size_t count, unsigned line)
{
	hubs_reader *h = data;
	h->line = line;
	if (!h->header_read) {
		h->header_read = hubs_header(h, fields, count);
		return h->header_read && (h->pupil_file || !hubs_fits(h, fields, count))
		       ? SK_EINVAL : SK_OK;
	}
	/* Both columns: each school under both keys, so that a census keyed
	 * by either finds it. */
	const char *key[2] = {"", ""};
	for (int k = 0; k < 2; k++)
		if (h->col_key[k] >= 0 && (size_t)h->col_key[k] < count)
			key[k] = fields[h->col_key[k]];
	const char *hub = (size_t)h->col_hub < count ? fields[h->col_hub] : "";
	bool nomem = false, cp1252 = false;
	for (int k = 0; k < 2 && !nomem; k++)
		key[k] = sk_census__text(&h->hubs.arena, key[k], strlen(key[k]), false, &cp1252,
					 &nomem);
	if (!nomem)
		hub = sk_census__text(&h->hubs.arena, hub, strlen(hub), false, &cp1252, &nomem);
	if (nomem)
		return SK_ENOMEM;
	if (!key[0] && !key[1] && !hub && count <= 2)
		return SK_OK;   /* a blank line */
	/* Read by position, a row that lost or gained a comma would make a
	 * pupil's value a hub. Blank header cells at the end are not columns:
	 * Excel may pad a row to them, with empty fields only. */
	size_t past = h->hnamed;
	while (past < count && past < h->hcols && !fields[past][0])
		past++;
	if (count < h->hnamed || past < count) {
		h->ragged++;
		bad_hubs_row(h, "%zu field%s where the header has %zu named column%s: the row "
			     "is left out (a comma lost or added?)", count, sk_census__s(count),
			     h->hnamed, sk_census__s(h->hnamed));
		return SK_OK;
	}
	if ((!key[0] && !key[1]) || !hub) {
		bad_hubs_row(h, "a row without %s: each row needs a URN and a hub",
			     hub ? "a URN" : "a hub");
		return SK_OK;
	}
	for (int k = 0; k < 2; k++) {
		size_t len = key[k] ? strlen(key[k]) : 0;
		if (key[k] && (len < 6 || len > 7 || strspn(key[k], "0123456789") != len)) {
			bad_hubs_row(h, "the %s column does not hold a URN (6 digits) or LAESTAB "
				     "(7 digits): the row is left out", k ? "laestab" : "urn");
			return SK_OK;
		}
	}
	if (strlen(hub) > MAX_HUB_NAME) {
		bad_hubs_row(h, "a hub name of %zu bytes: at most %d", strlen(hub), MAX_HUB_NAME);
		return SK_OK;
	}
	const sk_cgroup *first, at = {.line = line};
	const char *spelt = name_spelling(&h->names, hub, &at, &first);
	if (!spelt)
		return SK_ENOMEM;
	if (first) {
		/* The hubs file is the trust's list of schools: its names are shown. */
		char a[128], b[128];
		sk_diags_add(h->diags, h->file, (sk_pos){line, 1}, SK_WARNING, "hub-spelling",
			     "hub \"%s\" differs from \"%s\" on line %u only in case or spaces: "
			     "read as \"%s\"; correct the spelling", hub_shown(a, sizeof(a), hub),
			     hub_shown(b, sizeof(b), spelt), first->line, b);
	}
	hub = spelt;
	for (int k = 0; k < 2; k++)
		if (key[k] && !hubs_put(h, k, key[k], hub, line, &nomem))
			return nomem ? SK_ENOMEM : SK_EINVAL;
	h->added++;
	return SK_OK;
}

int sk_census_read_hubs(sk_census *c, const char *bytes, size_t len, const char *file,
			sk_diags *diags)
{
	/* Quotes read strictly, as every other CSV input: read on, a quoted hub
	 * with text after its closing quote took in the rows after it. */
	static const sk_csv__options opt = {.strict_quotes = 1, .text_1252 = "hub names",
					    .header_fits = hubs_fits};
	hubs_reader h = {.c = c, .file = file, .diags = diags, .col_key = {-1, -1},
			 .col_hub = -1};
	int rc = sk_csv__each_record(bytes, len, file, diags, &opt, hubs_record, &h);
	sk_census__groups_free(&h.names);
	if (rc == SK_OK && h.ragged) {
		/* Its other rows may be shifted alike, with nothing to show it. */
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "hubs-row",
			     "%u row%s with a comma lost or added (is this a pupil file?): "
			     "this file is not used", h.ragged, sk_census__s(h.ragged));
		rc = SK_EINVAL;
	}
	char *name = rc == SK_OK && h.added ? strdup(file ? file : "") : NULL;
	if (rc == SK_OK && h.added && !name)
		rc = SK_ENOMEM;
	if (rc == SK_OK && h.added) {
		sk_census__groups_free(&c->hubs);
		c->hubs = h.hubs;
		c->have_hubs = true;
		free(c->hubs_file);
		c->hubs_file = name;
	} else {
		sk_census__groups_free(&h.hubs);
	}
	if (rc != SK_OK)
		return rc;
	if (h.bad_rows > c->report_limit)
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "hubs-row",
			     "%u more row%s that could not be read not shown (%u in all)",
			     h.bad_rows - c->report_limit, sk_census__s(h.bad_rows - c->report_limit),
			     h.bad_rows);
	if (!h.added) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "hubs-row",
			     "no hubs in this file: it should be CSV with the columns urn,hub");
		return SK_EINVAL;
	}
	return SK_OK;
}

/* ---- lookups ---- */

static bool same_text(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

const char *sk_census__listed_hub(const sk_census *c, const char *key)
{
	if (!c->have_hubs || !key)
		return NULL;
	size_t len = strlen(key);
	const sk_cgroup *h = sk_census__groups_find(&c->hubs, key, len, sk_hash__bytes(key, len));
	return h ? h->hub : NULL;
}

const char *sk_census__hub_of(const sk_census *c, const sk_cgroup *school)
{
	const char *hub = sk_census__listed_hub(c, school->urn);
	return hub ? hub : school->hub;
}

int sk_census_counts_find(sk_census_counts *out, const sk_census *c, size_t term,
			 sk_census_level level, const char *key)
{
	if (term >= c->nterms || (unsigned)level >= SK_CENSUS_LEVEL_COUNT)
		return SK_EINVAL;
	const sk_cgroups *g = &c->terms[term].schools;
	sk_census_counts sum;
	memset(&sum, 0, sizeof(sum));
	sum.knows = SK_CENSUS_KNOWS_ALL;
	bool found = false;
	for (size_t i = 0; i < g->n; i++) {
		const sk_cgroup *s = &g->v[i];
		bool in = level == SK_CENSUS_ALL ||
			  (level == SK_CENSUS_SCHOOL && same_text(s->urn, key)) ||
			  (level == SK_CENSUS_LA && same_text(s->la, key)) ||
			  (level == SK_CENSUS_HUB && same_text(sk_census__hub_of(c, s), key));
		if (in) {
			sk_census_counts one;
			sk_census__counts_of(&one, s);
			sk_census__counts_add(&sum, &one);
			found = true;
		}
	}
	if (!found)
		return SK_EINVAL;
	*out = sum;
	return SK_OK;
}
