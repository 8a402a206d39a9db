/*
 * tle.c: the TLE/3LE parser (tle.h has the contract).
 *
 * Columns are 1-based below, as in the published format:
 *
 *   1 NNNNNC YYLLLPPP YYDDD.DDDDDDDD +.NNNNNNNN +NNNNN-N +NNNNN-N N EEEEK
 *   2 NNNNN III.IIII RRR.RRRR EEEEEEE PPP.PPPP MMM.MMMM NN.NNNNNNNNRRRRRK
 *
 * Every field is checked for its characters before it is converted, so
 * strtod never sees "nan", "inf" or hex. Two-digit years follow Vallado:
 * 57..99 are 19xx, 00..56 are 20xx.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orbit/tle.h"

#define LINE_MAX_LEN 256

int
tle_checksum(const char *line)
{
	int sum = 0;

	for (int i = 0; i < 68 && line[i] != '\0'; i++) {
		if (line[i] >= '0' && line[i] <= '9')
			sum += line[i] - '0';
		else if (line[i] == '-')
			sum += 1;
	}
	return sum % 10;
}

/* Copy columns c1..c2 (1-based, inclusive) of line, trimmed of spaces. */
static void
field(const char *line, int c1, int c2, char *out)
{
	int n = 0;

	for (int c = c1; c <= c2; c++)
		out[n++] = line[c - 1];
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
	n = 0;
	while (out[n] == ' ')
		n++;
	if (n > 0)
		memmove(out, out + n, strlen(out + n) + 1);
}

/* A plain decimal number: [+-]digits[.digits] or [+-].digits. */
static bool
decimal(const char *s, double *out)
{
	char *end;
	int digits = 0, dots = 0;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.')
			dots++;
		else if (!((*p == '+' || *p == '-') && p == s))
			return false;
	}
	if (digits == 0 || dots > 1)
		return false;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

static bool
fnum(const char *line, int c1, int c2, double *out)
{
	char f[24];

	field(line, c1, c2, f);
	return decimal(f, out);
}

/* Digits or spaces only (blank is 0); for counters like the rev number. */
static bool
fint(const char *line, int c1, int c2, long *out)
{
	long v = 0;

	for (int c = c1; c <= c2; c++) {
		char ch = line[c - 1];
		if (ch == ' ')
			continue;
		if (ch < '0' || ch > '9')
			return false;
		v = v * 10 + (ch - '0');
	}
	*out = v;
	return true;
}

/* Implied decimal point with exponent: columns "+NNNNN-N" -> +.NNNNN e-N */
static bool
fexp(const char *line, int c1, double *out)
{
	const char *p = line + c1 - 1;
	double m = 0.0;
	int sign = 1, esign;

	if (p[0] == '-')
		sign = -1;
	else if (p[0] != ' ' && p[0] != '+')
		return false;
	for (int i = 1; i <= 5; i++) {
		if (p[i] == ' ')
			m = m * 10;
		else if (p[i] >= '0' && p[i] <= '9')
			m = m * 10 + (p[i] - '0');
		else
			return false;
	}
	if (p[6] == '-')
		esign = -1;
	else if (p[6] == '+' || p[6] == ' ')
		esign = 1;
	else
		return false;
	if (p[7] < '0' || p[7] > '9')
		return false;
	*out = sign * m * 1e-5 * pow(10.0, esign * (p[7] - '0'));
	return true;
}

/* Alpha-5 catalogue number in columns 3..7. */
static bool
catno(const char *line, uint32_t *out)
{
	const char *p = line + 2;
	uint32_t v = 0;
	int i = 0;

	while (i < 4 && p[i] == ' ')
		i++;
	if (i == 0 && p[0] >= 'A' && p[0] <= 'Z') {
		if (p[0] == 'I' || p[0] == 'O')
			return false;
		v = (uint32_t)(p[0] - 'A' + 10);
		v -= p[0] > 'I';
		v -= p[0] > 'O';
		i = 1;
	}
	for (; i < 5; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (uint32_t)(p[i] - '0');
	}
	*out = v;
	return true;
}

static bool
at(const char *line, int col, char c)
{
	return line[col - 1] == c;
}

