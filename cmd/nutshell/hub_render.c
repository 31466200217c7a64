/* The hub's page as text for a terminal, Markdown and JSON: the same tables
 * (hub_tables.c), written by sk_table, with the page's heading and notes. */
#include <stdio.h>
#include <string.h>

#include "hub.h"

static const hub_section text_sections[] = {
	HUB_SCHOOLS, HUB_NEED, HUB_REVIEWS, HUB_STRATEGIES, HUB_FOCUS_NEEDS, HUB_FOCUS_REVIEWS,
	HUB_TREND,
};

/* "3 schools: 2 with a review, 2 with a strategy." */
static void counts_line(char *buf, size_t size, const hub_page *p)
{
	snprintf(buf, size, "%zu school%s: %zu with a review, %zu with a strategy.",
		 p->school_count, p->school_count == 1 ? "" : "s", p->reviewed, p->with_strategy);
}

static void write_notes(FILE *out, const hub_page *p, bool markdown)
{
	size_t n;
	char **notes = hub_page_notes(&n, p);
	if (!n) {
		hub_notes_free(notes, n);
		return;
	}
	fputs(markdown ? "\n## Missing pieces\n\n" : "\nMissing pieces\n\n", out);
	for (size_t i = 0; i < n; i++) {
		fputs("- ", out);
		if (markdown)
			sk_escape_write_markdown(out, notes[i]);
		else
			sk_escape_write_visible(out, notes[i], strlen(notes[i]));
		fputc('\n', out);
	}
	hub_notes_free(notes, n);
}

static void write_page(FILE *out, const hub_page *p, bool markdown)
{
	char title[200], source[400], counts[160];
	hub_page_title(title, sizeof(title), p);
	hub_page_source(source, sizeof(source), p);
	counts_line(counts, sizeof(counts), p);
	if (markdown) {
		fputs("# SEND in a Nutshell: ", out);
		sk_escape_write_markdown(out, title);
		fputs("\n\n", out);
		sk_escape_write_markdown(out, source);
		fputs("\n\n", out);
		sk_escape_write_markdown(out, counts);
		fputs("\n", out);
	} else {
		fputs("SEND in a Nutshell: ", out);
		sk_escape_write_visible(out, title, strlen(title));
		fputc('\n', out);
		sk_escape_write_visible(out, source, strlen(source));   /* a term's label */
		fputc('\n', out);
		sk_escape_write_visible(out, counts, strlen(counts));
		fputc('\n', out);
	}
	for (size_t i = 0; i < sizeof(text_sections) / sizeof(text_sections[0]); i++) {
		hub_section s = text_sections[i];
		sk_table *t = hub_section_table(p, s, markdown ? HUB_FOR_PEOPLE : HUB_FOR_TERMINAL);
		fprintf(out, markdown ? "\n## %s\n\n" : "\n%s\n\n", hub_section_title(s));
		if (!t)
			fputs("(out of memory)\n", out);
		else if (!sk_table_row_count(t))
			fprintf(out, "%s\n", hub_section_empty(p, s));
		else
			sk_table_write(out, t, markdown ? SK_FORMAT_MARKDOWN : SK_FORMAT_TABLE);
		sk_table_free(t);
	}
	write_notes(out, p, markdown);
}

void hub_render_table(FILE *out, const hub_page *p)
{
	write_page(out, p, false);
}

void hub_render_markdown(FILE *out, const hub_page *p)
{
	write_page(out, p, true);
}

static void json_key(FILE *out, const char *indent, const char *key)
{
	fprintf(out, ",\n%s", indent);
	sk_json_write_string(out, key);
	fputs(": ", out);
}

void hub_render_json(FILE *out, const hub_page *p)
{
	char date[16];
	fputs("{\n  \"dashboard\": ", out);
	sk_json_write_string(out, p->hub ? "hub" : "trust");
	json_key(out, "  ", "hub");
	sk_json_write_string(out, p->hub);
	json_key(out, "  ", "term");
	sk_json_write_string(out, p->latest);
	json_key(out, "  ", "previous_term");
	sk_json_write_string(out, p->previous);
	json_key(out, "  ", "national_year");
	if (p->nat)
		fprintf(out, "%d", p->nat->year);
	else
		fputs("null", out);
	json_key(out, "  ", "national_need_year");
	if (p->nat_need)
		fprintf(out, "%d", p->nat_need->year);
	else
		fputs("null", out);
	json_key(out, "  ", "as_of");
	snprintf(date, sizeof(date), "%04d-%02d-%02d", p->as_of.year, p->as_of.month,
		 p->as_of.day);
	sk_json_write_string(out, date);
	json_key(out, "  ", "school_count");
	fprintf(out, "%zu", p->school_count);
	json_key(out, "  ", "reviewed");
	fprintf(out, "%zu", p->reviewed);
	json_key(out, "  ", "with_strategy");
	fprintf(out, "%zu", p->with_strategy);
	for (int s = 0; s < HUB_SECTIONS; s++) {
		sk_table *t = hub_section_table(p, (hub_section)s, HUB_FOR_JSON);
		json_key(out, "  ", hub_section_key((hub_section)s));
		if (t)
			sk_table_write(out, t, SK_FORMAT_JSON);
		else
			fputs("null", out);
		sk_table_free(t);
	}
	size_t n;
	char **notes = hub_page_notes(&n, p);
	json_key(out, "  ", "notes");
	fputs(n ? "[" : "[]", out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n    " : "\n    ", out);
		sk_json_write_string(out, notes[i]);
	}
	fputs(n ? "\n  ]\n}\n" : "\n}\n", out);
	hub_notes_free(notes, n);
}
