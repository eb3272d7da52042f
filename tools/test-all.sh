#!/usr/bin/env bash
# `make test`, after the build: every layer in turn, each required to run at
# least one test. Prints each layer's count and a closing
# "N passed, N failed" line; exits non-zero if any layer failed or ran nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/test-logs
mkdir -p "$logs"
failed_layers=()
total_passed=0
total_failed=0

# Sums "test result: ok. N passed; M failed" lines of cargo's test harness.
cargo_counts() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d %d\n", p, f }' "$1"
}

run_layer() { # name, log, count-kind, command...
  local name=$1 log=$2 kind=$3
  shift 3
  printf '\n=== %s: %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]} passed failed
  if [ "$kind" = cargo ]; then
    read -r passed failed < <(cargo_counts "$log")
  else
    passed=$(awk '/^# pass / { print $3 }' "$log" | tail -n 1)
    failed=$(awk '/^# fail / { print $3 }' "$log" | tail -n 1)
  fi
  passed=${passed:-0} failed=${failed:-0}
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  layer_summary+=("$name: $passed passed, $failed failed")
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    failed_layers+=("$name (exit $status)")
  elif [ "$passed" -eq 0 ]; then
    failed_layers+=("$name (ran no test)")
  fi
}

layer_summary=()
run_layer "native (cargo test)" "$logs/native.log" cargo \
  cargo test --locked -- --show-output
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)} WASM_BINDGEN_TEST_TIMEOUT=120 \
  run_layer "browser (wasm-bindgen-test, tests/web.rs)" "$logs/web.log" cargo \
  cargo test --locked --target wasm32-unknown-unknown --test web
run_layer "end-to-end (node --test, tests/e2e)" "$logs/e2e.log" node \
  node --test --test-concurrency=1 tests/e2e/*.test.mjs

printf '\n=== summary\n'
printf '%s\n' "${layer_summary[@]}"
if [ ${#failed_layers[@]} -gt 0 ]; then
  printf 'FAILED layers: %s\n' "${failed_layers[*]}"
fi
printf '%d passed, %d failed\n' "$total_passed" "$total_failed"
[ ${#failed_layers[@]} -eq 0 ]
