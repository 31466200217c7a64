/* The census summary (sendkit-census(5), "The census summary"): groups per
 * term and level, percentages worked out in whole numbers, the change
 * between terms, and suppression of small counts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "census_internal.h"
#include "census_span.h"
#include "census_suppress.h"
#include "mem_internal.h"
#include "sendkit/pct.h"
#include "sendkit/summary.h"
#include "text_internal.h"

enum {
	C_TERM = 0, C_LEVEL, C_KEY, C_NAME, C_LA, C_HUB,
	C_SCHOOLS, C_ON_ROLL, C_K, C_K_PCT, C_E, C_E_PCT, C_SEN, C_SEN_PCT,
	C_AREA,                              /* + sk_broad_area */
	C_NEED = C_AREA + SK_BROAD_COUNT,    /* + sk_need */
	NCOLS = C_NEED + SK_NEED_COUNT
};

#define T SK_COL_TEXT
#define N SK_COL_NUMBER
static const sk_column columns[NCOLS] = {
	{"term", T}, {"level", T}, {"key", T}, {"name", T}, {"la", T}, {"hub", T},
	{"schools", N}, {"on_roll", N}, {"sen_support", N}, {"sen_support_pct", N},
	{"ehcp", N}, {"ehcp_pct", N}, {"sen", N}, {"sen_pct", N},
	{"cognition_and_learning", N}, {"communication_and_interaction", N},
	{"social_emotional_mental_health", N}, {"sensory_and_physical", N},
	{"unclassified", N},
	{"need_spld", N}, {"need_mld", N}, {"need_sld", N}, {"need_pmld", N},
	{"need_slcn", N}, {"need_asd", N}, {"need_semh", N}, {"need_hi", N},
	{"need_vi", N}, {"need_msi", N}, {"need_pd", N}, {"need_oth", N},
	{"need_nsa", N}, {"need_unknown", N},
};
#undef T
#undef N

const sk_column *sk_census_columns(size_t *count)
{
	if (count)
		*count = NCOLS;
	return columns;
}

/* ---- one row of numbers ---- */

typedef enum cell_state { EMPTY = 0, NUM, SUPP } cell_state;

typedef struct nrow {
	int64_t v[NCOLS];
	cell_state st[NCOLS];
} nrow;

static void set(nrow *r, int col, int64_t v)
{
	r->v[col] = v;
	r->st[col] = NUM;
}

/* The counts of a group as a row; percentages are filled in later. */
static void counts_row(nrow *r, const sk_census_counts *c)
{
	memset(r, 0, sizeof(*r));
	set(r, C_SCHOOLS, (int64_t)c->schools);
	bool k = c->knows & SK_CENSUS_KNOWS_SEN_SUPPORT, e = c->knows & SK_CENSUS_KNOWS_EHCP;
	if (c->knows & SK_CENSUS_KNOWS_ON_ROLL)
		set(r, C_ON_ROLL, c->on_roll);
	if (k)
		set(r, C_K, c->sen_support);
	if (e)
		set(r, C_E, c->ehcp);
	if (k && e)
		set(r, C_SEN, c->sen_support + c->ehcp);
	if (!(c->knows & SK_CENSUS_KNOWS_NEEDS))
		return;
	for (int a = 0; a < SK_BROAD_COUNT; a++)
		set(r, C_AREA + a, 0);
	for (int n = 0; n < SK_NEED_COUNT; n++) {
		set(r, C_NEED + n, c->need[n]);
		r->v[C_AREA + sk_need_broad_area((sk_need)n)] += c->need[n];
	}
}

static const int pct_of[3][2] = {{C_K, C_K_PCT}, {C_E, C_E_PCT}, {C_SEN, C_SEN_PCT}};

static void fill_percentages(nrow *r)
{
	for (int i = 0; i < 3; i++) {
		int num = pct_of[i][0], pct = pct_of[i][1];
		if (r->st[num] == SUPP || r->st[C_ON_ROLL] == SUPP)
			r->st[pct] = SUPP;
		else if (r->st[num] == NUM && r->st[C_ON_ROLL] == NUM
			 && sk_pct_tenths(&r->v[pct], r->v[num], r->v[C_ON_ROLL]) == SK_OK)
			r->st[pct] = NUM;
	}
}

/* ---- suppression ---- */

static bool is_count(int col)
{
	return col == C_ON_ROLL || col == C_K || col == C_E || col == C_SEN || col >= C_AREA;
}

/* Counts from 1 to n-1 as "c"; what else must go is the audit's
 * (protect_term). */
static void suppress_small(nrow *r, unsigned n)
{
	for (int col = 0; col < NCOLS; col++)
		if (is_count(col) && r->st[col] == NUM && r->v[col] >= 1 && r->v[col] < (int64_t)n)
			r->st[col] = SUPP;
}

/* The change from row a to row b; a count suppressed in either is
 * suppressed in the change, so a change shown is the difference of two
 * counts shown and tells a reader nothing the terms' rows do not. */
static void change_row(nrow *d, const nrow *a, const nrow *b)
{
	memset(d, 0, sizeof(*d));
	for (int col = C_SCHOOLS; col < NCOLS; col++) {
		if (a->st[col] == SUPP || b->st[col] == SUPP)
			d->st[col] = SUPP;
		else if (a->st[col] == NUM && b->st[col] == NUM)
			set(d, col, b->v[col] - a->v[col]);
	}
	for (int i = 0; i < 3; i++) {
		int num = pct_of[i][0], pct = pct_of[i][1];
		if (d->st[num] == SUPP || d->st[C_ON_ROLL] == SUPP) {
			d->st[pct] = SUPP;
			continue;
		}
		d->st[pct] = EMPTY;
		if (a->st[pct] == NUM && b->st[pct] == NUM
		    && sk_pct_diff_tenths(&d->v[pct], b->v[num], b->v[C_ON_ROLL], a->v[num],
					  a->v[C_ON_ROLL]) == SK_OK)
			d->st[pct] = NUM;
	}
}

/* ---- the groups of a level of a term ---- */

/* One row's text cells and numbers. */
typedef struct row_out {
	const char *names[C_SCHOOLS];
	nrow num;
} row_out;

