/* libyaml ends a line at NEL (U+0085), a line separator (U+2028) and a
 * paragraph separator (U+2029) too, so its line numbers past one are one more
 * than an editor's: its marks are mapped back to the editor's lines here. */
#include <limits.h>
#include <stdlib.h>

#include "yaml_internal.h"

#define BREAKS_MAX 65536      /* past these, lines are libyaml's (a hostile file's) */

struct sk_yaml__break {
	size_t line;              /* libyaml's line (from 0) that starts after it */
	size_t col;               /* the editor's column (from 0) where that line starts */
};

/* The bytes of such a break at s[i], or 0. */
static size_t odd_break(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && s[i] == '\xc2' && s[i + 1] == '\x85')
		return 2;
	if (i + 2 < len && s[i] == '\xe2' && s[i + 1] == '\x80'
	    && (s[i + 2] == '\xa8' || s[i + 2] == '\xa9'))
		return 3;
	return 0;
}

int sk_yaml__lines_init(sk_yaml__lines *lines, const char *text, size_t len)
{
	size_t line = 0, col = 0, cap = 0, n;

	*lines = (sk_yaml__lines){NULL, 0};
	for (size_t i = 0; i < len && lines->n < BREAKS_MAX; i += n) {
		n = 1;
		if (text[i] == '\n' || text[i] == '\r') {
			n += text[i] == '\r' && i + 1 < len && text[i + 1] == '\n';
			line++;
			col = 0;
		} else if ((n = odd_break(text, len, i)) > 0) {
			if (lines->n == cap) {
				struct sk_yaml__break *at;

				cap = cap ? cap * 2 : 16;
				if (!(at = realloc(lines->at, cap * sizeof(*at)))) {
					sk_yaml__lines_free(lines);
					return SK_ENOMEM;
				}
				lines->at = at;
			}
			lines->at[lines->n++] = (struct sk_yaml__break){++line, ++col};
		} else {
			n = 1;
			col += ((unsigned char)text[i] & 0xC0) != 0x80;
		}
	}
	return SK_OK;
}

static unsigned from_1(size_t v)
{
	return v < UINT_MAX ? (unsigned)v + 1 : UINT_MAX;
}

sk_pos sk_yaml__lines_pos(const sk_yaml__lines *lines, size_t line, size_t col)
{
	size_t lo = 0, hi = lines->n;   /* the breaks before `line`: [0, lo) */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lines->at[mid].line <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && lines->at[lo - 1].line == line)
		col += lines->at[lo - 1].col;
	return (sk_pos){from_1(line - lo), from_1(col)};
}

void sk_yaml__lines_free(sk_yaml__lines *lines)
{
	free(lines->at);
	*lines = (sk_yaml__lines){NULL, 0};
}
