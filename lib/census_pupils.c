/* Pupils given twice: a second row with a UPN already seen in its school's
 * contiguous run of rows (an export with one row per need, a row pasted
 * twice) is reported and not counted again; the first row is. The UPNs
 * are kept exactly (their 13 characters), for the current run only, so
 * memory is bounded by the largest school.
 *
 * A reader after the first may start inside a run the reader before it
 * ends with: its first run (its head) is counted as read and its rows are
 * kept in order, to be judged at the join (sk_census__join_pupils), which
 * takes back those that repeat a UPN of the run carried to it, and reports
 * them where the reader's own diagnostics say they were. So the answer is
 * the same with any number of threads and any range size. */
#include <stdlib.h>
#include <string.h>

#include "census_read_internal.h"
#include "sendkit/census.h"

/* ---- a run's index of UPNs ---- */

/* A UPN's 13 bytes as two overlapping words: compared and hashed without
 * a call. */
typedef struct upn_words {
	uint64_t a, b;
} upn_words;

static inline upn_words words_of(const char *u)
{
	upn_words w;
	memcpy(&w.a, u, 8);
	memcpy(&w.b, u + 5, 8);
	return w;
}

static inline uint32_t upn_hash(upn_words w)
{
	uint64_t h = w.a * 0x9E3779B97F4A7C15ull ^ w.b * 0xC2B2AE3D27D4EB4Full;
	return (uint32_t)(h >> 32 ^ h);
}

typedef struct upn_sought {
	const pupil_run *run;
	upn_words w;
} upn_sought;

static bool is_upn(const void *ctx, uint32_t value)
{
	const upn_sought *s = ctx;
	upn_words x = words_of(s->run->v[value - 1].upn);
	return x.a == s->w.a && x.b == s->w.b;
}

/* The place of the UPN w in the run's index: its row's slot, or the empty
 * slot where it would go. */
static size_t probe(const pupil_run *run, upn_words w)
{
	upn_sought s = {run, w};
	return sk_hash__probe(run->slots, run->nslots, upn_hash(w), is_upn, &s);
}

/* Room for one more row in the run (and its index, when `indexed`, kept at
 * most half full). SK_OK or SK_ENOMEM. */
static int run_grow(pupil_run *run, bool indexed);

static inline int run_room(pupil_run *run, bool indexed)
{
	if (run->n < run->cap && (!indexed || (run->n + 1) * 2 <= run->nslots))
		return SK_OK;   /* nearly every row: no call */
	return run_grow(run, indexed);
}

static int run_grow(pupil_run *run, bool indexed)
{
	if (SK_GROW(run->v, run->cap, run->n + 1) != SK_OK)
		return SK_ENOMEM;
	if (!indexed || (run->n + 1) * 2 <= run->nslots)
		return SK_OK;
	size_t nslots = run->nslots ? run->nslots * 2 : 256;
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return SK_ENOMEM;
	free(run->slots);
	run->slots = slots;
	run->nslots = nslots;
	for (size_t i = 0; i < run->n; i++) {
		size_t j = probe(run, words_of(run->v[i].upn));
		run->slots[j] = (uint32_t)i + 1;
		run->v[i].slot = (uint32_t)j;
	}
	return SK_OK;
}

/* The row of the run with e's UPN, or NULL once e is added (indexed) as the
 * first; NULL too when out of memory (*nomem). */
static const pupil_entry *run_first(pupil_run *run, const pupil_entry *e, bool *nomem)
{
	if (run_room(run, true) != SK_OK) {
		*nomem = true;
		return NULL;
	}
	size_t j = probe(run, words_of(e->upn));
	if (run->slots[j])
		return &run->v[run->slots[j] - 1];
	run->v[run->n] = *e;
	run->v[run->n].slot = (uint32_t)j;
	run->slots[j] = (uint32_t)++run->n;
	return NULL;
}

