/* What a file says it is. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"
#include "sendkit/model.h"
#include "sendkit/text.h"

sk_file_kind sk_file_kind_of(const sk_ynode *root)
{
	const sk_ynode *v = sk_ynode_find(root, "sendkit");

	if (!v)
		return SK_FILE_UNKNOWN;
	if (v->kind != SK_YSCALAR)
		return SK_FILE_OTHER;
	if (strcmp(v->text, "strategy") == 0)
		return SK_FILE_STRATEGY;
	if (strcmp(v->text, "review") == 0)
		return SK_FILE_REVIEW;
	return SK_FILE_OTHER;
}

bool sk_model__like_sendkit(const char *key, size_t len)
{
	static const char *const name[] = {"sendkit"};
	char word[16];

	if (len == 0 || len >= sizeof(word) || memchr(key, '\0', len))
		return false;
	memcpy(word, key, len);
	word[len] = '\0';
	return strcmp(word, "sendkit") != 0 && sk_text_did_you_mean(word, name, 1) != NULL;
}

const sk_ynode *sk_model__sendkit_typo(const sk_ynode *root)
{
	if (!root || root->kind != SK_YMAP)
		return NULL;
	for (size_t i = 0; i < root->count; i++) {
		const sk_ynode *key = root->pairs[i].key;

		if (sk_model__like_sendkit(key->text, key->len))
			return key;
	}
	return NULL;
}

static bool only_case_differs(const char *key)
{
	static const char want[] = "sendkit";
	size_t i;

	for (i = 0; key[i] && want[i]; i++)
		if (tolower((unsigned char)key[i]) != want[i])
			return false;
	return key[i] == '\0' && want[i] == '\0';
}

int sk_model__report_typo(sk_diags *diags, const char *file, const sk_ynode *key,
			  const char *what)
{
	return sk_diags_add(diags, file, key->pos, SK_ERROR, "not-sendkit",
			    "not a sendkit %s: the key \"%s\" should be \"sendkit\"%s", what,
			    key->text, only_case_differs(key->text) ? ", in lower case" : "");
}
