/* Unit tests for text.c: encoding detection and conversion, UTF-8 validation,
 * reading streams. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendkit/text.h"
#include "text_internal.h"

#define LIT(s) s, sizeof(s) - 1

typedef struct decoded {
	int rc;
	char *text;
	size_t len;
	sk_encoding enc;
	sk_diags *diags;
} decoded;

static decoded decode(const char *in, size_t len)
{
	decoded d;
	d.diags = sk_diags_new();
	assert_non_null(d.diags);
	d.enc = (sk_encoding)99;
	d.rc = sk_text_decode(&d.text, &d.len, &d.enc, in, len, "in.yaml", d.diags);
	return d;
}

static void decoded_free(decoded *d)
{
	free(d->text);
	sk_diags_free(d->diags);
}

static void assert_diag(const sk_diags *diags, size_t i, sk_severity sev, const char *rule,
			const char *message, unsigned line, unsigned col)
{
	const sk_diag *d = sk_diags_at(diags, i);
	assert_non_null(d);
	assert_int_equal(d->severity, sev);
	assert_string_equal(d->rule, rule);
	assert_string_equal(d->message, message);
	assert_string_equal(d->file, "in.yaml");
	assert_int_equal(d->pos.line, line);
	assert_int_equal(d->pos.col, col);
}

/* Decodes in[0..len), expecting SK_EINVAL and exactly this one error. */
static void expect_error(const char *in, size_t len, const char *message, unsigned line,
			 unsigned col)
{
	decoded d = decode(in, len);
	assert_int_equal(d.rc, SK_EINVAL);
	assert_null(d.text);
	assert_int_equal(d.len, 0);
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_diag(d.diags, 0, SK_ERROR, "encoding", message, line, col);
	decoded_free(&d);
}

/* UTF-16 bytes (with a BOM) for an ASCII string plus optional extra units. */
static size_t utf16(char *buf, const char *ascii, const uint16_t *extra, size_t n_extra,
		    bool big_endian)
{
	size_t o = 0;
	buf[o++] = big_endian ? '\xFE' : '\xFF';
	buf[o++] = big_endian ? '\xFF' : '\xFE';
	size_t n = strlen(ascii);
	for (size_t i = 0; i < n + n_extra; i++) {
		uint16_t u = i < n ? (uint16_t)(unsigned char)ascii[i] : extra[i - n];
		char hi = (char)(u >> 8), lo = (char)(u & 0xFF);
		buf[o++] = big_endian ? hi : lo;
		buf[o++] = big_endian ? lo : hi;
	}
	return o;
}

static void test_encoding_names(void **state)
{
	(void)state;
	assert_string_equal(sk_encoding_name(SK_ENC_UTF8), "UTF-8");
	assert_string_equal(sk_encoding_name(SK_ENC_UTF8_BOM), "UTF-8 with BOM");
	assert_string_equal(sk_encoding_name(SK_ENC_UTF16LE), "UTF-16LE");
	assert_string_equal(sk_encoding_name(SK_ENC_UTF16BE), "UTF-16BE");
	assert_string_equal(sk_encoding_name(SK_ENC_CP1252), "Windows-1252");
	assert_string_equal(sk_encoding_name((sk_encoding)42), "unknown");
}

static void test_decode_ascii(void **state)
{
	(void)state;
	decoded d = decode(LIT("name: x\r\nfee: 3\n"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF8);
	assert_int_equal(d.len, 16);
	assert_string_equal(d.text, "name: x\r\nfee: 3\n");
	assert_int_equal(sk_diags_count(d.diags), 0);
	decoded_free(&d);
}

static void test_decode_empty(void **state)
{
	(void)state;
	decoded d = decode("", 0);
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF8);
	assert_int_equal(d.len, 0);
	assert_string_equal(d.text, "");
	assert_int_equal(sk_diags_count(d.diags), 0);
	decoded_free(&d);

	d = decode(NULL, 0);
	assert_int_equal(d.rc, SK_OK);
	assert_string_equal(d.text, "");
	decoded_free(&d);
}

