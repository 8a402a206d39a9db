#!/bin/sh
# cyber_bench.sh: EVE lines per second through the whole `tcop decode eve`
# command (read, decode, place on an asset, write tcop/1 JSON lines)
# against jq selecting the same alert and anomaly records from the same
# file. Input: the shared Suricata sample repeated 200 times (171,000
# lines) in bench/out. Prints a Markdown row for bench/run.sh.
set -u
cd "$(dirname "$0")/.." || exit 1
D=tests/data/cyber
big=bench/out/eve_x200.json
mkdir -p bench/out
if [ ! -s "$big" ]; then
	i=0; : > "$big"
	while [ $i -lt 200 ]; do cat "$D/suricata_eve_sites.json" >> "$big"; i=$((i + 1)); done
fi
lines=$(wc -l < "$big")
secs() { # best of 3 wall-clock seconds of "$@"
	best=""
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$@" > /dev/null 2>&1
		e=$(date +%s.%N)
		t=$(awk "BEGIN{print $e - $s}")
		if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
	done
	echo "$best"
}
tcop_s=$(secs ./tcop decode eve -q --assets "$D/assets.json" "$big")
if command -v jq > /dev/null; then
	jq_s=$(secs jq -c 'select(.event_type == "alert" or .event_type == "anomaly")' "$big")
	awk -v n="$lines" -v a="$tcop_s" -v b="$jq_s" 'BEGIN {
	    printf "| cyber | EVE lines/s through `tcop decode eve` (%d lines) | %.0f | jq -c select(alert, anomaly) | %.0f | %.2f |\n",
	        n, n / a, n / b, b / a }'
fi
