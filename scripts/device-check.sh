#!/usr/bin/env bash
# The GPU checks, in one run on a machine with an NVIDIA GPU, PyTorch for Python, CMake and a C++
# compiler, and no JVM or network. Needs device-kit/kit.tar.gz (scripts/device-pack.sh).
#
#   scripts/device-check.sh [--cpu] [--sizes paper|tiny] [--budget SECONDS] [--out DIR]
#                           [--kit FILE] [--jni-cache DIR]
#
# Unpacks the kit, builds DJL's JNI library against the machine's libtorch (python3's torch; with
# --cpu Debian's libtorch 1.13 from libtorch-dev), points the engine at that libtorch, then runs
# these stages, each with its own log and time limit; a failing stage does not stop the others:
#   smoke        a convolution forward and backward on the device and on the CPU, compared
#   tests        the engine test classes (ops, mixed ops, cells and supernets, their gradients,
#                beta-decay, optimizers) on the device, cuDNN's TF32 off, against their CPU values
#   bench-*      betadarts bench --device gpu, paper sizes: NAS-Bench-201 and DARTS, first and
#                second order (phases timed after the device's work, GPU memory in use)
#   pytorch-*    benchmarks/pytorch_step.py --device cuda on the same shapes (first order)
#   search       a seeded quick-preset search (4 epochs, 188 steps) on the GPU and on the CPU:
#                alpha after every epoch and the found cell compared
#   *-bf16       --precision bf16: the first-order benches, and the same search on the GPU, compared
#                with the float32 one (the kit's JNI library has bfloat16: patch_jni.py)
# and prints a summary table. Everything goes to --out (default $OUT, else ./device-out):
# summary.md (the table, versions, date, command) and logs.tar.gz (every log and JSON file).
#
# --cpu is the dry run for a machine without a GPU: the same stages on --device cpu against Debian's
# libtorch 1.13 (apt-get install libtorch-dev python3-torch), with the jlinked runtime of the kit.
# --sizes tiny shrinks every stage to seconds (plumbing only). --budget (default 540) bounds the
# whole run: a stage gets at most the time left, and is skipped when under 20 s are left.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=gpu sizes=paper budget=540 out="${OUT:-$root/device-out}" kit_file="$root/device-kit/kit.tar.gz"
jni_cache=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) mode=cpu; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --kit) kit_file=$2; shift 2 ;;
    --jni-cache) jni_cache=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "device-check.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$sizes" in paper|tiny) ;; *) echo "device-check.sh: --sizes paper or tiny" >&2; exit 2 ;; esac
[ -f "$kit_file" ] || { echo "device-check.sh: no kit at $kit_file (run scripts/device-pack.sh)" >&2; exit 2; }

start=$(date +%s)
deadline=$((start + budget))
work=/tmp/betadarts-device
logs="$work/logs"
rm -rf "$work/kit" "$logs" "$work"/search-*
mkdir -p "$work" "$logs" "$out"
tar -C "$work" -xzf "$kit_file"
kit="$work/kit"
stages="$logs/stages.tsv"
: > "$stages"

# stage NAME LIMIT_SECONDS COMMAND...: runs COMMAND with its output in logs/NAME.log, within LIMIT and
# the time left; records NAME, status and seconds.
stage() {
  local name=$1 limit=$2
  shift 2
  local left=$((deadline - $(date +%s) - 10))
  if [ "$left" -lt 20 ]; then
    printf '%s\tskipped (budget)\t0\n' "$name" >> "$stages"
    echo "== $name: skipped, the budget is spent" >&2
    return 0
  fi
  [ "$limit" -le "$left" ] || limit=$left
  echo "== $name (at most ${limit}s)" >&2
  local t0 rc status pid late=0
  t0=$(date +%s)
  # a background job of this shell runs shell functions too (timeout(1) runs only programs)
  "$@" > "$logs/$name.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ $(($(date +%s) - t0)) -ge "$limit" ]; then
      late=1
      kill_tree "$pid"
      break
    fi
    sleep 1
  done
  wait "$pid"
  rc=$?
  if [ $late = 1 ]; then
    status="timeout after ${limit}s"
  elif [ $rc = 0 ]; then
    status=ok
  else
    status="failed (exit $rc)"
  fi
  printf '%s\t%s\t%d\n' "$name" "$status" "$(($(date +%s) - t0))" >> "$stages"
  echo "   $status, $(($(date +%s) - t0)) s; last lines of logs/$name.log:" >&2
  tail -n 3 "$logs/$name.log" | sed 's/^/   | /' >&2
  return 0
}

# kill_tree PID: ends a process and everything it started
kill_tree() {
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do kill_tree "$child"; done
  kill -KILL "$1" 2>/dev/null
}

