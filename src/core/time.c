/*
 * time.c: RFC 3339 UTC parsing and formatting in integer milliseconds, and
 * the two clocks (wall and monotonic) that only main() and the feed layer
 * may read. Civil-date arithmetic is Howard Hinnant's days_from_civil and
 * civil_from_days algorithms (orbit.c's epochs use them too), valid for
 * every proleptic Gregorian date; no libc time zone state is touched
 * (timegm/gmtime are avoided on purpose).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tcop/tcop.h"

int64_t
tcop_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void
tcop_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads exactly n digits at s[*i]; false if any is not a digit. */
static bool
digits(const char *s, size_t len, size_t *i, int n, int *out)
{
	int v = 0;

	if (*i + (size_t)n > len)
		return false;
	for (int k = 0; k < n; k++) {
		char c = s[*i + (size_t)k];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	*out = v;
	return true;
}

static bool
expect(const char *s, size_t len, size_t *i, const char *set)
{
	if (*i >= len || strchr(set, s[*i]) == NULL || s[*i] == '\0')
		return false;
	(*i)++;
	return true;
}

static const unsigned char month_days[12] = {
	31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

tcop_err
tcop_time_parse(const char *s, size_t len, tcop_ms *out)
{
	size_t i = 0;
	int y, mo, d, h, mi, sec, frac_ms = 0;

	if (s == NULL)
		return TCOP_ETIME;
	if (!digits(s, len, &i, 4, &y) || !expect(s, len, &i, "-") ||
	    !digits(s, len, &i, 2, &mo) || !expect(s, len, &i, "-") ||
	    !digits(s, len, &i, 2, &d) || !expect(s, len, &i, "Tt ") ||
	    !digits(s, len, &i, 2, &h) || !expect(s, len, &i, ":") ||
	    !digits(s, len, &i, 2, &mi) || !expect(s, len, &i, ":") ||
	    !digits(s, len, &i, 2, &sec))
		return TCOP_ETIME;
	if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || h > 23 ||
	    mi > 59 || sec > 60)
		return TCOP_ETIME;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return TCOP_ETIME;
	if (i < len && s[i] == '.') {
		int n = 0, scale = 100;
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			if (scale > 0)
				frac_ms += (s[i] - '0') * scale;
			scale /= 10;
			i++;
			n++;
		}
		if (n == 0)
			return TCOP_ETIME;
	}
	int64_t off_min = 0;
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i] == '-' ? -1 : 1, oh, om;
		i++;
		if (!digits(s, len, &i, 2, &oh) || !expect(s, len, &i, ":") ||
		    !digits(s, len, &i, 2, &om) || oh > 23 || om > 59)
			return TCOP_ETIME;
		off_min = sign * (oh * 60 + om);
	} else {
		return TCOP_ETIME;
	}
	if (i != len)
		return TCOP_ETIME;
	if (sec == 60) /* a leap second folds onto the next second */
		sec = 59, frac_ms = 999;
	int64_t days = tcop_days_from_civil(y, (unsigned)mo, (unsigned)d);
	int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - off_min * 60;
	*out = secs * 1000 + frac_ms;
	return TCOP_OK;
}

static void
split(tcop_ms t, int *y, unsigned *mo, unsigned *d, int *h, int *mi, int *s,
    int *ms)
{
	/* floor division without negating t (TCOP_MS_NONE is INT64_MIN) */
	int64_t rem = t % 86400000;
	int64_t days = t / 86400000 - (rem < 0);
	if (rem < 0)
		rem += 86400000;
	tcop_civil_from_days(days, y, mo, d);
	*h = (int)(rem / 3600000);
	*mi = (int)(rem / 60000 % 60);
	*s = (int)(rem / 1000 % 60);
	*ms = (int)(rem % 1000);
}

void
tcop_time_format_ms(tcop_ms t, char *buf, size_t size)
{
	int y, h, mi, s, ms;
	unsigned mo, d;

	split(t, &y, &mo, &d, &h, &mi, &s, &ms);
	snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, mo, d,
	    h, mi, s, ms);
}

void
tcop_time_format_s(tcop_ms t, char *buf, size_t size)
{
	int y, h, mi, s, ms;
	unsigned mo, d;

	split(t, &y, &mo, &d, &h, &mi, &s, &ms);
	snprintf(buf, size, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, mo, d, h, mi,
	    s);
}

tcop_ms
tcop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (tcop_ms)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

tcop_ms
tcop_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (tcop_ms)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

tcop_err
tcop_duration_parse(const char *s, tcop_ms *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return TCOP_EINVAL;
	v = strtod(s, &end);
	if (end == s || v < 0 || v != v)
		return TCOP_EINVAL;
	double mult = 1000;
	if (strcmp(end, "") == 0 || strcmp(end, "s") == 0)
		mult = 1000;
	else if (strcmp(end, "ms") == 0)
		mult = 1;
	else if (strcmp(end, "m") == 0 || strcmp(end, "min") == 0)
		mult = 60000;
	else if (strcmp(end, "h") == 0)
		mult = 3600000;
	else if (strcmp(end, "d") == 0)
		mult = 86400000;
	else
		return TCOP_EINVAL;
	if (v * mult > 9.2e18)
		return TCOP_EINVAL;
	*out = (tcop_ms)(v * mult + 0.5);
	return TCOP_OK;
}
