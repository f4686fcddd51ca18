#!/usr/bin/env python3
"""Keystroke and start-up times of the TUI, measured from outside through a pty.

    scripts/bench-keys.py DB [--presses 30] [--cols 140] [--rows 40] [--bin PATH]

Starts `retriage --db DB` in a pseudo-terminal of COLSxROWS and reports:
- start-up: from the start of the process to the first byte of a table row
  (a line holding "│1 " or any digit after the table border), and to the end
  of the first screen (no output for 30 ms);
- per key (j, G/g, s, S, r, m, /e…): the time from writing the key to the last
  byte of its redraw (a redraw ends at 30 ms without output), over PRESSES
  presses, as median and 95th percentile.

Build first: `cargo build --release`. The database is not changed by the keys
used here (moves, sort, model, filter typing).
"""

import argparse
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import time
import fcntl
import termios

QUIET = 0.030


def read_until_quiet(fd, quiet=QUIET, limit=10.0, first_within=2.0):
    """Waits up to `first_within` seconds for output, then reads until `quiet`
    seconds pass without any; returns (bytes, time of the last byte)."""
    data = b""
    last = time.perf_counter()
    start = last
    ready, _, _ = select.select([fd], [], [], first_within)
    if not ready:
        return data, last
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return data, last
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return data, last
        if not chunk:
            return data, last
        data += chunk
        last = time.perf_counter()
        if last - start > limit:
            return data, last


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--cols", type=int, default=140)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--bin", default="target/release/retriage")
    args = parser.parse_args()

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", args.rows, args.cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("RETRIAGE_DB", None)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [args.bin, "--db", args.db],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )
    os.close(slave)

    # Start-up: the first row, then the end of the first screen.
    data = b""
    first_row = None
    while first_row is None and time.perf_counter() - started < 60:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            data += os.read(master, 65536)
            # A table row: the border, then an id (the `#` column).
            if b"Title" in data and any(b"\xe2\x94\x82" + bytes([d]) in data for d in b"123456789"):
                first_row = time.perf_counter() - started
    # A large backlog shows "loading N items…" until every row is read:
    # the keys are measured on the whole table, after that.
    # (The whole header, with "model RICE", shows only then.)
    loaded = None
    while loaded is None and time.perf_counter() - started < 120:
        if b"model RICE" in data:
            loaded = time.perf_counter() - started
            break
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            data += os.read(master, 65536)
    _, last = read_until_quiet(master, quiet=0.3)
    print(
        f"start-up: first row after {first_row * 1000:.0f} ms, "
        f"every row after {loaded * 1000:.0f} ms"
    )

    def press(keys, label, presses=args.presses, reset=None):
        times = []
        for i in range(presses):
            key = keys[i % len(keys)]
            sent = time.perf_counter()
            os.write(master, key)
            _, last = read_until_quiet(master)
            times.append((last - sent) * 1000)
            if reset:
                os.write(master, reset)
                read_until_quiet(master)
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{label:<28} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})")

    press([b"j"], "move down (j)")
    press([b"G", b"g"], "bottom/top (G, g)")
    press([b"s"], "next sort (s)")
    press([b"S"], "reverse (S)")
    press([b"m"], "next model (m)")
    # Filter typing: `/` opens the line, then letters narrow and
    # backspaces widen, round after round.
    os.write(master, b"/")
    read_until_quiet(master)
    press([b"e", b"x", b"p", b"\x7f", b"\x7f", b"\x7f"], "filter typing (e x p ⌫ ⌫ ⌫)")
    os.write(master, b"\x1b")
    read_until_quiet(master)
    press([b"q"], "quit (q)", presses=1)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()


if __name__ == "__main__":
    sys.exit(main())
