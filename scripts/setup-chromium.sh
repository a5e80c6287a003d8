#!/bin/sh
# Installs Debian's Chromium for the webview tests and the preview benchmark (idempotent; run as root).
# The tests launch it with playwright-core at /usr/bin/chromium.
set -eu
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-chromium.sh: run as root (apt-get install)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
command -v chromium
