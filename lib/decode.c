/* Decoding shared by the strategy and review models: the arena that owns a
 * model's strings and arrays, the map visitor and the field fetchers. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode_internal.h"
#include "sendkit/money.h"
#include "sendkit/text.h"
#include "sendkit/when.h"
#include "text_internal.h"
#include "yaml_internal.h"

/* Any year will do to tell a term alone ("T3") from free text. */
#define PROBE_YEAR 2000
/* User text quoted in a message is cut to about this many bytes. */
#define QUOTE_MAX 60

/* A model and the arena that owns what it points to, in one allocation. */
typedef struct model_head {
	sk_arena arena;
	max_align_t body[];
} model_head;

typedef struct field {
	const sk_ynode *value;   /* a usable scalar, or NULL */
	sk_pos pos;              /* the value's place when the key is there */
	bool present;
} field;

static void *ctx_alloc(sk_decode__ctx *ctx, size_t count, size_t size)
{
	void *p;

	if (count == 0)
		return NULL;
	p = sk_arena__alloc(ctx->arena, count, size);
	if (!p)
		ctx->err = SK_ENOMEM;
	return p;
}

const char *sk_decode__strdup(sk_decode__ctx *ctx, const char *s, size_t len)
{
	char *p = ctx_alloc(ctx, len + 1, 1);

	if (p)
		memcpy(p, s, len);
	return p;
}

void sk_decode__report(sk_decode__ctx *ctx, sk_pos pos, sk_severity severity,
		       const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sk_diags_vadd(ctx->diags, ctx->file, pos, severity, rule, fmt, ap) != SK_OK)
		ctx->err = SK_ENOMEM;
	va_end(ap);
}

/* The index of the loader's "yaml-slip" warning on `line` of this file, or
 * SIZE_MAX. */
static size_t slip_on(const sk_decode__ctx *ctx, unsigned line)
{
	for (size_t i = sk_diags_count(ctx->diags); i-- > 0;) {
		const sk_diag *d = sk_diags_at(ctx->diags, i);

		if (d->pos.line == line && strcmp(d->rule, "yaml-slip") == 0 && ctx->file
		    && d->file && strcmp(d->file, ctx->file) == 0)
			return i;
	}
	return SIZE_MAX;
}

/* Drops that warning where the decoder has a more exact word about the same
 * character. */
static void drop_slip(sk_decode__ctx *ctx, unsigned line)
{
	size_t i = slip_on(ctx, line);

	if (i != SIZE_MAX)
		sk_diags_remove(ctx->diags, i);
}

int sk_decode__cut(const char *s)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* A value of only spaces or invisible characters is as empty as none. */
static bool is_empty(const sk_ynode *v)
{
	return v->kind == SK_YSCALAR && (v->is_null || v->len == 0 || sk_text_is_blank(v->text));
}

/* What a value is, for "should be X, not Y" messages. */
static const char *found(const sk_ynode *v)
{
	return is_empty(v) ? "empty" : sk_ynode_kind_name(v->kind);
}

static const sk_decode__key *schema_key(const sk_decode__schema *schema, const char *name)
{
	for (size_t i = 0; i < schema->count; i++)
		if (strcmp(schema->keys[i].name, name) == 0)
			return &schema->keys[i];
	return NULL;
}

static bool is_required(const sk_decode__map *m, const char *key)
{
	const sk_decode__key *k = schema_key(m->schema, key);

	return k && k->required == SK_DECODE__REQUIRED;
}

void sk_decode__show(sk_decode__shown *out, const char *s)
{
	size_t t = 0, b = 0, len, n = strlen(s), cut = (size_t)sk_decode__cut(s);
	unsigned code;
	bool whole = true;

	out->first = 0;
	for (size_t i = 0; i < n; i += len) {
		const char *plain = s + i;   /* what `plain` gets for this character */
		size_t plain_len;

		if ((len = sk_yaml__invisible_at(s + i, n - i, &code)) > 0) {
			out->first = out->first ? out->first : code;
			plain = sk_yaml__char_is_space(code) ? " " : "";
			plain_len = strlen(plain);
			if (i < cut && t + 9 < sizeof(out->text))
				t += (size_t)snprintf(out->text + t, sizeof(out->text) - t,
						      "<U+%04X>", code);
		} else {
			uint32_t cp;   /* a whole character, so that the message stays UTF-8 */

			plain_len = len = sk_text__next(s + i, n - i, &cp);
			if (i < cut && t + len < sizeof(out->text)) {
				memcpy(out->text + t, s + i, len);
				t += len;
			}
		}
		if (b + plain_len < sizeof(out->plain)) {
			memcpy(out->plain + b, plain, plain_len);
			b += plain_len;
		} else {
			whole = false;
		}
	}
	out->text[t] = '\0';
	while (b > 0 && out->plain[b - 1] == ' ')
		b--;
	out->plain[whole ? b : 0] = '\0';
	b = strspn(out->plain, " ");
	memmove(out->plain, out->plain + b, strlen(out->plain + b) + 1);
}

void sk_decode__report_invisible(sk_decode__ctx *ctx, sk_pos pos, const char *rule,
				 const char *key, const sk_decode__shown *v)
{
	drop_slip(ctx, pos.line);
	sk_decode__report(ctx, pos, SK_ERROR, rule,
			  "\"%s\" holds %s (U+%04X, as a web page or Word "
			  "may paste) in \"%s\", and would be right without it: %s",
			  key, sk_yaml__char_words(v->first), v->first, v->text,
			  sk_yaml__char_is_space(v->first) && strchr(v->plain, ' ')
			  ? "type a plain space in its place" : "delete it");
}

/* A key close to one of the format's is a misspelling, and an error: what it
 * holds would otherwise be left out with the file still passing (a review's
 * "leadrship:" drops that area's statements from the score). */
#define NOT_READ "what it holds is not read until then"
#define NOT_READ_SENTENCE "What it holds is not read until it is renamed."

/* How a key the format does not have stands to the format's keys. */
typedef enum {
	KEY_OWN,     /* the writer's own: near none, or nearest one the map has */
	KEY_NEAR,    /* near a key the map lacks, but its own word ("review_type") */
	KEY_SLIP,    /* a slip typing a key the map lacks: misspelt-key */
	KEY_AGAIN    /* a key the map has, in other capitals or separators */
} key_kind;

static key_kind kind_of(const sk_decode__map *m, const char *word, const sk_ynode *value,
			const char **name);

/* A key with an invisible character in it ("lead" and a zero-width space,
 * pasted from the web): says so, the character escaped, with the key meant.
 * False when the key has none. */
static bool invisible_key(const sk_decode__map *m, const sk_ynode *key, const sk_ynode *value)
{
	sk_decode__shown v;
	const char *hint;

	sk_decode__show(&v, key->text);
	if (!v.first)
		return false;
	/* A space of another kind before the key is the loader's: "indent with
	 * ordinary spaces". */
	if (slip_on(m->ctx, key->pos.line) != SIZE_MAX)
		return true;
	if (kind_of(m, v.plain, value, &hint) == KEY_SLIP)
		sk_decode__report(m->ctx, key->pos, SK_ERROR, "misspelt-key",
				  "unknown key \"%s\" in %s: it holds %s (U+%04X, as a web page or "
				  "Word may paste); delete it to make it \"%s\": %s", v.text,
				  m->schema->what, sk_yaml__char_words(v.first), v.first, hint,
				  NOT_READ);
	else
		sk_decode__report(m->ctx, key->pos, SK_WARNING, "unknown-key",
				  "unknown key \"%s\" in %s: it holds %s (U+%04X, as a web page "
				  "or Word may paste); delete it", v.text, m->schema->what,
				  sk_yaml__char_words(v.first), v.first);
	return true;
}

#define WORD_SEP "_- "     /* what joins the words of a key */
#define KEYS_MAX 32         /* more keys than any map of the formats has */

