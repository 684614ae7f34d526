#!/usr/bin/env bash
# Runs every check and test of Sigilo: formatting, lints, generated bindings, the UI's type check, lint and
# unit tests, every Rust crate's tests, and the end-to-end journeys in the real app window under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"
target="${CARGO_TARGET_DIR:-$root/target}"

step() { echo; echo "==> $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: type check, lint, unit tests, build"
npm --prefix ui run check --silent
npm --prefix ui run lint --silent
npm --prefix ui test --silent
npm --prefix ui run build --silent

step "cargo clippy (every crate, the desktop shell included)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (library crates, the CLI contract, the generated bindings)"
cargo test --locked

step "desktop app tests and build"
cargo test --locked -p sigilo-desktop
cargo build --locked -p sigilo-desktop

if ! command -v tauri-driver >/dev/null; then
  step "installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

step "end-to-end journeys in the real app window (Xvfb + tauri-driver)"
SIGILO_DESKTOP_BIN="$target/debug/sigilo-desktop" cargo test --locked -p sigilo-e2e -- --test-threads=1

echo
echo "All checks and tests passed."
