#!/usr/bin/env bash
# Installs what the browser end-to-end test of the CGI page needs (tests/e2e/cgi):
# lighttpd, Debian's chromium, node + npm, and playwright-core from package-lock.json.
# Playwright never downloads a browser here: the test uses /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(lighttpd chromium)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
scripts/install-deps.sh "${packages[@]}"

if [ ! -d tests/e2e/cgi/node_modules/playwright-core ]; then
  echo "Installing playwright-core into tests/e2e/cgi/node_modules"
  (cd tests/e2e/cgi && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi
