#!/usr/bin/env bash
# Everything the tests need beyond `npm install`, idempotent: Debian's chromium (preview tests and the
# real-VS-Code suite) and code-server (the real-VS-Code suite). Each step is skipped when done.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f node_modules/.package-lock.json ] || npm install --no-audit --no-fund
[ -f scripts/setup-chromium.sh ] && bash scripts/setup-chromium.sh
[ -f scripts/setup-e2e.sh ] && bash scripts/setup-e2e.sh
exit 0
