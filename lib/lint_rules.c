/* action-lint's rule table and per-rule severity settings (sendkit/lint.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"
#include "lint_internal.h"

/* Grouped as the checks run: the YAML loader, the model decoders, the
 * semantic checks, the set, and the linter's own. */
static const sk_lint_rule rules[] = {
	{"encoding", SK_ERROR,
	 "bytes that cannot be decoded (a note says when Windows-1252 or UTF-16 was assumed)"},
	{"yaml-syntax", SK_ERROR, "the file is not valid YAML"},
	{"yaml-slip", SK_WARNING,
	 "a pasted bullet or list number (\"1.\", \"2)\"), a space of another kind (no-break, "
	 "thin, em), a full-width colon or an invisible character, a "
	 "\"-\" with no space after it, or a \"#\" that drops the rest of a value"},
	{"yaml-tab", SK_ERROR,
	 "a tab in indentation that stops YAML reading the file (never lowered), or a "
	 "warning where YAML still reads the line"},
	{"duplicate-key", SK_ERROR,
	 "a key given twice in one map, which YAML parsers silently collapse"},
	{"yaml-alias", SK_ERROR, "an anchor or alias; write the value out in full"},
	{"yaml-limit", SK_ERROR, "nesting deeper than the loader accepts"},
	{"yaml-multiple-documents", SK_WARNING,
	 "more than one YAML document in a file; only the first is read"},
	{"yaml-non-string-key", SK_ERROR, "a key that is a map or a list"},
	{"not-sendkit", SK_ERROR,
	 "no top-level \"sendkit: strategy\" or \"sendkit: review\" key"},
	{"unknown-key", SK_WARNING,
	 "a key the format does not have, and is not a slip typing one the map lacks"},
	{"misspelt-key", SK_ERROR,
	 "a key the format does not have that is close to one it has and the map lacks "
	 "(\"leadrship\"), with \"did you mean\", or the template's words for it (\"T3\"), "
	 "or a key of the map above or below at this map's indentation: what it holds is "
	 "not read until it is renamed or moved"},
	{"wrong-type", SK_ERROR, "a value of the wrong kind: a map for a list, text for a number"},
	{"merged-items", SK_ERROR,
	 "list items pasted with bullets, numbers, letters or a \"-\" with no space, which YAML "
	 "reads as one text"},
	{"missing-field", SK_ERROR,
	 "a required key absent, empty or blank (only spaces or invisible characters), "
	 "reported where its item starts"},
	{"bad-money", SK_ERROR, "a cost or budget that cannot be read as money"},
	{"bad-date", SK_ERROR,
	 "a date, review date or due date that cannot be read or cannot exist"},
	{"bad-year", SK_ERROR, "a year that is not an academic year such as 2023-2024"},
	{"bad-judgement", SK_ERROR,
	 "a judgement other than in_place, partly_in_place, not_in_place or not_judged"},
	{"of-conflict", SK_ERROR, "a review whose \"of\" names both a trust and a school"},
	{"missing-area", SK_ERROR, "a strategy without one of the five areas"},
	{"empty-area", SK_ERROR,
	 "an area with no strengths, no recommendations or no actions, or a review with no "
	 "statements"},
	{"headline-count", SK_WARNING,
	 "review headlines that are not three strengths and three recommendations"},
	{"budget-mismatch", SK_ERROR, "an area's budget that is not the sum of its costs"},
	{"impossible-count", SK_ERROR,
	 "summary counts that cannot be: negative, more SEN than on roll, or not adding up"},
	{"bad-urn", SK_ERROR, "a school URN that is not six digits"},
	{"date-outside-year", SK_ERROR,
	 "a census date, timescale or action review date outside the academic year"},
	{"census-not-taken", SK_WARNING,
	 "a census date after today (--as-of): that census has not been taken"},
	{"vague-timescale", SK_WARNING,
	 "a timescale that is neither a date, a term nor a recurring word"},
	{"impact-missing", SK_WARNING,
	 "a review date passed (--as-of) with no impact recorded for it (term3 or term5)"},
	{"duplicate-id", SK_ERROR, "two review statements with the same id"},
	{"broken-link", SK_ERROR, "a link to a statement id that is not in the file"},
	{"self-link", SK_WARNING, "a review statement linked to itself"},
	{"overdue-action", SK_WARNING, "a review action whose due date has passed (--as-of)"},
	{"duplicate-school", SK_WARNING, "two strategy files for the same school and year"},
	{"unknown-rule", SK_WARNING,
	 "a disable comment or .action-lint.yaml naming a rule that does not exist"},
	{"bad-config", SK_ERROR, "a .action-lint.yaml setting that cannot be used"},
	{"placeholder", SK_ERROR,
	 "a value left from action-lint --template, written <like this>, to fill in (also "
	 "with text typed before or after it), or a lead or owner written TBC, N/A, ? or a "
	 "dash"},
};

