#!/usr/bin/env bash
# Renders a report page in headless Chromium and checks it: the page loads, no console errors, no
# request leaves the machine, and the rendered DOM holds charts and a cell drawing.
#
#   scripts/check-report.sh REPORT/index.html [SCREENSHOT.png] [WIDTHxHEIGHT]
#
# Writes the screenshot (default: screenshot.png next to the page) and prints what it found.
# Exit 0 when every check passes, 1 when one fails, 2 when Chromium is missing
# (Debian: apt-get install -y chromium).
set -euo pipefail
page="${1:?usage: check-report.sh REPORT/index.html [SCREENSHOT.png] [WIDTHxHEIGHT]}"
page="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
shot="${2:-$(dirname "$page")/screenshot.png}"
size="${3:-1280x4000}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "check-report: no chromium on this machine" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Every request to a host is mapped to nothing, so a page that needs the network shows errors.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile"
       --host-resolver-rules="MAP * ~NOTFOUND" --enable-logging=stderr --v=0)
timeout 120 "$browser" "${flags[@]}" --window-size="${size/x/,}" --screenshot="$shot" "file://$page" \
  >"$work/shot.out" 2>"$work/shot.err" || true
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$page" >"$work/dom.html" 2>"$work/dom.err" || true

status=0
fail() { echo "FAIL: $*"; status=1; }
[ -s "$shot" ] && echo "screenshot: $shot" || fail "no screenshot written"
console="$(grep -hE 'CONSOLE|Failed to load|net::ERR' "$work/shot.err" "$work/dom.err" || true)"
if [ -n "$console" ]; then
  fail "console messages or failed loads:"
  echo "$console"
else
  echo "console: no errors"
fi
svgs=$(grep -o '<svg' "$work/dom.html" | wc -l)
charts=$(grep -o 'class="chart"' "$work/dom.html" | wc -l)
cells=$(grep -o 'class="cell"' "$work/dom.html" | wc -l)
echo "rendered DOM: $svgs svg elements, $charts charts, $cells cell drawings"
[ "$charts" -gt 0 ] || fail "no charts in the rendered page"
[ "$cells" -gt 0 ] || fail "no cell drawing in the rendered page"
exit $status