/* What a hub, LA or all group adds up to, beside its entry in `agg`. */
typedef struct agg_info {
	sk_census_counts sum;
	const char *la, *hub;
	bool la_mixed, hub_mixed;
} agg_info;

/* The rows of one level of one term; level SK_CENSUS_LEVEL_COUNT is the
 * groups of schools that share a hub and an LA, which no row shows: the hub
 * only when hub rows are published, the LA only when LA rows are (`by`).
 * Schools that share every published row they are in are one group to a
 * reader: their counts, each within its own row's relations, add up to any
 * that the group's do, so splitting it only makes the audit's programme
 * larger (the all row alone: one group, not one per hub and LA). */
typedef struct level_rows {
	sk_census_level level;
	unsigned by;            /* SK_CENSUS_BY() of the levels published */
	const sk_cterm *term;
	const sk_cgroup **v;    /* in row order: schools of the term, or entries of agg */
	size_t n;
	sk_cgroups agg;
	agg_info *info;
	size_t info_cap;
	size_t *row_of;         /* per school of the term: its row, or SIZE_MAX */
	size_t *group_row;      /* per school (school level) or agg entry: its row */
	row_out *rows;          /* the rows, in row order, when the audit needs them all */
} level_rows;

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Empty last; numbers (URNs) by value; otherwise by bytes. */
static int cmp_text(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	if (!*a != !*b)
		return *a ? -1 : 1;
	if (all_digits(a) && all_digits(b) && strlen(a) != strlen(b))
		return strlen(a) < strlen(b) ? -1 : 1;
	return strcmp(a, b);
}

static int cmp_school(const void *pa, const void *pb)
{
	const sk_cgroup *a = *(const sk_cgroup *const *)pa, *b = *(const sk_cgroup *const *)pb;
	int c = cmp_text(a->urn, b->urn);
	if (!c)
		c = cmp_text(a->la, b->la);
	if (!c)
		c = cmp_text(a->name, b->name);
	if (!c)
		c = a < b ? -1 : a > b;
	return c;
}

static int cmp_key(const void *pa, const void *pb)
{
	const sk_cgroup *a = *(const sk_cgroup *const *)pa, *b = *(const sk_cgroup *const *)pb;
	return cmp_text(a->ikey, b->ikey);
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The key of a school's group at a level (made up in `buf` for the hidden
 * hub-and-LA groups). NULL when out of memory. */
static const char *group_key(char **buf, size_t *cap, const level_rows *l, const sk_census *c,
			     const sk_cgroup *sc)
{
	const char *hub = sk_census__hub_of(c, sc);
	if (l->level == SK_CENSUS_HUB)
		return hub ? hub : "";
	if (l->level == SK_CENSUS_LA)
		return sc->la ? sc->la : "";
	if (l->level == SK_CENSUS_ALL)
		return "all";
	hub = hub && (l->by & SK_CENSUS_BY(SK_CENSUS_HUB)) ? hub : "";
	const char *la = sc->la && (l->by & SK_CENSUS_BY(SK_CENSUS_LA)) ? sc->la : "";
	size_t n = strlen(hub) + strlen(la) + 2;
	if (sk_mem__grow(buf, cap, n, 1) != SK_OK)
		return NULL;
	snprintf(*buf, n, "%s\x1f%s", hub, la);
	return *buf;
}

/* Adds school sc to the group `key`; *group is the group's index in agg. */
static int add_to_group(level_rows *l, const sk_census *c, const sk_cgroup *sc,
			const char *key, size_t *group)
{
	const char *hub = sk_census__hub_of(c, sc);
	bool fresh;
	sk_cgroup *g = sk_census__groups_get(&l->agg, key, strlen(key), &fresh);
	if (!g)
		return SK_ENOMEM;
	size_t i = (size_t)(g - l->agg.v);
	if (fresh) {
		if (SK_GROW(l->info, l->info_cap, i + 1) != SK_OK)
			return SK_ENOMEM;
		memset(&l->info[i], 0, sizeof(l->info[i]));
		l->info[i].sum.knows = SK_CENSUS_KNOWS_ALL;
		l->info[i].la = sc->la;
		l->info[i].hub = hub;
	}
	agg_info *in = &l->info[i];
	in->la_mixed |= !same(in->la, sc->la);
	in->hub_mixed |= !same(in->hub, hub);
	sk_census_counts one;
	sk_census__counts_of(&one, sc);
	sk_census__counts_add(&in->sum, &one);
	*group = i;
	return SK_OK;
}

static int add_groups(level_rows *l, const sk_census *c, const sk_cgroups *s, size_t *group_of)
{
	char *buf = NULL;
	size_t cap = 0;
	int rc = SK_OK;
	for (size_t i = 0; i < s->n && rc == SK_OK; i++) {
		const char *key = group_key(&buf, &cap, l, c, &s->v[i]);
		rc = key ? add_to_group(l, c, &s->v[i], key, &group_of[i]) : SK_ENOMEM;
	}
	free(buf);
	return rc;
}

/* The groups of one level of one term, in row order, and each school's row. */
static int build_level(level_rows *l, const sk_census *c, const sk_cterm *t,
		       sk_census_level level, unsigned by)
{
	memset(l, 0, sizeof(*l));
	l->level = level;
	l->by = by;
	l->term = t;
	const sk_cgroups *s = &t->schools;
	size_t *group_of = sk_mem__array(s->n, sizeof(*group_of));
	l->row_of = sk_mem__array(s->n, sizeof(*l->row_of));
	int rc = group_of && l->row_of ? SK_OK : SK_ENOMEM;
	if (rc == SK_OK && level != SK_CENSUS_SCHOOL)
		rc = add_groups(l, c, s, group_of);
	size_t n = level == SK_CENSUS_SCHOOL ? s->n : l->agg.n;
	size_t *row_of_group = NULL;
	if (rc == SK_OK) {
		l->v = sk_mem__array(n, sizeof(*l->v));
		row_of_group = l->group_row = sk_mem__array(n, sizeof(*row_of_group));
		rc = l->v && row_of_group ? SK_OK : SK_ENOMEM;
	}
	if (rc == SK_OK) {
		const sk_cgroup *base = level == SK_CENSUS_SCHOOL ? s->v : l->agg.v;
		for (size_t i = 0; i < n; i++) {
			row_of_group[i] = SIZE_MAX;
			if (level != SK_CENSUS_SCHOOL || base[i].listed)
				l->v[l->n++] = &base[i];
		}
		qsort(l->v, l->n, sizeof(*l->v), level == SK_CENSUS_SCHOOL ? cmp_school : cmp_key);
		for (size_t k = 0; k < l->n; k++)
			row_of_group[l->v[k] - base] = k;
		for (size_t i = 0; i < s->n; i++)
			l->row_of[i] = row_of_group[level == SK_CENSUS_SCHOOL ? i : group_of[i]];
	}
	free(group_of);
	return rc;
}