#define RULE_COUNT (sizeof(rules) / sizeof(rules[0]))

struct sk_lint_config {
	unsigned char level[RULE_COUNT];
};

size_t sk_lint_rule_count(void)
{
	return RULE_COUNT;
}

const sk_lint_rule *sk_lint_rule_at(size_t index)
{
	return index < RULE_COUNT ? &rules[index] : NULL;
}

int sk_lint__rule_index(const char *name)
{
	for (size_t i = 0; name && i < RULE_COUNT; i++)
		if (strcmp(rules[i].name, name) == 0)
			return (int)i;
	return -1;
}

int sk_lint_rule_find(size_t *out, const char *name)
{
	int i = sk_lint__rule_index(name);

	if (i < 0)
		return SK_EINVAL;
	*out = (size_t)i;
	return SK_OK;
}

sk_lint_config *sk_lint_config_new(void)
{
	return calloc(1, sizeof(sk_lint_config));
}

void sk_lint_config_free(sk_lint_config *config)
{
	free(config);
}

int sk_lint_config_set(sk_lint_config *config, const char *rule, sk_lint_level level)
{
	int i = sk_lint__rule_index(rule);

	if (i < 0 || (unsigned)level > SK_LINT_ERROR)
		return SK_EINVAL;
	config->level[i] = (unsigned char)level;
	return SK_OK;
}

sk_lint_level sk_lint_config_get(const sk_lint_config *config, size_t index)
{
	if (!config || index >= RULE_COUNT)
		return SK_LINT_DEFAULT;
	return (sk_lint_level)config->level[index];
}

/* "error", "warning" or "off", ignoring case; SK_EINVAL for anything else. */
static int parse_level(sk_lint_level *out, const char *text)
{
	static const struct { const char *name; sk_lint_level level; } names[] = {
		{"error", SK_LINT_ERROR}, {"warning", SK_LINT_WARNING}, {"off", SK_LINT_OFF},
	};
	char buf[16];
	size_t n = 0;

	for (; text[n] && n + 1 < sizeof(buf); n++)
		buf[n] = (char)tolower((unsigned char)text[n]);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!text[n] && strcmp(buf, names[i].name) == 0) {
			*out = names[i].level;
			return SK_OK;
		}
	}
	return SK_EINVAL;
}

/* Says a rule name is unknown, with the closest real one when it is close. */
int sk_lint__unknown_rule(sk_diags *diags, const char *file, sk_pos pos, const char *name,
			  const char *where)
{
	const char *names[RULE_COUNT];
	const char *hint;

	for (size_t i = 0; i < RULE_COUNT; i++)
		names[i] = rules[i].name;
	hint = sk_text_did_you_mean(name, names, RULE_COUNT);
	if (hint)
		return sk_diags_add(diags, file, pos, SK_WARNING, "unknown-rule",
				    "unknown rule \"%.60s\" in %s; did you mean \"%s\"?",
				    name, where, hint);
	return sk_diags_add(diags, file, pos, SK_WARNING, "unknown-rule",
			    "unknown rule \"%.60s\" in %s; action-lint --list-rules lists them",
			    name, where);
}

