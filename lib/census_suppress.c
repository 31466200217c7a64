/* Statistical disclosure control of a table of counts: an audit by linear
 * programming (lp_solve) of what a reader can work out, and complementary
 * suppression until nothing small can be (census_suppress.h).
 *
 * The relations split the suppressed cells into independent components (two
 * cells are in one when a relation holds both): each is solved on its own. A
 * shown cell only tightens what a reader knows, so suppressing one more cell
 * never narrows an interval: a cell once proved protected stays protected,
 * and every point a solve finds stays consistent. Those points widen each
 * cell's known interval for free, and most cells need no solve of their own.
 *
 * The reader also knows that complements are hidden only around a small
 * count: each linked group of "c" holds a small one. A point only counts
 * when it is such a table (believable); when the solver's optimum is not,
 * the optimum among the tables in which one small "c" of the component is
 * small stands in, which the true table is one of: never wider than what
 * the reader works out, so a cell proved protected is protected. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "census_suppress.h"
#include "mem_internal.h"
#include "sendkit/codes.h"
#include "sendkit/common.h"

#include <lp_lib.h>

typedef struct sdc_cell {
	int64_t value;
	uint64_t order;
	size_t row;
	double lo, hi;          /* values a consistent table has been seen to give it */
	uint8_t state;          /* sk_sdc_state */
	bool target;            /* small, suppressed, not yet proved protected */
} sdc_cell;

/* total = the rest (SUM), or first <= second (AT_MOST). */
typedef enum rel_kind { REL_SUM, REL_AT_MOST } rel_kind;

typedef struct sdc_rel {
	size_t first;           /* into members */
	uint32_t n;
	uint8_t kind;
} sdc_rel;

struct sk_sdc {
	unsigned threshold;
	bool whole_interval;    /* solve every stand-in, not only until protected */
	sdc_cell *cells;
	size_t ncells, cells_cap;
	sdc_rel *rels;
	size_t nrels, rels_cap;
	size_t *members;
	size_t nmembers, members_cap;
	bool *whole;            /* per row */
	size_t whole_cap;
	/* Work space: union-find, a cell's LP column and a relation's LP row,
	 * the components' cells and relations, each cell's relations (CSR), and
	 * a row or column of the LP. */
	size_t *parent, *col, *lprow, *comp_cells, *comp_start, *comp_rels, *comp_rel_start,
	       *rel_start, *rel_of;
	REAL *coef;
	int *colno;
};

sk_sdc *sk_sdc__new(unsigned threshold)
{
	sk_sdc *s = calloc(1, sizeof(*s));
	if (s)
		s->threshold = threshold;
	return s;
}

static void free_work(sk_sdc *s)
{
	free(s->parent);
	free(s->col);
	free(s->comp_cells);
	free(s->comp_start);
	free(s->comp_rels);
	free(s->comp_rel_start);
	free(s->lprow);
	free(s->rel_start);
	free(s->rel_of);
	free(s->coef);
	free(s->colno);
	s->parent = s->col = s->lprow = s->rel_start = s->rel_of = NULL;
	s->comp_cells = s->comp_start = s->comp_rels = s->comp_rel_start = NULL;
	s->coef = NULL;
	s->colno = NULL;
}

void sk_sdc__free(sk_sdc *s)
{
	if (!s)
		return;
	free_work(s);
	free(s->cells);
	free(s->rels);
	free(s->members);
	free(s->whole);
	free(s);
}

static bool is_small(const sk_sdc *s, int64_t v)
{
	return v >= 1 && v < (int64_t)s->threshold;
}

/* A "c" is at least 1, a cell never published at least 0. */
static double low_of(const sk_sdc *s, size_t cell)
{
	return s->cells[cell].state == SK_SDC_SUPPRESSED ? 1.0 : 0.0;
}

