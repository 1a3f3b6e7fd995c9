#!/usr/bin/env bash
# Cuts the Fashion-MNIST subset that the jar carries (the default data of `betadarts search`): the
# first 10,000 training and the first 2,000 test images with their labels, as gzipped IDX files with
# headers that give the new counts, and writes PROVENANCE.md next to them with the checksums.
#
#   scripts/make-fashion-mnist-subset.sh [SOURCE_DIR]
#
# SOURCE_DIR holds the four gzipped IDX files of the full set (default: /usr/share/datasets/fashion-mnist,
# from Debian's dataset-fashion-mnist package). The output does not depend on when it is made: gzip -n
# stores no name or time. Needs bash, gzip, head, tail, od, sha256sum.
set -euo pipefail
src="${1:-/usr/share/datasets/fashion-mnist}"
out="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/main/resources/org/betadarts/data/fashion-mnist-10k"
train=10000
test=2000
mkdir -p "$out"

# the bytes of a number as a big-endian 32-bit integer
be32() {
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) $(($1 >> 8 & 255)) \
    $(($1 & 255)))"
}

# the header of an IDX file as hex words: magic, then dimensions
header() {
  set +o pipefail # head stops reading early
  gunzip -c "$1" | head -c "$2" | od -An -v -tx1 | tr -d ' \n'
  set -o pipefail
}

# cut FILE_NAME MAGIC_HEX COUNT ITEM_DIMS...: the first COUNT items of FILE_NAME.gz
cut_file() {
  local name="$1" magic="$2" count="$3"
  shift 3
  local header_bytes=$((8 + 4 * $#)) item=1 d
  for d in "$@"; do
    item=$((item * d))
  done
  local found
  found="$(header "$src/$name.gz" "$header_bytes")"
  if [ "${found:0:8}" != "$magic" ]; then
    echo "make-fashion-mnist-subset: $src/$name.gz: magic ${found:0:8}, expected $magic" >&2
    exit 1
  fi
  local total=$((16#${found:8:8}))
  if [ "$total" -lt "$count" ]; then
    echo "make-fashion-mnist-subset: $src/$name.gz holds $total items, fewer than $count" >&2
    exit 1
  fi
  local dims=""
  for d in "$@"; do
    dims="$dims$(printf '%08x' "$d")"
  done
  if [ "${found:16}" != "$dims" ]; then
    echo "make-fashion-mnist-subset: $src/$name.gz: item dimensions ${found:16}, expected $dims" >&2
    exit 1
  fi
  local bytes=$((count * item))
  {
    be32 $((16#$magic))
    be32 "$count"
    for d in "$@"; do
      be32 "$d"
    done
    set +o pipefail
    gunzip -c "$src/$name.gz" | head -c $((header_bytes + bytes)) | tail -c +$((header_bytes + 1))
    set -o pipefail
  } | gzip -9 -n > "$out/$name.gz"
  local size
  size="$(gunzip -c "$out/$name.gz" | wc -c)"
  if [ "$size" -ne $((header_bytes + bytes)) ]; then
    echo "make-fashion-mnist-subset: $out/$name.gz holds $size bytes, expected $((header_bytes + bytes))" >&2
    exit 1
  fi
}

cut_file train-images-idx3-ubyte 00000803 "$train" 28 28
cut_file train-labels-idx1-ubyte 00000801 "$train"
cut_file t10k-images-idx3-ubyte 00000803 "$test" 28 28
cut_file t10k-labels-idx1-ubyte 00000801 "$test"

names="train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte"
{
  cat <<TEXT
# Fashion-MNIST, first 10,000 training and first 2,000 test images

These four files are the default data of \`betadarts search\` and \`betadarts train\` with
\`--dataset fashion-mnist\` and no \`--data-dir\`. They are a cut of Fashion-MNIST by Zalando Research
(https://github.com/zalandoresearch/fashion-mnist), under the MIT licence in \`LICENSE\` next to them.

Source: Debian's package \`dataset-fashion-mnist\`, version 0.0~git20200523.55506a9-1 (upstream
commit 55506a9 of 2020-05-23), files in \`/usr/share/datasets/fashion-mnist\`.

What was kept: images 0 to 9,999 of the training set with their labels, images 0 to 1,999 of the test
set with their labels, in their original order and bytes. Each file is the source file's IDX header
with the item count replaced by the new count (10,000 or 2,000), followed by the first items' bytes
unchanged, compressed with \`gzip -9 -n\` (no file name or time stored). Made by
\`scripts/make-fashion-mnist-subset.sh\`, which checks the magic numbers and dimensions of the source.

SHA-256 of the source files (gzipped):

\`\`\`
TEXT
  for n in $names; do
    echo "$(sha256sum < "$src/$n.gz" | cut -d' ' -f1)  $n.gz"
  done
  cat <<TEXT
\`\`\`

SHA-256 of the files here, gzipped and uncompressed:

\`\`\`
TEXT
  for n in $names; do
    echo "$(sha256sum < "$out/$n.gz" | cut -d' ' -f1)  $n.gz"
  done
  for n in $names; do
    echo "$(gunzip -c "$out/$n.gz" | sha256sum | cut -d' ' -f1)  $n"
  done
  echo '```'
} > "$out/PROVENANCE.md"
ls -l "$out"
