#!/usr/bin/env bash
# Installs what migcheck needs from Debian 12 packages, if anything is missing.
# Usage: scripts/deps.sh [fuzz]   (fuzz: also clang and libFuzzer for fuzz/run)
set -euo pipefail
# libgraphviz-dev: the HTML report's state machines; chromium and its driver:
# the report's browser test (tests/report_test.py).
packages=(g++ cmake ninja-build pkg-config libboost-dev librapidcheck-dev nlohmann-json3-dev libcli11-dev
          libgtest-dev libgraphviz-dev python3 python3-jsonschema chromium chromium-driver)
[ "${1:-}" = fuzz ] && packages+=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
