/* sk_ydoc_load: any bytes give a tree whose promises hold, or an error. */
#include "fuzz.h"

static void walk(const sk_ynode *n, size_t depth)
{
	FUZZ_CHECK(n);
	FUZZ_CHECK(depth <= SK_YAML_MAX_DEPTH + 1);
	switch (n->kind) {
	case SK_YSCALAR:
		FUZZ_CHECK(n->text);
		FUZZ_CHECK(strlen(n->text) == n->len);
		FUZZ_CHECK(sk_utf8_valid(n->text, n->len));
		break;
	case SK_YMAP:
		for (size_t i = 0; i < n->count; i++) {
			const sk_ypair *p = &n->pairs[i];
			FUZZ_CHECK(p->key && p->key->kind == SK_YSCALAR);
			walk(p->key, depth + 1);
			walk(p->value, depth + 1);
			FUZZ_CHECK(sk_ynode_find(n, p->key->text) == p->value);
		}
		break;
	case SK_YSEQ:
		for (size_t i = 0; i < n->count; i++)
			walk(n->items[i], depth + 1);
		break;
	default:
		FUZZ_CHECK(n->kind == SK_YSCALAR);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sk_diags *diags = sk_diags_new();
	sk_ydoc *doc = NULL;
	int rc = sk_ydoc_load(&doc, (const char *)data, size, "fuzz.yaml", diags);
	FUZZ_CHECK(rc == SK_OK || rc == SK_EINVAL || rc == SK_ELIMIT || rc == SK_ENOMEM);
	FUZZ_CHECK((rc == SK_OK) == (doc != NULL));
	if (doc) {
		size_t len = 0;
		const char *text = sk_ydoc_text(&len, doc);
		FUZZ_CHECK(text && strlen(text) == len);
		FUZZ_CHECK(strcmp(sk_ydoc_file(doc), "fuzz.yaml") == 0);
		walk(sk_ydoc_root(doc), 0);
	} else {
		FUZZ_CHECK(sk_diags_count_severity(diags, SK_ERROR) > 0);
	}
	fuzz_check_diags(diags, "fuzz.yaml");
	sk_ydoc_free(doc);
	sk_diags_free(diags);
	return 0;
}
