/* The bodies of action-lint's templates and the placeholders in them. */
#include <ctype.h>
#include <string.h>

#include "template_internal.h"

const char sk_template__strategy[] =
	"sendkit: strategy\n"
	"school:\n"
	"  name: <the school's name>\n"
	"  urn: <the school's six-digit URN>\n"
	"  la: <local authority>                 # optional\n"
	"  hub: <the trust's SEND hub>           # optional\n"
	"year: <academic year, such as 2024-2025>\n"
	"\n"
	"# School Summary information, from the January census (last January's until\n"
	"# this year's is taken; the percentages are worked out from these counts)\n"
	"summary:\n"
	"  census: <census day, such as 2025-01-16>   # optional\n"
	"  on_roll: <number of pupils on roll>\n"
	"  sen_support: <pupils on SEN support (census code K)>\n"
	"  ehcp: <pupils with an EHC plan (census code E)>\n"
	"\n"
	"# SEND Review Headlines\n"
	"headlines:\n"
	"  review_date: <when the SEND review took place, such as 2024-07-03>  # optional\n"
	"  strengths:                # 3 key strengths identified\n"
	"    - <first key strength>\n"
	"    - <second key strength>\n"
	"    - <third key strength>\n"
	"  recommendations:          # 3 key recommendations (priorities)\n"
	"    - <first key recommendation>\n"
	"    - <second key recommendation>\n"
	"    - <third key recommendation>\n"
	"\n"
	"# The five areas, all required\n"
	"areas:\n";

const char sk_template__strategy_area[] =
	"    strengths:              # Areas of Strength: one or more\n"
	"      - <an area of strength>\n"
	"    recommendations:        # Key Recommendations: one or more\n"
	"      - <a key recommendation>\n"
	"    actions:                # one or more; copy from \"- action:\" to \"term5:\"\n"
	"      - action: <what will be done>\n"
	"        cost: <what it costs, such as \"\xc2\xa3" "450\", or 0>\n"
	"        steps: <the steps to make sure it is carried out effectively>\n"
	"        lead: <the staff lead and their role>\n"
	"        timescale: <when, such as T1-T6, Spring 2 or termly>\n"
	"        success: <how will we know we have been successful?>\n"
	"        review:\n"
	"          date: <review date, such as 2025-02-07>\n"
	"          method: <review method, such as governing body minutes>\n"
	"        impact:             # Impact Review: written in during the year\n"
	"          term3:\n"
	"          term5:\n"
	"    budget: <total budgeted cost, the sum of the costs>   # optional\n";

const char sk_template__review[] =
	"sendkit: review\n"
	"title: <the review's title, such as MAT SEND Review>   # optional\n"
	"of:                       # a trust, or one school instead:\n"
	"  trust: <the trust's name>\n"
	"  # school:\n"
	"  #   name: <the school's name>\n"
	"  #   urn: <the school's six-digit URN>\n"
	"date: <when the review was carried out, such as 2025-04-30>\n"
	"\n"
	"# The five areas, each a list of one or more statements; an area the\n"
	"# review did not cover may be deleted, but not all five\n"
	"areas:\n";

const char sk_template__review_area[] =
	"    - id: <statement number, such as \"%d.1\">\n"
	"      statement: <the evaluative statement, in the reviewers' words>\n"
	"      judgement: <in_place, partly_in_place, not_in_place or not_judged>\n"
	"      evidence: <what the judgement rests on>   # optional\n"
	"      actions:                                  # optional\n"
	"        - action: <what will be done>\n"
	"          owner: <who will do it, such as Trust or SENCOs>\n"
	"          due: <when, such as T6 2025 or annually>\n"
	"      links:                                    # optional: \"Linked to\"\n"
	"        - <the number of a linked statement>\n";

/* The bytes of the spaces at s[i..len): plain, tabs and no-break. */
static size_t spaces_at(const char *s, size_t i, size_t len)
{
	size_t k = i;

	for (;;)
		if (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		else if (k + 1 < len && s[k] == '\xc2' && s[k + 1] == '\xa0')
			k += 2;
		else if (k + 2 < len && memcmp(s + k, "\xe2\x80\xaf", 3) == 0)
			k += 3;
		else
			return k - i;
}

/* Whether s[0..len) is the placeholder p[0..plen) as typed into: "%d" and
 * the digits of an example ("such as 2025-02-07") match any digits, spaces
 * of any kind and number match one, spaces inside the brackets are extra,
 * and Word's curly apostrophe is the template's. */
static bool same_placeholder(const char *s, size_t len, const char *p, size_t plen)
{
	size_t i = 0, j = 0, ns, np;

	while (i < len && j < plen) {
		ns = spaces_at(s, i, len);
		np = spaces_at(p, j, plen);
		if (ns || np) {
			if (!ns && np)
				return false;
			if (!np && !(j > 0 && p[j - 1] == '<') && p[j] != '>')
				return false;
			i += ns;
			j += np;
		} else if ((p[j] == '%' && j + 1 < plen && p[j + 1] == 'd')
			   || isdigit((unsigned char)p[j])) {
			size_t d = i;

			while (i < len && isdigit((unsigned char)s[i]))
				i++;
			if (i == d)
				return false;
			if (p[j] == '%')
				j += 2;
			else
				while (j < plen && isdigit((unsigned char)p[j]))
					j++;
		} else if (p[j] == '\'' && i + 2 < len && memcmp(s + i, "\xe2\x80\x99", 3) == 0) {
			i += 3;
			j++;
		} else if (tolower((unsigned char)s[i]) == tolower((unsigned char)p[j])) {
			i++;
			j++;
		} else {
			return false;
		}
	}
	return i == len && j == plen;
}

bool sk_template__is_placeholder(const char *s, size_t len)
{
	static const char *const bodies[] = {
		sk_template__strategy, sk_template__strategy_area,
		sk_template__review, sk_template__review_area,
	};

	for (size_t b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++)
		for (const char *lt = strchr(bodies[b], '<'); lt; lt = strchr(lt + 1, '<')) {
			const char *gt = strchr(lt, '>');
			if (gt && same_placeholder(s, len, lt, (size_t)(gt + 1 - lt)))
				return true;
		}
	return false;
}
