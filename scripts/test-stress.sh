#!/usr/bin/env bash
# `npm run test:stress [-- RUNS]`: runs `npm test` RUNS times in a row (default 3) while another
# process keeps every core busy, as on a shared CI machine. Stops at the first failure.
# Each burner is a plain `node` busy loop at normal priority; they are ended on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-${STRESS_RUNS:-3}}"
cores="$(nproc)"

burners=()
cleanup() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

for _ in $(seq "$cores"); do
  node -e 'for (;;) Math.sqrt(Math.random())' &
  burners+=("$!")
done
echo "==> $cores busy-loop process(es) started (pids ${burners[*]}); $runs run(s) of npm test"

summary=()
for run in $(seq "$runs"); do
  started=$(date +%s)
  echo "==> run $run of $runs"
  if npm test; then
    summary+=("run $run: passed in $(( $(date +%s) - started )) s")
  else
    summary+=("run $run: FAILED after $(( $(date +%s) - started )) s")
    printf '%s\n' "${summary[@]}"
    exit 1
  fi
done
printf '%s\n' "${summary[@]}"
