/* The review model: sendkit-review(5) decoded from a YAML tree, and its
 * statements by id, for following and checking links. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"
#include "review_internal.h"
#include "sendkit/review.h"

#define REQ SK_DECODE__REQUIRED
#define OPT SK_DECODE__OPTIONAL

/* Indexed by sk_judgement. */
static const char *const judgement_keys[] = {
	"", "in_place", "partly_in_place", "not_in_place", "not_judged",
};

static const sk_decode__key root_keys[] = {
	{"sendkit", REQ}, {"title", OPT}, {"of", REQ}, {"date", REQ}, {"areas", OPT},
};
static const sk_decode__key of_keys[] = {
	{"trust", OPT}, {"school", OPT},
};
static const sk_decode__key school_keys[] = {
	{"name", REQ}, {"urn", REQ},
};
static const sk_decode__key statement_keys[] = {
	{"id", REQ}, {"statement", REQ}, {"judgement", REQ},
	{"evidence", OPT}, {"actions", OPT}, {"links", OPT},
};
static const sk_decode__key action_keys[] = {
	{"action", REQ}, {"owner", REQ}, {"due", REQ},
};

static const sk_decode__schema school_schema = SK_DECODE__SCHEMA("\"school\"", school_keys);
/* The maps under a map's keys: their keys at its indentation are named. */
static const sk_decode__nest of_nests[] = {{"school", &school_schema}};
static const sk_decode__schema of_schema = SK_DECODE__SCHEMA_NESTS("\"of\"", of_keys, of_nests);
static const sk_decode__nest root_nests[] = {{"of", &of_schema}};
static const sk_decode__schema root_schema =
	SK_DECODE__SCHEMA_NESTS("the review", root_keys, root_nests);
static const sk_decode__schema statement_schema =
	SK_DECODE__SCHEMA("this statement", statement_keys);
static const sk_decode__schema action_schema = SK_DECODE__SCHEMA("this action", action_keys);

int sk_judgement_parse(sk_judgement *out, const char *text)
{
	char buf[24];
	size_t n = 0, len;

	*out = SK_JUDGE_MISSING;
	if (!text)
		return SK_EINVAL;
	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len >= sizeof(buf))
		return SK_EINVAL;
	for (n = 0; n < len; n++) {
		char c = text[n];

		buf[n] = (c == ' ' || c == '-') ? '_' : (char)tolower((unsigned char)c);
	}
	buf[n] = '\0';
	for (size_t j = 1; j < sizeof(judgement_keys) / sizeof(judgement_keys[0]); j++) {
		if (strcmp(buf, judgement_keys[j]) == 0) {
			*out = (sk_judgement)j;
			return SK_OK;
		}
	}
	return SK_EINVAL;
}

const char *sk_judgement_key(sk_judgement j)
{
	return (unsigned)j <= SK_JUDGE_NOT_JUDGED ? judgement_keys[j] : "";
}

static void decode_action(sk_decode__map *m, void *item)
{
	sk_review_action *a = item;

	a->pos = m->pos;
	a->action = sk_decode__text(m, "action");
	a->owner = sk_decode__text(m, "owner");
	a->due = sk_decode__timed(m, "due", SK_DECODE__WHEN);
}

static void decode_judgement(sk_decode__map *m, sk_statement *st)
{
	sk_decode__shown v;
	sk_judgement probe;
	const char *curly;

	st->judgement_text = sk_decode__text(m, "judgement");
	if (!st->judgement_text.s || sk_judgement_parse(&st->judgement, st->judgement_text.s) == SK_OK)
		return;
	sk_decode__show(&v, st->judgement_text.s);
	if (v.first && sk_judgement_parse(&probe, v.plain) == SK_OK)
		sk_decode__report_invisible(m->ctx, st->judgement_text.pos, "bad-judgement",
					    "judgement", &v);
	else if ((curly = sk_decode__curly_quotes(v.plain)) != NULL)
		sk_decode__report(m->ctx, st->judgement_text.pos, SK_ERROR, "bad-judgement",
				  "\"%s\" is in curly quotes (%s, as Word writes them), which YAML "
				  "takes as part of the text: drop them, or use straight quotes",
				  v.text, curly);
	else
		sk_decode__report(m->ctx, st->judgement_text.pos, SK_ERROR, "bad-judgement",
				  "\"%s\" is not a judgement; use in_place, partly_in_place, "
				  "not_in_place or not_judged", v.text);
}

