#!/usr/bin/env bash
# Runs every fuzz target in turn, one at a time, at the lowest priority (nice 19), so that other
# work on the machine keeps going.
#
#   fuzz/run-all.sh [SECONDS] [TARGET=SECONDS...]
#       Each target for SECONDS (default 600), or its own time; the corpus grows in
#       fuzz/corpus/TARGET, findings land in fuzz/artifacts/TARGET. Then writes the table of
#       the run (target, time, runs, coverage, corpus size, findings) into fuzz/README.md
#       between its markers.
#   fuzz/run-all.sh --smoke [SECONDS]
#       Each target for SECONDS (default 5) from its seeds only, in a temporary directory, and
#       nothing written to the repository: the check CI runs.
#
# TARGETS="health config" limits the run to those targets. Exits 1 when anything was found: a
# crash (a panic, a failed property), a timeout (one input over 10 s) or an out-of-memory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

smoke=false
if [ "${1:-}" = "--smoke" ]; then
  smoke=true
  shift
  default=${1:-5}
else
  default=${1:-600}
fi
[ $# -gt 0 ] && shift
declare -A seconds=()
for arg in "$@"; do
  seconds[${arg%%=*}]=${arg#*=}
done

all=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v '^healthprobe')
targets=${TARGETS:-$all}

bin_dir=$(./build.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 seeds.py "$work/seeds"

# 600 -> "10 min", 90 -> "1 min 30 s".
minutes() {
  if [ $(($1 % 60)) -eq 0 ]; then echo "$(($1 / 60)) min"; else echo "$(($1 / 60)) min $(($1 % 60)) s"; fi
}

rows=()
found=0
for target in $targets; do
  time=${seconds[$target]:-$default}
  if $smoke; then
    corpus="$work/corpus/$target"
  else
    corpus="$here/corpus/$target"
  fi
  artifacts="$here/artifacts/$target"
  mkdir -p "$corpus" "$artifacts" "$work/seeds/$target"
  log="$work/$target.log"
  touch "$work/start-$target"
  echo "== $target: ${time}s" >&2
  # -timeout: one input may take 10 s at most; -rss_limit_mb: 2 GiB (the default, said aloud).
  # The seeds are a second, read-only corpus directory: new inputs go to the first.
  status=0
  nice -n 19 "$bin_dir/$target" "$corpus" "$work/seeds/$target" \
    -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
  new=$(find "$artifacts" -type f -newer "$work/start-$target" -printf '%f ')
  findings=none
  if [ "$status" -ne 0 ] || [ -n "$new" ]; then
    found=1
    findings="exit $status: ${new:-no artifact}"
    grep -A2 -E 'panicked at|ERROR: libFuzzer|^Base64' "$log" | head -12 >&2 || true
  fi
  echo "   runs ${runs:-?}, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, findings: $findings" >&2
  rows+=("| \`$target\` | $(minutes "$time") | ${runs:-?} | ${cov:-?} | ${ft:-?} | ${corp:-?} | ${findings} |")
done

if ! $smoke; then
  # Rows of targets not run this time are kept, so that one target can be run again alone.
  commit=$(git -C "$here" rev-parse --short HEAD)
  git -C "$here" diff --quiet HEAD -- ../src . || commit="$commit+changes"
  printf '%s\n' "${rows[@]}" | sed "s/\$/ $(date -u +%Y-%m-%d) $commit |/" >"$work/rows.md"
  python3 - "$here/README.md" "$work/rows.md" $all <<'PY'
import re, sys
readme, rows_file, order = sys.argv[1], sys.argv[2], sys.argv[3:]
text = open(readme).read()
pattern = re.compile(r"<!-- fuzz-table:start.*?<!-- fuzz-table:end -->", re.S)
found = pattern.search(text)
if not found:
    sys.exit("fuzz/README.md has no fuzz-table markers")
name = lambda row: row.split("`")[1]
rows = {name(r): r for r in found.group(0).splitlines() if r.startswith("| `")}
rows.update({name(r): r for r in open(rows_file).read().splitlines() if r.strip()})
table = "\n".join([
    "<!-- fuzz-table:start (written by fuzz/run-all.sh) -->",
    "Each target alone under `nice -n 19` on this project's 2-core machine, other builds running",
    "beside it; coverage and features as libFuzzer counts them at the end of the run.",
    "",
    "| target | time | runs | coverage (edges) | features | corpus (inputs/size) | findings | run on, commit |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    *[rows[t] for t in order if t in rows],
    "<!-- fuzz-table:end -->",
])
open(readme, "w").write(text[:found.start()] + table + text[found.end():])
PY
  echo "table written to fuzz/README.md" >&2
fi
exit "$found"
