#!/usr/bin/env bash
# Packs what a GPU machine without a JVM or network needs to run scripts/device-check.sh, into the
# ignored folder device-kit/ (one file, device-kit/kit.tar.gz), and checks that it fits what one
# call to such a machine carries (64 MiB with the tracked files).
#
#   scripts/device-pack.sh [--limit-mib 64]
#
# The kit: a jlinked Java runtime, the project jar and its libraries without the CPU natives of
# libtorch, the test classes and the JUnit console launcher, DJL's JNI sources (Apache-2.0, LICENSE
# and NOTICE kept) from ../shared/gpu-kit/djl-0.36.0 with the project's patch for them. The scripts
# and benchmarks/ travel as tracked files.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
limit_mib=64
while [ $# -gt 0 ]; do
  case "$1" in
    --limit-mib) limit_mib=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "device-pack.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
djl_src="${DJL_JNI_SOURCES:-$here/../shared/gpu-kit/djl-0.36.0}"
[ -f "$djl_src/LICENSE" ] || { echo "device-pack.sh: no DJL JNI sources at $djl_src (set DJL_JNI_SOURCES)" >&2; exit 2; }
console=org.junit.platform:junit-platform-console-standalone:1.14.4

cd "$here"
echo "device-pack: building (mvn package, test classes)" >&2
mvn -B -q -o -DskipTests package
mvn -B -q -o test-compile
mvn -B -q -o dependency:copy -Dartifact=$console -DoutputDirectory=target/device-console >/dev/null
mvn -B -q -o -Pcuda dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/device-classpath.txt >/dev/null

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
kit="$stage/kit"
mkdir -p "$kit/lib" "$kit/test" "$kit/djl"
echo "device-pack: jlink" >&2
jlink --add-modules java.base,java.desktop,java.logging,java.management,jdk.management,java.sql,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$kit/jre"
# the JNI headers (jni.h, jni_md.h) for building the JNI library where no JDK is installed
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
cp -r "$java_home/include" "$kit/jdk-include"
cp target/betadarts.jar "$kit/lib/"
tr ':' '\n' < target/device-classpath.txt | while read -r jar; do
  case "$(basename "$jar")" in pytorch-native-*) ;; *) cp "$jar" "$kit/lib/" ;; esac
done
# the kit builds its own JNI library: DJL's prebuilt ones (for libtorch 2.7.1) stay behind
zip -q -d "$kit"/lib/pytorch-jni-*.jar 'jnilib/*.so' 'jnilib/*.dll' 'jnilib/*.dylib' >/dev/null
(cd target/test-classes && zip -q -r "$kit/test/betadarts-tests.jar" .)
cp target/device-console/*.jar "$kit/test/"
cp -r "$djl_src/." "$kit/djl/"
chmod -R u+w "$kit/djl"
cp scripts/device-kit/patch_jni.py "$kit/djl/"
mkdir -p device-kit
tar -C "$stage" -czf device-kit/kit.tar.gz.tmp kit
mv device-kit/kit.tar.gz.tmp device-kit/kit.tar.gz

kit_bytes=$(stat -c %s device-kit/kit.tar.gz)
tree_bytes=$(git ls-files -z | xargs -0 stat -c %s 2>/dev/null | awk '{s += $1} END {print s + 0}')
total=$((kit_bytes + tree_bytes))
printf 'device-pack: device-kit/kit.tar.gz %.1f MiB + tracked files %.1f MiB = %.1f MiB of %d MiB\n' \
  "$(echo "$kit_bytes / 1048576" | bc -l)" "$(echo "$tree_bytes / 1048576" | bc -l)" \
  "$(echo "$total / 1048576" | bc -l)" "$limit_mib"
if [ "$total" -gt $((limit_mib * 1048576)) ]; then
  echo "device-pack: too large for one call ($limit_mib MiB)" >&2
  exit 1
fi