/* s lowercased, without "_", "-" and spaces ("Term_3" is "term3"); false
 * when that does not fit. */
static bool key_shape(char *out, size_t max, const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (strchr(WORD_SEP, *s))
			continue;
		if (n + 1 >= max)
			return false;
		out[n++] = (char)tolower((unsigned char)*s);
	}
	out[n] = '\0';
	return true;
}

/* Whether a and b hold the same digits in the same order. */
static bool same_digits(const char *a, const char *b)
{
	for (;; a++, b++) {
		a += strcspn(a, "0123456789");
		b += strcspn(b, "0123456789");
		if (*a != *b)
			return false;
		if (!*a)
			return true;
	}
}

/* Whether word, near the format's key `name`, is a slip typing it: the same
 * digits ("terms" is not "term1") and, both words joined by "_", at most one
 * word of it an edit away from the key's ("review_dat"; "review_type" and
 * "reviewer_name" are words of the writer's own). */
static bool typed_for(const char *word, const char *name)
{
	size_t differ = 0;

	if (!same_digits(word, name))
		return false;
	if (!strpbrk(word, WORD_SEP) || !strpbrk(name, WORD_SEP))
		return true;
	while (*word && *name) {
		size_t a = strcspn(word, WORD_SEP), b = strcspn(name, WORD_SEP);
		size_t d = sk_text__distance(word, a, name, b);

		if (d > 1 || (d == 1 && ++differ > 1))
			return false;
		word += a + (word[a] != '\0');
		name += b + (name[b] != '\0');
	}
	return !*word && !*name;
}
/* A web address is no slip for a key that holds none ("url" by "urn"). */
static bool web_address(const sk_ynode *v)
{
	return v && v->kind == SK_YSCALAR
	       && (strncmp(v->text, "http://", 7) == 0 || strncmp(v->text, "https://", 8) == 0
		   || strncmp(v->text, "www.", 4) == 0);
}

/* What key `word` (holding `value`) is to the format's keys, and in *name
 * the key it is near, or NULL. The nearest by edits of all the format's keys,
 * so that a key beside one the map has is never taken for another. */
static key_kind kind_of(const sk_decode__map *m, const char *word, const sk_ynode *value,
			const char **name)
{
	const char *names[KEYS_MAX];
	char shape[65], other[65];
	size_t n = 0;

	*name = NULL;
	if (!key_shape(shape, sizeof(shape), word))
		return KEY_OWN;
	for (size_t i = 0; i < m->schema->count && n < KEYS_MAX; i++) {
		names[n++] = m->schema->keys[i].name;
		if (key_shape(other, sizeof(other), names[n - 1]) && strcmp(shape, other) == 0) {
			*name = names[n - 1];
			return sk_ynode_find(m->node, *name) ? KEY_AGAIN : KEY_SLIP;
		}
	}
	*name = sk_text_did_you_mean(word, names, n);
	if (!*name || sk_ynode_find(m->node, *name) || !same_digits(word, *name)
	    || web_address(value)) {
		*name = NULL;
		return KEY_OWN;
	}
	return typed_for(word, *name) ? KEY_SLIP : KEY_NEAR;
}

/* The key of `schema` that word is, as written in other capitals or with
 * "_", "-" or spaces, or NULL. */
static const char *same_key(const sk_decode__schema *schema, const char *word)
{
	char shape[65], other[65];

	if (!key_shape(shape, sizeof(shape), word))
		return NULL;
	for (size_t i = 0; i < schema->count; i++)
		if (key_shape(other, sizeof(other), schema->keys[i].name)
		    && strcmp(shape, other) == 0)
			return schema->keys[i].name;
	return NULL;
}

/* The column of the keys of the map under `key` in m, as they are or would
 * be (two right of the key), or 0 when m has no such key. */
static unsigned nest_column(const sk_decode__map *m, const char *key)
{
	for (size_t i = 0; i < m->node->count; i++) {
		const sk_ypair *p = &m->node->pairs[i];

		if (strcmp(p->key->text, key) != 0)
			continue;
		if (p->value->kind == SK_YMAP && p->value->count > 0)
			return p->value->pairs[0].key->pos.col;
		return p->key->pos.col + 2;
	}
	return 0;
}

/* A key of a map under m ("term5" of "impact") or of the map m is under
 * ("budget" of the area, in an action), written at m's indentation: YAML
 * reads it as m's, and what it holds is lost. Says where it goes. */
static bool misplaced_key(const sk_decode__map *m, const sk_ypair *p)
{
	const sk_ynode *key = p->key;
	const sk_decode__map *up = m->parent;
	unsigned col;

	for (size_t i = 0; i < m->schema->nest_count; i++) {
		const sk_decode__nest *n = &m->schema->nests[i];

		if (!same_key(n->schema, key->text))
			continue;
		if ((col = nest_column(m, n->key)) > 0)
			sk_decode__report(m->ctx, key->pos, SK_ERROR, "misspelt-key",
					  "\"%.*s\" is a key of \"%s\", not of %s: indent it "
					  "under \"%s\", at column %u: %s", sk_decode__cut(key->text),
					  key->text, n->key, m->schema->what, n->key, col, NOT_READ);
		else
			sk_decode__report(m->ctx, key->pos, SK_ERROR, "misspelt-key",
					  "\"%.*s\" is a key of \"%s\", not of %s: put it under a "
					  "line \"%s:\", indented two spaces more: %s",
					  sk_decode__cut(key->text), key->text, n->key,
					  m->schema->what, n->key, NOT_READ);
		return true;
	}
	if (up && up->node && up->node->count > 0 && same_key(up->schema, key->text)) {
		sk_decode__report(m->ctx, key->pos, SK_ERROR, "misspelt-key",
				  "\"%.*s\" is a key of %s, not of %s: move it out to column %u, "
				  "where the keys of %s are: %s", sk_decode__cut(key->text),
				  key->text, up->schema->what, m->schema->what,
				  up->node->pairs[0].key->pos.col, up->schema->what, NOT_READ);
		return true;
	}
	return false;
}

/* The key of m's that word names as the template writes it, when m lacks
 * it: "T3" for "term3", or a word of it, or two words together, the key's
 * whole name ("census_date", "Budget total", "Term 3 impact"); or NULL. */
static const char *label_key(const sk_decode__map *m, const char *word)
{
	char term[8], one[65] = "", two[130];
	const char *name = NULL, *w = word;

	if ((word[0] == 'T' || word[0] == 't') && word[1] >= '1' && word[1] <= '9' && !word[2]) {
		snprintf(term, sizeof(term), "term%c", word[1]);
		name = same_key(m->schema, term);
	}
	while (!name && *w) {
		size_t n = strcspn(w, WORD_SEP);

		if (n > 0 && n < sizeof(one)) {
			snprintf(two, sizeof(two), "%s%.*s", one, (int)n, w);
			name = *one ? same_key(m->schema, two) : NULL;
			snprintf(one, sizeof(one), "%.*s", (int)n, w);
			name = name ? name : same_key(m->schema, one);
		}
		w += n + (w[n] != '\0');
	}
	return name && !sk_ynode_find(m->node, name) ? name : NULL;
}

/* The length of word's letters when digits end it ("term7": 4), or 0. */
static size_t numbered_stem(const char *word)
{
	size_t k = 0, d;

	while (isalpha((unsigned char)word[k]))
		k++;
	d = strspn(word + k, "0123456789");
	return k > 0 && d > 0 && word[k + d] == '\0' ? k : 0;
}

/* A key like the map's numbered keys but none of them ("term7", "terms"
 * beside "term1" to "term6"): the first and last of the keys so numbered,
 * when there are two or more. */