static void level_rows_free(level_rows *l)
{
	sk_census__groups_free(&l->agg);
	free(l->info);
	free(l->v);
	free(l->row_of);
	free(l->group_row);
	free(l->rows);
	memset(l, 0, sizeof(*l));
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* The row of group g of level l (a school of the term, or an entry of agg). */
static void make_row(row_out *r, const sk_census *c, const level_rows *l, const sk_cgroup *g,
		     unsigned suppress)
{
	sk_census_counts counts;
	r->names[C_LEVEL] = sk_census_level_name(l->level);
	if (l->level == SK_CENSUS_SCHOOL) {
		sk_census__counts_of(&counts, g);
		r->names[C_KEY] = g->urn;
		r->names[C_NAME] = g->name;
		r->names[C_LA] = g->la;
		r->names[C_HUB] = sk_census__hub_of(c, g);
	} else {
		const agg_info *in = &l->info[g - l->agg.v];
		counts = in->sum;
		r->names[C_KEY] = or_null(g->ikey);
		r->names[C_NAME] = l->level == SK_CENSUS_ALL ? "all" : or_null(g->ikey);
		r->names[C_LA] = l->level == SK_CENSUS_LA ? or_null(g->ikey)
							  : in->la_mixed ? NULL : in->la;
		r->names[C_HUB] = l->level == SK_CENSUS_HUB ? or_null(g->ikey)
							    : in->hub_mixed ? NULL : in->hub;
	}
	counts_row(&r->num, &counts);
	if (suppress > 1)
		suppress_small(&r->num, suppress);
}

/* The rows of a level, small counts suppressed, percentages not yet in. */
static int make_rows(level_rows *l, const sk_census *c, unsigned suppress)
{
	l->rows = sk_mem__array(l->n, sizeof(*l->rows));
	if (!l->rows)
		return SK_ENOMEM;
	for (size_t k = 0; k < l->n; k++)
		make_row(&l->rows[k], c, l, l->v[k], suppress);
	return SK_OK;
}

/* Row k of a level: the one made for the audit, or, when there is none,
 * made now, so that a term's rows need not all be held at once. */
static const row_out *row_at(row_out *buf, const sk_census *c, const level_rows *l, size_t k)
{
	if (l->rows)
		return &l->rows[k];
	make_row(buf, c, l, l->v[k], 0);
	fill_percentages(&buf->num);
	return buf;
}

/* The same group in the term before: by URN (or LA and name) for schools,
 * by key for the others. */
static const sk_cgroup *find_before(const level_rows *before, const sk_cgroup *g)
{
	if (!g->ikey)
		return NULL;
	const sk_cgroups *in = before->level == SK_CENSUS_SCHOOL ? &before->term->schools
								 : &before->agg;
	const sk_cgroup *b = sk_census__groups_find(in, g->ikey, g->ikey_len, g->hash);
	return b && (before->level != SK_CENSUS_SCHOOL || b->listed) ? b : NULL;
}

/* ---- output ---- */

enum { CELL_MAX = SK_TEXT__INT_MAX + 2 };   /* a count, or a percentage "-12.3" */

static const char *format_cell(char buf[CELL_MAX], const nrow *r, int col)
{
	if (r->st[col] == EMPTY)
		return NULL;
	if (r->st[col] == SUPP)
		return "c";
	int64_t v = r->v[col];
	if (col == C_K_PCT || col == C_E_PCT || col == C_SEN_PCT)
		sk_pct_format(buf, CELL_MAX, v, false);
	else
		sk_text__int(buf, v);
	return buf;
}

/* Where rows go: the caller's function (sk_census_each_row). */
typedef struct emitter {
	sk_census_row_fn fn;
	void *ctx;
} emitter;

static int emit(emitter *e, const char *term, const row_out *r)
{
	char text[NCOLS][CELL_MAX];
	const char *cells[NCOLS];
	cells[C_TERM] = term;
	for (int col = C_LEVEL; col < C_SCHOOLS; col++)
		cells[col] = r->names[col];
	for (int col = C_SCHOOLS; col < NCOLS; col++)
		cells[col] = format_cell(text[col], &r->num, col);
	return e->fn(e->ctx, cells);
}

static int emit_level(emitter *e, const sk_census *c, const level_rows *l)
{
	int rc = SK_OK;
	row_out buf;
	for (size_t k = 0; k < l->n && rc == SK_OK; k++)
		rc = emit(e, l->term->label, row_at(&buf, c, l, k));
	return rc;
}

/* Rows "A..B": the change in each group found in both terms. */
static int emit_changes(emitter *e, const sk_census *c, const char *label,
			const level_rows *before, const level_rows *after)
{
	int rc = SK_OK;
	const sk_cgroup *base = before->level == SK_CENSUS_SCHOOL ? before->term->schools.v
								  : before->agg.v;
	row_out a_buf, b_buf;
	for (size_t k = 0; k < after->n && rc == SK_OK; k++) {
		const sk_cgroup *b = find_before(before, after->v[k]);
		if (!b)
			continue;
		const row_out *ra = row_at(&a_buf, c, before, before->group_row[b - base]);
		const row_out *rb = row_at(&b_buf, c, after, k);
		row_out rd = *rb;
		change_row(&rd.num, &ra->num, &rb->num);
		rc = emit(e, label, &rd);
	}
	return rc;
}

/* ---- hubs ---- */

/* A hubs file that names no school of the census (keyed by the other of
 * URN and LAESTAB, or another trust's): said once, as every school would
 * otherwise be in no hub, or in the census's own hub column's, unnoticed. */
static void warn_unmatched_hubs(const sk_census *c, sk_diags *diags)
{
	if (!c->have_hubs || !c->nterms)
		return;
	for (size_t t = 0; t < c->nterms; t++) {
		const sk_cgroups *s = &c->terms[t].schools;
		for (size_t i = 0; i < s->n; i++)
			if (sk_census__listed_hub(c, s->v[i].urn))
				return;
	}
	sk_diags_add(diags, c->hubs_file, (sk_pos){0, 0}, SK_WARNING, "hubs-unmatched",
		     "no school of the census is in the hubs file (a hubs file names schools "
		     "by the URN or LAESTAB the census files key them by): no hub is taken "
		     "from it");
}

static void warn_no_hub(const sk_census *c, sk_diags *diags)
{
	if (!c->nfiles)
		return;
	bool any_hub = c->have_hubs;
	for (size_t t = 0; t < c->nterms && !any_hub; t++)
		for (size_t i = 0; i < c->terms[t].schools.n && !any_hub; i++)
			any_hub = c->terms[t].schools.v[i].hub != NULL;
	if (!any_hub) {
		sk_diags_add(diags, c->files[0], (sk_pos){0, 0}, SK_WARNING, "no-hub",
			     "hub rows asked for, but the census has no hub column and no "
			     "hubs file was given (--hubs FILE)");
		return;
	}
	uint64_t n = 0;
	for (size_t t = 0; t < c->nterms; t++) {
		const sk_cgroups *s = &c->terms[t].schools;
		for (size_t i = 0; i < s->n; i++) {
			const sk_cgroup *sc = &s->v[i];
			if (sk_census__hub_of(c, sc))
				continue;
			if (c->report_limit && n++ >= c->report_limit)
				continue;
			const char *id = sc->urn ? sc->urn : sc->name ? sc->name : "";
			char buf[64];
			sk_census__printable(buf, sizeof(buf), id, strlen(id));
			sk_diags_add(diags, c->files[sc->file], (sk_pos){sc->line, 1}, SK_WARNING,
				     "no-hub", sc->urn ? "school %s is in no hub: it is counted in "
				     "a hub row with an empty key" : "school \"%s\" is in no hub: it "
				     "is counted in a hub row with an empty key", buf);
		}
	}
	if (c->report_limit && n > c->report_limit)
		sk_diags_add(diags, c->files[0], (sk_pos){0, 0}, SK_WARNING, "no-hub",
			     "%" PRIu64 " more schools in no hub not shown (%" PRIu64 " in all)",
			     n - c->report_limit, n);
}

/* ---- protection: the audit of everything a term publishes ---- */

/* Where each row's counts are in the audit: ids[col], SIZE_MAX for a
 * column the row does not know. */
typedef size_t cell_ids[NCOLS];

static uint64_t fnv(uint64_t h, const char *s)
{
	return s ? sk_hash__bytes64(h, s, strlen(s)) : h;
}

/* A row's counts as cells of the audit: a published row's as shown or
 * suppressed (`unpublished` SK_SDC_SHOWN), another's as `unpublished`. The
 * order complements are taken in is public: lower levels first, then a hash
 * of the row's key and the column's name, never a value. */
static int add_row_cells(sk_sdc *s, cell_ids ids, const row_out *r, unsigned level,
			 size_t row, sk_sdc_state unpublished)
{
	const char *key = r->names[C_KEY] ? r->names[C_KEY] : r->names[C_NAME];
	uint64_t h = fnv(SK_HASH__FNV64_BASIS, key);
	for (int col = 0; col < NCOLS; col++) {
		ids[col] = SIZE_MAX;
		if (!is_count(col) || r->num.st[col] == EMPTY)
			continue;
		uint64_t order = (uint64_t)level << 59 | fnv(h, columns[col].name) >> 5;
		sk_sdc_state st = unpublished != SK_SDC_SHOWN ? unpublished
			: r->num.st[col] == SUPP ? SK_SDC_SUPPRESSED : SK_SDC_SHOWN;
		ids[col] = sk_sdc__cell(s, r->num.v[col], st, order, row);
		if (ids[col] == SIZE_MAX)
			return SK_ENOMEM;
	}
	return SK_OK;
}

/* total = parts, when every one of them is known. */
/* What a reader knows within a row: sen = sen_support + ehcp, each broad
 * area is the sum of its needs, sen is the sum of the areas, and no count
 * exceeds on_roll. */
static int row_relations(sk_sdc *s, const cell_ids ids)
{
	int rc = sk_sdc__need_relations(s, ids[C_SEN], ids[C_K], ids[C_E], &ids[C_NEED],
					&ids[C_AREA]);
	for (int col = C_K; col < NCOLS && rc == SK_OK && ids[C_ON_ROLL] != SIZE_MAX; col++)
		if (ids[col] != SIZE_MAX)
			rc = sk_sdc__at_most(s, ids[col], ids[C_ON_ROLL]);
	return rc;
}

/* Each count of `total` is the sum of that count of the rows `parts`. */
static int rows_sum(sk_sdc *s, const size_t *total, const size_t *const *parts, size_t n,
		    size_t *buf)
{
	int rc = SK_OK;
	for (int col = 0; col < NCOLS && rc == SK_OK; col++) {
		if (!is_count(col))
			continue;
		for (size_t i = 0; i < n; i++)
			buf[i] = parts[i][col];
		rc = sk_sdc__sum_known(s, total[col], buf, n);
	}
	return rc;
}

/* The audit's picture of a term: the rows published, and the units they add
 * up from (the school rows, or the hidden groups of schools that share a hub
 * and an LA when no school row is published). */
typedef struct term_audit {
	sk_sdc *s;
	cell_ids *ids[SK_CENSUS_LEVEL_COUNT];
	level_rows hidden;
	cell_ids *hidden_ids;
	const size_t **unit;    /* the cells of each unit */
	nrow *unit_num;         /* the counts of each unit */
	size_t *rep;            /* a school of each unit */
	size_t nunits;
	size_t *buf;
	const size_t **rows_buf;
} term_audit;

static void term_audit_free(term_audit *a)
{
	sk_sdc__free(a->s);
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT; l++)
		free(a->ids[l]);
	level_rows_free(&a->hidden);
	free(a->hidden_ids);
	free(a->unit);
	free(a->unit_num);
	free(a->rep);
	free(a->buf);
	free(a->rows_buf);
}