static void decode_statement(sk_decode__map *m, void *item)
{
	sk_statement *st = item;
	void *actions;

	char inner[64];

	st->pos = m->pos;
	st->id = sk_decode__text(m, "id");
	if (st->id.s && sk_decode__uncurl(inner, sizeof(inner), st->id.s))
		sk_decode__report(m->ctx, st->id.pos, SK_WARNING, "yaml-slip",
				  "the id \"%.*s\" " SK_DECODE__CURLY, sk_decode__cut(st->id.s),
				  st->id.s, sk_decode__curly_quotes(st->id.s), inner);
	st->statement = sk_decode__text(m, "statement");
	decode_judgement(m, st);
	st->evidence = sk_decode__text(m, "evidence");
	actions = sk_decode__maps(m, "actions", &action_schema, sizeof(sk_review_action),
				  decode_action, &st->action_count, NULL, NULL);
	st->actions = actions;
	st->links = sk_decode__list(m, "links");
}

static void decode_areas(sk_decode__map *root, sk_review *r)
{
	sk_decode__areas areas;
	size_t total = 0;

	r->areas_present = sk_decode__open_areas(&areas, root, SK_DECODE__OPTIONAL);
	r->areas_pos = areas.map.pos;
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		sk_review_area *area = &r->areas[i];
		void *statements;

		statements = sk_decode__maps(&areas.map, areas.keys[i].name, &statement_schema,
					     sizeof(sk_statement), decode_statement, &area->count,
					     &area->pos, &area->present);
		area->statements = statements;
		total += area->count;
	}
	/* With nothing to score, review-score would print rows of zeros. */
	if (total == 0)
		sk_decode__report(root->ctx, areas.map.pos, SK_ERROR, "empty-area",
				  "the review has no statements; give at least one area "
				  "with its statements under \"areas\"");
}

/* `of` names a trust or a school, never both. */
static void decode_of(sk_decode__map *root, sk_review *r)
{
	sk_decode__map of, school;
	bool trust, is_school;

	sk_decode__child(&of, root, "of", &of_schema);
	r->of_pos = of.pos;
	r->of_trust = sk_decode__text(&of, "trust");
	sk_decode__child(&school, &of, "school", &school_schema);
	r->school_name = sk_decode__text(&school, "name");
	r->school_urn = sk_decode__text(&school, "urn");
	if (!of.node)
		return;
	trust = sk_decode__has(&of, "trust");
	is_school = sk_decode__has(&of, "school");
	if (trust && is_school)
		sk_decode__report(root->ctx, of.pos, SK_ERROR, "of-conflict",
				  "\"of\" names both a trust and a school; a review is of one");
	else if (!trust && !is_school)
		sk_decode__report(root->ctx, of.pos, SK_ERROR, "missing-field",
				  "\"of\" should name a \"trust\" or a \"school\"");
}

/* Before the actions: the decoder reads their "T6" as T6 of the year the
 * review was in, which dues_after_review then moves on where it ended before
 * the review. */
static void decode_date(sk_decode__map *root, sk_review *r)
{
	r->date = sk_decode__timed(root, "date", SK_DECODE__DAY);
	if (sk_date_is_set(r->date.when.due))
		r->year_start = sk_academic_year_of(r->date.when.due);
	root->ctx->year_start = r->year_start;
	root->ctx->year_unknown = r->year_start == 0;
}

