#!/usr/bin/env bash
# How the engine's threads should wait: times `betadarts bench` under several OpenMP waiting
# settings, on an idle machine and beside a competing search step, and prints one table.
#
#   benchmarks/wait-policy.sh [--policies "PASSIVE default spin:30000 ACTIVE"] [--space nb201]
#                             [--steps 8] [--warmup 2] [--threads N] [--out DIR] [--no-load]
#
# A policy is PASSIVE or ACTIVE (OMP_WAIT_POLICY), default (no variable: GNU OpenMP spins 300,000
# times, then sleeps) or spin:N (GOMP_SPINCOUNT=N). The competing load is a second bench of the same
# space and thread count under the same policy, started first and stopped after the timed one, so
# that two searches share the machine's cores. Uses target/ as built by ./betadarts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
policies="PASSIVE default spin:10000 spin:100000 ACTIVE" space=nb201 steps=8 warmup=2 threads=$(nproc) out="" load=1
while [ $# -gt 0 ]; do
  case "$1" in
    --policies) policies=$2; shift 2 ;;
    --space) space=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-load) load=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "wait-policy.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out=$(mktemp -d)
mkdir -p "$out"
"$root/betadarts" --version >/dev/null   # builds when needed
depth=(-N 5); case "$space" in nb201) ;; *) depth=(--layers 8) ;; esac

# runs bench under a policy, the remaining arguments added
bench() {
  local policy=$1; shift
  local vars=(-u OMP_WAIT_POLICY -u GOMP_SPINCOUNT DJL_OFFLINE=true THP_MEM_ALLOC_ENABLE=1)
  case "$policy" in
    PASSIVE|ACTIVE) vars+=(OMP_WAIT_POLICY="$policy") ;;
    default) ;;
    spin:*) vars+=(GOMP_SPINCOUNT="${policy#spin:}") ;;
    *) echo "wait-policy.sh: unknown policy $policy" >&2; exit 2 ;;
  esac
  # exec: the process a caller starts in the background is the JVM itself, which it can stop
  exec env "${vars[@]}" java -Dai.djl.offline=true -cp "$root/target/betadarts.jar:$root/target/lib/*" \
    org.betadarts.cli.Main bench --space "$space" "${depth[@]}" --threads "$threads" "$@"
}

median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["step_seconds"]["median"])' "$1"; }

printf '%-14s %14s %14s\n' policy "idle step s" "loaded step s" | tee "$out/table.txt"
for p in $policies; do
  name=${p//:/-}
  echo "load before $p idle: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/log.txt"
  (bench "$p" --steps "$steps" --warmup "$warmup" --json "$out/$name-idle.json") > "$out/$name-idle.txt" 2>&1
  loaded="-"
  if [ "$load" = 1 ]; then
    (bench "$p" --steps 150 --warmup 0) > "$out/$name-competitor.txt" 2>&1 &
    competitor=$!
    sleep 20
    (bench "$p" --steps "$steps" --warmup "$warmup" --json "$out/$name-loaded.json") > "$out/$name-loaded.txt" 2>&1
    kill "$competitor" 2>/dev/null || echo "wait-policy.sh: the competing bench ended before the timed one" >&2
    wait "$competitor" 2>/dev/null || true
    loaded=$(median "$out/$name-loaded.json")
  fi
  printf '%-14s %14s %14s\n' "$p" "$(median "$out/$name-idle.json")" "$loaded" | tee -a "$out/table.txt"
done
echo "figures: $out"
