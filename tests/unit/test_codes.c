/* Unit tests for lib/codes.c: provision and need codes, labels, broad areas. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <csv.h>

#include "sendkit/codes.h"
#include "sendkit/sendkit.h"
#include "diag_check.h"

static int prov(sk_provision *out, sk_provision_legacy *legacy, const char *s)
{
	return sk_provision_parse(out, legacy, s, strlen(s));
}

static void expect_provision(const char *s, sk_provision want_p, sk_provision_legacy want_legacy)
{
	sk_provision p = SK_PROV_COUNT;
	sk_provision_legacy legacy = (sk_provision_legacy)99;
	int rc = prov(&p, &legacy, s);
	if (rc != SK_OK || p != want_p || legacy != want_legacy)
		fail_msg("\"%s\": rc %d provision %d legacy %d", s, rc, (int)p, (int)legacy);
}

static void expect_provision_invalid(const char *s, size_t len)
{
	sk_provision p = SK_PROV_E;
	sk_provision_legacy legacy = SK_LEGACY_STATEMENT;
	if (sk_provision_parse(&p, &legacy, s, len) != SK_EINVAL)
		fail_msg("\"%.*s\" was accepted", (int)len, s ? s : "");
	assert_int_equal(legacy, SK_LEGACY_NONE);
	assert_int_equal(p, SK_PROV_E);   /* untouched */
}

