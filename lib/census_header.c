/* The census reader's header: the byte order mark, a `sep=` line, the
 * separator, and the columns by name and alias, which give the layout
 * (pupil level or school level) and what each column is used for. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "census_read_internal.h"
#include "sendkit/codes.h"

static const sk_csv__alias aliases[] = {
	{"urn", R_URN}, {"schoolurn", R_URN}, {"laestab", R_LAESTAB},
	{"school", R_SCHOOL}, {"schoolname", R_SCHOOL}, {"establishmentname", R_SCHOOL},
	{"la", R_LA}, {"laname", R_LA}, {"localauthority", R_LA},
	{"hub", R_HUB}, {"sendhub", R_HUB},
	{"senprovision", R_PROV}, {"senstatus", R_PROV}, {"senstage", R_PROV}, {"sen", R_PROV},
	{"primaryneed", R_NEED1}, {"senprimaryneed", R_NEED1}, {"primarysenneed", R_NEED1},
	{"sentype1", R_NEED1}, {"senneed1", R_NEED1},
	{"secondaryneed", R_NEED2}, {"sensecondaryneed", R_NEED2}, {"sentype2", R_NEED2},
	{"senneed2", R_NEED2},
	{"totalpupils", R_ONROLL}, {"onroll", R_ONROLL}, {"pupilsonroll", R_ONROLL},
	{"headcount", R_ONROLL},
	{"sensupport", R_SUPPORT},
	{"ehcplan", R_EHCP}, {"ehcp", R_EHCP}, {"statementorehcplan", R_EHCP},
	{"totalsen", R_TOTALSEN},
	{"upn", R_UPN}, {"uniquepupilnumber", R_UPN}, {"pupilupn", R_UPN},
	{"dob", R_DOB}, {"dateofbirth", R_DOB}, {"birthdate", R_DOB},
	{"ncyear", R_YEAR}, {"ncyearactual", R_YEAR}, {"yeargroup", R_YEAR},
	{"nationalcurriculumyear", R_YEAR}, {"curriculumyear", R_YEAR},
};

/* norm: the column's name as sk_csv__name_key leaves it. */
static int role_of(const char *norm)
{
	int role = sk_csv__alias_id(aliases, sizeof(aliases) / sizeof(aliases[0]), norm,
				    strlen(norm));
	if (role >= 0)
		return role;
	for (int n = 0; n < SK_NEED_UNKNOWN; n++) {
		const char *key = sk_need_key((sk_need)n);
		size_t klen = strlen(key);
		size_t len = strlen(norm);
		if (len == 14 + klen && strcmp(norm + 14, key) == 0) {
			if (strncmp(norm, "ehcprimaryneed", 14) == 0)
				return R_EHC_NEED + n;
			if (strncmp(norm, "supprimaryneed", 14) == 0)
				return R_SUP_NEED + n;
		}
	}
	return R_NONE;
}

/* A column's name without a bracketed hint at its end ("DOB (dd/mm/yyyy)",
 * "UPN (13)", "Surname (Legal)"), normalised by sk_csv__name_key. */
static void name_key_unhinted(char *norm, size_t cap, const char *s, size_t len)
{
	size_t n = len;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n && s[n - 1] == ')') {
		const char *open = NULL;
		for (size_t i = 0; i + 1 < n; i++)
			if (s[i] == '(')
				open = s + i;
		if (open && open > s)
			n = (size_t)(open - s);
	}
	sk_csv__name_key(norm, cap, s, n);
}

/* A name whose words say it is a pupil's: a surname, forename, known-as or
 * preferred name, a date of birth, a UPN, or a pupil's, student's, child's
 * or learner's name (or that word alone). */
static bool pupil_words(const char *norm)
{
	static const char *const own[] = {"surname", "forename", "knownas", "preferred",
					  "dob", "birth", "upn"};
	static const char *const who[] = {"pupil", "student", "child", "learner"};
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strstr(norm, own[i]))
			return true;
	for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++)
		if (!strcmp(norm, who[i]) || (strstr(norm, who[i]) && strstr(norm, "name")))
			return true;
	return false;
}

bool sk_census__pupil_column(const char *name, size_t len)
{
	/* Names the census never reads, so not among its columns above. */
	static const sk_csv__alias names[] = {
		{"surname", 0}, {"forename", 0}, {"legal surname", 0}, {"legal forename", 0},
		{"legal name", 0}, {"preferred surname", 0}, {"preferred forename", 0},
		{"first name", 0}, {"last name", 0}, {"family name", 0}, {"given name", 0},
		{"middle name", 0}, {"middle names", 0}, {"full name", 0}, {"pupil name", 0},
	};
	if (sk_csv__alias_id(names, sizeof(names) / sizeof(names[0]), name, len) >= 0)
		return true;
	char norm[64];
	name_key_unhinted(norm, sizeof(norm), name, len);
	int role = role_of(norm);
	return pupil_words(norm) || role == R_UPN || role == R_DOB || role == R_PROV || role == R_NEED1 ||
	       role == R_NEED2;
}