static void test_decode_utf8_multibyte(void **state)
{
	(void)state;
	decoded d = decode(LIT("fee: \xC2\xA3" "5 \xE2\x80\x99 \xF0\x9F\x98\x80"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF8);
	assert_string_equal(d.text, "fee: \xC2\xA3" "5 \xE2\x80\x99 \xF0\x9F\x98\x80");
	assert_int_equal(sk_diags_count(d.diags), 0);
	decoded_free(&d);
}

static void test_decode_utf8_bom(void **state)
{
	(void)state;
	decoded d = decode(LIT("\xEF\xBB\xBF" "a: \xC2\xA3\r\nb: 2\r\n"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF8_BOM);
	assert_int_equal(d.len, 13);
	assert_string_equal(d.text, "a: \xC2\xA3\r\nb: 2\r\n");
	assert_int_equal(sk_diags_count(d.diags), 0);   /* a BOM is normal: no note */
	decoded_free(&d);

	d = decode(LIT("\xEF\xBB\xBF"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF8_BOM);
	assert_int_equal(d.len, 0);
	assert_string_equal(d.text, "");
	decoded_free(&d);
}

static void test_decode_utf8_bom_then_cp1252(void **state)
{
	(void)state;
	decoded d = decode(LIT("\xEF\xBB\xBF" "fee: \xA3" "5"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_CP1252);
	assert_string_equal(d.text, "fee: \xC2\xA3" "5");
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_diag(d.diags, 0, SK_NOTE, "encoding", "file is not UTF-8: read as Windows-1252",
		    0, 0);
	decoded_free(&d);
}

static void test_decode_utf16le(void **state)
{
	(void)state;
	char buf[128];
	/* "a: £\r\n" then U+1F600 as a surrogate pair and U+20AC */
	const uint16_t extra[] = { 0x00A3, '\r', '\n', 0xD83D, 0xDE00, 0x20AC };
	size_t n = utf16(buf, "a: ", extra, 6, false);
	assert_int_equal(n, 20);
	decoded d = decode(buf, n);
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF16LE);
	assert_string_equal(d.text, "a: \xC2\xA3\r\n\xF0\x9F\x98\x80\xE2\x82\xAC");
	assert_int_equal(d.len, 14);
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_diag(d.diags, 0, SK_NOTE, "encoding", "file is not UTF-8: read as UTF-16LE", 0, 0);
	decoded_free(&d);
}

static void test_decode_utf16be(void **state)
{
	(void)state;
	char buf[128];
	const uint16_t extra[] = { 0x00E9, '\n', 0xD83D, 0xDE00 };
	size_t n = utf16(buf, "caf", extra, 4, true);
	decoded d = decode(buf, n);
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF16BE);
	assert_string_equal(d.text, "caf\xC3\xA9\n\xF0\x9F\x98\x80");
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_diag(d.diags, 0, SK_NOTE, "encoding", "file is not UTF-8: read as UTF-16BE", 0, 0);
	decoded_free(&d);

	d = decode(LIT("\xFE\xFF"));   /* a BOM and nothing else */
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_UTF16BE);
	assert_string_equal(d.text, "");
	assert_int_equal(d.len, 0);
	decoded_free(&d);
}

static void test_decode_utf16_odd_length(void **state)
{
	(void)state;
	expect_error(LIT("\xFF\xFE" "a\0b"),
		     "UTF-16LE file has an odd number of bytes: is it cut short?", 0, 0);
	expect_error(LIT("\xFE\xFF" "\0"),
		     "UTF-16BE file has an odd number of bytes: is it cut short?", 0, 0);
}

static void test_decode_utf16_lone_surrogate(void **state)
{
	(void)state;
	char buf[64];
	const char *msg = "not valid UTF-16LE (a lone surrogate): save the file again as UTF-8";

	const uint16_t low[] = { 0xDC00, 'x' };   /* a low surrogate first */
	size_t n = utf16(buf, "ab\ncd", low, 2, false);
	expect_error(buf, n, msg, 2, 3);

	const uint16_t high[] = { 0xD83D, 'x' };   /* a high one without its pair */
	n = utf16(buf, "a", high, 2, false);
	expect_error(buf, n, msg, 1, 2);

	const uint16_t end[] = { 0xD83D };   /* cut short inside a pair */
	n = utf16(buf, "a", end, 1, true);
	expect_error(buf, n, "not valid UTF-16BE (a lone surrogate): save the file again as UTF-8",
		     1, 2);
}

static void test_decode_utf16_nul(void **state)
{
	(void)state;
	char buf[64];
	const uint16_t nul[] = { 0 };
	size_t n = utf16(buf, "a\nb", nul, 1, false);
	expect_error(buf, n, "file contains a NUL byte: binary file?", 2, 2);
}

static void test_decode_cp1252(void **state)
{
	(void)state;
	/* What Excel saves as "CSV": a pound sign and curly apostrophes. */
	decoded d = decode(LIT("fee: \xA3" "10\r\nnote: it\x92s \x93" "fine\x94 \x80" "5\r\n"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_CP1252);
	assert_string_equal(d.text, "fee: \xC2\xA3" "10\r\nnote: it\xE2\x80\x99s "
			    "\xE2\x80\x9C" "fine\xE2\x80\x9D \xE2\x82\xAC" "5\r\n");
	assert_true(sk_utf8_valid(d.text, d.len));
	assert_int_equal(d.len, strlen(d.text));
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_diag(d.diags, 0, SK_NOTE, "encoding", "file is not UTF-8: read as Windows-1252",
		    0, 0);
	decoded_free(&d);

	d = decode(LIT("\xFF"));   /* one byte is no BOM: y with diaeresis */
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_CP1252);
	assert_string_equal(d.text, "\xC3\xBF");
	decoded_free(&d);
}

static void test_decode_cp1252_undefined(void **state)
{
	(void)state;
	decoded d = decode(LIT("a\x81" "b\x8D\x8F\x90\x9D" "c\xA3"));
	assert_int_equal(d.rc, SK_OK);
	assert_int_equal(d.enc, SK_ENC_CP1252);
	assert_string_equal(d.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
			    "\xEF\xBF\xBD" "c\xC2\xA3");
	assert_int_equal(sk_diags_count(d.diags), 1);
	assert_int_equal(sk_diags_at(d.diags, 0)->severity, SK_NOTE);
	decoded_free(&d);
}

static void test_decode_nul_byte(void **state)
{
	(void)state;
	const char *msg = "file contains a NUL byte: binary file?";
	expect_error(LIT("ab\ncd\0ef"), msg, 2, 3);
	expect_error(LIT("\xA3\0"), msg, 1, 2);   /* not UTF-8 either: no note */
	expect_error(LIT("\xEF\xBB\xBF\0"), msg, 1, 1);
}

static void test_decode_null_enc_and_diags(void **state)
{
	(void)state;
	char *out;
	size_t len;
	assert_int_equal(sk_text_decode(&out, &len, NULL, LIT("\xA3"), NULL, NULL), SK_OK);
	assert_string_equal(out, "\xC2\xA3");
	assert_int_equal(len, 2);
	free(out);
	assert_int_equal(sk_text_decode(&out, &len, NULL, LIT("a\0"), NULL, NULL), SK_EINVAL);
	assert_null(out);
}

static void test_cp1252_to_utf8_table(void **state)
{
	(void)state;
	char in[256];
	for (int i = 0; i < 256; i++)
		in[i] = (char)(i ? i : ' ');
	char *out;
	size_t len;
	assert_int_equal(sk_cp1252_to_utf8(&out, &len, in, sizeof(in)), SK_OK);
	assert_true(sk_utf8_valid(out, len));
	assert_int_equal(out[len], '\0');
	assert_memory_equal(out, in, 128);
	const char *p = out + 128;
	assert_memory_equal(p, "\xE2\x82\xAC", 3);          /* 0x80 euro */
	assert_memory_equal(p + 3, "\xEF\xBF\xBD", 3);      /* 0x81 undefined */
	assert_memory_equal(out + len - 4, "\xC3\xBE\xC3\xBF", 4);   /* 0xFE 0xFF */
	/* 0x83 0x88 0x8A 0x8C 0x8E 0x98 0x9A 0x9C 0x9E 0x9F take 2 bytes, the other 17 take 3 */
	assert_int_equal(len, 128 + 17 * 3 + 10 * 2 + 5 * 3 + 96 * 2);
	free(out);

	assert_int_equal(sk_cp1252_to_utf8(&out, &len, "", 0), SK_OK);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	free(out);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		bool ok;
	} cases[] = {
		{ LIT(""), true },
		{ LIT("plain ASCII, more than eight bytes long"), true },
		{ LIT("a\0b"), true },
		{ LIT("\xC2\x80"), true },                   /* U+0080 */
		{ LIT("\xDF\xBF"), true },                   /* U+07FF */
		{ LIT("\xC0\x80"), false },                  /* overlong NUL */
		{ LIT("\xC1\xBF"), false },                  /* overlong 0x7F */
		{ LIT("\xE0\x80\x80"), false },              /* overlong 3-byte */
		{ LIT("\xE0\x9F\xBF"), false },              /* overlong U+07FF */
		{ LIT("\xE0\xA0\x80"), true },               /* U+0800 */
		{ LIT("\xED\x9F\xBF"), true },               /* U+D7FF */
		{ LIT("\xED\xA0\x80"), false },              /* U+D800 surrogate */
		{ LIT("\xED\xBF\xBF"), false },              /* U+DFFF surrogate */
		{ LIT("\xEE\x80\x80"), true },               /* U+E000 */
		{ LIT("\xEF\xBF\xBF"), true },               /* U+FFFF */
		{ LIT("\xF0\x8F\xBF\xBF"), false },          /* overlong 4-byte */
		{ LIT("\xF0\x90\x80\x80"), true },           /* U+10000 */
		{ LIT("\xF0\x9F\x98\x80"), true },           /* U+1F600 */
		{ LIT("\xF4\x8F\xBF\xBF"), true },           /* U+10FFFF */
		{ LIT("\xF4\x90\x80\x80"), false },          /* U+110000 */
		{ LIT("\xF5\x80\x80\x80"), false },
		{ LIT("\xF8\x88\x80\x80\x80"), false },      /* 5-byte form */
		{ LIT("\xFE"), false },
		{ LIT("\xFF"), false },
		{ LIT("\x80"), false },                      /* lone continuation */
		{ LIT("\xE2\x82"), false },                  /* truncated 3-byte */
		{ LIT("\xF0\x9F\x98"), false },              /* truncated 4-byte */
		{ LIT("\xC2"), false },                      /* truncated 2-byte */
		{ LIT("\xE2\x28\xA1"), false },              /* bad second byte */
		{ LIT("\xE2\x82\x28"), false },              /* bad third byte */
		{ LIT("\xF0\x9F\x98\x28"), false },          /* bad fourth byte */
		{ LIT("12345678\xA3"), false },              /* after a fast-path word */
		{ LIT("1234567890123456\xC2\xA3" "abcdefgh"), true },
		{ LIT("1234567890123456\xC2" "abcdefgh"), false },
		{ LIT("abcdefgh12345678abcdefgh1234567\xED\xA0\x80"), false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (sk_utf8_valid(cases[i].s, cases[i].len) != cases[i].ok)
			fail_msg("case %zu: expected %s", i, cases[i].ok ? "valid" : "invalid");
	}
	/* The length is honoured: the bad byte lies past it. */
	assert_true(sk_utf8_valid("abc\xFF", 3));
	assert_false(sk_utf8_valid("\xC2\xA3", 1));
}

static void test_utf8_valid_big(void **state)
{
	(void)state;
	size_t n = (size_t)1 << 20;
	char *s = malloc(n);
	assert_non_null(s);
	memset(s, 'x', n);
	memcpy(s + n / 2, "\xE2\x82\xAC", 3);
	assert_true(sk_utf8_valid(s, n));
	s[n - 1] = (char)0x80;
	assert_false(sk_utf8_valid(s, n));
	free(s);
}

static FILE *stream_of(const char *s, size_t len)
{
	FILE *fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	rewind(fp);
	return fp;
}

static void test_is_blank(void **state)
{
	(void)state;
	assert_true(sk_text_is_blank(NULL));
	assert_true(sk_text_is_blank(""));
	assert_true(sk_text_is_blank(" \t\r\n"));
	assert_true(sk_text_is_blank("\xc2\xa0"));                  /* no-break space */
	assert_true(sk_text_is_blank("\xe2\x80\x8b\xe2\x80\x83 ")); /* zero-width, em space */
	assert_true(sk_text_is_blank("\xef\xbb\xbf\xe3\x80\x80"));  /* BOM, ideographic space */
	assert_false(sk_text_is_blank(" a "));
	assert_false(sk_text_is_blank("\xc2\xa0\xc3\xa9"));         /* a no-break space, "e" acute */
	assert_false(sk_text_is_blank("\xe2\x80\x90"));             /* a hyphen, U+2010 */
	assert_false(sk_text_is_blank("\xa0"));                       /* not UTF-8: a byte */
}

static void test_read_stream(void **state)
{
	(void)state;
	char *out;
	size_t len;
	FILE *fp = stream_of(LIT("a: 1\r\nb: \xA3\n"));
	assert_int_equal(sk_read_stream(&out, &len, fp, 1024), SK_OK);
	assert_int_equal(len, 11);
	assert_string_equal(out, "a: 1\r\nb: \xA3\n");
	free(out);

	rewind(fp);   /* exactly at the limit is fine */
	assert_int_equal(sk_read_stream(&out, &len, fp, 11), SK_OK);
	assert_int_equal(len, 11);
	free(out);

	rewind(fp);   /* one byte past it is not */
	assert_int_equal(sk_read_stream(&out, &len, fp, 10), SK_ELIMIT);
	assert_null(out);
	assert_int_equal(len, 0);

	rewind(fp);
	assert_int_equal(sk_read_stream(&out, &len, fp, 0), SK_ELIMIT);
	assert_null(out);
	fclose(fp);

	fp = stream_of("", 0);
	assert_int_equal(sk_read_stream(&out, &len, fp, 0), SK_OK);
	assert_int_equal(len, 0);
	assert_string_equal(out, "");
	free(out);
	fclose(fp);
}

static void test_read_stream_big(void **state)
{
	(void)state;
	size_t n = 300 * 1000 + 7;   /* several read chunks */
	char *s = malloc(n);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	FILE *fp = stream_of(s, n);
	char *out;
	size_t len;
	assert_int_equal(sk_read_stream(&out, &len, fp, SIZE_MAX), SK_OK);
	assert_int_equal(len, n);
	assert_memory_equal(out, s, n);
	assert_int_equal(out[n], '\0');
	free(out);

	rewind(fp);
	assert_int_equal(sk_read_stream(&out, &len, fp, n - 1), SK_ELIMIT);
	assert_null(out);
	rewind(fp);
	assert_int_equal(sk_read_stream(&out, &len, fp, 100000), SK_ELIMIT);
	assert_null(out);
	rewind(fp);
	assert_int_equal(sk_read_stream(&out, &len, fp, n), SK_OK);
	assert_int_equal(len, n);
	free(out);
	fclose(fp);
	free(s);
}

static void test_read_stream_error(void **state)
{
	(void)state;
	FILE *fp = fopen("/dev/null", "w");   /* reading a write-only stream fails */
	assert_non_null(fp);
	char *out;
	size_t len;
	errno = 0;
	assert_int_equal(sk_read_stream(&out, &len, fp, 1024), SK_EIO);
	/* glibc says EBADF; musl (emscripten, Alpine) sets nothing: then EIO. */
	assert_true(errno == EBADF || errno == EIO);
	assert_null(out);
	assert_int_equal(len, 0);
	fclose(fp);
}

static void test_pos_at(void **state)
{
	(void)state;
	const char *s = "ab\r\nc\xC2\xA3" "d\re\nf";
	sk_pos p = sk_text__pos_at(s, 0);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	p = sk_text__pos_at(s, 2);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 3);
	p = sk_text__pos_at(s, 7);   /* 'd': the pound sign is one character */
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 3);
	p = sk_text__pos_at(s, 9);   /* 'e' after a lone CR */
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 1);
	p = sk_text__pos_at(s, 11);
	assert_int_equal(p.line, 4);
	assert_int_equal(p.col, 1);

	size_t len = strlen(s);
	assert_int_equal(sk_text__line_start(s, len, 1), 0);
	assert_int_equal(sk_text__line_start(s, len, 2), 4);
	assert_int_equal(sk_text__line_start(s, len, 3), 9);
	assert_int_equal(sk_text__line_start(s, len, 4), 11);
	assert_int_equal(sk_text__line_start(s, len, 5), len);
}

