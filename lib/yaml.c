/* YAML documents: libyaml's event parser feeds a tree builder that keeps
 * positions, refuses duplicate keys, aliases and deep nesting, and puts every
 * node and string in one arena freed with the document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "hash_internal.h"
#include "mem_internal.h"
#include "sendkit/yaml.h"
#include "text_internal.h"
#include "yaml_internal.h"

#define HASH_FROM 16          /* maps with this many keys find duplicates by hash */
#define KEY_SHOWN 60          /* bytes of a key quoted in a message */
#define NOT_FOUND SIZE_MAX
/* A hostile file under the 64 MB cap can hold 30 million tiny values; real
 * strategies and reviews hold thousands. Past this many nodes the document is
 * refused, which keeps a load under about 200 MB. */
#define NODE_BUDGET ((size_t)2 << 20)
#define REPEATS_SHOWN 100     /* duplicate keys or aliases reported per document */

struct sk_ydoc {
	sk_arena arena;
	const sk_ynode *root;
	char *text;
	size_t text_len;
	const char *file;
	sk_encoding enc;
};

/* An open map or list: its items grow here and move to the arena when it closes. */
typedef struct frame {
	sk_ynode *node;
	void *v;
	size_t n, vcap;           /* vcap in bytes: frames are reused by either kind */
	const sk_ynode *key;      /* map: the key waiting for its value */
	bool want_value;
	bool skip_value;          /* map: the pending pair is dropped (duplicate, bad key) */
	uint32_t *slots;          /* map: open-addressing hash, pair index + 1 */
	size_t nslots;
} frame;

typedef struct builder {
	sk_ydoc *doc;
	sk_diags *diags;
	frame frames[SK_YAML_MAX_DEPTH];
	size_t depth;
	const sk_ynode *root;
	size_t nodes;             /* made so far, against NODE_BUDGET */
	size_t duplicates, aliases, anchors;
	sk_yaml__lines lines;     /* libyaml's line ends that an editor's are not */
} builder;

static sk_pos mark_pos(const builder *b, yaml_mark_t m)
{
	return sk_yaml__lines_pos(&b->lines, m.line, m.column);
}

/* Counts one more node against the budget: SK_ELIMIT, said once, past it. */
static int spend_node(builder *b, sk_pos pos)
{
	if (++b->nodes <= NODE_BUDGET)
		return SK_OK;
	int rc = sk_diags_add(b->diags, b->doc->file, pos, SK_ERROR, "yaml-limit",
			      "the document holds more than %zu values: split it or remove "
			      "the repeated part", NODE_BUDGET);
	return rc == SK_OK ? SK_ELIMIT : rc;
}

/* Whether to report one more repeat of a problem (duplicate key, alias):
 * the first REPEATS_SHOWN are, the rest are summed up at the end. */
static bool show_repeat(size_t *count)
{
	return ++*count <= REPEATS_SHOWN;
}

static int add_repeats_summary(builder *b, size_t count, const char *rule, const char *one,
			       const char *many)
{
	if (count <= REPEATS_SHOWN)
		return SK_OK;
	sk_pos whole = { 0, 0 };
	size_t more = count - REPEATS_SHOWN;
	return sk_diags_add(b->diags, b->doc->file, whole, SK_ERROR, rule,
			    "%zu more %s not shown (only the first %d are)",
			    more, more == 1 ? one : many, REPEATS_SHOWN);
}

static sk_ynode *new_node(builder *b, sk_ynode_kind kind, sk_pos pos)
{
	sk_ynode *node = sk_arena__alloc(&b->doc->arena, 1, sizeof(*node));
	if (!node)
		return NULL;
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->pos = pos;
	node->text = "";
	return node;
}

static bool null_text(const char *s, size_t len)
{
	static const char *const forms[] = { "", "~", "null", "Null", "NULL" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strlen(forms[i]) == len && memcmp(forms[i], s, len) == 0)
			return true;
	return false;
}

static int push(frame *f, const void *elem, size_t size)
{
	/* In bytes: a frame holds nodes or pairs. */
	if (f->n + 1 > SIZE_MAX / size ||
	    sk_mem__grow(&f->v, &f->vcap, (f->n + 1) * size, 1) != SK_OK)
		return SK_ENOMEM;
	memcpy((char *)f->v + f->n * size, elem, size);
	f->n++;
	return SK_OK;
}

