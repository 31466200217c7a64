/* Text decoding: BOMs, UTF-16 and Windows-1252 to UTF-8 (through iconv),
 * strict UTF-8 validation, and "did you mean" for words typed wrong. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/text.h"
#include "text_internal.h"

static const char *const encoding_names[] = {
	[SK_ENC_UTF8] = "UTF-8",
	[SK_ENC_UTF8_BOM] = "UTF-8 with BOM",
	[SK_ENC_UTF16LE] = "UTF-16LE",
	[SK_ENC_UTF16BE] = "UTF-16BE",
	[SK_ENC_CP1252] = "Windows-1252",
};

const char *sk_encoding_name(sk_encoding enc)
{
	if ((unsigned)enc < sizeof(encoding_names) / sizeof(encoding_names[0]))
		return encoding_names[enc];
	return "unknown";
}

/* Length of the line break at s[i] (0 when there is none). */
static size_t break_len(const char *s, size_t len, size_t i)
{
	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	return 0;
}

/* Columns count UTF-8 characters, or bytes for 8-bit text. */
static sk_pos pos_at(const char *s, size_t off, bool utf8)
{
	sk_pos pos = { 1, 1 };
	size_t i = 0;
	while (i < off) {
		size_t b = break_len(s, off, i);
		if (b) {
			pos.line++;
			pos.col = 1;
			i += b;
			continue;
		}
		if (!utf8 || ((unsigned char)s[i] & 0xC0) != 0x80)
			pos.col++;
		i++;
	}
	return pos;
}

sk_pos sk_text__pos_at(const char *s, size_t off)
{
	return pos_at(s, off, true);
}

size_t sk_text__line_start(const char *s, size_t len, unsigned line)
{
	size_t i = 0;
	for (unsigned l = 1; l < line; l++) {
		while (i < len && !break_len(s, len, i))
			i++;
		if (i == len)
			return len;
		i += break_len(s, len, i);
	}
	return i;
}

/* Bytes s[0..n) are all ASCII: eight at a time, since this runs over big fields. */
static size_t ascii_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

/* Length of the well-formed sequence at s[0..len) (Unicode table 3-7), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;          /* overlong */
	else if (c == 0xED)
		hi = 0x9F;          /* surrogates */
	else if (c == 0xF0)
		lo = 0x90;          /* overlong */
	else if (c == 0xF4)
		hi = 0x8F;          /* past U+10FFFF */
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return n;
}

size_t sk_text__next(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = utf8_seq(u, len);
	if (!n) {
		*cp = SK_TEXT__BAD;
		return 1;
	}
	static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
	uint32_t v = u[0] & lead_mask[n];
	for (size_t i = 1; i < n; i++)
		v = v << 6 | (u[i] & 0x3Fu);
	*cp = v;
	return n;
}

/* White space, and the characters that print as nothing (a zero-width
 * space, a byte order mark, a soft hyphen), as Word and web pages paste them. */
static bool blank_code(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0xAD
	       || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x200D)
	       || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060
	       || c == 0x3000 || c == 0xFEFF;
}

bool sk_text_is_blank(const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	uint32_t c;

	while (i < len) {
		i += sk_text__next(s + i, len - i, &c);
		if (!blank_code(c))
			return false;
	}
	return true;
}

