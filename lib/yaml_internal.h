/* yaml_internal.h: yaml_slips.c, the slips of hand-written YAML that yaml.c
 * names in place of libyaml's own words. */
#ifndef SENDKIT_YAML_INTERNAL_H
#define SENDKIT_YAML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/diag.h"

/* Adds one "yaml-syntax" error naming the slip that made libyaml stop at
 * `err` with `problem` (its words; may be NULL), on the slip's own line: SK_OK,
 * or SK_EINVAL when no slip is recognised (nothing added), or SK_ENOMEM. */
int sk_yaml__explain(sk_diags *diags, const char *file, const char *text, size_t len,
		     sk_pos err, const char *problem);

/* Adds a "yaml-slip" warning for each line YAML reads otherwise than meant: a
 * pasted bullet or no-break space, a "#" that drops the rest of a value. For
 * text that parsed. SK_OK or SK_ENOMEM. */
int sk_yaml__warn_slips(sk_diags *diags, const char *file, const char *text, size_t len);

/* Whether a block list's "- " is at `pos` of text[0..len) (a node starting
 * there is a block list, not a flow one, "[a]"). */
bool sk_yaml__block_dash_at(const char *text, size_t len, sk_pos pos);

/* The "[" or "{" that opens a list or map written in brackets at pos
 * (a value "{see plan}" meant as text), or 0. */
char sk_yaml__flow_at(const char *text, size_t len, sk_pos pos);

/* The bytes of a character at s[0..n) that cannot be seen for what it is (a
 * space of another kind, a zero-width space, a byte order mark, a soft
 * hyphen, a line separator) and its code point in *code, or 0. */
size_t sk_yaml__invisible_at(const char *s, size_t n, unsigned *code);
/* Such a character as a message names it: its Unicode name in lower case,
 * after "a", "an" or "an invisible" ("a narrow no-break space"). */
const char *sk_yaml__char_words(unsigned code);
/* Whether such a character shows as a space (the others show as nothing). */
bool sk_yaml__char_is_space(unsigned code);

/* Where libyaml's line and column (from 0) are for an editor, which does not
 * end a line at NEL, U+2028 or U+2029 as libyaml does. */
typedef struct sk_yaml__lines {
	struct sk_yaml__break *at;
	size_t n;
} sk_yaml__lines;
/* Finds text[0..len)'s such breaks: SK_OK or SK_ENOMEM. */
int sk_yaml__lines_init(sk_yaml__lines *lines, const char *text, size_t len);
sk_pos sk_yaml__lines_pos(const sk_yaml__lines *lines, size_t line, size_t col);
void sk_yaml__lines_free(sk_yaml__lines *lines);

/* What a file saved where the YAML should be is, by its bytes ("a Word
 * document (.docx)", "a PDF"), or NULL when it is none such. */
const char *sk_yaml__document_kind(const char *bytes, size_t len);

#endif
