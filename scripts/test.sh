#!/usr/bin/env bash
# The whole test suite: set up, then build and run ctest under the release
# preset and under the address+undefined sanitizer preset, and the tests of
# the threaded explorer under ThreadSanitizer.
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
echo "== tsan =="
cmake --preset tsan >/dev/null
cmake --build --preset tsan
# Address randomisation off: kernels with more random mmap bits give
# ThreadSanitizer's fixed memory layout mappings it does not expect.
# A reported race fails the run (the sanitizer's exit code, 66).
setarch "$(uname -m)" -R build/tsan/tests/migcheck_tests --gtest_filter='Threads.*:World.ThreadsDoNotChangeAnything'
