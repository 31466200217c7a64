/* The profile as text for a terminal: 80 columns, long lines wrapped,
 * bold headings only when colour is allowed. */
#include <stdio.h>
#include <string.h>

#include "nutshell.h"

#define WIDTH 80

typedef struct tw {
	FILE *out;
	bool color;
} tw;

/* Joins words that wrapping must not part ("When: T1-T6"); written as a space. */
#define GLUE '\x1f'

/* Writes text that may come from a file: its control characters shown as
 * escapes (sendkit/escape.h), GLUE as a space. */
static void put_text(FILE *out, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != GLUE)
			continue;
		sk_escape_write_visible(out, s + run, i - run);
		if (i < len)
			fputc(' ', out);
		run = i + 1;
	}
}

/* Columns of what put_text writes: characters, not bytes (the pound sign is
 * two bytes and one column), and an escape's every character. */
static size_t columns(const char *s, size_t len)
{
	size_t n = 0, run = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != GLUE)
			continue;
		n += sk_escape_visible_width(s + run, i - run) + (i < len);
		run = i + 1;
	}
	return n;
}

static void spaces(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

/* Writes s padded to width (right-aligned when `right`). */
static void cell(FILE *out, const char *s, size_t width, bool right)
{
	size_t w = columns(s, strlen(s));
	if (right && w < width)
		spaces(out, width - w);
	put_text(out, s, strlen(s));
	if (!right && w < width)
		spaces(out, width - w);
}

/* Word-wraps text: the first line after `first` (already counted as
 * `used` columns), the rest indented by `indent`. */
static void wrap_from(FILE *out, const char *text, size_t used, size_t indent)
{
	const char *p = text;
	size_t col = used;
	bool line_start = true;
	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \n\t");
		size_t w = columns(p, len);
		if (!line_start && col + 1 + w > WIDTH) {
			fputc('\n', out);
			spaces(out, indent);
			col = indent;
			line_start = true;
		}
		if (!line_start) {
			fputc(' ', out);
			col++;
		}
		put_text(out, p, len);
		col += w;
		line_start = false;
		p += len;
	}
	fputc('\n', out);
}

static void wrap(FILE *out, const char *first, const char *text, size_t indent)
{
	put_text(out, first, strlen(first));
	wrap_from(out, text, columns(first, strlen(first)), indent);
}

static void heading(const tw *t, const char *title)
{
	fprintf(t->out, "\n%s", t->color ? "\033[1m" : "");
	put_text(t->out, title, strlen(title));
	fprintf(t->out, "%s\n", t->color ? "\033[0m" : "");
	size_t n = columns(title, strlen(title));
	while (n--)
		fputc('-', t->out);
	fputc('\n', t->out);
}

static const char *or_missing(const char *s)
{
	return nut_value_set(s) ? s : "missing";
}

static void title(const tw *t, const nut_profile *p)
{
	char line[512];
	snprintf(line, sizeof(line), "SEND in a Nutshell: %s", or_missing(p->name));
	fputs(t->color ? "\033[1m" : "", t->out);
	wrap(t->out, "", line, 0);
	fputs(t->color ? "\033[0m" : "", t->out);
	size_t n = columns(line, strlen(line));
	for (size_t i = 0; i < (n < WIDTH ? n : WIDTH); i++)
		fputc('=', t->out);
	fputc('\n', t->out);
	snprintf(line, sizeof(line), "URN %s | LA %s | Hub %s | Year %s",
		 or_missing(p->urn), or_missing(p->la),
		 or_missing(p->hub), p->year[0] ? p->year : "missing");
	wrap(t->out, "", line, 0);
}

static void counts_source(const tw *t, const nut_profile *p)
{
	char buf[512];
	wrap(t->out, "", nut_counts_source(buf, sizeof(buf), p), 0);
	if (nut_other_census_text(buf, sizeof(buf) - 1, p)) {
		strcat(buf, ".");
		wrap(t->out, "Note: ", buf, 6);
	}
	if (nut_small_note(p)) {
		snprintf(buf, sizeof(buf), "%s.", nut_small_note(p));
		wrap(t->out, "Note: ", buf, 6);
	}
}

