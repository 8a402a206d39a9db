/*
 * ais.c: AIS binary message decoding, one case per message type, read off
 * the ITU-R M.1371-5 tables with the bit readers of bits.h (see ais.h):
 * ubits_pad()/sbits_pad(), since a payload always has 8 readable bytes
 * past its last bit.
 *
 * Length rules follow gpsd, which learnt them from traffic in the wild: a
 * message shorter than its table is rejected (TCOP_ETRUNC; types 1-3 are
 * taken from 163 bits, with a shorter radio status field), a longer one
 * is decoded from its first bits (some transmitters pad), except where the
 * table leaves no room for doubt (type 21: 272..368 bits; type 27: 96 bits,
 * or a whole 168-bit slot as some transmitters send it; any other length
 * is TCOP_EFORMAT). Type 5 is
 * accepted from 420 bits on, as many transponders send 420 or 422.
 * Text fields stop at the first '@' and lose trailing spaces.
 */
#include <string.h>

#include "ais/ais.h"
#include "ais/bits.h"

/* bits always has 8 readable bytes past its last bit (see ais.h) */
#define UBITS(s, l) ubits_pad(bits, (s), (l))
#define SBITS(s, l) sbits_pad(bits, (s), (l))
#define UCHARS(s, to) sixbit(bits, (s), sizeof(to) - 1, (to))

static const char sixchr[65] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

static void
rtrim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '@'))
		s[--n] = '\0';
}

/* count six-bit characters from bit start, untrimmed; stops at '@'. */
static void
sixbit_raw(const uint8_t *bits, size_t start, size_t count, char *to)
{
	size_t i;

	for (i = 0; i < count; i++) {
		char c = sixchr[ubits_pad(bits, start + 6 * i, 6)];
		if (c == '@')
			break;
		to[i] = c;
	}
	to[i] = '\0';
}

static void
sixbit(const uint8_t *bits, size_t start, size_t count, char *to)
{
	sixbit_raw(bits, start, count, to);
	rtrim(to);
}

static void
decode_t1(const uint8_t *bits, size_t nbits, struct ais_t1 *p)
{
	p->status = UBITS(38, 4);
	p->turn = SBITS(42, 8);
	p->speed = UBITS(50, 10);
	p->accuracy = UBITS(60, 1);
	p->lon = SBITS(61, 28);
	p->lat = SBITS(89, 27);
	p->course = UBITS(116, 12);
	p->heading = UBITS(128, 9);
	p->second = UBITS(137, 6);
	p->maneuver = UBITS(143, 2);
	p->raim = UBITS(148, 1);
	/* 163-bit reports exist in the wild: radio status is what is left */
	p->radio = UBITS(149, nbits >= 168 ? 19 : (unsigned)(nbits - 149));
}

static void
decode_t4(const uint8_t *bits, struct ais_t4 *p)
{
	p->year = UBITS(38, 14);
	p->month = UBITS(52, 4);
	p->day = UBITS(56, 5);
	p->hour = UBITS(61, 5);
	p->minute = UBITS(66, 6);
	p->second = UBITS(72, 6);
	p->accuracy = UBITS(78, 1);
	p->lon = SBITS(79, 28);
	p->lat = SBITS(107, 27);
	p->epfd = UBITS(134, 4);
	p->raim = UBITS(148, 1);
	p->radio = UBITS(149, 19);
}

static void
decode_t5(const uint8_t *bits, size_t nbits, struct ais_t5 *p)
{
	p->ais_version = UBITS(38, 2);
	p->imo = UBITS(40, 30);
	UCHARS(70, p->callsign);
	UCHARS(112, p->shipname);
	p->shiptype = UBITS(232, 8);
	p->to_bow = UBITS(240, 9);
	p->to_stern = UBITS(249, 9);
	p->to_port = UBITS(258, 6);
	p->to_starboard = UBITS(264, 6);
	p->epfd = UBITS(270, 4);
	p->month = UBITS(274, 4);
	p->day = UBITS(278, 5);
	p->hour = UBITS(283, 5);
	p->minute = UBITS(288, 6);
	p->draught = UBITS(294, 8);
	UCHARS(302, p->destination);
	p->dte = nbits >= 423 ? UBITS(422, 1) : 0;
}