/* The units: each school row, and each school no row shows (one without URN
 * or name) on its own; or, without school rows, the hidden groups. */
static int add_units(term_audit *a, level_rows *lv, const sk_census *c, const sk_cterm *t,
		     unsigned levels, size_t *row)
{
	size_t n = t->schools.n;
	bool schools = levels & SK_CENSUS_BY(SK_CENSUS_SCHOOL);
	int rc = SK_OK;
	if (!schools) {
		rc = build_level(&a->hidden, c, t, SK_CENSUS_LEVEL_COUNT, levels);
		if (rc == SK_OK)
			rc = make_rows(&a->hidden, c, 0);
		n = a->hidden.n;
	}
	a->hidden_ids = sk_mem__array(n, sizeof(*a->hidden_ids));
	a->unit = sk_mem__array(n, sizeof(*a->unit));
	a->unit_num = sk_mem__array(n, sizeof(*a->unit_num));
	a->rep = sk_mem__array(n, sizeof(*a->rep));
	if (rc != SK_OK || !a->hidden_ids || !a->unit || !a->unit_num || !a->rep)
		return SK_ENOMEM;
	a->nunits = n;
	/* A school no row shows is what its hub, LA or the trust less the
	 * schools shown leave; a group that a hub and an LA share is named by
	 * them both. */
	bool pairs = (levels & SK_CENSUS_BY(SK_CENSUS_HUB)) && (levels & SK_CENSUS_BY(SK_CENSUS_LA));
	sk_sdc_state unpublished = schools || pairs ? SK_SDC_GROUP : SK_SDC_HIDDEN;
	for (size_t u = 0; u < n && rc == SK_OK; u++) {
		a->rep[u] = SIZE_MAX;
		if (schools && lv[SK_CENSUS_SCHOOL].row_of[u] != SIZE_MAX) {
			size_t k = lv[SK_CENSUS_SCHOOL].row_of[u];
			a->unit[u] = a->ids[SK_CENSUS_SCHOOL][k];
			a->unit_num[u] = lv[SK_CENSUS_SCHOOL].rows[k].num;
			a->rep[u] = u;
			continue;
		}
		row_out r;
		if (schools) {
			a->rep[u] = u;
			sk_census_counts one;
			sk_census__counts_of(&one, &t->schools.v[u]);
			memset(&r, 0, sizeof(r));
			counts_row(&r.num, &one);
		} else {
			r = a->hidden.rows[u];
		}
		rc = add_row_cells(a->s, a->hidden_ids[u], &r, SK_CENSUS_LEVEL_COUNT, (*row)++,
				   unpublished);
		a->unit[u] = a->hidden_ids[u];
		a->unit_num[u] = r.num;
	}
	for (size_t i = 0; !schools && i < t->schools.n; i++)
		if (a->rep[a->hidden.row_of[i]] == SIZE_MAX)
			a->rep[a->hidden.row_of[i]] = i;
	for (size_t u = 0; u < n && rc == SK_OK; u++)
		rc = row_relations(a->s, a->unit[u]);
	return rc;
}

