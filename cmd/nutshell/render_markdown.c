/* The profile as Markdown, to paste into a governors' report: headings,
 * pipe tables (written by sk_table) and lists. */
#include <stdio.h>
#include <string.h>

#include "nutshell.h"

/* Free text in a paragraph or list item: shown as text by every Markdown
 * renderer (sendkit/escape.h). */
static void md_text(FILE *out, const char *s)
{
	sk_escape_write_markdown(out, s);
}

static const char *or_missing(const char *s)
{
	return nut_value_set(s) ? s : "missing";
}

static void write_table(FILE *out, sk_table *t)
{
	if (t)
		sk_table_write(out, t, SK_FORMAT_MARKDOWN);
	sk_table_free(t);
}

static void title(FILE *out, const nut_profile *p)
{
	fputs("# SEND in a Nutshell: ", out);
	md_text(out, or_missing(p->name));
	fputs("\n\nURN ", out);
	md_text(out, or_missing(p->urn));
	fputs(" · LA ", out);
	md_text(out, or_missing(p->la));
	fputs(" · Hub ", out);
	md_text(out, or_missing(p->hub));
	fprintf(out, " · Year %s\n", p->year[0] ? p->year : "missing");
}

static void counts_source(FILE *out, const nut_profile *p)
{
	char buf[512];
	md_text(out, nut_counts_source(buf, sizeof(buf), p));
	fputs("\n\n", out);
	if (nut_other_census_text(buf, sizeof(buf), p)) {
		fputs("Note: ", out);
		md_text(out, buf);
		fputs(".\n\n", out);
	}
	if (nut_small_note(p)) {
		fputs("Note: ", out);
		md_text(out, nut_small_note(p));
		fputs(".\n\n", out);
	}
}

static void figures(FILE *out, const nut_profile *p)
{
	static const sk_column cols[] = {
		{"Measure", SK_COL_TEXT}, {"Pupils", SK_COL_NUMBER},
		{"School %", SK_COL_NUMBER}, {"National %", SK_COL_NUMBER},
		{"Difference (pts)", SK_COL_NUMBER}, {"Compared with national", SK_COL_TEXT},
	};
	char a[32], b[32], c[32], d[32];
	fputs("\n## Pupils and SEN\n\n", out);
	counts_source(out, p);
	sk_table *t = sk_table_new(cols, 6);
	bool no_pupils = p->on_roll.state == SK_VALUE_KNOWN && p->on_roll.value == 0;
	const char *roll = nut_count_text(a, sizeof(a), p->on_roll);
	const char *row0[] = {"On roll", roll ? roll : nut_missing_word(p->on_roll), "", "", "", ""};
	if (t)
		sk_table_add_row(t, row0);
	for (int m = 0; m < SK_MEASURE_COUNT && t; m++) {
		const nut_figure *f = &p->fig[m];
		const char *count = nut_count_text(a, sizeof(a), f->count);
		const char *pct = nut_pct_text(b, sizeof(b), f->pct, false);
		const char *nat = nut_pct_text(c, sizeof(c), f->national_pct, false);
		const char *diff = nut_pct_text(d, sizeof(d), f->diff, true);
		const char *row[] = {
			sk_measure_label(f->measure), count ? count : nut_missing_word(f->count),
			pct ? pct : no_pupils || f->over_roll ? "n/a" : nut_missing_word(f->pct),
			nat ? nat : "not known", diff ? diff : "",
			nut_comparison(f->diff) ? nut_comparison(f->diff) : "",
		};
		sk_table_add_row(t, row);
	}
	write_table(out, t);
	if (no_pupils)
		fputs("\nNo pupils on roll: no percentages can be worked out.\n", out);
	char note[256];
	bool noted = nut_national_note(note, sizeof(note), p, p->nat, "figures") != NULL;
	if (noted)
		fprintf(out, "\nNote: %s.\n", note);
	if (p->nat) {
		fprintf(out, "\nNational: January %d, ", p->nat->year);
		md_text(out, p->nat->source);
		fputs(".\n", out);
	} else if (!noted) {
		fputs("\nNational: no national figures are known.\n", out);
	}
}

static void change(FILE *out, const nut_profile *p)
{
	char buf[512], term[64];
	if (!nut_change_text(buf, sizeof(buf), p))
		return;
	fputs("\nChange since ", out);
	md_text(out, nut_previous_term(term, sizeof(term), p));
	fputs(": ", out);
	md_text(out, buf);
	fputs(".\n", out);
}

