/*
 * cjget.c: the integer getter over cJSON trees for the cyber adapters
 * (cjget.h). It only reads the tree; nothing is allocated.
 */
#include <math.h>

#include "cyber/cjget.h"

int64_t
cjget_int(const cJSON *it, double lo, double hi)
{
	if (cJSON_IsNumber(it) && it->valuedouble == floor(it->valuedouble) &&
	    it->valuedouble >= lo && it->valuedouble <= hi)
		return (int64_t)it->valuedouble;
	return -1;
}
