/* The slips people make writing YAML by hand (a missing space after a colon,
 * a no-break space or a bullet pasted from Word, a colon or a "#" inside a
 * value, "-" alone as a value), found in the raw text: to name the cause of a
 * libyaml error at the line that holds it, and to warn where YAML reads the
 * file without error but not as the writer meant. */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sendkit/area.h"
#include "text_internal.h"
#include "yaml_internal.h"

#define SHOWN 40              /* bytes of the file quoted in a message */
#define FULLWIDTH_COLON "\xef\xbc\x9a"
#define LEFT_DOUBLE "\xe2\x80\x9c"     /* U+201C */
#define LEFT_SINGLE "\xe2\x80\x98"     /* U+2018 */

/* One line of the text, without its line end. */
typedef struct line {
	const char *s;
	size_t n;
	size_t off;               /* where it starts in the text */
	unsigned no;              /* its number, from 1 */
	bool wide;                /* a byte from 0x80 in it: every slip but "#" needs one */
} line;

typedef struct scan {
	sk_diags *diags;
	const char *file;
	const char *text;
	size_t len;
} scan;

/* Whether s[0..n) holds a byte from 0x80, eight bytes at a time. */
static bool has_wide(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w, any = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		any |= w;
	}
	for (; i < n; i++)
		any |= (unsigned char)s[i];
	return (any & UINT64_C(0x8080808080808080)) != 0;
}

static line line_from(const scan *sc, size_t off, unsigned no)
{
	const char *s = sc->text + off, *end;
	size_t n = sc->len - off;

	if ((end = memchr(s, '\n', n)) != NULL)
		n = (size_t)(end - s);
	if ((end = memchr(s, '\r', n)) != NULL)
		n = (size_t)(end - s);
	return (line){s, n, off, no, has_wide(s, n)};
}

static bool line_at(line *out, const scan *sc, unsigned no)
{
	size_t off = sk_text__line_start(sc->text, sc->len, no);

	if (no == 0 || (off >= sc->len && no > 1))
		return false;
	*out = line_from(sc, off, no);
	return true;
}

/* The line before l, found from l's start: line_at would count lines from the
 * top, which made a file of bullets quadratic. */
static bool line_prev(line *out, const scan *sc, const line *l)
{
	size_t start = l->off;

	if (l->no <= 1 || start == 0)
		return false;
	if (sc->text[start - 1] == '\n' && start >= 2 && sc->text[start - 2] == '\r')
		start--;
	start--;
	while (start > 0 && sc->text[start - 1] != '\n' && sc->text[start - 1] != '\r')
		start--;
	*out = line_from(sc, start, l->no - 1);
	return true;
}

/* The line after l (a line ends at "\n", "\r\n" or a lone "\r", as in libyaml). */
static bool line_next(line *l, const scan *sc)
{
	size_t off = l->off + l->n;

	if (off >= sc->len)
		return false;
	off += sc->text[off] == '\r' && off + 1 < sc->len && sc->text[off + 1] == '\n' ? 2 : 1;
	if (off >= sc->len)
		return false;
	*l = line_from(sc, off, l->no + 1);
	return true;
}

