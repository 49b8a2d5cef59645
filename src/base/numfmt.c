/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numfmt.c - numbers written as printf writes them, without printf. */
#include "base/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Digits of n (n >= 0) at out, most significant first; returns their count. */
static size_t put_digits(char *out, unsigned long long n)
{
	char rev[24];
	size_t k = 0, len;

	do {
		rev[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	len = k;
	while (k)
		*out++ = rev[--k];
	return len;
}

/* Write n as "%ld" does. */
size_t numfmt_long(char out[NUMFMT_MAX], long n)
{
	size_t len = 0;
	unsigned long long u = (unsigned long long)n;

	if (n < 0) {
		out[len++] = '-';
		u = 0 - u;
	}
	len += put_digits(out + len, u);
	out[len] = '\0';
	return len;
}

/* Write v as "%.*f" does with decimals in 0..6. */
size_t numfmt_fixed(char out[NUMFMT_MAX], double v, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	unsigned long long n, unit;
	double t, r;
	size_t len = 0;

	if (decimals < 0 || decimals > 6 || !(fabs(v) < 1e9))
		goto slow;
	t = v * scale[decimals];
	/* A value within a millionth of half a unit may round either way in
	 * the multiplication; snprintf decides those on the exact value. */
	if (fabs(t - floor(t) - 0.5) < 1e-6)
		goto slow;
	r = round(t);
	if (r == 0 && signbit(v))
		goto slow;
	if (r < 0)
		out[len++] = '-';
	n = (unsigned long long)fabs(r);
	unit = (unsigned long long)scale[decimals];
	len += put_digits(out + len, n / unit);
	if (decimals) {
		unsigned long long frac = n % unit;

		out[len++] = '.';
		for (int d = decimals - 1; d >= 0; d--) {
			out[len + (size_t)d] = (char)('0' + frac % 10);
			frac /= 10;
		}
		len += (size_t)decimals;
	}
	out[len] = '\0';
	return len;
slow:
	return (size_t)snprintf(out, NUMFMT_MAX, "%.*f", decimals, v);
}

/* Write v as "%g" does. */
size_t numfmt_g(char out[NUMFMT_MAX], double v)
{
	double a = fabs(v), t, r;
	unsigned long long n;
	size_t len = 0;

	if (v == 0 && !signbit(v)) {
		memcpy(out, "0", 2);
		return 1;
	}
	if (a < 1e6 && a >= 1000 && a == floor(a)) {
		/* a whole number of up to six digits: %g writes it as it is */
		r = v;
		n = (unsigned long long)a * 1000;
	} else {
		/* at most three decimals, six significant digits or fewer:
		 * %g writes the shortest of them */
		if (!(a >= 0.1 && a < 1000))
			goto slow;
		t = v * 1000;
		r = round(t);
		if (fabs(t - r) > 1e-6)
			goto slow;
		n = (unsigned long long)fabs(r);
	}
	if (r < 0)
		out[len++] = '-';
	len += put_digits(out + len, n / 1000);
	if (n % 1000) {
		unsigned frac = (unsigned)(n % 1000);

		out[len++] = '.';
		out[len++] = (char)('0' + frac / 100);
		if (frac % 100) {
			out[len++] = (char)('0' + frac / 10 % 10);
			if (frac % 10)
				out[len++] = (char)('0' + frac % 10);
		}
	}
	out[len] = '\0';
	return len;
slow:
	return (size_t)snprintf(out, NUMFMT_MAX, "%g", v);
}