static void
decode_t9(const uint8_t *bits, struct ais_t9 *p)
{
	p->alt = UBITS(38, 12);
	p->speed = UBITS(50, 10);
	p->accuracy = UBITS(60, 1);
	p->lon = SBITS(61, 28);
	p->lat = SBITS(89, 27);
	p->course = UBITS(116, 12);
	p->second = UBITS(128, 6);
	p->regional = UBITS(134, 8);
	p->dte = UBITS(142, 1);
	p->assigned = UBITS(146, 1);
	p->raim = UBITS(147, 1);
	p->radio = UBITS(148, 20);
}

/* The position part that types 18 and 19 share. */
static void
decode_t18_common(const uint8_t *bits, struct ais_t18 *p)
{
	p->reserved = UBITS(38, 8);
	p->speed = UBITS(46, 10);
	p->accuracy = UBITS(56, 1);
	p->lon = SBITS(57, 28);
	p->lat = SBITS(85, 27);
	p->course = UBITS(112, 12);
	p->heading = UBITS(124, 9);
	p->second = UBITS(133, 6);
}

static void
decode_t18(const uint8_t *bits, struct ais_t18 *p)
{
	decode_t18_common(bits, p);
	p->regional = UBITS(139, 2);
	p->cs = UBITS(141, 1);
	p->display = UBITS(142, 1);
	p->dsc = UBITS(143, 1);
	p->band = UBITS(144, 1);
	p->msg22 = UBITS(145, 1);
	p->assigned = UBITS(146, 1);
	p->raim = UBITS(147, 1);
	p->radio = UBITS(148, 20);
	p->shipname[0] = '\0';
}

static void
decode_t19(const uint8_t *bits, struct ais_t18 *p)
{
	decode_t18_common(bits, p);
	p->regional = UBITS(139, 4);
	UCHARS(143, p->shipname);
	p->shiptype = UBITS(263, 8);
	p->to_bow = UBITS(271, 9);
	p->to_stern = UBITS(280, 9);
	p->to_port = UBITS(289, 6);
	p->to_starboard = UBITS(295, 6);
	p->epfd = UBITS(301, 4);
	p->raim = UBITS(305, 1);
	p->dte = UBITS(306, 1);
	p->assigned = UBITS(307, 1);
}

static void
decode_t21(const uint8_t *bits, size_t nbits, struct ais_t21 *p)
{
	p->aid_type = UBITS(38, 5);
	sixbit_raw(bits, 43, 20, p->name);
	p->accuracy = UBITS(163, 1);
	p->lon = SBITS(164, 28);
	p->lat = SBITS(192, 27);
	p->to_bow = UBITS(219, 9);
	p->to_stern = UBITS(228, 9);
	p->to_port = UBITS(237, 6);
	p->to_starboard = UBITS(243, 6);
	p->epfd = UBITS(249, 4);
	p->second = UBITS(253, 6);
	p->off_position = UBITS(259, 1);
	p->regional = UBITS(260, 8);
	p->raim = UBITS(268, 1);
	p->virtual_aid = UBITS(269, 1);
	p->assigned = UBITS(270, 1);
	/* name extension: whole characters after bit 272 */
	if (strlen(p->name) == 20 && nbits > 272) {
		size_t n = (nbits - 272) / 6;
		if (n > 14)
			n = 14;
		sixbit_raw(bits, 272, n, p->name + 20);
	}
	rtrim(p->name);
}

/* Auxiliary craft of a mother ship: MMSI 98XXXYYYY. */
static bool
auxiliary_mmsi(uint32_t mmsi)
{
	return mmsi / 10000000 == 98;
}