static bool numbered_keys(const sk_decode__map *m, const char *word, const char **first,
			  const char **last)
{
	char shape[65];
	size_t stem;
	unsigned n = 0;

	*first = *last = NULL;
	if (!key_shape(shape, sizeof(shape), word))
		return false;
	for (size_t i = 0; i < m->schema->count; i++) {
		const char *name = m->schema->keys[i].name;

		if ((stem = numbered_stem(name)) > 0 && strncmp(name, shape, stem) == 0) {
			*first = n++ ? *first : name;
			*last = name;
		}
	}
	return n >= 2;
}

static void check_key(const sk_decode__map *m, const sk_ypair *p)
{
	const sk_ynode *key = p->key;
	const char *name, *label, *first, *last;
	key_kind kind;

	if (schema_key(m->schema, key->text) || invisible_key(m, key, p->value))
		return;
	kind = kind_of(m, key->text, p->value, &name);
	if ((kind == KEY_OWN || kind == KEY_NEAR) && misplaced_key(m, p))
		return;
	if ((kind == KEY_OWN || kind == KEY_NEAR) && (label = label_key(m, key->text)) != NULL) {
		kind = KEY_SLIP;
		name = label;
	}
	switch (kind) {
	case KEY_SLIP:
		sk_decode__report(m->ctx, key->pos, SK_ERROR, "misspelt-key",
				  "unknown key \"%.*s\" in %s; did you mean \"%s\"? %s",
				  sk_decode__cut(key->text), key->text, m->schema->what, name,
				  NOT_READ_SENTENCE);
		break;
	case KEY_AGAIN:
		sk_decode__report(m->ctx, key->pos, SK_ERROR, "duplicate-key",
				  "\"%.*s\" in %s is \"%s\", given again in other capitals or "
				  "with \"_\", \"-\" or a space: only \"%s\" is read; keep one "
				  "of the two", sk_decode__cut(key->text), key->text,
				  m->schema->what, name, name);
		break;
	case KEY_NEAR:
		sk_decode__report(m->ctx, key->pos, SK_WARNING, "unknown-key",
				  "unknown key \"%.*s\" in %s is ignored; if it is meant as "
				  "\"%s\", rename it", sk_decode__cut(key->text), key->text,
				  m->schema->what, name);
		break;
	default:
		if (numbered_keys(m, key->text, &first, &last))
			sk_decode__report(m->ctx, key->pos, SK_WARNING, "unknown-key",
					  "unknown key \"%.*s\" in %s is ignored: the keys there "
					  "are \"%s\" to \"%s\"", sk_decode__cut(key->text),
					  key->text, m->schema->what, first, last);
		else
			sk_decode__report(m->ctx, key->pos, SK_WARNING, "unknown-key",
					  "unknown key \"%.*s\" in %s is ignored",
					  sk_decode__cut(key->text), key->text, m->schema->what);
	}
}

/* For a list or map in brackets where text would do ("steps: {see plan}"):
 * what the bracket does and the fix, or "". */
static const char *bracket_words(const sk_decode__ctx *ctx, const sk_ynode *v)
{
	switch (sk_yaml__flow_at(ctx->text, ctx->text_len, v->pos)) {
	case '{':
		return ": \"{\" starts a YAML map, so put the text in quotes";
	case '[':
		return ": \"[\" starts a YAML list, so put the text in quotes";
	default:
		return "";
	}
}

/* `quotable`: the value in quotes, as text, would be right. */
static void wrong_type(sk_decode__ctx *ctx, const sk_ynode *v, const char *key,
		       const char *expected, bool quotable)
{
	sk_decode__report(ctx, v->pos, SK_ERROR, "wrong-type", "\"%s\" should be %s, not %s%s",
			  key, expected, found(v), quotable ? bracket_words(ctx, v) : "");
}

static bool open_map(sk_decode__map *out, sk_decode__ctx *ctx, const sk_decode__map *parent,
		     const sk_ynode *node, sk_pos pos, const char *key,
		     const sk_decode__schema *schema)
{
	out->ctx = ctx;
	out->node = NULL;
	out->schema = schema;
	out->pos = pos;
	out->parent = parent;
	if (!node || is_empty(node))
		return false;
	if (node->kind != SK_YMAP) {
		wrong_type(ctx, node, key, "a map", false);
		return false;
	}
	out->node = node;
	for (size_t i = 0; i < node->count; i++)
		check_key(out, &node->pairs[i]);
	return true;
}

bool sk_decode__open(sk_decode__map *out, sk_decode__ctx *ctx, const sk_ynode *node,
		     sk_pos pos, const char *key, const sk_decode__schema *schema)
{
	return open_map(out, ctx, NULL, node, pos, key, schema);
}

bool sk_decode__open_under(sk_decode__map *out, const sk_decode__map *parent,
			   const sk_ynode *node, sk_pos pos, const char *key,
			   const sk_decode__schema *schema)
{
	return open_map(out, parent->ctx, parent, node, pos, key, schema);
}

/* The map's misspelling of `key`, which check_key has reported as
 * misspelt-key, or NULL: the key is not missing a second time. */
static const sk_ynode *misspelt_in(const sk_decode__map *m, const char *key)
{
	for (size_t i = 0; i < m->node->count; i++) {
		const sk_ypair *p = &m->node->pairs[i];
		const char *name = NULL, *w = p->key->text, *c = w;
		sk_decode__shown v;

		if (schema_key(m->schema, w))
			continue;
		while (*c && (unsigned char)*c < 0x80)
			c++;
		v.first = 0;
		if (*c)
			sk_decode__show(&v, w);     /* invisible characters are not ASCII */
		w = v.first ? v.plain : w;
		if ((name = label_key(m, w)) != NULL && strcmp(name, key) == 0)
			return p->key;
		/* The cheap test first: a map may hold many thousands of keys. */
		if (!sk_text_did_you_mean(w, &key, 1))
			continue;
		if (kind_of(m, w, p->value, &name) == KEY_SLIP && strcmp(name, key) == 0)
			return p->key;
	}
	/* Written at the indentation of the map above, where misplaced_key
	 * named it. */
	for (size_t i = 0; m->parent && m->parent->node && !schema_key(m->parent->schema, key)
			   && i < m->parent->node->count; i++)
		if (strcmp(m->parent->node->pairs[i].key->text, key) == 0)
			return m->parent->node->pairs[i].key;
	return NULL;
}

int sk_decode__stand_in(sk_decode__stood *s, const sk_diag *d, sk_pos by, const char *rule)
{
	size_t n = sk_diags_count(s->diags);

	if (SK_GROW(s->by, s->cap, n + 1) != SK_OK
	    || sk_diags_add(s->diags, d->file, d->pos, d->severity, d->rule, "%s",
			    d->message) != SK_OK)
		return SK_ENOMEM;
	s->by[n] = (sk_decode__standing){by, rule};
	return SK_OK;
}

const sk_ypair *sk_decode__pair(sk_decode__map *m, const char *key)
{
	const sk_ynode *misspelt;
	char message[160];

	if (!m->node)
		return NULL;
	for (size_t i = 0; i < m->node->count; i++)
		if (strcmp(m->node->pairs[i].key->text, key) == 0)
			return &m->node->pairs[i];
	if (!is_required(m, key))
		return NULL;
	snprintf(message, sizeof(message), "missing required key \"%s\" in %s", key,
		 m->schema->what);
	misspelt = misspelt_in(m, key);
	if (!misspelt)
		sk_decode__report(m->ctx, m->pos, SK_ERROR, "missing-field", "%s", message);
	else if (m->ctx->stood
		 && sk_decode__stand_in(m->ctx->stood,
					&(sk_diag){m->ctx->file, m->pos, SK_ERROR, "missing-field",
						   message},
					misspelt->pos, "misspelt-key") != SK_OK)
		m->ctx->err = SK_ENOMEM;
	return NULL;
}

bool sk_decode__has(const sk_decode__map *m, const char *key)
{
	const sk_ynode *v = m->node ? sk_ynode_find(m->node, key) : NULL;

	return v && !is_empty(v);
}

