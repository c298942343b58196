#!/usr/bin/env bash
# Checks that `npm ci` accepts package-lock.json on every platform we support, not only this one:
# each platform's optional native packages (@next/swc-*, @node-rs/argon2-*, lightningcss-*,
# @tailwindcss/oxide-*, @esbuild/*, fsevents, ...) must be in the lock. Installs nothing.
# How to regenerate a lock that fails: README, "Dependencies and the lock file".
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
for platform in linux/x64 linux/arm64 darwin/arm64 darwin/x64 win32/x64; do
  os=${platform%/*} cpu=${platform#*/}
  if out=$(npm ci --dry-run --ignore-scripts --no-audit --no-fund --os="$os" --cpu="$cpu" 2>&1); then
    echo "lock: npm ci accepts the lock on $os/$cpu"
  else
    status=1
    echo "lock: npm ci REFUSES the lock on $os/$cpu:"
    grep -E "^npm error (Missing|Invalid|.*in sync)" <<<"$out" | head -20
  fi
done
exit $status