/* Appends e to a head, in order, unindexed. */
static int run_append(pupil_run *run, const pupil_entry *e)
{
	if (run_room(run, false) != SK_OK)
		return SK_ENOMEM;
	run->v[run->n++] = *e;
	return SK_OK;
}

/* Empties the run, keeping its memory: only the slots its rows took are
 * cleared, so a small school after a large one costs little. */
static void run_clear(pupil_run *run, size_t school)
{
	if (run->nslots)
		for (size_t i = 0; i < run->n; i++)
			run->slots[run->v[i].slot] = 0;
	run->n = 0;
	run->school = school;
}

void sk_census__run_free(pupil_run *run)
{
	free(run->v);
	free(run->slots);
	memset(run, 0, sizeof(*run));
	run->school = NONE_IDX;
}

void sk_census__carry_free(pupil_carry *c)
{
	free(c->key);
	sk_census__run_free(&c->run);
}

/* ---- messages ---- */

static int dup_rule(const pupil_entry *first, const pupil_entry *again, unsigned *differs)
{
	/* Two cells that are not codes are told apart by their text's hash
	 * (never kept, never shown). */
	*differs = first->prov != again->prov || first->prov_raw != again->prov_raw ? DUP_PROV
		   : first->need != again->need || first->need_raw != again->need_raw ? DUP_NEED
		   : 0;
	return *differs ? D_DUP_DIFFERS : D_DUP_PUPIL;
}

void sk_census__dup_message(char *out, size_t cap, unsigned first, unsigned differs)
{
	if (!differs)
		snprintf(out, cap, "the same UPN as line %u, in this school's rows before it (a row "
			 "given twice?): the pupil is counted once, from line %u", first, first);
	else
		snprintf(out, cap, "the same UPN as line %u, in this school's rows before it, with "
			 "another %s: the pupil is counted once, from line %u; correct the rows and "
			 "run again", first, differs == DUP_PROV ? "SEN provision" : "primary need",
			 first);
}

/* ---- while reading ---- */

/* The run the row of school s is in: a new one when the school changes (a
 * reader's first ends as its head). */
static pupil_run *run_of(creader *r, size_t school)
{
	if (school == r->run.school)
		return &r->run;
	if (r->in_head && r->run.school != NONE_IDX) {
		r->head = r->run;
		memset(&r->run, 0, sizeof(r->run));
		r->in_head = false;
	}
	run_clear(&r->run, school);
	return &r->run;
}

bool sk_census__pupil_again(creader *r, sk_cgroup *s, const char *row, const pupil_entry *p)
{
	pupil_run *run = run_of(r, (size_t)(s - r->schools.v));
	if (!p->upn[0])
		return false;   /* no UPN: the pupil cannot be told */
	if (r->in_head) {
		/* Judged at the join, where it is reported at its UPN. */
		pupil_entry e = *p;
		sk_census__pos_of(r, row, r->sp[R_UPN].s, &e.at_line, &e.col);
		if (run_append(run, &e) != SK_OK)
			r->nomem = true;
		return false;
	}
	const pupil_entry *first = run_first(run, p, &r->nomem);
	if (!first)
		return false;
	unsigned differs;
	cdiag *d = sk_census__report_slot(r, dup_rule(first, p, &differs), row, r->sp[R_UPN].s);
	if (d) {
		d->ref = first->line;
		d->differs = (unsigned char)differs;
	}
	return true;
}

/* ---- at the join ---- */

/* Takes back what row e of school g counted. */
static void uncount(creader *r, sk_cgroup *g, const pupil_entry *e)
{
	g->n[SK_CN_ON_ROLL]--;
	if (e->prov == SK_PROV_K)
		g->n[SK_CN_SUPPORT]--;
	else if (e->prov == SK_PROV_E)
		g->n[SK_CN_EHCP]--;
	if (e->need >= 0)
		g->n[SK_CN_NEED + (unsigned)e->need]--;
	r->monitoring -= e->monitoring;
}