#define FAIL(code, ...)                                      \
	do {                                                 \
		snprintf(why, TLE_WHY_MAX, __VA_ARGS__);     \
		return (code);                               \
	} while (0)

static tcop_err
parse_line1(const char *l1, bool check_sum, struct orb_elements *el,
    char why[TLE_WHY_MAX])
{
	double epochdays;
	long yy, elnum;
	char f[16];
	int year;

	if (!at(l1, 1, '1') || !at(l1, 2, ' '))
		FAIL(TCOP_EFORMAT, "line 1 does not start with \"1 \"");
	if (!at(l1, 9, ' ') || !at(l1, 24, '.') || !at(l1, 33, ' ') ||
	    !at(l1, 35, '.') || !at(l1, 44, ' ') || !at(l1, 53, ' ') ||
	    !at(l1, 62, ' ') || !at(l1, 64, ' '))
		FAIL(TCOP_EFORMAT, "line 1 columns out of place");
	if (!catno(l1, &el->norad))
		FAIL(TCOP_ECHAR, "line 1 catalogue number (columns 3-7)");
	el->classification = l1[7] == ' ' ? 'U' : l1[7];
	if (strchr("UCS", el->classification) == NULL)
		FAIL(TCOP_ECHAR, "line 1 classification (column 8) not U/C/S");
	/* international designator: YYNNNPPP */
	field(l1, 10, 17, f);
	el->object_id[0] = '\0';
	if (f[0] != '\0') {
		long ly, ln;
		int plen = 0;

		if (strlen(f) < 6 || !fint(l1, 10, 11, &ly) ||
		    !fint(l1, 12, 14, &ln))
			FAIL(TCOP_ECHAR, "line 1 international designator");
		for (int c = 15; c <= 17; c++) {
			char ch = l1[c - 1];
			if (ch == ' ')
				continue;
			if (ch < 'A' || ch > 'Z')
				FAIL(TCOP_ECHAR, "line 1 launch piece");
			plen++;
		}
		snprintf(el->object_id, sizeof(el->object_id),
		    "%04d-%03d%.*s", (int)(ly < 57 ? 2000 + ly : 1900 + ly),
		    (int)(ln % 1000), plen, l1 + 14);
	}
	if (!fint(l1, 19, 20, &yy) || l1[18] == ' ' || l1[19] == ' ')
		FAIL(TCOP_ECHAR, "line 1 epoch year (columns 19-20)");
	if (!fnum(l1, 21, 32, &epochdays))
		FAIL(TCOP_ECHAR, "line 1 epoch day (columns 21-32)");
	if (epochdays < 1.0 || epochdays >= 367.0)
		FAIL(TCOP_ERANGE, "line 1 epoch day %.8f outside [1, 367)",
		    epochdays);
	year = yy < 57 ? 2000 + (int)yy : 1900 + (int)yy;
	{
		double jd0, fr0, whole = floor(epochdays);

		jday(year, 1, 1, 0, 0, 0.0, &jd0, &fr0);
		el->jdsatepoch = jd0 + whole - 1.0;
		el->jdsatepochF = epochdays - whole;
	}
	if (!fnum(l1, 34, 43, &el->mean_motion_dot))
		FAIL(TCOP_ECHAR, "line 1 first derivative (columns 34-43)");
	if (!fexp(l1, 45, &el->mean_motion_ddot))
		FAIL(TCOP_ECHAR, "line 1 second derivative (columns 45-52)");
	if (!fexp(l1, 54, &el->bstar))
		FAIL(TCOP_ECHAR, "line 1 BSTAR (columns 54-61)");
	if (l1[62] == ' ')
		el->ephemeris_type = 0;
	else if (l1[62] >= '0' && l1[62] <= '9')
		el->ephemeris_type = l1[62] - '0';
	else
		FAIL(TCOP_ECHAR, "line 1 ephemeris type (column 63)");
	if (!fint(l1, 65, 68, &elnum))
		FAIL(TCOP_ECHAR, "line 1 element set number (columns 65-68)");
	el->element_set_no = (int)elnum;
	if (l1[68] < '0' || l1[68] > '9')
		FAIL(TCOP_ECHAR, "line 1 checksum (column 69) not a digit");
	if (check_sum && tle_checksum(l1) != l1[68] - '0')
		FAIL(TCOP_ECHECKSUM, "line 1 checksum is %c, the line sums to %d",
		    l1[68], tle_checksum(l1));
	return TCOP_OK;
}

