#!/bin/sh
# run.sh: `make fuzz`: run each libFuzzer target for SECONDS on its seed
# corpus tests/fuzz/corpus/NAME/ and report, one line a target:
#   ok   fuzz_NAME  600 s  1234567 runs  cov 812  corpus 95
#   FAIL fuzz_NAME  crash kept in tests/fuzz/crashes/NAME-crash-<sha1>
# New inputs found go to build/fuzz/corpus/NAME/ (kept between runs, so a
# long campaign can be done in parts; the checked-in seeds stay small).
# A crash, leak, timeout or out-of-memory fails the run; the input that
# caused it is kept in tests/fuzz/crashes/ to become a regression seed.
#
# usage: sh tests/fuzz/run.sh SECONDS build/fuzz/fuzz_NAME...
set -u
cd "$(dirname "$0")/../.." || exit 1
secs=${1:?usage: run.sh SECONDS BINS...}; shift
mkdir -p tests/fuzz/crashes build/fuzz/log
fail=0 total=0
for bin in "$@"; do
	[ -x "$bin" ] || { echo "FAIL $bin: not built"; fail=$((fail + 1)); continue; }
	name=$(basename "$bin"); short=${name#fuzz_}
	seeds=tests/fuzz/corpus/$short
	work=build/fuzz/corpus/$short
	log=build/fuzz/log/$name.log
	mkdir -p "$work"
	start=$(date +%s)
	# shellcheck disable=SC2046
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="tests/fuzz/crashes/$short-" \
		"$work" $( [ -d "$seeds" ] && echo "$seeds" ) > "$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start )); total=$((total + took))
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' "$log" | tail -1)
	corp=$(ls "$work" | wc -l)
	if [ "$rc" -eq 0 ]; then
		printf 'ok   %-14s %5d s  %10s runs  cov %s  corpus %s\n' "$name" "$took" \
			"${runs:-?}" "${cov:-?}" "$corp"
	else
		fail=$((fail + 1))
		kept=$(sed -n 's/.*Test unit written to \(.*\)/\1/p' "$log" | tail -1)
		grep -E 'ERROR|SUMMARY|runtime error' "$log" | head -5
		printf 'FAIL %-14s after %d s; input kept in %s (log %s)\n' "$name" "$took" \
			"${kept:-?}" "$log"
	fi
done
echo "fuzz: $# targets, $total s in all, $fail failed"
[ "$fail" -eq 0 ]