/* A required key written with no value is as good as missing. */
static void check_empty(sk_decode__map *m, const sk_ypair *p)
{
	if (!is_empty(p->value) || !is_required(m, p->key->text))
		return;
	if (p->value->is_null || p->value->len == 0)
		sk_decode__report(m->ctx, p->key->pos, SK_ERROR, "missing-field",
				  "required key \"%s\" has no value", p->key->text);
	else {
		drop_slip(m->ctx, p->value->pos.line);
		sk_decode__report(m->ctx, p->key->pos, SK_ERROR, "missing-field",
				  "required key \"%s\" holds only spaces or invisible characters, "
				  "which is no value", p->key->text);
	}
}

bool sk_decode__child(sk_decode__map *out, sk_decode__map *m, const char *key,
		      const sk_decode__schema *schema)
{
	const sk_ypair *p = sk_decode__pair(m, key);

	if (!p) {
		sk_decode__open(out, m->ctx, NULL, m->pos, key, schema);
		return false;
	}
	check_empty(m, p);
	sk_decode__open_under(out, m, p->value, p->key->pos, key, schema);
	return true;
}

static field scalar(sk_decode__map *m, const char *key, const char *expected)
{
	const sk_ypair *p = sk_decode__pair(m, key);
	field f = {NULL, {0, 0}, false};

	if (!p)
		return f;
	f.present = true;
	f.pos = p->value->pos;
	check_empty(m, p);
	if (p->value->kind == SK_YSEQ && strcmp(expected, "text") == 0
	    && !*bracket_words(m->ctx, p->value))
		sk_decode__report(m->ctx, p->value->pos, SK_ERROR, "wrong-type",
				  "\"%s\" should be text, not a list: to keep these lines as "
				  "they are, write \"|\" after \"%s:\"", key, key);
	else if (p->value->kind != SK_YSCALAR)
		wrong_type(m->ctx, p->value, key, expected, strcmp(expected, "text") == 0);
	else if (!is_empty(p->value))
		f.value = p->value;
	return f;
}

static const char *copy(sk_decode__ctx *ctx, const sk_ynode *v)
{
	return sk_decode__strdup(ctx, v->text, v->len);
}

/* One rule, in one message, for every mark pasted before a text as a
 * list's bullet ("\u2022", "\u2013", "\u2014"): sendkit leaves it off. */
static bool slip_at(const sk_decode__ctx *ctx, sk_pos pos)
{
	for (size_t i = sk_diags_count(ctx->diags); i-- > 0;) {
		const sk_diag *d = sk_diags_at(ctx->diags, i);

		if (d->pos.line == pos.line && d->pos.col == pos.col
		    && strcmp(d->rule, "yaml-slip") == 0 && ctx->file && d->file
		    && strcmp(d->file, ctx->file) == 0)
			return true;
	}
	return false;
}

static void pasted_mark(sk_decode__ctx *ctx, sk_pos pos, const char *mark, size_t len)
{
	char shown[SK_TEXT__MARK_MAX];
	bool word;

	/* A bullet starting a line in place of "- " is already named there. */
	if (slip_at(ctx, pos))
		return;
	word = sk_text__mark_shown(shown, mark, len);
	sk_decode__report(ctx, pos, SK_WARNING, "yaml-slip",
			  "a \"%s\"%s pasted at the start of the text is left off, as a "
			  "bullet: delete it, or put the whole text in quotes to keep it", shown,
			  word ? " (Word's Symbol or Wingdings bullet, shown as a box or nothing)"
			       : "");
}

/* A text as the writer meant it, without a pasted mark at the start of a
 * plain one (quotes keep it: "\u2192 see the plan") or the
 * line break that ends a block text (`steps: |`): YAML keeps that one, but it
 * is not part of what was written. */
static const char *text_copy(sk_decode__ctx *ctx, const sk_ynode *v, bool merged)
{
	size_t mark = 0, skip = v->quoted ? 0 : sk_text__pasted_mark(v->text, v->len, &mark);
	size_t len = v->len;

	unsigned char c = v->len >= 2 ? (unsigned char)v->text[1] : 0;

	/* Items merged into one are an error that names the marks already. */
	if (skip && !merged)
		pasted_mark(ctx, v->pos, v->text, mark);
	/* "-Nurture group" where an item goes: the loader named the missing
	 * space; the dash is the item's, not the text's. */
	if (!skip && !v->quoted && v->text[0] == '-' && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
							 || c >= 0xC2) && slip_at(ctx, v->pos))
		skip = 1;
	while (len > skip && (v->text[len - 1] == '\n' || v->text[len - 1] == '\r'))
		len--;
	return sk_decode__strdup(ctx, v->text + skip, len - skip);
}

static void check_list_under_text(sk_decode__ctx *ctx, const char *key, const sk_ynode *v);
static void check_list_in_text(sk_decode__ctx *ctx, const char *key, const sk_ynode *v);

sk_text sk_decode__text(sk_decode__map *m, const char *key)
{
	field f = scalar(m, key, "text");
	sk_text t = {NULL, f.pos};

	if (f.value) {
		check_list_under_text(m->ctx, key, f.value);
		check_list_in_text(m->ctx, key, f.value);
		t.s = text_copy(m->ctx, f.value, false);
	}
	return t;
}

/* s in `base` to its end, checked by the caller to hold only a sign and
 * digits, at least one; the value in *out. */
static bool parse_digits(int64_t *out, const char *s, int base)
{
	char *end;
	long long v;

	if (!*s)
		return false;
	errno = 0;
	v = strtoll(s, &end, base);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* A YAML 1.2 core float ("121.0", "1.21e2") whose value is a whole number,
 * as JSON Schema's "integer" takes it. */
static bool parse_whole_float(int64_t *out, const char *s)
{
	const char *p = (*s == '-' || *s == '+') ? s + 1 : s;
	size_t digits = strspn(p, "0123456789");
	char *end;
	double v;

	p += digits;
	if (*p == '.') {
		size_t after = strspn(p + 1, "0123456789");

		digits += after;
		p += 1 + after;
	}
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '-' || p[1] == '+');
		if (!strspn(p, "0123456789"))
			return false;
		p += strspn(p, "0123456789");
	}
	if (*p)
		return false;
	v = strtod(s, &end);
	if (*end || !(v >= -9.0e15 && v <= 9.0e15) || v != (double)(int64_t)v)
		return false;
	*out = (int64_t)v;
	return true;
}

/* A whole number: digits with an optional sign; unquoted, also the other
 * forms YAML 1.2 (and so an editor checking the JSON Schema) reads as one:
 * 0o171, 0x79, 121.0 and 1.21e2. */
static bool parse_count(int64_t *out, const char *s, bool quoted)
{
	const char *digits = (*s == '-' || *s == '+') ? s + 1 : s;

	if (*digits >= '0' && *digits <= '9' && strspn(digits, "0123456789") == strlen(digits))
		return parse_digits(out, s, 10);
	if (quoted)
		return false;
	if (s[0] == '0' && s[1] == 'o')
		return strspn(s + 2, "01234567") == strlen(s + 2) && parse_digits(out, s + 2, 8);
	if (s[0] == '0' && s[1] == 'x')
		return strspn(s + 2, "0123456789abcdefABCDEF") == strlen(s + 2)
		       && parse_digits(out, s + 2, 16);
	return parse_whole_float(out, s);
}