size_t sk_sdc__cell(sk_sdc *s, int64_t value, sk_sdc_state state, uint64_t order, size_t row)
{
	if (SK_GROW(s->cells, s->cells_cap, s->ncells + 1) != SK_OK)
		return SIZE_MAX;
	size_t old = s->whole_cap;
	if (SK_GROW(s->whole, s->whole_cap, row + 1) != SK_OK)
		return SIZE_MAX;
	if (s->whole_cap > old)
		memset(s->whole + old, 0, (s->whole_cap - old) * sizeof(*s->whole));
	s->cells[s->ncells] = (sdc_cell){.value = value, .order = order, .row = row,
					 .lo = (double)value, .hi = (double)value,
					 .state = (uint8_t)state};
	return s->ncells++;
}

/* Whether the table's own values keep a relation. */
static bool holds(const sk_sdc *s, rel_kind kind, size_t first, const size_t *rest, size_t nrest)
{
	int64_t v = 0;
	for (size_t i = 0; i < nrest; i++)
		v += s->cells[rest[i]].value;
	int64_t own = s->cells[first].value;
	return kind == REL_SUM ? own == v : own <= v;
}

static int add_rel(sk_sdc *s, rel_kind kind, size_t first, const size_t *rest, size_t nrest)
{
	/* A relation the data break (a school-level row whose needs add up to
	 * more than its SEN, reported as totals-mismatch) is nothing a reader
	 * can rely on; kept, it would leave the audit no table to solve. */
	if (!holds(s, kind, first, rest, nrest))
		return SK_OK;
	if (SK_GROW(s->rels, s->rels_cap, s->nrels + 1) != SK_OK ||
	    SK_GROW(s->members, s->members_cap, s->nmembers + nrest + 1))
		return SK_ENOMEM;
	s->rels[s->nrels++] = (sdc_rel){s->nmembers, (uint32_t)(nrest + 1), (uint8_t)kind};
	s->members[s->nmembers++] = first;
	for (size_t i = 0; i < nrest; i++)
		s->members[s->nmembers++] = rest[i];
	return SK_OK;
}

int sk_sdc__sum(sk_sdc *s, size_t total, const size_t *parts, size_t nparts)
{
	return add_rel(s, REL_SUM, total, parts, nparts);
}

int sk_sdc__at_most(sk_sdc *s, size_t cell, size_t bound)
{
	return add_rel(s, REL_AT_MOST, cell, &bound, 1);
}

int sk_sdc__sum_known(sk_sdc *s, size_t total, const size_t *parts, size_t nparts)
{
	if (total == SIZE_MAX)
		return SK_OK;
	for (size_t i = 0; i < nparts; i++)
		if (parts[i] == SIZE_MAX)
			return SK_OK;
	return sk_sdc__sum(s, total, parts, nparts);
}

int sk_sdc__need_relations(sk_sdc *s, size_t sen, size_t sen_support, size_t ehcp,
			   const size_t *need, const size_t *area)
{
	size_t parts[SK_NEED_COUNT] = {sen_support, ehcp};
	int rc = sk_sdc__sum_known(s, sen, parts, 2);
	for (int a = 0; a < SK_BROAD_COUNT && rc == SK_OK; a++) {
		size_t n = 0;
		for (int k = 0; k < SK_NEED_COUNT; k++)
			if ((int)sk_need_broad_area((sk_need)k) == a)
				parts[n++] = need[k];
		rc = sk_sdc__sum_known(s, area[a], parts, n);
	}
	return rc == SK_OK ? sk_sdc__sum_known(s, sen, area, SK_BROAD_COUNT) : rc;
}

sk_sdc_state sk_sdc__state(const sk_sdc *s, size_t cell)
{
	return (sk_sdc_state)s->cells[cell].state;
}

bool sk_sdc__row_whole(const sk_sdc *s, size_t row)
{
	return row < s->whole_cap && s->whole[row];
}

/* ---- components ---- */

static bool is_var(const sk_sdc *s, size_t cell)
{
	return s->cells[cell].state != SK_SDC_SHOWN;
}

