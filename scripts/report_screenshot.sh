#!/usr/bin/env bash
# Opens a report.html in headless Chromium (Debian's `chromium` package), fails on any console
# error or failed load, and writes a full-page screenshot to look at (issue 10's render check).
# Usage: scripts/report_screenshot.sh [report.html] [screenshot.png]
# Not part of `cargo test`: CI machines have no Chromium; run it after `nomo run`.
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-reports/hcc_nomogram/report.html}
shot=${2:-reports/hcc_nomogram/report_screenshot.png}
profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
# The background-networking flags keep Chromium from reaching for Google's hosts: the report must
# open offline, so any request it makes shows up as a failed load in the log.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --window-size=1280,6000 --hide-scrollbars \
  --screenshot="$shot" "file://$(realpath "$report")" 2>"$log" >/dev/null
if grep -E 'CONSOLE.*(Error|error)|Uncaught|Failed to load|net::ERR_' "$log"; then
  echo "report_screenshot: console errors or failed loads in $report" >&2
  exit 1
fi
size=$(stat -c %s "$shot")
if (( size < 20000 )); then
  echo "report_screenshot: $shot is only $size bytes: the page did not render" >&2
  exit 1
fi
echo "report_screenshot: $report rendered without console errors; screenshot $shot ($size bytes)"
