/* The census summary (formats.md section 6): groups per term and level,
 * percentages worked out in whole numbers, the change between terms, and
 * suppression of small counts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "census_internal.h"

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

/* ---- numbers ---- */

__extension__ typedef __int128 i128;

/* num / den in tenths, rounded half away from zero; den > 0. */
static int64_t div_round(i128 num, i128 den)
{
	i128 a = num < 0 ? -num : num;
	i128 q = (2 * a + den) / (2 * den);
	return (int64_t)(num < 0 ? -q : q);
}

/* A percentage of on_roll in tenths of a percent. */
static int64_t pct_tenths(int64_t part, int64_t whole)
{
	return div_round((i128)part * 1000, whole);
}

/* The change from a/b to c/d in tenths of a percentage point. */
static int64_t pct_change_tenths(int64_t a, int64_t b, int64_t c, int64_t d)
{
	return div_round(((i128)c * b - (i128)a * d) * 1000, (i128)b * d);
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
		else if (r->st[num] == NUM && r->st[C_ON_ROLL] == NUM && r->v[C_ON_ROLL] > 0)
			set(r, pct, pct_tenths(r->v[num], r->v[C_ON_ROLL]));
	}
}

/* ---- suppression ---- */

/* A total and its parts, all in the same row: sen = sen_support + ehcp, each
 * broad area = its needs, sen = the areas. */
typedef struct equation {
	int total;
	int parts[SK_NEED_COUNT];
	int nparts;
} equation;

static size_t equations(equation *eq)
{
	size_t n = 0;
	eq[n++] = (equation){C_SEN, {C_K, C_E}, 2};
	for (int a = 0; a < SK_BROAD_COUNT; a++) {
		equation *e = &eq[n++];
		e->total = C_AREA + a;
		e->nparts = 0;
		for (int k = 0; k < SK_NEED_COUNT; k++)
			if ((int)sk_need_broad_area((sk_need)k) == a)
				e->parts[e->nparts++] = C_NEED + k;
	}
	equation *all = &eq[n++];
	all->total = C_SEN;
	all->nparts = SK_BROAD_COUNT;
	for (int a = 0; a < SK_BROAD_COUNT; a++)
		all->parts[a] = C_AREA + a;
	return n;
}

/* The least a suppressed cell can be to a reader who knows that each "c"
 * is at least 1 (a 0 is never suppressed alone): for a total, the sum of
 * what its parts can least be. */
static int64_t least(const nrow *r, int col, const equation *eq, size_t neq)
{
	if (r->st[col] == NUM)
		return r->v[col];
	int64_t best = 1;
	for (size_t i = 0; i < neq; i++) {
		if (eq[i].total != col)
			continue;
		int64_t sum = 0;
		for (int k = 0; k < eq[i].nparts; k++)
			sum += least(r, eq[i].parts[k], eq, neq);
		best = sum > best ? sum : best;
	}
	return best;
}

/* Whether an equation gives a suppressed member away: it has exactly one
 * "c", or its total is shown and what its suppressed parts hold together
 * is no more than the least they can be (every one of them at its least). */
static bool gives_away(const nrow *r, const equation *e, const equation *eq, size_t neq,
		       bool bounds)
{
	int nsupp = 0;
	int64_t rest = r->v[e->total], floor = 0;
	for (int k = 0; k < e->nparts; k++) {
		int col = e->parts[k];
		if (r->st[col] == SUPP) {
			nsupp++;
			floor += least(r, col, eq, neq);
		} else {
			rest -= r->v[col];
		}
	}
	if (r->st[e->total] == SUPP)
		return nsupp == 0;
	return nsupp == 1 || (bounds && nsupp > 1 && rest <= floor);
}

/* Suppresses, in each equation that gives a suppressed member away, the
 * smallest other member that is not 0 (a part before the total; a 0 only
 * when nothing else is left), until none does. `bounds` also checks the
 * least each "c" can be: not for change rows, whose values may be negative
 * and whose "c" cells are those of the rows they come from. */
static bool better(int64_t v, int64_t best)
{
	return best == 0 ? v > 0 : v > 0 && v < best;
}

static void suppress_secondary(nrow *r, bool bounds)
{
	equation eq[SK_BROAD_COUNT + 2];
	size_t neq = equations(eq);
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t i = 0; i < neq; i++) {
			int members[SK_NEED_COUNT + 1], m = 0, best = -1;
			for (int k = 0; k < eq[i].nparts; k++)
				members[m++] = eq[i].parts[k];
			members[m++] = eq[i].total;
			bool complete = true;
			for (int k = 0; k < m; k++) {
				cell_state st = r->st[members[k]];
				complete &= st != EMPTY;
				if (st == NUM && (best < 0 || better(r->v[members[k]], r->v[best])))
					best = members[k];
			}
			if (complete && best >= 0 && gives_away(r, &eq[i], eq, neq, bounds)) {
				r->st[best] = SUPP;
				changed = true;
			}
		}
	}
}

