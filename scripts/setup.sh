#!/usr/bin/env bash
# Installs what Sigilo needs to build, run and test on Debian/Ubuntu, skipping what is already there.
# Idempotent; sourced by scripts/start.sh and scripts/test.sh, run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  # Tauri 2 on Linux
  libwebkit2gtk-4.1-dev librsvg2-dev libayatana-appindicator3-dev build-essential file pkg-config
  # the end-to-end journeys: a display, WebKit's WebDriver
  xvfb webkit2gtk-driver
  # the no-network test traces the CLI's system calls
  strace
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "Sigilo needs $tool (Rust and Node.js) on the PATH" >&2; exit 1; }
done

# The UI's dependencies, when the lock file changed since the last install.
stamp="$root/ui/node_modules/.sigilo-lock-stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$root/ui/package-lock.json" "$stamp"; then
  echo "==> installing the UI's npm packages"
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$root/ui/package-lock.json" "$stamp"
fi
