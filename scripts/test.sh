#!/usr/bin/env bash
# Runs every check and test of Sigilo: formatting, lints, generated bindings, the UI's type check, lint and
# unit tests, every Rust crate's tests, and the end-to-end journeys in the real app window under Xvfb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"
target="${CARGO_TARGET_DIR:-$root/target}"

step() { echo; echo "==> $*"; }

# Every test runner's output is also kept here, to count what ran at the end.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
record() { "$@" 2>&1 | tee -a "$log"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI: type check, lint, unit tests, build"
npm --prefix ui run check --silent
npm --prefix ui run lint --silent
record npm --prefix ui test --silent
npm --prefix ui run build --silent

step "cargo clippy (every crate, the desktop shell included)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (library crates, the CLI contract, the generated bindings)"
record cargo test --locked

step "desktop app tests and build"
record cargo test --locked -p sigilo-desktop
cargo build --locked -p sigilo-desktop

step "fuzzing the backup reader for 60 s (cargo-fuzz on the stable toolchain, no sanitizer)"
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked --quiet
fi
(cd fuzz && CARGO_TARGET_DIR="$target/fuzz" cargo fuzz run --sanitizer none backup_reader -- -max_total_time=60 -print_final_stats=0 2>&1 | tail -n 20)

if ! command -v tauri-driver >/dev/null; then
  step "installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

step "end-to-end journeys in the real app window (Xvfb + tauri-driver)"
export SIGILO_DESKTOP_BIN="$target/debug/sigilo-desktop"
record cargo test --locked -p sigilo-e2e -- --test-threads=1

# One closing line over every runner: cargo's "N passed; M failed" lines and vitest's "Tests  N passed".
sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
  /^ *Tests +[0-9]+ passed/ { p += $2 }
  /^ *Tests +[0-9]+ failed/ { f += $2 }
  END { printf "\nAll checks passed.\nsummary: %d passed, %d failed\n", p, f }'
