/*
 * bits.c: ubits()/sbits(), the bit-field readers of the AIS decoder (see
 * bits.h). A field of up to 32 bits spans at most 5 bytes; we gather only
 * the bytes it touches, so a field ending on the buffer's last byte is
 * read without touching the byte after it.
 */
#include "ais/bits.h"

uint32_t
ubits(const uint8_t *buf, size_t start, unsigned width)
{
	size_t first = start >> 3, last;
	uint64_t acc = 0;
	unsigned nbits;

	if (width == 0)
		return 0;
	last = (start + width - 1) >> 3;
	for (size_t i = first; i <= last; i++)
		acc = (acc << 8) | buf[i];
	nbits = (unsigned)(last - first + 1) * 8;
	acc >>= nbits - (unsigned)(start & 7) - width;
	return (uint32_t)(acc & (width == 32 ? 0xffffffffu :
	    ((UINT64_C(1) << width) - 1)));
}

int32_t
sbits(const uint8_t *buf, size_t start, unsigned width)
{
	uint32_t u = ubits(buf, start, width);

	if (width == 0 || width == 32)
		return (int32_t)u;
	if (u & (UINT32_C(1) << (width - 1)))
		return (int32_t)((int64_t)u - ((int64_t)1 << width));
	return (int32_t)u;
}