static void share_table(FILE *out, const char *first, const nut_share *s, size_t n)
{
	const sk_column cols[] = {
		{first, SK_COL_TEXT}, {"Pupils", SK_COL_NUMBER},
		{"School %", SK_COL_NUMBER}, {"National %", SK_COL_NUMBER},
	};
	char a[32], b[32], c[32];
	sk_table *t = sk_table_new(cols, 4);
	for (size_t i = 0; i < n && t; i++) {
		const char *count = nut_count_text(a, sizeof(a), s[i].count);
		const char *share = nut_pct_text(b, sizeof(b), s[i].share, false);
		const char *nat = nut_pct_text(c, sizeof(c), s[i].national_share, false);
		const char *row[] = {s[i].label, count ? count : nut_missing_word(s[i].count),
				     share ? share : "", nat ? nat : "not known"};
		sk_table_add_row(t, row);
	}
	write_table(out, t);
}

static void need(FILE *out, const nut_profile *p)
{
	fputs("\n## Profile of need\n\n", out);
	if (!p->row || !p->has_need) {
		md_text(out, nut_no_need(p));
		fputc('\n', out);
		return;
	}
	fputs("Shares are of pupils with SEN.\n\n", out);
	share_table(out, "Broad area of need", p->broad, SK_BROAD_COUNT);
	fputc('\n', out);
	share_table(out, "Primary need", p->need, NUT_NEEDS);
	char note[256];
	if (nut_national_note(note, sizeof(note), p, p->nat_need, "figures by need"))
		fprintf(out, "\nNote: %s.\n", note);
	if (p->nat_need) {
		fprintf(out, "\nNational: January %d, ", p->nat_need->year);
		md_text(out, p->nat_need->need_source);
		fputs(".\n", out);
	}
}

/* School / Hub / LA / Trust / National, when the census summary has them. */
static void compare(FILE *out, const nut_profile *p)
{
	const char *titles[NUT_COMPARE_COLS];
	nut_compare_row rows[NUT_COMPARE_ROWS];
	char buf[NUT_COMPARE_COLS][32], groups[512], head[64];
	size_t n, cols;
	if (!p->has_groups && !nut_groups_elsewhere(p))
		return;
	cols = nut_compare(titles, rows, &n, p);
	fputs("\n## Beside hub, LA and trust\n", out);
	sk_table *t = NULL;
	for (size_t i = 0; p->has_groups && i <= n; i++) {
		if (i == n || i == 0 || rows[i].part != rows[i - 1].part) {
			if (t) {
				fputc('\n', out);
				write_table(out, t);
			}
			if (i == n)
				break;
			sk_column cs[NUT_COMPARE_COLS + 1];
			cs[0] = (sk_column){rows[i].part == NUT_PART_ROLL ? "Of pupils on roll (%)"
					    : rows[i].part == NUT_PART_BROAD ? "Share of all SEN (%)"
					    : "By primary need (%)", SK_COL_TEXT};
			for (size_t c = 0; c + 1 < cols; c++)
				cs[c + 1] = (sk_column){titles[c], SK_COL_NUMBER};
			cs[cols] = (sk_column){nut_national_head(head, sizeof(head), p, rows[i].part),
					       SK_COL_NUMBER};
			t = sk_table_new(cs, cols + 1);
		}
		const char *cells[NUT_COMPARE_COLS + 1] = {rows[i].label};
		for (size_t c = 0; c < cols; c++) {
			const char *v = nut_pct_text(buf[c], sizeof(buf[c]), rows[i].v[c], false);
			cells[c + 1] = v ? v : "";
		}
		if (t)
			sk_table_add_row(t, cells);
	}
	fputc('\n', out);
	md_text(out, nut_groups_text(groups, sizeof(groups), p));
	fputs(".\n", out);
}

/* A numbered list; `expected` items or more (0: any number) or a note. */
static void text_list(FILE *out, const char *name, const sk_text_list *l, size_t expected)
{
	fprintf(out, "\n**%s**\n\n", name);
	size_t shown = 0;
	for (size_t i = 0; i < l->count; i++) {
		const char *item = nut_item_text(l->items[i].s);
		if (!item)
			continue;
		fprintf(out, "%zu. ", ++shown);
		md_text(out, item);
		fputc('\n', out);
	}
	if (!shown)
		fputs("Missing.\n", out);
	else if (shown < expected)
		fprintf(out, "\n(%zu of the %zu expected.)\n", shown, expected);
}

static void headlines(FILE *out, const nut_profile *p)
{
	const sk_strategy *st = p->st;
	fputs("\n## Review headlines\n", out);
	char d[NUT_TEXT_MAX];
	const char *when = nut_timed_text(d, sizeof(d), &st->headlines.review_date);
	if (when) {
		fputs("\nSEND review: ", out);
		md_text(out, when);
		fputs(".\n", out);
	}
	text_list(out, "Strengths", &st->headlines.strengths, NUT_HEADLINES);
	text_list(out, "Recommendations", &st->headlines.recommendations, NUT_HEADLINES);
}