sk_count sk_decode__count(sk_decode__map *m, const char *key)
{
	field f = scalar(m, key, "a whole number");
	sk_count c = {0, f.pos, f.present, false};
	int64_t probe;

	if (!f.value)
		return c;
	c.valid = parse_count(&c.value, f.value->text, f.value->quoted);
	if (!c.valid) {
		sk_decode__shown v;

		c.value = 0;
		sk_decode__show(&v, f.value->text);
		if (v.first && parse_count(&probe, v.plain, true))
			sk_decode__report_invisible(m->ctx, f.pos, "wrong-type", key, &v);
		else if (sk_money_parse(&probe, v.plain) == SK_OK && strchr(v.plain, ',')
			 && strspn(v.plain, "0123456789,") == strlen(v.plain))
			sk_decode__report(m->ctx, f.pos, SK_ERROR, "wrong-type",
					  "\"%s\" should be a whole number with no comma, as %lld, "
					  "not \"%s\"", key, (long long)(probe / 100), v.text);
		else
			sk_decode__report(m->ctx, f.pos, SK_ERROR, "wrong-type",
					  "\"%s\" should be a whole number, not \"%s\"", key, v.text);
	}
	return c;
}

const char *sk_decode__curly_quotes(const char *s)
{
	static const struct { const char *mark, *pair; } quotes[] = {
		{"\xe2\x80\x9c", "\xe2\x80\x9c \xe2\x80\x9d"}, {"\xe2\x80\x9d", "\xe2\x80\x9c \xe2\x80\x9d"},
		{"\xe2\x80\x98", "\xe2\x80\x98 \xe2\x80\x99"}, {"\xe2\x80\x99", "\xe2\x80\x98 \xe2\x80\x99"},
	};
	size_t n = strlen(s);

	for (size_t i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++)
		if (strncmp(s, quotes[i].mark, 3) == 0
		    || (n >= 3 && strcmp(s + n - 3, quotes[i].mark) == 0))
			return quotes[i].pair;
	return NULL;
}

static size_t curly_at(const char *s)
{
	static const char *const marks[] = {
		"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99",
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strncmp(s, marks[i], 3) == 0)
			return 3;
	return 0;
}

bool sk_decode__uncurl(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n < 7 || !curly_at(s) || !curly_at(s + n - 3) || n - 6 >= cap)
		return false;
	memcpy(out, s + 3, n - 6);
	out[n - 6] = '\0';
	return true;
}

sk_amount sk_decode__amount(sk_decode__map *m, const char *key)
{
	field f = scalar(m, key, "an amount of money");
	sk_amount a = {{NULL, f.pos}, 0, false};
	const char *curly;
	sk_decode__shown v;
	int64_t probe;
	int rc;

	if (!f.value)
		return a;
	a.text.s = copy(m->ctx, f.value);
	rc = sk_money_parse(&a.pence, f.value->text);
	a.valid = rc == SK_OK;
	if (a.valid)
		return a;
	a.pence = 0;
	sk_decode__show(&v, f.value->text);
	if (v.first && sk_money_parse(&probe, v.plain) == SK_OK)
		sk_decode__report_invisible(m->ctx, f.pos, "bad-money", key, &v);
	else if (rc == SK_ERANGE)
		sk_decode__report(m->ctx, f.pos, SK_ERROR, "bad-money",
				  "\"%s\" is too large an amount: \"%.*s\"",
				  key, sk_decode__cut(f.value->text), f.value->text);
	else if ((curly = sk_decode__curly_quotes(f.value->text)) != NULL)
		sk_decode__report(m->ctx, f.pos, SK_ERROR, "bad-money",
				  "\"%s\" is in curly quotes (%s, as Word writes them), which YAML "
				  "takes as part of the text: use straight "
				  "quotes, as in \"\xc2\xa3" "600\", or none", key, curly);
	else if (v.first) {   /* one message for the value: the slip warning's word is in it */
		drop_slip(m->ctx, f.pos.line);
		sk_decode__report(m->ctx, f.pos, SK_ERROR, "bad-money",
				  "cannot read \"%s\" as money, and it holds %s (U+%04X, as a web "
				  "page or Word may paste): write an amount such as \xc2\xa3" "1,200 "
				  "or 0, without the character", v.text, sk_yaml__char_words(v.first),
				  v.first);
	} else
		sk_decode__report(m->ctx, f.pos, SK_ERROR, "bad-money",
				  "cannot read \"%s\" as money; write an amount such as "
				  "\xc2\xa3" "1,200 or 0", v.text);
	return a;
}

/* "03/15/2024", a date written month first as in the US, which day-first
 * reading finds no month in: true, with the date it names, when the first
 * part is a month, the second a day of it past 12. */
static bool month_first(const char *s, sk_date *out)
{
	unsigned a, b, y;
	int used = 0;

	if (strspn(s, "0123456789/") != strlen(s)
	    || sscanf(s, "%2u/%2u/%4u%n", &a, &b, &y, &used) != 3 || s[used] != '\0'
	    || used < 8 || b <= 12 || a == 0)
		return false;
	*out = (sk_date){(int)y, (int)a, (int)b};
	return sk_date_valid(*out);
}

static void check_when(sk_decode__ctx *ctx, const sk_ynode *v, int rc, sk_timed *t,
		       sk_decode__when_rule rule)
{
	sk_when probe;
	sk_date us;
	char inner[64];

	/* "\u201c2026-02-06\u201d": read as meant, and said. */
	if (rc != SK_OK && sk_decode__uncurl(inner, sizeof(inner), v->text)
	    && sk_when_parse(&probe, inner, ctx->year_start ? ctx->year_start : PROBE_YEAR) == SK_OK) {
		if (sk_when_parse(&t->when, inner, ctx->year_start) != SK_OK)
			t->when = (sk_when){SK_WHEN_NONE, {0, 0, 0}, {0, 0, 0}, NULL};
		sk_decode__report(ctx, v->pos, SK_ERROR, "bad-date", "\"%.*s\" " SK_DECODE__CURLY,
				  sk_decode__cut(v->text), v->text,
				  sk_decode__curly_quotes(v->text), inner);
	} else if (rc == SK_ERANGE && month_first(v->text, &us)) {
		t->when = (sk_when){SK_WHEN_NONE, {0, 0, 0}, {0, 0, 0}, NULL};
		sk_decode__report(ctx, v->pos, SK_ERROR, "bad-date",
				  "\"%s\" is read as day/month/year: %d is not a month; write "
				  "%04d-%02d-%02d", v->text, us.day, us.year, us.month, us.day);
	} else if (rc == SK_ERANGE) {
		t->when = (sk_when){SK_WHEN_NONE, {0, 0, 0}, {0, 0, 0}, NULL};
		sk_decode__report(ctx, v->pos, SK_ERROR, "bad-date",
				  "\"%.*s\" names a date that does not exist or a range "
				  "that ends before it starts", sk_decode__cut(v->text), v->text);
	} else if (rc != SK_OK) {
		t->when = (sk_when){SK_WHEN_NONE, {0, 0, 0}, {0, 0, 0}, NULL};
		if (rule == SK_DECODE__FREE_TEXT)
			return;
		/* A term alone in a file whose year was already reported as unreadable. */
		if (ctx->year_unknown && sk_when_parse(&probe, v->text, PROBE_YEAR) == SK_OK)
			return;
		sk_decode__report(ctx, v->pos, SK_ERROR, "bad-date",
				  "cannot read a date from \"%.*s\"; write it as 2024-03-22, "
				  "March 2024 or T3 2024", sk_decode__cut(v->text), v->text);
	} else if (rule == SK_DECODE__DAY && !sk_date_is_set(t->when.due)) {
		sk_decode__report(ctx, v->pos, SK_ERROR, "bad-date",
				  "\"%.*s\" is not a date; write it as 2024-03-22",
				  sk_decode__cut(v->text), v->text);
	}
}

sk_timed sk_decode__timed(sk_decode__map *m, const char *key, sk_decode__when_rule rule)
{
	field f = scalar(m, key, "a date or a term");
	sk_timed t;
	int rc;

	memset(&t, 0, sizeof(t));
	t.text.pos = f.pos;
	if (!f.value)
		return t;
	t.text.s = copy(m->ctx, f.value);
	rc = sk_when_parse(&t.when, f.value->text, m->ctx->year_start);
	check_when(m->ctx, f.value, rc, &t, rule);
	return t;
}