static size_t find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int alloc_work(sk_sdc *s)
{
	size_t n = s->ncells + 1, r = s->nrels + 1, widest = 1;
	free_work(s);
	for (size_t k = 0; k < s->nrels; k++)
		widest = s->rels[k].n > widest ? s->rels[k].n : widest;
	s->parent = sk_mem__array(n, sizeof(size_t));
	s->col = calloc(n, sizeof(size_t));
	s->lprow = calloc(r, sizeof(size_t));
	s->comp_cells = sk_mem__array(n, sizeof(size_t));
	s->comp_start = calloc(n + 1, sizeof(size_t));
	s->comp_rels = sk_mem__array(r, sizeof(size_t));
	s->comp_rel_start = calloc(n + 1, sizeof(size_t));
	s->rel_start = calloc(n + 1, sizeof(size_t));
	s->rel_of = sk_mem__array(s->nmembers + 1, sizeof(size_t));
	/* A row, a column (an entry per relation of its cell) or an objective. */
	size_t entries = widest > r ? widest : r;
	entries = entries > n ? entries : n;
	s->coef = sk_mem__array(entries + 1, sizeof(*s->coef));
	s->colno = sk_mem__array(entries + 1, sizeof(*s->colno));
	if (!s->parent || !s->col || !s->lprow || !s->comp_cells || !s->comp_start ||
	    !s->comp_rels || !s->comp_rel_start || !s->rel_start || !s->rel_of || !s->coef ||
	    !s->colno)
		return SK_ENOMEM;
	for (size_t i = 0; i < s->nmembers; i++)
		s->rel_start[s->members[i] + 1]++;
	for (size_t i = 0; i < s->ncells; i++)
		s->rel_start[i + 1] += s->rel_start[i];
	memcpy(s->comp_start, s->rel_start, n * sizeof(size_t));   /* a cursor, for now */
	for (size_t k = 0; k < s->nrels; k++)
		for (uint32_t j = 0; j < s->rels[k].n; j++)
			s->rel_of[s->comp_start[s->members[s->rels[k].first + j]]++] = k;
	return SK_OK;
}

/* The first variable of a relation, or SIZE_MAX when it has none. */
static size_t rel_var(const sk_sdc *s, size_t r)
{
	for (uint32_t k = 0; k < s->rels[r].n; k++)
		if (is_var(s, s->members[s->rels[r].first + k]))
			return s->members[s->rels[r].first + k];
	return SIZE_MAX;
}

/* Components of the variables: comp_cells[comp_start[root]..comp_start[root+1])
 * are the variables whose root is `root`; the same for relations. */
