#!/usr/bin/env bash
# Installs what is missing, builds into build/ and starts OpenBlotter on its
# embedded defaults. Extra arguments go to the program (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dependencies.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel
exec build/app/openblotter "$@"