static tcop_err
decode_t24(const uint8_t *bits, size_t nbits, uint32_t mmsi,
    struct ais_t24 *p, struct ais_pair24 *pair)
{
	switch (UBITS(38, 2)) {
	case 0:
		if (nbits < 160)
			return TCOP_ETRUNC;
		memset(p, 0, sizeof *p);
		p->part = AIS_24_A;
		UCHARS(40, p->shipname);
		if (pair != NULL) {
			unsigned i = pair->next++ % AIS_PAIR24_MAX;
			pair->q[i].mmsi = mmsi;
			memcpy(pair->q[i].shipname, p->shipname,
			    sizeof p->shipname);
		}
		return TCOP_OK;
	case 1:
		if (nbits < 168)
			return TCOP_ETRUNC;
		p->part = AIS_24_B;
		p->shipname[0] = '\0';
		p->shiptype = UBITS(40, 8);
		UCHARS(48, p->vendorid);
		p->model = UBITS(66, 4);
		p->serial = UBITS(70, 20);
		UCHARS(90, p->callsign);
		p->to_bow = p->to_stern = p->to_port = p->to_starboard = 0;
		p->mothership_mmsi = 0;
		if (auxiliary_mmsi(mmsi)) {
			p->mothership_mmsi = UBITS(132, 30);
		} else {
			p->to_bow = UBITS(132, 9);
			p->to_stern = UBITS(141, 9);
			p->to_port = UBITS(150, 6);
			p->to_starboard = UBITS(156, 6);
		}
		for (unsigned i = 0; pair != NULL && i < AIS_PAIR24_MAX; i++) {
			if (pair->q[i].mmsi == mmsi) {
				memcpy(p->shipname, pair->q[i].shipname,
				    sizeof p->shipname);
				pair->q[i].mmsi = 0; /* a repeated B is alone */
				p->part = AIS_24_AB;
				break;
			}
		}
		return TCOP_OK;
	default:
		return TCOP_EFORMAT;
	}
}

static void
decode_t27(const uint8_t *bits, struct ais_t27 *p)
{
	p->accuracy = UBITS(38, 1);
	p->raim = UBITS(39, 1);
	p->status = UBITS(40, 4);
	p->lon = SBITS(44, 18);
	p->lat = SBITS(62, 17);
	p->speed = UBITS(79, 6);
	p->course = UBITS(85, 9);
	p->gnss = UBITS(94, 1);
}

/* The fewest bits each supported type needs; 0: unsupported. */
static const unsigned short min_bits[64] = {
	[1] = 163, [2] = 163, [3] = 163, [4] = 168, [5] = 420, [9] = 168,
	[18] = 168, [19] = 312, [21] = 272, [24] = 160, [27] = 96,
};

tcop_err
ais_decode(const uint8_t *bits, size_t nbits, struct ais_msg *m,
    struct ais_pair24 *pair)
{
	if (nbits < 38)
		return TCOP_EEMPTY;
	m->type = UBITS(0, 6);
	m->repeat = UBITS(6, 2);
	m->mmsi = UBITS(8, 30);
	if (min_bits[m->type] == 0)
		return TCOP_EUNSUPPORTED;
	if (nbits < min_bits[m->type])
		return TCOP_ETRUNC;
	switch (m->type) {
	case 1:
	case 2:
	case 3:
		decode_t1(bits, nbits, &m->u.t1);
		break;
	case 4:
		decode_t4(bits, &m->u.t4);
		break;
	case 5:
		decode_t5(bits, nbits, &m->u.t5);
		break;
	case 9:
		decode_t9(bits, &m->u.t9);
		break;
	case 18:
		decode_t18(bits, &m->u.t18);
		break;
	case 19:
		decode_t19(bits, &m->u.t18);
		break;
	case 21:
		if (nbits > 368)
			return TCOP_ETOOBIG;
		decode_t21(bits, nbits, &m->u.t21);
		break;
	case 24:
		return decode_t24(bits, nbits, m->mmsi, &m->u.t24, pair);
	case 27:
		if (nbits != 96 && nbits != 168)
			return TCOP_EFORMAT;
		decode_t27(bits, &m->u.t27);
		break;
	}
	return TCOP_OK;
}
