#!/usr/bin/env bash
# Starts the Sigilo desktop app, installing and building whatever is missing first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
echo "==> building the UI"
npm --prefix "$root/ui" run build --silent
echo "==> building and starting Sigilo"
cd "$root"
exec cargo run --release -p sigilo-desktop -- "$@"