/* "- Note: buy the kit": a map of one text key and one text value on the
 * item's line, which a colon and a space inside the text made. */
static bool colon_item(const sk_ynode *item)
{
	const sk_ypair *p = item->kind == SK_YMAP && item->count == 1 ? &item->pairs[0] : NULL;

	return p && p->key->kind == SK_YSCALAR && !p->key->quoted && p->key->len > 0
	       && p->value->kind == SK_YSCALAR && !is_empty(p->value)
	       && p->value->pos.line == p->key->pos.line;
}

/* Says so, and keeps the text as written ("Note: buy the kit"), so that
 * the list's count is the writer's. */
static sk_text colon_text(sk_decode__map *m, const char *key, const sk_ynode *item)
{
	const sk_ynode *k = item->pairs[0].key, *v = item->pairs[0].value;
	char *s = ctx_alloc(m->ctx, k->len + v->len + 3, 1);

	sk_decode__report(m->ctx, k->pos, SK_ERROR, "wrong-type",
			  "a colon and a space after \"%.*s\" make YAML read this item of "
			  "\"%s\" as a key and its value, not as text: put the whole item in "
			  "quotes", sk_decode__cut(k->text), k->text, key);
	if (s)
		snprintf(s, k->len + v->len + 3, "%s: %s", k->text, v->text);
	return (sk_text){s, item->pos};
}

/* Where part[0..n) first is in s[0..len), or len when nowhere. */
static size_t find(const char *s, size_t len, const char *part, size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (s[i] == part[0] && memcmp(s + i, part, n) == 0)
			return i;
	return len;
}

static bool contains(const char *s, size_t len, const char *part, size_t n)
{
	return find(s, len, part, n) < len;
}

/* Where line `no` (from 1) of the document starts: from the line last
 * sought, back or on, so that texts looked at in or near the order they are
 * written cost the file about once, not once each. */
static const char *line_start(sk_decode__ctx *ctx, unsigned no)
{
	const char *t = ctx->text, *end = t + ctx->text_len, *s = t + ctx->seek_off, *e;
	unsigned line = ctx->seek_line;     /* the line breaks before s */

	for (; line + 1 > no && line > 0; line--)
		for (s--; s > t && s[-1] != '\n'; s--)
			;
	for (; line + 1 < no && (e = memchr(s, '\n', (size_t)(end - s))) != NULL; line++)
		s = e + 1;
	ctx->seek_line = line;
	ctx->seek_off = (size_t)(s - t);
	return line + 1 < no ? end : s;
}

/* Calls fn on each line of the plain text v after its first, as written
 * (its indentation and trailing blanks off, where it starts), until one that
 * is not of v (not indented, blank, a comment or not next in its text). */
typedef void (*text_line_fn)(const char *c, size_t n, sk_pos pos, void *arg);

static void each_text_line(sk_decode__ctx *ctx, const sk_ynode *v, text_line_fn fn, void *arg)
{
	const char *s, *end = ctx->text ? ctx->text + ctx->text_len : NULL, *e;
	unsigned no = v->pos.line;
	size_t at = 0;     /* where in v the line before this one ended */

	if (!ctx->text || v->pos.line == 0)
		return;
	s = line_start(ctx, v->pos.line);
	/* The first line's own bytes, as v starts with them. */
	e = memchr(s, '\n', (size_t)(end - s));
	e = e ? e : end;
	if (v->pos.col >= 1 && (size_t)(e - s) >= v->pos.col - 1) {
		const char *c = s + v->pos.col - 1;

		while (at < v->len && c + at < e && v->text[at] == c[at])
			at++;
	}
	for (s = e < end ? e + 1 : end; s < end; s = e < end ? e + 1 : end) {
		const char *c = s;
		size_t n;

		e = memchr(s, '\n', (size_t)(end - s));
		e = e ? e : end;
		while (c < e && *c == ' ')
			c++;
		n = (size_t)(e - c);
		while (n && (c[n - 1] == ' ' || c[n - 1] == '\r'))
			n--;
		if (c == s || n == 0 || *c == '#')
			break;
		while (at < v->len && (v->text[at] == ' ' || v->text[at] == '\n'))
			at++;
		/* YAML joins lines with a space or a line break: the line is next
		 * (or, read otherwise, further on: never looked for from the start). */
		if (at + n > v->len || memcmp(v->text + at, c, n) != 0) {
			size_t k = find(v->text + at, v->len - at, c, n);

			if (k == v->len - at)
				break;
			at += k;
		}
		at += n;
		fn(c, n, (sk_pos){++no, (unsigned)(c - s) + 1}, arg);
	}
}

typedef struct {
	size_t marks;        /* lines after the first that start with a mark */
	size_t dashes;       /* lines, the first included, with a weak mark not a label */
	size_t labels;       /* lines, the first included, with a label ("2.", "b)") */
	size_t items;        /* lines after the first that start "- ", as an item does */
	unsigned item_col;   /* the column of the first of them */
	bool items_apart;    /* not all of them at that column */
	bool strong;         /* a bullet or "-Text" after the first line */
	bool first;          /* the text's first line starts with a weak mark */
	bool numbers;        /* every label is a number */
	bool ones;           /* every label is "1", as Markdown numbers a list */
	bool by_letter, by_roman;     /* the labels run on by one, read either way */
	unsigned letter, roman;       /* the last label's ranks */
} mark_count;

/* "-- Text": a list typed with two dashes, as plain text writes one. */
static bool double_dash(const char *c, size_t n)
{
	return n >= 3 && c[0] == '-' && c[1] == '-' && (c[2] == ' ' || c[2] == '\t');
}

static void count_line(mark_count *mc, const char *c, size_t n, bool first)
{
	unsigned letter, roman;
	bool weak, digits;

	if (double_dash(c, n)) {
		mc->marks += !first;
		mc->first = mc->first || first;
		mc->dashes++;
		return;
	}
	if (sk_text__item_mark_at(c, n, &weak) == 0)
		return;
	mc->marks += !first;
	if (!sk_text__label_rank(c, n, &letter, &roman, &digits)) {
		mc->first = mc->first || (first && weak);
		mc->dashes += weak;
		mc->strong = mc->strong || (!weak && !first);
		return;
	}
	mc->first = mc->first || first;
	mc->by_letter = letter && (mc->labels ? mc->by_letter && letter == mc->letter + 1
				   : letter == 1 || digits);
	mc->by_roman = roman && (mc->labels ? mc->by_roman && roman == mc->roman + 1
				 : roman == 1 || digits);
	mc->numbers = digits && !weak && (mc->labels == 0 || mc->numbers);
	mc->ones = digits && letter == 1 && (mc->labels == 0 || mc->ones);
	mc->letter = letter;
	mc->roman = roman;
	mc->labels++;
}

static void count_mark(const char *c, size_t n, sk_pos pos, void *arg)
{
	mark_count *mc = arg;

	if (n >= 2 && c[0] == '-' && (c[1] == ' ' || c[1] == '\t')) {
		mc->item_col = mc->items++ ? mc->item_col : pos.col;
		mc->items_apart = mc->items_apart || pos.col != mc->item_col;
		return;
	}
	count_line(mc, c, n, false);
}

/* The items of the plain text v read as one, after its first: 0 when it is
 * one text. They are its lines that start with a list's mark, as pasted
 * ("\u2022 Clear SEN register", "2. ...", "-Clear ...", "b) ..."), and, when
 * any line starts with "- ", as the items of the list it stands for do, its
 * "- " lines too: whatever its first line starts with ("-3%", "\u2013The", or
 * nothing, as Word drops its bullets), the list's items became one text. A
 * list number counts in a run ("1.", "2.", or "1." each time, as Markdown
 * numbers): "in Year / 6. All met" is a wrapped line. A mark that may be
 * prose ("a) the plan", "J. Smith", "\u2013 with cover") counts only when the
 * first line starts with one and another line does too, letters and roman
 * numbers in order from "a", "A" or "i". In an item of a list, "- " lines
 * are the items only when two or more are at one column deeper than its "-"
 * ("- most of the day - in class" may be its own text); in a key's one
 * text, never (check_list_under_text's). */
