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
  A large table sorts and filters off the input path: the key's own frame
  keeps the old order and says "sorting…" or "filtering…" in the header,
  and a second frame shows the new rows. For those keys, "frame" is the
  time to the output that carries the marker, and "ready" the time to the
  last byte of the frame that follows it (without a marker both are the
  same).

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
# Within one frame, reads follow each other closely; a pause this long
# after a "sorting…" frame means the next output is the new rows.
GAP = 0.005


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


class Header:
    """The screen's first line, as the bytes drawn so far leave it: enough
    of a terminal to follow ratatui's cursor moves and text on that line."""

    MARKERS = ("sorting…", "filtering…")

    def __init__(self, cols):
        self.cells = [" "] * cols
        self.row, self.col = 1, 1
        self.pending = b""

    def arranging(self):
        line = "".join(self.cells)
        return any(m in line for m in self.MARKERS)

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        text = data.decode("utf-8", errors="ignore")
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\x1b":
                if i + 1 >= len(text):
                    self.pending = text[i:].encode()
                    return
                if text[i + 1] != "[":
                    i += 2
                    continue
                j = i + 2
                while j < len(text) and not ("@" <= text[j] <= "~"):
                    j += 1
                if j >= len(text):
                    self.pending = text[i:].encode()
                    return
                params, final = text[i + 2 : j], text[j]
                if final == "H":
                    parts = (params.split(";") + ["", ""])[:2]
                    self.row = int(parts[0] or 1)
                    self.col = int(parts[1] or 1)
                elif final == "J" and params in ("2", "3"):
                    self.cells = [" "] * len(self.cells)
                i = j + 1
                continue
            if ch == "\r":
                self.col = 1
            elif ch == "\n":
                self.row += 1
            elif ch >= " ":
                if self.row == 1 and 1 <= self.col <= len(self.cells):
                    self.cells[self.col - 1] = ch
                self.col += 1
            i += 1


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
    rest, last = read_until_quiet(master, quiet=0.3)
    print(
        f"start-up: first row after {first_row * 1000:.0f} ms, "
        f"every row after {loaded * 1000:.0f} ms"
    )

    header = Header(args.cols)
    header.feed(data + rest)

    def press(keys, label, presses=args.presses, reset=None):
        frames, readies = [], []
        for i in range(presses):
            key = keys[i % len(keys)]
            sent = time.perf_counter()
            os.write(master, key)
            frame = ready = None
            while True:
                # While the header shows a marker, the new rows are on their
                # way: wait for them, not only for 30 ms of quiet.
                wait = 30.0 if header.arranging() else (QUIET if ready else 10.0)
                if not select.select([master], [], [], wait)[0]:
                    break
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the app has quit and closed the terminal
                    break
                if not chunk:
                    break
                now = time.perf_counter()
                header.feed(chunk)
                if header.arranging():
                    # The key's own frame, with the old rows: it ends with
                    # the last read that still shows the marker.
                    frame = now
                ready = now
            if ready is None:
                continue
            frames.append(((frame or ready) - sent) * 1000)
            readies.append((ready - sent) * 1000)
            if reset:
                os.write(master, reset)
                header.feed(read_until_quiet(master)[0])

        def stats(times):
            times = sorted(times)
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            return f"median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"

        line = f"{label:<28} frame {stats(frames)}"
        if readies != frames:
            line += f"   | ready {stats(readies)}"
        print(f"{line}   (n={len(frames)})")

    press([b"j"], "move down (j)")
    press([b"G", b"g"], "bottom/top (G, g)")
    press([b"s"], "next sort (s)")
    press([b"S"], "reverse (S)")
    press([b"m"], "next model (m)")
    # Filter typing: `/` opens the line, then letters narrow and
    # backspaces widen, round after round.
    os.write(master, b"/")
    header.feed(read_until_quiet(master)[0])
    press([b"e", b"x", b"p", b"\x7f", b"\x7f", b"\x7f"], "filter typing (e x p ⌫ ⌫ ⌫)")
    os.write(master, b"\x1b")
    header.feed(read_until_quiet(master)[0])
    press([b"q"], "quit (q)", presses=1)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()


if __name__ == "__main__":
    sys.exit(main())
