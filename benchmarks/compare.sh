#!/usr/bin/env bash
# Runs the same search step (NAS-Bench-201 or DARTS supernet) in betadarts and in PyTorch, one after
# the other on the same shapes and thread count, and prints both step times, both peak memories and
# the ratios.
#
#   benchmarks/compare.sh [--space nb201|darts|darts-8op] [--batch 64] [--channels 16] [--cells 5 or 8]
#                         [--steps 10] [--warmup 2] [--threads N] [--out DIR] [--no-reference-style]
#
# --cells is the cells per stage (nb201, default 5) or the cells in all (darts, darts-8op, default 8).
#
# The PyTorch side needs torch for python3 (Debian: apt-get install python3-torch, which installs
# it for /usr/bin/python3). --no-reference-style makes it do only the work the result needs
# instead of the published code's full work (see benchmarks/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
space=nb201 batch=64 channels=16 cells="" steps=10 warmup=2 threads=$(nproc) out="" style=--reference-style
while [ $# -gt 0 ]; do
  case "$1" in
    --space) space=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --channels) channels=$2; shift 2 ;;
    --cells) cells=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-reference-style) style=--no-reference-style; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$space" in
  nb201) cells=${cells:-5} ;;
  darts|darts-8op) cells=${cells:-8} ;;
  *) echo "compare.sh: --space is nb201, darts or darts-8op, not $space" >&2; exit 2 ;;
esac
python=python3
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then python=$candidate; break; fi
done
"$python" -c 'import torch' 2>/dev/null || { echo "compare.sh: no python3 with torch (apt-get install python3-torch)" >&2; exit 1; }
# both sides wait the same way at the end of parallel operators (betadarts' default)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
shape=(--space "$space" --batch "$batch" --channels "$channels" --cells "$cells" --steps "$steps" --warmup "$warmup" --threads "$threads")

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
"$root/betadarts" bench "${shape[@]}" --json "$out/betadarts.json"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" "$here/pytorch_step.py" "${shape[@]}" "$style" --json "$out/pytorch.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$out/betadarts.json" "$out/pytorch.json" <<'PY'
import json, sys
ours, ref = (json.load(open(p)) for p in sys.argv[1:3])
style = "reference-style" if ref["reference_style"] else "needed work only"
space = ref.get("space", "nb201")
if ours["settings"]["space"] != space:
    sys.exit(f"compare.sh: betadarts ran {ours['settings']['space']}, pytorch {space}")
rows = [("step time, median (s)", ours["step_seconds"]["median"], ref["step_seconds"]["median"]),
        ("step CPU time, median (s)", ours["step_cpu_seconds"]["median"], ref["step_cpu_seconds"]["median"]),
        ("peak resident memory (MB)", ours["peak_rss_mb"], ref["peak_rss_mb"])]
print()
print(f"{space + ' supernet':28}{'betadarts':>12}{'pytorch':>12}{'ratio':>8}   (pytorch {ref['torch']}, {style}, {ref['threads']} threads)")
for name, a, b in rows:
    print(f"{name:28}{a:12.3f}{b:12.3f}{a / b:8.2f}")
PY
echo "figures: $out/betadarts.json $out/pytorch.json"
