/* gen-census: writes a deterministic, national-scale pupil-level census CSV
 * (sendkit-census(5)) laid out like an MIS export, for benchmarking
 * census-summary against other tools. The same options and seed always give
 * the same bytes. Every pupil is made up: names, dates of birth and UPNs are
 * drawn at random (UPNs carry a valid check letter). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_ROWS 9100000ull
#define DEFAULT_SCHOOLS 21000ull
#define DEFAULT_SEED 20240118ull
#define DEFAULT_BAD 14ull
#define LUT_BITS 12
#define LUT_SIZE (1u << LUT_BITS)
#define OUTBUF (1u << 20)
#define ROW_MAX 512

static const char *prog = "gen-census";

/* For exact share-outs of rows (rows x pupils overflows 64 bits). */
__extension__ typedef unsigned __int128 u128;

/* ---- random numbers: splitmix64, fixed seed, no rand() ---- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) for n < 2^32 (multiply-shift; the bias is negligible). */
static uint32_t rng_below(uint32_t n)
{
	return (uint32_t)(((rng_next() >> 32) * n) >> 32);
}

static uint32_t rng_range(uint32_t lo, uint32_t hi)
{
	return lo + rng_below(hi - lo + 1);
}

/* ---- weighted choices through a lookup table ---- */

struct item {
	const char *s;
	unsigned weight;
};

struct dist {
	const struct item *items;
	size_t n;
	uint8_t lut[LUT_SIZE];
};

static void dist_init(struct dist *d, const struct item *items, size_t n)
{
	uint64_t total = 0, acc = 0;
	size_t k = 0;

	d->items = items;
	d->n = n;
	for (size_t i = 0; i < n; i++)
		total += items[i].weight;
	for (size_t i = 0; i < n; i++) {
		acc += items[i].weight;
		size_t end = (size_t)((acc * LUT_SIZE + total / 2) / total);
		while (k < end && k < LUT_SIZE)
			d->lut[k++] = (uint8_t)i;
	}
	while (k < LUT_SIZE)
		d->lut[k++] = (uint8_t)(n - 1);
}

static size_t dist_pick(const struct dist *d)
{
	return d->lut[rng_next() >> (64 - LUT_BITS)];
}

/* ---- the data ---- */

enum { N_NEEDS = 13 };
static const char *const need_codes[N_NEEDS] = {
	"SPLD", "MLD", "SLD", "PMLD", "SLCN", "ASD", "SEMH",
	"HI", "VI", "MSI", "PD", "OTH", "NSA"
};
enum { NEED_NSA = 12 };

/* Primary need among pupils on SEN support (K), per 10,000 (DfE, 2023). */
static const struct item need_k[N_NEEDS] = {
	{ "SPLD", 1300 }, { "MLD", 1700 }, { "SLD", 80 }, { "PMLD", 10 },
	{ "SLCN", 2400 }, { "ASD", 1000 }, { "SEMH", 2000 }, { "HI", 170 },
	{ "VI", 80 }, { "MSI", 30 }, { "PD", 250 }, { "OTH", 480 }, { "NSA", 500 }
};

/* Primary need among pupils with an EHC plan (E); never NSA. */
static const struct item need_e[N_NEEDS] = {
	{ "SPLD", 250 }, { "MLD", 850 }, { "SLD", 1000 }, { "PMLD", 360 },
	{ "SLCN", 1500 }, { "ASD", 3300 }, { "SEMH", 1500 }, { "HI", 200 },
	{ "VI", 100 }, { "MSI", 30 }, { "PD", 550 }, { "OTH", 360 }, { "NSA", 0 }
};

/* Secondary needs: the same codes, less weight on the common ones, never NSA. */
static const struct item need_2[N_NEEDS] = {
	{ "SPLD", 1200 }, { "MLD", 1200 }, { "SLD", 200 }, { "PMLD", 50 },
	{ "SLCN", 2200 }, { "ASD", 1000 }, { "SEMH", 2200 }, { "HI", 200 },
	{ "VI", 150 }, { "MSI", 50 }, { "PD", 500 }, { "OTH", 1050 }, { "NSA", 0 }
};

