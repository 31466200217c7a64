/* The placeholder rule: values still as `action-lint --template` wrote them,
 * "<like this>". Each is one finding, in place of what other rules would say
 * about the same value (a placeholder count is not a "wrong type"). */
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"
#include "lint_internal.h"
#include "mem_internal.h"

typedef struct spots {
	const sk_ynode **v;
	size_t n, cap;
} spots;

bool sk_lint__is_placeholder(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len >= 3 && s[0] == '<' && s[len - 1] == '>';
}

static int add_spot(spots *sp, const sk_ynode *node)
{
	if (SK_GROW(sp->v, sp->cap, sp->n + 1) != SK_OK)
		return SK_ENOMEM;
	sp->v[sp->n++] = node;
	return SK_OK;
}

/* Every placeholder value under `node` (keys are never placeholders). */
static int collect(spots *sp, const sk_ynode *node)
{
	int rc = SK_OK;

	switch (node->kind) {
	case SK_YSCALAR:
		if (sk_lint__is_placeholder(node->text, node->len))
			rc = add_spot(sp, node);
		break;
	case SK_YMAP:
		for (size_t i = 0; rc == SK_OK && i < node->count; i++)
			rc = collect(sp, node->pairs[i].value);
		break;
	case SK_YSEQ:
		for (size_t i = 0; rc == SK_OK && i < node->count; i++)
			rc = collect(sp, node->items[i]);
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

int sk_lint__placeholders(const sk_ydoc *doc, sk_diags *found)
{
	spots sp = {NULL, 0, 0};
	const char *file = sk_ydoc_file(doc);
	int rc = collect(&sp, sk_ydoc_root(doc));

	for (size_t i = sk_diags_count(found); rc == SK_OK && i-- > 0;)
		if (at_spot(&sp, sk_diags_at(found, i)->pos))
			sk_diags_remove(found, i);
	for (size_t i = 0; rc == SK_OK && i < sp.n; i++)
		rc = sk_diags_add(found, file, sp.v[i]->pos, SK_ERROR, "placeholder",
				  "\"%.*s\" is left from the template; write the real value in its "
				  "place", sk_decode__cut(sp.v[i]->text), sp.v[i]->text);
	free(sp.v);
	return rc;
}