typedef enum { MARKS_TEXT, MARKS_LIST, MARKS_ITEM } marks_in;

static size_t merged_marks(sk_decode__ctx *ctx, const sk_ynode *v, marks_in in,
			   mark_count *mc)
{
	bool any = false, weak, labels;

	memset(mc, 0, sizeof(*mc));
	/* Lines are joined with a space: a mark or a "-" after one is what to
	 * look for. */
	for (size_t i = 0; !v->quoted && ctx->text && i + 1 < v->len && !any; i++)
		any = v->text[i] == ' '
		      && (v->text[i + 1] == '-'
			  || sk_text__item_mark_at(v->text + i + 1, v->len - i - 1, &weak));
	if (!any)
		return 0;
	count_line(mc, v->text, v->len, true);
	each_text_line(ctx, v, count_mark, mc);
	if (in == MARKS_TEXT || (in == MARKS_ITEM && (mc->items < 2 || mc->items_apart)))
		mc->items = 0;
	if (mc->items)
		return mc->items + mc->marks;
	labels = mc->labels >= 2 && (((mc->by_letter || mc->by_roman) && (mc->numbers || mc->first))
				     || (mc->numbers && mc->ones && mc->first));
	return mc->strong || labels || (mc->first && mc->dashes >= 2) ? mc->marks : 0;
}

typedef struct {
	size_t count;
	sk_pos first;
	bool tab;       /* an item's "-" has a tab after it, as Word pastes */
} item_lines;

static void count_item(const char *c, size_t n, sk_pos pos, void *arg)
{
	item_lines *il = arg;

	if (n < 2 || c[0] != '-' || (c[1] != ' ' && c[1] != '\t'))
		return;
	il->tab = il->tab || c[1] == '\t';
	if (il->count++ == 0)
		il->first = pos;
}

/* "steps: Book the following" and lines "- trainer" below it, indented
 * deeper: YAML reads the list as more of the text, with no error. */
static void check_list_under_text(sk_decode__ctx *ctx, const char *key, const sk_ynode *v)
{
	item_lines il = {0, {0, 0}, false};

	if (v->quoted || !ctx->text
	    || (!contains(v->text, v->len, " - ", 3) && !contains(v->text, v->len, " -\t", 3)))
		return;
	each_text_line(ctx, v, count_item, &il);
	if (il.count)
		sk_decode__report(ctx, il.first, SK_WARNING, "yaml-slip",
				  "a list under the text of \"%s\" is read as more of that text "
				  "(%zu line%s starting \"- \"): put each line in a block, "
				  "\"%s: |\", or make \"%s\" one text%s", key, il.count,
				  il.count == 1 ? "" : "s", key, key,
				  il.tab ? "; type a space for the tab after each \"-\"" : "");
}

static void slip_on_line(const char *c, size_t n, sk_pos pos, void *arg)
{
	const sk_decode__ctx *ctx = *(const sk_decode__ctx **)arg;

	(void)c;
	(void)n;
	if (ctx && slip_at(ctx, pos))
		*(const sk_decode__ctx **)arg = NULL;
}

/* "steps: a) Book the trainer" over "b) Release staff": a list pasted into
 * a key's one text, by merged_marks' rule, which YAML joins into one line.
 * One warning, unless the loader named a line of it already (a bullet, a
 * list number); a block text ("steps: |") keeps its lines and is not one. */
static void check_list_in_text(sk_decode__ctx *ctx, const char *key, const sk_ynode *v)
{
	const sk_decode__ctx *seen = ctx;
	mark_count mc;
	size_t marks = merged_marks(ctx, v, MARKS_TEXT, &mc);

	if (marks == 0)
		return;
	each_text_line(ctx, v, slip_on_line, &seen);
	if (seen)
		sk_decode__report(ctx, v->pos, SK_WARNING, "yaml-slip",
				  "%zu lines of \"%s\" start like a pasted list's items, and YAML "
				  "joins them into one line: to keep the lines, write \"%s: |\" "
				  "with the text on the lines below it", marks + 1, key, key);
}

/* The first word of s, up to 20 bytes and whole characters, as quoted. */
static int first_word(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && k < 20 && s[k] != ' ' && s[k] != '\t' && s[k] != '\n')
		k++;
	while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return (int)k;
}

/* How the first line of the items merged in v went wrong, after "the first
 * item": what, and in *fix what to do. */
static void first_slip(const sk_ynode *v, char *what, size_t size, const char **fix)
{
	const char *s = v->text;
	size_t n = v->len, k;
	unsigned char c = n >= 2 ? (unsigned char)s[1] : 0;
	bool weak;

	*fix = "write \"- \" in its place";
	if (double_dash(s, n)) {
		snprintf(what, size, "starts \"--\" where a YAML list's item starts \"- \"");
		*fix = "write \"- \" in place of each \"-- \"";
	} else if (s[0] == '-' && c >= '0' && c <= '9') {
		snprintf(what, size, "starts \"%.*s\", with no space after its \"-\"",
			 first_word(s, n), s);
		*fix = "put a space after that \"-\", or \"- \" before it if it is a minus sign";
	} else if (s[0] == '-' && n >= 2) {
		snprintf(what, size, "starts \"%.*s\", with no space after its \"-\"",
			 first_word(s, n), s);
		*fix = "put a space after that \"-\"";
	} else if ((k = sk_text__bullet_at(s, n, true)) > 0 && !sk_text__bullet_at(s, n, false)) {
		snprintf(what, size, "starts with %s (\"%.*s\") where a YAML list's item "
			 "starts \"- \"", k == 3 && s[2] == '\x93' ? "an en dash" : "an em dash",
			 (int)k, s);
	} else if ((k = sk_text__item_mark_at(s, n, &weak)) > 0) {
		snprintf(what, size, "starts \"%.*s\" where a YAML list's item starts \"- \"",
			 (int)k, s);
	} else {
		snprintf(what, size, "has no \"- \" before it (Word leaves a list's bullets "
			 "off when it is pasted)");
		*fix = "start it with \"- \"";
	}
}

/* Whether v is items pasted as one text; the error says so. dash is the
 * column of the "-" of v's own item in a list, or 0 when v is the list's
 * whole value. */
static bool check_merged(sk_decode__map *m, const char *key, const sk_ynode *v, unsigned dash)
{
	mark_count mc;
	size_t marks = merged_marks(m->ctx, v, dash ? MARKS_ITEM : MARKS_LIST, &mc);
	char what[160];
	const char *fix;

	if (!marks)
		return false;
	/* Said as a slip at the first line (a bullet, "-Text" above "- " items):
	 * what the items are pasted with. */
	if (slip_at(m->ctx, v->pos)
	    || (!double_dash(v->text, v->len) && (!mc.items || (mc.marks && !dash))))
		sk_decode__report(m->ctx, v->pos, SK_ERROR, "merged-items",
				  "%zu items of \"%s\", pasted with bullets or numbers, are read "
				  "as one text: start each item with \"- \" on a line of its own",
				  marks + 1, key);
	else if (dash)
		sk_decode__report(m->ctx, v->pos, SK_ERROR, "merged-items",
				  "%zu items of \"%s\" are read as one text: the \"- \" items below "
				  "this one are indented deeper than its \"-\", so YAML reads them as "
				  "more of its text: put each \"-\" at column %u, under this one's",
				  marks + 1, key, dash);
	else {
		first_slip(v, what, sizeof(what), &fix);
		sk_decode__report(m->ctx, v->pos, SK_ERROR, "merged-items",
				  "%zu items of \"%s\" are read as one text: the first %s, so YAML "
				  "reads it and the items below it as one text: %s", marks + 1,
				  key, what, fix);
	}
	return true;
}

