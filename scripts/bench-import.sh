#!/usr/bin/env bash
# Compares `retriage import` with the sqlite3 shell's `.import` on the same
# generated CSV (default 1,000,000 rows) and prints both times, peak memory
# and the ratio. Needs python3 and sqlite3 (apt-get install -y sqlite3).
#   scripts/bench-import.sh [ROWS]
set -euo pipefail
rows=${1:-1000000}
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
read -r s_time s_mem < <(measure sqlite3 "$work/s.db" ".import --csv $work/feedback.csv feedback")
read -r r_time r_mem < <(measure target/release/retriage --db "$work/r.db" import "$work/feedback.csv")
echo "sqlite3 .import:  ${s_time} s, peak ${s_mem} KB"
echo "retriage import:  ${r_time} s, peak ${r_mem} KB"
python3 -c "print(f'ratio retriage/sqlite3: {$r_time/$s_time:.2f}')"
# The machine may be shared: a busy one slows the two-thread import most.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
