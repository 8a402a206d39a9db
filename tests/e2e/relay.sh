#!/bin/sh
# relay.sh: `tcop relay` end to end: a capture with every mix of markings
# (tests/e2e/relay_mix.py, which also computes the expected set from the
# rules in docs/security.md) replayed through a filtering relay into a
# recorder gives exactly the expected events and nothing unmarked; without
# a filter everything passes with src and seq unchanged; two relays chain;
# the relay's counts on exit and on SIGUSR1; usage errors.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")

# run_relay NAME REL MAXCLS [relay options...]: replay the mix through one relay
run_relay() {
	name=$1 rel=$2 maxcls=$3; shift 3
	python3 "$here/relay_mix.py" "$T/$name.cap" "$T/$name.exp" "$rel" "$maxcls"
	up="ipc://$T/$name-up.ipc" down="ipc://$T/$name-down.ipc"
	bg "$TCOP" relay --feed "$up" --listen "$down" --wait-subscribers 1 "$@" \
		2> "$T/$name-relay.err"
	relay=$BG_PID
	bg "$TCOP" record --feed "$down" --out "$T/$name-rec.txt" --idle 30 2> "$T/$name-rec.err"
	rec=$BG_PID
	"$TCOP" replay --listen "$up" --wait-subscribers 1 --speed max --linger 1 \
		"$T/$name.cap" 2> "$T/$name-replay.err"
	sleep 0.5
	kill -TERM $rec
	wait $rec
	kill -TERM $relay
	wait $relay
	relay_rc=$?
	sed -n 's/.*"id":"\(ev:[0-9]*\)".*/\1/p' "$T/$name-rec.txt" | sort > "$T/$name.got"
	sort "$T/$name.exp" > "$T/$name.want"
}

run_relay jpn JPN S --releasable-to JPN --max-cls S
n=$(wc -l < "$T/jpn.want")
check "relay --releasable-to JPN --max-cls S passes exactly the expected $n" \
	cmp -s "$T/jpn.got" "$T/jpn.want"
check "nothing unmarked passed the filter" sh -c "! grep -v '\"cls\"' '$T/jpn-rec.txt'"
check "nothing above S passed" sh -c "! grep -q '\"cls\":\"TS\"' '$T/jpn-rec.txt'"
check "relay exits 0 on SIGTERM" test "$relay_rc" -eq 0
check "relay reports received 396, forwarded $n" \
	grep -q "received 396, forwarded $n, dropped $((396 - n))" "$T/jpn-relay.err"
check "relay counts unmarked drops (66)" grep -q "unmarked (no cls) 66" "$T/jpn-relay.err"
check "relay counts events without rel" grep -q "no rel [1-9]" "$T/jpn-relay.err"

run_relay fvey FVEY TS --releasable-to FVEY
check "relay --releasable-to FVEY: FVEY and its five members both count" \
	cmp -s "$T/fvey.got" "$T/fvey.want"
run_relay gbr GBR,USA C --releasable-to GBR,USA --max-cls C
check "relay --releasable-to GBR,USA --max-cls C passes the expected set" \
	cmp -s "$T/gbr.got" "$T/gbr.want"

run_relay all USA TS
check "an unfiltered relay forwards all 396 well-formed events" \
	test "$(wc -l < "$T/all-rec.txt")" -eq 396
check "an unfiltered relay keeps the bytes, src and seq" \
	sh -c "cut -d' ' -f2- '$T/all.cap' > '$T/a' && cut -d' ' -f2- '$T/all-rec.txt' > '$T/b' && cmp -s '$T/a' '$T/b'"

# ---- two relays in a chain: JPN filter behind an unfiltered site relay -----
python3 "$here/relay_mix.py" "$T/chain.cap" "$T/chain.exp" JPN TS
up="ipc://$T/c-up.ipc" mid="tcp://127.0.0.1:$(free_port)" down="ipc://$T/c-down.ipc"
bg "$TCOP" relay --feed "$up" --listen "$mid" --wait-subscribers 1 2> "$T/c1.err"; r1=$BG_PID
bg "$TCOP" relay --feed "$mid" --listen "$down" --wait-subscribers 1 --releasable-to JPN 2> "$T/c2.err"; r2=$BG_PID
bg "$TCOP" record --feed "$down" --out "$T/chain-rec.txt" --idle 30 2>/dev/null; rec=$BG_PID
"$TCOP" replay --listen "$up" --wait-subscribers 1 --speed max --linger 1 "$T/chain.cap" 2>/dev/null
sleep 0.5
kill -TERM $rec
wait $rec
kill -USR1 $r2; sleep 0.3
check "SIGUSR1 prints the counts" grep -q "tcop relay: received 396" "$T/c2.err"
kill -INT $r1 $r2; wait $r1 $r2
sed -n 's/.*"id":"\(ev:[0-9]*\)".*/\1/p' "$T/chain-rec.txt" | sort > "$T/chain.got"
sort "$T/chain.exp" > "$T/chain.want"
check "two chained relays (tcp then ipc) deliver the JPN set" cmp -s "$T/chain.got" "$T/chain.want"

# ---- usage --------------------------------------------------------------------
"$TCOP" relay --feed ipc://x --listen ipc://y --max-cls SECRET 2>/dev/null
check "a bad --max-cls exits 2" test $? -eq 2
"$TCOP" relay --feed ipc://x --listen ipc://y --releasable-to jpn 2>/dev/null
check "a lower-case --releasable-to exits 2" test $? -eq 2
"$TCOP" relay --listen ipc://y 2>/dev/null
check "no --feed exits 2" test $? -eq 2
timeout 20 "$TCOP" relay --feed bogus --listen ipc://y 2> "$T/u1.err"
check "a --feed that is not a URL exits 2, naming it" sh -c \
    "test $? -eq 2 && grep -q \"^tcop relay: --feed wants an nng URL, not 'bogus'\" '$T/u1.err'"
timeout 20 "$TCOP" relay --ingest :: --listen ipc://y 2> "$T/u2.err"
check "an --ingest that is not a URL exits 2, naming it" sh -c \
    "test $? -eq 2 && grep -q \"^tcop relay: --ingest wants an nng URL, not '::'\" '$T/u2.err'"
set -- $(seq 1 65 | sed 's|.*|--feed ipc://f&|')
timeout 20 "$TCOP" relay "$@" --listen ipc://y 2> "$T/u3.err"
check "a 65th --feed exits 2" sh -c \
    "test $? -eq 2 && grep -q '^tcop relay: at most 64 feeds' '$T/u3.err'"
finish
