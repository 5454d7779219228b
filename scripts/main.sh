#!/usr/bin/env bash
# The main job: set up, build (release preset), and show the built-in proposals.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
migcheck=build/release/migcheck
"$migcheck" list
echo
"$migcheck" conform
for id in rfc2018-enum rfc2018-bits v1-bits v2-fsm; do
  echo
  "$migcheck" show "$id"
done
