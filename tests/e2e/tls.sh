#!/bin/sh
# tls.sh: tls+tcp:// end to end with a throwaway CA and certificates made
# with openssl (lib.sh's tls_certs, and a second CA): a publisher
# requiring client certificates delivers to a recorder holding one; a
# subscriber without a certificate, one with a certificate from another
# CA, a plain tcp:// dial and a client that does not trust the server's CA
# all get nothing; replay and relay take the same options on both sides.
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
tls_certs && mkca otherca && mkcert otherca rogue
check "openssl made a CA and three certificates" \
	test -s "$T/server.pem" -a -s "$T/client.pem" -a -s "$T/rogue.pem"

python3 "$here/gen_events.py" 2000 > "$T/events.txt"

# ---- mutual TLS: the holder of a client certificate gets everything ------
url="tls+tcp://127.0.0.1:$(free_port)"
# shellcheck disable=SC2086
bg "$TCOP" record --feed "$url" $CLI --out "$T/good.txt" --count 2000 --idle 20 2> "$T/good.err"
rec=$BG_PID
# shellcheck disable=SC2086
"$TCOP" feed jsonl --listen "$url" $SRV --require-client-cert --wait-subscribers 1 \
	--linger 1 "$T/events.txt" 2> "$T/pub.err"
wait $rec
check "a client certificate signed by the CA receives all 2000 over TLS" \
	grep -q "received 2000, recorded 2000, lost 0" "$T/good.err"

# ---- refused subscribers: each gets nothing while a good one gets all -----
url="tls+tcp://127.0.0.1:$(free_port)"
plain="tcp://127.0.0.1:${url##*:}"
# shellcheck disable=SC2086
bg "$TCOP" record --feed "$url" --ca "$T/ca.pem" --out "$T/nocert.txt" --idle 4 2> "$T/nocert.err"; p1=$BG_PID
bg "$TCOP" record --feed "$url" --cert "$T/rogue.pem" --key "$T/rogue.key" --ca "$T/ca.pem" \
	--out "$T/rogue.txt" --idle 4 2> "$T/rogue.err"; p2=$BG_PID
bg "$TCOP" record --feed "$plain" --out "$T/plain.txt" --idle 4 2> "$T/plain.err"; p3=$BG_PID
bg "$TCOP" record --feed "$url" --cert "$T/client.pem" --key "$T/client.key" --ca "$T/otherca.pem" \
	--out "$T/wrongca.txt" --idle 4 2> "$T/wrongca.err"; p4=$BG_PID
# shellcheck disable=SC2086
bg "$TCOP" record --feed "$url" $CLI --out "$T/good2.txt" --count 2000 --idle 20 2> "$T/good2.err"; p5=$BG_PID
sleep 1
# shellcheck disable=SC2086
"$TCOP" feed jsonl --listen "$url" $SRV --require-client-cert --wait-subscribers 1 \
	--rate 1000 --linger 1 "$T/events.txt" 2> "$T/pub2.err"
wait $p1 $p2 $p3 $p4 $p5
check "the good subscriber beside the refused ones gets all 2000" \
	grep -q "received 2000, recorded 2000" "$T/good2.err"
check "a subscriber without a client certificate is refused (nothing received)" \
	grep -q "received 0, recorded 0" "$T/nocert.err"
check "a client certificate from another CA is refused" \
	grep -q "received 0, recorded 0" "$T/rogue.err"
check "plain tcp:// to a TLS listener gets nothing" \
	grep -q "received 0, recorded 0" "$T/plain.err"
check "a client that does not trust the server's CA gets nothing" \
	grep -q "received 0, recorded 0" "$T/wrongca.err"
check "the publisher saw exactly one subscriber" sh -c "! grep -q 'waiting for 2' '$T/pub2.err'"

# ---- replay and relay over TLS on both sides ------------------------------
up="tls+tcp://127.0.0.1:$(free_port)" down="tls+tcp://127.0.0.1:$(free_port)"
head -n 500 "$T/good.txt" > "$T/cap.txt"
# shellcheck disable=SC2086
bg "$TCOP" relay --feed "$up" --listen "$down" $SRV --require-client-cert \
	--feed-cert "$T/client.pem" --feed-key "$T/client.key" --feed-ca "$T/ca.pem" \
	--wait-subscribers 1 --releasable-to JPN --max-cls U 2> "$T/relay.err"; relay=$BG_PID
# shellcheck disable=SC2086
bg "$TCOP" record --feed "$down" $CLI --out "$T/relayed.txt" --count 500 --idle 20 2> "$T/relayed.err"; rec=$BG_PID
# shellcheck disable=SC2086
"$TCOP" replay --listen "$up" $SRV --require-client-cert --wait-subscribers 1 \
	--speed max --linger 1 "$T/cap.txt" 2> "$T/replay.err"
wait $rec
kill -TERM $relay; wait $relay
check "replay -> relay -> record, TLS with client certificates at each hop: all 500" \
	grep -q "received 500, recorded 500, lost 0" "$T/relayed.err"

# ---- configuration errors are clear -----------------------------------------
"$TCOP" feed jsonl --listen "tls+tcp://127.0.0.1:$(free_port)" "$T/events.txt" 2> "$T/nokey.err"
check "a TLS listener without --cert fails (exit 1)" test $? -eq 1
check "... saying it needs --cert and --key" grep -q "needs --cert and --key" "$T/nokey.err"
"$TCOP" feed jsonl --listen "tls+tcp://127.0.0.1:$(free_port)" --cert "$T/server.pem" \
	--key "$T/nosuch.key" "$T/events.txt" 2> "$T/badkey.err"
check "an unreadable key file is named" grep -q "nosuch.key" "$T/badkey.err"
finish
