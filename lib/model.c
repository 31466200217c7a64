/* What a file says it is, and "did you mean" for keys typed wrong. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "decode_internal.h"
#include "sendkit/model.h"

/* Words and candidates longer than this are never suggested. */
#define DYM_MAX 64

sk_file_kind sk_file_kind_of(const sk_ynode *root)
{
	const sk_ynode *v = sk_ynode_get(root, "sendkit");

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

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Edit distance ignoring case, a swap of neighbours counting as one edit
 * (optimal string alignment); both lengths at most DYM_MAX. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t rows[3][DYM_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *t;

		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])
			    && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

const char *sk_did_you_mean(const char *word, const char *const *candidates, size_t count)
{
	size_t n = word ? strlen(word) : 0;
	size_t limit = n / 3 > 1 ? n / 3 : 1;
	size_t best_d = SIZE_MAX;
	const char *best = NULL;

	if (n == 0 || n > DYM_MAX)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		const char *c = candidates[i];
		size_t m = c ? strlen(c) : 0;
		size_t d;

		if (m == 0 || m > DYM_MAX || m > n + limit || n > m + limit)
			continue;
		d = distance(word, n, c, m);
		if (d < best_d) {
			best_d = d;
			best = c;
		}
	}
	return best_d <= limit ? best : NULL;
}

bool sk_model__like_sendkit(const char *key, size_t len)
{
	static const char *const name[] = {"sendkit"};
	char word[16];

	if (len == 0 || len >= sizeof(word) || memchr(key, '\0', len))
		return false;
	memcpy(word, key, len);
	word[len] = '\0';
	return strcmp(word, "sendkit") != 0 && sk_did_you_mean(word, name, 1) != NULL;
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
