#!/bin/sh
# demo_bytes_bench.sh: the bytes per second `tcop demo` writes to its
# terminal at 1x, measured through a pty over DEMO_BYTES_SECONDS (default
# 300: five minutes) for two terminals, run side by side:
#   - 200x60, UTF-8 (braille), TERM=xterm-256color, region wpac
#     (target <= 8 KB/s);
#   - 80x24, ASCII (LANG=C), TERM=xterm-256color, region wpac
#     (target <= 1.2 KB/s, a 9600-baud line).
# A small python3 driver opens the pty with the size set before the
# program starts, drains the master side and counts every byte, then sends
# q and waits for a clean exit. The first second (the full first screen)
# is counted like the rest; the row also gives the steady rate without it.
# There is no plain-ncurses program playing the same scenario to compare
# with, so the peer column holds the target. Prints Markdown rows for
# bench/run.sh; DEMO_BYTES_SECONDS=20 is a quick check, and
# DEMO_BYTES_ARGS adds options to `tcop demo` (e.g. "--speed 60").
set -u
cd "$(dirname "$0")/.." || exit 1
secs=${DEMO_BYTES_SECONDS:-300}
export DEMO_BYTES_ARGS="${DEMO_BYTES_ARGS:-}"
mkdir -p bench/out
[ -x ./tcop ] || { echo "demo_bytes_bench: build ./tcop first (make)" >&2; exit 1; }

drive() { # COLS ROWS LANG OUT
	python3 - "$1" "$2" "$3" "$secs" > "$4" <<'PY'
import fcntl, os, select, signal, struct, subprocess, sys, termios, time
cols, rows, lang, secs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
env = dict(os.environ, TERM="xterm-256color", LANG=lang, LC_ALL=lang)
def ctty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
args = ["./tcop", "demo", "--region", "wpac"] + os.environ["DEMO_BYTES_ARGS"].split()
p = subprocess.Popen(args, stdin=slave,
                     stdout=slave, stderr=slave, env=env, preexec_fn=ctty,
                     close_fds=True)
os.close(slave)
t0 = time.monotonic()
total = first = 0
while True:
    now = time.monotonic()
    if now - t0 >= secs:
        break
    r, _, _ = select.select([master], [], [], min(0.5, secs - (now - t0)))
    if r:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        total += len(b)
        if time.monotonic() - t0 < 1.0:
            first += len(b)
el = time.monotonic() - t0
os.write(master, b"q")
end = time.monotonic() + 10
while p.poll() is None and time.monotonic() < end:
    if select.select([master], [], [], 0.2)[0]:
        try:
            os.read(master, 65536)
        except OSError:
            break
if p.poll() is None:
    p.send_signal(signal.SIGTERM)
    p.wait()
print(f"{total} {first} {el:.1f} {p.returncode}")
PY
}

drive 200 60 C.UTF-8 bench/out/demo_bytes_200.txt &
big=$!
drive 80 24 C bench/out/demo_bytes_80.txt &
small=$!
wait $big $small

row() { # FILE LABEL TARGET_BYTES
	read -r total first el rc < "$1" || return
	awk -v t="$total" -v f="$first" -v e="$el" -v rc="$rc" -v l="$2" \
	    -v tg="$3" -v sp="${DEMO_BYTES_ARGS:-1x}" 'BEGIN {
		r = t / e; s = e > 1 ? (t - f) / (e - 1) : r
		printf "| demo | bytes/s to the terminal at %s, %s, %.0f s through a pty (steady, without the first screen: %.0f B/s; exit %s) | %.0f B/s | target | %.0f B/s | %.2f |\n",
		    sp, l, e, s, rc, r, tg, tg / r }'
}
row bench/out/demo_bytes_200.txt "200x60 wpac, UTF-8" 8192
row bench/out/demo_bytes_80.txt "80x24 wpac, ASCII (LANG=C)" 1229
