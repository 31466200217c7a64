/* Census codes for SEN provision and primary need: parsing, labels and the
 * broad areas of need. Parsing never allocates: codes are matched in place
 * and longer values are squeezed into a small stack buffer. */
#include <stdbool.h>
#include <string.h>

#include "codes_internal.h"
#include "sendkit/codes.h"
#include "sendkit/text.h"

/* Longer than any word or label below once squeezed; longer input is unknown. */
#define SK_CODES_WORD_MAX 64

/* A provision as written: `letter` is the code it stands for, legacy ones
 * and SIMS's M (Monitoring) included, so that "K - SEN Support" can be
 * checked to say the same thing twice. */
typedef struct provision_word {
	const char *word;          /* squeezed: lower-case letters and digits */
	char letter;
	sk_provision provision;
	sk_provision_legacy legacy;
} provision_word;

static const provision_word provision_words[] = {
	{"nosen", 'n', SK_PROV_N, SK_LEGACY_NONE},
	{"none", 'n', SK_PROV_N, SK_LEGACY_NONE},
	{"nospecialeducationalneed", 'n', SK_PROV_N, SK_LEGACY_NONE},
	{"nospecialeducationalneeds", 'n', SK_PROV_N, SK_LEGACY_NONE},
	{"sensupport", 'k', SK_PROV_K, SK_LEGACY_NONE},
	{"ehcplan", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"ehcp", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"ehc", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"educationhealthandcareplan", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"educationhealthandcareehcplan", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"statement", 's', SK_PROV_E, SK_LEGACY_STATEMENT},
	{"statementofsen", 's', SK_PROV_E, SK_LEGACY_STATEMENT},
	{"statementofspecialeducationalneeds", 's', SK_PROV_E, SK_LEGACY_STATEMENT},
	{"schoolaction", 'a', SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
	{"schoolactionplus", 'p', SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
	{"monitoring", 'm', SK_PROV_N, SK_LEGACY_MONITORING},
	/* The letters: 'm' only beside its label ("M - Monitoring"), never alone. */
	{"n", 'n', SK_PROV_N, SK_LEGACY_NONE},
	{"k", 'k', SK_PROV_K, SK_LEGACY_NONE},
	{"e", 'e', SK_PROV_E, SK_LEGACY_NONE},
	{"s", 's', SK_PROV_E, SK_LEGACY_STATEMENT},
	{"a", 'a', SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
	{"p", 'p', SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
	{"m", 'm', SK_PROV_N, SK_LEGACY_MONITORING},
};

static const struct {
	const char *code;
	const char *label;
} provision_info[SK_PROV_COUNT] = {
	[SK_PROV_N] = {"N", "No special educational need"},
	[SK_PROV_K] = {"K", "SEN support"},
	[SK_PROV_E] = {"E", "Education, health and care (EHC) plan"},
};

/* `label` is DfE's; `short_label` the one name a page gives the need where
 * DfE's is too long for a table column (39 characters at most). */
static const struct {
	const char *code;
	const char *key;
	const char *label;
	const char *short_label;
	sk_broad_area area;
} need_info[SK_NEED_COUNT] = {
	[SK_NEED_SPLD] = {"SPLD", "spld", "Specific learning difficulty",
			  "Specific learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_MLD] = {"MLD", "mld", "Moderate learning difficulty",
			 "Moderate learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_SLD] = {"SLD", "sld", "Severe learning difficulty", "Severe learning difficulty",
			 SK_BROAD_COGNITION},
	[SK_NEED_PMLD] = {"PMLD", "pmld", "Profound and multiple learning difficulty",
			  "Profound & multiple learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_SLCN] = {"SLCN", "slcn", "Speech, language and communication needs",
			  "Speech, language and communication", SK_BROAD_COMMUNICATION},
	[SK_NEED_ASD] = {"ASD", "asd", "Autistic spectrum disorder", "Autistic spectrum disorder",
			 SK_BROAD_COMMUNICATION},
	[SK_NEED_SEMH] = {"SEMH", "semh", "Social, emotional and mental health",
			  "Social, emotional and mental health", SK_BROAD_SEMH},
	[SK_NEED_HI] = {"HI", "hi", "Hearing impairment", "Hearing impairment", SK_BROAD_SENSORY},
	[SK_NEED_VI] = {"VI", "vi", "Vision impairment", "Vision impairment", SK_BROAD_SENSORY},
	[SK_NEED_MSI] = {"MSI", "msi", "Multi-sensory impairment", "Multi-sensory impairment",
			 SK_BROAD_SENSORY},
	[SK_NEED_PD] = {"PD", "pd", "Physical disability", "Physical disability",
			SK_BROAD_SENSORY},
	[SK_NEED_OTH] = {"OTH", "oth", "Other difficulty/disability",
			 "Other difficulty/disability", SK_BROAD_UNCLASSIFIED},
	[SK_NEED_NSA] = {"NSA", "nsa",
			 "SEN support but no specialist assessment of type of need",
			 "No specialist assessment of need", SK_BROAD_UNCLASSIFIED},
	[SK_NEED_UNKNOWN] = {"UNKNOWN", "unknown", "Unknown", "Unknown", SK_BROAD_UNCLASSIFIED},
};

/* Squeezed labels: ours (sendkit-census(5)), the variants DfE publishes,
 * e.g. "Profound & Multiple Learning Difficulty", "Visual Impairment",
 * "Speech, Language and Communications needs" (2023 primary need by LA), and
 * the labels information systems (SIMS, Arbor, Bromcom) export. Only labels
 * that name one need: "Learning Difficulty" or "Sensory Impairment" do not. */
static const struct {
	const char *word;
	sk_need need;
} need_words[] = {
	{"specificlearningdifficulty", SK_NEED_SPLD},
	{"specificlearningdifficulties", SK_NEED_SPLD},
	{"moderatelearningdifficulty", SK_NEED_MLD},
	{"moderatelearningdifficulties", SK_NEED_MLD},
	{"severelearningdifficulty", SK_NEED_SLD},
	{"severelearningdifficulties", SK_NEED_SLD},
	{"profoundandmultiplelearningdifficulty", SK_NEED_PMLD},
	{"profoundandmultiplelearningdifficulties", SK_NEED_PMLD},
	{"profoundmultiplelearningdifficulty", SK_NEED_PMLD},
	{"profoundmultiplelearningdifficulties", SK_NEED_PMLD},
	{"speechlanguageandcommunication", SK_NEED_SLCN},
	{"speechlanguageandcommunicationneed", SK_NEED_SLCN},
	{"speechlanguageandcommunicationneeds", SK_NEED_SLCN},
	{"speechlanguageandcommunicationsneeds", SK_NEED_SLCN},
	{"autisticspectrumdisorder", SK_NEED_ASD},
	{"autismspectrumdisorder", SK_NEED_ASD},
	{"autisticspectrumcondition", SK_NEED_ASD},
	{"autismspectrumcondition", SK_NEED_ASD},
	{"autism", SK_NEED_ASD},
	{"socialemotionalandmentalhealth", SK_NEED_SEMH},
	{"socialemotionalmentalhealth", SK_NEED_SEMH},
	{"socialemotionalandmentalhealthneeds", SK_NEED_SEMH},
	{"socialemotionalandmentalhealthdifficulties", SK_NEED_SEMH},
	{"hearingimpairment", SK_NEED_HI},
	{"visionimpairment", SK_NEED_VI},
	{"visualimpairment", SK_NEED_VI},
	{"multisensoryimpairment", SK_NEED_MSI},
	{"physicaldisability", SK_NEED_PD},
	{"physicaldisabilities", SK_NEED_PD},
	{"otherdifficultydisability", SK_NEED_OTH},
	{"otherdifficultyordisability", SK_NEED_OTH},
	{"other", SK_NEED_OTH},
	{"sensupportbutnospecialistassessmentoftypeofneed", SK_NEED_NSA},
	{"sensupportnospecialistassessment", SK_NEED_NSA},
	{"nospecialistassessment", SK_NEED_NSA},
	{"nospecialistassessmentoftypeofneed", SK_NEED_NSA},
	{"nospecialistassessmentofneed", SK_NEED_NSA},
	{"sensupportbutnospecialistassessment", SK_NEED_NSA},
	/* An abbreviation schools use beside the codes: "ASC - Autistic Spectrum Condition". */
	{"asc", SK_NEED_ASD},
};

#define SK_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Punctuation outside ASCII that a label may hold, in UTF-8: hyphens and
 * dashes U+2010-2015, curly quotes U+2018-201D, minus U+2212, no-break space
 * U+00A0. */
static size_t utf8_punct(const unsigned char *u, size_t left)
{
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x9D)
		return 3;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)
		return 3;
	return 0;
}

/* Whether s[0..len) is read as Windows-1252: it is not UTF-8. */
static bool is_cp1252(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return !sk_utf8_valid(s, len);
	return false;
}

/* The bytes of the character at s[i] when it is spacing or punctuation,
 * else 0. Windows-1252's dashes, quotes and no-break space (0x91-0x97,
 * 0xA0) count in text that is not UTF-8 (`cp1252`). `dash` says whether it
 * separates a code from its label ("K - SEN Support", "K – SEN Support"). */
static size_t punct_at(const char *s, size_t len, size_t i, bool cp1252, bool *dash)
{
	const unsigned char *u = (const unsigned char *)s + i;
	*dash = false;
	if (u[0] < 0x80) {
		*dash = u[0] == '-' || u[0] == ':';
		return ascii_alnum(s[i]) ? 0 : 1;
	}
	size_t k = utf8_punct(u, len - i);
	if (k) {
		*dash = k == 3 && (u[2] <= 0x95 || u[1] == 0x88);
		return k;
	}
	if (cp1252 && ((u[0] >= 0x91 && u[0] <= 0x97) || u[0] == 0xA0)) {
		*dash = u[0] == 0x96 || u[0] == 0x97;
		return 1;
	}
	return 0;
}

size_t sk_codes__label_key(char *out, size_t cap, const char *s, size_t len)
{
	size_t n = 0;
	bool cp1252 = is_cp1252(s, len);
	for (size_t i = 0; i < len; i++) {
		bool dash;
		size_t skip = s[i] == '&' || ascii_alnum(s[i]) ? 0
				: punct_at(s, len, i, cp1252, &dash);
		const char *add = s[i] == '&' ? "and" : s + i;
		size_t k = s[i] == '&' ? 3 : 1;
		if (skip) {
			i += skip - 1;
			continue;
		}
		if (n + k >= cap)
			return 0;
		for (size_t j = 0; j < k; j++)
			out[n++] = ascii_lower(add[j]);
	}
	out[n] = '\0';
	return n;
}

/* sk_codes__label_key for the built-in forms: 0 also when s holds a letter
 * outside ASCII (no form has one: "Hearing Impairmenté" is no label). */
static size_t squeeze(char *buf, size_t cap, const char *s, size_t len)
{
	size_t n = sk_codes__label_key(buf, cap, s, len);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] >= 0x80)
			return 0;
	return n;
}

