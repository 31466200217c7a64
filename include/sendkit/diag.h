/* sendkit/diag.h: diagnostics, the records the library fills instead of printing.
 *
 * Ownership: an sk_diags list is the caller's (sk_diags_new/sk_diags_free);
 * it copies every string given to it; sk_diags_at returns borrowed pointers
 * valid until the list is changed or freed. */
#ifndef SENDKIT_DIAG_H
#define SENDKIT_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_severity {
	SK_NOTE = 0,     /* what was assumed (an encoding, a legacy code) */
	SK_WARNING = 1,  /* suspicious, but the result stands */
	SK_ERROR = 2     /* wrong: the item was skipped or the value is unusable */
} sk_severity;

typedef struct sk_diag {
	const char *file;     /* display name, "<stdin>" for standard input */
	sk_pos pos;           /* {0,0} when the problem is about the whole file */
	sk_severity severity;
	const char *rule;     /* stable kebab-case name, e.g. "unknown-key" */
	const char *message;  /* one sentence, no trailing full stop */
} sk_diag;

typedef struct sk_diags sk_diags;

SK_API sk_diags *sk_diags_new(void);
SK_API void sk_diags_free(sk_diags *diags);

/* Adds a record. Returns SK_OK or SK_ENOMEM (the list is unchanged then). */
SK_API int sk_diags_add(sk_diags *diags, const char *file, sk_pos pos,
			sk_severity severity, const char *rule, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
SK_API int sk_diags_vadd(sk_diags *diags, const char *file, sk_pos pos,
			 sk_severity severity, const char *rule, const char *fmt,
			 va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 0)))
#endif
	;

SK_API size_t sk_diags_count(const sk_diags *diags);
SK_API size_t sk_diags_count_severity(const sk_diags *diags, sk_severity severity);
SK_API const sk_diag *sk_diags_at(const sk_diags *diags, size_t index);

/* Sorts by file, line, column, then insertion order (stable). */
SK_API void sk_diags_sort(sk_diags *diags);
/* Removes every record. */
SK_API void sk_diags_clear(sk_diags *diags);
/* Removes record `index`, keeping the order of the others. */
SK_API void sk_diags_remove(sk_diags *diags, size_t index);

/* "error", "warning" or "note". */
SK_API const char *sk_severity_name(sk_severity severity);

#ifdef __cplusplus
}
#endif
#endif