static const struct item surnames[] = {
	{ "Smith", 60 }, { "Jones", 45 }, { "Taylor", 30 }, { "Brown", 30 },
	{ "Williams", 25 }, { "Wilson", 22 }, { "Johnson", 22 }, { "Davies", 22 },
	{ "Patel", 22 }, { "Wright", 18 }, { "Khan", 20 }, { "Walker", 16 },
	{ "Evans", 16 }, { "Ali", 18 }, { "Wood", 14 }, { "Green", 14 },
	{ "Hall", 14 }, { "Clarke", 12 }, { "Hill", 12 }, { "Roberts", 12 },
	{ "Ahmed", 14 }, { "Hussain", 14 }, { "Moore", 10 }, { "King", 10 },
	{ "Lee", 10 }, { "Cooper", 10 }, { "Ward", 10 }, { "Turner", 10 },
	{ "Hughes", 10 }, { "Shaw", 9 }, { "Begum", 12 }, { "Singh", 12 },
	{ "Lewis", 9 }, { "Baker", 9 }, { "Young", 9 }, { "Bell", 8 },
	{ "Cox", 8 }, { "Kaur", 8 }, { "Kowalski", 5 }, { "Nowak", 6 },
	{ "O'Brien", 6 }, { "O'Neill", 5 }, { "Okafor", 5 }, { "Mensah", 4 },
	{ "Nguyen", 4 }, { "Chen", 5 }, { "Rossi", 3 }, { "Price", 8 },
	{ "Reid", 6 }, { "Fox", 6 }, { "Day", 6 }, { "Mills", 6 },
	{ "Owen", 6 }, { "Rose", 5 }, { "Webb", 6 }, { "Ellis", 6 },
	{ "Mason", 6 }, { "Kelly", 6 }, { "Lloyd", 5 }, { "Ng", 3 },
	{ "Ng'ang'a", 1 }, { "Smith-Jones", 2 }, { "Brontë", 1 }, { "Müller", 1 },
};

static const struct item forenames[] = {
	{ "Olivia", 20 }, { "Amelia", 20 }, { "Isla", 18 }, { "Ava", 18 },
	{ "Mia", 16 }, { "Ivy", 12 }, { "Lily", 14 }, { "Grace", 12 },
	{ "Freya", 12 }, { "Ella", 12 }, { "Emily", 12 }, { "Poppy", 10 },
	{ "Sophia", 10 }, { "Evie", 10 }, { "Zara", 8 }, { "Aisha", 8 },
	{ "Maryam", 8 }, { "Maja", 4 }, { "Zoë", 3 }, { "Chloé", 2 },
	{ "Noah", 20 }, { "Oliver", 20 }, { "George", 18 }, { "Leo", 18 },
	{ "Arthur", 16 }, { "Muhammad", 16 }, { "Harry", 14 }, { "Oscar", 14 },
	{ "Jack", 14 }, { "Theo", 14 }, { "Henry", 12 }, { "Charlie", 12 },
	{ "Finley", 10 }, { "Alfie", 10 }, { "Jacob", 10 }, { "Max", 10 },
	{ "Isaac", 8 }, { "Ali", 6 }, { "Yusuf", 6 }, { "Kai", 6 },
	{ "Tom", 8 }, { "Sam", 8 }, { "Ben", 8 }, { "Joe", 8 },
	{ "Amy", 8 }, { "Eve", 8 }, { "Ana", 5 }, { "Zac", 5 },
	{ "Jan", 3 }, { "Seán", 2 }, { "Niamh", 3 }, { "Dylan", 6 },
};

/* Local authorities; the weight is roughly the number of schools. DfE's own
 * names, commas included ("Bristol, City of"). */
