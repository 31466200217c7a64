/* Money as whole pence: parsing the ways people write amounts and formatting
 * them back. Exact integer arithmetic throughout, no floating point. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sendkit/money.h"

/* "£" in UTF-8. */
#define SK_POUND "\xc2\xa3"
#define SK_POUND_LEN 2

/* An amount split into its digits: `whole` may hold grouping commas. */
typedef struct money_parts {
	const char *whole;
	size_t whole_len;
	const char *frac;
	size_t frac_len;
	bool kilo;
} money_parts;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char fold(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool equals_folded(const char *s, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (word[i] == '\0' || fold(s[i]) != word[i])
			return false;
	return word[len] == '\0';
}

static size_t count_digits(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_digit(s[n]))
		n++;
	return n;
}

/* The whole part: plain digits, or 1-3 digits then groups of ",ddd". */
static size_t scan_whole(const char *s, size_t len)
{
	size_t n = count_digits(s, len);

	if (n == 0 || n >= len || s[n] != ',')
		return n;
	if (n > 3)
		return 0;
	while (n < len && s[n] == ',') {
		if (count_digits(s + n + 1, len - n - 1) != 3)
			return 0;
		n += 4;
	}
	return n;
}

static bool split_amount(money_parts *out, const char *s, size_t len)
{
	size_t n = scan_whole(s, len);

	memset(out, 0, sizeof *out);
	if (n == 0)
		return false;
	out->whole = s;
	out->whole_len = n;
	if (n < len && s[n] == '.') {
		out->frac = s + n + 1;
		out->frac_len = count_digits(out->frac, len - n - 1);
		if (out->frac_len == 0)
			return false;
		n += 1 + out->frac_len;
	}
	if (n < len && fold(s[n]) == 'k') {
		out->kilo = true;
		n++;
	}
	return n == len;
}

/* Appends the digits of s (commas skipped) to *acc; false on overflow. */
static bool accumulate(uint64_t *acc, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned digit;

		if (s[i] == ',')
			continue;
		digit = (unsigned)(s[i] - '0');
		if (*acc > (UINT64_MAX - digit) / 10)
			return false;
		*acc = *acc * 10 + digit;
	}
	return true;
}

static int parts_to_pence(int64_t *out, const money_parts *p)
{
	/* Pence per unit written: 10^2 for pounds, 10^5 for thousands. */
	unsigned places = p->kilo ? 5 : 2;
	size_t frac_len = p->frac_len;
	uint64_t whole = 0, frac = 0, scale = 1;
	unsigned i;

	/* With k trailing zeros do not matter ("1.250k"); without, "1.250" is bad. */
	if (p->kilo)
		while (frac_len > 0 && p->frac[frac_len - 1] == '0')
			frac_len--;
	if (frac_len > places)
		return SK_EINVAL;
	if (!accumulate(&frac, p->frac, frac_len))
		return SK_EINVAL;
	for (i = 0; i < places - frac_len; i++)
		frac *= 10;
	for (i = 0; i < places; i++)
		scale *= 10;
	if (!accumulate(&whole, p->whole, p->whole_len))
		return SK_ERANGE;
	if (whole > ((uint64_t)INT64_MAX - frac) / scale)
		return SK_ERANGE;
	*out = (int64_t)(whole * scale + frac);
	return SK_OK;
}

/* What people write for no cost, read as 0. */
static const char *const zero_words[] = {
	"nil", "none", "free", "zero", "no cost", "no charge", "free of charge",
};

int sk_money_parse(int64_t *out_pence, const char *text)
{
	const char *s = text;
	size_t len;
	money_parts parts;
	int64_t pence = 0;
	int rc;

	if (s == NULL)
		return SK_EINVAL;
	while (is_space(*s))
		s++;
	len = strlen(s);
	while (len > 0 && is_space(s[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof(zero_words) / sizeof(zero_words[0]); i++)
		if (equals_folded(s, len, zero_words[i])) {
			*out_pence = 0;
			return SK_OK;
		}
	if (len >= SK_POUND_LEN && memcmp(s, SK_POUND, SK_POUND_LEN) == 0) {
		s += SK_POUND_LEN;
		len -= SK_POUND_LEN;
		while (len > 0 && is_space(*s)) {
			s++;
			len--;
		}
	}
	if (!split_amount(&parts, s, len))
		return SK_EINVAL;
	rc = parts_to_pence(&pence, &parts);
	if (rc == SK_OK)
		*out_pence = pence;
	return rc;
}

/* Writes the digits of v grouped in thousands, backwards from end; returns the start. */
static char *put_grouped(char *end, uint64_t v)
{
	unsigned n = 0;

	do {
		if (n > 0 && n % 3 == 0)
			*--end = ',';
		*--end = (char)('0' + v % 10);
		v /= 10;
		n++;
	} while (v > 0);
	return end;
}

size_t sk_money_format(char *buf, size_t size, int64_t pence)
{
	/* "-£" + 19 digits with 6 commas + ".pp": well under 40 bytes. */
	char tmp[40];
	char *end = tmp + sizeof tmp;
	char *p = end;
	uint64_t mag = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	unsigned pennies = (unsigned)(mag % 100);
	size_t len;

	if (pennies != 0) {
		*--p = (char)('0' + pennies % 10);
		*--p = (char)('0' + pennies / 10);
		*--p = '.';
	}
	p = put_grouped(p, mag / 100);
	p -= SK_POUND_LEN;
	memcpy(p, SK_POUND, SK_POUND_LEN);
	if (pence < 0)
		*--p = '-';
	len = (size_t)(end - p);
	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(buf, p, n);
		buf[n] = '\0';
	}
	return len;
}