static uint32_t hash_key(const sk_ynode *key)
{
	return sk_hash__bytes(key->text, key->len);
}

static bool same_key(const sk_ynode *a, const sk_ynode *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Makes room in the hash for one more key, building it when the map gets big. */
static int hash_reserve(frame *f)
{
	if (!f->slots && f->n < HASH_FROM)
		return SK_OK;
	if (f->slots && (f->n + 1) * 2 <= f->nslots)
		return SK_OK;
	/* The node budget keeps a map's pairs well under UINT32_MAX. */
	size_t ns = sk_hash__slots_for(f->n + 1);
	uint32_t *slots = ns ? calloc(ns, sizeof(*slots)) : NULL;
	if (!slots)
		return SK_ENOMEM;
	const sk_ypair *pairs = f->v;
	for (size_t i = 0; i < f->n; i++)
		sk_hash__slot_put(slots, ns, hash_key(pairs[i].key), (uint32_t)(i + 1));
	free(f->slots);
	f->slots = slots;
	f->nslots = ns;
	return SK_OK;
}

typedef struct key_sought {
	const sk_ypair *pairs;
	const sk_ynode *key;
} key_sought;

static bool is_sought(const void *ctx, uint32_t value)
{
	const key_sought *s = ctx;
	return same_key(s->pairs[value - 1].key, s->key);
}

static size_t find_key(const frame *f, const sk_ynode *key)
{
	const sk_ypair *pairs = f->v;
	if (!f->slots) {
		for (size_t i = 0; i < f->n; i++)
			if (same_key(pairs[i].key, key))
				return i;
		return NOT_FOUND;
	}
	key_sought s = {pairs, key};
	uint32_t at = f->slots[sk_hash__probe(f->slots, f->nslots, hash_key(key), is_sought, &s)];
	return at ? at - 1 : NOT_FOUND;
}

/* How many bytes of `s` to quote: at most KEY_SHOWN, ending on a character boundary. */
static int shown_len(const char *s, size_t len)
{
	if (len <= KEY_SHOWN)
		return (int)len;
	size_t n = KEY_SHOWN;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static int add_key(builder *b, frame *f, const sk_ynode *key)
{
	f->want_value = true;
	f->skip_value = true;
	if (key->kind != SK_YSCALAR)
		return sk_diags_add(b->diags, b->doc->file, key->pos, SK_ERROR,
				    "yaml-non-string-key",
				    "a key must be text, not %s: the entry is skipped",
				    sk_ynode_kind_name(key->kind));
	int rc = hash_reserve(f);
	if (rc != SK_OK)
		return rc;
	size_t first = find_key(f, key);
	if (first != NOT_FOUND) {
		const sk_ypair *pairs = f->v;
		if (!show_repeat(&b->duplicates))
			return SK_OK;
		return sk_diags_add(b->diags, b->doc->file, key->pos, SK_ERROR, "duplicate-key",
				    "duplicate key \"%.*s%s\" (first at line %u); "
				    "the first value is kept",
				    shown_len(key->text, key->len), key->text,
				    key->len > KEY_SHOWN ? "..." : "",
				    pairs[first].key->pos.line);
	}
	/* f->n is the index the pair will have once its value comes. */
	if (f->slots)
		sk_hash__slot_put(f->slots, f->nslots, hash_key(key), (uint32_t)(f->n + 1));
	f->key = key;
	f->skip_value = false;
	return SK_OK;
}

/* Hands a finished node to the open map or list, or makes it the root. */
static int attach(builder *b, const sk_ynode *node)
{
	if (b->depth == 0) {
		if (!b->root)
			b->root = node;
		return SK_OK;
	}
	frame *f = &b->frames[b->depth - 1];
	if (f->node->kind == SK_YSEQ)
		return push(f, &node, sizeof(node));
	if (!f->want_value)
		return add_key(b, f, node);
	f->want_value = false;
	if (f->skip_value)
		return SK_OK;
	sk_ypair pair = { f->key, node };
	return push(f, &pair, sizeof(pair));
}

static int open_node(builder *b, sk_ynode_kind kind, yaml_mark_t mark)
{
	sk_pos pos = mark_pos(b, mark);
	int rc = spend_node(b, pos);
	if (rc != SK_OK)
		return rc;
	if (b->depth == SK_YAML_MAX_DEPTH) {
		sk_diags_add(b->diags, b->doc->file, pos, SK_ERROR, "yaml-limit",
			     "maps and lists are nested more than %d deep: flatten the file",
			     SK_YAML_MAX_DEPTH);
		return SK_ELIMIT;
	}
	sk_ynode *node = new_node(b, kind, pos);
	if (!node)
		return SK_ENOMEM;
	frame *f = &b->frames[b->depth++];
	f->node = node;
	f->n = 0;
	f->key = NULL;
	f->want_value = false;
	f->skip_value = false;
	return SK_OK;
}

static int close_node(builder *b)
{
	if (b->depth == 0)
		return SK_OK;
	frame *f = &b->frames[--b->depth];
	sk_ynode *node = f->node;
	size_t size = node->kind == SK_YMAP ? sizeof(sk_ypair) : sizeof(sk_ynode *);
	free(f->slots);
	f->slots = NULL;
	f->nslots = 0;
	if (f->n) {
		void *v = sk_arena__alloc(&b->doc->arena, f->n, size);
		if (!v)
			return SK_ENOMEM;
		memcpy(v, f->v, f->n * size);
		if (node->kind == SK_YMAP)
			node->pairs = v;
		else
			node->items = v;
	}
	node->count = f->n;
	return attach(b, node);
}

/* "&Important text" or "!Note text": YAML reads the first word as an anchor
 * or a tag and drops it from the value, silently; sendkit has no use for
 * either (an anchor's alias is refused), so both are reported. A standard
 * tag ("!!str") is as meant. */
static int node_props(builder *b, const yaml_event_t *ev, const yaml_char_t *anchor,
		      const yaml_char_t *tag)
{
	sk_pos pos = mark_pos(b, ev->start_mark);
	const char *a = (const char *)anchor, *t = (const char *)tag;
	int rc = SK_OK;

	if (a && show_repeat(&b->anchors))
		rc = sk_diags_add(b->diags, b->doc->file, pos, SK_ERROR, "yaml-alias",
				  "\"&%.*s%s\" is read as a YAML anchor, which sendkit does not use, "
				  "and left out of the value: delete it, or put the whole value in "
				  "quotes if it is part of the text",
				  shown_len(a, strlen(a)), a, strlen(a) > KEY_SHOWN ? "..." : "");
	if (rc == SK_OK && t && strncmp(t, "tag:yaml.org,2002:", 18) != 0)
		rc = sk_diags_add(b->diags, b->doc->file, pos, SK_ERROR, "yaml-syntax",
				  "\"%.*s%s\" is read as a YAML tag, not as text, and left out of "
				  "the value: put the whole value in quotes",
				  shown_len(t, strlen(t)), t, strlen(t) > KEY_SHOWN ? "..." : "");
	return rc;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	/* An escaped NUL ("\0", "\x00") would cut the C string every caller
	 * reads: refused, as a NUL byte in the file is. */
	if (memchr(ev->data.scalar.value, '\0', len)) {
		int rc = sk_diags_add(b->diags, b->doc->file, mark_pos(b, ev->start_mark), SK_ERROR,
				      "yaml-syntax", "a value holds a NUL character: remove it");
		return rc == SK_OK ? SK_EINVAL : rc;
	}
	int rc = spend_node(b, mark_pos(b, ev->start_mark));
	if (rc == SK_OK)
		rc = node_props(b, ev, ev->data.scalar.anchor, ev->data.scalar.tag);
	if (rc != SK_OK)
		return rc;
	sk_ynode *node = new_node(b, SK_YSCALAR, mark_pos(b, ev->start_mark));
	char *text = sk_arena__strndup(&b->doc->arena, (const char *)ev->data.scalar.value, len);
	if (!node || !text)
		return SK_ENOMEM;
	node->text = text;
	node->len = len;
	node->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
	node->is_null = !node->quoted && null_text(text, len);
	return attach(b, node);
}

/* Aliases are never expanded, so a "billion laughs" file costs nothing. */
static int on_alias(builder *b, const yaml_event_t *ev)
{
	sk_pos pos = mark_pos(b, ev->start_mark);
	int rc = spend_node(b, pos);
	if (rc == SK_OK && show_repeat(&b->aliases))
		rc = sk_diags_add(b->diags, b->doc->file, pos, SK_ERROR, "yaml-alias",
				  "aliases are not supported: write the value out in full");
	if (rc != SK_OK)
		return rc;
	sk_ynode *node = new_node(b, SK_YSCALAR, pos);
	if (!node)
		return SK_ENOMEM;
	node->is_null = true;
	return attach(b, node);
}

/* True when the character at `pos` is a tab in the line's indentation. */
static bool tab_in_indent(const char *s, size_t len, sk_pos pos)
{
	size_t i = sk_text__line_start(s, len, pos.line);
	for (unsigned c = 1; c < pos.col; c++, i++)
		if (i >= len || (s[i] != ' ' && s[i] != '\t'))
			return false;
	return i < len && s[i] == '\t';
}

/* "- *Important* text": the alias reported before the error that the slip
 * names at the same place is the same slip, said once. */
static void drop_alias_at(sk_diags *diags)
{
	size_t n = sk_diags_count(diags);
	const sk_diag *last = n ? sk_diags_at(diags, n - 1) : NULL;

	for (size_t i = n - 1; last && i-- > 0;) {
		const sk_diag *d = sk_diags_at(diags, i);

		if (d->pos.line == last->pos.line && d->pos.col == last->pos.col
		    && strcmp(d->rule, "yaml-alias") == 0 && d->file && last->file
		    && strcmp(d->file, last->file) == 0) {
			sk_diags_remove(diags, i);
			return;
		}
	}
}

static int syntax_error(builder *b, const yaml_parser_t *p)
{
	const sk_ydoc *doc = b->doc;
	const char *problem = p->problem ? p->problem : "not valid YAML";
	sk_pos pos;
	int rc;

	if (p->error == YAML_MEMORY_ERROR)
		return SK_ENOMEM;
	if (p->error == YAML_READER_ERROR) {
		size_t off = p->problem_offset < doc->text_len ? p->problem_offset : doc->text_len;
		pos = sk_text__pos_at(doc->text, off);
	} else {
		pos = mark_pos(b, p->problem_mark);
	}
	if (tab_in_indent(doc->text, doc->text_len, pos))
		rc = sk_diags_add(b->diags, doc->file, pos, SK_ERROR, "yaml-tab",
				  "a tab is used for indentation: YAML needs spaces");
	else if (p->error != YAML_READER_ERROR
		 && (rc = sk_yaml__explain(b->diags, doc->file, doc->text, doc->text_len, pos,
					   p->problem)) != SK_EINVAL)
		drop_alias_at(b->diags);       /* a slip named in its place */
	else if (p->error == YAML_READER_ERROR && p->problem_value >= 0)
		rc = sk_diags_add(b->diags, doc->file, pos, SK_ERROR, "yaml-syntax",
				  "%s (character U+%04X)", problem, (unsigned)p->problem_value);
	else if (p->context)
		rc = sk_diags_add(b->diags, doc->file, pos, SK_ERROR, "yaml-syntax",
				  "%s (%s)", problem, p->context);
	else
		rc = sk_diags_add(b->diags, doc->file, pos, SK_ERROR, "yaml-syntax", "%s",
				  problem);
	return rc == SK_OK ? SK_EINVAL : rc;
}

static int on_event(builder *b, const yaml_event_t *ev, int *docs, bool *done)
{
	int rc;

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = true;
		return SK_OK;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs == 1)
			return SK_OK;
		*done = true;
		return sk_diags_add(b->diags, b->doc->file, mark_pos(b, ev->start_mark),
				    SK_WARNING, "yaml-multiple-documents", "the file holds more "
				    "than one document: only the first is read");
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_ALIAS_EVENT:
		return on_alias(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		if ((rc = node_props(b, ev, ev->data.sequence_start.anchor,
				     ev->data.sequence_start.tag)) != SK_OK)
			return rc;
		return open_node(b, SK_YSEQ, ev->start_mark);
	case YAML_MAPPING_START_EVENT:
		if ((rc = node_props(b, ev, ev->data.mapping_start.anchor,
				     ev->data.mapping_start.tag)) != SK_OK)
			return rc;
		return open_node(b, SK_YMAP, ev->start_mark);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_node(b);
	default:
		return SK_OK;
	}
}

static int run_parser(builder *b, yaml_parser_t *p)
{
	int docs = 0;
	bool done = false;
	while (!done) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev))
			return syntax_error(b, p);
		int rc = on_event(b, &ev, &docs, &done);
		yaml_event_delete(&ev);
		if (rc != SK_OK)
			return rc;
	}
	return SK_OK;
}

