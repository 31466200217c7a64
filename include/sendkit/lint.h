/* sendkit/lint.h: action-lint's rule engine, for the command and for CI tools
 * that embed it: completeness and consistency checks over strategy and review
 * files, a table of named rules with default severities, severity overrides
 * (.action-lint.yaml) and "# action-lint: disable=RULE" comments. Findings go
 * into an sk_diags list; printing them is the caller's.
 *
 * Ownership: sk_lint_config_new and sk_lint_new give the caller handles
 * (free with the matching _free); the rule table is static; sk_lint copies
 * what it keeps from each file. */
#ifndef SENDKIT_LINT_H
#define SENDKIT_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/review.h"
#include "sendkit/strategy.h"
#include "sendkit/when.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One rule: every diagnostic the engine gives names one of these. */
typedef struct sk_lint_rule {
	const char *name;          /* kebab-case, e.g. "budget-mismatch" */
	sk_severity severity;      /* the default */
	const char *description;   /* one line, lowercase, no full stop */
} sk_lint_rule;

SK_API size_t sk_lint_rule_count(void);
/* Rule `index` (0 to count-1, in a stable order), or NULL. */
SK_API const sk_lint_rule *sk_lint_rule_at(size_t index);
/* The index of the rule named `name` (exact): SK_OK, or SK_EINVAL (*out
 * unchanged). */
SK_API int sk_lint_rule_find(size_t *out, const char *name);

/* What a configuration does to a rule. */
typedef enum sk_lint_level {
	SK_LINT_DEFAULT = 0,   /* the severity the finding came with */
	SK_LINT_OFF,
	SK_LINT_WARNING,
	SK_LINT_ERROR
} sk_lint_level;

/* Severities per rule, as a .action-lint.yaml sets them. */
typedef struct sk_lint_config sk_lint_config;

SK_API sk_lint_config *sk_lint_config_new(void);
SK_API void sk_lint_config_free(sk_lint_config *config);
/* SK_OK, or SK_EINVAL when no rule has that name. */
SK_API int sk_lint_config_set(sk_lint_config *config, const char *rule, sk_lint_level level);
/* The level set for rule `index`; SK_LINT_DEFAULT for a NULL config. */
SK_API sk_lint_level sk_lint_config_get(const sk_lint_config *config, size_t index);
/* Reads a .action-lint.yaml into `config`:
 *     rules:
 *       vague-timescale: off        # error | warning | off
 * Problems go to `diags` under `file`: YAML errors, "unknown-rule" (with
 * "did you mean"), "bad-config" (a wrong shape or level), "unknown-key".
 * Returns SK_OK (the usable settings were applied), SK_EINVAL when the text
 * is not YAML at all, or SK_ENOMEM. */
SK_API int sk_lint_config_read(sk_lint_config *config, const char *bytes, size_t len,
			       const char *file, sk_diags *diags);

/* Options are versioned (libsendkit(3), Stability): set them with
 * SK_LINT_OPTIONS_INIT or sk_lint_options_init, then change fields. */
#define SK_LINT_OPTIONS_VERSION 1

typedef struct sk_lint_options {
	unsigned version;          /* SK_LINT_OPTIONS_VERSION */
	/* "Today" for impact-missing and overdue-action; {0} skips them. */
	sk_date as_of;
} sk_lint_options;

/* The defaults (no as_of), as a static initialiser and as a function. */
#define SK_LINT_OPTIONS_INIT {SK_LINT_OPTIONS_VERSION, {0, 0, 0}}
/* Fills *out with the defaults of options `version`: SK_OK, or SK_EINVAL
 * (nothing written) for a version this library does not know. */
SK_API int sk_lint_options_init(sk_lint_options *out, unsigned version);

/* The semantic checks over a decoded strategy or review (the decoders'
 * own findings are not repeated), at default severities, with no
 * suppression: for tools that already hold a model. Options NULL: the
 * defaults. SK_OK, SK_EINVAL (options of an unknown version) or SK_ENOMEM. */
SK_API int sk_lint_strategy(const sk_strategy *strategy, const sk_lint_options *options,
			    sk_diags *diags);
SK_API int sk_lint_review(const sk_review *review, const sk_lint_options *options,
			  sk_diags *diags);

/* A run over a set of files: each file on its own, then the set. */
typedef struct sk_lint sk_lint;

/* Options NULL: the defaults. SK_OK, SK_EINVAL (options of an unknown
 * version) or SK_ENOMEM, with *out NULL. */
SK_API int sk_lint_new(sk_lint **out, const sk_lint_options *options);
SK_API void sk_lint_free(sk_lint *lint);

/* Checks one file's raw bytes with every rule: YAML, the model, the
 * semantic checks. Findings silenced by a disable comment in the file or
 * turned off by `config` (NULL: defaults) are dropped; the others get the
 * configured severity and are added to `diags`. A finding that stands in for
 * others (a placeholder for what its value would be reported for, a
 * misspelt key for its missing required key) does so only when it is added
 * as an error; else those are added too. A file without a top-level
 * `sendkit:` key is one "not-sendkit" error. SK_OK or SK_ENOMEM. */
SK_API int sk_lint_file(sk_lint *lint, const char *bytes, size_t len, const char *file,
			const sk_lint_config *config, sk_diags *diags);

/* The checks over every file given so far ("duplicate-school"). Call once,
 * after the last sk_lint_file. SK_OK or SK_ENOMEM. */
SK_API int sk_lint_finish(sk_lint *lint, sk_diags *diags);

#ifdef SENDKIT_UNSTABLE_API
/* Not yet stable (libsendkit(3), Stability): new with the hub pages. */
/* A file's school and what the file is for (a strategy's first year, a
 * review's day as yyyymmdd), for finding a second file of the same. */
typedef struct sk_lint_school_key {
	const char *urn;          /* NULL: compared with none */
	int64_t when;
} sk_lint_school_key;

/* The check behind "duplicate-school", hashed, for every caller that keeps
 * one file per school and period (nutshell's hub pages too): out[j] (out
 * has count elements) is 1 + the index of the first key before j with key
 * j's URN and when, or 0 when there is none. SK_OK or SK_ENOMEM (also when
 * count does not fit the index: 2^32 keys or more). */
SK_API int sk_lint_find_same(size_t *out, const sk_lint_school_key *keys, size_t count);
#endif /* SENDKIT_UNSTABLE_API */

/* How many files sk_lint_file has checked. */
SK_API size_t sk_lint_file_count(const sk_lint *lint);

/* True when `bytes` has a line starting "sendkit:", or a key that looks like
 * it ("Sendkit:", "sendkt:", "sendkit :", so that the slip is reported), in
 * UTF-8 or UTF-16 with a byte order mark: the cheap test that picks sendkit
 * files out of a folder before parsing. */
SK_API bool sk_lint_is_candidate(const char *bytes, size_t len);

#ifdef __cplusplus
}
#endif
#endif
