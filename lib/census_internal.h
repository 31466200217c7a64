/* census_internal.h: what census.c (the terms, groups and hubs),
 * census_read.c (the reader) and census_table.c (the summary) share. */
#ifndef SENDKIT_CENSUS_INTERNAL_H
#define SENDKIT_CENSUS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hash_internal.h"
#include "mem_internal.h"
#include "sendkit/census.h"

#define SK_CENSUS_KNOWS_ALL (SK_CENSUS_KNOWS_ON_ROLL | SK_CENSUS_KNOWS_SEN_SUPPORT | \
			     SK_CENSUS_KNOWS_EHCP | SK_CENSUS_KNOWS_NEEDS)

/* The counts kept per school, 32 bits each (a school's pupils fit). */
enum {
	SK_CN_ON_ROLL = 0, SK_CN_SUPPORT, SK_CN_EHCP,
	SK_CN_NEED,                            /* + sk_need */
	SK_CN_COUNT = SK_CN_NEED + SK_NEED_COUNT
};

/* A school (or a hub: the hubs file). Strings are in the table's arena. */
typedef struct sk_cgroup {
	const char *ikey;       /* the index key: URN, or LA and name; NULL when none */
	uint32_t ikey_len;
	uint32_t hash;
	const char *urn;        /* the key column of a school; NULL when keyed by name */
	const char *name, *la, *hub;
	uint32_t file;          /* where the school first appears: index into the files */
	uint32_t line;
	uint32_t n[SK_CN_COUNT];
	uint8_t knows;          /* SK_CENSUS_KNOWS_* */
	bool listed;            /* has a URN or a name: shown in school rows */
	bool indexed;           /* findable by ikey */
	bool unique;            /* a row of a school-level file without URN: never merged */
	uint8_t cp1252;         /* SK_CG_* of the names read as Windows-1252 */
	uint8_t seen;           /* SK_CG_* given by a row: text_hash holds the first */
	uint8_t conflict;       /* SK_CG_* on which its rows disagree (reported, then cleared) */
	uint8_t fresh;          /* SK_CG_* of the names the file being read gave */
	uint8_t agreed;         /* SK_CG_* of those that two of its rows gave alike */
	uint8_t waiting;        /* SK_CG_* held back (held) until a second pupil of the
				   term, in any file of it, gives them alike */
	uint8_t withheld;       /* SK_CG_* its school-level rows disagree on: not published */
	uint8_t late;           /* SK_CG_* confirmed by a later file: not yet folded */
	bool pupil_level;       /* first read from a pupil-level file */
	const char *held[3];    /* the name, LA and hub that wait */
	uint32_t text_hash[3];  /* of the name, LA and hub as written, to compare rows */
	uint32_t giver[3];      /* the first pupil (UPN, or date of birth) that gave each;
				   0 while no row that gave it said who */
	uint8_t key_kind;       /* SK_CK_*: what its file keys schools by */
} sk_cgroup;

enum { SK_CG_NAME = 1, SK_CG_LA = 2, SK_CG_HUB = 4 };

/* A row (or a part of a term, by its first giver) gives school g's name i
 * (bit SK_CG_*) alike: agreed once two pupils who say who they are (a giver
 * of 0 does not) have given it, in any order of rows and parts. */
void sk_census__give(sk_cgroup *g, int i, uint8_t bit, uint32_t giver);

/* The kinds of school key: one never matches another. */
enum { SK_CK_NONE = 0, SK_CK_URN, SK_CK_LAESTAB, SK_CK_NAME, SK_CK_COUNT };

/* Groups in the order they were added, with an open-addressing index. */
typedef struct sk_cgroups {
	sk_cgroup *v;
	size_t n, cap;
	uint32_t *slots;        /* index + 1; 0 is empty */
	size_t nslots, nindexed;
	sk_arena arena;         /* strings that live as long as the table */
} sk_cgroups;

typedef struct sk_cterm {
	char *label;
	sk_cgroups schools;
	uint8_t withheld;       /* SK_CG_* published for no school of the term */
	size_t file;            /* the first file read into it (an index of files) */
} sk_cterm;

struct sk_census {
	sk_cterm *terms;
	size_t nterms, terms_cap;
	char **files;           /* display names of the files read, for diagnostics */
	size_t nfiles, files_cap;
	sk_cgroups hubs;        /* URN or LAESTAB -> hub, from sk_census_read_hubs */
	sk_cgroups hub_names;   /* the census files' hub names by spelling (census.c) */
	sk_cgroups la_names;    /* and their LAs' names */
	bool have_hubs;
	char *hubs_file;        /* its display name */
	unsigned threads;
	unsigned report_limit;
	uint64_t range;         /* for tests: the least bytes in a range; 0: the default */
	const sk_codes *codes;  /* borrowed: sk_census_set_codes */
};

/* A field as the scanner found it: the text between the quotes of a quoted
 * field (doubled quotes not yet undone), else the field as written. */
typedef struct sk_census__field {
	const char *s;
	uint32_t len;
	bool quoted;
} sk_census__field;

/* For tests: called with every row's fields (at most 4096), by the reader
 * of range `reader` (from any thread); `fast` when the scanner's fast path
 * read the row. */
typedef void (*sk_census__row_fn)(void *ctx, unsigned reader, const sk_census__field *f,
				  unsigned n, bool fast);
/* For tests: scans bytes as the census reader does (`threads` threads
 * taking ranges of at least `range` bytes in turn; 0: the default), giving
 * each row to fn with its range's index; the rows of the ranges from *valid
 * on are to be thrown away (their range did not begin at a row, and the
 * range before read them). SK_OK or SK_ENOMEM. */
