/* The hub's page as tables, one per section, that every format writes: for
 * people (words, "1,234", "c" for a count not shown) or for JSON (column keys,
 * plain numbers, null). Percentages and scores have one decimal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub.h"
#include "mem_internal.h"

static const char *const section_keys[HUB_SECTIONS] = {
	"schools", "need", "reviews", "strategies", "focus_needs", "focus_reviews", "trend",
};
static const char *const section_titles[HUB_SECTIONS] = {
	"Schools side by side", "Profile of need (% of pupils with SEN)", "Reviews", "Strategies",
	"Where to focus the CPD offer: needs (% of pupils with SEN)",
	"Where to focus the CPD offer: review areas",
	"Trend",
};
/* The review areas in a column heading. */
static const char *const area_short[SK_AREA_COUNT] = {
	"Leadership", "Identification", "Tracking", "Teaching", "Provision",
};

const char *hub_section_key(hub_section s)
{
	return section_keys[s];
}

const char *hub_section_title(hub_section s)
{
	return section_titles[s];
}

/* Whether the page's latest term has no date, so that nothing is compared
 * with national (there is no January census to take national figures of). */
static bool undated(const hub_page *p)
{
	return p->latest && !p->census_year;
}

const char *hub_section_empty(const hub_page *p, hub_section s)
{
	if (s == HUB_FOCUS_NEEDS && undated(p))
		return "Not known: the census term has no date, so its needs are not "
		       "compared with national figures.";
	if (s == HUB_FOCUS_NEEDS && p->group && !p->nat_need)
		return "Not known: no national figures of need are given for the census's "
		       "January or before, so the needs are not compared with national figures.";
	return "None.";
}

/* A table's cells, held until the row is added. */
typedef struct cells {
	char buf[32][48];
	char name[4 * HUB_NAME_MAX + 4];   /* a name cut for a terminal */
	const char *v[32];
	size_t n;
	hub_style style;
} cells;

static void cell_text(cells *c, const char *s)
{
	c->v[c->n++] = s;
}

/* A name: for a terminal, cut after HUB_NAME_MAX - 1 columns with "…",
 * so that one long word (a web address, a name without spaces) does not
 * push the other columns off the screen. The columns are those of the name
 * as the terminal table shows it (a control character as \x1b is four). */
static void cell_name(cells *c, const char *s)
{
	size_t len = s ? strlen(s) : 0, cut = 0;
	if (c->style != HUB_FOR_TERMINAL || sk_escape_visible_width(s, len) <= HUB_NAME_MAX) {
		cell_text(c, s);
		return;
	}
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (sk_escape_visible_width(s, i) > HUB_NAME_MAX - 1)
				break;
			cut = i;
		}
	static const char ellipsis[] = "\xe2\x80\xa6";
	if (cut > sizeof(c->name) - sizeof(ellipsis))
		cut = sizeof(c->name) - sizeof(ellipsis);   /* not UTF-8: no longer than this */
	memcpy(c->name, s, cut);
	memcpy(c->name + cut, ellipsis, sizeof(ellipsis));
	cell_text(c, c->name);
}

/* A count, percentage (tenths) or money; "c" when suppressed, else NULL
 * (empty: the notes say why). */
typedef enum num_kind { NUM_COUNT = 0, NUM_PCT, NUM_CHANGE, NUM_PTS, NUM_MONEY } num_kind;

static void cell_num(cells *c, sk_value v, num_kind k)
{
	char *b = c->buf[c->n];
	const size_t size = sizeof(c->buf[0]);
	const char *s = NULL;
	if (v.state == SK_VALUE_SUPPRESSED) {
		s = SK_TABLE_SUPPRESSED;
	} else if (v.state == SK_VALUE_KNOWN && c->style == HUB_FOR_JSON) {
		if (k == NUM_PCT || k == NUM_PTS)
			sk_pct_format(b, size, v.value, false);
		else
			snprintf(b, size, "%lld", (long long)v.value);
		s = b;
	} else if (v.state == SK_VALUE_KNOWN) {
		if (k == NUM_PCT || k == NUM_PTS)
			s = nut_pct_text(b, size, v, k == NUM_PTS);
		else if (k == NUM_MONEY)
			s = nut_money_text(b, size, v);
		else if (k == NUM_CHANGE && v.value > 0 && nut_count_text(b + 1, size - 1, v))
			s = (b[0] = '+', b);
		else
			s = nut_count_text(b, size, v);
	}
	c->v[c->n++] = s;
}

static void cell_size(cells *c, size_t n)
{
	cell_num(c, (sk_value){SK_VALUE_KNOWN, (int64_t)n}, NUM_COUNT);
}