/* A due term with no year ("T1", "Autumn 1") is the next one that ends on or
 * after the review's date (sk_when_parse_from), not the one of the review's
 * academic year that had ended before the review agreed the action. */
static void dues_after_review(sk_review *r)
{
	if (!sk_date_is_set(r->date.when.due))
		return;
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		for (size_t j = 0; j < r->areas[i].count; j++) {
			const sk_statement *st = &r->areas[i].statements[j];
			/* The decoder's own array, const only to the model's readers. */
			sk_review_action *a = (sk_review_action *)(uintptr_t)st->actions;

			for (size_t k = 0; k < st->action_count; k++)
				if (a[k].due.text.s && a[k].due.when.kind != SK_WHEN_NONE)
					sk_when_parse_from(&a[k].due.when, a[k].due.text.s,
							   r->date.when.due);
		}
	}
}

static void decode_review(sk_decode__map *root, void *model)
{
	sk_review *r = model;

	r->file = root->ctx->file;
	r->title = sk_decode__text(root, "title");
	decode_of(root, r);
	decode_date(root, r);
	decode_areas(root, r);
	dues_after_review(r);
}

static const sk_decode__model review_model = {
	SK_FILE_REVIEW, "review", sizeof(sk_review), &root_schema, decode_review,
};

int sk_review__decode(sk_review **out, const sk_ydoc *doc, sk_diags *diags,
		      sk_decode__stood *stood)
{
	void *model;
	int rc = sk_decode__run(&model, &review_model, doc, diags, stood);

	*out = model;
	return rc;
}

int sk_review_decode(sk_review **out, const sk_ydoc *doc, sk_diags *diags)
{
	return sk_review__decode(out, doc, diags, NULL);
}

int sk_review_load(sk_review **out, const char *bytes, size_t len, const char *file,
		   sk_diags *diags)
{
	void *model;
	int rc = sk_decode__load(&model, &review_model, bytes, len, file, diags);

	*out = model;
	return rc;
}

void sk_review_free(sk_review *review)
{
	sk_decode__free(review);
}

/* ---- statements by id ---- */

/* Every statement of a review, sorted by id and then by file order, so that
 * ids resolve by binary search and the first of equal ids is the original. */
typedef struct id_entry {
	const char *id;
	size_t ord;
	const sk_statement *st;
} id_entry;

struct sk_review_index {
	id_entry *v;
	size_t n;
};

static int cmp_entry(const void *a, const void *b)
{
	const id_entry *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static size_t statement_count(const sk_review *r)
{
	size_t n = 0;

	for (int a = 0; a < SK_AREA_COUNT; a++)
		n += r->areas[a].count;
	return n;
}

sk_review_index *sk_review_index_new(const sk_review *r)
{
	size_t n = statement_count(r), ord = 0;
	sk_review_index *ix = malloc(sizeof(*ix));

	if (!ix)
		return NULL;
	ix->n = 0;
	ix->v = malloc((n ? n : 1) * sizeof(*ix->v));
	if (!ix->v) {
		free(ix);
		return NULL;
	}
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		for (size_t i = 0; i < r->areas[a].count; i++, ord++) {
			const sk_statement *st = &r->areas[a].statements[i];

			if (st->id.s)
				ix->v[ix->n++] = (id_entry){st->id.s, ord, st};
		}
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp_entry);
	return ix;
}

const sk_statement *sk_review_index_find(const sk_review_index *ix, const char *id)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && strcmp(ix->v[lo].id, id) == 0 ? ix->v[lo].st : NULL;
}

void sk_review_index_free(sk_review_index *ix)
{
	if (ix)
		free(ix->v);
	free(ix);
}

static bool is_self_link(const sk_statement *st, const char *link)
{
	return st->id.s && strcmp(st->id.s, link) == 0;
}

bool sk_review__link_broken(const sk_review_index *ix, const sk_statement *st, const char *link)
{
	return is_self_link(st, link) || !sk_review_index_find(ix, link);
}