static int parse(sk_ydoc *doc, sk_diags *diags)
{
	yaml_parser_t parser;
	builder *b = calloc(1, sizeof(*b));
	if (!b)
		return SK_ENOMEM;
	if (!yaml_parser_initialize(&parser)) {
		free(b);
		return SK_ENOMEM;
	}
	b->doc = doc;
	b->diags = diags;
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)doc->text, doc->text_len);
	int rc = sk_yaml__lines_init(&b->lines, doc->text, doc->text_len);
	if (rc == SK_OK)
		rc = run_parser(b, &parser);
	yaml_parser_delete(&parser);
	int summary = add_repeats_summary(b, b->duplicates, "duplicate-key", "duplicate key",
					  "duplicate keys");
	if (summary == SK_OK)
		summary = add_repeats_summary(b, b->aliases, "yaml-alias", "alias", "aliases");
	if (summary == SK_OK)
		summary = add_repeats_summary(b, b->anchors, "yaml-alias", "anchor", "anchors");
	if (rc == SK_OK)
		rc = summary;
	if (rc == SK_OK)
		rc = sk_yaml__warn_slips(diags, doc->file, doc->text, doc->text_len);
	if (rc == SK_OK && !b->root) {
		sk_pos start = { 1, 1 };
		sk_ynode *node = new_node(b, SK_YSCALAR, start);
		if (node)
			node->is_null = true;
		else
			rc = SK_ENOMEM;
		b->root = node;
	}
	doc->root = b->root;
	sk_yaml__lines_free(&b->lines);
	for (size_t i = 0; i < SK_YAML_MAX_DEPTH; i++) {
		free(b->frames[i].v);
		free(b->frames[i].slots);
	}
	free(b);
	return rc;
}