bool sk_utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		i += ascii_prefix(u + i, len - i);
		if (i == len)
			break;
		size_t n = utf8_seq(u + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

/* Runs iconv over in[0..in_len), appending to out (which has room). Returns 0,
 * or errno (EILSEQ, EINVAL) with *done set to the input bytes converted. */
static int run_iconv(iconv_t cd, const char *in, size_t in_len, char **outp,
		     size_t *out_left, size_t *done)
{
	char *ip = (char *)(uintptr_t)in;
	size_t il = in_len;
	int err = 0;
	if (iconv(cd, &ip, &il, outp, out_left) == (size_t)-1)
		err = errno;
	*done = in_len - il;
	return err;
}

static bool cp1252_undefined(unsigned char c)
{
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

static iconv_t open_cp1252(void)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	if (cd == (iconv_t)-1)
		cd = iconv_open("UTF-8", "CP1252");
	return cd;
}

int sk_cp1252_to_utf8(char **out, size_t *out_len, const char *in, size_t in_len)
{
	*out = NULL;
	*out_len = 0;
	if (in_len > (SIZE_MAX - 1) / 3)
		return SK_ENOMEM;
	size_t cap = in_len * 3 + 1;   /* at most 3 UTF-8 bytes per byte (U+20AC, U+FFFD) */
	char *buf = malloc(cap);
	if (!buf)
		return SK_ENOMEM;
	iconv_t cd = open_cp1252();
	if (cd == (iconv_t)-1) {
		free(buf);
		return SK_EINVAL;
	}
	char *op = buf;
	size_t left = cap - 1;
	size_t i = 0;
	int rc = SK_OK;
	/* The undefined bytes are mapped here rather than left to iconv, whose
	 * tables disagree on them (glibc refuses them, others pass C1 controls). */
	while (i < in_len) {
		size_t run = i;
		while (run < in_len && !cp1252_undefined((unsigned char)in[run]))
			run++;
		size_t done;
		if (run > i && run_iconv(cd, in + i, run - i, &op, &left, &done)) {
			rc = SK_EINVAL;
			break;
		}
		i = run;
		if (i < in_len) {
			memcpy(op, "\xEF\xBF\xBD", 3);
			op += 3;
			left -= 3;
			i++;
		}
	}
	iconv_close(cd);
	if (rc != SK_OK) {
		free(buf);
		return rc;
	}
	*op = '\0';
	*out = buf;
	*out_len = (size_t)(op - buf);
	return SK_OK;
}

static int utf16_to_utf8(char **out, size_t *out_len, size_t *done, const char *in,
			 size_t in_len, sk_encoding enc)
{
	*out = NULL;
	*done = 0;
	if (in_len / 2 > (SIZE_MAX - 1) / 3)
		return SK_ENOMEM;
	size_t cap = in_len / 2 * 3 + 1;   /* 3 bytes per unit; a pair takes 4 for 2 units */
	char *buf = malloc(cap);
	if (!buf)
		return SK_ENOMEM;
	iconv_t cd = iconv_open("UTF-8", enc == SK_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE");
	if (cd == (iconv_t)-1) {
		free(buf);
		return SK_EINVAL;
	}
	char *op = buf;
	size_t left = cap - 1;
	int err = run_iconv(cd, in, in_len, &op, &left, done);
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*out_len = (size_t)(op - buf);
	/* Some iconvs pass lone surrogates through: the UTF-8 check catches them. */
	if (err || !sk_utf8_valid(buf, *out_len))
		return SK_EINVAL;
	return SK_OK;
}

static sk_encoding detect(const unsigned char *u, size_t len, size_t *bom)
{
	*bom = 0;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*bom = 3;
		return SK_ENC_UTF8_BOM;
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*bom = 2;
		return SK_ENC_UTF16LE;
	}
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*bom = 2;
		return SK_ENC_UTF16BE;
	}
	return SK_ENC_UTF8;
}

static int decode_utf16(char **out, size_t *out_len, const char *in, size_t in_len,
			sk_encoding enc, const char *file, sk_diags *diags)
{
	const char *name = sk_encoding_name(enc);
	sk_pos none = { 0, 0 };
	if (in_len % 2) {
		sk_diags_add(diags, file, none, SK_ERROR, "encoding",
			     "%s file has an odd number of bytes: is it cut short?", name);
		return SK_EINVAL;
	}
	size_t done;
	int rc = utf16_to_utf8(out, out_len, &done, in, in_len, enc);
	if (rc == SK_EINVAL && *out) {
		sk_diags_add(diags, file, sk_text__pos_at(*out, *out_len), SK_ERROR, "encoding",
			     "not valid %s (a lone surrogate): save the file again as UTF-8",
			     name);
	} else if (rc == SK_EINVAL) {
		sk_diags_add(diags, file, none, SK_ERROR, "encoding",
			     "cannot convert from %s on this system", name);
	}
	if (rc != SK_OK) {
		free(*out);
		*out = NULL;
		*out_len = 0;
	}
	return rc;
}

