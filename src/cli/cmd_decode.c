/*
 * cmd_decode.c: `tcop decode KIND [FILE|-] [--wire]`: what an adapter makes
 * of a file, one event's JSON a line, no network. The kinds live in
 * decode_*.c; this is only their table.
 */
#include <stddef.h>

#include "cli/cli.h"

static const struct cli_sub decode_kinds[] = {
	{ "ais", decode_ais, "AIS NMEA 0183 (!AIVDM/!AIVDO) as gpsd-style JSON" },
	{ "tle", decode_tle, "two- and three-line element sets" },
	{ "omm", decode_omm, "CelesTrak OMM JSON element sets" },
	{ "cdm", decode_cdm, "conjunction messages (Space-Track JSON, CCSDS KVN)" },
	{ "eve", decode_eve, "Suricata eve.json alerts and anomalies" },
	{ "stix", decode_stix, "STIX 2.1 bundles: indicators and sightings" },
	{ NULL, NULL, NULL },
};

int
cmd_decode(int argc, char **argv)
{
	return cli_dispatch("decode", decode_kinds, argc, argv);
}