static const struct item las[] = {
	{ "City of London", 1 }, { "Camden", 5 }, { "Greenwich", 7 }, { "Hackney", 6 },
	{ "Hammersmith and Fulham", 4 }, { "Islington", 5 }, { "Kensington and Chelsea", 3 },
	{ "Lambeth", 7 }, { "Lewisham", 7 }, { "Southwark", 8 }, { "Tower Hamlets", 8 },
	{ "Wandsworth", 7 }, { "Westminster", 4 }, { "Barking and Dagenham", 5 },
	{ "Barnet", 10 }, { "Bexley", 7 }, { "Brent", 7 }, { "Bromley", 9 },
	{ "Croydon", 10 }, { "Ealing", 8 }, { "Enfield", 8 }, { "Haringey", 6 },
	{ "Harrow", 6 }, { "Havering", 7 }, { "Hillingdon", 8 }, { "Hounslow", 6 },
	{ "Kingston upon Thames", 4 }, { "Merton", 5 }, { "Newham", 8 }, { "Redbridge", 7 },
	{ "Richmond upon Thames", 5 }, { "Sutton", 5 }, { "Waltham Forest", 7 },
	{ "Bolton", 10 }, { "Bury", 7 }, { "Manchester", 16 }, { "Oldham", 10 },
	{ "Rochdale", 8 }, { "Salford", 8 }, { "Stockport", 10 }, { "Tameside", 8 },
	{ "Trafford", 8 }, { "Wigan", 11 }, { "Knowsley", 6 }, { "Liverpool", 15 },
	{ "St. Helens", 6 }, { "Sefton", 9 }, { "Wirral", 11 }, { "Barnsley", 9 },
	{ "Doncaster", 11 }, { "Rotherham", 11 }, { "Sheffield", 16 }, { "Bradford", 19 },
	{ "Calderdale", 10 }, { "Kirklees", 17 }, { "Leeds", 26 }, { "Wakefield", 15 },
	{ "Gateshead", 7 }, { "Newcastle upon Tyne", 9 }, { "North Tyneside", 7 },
	{ "South Tyneside", 6 }, { "Sunderland", 9 }, { "Birmingham", 40 }, { "Coventry", 10 },
	{ "Dudley", 10 }, { "Sandwell", 11 }, { "Solihull", 8 }, { "Walsall", 10 },
	{ "Wolverhampton", 9 }, { "Hartlepool", 4 }, { "Middlesbrough", 5 },
	{ "Redcar and Cleveland", 5 }, { "Stockton-on-Tees", 7 }, { "Darlington", 4 },
	{ "Halton", 5 }, { "Warrington", 8 }, { "Blackburn with Darwen", 6 }, { "Blackpool", 5 },
	{ "Kingston upon Hull, City of", 9 }, { "East Riding of Yorkshire", 14 },
	{ "North East Lincolnshire", 6 }, { "North Lincolnshire", 7 }, { "York", 6 },
	{ "Derby", 9 }, { "Leicester", 11 }, { "Rutland", 2 }, { "Nottingham", 10 },
	{ "Herefordshire", 8 }, { "Telford and Wrekin", 7 }, { "Stoke-on-Trent", 9 },
	{ "Bath and North East Somerset", 7 }, { "Bristol, City of", 12 },
	{ "North Somerset", 7 }, { "South Gloucestershire", 10 }, { "Plymouth", 9 },
	{ "Torbay", 4 }, { "Swindon", 7 }, { "Peterborough", 7 }, { "Luton", 7 },
	{ "Southend-on-Sea", 6 }, { "Thurrock", 6 }, { "Medway", 9 }, { "Bracknell Forest", 4 },
	{ "West Berkshire", 7 }, { "Reading", 5 }, { "Slough", 4 },
	{ "Windsor and Maidenhead", 6 }, { "Wokingham", 6 }, { "Milton Keynes", 10 },
	{ "Brighton and Hove", 7 }, { "Portsmouth", 7 }, { "Southampton", 8 },
	{ "Isle of Wight", 5 }, { "County Durham", 23 }, { "Cheshire East", 15 },
	{ "Cheshire West and Chester", 14 }, { "Shropshire", 14 }, { "Cornwall", 24 },
	{ "Isles of Scilly", 1 }, { "Wiltshire", 20 }, { "Bedford", 7 },
	{ "Central Bedfordshire", 10 }, { "Northumberland", 14 },
	{ "Bournemouth, Christchurch and Poole", 9 }, { "Dorset", 14 }, { "Buckinghamshire", 21 },
	{ "North Northamptonshire", 13 }, { "West Northamptonshire", 15 }, { "Cumberland", 12 },
	{ "Westmorland and Furness", 11 }, { "North Yorkshire", 36 }, { "Somerset", 24 },
	{ "Cambridgeshire", 25 }, { "Derbyshire", 40 }, { "Devon", 36 }, { "East Sussex", 19 },
	{ "Essex", 55 }, { "Gloucestershire", 28 }, { "Hampshire", 53 }, { "Hertfordshire", 52 },
	{ "Kent", 60 }, { "Lancashire", 60 }, { "Leicestershire", 28 }, { "Lincolnshire", 35 },
	{ "Norfolk", 42 }, { "Nottinghamshire", 34 }, { "Oxfordshire", 29 },
	{ "Staffordshire", 38 }, { "Suffolk", 32 }, { "Surrey", 40 }, { "Warwickshire", 25 },
	{ "West Sussex", 27 }, { "Worcestershire", 24 },
};
enum { N_LAS = sizeof(las) / sizeof(las[0]) };

static const char *const hubs[] = {
	"North", "South", "East", "West", "Central", "Coast", "Vale", "Town"
};
enum { N_HUBS = sizeof(hubs) / sizeof(hubs[0]) };

static const char *const places[] = {
	"Oakfield", "Ashgrove", "Riverside", "Hillside", "Brookfield", "Westfield",
	"Eastfield", "Northgate", "Southway", "Highfield", "Fairfield", "Parkside",
	"Woodlands", "Millbrook", "Springfield", "Kingsway", "Elmwood", "Beechwood",
	"Hazelwood", "Moorside", "Lakeside", "Heathfield", "Oldtown", "Newtown",
	"Castle", "Abbey", "Priory", "Manor", "Grange", "Orchard", "Ridgeway",
	"Redhill", "Greenfield", "Longford", "Ashby", "Bramley", "Carlton", "Denton",
	"Egerton", "Fenton", "Grafton", "Hadley", "Ivybridge", "Kirkby", "Langley",
	"Marston", "Norton", "Overton", "Preston", "Ripley", "Selby", "Thornton",
	"Upton", "Walton", "Weston", "Yardley", "Acton", "Bexhill", "Clifton",
	"Dalton", "Eccles", "Frome", "Hale", "Ince", "Lea", "Mere", "Ore", "Rye",
	"Sale", "Tong", "Ware", "Wick", "Holme", "Burton", "Stoke", "Hythe",
};
enum { N_PLACES = sizeof(places) / sizeof(places[0]) };

