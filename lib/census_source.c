/* A byte source for the census reader: memory, a file read with pread()
 * from any offset (so that threads read ranges of it at once), or a pipe;
 * the first bytes sniffed for a byte order mark and CR-only line ends; a
 * file cut into ranges at LFs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "census_source_internal.h"
#include "csv_input_internal.h"
#include "sendkit/common.h"

sk_source sk_source__memory(const char *bytes, size_t len)
{
	return (sk_source){.mem = bytes, .mem_len = len, .fd = -1, .seekable = true, .size = len};
}

sk_source sk_source__fd(int fd)
{
	struct stat st;
	sk_source src = {.fd = fd};
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		/* From the current offset: a script may have read some of stdin. */
		off_t at = lseek(fd, 0, SEEK_CUR);
		src.seekable = true;
		src.size = (uint64_t)st.st_size;
		src.start = at > 0 && (uint64_t)at <= src.size ? (uint64_t)at : 0;
	}
	return src;
}

static long src_read(const sk_source *src, char *dst, size_t n, uint64_t off, int *err)
{
	if (src->mem) {
		if (off >= src->mem_len)
			return 0;
		size_t k = src->mem_len - off < n ? (size_t)(src->mem_len - off) : n;
		memcpy(dst, src->mem + off, k);
		return (long)k;
	}
	for (;;) {
		ssize_t k = src->seekable ? pread(src->fd, dst, n, (off_t)off)
					  : read(src->fd, dst, n);
		if (k >= 0)
			return (long)k;
		if (errno != EINTR) {
			*err = errno;
			return -1;
		}
	}
}

int sk_source__buf_init(sk_source_buf *b, const sk_source *src, uint64_t off, char *buf)
{
	memset(b, 0, sizeof(*b));
	b->src = src;
	b->buf_off = b->next_off = off;
	b->read_to = UINT64_MAX;
	b->buf = buf ? buf : malloc(SK_SOURCE_BUF + SK_SOURCE_PAD);
	return b->buf ? SK_OK : SK_ENOMEM;
}

void sk_source__buf_free(sk_source_buf *b)
{
	free(b->buf);
	b->buf = NULL;
}

static void cr_to_newline(char *s, size_t len)
{
	for (char *c = memchr(s, '\r', len); c; c = memchr(c + 1, '\r', (size_t)(s + len - c - 1)))
		*c = '\n';
}

void sk_source__refill(sk_source_buf *b, size_t keep)
{
	size_t rest = b->len - keep;
	memmove(b->buf, b->buf + keep, rest);
	b->buf_off += keep;
	b->len = rest;
	while (!b->eof && b->len < SK_SOURCE_BUF) {
		size_t want = SK_SOURCE_BUF - b->len;
		/* A range's reader mostly stops at its end: bytes read past it
		 * would be read (and copied) twice. */
		if (b->next_off < b->read_to && b->read_to - b->next_off < want)
			want = (size_t)(b->read_to - b->next_off);
		long k = src_read(b->src, b->buf + b->len, want, b->next_off, &b->io_errno);
		if (k <= 0) {
			b->eof = true;
			break;
		}
		b->len += (size_t)k;
		b->next_off += (uint64_t)k;
		if ((!b->src->seekable && !b->src->mem) || b->next_off == b->read_to)
			break;   /* a pipe: use what came; or the range's end */
	}
	memset(b->buf + b->len, 0, SK_SOURCE_PAD);
	if (b->cr_only)
		cr_to_newline(b->buf + rest, b->len - rest);
	/* Text has no NUL bytes; one search a buffer spares a search a field. */
	b->nul = memchr(b->buf, '\0', b->len) != NULL;
}

unsigned sk_source__sniff(sk_source_buf *b)
{
	/* A pipe gives what it has: the header may come in pieces. */
	do
		sk_source__refill(b, 0);
	while (!b->eof && !b->io_errno && b->len < SK_SOURCE_BUF);
	unsigned what = sk_csv__sniff(b->buf, b->len);
	if (what & SK_SOURCE_CR_ONLY) {
		b->cr_only = true;
		cr_to_newline(b->buf, b->len);
	}
	return what;
}

void sk_source__seek(sk_source_buf *b, uint64_t off)
{
	b->buf_off = b->next_off = off;
	b->len = 0;
	b->eof = false;
	sk_source__refill(b, 0);
}

uint64_t sk_source__offset(const sk_source_buf *b, const char *p)
{
	return b->buf_off + (uint64_t)(p - b->buf);
}

/* The offset just after the first LF at or after `from`, or 0. */
static uint64_t newline_after(const sk_source *src, uint64_t from, char *tmp, size_t n)
{
	if (src->mem) {
		const char *nl = from < src->mem_len
				 ? memchr(src->mem + from, '\n', (size_t)(src->mem_len - from)) : NULL;
		return nl ? (uint64_t)(nl - src->mem) + 1 : 0;
	}
	int err = 0;
	for (uint64_t off = from; off < src->size;) {
		long k = src_read(src, tmp, n, off, &err);
		if (k <= 0)
			return 0;
		const char *nl = memchr(tmp, '\n', (size_t)k);
		if (nl)
			return off + (uint64_t)(nl - tmp) + 1;
		off += (uint64_t)k;
	}
	return 0;
}

unsigned sk_source__cut(uint64_t **cutsp, const sk_source *src, uint64_t start, uint64_t range)
{
	uint64_t rest = src->seekable && src->size > start ? src->size - start : 0;
	uint64_t most = range ? rest / range + 1 : 1;
	if (most > SK_SOURCE_MAX_RANGES)
		most = SK_SOURCE_MAX_RANGES;
	uint64_t *cuts = malloc((size_t)most * sizeof(*cuts));
	*cutsp = cuts;
	if (!cuts)
		return 0;
	unsigned nr = 1;
	cuts[0] = start;
	char tmp[4096];
	while (nr < most) {
		/* Each range at least `range` bytes: its LF at or after that. */
		uint64_t cut = newline_after(src, cuts[nr - 1] + range - 1, tmp, sizeof(tmp));
		if (!cut || cut >= src->size)
			break;
		cuts[nr++] = cut;
	}
	return nr;
}
