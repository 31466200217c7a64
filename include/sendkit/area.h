/* sendkit/area.h: the five areas a strategy and a review are organised in,
 * in the template's order. Everything returned is static storage. */
#ifndef SENDKIT_AREA_H
#define SENDKIT_AREA_H

#include "sendkit/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sk_area {
	SK_AREA_LEADERSHIP = 0,        /* leadership */
	SK_AREA_IDENTIFICATION,        /* identification */
	SK_AREA_TRACKING,              /* tracking_and_monitoring */
	SK_AREA_TEACHING,              /* teaching_and_intervention */
	SK_AREA_PROVISION,             /* developing_provision */
	SK_AREA_COUNT
} sk_area;

SK_API const char *sk_area_key(sk_area a);     /* "tracking_and_monitoring" */
SK_API const char *sk_area_label(sk_area a);   /* "Tracking and Monitoring Progress" */
/* The area whose key is `key` (exact): SK_OK, or SK_EINVAL (*out unchanged). */
SK_API int sk_area_find(sk_area *out, const char *key);

#ifdef __cplusplus
}
#endif
#endif
