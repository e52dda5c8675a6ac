#!/usr/bin/env bash
# Installs what the fuzz targets (tests/fuzz/run.sh) need: clang 14 and its
# runtime libraries (libFuzzer, ASan, UBSan), on top of the build dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh clang-14 libclang-rt-14-dev
