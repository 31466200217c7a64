/* sendkit/sendkit.h: the whole public API of libsendkit.
 *
 * Conventions (libsendkit(3), CONVENTIONS): functions are sk_<module>_<verb>,
 * declared in their module's header; they return 0 (SK_OK) or a negative
 * SK_E* code and put details in an sk_diags list the caller owns.
 * Out-parameters come first, named out; what comes back through **out is the
 * caller's to free with the matching _free (which accepts NULL); _at and
 * _find return borrowed pointers. The library never prints, never exits and
 * never reads the clock or the environment.
 *
 * Stability (libsendkit(3), Stability): what is declared here keeps its
 * source and binary interface within libsendkit.so.0; what is declared only
 * when SENDKIT_UNSTABLE_API is defined (sized by codes DfE adds to) may
 * change in any release. */
#ifndef SENDKIT_SENDKIT_H
#define SENDKIT_SENDKIT_H

#include "sendkit/version.h"
#include "sendkit/common.h"
#include "sendkit/diag.h"
#include "sendkit/text.h"
#include "sendkit/escape.h"
#include "sendkit/yaml.h"
#include "sendkit/codes.h"
#include "sendkit/area.h"
#include "sendkit/money.h"
#include "sendkit/pct.h"
#include "sendkit/when.h"
#include "sendkit/model.h"
#include "sendkit/strategy.h"
#include "sendkit/review.h"
#include "sendkit/table.h"
#include "sendkit/score.h"
#include "sendkit/lint.h"
#include "sendkit/summary.h"
#include "sendkit/national.h"
#include "sendkit/profile.h"
#include "sendkit/census.h"

#endif