/* Puts the join's diagnostics (in the order of their lines, all before the
 * reader's others of their rule, since a head comes first) among the
 * reader's, each after those of lines up to its own. */
static int insert_diags(creader *r, const cdiag *add, size_t nadd)
{
	if (!nadd)
		return SK_OK;
	cdiag *v = sk_mem__array(r->ndiags + nadd, sizeof(*v));
	if (!v)
		return SK_ENOMEM;
	size_t i = 0, j = 0, k = 0;
	while (i < r->ndiags || j < nadd)
		v[k++] = j < nadd && (i == r->ndiags || r->diags[i].line > add[j].line)
			 ? add[j++] : r->diags[i++];
	free(r->diags);
	r->diags = v;
	r->ndiags = r->cap_diags = k;
	return SK_OK;
}

static bool same_key(const pupil_carry *c, const sk_cgroup *g)
{
	return c->run.school != NONE_IDX && g->ikey && c->len == g->ikey_len &&
	       memcmp(c->key, g->ikey, c->len) == 0;
}

static int carry_start(pupil_carry *c, const sk_cgroup *g)
{
	if (SK_GROW(c->key, c->cap, (size_t)g->ikey_len + 1) != SK_OK)
		return SK_ENOMEM;
	memcpy(c->key, g->ikey, g->ikey_len);
	c->len = g->ikey_len;
	run_clear(&c->run, 0);
	return SK_OK;
}

/* Judges the head's rows against the carried run, in order. */
static int join_head(pupil_carry *c, creader *r, const pupil_run *head, unsigned base)
{
	sk_cgroup *g = &r->schools.v[head->school];
	if (!same_key(c, g) && carry_start(c, g) != SK_OK)
		return SK_ENOMEM;
	cdiag *add = NULL;
	size_t nadd = 0, cap = 0;
	uint64_t shown[D_COUNT] = {0};
	int rc = SK_OK;
	bool nomem = false;
	for (size_t i = 0; i < head->n && !nomem && rc == SK_OK; i++) {
		pupil_entry e = head->v[i];
		e.line += base;
		const pupil_entry *first = run_first(&c->run, &e, &nomem);
		if (!first)
			continue;
		uncount(r, g, &e);
		unsigned differs;
		int rule = dup_rule(first, &e, &differs);
		r->count[rule]++;
		if (r->f->limit && shown[rule] >= r->f->limit)
			continue;
		shown[rule]++;
		rc = SK_GROW(add, cap, nadd + 1);
		if (rc == SK_OK)
			add[nadd++] = (cdiag){.rule = (unsigned char)rule,
					      .differs = (unsigned char)differs, .ref_abs = true,
					      .line = e.at_line, .col = e.col, .ref = first->line};
	}
	if (nomem)
		rc = SK_ENOMEM;
	if (rc == SK_OK)
		rc = insert_diags(r, add, nadd);
	free(add);
	return rc;
}

int sk_census__join_pupils(pupil_carry *c, creader *r, unsigned base)
{
	/* A reader's rows after its head: their first run is r->run, or the
	 * head itself when the reader's rows are all of one school. */
	const pupil_run *head = r->in_head ? &r->run : &r->head;
	if (r->index > 0 && head->school != NONE_IDX && join_head(c, r, head, base) != SK_OK)
		return SK_ENOMEM;
	if (r->in_head || r->run.school == NONE_IDX)
		return SK_OK;   /* the carried run goes on, or the reader read no pupil */
	if (carry_start(c, &r->schools.v[r->run.school]) != SK_OK)
		return SK_ENOMEM;
	bool nomem = false;
	for (size_t i = 0; i < r->run.n && !nomem; i++) {
		pupil_entry e = r->run.v[i];
		e.line += base;
		(void)run_first(&c->run, &e, &nomem);
	}
	return nomem ? SK_ENOMEM : SK_OK;
}
