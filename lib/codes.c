/* Census codes for SEN provision and primary need: parsing, labels and the
 * broad areas of need. Parsing never allocates: codes are matched in place
 * and longer values are squeezed into a small stack buffer. */
#include <stdbool.h>
#include <string.h>

#include "sendkit/codes.h"

/* Longer than any word or label below once squeezed; longer input is unknown. */
#define SK_CODES_WORD_MAX 64

typedef struct provision_word {
	const char *word;          /* squeezed: lower-case letters and digits */
	sk_provision provision;
	sk_provision_legacy legacy;
} provision_word;

static const provision_word provision_words[] = {
	{"nosen", SK_PROV_N, SK_LEGACY_NONE},
	{"none", SK_PROV_N, SK_LEGACY_NONE},
	{"nospecialeducationalneed", SK_PROV_N, SK_LEGACY_NONE},
	{"nospecialeducationalneeds", SK_PROV_N, SK_LEGACY_NONE},
	{"sensupport", SK_PROV_K, SK_LEGACY_NONE},
	{"ehcplan", SK_PROV_E, SK_LEGACY_NONE},
	{"ehcp", SK_PROV_E, SK_LEGACY_NONE},
	{"ehc", SK_PROV_E, SK_LEGACY_NONE},
	{"educationhealthandcareplan", SK_PROV_E, SK_LEGACY_NONE},
	{"educationhealthandcareehcplan", SK_PROV_E, SK_LEGACY_NONE},
	{"statement", SK_PROV_E, SK_LEGACY_STATEMENT},
	{"schoolaction", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
	{"schoolactionplus", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION},
};

static const struct {
	const char *code;
	const char *label;
} provision_info[SK_PROV_COUNT] = {
	[SK_PROV_N] = {"N", "No special educational need"},
	[SK_PROV_K] = {"K", "SEN support"},
	[SK_PROV_E] = {"E", "Education, health and care (EHC) plan"},
};

static const struct {
	const char *code;
	const char *key;
	const char *label;
	sk_broad_area area;
} need_info[SK_NEED_COUNT] = {
	[SK_NEED_SPLD] = {"SPLD", "spld", "Specific learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_MLD] = {"MLD", "mld", "Moderate learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_SLD] = {"SLD", "sld", "Severe learning difficulty", SK_BROAD_COGNITION},
	[SK_NEED_PMLD] = {"PMLD", "pmld", "Profound and multiple learning difficulty",
			  SK_BROAD_COGNITION},
	[SK_NEED_SLCN] = {"SLCN", "slcn", "Speech, language and communication needs",
			  SK_BROAD_COMMUNICATION},
	[SK_NEED_ASD] = {"ASD", "asd", "Autistic spectrum disorder", SK_BROAD_COMMUNICATION},
	[SK_NEED_SEMH] = {"SEMH", "semh", "Social, emotional and mental health", SK_BROAD_SEMH},
	[SK_NEED_HI] = {"HI", "hi", "Hearing impairment", SK_BROAD_SENSORY},
	[SK_NEED_VI] = {"VI", "vi", "Vision impairment", SK_BROAD_SENSORY},
	[SK_NEED_MSI] = {"MSI", "msi", "Multi-sensory impairment", SK_BROAD_SENSORY},
	[SK_NEED_PD] = {"PD", "pd", "Physical disability", SK_BROAD_SENSORY},
	[SK_NEED_OTH] = {"OTH", "oth", "Other difficulty/disability", SK_BROAD_UNCLASSIFIED},
	[SK_NEED_NSA] = {"NSA", "nsa",
			 "SEN support but no specialist assessment of type of need",
			 SK_BROAD_UNCLASSIFIED},
	[SK_NEED_UNKNOWN] = {"UNKNOWN", "unknown", "Unknown", SK_BROAD_UNCLASSIFIED},
};

/* Squeezed labels: ours (formats.md section 4) and the variants DfE publishes,
 * e.g. "Profound & Multiple Learning Difficulty", "Visual Impairment",
 * "Speech, Language and Communications needs" (2023 primary need by LA). */
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
	{"speechlanguageandcommunicationneeds", SK_NEED_SLCN},
	{"speechlanguageandcommunicationsneeds", SK_NEED_SLCN},
	{"autisticspectrumdisorder", SK_NEED_ASD},
	{"socialemotionalandmentalhealth", SK_NEED_SEMH},
	{"hearingimpairment", SK_NEED_HI},
	{"visionimpairment", SK_NEED_VI},
	{"visualimpairment", SK_NEED_VI},
	{"multisensoryimpairment", SK_NEED_MSI},
	{"physicaldisability", SK_NEED_PD},
	{"otherdifficultydisability", SK_NEED_OTH},
	{"otherdifficultyordisability", SK_NEED_OTH},
	{"sensupportbutnospecialistassessmentoftypeofneed", SK_NEED_NSA},
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

/* Copies the letters and digits of s[0..len) in lower case into buf (cap
 * bytes, NUL-terminated), with "&" read as "and" ("Profound & Multiple").
 * Returns the length, or 0 when they do not fit. */
static size_t squeeze(char *buf, size_t cap, const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		const char *add = s + i;
		size_t k = 1;
		if (s[i] == '&') {
			add = "and";
			k = 3;
		} else if (!ascii_alnum(s[i])) {
			continue;
		}
		if (n + k >= cap)
			return 0;
		for (size_t j = 0; j < k; j++)
			buf[n++] = ascii_lower(add[j]);
	}
	buf[n] = '\0';
	return n;
}

