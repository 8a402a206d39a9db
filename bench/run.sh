#!/bin/sh
# run.sh: `make bench`. Runs every build/rel/bench/*_bench program and every
# bench/*_bench.sh script; each prints Markdown table rows
#   | area | measure | tcop | peer | peer's figure | tcop/peer |
# (a ratio above 1 means tcop is faster or bigger, as the measure says).
# The table goes to stdout and to bench/out/latest.md, with the machine and
# the command, ready to paste into docs/performance.md. Benchmarks are not
# tests: nothing here fails on a timing.
set -u
cd "$(dirname "$0")/.." || exit 1
mkdir -p bench/out
out=bench/out/latest.md
{
	echo "Command: \`make bench\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), gcc $(gcc -dumpversion))"
	echo
	echo "| area | measure | tcop | peer | peer's figure | tcop/peer |"
	echo "|---|---|---|---|---|---|"
} > "$out"
cat "$out"
for b in build/rel/bench/*_bench bench/*_bench.sh; do
	[ -e "$b" ] || continue
	echo "bench: $(basename "$b")" >&2
	case $b in
	*.sh) sh "$b" ;;
	*) "$b" ;;
	esac | grep '^|' | tee -a "$out"
done
echo >&2
echo "table written to $out" >&2