static size_t mark(const char *s, bool *weak)
{
	return sk_text__item_mark_at(s, strlen(s), weak);
}

/* The marks a pasted list starts its lines with: a bullet whatever follows
 * it, a symbol with a space or a tab after it, a list number and a space;
 * the weak marks (a list's only where two lines or more start with one). */
static void test_item_mark_at(void **state)
{
	bool weak = true;

	(void)state;
	assert_int_equal(mark("\xe2\x80\xa2Warm", &weak), 3);
	assert_false(weak);
	assert_int_equal(mark("\xef\x82\xa7\tWarm", &weak), 3);        /* U+F0A7 */
	assert_false(weak);
	assert_int_equal(mark("\xef\x83\x98 Warm", &weak), 3);         /* U+F0D8 */
	assert_int_equal(mark("\xe2\x9e\xa2 Warm", &weak), 3);         /* U+27A2 */
	assert_int_equal(mark("\xe2\x86\x92 Warm", &weak), 3);         /* an arrow */
	assert_int_equal(mark("\xe2\x9c\x93 Warm", &weak), 3);         /* a tick */
	assert_int_equal(mark("\xc2\xa7\tWarm", &weak), 2);            /* section sign */
	assert_false(weak);
	assert_int_equal(mark("\xc2\xa7" "3 of the code", &weak), 0);  /* text */
	assert_int_equal(mark("\xe2\x86\x92" "2026", &weak), 0);
	assert_int_equal(mark("\xc2\xa7 6.2 and", &weak), 0);       /* a reference */
	assert_int_equal(mark("\xc2\xa7\t6.3", &weak), 0);
	assert_int_equal(mark("12) Warm", &weak), 3);
	assert_false(weak);

	assert_int_equal(mark("a) Leaders", &weak), 2);
	assert_true(weak);
	assert_int_equal(mark("B. Governors", &weak), 2);
	assert_true(weak);
	assert_int_equal(mark("iii. SENCo", &weak), 4);
	assert_true(weak);
	assert_int_equal(mark("(1) Leaders", &weak), 3);
	assert_true(weak);
	assert_int_equal(mark("(iv)\tLeaders", &weak), 4);
	assert_int_equal(mark("o Leaders", &weak), 1);
	assert_true(weak);
	assert_int_equal(mark("+ Leaders", &weak), 1);
	assert_int_equal(mark("\xe2\x80\x93 Leaders", &weak), 3);      /* en dash */
	assert_true(weak);
	assert_int_equal(mark("\xe2\x80\x94 Leaders", &weak), 3);      /* em dash */

	/* Words, not marks: no space after, a word, more than a label. */
	assert_int_equal(mark("a)Leaders", &weak), 0);
	assert_int_equal(mark("of the plan", &weak), 0);
	assert_int_equal(mark("on roll", &weak), 0);
	assert_int_equal(mark("ab) Leaders", &weak), 0);
	assert_int_equal(mark("Dr. Smith", &weak), 0);
	assert_int_equal(mark("(123) Leaders", &weak), 0);
	assert_int_equal(mark("(SENCo) Leaders", &weak), 0);
	assert_int_equal(mark("+5 pupils", &weak), 0);
	assert_int_equal(mark("\xe2\x80\x93" "ish", &weak), 0);
	assert_int_equal(mark("a", &weak), 0);
	assert_int_equal(mark("", &weak), 0);
	assert_false(weak);
}

