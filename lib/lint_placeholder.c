/* The placeholder rule: values still as `action-lint --template` wrote them,
 * "<like this>". Each is one finding, in place of what other rules would say
 * about the same value (a placeholder count is not a "wrong type"), which
 * are said only when the placeholder is not said as an error. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode_internal.h"
#include "lint_internal.h"
#include "mem_internal.h"
#include "template_internal.h"

typedef struct spots {
	const sk_ynode **v;
	size_t n, cap;
} spots;

/* What a whole value in angle brackets is. */
typedef enum {
	BRACKETS_NONE,        /* not one, or an address: "<j.smith@school.org>" */
	BRACKETS_TEMPLATE,    /* one of the templates' own placeholders */
	BRACKETS_WORDS,       /* words in lower case ("<number>") or a filler ("<TBC>") */
	BRACKETS_AROUND       /* the writer's value left in them ("<Judith Penrose>") */
} brackets;

/* What people write for "not yet known": "TBC", "N/A", "?", a dash (and
 * spaces or a full stop around it). */
static bool filler(const char *s, size_t len)
{
	static const char *const fillers[] = {
		"-", "\xe2\x80\x93", "\xe2\x80\x94", "?", "??", "n/a", "na", "tbc", "tbd",
		"tba", "none", "nobody", "unknown", "x",
	};

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '.'))
		len--;
	for (size_t i = 0; i < sizeof(fillers) / sizeof(fillers[0]); i++)
		if (strlen(fillers[i]) == len && strncasecmp(fillers[i], s, len) == 0)
			return true;
	return false;
}

static brackets whole_brackets(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < 3 || s[0] != '<' || s[len - 1] != '>')
		return BRACKETS_NONE;
	if (sk_template__is_placeholder(s, len))
		return BRACKETS_TEMPLATE;
	if (memchr(s + 1, '@', len - 2) && !memchr(s + 1, ' ', len - 2))
		return BRACKETS_NONE;
	/* "<TBC>": not the value in brackets, but a stand-in for it. */
	if (filler(s + 1, len - 2))
		return BRACKETS_WORDS;
	return s[1] >= 'a' && s[1] <= 'z' ? BRACKETS_WORDS : BRACKETS_AROUND;
}

bool sk_lint__is_placeholder(const char *s, size_t len)
{
	return whole_brackets(s, len) != BRACKETS_NONE;
}

/* One of the templates' own placeholders left inside a value, with text
 * typed before or after it ("<the staff lead and their role> J Smith").
 * Other bracketed words are the writer's own ("<two years>", "<see appendix
 * b>", "pupils <5 and >3", "<b>", "J Smith <js@school.org>"). Its offset in
 * s and its length, through the outs. */
static bool placeholder_in(const char *s, size_t len, size_t *out_at, size_t *out_len)
{
	for (size_t lt = 0; lt + 1 < len; lt++) {
		size_t end = lt + 1;

		if (s[lt] != '<')
			continue;
		while (end < len && s[end] != '>' && s[end] != '<' && s[end] != '\n')
			end++;
		if (end < len && s[end] == '>'
		    && sk_template__is_placeholder(s + lt, end + 1 - lt)) {
			*out_at = lt;
			*out_len = end + 1 - lt;
			return true;
		}
	}
	return false;
}

static int add_spot(spots *sp, const sk_ynode *node)
{
	if (SK_GROW(sp->v, sp->cap, sp->n + 1) != SK_OK)
		return SK_ENOMEM;
	sp->v[sp->n++] = node;
	return SK_OK;
}

/* A person's key (an action's lead, a review action's owner) holding a filler. */
static bool filler_person(const sk_ynode *key, const sk_ynode *value)
{
	if (!key || (strcmp(key->text, "lead") != 0 && strcmp(key->text, "owner") != 0))
		return false;
	return filler(value->text, value->len);
}

/* Every placeholder value under `node`, the value of `key` (NULL in a list;
 * keys are never placeholders). */
static int collect(spots *sp, const sk_ynode *key, const sk_ynode *node)
{
	int rc = SK_OK;
	size_t at, len;

	switch (node->kind) {
	case SK_YSCALAR:
		if (sk_lint__is_placeholder(node->text, node->len) || filler_person(key, node)
		    || placeholder_in(node->text, node->len, &at, &len))
			rc = add_spot(sp, node);
		break;
	case SK_YMAP:
		for (size_t i = 0; rc == SK_OK && i < node->count; i++)
			rc = collect(sp, node->pairs[i].key, node->pairs[i].value);
		break;
	case SK_YSEQ:
		for (size_t i = 0; rc == SK_OK && i < node->count; i++)
			rc = collect(sp, NULL, node->items[i]);
		break;
	}
	return rc;
}

static bool at_spot(const spots *sp, sk_pos pos)
{
	for (size_t i = 0; i < sp->n; i++)
		if (sp->v[i]->pos.line == pos.line && sp->v[i]->pos.col == pos.col)
			return true;
	return false;
}

/* One finding for a value `collect` found. */
static int report_spot(sk_diags *found, const char *file, const sk_ynode *v)
{
	size_t at, len;

	switch (whole_brackets(v->text, v->len)) {
	case BRACKETS_TEMPLATE:
	case BRACKETS_WORDS:
		return sk_diags_add(found, file, v->pos, SK_ERROR, "placeholder",
				    "\"%.*s\" is %s: write the real value in place of the whole "
				    "of it, the angle brackets < > too", sk_decode__cut(v->text),
				    v->text, whole_brackets(v->text, v->len) == BRACKETS_TEMPLATE
				    ? "left from the template" : "a placeholder");
	case BRACKETS_AROUND:
		return sk_diags_add(found, file, v->pos, SK_ERROR, "placeholder",
				    "\"%.*s\" is in angle brackets, as a placeholder is: if it is "
				    "the real value, delete the angle brackets < >",
				    sk_decode__cut(v->text), v->text);
	default:
		break;
	}
	if (placeholder_in(v->text, v->len, &at, &len)) {
		int cut = sk_decode__cut(v->text + at);

		return sk_diags_add(found, file, v->pos, SK_ERROR, "placeholder",
				    "\"%.*s\" is left from the template in this value: delete it, "
				    "angle brackets and all", (int)len < cut ? (int)len : cut,
				    v->text + at);
	}
	return sk_diags_add(found, file, v->pos, SK_ERROR, "placeholder",
			    "\"%.*s\" stands for someone not yet named: write the person or "
			    "the role who leads this action", sk_decode__cut(v->text), v->text);
}

int sk_lint__placeholders(const sk_ydoc *doc, sk_diags *found, sk_decode__stood *stood)
{
	spots sp = {NULL, 0, 0};
	const char *file = sk_ydoc_file(doc);
	int rc = collect(&sp, NULL, sk_ydoc_root(doc));

	for (size_t i = 0; rc == SK_OK && i < sk_diags_count(found);) {
		const sk_diag *d = sk_diags_at(found, i);

		if (!at_spot(&sp, d->pos)) {
			i++;
			continue;
		}
		rc = sk_decode__stand_in(stood, d, d->pos, "placeholder");
		if (rc == SK_OK)
			sk_diags_remove(found, i);
	}
	for (size_t i = 0; rc == SK_OK && i < sp.n; i++)
		rc = report_spot(found, file, sp.v[i]);
	free(sp.v);
	return rc;
}
