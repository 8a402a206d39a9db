/*
 * str.c: string helpers every module needs the same way (tcop.h).
 */
#include <string.h>

#include "tcop/tcop.h"

bool
tcop_str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	bool whole = n < size;

	if (!whole) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return whole;
}

void
tcop_str_set(char *dst, size_t size, const char *src)
{
	if (src[0] != '\0')
		(void)tcop_str_copy(dst, size, src);
}
