#!/usr/bin/env bash
# Times a first-order search step of each search method (darts, gdas, pc-darts) on the NAS-Bench-201
# supernet (C=16, N=5) and the DARTS supernet (C=16, 8 cells), batch 64 of 3x32x32, each in a
# process of its own, and prints step time, step CPU time and peak resident memory side by side.
#
#   benchmarks/methods.sh [--spaces "nb201 darts"] [--steps 3] [--warmup 1] [--threads N] [--out DIR]
#
# Each line also shows the load average when its bench started: on a shared machine compare only
# figures taken under a similar load.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
spaces="nb201 darts" steps=3 warmup=1 threads=$(nproc) out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --spaces) spaces=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "methods.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
out=${out:-$(mktemp -d)}
mkdir -p "$out"
printf '%-6s %-9s %12s %12s %10s  %s\n' space method "step s" "step cpu s" "peak MB" "load at start"
for space in $spaces; do
  for method in darts gdas pc-darts; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    json="$out/$space-$method.json"
    "$root/betadarts" bench --space "$space" --method "$method" --steps "$steps" --warmup "$warmup" \
      --threads "$threads" --json "$json" > "$out/$space-$method.txt"
    python3 - "$json" "$space" "$method" "$load" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print('%-6s %-9s %12.3f %12.3f %10.0f  %s' % (sys.argv[2], sys.argv[3], r['step_seconds']['median'],
      r['step_cpu_seconds']['median'], r['peak_rss_mb'], sys.argv[4]))
PY
  done
done
echo "bench outputs: $out"