/* A share, not a count ("SEN support %", "EHC plan percent"): its name
 * without the % would be a count column's. */
static bool percent_column(const char *s, size_t len, const char *norm)
{
	return memchr(s, '%', len) || strstr(norm, "percent") || strstr(norm, "pct");
}

/* A generic name ("SEN", "Primary Need") beside which a more specific
 * one ("SEN Status", "SEN Primary Need") is the column meant: an
 * information system's own flag is often headed the generic way. */
static bool generic_name(const char *norm)
{
	return !strcmp(norm, "sen") || !strcmp(norm, "primaryneed") ||
	       !strcmp(norm, "secondaryneed");
}

/* Reads the header row from r->sp (one span per column) into f; *dup
 * names the first column that is there twice, the one used, and which of
 * them ("first" or "more specific"). */
static void header_roles(cfile *f, creader *r, unsigned nf, char (*dup)[3][64])
{
	char used[R_COUNT][64];
	memset(f->role, 0, sizeof(f->role));
	for (int i = 0; i < R_COUNT; i++)
		f->col[i] = -1;
	f->ncols = 0;
	f->hcols = nf;
	(*dup)[0][0] = '\0';
	for (unsigned i = 0; i < nf; i++) {
		span v = r->sp[i + 1];
		char norm[64];
		name_key_unhinted(norm, sizeof(norm), v.s, v.len);
		if (v.len)
			f->ncols = i + 1;
		int ro = percent_column(v.s, v.len, norm) ? R_NONE : role_of(norm);
		if (!ro)
			continue;
		bool specific = f->col[ro] >= 0 && generic_name(used[ro]) && !generic_name(norm);
		if (f->col[ro] >= 0 && !(*dup)[0][0]) {
			snprintf((*dup)[!specific], sizeof((*dup)[0]), "%s", f->label[ro]);
			sk_census__printable((*dup)[specific], sizeof((*dup)[0]), v.s, v.len);
			snprintf((*dup)[2], sizeof((*dup)[2]), specific ? "more specific" : "first");
		}
		if (f->col[ro] >= 0 && !specific)
			continue;
		if (f->col[ro] >= 0)
			f->role[f->col[ro]] = 0;
		snprintf(used[ro], sizeof(used[ro]), "%s", norm);
		f->col[ro] = (int)i;
		f->role[i] = (uint16_t)ro;
		sk_census__printable(f->label[ro], sizeof(f->label[ro]), v.s, v.len);
	}
}

/* Whether the header row in r->sp has a column named `norm`, normalised. */
static bool has_column(const creader *r, unsigned nf, const char *norm)
{
	for (unsigned i = 0; i < nf; i++) {
		char n[64];
		sk_csv__name_key(n, sizeof(n), r->sp[i + 1].s, r->sp[i + 1].len);
		if (strcmp(n, norm) == 0)
			return true;
	}
	return false;
}

static sk_census_layout layout_of(const cfile *f)
{
	if (f->col[R_PROV] >= 0)
		return SK_CENSUS_PUPIL_LEVEL;
	if (f->col[R_ONROLL] >= 0)
		return SK_CENSUS_SCHOOL_LEVEL;
	return SK_CENSUS_LAYOUT_UNKNOWN;
}

static void setup_file(cfile *f)
{
	f->layout = layout_of(f);
	f->key_role = f->col[R_URN] >= 0 ? R_URN : f->col[R_LAESTAB] >= 0 ? R_LAESTAB :
		      f->col[R_SCHOOL] >= 0 ? R_SCHOOL : R_NONE;
	for (int n = 0; n < SK_NEED_UNKNOWN; n++) {
		const char *code = sk_need_code((sk_need)n);
		f->need_code[n] = sk_census__pack_code(code, strlen(code));
		f->ehc_needs |= f->col[R_EHC_NEED + n] >= 0;
		f->sup_needs |= f->col[R_SUP_NEED + n] >= 0;
	}
	if (f->layout == SK_CENSUS_PUPIL_LEVEL) {
		f->knows = SK_CENSUS_KNOWS_ALL;
		if (f->col[R_NEED1] < 0)
			f->knows &= ~(unsigned)SK_CENSUS_KNOWS_NEEDS;
		return;
	}
	f->knows = 0;
	if (f->col[R_ONROLL] >= 0)
		f->knows |= SK_CENSUS_KNOWS_ON_ROLL;
	if (f->col[R_SUPPORT] >= 0)
		f->knows |= SK_CENSUS_KNOWS_SEN_SUPPORT;
	if (f->col[R_EHCP] >= 0)
		f->knows |= SK_CENSUS_KNOWS_EHCP;
	if (f->ehc_needs || f->sup_needs)
		f->knows |= SK_CENSUS_KNOWS_NEEDS;
}

static const char *sep_name(char sep)
{
	return sep == ';' ? "semicolons" : sep == '\t' ? "tabs" : sep == ',' ? "commas" : NULL;
}

/* Finds and reads the header: a byte order mark, a `sep=` line, blank lines,
 * then the first row. Leaves *p after it. */
