# lib.sh: helpers for the end-to-end tests (sourced, not run).
#   check NAME CMD...     run CMD; print "ok - NAME" or "not ok - NAME"
#   ok NAME / notok NAME  say it directly
#   wait_for SECONDS CMD  poll CMD every 0.1 s until it succeeds
#   free_port             a TCP port on 127.0.0.1 nobody listens on now
#   bg CMD...             start CMD in the background, killed at exit
#   tmpdir                $T, a fresh directory under $TCOP_OUT for this test
#   tls_certs [NAME...]   a throwaway openssl CA "ca" with certificates
#                         "server" and "client" for 127.0.0.1 in $T, and
#                         $SRV / $CLI, the tcop options that use them;
#                         mkca NAME / mkcert CA NAME make more
#   tmux_private NAME     a private tmux server ($SOCK) for this test,
#                         killed at exit; tm CMD... runs tmux on it
#   pane_has WIN RE / pane_hasnt WIN RE   whether tmux window WIN shows RE
# $TCOP is the binary under test, $TCOP_DATA the checked-in test data.
set -u
: "${TCOP:?run through tests/run.sh}"
T="$TCOP_OUT/$(basename "$0" .sh)"
rm -rf "$T" && mkdir -p "$T"
_bg_pids=""
_nfail=0

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; _nfail=$((_nfail + 1)); }
check() {
	_name=$1; shift
	if "$@"; then ok "$_name"; else notok "$_name"; fi
}
wait_for() {
	_t=$1; shift
	_n=$(awk "BEGIN{print int($_t*10)}")
	while [ "$_n" -gt 0 ]; do
		if "$@" 2>/dev/null; then return 0; fi
		sleep 0.1
		_n=$((_n - 1))
	done
	return 1
}
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
bg() {
	"$@" &
	_bg_pids="$_bg_pids $!"
	BG_PID=$!
}
_cleanup() {
	for p in $_bg_pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
}
trap _cleanup EXIT INT TERM

# mkca NAME: a self-signed CA; mkcert CA NAME: a certificate signed by CA
mkca() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" \
		-keyout "$T/$1.key" -out "$T/$1.pem" 2>/dev/null
}
mkcert() {
	printf 'subjectAltName=DNS:127.0.0.1,DNS:localhost,IP:127.0.0.1\n' > "$T/$2.ext"
	openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
		-keyout "$T/$2.key" -out "$T/$2.csr" 2>/dev/null &&
	openssl x509 -req -in "$T/$2.csr" -CA "$T/$1.pem" -CAkey "$T/$1.key" \
		-CAcreateserial -days 2 -extfile "$T/$2.ext" -out "$T/$2.pem" 2>/dev/null
}
tls_certs() {
	command -v openssl > /dev/null ||
		{ echo "not ok - openssl is installed"; exit 1; }
	mkca ca && mkcert ca server && mkcert ca client
	SRV="--cert $T/server.pem --key $T/server.key --ca $T/ca.pem"
	CLI="--cert $T/client.pem --key $T/client.key --ca $T/ca.pem"
}

tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
tmux_private() {
	SOCK="tcop-$1-$$"
	trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM
}
pane_has() { tm capture-pane -p -t "$1" | grep -q -- "$2"; }
pane_hasnt() { ! pane_has "$@"; }

finish() { [ "$_nfail" -eq 0 ]; exit $?; }
