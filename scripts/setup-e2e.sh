#!/usr/bin/env bash
# Installs what the real-VS-Code tests (test/e2e/run.mjs) need, idempotently:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep (seeds code-server's rg
#     download), build-essential python3 libkrb5-dev (code-server's native modules compile from source);
#     `apt-get update` runs only when one of them is missing.
#   - code-server@4.100.3 (VS Code 1.100.3) into the git-ignored .vscode-test/code-server, a separate
#     npm prefix (never the project's node_modules or package.json).
# A stamp file holding the version makes a second run a no-op (offline-safe). See docs in
# /work/shared/vscode-e2e.md; pitfalls handled here:
#   - npm 11.19 blocks dependency install scripts unless approved (allowScripts). code-server's
#     postinstall runs two *nested* `npm install`s (lib/vscode, lib/vscode/extensions) whose own
#     package.json approve nothing, so their native builds (node-pty, @parcel/watcher, spdlog, kerberos,
#     @vscode/ripgrep) would be skipped silently. The approval therefore goes through the environment
#     (npm_config_dangerously_allow_all_scripts), which the nested npm processes inherit, for this one
#     pinned install only; the result is then verified file by file.
#   - @vscode/ripgrep's postinstall downloads rg from the internet (unreachable here) unless a cached
#     tarball exists in $TMPDIR/vscode-ripgrep-cache-<its version>/; a tarball of Debian's /usr/bin/rg is
#     placed there, under a private TMPDIR. (lib/vscode/package.json says ^1.15.11, which would now
#     resolve to an ESM 1.18, but its npm-shrinkwrap.json pins 1.15.11.)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.vscode-test/code-server"
STAMP="$PREFIX/.installed"
STAMP_TEXT="code-server@$CODE_SERVER_VERSION node-$(node -p 'process.versions.modules')"
START=$(date +%s)
elapsed() { echo $(($(date +%s) - START)); }
log() { printf '[setup-e2e] %s\n' "$*"; }

need_debs=()
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# --- code-server already there? -------------------------------------------------------------------
cs_ok=false
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$STAMP_TEXT" && -f "$PREFIX/node_modules/code-server/out/node/entry.js" ]]; then
  cs_ok=true
fi

# --- Debian packages ------------------------------------------------------------------------------
debs=(chromium)
$cs_ok || debs+=(ripgrep build-essential python3 libkrb5-dev)
for p in "${debs[@]}"; do deb_installed "$p" || need_debs+=("$p"); done
if ((${#need_debs[@]})); then
  log "installing Debian packages: ${need_debs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_debs[@]}" >/dev/null
fi

if $cs_ok; then
  log "code-server $CODE_SERVER_VERSION already installed in .vscode-test/code-server (stamp ok); took $(elapsed) s"
  exit 0
fi

# --- code-server ----------------------------------------------------------------------------------
log "installing code-server@$CODE_SERVER_VERSION into .vscode-test/code-server (≈ 2 min, ≈ 300 MB)"
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
TMP="$ROOT/.vscode-test/tmp"
rm -rf "$TMP"
mkdir -p "$TMP"
cat >"$PREFIX/package.json" <<'JSON'
{
  "name": "callflow-e2e-code-server",
  "private": true,
  "description": "code-server for the Callflow Studio e2e tests; installed by scripts/setup-e2e.sh",
  "allowScripts": { "code-server": true }
}
JSON

# Seed the ripgrep download cache with Debian's rg. lib/vscode's npm-shrinkwrap.json pins
# @vscode/ripgrep 1.15.11, whose postinstall fetches rg tag v13.0.0-10 (see its lib/postinstall.js) and
# first looks in $TMPDIR/vscode-ripgrep-cache-<package version>/ for the tarball; it untars it into bin/.
RG_PKG=1.15.11
RG_TAG=v13.0.0-10
mkdir -p "$TMP/vscode-ripgrep-cache-$RG_PKG"
tar czf "$TMP/vscode-ripgrep-cache-$RG_PKG/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg

nodedir_env=()
[[ -f /usr/include/node/node.h ]] && nodedir_env=(npm_config_nodedir=/usr) # node-gyp: no header download

env TMPDIR="$TMP" \
  npm_config_unsafe_perm=true \
  npm_config_yes=true \
  npm_config_dangerously_allow_all_scripts=true \
  npm_config_ignore_scripts=false \
  npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
  "${nodedir_env[@]}" \
  npm install --prefix "$PREFIX" --no-package-lock --no-save --foreground-scripts \
  "code-server@$CODE_SERVER_VERSION" >"$PREFIX/../code-server-install.log" 2>&1 || {
  tail -40 "$PREFIX/../code-server-install.log"
  log "npm install failed after $(elapsed) s; full log: .vscode-test/code-server-install.log"
  exit 1
}

# Verify that the postinstall (and the nested installs' native builds) really ran.
CS="$PREFIX/node_modules/code-server"
missing=()
for f in \
  out/node/entry.js \
  lib/vscode/node_modules.asar \
  lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
  lib/vscode/node_modules/node-pty/build/Release/pty.node \
  lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node \
  lib/vscode/extensions/node_modules/typescript/package.json; do
  [[ -e "$CS/$f" ]] || missing+=("$f")
done
if ((${#missing[@]})); then
  log "code-server install is incomplete (install scripts skipped?); missing:"
  printf '  %s\n' "${missing[@]}"
  log "see .vscode-test/code-server-install.log"
  exit 1
fi
rm -rf "$TMP"
echo "$STAMP_TEXT" >"$STAMP"
log "code-server $CODE_SERVER_VERSION installed ($(du -sh "$PREFIX" | cut -f1)); took $(elapsed) s"