/* A column's width: at least `least`, wider when a word ("suppressed") would
 * otherwise touch the column before it. */
static size_t fit(size_t least, const char *s)
{
	size_t w = columns(s, strlen(s)) + 1;
	return w > least ? w : least;
}

/* The headline figures' cells, worked out before any is written so that the
 * columns can be fitted to them. */
typedef struct figure_cells {
	char count[32], pct[32], nat[32];
	const char *shown[3];
} figure_cells;

static void figure_row(figure_cells *c, const nut_figure *f, bool no_pupils)
{
	const char *count = nut_count_text(c->count, sizeof(c->count), f->count);
	const char *pct = nut_pct_text(c->pct, sizeof(c->pct), f->pct, false);
	const char *nat = nut_pct_text(c->nat, sizeof(c->nat), f->national_pct, false);
	c->shown[0] = count ? count : nut_missing_word(f->count);
	c->shown[1] = pct ? pct : no_pupils || f->over_roll ? "n/a" : nut_missing_word(f->pct);
	c->shown[2] = nat ? nat : "not known";
}

static void figures(const tw *t, const nut_profile *p)
{
	char a[32], d[96];
	figure_cells rows[SK_MEASURE_COUNT];
	bool no_pupils = p->on_roll.state == SK_VALUE_KNOWN && p->on_roll.value == 0;
	const char *roll = nut_count_text(a, sizeof(a), p->on_roll);
	roll = roll ? roll : nut_missing_word(p->on_roll);
	size_t w[3] = {fit(8, roll), 10, 12};
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		figure_row(&rows[m], &p->fig[m], no_pupils);
		for (int c = 0; c < 3; c++)
			w[c] = fit(w[c], rows[m].shown[c]);
	}
	heading(t, "Pupils and SEN");
	counts_source(t, p);
	fputc('\n', t->out);
	cell(t->out, "", 14, false);
	cell(t->out, "Pupils", w[0], true);
	cell(t->out, "School %", w[1], true);
	cell(t->out, "National %", w[2], true);
	fputs("  Difference\n", t->out);
	cell(t->out, "On roll", 14, false);
	cell(t->out, roll, w[0], true);
	fputc('\n', t->out);
	for (int m = 0; m < SK_MEASURE_COUNT; m++) {
		const nut_figure *f = &p->fig[m];
		cell(t->out, sk_measure_label(f->measure), 14, false);
		for (int c = 0; c < 3; c++)
			cell(t->out, rows[m].shown[c], w[c], true);
		if (f->diff.state == SK_VALUE_KNOWN) {
			char s[32];
			nut_pct_text(s, sizeof(s), f->diff, true);
			snprintf(d, sizeof(d), "  %s pts, %s", s, nut_comparison(f->diff));
			fputs(d, t->out);
		}
		fputc('\n', t->out);
	}
	if (no_pupils)
		wrap(t->out, "", "No pupils on roll: no percentages can be worked out.", 0);
	char note[256];
	bool noted = nut_national_note(note, sizeof(note), p, p->nat, "figures") != NULL;
	if (noted)
		wrap(t->out, "Note: ", note, 6);
	if (p->nat) {
		snprintf(d, sizeof(d), "National: January %d, ", p->nat->year);
		wrap(t->out, d, p->nat->source, 2);
	} else if (!noted) {
		wrap(t->out, "", "National: no national figures are known.", 0);
	}
}

static void change_line(const tw *t, const nut_profile *p)
{
	char buf[512], first[160], term[64];
	if (!nut_change_text(buf, sizeof(buf), p))
		return;
	snprintf(first, sizeof(first), "Change since %s: ",
		 nut_previous_term(term, sizeof(term), p));
	fputc('\n', t->out);
	wrap(t->out, first, buf, 2);
}

