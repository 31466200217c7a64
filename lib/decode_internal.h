/* decode_internal.h: the machinery the strategy and review decoders share.
 *
 * A model (sk_strategy, sk_review) lives in one allocation with an arena that
 * owns every string and array it points to. A decoder walks the YAML tree
 * through sk_decode__map "visitors": opening a map checks its keys against a
 * schema (unknown keys, with "did you mean"), and each fetch reports a missing
 * required key at the map's position and a value of the wrong type at the
 * value, so one pass collects every problem. */
#ifndef SENDKIT_DECODE_INTERNAL_H
#define SENDKIT_DECODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "mem_internal.h"
#include "sendkit/area.h"
#include "sendkit/diag.h"
#include "sendkit/model.h"
#include "sendkit/review.h"
#include "sendkit/strategy.h"
#include "sendkit/yaml.h"

/* Findings another finding stands in for (a missing required key, for the
 * misspelt key meant to be it; what a placeholder value would be reported
 * for), kept aside by action-lint's engine: it says each when the one
 * standing in for it is off, silenced or less than an error, so that turning
 * one rule down never passes a value that cannot be read. */
typedef struct sk_decode__standing {
	sk_pos pos;            /* where the finding standing in is */
	const char *rule;      /* its rule, a static string */
} sk_decode__standing;

typedef struct sk_decode__stood {
	sk_diags *diags;               /* the findings stood in for */
	sk_decode__standing *by;       /* for each, the one standing in for it */
	size_t cap;
} sk_decode__stood;

/* Keeps `d` aside, stood in for by the finding of `rule` at `by`. SK_OK or
 * SK_ENOMEM. */
int sk_decode__stand_in(sk_decode__stood *s, const sk_diag *d, sk_pos by, const char *rule);

typedef struct sk_decode__ctx {
	sk_arena *arena;
	sk_diags *diags;
	const char *file;      /* owned by the arena */
	const char *text;      /* the document's text, borrowed */
	size_t text_len;
	int year_start;        /* the academic year a term alone falls in; 0 when unknown */
	bool year_unknown;     /* the file's year could not be read, and that was reported */
	int err;               /* SK_ENOMEM once anything could not be allocated */
	sk_decode__stood *stood;   /* NULL: what is stood in for is not kept */
	unsigned seek_line;    /* the line breaks before seek_off, a line's */
	size_t seek_off;       /* start: each_text_line seeks from there */
} sk_decode__ctx;

/* A copy of `len` bytes of `s` in the arena, NUL-terminated. */
const char *sk_decode__strdup(sk_decode__ctx *ctx, const char *s, size_t len);

enum { SK_DECODE__OPTIONAL = 0, SK_DECODE__REQUIRED = 1 };

typedef struct sk_decode__key {
	const char *name;
	int required;
} sk_decode__key;

struct sk_decode__nest;

/* The keys a map may have, and how messages name the map ("this action",
 * "\"school\""); the maps it holds under its keys, whose keys written at its
 * indentation are named as theirs. */
typedef struct sk_decode__schema {
	const char *what;
	const sk_decode__key *keys;
	size_t count;
	const struct sk_decode__nest *nests;
	size_t nest_count;
} sk_decode__schema;

typedef struct sk_decode__nest {
	const char *key;
	const sk_decode__schema *schema;
} sk_decode__nest;

#define SK_DECODE__SCHEMA(what, keys) {(what), (keys), sizeof(keys) / sizeof((keys)[0]), NULL, 0}
#define SK_DECODE__SCHEMA_NESTS(what, keys, nests) \
	{(what), (keys), sizeof(keys) / sizeof((keys)[0]), (nests), sizeof(nests) / sizeof((nests)[0])}

/* A map being decoded. node is NULL when there is nothing to read (absent,
 * empty or of the wrong type, already reported): every fetch from such a map
 * quietly returns an absent value. */
typedef struct sk_decode__map {
	sk_decode__ctx *ctx;
	const sk_ynode *node;
	const sk_decode__schema *schema;
	sk_pos pos;            /* where a missing key is reported */
	const struct sk_decode__map *parent;   /* the map it is under, or NULL */
} sk_decode__map;

/* How strict a "when" field is. */
typedef enum sk_decode__when_rule {
	SK_DECODE__FREE_TEXT,  /* free text is fine; only an impossible date is bad-date */
	SK_DECODE__WHEN,       /* anything sk_when_parse reads, recurring words included */
	SK_DECODE__DAY         /* must name a date */
} sk_decode__when_rule;

/* Decodes the model's fields from the root map; the model is zeroed. */
typedef void (*sk_decode__root_fn)(sk_decode__map *root, void *model);
/* Decodes one item of a list of maps into `item` (zeroed). */
typedef void (*sk_decode__item_fn)(sk_decode__map *map, void *item);

typedef struct sk_decode__model {
	sk_file_kind kind;
	const char *name;      /* "strategy": for messages */
	size_t size;
	const sk_decode__schema *root;
	sk_decode__root_fn decode;
} sk_decode__model;

/* Checks `sendkit:`, allocates the model and runs spec->decode. Returns as
 * sk_strategy_decode does. `stood` (or NULL) keeps what is stood in for. */
int sk_decode__run(void **out, const sk_decode__model *spec, const sk_ydoc *doc,
		   sk_diags *diags, sk_decode__stood *stood);
/* sk_strategy_decode and sk_review_decode, keeping what is stood in for in
 * `stood` (action-lint's engine). */