static const char *const saints[] = {
	"Mary's", "John's", "Peter's", "Paul's", "Joseph's", "Anne's", "Michael's",
	"George's", "Andrew's", "Bede's", "Thomas's", "Patrick's", "Francis's"
};
enum { N_SAINTS = sizeof(saints) / sizeof(saints[0]) };

/* National curriculum year groups by kind of school; the year decides the
 * date of birth. */
static const struct item nc_primary[] = {
	{ "R", 10 }, { "1", 10 }, { "2", 10 }, { "3", 10 }, { "4", 10 }, { "5", 10 },
	{ "6", 10 }
};
static const struct item nc_primary_nursery[] = {
	{ "N1", 2 }, { "N2", 7 }, { "R", 10 }, { "1", 10 }, { "2", 10 }, { "3", 10 },
	{ "4", 10 }, { "5", 10 }, { "6", 10 }
};
static const struct item nc_secondary[] = {
	{ "7", 10 }, { "8", 10 }, { "9", 10 }, { "10", 10 }, { "11", 10 }
};
static const struct item nc_secondary_sixth[] = {
	{ "7", 10 }, { "8", 10 }, { "9", 10 }, { "10", 10 }, { "11", 10 }, { "12", 6 },
	{ "13", 5 }
};
static const struct item nc_special[] = {
	{ "R", 3 }, { "1", 5 }, { "2", 6 }, { "3", 7 }, { "4", 8 }, { "5", 8 }, { "6", 9 },
	{ "7", 10 }, { "8", 10 }, { "9", 10 }, { "10", 10 }, { "11", 10 }, { "12", 6 },
	{ "13", 5 }, { "14", 3 }, { "X", 2 }
};
static const struct item nc_nursery[] = {
	{ "E2", 1 }, { "N1", 5 }, { "N2", 8 }
};
static const struct item nc_all_through[] = {
	{ "R", 10 }, { "1", 10 }, { "2", 10 }, { "3", 10 }, { "4", 10 }, { "5", 10 },
	{ "6", 10 }, { "7", 14 }, { "8", 14 }, { "9", 14 }, { "10", 14 }, { "11", 14 },
	{ "12", 6 }, { "13", 5 }
};

enum phase {
	PH_PRIMARY, PH_PRIMARY_NURSERY, PH_SECONDARY, PH_SECONDARY_SIXTH, PH_SPECIAL,
	PH_NURSERY, PH_ALL_THROUGH, PH_COUNT
};

static struct dist d_need_k, d_need_e, d_need_2, d_surname, d_forename, d_la;
static struct dist d_nc[PH_COUNT];

struct school {
	char *prefix;          /* "URN,School,LA,Hub," */
	size_t prefix_len;
	char upn7[12];         /* LA number and establishment number for the UPN */
	uint32_t thr_e, thr_ke; /* E if r < thr_e, K if r < thr_ke (r 32-bit) */
	uint8_t phase;
	uint64_t rows;
	uint16_t serial[100];   /* the last UPN serial of each year of entry */
};

/* ---- output ---- */

static FILE *out_fp;
static char *outbuf;
static size_t out_len;

static void out_flush(void)
{
	if (out_len && fwrite(outbuf, 1, out_len, out_fp) != out_len) {
		fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
		exit(2);
	}
	out_len = 0;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);
	memcpy(p, s, n);
	return p + n;
}

static char *put_2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* A CSV field: quoted when it holds a comma or a quote, quotes doubled. */
static char *put_field(char *p, const char *s)
{
	if (!strpbrk(s, ",\"\r\n"))
		return put_str(p, s);
	*p++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*p++ = '"';
		*p++ = *s;
	}
	*p++ = '"';
	return p;
}

/* ---- schools ---- */