/* The provision a single code letter stands for, in either case. */
static bool provision_letter(sk_provision *out, sk_provision_legacy *legacy, char c)
{
	switch (ascii_lower(c)) {
	case 'n': *out = SK_PROV_N; *legacy = SK_LEGACY_NONE; return true;
	case 'k': *out = SK_PROV_K; *legacy = SK_LEGACY_NONE; return true;
	case 'e': *out = SK_PROV_E; *legacy = SK_LEGACY_NONE; return true;
	case 's': *out = SK_PROV_E; *legacy = SK_LEGACY_STATEMENT; return true;
	case 'a':
	case 'p': *out = SK_PROV_K; *legacy = SK_LEGACY_SCHOOL_ACTION; return true;
	default: return false;
	}
}

static bool provision_word_find(sk_provision *out, sk_provision_legacy *legacy,
				const char *word)
{
	for (size_t i = 0; i < SK_COUNTOF(provision_words); i++) {
		if (strcmp(provision_words[i].word, word) == 0) {
			*out = provision_words[i].provision;
			*legacy = provision_words[i].legacy;
			return true;
		}
	}
	return false;
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
	if (len == 1)
		return provision_letter(out, legacy, s[0]) ? SK_OK : SK_EINVAL;

	char word[SK_CODES_WORD_MAX];
	size_t n = squeeze(word, sizeof(word), s, len);
	if (n == 1 && provision_letter(out, legacy, word[0]))
		return SK_OK;
	if (n > 1 && provision_word_find(out, legacy, word))
		return SK_OK;
	*legacy = SK_LEGACY_NONE;
	return SK_EINVAL;
}

const char *sk_provision_code(sk_provision p)
{
	return (unsigned)p < SK_PROV_COUNT ? provision_info[p].code : "";
}

const char *sk_provision_label(sk_provision p)
{
	return (unsigned)p < SK_PROV_COUNT ? provision_info[p].label : "";
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

int sk_need_parse(sk_need *out, const char *s, size_t len)
{
	*out = SK_NEED_UNKNOWN;
	if (!s || len == 0)
		return SK_EINVAL;
	if (need_code_find(out, s, len))
		return SK_OK;

	char word[SK_CODES_WORD_MAX];
	size_t n = squeeze(word, sizeof(word), s, len);
	if (n == 0)
		return SK_EINVAL;
	if (need_code_find(out, word, n))
		return SK_OK;
	for (size_t i = 0; i < SK_COUNTOF(need_words); i++) {
		if (strcmp(need_words[i].word, word) == 0) {
			*out = need_words[i].need;
			return SK_OK;
		}
	}
	return SK_EINVAL;
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