/* A column of a section: its JSON key and its heading for people (NULL: in
 * JSON only), declared together so that the two never drift apart. */
typedef struct hub_col {
	const char *key, *heading;
	sk_column_type type;
} hub_col;

#define HUB_COLS_MAX 24

/* The table of the columns `cols` in `style`; NULL when out of memory. */
static sk_table *columns_table(const hub_col *cols, size_t n, hub_style style)
{
	sk_column v[HUB_COLS_MAX];
	size_t k = 0;
	for (size_t i = 0; i < n && k < HUB_COLS_MAX; i++)
		if (style == HUB_FOR_JSON || cols[i].heading)
			v[k++] = (sk_column){style == HUB_FOR_JSON ? cols[i].key : cols[i].heading,
					     cols[i].type};
	return sk_table_new(v, k);
}

#define COLUMNS_TABLE(cols, style) columns_table(cols, sizeof(cols) / sizeof(cols[0]), style)


static bool add(sk_table *t, cells *c)
{
	bool ok = t && sk_table_add_row(t, c->v) == SK_OK;
	c->n = 0;
	return ok;
}

static const char *school_name(char *buf, size_t size, const hub_line *l)
{
	if (nut_value_set(l->title))
		return l->title;
	snprintf(buf, size, "School with URN %s", l->urn);
	return buf;
}

/* A school's name, and its URN in JSON: the start of its row. */
static void school_cells(cells *c, char *buf, size_t size, const hub_school *s)
{
	cell_name(c, school_name(buf, size, &s->line));
	if (c->style == HUB_FOR_JSON)
		cell_text(c, s->line.urn);
}

/* A reference row's name for people: "Hub: Mendip", "LA: Somerset". */
static const char *line_name(char *buf, size_t size, const hub_line *l,
			     const sk_national_entry *nat, hub_style style)
{
	if (strcmp(l->level, "school") == 0)
		return school_name(buf, size, l);
	if (style == HUB_FOR_JSON)
		return l->title;
	if (strcmp(l->level, "hub") == 0)
		snprintf(buf, size, "Hub: %s", l->title);
	else if (strcmp(l->level, "la") == 0)
		snprintf(buf, size, "LA: %s", l->title);
	else if (strcmp(l->level, "national") == 0 && nat)
		snprintf(buf, size, "National (January %d)", nat->year);
	else if (strcmp(l->level, "national") == 0)
		snprintf(buf, size, "National (not known)");
	else
		return l->title;
	return buf;
}

/* The lines of the schools side by side: each school, then the references. */
static const hub_line *line_at(const hub_page *p, size_t i)
{
	return i < p->school_count ? &p->schools[i].line : &p->refs[i - p->school_count];
}

static sk_table *schools_table(const hub_page *p, hub_style style)
{
	char since[64], term[64];
	const char *prev = p->previous ? nut_term_text(term, sizeof(term), p->previous) : NULL;
	snprintf(since, sizeof(since), "All SEN since %s", prev ? prev : "last term");
	const hub_col cols[] = {
		{"level", NULL, SK_COL_TEXT}, {"name", "School", SK_COL_TEXT},
		{"urn", "URN", SK_COL_TEXT}, {"on_roll", "On roll", SK_COL_NUMBER},
		{"sen_support", "SEN support", SK_COL_NUMBER},
		{"sen_support_pct", "%", SK_COL_NUMBER}, {"ehcp", "EHC plans", SK_COL_NUMBER},
		{"ehcp_pct", "%", SK_COL_NUMBER}, {"sen", "All SEN", SK_COL_NUMBER},
		{"sen_pct", "%", SK_COL_NUMBER}, {"sen_change", since, SK_COL_NUMBER},
		{"sen_pct_change", "pts", SK_COL_NUMBER},
	};
	sk_table *t = COLUMNS_TABLE(cols, style);
	size_t ncols = t ? sk_table_column_count(t) : 0;
	cells c = {.style = style};
	char name[160];
	for (size_t i = 0; t && i < p->school_count + p->ref_count; i++) {
		const hub_line *l = line_at(p, i);
		if (style == HUB_FOR_JSON)
			cell_text(&c, l->level);
		cell_name(&c, line_name(name, sizeof(name), l, p->nat, style));
		cell_text(&c, l->urn);
		if (!l->row && strcmp(l->level, "national") != 0) {
			/* Not in the latest term: said in words, never as 0. */
			cell_text(&c, style == HUB_FOR_JSON ? NULL : "not in census");
			for (size_t k = c.n; k < ncols; k++)
				cell_text(&c, NULL);
		} else {
			cell_num(&c, l->on_roll, NUM_COUNT);
			for (int m = 0; m < SK_MEASURE_COUNT; m++) {
				cell_num(&c, l->fig[m].count, NUM_COUNT);
				cell_num(&c, l->fig[m].pct, NUM_PCT);
			}
			cell_num(&c, l->fig[SK_MEASURE_SEN].change, NUM_CHANGE);
			cell_num(&c, l->fig[SK_MEASURE_SEN].change_pct, NUM_PTS);
		}
		if (!add(t, &c))
			break;
	}
	return t;
}