static bool is_count(int col)
{
	return col == C_ON_ROLL || col == C_K || col == C_E || col == C_SEN || col >= C_AREA;
}

static void suppress_row(nrow *r, unsigned n)
{
	for (int col = 0; col < NCOLS; col++)
		if (is_count(col) && r->st[col] == NUM && r->v[col] >= 1 && r->v[col] < (int64_t)n)
			r->st[col] = SUPP;
	suppress_secondary(r, true);
}

/* The change from row a to row b; a count suppressed in either is
 * suppressed in the change. */
static void change_row(nrow *d, const nrow *a, const nrow *b, unsigned suppress)
{
	memset(d, 0, sizeof(*d));
	for (int col = C_SCHOOLS; col < NCOLS; col++) {
		if (a->st[col] == SUPP || b->st[col] == SUPP)
			d->st[col] = SUPP;
		else if (a->st[col] == NUM && b->st[col] == NUM)
			set(d, col, b->v[col] - a->v[col]);
	}
	if (suppress > 1)
		suppress_secondary(d, false);
	for (int i = 0; i < 3; i++) {
		int num = pct_of[i][0], pct = pct_of[i][1];
		if (d->st[num] == SUPP || d->st[C_ON_ROLL] == SUPP) {
			d->st[pct] = SUPP;
			continue;
		}
		d->st[pct] = EMPTY;
		if (a->st[pct] == NUM && b->st[pct] == NUM)
			set(d, pct, pct_change_tenths(a->v[num], a->v[C_ON_ROLL], b->v[num],
						      b->v[C_ON_ROLL]));
	}
}

/* ---- the groups of a level of a term ---- */

/* What a hub, LA or all group adds up to, beside its entry in `agg`. */
typedef struct agg_info {
	sk_census_counts sum;
	const char *la, *hub;
	bool la_mixed, hub_mixed;
} agg_info;

