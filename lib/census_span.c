/* The unions of atoms that are linear combinations of a summary's rows
 * (census_span.h).
 *
 * The atoms outside `in` are put first and the rows brought to reduced row
 * echelon form: the rows whose leading entry is past those atoms span
 * exactly the combinations that are 0 on them. Such a combination is
 * fixed by its entries at those rows' leading atoms (1 in its row, 0 in the
 * others), so a 0/1 one is the sum of a subset of those rows: each subset
 * is tried. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "census_span.h"
#include "sendkit/common.h"

#define EPS 1e-9

/* Reduces m (nrows x n) in place; the leading column of each of the first
 * rank rows in lead[]. Gives the rank. */
static size_t reduce(double *m, size_t nrows, size_t n, size_t *lead)
{
	size_t rank = 0;
	for (size_t j = 0; j < n && rank < nrows; j++) {
		size_t best = rank;
		for (size_t i = rank + 1; i < nrows; i++)
			if (fabs(m[i * n + j]) > fabs(m[best * n + j]))
				best = i;
		if (fabs(m[best * n + j]) < EPS)
			continue;
		for (size_t k = 0; k < n && best != rank; k++) {
			double t = m[best * n + k];
			m[best * n + k] = m[rank * n + k];
			m[rank * n + k] = t;
		}
		double p = m[rank * n + j];
		for (size_t k = 0; k < n; k++)
			m[rank * n + k] /= p;
		for (size_t i = 0; i < nrows; i++) {
			double f = m[i * n + j];
			if (i == rank || fabs(f) < EPS)
				continue;
			for (size_t k = 0; k < n; k++)
				m[i * n + k] -= f * m[rank * n + k];
		}
		lead[rank++] = j;
	}
	return rank;
}

int sk_span__each(const uint8_t *rows, size_t nrows, size_t n, const bool *in,
		  int (*fn)(void *ctx, const uint8_t *w), void *ctx)
{
	if (nrows == 0 || n == 0)
		return SK_OK;
	if (nrows > SIZE_MAX / sizeof(double) / n)
		return SK_ENOMEM;
	double *m = malloc(nrows * n * sizeof(*m));
	size_t *order = malloc(n * sizeof(*order));
	size_t *lead = malloc(nrows * sizeof(*lead));
	double *sum = malloc(n * sizeof(*sum));
	uint8_t *w = malloc(n);
	int rc = m && order && lead && sum && w ? SK_OK : SK_ENOMEM;
	size_t outside = 0;
	for (size_t j = 0; j < n && rc == SK_OK; j++)
		outside += !in[j];
	/* Column k of m is atom order[k]: the atoms outside `in` first. */
	for (size_t j = 0, a = 0, b = outside; j < n && rc == SK_OK; j++)
		order[in[j] ? b++ : a++] = j;
	for (size_t i = 0; i < nrows && rc == SK_OK; i++)
		for (size_t k = 0; k < n; k++)
			m[i * n + k] = rows[i * n + order[k]];
	size_t rank = rc == SK_OK ? reduce(m, nrows, n, lead) : 0, first = 0;
	while (first < rank && lead[first] < outside)
		first++;
	size_t bits = rank - first;
	if (rc == SK_OK && bits > SK_SPAN_MAX_BITS)
		rc = SK_ELIMIT;
	for (uint32_t set = 1; rc == SK_OK && set < (UINT32_C(1) << bits); set++) {
		memset(sum, 0, n * sizeof(*sum));
		for (size_t b = 0; b < bits; b++)
			if (set >> b & 1)
				for (size_t k = outside; k < n; k++)
					sum[k] += m[(first + b) * n + k];
		bool binary = true;
		memset(w, 0, n);
		for (size_t k = outside; k < n && binary; k++) {
			binary = fabs(sum[k]) < EPS || fabs(sum[k] - 1) < EPS;
			w[order[k]] = fabs(sum[k] - 1) < EPS;
		}
		if (binary)
			rc = fn(ctx, w);
	}
	free(m);
	free(order);
	free(lead);
	free(sum);
	free(w);
	return rc;
}
