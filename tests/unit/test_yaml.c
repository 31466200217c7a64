/* Unit tests for yaml.c: the tree, positions, and every refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sendkit/yaml.h"

#define LIT(s) s, sizeof(s) - 1

typedef struct loaded {
	int rc;
	sk_ydoc *doc;
	const sk_ynode *root;
	sk_diags *diags;
} loaded;

static loaded load_bytes(const char *bytes, size_t len)
{
	loaded l;
	l.diags = sk_diags_new();
	assert_non_null(l.diags);
	l.doc = (sk_ydoc *)&l;   /* must be overwritten */
	l.rc = sk_ydoc_load(&l.doc, bytes, len, "plan.yaml", l.diags);
	l.root = sk_ydoc_root(l.doc);
	if (l.rc == SK_OK)
		assert_non_null(l.root);
	else
		assert_null(l.doc);
	return l;
}

static loaded load(const char *s)
{
	return load_bytes(s, strlen(s));
}

static void loaded_free(loaded *l)
{
	sk_ydoc_free(l->doc);
	sk_diags_free(l->diags);
}

static void assert_pos(const sk_ynode *n, unsigned line, unsigned col)
{
	assert_non_null(n);
	if (n->pos.line != line || n->pos.col != col)
		fail_msg("node at %u:%u, expected %u:%u", n->pos.line, n->pos.col, line, col);
}

static void assert_scalar(const sk_ynode *n, const char *text, unsigned line, unsigned col)
{
	assert_non_null(n);
	assert_int_equal(n->kind, SK_YSCALAR);
	assert_string_equal(n->text, text);
	assert_int_equal(n->len, strlen(text));
	assert_pos(n, line, col);
}

static void assert_diag(const sk_diags *diags, size_t i, sk_severity sev, const char *rule,
			const char *message, unsigned line, unsigned col)
{
	const sk_diag *d = sk_diags_at(diags, i);
	assert_non_null(d);
	assert_string_equal(d->rule, rule);
	assert_string_equal(d->message, message);
	assert_int_equal(d->severity, sev);
	assert_string_equal(d->file, "plan.yaml");
	if (d->pos.line != line || d->pos.col != col)
		fail_msg("diagnostic at %u:%u, expected %u:%u", d->pos.line, d->pos.col, line, col);
}

/* Loads `s`, expecting `rc` and exactly one diagnostic, an error. */
static void expect_error(const char *s, int rc, const char *rule, const char *message,
			 unsigned line, unsigned col)
{
	loaded l = load(s);
	assert_int_equal(l.rc, rc);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_ERROR, rule, message, line, col);
	loaded_free(&l);
}

static const char plan[] =
	"name: Holy Trinity\n"
	"budget:\n"
	"  cost: 12\n"
	"actions:\n"
	"  - action: x\n"
	"    cost: 3\n"
	"  - plain\n";

static void check_plan(const loaded *l)
{
	assert_int_equal(l->rc, SK_OK);
	assert_int_equal(sk_diags_count(l->diags), 0);
	const sk_ynode *root = l->root;
	assert_int_equal(root->kind, SK_YMAP);
	assert_pos(root, 1, 1);
	assert_int_equal(root->count, 3);
	assert_scalar(root->pairs[0].key, "name", 1, 1);
	assert_scalar(root->pairs[0].value, "Holy Trinity", 1, 7);
	assert_scalar(root->pairs[1].key, "budget", 2, 1);

	const sk_ynode *budget = root->pairs[1].value;
	assert_int_equal(budget->kind, SK_YMAP);
	assert_pos(budget, 3, 3);
	assert_int_equal(budget->count, 1);
	assert_scalar(budget->pairs[0].key, "cost", 3, 3);
	assert_scalar(budget->pairs[0].value, "12", 3, 9);

	const sk_ynode *actions = sk_ynode_find(root, "actions");
	assert_ptr_equal(actions, root->pairs[2].value);
	assert_scalar(root->pairs[2].key, "actions", 4, 1);
	assert_int_equal(actions->kind, SK_YSEQ);
	assert_pos(actions, 5, 3);
	assert_int_equal(actions->count, 2);
	const sk_ynode *item = actions->items[0];
	assert_int_equal(item->kind, SK_YMAP);
	assert_pos(item, 5, 5);   /* where "action" starts: where the item starts */
	assert_int_equal(item->count, 2);
	assert_scalar(item->pairs[0].key, "action", 5, 5);
	assert_scalar(item->pairs[0].value, "x", 5, 13);
	assert_scalar(item->pairs[1].key, "cost", 6, 5);
	assert_scalar(item->pairs[1].value, "3", 6, 11);
	assert_scalar(actions->items[1], "plain", 7, 5);
	assert_false(actions->items[1]->quoted);
	assert_false(actions->items[1]->is_null);
}

static void test_positions(void **state)
{
	(void)state;
	loaded l = load(plan);
	check_plan(&l);
	assert_int_equal(sk_ydoc_encoding(l.doc), SK_ENC_UTF8);
	assert_string_equal(sk_ydoc_file(l.doc), "plan.yaml");
	size_t len;
	assert_string_equal(sk_ydoc_text(&len, l.doc), plan);
	assert_int_equal(len, strlen(plan));
	loaded_free(&l);
}

