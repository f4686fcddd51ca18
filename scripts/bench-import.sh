#!/usr/bin/env bash
# Compares `retriage import` with the sqlite3 shell's `.import` on the same
# generated CSV (default 1,000,000 rows) and prints both times, user CPU
# time, peak memory and the ratio. Needs python3 and sqlite3
# (apt-get install -y sqlite3).
# Both run ROUNDS times (default 3), in turn, each into a new database, and
# the medians are compared: one run alone says little on a shared machine.
#   scripts/bench-import.sh [--dates FORMAT|all] [ROWS] [ROUNDS]
# FORMAT is how the created_at column is written (default rfc3339):
#   rfc3339        2026-10-03T09:14:22Z
#   rfc3339-offset 2026-10-03T11:14:22+02:00
#   iso-minutes    2026-10-03T09:14Z
#   date           2026-10-03
#   datetime       2026-10-03 09:14:22
#   minutes        2026-10-03 09:14
#   offset         2026-10-03 05:14:22 -0400
#   utc            2026-10-03 09:14:22 UTC
#   jira           03/Oct/26 9:14 AM
#   jira24         03/Oct/26 09:14
#   google         2026/10/03 10:14:22 AM GMT+1
#   surveymonkey   10/03/2026 09:14:22 AM
#   us-date        10/03/2026
#   dotted         03.10.2026
#   rfc2822        Sat, 03 Oct 2026 11:14:22 +0200
#   unix           1790846062
# `all` runs every format in turn and ends with a table of them.
# RETRIAGE_BIN=path runs that binary instead of building this tree's.
set -euo pipefail
formats=(rfc3339 rfc3339-offset iso-minutes date datetime minutes offset utc jira jira24
         google surveymonkey us-date dotted rfc2822 unix)
dates=rfc3339
if [[ ${1:-} == --dates ]]; then
    dates=${2:?--dates needs a format: ${formats[*]} or all}
    shift 2
fi
rows=${1:-1000000}
rounds=${2:-3}
if [[ $dates == all ]]; then
    chosen=("${formats[@]}")
elif [[ " ${formats[*]} " == *" $dates "* ]]; then
    chosen=("$dates")
else
    echo "--dates $dates: not one of ${formats[*]} all" >&2
    exit 1
fi
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }
if [[ -z ${RETRIAGE_BIN:-} ]]; then
    cargo build --release --quiet
    RETRIAGE_BIN=${CARGO_TARGET_DIR:-target}/release/retriage
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() { # FORMAT PATH
python3 - "$rows" "$2" "$1" <<'PY'
import csv, random, sys
from datetime import datetime, timedelta, timezone
rows, path, dates = int(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(1)
words = ("shift plan export excel mobile app login sso roster nurse ward manager payroll report "
         "calendar swap holiday overtime timezone notification crash slow import csv api invoice "
         "billing dark mode accessibility screen reader onboarding checklist").split()
def twelve(d):
    return f"{(d.hour + 11) % 12 + 1}:{d:%M}", "AM" if d.hour < 12 else "PM"
def written(d):
    if dates == "rfc3339": return f"{d:%Y-%m-%dT%H:%M:%S}Z"
    if dates == "rfc3339-offset": return f"{d + timedelta(hours=2):%Y-%m-%dT%H:%M:%S}+02:00"
    if dates == "iso-minutes": return f"{d:%Y-%m-%dT%H:%M}Z"
    if dates == "date": return f"{d:%Y-%m-%d}"
    if dates == "datetime": return f"{d:%Y-%m-%d %H:%M:%S}"
    if dates == "minutes": return f"{d:%Y-%m-%d %H:%M}"
    if dates == "offset": return f"{d - timedelta(hours=4):%Y-%m-%d %H:%M:%S} -0400"
    if dates == "utc": return f"{d:%Y-%m-%d %H:%M:%S} UTC"
    if dates == "jira": clock, half = twelve(d); return f"{d:%d/%b/%y} {clock} {half}"
    if dates == "jira24": return f"{d:%d/%b/%y %H:%M}"
    if dates == "google":
        d = d + timedelta(hours=1); clock, half = twelve(d)
        return f"{d:%Y/%m/%d} {clock}:{d:%S} {half} GMT+1"
    if dates == "surveymonkey":
        clock, half = twelve(d); return f"{d:%m/%d/%Y} {clock.zfill(5)}:{d:%S} {half}"
    if dates == "us-date": return f"{d:%m/%d/%Y}"
    if dates == "dotted": return f"{d:%d.%m.%Y}"
    if dates == "rfc2822": return f"{d + timedelta(hours=2):%a, %d %b %Y %H:%M:%S} +0200"
    if dates == "unix": return str(int(d.replace(tzinfo=timezone.utc).timestamp()))
    raise SystemExit(f"unknown date format {dates}")
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["title", "description", "source", "customer", "created_at", "tags", "nps"])
    for i in range(rows):
        title = " ".join(random.choice(words) for _ in range(random.randint(3, 8))) + f" #{i}"
        description = " ".join(random.choice(words) for _ in range(random.randint(8, 20)))
        source = random.choice(["survey", "support", "nps", "other"])
        customer = f"Customer {random.randint(1, 500)}"
        created = datetime(2026, random.randint(1, 11), random.randint(1, 28),
                           random.randint(0, 23), random.randint(0, 59), random.randint(0, 59))
        tags = ",".join(random.sample(words, random.randint(0, 2)))
        w.writerow([title, description, source, customer, written(created), tags,
                    random.randint(0, 10)])
PY
}