static bool starts(const line *l, size_t i, const char *what)
{
	size_t n = strlen(what);

	return i + n <= l->n && memcmp(l->s + i, what, n) == 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static int report(const scan *sc, const line *l, size_t i, sk_severity sev, const char *rule,
		  const char *fmt, ...)
{
	sk_pos pos = {l->no, 1};
	va_list ap;
	int rc;

	for (size_t k = 0; k < i; k++)
		pos.col += ((unsigned char)l->s[k] & 0xC0) != 0x80;
	va_start(ap, fmt);
	rc = sk_diags_vadd(sc->diags, sc->file, pos, sev, rule, fmt, ap);
	va_end(ap);
	return rc;
}

/* How many bytes of s[0..n) to quote: at most SHOWN, on a character boundary. */
static int shown(const char *s, size_t n)
{
	if (n <= SHOWN)
		return (int)n;
	n = SHOWN;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static const char *more(const char *s, size_t n)
{
	return (size_t)shown(s, n) < n ? "..." : "";
}

static size_t indent_of(const line *l)
{
	size_t i = 0;

	while (i < l->n && l->s[i] == ' ')
		i++;
	return i;
}

/* Spaces, then any "- " list markers: where the line's content starts. */
static size_t content_start(const line *l)
{
	size_t i = 0;

	while (i < l->n && l->s[i] == ' ')
		i++;
	while (i + 1 < l->n && l->s[i] == '-' && l->s[i + 1] == ' ') {
		i += 2;
		while (i < l->n && l->s[i] == ' ')
			i++;
	}
	if (i + 1 == l->n && l->s[i] == '-')
		i++;
	return i;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	       || c == '_' || c == '-';
}

/* The end of a plain key that starts at i ("cost" in "cost: 350"), or i. */
static size_t key_end(const line *l, size_t i)
{
	while (i < l->n && key_char(l->s[i]))
		i++;
	return i;
}

/* Whether a key ("cost:" and a space or the line's end) starts at l->s[i];
 * *empty says when no value follows it on the line (a comment is none, as
 * the template's "strengths:   # Areas of Strength" has). */
static bool key_at(const line *l, size_t i, bool *empty)
{
	size_t k = key_end(l, i), v = k + 1;

	if (k == i || k >= l->n || l->s[k] != ':' || (k + 1 < l->n && l->s[k + 1] != ' '))
		return false;
	while (v < l->n && l->s[v] == ' ')
		v++;
	*empty = v == l->n || l->s[v] == '#';
	return true;
}

/* Where a line's parts start: its content (after the indent and any "- "),
 * the end of its key (k == i when the content is no "key:"), and its value
 * (after the key's colon and spaces, or the content when there is no key).
 * With `spaced`, a key's colon must have a space after it ("key:x" is text). */
typedef struct parts {
	size_t i, k, v;
} parts;

static parts parts_of(const line *l, bool spaced)
{
	parts p = {content_start(l), 0, 0};

	p.k = key_end(l, p.i);
	p.v = p.i;
	if (p.k == p.i || p.k >= l->n || l->s[p.k] != ':'
	    || (spaced && (p.k + 1 >= l->n || l->s[p.k + 1] != ' '))) {
		p.k = p.i;
		return p;
	}
	for (p.v = p.k + 1; p.v < l->n && l->s[p.v] == ' '; p.v++)
		;
	return p;
}

/* The characters Word and web pages paste that look like a space or like
 * nothing, by their Unicode names (U+FEFF's usual one), as a message says them. */
static const struct odd {
	unsigned code;
	const char *name;
	bool space;               /* shows as a space (the rest show as nothing) */
} odds[] = {
	{0x00A0, "a no-break space", true}, {0x202F, "a narrow no-break space", true},
	{0x2002, "an en space", true}, {0x2003, "an em space", true},
	{0x2009, "a thin space", true}, {0x3000, "an ideographic space", true},
	{0x200B, "an invisible zero width space", false},
	{0x200C, "an invisible zero width non-joiner", false},
	{0x200D, "an invisible zero width joiner", false},
	{0x2060, "an invisible word joiner", false},
	{0xFEFF, "an invisible byte order mark", false},
	{0x00AD, "an invisible soft hyphen", false}, {0x2028, "a line separator", false},
	{0x2029, "a paragraph separator", false},
};

static const struct odd *odd_of(unsigned code)
{
	for (size_t i = 0; i < sizeof(odds) / sizeof(odds[0]); i++)
		if (odds[i].code == code)
			return &odds[i];
	return NULL;
}

size_t sk_yaml__invisible_at(const char *s, size_t n, unsigned *code)
{
	uint32_t cp;
	size_t len;

	if (n == 0 || (unsigned char)s[0] < 0xC2)
		return 0;
	len = sk_text__next(s, n, &cp);
	if (cp == SK_TEXT__BAD || !odd_of(cp))
		return 0;
	*code = cp;
	return len;
}

const char *sk_yaml__char_words(unsigned code)
{
	const struct odd *o = odd_of(code);

	return o ? o->name : "a character";
}

bool sk_yaml__char_is_space(unsigned code)
{
	const struct odd *o = odd_of(code);

	return o && o->space;
}

/* The bytes of a character that looks like a space at l->s[i], or 0. */
static size_t odd_space_at(const line *l, size_t i, unsigned *code)
{
	size_t n = i < l->n ? sk_yaml__invisible_at(l->s + i, l->n - i, code) : 0;

	return n && sk_yaml__char_is_space(*code) ? n : 0;
}

/* The bytes of a bullet character at s[i] ("\u2022" and the marks Word pastes), or 0. */
static size_t bullet_at(const line *l, size_t i)
{
	return i < l->n ? sk_text__bullet_at(l->s + i, l->n - i, false) : 0;
}

/* The bytes of a list number at s[i], as Word's numbered lists paste ("1."
 * or "12)" and a space), or 0. */
static size_t number_at(const line *l, size_t i)
{
	size_t k = i < l->n ? sk_text__number_at(l->s + i, l->n - i) : 0;
	unsigned code;

	if (k == 0 || i + k >= l->n || (l->s[i + k] != ' ' && !odd_space_at(l, i + k, &code)))
		return 0;
	return k;
}

/* An odd character where YAML needs a plain one: a space of another kind
 * (a no-break space, as Word pastes) in the indentation, after a list's "-"
 * or after a key's colon; a tab after a list's "-"; a full-width colon (U+FF1A, as an East Asian
 * keyboard types) after a key. */
static int odd_char_slip(const scan *sc, const line *l, sk_severity sev)
{
	const char *rule = sev == SK_ERROR ? "yaml-syntax" : "yaml-slip";
	size_t i = 0, k, n;
	unsigned code;

	for (; i < l->n; i += n) {
		if (l->s[i] == ' ')
			n = 1;
		else if ((n = odd_space_at(l, i, &code)) == 0)
			break;
		else
			return report(sc, l, i, sev, rule,
				      "%s (U+%04X, as Word pastes) in the indentation: indent "
				      "with ordinary spaces", sk_yaml__char_words(code), code);
	}
	i = content_start(l);
	if (i < l->n && l->s[i] == '-' && odd_space_at(l, i + 1, &code))
		return report(sc, l, i + 1, sev, rule,
			      "%s (U+%04X, as Word pastes) after the list's \"-\": "
			      "YAML needs an ordinary space there", sk_yaml__char_words(code), code);
	/* Word's bullet and the tab after it, with "-" typed for the bullet. */
	if (i + 1 < l->n && l->s[i] == '-' && l->s[i + 1] == '\t')
		return report(sc, l, i + 1, sev, rule,
			      "a tab after the list's \"-\" (as Word's bullet and tab paste): "
			      "YAML needs an ordinary space there; type a space in its place");
	/* The same tab after a "- " typed before the paste. */
	for (k = i; k > 0 && l->s[k - 1] == ' '; k--)
		;
	if (i < l->n && l->s[i] == '\t' && k < i && k > 0 && l->s[k - 1] == '-')
		return report(sc, l, i, sev, rule,
			      "a tab after the list's \"- \" (as Word's bullet and tab paste): "
			      "YAML cannot start a value with a tab; delete the tab");
	k = key_end(l, i);
	if (k > i && k < l->n && l->s[k] == ':' && odd_space_at(l, k + 1, &code))
		return report(sc, l, k + 1, sev, rule,
			      "%s (U+%04X, as Word pastes) after \"%.*s:\": "
			      "YAML needs an ordinary space there", sk_yaml__char_words(code), code,
			      shown(l->s + i, k - i), l->s + i);
	if (k > i && starts(l, k, FULLWIDTH_COLON))
		return report(sc, l, k, sev, rule,
			      "a full-width colon (U+FF1A) after \"%.*s\": YAML needs an ordinary "
			      "colon and a space, as in \"%.*s: value\"", shown(l->s + i, k - i),
			      l->s + i, shown(l->s + i, k - i), l->s + i);
	return SK_EINVAL;
}

/* The key of the nearest line above l that is not blank, when that line is
 * a key with no value on it ("strengths:"): its length, or 0. */
static size_t empty_key_above(const scan *sc, const line *l, line *above)
{
	size_t i;
	bool empty;

	for (const line *below = l; line_prev(above, sc, below); below = above) {
		if (indent_of(above) == above->n)
			continue;
		i = content_start(above);
		return key_at(above, i, &empty) && empty ? key_end(above, i) - i : 0;
	}
	return 0;
}

/* The bytes of a list's letter or roman number ("a)", "iv.", "(b)", "(1)")
 * at l->s[i] with a key after it ("a) action: ..."), as a list pasted from
 * a document has, or 0: before other text it may be prose ("a) the plan"). */
static size_t label_key_at(const line *l, size_t i)
{
	size_t k, j;
	bool weak, empty;

	if (i >= l->n || !(isalpha((unsigned char)l->s[i]) || l->s[i] == '('))
		return 0;
	k = sk_text__item_mark_at(l->s + i, l->n - i, &weak);
	if (k == 0 || !weak)
		return 0;
	for (j = i + k; j < l->n && (l->s[j] == ' ' || l->s[j] == '\t'); j++)
		;
	return key_at(l, j, &empty) ? k : 0;
}

/* The list number at l->s[i] (number_at's), as a value. */
static unsigned number_value(const line *l, size_t i)
{
	unsigned v = 0;

	for (; i < l->n && l->s[i] >= '0' && l->s[i] <= '9'; i++)
		v = v * 10 + (unsigned)(l->s[i] - '0');
	return v;
}

static bool line_near(line *out, const scan *sc, const line *l, bool down);
static size_t key_colon(const line *l, size_t i);

/* Whether the list number at l->s[i] is one of a run: the line above or
 * below holds the number before or after it. One alone
 * inside a text is a wrapped line's ("in Year / 6. All met"). */
static bool number_in_run(const scan *sc, const line *l, size_t i)
{
	unsigned v = number_value(l, i);
	line near;

	for (int down = 0; down < 2; down++) {
		size_t at;

		if (!line_near(&near, sc, l, down))
			continue;
		/* The number above may follow the item's "- " or a key's ": ". */
		at = content_start(&near);
		if (!down && key_colon(&near, at) < near.n)
			for (at = key_colon(&near, at) + 1; at < near.n && near.s[at] == ' '; at++)
				;
		if (number_at(&near, at) && number_value(&near, at) == (down ? v + 1 : v - 1))
			return true;
	}
	return false;
}

/* A bullet or a list number where a list item's "-" should be. (A bullet
 * after it, "- \u2022 text", is the decoder's: it leaves the bullet off any
 * text.) */
static int bullet_slip(const scan *sc, const line *l, sk_severity sev)
{
	size_t i = indent_of(l), n = bullet_at(l, i), key;
	const char *what = "bullet";
	char pua[SK_TEXT__MARK_MAX];
	bool one_space;
	line above;

	if (n == 0 && (n = number_at(l, i)) > 0)
		what = "list number";
	if (n == 0 && sev == SK_ERROR && (n = label_key_at(l, i)) > 0)
		what = "list label";
	if (n == 0)
		return SK_EINVAL;
	/* "a) action:" made "- action:" keeps the key at its column; "a)" made
	 * "- " would push it right of the keys below it. */
	one_space = i + n + 1 < l->n && l->s[i + n] == ' ' && l->s[i + n + 1] != ' '
		    && l->s[i + n + 1] != '\t';
	sk_text__mark_shown(pua, l->s + i, n);
	n = strlen(pua);
	if (sev == SK_ERROR && one_space)
		return report(sc, l, i, sev, "yaml-syntax",
			      "a \"%.*s\" %s starts this line: YAML lists start with \"- \"; "
			      "write \"- \" in place of \"%.*s \"", (int)n, pua, what, (int)n, pua);
	if (sev == SK_ERROR)
		return report(sc, l, i, sev, "yaml-syntax",
			      "a \"%.*s\" %s starts this line: YAML lists start with \"- \"; "
			      "write \"- \" in its place", (int)n, pua, what);
	if ((key = empty_key_above(sc, l, &above)) == 0 && *what == 'l'
	    && !number_in_run(sc, l, i))
		return SK_EINVAL;
	if (key > 0)
		return report(sc, l, i, sev, "yaml-slip",
			      "a \"%.*s\" %s starts this line, so YAML reads it, and any "
			      "\"- \" items below it, as one text, the value of \"%.*s\": write "
			      "\"- \" in its place", (int)n, pua, what,
			      shown(above.s + content_start(&above), key),
			      above.s + content_start(&above));
	return report(sc, l, i, sev, "yaml-slip",
		      "a \"%.*s\" %s starts this line, so YAML reads it as more of the "
		      "text above, not as a list item: write \"- \" in its place",
		      (int)n, pua, what);
}

/* The nearest line above l, or below it when `down`, that is not blank. */
static bool line_near(line *out, const scan *sc, const line *l, bool down)
{
	line at = *l, from;

	for (;;) {
		from = at;
		if (!(down ? line_next(&at, sc) : line_prev(&at, sc, &from)))
			return false;
		if (indent_of(&at) < at.n) {
			*out = at;
			return true;
		}
	}
}

/* Whether l, indented `in`, stands among list items: a line at its indent
 * above or below it starts with "-". */
static bool among_items(const scan *sc, const line *l, size_t in)
{
	line near;

	for (int down = 0; down < 2; down++)
		if (line_near(&near, sc, l, down) && indent_of(&near) == in && near.s[in] == '-')
			return true;
	return false;
}

/* A list item indented deeper than the plain text item just above it (one
 * pasted with a space more): YAML reads its "- " and text as more of that
 * item's text, so the list has one item fewer, with no error. The item
 * above may run over lines (text wrapped under it, deeper than its "-"). */
static int deep_item_slip(const scan *sc, const line *l)
{
	size_t in = indent_of(l), m, i, least = SIZE_MAX;
	bool empty;
	line above, at = *l;

	if (!starts(l, in, "- ") && !starts(l, in, "-\t"))
		return SK_EINVAL;
	for (;; at = above) {
		if (!line_near(&above, sc, &at, false))
			return SK_EINVAL;
		m = indent_of(&above);
		if (starts(&above, m, "- ") || starts(&above, m, "-\t"))
			break;
		if (above.s[m] == '#' || key_at(&above, m, &empty))
			return SK_EINVAL;
		least = m < least ? m : least;    /* a line of the item's text */
	}
	if (m >= in || (least != SIZE_MAX && least <= m))
		return SK_EINVAL;
	i = content_start(&above);
	if (i >= above.n || strchr("\"'[{|>&!*#", above.s[i]) || key_at(&above, i, &empty))
		return SK_EINVAL;
	return report(sc, l, in, SK_WARNING, "yaml-slip",
		      "this list item's \"-\" is indented %zu space%s where the item above has "
		      "%zu, so YAML reads it as more of the text of the item above, not as an "
		      "item of its own: put the \"-\" at column %zu%s", in, in == 1 ? "" : "s", m,
		      m + 1, l->s[in + 1] == '\t' ? ", and type a space for the tab after it" : "");
}

/* Whether "-" and a letter start l->s[i] ("-Leaders"), not "- " or "-5". */
static bool dash_text_at(const line *l, size_t i)
{
	unsigned char c = i + 1 < l->n ? (unsigned char)l->s[i + 1] : 0;

	return i < l->n && l->s[i] == '-' && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC2);
}

/* "-Leaders know pupils": a "-" with no space after it, as Word and people
 * type a list, is text to YAML, not a list item. */
static int dash_slip(const scan *sc, const line *l, sk_severity sev)
{
	size_t i = indent_of(l), key, k;
	line above;

	if (!dash_text_at(l, i))
		return SK_EINVAL;
	key = empty_key_above(sc, l, &above);
	if (!key && !among_items(sc, l, i))
		return SK_EINVAL;
	k = key_end(l, i + 1);
	if (sev == SK_ERROR)
		return report(sc, l, i, sev, "yaml-syntax",
			      "no space after the \"-\" in \"%.*s%s\": YAML starts a list item "
			      "only with \"- \", so put a space after the dash",
			      shown(l->s + i, l->n - i), l->s + i, more(l->s + i, l->n - i));
	if (k < l->n && l->s[k] == ':' && (k + 1 == l->n || l->s[k + 1] == ' '))
		return report(sc, l, i, sev, "yaml-slip",
			      "no space after the \"-\" in \"%.*s%s\", so YAML reads \"%.*s\" as "
			      "a key, not as a list item: put a space after the dash",
			      shown(l->s + i, l->n - i), l->s + i, more(l->s + i, l->n - i),
			      shown(l->s + i, k - i), l->s + i);
	if (key)
		return report(sc, l, i, sev, "yaml-slip",
			      "no space after the \"-\" in \"%.*s%s\", so YAML reads it, and any "
			      "\"- \" items below it, as one text, the value of \"%.*s\": put a space "
			      "after the dash", shown(l->s + i, l->n - i), l->s + i,
			      more(l->s + i, l->n - i), shown(above.s + content_start(&above), key),
			      above.s + content_start(&above));
	return report(sc, l, i, sev, "yaml-slip",
		      "no space after the \"-\" in \"%.*s%s\", so YAML reads it as more of the "
		      "text above, not as a list item: put a space after the dash",
		      shown(l->s + i, l->n - i), l->s + i, more(l->s + i, l->n - i));
}

/* An invisible character in a value ("lead: " and a zero-width space,
 * pasted from the web): the page would carry it, and a search would miss it.
 * One starting the value is named wherever it is; inside it, one that shows
 * as nothing (a space of another kind is as meant there), and the first only;
 * a key's own is the decoder's, with the key meant. */
static int invisible_value_slip(const scan *sc, const line *l)
{
	parts p = parts_of(l, false);
	size_t i = p.i, v = p.v;
	unsigned code;

	if (v == i)   /* a key with an odd character in it: the decoder's; its value is after ": " */
		for (size_t at = i; at + 1 < l->n; at++)
			if (l->s[at] == ':' && l->s[at + 1] == ' ') {
				v = at + 2;
				break;
			}
	if (v > i && v < l->n && sk_yaml__invisible_at(l->s + v, l->n - v, &code) > 0)
		return report(sc, l, v, SK_WARNING, "yaml-slip",
			      "%s (U+%04X, as a web page or Word may paste) starts "
			      "this value: delete it", sk_yaml__char_words(code), code);
	for (size_t at = v; at < l->n; at++) {
		if ((unsigned char)l->s[at] < 0xC2
		    || sk_yaml__invisible_at(l->s + at, l->n - at, &code) == 0
		    || sk_yaml__char_is_space(code))
			continue;
		return report(sc, l, at, SK_WARNING, "yaml-slip",
			      "%s (U+%04X, as a web page or Word may paste) in this "
			      "value: delete it%s", sk_yaml__char_words(code), code,
			      code == 0x2028 || code == 0x2029 ? ", or start a new line" : "");
	}
	return SK_EINVAL;
}

/* "cost:350": a key and a value with no space between them. */
static int no_space_slip(const scan *sc, const line *l)
{
	size_t i = content_start(l), k = key_end(l, i), rest = k + 1;
	char c;

	if (k == i || k + 1 >= l->n || l->s[k] != ':')
		return SK_EINVAL;
	c = l->s[k + 1];
	if (c == ' ' || c == '\t' || c == ':' || c == '/')
		return SK_EINVAL;
	for (; rest < l->n; rest++)
		if (l->s[rest] == ':' && (rest + 1 == l->n || l->s[rest + 1] == ' '))
			return SK_EINVAL;
	return report(sc, l, k, SK_ERROR, "yaml-syntax",
		      "no space after the colon in \"%.*s%s\": YAML needs one, as in "
		      "\"key: value\"", shown(l->s + i, l->n - i), l->s + i,
		      more(l->s + i, l->n - i));
}

/* The closing quote of the quoted scalar that opens at i, or l->n when it
 * does not close on this line. */
static size_t quote_end(const line *l, size_t i)
{
	char quote = l->s[i];

	for (size_t k = i + 1; k < l->n; k++) {
		if ((l->s[k] == '\\' && quote == '"')
		    || (l->s[k] == '\'' && quote == '\'' && k + 1 < l->n && l->s[k + 1] == '\''))
			k++;          /* an escape, or '' inside single quotes */
		else if (l->s[k] == quote)
			return k;
	}
	return l->n;
}

/* `name: "Oakfield" Primary School`: a value that opens with a quote ends at
 * the closing quote, so the text after it is a syntax error. */
static int quote_slip(const scan *sc, const line *l)
{
	size_t v = parts_of(l, false).v, e, after, end;

	if (v >= l->n || (l->s[v] != '"' && l->s[v] != '\''))
		return SK_EINVAL;
	if ((e = quote_end(l, v)) == l->n)
		return SK_EINVAL;
	for (after = e + 1; after < l->n && l->s[after] == ' '; after++)
		;
	if (after == l->n || l->s[after] == '#')
		return SK_EINVAL;
	for (end = after; end < l->n && !(l->s[end] == '#' && l->s[end - 1] == ' '); end++)
		;
	while (l->s[end - 1] == ' ')
		end--;
	return report(sc, l, e, SK_ERROR, "yaml-syntax",
		      "the quotes end before the text does (\"%.*s%s\" follows them): put the "
		      "whole value in quotes (single quotes round it keep the double ones "
		      "inside), or drop the quotes",
		      shown(l->s + after, end - after), l->s + after, more(l->s + after, end - after));
}

/* At the error's column: "steps: Note: buy" (a colon and space inside a
 * value), or "cost: -" ("-" alone, read as a list). */
static int value_slip(const scan *sc, const line *l, size_t at, const char *problem)
{
	parts p = parts_of(l, false);
	size_t i = p.i, k = p.k, v = p.v;

	if (k == i)
		return SK_EINVAL;
	if (strstr(problem, "mapping values") && at > v && at < l->n && l->s[at] == ':'
	    && (starts(l, v, LEFT_DOUBLE) || starts(l, v, LEFT_SINGLE)))
		return report(sc, l, at, SK_ERROR, "yaml-syntax",
			      "a colon and a space inside the value of \"%.*s\" make YAML read "
			      "another key, since its curly quote \"%.3s\" is text to YAML, not a "
			      "quote: put the whole value in straight quotes (\"...\") instead",
			      (int)(k - i), l->s + i, l->s + v);
	if (strstr(problem, "mapping values") && at > v && at < l->n && l->s[at] == ':')
		return report(sc, l, at, SK_ERROR, "yaml-syntax",
			      "a colon and a space inside the value of \"%.*s\" make YAML read "
			      "another key: put the whole value in quotes", (int)(k - i), l->s + i);
	if (strstr(problem, "block sequence") && at == v && l->s[v] == '-'
	    && (v + 1 == l->n || l->s[v + 1] == ' ')) {
		size_t t = v + 1;
		bool money = (k - i == 4 && !memcmp(l->s + i, "cost", 4))
			     || (k - i == 6 && !memcmp(l->s + i, "budget", 6));

		while (t < l->n && l->s[t] == ' ')
			t++;
		if (t < l->n)
			return report(sc, l, at, SK_ERROR, "yaml-syntax",
				      "a \"- \" after \"%.*s:\" starts a list, which cannot go "
				      "there: delete the dash, or put the whole value in quotes",
				      (int)(k - i), l->s + i);
		return report(sc, l, at, SK_ERROR, "yaml-syntax",
			      "\"-\" alone after \"%.*s:\" is read as the start of a list: write "
			      "the value%s, leave it empty, or put \"-\" in quotes",
			      (int)(k - i), l->s + i, money ? " (0 for no cost)" : "");
	}
	return SK_EINVAL;
}

/* "method: @Governors" or "- *Important*": a plain value cannot start with
 * a character YAML keeps for itself. */
static int indicator_slip(const scan *sc, const line *l)
{
	static const struct { char c; const char *what; } marks[] = {
		{'>', "starts a block of text"}, {'|', "starts a block of text"},
		{'*', "starts an alias"}, {'@', "is reserved"}, {'`', "is reserved"},
		{'%', "starts a directive"}, {'?', "marks a key"},
	};
	size_t v = parts_of(l, true).v, e;

	if (v >= l->n)
		return SK_EINVAL;
	for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++) {
		if (l->s[v] != marks[m].c
		    || (marks[m].c == '?' && v + 1 < l->n && l->s[v + 1] != ' '))
			continue;     /* "?" is plain text but alone or before a space */
		/* "|", ">-", "|2": a block's header is as meant, text after it is not. */
		for (e = v + 1; (marks[m].c == '|' || marks[m].c == '>') && e < l->n
		     && (l->s[e] == '-' || l->s[e] == '+' || (l->s[e] >= '1' && l->s[e] <= '9')); e++)
			;
		while (e < l->n && l->s[e] == ' ')
			e++;
		if ((marks[m].c == '|' || marks[m].c == '>') && (e == l->n || l->s[e] == '#'))
			return SK_EINVAL;
		return report(sc, l, v, SK_ERROR, "yaml-syntax",
			      "a plain value cannot start with \"%c\", which %s in YAML: put "
			      "the whole value in quotes", marks[m].c, marks[m].what);
	}
	return SK_EINVAL;
}