static char *replace_lf(const char *s, const char *with)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += *p == '\n' ? strlen(with) : 1;
	char *out = malloc(n + 1), *o = out;
	assert_non_null(out);
	for (const char *p = s; *p; p++) {
		if (*p == '\n') {
			memcpy(o, with, strlen(with));
			o += strlen(with);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static void test_positions_crlf(void **state)
{
	(void)state;
	char *crlf = replace_lf(plan, "\r\n");
	loaded l = load(crlf);
	check_plan(&l);
	size_t len;
	assert_string_equal(sk_ydoc_text(&len, l.doc), crlf);   /* CRLF is kept */
	loaded_free(&l);
	free(crlf);

	char *cr = replace_lf(plan, "\r");   /* old Mac line ends */
	l = load(cr);
	check_plan(&l);
	loaded_free(&l);
	free(cr);
}

static void test_positions_flow_and_multibyte(void **state)
{
	(void)state;
	loaded l = load("na\xC3\xAFve: \xC2\xA3" "5\n"
			"list: [1, {b: 2}, 'q']\n");
	assert_int_equal(l.rc, SK_OK);
	assert_scalar(l.root->pairs[0].key, "na\xC3\xAFve", 1, 1);
	/* Columns count characters, not bytes. */
	assert_scalar(l.root->pairs[0].value, "\xC2\xA3" "5", 1, 8);
	const sk_ynode *list = sk_ynode_find(l.root, "list");
	assert_int_equal(list->kind, SK_YSEQ);
	assert_pos(list, 2, 7);
	assert_int_equal(list->count, 3);
	assert_scalar(list->items[0], "1", 2, 8);
	assert_int_equal(list->items[1]->kind, SK_YMAP);
	assert_pos(list->items[1], 2, 11);
	assert_scalar(list->items[1]->pairs[0].key, "b", 2, 12);
	assert_scalar(list->items[1]->pairs[0].value, "2", 2, 15);
	assert_scalar(list->items[2], "q", 2, 19);
	assert_true(list->items[2]->quoted);
	loaded_free(&l);
}

static void test_utf8_bom(void **state)
{
	(void)state;
	loaded l = load("\xEF\xBB\xBF" "a: 1\nb: \xC2\xA3\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	assert_int_equal(sk_ydoc_encoding(l.doc), SK_ENC_UTF8_BOM);
	assert_scalar(l.root->pairs[0].key, "a", 1, 1);
	assert_scalar(l.root->pairs[1].value, "\xC2\xA3", 2, 4);
	assert_string_equal(sk_ydoc_text(NULL, l.doc), "a: 1\nb: \xC2\xA3\n");
	loaded_free(&l);
}

/* UTF-16 with a BOM: each ASCII byte becomes a unit; 0xA3 stands for U+00A3. */
static size_t utf16(char *buf, const char *s, bool big_endian)
{
	size_t o = 0;
	buf[o++] = big_endian ? '\xFE' : '\xFF';
	buf[o++] = big_endian ? '\xFF' : '\xFE';
	for (const char *p = s; *p; p++) {
		buf[o++] = big_endian ? '\0' : *p;
		buf[o++] = big_endian ? *p : '\0';
	}
	return o;
}

static void check_utf16(bool big_endian)
{
	char buf[256];
	size_t n = utf16(buf, "fee: \xA3" "5\r\nlist:\r\n  - x\r\n", big_endian);
	loaded l = load_bytes(buf, n);
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_ydoc_encoding(l.doc), big_endian ? SK_ENC_UTF16BE : SK_ENC_UTF16LE);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_NOTE, "encoding", big_endian ?
		    "file is not UTF-8: read as UTF-16BE" : "file is not UTF-8: read as UTF-16LE",
		    0, 0);
	assert_scalar(sk_ynode_find(l.root, "fee"), "\xC2\xA3" "5", 1, 6);
	const sk_ynode *list = sk_ynode_find(l.root, "list");
	assert_int_equal(list->count, 1);
	assert_scalar(list->items[0], "x", 3, 5);
	assert_string_equal(sk_ydoc_text(NULL, l.doc), "fee: \xC2\xA3" "5\r\nlist:\r\n  - x\r\n");
	loaded_free(&l);
}

static void test_utf16le(void **state)
{
	(void)state;
	check_utf16(false);
}

static void test_utf16be(void **state)
{
	(void)state;
	check_utf16(true);
}

static void test_cp1252(void **state)
{
	(void)state;
	loaded l = load("fee: \xA3" "10\nnote: it\x92s \x93" "ok\x94\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_ydoc_encoding(l.doc), SK_ENC_CP1252);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_NOTE, "encoding", "file is not UTF-8: read as Windows-1252",
		    0, 0);
	assert_scalar(sk_ynode_find(l.root, "fee"), "\xC2\xA3" "10", 1, 6);
	assert_scalar(sk_ynode_find(l.root, "note"),
		      "it\xE2\x80\x99s \xE2\x80\x9C" "ok\xE2\x80\x9D", 2, 7);
	loaded_free(&l);
}

static void test_encoding_errors(void **state)
{
	(void)state;
	loaded l = load_bytes(LIT("a: 1\nb: \0\n"));
	assert_int_equal(l.rc, SK_EINVAL);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_ERROR, "encoding", "file contains a NUL byte: binary file?",
		    2, 4);
	loaded_free(&l);

	l = load_bytes(LIT("\xFF\xFE" "a\0:"));
	assert_int_equal(l.rc, SK_EINVAL);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_string_equal(sk_diags_at(l.diags, 0)->rule, "encoding");
	loaded_free(&l);
}

