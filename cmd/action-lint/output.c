/* action-lint's four output formats: text, json, github and sarif. */
#include <stdlib.h>
#include <string.h>

#include "action-lint.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static const char *sarif_level(sk_severity s)
{
	return s == SK_ERROR ? "error" : s == SK_WARNING ? "warning" : "note";
}

static void write_text(FILE *out, const sk_diags *diags)
{
	for (size_t i = 0; i < sk_diags_count(diags); i++)
		cli_put_diag(out, sk_diags_at(diags, i));
}

static void write_json(FILE *out, const sk_diags *diags, size_t files)
{
	size_t n = sk_diags_count(diags);

	fprintf(out, "{\n  \"files\": %zu,\n  \"errors\": %zu,\n  \"warnings\": %zu,\n"
		"  \"notes\": %zu,\n  \"diagnostics\": [", files,
		sk_diags_count_severity(diags, SK_ERROR), sk_diags_count_severity(diags, SK_WARNING),
		sk_diags_count_severity(diags, SK_NOTE));
	for (size_t i = 0; i < n; i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", out);
		sk_json_write_string(out, d->file);
		if (d->pos.line)
			fprintf(out, ", \"line\": %u, \"column\": %u", d->pos.line,
				d->pos.col ? d->pos.col : 1);
		else
			fputs(", \"line\": null, \"column\": null", out);
		fprintf(out, ", \"severity\": \"%s\", \"rule\": ", sk_severity_name(d->severity));
		sk_json_write_string(out, d->rule);
		fputs(", \"message\": ", out);
		sk_json_write_string(out, d->message);
		fputc('}', out);
	}
	fputs(n ? "\n  ]\n}\n" : "]\n}\n", out);
}

/* GitHub's workflow-command escaping: %, CR and LF everywhere, and in
 * properties also the ':' and ',' that would end them; the other control
 * characters as cli_put_visible shows them. A "[" is kept as it is in a
 * property (a file's name, which GitHub matches to the file): "#[" starts
 * a command only at a line's start, and the line starts "::error". */
static void write_escaped(FILE *out, const char *s, bool property)
{
	while (*s) {
		size_t run = strcspn(s, property ? "%\r\n:,[" : "%\r\n");
		char *visible = strndup(s, run);
		cli_put_visible(out, visible ? visible : "");
		free(visible);
		s += run;
		if (!*s)
			break;
		if (*s == '[')
			fputc(*s++, out);
		else
			fprintf(out, "%%%02X", (unsigned char)*s++);
	}
}

static void write_annotation(FILE *out, const sk_diag *d)
{
	static const char *const command[] = {"notice", "warning", "error"};

	fprintf(out, "::%s file=", command[d->severity]);
	write_escaped(out, d->file, true);
	if (d->pos.line)
		fprintf(out, ",line=%u,col=%u", d->pos.line, d->pos.col ? d->pos.col : 1);
	fputs(",title=", out);
	write_escaped(out, d->rule, true);
	fputs("::", out);
	write_escaped(out, d->message, false);
	fputc('\n', out);
}

static void plural(FILE *out, size_t n, const char *what, const char *sep)
{
	fprintf(out, "%s%zu more %s%s", sep, n, what, n == 1 ? "" : "s");
}

/* Past GitHub's limit an annotation would be dropped: the rest are printed
 * as plain log lines, and a closing line counts them. */
static void write_github(FILE *out, const sk_diags *diags)
{
	static const char *const level[] = {"note", "warning", "error"};
	size_t shown[3] = {0, 0, 0}, more[3] = {0, 0, 0};
	const char *sep = "";

	for (size_t i = 0; i < sk_diags_count(diags); i++) {
		const sk_diag *d = sk_diags_at(diags, i);

		if (shown[d->severity] < AL_GITHUB_LIMIT) {
			shown[d->severity]++;
			write_annotation(out, d);
		} else {
			more[d->severity]++;
			cli_put_diag(out, d);
		}
	}
	if (!more[0] && !more[1] && !more[2])
		return;
	fprintf(out, "%s: ", cli_prog());
	for (int s = SK_ERROR; s >= SK_NOTE; s--) {
		if (more[s]) {
			plural(out, more[s], level[s], sep);
			sep = " and ";
		}
	}
	fprintf(out, " listed above as text: GitHub shows %d annotations of each level\n",
		AL_GITHUB_LIMIT);
}

/* A relative URI reference for a path: RFC 3986 unreserved characters and
 * '/' as they are, everything else percent-encoded. */
static void write_uri(FILE *out, const char *path)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
		    || strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	fputc('"', out);
}

static void write_sarif_rules(FILE *out)
{
	size_t n = sk_lint_rule_count();

	for (size_t i = 0; i < n; i++) {
		const sk_lint_rule *r = sk_lint_rule_at(i);

		fputs("            {\"id\": ", out);
		sk_json_write_string(out, r->name);
		fputs(", \"shortDescription\": {\"text\": ", out);
		sk_json_write_string(out, r->description);
		fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}%s\n",
			sarif_level(r->severity), i + 1 < n ? "," : "");
	}
}

static void write_sarif_result(FILE *out, const sk_diag *d)
{
	size_t index;

	fputs("        {\"ruleId\": ", out);
	sk_json_write_string(out, d->rule);
	if (sk_lint_rule_find(&index, d->rule) == SK_OK)
		fprintf(out, ", \"ruleIndex\": %zu", index);
	fprintf(out, ", \"level\": \"%s\", \"message\": {\"text\": ", sarif_level(d->severity));
	sk_json_write_string(out, d->message);
	fputs("},\n         \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
	      out);
	write_uri(out, d->file);
	fputc('}', out);
	/* Code scanning places a result only by its region: a finding about the
	 * whole file goes on line 1. */
	fprintf(out, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}",
		d->pos.line ? d->pos.line : 1, d->pos.line && d->pos.col ? d->pos.col : 1);
	fputs("}}]}", out);
}

static void write_sarif(FILE *out, const sk_diags *diags)
{
	size_t n = sk_diags_count(diags);

	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": ", out);
	sk_json_write_string(out, cli_prog());
	fprintf(out, ",\n          \"version\": \"%s\",\n          \"rules\": [\n", sk_version());
	write_sarif_rules(out);
	fputs("          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n"
	      "      \"results\": [", out);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", out);
		write_sarif_result(out, sk_diags_at(diags, i));
	}
	fputs(n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n", out);
}

int al_write(FILE *out, al_format format, const sk_diags *diags, size_t files)
{
	switch (format) {
	case AL_JSON:
		write_json(out, diags, files);
		break;
	case AL_GITHUB:
		write_github(out, diags);
		break;
	case AL_SARIF:
		write_sarif(out, diags);
		break;
	default:
		write_text(out, diags);
		break;
	}
	return SK_EXIT_OK;
}