static sk_table *need_table(const hub_page *p, hub_style style)
{
	hub_col cols[2 + SK_BROAD_COUNT] = {{"level", NULL, SK_COL_TEXT},
					    {"name", "School", SK_COL_TEXT}};
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		cols[2 + i] = (hub_col){sk_broad_area_key((sk_broad_area)i),
					sk_broad_area_label((sk_broad_area)i), SK_COL_NUMBER};
	bool json = style == HUB_FOR_JSON;
	sk_table *t = COLUMNS_TABLE(cols, style);
	cells c = {.style = style};
	char name[160];
	for (size_t i = 0; t && i < p->school_count + p->ref_count; i++) {
		const hub_line *l = line_at(p, i);
		if (json)
			cell_text(&c, l->level);
		cell_name(&c, line_name(name, sizeof(name), l, p->nat_need, style));
		for (int b = 0; b < SK_BROAD_COUNT; b++)
			cell_num(&c, l->broad[b], NUM_PCT);
		if (!add(t, &c))
			break;
	}
	return t;
}

static void area_cells(cells *c, const sk_area_score *a, bool present)
{
	if (!present || !a->present || a->score_tenths < 0) {
		cell_text(c, NULL);
		if (c->style == HUB_FOR_JSON)
			cell_text(c, NULL);
		return;
	}
	char *b = c->buf[c->n];
	const size_t size = sizeof(c->buf[0]);
	size_t n = sk_pct_format(b, size, a->score_tenths, false);
	if (c->style == HUB_FOR_JSON) {
		c->v[c->n++] = b;
		c->v[c->n++] = sk_rating_name(a->rating);
	} else {
		snprintf(b + n, size - n, "%% %s", sk_rating_name(a->rating));
		c->v[c->n++] = b;
	}
}

static sk_table *reviews_table(const hub_page *p, hub_style style)
{
	bool json = style == HUB_FOR_JSON;
	hub_col cols[3 + 2 * (SK_AREA_COUNT + 1) + 3] = {
		{"name", "School", SK_COL_TEXT}, {"urn", NULL, SK_COL_TEXT},
		{"review_date", "Review", SK_COL_TEXT}};
	char score_keys[SK_AREA_COUNT][48];
	size_t k = 3;
	/* Each area's score is a column of its own in JSON only; people read it
	 * in the rating's cell ("83.3% strength"). */
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		snprintf(score_keys[a], sizeof(score_keys[a]), "%s_score", sk_area_key((sk_area)a));
		cols[k++] = (hub_col){score_keys[a], NULL, SK_COL_NUMBER};
		cols[k++] = (hub_col){sk_area_key((sk_area)a), area_short[a], SK_COL_TEXT};
	}
	cols[k++] = (hub_col){"overall_score", NULL, SK_COL_NUMBER};
	cols[k++] = (hub_col){"overall", "Overall", SK_COL_TEXT};
	cols[k++] = (hub_col){"actions_overdue", "Overdue", SK_COL_NUMBER};
	cols[k++] = (hub_col){"actions_without_owner", "No owner", SK_COL_NUMBER};
	cols[k++] = (hub_col){"actions_without_due", "No due date", SK_COL_NUMBER};
	sk_table *t = columns_table(cols, k, style);
	cells c = {.style = style};
	char name[160], date[32];
	for (size_t i = 0; t && i < p->school_count; i++) {
		const hub_school *s = &p->schools[i];
		school_cells(&c, name, sizeof(name), s);
		const sk_review *rv = s->review ? s->review->rv : NULL;
		if (!rv)
			cell_text(&c, json ? NULL : "no review");
		else if (json)
			cell_text(&c, rv->date.text.s);
		else
			cell_text(&c, nut_timed_text(date, sizeof(date), &rv->date));
		for (int a = 0; a < SK_AREA_COUNT; a++)
			area_cells(&c, &s->score.areas[a], rv != NULL);
		area_cells(&c, &s->score.overall, rv != NULL);
		const sk_area_score *o = &s->score.overall;
		if (rv) {
			cell_size(&c, o->actions_overdue);
			cell_size(&c, o->actions_without_owner);
			cell_size(&c, o->actions_without_due);
		} else {
			for (int n = 0; n < 3; n++)
				cell_text(&c, NULL);
		}
		if (!add(t, &c))
			break;
	}
	if (!json && t && p->reviewed) {
		/* The areas most often rated priority across the hub. */
		cell_text(&c, "Rated priority");
		cell_text(&c, NULL);
		for (int a = 0; a < SK_AREA_COUNT; a++)
			cell_size(&c, p->priority[a]);
		for (int n = 0; n < 4; n++)
			cell_text(&c, NULL);
		add(t, &c);
	}
	return t;
}