static const char *share_count(char *buf, size_t size, const nut_share *s)
{
	const char *count = nut_count_text(buf, size, s->count);
	return count ? count : nut_missing_word(s->count);
}

static void share_row(const tw *t, const nut_share *s, const char *label, size_t indent,
		      size_t pupils)
{
	char a[32], b[32], c[32];
	const char *share = nut_pct_text(b, sizeof(b), s->share, false);
	const char *nat = nut_pct_text(c, sizeof(c), s->national_share, false);
	spaces(t->out, indent);
	cell(t->out, label, 44 - indent, false);
	cell(t->out, share_count(a, sizeof(a), s), pupils, true);
	cell(t->out, share ? share : "-", 9, true);
	cell(t->out, nat ? nat : "not known", 11, true);
	fputc('\n', t->out);
}

static void need(const tw *t, const nut_profile *p)
{
	char buf[1024];
	heading(t, "Profile of need");
	if (!p->row || !p->has_need) {
		wrap(t->out, "", nut_no_need(p), 0);
		return;
	}
	size_t pupils = 8;
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		pupils = fit(pupils, share_count(buf, sizeof(buf), &p->broad[i]));
	for (int i = 0; i < NUT_NEEDS; i++)
		pupils = fit(pupils, share_count(buf, sizeof(buf), &p->need[i]));
	cell(t->out, "Pupils with SEN, share of all SEN (%)", 44, false);
	cell(t->out, "Pupils", pupils, true);
	cell(t->out, "School", 9, true);
	cell(t->out, "National", 11, true);
	fputc('\n', t->out);
	for (int i = 0; i < SK_BROAD_COUNT; i++)
		share_row(t, &p->broad[i], p->broad[i].label, 0, pupils);
	fputs("By primary need\n", t->out);
	size_t none = 0;
	buf[0] = '\0';
	for (int i = 0; i < NUT_NEEDS; i++) {
		const nut_share *s = &p->need[i];
		if (s->count.state == SK_VALUE_KNOWN && s->count.value == 0) {
			size_t n = strlen(buf);
			/* In words: the codes (PMLD, PD) say nothing to a governor. */
			snprintf(buf + n, sizeof(buf) - n, "%s%s", none++ ? "; " : "",
				 s->label);
			continue;
		}
		share_row(t, s, s->label, 2, pupils);
	}
	if (none)
		wrap(t->out, "  None recorded: ", buf, 4);
	char note[256], first[64];
	if (nut_national_note(note, sizeof(note), p, p->nat_need, "figures by need"))
		wrap(t->out, "Note: ", note, 6);
	if (p->nat_need) {
		snprintf(first, sizeof(first), "National: January %d, ", p->nat_need->year);
		wrap(t->out, first, p->nat_need->need_source, 2);
	}
}

/* The columns beside hub, LA and trust: 8 wide, the last ("National") 9, so
 * that the longest need name fits beside five of them. */
static size_t compare_width(size_t c, size_t cols)
{
	return c + 1 < cols ? 8 : 9;
}

static size_t compare_label_width(size_t cols)
{
	return WIDTH - 8 * cols - 1;
}

static void compare_row(const tw *t, const nut_compare_row *r, size_t cols)
{
	char buf[32];
	cell(t->out, r->label, compare_label_width(cols), false);
	for (size_t c = 0; c < cols; c++) {
		const char *v = nut_pct_text(buf, sizeof(buf), r->v[c], false);
		cell(t->out, v ? v : "-", compare_width(c, cols), true);
	}
	fputc('\n', t->out);
}