/* Where the quoted scalar that opens at text[at] closes, across lines, or
 * len when it never does. */
static size_t close_quote(const scan *sc, size_t at)
{
	char q = sc->text[at];

	for (size_t k = at + 1; k < sc->len; k++) {
		if ((sc->text[k] == '\\' && q == '"')
		    || (q == '\'' && sc->text[k] == '\'' && k + 1 < sc->len && sc->text[k + 1] == '\''))
			k++;
		else if (sc->text[k] == q)
			return k;
	}
	return sc->len;
}

/* 'method: "Governing body minutes' with no closing quote: YAML reads on,
 * over lines, to the next quote, and stops far below. The quote that opens
 * a value and does not close on its line, and closes only on the line
 * libyaml stopped at or later (or never), is the cause. */
static int open_quote_slip(const scan *sc, sk_pos err)
{
	line l = line_from(sc, 0, 1);

	for (bool more_lines = sc->len > 0; more_lines && l.no < err.line;
	     more_lines = line_next(&l, sc)) {
		size_t v = parts_of(&l, false).v, end;

		if (v >= l.n || (l.s[v] != '"' && l.s[v] != '\'') || quote_end(&l, v) < l.n)
			continue;
		end = close_quote(sc, l.off + v);
		if (end < sc->len && sk_text__pos_at(sc->text, end).line + 1 < err.line)
			continue;     /* a quoted text over lines, closed */
		return report(sc, &l, v, SK_ERROR, "yaml-syntax",
			      "this %s quote is not closed on its line, so YAML reads the lines "
			      "below as part of the value: close it at the value's end",
			      l.s[v] == '"' ? "double" : "single");
	}
	return SK_EINVAL;
}

