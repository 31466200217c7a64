/* Return codes and the version. */
#include "sendkit/common.h"
#include "sendkit/version.h"

const char *sk_strerror(int code)
{
	switch (code) {
	case SK_OK: return "success";
	case SK_ENOMEM: return "out of memory";
	case SK_EIO: return "input/output error";
	case SK_EINVAL: return "not of the expected form";
	case SK_ERANGE: return "out of range";
	case SK_ELIMIT: return "exceeds a safety limit";
	default: return "unknown error";
	}
}

const char *sk_version(void)
{
	return SK_VERSION_STRING;
}