static tcop_err
parse_line2(const char *l2, bool check_sum, struct orb_elements *el,
    char why[TLE_WHY_MAX])
{
	uint32_t n2;
	long ecc;

	if (!at(l2, 1, '2') || !at(l2, 2, ' '))
		FAIL(TCOP_EFORMAT, "line 2 does not start with \"2 \"");
	if (!at(l2, 8, ' ') || !at(l2, 12, '.') || !at(l2, 17, ' ') ||
	    !at(l2, 21, '.') || !at(l2, 26, ' ') || !at(l2, 34, ' ') ||
	    !at(l2, 38, '.') || !at(l2, 43, ' ') || !at(l2, 47, '.') ||
	    !at(l2, 52, ' '))
		FAIL(TCOP_EFORMAT, "line 2 columns out of place");
	if (!catno(l2, &n2))
		FAIL(TCOP_ECHAR, "line 2 catalogue number (columns 3-7)");
	if (n2 != el->norad)
		FAIL(TCOP_EFORMAT, "catalogue numbers differ: %u on line 1, "
		    "%u on line 2", el->norad, n2);
	if (!fnum(l2, 9, 16, &el->inclination))
		FAIL(TCOP_ECHAR, "line 2 inclination (columns 9-16)");
	if (!fnum(l2, 18, 25, &el->ra_of_asc_node))
		FAIL(TCOP_ECHAR, "line 2 right ascension (columns 18-25)");
	for (int c = 27; c <= 33; c++)
		if (l2[c - 1] != ' ' && (l2[c - 1] < '0' || l2[c - 1] > '9'))
			FAIL(TCOP_ECHAR, "line 2 eccentricity (columns 27-33)");
	fint(l2, 27, 33, &ecc);
	/* spaces inside the field count as zeros, as python-sgp4 reads it */
	{
		double e = 0.0, scale = 0.1;
		for (int c = 27; c <= 33; c++, scale /= 10)
			if (l2[c - 1] != ' ')
				e += (l2[c - 1] - '0') * scale;
		el->eccentricity = e;
	}
	if (!fnum(l2, 35, 42, &el->arg_of_pericenter))
		FAIL(TCOP_ECHAR, "line 2 argument of perigee (columns 35-42)");
	if (!fnum(l2, 44, 51, &el->mean_anomaly))
		FAIL(TCOP_ECHAR, "line 2 mean anomaly (columns 44-51)");
	if (!fnum(l2, 53, 63, &el->mean_motion))
		FAIL(TCOP_ECHAR, "line 2 mean motion (columns 53-63)");
	if (!fint(l2, 64, 68, &el->rev_at_epoch))
		FAIL(TCOP_ECHAR, "line 2 revolution number (columns 64-68)");
	if (l2[68] < '0' || l2[68] > '9')
		FAIL(TCOP_ECHAR, "line 2 checksum (column 69) not a digit");
	if (check_sum && tle_checksum(l2) != l2[68] - '0')
		FAIL(TCOP_ECHECKSUM, "line 2 checksum is %c, the line sums to %d",
		    l2[68], tle_checksum(l2));
	return TCOP_OK;
}

static bool
printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

tcop_err
tle_parse(const char *name, const char *l1, const char *l2, bool check_sum,
    struct orb_elements *el, char why[TLE_WHY_MAX])
{
	tcop_err rv;
	const char *w;

