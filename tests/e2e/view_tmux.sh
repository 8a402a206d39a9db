#!/bin/sh
# view_tmux.sh: `tcop view` in a real terminal (a private tmux server), fed
# by `tcop feed jsonl`: what an operator sees at 120x40 in braille and at
# 80x24 on a plain vt100 in ASCII; zoom, pan, region jump, help, search,
# detail, resize; and the terminal back in its own mode (`stty -g` before
# and after, inside the pane) after q and after SIGTERM.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK0="tcop-view-$$"
SOCK=$SOCK0
EV="$TCOP_DATA/view/events.txt"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
has() { shot | grep -q -- "$1"; }
hasnt() { ! shot | grep -q -- "$1"; }
cleanup_tmux() { for s in big term crash vt100 rate replay; do tmux -L "$SOCK0-$s" kill-server 2>/dev/null; done; }
trap 'cleanup_tmux; _cleanup' EXIT INT TERM

cat > "$T/inner.sh" <<'IN'
#!/bin/sh
# $1 dir, $2 feed URL, rest: options for tcop view
d=$1; url=$2; shift 2
stty -g > "$d/before"
"$TCOP" view --feed "$url" --no-mouse "$@" </dev/tty 2>"$d/view.err" &
echo $! > "$d/pid"
wait $!
echo $? > "$d/rc"
stty -g > "$d/after"
echo VIEW-DONE
IN

# start DIR W H ENV... -- VIEW-OPTIONS...: a feed and a viewer in a pane.
start() {
	d=$1 w=$2 h=$3; shift 3
	mkdir -p "$d"
	url="ipc://$d/feed.ipc"
	bg "$TCOP" feed jsonl --listen "$url" --wait-subscribers 1 --linger 60 \
		-q "$EV" 2> "$d/feed.err"
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	tm kill-server 2>/dev/null
	SOCK="$SOCK0-$(basename "$d")"
	tm new-session -d -x "$w" -y "$h" -s v \
		"env TCOP='$TCOP' ASAN_OPTIONS='$ASAN_OPTIONS' $envs sh '$T/inner.sh' '$d' '$url' $*; sleep 30"
}

# ---- 120x40, UTF-8: braille map, events, banner, health -------------------
D="$T/big"
start "$D" 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen -- --region tsushima
check "120x40: the screen comes up with the incidents list first" \
	wait_for 15 has "INCIDENTS 1"
check "120x40: the dark contact is a dark-vessel incident" has "high dark-vessel *open"
tm send-keys -t v E
check "120x40: E shows the events received" wait_for 5 has "EVENTS 8"
shot > "$D/first.txt"
check "120x40: banner shows the highest marking, REL TO in order" \
	sh -c "head -1 '$D/first.txt' | grep -q 'CONFIDENTIAL//REL TO USA, JPN' &&
	       tail -1 '$D/first.txt' | grep -q 'CONFIDENTIAL//REL TO USA, JPN'"
check "120x40: the coastline is drawn in braille" \
	test "$(python3 -c "import sys; print(sum(1 for c in open(sys.argv[1], encoding='utf-8').read() if 0x2801 <= ord(c) <= 0x28ff))" "$D/first.txt")" -gt 500
check "120x40: the newest event is listed first" \
	sh -c "grep -n 'note:1' '$D/first.txt' | head -1 | cut -d: -f1 > '$D/a'; grep -n 'mmsi:431000001' '$D/first.txt' | head -1 | cut -d: -f1 > '$D/b'; [ \$(cat '$D/a') -lt \$(cat '$D/b') ]"
check "120x40: ships, the alert and the jamming area are on the map" \
	sh -c "grep -q '↗' '$D/first.txt' && grep -q '!' '$D/first.txt' && grep -q '∘' '$D/first.txt' && grep -q '╱' '$D/first.txt'"
check "120x40: ship names are labelled at this zoom" grep -q "KAIYO MARU" "$D/first.txt"
check "120x40: feed health: connected, no loss, no rejection" \
	wait_for 5 has "feed.ipc up .* lost 0 rej 0"
check "120x40: status shows region and picture time" \
	sh -c "grep -q '| tsushima |' '$D/first.txt' && grep -q '2026-11-26T23:00:13Z' '$D/first.txt'"

tm send-keys -t v +
check "zoom in halves the span" wait_for 5 has "span 1.50"
tm send-keys -t v -
check "zoom out doubles it back" wait_for 5 has "span 3.00"
tm send-keys -t v l
check "pan east moves the centre east" wait_for 5 has "34.30N 130.[0-9][0-9]E"
tm send-keys -t v 2
check "key 2 jumps to the second region (japan)" wait_for 5 has "| japan |"
tm send-keys -t v 6
check "key 6 jumps back to tsushima" wait_for 5 has "| tsushima |"
tm send-keys -t v ?
check "? shows the help overlay" wait_for 5 has "KEYS (rebind"
check "help lists the bindings" sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | grep -q 'q  *quit'"
tm send-keys -t v x
check "any key closes the help" wait_for 5 hasnt "KEYS (rebind"
tm send-keys -t v / K A I Y O Enter
check "/ filters the list (KAIYO: one event)" wait_for 5 has "EVENTS 1.*/KAIYO"
tm send-keys -t v Enter
check "Enter opens the detail with every raw field" \
	wait_for 5 has 'shipname: "KAIYO MARU"'