int sk_census__scan_buffer(const char *bytes, size_t len, char sep, unsigned threads,
			   uint64_t range, sk_census__row_fn fn, void *ctx, unsigned *valid);

/* For tests: the least bytes in each of the ranges a file is cut into, and
 * so how many (0: the default, 1 to 8 MiB by the file's size and threads;
 * one range with one thread), so that a small file can be cut anywhere. */
void sk_census__set_range(sk_census *c, uint64_t bytes);

void sk_census__groups_free(sk_cgroups *g);
/* The group with this key, or NULL. */
sk_cgroup *sk_census__groups_find(const sk_cgroups *g, const char *key, size_t len,
				  uint32_t hash);
/* Adds a group with this key (copied into the arena; may be NULL), put in
 * the index when `index` (the caller knows the key is not there yet).
 * Returns the group, or NULL when out of memory. */
sk_cgroup *sk_census__groups_add(sk_cgroups *g, const char *key, size_t len, uint32_t hash,
				 bool index);
/* The group with this key, added when it is new; *added says which. */
sk_cgroup *sk_census__groups_get(sk_cgroups *g, const char *key, size_t len, bool *added);

/* A school's counts as the public structure (schools = 1). */
void sk_census__counts_of(sk_census_counts *out, const sk_cgroup *g);
/* Adds src's counts to dst's (schools too); what either does not know,
 * the sum does not know. */
void sk_census__counts_add(sk_census_counts *dst, const sk_census_counts *src);

/* Adds v to g's count k; a sum past UINT32_MAX (a school's rows given
 * hundreds of times) leaves that count unknown, never wrapped. */
void sk_census__group_add(sk_cgroup *g, unsigned k, uint64_t v);
/* What merging found: a school already read from another file of the term. */
typedef struct sk_census__twice {
	sk_diags *diags;
	const char *file;       /* the file being merged, as shown */
	char *const *files;     /* every file's name, by index */
	unsigned limit;         /* how many to report */
	unsigned count;         /* how many were found */
	/* A school-level file's school read by two threads: a school given
	 * twice in the file, counted in *dup_total, reported while *dup_shown
	 * is under the limit (NULL: a pupil-level file). */
	uint64_t *dup_total, *dup_shown;
} sk_census__twice;

/* Adds the schools of one reader into a term, in order, taking its strings:
 * the same school (by key) is merged, names kept from where it first
 * appears; line numbers are shifted by line_offset. A school first read from
 * another file is counted in `twice` and reported up to its limit.
 * SK_OK or SK_ENOMEM. */
int sk_census__merge_schools(sk_cgroups *dst, sk_cgroups *src, unsigned file,
			     unsigned line_offset, sk_census__twice *twice);
/* The term labelled `label`, added when it is new; NULL when out of memory. */
sk_cterm *sk_census__term(sk_census *c, const char *label);
/* The hub the hubs file gives the school keyed `key` (its URN or LAESTAB),
 * or NULL. */
const char *sk_census__listed_hub(const sk_census *c, const char *key);
/* The hub of a school: from the hubs file, else from the census. */
const char *sk_census__hub_of(const sk_census *c, const sk_cgroup *school);
/* Remembers a file's display name; its index, or -1 when out of memory. */
int sk_census__add_file(sk_census *c, const char *file);
/* A field as text: surrounding spaces trimmed, line breaks and tabs inside
 * made one space, doubled quotes undone when `quoted`, and read as Windows-1252 when it is not UTF-8 (*cp1252 set
 * then), copied into the arena. NULL when empty or out of memory (*nomem
 * says which). */
const char *sk_census__text(sk_arena *a, const char *s, size_t len, bool quoted,
			    bool *cp1252, bool *nomem);
/* The length of the Unicode space or zero-width character that s[0..len)
 * starts with (UTF-8: U+00A0, U+1680, U+2000 to U+200D, U+2028, U+2029,
 * U+202F, U+205F, U+2060, U+3000, U+FEFF), *cp its code point; or 0. */
size_t sk_census__unicode_space(const char *s, size_t len, unsigned *cp);
/* How a school's, LA's or hub's name is told apart from another's: into
 * out (n bytes or more), letters in lower case, each run of spaces (tabs,
 * line breaks, Unicode's spaces) one space, none at the edges; its length. */
size_t sk_census__fold(char *out, const char *name, size_t n);
/* sk_hash__bytes of what sk_census__fold writes, without a copy. */
uint32_t sk_census__fold_hash(const char *name, size_t n);
/* Reads the hubs, and the LAs, the schools of term t from file `file` give
 * as one where their names differ only in case or spaces ("Weston",
 * "weston", "Mendip<U+00A0>"; across files and terms too): the first
 * spelling, with a warning that names both spellings (a hub's) or the
 * first and how many others (an LA's, once in a file), or, from a
 * pupil-level file (`pupil_level`), none. SK_OK or SK_ENOMEM. */
int sk_census__fold_names(sk_census *c, sk_cterm *t, unsigned file, const char *path,
			  bool pupil_level, sk_diags *diags);
/* Whether a column's name (any spelling) is one of a pupil's: a UPN, a
 * name, a date of birth, SEN provision or a need. */
bool sk_census__pupil_column(const char *name, size_t len);
/* "s" for a plural count in a message ("1 row", "2 rows"), else "". */
static inline const char *sk_census__s(unsigned long long n)
{
	return n == 1 ? "" : "s";
}
/* Text for a message: control characters and what is not UTF-8 shown as
 * '?', at most 40 bytes. Returns buf. */
const char *sk_census__printable(char *buf, size_t cap, const char *s, size_t len);

#endif