	memset(el, 0, sizeof(*el));
	why[0] = '\0';
	if (strlen(l1) < 69)
		FAIL(TCOP_ETRUNC, "line 1 has %zu columns, not 69", strlen(l1));
	if (strlen(l2) < 69)
		FAIL(TCOP_ETRUNC, "line 2 has %zu columns, not 69", strlen(l2));
	if (!printable(l1) || !printable(l2))
		FAIL(TCOP_ECHAR, "control or non-ASCII character in the lines");
	if ((rv = parse_line1(l1, check_sum, el, why)) != TCOP_OK)
		return rv;
	if ((rv = parse_line2(l2, check_sum, el, why)) != TCOP_OK)
		return rv;
	if ((rv = orb_check(el, &w)) != TCOP_OK)
		FAIL(rv, "%s", w);
	if (name != NULL) {
		size_t n;

		if (name[0] == '0' && name[1] == ' ')
			name += 2;
		n = strlen(name);
		while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
			n--;
		if (n >= ORB_NAME_MAX)
			n = ORB_NAME_MAX - 1;
		memcpy(el->name, name, n);
		el->name[n] = '\0';
		if (!printable(el->name))
			FAIL(TCOP_ECHAR, "control or non-ASCII character in the "
			    "name line");
	}
	memcpy(el->tle1, l1, 69);
	el->tle1[69] = '\0';
	memcpy(el->tle2, l2, 69);
	el->tle2[69] = '\0';
	orb_set_epoch_ms(el);
	return TCOP_OK;
}

/* ---- whole files ---------------------------------------------------- */

void
tle_reader_init(struct tle_reader *r, const char *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->line = 0;
	r->check_sum = true;
}

/* Read one line into out (cut at LINE_MAX_LEN-1, trailing CR and blanks
 * removed). Returns false at end of buffer. *toolong is set if cut. */
static bool
getline_buf(struct tle_reader *r, char out[LINE_MAX_LEN], bool *toolong)
{
	size_t n = 0;

	*toolong = false;
	if (r->pos >= r->len)
		return false;
	while (r->pos < r->len && r->buf[r->pos] != '\n') {
		char c = r->buf[r->pos++];
		if (n < LINE_MAX_LEN - 1)
			out[n++] = c == '\0' ? '\x01' : c;
		else
			*toolong = true;
	}
	if (r->pos < r->len)
		r->pos++; /* the '\n' */
	r->line++;
	while (n > 0 && (out[n - 1] == '\r' || out[n - 1] == ' ' ||
	    out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
	return true;
}

static bool
is_line(const char *s, char c)
{
	return s[0] == c && s[1] == ' ';
}

/* The next non-blank line; false at end. */
static bool
next_nonblank(struct tle_reader *r, char out[LINE_MAX_LEN], bool *toolong)
{
	while (getline_buf(r, out, toolong))
		if (out[0] != '\0' && out[0] != '#')
			return true;
	return false;
}

tcop_err
tle_next(struct tle_reader *r, struct orb_elements *el, long *lineno,
    char why[TLE_WHY_MAX])
{
	char a[LINE_MAX_LEN], l1[LINE_MAX_LEN], l2[LINE_MAX_LEN];
	const char *name = NULL;
	size_t save_pos;
	long save_line;
	bool toolong, tl1 = false, tl2 = false;

	why[0] = '\0';
	if (!next_nonblank(r, a, &toolong))
		return TCOP_EOF;
	*lineno = r->line;
	if (is_line(a, '2'))
		FAIL(TCOP_EFORMAT, "line 2 without a line 1 before it");
	if (is_line(a, '1')) {
		memcpy(l1, a, sizeof(l1));
		tl1 = toolong;
	} else {
		name = a;
		save_pos = r->pos;
		save_line = r->line;
		if (!next_nonblank(r, l1, &tl1) || !is_line(l1, '1')) {
			r->pos = save_pos;
			r->line = save_line;
			FAIL(TCOP_EFORMAT, "name line not followed by a line 1");
		}
		*lineno = r->line;
	}
	save_pos = r->pos;
	save_line = r->line;
	if (!getline_buf(r, l2, &tl2) || !is_line(l2, '2')) {
		r->pos = save_pos;
		r->line = save_line;
		FAIL(TCOP_EFORMAT, "line 1 not followed by a line 2");
	}
	if (toolong && name != NULL)
		FAIL(TCOP_EFORMAT, "name line too long");
	if (tl1 || tl2)
		FAIL(TCOP_EFORMAT, "line longer than %d characters",
		    LINE_MAX_LEN - 1);
	return tle_parse(name, l1, l2, r->check_sum, el, why);
}