int sk_text__refuse_nul(const char *s, size_t len, const char *file, sk_diags *diags)
{
	const char *nul = memchr(s, '\0', len);
	if (!nul)
		return SK_OK;
	sk_pos pos = pos_at(s, (size_t)(nul - s), sk_utf8_valid(s, len));
	sk_diags_add(diags, file, pos, SK_ERROR, "encoding",
		     "file contains a NUL byte: binary file?");
	return SK_EINVAL;
}

static int copy_text(char **out, size_t *out_len, const char *in, size_t in_len)
{
	char *buf = malloc(in_len + 1);
	if (!buf)
		return SK_ENOMEM;
	memcpy(buf, in, in_len);
	buf[in_len] = '\0';
	*out = buf;
	*out_len = in_len;
	return SK_OK;
}

/* Whether s[0..len) has a character of two or more bytes that is
 * well-formed UTF-8: then it was saved as UTF-8, whatever bytes are wrong. */
static bool has_utf8_multibyte(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0x80 && utf8_seq(s + i, len - i) > 1)
			return true;
	return false;
}

/* An error (rule "encoding") for a byte of a UTF-8 file that is not UTF-8. */
static int report_bad_byte(sk_diags *diags, const char *file, sk_pos pos, unsigned char byte)
{
	char *as1252 = NULL;
	size_t n;
	int rc = sk_cp1252_to_utf8(&as1252, &n, (const char *)&byte, 1);

	if (rc == SK_ENOMEM)
		return rc;
	rc = sk_diags_add(diags, file, pos, SK_ERROR, "encoding",
			  "byte 0x%02X is not UTF-8, though the rest of the file is (in "
			  "Windows-1252, as pasted from an older program, it is \"%s\"): it is "
			  "read as U+FFFD; type that character again", byte,
			  rc == SK_OK ? as1252 : "?");
	free(as1252);
	return rc;
}

/* Errors for bytes that are not UTF-8 beyond this many would hide the rest. */
#define BAD_BYTES_SHOWN 10

/* A UTF-8 file with a few bytes that are not: each becomes U+FFFD, with an
 * error at its line and column (lines end as in sk_text__pos_at), the first
 * BAD_BYTES_SHOWN of them, then one that counts the rest. */
static int decode_mixed_utf8(char **out, size_t *out_len, const char *in, size_t in_len,
			     const char *file, sk_diags *diags)
{
	const unsigned char *u = (const unsigned char *)in;
	sk_pos pos = {1, 1}, last = pos;
	size_t o = 0, bad = 0;
	char *buf;

	if (in_len > (SIZE_MAX - 1) / 3)
		return SK_ENOMEM;
	if (!(buf = malloc(in_len * 3 + 1)))
		return SK_ENOMEM;
	for (size_t i = 0; i < in_len;) {
		size_t n = utf8_seq(u + i, in_len - i);

		if (!n) {
			last = pos;
			if (++bad <= BAD_BYTES_SHOWN && report_bad_byte(diags, file, pos, u[i]) != SK_OK) {
				free(buf);
				return SK_ENOMEM;
			}
			memcpy(buf + o, "\xef\xbf\xbd", 3);
			o += 3;
			n = 1;
		} else {
			memcpy(buf + o, in + i, n);
			o += n;
		}
		if (u[i] == '\n' || (u[i] == '\r' && (i + 1 == in_len || u[i + 1] != '\n')))
			pos = (sk_pos){pos.line + 1, 1};
		else
			pos.col++;
		i += n;
	}
	buf[o] = '\0';
	if (bad > BAD_BYTES_SHOWN
	    && sk_diags_add(diags, file, last, SK_ERROR, "encoding",
			    "%zu more bytes are not UTF-8, the last here: is the file UTF-8 at all?",
			    bad - BAD_BYTES_SHOWN) != SK_OK) {
		free(buf);
		return SK_ENOMEM;
	}
	*out = buf;
	*out_len = o;
	return SK_OK;
}

