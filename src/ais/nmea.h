/*
 * nmea.h: one NMEA 0183 AIS sentence (!AIVDM / !AIVDO), framed and checked,
 * and the 6-bit armour of its payload.
 *
 * A line may carry, around the sentence itself:
 *   - an NMEA 4.0 tag block in front:  \s:station,c:1426032000*hh\!AIVDM,...
 *     (c: is UNIX time in seconds, or in milliseconds when it has 13 or more
 *     digits; s: is the source station);
 *   - the USCG N-AIS receiver metadata behind the checksum:
 *     !AIVDM,...*hh,d-109,S2105,t050056.00,...,1325394001
 *     (the last field is the receiver's UNIX time in seconds).
 * Both give the sentence its observation time.
 *
 * Nothing is allocated and nothing is copied: the payload points into the
 * caller's line. Limits: one sentence a line; a tag block's own grouping
 * (g:) is not used, fragments are grouped by the sentence's own fields.
 */
#ifndef TCOP_AIS_NMEA_H
#define TCOP_AIS_NMEA_H

#include "tcop/tcop.h"

#define NMEA_LINE_MAX 1024   /* longer lines are rejected (TCOP_ETOOBIG) */
#define AIS_BITS_MAX 2048    /* a reassembled message, in bits */
#define AIS_BYTES_MAX (AIS_BITS_MAX / 8)

struct nmea_sentence {
	char talker[3];       /* "AI", "BS", "AB", ... NUL-terminated */
	bool own;             /* !..VDO: our own ship's report */
	int nfrag;            /* fragments in the message, 1..9 */
	int frag;             /* this fragment's number, 1..nfrag */
	int seqid;            /* sequential message id 0..9, -1 if empty */
	char channel;         /* 'A', 'B', '1', '2', ..., or 0 if empty */
	const char *payload;  /* borrowed: armoured payload in the line */
	size_t payload_len;
	int fill;             /* fill bits 0..5 */
	tcop_ms t;            /* tag block c: or USCG time; TCOP_MS_NONE */
	char station[24];     /* tag block s: or USCG r field; "" if none */
};

/*
 * Check and split one line (len bytes, trailing CR/LF allowed, not
 * NUL-terminated). Returns TCOP_OK and fills *s, or the reason the line is
 * not a good AIS sentence:
 *   TCOP_EEMPTY        blank line, or a sentence with an empty payload
 *   TCOP_ETOOBIG       line over NMEA_LINE_MAX
 *   TCOP_EUNSUPPORTED  a well-framed NMEA sentence that is not VDM/VDO
 *                      ($GPRMC and the like)
 *   TCOP_EFORMAT       not NMEA; wrong field count; bad fragment numbers;
 *                      junk after the checksum; malformed tag block
 *   TCOP_ETRUNC        a sentence cut short before its fill-bits field
 *   TCOP_ECHECKSUM     checksum missing or wrong (sentence or tag block)
 *   TCOP_ECHAR         a payload character outside the 6-bit armour
 *   TCOP_EFILL         fill bits outside 0..5
 * Lines starting with '#' are comments: TCOP_EEMPTY as well, and callers
 * skip both without counting them.
 */
tcop_err nmea_parse(const char *line, size_t len, struct nmea_sentence *s);

/*
 * De-armour nchars payload characters, appending their 6 bits each to bits
 * at bit offset *nbits (which is advanced). The characters were checked by
 * nmea_parse(). TCOP_ETOOBIG if the result would pass AIS_BITS_MAX.
 */
tcop_err nmea_unarmor(const char *payload, size_t nchars, uint8_t *bits,
    size_t *nbits);

#endif
