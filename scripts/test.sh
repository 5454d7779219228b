#!/usr/bin/env bash
# The whole test suite: set up, then build and run ctest under the release
# preset and under the address+undefined sanitizer preset.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
for preset in release asan; do
  echo "== $preset =="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  if [ "$preset" = asan ]; then
    ctest --preset "$preset" -LE full  # the full-configuration runs take minutes under the sanitizers
  else
    ctest --preset "$preset"
  fi
done