/* School / Hub / LA / Trust / National, when the census summary has them. */
static void compare(const tw *t, const nut_profile *p)
{
	const char *titles[NUT_COMPARE_COLS];
	nut_compare_row rows[NUT_COMPARE_ROWS];
	size_t n, cols;
	char buf[512];
	if (!p->has_groups && !nut_groups_elsewhere(p))
		return;
	cols = nut_compare(titles, rows, &n, p);
	heading(t, "Beside hub, LA and trust");
	for (size_t i = 0; p->has_groups && i < n; i++) {
		if (i == 0 || rows[i].part != rows[i - 1].part) {
			cell(t->out, rows[i].part == NUT_PART_ROLL ? "Of pupils on roll (%)"
			     : rows[i].part == NUT_PART_BROAD ? "Share of all SEN (%)"
			     : "By primary need (%)", compare_label_width(cols), false);
			for (size_t c = 0; c < cols; c++)
				cell(t->out, titles[c], compare_width(c, cols), true);
			fputc('\n', t->out);
		}
		compare_row(t, &rows[i], cols);
	}
	nut_groups_text(buf, sizeof(buf) - 1, p);
	wrap(t->out, "", strcat(buf, "."), 0);
	if (p->has_groups && nut_national_years_text(buf, sizeof(buf) - 1, p))
		wrap(t->out, "", strcat(buf, "."), 0);
}

/* A numbered list; `expected` items or more (0: any number) or a note. */
static void text_list(const tw *t, const char *name, const sk_text_list *l, size_t expected)
{
	fprintf(t->out, "%s\n", name);
	size_t shown = 0;
	for (size_t i = 0; i < l->count; i++) {
		const char *item = nut_item_text(l->items[i].s);
		if (!item)
			continue;
		char first[16];
		snprintf(first, sizeof(first), "  %zu. ", ++shown);
		wrap(t->out, first, item, 5);
	}
	if (!shown)
		fputs("  missing\n", t->out);
	else if (shown < expected)
		fprintf(t->out, "  (%zu of the %zu expected)\n", shown, expected);
}

static void headlines(const tw *t, const nut_profile *p)
{
	const sk_strategy *st = p->st;
	char title_buf[96], d[NUT_TEXT_MAX];
	const char *when = nut_timed_text(d, sizeof(d), &st->headlines.review_date);
	if (when)
		snprintf(title_buf, sizeof(title_buf), "Review headlines (SEND review %s)", when);
	else
		snprintf(title_buf, sizeof(title_buf), "Review headlines");
	heading(t, title_buf);
	text_list(t, "Strengths", &st->headlines.strengths, NUT_HEADLINES);
	text_list(t, "Recommendations", &st->headlines.recommendations, NUT_HEADLINES);
}

/* A copy of s whose words stay together when short enough to. */
static void glued(char *out, size_t size, const char *s)
{
	snprintf(out, size, "%s", s);
	if (columns(out, strlen(out)) > 30)
		return;
	for (char *q = out; *q; q++)
		if (*q == ' ')
			*q = GLUE;
}

/* An area's name in bold, its budget at the right. */
static void area_heading(const tw *t, const nut_profile *p, int a)
{
	char money[48], right[128], note[80];
	const char *b = nut_money_text(money, sizeof(money), p->area[a].budget);
	snprintf(right, sizeof(right), "Budget %s%s", b ? b : nut_missing_word(p->area[a].budget),
		 nut_budget_note(note, sizeof(note), &p->area[a]));
	const char *label = sk_area_label((sk_area)a);
	size_t lw = columns(label, strlen(label)), rw = columns(right, strlen(right));
	fprintf(t->out, "%s%s%s", t->color ? "\033[1m" : "", label, t->color ? "\033[0m" : "");
	spaces(t->out, lw + rw + 2 < WIDTH ? WIDTH - lw - rw : 2);
	fprintf(t->out, "%s\n", right);
}

