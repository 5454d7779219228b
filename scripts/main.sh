#!/usr/bin/env bash
# The main job: set up, build (release preset), and compare the built-in
# proposals side by side (default configuration; traces in migcheck-traces/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
build/release/migcheck compare