/* Whether s[0..len) holds a "?" (an unsure entry in school exports) or a
 * control character other than a tab: such a value is unknown as a whole. */
static bool unsure(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '?' || c == 0x7f || (c < 0x20 && c != '\t'))
			return true;
	}
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether s[0..len) is plausibly written whole: spacing trimmed and one pair
 * of enclosing brackets or quotes taken off ("(E)", "\"e\""), it starts with
 * a letter or digit and ends with one, "." ";" "," or a bracket it opened. A stray
 * leading dash or other mark ("-K") is unknown, not dropped. */
static bool edges_ok(const char *s, size_t len)
{
	while (len && is_blank(s[0])) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	/* Curly quotes as straight ones: in UTF-8, and in Windows-1252. */
	static const char *const pairs[][2] = {
		{"(", ")"}, {"[", "]"}, {"\"", "\""}, {"'", "'"},
		{"\xe2\x80\x9c", "\xe2\x80\x9d"}, {"\xe2\x80\x98", "\xe2\x80\x99"},
		{"\x93", "\x94"}, {"\x91", "\x92"},
	};
	for (size_t i = 0; i < SK_COUNTOF(pairs); i++) {
		size_t open = strlen(pairs[i][0]), close = strlen(pairs[i][1]);
		if (len >= open + close && !memcmp(s, pairs[i][0], open) &&
		    !memcmp(s + len - close, pairs[i][1], close)) {
			s += open;
			len -= open + close;
			break;
		}
	}
	while (len && is_blank(s[0])) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	if (len == 0 || !ascii_alnum(s[0]))
		return false;
	char last = s[len - 1];
	if (last == ')' || last == ']')
		return memchr(s, last == ')' ? '(' : '[', len) != NULL;
	return ascii_alnum(last) || last == '.' || last == ';' || last == ',';
}