# ---- the machine's libtorch
if [ $mode = gpu ]; then
  py=python3
  device=gpu
  torch_cmake=$($py -c 'import torch; print(torch.utils.cmake_prefix_path)')
  torch_lib=$($py -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
  torch_version=$($py -c 'import torch; print(torch.__version__.split("+")[0])')
  cuda=$($py -c 'import torch; print((torch.version.cuda or "").replace(".", ""))')
  flavor=cu$cuda
  pt_version="" use_cuda=1
  site=$($py -c 'import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))')
  torch_libs="libc10 libtorch_cpu libtorch libc10_cuda libtorch_cuda"
  pytorch_device=cuda
else
  py=/usr/bin/python3
  device=cpu
  torch_cmake=/usr/lib/x86_64-linux-gnu/cmake/Torch
  torch_lib=/usr/lib/x86_64-linux-gnu
  torch_version=1.13.1
  flavor=cpu pt_version=V1_13_X use_cuda="" site=""
  torch_libs="libc10 libtorch_cpu libtorch"
  pytorch_device=cpu
fi

# ---- the JNI library, built against it (cached by libtorch version and flavor)
jni_cache=${jni_cache:-$work/jni-cache}
build_jni() {
  local src="$work/djl-build"
  rm -rf "$src"
  cp -r "$kit/djl" "$src"
  (cd "$src" && $py patch_jni.py) || return 1
  local native="$src/engines/pytorch/pytorch-native"
  mkdir -p "$native/build" && cd "$native/build" || return 1
  local cuda_args=()
  if [ -n "$use_cuda" ]; then
    # the toolkit for find_package(Torch) with CUDA, and the GPU's architecture without detecting it
    local nvcc
    nvcc=$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)
    cuda_args=(-DCMAKE_CUDA_COMPILER="$nvcc" -DCUDAToolkit_ROOT="$(dirname "$(dirname "$nvcc")")")
    export TORCH_CUDA_ARCH_LIST="${TORCH_CUDA_ARCH_LIST:-$($py -c 'import torch; print("%d.%d" % torch.cuda.get_device_capability())')}"
  fi
  cmake -DCMAKE_PREFIX_PATH="$torch_cmake" -DPT_VERSION="$pt_version" -DUSE_CUDA="$use_cuda" "${cuda_args[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DJAVA_HOME="$kit/jre" \
    -DJAVA_INCLUDE_PATH="$kit/jdk-include" -DJAVA_INCLUDE_PATH2="$kit/jdk-include/linux" \
    -DJAVA_JVM_LIBRARY="$kit/jre/lib/server/libjvm.so" -DJAVA_AWT_INCLUDE_PATH=NotNeeded .. || return 1
  # -k: every file that does not compile is in the log, for one round of fixes in patch_jni.py
  cmake --build . -- -k -j"$(nproc)" || return 1
  mkdir -p "$jni_cache"
  cp libdjl_torch.so "$jni_cache/libdjl_torch.so"
  echo "$jni_stamp" > "$jni_cache/stamp"
}
# a library built from other sources or patches is built again
jni_stamp="$torch_version $flavor $(cat "$kit/djl/patch_jni.py" | cksum | cut -d' ' -f1)"
if [ -f "$jni_cache/libdjl_torch.so" ] && [ "$(cat "$jni_cache/stamp" 2>/dev/null)" = "$jni_stamp" ]; then
  printf 'jni\treused %s\t0\n' "$jni_cache" >> "$stages"
else
  stage jni 420 build_jni
fi

# ---- the engine pointed at that libtorch: a folder of its libraries and the JNI library only
libdir="$work/libtorch"
rm -rf "$libdir" "$work/cudart"
mkdir -p "$libdir" "$work/cudart"
for lib in $torch_libs; do ln -s "$torch_lib/$lib.so" "$libdir/$lib.so"; done
[ -f "$jni_cache/libdjl_torch.so" ] && cp "$jni_cache/libdjl_torch.so" "$libdir/libdjl_torch.so"
ld_path="$torch_lib"
if [ -n "$site" ] && [ -d "$site/nvidia" ]; then
  for d in "$site"/nvidia/*/lib "$site"/nvidia/*/*/lib; do [ -d "$d" ] && ld_path="$ld_path:$d"; done
  # DJL counts GPUs through the CUDA runtime (JNA, by the name libcudart.so): torch's own
  cudart=$(find "$site/nvidia" -name 'libcudart.so*' 2>/dev/null | sort | tail -n 1)
  [ -z "$cudart" ] && cudart=$(ls /usr/local/cuda/lib64/libcudart.so* 2>/dev/null | tail -n 1)
  [ -n "$cudart" ] && ln -s "$cudart" "$work/cudart/libcudart.so"
