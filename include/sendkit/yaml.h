/* sendkit/yaml.h: a YAML document as a tree in which every node knows its place.
 *
 * libyaml does the parsing; this module adds what it leaves out: positions on
 * every key and value, duplicate-key detection, refusal of aliases (so an
 * alias bomb cannot eat memory), a bound on nesting depth, and decoding of
 * BOMs, UTF-16 and Windows-1252 (sendkit/text.h).
 *
 * Ownership: sk_ydoc_load gives the caller an sk_ydoc (sk_ydoc_free); every
 * node and string in it is owned by the document and borrowed by callers. */
#ifndef SENDKIT_YAML_H
#define SENDKIT_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/text.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Nesting deeper than this is refused (rule "yaml-limit"). */
#define SK_YAML_MAX_DEPTH 64

typedef enum sk_ynode_kind {
	SK_YSCALAR = 0,
	SK_YMAP,
	SK_YSEQ
} sk_ynode_kind;

typedef struct sk_ynode sk_ynode;

typedef struct sk_ypair {
	const sk_ynode *key;    /* always a scalar */
	const sk_ynode *value;
} sk_ypair;

struct sk_ynode {
	sk_ynode_kind kind;
	sk_pos pos;             /* where the node starts */
	/* SK_YSCALAR */
	const char *text;       /* NUL-terminated UTF-8; "" for an empty value */
	size_t len;
	bool quoted;            /* written in quotes or as a block scalar */
	bool is_null;           /* plain "", "~", "null", "Null" or "NULL" */
	/* SK_YMAP: pairs in file order, keys unique. SK_YSEQ: items in order. */
	size_t count;
	const sk_ypair *pairs;
	const sk_ynode *const *items;
};

typedef struct sk_ydoc sk_ydoc;

/* Parses one YAML document from raw file bytes (any encoding sk_text_decode
 * accepts). `file` is the display name used in diagnostics.
 *
 * Diagnostics (all with positions): "yaml-syntax" for libyaml's errors
 * (named by their cause, on its line, for the slips of hand-written YAML: no
 * space after a colon, a no-break space or bullet pasted from Word, a colon
 * inside a value, "-" alone as a value), "yaml-slip" (a warning where the
 * file parses but not as meant: a pasted bullet, a " #" that drops the rest
 * of a value as a comment),
 * "yaml-tab" (a tab in indentation), "duplicate-key" (error; the first value
 * is kept), "yaml-alias" (aliases are refused, never expanded; anchors are
 * ignored), "yaml-limit" (depth), "yaml-multiple-documents" (only the first
 * is read), "encoding" (see text.h), "yaml-non-string-key" (a key that is a
 * map or a sequence).
 *
 * Returns SK_OK with *out set, even when warnings were added; SK_EINVAL or
 * SK_ELIMIT with *out NULL when no usable tree could be built; SK_ENOMEM.
 * An empty document yields a tree whose root is a null scalar. */
SK_API int sk_ydoc_load(sk_ydoc **out, const char *bytes, size_t len,
			const char *file, sk_diags *diags);
SK_API void sk_ydoc_free(sk_ydoc *doc);

SK_API const sk_ynode *sk_ydoc_root(const sk_ydoc *doc);
/* The display name given to sk_ydoc_load (borrowed). */
SK_API const char *sk_ydoc_file(const sk_ydoc *doc);
/* The decoded UTF-8 text the tree was parsed from, for callers that look at
 * lines (comments, indentation). Borrowed. */
SK_API const char *sk_ydoc_text(size_t *out_len, const sk_ydoc *doc);
/* The encoding the bytes were read in. */
SK_API sk_encoding sk_ydoc_encoding(const sk_ydoc *doc);

/* The value under `key` in a map (exact match), or NULL (also when `map` is
 * NULL or not a map). */
SK_API const sk_ynode *sk_ynode_find(const sk_ynode *map, const char *key);

/* "a scalar", "a map" or "a list": for messages. */
SK_API const char *sk_ynode_kind_name(sk_ynode_kind kind);

#ifdef __cplusplus
}
#endif
#endif
