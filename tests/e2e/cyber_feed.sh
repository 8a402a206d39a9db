#!/bin/sh
# cyber_feed.sh: `tcop feed cyber` with every input at once (EVE, a
# directory of STIX bundles, GNSS interference reports, the asset
# inventory) publishes each event once, as tcop/1 that a subscriber
# (`tcop record`) accepts; usage errors exit 2.
. "$(dirname "$0")/lib.sh"
D=$TCOP_DATA/cyber
URL="ipc://$T/feed.ipc"

check "feed cyber --help" sh -c "'$TCOP' feed cyber --help | grep -q -- --follow"
check "feed cyber without inputs is a usage error" sh -c "'$TCOP' feed cyber --listen '$URL' 2>/dev/null; test \$? -eq 2"
check "--follow without --eve is a usage error" sh -c "'$TCOP' feed cyber --listen '$URL' --stix '$D/stix' --follow 2>/dev/null; test \$? -eq 2"

bg "$TCOP" record --feed "$URL" --out "$T/cap" --idle 15 2> "$T/record.err"
REC=$BG_PID
timeout 120 "$TCOP" feed cyber --listen "$URL" --wait-subscribers 1 --linger 1 \
    --eve "$D/suricata_eve_sites.json" --stix "$D/stix" \
    --interference "$D/interference.jsonl" --assets "$D/assets.json" 2> "$T/feed.err"
check "feed cyber exits 0" test $? -eq 0
wait "$REC" 2>/dev/null
cut -d' ' -f2 "$T/cap" | sort | uniq -c | awk '{print $2, $1}' > "$T/topics"
printf 'cyber/alert 86\ncyber/indicator 10\ncyber/interference 4\ncyber/sighting 6\n' > "$T/want"
check "every event published once, by topic" cmp -s "$T/want" "$T/topics"
check "the subscriber rejected nothing" grep -q "rejected 0," "$T/record.err"
check "interference areas keep their shape" sh -c "grep ' cyber/interference ' '$T/cap' | cut -d' ' -f3- |
    jq -r '\"\\(.id) \\(.what // \"-\") \\(.radius_m // (.area | length)) \\(.clear // false)\"' | tr '\n' ';' |
    grep -qx 'area:jam-0001 gnss-jamming 25000 false;area:spoof-0002 gnss-spoofing 5 false;area:jam-0003 gnss-jamming 40000 false;area:jam-0001 - 0 true;'"
check "seq runs 1..N per src" sh -c "cut -d' ' -f3- '$T/cap' | jq -r '\"\\(.src) \\(.seq)\"' |
    awk '{n[\$1]++; if (\$2 != n[\$1]) bad=1} END {exit bad}'"
check "a ground-station alert is on the map at the station" sh -c "grep ' cyber/alert ' '$T/cap' | cut -d' ' -f3- |
    jq -r 'select(.asset == \"katsuura-gs\") | \"\\(.lat) \\(.lon)\"' | sort -u | grep -qx '35.207 140.3'"
finish