static size_t col_to_byte(const line *l, unsigned col)
{
	size_t i = 0;

	for (unsigned c = 1; c < col && i < l->n; c++) {
		i++;
		while (i < l->n && ((unsigned char)l->s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static size_t gap(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

/* The nesting levels of the lines above l, deepest first: the columns (from
 * 0) of their list dashes and keys that are still open at l. Calls
 * fn(level, dash, arg) for each until it returns true; returns whether one did. */
static bool each_open_level(const scan *sc, const line *l,
			    bool (*fn)(size_t level, bool dash, void *arg), void *arg)
{
	size_t limit = SIZE_MAX;
	line at = *l, from;
	bool empty;

	while (limit > 0) {
		from = at;
		if (!line_prev(&at, sc, &from))
			break;
		size_t y = indent_of(&at), i = y, lowest = SIZE_MAX;

		if (y == at.n || at.s[y] == '#' || y >= limit)
			continue;
		for (;;) {
			bool dash = i < at.n && at.s[i] == '-' && (i + 1 == at.n || at.s[i + 1] == ' ');

			if (!dash && !key_at(&at, i, &empty))
				break;
			lowest = lowest == SIZE_MAX ? i : lowest;
			if (fn(i, dash, arg))
				return true;
			if (!dash)
				break;
			for (i++; i < at.n && at.s[i] == ' '; i++)
				;
		}
		if (lowest != SIZE_MAX)
			limit = lowest;
	}
	return false;
}

/* A level of the kind wanted: `in` itself, or the nearest to it so far
 * (the deeper on a tie, the shallower then in other), in best. */
typedef struct near_level {
	size_t in, best, other;
	bool item;
} near_level;

static bool level_near(size_t level, bool dash, void *arg)
{
	near_level *w = arg;

	if (dash != w->item)
		return false;
	if (level == w->in)
		return true;
	if (w->best == SIZE_MAX || gap(level, w->in) < gap(w->best, w->in)) {
		w->best = level;
		w->other = SIZE_MAX;
	} else if (gap(level, w->in) == gap(w->best, w->in) && level != w->best) {
		w->other = level < w->best ? level : w->best;
		w->best = level > w->best ? level : w->best;
	}
	return false;
}

/* The open levels at l of the kind wanted (list dashes or keys): the one
 * nearest to `in` is *best (the deeper of two as near, the other in *other,
 * else SIZE_MAX); true when `in` is one. */
static bool open_levels_two(const scan *sc, const line *l, size_t in, bool item, size_t *best,
			    size_t *other)
{
	near_level w = {in, SIZE_MAX, SIZE_MAX, item};
	bool found = each_open_level(sc, l, level_near, &w);

	*best = w.best;
	*other = w.other;
	return found;
}

static bool open_levels(const scan *sc, const line *l, size_t in, bool item, size_t *best)
{
	size_t other;

	return open_levels_two(sc, l, in, item, best, &other);
}

/* Whether the key at l->s[in] is one of the top level of a strategy or a
 * review (sendkit-strategy(5), sendkit-review(5)): one space in after a map,
 * it is the file's, not that map's. */
static bool top_key_at(const line *l, size_t in)
{
	static const char *const top[] = {
		"sendkit", "school", "year", "summary", "headlines", "areas", "title", "of", "date",
	};
	size_t k = key_end(l, in);

	for (size_t i = 0; i < sizeof(top) / sizeof(top[0]); i++)
		if (strlen(top[i]) == k - in && memcmp(l->s + in, top[i], k - in) == 0)
			return true;
	return false;
}

/* The deepest open key level in [lo, hi). */
typedef struct key_range {
	size_t lo, hi, found;
} key_range;

static bool key_in_range(size_t level, bool dash, void *arg)
{
	key_range *r = arg;

	if (dash || level < r->lo || level >= r->hi)
		return false;
	r->found = level;
	return true;
}

/* The nearest line above l, or below it when `down`, that is neither blank
 * nor a comment. */
static bool line_near_content(line *out, const scan *sc, const line *l, bool down)
{
	line at = *l;

	while (line_near(out, sc, &at, down)) {
		if (out->s[indent_of(out)] != '#')
			return true;
		at = *out;
	}
	return false;
}

/* Of the lines from first to before err (the map or list under a key), how
 * many there are, and how many of first's kind (key or item) at its column. */
static void block_count(const scan *sc, const line *first, const line *err, unsigned *same,
			unsigned *lines)
{
	size_t c = indent_of(first), y;
	bool dash = first->s[c] == '-';
	line at = *first;

	*same = *lines = 0;
	do {
		++*lines;
		if ((y = indent_of(&at)) == c && (at.s[y] == '-') == dash)
			++*same;
	} while (line_near_content(&at, sc, &at, true) && at.no < err->no);
}

/* The indent of the first line after l indented at most `in`, or SIZE_MAX. */
static size_t next_at_most(const scan *sc, const line *l, size_t in)
{
	line at = *l;

	while (line_near_content(&at, sc, &at, true))
		if (indent_of(&at) <= in)
			return indent_of(&at);
	return SIZE_MAX;
}

/* Whether a map's key may stand at column m of l: the top level, the
 * column of the line above, right of a key with no value above (its map's
 * first key), or the column of a key open above it. */
static bool key_level_at(const scan *sc, const line *l, size_t m)
{
	size_t best, q;
	line above;
	bool empty;

	if (m == 0)
		return true;
	if (line_near_content(&above, sc, l, false)
	    && ((q = content_start(&above)) == m || (q < m && key_at(&above, q, &empty) && empty)))
		return true;
	return open_levels(sc, l, m, false, &best);
}

/* Whether first is a key with no value whose next line is at its own
 * column: its own map's keys, with it moved right onto their column. */
static bool first_without_own(const scan *sc, const line *first)
{
	size_t c = indent_of(first);
	bool empty;
	line next;

	return key_at(first, c, &empty) && empty && line_near_content(&next, sc, first, true)
	       && indent_of(&next) == c && key_at(&next, c, &empty);
}

/* The first key or item under a key moved right of those below it that it
 * belongs with ("review_date" at 4 over "strengths" at 2). */
static int deep_first_slip(const scan *sc, const line *first, size_t e)
{
	size_t c = indent_of(first);

	if (first->s[c] == '-')
		return report(sc, first, c, SK_ERROR, "yaml-syntax",
			      "this list item's \"-\" is indented %zu space%s where the items below it "
			      "have %zu: YAML reads what belongs to what from the indentation, so put "
			      "the \"-\" at column %zu", c, c == 1 ? "" : "s", e, e + 1);
	return report(sc, first, c, SK_ERROR, "yaml-syntax",
		      "\"%.*s\" is indented %zu space%s where the keys below it that it belongs with "
		      "have %zu: YAML reads what belongs to what from the indentation, so start it "
		      "at column %zu", shown(first->s + c, key_end(first, c) - c), first->s + c, c,
		      c == 1 ? "" : "s", e, e + 1);
}

/* A key moved left of the keys it belongs with ("timescale: T1-T6" at column
 * 1 inside an action): YAML takes it for a key of a map further out, and
 * libyaml stops below it, at a line it reads as more of the key's value or
 * cannot place. `err` is that line; the key is the nearest line above it
 * indented less. Named at the key, with the column it belongs at: that of
 * the keys open above it that lets the lines below fit, or, after a key with
 * no value it is not right of ("review:" over "date:" at its column), the
 * column of the line below, under that key. */
static int shallow_key_slip(const scan *sc, const line *err)
{
	size_t e = indent_of(err), m, q, child = SIZE_MAX, t;
	bool item = e < err->n && err->s[e] == '-' && (e + 1 == err->n || err->s[e + 1] == ' ');
	bool empty, q_empty, err_empty, plain = false;
	unsigned same, lines;
	near_level fits = {e, SIZE_MAX, SIZE_MAX, item};
	key_range r;
	line mv = *err, above, below, after;
	char then[80], wrapped[SHOWN + 120] = "";
	parts pa;

	if (e == err->n)
		return SK_EINVAL;
	do {
		if (!line_near_content(&above, sc, &mv, false))
			return SK_EINVAL;
		mv = above;
	} while ((m = indent_of(&mv)) > e);
	if (m == e || !key_at(&mv, m, &empty) || !line_near_content(&below, sc, &mv, true))
		return SK_EINVAL;
	if (empty) {
		/* Its own map or list below it, and the error past that. */
		if ((child = indent_of(&below)) <= m || below.no == err->no)
			return SK_EINVAL;
		/* Its own: two or more of a kind at a column, or one line of the
		 * other kind than the line where libyaml stopped. One at its
		 * column with more below it, or of that line's kind, is rather the
		 * first of them moved right ("strengths:" at 6 among keys at 4). */
		block_count(sc, &below, err, &same, &lines);
		if ((below.s[child] == '-') == item) {
			/* The first moved right: one of its kind at its column, or a key
			 * with no value whose own lines are at its column, not deeper
			 * ("leadership:" at 4 over its "strengths:" at 4). */
			bool first = same < 2 || first_without_own(sc, &below);

			/* The key where it was, at a column open above it, and the line
			 * where libyaml stopped where it was, as one after it is. */
			if (first && key_level_at(sc, &mv, m) && next_at_most(sc, err, e) == e)
				return deep_first_slip(sc, &below, e);
			if (same < 2 && lines > 1)
				return SK_EINVAL;
		}
		snprintf(then, sizeof(then), "YAML cannot place line %u below it, indented %zu",
			 err->no, e);
	} else {
		/* Its value on its line (a plain one goes on over the lines below):
		 * the error's line is the next. */
		size_t v = parts_of(&mv, true).v;
		bool quoted = mv.s[v] == '"' || mv.s[v] == '\'';

		if (below.no != err->no || (quoted && quote_end(&mv, v) == mv.n)
		    || strchr("[{|>&!*", mv.s[v]))
			return SK_EINVAL;
		snprintf(then, sizeof(then), quoted ? "YAML cannot place the line below it"
			 : "YAML reads the line below it as more of its value");
		plain = !quoted;
	}
	if (!line_near_content(&above, sc, &mv, false))
		return SK_EINVAL;
	q = content_start(&above);
	q_empty = key_at(&above, q, &empty) && empty;
	/* The line where libyaml stopped moved right, not this key left: it
	 * alone is deeper before a line back at the key's column, or it is a
	 * key with no value whose lines are not deeper than it. (Below a key
	 * with no value, this key at its column or left is the one out.) */
	if (!(q_empty && m <= q) && line_near_content(&after, sc, err, true)
	    && (indent_of(&after) <= m
		|| (!item && key_at(err, e, &err_empty) && err_empty && indent_of(&after) <= e)))
		return SK_EINVAL;
	/* The line below fits where it is once the key is where it belongs: as
	 * the key with no value's own (deeper than it), or among the levels open. */
	if ((!q_empty || m > q || e <= q) && !each_open_level(sc, &mv, level_near, &fits))
		return SK_EINVAL;
	if (q_empty && m <= q && (t = e > q ? e : q + 2) < child)
		return report(sc, &mv, m, SK_ERROR, "yaml-syntax",
			      "\"%.*s\" is indented %zu space%s, not right of \"%.*s\" above, which "
			      "is left with no value, and %s: start it at column %zu, under \"%.*s\"",
			      shown(mv.s + m, key_end(&mv, m) - m), mv.s + m, m, m == 1 ? "" : "s",
			      shown(above.s + q, key_end(&above, q) - q), above.s + q, then, t + 1,
			      shown(above.s + q, key_end(&above, q) - q), above.s + q);
	r = (key_range){item ? e + 1 : e, child, SIZE_MAX};
	if (r.lo <= m)
		r.lo = m + 1;
	if (!each_open_level(sc, &mv, key_in_range, &r))
		return SK_EINVAL;
	t = r.found;
	/* Below a key's plain text, it may be that text wrapped ("Note: ..."). */
	pa = parts_of(&above, true);
	if (plain && pa.k > pa.i && pa.v < above.n && !strchr("\"'[{|>&!*#", above.s[pa.v]))
		snprintf(wrapped, sizeof(wrapped), "; if it is more of the text of \"%.*s\" above, "
			 "indent it to column %zu or more and put the whole text in quotes",
			 shown(above.s + pa.i, pa.k - pa.i), above.s + pa.i, pa.i + 2);
	return report(sc, &mv, m, SK_ERROR, "yaml-syntax",
		      "\"%.*s\" is indented %zu space%s where the keys it belongs with have %zu, "
		      "so %s: start it at column %zu%s",
		      shown(mv.s + m, key_end(&mv, m) - m), mv.s + m, m, m == 1 ? "" : "s", t,
		      then, t + 1, wrapped);
}

/* The first item of a key's list ("strengths:") put left of the key, where
 * YAML cannot take it for the key's value. Named with the column of the
 * items below it, or two right of the key's. */
static int first_item_slip(const scan *sc, const line *l, size_t in)
{
	size_t q, col, y;
	bool empty;
	line above, at = *l;

	if (!line_near_content(&above, sc, l, false))
		return SK_EINVAL;
	q = content_start(&above);
	if (!key_at(&above, q, &empty) || !empty || in >= q)
		return SK_EINVAL;
	for (col = q + 2; line_near_content(&at, sc, &at, true) && (y = indent_of(&at)) > q;)
		if (at.s[y] == '-' && (y + 1 == at.n || at.s[y + 1] == ' ')) {
			col = y;
			break;
		}
	return report(sc, l, in, SK_ERROR, "yaml-syntax",
		      "this list item's \"-\" is indented %zu space%s, not right of \"%.*s\" above, "
		      "so it cannot start that key's list: put the \"-\" at column %zu", in,
		      in == 1 ? "" : "s", shown(above.s + q, key_end(&above, q) - q), above.s + q,
		      col + 1);
}

/* Whether a key named l->s[i..k) stands at column `col` of the map l is in,
 * above or below l (its lines deeper than col are passed over). */
static bool sibling_named(const scan *sc, const line *l, size_t col, size_t i, size_t k)
{
	for (int down = 0; down < 2; down++) {
		line at = *l;
		size_t y;
		bool empty;

		while (line_near_content(&at, sc, &at, down) && (y = indent_of(&at)) >= col) {
			if (y == col && key_at(&at, y, &empty) && key_end(&at, y) - y == k - i
			    && memcmp(at.s + y, l->s + i, k - i) == 0)
				return true;
		}
	}
	return false;
}

/* Whether l->s[i..k) is a key of the formats (sendkit-strategy(5),
 * sendkit-review(5)): one moved right is a key; another word with ": "
 * under a text is more of that text. */
static bool format_key(const line *l, size_t i, size_t k)
{
	static const char *const keys[] = {
		"sendkit", "school", "name", "urn", "la", "hub", "year", "summary", "census",
		"on_roll", "sen_support", "ehcp", "headlines", "review_date", "strengths",
		"recommendations", "areas", "actions", "budget", "action", "cost", "steps", "lead",
		"timescale", "success", "review", "date", "method", "impact", "term1", "term2",
		"term3", "term4", "term5", "term6", "title", "of", "trust", "id", "statement",
		"judgement", "evidence", "links", "owner", "due",
	};

	for (size_t j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
		if (strlen(keys[j]) == k - i && memcmp(l->s + i, keys[j], k - i) == 0)
			return true;
	for (int a = 0; a < SK_AREA_COUNT; a++)
		if (strlen(sk_area_key((sk_area)a)) == k - i
		    && memcmp(l->s + i, sk_area_key((sk_area)a), k - i) == 0)
			return true;
	return false;
}

/* A key deeper than its map's keys right under "steps: Visit dates agreed"
 * (a text begun on its key's line): a line of that text, wrapped, whose
 * ": " makes a key ("focus: this strategy", or a key the map has already),
 * not a key moved right. */
static int wrapped_key_slip(const scan *sc, const line *l, size_t in, size_t best)
{
	line above;
	parts pa;
	size_t k = key_end(l, in);

	if (!line_near_content(&above, sc, l, false) || content_start(&above) != best
	    || indent_of(&above) != best)
		return SK_EINVAL;
	pa = parts_of(&above, true);
	/* Text of words ("a: 1" over "  b: 2" is a key moved), and a wrapped
	 * line's two spaces or more (one more is a key's slip). */
	if (pa.k == pa.i || pa.v >= above.n || strchr("\"'|>[{&*!#", above.s[pa.v])
	    || !memchr(above.s + pa.v, ' ', above.n - pa.v) || in < best + 2)
		return SK_EINVAL;
	if (format_key(l, in, k) && !sibling_named(sc, l, best, in, k))
		return SK_EINVAL;     /* a key moved right: indent_slip's */
	return report(sc, l, in, SK_ERROR, "yaml-syntax",
		      "this line continues the text of \"%.*s\" above, and its \": \" "
		      "makes YAML read a key there%s%.*s%s: put the whole text in quotes",
		      shown(above.s + pa.i, pa.k - pa.i), above.s + pa.i,
		      format_key(l, in, k) ? " (\"" : "",
		      format_key(l, in, k) ? shown(l->s + in, k - in) : 0, l->s + in,
		      format_key(l, in, k) ? "\" is a key of this map already)" : "");
}

/* The first key of a map, or the key after a list item's "-", at column
 * best, and two or more keys below it, all at `in` ("strengths:" moved one
 * left of "recommendations:" and "actions:"): YAML takes the first for the map's
 * column and stops at each key below it, one run at a time. Named at that
 * first key. */
static int first_key_slip(const scan *sc, const line *l, size_t in, size_t best)
{
	size_t lo = in < best ? in : best, y, c, dash, siblings = 0;
	line at = *l, f, above;
	bool empty;

	for (;;) {
		if (!line_near_content(&at, sc, &at, false))
			return SK_EINVAL;
		y = indent_of(&at);
		c = content_start(&at);
		if (c == best && key_at(&at, c, &empty))
			break;
		if (y <= lo || (y == in && key_at(&at, y, &empty)))
			return SK_EINVAL;     /* another of the map's lines, or a sibling */
	}
	f = at;
	dash = indent_of(&f);
	if (dash == best) {
		/* The map's first: under a key with no value, shallower. */
		if (best > in || !line_near_content(&above, sc, &f, false)
		    || !key_at(&above, c = content_start(&above), &empty) || !empty || c >= lo)
			return SK_EINVAL;
	} else if (f.s[dash] != '-' || best - dash > in) {
		return SK_EINVAL;
	}
	for (at = *l; line_near_content(&at, sc, &at, true) && (y = indent_of(&at)) >= lo;) {
		if (y == best && y != in && key_at(&at, y, &empty))
			return SK_EINVAL;     /* best is the column of more than the first */
		siblings += y == in && key_at(&at, y, &empty);
	}
	if (siblings == 0)
		return SK_EINVAL;     /* l alone against the first: either may be it */
	if (dash == best)
		return report(sc, &f, best, SK_ERROR, "yaml-syntax",
			      "\"%.*s\" is indented %zu space%s where the keys below it have %zu: "
			      "YAML reads what belongs to what from the indentation, so start it "
			      "at column %zu", shown(f.s + best, key_end(&f, best) - best), f.s + best,
			      best, best == 1 ? "" : "s", in, in + 1);
	return report(sc, &f, dash, SK_ERROR, "yaml-syntax",
		      "this list item's \"-\" is indented %zu space%s, so its first key \"%.*s\" "
		      "starts at column %zu where the keys below it start at column %zu: put the "
		      "\"-\" at column %zu", dash, dash == 1 ? "" : "s",
		      shown(f.s + best, key_end(&f, best) - best), f.s + best, best + 1, in + 1,
		      in - (best - dash) + 1);
}

/* A key or a list item indented more or less than the ones it belongs with,
 * which libyaml reports only as a key or a "-" it did not expect. */
static int indent_slip(const scan *sc, const line *l)
{
	size_t in = indent_of(l), best, other;
	bool item = in + 1 < l->n ? l->s[in] == '-' && l->s[in + 1] == ' ' : in < l->n && l->s[in] == '-';
	bool empty;
	line above, below;
	int rc;

	if (in == l->n || (!item && !key_at(l, in, &empty)))
		return SK_EINVAL;
	/* Deeper than a key with no value on its line: a new map or list. */
	if (line_near(&above, sc, l, false)) {
		size_t i = content_start(&above);

		if (key_at(&above, i, &empty) && empty && (i < in || (item && i == in)))
			return SK_EINVAL;
	}
	if (item && (rc = first_item_slip(sc, l, in)) != SK_EINVAL)
		return rc;
	if (open_levels_two(sc, l, in, item, &best, &other) || best == SIZE_MAX)
		return SK_EINVAL;
	/* As near the top level as the map above it: a key of the file's own
	 * (" areas:" after the headlines) is the file's. */
	if (!item && other == 0 && top_key_at(l, in))
		best = 0;
	if (!item && in > best && (rc = wrapped_key_slip(sc, l, in, best)) != SK_EINVAL)
		return rc;
	if (!item && (rc = first_key_slip(sc, l, in, best)) != SK_EINVAL)
		return rc;
	/* Between two lines at one column ("lead" at 5 between "steps" and
	 * "timescale" at 8): it belongs with them, however near another level is.
	 * (Not a key with no value: the line below is its own.) */
	if ((item || !key_at(l, in, &empty) || !empty) && line_near_content(&above, sc, l, false)
	    && line_near_content(&below, sc, l, true)) {
		size_t a = item ? indent_of(&above) : content_start(&above), b = indent_of(&below);

		if (a == b && a != in && (item ? above.s[a] == '-' && below.s[b] == '-'
					       : key_at(&above, a, &empty) && key_at(&below, b, &empty)))
			best = a;
	}
	if (item)
		return report(sc, l, in, SK_ERROR, "yaml-syntax",
			      "this list item's \"-\" is indented %zu space%s where the items "
			      "above it have %zu: YAML reads what belongs to what from the "
			      "indentation, so put the \"-\" at column %zu", in, in == 1 ? "" : "s",
			      best, best + 1);
	return report(sc, l, in, SK_ERROR, "yaml-syntax",
		      "\"%.*s\" is indented %zu space%s where the keys it belongs with have %zu: "
		      "YAML reads what belongs to what from the indentation, so start it at "
		      "column %zu", shown(l->s + in, key_end(l, in) - in), l->s + in, in,
		      in == 1 ? "" : "s", best, best + 1);
}

bool sk_yaml__block_dash_at(const char *text, size_t len, sk_pos pos)
{
	scan sc = {NULL, NULL, text, len};
	line l;
	size_t i;

	if (!text || !line_at(&l, &sc, pos.line))
		return false;
	i = col_to_byte(&l, pos.col);
	return i + 1 < l.n && l.s[i] == '-' && l.s[i + 1] == ' ';
}

char sk_yaml__flow_at(const char *text, size_t len, sk_pos pos)
{
	scan sc = {NULL, NULL, text, len};
	line l;
	size_t i;

	if (!text || !line_at(&l, &sc, pos.line))
		return 0;
	i = col_to_byte(&l, pos.col);
	return i < l.n && (l.s[i] == '[' || l.s[i] == '{') ? l.s[i] : 0;
}

/* A line or paragraph separator (U+2028, U+2029, as Word pastes) is a line
 * end to libyaml, which counts lines past it one more than an editor does:
 * the first is the cause, wherever libyaml stopped. */
static int separator_slip(const scan *sc)
{
	line l = line_from(sc, 0, 1);
	unsigned code = 0;

	for (bool more_lines = sc->len > 0; more_lines; more_lines = line_next(&l, sc))
		for (size_t i = 0; l.wide && i + 2 < l.n; i++)
			if (starts(&l, i, "\xe2\x80") && (l.s[i + 2] == '\xa8' || l.s[i + 2] == '\xa9')) {
				sk_yaml__invisible_at(l.s + i, l.n - i, &code);
				return report(sc, &l, i, SK_ERROR, "yaml-syntax",
					      "%s (U+%04X, as Word pastes) ends the line here for "
					      "YAML: delete it, or start a new line", sk_yaml__char_words(code), code);
			}
	return SK_EINVAL;
}

/* A line ending in "|" or ">" (with "-", "+" or a digit): a block scalar follows. */
static bool opens_block(const line *l)
{
	size_t e = l->n;

	while (e > 0 && (l->s[e - 1] == ' ' || l->s[e - 1] == '-' || l->s[e - 1] == '+'
			 || (l->s[e - 1] >= '1' && l->s[e - 1] <= '9')))
		e--;
	return e > 0 && (l->s[e - 1] == '|' || l->s[e - 1] == '>')
	       && (e == 1 || l->s[e - 2] == ' ');
}

/* Where a ":" and a space (or the line's end) in l->s[i..] make YAML read a
 * key, before any comment ("families and carers: strong" too), or l->n. */
static size_t key_colon(const line *l, size_t i)
{
	for (size_t k = i; k < l->n; k++) {
		if (l->s[k] == '#' && k > i && l->s[k - 1] == ' ')
			break;
		if (l->s[k] == ':' && (k + 1 == l->n || l->s[k + 1] == ' '))
			return k;
	}
	return l->n;
}

/* Whether a line starting at l->s[in] is one another slip names (a bullet, a
 * list number, "-Text", a space of another kind, a tab, "cost:350", a
 * full-width colon). */
static bool other_slip_at(const line *l, size_t in)
{
	size_t k = key_end(l, in);
	unsigned code;

	return bullet_at(l, in) || number_at(l, in) || odd_space_at(l, in, &code)
	       || l->s[in] == '\t' || dash_text_at(l, in)
	       || (k > in && k + 1 < l->n && l->s[k] == ':' && l->s[k + 1] != ' ')
	       || (k > in && starts(l, k, FULLWIDTH_COLON));
}

/* Whether the line, from its indent in, is the file's structure: a comment,
 * a list item, a key, or a document's start or end. */
static bool structure_at(const line *l, size_t in)
{
	return l->s[in] == '#' || (l->s[in] == '-' && (in + 1 == l->n || l->s[in + 1] == ' '))
	       || (in == 0 && (starts(l, 0, "---") || starts(l, 0, "...")))
	       || key_colon(l, in) < l->n;
}

/* Where the flow list or map that opens at l->s[v] closes on its line (past
 * its "]" or "}"), or 0 when it does not. */
static size_t flow_end(const line *l, size_t v)
{
	int depth = 0;

	for (size_t k = v; k < l->n; k++) {
		if (l->s[k] == '"' || l->s[k] == '\'') {
			if ((k = quote_end(l, k)) == l->n)
				return 0;
		} else if (l->s[k] == '[' || l->s[k] == '{') {
			depth++;
		} else if ((l->s[k] == ']' || l->s[k] == '}') && --depth == 0) {
			return k + 1;
		}
	}
	return 0;
}

/* "steps: [see plan] then book": a value that opens with "[" or "{" is a
 * YAML list or map, which ends at its bracket; text cannot follow it. */
static int flow_slip(const scan *sc, const line *l)
{
	size_t v = parts_of(l, true).v, e, t;
	const char *what;
	char close;

	if (v >= l->n || (l->s[v] != '[' && l->s[v] != '{'))
		return SK_EINVAL;
	what = l->s[v] == '[' ? "list" : "map";
	close = l->s[v] == '[' ? ']' : '}';
	if ((e = flow_end(l, v)) > 0) {
		for (t = e; t < l->n && l->s[t] == ' '; t++)
			;
		if (t == l->n || l->s[t] == '#')
			return SK_EINVAL;
		return report(sc, l, v, SK_ERROR, "yaml-syntax",
			      "a value that starts with \"%c\" is a YAML %s, which ends at its "
			      "\"%c\", so text cannot follow it: put the whole value in quotes",
			      l->s[v], what, close);
	}
	/* Words in brackets, not closed ("[see plan then book"); a list or map
	 * of values over lines has commas, quotes or ": ". */
	if (memchr(l->s + v, ',', l->n - v) || memchr(l->s + v, '"', l->n - v)
	    || memchr(l->s + v, '\'', l->n - v) || key_colon(l, v) < l->n)
		return SK_EINVAL;
	return report(sc, l, v, SK_ERROR, "yaml-syntax",
		      "a value that starts with \"%c\" is a YAML %s, and its \"%c\" is not on "
		      "this line: close it there, or put the whole value in quotes", l->s[v],
		      what, close);
}

/* The text a line continues: the key or list item it is the value of (its
 * column, from 0, is `parent`; key names the key, or is NULL for an item). */
typedef struct opener {
	size_t parent;
	const char *key;
	size_t key_n;
	bool below;               /* the key or "-" has no text on its own line */
} opener;

/* A line at its opener's own column ("lead J Smith" under "steps: ...") or
 * one word alone may be a key or an item written wrong as well as text
 * wrapped: the message gives both fixes. */
static int wrapped_report(const scan *sc, const line *l, size_t in, const opener *o)
{
	char whose[SHOWN + 40];

	if (o->key)
		snprintf(whose, sizeof(whose), "\"%.*s\"", shown(o->key, o->key_n), o->key);
	else
		snprintf(whose, sizeof(whose), "the list item");
	if (!o->below && (in == o->parent || key_end(l, in) == l->n))
		return report(sc, l, in, SK_ERROR, "yaml-syntax",
			      "this line, at column %zu, is not a %s and does not go on with the "
			      "text of %s above: if it is a %s; if it is more of that text, indent "
			      "it to column %zu or more, or put the whole text in quotes", in + 1,
			      o->key ? "key" : "list item", whose,
			      o->key ? "key, put a colon and a space after its name"
				     : "list item, start it with \"- \"", o->parent + 2);
	if (o->below && o->key)
		return report(sc, l, in, SK_ERROR, "yaml-syntax",
			      "this text is the value of %s above, but starts at column %zu, not "
			      "right of the key: indent it to column %zu or more, or write it "
			      "after \"%.*s: \" on the key's line", whose, in + 1, o->parent + 2,
			      shown(o->key, o->key_n), o->key);
	if (o->below)
		return report(sc, l, in, SK_ERROR, "yaml-syntax",
			      "this text is the list item above (a \"-\" alone), but starts at "
			      "column %zu, not right of the \"-\": indent it to column %zu or more, "
			      "or write it after the \"- \"", in + 1, o->parent + 2);
	return report(sc, l, in, SK_ERROR, "yaml-syntax",
		      "this line continues the text of %s above, but starts at column %zu, and "
		      "YAML reads a text on only over lines indented right of its %s: indent "
		      "this one to column %zu or more, or put the whole text in quotes", whose,
		      in + 1, o->key ? "key" : "\"-\"", o->parent + 2);
}

/* What a line opens: *o, and whether its plain text may go on below (*open)
 * or its value is on the lines below (o->below). False when the lines below
 * cannot be followed (a list or map in brackets over lines). */
static bool opens(const scan *sc, const line *l, opener *o, bool *open, size_t *skip_to)
{
	parts p = parts_of(l, false);
	size_t v, d = p.i;

	if (p.k > p.i && p.k + 1 < l->n && l->s[p.k + 1] != ' ')
		p.k = p.v = p.i;      /* "http://..." is text, not a key */
	v = p.v;
	*open = false;
	o->below = false;
	while (d > 0 && l->s[d - 1] == ' ')
		d--;
	if (p.k > p.i) {
		*o = (opener){p.i, l->s + p.i, p.k - p.i, false};
	} else if (d > 0 && l->s[d - 1] == '-') {
		*o = (opener){d - 1, NULL, 0, false};
	} else {
		return true;
	}
	if (v == l->n || l->s[v] == '#') {
		o->below = true;
		return true;
	}
	if (l->s[v] == '"' || l->s[v] == '\'') {
		if (quote_end(l, v) == l->n)
			*skip_to = close_quote(sc, l->off + v);
		return true;
	}
	if (l->s[v] == '[' || l->s[v] == '{')
		return flow_end(l, v) > 0;
	*open = !strchr("|>&!*%@`", l->s[v]);
	return true;
}

/* Whether l, from its indent in, left of the text above it, is more of that
 * text with a ": " in it ("governors calendar: each visit" at column 1),
 * not a key: what is before the ": " is no key's name, and the line below
 * it, where libyaml stopped, is deeper, read as more of its value. */
static bool wrapped_colon_at(const scan *sc, const line *l, size_t in, sk_pos err)
{
	line below;
	bool empty;

	return l->s[in] != '-' && l->s[in] != '#' && key_colon(l, in) < l->n
	       && !key_at(l, in, &empty) && line_near(&below, sc, l, true)
	       && below.no == err.line && indent_of(&below) > in;
}

/* Text wrapped onto the next line as Word pastes it ("steps: Book trainer
 * and" over "release staff" at column 1), or a value put on the line below
 * its key at the key's column: YAML reads text on only while it is indented
 * right of its key or "-", and fails lines later. A line that goes on with
 * the text and holds ": " makes a key in it. "..." at a line's start ends
 * the document. The first of these above the error is the cause; a line
 * that another slip names (a bullet, "cost:350") ends the text above. */
static int wrapped_slip(const scan *sc, sk_pos err)
{
	line l = line_from(sc, 0, 1), below;
	size_t block = SIZE_MAX, skip_to = 0;
	opener o = {0, NULL, 0, false};
	bool open = false, pending = false, empty;
	line item = l;            /* a list item whose text holds ": " */
	size_t item_colon = 0;    /* where, or 0 */

	for (bool more_lines = sc->len > 0; more_lines && l.no <= err.line;
	     more_lines = line_next(&l, sc)) {
		size_t in = indent_of(&l), c;

		if (in == l.n || l.off + l.n < skip_to)
			continue;     /* blank, or inside a quoted text */
		if (block != SIZE_MAX && in > block)
			continue;
		block = SIZE_MAX;
		if (other_slip_at(&l, in) || l.s[in] == '#') {
			open = pending = false;
			continue;
		}
		if (in == 0 && starts(&l, 0, "...") && (l.n == 3 || l.s[3] == ' ')) {
			for (below = l; line_near(&below, sc, &below, true)
			     && below.s[indent_of(&below)] == '#';)
				;
			if (below.no > l.no && below.s[indent_of(&below)] != '#'
			    && !starts(&below, 0, "---"))
				return report(sc, &l, 0, SK_ERROR, "yaml-syntax",
					      "\"...\" at the start of a line ends the YAML document, "
					      "so the lines below it cannot be read: delete it, or put "
					      "it in quotes as a value");
			return SK_EINVAL;
		}
		if ((open || pending) && in > o.parent) {
			/* "- Both points were met: the map and" over "Pupil Plans"
			 * at the item's text's column: the ": " made the item a
			 * map, and this line another of its keys, with no colon. */
			if (open && item_colon && in == content_start(&item)
			    && key_colon(&l, in) == l.n)
				return report(sc, &item, item_colon, SK_ERROR, "yaml-syntax",
					      "a colon and a space after \"%.*s\" make YAML read this "
					      "list item as a key and its value, not as text, and the "
					      "line below it as another key: put the whole item in quotes",
					      shown(item.s + in, item_colon - in), item.s + in);
			if (open && o.key && key_at(&l, in, &empty))
				return SK_EINVAL;     /* a key indented deeper: indent_slip's */
			/* "- action: ..." below a key moved left: shallow_key_slip's. */
			if (open && l.s[in] == '-' && in + 1 < l.n && l.s[in + 1] == ' ')
				return SK_EINVAL;
			if (open && (c = key_colon(&l, in)) < l.n)
				return report(sc, &l, c, SK_ERROR, "yaml-syntax",
					      "this line continues the text of %s%.*s%s above, and "
					      "its \": \" makes YAML read a key there: put the whole "
					      "text in quotes", o.key ? "\"" : "the list item",
					      o.key ? shown(o.key, o.key_n) : 0, o.key ? o.key : "",
					      o.key ? "\"" : "");
			if (open)
				continue;
			pending = false;
			if (!structure_at(&l, in)) {
				open = true;   /* the value of the key above, begun */
				continue;
			}
		} else if ((open || pending) && !structure_at(&l, in)) {
			return wrapped_report(sc, &l, in, &o);
		} else if (open && wrapped_colon_at(sc, &l, in, err)) {
			return report(sc, &l, in, SK_ERROR, "yaml-syntax",
				      "this line continues the text of %s%.*s%s above, but starts "
				      "at column %zu, and its \": \" makes YAML read a key there: "
				      "indent it to column %zu or more and put the whole text in quotes",
				      o.key ? "\"" : "the list item", o.key ? shown(o.key, o.key_n) : 0,
				      o.key ? o.key : "", o.key ? "\"" : "", in + 1, o.parent + 2);
		}
		open = pending = false;
		if (!opens(sc, &l, &o, &open, &skip_to))
			return SK_EINVAL;
		item = l;
		item_colon = open && !o.key && (c = key_colon(&l, content_start(&l))) < l.n ? c : 0;
		pending = o.below;
		if (opens_block(&l))
			block = in;
	}
	return SK_EINVAL;
}

/* Where a key's name from l->s[in] ends when the line holds it alone, with
 * no colon ("identification", then spaces, a tab or a space of another kind,
 * and perhaps a comment), or 0; *odd is that space of another kind, or 0. */
static size_t bare_key_end(const line *l, size_t in, unsigned *odd)
{
	size_t k = key_end(l, in), j = k, n;
	unsigned code;

	*odd = 0;
	while (j < l->n) {
		if (l->s[j] == ' ' || l->s[j] == '\t') {
			j++;
		} else if ((n = odd_space_at(l, j, &code)) > 0) {
			*odd = *odd ? *odd : code;
			j += n;
		} else {
			break;
		}
	}
	return k > in && l->s[in] != '-' && (j == l->n || (j > k && l->s[j] == '#')) ? k : 0;
}

/* Whether every line that is neither blank nor a comment after l and before
 * line `to` is indented more than `lim`: still l's own lines. */
static bool deeper_until(const scan *sc, const line *l, unsigned to, size_t lim)
{
	line at = *l;

	while (line_near_content(&at, sc, &at, true) && at.no < to)
		if (indent_of(&at) <= lim)
			return false;
	return true;
}

/* Whether column `in` of l is a key's column open above it: the nearest
 * line above indented no more than l has a key there. (open_levels'
 * answer, without its walk to the top for each line asked about.) */
static bool key_column_above(const scan *sc, const line *l, size_t in)
{
	line at = *l;
	bool empty;

	while (line_near_content(&at, sc, &at, false))
		if (indent_of(&at) <= in)
			return content_start(&at) == in && key_at(&at, in, &empty);
	return false;
}

/* A key alone on its line with its colon left off ("identification", or
 * "strengths" under an area), above its own keys or list indented deeper:
 * YAML reads the word and those lines as one text, and stops at them or
 * just after them. Named at the word, wherever a key goes: under a key with
 * no value, or at the column of the keys open above it. */
static int bare_key_slip(const scan *sc, sk_pos err)
{
	line l = line_from(sc, 0, 1), below, above;
	size_t block = SIZE_MAX, skip_to = 0;
	char odd[120] = "";

	for (bool more_lines = sc->len > 0; more_lines && l.no < err.line;
	     more_lines = line_next(&l, sc)) {
		size_t in = indent_of(&l), end, q, v;
		unsigned code;
		bool empty, first;

		if (in == l.n || l.off + l.n < skip_to || (block != SIZE_MAX && in > block))
			continue;     /* blank, or inside a quoted or block text */
		block = opens_block(&l) ? in : SIZE_MAX;
		v = parts_of(&l, false).v;
		if (v < l.n && (l.s[v] == '"' || l.s[v] == '\'') && quote_end(&l, v) == l.n)
			skip_to = close_quote(sc, l.off + v);
		if ((end = bare_key_end(&l, in, &code)) == 0
		    || !line_near_content(&below, sc, &l, true) || below.no > err.line
		    || indent_of(&below) <= in || !structure_at(&below, indent_of(&below)))
			continue;
		/* The first line under a key with no value, or at a key's column. */
		first = line_near_content(&above, sc, &l, false)
			&& key_at(&above, q = content_start(&above), &empty) && empty && q < in;
		if (!first && in > 0 && !key_column_above(sc, &l, in))
			continue;
		if (!deeper_until(sc, &l, err.line, first ? q : in))
			continue;
		if (code) {
			const char *w = sk_yaml__char_words(code);

			w += w[1] == ' ' ? 2 : w[2] == ' ' ? 3 : 0;     /* "a ", "an " */
			snprintf(odd, sizeof(odd), ", and delete the %s (U+%04X) after it", w, code);
		}
		if (first)
			return report(sc, &l, end, SK_ERROR, "yaml-syntax",
				      "\"%.*s\" has no colon after it, so YAML reads it and the lines "
				      "below it as the text of \"%.*s\": if it is a key, write "
				      "\"%.*s:\"%s", shown(l.s + in, end - in), l.s + in,
				      shown(above.s + q, key_end(&above, q) - q), above.s + q,
				      shown(l.s + in, end - in), l.s + in, odd);
		return report(sc, &l, end, SK_ERROR, "yaml-syntax",
			      "\"%.*s\" has no colon after it, so YAML does not read it as a key "
			      "and cannot place the lines below it: if it is a key, write \"%.*s:\"%s",
			      shown(l.s + in, end - in), l.s + in, shown(l.s + in, end - in),
			      l.s + in, odd);
	}
	return SK_EINVAL;
}

int sk_yaml__explain(sk_diags *diags, const char *file, const char *text, size_t len,
		     sk_pos err, const char *problem)
{
	scan sc = {diags, file, text, len};
	line l;
	int rc;

	if ((rc = separator_slip(&sc)) != SK_EINVAL || (rc = open_quote_slip(&sc, err)) != SK_EINVAL
	    || (rc = bare_key_slip(&sc, err)) != SK_EINVAL || (rc = wrapped_slip(&sc, err)) != SK_EINVAL)
		return rc;

	/* libyaml stops on the slip's line or on the next. */
	for (unsigned no = err.line; no + 2 > err.line && no >= 1; no--) {
		if (!line_at(&l, &sc, no))
			continue;
		if ((rc = odd_char_slip(&sc, &l, SK_ERROR)) != SK_EINVAL
		    || (rc = bullet_slip(&sc, &l, SK_ERROR)) != SK_EINVAL
		    || (rc = dash_slip(&sc, &l, SK_ERROR)) != SK_EINVAL)
			return rc;
		if (no == err.line && (rc = quote_slip(&sc, &l)) != SK_EINVAL)
			return rc;
		if ((rc = indicator_slip(&sc, &l)) != SK_EINVAL
		    || (rc = flow_slip(&sc, &l)) != SK_EINVAL)
			return rc;
		if (no == err.line && problem
		    && (rc = value_slip(&sc, &l, col_to_byte(&l, err.col), problem)) != SK_EINVAL)
			return rc;
		if (no < err.line && (rc = no_space_slip(&sc, &l)) != SK_EINVAL)
			return rc;
	}
	if (line_at(&l, &sc, err.line) && (rc = shallow_key_slip(&sc, &l)) != SK_EINVAL)
		return rc;
	if (line_at(&l, &sc, err.line))
		return indent_slip(&sc, &l);
	return SK_EINVAL;
}

/* Where a quoted scalar may open: at the content's start, or after ": ",
 * "[", "{" or ",". */
static bool scalar_start(const line *l, size_t i, size_t from)
{
	while (i > from && l->s[i - 1] == ' ')
		i--;
	return i == from || l->s[i - 1] == ':' || l->s[i - 1] == '[' || l->s[i - 1] == '{'
	       || l->s[i - 1] == ',';
}

/* " #2 for the nurture room": a "#" after a space starts a comment, so the
 * rest of the value is dropped; one followed by a space is taken as meant. */
static int hash_slip(const scan *sc, const line *l)
{
	size_t from = content_start(l);

	for (size_t i = from; i < l->n; i++) {
		char c = l->s[i];

		if ((c == '"' || c == '\'') && scalar_start(l, i, from)) {
			i = quote_end(l, i);
		} else if (c == '#' && (i == from || l->s[i - 1] == ' ')) {
			const char *after = l->s + i + 1;
			size_t n = l->n - i - 1;

			if (i == from || n == 0 || *after == ' ' || *after == '\t' || *after == '#'
			    || (n >= 12 && memcmp(after, "action-lint:", 12) == 0))
				return SK_EINVAL;
			return report(sc, l, i, SK_WARNING, "yaml-slip",
				      "\"%.*s%s\" is read as a comment and left out of the value: "
				      "put the whole value in quotes to keep it",
				      shown(l->s + i, l->n - i), l->s + i, more(l->s + i, l->n - i));
		}
	}
	return SK_EINVAL;
}

int sk_yaml__warn_slips(sk_diags *diags, const char *file, const char *text, size_t len)
{
	scan sc = {diags, file, text, len};
	size_t block = SIZE_MAX;          /* a block scalar's parent indent */
	line l = line_from(&sc, 0, 1);
	int rc;

	for (bool more_lines = sc.len > 0; more_lines; more_lines = line_next(&l, &sc)) {
		size_t in = indent_of(&l);

		if (in == l.n)
			continue;     /* blank: a block scalar goes on */
		if (block != SIZE_MAX && in > block)
			continue;             /* text of a block scalar: all of it meant */
		block = opens_block(&l) ? in : SIZE_MAX;
		if (l.s[in] == '#')
			continue;
		rc = SK_EINVAL;
		if (l.wide && (rc = odd_char_slip(&sc, &l, SK_WARNING)) == SK_EINVAL
		    && (rc = bullet_slip(&sc, &l, SK_WARNING)) == SK_EINVAL)
			rc = invisible_value_slip(&sc, &l);
		if (rc == SK_EINVAL && l.s[in] >= '0' && l.s[in] <= '9')
			rc = bullet_slip(&sc, &l, SK_WARNING);
		if (rc == SK_EINVAL && l.s[in] == '-' && (rc = dash_slip(&sc, &l, SK_WARNING)) == SK_EINVAL
		    && in > 0)
			rc = deep_item_slip(&sc, &l);
		if (rc == SK_EINVAL && memchr(l.s + in, '#', l.n - in))
			rc = hash_slip(&sc, &l);
		if (rc != SK_OK && rc != SK_EINVAL)
			return rc;
	}
	return SK_OK;
}

static bool holds(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what);

	for (size_t i = 0; i + w <= n; i++)
		if (s[i] == what[0] && memcmp(s + i, what, w) == 0)
			return true;
	return false;
}

const char *sk_yaml__document_kind(const char *bytes, size_t len)
{
	if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) {
		/* An Office file is a zip whose entries' names say what it is. */
		if (holds(bytes, len, "word/"))
			return "a Word document (.docx)";
		if (holds(bytes, len, "xl/"))
			return "an Excel workbook (.xlsx)";
		if (holds(bytes, len, "ppt/"))
			return "a PowerPoint file (.pptx)";
		if (holds(bytes, len, "opendocument"))
			return "an OpenDocument file (.odt, .ods)";
		return "a zip archive";
	}
	if (len >= 5 && memcmp(bytes, "%PDF-", 5) == 0)
		return "a PDF";
	if (len >= 8 && memcmp(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "an older Word or Excel file (.doc, .xls)";
	if (len >= 5 && memcmp(bytes, "{\\rtf", 5) == 0)
		return "a Rich Text Format document (.rtf)";
	return NULL;
}