int sk_text_decode(char **out, size_t *out_len, sk_encoding *enc,
		   const char *in, size_t in_len, const char *file, sk_diags *diags)
{
	size_t bom;
	sk_encoding e = detect((const unsigned char *)in, in_len, &bom);
	int rc;

	*out = NULL;
	*out_len = 0;
	if (enc)
		*enc = e;
	if (!in_len)
		in = "";   /* memchr and memcpy want a pointer even for no bytes */
	in += bom;
	in_len -= bom;
	if (e == SK_ENC_UTF16LE || e == SK_ENC_UTF16BE) {
		rc = decode_utf16(out, out_len, in, in_len, e, file, diags);
		if (rc == SK_OK && (rc = sk_text__refuse_nul(*out, *out_len, file, diags)) != SK_OK) {
			free(*out);
			*out = NULL;
			*out_len = 0;
		}
	} else if ((rc = sk_text__refuse_nul(in, in_len, file, diags)) != SK_OK) {
		return rc;
	} else if (sk_utf8_valid(in, in_len)) {
		rc = copy_text(out, out_len, in, in_len);
	} else if (has_utf8_multibyte((const unsigned char *)in, in_len)) {
		rc = decode_mixed_utf8(out, out_len, in, in_len, file, diags);
	} else {
		e = SK_ENC_CP1252;
		if (enc)
			*enc = e;
		rc = sk_cp1252_to_utf8(out, out_len, in, in_len);
		if (rc == SK_EINVAL)
			sk_diags_add(diags, file, (sk_pos){ 0, 0 }, SK_ERROR, "encoding",
				     "file is not UTF-8 and this system cannot read Windows-1252");
	}
	/* A UTF-8 BOM is what Notepad and Excel write: normal, so no note. */
	if (rc == SK_OK && e != SK_ENC_UTF8 && e != SK_ENC_UTF8_BOM &&
	    sk_diags_add(diags, file, (sk_pos){ 0, 0 }, SK_NOTE, "encoding",
			 "file is not UTF-8: read as %s", sk_encoding_name(e)) != SK_OK) {
		free(*out);
		*out = NULL;
		*out_len = 0;
		rc = SK_ENOMEM;
	}
	return rc;
}

/* Words and candidates longer than this are never suggested. */
#define DYM_MAX 64

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

static bool same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Edit distance ignoring case, a swap of neighbours counting as one edit
 * (optimal string alignment); both lengths at most DYM_MAX. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t rows[3][DYM_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *t;

		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;

			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])
			    && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

size_t sk_text__distance(const char *a, size_t n, const char *b, size_t m)
{
	return n > DYM_MAX || m > DYM_MAX ? SIZE_MAX : distance(a, n, b, m);
}

const char *sk_text_did_you_mean(const char *word, const char *const *candidates, size_t count)
{
	size_t n = word ? strlen(word) : 0;
	size_t limit = n / 3 > 1 ? n / 3 : 1;
	size_t best_d = SIZE_MAX;
	const char *best = NULL;

	if (n == 0 || n > DYM_MAX)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		const char *c = candidates[i];
		size_t m = c ? strlen(c) : 0;
		size_t d;

		if (m == 0 || m > DYM_MAX || m > n + limit || n > m + limit)
			continue;
		d = distance(word, n, c, m);
		if (d < best_d) {
			best_d = d;
			best = c;
		}
	}
	return best_d <= limit ? best : NULL;
}

size_t sk_text__int(char buf[SK_TEXT__INT_MAX], int64_t v)
{
	char digits[SK_TEXT__INT_MAX];
	size_t n = 0, len = 0;
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		digits[n++] = (char)('0' + a % 10);
		a /= 10;
	} while (a);
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = digits[--n];
	buf[len] = '\0';
	return len;
}