static sk_table *strategies_table(const hub_page *p, hub_style style)
{
	static const hub_col cols[] = {
		{"name", "School", SK_COL_TEXT}, {"urn", NULL, SK_COL_TEXT},
		{"year", "Year", SK_COL_TEXT}, {"budget_pence", "Budget", SK_COL_NUMBER},
		{"actions", "Actions", SK_COL_NUMBER}, {"lint_errors", NULL, SK_COL_NUMBER},
		{"lint_warnings", NULL, SK_COL_NUMBER}, {"complete", "Complete", SK_COL_BOOLEAN},
	};
	bool json = style == HUB_FOR_JSON;
	sk_table *t = COLUMNS_TABLE(cols, style);
	size_t ncols = t ? sk_table_column_count(t) : 0;
	cells c = {.style = style};
	char name[160], lint[80];
	for (size_t i = 0; t && i < p->school_count; i++) {
		const hub_school *s = &p->schools[i];
		school_cells(&c, name, sizeof(name), s);
		if (!s->strategy) {
			cell_text(&c, json ? NULL : "no strategy");
			while (c.n < ncols)
				cell_text(&c, NULL);
		} else {
			const hub_strategy *h = s->strategy;
			cell_text(&c, s->year[0] ? s->year : NULL);
			if (json || s->budget.state == SK_VALUE_KNOWN)
				cell_num(&c, s->budget, NUM_MONEY);
			else    /* withheld: in the school's page's word */
				cell_text(&c, nut_missing_word(s->budget));
			cell_size(&c, s->actions);
			bool complete = nut_strategy_complete(h->errors);
			if (json) {
				cell_size(&c, h->errors);
				cell_size(&c, h->warnings);
				cell_text(&c, complete ? "true" : "false");
			} else if (complete) {
				cell_text(&c, "yes");
			} else {
				cell_text(&c, nut_incomplete_text(lint, sizeof(lint), h->errors,
								  h->warnings));
			}
		}
		if (!add(t, &c))
			break;
	}
	return t;
}

static sk_table *focus_needs_table(const hub_page *p, hub_style style)
{
	char mine[48];
	snprintf(mine, sizeof(mine), "%s %%", p->hub ? "Hub" : "Trust");
	const hub_col cols[] = {
		{"kind", NULL, SK_COL_TEXT}, {"key", NULL, SK_COL_TEXT},
		{"label", "Broad area or need", SK_COL_TEXT}, {"count", "Pupils", SK_COL_NUMBER},
		{"share", mine, SK_COL_NUMBER}, {"national_share", "National %", SK_COL_NUMBER},
		{"difference", "Above (pts)", SK_COL_NUMBER},
	};
	bool json = style == HUB_FOR_JSON;
	sk_table *t = COLUMNS_TABLE(cols, style);
	cells c = {.style = style};
	for (size_t i = 0; t && i < p->broad_count + p->need_count; i++) {
		bool broad = i < p->broad_count;
		const hub_focus_need *f = broad ? &p->broad[i] : &p->need[i - p->broad_count];
		if (json) {
			cell_text(&c, broad ? "broad_area" : "need");
			cell_text(&c, f->key);
		}
		cell_text(&c, f->label);
		cell_num(&c, f->count, NUM_COUNT);
		cell_num(&c, f->share, NUM_PCT);
		cell_num(&c, f->national, NUM_PCT);
		cell_num(&c, f->diff, json ? NUM_PCT : NUM_PTS);
		if (!add(t, &c))
			break;
	}
	return t;
}

