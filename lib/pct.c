/* Percentages in tenths, with integers only (sendkit/pct.h). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sendkit/pct.h"
#include "text_internal.h"

int sk_pct_tenths(int64_t *out, int64_t part, int64_t whole)
{
	*out = 0;
	if (whole <= 0 || part < -(INT64_MAX / 1000) || part > INT64_MAX / 1000)
		return SK_ERANGE;
	uint64_t n = (uint64_t)(part < 0 ? -part : part) * 1000u;
	uint64_t w = (uint64_t)whole;
	uint64_t q = n / w, r = n % w;
	if (r >= w - r)         /* r/w >= 1/2: half rounds away from zero */
		q++;
	*out = part < 0 ? -(int64_t)q : (int64_t)q;
	return SK_OK;
}

__extension__ typedef __int128 sk_i128;

int sk_pct_diff_tenths(int64_t *out, int64_t a, int64_t b, int64_t c, int64_t d)
{
	/* Up to 2^56, 2 * |a*d - c*b| * 1000 + b*d stays below 2^125: a group
	 * summed over many schools is worked out, not left missing. */
	const int64_t limit = (int64_t)1 << 56;
	*out = 0;
	if (b <= 0 || d <= 0 || b > limit || d > limit || a > limit || a < -limit
	    || c > limit || c < -limit)
		return SK_ERANGE;
	sk_i128 num = ((sk_i128)a * d - (sk_i128)c * b) * 1000, den = (sk_i128)b * d;
	sk_i128 mag = num < 0 ? -num : num;
	sk_i128 q = (2 * mag + den) / (2 * den);  /* half rounds away from zero */
	if (q > INT64_MAX)
		return SK_ERANGE;
	*out = (int64_t)(num < 0 ? -q : q);
	return SK_OK;
}

size_t sk_pct_format(char *buf, size_t size, int64_t tenths, bool sign)
{
	/* Whole part with its sign, then one decimal: no snprintf, which cost the
	 * census summary a third of its writing time. */
	char text[SK_TEXT__INT_MAX + 2];
	size_t n = 0;
	if (sign && tenths > 0)
		text[n++] = '+';
	else if (tenths < 0 && tenths > -10)
		text[n++] = '-';                /* -0.4: the whole part -0 has no sign */
	n += sk_text__int(text + n, tenths / 10);
	text[n++] = '.';
	text[n++] = (char)('0' + (tenths < 0 ? -(tenths % 10) : tenths % 10));
	if (size) {
		size_t k = n < size ? n : size - 1;
		memcpy(buf, text, k);
		buf[k] = '\0';
	}
	return n;
}

int sk_pct_parse(int64_t *out, const char *text)
{
	const char *p = text;
	bool neg = false;
	int64_t v = 0;
	*out = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return SK_EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX / 10 - 9) / 10)
			return SK_EINVAL;
		v = v * 10 + (*p - '0');
	}
	v *= 10;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return SK_EINVAL;
		v += *p++ - '0';
	}
	if (*p)
		return SK_EINVAL;
	*out = neg ? -v : v;
	return SK_OK;
}
