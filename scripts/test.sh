#!/usr/bin/env bash
# Every check of `make test`, in order. Each step's output goes to the terminal and to a log; the last
# line sums the tests of every runner as `N passed, N failed` (a failed check such as fmt counts as one).
set -uo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
logs="$target_dir/test-logs"
mkdir -p "$logs"
passed=0
failed=0
failed_steps=()

# run NAME COUNTER CMD...: COUNTER says how to read the test counts from the log (cargo, vitest, e2e, check).
run() {
  local name=$1 counter=$2
  shift 2
  local log="$logs/$name.log"
  echo "==> $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p=0 f=0
  case "$counter" in
    cargo)
      read -r p f < <(awk '/^test result:/ { for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed;/) p += $i; if ($(i+1) ~ /^failed;/) f += $i } } END { print p + 0, f + 0 }' "$log") ;;
    vitest)
      p=$(grep -E '^ +Tests ' "$log" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || true)
      f=$(grep -E '^ +Tests ' "$log" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || true) ;;
    e2e)
      p=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 | cut -d' ' -f1)
      f=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 | cut -d' ' -f3) ;;
    check)
      if [ "$status" -eq 0 ]; then p=1; else f=1; fi ;;
  esac
  p=${p:-0}
  f=${f:-0}
  # A runner that failed without reporting a failed test (a build error) still counts as one failure.
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$status" -eq 0 ] || failed_steps+=("$name")
  echo "<== $name: exit $status, $((SECONDS - start)) s"
}

run fmt check cargo fmt --all -- --check
run clippy check cargo clippy --workspace --all-targets --locked -- -D warnings
# Building the tests also builds the desktop binary the e2e suite drives (src-tauri has an integration
# test), with the same features as the tests: no second build of the dependency tree.
run cargo-test cargo cargo test --workspace --locked --no-fail-fast
run ui-lint check npm --prefix ui run --silent lint
run ui-test vitest env NO_COLOR=1 npm --prefix ui run --silent test
run e2e e2e env WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1 \
  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x800x24" node tests/e2e/run.mjs

if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; fi
echo "${passed} passed, ${failed} failed"
[ ${#failed_steps[@]} -eq 0 ]
