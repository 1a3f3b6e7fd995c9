#!/usr/bin/env bash
# Runs the same search step (NAS-Bench-201 or DARTS supernet) in betadarts and in PyTorch, one after
# the other on the same shapes and thread count, and prints step times, peak memories and ratios in
# two tables: each side as its users run it (betadarts through its launcher, PyTorch with no OpenMP
# variables), then the PyTorch sides again under the waiting settings betadarts' launcher chose.
#
#   benchmarks/compare.sh [--space nb201|darts|darts-8op] [--official DIR] [--batch 64] [--channels 16]
#                         [--cells 5 or 8] [--steps 10] [--warmup 2] [--threads N] [--out DIR]
#                         [--no-reference-style] [--no-same-policy]
#
# --cells is the cells per stage (nb201, default 5) or the cells in all (darts, darts-8op, default 8);
# betadarts bench takes it as -N in nb201 and as --layers in the DARTS spaces.
# --official DIR (nb201 only) also times the published code's own step (official_step.py) from a
# checkout of github.com/Sunshine-Ye/Beta-DARTS. The PyTorch sides need torch for python3 (Debian:
# apt-get install python3-torch). --no-reference-style makes pytorch_step.py do only the work the
# result needs instead of the published code's full work (see benchmarks/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
space=nb201 batch=64 channels=16 cells="" steps=10 warmup=2 threads=$(nproc) out="" style=--reference-style
official="" same=1
while [ $# -gt 0 ]; do
  case "$1" in
    --space) space=$2; shift 2 ;;
    --official) official=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --channels) channels=$2; shift 2 ;;
    --cells) cells=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-reference-style) style=--no-reference-style; shift ;;
    --no-same-policy) same=0; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$space" in
  nb201) cells=${cells:-5} depth=-N ;;
  darts|darts-8op) cells=${cells:-8} depth=--layers ;;
  *) echo "compare.sh: --space is nb201, darts or darts-8op, not $space" >&2; exit 2 ;;
esac
if [ -n "$official" ] && [ "$space" != nb201 ]; then
  echo "compare.sh: --official times the published NAS-Bench-201 step; use it with --space nb201" >&2; exit 2
fi
python=python3
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then python=$candidate; break; fi
done
"$python" -c 'import torch' 2>/dev/null || { echo "compare.sh: no python3 with torch (apt-get install python3-torch)" >&2; exit 1; }
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
common=(--batch "$batch" --channels "$channels" --steps "$steps" --warmup "$warmup" --threads "$threads")
shape=("${common[@]}" --cells "$cells")         # the PyTorch scripts' flag
bench_shape=("${common[@]}" "$depth" "$cells")  # betadarts: -N in nb201, --layers in the DARTS spaces
clean=(env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT)
load() { echo "load $1: $(cut -d' ' -f1-3 /proc/loadavg)"; }

# runs the PyTorch sides with the given environment prefix, writing NAME-pytorch.json and NAME-official.json
pytorch_sides() {
  local name=$1; shift
  load "before pytorch ($name)"
  "$@" "$python" "$here/pytorch_step.py" --space "$space" "${shape[@]}" "$style" --json "$out/$name-pytorch.json"
  if [ -n "$official" ]; then
    load "before the published step ($name)"
    "$@" "$python" "$here/official_step.py" --official "$official" "${shape[@]}" --json "$out/$name-official.json"
  fi
}

load "before betadarts"
"${clean[@]}" "$root/betadarts" bench --space "$space" "${bench_shape[@]}" --json "$out/betadarts.json"
pytorch_sides defaults "${clean[@]}"
if [ "$same" = 1 ]; then
  # the variables the launcher set, as the bench process saw them
  mapfile -t vars < <("$python" -c '
import json, sys
for k, v in json.load(open(sys.argv[1]))["thread_waiting"].items():
    if v != "(unset)": print(f"{k}={v}")' "$out/betadarts.json")
  pytorch_sides same "${clean[@]}" "${vars[@]}"
fi
load "after"

"$python" - "$out" "$same" <<'PY'
import json, os, sys
out, same = sys.argv[1], sys.argv[2] == "1"
ours = json.load(open(os.path.join(out, "betadarts.json")))
waiting = " ".join(f"{k}={v}" for k, v in ours["thread_waiting"].items() if v != "(unset)") or "OpenMP defaults"

def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None

def table(title, refs):
    print(f"\n{title}")
    print(f"{'':28}{'betadarts':>12}" + "".join(f"{label:>14}{'ratio':>8}" for label, _ in refs))
    for name, key in (("step time, median (s)", "step_seconds"), ("step CPU time, median (s)", "step_cpu_seconds")):
        a = ours[key]["median"]
        print(f"{name:28}{a:12.3f}" + "".join(f"{r[key]['median']:14.3f}{a / r[key]['median']:8.2f}" for _, r in refs))
    a = ours["peak_rss_mb"]
    print(f"{'peak resident memory (MB)':28}{a:12.0f}" + "".join(f"{r['peak_rss_mb']:14.0f}{a / r['peak_rss_mb']:8.2f}" for _, r in refs))

space = ours["settings"]["space"]
ref = load("defaults-pytorch.json")
style = "reference-style" if ref["reference_style"] else "needed work only"
print(f"\n{space} supernet, batch {ours['settings']['batch']}, {ours['threads']} threads; pytorch {ref['torch']} "
      f"(pytorch_step.py {style})")
for setting in ("defaults", "same") if same else ("defaults",):
    refs = [("pytorch_step", load(f"{setting}-pytorch.json"))]
    if load(f"{setting}-official.json"):
        refs.append(("published", load(f"{setting}-official.json")))
    title = ("each as its users run it: betadarts " + waiting + ", PyTorch with OpenMP defaults"
             if setting == "defaults" else "all under betadarts' setting: " + waiting)
    table(title, refs)
print(f"\nbetadarts achieved {ours['achieved_gflops']:.1f} GFLOP/s counted, "
      f"{100 * ours['achieved_gflops'] / ours['conv3x3_gflops']:.0f}% of the "
      f"{ours['conv3x3_gflops']:.1f} GFLOP/s of plain 3x3 convolutions at the stages' sizes")
PY
echo "figures: $out"
