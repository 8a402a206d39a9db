/*
 * bits.h: big-endian bit-field extraction from a byte buffer, the way the
 * ITU-R M.1371 message tables number their bits (bit 0 is the most
 * significant bit of byte 0).
 *
 * The AIS decoder reads every field through these two functions so that its
 * code reads like the spec table (lon = SBITS(61, 28)). They never read
 * past byte (start + width - 1) / 8: callers check the message length
 * first, and the buffer must hold at least that many bytes.
 * Widths are 1..32; a zero width gives 0.
 */
#ifndef TCOP_AIS_BITS_H
#define TCOP_AIS_BITS_H

#include <stddef.h>
#include <stdint.h>

/* The unsigned value of bits [start, start + width) of buf. */
uint32_t ubits(const uint8_t *buf, size_t start, unsigned width);

/* The same bits read as a two's complement signed value. */
int32_t sbits(const uint8_t *buf, size_t start, unsigned width);

/*
 * The same two, for buffers known to be readable for 8 bytes from byte
 * start / 8 (struct ais_payload keeps 8 bytes of padding for this): one
 * unaligned 64-bit load instead of a byte loop. Width 1..32.
 */
static inline uint32_t
ubits_pad(const uint8_t *buf, size_t start, unsigned width)
{
	uint64_t x;

	__builtin_memcpy(&x, buf + (start >> 3), 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return (uint32_t)((x << (start & 7)) >> (64 - width));
}

static inline int32_t
sbits_pad(const uint8_t *buf, size_t start, unsigned width)
{
	uint64_t x;

	__builtin_memcpy(&x, buf + (start >> 3), 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	/* arithmetic shift of the field moved to the top */
	return (int32_t)((int64_t)(x << (start & 7)) >> (64 - width));
}

#endif
