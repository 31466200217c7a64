/* The strategy model: sendkit-strategy(5) decoded from a YAML tree. */
#include <string.h>

#include "decode_internal.h"
#include "sendkit/strategy.h"

#define REQ SK_DECODE__REQUIRED
#define OPT SK_DECODE__OPTIONAL

static const sk_decode__key root_keys[] = {
	{"sendkit", REQ}, {"school", REQ}, {"year", REQ},
	{"summary", OPT}, {"headlines", OPT}, {"areas", REQ},
};
static const sk_decode__key school_keys[] = {
	{"name", REQ}, {"urn", REQ}, {"la", OPT}, {"hub", OPT},
};
static const sk_decode__key summary_keys[] = {
	{"census", OPT}, {"on_roll", REQ}, {"sen_support", REQ}, {"ehcp", REQ},
};
static const sk_decode__key headline_keys[] = {
	{"review_date", OPT}, {"strengths", OPT}, {"recommendations", OPT},
};
static const sk_decode__key area_keys[] = {
	{"strengths", OPT}, {"recommendations", OPT}, {"actions", OPT}, {"budget", OPT},
};
static const sk_decode__key action_keys[] = {
	{"action", REQ}, {"cost", REQ}, {"steps", REQ}, {"lead", REQ},
	{"timescale", REQ}, {"success", REQ}, {"review", REQ}, {"impact", OPT},
};
static const sk_decode__key review_keys[] = {
	{"date", REQ}, {"method", REQ},
};
/* In the order of sk_strategy_action.impact. */
static const sk_decode__key impact_keys[SK_TERMS] = {
	{"term1", OPT}, {"term2", OPT}, {"term3", OPT},
	{"term4", OPT}, {"term5", OPT}, {"term6", OPT},
};

static const sk_decode__schema school_schema = SK_DECODE__SCHEMA("\"school\"", school_keys);
static const sk_decode__schema summary_schema = SK_DECODE__SCHEMA("\"summary\"", summary_keys);
static const sk_decode__schema headline_schema =
	SK_DECODE__SCHEMA("\"headlines\"", headline_keys);
static const sk_decode__schema area_schema = SK_DECODE__SCHEMA("this area", area_keys);
static const sk_decode__schema review_schema = SK_DECODE__SCHEMA("\"review\"", review_keys);
static const sk_decode__schema impact_schema = SK_DECODE__SCHEMA("\"impact\"", impact_keys);
/* The maps under a map's keys: their keys at its indentation are named. */
static const sk_decode__nest root_nests[] = {
	{"school", &school_schema}, {"summary", &summary_schema}, {"headlines", &headline_schema},
};
static const sk_decode__nest action_nests[] = {
	{"review", &review_schema}, {"impact", &impact_schema},
};
static const sk_decode__schema root_schema =
	SK_DECODE__SCHEMA_NESTS("the strategy", root_keys, root_nests);
static const sk_decode__schema action_schema =
	SK_DECODE__SCHEMA_NESTS("this action", action_keys, action_nests);

static void decode_action(sk_decode__map *m, void *item)
{
	sk_strategy_action *a = item;
	sk_decode__map review, impact;

	a->pos = m->pos;
	a->action = sk_decode__text(m, "action");
	a->cost = sk_decode__amount(m, "cost");
	a->steps = sk_decode__text(m, "steps");
	a->lead = sk_decode__text(m, "lead");
	a->timescale = sk_decode__timed(m, "timescale", SK_DECODE__FREE_TEXT);
	a->success = sk_decode__text(m, "success");
	sk_decode__child(&review, m, "review", &review_schema);
	a->review_pos = review.pos;
	a->review_date = sk_decode__timed(&review, "date", SK_DECODE__WHEN);
	a->review_method = sk_decode__text(&review, "method");
	sk_decode__child(&impact, m, "impact", &impact_schema);
	for (int i = 0; i < SK_TERMS; i++)
		a->impact[i] = sk_decode__text(&impact, impact_keys[i].name);
}

static void decode_area(sk_decode__map *areas, sk_area which, sk_strategy_area *area)
{
	const char *key = sk_area_key(which);
	const sk_ypair *p = sk_decode__pair(areas, key);
	sk_decode__map m;
	void *actions;

	if (!p)
		return;
	area->present = true;
	area->pos = p->key->pos;
	sk_decode__open_under(&m, areas, p->value, p->key->pos, key, &area_schema);
	area->strengths = sk_decode__list(&m, "strengths");
	area->recommendations = sk_decode__list(&m, "recommendations");
	actions = sk_decode__maps(&m, "actions", &action_schema, sizeof(sk_strategy_action),
				  decode_action, &area->action_count, &area->actions_pos,
				  &area->actions_present);
	area->actions = actions;
	area->budget = sk_decode__amount(&m, "budget");
}

static void decode_areas(sk_decode__map *root, sk_strategy *s)
{
	sk_decode__areas areas;

	s->areas_present = sk_decode__open_areas(&areas, root, SK_DECODE__REQUIRED);
	s->areas_pos = areas.map.pos;
	for (int i = 0; i < SK_AREA_COUNT; i++)
		decode_area(&areas.map, (sk_area)i, &s->areas[i]);
}