/* An area's heading and budget. */
static void area_heading(FILE *out, const nut_profile *p, int a)
{
	char money[48], note[80];
	const char *b = nut_money_text(money, sizeof(money), p->area[a].budget);
	fprintf(out, "\n### %s\n\nBudget: %s%s.\n", sk_area_label((sk_area)a),
		b ? b : nut_missing_word(p->area[a].budget),
		nut_budget_note(note, sizeof(note), &p->area[a]));
}

static void area_actions(FILE *out, const nut_profile *p, int a)
{
	static const sk_column cols[] = {
		{"Action", SK_COL_TEXT}, {"Lead", SK_COL_TEXT},
		{"When", SK_COL_TEXT}, {"Cost", SK_COL_NUMBER},
	};
	const sk_strategy_area *area = &p->st->areas[a];
	char money[48], day[NUT_TEXT_MAX];
	area_heading(out, p, a);
	fputc('\n', out);
	if (!area->present || !area->action_count) {
		fputs("Missing: no actions.\n", out);
		return;
	}
	sk_table *t = sk_table_new(cols, 4);
	for (size_t i = 0; i < area->action_count && t; i++) {
		const sk_strategy_action *act = &area->actions[i];
		const char *cost = act->cost.valid
			? (sk_money_format(money, sizeof(money), act->cost.pence), money)
			: or_missing(act->cost.text.s);
		const char *row[] = {or_missing(act->action.s), or_missing(act->lead.s),
				     or_missing(nut_timed_text(day, sizeof(day), &act->timescale)),
				     cost};
		sk_table_add_row(t, row);
	}
	write_table(out, t);
}

static void plan(FILE *out, const nut_profile *p)
{
	char money[48];
	char complete[96];
	if (nut_complete_text(complete, sizeof(complete), p))
		fprintf(out, "\n## Action plan (%s)\n", complete);
	else
		fputs("\n## Action plan\n", out);
	for (int a = 0; a < SK_AREA_COUNT; a++)
		area_actions(out, p, a);
	const char *total = nut_money_text(money, sizeof(money), p->total_budget);
	if (total)
		fprintf(out, "\n**Total budget: %s**\n", total);
	else
		fprintf(out, "\n**Total budget: %s (%s)**\n", nut_missing_word(p->total_budget),
			nut_total_budget_gap(p));
}

static void reviews(FILE *out, const nut_profile *p)
{
	char d[32], shown[96];
	nut_date_text(d, sizeof(d), p->as_of);
	fprintf(out, "\n## Next reviews (%s)\n\n", nut_reviews_shown(shown, sizeof(shown), p));
	if (!p->next_count)
		fprintf(out, "None due on or after %s.\n", d);
	for (size_t i = 0; i < p->next_count; i++) {
		const nut_review *r = &p->next[i];
		nut_date_text(d, sizeof(d), r->date);
		for (size_t j = 0; j < r->count; j++) {
			fprintf(out, "- **%s**: %s%s: ", d, nut_review_caveat(r, j, true),
				r->items[j].send_review ? "Headlines" : sk_area_label(r->items[j].area));
			md_text(out, r->items[j].what);
			fputc('\n', out);
		}
		if (r->more)
			fprintf(out, "- **%s**: and %zu more\n", d, r->more);
	}
}

/* --full: the whole strategy, area by area, action by action. */
static void full(FILE *out, const nut_profile *p)
{
	fputs("\n## The School SEND Strategy in full\n", out);
	for (int a = 0; a < SK_AREA_COUNT; a++) {
		const sk_strategy_area *area = &p->st->areas[a];
		area_heading(out, p, a);
		text_list(out, "Strengths", &area->strengths, 0);
		text_list(out, "Recommendations", &area->recommendations, 0);
		if (!area->action_count)
			fputs("\nActions: missing.\n", out);
		for (size_t i = 0; i < area->action_count; i++) {
			const sk_strategy_action *act = &area->actions[i];
			nut_action_full f;
			nut_action_full_fill(&f, act);
			fprintf(out, "\n#### Action %zu: ", i + 1);
			md_text(out, or_missing(act->action.s));
			fputs("\n\n", out);
			for (size_t k = 0; k < f.count; k++) {
				fprintf(out, "- **%s:** ", f.field[k].label);
				if (f.field[k].text)
					md_text(out, f.field[k].text);
				else
					fprintf(out, "*%s*", f.field[k].why);
				fputc('\n', out);
			}
		}
	}
}

void nut_render_markdown(FILE *out, const nut_profile *p, const nut_render_opts *o)
{
	title(out, p);
	figures(out, p);
	change(out, p);
	need(out, p);
	compare(out, p);
	headlines(out, p);
	plan(out, p);
	reviews(out, p);
	if (o->full)
		full(out, p);
}