sk_text_list sk_decode__list(sk_decode__map *m, const char *key)
{
	const sk_ypair *p = sk_decode__pair(m, key);
	sk_text_list l = {NULL, 0, {0, 0}, false};
	const sk_ynode *v;
	sk_text *items;

	if (!p)
		return l;
	v = p->value;
	l.present = true;
	l.pos = p->key->pos;
	check_empty(m, p);
	if (v->kind == SK_YMAP) {
		wrong_type(m->ctx, v, key, "a list", true);
		return l;
	}
	if (v->kind == SK_YSCALAR) {
		items = is_empty(v) ? NULL : ctx_alloc(m->ctx, 1, sizeof(*items));
		if (items) {
			bool merged = check_merged(m, key, v, 0);

			items[0] = (sk_text){text_copy(m->ctx, v, merged), v->pos};
			l.items = items;
			l.count = 1;
		}
		return l;
	}
	l.pos = v->pos;
	items = ctx_alloc(m->ctx, v->count, sizeof(*items));
	for (size_t i = 0; items && i < v->count; i++) {
		const sk_ynode *item = v->items[i];

		/* "- - text": a dash pasted after the list's own makes a list of one,
		 * which the schema refuses too; its text is kept for the page. */
		if (item->kind == SK_YSEQ && item->count == 1 && item->items[0]->kind == SK_YSCALAR
		    && item->items[0]->pos.line == item->pos.line && !is_empty(item->items[0])
		    && sk_yaml__block_dash_at(m->ctx->text, m->ctx->text_len, item->pos)) {
			sk_decode__report(m->ctx, item->pos, SK_ERROR, "wrong-type",
					  "a \"-\" pasted after the list's \"- \" makes this item of "
					  "\"%s\" a list, not text: delete it", key);
			item = item->items[0];
		}
		if (colon_item(item))
			items[l.count++] = colon_text(m, key, item);
		else if (item->kind != SK_YSCALAR)
			sk_decode__report(m->ctx, item->pos, SK_ERROR, "wrong-type",
					  "each item of \"%s\" should be text, not %s%s",
					  key, found(item), bracket_words(m->ctx, item));
		else if (!is_empty(item)) {
			bool merged = check_merged(m, key, item, v->pos.col);

			items[l.count++] = (sk_text){text_copy(m->ctx, item, merged), item->pos};
		}
	}
	l.items = items;
	return l;
}

void *sk_decode__maps(sk_decode__map *m, const char *key, const sk_decode__schema *schema,
		      size_t size, sk_decode__item_fn fn, size_t *count, sk_pos *pos,
		      bool *present)
{
	const sk_ypair *p = sk_decode__pair(m, key);
	const sk_ynode *v;
	char *items;
	size_t n = 0;

	*count = 0;
	if (present)
		*present = p != NULL;
	if (pos && p)
		*pos = p->key->pos;
	if (!p)
		return NULL;
	v = p->value;
	check_empty(m, p);
	if (is_empty(v))
		return NULL;
	if (v->kind != SK_YSEQ) {
		wrong_type(m->ctx, v, key, "a list", false);
		return NULL;
	}
	items = ctx_alloc(m->ctx, v->count, size);
	for (size_t i = 0; items && i < v->count; i++) {
		const sk_ynode *item = v->items[i];
		sk_decode__map im;

		if (item->kind != SK_YMAP) {
			sk_decode__report(m->ctx, item->pos, SK_ERROR, "wrong-type",
					  "each item of \"%s\" should be a map, not %s",
					  key, found(item));
			continue;
		}
		sk_decode__open_under(&im, m, item, item->pos, key, schema);
		fn(&im, items + n++ * size);
	}
	*count = n;
	return items;
}

bool sk_decode__open_areas(sk_decode__areas *out, sk_decode__map *root, int required)
{
	for (int i = 0; i < SK_AREA_COUNT; i++) {
		out->keys[i].name = sk_area_key((sk_area)i);
		out->keys[i].required = required;
	}
	out->schema = (sk_decode__schema){"\"areas\"", out->keys, SK_AREA_COUNT, NULL, 0};
	return sk_decode__child(&out->map, root, "areas", &out->schema);
}

/* Says why the document is not of the kind wanted; SK_OK when it is. */
static int check_kind(const sk_decode__model *spec, const sk_ydoc *doc, sk_diags *diags)
{
	const sk_ynode *root = sk_ydoc_root(doc);
	const char *file = sk_ydoc_file(doc);
	sk_file_kind kind = sk_file_kind_of(root);
	const sk_ynode *v;
	sk_pos top = root ? root->pos : (sk_pos){0, 0};

	if (kind == spec->kind)
		return SK_OK;
	v = sk_ynode_find(root, "sendkit");
	if (!root || root->kind != SK_YMAP)
		sk_diags_add(diags, file, top, SK_ERROR, "not-sendkit",
			     "not a sendkit %s: the file should be a map of keys, not %s",
			     spec->name, root ? found(root) : "empty");
	else if (!v && sk_model__sendkit_typo(root))
		sk_model__report_typo(diags, file, sk_model__sendkit_typo(root), spec->name);
	else if (!v)
		sk_diags_add(diags, file, top, SK_ERROR, "not-sendkit",
			     "not a sendkit %s: it has no \"sendkit: %s\" line",
			     spec->name, spec->name);
	else if (kind != SK_FILE_OTHER)
		sk_diags_add(diags, file, v->pos, SK_ERROR, "not-sendkit",
			     "this is a sendkit %s, not a %s", v->text, spec->name);
	else if (v->kind == SK_YSCALAR && !is_empty(v))
		sk_diags_add(diags, file, v->pos, SK_ERROR, "not-sendkit",
			     "\"sendkit\" should be \"%s\", not \"%.*s\"", spec->name,
			     sk_decode__cut(v->text), v->text);
	else
		sk_diags_add(diags, file, v->pos, SK_ERROR, "not-sendkit",
			     "\"sendkit\" should be \"%s\", not %s", spec->name, found(v));
	return SK_EINVAL;
}

void sk_decode__free(void *model)
{
	model_head *head;

	if (!model)
		return;
	head = (model_head *)(void *)((char *)model - offsetof(model_head, body));
	sk_arena__free(&head->arena);
	free(head);
}

int sk_decode__run(void **out, const sk_decode__model *spec, const sk_ydoc *doc,
		   sk_diags *diags, sk_decode__stood *stood)
{
	const char *file = sk_ydoc_file(doc);
	model_head *head;
	sk_decode__ctx ctx;
	sk_decode__map root;
	int rc;

	*out = NULL;
	rc = check_kind(spec, doc, diags);
	if (rc != SK_OK)
		return rc;
	head = calloc(1, sizeof(*head) + spec->size);
	if (!head)
		return SK_ENOMEM;
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = &head->arena;
	ctx.diags = diags;
	ctx.stood = stood;
	file = file ? file : "";
	ctx.file = sk_decode__strdup(&ctx, file, strlen(file));
	ctx.text = sk_ydoc_text(&ctx.text_len, doc);
	sk_decode__open(&root, &ctx, sk_ydoc_root(doc), sk_ydoc_root(doc)->pos, spec->name,
			spec->root);
	spec->decode(&root, head->body);
	if (ctx.err != SK_OK) {
		sk_decode__free(head->body);
		return ctx.err;
	}
	*out = head->body;
	return SK_OK;
}

int sk_decode__load(void **out, const sk_decode__model *spec, const char *bytes,
		    size_t len, const char *file, sk_diags *diags)
{
	sk_ydoc *doc;
	int rc;

	*out = NULL;
	rc = sk_ydoc_load(&doc, bytes, len, file, diags);
	if (rc != SK_OK)
		return rc;
	rc = sk_decode__run(out, spec, doc, diags, NULL);
	sk_ydoc_free(doc);
	return rc;
}