static char *xstrdup_n(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (!r) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static const char *pick(const char *const *list, size_t n)
{
	return list[rng_below((uint32_t)n)];
}

/* A school name like the ones on Get Information about Schools: mostly plain,
 * some with a comma ("St Mary's CE Primary, Oldtown"), a few with quotes. */
static void school_name(char *buf, size_t size, enum phase ph)
{
	const char *pl = pick(places, N_PLACES);
	const char *st = pick(saints, N_SAINTS);
	uint32_t r = rng_below(1000);

	if (r < 4) {
		snprintf(buf, size, "The \"%s\" %s", pl,
			ph == PH_PRIMARY || ph == PH_PRIMARY_NURSERY ? "Primary" : "Academy");
		return;
	}
	switch (ph) {
	case PH_PRIMARY:
	case PH_PRIMARY_NURSERY:
		if (r < 80)
			snprintf(buf, size, "St %s CE, %s", st, pick(places, N_PLACES));
		else if (r < 150)
			snprintf(buf, size, "St %s RC", st);
		else if (r < 400)
			snprintf(buf, size, "%s Primary", pl);
		else if (r < 500)
			snprintf(buf, size, "%s Infants", pl);
		else if (r < 580)
			snprintf(buf, size, "%s Junior", pl);
		else if (r < 700)
			snprintf(buf, size, "%s CE", pl);
		else
			snprintf(buf, size, "%s", pl);
		break;
	case PH_SECONDARY:
	case PH_SECONDARY_SIXTH:
	case PH_ALL_THROUGH:
		if (r < 80)
			snprintf(buf, size, "St %s, %s", st, pick(places, N_PLACES));
		else if (r < 500)
			snprintf(buf, size, "%s Academy", pl);
		else if (r < 700)
			snprintf(buf, size, "%s High", pl);
		else if (r < 850)
			snprintf(buf, size, "%s College", pl);
		else
			snprintf(buf, size, "%s School", pl);
		break;
	case PH_SPECIAL:
		if (r < 100)
			snprintf(buf, size, "%s School, %s", pl, pick(places, N_PLACES));
		else
			snprintf(buf, size, "%s School", pl);
		break;
	case PH_NURSERY:
	case PH_COUNT:
		snprintf(buf, size, "%s Nursery", pl);
		break;
	}
}

static enum phase school_phase(void)
{
	uint32_t r = rng_below(1000);
	if (r < 560)
		return PH_PRIMARY;
	if (r < 790)
		return PH_PRIMARY_NURSERY;
	if (r < 870)
		return PH_SECONDARY;
	if (r < 950)
		return PH_SECONDARY_SIXTH;
	if (r < 980)
		return PH_SPECIAL;
	if (r < 992)
		return PH_NURSERY;
	return PH_ALL_THROUGH;
}

/* Relative size of a school of this phase (pupils, before scaling to --rows). */
static uint32_t school_size(enum phase ph)
{
	switch (ph) {
	case PH_PRIMARY:
		return rng_range(50, 500);
	case PH_PRIMARY_NURSERY:
		return rng_range(150, 620);
	case PH_SECONDARY:
		return rng_range(450, 1500);
	case PH_SECONDARY_SIXTH:
		return rng_range(700, 1900);
	case PH_SPECIAL:
		return rng_range(40, 240);
	case PH_NURSERY:
		return rng_range(30, 120);
	case PH_ALL_THROUGH:
	case PH_COUNT:
		break;
	}
	return rng_range(900, 2100);
}

static uint32_t prob32(double p)
{
	if (p <= 0)
		return 0;
	if (p >= 1)
		return UINT32_MAX;
	return (uint32_t)(p * 4294967296.0);
}

static struct school *make_schools(uint64_t n_schools, uint64_t rows)
{
	struct school *sc = calloc((size_t)n_schools, sizeof(*sc));
	uint64_t *size = calloc((size_t)n_schools, sizeof(*size));
	uint64_t total = 0, acc = 0, given = 0;
	char name[160], line[400];

	if (!sc || !size) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(2);
	}
	for (uint64_t i = 0; i < n_schools; i++) {
		struct school *s = &sc[i];
		enum phase ph = school_phase();
		size_t la = dist_pick(&d_la);
		double k, e, f = 0.5 + rng_below(1001) / 1000.0;

		s->phase = (uint8_t)ph;
		size[i] = school_size(ph);
		total += size[i];
		school_name(name, sizeof(name), ph);
		char *p = line;
		p += snprintf(p, 16, "%06" PRIu64 ",", 100000 + i * 7 + rng_below(7));
		p = put_field(p, name);
		*p++ = ',';
		p = put_field(p, las[la].s);
		*p++ = ',';
		if (rng_below(100) < 59)
			p = put_str(p, hubs[rng_below(N_HUBS)]);
		*p++ = ',';
		s->prefix_len = (size_t)(p - line);
		s->prefix = xstrdup_n(line, s->prefix_len);
		snprintf(s->upn7, sizeof(s->upn7), "%03u%04u",
			(unsigned)(201 + la * 5), (unsigned)(1000 + rng_below(8000)));
		/* Special schools: nearly everyone has an EHC plan. Elsewhere the
		 * rates vary around the national ones (13% K, 3.5% E outside
		 * special schools, 4.3% E overall). */
		if (ph == PH_SPECIAL) {
			e = 0.93 + 0.06 * rng_below(1001) / 1000.0;
			k = (1 - e) * 0.6;
		} else if (ph == PH_NURSERY) {
			e = 0.01 * f;
			k = 0.07 * f;
		} else {
			e = 0.035 * f;
			k = 0.132 * (0.5 + rng_below(1001) / 1000.0);
		}
		s->thr_e = prob32(e);
		s->thr_ke = prob32(e + k);
	}
	/* Share the rows out in proportion to size, exactly `rows` in all. */
	for (uint64_t i = 0; i < n_schools; i++) {
		acc += size[i];
		uint64_t upto = (uint64_t)((u128)rows * acc / total);
		sc[i].rows = upto - given;
		given = upto;
	}
	free(size);
	return sc;
}