/* The marks a list's bullet is typed or pasted as: "\u2022" and the bullets
 * Word pastes (U+F0B7 is its Symbol font's); then the symbols lists are
 * pasted with that are text too ("\u00a73", "\u2192 2026"), a bullet only with
 * a space or a tab after it (Word's Wingdings bullets U+F0A7, U+F0D8, U+F076
 * and U+F0FC, arrows, ticks, shapes); then an en and an em dash. */
static const char *const marks[] = {
	"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\xa3", "\xe2\x81\x83",
	"\xef\x82\xb7", "\xc2\xb7",
	"\xc2\xa7", "\xef\x82\xa7", "\xef\x83\x98", "\xef\x81\xb6", "\xef\x83\xbc",
	"\xe2\x9e\xa2", "\xe2\x9e\xa4", "\xe2\x96\xba", "\xe2\x96\xb6", "\xe2\x86\x92",
	"\xe2\x9c\x93", "\xe2\x9c\x94", "\xe2\x97\x8f", "\xe2\x97\x8b", "\xe2\x96\xa0",
	"\xe2\x97\x86", "\xe2\x9d\x96",
	"\xe2\x80\x93", "\xe2\x80\x94",
};
#define BULLETS 7             /* the marks that are bullets whatever follows */
#define SYMBOLS 24            /* the marks before the dashes */
#define MARKS (sizeof(marks) / sizeof(marks[0]))

bool sk_text__mark_shown(char out[SK_TEXT__MARK_MAX], const char *s, size_t n)
{
	/* U+F000..U+F0FF: EF 80..83 xx. */
	if (n == 3 && (unsigned char)s[0] == 0xEF && ((unsigned char)s[1] & 0xFC) == 0x80) {
		snprintf(out, SK_TEXT__MARK_MAX, "<U+F0%02X>",
			 ((unsigned)s[1] & 0x03) << 6 | ((unsigned)s[2] & 0x3F));
		return true;
	}
	snprintf(out, SK_TEXT__MARK_MAX, "%.*s", n < SK_TEXT__MARK_MAX ? (int)n : 0, s);
	return false;
}

static bool blank_at(const char *s, size_t n, size_t k)
{
	return k < n && (s[k] == ' ' || s[k] == '\t');
}

/* The bytes of marks[from..to) at s, or 0. */
static size_t mark_in(const char *s, size_t n, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		size_t len = strlen(marks[i]);

		if (len <= n && memcmp(s, marks[i], len) == 0)
			return len;
	}
	return 0;
}

/* Whether a section sign at s is a reference ("\u00a7 6.2"), not a bullet. */
static bool section_ref(const char *s, size_t n, size_t k)
{
	if (k != 2 || memcmp(s, "\xc2\xa7", 2) != 0)
		return false;
	while (blank_at(s, n, k))
		k++;
	return k < n && s[k] >= '0' && s[k] <= '9';
}

size_t sk_text__bullet_at(const char *s, size_t n, bool dashes)
{
	size_t k = mark_in(s, n, 0, BULLETS);

	if (k == 0 && (k = mark_in(s, n, BULLETS, SYMBOLS)) > 0
	    && (!blank_at(s, n, k) || section_ref(s, n, k)))
		k = 0;
	return k ? k : dashes ? mark_in(s, n, SYMBOLS, MARKS) : 0;
}

size_t sk_text__number_at(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && k < 3 && s[k] >= '0' && s[k] <= '9')
		k++;
	return k >= 1 && k <= 2 && k < n && (s[k] == '.' || s[k] == ')') ? k + 1 : 0;
}

/* Whether s[0..len) labels a list's item: one letter, a roman number, or
 * with `digits` one or two digits. */
