#!/bin/sh
# view_export.sh: the viewer's export key (e) in a real terminal (a private
# tmux server, 120x40) on a replay of a 30-minute demo capture: e writes
# an HTML slide and a .txt named by the picture's time into --export-dir
# and says where on the status line; the slide is self-contained (no
# script, no link, nothing fetched) and carries the banner's marking, the
# legend and the incidents; the .txt's map rows are the screen's map area
# as tmux shows it (capture-pane); a second e never overwrites (-1); an
# export into a path that is not a directory is a status-line message and
# the viewer goes on; q exits 0 with nothing on stderr.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || { ok "tmux not installed: skipped"; finish; }
SOCK="tcop-export-$$"
tm() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
shot() { tm capture-pane -p -t v; }
has() { shot | grep -q -- "$1"; }
trap 'tm kill-server 2>/dev/null; _cleanup' EXIT INT TERM
export TCOP_MAPS="$TCOP_ROOT/maps"

"$TCOP" demo --no-view --speed max --duration 30m --seed 7 \
	--record "$T/demo.cap" > "$T/demo.out" 2>&1
check "the demo capture is made" test -s "$T/demo.cap"
mkdir "$T/out"

tm new-session -d -x 120 -y 40 -s v \
	"env TCOP='$TCOP' TCOP_MAPS='$TCOP_MAPS' ASAN_OPTIONS='$ASAN_OPTIONS' LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c '\"\$TCOP\" view --no-mouse --region wpac --assets $TCOP_MAPS/assets.json --replay $T/demo.cap --export-dir $T/out 2>$T/view.err; echo \$? > $T/rc'; sleep 30"
check "the deck opens at the end of the capture" \
	wait_for 20 has "0:29:59/0:29:59"
sleep 1 # a frame or two more: the whole screen is drawn
tm send-keys -t v e
check "e: the status line says where" \
	wait_for 10 has "exported tcop-20260319T122959Z.html +.txt in"
shot > "$T/shot.txt"
html="$T/out/tcop-20260319T122959Z.html"
txt="$T/out/tcop-20260319T122959Z.txt"
check "e: the slide is named by the picture's time" test -s "$html"
check "e: the text export beside it" test -s "$txt"
check "the slide is self-contained (no script, link, src or url)" \
	sh -c "! grep -Eiq '<script|<link|src=|url\\(|https?://' '$html'"
check "the slide is one HTML page with its style inline" \
	sh -c "head -1 '$html' | grep -q '<!DOCTYPE html>' && grep -q '<style>' '$html' && tail -1 '$html' | grep -q '</html>'"
banner=$(head -1 "$T/shot.txt" | sed 's/^ *//; s/ *$//')
check "the screen's banner is marked ($banner)" \
	sh -c "echo '$banner' | grep -Eq '^(UNCLASSIFIED|CUI|CONFIDENTIAL|SECRET|TOP SECRET)'"
check "the slide carries the screen's banner" grep -q "$banner" "$html"
check "the text export's first and last rows are the banner" \
	sh -c "head -1 '$txt' | grep -q '$banner' && tail -1 '$txt' | grep -q '$banner'"
check "the slide has the legend" grep -q 'Legend</h2>' "$html"
n=$(sed -n 's/.*Incidents (\([0-9]*\)).*/\1/p' "$html")
check "the slide lists the incidents (${n:-none})" [ "${n:-0}" -ge 5 ]
check "the screen's incident count is the slide's" \
	grep -q "INCIDENTS ${n:-x} " "$T/shot.txt"
for rule in dark-vessel pnt-disruption cyber-to-space campaign; do
	check "the slide's incidents include $rule" grep -q "<td>$rule</td>" "$html"
done
check "the .txt's map rows are the screen's map area" \
	python3 - "$txt" "$T/shot.txt" <<'PY'
import sys
txt = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
scr = open(sys.argv[2], encoding="utf-8").read().split("\n")
rows = txt[1:-2]              # banner, map rows, status, banner
w = len(rows[0])
bad = [i for i, r in enumerate(rows)
       if r.rstrip() != scr[1 + i][:w].rstrip()]
for i in bad[:3]:
    print("row", i + 1, "\n txt:", rows[i], "\n scr:", scr[1 + i][:w],
          file=sys.stderr)
sys.exit(1 if bad or not rows or w < 40 else 0)
PY

tm send-keys -t v e
check "e again: a new name, never overwriting" \
	wait_for 10 has "exported tcop-20260319T122959Z-1.html"
check "e again: both pairs on disk" sh -c "test -s '$T/out/tcop-20260319T122959Z-1.txt' && test -s '$html'"

mv "$T/out" "$T/kept"
: > "$T/out"   # a file where the directory was
tm send-keys -t v e
check "e into a non-directory: the status line says why" \
	wait_for 10 has "export failed: tcop-20260319T122959Z.html: No"

check "the viewer still answers" sh -c "! test -e '$T/rc'"

tm send-keys -t v q
check "q exits 0" wait_for 10 sh -c "test \"\$(cat '$T/rc' 2>/dev/null)\" = 0"
check "nothing on stderr" sh -c "! test -s '$T/view.err'"
finish