# Prints "elapsed user peak-KB"; a command that fails stops the script.
measure() {
    local out
    out=$(/usr/bin/time -f "%e %U %M" "$@" 2>&1 >/dev/null) || { echo "$out" >&2; exit 1; }
    tail -1 <<<"$out"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
table=()
for format in "${chosen[@]}"; do
    generate "$format" "$work/feedback.csv"
    echo "--dates $format ($(sed -n 2p "$work/feedback.csv" | cut -d, -f5- | cut -c1-40)…):" \
         "$(du -h "$work/feedback.csv" | cut -f1) CSV, $rows rows"
    s_times=() r_times=() s_users=() r_users=() s_mem=0 r_mem=0
    for round in $(seq "$rounds"); do
        rm -f "$work"/s.db* "$work"/r.db*
        sync
        read -r time user mem < <(measure sqlite3 "$work/s.db" ".import --csv $work/feedback.csv feedback")
        s_times+=("$time") s_users+=("$user") s_mem=$mem
        sync
        read -r time user mem < <(measure "$RETRIAGE_BIN" --db "$work/r.db" import "$work/feedback.csv")
        r_times+=("$time") r_users+=("$user") r_mem=$mem
        echo "round $round: sqlite3 ${s_times[-1]} s (user ${s_users[-1]} s)," \
             "retriage ${r_times[-1]} s (user ${r_users[-1]} s)"
    done
    s_time=$(median "${s_times[@]}") r_time=$(median "${r_times[@]}")
    s_user=$(median "${s_users[@]}") r_user=$(median "${r_users[@]}")
    ratio=$(python3 -c "print(f'{$r_time/$s_time:.2f}')")
    echo "sqlite3 .import:  ${s_time} s (median of $rounds; user ${s_user} s), peak ${s_mem} KB"
    echo "retriage import:  ${r_time} s (median of $rounds; user ${r_user} s), peak ${r_mem} KB"
    echo "ratio retriage/sqlite3: $ratio"
    table+=("| $format | $s_time s | $r_time s | $r_user s | $ratio | $((r_mem / 1024)) MB |")
done
if (( ${#chosen[@]} > 1 )); then
    echo
    echo "| --dates | sqlite3 .import | retriage import | retriage user CPU | ratio | peak memory |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${table[@]}"
fi
# The machine may be shared: a busy one slows the two-thread import most.
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