static void decode_school(sk_decode__map *root, sk_strategy *s)
{
	sk_decode__map m;

	s->school.present = sk_decode__child(&m, root, "school", &school_schema);
	s->school.pos = m.pos;
	s->school.name = sk_decode__text(&m, "name");
	s->school.urn = sk_decode__text(&m, "urn");
	s->school.la = sk_decode__text(&m, "la");
	s->school.hub = sk_decode__text(&m, "hub");
}

/* The year with an en or em dash (as Word writes "2024\u201325") made a
 * hyphen, when it then reads as an academic year; 0 otherwise. */
static int dashed_year(const char *text)
{
	char plain[32];
	size_t n = 0;
	bool dash = false;
	int start;

	for (const char *p = text; *p && n + 1 < sizeof(plain); p++) {
		if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0) {
			plain[n++] = '-';
			p += 2;
			dash = true;
		} else {
			plain[n++] = *p;
		}
	}
	plain[n] = '\0';
	return dash && sk_academic_year_parse(&start, plain) == SK_OK ? start : 0;
}

/* Before anything with a term in it: "T3" means T3 of this year. */
static void decode_year(sk_decode__map *root, sk_strategy *s)
{
	int dashed;
	char inner[32];

	s->year = sk_decode__text(root, "year");
	if (s->year.s && sk_academic_year_parse(&s->year_start, s->year.s) != SK_OK) {
		s->year_start = 0;
		/* Read as meant, so that its terms are read too; said as an error. */
		if (sk_decode__uncurl(inner, sizeof(inner), s->year.s)
		    && sk_academic_year_parse(&s->year_start, inner) == SK_OK)
			sk_decode__report(root->ctx, s->year.pos, SK_ERROR, "bad-year",
					  "\"%.*s\" " SK_DECODE__CURLY, sk_decode__cut(s->year.s),
					  s->year.s, sk_decode__curly_quotes(s->year.s), inner);
		else if ((dashed = dashed_year(s->year.s)) != 0)
			sk_decode__report(root->ctx, s->year.pos, SK_ERROR, "bad-year",
					  "\"%.*s\" has a dash (\xe2\x80\x93, as Word writes it) "
					  "between the years; write it with a plain hyphen, as %d-%d",
					  sk_decode__cut(s->year.s), s->year.s, dashed, dashed + 1);
		else
			sk_decode__report(root->ctx, s->year.pos, SK_ERROR, "bad-year",
					  "\"%.*s\" is not an academic year; write it as 2023-2024",
					  sk_decode__cut(s->year.s), s->year.s);
	}
	root->ctx->year_start = s->year_start;
	root->ctx->year_unknown = s->year_start == 0;
}

static void decode_summary(sk_decode__map *root, sk_strategy *s)
{
	sk_decode__map m;

	s->summary.present = sk_decode__child(&m, root, "summary", &summary_schema);
	s->summary.pos = m.pos;
	s->summary.census = sk_decode__timed(&m, "census", SK_DECODE__DAY);
	s->summary.on_roll = sk_decode__count(&m, "on_roll");
	s->summary.sen_support = sk_decode__count(&m, "sen_support");
	s->summary.ehcp = sk_decode__count(&m, "ehcp");
}

static void decode_headlines(sk_decode__map *root, sk_strategy *s)
{
	sk_decode__map m;

	s->headlines.present = sk_decode__child(&m, root, "headlines", &headline_schema);
	s->headlines.pos = m.pos;
	s->headlines.review_date = sk_decode__timed(&m, "review_date", SK_DECODE__DAY);
	s->headlines.strengths = sk_decode__list(&m, "strengths");
	s->headlines.recommendations = sk_decode__list(&m, "recommendations");
}

static void decode_strategy(sk_decode__map *root, void *model)
{
	sk_strategy *s = model;

	s->file = root->ctx->file;
	decode_year(root, s);
	decode_school(root, s);
	decode_summary(root, s);
	decode_headlines(root, s);
	decode_areas(root, s);
}

static const sk_decode__model strategy_model = {
	SK_FILE_STRATEGY, "strategy", sizeof(sk_strategy), &root_schema, decode_strategy,
};

int sk_strategy__decode(sk_strategy **out, const sk_ydoc *doc, sk_diags *diags,
			sk_decode__stood *stood)
{
	void *model;
	int rc = sk_decode__run(&model, &strategy_model, doc, diags, stood);

	*out = model;
	return rc;
}

int sk_strategy_decode(sk_strategy **out, const sk_ydoc *doc, sk_diags *diags)
{
	return sk_strategy__decode(out, doc, diags, NULL);
}

int sk_strategy_load(sk_strategy **out, const char *bytes, size_t len, const char *file,
		     sk_diags *diags)
{
	void *model;
	int rc = sk_decode__load(&model, &strategy_model, bytes, len, file, diags);

	*out = model;
	return rc;
}

void sk_strategy_free(sk_strategy *strategy)
{
	sk_decode__free(strategy);
}
