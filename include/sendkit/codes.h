/* sendkit/codes.h: DfE school census codes for SEN provision and primary need,
 * their labels, and the four broad areas of need (SEND Code of Practice 2015,
 * 6.28-6.35) plus "unclassified". Everything returned is static storage. */
#ifndef SENDKIT_CODES_H
#define SENDKIT_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "sendkit/common.h"
#include "sendkit/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_provision {
	SK_PROV_N = 0,   /* no special educational need */
	SK_PROV_K,       /* SEN support */
	SK_PROV_E,       /* EHC plan */
	SK_PROV_COUNT
} sk_provision;

/* The order of the census summary's need_* columns (sendkit-census(5)).
 * The values above keep their numbers. When DfE adds a need code it comes
 * after SK_NEED_NSA, so SK_NEED_UNKNOWN and SK_NEED_COUNT move: they, and
 * every struct with an array sized by them, are not yet stable
 * (SENDKIT_UNSTABLE_API; libsendkit(3), Stability). sk_need_count() is the
 * stable way to the number of needs. */
typedef enum sk_need {
	SK_NEED_SPLD = 0, SK_NEED_MLD, SK_NEED_SLD, SK_NEED_PMLD,
	SK_NEED_SLCN, SK_NEED_ASD, SK_NEED_SEMH,
	SK_NEED_HI, SK_NEED_VI, SK_NEED_MSI, SK_NEED_PD,
	SK_NEED_OTH, SK_NEED_NSA,
#ifdef SENDKIT_UNSTABLE_API
	SK_NEED_UNKNOWN,           /* a value that is none of the above */
	SK_NEED_COUNT
#endif
} sk_need;

/* The number of sk_need values of the library that runs (SK_NEED_COUNT of
 * the release): 0 to sk_need_count() - 1, the last of them "unknown". */
SK_API size_t sk_need_count(void);

/* The order of the census summary's broad-area columns. */
typedef enum sk_broad_area {
	SK_BROAD_COGNITION = 0,    /* cognition_and_learning */
	SK_BROAD_COMMUNICATION,    /* communication_and_interaction */
	SK_BROAD_SEMH,             /* social_emotional_mental_health */
	SK_BROAD_SENSORY,          /* sensory_and_physical */
	SK_BROAD_UNCLASSIFIED,     /* unclassified (OTH, NSA, unknown) */
	SK_BROAD_COUNT
} sk_broad_area;

/* Values that are not today's codes but are read as one, which callers
 * warn (legacy codes) or note (Monitoring) about. */
typedef enum sk_provision_legacy {
	SK_LEGACY_NONE = 0,
	SK_LEGACY_STATEMENT,       /* S: read as E */
	SK_LEGACY_SCHOOL_ACTION,   /* A or P: read as K */
	SK_LEGACY_MONITORING       /* "Monitoring" (SIMS's M): not SEN provision, read as N */
} sk_provision_legacy;

/* Reads a provision code from s[0..len): a code (N K E S A P, any case),
 * the words people type ("SEN Support", "EHC Plan", "EHCP", "Statement",
 * "No SEN", "School Action Plus", "Monitoring"...), or a code and its label
 * as information systems export them ("K - SEN Support", "SEN Support (K)",
 * "E – Education, Health and Care Plan"), ignoring case, spaces and
 * punctuation. A code and a label that disagree ("K - EHC Plan") are unknown.
 * Returns SK_OK or SK_EINVAL (empty or unknown). `legacy` may be NULL. */
SK_API int sk_provision_parse(sk_provision *out, sk_provision_legacy *legacy,
			      const char *s, size_t len);
SK_API const char *sk_provision_code(sk_provision p);   /* "K" */
SK_API const char *sk_provision_label(sk_provision p);  /* "SEN support" */

/* Reads a need from a code (SPLD, SpLD...), DfE's published label or an
 * information system's, in any case and spacing ("Speech, Language and
 * Communications needs", "Multi- Sensory Impairment", "Autism"), or a code
 * and its label that agree ("ASD - Autistic Spectrum Disorder",
 * "Specific Learning Difficulty (SpLD)"). Returns SK_OK, or SK_EINVAL with
 * *out = SK_NEED_UNKNOWN (sk_need_count() - 1) for anything else (empty
 * included). */
SK_API int sk_need_parse(sk_need *out, const char *s, size_t len);
SK_API const char *sk_need_code(sk_need n);    /* "SPLD"; "UNKNOWN" */
SK_API const char *sk_need_key(sk_need n);     /* "spld": column suffix */
SK_API const char *sk_need_label(sk_need n);   /* "Specific learning difficulty" */
/* The one name a page gives a need, at most 39 characters: DfE's label, or
 * a shorter form of it ("Profound & multiple learning difficulty"). */
SK_API const char *sk_need_short_label(sk_need n);
SK_API sk_broad_area sk_need_broad_area(sk_need n);

SK_API const char *sk_broad_area_key(sk_broad_area a);   /* "cognition_and_learning" */
SK_API const char *sk_broad_area_label(sk_broad_area a); /* "Cognition and learning" */

/* A trust's own labels for provision and needs, for what the forms above do
 * not read: a CSV file with the columns `label` and `code` (by name, in any
 * order, others ignored), each code N, K, E or a need code (sendkit-census(5)).
 * Labels are matched ignoring case, spaces and punctuation. The caller owns
 * an sk_codes (sk_codes_free); lookups only read it, from any thread. */
typedef struct sk_codes sk_codes;

SK_API sk_codes *sk_codes_new(void);
SK_API void sk_codes_free(sk_codes *codes);

/* Adds the labels of a codes file, read as sendkit-census(5) says of other
 * CSV files (UTF-16 refused). Rules: codes-header (error: no label or code
 * column), codes-row (error: a row without a label or a code, a code that is
 * not one, a label given twice with different codes or that the built-in
 * forms read as another code), no-rows (warning). Returns SK_OK, SK_EINVAL
 * when any error was reported (nothing of the file is kept) or SK_ENOMEM. */
SK_API int sk_codes_read(sk_codes *codes, const char *bytes, size_t len, const char *file,
			 sk_diags *diags);

/* sk_provision_parse, then the labels of `codes` (may be NULL), read as
 * today's codes (legacy SK_LEGACY_NONE). */
SK_API int sk_codes_provision(sk_provision *out, sk_provision_legacy *legacy,
			      const sk_codes *codes, const char *s, size_t len);
/* sk_need_parse, then the labels of `codes` (may be NULL). */
SK_API int sk_codes_need(sk_need *out, const sk_codes *codes, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
