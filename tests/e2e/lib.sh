# lib.sh: helpers for the end-to-end tests (sourced, not run).
#   check NAME CMD...     run CMD; print "ok - NAME" or "not ok - NAME"
#   ok NAME / notok NAME  say it directly
#   wait_for SECONDS CMD  poll CMD every 0.1 s until it succeeds
#   free_port             a TCP port on 127.0.0.1 nobody listens on now
#   bg CMD...             start CMD in the background, killed at exit
#   tmpdir                $T, a fresh directory under $TCOP_OUT for this test
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
finish() { [ "$_nfail" -eq 0 ]; exit $?; }
