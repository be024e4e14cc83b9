#!/usr/bin/env bash
# Run the whole test suite: every notebook in nbs/ (its examples are the tests) and tests/ with pytest.
# Usage: tools/test.sh [--slow] [--workers N] [notebook-name-regex]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python tools/run_tests.py "$@"