/* ---- rows ---- */

static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

/* Days before the first of each month, counting from 1 September. */
static const unsigned month_start[13] = {
	0, 30, 61, 91, 122, 153, 181, 212, 242, 273, 303, 334, 365
};

static int nc_offset(const char *nc)
{
	if (nc[0] == 'E')
		return -3 - (nc[1] - '1');
	if (nc[0] == 'N')
		return nc[1] == '1' ? -2 : -1;
	if (nc[0] == 'R')
		return 0;
	if (nc[0] == 'X')
		return (int)rng_range(5, 15);
	return atoi(nc);
}

/* UPN: check letter, LA (3), establishment (4), year (2), serial (3): the
 * serial counts a school's pupils of one year of entry, so that no two
 * pupils share a UPN (up to 1,000 of a year in a school). */
static char *put_upn(char *p, struct school *s, unsigned yy)
{
	char d[12];
	unsigned sum = 0;

	memcpy(d, s->upn7, 7);
	d[7] = (char)('0' + yy / 10 % 10);
	d[8] = (char)('0' + yy % 10);
	unsigned serial = s->serial[yy % 100] = (uint16_t)((s->serial[yy % 100] + 1) % 1000);
	d[9] = (char)('0' + serial / 100);
	d[10] = (char)('0' + serial / 10 % 10);
	d[11] = (char)('0' + serial % 10);
	for (unsigned i = 0; i < 12; i++)
		sum += (unsigned)(d[i] - '0') * (i + 2);
	*p++ = upn_letters[sum % 23];
	memcpy(p, d, 12);
	return p + 12;
}

/* Date of birth for a pupil in year group `off` (R is 0) on the January 2024
 * census: reception pupils were born September 2018 to August 2019. */
static char *put_dob(char *p, int off)
{
	unsigned day = rng_below(365), m = 0;
	unsigned year = (unsigned)(2018 - off);

	while (month_start[m + 1] <= day)
		m++;
	if (m >= 4)
		year++;
	p = put_2(p, day - month_start[m] + 1);
	*p++ = '/';
	p = put_2(p, (m + 8) % 12 + 1);
	*p++ = '/';
	p = put_2(p, year / 100);
	return put_2(p, year % 100);
}

enum bad {
	BAD_PROVISION, BAD_NEED, BAD_K_NO_NEED, BAD_NSA_WITH_E, BAD_NEED_WITH_N,
	BAD_SHORT_ROW, BAD_LONG_ROW, BAD_KINDS
};

struct totals {
	uint64_t rows, k, e, need[N_NEEDS], unknown, bad, ragged;
};

static void row(struct school *s, int bad, struct totals *t, const char *eol)
{
	char *p = outbuf + out_len;
	const char *nc = d_nc[s->phase].items[dist_pick(&d_nc[s->phase])].s;
	int off = nc_offset(nc);
	uint32_t r = (uint32_t)(rng_next() >> 32);
	char prov = r < s->thr_e ? 'E' : r < s->thr_ke ? 'K' : 'N';
	size_t need = N_NEEDS, need2 = N_NEEDS;
	const char *need_s = "";

	p = put_upn(p, s, (unsigned)(2019 - off + 4) % 100);
	*p++ = ',';
	p = put_field(p, surnames[dist_pick(&d_surname)].s);
	*p++ = ',';
	p = put_str(p, forenames[dist_pick(&d_forename)].s);
	*p++ = ',';
	p = put_dob(p, off);
	*p++ = ',';
	memcpy(p, s->prefix, s->prefix_len);
	p += s->prefix_len;
	p = put_str(p, nc);
	*p++ = ',';

	if (prov != 'N') {
		need = dist_pick(prov == 'K' ? &d_need_k : &d_need_e);
		if (rng_below(100) < 22) {
			need2 = dist_pick(&d_need_2);
			if (need2 == need)
				need2 = N_NEEDS;
		}
	}
	switch (bad) {
	case BAD_PROVISION:
		prov = 'Q';
		need = need2 = N_NEEDS;
		break;
	case BAD_NEED:
		prov = 'K';
		need_s = "DYSL";
		need = need2 = N_NEEDS;
		break;
	case BAD_K_NO_NEED:
		prov = 'K';
		need = need2 = N_NEEDS;
		break;
	case BAD_NSA_WITH_E:
		prov = 'E';
		need = NEED_NSA;
		break;
	case BAD_NEED_WITH_N:
		prov = 'N';
		need_s = "MLD";
		need = need2 = N_NEEDS;
		break;
	default:
		break;
	}
	t->rows++;
	if (prov == 'K')
		t->k++;
	else if (prov == 'E')
		t->e++;
	if (need < N_NEEDS) {
		need_s = need_codes[need];
		t->need[need]++;
	} else if (bad == BAD_NEED) {
		t->unknown++;
	}
	if (bad >= 0)
		t->bad++;

	*p++ = prov;
	if (bad == BAD_SHORT_ROW) {
		/* An export cut short: no secondary need column at all. */
		*p++ = ',';
		p = put_str(p, need_s);
		t->ragged++;
	} else {
		*p++ = ',';
		p = put_str(p, need_s);
		*p++ = ',';
		if (need2 < N_NEEDS)
			p = put_str(p, need_codes[need2]);
		if (bad == BAD_LONG_ROW) {
			p = put_str(p, ",see notes");
			t->ragged++;
		}
	}
	p = put_str(p, eol);
	out_len = (size_t)(p - outbuf);
	if (out_len > OUTBUF - ROW_MAX)
		out_flush();
}

