/* text_internal.h: helpers of text.c shared with the other parsers. */
#ifndef SENDKIT_TEXT_INTERNAL_H
#define SENDKIT_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/common.h"
#include "sendkit/diag.h"

/* The 1-based line and column (in UTF-8 characters) of byte `off` of
 * s[0..off]. Lines end at "\n", "\r\n" or a lone "\r", as in libyaml. */
sk_pos sk_text__pos_at(const char *s, size_t off);

/* The byte offset where 1-based `line` starts in s[0..len), or len when the
 * text has fewer lines. Same line ends as sk_text__pos_at. */
size_t sk_text__line_start(const char *s, size_t len, unsigned line);

/* One character of s[0..len) (len > 0): returns its length in bytes and
 * sets *cp to its code point, or to SK_TEXT__BAD for a byte that does not
 * begin well-formed UTF-8 (length 1). */
#define SK_TEXT__BAD UINT32_MAX
size_t sk_text__next(const char *s, size_t len, uint32_t *cp);

/* An error (rule "encoding") at the first NUL byte of s[0..len), and
 * SK_EINVAL; SK_OK when there is none. */
int sk_text__refuse_nul(const char *s, size_t len, const char *file, sk_diags *diags);

/* v in decimal, "-" before a negative one, with a NUL after it, as
 * snprintf's "%" PRId64 writes it (without its cost per call: the census
 * summary writes hundreds of thousands of numbers). Returns the length. */
#define SK_TEXT__INT_MAX 21   /* "-9223372036854775808" and its NUL */
size_t sk_text__int(char buf[SK_TEXT__INT_MAX], int64_t v);

/* The bytes of a bullet at the start of s[0..n) ("\u2022" and the marks Word
 * pastes; an arrow, a tick or "\u00a7" only with a space or a tab after it)
 * or, with `dashes`, of an en or em dash too; 0 when none. */
size_t sk_text__bullet_at(const char *s, size_t n, bool dashes);

/* A pasted mark s[0..n) as a message quotes it, in out (NUL-terminated):
 * the mark itself, or "<U+F0B7>" for one of Word's Symbol and Wingdings
 * bullets, private-use characters that show as a box or nothing. Returns
 * whether it was one of those. */
#define SK_TEXT__MARK_MAX 16
bool sk_text__mark_shown(char out[SK_TEXT__MARK_MAX], const char *s, size_t n);

/* The bytes of the mark that starts a line of a list pasted from Word or
 * typed without YAML's "- ": a bullet, a list number ("1.", "12)") and a
 * space, or a "-" with a letter after it ("-Warm"); or, *weak set, a mark
 * that is one only when lines start with it, twice or more (an en or em
 * dash, "o", "+", "a)", "A.", "iv.", "(1)", "(b)" and a space or a tab:
 * one such line may be prose, "a) the plan"); 0 when none. */
size_t sk_text__item_mark_at(const char *s, size_t n, bool *weak);
/* The edit distance between a[0..n) and b[0..m), ignoring case, a swap of
 * neighbours one edit (sk_text_did_you_mean's); SIZE_MAX past 64 bytes. */
size_t sk_text__distance(const char *a, size_t n, const char *b, size_t m);
/* Whether s starts with a list's label ("3.", "c)", "(iv)", "(2)"): its rank
 * read as letters (*letter, "c" 3, 0 for more than one letter) and as a roman
 * number (*roman, "iv" 4, 0 when not one); *digits when a number, both then
 * its value. */
bool sk_text__label_rank(const char *s, size_t n, unsigned *letter, unsigned *roman,
			 bool *digits);
/* The bytes of a list number at s ("1." or "12)", as Word's numbered lists
 * paste), whatever follows it, or 0. */
size_t sk_text__number_at(const char *s, size_t n);

/* A mark pasted at the start of a text as a list's bullet: a bullet, or a
 * dash ("-", "*", en, em) and a space. Returns the bytes of the mark and the
 * spaces after it, what sendkit leaves off (*mark: the mark's own bytes),
 * or 0 when there is none, it is the whole text or the text has lines. */
size_t sk_text__pasted_mark(const char *s, size_t n, size_t *mark);

#endif
