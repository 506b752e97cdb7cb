#!/usr/bin/env bash
# Installs what is missing, builds into build/ and runs the whole test suite
# through ctest, which prints its summary. UI tests run offscreen.
# Then the Debian package: built, checked, installed with apt-get, its programs
# tried (a basket filled by the installed simulator) and removed again
# (scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPENBLOTTER_WERROR=ON
cmake --build build --parallel
(cd build && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" --timeout 900)
scripts/package.sh --remove
