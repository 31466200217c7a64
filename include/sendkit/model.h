/* sendkit/model.h: the pieces the strategy and review models are made of:
 * values that remember where in the file they were written. */
#ifndef SENDKIT_MODEL_H
#define SENDKIT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/common.h"
#include "sendkit/when.h"
#include "sendkit/yaml.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A string from the file. `s` is NULL when the key was absent or null. */
typedef struct sk_text {
	const char *s;
	sk_pos pos;
} sk_text;

/* A list of strings; `pos` is the list's own place (or its key's when it is
 * not a list); present is false when the key was absent. A lone string is a
 * one-item list; empty items are left out. */
typedef struct sk_text_list {
	const sk_text *items;
	size_t count;
	sk_pos pos;
	bool present;
} sk_text_list;

/* A whole number (a count of pupils). valid is false when present but not a
 * whole number; negative values are kept (checking them is the caller's). */
typedef struct sk_count {
	int64_t value;
	sk_pos pos;
	bool present;
	bool valid;
} sk_count;

/* Money: the text as written and, when it parses, its value in pence. */
typedef struct sk_amount {
	sk_text text;
	int64_t pence;
	bool valid;
} sk_amount;

/* A "when" (sendkit/when.h): the text as written and what was read from it;
 * when.kind is SK_WHEN_NONE for free text or an absent value. */
typedef struct sk_timed {
	sk_text text;
	sk_when when;
} sk_timed;

/* What a file says it is, from its top-level `sendkit:` key. */
typedef enum sk_file_kind {
	SK_FILE_UNKNOWN = 0,   /* no `sendkit:` key, or the root is not a map */
	SK_FILE_STRATEGY,
	SK_FILE_REVIEW,
	SK_FILE_OTHER          /* `sendkit:` with a value that is neither */
} sk_file_kind;

SK_API sk_file_kind sk_file_kind_of(const sk_ynode *root);

#ifdef __cplusplus
}
#endif
#endif
