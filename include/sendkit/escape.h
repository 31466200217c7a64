/* sendkit/escape.h: the one set of escapes for text that came from a file
 * (a value, a name, a path) on its way into an output, so that it reads as
 * text wherever it lands: on a terminal no control character acts, in
 * Markdown no markup, link or HTML arises, in a spreadsheet no formula runs.
 * (JSON's escaping is sk_json_write_string's, in table.h.)
 *
 * Ownership: nothing is allocated; every function writes to the caller's stream. */
#ifndef SENDKIT_ESCAPE_H
#define SENDKIT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True for a code point that a terminal or a renderer acts on instead of
 * showing: the C0 controls, DEL, the C1 controls (U+0080-U+009F, U+009B is
 * CSI), the line and paragraph separators U+2028 and U+2029, and the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), which reorder what a reader sees. */
SK_API bool sk_escape_is_control(uint32_t cp);

/* Writes s[0..len) with each such character shown as an escape: \n, \r and
 * \t; \xNN for the other C0 controls and DEL; \uNNNN for the rest; and \xNN
 * for each byte that is not part of well-formed UTF-8. The first colon of
 * "::" is \x3a, so that no line can begin a GitHub Actions workflow command,
 * and the '[' of "#[" is \x5b, so that no line holds the older "##[command]"
 * form, which the runner finds anywhere in a line.
 * Everything else is written as it is. SK_OK or SK_EIO. */
SK_API int sk_escape_write_visible(FILE *out, const char *s, size_t len);
/* The width of that form in characters (a terminal column for each). */
SK_API size_t sk_escape_visible_width(const char *s, size_t len);

/* Writes s as Markdown text that CommonMark, GitHub's Markdown and
 * Python-Markdown all show as the same text: HTML's < > & as entities, the
 * characters of emphasis, code, links, tables and headings backslash-escaped,
 * a list or quote start at the beginning defused, bare web addresses kept
 * from becoming links (GitHub still makes a mail address a mailto: link of
 * the same text), line breaks as <br>, and every other
 * control character shown as sk_escape_write_visible shows it. SK_OK or SK_EIO. */
SK_API int sk_escape_write_markdown(FILE *out, const char *s);

/* True when a spreadsheet would read s as a formula (CWE-1236): after any
 * leading apostrophes it begins with = + - @, a tab or a carriage return,
 * and it is not a number (so "-1.5" stays a number). The CSV and TSV writers
 * put an apostrophe before such a cell (and quote it, in CSV), as OWASP
 * advises; sk_escape_formula_undo takes it off again. */
SK_API bool sk_escape_formula_risk(const char *s);
/* s as it was before the writer's apostrophe: s + 1 when s is "'" followed
 * by text at risk, else s itself. For any text t, undo(guard(t)) == t. */
SK_API const char *sk_escape_formula_undo(const char *s);

#ifdef __cplusplus
}
#endif
#endif
