#!/bin/sh
# ais_bench.sh: `tcop decode ais` (whole process, JSON out) against
# `gpsdecode -j` (gpsd 3.22) on the same 1,000,000-sentence file, built
# from the real samples in tests/data/maritime, in the same run. Prints
# Markdown rows for bench/run.sh. Each program runs 3 times; the best time
# counts.
set -u
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
big=bench/out/ais_1m.nmea
if [ ! -s "$big" ]; then
	cat tests/data/maritime/*.log tests/data/maritime/*.nmea \
	    tests/data/maritime/*.aivdm | grep -E '^(!|\\)' > bench/out/ais_one.nmea
	awk -v n=1000000 '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' \
	    bench/out/ais_one.nmea > "$big"
fi
n=$(wc -l < "$big")

best() {
	b=""
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" < "$big" > /dev/null 2>&1
		e=$(date +%s.%N)
		t=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f", e - s }')
		if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then
			b=$t
		fi
	done
	echo "$b"
}

tcop_t=$(best ./tcop decode ais --quiet -)
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
tcop_r=$(rate "$n" "$tcop_t")
if command -v gpsdecode > /dev/null 2>&1; then
	gps_t=$(best gpsdecode -j)
	gps_r=$(rate "$n" "$gps_t")
	ratio=$(awk -v a="$tcop_r" -v b="$gps_r" 'BEGIN { printf "%.2f", a / b }')
	echo "| AIS | sentences/s, decode ais vs gpsdecode -j (1M sentences, JSON out, whole process) | $tcop_r | gpsdecode -j $(gpsdecode -V 2>&1 | awk '{print $3}') | $gps_r | $ratio |"
else
	echo "| AIS | sentences/s, decode ais (1M sentences, JSON out, whole process) | $tcop_r | gpsdecode not installed | - | - |"
fi
tw=$(best ./tcop decode ais --quiet --wire -)
echo "| AIS | sentences/s, decode ais --wire (tcop/1 out, statics merged) | $(rate "$n" "$tw") | - | - | - |"