/* Each hub or LA row is the sum of its units; `all` is the sum of the hub
 * rows and of the LA rows, or of the units when neither is published. */
static int add_sums(term_audit *a, level_rows *lv, unsigned levels)
{
	int rc = SK_OK;
	for (int l = SK_CENSUS_HUB; l <= SK_CENSUS_LA && rc == SK_OK; l++) {
		if (!(levels & SK_CENSUS_BY(l)))
			continue;
		for (size_t k = 0; k < lv[l].n && rc == SK_OK; k++) {
			size_t n = 0;
			for (size_t u = 0; u < a->nunits; u++)
				if (lv[l].row_of[a->rep[u]] == k)
					a->rows_buf[n++] = a->unit[u];
			rc = rows_sum(a->s, a->ids[l][k], a->rows_buf, n, a->buf);
		}
	}
	if (!(levels & SK_CENSUS_BY(SK_CENSUS_ALL)) || lv[SK_CENSUS_ALL].n == 0)
		return rc;
	const size_t *all = a->ids[SK_CENSUS_ALL][0];
	bool by_group = false;
	for (int l = SK_CENSUS_HUB; l <= SK_CENSUS_LA && rc == SK_OK; l++) {
		if (!(levels & SK_CENSUS_BY(l)))
			continue;
		by_group = true;
		for (size_t k = 0; k < lv[l].n; k++)
			a->rows_buf[k] = a->ids[l][k];
		rc = rows_sum(a->s, all, a->rows_buf, lv[l].n, a->buf);
	}
	if (!by_group && rc == SK_OK)
		rc = rows_sum(a->s, all, a->unit, a->nunits, a->buf);
	return rc;
}

/* ---- the groups of schools a reader can name (census_span.h) ---- */

/* The units split into atoms by the hub and LA rows published (the units
 * that share both), the atoms into components that those rows link. */
typedef struct atoms {
	size_t n;
	size_t *hub, *la;               /* per atom: its rows, SIZE_MAX for none */
	size_t *unit_start, *units;     /* the units of each atom (CSR) */
	size_t *root;                   /* union-find of the components */
	size_t *list;                   /* one component's atoms */
	uint8_t *rows;                  /* its rows' 0/1 vectors over them */
	bool *in;                       /* its atoms whose count is below N */
	int64_t *value;                 /* per atom: the count of one column */
} atoms;

static void atoms_free(atoms *t)
{
	free(t->hub);
	free(t->la);
	free(t->unit_start);
	free(t->units);
	free(t->root);
	free(t->list);
	free(t->rows);
	free(t->in);
	free(t->value);
}

