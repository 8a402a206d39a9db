/*
 * ais.h: AIS binary messages (ITU-R M.1371-5) decoded into a caller-owned
 * struct, and written out as gpsd-style JSON or as a tcop/1 maritime/track.
 *
 * Fields keep the raw integers of the spec, named as gpsd names them; the
 * scaled values (degrees, knots) are computed where they are written. The
 * "not available" codes stay as sent: lon 181 (108600000 in 1/10000 min),
 * lat 91 (54600000), speed 1023, course 3600, heading 511, turn -128.
 *
 * Types decoded: 1, 2, 3 (class A position), 4 (base station), 5 (static
 * and voyage), 9 (SAR aircraft), 18, 19 (class B position), 21 (aid to
 * navigation), 24 (class B static, parts A and B), 27 (long-range). Any
 * other type is TCOP_EUNSUPPORTED: counted, not an error in the input.
 *
 * Type 24 comes in two messages. As gpsd does, part A's name is kept in a
 * small queue (struct ais_pair24, owned by the caller), and the part B of
 * the same MMSI that follows is returned as the whole record (part
 * AIS_24_AB). A lone part A or B is returned as what it is.
 */
#ifndef TCOP_AIS_AIS_H
#define TCOP_AIS_AIS_H

#include "ais/frag.h"

#define AIS_LON_NA 108600000 /* 181 deg in 1/10000 min */
#define AIS_LAT_NA 54600000  /* 91 deg */
#define AIS_SPEED_NA 1023
#define AIS_COURSE_NA 3600
#define AIS_HEADING_NA 511
#define AIS_TURN_NA (-128)

enum ais_part24 { AIS_24_A = 0, AIS_24_B = 1, AIS_24_AB = 2 };

struct ais_t1 {   /* types 1, 2, 3 */
	unsigned status;
	int turn;         /* ROT_AIS, -128..127 */
	unsigned speed;   /* 1/10 kn */
	bool accuracy;
	int32_t lon, lat; /* 1/10000 min */
	unsigned course;  /* 1/10 deg */
	unsigned heading, second, maneuver;
	bool raim;
	uint32_t radio;
};

struct ais_t4 {   /* type 4 */
	unsigned year, month, day, hour, minute, second;
	bool accuracy;
	int32_t lon, lat;
	unsigned epfd;
	bool raim;
	uint32_t radio;
};

struct ais_t5 {   /* type 5 */
	unsigned ais_version;
	uint32_t imo;
	char callsign[8];
	char shipname[21];
	unsigned shiptype, to_bow, to_stern, to_port, to_starboard, epfd;
	unsigned month, day, hour, minute;
	unsigned draught; /* 1/10 m */
	char destination[21];
	unsigned dte;
};

struct ais_t9 {   /* type 9 */
	unsigned alt;     /* m */
	unsigned speed;   /* kn */
	bool accuracy;
	int32_t lon, lat;
	unsigned course, second, regional, dte;
	bool assigned, raim;
	uint32_t radio;
};

struct ais_t18 {  /* types 18 and 19 */
	unsigned reserved, speed;
	bool accuracy;
	int32_t lon, lat;
	unsigned course, heading, second, regional;
	bool cs, display, dsc, band, msg22, assigned, raim;
	uint32_t radio;
	/* type 19 only */
	char shipname[21];
	unsigned shiptype, to_bow, to_stern, to_port, to_starboard, epfd;
	bool dte;
};

struct ais_t21 {  /* type 21 */
	unsigned aid_type;
	char name[35];    /* 20 characters and up to 14 more */
	bool accuracy;
	int32_t lon, lat;
	unsigned to_bow, to_stern, to_port, to_starboard, epfd, second;
	bool off_position;
	unsigned regional;
	bool raim, virtual_aid, assigned;
};

