#!/bin/sh
# view_valgrind.sh: a view -> quit cycle of the release build (not the
# sanitizer one: valgrind and ASan do not mix) under valgrind's memcheck
# in a private tmux server: `tcop view` loads a small capture (ships, an
# alert, a jamming area, the ISS and a conjunction) and subscribes to a
# feed, draws, opens a list and a detail, then q. valgrind must report no
# error and no definite leak (--errors-for-leak-kinds=definite
# --error-exitcode=9; only definite leaks are shown, so the log stays
# empty: the thread stacks nng still holds at exit are "possibly lost").
# The release binary is make's build/rel/tcop (`make check` builds it;
# built here if missing).
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
command -v valgrind >/dev/null || { ok "valgrind not installed: skipped"; finish; }
ROOT=${TCOP_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
REL=$ROOT/build/rel/tcop
[ -x "$REL" ] || make -C "$ROOT" -s build/rel/tcop > "$T/make.log" 2>&1
check "the release build exists" test -x "$REL"
SOCK="tcop-vg-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
has() { tm capture-pane -p -t v | grep -q -- "$1"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM

awk '{print "2026-11-26T23:00:30.000Z " $0}' "$TCOP_DATA/view/events.txt" > "$T/cap.txt"
url="ipc://$T/feed.ipc"
bg "$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --linger 60 -q \
    "$TCOP_DATA/view/events.txt" 2> "$T/feed.err"
tm new-session -d -x 120 -y 40 -s v \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen TCOP_MAPS='$ROOT/maps' valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=9 --log-file='$T/vg.log' '$REL' view --no-mouse --replay '$T/cap.txt' --feed '$url' --region tsushima 2>'$T/view.err'; echo \$? > '$T/rc'; sleep 60"
check "under valgrind the screen comes up" wait_for 30 has "INCIDENTS 1"
check "the feed connects" wait_for 15 has "feed.ipc up"
tm send-keys -t v T
check "T lists the tracks" wait_for 10 has "TRACKS 2"
tm send-keys -t v Enter
check "Enter opens the detail" wait_for 10 has 'KAIYO MARU'
tm send-keys -t v S
check "S lists the satellites" wait_for 10 has "SATELLITES 1"
tm send-keys -t v q
check "q quits under valgrind (exit 0, not valgrind's 9)" \
    wait_for 30 sh -c "test \"\$(cat '$T/rc' 2>/dev/null)\" = 0"
check "valgrind ran (its log exists)" test -f "$T/vg.log"
check "valgrind reports no error and no definite leak" test ! -s "$T/vg.log"
[ -s "$T/vg.log" ] && head -40 "$T/vg.log"
finish