typedef struct level_rows {
	sk_census_level level;
	const sk_cterm *term;
	const sk_cgroup **v;    /* in row order: schools of the term, or entries of agg */
	size_t n;
	sk_cgroups agg;
	agg_info *info;
	size_t info_cap;
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

static int add_to_group(level_rows *l, const sk_census *c, const sk_cgroup *sc)
{
	const char *hub = sk_census__hub_of(c, sc);
	const char *key = l->level == SK_CENSUS_HUB ? hub : l->level == SK_CENSUS_LA ? sc->la
										      : "all";
	key = key ? key : "";
	bool fresh;
	sk_cgroup *g = sk_census__groups_get(&l->agg, key, strlen(key), &fresh);
	if (!g)
		return SK_ENOMEM;
	size_t i = (size_t)(g - l->agg.v);
	if (fresh) {
		if (i >= l->info_cap) {
			size_t cap = l->info_cap ? l->info_cap * 2 : 64;
			agg_info *v = realloc(l->info, cap * sizeof(*v));
			if (!v)
				return SK_ENOMEM;
			l->info = v;
			l->info_cap = cap;
		}
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
	return SK_OK;
}

/* The groups of one level of one term, in row order. */
static int build_level(level_rows *l, const sk_census *c, const sk_cterm *t,
		       sk_census_level level)
{
	memset(l, 0, sizeof(*l));
	l->level = level;
	l->term = t;
	const sk_cgroups *s = &t->schools;
	if (level != SK_CENSUS_SCHOOL) {
		for (size_t i = 0; i < s->n; i++)
			if (add_to_group(l, c, &s->v[i]) != SK_OK)
				return SK_ENOMEM;
	}
	size_t n = level == SK_CENSUS_SCHOOL ? s->n : l->agg.n;
	l->v = malloc((n ? n : 1) * sizeof(*l->v));
	if (!l->v)
		return SK_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const sk_cgroup *g = level == SK_CENSUS_SCHOOL ? &s->v[i] : &l->agg.v[i];
		if (level != SK_CENSUS_SCHOOL || g->listed)
			l->v[l->n++] = g;
	}
	qsort(l->v, l->n, sizeof(*l->v), level == SK_CENSUS_SCHOOL ? cmp_school : cmp_key);
	return SK_OK;
}

static void level_rows_free(level_rows *l)
{
	sk_census__groups_free(&l->agg);
	free(l->info);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* One row's text cells and numbers. */
typedef struct row_out {
	const char *names[C_SCHOOLS];
	nrow num;
} row_out;

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
		suppress_row(&r->num, suppress);
	fill_percentages(&r->num);
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

static const char *format_cell(char *buf, size_t cap, const nrow *r, int col)
{
	if (r->st[col] == EMPTY)
		return NULL;
	if (r->st[col] == SUPP)
		return "c";
	int64_t v = r->v[col];
	if (col == C_K_PCT || col == C_E_PCT || col == C_SEN_PCT) {
		uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		snprintf(buf, cap, "%s%" PRIu64 ".%" PRIu64, v < 0 ? "-" : "", a / 10, a % 10);
	} else {
		snprintf(buf, cap, "%" PRId64, v);
	}
	return buf;
}

/* Where rows go: a table, or CSV written as they come. */
typedef struct emitter {
	sk_table *table;
	FILE *out;
	bool ok;
} emitter;

static int emit(emitter *e, const char *term, const row_out *r)
{
	char text[NCOLS][32];
	const char *cells[NCOLS];
	cells[C_TERM] = term;
	for (int col = C_LEVEL; col < C_SCHOOLS; col++)
		cells[col] = r->names[col];
	for (int col = C_SCHOOLS; col < NCOLS; col++)
		cells[col] = format_cell(text[col], sizeof(text[col]), &r->num, col);
	if (e->table)
		return sk_table_add_row(e->table, cells);
	for (int col = 0; col < NCOLS; col++) {
		if (col > 0 && putc(',', e->out) == EOF)
			e->ok = false;
		if (sk_csv_write_field(e->out, cells[col]) != SK_OK)
			e->ok = false;
	}
	if (putc('\n', e->out) == EOF)
		e->ok = false;
	return SK_OK;
}

static int emit_level(emitter *e, const sk_census *c, const level_rows *l, unsigned suppress)
{
	int rc = SK_OK;
	for (size_t i = 0; i < l->n && rc == SK_OK; i++) {
		row_out r;
		make_row(&r, c, l, l->v[i], suppress);
		rc = emit(e, l->term->label, &r);
	}
	return rc;
}

/* Rows "A..B": the change in each group found in both terms. */
static int emit_changes(emitter *e, const sk_census *c, const char *label,
			const level_rows *before, const level_rows *after, unsigned suppress)
{
	int rc = SK_OK;
	for (size_t i = 0; i < after->n && rc == SK_OK; i++) {
		const sk_cgroup *g = after->v[i], *b = find_before(before, g);
		if (!b)
			continue;
		row_out ra, rb, rd;
		make_row(&ra, c, before, b, suppress);
		make_row(&rb, c, after, g, suppress);
		rd = rb;
		change_row(&rd.num, &ra.num, &rb.num, suppress);
		rc = emit(e, label, &rd);
	}
	return rc;
}

/* ---- hubs ---- */

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

/* ---- the summary ---- */

static int summarise(emitter *e, const sk_census *c, unsigned levels, unsigned suppress,
		     sk_diags *diags)
{
	level_rows prev[SK_CENSUS_LEVEL_COUNT], cur[SK_CENSUS_LEVEL_COUNT];
	memset(prev, 0, sizeof(prev));
	memset(cur, 0, sizeof(cur));
	int rc = SK_OK;
	if (levels & SK_CENSUS_BY(SK_CENSUS_HUB))
		warn_no_hub(c, diags);
	for (size_t t = 0; t < c->nterms && rc == SK_OK; t++) {
		for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++) {
			if (!(levels & SK_CENSUS_BY(l)))
				continue;
			rc = build_level(&cur[l], c, &c->terms[t], (sk_census_level)l);
			if (rc == SK_OK)
				rc = emit_level(e, c, &cur[l], suppress);
		}
		if (t > 0 && rc == SK_OK) {
			const char *a = c->terms[t - 1].label, *b = c->terms[t].label;
			size_t n = strlen(a) + strlen(b) + 3;
			char *label = malloc(n);
			rc = label ? SK_OK : SK_ENOMEM;
			if (label)
				snprintf(label, n, "%s..%s", a, b);
			for (int l = 0; l < SK_CENSUS_LEVEL_COUNT && rc == SK_OK; l++)
				if (levels & SK_CENSUS_BY(l))
					rc = emit_changes(e, c, label, &prev[l], &cur[l], suppress);
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

int sk_census_summarise(sk_table **out, const sk_census *c, unsigned levels,
			unsigned suppress, sk_diags *diags)
{
	*out = NULL;
	emitter e = {.table = sk_table_new(columns, NCOLS), .ok = true};
	if (!e.table)
		return SK_ENOMEM;
	int rc = summarise(&e, c, levels, suppress, diags);
	if (rc != SK_OK) {
		sk_table_free(e.table);
		return rc;
	}
	*out = e.table;
	return SK_OK;
}

int sk_census_write_csv(FILE *out, const sk_census *c, unsigned levels, unsigned suppress,
			sk_diags *diags)
{
	emitter e = {.out = out, .ok = true};
	for (int col = 0; col < NCOLS; col++)
		if ((col > 0 && putc(',', out) == EOF) || sk_csv_write_field(out, columns[col].name))
			e.ok = false;
	if (putc('\n', out) == EOF)
		e.ok = false;
	int rc = summarise(&e, c, levels, suppress, diags);
	return rc != SK_OK ? rc : e.ok ? SK_OK : SK_EIO;
}