static void test_provision_codes(void **state)
{
	(void)state;
	expect_provision("N", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("n", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("K", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("k", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("E", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("e", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("S", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("s", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("A", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("a", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("P", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("p", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	/* A code with spacing or punctuation around it is still the code. */
	expect_provision(" K ", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("\"e\"", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("S.", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("(E)", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("[K]", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("K\t", SK_PROV_K, SK_LEGACY_NONE);
}

static void test_provision_fast_path_uses_len(void **state)
{
	(void)state;
	sk_provision p;
	sk_provision_legacy legacy;
	/* Only the first byte counts: the rest of the buffer is another field. */
	assert_int_equal(sk_provision_parse(&p, &legacy, "KE,N", 1), SK_OK);
	assert_int_equal(p, SK_PROV_K);
	assert_int_equal(sk_provision_parse(&p, &legacy, "Statement", 1), SK_OK);
	assert_int_equal(p, SK_PROV_E);
	assert_int_equal(legacy, SK_LEGACY_STATEMENT);
	/* legacy may be NULL */
	assert_int_equal(sk_provision_parse(&p, NULL, "P", 1), SK_OK);
	assert_int_equal(p, SK_PROV_K);
	assert_int_equal(sk_provision_parse(&p, NULL, "Statement", 9), SK_OK);
	assert_int_equal(p, SK_PROV_E);
}

static void test_provision_words(void **state)
{
	(void)state;
	expect_provision("SEN support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("SEN Support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("sen-support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("  SEN  SUPPORT  ", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("EHC plan", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("EHC Plan", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("EHCP", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("ehcp", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("EHC", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("Education, health and care plan", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("Education, Health & Care Plan", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("Statement", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("STATEMENT", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("No SEN", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("no-sen", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("None", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("School Action", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("School Action Plus", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("school action plus.", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
}

/* As SIMS, Arbor, Bromcom and others export them: a code and its label. */
static void test_provision_mis_forms(void **state)
{
	(void)state;
	expect_provision("K - SEN Support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("k-sen support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("K \xe2\x80\x93 SEN Support", SK_PROV_K, SK_LEGACY_NONE);   /* en dash */
	expect_provision("K\xe2\x80\x94SEN Support", SK_PROV_K, SK_LEGACY_NONE);     /* em dash */
	expect_provision("K \x96 SEN Support", SK_PROV_K, SK_LEGACY_NONE);  /* Windows-1252 en dash */
	expect_provision("K: SEN support", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("SEN Support (K)", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("SEN support(k)", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("SEN Support [K]", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("SEN Support - K", SK_PROV_K, SK_LEGACY_NONE);
	expect_provision("E - Education, Health and Care Plan", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("E \xe2\x80\x93 Education, Health & Care Plan", SK_PROV_E,
			 SK_LEGACY_NONE);
	expect_provision("Education, Health and Care Plan (E)", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("EHC Plan (E)", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("E - EHCP", SK_PROV_E, SK_LEGACY_NONE);
	expect_provision("EHC\xc2\xa0Plan", SK_PROV_E, SK_LEGACY_NONE);   /* no-break space */
	expect_provision("N - No Special Educational Need", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("No Special Educational Need", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("no special educational needs", SK_PROV_N, SK_LEGACY_NONE);
	expect_provision("S - Statement", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("Statement of SEN", SK_PROV_E, SK_LEGACY_STATEMENT);
	/* S is read as E: the letter E beside a Statement's label is a Statement. */
	expect_provision("E - Statement", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("Statement (E)", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("Statement - E", SK_PROV_E, SK_LEGACY_STATEMENT);
	expect_provision("A - School Action", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	expect_provision("P - School Action Plus", SK_PROV_K, SK_LEGACY_SCHOOL_ACTION);
	/* Monitoring is not SEN provision: N, and said so. */
	expect_provision("Monitoring", SK_PROV_N, SK_LEGACY_MONITORING);
	expect_provision("MONITORING", SK_PROV_N, SK_LEGACY_MONITORING);
	expect_provision("M - Monitoring", SK_PROV_N, SK_LEGACY_MONITORING);
	expect_provision("Monitoring (M)", SK_PROV_N, SK_LEGACY_MONITORING);
}

/* Near misses: each could be read two ways, or is not a provision at all. */
static void test_provision_mis_near_misses(void **state)
{
	(void)state;
	static const char *const misses[] = {
		"M", "m", "M - M", "K - K - K",
		"K - EHC Plan", "E - SEN Support", "N - SEN Support", "SEN Support (E)",
		"S - School Action", "A - School Action Plus", "P - School Action",
		"K - Monitoring", "S - EHC Plan", "Monitoring (N)",
		"SEN", "K/E", "SEN Support or EHC Plan", "EHC needs assessment",
		"EHC Plan pending", "Statement pending", "Monitor", "SEN Monitoring",
		"Q - SEN Support", "K - SEN",
		"K - SEN Supp\xc3\xb6rt", "SEN Support\xc3\xa9", "K - SEN Support (E)",
		/* Two codes run together: squeezed, each would read as "ehcp". */
		"EHC/P", "EHC - P", "EHC (P)", "EHC, P", "EHC P", "EHC-P", "E.H.C. P",
		"N/K", "Statement (A)",
		/* A "?" is unsure, a control character or a stray leading mark is no form. */
		"E?", "K?", "EHCP?", "?K", "K - SEN Support?", "K\x1b", "K\x01 - SEN Support",
		"-K", "- K", "\xe2\x80\x93K", ".E", "/K", "K -", "(E", "E)",
	};
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		expect_provision_invalid(misses[i], strlen(misses[i]));
}

static void test_provision_labels_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < SK_PROV_COUNT; i++) {
		sk_provision p = (sk_provision)i;
		expect_provision(sk_provision_code(p), p, SK_LEGACY_NONE);
		expect_provision(sk_provision_label(p), p, SK_LEGACY_NONE);
	}
}

static void test_provision_invalid(void **state)
{
	(void)state;
	expect_provision_invalid("", 0);
	expect_provision_invalid(NULL, 0);
	expect_provision_invalid("Q", 1);
	expect_provision_invalid(" ", 1);
	expect_provision_invalid("1", 1);
	expect_provision_invalid("  ", 2);
	expect_provision_invalid("--", 2);
	expect_provision_invalid("KE", 2);
	expect_provision_invalid("K1", 2);
	expect_provision_invalid("SEN", 3);
	expect_provision_invalid("support", 7);
	expect_provision_invalid("EHC plans pending", 17);
	char big[200];
	memset(big, 'k', sizeof(big));
	expect_provision_invalid(big, sizeof(big));
}

static void test_provision_code_label(void **state)
{
	(void)state;
	assert_string_equal(sk_provision_code(SK_PROV_N), "N");
	assert_string_equal(sk_provision_code(SK_PROV_K), "K");
	assert_string_equal(sk_provision_code(SK_PROV_E), "E");
	assert_string_equal(sk_provision_label(SK_PROV_N), "No special educational need");
	assert_string_equal(sk_provision_label(SK_PROV_K), "SEN support");
	assert_string_equal(sk_provision_label(SK_PROV_E),
			    "Education, health and care (EHC) plan");
	assert_string_equal(sk_provision_code(SK_PROV_COUNT), "");
	assert_string_equal(sk_provision_label((sk_provision)-1), "");
}

static sk_need need_of(const char *s, int *rc)
{
	sk_need n = SK_NEED_COUNT;
	*rc = sk_need_parse(&n, s, strlen(s));
	return n;
}

static void expect_need(const char *s, sk_need want_n)
{
	int rc;
	sk_need n = need_of(s, &rc);
	if (rc != SK_OK || n != want_n)
		fail_msg("\"%s\": rc %d need %d, want %d", s, rc, (int)n, (int)want_n);
}

static void expect_need_invalid(const char *s, size_t len)
{
	sk_need n = SK_NEED_SPLD;
	if (sk_need_parse(&n, s, len) != SK_EINVAL)
		fail_msg("\"%.*s\" was accepted", (int)len, s ? s : "");
	assert_int_equal(n, SK_NEED_UNKNOWN);
}

static const struct {
	sk_need need;
	const char *code, *key, *label;
	sk_broad_area area;
} needs[] = {
	{SK_NEED_SPLD, "SPLD", "spld", "Specific learning difficulty", SK_BROAD_COGNITION},
	{SK_NEED_MLD, "MLD", "mld", "Moderate learning difficulty", SK_BROAD_COGNITION},
	{SK_NEED_SLD, "SLD", "sld", "Severe learning difficulty", SK_BROAD_COGNITION},
	{SK_NEED_PMLD, "PMLD", "pmld", "Profound and multiple learning difficulty",
	 SK_BROAD_COGNITION},
	{SK_NEED_SLCN, "SLCN", "slcn", "Speech, language and communication needs",
	 SK_BROAD_COMMUNICATION},
	{SK_NEED_ASD, "ASD", "asd", "Autistic spectrum disorder", SK_BROAD_COMMUNICATION},
	{SK_NEED_SEMH, "SEMH", "semh", "Social, emotional and mental health", SK_BROAD_SEMH},
	{SK_NEED_HI, "HI", "hi", "Hearing impairment", SK_BROAD_SENSORY},
	{SK_NEED_VI, "VI", "vi", "Vision impairment", SK_BROAD_SENSORY},
	{SK_NEED_MSI, "MSI", "msi", "Multi-sensory impairment", SK_BROAD_SENSORY},
	{SK_NEED_PD, "PD", "pd", "Physical disability", SK_BROAD_SENSORY},
	{SK_NEED_OTH, "OTH", "oth", "Other difficulty/disability", SK_BROAD_UNCLASSIFIED},
	{SK_NEED_NSA, "NSA", "nsa", "SEN support but no specialist assessment of type of need",
	 SK_BROAD_UNCLASSIFIED},
	{SK_NEED_UNKNOWN, "UNKNOWN", "unknown", "Unknown", SK_BROAD_UNCLASSIFIED},
};

static void test_need_table(void **state)
{
	(void)state;
	assert_int_equal(sizeof(needs) / sizeof(needs[0]), SK_NEED_COUNT);
	for (size_t i = 0; i < SK_NEED_COUNT; i++) {
		assert_int_equal(needs[i].need, i);
		assert_string_equal(sk_need_code(needs[i].need), needs[i].code);
		assert_string_equal(sk_need_key(needs[i].need), needs[i].key);
		assert_string_equal(sk_need_label(needs[i].need), needs[i].label);
		assert_int_equal(sk_need_broad_area(needs[i].need), needs[i].area);
	}
	assert_string_equal(sk_need_code(SK_NEED_COUNT), "UNKNOWN");
	assert_string_equal(sk_need_key((sk_need)-1), "unknown");
	assert_int_equal(sk_need_broad_area(SK_NEED_COUNT), SK_BROAD_UNCLASSIFIED);
}

static void test_need_codes(void **state)
{
	(void)state;
	for (int i = 0; i < SK_NEED_UNKNOWN; i++) {
		sk_need n = (sk_need)i;
		expect_need(sk_need_code(n), n);
		expect_need(sk_need_key(n), n);
		expect_need(sk_need_label(n), n);
		expect_need(sk_need_short_label(n), n);
		assert_true(strlen(sk_need_short_label(n)) <= 39);
	}
	expect_need("SpLD", SK_NEED_SPLD);
	expect_need("spLd", SK_NEED_SPLD);
	expect_need("Sp LD", SK_NEED_SPLD);
	expect_need("Mld", SK_NEED_MLD);
	expect_need("sLd", SK_NEED_SLD);
	expect_need("PMLD", SK_NEED_PMLD);
	expect_need("Slcn", SK_NEED_SLCN);
	expect_need(" ASD ", SK_NEED_ASD);
	expect_need("SEMH", SK_NEED_SEMH);
	expect_need("Hi", SK_NEED_HI);
	expect_need("vI", SK_NEED_VI);
	expect_need("Msi", SK_NEED_MSI);
	expect_need("pd", SK_NEED_PD);
	expect_need("Oth", SK_NEED_OTH);
	expect_need("nsa", SK_NEED_NSA);
	expect_need("\"SEMH\"", SK_NEED_SEMH);
}

static void test_need_labels(void **state)
{
	(void)state;
	/* Every label in DfE's 2023 primary need by LA file, as published. */
	expect_need("Autistic Spectrum Disorder", SK_NEED_ASD);
	expect_need("Hearing Impairment", SK_NEED_HI);
	expect_need("Moderate Learning Difficulty", SK_NEED_MLD);
	expect_need("Multi- Sensory Impairment", SK_NEED_MSI);
	expect_need("Other Difficulty/Disability", SK_NEED_OTH);
	expect_need("Physical Disability", SK_NEED_PD);
	expect_need("Profound & Multiple Learning Difficulty", SK_NEED_PMLD);
	expect_need("SEN support but no specialist assessment of type of need", SK_NEED_NSA);
	expect_need("Severe Learning Difficulty", SK_NEED_SLD);
	expect_need("Social, Emotional and Mental Health", SK_NEED_SEMH);
	expect_need("Specific Learning Difficulty", SK_NEED_SPLD);
	expect_need("Speech, Language and Communications needs", SK_NEED_SLCN);
	expect_need("Visual Impairment", SK_NEED_VI);
	/* Other spellings DfE and schools use. */
	expect_need("Speech, Language and Communication Needs", SK_NEED_SLCN);
	expect_need("Multi-Sensory Impairment", SK_NEED_MSI);
	expect_need("multi sensory impairment", SK_NEED_MSI);
	expect_need("Vision impairment", SK_NEED_VI);
	expect_need("Other difficulty or disability", SK_NEED_OTH);
	expect_need("Profound and Multiple Learning Difficulty", SK_NEED_PMLD);
	expect_need("Specific learning difficulties", SK_NEED_SPLD);
	expect_need("MODERATE LEARNING DIFFICULTY", SK_NEED_MLD);
	expect_need("  social,emotional & mental health. ", SK_NEED_SEMH);
}

/* A code and its label, and the labels information systems use. */
static void test_need_mis_forms(void **state)
{
	(void)state;
	expect_need("ASD - Autistic Spectrum Disorder", SK_NEED_ASD);
	expect_need("SpLD - Specific Learning Difficulty", SK_NEED_SPLD);
	expect_need("spld-specific learning difficulties", SK_NEED_SPLD);
	expect_need("MLD \xe2\x80\x93 Moderate Learning Difficulty", SK_NEED_MLD);
	expect_need("NSA - SEN support but no specialist assessment", SK_NEED_NSA);
	expect_need("SEN Support but no specialist assessment", SK_NEED_NSA);
	expect_need("SLD\xe2\x80\x94Severe Learning Difficulty", SK_NEED_SLD);
	expect_need("PMLD - Profound & Multiple Learning Difficulty", SK_NEED_PMLD);
	expect_need("SLCN - Speech, Language and Communication Needs", SK_NEED_SLCN);
	expect_need("Speech, Language and Communication Need", SK_NEED_SLCN);
	expect_need("ASC - Autistic Spectrum Condition", SK_NEED_ASD);
	expect_need("Autism Spectrum Disorder (ASD)", SK_NEED_ASD);
	expect_need("Autism", SK_NEED_ASD);
	expect_need("SEMH - Social, Emotional and Mental Health", SK_NEED_SEMH);
	expect_need("Social Emotional Mental Health", SK_NEED_SEMH);
	expect_need("HI - Hearing Impairment", SK_NEED_HI);
	expect_need("VI - Visual Impairment", SK_NEED_VI);
	expect_need("Vision Impairment (VI)", SK_NEED_VI);
	expect_need("MSI - Multi-Sensory Impairment", SK_NEED_MSI);
	expect_need("PD - Physical Disability", SK_NEED_PD);
	expect_need("OTH - Other Difficulty/Disability", SK_NEED_OTH);
	expect_need("OTH - Other", SK_NEED_OTH);
	expect_need("NSA - SEN support but no specialist assessment of type of need",
		    SK_NEED_NSA);
	expect_need("NSA - No Specialist Assessment", SK_NEED_NSA);
	expect_need("SEN support - no specialist assessment", SK_NEED_NSA);
	expect_need("Hearing Impairment - HI", SK_NEED_HI);
	expect_need("PD \x97 Physical Disability", SK_NEED_PD);   /* Windows-1252 em dash */
}

static void test_need_mis_near_misses(void **state)
{
	(void)state;
	static const char *const misses[] = {
		"SLD - Specific Learning Difficulty", "SpLD - Severe Learning Difficulty",
		"ASD - Social, Emotional and Mental Health", "HI - Visual Impairment",
		"MLD - Learning Difficulty", "ASD - Asperger's", "Learning Difficulty (MLD)",
		"Sensory Impairment", "Impairment", "Speech", "Hearing Impairment\xc3\xa9",
		"Physical", "BESD", "Behaviour, Emotional and Social Difficulty",
		"Dyslexia", "ASD (VI)", "Other Needs",
		"Specific Learning", "ASD/SLCN", "ASD - SLCN",
		"ASD?", "MLD ?", "ASD - Autistic Spectrum Disorder?", "ASD\x1b", "-ASD", "(ASD",
	};
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		expect_need_invalid(misses[i], strlen(misses[i]));
}

static void test_need_invalid(void **state)
{
	(void)state;
	expect_need_invalid("", 0);
	expect_need_invalid(NULL, 0);
	expect_need_invalid(" ", 1);
	expect_need_invalid("X", 1);
	expect_need_invalid("S", 1);
	expect_need_invalid("ASDX", 4);
	expect_need_invalid("AS", 2);
	expect_need_invalid("SPL", 3);
	expect_need_invalid("SPLDD", 5);
	expect_need_invalid("ASD1", 4);
	expect_need_invalid("UNKNOWN", 7);
	expect_need_invalid("Hearing", 7);
	expect_need_invalid("Learning difficulty", 19);
	expect_need_invalid("---", 3);
	/* len is honoured: "ASD" is not all of "ASDF". */
	expect_need_invalid("ASDF", 4);
	sk_need n;
	assert_int_equal(sk_need_parse(&n, "ASDF", 3), SK_OK);
	assert_int_equal(n, SK_NEED_ASD);
	char big[300];
	memset(big, 'a', sizeof(big));
	expect_need_invalid(big, sizeof(big));
}

/* Reads column primary_need of DfE's file with libcsv and checks every value. */
typedef struct dfe_reader {
	size_t field, row;
	size_t need_col;
	size_t checked;
	size_t unknown;
} dfe_reader;

static void dfe_field(void *s, size_t len, void *data)
{
	dfe_reader *r = data;
	if (r->row == 0 && len == strlen("primary_need") &&
	    memcmp(s, "primary_need", len) == 0)
		r->need_col = r->field;
	if (r->row > 0 && r->field == r->need_col) {
		sk_need n;
		if (sk_need_parse(&n, s, len) != SK_OK) {
			print_error("unknown need \"%.*s\"\n", (int)len, (const char *)s);
			r->unknown++;
		}
		r->checked++;
	}
	r->field++;
}

static void dfe_row(int c, void *data)
{
	(void)c;
	dfe_reader *r = data;
	r->field = 0;
	r->row++;
}

static void test_need_dfe_file(void **state)
{
	(void)state;
	FILE *f = fopen(SK_SOURCE_DIR "/tests/data/dfe-sen-primary-need-by-la-2023.csv", "rb");
	assert_non_null(f);
	struct csv_parser p;
	assert_int_equal(csv_init(&p, CSV_APPEND_NULL), 0);
	dfe_reader r = {0, 0, (size_t)-1, 0, 0};
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		assert_int_equal(csv_parse(&p, buf, n, dfe_field, dfe_row, &r), n);
	csv_fini(&p, dfe_field, dfe_row, &r);
	csv_free(&p);
	fclose(f);
	assert_int_not_equal(r.need_col, (size_t)-1);
	assert_true(r.checked > 1000);
	assert_int_equal(r.unknown, 0);
}

static void test_broad_areas(void **state)
{
	(void)state;
	static const char *const keys[SK_BROAD_COUNT] = {
		"cognition_and_learning", "communication_and_interaction",
		"social_emotional_mental_health", "sensory_and_physical", "unclassified",
	};
	static const char *const labels[SK_BROAD_COUNT] = {
		"Cognition and learning", "Communication and interaction",
		"Social, emotional and mental health", "Sensory and/or physical",
		"Unclassified",
	};
	for (int i = 0; i < SK_BROAD_COUNT; i++) {
		assert_string_equal(sk_broad_area_key((sk_broad_area)i), keys[i]);
		assert_string_equal(sk_broad_area_label((sk_broad_area)i), labels[i]);
	}
	assert_string_equal(sk_broad_area_key(SK_BROAD_COUNT), "unclassified");
	assert_string_equal(sk_broad_area_label(SK_BROAD_COUNT), "Unclassified");
}

/* ---- a trust's own labels (sk_codes) ---- */

static sk_codes *codes_from(const char *text, int want_rc, const want *wanted, size_t nwanted)
{
	sk_codes *codes = sk_codes_new();
	sk_diags *d = sk_diags_new();
	assert_non_null(codes);
	assert_non_null(d);
	assert_int_equal(sk_codes_read(codes, text, strlen(text), "codes.csv", d), want_rc);
	check_diags(d, wanted, nwanted);
	sk_diags_free(d);
	return codes;
}

static void test_codes_map(void **state)
{
	(void)state;
	sk_codes *codes = codes_from("note,Code,LABEL\n"
				     "ours,k,Wave 3\n"
				     ",SPLD,Dyslexia\n"
				     ",N,Not on register\n"
				     ",E,Plan d\xe2\x80\x99\xc3\xa9tudes\n"
				     ",,\n", SK_OK, NULL, 0);
	sk_provision p = SK_PROV_COUNT;
	sk_provision_legacy legacy = SK_LEGACY_STATEMENT;
	assert_int_equal(sk_codes_provision(&p, &legacy, codes, "WAVE-3", 6), SK_OK);
	assert_int_equal(p, SK_PROV_K);
	assert_int_equal(legacy, SK_LEGACY_NONE);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "not on register", 15), SK_OK);
	assert_int_equal(p, SK_PROV_N);
	/* A census in Windows-1252 matches a UTF-8 codes file. */
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Plan d\x92\xe9tudes", 13), SK_OK);
	assert_int_equal(p, SK_PROV_E);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Plan detudes", 12), SK_EINVAL);
	/* The built-in forms first, legacy warnings kept. */
	assert_int_equal(sk_codes_provision(&p, &legacy, codes, "S - Statement", 13), SK_OK);
	assert_int_equal(legacy, SK_LEGACY_STATEMENT);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Wave 2", 6), SK_EINVAL);
	sk_need n = SK_NEED_COUNT;
	assert_int_equal(sk_codes_need(&n, codes, "dyslexia", 8), SK_OK);
	assert_int_equal(n, SK_NEED_SPLD);
	assert_int_equal(sk_codes_need(&n, codes, "ASD - Autism", 12), SK_OK);
	assert_int_equal(n, SK_NEED_ASD);
	/* A provision label is no need, and the other way round. */
	assert_int_equal(sk_codes_need(&n, codes, "Wave 3", 6), SK_EINVAL);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Dyslexia", 8), SK_EINVAL);
	/* Without a map: the built-in forms only. */
	assert_int_equal(sk_codes_provision(&p, NULL, NULL, "K - SEN Support", 15), SK_OK);
	assert_int_equal(sk_codes_need(&n, NULL, "Dyslexia", 8), SK_EINVAL);

	/* A bad file is refused whole and leaves the labels as they were. */
	static const want bad[] = {
		{2, 9, SK_ERROR, "codes-row", "not a census code"},
		{3, 1, SK_ERROR, "codes-row", "mapped to SPLD on line 2"},
	};
	sk_diags *d = sk_diags_new();
	const char *text = "label,code\nNurture,S\nDyslexia,MLD\nWave 4,K\n";
	assert_int_equal(sk_codes_read(codes, text, strlen(text), "codes.csv", d), SK_EINVAL);
	sk_diags_free(d);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Wave 4", 6), SK_EINVAL);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Wave 3", 6), SK_OK);
	sk_codes_free(codes);
	sk_codes_free(NULL);
	codes = codes_from("label,code\nNurture,S\nDyslexia,MLD\n", SK_EINVAL, bad, 1);
	sk_codes_free(codes);
}

/* Label i of the large map and the code it is mapped to: provision and need
 * labels alternate, and every label is also given as the other kind. */
static const char *large_code(size_t i, int is_need)
{
	static const char *const prov[] = {"K", "E", "N"};
	static const char *const need[] = {"MLD", "ASD", "SEMH", "VI"};
	return is_need ? need[i % 4] : prov[i % 3];
}

static void test_codes_large_map(void **state)
{
	(void)state;
	enum { LABELS = 50000 };
	size_t cap = 32 + (size_t)LABELS * 2 * 24;
	char *text = malloc(cap);
	assert_non_null(text);
	size_t len = (size_t)snprintf(text, cap, "label,code\n");
	for (size_t i = 0; i < LABELS; i++)
		for (int is_need = 0; is_need < 2; is_need++)
			len += (size_t)snprintf(text + len, cap - len, "Trust label %zu,%s\n", i,
						large_code(i, is_need));
	sk_codes *codes = codes_from(text, SK_OK, NULL, 0);
	char label[32];
	for (size_t i = 0; i < LABELS; i++) {
		int n = snprintf(label, sizeof(label), "TRUST-LABEL-%zu", i);
		sk_provision p = SK_PROV_COUNT;
		sk_need need = SK_NEED_COUNT;
		assert_int_equal(sk_codes_provision(&p, NULL, codes, label, (size_t)n), SK_OK);
		assert_string_equal(sk_provision_code(p), large_code(i, 0));
		assert_int_equal(sk_codes_need(&need, codes, label, (size_t)n), SK_OK);
		assert_string_equal(sk_need_code(need), large_code(i, 1));
	}
	sk_provision p;
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Trust label 50000", 17), SK_EINVAL);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Trust label", 11), SK_EINVAL);

	/* A second file adds to the first, and its labels are checked against it. */
	static const want clash[] = {
		{3, 1, SK_ERROR, "codes-row", NULL},
	};
	const char *more = "label,code\nTrust label 50000,E\nTrust label 7,N\n";
	sk_diags *d = sk_diags_new();
	assert_int_equal(sk_codes_read(codes, more, strlen(more), "codes.csv", d), SK_EINVAL);
	check_diags(d, clash, 1);
	sk_diags_free(d);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Trust label 50000", 17), SK_EINVAL);
	more = "label,code\nTrust label 50000,E\nTrust label 7,E\n";
	d = sk_diags_new();
	assert_int_equal(sk_codes_read(codes, more, strlen(more), "codes.csv", d), SK_OK);
	sk_diags_free(d);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Trust label 50000", 17), SK_OK);
	assert_int_equal(p, SK_PROV_E);
	assert_int_equal(sk_codes_provision(&p, NULL, codes, "Trust label 49998", 17), SK_OK);
	assert_int_equal(p, SK_PROV_K);
	sk_codes_free(codes);
	free(text);
}

static void test_codes_refused(void **state)
{
	(void)state;
	static const want wanted[] = {
		{2, 3, SK_ERROR, "codes-row", "not a census code"},
		{3, 3, SK_ERROR, "codes-row", "a legacy code"},
		{4, 1, SK_ERROR, "codes-row", "without a label"},
		{5, 3, SK_ERROR, "codes-row", "without a code"},
		{6, 1, SK_ERROR, "codes-row", "read as K already"},
		{7, 1, SK_ERROR, "codes-row", "read as K already: it cannot be mapped to E"},
		{8, 1, SK_ERROR, "codes-row", "read as ASD already"},
		{9, 1, SK_ERROR, "codes-row", "letters or digits"},
		{11, 1, SK_ERROR, "codes-row", "mapped to K on line 10"},
	};
	sk_codes *codes = codes_from("label,code\n"
				     "A,UNKNOWN\n"
				     "B,P\n"
				     ",K\n"
				     "C,\n"
				     "SEN Support,E\n"
				     "K,E\n"
				     "Autism,SLCN\n"
				     "--,K\n"
				     "Wave 3,K\n"
				     "wave-3,E\n"
				     "wave 3,k\n"
				     "E,e\n", SK_EINVAL, wanted, sizeof(wanted) / sizeof(wanted[0]));
	sk_codes_free(codes);
	/* At the stray quote's column. */
	static const want stray_quote[] = {
		{3, 6, SK_ERROR, "csv-syntax", "a quote inside a value that does not start with one"},
	};
	codes = codes_from("label,code\nWave 3,K\nWave \"4\",K\n", SK_EINVAL, stray_quote, 1);
	sk_codes_free(codes);
	static const want no_header[] = {
		{1, 1, SK_ERROR, "codes-header", "no code column"},
	};
	codes = codes_from("label,kode\nWave 3,K\n", SK_EINVAL, no_header, 1);
	sk_codes_free(codes);
	static const want empty[] = {
		{1, 1, SK_ERROR, "codes-header", "an empty file"},
	};
	codes = codes_from("", SK_EINVAL, empty, 1);
	sk_codes_free(codes);
	static const want header_only[] = {
		{0, 0, SK_NOTE, "encoding", "UTF-8 with a byte order mark"},
		{1, 1, SK_WARNING, "no-rows", NULL},
	};
	codes = codes_from("\xef\xbb\xbflabel,code\r\n", SK_OK, header_only, 2);
	sk_codes_free(codes);
}

/* The stable count of needs is the release's SK_NEED_COUNT, "unknown" last. */
static void test_need_count(void **state)
{
	(void)state;
	assert_int_equal(sk_need_count(), SK_NEED_COUNT);
	assert_string_equal(sk_need_code((sk_need)(sk_need_count() - 1)), "UNKNOWN");
	assert_string_equal(sk_need_code(SK_NEED_NSA), "NSA");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_need_count),
		cmocka_unit_test(test_provision_codes),
		cmocka_unit_test(test_provision_fast_path_uses_len),
		cmocka_unit_test(test_provision_words),
		cmocka_unit_test(test_provision_mis_forms),
		cmocka_unit_test(test_provision_mis_near_misses),
		cmocka_unit_test(test_provision_labels_round_trip),
		cmocka_unit_test(test_provision_invalid),
		cmocka_unit_test(test_provision_code_label),
		cmocka_unit_test(test_need_table),
		cmocka_unit_test(test_need_codes),
		cmocka_unit_test(test_need_labels),
		cmocka_unit_test(test_need_mis_forms),
		cmocka_unit_test(test_need_mis_near_misses),
		cmocka_unit_test(test_need_invalid),
		cmocka_unit_test(test_need_dfe_file),
		cmocka_unit_test(test_broad_areas),
		cmocka_unit_test(test_codes_map),
		cmocka_unit_test(test_codes_refused),
		cmocka_unit_test(test_codes_large_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