static size_t root_of(size_t *root, size_t x)
{
	while (root[x] != x)
		x = root[x] = root[root[x]];
	return x;
}

static size_t row_in(const level_rows *lv, unsigned levels, int l, size_t school)
{
	return levels & SK_CENSUS_BY(l) ? lv[l].row_of[school] : SIZE_MAX;
}

/* Each unit's atom in of[], found by its hub and LA rows. */
static void find_atoms(atoms *t, const term_audit *a, const level_rows *lv, unsigned levels,
		       size_t *of)
{
	for (size_t u = 0; u < a->nunits; u++) {
		size_t h = row_in(lv, levels, SK_CENSUS_HUB, a->rep[u]);
		size_t l = row_in(lv, levels, SK_CENSUS_LA, a->rep[u]);
		size_t k = 0;
		while (k < t->n && (t->hub[k] != h || t->la[k] != l))
			k++;
		if (k == t->n) {
			t->hub[k] = h;
			t->la[k] = l;
			t->root[k] = k;
			t->n++;
		}
		of[u] = k;
	}
	/* Atoms in one row are in one component: with the all row, every atom. */
	bool all = levels & SK_CENSUS_BY(SK_CENSUS_ALL);
	for (size_t i = 1; i < t->n; i++)
		for (size_t j = 0; j < i; j = all ? i : j + 1)
			if (all || (t->hub[i] != SIZE_MAX && t->hub[i] == t->hub[j]) ||
			    (t->la[i] != SIZE_MAX && t->la[i] == t->la[j]))
				t->root[root_of(t->root, i)] = root_of(t->root, j);
}

/* One component's rows: each hub and LA row that holds one of its atoms,
 * and the all row (which makes every atom one component); the number in
 * *nrows. */
static int component_rows(atoms *t, size_t m, bool all, size_t *nrows)
{
	size_t cap = 2 * m + 1;
	uint8_t *rows = realloc(t->rows, cap * (m ? m : 1));
	if (!rows)
		return SK_ENOMEM;
	t->rows = rows;
	*nrows = 0;
	for (size_t i = 0; i < m; i++) {
		for (int side = 0; side < 2; side++) {
			size_t *of = side ? t->la : t->hub, r = of[t->list[i]];
			bool seen = r == SIZE_MAX;
			for (size_t j = 0; j < i && !seen; j++)
				seen = of[t->list[j]] == r;
			if (seen)
				continue;
			for (size_t j = 0; j < m; j++)
				rows[*nrows * m + j] = of[t->list[j]] == r;
			(*nrows)++;
		}
	}
	if (all)
		memset(rows + (*nrows)++ * m, 1, m);
	return SK_OK;
}

/* A group of one column to audit: a union of atoms of a component. */
typedef struct group_ctx {
	term_audit *a;
	atoms *t;
	size_t m, nrows, *row;
	int col;
	unsigned n;
} group_ctx;

/* Audits the union w of the component's atoms as a group of its own
 * (SK_SDC_GROUP) when its count is small, unless a row or unit shows it. */
static int add_group(void *ctx, const uint8_t *w)
{
	group_ctx *g = ctx;
	atoms *t = g->t;
	size_t units = 0;
	int64_t value = 0;
	for (size_t j = 0; j < g->m; j++) {
		if (!w[j])
			continue;
		size_t k = t->list[j];
		units += t->unit_start[k + 1] - t->unit_start[k];
		value += t->value[k];
	}
	if (units < 2 || value < 1 || value >= (int64_t)g->n)
		return SK_OK;
	for (size_t r = 0; r < g->nrows; r++)
		if (!memcmp(t->rows + r * g->m, w, g->m))
			return SK_OK;
	size_t n = 0;
	for (size_t j = 0; j < g->m; j++)
		for (size_t i = t->unit_start[t->list[j]]; w[j] && i < t->unit_start[t->list[j] + 1];
		     i++)
			g->a->buf[n++] = g->a->unit[t->units[i]][g->col];
	for (size_t i = 0; i < n; i++)
		if (g->a->buf[i] == SIZE_MAX)
			return SK_OK;
	size_t cell = sk_sdc__cell(g->a->s, value, SK_SDC_GROUP,
				   (uint64_t)SK_CENSUS_LEVEL_COUNT << 59, (*g->row)++);
	return cell == SIZE_MAX ? SK_ENOMEM : sk_sdc__sum(g->a->s, cell, g->a->buf, n);
}

/* One column of one component: each atom, and each union of atoms that the
 * rows work out, whose count is small. */
static int add_column_groups(group_ctx *g)
{
	atoms *t = g->t;
	bool any = false;
	for (size_t j = 0; j < g->m; j++) {
		size_t k = t->list[j];
		t->value[k] = 0;
		for (size_t i = t->unit_start[k]; i < t->unit_start[k + 1]; i++) {
			const nrow *r = &g->a->unit_num[t->units[i]];
			if (r->st[g->col] == EMPTY)
				return SK_OK;
			t->value[k] += r->v[g->col];
		}
		t->in[j] = t->value[k] < (int64_t)g->n;
		any |= t->in[j];
	}
	uint8_t *w = calloc(g->m, 1);
	int rc = w ? SK_OK : SK_ENOMEM;
	for (size_t j = 0; j < g->m && rc == SK_OK && any; j++) {
		w[j] = 1;
		rc = add_group(g, w);
		w[j] = 0;
	}
	free(w);
	if (rc == SK_OK && any)
		rc = sk_span__each(t->rows, g->nrows, g->m, t->in, add_group, g);
	return rc;
}

/* Every group of schools a reader can work out from the hub, LA and all
 * rows, with a small count, is audited: the atoms and every union of them
 * that a combination of the rows gives (an LA less the hubs inside it, the
 * schools of a hub in one LA, ...). */