/* "links: 4.1, 2.2": a text YAML reads as one link. When a part between its
 * commas is a statement's id, *out gets the list form, ["4.1", "2.2"]. */
static bool id_links(const char *s, const sk_review_index *ix, char *out, size_t cap,
		     bool *others);

static bool comma_links(const char *s, const sk_review_index *ix, char *out, size_t cap,
			bool *others)
{
	size_t used = 0;
	bool known = false;
	char part[64];

	*others = false;
	if (!strchr(s, ','))
		return id_links(s, ix, out, cap, others);
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, ",");
		const char *a = p, *b = p + n;

		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		if (b == a || (size_t)(b - a) >= sizeof(part) || used + (size_t)(b - a) + 6 > cap)
			return false;
		memcpy(part, a, (size_t)(b - a));
		part[b - a] = '\0';
		known = known || sk_review_index_find(ix, part);
		used += (size_t)snprintf(out + used, cap - used, "%s\"%s\"", used ? ", " : "[", part);
		p += n + (p[n] == ',');
	}
	memcpy(out + used, "]", 2);   /* room kept by the test above */
	return known;
}

/* The parts of an id ("1.8": 2), or 0 when a part is empty or longer than
 * three digits, as no statement's is ("12.03.2024"). */
static size_t id_parts(const char *s, size_t n)
{
	size_t parts = 1, run = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '.') {
			if (++run > 3)
				return 0;
		} else if (run == 0) {
			return 0;
		} else {
			parts++;
			run = 0;
		}
	}
	return run ? parts : 0;
}

/* Whether s[0..n), a number in a text at p, is shaped as the review's ids:
 * as many parts as one of them has (two when it has none), no currency sign
 * before it ("\u00a31.50") and no "%" after it ("92.5%"). */
static bool id_shaped(const char *text, const char *p, size_t n, const sk_review_index *ix)
{
	size_t parts = id_parts(p, n), k = n;
	bool like = ix->n == 0 && parts == 2;
	const char *b = p;

	while (b > text && b[-1] == ' ')
		b--;
	if (b > text && (b[-1] == '$' || (b - text >= 2 && memcmp(b - 2, "\xc2\xa3", 2) == 0)
			 || (b - text >= 3 && memcmp(b - 3, "\xe2\x82\xac", 3) == 0)))
		return false;
	while (p[k] == ' ')
		k++;
	if (p[k] == '%')
		return false;
	for (size_t i = 0; i < ix->n && !like && parts; i++)
		like = id_parts(ix->v[i].id, strlen(ix->v[i].id)) == parts;
	return like;
}

/* "links: Linked to 1.8 & 1.9", as a review's text writes them: the
 * numbers in it ("1.8", "2.10") when one is a statement's id, in the list
 * form through out; those that are not ids and not shaped as them (an
 * amount, a percentage, a date) left out, *others set. */