struct ais_t24 {  /* type 24 */
	enum ais_part24 part;
	char shipname[21];        /* part A */
	unsigned shiptype;        /* part B from here */
	char vendorid[8];
	unsigned model;
	uint32_t serial;
	char callsign[8];
	unsigned to_bow, to_stern, to_port, to_starboard;
	uint32_t mothership_mmsi; /* auxiliary craft (MMSI 98xxxxxxx) */
};

struct ais_t27 {  /* type 27 */
	bool accuracy, raim;
	unsigned status;
	int32_t lon, lat; /* 1/10 min */
	unsigned speed;   /* kn, 63 = n/a */
	unsigned course;  /* deg, 511 = n/a */
	bool gnss;
};

struct ais_msg {
	unsigned type, repeat;
	uint32_t mmsi;
	union {
		struct ais_t1 t1;
		struct ais_t4 t4;
		struct ais_t5 t5;
		struct ais_t9 t9;
		struct ais_t18 t18;
		struct ais_t21 t21;
		struct ais_t24 t24;
		struct ais_t27 t27;
	} u;
};

#define AIS_PAIR24_MAX 64

struct ais_pair24 {
	struct {
		uint32_t mmsi;   /* 0: free */
		char shipname[21];
	} q[AIS_PAIR24_MAX];
	unsigned next;
};

/*
 * Decode a complete message of nbits bits (bits readable for 8 bytes past
 * nbits; struct ais_payload guarantees it). pair may be NULL (type 24 parts
 * then come back unpaired). Returns TCOP_OK, or
 *   TCOP_EEMPTY        fewer than 38 bits: not even an MMSI
 *   TCOP_ETRUNC        shorter than its type needs
 *   TCOP_ETOOBIG       longer than type 21 allows (368 bits)
 *   TCOP_EFORMAT       type 24 part number 2 or 3; type 27 not 96 or 168 bits
 *   TCOP_EUNSUPPORTED  a type we do not decode (m->type, m->mmsi are set)
 */
tcop_err ais_decode(const uint8_t *bits, size_t nbits, struct ais_msg *m,
    struct ais_pair24 *pair);

/* ---- output (ais_json.c) ------------------------------------------------ */

/*
 * gpsd's `gpsdecode -j` object for m (without a newline): field names,
 * order and scaling of gpsd 3.22, with the deliberate differences listed
 * in ais_json.c. device is gpsd's "device" value ("stdin"). Returns the
 * length written (buf is NUL-terminated), or 0 if it does not fit.
 */
size_t ais_json_gpsd(const struct ais_msg *m, const char *device, char *buf,
    size_t size);

/* Static data of a vessel, merged from types 5, 19 and 24. */
struct ais_static {
	char shipname[35];
	char callsign[8];
	uint32_t imo;        /* 0: unknown */
	int shiptype;        /* -1: unknown */
	int to_bow, to_stern, to_port, to_starboard; /* -1 */
	char destination[21];
};

void ais_static_init(struct ais_static *st);
/* Fold what m says about its vessel into st; true if m had static data. */
bool ais_static_merge(struct ais_static *st, const struct ais_msg *m);

/* The common fields of a tcop/1 event, for ais_json_wire(). */
struct ais_wire {
	tcop_ms t;
	const char *src;
	int64_t seq;
	bool via_satellite;
};

/*
 * The JSON of the maritime/track event for m (no topic, no newline): the
 * common fields, lat/lon when the position is available, gpsd's names for
 * the kinematics, and st's fields when st is not NULL. Returns the length,
 * or 0 if m has nothing for a track (types 4, 21: not vessels; a lone type
 * 24 part A is still a track) or it does not fit.
 */
size_t ais_json_wire(const struct ais_msg *m, const struct ais_static *st,
    const struct ais_wire *w, char *buf, size_t size);

/* True if m is about a vessel (a track): not a base station (4) or an
 * aid to navigation (21), and with an MMSI. */
bool ais_is_vessel(const struct ais_msg *m);

/* Position of m in degrees if it has one and it is available. */
bool ais_position(const struct ais_msg *m, double *lat, double *lon);

#endif
