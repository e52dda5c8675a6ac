#!/usr/bin/env bash
# End-to-end test of the CGI page: indexes corpus/, serves pressa.cgi through
# lighttpd (with deploy/lighttpd.conf) on 127.0.0.1, and drives headless
# Debian Chromium with Playwright (tests/e2e/cgi/browser_test.mjs).
#
# Env: PRESSA_BIN (dir with pressa-index and pressa.cgi), PRESSA_SOURCE_DIR,
# SCREENSHOT (where to save the page; default: the temp dir).
# Exit 77 (ctest SKIP) only when node or chromium is missing locally; CI
# installs them with scripts/install-e2e-deps.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
src="${PRESSA_SOURCE_DIR:-$(cd "$here/../../.." && pwd)}"
bin="${PRESSA_BIN:-$src/build/bin}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

for tool in node; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (run scripts/install-e2e-deps.sh)"
    exit 77
  fi
done
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is not installed (apt-get install chromium, or scripts/install-e2e-deps.sh)"
  exit 77
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "FAIL: node $(node --version) is too old: playwright-core needs node >= 20"
  exit 1
fi
lighttpd="$(command -v lighttpd || true)"
[ -n "$lighttpd" ] || lighttpd=/usr/sbin/lighttpd
[ -x "$lighttpd" ] || { echo "FAIL: lighttpd is not installed (apt-get install lighttpd)"; exit 1; }
for b in pressa-index pressa.cgi; do
  [ -x "$bin/$b" ] || { echo "FAIL: $bin/$b is not built"; exit 1; }
done
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "installing playwright-core (npm ci) into $here/node_modules"
  (cd "$here" && npm ci --no-audit --no-fund --silent) ||
    { echo "FAIL: npm ci failed; run scripts/install-e2e-deps.sh"; exit 1; }
fi

tmp="$(mktemp -d /tmp/pressa-e2e-cgi.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin/pressa-index" --db "$tmp/db" "$src/corpus" >"$tmp/index.log" 2>&1 ||
  { cat "$tmp/index.log"; echo "FAIL: indexing corpus/"; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$tmp/www"
cat >"$tmp/lighttpd.conf" <<EOF
server.bind = "127.0.0.1"
server.port = $port
server.document-root = "$tmp/www"
server.errorlog = "$tmp/error.log"
server.pid-file = "$tmp/lighttpd.pid"
var.pressa_cgi = "$bin/pressa.cgi"
var.pressa_db = "$tmp/db"
include "$src/deploy/lighttpd.conf"
EOF
"$lighttpd" -tt -f "$tmp/lighttpd.conf" >/dev/null || { echo "FAIL: lighttpd config"; exit 1; }
"$lighttpd" -D -f "$tmp/lighttpd.conf" &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done

status=0
PRESSA_URL="http://127.0.0.1:$port/search" CHROMIUM="$chromium" \
  SCREENSHOT="${SCREENSHOT:-$tmp/screenshot.png}" USER_DATA_DIR="$tmp/chromium-profile" \
  timeout 90 node "$here/browser_test.mjs" || status=$?
if [ $status -ne 0 ]; then
  echo "--- lighttpd error log"
  cat "$tmp/error.log" 2>/dev/null || true
fi
exit $status
