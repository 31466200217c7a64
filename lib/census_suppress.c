/* Statistical disclosure control of a table of counts: an audit by linear
 * programming (lp_solve) of what a reader can work out, and complementary
 * suppression until nothing small can be (census_suppress.h).
 *
 * The relations split the suppressed cells into independent components (two
 * cells are in one when a relation holds both): each is solved on its own. A
 * shown cell only tightens what a reader knows, so suppressing one more cell
 * never narrows an interval: a cell once proved protected stays protected,
 * and every point a solve finds stays consistent. Those points widen each
 * cell's known interval for free, and most cells need no solve of their own. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "census_suppress.h"
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
	sdc_cell *cells;
	size_t ncells, cells_cap;
	sdc_rel *rels;
	size_t nrels, rels_cap;
	size_t *members;
	size_t nmembers, members_cap;
	bool *whole;            /* per row */
	size_t whole_cap;
	/* Work space, sized to the cells: union-find, the LP column of a cell,
	 * the cells' relations (CSR), components' cells and relations. */
	size_t *parent, *col, *rel_start, *rel_of, *comp_cells, *comp_start, *comp_rels,
	       *comp_rel_start;
	bool *picked;
};

static int grow(void *pv, size_t *cap, size_t need, size_t size)
{
	void **p = pv;
	if (need <= *cap)
		return SK_OK;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *v = realloc(*p, n * size);
	if (!v)
		return SK_ENOMEM;
	*p = v;
	*cap = n;
	return SK_OK;
}

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
	free(s->rel_start);
	free(s->rel_of);
	free(s->comp_cells);
	free(s->comp_start);
	free(s->comp_rels);
	free(s->comp_rel_start);
	free(s->picked);
	s->parent = s->col = s->rel_start = s->rel_of = NULL;
	s->comp_cells = s->comp_start = s->comp_rels = s->comp_rel_start = NULL;
	s->picked = NULL;
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

size_t sk_sdc__cell(sk_sdc *s, int64_t value, sk_sdc_state state, uint64_t order, size_t row)
{
	if (grow(&s->cells, &s->cells_cap, s->ncells + 1, sizeof(*s->cells)) != SK_OK)
		return SIZE_MAX;
	size_t old = s->whole_cap;
	if (grow(&s->whole, &s->whole_cap, row + 1, sizeof(*s->whole)) != SK_OK)
		return SIZE_MAX;
	if (s->whole_cap > old)
		memset(s->whole + old, 0, (s->whole_cap - old) * sizeof(*s->whole));
	s->cells[s->ncells] = (sdc_cell){.value = value, .order = order, .row = row,
					 .lo = (double)value, .hi = (double)value,
					 .state = (uint8_t)state};
	return s->ncells++;
}

