#!/usr/bin/env bash
# Takes the README's screenshots of the desktop on the demo desk under Xvfb
# into docs/screenshots/: the main window (light and dark), an order ticket
# (valid and refusing bad input), an order's detail view, the FIX sessions,
# compliance, the administrator's users, and the portfolio manager's funds, rebalance and staged list.
# Needs a build (scripts/run.sh or scripts/test.sh builds one).
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
mkdir -p "$out"
cmake --build build --target openblotter-screenshots >/dev/null
XDG_RUNTIME_DIR=$(mktemp -d) xvfb-run -a -s "-screen 0 1920x1200x24" build/tests/tools/openblotter-screenshots "$out"