check "the detail names the source" has 'src: "aisrx-naha"'
check "the detail names the marking" has "cls U"
tm send-keys -t v Enter / BSpace BSpace BSpace BSpace BSpace Enter
check "clearing the filter shows all events again" wait_for 5 has "EVENTS 8"
tm send-keys -t v T
check "T lists the tracks with names merged" wait_for 5 has "TRACKS 2"
check "the tracks list shows name, MMSI, speed, course" has "KAIYO MARU *431000001 *12.5 *045"
tm send-keys -t v S
check "S lists the satellites (ISS from its element set)" wait_for 5 has "ISS (ZARYA) *25544"
tm send-keys -t v C
check "C lists the conjunctions: objects, TCA countdown, miss distance, Pc" \
	wait_for 5 has "ISS (ZARYA) *COSMOS 1602 *+2h14m *4200m *2.5e-07"
tm send-keys -t v I a
check "a acknowledges the selected incident" wait_for 5 has "high dark-vessel *ack"
tm send-keys -t v j
check "selecting the incident frames its member (the dark contact)" \
	wait_for 5 has "34.45N 129.75E | span 0.50"
tm send-keys -t v T f
check "f follows the selected ship (the map centres on KAIYO MARU)" \
	wait_for 5 has "34.20N 129.60E | span 0.50 follow"
tm send-keys -t v f 6 E
check "f again stops following; 6 is tsushima again" wait_for 5 has "| span 3.00 | tsushima"
# The ISS over the western Pacific: its ground track appears on selection.
mapglyphs() { # the ground-track glyphs (dots and arrows) in the map columns
	shot | python3 -c "import sys; print(sum(1 for l in sys.stdin.read().split('\n') for c in l[:73] if c == '\u00b7' or 0x2190 <= ord(c) <= 0x2199))"
}
tm send-keys -t v 1
wait_for 5 has "| wpac |"
sleep 0.6
before=$(mapglyphs)
tm send-keys -t v S
wait_for 5 has "SATELLITES 1"
sleep 0.6
after=$(mapglyphs)
# PASS: the next pass over the last ship selected (KAIYO MARU, 34.2N
# 129.6E), as `tcop passes` finds it from the picture's time
want=$("$TCOP" passes "$TCOP_DATA/space/celestrak_active_20260319_part_a.tle" \
    --lat 34.2 --lon 129.6 --from 2026-11-26T23:00:13Z --hours 24 --min-el 10 \
    --norad 25544 | sed -n 2p | cut -d, -f3 | cut -c12-16)
check "the satellites list shows the ISS's next pass over the selected ship ($want UTC, as tcop passes)" \
	has "ISS (ZARYA) *25544 .* $want "

check "selecting the ISS over wpac draws its ground track ($before -> $after glyphs)" \
	test "$after" -gt $((before + 10))
tm send-keys -t v 6 E
wait_for 5 has "| tsushima |"
tm resize-window -t v -x 90 -y 30
check "after a resize the bottom banner is on the last row" \
	wait_for 5 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | sed -n 30p | grep -q CONFIDENTIAL"
check "after a resize rows are the new width" \
	sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | sed -n 29p | grep -q 'feed.ipc up\\|feed up'"
tm send-keys -t v q
check "q quits (exit 0)" wait_for 10 sh -c "test -f '$D/rc' && test \"\$(cat '$D/rc')\" = 0"
check "after q the terminal is back in its mode (stty -g)" cmp -s "$D/before" "$D/after"
check "the viewer wrote nothing on stderr" test ! -s "$D/view.err"

# ---- SIGTERM restores the terminal -----------------------------------------
D="$T/term"
start "$D" 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen -- --region tsushima
wait_for 15 has "INCIDENTS 1" || notok "SIGTERM run: screen up"
kill -TERM "$(cat "$D/pid")"
check "SIGTERM ends the viewer (status 143)" wait_for 10 sh -c "test -f '$D/rc' && test \"\$(cat '$D/rc')\" = 143"
check "after SIGTERM the terminal is back in its mode (stty -g)" cmp -s "$D/before" "$D/after"

# ---- a crash (SIGSEGV) restores the terminal too -------------------------
D="$T/crash"
start "$D" 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen -- --region tsushima
wait_for 15 has "INCIDENTS 1" || notok "SIGSEGV run: screen up"
kill -SEGV "$(cat "$D/pid")"
check "SIGSEGV ends the viewer with a failure" \
	wait_for 10 sh -c "test -f '$D/rc' && test \"\$(cat '$D/rc')\" != 0"
check "after SIGSEGV the terminal is back in its mode (stty -g)" cmp -s "$D/before" "$D/after"
wait_for 5 has "VIEW-DONE"
check "after SIGSEGV the alternate screen is left (no banner on the shell's screen)" \
	hasnt "CONFIDENTIAL"