static int add_span_groups(term_audit *a, const level_rows *lv, unsigned levels, unsigned n,
			   size_t *row)
{
	if (!(levels & (SK_CENSUS_BY(SK_CENSUS_HUB) | SK_CENSUS_BY(SK_CENSUS_LA))))
		return SK_OK;
	size_t nu = a->nunits ? a->nunits : 1;
	atoms t = {0};
	size_t *of = sk_mem__array(nu, sizeof(*of)), *cursor = sk_mem__array(nu, sizeof(*cursor));
	t.hub = sk_mem__array(nu, sizeof(*t.hub));
	t.la = sk_mem__array(nu, sizeof(*t.la));
	t.root = sk_mem__array(nu, sizeof(*t.root));
	t.list = sk_mem__array(nu, sizeof(*t.list));
	t.in = sk_mem__array(nu, sizeof(*t.in));
	t.value = sk_mem__array(nu, sizeof(*t.value));
	t.units = sk_mem__array(nu, sizeof(*t.units));
	t.unit_start = calloc(nu + 1, sizeof(*t.unit_start));
	int rc = of && cursor && t.hub && t.la && t.root && t.list && t.in && t.value &&
		 t.units && t.unit_start ? SK_OK : SK_ENOMEM;
	if (rc == SK_OK)
		find_atoms(&t, a, lv, levels, of);
	for (size_t u = 0; u < a->nunits && rc == SK_OK; u++)
		t.unit_start[of[u] + 1]++;
	for (size_t k = 0; k < t.n && rc == SK_OK; k++) {
		t.unit_start[k + 1] += t.unit_start[k];
		cursor[k] = t.unit_start[k];
	}
	for (size_t u = 0; u < a->nunits && rc == SK_OK; u++)
		t.units[cursor[of[u]]++] = u;
	bool all = levels & SK_CENSUS_BY(SK_CENSUS_ALL);
	for (size_t c = 0; c < t.n && rc == SK_OK; c++) {
		if (root_of(t.root, c) != c)
			continue;
		group_ctx g = {.a = a, .t = &t, .row = row, .n = n};
		for (size_t k = 0; k < t.n; k++)
			if (root_of(t.root, k) == c)
				t.list[g.m++] = k;
		rc = g.m > SK_SPAN_MAX_ATOMS ? SK_ELIMIT : component_rows(&t, g.m, all, &g.nrows);
		for (g.col = 0; g.col < NCOLS && rc == SK_OK; g.col++)
			if (is_count(g.col))
				rc = add_column_groups(&g);
	}
	free(of);
	free(cursor);
	atoms_free(&t);
	return rc;
}

/* Whether every count of a row that is not 0 is "c". Decided from what is
 * published only: a note that looked at the hidden values would tell a reader
 * whether they are small. */
static bool whole_row(const nrow *r)
{
	bool any = false;
	for (int col = 0; col < NCOLS; col++) {
		if (!is_count(col) || r->st[col] == EMPTY || (r->st[col] == NUM && r->v[col] == 0))
			continue;
		if (r->st[col] == NUM)
			return false;
		any = true;
	}
	return any;
}

static void note_whole_rows(const level_rows *lv, unsigned levels, const sk_census *c,
			    const sk_cterm *t, sk_diags *diags)
{
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT; l++) {
		for (size_t k = 0; (levels & SK_CENSUS_BY(l)) && k < lv[l].n; k++) {
			const row_out *r = &lv[l].rows[k];
			if (!whole_row(&r->num))
				continue;
			const char *key = r->names[C_KEY] ? r->names[C_KEY] : r->names[C_NAME];
			char buf[64], term[64];
			sk_census__printable(buf, sizeof(buf), key ? key : "", key ? strlen(key) : 0);
			sk_census__printable(term, sizeof(term), t->label, strlen(t->label));
			sk_diags_add(diags, c->files[0], (sk_pos){0, 0}, SK_NOTE, "whole-row",
				     "every count of the %s row \"%s\" of term %s that is not 0 "
				     "is suppressed",
				     sk_census_level_name((sk_census_level)l), buf, term);
		}
	}
}

/* Audits everything one term publishes and adds complementary suppressions
 * until no small count can be worked out (census-summary(1) describes the
 * reader). SK_OK, SK_ENOMEM, or SK_EINVAL when the audit failed. */
static int protect_term(level_rows *lv, const sk_census *c, const sk_cterm *t, unsigned levels,
			unsigned suppress, sk_diags *diags)
{
	term_audit a = {.s = sk_sdc__new(suppress)};
	size_t n = t->schools.n + SK_CENSUS_LEVEL_COUNT + 1, row = 0;
	a.buf = sk_mem__array(n, sizeof(*a.buf));
	a.rows_buf = sk_mem__array(n, sizeof(*a.rows_buf));
	int rc = a.s && a.buf && a.rows_buf ? SK_OK : SK_ENOMEM;
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++) {
		if (!(levels & SK_CENSUS_BY(l)))
			continue;
		a.ids[l] = sk_mem__array(lv[l].n, sizeof(*a.ids[l]));
		rc = a.ids[l] ? SK_OK : SK_ENOMEM;
		for (size_t k = 0; k < lv[l].n && rc == SK_OK; k++)
			rc = add_row_cells(a.s, a.ids[l][k], &lv[l].rows[k], (unsigned)l, row++,
					   SK_SDC_SHOWN);
	}
	if (rc == SK_OK)
		rc = add_units(&a, lv, c, t, levels, &row);
	if (rc == SK_OK)
		rc = add_sums(&a, lv, levels);
	if (rc == SK_OK)
		rc = add_span_groups(&a, lv, levels, suppress, &row);
	if (rc == SK_OK)
		rc = sk_sdc__protect(a.s);
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++)
		for (size_t k = 0; (levels & SK_CENSUS_BY(l)) && k < lv[l].n; k++)
			for (int col = 0; col < NCOLS; col++)
				if (a.ids[l][k][col] != SIZE_MAX &&
				    sk_sdc__state(a.s, a.ids[l][k][col]) == SK_SDC_SUPPRESSED)
					lv[l].rows[k].num.st[col] = SUPP;
	if (rc == SK_OK)
		note_whole_rows(lv, levels, c, t, diags);
	/* Said at the term's own (first) file. */
	const char *file = t->file < c->nfiles ? c->files[t->file] : "-";
	if (rc == SK_ELIMIT) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR,
			     "suppress-audit", "the disclosure audit of term %s would have to "
			     "try more than %u groups of schools for one count, or link more "
			     "than %u: nothing is written", t->label, 1u << SK_SPAN_MAX_BITS,
			     SK_SPAN_MAX_ATOMS);
		rc = SK_EINVAL;
	} else if (rc == SK_EINVAL) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR,
			     "suppress-audit", "the disclosure audit of term %s failed: nothing "
			     "is written", t->label);
	}
	term_audit_free(&a);
	return rc;
}