int sk_census__read_header(creader *r, cfile *f, const char **p, const char *file,
			   sk_diags *diags)
{
	uint16_t ident[MAX_COLS];
	for (unsigned i = 0; i < MAX_COLS; i++)
		ident[i] = (uint16_t)(i + 1);
	unsigned what = sk_source__sniff(&r->in);
	if (r->in.io_errno) {
		errno = r->in.io_errno;
		return SK_EIO;
	}
	f->cr_only = r->in.cr_only;
	if (sk_csv__report_start(what, file, diags) != SK_OK)
		return SK_EINVAL;
	const char *s = r->in.buf, *end = r->in.buf + r->in.len;
	if (what & SK_SOURCE_BOM)
		s += 3;
	char given = 0;
	size_t sep_line = sk_csv__sep_line(&given, s, (size_t)(end - s));
	s += sep_line;
	r->line += sep_line > 0;
	while (s < end && (*s == '\n' || *s == '\r')) {
		r->line += *s == '\n';
		s++;
	}
	if (s >= end) {
		sk_diags_add(diags, file, (sk_pos){0, 0}, SK_ERROR, "not-census",
			     "an empty file: a census needs a header row");
		return SK_EINVAL;
	}
	const char seps[] = {given ? given : ',', ';', '\t'};
	char dup[3][64];
	const char *next = NULL;
	header_roles(f, r, 0, &dup);
	for (size_t i = 0; i < (given ? 1u : 3u); i++) {
		f->sep = seps[i];
		next = s;
		/* "URN";"SEN" read with commas has text after a closing quote:
		 * the next separator may fit. */
		if (sk_census__scan_rows(r, &next, ident, MAX_COLS, true) != SCAN_HEADER)
			continue;
		if (r->nf > MAX_COLS) {
			sk_diags_add(diags, file, (sk_pos){r->line + 1, 1}, SK_ERROR, "not-census",
				     "more than %u columns: not a census file", MAX_COLS);
			return SK_EINVAL;
		}
		header_roles(f, r, r->nf, &dup);
		if (layout_of(f) != SK_CENSUS_LAYOUT_UNKNOWN)
			break;
	}
	sk_pos hpos = {r->line + 1, 1};
	setup_file(f);
	if (f->layout == SK_CENSUS_LAYOUT_UNKNOWN) {
		sk_diags_add(diags, file, hpos, SK_ERROR, "not-census",
			     "not a census file: the header has no SEN provision column "
			     "(pupil level) and no \"Total pupils\" column (school level)");
		return SK_EINVAL;
	}
	/* DfE's national, regional and LA rows (and their phase rows) each
	 * hold what the rows below them do: summed, a total counts many times. */
	if (f->layout == SK_CENSUS_SCHOOL_LEVEL && f->key_role != R_URN &&
	    f->key_role != R_LAESTAB && has_column(r, r->nf, "geographiclevel")) {
		sk_diags_add(diags, file, hpos, SK_ERROR, "not-census",
			     "a \"geographic_level\" column and no URN: national, regional "
			     "and LA rows, which overlap, cannot be added up; give the "
			     "school-level file (one row per URN)");
		return SK_EINVAL;
	}
	/* Not by name: a row shifted by a comma would make a pupil's name a
	 * school, published with its counts. */
	if (f->layout == SK_CENSUS_PUPIL_LEVEL && f->key_role != R_URN &&
	    f->key_role != R_LAESTAB) {
		sk_diags_add(diags, file, hpos, SK_ERROR, "missing-column",
			     "no URN or LAESTAB column: a pupil-level file must give each "
			     "pupil's school by URN or LAESTAB; export it with the URN column, "
			     "or add a column headed URN with the school's URN in every row");
		return SK_EINVAL;
	}
	if (f->sep != ',' && !given)
		sk_diags_add(diags, file, hpos, SK_NOTE, "separator",
			     "fields separated by %s, not commas: read as such", sep_name(f->sep));
	if (dup[0][0])
		sk_diags_add(diags, file, hpos, SK_WARNING, "duplicate-column",
			     "column \"%s\" is there twice (or under two names): "
			     "the %s, \"%s\", is used", dup[0], dup[2], dup[1]);
	if (f->layout == SK_CENSUS_PUPIL_LEVEL && f->col[R_NEED1] < 0)
		sk_diags_add(diags, file, hpos, SK_NOTE, "missing-column",
			     "no primary need column: the need counts are left empty");
	if (f->layout == SK_CENSUS_SCHOOL_LEVEL && f->key_role == R_SCHOOL)
		sk_diags_add(diags, file, hpos, SK_NOTE, "school-key",
			     "no URN column: schools are known by LA and name, "
			     "and the key column is left empty");
	if (f->layout == SK_CENSUS_SCHOOL_LEVEL && f->key_role == R_NONE)
		sk_diags_add(diags, file, hpos, SK_NOTE, "school-key",
			     "no URN or school name column: no school rows, "
			     "but every row is counted in its LA and in all");
	r->line += 1 + r->qnl;
	*p = next;
	return SK_OK;
}