fi
export LD_LIBRARY_PATH="$ld_path${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PYTORCH_LIBRARY_PATH="$libdir" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR="$flavor"
export DJL_OFFLINE=true DJL_CACHE_DIR="$work/djl-cache" THP_MEM_ALLOC_ENABLE=1 OMP_WAIT_POLICY=PASSIVE
java="$kit/jre/bin/java"
jvm=(-Xmx8g -Dai.djl.offline=true -Djna.library.path="$work/cudart")
cp=$(printf '%s:' "$kit"/lib/*.jar)"$kit/test/betadarts-tests.jar"
betadarts() { "$java" "${jvm[@]}" -cp "$cp" org.betadarts.cli.Main "$@"; }

# ---- the stages
stage smoke 90 "$java" "${jvm[@]}" -cp "$cp" org.betadarts.nn.DeviceSmoke "$device"

test_classes=(nn.LayersTest nn.AvgPoolTest nn.SeparableConvTest nn.FactorizedReduceTest nn.MixedOpTest
  nn.DropPathGradientTest nn.ScalableTest nn.MemoryFormatTest space.darts.DartsOpsTest space.darts.DartsCellTest
  space.darts.DartsSpaceTest space.nb201.Nb201CellTest space.nb201.Nb201SpaceTest regularize.BetaDecayTest
  regularize.RegularizersTest optim.SgdTest optim.GradClipTest optim.AdamTest search.AlphaGradientTest
  search.SecondOrderTest search.ArchitectTest nn.DilatedConvTest nn.PrecisionTest cli.Bf16SupportTest)
selectors=()
for c in "${test_classes[@]}"; do selectors+=(--select-class "org.betadarts.$c"); done
stage tests 240 env BETADARTS_CUDNN_TF32=0 OMP_NUM_THREADS=4 "$java" "${jvm[@]}" -Dbetadarts.test.device="$device" \
  -Dbetadarts.bf16=true \
  -cp "$cp:$(ls "$kit"/test/junit-platform-console-standalone-*.jar)" org.junit.platform.console.ConsoleLauncher \
  execute --class-path "$cp" --disable-banner \
  --details=tree --reports-dir "$logs/junit" "${selectors[@]}"

if [ $sizes = paper ]; then
  bench_shape=(--steps 10 --warmup 2) torch_shape=(--steps 10 --warmup 2) bench_cells=""
  search_size=(--epochs 4)
else
  bench_shape=(--steps 2 --warmup 1 -C 4 --batch 8) torch_shape=(--steps 2 --warmup 1 --channels 4 --cells 1 --batch 8)
  bench_cells=1
  search_size=(--epochs 1 --max-train 512)
fi
bench() {
  local depth=()  # the number of cells: -N in nb201, --layers in the DARTS spaces
  if [ -n "$bench_cells" ]; then
    if [ "$1" = nb201 ]; then depth=(-N "$bench_cells"); else depth=(--layers "$bench_cells"); fi
  fi
  betadarts bench --device "$device" --space "$1" --order "$2" --precision "${3:-fp32}" "${bench_shape[@]}" "${depth[@]}" \
    --json "$logs/bench-$1-$2${3:+-$3}.json"
}
pytorch() {
  (cd "$root/benchmarks" && PYTHONUNBUFFERED=1 $py pytorch_step.py --space "$1" --device "$pytorch_device" \
    "${torch_shape[@]}" --json "$logs/pytorch-$1.json")
}
search_both() {
  betadarts search --device "$device" --seed 0 --quiet "${search_size[@]}" --out "$work/search-device" &&
    betadarts search --device cpu --seed 0 --quiet "${search_size[@]}" --out "$work/search-cpu" &&
    $py "$root/scripts/device-kit/compare_searches.py" "$work/search-device" "$work/search-cpu" | tee "$logs/search.json"
}
stage bench-nb201-first 150 bench nb201 first
stage pytorch-nb201 120 pytorch nb201
stage bench-darts-first 150 bench darts first
stage pytorch-darts 120 pytorch darts
stage search 300 search_both
# bf16 convolutions (the JNI library built here has bfloat16): the step, and the cell of the same search
search_bf16() {
  betadarts search --device "$device" --precision bf16 --seed 0 --quiet "${search_size[@]}" --out "$work/search-bf16" &&
    $py "$root/scripts/device-kit/compare_searches.py" "$work/search-bf16" "$work/search-device" | tee "$logs/search-bf16.json"
}
stage bench-nb201-first-bf16 150 bench nb201 first bf16
stage bench-darts-first-bf16 150 bench darts first bf16
stage search-bf16 200 search_bf16
stage bench-nb201-second 150 bench nb201 second
stage bench-darts-second 150 bench darts second

# ---- what ran where, and the table
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "command: scripts/device-check.sh $mode sizes=$sizes budget=${budget}s"
  echo "libtorch: $torch_version $flavor ($torch_lib)"
  "$java" -version 2>&1 | head -n 1
  $py -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version())' 2>&1
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  echo "cores: $(nproc)"
} > "$logs/versions.txt" 2>&1
$py "$root/scripts/device-kit/summary.py" "$logs" > "$logs/summary.md"
cat "$logs/summary.md"
cp "$logs/summary.md" "$out/summary.md"
tar -C "$work" -czf "$out/logs.tar.gz" logs
echo "device-check: $(($(date +%s) - start)) s; $out/summary.md, $out/logs.tar.gz" >&2