static sk_table *focus_reviews_table(const hub_page *p, hub_style style)
{
	static const hub_col cols[] = {
		{"area", NULL, SK_COL_TEXT}, {"label", "Review area", SK_COL_TEXT},
		{"reviewed", "Schools", SK_COL_NUMBER}, {"priority", "Priority", SK_COL_NUMBER},
		{"developing", NULL, SK_COL_NUMBER}, {"lowest_score", "Lowest", SK_COL_NUMBER},
		{"pooled_score", "Overall", SK_COL_NUMBER},
	};
	bool json = style == HUB_FOR_JSON;
	sk_table *t = COLUMNS_TABLE(cols, style);
	cells c = {.style = style};
	size_t shown = json ? p->area_count : (p->area_count < HUB_FOCUS ? p->area_count
					       : HUB_FOCUS);
	for (size_t i = 0; t && i < shown; i++) {
		const hub_focus_area *f = &p->area[i];
		if (json)
			cell_text(&c, sk_area_key((sk_area)f->area));
		cell_text(&c, sk_area_label((sk_area)f->area));
		cell_size(&c, f->reviewed);
		cell_size(&c, f->priority);
		if (json)
			cell_size(&c, f->developing);
		cell_num(&c, (sk_value){SK_VALUE_KNOWN, f->lowest}, NUM_PCT);
		cell_num(&c, f->pooled, NUM_PCT);
		if (!add(t, &c))
			break;
	}
	return t;
}

static sk_table *trend_table(const hub_page *p, hub_style style)
{
	const hub_col cols[] = {
		{"term", "Census", SK_COL_TEXT}, {"national_year", "National of", SK_COL_NUMBER},
		{"sen_support_pct", "SEN support %", SK_COL_NUMBER},
		{"national_sen_support_pct", "National", SK_COL_NUMBER},
		{"ehcp_pct", "EHC plans %", SK_COL_NUMBER},
		{"national_ehcp_pct", "National", SK_COL_NUMBER}, {"sen_pct", "All SEN %", SK_COL_NUMBER},
		{"national_sen_pct", "National", SK_COL_NUMBER},
	};
	sk_table *t = COLUMNS_TABLE(cols, style);
	cells c = {.style = style};
	char term[64], year[32];
	for (size_t i = 0; t && i < p->trend_count; i++) {
		const hub_trend *tr = &p->trend[i];
		cell_text(&c, style == HUB_FOR_JSON ? tr->term
			  : nut_term_text(term, sizeof(term), tr->term));
		/* Each term's own January (nutshell(1), Which year): none is said, never another's. */
		if (tr->nat)
			snprintf(year, sizeof(year), style == HUB_FOR_JSON ? "%d" : "January %d",
				 tr->nat->year);
		else
			snprintf(year, sizeof(year), "%s", style == HUB_FOR_JSON ? "" :
				 tr->year ? "none" : "date not known");
		cell_text(&c, year[0] ? year : NULL);
		for (int m = 0; m < SK_MEASURE_COUNT; m++) {
			cell_num(&c, tr->pct[m], NUM_PCT);
			cell_num(&c, tr->nat_pct[m], NUM_PCT);
		}
		if (!add(t, &c))
			break;
	}
	return t;
}

sk_table *hub_section_table(const hub_page *p, hub_section s, hub_style style)
{
	switch (s) {
	case HUB_SCHOOLS: return schools_table(p, style);
	case HUB_NEED: return need_table(p, style);
	case HUB_REVIEWS: return reviews_table(p, style);
	case HUB_STRATEGIES: return strategies_table(p, style);
	case HUB_FOCUS_NEEDS: return focus_needs_table(p, style);
	case HUB_FOCUS_REVIEWS: return focus_reviews_table(p, style);
	case HUB_TREND: return trend_table(p, style);
	default: return NULL;
	}
}

/* ---- words ---- */

const char *hub_page_title(char *buf, size_t size, const hub_page *p)
{
	if (p->hub)
		snprintf(buf, size, "%s hub", p->hub);
	else
		snprintf(buf, size, "The trust");
	return buf;
}

const char *hub_page_source(char *buf, size_t size, const hub_page *p)
{
	char a[64], b[64], d[32];
	const char *latest = p->latest ? nut_term_text(a, sizeof(a), p->latest) : NULL;
	const char *prev = p->previous ? nut_term_text(b, sizeof(b), p->previous) : NULL;
	int n;
	if (!latest)
		n = snprintf(buf, size, "No census figures were given.");
	else if (prev)
		n = snprintf(buf, size, "%s census, compared with %s.", latest, prev);
	else
		n = snprintf(buf, size, "%s census.", latest);
	if (n < 0 || (size_t)n >= size)
		return buf;
	if (p->nat)
		n += snprintf(buf + n, size - (size_t)n, " National figures: January %d.",
			      p->nat->year);
	if (n >= 0 && (size_t)n < size && nut_date_text(d, sizeof(d), p->as_of))
		snprintf(buf + n, size - (size_t)n, " Reviews' actions as at %s.", d);
	return buf;
}

