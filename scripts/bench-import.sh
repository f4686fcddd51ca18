#!/usr/bin/env bash
# Compares `retriage import` with the sqlite3 shell's `.import` on the same
# generated CSV (default 1,000,000 rows) and prints both times, peak memory
# and the ratio. Needs python3 and sqlite3 (apt-get install -y sqlite3).
# Both run ROUNDS times (default 3), in turn, each into a new database, and
# the medians are compared: one run alone says little on a shared machine.
#   scripts/bench-import.sh [ROWS] [ROUNDS]
set -euo pipefail
rows=${1:-1000000}
rounds=${2:-3}
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$rows" "$work/feedback.csv" <<'PY'
import csv, random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(1)
words = ("shift plan export excel mobile app login sso roster nurse ward manager payroll report "
         "calendar swap holiday overtime timezone notification crash slow import csv api invoice "
         "billing dark mode accessibility screen reader onboarding checklist").split()
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["title", "description", "source", "customer", "created_at", "tags", "nps"])
    for i in range(rows):
        w.writerow([
            " ".join(random.choice(words) for _ in range(random.randint(3, 8))) + f" #{i}",
            " ".join(random.choice(words) for _ in range(random.randint(8, 20))),
            random.choice(["survey", "support", "nps", "other"]),
            f"Customer {random.randint(1, 500)}",
            f"2026-{random.randint(1, 11):02d}-{random.randint(1, 28):02d}T10:00:00Z",
            ",".join(random.sample(words, random.randint(0, 2))),
            random.randint(0, 10),
        ])
PY
echo "$(du -h "$work/feedback.csv" | cut -f1) CSV, $rows rows"
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
s_times=() r_times=() s_mem=0 r_mem=0
for round in $(seq "$rounds"); do
    rm -f "$work"/s.db* "$work"/r.db*
    sync
    read -r time mem < <(measure sqlite3 "$work/s.db" ".import --csv $work/feedback.csv feedback")
    s_times+=("$time") s_mem=$mem
    sync
    read -r time mem < <(measure target/release/retriage --db "$work/r.db" import "$work/feedback.csv")
    r_times+=("$time") r_mem=$mem
    echo "round $round: sqlite3 ${s_times[-1]} s, retriage ${r_times[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
s_time=$(median "${s_times[@]}")
r_time=$(median "${r_times[@]}")
echo "sqlite3 .import:  ${s_time} s (median of $rounds), peak ${s_mem} KB"
echo "retriage import:  ${r_time} s (median of $rounds), peak ${r_mem} KB"
python3 -c "print(f'ratio retriage/sqlite3: {$r_time/$s_time:.2f}')"
# The machine may be shared: a busy one slows the two-thread import most.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