/* How a value may be cut into a code and a label: "K - SEN Support",
 * "SEN Support - K" (at the first or the last dash) or "SEN Support (K)". */
typedef struct cut {
	const char *a, *b;
	size_t alen, blen;
} cut;

/* The ways s[0..len) can be cut in two (at most 3), each side non-empty. */
static size_t cuts_of(cut *out, const char *s, size_t len)
{
	size_t n = 0, first = len, first_end = 0, last = len, last_end = 0;
	bool cp1252 = is_cp1252(s, len);
	for (size_t i = 0; i < len; i++) {
		bool dash;
		size_t k = ascii_alnum(s[i]) ? 0 : punct_at(s, len, i, cp1252, &dash);
		if (k && dash) {
			if (first == len) {
				first = i;
				first_end = i + k;
			}
			last = i;
			last_end = i + k;
		}
		if (k)
			i += k - 1;
	}
	if (first < len)
		out[n++] = (cut){s, s + first_end, first, len - first_end};
	if (last < len && last != first)
		out[n++] = (cut){s, s + last_end, last, len - last_end};
	size_t end = len;
	while (end && (s[end - 1] == ' ' || s[end - 1] == '.'))
		end--;
	if (end >= 3 && (s[end - 1] == ')' || s[end - 1] == ']')) {
		char open = s[end - 1] == ')' ? '(' : '[';
		size_t i = end - 1;
		while (i > 0 && s[i - 1] != open)
			i--;
		if (i > 1)
			out[n++] = (cut){s, s + i, i - 1, end - 1 - i};
	}
	return n;
}

