#!/usr/bin/env python3
"""sgr_cells.py: what colour a glyph has on a terminal screen captured with
`tmux capture-pane -e` (text with SGR escapes), for the viewer's tmux tests.

usage: sgr_cells.py FILE TEXT...
For each TEXT found on a row, prints "TEXT FG" where FG is the foreground
of TEXT's first cell: an SGR code (31 red, 33 yellow, 34 blue, ...), or
"-" for the default; "TEXT none" when TEXT is not on the screen.
Only what tmux emits is parsed: SGR 0/1/2, 30-37, 90-97, 39, 38;5;N and
38;2;R;G;B (background codes are skipped).
"""
import re
import sys


def cells(path):
    """Rows of (character, attributes)."""
    out = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        row, attrs = [], {}
        for m in re.finditer(r"\x1b\[([0-9;]*)m|(.)", line):
            if m.group(1) is not None:
                ps = [int(p) if p else 0 for p in m.group(1).split(";")]
                i = 0
                while i < len(ps):
                    p = ps[i]
                    if p == 0: attrs = {}
                    elif p == 1: attrs["bold"] = True
                    elif p == 2: attrs["dim"] = True
                    elif 30 <= p <= 37 or 90 <= p <= 97: attrs["fg"] = p
                    elif p == 39: attrs.pop("fg", None)
                    elif p in (38, 48):
                        n = 3 if ps[i + 1] == 5 else 5
                        if p == 38: attrs["fg"] = tuple(ps[i:i + n])
                        i += n - 1
                    i += 1
            else:
                row.append((m.group(2), dict(attrs)))
        out.append(row)
    return out


def main():
    g = cells(sys.argv[1])
    for k in sys.argv[2:]:
        fg = "none"
        for r in g:
            i = "".join(c for c, _ in r).find(k)
            if i >= 0:
                f = r[i][1].get("fg")
                fg = "-" if f is None else ";".join(
                    str(v) for v in (f if isinstance(f, tuple) else (f,)))
                break
        print(k, fg)


main()