static void area_actions(const tw *t, const nut_profile *p, int a)
{
	const sk_strategy_area *area = &p->st->areas[a];
	char money[48];
	area_heading(t, p, a);
	if (!area->present || !area->action_count) {
		fputs("  missing: no actions\n", t->out);
		return;
	}
	for (size_t i = 0; i < area->action_count; i++) {
		const sk_strategy_action *act = &area->actions[i];
		char line[1024];
		wrap(t->out, "  * ", or_missing(act->action.s), 4);
		const char *cost = act->cost.valid
			? (sk_money_format(money, sizeof(money), act->cost.pence), money)
			: nut_value_set(act->cost.text.s) ? act->cost.text.s : "missing";
		char when[NUT_TEXT_MAX + 32], price[64];
		char day[NUT_TEXT_MAX];
		glued(when, sizeof(when), or_missing(nut_timed_text(day, sizeof(day),
								    &act->timescale)));
		glued(price, sizeof(price), cost);
		snprintf(line, sizeof(line), "Lead: %s\037| When:\037%s\037| Cost:\037%s",
			 or_missing(act->lead.s), when, price);
		wrap(t->out, "    ", line, 4);
	}
}

static void plan(const tw *t, const nut_profile *p)
{
	char money[48];
	char complete[96], title[128];
	if (nut_complete_text(complete, sizeof(complete), p))
		snprintf(title, sizeof(title), "Action plan (%s)", complete);
	else
		snprintf(title, sizeof(title), "Action plan");
	heading(t, title);
	for (int a = 0; a < SK_AREA_COUNT; a++)
		area_actions(t, p, a);
	const char *total = nut_money_text(money, sizeof(money), p->total_budget);
	if (total)
		fprintf(t->out, "Total budget: %s\n", total);
	else
		fprintf(t->out, "Total budget: %s (%s)\n", nut_missing_word(p->total_budget),
			nut_total_budget_gap(p));
}

static void reviews(const tw *t, const nut_profile *p)
{
	char d[32], shown[96], title_buf[128];
	nut_date_text(d, sizeof(d), p->as_of);
	snprintf(title_buf, sizeof(title_buf), "Next reviews (%s)",
		 nut_reviews_shown(shown, sizeof(shown), p));
	heading(t, title_buf);
	if (!p->next_count)
		fprintf(t->out, "None due on or after %s.\n", d);
	for (size_t i = 0; i < p->next_count; i++) {
		const nut_review *r = &p->next[i];
		nut_date_text(d, sizeof(d), r->date);
		for (size_t j = 0; j < r->count; j++) {
			char first[64], text[512];
			snprintf(first, sizeof(first), "%-19s", j ? "" : d);
			snprintf(text, sizeof(text), "%s%s: %s", nut_review_caveat(r, j, false),
				 r->items[j].send_review ? "Headlines"
				 : sk_area_label(r->items[j].area), r->items[j].what);
			wrap(t->out, first, text, 19);
		}
		if (r->more)
			fprintf(t->out, "%17s  and %zu more\n", "", r->more);
	}
}

/* --full: the whole strategy, area by area, action by action. */
static void full(const tw *t, const nut_profile *p)
{
	heading(t, "The School SEND Strategy in full");
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		area_heading(t, p, a);
		text_list(t, "Strengths", &area->strengths, 0);
		text_list(t, "Recommendations", &area->recommendations, 0);
		if (!area->action_count)
			fputs("Actions: missing\n", t->out);
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_strategy_action *act = &area->actions[i];
			nut_action_full f;
			nut_action_full_fill(&f, act);
			char first[32];
			snprintf(first, sizeof(first), "Action %zu: ", i + 1);
			wrap(t->out, first, or_missing(act->action.s), strlen(first));
			for (size_t k = 0; k < f.count; k++) {
				char label[48];
				snprintf(label, sizeof(label), "  %s: ", f.field[k].label);
				wrap(t->out, label, f.field[k].text ? f.field[k].text : f.field[k].why, 4);
			}
		}
		if (a + 1 < SK_AREA_COUNT)
			fputc('\n', t->out);
	}
}

void nut_render_table(FILE *out, const nut_profile *p, const nut_render_opts *o)
{
	tw t = {out, o->color};
	title(&t, p);
	figures(&t, p);
	change_line(&t, p);
	need(&t, p);
	compare(&t, p);
	headlines(&t, p);
	plan(&t, p);
	reviews(&t, p);
	if (o->full)
		full(&t, p);
}