# ---- --replay CAPTURE: a capture of one instant, no feed ----------------
D="$T/replay"
mkdir -p "$D"
awk '{print "2026-11-26T23:00:30.000Z " $0}' "$EV" > "$D/cap.txt"
echo "not a capture line" >> "$D/cap.txt"
SOCK="$SOCK0-replay"
tm new-session -d -x 120 -y 40 -s v \
	"env TCOP='$TCOP' ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c '\"\$TCOP\" view --no-mouse --replay $D/cap.txt --region tsushima 2>$D/view.err; echo \$? > $D/rc'; sleep 30"
check "--replay: the picture of the capture is on screen" wait_for 15 has "INCIDENTS 1"
check "--replay: the load is reported with the bad line counted" has "replay: 8 events, 1 bad lines"
tm send-keys -t v q
check "--replay: q exits 0" wait_for 10 sh -c "test \"\$(cat '$D/rc' 2>/dev/null)\" = 0"

# ---- the link budget: --max-rate 4000 -----------------------------------
D="$T/rate"
start "$D" 120 40 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen -- --region tsushima --max-rate 4000
wait_for 15 has "INCIDENTS 1" || notok "--max-rate run: screen up"
: > "$D/rates"
for i in 1 2 3 4 5 6; do
	sleep 1
	shot | sed -n 38p >> "$D/rates"
done
check "--max-rate: the status row shows the rate used beside the cap" grep -q "B/s/4.0k" "$D/rates"
check "--max-rate: every second's rate stays near the cap (<= 1.5x)" python3 - "$D/rates" <<'PY'
import re, sys
vals = []
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.search(r"fps ([0-9.]+)(k?)B/s/4\.0k", line)
    if m:
        vals.append(float(m.group(1)) * (1000 if m.group(2) else 1))
sys.exit(0 if vals and max(vals) <= 6000 else 1)
PY
check "--max-rate: the whole map arrives in the end (coastline in braille)" \
	wait_for 20 sh -c "tmux -u -L '$SOCK' capture-pane -p -t v | python3 -c \"import sys; sys.exit(0 if sum(1 for c in sys.stdin.read() if 0x2801 <= ord(c) <= 0x28ff) > 500 else 1)\""
tm send-keys -t v q
check "--max-rate: q still restores the terminal" \
	wait_for 10 sh -c "test -f '$D/after' && cmp -s '$D/before' '$D/after'"

# ---- 80x24, LANG=C TERM=vt100: ASCII, monochrome ---------------------------
D="$T/vt100"
start "$D" 80 24 LANG=C LC_ALL=C TERM=vt100 -- --region tsushima
check "80x24 vt100: the screen comes up" wait_for 15 has "INCIDENTS 1"
tm send-keys -t v E
wait_for 5 has "EVENTS 8"
shot > "$D/first.txt"
check "80x24 vt100: no braille, ASCII coast and land" \
	sh -c "! grep -q '[⠁-⣿]' '$D/first.txt' && grep -q '#' '$D/first.txt' && grep -q ':::' '$D/first.txt'"
check "80x24 vt100: ASCII ship glyphs and the jamming hatch" \
	sh -c "grep -q '/' '$D/first.txt' && grep -q 'o' '$D/first.txt'"
check "80x24 vt100: banner top and bottom" \
	sh -c "head -1 '$D/first.txt' | grep -q CONFIDENTIAL && sed -n 24p '$D/first.txt' | grep -q CONFIDENTIAL"
check "80x24 vt100: health on the status row" grep -q "up .* lost 0 rej 0" "$D/first.txt"
# The help does not fit 80x24: it is paged, one whole line a key, and every
# key is on some page.
tm send-keys -t v ?
check "80x24 vt100: the help is paged (page 1 of several)" wait_for 5 has "KEYS 1/[2-9] (Space"
shot > "$D/help.txt"
check "80x24 vt100: a help line is whole (not cut at 40 columns)" \
	grep -q "pan north (in a list: previous row)" "$D/help.txt"
np=$(sed -n 's/.*KEYS 1\/\([0-9]\).*/\1/p' "$D/help.txt" | head -1)
i=1
while [ "$i" -lt "${np:-1}" ]; do
	tm send-keys -t v Space
	i=$((i + 1))
	wait_for 5 has "KEYS $i/$np" || break
	shot >> "$D/help.txt"
done
check "80x24 vt100: Space turns to the last page ($np)" has "KEYS $np/$np"
check "80x24 vt100: every page together lists the first and last keys" \
	sh -c "grep -q 'q  *quit' '$D/help.txt' && grep -q 'export the view' '$D/help.txt' && grep -q 'replay: faster' '$D/help.txt'"
tm send-keys -t v Space
check "80x24 vt100: Space on the last page wraps to the first" wait_for 5 has "KEYS 1/$np"
tm send-keys -t v x
check "80x24 vt100: another key closes the help" wait_for 5 hasnt "KEYS [0-9]"
kill -HUP "$(cat "$D/pid")"
check "SIGHUP ends the viewer and restores the terminal" \
	wait_for 10 sh -c "test -f '$D/after' && cmp -s '$D/before' '$D/after'"
finish