int sk_ydoc_load(sk_ydoc **out, const char *bytes, size_t len,
		 const char *file, sk_diags *diags)
{
	*out = NULL;
	const char *kind = sk_yaml__document_kind(bytes, len);
	if (kind) {
		sk_pos top = { 1, 1 };
		int rc = sk_diags_add(diags, file, top, SK_ERROR, "encoding",
				      "this file is %s, not YAML text, which sendkit reads: save "
				      "it as plain text (.yaml), or start from what \"action-lint "
				      "--template strategy\" (or review) prints", kind);
		return rc == SK_OK ? SK_EINVAL : rc;
	}
	sk_ydoc *doc = calloc(1, sizeof(*doc));
	if (!doc)
		return SK_ENOMEM;
	int rc = sk_text_decode(&doc->text, &doc->text_len, &doc->enc, bytes, len, file, diags);
	if (rc == SK_OK) {
		size_t flen = file ? strlen(file) : 0;
		const char *copy = sk_arena__strndup(&doc->arena, file, flen);
		if (copy) {
			doc->file = copy;
			rc = parse(doc, diags);
		} else {
			rc = SK_ENOMEM;
		}
	}
	if (rc != SK_OK) {
		sk_ydoc_free(doc);
		return rc;
	}
	*out = doc;
	return SK_OK;
}