static int add_rel(sk_sdc *s, rel_kind kind, size_t first, const size_t *rest, size_t nrest)
{
	if (grow(&s->rels, &s->rels_cap, s->nrels + 1, sizeof(*s->rels)) != SK_OK ||
	    grow(&s->members, &s->members_cap, s->nmembers + nrest + 1, sizeof(*s->members)))
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
	size_t n = s->ncells + 1, r = s->nrels + 1;
	free_work(s);
	s->parent = malloc(n * sizeof(size_t));
	s->col = calloc(n, sizeof(size_t));
	s->rel_start = calloc(n + 1, sizeof(size_t));
	s->rel_of = malloc((s->nmembers + 1) * sizeof(size_t));
	s->comp_cells = malloc(n * sizeof(size_t));
	s->comp_start = calloc(n + 1, sizeof(size_t));
	s->comp_rels = malloc(r * sizeof(size_t));
	s->comp_rel_start = calloc(n + 1, sizeof(size_t));
	s->picked = calloc(n, sizeof(bool));
	if (!s->parent || !s->col || !s->rel_start || !s->rel_of || !s->comp_cells ||
	    !s->comp_start || !s->comp_rels || !s->comp_rel_start || !s->picked)
		return SK_ENOMEM;
	/* Each cell's relations, for the whole-row and last-resort steps. */
	for (size_t i = 0; i < s->nmembers; i++)
		s->rel_start[s->members[i] + 1]++;
	for (size_t i = 0; i < s->ncells; i++)
		s->rel_start[i + 1] += s->rel_start[i];
	size_t *fill = s->comp_start;   /* borrowed as a cursor */
	memcpy(fill, s->rel_start, s->ncells * sizeof(size_t));
	for (size_t r2 = 0; r2 < s->nrels; r2++)
		for (uint32_t k = 0; k < s->rels[r2].n; k++)
			s->rel_of[fill[s->members[s->rels[r2].first + k]]++] = r2;
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

typedef struct comp_lp {
	lprec *lp;
	const size_t *cells, *rels;
	size_t ncells, nrels;
} comp_lp;

static void lp_close(sk_sdc *s, comp_lp *c)
{
	for (size_t i = 0; i < c->ncells; i++)
		s->col[c->cells[i]] = 0;
	if (c->lp)
		delete_lp(c->lp);
	c->lp = NULL;
}

/* Columns are the variables (1-based, as lp_solve counts), rows the relations. */
static int lp_open(sk_sdc *s, comp_lp *c, size_t root)
{
	c->cells = s->comp_cells + s->comp_start[root];
	c->ncells = s->comp_start[root + 1] - s->comp_start[root];
	c->rels = s->comp_rels + s->comp_rel_start[root];
	c->nrels = s->comp_rel_start[root + 1] - s->comp_rel_start[root];
	if (c->ncells > INT32_MAX - 1 || c->nrels > INT32_MAX - 1)
		return SK_ENOMEM;
	c->lp = make_lp(0, (int)c->ncells);
	if (!c->lp)
		return SK_ENOMEM;
	for (size_t i = 0; i < c->ncells; i++)
		s->col[c->cells[i]] = i + 1;
	set_verbose(c->lp, NEUTRAL);
	set_presolve(c->lp, PRESOLVE_DUALS, get_presolveloops(c->lp));
	resize_lp(c->lp, (int)c->nrels, (int)c->ncells);
	set_add_rowmode(c->lp, TRUE);
	int rc = SK_OK;
	size_t widest = 0;
	for (size_t k = 0; k < c->nrels; k++)
		widest = s->rels[c->rels[k]].n > widest ? s->rels[c->rels[k]].n : widest;
	REAL *coef = malloc((widest + 1) * sizeof(*coef));
	int *colno = malloc((widest + 1) * sizeof(*colno));
	if (!coef || !colno)
		rc = SK_ENOMEM;
	for (size_t k = 0; k < c->nrels && rc == SK_OK; k++) {
		const sdc_rel *r = &s->rels[c->rels[k]];
		int m = 0;
		double rhs = 0;
		for (uint32_t j = 0; j < r->n; j++) {
			size_t cell = s->members[r->first + j];
			double a = j == 0 ? 1.0 : -1.0;
			if (is_var(s, cell)) {
				coef[m] = a;
				colno[m++] = (int)s->col[cell];
			} else {
				rhs -= a * (double)s->cells[cell].value;
			}
		}
		if (!add_constraintex(c->lp, m, coef, colno, r->kind == REL_SUM ? EQ : LE, rhs))
			rc = SK_ENOMEM;
	}
	free(coef);
	free(colno);
	set_add_rowmode(c->lp, FALSE);
	for (size_t i = 0; i < c->ncells && rc == SK_OK; i++) {
		double low = s->cells[c->cells[i]].state == SK_SDC_SUPPRESSED ? 1.0 : 0.0;
		set_bounds(c->lp, (int)i + 1, low, get_infinite(c->lp));
	}
	if (rc != SK_OK)
		lp_close(s, c);
	return rc;
}

/* Solves for the greatest (or least) value of one cell; widens every cell's
 * seen interval by the point found. SK_OK or SK_EINVAL. */
static int lp_solve_cell(sk_sdc *s, comp_lp *c, size_t cell, bool maximise)
{
	REAL one = 1.0;
	int colno = (int)s->col[cell];
	set_obj_fnex(c->lp, 1, &one, &colno);
	set_sense(c->lp, maximise);
	int r = solve(c->lp);
	if (r == UNBOUNDED && maximise) {
		s->cells[cell].hi = INFINITY;
		return SK_OK;
	}
	if (r != OPTIMAL && r != SUBOPTIMAL)
		return SK_EINVAL;
	REAL *x;
	if (!get_ptr_variables(c->lp, &x))
		return SK_EINVAL;
	for (size_t i = 0; i < c->ncells; i++) {
		sdc_cell *e = &s->cells[c->cells[i]];
		e->lo = x[i] < e->lo ? x[i] : e->lo;
		e->hi = x[i] > e->hi ? x[i] : e->hi;
	}
	return SK_OK;
}

static bool protected_by(double lo, double hi)
{
	return floor(hi + 1e-6) - ceil(lo - 1e-6) >= SK_SDC_MIN_VALUES - 1;
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
static int check(sk_sdc *s, comp_lp *c, size_t cell, bool *safe, size_t *pick)
{
	sdc_cell *e = &s->cells[cell];
	*pick = SIZE_MAX;
	*safe = protected_by(e->lo, e->hi);
	if (*safe)
		return SK_OK;
	int rc = lp_solve_cell(s, c, cell, true);
	if (rc != SK_OK)
		return rc;
	if (isfinite(e->hi))
		binding_candidates(s, c, pick);
	*safe = protected_by(e->lo, e->hi);
	if (*safe)
		return SK_OK;
	rc = lp_solve_cell(s, c, cell, false);
	if (rc != SK_OK)
		return rc;
	if (e->lo > 1 + 1e-6 && *pick == SIZE_MAX)
		binding_candidates(s, c, pick);
	*safe = protected_by(e->lo, e->hi);
	return SK_OK;
}

/* ---- audit and protection ---- */

static size_t mark_targets(sk_sdc *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		sdc_cell *e = &s->cells[i];
		e->target = e->state == SK_SDC_SUPPRESSED && is_small(s, e->value) &&
			    !protected_by(e->lo, e->hi);
		n += e->target;
	}
	return n;
}

static void suppress(sk_sdc *s, size_t cell)
{
	s->cells[cell].state = SK_SDC_SUPPRESSED;
	s->picked[cell] = true;
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

/* Whether a complement already chosen in this round sits in a relation of
 * the cell (it may protect the cell: look again in the next round). */
static bool near_pick(const sk_sdc *s, size_t cell)
{
	for (size_t i = s->rel_start[cell]; i < s->rel_start[cell + 1]; i++) {
		const sdc_rel *r = &s->rels[s->rel_of[i]];
		for (uint32_t j = 0; j < r->n; j++)
			if (s->picked[s->members[r->first + j]])
				return true;
	}
	return false;
}

/* One pass over the components holding targets. With `fix`, each target
 * found unprotected gets a complement; *unsafe counts those left unsafe and
 * *added the cells newly suppressed. */
static int pass(sk_sdc *s, bool fix, size_t *unsafe, size_t *added)
{
	*unsafe = *added = 0;
	components(s);
	memset(s->picked, 0, s->ncells * sizeof(bool));
	int rc = SK_OK;
	for (size_t root = 0; root < s->ncells && rc == SK_OK; root++) {
		size_t before = *added;
		size_t b = s->comp_start[root], e = s->comp_start[root + 1];
		bool any = false;
		for (size_t i = b; i < e && !any; i++)
			any = s->cells[s->comp_cells[i]].target;
		if (!any)
			continue;
		comp_lp c = {0};
		rc = lp_open(s, &c, root);
		bool stuck = false;
		for (size_t i = 0; i < c.ncells && rc == SK_OK; i++) {
			size_t cell = c.cells[i];
			if (!s->cells[cell].target || (fix && near_pick(s, cell)))
				continue;
			bool safe;
			size_t pick;
			rc = check(s, &c, cell, &safe, &pick);
			if (rc != SK_OK || safe) {
				s->cells[cell].target = rc != SK_OK;
				continue;
			}
			(*unsafe)++;
			if (!fix)
				continue;
			if (pick != SIZE_MAX) {
				suppress(s, pick);
				(*added)++;
			} else if (suppress_row(s, s->cells[cell].row)) {
				(*added)++;
			} else {
				stuck = true;
			}
		}
		if (rc == SK_OK && stuck && *added == before && suppress_around(s, &c))
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
		/* Targets skipped beside a new complement come back in the next
		 * pass, which there is, since something was added. */
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
	rc = lp_open(s, &c, find(s->parent, cell));
	if (rc == SK_OK)
		rc = lp_solve_cell(s, &c, cell, true);
	double top = e->hi;
	REAL *x;
	if (rc == SK_OK && isfinite(top) && get_ptr_variables(c.lp, &x))
		top = x[s->col[cell] - 1];
	if (rc == SK_OK)
		rc = lp_solve_cell(s, &c, cell, false);
	if (rc == SK_OK && get_ptr_variables(c.lp, &x))
		*lo = x[s->col[cell] - 1];
	*hi = top;
	lp_close(s, &c);
	return rc;
}