/* The notes of a page, as they are written. */
typedef struct note_list {
	char **v;
	size_t n, cap;
} note_list;

static int note(note_list *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int note(note_list *l, const char *fmt, ...)
{
	if (SK_GROW(l->v, l->cap, l->n + 1) != SK_OK)
		return SK_ENOMEM;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (!s)
		return SK_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	l->v[l->n++] = s;
	return SK_OK;
}

static bool any_suppressed(const hub_page *p)
{
	for (size_t i = 0; i < p->school_count + p->ref_count; i++) {
		const hub_line *l = line_at(p, i);
		for (int m = 0; m < SK_MEASURE_COUNT; m++)
			if (l->fig[m].count.state == SK_VALUE_SUPPRESSED
			    || l->fig[m].pct.state == SK_VALUE_SUPPRESSED)
				return true;
		for (int b = 0; b < SK_BROAD_COUNT; b++)
			if (l->broad[b].state == SK_VALUE_SUPPRESSED)
				return true;
	}
	return false;
}

/* What a school lacks, or what was passed over for what is shown, each said
 * once for all the schools it is true of, so that fifteen schools' gaps take
 * a few lines. */
typedef enum miss_kind {
	MISS_TERM = 0, MISS_PREV, MISS_BOTH, MISS_STRATEGY, MISS_REVIEW, MISS_STRATEGY_LATER,
	MISS_REVIEW_LATER, MISS_REVIEW_EMPTY, MISS_KINDS
} miss_kind;

static bool misses(const hub_page *p, const hub_school *s, miss_kind k)
{
	bool no_strategy = !s->strategy && !s->later, no_review = !s->review && !s->passed;
	switch (k) {
	case MISS_TERM: return p->latest && !s->line.row;
	case MISS_PREV: return p->latest && p->previous && s->line.row && !s->line.prev;
	case MISS_BOTH: return no_strategy && no_review;
	case MISS_STRATEGY: return no_strategy && !no_review;
	case MISS_REVIEW: return no_review && !no_strategy;
	case MISS_STRATEGY_LATER: return s->later != NULL;
	case MISS_REVIEW_LATER: return s->passed && s->passed_after;
	case MISS_REVIEW_EMPTY: return s->passed && !s->passed_after;
	default: return false;
	}
}

/* What was passed over: " (3 July 2024)", " (2024-25)"; "" for a gap. */
static const char *passed_over(char *buf, size_t size, const hub_school *s, miss_kind k)
{
	buf[0] = '\0';
	if (k == MISS_STRATEGY_LATER)
		snprintf(buf, size, " (%d-%02d)", s->later->st->year_start,
			 (s->later->st->year_start + 1) % 100);
	else if ((k == MISS_REVIEW_LATER || k == MISS_REVIEW_EMPTY)
		 && nut_timed_text(buf + 2, size - 3, &s->passed->rv->date)) {
		memcpy(buf, " (", 2);
		strcat(buf, ")");
	}
	return buf;
}

/* The undated terms set aside beside dated ones, each named, in words. */
static int set_aside_note(note_list *l, const hub_page *p, const char *latest)
{
	if (!p->undated_count)
		return SK_OK;
	char *names = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&names, &len);
	if (!mem)
		return SK_ENOMEM;
	for (size_t i = 0; i < p->undated_count; i++)
		fprintf(mem, "%s\"%s\"", i == 0 ? "" : i + 1 < p->undated_count ? ", " : " and ",
			p->undated[i].label);
	if (fclose(mem) != 0 || !names) {
		free(names);
		return SK_ENOMEM;
	}
	int one = p->undated_count == 1;
	int rc = note(l, "The census %s %s %s no date that can be read, so %s set aside, "
		      "though %s may be newer: this page's census is %s, the latest dated term, "
		      "and the trend leaves %s out.", one ? "term" : "terms", names,
		      one ? "has" : "have", one ? "it is" : "they are", one ? "it" : "they",
		      latest, one ? "it" : "them");
	free(names);
	return rc;
}

/* One note naming every school that `k` is true of (`term` for the census
 * ones), or none. */