static bool id_links(const char *s, const sk_review_index *ix, char *out, size_t cap,
		     bool *others)
{
	size_t used = 0, count = 0;
	bool known = false, id;
	char part[16];

	*others = false;
	for (const char *p = s; *p;) {
		size_t n = strspn(p, "0123456789.");

		while (n > 0 && p[n - 1] == '.')
			n--;
		if (n == 0 || *p == '.' || !memchr(p, '.', n)
		    || (p > s && isalnum((unsigned char)p[-1]))) {
			p += n ? n : 1;
			continue;
		}
		if (n >= sizeof(part)) {
			*others = true;
			p += n;
			continue;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		id = sk_review_index_find(ix, part) != NULL;
		if (!id && !id_shaped(s, p, n, ix)) {
			*others = true;
			p += n;
			continue;
		}
		if (used + n + 6 > cap)
			return false;
		known = known || id;
		used += (size_t)snprintf(out + used, cap - used, "%s\"%s\"", used ? ", " : "[", part);
		count++;
		p += n;
	}
	if (!count || (count == 1 && strspn(s, "0123456789.") == strlen(s)))
		return false;     /* none, or the link is one id */
	memcpy(out + used, "]", 2);   /* room kept by the test above */
	return known;
}

/* The statement whose id is `id` in Word's curly quotes ("\u201c4.1\u201d"),
 * or NULL. */
static const sk_statement *curled_id(const sk_review_index *ix, const char *id)
{
	static const char *const pairs[][2] = {
		{"\xe2\x80\x9c", "\xe2\x80\x9d"}, {"\xe2\x80\x98", "\xe2\x80\x99"},
	};
	const sk_statement *st = NULL;
	char curled[80];

	for (size_t i = 0; i < 2 && !st && strlen(id) + 7 <= sizeof(curled); i++) {
		snprintf(curled, sizeof(curled), "%s%s%s", pairs[i][0], id, pairs[i][1]);
		st = sk_review_index_find(ix, curled);
	}
	return st;
}

static int check_statement(const sk_review *r, const sk_statement *st,
			   const sk_review_index *ix, sk_diags *diags)
{
	const sk_statement *first = st->id.s ? sk_review_index_find(ix, st->id.s) : NULL;
	const sk_statement *curled;
	char list[160];
	bool others;
	int rc = SK_OK;

	if (first && first != st) {
		sk_pos at = st->id.pos.line ? st->id.pos : st->pos;

		rc = sk_diags_add(diags, r->file, at, SK_ERROR, "duplicate-id",
				  "statement id \"%.40s\" is already used at line %u; "
				  "give each statement its own id", st->id.s,
				  first->id.pos.line ? first->id.pos.line : first->pos.line);
	}
	for (size_t i = 0; rc == SK_OK && i < st->links.count; i++) {
		const sk_text *link = &st->links.items[i];

		if (is_self_link(st, link->s))
			rc = sk_diags_add(diags, r->file, link->pos, SK_WARNING, "self-link",
					  "statement \"%.40s\" is linked to itself", link->s);
		else if (!sk_review_index_find(ix, link->s)
			 && comma_links(link->s, ix, list, sizeof(list), &others))
			rc = sk_diags_add(diags, r->file, link->pos, SK_ERROR, "broken-link",
					  "\"links\" is a text here, read as one link to \"%.40s\": "
					  "write each id in a list, as in links: %s%s", link->s, list,
					  others ? " (the numbers in it that are an amount, a "
					  "percentage or a date are left out)" : "");
		else if ((curled = curled_id(ix, link->s)) != NULL)
			rc = sk_diags_add(diags, r->file, link->pos, SK_ERROR, "broken-link",
					  "link to \"%.40s\", but the statement with that id has it "
					  "in curly quotes (line %u), as Word writes them: use straight "
					  "quotes there, as in id: \"%.40s\"", link->s,
					  curled->id.pos.line, link->s);
		else if (!sk_review_index_find(ix, link->s))
			rc = sk_diags_add(diags, r->file, link->pos, SK_ERROR, "broken-link",
					  "link to \"%.40s\", but no statement has that id",
					  link->s);
	}
	return rc;
}

int sk_review_check_links(const sk_review *review, sk_diags *diags)
{
	sk_review_index *ix = sk_review_index_new(review);
	int rc;

	if (!ix)
		return SK_ENOMEM;
	rc = SK_OK;
	for (int a = 0; rc == SK_OK && a < SK_AREA_COUNT; a++) {
		const sk_review_area *area = &review->areas[a];

		for (size_t i = 0; rc == SK_OK && i < area->count; i++)
			rc = check_statement(review, &area->statements[i], ix, diags);
	}
	sk_review_index_free(ix);
	return rc;
}

bool sk_review_action_overdue(const sk_review_action *action, sk_date as_of)
{
	const sk_when *w = &action->due.when;
	return (w->kind == SK_WHEN_DATE || w->kind == SK_WHEN_RANGE) && sk_date_is_set(as_of)
	       && sk_date_cmp(w->due, as_of) < 0;
}