static bool label_ok(const char *s, size_t len, bool digits)
{
	size_t i, roman = 0, num = 0;

	for (i = 0; i < len; i++) {
		roman += strchr("ivxIVX", s[i]) != NULL && s[i] != '\0';
		num += s[i] >= '0' && s[i] <= '9';
	}
	return (len == 1 && isalpha((unsigned char)s[0])) || (len > 0 && len <= 4 && roman == len)
	       || (digits && len > 0 && len <= 2 && num == len);
}

/* A mark that is a list's only where lines start with it, as a list's do:
 * an en or em dash, "o" (Word's second level), "+", a letter or a roman
 * number ("a)", "A.", "iv.") or a number, letter or roman number in
 * brackets ("(1)", "(b)", "(iv)"), with a space or a tab after it; 0 when
 * none. */
static size_t weak_mark_at(const char *s, size_t n)
{
	size_t k = mark_in(s, n, SYMBOLS, MARKS), j = n > 0 && s[0] == '(';

	if (k == 0 && n > 0 && (s[0] == 'o' || s[0] == '+'))
		k = 1;
	if (k == 0) {
		for (k = j; k < n && k - j < 5 && isalnum((unsigned char)s[k]); k++)
			;
		if (k >= n || !label_ok(s + j, k - j, j) || !(s[k] == ')' || (!j && s[k] == '.')))
			return 0;
		k++;
	}
	return blank_at(s, n, k) ? k : 0;
}

bool sk_text__label_rank(const char *s, size_t n, unsigned *letter, unsigned *roman,
			 bool *digits)
{
	static const char numerals[] = "ivx";
	static const unsigned values[] = {1, 5, 10};
	size_t j = n > 0 && s[0] == '(', e = j, k;
	unsigned v = 0, prev = 0;

	if (sk_text__number_at(s, n) == 0 && weak_mark_at(s, n) == 0)
		return false;
	while (e < n && isalnum((unsigned char)s[e]))
		e++;
	if (e == j || e >= n || (s[e] != ')' && s[e] != '.'))
		return false;     /* a dash, "o" or "+" */
	*digits = s[j] >= '0' && s[j] <= '9';
	for (k = j; k < e && *digits; k++)
		v = v * 10 + (unsigned)(s[k] - '0');
	for (k = j; k < e && !*digits; k++) {
		const char *r = strchr(numerals, tolower((unsigned char)s[k]));
		unsigned d = r ? values[r - numerals] : 0;

		if (!d) {
			v = 0;
			break;
		}
		v = v + d - (prev < d ? 2 * prev : 0);
		prev = d;
	}
	*roman = v;
	*letter = *digits ? v : e == j + 1 ? (unsigned)(tolower((unsigned char)s[j]) - 'a' + 1) : 0;
	return true;
}

size_t sk_text__item_mark_at(const char *s, size_t n, bool *weak)
{
	size_t k = sk_text__bullet_at(s, n, false);
	unsigned char c = n >= 2 ? (unsigned char)s[1] : 0;

	*weak = false;
	if (k)
		return k;
	if ((k = sk_text__number_at(s, n)) > 0 && k < n && s[k] == ' ')
		return k;
	if (n >= 2 && s[0] == '-' && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC2))
		return 1;
	k = weak_mark_at(s, n);
	*weak = k > 0;
	return k;
}

size_t sk_text__pasted_mark(const char *s, size_t n, size_t *mark)
{
	size_t m = sk_text__bullet_at(s, n, true), i;
	bool bullet = m && sk_text__bullet_at(s, n, false);

	if (!m && n >= 2 && (s[0] == '-' || s[0] == '*'))
		m = 1;
	for (i = m; m && i < n;)
		if (s[i] == ' ' || s[i] == '\t')
			i++;
		else if (i + 1 < n && s[i] == '\xc2' && s[i + 1] == '\xa0')
			i += 2;
		else
			break;
	/* A dash needs a space after it ("-5", "\u2013ish" are text); a mark
	 * alone is the whole text; one before lines of text is the first of
	 * a list written in it ("steps: |" and "- Visit" lines). */
	if (!m || i == n || (!bullet && i == m) || memchr(s, '\n', n))
		return 0;
	*mark = m;
	return i;
}