static int missing_note(note_list *l, const hub_page *p, miss_kind k, const char *term)
{
	char *names = NULL, name[160], what[48], d[32];
	size_t len = 0, n = 0;
	FILE *mem = open_memstream(&names, &len);
	if (!mem)
		return SK_ENOMEM;
	for (size_t i = 0; i < p->school_count; i++)
		if (misses(p, &p->schools[i], k))
			fprintf(mem, "%s%s%s", n++ ? "; " : "",
				school_name(name, sizeof(name), &p->schools[i].line),
				passed_over(what, sizeof(what), &p->schools[i], k));
	if (fclose(mem) != 0 || !names) {
		free(names);
		return SK_ENOMEM;
	}
	if (!nut_date_text(d, sizeof(d), p->as_of))
		snprintf(d, sizeof(d), "the page's date");
	int rc = SK_OK;
	if (!n)
		rc = SK_OK;
	else if (k == MISS_TERM)
		rc = note(l, "Not in the %s census figures given: %s.", term, names);
	else if (k == MISS_PREV)
		rc = note(l, "Not in the %s census figures given, so %s change is not known: %s.",
			  term, n == 1 ? "its" : "their", names);
	else if (k == MISS_STRATEGY_LATER)
		rc = note(l, "Strategies for a year after %s's, not used: %s.", d, names);
	else if (k == MISS_REVIEW_LATER)
		rc = note(l, "Reviews dated after %s, not used: %s.", d, names);
	else if (k == MISS_REVIEW_EMPTY)
		rc = note(l, "Reviews with no statement judged, not used: %s.", names);
	else
		rc = note(l, "%s: %s.", k == MISS_BOTH ? "No strategy and no review"
			  : k == MISS_STRATEGY ? "No strategy" : "No review", names);
	free(names);
	return rc;
}

/* Whether a school's row in a term is another hub's or none's (it moved). */
static bool moved(const hub_page *p, const sk_summary_row *row)
{
	return p->hub && row && !(nut_value_set(row->hub) && !strcmp(row->hub, p->hub));
}

/* The hub a moved school's row is in ("no" for none). */
static const char *moved_to(const sk_summary_row *row)
{
	return nut_value_set(row->hub) ? row->hub : NULL;
}

/* The schools of the hub whose row in a term is another hub's (they moved
 * between terms), in one line: their figures are shown, and the hub's row
 * for that term does not count them. Each school's hub is named after it,
 * unless they all went to one. */
static int moved_note(note_list *l, const hub_page *p, bool previous, const char *term)
{
	char *names = NULL, name[160];
	size_t len = 0, n = 0;
	const char *to = NULL;
	bool one_hub = true;
	for (size_t i = 0; term && i < p->school_count; i++) {
		const sk_summary_row *row = previous ? p->schools[i].line.prev : p->schools[i].line.row;
		if (!moved(p, row))
			continue;
		one_hub = one_hub && (!n || (to && moved_to(row) && !strcmp(to, moved_to(row)))
				      || (!to && !moved_to(row)));
		to = n++ ? to : moved_to(row);
	}
	if (!n)
		return SK_OK;
	FILE *mem = open_memstream(&names, &len);
	if (!mem)
		return SK_ENOMEM;
	for (size_t i = 0, k = 0; i < p->school_count; i++) {
		const hub_school *s = &p->schools[i];
		const sk_summary_row *row = previous ? s->line.prev : s->line.row;
		if (!moved(p, row))
			continue;
		fprintf(mem, "%s%s", k++ ? "; " : "", school_name(name, sizeof(name), &s->line));
		if (!one_hub && moved_to(row))
			fprintf(mem, " (in the %s hub)", moved_to(row));
		else if (!one_hub)
			fputs(" (in no hub)", mem);
	}
	if (fclose(mem) != 0 || !names) {
		free(names);
		return SK_ENOMEM;
	}
	char where[200];
	if (!one_hub)
		snprintf(where, sizeof(where), "in another hub");
	else if (to)
		snprintf(where, sizeof(where), "in the %s hub", to);
	else
		snprintf(where, sizeof(where), "in no hub");
	int rc = note(l, "In the %s census figures given, %s of this page %s %s, and the %s "
		      "hub's row does not count %s: %s.", term,
		      n == 1 ? "a school" : "these schools", n == 1 ? "is" : "are", where, p->hub,
		      n == 1 ? "it" : "them", names);
	free(names);
	return rc;
}

/* The years missing, in order, as "January 2021", "January 2021 and January
 * 2026" or "January 2019 to January 2020, January 2023 and January 2026": a
 * range only over years that follow one another and are all missing. */
