/* The five areas of a strategy and a review. */
#include <string.h>

#include "sendkit/area.h"

static const struct {
	const char *key;
	const char *label;
} areas[SK_AREA_COUNT] = {
	{"leadership", "Leadership"},
	{"identification", "Identification"},
	{"tracking_and_monitoring", "Tracking and Monitoring Progress"},
	{"teaching_and_intervention", "High Quality Teaching and Intervention"},
	{"developing_provision", "Developing Provision"},
};

const char *sk_area_key(sk_area a)
{
	return (unsigned)a < SK_AREA_COUNT ? areas[a].key : "";
}

const char *sk_area_label(sk_area a)
{
	return (unsigned)a < SK_AREA_COUNT ? areas[a].label : "";
}

int sk_area_find(sk_area *out, const char *key)
{
	for (int i = 0; key && i < SK_AREA_COUNT; i++) {
		if (strcmp(key, areas[i].key) == 0) {
			*out = (sk_area)i;
			return SK_OK;
		}
	}
	return SK_EINVAL;
}