static void test_duplicate_key(void **state)
{
	(void)state;
	loaded l = load("cost: 1\n"
			"name: x\n"
			"cost: 2\n"
			"name: {a: 1}\n"
			"other: 3\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 2);
	assert_diag(l.diags, 0, SK_ERROR, "duplicate-key",
		    "duplicate key \"cost\" (first at line 1); the first value is kept", 3, 1);
	assert_diag(l.diags, 1, SK_ERROR, "duplicate-key",
		    "duplicate key \"name\" (first at line 2); the first value is kept", 4, 1);
	assert_int_equal(l.root->count, 3);
	assert_scalar(sk_ynode_find(l.root, "cost"), "1", 1, 7);
	assert_scalar(sk_ynode_find(l.root, "name"), "x", 2, 7);
	assert_scalar(l.root->pairs[2].key, "other", 5, 1);
	assert_scalar(l.root->pairs[2].value, "3", 5, 8);
	loaded_free(&l);

	/* Quoting does not make a different key; nested maps are checked too. */
	l = load("a:\n  'k': 1\n  \"k\": 2\n  k: 3\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 2);
	assert_diag(l.diags, 0, SK_ERROR, "duplicate-key",
		    "duplicate key \"k\" (first at line 2); the first value is kept", 3, 3);
	assert_diag(l.diags, 1, SK_ERROR, "duplicate-key",
		    "duplicate key \"k\" (first at line 2); the first value is kept", 4, 3);
	const sk_ynode *a = sk_ynode_find(l.root, "a");
	assert_int_equal(a->count, 1);
	assert_scalar(a->pairs[0].value, "1", 2, 8);
	loaded_free(&l);

	/* The same key in two different maps is fine. */
	l = load("- cost: 1\n- cost: 2\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	loaded_free(&l);
}

static void test_duplicate_long_key(void **state)
{
	(void)state;
	char key[101];
	memset(key, 'k', 100);
	key[100] = '\0';
	key[59] = '\xC2';   /* a pound sign across the 60-byte cut */
	key[60] = '\xA3';
	char doc[300];
	snprintf(doc, sizeof(doc), "%s: 1\n%s: 2\n", key, key);
	loaded l = load(doc);
	assert_int_equal(l.rc, SK_OK);
	const sk_diag *d = sk_diags_at(l.diags, 0);
	assert_non_null(d);
	char want[200];
	snprintf(want, sizeof(want),
		 "duplicate key \"%.59s...\" (first at line 1); the first value is kept", key);
	assert_string_equal(d->message, want);
	loaded_free(&l);
}

static char *big_map(size_t keys, size_t dup_of)
{
	char *s = malloc(keys * 24 + 64);
	assert_non_null(s);
	size_t o = 0;
	for (size_t i = 0; i < keys; i++)
		o += (size_t)sprintf(s + o, "key%zu: %zu\n", i, i);
	if (dup_of != SIZE_MAX)
		o += (size_t)sprintf(s + o, "key%zu: again\n", dup_of);
	s[o] = '\0';
	return s;
}

static void test_duplicate_key_hashed(void **state)
{
	(void)state;
	/* Past the size where the check switches from a scan to a hash. */
	for (size_t keys = 14; keys <= 40; keys++) {
		for (size_t dup = 0; dup < keys; dup += 5) {
			char *s = big_map(keys, dup);
			loaded l = load(s);
			assert_int_equal(l.rc, SK_OK);
			assert_int_equal(l.root->count, keys);
			assert_int_equal(sk_diags_count(l.diags), 1);
			const sk_diag *d = sk_diags_at(l.diags, 0);
			char want[100];
			snprintf(want, sizeof(want), "duplicate key \"key%zu\" "
				 "(first at line %zu); the first value is kept", dup, dup + 1);
			assert_string_equal(d->message, want);
			assert_int_equal(d->pos.line, keys + 1);
			char k[32], v[32];
			snprintf(k, sizeof(k), "key%zu", dup);
			snprintf(v, sizeof(v), "%zu", dup);
			assert_string_equal(sk_ynode_find(l.root, k)->text, v);
			loaded_free(&l);
			free(s);
		}
	}
}

static void test_big_map(void **state)
{
	(void)state;
	size_t keys = 100000;
	char *s = big_map(keys, 77777);
	clock_t t0 = clock();
	loaded l = load(s);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 10.0);
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(l.root->count, keys);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_ERROR, "duplicate-key",
		    "duplicate key \"key77777\" (first at line 77778); the first value is kept",
		    100001, 1);
	assert_scalar(l.root->pairs[99999].key, "key99999", 100000, 1);
	assert_scalar(sk_ynode_find(l.root, "key77777"), "77777", 77778, 11);
	loaded_free(&l);
	free(s);
}

static void test_alias(void **state)
{
	(void)state;
	loaded l = load("a: &x 1\n"
			"b: *x\n"
			"c: [*x, 2]\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 3);
	/* The anchor is reported (a word after "&" would be dropped from a text). */
	assert_diag(l.diags, 0, SK_ERROR, "yaml-alias",
		    "\"&x\" is read as a YAML anchor, which sendkit does not use, and left out "
		    "of the value: delete it, or put the whole value in quotes if it is part "
		    "of the text", 1, 4);
	assert_diag(l.diags, 1, SK_ERROR, "yaml-alias",
		    "aliases are not supported: write the value out in full", 2, 4);
	assert_diag(l.diags, 2, SK_ERROR, "yaml-alias",
		    "aliases are not supported: write the value out in full", 3, 5);
	assert_scalar(sk_ynode_find(l.root, "a"), "1", 1, 4);   /* the value is kept */
	const sk_ynode *b = sk_ynode_find(l.root, "b");
	assert_scalar(b, "", 2, 4);
	assert_true(b->is_null);
	const sk_ynode *c = sk_ynode_find(l.root, "c");
	assert_int_equal(c->count, 2);
	assert_true(c->items[0]->is_null);
	assert_scalar(c->items[1], "2", 3, 9);
	loaded_free(&l);
}

static void test_alias_bomb(void **state)
{
	(void)state;
	loaded l = load("a: &a [x, x, x, x, x, x, x, x, x]\n"
			"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
			"d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 27 + 3);   /* aliases and anchors */
	assert_int_equal(sk_ynode_find(l.root, "d")->count, 9);
	assert_true(sk_ynode_find(l.root, "d")->items[8]->is_null);
	loaded_free(&l);
}

static char *nested(size_t depth, bool closed)
{
	char *s = malloc(2 * depth + 1);
	assert_non_null(s);
	memset(s, '[', depth);
	size_t n = depth;
	if (closed) {
		memset(s + depth, ']', depth);
		n += depth;
	}
	s[n] = '\0';
	return s;
}

static void test_depth_limit(void **state)
{
	(void)state;
	char *s = nested(SK_YAML_MAX_DEPTH, true);
	loaded l = load(s);
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	const sk_ynode *n = l.root;
	for (int i = 1; i < SK_YAML_MAX_DEPTH; i++) {
		assert_int_equal(n->kind, SK_YSEQ);
		assert_int_equal(n->count, 1);
		n = n->items[0];
	}
	assert_int_equal(n->kind, SK_YSEQ);
	assert_int_equal(n->count, 0);
	assert_pos(n, 1, SK_YAML_MAX_DEPTH);
	loaded_free(&l);
	free(s);

	s = nested(SK_YAML_MAX_DEPTH + 1, true);
	expect_error(s, SK_ELIMIT, "yaml-limit",
		     "maps and lists are nested more than 64 deep: flatten the file",
		     1, SK_YAML_MAX_DEPTH + 1);
	free(s);
}

static void test_depth_limit_block(void **state)
{
	(void)state;
	char *s = malloc(200 * 140);
	assert_non_null(s);
	size_t o = 0;
	for (int i = 0; i < SK_YAML_MAX_DEPTH + 1; i++)
		o += (size_t)sprintf(s + o, "%*sk%d:\n", 2 * i, "", i);
	o += (size_t)sprintf(s + o, "%*sleaf: 1\n", 2 * (SK_YAML_MAX_DEPTH + 1), "");
	expect_error(s, SK_ELIMIT, "yaml-limit",
		     "maps and lists are nested more than 64 deep: flatten the file",
		     SK_YAML_MAX_DEPTH + 1, 2 * SK_YAML_MAX_DEPTH + 1);
	free(s);
}

static void test_depth_bomb(void **state)
{
	(void)state;
	char *s = nested(200000, false);
	clock_t t0 = clock();
	loaded l = load(s);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
	assert_int_equal(l.rc, SK_ELIMIT);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_ERROR, "yaml-limit",
		    "maps and lists are nested more than 64 deep: flatten the file",
		    1, SK_YAML_MAX_DEPTH + 1);
	loaded_free(&l);

	memset(s, '{', 200000);
	l = load(s);
	assert_int_equal(l.rc, SK_ELIMIT);
	assert_string_equal(sk_diags_at(l.diags, 0)->rule, "yaml-limit");
	loaded_free(&l);
	free(s);

	/* Block lists on one line, "- - - ...": the same bound. */
	s = malloc(2 * 200000 + 2);
	assert_non_null(s);
	for (size_t i = 0; i < 200000; i++)
		memcpy(s + 2 * i, "- ", 2);
	memcpy(s + 2 * 200000, "x", 2);
	expect_error(s, SK_ELIMIT, "yaml-limit",
		     "maps and lists are nested more than 64 deep: flatten the file",
		     1, 2 * SK_YAML_MAX_DEPTH + 1);
	free(s);
}

static void test_syntax_error(void **state)
{
	(void)state;
	expect_error("a: 1\nb\n", SK_EINVAL, "yaml-syntax",
		     "this line, at column 1, is not a key and does not go on with the text of "
		     "\"a\" above: if it is a key, put a colon and a space after its name; if "
		     "it is more of that text, indent it to column 2 or more, or put the whole "
		     "text in quotes", 2, 1);
	expect_error("a: [1, 2\n", SK_EINVAL, "yaml-syntax",
		     "did not find expected ',' or ']' (while parsing a flow sequence)", 2, 1);
	/* An indentation slip: named, at the key (libyaml says "mapping values
	 * are not allowed in this context" at its colon). */
	expect_error("a: 1\n  b: 2\n", SK_EINVAL, "yaml-syntax",
		     "\"b\" is indented 2 spaces where the keys it belongs with have 0: YAML "
		     "reads what belongs to what from the indentation, so start it at column 1",
		     2, 3);

	/* Errors found before the syntax error stay, but no tree comes back. */
	loaded l = load("a: 1\na: 2\nb: 'open\n");
	assert_int_equal(l.rc, SK_EINVAL);
	assert_int_equal(sk_diags_count(l.diags), 2);
	assert_string_equal(sk_diags_at(l.diags, 0)->rule, "duplicate-key");
	assert_string_equal(sk_diags_at(l.diags, 1)->rule, "yaml-syntax");
	loaded_free(&l);
}

static void test_control_character(void **state)
{
	(void)state;
	expect_error("a: 1\nb: x\x0cy\n", SK_EINVAL, "yaml-syntax",
		     "control characters are not allowed (character U+000C)", 2, 5);
}

static void test_tab_indentation(void **state)
{
	(void)state;
	const char *msg = "a tab is used for indentation: YAML needs spaces";
	expect_error("a:\n\tb: 1\n", SK_EINVAL, "yaml-tab", msg, 2, 1);
	expect_error("a:\n  b: 1\n\tc: 2\n", SK_EINVAL, "yaml-tab", msg, 3, 1);
	expect_error("a:\r\n  b: 1\r\n  \tc: 2\r\n", SK_EINVAL, "yaml-tab", msg, 3, 3);
	expect_error("a: |\n  x\n\t y\n", SK_EINVAL, "yaml-tab", msg, 3, 1);

	/* A tab between a key and its value is fine. */
	loaded l = load("a:\tb\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	assert_scalar(sk_ynode_find(l.root, "a"), "b", 1, 4);
	loaded_free(&l);
}

static void test_multiple_documents(void **state)
{
	(void)state;
	loaded l = load("a: 1\n---\nb: 2\n---\nc: [\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 1);   /* the broken third one is not read */
	assert_diag(l.diags, 0, SK_WARNING, "yaml-multiple-documents",
		    "the file holds more than one document: only the first is read", 2, 1);
	assert_int_equal(l.root->count, 1);
	assert_scalar(l.root->pairs[0].key, "a", 1, 1);
	loaded_free(&l);

	l = load("---\na: 1\n...\n---\nb: 2\n");
	assert_int_equal(l.rc, SK_OK);
	assert_diag(l.diags, 0, SK_WARNING, "yaml-multiple-documents",
		    "the file holds more than one document: only the first is read", 4, 1);
	assert_scalar(l.root->pairs[0].value, "1", 2, 4);
	loaded_free(&l);

	l = load("---\na: 1\n");   /* one explicit document is fine */
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	assert_scalar(l.root->pairs[0].key, "a", 2, 1);
	loaded_free(&l);
}

static void assert_null_root(const char *s)
{
	loaded l = load(s);
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	assert_int_equal(l.root->kind, SK_YSCALAR);
	assert_true(l.root->is_null);
	assert_false(l.root->quoted);
	assert_string_equal(l.root->text, "");
	assert_int_equal(l.root->len, 0);
	loaded_free(&l);
}

static void test_empty(void **state)
{
	(void)state;
	assert_null_root("");
	assert_null_root("# only a comment\n\n");
	assert_null_root("---\n");
	assert_null_root("\n\n\n");

	loaded l = load("");
	assert_pos(l.root, 1, 1);
	size_t len = 99;
	assert_string_equal(sk_ydoc_text(&len, l.doc), "");
	assert_int_equal(len, 0);
	loaded_free(&l);

	l = load("~\n");
	assert_int_equal(l.rc, SK_OK);
	assert_true(l.root->is_null);
	assert_scalar(l.root, "~", 1, 1);
	loaded_free(&l);
}

static void test_null_forms(void **state)
{
	(void)state;
	loaded l = load("a:\nb: ~\nc: null\nd: Null\ne: NULL\n"
			"f: nULL\ng: 'null'\nh: \"\"\ni: nulls\nj: '~'\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(l.root->count, 10);
	static const struct {
		const char *key, *text;
		bool is_null, quoted;
	} want[] = {
		{ "a", "", true, false },
		{ "b", "~", true, false },
		{ "c", "null", true, false },
		{ "d", "Null", true, false },
		{ "e", "NULL", true, false },
		{ "f", "nULL", false, false },
		{ "g", "null", false, true },
		{ "h", "", false, true },
		{ "i", "nulls", false, false },
		{ "j", "~", false, true },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const sk_ynode *v = sk_ynode_find(l.root, want[i].key);
		assert_non_null(v);
		assert_int_equal(v->kind, SK_YSCALAR);
		assert_string_equal(v->text, want[i].text);
		if (v->is_null != want[i].is_null || v->quoted != want[i].quoted)
			fail_msg("key %s: is_null %d quoted %d", want[i].key, v->is_null,
				 v->quoted);
	}
	/* An empty value sits where the key's line ends. */
	assert_pos(sk_ynode_find(l.root, "a"), 1, 3);
	loaded_free(&l);
}

static void test_quoted(void **state)
{
	(void)state;
	loaded l = load("p: plain text\n"
			"s: 'it''s'\n"
			"d: \"tab\\there \\u00a3\"\n"
			"l: |\n  line 1\n  line 2\n"
			"f: >\n  folded\n  text\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 0);
	const sk_ynode *v = sk_ynode_find(l.root, "p");
	assert_scalar(v, "plain text", 1, 4);
	assert_false(v->quoted);
	v = sk_ynode_find(l.root, "s");
	assert_scalar(v, "it's", 2, 4);
	assert_true(v->quoted);
	v = sk_ynode_find(l.root, "d");
	assert_scalar(v, "tab\there \xC2\xA3", 3, 4);
	assert_true(v->quoted);
	v = sk_ynode_find(l.root, "l");
	assert_scalar(v, "line 1\nline 2\n", 4, 4);
	assert_true(v->quoted);
	v = sk_ynode_find(l.root, "f");
	assert_scalar(v, "folded text\n", 7, 4);
	assert_true(v->quoted);
	loaded_free(&l);
}

/* An escaped NUL would cut every C string read from the value: refused. */
static void test_escaped_nul(void **state)
{
	(void)state;
	loaded l = load("a: ok\nz: \"a\\0b\"\n");
	assert_int_equal(l.rc, SK_EINVAL);
	assert_int_equal(sk_diags_count(l.diags), 1);
	const sk_diag *d = sk_diags_at(l.diags, 0);
	assert_string_equal(d->rule, "yaml-syntax");
	assert_int_equal(d->pos.line, 2);
	assert_int_equal(d->pos.col, 4);
	loaded_free(&l);
}

static void test_non_string_key(void **state)
{
	(void)state;
	loaded l = load("? [a, b]\n: 1\nc: 2\n? {x: 1}\n: 3\n");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 2);
	assert_diag(l.diags, 0, SK_ERROR, "yaml-non-string-key",
		    "a key must be text, not a list: the entry is skipped", 1, 3);
	assert_diag(l.diags, 1, SK_ERROR, "yaml-non-string-key",
		    "a key must be text, not a map: the entry is skipped", 4, 3);
	assert_int_equal(l.root->count, 1);
	assert_scalar(l.root->pairs[0].key, "c", 3, 1);
	assert_scalar(l.root->pairs[0].value, "2", 3, 4);
	loaded_free(&l);

	l = load("{[a]: 1, b: [2]}");
	assert_int_equal(l.rc, SK_OK);
	assert_int_equal(sk_diags_count(l.diags), 1);
	assert_diag(l.diags, 0, SK_ERROR, "yaml-non-string-key",
		    "a key must be text, not a list: the entry is skipped", 1, 2);
	assert_int_equal(l.root->count, 1);
	assert_int_equal(sk_ynode_find(l.root, "b")->kind, SK_YSEQ);
	loaded_free(&l);
}

static void test_empty_collections(void **state)
{
	(void)state;
	loaded l = load("m: {}\nl: []\ns: hello\n");
	assert_int_equal(l.rc, SK_OK);
	const sk_ynode *m = sk_ynode_find(l.root, "m");
	assert_int_equal(m->kind, SK_YMAP);
	assert_int_equal(m->count, 0);
	assert_pos(m, 1, 4);
	const sk_ynode *list = sk_ynode_find(l.root, "l");
	assert_int_equal(list->kind, SK_YSEQ);
	assert_int_equal(list->count, 0);
	assert_pos(list, 2, 4);
	loaded_free(&l);

	l = load("just text\n");
	assert_int_equal(l.rc, SK_OK);
	assert_scalar(l.root, "just text", 1, 1);
	loaded_free(&l);
}

static void test_get_and_names(void **state)
{
	(void)state;
	loaded l = load("a: 1\nab: 2\nlist: [x]\n");
	assert_int_equal(l.rc, SK_OK);
	assert_string_equal(sk_ynode_find(l.root, "a")->text, "1");
	assert_string_equal(sk_ynode_find(l.root, "ab")->text, "2");
	assert_null(sk_ynode_find(l.root, "A"));
	assert_null(sk_ynode_find(l.root, ""));
	assert_null(sk_ynode_find(l.root, "a "));
	assert_null(sk_ynode_find(NULL, "a"));
	assert_null(sk_ynode_find(sk_ynode_find(l.root, "a"), "a"));
	assert_null(sk_ynode_find(sk_ynode_find(l.root, "list"), "x"));
	loaded_free(&l);

	assert_string_equal(sk_ynode_kind_name(SK_YSCALAR), "a scalar");
	assert_string_equal(sk_ynode_kind_name(SK_YMAP), "a map");
	assert_string_equal(sk_ynode_kind_name(SK_YSEQ), "a list");

	sk_ydoc_free(NULL);
	assert_null(sk_ydoc_root(NULL));
	assert_null(sk_ydoc_file(NULL));
	assert_null(sk_ydoc_text(NULL, NULL));
}

static void test_null_diags_and_file(void **state)
{
	(void)state;
	sk_ydoc *doc;
	assert_int_equal(sk_ydoc_load(&doc, LIT("a: 1\na: 2\nb: *x\n"), NULL, NULL), SK_OK);
	assert_string_equal(sk_ydoc_file(doc), "");
	assert_int_equal(sk_ydoc_root(doc)->count, 2);
	sk_ydoc_free(doc);
	assert_int_equal(sk_ydoc_load(&doc, LIT("a: [\n"), NULL, NULL), SK_EINVAL);
	assert_null(doc);
}

static void test_big_scalar(void **state)
{
	(void)state;
	size_t n = (size_t)16 << 20;
	char *s = malloc(n + 16);
	assert_non_null(s);
	memcpy(s, "a: ", 3);
	for (size_t i = 0; i < n; i++)
		s[3 + i] = (char)('a' + i % 26);
	memcpy(s + 3 + n, "\nb: 2\n", 7);
	loaded l = load(s);
	assert_int_equal(l.rc, SK_OK);
	const sk_ynode *a = sk_ynode_find(l.root, "a");
	assert_int_equal(a->len, n);
	assert_memory_equal(a->text, s + 3, n);
	assert_int_equal(a->text[n], '\0');
	assert_scalar(sk_ynode_find(l.root, "b"), "2", 2, 4);
	loaded_free(&l);
	free(s);
}

static void test_long_line(void **state)
{
	(void)state;
	size_t items = 1750000;   /* "[a, b, ...]": a 5 MB line */
	char *s = malloc(items * 5 + 32);
	assert_non_null(s);
	size_t o = (size_t)sprintf(s, "first: 1\nlist: [");
	for (size_t i = 0; i < items; i++)
		o += (size_t)sprintf(s + o, i ? ", %c" : "%c", (char)('a' + i % 26));
	o += (size_t)sprintf(s + o, "]\nlast: 2\n");
	assert_true(o > 5000000);
	loaded l = load(s);
	assert_int_equal(l.rc, SK_OK);
	const sk_ynode *list = sk_ynode_find(l.root, "list");
	assert_int_equal(list->count, items);
	assert_scalar(list->items[0], "a", 2, 8);
	char last[2] = { (char)('a' + (items - 1) % 26), '\0' };
	assert_scalar(list->items[items - 1], last, 2, (unsigned)(8 + 3 * (items - 1)));
	assert_scalar(sk_ynode_find(l.root, "last"), "2", 3, 7);
	loaded_free(&l);
	free(s);
}

/* How many "yaml-slip" warnings a text that parses draws. */
static size_t slips(const char *text)
{
	loaded l = load(text);
	size_t n = 0;

	assert_int_equal(l.rc, SK_OK);
	for (size_t i = 0; i < sk_diags_count(l.diags); i++)
		n += strcmp(sk_diags_at(l.diags, i)->rule, "yaml-slip") == 0;
	loaded_free(&l);
	return n;
}

static void test_slip_warnings(void **state)
{
	(void)state;
	/* A "#" after a space with text after it drops the rest of the value. */
	assert_int_equal(slips("action: Buy licence #2 for the room\n"), 1);
	assert_int_equal(slips("- Buy licence #2\n"), 1);
	/* Meant: a comment after a space, a quoted value, a block scalar, a URL. */
	assert_int_equal(slips("# header #1\naction: Buy # the licence\n"), 0);
	assert_int_equal(slips("action: \"Buy licence #2\"\nb: 'it''s #3'\n"), 0);
	assert_int_equal(slips("steps: |\n  Buy licence #2\n  \u2022 then train\nb: c\n"), 0);
	assert_int_equal(slips("link: https://example.org/page#top\n"), 0);
	assert_int_equal(slips("cost: x  # action-lint: disable=bad-money\n"), 0);
	assert_int_equal(slips("cost: x  #action-lint: disable=bad-money\n"), 0);
	/* Bullets that YAML reads as more of the text above. */
	assert_int_equal(slips("strengths:\n  \u2022 one\n  \u2022 two\n"), 2);
	assert_int_equal(slips("a: b\n"), 0);
	/* A no-break space in the indentation, read as text. */
	assert_int_equal(slips("a:\n  b: c\n\u00a0 d: e\n"), 1);
	/* "-text" with no space after the dash, as people type a list: one text. */
	assert_int_equal(slips("strengths:\n  -one\n  - two\n  - three\n"), 1);
	assert_int_equal(slips("strengths:\n  -one\n  -two\n"), 2);
	assert_int_equal(slips("actions:\n  -action: one\n"), 1);
	assert_int_equal(slips("a:\n  -\u00c9lan\n"), 1);
	/* Meant: a negative number, a continued text, a dash inside a list item. */
	assert_int_equal(slips("a:\n  -5\nb: c\n"), 0);
	assert_int_equal(slips("steps: one\n  -ish\nb: c\n"), 0);
	assert_int_equal(slips("- -one\n- two\n"), 0);
	/* A list item deeper than the item above, whose text runs over lines. */
	assert_int_equal(slips("a:\n  - one\n  - two and\n    more\n   - three\n"), 1);
	assert_int_equal(slips("a:\n  - two and\n    more\n  - three\n"), 0);
	assert_int_equal(slips("a:\n  b:\n    more\n   - three\n"), 0);
}

static void expect_syntax(const char *text, unsigned line, unsigned col, const char *words)
{
	loaded l = load(text);
	const sk_diag *d;

	assert_int_equal(l.rc, SK_EINVAL);
	assert_int_equal(sk_diags_count(l.diags), 1);
	d = sk_diags_at(l.diags, 0);
	assert_string_equal(d->rule, "yaml-syntax");
	if (d->pos.line != line || d->pos.col != col || !strstr(d->message, words))
		fail_msg("%u:%u %s", d->pos.line, d->pos.col, d->message);
	loaded_free(&l);
}

static void test_slip_errors(void **state)
{
	(void)state;
	expect_syntax("a:\n  cost:350\n  b: c\n", 2, 7, "no space after the colon");
	expect_syntax("a:\n  lead:\u00a0Ann\n  b: c\n", 2, 8, "no-break space");
	expect_syntax("a:\n  - b: c\n  \u2022 d: e\n", 3, 3, "bullet");
	expect_syntax("steps: Note: buy\n", 1, 12, "inside the value of \"steps\"");
	expect_syntax("a:\n  cost: -\n  b: c\n", 2, 9, "\"-\" alone after \"cost:\"");
	/* "-text" among "- " items: libyaml stops a line late. */
	expect_syntax("a:\n  - one\n  -two\n  - three\n", 3, 3, "put a space after the dash");
	expect_syntax("a:\n  - one\n  -two\n", 3, 3, "put a space after the dash");
	expect_syntax("a:\n  -b: one\n   c: two\n", 2, 3, "put a space after the dash");
	/* Text wrapped onto a line left of where it may go on (as Word pastes
	 * it), or at its key's column: named there, not lines later. */
	expect_syntax("a:\n  steps: one\nand two\n  b: c\n", 3, 1,
		      "continues the text of \"steps\" above, but starts at column 1");
	expect_syntax("a:\n  steps: one\n\n  two more\n  b: c\n", 4, 3,
		      "if it is a key, put a colon");
	expect_syntax("a:\n  - one and\n  two\n  - three\n", 3, 3,
		      "if it is a list item, start it with \"- \"");
	expect_syntax("a:\n  - one and\ntwo more\n  - b\n", 3, 1,
		      "continues the text of the list item above");
	expect_syntax("a:\n  - one and\n    two: more\n", 3, 8, "its \": \" makes YAML read a key");
	expect_syntax("a:\n  steps:\n  one\n  b: c\n", 3, 3, "is the value of \"steps\" above");
	/* Quoted text may wrap anywhere; the slip below it is still found. */
	expect_syntax("a:\n  b: \"one\ntwo\"\n  c: one\nthree\n", 5, 1,
		      "does not go on with the text of \"c\"");
	/* A line another slip names (a list number) does not stop the search. */
	expect_syntax("a:\n  b:\n    1. one\n  c: x and\ny z\n", 5, 1,
		      "continues the text of \"c\" above, but starts at column 1");
	/* A wrapped key indented deeper is the indentation's slip. */
	expect_syntax("a:\n  steps: one\n   b: c\n", 3, 4, "is indented 3 spaces");
	/* Brackets, and "..." that ends the document. */
	expect_syntax("a:\n  steps: [see plan] then\n", 2, 10, "text cannot follow it");
	expect_syntax("a:\n  steps: {see} then\n", 2, 10, "is a YAML map");
	expect_syntax("a: [b\n", 1, 4, "its \"]\" is not on this line");
	expect_syntax("a: 1\n...\nb: 2\n", 2, 1, "ends the YAML document");
	/* Other errors keep libyaml's words. */
	expect_syntax("a: [b, c\n", 2, 1, "flow sequence");
}

/* A key or item moved left of the ones it belongs with is named at its own
 * line (libyaml stops at the line below), with the column it belongs at. */
static void test_slip_moved_left(void **state)
{
	(void)state;
	/* A key and its value, at column 1 inside a map at 4. */
	expect_syntax("a:\n  - b:\n    k: 1\nc: 2\n    d: 3\n", 4, 1,
		      "\"c\" is indented 0 spaces where the keys it belongs with have 4, so YAML "
		      "reads the line below it as more of its value: start it at column 5");
	/* A key with its own map below it. */
	expect_syntax("a:\n  b: 1\nc:\n    d: 2\n    e: 3\n  f: 4\n", 3, 1,
		      "\"c\" is indented 0 spaces where the keys it belongs with have 2, so YAML "
		      "cannot place line 6 below it, indented 2: start it at column 3");
	/* At the column of a key with no value above it, whose map it begins. */
	expect_syntax("a:\n  r:\n  d: 1\n    m: 2\n  i: 3\n", 3, 3,
		      "\"d\" is indented 2 spaces, not right of \"r\" above, which is left with no "
		      "value, and YAML reads the line below it as more of its value: start it at "
		      "column 5, under \"r\"");
	/* Between two keys at one column, nearer another level. */
	expect_syntax("a:\n  - b: 1\n    c: 2\n   d: 3\n    e: 4\n", 4, 4,
		      "where the keys it belongs with have 4: YAML reads what belongs to what "
		      "from the indentation, so start it at column 5");
	/* A list's first item left of its key. */
	expect_syntax("a:\n  s:\n- x\n    - y\n", 3, 1,
		      "not right of \"s\" above, so it cannot start that key's list: put the "
		      "\"-\" at column 5");
	/* A list label before a key, where "- " goes. */
	expect_syntax("a:\n  l:\n    a) k: 1\n      c: 2\n", 3, 5,
		      "a \"a)\" list label starts this line");
	/* Text wrapped to column 1 with ": " in it. */
	expect_syntax("a:\n  - s: one two\nthree four: five\n    l: x\n", 3, 1,
		      "its \": \" makes YAML read a key there: indent it to column 6 or more and "
		      "put the whole text in quotes");
	/* A map's first key moved right of the keys below it. */
	expect_syntax("a: 1\ns:\n    c: 1\n  o: 2\n  e: 3\n", 3, 5,
		      "\"c\" is indented 4 spaces where the keys below it that it belongs with "
		      "have 2");
	/* The line where libyaml stops moved right alone: its own slip still. */
	expect_syntax("a:\n  b: 1\nc: 2\n  d: 3\ne: 4\n", 4, 3, "\"d\" is indented 2 spaces");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_positions_crlf),
		cmocka_unit_test(test_positions_flow_and_multibyte),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_utf16le),
		cmocka_unit_test(test_utf16be),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_encoding_errors),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_long_key),
		cmocka_unit_test(test_duplicate_key_hashed),
		cmocka_unit_test(test_big_map),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_depth_limit_block),
		cmocka_unit_test(test_depth_bomb),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_control_character),
		cmocka_unit_test(test_tab_indentation),
		cmocka_unit_test(test_slip_moved_left),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_null_forms),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_escaped_nul),
		cmocka_unit_test(test_non_string_key),
		cmocka_unit_test(test_empty_collections),
		cmocka_unit_test(test_get_and_names),
		cmocka_unit_test(test_null_diags_and_file),
		cmocka_unit_test(test_big_scalar),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_slip_warnings),
		cmocka_unit_test(test_slip_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