static void missing_years(char *buf, size_t size, const int *years, size_t n)
{
	size_t len = 0, runs = 0, at[HUB_TERMS][2];
	for (size_t i = 0; i < n; i++)
		if (i && years[i] == years[i - 1] + 1)
			at[runs - 1][1] = i;
		else if (!i || years[i] != years[i - 1]) {
			at[runs][0] = at[runs][1] = i;
			runs++;
		}
	buf[0] = '\0';
	for (size_t r = 0; r < runs && len < size; r++) {
		const char *sep = !r ? "" : r + 1 == runs ? " and " : ", ";
		int a = years[at[r][0]], b = years[at[r][1]];
		int w = a == b ? snprintf(buf + len, size - len, "%sJanuary %d", sep, a)
			       : snprintf(buf + len, size - len, "%sJanuary %d to January %d", sep, a, b);
		len += w > 0 ? (size_t)w : 0;
	}
}

/* The trend's terms without national figures (other than the page's own
 * year, said above), in one line however many: the first and the last term,
 * and each year missing. */
static int trend_national_note(note_list *l, const hub_page *p)
{
	const hub_trend *first = NULL, *last = NULL;
	int years[HUB_TERMS];
	size_t n = 0;
	for (size_t i = 0; i < p->trend_count; i++) {
		const hub_trend *tr = &p->trend[i];
		if (!tr->year || tr->nat || tr->year == p->census_year)
			continue;
		first = first ? first : tr;
		last = tr;
		years[n++] = tr->year;
	}
	char a[64], b[64];
	if (!n)
		return SK_OK;
	if (n == 1)
		return note(l, "The trend's %s census has no national figures beside it: none "
			    "are available for January %d.", nut_term_text(a, sizeof(a), first->term),
			    first->year);
	char list[HUB_TERMS * 40];
	missing_years(list, sizeof(list), years, n);
	return note(l, "The trend's %zu censuses from %s to %s have no national figures beside "
		    "them: none are available for %s.", n, nut_term_text(a, sizeof(a), first->term),
		    nut_term_text(b, sizeof(b), last->term), list);
}

char **hub_page_notes(size_t *out_count, const hub_page *p)
{
	note_list l = {NULL, 0, 0};
	char a[64], b[64];
	const char *latest = p->latest ? nut_term_text(a, sizeof(a), p->latest) : NULL;
	const char *prev = p->previous ? nut_term_text(b, sizeof(b), p->previous) : NULL;
	int rc = SK_OK;
	if (p->latest && !p->group)
		rc = p->hub ? note(&l, "The census figures given have no row for the %s hub.",
				   p->hub)
		     : note(&l, "The census figures given have no row for the whole trust.");
	if (!p->school_count && rc == SK_OK)
		rc = note(&l, "No school of this hub is in the census figures or the "
			  "strategies given.");
	for (int k = 0; k < MISS_KINDS && rc == SK_OK; k++)
		rc = missing_note(&l, p, (miss_kind)k, k == MISS_TERM ? latest : prev);
	if (rc == SK_OK)
		rc = moved_note(&l, p, false, latest);
	if (rc == SK_OK)
		rc = moved_note(&l, p, true, prev);
	if (rc == SK_OK && p->census_year && !p->nat)
		rc = note(&l, "No national figures for January %d (the census of these figures) "
			  "are available, and these are not compared with another year's.",
			  p->census_year);
	if (rc == SK_OK && p->census_year && p->nat_need && p->nat_need->year != p->census_year)
		rc = note(&l, "No national figures by need for January %d (the census of these "
			  "figures) are available: the broad areas are compared with January %d's, "
			  "the nearest year.", p->census_year, p->nat_need->year);
	if (rc == SK_OK)
		rc = set_aside_note(&l, p, latest);
	if (rc == SK_OK && undated(p))
		rc = note(&l, "The %s census has no date: its figures and needs are not "
			  "compared with national figures, since without a date the January to "
			  "compare with is not known.", latest);
	if (rc == SK_OK)
		rc = trend_national_note(&l, p);
	if (rc == SK_OK && any_suppressed(p))
		rc = note(&l, "c: a small number, or one that would let a reader work one "
			  "out, is not shown.");
	if (rc == SK_OK && p->terms_left_out)
		rc = note(&l, "The trend shows the latest %d terms; the %zu older %s given "
			  "%s left out.", HUB_TERMS, p->terms_left_out,
			  p->terms_left_out == 1 ? "term" : "terms",
			  p->terms_left_out == 1 ? "is" : "are");
	if (rc == SK_OK && p->group && !p->broad_count && !p->need_count && !undated(p)
	    && p->nat_need)
		rc = note(&l, "No broad area or need is known to be above national.");
	if (rc != SK_OK) {
		hub_notes_free(l.v, l.n);
		l = (note_list){NULL, 0, 0};
	}
	*out_count = l.n;
	return l.v;
}

void hub_notes_free(char **notes, size_t count)
{
	for (size_t i = 0; notes && i < count; i++)
		free(notes[i]);
	free(notes);
}
