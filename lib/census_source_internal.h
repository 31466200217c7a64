/* census_source_internal.h: bytes from memory, a file or a pipe, read into
 * a buffer from a given offset, and a file cut into ranges at LFs for
 * threads to take in turn. Nothing here knows what the bytes mean. The caller owns every
 * structure; a sk_source_buf's buffer is freed with sk_source__buf_free. */
#ifndef SENDKIT_CENSUS_SOURCE_INTERNAL_H
#define SENDKIT_CENSUS_SOURCE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csv_input_internal.h"

#define SK_SOURCE_BUF (1u << 20)   /* per reader; also the longest row read */
#define SK_SOURCE_PAD 64           /* readable bytes past the data, for 16-byte loads */
#define SK_SOURCE_MAX_RANGES 4096u   /* a file is cut into at most this many */

/* Where bytes come from: memory, a file read with pread(), or a stream. */
typedef struct sk_source {
	const char *mem;
	size_t mem_len;
	int fd;
	bool seekable;
	uint64_t size;          /* of a seekable source */
	uint64_t start;         /* where its reading starts (stdin may be part read) */
} sk_source;

/* A window of a source. */
typedef struct sk_source_buf {
	const sk_source *src;
	char *buf;              /* SK_SOURCE_BUF + SK_SOURCE_PAD bytes */
	size_t len;             /* bytes in buf */
	uint64_t buf_off;       /* source offset of buf[0] */
	uint64_t next_off;      /* where the next read starts */
	uint64_t read_to;       /* a read short of it stops there (the end of a range) */
	bool eof;
	bool nul;               /* buf holds a NUL byte */
	bool cr_only;           /* old Mac line ends: every CR is made a LF */
	int io_errno;
} sk_source_buf;

/* What the first bytes of a source say (sk_source__sniff, which is
 * sk_csv__sniff over the first buffer). */
enum {
	SK_SOURCE_UTF16 = SK_CSV_UTF16,     /* a UTF-16 byte order mark: refuse */
	SK_SOURCE_BOM = SK_CSV_BOM,         /* a UTF-8 byte order mark, to skip (3 bytes) */
	SK_SOURCE_CR_ONLY = SK_CSV_CR_ONLY  /* no LF but a CR in the first buffer: CRs made LFs */
};

/* A source over bytes in memory. */
sk_source sk_source__memory(const char *bytes, size_t len);
/* A source over fd: a regular file from its current offset (a script may
 * have read some of stdin), else a stream. */
sk_source sk_source__fd(int fd);

/* A window over src from off on, empty, in buf (SK_SOURCE_BUF +
 * SK_SOURCE_PAD bytes; NULL: allocated); SK_OK or SK_ENOMEM. */
int sk_source__buf_init(sk_source_buf *b, const sk_source *src, uint64_t off, char *buf);
void sk_source__buf_free(sk_source_buf *b);
/* Keeps buf[keep..len) at the front and reads more after it (a pipe: what
 * one read gives); pads with NUL bytes. */
void sk_source__refill(sk_source_buf *b, size_t keep);
/* Fills the buffer whole (a pipe gives a header in pieces) and says what
 * its first bytes are (SK_SOURCE_*); CR-only line ends are made LFs from
 * then on. */
unsigned sk_source__sniff(sk_source_buf *b);
/* Reads on from off (a seekable source). */
void sk_source__seek(sk_source_buf *b, uint64_t off);
/* The source offset of p, a pointer into the buffer. */
uint64_t sk_source__offset(const sk_source_buf *b, const char *p);

/* Cuts [start, size) of a seekable source into ranges of at least `range`
 * bytes (0: one range; at most SK_SOURCE_MAX_RANGES), each after a LF:
 * (*cuts)[0] = start, (*cuts)[i] the start of range i, in an array the
 * caller frees. Returns how many, 0 when out of memory. A cut may fall
 * inside a quoted field: the reader before it must check. */
unsigned sk_source__cut(uint64_t **cuts, const sk_source *src, uint64_t start, uint64_t range);

#endif
