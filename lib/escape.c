/* The escapes for text from a file, one set for every output: see sendkit/escape.h. */
#include <string.h>

#include "sendkit/escape.h"
#include "escape_internal.h"
#include "text_internal.h"

bool sk_escape_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029
	       || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool shown_escaped(uint32_t cp)
{
	return cp == SK_TEXT__BAD || sk_escape_is_control(cp);
}

const char *sk_escape__hex(char buf[8], const char *prefix, uint32_t value, int digits)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(prefix);
	memcpy(buf, prefix, n);
	for (int i = 0; i < digits; i++)
		buf[n + (size_t)i] = hex[(value >> (4 * (digits - 1 - i))) & 0xF];
	buf[n + (size_t)digits] = '\0';
	return buf;
}

/* The escape for a character that shown_escaped() picks (or for ':' or '[');
 * `byte` is the byte that was not UTF-8. */
static const char *escape_of(char buf[8], uint32_t cp, unsigned char byte)
{
	if (cp == '\n')
		return "\\n";
	if (cp == '\r')
		return "\\r";
	if (cp == '\t')
		return "\\t";
	if (cp == SK_TEXT__BAD)
		return sk_escape__hex(buf, "\\x", byte, 2);
	return cp < 0x80 ? sk_escape__hex(buf, "\\x", cp, 2) : sk_escape__hex(buf, "\\u", cp, 4);
}

/* True for the first colon of "::". A line that begins with "::" after
 * whitespace (Unicode's included) is a workflow command to GitHub Actions,
 * and wrapped or indented text can put any word at the start of a line. */
static bool starts_workflow_command(const char *s, size_t i, size_t len)
{
	return s[i] == ':' && i + 1 < len && s[i + 1] == ':';
}

bool sk_escape__opens_bracket_command(const char *s, size_t i)
{
	return s[i] == '[' && i > 0 && s[i - 1] == '#';
}

/* The visible form of the character at s[i] (n bytes, code point cp), or NULL
 * to write it as it is. */
static const char *visible_escape(char buf[8], const char *s, size_t i, size_t len, uint32_t cp)
{
	if (shown_escaped(cp))
		return escape_of(buf, cp, (unsigned char)s[i]);
	if (starts_workflow_command(s, i, len))
		return escape_of(buf, ':', ':');
	if (sk_escape__opens_bracket_command(s, i))
		return escape_of(buf, '[', '[');
	return NULL;
}

int sk_escape_write_visible(FILE *out, const char *s, size_t len)
{
	size_t run = 0, i = 0;
	bool ok = true;
	while (i < len) {
		uint32_t cp;
		size_t n = sk_text__next(s + i, len - i, &cp);
		char buf[8];
		const char *esc = visible_escape(buf, s, i, len, cp);
		if (esc) {
			ok &= fwrite(s + run, 1, i - run, out) == i - run;
			ok &= fputs(esc, out) != EOF;
			run = i + n;
		}
		i += n;
	}
	ok &= fwrite(s + run, 1, len - run, out) == len - run;
	return ok ? SK_OK : SK_EIO;
}

bool sk_escape__changes_visible(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = sk_text__next(s + i, len - i, &cp);
		char buf[8];
		if (visible_escape(buf, s, i, len, cp))
			return true;
		i += n;
	}
	return false;
}

size_t sk_escape_visible_width(const char *s, size_t len)
{
	size_t width = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = sk_text__next(s + i, len - i, &cp);
		char buf[8];
		const char *esc = visible_escape(buf, s, i, len, cp);
		width += esc ? strlen(esc) : 1;
		i += n;
	}
	return width;
}

/* Markdown */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The "www" before a dot that GitHub would make a link of. */
static bool after_www(const char *s, size_t i)
{
	return i >= 3 && strchr("wW", s[i - 1]) && strchr("wW", s[i - 2]) && strchr("wW", s[i - 3]);
}

/* What an ASCII character becomes in Markdown text, or NULL to write it as
 * it is. Entities for the characters that Python-Markdown cannot
 * backslash-escape; a backslash for those that every renderer can. */
static const char *markdown_ascii(char buf[3], const char *s, size_t i, bool at_start)
{
	char c = s[i];
	switch (c) {
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '&': return "&amp;";
	case '~': return "&#126;";                          /* strikethrough */
	case ':': return starts_with(s + i + 1, "//") ? "&#58;" : NULL;  /* web autolinks */
	case ' ': return at_start ? "&#32;" : NULL;         /* indented code */
	case '.': if (!after_www(s, i)) return NULL; break;
	case '-': case '+':                  /* a list item or a rule */
		if (!at_start || !strchr(" \t-", s[i + 1]))
			return NULL;
		break;
	case '_':                            /* not emphasis inside a word: on_roll */
		if (i > 0 && is_alnum(s[i - 1]) && is_alnum(s[i + 1]))
			return NULL;
		break;
	case '\\': case '`': case '*': case '[': case ']': case '{': case '}':
	case '#': case '|': case '!':
		break;
	default:
		return NULL;
	}
	buf[0] = '\\', buf[1] = c, buf[2] = '\0';
	return buf;
}

int sk_escape_write_markdown(FILE *out, const char *s)
{
	size_t len = strlen(s), i = 0;
	bool ok = true;
	/* "1. " or "1) " at the start would begin a numbered list. */
	size_t digits = strspn(s, "0123456789");
	if (digits && (s[digits] == '.' || s[digits] == ')') && strchr(" \t", s[digits + 1])) {
		ok &= fwrite(s, 1, digits, out) == digits;
		ok &= fputc('\\', out) != EOF && fputc(s[digits], out) != EOF;
		i = digits + 1;
	}
	while (i < len) {
		uint32_t cp;
		size_t n = sk_text__next(s + i, len - i, &cp);
		char buf[8];
		const char *esc = NULL;
		if (cp == '\n' || cp == '\r') {
			esc = "<br>";
			if (cp == '\r' && s[i + 1] == '\n')
				n++;
		} else if (shown_escaped(cp) || starts_workflow_command(s, i, len)) {
			/* The escape's own backslash escaped, so that it is shown. */
			ok &= fputc('\\', out) != EOF;
			esc = escape_of(buf, cp, (unsigned char)s[i]);
		} else if (cp < 0x80) {
			esc = markdown_ascii(buf, s, i, i == 0);
		}
		if (esc)
			ok &= fputs(esc, out) != EOF;
		else
			ok &= fwrite(s + i, 1, n, out) == n;
		i += n;
	}
	return ok ? SK_OK : SK_EIO;
}

/* Spreadsheets */

static const char *skip_digits(const char *s)
{
	while (*s >= '0' && *s <= '9')
		s++;
	return s;
}

bool sk_escape__is_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		p = skip_digits(p);
	else
		return false;
	if (*p == '.') {
		const char *q = skip_digits(++p);
		if (q == p)
			return false;
		p = q;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		const char *q = skip_digits(p);
		if (q == p)
			return false;
		p = q;
	}
	return *p == '\0';
}

bool sk_escape_formula_risk(const char *s)
{
	const char *p = s + strspn(s, "'");
	return *p && strchr("=+-@\t\r", *p) && !sk_escape__is_number(s);
}

const char *sk_escape_formula_undo(const char *s)
{
	return s[0] == '\'' && sk_escape_formula_risk(s + 1) ? s + 1 : s;
}