static bool rank(const char *s, unsigned *letter, unsigned *roman, bool *digits)
{
	return sk_text__label_rank(s, strlen(s), letter, roman, digits);
}

/* A label's rank read as letters and as a roman number, for the runs a
 * pasted list's labels make ("a)", "b)"; "i.", "ii."; "1.", "2."). */
/* Word's private-use bullets are named by number; other marks as they are. */
static void test_mark_shown(void **state)
{
	char out[SK_TEXT__MARK_MAX];

	(void)state;
	assert_true(sk_text__mark_shown(out, "\xef\x82\xb7", 3));
	assert_string_equal(out, "<U+F0B7>");
	assert_true(sk_text__mark_shown(out, "\xef\x83\xbc", 3));
	assert_string_equal(out, "<U+F0FC>");
	assert_false(sk_text__mark_shown(out, "\xe2\x80\xa2", 3));
	assert_string_equal(out, "\xe2\x80\xa2");
	assert_false(sk_text__mark_shown(out, "1)", 2));
	assert_string_equal(out, "1)");
}

static void test_label_rank(void **state)
{
	unsigned l = 99, r = 99;
	bool d = true;

	(void)state;
	assert_true(rank("c) Leaders", &l, &r, &d));
	assert_int_equal(l, 3);
	assert_int_equal(r, 0);
	assert_false(d);
	assert_true(rank("iv. SENCo", &l, &r, &d));
	assert_int_equal(l, 0);
	assert_int_equal(r, 4);
	assert_true(rank("i. SENCo", &l, &r, &d));
	assert_int_equal(l, 9);
	assert_int_equal(r, 1);
	assert_true(rank("(ix) SENCo", &l, &r, &d));
	assert_int_equal(r, 9);
	assert_true(rank("12) Leaders", &l, &r, &d));
	assert_int_equal(l, 12);
	assert_int_equal(r, 12);
	assert_true(d);
	assert_true(rank("(2) Leaders", &l, &r, &d));
	assert_int_equal(l, 2);
	assert_true(d);
	assert_true(rank("J. Smith", &l, &r, &d));
	assert_int_equal(l, 10);
	/* Marks that are no labels: dashes, "o", "+", words. */
	assert_false(rank("\xe2\x80\x93 with cover", &l, &r, &d));
	assert_false(rank("o Leaders", &l, &r, &d));
	assert_false(rank("+ Leaders", &l, &r, &d));
	assert_false(rank("Dr. Smith", &l, &r, &d));
	assert_false(rank("", &l, &r, &d));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding_names),
		cmocka_unit_test(test_decode_ascii),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_decode_utf8_multibyte),
		cmocka_unit_test(test_decode_utf8_bom),
		cmocka_unit_test(test_decode_utf8_bom_then_cp1252),
		cmocka_unit_test(test_decode_utf16le),
		cmocka_unit_test(test_decode_utf16be),
		cmocka_unit_test(test_decode_utf16_odd_length),
		cmocka_unit_test(test_decode_utf16_lone_surrogate),
		cmocka_unit_test(test_decode_utf16_nul),
		cmocka_unit_test(test_decode_cp1252),
		cmocka_unit_test(test_decode_cp1252_undefined),
		cmocka_unit_test(test_decode_nul_byte),
		cmocka_unit_test(test_decode_null_enc_and_diags),
		cmocka_unit_test(test_cp1252_to_utf8_table),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_valid_big),
		cmocka_unit_test(test_is_blank),
		cmocka_unit_test(test_read_stream),
		cmocka_unit_test(test_read_stream_big),
		cmocka_unit_test(test_read_stream_error),
		cmocka_unit_test(test_pos_at),
		cmocka_unit_test(test_item_mark_at),
		cmocka_unit_test(test_label_rank),
		cmocka_unit_test(test_mark_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