static bool need_word_find(sk_need *out, const char *word)
{
	for (size_t i = 0; i < SK_COUNTOF(need_words); i++) {
		if (strcmp(need_words[i].word, word) == 0) {
			*out = need_words[i].need;
			return true;
		}
	}
	return false;
}

/* Matches s[0..len) against the need codes ignoring case, without a copy. */
static bool need_code_find(sk_need *out, const char *s, size_t len)
{
	if (len < 2 || len > 4)
		return false;
	for (int i = 0; i < SK_NEED_UNKNOWN; i++) {
		const char *key = need_info[i].key;
		size_t j = 0;
		while (j < len && key[j] != '\0' && ascii_lower(s[j]) == key[j])
			j++;
		if (j == len && key[j] == '\0') {
			*out = (sk_need)i;
			return true;
		}
	}
	return false;
}

/* A need from a code or a label as a whole, not cut. */
static bool need_whole(sk_need *out, const char *s, size_t len)
{
	if (!edges_ok(s, len))
		return false;
	if (need_code_find(out, s, len))
		return true;
	char word[SK_CODES_WORD_MAX];
	size_t n = squeeze(word, sizeof(word), s, len);
	return n > 0 && (need_code_find(out, word, n) || need_word_find(out, word));
}

int sk_need_parse(sk_need *out, const char *s, size_t len)
{
	*out = SK_NEED_UNKNOWN;
	if (!s || len == 0 || unsure(s, len))
		return SK_EINVAL;
	if (need_whole(out, s, len))
		return SK_OK;
	/* "ASD - Autistic Spectrum Disorder": both sides must name the same need. */
	cut c[3];
	size_t nc = cuts_of(c, s, len);
	for (size_t i = 0; i < nc; i++) {
		sk_need a, b;
		if (need_whole(&a, c[i].a, c[i].alen) && need_whole(&b, c[i].b, c[i].blen) &&
		    a == b) {
			*out = a;
			return SK_OK;
		}
	}
	return SK_EINVAL;
}

/* The entry s[0..len) is once squeezed, whatever its edges, or NULL. */
static const provision_word *provision_squeezed(const char *s, size_t len)
{
	char word[SK_CODES_WORD_MAX];
	if (squeeze(word, sizeof(word), s, len) == 0)
		return NULL;
	for (size_t i = 0; i < SK_COUNTOF(provision_words); i++)
		if (strcmp(provision_words[i].word, word) == 0)
			return &provision_words[i];
	return NULL;
}

/* The entry s[0..len) is as a whole, with plausible edges, or NULL. */
static const provision_word *provision_whole(const char *s, size_t len)
{
	return edges_ok(s, len) ? provision_squeezed(s, len) : NULL;
}

/* Whether two entries say the same thing: the same code, or the letter E
 * beside a Statement's label ("E - Statement"), since S is read as E. */
static bool provision_agree(const provision_word *a, const provision_word *b)
{
	if (a->letter == b->letter)
		return true;
	const provision_word *lone = a->word[1] == '\0' ? a : b, *word = lone == a ? b : a;
	return lone->letter == 'e' && word->letter == 's' && word->word[1] != '\0';
}

/* Whether s[0..len), cut at some run of spacing or punctuation, has two
 * sides that name different codes: squeezed, "EHC/P" or "EHC (P)" would
 * read as "ehcp", though E beside P (School Action Plus) contradicts itself. */