static int write_totals(const char *path, const struct totals *t)
{
	FILE *fp = fopen(path, "w");
	if (!fp) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 2;
	}
	fputs("on_roll,sen_support,ehcp", fp);
	for (size_t i = 0; i < N_NEEDS; i++) {
		fputs(",need_", fp);
		for (const char *c = need_codes[i]; *c; c++)
			fputc(*c - 'A' + 'a', fp);
	}
	fputs(",need_unknown,bad_rows,ragged_rows\n", fp);
	fprintf(fp, "%" PRIu64 ",%" PRIu64 ",%" PRIu64, t->rows, t->k, t->e);
	for (size_t i = 0; i < N_NEEDS; i++)
		fprintf(fp, ",%" PRIu64, t->need[i]);
	fprintf(fp, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 "\n", t->unknown, t->bad, t->ragged);
	if (fclose(fp) != 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return 2;
	}
	return 0;
}

/* ---- command line ---- */

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: %s [OPTION]...\n"
		"Writes a made-up, national-scale pupil-level census CSV (sendkit-census(5)),\n"
		"the same bytes for the same options: for benchmarking census-summary.\n"
		"\n"
		"  -b, --bad-rows N   rows with a problem, spread evenly (default %llu, fewer\n"
		"                     below 140,000 rows), in turn: unknown\n"
		"                     provision, unknown need, K without need, NSA with E,\n"
		"                     need with N, a short row, a long row\n"
		"      --crlf         end lines with CRLF, as Windows exports do\n"
		"  -h, --help         show this help and exit\n"
		"  -o, --output FILE  write to FILE instead of standard output\n"
		"  -r, --rows N       pupils (default 9100000, about 734 MB); 100k, 9.1M accepted\n"
		"  -s, --schools N    schools (default %llu); fewer when rows are fewer\n"
		"      --seed S       random seed (default %llu)\n"
		"  -t, --totals FILE  write the expected national totals there, as CSV\n"
		"\n"
		"Examples:\n"
		"  %s -o national.csv\n"
		"  %s --rows 100k --schools 40 --seed 7 | census-summary --by all\n",
		prog, (unsigned long long)DEFAULT_BAD, (unsigned long long)DEFAULT_SCHOOLS,
		(unsigned long long)DEFAULT_SEED, prog, prog);
}

/* A count: digits, optionally with a fraction and a k or M suffix (9.1M). */
static int parse_count(const char *s, uint64_t *out)
{
	uint64_t whole = 0, frac = 0, scale = 1, div = 1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (whole > UINT64_MAX / 10 - 10)
			return -1;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && div < 1000000000ull; p++) {
			frac = frac * 10 + (uint64_t)(*p - '0');
			div *= 10;
		}
	}
	if (*p == 'k' || *p == 'K')
		scale = 1000, p++;
	else if (*p == 'm' || *p == 'M')
		scale = 1000000, p++;
	if (*p || whole > UINT64_MAX / scale / 2 || (div > 1 && scale == 1))
		return -1;
	*out = whole * scale + frac * scale / div;
	return 0;
}

