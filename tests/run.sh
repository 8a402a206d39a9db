#!/bin/sh
# run.sh: every test tcop has, in one run, ending with the line CI reads:
#   N passed, N failed
# - unit tests: build/san/tests/*_test (cmocka; their own summaries are
#   summed: each test case counts once);
# - end-to-end tests: tests/e2e/*.sh, each printing "ok - NAME" or
#   "not ok - NAME" per check (a script that exits non-zero without saying
#   "not ok" counts as one failure);
# - fuzz smoke: every build/fuzz/fuzz_* for a few seconds on its seeds.
# Everything runs with ASan+UBSan. Each program or script is stopped after
# TEST_TIMEOUT seconds (default 300) and counted as failed, so a hang can
# never hold up the run. TCOP is the binary under test; tests
# write only under tests/out/. Pass names (globs) to run a subset:
#   sh tests/run.sh event_test e2e_record
set -u
cd "$(dirname "$0")/.." || exit 1
root=$(pwd)
export TCOP="$root/build/san/tcop"
export TCOP_ROOT="$root"
export TCOP_DATA="$root/tests/data"
export TCOP_OUT="$root/tests/out"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LANG=C LC_ALL=C
mkdir -p "$TCOP_OUT"

pass=0 fail=0 failed=""
selected() {
	name=$1; shift
	[ -z "$filter" ] && return 0
	for f in $filter; do
		case $name in $f) return 0 ;; esac
	done
	return 1
}
filter="$*"

# tally EXCERPT: count test $name's $p passes and $f failures (exit status
# $rc without a reported failure is one), print its line, and on failure
# the lines of its output $out that the function EXCERPT picks.
tally() {
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	end=$(date +%s)
	if [ "$f" -ne 0 ]; then
		failed="$failed $name"
		printf '%s\n' "$out" | "$1"
		echo "FAIL $name ($p passed, $f failed, $((end - start))s)"
	else
		echo "ok   $name ($p passed, $((end - start))s)"
	fi
}
unit_excerpt() { grep -E 'FAIL|ERROR|error|Sanitizer|runtime error' | head -20; }
e2e_excerpt() { grep -v '^ok - ' | tail -25; }
log="$TCOP_OUT/run.log"
: > "$log"

for t in build/san/tests/*_test; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	selected "$name" || continue
	start=$(date +%s)
	out=$(timeout -k 10 "${TEST_TIMEOUT:-300}" "$t" 2>&1); rc=$?
	[ "$rc" -eq 124 ] && out="$out
TIMEOUT: $name did not finish in ${TEST_TIMEOUT:-300} s"
	printf '%s\n' "$out" >> "$log"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	p=${p:-0}; f=${f:-0}
	tally unit_excerpt
done

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	[ "$name" = lib ] && continue
	selected "$name" || continue
	start=$(date +%s)
	out=$(timeout -k 10 "${TEST_TIMEOUT:-300}" sh "$t" 2>&1); rc=$?
	[ "$rc" -eq 124 ] && out="$out
not ok - $name did not finish in ${TEST_TIMEOUT:-300} s"
	printf '== %s\n%s\n' "$name" "$out" >> "$log"
	p=$(printf '%s\n' "$out" | grep -c '^ok - ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok - ')
	tally e2e_excerpt
done

if [ -z "$filter" ] || selected fuzz; then
	for t in build/fuzz/fuzz_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		corpus="tests/fuzz/corpus/${name#fuzz_}"
		mkdir -p "$TCOP_OUT/fuzz/$name"
		if "$t" -max_total_time="${FUZZ_SMOKE_SECONDS:-4}" -rss_limit_mb=2048 \
		    "$TCOP_OUT/fuzz/$name" $( [ -d "$corpus" ] && echo "$corpus" ) \
		    > "$TCOP_OUT/fuzz/$name.log" 2>&1; then
			pass=$((pass + 1)); echo "ok   $name (fuzz smoke)"
		else
			fail=$((fail + 1)); failed="$failed $name"
			tail -30 "$TCOP_OUT/fuzz/$name.log"
			echo "FAIL $name (fuzz smoke)"
		fi
	done
fi

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
