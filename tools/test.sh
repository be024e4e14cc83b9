#!/usr/bin/env bash
# Run the whole test suite: every notebook in nbs/ through `nbdev-test` (the examples are the tests), then print the
# one line CI reads, `N passed, M failed` (a notebook passes when all its cells run; cells flagged `slow` are skipped
# unless --slow is given).
# Usage: tools/test.sh [--slow] [--save] [--file-re REGEX] [other nbdev-test options]
set -uo pipefail
cd "$(dirname "$0")/.."
ARGS=()
for a in "$@"; do if [ "$a" = --slow ]; then ARGS+=(--flags slow); else ARGS+=("$a"); fi; done
# Two notebooks at a time, one torch thread each: the CI machine has two cores.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1} MPLBACKEND=${MPLBACKEND:-Agg}
if [ -z "${MDE_XAI_ASSETS:-}" ]; then
  A=$(python -c "from mde_xai.testing import assets_dir; print(assets_dir() or '')" 2>/dev/null)
  [ -n "$A" ] && export MDE_XAI_ASSETS="$A"
fi
LOG=$(mktemp)
nbdev-test --n-workers "${TEST_WORKERS:-2}" --do-print --timing "${ARGS[@]}" 2>&1 | tee "$LOG"
RC=${PIPESTATUS[0]}
N=$(grep -c '^Starting ' "$LOG")
FAILED=$(sed -n '/Failed On The Following Notebooks/,$p' "$LOG" | grep -c $'^\t')
[ "$RC" -ne 0 ] && [ "$FAILED" -eq 0 ] && FAILED=1          # nbdev-test itself broke
rm -f "$LOG"
echo "$((N - FAILED)) passed, $FAILED failed"
[ "$N" -gt 0 ] && exit "$RC" || exit 1
