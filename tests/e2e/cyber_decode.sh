#!/bin/sh
# cyber_decode.sh: `tcop decode eve|stix` on the shared Suricata and STIX
# samples (tests/data/cyber). Every alert's fields are checked against the
# EVE source itself, projected with jq (an independent reader); the asset
# each alert resolves to against the sensor that wrote it (`host`); the
# per-signature counts against the table in tests/data/cyber/README.md;
# the STIX references against what the bundles hold.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/cyber
EVE=$D/suricata_eve_sites.json

check "decode eve --help" sh -c "'$TCOP' decode eve --help | grep -q usage"
check "decode stix --help" sh -c "'$TCOP' decode stix --help | grep -q usage"
check "assets sample in maps/ is the tested one" cmp -s "$D/assets.json" "$TCOP_ROOT/maps/assets.json"

"$TCOP" decode eve --assets "$D/assets.json" "$EVE" > "$T/alerts.json" 2> "$T/eve.err"
check "decode eve exits 0" test $? -eq 0
check "decode eve summary counts lines, alerts, anomalies, other" \
    grep -qx "tcop: decode eve: 855 lines, 86 alerts, 21 from anomalies, 769 other events, 0 bad" "$T/eve.err"

# Independent projection of the source: what each alert must say.
jq -c --slurpfile A "$D/assets.json" '
  def site: {"tcop-port-ot-ids":"yokohama-port-ot",
             "tcop-ground-station-ids":"katsuura-gs",
             "tcop-naval-base-ids":"yokosuka-base"}[.host];
  def pfx: {"yokohama-port-ot":"10.20.","katsuura-gs":"10.30.","yokosuka-base":"10.40."};
  select(.event_type == "alert" or .event_type == "anomaly")
  | site as $s | (pfx[$s]) as $p
  | ($A[0].assets[] | select(.name == $s)) as $a
  | {t: (.timestamp[0:23] + "Z"),
     signature: (if .event_type == "alert" then .alert.signature else .anomaly.event end),
     signature_id: (.alert.signature_id // null),
     severity: (if .event_type == "alert" then .alert.severity else 3 end),
     category: (if .event_type == "alert" then .alert.category else "anomaly: " + .anomaly.type end),
     src_ip: (.src_ip // null), src_port: (.src_port // null),
     dest_ip: (.dest_ip // null), dest_port: (.dest_port // null),
     proto: (.proto // null), flow_id: (.flow_id // null),
     asset: $s, id: ("asset:" + $s),
     asset_via: (if ((.dest_ip // "") | startswith($p)) then "dest"
                 elif ((.src_ip // "") | startswith($p)) then "src" else "host" end),
     lat: $a.lat, lon: $a.lon}' "$EVE" > "$T/expect.jsonl"
jq -c '{t, signature, signature_id, severity, category, src_ip, src_port,
        dest_ip, dest_port, proto, flow_id, asset, id, asset_via, lat, lon}' \
    "$T/alerts.json" > "$T/got.jsonl"
check "86 alerts expected from the source" test "$(wc -l < "$T/expect.jsonl")" -eq 86
if diff "$T/expect.jsonl" "$T/got.jsonl" > "$T/fields.diff"; then
	ok "every alert's fields, asset and position match the EVE source"
else
	notok "every alert's fields, asset and position match the EVE source"
	head -6 "$T/fields.diff"
fi

# The record's own objects ride along unchanged as `eve` (except that a
# string ends at a \u0000, as C strings do: the Modbus payloads have some).
jq -cS 'select(.event_type == "alert" or .event_type == "anomaly")
  | (del(.alert, .anomaly) | with_entries(select(.value | type == "object")))
    + (if .alert.metadata then {metadata: .alert.metadata} else {} end)
  | walk(if type == "string" then (split("\u0000")[0] // "") else . end)' "$EVE" > "$T/eve_expect"
jq -cS '.eve // {}' "$T/alerts.json" > "$T/eve_got"
check "every alert carries its EVE objects unchanged" cmp -s "$T/eve_expect" "$T/eve_got"

# Per-signature counts: the table of tests/data/cyber/README.md.
cat > "$T/sid_expect" <<'TAB'
2200000 3
2200001 3
2200003 3
2200036 3
2200037 3
2210007 3
2221002 1
2230003 2
2240006 1
2250003 2
2250005 2
2250008 4
9000001 6
9000002 4
9000003 4
9000004 7
9000005 2
9000006 4
9000007 1
9000008 3
9000009 2
9000010 2
TAB
jq -r 'select(.signature_id) | .signature_id' "$T/alerts.json" | sort | uniq -c |
    awk '{print $2, $1}' > "$T/sid_got"
check "alerts per signature match the README table" cmp -s "$T/sid_expect" "$T/sid_got"
cat > "$T/anom_expect" <<'TAB'
INVALID_HANDSHAKE_MESSAGE 1
REQUEST_FIELD_MISSING_COLON 1
decoder.ipv4.hlen_too_small 3
decoder.ipv4.pkt_too_small 3
decoder.ipv4.trunc_pkt 3
decoder.tcp.opt_duplicate 3
decoder.tcp.opt_invalid_len 3
stream.3whs_synack_with_wrong_ack 3
z_flag_set 1
TAB
jq -r 'select(.event_type == "anomaly") | .signature' "$T/alerts.json" | LC_ALL=C sort |
    uniq -c | awk '{print $2, $1}' > "$T/anom_got"
check "anomalies per event match the README" cmp -s "$T/anom_expect" "$T/anom_got"

# --wire: tcop/1 messages with seq 1.. per src, and ones tcop's own
# subscriber-side decoder accepts (tcop feed jsonl validates each line).
"$TCOP" decode eve --wire --assets "$D/assets.json" "$EVE" > "$T/wire.txt" 2>/dev/null
check "--wire lines are TOPIC JSON" test "$(grep -c '^cyber/alert {' "$T/wire.txt")" -eq 86
check "--wire seq runs 1..N per src" sh -c "cut -d' ' -f2- '$T/wire.txt' | jq -r '\"\\(.src) \\(.seq)\"' |
    awk '{n[\$1]++; if (\$2 != n[\$1]) bad=1} END {exit bad}'"

# Bad lines: named by file:line and reason, counted, the rest processed.
{ head -3 "$EVE"; echo '{"timestamp":"x","event_type":"alert"'; echo 'not json';
  echo '{"event_type":"alert","timestamp":"2026-03-14T06:00:00.000000+0000"}';
  echo '{"timestamp":"2026-03-14T06:00:00.000000+0000","flow_id":1}'; tail -2 "$EVE"; } > "$T/bad.json"
"$TCOP" decode eve "$T/bad.json" > "$T/bad.out" 2> "$T/bad.err"
check "bad EVE lines do not stop the run" test $? -eq 0
check "bad EVE line 4 is named with its reason" grep -q "bad.json:4: not JSON" "$T/bad.err"
check "bad EVE line 6 is named with its reason" grep -q "bad.json:6: event_type alert without an alert object" "$T/bad.err"
check "bad EVE line 7 is named with its reason" grep -q "bad.json:7: no event_type" "$T/bad.err"
check "bad EVE lines are counted" grep -q "7 other events.*4 bad\|, 4 bad" "$T/bad.err"
check "missing EVE file exits 1" sh -c "! '$TCOP' decode eve '$T/nope.json' 2>/dev/null"
check "bad --assets file exits 1 naming it" sh -c "echo '{\"assets\":[{\"name\":\"x\"}]}' > '$T/a.json';
    ! '$TCOP' decode eve --assets '$T/a.json' '$EVE' 2> '$T/a.err' >/dev/null && grep -q 'a.json:1: asset 0 \"x\": \"kind\" missing' '$T/a.err'"

# STIX: the directory of bundles.
"$TCOP" decode stix --assets "$D/assets.json" "$D/stix" > "$T/stix.json" 2> "$T/stix.err"
check "decode stix exits 0" test $? -eq 0
check "stix: 10 indicators, 6 sightings, 0 unresolved, 0 bad" \
    grep -qx "tcop: decode stix: 10 indicators, 6 sightings, 0 unresolved references, 0 bad" "$T/stix.err"
# Every sighting_of_ref and where_sighted ref in the samples resolves:
# each sighting names what it saw and where.
check "every sighting names what was sighted" \
    test "$(jq -r 'select(.stix_id | startswith("sighting")) | select(.name and .sighting_of_type) | .stix_id' "$T/stix.json" | wc -l)" -eq 6
check "site sightings resolve to their asset and position" sh -c "
    jq -r 'select(.stix_id | startswith(\"sighting\")) | select(.asset) | \"\\(.asset) \\(.count) \\(.lat)\"' '$T/stix.json' |
    sort | tr '\n' ';' | grep -qx 'katsuura-gs 2 35.207;yokohama-port-ot 1 35.4365;yokosuka-base 5 35.29;yokosuka-base 5 35.29;'"
check "without assets a sighting takes its STIX location" sh -c "
    '$TCOP' decode stix '$D/stix/stix_sites_sightings.json' 2>/dev/null | jq -r 'select(.count == 2) | \"\\(.lat) \\(.lon) \\(.location)\"' |
    grep -qx '50.048 -5.182 Ground station site (synthetic)'"
check "OASIS sighting resolves where to the identity" sh -c "
    '$TCOP' decode stix '$D/stix/stix_sighting-of-an-indicator.json' 2>/dev/null |
    jq -r 'select(.count) | \"\\(.where)|\\(.name)\"' | grep -qx 'Beta Cyber Intelligence Company|Malicious URL'"

# References that cannot resolve are reported with file:line, not fatal.
jq '.objects |= map(select(.type != "identity" and .type != "location"))' \
    "$D/stix/stix_sites_sightings.json" > "$T/dangling.json"
"$TCOP" decode stix "$T/dangling.json" > "$T/dangling.out" 2> "$T/dangling.err"
check "dangling references are not fatal" test $? -eq 0
check "dangling references still give the 4 sightings" test "$(grep -c sighting-- "$T/dangling.out")" -eq 4
n_refs=$(jq '[.objects[] | to_entries[] | select(.key | test("_refs?$")) | .value | if type == "array" then .[] else . end
    | select(test("^(identity|location)--"))] | length' "$T/dangling.json")
check "every dangling reference is counted ($n_refs)" grep -q "$n_refs unresolved references" "$T/dangling.err"
check "a dangling reference is named with file:line" \
    grep -q "dangling.json:[1-9][0-9]*: sighting--b2ada96b-d2ff-5b55-8eae-4e9645b50907 where_sighted_refs: reference identity--078db072-3d88-5406-aaa4-ce169d8076f8 not in the bundle" "$T/dangling.err"
# Two versions of one indicator: the newest `modified` is the one sent.
jq '.objects += [(.objects[] | select(.type == "indicator") | select(.name | startswith("C2 domain"))
    | .modified = "2026-03-15T00:00:00.000Z" | .name = "C2 domain (revised)")]' \
    "$D/stix/stix_sites_indicators.json" > "$T/versions.json"
check "the newest version of an object is used" sh -c "'$TCOP' decode stix '$T/versions.json' 2>/dev/null |
    jq -r 'select(.stix_id == \"indicator--db401800-e811-5999-9806-85682a3747dd\") | .name' | grep -qx 'C2 domain (revised)'"
check "not a bundle is reported" sh -c "echo '{\"type\":\"x\"}' | '$TCOP' decode stix - 2>&1 >/dev/null | grep -q '<stdin>:1: not a STIX bundle'"
finish
