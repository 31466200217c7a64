/* gen-strategies: writes N strategy files of about 200 lines each into a
 * folder, for the action-lint benchmark (lint.sh). Deterministic: the same
 * N gives the same files. One file in ten has a budget that does not add
 * up, so every tool has something to report.
 *
 *     gen-strategies DIR [N]     (N defaults to 1000) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const areas[] = {
	"leadership", "identification", "tracking_and_monitoring",
	"teaching_and_intervention", "developing_provision",
};
static const char *const leads[] = {
	"Claire West, SENCo", "Sam Patel, Headteacher", "Ann Lee, Deputy SENCo",
	"Tom Hughes, Assistant Head", "Priya Shah, Class Teacher",
};
static const char *const timescales[] = {
	"T1-T6", "by end of T3", "termly", "March 2024", "Autumn 2 2023", "half-termly",
};
static const char *const reviews[] = {
	"2023-10-20", "2023-12-15", "2024-02-09", "2024-04-26", "2024-05-24", "2024-07-12",
};

/* 64 bits wide on every platform: unsigned long is 32 on some, and the
 * generator shifts by 33. */
static uint64_t seed = 12345;

static unsigned pick(unsigned n)
{
	seed = seed * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (unsigned)((seed >> 33) % n);
}

static void write_action(FILE *f, unsigned a, unsigned i, unsigned cost)
{
	unsigned r = pick(6);

	fprintf(f, "      - action: Action %u.%u, a piece of SEND work with a measurable outcome\n",
		a + 1, i + 1);
	fprintf(f, "        cost: \"\xc2\xa3%u\"\n", cost);
	fprintf(f, "        steps: Plan agreed with staff; resources bought; first review in the"
		" following half term\n");
	fprintf(f, "        lead: %s\n", leads[pick(5)]);
	fprintf(f, "        timescale: %s\n", timescales[pick(6)]);
	fprintf(f, "        success: Pupils on the SEND register make progress that the provision"
		" map records\n");
	fprintf(f, "        review:\n          date: %s\n", reviews[r]);
	fprintf(f, "          method: SENCo report to governors\n");
	fprintf(f, "        impact:\n          term%u: Work under way; first data collected\n", r + 1);
}

static void write_area(FILE *f, unsigned a, int flawed)
{
	unsigned total = 0;

	fprintf(f, "  %s:\n    strengths:\n", areas[a]);
	fprintf(f, "      - Staff know pupils with SEND well and adapt teaching for them\n");
	fprintf(f, "    recommendations:\n");
	fprintf(f, "      - Record the impact of each intervention with entry and exit data\n");
	fprintf(f, "    actions:\n");
	/* 13 actions in all, so a file is about 200 lines. */
	for (unsigned i = 0; i < (a % 2 ? 2u : 3u); i++) {
		unsigned cost = 50 * (1 + pick(40));

		total += cost;
		write_action(f, a, i, cost);
	}
	fprintf(f, "    budget: \"\xc2\xa3%u\"\n", total + (flawed && a == 2 ? 9 : 0));
}

static int write_file(const char *dir, unsigned n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/school-%04u.yaml", dir, n);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen-strategies: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f, "# A generated School SEND Strategy for the action-lint benchmark.\n"
		"sendkit: strategy\nschool:\n  name: School number %u\n  urn: %u\n"
		"  la: Somerset\n  hub: Somerset\nyear: 2023-2024\n", n, 100000 + n);
	fprintf(f, "summary:\n  census: 2024-01-18\n  on_roll: %u\n  sen_support: %u\n"
		"  ehcp: %u\n", 200 + pick(300), 20 + pick(40), 1 + pick(10));
	fprintf(f, "headlines:\n  review_date: 2023-06-20\n  strengths:\n"
		"    - A clear vision for SEND shared by leaders and governors\n"
		"    - A skilled SENCo with protected time\n"
		"    - Strong links with the local authority's services\n"
		"  recommendations:\n"
		"    - Identify needs earlier with standardised screening\n"
		"    - Use evidence-based interventions and check that they work\n"
		"    - Involve parents in reviewing Pupil Plans\n");
	fprintf(f, "areas:\n");
	for (unsigned a = 0; a < 5; a++)
		write_area(f, a, n % 10 == 0);
	if (fclose(f) != 0) {
		fprintf(stderr, "gen-strategies: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = 1000;
	char *end = NULL;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen-strategies DIR [N]\n");
		return 2;
	}
	/* Six-digit URNs: 100001 to 999999. */
	if (argc == 3 && ((n = strtoul(argv[2], &end, 10)) > 899999 || *end || end == argv[2])) {
		fprintf(stderr, "gen-strategies: N: a number from 0 to 899999\n");
		return 2;
	}
	for (unsigned i = 1; i <= n; i++)
		if (write_file(argv[1], i) != 0)
			return 1;
	return 0;
}