int sk_strategy__decode(sk_strategy **out, const sk_ydoc *doc, sk_diags *diags,
			sk_decode__stood *stood);
int sk_review__decode(sk_review **out, const sk_ydoc *doc, sk_diags *diags,
		      sk_decode__stood *stood);
/* sk_ydoc_load, sk_decode__run, sk_ydoc_free. */
int sk_decode__load(void **out, const sk_decode__model *spec, const char *bytes,
		    size_t len, const char *file, sk_diags *diags);
/* Frees a model made by sk_decode__run with everything it owns; NULL is fine. */
void sk_decode__free(void *model);

/* Opens `node`, the value of `key`, as a map: false when it is not one
 * (reported as wrong-type unless it is absent or empty); reports its
 * unknown keys. Missing keys will be reported at `pos`. */
bool sk_decode__open(sk_decode__map *out, sk_decode__ctx *ctx, const sk_ynode *node,
		     sk_pos pos, const char *key, const sk_decode__schema *schema);
/* The same for a map under `parent`, whose keys written at its indentation
 * are named as the parent's. */
bool sk_decode__open_under(sk_decode__map *out, const sk_decode__map *parent,
			   const sk_ynode *node, sk_pos pos, const char *key,
			   const sk_decode__schema *schema);
/* Opens the map under `key`, missing ones reported at `m`; true when the key
 * is there (even empty or of the wrong type). out->pos is the key's. */
bool sk_decode__child(sk_decode__map *out, sk_decode__map *m, const char *key,
		      const sk_decode__schema *schema);
/* The pair for `key`, or NULL (reported when the key is required). */
const sk_ypair *sk_decode__pair(sk_decode__map *m, const char *key);
/* Whether `key` is there with a value that is not null. */
bool sk_decode__has(const sk_decode__map *m, const char *key);

sk_text sk_decode__text(sk_decode__map *m, const char *key);
sk_count sk_decode__count(sk_decode__map *m, const char *key);
sk_amount sk_decode__amount(sk_decode__map *m, const char *key);
sk_timed sk_decode__timed(sk_decode__map *m, const char *key, sk_decode__when_rule rule);
/* A list of text; a lone scalar is a one-item list; null items are left out. */
sk_text_list sk_decode__list(sk_decode__map *m, const char *key);
/* A list of maps under `key`, each decoded by `fn` into an array of `size`
 * byte items; *pos is the key's place, *present whether it is there (both
 * may be NULL). */
void *sk_decode__maps(sk_decode__map *m, const char *key, const sk_decode__schema *schema,
		      size_t size, sk_decode__item_fn fn, size_t *count, sk_pos *pos,
		      bool *present);

/* The `areas:` map of a strategy or a review, keyed by the five area keys. */
typedef struct sk_decode__areas {
	sk_decode__key keys[SK_AREA_COUNT];
	sk_decode__schema schema;
	sk_decode__map map;
} sk_decode__areas;

/* Opens `areas:` under the root, its area keys required or optional; true
 * when it is there. */
bool sk_decode__open_areas(sk_decode__areas *out, sk_decode__map *root, int required);

/* How much of `s` to quote in a message ("%.*s"): a few dozen bytes at
 * most, never half a character. */
int sk_decode__cut(const char *s);

/* A value as a message quotes it: `text` cut as sk_decode__cut cuts, each
 * invisible character written as <U+00A0>; `plain` the whole value without
 * them (a no-break space as a space, spaces at the ends trimmed), empty when
 * it is too long to hold; `first` the first invisible character, 0 if none. */
typedef struct sk_decode__shown {
	char text[160];
	char plain[96];
	unsigned first;
} sk_decode__shown;

void sk_decode__show(sk_decode__shown *out, const char *s);

/* "\u201c \u201d" or "\u2018 \u2019" when s starts or ends with that kind
 * of curly quote (quotes typed in Word), else NULL. */
const char *sk_decode__curly_quotes(const char *s);
/* The text inside the curly quotes Word put round s ("\u201c149876\u201d"),
 * in out; false when s does not both start and end with one, or the inside
 * does not fit. */
bool sk_decode__uncurl(char *out, size_t cap, const char *s);
/* The words for s in such quotes, after "is in curly quotes": the pair,
 * and what YAML does with them (one message for every kind of value). */
#define SK_DECODE__CURLY "is in curly quotes (%s, as Word writes them), which YAML takes as " \
	"part of the text: use straight quotes, as in \"%s\", or none"

/* Reports a value that only its invisible character makes wrong. */
void sk_decode__report_invisible(sk_decode__ctx *ctx, sk_pos pos, const char *rule,
				 const char *key, const sk_decode__shown *v);

/* Adds a diagnostic, noting SK_ENOMEM in ctx->err. */
void sk_decode__report(sk_decode__ctx *ctx, sk_pos pos, sk_severity severity,
		       const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* model.c: a key that looks like "sendkit" but is not (another case, a typo:
 * "Sendkit", "sendkt"), so that a file meant for sendkit is not passed over. */
bool sk_model__like_sendkit(const char *key, size_t len);
/* The first such key of the root map, or NULL. */
const sk_ynode *sk_model__sendkit_typo(const sk_ynode *root);
/* Adds the "not-sendkit" error for such a key: "not a sendkit `what`: ...". */
int sk_model__report_typo(sk_diags *diags, const char *file, const sk_ynode *key,
			  const char *what);

#endif