static bool sides_conflict(const char *s, size_t len)
{
	bool cp1252 = is_cp1252(s, len);
	for (size_t i = 0; i < len;) {
		bool dash;
		size_t k = ascii_alnum(s[i]) ? 0 : punct_at(s, len, i, cp1252, &dash);
		if (!k) {
			i++;
			continue;
		}
		size_t end = i;
		while (end < len && !ascii_alnum(s[end]) &&
		       (k = punct_at(s, len, end, cp1252, &dash)) != 0)
			end += k;
		const provision_word *a = provision_squeezed(s, i);
		const provision_word *b = provision_squeezed(s + end, len - end);
		if (a && b && !provision_agree(a, b))
			return true;
		i = end > i ? end : i + 1;
	}
	return false;
}

/* The entry s[0..len) is: as a whole (but not a lone M), or as a code and a
 * label that agree ("K - SEN Support", "SEN Support (K)"); NULL when none or
 * when they disagree ("K - EHC Plan" is unknown, not a guess). */
static const provision_word *provision_find(const char *s, size_t len)
{
	if (sides_conflict(s, len))
		return NULL;
	const provision_word *w = provision_whole(s, len);
	if (w)
		return w->letter == 'm' && w->word[1] == '\0' ? NULL : w;
	cut c[3];
	size_t nc = cuts_of(c, s, len);
	for (size_t i = 0; i < nc; i++) {
		const provision_word *a = provision_whole(c[i].a, c[i].alen);
		const provision_word *b = provision_whole(c[i].b, c[i].blen);
		bool letters = a && b && a->word[1] == '\0' && b->word[1] == '\0';
		if (a && b && provision_agree(a, b) && !letters)
			return a->word[1] == '\0' ? b : a;
	}
	return NULL;
}

int sk_provision_parse(sk_provision *out, sk_provision_legacy *legacy,
		       const char *s, size_t len)
{
	sk_provision_legacy unused;
	if (!legacy)
		legacy = &unused;
	*legacy = SK_LEGACY_NONE;
	if (!s || len == 0)
		return SK_EINVAL;
	/* The census holds one letter per pupil: millions of calls take this path. */
	if (len == 1) {
		switch (ascii_lower(s[0])) {
		case 'n': *out = SK_PROV_N; return SK_OK;
		case 'k': *out = SK_PROV_K; return SK_OK;
		case 'e': *out = SK_PROV_E; return SK_OK;
		default: break;
		}
	}
	const provision_word *w = unsure(s, len) ? NULL : provision_find(s, len);
	if (!w)
		return SK_EINVAL;
	*out = w->provision;
	*legacy = w->legacy;
	return SK_OK;
}

const char *sk_provision_code(sk_provision p)
{
	return (unsigned)p < SK_PROV_COUNT ? provision_info[p].code : "";
}

const char *sk_provision_label(sk_provision p)
{
	return (unsigned)p < SK_PROV_COUNT ? provision_info[p].label : "";
}

size_t sk_need_count(void)
{
	return SK_NEED_COUNT;
}

static sk_need need_clamp(sk_need n)
{
	return (unsigned)n < SK_NEED_COUNT ? n : SK_NEED_UNKNOWN;
}

const char *sk_need_code(sk_need n)
{
	return need_info[need_clamp(n)].code;
}

const char *sk_need_key(sk_need n)
{
	return need_info[need_clamp(n)].key;
}

const char *sk_need_label(sk_need n)
{
	return need_info[need_clamp(n)].label;
}

const char *sk_need_short_label(sk_need n)
{
	return need_info[need_clamp(n)].short_label;
}

sk_broad_area sk_need_broad_area(sk_need n)
{
	return need_info[need_clamp(n)].area;
}

static const struct {
	const char *key;
	const char *label;
} broad_info[SK_BROAD_COUNT] = {
	[SK_BROAD_COGNITION] = {"cognition_and_learning", "Cognition and learning"},
	[SK_BROAD_COMMUNICATION] = {"communication_and_interaction",
				    "Communication and interaction"},
	[SK_BROAD_SEMH] = {"social_emotional_mental_health",
			   "Social, emotional and mental health"},
	[SK_BROAD_SENSORY] = {"sensory_and_physical", "Sensory and/or physical"},
	[SK_BROAD_UNCLASSIFIED] = {"unclassified", "Unclassified"},
};

static sk_broad_area broad_clamp(sk_broad_area a)
{
	return (unsigned)a < SK_BROAD_COUNT ? a : SK_BROAD_UNCLASSIFIED;
}

const char *sk_broad_area_key(sk_broad_area a)
{
	return broad_info[broad_clamp(a)].key;
}

const char *sk_broad_area_label(sk_broad_area a)
{
	return broad_info[broad_clamp(a)].label;
}
