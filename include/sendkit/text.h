/* sendkit/text.h: turning what Word, Excel and Notepad save into UTF-8, and
 * "did you mean" for a word typed wrong.
 *
 * Ownership: *out buffers are the caller's (free()). */
#ifndef SENDKIT_TEXT_H
#define SENDKIT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/common.h"
#include "sendkit/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_encoding {
	SK_ENC_UTF8 = 0,     /* plain UTF-8 (ASCII included) */
	SK_ENC_UTF8_BOM,     /* UTF-8 with a byte order mark, which is dropped */
	SK_ENC_UTF16LE,      /* UTF-16 with a byte order mark */
	SK_ENC_UTF16BE,
	SK_ENC_CP1252        /* no UTF-8 character of two or more bytes, and not
			      * valid UTF-8: read as Windows-1252 */
} sk_encoding;

/* A name for messages: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252". */
SK_API const char *sk_encoding_name(sk_encoding enc);

/* Decodes a whole file's bytes into NUL-terminated UTF-8 without a BOM.
 * Line ends are kept as they are (CRLF included). When the input is UTF-16
 * or Windows-1252 one note (rule "encoding") says what was assumed; a UTF-8
 * BOM is normal and gets none. Text with UTF-8 characters of two or more
 * bytes is UTF-8 even when a few bytes are not: each of those becomes U+FFFD
 * with an error (rule "encoding") at its line and column, and SK_OK.
 * An input that cannot be decoded (odd-length
 * or unpaired UTF-16, a NUL byte) is an error (rule "encoding") and
 * SK_EINVAL. `enc` may be NULL. */
SK_API int sk_text_decode(char **out, size_t *out_len, sk_encoding *enc,
			  const char *in, size_t in_len,
			  const char *file, sk_diags *diags);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
SK_API bool sk_utf8_valid(const char *s, size_t len);

#ifdef SENDKIT_UNSTABLE_API
/* Not yet settled (libsendkit(3), Stability).
 * True when s is NULL or holds nothing to read: only white space, no-break
 * and other Unicode spaces, or invisible characters (U+200B to U+200D,
 * U+2060, U+FEFF, a soft hyphen). The one "blank" of action-lint's
 * missing-field, review-score's actions without an owner and nutshell's
 * "missing". */
SK_API bool sk_text_is_blank(const char *s);
#endif /* SENDKIT_UNSTABLE_API */

/* Converts Windows-1252 bytes to NUL-terminated UTF-8 (bytes that 1252 leaves
 * undefined become U+FFFD). */
SK_API int sk_cp1252_to_utf8(char **out, size_t *out_len, const char *in, size_t in_len);

/* The candidate closest to `word` by edit distance, ignoring case (a swap of
 * neighbours is one edit), when it is close enough to be a likely typo: at
 * most a third of the word's length in edits, and one edit at least, so
 * "Lead" gives "lead" and "timscale" "timescale"; NULL otherwise. Returns one
 * of `candidates`. */
SK_API const char *sk_text_did_you_mean(const char *word, const char *const *candidates,
				   size_t count);

#ifdef __cplusplus
}
#endif
#endif