static void components(sk_sdc *s)
{
	size_t n = s->ncells;
	for (size_t i = 0; i < n; i++)
		s->parent[i] = i;
	for (size_t r = 0; r < s->nrels; r++) {
		size_t a = rel_var(s, r);
		if (a == SIZE_MAX)
			continue;
		for (uint32_t k = 0; k < s->rels[r].n; k++) {
			size_t b = s->members[s->rels[r].first + k];
			if (!is_var(s, b))
				continue;
			size_t ra = find(s->parent, a), rb = find(s->parent, b);
			if (ra != rb)
				s->parent[rb] = ra;
		}
	}
	memset(s->comp_start, 0, (n + 1) * sizeof(size_t));
	memset(s->comp_rel_start, 0, (n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		if (is_var(s, i))
			s->comp_start[find(s->parent, i) + 1]++;
	for (size_t r = 0; r < s->nrels; r++) {
		size_t a = rel_var(s, r);
		if (a != SIZE_MAX)
			s->comp_rel_start[find(s->parent, a) + 1]++;
	}
	for (size_t i = 0; i < n; i++) {
		s->comp_start[i + 1] += s->comp_start[i];
		s->comp_rel_start[i + 1] += s->comp_rel_start[i];
	}
	/* Fill, moving each start forward, then shift the starts back. */
	for (size_t i = 0; i < n; i++)
		if (is_var(s, i))
			s->comp_cells[s->comp_start[find(s->parent, i)]++] = i;
	for (size_t r = 0; r < s->nrels; r++) {
		size_t a = rel_var(s, r);
		if (a != SIZE_MAX)
			s->comp_rels[s->comp_rel_start[find(s->parent, a)]++] = r;
	}
	for (size_t i = n; i > 0; i--) {
		s->comp_start[i] = s->comp_start[i - 1];
		s->comp_rel_start[i] = s->comp_rel_start[i - 1];
	}
	s->comp_start[0] = s->comp_rel_start[0] = 0;
}

/* ---- one component's linear programme ---- */

/* Column j + 1 is cells[j], row k + 1 is rels[k] (lp_solve counts from 1);
 * s->col and s->lprow map back. */
typedef struct comp_lp {
	lprec *lp;
	size_t *cells, *rels;
	size_t ncells, nrels, cells_cap, rels_cap;
} comp_lp;

/* lp_open's and lp_add_cell's answer when a complement joined the component
 * to another: it is looked at again in the next pass. */
enum { STALE = 1 };

static void lp_close(sk_sdc *s, comp_lp *c)
{
	for (size_t i = 0; i < c->ncells; i++)
		s->col[c->cells[i]] = 0;
	for (size_t k = 0; k < c->nrels; k++)
		s->lprow[c->rels[k]] = 0;
	if (c->lp)
		delete_lp(c->lp);
	free(c->cells);
	free(c->rels);
	memset(c, 0, sizeof(*c));
}

static double coef_in(uint32_t j)
{
	return j == 0 ? 1.0 : -1.0;   /* total - parts = 0, or cell - bound <= 0 */
}

/* Adds relation r as a row: its variables on the left, its shown cells'
 * values on the right. STALE when it holds a variable of another component. */
static int lp_add_rel(sk_sdc *s, comp_lp *c, size_t r)
{
	const sdc_rel *rel = &s->rels[r];
	int m = 0;
	double rhs = 0;
	for (uint32_t j = 0; j < rel->n; j++) {
		size_t cell = s->members[rel->first + j];
		if (!is_var(s, cell)) {
			rhs -= coef_in(j) * (double)s->cells[cell].value;
			continue;
		}
		if (!s->col[cell])
			return STALE;
		s->coef[m] = coef_in(j);
		s->colno[m++] = (int)s->col[cell];
	}
	if (SK_GROW(c->rels, c->rels_cap, c->nrels + 1) != SK_OK ||
	    !add_constraintex(c->lp, m, s->coef, s->colno, rel->kind == REL_SUM ? EQ : LE, rhs))
		return SK_ENOMEM;
	c->rels[c->nrels++] = r;
	s->lprow[r] = c->nrels;
	return SK_OK;
}

static int lp_open(sk_sdc *s, comp_lp *c, size_t root)
{
	memset(c, 0, sizeof(*c));
	size_t n = s->comp_start[root + 1] - s->comp_start[root];
	if (n > INT32_MAX / 2 || SK_GROW(c->cells, c->cells_cap, n) != SK_OK)
		return SK_ENOMEM;
	c->lp = make_lp(0, (int)n);
	if (!c->lp)
		return SK_ENOMEM;
	set_verbose(c->lp, NEUTRAL);
	for (size_t i = 0; i < n; i++) {
		size_t cell = s->comp_cells[s->comp_start[root] + i];
		c->cells[c->ncells++] = cell;
		s->col[cell] = c->ncells;
		set_bounds(c->lp, (int)c->ncells, low_of(s, cell), get_infinite(c->lp));
	}
	set_add_rowmode(c->lp, TRUE);
	int rc = SK_OK;
	for (size_t k = s->comp_rel_start[root]; k < s->comp_rel_start[root + 1] && rc == SK_OK;
	     k++)
		rc = lp_add_rel(s, c, s->comp_rels[k]);
	set_add_rowmode(c->lp, FALSE);
	if (rc != SK_OK)
		lp_close(s, c);
	return rc;
}

/* Makes a cell just suppressed a variable of the programme, in place: a
 * column in the rows of its relations (whose right-hand sides lose its
 * value), and a row for each relation that had no variable. STALE when one
 * of its relations is in another component. */
static int lp_add_cell(sk_sdc *s, comp_lp *c, size_t cell)
{
	for (size_t i = s->rel_start[cell]; i < s->rel_start[cell + 1]; i++) {
		const sdc_rel *rel = &s->rels[s->rel_of[i]];
		for (uint32_t j = 0; j < rel->n; j++) {
			size_t m = s->members[rel->first + j];
			if (m != cell && is_var(s, m) && !s->col[m])
				return STALE;
		}
	}
	if (SK_GROW(c->cells, c->cells_cap, c->ncells + 1) != SK_OK)
		return SK_ENOMEM;
	int m = 0;
	double value = (double)s->cells[cell].value;
	for (size_t i = s->rel_start[cell]; i < s->rel_start[cell + 1]; i++) {
		size_t r = s->rel_of[i];
		if (!s->lprow[r])
			continue;
		const sdc_rel *rel = &s->rels[r];
		for (uint32_t j = 0; j < rel->n; j++) {
			if (s->members[rel->first + j] != cell)
				continue;
			int row = (int)s->lprow[r];
			s->coef[m] = coef_in(j);
			s->colno[m++] = row;
			set_rh(c->lp, row, get_rh(c->lp, row) + coef_in(j) * value);
		}
	}
	if (!add_columnex(c->lp, m, s->coef, s->colno))
		return SK_ENOMEM;
	c->cells[c->ncells++] = cell;
	s->col[cell] = c->ncells;
	set_bounds(c->lp, (int)c->ncells, 1.0, get_infinite(c->lp));
	int rc = SK_OK;
	for (size_t i = s->rel_start[cell]; i < s->rel_start[cell + 1] && rc == SK_OK; i++)
		if (!s->lprow[s->rel_of[i]])
			rc = lp_add_rel(s, c, s->rel_of[i]);
	return rc;
}

/* Whether a cell that is a "c" or a group is small at a value. */
static bool small_at(const sk_sdc *s, size_t cell, double x)
{
	sk_sdc_state st = (sk_sdc_state)s->cells[cell].state;
	return (st == SK_SDC_SUPPRESSED || st == SK_SDC_GROUP) && x > 1 - 1e-6 &&
	       x < (double)s->threshold - 1 + 1e-6;
}

/* Whether a point is a table the reader believes: when the component has a
 * "c", one of its "c" or groups is small there (complements are hidden only
 * around a small count or a small group). */
static bool believable(const sk_sdc *s, const comp_lp *c, const REAL *x)
{
	bool any = false;
	for (size_t i = 0; i < c->ncells; i++) {
		if (small_at(s, c->cells[i], x[i]))
			return true;
		any |= s->cells[c->cells[i]].state == SK_SDC_SUPPRESSED;
	}
	return !any;
}

typedef enum solved { SOLVED_SEEN, SOLVED_UNBELIEVED, SOLVED_UNBOUNDED } solved;

/* Solves for the greatest (or least) sum of some columns; widens every
 * cell's seen interval by the point found when it is believable. `duals`
 * asks for the duals binding_candidates reads (they cost a fifth of a
 * solve). SK_OK and *how, or SK_EINVAL when the solver failed. */
static int lp_solve_sum(sk_sdc *s, comp_lp *c, int *cols, int n, bool maximise, bool duals,
			solved *how)
{
	for (int i = 0; i < n; i++)
		s->coef[i] = 1.0;
	set_obj_fnex(c->lp, n, s->coef, cols);
	set_sense(c->lp, maximise);
	set_presolve(c->lp, duals ? PRESOLVE_DUALS : PRESOLVE_NONE, get_presolveloops(c->lp));
	int r = solve(c->lp);
	if (r != OPTIMAL && r != SUBOPTIMAL) {
		/* After an unbounded solve, a warm start can fail (an accuracy
		 * error, or unbounded) where a cold one does not. */
		default_basis(c->lp);
		r = solve(c->lp);
	}
	*how = SOLVED_UNBOUNDED;
	if (r == UNBOUNDED && maximise)
		return SK_OK;
	if (r != OPTIMAL && r != SUBOPTIMAL)
		return SK_EINVAL;
	REAL *x;
	if (!get_ptr_variables(c->lp, &x))
		return SK_EINVAL;
	*how = believable(s, c, x) ? SOLVED_SEEN : SOLVED_UNBELIEVED;
	for (size_t i = 0; i < c->ncells && *how == SOLVED_SEEN; i++) {
		sdc_cell *e = &s->cells[c->cells[i]];
		e->lo = x[i] < e->lo ? x[i] : e->lo;
		e->hi = x[i] > e->hi ? x[i] : e->hi;
	}
	return SK_OK;
}

static void binding_candidates(sk_sdc *s, const comp_lp *c, size_t *best);

static bool protected_by(double lo, double hi)
{
	return floor(hi + 1e-6) - ceil(lo - 1e-6) >= SK_SDC_MIN_VALUES - 1;
}

/* The small "c" and groups that stand in, in turn, when an optimum is not
 * believable: the cell itself first when it is one, then the others of the
 * component, STAND_INS at most. */
enum { STAND_INS = 16 };

static size_t stand_ins(const sk_sdc *s, const comp_lp *c, size_t cell, size_t *out)
{
	size_t n = 0;
	if (small_at(s, cell, (double)s->cells[cell].value))
		out[n++] = cell;
	for (size_t i = 0; i < c->ncells && n < STAND_INS; i++)
		if (c->cells[i] != cell && small_at(s, c->cells[i], (double)s->cells[c->cells[i]].value))
			out[n++] = c->cells[i];
	return n;
}

/* Solves for one bound of a cell as the reader works it out (the file's
 * comment); with `pick`, the complement the relations that bind it offer. */
static int lp_solve_cell(sk_sdc *s, comp_lp *c, size_t cell, bool maximise, size_t *pick)
{
	int col = (int)s->col[cell];
	solved how;
	int rc = lp_solve_sum(s, c, &col, 1, maximise, pick != NULL, &how);
	size_t small[STAND_INS];
	size_t n = rc == SK_OK && how != SOLVED_SEEN ? stand_ins(s, c, cell, small) : 0;
	if (rc == SK_OK && how == SOLVED_UNBOUNDED && n == 0)
		s->cells[cell].hi = INFINITY;
	if (rc == SK_OK && how == SOLVED_SEEN && pick)
		binding_candidates(s, c, pick);
	sdc_cell *e = &s->cells[cell];
	for (size_t i = 0; i < n && rc == SK_OK &&
	     (s->whole_interval || !protected_by(e->lo, e->hi)); i++) {
		int at = (int)s->col[small[i]];
		set_bounds(c->lp, at, 1, (double)s->threshold - 1);
		rc = lp_solve_sum(s, c, &col, 1, maximise, pick != NULL, &how);
		if (rc == SK_OK && how == SOLVED_UNBOUNDED)
			e->hi = INFINITY;
		if (rc == SK_OK && how == SOLVED_SEEN && pick)
			binding_candidates(s, c, pick);
		set_bounds(c->lp, at, low_of(s, small[i]), get_infinite(c->lp));
	}
	return rc;
}

/* Two solves that move every target of a component at once, up and down:
 * most are then seen protected without a solve of their own. */
static int lp_spread(sk_sdc *s, comp_lp *c)
{
	int n = 0;
	for (size_t i = 0; i < c->ncells; i++)
		if (s->cells[c->cells[i]].target)
			s->colno[n++] = (int)i + 1;
	solved how;
	int rc = lp_solve_sum(s, c, s->colno, n, true, false, &how);
	if (rc == SK_OK)
		rc = lp_solve_sum(s, c, s->colno, n, false, false, &how);
	return rc;
}

/* The shown non-zero cells of the relations that bind the last solution: a
 * relation with a dual value other than 0. */
static void binding_candidates(sk_sdc *s, const comp_lp *c, size_t *best)
{
	REAL *duals, *from, *till;
	if (!get_ptr_sensitivity_rhs(c->lp, &duals, &from, &till))
		return;
	for (size_t k = 0; k < c->nrels; k++) {
		if (fabs(duals[k]) < 1e-9)
			continue;
		const sdc_rel *r = &s->rels[c->rels[k]];
		for (uint32_t j = 0; j < r->n; j++) {
			size_t cell = s->members[r->first + j];
			const sdc_cell *e = &s->cells[cell];
			if (e->state != SK_SDC_SHOWN || e->value == 0)
				continue;
			if (*best == SIZE_MAX || e->order < s->cells[*best].order)
				*best = cell;
		}
	}
}

/* Works out one target: SK_OK with *safe, and when not safe *pick, the
 * complement that would widen it (SIZE_MAX when no relation offers one). */
static int check(sk_sdc *s, comp_lp *c, size_t cell, bool fix, bool *safe, size_t *pick)
{
	sdc_cell *e = &s->cells[cell];
	*pick = SIZE_MAX;
	int rc = SK_OK;
	for (int i = 0; i < 2 && rc == SK_OK && !protected_by(e->lo, e->hi); i++)
		rc = lp_solve_cell(s, c, cell, i == 0, NULL);
	*safe = protected_by(e->lo, e->hi);
	if (rc != SK_OK || *safe || !fix)
		return rc;
	/* The same solves again, with duals: what binds it. */
	if (isfinite(e->hi))
		rc = lp_solve_cell(s, c, cell, true, pick);
	if (rc == SK_OK && *pick == SIZE_MAX && e->lo > low_of(s, cell) + 1e-6)
		rc = lp_solve_cell(s, c, cell, false, pick);
	/* Stand-ins tried again may have shown it protected after all. */
	*safe = protected_by(e->lo, e->hi);
	if (*safe)
		*pick = SIZE_MAX;
	return rc;
}

/* ---- audit and protection ---- */

static size_t mark_targets(sk_sdc *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		sdc_cell *e = &s->cells[i];
		e->target = (e->state == SK_SDC_SUPPRESSED || e->state == SK_SDC_GROUP) &&
			    is_small(s, e->value) && !protected_by(e->lo, e->hi);
		n += e->target;
	}
	return n;
}

static void suppress(sk_sdc *s, size_t cell)
{
	s->cells[cell].state = SK_SDC_SUPPRESSED;
}

/* Suppresses every shown non-zero cell of a row; false when there was none. */
static bool suppress_row(sk_sdc *s, size_t row)
{
	bool any = false;
	for (size_t i = 0; i < s->ncells; i++) {
		if (s->cells[i].row == row && s->cells[i].state == SK_SDC_SHOWN &&
		    s->cells[i].value != 0) {
			suppress(s, i);
			any = true;
		}
	}
	if (any)
		s->whole[row] = true;
	return any;
}

/* Last resort: every shown non-zero cell of every relation of the component. */
static bool suppress_around(sk_sdc *s, const comp_lp *c)
{
	bool any = false;
	for (size_t k = 0; k < c->nrels; k++) {
		const sdc_rel *r = &s->rels[c->rels[k]];
		for (uint32_t j = 0; j < r->n; j++) {
			size_t cell = s->members[r->first + j];
			if (s->cells[cell].state == SK_SDC_SHOWN && s->cells[cell].value != 0) {
				suppress(s, cell);
				s->whole[s->cells[cell].row] = true;
				any = true;
			}
		}
	}
	return any;
}

/* Protects one target of an open component, a complement at a time: SK_OK
 * (*done when it is protected or nothing is left to try), STALE when a
 * complement joined the component to another. */
static int fix_target(sk_sdc *s, comp_lp *c, size_t cell, bool fix, size_t *unsafe,
		      size_t *added, bool *stuck)
{
	for (bool first = true;; first = false) {
		bool safe;
		size_t pick;
		int rc = check(s, c, cell, fix, &safe, &pick);
		if (rc != SK_OK || safe) {
			s->cells[cell].target = rc != SK_OK;
			return rc;
		}
		*unsafe += first;
		if (!fix)
			return SK_OK;
		if (pick == SIZE_MAX) {
			/* Several cells at once: the component is built again. */
			if (suppress_row(s, s->cells[cell].row)) {
				(*added)++;
				return STALE;
			}
			*stuck = true;
			return SK_OK;
		}
		suppress(s, pick);
		(*added)++;
		rc = lp_add_cell(s, c, pick);
		if (rc != SK_OK)
			return rc;
	}
}

/* One pass over the components holding targets. With `fix`, each target
 * found unprotected gets complements, one at a time as each may protect
 * others too, until it is protected; *unsafe counts the targets found
 * unsafe, *added the complements. */
static int pass(sk_sdc *s, bool fix, size_t *unsafe, size_t *added)
{
	*unsafe = *added = 0;
	components(s);
	int rc = SK_OK;
	for (size_t root = 0; root < s->ncells && rc == SK_OK; root++) {
		size_t b = s->comp_start[root], e = s->comp_start[root + 1], before = *added;
		bool any = false;
		for (size_t i = b; i < e && !any; i++)
			any = s->cells[s->comp_cells[i]].target;
		if (!any)
			continue;
		comp_lp c;
		rc = lp_open(s, &c, root);
		if (rc == SK_OK)
			rc = lp_spread(s, &c);
		bool stuck = false;
		for (size_t i = b; i < e && rc == SK_OK; i++)
			if (s->cells[s->comp_cells[i]].target)
				rc = fix_target(s, &c, s->comp_cells[i], fix, unsafe, added, &stuck);
		if (rc == STALE)
			rc = SK_OK;
		else if (rc == SK_OK && stuck && *added == before && suppress_around(s, &c))
			(*added)++;
		lp_close(s, &c);
	}
	return rc;
}

int sk_sdc__audit(sk_sdc *s, size_t *unsafe)
{
	*unsafe = 0;
	int rc = alloc_work(s);
	if (rc != SK_OK)
		return rc;
	mark_targets(s);
	size_t added;
	return pass(s, false, unsafe, &added);
}

int sk_sdc__protect(sk_sdc *s)
{
	int rc = alloc_work(s);
	if (rc != SK_OK)
		return rc;
	mark_targets(s);
	for (;;) {
		size_t unsafe, added;
		rc = pass(s, true, &unsafe, &added);
		if (rc != SK_OK)
			return rc;
		if (unsafe == 0 && added == 0)
			return SK_OK;
		if (added == 0)
			return SK_EINVAL;
	}
}

int sk_sdc__interval(sk_sdc *s, size_t cell, double *lo, double *hi)
{
	sdc_cell *e = &s->cells[cell];
	*lo = *hi = (double)e->value;
	if (!is_var(s, cell))
		return SK_OK;
	int rc = alloc_work(s);
	if (rc != SK_OK)
		return rc;
	components(s);
	comp_lp c = {0};
	/* Every point seen is believable, so their hull is the interval once
	 * both ends are solved for. */
	e->lo = e->hi = (double)e->value;
	s->whole_interval = true;
	rc = lp_open(s, &c, find(s->parent, cell));
	for (int i = 0; i < 2 && rc == SK_OK; i++)
		rc = lp_solve_cell(s, &c, cell, i == 0, NULL);
	s->whole_interval = false;
	*lo = e->lo;
	*hi = e->hi;
	lp_close(s, &c);
	return rc;
}