void sk_ydoc_free(sk_ydoc *doc)
{
	if (!doc)
		return;
	sk_arena__free(&doc->arena);
	free(doc->text);
	free(doc);
}

const sk_ynode *sk_ydoc_root(const sk_ydoc *doc)
{
	return doc ? doc->root : NULL;
}

const char *sk_ydoc_file(const sk_ydoc *doc)
{
	return doc ? doc->file : NULL;
}

const char *sk_ydoc_text(size_t *out_len, const sk_ydoc *doc)
{
	if (out_len)
		*out_len = doc ? doc->text_len : 0;
	return doc ? doc->text : NULL;
}

sk_encoding sk_ydoc_encoding(const sk_ydoc *doc)
{
	return doc ? doc->enc : SK_ENC_UTF8;
}

const sk_ynode *sk_ynode_find(const sk_ynode *map, const char *key)
{
	if (!map || map->kind != SK_YMAP || !key)
		return NULL;
	size_t len = strlen(key);
	for (size_t i = 0; i < map->count; i++) {
		const sk_ynode *k = map->pairs[i].key;
		if (k->len == len && memcmp(k->text, key, len) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

const char *sk_ynode_kind_name(sk_ynode_kind kind)
{
	switch (kind) {
	case SK_YSCALAR: return "a scalar";
	case SK_YMAP: return "a map";
	case SK_YSEQ: return "a list";
	default: return "a value";
	}
}
