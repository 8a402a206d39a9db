/*
 * cjget.h: reading an integer out of a parsed cJSON tree the way the cyber
 * adapters (eve.c, stix.c) agree on: a value of the wrong type, not whole
 * or out of range reads as absent (-1), it does not reject the record.
 */
#ifndef TCOP_CYBER_CJGET_H
#define TCOP_CYBER_CJGET_H

#include <stdint.h>

#include <cjson/cJSON.h>

/* it as an integer in [lo, hi]; -1 if it is not a number, not whole or
 * out of range (so lo must be >= 0). it may be NULL. */
int64_t cjget_int(const cJSON *it, double lo, double hi);

#endif