static int bad_value(const char *opt, const char *arg)
{
	fprintf(stderr, "%s: %s: not a count: '%s'\n"
		"Try '%s --help' for more information.\n", prog, opt, arg, prog);
	return 2;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bad-rows", required_argument, NULL, 'b' },
		{ "crlf", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "rows", required_argument, NULL, 'r' },
		{ "schools", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "totals", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t rows = DEFAULT_ROWS, n_schools = DEFAULT_SCHOOLS, seed = DEFAULT_SEED;
	uint64_t n_bad = UINT64_MAX;
	const char *output = NULL, *totals_path = NULL, *eol = "\n";
	struct totals t;
	int c;

	while ((c = getopt_long(argc, argv, "b:ho:r:s:t:", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (parse_count(optarg, &n_bad))
				return bad_value("--bad-rows", optarg);
			break;
		case 'C':
			eol = "\r\n";
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'o':
			output = optarg;
			break;
		case 'r':
			if (parse_count(optarg, &rows))
				return bad_value("--rows", optarg);
			break;
		case 's':
			if (parse_count(optarg, &n_schools) || n_schools == 0)
				return bad_value("--schools", optarg);
			break;
		case 'S':
			if (parse_count(optarg, &seed))
				return bad_value("--seed", optarg);
			break;
		case 't':
			totals_path = optarg;
			break;
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", prog);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n"
			"Try '%s --help' for more information.\n", prog, argv[optind], prog);
		return 2;
	}
	if (n_schools > 1000000)
		n_schools = 1000000;
	/* Left to itself, a small file gets fewer bad rows: one in 10,000. */
	if (n_bad == UINT64_MAX)
		n_bad = rows / 10000 < DEFAULT_BAD ? rows / 10000 : DEFAULT_BAD;
	if (n_bad > rows)
		n_bad = rows;

	out_fp = stdout;
	if (output && strcmp(output, "-") != 0 && !(out_fp = fopen(output, "wb"))) {
		fprintf(stderr, "%s: %s: %s\n", prog, output, strerror(errno));
		return 2;
	}
	outbuf = malloc(OUTBUF);
	if (!outbuf) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 2;
	}

	rng_state = seed;
	dist_init(&d_need_k, need_k, N_NEEDS);
	dist_init(&d_need_e, need_e, N_NEEDS);
	dist_init(&d_need_2, need_2, N_NEEDS);
	dist_init(&d_surname, surnames, sizeof(surnames) / sizeof(surnames[0]));
	dist_init(&d_forename, forenames, sizeof(forenames) / sizeof(forenames[0]));
	dist_init(&d_la, las, N_LAS);
	dist_init(&d_nc[PH_PRIMARY], nc_primary, sizeof(nc_primary) / sizeof(nc_primary[0]));
	dist_init(&d_nc[PH_PRIMARY_NURSERY], nc_primary_nursery,
		sizeof(nc_primary_nursery) / sizeof(nc_primary_nursery[0]));
	dist_init(&d_nc[PH_SECONDARY], nc_secondary,
		sizeof(nc_secondary) / sizeof(nc_secondary[0]));
	dist_init(&d_nc[PH_SECONDARY_SIXTH], nc_secondary_sixth,
		sizeof(nc_secondary_sixth) / sizeof(nc_secondary_sixth[0]));
	dist_init(&d_nc[PH_SPECIAL], nc_special, sizeof(nc_special) / sizeof(nc_special[0]));
	dist_init(&d_nc[PH_NURSERY], nc_nursery, sizeof(nc_nursery) / sizeof(nc_nursery[0]));
	dist_init(&d_nc[PH_ALL_THROUGH], nc_all_through,
		sizeof(nc_all_through) / sizeof(nc_all_through[0]));

	struct school *sc = make_schools(n_schools, rows);

	out_len = (size_t)snprintf(outbuf, OUTBUF, "UPN,Surname,Forename,DOB,URN,School,LA,Hub,"
		"NCYear,SEN Provision,Primary Need,Secondary Need%s", eol);
	memset(&t, 0, sizeof(t));
	/* Bad row i (from 0) is data row (i + 1) * rows / (n_bad + 1), from 0. */
	uint64_t done = 0, next_bad_i = 0;
	uint64_t next_bad = n_bad ? rows / (n_bad + 1) : UINT64_MAX;
	for (uint64_t i = 0; i < n_schools; i++) {
		for (uint64_t j = 0; j < sc[i].rows; j++, done++) {
			int bad = -1;
			if (done == next_bad) {
				bad = (int)(next_bad_i % BAD_KINDS);
				next_bad_i++;
				next_bad = next_bad_i < n_bad ?
					(uint64_t)((u128)rows * (next_bad_i + 1)
						/ (n_bad + 1)) : UINT64_MAX;
			}
			row(&sc[i], bad, &t, eol);
		}
		free(sc[i].prefix);
	}
	free(sc);
	out_flush();
	free(outbuf);
	if (fflush(out_fp) != 0 || ferror(out_fp) || (out_fp != stdout && fclose(out_fp) != 0)) {
		fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
		return 2;
	}
	if (totals_path)
		return write_totals(totals_path, &t);
	return 0;
}