bool sk_lint__rule_fixed(int index)
{
	static const char *const fixed[] = {"encoding", "yaml-syntax", "yaml-limit",
					     "not-sendkit"};

	for (size_t i = 0; index >= 0 && i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(rules[index].name, fixed[i]) == 0)
			return true;
	return false;
}

static int parse_rule(sk_lint_config *config, const sk_ypair *p, const char *file,
		      sk_diags *diags)
{
	const sk_ynode *v = p->value;
	sk_lint_level level;

	if (sk_lint__rule_index(p->key->text) < 0)
		return sk_lint__unknown_rule(diags, file, p->key->pos, p->key->text,
					     "the configuration");
	if (v->kind != SK_YSCALAR || parse_level(&level, v->text) != SK_OK)
		return sk_diags_add(diags, file, v->pos, SK_ERROR, "bad-config",
				    "\"%s\" should be error, warning or off, not %s%.40s%s",
				    p->key->text, v->kind == SK_YSCALAR ? "\"" : "",
				    v->kind == SK_YSCALAR ? v->text : sk_ynode_kind_name(v->kind),
				    v->kind == SK_YSCALAR ? "\"" : "");
	if (level != SK_LINT_ERROR && sk_lint__rule_fixed(sk_lint__rule_index(p->key->text)))
		return sk_diags_add(diags, file, v->pos, SK_ERROR, "bad-config",
				    "\"%s\" cannot be %s: it means a file could not be read at "
				    "all, so the file would pass unchecked; the setting is ignored and "
				    "such a file still fails", p->key->text,
				    level == SK_LINT_OFF ? "switched off" : "made a warning");
	return sk_lint_config_set(config, p->key->text, level);
}

static int parse_top(sk_lint_config *config, const sk_ynode *root, const char *file,
		     sk_diags *diags)
{
	static const char *const top_keys[] = {"rules"};
	const sk_ynode *r;
	int rc = SK_OK;

	if (root->kind == SK_YSCALAR && root->is_null)
		return SK_OK;
	if (root->kind != SK_YMAP)
		return sk_diags_add(diags, file, root->pos, SK_ERROR, "bad-config",
				    "the configuration should be a map with a \"rules\" key");
	for (size_t i = 0; rc == SK_OK && i < root->count; i++) {
		const sk_ynode *key = root->pairs[i].key;
		const char *hint;

		if (strcmp(key->text, "rules") == 0)
			continue;
		hint = sk_ynode_find(root, "rules") ? NULL
		       : sk_text_did_you_mean(key->text, top_keys, 1);
		if (hint)
			rc = sk_diags_add(diags, file, key->pos, SK_ERROR, "misspelt-key",
					  "unknown key \"%.*s\" in the configuration; did you mean "
					  "\"%s\"? What it holds is not read until it is renamed.",
					  sk_decode__cut(key->text), key->text, hint);
		else
			rc = sk_diags_add(diags, file, key->pos, SK_WARNING, "unknown-key",
					  "unknown key \"%.*s\" in the configuration is ignored",
					  sk_decode__cut(key->text), key->text);
	}
	r = sk_ynode_find(root, "rules");
	if (rc != SK_OK || !r || (r->kind == SK_YSCALAR && r->is_null))
		return rc;
	if (r->kind != SK_YMAP)
		return sk_diags_add(diags, file, r->pos, SK_ERROR, "bad-config",
				    "\"rules\" should be a map of rule names to error, warning or off");
	for (size_t i = 0; rc == SK_OK && i < r->count; i++) {
		rc = parse_rule(config, &r->pairs[i], file, diags);
		if (rc == SK_EINVAL)
			rc = SK_OK;
	}
	return rc;
}

int sk_lint_config_read(sk_lint_config *config, const char *bytes, size_t len,
			const char *file, sk_diags *diags)
{
	sk_ydoc *doc;
	int rc = sk_ydoc_load(&doc, bytes, len, file, diags);

	if (rc != SK_OK)
		return rc;
	rc = parse_top(config, sk_ydoc_root(doc), file, diags);
	sk_ydoc_free(doc);
	return rc;
}