/* ---- the summary ---- */

/* The groups of each level of one term. With suppression, their rows too,
 * protected and with percentages, since the audit needs all of them; without,
 * each row is made as it is written (row_at). */
static int build_term(level_rows *lv, const sk_census *c, const sk_cterm *t, unsigned levels,
		      unsigned suppress, sk_diags *diags)
{
	int rc = SK_OK;
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++) {
		if (!(levels & SK_CENSUS_BY(l)))
			continue;
		rc = build_level(&lv[l], c, t, (sk_census_level)l, levels);
		if (rc == SK_OK && suppress > 1)
			rc = make_rows(&lv[l], c, suppress);
	}
	if (rc != SK_OK || suppress <= 1)
		return rc;
	rc = protect_term(lv, c, t, levels, suppress, diags);
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++)
		for (size_t k = 0; (levels & SK_CENSUS_BY(l)) && k < lv[l].n; k++)
			fill_percentages(&lv[l].rows[k].num);
	return rc;
}

/* A term without a school has no row, not even an `all` row: zeros would
 * be a wrong count. Said, so that a header alone is not taken for one. */
static void warn_empty_terms(const sk_census *c, sk_diags *diags)
{
	for (size_t t = 0; t < c->nterms; t++)
		if (!c->terms[t].schools.n)
			sk_diags_add(diags, c->terms[t].file < c->nfiles ?
				     c->files[c->terms[t].file] : NULL, (sk_pos){0, 0},
				     SK_WARNING, "empty-term", "term \"%s\" has no school (every "
				     "row of its files was left out, or they have none): no row "
				     "is written for it, not even its all row, nor a change row to or from it",
				     c->terms[t].label);
}

static int summarise(emitter *e, const sk_census *c, unsigned levels, unsigned suppress,
		     sk_diags *diags)
{
	if (suppress > 1 && suppress < SK_CENSUS_SUPPRESS_MIN)
		return SK_EINVAL;
	level_rows prev[SK_CENSUS_LEVEL_COUNT], cur[SK_CENSUS_LEVEL_COUNT];
	memset(prev, 0, sizeof(prev));
	memset(cur, 0, sizeof(cur));
	int rc = SK_OK;
	warn_unmatched_hubs(c, diags);
	warn_empty_terms(c, diags);
	if (levels & SK_CENSUS_BY(SK_CENSUS_HUB))
		warn_no_hub(c, diags);
	for (size_t t = 0; t < c->nterms && rc == SK_OK; t++) {
		rc = build_term(cur, c, &c->terms[t], levels, suppress, diags);
		for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++)
			if (levels & SK_CENSUS_BY(l))
				rc = emit_level(e, c, &cur[l]);
		if (t > 0 && rc == SK_OK) {
			const char *a = c->terms[t - 1].label, *b = c->terms[t].label;
			size_t n = strlen(a) + strlen(b) + 3;
			char *label = malloc(n);
			rc = label ? SK_OK : SK_ENOMEM;
			if (label)
				snprintf(label, n, "%s..%s", a, b);
			for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++)
				if (levels & SK_CENSUS_BY(l))
					rc = emit_changes(e, c, label, &prev[l], &cur[l]);
			free(label);
		}
		for (int l = 0; l < SK_CENSUS_LEVEL_COUNT; l++) {
			level_rows_free(&prev[l]);
			prev[l] = cur[l];
			memset(&cur[l], 0, sizeof(cur[l]));
		}
	}
	for (int l = 0; l < SK_CENSUS_LEVEL_COUNT; l++) {
		level_rows_free(&prev[l]);
		level_rows_free(&cur[l]);
	}
	return rc;
}

int sk_census_each_row(const sk_census *c, unsigned levels, unsigned suppress,
		       sk_census_row_fn fn, void *ctx, sk_diags *diags)
{
	emitter e = {.fn = fn, .ctx = ctx};
	return summarise(&e, c, levels, suppress, diags);
}

static int add_to_table(void *table, const char *const *cells)
{
	return sk_table_add_row(table, cells);
}

int sk_census_summarise(sk_table **out, const sk_census *c, unsigned levels,
			unsigned suppress, sk_diags *diags)
{
	*out = NULL;
	sk_table *t = sk_table_new(columns, NCOLS);
	if (!t)
		return SK_ENOMEM;
	int rc = sk_census_each_row(c, levels, suppress, add_to_table, t, diags);
	if (rc != SK_OK) {
		sk_table_free(t);
		return rc;
	}
	*out = t;
	return SK_OK;
}

static int write_row(void *writer, const char *const *cells)
{
	return sk_table_writer_row(writer, cells);
}

int sk_census_write_csv(FILE *out, const sk_census *c, unsigned levels, unsigned suppress,
			sk_diags *diags)
{
	if (suppress > 1) {
		/* Whole or nothing: a later term's audit can fail after an
		 * earlier term's rows were made. */
		sk_table *t;
		int rc = sk_census_summarise(&t, c, levels, suppress, diags);
		if (rc == SK_OK)
			rc = sk_table_write(out, t, SK_FORMAT_CSV);
		sk_table_free(t);
		return rc;
	}
	sk_table_writer *w;
	int rc = sk_table_writer_new(&w, columns, NCOLS, SK_FORMAT_CSV, 0, out);
	if (rc != SK_OK)
		return rc;
	rc = sk_census_each_row(c, levels, suppress, write_row, w, diags);
	int wrc = sk_table_writer_finish(w);
	sk_table_writer_free(w);
	return rc != SK_OK ? rc : wrc;
}
